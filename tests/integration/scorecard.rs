//! The scorecard over real HTTP on the bundled data: the JSON contract, a small scorecard
//! recomputed by hand, the same URL giving the same bytes, bad choices answered with 400s that
//! name the parameter, and cities of an unseen dataset scored.

use crate::common;

use common::{TestServer, dataset, import_folder, loaded_db};
use serde_json::Value;

fn city<'a>(json: &'a Value, slug: &str) -> &'a Value {
    json["cities"].as_array().unwrap().iter().find(|c| c["city"] == slug).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[tokio::test]
async fn the_default_scorecard_follows_the_json_contract() {
    let s = TestServer::start().await;
    let json = s.json("/scorecard.json").await;
    for key in ["cities", "weights", "norm", "min_coverage", "samples", "seed"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["norm"], "minmax");
    assert_eq!(json["samples"], 1000);
    assert_eq!(json["seed"], 42);
    assert_eq!(json["min_coverage"], 0.5);
    assert_eq!(json["weights"]["it_employees"], 3.0);
    let slugs: Vec<&str> = json["cities"].as_array().unwrap().iter().map(|c| c["city"].as_str().unwrap()).collect();
    for default in ["dalian", "bangalore", "metro-manila", "silicon-valley"] {
        assert!(slugs.contains(&default), "{default}");
    }
    let mut p_first = 0.0;
    for c in json["cities"].as_array().unwrap() {
        for key in ["score", "rank", "coverage", "rank_low", "rank_high", "p_first", "inputs"] {
            assert!(c.get(key).is_some(), "{key}");
        }
        if let Some(rank) = c["rank"].as_u64() {
            assert!(c["rank_low"].as_u64().unwrap() <= rank && rank <= c["rank_high"].as_u64().unwrap());
        } else {
            assert!(c["rank_low"].is_null() && c["rank_high"].is_null() && c["p_first"] == 0.0);
        }
        p_first += c["p_first"].as_f64().unwrap();
        for input in c["inputs"].as_array().unwrap() {
            for key in ["metric", "year", "value", "unit", "source", "normalised", "weight"] {
                assert!(input.get(key).is_some(), "{key}");
            }
        }
    }
    assert!(close(p_first, 1.0), "p_first sums to {p_first}");
}

