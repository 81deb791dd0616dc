//! What the data says comes back in JSON exactly as it was written: a string, never escaped
//! or altered.

use super::payloads::*;

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
