//! Charts of a comparison's metric families: a line chart of a family over the years (the
//! dashboard, a city's page), a bar or dot chart of its latest figures (the compare page).
//! Each is drawn only when it compares something; otherwise its block says why.

use super::super::view::{Cite, Figure, TableCell};
use super::{ChartBlock, DataRow, DataTable, LegendItem};
use crate::charts::hbar::{HBarGroup, HBarSeries, HBarSpec, HBarValue, Mark};
use crate::charts::layout::{marker_path, series_class};
use crate::charts::line::{LineInput, LinePoint, YAxis, line_chart, series_classes};
use crate::comparable::Shown;
use crate::comparison::Comparison;
use crate::db::cities::City;
use crate::metric::{Family, Metric, Unit};

/// A one-city series needs this many years to be worth a line.
const MIN_YEARS_FOR_ONE_CITY: usize = 3;

/// Legend and series name of a city's figures for one metric of a family: the city alone
/// when it is its only metric there, otherwise with the metric; wider scopes always say so.
fn series_name(city: &str, m: &Metric, metrics_of_city: usize) -> String {
    match (m.scope.is_city(), metrics_of_city) {
        (true, 1) => city.to_string(),
        (false, 1) => crate::t2("metric-with-scope", "metric", city, "scope", m.scope.label()),
        _ => crate::t2("chart-series-metric", "city", city, "metric", m.label_with_scope()),
    }
}

/// Where a shown figure comes from, for its tooltip: its source, and "derived" when it is.
fn source_of(s: &Shown) -> String {
    let cite = Cite::from(s.figure.source.clone()).short();
    if s.derivation.is_some() { crate::t1("chart-derived-from", "source", cite) } else { cite }
}

