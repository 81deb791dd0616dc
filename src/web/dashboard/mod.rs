//! `/`: the dashboard. Dalian against Bangalore, Metro Manila and Silicon Valley by default;
//! `?city=` picks the cities, `?sector=` keeps those known for any of the sectors, and
//! `?scale=log` draws the time series on a log axis. Headline cards, industry revenue and
//! workforce over time, Tholons ranks, the sector matrix and the parks.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

mod park_rankings;
mod sector_matrix;
mod time_series;

use super::AppState;
use super::charts::{ChartBlock, MapBlock};
use super::cities::{CitiesQuery, CityCard, city_cards, validated_filter};
use super::params::{Params, comparable_options, log_scale, options_query};
use super::parks::ParkView;
use super::picker::CityPicker;
use super::view::{Choice, FormError};
use crate::comparable::Options;
use crate::comparison::{self, DEFAULT_CITIES, MAX_CITIES, MIN_CITIES, Setting};
use crate::db::cities::{self, City};
use crate::db::sectors;
use crate::error::{AppError, AppResult};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DashboardQuery {
    #[serde(default)]
    city: Vec<String>,
    #[serde(default)]
    sector: Vec<String>,
    #[serde(default)]
    scale: Vec<String>,
    #[serde(default)]
    currency: Vec<String>,
    #[serde(default)]
    per: Vec<String>,
    #[serde(default)]
    growth: Vec<String>,
    #[serde(default)]
    year: Vec<String>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
pub struct DashboardPage {
    heading: String,
    cards: Vec<CityCard>,
    time_series: Vec<ChartBlock>,
    ranks: Option<ChartBlock>,
    sectors: Option<ChartBlock>,
    park_charts: Vec<ChartBlock>,
    parks: Vec<ParkView>,
    city_picker: CityPicker,
    sector_choices: Vec<Choice>,
    log: bool,
    options: Options,
    /// `city=a&city=b`: links to the comparison of the cities shown.
    compare_query: String,
    can_compare: bool,
    /// Every city in the data, the ones shown highlighted.
    map: Option<MapBlock>,
    /// Why fewer cities are shown than asked for, if so.
    narrowed: Option<String>,
    error: Option<FormError>,
}

impl DashboardPage {
    fn city_error(&self) -> Option<String> {
        FormError::on(&self.error, "city")
    }

    fn sector_error(&self) -> Option<String> {
        FormError::on(&self.error, "sector")
    }

    fn scale_error(&self) -> Option<String> {
        FormError::on(&self.error, "scale")
    }

    /// The same dashboard with the figures as published.
    fn as_published(&self) -> String {
        format!("/?{}", self.scorecard_query())
    }

    /// The shown cities' part of the query: `city=a&city=b`, for the scorecard of the same cities.
    fn scorecard_query(&self) -> String {
        self.compare_query.split('&').filter(|p| p.starts_with("city=")).collect::<Vec<_>>().join("&")
    }

    fn options_error(&self) -> Option<String> {
        ["currency", "per", "growth", "year"].iter().find_map(|f| FormError::on(&self.error, f))
    }
}

/// Which cities the dashboard shows, as the query asks.
struct Selection {
    log: bool,
    options: Options,
    sectors: Vec<String>,
    cities: Vec<City>,
    /// Why fewer cities are shown than asked for, if so.
    narrowed: Option<String>,
}

async fn select(pool: &sqlx::SqlitePool, query: &DashboardQuery) -> AppResult<Selection> {
    let log = log_scale(query.scale.clone())?;
    let options =
        comparable_options(query.currency.clone(), query.per.clone(), query.growth.clone(), query.year.clone())?;
    let filter = validated_filter(pool, CitiesQuery { sector: query.sector.clone(), country: Vec::new() }).await?;
    let asked: Vec<String> = query.city.iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
    if asked.len() > MAX_CITIES {
        return Err(AppError::bad_param(
            "city",
            crate::t2("dashboard-too-many-cities", "max", MAX_CITIES, "n", asked.len()),
        ));
    }
    let known_for_sectors: Option<Vec<City>> =
        if filter.sectors.is_empty() { None } else { Some(cities::list(pool, &filter).await?) };
    let mut narrowed = None;
    let shown: Vec<City> = match (asked.is_empty(), &known_for_sectors) {
        (false, None) => comparison::resolve_cities(pool, &asked).await?,
        (false, Some(known)) => {
            let picked = comparison::resolve_cities(pool, &asked).await?;
            let kept: Vec<City> = picked.iter().filter(|c| known.iter().any(|k| k.id == c.id)).cloned().collect();
            if kept.len() < picked.len() {
                narrowed = Some(crate::t2("dashboard-narrowed", "kept", kept.len(), "n", picked.len()));
            }
            kept
        }
        (true, Some(known)) => {
            if known.len() > MAX_CITIES {
                narrowed = Some(crate::t2("dashboard-first-shown", "n", known.len(), "max", MAX_CITIES));
            }
            known.iter().take(MAX_CITIES).cloned().collect()
        }
        (true, None) => {
            let defaults: Vec<String> = DEFAULT_CITIES.iter().map(|s| s.to_string()).collect();
            comparison::resolve_cities(pool, &defaults).await.unwrap_or_default()
        }
    };
    Ok(Selection { log, options, sectors: filter.sectors, cities: shown, narrowed })
}

/// `/`: the dashboard, or its form again with the mistake next to the field (400).
pub async fn show(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    Params(query): Params<DashboardQuery>,
) -> AppResult<Response> {
    let pool = &state.pool;
    let (selection, error) = match select(pool, &query).await {
        Ok(s) => (s, None),
        Err(e) => {
            let error = FormError::about(e, &["city", "sector", "scale", "currency", "per", "growth", "year"])?;
            let asked = Selection {
                log: false,
                options: Options::default(),
                sectors: query.sector.clone(),
                cities: Vec::new(),
                narrowed: None,
            };
            (asked, Some(error))
        }
    };
    let reference = state.freshness.reference(pool).await?;
    let setting = Setting { catalogue: &reference.catalogue, rates: &reference.rates, options: selection.options };
    let c = comparison::of(pool, setting, selection.cities, &time_series::metrics(&reference.catalogue)).await?;
    let (time_series, ranks) = time_series::charts(&c, selection.log)?;
    let sectors_chart = sector_matrix::sector_matrix(pool, &c).await?;
    let (park_charts, park_views) = park_rankings::park_comparison(pool, &c).await?;

    let names: Vec<&str> = c.cities.iter().map(|city| city.name.as_str()).collect();
    let heading = match names.as_slice() {
        [] if error.is_some() => crate::t("dashboard-name"),
        [] => crate::t("dashboard-no-city"),
        [one] => one.to_string(),
        [first, rest @ ..] => crate::t2(
            "dashboard-heading",
            "first",
            first,
            "rest",
            crate::charts::layout::and_list(&rest.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
        ),
    };
    // The cities shown are ticked; after a mistake, the ones asked for.
    let ticked = |slug: &str| match &error {
        None => c.cities.iter().any(|x| x.slug == slug),
        Some(_) => query.city.iter().any(|asked| asked.trim() == slug),
    };
    // A preset sets the cities; a sector filter would only narrow them again.
    let city_picker =
        CityPicker::new(&reference.cities, ticked).with_presets(&reference.presets, "/", raw.as_deref(), &["sector"]);
    // A sector no city is known for would only ever show nothing.
    let sector_choices = sectors::with_city_counts(pool, None)
        .await?
        .into_iter()
        .filter(|s| s.cities > 0 || selection.sectors.contains(&s.sector.slug))
        .map(|s| Choice {
            checked: selection.sectors.contains(&s.sector.slug),
            value: s.sector.slug,
            label: s.sector.label,
        })
        .collect();
    let shown = |slug: &str| c.cities.iter().any(|x| x.slug == slug);
    let map_title = match c.cities.len() {
        1 => crate::t1("dashboard-map-title-one", "total", reference.cities.len()),
        n => crate::t2("dashboard-map-title", "n", n, "total", reference.cities.len()),
    };
    let map = MapBlock::of("dashboard-map", &map_title, &reference.cities, shown, crate::t("dashboard-map-compared"))?;
    let compare_query = comparison::query_string(&c.cities, &[]) + &options_query(&selection.options);
    let page = DashboardPage {
        heading,
        can_compare: (MIN_CITIES..=MAX_CITIES).contains(&c.cities.len()),
        cards: city_cards(&state, c.cities.clone(), &selection.options).await?,
        time_series,
        ranks,
        sectors: sectors_chart,
        park_charts,
        parks: park_views,
        city_picker,
        sector_choices,
        log: selection.log,
        options: selection.options,
        compare_query,
        map,
        narrowed: selection.narrowed,
        error,
    };
    let status = if page.error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    Ok((status, Html(page.render()?)).into_response())
}
