//! The importer's side of the database: the SQL of `dataset::import`. It owns the import's
//! transaction and the `imports` row that records it; per dataset file, the row type that is
//! both read from the CSV and written (`CityRow`, ...), the look-up of the stored rows with the
//! same keys and the multi-row upsert; the cited-source lists; the keys later files refer to;
//! and the deferral of the company indexes for a bulk load. What a row must look like and what
//! it may refer to is checked by the importer before anything gets here.

mod batch;
pub mod bulk;
pub mod cities;
pub mod companies;
pub mod fx_rates;
pub mod metric_definitions;
pub mod metrics;
pub mod parks;
pub mod presets;
pub mod sectors;
mod source_lists;
pub mod sources;

use sqlx::{Sqlite, SqliteConnection, Transaction};

pub(crate) use batch::{Change, Record, table_is_empty, write_batch};
pub use cities::CityRow;
pub use companies::CompanyRow;
pub use fx_rates::FxRateRow;
pub use metric_definitions::MetricDefinitionRow;
pub use metrics::MetricRow;
pub use parks::ParkRow;
pub use presets::PresetRow;
pub use sectors::CitySectorRow;
pub use sources::SourceRow;

/// Look-ups by a list of keys bind at most this many per statement.
const KEYS_PER_LOOKUP: usize = 2000;

/// Starts the import's transaction. IMMEDIATE takes the write lock up front, so the import
/// never fails half-way on a lock upgrade while readers are serving pages.
pub async fn begin(conn: &mut SqliteConnection) -> Result<Transaction<'_, Sqlite>, sqlx::Error> {
    sqlx::Connection::begin_with(conn, "BEGIN IMMEDIATE").await
}

/// Sets up the import's connection (closed after the import, so no connection serving pages
/// keeps the setting): a page cache of 64 MiB.
///
/// It was 1 GiB, to keep a big import's B-trees in memory until the commit, and importing a
/// million companies peaked at 530 MB of memory, for no measurable gain in time: the rows are
/// appended in order of id, so each table's last pages are the ones written, and what spills
/// from a smaller cache goes to the write-ahead log once. The cache size also bounds how much of
/// an index build SQLite's sorter keeps in memory before it writes sorted runs to a temporary
/// file.
pub async fn tune_connection(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA cache_size = -65536").execute(&mut *conn).await.map(|_| ())
}

/// Who applied an import, from where and why, with the per-file summary (JSON).
pub struct ImportLogEntry<'a> {
    pub origin: &'a str,
    pub summary: &'a str,
    pub actor: &'a str,
    pub reason: &'a str,
}

/// Records an import that changed something; its id is the new data version.
pub async fn log_import(conn: &mut SqliteConnection, entry: ImportLogEntry<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO imports (applied_at, origin, summary, actor, reason) \
         VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?, ?) RETURNING id",
    )
    .bind(entry.origin)
    .bind(entry.summary)
    .bind(entry.actor)
    .bind(entry.reason)
    .fetch_one(&mut *conn)
    .await
}
