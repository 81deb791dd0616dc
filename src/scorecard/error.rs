//! Why a scorecard cannot be computed, and the checks that find out before anything is.

use super::{Input, MAX_CITIES, MAX_WEIGHT, MIN_CITIES, Params};
use crate::metric::Direction;

/// A scorecard that cannot be computed. All but the last two are the reader's doing (a 400
/// naming `parameter()`); the last two are the caller's (its input is malformed).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error("a scorecard compares {MIN_CITIES} to {MAX_CITIES} cities, not {count}")]
    CityCount { count: usize },
    #[error("the minimum coverage must be a number from 0 to 1, not {value}")]
    MinCoverage { value: f64 },
    #[error("the weight of {metric} must be a number from 0 to {MAX_WEIGHT}, not {weight}")]
    WeightOutOfRange { metric: String, weight: f64 },
    #[error("{metric} cannot be weighted: a higher figure is neither better nor worse")]
    NeutralWeighted { metric: String },
    #[error("at least one metric needs a weight above 0")]
    AllWeightsZero,
    #[error("{city} has {got} figures for {expected} metrics")]
    ValueCount { city: String, expected: usize, got: usize },
    #[error("the figure of {city} for {metric} is not a finite number")]
    ValueNotFinite { city: String, metric: String },
}

/// The reader's choice an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parameter<'a> {
    /// The choice of cities.
    Cities,
    MinCoverage,
    /// The weight of this metric.
    Weight {
        metric: &'a str,
    },
    /// The weights taken together.
    Weights,
}

impl Error {
    /// The message for a reader, in the page's language (the `Display` text is English, for
    /// logs).
    pub fn message(&self) -> String {
        match self {
            Error::CityCount { count } => {
                let range = crate::t2("scorecard-range", "min", MIN_CITIES, "max", MAX_CITIES);
                crate::t2("scorecard-error-city-count", "range", range, "count", count)
            }
            Error::MinCoverage { value } => crate::t1("scorecard-error-min-coverage-range", "value", value),
            Error::WeightOutOfRange { metric, weight } => {
                let range = crate::t2("scorecard-range-not", "max", MAX_WEIGHT, "value", weight);
                crate::t2("scorecard-error-weight-range", "metric", metric, "range", range)
            }
            Error::NeutralWeighted { metric } => crate::t1("scorecard-error-neutral-weighted", "metric", metric),
            Error::AllWeightsZero => crate::t("scorecard-error-no-weight"),
            Error::ValueCount { .. } | Error::ValueNotFinite { .. } => self.to_string(),
        }
    }

    /// The parameter to name in a 400, or `None` when the caller, not the reader, is at fault.
    pub fn parameter(&self) -> Option<Parameter<'_>> {
        match self {
            Error::CityCount { .. } => Some(Parameter::Cities),
            Error::MinCoverage { .. } => Some(Parameter::MinCoverage),
            Error::WeightOutOfRange { metric, .. } | Error::NeutralWeighted { metric } => {
                Some(Parameter::Weight { metric })
            }
            Error::AllWeightsZero => Some(Parameter::Weights),
            Error::ValueCount { .. } | Error::ValueNotFinite { .. } => None,
        }
    }
}

/// Checks the input against the rules, the reader's choices first.
pub(super) fn validate(input: &Input, params: &Params) -> Result<(), Error> {
    let count = input.cities.len();
    if !(MIN_CITIES..=MAX_CITIES).contains(&count) {
        return Err(Error::CityCount { count });
    }
    // `contains` is false for NaN, so a NaN is refused along with the out-of-range numbers.
    if !(0.0..=1.0).contains(&params.min_coverage) {
        return Err(Error::MinCoverage { value: params.min_coverage });
    }
    for m in &input.metrics {
        if !(0.0..=MAX_WEIGHT).contains(&m.weight) {
            return Err(Error::WeightOutOfRange { metric: m.id.clone(), weight: m.weight });
        }
        if m.direction == Direction::Neutral && m.weight > 0.0 {
            return Err(Error::NeutralWeighted { metric: m.id.clone() });
        }
    }
    if !input.metrics.iter().any(|m| m.weight > 0.0) {
        return Err(Error::AllWeightsZero);
    }
    for city in &input.cities {
        if city.values.len() != input.metrics.len() {
            let (expected, got) = (input.metrics.len(), city.values.len());
            return Err(Error::ValueCount { city: city.slug.clone(), expected, got });
        }
        if let Some(m) = city.values.iter().position(|v| v.is_some_and(|v| !v.is_finite())) {
            return Err(Error::ValueNotFinite { city: city.slug.clone(), metric: input.metrics[m].id.clone() });
        }
    }
    Ok(())
}
