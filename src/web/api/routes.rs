//! The machine-readable routes as one table: what each is for, its parameters and the values
//! they take, an example, and the Rust type of its answer. The `/api` page and `/openapi.json`
//! are both drawn from it, so the two cannot list different routes.

use std::borrow::Cow;

use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::Schema;

use super::super::cities::{CitiesJson, CityJson};
use super::super::companies::CompanyListJson;
use super::super::compare::ComparisonJson;
use super::super::scorecard::ScorecardJson;
use super::super::search::SearchJson;

/// What a parameter accepts. The lists that come from the data (cities, sectors, metrics) are
/// filled in from the current catalogue when the description is served.
#[derive(Debug, Clone, Copy)]
pub enum Values {
    /// A city's slug.
    City,
    /// A sector's slug.
    Sector,
    /// A country's name as the dataset writes it.
    Country,
    /// A metric's name.
    Metric,
    /// `w.METRIC=N`: a weight from 0 to 10 for a metric of the city's own.
    Weights,
    /// A scatter axis: `score`, `coverage` or a weighted metric.
    Axis,
    /// One of these words.
    Words(&'static [&'static str]),
    /// A whole number in a range (`None`: no upper bound).
    Integer(i64, Option<i64>),
    /// A page size, up to the server's `--max-page-size`.
    PageSize,
    /// A number in a range.
    Number(f64, f64),
    /// Free text of at most this many characters.
    Text(usize),
    /// A position in a list, as the `next` and `previous` addresses give it.
    Cursor,
}

#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub about: &'static str,
    pub values: Values,
    /// Repeated (`city=a&city=b`) rather than given once.
    pub repeated: bool,
    /// A part of the path (`{slug}`) rather than of the query.
    pub in_path: bool,
}

const fn query(name: &'static str, values: Values, about: &'static str) -> Param {
    Param { name, about, values, repeated: false, in_path: false }
}

const fn repeated(name: &'static str, values: Values, about: &'static str) -> Param {
    Param { name, about, values, repeated: true, in_path: false }
}

/// One machine-readable route.
pub struct Route {
    pub path: &'static str,
    pub summary: &'static str,
    pub params: &'static [Param],
    /// Addresses that answer; the first is the page's example link.
    pub examples: &'static [&'static str],
    /// Registers the schema of the answer (the type the handler serialises, and every type it
    /// holds) and gives its name.
    pub schema: fn(&mut Schemas) -> Cow<'static, str>,
    /// `Some(path)`: a CSV twin with the same parameters (the figures in long form).
    pub csv: Option<&'static str>,
    /// When the route answers 404: for a slug that names nothing.
    pub missing: Option<&'static str>,
}

const CURRENCY: Param =
    query("currency", Values::Words(&["usd"]), "Converts money to US dollars at the cited rate of each figure's year.");
const PER: Param =
    query("per", Values::Words(&["capita"]), "Divides stocks and flows by the population nearest in time.");
const YEAR: Param = query("year", Values::Integer(1800, Some(2100)), "Only figures of this year or before.");

pub const COMPARE_PARAMS: &[Param] = &[
    repeated(
        "city",
        Values::City,
        "2 to 8 cities, in the order of their colours; none: Dalian, Bangalore, Metro Manila and Silicon Valley.",
    ),
    repeated("metric", Values::Metric, "The metrics to compare; none: the key metrics."),
    query("scale", Values::Words(&["linear", "log"]), "The charts' axis (accepted by the twins too)."),
    CURRENCY,
    PER,
    query("growth", Values::Words(&["cagr"]), "Each series as its compound annual growth rate."),
    YEAR,
];

const SCORECARD_PARAMS: &[Param] = &[
    repeated("city", Values::City, "2 to 20 cities; none: the default set."),
    query(
        "weights",
        Values::Weights,
        "A weight from 0 to 10 per metric, as w.METRIC=N (repeat for each); none: the outsourcing preset.",
    ),
    query("norm", Values::Words(&crate::scorecard::Norm::NAMES), "How figures are put on one scale before weighting."),
    query(
        "min_coverage",
        Values::Number(0.0, 1.0),
        "The share of the weight a city needs figures for to be ranked (0.5 if absent).",
    ),
    CURRENCY,
    PER,
    YEAR,
    query("x", Values::Axis, "The scatter chart's horizontal axis (the page's; the data ignores it)."),
    query("y", Values::Axis, "The scatter chart's vertical axis."),
];

