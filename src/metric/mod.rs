//! The metric model: what a figure measures, parsed once when the catalogue is loaded, so
//! the rest of the app works with types (a `Scope`, a `Unit` with its currency, a
//! `MetricKind` that says which derivations make sense, a `Direction`) and never compares
//! strings.

mod scope;
mod unit;

use std::collections::HashMap;

pub use scope::Scope;
pub use unit::{Currency, Per, Quantity, Unit};

use crate::db::catalogue::MetricDefinitionRow;

/// What sort of number a metric is, which decides what may be done with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// A level or a total: a workforce, a number of companies, a year's revenue.
    Stock,
    /// An amount per year: graduates per year, subsidies per year.
    Flow,
    /// A price or pay: per square metre, per month, per employee. Converted between
    /// currencies, never divided by the population.
    Rate,
    /// A position in a ranking (1 is best): never divided, converted or compounded.
    Rank,
    /// A percentage or fraction: never divided or compounded.
    Share,
}

impl MetricKind {
    /// The kind a unit implies.
    pub fn of_unit(unit: &Unit) -> MetricKind {
        match unit.quantity {
            Quantity::Rank => MetricKind::Rank,
            Quantity::Percent | Quantity::Share | Quantity::Score => MetricKind::Share,
            Quantity::Other(_) => MetricKind::Rate,
            _ if unit.is_per(Per::Month) || unit.is_per(Per::SquareMetre) || unit.is_per(Per::Person) => {
                MetricKind::Rate
            }
            _ if unit.is_per(Per::Year) => MetricKind::Flow,
            _ => MetricKind::Stock,
        }
    }

    /// Whether a figure of this kind means something per resident (stocks and flows).
    pub fn divides_per_capita(self) -> bool {
        matches!(self, MetricKind::Stock | MetricKind::Flow)
    }

    /// Whether a compound annual growth rate of the series means something.
    pub fn compounds(self) -> bool {
        matches!(self, MetricKind::Stock | MetricKind::Flow | MetricKind::Rate)
    }
}

/// Which way is better, for ranks on charts and for scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
    /// Neither: a share of exports tied to one market is not good or bad.
    Neutral,
}

/// One metric of the catalogue, ready to use.
#[derive(Debug, Clone)]
pub struct Metric {
    /// The dataset's name of the metric: `it_revenue_rmb`.
    pub id: String,
    pub label: String,
    pub description: String,
    pub unit: Unit,
    pub kind: MetricKind,
    pub scope: Scope,
    /// Metrics that may share an axis as published (same unit): `industry_revenue_rmb`.
    pub family: String,
    /// What is measured whatever the currency (`industry_revenue` for the revenue families
    /// in RMB, EUR and USD): once converted, its metrics may share an axis.
    pub measure: String,
    pub direction: Direction,
    /// Whether the definition said which way is better (JSON keeps the dataset's answer).
    higher_is_better: Option<bool>,
}

impl Metric {
    pub fn from_definition(d: MetricDefinitionRow) -> Metric {
        let unit = Unit::parse(&d.unit);
        let kind = match MetricKind::of_unit(&unit) {
            // Money a year where less is better is a price (a salary is a cost to the employer),
            // not an amount to divide among residents.
            MetricKind::Flow if unit.currency().is_some() && d.higher_is_better == Some(false) => MetricKind::Rate,
            kind => kind,
        };
        let direction = match (d.higher_is_better, kind) {
            (Some(true), _) => Direction::HigherIsBetter,
            (Some(false), _) | (None, MetricKind::Rank) => Direction::LowerIsBetter,
            (None, _) => Direction::Neutral,
        };
        // The importer accepts only the known scopes; should another word ever be stored, the
        // widest reading is the safe one: never passed off as the city's own figure.
        let scope = Scope::parse(&d.scope).unwrap_or(Scope::National);
        Metric {
            measure: measure_of(&d.family, &unit),
            id: d.metric,
            label: d.label,
            description: d.description,
            unit,
            kind,
            scope,
            family: d.family,
            direction,
            higher_is_better: d.higher_is_better,
        }
    }

