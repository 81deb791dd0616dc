//! Grouped bar charts: one group per city, one bar per metric of a family (the city's own
//! figure, and a state or national figure when that is all the data has, drawn pale). Each bar
//! shows the latest figure and its year.

use super::band::BandScale;
use super::layout::{FONT, Rect, Tick, and_list, r, series_class, widest};
use super::scale::{LinearScale, LogScale, Scale};
use super::text::{text_width, truncate_to_width};
use super::ticks::{log_ticks, nice_ticks};
use crate::format;
use crate::metric::Unit;

#[derive(Debug, Clone)]
pub struct BarValue {
    pub value: f64,
    pub year: i64,
    /// Where the figure comes from, for its tooltip.
    pub source: String,
}

/// One metric of the family: a bar in every group.
#[derive(Debug, Clone)]
pub struct BarSeries {
    pub name: String,
    /// A state or national figure rather than the city's: drawn pale with a dashed outline.
    pub wide_scope: bool,
}

#[derive(Debug, Clone)]
pub struct BarGroupInput {
    pub label: String,
    pub colour: usize,
    /// One slot per series, in the order of the series.
    pub values: Vec<Option<BarValue>>,
}

#[derive(Debug, Clone)]
pub struct BarView {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub class: String,
    pub title: String,
    /// The value above the bar, when it fits.
    pub value_label: Option<String>,
    /// The year under the bar, when it fits.
    pub year_label: Option<String>,
    pub center: f64,
    pub missing: bool,
}

#[derive(Debug, Clone)]
pub struct BarGroupView {
    pub label: String,
    pub full_label: String,
    pub center: f64,
    pub bars: Vec<BarView>,
    /// No bar at all: the group says "no figure" instead.
    pub empty: bool,
}

#[derive(Debug, Clone)]
pub struct BarChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub notes: Vec<String>,
    pub width: f64,
    pub height: f64,
    pub plot: Rect,
    pub y_ticks: Vec<Tick>,
    pub y_label: String,
    pub groups: Vec<BarGroupView>,
    pub log: bool,
}

pub const WIDTH: f64 = 560.0;
pub const HEIGHT: f64 = 300.0;
const BOTTOM: f64 = 40.0;

/// Lays out the chart; `None` when there is no figure at all.
pub fn bar_chart(
    id: &str,
    title: &str,
    unit: &Unit,
    series: &[BarSeries],
    groups: &[BarGroupInput],
    log: bool,
) -> Option<BarChart> {
    let values: Vec<f64> = groups.iter().flat_map(|g| g.values.iter().flatten().map(|v| v.value)).collect();
    let (min, max) = super::scale::extent(values.iter().copied())?;
    let mut notes = Vec::new();
    let mut log = log;
    if log && min <= 0.0 {
        log = false;
        notes.push("A log scale needs positive values and some are zero or negative, so the scale is linear.".into());
    }
    let tick_values = if log {
        log_ticks(min, max).map(|t| t.values).unwrap_or_else(|_| nice_ticks(0.0, max, 5).values)
    } else {
        nice_ticks(min.min(0.0), max, 5).values
    };
    let labels: Vec<String> = tick_values.iter().map(|v| format::compact(*v, unit)).collect();
    let left = (widest(&labels) + 10.0).max(36.0);
    // Room above the tallest bar for its value label.
    let plot = Rect { x: r(left), y: 34.0, w: r(WIDTH - left - 12.0), h: HEIGHT - 34.0 - BOTTOM };
    let (lo, hi) = (tick_values[0], *tick_values.last()?);
    let y = if log {
        Scale::Log(LogScale::new((lo, hi), (plot.bottom(), plot.y)).ok()?)
    } else {
        Scale::Linear(LinearScale::new((lo, hi), (plot.bottom(), plot.y)))
    };
    let baseline = if log { plot.bottom() } else { y.map(0.0_f64.max(lo)) };
    let outer = BandScale::new(groups.len(), (plot.x, plot.right()), 0.2);
    let inner_count = series.len().max(1);

    let group_views = groups
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let inner = BandScale::new(inner_count, (outer.start(gi), outer.start(gi) + outer.width()), 0.08);
            let bars = series
                .iter()
                .enumerate()
                .map(|(si, s)| {
                    let (x, w) = (inner.start(si), inner.width());
                    let class = format!("{}{}", series_class(g.colour), if s.wide_scope { " wide" } else { "" });
                    match g.values.get(si).and_then(|v| v.as_ref()) {
                        Some(v) => {
                            let top = y.map(v.value);
                            let (y0, h) =
                                if top <= baseline { (top, baseline - top) } else { (baseline, top - baseline) };
                            let value_text = format::compact(v.value, unit);
                            let year_text = v.year.to_string();
                            BarView {
                                x: r(x),
                                y: r(y0),
                                w: r(w),
                                h: r(h.max(1.0)),
                                class,
                                title: format!(
                                    "{} · {}, {}: {} ({})",
                                    g.label,
                                    s.name,
                                    v.year,
                                    format::figure(v.value, unit),
                                    v.source
                                ),
                                value_label: (text_width(&value_text, FONT) <= w).then_some(value_text),
                                year_label: (text_width(&year_text, FONT) <= w).then_some(year_text),
                                center: r(x + w / 2.0),
                                missing: false,
                            }
                        }
                        None => BarView {
                            x: r(x),
                            y: r(baseline),
                            w: r(w),
                            h: 0.0,
                            class,
                            title: format!("{} · {}: no figure in the data", g.label, s.name),
                            value_label: None,
                            year_label: None,
                            center: r(x + w / 2.0),
                            missing: true,
                        },
                    }
                })
                .collect();
            BarGroupView {
                empty: g.values.iter().all(Option::is_none),
                label: truncate_to_width(&g.label, outer.width() + outer.width() * 0.2, FONT),
                full_label: g.label.clone(),
                center: r(outer.center(gi)),
                bars,
            }
        })
        .collect();

    if series.iter().any(|s| s.wide_scope) && series.iter().any(|s| !s.wide_scope) {
        notes
            .push("Pale bars with a dashed outline are figures for a whole state or country, not for the city.".into());
    } else if series.iter().all(|s| s.wide_scope) {
        notes.push("These are figures for a whole state or country, not for the city.".into());
    }
    let y_ticks = tick_values.iter().zip(labels).map(|(v, label)| Tick { pos: r(y.map(*v)), label }).collect();
    Some(BarChart {
        id: id.into(),
        title: title.into(),
        desc: describe(title, unit, series, groups, log, &notes),
        notes,
        width: WIDTH,
        height: HEIGHT,
        plot,
        y_ticks,
        y_label: if log { format!("{unit}, log scale") } else { unit.to_string() },
        groups: group_views,
        log,
    })
}

