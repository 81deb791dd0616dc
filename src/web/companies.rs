//! `/companies`: every company, filtered by city, sector and park, a page at a time.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use serde::Deserialize;
use sqlx::SqlitePool;

use super::AppState;
use super::params::{Params, page_number, single};
use super::view::{Cite, Evidence};
use crate::db::cities::{self, CityName};
use crate::db::companies::{self, Company, CompanyFilter};
use crate::db::parks::{self, ParkName};
use crate::db::sectors::{self, Sector};
use crate::db::sources::{self, SourceList};
use crate::error::{AppError, AppResult};
use crate::format;

/// Rows per page unless `per_page` asks otherwise (up to `--max-page-size`).
pub const PAGE_SIZE: i64 = 50;

/// A company with its figures formatted; the row's sources and quotes back every figure in it.
pub struct CompanyView {
    pub slug: String,
    pub name: String,
    pub city_slug: String,
    pub city_name: String,
    pub park_slug: Option<String>,
    pub park_name: Option<String>,
    pub sector: String,
    pub sector_label: String,
    pub hq_country: Option<String>,
    pub founded_or_arrived_year: Option<i64>,
    pub employees: Option<String>,
    pub revenue: Option<String>,
    pub revenue_year: Option<i64>,
    pub evidence: Evidence,
}

impl CompanyView {
    pub async fn build(pool: &SqlitePool, rows: Vec<Company>) -> Result<Vec<CompanyView>, sqlx::Error> {
        let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
        let mut cites = sources::cited_by(pool, SourceList::Companies, &ids).await?;
        Ok(rows
            .into_iter()
            .map(|c| {
                let cites = cites.remove(&c.id).unwrap_or_default().into_iter().map(Cite::from).collect();
                CompanyView {
                    evidence: Evidence::new(cites, &c.quote),
                    employees: c.employees_in_city.map(|n| format::figure(n as f64, "persons")),
                    revenue: c.revenue_usd.map(|r| format::figure(r, "USD")),
                    revenue_year: c.revenue_year,
                    slug: c.slug,
                    name: c.name,
                    city_slug: c.city_slug,
                    city_name: c.city_name,
                    park_slug: c.park_slug,
                    park_name: c.park_name,
                    sector: c.sector,
                    sector_label: c.sector_label,
                    hq_country: c.hq_country,
                    founded_or_arrived_year: c.founded_or_arrived_year,
                }
            })
            .collect())
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompaniesQuery {
    #[serde(default)]
    city: Vec<String>,
    #[serde(default)]
    sector: Vec<String>,
    #[serde(default)]
    park: Vec<String>,
    #[serde(default)]
    page: Vec<String>,
    #[serde(default)]
    per_page: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "companies/index.html")]
pub struct CompaniesPage {
    companies: Vec<CompanyView>,
    cities: Vec<CityName>,
    sectors: Vec<Sector>,
    parks: Vec<ParkName>,
    filter: CompanyFilter,
    total: i64,
    page: i64,
    per_page: i64,
    pages: i64,
    first_row: i64,
}

impl CompaniesPage {
    /// The address of another page of the same list.
    fn page_url(&self, page: i64) -> String {
        let mut pairs = form_pairs(&self.filter);
        if self.per_page != PAGE_SIZE {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        if query.is_empty() { "/companies".into() } else { format!("/companies?{}", query.join("&")) }
    }

    fn custom_page_size(&self) -> bool {
        self.per_page != PAGE_SIZE
    }

    fn is_city(&self, slug: &str) -> bool {
        self.filter.city.as_deref() == Some(slug)
    }

    fn is_sector(&self, slug: &str) -> bool {
        self.filter.sector.as_deref() == Some(slug)
    }

    fn is_park(&self, slug: &str) -> bool {
        self.filter.park.as_deref() == Some(slug)
    }
}

fn form_pairs(filter: &CompanyFilter) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if let Some(c) = &filter.city {
        pairs.push(("city", c.clone()));
    }
    if let Some(s) = &filter.sector {
        pairs.push(("sector", s.clone()));
    }
    if let Some(p) = &filter.park {
        pairs.push(("park", p.clone()));
    }
    pairs
}

/// Percent-encodes a query value (slugs need none, but the URL must stay valid for any input).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn index(State(state): State<AppState>, Params(query): Params<CompaniesQuery>) -> AppResult<CompaniesPage> {
    let pool = &state.pool;
    let page = page_number(query.page)?;
    let max = i64::from(state.settings.limits.max_page_size.max(1));
    let per_page = match single("per_page", query.per_page)? {
        None => PAGE_SIZE.min(max),
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                return Err(AppError::bad_param(
                    "per_page",
                    format!("{text:?} is not allowed: use a whole number from 1 to {max}"),
                ));
            }
        },
    };
    let city_names = cities::names(pool).await?;
    let sector_list = sectors::all(pool).await?;
    let park_names = parks::names(pool).await?;
    let filter = CompanyFilter {
        city: checked("city", single("city", query.city)?, city_names.iter().map(|c| &c.slug))?,
        sector: checked("sector", single("sector", query.sector)?, sector_list.iter().map(|s| &s.slug))?,
        park: checked("park", single("park", query.park)?, park_names.iter().map(|p| &p.slug))?,
    };
    let total = companies::count(pool, &filter).await?;
    let pages = ((total + per_page - 1) / per_page).max(1);
    if page > pages {
        return Err(AppError::bad_param("page", format!("page {page} is past the last page of this list ({pages})")));
    }
    let offset = (page - 1) * per_page;
    let rows = companies::list(pool, &filter, per_page, offset).await?;
    Ok(CompaniesPage {
        companies: CompanyView::build(pool, rows).await?,
        cities: city_names,
        sectors: sector_list,
        parks: park_names,
        filter,
        total,
        page,
        per_page,
        pages,
        first_row: offset + 1,
    })
}

/// A filter value must name something that exists; otherwise a 400 listing what does.
fn checked<'a>(
    param: &str,
    value: Option<String>,
    known: impl Iterator<Item = &'a String> + Clone,
) -> AppResult<Option<String>> {
    match value {
        Some(v) if !known.clone().any(|k| *k == v) => Err(AppError::not_allowed(param, &v, known.cloned().collect())),
        other => Ok(other),
    }
}
