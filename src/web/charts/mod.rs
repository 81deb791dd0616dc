//! Charts as page parts: the SVG (rendered from `templates/charts/*.svg` over the geometry of
//! `crate::charts`) in a wide and a narrow layout, its legend, and the data table with the same
//! numbers and their sources. The same `ChartBlock` markup goes into the pages and into the
//! exported file. A chart that would compare nothing is not drawn: the block then says why
//! and shows its table.

mod families;
mod map;
mod standalone;

use askama::Template;

use super::view::TableCell;
use crate::charts::hbar::{HBarChart, HBarSpec, hbar_chart};
use crate::charts::layout::Variant;
use crate::charts::line::LineChart;
use crate::charts::matrix::MatrixChart;
use crate::charts::rank_bands::BandChart;
use crate::charts::scatter::ScatterChart;

pub use families::{family_bar_chart, family_line_chart};
pub use map::MapBlock;
pub use standalone::standalone_svg;

#[derive(Template)]
#[template(path = "charts/line.svg")]
struct LineSvg<'a> {
    chart: &'a LineChart,
    variant: Variant,
}

#[derive(Template)]
#[template(path = "charts/hbar.svg")]
struct HBarSvg<'a> {
    chart: &'a HBarChart,
    variant: Variant,
}

#[derive(Template)]
#[template(path = "charts/matrix.svg")]
struct MatrixSvg<'a> {
    chart: &'a MatrixChart,
    variant: Variant,
}

#[derive(Template)]
#[template(path = "charts/rank_bands.svg")]
struct BandSvg<'a> {
    chart: &'a BandChart,
    variant: Variant,
}

#[derive(Template)]
#[template(path = "charts/scatter.svg")]
struct ScatterSvg<'a> {
    chart: &'a ScatterChart,
    variant: Variant,
}

/// A legend entry: a colour swatch, or for a line chart the series' line and marker.
#[derive(Debug, Clone)]
pub struct LegendItem {
    pub class: String,
    pub name: String,
    /// The marker's outline in a 28×14 key, for line charts.
    pub marker: Option<String>,
}

impl LegendItem {
    pub fn swatch(class: String, name: String) -> Self {
        LegendItem { class, name, marker: None }
    }
}

/// The numbers of a chart as a table: one row per item, one column per series.
#[derive(Debug, Clone, Default)]
pub struct DataTable {
    pub corner: String,
    pub columns: Vec<String>,
    pub rows: Vec<DataRow>,
}

#[derive(Debug, Clone)]
pub struct DataRow {
    pub header: String,
    /// Each cell lists every figure (several sources may give one for the same year).
    pub cells: Vec<TableCell>,
}

/// A chart's two layouts, rendered.
struct Layouts {
    wide: String,
    narrow: String,
    wide_size: (f64, f64),
}

/// A chart ready for a page: heading, notes, legend, the SVG, and its data table.
#[derive(Debug, Clone)]
pub struct ChartBlock {
    pub id: String,
    pub title: String,
    pub notes: Vec<String>,
    pub legend: Vec<LegendItem>,
    /// Both layouts, rendered by askama from our own escaped templates: safe to insert as is.
    /// Empty when the chart is not drawn.
    pub svg: String,
    /// Where the wide layout ends in `svg` (it comes first).
    wide_len: usize,
    /// The wide layout's width and height, in pixels.
    pub wide_size: (f64, f64),
    /// Why there is no chart, when there is none: the table says it all.
    pub not_drawn: Option<String>,
    pub table: DataTable,
}

impl ChartBlock {
    fn drawn(
        id: &str,
        title: &str,
        notes: Vec<String>,
        legend: Vec<LegendItem>,
        svg: Layouts,
        table: DataTable,
    ) -> Self {
        ChartBlock {
            id: id.into(),
            title: title.into(),
            notes,
            legend,
            wide_len: svg.wide.len(),
            wide_size: svg.wide_size,
            svg: svg.wide + &svg.narrow,
            not_drawn: None,
            table,
        }
    }

    /// The wide layout alone: one `<svg>` element, empty when the chart is not drawn.
    pub fn wide_svg(&self) -> &str {
        &self.svg[..self.wide_len]
    }

    /// A block with the figures in its table and, in words, why they are not drawn.
    pub fn table_only(id: &str, title: &str, reason: String, table: DataTable) -> Self {
        ChartBlock {
            id: id.into(),
            title: title.into(),
            notes: Vec::new(),
            legend: Vec::new(),
            svg: String::new(),
            wide_len: 0,
            wide_size: (0.0, 0.0),
            not_drawn: Some(reason),
            table,
        }
    }

