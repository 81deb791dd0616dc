//! fx_rates.csv: cited annual-average exchange rates, keyed by currency and year.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::batch::Record;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FxRateRow {
    /// An ISO 4217 code: `CNY`, `INR`.
    pub currency: String,
    pub year: i64,
    pub units_per_usd: f64,
    pub source_id: String,
    pub quote: String,
}

impl Record for FxRateRow {
    const TABLE: &'static str = "fx_rates";
    type Key = (String, i64);

    fn key(&self) -> (String, i64) {
        (self.currency.clone(), self.year)
    }

    fn key_label(&self) -> String {
        format!("{}/{}", self.currency, self.year)
    }

    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[(String, i64)],
    ) -> Result<HashMap<(String, i64), Self>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT currency, year, units_per_usd, source_id, quote FROM fx_rates WHERE (currency, year) IN (VALUES ",
        );
        let mut sep = qb.separated(", ");
        for (currency, year) in keys {
            sep.push("(").push_bind_unseparated(currency.clone()).push_unseparated(", ");
            sep.push_bind_unseparated(*year).push_unseparated(")");
        }
        qb.push(")");
        let rows: Vec<FxRateRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
        Ok(rows.into_iter().map(|r| (r.key(), r)).collect())
    }

    async fn upsert(conn: &mut SqliteConnection, rows: &[&Self], _fresh: bool) -> Result<(), sqlx::Error> {
        let mut qb =
            QueryBuilder::<Sqlite>::new("INSERT INTO fx_rates (currency, year, units_per_usd, source_id, quote) ");
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.currency.clone())
                .push_bind(r.year)
                .push_bind(r.units_per_usd)
                .push_bind(r.source_id.clone())
                .push_bind(r.quote.clone());
        });
        qb.push(
            " ON CONFLICT (currency, year) DO UPDATE SET units_per_usd = excluded.units_per_usd, \
             source_id = excluded.source_id, quote = excluded.quote",
        );
        qb.build().execute(&mut *conn).await?;
        Ok(())
    }
}
