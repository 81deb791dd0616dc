//! A chart as a file of its own (`/compare/chart.svg`): the wide layout with, inside it, the few
//! styles it needs in concrete colours (light, and dark under `prefers-color-scheme`), a
//! backdrop so it reads on any page, and its sources in the description. It refers to nothing
//! outside itself and runs nothing, so it works in an `<img>` and in documents.

use super::ChartBlock;
use crate::charts::layout::FONT;
use crate::charts::text::{truncate_to_width, wrap_to_width};

/// The site's colours (static/css/app.css) as a standalone chart needs them; a test keeps the
/// two in step. Concrete values rather than custom properties, which not every SVG renderer
/// reads.
struct Palette {
    surface: &'static str,
    text: &'static str,
    muted: &'static str,
    border: &'static str,
    series: [&'static str; 8],
}

const LIGHT: Palette = Palette {
    surface: "#ffffff",
    text: "#1b2430",
    muted: "#56606d",
    border: "#d9dee5",
    series: ["#0b6fb0", "#c85200", "#00876a", "#b0417f", "#8a6400", "#5b4bb7", "#007f99", "#5f6670"],
};

const DARK: Palette = Palette {
    surface: "#1a2029",
    text: "#e6e9ee",
    muted: "#a9b2be",
    border: "#323b47",
    series: ["#5fb3f0", "#ff9a5c", "#3fd1a8", "#f08cc4", "#e0bb55", "#a99cff", "#4fd0ea", "#b7bec8"],
};

/// Sizes and strokes, the same in both schemes (as in app.css for `.chart-svg`).
const SHAPES: &str = "svg{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Helvetica Neue\",Arial,sans-serif}\
text{font-size:12px}\
.grid line,.grid-row,.baseline{stroke-width:1;shape-rendering:crispEdges}\
.axis-label,.no-figure{font-style:italic}\
.value,.file-title{font-weight:600}\
.file-title{font-size:13px}\
.credit{font-size:11px}\
rect,circle{stroke-width:0}\
.wide rect{fill-opacity:.3;stroke-width:2}\
.state rect{stroke-dasharray:6 3}\
.national rect{stroke-dasharray:2 3}\
.band{stroke-opacity:.35;stroke-width:10;stroke-linecap:round}\
.band-chart circle{stroke-width:1.5}";

fn colours(p: &Palette) -> String {
    let mut css = format!(
        ".backdrop{{fill:{s}}}text{{fill:{m}}}.grid line,.grid-row{{stroke:{b}}}.baseline{{stroke:{m}}}\
         .value,.group-label,.row-label,.column-label,.file-title{{fill:{t}}}",
        s = p.surface,
        m = p.muted,
        b = p.border,
        t = p.text
    );
    for (i, c) in p.series.iter().enumerate() {
        css.push_str(&format!(".s{i} rect,.s{i} circle{{fill:{c};stroke:{c}}}.s{i} .band{{stroke:{c}}}"));
    }
    // A rank's dot is ringed in the background colour, so it stands out of its band.
    css.push_str(&format!(".band-chart circle{{stroke:{}}}", p.surface));
    css
}

/// The `<style>` of a standalone chart.
fn style() -> String {
    format!("{SHAPES}{}@media (prefers-color-scheme:dark){{{}}}", colours(&LIGHT), colours(&DARK))
}

/// Text made safe inside an XML element.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Room above the chart for its title, and the height of a line of the credit below it.
const TITLE_HEIGHT: f64 = 26.0;
const CREDIT_LINE: f64 = 14.0;
const CREDIT_FONT: f64 = 11.0;

/// The chart's wide layout as an SVG document: its title above it and `credit` (its sources
/// and where it comes from) below, both also in its description, since an image's own
/// `<title>` is not shown. `None` when the chart is not drawn.
pub fn standalone_svg(block: &ChartBlock, credit: &str) -> Option<String> {
    let svg = block.wide_svg();
    let open_end = svg.find('>')? + 1;
    let desc_end = svg.find("</desc>")?;
    let drawing = &svg[desc_end + "</desc>".len()..svg.rfind("</svg>")?];
    let (w, h) = block.wide_size;
    let title = truncate_to_width(&block.title, w - 8.0, FONT + 1.0);
    let credit_lines = wrap_to_width(credit, w - 8.0, CREDIT_FONT, 4);
    let total = h + TITLE_HEIGHT + 6.0 + CREDIT_LINE * credit_lines.len() as f64;
    let open = svg[..open_end].replacen(
        &format!("height=\"{h}\" viewBox=\"0 0 {w} {h}\""),
        &format!("height=\"{total}\" viewBox=\"0 0 {w} {total}\""),
        1,
    );
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{open}\n<style>{}</style>{} {}</desc>\n\
         <rect class=\"backdrop\" width=\"100%\" height=\"100%\"/>\n\
         <text class=\"file-title\" x=\"4\" y=\"17\">{}</text>\n<g transform=\"translate(0 {TITLE_HEIGHT})\">{drawing}</g>\n",
        style(),
        &svg[open_end..desc_end],
        xml_text(credit),
        xml_text(&title),
    );
    for (i, line) in credit_lines.iter().enumerate() {
        let y = h + TITLE_HEIGHT + CREDIT_LINE * (i as f64 + 1.0);
        out.push_str(&format!("<text class=\"credit\" x=\"4\" y=\"{y}\">{}</text>\n", xml_text(line)));
    }
    out.push_str("</svg>\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The palettes are the stylesheet's: light in its `:root`, dark in its dark-scheme block.
    #[test]
    fn the_palettes_are_the_stylesheets() {
        let css = include_str!("../../../static/css/app.css");
        let (light, dark) = css.split_once("@media (prefers-color-scheme: dark)").unwrap();
        for (part, p) in [(light, &LIGHT), (dark, &DARK)] {
            let named = [("surface", p.surface), ("text", p.text), ("muted", p.muted), ("border", p.border)];
            for (name, value) in named {
                assert!(part.contains(&format!("--{name}: {value};")), "--{name}: {value}");
            }
            for (i, value) in p.series.iter().enumerate() {
                assert!(part.contains(&format!("--series-{i}: {value};")), "--series-{i}: {value}");
            }
        }
    }

    #[test]
    fn the_style_has_both_schemes_and_nothing_from_outside() {
        let s = style();
        assert!(s.contains("@media (prefers-color-scheme:dark)"));
        assert!(!s.contains("url(") && !s.contains("@import") && !s.contains("var("));
        assert_eq!(s.matches('{').count(), s.matches('}').count());
    }
}
