//! Horizontal bar charts for rankings: one labelled row per item, longest bar first, so long
//! names (tech parks) stay readable.

use super::layout::{FONT, Rect, Tick, and_list, r, series_class};
use super::scale::LinearScale;
use super::text::{text_width, truncate_to_width};
use super::ticks::nice_ticks;
use crate::format;
use crate::metric::Unit;

#[derive(Debug, Clone)]
pub struct HBarInput {
    pub label: String,
    pub colour: usize,
    pub value: f64,
    /// Tooltip detail: city, year or source.
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct HBarView {
    pub label: String,
    pub full_label: String,
    pub label_y: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub class: String,
    pub title: String,
    pub value_label: String,
    pub value_x: f64,
}

#[derive(Debug, Clone)]
pub struct HBarChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub plot: Rect,
    pub x_ticks: Vec<Tick>,
    pub rows: Vec<HBarView>,
}

pub const WIDTH: f64 = 640.0;
const ROW: f64 = 24.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 26.0;

/// Lays out the ranking of `rows` by value (largest first); `None` without rows.
pub fn hbar_chart(id: &str, title: &str, unit: &Unit, rows: &[HBarInput]) -> Option<HBarChart> {
    let mut rows: Vec<&HBarInput> = rows.iter().filter(|r| r.value.is_finite()).collect();
    if rows.is_empty() {
        return None;
    }
    rows.sort_by(|a, b| b.value.total_cmp(&a.value).then_with(|| a.label.cmp(&b.label)));
    let max = rows.iter().map(|r| r.value).fold(0.0, f64::max);
    let ticks = nice_ticks(0.0, max, 4).values;
    let widest_label = rows.iter().map(|r| text_width(&r.label, FONT)).fold(0.0, f64::max);
    let left = (widest_label + 12.0).min(WIDTH * 0.42);
    let widest_value = rows.iter().map(|r| text_width(&format::compact(r.value, unit), FONT)).fold(0.0, f64::max);
    let height = TOP + ROW * rows.len() as f64 + BOTTOM;
    let plot = Rect { x: r(left), y: TOP, w: r(WIDTH - left - widest_value - 14.0), h: ROW * rows.len() as f64 };
    let x = LinearScale::new((ticks[0], *ticks.last()?), (plot.x, plot.right()));
    let views = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let y = plot.y + ROW * i as f64;
            let end = x.map(row.value.max(0.0));
            HBarView {
                label: truncate_to_width(&row.label, left - 10.0, FONT),
                full_label: row.label.clone(),
                label_y: r(y + ROW / 2.0 + FONT * 0.35),
                y: r(y + 4.0),
                w: r((end - plot.x).max(1.0)),
                h: ROW - 8.0,
                class: series_class(row.colour),
                title: format!("{}: {} ({})", row.label, format::figure(row.value, unit), row.detail),
                value_label: format::compact(row.value, unit),
                value_x: r(end + 4.0),
            }
        })
        .collect();
    let x_ticks = ticks.iter().map(|v| Tick { pos: r(x.map(*v)), label: format::compact(*v, unit) }).collect();
    let parts: Vec<String> = rows.iter().map(|r| format!("{} {}", r.label, format::figure(r.value, unit))).collect();
    Some(HBarChart {
        id: id.into(),
        title: title.into(),
        desc: format!("Horizontal bar chart ranking {title}, largest first: {}.", and_list(&parts)),
        width: WIDTH,
        height,
        plot,
        x_ticks,
        rows: views,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, value: f64) -> HBarInput {
        HBarInput { label: label.into(), colour: 0, value, detail: "d".into() }
    }

    #[test]
    fn rows_are_ranked_largest_first_and_fit() {
        let c = hbar_chart(
            "t",
            "companies",
            &Unit::parse("count"),
            &[row("Small", 10.0), row("Big", 650.0), row("Mid", 200.0)],
        )
        .unwrap();
        let labels: Vec<&str> = c.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Big", "Mid", "Small"]);
        assert!(c.rows[0].w > c.rows[1].w && c.rows[1].w > c.rows[2].w);
        for v in &c.rows {
            assert!(v.value_x + text_width(&v.value_label, FONT) <= WIDTH + 0.5, "value label inside the chart");
        }
    }

    #[test]
    fn long_names_are_shortened_to_the_margin() {
        let long = "Dalian high-tech zone business parks (seven parks) and a very long tail of words";
        let c = hbar_chart("t", "T", &Unit::parse("count"), &[row(long, 1.0)]).unwrap();
        assert!(c.rows[0].label.ends_with('…'));
        assert!(text_width(&c.rows[0].label, FONT) <= c.plot.x);
        assert_eq!(c.rows[0].full_label, long);
    }

    #[test]
    fn rows_do_not_overlap() {
        let rows: Vec<HBarInput> = (0..15).map(|i| row(&format!("P{i}"), i as f64)).collect();
        let c = hbar_chart("t", "T", &Unit::parse("count"), &rows).unwrap();
        for pair in c.rows.windows(2) {
            assert!(pair[0].y + pair[0].h <= pair[1].y);
        }
    }
}
