//! The scorecard page: the weights form, the ranked table with every input's year and source,
//! and the charts; or, after a mistake, the form as the reader filled it in.

use super::super::picker::CityPicker;
use askama::Template;

use super::super::AppState;
use super::super::charts::ChartBlock;
use super::super::view::{Choice, Figure, FormError};
use super::query::{COVERAGE, PRESET, SCORE, weightable};
use super::{Computed, charts, norm_choices};
use crate::charts::rank_bands::share;
use crate::comparable::Options;
use crate::comparison::query_string;
use crate::db::metrics;
use crate::error::AppResult;
use crate::format;
use crate::metric::Catalogue;
use crate::scorecard::{CONCENTRATION, MAX_CITIES, MIN_CITIES, SAMPLES, SEED};

/// One number field of the weights form.
pub struct WeightField {
    pub name: String,
    pub label: String,
    /// As the reader gave it, or empty (weight 0: off the card).
    pub value: String,
}

pub struct ScoreInput {
    pub figure: Option<Figure>,
    /// "0.40", or a dash without a figure.
    pub normalised: String,
    /// The metric the figure is of, when it stands in for the weighted one.
    pub stands_in: Option<String>,
}

pub struct ScoreRow {
    pub rank: String,
    pub slug: String,
    pub name: String,
    pub score: String,
    pub coverage: String,
    pub band: String,
    pub p_first: String,
    pub unranked: Option<String>,
    pub inputs: Vec<ScoreInput>,
}

#[derive(Template)]
#[template(path = "scorecard/index.html")]
pub struct ScorecardPage {
    /// `city=…&w.…`, for the share link and the twins; empty after a mistake.
    pub query: String,
    pub summary: Option<String>,
    /// The weighted metrics, with their weights: the table's input columns.
    pub columns: Vec<String>,
    pub rows: Vec<ScoreRow>,
    pub charts: Vec<ChartBlock>,
    pub weights: Vec<WeightField>,
    pub city_picker: CityPicker,
    pub norms: Vec<(String, String, bool)>,
    pub min_coverage: String,
    pub options: Options,
    pub x_choices: Vec<Choice>,
    pub y_choices: Vec<Choice>,
    pub error: Option<FormError>,
    /// The same cities on the compare page (at most eight).
    pub compare_query: String,
}

impl ScorecardPage {
    pub fn render_page(&self) -> askama::Result<String> {
        self.render()
    }

    /// Points every citation at the exported file's own sources section.
    pub fn link_sources_within_page(&mut self) {
        for input in self.rows.iter_mut().flat_map(|r| r.inputs.iter_mut()) {
            if let Some(f) = input.figure.as_mut() {
                f.link_within_page();
            }
        }
        for f in self
            .charts
            .iter_mut()
            .flat_map(|c| c.table.rows.iter_mut())
            .flat_map(|r| r.cells.iter_mut())
            .flat_map(|c| c.figures.iter_mut())
        {
            f.link_within_page();
        }
    }

    /// The city picker's legend: how many cities a scorecard takes.
    fn cities_legend(&self) -> String {
        crate::t2("scorecard-cities-legend", "min", MIN_CITIES, "max", MAX_CITIES)
    }

    /// How the band is drawn, for the page's method section.
    fn method_band(&self) -> String {
        method_text("scorecard-method-band")
    }

    /// The method in one paragraph, for the exported file.
    pub fn method_export(&self) -> String {
        method_text("scorecard-export-method")
    }

    fn field_error(&self, field: &str) -> Option<String> {
        FormError::on(&self.error, field)
    }

    fn city_error(&self) -> Option<String> {
        self.field_error("city")
    }

    fn weights_error(&self) -> Option<String> {
        self.error.as_ref().filter(|e| e.field.starts_with("w.") || e.field == "w").map(|e| e.message.clone())
    }

    fn options_error(&self) -> Option<String> {
        ["currency", "per", "year", "norm", "min_coverage", "x", "y"].iter().find_map(|f| self.field_error(f))
    }

