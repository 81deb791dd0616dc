//! How far each ranked city's rank moves when the weights are drawn around the reader's.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_distr::{Distribution, Gamma};

use super::score::{ranks_into, tie_key, weighted_score};
use super::{CONCENTRATION, MAX_CITIES, SAMPLES, SEED};

/// One ranked city's band and its share of the draws in first place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Band {
    /// The best rank of the band (the smallest number).
    pub low: u32,
    /// The worst rank of the band (the largest number).
    pub high: u32,
    pub p_first: f64,
}

/// A draw with k cities tied for first gives each 1/k of it. Counting in units of
/// lcm(1, …, 20) keeps every such share a whole number, so the shares add up exactly.
const SHARE_UNITS: u64 = 232_792_560;
const _: () = assert!(MAX_CITIES <= 20, "SHARE_UNITS must be divisible by every possible tie size");

/// The band of each ranked city: `rows` are their normalised values, `user_ranks` their
/// ranks at the reader's `weights`; the output matches `rows` index for index.
pub(super) fn bands(weights: &[f64], rows: &[&[Option<f64>]], user_ranks: &[u32]) -> Vec<Band> {
    let city_count = rows.len();
    if city_count == 0 {
        return Vec::new();
    }
    let samplers = weight_samplers(weights);
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut draw = vec![0.0; weights.len()];
    // rank_counts[city][rank]: how many draws put the city at that rank.
    let mut rank_counts = vec![vec![0_u32; city_count + 1]; city_count];
    let mut first_units = vec![0_u64; city_count];
    let (mut keys, mut ranks) = (Vec::with_capacity(city_count), Vec::with_capacity(city_count));
    for _ in 0..SAMPLES {
        for (metric, gamma) in &samplers {
            // A weight drawn as 0 (a tiny shape can underflow) would leave a city whose only
            // weighted figure it is without a score; the smallest normal number keeps it in.
            draw[*metric] = gamma.sample(&mut rng).max(f64::MIN_POSITIVE);
        }
        keys.clear();
        keys.extend(rows.iter().map(|row| {
            let score = weighted_score(&draw, row).expect("a ranked city has a figure of positive weight");
            tie_key(score)
        }));
        ranks_into(&keys, &mut ranks);
        let tied_first = ranks.iter().filter(|&&r| r == 1).count() as u64;
        for (city, &rank) in ranks.iter().enumerate() {
            rank_counts[city][rank as usize] += 1;
            if rank == 1 {
                first_units[city] += SHARE_UNITS / tied_first;
            }
        }
    }
    let all_units = (SHARE_UNITS * SAMPLES as u64) as f64;
    (0..city_count)
        .map(|city| Band {
            low: nearest_rank_percentile(&rank_counts[city], 5).min(user_ranks[city]),
            high: nearest_rank_percentile(&rank_counts[city], 95).max(user_ranks[city]),
            p_first: first_units[city] as f64 / all_units,
        })
        .collect()
}

/// A Gamma(κ·wᵢ/Σw, 1) sampler for each metric of positive weight, with the metric's index:
/// independent Gamma draws divided by their sum are a Dirichlet draw, and the scores are
/// ratios, so the division can be skipped. Metrics of weight 0 get no sampler and stay 0.
fn weight_samplers(weights: &[f64]) -> Vec<(usize, Gamma<f64>)> {
    let total: f64 = weights.iter().sum();
    weights
        .iter()
        .enumerate()
        .filter(|&(_, &w)| w > 0.0)
        .map(|(metric, &w)| {
            // A weight far below the others can make the shape underflow to 0, which Gamma
            // refuses; the smallest normal number stands in for it.
            let shape = (CONCENTRATION * w / total).max(f64::MIN_POSITIVE);
            (metric, Gamma::new(shape, 1.0).expect("a positive, finite shape and scale"))
        })
        .collect()
}

/// The smallest rank r such that at least `percent`% of the draws rank the city r or better
/// (the nearest-rank percentile: always a rank the city actually held).
fn nearest_rank_percentile(rank_counts: &[u32], percent: usize) -> u32 {
    let needed = (percent * SAMPLES).div_ceil(100) as u32;
    let mut seen = 0;
    for (rank, &count) in rank_counts.iter().enumerate() {
        seen += count;
        if seen >= needed {
            return rank as u32;
        }
    }
    (rank_counts.len() - 1) as u32
}
