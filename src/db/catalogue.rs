//! The metric catalogue as stored: one definition per metric, in catalogue order. The app
//! reads it through `metric::Catalogue`, which parses units, scopes and kinds once.

use sqlx::SqlitePool;

use crate::metric::Catalogue;

/// A `metric_definitions` row, as the dataset wrote it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MetricDefinitionRow {
    pub metric: String,
    pub label: String,
    pub unit: String,
    pub family: String,
    pub scope: String,
    pub higher_is_better: Option<bool>,
    pub description: String,
}

/// The whole catalogue, in catalogue order (families keep the order of their first metric).
pub async fn load(pool: &SqlitePool) -> Result<Catalogue, sqlx::Error> {
    let rows: Vec<MetricDefinitionRow> = sqlx::query_as(
        "SELECT metric, label, unit, family, scope, higher_is_better, description
         FROM metric_definitions ORDER BY position",
    )
    .fetch_all(pool)
    .await?;
    Ok(Catalogue::new(rows))
}
