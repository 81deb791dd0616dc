//! Formulas planted in the data are neutralised in every CSV answer, so a spreadsheet shows
//! them as text and runs none.

use super::payloads::*;

/// True for a cell a spreadsheet reads as a plain number (`-0.1275`), which is not a formula.
fn is_plain_number(cell: &str) -> bool {
    cell.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && cell.parse::<f64>().is_ok_and(f64::is_finite)
}

/// Parses a CSV answer: every record as wide as the header, and no cell that a spreadsheet
/// would run as a formula.
pub fn parse_safe_csv(what: &str, body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(record.len(), header.len(), "{what}: {record:?}");
        rows.push(record.iter().map(String::from).collect::<Vec<String>>());
    }
    let formulas = formula_cells(&rows);
    assert!(formulas.is_empty(), "{what}: cells a spreadsheet would run: {formulas:?}");
    (header, rows)
}

/// Cells that start like a formula (`= + - @`, tab, carriage return) and are not plain numbers.
pub fn formula_cells(rows: &[Vec<String>]) -> Vec<&str> {
    rows.iter()
        .flatten()
        .map(String::as_str)
        .filter(|cell| cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(cell))
        .collect()
}

/// What a formula payload must look like in a CSV cell: prefixed with `'`; other text as is.
pub fn neutralised(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() }
}

#[tokio::test]
async fn formula_payloads_are_neutralised_in_every_csv() {
    let s = hostile_server().await;
    for path in [
        format!("/compare.csv?city={CITY}&city=dalian"),
        format!("/compare.csv?city={CITY}&city=dalian&metric={METRIC}&metric=it_employees"),
        format!("/cities/{CITY}.csv"),
    ] {
        let r = s.get(&path).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").starts_with("text/csv"), "{path}");
        let (header, rows) = parse_safe_csv(&path, &r.body);
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let ours: Vec<&Vec<String>> = rows.iter().filter(|row| row[col("city")] == CITY).collect();
        assert!(!ours.is_empty(), "{path}: the hostile city's figures");
        for row in &ours {
            assert_eq!(row[col("city_name")], neutralised(CITY_NAME), "{path}");
            assert_eq!(row[col("source_title")], neutralised(SOURCE_TITLE), "{path}");
            assert_eq!(row[col("source_publisher")], neutralised(SOURCE_PUBLISHER), "{path}");
            assert_eq!(row[col("source_url")], SOURCE_URL, "{path}");
            let (metric, year) = (&row[col("metric")], row[col("year")].parse::<i64>().unwrap());
            let quote = QUOTES.iter().find(|(m, y, _)| m == metric && *y == year).map(|(_, _, q)| *q).unwrap();
            assert_eq!(row[col("quote")], neutralised(quote), "{path}: {metric} {year}");
            if metric == METRIC {
                assert_eq!(row[col("label")], neutralised(METRIC_LABEL), "{path}");
            }
        }
    }
    // The whole city file holds every quote, each formula one neutralised.
    let (header, rows) = parse_safe_csv("city csv", &s.get(&format!("/cities/{CITY}.csv")).await.body);
    let quote = header.iter().position(|h| h == "quote").unwrap();
    let mut got: Vec<&str> = rows.iter().map(|r| r[quote].as_str()).collect();
    got.sort();
    let mut want: Vec<String> = QUOTES.iter().map(|(_, _, q)| neutralised(q)).collect();
    want.sort();
    assert_eq!(got, want);
    assert!(want.contains(&"'=HYPERLINK(\"http://evil\")".to_string()));
    assert!(want.contains(&"'+cmd|' /C calc'!A0".to_string()));
    assert!(want.contains(&"'@SUM(1)".to_string()));
    assert!(want.contains(&"'-2+3".to_string()));

    let r = s.get("/cities.csv").await;
    assert_eq!(r.status, 200);
    let (header, rows) = parse_safe_csv("/cities.csv", &r.body);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows.iter().find(|r| r[col("slug")] == CITY).expect("the hostile city");
    for (column, payload) in [
        ("name", CITY_NAME),
        ("country", COUNTRY),
        ("region", REGION),
        ("population_scope", POPULATION_SCOPE),
        ("summary", SUMMARY),
    ] {
        assert_eq!(row[col(column)], neutralised(payload), "/cities.csv {column}");
    }
    // London's longitude is a negative number: a number, not a formula, and left as it is.
    let london = rows.iter().find(|r| r[col("slug")] == "london").unwrap();
    assert!(london[col("lon")].starts_with('-'), "{london:?}");
}