    /// The page for a computed scorecard.
    pub async fn build(state: &AppState, c: &Computed) -> AppResult<ScorecardPage> {
        let reference = state.freshness.reference(&state.pool).await?;
        let a = &c.assembled;
        let rows = c
            .card
            .cities
            .iter()
            .map(|s| {
                let chosen = &a.chosen[s.input_index];
                let city = &a.cities[s.input_index];
                ScoreRow {
                    rank: s.rank.map_or("—".into(), |r| r.to_string()),
                    slug: s.slug.clone(),
                    name: s.name.clone(),
                    score: s.score.map_or("—".into(), |v| format!("{v:.2}")),
                    coverage: format!("{}%", (s.coverage * 100.0).round()),
                    band: match (s.rank_low, s.rank_high) {
                        (Some(lo), Some(hi)) if lo == hi => format::ordinal(lo as f64),
                        (Some(lo), Some(hi)) => band_range(lo, hi),
                        _ => "—".into(),
                    },
                    p_first: share(s.p_first),
                    unranked: s.unranked.map(|u| u.explanation()),
                    inputs: s
                        .cells
                        .iter()
                        .zip(chosen)
                        .zip(&a.weights)
                        .map(|((cell, ch), (m, _))| ScoreInput {
                            figure: ch.as_ref().map(|ch| Figure::shown(&ch.shown, &ch.metric, &city.name)),
                            normalised: cell.normalised.map_or("—".into(), |n| format!("{n:.2}")),
                            stands_in: ch.as_ref().filter(|ch| ch.metric.id != m.id).map(|ch| ch.metric.name()),
                        })
                        .collect(),
                }
            })
            .collect();
        let slugs: Vec<String> = a.cities.iter().map(|c| c.slug.clone()).collect();
        let offered = offered_metrics(state, &reference.catalogue, a).await?;
        let weights = offered
            .into_iter()
            .map(|id| {
                let metric = reference.catalogue.get(&id);
                let weight = a.weights.iter().find(|(m, _)| m.id == id).map(|(_, w)| format::trimmed(*w, 2));
                WeightField {
                    name: format!("w.{id}"),
                    label: metric.map_or(id.clone(), |m| m.name()),
                    value: weight.unwrap_or_default(),
                }
            })
            .collect();
        let axis_choices = |chosen: &str| -> Vec<Choice> {
            let mut out = vec![
                Choice { value: SCORE.into(), label: crate::t("scorecard-col-score"), checked: chosen == SCORE },
                Choice {
                    value: COVERAGE.into(),
                    label: crate::t("scorecard-col-coverage"),
                    checked: chosen == COVERAGE,
                },
            ];
            out.extend(a.weights.iter().map(|(m, _)| Choice {
                value: m.id.clone(),
                label: m.name(),
                checked: chosen == m.id,
            }));
            out
        };
        Ok(ScorecardPage {
            query: c.query_string(),
            summary: Some(c.card.summary.clone()),
            columns: a
                .weights
                .iter()
                .map(|(m, w)| crate::t2("scorecard-col-weighted", "metric", m.name(), "weight", format::trimmed(*w, 2)))
                .collect(),
            rows,
            charts: charts::blocks(c)?,
            weights,
            city_picker: city_picker(state, &slugs, Some(&c.query_string())).await?,
            norms: norm_choices(c.query.norm),
            min_coverage: format::trimmed(c.query.min_coverage, 3),
            options: c.query.options,
            x_choices: axis_choices(&c.query.x),
            y_choices: axis_choices(&c.query.y),
            error: None,
            compare_query: query_string(&a.cities[..a.cities.len().min(8)], &[]),
        })
    }

    /// The form as the reader filled it in, with the mistake beside its field.
    pub async fn with_mistake(state: &AppState, raw: Option<&str>, error: FormError) -> AppResult<ScorecardPage> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or("").as_bytes()).into_owned().collect();
        let value = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        let cities: Vec<String> = pairs.iter().filter(|(k, _)| k == "city").map(|(_, v)| v.clone()).collect();
        let mut weights: Vec<WeightField> = pairs
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("w.").map(|id| (id, v)))
            .map(|(id, v)| WeightField { name: format!("w.{id}"), label: id.to_string(), value: v.clone() })
            .collect();
        if weights.is_empty() {
            weights = PRESET
                .iter()
                .map(|(id, w)| WeightField {
                    name: format!("w.{id}"),
                    label: id.to_string(),
                    value: format::trimmed(*w, 2),
                })
                .collect();
        }
        let reference = state.freshness.reference(&state.pool).await?;
        for w in &mut weights {
            if let Some(m) = reference.catalogue.get(&w.name[2..]) {
                w.label = m.name();
            }
        }
        let norm = value("norm").and_then(|n| crate::scorecard::Norm::parse(&n)).unwrap_or_default();
        Ok(ScorecardPage {
            query: String::new(),
            summary: None,
            columns: Vec::new(),
            rows: Vec::new(),
            charts: Vec::new(),
            weights,
            city_picker: city_picker(state, &cities, raw).await?,
            norms: norm_choices(norm),
            min_coverage: value("min_coverage").unwrap_or_else(|| "0.5".into()),
            options: Options::default(),
            x_choices: Vec::new(),
            y_choices: Vec::new(),
            error: Some(error),
            compare_query: String::new(),
        })
    }
}

/// "3rd to 5th": the ranks a band runs between.
pub fn band_range(low: u32, high: u32) -> String {
    crate::t2("scorecard-band-range", "low", format::ordinal(low as f64), "high", format::ordinal(high as f64))
}

/// A method paragraph with the band's draws, concentration and seed.
fn method_text(key: &str) -> String {
    crate::t2(key, "samples", format::grouped(SAMPLES as f64), "params", draw_parameters())
}

/// "concentration 50, seed 42": the parameters of the band's draws.
pub fn draw_parameters() -> String {
    crate::t2("scorecard-dirichlet", "concentration", CONCENTRATION, "seed", SEED)
}

/// The cities by region, with the presets as links that keep the weights and options of `query`.
async fn city_picker(state: &AppState, chosen: &[String], query: Option<&str>) -> AppResult<CityPicker> {
    let reference = state.freshness.reference(&state.pool).await?;
    Ok(CityPicker::new(&reference.cities, |slug| chosen.iter().any(|c| c == slug)).with_presets(
        &reference.presets,
        "/scorecard",
        query,
        &[],
    ))
}

/// The metrics the weights form offers: the weighted ones, then every other weightable metric
/// that at least two of the cities have a figure for (one city alone would score 1 or 0).
async fn offered_metrics(state: &AppState, catalogue: &Catalogue, a: &super::Assembled) -> AppResult<Vec<String>> {
    let ids: Vec<i64> = a.cities.iter().map(|c| c.id).collect();
    let candidates: Vec<&str> = catalogue.iter().filter(|m| weightable(m)).map(|m| m.id.as_str()).collect();
    let figures = metrics::for_cities(&state.pool, &ids, &candidates).await?;
    Ok(catalogue
        .iter()
        .filter(|m| weightable(m))
        .filter(|m| {
            let mut with: Vec<i64> = figures.iter().filter(|f| f.metric == m.id).map(|f| f.city_id).collect();
            with.dedup();
            a.weights.iter().any(|(w, _)| w.id == m.id) || with.len() >= 2
        })
        .map(|m| m.id.clone())
        .collect())
}
