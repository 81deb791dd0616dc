//! The importer against a real SQLite file: the bundled dataset loads, re-importing changes
//! nothing, and every class of bad input is rejected with its location while the database
//! stays exactly as it was.

use crate::common;

use common::{dataset, empty_db, import_folder, loaded_db, snapshot};
use sqlx::SqlitePool;

async fn count(pool: &SqlitePool, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"))).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn the_bundled_dataset_loads_completely() {
    let (_dir, pool) = loaded_db().await;
    for (table, rows) in [
        ("cities", 18),
        ("parks", 39),
        ("companies", 145),
        ("metrics", 735),
        ("sources", 544),
        ("fx_rates", 212),
        ("city_sectors", 72),
        ("metric_definitions", 130),
        ("sectors", 12),
    ] {
        assert_eq!(count(&pool, table).await, rows, "{table}");
    }
    assert_eq!(clusterscope::db::data_version(&pool).await.unwrap(), 1);
    let dalian_sources: Vec<String> = sqlx::query_scalar(
        "SELECT x.source_id FROM company_sources x JOIN companies c ON c.id = x.company_id
         WHERE c.slug = 'sap-dalian' ORDER BY x.position",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(dalian_sources, ["intheblack-dalian", "capecodtimes-2007"], "multi-source ids keep their order");
}

#[tokio::test]
async fn importing_the_bundled_folder_again_changes_nothing() {
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let report = import_folder(&pool, &common::data_dir()).await;
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.applied);
    assert!(!report.changes_anything());
    for f in &report.files {
        assert_eq!(f.new + f.changed, 0, "{}", f.file);
        assert_eq!(f.unchanged, f.rows, "{}", f.file);
    }
    assert_eq!(report.data_version, 1);
    assert_eq!(snapshot(&pool).await, before);
}

