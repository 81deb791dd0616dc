//! Names in the language of the page being answered (`i18n::names`), put into rows as they are
//! read: every page, chart and title then shows them without knowing about languages. Keys and
//! slugs stay as stored; English pages (and everything outside a request) read the rows as
//! they are. What is cached across requests is cached per language (`web::freshness`).

use crate::i18n::names::{Kind, name_in};
use crate::i18n::{Lang, lang};

/// A row with display names to translate.
pub(crate) trait Localise {
    fn localise(&mut self, lang: Lang);
}

/// `rows` with their names in the current language.
pub(crate) fn rows<T: Localise>(mut rows: Vec<T>) -> Vec<T> {
    let lang = lang();
    if lang != Lang::En {
        for row in &mut rows {
            row.localise(lang);
        }
    }
    rows
}

/// `row` with its names in the current language.
pub(crate) fn row<T: Localise>(mut row: T) -> T {
    let lang = lang();
    if lang != Lang::En {
        row.localise(lang);
    }
    row
}

/// Replaces `text` with the translation of `key`, if there is one.
pub(crate) fn translate(lang: Lang, kind: Kind, key: &str, text: &mut String) {
    if let Some(name) = name_in(lang, kind, key) {
        *text = name.to_string();
    }
}

/// Replaces a country's name (the key is the English name itself).
pub(crate) fn country(lang: Lang, text: &mut String) {
    if let Some(name) = name_in(lang, Kind::Country, text) {
        *text = name.to_string();
    }
}
