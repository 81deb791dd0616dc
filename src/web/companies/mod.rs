//! `/companies`: every company, filtered by city, sector and park, a page at a time, with
//! `.json` and `.csv` twins of each page (`twins`); `/companies/{slug}`: one company.

mod twins;
mod view;

pub use twins::{CompanyListJson, list_csv, list_json};
pub use view::{CompanyJson, CompanyView, source_ids};

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::AppState;
use super::freshness::Reference;
use super::params::{Params, PathSegment, page_number, single};
use super::view::FormError;
use crate::db::companies::{self, Company, CompanyFilter, Position, RowLimit};
use crate::db::parks::{self, ParkName};
use crate::db::sources::Source;
use crate::error::{AppError, AppResult};

/// Rows per page unless `per_page` asks otherwise (up to `--max-page-size`).
pub const PAGE_SIZE: i64 = 50;
/// About the size of a rendered list page of 50 rows (62-71 KB).
const PAGE_BYTES: usize = 80 * 1024;
/// Companies listed on a city's, park's or source's page; the rest are a link away.
pub const PREVIEW_ROWS: RowLimit = RowLimit::new(100);

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
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
}

/// One page of the filtered list, for the page and its JSON and CSV twins.
pub struct CompanyListing {
    pub rows: Vec<Company>,
    /// The sources each row cites, by company id.
    pub cited: HashMap<i64, Vec<Source>>,
    pub filter: CompanyFilter,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub pages: i64,
    pub first_row: i64,
    /// The city of the chosen park, if a park is chosen.
    pub park_city: Option<String>,
    /// The data version's reference data the page was read with.
    pub reference: Arc<Reference>,
}

impl CompanyListing {
    /// A page past the last one is a mistake in the request: 400 naming `page`.
    pub fn in_range(self) -> AppResult<CompanyListing> {
        match self.past_the_end() {
            Some(e) => Err(AppError::bad_param(e.field, e.message)),
            None => Ok(self),
        }
    }

    fn past_the_end(&self) -> Option<FormError> {
        (self.page > self.pages).then(|| FormError {
            field: "page".into(),
            message: crate::t2("companies-error-past-the-end", "page", self.page, "pages", self.pages),
            allowed: Vec::new(),
        })
    }

    /// The address of the list's last page.
    pub fn last_page_url(&self, path: &str) -> String {
        let q = self.query(&[("page", self.pages.to_string())]);
        format!("{path}?{q}")
    }

