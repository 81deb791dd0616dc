//! metrics.csv: the figures, one per city, metric, year and source.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::batch::Record;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MetricRow {
    pub city_slug: String,
    /// The id of `city_slug`: resolved by the importer, which writes only resolved rows.
    pub city_id: i64,
    pub metric: String,
    pub year: i64,
    pub value: f64,
    pub unit: String,
    pub source_id: String,
    pub quote: String,
}

/// City id, metric, year and source id: what identifies a figure.
type MetricKey = (i64, String, i64, String);

impl Record for MetricRow {
    const TABLE: &'static str = "metrics";
    type Key = MetricKey;

    fn key(&self) -> MetricKey {
        (self.city_id, self.metric.clone(), self.year, self.source_id.clone())
    }

    fn key_label(&self) -> String {
        format!("{}/{}/{}/{}", self.city_slug, self.metric, self.year, self.source_id)
    }

    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[MetricKey],
    ) -> Result<HashMap<MetricKey, Self>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT c.slug AS city_slug, m.city_id, m.metric, m.year, m.value, m.unit, m.source_id, m.quote \
             FROM metrics m JOIN cities c ON c.id = m.city_id \
             WHERE (m.city_id, m.metric, m.year, m.source_id) IN (VALUES ",
        );
        let mut sep = qb.separated(", ");
        for (city, metric, year, source) in keys {
            sep.push("(").push_bind_unseparated(*city).push_unseparated(", ");
            sep.push_bind_unseparated(metric.clone()).push_unseparated(", ");
            sep.push_bind_unseparated(*year).push_unseparated(", ");
            sep.push_bind_unseparated(source.clone()).push_unseparated(")");
        }
        qb.push(")");
        let rows: Vec<MetricRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
        Ok(rows.into_iter().map(|r| (r.key(), r)).collect())
    }

    async fn upsert(conn: &mut SqliteConnection, rows: &[&Self], _fresh: bool) -> Result<(), sqlx::Error> {
        let mut qb =
            QueryBuilder::<Sqlite>::new("INSERT INTO metrics (city_id, metric, year, source_id, value, unit, quote) ");
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.city_id)
                .push_bind(r.metric.clone())
                .push_bind(r.year)
                .push_bind(r.source_id.clone())
                .push_bind(r.value)
                .push_bind(r.unit.clone())
                .push_bind(r.quote.clone());
        });
        qb.push(
            " ON CONFLICT (city_id, metric, year, source_id) DO UPDATE SET value = excluded.value, \
             unit = excluded.unit, quote = excluded.quote",
        );
        qb.build().execute(&mut *conn).await?;
        Ok(())
    }
}
