//! `/cities` (filter by sector and country) and `/cities/{slug}` (a city's profile).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::AppState;
use super::companies::{CompanyView, PREVIEW_ROWS};
use super::formats::{Format, split_format};
use super::params::{Params, PathSegment, single};
use super::parks::ParkView;
use super::view::{Cite, Evidence, Figure, scope_label};
use crate::db::catalogue::{self, MetricDefinition};
use crate::db::cities::{self, City, CityFilter};
use crate::db::metrics::{self, MetricFigure};
use crate::db::sectors::{self, SectorEvidence};
use crate::db::sources::{self, SourceList};
use crate::db::{companies, parks};
use crate::error::{AppError, AppResult};
use crate::headline::{self, INDICATORS};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitiesQuery {
    #[serde(default)]
    pub sector: Vec<String>,
    #[serde(default)]
    pub country: Vec<String>,
}

/// Checks the query against the known sectors: an unknown one is a 400 listing them all.
/// Repeated sectors are kept once, in the order given.
pub async fn validated_filter(pool: &sqlx::SqlitePool, query: CitiesQuery) -> AppResult<CityFilter> {
    let country = single("country", query.country)?;
    let known = sectors::all(pool).await?;
    let mut chosen: Vec<String> = Vec::new();
    for s in query.sector.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !known.iter().any(|k| k.slug == s) {
            return Err(AppError::not_allowed("sector", s, known.iter().map(|k| k.slug.clone()).collect()));
        }
        if !chosen.iter().any(|c| c == s) {
            chosen.push(s.to_string());
        }
    }
    Ok(CityFilter { sectors: chosen, country })
}

pub struct SectorOption {
    pub slug: String,
    pub label: String,
    pub description: String,
    pub cities: i64,
    pub checked: bool,
}

pub struct CountryOption {
    pub name: String,
    pub cities: i64,
    pub selected: bool,
}

pub struct SectorTag {
    pub slug: String,
    pub label: String,
    pub evidence: Evidence,
}

/// One key indicator on a city card: the figure, or `None` when the data has none.
pub struct KeyFigure {
    pub label: &'static str,
    /// What the figure actually is when it is not exactly the indicator (another metric, a
    /// wider scope, several sources for the year).
    pub note: Option<String>,
    pub figure: Option<Figure>,
}

pub struct CityCard {
    pub slug: String,
    pub name: String,
    pub country: String,
    pub region: String,
    pub sectors: Vec<SectorTag>,
    pub key_figures: Vec<KeyFigure>,
}

#[derive(Template, WebTemplate)]
#[template(path = "cities/index.html")]
pub struct CitiesPage {
    sectors: Vec<SectorOption>,
    countries: Vec<CountryOption>,
    cities: Vec<CityCard>,
    total: usize,
    filtered: bool,
    /// Labels of the chosen sectors, in the order given.
    chosen_sectors: Vec<String>,
    country: Option<String>,
}

pub async fn index(State(state): State<AppState>, Params(query): Params<CitiesQuery>) -> AppResult<CitiesPage> {
    let pool = &state.pool;
    let country = single("country", query.country)?;
    let all_sectors = sectors::with_city_counts(pool, country.as_deref()).await?;
    let mut chosen = Vec::new();
    for s in query.sector.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !all_sectors.iter().any(|a| a.sector.slug == s) {
            let allowed = all_sectors.iter().map(|a| a.sector.slug.clone()).collect();
            return Err(AppError::not_allowed("sector", s, allowed));
        }
        if !chosen.iter().any(|c| c == s) {
            chosen.push(s.to_string());
        }
    }
    let countries = cities::countries(pool).await?;
    let filter = CityFilter { sectors: chosen.clone(), country: country.clone() };
    let found = cities::list(pool, &filter).await?;
    let total = countries.iter().map(|(_, n)| *n as usize).sum();
    let cards = city_cards(&state, found).await?;
    let chosen_labels = chosen
        .iter()
        .filter_map(|slug| all_sectors.iter().find(|s| &s.sector.slug == slug).map(|s| s.sector.label.clone()))
        .collect();

    Ok(CitiesPage {
        sectors: all_sectors
            .into_iter()
            .map(|s| SectorOption {
                checked: chosen.contains(&s.sector.slug),
                slug: s.sector.slug,
                label: s.sector.label,
                description: s.sector.description,
                cities: s.cities,
            })
            .collect(),
        countries: countries
            .into_iter()
            .map(|(name, cities)| CountryOption { selected: country.as_ref() == Some(&name), name, cities })
            .collect(),
        cities: cards,
        total,
        filtered: !chosen.is_empty() || country.is_some(),
        chosen_sectors: chosen_labels,
        country,
    })
}

