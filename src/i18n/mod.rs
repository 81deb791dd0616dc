//! The site in English and in Simplified Chinese.
//!
//! The path decides the language: `/zh/...` is Chinese, every other path English (no
//! `Accept-Language` negotiation, so a URL shows everyone the same page and caches stay
//! simple). `web::lang` strips the prefix before routing and runs the request inside
//! [`within`], so that anything rendering the answer (templates, charts, number formats,
//! error pages) reads the language with [`lang`] instead of threading it through every
//! function. Links are written unprefixed; `web::lang` prefixes them in Chinese pages.
//!
//! UI text comes from one Fluent catalogue per language (`src/i18n/locales/*/site.ftl`,
//! compiled into the binary); `tests/integration/i18n.rs` fails when a key is in one and not the other,
//! when code asks for a key neither has, or when a template holds English outside them.
//! Names of cities, parks, sectors and metrics come from `data/i18n/zh-Hans.csv` ([`names`]).

pub mod names;

use std::borrow::Cow;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, LazyLock, RwLock};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./src/i18n/locales",
        fallback_language: "en",
        // Fluent wraps arguments in Unicode isolation marks by default; the pages set their
        // own direction, and the marks would end up inside copied numbers.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Zh,
}

static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| "en".parse().expect("a language tag"));
static ZH: LazyLock<LanguageIdentifier> = LazyLock::new(|| "zh-Hans".parse().expect("a language tag"));

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag: `lang` and `hreflang` attributes, `Content-Language`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    /// What the language's paths start with.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Zh => "/zh",
        }
    }

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// The page being answered in this language (see [`address_in`]).
    pub fn address(&self) -> String {
        address_in(*self)
    }

    /// The same, as a complete URL when the site's address is known: `hreflang` alternates
    /// must be complete for search engines.
    pub fn absolute_address(&self) -> String {
        let origin = CURRENT.try_with(|c| c.origin.clone()).unwrap_or_else(|_| "".into());
        format!("{origin}{}", address_in(*self))
    }

    /// The language's own name, for the switch.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// The language of a path, and the path as the router knows it (prefix removed).
    pub fn of_path(path: &str) -> (Lang, &str) {
        match path.strip_prefix("/zh") {
            Some("") => (Lang::Zh, "/"),
            Some(rest) if rest.starts_with('/') => (Lang::Zh, rest),
            _ => (Lang::En, path),
        }
    }
}

/// The language of the request being answered, and its path and query without the prefix.
#[derive(Debug, Clone)]
struct Current {
    lang: Lang,
    path_and_query: String,
    /// `https://host` for absolute addresses, or empty when the site's own is not known.
    origin: std::sync::Arc<str>,
}

tokio::task_local! {
    static CURRENT: Current;
}

/// Runs `f` as the answer to a request in `lang` for `path_and_query` (prefix removed), on the
/// site at `origin` (`http://host:port`, or empty when unknown).
pub async fn within_site<F: Future>(
    origin: std::sync::Arc<str>,
    lang: Lang,
    path_and_query: String,
    f: F,
) -> F::Output {
    CURRENT.scope(Current { lang, path_and_query, origin }, f).await
}

/// Runs `f` in `lang` for `path_and_query`, on the same site as the request being answered.
pub async fn within<F: Future>(lang: Lang, path_and_query: String, f: F) -> F::Output {
    let origin = CURRENT.try_with(|c| c.origin.clone()).unwrap_or_else(|_| "".into());
    within_site(origin, lang, path_and_query, f).await
}

/// The language of the request being answered; English outside a request (the command line,
/// tests of pure functions).
pub fn lang() -> Lang {
    CURRENT.try_with(|c| c.lang).unwrap_or(Lang::En)
}

/// The page being answered, in `lang`: the address of its twin in the other language.
pub fn address_in(lang: Lang) -> String {
    let here = CURRENT.try_with(|c| c.path_and_query.clone()).unwrap_or_else(|_| "/".to_string());
    match (lang, here.as_str()) {
        (Lang::En, _) => here,
        (Lang::Zh, "/") => "/zh/".to_string(),
        (Lang::Zh, _) if here.starts_with("/?") => format!("/zh/{}", &here[1..]),
        (Lang::Zh, _) => format!("/zh{here}"),
    }
}

/// What separates a sentence from the next, or a label from what follows it: a space in
/// English, nothing in Chinese (whose full-width punctuation carries its own space).
pub fn space() -> &'static str {
    match lang() {
        Lang::En => " ",
        Lang::Zh => "",
    }
}

/// The message `key` in the current language. A key missing from the catalogue shows as the
/// key itself (a test keeps that from shipping).
pub fn t(key: &str) -> String {
    let lang = lang();
    let memo = match lang {
        Lang::En => &PLAIN[0],
        Lang::Zh => &PLAIN[1],
    };
    if let Some(text) = memo.read().unwrap_or_else(|e| e.into_inner()).get(key) {
        return text.to_string();
    }
    let text = lookup(lang, key, None);
    // Only keys the catalogue has are kept: they are a fixed set, whatever a request asks.
    if has_key(lang, key) || has_key(Lang::En, key) {
        memo.write().unwrap_or_else(|e| e.into_inner()).insert(key.to_string(), Arc::from(text.as_str()));
    }
    text
}

type Memo = RwLock<HashMap<String, Arc<str>>>;

/// Messages without arguments, by language, as `t` first found them. Fluent negotiates the
/// language and formats the pattern on every look-up, about a microsecond: a list page asks
/// for the same few labels once per row.
static PLAIN: [LazyLock<Memo>; 2] = [LazyLock::new(Default::default), LazyLock::new(Default::default)];

/// The message `key` with one argument.
pub fn t1(key: &str, name: &'static str, value: impl ToString) -> String {
    let args = HashMap::from([(Cow::Borrowed(name), FluentValue::from(value.to_string()))]);
    lookup(lang(), key, Some(&args))
}

/// The message `key` with two arguments.
pub fn t2(key: &str, a: &'static str, a_value: impl ToString, b: &'static str, b_value: impl ToString) -> String {
    let args = HashMap::from([
        (Cow::Borrowed(a), FluentValue::from(a_value.to_string())),
        (Cow::Borrowed(b), FluentValue::from(b_value.to_string())),
    ]);
    lookup(lang(), key, Some(&args))
}

/// The message `key` with any number of arguments, for sentences that name more than two
/// things ("{ $name }: { $n } figures from { $first } to { $last }").
pub fn tn(key: &str, args: &[(&'static str, &dyn ToString)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> =
        args.iter().map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.to_string()))).collect();
    lookup(lang(), key, Some(&args))
}

/// The message `key` with a count `n` that selects the plural form (`[one]`, `*[other]`)
/// and is shown as `shown` (formatted by the caller, e.g. `1,234`).
pub fn t_count(key: &str, n: i64, shown: &str) -> String {
    let args = HashMap::from([
        (Cow::Borrowed("n"), FluentValue::from(n)),
        (Cow::Borrowed("shown"), FluentValue::from(shown.to_string())),
    ]);
    lookup(lang(), key, Some(&args))
}

fn lookup(lang: Lang, key: &str, args: Option<&HashMap<Cow<'static, str>, FluentValue>>) -> String {
    LOCALES.try_lookup_complete(lang.id(), key, args).unwrap_or_else(|| key.to_string())
}

/// Whether `lang`'s catalogue has `key` (without falling back to English).
pub fn has_key(lang: Lang, key: &str) -> bool {
    LOCALES.lookup_single_language::<&str>(lang.id(), key, None).is_ok()
}
