//! The scorecard: one score per city from the metrics a reader weights, with how far each
//! city's rank would move if the weights were a little different.
//!
//! **What goes in.** For each city (2 to 20) and each metric on the card, at most one figure:
//! the city's own figure of its latest year (chosen before this module is called). Each
//! metric has a weight from 0 to 10 (fractions allowed, so 2.5 is a weight; at least one
//! weight above 0) and a direction taken from the metric: higher is better, or lower is
//! better (a rank, a rent). A metric with no direction (a share that is neither good nor
//! bad) may be on the card only with weight 0; it is then shown but not normalised.
//!
//! **Normalising.** Each metric is put on a 0 to 1 scale, 1 being best, over the cities that
//! have a figure for it; a city without the figure is left out of that metric, not counted as
//! 0. Three ways, `minmax` being the default:
//! - `minmax`: (value − lowest) / (highest − lowest), or (highest − value) / (highest −
//!   lowest) when lower is better. The best city gets 1, the worst 0.
//! - `zscore`: z = (value − mean) / standard deviation (the population one: these cities are
//!   the whole field, not a sample), with the sign turned when lower is better, then mapped
//!   to 0..1 by Φ(z), the standard normal distribution's cumulative probability. A city at
//!   the mean gets 0.5, one a standard deviation above it 0.84. Unlike `minmax`, the best city
//!   does not get 1: how far it stands out counts.
//! - `rank`: the best city 1, the worst 0, the others evenly spaced between; tied cities share
//!   the average of the places they hold.
//!
//! With every city equal on a metric (or only one city having it), all of them get 1 by each
//! of the three ways: a metric that does not tell the cities apart costs none of them.
//!
//! **Score and coverage.** A city's score is the weighted mean of its normalised values:
//! Σ wᵢ·nᵢ / Σ wᵢ over the metrics it has. Its coverage is the share of the total weight its
//! figures carry: Σ wᵢ over the metrics it has / Σ wᵢ over all metrics. A city whose coverage
//! is below the minimum (`min_coverage`, 0.5 unless chosen) keeps its score but gets no rank;
//! a city with no figure for any metric of positive weight gets neither. The others are
//! ranked by score, highest first; equal scores (to 12 decimal places, so that rounding in
//! the last bits of a number does not split a tie) share a rank, 1, 1, 3, and are listed by
//! slug.
//!
//! **The band.** To show how much the ranking owes to the exact weights, 1,000 other sets of
//! weights are drawn around the reader's, and the ranked cities are ranked again with each
//! (same normalised values, same set of ranked cities). The draws follow a Dirichlet
//! distribution with concentration 50: the weight of metric i is drawn with parameter
//! αᵢ = 50 · wᵢ / Σ w, so on average each draw is the reader's weighting, and a weight that
//! is 20% of the total falls between about 12% and 30% of it in nine draws out of ten; a
//! metric of weight 0 stays at 0. A city's band runs from the 5th to the 95th percentile of
//! its ranks over the draws (nearest-rank percentiles, so both ends are ranks it actually
//! held), widened if need be to include its rank at the reader's own weights. `p_first` is
//! the share of the draws in which the city is first; a tie for first splits that draw
//! among the tied, so the shares add up to 1 over the ranked cities. The sentence under the
//! scorecard names the city first most often and its share (rounded down, so shares never
//! seem to add up to more than all), or says that no city is first in more than half.
//!
//! **Same answer every time.** The draws come from the ChaCha8 generator seeded with 42 and
//! rand_distr's Gamma sampler (a Dirichlet draw is independent Gamma(αᵢ) draws divided by
//! their sum), whose versions Cargo.lock pins; nothing depends on the order of a hash map.
//! The same input gives the same output, to the bit. The samplers take logarithms with the
//! platform's maths library, which could differ in a last bit between systems; that would
//! change a draw only if it fell exactly on a rejection threshold.
//!
//! **Limits.** A score is only as good as the figures under it. Sparse data: a city is scored
//! on the figures it has, and a metric that only two cities report gives one of them 1 and
//! the other 0, however close they are; coverage says how much of the weight a score rests
//! on. Mixed definitions: each city's figure is its latest, so years differ between cities,
//! and sources count workforces, revenues and ranks in their own ways; the scorecard compares
//! them as if they were alike. `minmax` lets one outlier squeeze everyone else together,
//! `rank` throws away how far apart cities are, `zscore` reads distances as if the figures
//! were spread like a bell curve. The band measures how much the ranking depends on the
//! weights, not on errors in the figures or on the choice of normalisation.

mod bands;
mod error;
mod normalise;
mod output;
mod score;
mod summary;

#[cfg(test)]
#[path = "hand_tests.rs"]
mod hand_tests;
#[cfg(test)]
#[path = "normalise_tests.rs"]
mod normalise_tests;
#[cfg(test)]
#[path = "property_tests.rs"]
mod property_tests;

pub use error::{Error, Parameter};
pub use output::{Cell, CityScore, Method, Scorecard, Unranked};

use crate::metric::{Direction, Metric};

