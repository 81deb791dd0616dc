//! Horizontal bar charts: a labelled group per item (a city, a park), a row per series in it
//! (the city's own figure, a whole-state figure, ...), each row with its value and year
//! written beside it. Bars read at any width: on a wide layout the item's name sits left of its
//! bars, on a narrow one above them, wrapped rather than cut. Ranks are dots on an axis that
//! starts at 1, so the best rank is never the longest bar.

use super::layout::{
    FONT, Rect, Tick, Variant, clause_list, comma_list, description, r, sentence_with_notes, series_class,
};
use super::scale::{LinearScale, LogScale, Scale};
use super::text::{text_width, wrap_to_width};
use super::ticks::{log_ticks, nice_ticks};
use crate::format;
use crate::metric::{Scope, Unit};

/// How each value is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A bar from zero: amounts.
    Bar,
    /// A dot on an axis from 1: ranks, where smaller is better.
    Dot,
}

/// One series of the chart: a row in every group (a metric, or the one value of a ranking).
#[derive(Debug, Clone)]
pub struct HBarSeries {
    pub name: String,
    pub scope: Scope,
}

#[derive(Debug, Clone)]
pub struct HBarValue {
    pub value: f64,
    pub year: Option<i64>,
    /// Where the figure comes from, for its tooltip.
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct HBarGroup {
    pub label: String,
    pub colour: usize,
    /// One slot per series, in the order of the series.
    pub values: Vec<Option<HBarValue>>,
}

pub struct HBarSpec<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub unit: &'a Unit,
    pub series: &'a [HBarSeries],
    pub groups: &'a [HBarGroup],
    pub mark: Mark,
    pub log: bool,
    /// Largest first (rankings); otherwise the groups keep their order (cities as chosen).
    pub sort: bool,
}

#[derive(Debug, Clone)]
pub struct LabelView {
    pub x: f64,
    /// `end` beside the bars (wide), `start` above them (narrow).
    pub anchor: &'static str,
    pub y: f64,
    pub lines: Vec<String>,
    pub full: String,
}

#[derive(Debug, Clone)]
pub struct RowView {
    /// Bar: its rectangle; dot: `x`, `y` is the centre.
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub class: String,
    pub title: String,
    pub value_label: String,
    pub value_x: f64,
    pub value_y: f64,
}

#[derive(Debug, Clone)]
pub struct GroupView {
    pub label: LabelView,
    pub rows: Vec<RowView>,
    /// No figure at all: the group says so where its rows would be.
    pub empty_y: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct HBarChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub notes: Vec<String>,
    pub width: f64,
    pub height: f64,
    pub plot: Rect,
    pub x_ticks: Vec<Tick>,
    pub axis_label: String,
    pub groups: Vec<GroupView>,
    pub dots: bool,
}

const LINE: f64 = 15.0;
const BAR: f64 = 12.0;
const GAP: f64 = 10.0;

