//! The dashboard, the compare page and their exports over real HTTP.

use crate::common;

use common::TestServer;
use common::html::{element_texts, svgs};

/// The city names of the headline cards, in order.
fn card_names(body: &str) -> Vec<String> {
    body.split("<h3 class=\"card-title\"><a href=\"/cities/")
        .skip(1)
        .map(|s| s.split('>').nth(1).unwrap().split('<').next().unwrap().to_string())
        .collect()
}

/// The charts' SVGs (each chart has a wide and a narrow one), not the legends' keys.
fn chart_svgs(body: &str) -> Vec<&str> {
    svgs(body).into_iter().filter(|svg| svg.contains("class=\"chart-svg")).collect()
}

/// Every inline chart is an accessible image: role, a title and a description it points to.
fn assert_accessible_charts(body: &str, at_least: usize) {
    let charts = chart_svgs(body);
    assert!(charts.len() >= at_least, "expected {at_least} charts, found {}", charts.len());
    for svg in charts {
        assert!(svg.contains("role=\"img\""), "{svg:.200}");
        let labelled = svg.split("aria-labelledby=\"").nth(1).unwrap().split('"').next().unwrap();
        for id in labelled.split(' ') {
            assert!(svg.contains(&format!("id=\"{id}\">")), "chart points to a missing {id}");
        }
        let desc = element_texts(svg, "desc")[0];
        assert!(desc.len() > 40, "the description says what the chart shows: {desc}");
    }
    assert!(!body.contains(" style=\""), "no inline style attributes");
    assert!(!body.contains("<style"), "no style elements on the site's pages");
}

#[tokio::test]
async fn the_dashboard_compares_dalian_with_bangalore_manila_and_silicon_valley_by_default() {
    let s = TestServer::start().await;
    let r = s.get("/").await;
    assert_eq!(r.status, 200);
    assert_eq!(card_names(&r.body), ["Dalian", "Bangalore (Bengaluru)", "Metro Manila", "Silicon Valley"]);
    assert!(r.body.contains("<h1>Dalian against Bangalore (Bengaluru), Metro Manila and Silicon Valley</h1>"));
    for chart in
        ["chart-industry_revenue_usd", "chart-it_workforce", "chart-tholons", "chart-sectors", "chart-park-companies"]
    {
        assert!(r.body.contains(&format!("id=\"{chart}\"")), "{chart}");
    }
    assert_accessible_charts(&r.body, 6);
    // Each chart has its numbers beside it, with sources.
    assert_eq!(r.body.matches("<figure class=\"chart").count(), r.body.matches("class=\"chart-data\"").count());
    // Exports of the same cities are linked.
    let q = "city=dalian&#38;city=bangalore&#38;city=metro-manila&#38;city=silicon-valley";
    for link in [format!("/compare/export?{q}"), format!("/compare.csv?{q}"), format!("/compare.json?{q}")] {
        assert!(r.body.contains(&link), "{link}");
    }
}

#[tokio::test]
async fn the_rank_chart_puts_first_place_at_the_top() {
    let s = TestServer::start().await;
    let r = s.get("/").await;
    let figure = r.body.split("id=\"chart-tholons\"").nth(1).unwrap().split("</figure>").next().unwrap();
    for chart in chart_svgs(figure) {
        assert!(chart.contains("rank (1 = best)"));
        // Bangalore (colour 1) was 1st in 2015 and Dalian (colour 0) 14th: Bangalore's marker is
        // higher (the marker's outline starts within a few units of its centre).
        let y = |class: &str, year: &str| -> f64 {
            let series =
                chart.split(&format!("<g class=\"series {class}")).nth(1).unwrap().split("</g>").next().unwrap();
            let marker =
                series.split("<path class=\"marker\" d=\"M").find(|m| m.contains(&format!(", {year}:"))).unwrap();
            marker.split([' ', 'a', 'L']).nth(1).unwrap().parse().unwrap()
        };
        assert!(y("s1", "2015") + 20.0 < y("s0", "2015"), "{chart}");
    }
}

#[tokio::test]
async fn wider_area_figures_are_marked_on_the_charts() {
    let s = TestServer::start().await;
    let r = s.get("/").await;
    let revenue = r.body.split("id=\"chart-industry_revenue_usd\"").nth(1).unwrap().split("</figure>").next().unwrap();
    assert!(revenue.contains("Metro Manila (whole country)"));
    assert!(revenue.contains("dotted lines for a whole country"));
    assert!(revenue.contains("<g class=\"series s2 national"), "Metro Manila's national series is dotted");
}

