//! The checkers themselves: each catches what it looks for, so a test that passes with them
//! proves something.

use super::neutralised_in_csv::{formula_cells, neutralised};
use super::payloads::PAYLOADS;
use super::wire::{machine_route, pct, pct_decode};
use crate::common::html::{escaped, inert};

#[test]
fn the_checkers_catch_what_they_look_for() {
    let page =
        |body: &str| format!("<!doctype html>\n<html><head><title>t</title></head><body><p>{body}</p></body></html>");
    // Every payload with markup passes escaped and is caught raw.
    for payload in PAYLOADS {
        assert_eq!(inert(payload, &page(&escaped(payload)), 0), Ok(()));
        if payload.contains('<') {
            assert!(inert(payload, &page(payload), 0).is_err(), "{payload:?} raw is not caught");
        }
    }
    // What the plain substring checks would miss, the tokenizer catches.
    for raw in [
        "<svg\tonload=alert(1)>",
        "<span onmouseover=alert(1)>x</span>",
        "<a href=\"java&#x73;cript:alert(1)\">x</a>",
        "<a href=' &#106;avascript:alert(1)'>x</a>",
        "<a href=\"\tjavascript:alert(1)\">x</a>",
        "<span style=\"background:url(x)\">x</span>",
        "<marquee>x</marquee>",
        "x</style>y",
        "</title>",
        "<details>unclosed",
    ] {
        assert!(inert(raw, &page(raw), 0).is_err(), "{raw:?} is not caught");
    }
    assert!(inert("style", "<html><style>a>b{}</style></html>", 1).is_ok());
    assert!(inert("style", "<html><style>a>b{}</style></html>", 0).is_err());

    let rows = |cells: &[&str]| vec![cells.iter().map(|c| c.to_string()).collect::<Vec<String>>()];
    assert_eq!(
        formula_cells(&rows(&["=1+1", "+cmd", "-2+3", "@SUM(1)", "\t=1", "'=1", "-0.1275", "+3", "1e9", "x"])),
        ["=1+1", "+cmd", "-2+3", "@SUM(1)", "\t=1"]
    );
    assert_eq!(neutralised("-2+3"), "'-2+3");

    assert!(machine_route("/cities.json") && machine_route("/compare.csv"));
    assert!(machine_route("/cities/dalian.json") && machine_route("/cities/x%2Ecsv"));
    assert!(!machine_route("/cities") && !machine_route("/cities/") && !machine_route("/cities/a/b.json"));
    assert!(!machine_route("/cities%2Ejson") && !machine_route("/parks/x.json"));
    assert_eq!(pct_decode("a%2Fb%zz%4"), b"a/b%zz%4");
    assert_eq!(pct(b"a b/\xff"), "a%20b%2F%FF");
}
