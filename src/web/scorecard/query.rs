//! The scorecard's query: `city=` (repeated), a weight per metric as `w.METRIC=N`, `norm`,
//! `min_coverage`, `currency`, `per`, `year`, and the scatter chart's `x` and `y`. Parsed by
//! hand because the weights' names are the catalogue's metrics; anything else is a 400 that
//! lists what the page accepts.

use crate::comparable::Options;
use crate::error::{Allowed, AppError, AppResult};
use crate::metric::{Catalogue, Direction, Metric};
use crate::scorecard::{MAX_WEIGHT, Norm};

use super::super::params::{comparable_options, single};

/// The weighting the scorecard starts from, "outsourcing location": the size of the IT
/// workforce and industry, the number of IT companies, the outsourcing rank and the graduates
/// a year.
pub const PRESET: [(&str, f64); 5] = [
    ("it_employees", 3.0),
    ("it_revenue_usd", 3.0),
    ("it_companies", 2.0),
    ("tholons_rank", 2.0),
    ("graduates_per_year", 1.0),
];

/// The scatter chart's pseudo-metrics besides the weighted ones.
pub const SCORE: &str = "score";
pub const COVERAGE: &str = "coverage";

const PARAMETERS: [&str; 9] = ["city", "w.METRIC", "norm", "min_coverage", "currency", "per", "year", "x", "y"];

#[derive(Debug, Clone)]
pub struct ScorecardQuery {
    /// The cities asked for, in order; empty means the default set.
    pub cities: Vec<String>,
    /// Each weighted metric and its weight, in catalogue order; the preset when none is given.
    pub weights: Vec<(Metric, f64)>,
    pub norm: Norm,
    pub min_coverage: f64,
    pub options: Options,
    pub x: String,
    pub y: String,
}

/// Whether a metric can be weighted: the city's own figure, with a better direction.
pub fn weightable(m: &Metric) -> bool {
    m.scope.is_city() && m.direction != Direction::Neutral
}

impl ScorecardQuery {
    pub fn parse(raw: Option<&str>, catalogue: &Catalogue) -> AppResult<ScorecardQuery> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or("").as_bytes()).into_owned().collect();
        let mut cities = Vec::new();
        let mut weights: Vec<(String, String)> = Vec::new();
        let mut single_valued: [Vec<String>; 7] = Default::default();
        let names = ["norm", "min_coverage", "currency", "per", "year", "x", "y"];
        for (key, value) in pairs {
            if key == "city" {
                let v = value.trim();
                if !v.is_empty() && !cities.iter().any(|c| c == v) {
                    cities.push(v.to_string());
                }
            } else if let Some(metric) = key.strip_prefix("w.") {
                if weights.iter().any(|(m, _)| m == metric) {
                    return Err(AppError::bad_param(key.clone(), crate::t("scorecard-error-weight-twice")));
                }
                weights.push((metric.to_string(), value));
            } else if let Some(i) = names.iter().position(|n| *n == key) {
                single_valued[i].push(value);
            } else {
                return Err(AppError::BadRequest {
                    param: key.clone(),
                    message: crate::t1("scorecard-error-not-a-parameter", "param", format!("{key:?}")),
                    allowed: Allowed::Parameters(PARAMETERS.iter().map(|p| p.to_string()).collect()),
                });
            }
        }
        let [norm, min_coverage, currency, per, year, x, y] = single_valued;
        let norm = match single("norm", norm)?.as_deref() {
            None => Norm::default(),
            Some(text) => Norm::parse(text).ok_or_else(|| {
                AppError::not_allowed("norm", text, Norm::NAMES.iter().map(|n| n.to_string()).collect())
            })?,
        };
        let min_coverage = match single("min_coverage", min_coverage)? {
            None => crate::scorecard::DEFAULT_MIN_COVERAGE,
            Some(text) => match text.parse::<f64>() {
                Ok(v) if (0.0..=1.0).contains(&v) => v,
                _ => {
                    return Err(AppError::bad_param(
                        "min_coverage",
                        crate::t1("scorecard-error-min-coverage", "value", format!("{text:?}")),
                    ));
                }
            },
        };
        let options = comparable_options(currency, per, Vec::new(), year)?;
        let preset = weights.is_empty();
        let weights = if preset { preset_weights(catalogue) } else { parsed_weights(&weights, catalogue)? };
        let axis = |param: &str, values: Vec<String>, default: &str| -> AppResult<String> {
            let value = single(param, values)?.unwrap_or_else(|| default.to_string());
            let known = value == SCORE || value == COVERAGE || weights.iter().any(|(m, _)| m.id == value);
            if !known {
                let mut allowed = vec![SCORE.to_string(), COVERAGE.to_string()];
                allowed.extend(weights.iter().map(|(m, _)| m.id.clone()));
                return Err(AppError::not_allowed(param, &value, allowed));
            }
            Ok(value)
        };
        Ok(ScorecardQuery {
            x: axis("x", x, COVERAGE)?,
            y: axis("y", y, SCORE)?,
            cities,
            weights,
            norm,
            min_coverage,
            options,
        })
    }

    /// The query string that asks for this scorecard again.
    pub fn query_string(&self, cities: &[String]) -> String {
        let mut parts: Vec<String> = cities.iter().map(|c| format!("city={c}")).collect();
        parts.extend(self.weights.iter().map(|(m, w)| format!("w.{}={}", m.id, crate::format::trimmed(*w, 2))));
        if self.norm != Norm::default() {
            parts.push(format!("norm={}", self.norm.name()));
        }
        if self.min_coverage != crate::scorecard::DEFAULT_MIN_COVERAGE {
            parts.push(format!("min_coverage={}", crate::format::trimmed(self.min_coverage, 3)));
        }
        let mut query = parts.join("&");
        query.push_str(&super::super::params::options_query(&self.options));
        if self.x != COVERAGE {
            query.push_str(&format!("&x={}", self.x));
        }
        if self.y != SCORE {
            query.push_str(&format!("&y={}", self.y));
        }
        query
    }
}

