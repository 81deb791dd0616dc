//! Hostile input, proved handled rather than hoped for: markup and formulas planted in the
//! data come out escaped on every page, verbatim in JSON and neutralised in CSV; random and
//! malicious requests never get a 5xx or a broken answer; malformed CSV never crashes the
//! importer, is reported precisely and leaves the database as it was.

mod checkers;
mod csv_encodings;
mod csv_imports;
mod csv_mutations;
mod csv_numbers;
mod csv_references;
mod csv_rows;
mod error_answers;
mod escaped_on_pages;
mod neutralised_in_csv;
mod payloads;
mod random_requests;
mod verbatim_in_json;
mod wire;

use proptest::test_runner::{Config, TestRunner};

/// Bytes, shown as an escaped byte string when a generated case fails.
#[derive(Clone)]
struct Raw(Vec<u8>);

impl std::fmt::Debug for Raw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// `cases` random inputs per run; `HOSTILE_CASES=N cargo test --test integration hostile::` runs N instead,
/// for a deeper search than CI's.
fn runner(cases: u32) -> TestRunner {
    let cases = std::env::var("HOSTILE_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases);
    TestRunner::new(Config { cases, failure_persistence: None, max_shrink_iters: 200, ..Config::default() })
}
