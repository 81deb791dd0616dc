//! `/scorecard/export`: the scorecard as one self-contained HTML file to send, like the
//! comparison's: inline styles and SVG, every cited source, no request to anywhere.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::super::AppState;
use super::super::lang::site_address;
use super::compute;
use super::page::ScorecardPage;
use crate::db::sources::Source;
use crate::error::AppResult;

const STYLESHEET: &str = include_str!("../../../static/css/app.css");
const EXPORT_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

#[derive(Template)]
#[template(path = "export/scorecard.html")]
struct ExportPage<'a> {
    page: &'a ScorecardPage,
    sources: Vec<&'a Source>,
    stylesheet: &'static str,
    exported_at: String,
    from_url: Option<String>,
    data_version: i64,
}

pub async fn scorecard_file(State(state): State<AppState>, RawQuery(raw): RawQuery) -> AppResult<Response> {
    let c = compute(&state, raw.as_deref()).await?;
    let mut page = ScorecardPage::build(&state, &c).await?;
    page.link_sources_within_page();
    let export = ExportPage {
        page: &page,
        sources: c.sources(),
        stylesheet: STYLESHEET,
        exported_at: crate::db::now_utc(&state.pool).await?,
        // In the file's language, like the page it was exported from.
        from_url: state
            .settings
            .public_url
            .as_deref()
            .map(|base| site_address(Some(base), &format!("/scorecard?{}", page.query))),
        data_version: crate::db::data_version(&state.pool).await?,
    };
    let mut response = export.render()?.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(EXPORT_POLICY));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"clusterscope-scorecard.html\""),
    );
    Ok(response)
}
