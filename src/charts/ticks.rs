//! Axis ticks: where the labelled marks along an axis go. `nice_ticks` picks round steps
//! (1, 2, 2.5 or 5 × 10^k) for a linear axis, `log_ticks` powers of ten for a log axis and
//! `year_ticks` whole years for a time axis. Every set of ticks covers the data it was asked
//! for, so the first and last tick frame the plot.

use super::scale::ScaleError;

/// Tick values in increasing order and the distance between neighbours (for a log axis, the
/// ratio between successive powers of ten).
#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    pub values: Vec<f64>,
    pub step: f64,
}

/// Magnitudes beyond this are clamped: a step or tick past it could overflow to infinity.
const LIMIT: f64 = 1e300;

/// The smallest step considered, so `10^k` and its decimals stay well inside `f64`.
const MIN_STEP: f64 = 1e-290;

/// Steps are at least this fraction of the data's magnitude. Finer steps would be lost in
/// floating point (ticks at 1e12 + 0.001 cannot be told apart), and no axis needs to show
/// a variation of less than a millionth.
const MIN_RELATIVE_STEP: f64 = 1e-6;

/// The most ticks asked for (or, for years, allowed); a chart axis never needs more, and the
/// cap bounds the memory a careless caller can make us allocate.
const MAX_TICKS: usize = 1000;

/// Round ticks covering `min..=max` with about `target` intervals between them.
///
/// The step is the smallest of 1, 2, 2.5 or 5 × 10^k that gives at most `target` intervals
/// over the data, so there are between 2 and `target + 2` ticks (a `target` of 0 counts as 1).
/// The first tick is <= the smallest value and the last >= the largest. When the data has no
/// negative values neither do the ticks, as a count axis must not show them.
///
/// `min` and `max` may come in either order. A single value gets ticks around it (0 gets
/// `[0, 1]`). NaN and infinite inputs are gaps: the other end is used alone, and with
/// neither the result is `[0, 1]`. Magnitudes past 1e300 are clamped to it.
pub fn nice_ticks(min: f64, max: f64, target: usize) -> Ticks {
    let finite = |v: f64| v.is_finite().then(|| v.clamp(-LIMIT, LIMIT));
    let (lo, hi) = match (finite(min), finite(max)) {
        (Some(a), Some(b)) => (a.min(b), a.max(b)),
        (Some(a), None) | (None, Some(a)) => (a, a),
        (None, None) => (0.0, 0.0),
    };
    if lo == hi && lo == 0.0 {
        return Ticks { values: vec![0.0, 1.0], step: 1.0 };
    }
    // A single value gets a little room either side; 10% keeps a positive value's room
    // positive, so a count axis still starts at or above 0.
    let (lo, hi) = if lo == hi { (lo - lo.abs() * 0.1, hi + hi.abs() * 0.1) } else { (lo, hi) };

    let target = target.clamp(1, MAX_TICKS) as f64;
    let magnitude = lo.abs().max(hi.abs());
    let rough = ((hi - lo) / target).max(magnitude * MIN_RELATIVE_STEP).max(MIN_STEP);
    let (step, decimals) = nice_step(rough);
    let tick = |i: f64| clean(i * step, decimals);

    let mut first = (lo / step).floor();
    let mut last = (hi / step).ceil().max(first + 1.0);
    // Division and the snap to decimals each round; a tick that lands a hair inside the
    // data moves out one step so the ticks still cover it.
    if tick(first) > lo {
        first -= 1.0;
    }
    if tick(last) < hi {
        last += 1.0;
    }
    // The step keeps `last - first` at most target + 3; the cap only guards the cast.
    let intervals = ((last - first) as usize).min(MAX_TICKS + 4);
    Ticks { values: (0..=intervals).map(|j| tick(first + j as f64)).collect(), step }
}

/// The smallest nice step >= `rough` (which is positive and finite) and the decimals it
/// needs. Steps come from parsing `"2.5e-3"` so they are the closest `f64` to the decimal.
fn nice_step(rough: f64) -> (f64, usize) {
    // log10 may be off by one at exact powers of ten; trying the neighbouring decades too
    // means the comparison with `rough` decides, not the logarithm.
    let k = rough.log10().floor() as i32;
    (k - 1..=k + 2)
        .flat_map(|e| [("1", 0), ("2", 0), ("2.5", 1), ("5", 0)].map(|(m, extra)| (m, extra, e)))
        .map(|(m, extra, e)| {
            let step = format!("{m}e{e}").parse::<f64>().unwrap_or(f64::INFINITY);
            (step, (extra - e).max(0) as usize)
        })
        .find(|&(step, _)| step >= rough)
        .unwrap_or((rough, 17))
}

