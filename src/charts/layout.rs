//! What every chart shares: its frame, tick marks, series colours, and the text the chart's
//! `<title>` and `<desc>` carry.

use super::text::text_width;

/// Font size of chart text in SVG user units; `static/css/app.css` uses the same.
pub const FONT: f64 = 12.0;
/// Eight series colours (`--series-0` .. `--series-7` in the stylesheet), one per city.
pub const SERIES_COLOURS: usize = 8;

/// The width a chart is laid out for. Pages carry both and CSS shows the one that fits the
/// chart's box, so text stays at its size (12 px) instead of shrinking with the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Desktop: a box of about 440 px and up (a column of two at 1,280 px is about 500).
    Wide,
    /// Phones: a box of about 300 to 440 px.
    Narrow,
}

impl Variant {
    pub const ALL: [Variant; 2] = [Variant::Wide, Variant::Narrow];

    pub fn width(self) -> f64 {
        match self {
            Variant::Wide => 480.0,
            Variant::Narrow => 340.0,
        }
    }

    /// The class the stylesheet shows or hides by the chart box's width.
    pub fn class(self) -> &'static str {
        match self {
            Variant::Wide => "wide-layout",
            Variant::Narrow => "narrow-layout",
        }
    }

    /// Suffix of the SVG's element ids, which must differ between the two copies.
    pub fn id_suffix(self) -> &'static str {
        match self {
            Variant::Wide => "w",
            Variant::Narrow => "n",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// A tick on an axis: its position in user units and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub pos: f64,
    pub label: String,
}

/// The class that colours a series: `s0` .. `s7`.
pub fn series_class(index: usize) -> String {
    format!("s{}", index % SERIES_COLOURS)
}

/// Distinct marker shapes; series past them repeat the shapes hollow.
pub const SHAPES: usize = 6;

/// The outline of marker `shape` centred on (x, y), `size` about its radius: a circle, a
/// square, a triangle, a diamond, a triangle pointing down, a hexagon.
pub fn marker_path(shape: usize, x: f64, y: f64, size: f64) -> String {
    let p = |dx: f64, dy: f64| format!("{} {}", r(x + dx * size), r(y + dy * size));
    match shape % SHAPES {
        0 => format!("M{} a{s} {s} 0 1 0 {d} 0 a{s} {s} 0 1 0 -{d} 0Z", p(-1.0, 0.0), s = r(size), d = r(2.0 * size)),
        1 => format!("M{}L{}L{}L{}Z", p(-0.9, -0.9), p(0.9, -0.9), p(0.9, 0.9), p(-0.9, 0.9)),
        2 => format!("M{}L{}L{}Z", p(0.0, -1.2), p(1.1, 0.9), p(-1.1, 0.9)),
        3 => format!("M{}L{}L{}L{}Z", p(0.0, -1.3), p(1.3, 0.0), p(0.0, 1.3), p(-1.3, 0.0)),
        4 => format!("M{}L{}L{}Z", p(0.0, 1.2), p(1.1, -0.9), p(-1.1, -0.9)),
        _ => format!(
            "M{}L{}L{}L{}L{}L{}Z",
            p(-1.1, 0.0),
            p(-0.55, -1.0),
            p(0.55, -1.0),
            p(1.1, 0.0),
            p(0.55, 1.0),
            p(-0.55, 1.0)
        ),
    }
}

/// Rounds to a tenth of a unit: enough for crisp SVG, short markup. Positions far off the
/// drawing (a value at f64::MAX on a clamped axis) are held at ±10^12 so they stay finite.
pub fn r(v: f64) -> f64 {
    if v.is_nan() {
        return 0.0;
    }
    (v.clamp(-1e12, 1e12) * 10.0).round() / 10.0
}

/// The widest of some labels, for margins.
pub fn widest(labels: impl IntoIterator<Item = impl AsRef<str>>) -> f64 {
    labels.into_iter().map(|l| text_width(l.as_ref(), FONT)).fold(0.0, f64::max)
}

fn chinese() -> bool {
    crate::i18n::lang() == crate::i18n::Lang::Zh
}

/// A chart's description followed by its notes, as one text.
pub fn sentence_with_notes(first: &str, notes: &[String]) -> String {
    let mut text = first.to_string();
    for n in notes {
        if !chinese() {
            text.push(' ');
        }
        text.push_str(n);
    }
    text
}

/// Joins items as "a, b and c" ("a、b和c" on Chinese pages).
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let separator = if chinese() { "、" } else { ", " };
            crate::t2("list-and", "init", init.join(separator), "last", last)
        }
    }
}

/// Joins a few values as "a, b" ("a，b").
pub fn comma_list(items: &[String]) -> String {
    items.join(if chinese() { "，" } else { ", " })
}

/// Joins parts of a description that hold commas themselves: "a, b and c" in English, "a；b；c"
/// in Chinese, where an enumeration comma would not separate them.
pub fn clause_list(items: &[String]) -> String {
    if chinese() { items.join("；") } else { and_list(items) }
}

/// A chart's description: what it is, then what it shows ("Bar chart of T. A: 1 and B: 2.").
pub fn description(head: &str, body: &str) -> String {
    crate::t2("chart-desc", "head", head, "body", body)
}

/// A mark's tooltip: "Dalian · IT exports, 2013: US$1.2 bn (INTHEBLACK, 2014)".
pub fn tooltip(what: &str, year: Option<i64>, value: &str, source: &str) -> String {
    match year {
        Some(year) => {
            crate::tn("chart-tooltip-year", &[("what", &what), ("year", &year), ("value", &value), ("source", &source)])
        }
        None => crate::tn("chart-tooltip", &[("what", &what), ("value", &value), ("source", &source)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["a".into()]), "a");
        assert_eq!(and_list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }

    #[test]
    fn series_classes_cycle_through_the_palette() {
        assert_eq!(series_class(0), "s0");
        assert_eq!(series_class(9), "s1");
    }
}
