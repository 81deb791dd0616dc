//! The integration suite, one test binary: the real router over HTTP on a real SQLite file,
//! headless Chromium for the user flows. One binary rather than one per file, because each
//! binary links the whole application: 24 of them wrote gigabytes and took minutes to link.
//! `tests/query_plans.rs` stays on its own: it installs a global tracing subscriber that would
//! capture the other tests' statements.

#[path = "../common/mod.rs"]
mod common;

mod admin;
mod architecture;
mod bounded_reports;
mod browser;
mod caching;
mod cli;
mod clusters;
mod comparable;
mod coverage;
mod crash;
mod dashboard;
mod disk_full;
mod embed;
mod hostile;
mod i18n;
mod import;
mod layout;
mod list_pages;
mod openapi;
mod operations;
mod pages;
mod scorecard;
mod search;
mod sources;
