//! The metric catalogue: what each metric measures, its unit, its family (the metrics that may
//! share an axis) and its geographic scope.

use sqlx::SqlitePool;

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct MetricDefinition {
    pub metric: String,
    pub label: String,
    pub unit: String,
    pub family: String,
    pub scope: String,
    pub higher_is_better: Option<bool>,
    pub description: String,
}

/// Every definition, in catalogue order (families keep the order of their first metric).
pub async fn all(pool: &SqlitePool) -> Result<Vec<MetricDefinition>, sqlx::Error> {
    sqlx::query_as(
        "SELECT metric, label, unit, family, scope, higher_is_better, description
         FROM metric_definitions ORDER BY position",
    )
    .fetch_all(pool)
    .await
}
