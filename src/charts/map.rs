//! A world map of cities for `templates/charts/map.svg`: land outlines, one linked marker per
//! city, names placed so they overlap nothing, laid out for the width it will be shown at.
//!
//! Map units are those of `data/geo/land-110m-equal-earth.txt` (Equal Earth, see
//! `projection.rs`). A map is laid out for one display width (`width_px`, CSS pixels): font
//! size, marker sizes and gaps are computed in map units so that, drawn at that width, text is
//! [`FONT_PX`] px. A page that shows the map at two widths (wide and narrow screens) lays it out
//! twice and lets CSS show one.
//!
//! Rendering, with a template struct like the other charts':
//!
//! ```text
//! #[derive(askama::Template)]
//! #[template(path = "charts/map.svg")]
//! struct MapSvg<'a> { chart: &'a WorldMap, variant: &'static str }
//! ```
//!
//! Each map carries the land path (about 17 KB, 7 KB gzipped) unless [`WorldMap::share_land`] is called;
//! then it draws `<use href="#ID"/>`, and the page must hold the path once, rendered from
//! `templates/charts/map-land.svg` with a struct `{ id: &str, land: &str }` given
//! [`LAND_PATH`]. That SVG is hidden by the `map-defs` class (not `display: none`, which would
//! keep some browsers from drawing what refers to it).

use super::layout::{and_list, r, sentence_with_notes};
use super::point_labels::{Circle, Sizes, place_labels, place_labels_first};
use super::projection::{Bounds, project};
use super::text::{text_width, truncate_to_width};

/// The land outlines: Natural Earth 1:110m, Equal Earth, as one SVG path (`data/geo/README.md`).
pub const LAND_PATH: &str = include_str!("../../data/geo/land-110m-equal-earth.txt").trim_ascii();

/// Every outline of [`LAND_PATH`] lies in this box (the script prints it), a little widened:
/// the whole-world view, and the area a closer view stays in.
pub const LAND: Bounds = Bounds { x0: 30.0, y0: 27.7, x1: 3970.0, y1: 1770.0 };

/// Size of the names, in CSS pixels at the width the map is laid out for.
pub const FONT_PX: f64 = 12.0;
/// Plain markers: a hollow circle. Highlighted ones: a filled dot inside a ring.
const PLAIN_R_PX: f64 = 4.0;
const DOT_R_PX: f64 = 3.5;
const RING_R_PX: f64 = 7.0;
/// Stroke of the circles and of the halo round each letter (`static/css/app.css`: 0.125em
/// and 0.25em of the 12 px font).
const STROKE_PX: f64 = 1.5;
const HALO_PX: f64 = 3.0;
/// Space between a marker and its name.
const GAP_PX: f64 = 2.0;
/// The narrowest view, in degrees of longitude at the equator: one city is shown with its region.
const REGION_DEG: f64 = 60.0;
/// Width over height: never flatter than the whole world, never taller than these.
const FLATTEST: f64 = 2.3;
const TALLEST_WIDE: f64 = 1.6;
const TALLEST_NARROW: f64 = 1.2;
/// A regional view is at least this tall (a narrow one would otherwise be a thin strip); a
/// whole-world view stays as flat as the land.
const MIN_HEIGHT_PX: f64 = 200.0;
/// Beyond this many names the map shows none: a list beside it serves better.
const MAX_LABELS: usize = 60;
/// A name wider than this share of the map is cut with `…` (the link's `<title>` keeps it whole).
const MAX_LABEL_SHARE: f64 = 0.45;
/// Narrower than this there is no room for even one marker with its name.
pub const MIN_WIDTH_PX: f64 = 120.0;

/// A city to mark.
#[derive(Debug, Clone, PartialEq)]
pub struct MapMarker {
    pub slug: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// Drawn distinctly (filled dot and ring): the compared cities, or the page's own city.
    pub highlighted: bool,
}

