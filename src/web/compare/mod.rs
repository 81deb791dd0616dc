//! `/compare?city=A&city=B&metric=M&scale=log`: 2 to 8 cities side by side on the chosen
//! metrics (the key metrics by default): a table of the latest figures and a chart per
//! family. Its `.json`/`.csv` twins are in `twins`, the file to share in `export`.

mod embed;
mod export;
mod twins;
mod view;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::AppState;
use super::params::{Params, comparable_options, log_scale};
use super::picker::CityPicker;
use super::view::{Choice, FormError};
use crate::comparable::Options;
use crate::comparison::{self, Comparison, DEFAULT_CITIES, MAX_CITIES, MIN_CITIES, Setting};
use crate::error::AppResult;
use crate::metric::families;

pub use embed::{chart_file, embed_page};
pub use export::comparison_file;
pub use twins::{ComparisonJson, compare_csv, compare_json};
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
    #[serde(default)]
    currency: Vec<String>,
    #[serde(default)]
    per: Vec<String>,
    #[serde(default)]
    growth: Vec<String>,
    #[serde(default)]
    year: Vec<String>,
}

impl CompareQuery {
    /// How the figures are made comparable (`currency`, `per`, `growth`, `year`).
    pub fn options(&self) -> AppResult<Options> {
        comparable_options(self.currency.clone(), self.per.clone(), self.growth.clone(), self.year.clone())
    }

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
        let options = self.options()?;
        let reference = state.freshness.reference(&state.pool).await?;
        let setting = Setting { catalogue: &reference.catalogue, rates: &reference.rates, options };
        comparison::build(&state.pool, setting, &self.cities(), &self.metrics()).await
    }
}

pub struct MetricGroup {
    pub heading: String,
    pub choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "compare/index.html")]
pub struct ComparePage {
    /// `None` when the form comes back with a mistake to fix.
    view: Option<ComparisonView>,
    city_picker: CityPicker,
    metric_groups: Vec<MetricGroup>,
    chosen_metrics: bool,
    log: bool,
    options: Options,
    error: Option<FormError>,
    /// The first chart as snippets to paste into another site.
    embed: Option<embed::Snippets>,
}

impl ComparePage {
    fn city_legend(&self) -> String {
        crate::t2("compare-city-legend", "min", MIN_CITIES, "max", MAX_CITIES)
    }

    fn city_error(&self) -> Option<String> {
        FormError::on(&self.error, "city")
    }

    fn metric_error(&self) -> Option<String> {
        FormError::on(&self.error, "metric")
    }

    fn scale_error(&self) -> Option<String> {
        FormError::on(&self.error, "scale")
    }

    fn options_error(&self) -> Option<String> {
        ["currency", "per", "growth", "year"].iter().find_map(|f| FormError::on(&self.error, f))
    }

    /// The scorecard of the same cities (with the same currency and per-resident choices).
    fn scorecard_query(&self) -> String {
        let query = self.view.as_ref().map_or("", |v| v.query.as_str());
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| p.starts_with("city=") || p.starts_with("currency=") || p.starts_with("per="))
            .collect();
        kept.join("&")
    }

    /// The same comparison with the figures as published.
    fn as_published(&self) -> String {
        let query = self.view.as_ref().map_or("", |v| v.query.as_str());
        let kept: Vec<&str> = query.split('&').filter(|p| p.starts_with("city=") || p.starts_with("metric=")).collect();
        format!("/compare?{}", kept.join("&"))
    }
}

/// `/compare`: the comparison, or its form again with the mistake next to the field (400).
pub async fn index(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    Params(query): Params<CompareQuery>,
) -> AppResult<Response> {
    let outcome = match (query.log_scale(), query.comparison(&state).await) {
        (Ok(log), Ok(c)) => Ok((log, c)),
        (Err(e), _) | (_, Err(e)) => {
            Err(FormError::about(e, &["city", "metric", "scale", "currency", "per", "growth", "year"])?)
        }
    };
    let pool = &state.pool;
    let reference = state.freshness.reference(pool).await?;
    let (view, error) = match &outcome {
        Ok((log, c)) => (Some(ComparisonView::build(c, *log)?), None),
        Err(e) => (None, Some(e.clone())),
    };
    // The choices as the comparison resolved them, or as the user made them.
    let chosen_cities: Vec<String> = match &outcome {
        Ok((_, c)) => c.cities.iter().map(|city| city.slug.clone()).collect(),
        Err(_) => query.cities(),
    };
    let chosen_metrics: Vec<String> = match &outcome {
        Ok((_, c)) if c.chosen_metrics => c.metrics.iter().map(|m| m.id.clone()).collect(),
        Ok(_) => Vec::new(),
        Err(_) => query.metrics(),
    };
    let city_picker = CityPicker::new(&reference.cities, |slug| chosen_cities.iter().any(|c| c == slug)).with_presets(
        &reference.presets,
        "/compare",
        raw.as_deref(),
        &[],
    );
    let metric_groups = families(reference.catalogue.iter())
        .into_iter()
        .map(|family| MetricGroup {
            heading: family.heading().to_string(),
            choices: family
                .metrics
                .iter()
                .map(|m| Choice {
                    checked: chosen_metrics.contains(&m.id),
                    label: m.label_with_scope(),
                    value: m.id.clone(),
                })
                .collect(),
        })
        .collect();
    let embed = view.as_ref().and_then(|v| embed::Snippets::of(v, state.settings.public_url.as_deref()));
    let page = ComparePage {
        embed,
        view,
        city_picker,
        metric_groups,
        chosen_metrics: !chosen_metrics.is_empty(),
        log: outcome.as_ref().is_ok_and(|(log, _)| *log) || query.scale.iter().any(|s| s == "log"),
        options: query.options().unwrap_or_default(),
        error,
    };
    let status = if page.error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    Ok((status, Html(page.render()?)).into_response())
}
