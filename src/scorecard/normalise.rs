//! Puts each metric's figures on a 0 to 1 scale, 1 being best, over the cities that have one.

use super::{Input, Norm};
use crate::metric::Direction;

/// The normalised value of every city (rows) for every metric (columns), `None` where the
/// city has no figure or the metric has no direction.
pub(super) fn table(input: &Input, norm: Norm) -> Vec<Vec<Option<f64>>> {
    let mut rows = vec![vec![None; input.metrics.len()]; input.cities.len()];
    for (m, metric) in input.metrics.iter().enumerate() {
        let column: Vec<Option<f64>> = input.cities.iter().map(|c| c.values[m]).collect();
        for (row, value) in rows.iter_mut().zip(normalise(&column, metric.direction, norm)) {
            row[m] = value;
        }
    }
    rows
}

/// One metric's figures, normalised; the output matches `values` index for index.
pub(super) fn normalise(values: &[Option<f64>], direction: Direction, norm: Norm) -> Vec<Option<f64>> {
    // Turning the sign makes lower-is-better a case of higher-is-better; negation is exact, so
    // (max − v) / (max − min) comes out to the bit as it would written out.
    let sign = match direction {
        Direction::HigherIsBetter => 1.0,
        Direction::LowerIsBetter => -1.0,
        Direction::Neutral => return vec![None; values.len()],
    };
    let present: Vec<f64> = values.iter().flatten().map(|v| sign * v).collect();
    let Some((min, max)) = bounds(&present) else {
        return vec![None; values.len()];
    };
    let scaled: Vec<f64> = if min == max {
        // Nothing tells the cities apart (or only one has the figure): none of them loses.
        vec![1.0; present.len()]
    } else {
        match norm {
            Norm::MinMax => min_max(&present, min, max),
            Norm::ZScore => z_score(&present),
            Norm::Rank => by_rank(&present),
        }
    };
    let mut scaled = scaled.into_iter();
    values.iter().map(|v| v.and_then(|_| scaled.next())).collect()
}

fn bounds(values: &[f64]) -> Option<(f64, f64)> {
    let first = *values.first()?;
    Some(values.iter().fold((first, first), |(lo, hi), &v| (lo.min(v), hi.max(v))))
}

fn min_max(values: &[f64], min: f64, max: f64) -> Vec<f64> {
    let range = max - min;
    if range.is_finite() {
        // Rounding is monotonic, so v − min never exceeds max − min: the result stays in 0..1.
        values.iter().map(|v| (v - min) / range).collect()
    } else {
        // Figures near the ends of f64 overflow the difference; halves of them do not.
        let half_range = max / 2.0 - min / 2.0;
        values.iter().map(|v| (v / 2.0 - min / 2.0) / half_range).collect()
    }
}

/// Φ((v − mean) / sd), with the population standard deviation.
fn z_score(values: &[f64]) -> Vec<f64> {
    // z-scores do not change when every figure is divided by the same number; dividing by the
    // largest magnitude keeps the sums of squares far from overflow whatever the unit.
    let scale = values.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    let scaled: Vec<f64> = values.iter().map(|v| v / scale).collect();
    let count = scaled.len() as f64;
    let mean = scaled.iter().sum::<f64>() / count;
    let variance = scaled.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / count;
    let sd = variance.sqrt();
    if sd == 0.0 {
        // Figures so close that dividing them made them equal: as good as all equal.
        return vec![1.0; values.len()];
    }
    scaled.iter().map(|v| standard_normal_cdf((v - mean) / sd)).collect()
}

/// Φ(z) = erfc(−z/√2) / 2; the complementary form keeps its accuracy far below the mean.
pub(super) fn standard_normal_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

/// 1 for the best, 0 for the worst, evenly spaced; ties get the mean of the places they hold.
fn by_rank(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    let last_place = (values.len() - 1) as f64;
    let mut out = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        // `==`, not `total_cmp`, so that 0 and −0 (a turned 0) are one tie.
        let tied = order[start..].iter().take_while(|&&i| values[i] == values[order[start]]).count();
        let mean_place = start as f64 + (tied - 1) as f64 / 2.0;
        for &i in &order[start..start + tied] {
            out[i] = 1.0 - mean_place / last_place;
        }
        start += tied;
    }
    out
}
