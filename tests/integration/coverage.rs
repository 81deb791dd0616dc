//! `/coverage` and its twins over real HTTP: the counts are recomputed here from the dataset's
//! CSV files with the published rule, and the page, the twins and the badges must agree.

use crate::common;

use std::collections::HashMap;

use common::TestServer;
use serde_json::Value;

const INDICATORS: [&str; 10] = [
    "population",
    "it_workforce",
    "it_revenue",
    "it_exports",
    "it_companies",
    "outsourcing_rank",
    "graduates",
    "gdp",
    "venture_capital",
    "startups",
];

/// The rule as the issue states it, written again independently of `src/coverage`.
fn indicator_of(metric: &str, scope: &str) -> Option<&'static str> {
    if scope != "city" || ["_state", "_national", "_region"].iter().any(|s| metric.ends_with(s)) {
        return None;
    }
    let prefixed = |p: &str| metric.starts_with(p) && metric.len() > p.len();
    Some(match metric {
        "population" => "population",
        "it_employees" | "tech_employees" => "it_workforce",
        _ if prefixed("it_revenue_") => "it_revenue",
        _ if prefixed("it_exports_") => "it_exports",
        "it_companies" => "it_companies",
        "tholons_rank" => "outsourcing_rank",
        "graduates_per_year" => "graduates",
        _ if prefixed("gdp_") => "gdp",
        _ if prefixed("venture_capital_investment_") => "venture_capital",
        "startups" => "startups",
        _ => return None,
    })
}

fn records(file: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(common::data_dir().join(file)).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().map(String::from).zip(r.unwrap().iter().map(String::from)).collect())
        .collect()
}

/// City slug → indicator → latest year, from the CSV files.
fn expected() -> (Vec<String>, HashMap<String, HashMap<&'static str, i64>>) {
    let scopes: HashMap<String, String> =
        records("metric_definitions.csv").into_iter().map(|r| (r["metric"].clone(), r["scope"].clone())).collect();
    let mut years: HashMap<String, HashMap<&'static str, i64>> = HashMap::new();
    let mut note = |city: &str, indicator: &'static str, year: i64| {
        let slot = years.entry(city.to_string()).or_default().entry(indicator).or_insert(year);
        *slot = (*slot).max(year);
    };
    for r in records("metrics.csv") {
        if let Some(indicator) = indicator_of(&r["metric"], &scopes[&r["metric"]]) {
            note(&r["city_slug"], indicator, r["year"].parse().unwrap());
        }
    }
    let mut cities = Vec::new();
    for r in records("cities.csv") {
        // The profile row's population counts with its year (see src/coverage).
        if !r["population"].is_empty() {
            note(&r["slug"], "population", r["population_year"].parse().unwrap());
        }
        cities.push(r["slug"].clone());
    }
    (cities, years)
}

fn city<'a>(json: &'a Value, slug: &str) -> &'a Value {
    json["cities"].as_array().unwrap().iter().find(|c| c["city"] == slug).unwrap_or_else(|| panic!("{slug}"))
}

fn year_of(city: &Value, indicator: &str) -> Option<i64> {
    city["indicators"].as_array().unwrap().iter().find(|i| i["indicator"] == indicator).unwrap()["year"].as_i64()
}

#[tokio::test]
async fn the_counts_and_years_match_the_figures_for_every_city() {
    let s = TestServer::start().await;
    let json = s.json("/coverage.json").await;
    let (cities, years) = expected();
    assert_eq!(cities.len(), 18);
    let listed: Vec<&str> = json["cities"].as_array().unwrap().iter().map(|c| c["city"].as_str().unwrap()).collect();
    assert_eq!(listed.len(), 18, "every city once");
    for slug in &cities {
        let c = city(&json, slug);
        let want = years.get(slug).cloned().unwrap_or_default();
        let ids: Vec<&str> =
            c["indicators"].as_array().unwrap().iter().map(|i| i["indicator"].as_str().unwrap()).collect();
        assert_eq!(ids, INDICATORS, "{slug}: all ten, in order");
        for indicator in INDICATORS {
            assert_eq!(year_of(c, indicator), want.get(indicator).copied(), "{slug} {indicator}");
        }
        assert_eq!(c["have"], want.len(), "{slug}");
        assert_eq!(c["total"], 10, "{slug}");
        assert_eq!(c.as_object().unwrap().len(), 4, "{slug}: exactly city, have, total, indicators");
    }
    // Spot checks against the dataset as a reader would read it.
    assert_eq!(year_of(city(&json, "dalian"), "population"), Some(2020));
    assert_eq!(year_of(city(&json, "dalian"), "venture_capital"), None);
    assert_eq!(year_of(city(&json, "dalian"), "gdp"), Some(2025));
}

