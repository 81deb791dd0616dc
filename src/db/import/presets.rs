//! presets.csv: named groups of cities for the pickers, keyed by id.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::batch::Record;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PresetRow {
    pub id: String,
    pub label: String,
    pub description: String,
    /// City slugs in the file's order, joined by `;` (checked against the cities on import).
    pub cities: String,
}

impl Record for PresetRow {
    const TABLE: &'static str = "presets";
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
        let mut qb = QueryBuilder::<Sqlite>::new("SELECT id, label, description, cities FROM presets WHERE id IN (");
        let mut sep = qb.separated(", ");
        for id in keys {
            sep.push_bind(id.clone());
        }
        qb.push(")");
        let rows: Vec<PresetRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
        Ok(rows.into_iter().map(|r| (r.key(), r)).collect())
    }

    async fn upsert(conn: &mut SqliteConnection, rows: &[&Self], _fresh: bool) -> Result<(), sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new("INSERT INTO presets (id, label, description, cities) ");
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.id.clone())
                .push_bind(r.label.clone())
                .push_bind(r.description.clone())
                .push_bind(r.cities.clone());
        });
        qb.push(
            " ON CONFLICT (id) DO UPDATE SET label = excluded.label, description = excluded.description, \
             cities = excluded.cities",
        );
        qb.build().execute(&mut *conn).await?;
        Ok(())
    }
}
