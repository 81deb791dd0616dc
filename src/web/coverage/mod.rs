//! `/coverage`: for each city, which of the ten core indicators (`crate::coverage`) the data
//! has a city figure for, and how old the latest is, sortable by name or by how many it has;
//! the `.json` and `.csv` twins are in `twins`. The badge on city cards and profiles links
//! here, to the city's row.

mod twins;

pub use twins::{coverage_csv, coverage_json};

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::AppState;
use super::params::{Params, single};
use super::view::FormError;
use crate::coverage::{self, Age, CityCoverage, Indicator, Order};
use crate::db::cities::{self, CityFilter};
use crate::error::{AppError, AppResult};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageQuery {
    #[serde(default)]
    sort: Vec<String>,
}

/// `sort=name` (the default) or `sort=have`; anything else is a 400 listing both.
fn order(query: CoverageQuery) -> AppResult<Order> {
    match single("sort", query.sort)? {
        None => Ok(Order::default()),
        Some(text) => Order::parse(&text).ok_or_else(|| {
            AppError::not_allowed("sort", &text, Order::ALL.iter().map(|o| o.as_str().to_string()).collect())
        }),
    }
}

/// Every city's coverage, in the order asked.
async fn all_cities(state: &AppState, order: Order) -> AppResult<Vec<CityCoverage>> {
    let pool = &state.pool;
    let reference = state.freshness.reference(pool).await?;
    let found = cities::list(pool, &CityFilter::default()).await?;
    let mut list = coverage::of_cities(pool, &found, &reference.catalogue).await?;
    order.apply(&mut list);
    Ok(list)
}

/// A column of the matrix: an indicator, which figures count for it, and how many cities have it.
pub struct Column {
    pub id: &'static str,
    /// The indicator's name in the page's language.
    pub name: String,
    /// Which figures count, in plain words.
    pub explanation: String,
    /// The metric names that count, for the curious (`it_revenue_*`).
    pub metrics: Vec<String>,
    /// What else counts, in words.
    pub also: Option<String>,
    pub cities: usize,
}

pub struct Cell {
    pub year: Option<i64>,
    pub age: Age,
    /// Where the figures behind the year are: the city's page, at its figures where they are.
    pub href: String,
}

pub struct Row {
    pub slug: String,
    pub name: String,
    pub have: usize,
    pub cells: Vec<Cell>,
    /// "8 of 10 — missing: IT revenue, GDP", for the list under the matrix.
    pub summary: String,
}

/// Where a cell's figures are shown: a population from the city's profile is at the top of its
/// page, every other figure in the page's figures table.
fn evidence_href(slug: &str, indicator: Indicator) -> String {
    match indicator {
        Indicator::Population => format!("/cities/{slug}"),
        _ => format!("/cities/{slug}#figures-heading"),
    }
}

/// "8 of 10 — missing: IT revenue, GDP", or "10 of 10 — nothing missing", in the page's language.
pub fn summary(c: &CityCoverage) -> String {
    let count = crate::t2("coverage-summary-count", "have", c.have(), "total", Indicator::TOTAL);
    let missing: Vec<String> = c.cells().filter(|(_, year)| year.is_none()).map(|(i, _)| i.name()).collect();
    if missing.is_empty() {
        crate::t1("coverage-summary-complete", "count", count)
    } else {
        crate::t2("coverage-summary-missing", "count", count, "list", missing.join(&crate::t("coverage-list-comma")))
    }
}

#[derive(Template)]
#[template(path = "coverage/index.html")]
pub struct CoveragePage {
    columns: Vec<Column>,
    rows: Vec<Row>,
    /// The shades of the cells, in words.
    legend: Vec<Age>,
    this_year: i64,
    order: Order,
    total: usize,
    error: Option<FormError>,
    /// The scope a metric's definition must have to count (`city`).
    city_scope: &'static str,
    /// The endings of metric names that say a figure is for a wider area.
    wider_suffixes: &'static [&'static str],
}

impl CoveragePage {
    fn sorted_by(&self, order: &str) -> bool {
        self.order.as_str() == order
    }

    fn sort_error(&self) -> Option<String> {
        FormError::on(&self.error, "sort")
    }

    /// The city name's or the count's column, as `aria-sort` says it.
    fn aria_sort(&self, order: &str) -> &'static str {
        match (self.sorted_by(order), self.order) {
            (false, _) => "none",
            (true, Order::Name) => "ascending",
            (true, Order::Have) => "descending",
        }
    }
}

/// `/coverage`: the matrix, or the form again with the mistake (400).
pub async fn index(State(state): State<AppState>, Params(query): Params<CoverageQuery>) -> AppResult<Response> {
    let (order, error) = match order(query) {
        Ok(order) => (order, None),
        Err(e) => (Order::default(), Some(FormError::about(e, &["sort"])?)),
    };
    let this_year = coverage::this_year();
    let list = if error.is_some() { Vec::new() } else { all_cities(&state, order).await? };
    let columns = Indicator::ALL
        .iter()
        .map(|&i| Column {
            id: i.id(),
            name: i.name(),
            explanation: i.explanation(),
            metrics: i.metric_patterns(),
            also: i.also_counts().map(|_| crate::t("coverage-exact-also-population")),
            cities: list.iter().filter(|c| c.year(i).is_some()).count(),
        })
        .collect();
    let rows = list
        .iter()
        .map(|c| Row {
            slug: c.slug.clone(),
            name: c.name.clone(),
            have: c.have(),
            cells: c
                .cells()
                .map(|(i, year)| Cell { year, age: Age::of(year, this_year), href: evidence_href(&c.slug, i) })
                .collect(),
            summary: summary(c),
        })
        .collect();
    let page = CoveragePage {
        columns,
        rows,
        legend: Age::ALL.to_vec(),
        this_year,
        order,
        total: Indicator::TOTAL,
        error,
        city_scope: crate::metric::Scope::City.as_str(),
        wider_suffixes: &coverage::WIDER_AREA_SUFFIXES,
    };
    let status = if page.error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    Ok((status, Html(page.render()?)).into_response())
}
