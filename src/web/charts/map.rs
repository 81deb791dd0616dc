//! The world map as a page part: the map laid out for a wide and a narrow box (CSS shows the
//! one that fits, so names stay near 12 px), the land outlines held once for both, and the
//! list of the same cities as links, which is the accessible fallback (the map itself is an
//! image to assistive technology).

use askama::Template;

use crate::charts::map::{LAND_PATH, Labelling, MapMarker, WorldMap, world_map};
use crate::db::cities::CityName;

/// Widths, in CSS pixels, the two layouts are made for (see `.map-block` in `app.css`).
const WIDE_PX: f64 = 640.0;
const NARROW_PX: f64 = 340.0;

#[derive(Template)]
#[template(path = "charts/map.svg")]
struct MapSvg<'a> {
    chart: &'a WorldMap,
    variant: &'static str,
}

#[derive(Template)]
#[template(path = "charts/map-land.svg")]
struct LandSvg<'a> {
    id: &'a str,
    land: &'a str,
}

/// One city of the list beside the map.
pub struct MapListItem {
    pub slug: String,
    pub name: String,
    pub highlighted: bool,
}

pub struct MapBlock {
    pub id: String,
    pub title: String,
    /// Both layouts and the shared land outlines.
    pub svg: String,
    pub cities: Vec<MapListItem>,
    /// Cities of the list the dataset gives no coordinates for, so not on the map.
    pub unmapped: Vec<String>,
    /// Said under the map when its wide or its narrow layout leaves names off.
    pub wide_note: Option<String>,
    pub narrow_note: Option<String>,
    /// What a highlighted city is, said in the list beside the map: "compared", "this city".
    pub highlight_word: String,
}

impl MapBlock {
    /// A map of `cities`, those `highlighted` says so drawn distinctly (and called
    /// `highlight_word` in the list), cropped to their region; `None` when no city has
    /// coordinates.
    pub fn of(
        id: &str,
        title: &str,
        cities: &[CityName],
        highlighted: impl Fn(&str) -> bool,
        highlight_word: impl Into<String>,
    ) -> Result<Option<MapBlock>, askama::Error> {
        let markers: Vec<MapMarker> = cities
            .iter()
            .filter_map(|c| {
                Some(MapMarker {
                    slug: c.slug.clone(),
                    name: c.name.clone(),
                    lat: c.lat?,
                    lon: c.lon?,
                    highlighted: highlighted(&c.slug),
                })
            })
            .collect();
        let land_id = format!("{id}-land");
        let layout = |width, variant| {
            world_map(&format!("{id}-{variant}"), title, &markers, width).map(|mut m| {
                m.share_land(&land_id);
                m
            })
        };
        let (Some(wide), Some(narrow)) = (layout(WIDE_PX, "wide"), layout(NARROW_PX, "narrow")) else {
            return Ok(None);
        };
        let svg = MapSvg { chart: &wide, variant: "wide-layout" }.render()?
            + &MapSvg { chart: &narrow, variant: "narrow-layout" }.render()?
            + &LandSvg { id: &land_id, land: LAND_PATH }.render()?;
        let on_map = |slug: &str| markers.iter().any(|m| m.slug == slug);
        Ok(Some(MapBlock {
            id: id.to_string(),
            title: title.to_string(),
            svg,
            cities: cities
                .iter()
                .map(|c| MapListItem { slug: c.slug.clone(), name: c.name.clone(), highlighted: highlighted(&c.slug) })
                .collect(),
            unmapped: cities.iter().filter(|c| !on_map(&c.slug)).map(|c| c.name.clone()).collect(),
            wide_note: note(wide.labelling),
            narrow_note: note(narrow.labelling),
            highlight_word: highlight_word.into(),
        }))
    }
}

/// What the reader should know when a layout leaves names off: the list names every city.
fn note(labelling: Labelling) -> Option<String> {
    match labelling {
        Labelling::All => None,
        Labelling::Some => Some(crate::t("map-note-some")),
        Labelling::HighlightedOnly => Some(crate::t("map-note-highlighted")),
        Labelling::None => Some(crate::t("map-note-none")),
    }
}
