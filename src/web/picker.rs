//! The city picker every page with a city form shares (dashboard, compare, scorecard): the
//! cities grouped by world region, and the dataset's presets as plain links.

use crate::db::cities::CityName;
use crate::db::presets::Preset;
use crate::i18n::names::{self, Kind};
use crate::place::WorldRegion;

use super::view::Choice;

/// The cities of one world region, as checkboxes.
pub struct CityGroup {
    pub label: String,
    pub choices: Vec<Choice>,
}

/// A preset as a link: the same page with the preset's cities and the reader's other choices.
pub struct PresetLink {
    pub label: String,
    pub description: String,
    pub href: String,
    /// The cities ticked now are exactly the preset's.
    pub current: bool,
}

pub struct CityPicker {
    pub groups: Vec<CityGroup>,
    pub presets: Vec<PresetLink>,
}

impl CityPicker {
    /// Every city in `cities`, grouped by region (regions in their fixed order, cities by name
    /// within each), ticked where `checked` says so.
    pub fn new(cities: &[CityName], checked: impl Fn(&str) -> bool) -> CityPicker {
        let mut placed: Vec<(WorldRegion, &CityName)> =
            cities.iter().map(|c| (WorldRegion::of(&c.region), c)).collect();
        placed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.to_lowercase().cmp(&b.1.name.to_lowercase())));
        let mut groups: Vec<(WorldRegion, CityGroup)> = Vec::new();
        for (region, city) in placed {
            let choice = Choice { value: city.slug.clone(), label: city.name.clone(), checked: checked(&city.slug) };
            match groups.last_mut() {
                Some((r, g)) if *r == region => g.choices.push(choice),
                _ => groups.push((region, CityGroup { label: region.label(), choices: vec![choice] })),
            }
        }
        let groups = groups.into_iter().map(|(_, g)| g).collect();
        CityPicker { groups, presets: Vec::new() }
    }

    /// Adds the presets as links to `path`, keeping the parameters of `raw_query` except the
    /// cities and those named in `dropped` (a sector filter would narrow a preset's cities).
    /// A preset naming a city this database lacks is left out rather than shown half.
    pub fn with_presets(mut self, presets: &[Preset], path: &str, raw_query: Option<&str>, dropped: &[&str]) -> Self {
        let kept: Vec<(String, String)> = form_urlencoded::parse(raw_query.unwrap_or_default().as_bytes())
            .filter(|(k, v)| k != "city" && !dropped.contains(&k.as_ref()) && !v.is_empty())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let known = |slug: &str| self.groups.iter().flat_map(|g| &g.choices).any(|c| c.value == slug);
        let ticked: Vec<&str> =
            self.groups.iter().flat_map(|g| &g.choices).filter(|c| c.checked).map(|c| c.value.as_str()).collect();
        let links = presets
            .iter()
            .filter(|p| !p.cities.is_empty() && p.cities.iter().all(|c| known(c)))
            .map(|p| {
                let mut query = form_urlencoded::Serializer::new(String::new());
                for city in &p.cities {
                    query.append_pair("city", city);
                }
                for (k, v) in &kept {
                    query.append_pair(k, v);
                }
                let mut sorted_preset: Vec<&str> = p.cities.iter().map(String::as_str).collect();
                sorted_preset.sort_unstable();
                let mut sorted_ticked = ticked.clone();
                sorted_ticked.sort_unstable();
                PresetLink {
                    label: names::name(Kind::Preset, &p.id, &p.label),
                    description: names::name(Kind::PresetNote, &p.id, &p.description),
                    href: format!("{path}?{}", query.finish()),
                    current: sorted_preset == sorted_ticked,
                }
            })
            .collect();
        self.presets = links;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(slug: &str, name: &str, region: &str) -> CityName {
        CityName {
            slug: slug.into(),
            name: name.into(),
            country: String::new(),
            region: region.into(),
            lat: None,
            lon: None,
        }
    }

    fn cities() -> Vec<CityName> {
        vec![
            city("berlin", "Berlin", "Land Berlin (Western/Central Europe)"),
            city("dalian", "Dalian", "Liaoning (East Asia)"),
            city("krakow", "Kraków", "Małopolska (Central Europe)"),
            city("atlantis", "Atlantis", "under the sea"),
            city("chengdu", "Chengdu", "Sichuan (East Asia)"),
        ]
    }

    #[test]
    fn cities_are_grouped_by_region_in_order_and_keep_their_ticks() {
        let picker = CityPicker::new(&cities(), |s| s == "krakow");
        let groups: Vec<(&str, Vec<&str>)> = picker
            .groups
            .iter()
            .map(|g| (g.label.as_str(), g.choices.iter().map(|c| c.value.as_str()).collect()))
            .collect();
        assert_eq!(
            groups,
            [
                ("East Asia", vec!["chengdu", "dalian"]),
                ("Europe", vec!["berlin", "krakow"]),
                ("Elsewhere", vec!["atlantis"])
            ]
        );
        assert!(picker.groups[1].choices[1].checked && !picker.groups[1].choices[0].checked);
    }

    #[test]
    fn a_preset_link_keeps_the_other_choices_and_drops_what_would_narrow_it() {
        let presets = [
            Preset {
                id: "china".into(),
                label: "China".into(),
                description: "d".into(),
                cities: vec!["dalian".into(), "chengdu".into()],
            },
            Preset { id: "lost".into(), label: "Lost".into(), description: "d".into(), cities: vec!["ys".into()] },
        ];
        let picker = CityPicker::new(&cities(), |s| s == "chengdu" || s == "dalian").with_presets(
            &presets,
            "/compare",
            Some("city=berlin&currency=usd&sector=bpo&per="),
            &["sector"],
        );
        assert_eq!(picker.presets.len(), 1, "a preset with an unknown city is left out");
        assert_eq!(picker.presets[0].href, "/compare?city=dalian&city=chengdu&currency=usd");
        assert!(picker.presets[0].current);
    }
}
