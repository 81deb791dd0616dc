//! The site in two languages: one catalogue per language with the same keys, every key the
//! code asks for present, no English UI text left in a template, and every page reachable in
//! Chinese under `/zh/` with its alternates and a language switch.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::TestServer;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The message ids of one language's catalogue (every `.ftl` file of its folder).
fn catalogue_keys(lang: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for file in files_under(&root().join("src/i18n/locales").join(lang), "ftl") {
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            let Some((id, _)) = line.split_once(" =") else { continue };
            if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                assert!(keys.insert(id.to_string()), "{}: {id} is defined twice", file.display());
            }
        }
    }
    keys
}

#[test]
fn both_catalogues_have_the_same_keys() {
    let en = catalogue_keys("en");
    let zh = catalogue_keys("zh-Hans");
    assert!(en.len() > 50, "{} keys", en.len());
    let only_en: Vec<_> = en.difference(&zh).collect();
    let only_zh: Vec<_> = zh.difference(&en).collect();
    assert!(only_en.is_empty() && only_zh.is_empty(), "only in English: {only_en:?}\nonly in Chinese: {only_zh:?}");
}

/// Every `t("key")`, `t1("key"`, `t2("key"`, `tn("key"`, `t_count("key"` in the templates and the code.
fn keys_used() -> BTreeSet<(String, String)> {
    let mut used = BTreeSet::new();
    let files = files_under(&root().join("templates"), "html")
        .into_iter()
        .chain(files_under(&root().join("templates"), "svg"))
        .chain(files_under(&root().join("src"), "rs"));
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for call in ["t(\"", "t1(\"", "t2(\"", "tn(\"", "t_count(\""] {
            for (at, _) in text.match_indices(call) {
                // `t("` also ends `format!("` and the like: only a call of ours counts.
                let before = text[..at].chars().last().unwrap_or(' ');
                if before.is_ascii_alphanumeric() || before == '_' {
                    continue;
                }
                let key = text[at + call.len()..].split('"').next().unwrap();
                used.insert((key.to_string(), file.strip_prefix(root()).unwrap().display().to_string()));
            }
        }
    }
    used
}

#[test]
fn every_key_the_code_asks_for_is_in_the_catalogue() {
    let en = catalogue_keys("en");
    let used = keys_used();
    assert!(used.len() > 50, "{} keys used", used.len());
    let missing: Vec<_> = used.iter().filter(|(k, _)| !en.contains(k)).collect();
    assert!(missing.is_empty(), "keys missing from the catalogue: {missing:#?}");
}

/// Words a template may hold outside the catalogue: names and codes that read the same in
/// both languages.
const SAME_IN_EVERY_LANGUAGE: &[&str] = &["Clusterscope", "JSON", "CSV", "HTML", "SVG", "API", "OpenAPI", "CAGR"];

/// The text of a template a reader sees, with template code, comments, tags, entities and
/// (checked separately) attribute values removed; and the user-visible attribute values.
fn visible_text(template: &str) -> (String, Vec<String>) {
    // A navigation block that marks the current page holds only this attribute, which a
    // reader never sees as text.
    let mut text = template.replace("aria-current=\"page\"", " ");
    for (open, close) in [("{#", "#}"), ("{%", "%}"), ("{{", "}}")] {
        while let Some(start) = text.find(open) {
            let end = text[start..].find(close).map_or(text.len(), |e| start + e + close.len());
            text.replace_range(start..end, " ");
        }
    }
    let mut attributes = Vec::new();
    for name in ["title=\"", "alt=\"", "aria-label=\"", "placeholder=\"", "content=\""] {
        for (at, _) in text.match_indices(name) {
            // `content=` of <meta name="color-scheme"> and the like hold keywords, not text.
            if name == "content=\"" && !text[..at].ends_with("name=\"description\" ") {
                continue;
            }
            attributes.push(text[at + name.len()..].split('"').next().unwrap().to_string());
        }
    }
    let mut visible = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                visible.push(' ');
            }
            _ if !in_tag => visible.push(c),
            _ => {}
        }
    }
    (visible, attributes)
}

fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic() && c != '&' && c != ';' && c != '#')
        .filter(|w| w.len() >= 2 && !w.starts_with('&'))
        .filter(|w| w.chars().any(|c| c.is_ascii_lowercase()) || w.len() > 3)
        .filter(|w| !SAME_IN_EVERY_LANGUAGE.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn templates_hold_no_english_outside_the_catalogue() {
    let mut found = Vec::new();
    for file in
        files_under(&root().join("templates"), "html").into_iter().chain(files_under(&root().join("templates"), "svg"))
    {
        let (text, attributes) = visible_text(&std::fs::read_to_string(&file).unwrap());
        let mut words = english_words(&text);
        for a in &attributes {
            words.extend(english_words(a));
        }
        if !words.is_empty() {
            found.push(format!("{}: {}", file.strip_prefix(root()).unwrap().display(), words.join(" ")));
        }
    }
    assert!(found.is_empty(), "English UI text outside the catalogue:\n{}", found.join("\n"));
}

/// Chinese pages: the language, the alternates of both languages, and the switch back.
#[tokio::test]
async fn every_page_has_its_chinese_twin_with_alternates_and_a_switch() {
    let s = TestServer::start().await;
    for path in [
        "/",
        "/compare?city=dalian&city=bangalore",
        "/scorecard?city=dalian&city=pune",
        "/cities?sector=bpo",
        "/cities/dalian",
        "/parks/dalian-software-park",
        "/companies?city=dalian",
        "/companies/neusoft-dalian",
        "/sources",
        "/sources/intheblack-dalian",
        "/coverage",
        "/search?q=dal",
        "/changes",
        "/api",
    ] {
        let zh_path = if path == "/" { "/zh/".to_string() } else { format!("/zh{path}") };
        let zh = s.get(&zh_path).await;
        assert_eq!(zh.status, 200, "{zh_path}");
        assert!(zh.body.contains("<html lang=\"zh-Hans\">"), "{zh_path}");
        assert_eq!(zh.header("content-language"), "zh-Hans", "{zh_path}");
        let en_href = path.replace('&', "&#38;");
        let zh_href = zh_path.replace('&', "&#38;");
        // Alternates are complete addresses, as search engines require.
        let base = &s.base;
        assert!(
            zh.body.contains(&format!("<link rel=\"alternate\" hreflang=\"en\" href=\"{base}{en_href}\">")),
            "{zh_path}"
        );
        assert!(
            zh.body.contains(&format!("<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"{base}{zh_href}\">")),
            "{zh_path}"
        );
        assert!(zh.body.contains(&format!("hreflang=\"en\" href=\"{en_href}\">English</a>")), "{zh_path}: the switch");

        let en = s.get(path).await;
        assert!(en.body.contains("<html lang=\"en\">"), "{path}");
        assert!(en.body.contains(&format!("hreflang=\"zh-Hans\" href=\"{zh_href}\">中文</a>")), "{path}: the switch");
        // The Chinese page links to Chinese pages, but data twins and assets stay shared.
        let own_links = zh.body.replace("hreflang=\"en\" href=\"/", "hreflang=\"en\" href=\"EN/");
        let english_pages = own_links
            .match_indices("href=\"/")
            .map(|(at, _)| own_links[at + 6..].split('"').next().unwrap_or_default())
            .filter(|target| target.starts_with("/compare?") || target.starts_with("/cities/"))
            .filter(|target| !target.split('?').next().unwrap_or_default().ends_with(".json"))
            .collect::<Vec<_>>();
        assert!(english_pages.is_empty(), "{zh_path}: {english_pages:?}");
        assert!(zh.body.contains("href=\"/static/css/"), "{zh_path}");
    }
}

#[tokio::test]
async fn chinese_pages_read_in_chinese_with_chinese_names_and_errors() {
    let s = TestServer::start().await;
    let r = s.get("/zh/compare?city=dalian&city=bangalore&city=metro-manila&city=silicon-valley").await;
    for name in ["大连", "班加罗尔", "马尼拉大都会", "硅谷"] {
        assert!(r.body.contains(name), "{name}");
    }
    // A quote stays in the language of its source.
    assert!(r.body.contains("14. Dalian (Dairen), China (14)"), "quotes are not translated");
    let missing = s.get("/zh/cities/atlantis").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html lang=\"zh-Hans\">") && missing.body.contains("找不到"), "{}", missing.body);
    let bad = s.get("/zh/cities?sector=mining").await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("<html lang=\"zh-Hans\">"), "the form comes back in Chinese");
    assert!(bad.body.contains("mining"), "the message still names what was given");
}

/// The API page reads in Chinese down to each parameter, while the description programs read
/// stays English under either path.
#[tokio::test]
async fn the_api_page_is_translated_and_the_description_is_not() {
    let s = TestServer::start().await;
    let zh = s.get("/zh/api").await;
    assert_eq!(zh.status, 200);
    for text in ["按所选指标比较城市", "2 至 8 个城市", "城市标识，共 18 个", "按每个数字所属年份的引用汇率"]
    {
        assert!(zh.body.contains(text), "{text}");
    }
    // A key missing from the catalogue would show as the key itself.
    assert!(!zh.body.contains("api-param-") && !zh.body.contains("api-route-"), "every text is in the catalogue");
    let en = s.get("/api").await;
    assert!(!en.body.contains("api-param-") && en.body.contains("2 to 8 cities, in the order of their colours"));

    let description = s.get("/zh/openapi.json").await;
    assert_eq!(description.status, 200);
    assert!(description.body == s.get("/openapi.json").await.body, "one contract, in English");
    assert!(description.body.contains("\"China\"") && !description.body.contains("中国"), "country names in English");
    assert!(description.body.contains("Converts money to US dollars at the cited rate of each figure's year."));
}

