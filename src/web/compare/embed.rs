//! A comparison's chart for other sites: `/embed/compare` (a page to frame) and
//! `/compare/chart.svg` (a file for `<img>` and documents), with the same parameters as
//! `/compare`; and the snippets the compare page offers to copy. Both show the first chart
//! of the comparison that can be drawn: without `metric=`, that of the first key family.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::super::AppState;
use super::super::charts::{ChartBlock, family_bar_chart, standalone_svg};
use super::super::embed::{self, EmbedPage};
use super::super::lang::site_address;
use super::super::params::{ApiParams, Params};
use super::{CompareQuery, ComparisonView};
use crate::comparison::Comparison;
use crate::error::{ApiError, AppError, AppResult};

/// The chart file may use its own `<style>` and nothing else; it is an image, not a page to frame.
const SVG_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The first family's chart that is drawn, or else the first family's table.
fn first_chart(c: &Comparison, log: bool) -> AppResult<Option<ChartBlock>> {
    let mut first = None;
    for (i, family) in c.families().iter().enumerate() {
        if let Some(block) = family_bar_chart(c, family, &format!("chart-{i}"), log)? {
            if block.not_drawn.is_none() {
                return Ok(Some(block));
            }
            first.get_or_insert(block);
        }
    }
    Ok(first)
}

async fn chart_of(state: &AppState, query: &CompareQuery) -> AppResult<(Comparison, ChartBlock, String)> {
    let log = query.log_scale()?;
    let c = query.comparison(state).await?;
    let chart = first_chart(&c, log)?.ok_or_else(|| AppError::NotFound("chart".into()))?;
    let view_query = ComparisonView::query_of(&c, log);
    Ok((c, chart, view_query))
}

/// `/embed/compare`: the chart, its sources and a link to the whole comparison.
pub async fn embed_page(State(state): State<AppState>, query: Result<Params<CompareQuery>, AppError>) -> Response {
    let page = async {
        let Params(query) = query?;
        let (_, chart, view_query) = chart_of(&state, &query).await?;
        EmbedPage {
            brand: crate::t("embed-brand-compare"),
            sources: embed::chart_sources(&chart),
            chart,
            full_view: site_address(state.settings.public_url.as_deref(), &format!("/compare?{view_query}")),
            full_view_label: crate::t("embed-full-compare"),
        }
        .respond()
    };
    page.await.unwrap_or_else(embed::refused)
}

/// `/compare/chart.svg`: the same chart as a standalone SVG file. Mistakes are JSON, as on the
/// other machine-readable routes.
pub async fn chart_file(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<CompareQuery>,
) -> Result<Response, ApiError> {
    let (c, chart, _) = chart_of(&state, &query).await?;
    let sources = embed::sources_sentence(&embed::chart_sources(&chart));
    let credit = match &state.settings.public_url {
        Some(base) => crate::t2("embed-credit-at", "sources", sources, "site", base),
        None => crate::t1("embed-credit", "sources", sources),
    };
    let svg = standalone_svg(&chart, &credit).ok_or_else(|| AppError::NotFound("chart".into()))?;
    let mut response = svg.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml; charset=utf-8"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(SVG_POLICY));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"clusterscope-{}.svg\"", c.file_stem())) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// The compare page's snippets: its first drawn chart in a frame, and as an image.
pub struct Snippets {
    pub iframe: String,
    pub img: String,
    /// Whether the addresses are complete (`--public-url` known) or start at the path.
    pub absolute: bool,
}

impl Snippets {
    pub fn of(view: &ComparisonView, public_url: Option<&str>) -> Option<Snippets> {
        let chart = view.charts.iter().find(|b| b.not_drawn.is_none())?;
        // A Chinese page offers the Chinese embed.
        let base = format!("{}{}", public_url.unwrap_or(""), crate::i18n::lang().prefix());
        // In an attribute, `&` is written `&amp;`.
        let query = view.query.replace('&', "&amp;");
        let title = html_attribute(&chart.title);
        let (_, height) = chart.wide_size;
        // The frame holds the chart at about its own size, its title, legend, sources and links.
        let frame_height = (height * 1.05 + 210.0).round();
        Some(Snippets {
            iframe: format!(
                "<iframe src=\"{base}/embed/compare?{query}\" title=\"{title} · Clusterscope\" width=\"560\" height=\"{frame_height}\" loading=\"lazy\"></iframe>"
            ),
            img: format!("<img src=\"{base}/compare/chart.svg?{query}\" alt=\"{title}\">"),
            absolute: public_url.is_some(),
        })
    }
}

fn html_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}