const CITIES_PARAMS: &[Param] = &[
    repeated("sector", Values::Sector, "Cities known for any of these sectors."),
    query("country", Values::Country, "Cities of this country."),
];

const CITY_PARAMS: &[Param] =
    &[Param { name: "slug", about: "The city.", values: Values::City, repeated: false, in_path: true }];

const COMPANIES_PARAMS: &[Param] = &[
    query("city", Values::City, "Companies in this city."),
    query("sector", Values::Sector, "Companies of this sector."),
    query("park", Values::Text(200), "Companies in this tech park (its slug, as a city's data lists it)."),
    query("page", Values::Integer(1, None), "The page, from 1."),
    query("per_page", Values::PageSize, "Rows per page (50 if absent)."),
    query("after", Values::Cursor, "Enter the list after this row (from next)."),
    query("before", Values::Cursor, "Enter the list before this row (from previous)."),
];

const SEARCH_PARAMS: &[Param] = &[query("q", Values::Text(200), "Words that start words of a name.")];

/// Named schemas, as `ToSchema` collects them.
pub type Schemas = Vec<(String, RefOr<Schema>)>;

/// Adds `T`'s schema and those it refers to; `T`'s name.
pub fn schema_of<T: ToSchema>(into: &mut Schemas) -> Cow<'static, str> {
    into.push((T::name().into_owned(), T::schema()));
    T::schemas(into);
    T::name()
}

/// Every machine-readable route, in the order the `/api` page lists them.
pub const ROUTES: &[Route] = &[
    Route {
        path: "/compare.json",
        summary: "A comparison of cities on chosen metrics: every figure shown, with its source, and how derived ones were made.",
        params: COMPARE_PARAMS,
        examples: &[
            "/compare.json?city=dalian&city=bangalore",
            "/compare.json?city=london&city=berlin&metric=it_employees&metric=population&per=capita",
        ],
        schema: schema_of::<ComparisonJson<'static>>,
        csv: Some("/compare.csv"),
        missing: None,
    },
    Route {
        path: "/scorecard.json",
        summary: "A composite score over cited figures with your weights, each city's rank and how much it depends on them.",
        params: SCORECARD_PARAMS,
        examples: &[
            "/scorecard.json?city=dalian&city=bangalore&city=pune",
            "/scorecard.json?city=dalian&city=bangalore&city=silicon-valley&w.it_employees=2&w.it_companies=1&norm=rank",
        ],
        schema: schema_of::<ScorecardJson<'static>>,
        csv: Some("/scorecard.csv"),
        missing: None,
    },
    Route {
        path: "/cities.json",
        summary: "The cities, filtered by sector and country.",
        params: CITIES_PARAMS,
        examples: &["/cities.json?sector=bpo", "/cities.json?country=India"],
        schema: schema_of::<CitiesJson<'static>>,
        csv: Some("/cities.csv"),
        missing: None,
    },
    Route {
        path: "/cities/{slug}.json",
        summary: "One city's data: its figures over the years, sectors, parks, first companies and every source cited.",
        params: CITY_PARAMS,
        examples: &["/cities/dalian.json", "/cities/bangalore.json"],
        schema: schema_of::<CityJson<'static>>,
        csv: Some("/cities/{slug}.csv"),
        missing: Some("No city has this slug."),
    },
    Route {
        path: "/companies.json",
        summary: "Companies, filtered by city, sector and park, a page at a time.",
        params: COMPANIES_PARAMS,
        examples: &["/companies.json?city=dalian", "/companies.json?sector=bpo&per_page=5"],
        schema: schema_of::<CompanyListJson<'static>>,
        csv: Some("/companies.csv"),
        missing: None,
    },
    Route {
        path: "/search.json",
        summary: "Cities, parks and companies by name.",
        params: SEARCH_PARAMS,
        examples: &["/search.json?q=dalian", "/search.json?q=soft"],
        schema: schema_of::<SearchJson>,
        csv: None,
        missing: None,
    },
];
