//! `/sources/{id}`: one source and everything that cites it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::super::AppState;
use super::super::companies::{CompanyView, PREVIEW_ROWS};
use super::super::params::PathSegment;
use super::super::parks::ParkView;
use super::super::view::{Cite, Evidence, Figure};
use crate::db::cities::{self, CityName};
use crate::db::metrics;
use crate::db::sectors::{self, SectorStatement};
use crate::db::sources::{self, Source};
use crate::db::{companies, fx_rates, parks};
use crate::error::{AppError, AppResult};
use crate::format;
use crate::metric::Scope;

/// A figure on a source's page: which city and metric it belongs to.
pub struct CitedFigure {
    pub city_slug: String,
    pub city_name: String,
    pub label: String,
    pub scope: Scope,
    pub figure: Figure,
}

#[derive(Template, WebTemplate)]
#[template(path = "sources/profile.html")]
pub struct SourcePage {
    source: Source,
    figures: Vec<CitedFigure>,
    statements: Vec<SectorStatement>,
    cities: Vec<CityName>,
    parks: Vec<ParkView>,
    companies: Vec<CompanyView>,
    companies_total: i64,
    /// Exchange rates the source gives: "CNY 2013: 6.1478 per US$".
    rates: Vec<(String, String)>,
}

impl SourcePage {
    fn cites_nothing(&self) -> bool {
        self.rates.is_empty()
            && self.figures.is_empty()
            && self.statements.is_empty()
            && self.cities.is_empty()
            && self.parks.is_empty()
            && self.companies.is_empty()
    }
}

pub async fn profile(State(state): State<AppState>, PathSegment(id): PathSegment) -> AppResult<SourcePage> {
    let pool = &state.pool;
    let source = sources::by_id(pool, &id).await?.ok_or_else(|| AppError::NotFound(format!("source {id:?}")))?;
    let cite = Cite::from(source.clone());
    let (citing_companies, companies_total) = companies::citing(pool, &id, PREVIEW_ROWS).await?;
    let reference = state.freshness.reference(pool).await?;
    let figures = metrics::citing(pool, &id)
        .await?
        .into_iter()
        .filter_map(|f| {
            let metric = reference.catalogue.get(&f.metric)?;
            Some(CitedFigure {
                figure: Figure::new(f.value, &metric.unit, Some(f.year), Evidence::new(vec![cite.clone()], &f.quote)),
                scope: metric.scope,
                city_slug: f.city_slug,
                city_name: f.city_name,
                label: metric.name(),
            })
        })
        .collect();
    Ok(SourcePage {
        figures,
        statements: sectors::statements_citing(pool, &id).await?,
        cities: cities::citing(pool, &id).await?,
        parks: ParkView::build(pool, parks::citing(pool, &id).await?).await?,
        companies: CompanyView::build(pool, citing_companies).await?,
        companies_total,
        rates: fx_rates::citing(pool, &id)
            .await?
            .into_iter()
            .map(|r| {
                (
                    format!("{} {}", r.currency, r.year),
                    crate::t1("source-rate", "rate", format::trimmed(r.units_per_usd, 6)),
                )
            })
            .collect(),
        source,
    })
}