#[tokio::test]
async fn a_small_scorecard_recomputed_by_hand() {
    let s = TestServer::start().await;
    let json = s
        .json("/scorecard.json?city=dalian&city=bangalore&city=silicon-valley&w.it_employees=2&w.it_companies=1")
        .await;
    // IT employees (latest city figures): Dalian 200,000 (2017), Bangalore 160,000 (2004),
    // Silicon Valley 250,000 (2013). IT companies: Dalian 2,000 (2017), Bangalore 1,520 (2005),
    // Silicon Valley 6,300 (2011).
    let employees = |slug: &str| {
        let c = city(&json, slug);
        c["inputs"].as_array().unwrap().iter().find(|i| i["metric"] == "it_employees").unwrap()["value"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(
        (employees("dalian"), employees("bangalore"), employees("silicon-valley")),
        (200_000.0, 160_000.0, 250_000.0)
    );
    let dalian_workforce = (200_000.0 - 160_000.0) / (250_000.0 - 160_000.0);
    let dalian_companies = (2_000.0 - 1_520.0) / (6_300.0 - 1_520.0);
    let expected = [
        ("silicon-valley", 1.0, 1.0),
        ("dalian", (2.0 * dalian_workforce + dalian_companies) / 3.0, 1.0),
        ("bangalore", 0.0, 1.0),
    ];
    for (rank, (slug, score, coverage)) in expected.iter().enumerate() {
        let c = city(&json, slug);
        assert!(close(c["score"].as_f64().unwrap(), *score), "{slug}: {}", c["score"]);
        assert!(close(c["coverage"].as_f64().unwrap(), *coverage), "{slug}: {}", c["coverage"]);
        assert_eq!(c["rank"].as_u64(), Some(rank as u64 + 1), "{slug}");
    }
    // The same URL gives the same bytes.
    let path = "/scorecard.json?city=dalian&city=bangalore&city=silicon-valley&w.it_employees=2&w.it_companies=1";
    assert_eq!(s.get(path).await.body, s.get(path).await.body);
    // Weights in another order are the same scorecard.
    let swapped = s
        .json("/scorecard.json?city=dalian&city=bangalore&city=silicon-valley&w.it_companies=1&w.it_employees=2")
        .await;
    assert_eq!(swapped, json);
    // London has no city figure for IT employees: a third of the weight, under the 50% floor,
    // so it is listed with its coverage but not ranked.
    let partial =
        s.json("/scorecard.json?city=dalian&city=bangalore&city=london&w.it_employees=2&w.it_companies=1").await;
    let london = city(&partial, "london");
    assert!(close(london["coverage"].as_f64().unwrap(), 1.0 / 3.0), "{}", london["coverage"]);
    assert!(london["rank"].is_null(), "{london}");
    assert!(london["inputs"].as_array().unwrap().iter().all(|i| i["metric"] != "it_employees"));
}

#[tokio::test]
async fn bad_choices_are_400s_naming_the_parameter() {
    let s = TestServer::start().await;
    for (query, param) in [
        ("w.no_such_metric=3", "w.no_such_metric"),
        ("w.it_employees=11", "w.it_employees"),
        ("w.it_employees=abc", "w.it_employees"),
        ("w.it_employees=0", "w.METRIC"),
        ("w.it_employees_state=2", "w.it_employees_state"),
        ("norm=median", "norm"),
        ("min_coverage=2", "min_coverage"),
        ("min_coverage=lots", "min_coverage"),
        ("city=dalian", "city"),
        ("city=atlantis&city=dalian", "city"),
        ("currency=xyz", "currency"),
        ("colour=red", "colour"),
    ] {
        let r = s.get(&format!("/scorecard.json?{query}")).await;
        assert_eq!(r.status, 400, "{query}: {}", r.body);
        let body: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(body["error"]["parameter"], param, "{query}");
        let r = s.get(&format!("/scorecard?{query}")).await;
        assert_eq!(r.status, 400, "{query}");
        assert!(r.body.contains(&format!("parameter <code>{param}</code>")), "{query}");
    }
    // A mistake in the form brings it back with what was typed.
    let r = s.get("/scorecard?w.it_employees=11&city=dalian&city=bangalore").await;
    assert!(r.body.contains("name=\"w.it_employees\" value=\"11\""));
    assert!(r.body.contains("name=\"city\" value=\"dalian\" checked"));
}

#[tokio::test]
async fn the_page_shows_every_input_with_its_source_and_the_charts() {
    let s = TestServer::start().await;
    let r = s.get("/scorecard?w.it_employees=3&w.tholons_rank=2").await;
    assert_eq!(r.status, 200);
    let table =
        r.body.split("<table class=\"data scorecard-table\">").nth(1).unwrap().split("</table>").next().unwrap();
    assert!(table.contains("href=\"/sources/"), "inputs open to their sources");
    assert!(table.contains("normalised"));
    for chart in ["chart-scores", "chart-bands", "chart-scatter"] {
        assert!(r.body.contains(&format!("id=\"{chart}\"")), "{chart}");
    }
    assert!(r.body.contains("How stable the ranking is:"));
    assert!(r.body.contains("name=\"w.it_employees\" value=\"3\""), "the weights are a form");
    // The compare page and the dashboard lead here with the same cities.
    let compare = s.get("/compare?city=dalian&city=berlin").await.body;
    assert!(compare.contains("href=\"/scorecard?city=dalian&#38;city=berlin\""));
    let dashboard = s.get("/?city=dalian&city=london").await.body;
    assert!(dashboard.contains("href=\"/scorecard?city=dalian&#38;city=london\""));
    // The export is one file that loads nothing.
    let export = s.get("/scorecard/export?city=dalian&city=bangalore").await;
    assert!(export.header("content-disposition").starts_with("attachment"));
    assert!(!export.body.contains("<script") && !export.body.contains("<link"));
    assert!(export.body.contains("id=\"source-"));
}

#[tokio::test]
async fn cities_of_an_unseen_dataset_are_scored() {
    let (dir, pool) = loaded_db().await;
    let folder = dataset(&[
        (
            "cities.csv",
            "slug,name,country,source_id\nwuxi,Wuxi,China,intheblack-dalian\nmysore,Mysore,India,intheblack-dalian\n",
        ),
        (
            "metrics.csv",
            "city_slug,metric,year,value,unit,source_id,quote\n\
             wuxi,it_employees,2015,90000,persons,intheblack-dalian,ninety thousand\n\
             mysore,it_employees,2015,30000,persons,intheblack-dalian,thirty thousand\n",
        ),
    ]);
    assert!(import_folder(&pool, folder.path()).await.problems.is_empty());
    let s = TestServer::serve(dir, pool).await;
    let json = s.json("/scorecard.json?city=wuxi&city=mysore&w.it_employees=1").await;
    assert_eq!(city(&json, "wuxi")["rank"], 1);
    assert_eq!(city(&json, "mysore")["score"], 0.0);
}
