//! `/openapi.json` is a contract: it is OpenAPI 3.1, it names every machine-readable route with
//! the parameters the server accepts, and the real answers of each route (successes and
//! errors, for several queries each) validate against the schemas it gives them. Validation is
//! strict about fields: a field the server writes and the description lacks fails as surely as
//! a field the description requires and the server left out.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use common::TestServer;
use serde_json::{Value, json};

/// Requests that exercise every route of the description: (route, address, status).
const CALLS: &[(&str, &str, u16)] = &[
    ("/compare.json", "/compare.json?city=dalian&city=bangalore", 200),
    ("/compare.json", "/compare.json", 200),
    ("/compare.json", "/compare.json?city=london&city=berlin&metric=it_employees&metric=population&per=capita", 200),
    ("/compare.json", "/compare.json?city=dalian&city=bangalore&currency=usd&growth=cagr", 200),
    ("/compare.json", "/compare.json?city=dalian&city=bangalore&city=pune&year=2015&scale=log", 200),
    ("/compare.json", "/compare.json?city=dalian", 400),
    ("/compare.json", "/compare.json?city=dalian&city=bangalore&currency=xyz", 400),
    ("/compare.json", "/compare.json?city=dalian&zzz=1", 400),
    ("/compare.csv", "/compare.csv?city=dalian&city=bangalore", 200),
    ("/compare.csv", "/compare.csv?city=dalian&city=bangalore&metric=nope", 400),
    ("/scorecard.json", "/scorecard.json", 200),
    ("/scorecard.json", "/scorecard.json?city=dalian&city=bangalore&city=pune", 200),
    (
        "/scorecard.json",
        "/scorecard.json?city=dalian&city=bangalore&city=silicon-valley&w.it_employees=2&w.it_companies=1&norm=rank",
        200,
    ),
    ("/scorecard.json", "/scorecard.json?city=london&city=berlin&min_coverage=0.9&currency=usd&per=capita", 200),
    ("/scorecard.json", "/scorecard.json?w.nope=1", 400),
    ("/scorecard.json", "/scorecard.json?norm=x", 400),
    ("/scorecard.csv", "/scorecard.csv?city=dalian&city=bangalore", 200),
    ("/scorecard.csv", "/scorecard.csv?min_coverage=2", 400),
    ("/cities.json", "/cities.json", 200),
    ("/cities.json", "/cities.json?sector=bpo", 200),
    ("/cities.json", "/cities.json?country=India", 200),
    ("/cities.json", "/cities.json?sector=bpo&sector=embedded_software&country=India", 200),
    ("/cities.json", "/cities.json?sector=nope", 400),
    ("/cities.json", "/cities.json?country=India&country=China", 400),
    ("/cities.csv", "/cities.csv?sector=bpo", 200),
    ("/cities.csv", "/cities.csv?sector=nope", 400),
    ("/cities/{slug}.json", "/cities/dalian.json", 200),
    ("/cities/{slug}.json", "/cities/bangalore.json", 200),
    ("/cities/{slug}.json", "/cities/silicon-valley.json", 200),
    ("/cities/{slug}.json", "/cities/nowhere.json", 404),
    ("/cities/{slug}.csv", "/cities/dalian.csv", 200),
    ("/cities/{slug}.csv", "/cities/nowhere.csv", 404),
    ("/companies.json", "/companies.json?city=dalian", 200),
    ("/companies.json", "/companies.json?sector=bpo&per_page=5", 200),
    ("/companies.json", "/companies.json?page=2&per_page=10", 200),
    ("/companies.json", "/companies.json?page=999", 400),
    ("/companies.json", "/companies.json?per_page=0", 400),
    ("/companies.json", "/companies.json?city=nowhere", 400),
    ("/companies.csv", "/companies.csv?city=bangalore", 200),
    ("/companies.csv", "/companies.csv?page=999", 400),
    ("/search.json", "/search.json?q=dalian", 200),
    ("/search.json", "/search.json?q=soft", 200),
    ("/search.json", "/search.json?q=", 200),
    ("/search.json", "/search.json?q=a&q=b", 400),
    ("/compare/chart.svg", "/compare/chart.svg?city=dalian&city=bangalore", 200),
    ("/compare/chart.svg", "/compare/chart.svg?city=dalian", 400),
    // Only one of the two has a figure of Vietnam's GDP: a table, no chart.
    ("/compare/chart.svg", "/compare/chart.svg?city=dalian&city=ho-chi-minh-city&metric=gdp_vnd", 404),
    ("/openapi.json", "/openapi.json", 200),
];

/// Every machine-readable route of the router.
const ROUTES: [&str; 13] = [
    "/compare.json",
    "/compare.csv",
    "/compare/chart.svg",
    "/scorecard.json",
    "/scorecard.csv",
    "/cities.json",
    "/cities.csv",
    "/cities/{slug}.json",
    "/cities/{slug}.csv",
    "/companies.json",
    "/companies.csv",
    "/search.json",
    "/openapi.json",
];