/// Which names are printed on the map; the page's list of cities must name the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Labelling {
    All,
    /// There was no room for every name, only for the highlighted cities'.
    HighlightedOnly,
    /// Names that would sit nearer another city's marker than their own are left off (the
    /// highlighted cities are named first); the list beside the map names every city.
    Some,
    /// There was no room for the names at this width: markers only (each keeps its link
    /// and `<title>`).
    None,
}

/// A city's name on the map, in map units; `y` is the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLabel {
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// SVG `text-anchor`: `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// A line from the marker to a name placed away from it.
    pub leader: Option<Leader>,
}

/// A leader line, in map units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leader {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

/// A placed marker, in map units: a link to the city's page.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPlace {
    pub href: String,
    /// The full name: the link's `<title>`, so its accessible name.
    pub name: String,
    pub x: f64,
    pub y: f64,
    /// The dot's radius (hollow circle for plain markers, filled dot for highlighted ones).
    pub r: f64,
    /// The ring's radius round a highlighted marker; 0 for plain ones.
    pub ring: f64,
    pub highlighted: bool,
    /// `map-city` or `map-city hl`.
    pub class: &'static str,
    pub label: Option<MapLabel>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorldMap {
    pub id: String,
    pub title: String,
    pub desc: String,
    /// The `viewBox`, in map units.
    pub view: Bounds,
    /// The width the map was laid out for and its height there, in CSS pixels.
    pub width_px: f64,
    pub height_px: f64,
    /// Font size in map units: [`FONT_PX`] at `width_px`.
    pub font: f64,
    pub places: Vec<MapPlace>,
    pub labelling: Labelling,
    /// `Some(id)`: the land is drawn as `<use href="#id">` (see the module's documentation).
    pub land_ref: Option<String>,
}

impl WorldMap {
    /// Draw the land by reference to a path the page holds once, with id `id`.
    pub fn share_land(&mut self, id: &str) {
        self.land_ref = Some(id.to_string());
    }

    /// The land path, for the template.
    pub fn land(&self) -> &'static str {
        LAND_PATH
    }

    /// The `viewBox` attribute.
    pub fn view_box(&self) -> String {
        format!("{} {} {} {}", r(self.view.x0), r(self.view.y0), r(self.view.width()), r(self.view.height()))
    }
}

/// The map of `markers` laid out for display at `width_px` CSS pixels, cropped to the
/// markers' region (one marker: the region around it). Markers whose coordinates are not on
/// the globe are left out; `None` when none is left or the width is under [`MIN_WIDTH_PX`].
pub fn world_map(id: &str, title: &str, markers: &[MapMarker], width_px: f64) -> Option<WorldMap> {
    if !(width_px.is_finite() && width_px >= MIN_WIDTH_PX) {
        return None;
    }
    let located: Vec<(&MapMarker, f64, f64)> =
        markers.iter().filter_map(|m| project(m.lat, m.lon).map(|(x, y)| (m, x, y))).collect();
    if located.is_empty() {
        return None;
    }
    let label_max_px = MAX_LABEL_SHARE * width_px;
    let texts: Vec<String> = located.iter().map(|(m, ..)| truncate_to_width(&m.name, label_max_px, FONT_PX)).collect();
    let widest_px = texts.iter().map(|t| text_width(t, FONT_PX)).fold(0.0, f64::max);
    let points: Vec<(f64, f64)> = located.iter().map(|&(_, x, y)| (x, y)).collect();
    let (view, k) = view_box(&points, width_px, widest_px);
    let px = 1.0 / k;
    let sizes = Sizes { font: FONT_PX * px, gap: GAP_PX * px, halo: HALO_PX * px };
    let circles: Vec<Circle> =
        located.iter().map(|&(m, x, y)| Circle { x, y, r: outer_radius_px(m.highlighted) * px }).collect();
    let (labelling, placements) = label_all(&located, &texts, &circles, view, &sizes);
    let places = located
        .iter()
        .zip(texts)
        .zip(placements)
        .map(|((&(m, x, y), text), p)| MapPlace {
            href: format!("/cities/{}", m.slug),
            name: m.name.clone(),
            x: r(x),
            y: r(y),
            r: r(if m.highlighted { DOT_R_PX } else { PLAIN_R_PX } * px),
            ring: if m.highlighted { r(RING_R_PX * px) } else { 0.0 },
            highlighted: m.highlighted,
            class: if m.highlighted { "map-city hl" } else { "map-city" },
            label: p.map(|p| MapLabel {
                text,
                x: r(p.x),
                y: r(p.baseline),
                anchor: p.anchor,
                leader: p.leader.map(|l| Leader { x1: r(l.x1), y1: r(l.y1), x2: r(l.x2), y2: r(l.y2) }),
            }),
        })
        .collect::<Vec<MapPlace>>();
    // Drawn in order: a highlighted city's ring stays on top of a plain neighbour's marker.
    let mut places = places;
    places.sort_by_key(|p| p.highlighted);
    Some(WorldMap {
        id: id.into(),
        title: title.into(),
        desc: describe(&located, labelling),
        view,
        width_px,
        height_px: view.height() * k,
        // Rounded down: the names must not come out larger than they were placed.
        font: (sizes.font * 100.0).floor() / 100.0,
        places,
        labelling,
        land_ref: None,
    })
}

