//! Placing the names of points (a map's cities, a scatter chart's): each next to its marker
//! where there is room, else further out with a leader line, never over another name, marker
//! or leader, never outside the view.
//!
//! Everything here is in map units; the caller converts its pixel sizes. Text boxes use the
//! upper-bound widths of `text.rs` and a generous height, so boxes judged apart are apart on
//! screen too.

use super::projection::Bounds;

/// How far text reaches above its baseline (accented capitals) and below it (descenders), in em.
pub const ASCENT: f64 = 0.92;
pub const DESCENT: f64 = 0.24;

/// A marker as an obstacle: its centre and the radius its outermost stroke reaches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    pub x: f64,
    pub y: f64,
    pub r: f64,
}

/// A straight line between two points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

/// Sizes in map units: font size, the space kept between a marker and its name, and the
/// width of the halo drawn round each letter.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub font: f64,
    pub gap: f64,
    pub halo: f64,
}

impl Sizes {
    /// The box a name of `width` takes when its baseline starts at `x` (after the anchor
    /// is applied) and sits at `baseline`, halo included.
    pub fn text_box(&self, left: f64, baseline: f64, width: f64) -> Bounds {
        let h = self.halo / 2.0;
        Bounds {
            x0: left - h,
            y0: baseline - ASCENT * self.font - h,
            x1: left + width + h,
            y1: baseline + DESCENT * self.font + h,
        }
    }
}

/// Where a name goes: its anchor point, SVG `text-anchor`, box and optional leader line.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub x: f64,
    pub baseline: f64,
    pub anchor: &'static str,
    pub bounds: Bounds,
    pub leader: Option<Segment>,
}

fn overlaps(a: &Bounds, b: &Bounds) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

fn contains(outer: &Bounds, inner: &Bounds) -> bool {
    inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1
}

/// Whether the box and the circle share any point.
pub fn box_hits_circle(b: &Bounds, c: &Circle) -> bool {
    let nx = c.x.clamp(b.x0, b.x1);
    let ny = c.y.clamp(b.y0, b.y1);
    (c.x - nx).hypot(c.y - ny) < c.r
}

/// Whether any part of the segment lies inside the box (Liang-Barsky clipping).
pub fn segment_hits_box(s: &Segment, b: &Bounds) -> bool {
    let (dx, dy) = (s.x2 - s.x1, s.y2 - s.y1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, s.x1 - b.x0), (dx, b.x1 - s.x1), (-dy, s.y1 - b.y0), (dy, b.y1 - s.y1)] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 { t0 = t0.max(t) } else { t1 = t1.min(t) }
        }
    }
    t0 < t1
}