/// The description made strict about fields: every object schema that is not a part of
/// another (through `allOf`) admits no property it does not name. `unevaluatedProperties`
/// rather than `additionalProperties`, so that the properties of the parts count.
fn strict(doc: &Value) -> Value {
    let mut doc = doc.clone();
    let schemas = doc["components"]["schemas"].as_object_mut().unwrap();
    let parts: BTreeSet<String> = schemas
        .values()
        .filter_map(|s| s["allOf"].as_array())
        .flatten()
        .filter_map(|part| part["$ref"].as_str())
        .map(|r| r.trim_start_matches("#/components/schemas/").to_string())
        .collect();
    for (name, schema) in schemas.iter_mut() {
        let object = schema.get("properties").is_some() || schema.get("allOf").is_some();
        if object && !parts.contains(name) {
            schema["unevaluatedProperties"] = json!(false);
        }
    }
    doc
}

/// Whether `body` is what the description promises for `route`, `status` and `media`; the
/// validation errors if not.
fn check(doc: &Value, route: &str, status: u16, media: &str, body: &Value) -> Result<(), String> {
    let response = &doc["paths"][route]["get"]["responses"][status.to_string()];
    let schema = &response["content"][media]["schema"];
    if schema.is_null() {
        return Err(format!("{route}: no {media} schema for {status}"));
    }
    // The schema, inside the description so that its `#/components/...` references resolve.
    let mut root = strict(doc);
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    for (key, value) in schema.as_object().unwrap() {
        root[key] = value.clone();
    }
    let validator = jsonschema::draft202012::new(&root).map_err(|e| format!("{route}: schema: {e}"))?;
    let errors: Vec<String> = validator.iter_errors(body).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    if errors.is_empty() { Ok(()) } else { Err(errors.join("\n")) }
}

fn parameters(doc: &Value, route: &str) -> Vec<Value> {
    doc["paths"][route]["get"]["parameters"].as_array().cloned().unwrap_or_default()
}

/// Each value of a successful request's query is one its parameter's schema accepts.
fn check_query(doc: &Value, route: &str, address: &str) {
    let params = parameters(doc, route);
    let query = address.split_once('?').map_or("", |(_, q)| q);
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let (param, schema) = if let Some(metric) = key.strip_prefix("w.") {
            let weights = params.iter().find(|p| p["name"] == "weights").expect("weights documented");
            (format!("w.{metric}"), weights["schema"]["properties"][format!("w.{metric}")].clone())
        } else {
            let p =
                params.iter().find(|p| p["name"] == *key).unwrap_or_else(|| panic!("{address}: {key} undocumented"));
            let s = &p["schema"];
            (key.to_string(), if s["type"] == "array" { s["items"].clone() } else { s.clone() })
        };
        assert!(!schema.is_null(), "{address}: {param} has no schema");
        let typed = match schema["type"].as_str() {
            Some("integer") => json!(value.parse::<i64>().unwrap()),
            Some("number") => json!(value.parse::<f64>().unwrap()),
            _ => json!(value),
        };
        if !(value.is_empty() && schema["type"] == "string") {
            assert!(jsonschema::is_valid(&schema, &typed), "{address}: {param}={value} against {schema}");
        }
    }
}

#[tokio::test]
async fn the_description_is_openapi_3_1_naming_every_route_and_parameter() {
    let s = TestServer::start().await;
    let r = s.get("/openapi.json").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("application/json"));
    let doc: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths: BTreeSet<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(paths, ROUTES.into_iter().collect(), "the description's routes are the router's");

    // The parameters named are exactly those the server accepts: it lists them when refused one.
    for route in ROUTES.iter().filter(|r| !r.contains('{') && **r != "/openapi.json") {
        let refusal = s.get(&format!("{route}?zzz=1")).await;
        assert_eq!(refusal.status, 400, "{route}");
        let v: Value = serde_json::from_str(&refusal.body).unwrap();
        let accepted: BTreeSet<String> =
            v["error"]["allowed_parameters"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().into()).collect();
        let described: BTreeSet<String> = parameters(&doc, route)
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .map(|n| if n == "weights" { "w.METRIC".into() } else { n.into() })
            .collect();
        assert_eq!(described, accepted, "{route}");
    }

    // The sectors are an enum filled from the catalogue: the very list a wrong one is refused with.
    let refusal: Value = serde_json::from_str(&s.get("/cities.json?sector=nope").await.body).unwrap();
    let sector = parameters(&doc, "/cities.json").into_iter().find(|p| p["name"] == "sector").unwrap();
    assert_eq!(sector["schema"]["items"]["enum"], refusal["error"]["allowed"]);
    assert_eq!(sector["style"], "form");
    assert_eq!(sector["explode"], true, "repeated as sector=a&sector=b");
    let currency = parameters(&doc, "/compare.json").into_iter().find(|p| p["name"] == "currency").unwrap();
    assert_eq!(currency["schema"]["enum"], json!(["usd"]));
    let per_page = parameters(&doc, "/companies.json").into_iter().find(|p| p["name"] == "per_page").unwrap();
    assert_eq!(per_page["schema"]["maximum"], 200, "the server's --max-page-size");
    let slug = parameters(&doc, "/cities/{slug}.json").into_iter().find(|p| p["name"] == "slug").unwrap();
    assert_eq!(slug["in"], "path");
    assert!(slug["schema"]["enum"].as_array().unwrap().contains(&json!("dalian")));

    // Errors have one shape, with the parameter and what it accepts.
    let error = &doc["components"]["schemas"]["ErrorDetail"]["properties"];
    for field in ["status", "parameter", "message", "allowed", "allowed_parameters"] {
        assert!(error.get(field).is_some(), "{field}");
    }
}

