//! `/embed/scorecard`: the scorecard's rank bands for other sites' frames, with the sources of
//! the scored figures and a link to the whole scorecard. Same parameters as `/scorecard`.

use axum::extract::{RawQuery, State};
use axum::response::Response;

use super::super::AppState;
use super::super::embed::{self, EmbedPage};
use super::super::lang::site_address;
use super::super::view::Cite;
use super::{charts, compute};
use crate::error::{AppError, AppResult};

pub async fn embed_page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    page(&state, raw.as_deref()).await.unwrap_or_else(embed::refused)
}

async fn page(state: &AppState, raw: Option<&str>) -> AppResult<Response> {
    let c = compute(state, raw).await?;
    let chart = charts::bands(&c)?.ok_or_else(|| AppError::NotFound("chart".into()))?;
    EmbedPage {
        brand: crate::t("embed-brand-scorecard"),
        chart,
        sources: c.sources().into_iter().cloned().map(Cite::from).collect(),
        full_view: site_address(state.settings.public_url.as_deref(), &format!("/scorecard?{}", c.query_string())),
        full_view_label: crate::t("embed-full-scorecard"),
    }
    .respond()
}
