//! The `.json` and `.csv` twins of the city and compare pages: the same filters, the same
//! figures, with every figure's source. Errors are JSON.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::AppState;
use super::cities::CitiesQuery;
use super::compare::CompareQuery;
use super::formats::{Cell, CsvTable, Format};
use super::params::ApiParams;
use crate::comparison::{self, Comparison};
use crate::db::catalogue::{self, MetricDefinition};
use crate::db::cities::City;
use crate::db::metrics::{self, MetricFigure};
use crate::db::sources::{self, Source, SourceList};
use crate::db::{companies, parks, sectors};
use crate::error::{ApiError, AppError};

/// Columns of every long-form figure table: the first eight are the documented contract.
const FIGURE_COLUMNS: [&str; 14] = [
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

fn figure_cells<'a>(city: &'a City, d: &'a MetricDefinition, f: &'a MetricFigure) -> [Cell<'a>; 14] {
    [
        Cell::Text(&city.slug),
        Cell::Text(&d.metric),
        Cell::Integer(Some(f.year)),
        Cell::Number(f.value),
        Cell::Text(&f.unit),
        Cell::Text(&d.scope),
        Cell::Text(&f.source.title),
        Cell::Text(&f.source.url),
        Cell::Text(&city.name),
        Cell::Text(&d.label),
        Cell::Text(&f.source.publisher),
        Cell::Integer(f.source.published_year),
        Cell::Text(&f.source.id),
        Cell::Text(&f.quote),
    ]
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
    pub scope: &'a str,
    pub source: &'a str,
    pub quote: &'a str,
}

fn figure_json<'a>(city: &'a City, d: &'a MetricDefinition, f: &'a MetricFigure) -> FigureJson<'a> {
    FigureJson {
        city: &city.slug,
        metric: &d.metric,
        label: &d.label,
        year: f.year,
        value: f.value,
        unit: &f.unit,
        scope: &d.scope,
        source: &f.source.id,
        quote: &f.quote,
    }
}

#[derive(Serialize)]
struct ComparisonJson<'a> {
    cities: &'a [City],
    metrics: &'a [MetricDefinition],
    figures: Vec<FigureJson<'a>>,
    sources: Vec<&'a Source>,
    data_version: i64,
}

async fn comparison(state: &AppState, query: CompareQuery) -> Result<Comparison, AppError> {
    comparison::build(&state.pool, &query.cities(), &query.metrics()).await
}

pub async fn compare_json(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<CompareQuery>,
) -> Result<Response, ApiError> {
    let c = comparison(&state, query).await?;
    let body = ComparisonJson {
        cities: &c.cities,
        metrics: &c.metrics,
        figures: c.rows().into_iter().map(|(d, city, f)| figure_json(city, d, f)).collect(),
        sources: c.sources(),
        data_version: crate::db::data_version(&state.pool).await?,
    };
    Ok(Json(body).into_response())
}

pub async fn compare_csv(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<CompareQuery>,
) -> Result<Response, ApiError> {
    let c = comparison(&state, query).await?;
    let mut table = CsvTable::new(&FIGURE_COLUMNS);
    for (d, city, f) in c.rows() {
        table.row(&figure_cells(city, d, f));
    }
    Ok(table.into_response(&format!("clusterscope-{}.csv", c.file_stem())))
}

#[derive(Serialize)]
struct CitySummaryJson<'a> {
    #[serde(flatten)]
    city: &'a City,
    url: String,
    sectors: Vec<&'a str>,
}

#[derive(Serialize)]
struct CitiesJson<'a> {
    sector: &'a [String],
    country: Option<&'a str>,
    count: usize,
    cities: Vec<CitySummaryJson<'a>>,
}

