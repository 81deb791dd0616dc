//! Reading one CSV record's fields into typed values. Every problem is recorded with the file,
//! line and column it came from, and reading goes on, so one import reports all problems.

use std::collections::HashMap;

use csv::StringRecord;

use super::files::DatasetFile;
use super::problems::{Problem, Problems, cut, shown};

/// The column names of a file, as its header row gives them.
pub struct Header {
    index: HashMap<String, usize>,
    names: Vec<String>,
}

impl Header {
    /// Checks the header against the file's format; `None` when the file cannot be read on.
    pub fn check(file: DatasetFile, names: &StringRecord, problems: &mut Problems) -> Option<Header> {
        let mut index = HashMap::new();
        let before = problems.total();
        let problem = |column: &str, reason: String| Problem {
            file: file.file_name().to_string(),
            line: 1,
            column: column.to_string(),
            reason,
        };
        for (i, name) in names.iter().enumerate() {
            let name = name.trim();
            if name.is_empty() {
                problems.push(problem("(empty)", format!("column {} of the header has no name", i + 1)));
            } else if !file.allows_column(name) {
                let allowed: Vec<&str> =
                    file.required_columns().iter().chain(file.optional_columns()).copied().collect();
                problems.push(problem(name, format!("unknown column; the allowed columns are {}", allowed.join(", "))));
            } else if index.insert(name.to_string(), i).is_some() {
                problems.push(problem(name, "column appears twice in the header".to_string()));
            }
        }
        for required in file.required_columns() {
            if !index.contains_key(*required) {
                problems.push(problem(required, "required column is missing from the header".to_string()));
            }
        }
        (problems.total() == before)
            .then(|| Header { index, names: names.iter().map(|n| n.trim().to_string()).collect() })
    }

    pub fn column_count(&self) -> usize {
        self.names.len()
    }

    pub fn column_name(&self, index: usize) -> Option<&str> {
        self.names.get(index).map(String::as_str)
    }
}

/// Typed access to one record. Each accessor returns a value even when the field is wrong (a
/// placeholder), after recording the problem; `is_valid` tells whether the row may be written.
pub struct Fields<'a> {
    file: DatasetFile,
    line: u64,
    header: &'a Header,
    record: &'a StringRecord,
    problems: &'a mut Problems,
    valid: bool,
}

pub const MIN_YEAR: i64 = 1800;
pub const MAX_YEAR: i64 = 2100;

impl<'a> Fields<'a> {
    pub fn new(
        file: DatasetFile,
        line: u64,
        header: &'a Header,
        record: &'a StringRecord,
        problems: &'a mut Problems,
    ) -> Self {
        Fields { file, line, header, record, problems, valid: true }
    }

    pub fn is_valid(&self) -> bool {
        self.valid
    }

    pub fn line(&self) -> u64 {
        self.line
    }

    pub fn problem(&mut self, column: &str, reason: impl Into<String>) {
        self.valid = false;
        self.problems.push(Problem {
            file: self.file.file_name().to_string(),
            line: self.line,
            column: column.to_string(),
            reason: reason.into(),
        });
    }

