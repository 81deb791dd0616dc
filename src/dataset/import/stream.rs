//! Streaming one dataset file through the import: its header is checked, each record is read
//! into the file's row type and checked, and the rows that may be written go to the database
//! in batches, counted as new, changed or unchanged for the report.

use std::io::Read;

use csv::{ByteRecord, StringRecord};

use super::super::fields::{Fields, Header};
use super::super::files::DatasetFile;
use super::super::problems::{Problem, Problems};
use super::super::quotes::QuoteCheck;
use super::super::rows::FromCsv;
use super::known::Known;
use super::progress::Progress;
use super::{FileReport, Importer};
use crate::db::import::{Change, Record, table_is_empty, write_batch};

/// Rows are written in batches of this many: one statement per batch keeps a million-row
/// import fast without holding the whole file in memory.
const BATCH_ROWS: usize = 2000;
/// Progress is told every this many rows of a file.
const PROGRESS_EVERY: u64 = 1000;
/// The import yields to the runtime every this many rows, even when no row is written (a file
/// of bad rows): a request's timeout can only cut it short at an await. It is also when the
/// batch being written sends its next statement, so it is short against a batch.
const YIELD_EVERY: u64 = 256;
/// The import log keeps at most this many changed keys per file.
const LOGGED_KEYS: usize = 200;

type CsvReader<'a> = csv::Reader<QuoteCheck<Box<dyn Read + Send + 'a>>>;

fn file_problem(file: DatasetFile, line: u64, column: &str, reason: String) -> Problem {
    Problem { file: file.file_name().to_string(), line, column: column.to_string(), reason }
}

impl<'a> Importer<'a> {
    /// Streams one file: every record is read into an `R` and handed to `check` (which reports
    /// problems through `Fields`, resolves the row's references and returns `None` when the row
    /// must not be written); valid rows are written in batches. `None` when the dataset does not
    /// have the file.
    pub(super) async fn stream_file<R: Record + FromCsv>(
        &mut self,
        file: DatasetFile,
        mut check: impl FnMut(&mut Fields, &mut Known, R) -> Option<R>,
    ) -> Result<Option<FileReport>, sqlx::Error> {
        let Some(mut csv) = self.open(file) else { return Ok(None) };
        self.progress.file_started(file.file_name(), self.source.size_hint(file));
        let mut report = FileReport::new(file);
        let mut raw = ByteRecord::new();
        let Some(header) = read_header(file, &mut csv, &mut raw, &mut self.problems) else { return Ok(Some(report)) };

        let fresh = table_is_empty::<R>(self.conn).await?;
        let Importer { conn, progress, known, problems, .. } = self;
        let mut reader = BatchReader {
            file,
            csv: &mut csv,
            raw: &mut raw,
            header: &header,
            rows: 0,
            done: false,
            progress: *progress,
        };
        // While one batch is written (SQLite works on a thread of its own), the next one is read
        // and checked here: on a million-row file, reading and writing take about as long as
        // each other, and the two overlap instead of taking turns.
        let mut writing: Vec<R> = Vec::with_capacity(BATCH_ROWS);
        let mut reading: Vec<R> = Vec::with_capacity(BATCH_ROWS);
        loop {
            let (written, ()) = tokio::join!(
                flush(conn, &mut writing, &mut report, fresh),
                reader.fill(&mut reading, known, problems, &mut check)
            );
            written?;
            if reading.is_empty() && reader.done {
                break;
            }
            std::mem::swap(&mut writing, &mut reading);
        }
        report.rows = reader.rows;
        self.progress.file_done(file.file_name(), report.rows);
        let quoting = csv.into_inner().finish();
        for (line, reason) in quoting.listed {
            self.problems.push(file_problem(file, line, "(row)", reason.to_string()));
        }
        for (reason, count) in quoting.unlisted {
            self.problems.count_unlisted(file.file_name(), "(row)", reason, count);
        }
        Ok(Some(report))
    }

    /// The file as CSV, watched for broken quoting; `None` when it is missing or unreadable
    /// (the latter reported).
    fn open(&mut self, file: DatasetFile) -> Option<CsvReader<'a>> {
        let source = self.source;
        let reader = match source.open(file) {
            Ok(reader) => reader?,
            Err(e) => {
                self.problems.push(file_problem(file, 1, "(file)", format!("cannot be read: {e}")));
                return None;
            }
        };
        Some(csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(QuoteCheck::new(reader)))
    }
}

/// Reads a file's records, a batch at a time, into checked rows.
struct BatchReader<'r, 'a> {
    file: DatasetFile,
    csv: &'r mut CsvReader<'a>,
    raw: &'r mut ByteRecord,
    header: &'r Header,
    /// Records read so far.
    rows: u64,
    /// The end of the file (or of what can be read of it) was reached.
    done: bool,
    progress: &'r dyn Progress,
}

