//! `/sources` at scale, beyond what `pages.rs` checks: the twins follow the page's filters and
//! pages, a word is matched as written (LIKE's wildcards included), bad parameters are 400s.

use crate::common;

use common::TestServer;
use serde_json::Value;

/// (id, title, publisher) of every source of the dataset.
fn sources() -> Vec<(String, String, String)> {
    csv::Reader::from_path(common::data_dir().join("sources.csv"))
        .unwrap()
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string(), r[2].to_string())
        })
        .collect()
}

fn containing(word: &str) -> Vec<String> {
    let word = word.to_lowercase();
    let mut ids: Vec<String> = sources()
        .into_iter()
        .filter(|(_, title, publisher)| {
            title.to_lowercase().contains(&word) || publisher.to_lowercase().contains(&word)
        })
        .map(|s| s.0)
        .collect();
    ids.sort();
    ids
}

fn line_ids(json: &Value) -> Vec<String> {
    let mut ids: Vec<String> =
        json["lines"].as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap().to_string()).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn a_word_is_matched_as_written_in_titles_and_publishers() {
    let s = TestServer::start().await;
    for word in ["52%", "_", "tholons", "Wikipedia", "e-biurowce"] {
        let want = containing(word);
        assert!(!want.is_empty() || word == "_", "{word}");
        let q: String = form_urlencoded::byte_serialize(word.as_bytes()).collect();
        let json = s.json(&format!("/sources.json?group=publisher&per_page=200&q={q}")).await;
        assert_eq!(json["sources"], want.len(), "{word}");
        assert_eq!(line_ids(&json), want, "{word}");
        assert_eq!(json["q"], word);
    }
}

#[tokio::test]
async fn the_twins_follow_the_filters_and_the_pages() {
    let s = TestServer::start().await;
    let all = s.json("/sources.json").await;
    assert_eq!(all["sources"], 544);
    assert_eq!(all["group"], "city");
    assert_eq!(all["lines"].as_array().unwrap().len(), 50);
    assert_eq!(all["next"], "/sources.json?page=2");
    assert!(all["previous"].is_null());

    let dalian = s.json("/sources.json?city=dalian&per_page=200").await;
    let lines = dalian["lines"].as_array().unwrap();
    assert!(lines.iter().all(|l| l["group"] == "dalian"));
    let intheblack = lines.iter().find(|l| l["id"] == "intheblack-dalian").unwrap();
    assert_eq!(intheblack["publisher"], "INTHEBLACK (CPA Australia)");
    assert_eq!(intheblack["page"], "/sources/intheblack-dalian");
    assert!(intheblack["cited_by"].as_i64().unwrap() > 5);
    assert!(intheblack["cities"].as_array().unwrap().contains(&Value::from("dalian")));
    assert_eq!(dalian["total"].as_u64().unwrap() as usize, lines.len());

    let csv = s.get("/sources.csv?city=dalian&per_page=200").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        ["group", "id", "title", "publisher", "url", "published_year", "accessed", "cited_by", "cities"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), lines.len());
    assert!(rows.iter().all(|r| &r[0] == "dalian"));

    // Page 2 of the twin is page 2 of the page.
    let page2 = s.json("/sources.json?page=2").await;
    let ids: Vec<&str> = page2["lines"].as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap()).collect();
    let html = s.get("/sources?page=2").await.body;
    let shown: Vec<&str> =
        html.split("<th scope=\"row\"><a href=\"/sources/").skip(1).map(|l| l.split('"').next().unwrap()).collect();
    assert_eq!(ids, shown);
    assert_eq!(page2["previous"], "/sources.json");
}

#[tokio::test]
async fn sources_tied_to_no_city_are_listed_last() {
    let s = TestServer::start().await;
    let first = s.json("/sources.json?per_page=200").await;
    let pages = first["pages"].as_i64().unwrap();
    let last = s.json(&format!("/sources.json?per_page=200&page={pages}")).await;
    let lines = last["lines"].as_array().unwrap();
    let untied: Vec<&Value> = lines.iter().filter(|l| l["group"].is_null()).collect();
    assert!(!untied.is_empty(), "exchange-rate sources are tied to no city");
    assert!(untied.iter().all(|l| l["cities"].as_array().unwrap().is_empty()));
    assert!(lines.last().unwrap()["group"].is_null());
    let html = s.get(&format!("/sources?per_page=200&page={pages}")).await.body;
    assert!(html.contains("id=\"group-none\""));
    assert!(html.contains("Not tied to one city"));
}

#[tokio::test]
async fn bad_parameters_are_400s_that_name_them() {
    let s = TestServer::start().await;
    for (path, param, allowed) in [
        ("/sources?group=title", "group", Some("publisher")),
        ("/sources?city=atlantis", "city", Some("dalian")),
        ("/sources?page=0", "page", None),
        ("/sources?page=99", "page", None),
        ("/sources?per_page=100000", "per_page", None),
        ("/sources?sort=title", "sort", None),
        ("/sources?group=city&group=publisher", "group", None),
    ] {
        let r = s.get(path).await;
        assert_eq!(r.status, 400, "{path}");
        assert!(r.body.contains(&format!("parameter <code>{param}</code>")), "{path}: {}", r.body);
        if let Some(value) = allowed {
            assert!(r.body.contains(&format!("<code>{value}</code>")), "{path}");
        }
    }
    let past = s.get("/sources?page=99").await.body;
    assert!(past.contains("Go to the last page"));
    let long = "x".repeat(101);
    assert_eq!(s.get(&format!("/sources?q={long}")).await.status, 400);
    for path in ["/sources.json?group=title", "/sources.csv?city=atlantis", "/sources.json?page=99"] {
        let r = s.get(path).await;
        assert_eq!(r.status, 400, "{path}");
        let body: Value = serde_json::from_str(&r.body).unwrap();
        assert!(body["error"]["parameter"].is_string(), "{path}");
    }
}

#[tokio::test]
async fn no_match_says_so() {
    let s = TestServer::start().await;
    let r = s.get("/sources?q=zzzzqqq").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("No source matches these filters"));
}
