//! The sources list: its query (`group`, `city`, `q`, `page`, `per_page`) and one page of it,
//! for the page (`page`) and its twins.

use std::collections::HashMap;

use serde::Deserialize;

use super::super::AppState;
use super::super::params::{page_number, single};
use super::super::view::FormError;
use crate::db::cities::CityName;
use crate::db::source_list::{self, Grouping, SourceEntry, SourceFilter};
use crate::error::{AppError, AppResult};

/// Lines per page unless `per_page` asks otherwise (up to `--max-page-size`).
pub const PAGE_SIZE: i64 = 50;
/// The longest text `q` may be.
const MAX_TEXT: usize = 100;
/// The parameters, which are also the form's fields.
pub const FIELDS: [&str; 5] = ["group", "city", "q", "page", "per_page"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesQuery {
    #[serde(default)]
    group: Vec<String>,
    #[serde(default)]
    city: Vec<String>,
    #[serde(default)]
    q: Vec<String>,
    #[serde(default)]
    page: Vec<String>,
    #[serde(default)]
    per_page: Vec<String>,
}

pub fn grouping_value(grouping: Grouping) -> &'static str {
    match grouping {
        Grouping::City => "city",
        Grouping::Publisher => "publisher",
    }
}

/// One page of the list, for the page and its twins.
pub struct SourceListing {
    pub grouping: Grouping,
    pub filter: SourceFilter,
    /// The name of the chosen city.
    pub city_name: Option<String>,
    pub entries: Vec<SourceEntry>,
    /// The entry just before this page (to say that its first group goes on from there).
    pub before: Option<SourceEntry>,
    /// Lines of the whole list (a source under each of its cities counts once per city).
    pub total_entries: i64,
    /// Distinct sources in the whole list.
    pub total_sources: i64,
    pub page: i64,
    pub per_page: i64,
    pub pages: i64,
    /// The cities each source of the page is tied to.
    pub cities: HashMap<String, Vec<CityName>>,
    /// How many things cite each source of the page.
    pub citing: HashMap<String, i64>,
}

impl SourceListing {
    pub fn first_row(&self) -> i64 {
        (self.page - 1) * self.per_page + 1
    }

    pub fn last_row(&self) -> i64 {
        self.first_row() + self.entries.len() as i64 - 1
    }

    /// A page past the last one: the mistake, for the form.
    pub fn past_the_end(&self) -> Option<FormError> {
        (self.page > self.pages).then(|| FormError {
            field: "page".into(),
            message: crate::t2("sources-error-past-the-end", "page", self.page, "pages", self.pages),
            allowed: Vec::new(),
        })
    }

    /// A page past the last one is a mistake in the request: 400 naming `page`.
    pub fn in_range(self) -> AppResult<SourceListing> {
        match self.past_the_end() {
            Some(e) => Err(AppError::bad_param(e.field, e.message)),
            None => Ok(self),
        }
    }

    /// The address of page `page` of this list under `path`.
    pub fn page_url(&self, path: &str, page: i64) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if self.grouping != Grouping::City {
            query.append_pair("group", grouping_value(self.grouping));
        }
        if let Some(city) = &self.filter.city {
            query.append_pair("city", city);
        }
        if let Some(text) = &self.filter.text {
            query.append_pair("q", text);
        }
        if self.per_page != PAGE_SIZE {
            query.append_pair("per_page", &self.per_page.to_string());
        }
        if page > 1 {
            query.append_pair("page", &page.to_string());
        }
        let query = query.finish();
        if query.is_empty() { path.to_string() } else { format!("{path}?{query}") }
    }

    pub fn next_url(&self, path: &str) -> Option<String> {
        (self.page < self.pages).then(|| self.page_url(path, self.page + 1))
    }

    pub fn previous_url(&self, path: &str) -> Option<String> {
        (self.page > 1 && self.page <= self.pages).then(|| self.page_url(path, self.page - 1))
    }

    /// The cities a source is listed under, but for `except` (the group it is shown in).
    pub fn other_cities(&self, source_id: &str, except: Option<&str>) -> Vec<CityName> {
        let all = self.cities.get(source_id).map(Vec::as_slice).unwrap_or_default();
        all.iter().filter(|c| Some(c.slug.as_str()) != except).cloned().collect()
    }
}

/// Checks the query and reads the page it asks for.
pub async fn listing(state: &AppState, query: SourcesQuery) -> AppResult<SourceListing> {
    let pool = &state.pool;
    let reference = state.freshness.reference(pool).await?;
    let grouping = match single("group", query.group)?.as_deref() {
        None | Some("city") => Grouping::City,
        Some("publisher") => Grouping::Publisher,
        Some(other) => {
            return Err(AppError::not_allowed("group", other, vec!["city".into(), "publisher".into()]));
        }
    };
    let city = single("city", query.city)?;
    let city_name = match &city {
        None => None,
        Some(slug) => match reference.cities.iter().find(|c| &c.slug == slug) {
            Some(c) => Some(c.name.clone()),
            None => {
                return Err(AppError::not_allowed(
                    "city",
                    slug,
                    reference.cities.iter().map(|c| c.slug.clone()).collect(),
                ));
            }
        },
    };
    let text = single("q", query.q)?;
    if let Some(t) = &text
        && t.chars().count() > MAX_TEXT
    {
        return Err(AppError::bad_param("q", crate::t1("sources-error-q-too-long", "max", MAX_TEXT)));
    }
    let page = page_number(query.page)?;
    let max = i64::from(state.settings.limits.max_page_size.max(1));
    let per_page = match single("per_page", query.per_page)? {
        None => PAGE_SIZE.min(max),
        Some(t) => match t.parse::<i64>() {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                return Err(AppError::bad_param(
                    "per_page",
                    crate::t2("sources-error-per-page", "value", format!("{t:?}"), "max", max),
                ));
            }
        },
    };
    let filter = SourceFilter { city, text };
    let key = |what: &str| (reference.version, format!("sources {what} {grouping:?} {filter:?}"));
    let (total_entries, total_sources) = match (state.counts.get(&key("entries")), state.counts.get(&key("sources"))) {
        (Some(e), Some(s)) => (e, s),
        _ => {
            let (e, s) = source_list::count(pool, grouping, &filter).await?;
            state.counts.insert(key("entries"), e);
            state.counts.insert(key("sources"), s);
            (e, s)
        }
    };
    let pages = ((total_entries + per_page - 1) / per_page).max(1);
    let offset = (page - 1) * per_page;
    let (before, entries) = if page > pages {
        (None, Vec::new())
    } else if offset > 0 {
        // One line more, from just before the page: whether its first group goes on from there.
        let mut rows = source_list::page(pool, grouping, &filter, per_page + 1, offset - 1).await?;
        let before = (!rows.is_empty()).then(|| rows.remove(0));
        (before, rows)
    } else {
        (None, source_list::page(pool, grouping, &filter, per_page, offset).await?)
    };
    let mut ids: Vec<&str> = entries.iter().map(|e| e.source.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let cities = source_list::cities_of(pool, &ids).await?;
    let citing = source_list::citing_counts(pool, &ids).await?;
    Ok(SourceListing {
        grouping,
        filter,
        city_name,
        entries,
        before,
        total_entries,
        total_sources,
        page,
        per_page,
        pages,
        cities,
        citing,
    })
}
