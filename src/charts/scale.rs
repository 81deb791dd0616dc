//! Scales: functions from data values to pixel positions. `LinearScale` and `LogScale` place
//! values along an axis, and `Scale` lets chart code hold either kind of axis (`band` lays out
//! the equal slots of a bar chart).
//!
//! Ranges are pixel positions and may run backwards, as an SVG y axis does (`(300.0, 0.0)`:
//! larger values higher up) or a rank axis where 1 is best and drawn at the top. No scale panics
//! or returns NaN: a NaN value is placed at the start of the range, so a stray gap in the data
//! draws on the axis instead of writing `NaN` into the SVG.

use std::fmt;

/// Why a scale could not be built from the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleError {
    /// A log scale was given zero, a negative or a non-finite value.
    NonPositive,
    /// There were no (finite) values to fit a scale to.
    Empty,
}

impl fmt::Display for ScaleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ScaleError::NonPositive => "a log scale needs positive values",
            ScaleError::Empty => "no values to scale",
        })
    }
}

impl std::error::Error for ScaleError {}

/// Pixel positions beyond this are of no use to an SVG and would risk overflowing arithmetic.
const MAX_PIXEL: f64 = 1e300;

/// A pixel position made safe to compute with: non-finite counts as 0, huge is clamped.
pub(super) fn pixel(p: f64) -> f64 {
    if p.is_finite() { p.clamp(-MAX_PIXEL, MAX_PIXEL) } else { 0.0 }
}

/// Maps a value linearly from a domain onto a range: `domain.0` lands on `range.0` and
/// `domain.1` on `range.1`; values outside the domain extrapolate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    domain: (f64, f64),
    range: (f64, f64),
}

impl LinearScale {
    /// A zero-width or non-finite domain is allowed: every value then maps to the middle of
    /// the range, which is where a chart of one repeated value wants it.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> LinearScale {
        LinearScale { domain, range: (pixel(range.0), pixel(range.1)) }
    }

    /// The pixel position of `v`; NaN maps to the start of the range.
    pub fn map(&self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if v.is_nan() || r0 == r1 {
            return r0;
        }
        // Halving first keeps `v - d0` and `d1 - d0` finite for any finite input (a domain
        // of ±1e308 would overflow); the factor cancels and halving is exact.
        let width = d1 * 0.5 - d0 * 0.5;
        if width == 0.0 || !width.is_finite() {
            return r0 * 0.5 + r1 * 0.5;
        }
        let t = (v * 0.5 - d0 * 0.5) / width;
        // An infinite or far-out value extrapolates to infinity; clamp it to a finite pixel.
        (r0 + t * (r1 - r0)).clamp(-f64::MAX, f64::MAX)
    }

    /// The domain as given.
    pub fn domain(&self) -> (f64, f64) {
        self.domain
    }

    /// The range, after non-finite ends were replaced by 0.
    pub fn range(&self) -> (f64, f64) {
        self.range
    }
}

/// Maps positive values by their logarithm, so each power of ten gets the same room. For
/// figures spanning orders of magnitude (a city of 2 million beside one of 20 million).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogScale {
    domain: (f64, f64),
    logs: LinearScale,
}

impl LogScale {
    /// Fails with `NonPositive` unless both domain ends are positive and finite.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Result<LogScale, ScaleError> {
        let positive = |v: f64| v > 0.0 && v.is_finite();
        if !positive(domain.0) || !positive(domain.1) {
            return Err(ScaleError::NonPositive);
        }
        Ok(LogScale { domain, logs: LinearScale::new((domain.0.log10(), domain.1.log10()), range) })
    }

    /// The pixel position of `v`. A log axis has no place for zero, negatives or NaN; they
    /// map to the start of the range (the axis line) rather than to infinity.
    pub fn map(&self, v: f64) -> f64 {
        if v > 0.0 { self.logs.map(v.log10()) } else { self.logs.range().0 }
    }

    /// The domain as given.
    pub fn domain(&self) -> (f64, f64) {
        self.domain
    }

    /// The range, after non-finite ends were replaced by 0.
    pub fn range(&self) -> (f64, f64) {
        self.logs.range()
    }
}

