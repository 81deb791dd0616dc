//! Sectors: the fixed list a city can be known for, and the cited statements that it is.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::localised::{self, Localise};
use super::sources::Source;
use crate::i18n::Lang;
use crate::i18n::names::Kind;

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Sector {
    pub slug: String,
    pub label: String,
    pub description: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SectorWithCount {
    #[sqlx(flatten)]
    pub sector: Sector,
    /// Cities known for the sector (within the country, when one is given).
    pub cities: i64,
}

pub async fn all(pool: &SqlitePool) -> Result<Vec<Sector>, sqlx::Error> {
    sqlx::query_as("SELECT slug, label, description FROM sectors ORDER BY position")
        .fetch_all(pool)
        .await
        .map(localised::rows)
}

/// Every sector with the number of cities known for it, counted within `country` if given.
pub async fn with_city_counts(pool: &SqlitePool, country: Option<&str>) -> Result<Vec<SectorWithCount>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.slug, s.label, s.description,
                (SELECT COUNT(*) FROM city_sectors cs JOIN cities c ON c.id = cs.city_id
                  WHERE cs.sector = s.slug AND (?1 IS NULL OR c.country = ?1)) AS cities
         FROM sectors s ORDER BY s.position",
    )
    .bind(country)
    .fetch_all(pool)
    .await
    .map(localised::rows)
}

/// A cited statement that a city is known for a sector.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SectorEvidence {
    pub city_id: i64,
    pub sector: String,
    pub sector_label: String,
    pub quote: String,
    #[sqlx(flatten)]
    pub source: Source,
}

pub async fn evidence_for_cities(pool: &SqlitePool, city_ids: &[i64]) -> Result<Vec<SectorEvidence>, sqlx::Error> {
    if city_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT cs.city_id, cs.sector, sec.label AS sector_label, cs.quote,
                s.id, s.title, s.publisher, s.url, s.published_year, s.accessed
         FROM city_sectors cs
         JOIN sectors sec ON sec.slug = cs.sector
         JOIN sources s ON s.id = cs.source_id
         WHERE cs.city_id IN (",
    );
    let mut sep = qb.separated(", ");
    for id in city_ids {
        sep.push_bind(*id);
    }
    qb.push(") ORDER BY cs.city_id, sec.position");
    qb.build_query_as().fetch_all(pool).await.map(localised::rows)
}

/// A sector statement as the page of its source lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SectorStatement {
    pub city_slug: String,
    pub city_name: String,
    pub sector: String,
    pub sector_label: String,
    pub quote: String,
}

/// The sector statements that cite a source.
pub async fn statements_citing(pool: &SqlitePool, source_id: &str) -> Result<Vec<SectorStatement>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.slug AS city_slug, c.name AS city_name, cs.sector, sec.label AS sector_label, cs.quote FROM city_sectors cs
         JOIN cities c ON c.id = cs.city_id JOIN sectors sec ON sec.slug = cs.sector
         WHERE cs.source_id = ? ORDER BY c.name, sec.position",
    )
    .bind(source_id)
    .fetch_all(pool)
    .await
    .map(localised::rows)
}

impl Localise for Sector {
    fn localise(&mut self, lang: Lang) {
        localised::translate(lang, Kind::Sector, &self.slug, &mut self.label);
        localised::translate(lang, Kind::SectorDescription, &self.slug, &mut self.description);
    }
}

impl Localise for SectorWithCount {
    fn localise(&mut self, lang: Lang) {
        self.sector.localise(lang);
    }
}

impl Localise for SectorEvidence {
    fn localise(&mut self, lang: Lang) {
        localised::translate(lang, Kind::Sector, &self.sector, &mut self.sector_label);
    }
}

impl Localise for SectorStatement {
    fn localise(&mut self, lang: Lang) {
        localised::translate(lang, Kind::City, &self.city_slug, &mut self.city_name);
        localised::translate(lang, Kind::Sector, &self.sector, &mut self.sector_label);
    }
}
