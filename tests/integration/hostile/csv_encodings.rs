//! Files that are not UTF-8 (Latin-1, UTF-16, binary) are reported where they stop being
//! text; a UTF-8 byte-order mark and mixed line ends are accepted.

use super::csv_imports::{METRICS_HEADER, assert_applied, assert_rejected, metric_quotes};
use crate::common::{dataset, import_folder, loaded_db, snapshot};

#[tokio::test]
async fn latin1_text_is_reported_at_the_field_or_header_that_is_not_utf8() {
    assert_rejected(
        &[
            ("cities.csv", b"slug,name,country,source_id\nmunich,M\xfcnchen,Germany,intheblack-dalian\n"),
            ("sources.csv", b"id,t\xeftle,publisher,url,accessed\ns1,T,P,https://example.org,2026-11-28\n"),
        ],
        &["sources.csv:1: (header): the header is not valid UTF-8 text", "cities.csv:2: name: is not valid UTF-8 text"],
    )
    .await;
}

/// `text` in UTF-16, little or big endian, with its byte-order mark.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() });
    }
    out
}

#[tokio::test]
async fn utf16_files_are_reported_as_not_utf8_at_their_header() {
    let metrics = format!("{METRICS_HEADER}\r\ndalian,population,2040,1,persons,intheblack-dalian,q\r\n");
    assert_rejected(
        &[
            ("metrics.csv", &utf16(&metrics, true)),
            ("sectors.csv", &utf16("city_slug,sector,evidence_source_id,quote\n", false)),
        ],
        &[
            "sectors.csv:1: (header): the header is not valid UTF-8 text",
            "metrics.csv:1: (header): the header is not valid UTF-8 text",
        ],
    )
    .await;
    // Without a byte-order mark the NUL bytes are valid UTF-8: the header names are unknown.
    let bare: Vec<u8> = utf16(&metrics, true)[2..].to_vec();
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let folder = dataset(&[]);
    std::fs::write(folder.path().join("metrics.csv"), &bare).unwrap();
    let report = import_folder(&pool, folder.path()).await;
    assert!(!report.applied && !report.problems.is_empty());
    for p in &report.problems {
        assert_eq!((p.file.as_str(), p.line), ("metrics.csv", 1), "{p}");
        assert!(p.reason.contains("column"), "{p}");
    }
    assert_eq!(snapshot(&pool).await, before);
}

#[tokio::test]
async fn a_utf8_byte_order_mark_is_accepted() {
    let metrics =
        format!("\u{feff}{METRICS_HEADER}\r\ndalian,population,2040,1,persons,intheblack-dalian,with a BOM\r\n");
    let (_dir, pool) = assert_applied(&[("metrics.csv", metrics.as_bytes())]).await;
    assert_eq!(metric_quotes(&pool, 2040).await, [("dalian".to_string(), "with a BOM".to_string(), 1.0)]);
}

#[tokio::test]
async fn a_binary_file_is_reported_at_its_header() {
    // A PNG signature, then noise.
    let mut binary = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut x: u32 = 0x1234_5678;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        binary.push(x as u8);
    }
    assert_rejected(&[("metrics.csv", &binary)], &["metrics.csv:1: (header): the header is not valid UTF-8 text"])
        .await;
}

#[tokio::test]
async fn mixed_crlf_and_lf_line_ends_are_accepted() {
    let metrics = format!(
        "{METRICS_HEADER}\r\n\
         dalian,population,2040,1,persons,intheblack-dalian,crlf\r\n\
         bangalore,population,2040,2,persons,intheblack-dalian,lf\n\
         berlin,population,2040,3,persons,intheblack-dalian,\"quoted\r\nacross lines\"\n\
         london,population,2040,4,persons,intheblack-dalian,last without a line end"
    );
    let (_dir, pool) = assert_applied(&[("metrics.csv", metrics.as_bytes())]).await;
    let rows: Vec<(String, String)> = metric_quotes(&pool, 2040).await.into_iter().map(|(c, q, _)| (c, q)).collect();
    let expected = [
        ("bangalore", "lf"),
        ("berlin", "quoted\r\nacross lines"),
        ("dalian", "crlf"),
        ("london", "last without a line end"),
    ]
    .map(|(c, q)| (c.to_string(), q.to_string()));
    assert_eq!(rows, expected);
}
