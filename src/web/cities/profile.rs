//! `/cities/{slug}`: a city's profile (summary, population, sectors with evidence, every
//! figure over the years grouped by family, parks, companies); `.json` and `.csv` twins in
//! `profile_data`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::super::AppState;
use super::super::charts::{ChartBlock, MapBlock, family_line_chart};
use super::super::companies::{CompanyView, PREVIEW_ROWS};
use super::super::formats::{Format, split_format};
use super::super::params::PathSegment;
use super::super::parks::ParkView;
use super::super::view::{Cite, Evidence, Figure};
use super::cards::SectorTag;
use crate::charts::line::YAxis;
use crate::comparable::{Options, Rates};
use crate::comparison::Comparison;
use crate::db::cities::{self, City, CityName};
use crate::db::metrics::{self, MetricFigure};
use crate::db::sources::{self, SourceList};
use crate::db::{companies, parks, sectors};
use crate::error::{AppError, AppResult};
use crate::format;
use crate::metric::{Catalogue, Metric, Quantity, Scope, Unit, families};
use crate::place::WorldRegion;

/// One metric in the city's table of figures: the latest year's figures and the earlier ones.
pub struct MetricLine {
    pub label: String,
    pub scope: Scope,
    pub description: String,
    /// The figures of the latest year (one per source).
    pub latest: Vec<Figure>,
    /// Every earlier figure, latest first.
    pub earlier: Vec<Figure>,
}

/// The metrics of one family (those that may share an axis): a group of rows in the table.
pub struct FamilyGroup {
    pub heading: String,
    pub lines: Vec<MetricLine>,
}
#[derive(Template, WebTemplate)]
#[template(path = "cities/profile.html")]
pub struct CityProfilePage {
    city: City,
    population: Option<Figure>,
    profile_sources: Vec<Cite>,
    /// "38.9° N, 121.6° E".
    coordinates: Option<String>,
    sectors: Vec<SectorTag>,
    /// The city's series over time, one chart per family with a series of three years or more.
    charts: Vec<ChartBlock>,
    families: Vec<FamilyGroup>,
    parks: Vec<ParkView>,
    /// The first companies by name; the rest are on /companies?city=.
    companies: Vec<CompanyView>,
    companies_total: i64,
    /// The city and the other clusters of its world region.
    map: Option<MapBlock>,
    /// How many of the core indicators the city has a city figure for (the badge).
    coverage: usize,
    /// The core indicators it has none for: "IT revenue and GDP".
    coverage_missing: String,
}

impl CityProfilePage {
    /// Whether the dataset's own words (summary, area counted) are in another language than
    /// the page: they are written in English.
    fn lang_attr(&self) -> bool {
        crate::i18n::lang() != crate::i18n::Lang::En
    }
}

/// `/cities/{slug}`, and its `.json` and `.csv` twins.
pub async fn profile(State(state): State<AppState>, PathSegment(segment): PathSegment) -> Response {
    match split_format(&segment) {
        (slug, Format::Html) => profile_page(&state, slug).await.into_response(),
        (slug, format) => super::profile_data::twin(&state, slug, format).await.into_response(),
    }
}