/// How far a marker reaches from its centre, stroke included, in CSS pixels.
fn outer_radius_px(highlighted: bool) -> f64 {
    (if highlighted { RING_R_PX } else { PLAIN_R_PX }) + STROKE_PX / 2.0
}

/// Every name if they all fit; else the highlighted ones if they fit alone; else none.
fn label_all(
    located: &[(&MapMarker, f64, f64)],
    texts: &[String],
    circles: &[Circle],
    view: Bounds,
    sizes: &Sizes,
) -> (Labelling, Vec<Option<super::point_labels::Placement>>) {
    let width = |t: &String| Some(text_width(t, FONT_PX) * sizes.font / FONT_PX);
    let all: Vec<Option<f64>> = texts.iter().map(width).collect();
    let highlighted: Vec<Option<f64>> =
        texts.iter().zip(located).map(|(t, (m, ..))| width(t).filter(|_| m.highlighted)).collect();
    let wanted = |widths: &Vec<Option<f64>>| widths.iter().flatten().count();
    let first: Vec<bool> = located.iter().map(|(m, ..)| m.highlighted).collect();
    if wanted(&all) > MAX_LABELS {
        return (Labelling::None, vec![None; circles.len()]);
    }
    let placed = place_labels_first(circles, &all, &first, view, sizes);
    let named = placed.iter().flatten().count();
    if named == wanted(&all) {
        return (Labelling::All, placed);
    }
    let highlighted_named = placed.iter().zip(&first).all(|(p, &hl)| !hl || p.is_some());
    if highlighted_named && named > 0 {
        return (Labelling::Some, placed);
    }
    if wanted(&highlighted) > 0 {
        let only = place_labels(circles, &highlighted, view, sizes);
        if only.iter().flatten().count() == wanted(&highlighted) {
            return (Labelling::HighlightedOnly, only);
        }
    }
    if named > 0 { (Labelling::Some, placed) } else { (Labelling::None, vec![None; circles.len()]) }
}

