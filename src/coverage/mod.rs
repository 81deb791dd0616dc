//! Coverage: for each city, which of ten core indicators the data has a city figure for, and
//! the latest year of it. The ten indicators and the rule of which metrics count live here
//! and nowhere else; the page, its twins and the badges on city cards and profiles all read
//! them from this module.
//!
//! The rule: a figure counts for an indicator when its metric matches the indicator's names
//! (`it_revenue_*` is any metric whose name starts with `it_revenue_`), its name does not end
//! in `_state`, `_national` or `_region`, and its definition's scope is `city`. A state's
//! exports or a country's revenue describe a wider area than the city, so they leave the city
//! without that indicator however many of them there are.

mod age;
#[cfg(test)]
mod tests;

pub use age::{Age, this_year};

use sqlx::SqlitePool;

use crate::db::cities::City;
use crate::db::metrics::{self, LatestYear};
use crate::metric::{Catalogue, Metric};

/// One of the ten core indicators, in the order every view lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Indicator {
    Population,
    ItWorkforce,
    ItRevenue,
    ItExports,
    ItCompanies,
    OutsourcingRank,
    Graduates,
    Gdp,
    VentureCapital,
    Startups,
}

/// Which metric names an indicator accepts.
enum Names {
    /// Exactly these names.
    Exactly(&'static [&'static str]),
    /// Any name that starts with this (`it_revenue_` for `it_revenue_*`).
    StartingWith(&'static str),
}

/// Names of figures for an area wider than the city, whatever their definition says.
pub const WIDER_AREA_SUFFIXES: [&str; 3] = ["_state", "_national", "_region"];

impl Indicator {
    pub const ALL: [Indicator; 10] = [
        Indicator::Population,
        Indicator::ItWorkforce,
        Indicator::ItRevenue,
        Indicator::ItExports,
        Indicator::ItCompanies,
        Indicator::OutsourcingRank,
        Indicator::Graduates,
        Indicator::Gdp,
        Indicator::VentureCapital,
        Indicator::Startups,
    ];

    /// How many there are: the "of 10" of every badge.
    pub const TOTAL: usize = Indicator::ALL.len();

    /// The id the twins use (`population`, `it_workforce`, ...): a contract, never renamed.
    pub fn id(self) -> &'static str {
        match self {
            Indicator::Population => "population",
            Indicator::ItWorkforce => "it_workforce",
            Indicator::ItRevenue => "it_revenue",
            Indicator::ItExports => "it_exports",
            Indicator::ItCompanies => "it_companies",
            Indicator::OutsourcingRank => "outsourcing_rank",
            Indicator::Graduates => "graduates",
            Indicator::Gdp => "gdp",
            Indicator::VentureCapital => "venture_capital",
            Indicator::Startups => "startups",
        }
    }

    /// The English name the twins give it (`definitions[].label`): a contract, like the id.
    pub fn label(self) -> &'static str {
        match self {
            Indicator::Population => "Population",
            Indicator::ItWorkforce => "IT workforce",
            Indicator::ItRevenue => "IT revenue",
            Indicator::ItExports => "IT exports",
            Indicator::ItCompanies => "IT companies",
            Indicator::OutsourcingRank => "Outsourcing rank",
            Indicator::Graduates => "Graduates",
            Indicator::Gdp => "GDP",
            Indicator::VentureCapital => "Venture capital",
            Indicator::Startups => "Start-ups",
        }
    }

    /// How a page names it, in the page's language.
    pub fn name(self) -> String {
        crate::t(match self {
            Indicator::Population => "coverage-indicator-population",
            Indicator::ItWorkforce => "coverage-indicator-it-workforce",
            Indicator::ItRevenue => "coverage-indicator-it-revenue",
            Indicator::ItExports => "coverage-indicator-it-exports",
            Indicator::ItCompanies => "coverage-indicator-it-companies",
            Indicator::OutsourcingRank => "coverage-indicator-outsourcing-rank",
            Indicator::Graduates => "coverage-indicator-graduates",
            Indicator::Gdp => "coverage-indicator-gdp",
            Indicator::VentureCapital => "coverage-indicator-venture-capital",
            Indicator::Startups => "coverage-indicator-startups",
        })
    }

    /// Which figures count for it, in plain words and the page's language (the metric names
    /// are for the curious: [`metric_patterns`](Self::metric_patterns)).
    pub fn explanation(self) -> String {
        crate::t(match self {
            Indicator::Population => "coverage-counts-population",
            Indicator::ItWorkforce => "coverage-counts-it-workforce",
            Indicator::ItRevenue => "coverage-counts-it-revenue",
            Indicator::ItExports => "coverage-counts-it-exports",
            Indicator::ItCompanies => "coverage-counts-it-companies",
            Indicator::OutsourcingRank => "coverage-counts-outsourcing-rank",
            Indicator::Graduates => "coverage-counts-graduates",
            Indicator::Gdp => "coverage-counts-gdp",
            Indicator::VentureCapital => "coverage-counts-venture-capital",
            Indicator::Startups => "coverage-counts-startups",
        })
    }

    fn names(self) -> Names {
        match self {
            Indicator::Population => Names::Exactly(&["population"]),
            Indicator::ItWorkforce => Names::Exactly(&["it_employees", "tech_employees"]),
            Indicator::ItRevenue => Names::StartingWith("it_revenue_"),
            Indicator::ItExports => Names::StartingWith("it_exports_"),
            Indicator::ItCompanies => Names::Exactly(&["it_companies"]),
            Indicator::OutsourcingRank => Names::Exactly(&["tholons_rank"]),
            Indicator::Graduates => Names::Exactly(&["graduates_per_year"]),
            Indicator::Gdp => Names::StartingWith("gdp_"),
            Indicator::VentureCapital => Names::StartingWith("venture_capital_investment_"),
            Indicator::Startups => Names::Exactly(&["startups"]),
        }
    }

    /// The metric names that count, as the page lists them: `it_employees`, `it_revenue_*`.
    pub fn metric_patterns(self) -> Vec<String> {
        match self.names() {
            Names::Exactly(names) => names.iter().map(|n| n.to_string()).collect(),
            Names::StartingWith(prefix) => vec![format!("{prefix}*")],
        }
    }

    /// What else counts besides figures of those metrics (English, for the twins).
    pub fn also_counts(self) -> Option<&'static str> {
        (self == Indicator::Population).then_some("the population of the city's profile, with its year")
    }

    /// The rule in one line: "it_employees or tech_employees".
    pub fn metrics_text(self) -> String {
        let mut text = self.metric_patterns().join(" or ");
        if let Some(also) = self.also_counts() {
            text.push_str(", or ");
            text.push_str(also);
        }
        text
    }

    /// Whether a metric name is one of this indicator's (the name only; see [`counts_for`]).
    fn accepts_name(self, metric: &str) -> bool {
        match self.names() {
            Names::Exactly(names) => names.contains(&metric),
            Names::StartingWith(prefix) => metric.len() > prefix.len() && metric.starts_with(prefix),
        }
    }
}

