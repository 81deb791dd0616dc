//! `/compare?city=A&city=B&metric=M&scale=log`: 2 to 8 cities side by side on the chosen
//! metrics (the key metrics by default): a table of the latest figures and a chart per family.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use serde::Deserialize;

use super::AppState;
use super::charts::{ChartBlock, family_bar_chart};
use super::cities::figure_of;
use super::params::{Params, single};
use super::view::{Figure, scope_label};
use crate::charts::layout::series_class;
use crate::comparison::{self, Comparison, DEFAULT_CITIES, MAX_CITIES, MIN_CITIES};
use crate::db::catalogue::{self, MetricDefinition};
use crate::db::cities;
use crate::error::{AppError, AppResult};

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
        match single("scale", self.scale.clone())?.as_deref() {
            None | Some("linear") => Ok(false),
            Some("log") => Ok(true),
            Some(other) => Err(AppError::not_allowed("scale", other, vec!["linear".into(), "log".into()])),
        }
    }
}

pub struct CityColumn {
    pub name: String,
    pub class: String,
}

pub struct MetricRow {
    pub label: String,
    pub scope: String,
    pub scope_label: &'static str,
    pub description: String,
    /// Per city: the figures of the latest year (one per source), or none.
    pub cells: Vec<Vec<Figure>>,
}

pub struct FamilyRows {
    pub heading: String,
    pub rows: Vec<MetricRow>,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

pub struct MetricGroup {
    pub family: String,
    pub heading: String,
    pub choices: Vec<Choice>,
}

/// What the compare page and the exported file both show.
pub struct ComparisonView {
    /// "Dalian, Bangalore and Metro Manila".
    pub heading: String,
    pub cities: Vec<CityColumn>,
    pub families: Vec<FamilyRows>,
    pub charts: Vec<ChartBlock>,
    pub query: String,
    pub chosen_metrics: bool,
    pub log: bool,
}

impl ComparisonView {
    pub fn build(c: &Comparison, log: bool) -> AppResult<ComparisonView> {
        let mut charts = Vec::new();
        for (i, family) in c.families().iter().enumerate() {
            if let Some(block) = family_bar_chart(c, family.name, &format!("chart-{i}"), log)? {
                charts.push(block);
            }
        }
        let mut query = c.query_string();
        if log {
            query.push_str("&scale=log");
        }
        let names: Vec<String> = c.cities.iter().map(|city| city.name.clone()).collect();
        Ok(ComparisonView {
            heading: crate::charts::layout::and_list(&names),
            cities: c
                .cities
                .iter()
                .enumerate()
                .map(|(i, city)| CityColumn { name: city.name.clone(), class: series_class(i) })
                .collect(),
            families: c
                .families()
                .iter()
                .map(|family| FamilyRows {
                    heading: family.heading().to_string(),
                    rows: family.metrics.iter().map(|d| metric_row(c, d)).collect(),
                })
                .collect(),
            charts,
            query,
            chosen_metrics: c.chosen_metrics,
            log,
        })
    }
}

fn metric_row(c: &Comparison, d: &MetricDefinition) -> MetricRow {
    MetricRow {
        label: d.label.clone(),
        scope: d.scope.clone(),
        scope_label: scope_label(&d.scope),
        description: d.description.clone(),
        cells: c.cities.iter().map(|city| c.latest(&d.metric, city.id).into_iter().map(figure_of).collect()).collect(),
    }
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
    let c = comparison::build(pool, &query.cities(), &query.metrics()).await?;
    let view = ComparisonView::build(&c, log)?;
    let city_choices = cities::names(pool)
        .await?
        .into_iter()
        .map(|n| Choice { checked: c.cities.iter().any(|x| x.slug == n.slug), value: n.slug, label: n.name })
        .collect();
    let mut metric_groups: Vec<MetricGroup> = Vec::new();
    for d in catalogue::all(pool).await? {
        let choice = Choice {
            checked: c.metrics.iter().any(|m| m.metric == d.metric),
            label: if d.scope == "city" { d.label.clone() } else { format!("{} ({})", d.label, scope_label(&d.scope)) },
            value: d.metric.clone(),
        };
        match metric_groups.iter_mut().find(|g| g.family == d.family) {
            Some(g) => g.choices.push(choice),
            None => metric_groups.push(MetricGroup {
                family: d.family.clone(),
                heading: d.label.clone(),
                choices: vec![choice],
            }),
        }
    }
    Ok(ComparePage { view, city_choices, metric_groups, min_cities: MIN_CITIES, max_cities: MAX_CITIES })
}

impl ComparisonView {
    /// Points every citation at the exported file's own sources section, so the file works
    /// offline.
    pub fn link_sources_within_page(&mut self) {
        let figures = self
            .families
            .iter_mut()
            .flat_map(|f| f.rows.iter_mut())
            .flat_map(|r| r.cells.iter_mut())
            .chain(self.charts.iter_mut().flat_map(|c| c.table.rows.iter_mut()).flat_map(|r| r.cells.iter_mut()))
            .flatten();
        for figure in figures {
            figure.evidence.link_within_page();
        }
    }
}
