//! `/`: the dashboard. Dalian against Bangalore, Metro Manila and Silicon Valley by default;
//! `?city=` picks the cities, `?sector=` keeps those known for any of the sectors, and
//! `?scale=log` draws the time series on a log axis. Headline cards, industry revenue and
//! workforce over time, Tholons ranks, the sector matrix and the parks.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use serde::Deserialize;

use super::AppState;
use super::charts::{ChartBlock, DataRow, DataTable, LegendItem, family_line_chart};
use super::cities::{CitiesQuery, CityCard, city_cards, validated_filter};
use super::params::{Params, log_scale};
use super::parks::ParkView;
use super::view::{Choice, Cite, Evidence, Figure};
use crate::charts::hbar::{HBarInput, hbar_chart};
use crate::charts::layout::series_class;
use crate::charts::line::YAxis;
use crate::charts::matrix::{MatrixColumn, MatrixRowInput, matrix_chart};
use crate::comparison::{self, Comparison, DEFAULT_CITIES, MAX_CITIES, MIN_CITIES};
use crate::db::cities::{self, City};
use crate::db::{parks, sectors};
use crate::error::{AppError, AppResult};
use crate::format;
use crate::metric::{Quantity, Unit};

/// The families the dashboard charts over time, in this order: revenue in each currency the
/// sources use (never converted), then the IT workforce.
const TIME_SERIES_FAMILIES: [&str; 4] =
    ["industry_revenue_usd", "industry_revenue_rmb", "industry_revenue_eur", "it_workforce"];
const RANK_FAMILY: &str = "outsourcing_rank";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DashboardQuery {
    #[serde(default)]
    city: Vec<String>,
    #[serde(default)]
    sector: Vec<String>,
    #[serde(default)]
    scale: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard.html")]
pub struct DashboardPage {
    heading: String,
    cards: Vec<CityCard>,
    time_series: Vec<ChartBlock>,
    ranks: Option<ChartBlock>,
    sectors: Option<ChartBlock>,
    park_charts: Vec<ChartBlock>,
    parks: Vec<ParkView>,
    city_choices: Vec<Choice>,
    sector_choices: Vec<Choice>,
    log: bool,
    /// `city=a&city=b`: links to the comparison of the cities shown.
    compare_query: String,
    can_compare: bool,
    /// Why fewer cities are shown than asked for, if so.
    narrowed: Option<String>,
}

pub async fn show(State(state): State<AppState>, Params(query): Params<DashboardQuery>) -> AppResult<DashboardPage> {
    let pool = &state.pool;
    let log = log_scale(query.scale)?;
    let filter = validated_filter(pool, CitiesQuery { sector: query.sector, country: Vec::new() }).await?;
    let asked: Vec<String> = query.city.into_iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
    if asked.len() > MAX_CITIES {
        return Err(AppError::bad_param("city", format!("choose at most {MAX_CITIES} cities; {} given", asked.len())));
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
                narrowed = Some(format!(
                    "{} of the {} chosen cities are known for the chosen sectors.",
                    kept.len(),
                    picked.len()
                ));
            }
            kept
        }
        (true, Some(known)) => {
            if known.len() > MAX_CITIES {
                narrowed = Some(format!("{} cities match; the first {MAX_CITIES} by name are shown.", known.len()));
            }
            known.iter().take(MAX_CITIES).cloned().collect()
        }
        (true, None) => {
            let defaults: Vec<String> = DEFAULT_CITIES.iter().map(|s| s.to_string()).collect();
            comparison::resolve_cities(pool, &defaults).await.unwrap_or_default()
        }
    };

    let reference = state.freshness.reference(pool).await?;
    let charted: Vec<String> = reference
        .catalogue
        .iter()
        .filter(|m| TIME_SERIES_FAMILIES.contains(&m.family.as_str()) || m.family == RANK_FAMILY)
        .map(|m| m.id.clone())
        .collect();
    let c = comparison::of(pool, &reference.catalogue, shown, &charted).await?;
    let axis = if log { YAxis::Log } else { YAxis::Linear };
    let mut time_series = Vec::new();
    for family in TIME_SERIES_FAMILIES {
        if let Some(block) = family_line_chart(&c, family, &format!("chart-{family}"), axis)? {
            time_series.push(block);
        }
    }
    let ranks = family_line_chart(&c, RANK_FAMILY, "chart-tholons", YAxis::Rank)?;
    let sectors_chart = sector_matrix(pool, &c).await?;
    let (park_charts, park_views) = park_comparison(pool, &c).await?;

    let names: Vec<&str> = c.cities.iter().map(|city| city.name.as_str()).collect();
    let heading = match names.as_slice() {
        [] => "No city to show".to_string(),
        [one] => one.to_string(),
        [first, rest @ ..] => format!(
            "{first} against {}",
            crate::charts::layout::and_list(&rest.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        ),
    };
    let city_choices = cities::names(pool)
        .await?
        .into_iter()
        .map(|n| Choice {
            checked: c.cities.iter().any(|x| x.slug == n.slug) && !asked.is_empty(),
            value: n.slug,
            label: n.name,
        })
        .collect();
    let sector_choices = sectors::all(pool)
        .await?
        .into_iter()
        .map(|s| Choice { checked: filter.sectors.contains(&s.slug), value: s.slug, label: s.label })
        .collect();
    let compare_query = comparison::query_string(&c.cities, &[]);
    Ok(DashboardPage {
        heading,
        can_compare: (MIN_CITIES..=MAX_CITIES).contains(&c.cities.len()),
        cards: city_cards(&state, c.cities.clone()).await?,
        time_series,
        ranks,
        sectors: sectors_chart,
        park_charts,
        parks: park_views,
        city_choices,
        sector_choices,
        log,
        compare_query,
        narrowed,
    })
}