    /// Adds the notes a comparison's options call for: what was derived (when anything drawn
    /// is), and what was left out.
    pub fn with_notes(mut self, c: &crate::comparison::Comparison, left_out: bool) -> Self {
        let o = &c.options;
        let derived =
            self.table.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.figures).any(|f| f.derivation.is_some());
        if derived {
            let mut parts = Vec::new();
            if o.currency.is_some() {
                parts.push(crate::t("chart-derived-currency"));
            }
            if o.per_capita {
                parts.push(crate::t("chart-derived-per-capita"));
            }
            if o.growth {
                parts.push(crate::t("chart-derived-growth"));
            }
            let separator = if crate::i18n::lang() == crate::i18n::Lang::Zh { "；" } else { "; " };
            self.notes.push(crate::t1("chart-derived", "how", parts.join(separator)));
        }
        if left_out {
            self.notes.push(crate::t("chart-left-out"));
        }
        self
    }

    /// A line chart laid out by `layout` for both widths.
    pub fn line(
        layout: impl Fn(Variant) -> Option<LineChart>,
        legend: Vec<LegendItem>,
        table: DataTable,
    ) -> Result<Option<Self>, askama::Error> {
        let (Some(wide), Some(narrow)) = (layout(Variant::Wide), layout(Variant::Narrow)) else { return Ok(None) };
        let svg = Layouts {
            wide: LineSvg { chart: &wide, variant: Variant::Wide }.render()?,
            narrow: LineSvg { chart: &narrow, variant: Variant::Narrow }.render()?,
            wide_size: (wide.width, wide.height),
        };
        Ok(Some(ChartBlock::drawn(&wide.id, &wide.title, wide.notes.clone(), legend, svg, table)))
    }

    /// A horizontal bar or dot chart for both widths.
    pub fn hbar(spec: &HBarSpec, legend: Vec<LegendItem>, table: DataTable) -> Result<Option<Self>, askama::Error> {
        let (Some(wide), Some(narrow)) = (hbar_chart(spec, Variant::Wide), hbar_chart(spec, Variant::Narrow)) else {
            return Ok(None);
        };
        let svg = Layouts {
            wide: HBarSvg { chart: &wide, variant: Variant::Wide }.render()?,
            narrow: HBarSvg { chart: &narrow, variant: Variant::Narrow }.render()?,
            wide_size: (wide.width, wide.height),
        };
        Ok(Some(ChartBlock::drawn(&wide.id, &wide.title, wide.notes.clone(), legend, svg, table)))
    }

    /// Rank bands for both widths.
    pub fn bands(
        layout: impl Fn(Variant) -> Option<BandChart>,
        legend: Vec<LegendItem>,
        table: DataTable,
    ) -> Result<Option<Self>, askama::Error> {
        let (Some(wide), Some(narrow)) = (layout(Variant::Wide), layout(Variant::Narrow)) else { return Ok(None) };
        let svg = Layouts {
            wide: BandSvg { chart: &wide, variant: Variant::Wide }.render()?,
            narrow: BandSvg { chart: &narrow, variant: Variant::Narrow }.render()?,
            wide_size: (wide.width, wide.height),
        };
        Ok(Some(ChartBlock::drawn(&wide.id, &wide.title, Vec::new(), legend, svg, table)))
    }

    /// A scatter chart for both widths.
    pub fn scatter(
        layout: impl Fn(Variant) -> Option<ScatterChart>,
        legend: Vec<LegendItem>,
        table: DataTable,
    ) -> Result<Option<Self>, askama::Error> {
        let (Some(wide), Some(narrow)) = (layout(Variant::Wide), layout(Variant::Narrow)) else { return Ok(None) };
        let svg = Layouts {
            wide: ScatterSvg { chart: &wide, variant: Variant::Wide }.render()?,
            narrow: ScatterSvg { chart: &narrow, variant: Variant::Narrow }.render()?,
            wide_size: (wide.width, wide.height),
        };
        Ok(Some(ChartBlock::drawn(&wide.id, &wide.title, Vec::new(), legend, svg, table)))
    }

    pub fn matrix(
        layout: impl Fn(Variant) -> Option<MatrixChart>,
        table: DataTable,
    ) -> Result<Option<Self>, askama::Error> {
        let (Some(wide), Some(narrow)) = (layout(Variant::Wide), layout(Variant::Narrow)) else { return Ok(None) };
        let svg = Layouts {
            wide: MatrixSvg { chart: &wide, variant: Variant::Wide }.render()?,
            narrow: MatrixSvg { chart: &narrow, variant: Variant::Narrow }.render()?,
            wide_size: (wide.width, wide.height),
        };
        let note = crate::t("matrix-note");
        Ok(Some(ChartBlock::drawn(&wide.id, &wide.title, vec![note], Vec::new(), svg, table)))
    }
}
