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
use crate::i18n::Lang;

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

/// `/openapi.json`: in English under `/zh/` too, as the contract programs read.
pub async fn openapi_json(State(state): State<AppState>) -> Result<Response, ApiError> {
    // The lists too: country names are localised with the rest of the reference data.
    let document = crate::i18n::within(Lang::En, "/openapi.json".into(), async {
        let (lists, version) = lists(&state).await?;
        Ok::<_, sqlx::Error>(spec::document(&lists, state.settings.public_url.as_deref(), version))
    })
    .await?;
    Ok(Json(document).into_response())
}

pub struct ParamView {
    pub name: &'static str,
    pub values: String,
    pub about: String,
    pub repeated: bool,
}

pub struct RouteView {
    pub path: &'static str,
    pub summary: String,
    pub params: Vec<ParamView>,
    pub examples: &'static [&'static str],
    pub csv: Option<&'static str>,
}

impl RouteView {
    pub fn anchor(&self) -> String {
        routes::anchor(self.path)
    }
}

/// An embeddable view: its address, what it shows and an example.
pub struct EmbedView {
    pub path: &'static str,
    pub summary: String,
    pub example: &'static str,
}

/// The description's address, and a mistake's answer as the page shows it: code, the same in
/// both languages.
const OPENAPI: &str = "/openapi.json";
const ERROR_EXAMPLE: &str =
    r#"{"error": {"status": 400, "parameter": "currency", "message": "…", "allowed": ["usd"]}}"#;

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
            summary: routes::summary(r.path),
            params: r
                .params
                .iter()
                .map(|p| ParamView {
                    // The weights are one parameter to OpenAPI (an object sent as pairs), one
                    // field per metric to a reader.
                    name: if matches!(p.values, routes::Values::Weights) { "w.METRIC" } else { p.name },
                    values: p.values.describe(&lists),
                    about: routes::about(r.path, p.name),
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
            summary: crate::t("api-embed-compare"),
            example: "/embed/compare?city=dalian&city=bangalore",
        },
        EmbedView {
            path: "/embed/scorecard",
            summary: crate::t("api-embed-scorecard"),
            example: "/embed/scorecard?city=dalian&city=bangalore&city=pune",
        },
        EmbedView {
            path: "/compare/chart.svg",
            summary: crate::t("api-embed-chart-svg"),
            example: "/compare/chart.svg?city=dalian&city=bangalore",
        },
    ];
    Ok(ApiPage { routes, embeds, data_version })
}
