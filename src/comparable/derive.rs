//! The arithmetic of comparable figures (the rules are in the module above): one published
//! figure made comparable step by step, and a series turned into its growth rate.

use super::{Derivation, Input, Kind, Options, Outcome, Rates, Role, Shown, Unavailable};
use crate::db::cities::City;
use crate::db::metrics::MetricFigure;
use crate::format;
use crate::metric::{Currency, Metric, MetricKind, Quantity, Unit};

/// Population figures further from a figure's year than this are not used to divide it.
const MAX_POPULATION_GAP: i64 = 2;
/// The metric whose figures are a city's population.
const POPULATION: &str = "population";

/// The population figures among `figures` for one city, by year.
pub fn population_figures(figures: &[MetricFigure], city_id: i64) -> Vec<&MetricFigure> {
    let mut out: Vec<&MetricFigure> =
        figures.iter().filter(|f| f.metric == POPULATION && f.city_id == city_id).collect();
    out.sort_by_key(|f| f.year);
    out
}

/// A figure part-way through its derivation.
struct Step {
    value: f64,
    unit: Unit,
    inputs: Vec<Input>,
    /// The arithmetic so far: "RMB 105.3 bn (2017) ÷ 6.7518 RMB per US$ (2017 annual average)".
    text: String,
    kind: Option<Kind>,
    note: Option<String>,
}

impl Step {
    fn result(&self) -> String {
        format::figure(self.value, &self.unit)
    }
}

/// "RMB 105.3 bn (2017)".
fn dated(value: String, year: i64) -> String {
    crate::t2("derived-figure-year", "value", value, "year", year)
}

/// A currency as the formulas name it: `RMB` (`元人民币` on Chinese pages).
fn currency_name(currency: Currency) -> String {
    format::unit_label(&Unit::plain(Quantity::Money(currency)))
}

fn input(role: Role, metric: &Metric, city: &City, f: &MetricFigure) -> Input {
    Input {
        role,
        metric: metric.id.clone(),
        city: city.slug.clone(),
        year: f.year,
        value: f.value,
        unit: f.unit.clone(),
        source: f.source.clone(),
        quote: f.quote.clone(),
    }
}

/// Each figure of a city's series as the options ask, or (growth) the series' growth rate.
/// `series` is the metric's figures for the city; `populations` the city's population figures.
pub fn derive_series(
    metric: &Metric,
    city: &City,
    series: &[&MetricFigure],
    options: &Options,
    rates: &Rates,
    populations: &[&MetricFigure],
) -> Vec<Outcome> {
    let series: Vec<&MetricFigure> =
        series.iter().copied().filter(|f| options.year.is_none_or(|y| f.year <= y)).collect();
    if options.growth {
        return growth(metric, city, &series, options, rates, populations).into_iter().collect();
    }
    series
        .into_iter()
        .map(|f| match comparable(metric, city, f, Role::Value, options, rates, populations) {
            Ok(step) => Outcome::Shown(Box::new(shown(metric, city, f, step))),
            Err(reason) => Outcome::Unavailable(Unavailable { metric: metric.id.clone(), city_id: city.id, reason }),
        })
        .collect()
}

fn shown(metric: &Metric, city: &City, f: &MetricFigure, step: Step) -> Shown {
    let formula = format!("{} = {}", step.text, step.result());
    let derivation = step.kind.map(|kind| Derivation { kind, formula, inputs: step.inputs });
    Shown {
        metric: metric.id.clone(),
        city_id: city.id,
        year: f.year,
        value: step.value,
        unit: step.unit,
        figure: f.clone(),
        derivation,
        note: step.note,
    }
}

