//! A strict second look at a CSV file's quoting. The csv reader is lenient: it takes a quote in
//! the middle of a field as text and reads an unclosed quote to the end of the file, silently
//! swallowing the rows after it. This adapter watches the same bytes as they stream past and
//! records where they break RFC 4180, so the import can refuse them.

use std::io::{self, Read};

use super::problems::LISTED;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the field's end, or the first of a doubled quote.
    QuoteInQuoted,
}

pub struct QuoteCheck<R> {
    inner: R,
    state: State,
    line: u64,
    quoted_since: u64,
    /// The last line a problem was found on: at most one per line.
    last_problem_line: u64,
    /// (line, reason): the first `LISTED` problems.
    problems: Vec<(u64, &'static str)>,
    /// Problems past those, counted by reason.
    unlisted: Vec<(&'static str, u64)>,
}

/// What `QuoteCheck` found once the whole file is read.
pub struct QuoteProblems {
    /// (line, reason): the first `LISTED` problems.
    pub listed: Vec<(u64, &'static str)>,
    /// (reason, count) of the problems past those.
    pub unlisted: Vec<(&'static str, u64)>,
}

impl<R: Read> QuoteCheck<R> {
    pub fn new(inner: R) -> Self {
        QuoteCheck {
            inner,
            state: State::FieldStart,
            line: 1,
            quoted_since: 1,
            last_problem_line: 0,
            problems: Vec::new(),
            unlisted: Vec::new(),
        }
    }

    fn problem(&mut self, line: u64, reason: &'static str) {
        if self.last_problem_line == line {
            return;
        }
        self.last_problem_line = line;
        if self.problems.len() < LISTED {
            self.problems.push((line, reason));
        } else if let Some((_, count)) = self.unlisted.iter_mut().find(|(r, _)| *r == reason) {
            *count += 1;
        } else {
            self.unlisted.push((reason, 1));
        }
    }

    fn scan(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if b == 0 {
                self.problem(self.line, "contains a NUL byte");
            }
            self.state = match (self.state, b) {
                (State::FieldStart, b'"') => {
                    self.quoted_since = self.line;
                    State::Quoted
                }
                (State::FieldStart | State::Unquoted | State::QuoteInQuoted, b',' | b'\r') => State::FieldStart,
                (State::FieldStart | State::Unquoted | State::QuoteInQuoted, b'\n') => {
                    self.line += 1;
                    State::FieldStart
                }
                (State::Unquoted, b'"') => {
                    self.problem(
                        self.line,
                        "has a quote inside a field that does not start with one; write it as \"\"...\"\"",
                    );
                    State::Unquoted
                }
                (State::FieldStart | State::Unquoted, _) => State::Unquoted,
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::Quoted, b'\n') => {
                    self.line += 1;
                    State::Quoted
                }
                (State::Quoted, _) => State::Quoted,
                (State::QuoteInQuoted, b'"') => State::Quoted,
                (State::QuoteInQuoted, _) => {
                    self.problem(self.line, "has text after the closing quote of a field");
                    State::Unquoted
                }
            };
        }
    }

    /// The problems found, once the whole file has been read.
    pub fn finish(mut self) -> QuoteProblems {
        if self.state == State::Quoted {
            let since = self.quoted_since;
            self.problem(since, "has a quoted field that is never closed: the rest of the file would be read into it");
        }
        QuoteProblems { listed: self.problems, unlisted: self.unlisted }
    }
}

impl<R: Read> Read for QuoteCheck<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.scan(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &[u8]) -> Vec<(u64, &'static str)> {
        let mut c = QuoteCheck::new(text);
        let mut sink = Vec::new();
        c.read_to_end(&mut sink).unwrap();
        c.finish().listed
    }

    #[test]
    fn well_formed_quoting_passes() {
        assert!(check(b"a,b\r\n\"x, \"\"y\"\"\",2\r\n\"multi\nline\",3\n").is_empty());
        assert!(check(b"a,b\nx,\"\"\n").is_empty());
    }

    #[test]
    fn an_unclosed_quote_is_found_at_the_line_it_opens() {
        let p = check(b"a,b\nx,1\ny,\"never closed\nz,3\n");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].0, 3);
        assert!(p[0].1.contains("never closed"));
    }

    #[test]
    fn stray_quotes_and_nul_bytes_are_found() {
        assert_eq!(check(b"a\nab\"cd\n")[0].0, 2);
        assert_eq!(check(b"a\n\"ab\"cd\n")[0].0, 2);
        assert_eq!(check(b"a\nx\0y\n")[0].0, 2);
    }

    #[test]
    fn problems_past_the_listed_ones_are_counted() {
        let text = format!("a\n{}", "x\"y\n".repeat(LISTED + 10));
        let mut c = QuoteCheck::new(text.as_bytes());
        c.read_to_end(&mut Vec::new()).unwrap();
        let found = c.finish();
        assert_eq!(found.listed.len(), LISTED);
        assert_eq!(found.unlisted.len(), 1);
        assert_eq!(found.unlisted[0].1, 10);
    }
}
