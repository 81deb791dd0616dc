//! Charts for other sites: `/embed/compare` and `/embed/scorecard` may be framed by any site
//! (and nothing else may), `/compare/chart.svg` is a standalone SVG file that loads and runs
//! nothing, and the compare page offers both as snippets to copy.

use crate::common;

use clusterscope::web::Settings;
use common::TestServer;
use common::html::decode_entities;

const EMBEDS: [&str; 2] =
    ["/embed/compare?city=dalian&city=bangalore", "/embed/scorecard?city=dalian&city=bangalore&city=pune"];

#[tokio::test]
async fn only_the_embeds_may_be_framed_by_other_sites() {
    let s = TestServer::start().await;
    for path in EMBEDS {
        // The second answer comes from the page cache: it keeps the policy.
        for _ in 0..2 {
            let r = s.get(path).await;
            assert_eq!(r.status, 200, "{path}");
            let csp = r.header("content-security-policy");
            assert!(csp.ends_with("frame-ancestors *"), "{path}: {csp}");
            for strict in
                ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'"]
            {
                assert!(csp.contains(strict), "{path}: {strict} in {csp}");
            }
            assert!(!csp.contains("unsafe-inline"), "{path}");
            assert_eq!(r.header("x-frame-options"), "", "{path}: DENY would forbid what the policy allows");
            assert_eq!(r.header("x-content-type-options"), "nosniff");
        }
    }
    // A mistake in an embed's address is shown in the frame, too.
    let r = s.get("/embed/compare?city=dalian&city=atlantis").await;
    assert_eq!(r.status, 400);
    assert!(r.header("content-security-policy").ends_with("frame-ancestors *"));
    assert!(r.body.contains("atlantis"), "the page says what is wrong");

    for path in
        ["/compare?city=dalian&city=bangalore", "/", "/no/such/page", "/scorecard", "/api", "/compare/chart.svg"]
    {
        let r = s.get(path).await;
        assert!(r.header("content-security-policy").contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(r.header("x-frame-options"), "DENY", "{path}");
    }
}

#[tokio::test]
async fn an_embed_is_the_chart_its_sources_and_a_way_back() {
    let s = TestServer::start_configured(
        Settings { public_url: Some("https://clusters.example.org".into()), ..Settings::default() },
        None,
    )
    .await;
    let page = s.get(EMBEDS[0]).await.body;
    assert_eq!(page.matches("<svg class=\"chart-svg").count(), 2, "the compare page's chart, in both layouts");
    assert!(page.contains("<figcaption>") && page.contains("class=\"chart-title\""), "with its title");
    assert!(page.contains("The numbers and their sources"), "and its data table");
    let sources = page.split("class=\"embed-sources\"").nth(1).unwrap().split("</p>").next().unwrap();
    assert!(sources.contains("Sources:") && sources.contains("<a href=\"http"), "{sources}");
    assert!(
        decode_entities(&page).contains("href=\"https://clusters.example.org/compare?city=dalian&city=bangalore\""),
        "the full view on the public site"
    );
    assert!(!page.contains("<script") && !page.contains("<form"), "no script, nothing to submit");
    assert!(!page.contains("style="), "no inline style");
    let stylesheets: Vec<&str> = page.split("<link rel=\"stylesheet\" href=\"").skip(1).collect();
    assert_eq!(stylesheets.len(), 1);
    assert!(stylesheets[0].starts_with("/static/css/app."), "only the site's own stylesheet");
    assert!(page.contains("<base target=\"_blank\">"), "links leave the frame");

    // The metric chosen decides the chart; a family no city can be charted on is 404.
    let chosen = s.get("/embed/compare?city=dalian&city=bangalore&metric=it_employees").await;
    assert_eq!(chosen.status, 200);
    let title = chosen.body.split("<span class=\"chart-title\">").nth(1).unwrap().split('<').next().unwrap();
    assert!(title.contains("IT industry employees"), "its family's chart: {title}");
    let none = s.get("/embed/compare?city=dalian&city=bangalore&metric=gdp_vnd").await;
    assert_eq!(none.status, 404);

    let card = s.get(EMBEDS[1]).await.body;
    assert!(card.contains("band-chart"), "the rank bands");
    assert!(card.contains("Sources:"));
    assert!(
        decode_entities(&card).contains("https://clusters.example.org/scorecard?city=dalian&city=bangalore&city=pune")
    );
}

#[tokio::test]
async fn the_chart_file_is_a_standalone_svg() {
    let s = TestServer::start().await;
    let r = s.get("/compare/chart.svg?city=dalian&city=bangalore&city=metro-manila").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), "image/svg+xml; charset=utf-8");
    assert_eq!(r.header("content-disposition"), "inline; filename=\"clusterscope-dalian-bangalore-metro-manila.svg\"");
    assert!(r.header("content-security-policy").starts_with("default-src 'none'"), "it may load nothing");

    let doc = roxmltree::Document::parse(&r.body).expect("well-formed XML");
    let svg = doc.root_element();
    assert_eq!(svg.tag_name().name(), "svg");
    assert_eq!(svg.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    let size = |a: &str| svg.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    assert!(size("width") > 100.0 && size("height") > 50.0, "fixed width and height");
    let view_box: Vec<f64> = svg.attribute("viewBox").unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
    assert_eq!(view_box, [0.0, 0.0, size("width"), size("height")], "the drawing fills its box");
    let child = |name: &str| svg.children().find(|n| n.has_tag_name(name));
    assert!(child("title").and_then(|t| t.text()).is_some_and(|t| !t.is_empty()), "a title");
    let desc = child("desc").and_then(|d| d.text()).unwrap();
    assert!(desc.contains("Sources:") && desc.contains("Clusterscope"), "{desc}");
    let style = child("style").and_then(|d| d.text()).unwrap();
    assert!(style.contains("@media (prefers-color-scheme:dark)"), "light by default, dark when asked");
    assert!(style.contains(".s0 rect"), "the series colours");

    let lower = r.body.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "nothing runs");
    for node in doc.descendants().filter(|n| n.is_element()) {
        assert!(node.attributes().all(|a| !a.name().starts_with("on")), "an event handler on {node:?}");
    }
    assert!(!lower.contains("url(") && !lower.contains("@import"), "nothing is fetched by the style");
    let outside: Vec<&str> = r.body.split("=\"http").skip(1).map(|rest| rest.split('"').next().unwrap()).collect();
    assert_eq!(outside, ["://www.w3.org/2000/svg"], "no reference out but the SVG namespace");
    assert!(!r.body.contains("href="), "no links at all");
}

