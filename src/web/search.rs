//! `/search?q=` (and `/search.json`): cities, parks and companies by name.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use std::collections::HashMap;

use super::AppState;
use super::params::{ApiParams, Params, single};
use crate::db::search::{self, Hit, Kind};
use crate::error::{ApiError, AppError, AppResult};
use crate::i18n::{Lang, names};

/// Longest query accepted.
const MAX_QUERY: usize = 200;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    #[serde(default)]
    q: Vec<String>,
}

pub struct Group {
    pub title: String,
    /// What the page says when nothing of this kind matches.
    pub none: String,
    pub path: &'static str,
    pub hits: Vec<Hit>,
    /// More matched than were read: the ranking covers the first matches only.
    pub more: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "search.html")]
pub struct SearchPage {
    q: String,
    groups: Vec<Group>,
    searched: bool,
}

fn text(query: SearchQuery) -> AppResult<String> {
    let q = single("q", query.q)?.unwrap_or_default();
    if q.chars().count() > MAX_QUERY {
        return Err(AppError::bad_param("q", crate::t1("search-error-too-long", "max", MAX_QUERY)));
    }
    Ok(q)
}

/// The city a park or company is in, named in the page's language: the search reads it as the
/// dataset's (English) name, so it is found among the English names to learn its slug.
async fn city_names(state: &AppState) -> AppResult<HashMap<String, String>> {
    if crate::i18n::lang() == Lang::En {
        return Ok(HashMap::new());
    }
    let english = crate::i18n::within(Lang::En, "/".into(), state.freshness.reference(&state.pool)).await?;
    Ok(english
        .cities
        .iter()
        .filter_map(|c| Some((c.name.clone(), names::name_in(crate::i18n::lang(), names::Kind::City, &c.slug)?.into())))
        .collect())
}

async fn groups(state: &AppState, q: &str) -> AppResult<Vec<Group>> {
    let cities = city_names(state).await?;
    Ok(search::search(&state.pool, q)
        .await?
        .into_iter()
        .map(|(kind, mut hits, more)| {
            if kind != Kind::City {
                for h in &mut hits {
                    if let Some(name) = cities.get(&h.place) {
                        h.place = name.clone();
                    }
                }
            }
            let (title, none, path) = match kind {
                Kind::City => (crate::t("search-group-cities"), crate::t("search-no-cities"), "/cities/"),
                Kind::Park => (crate::t("search-group-parks"), crate::t("search-no-parks"), "/parks/"),
                Kind::Company => (crate::t("search-group-companies"), crate::t("search-no-companies"), "/companies/"),
            };
            Group { title, none, path, hits: hits.into_iter().take(20).collect(), more }
        })
        .collect())
}

pub async fn page(State(state): State<AppState>, Params(query): Params<SearchQuery>) -> AppResult<SearchPage> {
    let q = text(query)?;
    let groups = if q.trim().is_empty() { Vec::new() } else { groups(&state, &q).await? };
    Ok(SearchPage { searched: search::fts_query(&q).is_some(), q, groups })
}

/// `/search.json`: cities, parks and companies whose names match.
#[derive(Serialize, ToSchema)]
#[schema(as = SearchResults)]
pub struct SearchJson {
    q: String,
    results: Vec<Hit>,
    /// Kinds with more matches than were ranked.
    truncated: Vec<Kind>,
}

pub async fn json(
    State(state): State<AppState>,
    ApiParams(query): ApiParams<SearchQuery>,
) -> Result<Response, ApiError> {
    let q = text(query)?;
    let groups = search::search(&state.pool, &q).await?;
    let truncated = groups.iter().filter(|(_, _, more)| *more).map(|(k, _, _)| *k).collect();
    let results = groups.into_iter().flat_map(|(_, hits, _)| hits.into_iter().take(20)).collect();
    Ok(Json(SearchJson { q, results, truncated }).into_response())
}