/// Which sectors each shown city is known for, as its sources state.
async fn sector_matrix(pool: &sqlx::SqlitePool, c: &Comparison) -> AppResult<Option<ChartBlock>> {
    let ids: Vec<i64> = c.cities.iter().map(|city| city.id).collect();
    let evidence = sectors::evidence_for_cities(pool, &ids).await?;
    let all = sectors::all(pool).await?;
    let columns: Vec<MatrixColumn> =
        c.cities.iter().enumerate().map(|(i, city)| MatrixColumn { label: city.name.clone(), colour: i }).collect();
    let find = |city: &City, sector: &str| evidence.iter().find(|e| e.city_id == city.id && e.sector == sector);
    let rows: Vec<MatrixRowInput> = all
        .iter()
        .map(|s| MatrixRowInput {
            label: s.label.clone(),
            cells: c
                .cities
                .iter()
                .map(|city| find(city, &s.slug).map(|e| Cite::from(e.source.clone()).short()))
                .collect(),
        })
        .collect();
    let Some(chart) = matrix_chart("chart-sectors", "Sectors each city is known for", &columns, &rows) else {
        return Ok(None);
    };
    let table = DataTable {
        corner: "Sector".into(),
        columns: c.cities.iter().map(|city| city.name.clone()).collect(),
        rows: all
            .iter()
            .map(|s| DataRow {
                header: s.label.clone(),
                cells: c
                    .cities
                    .iter()
                    .map(|city| {
                        find(city, &s.slug)
                            .map(|e| Figure {
                                value: 1.0,
                                text: "Yes".into(),
                                year: e.source.published_year,
                                evidence: Evidence::new(vec![Cite::from(e.source.clone())], &e.quote),
                            })
                            .into_iter()
                            .collect()
                    })
                    .collect(),
            })
            .collect(),
    };
    Ok(Some(ChartBlock::matrix(&chart, table)?))
}

/// A park figure the dashboard ranks: chart id, title, unit, and how to read it off a park.
type ParkFigure = (&'static str, &'static str, Quantity, fn(&parks::Park) -> Option<f64>);

/// The parks of the shown cities: a ranking per figure, and the table with every figure.
async fn park_comparison(pool: &sqlx::SqlitePool, c: &Comparison) -> AppResult<(Vec<ChartBlock>, Vec<ParkView>)> {
    let mut rows = Vec::new();
    for city in &c.cities {
        rows.extend(parks::in_city(pool, city.id).await?);
    }
    let colour_of = |city_slug: &str| c.cities.iter().position(|city| city.slug == city_slug).unwrap_or(0);
    let figures: [ParkFigure; 3] = [
        ("chart-park-companies", "Companies per park", Quantity::Count, |p| p.companies.map(|v| v as f64)),
        ("chart-park-employees", "Employees per park", Quantity::Persons, |p| p.employees.map(|v| v as f64)),
        ("chart-park-area", "Park area", Quantity::SquareKilometres, |p| p.area_km2),
    ];
    let views = ParkView::build(pool, rows.clone()).await?;
    let mut charts = Vec::new();
    for (id, title, quantity, value) in figures {
        let unit = Unit::plain(quantity);
        let inputs: Vec<HBarInput> = rows
            .iter()
            .filter_map(|p| {
                value(p).map(|v| HBarInput {
                    label: p.name.clone(),
                    colour: colour_of(&p.city_slug),
                    value: v,
                    detail: p.city_name.clone(),
                })
            })
            .collect();
        let Some(chart) = hbar_chart(id, title, &unit, &inputs) else {
            continue;
        };
        let legend: Vec<LegendItem> = c
            .cities
            .iter()
            .enumerate()
            .filter(|(_, city)| rows.iter().any(|p| p.city_slug == city.slug && value(p).is_some()))
            .map(|(i, city)| LegendItem { class: series_class(i), name: city.name.clone() })
            .collect();
        let table = DataTable {
            corner: "Park".into(),
            columns: vec![title.to_string()],
            rows: rows
                .iter()
                .zip(&views)
                .filter_map(|(p, view)| {
                    value(p).map(|v| DataRow {
                        header: format!("{} ({})", p.name, p.city_name),
                        cells: vec![vec![Figure {
                            value: v,
                            text: format::figure(v, &unit),
                            year: None,
                            evidence: view.evidence.clone(),
                        }]],
                    })
                })
                .collect(),
        };
        charts.push(ChartBlock::hbar(&chart, legend, table)?);
    }
    Ok((charts, views))
}