#[tokio::test]
async fn the_sector_filter_and_the_city_picker_narrow_the_dashboard() {
    let s = TestServer::start().await;
    let r = s.get("/?sector=fintech&sector=semiconductors").await;
    assert_eq!(
        card_names(&r.body),
        [
            "Bangalore (Bengaluru)",
            "Chengdu",
            "Ho Chi Minh City",
            "London",
            "Pune",
            "Shanghai",
            "Shenzhen",
            "Silicon Valley"
        ]
    );
    assert!(r.body.contains("name=\"sector\" value=\"fintech\" checked"));

    let r = s.get("/?city=berlin&city=london").await;
    assert_eq!(card_names(&r.body), ["Berlin", "London"]);
    assert!(r.body.contains("name=\"city\" value=\"berlin\" checked"));

    let r = s.get("/?city=berlin&city=dalian&sector=bpo").await;
    assert_eq!(card_names(&r.body), ["Dalian"]);
    assert!(r.body.contains("1 of the 2 chosen cities are known for the chosen sectors"));

    let r = s.get("/?city=berlin&sector=bpo").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("No city matches"));
}

#[tokio::test]
async fn the_dashboard_rejects_bad_input_with_400() {
    let s = TestServer::start().await;
    let nine = ["dalian", "bangalore", "metro-manila", "silicon-valley", "london", "berlin", "a", "b", "c"];
    let too_many = nine.iter().map(|c| format!("city={c}")).collect::<Vec<_>>().join("&");
    for (path, param) in [
        ("/?city=atlantis".to_string(), "city"),
        ("/?sector=mining".to_string(), "sector"),
        ("/?scale=cubic".to_string(), "scale"),
        (format!("/?{too_many}"), "city"),
        ("/?colour=red".to_string(), "colour"),
    ] {
        let r = s.get(&path).await;
        assert_eq!(r.status, 400, "{path}");
        assert!(r.body.contains(&format!("parameter <code>{param}</code>")), "{path}");
    }
    // A mistake in the form brings the form back, with the choices kept and the message beside
    // the field; a parameter the form does not have gets the error page.
    let r = s.get("/?city=dalian&city=atlantis&sector=bpo").await;
    let field = r.body.split("id=\"field-city\"").nth(1).unwrap().split("</fieldset>").next().unwrap();
    assert!(field.contains("class=\"field-error\""), "the message is next to the cities");
    assert!(field.contains("&#34;atlantis&#34; is not a known value for city"));
    assert!(field.contains("name=\"city\" value=\"dalian\" checked"), "the choice is kept");
    assert!(r.body.contains("name=\"sector\" value=\"bpo\" checked"));
    assert!(!s.get("/?colour=red").await.body.contains("class=\"field-error\""));
}

#[tokio::test]
async fn a_log_scale_is_offered_and_said() {
    let s = TestServer::start().await;
    let r = s.get("/?scale=log").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<option value=\"log\" selected>"));
    assert!(r.body.contains("log scale</text>"));
    assert!(r.body.contains("on a logarithmic scale"));
}

#[tokio::test]
async fn compare_shows_the_latest_figure_of_each_key_metric_per_city() {
    let s = TestServer::start().await;
    let r = s.get("/compare?city=dalian&city=bangalore&city=metro-manila&city=silicon-valley").await;
    assert_eq!(r.status, 200);
    let table = r.body.split("<table class=\"data compare-table\">").nth(1).unwrap().split("</table>").next().unwrap();
    let header = table.split("</thead>").next().unwrap();
    for city in ["Dalian", "Bangalore (Bengaluru)", "Metro Manila", "Silicon Valley"] {
        assert!(header.contains(city), "{city}");
    }
    let tholons = table.split("Tholons outsourcing rank").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(tholons.contains("<data value=\"14\">14th</data> <span class=\"year\">(2015)</span>"), "{tholons}");
    assert!(
        tholons.contains("<data value=\"3\">3rd</data> <span class=\"year\">(2021)</span>"),
        "Bangalore's latest rank"
    );
    assert!(tholons.contains("href=\"/sources/"));
    let national = table.split("IT industry revenue, whole country (USD)").nth(1).unwrap();
    assert!(national.split("</tr>").next().unwrap().contains("scope-national"));
    assert_accessible_charts(&r.body, 4);
}

