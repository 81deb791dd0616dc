//! sectors.csv: which sectors a city is known for (`city_sectors`), each with the source and
//! quote that say so; keyed by city and sector.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::batch::Record;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CitySectorRow {
    pub city_slug: String,
    /// The id of `city_slug`: resolved by the importer, which writes only resolved rows.
    pub city_id: i64,
    pub sector: String,
    pub source_id: String,
    pub quote: String,
}

/// The slugs of the fixed list of sectors, in their order.
pub async fn slugs(conn: &mut SqliteConnection) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT slug FROM sectors ORDER BY position").fetch_all(&mut *conn).await
}

impl Record for CitySectorRow {
    const TABLE: &'static str = "city_sectors";
    type Key = (i64, String);

    fn key(&self) -> (i64, String) {
        (self.city_id, self.sector.clone())
    }

    fn key_label(&self) -> String {
        format!("{}/{}", self.city_slug, self.sector)
    }

    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[(i64, String)],
    ) -> Result<HashMap<(i64, String), Self>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT c.slug AS city_slug, cs.city_id, cs.sector, cs.source_id, cs.quote FROM city_sectors cs \
             JOIN cities c ON c.id = cs.city_id WHERE (cs.city_id, cs.sector) IN (VALUES ",
        );
        let mut sep = qb.separated(", ");
        for (city, sector) in keys {
            sep.push("(").push_bind_unseparated(*city).push_unseparated(", ");
            sep.push_bind_unseparated(sector.clone()).push_unseparated(")");
        }
        qb.push(")");
        let rows: Vec<CitySectorRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
        Ok(rows.into_iter().map(|r| (r.key(), r)).collect())
    }

    async fn upsert(conn: &mut SqliteConnection, rows: &[&Self], _fresh: bool) -> Result<(), sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new("INSERT INTO city_sectors (city_id, sector, source_id, quote) ");
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.city_id)
                .push_bind(r.sector.clone())
                .push_bind(r.source_id.clone())
                .push_bind(r.quote.clone());
        });
        qb.push(" ON CONFLICT (city_id, sector) DO UPDATE SET source_id = excluded.source_id, quote = excluded.quote");
        qb.build().execute(&mut *conn).await?;
        Ok(())
    }
}
