//! A city's score and coverage from its normalised values, and ranks from scores.

/// Σ wᵢ·nᵢ / Σ wᵢ over the metrics the city has; `None` when none of them weighs anything.
pub(super) fn weighted_score(weights: &[f64], normalised: &[Option<f64>]) -> Option<f64> {
    let (mut weighted_sum, mut weight_sum) = (0.0, 0.0);
    for (w, n) in weights.iter().zip(normalised) {
        if let Some(n) = n {
            weighted_sum += w * n;
            weight_sum += w;
        }
    }
    // Each wᵢ·nᵢ ≤ wᵢ survives rounding, so the ratio never exceeds 1.
    (weight_sum > 0.0).then(|| weighted_sum / weight_sum)
}

/// Σ wᵢ over the metrics the city has (its coverage once divided by the total weight). The
/// sum runs in the same order as the total, so a city with every figure covers exactly 1.
pub(super) fn covered_weight(weights: &[f64], normalised: &[Option<f64>]) -> f64 {
    weights.iter().zip(normalised).filter(|(_, n)| n.is_some()).map(|(w, _)| w).sum()
}

/// Scores to 12 decimal places, as whole numbers: scores that differ only in the last bits
/// of a float (the same mean summed in another order) tie, and ties stay transitive.
pub(super) fn tie_key(score: f64) -> i64 {
    (score * 1e12).round() as i64
}

/// Competition ranks (1, 1, 3), highest score first; index for index with `scores`.
pub(super) fn competition_ranks(scores: &[f64]) -> Vec<u32> {
    let keys: Vec<i64> = scores.iter().map(|&s| tie_key(s)).collect();
    let mut ranks = Vec::with_capacity(keys.len());
    ranks_into(&keys, &mut ranks);
    ranks
}

/// As `competition_ranks`, for keys already made, into a buffer the caller reuses.
pub(super) fn ranks_into(keys: &[i64], ranks: &mut Vec<u32>) {
    ranks.clear();
    // At most 20 cities: counting the better ones is quicker than sorting.
    ranks.extend(keys.iter().map(|&k| 1 + keys.iter().filter(|&&other| other > k).count() as u32));
}
