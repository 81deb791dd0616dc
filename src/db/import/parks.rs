//! parks.csv: the tech parks, keyed by slug, each in one city and with its cited-source list.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::batch::{Record, SlugId, Stored, in_list};
use super::source_lists::PARK_SOURCES;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ParkRow {
    pub slug: String,
    pub city_slug: String,
    /// The id of `city_slug`: resolved by the importer, which writes only resolved rows.
    pub city_id: i64,
    pub name: String,
    pub opened_year: Option<i64>,
    pub area_km2: Option<f64>,
    pub companies: Option<i64>,
    pub employees: Option<i64>,
    pub foreign_share: Option<f64>,
    pub quote: String,
    #[sqlx(skip)]
    pub source_ids: Vec<String>,
}

/// A park's slug, id and city: what a company's park reference resolves to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ParkIds {
    pub slug: String,
    pub id: i64,
    pub city_id: i64,
}

/// The ids of every stored park.
pub async fn ids(conn: &mut SqliteConnection) -> Result<Vec<ParkIds>, sqlx::Error> {
    sqlx::query_as("SELECT slug, id, city_id FROM parks").fetch_all(&mut *conn).await
}

/// The ids of the stored parks among `slugs`.
pub async fn ids_of(conn: &mut SqliteConnection, slugs: &[String]) -> Result<Vec<ParkIds>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in slugs.chunks(super::KEYS_PER_LOOKUP) {
        let mut qb = QueryBuilder::<Sqlite>::new("SELECT slug, id, city_id FROM parks WHERE slug IN ");
        in_list(&mut qb, chunk);
        found.extend(qb.build_query_as::<ParkIds>().fetch_all(&mut *conn).await?);
    }
    Ok(found)
}

impl Record for ParkRow {
    const TABLE: &'static str = "parks";
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
            "SELECT p.id, p.slug, c.slug AS city_slug, p.city_id, p.name, p.opened_year, p.area_km2, p.companies, \
             p.employees, p.foreign_share, p.quote FROM parks p JOIN cities c ON c.id = p.city_id WHERE p.slug IN ",
        );
        in_list(&mut qb, keys);
        let stored: Vec<Stored<ParkRow>> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let rows = PARK_SOURCES.fill(conn, stored, |r| &mut r.source_ids).await?;
        Ok(rows.into_iter().map(|r| (r.key(), r)).collect())
    }

    async fn upsert(conn: &mut SqliteConnection, rows: &[&Self], fresh: bool) -> Result<(), sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO parks (slug, city_id, name, opened_year, area_km2, companies, employees, foreign_share, quote) ",
        );
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.slug.clone())
                .push_bind(r.city_id)
                .push_bind(r.name.clone())
                .push_bind(r.opened_year)
                .push_bind(r.area_km2)
                .push_bind(r.companies)
                .push_bind(r.employees)
                .push_bind(r.foreign_share)
                .push_bind(r.quote.clone());
        });
        qb.push(
            " ON CONFLICT (slug) DO UPDATE SET city_id = excluded.city_id, name = excluded.name, \
             opened_year = excluded.opened_year, area_km2 = excluded.area_km2, companies = excluded.companies, \
             employees = excluded.employees, foreign_share = excluded.foreign_share, quote = excluded.quote \
             RETURNING slug, id",
        );
        let ids: Vec<SlugId> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let lists = rows.iter().map(|r| (r.slug.as_str(), r.source_ids.as_slice()));
        PARK_SOURCES.replace(conn, &ids, lists, fresh).await
    }
}
