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

/// A parameter. What it does is in the catalogue (`api-param-…`, see [`about`]), so the page
/// in either language and the description say the same.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub values: Values,
    /// Repeated (`city=a&city=b`) rather than given once.
    pub repeated: bool,
    /// A part of the path (`{slug}`) rather than of the query.
    pub in_path: bool,
}

const fn query(name: &'static str, values: Values) -> Param {
    Param { name, values, repeated: false, in_path: false }
}

const fn repeated(name: &'static str, values: Values) -> Param {
    Param { name, values, repeated: true, in_path: false }
}

/// One machine-readable route. What it answers is in the catalogue (see [`summary`]).
pub struct Route {
    pub path: &'static str,
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

const CURRENCY: Param = query("currency", Values::Words(&["usd"]));
const PER: Param = query("per", Values::Words(&["capita"]));
const YEAR: Param = query("year", Values::Integer(1800, Some(2100)));

pub const COMPARE_PARAMS: &[Param] = &[
    repeated("city", Values::City),
    repeated("metric", Values::Metric),
    query("scale", Values::Words(&["linear", "log"])),
    CURRENCY,
    PER,
    query("growth", Values::Words(&["cagr"])),
    YEAR,
];

const SCORECARD_PARAMS: &[Param] = &[
    repeated("city", Values::City),
    query("weights", Values::Weights),
    query("norm", Values::Words(&crate::scorecard::Norm::NAMES)),
    query("min_coverage", Values::Number(0.0, 1.0)),
    CURRENCY,
    PER,
    YEAR,
    query("x", Values::Axis),
    query("y", Values::Axis),
];

const CITIES_PARAMS: &[Param] = &[repeated("sector", Values::Sector), query("country", Values::Country)];

const CITY_PARAMS: &[Param] = &[Param { name: "slug", values: Values::City, repeated: false, in_path: true }];

const COMPANIES_PARAMS: &[Param] = &[
    query("city", Values::City),
    query("sector", Values::Sector),
    query("park", Values::Text(200)),
    query("page", Values::Integer(1, None)),
    query("per_page", Values::PageSize),
    query("after", Values::Cursor),
    query("before", Values::Cursor),
];

const SEARCH_PARAMS: &[Param] = &[query("q", Values::Text(200))];

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
        params: CITIES_PARAMS,
        examples: &["/cities.json?sector=bpo", "/cities.json?country=India"],
        schema: schema_of::<CitiesJson<'static>>,
        csv: Some("/cities.csv"),
        missing: None,
    },
    Route {
        path: "/cities/{slug}.json",
        params: CITY_PARAMS,
        examples: &["/cities/dalian.json", "/cities/bangalore.json"],
        schema: schema_of::<CityJson<'static>>,
        csv: Some("/cities/{slug}.csv"),
        missing: Some("No city has this slug."),
    },
    Route {
        path: "/companies.json",
        params: COMPANIES_PARAMS,
        examples: &["/companies.json?city=dalian", "/companies.json?sector=bpo&per_page=5"],
        schema: schema_of::<CompanyListJson<'static>>,
        csv: Some("/companies.csv"),
        missing: None,
    },
    Route {
        path: "/search.json",
        params: SEARCH_PARAMS,
        examples: &["/search.json?q=dalian", "/search.json?q=soft"],
        schema: schema_of::<SearchJson>,
        csv: None,
        missing: None,
    },
];

/// `cities-slug-json` for `/cities/{slug}.json`: the page's section id, and the route's part of
/// its catalogue keys.
pub fn anchor(path: &str) -> String {
    path.trim_start_matches('/').replace(['/', '.'], "-").replace(['{', '}'], "")
}

/// What the route at `path` answers, in the current language.
pub fn summary(path: &str) -> String {
    crate::t(&format!("api-route-{}", anchor(path)))
}

/// What a parameter does, in the current language: `api-param-ROUTE-NAME` where it means
/// something of its own on that route (`city` on /compare.json), else `api-param-NAME`.
pub fn about(path: &str, name: &str) -> String {
    let name = name.replace('_', "-");
    let own = format!("api-param-{}-{name}", anchor(path));
    crate::t(&if crate::i18n::has_key(crate::i18n::Lang::En, &own) { own } else { format!("api-param-{name}") })
}