#[tokio::test]
async fn compare_takes_chosen_metrics_and_keeps_the_form_state() {
    let s = TestServer::start().await;
    let r = s.get("/compare?city=dalian&city=berlin&metric=population&metric=it_companies").await;
    assert_eq!(r.status, 200);
    let table = r.body.split("<table class=\"data compare-table\">").nth(1).unwrap().split("</table>").next().unwrap();
    assert_eq!(table.matches("<th scope=\"row\">").count(), 2, "one row per chosen metric");
    assert!(r.body.contains("name=\"metric\" value=\"population\" checked"));
    assert!(r.body.contains("name=\"city\" value=\"berlin\" checked"));
    assert!(!r.body.contains("name=\"city\" value=\"london\" checked"));
}

#[tokio::test]
async fn compare_rejects_bad_choices_with_a_page_that_says_what_is_allowed() {
    let s = TestServer::start().await;
    let nine = (0..9).map(|i| {
        format!("city={}", ["dalian", "bangalore", "metro-manila", "silicon-valley", "london", "berlin"][i % 6])
    });
    let _ = nine;
    for (path, param, allowed) in [
        ("/compare?city=dalian", "city", "<code>bangalore</code>"),
        ("/compare?city=dalian&city=dalian", "city", "<code>london</code>"),
        ("/compare?city=dalian&city=atlantis", "city", "<code>berlin</code>"),
        ("/compare?city=dalian&city=berlin&metric=gdp", "metric", "<code>it_revenue_usd</code>"),
        ("/compare?city=dalian&city=berlin&scale=cubic", "scale", "<code>log</code>"),
    ] {
        let r = s.get(path).await;
        assert_eq!(r.status, 400, "{path}");
        assert!(r.body.contains(&format!("parameter <code>{param}</code>")), "{path}");
        assert!(r.body.contains(allowed), "{path}: lists {allowed}");
        // The form comes back with the choices kept and the message beside the field.
        let field = r.body.split(&format!("id=\"field-{param}\"")).nth(1).unwrap();
        assert!(field.split("</fieldset>").next().unwrap().contains("class=\"field-error\""), "{path}");
        assert!(r.body.contains("name=\"city\" value=\"dalian\" checked"), "{path}: the choice is kept");
    }
}

#[tokio::test]
async fn compare_takes_at_most_eight_cities() {
    let (dir, pool) = common::loaded_db().await;
    let mut rows = String::from("slug,name,country,source_id\n");
    for i in 0..4 {
        rows.push_str(&format!("extra-{i},Extra {i},Nowhere,intheblack-dalian\n"));
    }
    let folder = common::dataset(&[("cities.csv", &rows)]);
    assert!(common::import_folder(&pool, folder.path()).await.problems.is_empty());
    let s = TestServer::serve(dir, pool).await;
    let six = "city=dalian&city=bangalore&city=metro-manila&city=silicon-valley&city=london&city=berlin";
    let eight = format!("{six}&city=extra-0&city=extra-1");
    assert_eq!(s.get(&format!("/compare?{eight}")).await.status, 200);
    let r = s.get(&format!("/compare?{eight}&city=extra-2")).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("choose from 2 to 8 different cities"));
}

#[tokio::test]
async fn the_exported_comparison_is_one_self_contained_file() {
    let s = TestServer::start().await;
    let r = s.get("/compare/export?city=dalian&city=bangalore&city=metro-manila&city=silicon-valley").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-disposition"),
        "attachment; filename=\"clusterscope-dalian-bangalore-metro-manila-silicon-valley.html\""
    );
    assert!(r.header("content-type").starts_with("text/html"));
    let html = &r.body;
    assert!(html.starts_with("<!doctype html>"));
    // Nothing is loaded from anywhere: no scripts, stylesheets, images, frames, fonts, url().
    let lower = html.to_lowercase();
    for forbidden in ["<script", "<link", "<img", "<iframe", "<object", "<embed", "src=", "@import", "@font-face"] {
        assert!(!lower.contains(forbidden), "the export contains {forbidden}");
    }
    // The stylesheet's only url() are data: images (the source marker), which load nothing.
    for u in lower.split("url(").skip(1) {
        assert!(u.starts_with("\"data:"), "the export loads url({:.40}", u);
    }
    // Links only go to the web (sources) or within the file.
    for href in html.split("href=\"").skip(1).map(|h| h.split('"').next().unwrap()) {
        assert!(href.starts_with("http://") || href.starts_with("https://") || href.starts_with('#'), "{href}");
        if let Some(anchor) = href.strip_prefix('#') {
            assert!(html.contains(&format!("id=\"{anchor}\"")), "link to a missing #{anchor}");
        }
    }
    assert!(html.contains("<style>"), "styles are inline");
    assert_accessible_charts_in_export(html);
    assert!(html.contains("Exported from Clusterscope on 20"), "says when it was exported");
    assert!(!html.contains("127.0.0.1"), "without --public-url it names no address, never a loopback one");
    assert!(html.contains("id=\"source-intheblack-dalian\""), "every cited source is listed");
    assert!(html.contains("https://www.intheblack.com/articles/2014/09/11/"));
}