/// The cards of a list of cities: sectors with evidence and the key figures, in three queries.
pub async fn city_cards(state: &AppState, found: Vec<City>) -> AppResult<Vec<CityCard>> {
    let pool = &state.pool;
    let ids: Vec<i64> = found.iter().map(|c| c.id).collect();
    let definitions = catalogue::all(pool).await?;
    let mut evidence = group_by_city(sectors::evidence_for_cities(pool, &ids).await?, |e| e.city_id);
    let mut figures = group_by_city(metrics::for_cities(pool, &ids, &headline::metrics()).await?, |f| f.city_id);
    Ok(found
        .into_iter()
        .map(|city| {
            let city_figures = figures.remove(&city.id).unwrap_or_default();
            CityCard {
                sectors: evidence.remove(&city.id).unwrap_or_default().into_iter().map(sector_tag).collect(),
                key_figures: key_figures(&city_figures, &definitions),
                slug: city.slug,
                name: city.name,
                country: city.country,
                region: city.region,
            }
        })
        .collect())
}

fn group_by_city<T>(rows: Vec<T>, city: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut map: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(city(&row)).or_default().push(row);
    }
    map
}

fn sector_tag(e: SectorEvidence) -> SectorTag {
    SectorTag { slug: e.sector, label: e.sector_label, evidence: Evidence::new(vec![Cite::from(e.source)], &e.quote) }
}

pub fn figure_of(f: &MetricFigure) -> Figure {
    Figure::new(f.value, &f.unit, Some(f.year), Evidence::new(vec![Cite::from(f.source.clone())], &f.quote))
}

fn key_figures(figures: &[MetricFigure], definitions: &[MetricDefinition]) -> Vec<KeyFigure> {
    INDICATORS
        .iter()
        .map(|indicator| match headline::pick(indicator, figures, definitions) {
            None => KeyFigure { label: indicator.label, note: None, figure: None },
            Some((figure, others)) => {
                let definition = definitions.iter().find(|d| d.metric == figure.metric);
                let mut notes = Vec::new();
                if let Some(d) = definition {
                    if indicator.metrics.first() != Some(&d.metric.as_str()) {
                        notes.push(format!("as {}", d.label));
                    }
                    if d.scope != "city" {
                        notes.push(format!("figure for the {}", scope_label(&d.scope)));
                    }
                }
                if others > 0 {
                    let s = if others > 1 { "s" } else { "" };
                    notes.push(format!("{others} other source{s} for {} (see the profile)", figure.year));
                }
                KeyFigure {
                    label: indicator.label,
                    note: (!notes.is_empty()).then(|| notes.join("; ")),
                    figure: Some(figure_of(figure)),
                }
            }
        })
        .collect()
}

/// One metric of a family table: a column.
pub struct MetricColumn {
    pub label: String,
    pub scope: String,
    pub scope_label: &'static str,
    pub description: String,
}

pub struct YearRow {
    pub year: i64,
    /// One cell per column; a cell lists every source's figure for that year.
    pub cells: Vec<Vec<Figure>>,
}

/// The metrics of one family (those that may share an axis), as a table over the years.
pub struct FamilyTable {
    pub heading: String,
    pub columns: Vec<MetricColumn>,
    pub rows: Vec<YearRow>,
    /// Set when the columns have different scopes.
    pub mixed_scopes: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "cities/profile.html")]
