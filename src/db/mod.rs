//! The database: opening the SQLite file with the pragmas the app relies on, running the
//! embedded migrations, every query the site makes, grouped by entity, and the importer's
//! writes (`import`, grouped by dataset file). No SQL lives outside this module: the rest of
//! the app, the dataset importer included, calls the functions here.

pub mod catalogue;
pub mod changes;
pub mod cities;
pub mod companies;
pub mod directory;
pub mod disk;
pub mod fx_rates;
pub(crate) mod import;
mod localised;
pub mod metrics;
pub mod parks;
pub mod presets;
pub mod search;
pub mod sectors;
pub mod source_list;
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
    let opened = if path.exists() { Opened::Existing } else { Opened::Created };
    // A few connections are enough: SQLite serialises writes, the machine has few cores, and
    // each connection keeps its own page cache and prepared statements in memory.
    //
    // Not pinged when taken from the pool: sqlx pings every connection as it goes back, so a
    // broken one never gets there, and a second ping per query was a second round trip to the
    // connection's thread (about a tenth of an uncached list page's time).
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .test_before_acquire(false)
        .connect_with(options(path).create_if_missing(true))
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok((pool, opened))
}

/// Opens a database file that must already exist, without changing its schema: for `check`
/// and `backup`, which must not create or migrate anything.
pub async fn open_existing(path: &Path) -> Result<SqlitePool, sqlx::Error> {
    if !path.is_file() {
        return Err(sqlx::Error::Configuration(format!("no database file at {}", path.display()).into()));
    }
    SqlitePoolOptions::new().max_connections(2).connect_with(options(path)).await
}

fn options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .foreign_keys(true)
        // WAL lets readers keep serving while an import writes; NORMAL is durable in WAL mode
        // across application crashes, which is what an import's all-or-nothing promise needs.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10))
        // Readers map the file instead of copying each page out of the OS cache: far fewer
        // system calls and copies for a large database. The mapping is shared by the process's
        // connections and is not counted as its own (anonymous) memory.
        .pragma("mmap_size", "4294967296")
}

/// The data version: the id of the last import that changed something (0 for an empty
/// database). Pages show it, and caches key on it.
pub async fn data_version<'e>(db: impl sqlx::SqliteExecutor<'e>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM imports").fetch_one(db).await
}

/// Answers when the database can run a query: the health check.
pub async fn ping(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(pool).await.map(|_| ())
}

/// The current time in UTC, `2026-11-28 18:40 UTC`, for stamping exports.
pub async fn now_utc(pool: &SqlitePool) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT strftime('%Y-%m-%d %H:%M UTC', 'now')").fetch_one(pool).await
}

/// Writes a consistent copy of the database to `target` (`VACUUM INTO`): it reads one
/// snapshot, so it is safe while the server serves and imports.
pub async fn backup(pool: &SqlitePool, target: &Path) -> Result<(), sqlx::Error> {
    if target.exists() {
        return Err(sqlx::Error::Configuration(format!("{} exists already", target.display()).into()));
    }
    let target = target.to_string_lossy().into_owned();
    sqlx::query("VACUUM INTO ?").bind(target).execute(pool).await.map(|_| ())
}

/// Integrity and foreign-key problems, as sentences; empty when the database is sound.
pub async fn check(pool: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    let mut problems: Vec<String> = sqlx::query_scalar::<_, String>("PRAGMA integrity_check")
        .fetch_all(pool)
        .await?
        .into_iter()
        .filter(|line| line != "ok")
        .collect();
    let broken: Vec<(String, Option<i64>, String)> =
        sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check").fetch_all(pool).await?;
    problems.extend(broken.into_iter().map(|(table, rowid, parent)| {
        format!("{table} row {} refers to a missing row of {parent}", rowid.map_or("?".into(), |r| r.to_string()))
    }));
    Ok(problems)
}

/// Folds the write-ahead log back into the database file and closes the pool: the last step
/// of a graceful shutdown, so the file on disk is complete on its own.
pub async fn close(pool: SqlitePool) {
    if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await {
        tracing::warn!(error = %e, "WAL checkpoint at shutdown failed");
    }
    pool.close().await;
}
