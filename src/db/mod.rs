//! The database: opening the SQLite file with the pragmas the app relies on, running the
//! embedded migrations, and every query the site makes, grouped by entity. No SQL lives
//! outside this module (the dataset importer's writes live in `dataset::write`, which is the
//! other half of the same contract: the schema in `migrations/`).

pub mod catalogue;
pub mod cities;
pub mod companies;
pub mod metrics;
pub mod parks;
pub mod sectors;
pub mod sources;

use std::path::Path;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// How the file was found when it was opened: a new file needs the default data loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    Created,
    Existing,
}

/// Opens (creating if needed) the database file and brings its schema up to date.
pub async fn open(path: &Path) -> Result<(SqlitePool, Opened), sqlx::Error> {
    let opened = if path.exists() {
        Opened::Existing
    } else {
        Opened::Created
    };
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .foreign_keys(true)
        // WAL lets readers keep serving while an import writes; NORMAL is durable in WAL mode
        // across application crashes, which is what an import's all-or-nothing promise needs.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok((pool, opened))
}

/// The data version: the id of the last import that changed something (0 for an empty
/// database). Pages show it, and caches key on it.
pub async fn data_version<'e>(db: impl sqlx::SqliteExecutor<'e>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM imports")
        .fetch_one(db)
        .await
}

/// Answers when the database can run a query: the health check.
pub async fn ping(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(pool)
        .await
        .map(|_| ())
}

/// The current time in UTC, `2026-11-28 18:40 UTC`, for stamping exports.
pub async fn now_utc(pool: &SqlitePool) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT strftime('%Y-%m-%d %H:%M UTC', 'now')")
        .fetch_one(pool)
        .await
}
