use super::*;
use crate::db::catalogue::MetricDefinitionRow;
use crate::db::fx_rates::FxRate;
use crate::db::sources::Source;
use crate::metric::Currency;

fn source(id: &str) -> Source {
    Source {
        id: id.into(),
        title: format!("Title {id}"),
        publisher: "Publisher".into(),
        url: "https://example.org".into(),
        published_year: Some(2020),
        accessed: "2026-11-29".into(),
    }
}

fn metric(id: &str, unit: &str, scope: &str) -> Metric {
    Metric::from_definition(MetricDefinitionRow {
        metric: id.into(),
        label: id.into(),
        unit: unit.into(),
        family: id.into(),
        scope: scope.into(),
        higher_is_better: Some(true),
        description: String::new(),
    })
}

fn city() -> City {
    City {
        id: 1,
        slug: "dalian".into(),
        name: "Dalian".into(),
        country: "China".into(),
        region: String::new(),
        population: None,
        population_year: None,
        population_scope: String::new(),
        lat: None,
        lon: None,
        summary: String::new(),
    }
}

fn figure(metric: &str, year: i64, value: f64, unit: &str, source_id: &str) -> MetricFigure {
    MetricFigure {
        city_id: 1,
        metric: metric.into(),
        year,
        value,
        unit: unit.into(),
        quote: format!("{metric} {year}"),
        source: source(source_id),
    }
}

fn rates() -> Rates {
    let rate = |year: i64, units: f64| FxRate {
        currency: "CNY".into(),
        year,
        units_per_usd: units,
        quote: format!("CNY {year}"),
        source: source("fed"),
    };
    Rates::new(vec![rate(2013, 6.1958), rate(2017, 6.7518)])
}

fn usd() -> Options {
    Options { currency: Some(Currency::USD), ..Options::default() }
}

fn shown(outcomes: Vec<Outcome>) -> Vec<Shown> {
    outcomes
        .into_iter()
        .map(|o| match o {
            Outcome::Shown(s) => *s,
            Outcome::Unavailable(u) => panic!("unavailable: {}", u.reason),
        })
        .collect()
}

fn reason(outcomes: Vec<Outcome>) -> String {
    match outcomes.into_iter().next() {
        Some(Outcome::Unavailable(u)) => u.reason,
        other => panic!("expected a reason, got {other:?}"),
    }
}

#[test]
fn money_is_converted_at_the_rate_of_its_own_year_and_says_how() {
    let m = metric("it_revenue_rmb", "RMB", "city");
    let f = figure("it_revenue_rmb", 2013, 135e9, "RMB", "gov");
    let s = shown(derive_series(&m, &city(), &[&f], &usd(), &rates(), &[])).remove(0);
    assert!((s.value - 135e9 / 6.1958).abs() < 1.0);
    assert_eq!(s.unit.as_str(), "USD");
    let d = s.derivation.unwrap();
    assert_eq!(d.kind, Kind::Currency);
    assert_eq!(d.formula, "RMB 135 bn (2013) ÷ 6.1958 RMB per US$ (2013 annual average) = US$21.789 bn");
    let roles: Vec<Role> = d.inputs.iter().map(|i| i.role).collect();
    assert_eq!(roles, [Role::Value, Role::Rate]);
    assert_eq!(d.inputs[1].year, 2013);
}

#[test]
fn no_rate_for_the_year_leaves_the_figure_as_published_never_a_neighbours_rate() {
    let m = metric("it_revenue_rmb", "RMB", "city");
    let f = figure("it_revenue_rmb", 2014, 140e9, "RMB", "gov");
    let s = shown(derive_series(&m, &city(), &[&f], &usd(), &rates(), &[])).remove(0);
    assert_eq!(s.value, 140e9);
    assert_eq!(s.unit.as_str(), "RMB");
    assert!(s.derivation.is_none());
    assert!(s.note.unwrap().contains("no CNY rate for 2014"));
}

#[test]
fn dollars_and_published_views_are_left_alone() {
    let m = metric("it_revenue_usd", "USD", "city");
    let f = figure("it_revenue_usd", 2013, 21.7e9, "USD", "a");
    let s = shown(derive_series(&m, &city(), &[&f], &usd(), &rates(), &[])).remove(0);
    assert!(s.derivation.is_none() && s.note.is_none());
    let s = shown(derive_series(&m, &city(), &[&f], &Options::default(), &rates(), &[])).remove(0);
    assert_eq!(s.value, 21.7e9);
}

#[test]
fn per_capita_divides_by_the_nearest_population_within_two_years() {
    let m = metric("it_employees", "persons", "city");
    let f = figure("it_employees", 2017, 200_000.0, "persons", "a");
    let p2015 = figure("population", 2015, 6_900_000.0, "persons", "p");
    let p2020 = figure("population", 2020, 7_450_785.0, "persons", "p");
    let per = Options { per_capita: true, ..Options::default() };
    let s = shown(derive_series(&m, &city(), &[&f], &per, &rates(), &[&p2015, &p2020])).remove(0);
    assert!((s.value - 200_000.0 / 6_900_000.0).abs() < 1e-12, "2015 is 2 years away, 2020 is 3");
    assert_eq!(s.unit.as_str(), "persons per person");
    assert_eq!(s.derivation.unwrap().kind, Kind::PerCapita);
    let far = figure("it_employees", 2010, 1.0, "persons", "a");
    assert!(reason(derive_series(&m, &city(), &[&far], &per, &rates(), &[&p2015, &p2020])).contains("within 2 years"));
}

