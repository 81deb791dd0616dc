//! HTTP caching: strong ETags tied to the data version, 304 on a match, compressed copies of
//! the same page, and never a page from before an import after it, whoever imports.

use crate::common;

use std::io::Read;
use std::process::Command;

use common::TestServer;

async fn get(s: &TestServer, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(s.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

fn etag(r: &reqwest::Response) -> String {
    r.headers()["etag"].to_str().unwrap().to_string()
}

const CHANGED_FIGURE: &str = "city_slug,metric,year,value,unit,source_id,quote\n\
    dalian,it_companies,2017,2345,count,dalian-gov-2018,a corrected figure\n";

#[tokio::test]
async fn pages_carry_a_strong_etag_and_a_match_gets_304() {
    let s = TestServer::start().await;
    for path in [
        "/",
        "/cities/dalian",
        "/compare?city=dalian&city=berlin",
        "/compare.csv?city=dalian&city=berlin",
        "/cities.json",
        "/coverage.json",
        "/sources.csv?group=publisher&page=2",
        "/embed/compare?city=dalian&city=berlin",
        "/compare/chart.svg?city=dalian&city=berlin",
        "/openapi.json",
        "/api",
    ] {
        let first = get(&s, path, &[]).await;
        assert_eq!(first.status(), 200, "{path}");
        let tag = etag(&first);
        assert!(tag.starts_with('"') && !tag.starts_with("W/"), "a strong ETag on {path}: {tag}");
        assert_eq!(first.headers()["cache-control"], "no-cache", "{path}");
        let again = get(&s, path, &[("if-none-match", &tag)]).await;
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(etag(&again), tag);
        assert!(again.bytes().await.unwrap().is_empty());
        let other = get(&s, path, &[("if-none-match", "\"something-else\"")]).await;
        assert_eq!(other.status(), 200);
    }
    // The same page asked with its parameters in another order is the same page.
    let a = etag(&get(&s, "/compare?city=dalian&metric=population&city=berlin", &[]).await);
    let b = etag(&get(&s, "/compare?metric=population&city=dalian&city=berlin", &[]).await);
    assert_eq!(a, b);
    let c = etag(&get(&s, "/compare?city=berlin&city=dalian&metric=population", &[]).await);
    assert_ne!(a, c, "the order of the cities is part of the page (it sets their colours)");
}

#[tokio::test]
async fn compressed_answers_are_the_same_page() {
    let s = TestServer::start().await;
    let plain = get(&s, "/", &[]).await;
    assert!(plain.headers().get("content-encoding").is_none());
    let plain_tag = etag(&plain);
    let page = plain.text().await.unwrap();

    let br = get(&s, "/", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["vary"], "accept-encoding");
    assert_ne!(etag(&br), plain_tag, "each encoding has its own ETag");
    let compressed = br.bytes().await.unwrap();
    assert!(compressed.len() * 4 < page.len(), "{} vs {}", compressed.len(), page.len());
    let mut out = String::new();
    brotli::Decompressor::new(&compressed[..], 4096).read_to_string(&mut out).unwrap();
    assert_eq!(out, page);

    let gz = get(&s, "/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    let mut out = String::new();
    flate2::read::GzDecoder::new(&gz.bytes().await.unwrap()[..]).read_to_string(&mut out).unwrap();
    assert_eq!(out, page);
}

#[tokio::test]
async fn an_import_changes_the_etag_and_no_page_from_before_is_served_after() {
    let s = TestServer::start().await;
    let before = get(&s, "/cities/dalian", &[]).await;
    let old_tag = etag(&before);
    assert!(before.text().await.unwrap().contains("<data value=\"2000\">2,000</data>"));

    let folder = common::dataset(&[("metrics.csv", CHANGED_FIGURE)]);
    assert!(common::import_folder(&s.pool, folder.path()).await.applied);

    let after = get(&s, "/cities/dalian", &[("if-none-match", &old_tag)]).await;
    assert_eq!(after.status(), 200, "the old ETag no longer matches");
    assert_ne!(etag(&after), old_tag);
    let body = after.text().await.unwrap();
    assert!(body.contains("<data value=\"2345\">2,345</data>"), "the new figure shows at once");
    assert!(!body.contains("<data value=\"2000\">2,000</data>"));
}

#[tokio::test]
async fn an_import_by_another_process_is_seen_at_once() {
    let s = TestServer::start().await;
    let db = s.dir.path().join("test.db");
    let before = get(&s, "/cities/dalian", &[]).await.text().await.unwrap();
    assert!(before.contains("<data value=\"2000\">2,000</data>"));

    let folder = common::dataset(&[("metrics.csv", CHANGED_FIGURE)]);
    let status = Command::new(env!("CARGO_BIN_EXE_clusterscope"))
        .env("RUST_LOG", "warn")
        .arg("import")
        .arg(folder.path())
        .arg("--db")
        .arg(&db)
        .status()
        .unwrap();
    assert!(status.success());
    let after = get(&s, "/cities/dalian", &[]).await.text().await.unwrap();
    assert!(after.contains("<data value=\"2345\">2,345</data>"), "no stale page after an import");
}

#[tokio::test]
async fn per_visit_answers_are_not_cached() {
    let s = TestServer::start().await;
    for path in ["/compare/export", "/healthz"] {
        let r = get(&s, path, &[]).await;
        assert_eq!(r.status(), 200);
        assert!(r.headers().get("etag").is_none(), "{path}");
    }
    // Errors are not kept either: the same bad request is answered afresh.
    let r = get(&s, "/cities?sector=mining", &[]).await;
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("etag").is_none());
}

#[tokio::test]
async fn a_head_first_does_not_leave_an_empty_page_in_the_cache() {
    let s = TestServer::start().await;
    let client = reqwest::Client::new();
    for path in ["/cities/berlin", "/compare?city=dalian&city=london"] {
        let head = client.head(s.url(path)).send().await.unwrap();
        assert_eq!(head.status(), 200, "{path}");
        let announced: usize = head.headers()["content-length"].to_str().unwrap().parse().unwrap();
        let page = get(&s, path, &[]).await.text().await.unwrap();
        assert!(page.contains("</html>"), "the GET after a HEAD of {path} has the whole page");
        assert_eq!(announced, page.len(), "HEAD {path} announces the length of the page");
        let again = client.head(s.url(path)).send().await.unwrap();
        assert_eq!(again.headers()["content-length"], head.headers()["content-length"]);
    }
}

/// The body of `path`, asked of a server that has never seen any request.
/// `path` as a server that has cached nothing answers it, with the addresses of `like` (pages
/// name their server in complete links).
async fn fresh_body(like: &TestServer, path: &str) -> String {
    let fresh = TestServer::start().await;
    get(&fresh, path, &[]).await.text().await.unwrap().replace(&fresh.base, &like.base)
}

#[tokio::test]
async fn parameters_are_keyed_as_the_page_reads_them_not_as_they_are_spelt() {
    let s = TestServer::start().await;
    // `c%69ty` is `city`: Metro Manila then London, and then London then Metro Manila.
    let first = get(&s, "/compare.json?city=metro-manila&c%69ty=london", &[]).await;
    let first_tag = etag(&first);
    let reordered = "/compare.json?c%69ty=london&city=metro-manila";
    let second = get(&s, reordered, &[]).await;
    assert_ne!(etag(&second), first_tag, "another order of the cities is another page");
    assert_eq!(second.text().await.unwrap(), fresh_body(&s, reordered).await, "the page of its own order");

    // Spellings of one request are one page in the cache, with one ETag, whichever came first.
    for (canonical, spellings) in [
        ("/cities/dalian", vec![]),
        (
            "/compare?city=dalian&city=berlin",
            vec!["/compare?city=dalian+&city=+berlin", "/compare?city=%64alian&city=berli%6E"],
        ),
        (
            "/companies?city=dalian",
            vec!["/companies?&&city=dalian&&", "/companies?city=%20dalian%09", "/companies?c%69ty=dalian"],
        ),
    ] {
        let tag = etag(&get(&s, canonical, &[]).await);
        let body = get(&s, canonical, &[]).await.text().await.unwrap();
        for spelling in spellings {
            let r = get(&s, spelling, &[]).await;
            assert_eq!(r.status(), 200, "{spelling}");
            assert_eq!(etag(&r), tag, "{spelling} is {canonical}");
            assert_eq!(r.text().await.unwrap(), body, "{spelling}");
            assert_eq!(fresh_body(&s, spelling).await, body, "{spelling} uncached is the same page");
        }
    }
}

#[tokio::test]
async fn a_body_on_a_public_page_gets_the_same_413_cached_or_not() {
    let s = TestServer::start().await;
    let client = reqwest::Client::new();
    for (path, kind) in
        [("/cities", "text/html"), ("/cities.json", "application/json"), ("/cities.csv", "application/json")]
    {
        for round in ["before the page is cached", "after"] {
            let r = client.get(s.url(path)).body("unexpected").send().await.unwrap();
            assert_eq!(r.status(), 413, "{path} {round}");
            assert!(r.headers()["content-type"].to_str().unwrap().starts_with(kind), "{path} {round}");
            assert!(r.headers().get("etag").is_none());
            let text = r.text().await.unwrap();
            assert!(text.contains("takes no request body"), "{path} {round}: {text}");
            assert_eq!(get(&s, path, &[]).await.status(), 200, "{path} without a body");
        }
    }
}
