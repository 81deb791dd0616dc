//! The cited exchange rates, looked up by currency and year. A figure is converted at the rate
//! of its own year or not at all: there is no lookup of a neighbouring year.

use std::collections::BTreeMap;

use crate::db::fx_rates::FxRate;
use crate::metric::Currency;

#[derive(Debug, Clone, Default)]
pub struct Rates {
    by_key: BTreeMap<(Currency, i64), FxRate>,
}

impl Rates {
    pub fn new(rows: Vec<FxRate>) -> Rates {
        let by_key = rows.into_iter().filter_map(|r| Currency::parse(&r.currency).map(|c| ((c, r.year), r))).collect();
        Rates { by_key }
    }

    /// The rate of `currency` in exactly `year`.
    pub fn get(&self, currency: Currency, year: i64) -> Option<&FxRate> {
        self.by_key.get(&(currency, year))
    }

    /// The currencies with at least one rate, for the `currency` parameter's allowed values.
    pub fn currencies(&self) -> Vec<Currency> {
        let mut out: Vec<Currency> = self.by_key.keys().map(|(c, _)| *c).collect();
        out.dedup();
        out
    }
}
