//! sources.csv: the cited sources, keyed by their id.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::batch::{Record, in_list};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SourceRow {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub published_year: Option<i64>,
    pub accessed: String,
}

/// The ids of every stored source.
pub async fn ids(conn: &mut SqliteConnection) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM sources").fetch_all(&mut *conn).await
}

impl Record for SourceRow {
    const TABLE: &'static str = "sources";
    type Key = String;

    fn key(&self) -> String {
        self.id.clone()
    }

    fn key_label(&self) -> String {
        self.id.clone()
    }

    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[String],
    ) -> Result<HashMap<String, Self>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT id, title, publisher, url, published_year, accessed FROM sources WHERE id IN ",
        );
        in_list(&mut qb, keys);
        let rows: Vec<SourceRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
        Ok(rows.into_iter().map(|r| (r.key(), r)).collect())
    }

    async fn upsert(conn: &mut SqliteConnection, rows: &[&Self], _fresh: bool) -> Result<(), sqlx::Error> {
        let mut qb =
            QueryBuilder::<Sqlite>::new("INSERT INTO sources (id, title, publisher, url, published_year, accessed) ");
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.id.clone())
                .push_bind(r.title.clone())
                .push_bind(r.publisher.clone())
                .push_bind(r.url.clone())
                .push_bind(r.published_year)
                .push_bind(r.accessed.clone());
        });
        qb.push(
            " ON CONFLICT (id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher, \
             url = excluded.url, published_year = excluded.published_year, accessed = excluded.accessed",
        );
        qb.build().execute(&mut *conn).await?;
        Ok(())
    }
}
