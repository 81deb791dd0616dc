//! Scatter charts: one point per city on two linear axes (two metrics of the scorecard, or a
//! score against its coverage), each point named where there is room, never over another name.

use super::layout::{FONT, Rect, Tick, Variant, and_list, r, series_class, widest};
use super::point_labels::{Circle, Sizes, place_labels};
use super::projection::Bounds;
use super::scale::LinearScale;
use super::text::text_width;
use super::ticks::nice_ticks;
use crate::format;
use crate::metric::Unit;

#[derive(Debug, Clone)]
pub struct ScatterPoint {
    pub label: String,
    pub colour: usize,
    pub x: f64,
    pub y: f64,
}

/// One axis: its title and the unit its values are in.
#[derive(Debug, Clone)]
pub struct ScatterAxis {
    pub title: String,
    pub unit: Unit,
}

#[derive(Debug, Clone)]
pub struct PointView {
    pub cx: f64,
    pub cy: f64,
    pub class: String,
    pub title: String,
    /// The name beside the point, when there is room for it.
    pub label: Option<LabelView>,
}

#[derive(Debug, Clone)]
pub struct LabelView {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
    pub text: String,
    /// From the point to a name placed further out.
    pub leader: Option<(f64, f64, f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct ScatterChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub plot: Rect,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    pub x_title: String,
    pub y_title: String,
    pub points: Vec<PointView>,
}

const RADIUS: f64 = 5.0;

/// Lays out the chart; `None` without two points with finite values.
pub fn scatter_chart(
    id: &str,
    title: &str,
    x: &ScatterAxis,
    y: &ScatterAxis,
    points: &[ScatterPoint],
    variant: Variant,
) -> Option<ScatterChart> {
    let points: Vec<&ScatterPoint> = points.iter().filter(|p| p.x.is_finite() && p.y.is_finite()).collect();
    if points.len() < 2 {
        return None;
    }
    let width = variant.width();
    let height = if variant == Variant::Wide { 340.0 } else { 300.0 };
    let (x_min, x_max) = super::scale::extent(points.iter().map(|p| p.x))?;
    let (y_min, y_max) = super::scale::extent(points.iter().map(|p| p.y))?;
    let x_ticks_values = nice_ticks(x_min.min(0.0), x_max, if variant == Variant::Wide { 5 } else { 3 }).values;
    let y_ticks_values = nice_ticks(y_min.min(0.0), y_max, 5).values;
    let y_labels: Vec<String> = y_ticks_values.iter().map(|v| format::compact(*v, &y.unit)).collect();
    let left = (widest(&y_labels) + 10.0).max(30.0);
    // Room on the right for half the last tick's label, which is centred on the plot's edge.
    let last_x = x_ticks_values.last().map_or(0.0, |v| text_width(&format::compact(*v, &x.unit), FONT));
    let right = (last_x / 2.0 + 2.0).max(12.0);
    let plot = Rect { x: r(left), y: 24.0, w: r(width - left - right), h: height - 24.0 - 44.0 };
    let xs = LinearScale::new((x_ticks_values[0], *x_ticks_values.last()?), (plot.x, plot.right()));
    let ys = LinearScale::new((y_ticks_values[0], *y_ticks_values.last()?), (plot.bottom(), plot.y));

    let markers: Vec<Circle> =
        points.iter().map(|p| Circle { x: xs.map(p.x), y: ys.map(p.y), r: RADIUS + 1.5 }).collect();
    let widths: Vec<Option<f64>> = points.iter().map(|p| Some(text_width(&p.label, FONT))).collect();
    let view = Bounds { x0: plot.x, y0: plot.y - 20.0, x1: width, y1: plot.bottom() };
    let sizes = Sizes { font: FONT, gap: 4.0, halo: 3.0 };
    let placed = place_labels(&markers, &widths, view, &sizes);
    let views = points
        .iter()
        .zip(&markers)
        .zip(placed)
        .map(|((p, m), place)| PointView {
            cx: r(m.x),
            cy: r(m.y),
            class: series_class(p.colour),
            title: crate::tn(
                "scatter-point",
                &[
                    ("label", &p.label),
                    ("x_title", &x.title),
                    ("x", &format::figure(p.x, &x.unit)),
                    ("y_title", &y.title),
                    ("y", &format::figure(p.y, &y.unit)),
                ],
            ),
            label: place.map(|pl| LabelView {
                x: r(pl.x),
                y: r(pl.baseline),
                anchor: pl.anchor,
                text: p.label.clone(),
                leader: pl.leader.map(|s| (r(s.x1), r(s.y1), r(s.x2), r(s.y2))),
            }),
        })
        .collect();
    let x_ticks = ticks(&x_ticks_values, &x.unit, |v| xs.map(v), plot.w);
    let y_ticks = y_ticks_values.iter().zip(y_labels).map(|(v, label)| Tick { pos: r(ys.map(*v)), label }).collect();
    let parts: Vec<String> = points
        .iter()
        .map(|p| {
            crate::tn(
                "scatter-desc-point",
                &[("label", &p.label), ("x", &format::figure(p.x, &x.unit)), ("y", &format::figure(p.y, &y.unit))],
            )
        })
        .collect();
    Some(ScatterChart {
        id: id.into(),
        title: title.into(),
        desc: crate::tn("scatter-desc", &[("x", &x.title), ("y", &y.title), ("points", &and_list(&parts))]),
        width,
        height,
        plot,
        x_ticks,
        y_ticks,
        x_title: x.title.clone(),
        y_title: y.title.clone(),
        points: views,
    })
}

/// Ticks along the x axis whose labels fit side by side: every other one dropped until they do.
fn ticks(values: &[f64], unit: &Unit, at: impl Fn(f64) -> f64, room: f64) -> Vec<Tick> {
    let mut shown: Vec<f64> = values.to_vec();
    loop {
        let labels: Vec<String> = shown.iter().map(|v| format::compact(*v, unit)).collect();
        let step = room / (shown.len().max(2) - 1) as f64;
        if shown.len() <= 2 || widest(&labels) + 8.0 <= step {
            return shown.iter().zip(labels).map(|(v, label)| Tick { pos: r(at(*v)), label }).collect();
        }
        let last = *shown.last().unwrap_or(&0.0);
        shown = shown.iter().copied().step_by(2).collect();
        if shown.last() != Some(&last) {
            shown.push(last);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(title: &str, unit: &str) -> ScatterAxis {
        ScatterAxis { title: title.into(), unit: Unit::parse(unit) }
    }

    fn points(n: usize) -> Vec<ScatterPoint> {
        (0..n)
            .map(|i| ScatterPoint {
                label: format!("City number {i}"),
                colour: i,
                x: (i as f64 * 37.0) % 11.0,
                y: (i * i) as f64 * 1000.0,
            })
            .collect()
    }

    #[test]
    fn points_sit_inside_the_plot_and_names_do_not_overlap() {
        for variant in Variant::ALL {
            for n in [2, 6, 12, 20] {
                let c = scatter_chart(
                    "s",
                    "S",
                    &axis("score", "count"),
                    &axis("workforce", "persons"),
                    &points(n),
                    variant,
                )
                .unwrap();
                let mut boxes: Vec<Bounds> = Vec::new();
                for p in &c.points {
                    assert!(p.cx >= c.plot.x - 0.5 && p.cx <= c.plot.right() + 0.5, "{variant:?}");
                    assert!(p.cy >= c.plot.y - 0.5 && p.cy <= c.plot.bottom() + 0.5, "{variant:?}");
                    if let Some(l) = &p.label {
                        let w = text_width(&l.text, FONT);
                        let left = match l.anchor {
                            "end" => l.x - w,
                            "middle" => l.x - w / 2.0,
                            _ => l.x,
                        };
                        let b = Bounds { x0: left, y0: l.y - FONT, x1: left + w, y1: l.y + 3.0 };
                        assert!(b.x0 >= 0.0 && b.x1 <= c.width + 0.5, "{} at {variant:?}", l.text);
                        for other in &boxes {
                            let apart = b.x1 <= other.x0 || other.x1 <= b.x0 || b.y1 <= other.y0 || other.y1 <= b.y0;
                            assert!(apart, "{} overlaps at {variant:?}", l.text);
                        }
                        boxes.push(b);
                    }
                }
            }
        }
    }

    #[test]
    fn one_point_is_no_chart_and_the_description_names_every_city() {
        assert!(scatter_chart("s", "S", &axis("a", "count"), &axis("b", "count"), &points(1), Variant::Wide).is_none());
        let c = scatter_chart("s", "S", &axis("a", "count"), &axis("b", "count"), &points(3), Variant::Wide).unwrap();
        for i in 0..3 {
            assert!(c.desc.contains(&format!("City number {i} at")), "{}", c.desc);
        }
    }
}