async fn profile_page(state: &AppState, slug: &str) -> AppResult<CityProfilePage> {
    let pool = &state.pool;
    let city = cities::by_slug(pool, slug).await?.ok_or_else(|| AppError::NotFound(format!("city {slug:?}")))?;
    let reference = state.freshness.reference(pool).await?;
    let figures = metrics::for_city(pool, city.id).await?;
    let profile_sources: Vec<Cite> = sources::cited_by(pool, SourceList::Cities, &[city.id])
        .await?
        .remove(&city.id)
        .unwrap_or_default()
        .into_iter()
        .map(Cite::from)
        .collect();
    let sector_tags = sectors::evidence_for_cities(pool, &[city.id]).await?.into_iter().map(SectorTag::from).collect();
    let park_rows = parks::in_city(pool, city.id).await?;
    let (company_rows, companies_total) = companies::in_city(pool, city.id, PREVIEW_ROWS).await?;

    let charts = series_charts(&city, &figures, &reference.catalogue)?;
    let map = region_map(&city, &reference.cities)?;
    let coverage = crate::coverage::of_cities(pool, std::slice::from_ref(&city), &reference.catalogue).await?;
    Ok(CityProfilePage {
        coverage: coverage.first().map_or(0, |c| c.have()),
        coverage_missing: crate::charts::layout::and_list(
            &coverage
                .first()
                .map(|c| {
                    c.cells().filter(|(_, year)| year.is_none()).map(|(i, _)| i.label().to_string()).collect::<Vec<_>>()
                })
                .unwrap_or_default(),
        ),
        population: population_figure(&city, &figures, &profile_sources),
        coordinates: city.lat.zip(city.lon).map(|(lat, lon)| format::coordinates(lat, lon)),
        families: family_groups(&figures, &reference.catalogue),
        charts,
        parks: ParkView::build(pool, park_rows).await?,
        companies: CompanyView::build(pool, company_rows).await?,
        companies_total,
        profile_sources,
        sectors: sector_tags,
        map,
        city,
    })
}

/// The city highlighted among the other clusters of its world region in the data, so the map
/// shows its neighbourhood rather than the whole world.
fn region_map(city: &City, all: &[CityName]) -> AppResult<Option<MapBlock>> {
    let region = WorldRegion::of(&city.region);
    let near: Vec<CityName> = all.iter().filter(|c| WorldRegion::of(&c.region) == region).cloned().collect();
    let title = if near.len() > 1 {
        crate::t2(
            "profile-map-title",
            "city",
            &city.name,
            "region",
            crate::t2("profile-map-region", "n", near.len(), "region", region.label()),
        )
    } else {
        crate::t1("profile-map-alone", "city", &city.name)
    };
    Ok(MapBlock::of("city-map", &title, &near, |slug| slug == city.slug, crate::t("map-this-city"))?)
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
    Some(Figure::new(population as f64, &Unit::plain(Quantity::Persons), city.population_year, evidence))
}

/// The city's figures grouped by family, in catalogue order: the latest year first.
fn family_groups(figures: &[MetricFigure], catalogue: &Catalogue) -> Vec<FamilyGroup> {
    let with_figures = catalogue.iter().filter(|m| figures.iter().any(|f| f.metric == m.id));
    families(with_figures)
        .into_iter()
        .map(|family| FamilyGroup {
            heading: family.heading().to_string(),
            lines: family
                .metrics
                .iter()
                .map(|m| {
                    let mut series: Vec<&MetricFigure> = figures.iter().filter(|f| f.metric == m.id).collect();
                    series.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.source.id.cmp(&b.source.id)));
                    let latest_year = series.first().map_or(0, |f| f.year);
                    let (latest, earlier): (Vec<&MetricFigure>, Vec<&MetricFigure>) =
                        series.into_iter().partition(|f| f.year == latest_year);
                    MetricLine {
                        label: m.name(),
                        scope: m.scope,
                        description: m.about(),
                        latest: latest.into_iter().map(|f| Figure::of(f, m)).collect(),
                        earlier: earlier.into_iter().map(|f| Figure::of(f, m)).collect(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// A line chart for each family in which the city has a series of at least three years.
fn series_charts(city: &City, figures: &[MetricFigure], catalogue: &Catalogue) -> AppResult<Vec<ChartBlock>> {
    let metrics: Vec<Metric> = catalogue.iter().filter(|m| figures.iter().any(|f| f.metric == m.id)).cloned().collect();
    let one_city = Comparison::new(
        vec![city.clone()],
        metrics,
        figures.to_vec(),
        &[],
        &Rates::default(),
        Options::default(),
        true,
    );
    let mut charts = Vec::new();
    for (i, family) in one_city.families().iter().enumerate() {
        let axis = if family.metrics.iter().any(|m| m.is_rank()) { YAxis::Rank } else { YAxis::Linear };
        if let Some(block) = family_line_chart(&one_city, family, &format!("chart-{i}"), axis)?
            && block.not_drawn.is_none()
        {
            charts.push(block);
        }
    }
    Ok(charts)
}
