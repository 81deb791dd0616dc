//! The Equal Earth projection (Šavrič, Patterson and Jenny, 2018): an equal-area world
//! projection, so no region looks bigger than it is, with straight parallels.
//!
//! The land outlines in `data/geo/land-110m-equal-earth.txt` were projected by
//! `tools/map/build-land.mjs` with d3-geo's `geoEqualEarth().scale(738).translate([2000, 1000])`;
//! [`project`] is the same closed form with the same [`SCALE`] and [`TRANSLATE`], so a city
//! lands where the outlines put its coast. The test holds values that script printed.

/// Map units per radian of the unit projection, as passed to d3's `scale`.
pub const SCALE: f64 = 738.0;
/// Where longitude 0, latitude 0 lands, as passed to d3's `translate`. The whole sphere then
/// fits in x 2.5..3997.5 and y 27.8..1972.2, with y growing southwards as in SVG.
pub const TRANSLATE: (f64, f64) = (2000.0, 1000.0);

/// The projected sphere's extent in map units: what the map can ever show.
pub const WORLD: Bounds = Bounds { x0: 2.5, y0: 27.7, x1: 3997.5, y1: 1972.3 };

/// An axis-aligned box in map units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Bounds {
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
/// √3 / 2: the parametric latitude θ is defined by sin θ = M sin φ.
const M: f64 = 0.866_025_403_784_438_6;

/// The unit Equal Earth projection of (longitude, latitude) in radians, y growing northwards.
fn equal_earth_raw(lambda: f64, phi: f64) -> (f64, f64) {
    let theta = (M * phi.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lambda * theta.cos() / (M * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// Map units (x east, y south) of a point given in degrees; `None` for coordinates that are
/// not on the globe (NaN, infinite, latitude beyond ±90 or longitude beyond ±180).
pub fn project(lat: f64, lon: f64) -> Option<(f64, f64)> {
    if !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0) {
        return None;
    }
    let (x, y) = equal_earth_raw(lon.to_radians(), lat.to_radians());
    Some((TRANSLATE.0 + SCALE * x, TRANSLATE.1 - SCALE * y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// (lat, lon, x, y) as printed by `node tools/map/build-land.mjs` (d3-geo 3.1.2).
    const D3: [(f64, f64, f64, f64); 7] = [
        (0.0, 0.0, 2000.000000000, 1000.000000000),
        (38.914, 121.6147, 3204.171703612, 442.425859345),
        (37.3875, -122.0575, 780.456309853, 462.447539917),
        (-23.5505, -46.6333, 1503.218495345, 1346.847109052),
        (90.0, 180.0, 3183.448422434, 27.786283742),
        (-60.0, -180.0, 495.173655372, 1803.166016603),
        (35.6762, 139.6503, 3408.869044066, 485.168264112),
    ];

    #[test]
    fn matches_d3_geo_equal_earth() {
        for (lat, lon, x, y) in D3 {
            let (px, py) = project(lat, lon).unwrap();
            assert!((px - x).abs() < 1e-6 && (py - y).abs() < 1e-6, "({lat}, {lon}): ({px}, {py}) vs ({x}, {y})");
        }
    }

    #[test]
    fn off_globe_coordinates_are_refused() {
        for (lat, lon) in [(f64::NAN, 0.0), (0.0, f64::INFINITY), (90.5, 0.0), (0.0, -180.1)] {
            assert_eq!(project(lat, lon), None);
        }
    }

    proptest! {
        #[test]
        fn every_point_lies_in_the_world(lat in -90.0..=90.0f64, lon in -180.0..=180.0f64) {
            let (x, y) = project(lat, lon).unwrap();
            prop_assert!((WORLD.x0..=WORLD.x1).contains(&x) && (WORLD.y0..=WORLD.y1).contains(&y), "{x} {y}");
        }

        #[test]
        fn north_is_up_and_east_is_right(lat in -89.0..89.0f64, lon in -179.0..179.0f64) {
            let (x, y) = project(lat, lon).unwrap();
            let (xe, _) = project(lat, lon + 1.0).unwrap();
            let (_, yn) = project(lat + 1.0, lon).unwrap();
            prop_assert!(xe > x && yn < y);
        }
    }
}
