//! Importing a dataset: every file is read and checked in one pass, references are resolved
//! against the database and the files read before, and all writes happen in one transaction
//! that is committed only when no problem at all was found. The checks live here and in the
//! modules beside it; the SQL that writes the rows lives in `db::import`.

mod known;
mod per_file;
mod progress;
mod stream;

use serde::Serialize;
use sqlx::{SqliteConnection, SqlitePool};

use super::files::{DatasetFile, DatasetSource};
use super::problems::{Problem, ProblemGroup, Problems};
use crate::db;
use crate::db::disk::DiskFull;
use known::Known;
pub use progress::{LogProgress, Progress};

/// The import's progress lines are logged under this one name, whichever of its modules
/// writes them, so that they read and filter as the import's own.
const LOG_TARGET: &str = module_path!();

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Write everything in one transaction when there is no problem.
    Apply,
    /// Do all the same work and checks, then roll back: nothing is written.
    Preview,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: &'static str,
    pub rows: u64,
    pub new: u64,
    pub changed: u64,
    pub unchanged: u64,
    /// Keys of new and changed rows (the first `LOGGED_KEYS`).
    pub changed_keys: Vec<String>,
    /// How many further new or changed keys were not listed.
    pub more_changed_keys: u64,
    /// Loaded in bulk: secondary indexes dropped for the file and rebuilt after it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bulk: bool,
}

impl FileReport {
    fn new(file: DatasetFile) -> Self {
        FileReport {
            file: file.file_name(),
            rows: 0,
            new: 0,
            changed: 0,
            unchanged: 0,
            changed_keys: Vec::new(),
            more_changed_keys: 0,
            bulk: false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub dataset: String,
    pub files: Vec<FileReport>,
    /// The first problems found (`problems::LISTED`), in full.
    pub problems: Vec<Problem>,
    /// How many problems there are in all, listed or not.
    pub problem_count: u64,
    /// The problems past the listed ones, counted by file, column and kind.
    pub more_problems: Vec<ProblemGroup>,
    /// True when the changes were committed.
    pub applied: bool,
    /// The data version after the import (unchanged when nothing changed or nothing was applied).
    pub data_version: i64,
}

impl ImportReport {
    pub fn changes_anything(&self) -> bool {
        self.files.iter().any(|f| f.new + f.changed > 0)
    }
}

/// Who changes the data and why: recorded with every import that changes something.
#[derive(Debug, Clone, Copy)]
pub struct Provenance<'a> {
    /// `system`, `command line`, `admin session 1a2b3c4d`, `admin token`.
    pub actor: &'a str,
    /// Shown to readers on /changes.
    pub reason: &'a str,
}

impl Provenance<'_> {
    pub const SYSTEM: Provenance<'static> =
        Provenance { actor: "system", reason: "the reference dataset built into the binary" };
}

/// Why an import could not run: the database failed, or the disk filled up (then it was
/// rolled back and its write-ahead log truncated, and the message says so in words).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    DiskFull(#[from] DiskFull),
}

/// Disk space an import takes at its peak, per byte of its CSV files: the rows, their indexes
/// and search index in the database file, and the same pages once more in the write-ahead log
/// until it is checkpointed. Measured loading 150,000 synthetic companies (19.7 MB of CSV) into
/// the bundled data: the database and its log peaked at 116 MB, 5.9 times the CSV. Rows that
/// are already there unchanged take nothing, so for a re-import this is an upper bound.
const DISK_BYTES_PER_INPUT_BYTE: u64 = 6;

/// Imports a dataset into the database; see `ImportMode`. Problems with the data are returned
/// in the report, not as an error: the error is for the database itself failing. Progress is
/// logged (`LogProgress`).
pub async fn import(
    pool: &SqlitePool,
    source: &dyn DatasetSource,
    mode: ImportMode,
    provenance: Provenance<'_>,
) -> Result<ImportReport, ImportError> {
    import_with_progress(pool, source, mode, provenance, &LogProgress).await
}

