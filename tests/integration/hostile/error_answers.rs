//! Addresses the router cannot take (too long, not UTF-8) get the site's own error answers, in
//! the format of the route they were meant for.

use super::wire::{check_answer, send};
use crate::common::TestServer;

#[tokio::test]
async fn an_address_past_the_length_limit_gets_the_sites_own_error_answers() {
    let s = TestServer::start().await;
    let addr = s.base.trim_start_matches("http://");
    let long = "a".repeat(5_000);
    // The answer's format is the one the route would have: a path that only looks like a
    // twin (`/cities.json/cities.json`, found by the random test above) is an unknown page.
    let targets = [
        format!("/cities?country={long}"),
        format!("/compare.json?city=dalian&city={long}"),
        format!("/companies.csv?q={long}"),
        format!("/cities/dalian%2Ejson?{long}"),
        format!("/cities.json/cities.json?city={long}"),
        format!("/cities/dalian/x.csv?{long}"),
        format!("/parks/x.json?{long}"),
    ];
    for target in targets {
        let answer = send(addr, &target, &[], true).await.unwrap();
        assert_eq!(answer.status, 414, "{}", answer.text());
        if let Err(e) = check_answer(&target, &answer) {
            panic!("{e}");
        }
    }
}

#[tokio::test]
async fn path_segments_that_are_not_utf8_get_the_sites_own_error_answers() {
    let s = TestServer::start().await;
    let addr = s.base.trim_start_matches("http://");
    for target in [
        "/cities/%FF",
        "/parks/%C3%28",
        "/sources/%80",
        "/cities/%FF.json",
        "/cities/%ED%A0%80.csv",
        "/cities/%FF%2Ejson",
    ] {
        let answer = send(addr, target, &[], true).await.unwrap();
        assert!(matches!(answer.status, 400 | 404), "{target}: {} {}", answer.status, answer.text());
        if let Err(e) = check_answer(target, &answer) {
            panic!("{e}");
        }
    }
}
