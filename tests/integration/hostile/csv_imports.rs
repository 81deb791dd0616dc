//! Writing CSV files and importing them into the bundled database: the helpers of the tests
//! of malformed imports.

use sqlx::SqlitePool;

use crate::common::{dataset, import_folder, loaded_db, snapshot};

/// The header of a metrics file, in the documented column order.
pub const METRICS_HEADER: &str = "city_slug,metric,year,value,unit,source_id,quote";

/// A CSV file: the header as written, then `rows` quoted by the `csv` crate as RFC 4180 says.
pub fn csv_file(header: &str, rows: &[Vec<&str>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.write_record(row).unwrap();
    }
    format!("{header}\n{}", String::from_utf8(w.into_inner().unwrap()).unwrap())
}

/// Imports `files` (raw bytes) into the bundled database: it must fail with exactly the
/// problems `expected` (each a prefix of one problem line, in order) and change nothing.
pub async fn assert_rejected(files: &[(&str, &[u8])], expected: &[&str]) -> Vec<String> {
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let folder = dataset(&[]);
    for (name, bytes) in files {
        std::fs::write(folder.path().join(name), bytes).unwrap();
    }
    let report = import_folder(&pool, folder.path()).await;
    let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(!report.applied, "a dataset with problems must not be applied: {lines:#?}");
    assert_eq!(lines.len(), expected.len(), "exactly the expected problems: {lines:#?}");
    for (line, prefix) in lines.iter().zip(expected) {
        assert!(line.starts_with(prefix), "expected {prefix:?}, got {lines:#?}");
    }
    assert_eq!(snapshot(&pool).await, before, "a failed import must change nothing");
    lines
}

/// Imports `files` into the bundled database: it must apply without a problem.
pub async fn assert_applied(files: &[(&str, &[u8])]) -> (tempfile::TempDir, SqlitePool) {
    let (dir, pool) = loaded_db().await;
    let folder = dataset(&[]);
    for (name, bytes) in files {
        std::fs::write(folder.path().join(name), bytes).unwrap();
    }
    let report = import_folder(&pool, folder.path()).await;
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert!(report.applied);
    (dir, pool)
}

/// The stored figures of `year`: city, quote and value, by city and metric.
pub async fn metric_quotes(pool: &SqlitePool, year: i64) -> Vec<(String, String, f64)> {
    sqlx::query_as(
        "SELECT c.slug, m.quote, m.value FROM metrics m JOIN cities c ON c.id = m.city_id
         WHERE m.year = ? ORDER BY c.slug, m.metric",
    )
    .bind(year)
    .fetch_all(pool)
    .await
    .unwrap()
}
