//! Comparable figures: a published figure converted into US dollars at the cited rate of its
//! own year, divided by the same city's population, or a series turned into its compound annual
//! growth rate, each carrying its derivation (the inputs, their years, values, units and
//! sources, and the formula) so a reader can redo the arithmetic.
//!
//! The rules, each a promise the pages repeat:
//! - **Currency**: a money figure in another currency is divided by the annual-average rate of
//!   the figure's own year. No rate for that year: the figure stays as published and says why;
//!   a neighbouring year's rate is never used.
//! - **Per capita**: stocks and flows (money, persons, counts) of the city are divided by the
//!   city's population figure nearest in time, within two years (the later one on a tie).
//!   Figures of a state or country are not divided (the data has no population of that area):
//!   missing, with the reason. Ranks, percentages and prices are shown as published.
//! - **Growth (CAGR)**: (end ÷ start)^(1 ÷ years) − 1, in percent per year, between the first and
//!   last year of the metric's series. When one source gives two or more years of the series,
//!   the longest span of a single source is used, so a change of definition between sources is
//!   not read as growth; otherwise the first and last years, and the formula says the sources
//!   differ. Needs two years and a positive start.
//! - **Year**: with `year=Y`, only figures of Y or before count.

mod derive;
mod rates;

use serde::Serialize;

pub use derive::{derive_series, population_figures};
pub use rates::Rates;

use crate::db::metrics::MetricFigure;
use crate::db::sources::Source;
use crate::metric::{Currency, Unit};

/// How the figures of a view are made comparable; the default shows them as published.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Convert money into this currency (only US dollars: the rates are per US dollar).
    pub currency: Option<Currency>,
    pub per_capita: bool,
    /// Replace each series by its compound annual growth rate.
    pub growth: bool,
    /// Only figures of this year or before.
    pub year: Option<i64>,
}

impl Options {
    /// Whether anything is derived at all.
    pub fn derives(&self) -> bool {
        self.currency.is_some() || self.per_capita || self.growth
    }

    /// Whether two money metrics of different currencies now share a unit (and an axis).
    pub fn converts_money(&self) -> bool {
        self.currency.is_some()
    }
}

/// What kind of derivation a figure went through (the last one, when several combine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = DerivationKind)]
pub enum Kind {
    Currency,
    PerCapita,
    Cagr,
}

/// The part an input plays in a derivation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = InputRole)]
pub enum Role {
    Value,
    Rate,
    Population,
    Start,
    End,
}

/// One published figure a derived figure rests on.
#[derive(Debug, Clone)]
pub struct Input {
    pub role: Role,
    /// The metric's name (`it_revenue_rmb`), or `fx_rate` for an exchange rate.
    pub metric: String,
    /// The city's slug; empty for an exchange rate.
    pub city: String,
    pub year: i64,
    pub value: f64,
    /// As the dataset writes it (`RMB`, `persons`, `RMB per USD`).
    pub unit: String,
    pub source: Source,
    pub quote: String,
}

#[derive(Debug, Clone)]
pub struct Derivation {
    pub kind: Kind,
    /// The arithmetic in words: "RMB 105.3 bn (2017) ÷ 6.7518 RMB per US$ (2017 annual average) = US$15.6 bn".
    pub formula: String,
    pub inputs: Vec<Input>,
}

/// A figure as a view shows it: published, or derived with its derivation.
#[derive(Debug, Clone)]
pub struct Shown {
    pub metric: String,
    pub city_id: i64,
    pub year: i64,
    pub value: f64,
    pub unit: Unit,
    /// The published figure it shows, or for a growth rate the series' last one.
    pub figure: MetricFigure,
    pub derivation: Option<Derivation>,
    /// Why a derivation that was asked for was not made ("no CNY rate for 2004 in the data").
    pub note: Option<String>,
}

/// A figure the view asked for that cannot be derived, and why.
#[derive(Debug, Clone)]
pub struct Unavailable {
    pub metric: String,
    pub city_id: i64,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    /// Boxed: a shown figure carries its derivation, many times the size of a reason.
    Shown(Box<Shown>),
    Unavailable(Unavailable),
}
