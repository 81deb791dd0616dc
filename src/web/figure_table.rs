//! Figures in long form, one row per figure with everything needed to check it: the shape of
//! the comparison's and a city's `.csv` and `.json` twins. A derived figure carries its
//! derivation: the formula and every input with its year, value, unit and source.

use serde::Serialize;
use utoipa::ToSchema;

use super::formats::{Cell, CsvTable};
use crate::comparable::{Derivation, Kind, Role, Shown};
use crate::db::cities::City;
use crate::db::metrics::MetricFigure;
use crate::metric::{Metric, Scope};

/// Columns of every long-form figure table: the first eight are the documented contract.
const COLUMNS: [&str; 17] = [
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
    "derivation",
    "inputs",
    "note",
];

/// One row: a figure as shown (published or derived) and the published figure behind it.
pub struct Row<'a> {
    pub city: &'a City,
    pub metric: &'a Metric,
    pub year: i64,
    pub value: f64,
    pub unit: &'a str,
    pub published: &'a MetricFigure,
    pub derivation: Option<&'a Derivation>,
    pub note: Option<&'a str>,
}

impl<'a> Row<'a> {
    pub fn shown(city: &'a City, metric: &'a Metric, s: &'a Shown) -> Self {
        Row {
            city,
            metric,
            year: s.year,
            value: s.value,
            unit: s.unit.as_str(),
            published: &s.figure,
            derivation: s.derivation.as_ref(),
            note: s.note.as_deref(),
        }
    }

    pub fn published(city: &'a City, metric: &'a Metric, f: &'a MetricFigure) -> Self {
        Row { city, metric, year: f.year, value: f.value, unit: &f.unit, published: f, derivation: None, note: None }
    }
}

/// A CSV of figures in long form; a derived figure's `inputs` are `role:source:year` joined by `;`.
pub fn csv<'a>(rows: impl IntoIterator<Item = Row<'a>>) -> CsvTable {
    let mut table = CsvTable::new(&COLUMNS);
    for row in rows {
        let f = row.published;
        let inputs = row
            .derivation
            .map(|d| {
                d.inputs.iter().map(|i| format!("{}:{}:{}", role_name(i.role), i.source.id, i.year)).collect::<Vec<_>>()
            })
            .unwrap_or_default()
            .join(";");
        table.row(&[
            Cell::Text(&row.city.slug),
            Cell::Text(&row.metric.id),
            Cell::Integer(Some(row.year)),
            Cell::Number(row.value),
            Cell::Text(row.unit),
            Cell::Text(row.metric.scope.as_str()),
            Cell::Text(&f.source.title),
            Cell::Text(&f.source.url),
            Cell::Text(&row.city.name),
            Cell::Text(&row.metric.label),
            Cell::Text(&f.source.publisher),
            Cell::Integer(f.source.published_year),
            Cell::Text(&f.source.id),
            Cell::Text(&f.quote),
            Cell::Text(row.derivation.map_or("", |d| d.formula.as_str())),
            Cell::Text(&inputs),
            Cell::Text(row.note.unwrap_or("")),
        ]);
    }
    table
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Value => "value",
        Role::Rate => "rate",
        Role::Population => "population",
        Role::Start => "start",
        Role::End => "end",
    }
}

/// A figure with everything needed to check it.
#[derive(Serialize, ToSchema)]
#[schema(as = Figure)]
pub struct FigureJson<'a> {
    pub city: &'a str,
    pub metric: &'a str,
    pub label: &'a str,
    pub year: i64,
    pub value: f64,
    pub unit: &'a str,
    pub scope: Scope,
    /// The published figure's source and quote (for a growth rate, the last figure's).
    pub source: &'a str,
    pub quote: &'a str,
    /// `null` for a published figure.
    #[schema(required = true)]
    pub derivation: Option<DerivationJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
}

/// How a figure was derived from published ones.
#[derive(Serialize, ToSchema)]
#[schema(as = Derivation)]
pub struct DerivationJson<'a> {
    kind: Kind,
    formula: &'a str,
    inputs: Vec<InputJson<'a>>,
}

impl<'a> DerivationJson<'a> {
    pub fn formula(&self) -> &'a str {
        self.formula
    }
}

/// A published figure (or exchange rate) a derived figure rests on.
#[derive(Serialize, ToSchema)]
#[schema(as = DerivationInput)]
struct InputJson<'a> {
    role: Role,
    /// The metric's name, or `fx_rate` for an exchange rate.
    metric: &'a str,
    /// The city's slug; absent for an exchange rate.
    #[serde(skip_serializing_if = "str::is_empty")]
    city: &'a str,
    year: i64,
    value: f64,
    unit: &'a str,
    source: &'a str,
}

impl<'a> FigureJson<'a> {
    pub fn new(row: Row<'a>) -> Self {
        FigureJson {
            city: &row.city.slug,
            metric: &row.metric.id,
            label: &row.metric.label,
            year: row.year,
            value: row.value,
            unit: row.unit,
            scope: row.metric.scope,
            source: &row.published.source.id,
            quote: &row.published.quote,
            derivation: row.derivation.map(|d| DerivationJson {
                kind: d.kind,
                formula: &d.formula,
                inputs: d
                    .inputs
                    .iter()
                    .map(|i| InputJson {
                        role: i.role,
                        metric: &i.metric,
                        city: &i.city,
                        year: i.year,
                        value: i.value,
                        unit: &i.unit,
                        source: &i.source.id,
                    })
                    .collect(),
            }),
            note: row.note,
        }
    }
}
