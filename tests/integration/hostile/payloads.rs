//! The payloads planted in the data, the hostile dataset that carries them and a server of it.
//! Each is unique (no one's escaped form is part of another's), so finding one on a page proves
//! that this very field was rendered there.

use clusterscope::dataset::{FolderDataset, ImportMode, Provenance, import};

use super::csv_imports::{METRICS_HEADER, csv_file};
use crate::common::html::escaped;
use crate::common::{TestServer, dataset, loaded_db};

pub const CITY: &str = "evil-city";
pub const PARK: &str = "evil-park";
pub const COMPANY: &str = "evil-co";
pub const SOURCE: &str = "hostile-src";
pub const METRIC: &str = "hostile_index";

pub const CITY_NAME: &str = "=HYPERLINK(\"http://evil.example/name\") <script>alert('name')</script> & Co";
pub const COUNTRY: &str = "+Nowhere \"><img src=x onerror=alert('country')>";
pub const REGION: &str = "Evil region <svg onload=alert('region')>";
pub const POPULATION_SCOPE: &str = "~scope </style><b>scope</b>";
pub const SUMMARY: &str =
    "javascript:alert('summary') </title><script>alert('summary')</script> {{7*7}} </style> the end";
pub const SOURCE_TITLE: &str = "=cmd|' /C calc'!A0 <script>alert('title')</script> \"Report\"";
pub const SOURCE_PUBLISHER: &str = "@evil \"><img src=x onerror=alert('publisher')> Press";
pub const SOURCE_URL: &str = "https://evil.example\"><svg/onload=alert('url')>/r?a=1&b=2";
pub const METRIC_LABEL: &str = "-1+1 <svg onload=alert('label')> index";
pub const METRIC_DESCRIPTION: &str = "</style><script>alert('description')</script>";
pub const PARK_NAME: &str = "<svg onload=alert('park')> Park \"One\" & 'Two'";
pub const PARK_QUOTE: &str = "'; DROP TABLE parks; -- <script>alert('park quote')</script>";
pub const COMPANY_NAME: &str = "\"><img src=x onerror=alert('company')> Corp";
pub const COMPANY_HQ: &str = "</title><script>alert('hq')</script>";
pub const COMPANY_QUOTE: &str = "{{7*7}} </style><b>company quote</b>";
pub const SECTOR_QUOTE: &str = "<svg onload=alert('sector')> known for BPO";
pub const Q_POPULATION: &str = "=HYPERLINK(\"http://evil\")";
pub const Q_REVENUE_2019: &str = "+cmd|' /C calc'!A0";
pub const Q_REVENUE_2020: &str = "\"><img src=x onerror=alert('revenue')>";
pub const Q_EMPLOYEES_2019: &str = "@SUM(1)";
pub const Q_EMPLOYEES_2020: &str = "-2+3";
pub const Q_RANK: &str = "<script>alert('rank')</script>";
pub const Q_COMPANIES: &str = "</title><script>alert('companies')</script>";
pub const Q_INDEX: &str = "javascript:alert('index') {{7*7}}";
/// Why the data changed, as an admin or `import --reason` gives it: shown on /changes.
pub const CHANGE_REASON: &str = "<script>alert('reason')</script> \"fixed\" & re-sourced";
/// Who changed it: never shown on a public page.
pub const CHANGE_ACTOR: &str = "actor-never-shown <svg onload=alert('actor')>";

pub const PAYLOADS: [&str; 25] = [
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
pub const QUOTES: [(&str, i64, &str); 8] = [
    ("population", 2020, Q_POPULATION),
    ("it_revenue_usd", 2019, Q_REVENUE_2019),
    ("it_revenue_usd", 2020, Q_REVENUE_2020),
    ("it_employees", 2019, Q_EMPLOYEES_2019),
    ("it_employees", 2020, Q_EMPLOYEES_2020),
    ("tholons_rank", 2019, Q_RANK),
    ("it_companies", 2020, Q_COMPANIES),
    (METRIC, 2020, Q_INDEX),
];

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
pub async fn hostile_server() -> TestServer {
    let (dir, pool) = loaded_db().await;
    let folder = hostile_dataset();
    let provenance = Provenance { actor: CHANGE_ACTOR, reason: CHANGE_REASON };
    let report =
        import(&pool, &FolderDataset::new(folder.path()).unwrap(), ImportMode::Apply, provenance).await.unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.applied);
    TestServer::serve(dir, pool).await
}

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