/// How many weightings the band draws around the reader's.
pub const SAMPLES: usize = 1000;
/// The seed of the generator behind the draws: fixed, so the band never changes.
pub const SEED: u64 = 42;
/// The Dirichlet concentration κ: the draws' parameters are κ·wᵢ/Σw. Higher would keep the
/// draws closer to the reader's weights.
pub const CONCENTRATION: f64 = 50.0;
/// The largest weight a metric may have.
pub const MAX_WEIGHT: f64 = 10.0;
/// How many cities a scorecard compares, at least and at most.
pub const MIN_CITIES: usize = 2;
pub const MAX_CITIES: usize = 20;
/// The share of the total weight a city's figures must carry for it to be ranked, by default.
pub const DEFAULT_MIN_COVERAGE: f64 = 0.5;

/// How each metric's figures are put on a 0 to 1 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Norm {
    #[default]
    MinMax,
    ZScore,
    Rank,
}

impl Norm {
    /// The names `parse` accepts, in the order a form lists them, the default first.
    pub const NAMES: [&'static str; 3] = ["minmax", "zscore", "rank"];

    pub fn parse(name: &str) -> Option<Norm> {
        match name {
            "minmax" => Some(Norm::MinMax),
            "zscore" => Some(Norm::ZScore),
            "rank" => Some(Norm::Rank),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Norm::MinMax => "minmax",
            Norm::ZScore => "zscore",
            Norm::Rank => "rank",
        }
    }
}

/// A metric on the card, with the reader's weight for it.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedMetric {
    /// The metric's name, used in error messages: `tholons_rank`.
    pub id: String,
    pub direction: Direction,
    /// From 0 to `MAX_WEIGHT`; fractions allowed.
    pub weight: f64,
}

impl WeightedMetric {
    pub fn new(metric: &Metric, weight: f64) -> WeightedMetric {
        WeightedMetric { id: metric.id.clone(), direction: metric.direction, weight }
    }
}

/// A city and its figures, one per metric of the card in the card's order (`None` where it
/// has none). The output keeps this order, so the caller finds each figure's year and source
/// by the same indices.
#[derive(Debug, Clone, PartialEq)]
pub struct CityValues {
    /// Orders cities with equal scores, so the output is stable.
    pub slug: String,
    /// Names the city in the summary sentence.
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// Everything the scorecard is computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub metrics: Vec<WeightedMetric>,
    pub cities: Vec<CityValues>,
}

/// The reader's choices besides the weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub norm: Norm,
    /// From 0 to 1: cities whose coverage is below it are not ranked.
    pub min_coverage: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params { norm: Norm::default(), min_coverage: DEFAULT_MIN_COVERAGE }
    }
}

/// Scores, ranks and bands every city of `input`; see the module's documentation for how.
pub fn compute(input: &Input, params: &Params) -> Result<Scorecard, Error> {
    error::validate(input, params)?;
    let weights: Vec<f64> = input.metrics.iter().map(|m| m.weight).collect();
    let normalised = normalise::table(input, params.norm);
    let mut cities = score_cities(input, &weights, &normalised, params.min_coverage);
    rank_and_band(&mut cities, &weights, &normalised);
    output::sort_for_display(&mut cities);
    let summary = summary::leader_sentence(&cities, SAMPLES);
    let method = Method {
        norm: params.norm,
        min_coverage: params.min_coverage,
        samples: SAMPLES,
        seed: SEED,
        concentration: CONCENTRATION,
    };
    Ok(Scorecard { method, cities, summary })
}

/// Each city's score, coverage and cells, in input order, none of them ranked yet.
fn score_cities(input: &Input, weights: &[f64], normalised: &[Vec<Option<f64>>], min_coverage: f64) -> Vec<CityScore> {
    let total_weight: f64 = weights.iter().sum();
    input
        .cities
        .iter()
        .zip(normalised)
        .enumerate()
        .map(|(index, (city, row))| {
            let score = score::weighted_score(weights, row);
            let coverage = score::covered_weight(weights, row) / total_weight;
            let unranked = match score {
                None => Some(Unranked::NoData),
                Some(_) if coverage < min_coverage => Some(Unranked::LowCoverage),
                Some(_) => None,
            };
            let cells = (0..weights.len())
                .map(|m| Cell { value: city.values[m], normalised: row[m], weight: weights[m] })
                .collect();
            CityScore {
                input_index: index,
                slug: city.slug.clone(),
                name: city.name.clone(),
                score,
                rank: None,
                coverage,
                unranked,
                rank_low: None,
                rank_high: None,
                p_first: 0.0,
                cells,
            }
        })
        .collect()
}

/// Ranks the cities that qualify, at the reader's weights and in each draw; `cities` in input
/// order, so that they match the rows of `normalised`.
fn rank_and_band(cities: &mut [CityScore], weights: &[f64], normalised: &[Vec<Option<f64>>]) {
    // The cities ranked at the reader's weights stay the ranked set in every draw.
    let ranked: Vec<usize> = (0..cities.len()).filter(|&c| cities[c].unranked.is_none()).collect();
    let scores: Vec<f64> = ranked.iter().filter_map(|&c| cities[c].score).collect();
    let ranks = score::competition_ranks(&scores);
    let rows: Vec<&[Option<f64>]> = ranked.iter().map(|&c| normalised[c].as_slice()).collect();
    let bands = bands::bands(weights, &rows, &ranks);
    for ((&c, &rank), band) in ranked.iter().zip(&ranks).zip(&bands) {
        let city = &mut cities[c];
        city.rank = Some(rank);
        city.rank_low = Some(band.low);
        city.rank_high = Some(band.high);
        city.p_first = band.p_first;
    }
}
