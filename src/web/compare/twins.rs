//! `/compare.json` and `/compare.csv`: the comparison's figures in long form, with every
//! figure's source. Errors are JSON.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::super::AppState;
use super::super::figure_table::{self, FigureJson, Row};
use super::super::params::ApiParams;
use super::CompareQuery;
use crate::comparable::Options;
use crate::db::cities::City;
use crate::db::sources::Source;
use crate::error::ApiError;
use crate::metric::{Metric, MetricJson};

/// `/compare.json`: the cities, the metrics, every figure shown and every source cited.
#[derive(Serialize, ToSchema)]
#[schema(as = Comparison)]
pub struct ComparisonJson<'a> {
    cities: &'a [City],
    #[schema(value_type = Vec<MetricJson>)]
    metrics: &'a [Metric],
    /// How the figures are shown: `currency`, `per`, `growth`, `year` as asked.
    view: ViewJson,
    figures: Vec<FigureJson<'a>>,
    /// What was asked for and cannot be derived, with the reason.
    missing: Vec<MissingJson<'a>>,
    sources: Vec<&'a Source>,
    /// Changes with every import of the data.
    data_version: i64,
}

#[derive(Serialize, ToSchema)]
#[schema(as = ComparisonOptions)]
struct ViewJson {
    /// `usd` when money is converted to US dollars.
    #[schema(required = true)]
    currency: Option<&'static str>,
    /// `capita` when figures are divided by the population.
    #[schema(required = true)]
    per: Option<&'static str>,
    /// `cagr` when each series is shown as its compound annual growth rate.
    #[schema(required = true)]
    growth: Option<&'static str>,
    /// Only figures of this year or before.
    #[schema(required = true)]
    year: Option<i64>,
}

impl From<&Options> for ViewJson {
    fn from(o: &Options) -> Self {
        ViewJson {
            currency: o.currency.map(|_| "usd"),
            per: o.per_capita.then_some("capita"),
            growth: o.growth.then_some("cagr"),
            year: o.year,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(as = MissingFigure)]
struct MissingJson<'a> {
    city: &'a str,
    metric: &'a str,
    reason: &'a str,
}

pub async fn compare_json(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<CompareQuery>,
) -> Result<Response, ApiError> {
    let c = query.comparison(&state).await?;
    let body = ComparisonJson {
        cities: &c.cities,
        metrics: &c.metrics,
        view: ViewJson::from(&c.options),
        figures: c.rows().into_iter().map(|(m, city, s)| FigureJson::new(Row::shown(city, m, s))).collect(),
        missing: c
            .unavailable
            .iter()
            .filter_map(|u| {
                let city = c.cities.iter().find(|city| city.id == u.city_id)?;
                Some(MissingJson { city: &city.slug, metric: &u.metric, reason: &u.reason })
            })
            .collect(),
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
    let table = figure_table::csv(c.rows().into_iter().map(|(m, city, s)| Row::shown(city, m, s)));
    Ok(table.into_response(&format!("clusterscope-{}.csv", c.file_stem())))
}