impl BatchReader<'_, '_> {
    /// Reads records until `batch` holds `BATCH_ROWS` valid rows or the file ends. It yields to
    /// the runtime now and then, which is also when the batch being written moves on.
    async fn fill<R: FromCsv>(
        &mut self,
        batch: &mut Vec<R>,
        known: &mut Known,
        problems: &mut Problems,
        check: &mut impl FnMut(&mut Fields, &mut Known, R) -> Option<R>,
    ) {
        let file = self.file;
        while batch.len() < BATCH_ROWS && !self.done {
            let Some(line) = next_record(file, self.csv, self.raw, problems) else {
                self.done = true;
                break;
            };
            self.rows += 1;
            if self.rows.is_multiple_of(PROGRESS_EVERY) {
                let bytes = self.raw.position().map_or(0, |p| p.byte());
                self.progress.rows_read(file.file_name(), self.rows, bytes);
            }
            if self.rows.is_multiple_of(YIELD_EVERY) {
                tokio::task::yield_now().await;
            }
            let Some(record) = decode_record(file, line, self.raw, self.header, problems) else { continue };
            let mut fields = Fields::new(file, line, self.header, &record, problems);
            let row = R::read(&mut fields);
            let row = check(&mut fields, known, row);
            if let (true, Some(row)) = (fields.is_valid(), row) {
                batch.push(row);
            }
        }
    }
}

/// Reads and checks the header row; `None` when the file cannot be read on (reported).
fn read_header(
    file: DatasetFile,
    csv: &mut CsvReader,
    raw: &mut ByteRecord,
    problems: &mut Problems,
) -> Option<Header> {
    match csv.read_byte_record(raw) {
        Ok(true) => match decode_header(raw) {
            Ok(names) => Header::check(file, &names, problems),
            Err(reason) => {
                problems.push(file_problem(file, 1, "(header)", reason));
                None
            }
        },
        Ok(false) => {
            problems.push(file_problem(file, 1, "(file)", "is empty: it needs at least a header row".into()));
            None
        }
        Err(e) => {
            problems.push(file_problem(file, 1, "(file)", format!("is not readable CSV: {e}")));
            None
        }
    }
}

fn decode_header(raw: &ByteRecord) -> Result<StringRecord, String> {
    let mut names = StringRecord::new();
    for (i, field) in raw.iter().enumerate() {
        // A byte-order mark is legal at the start of a UTF-8 file; spreadsheets write one.
        let field = if i == 0 { field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field) } else { field };
        let name = std::str::from_utf8(field).map_err(|_| "the header is not valid UTF-8 text".to_string())?;
        names.push_field(name);
    }
    Ok(names)
}

/// Reads the next record into `raw` and returns its line; `None` at the end of the file or
/// where it stops being readable CSV (reported: nothing after it can be trusted).
fn next_record(file: DatasetFile, csv: &mut CsvReader, raw: &mut ByteRecord, problems: &mut Problems) -> Option<u64> {
    match csv.read_byte_record(raw) {
        Ok(true) => Some(raw.position().map_or(0, |p| p.line())),
        Ok(false) => None,
        Err(e) => {
            let line = e.position().map_or(0, |p| p.line());
            problems.push(file_problem(file, line, "(row)", format!("is not readable CSV: {e}")));
            None
        }
    }
}

/// The record as text with as many fields as the header; `None` when it is not (reported).
fn decode_record(
    file: DatasetFile,
    line: u64,
    raw: &ByteRecord,
    header: &Header,
    problems: &mut Problems,
) -> Option<StringRecord> {
    if raw.len() != header.column_count() {
        let reason = format!("has {} fields but the header has {}", raw.len(), header.column_count());
        problems.push(file_problem(file, line, "(row)", reason));
        return None;
    }
    match StringRecord::from_byte_record(raw.clone()) {
        Ok(record) => Some(record),
        Err(e) => {
            let column = e.utf8_error().field();
            let name = header.column_name(column).unwrap_or("(row)").to_string();
            problems.push(file_problem(file, line, &name, "is not valid UTF-8 text".into()));
            None
        }
    }
}

/// Writes the batch and counts its rows into the report.
async fn flush<R: Record>(
    conn: &mut sqlx::SqliteConnection,
    batch: &mut Vec<R>,
    report: &mut FileReport,
    fresh: bool,
) -> Result<(), sqlx::Error> {
    if batch.is_empty() {
        return Ok(());
    }
    let changes = write_batch(conn, batch, fresh).await?;
    for (row, change) in batch.iter().zip(changes) {
        match change {
            Change::New => report.new += 1,
            Change::Changed => report.changed += 1,
            Change::Unchanged => report.unchanged += 1,
        }
        if change != Change::Unchanged {
            if report.changed_keys.len() < LOGGED_KEYS {
                report.changed_keys.push(row.key_label());
            } else {
                report.more_changed_keys += 1;
            }
        }
    }
    batch.clear();
    Ok(())
}