#[tokio::test]
async fn every_route_answers_as_its_description_says() {
    let s = TestServer::start().await;
    let doc = s.json("/openapi.json").await;
    let mut covered: BTreeMap<&str, BTreeSet<u16>> = BTreeMap::new();
    for (route, address, status) in CALLS {
        let r = s.get(address).await;
        assert_eq!(r.status, *status, "{address}: {}", r.body.chars().take(300).collect::<String>());
        covered.entry(route).or_default().insert(*status);
        let documented = &doc["paths"][route]["get"]["responses"][status.to_string()];
        assert!(documented.is_object(), "{address}: {status} is not in the description");
        let media = r.header("content-type").split(';').next().unwrap().to_string();
        assert!(documented["content"].get(&media).is_some(), "{address}: {media} is not described for {status}");
        if media == "application/json" {
            let body: Value = serde_json::from_str(&r.body).unwrap();
            if let Err(e) = check(&doc, route, *status, &media, &body) {
                panic!("{address} ({status}) does not match the description:\n{e}");
            }
        }
        if *status == 200 {
            check_query(&doc, route, address);
        }
    }
    // Each route is called, and answers each of its documented statuses at least once.
    for route in ROUTES {
        let documented: BTreeSet<u16> =
            doc["paths"][route]["get"]["responses"].as_object().unwrap().keys().map(|k| k.parse().unwrap()).collect();
        assert_eq!(covered.get(route), Some(&documented), "{route}: statuses called vs described");
    }

    // A page further on, through the cursor the first page hands out.
    let first = s.json("/companies.json?per_page=3").await;
    let next = first["next"].as_str().unwrap();
    assert!(next.contains("after="), "{next}");
    let second = s.json(next).await;
    check(&doc, "/companies.json", 200, "application/json", &second).unwrap();
}

/// The description catches drift: an answer with a required field missing, a field renamed,
/// a field it does not know, or a value of the wrong type, does not validate.
#[tokio::test]
async fn an_answer_that_drifts_from_the_description_fails() {
    let s = TestServer::start().await;
    let doc = s.json("/openapi.json").await;
    let body = s.json("/compare.json?city=dalian&city=bangalore&currency=usd").await;
    check(&doc, "/compare.json", 200, "application/json", &body).unwrap();

    let mut missing = body.clone();
    missing["figures"][0].as_object_mut().unwrap().remove("source");
    assert!(check(&doc, "/compare.json", 200, "application/json", &missing).is_err(), "a required field left out");

    let mut renamed = body.clone();
    let metric = renamed["metrics"][0].as_object_mut().unwrap();
    let label = metric.remove("label").unwrap();
    metric.insert("title".into(), label);
    assert!(check(&doc, "/compare.json", 200, "application/json", &renamed).is_err(), "a field renamed");

    let mut added = body.clone();
    added["sources"][0]["licence"] = json!("CC-BY");
    assert!(check(&doc, "/compare.json", 200, "application/json", &added).is_err(), "a field not described");

    let mut retyped = body.clone();
    retyped["figures"][0]["year"] = json!("2017");
    assert!(check(&doc, "/compare.json", 200, "application/json", &retyped).is_err(), "a year as text");

    let mut unknown = body.clone();
    unknown["figures"][0]["scope"] = json!("planet");
    assert!(check(&doc, "/compare.json", 200, "application/json", &unknown).is_err(), "a scope not in the enum");

    // Through a flattened row too: the city's own fields and the list's are both checked.
    let cities = s.json("/cities.json?sector=bpo").await;
    check(&doc, "/cities.json", 200, "application/json", &cities).unwrap();
    let mut flattened = cities.clone();
    flattened["cities"][0]["mayor"] = json!("?");
    assert!(
        check(&doc, "/cities.json", 200, "application/json", &flattened).is_err(),
        "a field beside a flattened row"
    );
    let mut lost = cities;
    lost["cities"][0].as_object_mut().unwrap().remove("country");
    assert!(check(&doc, "/cities.json", 200, "application/json", &lost).is_err(), "a flattened row's field left out");

    // The error body too.
    let error: Value = serde_json::from_str(&s.get("/cities.json?sector=nope").await.body).unwrap();
    check(&doc, "/cities.json", 400, "application/json", &error).unwrap();
    let mut bare = error;
    bare["error"].as_object_mut().unwrap().remove("message");
    assert!(check(&doc, "/cities.json", 400, "application/json", &bare).is_err(), "an error without its message");
}
