//! Search over cities, parks and companies by name (FTS5), as a page and as JSON.

use crate::common;

use common::TestServer;

#[tokio::test]
async fn a_prefix_finds_the_city_first_then_its_parks_and_companies() {
    let s = TestServer::start().await;
    let r = s.get("/search?q=dal").await;
    assert_eq!(r.status, 200);
    let results: String =
        r.body.split("<ul class=\"search-results\">").skip(1).map(|l| l.split("</ul>").next().unwrap()).collect();
    let links: Vec<&str> = results.split("<li><a href=\"").skip(1).map(|l| l.split('"').next().unwrap()).collect();
    assert_eq!(links.first(), Some(&"/cities/dalian"), "{links:?}");
    assert!(links.contains(&"/parks/dalian-software-park"));
    assert!(links.contains(&"/companies/dhc-dalian"), "company names match too: {links:?}");
    assert!(r.body.contains("value=\"dal\""), "the form keeps the query");
}

#[tokio::test]
async fn exact_names_rank_above_longer_ones_and_every_word_must_match() {
    let s = TestServer::start().await;
    let v: serde_json::Value = serde_json::from_str(&s.get("/search.json?q=dalian%20software").await.body).unwrap();
    let names: Vec<&str> = v["results"].as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Dalian Software Park (DLSP)",
            "Dalian Software Park Phase II",
            "Dalian Tiandi software hub and mixed-use development"
        ],
        "names starting with the words first, then names holding both words"
    );
    let v: serde_json::Value = serde_json::from_str(&s.get("/search.json?q=sap").await.body).unwrap();
    assert_eq!(v["results"][0]["name"], "SAP");
    assert_eq!(v["results"][0]["kind"], "company");
    assert_eq!(v["results"][0]["place"], "Dalian");
}

#[tokio::test]
async fn search_syntax_in_the_query_is_just_text_and_bad_queries_get_400() {
    let s = TestServer::start().await;
    for q in ["%22", "NEAR(a%20b)", "a%20OR%20b", "*", "-dalian", "dalian%22%20OR%20%22x"] {
        let r = s.get(&format!("/search?q={q}")).await;
        assert_eq!(r.status, 200, "{q}");
    }
    let long = "a".repeat(201);
    let r = s.get(&format!("/search?q={long}")).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("parameter <code>q</code>"));
    let r = s.get(&format!("/search.json?q={long}")).await;
    assert_eq!(r.status, 400);
    assert!(r.header("content-type").starts_with("application/json"));
    let empty = s.get("/search").await;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("name=\"q\""));
}

#[tokio::test]
async fn a_company_found_has_a_page_with_its_sources() {
    let s = TestServer::start().await;
    let r = s.get("/companies/sap-dalian").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<h1>SAP</h1>"));
    assert!(r.body.contains("200 technicians help run software"), "the quote");
    assert!(r.body.contains("href=\"/sources/capecodtimes-2007\""));
    assert_eq!(s.get("/companies/no-such-company").await.status, 404);
}

#[tokio::test]
async fn the_search_index_follows_imports() {
    let (dir, pool) = common::loaded_db().await;
    let folder = common::dataset(&[(
        "companies.csv",
        "slug,name,city_slug,sector,source_id,quote\nzyx-labs,Zyxwv Labs,berlin,internet,intheblack-dalian,q\n\
         sap-dalian,SAP Renamed,dalian,software_products,intheblack-dalian,q\n",
    )]);
    assert!(common::import_folder(&pool, folder.path()).await.applied);
    let s = TestServer::serve(dir, pool).await;
    let v: serde_json::Value = serde_json::from_str(&s.get("/search.json?q=zyxw").await.body).unwrap();
    assert_eq!(v["results"][0]["slug"], "zyx-labs", "a new company is found");
    let v: serde_json::Value = serde_json::from_str(&s.get("/search.json?q=renamed").await.body).unwrap();
    assert_eq!(v["results"][0]["slug"], "sap-dalian", "a renamed company is found by its new name");
}
