//! Rank bands: each ranked city's rank as a dot, with the band of ranks it takes when the
//! weights move a little (a thick line), on an axis from 1 (best, left) to the last rank.

use super::layout::{FONT, Rect, Tick, Variant, description, r, series_class};
use super::scale::LinearScale;
use super::text::{text_width, wrap_to_width};
use crate::format;

#[derive(Debug, Clone)]
pub struct BandInput {
    pub label: String,
    pub colour: usize,
    pub rank: Option<u32>,
    pub low: Option<u32>,
    pub high: Option<u32>,
    pub p_first: f64,
    /// Why an unranked city has no rank.
    pub unranked: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BandRowView {
    pub label_lines: Vec<String>,
    pub label_x: f64,
    pub label_y: f64,
    pub label_anchor: &'static str,
    pub full_label: String,
    pub class: String,
    /// The band's ends and the dot, when ranked.
    pub band: Option<(f64, f64)>,
    pub dot: Option<f64>,
    pub y: f64,
    pub text: String,
    pub text_x: f64,
    pub text_y: f64,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct BandChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub plot: Rect,
    pub x_ticks: Vec<Tick>,
    pub rows: Vec<BandRowView>,
}

const ROW: f64 = 30.0;
const LINE: f64 = 15.0;

/// "2nd (1st to 3rd) · first in 21%", or why there is no rank.
fn row_text(row: &BandInput) -> String {
    match (row.rank, row.low, row.high) {
        (Some(rank), Some(low), Some(high)) if low != high => crate::tn(
            "bands-rank-range",
            &[
                ("rank", &format::ordinal(rank as f64)),
                ("low", &format::ordinal(low as f64)),
                ("high", &format::ordinal(high as f64)),
                ("share", &share(row.p_first)),
            ],
        ),
        (Some(rank), _, _) => {
            crate::t2("bands-rank-steady", "rank", format::ordinal(rank as f64), "share", share(row.p_first))
        }
        _ => crate::t1("bands-unranked", "why", row.unranked.clone().unwrap_or_else(|| crate::t("bands-no-score"))),
    }
}

/// A share of draws as people say it: "21%", "<1%", "100%".
pub fn share(p: f64) -> String {
    if p > 0.0 && p < 0.01 { "<1%".into() } else { format!("{}%", (p * 100.0).floor()) }
}

/// Lays out the chart; `None` without any row.
pub fn rank_band_chart(id: &str, title: &str, rows: &[BandInput], variant: Variant) -> Option<BandChart> {
    if rows.is_empty() {
        return None;
    }
    let width = variant.width();
    let last = rows.iter().filter_map(|r| r.high.max(r.rank)).max().unwrap_or(1).max(2);
    let label_room = if variant == Variant::Wide { (width * 0.28).min(150.0) } else { width - 8.0 };
    let texts: Vec<String> = rows.iter().map(row_text).collect();
    let text_room = texts.iter().map(|t| text_width(t, FONT)).fold(0.0, f64::max);
    let plot_x = if variant == Variant::Wide { label_room + 12.0 } else { 10.0 };
    // The rank text goes right of the axis on a wide layout, under the band on a narrow one.
    let plot_w = if variant == Variant::Wide { (width - plot_x - text_room - 12.0).max(80.0) } else { width - 20.0 };
    let x = LinearScale::new((1.0, last as f64), (plot_x + 6.0, plot_x + plot_w - 6.0));
    let mut y = 8.0;
    let mut views = Vec::new();
    for (row, text) in rows.iter().zip(texts) {
        let lines = wrap_to_width(&row.label, label_room, FONT, 2);
        let (label_x, label_anchor, label_y, band_y) = match variant {
            Variant::Wide => (label_room, "end", y + ROW / 2.0 + FONT * 0.35, y + ROW / 2.0),
            Variant::Narrow => (4.0, "start", y + FONT, y + lines.len() as f64 * LINE + 8.0),
        };
        let ranked = row.rank.is_some();
        let text_x = if variant == Variant::Wide { plot_x + plot_w + 8.0 } else { 4.0 };
        let text_y = match variant {
            Variant::Narrow if ranked => band_y + 10.0 + FONT,
            _ => band_y + FONT * 0.35,
        };
        let view = BandRowView {
            label_x,
            label_y: r(label_y),
            label_anchor,
            full_label: row.label.clone(),
            class: series_class(row.colour),
            band: row.low.zip(row.high).map(|(lo, hi)| (r(x.map(lo as f64)), r(x.map(hi as f64)))),
            dot: row.rank.map(|rank| r(x.map(rank as f64))),
            y: r(band_y),
            text_x,
            text_y: r(text_y),
            title: crate::t2("chart-desc-item", "label", &row.label, "values", &text),
            text,
            label_lines: lines,
        };
        y = match variant {
            Variant::Wide => y + ROW.max(view.label_lines.len() as f64 * LINE + 6.0),
            Variant::Narrow => band_y + if ranked { 10.0 + LINE } else { LINE } + 8.0,
        };
        views.push(view);
    }
    let plot = Rect { x: r(plot_x), y: 8.0, w: r(plot_w), h: r(y - 8.0) };
    let step = ((last as f64) / if variant == Variant::Wide { 6.0 } else { 4.0 }).ceil().max(1.0) as u32;
    let mut ticks: Vec<u32> = (1..=last).step_by(step as usize).collect();
    if ticks.last() != Some(&last) {
        ticks.push(last);
    }
    let x_ticks = ticks.into_iter().map(|t| Tick { pos: r(x.map(t as f64)), label: t.to_string() }).collect();
    let desc_parts: Vec<String> = rows
        .iter()
        .zip(&views)
        .map(|(row, v)| crate::t2("chart-desc-item", "label", &row.label, "values", &v.text))
        .collect();
    Some(BandChart {
        id: id.into(),
        title: title.into(),
        desc: description(
            &crate::t("bands-desc"),
            &desc_parts.join(if crate::i18n::lang() == crate::i18n::Lang::Zh { "；" } else { "; " }),
        ),
        width,
        height: r(y + 30.0),
        plot,
        x_ticks,
        rows: views,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, rank: Option<u32>, low: u32, high: u32, p: f64) -> BandInput {
        BandInput {
            label: label.into(),
            colour: 0,
            rank,
            low: rank.map(|_| low),
            high: rank.map(|_| high),
            p_first: p,
            unranked: rank.is_none().then(|| "coverage below 50%".into()),
        }
    }

    #[test]
    fn the_best_rank_is_on_the_left_and_the_band_holds_the_rank() {
        let rows =
            [row("Bangalore", Some(1), 1, 2, 0.8), row("Dalian", Some(2), 1, 3, 0.2), row("Pune", None, 0, 0, 0.0)];
        for variant in Variant::ALL {
            let c = rank_band_chart("b", "B", &rows, variant).unwrap();
            assert!(c.rows[0].dot.unwrap() < c.rows[1].dot.unwrap());
            let (lo, hi) = c.rows[1].band.unwrap();
            assert!(lo <= c.rows[1].dot.unwrap() && c.rows[1].dot.unwrap() <= hi);
            assert_eq!(c.rows[1].text, "2nd (1st to 3rd) · first in 20%");
            assert_eq!(c.rows[2].text, "not ranked: coverage below 50%");
            assert!(c.rows[2].dot.is_none());
            for v in &c.rows {
                assert!(v.text_x + text_width(&v.text, FONT) <= c.width + 0.5, "{} at {variant:?}", v.text);
            }
        }
    }

    #[test]
    fn shares_read_as_people_say_them() {
        assert_eq!(share(0.0), "0%");
        assert_eq!(share(0.004), "<1%");
        assert_eq!(share(0.219), "21%");
        assert_eq!(share(1.0), "100%");
    }
}
