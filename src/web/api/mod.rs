//! `/api`: the machine-readable routes in words, each with a working example; and
//! `/openapi.json`, their OpenAPI 3.1 description. Both come from one route table (`routes`);
//! the description's schemas are derived from the types the handlers serialise (`spec`).
//! Both depend only on the data version, so the page cache builds each once per version.

mod routes;
mod spec;

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::scorecard::weightable;
use crate::error::{ApiError, AppResult};

/// The lists of values the data decides, as of the current data version.
async fn lists(state: &AppState) -> Result<(spec::Lists, i64), sqlx::Error> {
    let reference = state.freshness.reference(&state.pool).await?;
    let mut countries: Vec<String> = reference.cities.iter().map(|c| c.country.clone()).collect();
    countries.sort();
    countries.dedup();
    let lists = spec::Lists {
        cities: reference.cities.iter().map(|c| c.slug.clone()).collect(),
        sectors: reference.sectors.iter().map(|s| s.slug.clone()).collect(),
        countries,
        metrics: reference.catalogue.ids(),
        weightable: reference.catalogue.iter().filter(|m| weightable(m)).map(|m| m.id.clone()).collect(),
        max_page_size: state.settings.limits.max_page_size.max(1),
    };
    Ok((lists, reference.version))
}

/// `/openapi.json`.
pub async fn openapi_json(State(state): State<AppState>) -> Result<Response, ApiError> {
    let (lists, version) = lists(&state).await?;
    Ok(Json(spec::document(&lists, state.settings.public_url.as_deref(), version)).into_response())
}

pub struct ParamView {
    pub name: &'static str,
    pub values: String,
    pub about: &'static str,
    pub repeated: bool,
}

pub struct RouteView {
    pub path: &'static str,
    pub summary: &'static str,
    pub params: Vec<ParamView>,
    pub examples: &'static [&'static str],
    pub csv: Option<&'static str>,
}

impl RouteView {
    /// `cities-slug-json` for `/cities/{slug}.json`.
    pub fn anchor(&self) -> String {
        self.path.trim_start_matches('/').replace(['/', '.'], "-").replace(['{', '}'], "")
    }
}

/// An embeddable view: its address, what it shows and an example.
pub struct EmbedView {
    pub path: &'static str,
    pub summary: &'static str,
    pub example: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "api.html")]
pub struct ApiPage {
    routes: Vec<RouteView>,
    embeds: Vec<EmbedView>,
    data_version: i64,
}

/// `/api`: every route, its parameters, and an example to follow.
pub async fn page(State(state): State<AppState>) -> AppResult<ApiPage> {
    let (lists, data_version) = lists(&state).await?;
    let routes = routes::ROUTES
        .iter()
        .map(|r| RouteView {
            path: r.path,
            summary: r.summary,
            params: r
                .params
                .iter()
                .map(|p| ParamView {
                    // The weights are one parameter to OpenAPI (an object sent as pairs), one
                    // field per metric to a reader.
                    name: if matches!(p.values, routes::Values::Weights) { "w.METRIC" } else { p.name },
                    values: p.values.describe(&lists),
                    about: p.about,
                    repeated: p.repeated,
                })
                .collect(),
            examples: r.examples,
            csv: r.csv,
        })
        .collect();
    let embeds = vec![
        EmbedView {
            path: "/embed/compare",
            summary: "A comparison's chart (the first key family's, or that of the chosen metrics) with its sources, for an <iframe>. Same parameters as /compare.json.",
            example: "/embed/compare?city=dalian&city=bangalore",
        },
        EmbedView {
            path: "/embed/scorecard",
            summary: "A scorecard's rank bands with the sources of its figures, for an <iframe>. Same parameters as /scorecard.json.",
            example: "/embed/scorecard?city=dalian&city=bangalore&city=pune",
        },
        EmbedView {
            path: "/compare/chart.svg",
            summary: "The chart of /embed/compare as a standalone SVG file, for <img> and documents.",
            example: "/compare/chart.svg?city=dalian&city=bangalore",
        },
    ];
    Ok(ApiPage { routes, embeds, data_version })
}
