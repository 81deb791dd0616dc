//! The machine-readable twins of pages: which format a path asks for, and CSV and JSON
//! responses (CSV cells made safe for spreadsheets).

use std::borrow::Cow;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Json,
    Csv,
}

/// Splits `dalian.json` into `("dalian", Json)`. Slugs never contain a dot, so a suffix is
/// always a format.
pub fn split_format(segment: &str) -> (&str, Format) {
    if let Some(stem) = segment.strip_suffix(".json") {
        (stem, Format::Json)
    } else if let Some(stem) = segment.strip_suffix(".csv") {
        (stem, Format::Csv)
    } else {
        (segment, Format::Html)
    }
}

/// Whether a path is one of the machine-readable twins (`/compare.json`, `/cities.csv`,
/// `/cities/{slug}.json`, ...), which answer errors as JSON. Exactly the routes the router
/// has: `/cities.json/x.json` is no route, so its errors are pages like any other unknown path.
pub fn is_machine_route(path: &str) -> bool {
    const TWINS: [&str; 15] = [
        "/compare.json",
        "/compare.csv",
        "/scorecard.json",
        "/scorecard.csv",
        "/cities.json",
        "/cities.csv",
        "/coverage.json",
        "/coverage.csv",
        "/companies.json",
        "/companies.csv",
        "/sources.json",
        "/sources.csv",
        "/search.json",
        "/openapi.json",
        "/compare/chart.svg",
    ];
    if TWINS.contains(&path) {
        return true;
    }
    // The handler decodes the segment, so `dalian%2Ejson` is the JSON twin.
    path.strip_prefix("/cities/").is_some_and(|segment| {
        let slug = super::params::decode_segment(segment);
        !segment.contains('/') && split_format(&slug).1 != Format::Html
    })
}

/// A text cell a spreadsheet will not run: a leading `= + - @` (or tab, carriage return)
/// would start a formula, so such a cell is prefixed with an apostrophe.
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// Builds an RFC 4180 CSV (CRLF line ends) from a header and rows of cells.
pub struct CsvTable {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvTable {
    pub fn new(header: &[&str]) -> Self {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(header);
        CsvTable { writer }
    }

    /// Adds a row; text cells are made safe, numbers are written as they are.
    pub fn row(&mut self, cells: &[Cell]) {
        let fields: Vec<Cow<str>> = cells
            .iter()
            .map(|c| match c {
                Cell::Text(t) => safe_cell(t),
                Cell::Number(n) => Cow::Owned(crate::format::trimmed(*n, 6)),
                Cell::Integer(Some(i)) => Cow::Owned(i.to_string()),
                Cell::Integer(None) | Cell::Empty => Cow::Borrowed(""),
            })
            .collect();
        let _ = self.writer.write_record(fields.iter().map(|f| f.as_ref()));
    }

    /// The response, offered as a file named `filename`.
    pub fn into_response(self, filename: &str) -> Response {
        let bytes = self.writer.into_inner().unwrap_or_default();
        let mut response = bytes.into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
            headers.insert(header::CONTENT_DISPOSITION, v);
        }
        response
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Integer(Option<i64>),
    Empty,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_the_suffix() {
        assert_eq!(split_format("dalian"), ("dalian", Format::Html));
        assert_eq!(split_format("dalian.json"), ("dalian", Format::Json));
        assert_eq!(split_format("dalian.csv"), ("dalian", Format::Csv));
        assert_eq!(split_format("dalian.xml"), ("dalian.xml", Format::Html));
    }

    #[test]
    fn machine_routes_are_the_json_and_csv_twins() {
        for path in [
            "/compare.json",
            "/compare.csv",
            "/cities.json",
            "/cities.csv",
            "/coverage.json",
            "/coverage.csv",
            "/cities/dalian.json",
            "/cities/dalian%2Ecsv",
            "/sources.json",
            "/search.json",
            "/openapi.json",
            "/compare/chart.svg",
        ] {
            assert!(is_machine_route(path), "{path}");
        }
        for path in [
            "/parks/x.json",
            "/sources/a.csv",
            "/cities/dalian",
            "/compare",
            "/cities.json/cities.json",
            "/cities/a/b.csv",
            "/compare.json.json/x",
            "/search.csv",
        ] {
            assert!(!is_machine_route(path), "{path}");
        }
    }

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("-2"), "'-2");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("Dalian"), "Dalian");
        assert_eq!(safe_cell(""), "");
    }

    #[test]
    fn csv_quotes_and_ends_lines_with_crlf() {
        let mut t = CsvTable::new(&["a", "b"]);
        t.row(&[Cell::Text("x, \"y\""), Cell::Number(21700000000.0)]);
        let body = String::from_utf8(t.writer.into_inner().unwrap()).unwrap();
        assert_eq!(body, "a,b\r\n\"x, \"\"y\"\"\",21700000000\r\n");
    }
}
