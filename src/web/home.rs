//! `/`: an overview of what the data holds, with a way into each city.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::AppState;
use super::cities::{CityCard, city_cards};
use crate::db::cities::{self, CityFilter, Totals};
use crate::error::AppResult;

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    totals: Totals,
    cities: Vec<CityCard>,
    data_version: i64,
}

pub async fn overview(State(state): State<AppState>) -> AppResult<HomePage> {
    let pool = &state.pool;
    let found = cities::list(pool, &CityFilter::default()).await?;
    Ok(HomePage {
        totals: cities::totals(pool).await?,
        cities: city_cards(&state, found).await?,
        data_version: crate::db::data_version(pool).await?,
    })
}