/// `import`, telling `progress` how far it has got.
pub async fn import_with_progress(
    pool: &SqlitePool,
    source: &dyn DatasetSource,
    mode: ImportMode,
    provenance: Provenance<'_>,
    progress: &dyn Progress,
) -> Result<ImportReport, ImportError> {
    let mut conn = pool.acquire().await?;
    // The import's connection is closed when it is done rather than returned to the pool with
    // the import's settings: also when the import is cancelled half-way (a request that timed
    // out drops it at its next await), where no code after this point would run.
    conn.close_on_drop();
    db::import::tune_connection(&mut conn).await?;
    match import_in_transaction(&mut conn, source, mode, provenance, progress).await {
        Err(e) if db::disk::is_disk_full(&e) => {
            // Closing the connection ends its transaction (rolled back), so the log can go.
            let _ = conn.close().await;
            Err(disk_full(pool, source).await.into())
        }
        result => Ok(result?),
    }
}

/// After an import filled the disk: truncates the write-ahead log, so the space the rolled-back
/// pages took comes back, and says how much is free now and about how much the import needs.
async fn disk_full(pool: &SqlitePool, source: &dyn DatasetSource) -> DiskFull {
    if let Err(e) = db::disk::truncate_wal(pool).await {
        tracing::error!(target: LOG_TARGET, error = %e, "the write-ahead log could not be truncated after a full disk");
    }
    let input: u64 = DatasetFile::IMPORT_ORDER.iter().filter_map(|f| source.size_hint(*f)).sum();
    DiskFull {
        outcome: "nothing was imported",
        free_bytes: db::disk::free_bytes(&db::disk::database_file(pool)),
        needed_bytes: Some(input.saturating_mul(DISK_BYTES_PER_INPUT_BYTE)),
    }
}

async fn import_in_transaction(
    conn: &mut SqliteConnection,
    source: &dyn DatasetSource,
    mode: ImportMode,
    provenance: Provenance<'_>,
    progress: &dyn Progress,
) -> Result<ImportReport, sqlx::Error> {
    let mut tx = db::import::begin(conn).await?;
    let known = Known::load(&mut tx).await?;
    let mut importer = Importer { conn: &mut tx, source, progress, known, problems: unexpected_files(source) };
    let mut files = Vec::new();
    for file in DatasetFile::IMPORT_ORDER {
        files.extend(importer.import_file(file).await?);
    }
    let problem_count = importer.problems.total();
    let (problems, more_problems) = importer.problems.into_parts();

    let mut report = ImportReport {
        dataset: source.describe(),
        files,
        problems,
        problem_count,
        more_problems,
        applied: false,
        data_version: db::data_version(&mut *tx).await?,
    };
    if mode == ImportMode::Apply && report.problems.is_empty() {
        if report.changes_anything() {
            let summary = serde_json::to_string(&report.files).unwrap_or_default();
            let entry = db::import::ImportLogEntry {
                origin: &report.dataset,
                summary: &summary,
                actor: provenance.actor,
                reason: provenance.reason,
            };
            report.data_version = db::import::log_import(&mut tx, entry).await?;
        }
        tx.commit().await?;
        report.applied = true;
    } else {
        tx.rollback().await?;
    }
    Ok(report)
}

/// A problem for every CSV file of the dataset that is not part of the format.
fn unexpected_files(source: &dyn DatasetSource) -> Problems {
    let allowed: Vec<&str> = DatasetFile::IMPORT_ORDER.iter().map(|f| f.file_name()).collect();
    let mut problems = Problems::default();
    for name in source.unexpected_files() {
        problems.push(Problem {
            file: name,
            line: 1,
            column: "(file)".into(),
            reason: format!("not a file of the dataset format; expected any of {}", allowed.join(", ")),
        });
    }
    problems
}

/// One import while it reads the files: the transaction's connection, the dataset, the keys
/// rows can refer to so far, and every problem found so far.
struct Importer<'a> {
    conn: &'a mut SqliteConnection,
    source: &'a dyn DatasetSource,
    progress: &'a dyn Progress,
    known: Known,
    problems: Problems,
}

impl Importer<'_> {
    /// Reads, checks and writes one file; `None` when the dataset does not have it.
    async fn import_file(&mut self, file: DatasetFile) -> Result<Option<FileReport>, sqlx::Error> {
        match file {
            DatasetFile::Sources => self.import_sources().await,
            DatasetFile::FxRates => self.import_fx_rates().await,
            DatasetFile::MetricDefinitions => self.import_metric_definitions().await,
            DatasetFile::Cities => self.import_cities().await,
            DatasetFile::Presets => self.import_presets().await,
            DatasetFile::Parks => self.import_parks().await,
            DatasetFile::Companies => self.import_companies().await,
            DatasetFile::Sectors => self.import_sectors().await,
            DatasetFile::Metrics => self.import_metrics().await,
        }
    }
}
