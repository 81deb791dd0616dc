//! Importing a dataset: every file is read and checked in one pass, references are resolved
//! against the database and the files read before, and all writes happen in one transaction
//! that is committed only when no problem at all was found. The SQL that writes the rows
//! lives in `db::import`.

use std::collections::HashMap;

use csv::{ByteRecord, StringRecord};
use serde::Serialize;
use sqlx::{SqliteConnection, SqlitePool};

use super::fields::{Fields, Header, Problem};
use super::files::{DatasetFile, DatasetSource};
use super::rows::FromCsv;
use crate::db;
use crate::db::import::bulk::{self, DeferredIndexes};
use crate::db::import::{
    Change, CityRow, CitySectorRow, CompanyRow, MetricDefinitionRow, MetricRow, ParkRow, Record, SourceRow, cities,
    companies, metric_definitions, parks, sectors, sources, table_is_empty, write_batch,
};

/// Rows are written in batches of this many: one statement per batch keeps a million-row
/// import fast without holding the whole file in memory.
const BATCH_ROWS: usize = 2000;
/// A progress line is logged every this many rows of a file.
const PROGRESS_EVERY: u64 = 100_000;
/// The import log keeps at most this many changed keys per file.
const LOGGED_KEYS: usize = 200;

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
    pub problems: Vec<Problem>,
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

/// Keys the import can refer to: what the database holds plus what the import has declared.
/// `None` marks a key declared by a row that had problems of its own: references to it are not
/// reported again, but the referring row is not written either.
#[derive(Default)]
struct Known {
    sources: HashMap<String, bool>,
    metric_units: HashMap<String, Option<String>>,
    cities: HashMap<String, Option<i64>>,
    parks: HashMap<String, Option<(i64, i64)>>,
    sectors: Vec<String>,
    next_metric_position: i64,
}

enum Lookup<T> {
    Found(T),
    /// Declared by a row with problems: stay quiet, skip the row.
    Broken,
    Unknown,
}

fn lookup<T: Clone>(map: &HashMap<String, Option<T>>, key: &str) -> Lookup<T> {
    match map.get(key) {
        Some(Some(v)) => Lookup::Found(v.clone()),
        Some(None) => Lookup::Broken,
        None => Lookup::Unknown,
    }
}

impl Known {
    async fn load(conn: &mut SqliteConnection) -> Result<Known, sqlx::Error> {
        Ok(Known {
            sources: sources::ids(conn).await?.into_iter().map(|s| (s, true)).collect(),
            metric_units: metric_definitions::units(conn)
                .await?
                .into_iter()
                .map(|m| (m.metric, Some(m.unit)))
                .collect(),
            cities: cities::ids(conn).await?.into_iter().map(|c| (c.slug, Some(c.id))).collect(),
            parks: parks::ids(conn).await?.into_iter().map(|p| (p.slug, Some((p.id, p.city_id)))).collect(),
            sectors: sectors::slugs(conn).await?,
            next_metric_position: metric_definitions::next_position(conn).await?,
        })
    }

    /// After a file of cities, records the ids of the new ones so later files can refer to
    /// them, and marks new slugs that could not be written as broken.
    async fn refresh_cities(&mut self, conn: &mut SqliteConnection, new_slugs: &[String]) -> Result<(), sqlx::Error> {
        let found: HashMap<String, i64> =
            cities::ids_of(conn, new_slugs).await?.into_iter().map(|c| (c.slug, c.id)).collect();
        for slug in new_slugs {
            self.cities.insert(slug.clone(), found.get(slug).copied());
        }
        Ok(())
    }

    /// `refresh_cities` for a file of parks.
    async fn refresh_parks(&mut self, conn: &mut SqliteConnection, new_slugs: &[String]) -> Result<(), sqlx::Error> {
        let found: HashMap<String, (i64, i64)> =
            parks::ids_of(conn, new_slugs).await?.into_iter().map(|p| (p.slug, (p.id, p.city_id))).collect();
        for slug in new_slugs {
            self.parks.insert(slug.clone(), found.get(slug).copied());
        }
        Ok(())
    }

    /// Checks every source id; false when the row must not be written.
    fn check_sources(&self, f: &mut Fields, column: &str, ids: &[String]) -> bool {
        let mut ok = true;
        // Malformed ids were reported by the field check already.
        for id in ids.iter().filter(|id| super::fields::is_slug(id)) {
            match self.sources.get(id) {
                Some(true) => {}
                Some(false) => ok = false,
                None => {
                    f.problem(column, format!("unknown source {id:?}: it is in neither sources.csv nor the database"));
                    ok = false;
                }
            }
        }
        ok
    }