    /// The field as written (surrounding whitespace removed), `None` when empty or when the
    /// file has no such column.
    fn raw(&self, column: &str) -> Option<&'a str> {
        let i = *self.header.index.get(column)?;
        let value = self.record.get(i)?.trim();
        (!value.is_empty()).then_some(value)
    }

    pub fn optional_text(&mut self, column: &str) -> Option<String> {
        self.raw(column).map(str::to_string)
    }

    pub fn text(&mut self, column: &str) -> String {
        match self.raw(column) {
            Some(v) => v.to_string(),
            None => {
                self.problem(column, "is required but empty");
                String::new()
            }
        }
    }

    /// A lower-case identifier made of `[a-z0-9-]` (city, park and company slugs, source ids).
    pub fn slug(&mut self, column: &str) -> String {
        let value = self.text(column);
        if !value.is_empty() && !is_slug(&value) {
            self.problem(column, format!("{} is not a valid slug: use only a-z, 0-9 and -", shown(&value)));
        }
        value
    }

    pub fn optional_slug(&mut self, column: &str) -> Option<String> {
        self.raw(column)?;
        Some(self.slug(column))
    }

    /// A name from a catalogue (metrics, sectors, families): `[a-z0-9_]`.
    pub fn identifier(&mut self, column: &str) -> String {
        let value = self.text(column);
        if !value.is_empty() && !is_identifier(&value) {
            self.problem(column, format!("{} is not a valid name: use only a-z, 0-9 and _", shown(&value)));
        }
        value
    }

    /// A `;`-separated list of source ids (at least one).
    pub fn source_ids(&mut self, column: &str) -> Vec<String> {
        self.slugs(column, "source id")
    }

    /// A `;`-separated list of slugs (at least one), each named `what` in messages, none twice.
    pub fn slugs(&mut self, column: &str, what: &str) -> Vec<String> {
        let value = self.text(column);
        if value.is_empty() {
            return Vec::new();
        }
        let ids: Vec<String> = value.split(';').map(|s| s.trim().to_string()).collect();
        for id in &ids {
            if !is_slug(id) {
                self.problem(column, format!("{} is not a valid {what}: use only a-z, 0-9 and -", shown(id)));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for id in &ids {
            if !seen.insert(id) {
                self.problem(column, format!("{what} {} is listed twice", shown(id)));
            }
        }
        ids
    }

    pub fn optional_integer(&mut self, column: &str, min: i64, max: i64) -> Option<i64> {
        let raw = self.raw(column)?;
        match raw.parse::<i64>() {
            Ok(v) if (min..=max).contains(&v) => Some(v),
            Ok(v) => {
                self.problem(column, format!("{v} is out of range: expected {min} to {max}"));
                None
            }
            Err(_) => {
                self.problem(column, format!("{} is not a whole number", shown(raw)));
                None
            }
        }
    }

    pub fn optional_year(&mut self, column: &str) -> Option<i64> {
        let raw = self.raw(column)?;
        match raw.parse::<i64>() {
            Ok(v) if (MIN_YEAR..=MAX_YEAR).contains(&v) => Some(v),
            _ => {
                self.problem(column, format!("{} is not a year between {MIN_YEAR} and {MAX_YEAR}", shown(raw)));
                None
            }
        }
    }

    pub fn year(&mut self, column: &str) -> i64 {
        if self.raw(column).is_none() {
            self.problem(column, "is required but empty");
            return 0;
        }
        self.optional_year(column).unwrap_or(0)
    }

    /// A finite decimal number in `[min, max]`. Thousands separators and units are rejected
    /// rather than guessed at: values are plain numbers in base units.
    pub fn optional_number(&mut self, column: &str, min: f64, max: f64) -> Option<f64> {
        let raw = self.raw(column)?;
        let parsed = if looks_like_plain_number(raw) { raw.parse::<f64>().ok() } else { None };
        match parsed {
            Some(v) if !v.is_finite() => {
                self.problem(column, format!("{} is not a finite number", shown(raw)));
                None
            }
            Some(v) if v < min || v > max => {
                self.problem(column, format!("{} is out of range: expected {min} to {max}", cut(raw)));
                None
            }
            Some(v) => Some(v),
            None => {
                self.problem(
                    column,
                    format!("{} is not a number: write a plain decimal like 21700000000 or 0.5", shown(raw)),
                );
                None
            }
        }
    }

    pub fn number(&mut self, column: &str, min: f64, max: f64) -> f64 {
        if self.raw(column).is_none() {
            self.problem(column, "is required but empty");
            return 0.0;
        }
        self.optional_number(column, min, max).unwrap_or(0.0)
    }

    /// `true`, `false` or empty.
    pub fn optional_bool(&mut self, column: &str) -> Option<bool> {
        match self.raw(column)? {
            "true" => Some(true),
            "false" => Some(false),
            other => {
                self.problem(column, format!("{} is not true, false or empty", shown(other)));
                None
            }
        }
    }

    /// A web address a reader can follow: `http://` or `https://` only, so a dataset cannot
    /// plant `javascript:` links in the pages.
    pub fn url(&mut self, column: &str) -> String {
        let value = self.text(column);
        let ok = value
            .split_once("://")
            .is_some_and(|(scheme, rest)| matches!(scheme, "http" | "https") && !rest.is_empty())
            && !value.chars().any(char::is_whitespace);
        if !value.is_empty() && !ok {
            self.problem(column, format!("{} is not an http:// or https:// address", shown(&value)));
        }
        value
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub fn date(&mut self, column: &str) -> String {
        let value = self.text(column);
        if !value.is_empty() && !is_iso_date(&value) {
            self.problem(column, format!("{} is not a date written YYYY-MM-DD", shown(&value)));
        }
        value
    }
}

pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Digits with an optional sign, decimal point and exponent; rejects `NaN`, `inf`, `1,000`.
fn looks_like_plain_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mantissa = s.split(['e', 'E']).next().unwrap_or("");
    !mantissa.is_empty()
        && mantissa.bytes().any(|b| b.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
}

fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts[..] else { return false };
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return false;
    }
    let (m, d): (u32, u32) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_digits_and_hyphens() {
        assert!(is_slug("metro-manila"));
        assert!(is_slug("a1"));
        assert!(!is_slug(""));
        assert!(!is_slug("Metro-Manila"));
        assert!(!is_slug("metro_manila"));
        assert!(!is_slug("münchen"));
        assert!(!is_slug("a b"));
    }

    #[test]
    fn plain_numbers_only() {
        for ok in ["1", "-2.5", "21700000000", "1e9", "0.2752", "+3"] {
            assert!(looks_like_plain_number(ok), "{ok}");
        }
        for bad in ["NaN", "inf", "-inf", "1,000", "10^308", "12 m", "", ".", "e5", "0x10"] {
            assert!(!looks_like_plain_number(bad), "{bad}");
        }
    }

    #[test]
    fn dates_are_iso() {
        assert!(is_iso_date("2026-11-28"));
        assert!(!is_iso_date("28/11/2026"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("2026-1-1"));
    }
}
