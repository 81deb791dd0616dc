//! Search over cities, parks and companies by name (FTS5), as a page and as JSON.

use crate::common;

use common::TestServer;

#[tokio::test]
async fn a_prefix_finds_the_city_first_then_its_parks_and_companies() {
    let s = TestServer::start().await;
    let r = s.get("/search?q=dal").await;
    assert_eq!(r.status, 200);
    let links = result_links(&r.body);
    assert_eq!(links.first().map(String::as_str), Some("/cities/dalian"), "{links:?}");
    assert!(links.iter().any(|l| l == "/parks/dalian-software-park"));
    assert!(links.iter().any(|l| l == "/companies/dhc-dalian"), "company names match too: {links:?}");
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

/// The links of the page's result lists, in order.
fn result_links(body: &str) -> Vec<String> {
    body.split("<ul class=\"search-results\">")
        .skip(1)
        .flat_map(|l| l.split("</ul>").next().unwrap().split("<li><a href=\"").skip(1))
        .map(|l| l.split('"').next().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn chinese_names_find_their_cities_and_parks_in_either_language() {
    let s = TestServer::start().await;
    let q = "%E5%A4%A7%E8%BF%9E"; // 大连
    let zh = s.get(&format!("/zh/search?q={q}")).await;
    assert_eq!(zh.status, 200);
    let links = result_links(&zh.body);
    assert_eq!(links.first().map(String::as_str), Some("/zh/cities/dalian"), "{links:?}");
    assert!(links.iter().any(|l| l == "/zh/parks/dalian-software-park"), "{links:?}");
    assert!(zh.body.contains(">大连软件园<"), "shown in Chinese");

    // The JSON twin finds the same, under the dataset's (English) names.
    let v: serde_json::Value = serde_json::from_str(&s.get(&format!("/search.json?q={q}")).await.body).unwrap();
    let slugs: Vec<&str> = v["results"].as_array().unwrap().iter().map(|h| h["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs.first(), Some(&"dalian"), "{slugs:?}");
    assert!(slugs.contains(&"dalian-software-park") && slugs.contains(&"dlsp-phase-2"), "{slugs:?}");
    assert!(v["results"].as_array().unwrap().iter().all(|h| h["kind"] != "company"), "companies have no Chinese names");

    // Any part of a name, every part of the query; a country finds its cities.
    let v: serde_json::Value =
        serde_json::from_str(&s.get("/search.json?q=%E8%BD%AF%E4%BB%B6%E5%9B%AD%20%E4%BA%8C%E6%9C%9F").await.body)
            .unwrap();
    let slugs: Vec<&str> = v["results"].as_array().unwrap().iter().map(|h| h["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["dlsp-phase-2"], "软件园 二期");
    let china = s.get("/search?q=%E4%B8%AD%E5%9B%BD").await; // 中国
    let links = result_links(&china.body);
    for city in ["dalian", "shanghai", "shenzhen", "chengdu"] {
        assert!(links.contains(&format!("/cities/{city}")), "{city}: {links:?}");
    }
    assert!(!links.contains(&"/cities/bangalore".to_string()), "{links:?}");
}
