use super::*;
use crate::db::catalogue::MetricDefinitionRow;

fn catalogue(defs: &[(&str, &str)]) -> Catalogue {
    Catalogue::new(
        defs.iter()
            .map(|(metric, scope)| MetricDefinitionRow {
                metric: metric.to_string(),
                label: metric.to_string(),
                unit: "count".into(),
                family: metric.to_string(),
                scope: scope.to_string(),
                higher_is_better: None,
                description: String::new(),
            })
            .collect(),
    )
}

fn city(id: i64, slug: &str, population: Option<(i64, Option<i64>)>) -> City {
    City {
        id,
        slug: slug.into(),
        name: slug.to_uppercase(),
        country: "Somewhere".into(),
        region: String::new(),
        population: population.map(|p| p.0),
        population_year: population.and_then(|p| p.1),
        population_scope: String::new(),
        lat: None,
        lon: None,
        summary: String::new(),
    }
}

fn latest(city_id: i64, metric: &str, year: i64) -> LatestYear {
    LatestYear { city_id, metric: metric.into(), year }
}

fn indicator(catalogue: &Catalogue, metric: &str) -> Option<Indicator> {
    counts_for(catalogue.get(metric).unwrap())
}

#[test]
fn the_ids_are_the_ten_of_the_contract_in_order() {
    let ids: Vec<&str> = Indicator::ALL.iter().map(|i| i.id()).collect();
    assert_eq!(
        ids,
        [
            "population",
            "it_workforce",
            "it_revenue",
            "it_exports",
            "it_companies",
            "outsourcing_rank",
            "graduates",
            "gdp",
            "venture_capital",
            "startups"
        ]
    );
    assert_eq!(Indicator::TOTAL, 10);
}

#[test]
fn metric_names_match_their_indicator() {
    let c = catalogue(&[
        ("population", "city"),
        ("it_employees", "city"),
        ("tech_employees", "city"),
        ("it_revenue_rmb", "city"),
        ("it_exports_inr", "city"),
        ("it_companies", "city"),
        ("tholons_rank", "city"),
        ("graduates_per_year", "city"),
        ("gdp_php_constant", "city"),
        ("venture_capital_investment_gbp", "city"),
        ("startups", "city"),
        ("gva_gbp", "city"),
        ("tholons_emerging_rank", "city"),
        ("it_university_intake_per_year", "city"),
        ("venture_capital_deals", "city"),
        ("it_revenue_", "city"),
    ]);
    let expected = [
        ("population", Some(Indicator::Population)),
        ("it_employees", Some(Indicator::ItWorkforce)),
        ("tech_employees", Some(Indicator::ItWorkforce)),
        ("it_revenue_rmb", Some(Indicator::ItRevenue)),
        ("it_exports_inr", Some(Indicator::ItExports)),
        ("it_companies", Some(Indicator::ItCompanies)),
        ("tholons_rank", Some(Indicator::OutsourcingRank)),
        ("graduates_per_year", Some(Indicator::Graduates)),
        ("gdp_php_constant", Some(Indicator::Gdp)),
        ("venture_capital_investment_gbp", Some(Indicator::VentureCapital)),
        ("startups", Some(Indicator::Startups)),
        // Close, but another measure: value added is not GDP, an emerging-city rank not the
        // main one, intake not graduates, deals not money.
        ("gva_gbp", None),
        ("tholons_emerging_rank", None),
        ("it_university_intake_per_year", None),
        ("venture_capital_deals", None),
        ("it_revenue_", None),
    ];
    for (metric, want) in expected {
        assert_eq!(indicator(&c, metric), want, "{metric}");
    }
}

#[test]
fn wider_areas_never_count_by_name_or_by_scope() {
    let c = catalogue(&[
        ("it_exports_inr_state", "state"),
        ("it_revenue_usd_national", "national"),
        ("graduates_per_year_region", "state"),
        // The name says state even where the definition slipped.
        ("startups_state", "city"),
        // The definition says national even where the name does not.
        ("it_revenue_jpy", "national"),
        ("it_companies", "district"),
        ("gdp_usd", "park"),
    ]);
    for metric in [
        "it_exports_inr_state",
        "it_revenue_usd_national",
        "graduates_per_year_region",
        "startups_state",
        "it_revenue_jpy",
        "it_companies",
        "gdp_usd",
    ] {
        assert_eq!(indicator(&c, metric), None, "{metric}");
    }
}

