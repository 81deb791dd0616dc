//! `/cities/{slug}`: a city's profile (summary, population, sectors with evidence, every
//! figure over the years grouped by family, parks, companies); `.json` and `.csv` twins in
//! `profile_data`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::super::AppState;
use super::super::companies::{CompanyView, PREVIEW_ROWS};
use super::super::formats::{Format, split_format};
use super::super::params::PathSegment;
use super::super::parks::ParkView;
use super::super::view::{Cite, Evidence, Figure};
use super::cards::SectorTag;
use crate::db::cities::{self, City};
use crate::db::metrics::{self, MetricFigure};
use crate::db::sources::{self, SourceList};
use crate::db::{companies, parks, sectors};
use crate::error::{AppError, AppResult};
use crate::metric::{Catalogue, Quantity, Scope, Unit, families};

/// One metric of a family table: a column.
pub struct MetricColumn {
    pub label: String,
    pub scope: Scope,
    pub description: String,
}

pub struct YearRow {
    pub year: i64,
    /// One cell per column; a cell lists every source's figure for that year.
    pub cells: Vec<Vec<Figure>>,
}

/// The metrics of one family (those that may share an axis), as a table over the years.
pub struct FamilyTable {
    pub heading: String,
    pub columns: Vec<MetricColumn>,
    pub rows: Vec<YearRow>,
    /// Set when the columns have different scopes.
    pub mixed_scopes: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "cities/profile.html")]
pub struct CityProfilePage {
    city: City,
    population: Option<Figure>,
    profile_sources: Vec<Cite>,
    sectors: Vec<SectorTag>,
    families: Vec<FamilyTable>,
    parks: Vec<ParkView>,
    /// The first companies by name; the rest are on /companies?city=.
    companies: Vec<CompanyView>,
    companies_total: i64,
}

/// `/cities/{slug}`, and its `.json` and `.csv` twins.
pub async fn profile(State(state): State<AppState>, PathSegment(segment): PathSegment) -> Response {
    match split_format(&segment) {
        (slug, Format::Html) => profile_page(&state, slug).await.into_response(),
        (slug, format) => super::profile_data::twin(&state, slug, format).await.into_response(),
    }
}

async fn profile_page(state: &AppState, slug: &str) -> AppResult<CityProfilePage> {
    let pool = &state.pool;
    let city = cities::by_slug(pool, slug).await?.ok_or_else(|| AppError::NotFound(format!("city {slug:?}")))?;
    let reference = state.freshness.reference(pool).await?;
    let figures = metrics::for_city(pool, city.id).await?;
    let profile_sources: Vec<Cite> = sources::cited_by(pool, SourceList::Cities, &[city.id])
        .await?
        .remove(&city.id)
        .unwrap_or_default()
        .into_iter()
        .map(Cite::from)
        .collect();
    let sector_tags = sectors::evidence_for_cities(pool, &[city.id]).await?.into_iter().map(SectorTag::from).collect();
    let park_rows = parks::in_city(pool, city.id).await?;
    let (company_rows, companies_total) = companies::in_city(pool, city.id, PREVIEW_ROWS).await?;

    Ok(CityProfilePage {
        population: population_figure(&city, &figures, &profile_sources),
        families: family_tables(&figures, &reference.catalogue),
        parks: ParkView::build(pool, park_rows).await?,
        companies: CompanyView::build(pool, company_rows).await?,
        companies_total,
        profile_sources,
        sectors: sector_tags,
        city,
    })
}

/// The population on the city row cites the first source of the row; its quote is the one of
/// the matching population figure, when the data has it.
fn population_figure(city: &City, figures: &[MetricFigure], cites: &[Cite]) -> Option<Figure> {
    let population = city.population?;
    let matching = figures
        .iter()
        .find(|f| f.metric == "population" && Some(f.year) == city.population_year && f.value == population as f64);
    let evidence = match matching {
        Some(f) => Evidence::new(vec![Cite::from(f.source.clone())], &f.quote),
        None => Evidence::new(cites.iter().take(1).cloned().collect(), ""),
    };
    Some(Figure::new(population as f64, &Unit::plain(Quantity::Persons), city.population_year, evidence))
}

/// A table per family of the metrics the city has figures for, in catalogue order.
fn family_tables(figures: &[MetricFigure], catalogue: &Catalogue) -> Vec<FamilyTable> {
    let with_figures = catalogue.iter().filter(|m| figures.iter().any(|f| f.metric == m.id));
    families(with_figures)
        .into_iter()
        .map(|family| {
            let mut years: Vec<i64> =
                figures.iter().filter(|f| family.metrics.iter().any(|m| m.id == f.metric)).map(|f| f.year).collect();
            years.sort_unstable();
            years.dedup();
            let rows = years
                .into_iter()
                .map(|year| YearRow {
                    year,
                    cells: family
                        .metrics
                        .iter()
                        .map(|m| {
                            figures
                                .iter()
                                .filter(|f| f.metric == m.id && f.year == year)
                                .map(|f| Figure::of(f, m))
                                .collect()
                        })
                        .collect(),
                })
                .collect();
            FamilyTable {
                heading: family.heading().to_string(),
                columns: family
                    .metrics
                    .iter()
                    .map(|m| MetricColumn {
                        label: m.label.clone(),
                        scope: m.scope,
                        description: m.description.clone(),
                    })
                    .collect(),
                rows,
                mixed_scopes: family.mixes_scopes(),
            }
        })
        .collect()
}
