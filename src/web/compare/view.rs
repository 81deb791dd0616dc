//! What the compare page and the exported file both show: the table of latest figures
//! (metrics as rows grouped by family, cities as columns) and a chart per family.

use super::super::charts::{ChartBlock, family_bar_chart};
use super::super::params::options_query;
use super::super::view::TableCell;
use crate::charts::layout::series_class;
use crate::comparison::Comparison;
use crate::error::AppResult;
use crate::metric::{Metric, Scope};

pub struct CityColumn {
    pub name: String,
    pub class: String,
}

pub struct MetricRow {
    pub label: String,
    pub scope: Scope,
    pub description: String,
    /// Per city: the figures of the latest year (one per source), or none and why.
    pub cells: Vec<TableCell>,
}

pub struct FamilyRows {
    pub heading: String,
    pub rows: Vec<MetricRow>,
}

pub struct ComparisonView {
    /// "Dalian, Bangalore and Metro Manila".
    pub heading: String,
    pub cities: Vec<CityColumn>,
    pub families: Vec<FamilyRows>,
    pub charts: Vec<ChartBlock>,
    pub query: String,
}

impl ComparisonView {
    pub fn build(c: &Comparison, log: bool) -> AppResult<ComparisonView> {
        let mut charts = Vec::new();
        for (i, family) in c.families().iter().enumerate() {
            if let Some(block) = family_bar_chart(c, family, &format!("chart-{i}"), log)? {
                charts.push(block);
            }
        }
        let query = ComparisonView::query_of(c, log);
        let names: Vec<String> = c.cities.iter().map(|city| city.name.clone()).collect();
        Ok(ComparisonView {
            heading: crate::charts::layout::and_list(&names),
            cities: c
                .cities
                .iter()
                .enumerate()
                .map(|(i, city)| CityColumn { name: city.name.clone(), class: series_class(i) })
                .collect(),
            families: c
                .families()
                .iter()
                .map(|family| FamilyRows {
                    heading: family.heading().to_string(),
                    rows: family.metrics.iter().map(|m| metric_row(c, m)).collect(),
                })
                .collect(),
            charts,
            query,
        })
    }

    /// `city=…&metric=…&scale=log&currency=usd`: asks for this comparison again.
    pub fn query_of(c: &Comparison, log: bool) -> String {
        let mut query = c.query_string();
        if log {
            query.push_str("&scale=log");
        }
        query.push_str(&options_query(&c.options));
        query
    }

    /// Points every citation at the exported file's own sources section, so the file works
    /// offline.
    pub fn link_sources_within_page(&mut self) {
        let figures = self
            .families
            .iter_mut()
            .flat_map(|f| f.rows.iter_mut())
            .flat_map(|r| r.cells.iter_mut())
            .chain(self.charts.iter_mut().flat_map(|c| c.table.rows.iter_mut()).flat_map(|r| r.cells.iter_mut()))
            .flat_map(|cell| cell.figures.iter_mut());
        for figure in figures {
            figure.link_within_page();
        }
    }
}

fn metric_row(c: &Comparison, m: &Metric) -> MetricRow {
    // A metric named for its currency says when its figures are shown in another.
    let converted = c.options.currency.is_some_and(|target| m.unit.currency().is_some_and(|own| own != target));
    MetricRow {
        label: if converted { crate::t1("compare-in-usd", "metric", m.name()) } else { m.name() },
        scope: m.scope,
        description: m.about(),
        cells: c.cities.iter().map(|city| TableCell::latest(c, m, city)).collect(),
    }
}
