//! Charts as page parts: the SVG (rendered from `templates/charts/*.svg` over the geometry of
//! `crate::charts`), its legend, and the data table with the same numbers and their sources.
//! The same `ChartBlock` markup goes into the pages and into the exported file.

use askama::Template;

use super::view::{Cite, Figure};
use crate::charts::bar::{BarChart, BarGroupInput, BarSeries, BarValue, bar_chart};
use crate::charts::hbar::HBarChart;
use crate::charts::layout::series_class;
use crate::charts::line::{LineChart, LineInput, LinePoint, YAxis, line_chart};
use crate::charts::matrix::MatrixChart;
use crate::comparison::Comparison;
use crate::db::metrics::MetricFigure;
use crate::metric::{Family, Metric};

#[derive(Template)]
#[template(path = "charts/line.svg")]
struct LineSvg<'a> {
    chart: &'a LineChart,
}

#[derive(Template)]
#[template(path = "charts/bar.svg")]
struct BarSvg<'a> {
    chart: &'a BarChart,
}

#[derive(Template)]
#[template(path = "charts/hbar.svg")]
struct HBarSvg<'a> {
    chart: &'a HBarChart,
}

#[derive(Template)]
#[template(path = "charts/matrix.svg")]
struct MatrixSvg<'a> {
    chart: &'a MatrixChart,
}

#[derive(Debug, Clone)]
pub struct LegendItem {
    pub class: String,
    pub name: String,
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
    pub cells: Vec<Vec<Figure>>,
}

/// A chart ready for a page: heading, notes, legend, the SVG, and its data table.
#[derive(Debug, Clone)]
pub struct ChartBlock {
    pub id: String,
    pub title: String,
    pub notes: Vec<String>,
    pub legend: Vec<LegendItem>,
    /// Rendered by askama from our own escaped template: safe to insert as is.
    pub svg: String,
    pub table: DataTable,
    /// Extra class on the figure (`wide` for charts that need the full width).
    pub class: &'static str,
}

impl ChartBlock {
    pub fn line(chart: &LineChart, legend: Vec<LegendItem>, table: DataTable) -> Result<Self, askama::Error> {
        Ok(ChartBlock {
            id: chart.id.clone(),
            title: chart.title.clone(),
            notes: chart.notes.clone(),
            legend,
            svg: LineSvg { chart }.render()?,
            table,
            class: "",
        })
    }

    pub fn bar(chart: &BarChart, legend: Vec<LegendItem>, table: DataTable) -> Result<Self, askama::Error> {
        Ok(ChartBlock {
            id: chart.id.clone(),
            title: chart.title.clone(),
            notes: chart.notes.clone(),
            legend,
            svg: BarSvg { chart }.render()?,
            table,
            class: "",
        })
    }

    pub fn hbar(chart: &HBarChart, legend: Vec<LegendItem>, table: DataTable) -> Result<Self, askama::Error> {
        Ok(ChartBlock {
            id: chart.id.clone(),
            title: chart.title.clone(),
            notes: Vec::new(),
            legend,
            svg: HBarSvg { chart }.render()?,
            table,
            class: "",
        })
    }

    pub fn matrix(chart: &MatrixChart, table: DataTable) -> Result<Self, askama::Error> {
        Ok(ChartBlock {
            id: chart.id.clone(),
            title: chart.title.clone(),
            notes: vec!["A filled dot: a source in the data says the city is known for the sector. A small ring: no source in the data says so, which is not a no.".into()],
            legend: Vec::new(),
            svg: MatrixSvg { chart }.render()?,
            table,
            class: "",
        })
    }
}

/// Legend and series name of a city's figures for one metric of a family: the city alone
/// when it is its only metric there, otherwise with the metric; wider scopes always say so.
fn series_name(city: &str, m: &Metric, metrics_of_city: usize) -> String {
    match (m.scope.is_city(), metrics_of_city) {
        (true, 1) => city.to_string(),
        (false, 1) => format!("{city} ({})", m.scope.label()),
        _ => format!("{city}: {}", m.label),
    }
}

fn source_of(f: &MetricFigure) -> String {
    Cite::from(f.source.clone()).short()
}

