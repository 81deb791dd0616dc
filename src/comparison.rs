//! A comparison: a few cities, a set of metrics, and every sourced figure for them. The
//! compare page, its CSV and JSON twins and the exported file are all views of this one value,
//! so they always show the same numbers.

use std::collections::BTreeMap;

use sqlx::SqlitePool;

use crate::db::catalogue::{self, MetricDefinition};
use crate::db::cities::{self, City};
use crate::db::metrics::{self, MetricFigure};
use crate::db::sources::Source;
use crate::error::AppError;
use crate::headline;

pub const MIN_CITIES: usize = 2;
pub const MAX_CITIES: usize = 8;

/// The first comparison the product was built for.
pub const DEFAULT_CITIES: [&str; 4] = ["dalian", "bangalore", "metro-manila", "silicon-valley"];

#[derive(Debug, Clone)]
pub struct Comparison {
    /// In the order asked for: a city's position is its colour on every chart.
    pub cities: Vec<City>,
    /// The metrics compared, in catalogue order.
    pub metrics: Vec<MetricDefinition>,
    /// Every figure of those metrics for those cities, all years.
    pub figures: Vec<MetricFigure>,
    /// Whether the metrics were chosen (`metric=`) rather than the default key metrics.
    pub chosen_metrics: bool,
}

/// Metrics that may share an axis (the same family), within a comparison.
pub struct Family<'a> {
    pub name: &'a str,
    pub metrics: Vec<&'a MetricDefinition>,
}

impl Family<'_> {
    pub fn unit(&self) -> &str {
        self.metrics.first().map_or("", |m| m.unit.as_str())
    }

    pub fn heading(&self) -> &str {
        self.metrics.first().map_or(self.name, |m| m.label.as_str())
    }

    pub fn mixes_scopes(&self) -> bool {
        self.metrics.iter().any(|m| m.scope != self.metrics[0].scope)
    }
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
pub async fn build(pool: &SqlitePool, city_slugs: &[String], metric_names: &[String]) -> Result<Comparison, AppError> {
    let cities = resolve_cities(pool, city_slugs).await?;
    if !(MIN_CITIES..=MAX_CITIES).contains(&cities.len()) {
        let known = cities::names(pool).await?.into_iter().map(|c| c.slug).collect();
        return Err(AppError::BadRequest {
            param: "city".into(),
            message: format!(
                "choose from {MIN_CITIES} to {MAX_CITIES} different cities to compare (repeat city=); {} given",
                cities.len()
            ),
            allowed: crate::error::Allowed::Values(known),
        });
    }
    let catalogue = catalogue::all(pool).await?;
    for name in metric_names {
        if !catalogue.iter().any(|d| &d.metric == name) {
            let known = catalogue.iter().map(|d| d.metric.clone()).collect();
            return Err(AppError::not_allowed("metric", name, known));
        }
    }
    of(pool, cities, metric_names).await
}

/// The figures of `metric_names` (the key metrics when empty) for cities already resolved;
/// no check on how many.
pub async fn of(pool: &SqlitePool, cities: Vec<City>, metric_names: &[String]) -> Result<Comparison, AppError> {
    let catalogue = catalogue::all(pool).await?;
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
        .into_iter()
        .filter(|d| wanted.contains(&d.metric))
        .filter(|d| chosen_metrics || figures.iter().any(|f| f.metric == d.metric))
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

    pub fn definition(&self, metric: &str) -> Option<&MetricDefinition> {
        self.metrics.iter().find(|d| d.metric == metric)
    }

    /// The compared metrics grouped by family, in catalogue order.
    pub fn families(&self) -> Vec<Family<'_>> {
        let mut families: Vec<Family> = Vec::new();
        for d in &self.metrics {
            match families.iter_mut().find(|f| f.name == d.family) {
                Some(f) => f.metrics.push(d),
                None => families.push(Family { name: &d.family, metrics: vec![d] }),
            }
        }
        families
    }

    /// Every source the comparison cites, once, by publisher and title.
    pub fn sources(&self) -> Vec<&Source> {
        let mut by_id: BTreeMap<&str, &Source> = BTreeMap::new();
        for f in &self.figures {
            if self.definition(&f.metric).is_some() {
                by_id.insert(&f.source.id, &f.source);
            }
        }
        let mut sources: Vec<&Source> = by_id.into_values().collect();
        sources.sort_by(|a, b| (&a.publisher, &a.title).cmp(&(&b.publisher, &b.title)));
        sources
    }

    /// The figures that belong to the compared metrics, in table order (metric, city, year).
    pub fn rows(&self) -> Vec<(&MetricDefinition, &City, &MetricFigure)> {
        let mut rows = Vec::new();
        for d in &self.metrics {
            for c in &self.cities {
                for f in self.series(&d.metric, c.id) {
                    rows.push((d, c, f));
                }
            }
        }
        rows
    }

    /// The query string that asks for this comparison again.
    pub fn query_string(&self) -> String {
        let mut parts: Vec<String> = self.cities.iter().map(|c| format!("city={}", c.slug)).collect();
        if self.chosen_metrics {
            parts.extend(self.metrics.iter().map(|m| format!("metric={}", m.metric)));
        }
        parts.join("&")
    }

    /// `dalian-bangalore-metro-manila`: names the exported file.
    pub fn file_stem(&self) -> String {
        self.cities.iter().map(|c| c.slug.as_str()).collect::<Vec<_>>().join("-")
    }
}
