//! The problems an import finds, kept to a bounded size whatever the input: the first
//! `LISTED` in full, the rest counted by file, column and kind. A file of a million bad rows
//! would otherwise make millions of problems, and a report (and a server) gigabytes large.
//! Values a problem echoes are shortened where the reason is written (`shown`), and again
//! here, so no single problem can be large either.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use super::files::DatasetFile;

/// Problems listed in full; what a person fixes first, and plenty to see a pattern.
pub const LISTED: usize = 1000;
/// Kinds of unlisted problems counted apart; further kinds are counted together.
const MAX_KINDS: usize = 100;
/// Characters of a value echoed in a reason.
const SHOWN_CHARS: usize = 60;
/// Longest column name and reason a problem keeps, in characters.
const MAX_COLUMN_CHARS: usize = 80;
const MAX_REASON_CHARS: usize = 300;

/// One thing wrong with an import, located precisely enough to fix it in an editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub line: u64,
    pub column: String,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.file, self.line, self.column, self.reason)
    }
}

/// Unlisted problems of one kind: the same file, column and reason but for the values it
/// quotes and the numbers in it (written `"…"` and `N`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemGroup {
    pub file: String,
    pub column: String,
    pub reason: String,
    pub count: u64,
}

impl fmt::Display for ProblemGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {} ({} times)", self.file, self.column, self.reason, self.count)
    }
}

/// The problems found so far (see the module's comment).
#[derive(Debug, Default)]
pub struct Problems {
    listed: Vec<Problem>,
    total: u64,
    groups: Vec<ProblemGroup>,
    /// (file, column, kind) to its place in `groups`.
    index: HashMap<(String, String, String), usize>,
}

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        let Problem { file, line, column, reason } = problem;
        if self.listed.len() < LISTED {
            self.total += 1;
            let (column, reason) = (shortened(&column, MAX_COLUMN_CHARS), shortened(&reason, MAX_REASON_CHARS));
            self.listed.push(Problem { file: shortened(&file, MAX_COLUMN_CHARS), line, column, reason });
            return;
        }
        self.count_unlisted(&file, &column, &reason, 1);
    }

    /// Counts `count` problems that are not listed, by their kind.
    pub fn count_unlisted(&mut self, file: &str, column: &str, reason: &str, count: u64) {
        // Names of columns the format does not have are as many as a header holds: one kind.
        let known_column =
            column.starts_with('(') || DatasetFile::from_file_name(file).is_none_or(|f| f.allows_column(column));
        let column = if known_column { shortened(column, MAX_COLUMN_CHARS) } else { "(unknown column)".into() };
        let mut key = (shortened(file, MAX_COLUMN_CHARS), column, kind_of(reason));
        if !self.index.contains_key(&key) && self.index.len() >= MAX_KINDS {
            key = ("(any file)".into(), "(any column)".into(), "other kinds of problem".into());
        }
        let groups = &mut self.groups;
        let at = *self.index.entry(key).or_insert_with_key(|(file, column, reason)| {
            groups.push(ProblemGroup { file: file.clone(), column: column.clone(), reason: reason.clone(), count: 0 });
            groups.len() - 1
        });
        self.groups[at].count += count;
        self.total += count;
    }

    /// How many problems were found, listed or not.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The listed problems and the groups of the others, most frequent kind first.
    pub fn into_parts(self) -> (Vec<Problem>, Vec<ProblemGroup>) {
        let mut groups = self.groups;
        groups.sort_by_key(|g| std::cmp::Reverse(g.count));
        (self.listed, groups)
    }
}

/// A value as a reason quotes it: in double quotes with Rust's escapes, and cut to
/// `SHOWN_CHARS` characters (then ending in `…`), so a 4 MB field is not echoed whole.
pub fn shown(value: &str) -> String {
    match value.char_indices().nth(SHOWN_CHARS) {
        None => format!("{value:?}"),
        Some((end, _)) => format!("{:?}", format!("{}…", &value[..end])),
    }
}

/// A value echoed without quotes (a number), cut like `shown` cuts.
pub fn cut(value: &str) -> String {
    shortened(value, SHOWN_CHARS)
}

