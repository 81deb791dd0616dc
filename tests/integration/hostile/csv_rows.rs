//! Empty files, header-only files, ragged rows, huge fields, unterminated quotes and repeated
//! keys: each reported at its line, and nothing written.

use super::csv_imports::{METRICS_HEADER, assert_rejected, metric_quotes};
use crate::common::{dataset, import_folder, loaded_db, snapshot};

#[tokio::test]
async fn an_empty_file_is_reported() {
    assert_rejected(&[("cities.csv", b"")], &["cities.csv:1: (file): is empty: it needs at least a header row"]).await;
}

#[tokio::test]
async fn a_header_only_file_is_a_valid_import_of_zero_rows() {
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let folder = dataset(&[("metrics.csv", METRICS_HEADER), ("parks.csv", "slug,city_slug,name,source_id,quote\r\n")]);
    let report = import_folder(&pool, folder.path()).await;
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.applied && !report.changes_anything());
    assert_eq!(report.files.len(), 2);
    assert!(report.files.iter().all(|f| f.rows == 0), "{:?}", report.files);
    assert_eq!(snapshot(&pool).await, before);
}

#[tokio::test]
async fn ragged_rows_with_too_few_or_too_many_fields_are_reported() {
    let metrics = format!(
        "{METRICS_HEADER}\n\
         dalian,population,2040,1,persons,intheblack-dalian\n\
         dalian,population,2041,1,persons,intheblack-dalian,q,extra\n\
         dalian\n\
         dalian,population,2042,1,persons,intheblack-dalian,fine\n"
    );
    assert_rejected(
        &[("metrics.csv", metrics.as_bytes())],
        &[
            "metrics.csv:2: (row): has 6 fields but the header has 7",
            "metrics.csv:3: (row): has 8 fields but the header has 7",
            "metrics.csv:4: (row): has 1 fields but the header has 7",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_five_megabyte_quote_is_rejected_for_its_length() {
    let huge = "x".repeat(5 * 1024 * 1024);
    let metrics = format!("{METRICS_HEADER}\ndalian,population,2040,1,persons,intheblack-dalian,\"{huge}\"\n");
    assert_rejected(
        &[("metrics.csv", metrics.as_bytes())],
        &["metrics.csv:2: quote: is 5242880 bytes long; the limit is 4000"],
    )
    .await;
}

#[tokio::test]
async fn duplicate_keys_are_rejected_at_the_repeat() {
    assert_rejected(
        &[
            (
                "sources.csv",
                b"id,title,publisher,url,accessed\n\
                  dup-src,T,P,https://example.org,2026-11-28\n\
                  dup-src,T2,P,https://example.org,2026-11-28\n",
            ),
            (
                "parks.csv",
                b"slug,city_slug,name,source_id,quote\n\
                  dup-park,dalian,P,intheblack-dalian,q\n\
                  other-park,dalian,P,intheblack-dalian,q\n\
                  dup-park,berlin,P,intheblack-dalian,q\n",
            ),
            (
                "sectors.csv",
                b"city_slug,sector,evidence_source_id,quote\n\
                  berlin,fintech,intheblack-dalian,q\n\
                  berlin,fintech,intheblack-dalian,q again\n",
            ),
        ],
        &[
            "sources.csv:3: id: duplicate key \"dup-src\": already on line 2",
            "parks.csv:4: slug: duplicate key \"dup-park\": already on line 2",
            "sectors.csv:3: sector: duplicate key \"berlin/fintech\": already on line 2",
        ],
    )
    .await;
}

#[tokio::test]
async fn an_unterminated_quoted_field_is_reported() {
    // At the very end of the file, and where it swallows the rows after it.
    let at_end = format!("{METRICS_HEADER}\ndalian,population,2040,1,persons,intheblack-dalian,\"never closed");
    let swallowing = format!(
        "{METRICS_HEADER}\n\
         dalian,population,2040,1,persons,intheblack-dalian,\"never closed\n\
         dalian,population,2041,2,persons,intheblack-dalian,a row of its own\n"
    );
    for file in [at_end, swallowing] {
        let (_dir, pool) = loaded_db().await;
        let before = snapshot(&pool).await;
        let folder = dataset(&[("metrics.csv", &file)]);
        let report = import_folder(&pool, folder.path()).await;
        let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            !report.applied && lines.iter().any(|l| l.starts_with("metrics.csv:2: ")),
            "an unterminated quote on line 2 must be reported there, got {lines:?}; stored: {:?}",
            metric_quotes(&pool, 2040).await
        );
        assert_eq!(snapshot(&pool).await, before);
    }
}
