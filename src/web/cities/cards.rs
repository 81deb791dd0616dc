//! City cards: a city's sectors (with their evidence) and its key figures, as the city list
//! and the dashboard show them.

use std::collections::HashMap;

use super::super::AppState;
use super::super::view::{Cite, Evidence, Figure};
use crate::comparable::{self, Options, Outcome, Rates};
use crate::db::cities::City;
use crate::db::metrics::{self, MetricFigure};
use crate::db::sectors::{self, SectorEvidence};
use crate::error::AppResult;
use crate::headline::{self, INDICATORS};
use crate::metric::{Catalogue, Metric};

pub struct SectorTag {
    pub slug: String,
    pub label: String,
    pub evidence: Evidence,
}

impl From<SectorEvidence> for SectorTag {
    fn from(e: SectorEvidence) -> Self {
        SectorTag {
            slug: e.sector,
            label: e.sector_label,
            evidence: Evidence::new(vec![Cite::from(e.source)], &e.quote),
        }
    }
}

/// One key indicator on a city card that the data has a figure for.
pub struct KeyFigure {
    pub label: String,
    /// What the figure actually is when it is not exactly the indicator (another metric, a
    /// wider scope, several sources for the year).
    pub note: Option<String>,
    pub figure: Figure,
}

pub struct CityCard {
    pub slug: String,
    pub name: String,
    pub country: String,
    pub region: String,
    pub sectors: Vec<SectorTag>,
    pub key_figures: Vec<KeyFigure>,
    /// The indicators the data has no figure for, in one line: "IT exports and IT companies".
    pub missing: String,
    /// How many of the core indicators the city has a city figure for (the badge).
    pub coverage: usize,
}

/// The cards of a list of cities: sectors with evidence and the key figures (made comparable as
/// `options` ask), in two queries.
pub async fn city_cards(state: &AppState, found: Vec<City>, options: &Options) -> AppResult<Vec<CityCard>> {
    let pool = &state.pool;
    let reference = state.freshness.reference(pool).await?;
    let ids: Vec<i64> = found.iter().map(|c| c.id).collect();
    let mut evidence = group_by_city(sectors::evidence_for_cities(pool, &ids).await?, |e| e.city_id);
    let mut figures = group_by_city(metrics::for_cities(pool, &ids, &headline::metrics()).await?, |f| f.city_id);
    let coverage: HashMap<i64, usize> = crate::coverage::of_cities(pool, &found, &reference.catalogue)
        .await?
        .into_iter()
        .map(|c| (c.city_id, c.have()))
        .collect();
    Ok(found
        .into_iter()
        .map(|city| {
            let city_figures = figures.remove(&city.id).unwrap_or_default();
            let (key_figures, missing) =
                key_figures(&city, &city_figures, &reference.catalogue, &reference.rates, options);
            CityCard {
                coverage: coverage.get(&city.id).copied().unwrap_or(0),
                sectors: evidence.remove(&city.id).unwrap_or_default().into_iter().map(SectorTag::from).collect(),
                key_figures,
                missing,
                slug: city.slug,
                name: city.name,
                country: city.country,
                region: city.region,
            }
        })
        .collect())
}

fn group_by_city<T>(rows: Vec<T>, city: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut map: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(city(&row)).or_default().push(row);
    }
    map
}

/// The indicators the data has a figure for, and the names of those it has none for.
fn key_figures(
    city: &City,
    figures: &[MetricFigure],
    catalogue: &Catalogue,
    rates: &Rates,
    options: &Options,
) -> (Vec<KeyFigure>, String) {
    let populations = comparable::population_figures(figures, city.id);
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for indicator in INDICATORS {
        // `pick` only returns figures of catalogued metrics.
        let picked = headline::pick(indicator, figures, catalogue)
            .and_then(|(figure, others)| catalogue.get(&figure.metric).map(|m| (figure, others, m)));
        let Some((figure, others, metric)) = picked else {
            missing.push(indicator.name());
            continue;
        };
        let mut notes = Vec::new();
        if indicator.metrics.first() != Some(&metric.id.as_str()) {
            notes.push(crate::t1("card-as-metric", "metric", metric.name()));
        }
        if !metric.scope.is_city() {
            notes.push(crate::t1("card-wider-scope", "scope", metric.scope.label()));
        }
        if others > 0 {
            notes.push(crate::t2("card-other-sources", "n", others, "year", figure.year));
        }
        let figure = match shown(city, metric, figure, figures, &populations, rates, options) {
            Ok(shown) => shown,
            Err(reason) => {
                notes.push(reason);
                Figure::of(figure, metric)
            }
        };
        let note = (!notes.is_empty()).then(|| notes.join(&crate::t("list-separator")));
        found.push(KeyFigure { label: indicator.name(), note, figure });
    }
    (found, crate::charts::layout::and_list(&missing))
}

/// The picked figure as the options ask: converted or per resident, or the growth of its
/// metric's series; `Err` says why it cannot be (the card then shows it as published).
fn shown(
    city: &City,
    metric: &Metric,
    picked: &MetricFigure,
    figures: &[MetricFigure],
    populations: &[&MetricFigure],
    rates: &Rates,
    options: &Options,
) -> Result<Figure, String> {
    if !options.derives() {
        return Ok(Figure::of(picked, metric));
    }
    let series: Vec<&MetricFigure> =
        if options.growth { figures.iter().filter(|f| f.metric == picked.metric).collect() } else { vec![picked] };
    let options = Options { year: None, ..*options };
    match comparable::derive_series(metric, city, &series, &options, rates, populations).into_iter().next() {
        Some(Outcome::Shown(s)) => Ok(Figure::shown(&s, metric, &city.name)),
        Some(Outcome::Unavailable(u)) => Err(crate::t1("card-as-published-because", "reason", u.reason)),
        None => Err(crate::t("card-as-published")),
    }
}