#[tokio::test]
async fn figures_of_a_state_or_region_do_not_count() {
    let s = TestServer::start().await;
    let json = s.json("/coverage.json").await;
    // Chennai's workforce and company counts are for Tamil Nadu only; its graduates too.
    let chennai = city(&json, "chennai");
    for indicator in ["it_workforce", "it_companies", "graduates"] {
        assert_eq!(year_of(chennai, indicator), None, "chennai {indicator}");
    }
    let profile = s.json("/cities/chennai.json").await.to_string();
    for metric in ["it_employees_state", "it_companies_state", "graduates_per_year_state"] {
        assert!(profile.contains(metric), "the data has {metric} for Chennai");
    }
    // Ho Chi Minh City's graduates are for its region only.
    assert_eq!(year_of(city(&json, "ho-chi-minh-city"), "graduates"), None);
    // Bangalore's exports since 2009 are the state's: the city's latest is 2009.
    assert_eq!(year_of(city(&json, "bangalore"), "it_exports"), Some(2009));
}

#[tokio::test]
async fn the_profile_population_counts_with_its_year() {
    let (dir, pool) = common::loaded_db().await;
    let folder = common::dataset(&[(
        "cities.csv",
        "slug,name,country,population,population_year,population_scope,summary,source_id\n\
         testville,Testville,Nowhere,12345,2019,city,A city made up for this test.,intheblack-dalian\n\
         emptyville,Emptyville,Nowhere,,,,A city made up for this test.,intheblack-dalian\n",
    )]);
    assert!(common::import_folder(&pool, folder.path()).await.problems.is_empty());
    let s = TestServer::serve(dir, pool).await;
    let json = s.json("/coverage.json").await;
    let testville = city(&json, "testville");
    assert_eq!(year_of(testville, "population"), Some(2019), "no population figure, but the profile's");
    assert_eq!(testville["have"], 1);
    let emptyville = city(&json, "emptyville");
    assert_eq!(emptyville["have"], 0);
    assert!(emptyville["indicators"].as_array().unwrap().iter().all(|i| i["year"].is_null()));
}

/// The badge numbers of a page: city slug → N of "N of 10 core indicators".
fn badges(body: &str) -> HashMap<String, i64> {
    body.split("<a class=\"coverage-badge\" href=\"/coverage#city-")
        .skip(1)
        .map(|rest| {
            let slug = rest.split('"').next().unwrap().to_string();
            let n = rest.split("<strong>").nth(1).unwrap().split('<').next().unwrap().parse().unwrap();
            assert!(rest.split("</a>").next().unwrap().ends_with(" of 10 core indicators"), "{slug}");
            (slug, n)
        })
        .collect()
}

#[tokio::test]
async fn the_badges_on_cards_and_profiles_say_how_many_and_link_to_the_row() {
    let s = TestServer::start().await;
    let json = s.json("/coverage.json").await;
    let cards = badges(&s.get("/cities").await.body);
    assert_eq!(cards.len(), 18, "a badge on every card");
    for c in json["cities"].as_array().unwrap() {
        let slug = c["city"].as_str().unwrap();
        assert_eq!(cards[slug], c["have"].as_i64().unwrap(), "{slug}");
    }
    for slug in ["dalian", "chennai", "tel-aviv"] {
        let profile = badges(&s.get(&format!("/cities/{slug}")).await.body);
        assert_eq!(profile.len(), 1, "{slug}");
        assert_eq!(profile[slug], city(&json, slug)["have"].as_i64().unwrap(), "{slug}");
    }
    let page = s.get("/coverage").await.body;
    for slug in cards.keys() {
        assert!(page.contains(&format!("<tr id=\"city-{slug}\">")), "the badge's target row {slug}");
    }
}