/// The view (in map units) and the scale `k` (CSS pixels per map unit) for `points` at
/// `width_px`: as close as the points allow with room for a name of `label_px` beside the
/// outermost ones, no closer than [`REGION_DEG`], no wider than the whole world unless the
/// markers need it (points on both sides of the antimeridian).
fn view_box(points: &[(f64, f64)], width_px: f64, label_px: f64) -> (Bounds, f64) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in points {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let tallest_px = width_px / if width_px < 600.0 { TALLEST_NARROW } else { TALLEST_WIDE };
    let marker_px = outer_radius_px(true) + 1.0;
    let pad_x = (label_px + marker_px + GAP_PX).min(width_px * 0.25);
    let pad_y = 1.5 * FONT_PX + marker_px;
    // Scale limits: the soft ones leave room for names, the hard ones only for the markers.
    let fit = |room: f64, span: f64| if span > 0.0 { room.max(0.0) / span } else { f64::INFINITY };
    let closest = width_px / (LAND.width() * REGION_DEG / 360.0);
    let soft = fit(width_px - 2.0 * pad_x, x1 - x0).min(fit(tallest_px - 2.0 * pad_y, y1 - y0)).min(closest);
    let hard = fit(width_px - 2.0 * marker_px, x1 - x0).min(fit(tallest_px - 2.0 * marker_px, y1 - y0));
    let k = soft.max(width_px / LAND.width()).min(hard);
    let lowest_px = (width_px / FLATTEST).max(MIN_HEIGHT_PX.min(tallest_px));
    let height_px = ((y1 - y0) * k + 2.0 * pad_y).max(lowest_px).min(tallest_px);
    // No taller than the land unless the markers need it: the rest would be empty sea.
    let height = (height_px / k).min(LAND.height().max(y1 - y0 + 2.0 * marker_px / k));
    let width = width_px / k;
    let x = span_start((x0, x1), width, (LAND.x0, LAND.x1), (pad_x / k, marker_px / k));
    let y = span_start((y0, y1), height, (LAND.y0, LAND.y1), (pad_y / k, marker_px / k));
    // Rounded outwards to the tenths the SVG is written in, so nothing inside is cut.
    let (down, up) = (|v: f64| (v * 10.0).floor() / 10.0, |v: f64| (v * 10.0).ceil() / 10.0);
    let view = Bounds { x0: down(x), y0: down(y), x1: up(x + width), y1: up(y + height) };
    (view, width_px / view.width())
}

/// Where a view of `len` starts along one axis: centred on the points and moved to stay
/// within the land where it can, but keeping `pad` (room for names) round the points where
/// the view is long enough, and always `margin` (room for the markers).
fn span_start((lo, hi): (f64, f64), len: f64, (land_lo, land_hi): (f64, f64), (pad, margin): (f64, f64)) -> f64 {
    let centred = (lo + hi - len) / 2.0;
    let on_land =
        if len <= land_hi - land_lo { centred.clamp(land_lo, land_hi - len) } else { (land_lo + land_hi - len) / 2.0 };
    let within = |room: f64| {
        let (min, max) = (hi + room - len, lo - room);
        (min <= max).then(|| on_land.clamp(min, max))
    };
    within(pad).or_else(|| within(margin)).unwrap_or(centred)
}

/// The `<desc>`: which cities the map shows, which are highlighted, and whether names are left off.
fn describe(located: &[(&MapMarker, f64, f64)], labelling: Labelling) -> String {
    let names = |hl: Option<bool>| -> Vec<String> {
        located.iter().filter(|(m, ..)| hl.is_none_or(|h| m.highlighted == h)).map(|(m, ..)| m.name.clone()).collect()
    };
    let all = names(None);
    let highlighted = names(Some(true));
    let desc = match all.as_slice() {
        [one] => crate::t1("map-desc-one", "city", one),
        _ => crate::t2("map-desc", "n", all.len(), "cities", and_list(&all)),
    };
    let mut more = Vec::new();
    if all.len() > 1 && highlighted.len() == all.len() {
        more.push(crate::t("map-desc-all-highlighted"));
    } else if all.len() > 1 && !highlighted.is_empty() {
        more.push(crate::t1("map-desc-highlighted", "cities", and_list(&highlighted)));
    }
    match labelling {
        Labelling::All => {}
        Labelling::Some => more.push(crate::t("map-desc-list-names-all")),
        Labelling::HighlightedOnly => more.push(crate::t("map-desc-some-named")),
        Labelling::None => more.push(crate::t("map-desc-none-named")),
    }
    sentence_with_notes(&desc, &more)
}

#[cfg(test)]
#[path = "map_tests.rs"]
mod tests;
