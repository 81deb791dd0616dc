//! Rows that refer to what they must not: a source address that is not a web link, a row
//! rejected in the same import, a park of another city.

use super::csv_imports::{assert_rejected, csv_file};
use crate::common::{dataset, import_folder, loaded_db, snapshot};

/// Addresses a reader must not be sent to (a script, a page made of data, no scheme, nothing).
const BAD_URLS: [&str; 8] = [
    "javascript:alert(4)",
    "JavaScript://example.org/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://example.org/a b",
    "//evil.example/x",
    "https://",
    "  javascript:alert(1)",
];

#[tokio::test]
async fn source_addresses_that_are_not_web_links_are_rejected() {
    let ids: Vec<String> = (1..=BAD_URLS.len()).map(|i| format!("s{i}")).collect();
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let folder = dataset(&[(
        "sources.csv",
        &csv_file(
            "id,title,publisher,url,accessed",
            &ids.iter().zip(BAD_URLS).map(|(id, url)| vec![id, "T", "P", url, "2026-11-28"]).collect::<Vec<_>>(),
        ),
    )]);
    let report = import_folder(&pool, folder.path()).await;
    let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(!report.applied);
    let expected: Vec<String> = (2..=BAD_URLS.len() + 1).map(|line| format!("sources.csv:{line}: url: ")).collect();
    assert_eq!(lines.len(), expected.len(), "{lines:#?}");
    for (line, prefix) in lines.iter().zip(&expected) {
        assert!(line.starts_with(prefix), "{line} should start with {prefix}");
        assert!(line.contains("is not an http:// or https:// address"), "{line}");
    }
    assert_eq!(snapshot(&pool).await, before);
}

#[tokio::test]
async fn a_row_that_refers_to_a_row_rejected_in_the_same_import_reports_only_the_root_cause() {
    // The format has no self-references: files are read in a fixed order (sources, metric
    // definitions, cities, parks, companies, sectors, metrics), each referring only to files
    // before it. A chain city <- park <- company <- sector, metric whose first link fails is
    // reported once, at the city, and nothing of it is written.
    assert_rejected(
        &[
            ("cities.csv", b"slug,name,country,source_id\nchain-city,Chain,Nowhere,no-such-source\n"),
            ("parks.csv", b"slug,city_slug,name,source_id,quote\nchain-park,chain-city,Park,intheblack-dalian,q\n"),
            (
                "companies.csv",
                b"slug,name,city_slug,park_slug,sector,source_id,quote\n\
                  chain-co,Co,chain-city,chain-park,ito,intheblack-dalian,q\n",
            ),
            ("sectors.csv", b"city_slug,sector,evidence_source_id,quote\nchain-city,ito,intheblack-dalian,q\n"),
            (
                "metrics.csv",
                b"city_slug,metric,year,value,unit,source_id,quote\n\
                  chain-city,population,2040,1,persons,intheblack-dalian,q\n",
            ),
        ],
        &["cities.csv:2: source_id: unknown source \"no-such-source\""],
    )
    .await;
}

#[tokio::test]
async fn a_company_placed_in_a_new_park_of_another_new_city_is_rejected() {
    assert_rejected(
        &[
            (
                "cities.csv",
                b"slug,name,country,source_id\n\
                  east-city,East,Nowhere,intheblack-dalian\n\
                  west-city,West,Nowhere,intheblack-dalian\n",
            ),
            ("parks.csv", b"slug,city_slug,name,source_id,quote\neast-park,east-city,Park,intheblack-dalian,q\n"),
            (
                "companies.csv",
                b"slug,name,city_slug,park_slug,sector,source_id,quote\n\
                  ok-co,Co,east-city,east-park,ito,intheblack-dalian,q\n\
                  astray-co,Co,west-city,east-park,ito,intheblack-dalian,q\n",
            ),
        ],
        &["companies.csv:3: park_slug: park \"east-park\" is in another city than \"west-city\""],
    )
    .await;
}