fn preset_weights(catalogue: &Catalogue) -> Vec<(Metric, f64)> {
    catalogue.iter().filter_map(|m| PRESET.iter().find(|(id, _)| *id == m.id).map(|(_, w)| (m.clone(), *w))).collect()
}

/// The `w.METRIC` weights: known, weightable metrics with a number from 0 to 10.
fn parsed_weights(given: &[(String, String)], catalogue: &Catalogue) -> AppResult<Vec<(Metric, f64)>> {
    let allowed = || catalogue.iter().filter(|m| weightable(m)).map(|m| format!("w.{}", m.id)).collect();
    let mut out = Vec::new();
    for (id, text) in given {
        let param = format!("w.{id}");
        let Some(metric) = catalogue.get(id) else {
            return Err(AppError::BadRequest {
                message: crate::t1("scorecard-error-unknown-metric", "metric", format!("{id:?}")),
                param,
                allowed: Allowed::Parameters(allowed()),
            });
        };
        if !metric.scope.is_city() {
            return Err(AppError::bad_param(
                param,
                crate::t2("scorecard-error-wider-scope", "metric", metric.name(), "scope", metric.scope.label()),
            ));
        }
        let text = text.trim();
        let weight = if text.is_empty() { 0.0 } else { text.parse::<f64>().unwrap_or(f64::NAN) };
        if !(0.0..=MAX_WEIGHT).contains(&weight) {
            return Err(AppError::bad_param(
                param,
                crate::t2("scorecard-error-not-a-weight", "value", format!("{text:?}"), "max", MAX_WEIGHT),
            ));
        }
        if metric.direction == Direction::Neutral && weight > 0.0 {
            return Err(AppError::bad_param(param, crate::t1("scorecard-error-neutral", "metric", metric.name())));
        }
        out.push((metric.clone(), weight));
    }
    if !out.iter().any(|(_, w)| *w > 0.0) {
        return Err(AppError::bad_param("w.METRIC", crate::t("scorecard-error-all-zero")));
    }
    // A weight of 0 (or a field left empty in the form) takes the metric off the card.
    out.retain(|(_, w)| *w > 0.0);
    // Catalogue order, so the same weights in any order are the same scorecard.
    out.sort_by_key(|(m, _)| catalogue.iter().position(|c| c.id == m.id));
    Ok(out)
}
