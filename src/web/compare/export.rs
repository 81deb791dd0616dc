//! `/compare/export`: the comparison as one self-contained HTML file to send to someone. It
//! carries its styles inline, its charts as inline SVG, the tables, every cited source, when
//! it was exported and (with `--public-url`) the address it came from, and loads nothing.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::super::AppState;
use super::super::lang::site_address;
use super::super::params::Params;
use super::{CompareQuery, ComparisonView};
use crate::comparable::Options;
use crate::db::sources::Source;
use crate::error::AppResult;

/// The site's stylesheet, inlined: the file looks like the page it came from.
const STYLESHEET: &str = include_str!("../../../static/css/app.css");

/// The exported file forbids itself any fetch: inline styles only, no scripts, no images
/// except `data:`.
const EXPORT_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

#[derive(Template)]
#[template(path = "export/comparison.html")]
struct ExportPage<'a> {
    title: String,
    view: &'a ComparisonView,
    sources: Vec<&'a Source>,
    stylesheet: &'static str,
    exported_at: String,
    /// The comparison's address on the public site, when the server knows it (`--public-url`).
    from_url: Option<String>,
    data_version: i64,
    options: Options,
}

pub async fn comparison_file(
    State(state): State<AppState>,
    Params(query): Params<CompareQuery>,
) -> AppResult<Response> {
    let pool = &state.pool;
    let log = query.log_scale()?;
    let c = query.comparison(&state).await?;
    let mut view = ComparisonView::build(&c, log)?;
    view.link_sources_within_page();
    let names: Vec<String> = c.cities.iter().map(|c| c.name.clone()).collect();
    let page = ExportPage {
        title: crate::t1("export-title", "cities", crate::charts::layout::and_list(&names)),
        view: &view,
        sources: c.sources(),
        stylesheet: STYLESHEET,
        exported_at: crate::db::now_utc(pool).await?,
        from_url: state
            .settings
            .public_url
            .as_ref()
            .map(|base| site_address(Some(base), &format!("/compare?{}", view.query))),
        data_version: crate::db::data_version(pool).await?,
        options: c.options,
    };
    let html = page.render()?;
    let mut response = html.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(EXPORT_POLICY));
    let disposition = format!("attachment; filename=\"clusterscope-{}.html\"", c.file_stem());
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}
