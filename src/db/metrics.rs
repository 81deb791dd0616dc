//! Metric figures: one sourced value per city, metric, year and source.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::localised::{self, Localise};
use super::sources::Source;
use crate::i18n::Lang;
use crate::i18n::names::Kind;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MetricFigure {
    pub city_id: i64,
    pub metric: String,
    pub year: i64,
    pub value: f64,
    pub unit: String,
    pub quote: String,
    #[sqlx(flatten)]
    pub source: Source,
}

const FIGURE_COLUMNS: &str = "m.city_id, m.metric, m.year, m.value, m.unit, m.quote,
    s.id, s.title, s.publisher, s.url, s.published_year, s.accessed";

/// Every figure of a city, in catalogue order, then by year and source.
pub async fn for_city(pool: &SqlitePool, city_id: i64) -> Result<Vec<MetricFigure>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FIGURE_COLUMNS} FROM metrics m
         JOIN sources s ON s.id = m.source_id
         JOIN metric_definitions d ON d.metric = m.metric
         WHERE m.city_id = ? ORDER BY d.position, m.year, s.id"
    )))
    .bind(city_id)
    .fetch_all(pool)
    .await
}

/// The figures of the given metrics for the given cities (all years).
pub async fn for_cities(
    pool: &SqlitePool,
    city_ids: &[i64],
    metrics: &[&str],
) -> Result<Vec<MetricFigure>, sqlx::Error> {
    if city_ids.is_empty() || metrics.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Sqlite>::new(format!(
        "SELECT {FIGURE_COLUMNS} FROM metrics m JOIN sources s ON s.id = m.source_id WHERE m.metric IN ("
    ));
    let mut sep = qb.separated(", ");
    for m in metrics {
        sep.push_bind(m.to_string());
    }
    qb.push(") AND m.city_id IN (");
    let mut sep = qb.separated(", ");
    for id in city_ids {
        sep.push_bind(*id);
    }
    qb.push(") ORDER BY m.city_id, m.metric, m.year, s.id");
    qb.build_query_as().fetch_all(pool).await
}

/// A figure as the page of its source lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CitingFigure {
    pub city_slug: String,
    pub city_name: String,
    pub metric: String,
    pub year: i64,
    pub value: f64,
    pub quote: String,
}

/// Every figure that cites a source, by city, then in catalogue order.
pub async fn citing(pool: &SqlitePool, source_id: &str) -> Result<Vec<CitingFigure>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.slug AS city_slug, c.name AS city_name, m.metric, m.year, m.value, m.quote
         FROM metrics m JOIN cities c ON c.id = m.city_id JOIN metric_definitions d ON d.metric = m.metric
         WHERE m.source_id = ? ORDER BY c.name COLLATE NOCASE, d.position, m.year",
    )
    .bind(source_id)
    .fetch_all(pool)
    .await
    .map(localised::rows)
}

/// The latest year of a metric's figures for a city.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LatestYear {
    pub city_id: i64,
    pub metric: String,
    pub year: i64,
}

/// The latest year of every metric each of the given cities has figures for (the coverage
/// page's facts; which metrics count is `coverage`'s rule, not a filter here).
pub async fn latest_years(pool: &SqlitePool, city_ids: &[i64]) -> Result<Vec<LatestYear>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in city_ids.chunks(500) {
        let mut qb =
            QueryBuilder::<Sqlite>::new("SELECT city_id, metric, MAX(year) AS year FROM metrics WHERE city_id IN (");
        let mut sep = qb.separated(", ");
        for id in chunk {
            sep.push_bind(*id);
        }
        qb.push(") GROUP BY city_id, metric ORDER BY city_id, metric");
        out.extend(qb.build_query_as::<LatestYear>().fetch_all(pool).await?);
    }
    Ok(out)
}

impl Localise for CitingFigure {
    fn localise(&mut self, lang: Lang) {
        localised::translate(lang, Kind::City, &self.city_slug, &mut self.city_name);
    }
}