    /// "Tech workforce (whole state)": the label with the scope when it is not the city's and
    /// the label does not say so already ("IT exports, whole state (USD)").
    pub fn label_with_scope(&self) -> String {
        if self.scope.is_city() || self.label.contains(self.scope.english_label()) {
            self.name()
        } else {
            crate::t2("metric-with-scope", "metric", self.name(), "scope", self.scope.label())
        }
    }

    /// The label in the page's language (the dataset's `label` is English, and stays so in
    /// the data twins).
    pub fn name(&self) -> String {
        crate::i18n::names::name(crate::i18n::names::Kind::Metric, &self.id, &self.label)
    }

    /// What the metric counts, in the page's language (the data twins keep `description`).
    pub fn about(&self) -> String {
        crate::i18n::names::name(crate::i18n::names::Kind::MetricDescription, &self.id, &self.description)
    }

    pub fn is_rank(&self) -> bool {
        self.kind == MetricKind::Rank
    }
}

/// The family without a trailing currency code of the metric's own currency.
fn measure_of(family: &str, unit: &Unit) -> String {
    unit.currency()
        .and_then(|c| family.strip_suffix(&format!("_{}", c.dataset_code().to_ascii_lowercase())))
        .unwrap_or(family)
        .to_string()
}

/// A metric as the JSON twins have always written it: the dataset's columns.
#[derive(serde::Serialize, utoipa::ToSchema)]
#[schema(as = Metric)]
pub struct MetricJson<'a> {
    metric: &'a str,
    label: &'a str,
    /// As the catalogue spells it: `USD`, `RMB per year`, `persons`, `rank`.
    unit: &'a str,
    family: &'a str,
    scope: Scope,
    /// `null` when neither direction is better.
    #[schema(required = true)]
    higher_is_better: Option<bool>,
    description: &'a str,
}

impl<'a> From<&'a Metric> for MetricJson<'a> {
    fn from(m: &'a Metric) -> Self {
        MetricJson {
            metric: &m.id,
            label: &m.label,
            unit: m.unit.as_str(),
            family: &m.family,
            scope: m.scope,
            higher_is_better: m.higher_is_better,
            description: &m.description,
        }
    }
}

impl serde::Serialize for Metric {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MetricJson::from(self).serialize(serializer)
    }
}

/// Metrics that may share an axis (one family), in catalogue order.
#[derive(Debug, Clone)]
pub struct Family<'a> {
    pub name: &'a str,
    pub metrics: Vec<&'a Metric>,
}

impl Family<'_> {
    /// The family is named after its first metric.
    pub fn heading(&self) -> String {
        self.metrics.first().map_or_else(|| self.name.to_string(), |m| m.name())
    }

    /// Whether its metrics describe different areas (the city's and the whole state's).
    pub fn mixes_scopes(&self) -> bool {
        self.metrics.iter().any(|m| m.scope != self.metrics[0].scope)
    }
}

/// Groups metrics by family, families in the order of their first metric.
pub fn families<'a>(metrics: impl IntoIterator<Item = &'a Metric>) -> Vec<Family<'a>> {
    families_by(metrics, |m| &m.family)
}

/// Groups metrics by a key (`family`, or `measure` once currencies are converted), groups in
/// the order of their first metric.
pub fn families_by<'a>(
    metrics: impl IntoIterator<Item = &'a Metric>,
    key: impl Fn(&'a Metric) -> &'a str,
) -> Vec<Family<'a>> {
    let mut out: Vec<Family<'a>> = Vec::new();
    for m in metrics {
        let name = key(m);
        match out.iter_mut().find(|f| f.name == name) {
            Some(f) => f.metrics.push(m),
            None => out.push(Family { name, metrics: vec![m] }),
        }
    }
    out
}

/// Every metric, in catalogue order, with a lookup by name.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    metrics: Vec<Metric>,
    by_id: HashMap<String, usize>,
}

