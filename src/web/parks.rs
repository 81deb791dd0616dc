//! `/parks/{slug}`: a tech park's figures, sources and the companies listed in it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sqlx::SqlitePool;

use super::AppState;
use super::companies::{CompanyView, PREVIEW_ROWS};
use super::params::PathSegment;
use super::view::{Cite, Evidence};
use crate::db::companies;
use crate::db::parks::{self, Park};
use crate::db::sources::{self, SourceList};
use crate::error::{AppError, AppResult};
use crate::format;
use crate::metric::{Quantity, Unit};

/// A park with its figures formatted. The figures of a park row carry no year of their own:
/// the row's sources (with their publication years) and quotes stand for all of them.
pub struct ParkView {
    pub slug: String,
    pub name: String,
    pub city_slug: String,
    pub city_name: String,
    pub opened_year: Option<i64>,
    pub area: Option<String>,
    pub companies: Option<String>,
    pub employees: Option<String>,
    pub foreign_share: Option<String>,
    pub evidence: Evidence,
}

impl ParkView {
    pub async fn build(pool: &SqlitePool, rows: Vec<Park>) -> Result<Vec<ParkView>, sqlx::Error> {
        let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
        let mut cites = sources::cited_by(pool, SourceList::Parks, &ids).await?;
        Ok(rows
            .into_iter()
            .map(|p| {
                let cites = cites.remove(&p.id).unwrap_or_default().into_iter().map(Cite::from).collect();
                ParkView {
                    evidence: Evidence::new(cites, &p.quote),
                    area: p.area_km2.map(|a| format::figure(a, &Unit::plain(Quantity::SquareKilometres))),
                    companies: p.companies.map(|n| format::figure(n as f64, &Unit::plain(Quantity::Count))),
                    employees: p.employees.map(|n| format::figure(n as f64, &Unit::plain(Quantity::Persons))),
                    foreign_share: p.foreign_share.map(|s| format::figure(s, &Unit::plain(Quantity::Share))),
                    opened_year: p.opened_year,
                    slug: p.slug,
                    name: p.name,
                    city_slug: p.city_slug,
                    city_name: p.city_name,
                }
            })
            .collect())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "parks/profile.html")]
pub struct ParkProfilePage {
    park: ParkView,
    companies: Vec<CompanyView>,
    companies_total: i64,
}

pub async fn profile(State(state): State<AppState>, PathSegment(slug): PathSegment) -> AppResult<ParkProfilePage> {
    let pool = &state.pool;
    let park = parks::by_slug(pool, &slug).await?.ok_or_else(|| AppError::NotFound(format!("park {slug:?}")))?;
    let (listed, companies_total) = companies::in_park(pool, park.id, PREVIEW_ROWS).await?;
    let park = ParkView::build(pool, vec![park]).await?.remove(0);
    Ok(ParkProfilePage { park, companies: CompanyView::build(pool, listed).await?, companies_total })
}