    fn query(&self, extra: &[(&'static str, String)]) -> String {
        let mut pairs = form_pairs(&self.filter);
        if self.per_page != PAGE_SIZE {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        pairs.extend(extra.iter().cloned());
        pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
    }

    /// The address (path given) of the next page, entered at the last row's cursor.
    pub fn next_url(&self, path: &str) -> Option<String> {
        let last = self.rows.last()?;
        (self.page < self.pages).then(|| {
            format!("{path}?{}", self.query(&[("after", last.id.to_string()), ("page", (self.page + 1).to_string())]))
        })
    }

    pub fn previous_url(&self, path: &str) -> Option<String> {
        if self.page <= 1 {
            return None;
        }
        if self.page == 2 {
            let q = self.query(&[]);
            return Some(if q.is_empty() { path.to_string() } else { format!("{path}?{q}") });
        }
        let first = self.rows.first()?;
        Some(format!(
            "{path}?{}",
            self.query(&[("before", first.id.to_string()), ("page", (self.page - 1).to_string())])
        ))
    }
}

#[derive(Template)]
#[template(path = "companies/index.html")]
pub struct CompaniesPage {
    companies: Vec<CompanyView>,
    /// The city and sector pickers' options (shared, not copied for every page).
    reference: Arc<Reference>,
    /// The parks of the chosen city (or of the chosen park's city): a picker of every park of
    /// a million-company dataset would be thousands of options.
    parks: Vec<ParkName>,
    filter: CompanyFilter,
    total: i64,
    page: i64,
    per_page: i64,
    pages: i64,
    first_row: i64,
    next: Option<String>,
    previous: Option<String>,
    /// The request's own query: the JSON and CSV twins of this very page.
    query: String,
    error: Option<FormError>,
    /// Past the last page: the address of the last one.
    last_page: Option<String>,
}

impl CompaniesPage {
    fn twin_query(&self) -> &str {
        &self.query
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

fn cursor(param: &str, values: Vec<String>) -> AppResult<Option<i64>> {
    match single(param, values)? {
        None => Ok(None),
        Some(text) => text
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::bad_param(param, crate::t1("companies-error-cursor", "value", format!("{text:?}")))),
    }
}

/// Checks the query and reads the page it asks for.
pub async fn listing(state: &AppState, query: CompaniesQuery) -> AppResult<CompanyListing> {
    let pool = &state.pool;
    let reference = state.freshness.reference(pool).await?;
    let page = page_number(query.page)?;
    let max = i64::from(state.settings.limits.max_page_size.max(1));
    let per_page = match single("per_page", query.per_page)? {
        None => PAGE_SIZE.min(max),
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                return Err(AppError::bad_param(
                    "per_page",
                    crate::t2("companies-error-per-page", "value", format!("{text:?}"), "max", max),
                ));
            }
        },
    };
    let city = checked("city", single("city", query.city)?, reference.cities.iter().map(|c| &c.slug))?;
    let sector = checked("sector", single("sector", query.sector)?, reference.sectors.iter().map(|s| &s.slug))?;
    let park = single("park", query.park)?;
    let park_city = match &park {
        None => None,
        Some(slug) => match parks::by_slug(pool, slug).await? {
            Some(p) => Some(p.city_slug),
            None => {
                return Err(AppError::bad_param(
                    "park",
                    crate::t1("companies-error-unknown-park", "park", format!("{slug:?}")),
                ));
            }
        },
    };
    let filter = CompanyFilter { city, sector, park };
    let position = match (cursor("after", query.after)?, cursor("before", query.before)?) {
        (Some(_), Some(_)) => return Err(AppError::bad_param("before", crate::t("companies-error-after-and-before"))),
        (Some(id), None) => Position::After(id),
        (None, Some(id)) => Position::Before(id),
        (None, None) => Position::Offset((page - 1) * per_page),
    };
    if let Position::After(id) | Position::Before(id) = position
        && !companies::exists(pool, id).await?
    {
        return Err(AppError::bad_param("after", crate::t("companies-error-stale-cursor")));
    }
    let count_key = (reference.version, format!("{filter:?}"));
    let total = match state.counts.get(&count_key) {
        Some(n) => n,
        None => {
            let n = companies::count(pool, &filter).await?;
            state.counts.insert(count_key, n);
            n
        }
    };
    let pages = ((total + per_page - 1) / per_page).max(1);
    let listed = if page > pages {
        companies::Listed::default()
    } else {
        companies::list(pool, &reference.directory, &filter, RowLimit::new(per_page), position).await?
    };
    Ok(CompanyListing {
        rows: listed.rows,
        cited: listed.cited,
        filter,
        total,
        page,
        per_page,
        pages,
        first_row: (page - 1) * per_page + 1,
        park_city,
        reference,
    })
}

/// `/companies`: a page of the list, or the form again with the mistake next to it (400).
pub async fn index(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    Params(query): Params<CompaniesQuery>,
) -> AppResult<Response> {
    let listing = match listing(&state, query).await {
        Ok(listing) => listing,
        Err(e) => {
            let error = FormError::about(e, &["city", "sector", "park", "page", "per_page", "after", "before"])?;
            return form_with_mistake(&state, error).await;
        }
    };
    let error = listing.past_the_end();
    let last_page = error.as_ref().map(|_| listing.last_page_url("/companies"));
    let reference = listing.reference.clone();
    let park_names = match listing.filter.city.as_ref().or(listing.park_city.as_ref()) {
        Some(city) => reference.parks.get(city).cloned().unwrap_or_default(),
        None => Vec::new(),
    };
    let (next, previous) = (listing.next_url("/companies"), listing.previous_url("/companies"));
    let page = CompaniesPage {
        companies: CompanyView::with_sources(listing.rows, listing.cited),
        reference,
        parks: park_names,
        filter: listing.filter,
        total: listing.total,
        page: listing.page,
        per_page: listing.per_page,
        pages: listing.pages,
        first_row: listing.first_row,
        next,
        previous,
        query: raw.unwrap_or_default(),
        error,
        last_page,
    };
    let status = if page.error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    // Rendered into a buffer the size of a full page, not grown (and copied) a few times over.
    let mut html = String::with_capacity(PAGE_BYTES);
    page.render_into(&mut html)?;
    Ok((status, Html(html)).into_response())
}

/// The empty form and the mistake, for a filter that names nothing.
async fn form_with_mistake(state: &AppState, error: FormError) -> AppResult<Response> {
    let reference = state.freshness.reference(&state.pool).await?;
    let page = CompaniesPage {
        companies: Vec::new(),
        reference,
        parks: Vec::new(),
        filter: CompanyFilter::default(),
        total: 0,
        page: 1,
        per_page: PAGE_SIZE,
        pages: 1,
        first_row: 1,
        next: None,
        previous: None,
        query: String::new(),
        error: Some(error),
        last_page: None,
    };
    Ok((StatusCode::BAD_REQUEST, Html(page.render()?)).into_response())
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

#[derive(Template, WebTemplate)]
#[template(path = "companies/profile.html")]
pub struct CompanyPage {
    company: CompanyView,
}

/// `/companies/{slug}`: one company, its figures and sources.
pub async fn profile(State(state): State<AppState>, PathSegment(slug): PathSegment) -> AppResult<CompanyPage> {
    let pool = &state.pool;
    let company =
        companies::by_slug(pool, &slug).await?.ok_or_else(|| AppError::NotFound(format!("company {slug:?}")))?;
    let company = CompanyView::build(pool, vec![company]).await?.remove(0);
    Ok(CompanyPage { company })
}
