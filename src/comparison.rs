//! A comparison: a few cities, a set of metrics, and every sourced figure for them. The
//! compare page, its CSV and JSON twins and the exported file are all views of this one value,
//! so they always show the same numbers.

use sqlx::SqlitePool;

use crate::db::cities::{self, City};
use crate::db::metrics::{self, MetricFigure};
use crate::db::sources::Source;
use crate::error::{Allowed, AppError};
use crate::headline;
use crate::metric::{Catalogue, Family, Metric, families};

pub const MIN_CITIES: usize = 2;
pub const MAX_CITIES: usize = 8;

/// The first comparison the product was built for.
pub const DEFAULT_CITIES: [&str; 4] = ["dalian", "bangalore", "metro-manila", "silicon-valley"];

#[derive(Debug, Clone)]
pub struct Comparison {
    /// In the order asked for: a city's position is its colour on every chart.
    pub cities: Vec<City>,
    /// The metrics compared, in catalogue order.
    pub metrics: Vec<Metric>,
    /// Every figure of those metrics for those cities, all years.
    pub figures: Vec<MetricFigure>,
    /// Whether the metrics were chosen (`metric=`) rather than the default key metrics.
    pub chosen_metrics: bool,
}

/// Resolves city slugs (in order, repeats ignored) to cities; unknown ones are a 400 that
/// lists the known slugs.
pub async fn resolve_cities(pool: &SqlitePool, slugs: &[String]) -> Result<Vec<City>, AppError> {
    let mut cities: Vec<City> = Vec::new();
    for slug in slugs {
        if cities.iter().any(|c| &c.slug == slug) {
            continue;
        }
        match cities::by_slug(pool, slug).await? {
            Some(city) => cities.push(city),
            None => {
                let known = cities::names(pool).await?.into_iter().map(|c| c.slug).collect();
                return Err(AppError::not_allowed("city", slug, known));
            }
        }
    }
    Ok(cities)
}

/// Builds the comparison of `city_slugs` on `metric_names` (the key metrics when empty).
pub async fn build(
    pool: &SqlitePool,
    catalogue: &Catalogue,
    city_slugs: &[String],
    metric_names: &[String],
) -> Result<Comparison, AppError> {
    let cities = resolve_cities(pool, city_slugs).await?;
    if !(MIN_CITIES..=MAX_CITIES).contains(&cities.len()) {
        let known = cities::names(pool).await?.into_iter().map(|c| c.slug).collect();
        return Err(AppError::BadRequest {
            param: "city".into(),
            message: format!(
                "choose from {MIN_CITIES} to {MAX_CITIES} different cities to compare (repeat city=); {} given",
                cities.len()
            ),
            allowed: Allowed::Values(known),
        });
    }
    if let Some(unknown) = metric_names.iter().find(|name| catalogue.get(name).is_none()) {
        return Err(AppError::not_allowed("metric", unknown, catalogue.ids()));
    }
    of(pool, catalogue, cities, metric_names).await
}

/// The figures of `metric_names` (the key metrics when empty) for cities already resolved;
/// no check on how many.
pub async fn of(
    pool: &SqlitePool,
    catalogue: &Catalogue,
    cities: Vec<City>,
    metric_names: &[String],
) -> Result<Comparison, AppError> {
    let chosen_metrics = !metric_names.is_empty();
    let wanted: Vec<String> = if chosen_metrics {
        metric_names.to_vec()
    } else {
        headline::metrics().into_iter().map(str::to_string).collect()
    };
    let ids: Vec<i64> = cities.iter().map(|c| c.id).collect();
    let names: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let figures = metrics::for_cities(pool, &ids, &names).await?;
    // Key metrics no chosen city has would only add empty rows; chosen ones always show.
    let metrics = catalogue
        .iter()
        .filter(|m| wanted.contains(&m.id))
        .filter(|m| chosen_metrics || figures.iter().any(|f| f.metric == m.id))
        .cloned()
        .collect();
    Ok(Comparison { cities, metrics, figures, chosen_metrics })
}

impl Comparison {
    /// Every figure of one metric for one city, by year then source.
    pub fn series(&self, metric: &str, city_id: i64) -> Vec<&MetricFigure> {
        self.figures.iter().filter(|f| f.metric == metric && f.city_id == city_id).collect()
    }

    /// The figures of the latest year (one per source) of one metric for one city.
    pub fn latest(&self, metric: &str, city_id: i64) -> Vec<&MetricFigure> {
        let series = self.series(metric, city_id);
        let Some(year) = series.iter().map(|f| f.year).max() else {
            return Vec::new();
        };
        series.into_iter().filter(|f| f.year == year).collect()
    }

    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    /// The compared metrics grouped by family, in catalogue order.
    pub fn families(&self) -> Vec<Family<'_>> {
        families(&self.metrics)
    }

    /// Every source the comparison cites, once.
    pub fn sources(&self) -> Vec<&Source> {
        Source::distinct(self.figures.iter().filter(|f| self.metric(&f.metric).is_some()).map(|f| &f.source))
    }

    /// The figures that belong to the compared metrics, in table order (metric, city, year).
    pub fn rows(&self) -> Vec<(&Metric, &City, &MetricFigure)> {
        let mut rows = Vec::new();
        for m in &self.metrics {
            for c in &self.cities {
                for f in self.series(&m.id, c.id) {
                    rows.push((m, c, f));
                }
            }
        }
        rows
    }

    /// The query string that asks for this comparison again.
    pub fn query_string(&self) -> String {
        let metrics: Vec<&str> =
            if self.chosen_metrics { self.metrics.iter().map(|m| m.id.as_str()).collect() } else { Vec::new() };
        query_string(&self.cities, &metrics)
    }

    /// `dalian-bangalore-metro-manila`: names the exported file.
    pub fn file_stem(&self) -> String {
        self.cities.iter().map(|c| c.slug.as_str()).collect::<Vec<_>>().join("-")
    }
}

/// `city=dalian&city=bangalore&metric=…`: the address of a comparison, for links and exports.
pub fn query_string(cities: &[City], metrics: &[&str]) -> String {
    let mut parts: Vec<String> = cities.iter().map(|c| format!("city={}", c.slug)).collect();
    parts.extend(metrics.iter().map(|m| format!("metric={m}")));
    parts.join("&")
}
