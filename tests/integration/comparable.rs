//! Comparable figures over real HTTP on the bundled data: converted at the cited rate of their
//! own year, per resident, as growth rates, each with its inputs; and the exchange rates'
//! import, which refuses a broken file and changes nothing.

use crate::common;

use common::{TestServer, dataset, import_folder, loaded_db, snapshot};
use serde_json::Value;

/// The rate the bundled data gives for a currency and year.
fn rate(currency: &str, year: i64) -> f64 {
    let text = std::fs::read_to_string(common::data_dir().join("fx_rates.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for row in reader.records() {
        let row = row.unwrap();
        if &row[0] == currency && row[1].parse::<i64>().unwrap() == year {
            return row[2].parse().unwrap();
        }
    }
    panic!("no {currency} {year} rate in the data")
}

fn figures<'a>(json: &'a Value, city: &str, metric: &str) -> Vec<&'a Value> {
    json["figures"].as_array().unwrap().iter().filter(|f| f["city"] == city && f["metric"] == metric).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

#[tokio::test]
async fn dalians_2013_revenue_is_converted_at_the_2013_renminbi_rate() {
    let s = TestServer::start().await;
    let json = s.json("/compare.json?city=dalian&city=bangalore&metric=it_revenue_rmb&currency=usd").await;
    let f = figures(&json, "dalian", "it_revenue_rmb").into_iter().find(|f| f["year"] == 2013).unwrap();
    assert!(close(f["value"].as_f64().unwrap(), 135e9 / rate("CNY", 2013)), "{f}");
    assert_eq!(f["unit"], "USD");
    let d = &f["derivation"];
    assert_eq!(d["kind"], "currency");
    let inputs = d["inputs"].as_array().unwrap();
    assert_eq!(inputs[0]["role"], "value");
    assert_eq!(inputs[0]["value"].as_f64(), Some(135e9));
    assert_eq!(inputs[0]["source"], "intheblack-dalian");
    assert_eq!(inputs[1]["role"], "rate");
    assert_eq!(inputs[1]["year"], 2013);
    assert!(
        d["formula"]
            .as_str()
            .unwrap()
            .starts_with("RMB 135 bn (2013) ÷ 6.1478 RMB per US$ (2013 annual average) = US$")
    );
    // A published figure says so.
    let json = s.json("/compare.json?city=dalian&city=bangalore&metric=it_revenue_rmb").await;
    assert!(figures(&json, "dalian", "it_revenue_rmb").iter().all(|f| f["derivation"].is_null()));
}

#[tokio::test]
async fn no_figure_is_converted_with_another_years_rate() {
    let s = TestServer::start().await;
    let all = "city=dalian&city=bangalore&city=metro-manila&city=silicon-valley&city=london&city=berlin";
    let metrics = "metric=it_revenue_rmb&metric=it_revenue_eur&metric=it_exports_inr&metric=it_exports_inr_state";
    let json = s.json(&format!("/compare.json?{all}&{metrics}&currency=usd")).await;
    let mut converted = 0;
    for f in json["figures"].as_array().unwrap() {
        match f["derivation"].as_object() {
            Some(d) => {
                let rate = d["inputs"].as_array().unwrap().iter().find(|i| i["role"] == "rate").unwrap();
                assert_eq!(rate["year"], f["year"], "{f}");
                assert_eq!(f["unit"], "USD");
                converted += 1;
            }
            None => {
                // Left as published only where the data has no rate for the figure's year.
                let note = f["note"].as_str().unwrap_or_else(|| panic!("unconverted without a reason: {f}"));
                assert!(note.contains(&format!("rate for {}", f["year"])), "{note}");
            }
        }
    }
    assert!(converted >= 10, "{converted} figures converted");
}

#[tokio::test]
async fn per_capita_divides_by_the_nearest_population_and_refuses_other_scopes() {
    let s = TestServer::start().await;
    let json = s
        .json("/compare.json?city=dalian&city=bangalore&metric=it_employees&metric=it_employees_state&per=capita")
        .await;
    // Dalian 2017: 200,000 in IT; the nearest population within two years is none (2014 and
    // 2020 are three years away): missing, with the reason.
    assert!(figures(&json, "dalian", "it_employees").iter().all(|f| f["year"] != 2017));
    let missing = json["missing"].as_array().unwrap();
    assert!(missing.iter().any(|m| m["city"] == "dalian"
        && m["metric"] == "it_employees"
        && m["reason"].as_str().unwrap().contains("within 2 years of 2017")));
    // Dalian 2012: 120,000 ÷ the 2014 population, 6,000,000.
    let f = figures(&json, "dalian", "it_employees").into_iter().find(|f| f["year"] == 2012).unwrap();
    assert!(close(f["value"].as_f64().unwrap(), 120_000.0 / 6_000_000.0), "{f}");
    assert_eq!(f["unit"], "persons per person");
    let population = &f["derivation"]["inputs"][1];
    assert_eq!((population["role"].as_str(), population["year"].as_i64()), (Some("population"), Some(2014)));
    // A whole state's workforce is not divided by a city's population.
    assert!(figures(&json, "bangalore", "it_employees_state").is_empty());
    assert!(
        missing
            .iter()
            .any(|m| m["metric"] == "it_employees_state" && m["reason"].as_str().unwrap().contains("whole state"))
    );
}

