//! Cities: listing with the sector and country filters, and one city's profile row.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::localised::{self, Localise};
use crate::i18n::Lang;
use crate::i18n::names::Kind;

/// A city as the JSON twins write it (its internal id left out).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct City {
    #[serde(skip)]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub country: String,
    pub region: String,
    #[schema(required = true)]
    pub population: Option<i64>,
    #[schema(required = true)]
    pub population_year: Option<i64>,
    pub population_scope: String,
    #[schema(required = true)]
    pub lat: Option<f64>,
    #[schema(required = true)]
    pub lon: Option<f64>,
    pub summary: String,
}

const CITY_COLUMNS: &str = "c.id, c.slug, c.name, c.country, c.region, c.population, c.population_year, c.population_scope, c.lat, c.lon, c.summary";

/// Which cities a list shows. Sectors combine with OR; the country narrows further.
#[derive(Debug, Clone, Default)]
pub struct CityFilter {
    pub sectors: Vec<String>,
    pub country: Option<String>,
}

pub async fn list(pool: &SqlitePool, filter: &CityFilter) -> Result<Vec<City>, sqlx::Error> {
    let mut qb = QueryBuilder::<Sqlite>::new(format!("SELECT {CITY_COLUMNS} FROM cities c WHERE 1 = 1"));
    if !filter.sectors.is_empty() {
        qb.push(" AND EXISTS (SELECT 1 FROM city_sectors cs WHERE cs.city_id = c.id AND cs.sector IN (");
        let mut sep = qb.separated(", ");
        for s in &filter.sectors {
            sep.push_bind(s.clone());
        }
        qb.push("))");
    }
    if let Some(country) = &filter.country {
        qb.push(" AND c.country = ").push_bind(country.clone());
    }
    qb.push(" ORDER BY c.name COLLATE NOCASE");
    qb.build_query_as().fetch_all(pool).await.map(localised::rows)
}

pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Option<City>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {CITY_COLUMNS} FROM cities c WHERE c.slug = ?")))
        .bind(slug)
        .fetch_optional(pool)
        .await
        .map(|c| c.map(localised::row))
}

/// Slug and name of every city, with where it is, for pickers and maps.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CityName {
    pub slug: String,
    pub name: String,
    pub country: String,
    /// The dataset's description of the region, e.g. "Liaoning Province, north-east China (East Asia)".
    pub region: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl From<&City> for CityName {
    fn from(c: &City) -> Self {
        CityName {
            slug: c.slug.clone(),
            name: c.name.clone(),
            country: c.country.clone(),
            region: c.region.clone(),
            lat: c.lat,
            lon: c.lon,
        }
    }
}

pub async fn names(pool: &SqlitePool) -> Result<Vec<CityName>, sqlx::Error> {
    sqlx::query_as("SELECT slug, name, country, region, lat, lon FROM cities ORDER BY name COLLATE NOCASE")
        .fetch_all(pool)
        .await
        .map(localised::rows)
}

/// Countries with at least one city, with their number of cities.
pub async fn countries(pool: &SqlitePool) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT country, COUNT(*) FROM cities GROUP BY country ORDER BY country COLLATE NOCASE")
        .fetch_all(pool)
        .await
}

/// Cities whose profile (population, coordinates) cites a source.
pub async fn citing(pool: &SqlitePool, source_id: &str) -> Result<Vec<CityName>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.slug, c.name, c.country, c.region, c.lat, c.lon FROM city_sources x JOIN cities c ON c.id = x.city_id
         WHERE x.source_id = ? ORDER BY c.name COLLATE NOCASE",
    )
    .bind(source_id)
    .fetch_all(pool)
    .await
    .map(localised::rows)
}

impl Localise for City {
    fn localise(&mut self, lang: Lang) {
        localised::translate(lang, Kind::City, &self.slug, &mut self.name);
        localised::country(lang, &mut self.country);
    }
}

impl Localise for CityName {
    fn localise(&mut self, lang: Lang) {
        localised::translate(lang, Kind::City, &self.slug, &mut self.name);
        localised::country(lang, &mut self.country);
    }
}