/// The rows of the matrix: slug, the "have" number and the ten cells' text.
fn matrix(body: &str) -> Vec<(String, i64, Vec<Option<i64>>)> {
    body.split("<tr id=\"city-")
        .skip(1)
        .map(|row| {
            let row = row.split("</tr>").next().unwrap();
            let slug = row.split('"').next().unwrap().to_string();
            assert!(row.contains(&format!("<a href=\"/cities/{slug}\">")), "the name links to the profile");
            let cells: Vec<&str> = row.split("<td").skip(1).collect();
            assert_eq!(cells.len(), 11, "{slug}: have and ten indicators");
            let have = cells[0].split("<strong>").nth(1).unwrap().split('<').next().unwrap().parse().unwrap();
            let years = cells[1..]
                .iter()
                .map(|cell| {
                    if cell.contains("class=\"visually-hidden\">missing</span>") {
                        assert!(cell.contains("age-missing"));
                        None
                    } else {
                        // A year links to the city's figures, where its evidence is.
                        assert!(cell.contains(&format!("href=\"/cities/{slug}")), "{slug}: {cell}");
                        let year = cell.split("<span class=\"coverage-year\">").nth(1).unwrap();
                        Some(year.split('<').next().unwrap().parse().unwrap())
                    }
                })
                .collect();
            (slug, have, years)
        })
        .collect()
}

#[tokio::test]
async fn the_matrix_shows_the_same_years_and_sorts_without_javascript() {
    let s = TestServer::start().await;
    let json = s.json("/coverage.json").await;
    let r = s.get("/coverage").await;
    assert_eq!(r.status, 200);
    let rows = matrix(&r.body);
    assert_eq!(rows.len(), 18);
    for (slug, have, years) in &rows {
        let c = city(&json, slug);
        assert_eq!(*have, c["have"].as_i64().unwrap(), "{slug}");
        let want: Vec<Option<i64>> = INDICATORS.iter().map(|i| year_of(c, i)).collect();
        assert_eq!(years, &want, "{slug}");
    }
    let names: Vec<&String> = rows.iter().map(|r| &r.0).collect();
    let json_order: Vec<&str> =
        json["cities"].as_array().unwrap().iter().map(|c| c["city"].as_str().unwrap()).collect();
    assert_eq!(names, json_order, "page and twin list cities in the same order");
    assert_eq!(names[0], "bangalore", "by name by default");
    // The legend says in words what the shades mean, and the page names its rule and twins.
    for words in ["3 years old or less", "4 to 8 years old", "more than 8 years old", "missing"] {
        assert!(r.body.contains(words), "{words}");
    }
    // The rule in plain words first; the metric names only in the collapsed list for the curious.
    let (plain, exact) = r.body.split_once("<details class=\"coverage-exact\">").expect("the exact metrics, collapsed");
    assert!(plain.contains("figures for a whole state, region or country don&#39;t count"), "the rule in words");
    assert!(plain.contains("Any IT-industry revenue figure for the city, in any currency."));
    for internal in ["_state", "_national", "_region", "it_revenue_", "gdp_", "tholons_rank", "<code>"] {
        assert!(!plain.contains(internal), "{internal} shown outside the collapsed list");
    }
    let exact = exact.split("</details>").next().unwrap();
    assert!(exact.contains("<summary>Exact metrics counted</summary>"));
    for code in ["<code>_state</code>", "<code>_national</code>", "<code>_region</code>", "<code>city</code>"] {
        assert!(exact.contains(code), "{code}");
    }
    for code in ["<code>it_revenue_*</code>", "<code>gdp_*</code>", "<code>tholons_rank</code>"] {
        assert!(exact.contains(code), "{code}");
    }
    // The caption is outside the box that scrolls sideways, so it is never cut off.
    let caption = r.body.find("id=\"coverage-caption\"").unwrap();
    let scroll = r.body.find("<div class=\"table-scroll coverage-scroll\"").unwrap();
    assert!(caption < scroll, "the caption comes before the scrolling box");
    assert!(
        r.body.contains("href=\"/coverage.json?sort=name\"") && r.body.contains("href=\"/coverage.csv?sort=name\"")
    );
    assert!(r.body.contains("<a href=\"/coverage\" aria-current=\"page\">Coverage</a>"), "in the site navigation");

    let by_have = s.get("/coverage?sort=have").await;
    assert!(by_have.body.contains("aria-sort=\"descending\""));
    let counts: Vec<i64> = matrix(&by_have.body).iter().map(|r| r.1).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let json = s.json("/coverage.json?sort=have").await;
    let counts: Vec<i64> = json["cities"].as_array().unwrap().iter().map(|c| c["have"].as_i64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[tokio::test]
async fn the_csv_twin_has_a_row_per_city_with_the_same_years() {
    let s = TestServer::start().await;
    let json = s.json("/coverage.json").await;
    let r = s.get("/coverage.csv").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(r.body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut want = vec!["city".to_string(), "have".into(), "total".into()];
    want.extend(INDICATORS.iter().map(|i| i.to_string()));
    assert_eq!(header, want);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 18);
    for row in rows {
        let c = city(&json, &row[0]);
        assert_eq!(row[1].parse::<i64>().unwrap(), c["have"].as_i64().unwrap());
        assert_eq!(&row[2], "10");
        for (i, indicator) in INDICATORS.iter().enumerate() {
            let cell = &row[3 + i];
            assert_eq!(cell.parse::<i64>().ok(), year_of(c, indicator), "{} {indicator}", &row[0]);
        }
    }
}

#[tokio::test]
async fn bad_sorting_is_a_400_naming_the_parameter_and_its_values() {
    let s = TestServer::start().await;
    let r = s.get("/coverage?sort=year").await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("parameter <code>sort</code>"), "{}", r.body);
    assert!(r.body.contains("<code>name</code>") && r.body.contains("<code>have</code>"));
    assert!(r.body.contains("<title>Error: Coverage"));
    let r = s.get("/coverage?order=have").await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("parameter <code>order</code>"));
    for path in ["/coverage.json?sort=year", "/coverage.csv?sort=year"] {
        let r = s.get(path).await;
        assert_eq!(r.status, 400, "{path}");
        let body: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(body["error"]["parameter"], "sort");
        assert_eq!(body["error"]["allowed"], serde_json::json!(["name", "have"]));
    }
    let r = s.get("/coverage.json?sort=name&sort=have").await;
    assert_eq!(r.status, 400);
}

