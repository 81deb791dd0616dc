//! `/compare.json` and `/compare.csv`: the comparison's figures in long form, with every
//! figure's source. Errors are JSON.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::super::AppState;
use super::super::figure_table::{self, FigureJson};
use super::super::params::ApiParams;
use super::CompareQuery;
use crate::db::cities::City;
use crate::db::sources::Source;
use crate::error::ApiError;
use crate::metric::Metric;

#[derive(Serialize)]
struct ComparisonJson<'a> {
    cities: &'a [City],
    metrics: &'a [Metric],
    figures: Vec<FigureJson<'a>>,
    sources: Vec<&'a Source>,
    data_version: i64,
}

pub async fn compare_json(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<CompareQuery>,
) -> Result<Response, ApiError> {
    let c = query.comparison(&state).await?;
    let body = ComparisonJson {
        cities: &c.cities,
        metrics: &c.metrics,
        figures: c.rows().into_iter().map(|(m, city, f)| FigureJson::new(city, m, f)).collect(),
        sources: c.sources(),
        data_version: crate::db::data_version(&state.pool).await?,
    };
    Ok(Json(body).into_response())
}

pub async fn compare_csv(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<CompareQuery>,
) -> Result<Response, ApiError> {
    let c = query.comparison(&state).await?;
    let table = figure_table::csv(c.rows().into_iter().map(|(m, city, f)| (city, m, f)));
    Ok(table.into_response(&format!("clusterscope-{}.csv", c.file_stem())))
}