#[test]
fn a_city_counts_the_latest_year_of_any_counting_metric() {
    let c = catalogue(&[
        ("it_employees", "city"),
        ("tech_employees", "city"),
        ("it_exports_inr_state", "state"),
        ("gdp_rmb", "city"),
        ("gdp_usd", "city"),
    ]);
    let cities = [city(1, "a", None), city(2, "b", None)];
    let rows = [
        latest(1, "it_employees", 2013),
        latest(1, "tech_employees", 2017),
        latest(1, "it_exports_inr_state", 2020),
        latest(1, "gdp_rmb", 2025),
        latest(1, "gdp_usd", 2010),
        latest(2, "gdp_usd", 2001),
        // Not in the catalogue: nothing says it is the city's.
        latest(2, "startups", 2020),
    ];
    let coverage = build(&cities, &rows, &c);
    assert_eq!(coverage[0].year(Indicator::ItWorkforce), Some(2017));
    assert_eq!(coverage[0].year(Indicator::Gdp), Some(2025));
    assert_eq!(coverage[0].year(Indicator::ItExports), None, "the state's exports are not the city's");
    assert_eq!(coverage[0].have(), 2);
    assert_eq!(coverage[1].year(Indicator::Gdp), Some(2001));
    assert_eq!(coverage[1].year(Indicator::Startups), None);
    assert_eq!(coverage[1].have(), 1);
    assert_eq!(coverage[1].cells().count(), 10);
}

#[test]
fn the_profile_population_counts_with_its_year() {
    let c = catalogue(&[("population", "city")]);
    let cities = [
        city(1, "profile-only", Some((1_000, Some(2021)))),
        city(2, "both", Some((1_000, Some(2011)))),
        city(3, "no-year", Some((1_000, None))),
        city(4, "none", None),
    ];
    let rows = [latest(2, "population", 2020), latest(3, "population", 2015)];
    let coverage = build(&cities, &rows, &c);
    let years: Vec<Option<i64>> = coverage.iter().map(|c| c.year(Indicator::Population)).collect();
    assert_eq!(years, [Some(2021), Some(2020), Some(2015), None]);
}

#[test]
fn ages_are_counted_in_whole_years() {
    assert_eq!(Age::of(Some(2026), 2026), Age::Recent);
    assert_eq!(Age::of(Some(2023), 2026), Age::Recent);
    assert_eq!(Age::of(Some(2027), 2026), Age::Recent, "a year to come is not old");
    assert_eq!(Age::of(Some(2022), 2026), Age::Ageing);
    assert_eq!(Age::of(Some(2018), 2026), Age::Ageing);
    assert_eq!(Age::of(Some(2017), 2026), Age::Old);
    assert_eq!(Age::of(None, 2026), Age::Missing);
    assert_eq!(Age::Ageing.label(), "4 to 8 years old");
}

#[test]
fn days_become_calendar_years() {
    assert_eq!(age::year_of_day(0), 1970);
    assert_eq!(age::year_of_day(364), 1970);
    assert_eq!(age::year_of_day(365), 1971);
    // 2000-02-29 and 2000-12-31 (a leap year), 2026-11-29.
    assert_eq!(age::year_of_day(11_016), 2000);
    assert_eq!(age::year_of_day(11_322), 2000);
    assert_eq!(age::year_of_day(11_323), 2001);
    assert_eq!(age::year_of_day(20_786), 2026);
    assert_eq!(age::year_of_day(-1), 1969);
    assert!(this_year() >= 2024);
}

#[test]
fn sorting_by_have_keeps_the_name_order_among_equals() {
    let c = catalogue(&[("startups", "city"), ("gdp_usd", "city")]);
    let cities = [city(1, "a", None), city(2, "b", None), city(3, "c", None)];
    let rows = [latest(2, "startups", 2020), latest(2, "gdp_usd", 2020), latest(3, "startups", 2020)];
    let mut coverage = build(&cities, &rows, &c);
    Order::Have.apply(&mut coverage);
    let slugs: Vec<&str> = coverage.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(slugs, ["b", "c", "a"]);
    assert_eq!(Order::parse("have"), Some(Order::Have));
    assert_eq!(Order::parse("name"), Some(Order::Name));
    assert_eq!(Order::parse("year"), None);
}