impl Catalogue {
    pub fn new(definitions: Vec<MetricDefinitionRow>) -> Catalogue {
        let metrics: Vec<Metric> = definitions.into_iter().map(Metric::from_definition).collect();
        let by_id = metrics.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
        Catalogue { metrics, by_id }
    }

    pub fn get(&self, id: &str) -> Option<&Metric> {
        self.by_id.get(id).map(|&i| &self.metrics[i])
    }

    pub fn iter(&self) -> impl Iterator<Item = &Metric> {
        self.metrics.iter()
    }

    pub fn ids(&self) -> Vec<String> {
        self.metrics.iter().map(|m| m.id.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definition(metric: &str, unit: &str, family: &str, higher: Option<bool>) -> MetricDefinitionRow {
        MetricDefinitionRow {
            metric: metric.into(),
            label: metric.into(),
            unit: unit.into(),
            family: family.into(),
            scope: "city".into(),
            higher_is_better: higher,
            description: String::new(),
        }
    }

    #[test]
    fn kinds_follow_the_unit() {
        let kind = |unit: &str| MetricKind::of_unit(&Unit::parse(unit));
        assert_eq!(kind("RMB"), MetricKind::Stock);
        assert_eq!(kind("persons"), MetricKind::Stock);
        assert_eq!(kind("persons per year"), MetricKind::Flow);
        assert_eq!(kind("USD per m2 per month"), MetricKind::Rate);
        assert_eq!(kind("PLN per month"), MetricKind::Rate);
        assert_eq!(kind("rank"), MetricKind::Rank);
        assert_eq!(kind("percent"), MetricKind::Share);
        assert!(!MetricKind::Rank.divides_per_capita() && !MetricKind::Share.divides_per_capita());
    }

    #[test]
    fn yearly_pay_is_a_price_and_yearly_subsidies_a_flow() {
        let kind =
            |metric: &str, unit: &str, higher| Metric::from_definition(definition(metric, unit, "f", higher)).kind;
        assert_eq!(kind("software_engineer_salary_brl_year", "BRL per year", Some(false)), MetricKind::Rate);
        assert_eq!(kind("training_subsidies_usd_per_year", "USD per year", None), MetricKind::Flow);
        assert_eq!(kind("graduates_per_year", "persons per year", Some(true)), MetricKind::Flow);
    }

    #[test]
    fn ranks_are_lower_is_better_unless_the_definition_says_otherwise() {
        assert_eq!(
            Metric::from_definition(definition("tholons_rank", "rank", "r", None)).direction,
            Direction::LowerIsBetter
        );
        assert_eq!(Metric::from_definition(definition("x", "percent", "x", None)).direction, Direction::Neutral);
        assert_eq!(
            Metric::from_definition(definition("x", "count", "x", Some(true))).direction,
            Direction::HigherIsBetter
        );
    }

    #[test]
    fn a_wider_scope_is_named_once() {
        let mut d = definition("it_exports_usd_state", "USD", "industry_exports_usd", None);
        d.label = "IT exports, whole state (USD)".into();
        d.scope = "state".into();
        assert_eq!(Metric::from_definition(d.clone()).label_with_scope(), "IT exports, whole state (USD)");
        d.label = "Tech workforce".into();
        assert_eq!(Metric::from_definition(d).label_with_scope(), "Tech workforce (whole state)");
    }

    #[test]
    fn the_measure_drops_the_currency_from_the_family() {
        let m = |unit: &str, family: &str| Metric::from_definition(definition("m", unit, family, None)).measure;
        assert_eq!(m("RMB", "industry_revenue_rmb"), "industry_revenue");
        assert_eq!(m("USD", "industry_revenue_usd"), "industry_revenue");
        assert_eq!(m("EUR per m2 per month", "office_rent_eur"), "office_rent");
        assert_eq!(m("persons", "it_workforce"), "it_workforce");
        assert_eq!(m("USD", "venture_capital_by_local_firms"), "venture_capital_by_local_firms");
    }
}