/// The list under the matrix: slug → its line's text after the city's name.
fn summary(body: &str) -> Vec<(String, String)> {
    let list = body.split("<ul class=\"coverage-summary\">").nth(1).expect("the list of what each city misses");
    let list = list.split("</ul>").next().unwrap();
    list.split("<li><a href=\"/cities/")
        .skip(1)
        .map(|item| {
            let slug = item.split('"').next().unwrap().to_string();
            let text = item.split("</a>").nth(1).unwrap().split("</li>").next().unwrap().to_string();
            (slug, text)
        })
        .collect()
}

/// The indicators' names on the page, in the fixed order.
const NAMES: [&str; 10] = [
    "Population",
    "IT workforce",
    "IT revenue",
    "IT exports",
    "IT companies",
    "Outsourcing rank",
    "Graduates",
    "GDP",
    "Venture capital",
    "Start-ups",
];

#[tokio::test]
async fn under_the_matrix_each_city_says_what_it_misses_in_words() {
    let s = TestServer::start().await;
    let json = s.json("/coverage.json").await;
    for sort in ["name", "have"] {
        let page = s.get(&format!("/coverage?sort={sort}")).await.body;
        let lines = summary(&page);
        let rows: Vec<String> = matrix(&page).into_iter().map(|r| r.0).collect();
        let listed: Vec<String> = lines.iter().map(|l| l.0.clone()).collect();
        assert_eq!(listed, rows, "every city once, in the matrix's order ({sort})");
        for (slug, text) in &lines {
            let c = city(&json, slug);
            let missing: Vec<&str> =
                INDICATORS.iter().zip(NAMES).filter(|(i, _)| year_of(c, i).is_none()).map(|(_, n)| n).collect();
            let want = if missing.is_empty() {
                format!(": {} of 10 — nothing missing", c["have"])
            } else {
                format!(": {} of 10 — missing: {}", c["have"], missing.join(", "))
            };
            assert_eq!(text, &want, "{slug}");
        }
    }
    // Spot checks a reader would make: Dalian lacks venture capital only; Pune lacks IT revenue and GDP.
    let page = s.get("/coverage").await.body;
    let lines = summary(&page);
    let line = |slug: &str| lines.iter().find(|l| l.0 == slug).unwrap().1.clone();
    assert_eq!(line("dalian"), ": 9 of 10 — missing: Venture capital");
    assert_eq!(line("pune"), ": 8 of 10 — missing: IT revenue, GDP");
    // In Chinese, the same list reads in Chinese.
    let zh = s.get("/zh/coverage").await.body;
    assert!(zh.contains("大连</a>：已有 9 项（共 10 项），缺少：风险投资"), "the Chinese list");
}

#[tokio::test]
async fn a_badges_target_row_is_marked_and_lands_below_the_headings() {
    let s = TestServer::start().await;
    let page = s.get("/coverage").await.body;
    let css_href = page.split("<link rel=\"stylesheet\" href=\"").nth(1).unwrap().split('"').next().unwrap();
    let css = s.get(css_href).await.body;
    assert!(css.contains(".coverage-table tbody tr:target"), "the row a badge links to is marked");
    assert!(css.contains(".coverage-table tbody tr { scroll-margin-top:"), "and lands below the headings");
}
