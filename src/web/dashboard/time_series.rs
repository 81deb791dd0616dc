//! The dashboard's charts over time: industry revenue (one chart per currency as published, one
//! in US dollars once converted) and the IT workforce, then the Tholons ranks; with
//! `growth=cagr`, each series' growth rate per city instead.

use super::super::charts::{ChartBlock, family_bar_chart, family_line_chart};
use crate::charts::line::YAxis;
use crate::comparison::Comparison;
use crate::error::AppResult;
use crate::metric::Catalogue;

/// What the dashboard charts over time, in this order, whatever the currency.
const MEASURES: [&str; 2] = ["industry_revenue", "it_workforce"];
const RANKS: &str = "outsourcing_rank";

/// The metrics the charts need.
pub fn metrics(catalogue: &Catalogue) -> Vec<String> {
    catalogue
        .iter()
        .filter(|m| MEASURES.contains(&m.measure.as_str()) || m.measure == RANKS)
        .map(|m| m.id.clone())
        .collect()
}

/// The time-series charts and the rank chart.
pub fn charts(c: &Comparison, log: bool) -> AppResult<(Vec<ChartBlock>, Option<ChartBlock>)> {
    let families = c.families();
    let mut ordered: Vec<_> = families
        .iter()
        .filter_map(|f| MEASURES.iter().position(|m| f.metrics[0].measure == *m).map(|order| (order, f)))
        .collect();
    ordered.sort_by_key(|(order, _)| *order);
    let axis = if log { YAxis::Log } else { YAxis::Linear };
    let mut blocks = Vec::new();
    for (_, family) in ordered {
        let id = format!("chart-{}", family.name);
        let block = if c.options.growth {
            family_bar_chart(c, family, &id, false)?
        } else {
            family_line_chart(c, family, &id, axis)?
        };
        blocks.extend(block);
    }
    let ranks = match families.iter().find(|f| f.metrics[0].measure == RANKS) {
        Some(f) if c.options.growth => family_bar_chart(c, f, "chart-tholons", false)?,
        Some(f) => family_line_chart(c, f, "chart-tholons", YAxis::Rank)?,
        None => None,
    };
    Ok((blocks, ranks))
}
