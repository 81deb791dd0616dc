//! What goes into a scorecard: the cities, and for each city and weighted metric the city's own
//! figure of the latest year (at or before `year=`), made comparable as the options ask. Once
//! money is converted, a money metric takes the city's figure of the same measure in any
//! currency (revenue in RMB for a weight on revenue in USD). Figures of a state or the whole
//! country never enter.

use sqlx::SqlitePool;

use super::query::{PRESET, ScorecardQuery};
use crate::comparable::{self, Options, Outcome, Rates, Shown};
use crate::comparison::{DEFAULT_CITIES, resolve_cities};
use crate::db::cities::{self, City};
use crate::db::metrics::{self, MetricFigure};
use crate::error::AppResult;
use crate::metric::{Catalogue, Metric, Quantity, Unit};
use crate::scorecard::{CityValues, Input, WeightedMetric};

/// The figure behind one city's value for one weighted metric.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// The metric the figure is of: the weighted one, or another of its measure.
    pub metric: Metric,
    pub shown: Shown,
}

pub struct Assembled {
    pub cities: Vec<City>,
    pub weights: Vec<(Metric, f64)>,
    /// Per city (in `cities` order), per weighted metric: the figure scored, if any.
    pub chosen: Vec<Vec<Option<Chosen>>>,
    pub input: Input,
}

/// The default cities: the dashboard's four, then every city with figures for at least half
/// of the preset's metrics.
async fn default_cities(pool: &SqlitePool) -> AppResult<Vec<String>> {
    let all = cities::names(pool).await?;
    let everyone = resolve_cities(pool, &all.iter().map(|c| c.slug.clone()).collect::<Vec<_>>()).await?;
    let ids: Vec<i64> = everyone.iter().map(|c| c.id).collect();
    let preset: Vec<&str> = PRESET.iter().map(|(m, _)| *m).collect();
    let figures = metrics::for_cities(pool, &ids, &preset).await?;
    let mut slugs: Vec<String> = DEFAULT_CITIES.iter().map(|s| s.to_string()).collect();
    for city in &everyone {
        let mut covered: Vec<&str> =
            figures.iter().filter(|f| f.city_id == city.id).map(|f| f.metric.as_str()).collect();
        covered.sort_unstable();
        covered.dedup();
        if covered.len() * 2 >= preset.len() && !slugs.contains(&city.slug) {
            slugs.push(city.slug.clone());
        }
    }
    Ok(slugs)
}

/// The unit a weighted metric's figures are scored in once the options are applied.
fn target_unit(m: &Metric, options: &Options) -> Unit {
    let mut unit = m.unit.clone();
    if let (Some(target), Some(_)) = (options.currency, unit.currency()) {
        unit = unit.in_currency(target);
    }
    let countable = matches!(unit.quantity, Quantity::Money(_) | Quantity::Persons | Quantity::Count);
    if options.per_capita && m.kind.divides_per_capita() && countable && m.id != "population" {
        unit = unit.per_person();
    }
    unit
}

/// The metrics whose figures may stand for `m`: itself, and once money is converted, the
/// city metrics of the same measure in other currencies.
fn stand_ins<'a>(m: &'a Metric, catalogue: &'a Catalogue, options: &Options) -> Vec<&'a Metric> {
    let mut out = vec![m];
    if options.currency.is_some() && m.unit.currency().is_some() {
        out.extend(
            catalogue
                .iter()
                .filter(|k| k.id != m.id && k.measure == m.measure && k.scope.is_city() && k.unit.currency().is_some()),
        );
    }
    out
}

pub async fn assemble(
    pool: &SqlitePool,
    catalogue: &Catalogue,
    rates: &Rates,
    query: &ScorecardQuery,
) -> AppResult<Assembled> {
    let slugs = if query.cities.is_empty() { default_cities(pool).await? } else { query.cities.clone() };
    let cities = resolve_cities(pool, &slugs).await?;
    let ids: Vec<i64> = cities.iter().map(|c| c.id).collect();
    let options = Options { growth: false, ..query.options };
    let candidates: Vec<Vec<&Metric>> = query.weights.iter().map(|(m, _)| stand_ins(m, catalogue, &options)).collect();
    let mut wanted: Vec<&str> = candidates.iter().flatten().map(|m| m.id.as_str()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let figures = metrics::for_cities(pool, &ids, &wanted).await?;
    let populations =
        if options.per_capita { metrics::for_cities(pool, &ids, &["population"]).await? } else { Vec::new() };
    let chosen: Vec<Vec<Option<Chosen>>> = cities
        .iter()
        .map(|city| {
            let people = comparable::population_figures(&populations, city.id);
            query
                .weights
                .iter()
                .zip(&candidates)
                .map(|((m, _), stand_ins)| choose(city, m, stand_ins, &figures, &people, rates, &options))
                .collect()
        })
        .collect();
    let input = Input {
        metrics: query.weights.iter().map(|(m, w)| WeightedMetric::new(m, *w)).collect(),
        cities: cities
            .iter()
            .zip(&chosen)
            .map(|(city, row)| CityValues {
                slug: city.slug.clone(),
                name: city.name.clone(),
                values: row.iter().map(|c| c.as_ref().map(|c| c.shown.value)).collect(),
            })
            .collect(),
    };
    Ok(Assembled { cities, weights: query.weights.clone(), chosen, input })
}

/// The city's latest figure for `m` in the scored unit, from `m` or its stand-ins: the
/// latest year first, then `m` itself, then the first source by id.
fn choose(
    city: &City,
    m: &Metric,
    stand_ins: &[&Metric],
    figures: &[MetricFigure],
    populations: &[&MetricFigure],
    rates: &Rates,
    options: &Options,
) -> Option<Chosen> {
    let unit = target_unit(m, options);
    let mut found: Vec<Chosen> = Vec::new();
    for k in stand_ins {
        let series: Vec<&MetricFigure> = figures.iter().filter(|f| f.metric == k.id && f.city_id == city.id).collect();
        for outcome in comparable::derive_series(k, city, &series, options, rates, populations) {
            if let Outcome::Shown(s) = outcome
                && s.unit == unit
                && s.value.is_finite()
            {
                found.push(Chosen { metric: (*k).clone(), shown: *s });
            }
        }
    }
    found.into_iter().min_by(|a, b| {
        b.shown
            .year
            .cmp(&a.shown.year)
            .then((a.metric.id != m.id).cmp(&(b.metric.id != m.id)))
            .then(a.shown.figure.source.id.cmp(&b.shown.figure.source.id))
    })
}
