//! Reading each dataset file's row from a CSV record, with the checks that need nothing but
//! the row itself. The row types are the ones the database writes (`db::import`); references
//! to other rows are resolved later by `import`, against the database and the rest of the
//! import, which also fills in the ids they resolve to.

use super::fields::Fields;
use super::problems::shown;
use crate::db::import::{
    CityRow, CitySectorRow, CompanyRow, FxRateRow, MetricDefinitionRow, MetricRow, ParkRow, PresetRow, SourceRow,
};
use crate::metric::Scope;

/// A row that can be read from a record of its dataset file.
pub trait FromCsv {
    /// Reads the row, reporting every problem through `f`; the fields that cannot be read hold
    /// placeholders, and references are left unresolved (ids 0 or `None`).
    fn read(f: &mut Fields) -> Self;
}

/// Text fields longer than this are refused: quotes are at most 200 characters by convention,
/// and summaries a sentence or two.
const MAX_TEXT_BYTES: usize = 4000;

fn check_length(f: &mut Fields, column: &str, value: &str) {
    if value.len() > MAX_TEXT_BYTES {
        f.problem(column, format!("is {} bytes long; the limit is {MAX_TEXT_BYTES}", value.len()));
    }
}

fn text(f: &mut Fields, column: &str) -> String {
    let v = f.text(column);
    check_length(f, column, &v);
    v
}

fn optional_text(f: &mut Fields, column: &str) -> Option<String> {
    let v = f.optional_text(column);
    if let Some(v) = &v {
        check_length(f, column, v);
    }
    v
}

impl FromCsv for FxRateRow {
    fn read(f: &mut Fields) -> Self {
        let row = FxRateRow {
            currency: f.text("currency"),
            year: f.year("year"),
            // A rate of zero or below would divide into nonsense.
            units_per_usd: f.number("units_per_usd", f64::MIN_POSITIVE, f64::MAX),
            source_id: f.slug("source_id"),
            quote: text(f, "quote"),
        };
        let iso = row.currency.len() == 3 && row.currency.bytes().all(|b| b.is_ascii_uppercase());
        if row.currency == "RMB" {
            f.problem("currency", "\"RMB\" is not an ISO 4217 code: the renminbi is CNY");
        } else if !row.currency.is_empty() && !iso {
            f.problem(
                "currency",
                format!("{} is not an ISO 4217 currency code (three capital letters)", shown(&row.currency)),
            );
        } else if row.currency == "USD" {
            f.problem("currency", "rates are in units per US dollar: USD needs no rate");
        }
        row
    }
}

/// A preset is a choice in the pickers, which compare two to eight cities.
pub const PRESET_CITIES: std::ops::RangeInclusive<usize> = 2..=8;

impl FromCsv for PresetRow {
    fn read(f: &mut Fields) -> Self {
        let id = f.slug("id");
        let label = text(f, "label");
        let description = f.optional_text("description").unwrap_or_default();
        check_length(f, "description", &description);
        let cities = f.slugs("cities", "city slug");
        if !cities.is_empty() && !PRESET_CITIES.contains(&cities.len()) {
            let (min, max) = (PRESET_CITIES.start(), PRESET_CITIES.end());
            f.problem("cities", format!("a preset has {min} to {max} cities; this one has {}", cities.len()));
        }
        PresetRow { id, label, description, cities: cities.join(";") }
    }
}

impl FromCsv for SourceRow {
    fn read(f: &mut Fields) -> Self {
        SourceRow {
            id: f.slug("id"),
            title: text(f, "title"),
            publisher: text(f, "publisher"),
            url: {
                let url = f.url("url");
                check_length(f, "url", &url);
                url
            },
            published_year: f.optional_year("published_year"),
            accessed: f.date("accessed"),
        }
    }
}

