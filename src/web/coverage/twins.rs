//! `/coverage.json` and `/coverage.csv`. The JSON's `cities` is a contract read by tools
//! outside this repository: `{"city": slug, "have", "total", "indicators": [{"indicator",
//! "year"}]}` with all ten indicators in the fixed order and `year` null where missing.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::super::AppState;
use super::super::formats::{Cell, CsvTable};
use super::super::params::ApiParams;
use super::{CoverageQuery, all_cities, order};
use crate::coverage::{CityCoverage, Indicator};
use crate::error::ApiError;

#[derive(Serialize)]
struct IndicatorYear {
    indicator: &'static str,
    year: Option<i64>,
}

#[derive(Serialize)]
struct CityJson<'a> {
    city: &'a str,
    have: usize,
    total: usize,
    indicators: Vec<IndicatorYear>,
}

/// What an indicator is, for a reader of the JSON.
#[derive(Serialize)]
struct Definition {
    indicator: &'static str,
    label: &'static str,
    /// The metric names that count (only with city scope, never `_state`, `_national`, `_region`).
    metrics: String,
}

#[derive(Serialize)]
struct CoverageJson<'a> {
    sort: &'static str,
    definitions: Vec<Definition>,
    cities: Vec<CityJson<'a>>,
}

pub async fn coverage_json(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<CoverageQuery>,
) -> Result<Response, ApiError> {
    let order = order(query)?;
    let list = all_cities(&state, order).await?;
    let body = CoverageJson {
        sort: order.as_str(),
        definitions: Indicator::ALL
            .iter()
            .map(|i| Definition { indicator: i.id(), label: i.label(), metrics: i.metrics_text() })
            .collect(),
        cities: list.iter().map(city_json).collect(),
    };
    Ok(Json(body).into_response())
}

fn city_json(c: &CityCoverage) -> CityJson<'_> {
    CityJson {
        city: &c.slug,
        have: c.have(),
        total: Indicator::TOTAL,
        indicators: c.cells().map(|(i, year)| IndicatorYear { indicator: i.id(), year }).collect(),
    }
}

/// One row per city: `city, have, total`, then the latest year of each indicator (empty
/// where missing).
pub async fn coverage_csv(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<CoverageQuery>,
) -> Result<Response, ApiError> {
    let list = all_cities(&state, order(query)?).await?;
    let mut header = vec!["city", "have", "total"];
    header.extend(Indicator::ALL.iter().map(|i| i.id()));
    let mut table = CsvTable::new(&header);
    for c in &list {
        let have = i64::try_from(c.have()).ok();
        let total = i64::try_from(Indicator::TOTAL).ok();
        let mut cells = vec![Cell::Text(&c.slug), Cell::Integer(have), Cell::Integer(total)];
        cells.extend(c.years.iter().map(|y| Cell::Integer(*y)));
        table.row(&cells);
    }
    Ok(table.into_response("clusterscope-coverage.csv"))
}
