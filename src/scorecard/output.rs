//! What a computed scorecard holds, ready for a page or a JSON twin.

use std::cmp::Ordering;

use super::Norm;

/// A computed scorecard.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Scorecard {
    pub method: Method,
    /// Ranked cities by rank (ties by slug), then the unranked by score, highest first (no
    /// score last, ties by slug).
    pub cities: Vec<CityScore>,
    /// How stable the leader is, as a sentence: "Bangalore is first in 93% of 1,000
    /// weightings drawn around yours."
    pub summary: String,
}

/// The parameters the scorecard was computed with, for the page to state.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Method {
    pub norm: Norm,
    pub min_coverage: f64,
    /// How many weightings the band drew.
    pub samples: usize,
    pub seed: u64,
    /// The Dirichlet concentration κ of the draws.
    pub concentration: f64,
}

/// One city's result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CityScore {
    /// The city's position in the input's `cities`.
    pub input_index: usize,
    pub slug: String,
    pub name: String,
    /// From 0 to 1; `None` when the city has no figure for any metric of positive weight.
    pub score: Option<f64>,
    /// `None` for an unranked city; `unranked` says why.
    pub rank: Option<u32>,
    /// The share of the total weight carried by the metrics the city has a figure for.
    pub coverage: f64,
    pub unranked: Option<Unranked>,
    /// The band: `rank_low` ≤ `rank` ≤ `rank_high`, as numbers (so `rank_low` is the best
    /// rank of the band). `None` for an unranked city.
    pub rank_low: Option<u32>,
    pub rank_high: Option<u32>,
    /// The share of the drawn weightings in which the city is first; 0 when unranked.
    pub p_first: f64,
    /// One per metric, in the input's order.
    pub cells: Vec<Cell>,
}

/// One figure of one city, as scored.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Cell {
    pub value: Option<f64>,
    /// From 0 to 1, 1 being best; `None` without a figure or for a metric with no direction.
    pub normalised: Option<f64>,
    pub weight: f64,
}

/// Why a city has no rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unranked {
    /// It has no figure for any metric of positive weight, so no score either.
    NoData,
    /// Its figures carry less of the weight than the minimum coverage.
    LowCoverage,
}

impl Unranked {
    /// The reason in the page's language.
    pub fn explanation(self) -> String {
        crate::t(match self {
            Unranked::NoData => "scorecard-unranked-no-data",
            Unranked::LowCoverage => "scorecard-unranked-low-coverage",
        })
    }

    /// The reason in English, as the JSON twin gives it.
    pub fn reason(self) -> &'static str {
        match self {
            Unranked::NoData => "no figure for any weighted metric",
            Unranked::LowCoverage => "too few of the weighted figures to be ranked",
        }
    }
}

/// Ranked cities first, by rank; then the others by score, highest first, without a score
/// last; within each, by slug and then by input position, so the order is total.
pub(super) fn sort_for_display(cities: &mut [CityScore]) {
    cities.sort_by(|a, b| {
        let by_rank = match (a.rank, b.rank) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => descending_score(a.score, b.score),
        };
        by_rank.then_with(|| a.slug.cmp(&b.slug)).then(a.input_index.cmp(&b.input_index))
    });
}

fn descending_score(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
