//! Eighteen clusters: the map links exactly the cities a page lists, pickers group cities by
//! region and offer the dataset's presets, and a first-release database upgrades to the new
//! releases by an import that changes only what the releases changed.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use common::{TestServer, data_dir, empty_db, import_folder};

/// The slugs between `start` and the end of the element that `start` opens, in order.
fn map_links(body: &str, variant: &str) -> Vec<String> {
    let svg =
        body.split(&format!("<svg class=\"map-svg {variant}\"")).nth(1).expect("a map").split("</g>").next().unwrap();
    let cities = svg.split("<g class=\"map-cities\"").nth(1).expect("the city links");
    cities.split("<a href=\"/cities/").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect()
}

fn highlighted(body: &str) -> BTreeSet<String> {
    let svg = body.split("<svg class=\"map-svg wide-layout\"").nth(1).unwrap().split("</g>").next().unwrap();
    svg.split("<a href=\"/cities/")
        .skip(1)
        .filter(|s| s.split('>').next().unwrap().contains("map-city hl"))
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

fn card_slugs(body: &str) -> BTreeSet<String> {
    body.split("<h3 class=\"card-title\"><a href=\"/cities/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

fn list_slugs(body: &str) -> BTreeSet<String> {
    let list = body.split("<div class=\"map-list\">").nth(1).unwrap().split("</ul>").next().unwrap();
    list.split("<a href=\"/cities/").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect()
}

#[tokio::test]
async fn the_map_links_exactly_the_listed_cities() {
    let s = TestServer::start().await;
    for filter in [
        "",
        "sector=bpo",
        "sector=embedded_software",
        "sector=fintech&sector=semiconductors",
        "country=India",
        "sector=internet&country=Germany",
    ] {
        let r = s.get(&format!("/cities?{filter}")).await;
        assert_eq!(r.status, 200, "{filter}");
        let listed = card_slugs(&r.body);
        assert!(!listed.is_empty(), "{filter}");
        for variant in ["wide-layout", "narrow-layout"] {
            let mapped = map_links(&r.body, variant);
            assert_eq!(mapped.len(), listed.len(), "{filter} {variant}: each listed city once");
            assert_eq!(mapped.into_iter().collect::<BTreeSet<_>>(), listed, "{filter} {variant}");
        }
        assert_eq!(list_slugs(&r.body), listed, "{filter}: the list beside the map");
        let json = s.json(&format!("/cities.json?{filter}")).await;
        let twin: BTreeSet<String> =
            json["cities"].as_array().unwrap().iter().map(|c| c["slug"].as_str().unwrap().to_string()).collect();
        assert_eq!(twin, listed, "{filter}: the JSON twin lists the same cities");
    }
    let none = s.get("/cities?sector=consulting").await;
    assert!(!none.body.contains("map-svg"), "no map when no city matches");
}

#[tokio::test]
async fn a_map_is_an_image_with_a_title_a_description_and_links_and_asks_nothing_of_other_origins() {
    let s = TestServer::start().await;
    let r = s.get("/cities?sector=embedded_software").await;
    let figure = r.body.split("<figure class=\"map-block\"").nth(1).unwrap().split("</figure>").next().unwrap();
    assert!(
        figure
            .contains("<svg role=\"img\" aria-labelledby=\"cities-map-wide-t\" aria-describedby=\"cities-map-wide-d\"")
    );
    assert!(figure.contains("<title id=\"cities-map-wide-t\">Where the matching cities are</title>"));
    let desc = figure.split("<desc id=\"cities-map-wide-d\">").nth(1).unwrap().split("</desc>").next().unwrap();
    for name in ["Bangalore (Bengaluru)", "Chengdu", "Dalian", "Pune", "Shenzhen"] {
        assert!(desc.contains(name), "{desc}");
        assert!(figure.contains(&format!("<title>{name}</title>")), "{name}: each link is named");
    }
    // The land is held once for both layouts, and nothing is fetched from elsewhere.
    assert_eq!(r.body.matches("<path id=\"cities-map-land\"").count(), 1);
    let without_namespaces = figure.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_namespaces.contains("http"), "no request to another origin");
    // The whole map, both layouts and the list, stays under 30 KB compressed.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(figure.as_bytes()).unwrap();
    let compressed = gz.finish().unwrap().len();
    assert!(compressed < 30_000, "the map adds {compressed} bytes compressed");
}

#[tokio::test]
async fn the_dashboard_highlights_the_compared_cities_and_a_city_page_maps_its_region() {
    let s = TestServer::start().await;
    let r = s.get("/?city=dalian&city=pune").await;
    assert_eq!(map_links(&r.body, "wide-layout").len(), 18, "every city of the data");
    assert_eq!(highlighted(&r.body), BTreeSet::from(["dalian".to_string(), "pune".to_string()]));
    assert!(
        r.body.contains("<li class=\"hl\"><a href=\"/cities/pune\">Pune</a> <span class=\"hl-word\">(compared)</span>")
    );

    let r = s.get("/cities/pune").await;
    let region: BTreeSet<String> = map_links(&r.body, "wide-layout").into_iter().collect();
    assert_eq!(region, ["bangalore", "chennai", "pune"].map(String::from).into(), "South Asia in the data");
    assert_eq!(highlighted(&r.body), BTreeSet::from(["pune".to_string()]));
    let r = s.get("/cities/tel-aviv").await;
    assert_eq!(map_links(&r.body, "narrow-layout"), ["tel-aviv"], "alone in its region: the area around it");
}

/// The presets of `data/presets.csv`: id, label and cities.
fn presets() -> Vec<(String, String, Vec<String>)> {
    let mut reader = csv::Reader::from_path(data_dir().join("presets.csv")).unwrap();
    reader
        .deserialize::<BTreeMap<String, String>>()
        .map(|row| {
            let row = row.unwrap();
            (row["id"].clone(), row["label"].clone(), row["cities"].split(';').map(String::from).collect())
        })
        .collect()
}

#[tokio::test]
async fn every_preset_resolves_on_every_picker_and_keeps_the_other_choices() {
    let s = TestServer::start().await;
    let presets = presets();
    assert!(presets.len() >= 4, "the documented presets");
    for (page, query) in
        [("/", "currency=usd&sector=bpo"), ("/compare", "currency=usd"), ("/scorecard", "w.it_employees=2")]
    {
        let r = s.get(&format!("{page}?city=dalian&city=london&{query}")).await;
        assert_eq!(r.status, 200, "{page}");
        for (id, label, cities) in &presets {
            let label_html = label.replace('\'', "&#39;");
            let link = r.body.split(&format!("\">{label_html}</a>")).next().unwrap();
            let href = link.rsplit("<a href=\"").next().unwrap().split('"').next().unwrap().replace("&#38;", "&");
            assert!(href.starts_with(&format!("{page}?")), "{page} {id}: {href}");
            let expected: Vec<String> = cities.iter().map(|c| format!("city={c}")).collect();
            let asked: Vec<&str> = href.split(['?', '&']).filter(|p| p.starts_with("city=")).collect();
            assert_eq!(asked, expected, "{page} {id}: the preset's cities, in its order");
            assert!(!href.contains("sector="), "{page} {id}: a sector filter would narrow the preset");
            let kept = query.split('&').next().unwrap();
            assert!(href.contains(kept), "{page} {id}: {kept} is kept in {href}");
            // Following the link ticks exactly the preset's cities, and marks the preset current.
            let followed = s.get(&href).await;
            assert_eq!(followed.status, 200, "{href}");
            let ticked: BTreeSet<String> = followed
                .body
                .split("name=\"city\" value=\"")
                .skip(1)
                .filter(|s| s.split('>').next().unwrap().contains(" checked"))
                .map(|s| s.split('"').next().unwrap().to_string())
                .collect();
            assert_eq!(ticked, cities.iter().cloned().collect(), "{href}");
            assert!(followed.body.contains(&format!("aria-current=\"true\">{label_html}</a>")), "{href}");
        }
    }
}

#[tokio::test]
async fn pickers_group_every_city_once_by_world_region() {
    let s = TestServer::start().await;
    for page in ["/", "/compare", "/scorecard"] {
        let body = s.get(page).await.body;
        let picker = body.split("<fieldset id=\"field-city\"").nth(1).unwrap();
        let picker = picker.split("</div>\n</fieldset>").next().unwrap();
        let regions: Vec<&str> = picker
            .split("<fieldset class=\"city-group\">\n    <legend>")
            .skip(1)
            .map(|s| s.split('<').next().unwrap())
            .collect();
        assert_eq!(
            regions,
            ["East Asia", "South Asia", "Southeast Asia", "Middle East", "Europe", "Americas"],
            "{page}"
        );
        let slugs: Vec<&str> =
            picker.split("name=\"city\" value=\"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
        assert_eq!(slugs.len(), 18, "{page}");
        assert_eq!(slugs.iter().collect::<BTreeSet<_>>().len(), 18, "{page}: each city once");
        let europe = picker.split("<legend>Europe</legend>").nth(1).unwrap().split("</fieldset>").next().unwrap();
        for city in ["berlin", "dublin", "krakow", "london"] {
            assert!(europe.contains(&format!("value=\"{city}\"")), "{page}: {city} in Europe");
        }
    }
    // The dashboard's default stays the first comparison.
    let body = s.get("/").await.body;
    assert!(body.contains("<h1>Dalian against Bangalore (Bengaluru), Metro Manila and Silicon Valley</h1>"));
}

/// Keys of each dataset file: what an import matches rows on.
const KEYS: [(&str, &[&str]); 9] = [
    ("sources.csv", &["id"]),
    ("fx_rates.csv", &["currency", "year"]),
    ("metric_definitions.csv", &["metric"]),
    ("cities.csv", &["slug"]),
    ("presets.csv", &["id"]),
    ("parks.csv", &["slug"]),
    ("companies.csv", &["slug"]),
    ("sectors.csv", &["city_slug", "sector"]),
    ("metrics.csv", &["city_slug", "metric", "year", "source_id"]),
];

/// Rows of a dataset file by key (an absent file has none).
fn rows_by_key(dir: &Path, file: &str, key: &[&str]) -> BTreeMap<Vec<String>, BTreeMap<String, String>> {
    let Ok(mut reader) = csv::Reader::from_path(dir.join(file)) else { return BTreeMap::new() };
    reader
        .deserialize::<BTreeMap<String, String>>()
        .map(|row| {
            let row = row.unwrap();
            (key.iter().map(|k| row[*k].clone()).collect(), row)
        })
        .collect()
}

#[tokio::test]
async fn importing_the_new_releases_over_a_first_release_database_changes_only_what_they_change() {
    let release_1 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release-1");
    let (dir, pool) = empty_db().await;
    let first = import_folder(&pool, &release_1).await;
    assert!(first.problems.is_empty(), "{:?}", first.problems);

    let upgrade = import_folder(&pool, &data_dir()).await;
    assert!(upgrade.problems.is_empty(), "{:?}", upgrade.problems);
    for (file, key) in KEYS {
        let old = rows_by_key(&release_1, file, key);
        let new = rows_by_key(&data_dir(), file, key);
        assert!(old.keys().all(|k| new.contains_key(k)), "{file}: the new release keeps every row of the first");
        let added = new.keys().filter(|k| !old.contains_key(*k)).count() as u64;
        let changed = new.iter().filter(|(k, row)| old.get(*k).is_some_and(|o| o != *row)).count() as u64;
        let report = upgrade.files.iter().find(|f| f.file == file).unwrap();
        assert_eq!((report.new, report.changed), (added, changed), "{file}");
        assert_eq!(report.unchanged, new.len() as u64 - added - changed, "{file}");
    }

    // The upgraded database serves what a fresh one does.
    let upgraded = TestServer::serve(dir, pool.clone()).await;
    let fresh = TestServer::start().await;
    let slugs: Vec<String> =
        rows_by_key(&data_dir(), "cities.csv", &["slug"]).into_keys().map(|k| k[0].clone()).collect();
    let mut paths: Vec<String> = slugs.iter().map(|s| format!("/cities/{s}.json")).collect();
    paths.extend([
        "/cities.json".into(),
        "/companies.json?per_page=200".into(),
        "/compare.json?city=shanghai&city=tokyo".into(),
    ]);
    for path in paths {
        // Only the data version differs: the upgraded database has had two imports.
        let without_version = |mut v: serde_json::Value| {
            v.as_object_mut().unwrap().remove("data_version");
            v
        };
        let (a, b) = (without_version(upgraded.json(&path).await), without_version(fresh.json(&path).await));
        assert!(a.get("error").is_none(), "{path}: {a}");
        assert!(a == b, "{path} differs after the upgrade");
    }

    // Importing again changes nothing.
    let again = import_folder(&pool, &data_dir()).await;
    assert!(again.files.iter().all(|f| f.new == 0 && f.changed == 0), "{:?}", again.files);
}
