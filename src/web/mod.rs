//! The web site: the route table, the shared middleware, and one module per area of the site.
//! Handlers parse and validate the request into a typed filter, ask `db` for rows, build a
//! view model and render an askama template.

mod api;
mod assets;
mod charts;
mod cities;
mod companies;
mod compare;
mod dashboard;
mod export;
mod formats;
mod health;
mod params;
mod parks;
mod security;
mod sources;
mod view;

use axum::Router;
use axum::routing::get;
use sqlx::SqlitePool;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnRequest, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::error::AppError;

pub use assets::asset_url;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
}

impl AppState {
    pub fn new(pool: SqlitePool) -> Self {
        AppState { pool }
    }
}

/// The whole application; tests build exactly this.
pub fn app(state: AppState) -> Router {
    let routes = Router::new()
        .route("/", get(dashboard::show))
        .route("/compare", get(compare::index))
        .route("/compare.csv", get(api::compare_csv))
        .route("/compare.json", get(api::compare_json))
        .route("/compare/export", get(export::comparison_file))
        .route("/cities", get(cities::index))
        .route("/cities.json", get(api::cities_json))
        .route("/cities.csv", get(api::cities_csv))
        .route("/cities/{slug}", get(cities::profile))
        .route("/parks/{slug}", get(parks::profile))
        .route("/companies", get(companies::index))
        .route("/sources", get(sources::index))
        .route("/sources/{id}", get(sources::profile))
        .route("/healthz", get(health::check))
        .nest_service("/static", assets::router())
        .fallback(not_found)
        .with_state(state);
    security::with_headers(routes)
        .layer(CatchPanicLayer::new())
        // One log line per request, when its response is ready.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_request(DefaultOnRequest::new().level(Level::DEBUG))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

async fn not_found() -> AppError {
    AppError::NotFound("page".into())
}