#[tokio::test]
async fn the_export_names_the_public_address_it_came_from() {
    let settings = clusterscope::web::Settings {
        public_url: Some("https://clusters.example.org".into()),
        ..clusterscope::web::Settings::default()
    };
    let s = TestServer::start_configured(settings, None).await;
    let r = s.get("/compare/export?city=dalian&city=bangalore").await;
    assert!(r.body.contains("href=\"https://clusters.example.org/compare?city=dalian&#38;city=bangalore\""));
}

fn assert_accessible_charts_in_export(html: &str) {
    let charts = chart_svgs(html).len();
    assert!(charts >= 4, "charts are inline SVG: {charts}");
    assert_eq!(html.matches("role=\"img\"").count(), charts);
}

#[tokio::test]
async fn the_comparison_as_csv_is_long_form_and_spreadsheet_safe() {
    let (dir, pool) = common::loaded_db().await;
    let folder = common::dataset(&[(
        "metrics.csv",
        "city_slug,metric,year,value,unit,source_id,quote\n\
         dalian,it_companies,2030,5,count,intheblack-dalian,\"=HYPERLINK(\"\"http://evil\"\")\"\n",
    )]);
    assert!(common::import_folder(&pool, folder.path()).await.problems.is_empty());
    let s = TestServer::serve(dir, pool).await;
    let r = s.get("/compare.csv?city=dalian&city=bangalore").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("text/csv"));
    assert!(r.header("content-disposition").contains("clusterscope-dalian-bangalore.csv"));
    let mut lines = r.body.split("\r\n");
    let header = lines.next().unwrap();
    assert!(header.starts_with("city,metric,year,value,unit,scope,source_title,source_url"), "{header}");
    let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    assert!(rows.iter().any(|l| l.starts_with("dalian,it_revenue_usd,2013,21700000000,USD,city,")));
    assert!(rows.iter().any(|l| l.starts_with("bangalore,tholons_rank,2015,1,rank,city,")));
    let evil = rows.iter().find(|l| l.starts_with("dalian,it_companies,2030,")).unwrap();
    assert!(evil.contains(",\"'=HYPERLINK("), "formula neutralised: {evil}");
    // Parsed back, every row has as many cells as the header.
    let mut reader = csv::Reader::from_reader(r.body.as_bytes());
    let width = reader.headers().unwrap().len();
    assert!(reader.records().all(|rec| rec.unwrap().len() == width));
}

#[tokio::test]
async fn the_comparison_as_json_carries_figures_and_their_sources() {
    let s = TestServer::start().await;
    let r = s.get("/compare.json?city=dalian&city=metro-manila").await;
    assert_eq!(r.status, 200);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["cities"].as_array().unwrap().len(), 2);
    assert_eq!(v["cities"][0]["slug"], "dalian");
    let figures = v["figures"].as_array().unwrap();
    assert!(!figures.is_empty());
    let sources: Vec<&str> = v["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    for f in figures {
        assert!(sources.contains(&f["source"].as_str().unwrap()), "every figure's source is included");
        assert!(f["year"].is_i64() && f["value"].is_f64() && f["scope"].is_string());
    }
    let national = figures.iter().find(|f| f["metric"] == "it_revenue_usd_national").unwrap();
    assert_eq!(national["scope"], "national");
}

