//! Tech parks and districts, each in one city.

use std::collections::HashMap;

use sqlx::SqlitePool;

use super::localised::{self, Localise};
use crate::i18n::Lang;
use crate::i18n::names::Kind;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Park {
    pub id: i64,
    pub slug: String,
    pub city_slug: String,
    pub city_name: String,
    pub name: String,
    pub opened_year: Option<i64>,
    pub area_km2: Option<f64>,
    pub companies: Option<i64>,
    pub employees: Option<i64>,
    pub foreign_share: Option<f64>,
    pub quote: String,
}

const PARK_COLUMNS: &str = "p.id, p.slug, c.slug AS city_slug, c.name AS city_name, p.name, p.opened_year, \
    p.area_km2, p.companies, p.employees, p.foreign_share, p.quote";

pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Option<Park>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PARK_COLUMNS} FROM parks p JOIN cities c ON c.id = p.city_id WHERE p.slug = ?"
    )))
    .bind(slug)
    .fetch_optional(pool)
    .await
    .map(|p| p.map(localised::row))
}

pub async fn in_city(pool: &SqlitePool, city_id: i64) -> Result<Vec<Park>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PARK_COLUMNS} FROM parks p JOIN cities c ON c.id = p.city_id
         WHERE p.city_id = ? ORDER BY p.name COLLATE NOCASE"
    )))
    .bind(city_id)
    .fetch_all(pool)
    .await
    .map(localised::rows)
}

pub async fn citing(pool: &SqlitePool, source_id: &str) -> Result<Vec<Park>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PARK_COLUMNS} FROM park_sources x JOIN parks p ON p.id = x.park_id JOIN cities c ON c.id = p.city_id
         WHERE x.source_id = ? ORDER BY p.name COLLATE NOCASE"
    )))
    .bind(source_id)
    .fetch_all(pool)
    .await
    .map(localised::rows)
}

/// Slug, name and city of every park, for pickers.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ParkName {
    pub slug: String,
    pub name: String,
    pub city_name: String,
}

/// Every city's parks, by name, for pickers: keyed by the city's slug. Read once per data
/// version (`web::freshness`) rather than by every list page.
pub async fn names_by_city(pool: &SqlitePool) -> Result<HashMap<String, Vec<ParkName>>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct InCity {
        city_slug: String,
        #[sqlx(flatten)]
        park: ParkName,
    }
    let rows: Vec<InCity> = sqlx::query_as(
        "SELECT c.slug AS city_slug, p.slug, p.name, c.name AS city_name FROM parks p JOIN cities c ON c.id = p.city_id
         ORDER BY c.slug, p.name COLLATE NOCASE",
    )
    .fetch_all(pool)
    .await?;
    let mut by_city: HashMap<String, Vec<ParkName>> = HashMap::new();
    for row in rows {
        by_city.entry(row.city_slug).or_default().push(localised::row(row.park));
    }
    Ok(by_city)
}

impl Localise for Park {
    fn localise(&mut self, lang: Lang) {
        localised::translate(lang, Kind::Park, &self.slug, &mut self.name);
        localised::translate(lang, Kind::City, &self.city_slug, &mut self.city_name);
    }
}

impl Localise for ParkName {
    fn localise(&mut self, lang: Lang) {
        localised::translate(lang, Kind::Park, &self.slug, &mut self.name);
    }
}