/// The indicator a metric's figures count for, if any: its name matches, its name does not
/// say it covers a wider area, and its definition's scope is the city.
pub fn counts_for(metric: &Metric) -> Option<Indicator> {
    if !metric.scope.is_city() || WIDER_AREA_SUFFIXES.iter().any(|s| metric.id.ends_with(s)) {
        return None;
    }
    Indicator::ALL.into_iter().find(|i| i.accepts_name(&metric.id))
}

/// One city's coverage: the latest year of a counting figure for each indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityCoverage {
    pub city_id: i64,
    pub slug: String,
    pub name: String,
    /// Indexed like [`Indicator::ALL`]; `None` where the data has no counting figure.
    pub years: [Option<i64>; Indicator::TOTAL],
}

impl CityCoverage {
    /// How many of the ten indicators have a figure.
    pub fn have(&self) -> usize {
        self.years.iter().filter(|y| y.is_some()).count()
    }

    /// Each indicator with its latest year, in the fixed order.
    pub fn cells(&self) -> impl Iterator<Item = (Indicator, Option<i64>)> + '_ {
        Indicator::ALL.into_iter().zip(self.years)
    }

    pub fn year(&self, indicator: Indicator) -> Option<i64> {
        self.cells().find(|(i, _)| *i == indicator).and_then(|(_, y)| y)
    }
}

/// The coverage of each city, in the order given, from the latest year of each of their
/// metrics (`latest`, any metrics, any cities).
///
/// Population also counts the population of the city's profile row (`cities.csv`), with its
/// year: that row is a cited figure for the city like any in `metrics.csv` (its sources are on
/// the profile), and the profile page shows it as the city's population. A profile population
/// without a year has no year to show and does not count on its own.
pub fn build(cities: &[City], latest: &[LatestYear], catalogue: &Catalogue) -> Vec<CityCoverage> {
    cities
        .iter()
        .map(|city| {
            let mut years = [None; Indicator::TOTAL];
            let mut note = |indicator: Indicator, year: i64| {
                let slot = &mut years[Indicator::ALL.iter().position(|i| *i == indicator).unwrap_or(0)];
                *slot = Some(slot.map_or(year, |y: i64| y.max(year)));
            };
            for row in latest.iter().filter(|r| r.city_id == city.id) {
                if let Some(indicator) = catalogue.get(&row.metric).and_then(counts_for) {
                    note(indicator, row.year);
                }
            }
            if let (Some(_), Some(year)) = (city.population, city.population_year) {
                note(Indicator::Population, year);
            }
            CityCoverage { city_id: city.id, slug: city.slug.clone(), name: city.name.clone(), years }
        })
        .collect()
}

/// The coverage of the given cities, read from the database.
pub async fn of_cities(
    pool: &SqlitePool,
    cities: &[City],
    catalogue: &Catalogue,
) -> Result<Vec<CityCoverage>, sqlx::Error> {
    let ids: Vec<i64> = cities.iter().map(|c| c.id).collect();
    let latest = metrics::latest_years(pool, &ids).await?;
    Ok(build(cities, &latest, catalogue))
}

/// The order of the cities on the coverage page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// By name, as the city list gives them.
    #[default]
    Name,
    /// Most indicators first; ties keep the name order.
    Have,
}

impl Order {
    pub const ALL: [Order; 2] = [Order::Name, Order::Have];

    /// The `sort=` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Order::Name => "name",
            Order::Have => "have",
        }
    }

    pub fn parse(text: &str) -> Option<Order> {
        Order::ALL.into_iter().find(|o| o.as_str() == text)
    }

    /// Sorts cities already in name order.
    pub fn apply(self, cities: &mut [CityCoverage]) {
        if self == Order::Have {
            cities.sort_by_key(|c| std::cmp::Reverse(c.have()));
        }
    }
}