/// Whether the segment passes closer to the circle's centre than its radius.
pub fn segment_hits_circle(s: &Segment, c: &Circle) -> bool {
    let (dx, dy) = (s.x2 - s.x1, s.y2 - s.y1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 { (((c.x - s.x1) * dx + (c.y - s.y1) * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
    (c.x - (s.x1 + t * dx)).hypot(c.y - (s.y1 + t * dy)) < c.r
}

/// Whether two segments cross or touch.
pub fn segments_cross(a: &Segment, b: &Segment) -> bool {
    fn orient(ax: f64, ay: f64, bx: f64, by: f64, cx: f64, cy: f64) -> f64 {
        (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    }
    let d1 = orient(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1);
    let d2 = orient(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
    let d3 = orient(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1);
    let d4 = orient(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
    // Touching counts as crossing: a leader should not even graze another.
    d1 * d2 <= 0.0 && d3 * d4 <= 0.0
}

/// Directions to try, clockwise from east (y grows southwards): first the eight beside the
/// marker in the order map makers prefer (sideways, then diagonally above, below), then
/// sixteen for names that need a leader.
const NEAR: [f64; 8] = [0.0, 180.0, -45.0, -135.0, 45.0, 135.0, -90.0, 90.0];
/// How much further out, in em, each ring of leader positions lies.
const LEADER_STEPS: [f64; 7] = [1.0, 1.7, 2.4, 3.2, 4.0, 5.0, 6.0];

/// The name of `width` placed in direction `deg` at `distance` from the marker's centre:
/// the box's side facing the marker touches the circle of that radius.
fn candidate(c: &Circle, width: f64, deg: f64, distance: f64, s: &Sizes) -> Placement {
    let (uy, ux) = deg.to_radians().sin_cos();
    let w = width + s.halo;
    let h = (ASCENT + DESCENT) * s.font + s.halo;
    // Pushing the box's centre by half its size along each axis the direction leans on keeps
    // its near side (or corner) at `distance`; straight above or below it stays centred.
    let cx = c.x + ux * distance + (ux * 2.0).clamp(-1.0, 1.0) * w / 2.0;
    let cy = c.y + uy * distance + (uy * 2.0).clamp(-1.0, 1.0) * h / 2.0;
    let baseline = cy - h / 2.0 + s.halo / 2.0 + ASCENT * s.font;
    let left = cx - width / 2.0;
    let (x, anchor) = match ux {
        ux if ux > 0.3 => (left, "start"),
        ux if ux < -0.3 => (left + width, "end"),
        _ => (cx, "middle"),
    };
    Placement { x, baseline, anchor, bounds: s.text_box(left, baseline, width), leader: None }
}

/// The leader from the marker's edge to the nearest point of the name's box.
fn leader_to(c: &Circle, b: &Bounds) -> Segment {
    let (nx, ny) = (c.x.clamp(b.x0, b.x1), c.y.clamp(b.y0, b.y1));
    let len = (nx - c.x).hypot(ny - c.y).max(f64::MIN_POSITIVE);
    Segment { x1: c.x + (nx - c.x) / len * c.r, y1: c.y + (ny - c.y) / len * c.r, x2: nx, y2: ny }
}

/// What is already on the map that a new name must keep clear of.
struct Taken<'a> {
    markers: &'a [Circle],
    view: Bounds,
    boxes: Vec<Bounds>,
    leaders: Vec<Segment>,
}

/// The distance from a point to the nearest point of a box (0 inside it).
fn box_distance(b: &Bounds, x: f64, y: f64) -> f64 {
    (x - x.clamp(b.x0, b.x1)).hypot(y - y.clamp(b.y0, b.y1))
}

impl Taken<'_> {
    /// Whether a name placed there reads as its own marker's: no other marker is as near to it.
    /// Without this, a name that moved away (or was pushed along a leader) can sit beside a
    /// neighbour and be read as the neighbour's.
    fn owned(&self, p: &Placement, own: usize) -> bool {
        let c = &self.markers[own];
        let mine = box_distance(&p.bounds, c.x, c.y);
        self.markers.iter().enumerate().all(|(i, m)| i == own || box_distance(&p.bounds, m.x, m.y) > mine)
    }

    fn free(&self, p: &Placement, own: usize) -> bool {
        self.owned(p, own)
            && contains(&self.view, &p.bounds)
            && !self.markers.iter().any(|m| box_hits_circle(&p.bounds, m))
            && !self.boxes.iter().any(|b| overlaps(b, &p.bounds))
            && !self.leaders.iter().any(|l| segment_hits_box(l, &p.bounds))
            && p.leader.is_none_or(|l| {
                !self.markers.iter().enumerate().any(|(i, m)| i != own && segment_hits_circle(&l, m))
                    && !self.boxes.iter().any(|b| segment_hits_box(&l, b))
                    && !self.leaders.iter().any(|o| segments_cross(&l, o))
            })
    }

    fn place(&mut self, i: usize, width: f64, s: &Sizes) -> Option<Placement> {
        let c = &self.markers[i];
        let near = NEAR.iter().map(|&deg| candidate(c, width, deg, c.r + s.gap, s));
        let far = LEADER_STEPS.iter().flat_map(|step| {
            (0..16).map(move |k| {
                let mut p = candidate(c, width, f64::from(k) * 22.5, c.r + s.gap + step * s.font, s);
                p.leader = Some(leader_to(c, &p.bounds));
                p
            })
        });
        let found = near.chain(far).find(|p| self.free(p, i))?;
        self.boxes.push(found.bounds);
        self.leaders.extend(found.leader);
        Some(found)
    }
}

/// Names for the markers that have a `widths[i]` (text width in map units), tried in `order`.
/// Those that found no room come first in the next try, up to three tries; the best try
/// (fewest names left out) wins.
pub fn place_labels(markers: &[Circle], widths: &[Option<f64>], view: Bounds, s: &Sizes) -> Vec<Option<Placement>> {
    place_labels_first(markers, widths, &vec![false; markers.len()], view, s)
}

/// The same, the markers `first` says placed before the others (the highlighted cities of a
/// map), so that they are named when not every name fits.
pub fn place_labels_first(
    markers: &[Circle],
    widths: &[Option<f64>],
    first: &[bool],
    view: Bounds,
    s: &Sizes,
) -> Vec<Option<Placement>> {
    let mut order: Vec<usize> = (0..markers.len()).filter(|&i| widths[i].is_some()).collect();
    // Crowded markers choose first, while there is still room around them.
    let crowd = |i: usize| {
        let c = &markers[i];
        markers.iter().filter(|m| (m.x - c.x).hypot(m.y - c.y) < 8.0 * s.font).count()
    };
    order.sort_by_key(|&i| (std::cmp::Reverse(first[i]), std::cmp::Reverse(crowd(i))));
    let mut best: Vec<Option<Placement>> = vec![None; markers.len()];
    let mut best_missing = usize::MAX;
    for _ in 0..3 {
        let mut taken = Taken { markers, view, boxes: Vec::new(), leaders: Vec::new() };
        let mut out: Vec<Option<Placement>> = vec![None; markers.len()];
        for &i in &order {
            out[i] = widths[i].and_then(|w| taken.place(i, w, s));
        }
        let (failed, placed): (Vec<usize>, Vec<usize>) = order.iter().partition(|&&i| out[i].is_none());
        if failed.len() < best_missing {
            best_missing = failed.len();
            best = out;
        }
        if failed.is_empty() {
            break;
        }
        order = failed.into_iter().chain(placed).collect();
    }
    best
}
