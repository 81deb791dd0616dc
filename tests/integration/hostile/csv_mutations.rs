//! Random bytes and random mutations of a valid metrics file never crash the importer: it
//! applies or it reports, at a real line, and a report leaves the database as it was.

use proptest::prelude::*;

use super::{Raw, runner, runtime};
use crate::common::{dataset, import_folder, loaded_db, snapshot};

/// A small valid metrics file the generated test mutates.
const VALID_METRICS: &str = "city_slug,metric,year,value,unit,source_id,quote\r\n\
    dalian,population,2040,1000,persons,intheblack-dalian,a quote\r\n\
    bangalore,it_companies,2040,12,count,intheblack-dalian,\"a \"\"quoted\"\", text\"\r\n\
    berlin,it_revenue_eur,2040,1.5e9,EUR,intheblack-dalian,q\r\n";

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
    DuplicateLine(usize),
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
        match m {
            Mutation::Flip(i, b) if !bytes.is_empty() => {
                let i = i % bytes.len();
                bytes[i] ^= b | 1;
            }
            Mutation::Flip(..) => {}
            Mutation::Insert(i, new) => {
                let i = at(*i, bytes.len());
                bytes.splice(i..i, new.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let i = at(*i, bytes.len());
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            Mutation::Truncate(i) => bytes.truncate(at(*i, bytes.len())),
            Mutation::DuplicateLine(n) => {
                let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
                if !lines.is_empty() {
                    let line = lines[n % lines.len()].to_vec();
                    bytes.extend_from_slice(&line);
                }
            }
        }
    }
    bytes
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..8),
        proptest::sample::select(vec![
            &b"\""[..],
            b"\"\"",
            b",",
            b",,,",
            b"\r",
            b"\n",
            b"\r\n",
            b"\0",
            b"\xef\xbb\xbf",
            b"\xff",
            b"\xc3",
            b"NaN",
            b"1e309",
            b"-",
            b"dalian",
            b"atlantis",
            b"population",
            b"2040",
            b"  ",
            b"=HYPERLINK(\"x\")",
            b"<script>",
        ])
        .prop_map(<[u8]>::to_vec),
        (1usize..6000).prop_map(|n| b"x".repeat(n)),
    ];
    prop_oneof![
        3 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        4 => (any::<usize>(), token).prop_map(|(i, t)| Mutation::Insert(i, t)),
        2 => (any::<usize>(), 1usize..20).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
    ]
}

#[test]
fn random_bytes_and_mutations_of_a_metrics_file_never_crash_the_importer() {
    let rt = runtime();
    let file = prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..3000),
        4 => proptest::collection::vec(mutation(), 1..6).prop_map(|m| mutate(VALID_METRICS.as_bytes().to_vec(), &m)),
    ]
    .prop_map(Raw);
    let result = runner(32).run(&file, |Raw(bytes)| {
        rt.block_on(async {
            let (_dir, pool) = loaded_db().await;
            let before = snapshot(&pool).await;
            let folder = dataset(&[]);
            std::fs::write(folder.path().join("metrics.csv"), &bytes).unwrap();
            let report = import_folder(&pool, folder.path()).await;
            prop_assert_eq!(report.applied, report.problems.is_empty(), "{:?}", report.problems);
            let line_ends = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64;
            for p in &report.problems {
                prop_assert_eq!(p.file.as_str(), "metrics.csv", "{}", p);
                prop_assert!(p.line >= 1 && p.line <= line_ends + 1, "{} (the file has {} line ends)", p, line_ends);
                prop_assert!(!p.reason.trim().is_empty(), "{}", p);
            }
            if !report.problems.is_empty() {
                prop_assert_eq!(snapshot(&pool).await, before, "a failed import must change nothing");
            }
            Ok(())
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