impl FromCsv for MetricDefinitionRow {
    fn read(f: &mut Fields) -> Self {
        let row = MetricDefinitionRow {
            metric: f.identifier("metric"),
            label: text(f, "label"),
            unit: text(f, "unit"),
            family: f.identifier("family"),
            scope: f.text("scope"),
            higher_is_better: f.optional_bool("higher_is_better"),
            description: optional_text(f, "description").unwrap_or_default(),
            // Given by the import, which numbers the definitions in reading order.
            position: 0,
        };
        if !row.scope.is_empty() && Scope::parse(&row.scope).is_none() {
            let allowed: Vec<&str> = Scope::ALL.iter().map(|s| s.as_str()).collect();
            f.problem("scope", format!("{} is not a scope; allowed: {}", shown(&row.scope), allowed.join(", ")));
        }
        row
    }
}

impl FromCsv for CityRow {
    fn read(f: &mut Fields) -> Self {
        let row = CityRow {
            slug: f.slug("slug"),
            name: text(f, "name"),
            country: text(f, "country"),
            region: optional_text(f, "region").unwrap_or_default(),
            population: f.optional_integer("population", 0, 10_000_000_000),
            population_year: f.optional_year("population_year"),
            population_scope: optional_text(f, "population_scope").unwrap_or_default(),
            lat: f.optional_number("lat", -90.0, 90.0),
            lon: f.optional_number("lon", -180.0, 180.0),
            summary: optional_text(f, "summary").unwrap_or_default(),
            source_ids: f.source_ids("source_id"),
        };
        if row.population.is_some() && row.population_year.is_none() {
            f.problem("population_year", "is required when population is given: a figure needs its year");
        }
        if row.lat.is_some() != row.lon.is_some() {
            f.problem("lon", "lat and lon must be given together");
        }
        row
    }
}

impl FromCsv for ParkRow {
    fn read(f: &mut Fields) -> Self {
        ParkRow {
            slug: f.slug("slug"),
            city_slug: f.slug("city_slug"),
            city_id: 0,
            name: text(f, "name"),
            opened_year: f.optional_year("opened_year"),
            area_km2: f.optional_number("area_km2", 0.0, 1.0e6),
            companies: f.optional_integer("companies", 0, 100_000_000),
            employees: f.optional_integer("employees", 0, 1_000_000_000),
            foreign_share: f.optional_number("foreign_share", 0.0, 1.0),
            source_ids: f.source_ids("source_id"),
            quote: text(f, "quote"),
        }
    }
}

impl FromCsv for CompanyRow {
    fn read(f: &mut Fields) -> Self {
        let row = CompanyRow {
            slug: f.slug("slug"),
            name: text(f, "name"),
            city_slug: f.slug("city_slug"),
            city_id: 0,
            park_slug: f.optional_slug("park_slug"),
            park_id: None,
            sector: f.text("sector"),
            hq_country: optional_text(f, "hq_country"),
            founded_or_arrived_year: f.optional_year("founded_or_arrived_year"),
            employees_in_city: f.optional_integer("employees_in_city", 0, 100_000_000),
            revenue_usd: f.optional_number("revenue_usd", 0.0, 1.0e15),
            revenue_year: f.optional_year("revenue_year"),
            source_ids: f.source_ids("source_id"),
            quote: text(f, "quote"),
        };
        if row.revenue_usd.is_some() && row.revenue_year.is_none() {
            f.problem("revenue_year", "is required when revenue_usd is given: a figure needs its year");
        }
        row
    }
}

impl FromCsv for CitySectorRow {
    fn read(f: &mut Fields) -> Self {
        CitySectorRow {
            city_slug: f.slug("city_slug"),
            city_id: 0,
            sector: f.text("sector"),
            source_id: f.slug("evidence_source_id"),
            quote: text(f, "quote"),
        }
    }
}

impl FromCsv for MetricRow {
    fn read(f: &mut Fields) -> Self {
        MetricRow {
            city_slug: f.slug("city_slug"),
            city_id: 0,
            metric: f.identifier("metric"),
            year: f.year("year"),
            value: f.number("value", f64::MIN, f64::MAX),
            unit: text(f, "unit"),
            source_id: f.slug("source_id"),
            quote: text(f, "quote"),
        }
    }
}
