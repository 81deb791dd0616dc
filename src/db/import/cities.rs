//! cities.csv: the cities, keyed by slug, each with its cited-source list.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::batch::{Record, SlugId, Stored, in_list};
use super::source_lists::CITY_SOURCES;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CityRow {
    pub slug: String,
    pub name: String,
    pub country: String,
    pub region: String,
    pub population: Option<i64>,
    pub population_year: Option<i64>,
    pub population_scope: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub summary: String,
    #[sqlx(skip)]
    pub source_ids: Vec<String>,
}

/// The slug and id of every stored city.
pub async fn ids(conn: &mut SqliteConnection) -> Result<Vec<SlugId>, sqlx::Error> {
    sqlx::query_as("SELECT slug, id FROM cities").fetch_all(&mut *conn).await
}

/// The slug and id of the stored cities among `slugs`.
pub async fn ids_of(conn: &mut SqliteConnection, slugs: &[String]) -> Result<Vec<SlugId>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in slugs.chunks(super::KEYS_PER_LOOKUP) {
        let mut qb = QueryBuilder::<Sqlite>::new("SELECT slug, id FROM cities WHERE slug IN ");
        in_list(&mut qb, chunk);
        found.extend(qb.build_query_as::<SlugId>().fetch_all(&mut *conn).await?);
    }
    Ok(found)
}

impl Record for CityRow {
    const TABLE: &'static str = "cities";
    type Key = String;

    fn key(&self) -> String {
        self.slug.clone()
    }

    fn key_label(&self) -> String {
        self.slug.clone()
    }

    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[String],
    ) -> Result<HashMap<String, Self>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT id, slug, name, country, region, population, population_year, population_scope, lat, lon, summary \
             FROM cities WHERE slug IN ",
        );
        in_list(&mut qb, keys);
        let stored: Vec<Stored<CityRow>> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let rows = CITY_SOURCES.fill(conn, stored, |r| &mut r.source_ids).await?;
        Ok(rows.into_iter().map(|r| (r.key(), r)).collect())
    }

    async fn upsert(conn: &mut SqliteConnection, rows: &[&Self], fresh: bool) -> Result<(), sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO cities (slug, name, country, region, population, population_year, population_scope, lat, lon, summary) ",
        );
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.slug.clone())
                .push_bind(r.name.clone())
                .push_bind(r.country.clone())
                .push_bind(r.region.clone())
                .push_bind(r.population)
                .push_bind(r.population_year)
                .push_bind(r.population_scope.clone())
                .push_bind(r.lat)
                .push_bind(r.lon)
                .push_bind(r.summary.clone());
        });
        qb.push(
            " ON CONFLICT (slug) DO UPDATE SET name = excluded.name, country = excluded.country, \
             region = excluded.region, population = excluded.population, population_year = excluded.population_year, \
             population_scope = excluded.population_scope, lat = excluded.lat, lon = excluded.lon, \
             summary = excluded.summary RETURNING slug, id",
        );
        let ids: Vec<SlugId> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let lists = rows.iter().map(|r| (r.slug.as_str(), r.source_ids.as_slice()));
        CITY_SOURCES.replace(conn, &ids, lists, fresh).await
    }
}