/// `v` rounded to `decimals` decimals, so `0.30000000000000004` reads `0.3` (and `-0` reads
/// `0`). Going through the decimal text rounds exactly, for any number of decimals.
fn clean(v: f64, decimals: usize) -> f64 {
    format!("{v:.decimals$}").parse::<f64>().unwrap_or(v) + 0.0
}

/// Ticks for a log10 axis: the powers of ten from one <= `min` to one >= `max`. When the data
/// spans fewer than two decades the 2× and 5× multiples between them are added, so there
/// are always at least three ticks. `step` is 10.
///
/// Zero, negative, NaN or infinite input is `Err(ScaleError::NonPositive)`; values are
/// clamped to 1e-300..=1e300.
pub fn log_ticks(min: f64, max: f64) -> Result<Ticks, ScaleError> {
    let positive = |v: f64| v > 0.0 && v.is_finite();
    if !positive(min) || !positive(max) {
        return Err(ScaleError::NonPositive);
    }
    let lo = min.min(max).clamp(1.0 / LIMIT, LIMIT);
    let hi = min.max(max).clamp(1.0 / LIMIT, LIMIT);
    let power = |mantissa: u32, e: i32| format!("{mantissa}e{e}").parse::<f64>().unwrap_or(1.0);

    let mut first = lo.log10().floor() as i32;
    let mut last = hi.log10().ceil() as i32;
    // As in `nice_step`, the comparison decides where log10 rounded the wrong way.
    if power(1, first) > lo {
        first -= 1;
    }
    if power(1, last) < hi {
        last += 1;
    }
    let last = last.max(first + 1);
    let multiples = hi / lo < 100.0;

    let mut values = Vec::new();
    for e in first..=last {
        values.push(power(1, e));
        if multiples && e < last {
            values.extend([power(2, e), power(5, e)]);
        }
    }
    Ok(Ticks { values, step: 10.0 })
}

/// Year ticks for a time axis: multiples of a step of 1, 2, 5, 10, 20, 25 or 50 years (then
/// 100, 200, 250, 500, …), the smallest step that gives at most `max_ticks` ticks, all within
/// `first..=last`.
///
/// The ends may come in either order. There is always at least one tick: `first` alone when
/// `first == last`, or when `max_ticks` is below 2 and no multiple of a wide enough step falls
/// in the range. `max_ticks` is capped at 1000.
pub fn year_ticks(first: i64, last: i64, max_ticks: usize) -> Vec<i64> {
    let (lo, hi) = (first.min(last), first.max(last));
    if lo == hi {
        return vec![lo];
    }
    // i128 so the full i64 range and its steps never overflow.
    let (lo_wide, hi_wide) = (i128::from(lo), i128::from(hi));
    let max_ticks = max_ticks.clamp(1, MAX_TICKS) as i128;
    let mut fallback = lo;
    for step in year_steps() {
        let from = lo_wide.div_euclid(step) + i128::from(lo_wide.rem_euclid(step) != 0);
        let to = hi_wide.div_euclid(step);
        let count = to - from + 1;
        if count <= 0 {
            break;
        }
        if count <= max_ticks {
            return (from..=to).filter_map(|k| i64::try_from(k * step).ok()).collect();
        }
        fallback = i64::try_from(from * step).unwrap_or(lo);
    }
    // Only reached with max_ticks < 2: one tick on the last step that had any.
    vec![fallback]
}

