//! `/scorecard`: a composite score over cited figures, with the reader's weights in the URL
//! (`w.METRIC=N`), a rank band that says how much the ranking owes to those weights, and its
//! twins (`/scorecard.json`, `/scorecard.csv`) and export (`/scorecard/export`). The method
//! lives in `crate::scorecard`; this module chooses the figures, parses the query and draws.

mod charts;
mod embed;
mod export;
mod inputs;
mod page;
mod query;
mod twins;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use super::view::FormError;
use crate::db::sources::Source;
use crate::error::{AppError, AppResult};
use crate::scorecard::{self, Norm, Parameter, Params, Scorecard};

pub use embed::embed_page;
pub use export::scorecard_file;
pub use twins::{ScorecardJson, scorecard_csv, scorecard_json};

use inputs::Assembled;
use query::ScorecardQuery;
pub use query::weightable;

/// A scorecard computed for a query: what went in and what came out.
pub struct Computed {
    pub query: ScorecardQuery,
    pub assembled: Assembled,
    pub card: Scorecard,
}

impl Computed {
    /// `city=…&w.…`: asks for this scorecard again.
    pub fn query_string(&self) -> String {
        let slugs: Vec<String> = self.assembled.cities.iter().map(|c| c.slug.clone()).collect();
        self.query.query_string(&slugs)
    }

    /// Every source the scored figures cite (and those they were derived from), once.
    pub fn sources(&self) -> Vec<&Source> {
        let cited = self.assembled.chosen.iter().flatten().flatten().flat_map(|ch| {
            let inputs = ch.shown.derivation.iter().flat_map(|d| d.inputs.iter().map(|i| &i.source));
            std::iter::once(&ch.shown.figure.source).chain(inputs)
        });
        Source::distinct(cited)
    }
}

/// Parses the query, chooses the figures and computes the scorecard.
pub async fn compute(state: &AppState, raw: Option<&str>) -> AppResult<Computed> {
    let reference = state.freshness.reference(&state.pool).await?;
    let query = ScorecardQuery::parse(raw, &reference.catalogue)?;
    let assembled = inputs::assemble(&state.pool, &reference.catalogue, &reference.rates, &query).await?;
    let params = Params { norm: query.norm, min_coverage: query.min_coverage };
    let card = scorecard::compute(&assembled.input, &params).map_err(|e| reader_error(&e))?;
    Ok(Computed { query, assembled, card })
}

/// The engine's refusal as a 400 naming the parameter, or a 500 when the fault is ours.
fn reader_error(e: &scorecard::Error) -> AppError {
    match e.parameter() {
        Some(Parameter::Cities) => AppError::bad_param("city", e.message()),
        Some(Parameter::MinCoverage) => AppError::bad_param("min_coverage", e.message()),
        Some(Parameter::Weight { metric }) => AppError::bad_param(format!("w.{metric}"), e.message()),
        Some(Parameter::Weights) => AppError::bad_param("w.METRIC", e.message()),
        None => AppError::Internal(e.to_string()),
    }
}

/// The form fields whose mistakes bring the form back rather than an error page.
const FIELDS: [&str; 10] = ["city", "w.METRIC", "norm", "min_coverage", "currency", "per", "year", "x", "y", "w"];

/// `/scorecard`: the scorecard, or its form again with the mistake beside it (400).
pub async fn index(State(state): State<AppState>, RawQuery(raw): RawQuery) -> AppResult<Response> {
    match compute(&state, raw.as_deref()).await {
        Ok(computed) => {
            let page = page::ScorecardPage::build(&state, &computed).await?;
            Ok(Html(page.render_page()?).into_response())
        }
        Err(e) => {
            // A weight's field is named after its metric: `w.it_employees`.
            let weight_field = match &e {
                AppError::BadRequest { param, .. } if param.starts_with("w.") => Some(param.clone()),
                _ => None,
            };
            let mut fields: Vec<&str> = FIELDS.to_vec();
            if let Some(field) = &weight_field {
                fields.push(field);
            }
            let error = FormError::about(e, &fields)?;
            let page = page::ScorecardPage::with_mistake(&state, raw.as_deref(), error).await?;
            Ok((StatusCode::BAD_REQUEST, Html(page.render_page()?)).into_response())
        }
    }
}

/// The normalisations a form offers: value and label.
pub fn norm_choices(chosen: Norm) -> Vec<(String, String, bool)> {
    Norm::NAMES
        .iter()
        .map(|name| {
            let label = crate::t(match *name {
                "minmax" => "scorecard-norm-minmax",
                "zscore" => "scorecard-norm-zscore",
                _ => "scorecard-norm-rank",
            });
            (name.to_string(), label, Norm::parse(name) == Some(chosen))
        })
        .collect()
}
