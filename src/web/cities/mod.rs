//! `/cities` (filter by sector and country) with its `.json` and `.csv` twins, and
//! `/cities/{slug}` (a city's profile, in `profile`).

mod cards;
mod profile;
mod profile_data;

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::AppState;
use super::charts::MapBlock;
use super::formats::{Cell, CsvTable, Format};
use super::params::{ApiParams, Params, sectors as sector_param, single};
use super::view::FormError;
use crate::comparison::{MAX_CITIES, MIN_CITIES};
use crate::db::cities::{self, City, CityFilter, CityName};
use crate::db::sectors;
use crate::error::{ApiError, AppError, AppResult};

pub use cards::{CityCard, city_cards};
pub use profile::profile;
pub use profile_data::CityJson;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitiesQuery {
    #[serde(default)]
    pub sector: Vec<String>,
    #[serde(default)]
    pub country: Vec<String>,
}

/// Checks the query against the known sectors: an unknown one is a 400 listing them all.
pub async fn validated_filter(pool: &sqlx::SqlitePool, query: CitiesQuery) -> AppResult<CityFilter> {
    let country = single("country", query.country)?;
    let known = sectors::all(pool).await?;
    let sectors = sector_param(&query.sector, known.iter().map(|k| k.slug.as_str()))?;
    Ok(CityFilter { sectors, country })
}

pub struct SectorOption {
    pub slug: String,
    pub label: String,
    pub description: String,
    pub cities: i64,
    pub checked: bool,
}

pub struct CountryOption {
    /// The value: the dataset's (English) name.
    pub name: String,
    /// The name in the page's language.
    pub label: String,
    pub cities: i64,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "cities/index.html")]
pub struct CitiesPage {
    sectors: Vec<SectorOption>,
    countries: Vec<CountryOption>,
    cities: Vec<CityCard>,
    total: usize,
    filtered: bool,
    /// Labels of the chosen sectors, in the order given.
    chosen_sectors: Vec<String>,
    country: Option<String>,
    /// The chosen country's name in the page's language.
    country_label: Option<String>,
    /// The comparison of the cities listed (the first eight).
    compare_query: Option<String>,
    /// The listed cities on a world map.
    map: Option<MapBlock>,
    error: Option<FormError>,
}

impl CitiesPage {
    fn sector_error(&self) -> Option<String> {
        FormError::on(&self.error, "sector")
    }

    fn country_error(&self) -> Option<String> {
        FormError::on(&self.error, "country")
    }

    /// The chosen sectors as "BPO or IT outsourcing".
    fn sectors_or(&self) -> String {
        self.chosen_sectors.join(&crate::t("or-separator"))
    }

    fn compares_all(&self) -> bool {
        self.cities.len() <= MAX_CITIES
    }
}

/// `/cities`: the cities the filters keep, or the form again with the mistake (400).
pub async fn index(State(state): State<AppState>, Params(query): Params<CitiesQuery>) -> AppResult<Response> {
    let pool = &state.pool;
    let (country, error) = match single("country", query.country.clone()) {
        Ok(c) => (c, None),
        Err(e) => (None, Some(FormError::about(e, &["country"])?)),
    };
    let all_sectors = sectors::with_city_counts(pool, country.as_deref()).await?;
    let (chosen, error) = match sector_param(&query.sector, all_sectors.iter().map(|a| a.sector.slug.as_str())) {
        Ok(chosen) => (chosen, error),
        Err(e) => (Vec::new(), error.or(Some(FormError::about(e, &["sector"])?))),
    };
    let countries = cities::countries(pool).await?;
    // A country no city is in would only ever list nothing: say what is accepted instead.
    let (country, error) = match country {
        Some(c) if error.is_none() && !countries.iter().any(|(name, _)| name == &c) => {
            let allowed = countries.iter().map(|(name, _)| name.clone()).collect();
            (None, Some(FormError::about(AppError::not_allowed("country", &c, allowed), &["country"])?))
        }
        other => (other, error),
    };
    let filter = CityFilter { sectors: chosen.clone(), country: country.clone() };
    let found = if error.is_some() { Vec::new() } else { cities::list(pool, &filter).await? };
    let total = countries.iter().map(|(_, n)| *n as usize).sum();
    let compare_query = (found.len() >= MIN_CITIES).then(|| {
        let first: Vec<City> = found.iter().take(MAX_CITIES).cloned().collect();
        crate::comparison::query_string(&first, &[])
    });
    let listed: Vec<CityName> = found.iter().map(CityName::from).collect();
    let title = crate::t(if chosen.is_empty() && country.is_none() { "cities-map-all" } else { "cities-map-matching" });
    let map = MapBlock::of("cities-map", &title, &listed, |_| false, String::new())?;
    let cards = city_cards(&state, found, &crate::comparable::Options::default()).await?;
    let chosen_labels = chosen
        .iter()
        .filter_map(|slug| all_sectors.iter().find(|s| &s.sector.slug == slug).map(|s| s.sector.label.clone()))
        .collect();

    let page = CitiesPage {
        sectors: all_sectors
            .into_iter()
            // A sector no city is known for (here) is not offered, unless it is ticked.
            .filter(|s| s.cities > 0 || chosen.contains(&s.sector.slug))
            .map(|s| SectorOption {
                checked: chosen.contains(&s.sector.slug),
                slug: s.sector.slug,
                label: s.sector.label,
                description: s.sector.description,
                cities: s.cities,
            })
            .collect(),
        countries: countries
            .into_iter()
            .map(|(name, cities)| CountryOption {
                selected: country.as_ref() == Some(&name),
                label: crate::i18n::names::name(crate::i18n::names::Kind::Country, &name, &name),
                name,
                cities,
            })
            .collect(),
        cities: cards,
        total,
        filtered: !chosen.is_empty() || country.is_some(),
        chosen_sectors: chosen_labels,
        country_label: country.as_ref().map(|c| crate::i18n::names::name(crate::i18n::names::Kind::Country, c, c)),
        country,
        compare_query,
        map,
        error,
    };
    let status = if page.error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    Ok((status, Html(page.render()?)).into_response())
}

/// A city of the list: its row, its page and the sectors sources say it is known for.
#[derive(Serialize, ToSchema)]
#[schema(as = CitySummary)]
struct CitySummaryJson<'a> {
    #[serde(flatten)]
    city: &'a City,
    url: String,
    sectors: Vec<&'a str>,
}

/// `/cities.json`: the filters as applied and the cities they keep.
#[derive(Serialize, ToSchema)]
#[schema(as = CityList)]
pub struct CitiesJson<'a> {
    sector: &'a [String],
    #[schema(required = true)]
    country: Option<&'a str>,
    count: usize,
    cities: Vec<CitySummaryJson<'a>>,
}

/// `/cities.json`: the list with the same filters.
pub async fn list_json(
    State(state): State<AppState>,
    ApiParams(q): ApiParams<CitiesQuery>,
) -> Result<Response, ApiError> {
    list_twin(&state, q, Format::Json).await
}

/// `/cities.csv`: the list with the same filters.
pub async fn list_csv(
    State(state): State<AppState>,
    ApiParams(q): ApiParams<CitiesQuery>,
) -> Result<Response, ApiError> {
    list_twin(&state, q, Format::Csv).await
}

async fn list_twin(state: &AppState, query: CitiesQuery, format: Format) -> Result<Response, ApiError> {
    let filter = validated_filter(&state.pool, query).await?;
    let found = cities::list(&state.pool, &filter).await?;
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
