//! The geographic level a figure describes. Figures of different scopes are never drawn or
//! scored as if they were comparable: a state's workforce is not the city's.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    City,
    /// A named district within the city (London's Tech City).
    District,
    /// One tech park.
    Park,
    /// The whole state or region the city is in.
    State,
    /// The whole country.
    National,
}

impl Scope {
    pub const ALL: [Scope; 5] = [Scope::City, Scope::District, Scope::Park, Scope::State, Scope::National];

    /// Reads the dataset's word for a scope (`city`, `district`, `park`, `state`, `national`).
    pub fn parse(text: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The dataset's word: also the CSS class suffix and the JSON value.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::City => "city",
            Scope::District => "district",
            Scope::Park => "park",
            Scope::State => "state",
            Scope::National => "national",
        }
    }

    /// How a page names the scope next to a figure that is not city-wide, in the page's
    /// language.
    pub fn label(self) -> String {
        crate::t(match self {
            Scope::City => "scope-city",
            Scope::District => "scope-district",
            Scope::Park => "scope-park",
            Scope::State => "scope-state",
            Scope::National => "scope-national",
        })
    }

    /// The English label, which the dataset's metric labels use ("IT exports, whole state").
    pub fn english_label(self) -> &'static str {
        match self {
            Scope::City => "city",
            Scope::District => "district",
            Scope::Park => "one park",
            Scope::State => "whole state",
            Scope::National => "whole country",
        }
    }

    pub fn is_city(self) -> bool {
        self == Scope::City
    }

    /// A state or the whole country: an area wider than the city, drawn dashed or pale.
    pub fn is_wider_than_city(self) -> bool {
        matches!(self, Scope::State | Scope::National)
    }

    /// How closely a figure of this scope describes the city itself, narrowest first; a park
    /// figure never stands in for the city.
    pub fn closeness_to_city(self) -> Option<u8> {
        match self {
            Scope::City => Some(0),
            Scope::District => Some(1),
            Scope::State => Some(2),
            Scope::National => Some(3),
            Scope::Park => None,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scope_reads_back_from_its_word() {
        for s in Scope::ALL {
            assert_eq!(Scope::parse(s.as_str()), Some(s));
        }
        assert_eq!(Scope::parse("City"), None);
        assert_eq!(Scope::parse("region"), None);
    }

    #[test]
    fn only_states_and_countries_are_wider_than_the_city() {
        let wide: Vec<Scope> = Scope::ALL.into_iter().filter(|s| s.is_wider_than_city()).collect();
        assert_eq!(wide, [Scope::State, Scope::National]);
        assert_eq!(Scope::Park.closeness_to_city(), None);
        assert!(Scope::City.closeness_to_city() < Scope::National.closeness_to_city());
    }
}