#[tokio::test]
async fn growth_is_the_compound_annual_rate_with_its_ends() {
    let s = TestServer::start().await;
    let json = s.json("/compare.json?city=dalian&city=bangalore&metric=it_employees&growth=cagr").await;
    let f = &figures(&json, "dalian", "it_employees")[0];
    // The longest span from one source: China Daily's 3,000 (1998) and 60,000 (2007).
    let expected = ((60_000.0_f64 / 3_000.0).powf(1.0 / 9.0) - 1.0) * 100.0;
    assert!(close(f["value"].as_f64().unwrap(), expected), "{f}");
    assert_eq!(f["unit"], "percent per year");
    assert_eq!(f["derivation"]["kind"], "cagr");
    let roles: Vec<&str> =
        f["derivation"]["inputs"].as_array().unwrap().iter().map(|i| i["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["start", "end"]);
}

#[tokio::test]
async fn the_pages_say_in_words_what_was_converted_and_how() {
    let s = TestServer::start().await;
    let q = "city=dalian&city=bangalore&city=metro-manila&city=silicon-valley&currency=usd&per=capita";
    for path in [format!("/compare?{q}"), format!("/compare/export?{q}"), format!("/?{q}")] {
        let r = s.get(&path).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(r.body.contains("These figures are made comparable:"), "{path}");
        assert!(r.body.contains("converted to US dollars at the cited annual-average rate"), "{path}");
        assert!(r.body.contains("divided by the city&#39;s population"), "{path}");
        assert!(r.body.contains("class=\"cite derivation\""), "{path}: a derived figure opens to its derivation");
    }
    let csv = s.get(&format!("/compare.csv?{q}")).await.body;
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",derivation,inputs,note"), "{header}");
    assert!(csv.contains("value:"), "inputs are written role:source:year");
}

#[tokio::test]
async fn bad_choices_are_400s_naming_the_parameter() {
    let s = TestServer::start().await;
    for (query, param) in
        [("currency=xyz", "currency"), ("per=nope", "per"), ("growth=forever", "growth"), ("year=abc", "year")]
    {
        let r = s.get(&format!("/compare.json?city=dalian&city=bangalore&{query}")).await;
        assert_eq!(r.status, 400, "{query}");
        let body: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(body["error"]["parameter"], param);
        let r = s.get(&format!("/compare?city=dalian&city=bangalore&{query}")).await;
        assert_eq!(r.status, 400, "{query}");
        assert!(r.body.contains(&format!("parameter <code>{param}</code>")), "{query}");
        let r = s.get(&format!("/?{query}")).await;
        assert_eq!(r.status, 400, "{query}");
    }
}

#[tokio::test]
async fn broken_rate_files_are_refused_with_their_place_and_change_nothing() {
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let header = "currency,year,units_per_usd,source_id,quote\n";
    for (row, expected) in [
        ("CNY,2013,6.1,no-such-source,q\n", "fx_rates.csv:2: source_id: unknown source \"no-such-source\""),
        ("CNY,2013,-6.1,intheblack-dalian,q\n", "fx_rates.csv:2: units_per_usd: -6.1 is out of range"),
        ("CNY,2013,0,intheblack-dalian,q\n", "fx_rates.csv:2: units_per_usd: 0 is out of range"),
        ("RMB,2013,6.1,intheblack-dalian,q\n", "fx_rates.csv:2: currency: \"RMB\" is not an ISO 4217 code"),
        ("yuan,2013,6.1,intheblack-dalian,q\n", "fx_rates.csv:2: currency: \"yuan\" is not an ISO 4217 currency code"),
        (
            "CNY,2013,6.1,intheblack-dalian,q\nCNY,2013,6.2,intheblack-dalian,q\n",
            "fx_rates.csv:3: year: duplicate key \"CNY/2013\": already on line 2",
        ),
        ("CNY,twenty,6.1,intheblack-dalian,q\n", "fx_rates.csv:2: year: \"twenty\" is not a year"),
    ] {
        let folder = dataset(&[("fx_rates.csv", &format!("{header}{row}"))]);
        let report = import_folder(&pool, folder.path()).await;
        let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert!(problems.iter().any(|p| p.starts_with(expected)), "{row}: {problems:?}");
        assert_eq!(snapshot(&pool).await, before, "{row}: a refused import changes nothing");
    }
    // The bundled file imports again without a change.
    let folder =
        dataset(&[("fx_rates.csv", &std::fs::read_to_string(common::data_dir().join("fx_rates.csv")).unwrap())]);
    let report = import_folder(&pool, folder.path()).await;
    assert!(report.problems.is_empty());
    assert!(!report.changes_anything(), "idempotent");
}

#[tokio::test]
async fn unseen_cities_with_renminbi_and_rupee_figures_are_converted_too() {
    let (dir, pool) = loaded_db().await;
    let folder = dataset(&[
        (
            "cities.csv",
            "slug,name,country,source_id\nwuxi,Wuxi,China,intheblack-dalian\nmysore,Mysore,India,intheblack-dalian\n",
        ),
        (
            "metrics.csv",
            "city_slug,metric,year,value,unit,source_id,quote\n\
             wuxi,it_revenue_rmb,2013,50000000000,RMB,intheblack-dalian,fifty billion yuan\n\
             mysore,it_exports_inr,2013,30000000000,INR,intheblack-dalian,three thousand crore\n",
        ),
    ]);
    assert!(import_folder(&pool, folder.path()).await.problems.is_empty());
    let s = TestServer::serve(dir, pool).await;
    let json =
        s.json("/compare.json?city=wuxi&city=mysore&metric=it_revenue_rmb&metric=it_exports_inr&currency=usd").await;
    let wuxi = figures(&json, "wuxi", "it_revenue_rmb")[0];
    assert!(close(wuxi["value"].as_f64().unwrap(), 50e9 / rate("CNY", 2013)));
    let mysore = figures(&json, "mysore", "it_exports_inr")[0];
    assert!(close(mysore["value"].as_f64().unwrap(), 30e9 / rate("INR", 2013)));
    assert_eq!(mysore["unit"], "USD");
}
