//! Display names in other languages: cities, parks, sectors, countries, metric labels, what
//! metrics and sectors cover, and the pickers' presets, from
//! `data/i18n/zh-Hans.csv` (`kind,slug,name`), compiled into the binary. A name is not a
//! figure, so it carries no source; a thing without a translated name keeps the dataset's.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Lang, lang};

/// What a name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    City,
    Park,
    Sector,
    Country,
    Metric,
    /// What a metric counts (the catalogue's `description`).
    MetricDescription,
    /// What a sector covers.
    SectorDescription,
    /// A preset's label; its description is `PresetNote`.
    Preset,
    PresetNote,
}

impl Kind {
    fn parse(word: &str) -> Option<Kind> {
        match word {
            "city" => Some(Kind::City),
            "park" => Some(Kind::Park),
            "sector" => Some(Kind::Sector),
            "country" => Some(Kind::Country),
            "metric" => Some(Kind::Metric),
            "metric_description" => Some(Kind::MetricDescription),
            "sector_description" => Some(Kind::SectorDescription),
            "preset" => Some(Kind::Preset),
            "preset_note" => Some(Kind::PresetNote),
            _ => None,
        }
    }
}

const ZH_FILE: &str = include_str!("../../data/i18n/zh-Hans.csv");

/// The Chinese names by kind and key (a slug; for countries, the English name).
static ZH: LazyLock<HashMap<(Kind, String), String>> = LazyLock::new(|| parse(ZH_FILE));

fn parse(text: &str) -> HashMap<(Kind, String), String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| Some(((Kind::parse(r.get(0)?)?, r.get(1)?.to_string()), r.get(2)?.to_string())))
        .collect()
}

/// The name of `key` in the current language: the translation when there is one, else `own`.
pub fn name(kind: Kind, key: &str, own: &str) -> String {
    name_in(lang(), kind, key).unwrap_or(own).to_string()
}

/// The translated name, if the language has one (English names are the dataset's own).
pub fn name_in(lang: Lang, kind: Kind, key: &str) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Zh => ZH.get(&(kind, key.to_string())).map(String::as_str),
    }
}

/// Every key of `kind` the file translates.
pub fn keys(kind: Kind) -> Vec<&'static str> {
    ZH.keys().filter(|(k, _)| *k == kind).map(|(_, key)| key.as_str()).collect()
}

/// The names of `key` in the languages other than English that have one.
pub fn translations(kind: Kind, key: &str) -> impl Iterator<Item = &'static str> {
    Lang::ALL.into_iter().filter_map(move |lang| name_in(lang, kind, key))
}

/// The keys of `kind` whose name in another language holds every part of `text` (its runs of
/// letters and digits, as the full-text index splits a query): the search's way to the
/// translations, which that index (over the dataset's English names) does not see. Chinese
/// writes no spaces between words, so a part matches anywhere in a name, not only at the start
/// of a word. A query of ASCII only is left to the index: it would otherwise find English words
/// inside translated names by other rules.
pub fn keys_matching(kind: Kind, text: &str) -> Vec<&'static str> {
    let parts: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()).take(8).map(str::to_lowercase).collect();
    if parts.is_empty() || text.is_ascii() {
        return Vec::new();
    }
    let mut keys: Vec<&'static str> = ZH
        .iter()
        .filter(|((k, _), name)| *k == kind && parts.iter().all(|p| name.to_lowercase().contains(p.as_str())))
        .map(|((_, key), _)| key.as_str())
        .collect();
    keys.sort_unstable();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_reads_and_every_row_has_a_known_kind() {
        let rows = ZH_FILE.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        assert_eq!(ZH.len(), rows, "a row with an unknown kind or a repeated key");
        assert_eq!(name_in(Lang::Zh, Kind::City, "dalian"), Some("大连"));
        assert_eq!(name_in(Lang::En, Kind::City, "dalian"), None);
    }

    #[test]
    fn translated_names_match_on_any_part_and_ascii_is_left_to_the_index() {
        assert_eq!(keys_matching(Kind::City, "大连"), ["dalian"]);
        assert_eq!(keys_matching(Kind::City, "  大连 "), ["dalian"]);
        assert_eq!(keys_matching(Kind::City, "“大连”"), ["dalian"], "quotes are not part of a name");
        let parks = keys_matching(Kind::Park, "大连 二期");
        assert_eq!(parks, ["dlsp-phase-2"], "every part must be in the name");
        assert!(keys_matching(Kind::Park, "软件园").contains(&"dalian-software-park"), "not only at the start");
        assert_eq!(keys_matching(Kind::Country, "中国"), ["China"]);
        assert!(keys_matching(Kind::City, "dal").is_empty());
        assert!(keys_matching(Kind::City, " ").is_empty());
        assert!(keys_matching(Kind::City, "东京大连").is_empty());
        assert_eq!(translations(Kind::City, "dalian").collect::<Vec<_>>(), ["大连"]);
    }
}