/// Lays out the chart for `variant`; `None` when no value is finite.
pub fn hbar_chart(spec: &HBarSpec, variant: Variant) -> Option<HBarChart> {
    let values: Vec<f64> =
        spec.groups.iter().flat_map(|g| g.values.iter().flatten().map(|v| v.value)).filter(|v| v.is_finite()).collect();
    let (min, max) = super::scale::extent(values.iter().copied())?;
    let mut notes = Vec::new();
    let log = spec.log && spec.mark == Mark::Bar && min > 0.0;
    if spec.log && !log && spec.mark == Mark::Bar {
        notes.push(crate::t("chart-log-refused"));
    }
    let width = variant.width();
    let label_width = match variant {
        Variant::Wide => (width * 0.3).min(190.0),
        Variant::Narrow => width - 8.0,
    };
    let mut groups: Vec<&HBarGroup> = spec.groups.iter().collect();
    if spec.sort {
        let key = |g: &HBarGroup| g.values.iter().flatten().map(|v| v.value).fold(f64::NEG_INFINITY, f64::max);
        groups.sort_by(|a, b| key(b).total_cmp(&key(a)).then_with(|| a.label.cmp(&b.label)));
    }
    let value_texts: Vec<Vec<Option<String>>> = groups
        .iter()
        .map(|g| g.values.iter().enumerate().map(|(si, v)| value_text(spec, g, si, v)).collect())
        .collect();
    let widest_value = value_texts.iter().flatten().flatten().map(|t| text_width(t, FONT)).fold(0.0, f64::max);
    // On a narrow layout the axis starts at the left edge, with room for half its first label.
    let first_label = if spec.mark == Mark::Dot { "1".to_string() } else { format::compact(min.min(0.0), spec.unit) };
    let plot_x = match variant {
        Variant::Wide => label_width + 12.0,
        Variant::Narrow => (text_width(&first_label, FONT) / 2.0 + 2.0).max(4.0),
    };
    // Room on the right for the value of the longest bar; beyond a third of the width, values
    // that do not fit right of their bar go above it instead.
    let right_room = (widest_value + 8.0).min(width * 0.34);
    let plot_w = (width - plot_x - right_room - 4.0).max(40.0);
    let top = 6.0;
    let ticks = axis_ticks(spec, min, max, log, plot_w);
    let (lo, hi) = (ticks[0], *ticks.last()?);
    let x = if log {
        Scale::Log(LogScale::new((lo, hi), (plot_x, plot_x + plot_w)).ok()?)
    } else {
        Scale::Linear(LinearScale::new((lo, hi), (plot_x, plot_x + plot_w)))
    };
    let zero = if log { plot_x } else { x.map(0.0_f64.max(lo)) };

    let mut y = top;
    let mut views = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let lines = wrap_to_width(&g.label, label_width, FONT, 2);
        let label_lines = lines.len().max(1) as f64;
        let shown: Vec<usize> = (0..spec.series.len()).filter(|si| value_texts[gi][*si].is_some()).collect();
        // A value that does not fit right of its bar goes on a line of its own above it.
        let above: Vec<bool> = shown
            .iter()
            .map(|&si| {
                let v = g.values[si].as_ref().map_or(0.0, |v| v.value);
                let end = x.map(v).max(zero) + if spec.mark == Mark::Dot { BAR / 2.0 } else { 0.0 };
                let text = value_texts[gi][si].as_deref().unwrap_or_default();
                end + 4.0 + text_width(text, FONT) > width - 2.0
            })
            .collect();
        let row_heights: Vec<f64> = above.iter().map(|a| BAR + 8.0 + if *a { LINE } else { 0.0 }).collect();
        let rows_height = row_heights.iter().sum::<f64>().max(BAR + 8.0);
        let (label, rows_top) = match variant {
            Variant::Wide => {
                let block = rows_height.max(label_lines * LINE);
                let label_top = y + (block - label_lines * LINE) / 2.0;
                (
                    LabelView { x: label_width, anchor: "end", y: r(label_top + FONT), lines, full: g.label.clone() },
                    y + (block - rows_height) / 2.0,
                )
            }
            Variant::Narrow => (
                LabelView { x: 4.0, anchor: "start", y: r(y + FONT), lines, full: g.label.clone() },
                y + label_lines * LINE + 2.0,
            ),
        };
        let mut row_top = rows_top;
        let rows = shown
            .iter()
            .zip(above.iter().zip(&row_heights))
            .filter_map(|(&si, (&above, &height))| {
                let v = g.values[si].as_ref()?;
                let text = value_texts[gi][si].clone()?;
                let bar_y = row_top + 4.0 + if above { LINE } else { 0.0 };
                row_top += height;
                Some(row_view(spec, g, si, v, text, bar_y, above, &x, zero))
            })
            .collect();
        let block_bottom = match variant {
            Variant::Wide => y + rows_height.max(label_lines * LINE),
            Variant::Narrow => rows_top + rows_height,
        };
        views.push(GroupView { empty_y: shown.is_empty().then(|| r(rows_top + 4.0 + BAR - 2.0)), label, rows });
        y = block_bottom + GAP;
    }
    let plot = Rect { x: r(plot_x), y: top, w: r(plot_w), h: r(y - top - GAP + 4.0) };
    let x_ticks = ticks
        .iter()
        .map(|v| Tick {
            pos: r(x.map(*v)),
            label: if spec.mark == Mark::Dot { format!("{}", *v as i64) } else { format::compact(*v, spec.unit) },
        })
        .collect();
    notes.extend(scope_notes(spec.series));
    let axis_label = match spec.mark {
        Mark::Dot => crate::t("chart-rank-axis-left"),
        Mark::Bar if log => crate::t1("chart-axis-log", "unit", format::unit_label(spec.unit)),
        Mark::Bar => format::unit_label(spec.unit),
    };
    Some(HBarChart {
        id: spec.id.into(),
        title: spec.title.into(),
        desc: describe(spec, &notes),
        notes,
        width,
        height: r(plot.bottom() + 34.0),
        plot,
        x_ticks,
        axis_label,
        groups: views,
        dots: spec.mark == Mark::Dot,
    })
}

/// Tick values whose labels fit side by side along `plot_w`: as many as fit, up to five.
fn axis_ticks(spec: &HBarSpec, min: f64, max: f64, log: bool, plot_w: f64) -> Vec<f64> {
    let label = |v: f64| if spec.mark == Mark::Dot { format!("{}", v as i64) } else { format::compact(v, spec.unit) };
    let fits = |ticks: &[f64]| {
        let widest = ticks.iter().map(|v| text_width(&label(*v), FONT)).fold(0.0, f64::max);
        ticks.len() < 2 || plot_w / (ticks.len() - 1) as f64 >= widest + 8.0
    };
    let candidates = |target: usize| -> Vec<f64> {
        match spec.mark {
            Mark::Dot => {
                let mut t: Vec<f64> =
                    nice_ticks(0.0, max.max(2.0), target).values.into_iter().filter(|v| *v >= 1.0).collect();
                t.insert(0, 1.0);
                t.dedup();
                t
            }
            Mark::Bar if log => {
                log_ticks(min, max).map(|t| t.values).unwrap_or_else(|_| nice_ticks(0.0, max, target).values)
            }
            Mark::Bar => nice_ticks(min.min(0.0), max, target).values,
        }
    };
    for target in (1..=4).rev() {
        let mut ticks = candidates(target);
        // Log ticks are every power of ten: keep every other one until they fit.
        while !fits(&ticks) && ticks.len() > 2 && log {
            let last = *ticks.last().unwrap_or(&1.0);
            ticks = ticks.iter().copied().step_by(2).collect();
            if ticks.last() != Some(&last) {
                ticks.push(last);
            }
        }
        if fits(&ticks) {
            return ticks;
        }
    }
    candidates(1)
}

