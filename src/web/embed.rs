//! What the pages made for other sites' frames share (`/embed/compare`, `/embed/scorecard`):
//! one chart with its title and data table, its sources in a line, and a link to the full view.
//! They load the site's own stylesheet (a fingerprinted file every embed on a page shares from
//! the browser's cache, so the policy stays without `'unsafe-inline'`), run no script, and are
//! the only answers any site may frame, their errors included.

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use super::charts::ChartBlock;
use super::security::frameable;
use super::view::Cite;
use crate::error::{AppError, AppResult};

#[derive(Template)]
#[template(path = "embed/chart.html")]
pub struct EmbedPage {
    /// "Clusterscope comparison": the page's heading, above the chart.
    pub brand: String,
    pub chart: ChartBlock,
    /// Each source once, in the order first cited.
    pub sources: Vec<Cite>,
    /// The full view on the site: absolute with `--public-url`.
    pub full_view: String,
    /// "The whole comparison", "The whole scorecard".
    pub full_view_label: String,
}

impl EmbedPage {
    /// The page, framable by any site.
    pub fn respond(self) -> AppResult<Response> {
        Ok(frameable(Html(self.render()?)))
    }
}

/// An embed's error page, framable too: the site that embeds a broken address shows why.
pub fn refused(error: AppError) -> Response {
    frameable(error.into_response())
}

/// The sources a chart's figures cite (derived ones: their inputs'), each once.
pub fn chart_sources(chart: &ChartBlock) -> Vec<Cite> {
    let mut out: Vec<Cite> = Vec::new();
    let figures = chart.table.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.figures);
    for f in figures {
        let inputs = f.derivation.iter().flat_map(|d| d.inputs.iter().map(|i| &i.cite));
        for cite in f.evidence.cites.iter().chain(inputs) {
            if !out.iter().any(|c| c.id == cite.id) {
                out.push(cite.clone());
            }
        }
    }
    out
}

/// "Sources: INTHEBLACK (CPA Australia), 2014; NASSCOM, 2019." for a chart file's description
/// (empty when the chart cites nothing itself).
pub fn sources_sentence(sources: &[Cite]) -> String {
    if sources.is_empty() {
        return String::new();
    }
    let short: Vec<String> = sources.iter().map(Cite::short).collect();
    crate::t1("embed-sources-sentence", "sources", short.join("; "))
}