#[test]
fn converted_and_per_capita_lists_every_input() {
    let m = metric("it_revenue_rmb", "RMB", "city");
    let f = figure("it_revenue_rmb", 2017, 105.3e9, "RMB", "gov");
    let pop = figure("population", 2018, 7_000_000.0, "persons", "p");
    let both = Options { currency: Some(Currency::USD), per_capita: true, ..Options::default() };
    let s = shown(derive_series(&m, &city(), &[&f], &both, &rates(), &[&pop])).remove(0);
    assert!((s.value - 105.3e9 / 6.7518 / 7_000_000.0).abs() < 1e-6);
    assert_eq!(s.unit.as_str(), "USD per person");
    let d = s.derivation.unwrap();
    assert_eq!(d.kind, Kind::PerCapita);
    let roles: Vec<Role> = d.inputs.iter().map(|i| i.role).collect();
    assert_eq!(roles, [Role::Value, Role::Rate, Role::Population]);
}

#[test]
fn wider_areas_are_not_divided_and_ranks_are_shown_as_they_are() {
    let per = Options { per_capita: true, ..Options::default() };
    let pop = figure("population", 2013, 7e6, "persons", "p");
    let state = metric("it_employees_state", "persons", "state");
    let f = figure("it_employees_state", 2013, 900_000.0, "persons", "a");
    assert!(reason(derive_series(&state, &city(), &[&f], &per, &rates(), &[&pop])).contains("whole state"));
    let rank = metric("tholons_rank", "rank", "city");
    let f = figure("tholons_rank", 2013, 14.0, "rank", "a");
    let s = shown(derive_series(&rank, &city(), &[&f], &per, &rates(), &[&pop])).remove(0);
    assert_eq!(s.value, 14.0);
    assert!(s.derivation.is_none(), "a rank is shown as it is");
}

#[test]
fn growth_is_the_compound_annual_rate_between_one_sources_first_and_last_years() {
    let m = metric("it_revenue_rmb", "RMB", "city");
    let series = [
        figure("it_revenue_rmb", 2005, 10e9, "RMB", "a"),
        figure("it_revenue_rmb", 2013, 135e9, "RMB", "b"),
        figure("it_revenue_rmb", 2009, 40e9, "RMB", "a"),
        figure("it_revenue_rmb", 2011, 80e9, "RMB", "a"),
    ];
    let refs: Vec<&MetricFigure> = series.iter().collect();
    let growth = Options { growth: true, ..Options::default() };
    let s = shown(derive_series(&m, &city(), &refs, &growth, &rates(), &[])).remove(0);
    // Source a spans 2005 to 2011; source b has one year only.
    let expected = ((80e9_f64 / 10e9).powf(1.0 / 6.0) - 1.0) * 100.0;
    assert!((s.value - expected).abs() < 1e-9);
    assert_eq!(s.year, 2011);
    assert_eq!(s.unit.as_str(), "percent per year");
    let d = s.derivation.unwrap();
    assert_eq!(d.kind, Kind::Cagr);
    assert!(d.formula.starts_with("(RMB 80 bn ÷ RMB 10 bn)^(1/6) − 1 = "), "{}", d.formula);
    assert!(s.note.is_none());
}

#[test]
fn growth_across_sources_says_so_and_needs_two_years_and_a_positive_start() {
    let m = metric("it_employees", "persons", "city");
    let growth = Options { growth: true, ..Options::default() };
    let a = figure("it_employees", 2010, 100.0, "persons", "a");
    let b = figure("it_employees", 2015, 200.0, "persons", "b");
    let s = shown(derive_series(&m, &city(), &[&a, &b], &growth, &rates(), &[])).remove(0);
    assert!(s.note.unwrap().contains("different sources"));
    assert!(reason(derive_series(&m, &city(), &[&a], &growth, &rates(), &[])).contains("one year only"));
    let zero = figure("it_employees", 2008, 0.0, "persons", "a");
    assert!(reason(derive_series(&m, &city(), &[&zero, &a], &growth, &rates(), &[])).contains("undefined"));
    let rank = metric("tholons_rank", "rank", "city");
    assert!(reason(derive_series(&rank, &city(), &[&a, &b], &growth, &rates(), &[])).contains("does not compound"));
}

#[test]
fn the_year_option_keeps_figures_of_that_year_or_before() {
    let m = metric("it_employees", "persons", "city");
    let a = figure("it_employees", 2010, 100.0, "persons", "a");
    let b = figure("it_employees", 2015, 200.0, "persons", "a");
    let until = Options { year: Some(2012), ..Options::default() };
    let shown = shown(derive_series(&m, &city(), &[&a, &b], &until, &rates(), &[]));
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].year, 2010);
}
