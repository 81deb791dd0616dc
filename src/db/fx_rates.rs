//! Exchange rates: the cited annual averages figures are converted with.

use sqlx::SqlitePool;

use super::sources::Source;

/// One cited rate: `units_per_usd` of `currency` bought one US dollar on average in `year`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FxRate {
    pub currency: String,
    pub year: i64,
    pub units_per_usd: f64,
    pub quote: String,
    #[sqlx(flatten)]
    pub source: Source,
}

/// Every rate, by currency and year.
pub async fn all(pool: &SqlitePool) -> Result<Vec<FxRate>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.currency, r.year, r.units_per_usd, r.quote,
                s.id, s.title, s.publisher, s.url, s.published_year, s.accessed
         FROM fx_rates r JOIN sources s ON s.id = r.source_id
         ORDER BY r.currency, r.year",
    )
    .fetch_all(pool)
    .await
}

/// The rates that cite a source, for the source's page.
pub async fn citing(pool: &SqlitePool, source_id: &str) -> Result<Vec<FxRate>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.currency, r.year, r.units_per_usd, r.quote,
                s.id, s.title, s.publisher, s.url, s.published_year, s.accessed
         FROM fx_rates r JOIN sources s ON s.id = r.source_id
         WHERE r.source_id = ? ORDER BY r.currency, r.year",
    )
    .bind(source_id)
    .fetch_all(pool)
    .await
}