#[tokio::test]
async fn machine_readable_errors_are_json() {
    let s = TestServer::start().await;
    for (path, status, param) in [
        ("/compare.json?city=dalian", 400, Some("city")),
        ("/compare.csv?city=dalian&city=x", 400, Some("city")),
        ("/cities.json?sector=mining", 400, Some("sector")),
        ("/cities.csv?bogus=1", 400, Some("bogus")),
        ("/cities/atlantis.json", 404, None),
        ("/cities/atlantis.csv", 404, None),
    ] {
        let r = s.get(path).await;
        assert_eq!(r.status, status, "{path}");
        assert!(r.header("content-type").starts_with("application/json"), "{path}");
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["error"]["status"], status);
        if let Some(p) = param {
            assert_eq!(v["error"]["parameter"], p, "{path}");
        }
    }
    let v: serde_json::Value = serde_json::from_str(&s.get("/cities.json?sector=mining").await.body).unwrap();
    assert!(v["error"]["allowed"].as_array().unwrap().iter().any(|a| a == "bpo"));
}

#[tokio::test]
async fn city_lists_and_profiles_have_json_and_csv_twins() {
    let s = TestServer::start().await;
    let v: serde_json::Value = serde_json::from_str(&s.get("/cities.json?sector=bpo").await.body).unwrap();
    let slugs: Vec<&str> = v["cities"].as_array().unwrap().iter().map(|c| c["slug"].as_str().unwrap()).collect();
    assert_eq!(
        slugs,
        ["bangalore", "chengdu", "chennai", "dalian", "dublin", "krakow", "metro-manila", "pune"],
        "the same filter as the page"
    );
    assert_eq!(v["count"], 8);

    let csv = s.get("/cities.csv?country=Germany").await;
    assert!(csv.body.starts_with("slug,name,country,"));
    assert_eq!(csv.body.trim_end().split("\r\n").count(), 2);
    assert!(csv.body.contains("berlin,Berlin,Germany"));

    let v: serde_json::Value = serde_json::from_str(&s.get("/cities/dalian.json").await.body).unwrap();
    assert_eq!(v["slug"], "dalian");
    assert_eq!(v["population"], 7450785);
    let figures = v["figures"].as_array().unwrap();
    assert!(figures.len() > 50);
    let ids: Vec<&str> = v["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert!(figures.iter().all(|f| ids.contains(&f["source"].as_str().unwrap())));
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "each source once, by id, as the twin always listed them: {ids:?}");
    assert!(v["parks"].as_array().unwrap().iter().any(|p| p["slug"] == "dalian-software-park"));

    let csv = s.get("/cities/dalian.csv").await;
    assert!(csv.body.starts_with("city,metric,year,value,unit,scope,source_title,source_url"));
    assert!(csv.body.contains("dalian,it_revenue_rmb,2013,135000000000,RMB,city,"));
}

#[tokio::test]
async fn the_company_list_has_json_and_csv_twins_with_the_same_filters_and_pages() {
    let s = TestServer::start().await;
    let v: serde_json::Value =
        serde_json::from_str(&s.get("/companies.json?city=metro-manila&sector=bpo").await.body).unwrap();
    let slugs: Vec<&str> = v["companies"].as_array().unwrap().iter().map(|c| c["slug"].as_str().unwrap()).collect();
    assert!(slugs.contains(&"convergys-manila") && slugs.iter().all(|s| s.ends_with("manila")), "{slugs:?}");
    assert_eq!(v["total"], slugs.len());
    let sources: Vec<&str> = v["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    for c in v["companies"].as_array().unwrap() {
        for id in c["sources"].as_array().unwrap() {
            assert!(sources.contains(&id.as_str().unwrap()), "every cited source is included");
        }
    }

    let page1: serde_json::Value = serde_json::from_str(&s.get("/companies.json?per_page=20").await.body).unwrap();
    assert_eq!(page1["companies"].as_array().unwrap().len(), 20);
    let next = page1["next"].as_str().unwrap();
    let page2: serde_json::Value = serde_json::from_str(&s.get(next).await.body).unwrap();
    assert_eq!(page2["page"], 2);
    assert_ne!(page2["companies"][0]["slug"], page1["companies"][0]["slug"]);

    let csv = s.get("/companies.csv?sector=semiconductors").await;
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.body.starts_with("slug,name,city,park,sector,"));
    assert_eq!(csv.body.trim_end().split("\r\n").count(), 8, "a header and the seven semiconductor companies");
    let bad = s.get("/companies.json?city=atlantis").await;
    assert_eq!(bad.status, 400);
    assert!(bad.header("content-type").starts_with("application/json"));
}