pub async fn cities_list(state: &AppState, query: CitiesQuery, format: Format) -> Result<Response, ApiError> {
    let filter = super::cities::validated_filter(&state.pool, query).await?;
    let found = crate::db::cities::list(&state.pool, &filter).await?;
    let ids: Vec<i64> = found.iter().map(|c| c.id).collect();
    let evidence = sectors::evidence_for_cities(&state.pool, &ids).await?;
    let sectors_of =
        |id: i64| -> Vec<&str> { evidence.iter().filter(|e| e.city_id == id).map(|e| e.sector.as_str()).collect() };
    if format == Format::Csv {
        let mut table = CsvTable::new(&[
            "slug",
            "name",
            "country",
            "region",
            "population",
            "population_year",
            "population_scope",
            "lat",
            "lon",
            "sectors",
            "summary",
        ]);
        for c in &found {
            let sectors = sectors_of(c.id).join(";");
            table.row(&[
                Cell::Text(&c.slug),
                Cell::Text(&c.name),
                Cell::Text(&c.country),
                Cell::Text(&c.region),
                Cell::Integer(c.population),
                Cell::Integer(c.population_year),
                Cell::Text(&c.population_scope),
                c.lat.map_or(Cell::Empty, Cell::Number),
                c.lon.map_or(Cell::Empty, Cell::Number),
                Cell::Text(&sectors),
                Cell::Text(&c.summary),
            ]);
        }
        return Ok(table.into_response("clusterscope-cities.csv"));
    }
    let body = CitiesJson {
        sector: &filter.sectors,
        country: filter.country.as_deref(),
        count: found.len(),
        cities: found
            .iter()
            .map(|c| CitySummaryJson { city: c, url: format!("/cities/{}", c.slug), sectors: sectors_of(c.id) })
            .collect(),
    };
    Ok(Json(body).into_response())
}

pub async fn cities_json(
    State(state): State<AppState>,
    ApiParams(q): ApiParams<CitiesQuery>,
) -> Result<Response, ApiError> {
    cities_list(&state, q, Format::Json).await
}

pub async fn cities_csv(
    State(state): State<AppState>,
    ApiParams(q): ApiParams<CitiesQuery>,
) -> Result<Response, ApiError> {
    cities_list(&state, q, Format::Csv).await
}

#[derive(Serialize)]
struct SectorJson<'a> {
    sector: &'a str,
    label: &'a str,
    source: &'a str,
    quote: &'a str,
}

#[derive(Serialize)]
struct ParkJson<'a> {
    slug: &'a str,
    name: &'a str,
    opened_year: Option<i64>,
    area_km2: Option<f64>,
    companies: Option<i64>,
    employees: Option<i64>,
    foreign_share: Option<f64>,
    sources: Vec<&'a str>,
    quote: &'a str,
}

#[derive(Serialize)]
struct CompanyJson<'a> {
    slug: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<&'a str>,
    park: Option<&'a str>,
    sector: &'a str,
    hq_country: Option<&'a str>,
    founded_or_arrived_year: Option<i64>,
    employees_in_city: Option<i64>,
    revenue_usd: Option<f64>,
    revenue_year: Option<i64>,
    sources: Vec<&'a str>,
    quote: &'a str,
}

impl<'a> CompanyJson<'a> {
    /// `with_city` is false inside a city's own data, where it would repeat the city.
    fn new(c: &'a companies::Company, sources: Option<&'a Vec<Source>>, with_city: bool) -> Self {
        CompanyJson {
            slug: &c.slug,
            name: &c.name,
            city: with_city.then_some(c.city_slug.as_str()),
            park: c.park_slug.as_deref(),
            sector: &c.sector,
            hq_country: c.hq_country.as_deref(),
            founded_or_arrived_year: c.founded_or_arrived_year,
            employees_in_city: c.employees_in_city,
            revenue_usd: c.revenue_usd,
            revenue_year: c.revenue_year,
            sources: source_ids(sources),
            quote: &c.quote,
        }
    }
}

#[derive(Serialize)]
struct CityJson<'a> {
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