    fn city(&self, f: &mut Fields, column: &str, slug: &str) -> Option<i64> {
        if slug.is_empty() {
            return None;
        }
        match lookup(&self.cities, slug) {
            Lookup::Found(id) => Some(id),
            Lookup::Broken => None,
            Lookup::Unknown => {
                f.problem(column, format!("unknown city {slug:?}: it is in neither cities.csv nor the database"));
                None
            }
        }
    }

    fn sector(&self, f: &mut Fields, column: &str, sector: &str) -> bool {
        if sector.is_empty() {
            return false;
        }
        if self.sectors.iter().any(|s| s == sector) {
            return true;
        }
        f.problem(column, format!("unknown sector {sector:?}; allowed: {}", self.sectors.join(", ")));
        false
    }
}

/// Detects rows that repeat a key seen earlier in the same file.
#[derive(Default)]
struct Seen(HashMap<String, u64>);

impl Seen {
    fn check(&mut self, f: &mut Fields, column: &str, key: String) {
        if key.is_empty() {
            return;
        }
        if let Some(first) = self.0.get(&key) {
            f.problem(column, format!("duplicate key {key:?}: already on line {first}"));
        } else {
            self.0.insert(key, f.line());
        }
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

/// Imports a dataset into the database; see `ImportMode`. Problems with the data are returned
/// in the report, not as an error: the error is for the database itself failing.
pub async fn import(
    pool: &SqlitePool,
    source: &dyn DatasetSource,
    mode: ImportMode,
    provenance: Provenance<'_>,
) -> Result<ImportReport, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    db::import::enlarge_cache(&mut conn).await?;
    let report = import_in_transaction(&mut conn, source, mode, provenance).await;
    db::import::restore_cache(&mut conn).await?;
    report
}

async fn import_in_transaction(
    conn: &mut SqliteConnection,
    source: &dyn DatasetSource,
    mode: ImportMode,
    provenance: Provenance<'_>,
) -> Result<ImportReport, sqlx::Error> {
    let mut tx = db::import::begin(conn).await?;
    let mut known = Known::load(&mut tx).await?;
    let mut problems = Vec::new();
    for name in source.unexpected_files() {
        let allowed: Vec<&str> = DatasetFile::IMPORT_ORDER.iter().map(|f| f.file_name()).collect();
        problems.push(Problem {
            file: name,
            line: 1,
            column: "(file)".into(),
            reason: format!("not a file of the dataset format; expected any of {}", allowed.join(", ")),
        });
    }

    let mut files = Vec::new();
    for file in DatasetFile::IMPORT_ORDER {
        let report = import_file(&mut tx, source, file, &mut known, &mut problems).await?;
        files.extend(report);
    }

    let mut report = ImportReport {
        dataset: source.describe(),
        files,
        problems,
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

async fn import_file(
    conn: &mut SqliteConnection,
    source: &dyn DatasetSource,
    file: DatasetFile,
    known: &mut Known,
    problems: &mut Vec<Problem>,
) -> Result<Option<FileReport>, sqlx::Error> {
    match file {
        DatasetFile::Sources => {
            let mut seen = Seen::default();
            read_and_write(conn, source, file, known, problems, |f, known| {
                let row = SourceRow::read(f);
                seen.check(f, "id", row.id.clone());
                if !row.id.is_empty() {
                    let valid = f.is_valid();
                    let entry = known.sources.entry(row.id.clone()).or_insert(valid);
                    *entry = *entry || valid;
                }
                Some(row)
            })
            .await
        }
        DatasetFile::MetricDefinitions => {
            let mut seen = Seen::default();
            read_and_write(conn, source, file, known, problems, |f, known| {
                let mut row = MetricDefinitionRow::read(f);
                seen.check(f, "metric", row.metric.clone());
                if f.is_valid() {
                    known.metric_units.insert(row.metric.clone(), Some(row.unit.clone()));
                } else if !row.metric.is_empty() {
                    known.metric_units.entry(row.metric.clone()).or_insert(None);
                }
                row.position = known.next_metric_position;
                known.next_metric_position += 1;
                Some(row)
            })
            .await
        }
        DatasetFile::Cities => {
            let mut seen = Seen::default();
            let mut new_slugs = Vec::new();
            let report = read_and_write(conn, source, file, known, problems, |f, known| {
                let row = CityRow::read(f);
                seen.check(f, "slug", row.slug.clone());
                let sources_ok = known.check_sources(f, "source_id", &row.source_ids);
                if !row.slug.is_empty() && !known.cities.contains_key(&row.slug) {
                    new_slugs.push(row.slug.clone());
                }
                sources_ok.then_some(row)
            })
            .await?;
            known.refresh_cities(conn, &new_slugs).await?;
            Ok(report)
        }
        DatasetFile::Parks => {
            let mut seen = Seen::default();
            let mut new_slugs = Vec::new();
            let report = read_and_write(conn, source, file, known, problems, |f, known| {
                let mut row = ParkRow::read(f);
                seen.check(f, "slug", row.slug.clone());
                let city_id = known.city(f, "city_slug", &row.city_slug);
                let sources_ok = known.check_sources(f, "source_id", &row.source_ids);
                if !row.slug.is_empty() && !known.parks.contains_key(&row.slug) {
                    new_slugs.push(row.slug.clone());
                }
                row.city_id = city_id.filter(|_| sources_ok)?;
                Some(row)
            })
            .await?;
            known.refresh_parks(conn, &new_slugs).await?;
            Ok(report)
        }
        DatasetFile::Companies => {
            let deferred = defer_indexes_for_bulk_load(conn, source).await?;
            let mut seen = Seen::default();
            let report = read_and_write(conn, source, file, known, problems, |f, known| {
                let mut row = CompanyRow::read(f);
                seen.check(f, "slug", row.slug.clone());
                let city_id = known.city(f, "city_slug", &row.city_slug);
                let sector_ok = known.sector(f, "sector", &row.sector);
                let sources_ok = known.check_sources(f, "source_id", &row.source_ids);
                let park_id = match row.park_slug.as_deref() {
                    None | Some("") => Some(None),
                    Some(park) => match lookup(&known.parks, park) {
                        Lookup::Found((park_id, park_city)) => {
                            if city_id.is_some_and(|c| c != park_city) {
                                f.problem(
                                    "park_slug",
                                    format!("park {park:?} is in another city than {:?}", row.city_slug),
                                );
                            }
                            Some(Some(park_id))
                        }
                        Lookup::Broken => None,
                        Lookup::Unknown => {
                            f.problem(
                                "park_slug",
                                format!("unknown park {park:?}: it is in neither parks.csv nor the database"),
                            );
                            None
                        }
                    },
                };
                (row.city_id, row.park_id) = (city_id?, park_id?);
                (sector_ok && sources_ok).then_some(row)
            })
            .await?;
            let Some(deferred) = deferred else { return Ok(report) };
            tracing::info!("companies.csv: rebuilding indexes and the search index");
            deferred.rebuild(conn).await?;
            Ok(report.map(|r| FileReport { bulk: true, ..r }))
        }
        DatasetFile::Sectors => {
            let mut seen = Seen::default();
            read_and_write(conn, source, file, known, problems, |f, known| {
                let mut row = CitySectorRow::read(f);
                seen.check(f, "sector", format!("{}/{}", row.city_slug, row.sector));
                let city_id = known.city(f, "city_slug", &row.city_slug);
                let sector_ok = known.sector(f, "sector", &row.sector);
                let sources_ok = known.check_sources(f, "evidence_source_id", std::slice::from_ref(&row.source_id));
                row.city_id = city_id?;
                (sector_ok && sources_ok).then_some(row)
            })
            .await
        }
        DatasetFile::Metrics => {
            let mut seen = Seen::default();
            read_and_write(conn, source, file, known, problems, |f, known| {
                let mut row = MetricRow::read(f);
                seen.check(f, "year", format!("{}/{}/{}/{}", row.city_slug, row.metric, row.year, row.source_id));
                let city_id = known.city(f, "city_slug", &row.city_slug);
                let sources_ok = known.check_sources(f, "source_id", std::slice::from_ref(&row.source_id));
                let metric_ok = match lookup(&known.metric_units, &row.metric) {
                    Lookup::Found(unit) => {
                        if !row.unit.is_empty() && row.unit != unit {
                            f.problem(
                                "unit",
                                format!(
                                    "{:?} differs from the unit {unit:?} that metric {} is defined in",
                                    row.unit, row.metric
                                ),
                            );
                        }
                        true
                    }
                    Lookup::Broken => false,
                    Lookup::Unknown if row.metric.is_empty() => false,
                    Lookup::Unknown => {
                        f.problem(
                            "metric",
                            format!(
                                "unknown metric {:?}: define it in metric_definitions.csv (it is not in the catalogue)",
                                row.metric
                            ),
                        );
                        false
                    }
                };
                row.city_id = city_id?;
                (metric_ok && sources_ok).then_some(row)
            })
            .await
        }
    }
}

/// Rough bytes per row of a dataset file, to guess its size in rows before reading it.
const BYTES_PER_ROW: u64 = 120;
/// Imports of at least this many rows (and more than the table holds) load in bulk mode.
const BULK_ROWS: u64 = 50_000;

/// For a companies file that will add a lot of rows (more than the table holds, and at
/// least `BULK_ROWS`), drops the company indexes until it is loaded (`db::import::bulk`).
async fn defer_indexes_for_bulk_load(
    conn: &mut SqliteConnection,
    source: &dyn DatasetSource,
) -> Result<Option<DeferredIndexes>, sqlx::Error> {
    let expected_rows = source.size_hint(DatasetFile::Companies).unwrap_or(0) / BYTES_PER_ROW;
    if expected_rows < BULK_ROWS || expected_rows <= companies::count(conn).await? as u64 {
        return Ok(None);
    }
    Ok(Some(bulk::defer_company_indexes(conn).await?))
}

fn file_problem(file: DatasetFile, line: u64, column: &str, reason: String) -> Problem {
    Problem { file: file.file_name().to_string(), line, column: column.to_string(), reason }
}

/// Streams one file: checks its header, reads each record into a typed record with
/// `read_row` (which reports problems through `Fields`), and writes valid records in batches.
async fn read_and_write<R: Record>(
    conn: &mut SqliteConnection,
    source: &dyn DatasetSource,
    file: DatasetFile,
    known: &mut Known,
    problems: &mut Vec<Problem>,
    mut read_row: impl FnMut(&mut Fields, &mut Known) -> Option<R>,
) -> Result<Option<FileReport>, sqlx::Error> {
    let reader = match source.open(file) {
        Ok(Some(reader)) => reader,
        Ok(None) => return Ok(None),
        Err(e) => {
            problems.push(file_problem(file, 1, "(file)", format!("cannot be read: {e}")));
            return Ok(None);
        }
    };
    let mut report = FileReport::new(file);
    let mut csv =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(super::quotes::QuoteCheck::new(reader));
    let mut raw = ByteRecord::new();

    let header = match csv.read_byte_record(&mut raw) {
        Ok(true) => {
            let names = decode_header(&raw);
            match names {
                Ok(names) => Header::check(file, &names, problems),
                Err(reason) => {
                    problems.push(file_problem(file, 1, "(header)", reason));
                    None
                }
            }
        }
        Ok(false) => {
            problems.push(file_problem(file, 1, "(file)", "is empty: it needs at least a header row".into()));
            None
        }
        Err(e) => {
            problems.push(file_problem(file, 1, "(file)", format!("is not readable CSV: {e}")));
            None
        }
    };
    let Some(header) = header else { return Ok(Some(report)) };

    let fresh = table_is_empty::<R>(conn).await?;
    let mut batch: Vec<R> = Vec::with_capacity(BATCH_ROWS);
    loop {
        match csv.read_byte_record(&mut raw) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(file_problem(file, line, "(row)", format!("is not readable CSV: {e}")));
                break;
            }
        }
        let line = raw.position().map_or(0, |p| p.line());
        report.rows += 1;
        if report.rows.is_multiple_of(PROGRESS_EVERY) {
            tracing::info!("{}: {} rows read", file.file_name(), report.rows);
        }
        if raw.len() != header.column_count() {
            problems.push(file_problem(
                file,
                line,
                "(row)",
                format!("has {} fields but the header has {}", raw.len(), header.column_count()),
            ));
            continue;
        }
        let record = match StringRecord::from_byte_record(raw.clone()) {
            Ok(r) => r,
            Err(e) => {
                let column = e.utf8_error().field();
                let name = header.column_name(column).unwrap_or("(row)").to_string();
                problems.push(file_problem(file, line, &name, "is not valid UTF-8 text".into()));
                continue;
            }
        };
        let mut fields = Fields::new(file, line, &header, &record, problems);
        let row = read_row(&mut fields, known);
        if let (true, Some(row)) = (fields.is_valid(), row) {
            batch.push(row);
            if batch.len() >= BATCH_ROWS {
                flush(conn, &mut batch, &mut report, fresh).await?;
            }
        }
    }
    flush(conn, &mut batch, &mut report, fresh).await?;
    for (line, reason) in csv.into_inner().finish() {
        problems.push(file_problem(file, line, "(row)", reason));
    }
    Ok(Some(report))
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

async fn flush<R: Record>(
    conn: &mut SqliteConnection,
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
