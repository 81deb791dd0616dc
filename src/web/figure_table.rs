//! Figures in long form, one row per figure with everything needed to check it: the shape of
//! the comparison's and a city's `.csv` and `.json` twins.

use serde::Serialize;

use super::formats::{Cell, CsvTable};
use crate::db::cities::City;
use crate::db::metrics::MetricFigure;
use crate::metric::{Metric, Scope};

/// Columns of every long-form figure table: the first eight are the documented contract.
const COLUMNS: [&str; 14] = [
    "city",
    "metric",
    "year",
    "value",
    "unit",
    "scope",
    "source_title",
    "source_url",
    "city_name",
    "label",
    "source_publisher",
    "source_year",
    "source_id",
    "quote",
];

/// A CSV of figures in long form.
pub fn csv<'a>(rows: impl IntoIterator<Item = (&'a City, &'a Metric, &'a MetricFigure)>) -> CsvTable {
    let mut table = CsvTable::new(&COLUMNS);
    for (city, m, f) in rows {
        table.row(&[
            Cell::Text(&city.slug),
            Cell::Text(&m.id),
            Cell::Integer(Some(f.year)),
            Cell::Number(f.value),
            Cell::Text(&f.unit),
            Cell::Text(m.scope.as_str()),
            Cell::Text(&f.source.title),
            Cell::Text(&f.source.url),
            Cell::Text(&city.name),
            Cell::Text(&m.label),
            Cell::Text(&f.source.publisher),
            Cell::Integer(f.source.published_year),
            Cell::Text(&f.source.id),
            Cell::Text(&f.quote),
        ]);
    }
    table
}

/// A figure with everything needed to check it.
#[derive(Serialize)]
pub struct FigureJson<'a> {
    pub city: &'a str,
    pub metric: &'a str,
    pub label: &'a str,
    pub year: i64,
    pub value: f64,
    pub unit: &'a str,
    pub scope: Scope,
    pub source: &'a str,
    pub quote: &'a str,
}

impl<'a> FigureJson<'a> {
    pub fn new(city: &'a City, m: &'a Metric, f: &'a MetricFigure) -> Self {
        FigureJson {
            city: &city.slug,
            metric: &m.id,
            label: &m.label,
            year: f.year,
            value: f.value,
            unit: &f.unit,
            scope: m.scope,
            source: &f.source.id,
            quote: &f.quote,
        }
    }
}