/// A line chart of one family over the years: a series per city and metric with figures.
pub fn family_line_chart(
    c: &Comparison,
    family: &str,
    id: &str,
    axis: YAxis,
) -> Result<Option<ChartBlock>, askama::Error> {
    let metrics: Vec<&Metric> = c.metrics.iter().filter(|m| m.family == family).collect();
    let Some(first) = metrics.first() else { return Ok(None) };
    let mut inputs = Vec::new();
    let mut legend = Vec::new();
    let mut columns = Vec::new();
    let mut series_figures: Vec<(&Metric, Vec<&MetricFigure>)> = Vec::new();
    for (colour, city) in c.cities.iter().enumerate() {
        let with_figures = metrics.iter().filter(|m| !c.series(&m.id, city.id).is_empty()).count();
        for m in &metrics {
            let figures = c.series(&m.id, city.id);
            if figures.is_empty() {
                continue;
            }
            let name = series_name(&city.name, m, with_figures);
            let wide = m.scope.is_wider_than_city();
            inputs.push(LineInput {
                name: name.clone(),
                colour,
                wide_scope: wide,
                points: figures
                    .iter()
                    .map(|f| LinePoint { year: f.year, value: f.value, source: source_of(f) })
                    .collect(),
            });
            legend.push(LegendItem {
                class: format!("{}{}", series_class(colour), if wide { " wide" } else { "" }),
                name: name.clone(),
            });
            columns.push(name);
            series_figures.push((m, figures));
        }
    }
    let title = if metrics.len() > 1 && metrics.iter().any(|m| m.scope != first.scope) {
        format!("{} (with wider-area figures)", first.label)
    } else {
        first.label.clone()
    };
    let Some(chart) = line_chart(id, &title, &first.unit, axis, &inputs) else {
        return Ok(None);
    };
    let mut years: Vec<i64> = series_figures.iter().flat_map(|(_, s)| s.iter().map(|f| f.year)).collect();
    years.sort_unstable();
    years.dedup();
    let rows = years
        .into_iter()
        .map(|year| DataRow {
            header: year.to_string(),
            cells: series_figures
                .iter()
                .map(|(m, s)| s.iter().filter(|f| f.year == year).map(|f| Figure::of(f, m)).collect())
                .collect(),
        })
        .collect();
    let table = DataTable { corner: "Year".into(), columns, rows };
    ChartBlock::line(&chart, legend, table).map(Some)
}

/// A bar chart of the latest figure of each metric of one family, a group per city.
pub fn family_bar_chart(
    c: &Comparison,
    family: &Family,
    id: &str,
    log: bool,
) -> Result<Option<ChartBlock>, askama::Error> {
    let metrics: Vec<&Metric> = family
        .metrics
        .iter()
        .copied()
        .filter(|m| c.cities.iter().any(|city| !c.series(&m.id, city.id).is_empty()))
        .collect();
    let Some(first) = metrics.first() else { return Ok(None) };
    let series: Vec<BarSeries> = metrics
        .iter()
        .map(|m| BarSeries { name: m.label_with_scope(), wide_scope: m.scope.is_wider_than_city() })
        .collect();
    let groups: Vec<BarGroupInput> = c
        .cities
        .iter()
        .enumerate()
        .map(|(colour, city)| BarGroupInput {
            label: city.name.clone(),
            colour,
            values: metrics
                .iter()
                .map(|m| {
                    c.latest(&m.id, city.id).first().map(|f| BarValue {
                        value: f.value,
                        year: f.year,
                        source: source_of(f),
                    })
                })
                .collect(),
        })
        .collect();
    let Some(chart) = bar_chart(id, &first.label, &first.unit, &series, &groups, log) else {
        return Ok(None);
    };
    let legend = c
        .cities
        .iter()
        .enumerate()
        .map(|(i, city)| LegendItem { class: series_class(i), name: city.name.clone() })
        .chain(metrics.iter().filter(|m| m.scope.is_wider_than_city()).map(|m| LegendItem {
            class: "wide-key".into(),
            name: format!("dashed outline: {} figure", m.scope.label()),
        }))
        .collect();
    let table = DataTable {
        corner: "City".into(),
        columns: series.iter().map(|s| s.name.clone()).collect(),
        rows: c
            .cities
            .iter()
            .map(|city| DataRow {
                header: city.name.clone(),
                cells: metrics
                    .iter()
                    .map(|m| c.latest(&m.id, city.id).into_iter().map(|f| Figure::of(f, m)).collect())
                    .collect(),
            })
            .collect(),
    };
    ChartBlock::bar(&chart, legend, table).map(Some)
}