#[tokio::test]
async fn mistakes_in_the_chart_files_address_name_the_parameter() {
    let s = TestServer::start().await;
    for (query, param) in [
        ("city=dalian", "city"),
        ("city=dalian&city=bangalore&currency=eur", "currency"),
        ("city=dalian&city=bangalore&scale=cubic", "scale"),
        ("city=dalian&city=bangalore&metric=nope", "metric"),
        ("city=dalian&city=bangalore&colour=red", "colour"),
    ] {
        let r = s.get(&format!("/compare/chart.svg?{query}")).await;
        assert_eq!(r.status, 400, "{query}");
        assert!(r.header("content-type").starts_with("application/json"), "{query}: not a page inside an image");
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["error"]["parameter"], param, "{query}");
    }
    let r = s.get("/compare/chart.svg?city=dalian&city=ho-chi-minh-city&metric=gdp_vnd").await;
    assert_eq!(r.status, 404, "a table, no chart");
    assert!(r.header("content-type").starts_with("application/json"));
}

#[tokio::test]
async fn the_compare_page_offers_both_snippets() {
    let plain = TestServer::start().await;
    let page = plain.get("/compare?city=dalian&city=bangalore&currency=usd").await.body;
    let snippets =
        page.split("class=\"embed-snippets\"").nth(1).expect("the snippets").split("</details>").next().unwrap();
    // What a reader copies: the textarea's text, entities decoded once.
    let text = |id: &str| {
        let inner = snippets.split(&format!("<textarea id=\"{id}\" readonly")).nth(1).unwrap();
        decode_entities(inner.split_once('>').unwrap().1.split("</textarea>").next().unwrap())
    };
    let frame = text("embed-iframe");
    assert!(
        frame.starts_with("<iframe src=\"/embed/compare?city=dalian&amp;city=bangalore&amp;currency=usd\""),
        "{frame}"
    );
    for attribute in ["title=\"", "width=\"", "height=\"", "loading=\"lazy\"", "></iframe>"] {
        assert!(frame.contains(attribute), "{attribute} in {frame}");
    }
    let img = text("embed-img");
    assert!(
        img.starts_with("<img src=\"/compare/chart.svg?city=dalian&amp;city=bangalore&amp;currency=usd\" alt=\""),
        "{img}"
    );
    assert!(snippets.contains("address before each path"), "no public address known");
    assert!(!page.contains("<script"), "no script needed to copy them");

    let public = TestServer::start_configured(
        Settings { public_url: Some("https://clusters.example.org".into()), ..Settings::default() },
        None,
    )
    .await;
    let page = decode_entities(&public.get("/compare?city=dalian&city=bangalore").await.body);
    assert!(page.contains("<iframe src=\"https://clusters.example.org/embed/compare?city=dalian&amp;city=bangalore\""));
    assert!(
        page.contains("<img src=\"https://clusters.example.org/compare/chart.svg?city=dalian&amp;city=bangalore\"")
    );
    assert!(!page.contains("Put this site's address"));
}