/// The unit most of the figures are shown in: the one a chart's axis takes. Figures left in
/// another unit (no exchange rate for their year) stay in the table only.
fn chart_unit<'a>(figures: impl Iterator<Item = &'a Shown>) -> Option<Unit> {
    let mut counts: Vec<(Unit, usize)> = Vec::new();
    for s in figures {
        match counts.iter_mut().find(|(u, _)| *u == s.unit) {
            Some((_, n)) => *n += 1,
            None => counts.push((s.unit.clone(), 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(u, _)| u)
}

/// One line of a line chart: a city's figures for one metric.
struct Line<'a> {
    city: &'a City,
    colour: usize,
    metric: &'a Metric,
    figures: Vec<&'a Shown>,
    name: String,
}

/// Why a family's lines compare nothing, or `None` when they are worth drawing: two cities
/// with figures of their own, or one city's figures over at least three years.
fn why_no_lines(lines: &[Line], title: &str) -> Option<String> {
    let mut own: Vec<&str> =
        lines.iter().filter(|l| !l.metric.scope.is_wider_than_city()).map(|l| l.city.name.as_str()).collect();
    own.dedup();
    let years = |l: &Line| {
        let mut y: Vec<i64> = l.figures.iter().map(|f| f.year).collect();
        y.dedup();
        y.len()
    };
    if own.len() >= 2 || lines.iter().any(|l| years(l) >= MIN_YEARS_FOR_ONE_CITY) {
        return None;
    }
    Some(match own.as_slice() {
        [] => crate::t1("chart-no-lines-none", "title", title),
        [one] => crate::t2("chart-no-lines-one", "city", one, "title", title),
        _ => unreachable!("two or more cities are drawn"),
    })
}

/// A line chart of one family over the years: a line per city and metric with figures.
pub fn family_line_chart(
    c: &Comparison,
    family: &Family,
    id: &str,
    axis: YAxis,
) -> Result<Option<ChartBlock>, askama::Error> {
    let metrics: Vec<&Metric> = family.metrics.clone();
    let Some(first) = metrics.first() else { return Ok(None) };
    let mut lines: Vec<Line> = Vec::new();
    for (colour, city) in c.cities.iter().enumerate() {
        let with_figures = metrics.iter().filter(|m| !c.series(&m.id, city.id).is_empty()).count();
        for m in &metrics {
            let figures = c.series(&m.id, city.id);
            if !figures.is_empty() {
                let name = series_name(&city.name, m, with_figures);
                lines.push(Line { city, colour, metric: m, figures, name });
            }
        }
    }
    if lines.is_empty() {
        return Ok(None);
    }
    let title = if metrics.len() > 1 && metrics.iter().any(|m| m.scope != first.scope) {
        crate::t1("chart-with-wider", "title", heading(c, family, first))
    } else {
        heading(c, family, first)
    };
    let table = line_table(&lines);
    if let Some(reason) = why_no_lines(&lines, &first.name()) {
        return Ok(Some(ChartBlock::table_only(id, &title, reason, table)));
    }
    let Some(unit) = chart_unit(lines.iter().flat_map(|l| l.figures.iter().copied())) else { return Ok(None) };
    let inputs: Vec<LineInput> = lines
        .iter()
        .map(|l| LineInput {
            name: l.name.clone(),
            colour: l.colour,
            scope: l.metric.scope,
            points: l
                .figures
                .iter()
                .filter(|f| f.unit == unit)
                .map(|f| LinePoint { year: f.year, value: f.value, source: source_of(f) })
                .collect(),
        })
        .collect();
    let left_out = lines.iter().any(|l| l.figures.iter().any(|f| f.unit != unit));
    let legend = lines
        .iter()
        .enumerate()
        .map(|(shape, l)| LegendItem {
            class: series_classes(l.colour, l.metric.scope, shape),
            name: l.name.clone(),
            marker: Some(marker_path(shape, 14.0, 7.0, 4.5)),
        })
        .collect();
    let block = ChartBlock::line(|variant| line_chart(id, &title, &unit, axis, &inputs, variant), legend, table)?;
    Ok(block.map(|b| b.with_notes(c, left_out)))
}

/// The figures of a line chart by year, a column per line.
fn line_table(lines: &[Line]) -> DataTable {
    let mut years: Vec<i64> = lines.iter().flat_map(|l| l.figures.iter().map(|f| f.year)).collect();
    years.sort_unstable();
    years.dedup();
    let rows = years
        .into_iter()
        .map(|year| DataRow {
            header: year.to_string(),
            cells: lines
                .iter()
                .map(|l| {
                    let figures: Vec<Figure> = l
                        .figures
                        .iter()
                        .filter(|f| f.year == year)
                        .map(|f| Figure::shown(f, l.metric, &l.city.name))
                        .collect();
                    TableCell::from(figures)
                })
                .collect(),
        })
        .collect();
    DataTable { corner: crate::t("chart-col-year"), columns: lines.iter().map(|l| l.name.clone()).collect(), rows }
}

/// A chart of the latest figure of each metric of one family, a group per city: bars, or
/// dots for ranks. Drawn when at least two cities have a figure of their own.
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
    let table = DataTable {
        corner: crate::t("col-city"),
        columns: metrics.iter().map(|m| m.label_with_scope()).collect(),
        rows: c
            .cities
            .iter()
            .map(|city| DataRow {
                header: city.name.clone(),
                cells: metrics.iter().map(|m| TableCell::latest(c, m, city)).collect(),
            })
            .collect(),
    };
    let own: Vec<&str> = c
        .cities
        .iter()
        .filter(|city| metrics.iter().any(|m| !m.scope.is_wider_than_city() && !c.series(&m.id, city.id).is_empty()))
        .map(|city| city.name.as_str())
        .collect();
    if own.len() < 2 {
        let name = first.name();
        let reason = match own.as_slice() {
            [] => crate::t1("chart-no-bars-none", "title", &name),
            _ => crate::t2("chart-no-bars-one", "city", own[0], "title", &name),
        };
        return Ok(Some(ChartBlock::table_only(id, &name, reason, table)));
    }
    let latest_figures = c.cities.iter().flat_map(|city| metrics.iter().flat_map(|m| c.latest(&m.id, city.id)));
    let Some(unit) = chart_unit(latest_figures) else { return Ok(None) };
    let series: Vec<HBarSeries> =
        metrics.iter().map(|m| HBarSeries { name: m.label_with_scope(), scope: m.scope }).collect();
    let groups: Vec<HBarGroup> = c
        .cities
        .iter()
        .enumerate()
        .map(|(colour, city)| HBarGroup {
            label: city.name.clone(),
            colour,
            values: metrics
                .iter()
                .map(|m| {
                    c.latest(&m.id, city.id).into_iter().find(|f| f.unit == unit).map(|f| HBarValue {
                        value: f.value,
                        year: Some(f.year),
                        source: source_of(f),
                    })
                })
                .collect(),
        })
        .collect();
    let mark = if first.is_rank() && !c.options.growth { Mark::Dot } else { Mark::Bar };
    let title = heading(c, family, first);
    let spec = HBarSpec { id, title: &title, unit: &unit, series: &series, groups: &groups, mark, log, sort: false };
    let left_out =
        c.cities.iter().any(|city| metrics.iter().any(|m| c.latest(&m.id, city.id).iter().any(|f| f.unit != unit)));
    let legend =
        c.cities.iter().enumerate().map(|(i, city)| LegendItem::swatch(series_class(i), city.name.clone())).collect();
    Ok(ChartBlock::hbar(&spec, legend, table)?.map(|b| b.with_notes(c, left_out)))
}

/// A family's title: its first metric's label, or once currencies are converted and several
/// currencies share the chart, the measure in US dollars.
fn heading(c: &Comparison, family: &Family, first: &Metric) -> String {
    let currencies = family.metrics.iter().filter_map(|m| m.unit.currency()).collect::<std::collections::BTreeSet<_>>();
    let name = first.name();
    if c.options.converts_money() && currencies.len() > 1 {
        // "IT industry revenue (RMB)" → "IT industry revenue"; the Chinese names' brackets are wide.
        let measure =
            name.trim_end_matches(|ch: char| ch != '(' && ch != '（').trim_end_matches(['(', '（']).trim_end();
        crate::t1("chart-all-in-usd", "title", measure)
    } else {
        name
    }
}