/// Either kind of continuous axis, so chart code can switch between linear and log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    Linear(LinearScale),
    Log(LogScale),
}

impl Scale {
    /// The pixel position of `v` on whichever scale this is.
    pub fn map(&self, v: f64) -> f64 {
        match self {
            Scale::Linear(s) => s.map(v),
            Scale::Log(s) => s.map(v),
        }
    }

    /// The range of the underlying scale.
    pub fn range(&self) -> (f64, f64) {
        match self {
            Scale::Linear(s) => s.range(),
            Scale::Log(s) => s.range(),
        }
    }
}

/// The smallest and largest finite value, or `None` when there is none (NaN and infinities
/// are gaps in the data, not values).
pub fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values.into_iter().filter(|v| v.is_finite()).fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn linear_maps_the_domain_onto_the_range() {
        let s = LinearScale::new((0.0, 100.0), (0.0, 500.0));
        assert_eq!(s.map(0.0), 0.0);
        assert_eq!(s.map(50.0), 250.0);
        assert_eq!(s.map(100.0), 500.0);
        assert_eq!(s.map(150.0), 750.0);
        assert_eq!(s.domain(), (0.0, 100.0));
        assert_eq!(s.range(), (0.0, 500.0));
    }

    #[test]
    fn an_svg_y_axis_runs_upwards() {
        let y = LinearScale::new((0.0, 10.0), (300.0, 0.0));
        assert_eq!(y.map(0.0), 300.0);
        assert_eq!(y.map(10.0), 0.0);
        assert!(y.map(7.0) < y.map(3.0));
    }

    #[test]
    fn rank_one_is_drawn_at_the_top() {
        // Rank 1 (best) at y = 0, rank 20 at the bottom.
        let y = LinearScale::new((1.0, 20.0), (0.0, 200.0));
        assert_eq!(y.map(1.0), 0.0);
        assert_eq!(y.map(20.0), 200.0);
    }

    #[test]
    fn a_zero_width_domain_maps_to_the_middle() {
        let s = LinearScale::new((5.0, 5.0), (0.0, 300.0));
        assert_eq!(s.map(5.0), 150.0);
        assert_eq!(s.map(-1e9), 150.0);
        let s = LinearScale::new((f64::NAN, 1.0), (100.0, 0.0));
        assert_eq!(s.map(1.0), 50.0);
    }

    #[test]
    fn nan_and_infinities_stay_finite() {
        let s = LinearScale::new((0.0, 10.0), (0.0, 100.0));
        assert_eq!(s.map(f64::NAN), 0.0);
        assert!(s.map(f64::INFINITY).is_finite());
        assert!(s.map(f64::NEG_INFINITY).is_finite());
        let huge = LinearScale::new((-f64::MAX, f64::MAX), (0.0, 100.0));
        assert!(close(huge.map(0.0), 50.0));
        let bad_range = LinearScale::new((0.0, 1.0), (f64::NAN, 10.0));
        assert_eq!(bad_range.range(), (0.0, 10.0));
    }

    #[test]
    fn log_scale_gives_each_decade_the_same_room() {
        let s = LogScale::new((1.0, 1000.0), (0.0, 300.0)).expect("positive domain");
        assert_eq!(s.map(1.0), 0.0);
        assert!(close(s.map(10.0), 100.0));
        assert!(close(s.map(100.0), 200.0));
        assert!(close(s.map(1000.0), 300.0));
        assert_eq!(s.map(0.0), 0.0);
        assert_eq!(s.map(-5.0), 0.0);
        assert_eq!(s.map(f64::NAN), 0.0);
        assert_eq!(s.domain(), (1.0, 1000.0));
    }

    #[test]
    fn log_scale_rejects_non_positive_domains() {
        assert_eq!(LogScale::new((0.0, 10.0), (0.0, 1.0)), Err(ScaleError::NonPositive));
        assert_eq!(LogScale::new((1.0, -10.0), (0.0, 1.0)), Err(ScaleError::NonPositive));
        assert_eq!(LogScale::new((1.0, f64::INFINITY), (0.0, 1.0)), Err(ScaleError::NonPositive));
        assert_eq!(LogScale::new((f64::NAN, 1.0), (0.0, 1.0)), Err(ScaleError::NonPositive));
        assert_eq!(ScaleError::NonPositive.to_string(), "a log scale needs positive values");
        assert_eq!(ScaleError::Empty.to_string(), "no values to scale");
    }

    #[test]
    fn scale_dispatches_to_either_kind() {
        let linear = Scale::Linear(LinearScale::new((0.0, 10.0), (0.0, 100.0)));
        let log = Scale::Log(LogScale::new((1.0, 100.0), (0.0, 100.0)).expect("positive domain"));
        assert_eq!(linear.map(5.0), 50.0);
        assert!(close(log.map(10.0), 50.0));
        assert_eq!(log.range(), (0.0, 100.0));
    }

    #[test]
    fn extent_ignores_gaps() {
        assert_eq!(extent([3.0, f64::NAN, -2.0, f64::INFINITY, 7.5]), Some((-2.0, 7.5)));
        assert_eq!(extent([4.0]), Some((4.0, 4.0)));
        assert_eq!(extent([f64::NAN]), None);
        assert_eq!(extent(Vec::new()), None);
    }

    fn pixel_range() -> impl Strategy<Value = (f64, f64)> {
        (-1e6..1e6f64, -1e6..1e6f64)
    }

    proptest! {
        #[test]
        fn linear_is_monotonic_and_hits_the_ends(
            d0 in -1e12..1e12f64,
            width in 1e-6..1e12f64,
            range in pixel_range(),
            a in -1e13..1e13f64,
            b in -1e13..1e13f64,
        ) {
            let d1 = d0 + width;
            // A width below the precision of d0 rounds away to a zero-width domain.
            prop_assume!(d1 != d0);
            let s = LinearScale::new((d0, d1), range);
            prop_assert!(close(s.map(d0), range.0));
            prop_assert!(close(s.map(d1), range.1));
            let (lo, hi) = (a.min(b), a.max(b));
            if range.0 <= range.1 {
                prop_assert!(s.map(lo) <= s.map(hi));
            } else {
                prop_assert!(s.map(lo) >= s.map(hi));
            }
            prop_assert!(s.map(a).is_finite());
        }

        #[test]
        fn log_is_monotonic_and_hits_the_ends(
            e0 in -12.0..12.0f64,
            decades in 0.01..12.0f64,
            range in pixel_range(),
            a in -12.0..12.0f64,
            b in -12.0..12.0f64,
        ) {
            let (d0, d1) = (10f64.powf(e0), 10f64.powf(e0 + decades));
            let s = LogScale::new((d0, d1), range).expect("positive domain");
            let tolerance = 1e-9 * range.0.abs().max(range.1.abs()).max(1.0);
            prop_assert!((s.map(d0) - range.0).abs() <= tolerance);
            prop_assert!((s.map(d1) - range.1).abs() <= tolerance);
            let (lo, hi) = (10f64.powf(a.min(b)), 10f64.powf(a.max(b)));
            if range.0 <= range.1 {
                prop_assert!(s.map(lo) <= s.map(hi));
            } else {
                prop_assert!(s.map(lo) >= s.map(hi));
            }
        }

        #[test]
        fn extent_is_the_finite_min_and_max(values in prop::collection::vec(any::<f64>(), 0..20)) {
            let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
            match extent(values) {
                None => prop_assert!(finite.is_empty()),
                Some((lo, hi)) => {
                    prop_assert!(finite.iter().all(|&v| lo <= v && v <= hi));
                    prop_assert!(finite.contains(&lo) && finite.contains(&hi));
                }
            }
        }
    }
}