/// 1, 2, 5, 10, 20, 25, 50, then 1, 2, 2.5 and 5 × 10^k from 100 up. 10^30 is far past the
/// widest i64 range, where the search always stops.
fn year_steps() -> impl Iterator<Item = i128> {
    [1, 2, 5, 10, 20, 25, 50].into_iter().chain((2..=30).flat_map(|p| {
        let s = 10i128.pow(p);
        [s, 2 * s, 5 * s / 2, 5 * s]
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn values(min: f64, max: f64, target: usize) -> Vec<f64> {
        nice_ticks(min, max, target).values
    }

    #[test]
    fn round_steps_over_round_data() {
        let t = nice_ticks(0.0, 100.0, 5);
        assert_eq!(t.values, [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(t.step, 20.0);
        assert_eq!(values(0.0, 10.0, 4), [0.0, 2.5, 5.0, 7.5, 10.0]);
        assert_eq!(values(3.0, 97.0, 5), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
    }

    #[test]
    fn ticks_are_clean_decimals() {
        let t = values(0.1, 0.35, 5);
        assert_eq!(t, [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
        assert!(values(0.0, 0.9, 9).contains(&0.3));
        assert!(values(0.0, 0.9, 9).contains(&0.7));
    }

    #[test]
    fn a_single_value_gets_ticks_around_it() {
        let t = values(5.0, 5.0, 5);
        assert!(t[0] < 5.0 && 5.0 < t[t.len() - 1], "{t:?}");
        assert!(t[0] >= 0.0);
        assert_eq!(values(0.0, 0.0, 5), [0.0, 1.0]);
        let t = values(-3.0, -3.0, 5);
        assert!(t[0] < -3.0 && -3.0 < t[t.len() - 1], "{t:?}");
    }

    #[test]
    fn negative_and_reversed_data() {
        assert_eq!(values(-37.0, 12.0, 5), [-40.0, -30.0, -20.0, -10.0, 0.0, 10.0, 20.0]);
        assert_eq!(values(12.0, -37.0, 5), values(-37.0, 12.0, 5));
        assert_eq!(values(-100.0, -20.0, 4), [-100.0, -80.0, -60.0, -40.0, -20.0]);
    }

    #[test]
    fn tiny_and_huge_magnitudes() {
        assert_eq!(values(0.0, 3e-6, 3), [0.0, 1e-6, 2e-6, 3e-6]);
        assert_eq!(values(0.0, 2.1e13, 5), [0.0, 5e12, 1e13, 1.5e13, 2e13, 2.5e13]);
        let t = values(-f64::MAX, f64::MAX, 5);
        assert!(t.iter().all(|v| v.is_finite()));
    }

    #[test]
    fn gaps_in_the_input_are_ignored() {
        assert_eq!(values(f64::NAN, f64::NAN, 5), [0.0, 1.0]);
        assert_eq!(values(f64::NAN, f64::INFINITY, 5), [0.0, 1.0]);
        assert_eq!(values(f64::NAN, 5.0, 5), values(5.0, 5.0, 5));
        assert_eq!(values(0.0, 100.0, 0), [0.0, 100.0]);
    }

    #[test]
    fn log_ticks_are_powers_of_ten() {
        let t = log_ticks(3.0, 45_000.0).expect("positive");
        assert_eq!(t.values, [1.0, 10.0, 100.0, 1000.0, 10_000.0, 100_000.0]);
        assert_eq!(t.step, 10.0);
        assert_eq!(log_ticks(100.0, 1.0).expect("positive").values, [1.0, 10.0, 100.0]);
        assert_eq!(log_ticks(0.001, 0.5).expect("positive").values, [0.001, 0.01, 0.1, 1.0]);
    }

    #[test]
    fn narrow_log_ticks_add_two_and_five() {
        assert_eq!(log_ticks(3.0, 45.0).expect("positive").values, [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]);
        assert_eq!(log_ticks(100.0, 100.0).expect("positive").values, [100.0, 200.0, 500.0, 1000.0]);
        assert_eq!(log_ticks(0.2, 0.3).expect("positive").values, [0.1, 0.2, 0.5, 1.0]);
    }

    #[test]
    fn log_ticks_need_positive_values() {
        assert_eq!(log_ticks(0.0, 10.0), Err(ScaleError::NonPositive));
        assert_eq!(log_ticks(-1.0, 10.0), Err(ScaleError::NonPositive));
        assert_eq!(log_ticks(1.0, f64::NAN), Err(ScaleError::NonPositive));
        assert_eq!(log_ticks(1.0, f64::INFINITY), Err(ScaleError::NonPositive));
        assert!(log_ticks(f64::MIN_POSITIVE, f64::MAX).is_ok());
    }

    #[test]
    fn year_steps_grow_until_the_ticks_fit() {
        assert_eq!(year_ticks(2015, 2023, 10), (2015..=2023).collect::<Vec<_>>());
        assert_eq!(year_ticks(2015, 2023, 5), [2016, 2018, 2020, 2022]);
        assert_eq!(year_ticks(2001, 2024, 6), [2005, 2010, 2015, 2020]);
        assert_eq!(year_ticks(1950, 2024, 4), [1960, 1980, 2000, 2020]);
        assert_eq!(year_ticks(1900, 2024, 3), [1900, 1950, 2000]);
    }

    #[test]
    fn year_ticks_edge_cases() {
        assert_eq!(year_ticks(2020, 2020, 5), [2020]);
        assert_eq!(year_ticks(2023, 2015, 5), year_ticks(2015, 2023, 5));
        assert_eq!(year_ticks(2001, 2004, 1), [2002]);
        assert_eq!(year_ticks(2001, 2004, 0), [2002]);
        assert!(!year_ticks(i64::MIN, i64::MAX, 5).is_empty());
        assert!(year_ticks(i64::MIN, i64::MAX, usize::MAX).len() <= 1000);
    }

    /// Finite values from 1e-6 to 1e12 in size, of either sign, and exact zeros.
    fn data_value() -> impl Strategy<Value = f64> {
        prop_oneof![-1e12..1e12f64, (-1.0..1.0f64, -6i32..=12).prop_map(|(m, e)| m * 10f64.powi(e)), Just(0.0),]
    }

    proptest! {
        #[test]
        fn nice_ticks_cover_evenly_and_cleanly(a in data_value(), b in data_value(), target in 2usize..=10) {
            let (min, max) = (a.min(b), a.max(b));
            let t = nice_ticks(a, b, target);
            let v = &t.values;
            prop_assert!(v.len() >= 2 && v.len() <= 2 * target + 1, "{} ticks: {v:?}", v.len());
            prop_assert!(v.iter().all(|x| x.is_finite()));
            prop_assert!(v[0] <= min && v[v.len() - 1] >= max, "{v:?} does not cover {min}..{max}");
            prop_assert!(t.step > 0.0 && t.step.is_finite());
            for pair in v.windows(2) {
                prop_assert!(pair[0] < pair[1], "{v:?} not increasing");
                let gap = pair[1] - pair[0];
                prop_assert!((gap - t.step).abs() <= 1e-9 * t.step, "gap {gap} vs step {}", t.step);
            }
            if min >= 0.0 {
                prop_assert!(v[0] >= 0.0, "{v:?} negative for {min}..{max}");
            }
        }

        #[test]
        fn a_single_value_sits_inside_its_ticks(v in data_value(), target in 2usize..=10) {
            let t = nice_ticks(v, v, target).values;
            prop_assert!(t.len() >= 2 && t.len() <= 2 * target + 1, "{t:?}");
            prop_assert!(t[0] <= v && v <= t[t.len() - 1], "{t:?} does not cover {v}");
            if v >= 0.0 {
                prop_assert!(t[0] >= 0.0, "{t:?}");
            }
        }

        #[test]
        fn nice_ticks_never_fail_on_finite_input(a in any::<f64>(), b in any::<f64>(), target in 0usize..50) {
            let t = nice_ticks(a, b, target);
            prop_assert!(t.values.len() >= 2);
            prop_assert!(t.values.iter().all(|x| x.is_finite()));
            prop_assert!(t.step.is_finite() && t.step > 0.0);
        }

        #[test]
        fn log_ticks_cover_with_positive_ticks(a in -12.0..12.0f64, b in -12.0..12.0f64) {
            let (a, b) = (10f64.powf(a), 10f64.powf(b));
            let t = log_ticks(a, b).expect("positive input");
            let v = &t.values;
            prop_assert!(v.len() >= 3);
            prop_assert!(v[0] <= a.min(b) && v[v.len() - 1] >= a.max(b), "{v:?} does not cover {a}..{b}");
            prop_assert!(v.iter().all(|x| *x > 0.0 && x.is_finite()));
            prop_assert!(v.windows(2).all(|p| p[0] < p[1]));
        }

        #[test]
        fn log_ticks_reject_non_positive_min(min in -1e12..=0.0f64, max in -1e12..1e12f64) {
            prop_assert_eq!(log_ticks(min, max), Err(ScaleError::NonPositive));
        }

        #[test]
        fn year_ticks_fit_the_range(first in -3000i64..3000, len in 0i64..3000, max_ticks in 2usize..=20) {
            let last = first + len;
            let t = year_ticks(first, last, max_ticks);
            prop_assert!(!t.is_empty());
            prop_assert!(t.len() <= max_ticks, "{} ticks: {t:?}", t.len());
            prop_assert!(t.iter().all(|y| (first..=last).contains(y)), "{t:?} outside {first}..={last}");
            prop_assert!(t.windows(2).all(|p| p[0] < p[1]));
            if let [a, b, ..] = t[..] {
                let step = b - a;
                prop_assert!(year_steps().take(20).any(|s| s == i128::from(step)), "step {step}");
                prop_assert!(t.iter().all(|y| y % step == 0));
            }
        }
    }
}
