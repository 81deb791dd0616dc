//! One function per dataset file. Each streams its rows (`stream_file`) and checks what only
//! the import as a whole can see: keys repeated within the file, and references to sources,
//! cities, parks, sectors and metrics, which it resolves to the ids the row is written with.
//! The keys a file declares are known to the files after it.

use std::slice;

use super::super::files::DatasetFile;
use super::known::Seen;
use super::{FileReport, Importer};
use crate::db::import::bulk::{self, DeferredIndexes};
use crate::db::import::{
    CityRow, CitySectorRow, CompanyRow, FxRateRow, MetricDefinitionRow, MetricRow, ParkRow, PresetRow, SourceRow,
    companies,
};

/// Rough bytes per row of a dataset file, to guess its size in rows before reading it.
const BYTES_PER_ROW: u64 = 120;
/// Imports of at least this many rows (and more than the table holds) load in bulk mode.
const BULK_ROWS: u64 = 50_000;

type FileResult = Result<Option<FileReport>, sqlx::Error>;

impl Importer<'_> {
    pub(super) async fn import_sources(&mut self) -> FileResult {
        let mut seen = Seen::default();
        self.stream_file(DatasetFile::Sources, |f, known, row: SourceRow| {
            seen.check(f, "id", row.id.clone());
            if !row.id.is_empty() {
                // A source declared by a broken row as well as a valid one is usable.
                let valid = f.is_valid();
                let entry = known.sources.entry(row.id.clone()).or_insert(valid);
                *entry = *entry || valid;
            }
            Some(row)
        })
        .await
    }

    pub(super) async fn import_fx_rates(&mut self) -> FileResult {
        let mut seen = Seen::default();
        self.stream_file(DatasetFile::FxRates, |f, known, row: FxRateRow| {
            seen.check(f, "year", format!("{}/{}", row.currency, row.year));
            known.check_sources(f, "source_id", slice::from_ref(&row.source_id)).then_some(row)
        })
        .await
    }

    pub(super) async fn import_metric_definitions(&mut self) -> FileResult {
        let mut seen = Seen::default();
        self.stream_file(DatasetFile::MetricDefinitions, |f, known, mut row: MetricDefinitionRow| {
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

    pub(super) async fn import_cities(&mut self) -> FileResult {
        let mut seen = Seen::default();
        let mut new_slugs = Vec::new();
        let report = self
            .stream_file(DatasetFile::Cities, |f, known, row: CityRow| {
                seen.check(f, "slug", row.slug.clone());
                let sources_ok = known.check_sources(f, "source_id", &row.source_ids);
                if !row.slug.is_empty() && !known.cities.contains_key(&row.slug) {
                    new_slugs.push(row.slug.clone());
                }
                sources_ok.then_some(row)
            })
            .await?;
        self.known.refresh_cities(self.conn, &new_slugs).await?;
        Ok(report)
    }

    pub(super) async fn import_presets(&mut self) -> FileResult {
        let mut seen = Seen::default();
        self.stream_file(DatasetFile::Presets, |f, known, row: PresetRow| {
            seen.check(f, "id", row.id.clone());
            let mut cities_ok = true;
            for slug in row.cities.split(';').filter(|s| !s.is_empty()) {
                cities_ok &= known.city(f, "cities", slug).is_some();
            }
            cities_ok.then_some(row)
        })
        .await
    }

    pub(super) async fn import_parks(&mut self) -> FileResult {
        let mut seen = Seen::default();
        let mut new_slugs = Vec::new();
        let report = self
            .stream_file(DatasetFile::Parks, |f, known, mut row: ParkRow| {
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
        self.known.refresh_parks(self.conn, &new_slugs).await?;
        Ok(report)
    }

    pub(super) async fn import_companies(&mut self) -> FileResult {
        let deferred = self.defer_indexes_for_bulk_load().await?;
        let mut seen = Seen::default();
        let report = self
            .stream_file(DatasetFile::Companies, |f, known, mut row: CompanyRow| {
                seen.check(f, "slug", row.slug.clone());
                let city_id = known.city(f, "city_slug", &row.city_slug);
                let sector_ok = known.sector(f, "sector", &row.sector);
                let sources_ok = known.check_sources(f, "source_id", &row.source_ids);
                let park_id = known.park_of_company(f, row.park_slug.as_deref(), &row.city_slug, city_id);
                (row.city_id, row.park_id) = (city_id?, park_id?);
                (sector_ok && sources_ok).then_some(row)
            })
            .await?;
        let Some(deferred) = deferred else { return Ok(report) };
        self.progress.step(DatasetFile::Companies.file_name(), "rebuilding indexes and the search index");
        deferred.rebuild(self.conn).await?;
        Ok(report.map(|r| FileReport { bulk: true, ..r }))
    }

    /// For a companies file that will add a lot of rows (more than the table holds, and at
    /// least `BULK_ROWS`), drops the company indexes until it is loaded (`db::import::bulk`).
    async fn defer_indexes_for_bulk_load(&mut self) -> Result<Option<DeferredIndexes>, sqlx::Error> {
        let expected_rows = self.source.size_hint(DatasetFile::Companies).unwrap_or(0) / BYTES_PER_ROW;
        if expected_rows < BULK_ROWS || expected_rows <= companies::count(self.conn).await? as u64 {
            return Ok(None);
        }
        Ok(Some(bulk::defer_company_indexes(self.conn).await?))
    }

    pub(super) async fn import_sectors(&mut self) -> FileResult {
        let mut seen = Seen::default();
        self.stream_file(DatasetFile::Sectors, |f, known, mut row: CitySectorRow| {
            seen.check(f, "sector", format!("{}/{}", row.city_slug, row.sector));
            let city_id = known.city(f, "city_slug", &row.city_slug);
            let sector_ok = known.sector(f, "sector", &row.sector);
            let sources_ok = known.check_sources(f, "evidence_source_id", slice::from_ref(&row.source_id));
            row.city_id = city_id?;
            (sector_ok && sources_ok).then_some(row)
        })
        .await
    }

    pub(super) async fn import_metrics(&mut self) -> FileResult {
        let mut seen = Seen::default();
        self.stream_file(DatasetFile::Metrics, |f, known, mut row: MetricRow| {
            seen.check(f, "year", format!("{}/{}/{}/{}", row.city_slug, row.metric, row.year, row.source_id));
            let city_id = known.city(f, "city_slug", &row.city_slug);
            let sources_ok = known.check_sources(f, "source_id", slice::from_ref(&row.source_id));
            let metric_ok = known.metric(f, &row.metric, &row.unit);
            row.city_id = city_id?;
            (metric_ok && sources_ok).then_some(row)
        })
        .await
    }
}
