//! What every chart shares: its frame, tick marks, series colours, and the text the chart's
//! `<title>` and `<desc>` carry.

use super::text::text_width;

/// Font size of chart text in SVG user units; `static/css/app.css` uses the same.
pub const FONT: f64 = 12.0;
/// Eight series colours (`--series-0` .. `--series-7` in the stylesheet), one per city.
pub const SERIES_COLOURS: usize = 8;

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

/// Rounds to a tenth of a unit: enough for crisp SVG, short markup.
pub fn r(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The widest of some labels, for margins.
pub fn widest(labels: impl IntoIterator<Item = impl AsRef<str>>) -> f64 {
    labels.into_iter().map(|l| text_width(l.as_ref(), FONT)).fold(0.0, f64::max)
}

/// Where a series' figures come from, as the chart must say when scopes differ.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeNote {
    /// "whole country", "whole state", ...; `None` for city figures.
    pub wide: Option<String>,
}

/// Joins items as "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
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