fn describe(
    title: &str,
    unit: &Unit,
    series: &[BarSeries],
    groups: &[BarGroupInput],
    log: bool,
    notes: &[String],
) -> String {
    let parts: Vec<String> = groups
        .iter()
        .map(|g| {
            let values: Vec<String> = series
                .iter()
                .zip(&g.values)
                .filter_map(|(s, v)| v.as_ref().map(|v| (s, v)))
                .map(|(s, v)| {
                    let name = if series.len() > 1 { format!("{} ", s.name) } else { String::new() };
                    format!("{name}{} in {}", format::figure(v.value, unit), v.year)
                })
                .collect();
            if values.is_empty() {
                format!("{}: no figure", g.label)
            } else {
                format!("{}: {}", g.label, values.join(", "))
            }
        })
        .collect();
    let scale = if log { " on a logarithmic scale" } else { "" };
    let mut text = format!("Bar chart of the latest {title}{scale}. {}.", and_list(&parts));
    for n in notes {
        text.push(' ');
        text.push_str(n);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(label: &str, colour: usize, values: &[Option<(f64, i64)>]) -> BarGroupInput {
        BarGroupInput {
            label: label.into(),
            colour,
            values: values
                .iter()
                .map(|v| v.map(|(value, year)| BarValue { value, year, source: "S".into() }))
                .collect(),
        }
    }

    fn one_series() -> Vec<BarSeries> {
        vec![BarSeries { name: "IT companies".into(), wide_scope: false }]
    }

    #[test]
    fn taller_bars_for_larger_values_from_a_common_baseline() {
        let c = bar_chart(
            "t",
            "T",
            &Unit::parse("count"),
            &one_series(),
            &[group("A", 0, &[Some((100.0, 2010))]), group("B", 1, &[Some((300.0, 2012))])],
            false,
        )
        .unwrap();
        let (a, b) = (&c.groups[0].bars[0], &c.groups[1].bars[0]);
        assert!(b.h > a.h);
        assert!((a.y + a.h - (b.y + b.h)).abs() < 0.2, "same baseline");
        assert_eq!(a.year_label.as_deref(), Some("2010"));
    }

    #[test]
    fn a_missing_figure_is_marked_not_drawn_as_zero() {
        let c = bar_chart(
            "t",
            "T",
            &Unit::parse("count"),
            &one_series(),
            &[group("A", 0, &[None]), group("B", 1, &[Some((5.0, 2020))])],
            false,
        )
        .unwrap();
        assert!(c.groups[0].bars[0].missing);
        assert!(c.groups[0].empty && !c.groups[1].empty);
        assert!(c.desc.contains("A: no figure"));
    }

    #[test]
    fn mixed_scopes_are_said_on_the_chart() {
        let series = vec![
            BarSeries { name: "IT employees".into(), wide_scope: false },
            BarSeries { name: "IT employees, whole state".into(), wide_scope: true },
        ];
        let c = bar_chart(
            "t",
            "T",
            &Unit::parse("persons"),
            &series,
            &[group("A", 0, &[Some((1.0, 2000)), Some((2.0, 2001))])],
            false,
        )
        .unwrap();
        assert!(c.notes.iter().any(|n| n.contains("dashed outline")));
        assert!(c.groups[0].bars[1].class.contains("wide"));
    }

    #[test]
    fn bars_never_overlap() {
        let series =
            vec![BarSeries { name: "a".into(), wide_scope: false }, BarSeries { name: "b".into(), wide_scope: true }];
        let groups: Vec<BarGroupInput> = (0..8)
            .map(|i| group(&format!("City {i}"), i, &[Some((i as f64 + 1.0, 2000)), Some((2.0, 2001))]))
            .collect();
        let c = bar_chart("t", "T", &Unit::parse("count"), &series, &groups, false).unwrap();
        let bars: Vec<&BarView> = c.groups.iter().flat_map(|g| &g.bars).collect();
        for pair in bars.windows(2) {
            assert!(pair[0].x + pair[0].w <= pair[1].x + 0.2);
        }
        assert!(bars.iter().all(|b| b.x >= c.plot.x - 0.1 && b.x + b.w <= c.plot.right() + 0.1));
    }
}
