//! The web site: the route table, the shared middleware, and one module per area of the site.
//! Handlers parse and validate the request into a typed filter, ask `db` for rows, build a
//! view model and render an askama template.

mod admin;
mod api;
mod assets;
pub mod cache;
mod changes;
mod charts;
mod cities;
mod client;
mod companies;
mod compare;
mod coverage;
mod dashboard;
mod embed;
mod figure_table;
mod formats;
mod freshness;
mod health;
mod lang;
mod limits;
mod params;
mod parks;
mod picker;
mod scorecard;
mod search;
mod security;
mod sources;
mod view;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use sqlx::SqlitePool;
use tower::ServiceBuilder;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnRequest, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::config::Limits;
use crate::error::AppError;

pub use admin::Admin;
pub use assets::asset_url;

/// How the server is run: limits and whether it sits behind TLS.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub limits: Limits,
    /// Behind TLS: send Strict-Transport-Security, mark cookies Secure.
    pub hsts: bool,
    /// Where readers reach the site, named by exported files (`--public-url`).
    pub public_url: Option<String>,
    /// The address the server listens on, which [`crate::serve`] fills in: the origin of
    /// complete links when `public_url` is not given.
    pub listening_on: Option<std::net::SocketAddr>,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`); without
    /// any, per-address limits count the connection's own address.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Settings {
    /// `https://host` for the links that must be complete (`hreflang` alternates): the public
    /// address, else the one served on; empty (links stay relative) when neither is known or
    /// the server listens on every interface, whose address no reader can use.
    pub fn origin(&self) -> Arc<str> {
        match (&self.public_url, self.listening_on) {
            (Some(url), _) => url.as_str().into(),
            (None, Some(addr)) if !addr.ip().is_unspecified() => format!("http://{addr}").into(),
            _ => "".into(),
        }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    pub settings: Arc<Settings>,
    /// Present when an admin token is configured; otherwise /admin does not exist.
    pub admin: Option<Arc<Admin>>,
    /// The current data version, and what depends only on it.
    pub freshness: Arc<freshness::Freshness>,
    /// Rendered pages of the current data version.
    pub cache: Arc<cache::PageCache>,
    /// Row counts of filtered lists, by data version and filter: counting a million rows is
    /// done once per version, not once per page.
    pub counts: Arc<quick_cache::sync::Cache<(i64, String), i64>>,
}

impl AppState {
    pub fn new(pool: SqlitePool) -> Self {
        AppState {
            freshness: Arc::new(freshness::Freshness::new(&pool)),
            cache: Arc::new(cache::PageCache::default()),
            counts: Arc::new(quick_cache::sync::Cache::new(10_000)),
            pool,
            settings: Arc::new(Settings::default()),
            admin: None,
        }
    }

    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = Arc::new(settings);
        self
    }

    pub fn with_admin(mut self, admin: Option<Admin>) -> Self {
        self.admin = admin.map(Arc::new);
        self
    }
}

/// The whole application; tests build exactly this.
pub fn app(state: AppState) -> Router {
    let settings = state.settings.clone();
    let limits = &settings.limits;
    // A new `.json` or `.csv` route also goes into `formats::is_machine_route`, which picks the
    // format of the errors answered before routing (414).
    let public = Router::new()
        .route("/", get(dashboard::show))
        .route("/compare", get(compare::index))
        .route("/compare.csv", get(compare::compare_csv))
        .route("/compare.json", get(compare::compare_json))
        .route("/compare/export", get(compare::comparison_file))
        .route("/compare/chart.svg", get(compare::chart_file))
        .route("/embed/compare", get(compare::embed_page))
        .route("/scorecard", get(scorecard::index))
        .route("/scorecard.json", get(scorecard::scorecard_json))
        .route("/scorecard.csv", get(scorecard::scorecard_csv))
        .route("/scorecard/export", get(scorecard::scorecard_file))
        .route("/embed/scorecard", get(scorecard::embed_page))
        .route("/cities", get(cities::index))
        .route("/cities.json", get(cities::list_json))
        .route("/cities.csv", get(cities::list_csv))
        .route("/cities/{slug}", get(cities::profile))
        .route("/coverage", get(coverage::index))
        .route("/coverage.json", get(coverage::coverage_json))
        .route("/coverage.csv", get(coverage::coverage_csv))
        .route("/parks/{slug}", get(parks::profile))
        .route("/companies", get(companies::index))
        .route("/companies.json", get(companies::list_json))
        .route("/companies.csv", get(companies::list_csv))
        .route("/companies/{slug}", get(companies::profile))
        .route("/search", get(search::page))
        .route("/search.json", get(search::json))
        .route("/sources", get(sources::index))
        .route("/sources.json", get(sources::list_json))
        .route("/sources.csv", get(sources::list_csv))
        .route("/sources/{id}", get(sources::profile))
        .route("/changes", get(changes::index))
        .route("/api", get(api::page))
        .route("/openapi.json", get(api::openapi_json))
        .route("/healthz", get(health::check))
        .nest_service("/static", assets::router())
        .fallback(not_found)
        // Chinese pages link to Chinese pages (before compression, after the handler).
        .layer(axum::middleware::from_fn(lang::prefix_links))
        // Public pages take no request body at all: `limits::request_size` answers one with
        // the site's 413 before the cache; this layer stays as the last line.
        .layer(RequestBodyLimitLayer::new(0));
    // Rendering: bounded in time and in how many run at once, compressed on the fly. Pages
    // served from the cache never reach these layers.
    let routes = public
        .merge(admin::routes(&state))
        .layer(CompressionLayer::new())
        .layer(GlobalConcurrencyLimitLayer::new(limits.max_concurrency.max(1)))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(limits.request_timeout_secs.max(1)),
        ))
        .with_state(state.clone());
    // Around every request, outermost first. Built as one tower stack rather than with
    // `Router::layer`, which boxes each layer per route and clones every box on each request:
    // that was a third of the cost of a cached page.
    let every_request = ServiceBuilder::new()
        // One log line per request, when its response is ready.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_request(DefaultOnRequest::new().level(Level::DEBUG))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        // Every answer carries the security headers, even the 500 of a caught panic.
        .map_response(security::add_headers(settings.hsts))
        .layer(security::NoStoreOnAdminLayer)
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            limits::RequestSize { max_uri_length: limits.max_uri_length, admin: state.admin.is_some() },
            limits::request_size,
        ))
        .option_layer(limits::rate_limit(limits, &settings.trusted_proxies))
        .layer(axum::middleware::from_fn_with_state(state, cache::middleware))
        // Inside the cache, so that `/zh/x` and `/x` are cached apart.
        .layer(axum::middleware::from_fn_with_state(settings.origin(), lang::middleware))
        .service(routes);
    Router::new().fallback_service(every_request)
}

async fn not_found() -> AppError {
    AppError::NotFound("page".into())
}
