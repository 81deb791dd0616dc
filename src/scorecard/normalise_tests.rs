//! Each normalisation, with its edge cases: all equal, one city, ties, missing figures.

use super::normalise::{normalise, standard_normal_cdf};
use super::*;
use crate::metric::Direction::{HigherIsBetter, LowerIsBetter, Neutral};

fn some(values: &[f64]) -> Vec<Option<f64>> {
    values.iter().copied().map(Some).collect()
}

fn close(actual: &[Option<f64>], expected: &[Option<f64>]) -> bool {
    actual.len() == expected.len()
        && actual.iter().zip(expected).all(|(a, e)| match (a, e) {
            (Some(a), Some(e)) => (a - e).abs() < 1e-12,
            (None, None) => true,
            _ => false,
        })
}

#[test]
fn minmax_puts_the_best_at_1_and_the_worst_at_0() {
    let values = some(&[10.0, 30.0, 20.0, 15.0]);
    assert_eq!(normalise(&values, HigherIsBetter, Norm::MinMax), some(&[0.0, 1.0, 0.5, 0.25]));
    assert_eq!(normalise(&values, LowerIsBetter, Norm::MinMax), some(&[1.0, 0.0, 0.5, 0.75]));
    // Ties share a value; the missing stay missing and do not count for the range.
    let values = [Some(2.0), None, Some(6.0), Some(2.0)];
    assert_eq!(normalise(&values, HigherIsBetter, Norm::MinMax), [Some(0.0), None, Some(1.0), Some(0.0)]);
}

#[test]
fn every_norm_gives_1_when_all_are_equal_or_only_one_city_has_the_figure() {
    for norm in [Norm::MinMax, Norm::ZScore, Norm::Rank] {
        for direction in [HigherIsBetter, LowerIsBetter] {
            let equal = [Some(7.0), None, Some(7.0), Some(7.0)];
            assert_eq!(normalise(&equal, direction, norm), [Some(1.0), None, Some(1.0), Some(1.0)], "{norm:?}");
            let one = [None, Some(-3.0), None];
            assert_eq!(normalise(&one, direction, norm), [None, Some(1.0), None], "{norm:?}");
            assert_eq!(normalise(&[Some(0.0), Some(-0.0)], direction, norm), some(&[1.0, 1.0]));
        }
    }
}

#[test]
fn nothing_to_normalise_gives_nothing() {
    for norm in [Norm::MinMax, Norm::ZScore, Norm::Rank] {
        assert_eq!(normalise(&[None, None], HigherIsBetter, norm), [None, None]);
        // A metric with no direction is shown, never normalised.
        assert_eq!(normalise(&some(&[1.0, 2.0]), Neutral, norm), [None, None]);
    }
}

#[test]
fn zscore_is_the_normal_probability_of_the_z_score() {
    assert_eq!(standard_normal_cdf(0.0), 0.5);
    assert!((standard_normal_cdf(1.959_963_984_540_054) - 0.975).abs() < 1e-15);
    assert!((standard_normal_cdf(-1.0) - 0.158_655_253_931_457_05).abs() < 1e-15);
    assert!(standard_normal_cdf(-40.0) >= 0.0 && standard_normal_cdf(40.0) == 1.0);
    // Two cities are one population standard deviation either side of their mean.
    let (low, high) = (standard_normal_cdf(-1.0), standard_normal_cdf(1.0));
    let two = some(&[4.0, 8.0]);
    assert!(close(&normalise(&two, HigherIsBetter, Norm::ZScore), &some(&[low, high])));
    assert!(close(&normalise(&two, LowerIsBetter, Norm::ZScore), &some(&[high, low])));
    // 10, 20, 30: mean 20, sd √(200/3); the middle city is at the mean.
    let z = 10.0 / (200.0_f64 / 3.0).sqrt();
    let three = [Some(10.0), None, Some(30.0), Some(20.0)];
    let expected = [Some(standard_normal_cdf(-z)), None, Some(standard_normal_cdf(z)), Some(0.5)];
    assert!(close(&normalise(&three, HigherIsBetter, Norm::ZScore), &expected));
}

#[test]
fn zscore_shares_ties_and_survives_figures_near_the_ends_of_f64() {
    let tied = normalise(&some(&[5.0, 5.0, 1.0]), HigherIsBetter, Norm::ZScore);
    assert_eq!(tied[0], tied[1]);
    assert!(tied[0] > Some(0.5) && tied[2] < Some(0.5));
    let huge = normalise(&some(&[f64::MAX, -f64::MAX]), HigherIsBetter, Norm::ZScore);
    assert!(close(&huge, &some(&[standard_normal_cdf(1.0), standard_normal_cdf(-1.0)])), "{huge:?}");
    let huge = normalise(&some(&[f64::MAX, -f64::MAX, 0.0]), HigherIsBetter, Norm::MinMax);
    assert_eq!(huge, some(&[1.0, 0.0, 0.5]));
}

#[test]
fn rank_spaces_cities_evenly_and_ties_share_the_mean_place() {
    let values = some(&[1.0, 4.0, 2.0, 3.0]);
    let thirds = some(&[0.0, 1.0, 1.0 / 3.0, 2.0 / 3.0]);
    assert!(close(&normalise(&values, HigherIsBetter, Norm::Rank), &thirds));
    let flipped = some(&[1.0, 0.0, 2.0 / 3.0, 1.0 / 3.0]);
    assert!(close(&normalise(&values, LowerIsBetter, Norm::Rank), &flipped));
    // Tied for first: places 0 and 1 of 0..2, so both 1 − 0.5/2.
    assert_eq!(normalise(&some(&[5.0, 5.0, 3.0]), HigherIsBetter, Norm::Rank), some(&[0.75, 0.75, 0.0]));
    assert_eq!(normalise(&some(&[5.0, 3.0, 3.0]), HigherIsBetter, Norm::Rank), some(&[1.0, 0.25, 0.25]));
    // Rank ignores distances: an outlier changes nothing.
    let outlier = normalise(&[Some(1e9), None, Some(2.0), Some(1.0)], HigherIsBetter, Norm::Rank);
    assert_eq!(outlier, [Some(1.0), None, Some(0.5), Some(0.0)]);
}