/// `text` cut to `max` characters, ending in `…` when it was cut.
fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

/// The kind of a reason: the values it quotes written `"…"` and the numbers in it `N`, so
/// `"X" is not a valid slug` and `"Y" is not a valid slug` are one kind. Digits joined to a
/// word (`0-9`, `utf8`) stay.
fn kind_of(reason: &str) -> String {
    let chars: Vec<char> = reason.chars().take(MAX_REASON_CHARS * 4).collect();
    let mut kind = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let previous = if i == 0 { ' ' } else { chars[i - 1] };
        let digit_at = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
        if chars[i] == '"' {
            // A quoted value with Rust's escapes: skip to its closing quote.
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            kind.push_str("\"…\"");
            i += 1;
        } else if !is_word_char(previous) && (digit_at(i) || (chars[i] == '-' && digit_at(i + 1))) {
            // A number: an optional sign, digits, and decimals.
            let start = i;
            i += 1;
            while digit_at(i) || (chars.get(i) == Some(&'.') && digit_at(i + 1)) {
                i += 1;
            }
            if chars.get(i).is_some_and(|&c| is_word_char(c)) {
                kind.extend(&chars[start..i]);
            } else {
                kind.push('N');
            }
        } else {
            kind.push(chars[i]);
            i += 1;
        }
    }
    shortened(&kind, MAX_REASON_CHARS)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: u64, column: &str, reason: &str) -> Problem {
        Problem { file: "sectors.csv".into(), line, column: column.into(), reason: reason.into() }
    }

    #[test]
    fn values_are_quoted_and_cut() {
        assert_eq!(shown("dalian"), "\"dalian\"");
        assert_eq!(shown("a\"b"), "\"a\\\"b\"");
        let long = shown(&"x".repeat(10_000));
        assert_eq!(long.chars().count(), SHOWN_CHARS + 3);
        assert!(long.ends_with("…\""));
        assert_eq!(shown(&"é".repeat(100)).chars().count(), SHOWN_CHARS + 3, "cut on a character boundary");
    }

    #[test]
    fn kinds_ignore_quoted_values_and_numbers() {
        assert_eq!(
            kind_of("\"X\" is not a valid slug: use only a-z, 0-9 and -"),
            "\"…\" is not a valid slug: use only a-z, 0-9 and -"
        );
        assert_eq!(kind_of("duplicate key \"a\\\"b\": already on line 12"), "duplicate key \"…\": already on line N");
        assert_eq!(kind_of("has 3 fields but the header has 4"), "has N fields but the header has N");
        assert_eq!(kind_of("\"12\" is not a year between 1800 and 2100"), "\"…\" is not a year between N and N");
        assert_eq!(kind_of("not an ISO 4217 code"), "not an ISO N code");
        assert_eq!(kind_of("-6.1 is out of range: expected 0.5 to 10"), "N is out of range: expected N to N");
        assert_eq!(kind_of("1e9 or utf8"), "1e9 or utf8");
    }

    #[test]
    fn the_first_problems_are_listed_and_the_rest_counted_by_kind() {
        let mut problems = Problems::default();
        for line in 2..(LISTED as u64 + 502) {
            problems.push(problem(line, "city_slug", &format!("unknown city \"c{line}\"")));
            problems.push(problem(line, "quote", "is required but empty"));
        }
        assert_eq!(problems.total(), 2 * (LISTED as u64 + 500));
        let (listed, groups) = problems.into_parts();
        assert_eq!(listed.len(), LISTED);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].count + groups[1].count, LISTED as u64 + 1000);
        assert_eq!(groups.iter().find(|g| g.column == "city_slug").unwrap().reason, "unknown city \"…\"");
    }

    #[test]
    fn kinds_are_bounded_too() {
        let mut problems = Problems::default();
        for i in 0..(LISTED + 10 * MAX_KINDS) {
            problems.push(problem(1, "(row)", &format!("reason {}", "x".repeat(i % 1000))));
        }
        let (_, groups) = problems.into_parts();
        assert_eq!(groups.len(), MAX_KINDS + 1);
        assert_eq!(groups.iter().map(|g| g.count).sum::<u64>(), 10 * MAX_KINDS as u64);
    }
}
