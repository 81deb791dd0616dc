//! `/companies.json` and `/companies.csv`: the same filters and pages as `/companies`.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::super::AppState;
use super::super::formats::{Cell, CsvTable, Format};
use super::super::params::ApiParams;
use super::{CompaniesQuery, CompanyJson, listing, source_ids};
use crate::db::sources::Source;
use crate::error::ApiError;

/// `/companies.json`: one page of the filtered list, with the addresses of its neighbours.
#[derive(Serialize, ToSchema)]
#[schema(as = CompanyList)]
pub struct CompanyListJson<'a> {
    /// Companies the filters keep, on all pages.
    total: i64,
    page: i64,
    per_page: i64,
    pages: i64,
    /// The next page's address (a cursor after this page's last row), or `null` on the last.
    #[schema(required = true)]
    next: Option<String>,
    /// The previous page's address, or `null` on the first.
    #[schema(required = true)]
    previous: Option<String>,
    companies: Vec<CompanyJson<'a>>,
    sources: Vec<&'a Source>,
}

pub async fn list_json(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<CompaniesQuery>,
) -> Result<Response, ApiError> {
    twin(&state, query, Format::Json).await
}

pub async fn list_csv(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<CompaniesQuery>,
) -> Result<Response, ApiError> {
    twin(&state, query, Format::Csv).await
}

async fn twin(state: &AppState, query: CompaniesQuery, format: Format) -> Result<Response, ApiError> {
    let listing = listing(state, query).await?.in_range()?;
    let cited = &listing.cited;
    if format == Format::Csv {
        let mut table = CsvTable::new(&[
            "slug",
            "name",
            "city",
            "park",
            "sector",
            "hq_country",
            "founded_or_arrived_year",
            "employees_in_city",
            "revenue_usd",
            "revenue_year",
            "source_ids",
            "quote",
        ]);
        for c in &listing.rows {
            let ids = source_ids(cited.get(&c.id)).join(";");
            table.row(&[
                Cell::Text(&c.slug),
                Cell::Text(&c.name),
                Cell::Text(&c.city_slug),
                Cell::Text(c.park_slug.as_deref().unwrap_or("")),
                Cell::Text(&c.sector),
                Cell::Text(c.hq_country.as_deref().unwrap_or("")),
                Cell::Integer(c.founded_or_arrived_year),
                Cell::Integer(c.employees_in_city),
                c.revenue_usd.map_or(Cell::Empty, Cell::Number),
                Cell::Integer(c.revenue_year),
                Cell::Text(&ids),
                Cell::Text(&c.quote),
            ]);
        }
        return Ok(table.into_response("clusterscope-companies.csv"));
    }
    let body = CompanyListJson {
        total: listing.total,
        page: listing.page,
        per_page: listing.per_page,
        pages: listing.pages,
        next: listing.next_url("/companies.json"),
        previous: listing.previous_url("/companies.json"),
        companies: listing.rows.iter().map(|c| CompanyJson::new(c, cited.get(&c.id), true)).collect(),
        sources: Source::distinct(cited.values().flatten()),
    };
    Ok(Json(body).into_response())
}
