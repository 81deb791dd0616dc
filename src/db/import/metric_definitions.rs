//! metric_definitions.csv: the catalogue of metrics, keyed by metric name, in the order the
//! catalogue lists them.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::batch::{Record, in_list};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MetricDefinitionRow {
    pub metric: String,
    pub label: String,
    pub unit: String,
    pub family: String,
    pub scope: String,
    pub higher_is_better: Option<bool>,
    pub description: String,
    /// The place in the catalogue, given by the importer in reading order. Only a new
    /// definition takes it: an existing one keeps its place.
    pub position: i64,
}

// Position is bookkeeping, not content: a definition read again is unchanged wherever it sits.
impl PartialEq for MetricDefinitionRow {
    fn eq(&self, other: &Self) -> bool {
        self.content() == other.content()
    }
}

impl MetricDefinitionRow {
    fn content(&self) -> (&str, &str, &str, &str, &str, Option<bool>, &str) {
        (&self.metric, &self.label, &self.unit, &self.family, &self.scope, self.higher_is_better, &self.description)
    }
}

/// A metric's name and the unit its figures are given in.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MetricUnit {
    pub metric: String,
    pub unit: String,
}

/// The unit of every defined metric.
pub async fn units(conn: &mut SqliteConnection) -> Result<Vec<MetricUnit>, sqlx::Error> {
    sqlx::query_as("SELECT metric, unit FROM metric_definitions").fetch_all(&mut *conn).await
}

/// The position after the last definition of the catalogue: where new definitions go.
pub async fn next_position(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) + 1 FROM metric_definitions").fetch_one(&mut *conn).await
}

impl Record for MetricDefinitionRow {
    const TABLE: &'static str = "metric_definitions";
    type Key = String;

    fn key(&self) -> String {
        self.metric.clone()
    }

    fn key_label(&self) -> String {
        self.metric.clone()
    }

    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[String],
    ) -> Result<HashMap<String, Self>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT metric, label, unit, family, scope, higher_is_better, description, position \
             FROM metric_definitions WHERE metric IN ",
        );
        in_list(&mut qb, keys);
        let rows: Vec<MetricDefinitionRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
        Ok(rows.into_iter().map(|r| (r.key(), r)).collect())
    }

    async fn upsert(conn: &mut SqliteConnection, rows: &[&Self], _fresh: bool) -> Result<(), sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO metric_definitions (metric, label, unit, family, scope, higher_is_better, description, position) ",
        );
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.metric.clone())
                .push_bind(r.label.clone())
                .push_bind(r.unit.clone())
                .push_bind(r.family.clone())
                .push_bind(r.scope.clone())
                .push_bind(r.higher_is_better)
                .push_bind(r.description.clone())
                .push_bind(r.position);
        });
        qb.push(
            " ON CONFLICT (metric) DO UPDATE SET label = excluded.label, unit = excluded.unit, \
             family = excluded.family, scope = excluded.scope, higher_is_better = excluded.higher_is_better, \
             description = excluded.description",
        );
        qb.build().execute(&mut *conn).await?;
        Ok(())
    }
}
