//! `/compare?city=A&city=B&metric=M&scale=log`: 2 to 8 cities side by side on the chosen
//! metrics (the key metrics by default): a table of the latest figures and a chart per
//! family. Its `.json`/`.csv` twins are in `twins`, the file to share in `export`.

mod export;
mod twins;
mod view;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use serde::Deserialize;

use super::AppState;
use super::params::{Params, log_scale};
use super::view::Choice;
use crate::comparison::{self, Comparison, DEFAULT_CITIES, MAX_CITIES, MIN_CITIES};
use crate::db::cities;
use crate::error::AppResult;
use crate::metric::families;

pub use export::comparison_file;
pub use twins::{compare_csv, compare_json};
pub use view::ComparisonView;

/// The query of the compare page and of its exports.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareQuery {
    #[serde(default)]
    city: Vec<String>,
    #[serde(default)]
    metric: Vec<String>,
    #[serde(default)]
    scale: Vec<String>,
}

impl CompareQuery {
    /// The chosen cities in order; none chosen means the first comparison: Dalian against
    /// Bangalore, Metro Manila and Silicon Valley.
    pub fn cities(&self) -> Vec<String> {
        let given: Vec<String> = self.city.iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
        if given.is_empty() { DEFAULT_CITIES.iter().map(|c| c.to_string()).collect() } else { given }
    }

    pub fn metrics(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for m in self.metric.iter().map(|m| m.trim()).filter(|m| !m.is_empty()) {
            if !out.iter().any(|o| o == m) {
                out.push(m.to_string());
            }
        }
        out
    }

    /// `scale=log` draws the charts on a logarithmic axis.
    pub fn log_scale(&self) -> AppResult<bool> {
        log_scale(self.scale.clone())
    }

    /// The comparison this query asks for.
    pub async fn comparison(&self, state: &AppState) -> AppResult<Comparison> {
        let reference = state.freshness.reference(&state.pool).await?;
        comparison::build(&state.pool, &reference.catalogue, &self.cities(), &self.metrics()).await
    }
}

pub struct MetricGroup {
    pub heading: String,
    pub choices: Vec<Choice>,
}

#[derive(Template, WebTemplate)]
#[template(path = "compare/index.html")]
pub struct ComparePage {
    view: ComparisonView,
    city_choices: Vec<Choice>,
    metric_groups: Vec<MetricGroup>,
    min_cities: usize,
    max_cities: usize,
}

pub async fn index(State(state): State<AppState>, Params(query): Params<CompareQuery>) -> AppResult<ComparePage> {
    let pool = &state.pool;
    let log = query.log_scale()?;
    let c = query.comparison(&state).await?;
    let view = ComparisonView::build(&c, log)?;
    let city_choices = cities::names(pool)
        .await?
        .into_iter()
        .map(|n| Choice { checked: c.cities.iter().any(|x| x.slug == n.slug), value: n.slug, label: n.name })
        .collect();
    let reference = state.freshness.reference(pool).await?;
    let metric_groups = families(reference.catalogue.iter())
        .into_iter()
        .map(|family| MetricGroup {
            heading: family.heading().to_string(),
            choices: family
                .metrics
                .iter()
                .map(|m| Choice {
                    checked: c.metric(&m.id).is_some(),
                    label: m.label_with_scope(),
                    value: m.id.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(ComparePage { view, city_choices, metric_groups, min_cities: MIN_CITIES, max_cities: MAX_CITIES })
}