/// `/cities/{slug}.json` and `.csv`: the profile's data; the CSV holds the figures in long form.
pub async fn city_profile(state: &AppState, slug: &str, format: Format) -> Result<Response, ApiError> {
    let pool = &state.pool;
    let city =
        crate::db::cities::by_slug(pool, slug).await?.ok_or_else(|| AppError::NotFound(format!("city {slug:?}")))?;
    let definitions = catalogue::all(pool).await?;
    let figures = metrics::for_city(pool, city.id).await?;
    let with_definitions: Vec<(&MetricDefinition, &MetricFigure)> =
        figures.iter().filter_map(|f| definitions.iter().find(|d| d.metric == f.metric).map(|d| (d, f))).collect();
    if format == Format::Csv {
        let mut table = CsvTable::new(&FIGURE_COLUMNS);
        for (d, f) in &with_definitions {
            table.row(&figure_cells(&city, d, f));
        }
        return Ok(table.into_response(&format!("clusterscope-{}.csv", city.slug)));
    }
    let evidence = sectors::evidence_for_cities(pool, &[city.id]).await?;
    let profile_sources = sources::cited_by(pool, SourceList::Cities, &[city.id]).await?.remove(&city.id);
    let profile_sources = profile_sources.unwrap_or_default();
    let park_rows = parks::in_city(pool, city.id).await?;
    let park_sources =
        sources::cited_by(pool, SourceList::Parks, &park_rows.iter().map(|p| p.id).collect::<Vec<_>>()).await?;
    let (company_rows, companies_total) = companies::in_city(pool, city.id, super::companies::PREVIEW_ROWS).await?;
    let company_sources =
        sources::cited_by(pool, SourceList::Companies, &company_rows.iter().map(|c| c.id).collect::<Vec<_>>()).await?;

    let mut cited: Vec<&Source> = figures.iter().map(|f| &f.source).collect();
    cited.extend(evidence.iter().map(|e| &e.source));
    cited.extend(profile_sources.iter());
    cited.extend(park_sources.values().flatten());
    cited.extend(company_sources.values().flatten());
    cited.sort_by(|a, b| a.id.cmp(&b.id));
    cited.dedup_by(|a, b| a.id == b.id);

    let body = CityJson {
        city: &city,
        population_sources: profile_sources.iter().take(1).map(|s| s.id.as_str()).collect(),
        sectors: evidence
            .iter()
            .map(|e| SectorJson { sector: &e.sector, label: &e.sector_label, source: &e.source.id, quote: &e.quote })
            .collect(),
        figures: with_definitions.iter().map(|(d, f)| figure_json(&city, d, f)).collect(),
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

fn source_ids(list: Option<&Vec<Source>>) -> Vec<&str> {
    list.map(|l| l.iter().map(|s| s.id.as_str()).collect()).unwrap_or_default()
}

#[derive(Serialize)]
struct CompanyListJson<'a> {
    total: i64,
    page: i64,
    per_page: i64,
    pages: i64,
    next: Option<String>,
    previous: Option<String>,
    companies: Vec<CompanyJson<'a>>,
    sources: Vec<&'a Source>,
}

/// `/companies.json` and `/companies.csv`: the same filters and pages as `/companies`.
pub async fn companies_json(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<super::companies::CompaniesQuery>,
) -> Result<Response, ApiError> {
    companies_twin(&state, query, Format::Json).await
}

pub async fn companies_csv(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<super::companies::CompaniesQuery>,
) -> Result<Response, ApiError> {
    companies_twin(&state, query, Format::Csv).await
}

async fn companies_twin(
    state: &AppState,
    query: super::companies::CompaniesQuery,
    format: Format,
) -> Result<Response, ApiError> {
    let listing = super::companies::listing(state, query).await?;
    let ids: Vec<i64> = listing.rows.iter().map(|c| c.id).collect();
    let cited = sources::cited_by(&state.pool, SourceList::Companies, &ids).await?;
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
    let mut used: Vec<&Source> = cited.values().flatten().collect();
    used.sort_by(|a, b| a.id.cmp(&b.id));
    used.dedup_by(|a, b| a.id == b.id);
    let body = CompanyListJson {
        total: listing.total,
        page: listing.page,
        per_page: listing.per_page,
        pages: listing.pages,
        next: listing.next_url("/companies.json"),
        previous: listing.previous_url("/companies.json"),
        companies: listing.rows.iter().map(|c| CompanyJson::new(c, cited.get(&c.id), true)).collect(),
        sources: used,
    };
    Ok(Json(body).into_response())
}