#[tokio::test]
async fn an_import_upserts_by_key_and_bumps_the_data_version() {
    let (_dir, pool) = loaded_db().await;
    let folder = dataset(&[
        ("cities.csv", "slug,name,country,source_id\nhyderabad,Hyderabad,India,sco-wiki-bangalore\n"),
        (
            "metrics.csv",
            "city_slug,metric,year,value,unit,source_id,quote\n\
             dalian,it_revenue_usd,2013,21700000000,USD,intheblack-dalian,a corrected quote\n\
             hyderabad,it_companies,2020,1500,count,sco-wiki-bangalore,1500 firms\n",
        ),
    ]);
    let report = import_folder(&pool, folder.path()).await;
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let metrics = report.files.iter().find(|f| f.file == "metrics.csv").unwrap();
    assert_eq!((metrics.new, metrics.changed, metrics.unchanged), (1, 1, 0));
    assert!(metrics.changed_keys.contains(&"dalian/it_revenue_usd/2013/intheblack-dalian".to_string()));
    assert_eq!(report.data_version, 2);
    let quote: String = sqlx::query_scalar(
        "SELECT quote FROM metrics m JOIN cities c ON c.id = m.city_id
         WHERE c.slug = 'dalian' AND metric = 'it_revenue_usd' AND year = 2013",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(quote, "a corrected quote");
    assert_eq!(count(&pool, "cities").await, 19);
}

/// Imports `files` into the bundled database and checks that it fails with a problem that
/// starts with each of `expected`, and that the database is exactly as before.
async fn assert_rejected(files: &[(&str, &str)], expected: &[&str]) {
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let folder = dataset(files);
    let report = import_folder(&pool, folder.path()).await;
    let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(!report.applied, "a dataset with problems must not be applied");
    for e in expected {
        assert!(lines.iter().any(|l| l.starts_with(e)), "expected a problem starting with {e:?}, got {lines:#?}");
    }
    assert_eq!(lines.len(), expected.len(), "exactly the expected problems: {lines:#?}");
    assert_eq!(snapshot(&pool).await, before, "a failed import must change nothing");
}

const GOOD_SOURCE: &str = "id,title,publisher,url,published_year,accessed\n\
    new-source,A title,A publisher,https://example.org/a,2020,2026-11-28\n";

#[tokio::test]
async fn unknown_and_missing_columns_are_rejected() {
    assert_rejected(
        &[
            ("sources.csv", GOOD_SOURCE),
            ("cities.csv", "slug,name,country,source_id,mayor\nx,X,Y,new-source,Z\n"),
            ("metrics.csv", "city_slug,metric,year,value,unit,quote\ndalian,population,2020,1,persons,q\n"),
        ],
        &["cities.csv:1: mayor: unknown column", "metrics.csv:1: source_id: required column is missing"],
    )
    .await;
}

#[tokio::test]
async fn values_of_the_wrong_type_are_rejected() {
    assert_rejected(
        &[
            (
                "parks.csv",
                "slug,city_slug,name,opened_year,companies,foreign_share,source_id,quote\n\
                 p1,dalian,Park,nineteen-ninety,12,0.5,intheblack-dalian,q\n\
                 p2,dalian,Park,1999,many,1.5,intheblack-dalian,q\n",
            ),
            (
                "metrics.csv",
                "city_slug,metric,year,value,unit,source_id,quote\n\
                 dalian,population,2020,6 million,persons,intheblack-dalian,q\n",
            ),
        ],
        &[
            "parks.csv:2: opened_year:",
            "parks.csv:3: companies:",
            "parks.csv:3: foreign_share: 1.5 is out of range",
            "metrics.csv:2: value:",
        ],
    )
    .await;
}

#[tokio::test]
async fn values_that_are_not_finite_numbers_are_rejected() {
    assert_rejected(
        &[(
            "metrics.csv",
            "city_slug,metric,year,value,unit,source_id,quote\n\
             dalian,population,2001,NaN,persons,intheblack-dalian,q\n\
             dalian,population,2002,inf,persons,intheblack-dalian,q\n\
             dalian,population,2003,1e400,persons,intheblack-dalian,q\n\
             dalian,population,2004,10^308,persons,intheblack-dalian,q\n",
        )],
        &["metrics.csv:2: value:", "metrics.csv:3: value:", "metrics.csv:4: value:", "metrics.csv:5: value:"],
    )
    .await;
}

#[tokio::test]
async fn unknown_references_are_rejected() {
    assert_rejected(
        &[
            ("parks.csv", "slug,city_slug,name,source_id,quote\nnew-park,atlantis,Park,intheblack-dalian,q\n"),
            (
                "companies.csv",
                "slug,name,city_slug,park_slug,sector,source_id,quote\n\
                 new-co,Co,dalian,nowhere-park,ito,intheblack-dalian,q\n\
                 new-co-2,Co,dalian,,ito,no-such-source,q\n",
            ),
            (
                "metrics.csv",
                "city_slug,metric,year,value,unit,source_id,quote\natlantis,population,2020,1,persons,intheblack-dalian,q\n",
            ),
        ],
        &[
            "parks.csv:2: city_slug: unknown city \"atlantis\"",
            "companies.csv:2: park_slug: unknown park \"nowhere-park\"",
            "companies.csv:3: source_id: unknown source \"no-such-source\"",
            "metrics.csv:2: city_slug: unknown city \"atlantis\"",
        ],
    )
    .await;
}

#[tokio::test]
async fn unknown_sectors_and_metrics_are_rejected() {
    assert_rejected(
        &[
            ("sectors.csv", "city_slug,sector,evidence_source_id,quote\ndalian,blockchain,intheblack-dalian,q\n"),
            (
                "companies.csv",
                "slug,name,city_slug,sector,source_id,quote\nnew-co,Co,dalian,mining,intheblack-dalian,q\n",
            ),
            (
                "metrics.csv",
                "city_slug,metric,year,value,unit,source_id,quote\ndalian,hotel_rooms,2020,1,USD,intheblack-dalian,q\n",
            ),
        ],
        &[
            "sectors.csv:2: sector: unknown sector \"blockchain\"",
            "companies.csv:2: sector: unknown sector \"mining\"",
            "metrics.csv:2: metric: unknown metric \"hotel_rooms\"",
        ],
    )
    .await;
}

#[tokio::test]
async fn duplicate_keys_within_the_import_are_rejected() {
    assert_rejected(
        &[
            (
                "cities.csv",
                "slug,name,country,source_id\nnew-city,A,B,intheblack-dalian\nnew-city,A2,B,intheblack-dalian\n",
            ),
            (
                "metrics.csv",
                "city_slug,metric,year,value,unit,source_id,quote\n\
                 dalian,population,2020,1,persons,intheblack-dalian,q\n\
                 dalian,population,2020,2,persons,intheblack-dalian,q2\n",
            ),
        ],
        &["cities.csv:3: slug: duplicate key \"new-city\"", "metrics.csv:3: year: duplicate key"],
    )
    .await;
}

#[tokio::test]
async fn empty_and_malformed_slugs_are_rejected() {
    assert_rejected(
        &[(
            "cities.csv",
            "slug,name,country,source_id\n,Nameless,B,intheblack-dalian\nDalian City,A,B,intheblack-dalian\nok-city,A,B,Bad_Source\n",
        )],
        &[
            "cities.csv:2: slug: is required but empty",
            "cities.csv:3: slug: \"Dalian City\" is not a valid slug",
            "cities.csv:4: source_id: \"Bad_Source\" is not a valid source id",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_company_in_a_park_of_another_city_is_rejected() {
    assert_rejected(
        &[(
            "companies.csv",
            "slug,name,city_slug,park_slug,sector,source_id,quote\nnew-co,Co,berlin,dalian-software-park,ito,intheblack-dalian,q\n",
        )],
        &["companies.csv:2: park_slug: park \"dalian-software-park\" is in another city"],
    )
    .await;
}

#[tokio::test]
async fn source_addresses_must_be_web_links() {
    assert_rejected(
        &[(
            "sources.csv",
            "id,title,publisher,url,accessed\nevil,T,P,javascript:alert(1),2026-11-28\nodd,T,P,https://example.org,28/11/2026\n",
        )],
        &["sources.csv:2: url:", "sources.csv:3: accessed:"],
    )
    .await;
}

#[tokio::test]
async fn ragged_rows_and_misspelt_files_are_reported() {
    assert_rejected(
        &[("citties.csv", "slug\n"), ("cities.csv", "slug,name,country,source_id\nx,X,Y\n")],
        &[
            "citties.csv:1: (file): not a file of the dataset format",
            "cities.csv:2: (row): has 3 fields but the header has 4",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_metric_row_must_use_its_catalogue_unit() {
    assert_rejected(
        &[(
            "metrics.csv",
            "city_slug,metric,year,value,unit,source_id,quote\ndalian,it_revenue_usd,2020,1,EUR,intheblack-dalian,q\n",
        )],
        &["metrics.csv:2: unit: \"EUR\" differs from the unit \"USD\""],
    )
    .await;
}

#[tokio::test]
async fn a_folder_may_define_new_metrics_and_rows_that_use_them() {
    let (_dir, pool) = loaded_db().await;
    let folder = dataset(&[
        (
            "metric_definitions.csv",
            "metric,label,unit,family,scope,higher_is_better,description\n\
             coworking_spaces,Coworking spaces,count,coworking_spaces,city,true,Coworking spaces in the city.\n",
        ),
        (
            "metrics.csv",
            "city_slug,metric,year,value,unit,source_id,quote\ndalian,coworking_spaces,2020,12,count,intheblack-dalian,twelve spaces\n",
        ),
    ]);
    let report = import_folder(&pool, folder.path()).await;
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(count(&pool, "metric_definitions").await, 131);
}

#[tokio::test]
async fn metric_definitions_are_checked_too() {
    assert_rejected(
        &[("metric_definitions.csv", "metric,label,unit,family,scope,higher_is_better\nm1,M,count,f,planet,maybe\n")],
        &["metric_definitions.csv:2: scope:", "metric_definitions.csv:2: higher_is_better:"],
    )
    .await;
}

#[tokio::test]
async fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let (_dir, pool) = empty_db().await;
    let folder = dataset(&[(
        "sources.csv",
        "\u{feff}id,title,publisher,url,accessed\r\ns1,T,P,https://example.org,2026-11-28\r\n",
    )]);
    let report = import_folder(&pool, folder.path()).await;
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(count(&pool, "sources").await, 1);
}

#[tokio::test]
async fn text_that_is_not_utf8_is_reported_by_column() {
    let (_dir, pool) = empty_db().await;
    let before = snapshot(&pool).await;
    let folder = common::dataset(&[]);
    std::fs::write(
        folder.path().join("sources.csv"),
        b"id,title,publisher,url,accessed\ns1,Caf\xe9,P,https://example.org,2026-11-28\n",
    )
    .unwrap();
    let report = import_folder(&pool, folder.path()).await;
    let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(lines, ["sources.csv:2: title: is not valid UTF-8 text"]);
    assert_eq!(snapshot(&pool).await, before);
}

async fn company_indexes(pool: &SqlitePool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN ('companies', 'company_sources')
         ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_bulk_load_rebuilds_its_indexes_and_a_failed_one_keeps_them() {
    use clusterscope::dataset::synthetic::{Scale, write};
    let (_dir, pool) = loaded_db().await;
    let indexes = company_indexes(&pool).await;
    assert!(indexes.len() >= 6, "{indexes:?}");

    // Big enough for bulk mode (secondary indexes dropped, then rebuilt in the transaction).
    let folder = tempfile::TempDir::new().unwrap();
    write(folder.path(), &Scale { cities: 10, parks: 20, companies: 52_000, metrics: 100, seed: 3 }).unwrap();
    let report = import_folder(&pool, folder.path()).await;
    assert!(report.problems.is_empty(), "{:?}", &report.problems[..report.problems.len().min(3)]);
    assert!(report.files.iter().find(|f| f.file == "companies.csv").unwrap().bulk, "loaded in bulk mode");
    assert_eq!(count(&pool, "companies").await, 52_145);
    assert_eq!(company_indexes(&pool).await, indexes, "every index and trigger is back");
    let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM company_search WHERE company_search MATCH '\"51999\"'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(found, 1, "the search index was rebuilt with the bulk-loaded companies");

    // A bulk load that fails at its last row leaves the indexes (and everything else) as they were.
    let bigger = tempfile::TempDir::new().unwrap();
    write(bigger.path(), &Scale { cities: 10, parks: 20, companies: 58_000, metrics: 100, seed: 4 }).unwrap();
    let companies = bigger.path().join("companies.csv");
    let mut text = std::fs::read_to_string(&companies).unwrap();
    text.push_str("broken-row,Broken,syn-city-00001,,not-a-sector,syn-source-00001,q\r\n");
    std::fs::write(&companies, text).unwrap();
    let version = clusterscope::db::data_version(&pool).await.unwrap();
    let report = import_folder(&pool, bigger.path()).await;
    assert!(!report.applied);
    assert!(report.files.iter().find(|f| f.file == "companies.csv").unwrap().bulk, "loaded in bulk mode");
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_eq!(company_indexes(&pool).await, indexes);
    assert_eq!(count(&pool, "companies").await, 52_145);
    assert_eq!(clusterscope::db::data_version(&pool).await.unwrap(), version);
}

#[tokio::test]
async fn presets_name_two_to_eight_known_cities_once() {
    let nine = "dalian;bangalore;metro-manila;silicon-valley;london;berlin;pune;chennai;tokyo";
    assert_rejected(
        &[(
            "presets.csv",
            &format!(
                "id,label,description,cities\nasia,Asia,,dalian;atlantis\nbig,Big,,{nine}\none,One,,dalian\n\
                 twice,Twice,,dalian;pune;dalian\nasia,Again,,dalian;pune\n"
            ),
        )],
        &[
            "presets.csv:2: cities: unknown city \"atlantis\"",
            "presets.csv:3: cities: a preset has 2 to 8 cities; this one has 9",
            "presets.csv:4: cities: a preset has 2 to 8 cities; this one has 1",
            "presets.csv:5: cities: city slug \"dalian\" is listed twice",
            "presets.csv:6: id:",
        ],
    )
    .await;
}
