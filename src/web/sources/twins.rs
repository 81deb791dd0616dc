//! `/sources.json` and `/sources.csv`: the same filters, grouping and pages as `/sources`. A
//! line is a source under its group: grouping by city, a source tied to several cities has a
//! line under each.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::super::AppState;
use super::super::formats::{Cell, CsvTable, Format};
use super::super::params::ApiParams;
use super::list::{SourceListing, SourcesQuery, grouping_value, listing};
use crate::db::source_list::{Grouping, SourceEntry};
use crate::db::sources::Source;
use crate::error::ApiError;

#[derive(Serialize)]
struct LineJson<'a> {
    /// The city's slug (`null`: tied to no city) or the publisher.
    group: Option<&'a str>,
    #[serde(flatten)]
    source: &'a Source,
    page: String,
    /// Things that cite it: figures, statements, parks, companies, city profiles, exchange rates.
    cited_by: i64,
    /// Every city it is tied to.
    cities: Vec<String>,
}

#[derive(Serialize)]
struct SourcesJson<'a> {
    group: &'static str,
    city: Option<&'a str>,
    q: Option<&'a str>,
    /// Distinct sources in the whole list.
    sources: i64,
    /// Lines in the whole list.
    total: i64,
    page: i64,
    per_page: i64,
    pages: i64,
    next: Option<String>,
    previous: Option<String>,
    lines: Vec<LineJson<'a>>,
}

pub async fn list_json(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<SourcesQuery>,
) -> Result<Response, ApiError> {
    twin(&state, query, Format::Json).await
}

pub async fn list_csv(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<SourcesQuery>,
) -> Result<Response, ApiError> {
    twin(&state, query, Format::Csv).await
}

fn group_of(listing: &SourceListing, e: &SourceEntry) -> Option<String> {
    match listing.grouping {
        Grouping::City => e.city_slug.clone(),
        Grouping::Publisher => Some(e.source.publisher.clone()),
    }
}

fn cities_of(listing: &SourceListing, id: &str) -> Vec<String> {
    listing.other_cities(id, None).into_iter().map(|c| c.slug).collect()
}

async fn twin(state: &AppState, query: SourcesQuery, format: Format) -> Result<Response, ApiError> {
    let listing = listing(state, query).await?.in_range()?;
    let cited_by = |id: &str| listing.citing.get(id).copied().unwrap_or(0);
    if format == Format::Csv {
        let mut table = CsvTable::new(&[
            "group",
            "id",
            "title",
            "publisher",
            "url",
            "published_year",
            "accessed",
            "cited_by",
            "cities",
        ]);
        for e in &listing.entries {
            let group = group_of(&listing, e).unwrap_or_default();
            let cities = cities_of(&listing, &e.source.id).join(";");
            let s = &e.source;
            table.row(&[
                Cell::Text(&group),
                Cell::Text(&s.id),
                Cell::Text(&s.title),
                Cell::Text(&s.publisher),
                Cell::Text(&s.url),
                Cell::Integer(s.published_year),
                Cell::Text(&s.accessed),
                Cell::Integer(Some(cited_by(&s.id))),
                Cell::Text(&cities),
            ]);
        }
        return Ok(table.into_response("clusterscope-sources.csv"));
    }
    let groups: Vec<Option<String>> = listing.entries.iter().map(|e| group_of(&listing, e)).collect();
    let body = SourcesJson {
        group: grouping_value(listing.grouping),
        city: listing.filter.city.as_deref(),
        q: listing.filter.text.as_deref(),
        sources: listing.total_sources,
        total: listing.total_entries,
        page: listing.page,
        per_page: listing.per_page,
        pages: listing.pages,
        next: listing.next_url("/sources.json"),
        previous: listing.previous_url("/sources.json"),
        lines: listing
            .entries
            .iter()
            .zip(&groups)
            .map(|(e, group)| LineJson {
                group: group.as_deref(),
                source: &e.source,
                page: format!("/sources/{}", e.source.id),
                cited_by: cited_by(&e.source.id),
                cities: cities_of(&listing, &e.source.id),
            })
            .collect(),
    };
    Ok(Json(body).into_response())
}
