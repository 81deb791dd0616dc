//! `/sources` as a page: the filters, the lines grouped under their city or publisher, the
//! counts and the pager.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::super::AppState;
use super::super::params::Params;
use super::super::view::FormError;
use super::list::{FIELDS, PAGE_SIZE, SourceListing, SourcesQuery, listing};
use crate::db::cities::CityName;
use crate::db::source_list::{Grouping, SourceEntry};
use crate::error::AppResult;

/// A source as a line of the page shows it.
pub struct SourceLine {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    /// The site the address points at: `www.intheblack.com`.
    pub site: String,
    pub published_year: Option<i64>,
    pub citing: i64,
    /// By city: the other cities it is listed under. By publisher: every city it is tied to.
    pub cities: Vec<CityName>,
}

/// The lines under one heading: a city (or none) or a publisher.
pub struct SourceGroup {
    pub heading: String,
    /// The city's slug, when grouping by city.
    pub city: Option<String>,
    /// The group began on an earlier page.
    pub continued: bool,
    pub lines: Vec<SourceLine>,
}

impl SourceGroup {
    /// The anchor of a city's group: `group-dalian` (`group-none` for no city).
    pub fn anchor(&self) -> Option<String> {
        (!self.heading.is_empty()).then(|| format!("group-{}", self.city.as_deref().unwrap_or("none")))
    }
}

fn site_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest).to_string()
}

/// The key of the group an entry goes under; a city is named as the page's language names it
/// (`names`: slug to name).
fn group_key(grouping: Grouping, e: &SourceEntry, names: &[CityName]) -> (String, Option<String>) {
    match grouping {
        Grouping::City => (
            match (&e.city_slug, &e.city_name) {
                (Some(slug), Some(name)) => {
                    names.iter().find(|c| &c.slug == slug).map_or_else(|| name.clone(), |c| c.name.clone())
                }
                _ => crate::t("sources-no-city"),
            },
            Some(e.city_slug.clone().unwrap_or_else(|| "none".into())),
        ),
        Grouping::Publisher => (e.source.publisher.clone(), None),
    }
}

fn groups(listing: &SourceListing, names: &[CityName]) -> Vec<SourceGroup> {
    let mut out: Vec<SourceGroup> = Vec::new();
    let before = listing.before.as_ref().map(|e| group_key(listing.grouping, e, names));
    for e in &listing.entries {
        let (heading, city) = group_key(listing.grouping, e, names);
        let except = if listing.grouping == Grouping::City { e.city_slug.as_deref() } else { None };
        let line = SourceLine {
            id: e.source.id.clone(),
            title: e.source.title.clone(),
            publisher: e.source.publisher.clone(),
            url: e.source.url.clone(),
            site: site_of(&e.source.url),
            published_year: e.source.published_year,
            citing: listing.citing.get(&e.source.id).copied().unwrap_or(0),
            cities: listing.other_cities(&e.source.id, except),
        };
        match out.last_mut() {
            Some(g) if g.heading == heading && g.city == city => g.lines.push(line),
            _ => {
                let continued = out.is_empty() && before.as_ref() == Some(&(heading.clone(), city.clone()));
                out.push(SourceGroup { heading, city, continued, lines: vec![line] });
            }
        }
    }
    out
}

#[derive(Template)]
#[template(path = "sources/index.html")]
pub struct SourcesPage {
    by_city: bool,
    groups: Vec<SourceGroup>,
    cities: Vec<CityName>,
    /// The form's values as given.
    city: Option<String>,
    city_name: Option<String>,
    text: String,
    total_entries: i64,
    total_sources: i64,
    first_row: i64,
    last_row: i64,
    page: i64,
    pages: i64,
    /// A page size other than the default, kept by the form.
    custom_per_page: Option<i64>,
    next: Option<String>,
    previous: Option<String>,
    /// The request's own query: the twins of this very page.
    query: String,
    error: Option<FormError>,
    /// Past the last page: the address of the last one.
    last_page: Option<String>,
}

impl SourcesPage {
    fn is_city(&self, slug: &str) -> bool {
        self.city.as_deref() == Some(slug)
    }

    fn field_error(&self, field: &str) -> Option<String> {
        FormError::on(&self.error, field)
    }

    fn filtered(&self) -> bool {
        self.city.is_some() || !self.text.is_empty()
    }
}

/// `/sources`: a page of the list, or the form again with the mistake next to it (400).
pub async fn index(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    Params(query): Params<SourcesQuery>,
) -> AppResult<Response> {
    let reference = state.freshness.reference(&state.pool).await?;
    let mut page = SourcesPage {
        by_city: true,
        groups: Vec::new(),
        cities: reference.cities.clone(),
        city: None,
        city_name: None,
        text: String::new(),
        total_entries: 0,
        total_sources: 0,
        first_row: 1,
        last_row: 0,
        page: 1,
        pages: 1,
        custom_per_page: None,
        next: None,
        previous: None,
        query: String::new(),
        error: None,
        last_page: None,
    };
    match listing(&state, query).await {
        Ok(listing) => {
            page.error = listing.past_the_end();
            page.last_page = page.error.as_ref().map(|_| listing.page_url("/sources", listing.pages));
            page.by_city = listing.grouping == Grouping::City;
            page.groups = groups(&listing, &reference.cities);
            page.city = listing.filter.city.clone();
            page.city_name = listing.city_name.clone();
            page.text = listing.filter.text.clone().unwrap_or_default();
            page.total_entries = listing.total_entries;
            page.total_sources = listing.total_sources;
            page.first_row = listing.first_row();
            page.last_row = listing.last_row();
            page.page = listing.page;
            page.pages = listing.pages;
            page.custom_per_page = (listing.per_page != PAGE_SIZE).then_some(listing.per_page);
            page.next = listing.next_url("/sources");
            page.previous = listing.previous_url("/sources");
            page.query = raw.unwrap_or_default();
        }
        Err(e) => page.error = Some(FormError::about(e, &FIELDS)?),
    }
    let status = if page.error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    Ok((status, Html(page.render()?)).into_response())
}