/// `US$21.7 bn · 2013`, with the scope when the figure is not the city's own, and the
/// metric when two rows of the group would otherwise read the same.
fn value_text(spec: &HBarSpec, g: &HBarGroup, si: usize, v: &Option<HBarValue>) -> Option<String> {
    let v = v.as_ref().filter(|v| v.value.is_finite())?;
    let s = &spec.series[si];
    let mut text = match spec.mark {
        Mark::Dot => format::ordinal(v.value),
        Mark::Bar => format::compact(v.value, spec.unit),
    };
    if let Some(year) = v.year {
        text.push_str(&format!(" · {year}"));
    }
    let same_scope =
        g.values.iter().enumerate().filter(|(i, o)| o.is_some() && spec.series[*i].scope == s.scope).count();
    if same_scope > 1 {
        text.push_str(&format!(" · {}", s.name));
    } else if !s.scope.is_city() {
        text.push_str(&format!(" · {}", s.scope.label()));
    }
    Some(text)
}

#[allow(clippy::too_many_arguments)]
fn row_view(
    spec: &HBarSpec,
    g: &HBarGroup,
    si: usize,
    v: &HBarValue,
    text: String,
    bar_y: f64,
    above: bool,
    x: &Scale,
    zero: f64,
) -> RowView {
    let s = &spec.series[si];
    let at = x.map(v.value);
    let (x0, w) = match spec.mark {
        Mark::Bar if at >= zero => (zero, (at - zero).max(1.0)),
        Mark::Bar => (at, zero - at),
        Mark::Dot => (at, 0.0),
    };
    let end = if spec.mark == Mark::Dot { at + BAR / 2.0 } else { x0 + w };
    let (value_x, value_y) = if above {
        // From the bar's start (or the dot's left edge), on the line above.
        (if spec.mark == Mark::Dot { (at - BAR / 2.0).max(2.0) } else { x0 }, bar_y - 4.0)
    } else {
        (end + 4.0, bar_y + BAR / 2.0 + FONT * 0.35)
    };
    let scope_class = match s.scope {
        Scope::State => " wide state",
        Scope::National => " wide national",
        _ => "",
    };
    RowView {
        x: r(x0),
        y: r(bar_y),
        w: r(w),
        h: BAR,
        class: format!("{}{scope_class}", series_class(g.colour)),
        title: super::layout::tooltip(
            &format!("{} · {}", g.label, s.name),
            v.year,
            &format::figure(v.value, spec.unit),
            &v.source,
        ),
        value_label: text,
        value_x: r(value_x),
        value_y: r(value_y),
    }
}

fn scope_notes(series: &[HBarSeries]) -> Vec<String> {
    let wide = series.iter().filter(|s| s.scope.is_wider_than_city()).count();
    match wide {
        0 => Vec::new(),
        n if n == series.len() => vec![crate::t("chart-wide-only")],
        _ => vec![crate::t("chart-wide-pale")],
    }
}

fn describe(spec: &HBarSpec, notes: &[String]) -> String {
    let parts: Vec<String> = spec
        .groups
        .iter()
        .map(|g| {
            let values: Vec<String> = spec
                .series
                .iter()
                .zip(&g.values)
                .filter_map(|(s, v)| v.as_ref().map(|v| (s, v)))
                .map(|(s, v)| {
                    let value = format::figure(v.value, spec.unit);
                    let value = match v.year {
                        Some(year) => crate::t2("chart-desc-value-year", "value", value, "year", year),
                        None => value,
                    };
                    if spec.series.len() > 1 {
                        crate::t2("chart-desc-named", "name", &s.name, "value", value)
                    } else {
                        value
                    }
                })
                .collect();
            if values.is_empty() {
                crate::t1("chart-desc-no-figure", "label", &g.label)
            } else {
                crate::t2("chart-desc-item", "label", &g.label, "values", comma_list(&values))
            }
        })
        .collect();
    let head = match (spec.mark, spec.log) {
        (Mark::Dot, false) => crate::t1("hbar-desc-dots", "title", spec.title),
        (Mark::Dot, true) => crate::t1("hbar-desc-dots-log", "title", spec.title),
        (Mark::Bar, false) => crate::t1("hbar-desc-bars", "title", spec.title),
        (Mark::Bar, true) => crate::t1("hbar-desc-bars-log", "title", spec.title),
    };
    sentence_with_notes(&description(&head, &clause_list(&parts)), notes)
}

#[cfg(test)]
#[path = "hbar_tests.rs"]
mod tests;
