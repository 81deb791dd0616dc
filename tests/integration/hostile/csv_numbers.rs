//! Numbers at the edge of f64 are stored exactly and every page, chart and export still
//! renders them; anything beyond, or not a plain number, is rejected naming the value.

use super::csv_imports::{METRICS_HEADER, assert_applied, assert_rejected};
use super::neutralised_in_csv::parse_safe_csv;
use crate::common::TestServer;
use crate::common::html::assert_svg_geometry_is_finite;

#[tokio::test]
async fn the_largest_finite_values_are_accepted_and_every_page_still_renders() {
    let metrics = format!(
        "{METRICS_HEADER}\n\
         dalian,it_revenue_usd,2040,1e308,USD,intheblack-dalian,huge\n\
         dalian,it_revenue_usd,2041,-1e308,USD,intheblack-dalian,hugely negative\n\
         bangalore,it_revenue_usd,2040,1.7976931348623157e308,USD,intheblack-dalian,the largest f64\n\
         dalian,it_employees,2040,-1.7976931348623157e308,persons,intheblack-dalian,the smallest f64\n\
         bangalore,it_employees,2040,5e-324,persons,intheblack-dalian,the least subnormal\n\
         dalian,tholons_rank,2040,1e308,rank,intheblack-dalian,a rank past the end\n\
         bangalore,tholons_rank,2040,-1e308,rank,intheblack-dalian,a rank before the start\n"
    );
    let (dir, pool) = assert_applied(&[("metrics.csv", metrics.as_bytes())]).await;
    let stored: Vec<(String, String, i64, f64)> = sqlx::query_as(
        "SELECT c.slug, m.metric, m.year, m.value FROM metrics m JOIN cities c ON c.id = m.city_id
         WHERE m.year >= 2040",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let values: Vec<f64> = stored.iter().map(|(_, _, _, v)| *v).collect();
    assert_eq!(values.len(), 7, "{stored:?}");
    for v in [1e308, -1e308, f64::MAX, f64::MIN, 5e-324] {
        assert!(values.contains(&v), "{v:e} is stored exactly: {stored:?}");
    }
    let s = TestServer::serve(dir, pool).await;
    let both = "city=dalian&city=bangalore";
    for path in [
        format!("/?{both}"),
        format!("/?{both}&scale=log"),
        "/cities".to_string(),
        "/cities/dalian".to_string(),
        "/cities/bangalore".to_string(),
        format!("/compare?{both}"),
        format!("/compare?{both}&scale=log"),
        format!("/compare?{both}&metric=it_revenue_usd&metric=it_employees&metric=tholons_rank"),
        format!("/compare/export?{both}"),
        "/sources/intheblack-dalian".to_string(),
    ] {
        let r = s.get(&path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(r.body.trim_end().ends_with("</html>"), "{path}");
        assert_svg_geometry_is_finite(&path, &r.body);
    }
    for path in [format!("/compare.json?{both}"), "/cities/dalian.json".to_string()] {
        let r = s.get(&path).await;
        assert_eq!(r.status, 200, "{path}");
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        let figures = v["figures"].as_array().unwrap();
        assert!(
            figures.iter().all(|f| f["value"].as_f64().is_some_and(f64::is_finite)),
            "{path}: every value is a JSON number"
        );
        assert!(figures.iter().any(|f| f["value"].as_f64() == Some(1e308)), "{path}");
    }
    for path in [format!("/compare.csv?{both}"), "/cities/dalian.csv".to_string()] {
        let r = s.get(&path).await;
        assert_eq!(r.status, 200, "{path}");
        let (header, rows) = parse_safe_csv(&path, &r.body);
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let mut seen = 0;
        for row in rows.iter().filter(|r| r[col("year")] == "2040" || r[col("year")] == "2041") {
            let v: f64 = row[col("value")].parse().unwrap_or_else(|_| panic!("{path}: {row:?}"));
            let stored = stored
                .iter()
                .find(|(c, m, y, _)| {
                    *c == row[col("city")] && *m == row[col("metric")] && y.to_string() == row[col("year")]
                })
                .map(|(_, _, _, v)| *v)
                .unwrap();
            if stored.abs() >= 1.0 {
                assert!(((v - stored) / stored).abs() < 1e-9, "{path}: {row:?} should be {stored:e}");
                seen += 1;
            }
        }
        assert!(seen >= 3, "{path}: the huge figures are in the file");
    }
}

#[tokio::test]
async fn values_beyond_f64_or_not_plain_numbers_are_rejected_naming_the_value() {
    let bad = ["1e309", "-1e309", "10^308", "NaN", "inf", "-inf", "Infinity", "0x1p3", "\"1,5\"", "1e308e2"];
    let mut metrics = format!("{METRICS_HEADER}\n");
    for (i, v) in bad.iter().enumerate() {
        metrics.push_str(&format!("dalian,population,{},{v},persons,intheblack-dalian,q\n", 2040 + i));
    }
    let expected: Vec<String> = (0..bad.len()).map(|i| format!("metrics.csv:{}: value: ", i + 2)).collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let lines = assert_rejected(&[("metrics.csv", metrics.as_bytes())], &expected).await;
    for (line, v) in lines.iter().zip(bad) {
        let raw = v.trim_matches('"');
        assert!(line.contains(&format!("{raw:?}")), "the reason names the value: {line}");
    }
    assert!(lines[0].contains("not a finite number"), "{}", lines[0]);
    assert!(lines[2].contains("is not a number"), "{}", lines[2]);
}
