//! `/cities/{slug}.json` and `.csv`: a city's data. The JSON has the profile's figures,
//! sectors, parks, first companies and every source they cite; the CSV the figures in long form.

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::super::AppState;
use super::super::companies::{CompanyJson, PREVIEW_ROWS, source_ids};
use super::super::figure_table::{self, FigureJson, Row};
use super::super::formats::Format;
use crate::db::cities::{self, City};
use crate::db::metrics;
use crate::db::sources::{self, Source, SourceList};
use crate::db::{companies, parks, sectors};
use crate::error::{ApiError, AppError};

/// A sector the city is known for, with the source that says so.
#[derive(Serialize, ToSchema)]
#[schema(as = CitySector)]
struct SectorJson<'a> {
    sector: &'a str,
    label: &'a str,
    source: &'a str,
    quote: &'a str,
}

/// A tech park of the city.
#[derive(Serialize, ToSchema)]
#[schema(as = CityPark)]
struct ParkJson<'a> {
    slug: &'a str,
    name: &'a str,
    #[schema(required = true)]
    opened_year: Option<i64>,
    #[schema(required = true)]
    area_km2: Option<f64>,
    #[schema(required = true)]
    companies: Option<i64>,
    #[schema(required = true)]
    employees: Option<i64>,
    #[schema(required = true)]
    foreign_share: Option<f64>,
    sources: Vec<&'a str>,
    quote: &'a str,
}

/// `/cities/{slug}.json`: a city's row, sectors, figures, parks, first companies and sources.
#[derive(Serialize, ToSchema)]
#[schema(as = CityData)]
pub struct CityJson<'a> {
    #[serde(flatten)]
    city: &'a City,
    population_sources: Vec<&'a str>,
    sectors: Vec<SectorJson<'a>>,
    figures: Vec<FigureJson<'a>>,
    parks: Vec<ParkJson<'a>>,
    /// The first companies by name; all of them are at `companies_url`.
    companies: Vec<CompanyJson<'a>>,
    companies_total: i64,
    companies_url: String,
    sources: Vec<&'a Source>,
}

pub async fn twin(state: &AppState, slug: &str, format: Format) -> Result<Response, ApiError> {
    let pool = &state.pool;
    let city = cities::by_slug(pool, slug).await?.ok_or_else(|| AppError::NotFound(format!("city {slug:?}")))?;
    let reference = state.freshness.reference(pool).await?;
    let figures = metrics::for_city(pool, city.id).await?;
    let with_metrics: Vec<_> =
        figures.iter().filter_map(|f| reference.catalogue.get(&f.metric).map(|m| (&city, m, f))).collect();
    if format == Format::Csv {
        let table = figure_table::csv(with_metrics.iter().map(|(city, m, f)| Row::published(city, m, f)));
        return Ok(table.into_response(&format!("clusterscope-{}.csv", city.slug)));
    }
    let evidence = sectors::evidence_for_cities(pool, &[city.id]).await?;
    let profile_sources = sources::cited_by(pool, SourceList::Cities, &[city.id]).await?.remove(&city.id);
    let profile_sources = profile_sources.unwrap_or_default();
    let park_rows = parks::in_city(pool, city.id).await?;
    let park_ids: Vec<i64> = park_rows.iter().map(|p| p.id).collect();
    let park_sources = sources::cited_by(pool, SourceList::Parks, &park_ids).await?;
    let (company_rows, companies_total) = companies::in_city(pool, city.id, PREVIEW_ROWS).await?;
    let company_ids: Vec<i64> = company_rows.iter().map(|c| c.id).collect();
    let company_sources = sources::cited_by(pool, SourceList::Companies, &company_ids).await?;

    let mut cited = Source::distinct(
        figures
            .iter()
            .map(|f| &f.source)
            .chain(evidence.iter().map(|e| &e.source))
            .chain(profile_sources.iter())
            .chain(park_sources.values().flatten())
            .chain(company_sources.values().flatten()),
    );
    // The twin has always listed its sources by id (the page lists them by publisher).
    cited.sort_by(|a, b| a.id.cmp(&b.id));
    let body = CityJson {
        city: &city,
        population_sources: profile_sources.iter().take(1).map(|s| s.id.as_str()).collect(),
        sectors: evidence
            .iter()
            .map(|e| SectorJson { sector: &e.sector, label: &e.sector_label, source: &e.source.id, quote: &e.quote })
            .collect(),
        figures: with_metrics.iter().map(|(city, m, f)| FigureJson::new(Row::published(city, m, f))).collect(),
        parks: park_rows
            .iter()
            .map(|p| ParkJson {
                slug: &p.slug,
                name: &p.name,
                opened_year: p.opened_year,
                area_km2: p.area_km2,
                companies: p.companies,
                employees: p.employees,
                foreign_share: p.foreign_share,
                sources: source_ids(park_sources.get(&p.id)),
                quote: &p.quote,
            })
            .collect(),
        companies: company_rows.iter().map(|c| CompanyJson::new(c, company_sources.get(&c.id), false)).collect(),
        companies_total,
        companies_url: format!("/companies.json?city={}", city.slug),
        sources: cited,
    };
    Ok(Json(body).into_response())
}
