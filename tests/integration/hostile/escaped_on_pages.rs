//! Markup planted in the data comes out escaped on every page, in every chart and in the
//! exported file: nothing of it is live.

use super::payloads::*;
use super::wire::{pct, send};
use crate::common::TestServer;
use crate::common::html::{assert_inert, element_texts, escaped, svgs};

#[tokio::test]
async fn payloads_in_the_data_are_escaped_on_every_page() {
    let s = hostile_server().await;
    let both = format!("city={CITY}&city=dalian");
    let every_quote = [
        Q_POPULATION,
        Q_REVENUE_2019,
        Q_REVENUE_2020,
        Q_EMPLOYEES_2019,
        Q_EMPLOYEES_2020,
        Q_RANK,
        Q_COMPANIES,
        Q_INDEX,
    ];
    let source = [SOURCE_TITLE, SOURCE_PUBLISHER, SOURCE_URL];
    let pages: Vec<(String, Vec<&str>)> = vec![
        ("/".into(), vec![CITY_NAME]),
        (
            format!("/?{both}"),
            [
                &[
                    CITY_NAME,
                    COUNTRY,
                    REGION,
                    PARK_NAME,
                    PARK_QUOTE,
                    SECTOR_QUOTE,
                    Q_REVENUE_2019,
                    Q_REVENUE_2020,
                    Q_EMPLOYEES_2019,
                    Q_EMPLOYEES_2020,
                    Q_RANK,
                ][..],
                &source,
            ]
            .concat(),
        ),
        ("/cities".into(), [&[CITY_NAME, COUNTRY, REGION][..], &source].concat()),
        ("/cities?sector=bpo".into(), [&[CITY_NAME, COUNTRY, REGION][..], &source].concat()),
        (format!("/cities?country={}", pct(COUNTRY.as_bytes())), [&[CITY_NAME, COUNTRY, REGION][..], &source].concat()),
        (
            format!("/cities/{CITY}"),
            [
                &[
                    CITY_NAME,
                    COUNTRY,
                    REGION,
                    POPULATION_SCOPE,
                    SUMMARY,
                    METRIC_LABEL,
                    METRIC_DESCRIPTION,
                    PARK_NAME,
                    PARK_QUOTE,
                    COMPANY_NAME,
                    COMPANY_HQ,
                    COMPANY_QUOTE,
                    SECTOR_QUOTE,
                ][..],
                &every_quote,
                &source,
            ]
            .concat(),
        ),
        (
            format!("/parks/{PARK}"),
            [&[CITY_NAME, PARK_NAME, PARK_QUOTE, COMPANY_NAME, COMPANY_HQ, COMPANY_QUOTE][..], &source].concat(),
        ),
        ("/companies".into(), [&[CITY_NAME, PARK_NAME, COMPANY_NAME, COMPANY_HQ, COMPANY_QUOTE][..], &source].concat()),
        (
            format!("/companies?city={CITY}"),
            [&[CITY_NAME, PARK_NAME, COMPANY_NAME, COMPANY_HQ, COMPANY_QUOTE][..], &source].concat(),
        ),
        ("/sources".into(), source.to_vec()),
        ("/changes".into(), vec![CHANGE_REASON]),
        (
            format!("/sources/{SOURCE}"),
            [
                &[CITY_NAME, METRIC_LABEL, PARK_NAME, PARK_QUOTE, COMPANY_NAME, COMPANY_QUOTE, SECTOR_QUOTE][..],
                &every_quote,
                &source,
            ]
            .concat(),
        ),
        (
            format!("/compare?{both}"),
            [
                &[CITY_NAME, METRIC_LABEL, Q_POPULATION, Q_REVENUE_2020, Q_EMPLOYEES_2020, Q_RANK, Q_COMPANIES][..],
                &source,
            ]
            .concat(),
        ),
        (
            format!("/compare?{both}&metric={METRIC}&metric=population"),
            [&[CITY_NAME, METRIC_LABEL, METRIC_DESCRIPTION, Q_POPULATION, Q_INDEX][..], &source].concat(),
        ),
        (
            format!("/compare/export?{both}"),
            [&[CITY_NAME, Q_POPULATION, Q_REVENUE_2020, Q_EMPLOYEES_2020, Q_RANK, Q_COMPANIES][..], &source].concat(),
        ),
    ];
    for (path, expected) in &pages {
        let r = s.get(path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(r.header("content-type").starts_with("text/html"), "{path}");
        let export = path.starts_with("/compare/export");
        assert_inert(path, &r.body, usize::from(export));
        for payload in expected {
            assert!(r.body.contains(&escaped(payload)), "{path}: the escaped form of {payload:?} is missing");
        }
        // Template syntax in the data is text, never evaluated.
        if expected.iter().any(|p| p.contains("{{7*7}}")) {
            assert!(r.body.contains("{{7*7}}"), "{path}");
        }
    }

    // Who made a change is not public.
    let changes = s.get("/changes").await.body;
    assert!(!changes.contains("actor-never-shown"), "/changes shows who made the change");

    // The charts: the city's name is in every description, escaped, and the park's name in a
    // title of the park charts; nothing inside an SVG is live markup.
    for path in [format!("/?{both}"), format!("/compare?{both}"), format!("/compare/export?{both}")] {
        let r = s.get(&path).await;
        // Each chart's two layouts; the legends' keys are decoration, not charts.
        let charts: Vec<&str> = svgs(&r.body).into_iter().filter(|svg| svg.contains("class=\"chart-svg")).collect();
        assert!(charts.len() >= 4, "{path}: {} charts", charts.len());
        for svg in svgs(&r.body) {
            assert_inert(&path, svg, 0);
        }
        let name = escaped(CITY_NAME);
        let mut described = 0;
        for svg in &charts {
            assert_inert(&path, svg, 0);
            let descs = element_texts(svg, "desc");
            let titles = element_texts(svg, "title");
            assert_eq!(descs.len(), 1, "{path}: one description per chart");
            for text in descs.iter().chain(&titles) {
                assert!(!text.contains('<') && !text.contains('>'), "{path}: markup in {text:?}");
            }
            if descs[0].contains(&name) {
                described += 1;
            }
        }
        let expected = if path.starts_with("/?") {
            // revenue (USD), workforce, ranks and the sector matrix show the hostile city.
            4
        } else {
            charts.len()
        };
        assert!(
            described >= expected,
            "{path}: the city is named in {described} of {} chart descriptions",
            charts.len()
        );
        if path.starts_with("/?") {
            let park = escaped(PARK_NAME);
            assert!(
                charts.iter().any(|svg| element_texts(svg, "title").iter().any(|t| t.contains(&park))),
                "{path}: the park is named in a park chart"
            );
        }
    }
}

#[tokio::test]
async fn a_hostile_host_header_never_reaches_the_exported_file() {
    let s = TestServer::start().await;
    let addr = s.base.trim_start_matches("http://");
    let host = b"evil.example\"><script>alert('host')</script><a href=\"javascript:alert(1)";
    let answer =
        send(addr, "/compare/export?city=dalian&city=berlin", &[("Host".into(), host.to_vec())], false).await.unwrap();
    assert_eq!(answer.status, 200);
    let html = answer.text();
    assert_inert("export with a hostile Host", &html, 1);
    // The export names only the configured public address, never what a client claims.
    assert!(!html.contains("evil.example"), "the Host header is not echoed");
    assert!(!html.contains("127.0.0.1"), "no loopback address is named");
}
