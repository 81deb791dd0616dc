//! Where a city is, at the scale a reader picks cities by: the world region the dataset names
//! at the end of each city's `region` ("Liaoning Province, north-east China (East Asia)").

/// A part of the world, in the order pickers list them (west to east would split Asia; this
/// follows the dataset's weight: Asia first, then Europe, then the Americas).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WorldRegion {
    EastAsia,
    SouthAsia,
    SoutheastAsia,
    MiddleEast,
    Europe,
    Americas,
    Africa,
    Oceania,
    /// A region text without a recognised parenthetical: the city is still offered, last.
    Elsewhere,
}

impl WorldRegion {
    /// The region named in the last parenthetical of the dataset's `region` text. Sub-regions
    /// of Europe and the Americas fold into one group each, so that a group is never one city.
    pub fn of(region: &str) -> WorldRegion {
        let named = region
            .rsplit_once('(')
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(inside, _)| inside.trim().to_ascii_lowercase())
            .unwrap_or_default();
        match named.as_str() {
            "east asia" => WorldRegion::EastAsia,
            "south asia" => WorldRegion::SouthAsia,
            "southeast asia" | "south-east asia" => WorldRegion::SoutheastAsia,
            "middle east" | "western asia" | "west asia" => WorldRegion::MiddleEast,
            n if n.contains("europe") => WorldRegion::Europe,
            n if n.contains("america") || n == "caribbean" => WorldRegion::Americas,
            n if n.contains("africa") => WorldRegion::Africa,
            n if n.contains("oceania") || n.contains("australia") || n.contains("pacific") => WorldRegion::Oceania,
            _ => WorldRegion::Elsewhere,
        }
    }

    /// The region's name in the page's language.
    pub fn label(self) -> String {
        crate::t(match self {
            WorldRegion::EastAsia => "region-east-asia",
            WorldRegion::SouthAsia => "region-south-asia",
            WorldRegion::SoutheastAsia => "region-southeast-asia",
            WorldRegion::MiddleEast => "region-middle-east",
            WorldRegion::Europe => "region-europe",
            WorldRegion::Americas => "region-americas",
            WorldRegion::Africa => "region-africa",
            WorldRegion::Oceania => "region-oceania",
            WorldRegion::Elsewhere => "region-elsewhere",
        })
    }
}

/// Where a city is, as a page says it: the dataset's own words on English pages ("Liaoning
/// Province, north-east China (East Asia)"); on Chinese pages, which are not given those words,
/// the world region they name.
pub fn region_text(region: &str) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::En => region.to_string(),
        _ => WorldRegion::of(region).label(),
    }
}

#[cfg(test)]
mod tests {
    use super::WorldRegion::{self, *};

    #[test]
    fn the_last_parenthetical_names_the_region() {
        let cases = [
            ("Liaoning Province, north-east China (East Asia)", EastAsia),
            ("Karnataka State, southern India (South Asia)", SouthAsia),
            ("National Capital Region, Luzon (Southeast Asia)", SoutheastAsia),
            ("Tel Aviv District, Gush Dan metropolitan area (Middle East)", MiddleEast),
            ("Land Berlin (Western/Central Europe)", Europe),
            ("Małopolska Voivodeship, southern Poland (Central Europe)", Europe),
            ("California, San Francisco Bay Area (North America)", Americas),
            ("State of São Paulo, Southeast Region (South America)", Americas),
            ("Tokyo Metropolis (Tōkyō-to), Kantō region, Honshu (East Asia)", EastAsia),
            ("Somewhere without a region", Elsewhere),
            ("", Elsewhere),
        ];
        for (text, region) in cases {
            assert_eq!(WorldRegion::of(text), region, "{text}");
        }
    }

    #[test]
    fn asia_comes_before_europe_and_elsewhere_last() {
        let mut regions = vec![Elsewhere, Americas, Europe, EastAsia];
        regions.sort();
        assert_eq!(regions, [EastAsia, Europe, Americas, Elsewhere]);
        assert_eq!(WorldRegion::Americas.label(), "Americas");
    }
}
