//! `/scorecard.json` and `/scorecard.csv`: the scorecard as data. Same URL, same bytes: the
//! weights are listed in catalogue order and the band comes from a fixed seed.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::ser::SerializeMap;
use utoipa::ToSchema;

use super::super::AppState;
use super::super::figure_table::{DerivationJson, FigureJson, Row};
use super::super::formats::{Cell, CsvTable};
use super::{Computed, compute};
use crate::error::ApiError;

/// A weighted figure that entered a city's score.
#[derive(Serialize, ToSchema)]
#[schema(as = ScorecardInput)]
struct InputJson<'a> {
    metric: &'a str,
    /// The metric the figure is of, when another of the same measure stands in (revenue in
    /// RMB, converted, for a weight on revenue in US dollars).
    #[serde(skip_serializing_if = "Option::is_none")]
    figure_metric: Option<&'a str>,
    year: i64,
    value: f64,
    unit: &'a str,
    source: &'a str,
    #[schema(required = true)]
    normalised: Option<f64>,
    weight: f64,
    #[schema(required = true)]
    derivation: Option<DerivationJson<'a>>,
}

/// A city's score, rank and rank band, and the figures behind them.
#[derive(Serialize, ToSchema)]
#[schema(as = ScorecardCity)]
struct CityJson<'a> {
    city: &'a str,
    #[schema(required = true)]
    score: Option<f64>,
    #[schema(required = true)]
    rank: Option<u32>,
    coverage: f64,
    #[schema(required = true)]
    rank_low: Option<u32>,
    #[schema(required = true)]
    rank_high: Option<u32>,
    p_first: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    unranked: Option<&'static str>,
    inputs: Vec<InputJson<'a>>,
}

/// The weights as a JSON object in the card's (catalogue) order.
struct Weights<'a>(&'a Computed);

impl Serialize for Weights<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let weights = &self.0.assembled.weights;
        let mut map = serializer.serialize_map(Some(weights.len()))?;
        for (m, w) in weights {
            map.serialize_entry(&m.id, w)?;
        }
        map.end()
    }
}

/// `/scorecard.json`: the cities in rank order, the weights and the method's settings.
#[derive(Serialize, ToSchema)]
#[schema(as = Scorecard)]
pub struct ScorecardJson<'a> {
    cities: Vec<CityJson<'a>>,
    /// Each weighted metric and its weight, in catalogue order.
    #[schema(value_type = std::collections::BTreeMap<String, f64>)]
    weights: Weights<'a>,
    norm: &'static str,
    min_coverage: f64,
    samples: usize,
    seed: u64,
    concentration: f64,
    summary: &'a str,
}

fn cities(c: &Computed) -> Vec<CityJson<'_>> {
    let a = &c.assembled;
    c.card
        .cities
        .iter()
        .map(|s| {
            let city = &a.cities[s.input_index];
            let inputs = s
                .cells
                .iter()
                .zip(&a.chosen[s.input_index])
                .zip(&a.weights)
                .filter_map(|((cell, chosen), (m, weight))| {
                    let ch = chosen.as_ref()?;
                    let figure = FigureJson::new(Row::shown(city, &ch.metric, &ch.shown));
                    Some(InputJson {
                        metric: &m.id,
                        figure_metric: (ch.metric.id != m.id).then_some(ch.metric.id.as_str()),
                        year: ch.shown.year,
                        value: ch.shown.value,
                        unit: ch.shown.unit.as_str(),
                        source: figure.source,
                        normalised: cell.normalised,
                        weight: *weight,
                        derivation: figure.derivation,
                    })
                })
                .collect();
            CityJson {
                city: &s.slug,
                score: s.score,
                rank: s.rank,
                coverage: s.coverage,
                rank_low: s.rank_low,
                rank_high: s.rank_high,
                p_first: s.p_first,
                unranked: s.unranked.map(|u| u.reason()),
                inputs,
            }
        })
        .collect()
}

pub async fn scorecard_json(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let c = compute(&state, raw.as_deref()).await?;
    let body = ScorecardJson {
        cities: cities(&c),
        weights: Weights(&c),
        norm: c.card.method.norm.name(),
        min_coverage: c.card.method.min_coverage,
        samples: c.card.method.samples,
        seed: c.card.method.seed,
        concentration: c.card.method.concentration,
        summary: &c.card.summary,
    };
    let bytes = serde_json::to_vec(&body).map_err(|e| ApiError(crate::error::AppError::Internal(e.to_string())))?;
    let mut response = bytes.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(response)
}

/// One row per city and input; a city without any input still has one row, its inputs empty.
pub async fn scorecard_csv(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let c = compute(&state, raw.as_deref()).await?;
    let mut table = CsvTable::new(&[
        "city",
        "rank",
        "score",
        "coverage",
        "rank_low",
        "rank_high",
        "p_first",
        "metric",
        "figure_metric",
        "year",
        "value",
        "unit",
        "source_id",
        "normalised",
        "weight",
        "derivation",
    ]);
    for city in cities(&c) {
        let head = |t: &mut CsvTable, rest: &[Cell]| {
            let mut cells = vec![
                Cell::Text(city.city),
                Cell::Integer(city.rank.map(i64::from)),
                city.score.map_or(Cell::Empty, Cell::Number),
                Cell::Number(city.coverage),
                Cell::Integer(city.rank_low.map(i64::from)),
                Cell::Integer(city.rank_high.map(i64::from)),
                Cell::Number(city.p_first),
            ];
            cells.extend_from_slice(rest);
            t.row(&cells);
        };
        if city.inputs.is_empty() {
            head(&mut table, &[Cell::Empty; 9]);
        }
        for i in &city.inputs {
            let formula = i.derivation.as_ref().map_or("", |d| d.formula());
            head(
                &mut table,
                &[
                    Cell::Text(i.metric),
                    Cell::Text(i.figure_metric.unwrap_or("")),
                    Cell::Integer(Some(i.year)),
                    Cell::Number(i.value),
                    Cell::Text(i.unit),
                    Cell::Text(i.source),
                    i.normalised.map_or(Cell::Empty, Cell::Number),
                    Cell::Number(i.weight),
                    Cell::Text(formula),
                ],
            );
        }
    }
    Ok(table.into_response("clusterscope-scorecard.csv"))
}
