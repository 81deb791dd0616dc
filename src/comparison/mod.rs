//! A comparison: a few cities, a set of metrics, and every sourced figure for them, shown as
//! published or made comparable (`comparable::Options`). The compare page, its CSV and JSON
//! twins, the exported file and the dashboard are all views of this one value, so they always
//! show the same numbers.

use sqlx::SqlitePool;

use crate::comparable::{self, Options, Outcome, Rates, Shown, Unavailable};
use crate::db::cities::{self, City};
use crate::db::metrics::{self, MetricFigure};
use crate::db::sources::Source;
use crate::error::{Allowed, AppError};
use crate::headline;
use crate::metric::{Catalogue, Family, Metric, families_by};

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
    /// Every published figure of those metrics for those cities, all years.
    pub figures: Vec<MetricFigure>,
    /// The figures as the options ask: published, converted, per resident or growth rates.
    pub shown: Vec<Shown>,
    /// What the options asked for that cannot be derived, with the reason.
    pub unavailable: Vec<Unavailable>,
    pub options: Options,
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

/// What a comparison is made with besides the database: the catalogue, the exchange rates and
/// how the figures are to be shown.
#[derive(Clone, Copy)]
pub struct Setting<'a> {
    pub catalogue: &'a Catalogue,
    pub rates: &'a Rates,
    pub options: Options,
}

/// Builds the comparison of `city_slugs` on `metric_names` (the key metrics when empty).
pub async fn build(
    pool: &SqlitePool,
    setting: Setting<'_>,
    city_slugs: &[String],
    metric_names: &[String],
) -> Result<Comparison, AppError> {
    let catalogue = setting.catalogue;
    let cities = resolve_cities(pool, city_slugs).await?;
    if !(MIN_CITIES..=MAX_CITIES).contains(&cities.len()) {
        let known = cities::names(pool).await?.into_iter().map(|c| c.slug).collect();
        return Err(AppError::BadRequest {
            param: "city".into(),
            message: crate::tn(
                "compare-city-count",
                &[("min", &MIN_CITIES), ("max", &MAX_CITIES), ("n", &cities.len())],
            ),
            allowed: Allowed::Values(known),
        });
    }
    if let Some(unknown) = metric_names.iter().find(|name| catalogue.get(name).is_none()) {
        return Err(AppError::not_allowed("metric", unknown, catalogue.ids()));
    }
    of(pool, setting, cities, metric_names).await
}

/// The figures of `metric_names` (the key metrics when empty) for cities already resolved;
/// no check on how many.
pub async fn of(
    pool: &SqlitePool,
    setting: Setting<'_>,
    cities: Vec<City>,
    metric_names: &[String],
) -> Result<Comparison, AppError> {
    let catalogue = setting.catalogue;
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
    let populations =
        if setting.options.per_capita { metrics::for_cities(pool, &ids, &["population"]).await? } else { Vec::new() };
    Ok(Comparison::new(cities, metrics, figures, &populations, setting.rates, setting.options, chosen_metrics))
}

impl Comparison {
    /// The comparison of figures already read; `populations` are the cities' population
    /// figures, needed when figures are divided per resident.
    pub fn new(
        cities: Vec<City>,
        metrics: Vec<Metric>,
        figures: Vec<MetricFigure>,
        populations: &[MetricFigure],
        rates: &Rates,
        options: Options,
        chosen_metrics: bool,
    ) -> Comparison {
        let (mut shown, mut unavailable) = (Vec::new(), Vec::new());
        for m in &metrics {
            for city in &cities {
                let series: Vec<&MetricFigure> =
                    figures.iter().filter(|f| f.metric == m.id && f.city_id == city.id).collect();
                let people = comparable::population_figures(populations, city.id);
                for outcome in comparable::derive_series(m, city, &series, &options, rates, &people) {
                    match outcome {
                        Outcome::Shown(s) => shown.push(*s),
                        Outcome::Unavailable(u) => unavailable.push(u),
                    }
                }
            }
        }
        Comparison { cities, metrics, figures, shown, unavailable, options, chosen_metrics }
    }

    /// Every figure of one metric for one city as shown, by year then source.
    pub fn series(&self, metric: &str, city_id: i64) -> Vec<&Shown> {
        self.shown.iter().filter(|f| f.metric == metric && f.city_id == city_id).collect()
    }

    /// Why a figure of one metric for one city cannot be shown as asked, if it cannot.
    pub fn missing(&self, metric: &str, city_id: i64) -> Option<&str> {
        self.unavailable.iter().find(|u| u.metric == metric && u.city_id == city_id).map(|u| u.reason.as_str())
    }

    /// The figures of the latest year (one per source) of one metric for one city.
    pub fn latest(&self, metric: &str, city_id: i64) -> Vec<&Shown> {
        let series = self.series(metric, city_id);
        let Some(year) = series.iter().map(|f| f.year).max() else {
            return Vec::new();
        };
        series.into_iter().filter(|f| f.year == year).collect()
    }

    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    /// The compared metrics grouped by what may share an axis, in catalogue order: a family,
    /// or, once money is converted, every metric of one measure whatever its currency.
    pub fn families(&self) -> Vec<Family<'_>> {
        let converted = self.options.converts_money();
        families_by(&self.metrics, |m| if converted && m.unit.currency().is_some() { &m.measure } else { &m.family })
    }

    /// Every source the comparison cites, once: the figures' own and those of the rates and
    /// populations they were derived with.
    pub fn sources(&self) -> Vec<&Source> {
        let inputs =
            self.shown.iter().flat_map(|s| s.derivation.iter().flat_map(|d| d.inputs.iter().map(|i| &i.source)));
        Source::distinct(self.shown.iter().map(|s| &s.figure.source).chain(inputs))
    }

    /// The figures shown for the compared metrics, in table order (metric, city, year).
    pub fn rows(&self) -> Vec<(&Metric, &City, &Shown)> {
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