pub struct CityProfilePage {
    city: City,
    population: Option<Figure>,
    profile_sources: Vec<Cite>,
    sectors: Vec<SectorTag>,
    families: Vec<FamilyTable>,
    parks: Vec<ParkView>,
    /// The first companies by name; the rest are on /companies?city=.
    companies: Vec<CompanyView>,
    companies_total: i64,
}

/// `/cities/{slug}`, and its `.json` and `.csv` twins.
pub async fn profile(State(state): State<AppState>, PathSegment(segment): PathSegment) -> Response {
    match split_format(&segment) {
        (slug, Format::Html) => profile_page(&state, slug).await.into_response(),
        (slug, format) => super::api::city_profile(&state, slug, format).await.into_response(),
    }
}

async fn profile_page(state: &AppState, slug: &str) -> AppResult<CityProfilePage> {
    let pool = &state.pool;
    let city = cities::by_slug(pool, slug).await?.ok_or_else(|| AppError::NotFound(format!("city {slug:?}")))?;
    let definitions = catalogue::all(pool).await?;
    let figures = metrics::for_city(pool, city.id).await?;
    let profile_sources: Vec<Cite> = sources::cited_by(pool, SourceList::Cities, &[city.id])
        .await?
        .remove(&city.id)
        .unwrap_or_default()
        .into_iter()
        .map(Cite::from)
        .collect();
    let sector_tags = sectors::evidence_for_cities(pool, &[city.id]).await?.into_iter().map(sector_tag).collect();
    let park_rows = parks::in_city(pool, city.id).await?;
    let (company_rows, companies_total) = companies::in_city(pool, city.id, PREVIEW_ROWS).await?;

    Ok(CityProfilePage {
        population: population_figure(&city, &figures, &profile_sources),
        families: family_tables(&figures, &definitions),
        parks: ParkView::build(pool, park_rows).await?,
        companies: CompanyView::build(pool, company_rows).await?,
        companies_total,
        profile_sources,
        sectors: sector_tags,
        city,
    })
}

/// The population on the city row cites the first source of the row; its quote is the one of
/// the matching population figure, when the data has it.
fn population_figure(city: &City, figures: &[MetricFigure], cites: &[Cite]) -> Option<Figure> {
    let population = city.population?;
    let matching = figures
        .iter()
        .find(|f| f.metric == "population" && Some(f.year) == city.population_year && f.value == population as f64);
    let evidence = match matching {
        Some(f) => Evidence::new(vec![Cite::from(f.source.clone())], &f.quote),
        None => Evidence::new(cites.iter().take(1).cloned().collect(), ""),
    };
    Some(Figure::new(population as f64, "persons", city.population_year, evidence))
}

fn family_tables(figures: &[MetricFigure], definitions: &[MetricDefinition]) -> Vec<FamilyTable> {
    let mut families: Vec<&str> = Vec::new();
    for d in definitions {
        if !families.contains(&d.family.as_str()) && figures.iter().any(|f| f.metric == d.metric) {
            families.push(&d.family);
        }
    }
    families
        .into_iter()
        .map(|family| {
            let defs: Vec<&MetricDefinition> = definitions
                .iter()
                .filter(|d| d.family == family && figures.iter().any(|f| f.metric == d.metric))
                .collect();
            let mut years: Vec<i64> =
                figures.iter().filter(|f| defs.iter().any(|d| d.metric == f.metric)).map(|f| f.year).collect();
            years.sort_unstable();
            years.dedup();
            let rows = years
                .into_iter()
                .map(|year| YearRow {
                    year,
                    cells: defs
                        .iter()
                        .map(|d| {
                            figures.iter().filter(|f| f.metric == d.metric && f.year == year).map(figure_of).collect()
                        })
                        .collect(),
                })
                .collect();
            let mixed_scopes = defs.iter().any(|d| d.scope != defs[0].scope);
            FamilyTable {
                heading: defs[0].label.clone(),
                columns: defs
                    .iter()
                    .map(|d| MetricColumn {
                        label: d.label.clone(),
                        scope: d.scope.clone(),
                        scope_label: scope_label(&d.scope),
                        description: d.description.clone(),
                    })
                    .collect(),
                rows,
                mixed_scopes,
            }
        })
        .collect()
}