/// One figure converted and divided as the options ask; `Err` says why it cannot be shown.
fn comparable(
    metric: &Metric,
    city: &City,
    f: &MetricFigure,
    role: Role,
    options: &Options,
    rates: &Rates,
    populations: &[&MetricFigure],
) -> Result<Step, String> {
    let unit = metric.unit.clone();
    let mut step = Step {
        value: f.value,
        text: dated(format::figure(f.value, &unit), f.year),
        unit,
        inputs: vec![input(role, metric, city, f)],
        kind: None,
        note: None,
    };
    if let (Some(target), Some(currency)) = (options.currency, step.unit.currency())
        && currency != target
    {
        match rates.get(currency, f.year) {
            Some(rate) => {
                step.value /= rate.units_per_usd;
                step.unit = step.unit.in_currency(target);
                step.text.push_str(" ÷ ");
                step.text.push_str(&crate::tn(
                    "derived-formula-rate",
                    &[
                        ("rate", &format::trimmed(rate.units_per_usd, 6)),
                        ("currency", &currency_name(currency)),
                        ("year", &rate.year),
                    ],
                ));
                step.inputs.push(Input {
                    role: Role::Rate,
                    metric: "fx_rate".into(),
                    city: String::new(),
                    year: rate.year,
                    value: rate.units_per_usd,
                    unit: format!("{} per USD", currency.dataset_code()),
                    source: rate.source.clone(),
                    quote: rate.quote.clone(),
                });
                step.kind = Some(Kind::Currency);
            }
            None => {
                step.note = Some(crate::tn(
                    "derived-no-rate",
                    &[("code", &currency.code()), ("year", &f.year), ("currency", &currency_name(currency))],
                ));
            }
        }
    }
    if options.per_capita {
        per_capita(metric, city, f, &mut step, populations)?;
    }
    Ok(step)
}

/// Divides the step by the city's population nearest in time, where that means something.
fn per_capita(
    metric: &Metric,
    city: &City,
    f: &MetricFigure,
    step: &mut Step,
    populations: &[&MetricFigure],
) -> Result<(), String> {
    let countable = matches!(step.unit.quantity, Quantity::Money(_) | Quantity::Persons | Quantity::Count);
    // The population itself, ranks, percentages and prices mean nothing per resident: they
    // are shown as they are (the view says so once, not beside every figure).
    if metric.id == POPULATION || !metric.kind.divides_per_capita() || !countable {
        return Ok(());
    }
    if !metric.scope.is_city() {
        return Err(crate::t1("derived-wider-not-divided", "scope", metric.scope.label()));
    }
    let nearest = populations
        .iter()
        .filter(|p| (p.year - f.year).abs() <= MAX_POPULATION_GAP)
        // Nearest in time; on a tie the later figure, then the first source by id.
        .min_by_key(|p| ((p.year - f.year).abs(), -p.year, p.source.id.clone()))
        .ok_or_else(|| {
            crate::tn("derived-no-population", &[("city", &city.name), ("gap", &MAX_POPULATION_GAP), ("year", &f.year)])
        })?;
    if nearest.value <= 0.0 {
        return Err(crate::t2("derived-population-not-positive", "year", nearest.year, "city", &city.name));
    }
    step.value /= nearest.value;
    step.unit = step.unit.per_person();
    step.text.push_str(" ÷ ");
    step.text.push_str(&crate::t2(
        "derived-formula-population",
        "population",
        format::grouped(nearest.value),
        "year",
        nearest.year,
    ));
    step.inputs.push(Input {
        role: Role::Population,
        metric: POPULATION.into(),
        city: city.slug.clone(),
        year: nearest.year,
        value: nearest.value,
        unit: nearest.unit.clone(),
        source: nearest.source.clone(),
        quote: nearest.quote.clone(),
    });
    step.kind = Some(Kind::PerCapita);
    Ok(())
}

