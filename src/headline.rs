//! The key indicators a city is summed up by (population, industry revenue, exports,
//! workforce, companies, outsourcing rank), and how the figure for each is picked.
//!
//! An indicator lists candidate metrics. For a city it shows the most recent figure among the
//! candidates of the narrowest scope that has any, so a national figure stands in only where
//! the data holds no city figure, and the page says so with a scope label.

use crate::db::metrics::MetricFigure;
use crate::metric::Catalogue;

pub struct Indicator {
    pub key: &'static str,
    /// The English label (the data twins' and the code's); pages show [`Indicator::name`].
    pub label: &'static str,
    pub metrics: &'static [&'static str],
}

impl Indicator {
    /// The label in the page's language.
    pub fn name(&self) -> String {
        crate::t(&format!("headline-{}", self.key))
    }
}

pub const INDICATORS: &[Indicator] = &[
    Indicator { key: "population", label: "Population", metrics: &["population"] },
    Indicator {
        key: "revenue",
        label: "IT industry revenue",
        metrics: &["it_revenue_usd", "it_revenue_rmb", "it_revenue_eur", "it_revenue_usd_national"],
    },
    Indicator {
        key: "exports",
        label: "IT exports",
        metrics: &[
            "it_exports_usd",
            "it_exports_inr",
            "it_exports_usd_state",
            "it_exports_inr_state",
            "it_exports_usd_national",
        ],
    },
    Indicator {
        key: "workforce",
        label: "IT workforce",
        metrics: &["it_employees", "tech_employees", "it_employees_state", "it_employees_national"],
    },
    Indicator { key: "companies", label: "IT companies", metrics: &["it_companies", "cluster_companies"] },
    Indicator { key: "tholons", label: "Tholons outsourcing rank", metrics: &["tholons_rank"] },
];

/// Every metric any indicator may show.
pub fn metrics() -> Vec<&'static str> {
    INDICATORS.iter().flat_map(|i| i.metrics.iter().copied()).collect()
}

/// The figure the indicator shows for a city, and how many other sources give a figure for the
/// same metric and year. `figures` are the city's figures (any metrics).
pub fn pick<'a>(
    indicator: &Indicator,
    figures: &'a [MetricFigure],
    catalogue: &Catalogue,
) -> Option<(&'a MetricFigure, usize)> {
    let closeness = |metric: &str| catalogue.get(metric).and_then(|m| m.scope.closeness_to_city());
    let candidates: Vec<(&MetricFigure, u8, usize)> = figures
        .iter()
        .filter_map(|f| {
            let order = indicator.metrics.iter().position(|m| *m == f.metric)?;
            Some((f, closeness(&f.metric)?, order))
        })
        .collect();
    let narrowest = candidates.iter().map(|c| c.1).min()?;
    let best = candidates
        .iter()
        .filter(|c| c.1 == narrowest)
        // Latest year first; among equals, the indicator's preferred metric, then source id.
        .min_by(|a, b| b.0.year.cmp(&a.0.year).then(a.2.cmp(&b.2)).then(a.0.source.id.cmp(&b.0.source.id)))?;
    let others = candidates
        .iter()
        .filter(|c| c.0.metric == best.0.metric && c.0.year == best.0.year && !std::ptr::eq(c.0, best.0))
        .count();
    Some((best.0, others))
}
