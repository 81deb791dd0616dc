//! A full disk: told apart from other database failures, recovered from, and said in words.
//! An import that fills the disk is rolled back by SQLite, but the pages it wrote stay in the
//! write-ahead log, which keeps the disk full until it is checkpointed and truncated; and the
//! user would read SQLite's own "(code: 13) database or disk is full".

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use sqlx::SqlitePool;

/// SQLite's result code for a full disk (also the low byte of its extended codes).
const SQLITE_FULL: i32 = 13;
const MB: f64 = 1024.0 * 1024.0;

/// Whether a database error means the disk is full: SQLite's SQLITE_FULL, or a file write
/// the operating system refused for want of space.
pub fn is_disk_full(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(e) => {
            e.code().and_then(|code| code.parse::<i32>().ok()).is_some_and(|code| code & 0xff == SQLITE_FULL)
        }
        sqlx::Error::Io(e) => e.kind() == io::ErrorKind::StorageFull,
        _ => false,
    }
}

/// Folds the write-ahead log into the database and truncates it to nothing, so the space the
/// pages of a rolled-back transaction took comes back. Waits (up to the busy timeout) for
/// readers to move on; fails if they do not.
pub async fn truncate_wal(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(pool).await?;
    if busy != 0 {
        return Err(sqlx::Error::Protocol("the write-ahead log is still being read; it was not truncated".into()));
    }
    Ok(())
}

/// Bytes the database's pages hold (its free pages left out): about what a copy of it takes.
pub async fn used_bytes(pool: &SqlitePool) -> Result<u64, sqlx::Error> {
    let used: i64 = sqlx::query_scalar(
        "SELECT (p.page_count - f.freelist_count) * s.page_size \
         FROM pragma_page_count() AS p, pragma_freelist_count() AS f, pragma_page_size() AS s",
    )
    .fetch_one(pool)
    .await?;
    Ok(used.max(0) as u64)
}

/// The database file the pool opens.
pub fn database_file(pool: &SqlitePool) -> PathBuf {
    pool.connect_options().get_filename().to_path_buf()
}

/// Bytes an unprivileged writer may still use on the filesystem that holds `path` (or would
/// hold it: the folder of a file not written yet). `None` where it cannot be known.
pub fn free_bytes(path: &Path) -> Option<u64> {
    let existing =
        path.ancestors().find(|p| p.exists()).filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    free_bytes_at(existing)
}

#[cfg(unix)]
fn free_bytes_at(path: &Path) -> Option<u64> {
    let stats = rustix::fs::statvfs(path).ok()?;
    Some(stats.f_bavail.saturating_mul(stats.f_frsize))
}

#[cfg(not(unix))]
fn free_bytes_at(_path: &Path) -> Option<u64> {
    None
}

/// The disk filled up: what was not done, the space free now, and about how much the work
/// needs. Its text is the whole message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskFull {
    /// "nothing was imported", "no backup was written".
    pub outcome: &'static str,
    pub free_bytes: Option<u64>,
    pub needed_bytes: Option<u64>,
}

impl fmt::Display for DiskFull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the disk is full: {}", self.outcome)?;
        match (self.free_bytes, self.needed_bytes) {
            (Some(free), Some(needed)) => write!(f, "; {} free, about {} needed", megabytes(free), megabytes(needed))?,
            (Some(free), None) => write!(f, "; {} free", megabytes(free))?,
            (None, Some(needed)) => write!(f, "; about {} needed", megabytes(needed))?,
            (None, None) => {}
        }
        Ok(())
    }
}

impl std::error::Error for DiskFull {}

/// `0.4 MB`, `3.2 MB`, `41 MB`: a tenth of a megabyte where it matters.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / MB;
    if mb < 10.0 { format!("{mb:.1} MB") } else { format!("{mb:.0} MB") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_says_what_happened_in_words() {
        let full =
            DiskFull { outcome: "nothing was imported", free_bytes: Some(3_300_000), needed_bytes: Some(43_000_000) };
        assert_eq!(full.to_string(), "the disk is full: nothing was imported; 3.1 MB free, about 41 MB needed");
        let unknown = DiskFull { outcome: "no backup was written", free_bytes: None, needed_bytes: None };
        assert_eq!(unknown.to_string(), "the disk is full: no backup was written");
    }

    #[test]
    fn free_space_is_known_for_a_file_not_written_yet() {
        let here = free_bytes(Path::new("."));
        assert!(here.is_some_and(|b| b > 0));
        assert_eq!(free_bytes(Path::new("./no/such/folder/x.db")).is_some(), here.is_some());
    }

    #[test]
    fn other_errors_are_not_a_full_disk() {
        assert!(!is_disk_full(&sqlx::Error::RowNotFound));
        assert!(is_disk_full(&sqlx::Error::Io(io::Error::from(io::ErrorKind::StorageFull))));
    }
}