/// The first and last figure a growth rate is taken between, and whether their sources differ.
fn endpoints<'a>(series: &[&'a MetricFigure]) -> Option<(&'a MetricFigure, &'a MetricFigure, bool)> {
    let mut sources: Vec<&str> = series.iter().map(|f| f.source.id.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    // The longest span one source gives; ties go to the source id first in order.
    let single = sources
        .iter()
        .filter_map(|s| {
            let own: Vec<&&MetricFigure> = series.iter().filter(|f| f.source.id == *s).collect();
            let first = own.iter().min_by_key(|f| f.year)?;
            let last = own.iter().max_by_key(|f| f.year)?;
            (last.year > first.year).then_some((last.year - first.year, **first, **last))
        })
        .max_by_key(|(span, _, _)| *span);
    if let Some((_, first, last)) = single {
        return Some((first, last, false));
    }
    let pick = |year: i64| series.iter().filter(|f| f.year == year).min_by_key(|f| f.source.id.clone()).copied();
    let first = pick(series.iter().map(|f| f.year).min()?)?;
    let last = pick(series.iter().map(|f| f.year).max()?)?;
    (last.year > first.year).then_some((first, last, true))
}

fn growth(
    metric: &Metric,
    city: &City,
    series: &[&MetricFigure],
    options: &Options,
    rates: &Rates,
    populations: &[&MetricFigure],
) -> Option<Outcome> {
    let unavailable =
        |reason: String| Outcome::Unavailable(Unavailable { metric: metric.id.clone(), city_id: city.id, reason });
    if series.is_empty() {
        return None;
    }
    if !metric.kind.compounds() {
        let reason = if metric.kind == MetricKind::Rank {
            crate::t("derived-rank-no-growth")
        } else {
            crate::t("derived-share-no-growth")
        };
        return Some(unavailable(reason));
    }
    let Some((first, last, mixed_sources)) = endpoints(series) else {
        return Some(unavailable(crate::t("derived-one-year")));
    };
    let start = match comparable(metric, city, first, Role::Start, options, rates, populations) {
        Ok(s) => s,
        Err(reason) => {
            return Some(unavailable(crate::t2("derived-start-unavailable", "year", first.year, "why", reason)));
        }
    };
    let end = match comparable(metric, city, last, Role::End, options, rates, populations) {
        Ok(s) => s,
        Err(reason) => {
            return Some(unavailable(crate::t2("derived-end-unavailable", "year", last.year, "why", reason)));
        }
    };
    if start.unit != end.unit {
        let why = start.note.as_ref().or(end.note.as_ref()).cloned().unwrap_or_default();
        return Some(unavailable(crate::t1("derived-units-differ", "why", why)));
    }
    if start.value <= 0.0 {
        return Some(unavailable(crate::t2("derived-starts-at-zero", "value", start.result(), "year", first.year)));
    }
    let years = (last.year - first.year) as f64;
    let rate = ((end.value / start.value).powf(1.0 / years) - 1.0) * 100.0;
    let unit = Unit::parse("percent per year");
    let ends = |s: &Step| if s.kind.is_some() { format!("{} = {}", s.text, s.result()) } else { s.text.clone() };
    let mut formula = String::new();
    if start.kind.is_some() || end.kind.is_some() {
        formula.push_str(&crate::t2("derived-formula-ends", "start", ends(&start), "end", ends(&end)));
        formula.push_str(if crate::i18n::lang() == crate::i18n::Lang::Zh { "；" } else { "; " });
    }
    formula.push_str(&format!(
        "({} ÷ {})^(1/{}) − 1 = {}",
        end.result(),
        start.result(),
        last.year - first.year,
        format::figure(rate, &unit)
    ));
    let mut note = start.note.clone().or(end.note.clone());
    if mixed_sources {
        note = Some(crate::t("derived-mixed-sources"));
    }
    let inputs = start.inputs.into_iter().chain(end.inputs).collect();
    Some(Outcome::Shown(Box::new(Shown {
        metric: metric.id.clone(),
        city_id: city.id,
        year: last.year,
        value: rate,
        unit,
        figure: last.clone(),
        derivation: Some(Derivation { kind: Kind::Cagr, formula, inputs }),
        note,
    })))
}

#[cfg(test)]
#[path = "derive_tests.rs"]
mod tests;
