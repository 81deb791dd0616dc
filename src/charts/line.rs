//! Line charts of time series: one series per city (and metric), years on x. A year without
//! a figure is a gap in the line, never a zero; every figure is also a marker, so a lone year
//! still shows. The y axis is linear, logarithmic, or an inverted rank axis (1 at the top).

use super::layout::{
    FONT, Rect, SHAPES, Tick, Variant, clause_list, description, marker_path, r, sentence_with_notes, series_class,
    widest,
};
use super::scale::{LinearScale, LogScale, Scale};
use super::text::text_width;
use super::ticks::{log_ticks, nice_ticks, year_ticks};
use crate::format;
use crate::metric::{Scope, Unit};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YAxis {
    Linear,
    /// Logarithmic, for values that span orders of magnitude.
    Log,
    /// Ranks: 1 is best and drawn at the top.
    Rank,
}

#[derive(Debug, Clone)]
pub struct LinePoint {
    pub year: i64,
    pub value: f64,
    /// Where the figure comes from, for its tooltip ("INTHEBLACK, 2014").
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct LineInput {
    /// Legend name: "Dalian", or "Metro Manila (whole country)".
    pub name: String,
    /// The city's position in the selection: its colour.
    pub colour: usize,
    /// Whose figures these are: a state's are drawn dashed, a country's dotted.
    pub scope: Scope,
    /// Several sources may give a figure for the same year: the line goes through the first.
    pub points: Vec<LinePoint>,
}

#[derive(Debug, Clone)]
pub struct PointView {
    pub x: f64,
    pub y: f64,
    /// The marker's outline: each series has its own shape, so series differ without colour.
    pub marker: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct LineSeriesView {
    pub name: String,
    pub class: String,
    /// The series' marker shape, for its legend key.
    pub shape: usize,
    /// SVG path data, one `M … L …` run per stretch of consecutive years.
    pub path: String,
    pub points: Vec<PointView>,
}

#[derive(Debug, Clone)]
pub struct LineChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    /// Things the reader must know (mixed scopes, a log scale refused, ...).
    pub notes: Vec<String>,
    pub width: f64,
    pub height: f64,
    pub plot: Rect,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    pub axis: YAxis,
    /// The unit, written along the y axis.
    pub y_label: String,
    pub series: Vec<LineSeriesView>,
}

/// Lays out a line chart for `variant`; `None` when no series has a figure.
pub fn line_chart(
    id: &str,
    title: &str,
    unit: &Unit,
    axis: YAxis,
    inputs: &[LineInput],
    variant: Variant,
) -> Option<LineChart> {
    let (width, height) = (variant.width(), if variant == Variant::Wide { 300.0 } else { 240.0 });
    let values: Vec<f64> =
        inputs.iter().flat_map(|s| s.points.iter().map(|p| p.value)).filter(|v| v.is_finite()).collect();
    let years: Vec<i64> = inputs.iter().flat_map(|s| s.points.iter().map(|p| p.year)).collect();
    let (&first_year, &last_year) = (years.iter().min()?, years.iter().max()?);
    let (min, max) = super::scale::extent(values.iter().copied())?;
    let mut notes = Vec::new();

    let mut axis = axis;
    if axis == YAxis::Log && min <= 0.0 {
        axis = YAxis::Linear;
        notes.push(crate::t("chart-log-refused"));
    }
    let tick_values: Vec<f64> = match axis {
        YAxis::Linear => nice_ticks(min.min(0.0), max, 5).values,
        YAxis::Log => log_ticks(min, max).map(|t| t.values).unwrap_or_else(|_| nice_ticks(0.0, max, 5).values),
        YAxis::Rank => {
            let mut t: Vec<f64> = nice_ticks(0.0, max.max(2.0), 5).values.into_iter().filter(|v| *v >= 1.0).collect();
            t.insert(0, 1.0);
            t.dedup();
            t
        }
    };
    let tick_label = |v: f64| match axis {
        YAxis::Rank => format!("{}", v as i64),
        _ => format::compact(v, unit),
    };
    let left = widest(tick_values.iter().map(|v| tick_label(*v))) + 10.0;
    let plot = Rect { x: r(left.max(36.0)), y: 26.0, w: r(width - left.max(36.0) - 16.0), h: height - 26.0 - 26.0 };

    let (lo, hi) = (tick_values[0], *tick_values.last()?);
    let y_scale = match axis {
        YAxis::Log => LogScale::new((lo, hi), (plot.bottom(), plot.y)).map(Scale::Log).ok()?,
        YAxis::Rank => Scale::Linear(LinearScale::new((lo, hi), (plot.y, plot.bottom()))),
        YAxis::Linear => Scale::Linear(LinearScale::new((lo, hi), (plot.bottom(), plot.y))),
    };
    let (x0, x1) = if first_year == last_year { (first_year - 1, last_year + 1) } else { (first_year, last_year) };
    // Keep markers at the ends inside the plot.
    let x_scale = LinearScale::new((x0 as f64, x1 as f64), (plot.x + 8.0, plot.right() - 8.0));
    let max_x_ticks = (plot.w / (text_width("2000", FONT) + 14.0)).floor().max(2.0) as usize;
    let x_ticks = year_ticks(x0, x1, max_x_ticks)
        .into_iter()
        .map(|y| Tick { pos: r(x_scale.map(y as f64)), label: y.to_string() })
        .collect();
    let y_ticks = tick_values.iter().map(|v| Tick { pos: r(y_scale.map(*v)), label: tick_label(*v) }).collect();

    let series: Vec<LineSeriesView> = inputs
        .iter()
        .filter(|s| !s.points.is_empty())
        .enumerate()
        .map(|(shape, s)| {
            let mut pts = s.points.clone();
            pts.sort_by_key(|p| p.year);
            let mut path = String::new();
            let mut previous: Option<i64> = None;
            for p in &pts {
                if previous == Some(p.year) {
                    continue; // a second source for the same year: a marker, not a line vertex
                }
                let command = if previous == Some(p.year - 1) { 'L' } else { 'M' };
                path.push_str(&format!("{command}{} {} ", r(x_scale.map(p.year as f64)), r(y_scale.map(p.value))));
                previous = Some(p.year);
            }
            LineSeriesView {
                name: s.name.clone(),
                class: series_classes(s.colour, s.scope, shape),
                shape,
                path: path.trim_end().to_string(),
                points: pts
                    .iter()
                    .map(|p| {
                        let (x, y) = (r(x_scale.map(p.year as f64)), r(y_scale.map(p.value)));
                        PointView {
                            x,
                            y,
                            marker: marker_path(shape, x, y, 4.5),
                            title: super::layout::tooltip(
                                &s.name,
                                Some(p.year),
                                &format::figure(p.value, unit),
                                &p.source,
                            ),
                        }
                    })
                    .collect(),
            }
        })
        .collect();

    if inputs.iter().any(|s| s.scope.is_wider_than_city()) && inputs.iter().any(|s| !s.scope.is_wider_than_city()) {
        notes.push(crate::t("chart-wide-dashed"));
    }
    let desc = describe(title, unit, axis, inputs, &notes);
    Some(LineChart {
        id: id.to_string(),
        title: title.to_string(),
        desc,
        notes,
        width,
        height,
        plot,
        x_ticks,
        y_ticks,
        axis,
        y_label: unit_label(unit, axis),
        series,
    })
}

fn unit_label(unit: &Unit, axis: YAxis) -> String {
    match axis {
        YAxis::Rank => crate::t("chart-rank-axis-top"),
        YAxis::Log => crate::t1("chart-axis-log", "unit", format::unit_label(unit)),
        YAxis::Linear => format::unit_label(unit),
    }
}

/// The chart in words, for `<desc>`: what each series shows, from when to when.
fn describe(title: &str, unit: &Unit, axis: YAxis, inputs: &[LineInput], notes: &[String]) -> String {
    let parts: Vec<String> = inputs
        .iter()
        .map(|s| {
            let mut pts: Vec<&LinePoint> = s.points.iter().collect();
            pts.sort_by_key(|p| p.year);
            match (pts.first(), pts.last()) {
                (Some(a), Some(b)) if pts.len() > 1 => crate::tn(
                    "line-desc-series",
                    &[
                        ("name", &s.name),
                        ("n", &pts.len()),
                        ("first", &a.year),
                        ("first_value", &format::figure(a.value, unit)),
                        ("last", &b.year),
                        ("last_value", &format::figure(b.value, unit)),
                    ],
                ),
                (Some(a), _) => crate::tn(
                    "line-desc-one",
                    &[("name", &s.name), ("year", &a.year), ("value", &format::figure(a.value, unit))],
                ),
                _ => crate::t1("line-desc-none", "name", &s.name),
            }
        })
        .collect();
    let head = match axis {
        YAxis::Linear => crate::t1("line-desc", "title", title),
        YAxis::Log => crate::t1("line-desc-log", "title", title),
        YAxis::Rank => crate::t1("line-desc-rank", "title", title),
    };
    sentence_with_notes(&description(&head, &clause_list(&parts)), notes)
}

/// `s0 state m2`: the city's colour, the scope's dash and the series' marker shape.
pub fn series_classes(colour: usize, scope: Scope, shape: usize) -> String {
    let dash = match scope {
        Scope::State => " state",
        Scope::National => " national",
        _ => "",
    };
    format!("{}{dash}{}", series_class(colour), if shape >= SHAPES { " hollow" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(name: &str, colour: usize, points: &[(i64, f64)]) -> LineInput {
        LineInput {
            name: name.into(),
            colour,
            scope: Scope::City,
            points: points.iter().map(|&(year, value)| LinePoint { year, value, source: "S".into() }).collect(),
        }
    }

    #[test]
    fn a_missing_year_breaks_the_line() {
        let c = line_chart(
            "t",
            "T",
            &Unit::parse("count"),
            YAxis::Linear,
            &[series("A", 0, &[(2000, 1.0), (2001, 2.0), (2003, 3.0)])],
            Variant::Wide,
        )
        .unwrap();
        let path = &c.series[0].path;
        assert_eq!(path.matches('M').count(), 2, "{path}");
        assert_eq!(path.matches('L').count(), 1, "{path}");
        assert_eq!(c.series[0].points.len(), 3);
    }

    #[test]
    fn the_rank_axis_puts_first_place_on_top() {
        let c = line_chart(
            "t",
            "T",
            &Unit::parse("rank"),
            YAxis::Rank,
            &[series("A", 0, &[(2010, 1.0), (2011, 14.0)])],
            Variant::Wide,
        )
        .unwrap();
        let (best, worse) = (&c.series[0].points[0], &c.series[0].points[1]);
        assert!(best.y < worse.y, "rank 1 is drawn above rank 14");
        assert_eq!(c.y_ticks[0].label, "1");
        assert!((c.y_ticks[0].pos - c.plot.y).abs() < 0.5);
    }

    #[test]
    fn a_log_scale_with_non_positive_values_falls_back_to_linear_and_says_so() {
        let c = line_chart(
            "t",
            "T",
            &Unit::parse("USD"),
            YAxis::Log,
            &[series("A", 0, &[(2000, 0.0), (2001, 1e9)])],
            Variant::Wide,
        )
        .unwrap();
        assert_eq!(c.axis, YAxis::Linear);
        assert!(c.notes[0].contains("log scale needs positive values"));
        let c = line_chart(
            "t",
            "T",
            &Unit::parse("USD"),
            YAxis::Log,
            &[series("A", 0, &[(2000, 1e6), (2001, 1e10)])],
            Variant::Wide,
        )
        .unwrap();
        assert_eq!(c.axis, YAxis::Log);
    }

    #[test]
    fn the_description_says_what_the_chart_shows() {
        let c = line_chart(
            "t",
            "IT industry revenue (USD)",
            &Unit::parse("USD"),
            YAxis::Linear,
            &[series("Dalian", 0, &[(2000, 120e6), (2013, 21.7e9)]), series("Berlin", 1, &[(2021, 5e9)])],
            Variant::Wide,
        )
        .unwrap();
        assert!(c.desc.contains("Dalian: 2 figures from 2000 (US$120 m) to 2013 (US$21.7 bn)"), "{}", c.desc);
        assert!(c.desc.contains("Berlin: one figure, 2021 (US$5 bn)"), "{}", c.desc);
    }

    #[test]
    fn no_figures_no_chart() {
        assert!(
            line_chart("t", "T", &Unit::parse("count"), YAxis::Linear, &[series("A", 0, &[])], Variant::Wide).is_none()
        );
    }

    #[test]
    fn everything_stays_inside_the_frame_and_labels_do_not_overlap() {
        for variant in Variant::ALL {
            let c = line_chart(
                "t",
                "T",
                &Unit::parse("persons"),
                YAxis::Linear,
                &[series("A", 0, &[(1990, 5.0), (2025, 1_900_000.0)]), series("B", 1, &[(2000, 300.0)])],
                variant,
            )
            .unwrap();
            for s in &c.series {
                for p in &s.points {
                    assert!(
                        p.x >= c.plot.x
                            && p.x <= c.plot.right()
                            && p.y >= c.plot.y - 0.5
                            && p.y <= c.plot.bottom() + 0.5
                    );
                }
            }
            let widths: Vec<f64> = c.x_ticks.iter().map(|t| text_width(&t.label, FONT)).collect();
            for (i, pair) in c.x_ticks.windows(2).enumerate() {
                assert!(pair[1].pos - pair[0].pos > (widths[i] + widths[i + 1]) / 2.0, "x labels overlap");
            }
            for pair in c.y_ticks.windows(2) {
                assert!((pair[0].pos - pair[1].pos).abs() >= FONT * 1.2, "y labels overlap");
            }
            assert!(c.plot.x >= widest(c.y_ticks.iter().map(|t| t.label.as_str())), "y labels fit the margin");
        }
    }

    #[test]
    fn every_series_has_its_own_marker_shape() {
        let inputs: Vec<LineInput> = (0..8).map(|i| series(&format!("S{i}"), i % 2, &[(2000, i as f64)])).collect();
        let c = line_chart("t", "T", &Unit::parse("count"), YAxis::Linear, &inputs, Variant::Narrow).unwrap();
        let keys: std::collections::HashSet<(usize, bool)> =
            c.series.iter().map(|s| (s.shape % SHAPES, s.class.contains("hollow"))).collect();
        assert_eq!(keys.len(), 8, "shape and fill tell the series apart without colour");
    }
}
