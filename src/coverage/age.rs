//! How old a figure is, in the words the coverage page shades its cells with.

/// A figure at most this many years old is recent.
pub const RECENT_YEARS: i64 = 3;
/// Older than recent, up to this many years: ageing. Beyond it: old.
pub const AGEING_YEARS: i64 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    /// At most three years old (or a year still to come).
    Recent,
    /// Four to eight years old.
    Ageing,
    /// More than eight years old.
    Old,
    /// No figure at all.
    Missing,
}

impl Age {
    pub const ALL: [Age; 4] = [Age::Recent, Age::Ageing, Age::Old, Age::Missing];

    /// The age of a figure of `year` in `this_year`.
    pub fn of(year: Option<i64>, this_year: i64) -> Age {
        match year.map(|y| this_year - y) {
            None => Age::Missing,
            Some(age) if age <= RECENT_YEARS => Age::Recent,
            Some(age) if age <= AGEING_YEARS => Age::Ageing,
            Some(_) => Age::Old,
        }
    }

    /// The CSS class of a cell (`age-recent`).
    pub fn class(self) -> &'static str {
        match self {
            Age::Recent => "age-recent",
            Age::Ageing => "age-ageing",
            Age::Old => "age-old",
            Age::Missing => "age-missing",
        }
    }

    /// The legend's words, in the page's language.
    pub fn label(self) -> String {
        match self {
            Age::Recent => crate::t1("coverage-age-recent", "years", RECENT_YEARS),
            Age::Ageing => crate::t2("coverage-age-ageing", "from", RECENT_YEARS + 1, "to", AGEING_YEARS),
            Age::Old => crate::t1("coverage-age-old", "years", AGEING_YEARS),
            Age::Missing => crate::t("coverage-age-missing"),
        }
    }
}

/// The current calendar year (UTC) from the system clock.
pub fn this_year() -> i64 {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    year_of_day(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// The proleptic Gregorian year of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, year part only).
pub fn year_of_day(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(month <= 2)
}