/// A Chinese compare page offers the Chinese embed, which reads in Chinese and links back to
/// the Chinese comparison.
#[tokio::test]
async fn embeds_keep_the_language_of_the_page_they_were_copied_from() {
    let s = TestServer::start().await;
    let page = s.get("/zh/compare?city=dalian&city=bangalore").await;
    assert!(page.body.contains("在其他网站嵌入第一张图表"), "the snippets are explained in Chinese");
    assert!(
        page.body.contains("&#60;iframe src=&#34;/zh/embed/compare?city=dalian&#38;amp;city=bangalore"),
        "the frame snippet is Chinese"
    );
    let embed = s.get("/zh/embed/compare?city=dalian&city=bangalore").await;
    assert_eq!(embed.status, 200);
    assert!(embed.body.contains("<html lang=\"zh-Hans\">"));
    assert!(embed.body.contains("Clusterscope 比较") && embed.body.contains("来源："), "{}", embed.body);
    assert!(embed.body.contains("href=\"/zh/compare?city=dalian"), "the link back is to the Chinese comparison");
    let english = s.get("/embed/compare?city=dalian&city=bangalore").await;
    assert!(english.body.contains("<html lang=\"en\">") && english.body.contains("Sources:"));
}

/// Behind a proxy the alternates name the public address, not the one the server listens on.
#[tokio::test]
async fn alternates_use_the_public_address_when_it_is_known() {
    let settings = clusterscope::web::Settings {
        public_url: Some("https://clusters.example.org".into()),
        ..clusterscope::web::Settings::default()
    };
    let s = TestServer::start_configured(settings, None).await;
    let r = s.get("/zh/cities/dalian").await;
    assert!(r.body.contains("hreflang=\"en\" href=\"https://clusters.example.org/cities/dalian\""));
    assert!(r.body.contains("hreflang=\"zh-Hans\" href=\"https://clusters.example.org/zh/cities/dalian\""));
    // An exported file names the page it came from in its own language.
    for (export, origin) in [
        ("/zh/compare/export?city=dalian&city=pune", "https://clusters.example.org/zh/compare?city=dalian"),
        ("/zh/scorecard/export?city=dalian&city=pune", "https://clusters.example.org/zh/scorecard?"),
    ] {
        let file = s.get(export).await;
        assert!(file.body.contains(origin), "{export}");
    }
}

/// The values of `column` in a bundled data file.
fn data_column(file: &str, column: &str) -> BTreeSet<String> {
    let mut reader = csv::Reader::from_path(root().join("data").join(file)).unwrap();
    let at = reader.headers().unwrap().iter().position(|h| h == column).unwrap();
    reader.records().map(|r| r.unwrap().get(at).unwrap().to_string()).collect()
}

/// Every name of the bundled data has its Chinese form, and every metric and sector says what
/// it covers in Chinese: a Chinese page never falls back to English for them.
#[tokio::test]
async fn the_bundled_data_reads_in_chinese_throughout() {
    use clusterscope::i18n::Lang;
    use clusterscope::i18n::names::{Kind, name_in};
    let s = TestServer::start().await;
    let sectors: BTreeSet<String> =
        clusterscope::db::sectors::all(&s.pool).await.unwrap().into_iter().map(|s| s.slug).collect();
    let wanted = [
        (Kind::City, data_column("cities.csv", "slug")),
        (Kind::Country, data_column("cities.csv", "country")),
        (Kind::Park, data_column("parks.csv", "slug")),
        (Kind::Metric, data_column("metric_definitions.csv", "metric")),
        (Kind::MetricDescription, data_column("metric_definitions.csv", "metric")),
        (Kind::Sector, sectors.clone()),
        (Kind::SectorDescription, sectors),
    ];
    let mut missing = Vec::new();
    for (kind, keys) in wanted {
        missing
            .extend(keys.into_iter().filter(|k| name_in(Lang::Zh, kind, k).is_none()).map(|k| format!("{kind:?} {k}")));
    }
    assert!(missing.is_empty(), "no Chinese in data/i18n/zh-Hans.csv for: {missing:?}");
}
