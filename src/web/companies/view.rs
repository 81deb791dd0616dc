//! A company as pages and twins show it: its figures formatted for pages, or as JSON with the
//! ids of the sources behind them.

use std::collections::HashMap;

use serde::Serialize;
use sqlx::SqlitePool;
use utoipa::ToSchema;

use super::super::view::{Cite, Evidence};
use crate::db::companies::Company;
use crate::db::sources::{self, Source, SourceList};
use crate::format;
use crate::metric::{Currency, Quantity, Unit};

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
        let cites = sources::cited_by(pool, SourceList::Companies, &ids).await?;
        Ok(CompanyView::with_sources(rows, cites))
    }

    /// The rows as shown, each with its sources from `cites` (by company id).
    pub fn with_sources(rows: Vec<Company>, mut cites: HashMap<i64, Vec<Source>>) -> Vec<CompanyView> {
        rows.into_iter()
            .map(|c| {
                let cites = cites.remove(&c.id).unwrap_or_default().into_iter().map(Cite::from).collect();
                CompanyView {
                    evidence: Evidence::new(cites, &c.quote),
                    employees: c.employees_in_city.map(|n| format::figure(n as f64, &Unit::plain(Quantity::Persons))),
                    revenue: c.revenue_usd.map(|r| format::figure(r, &Unit::plain(Quantity::Money(Currency::USD)))),
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
            .collect()
    }
}

/// A company with everything needed to check it.
#[derive(Serialize, ToSchema)]
#[schema(as = Company)]
pub struct CompanyJson<'a> {
    slug: &'a str,
    name: &'a str,
    /// The city's slug; absent inside a city's own data.
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<&'a str>,
    #[schema(required = true)]
    park: Option<&'a str>,
    sector: &'a str,
    #[schema(required = true)]
    hq_country: Option<&'a str>,
    #[schema(required = true)]
    founded_or_arrived_year: Option<i64>,
    #[schema(required = true)]
    employees_in_city: Option<i64>,
    #[schema(required = true)]
    revenue_usd: Option<f64>,
    #[schema(required = true)]
    revenue_year: Option<i64>,
    sources: Vec<&'a str>,
    quote: &'a str,
}

impl<'a> CompanyJson<'a> {
    /// `with_city` is false inside a city's own data, where it would repeat the city.
    pub fn new(c: &'a Company, sources: Option<&'a Vec<Source>>, with_city: bool) -> Self {
        CompanyJson {
            slug: &c.slug,
            name: &c.name,
            city: with_city.then_some(c.city_slug.as_str()),
            park: c.park_slug.as_deref(),
            sector: &c.sector,
            hq_country: c.hq_country.as_deref(),
            founded_or_arrived_year: c.founded_or_arrived_year,
            employees_in_city: c.employees_in_city,
            revenue_usd: c.revenue_usd,
            revenue_year: c.revenue_year,
            sources: source_ids(sources),
            quote: &c.quote,
        }
    }
}

/// The ids of a row's cited sources, in the dataset's order.
pub fn source_ids(list: Option<&Vec<Source>>) -> Vec<&str> {
    list.map(|l| l.iter().map(|s| s.id.as_str()).collect()).unwrap_or_default()
}
