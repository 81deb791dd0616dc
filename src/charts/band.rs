//! Band scales: a range split into equal steps, one per bar or group of bars.

use super::scale::pixel;

/// Splits a range into `count` equal steps, one band per bar, each with `padding` (a
/// fraction of the step) left empty, half on either side so bars sit centred in their step.
/// Band 0 is at `range.0`, so an inverted range lays bands out backwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandScale {
    count: usize,
    origin: f64,
    /// Signed: negative when the range runs backwards.
    step: f64,
    padding: f64,
}

impl BandScale {
    /// `padding` is clamped to 0..=1 (NaN counts as 0). A count of 0 gives an empty scale
    /// whose bands have zero width.
    pub fn new(count: usize, range: (f64, f64), padding: f64) -> BandScale {
        let (r0, r1) = (pixel(range.0), pixel(range.1));
        let padding = if padding.is_nan() { 0.0 } else { padding.clamp(0.0, 1.0) };
        let step = if count == 0 { 0.0 } else { (r1 - r0) / count as f64 };
        BandScale { count, origin: r0, step, padding }
    }

    /// The number of bands.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The lower pixel edge of band `i` (what an SVG `rect` takes as `x` or `y`). Indices past
    /// the last band continue the pattern rather than panic.
    pub fn start(&self, i: usize) -> f64 {
        let a = self.origin + i as f64 * self.step;
        let lower = a.min(a + self.step);
        lower + self.step.abs() * self.padding / 2.0
    }

    /// The width every band shares.
    pub fn width(&self) -> f64 {
        self.step.abs() * (1.0 - self.padding)
    }

    /// The middle of band `i`, where its label goes.
    pub fn center(&self, i: usize) -> f64 {
        self.start(i) + self.width() / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    fn pixel_range() -> impl Strategy<Value = (f64, f64)> {
        (-1e6..1e6f64, -1e6..1e6f64)
    }

    #[test]
    fn bands_split_the_range_with_padding() {
        let b = BandScale::new(4, (0.0, 400.0), 0.2);
        assert_eq!(b.count(), 4);
        assert!(close(b.width(), 80.0));
        assert!(close(b.start(0), 10.0));
        assert!(close(b.start(3), 310.0));
        assert!(close(b.center(1), 150.0));
    }

    #[test]
    fn inverted_bands_start_at_the_first_end() {
        let b = BandScale::new(2, (200.0, 0.0), 0.0);
        assert_eq!(b.start(0), 100.0);
        assert_eq!(b.start(1), 0.0);
        assert_eq!(b.width(), 100.0);
    }

    #[test]
    fn odd_band_inputs_do_not_panic() {
        let empty = BandScale::new(0, (0.0, 100.0), 0.1);
        assert_eq!(empty.width(), 0.0);
        assert!(empty.start(3).is_finite());
        assert_eq!(BandScale::new(2, (0.0, 100.0), 7.0).width(), 0.0);
        assert_eq!(BandScale::new(2, (0.0, 100.0), -1.0).width(), 50.0);
        assert_eq!(BandScale::new(2, (0.0, 100.0), f64::NAN).width(), 50.0);
    }

    proptest! {
        #[test]
        fn bands_do_not_overlap_and_stay_inside(
            count in 0usize..200,
            range in pixel_range(),
            padding in -0.5..1.5f64,
        ) {
            let b = BandScale::new(count, range, padding);
            let (lo, hi) = (range.0.min(range.1), range.0.max(range.1));
            let slack = 1e-9 * lo.abs().max(hi.abs()).max(1.0);
            prop_assert!(b.width() >= 0.0);
            let mut bands: Vec<(f64, f64)> = (0..count).map(|i| (b.start(i), b.start(i) + b.width())).collect();
            bands.sort_by(|x, y| x.0.total_cmp(&y.0));
            for &(start, end) in &bands {
                prop_assert!(start >= lo - slack && end <= hi + slack, "{start}..{end} outside {lo}..{hi}");
            }
            for pair in bands.windows(2) {
                prop_assert!(pair[0].1 <= pair[1].0 + slack, "{:?} overlaps {:?}", pair[0], pair[1]);
            }
            for i in 0..count {
                prop_assert!(close(b.center(i), b.start(i) + b.width() / 2.0));
            }
        }

    }
}
