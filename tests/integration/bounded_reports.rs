//! An import's report stays small whatever the input: the first thousand problems in full,
//! the rest counted by file, column and kind, and no value echoed at length. The importer,
//! the command line and the admin preview all give the same bounded report.

use crate::common;

use common::{dataset, loaded_db, snapshot};

/// `rows` lines of `X,Y,Z,` under a sectors.csv header: six problems each (three malformed
/// keys, an unknown city and sector, an empty quote) and a repeated key from the second on.
fn bad_sector_rows(rows: usize) -> String {
    let mut csv = String::from("city_slug,sector,evidence_source_id,quote\n");
    for _ in 0..rows {
        csv.push_str("X,Y,Z,\n");
    }
    csv
}

#[tokio::test]
async fn a_hundred_thousand_bad_rows_list_a_thousand_problems_and_count_the_rest() {
    let (_dir, pool) = loaded_db().await;
    let before = snapshot(&pool).await;
    let folder = dataset(&[("sectors.csv", &bad_sector_rows(100_000))]);
    let report = common::import_folder(&pool, folder.path()).await;
    assert!(!report.applied);
    assert_eq!(report.problems.len(), 1000, "the first thousand problems are listed");
    assert_eq!(
        report.problems[0].to_string(),
        "sectors.csv:2: city_slug: \"X\" is not a valid slug: use only a-z, 0-9 and -"
    );
    assert_eq!(report.problem_count, 599_999, "every problem is counted");
    let grouped: u64 = report.more_problems.iter().map(|g| g.count).sum();
    assert_eq!(grouped, 599_999 - 1000, "the unlisted ones by kind");
    let unknown_city = report
        .more_problems
        .iter()
        .find(|g| g.column == "city_slug" && g.reason.starts_with("unknown city"))
        .expect("unknown cities are one kind");
    assert_eq!(unknown_city.file, "sectors.csv");
    assert!(unknown_city.count > 99_000, "{unknown_city:?}");
    assert!(report.more_problems.len() <= 10, "a handful of kinds: {:#?}", report.more_problems);
    assert_eq!(snapshot(&pool).await, before, "nothing written");
}

#[tokio::test]
async fn values_and_column_names_are_echoed_shortened() {
    let (_dir, pool) = loaded_db().await;
    let long_name = "n".repeat(100_000);
    let long_slug = "S".repeat(100_000);
    let header = format!("city_slug,sector,evidence_source_id,quote,{long_name}\n");
    let csv = format!("{header}{long_slug},bpo,intheblack-dalian,q,x\n");
    let folder = dataset(&[("sectors.csv", &csv)]);
    let report = common::import_folder(&pool, folder.path()).await;
    assert!(!report.problems.is_empty());
    for p in &report.problems {
        assert!(p.column.len() <= 100, "column {} bytes long", p.column.len());
        assert!(p.reason.len() <= 400, "reason {} bytes long: {}…", p.reason.len(), &p.reason[..200]);
    }
    assert!(report.problems[0].column.starts_with("nnnn") && report.problems[0].column.ends_with('…'));

    // A header of many unknown columns: a thousand listed, the rest one kind.
    let names: Vec<String> = (0..20_000).map(|i| format!("extra{i}")).collect();
    let csv = format!("city_slug,sector,evidence_source_id,quote,{}\n", names.join(","));
    let folder = dataset(&[("sectors.csv", &csv)]);
    let report = common::import_folder(&pool, folder.path()).await;
    assert_eq!(report.problems.len(), 1000);
    assert_eq!(report.problem_count, 20_000);
    assert_eq!(report.more_problems.len(), 1, "{:#?}", report.more_problems);
    assert_eq!(report.more_problems[0].column, "(unknown column)");
    assert_eq!(report.more_problems[0].count, 19_000);
}

#[test]
fn the_command_line_prints_the_first_thousand_and_a_line_per_kind() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("x.db");
    let folder = dataset(&[("sectors.csv", &bad_sector_rows(20_000))]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_clusterscope"))
        .env("RUST_LOG", "warn")
        .arg("import")
        .arg(folder.path())
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The import's progress lines (`sectors.csv: 20,000 rows read in 1.1s`) come first; the
    // report of problems is the rest.
    let progress = |l: &&str| !l.starts_with(' ') && l.split(": ").next().is_some_and(|f| f.ends_with(".csv"));
    let lines: Vec<&str> = stderr.lines().filter(|l| !progress(l)).collect();
    assert!(stderr.lines().any(|l| progress(&l)), "{stderr}");
    assert!(lines.len() < 1020, "{} lines", lines.len());
    assert_eq!(lines[0], "sectors.csv:2: city_slug: \"X\" is not a valid slug: use only a-z, 0-9 and -");
    assert_eq!(lines[1000], "and 118999 more problems of these kinds:");
    assert!(
        lines.contains(&"  sectors.csv: quote: is required but empty (19833 times)"),
        "{}",
        lines[1000..].join("\n")
    );
    assert_eq!(lines.last().unwrap(), &"119999 problems; nothing was imported");
}

const TOKEN: &str = "a-long-enough-admin-token";

#[tokio::test]
async fn the_admin_preview_of_many_bad_rows_is_a_small_answer() {
    use reqwest::multipart::{Form, Part};
    let s = common::TestServer::start_configured(clusterscope::web::Settings::default(), Some(TOKEN)).await;
    let csv = bad_sector_rows(20_000);
    let upload = || {
        Form::new()
            .text("action", "preview")
            .part("files", Part::bytes(csv.clone().into_bytes()).file_name("sectors.csv"))
    };
    let client = reqwest::Client::new();
    let r = client
        .post(s.url("/admin/import"))
        .bearer_auth(TOKEN)
        .header("accept", "application/json")
        .multipart(upload())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.len() < 300_000, "{} bytes", body.len());
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["report"]["problems"].as_array().unwrap().len(), 1000);
    assert_eq!(v["report"]["problem_count"], 119_999);
    let kinds = v["report"]["more_problems"].as_array().unwrap();
    let empty_quotes = kinds.iter().find(|g| g["column"] == "quote").unwrap();
    assert_eq!(empty_quotes["count"], 19_833);
    assert_eq!(empty_quotes["reason"], "is required but empty");

    let page = client.post(s.url("/admin/import")).bearer_auth(TOKEN).multipart(upload()).send().await.unwrap();
    assert_eq!(page.status(), 422);
    let page = page.text().await.unwrap();
    assert!(page.contains("119999 problems"));
    assert!(page.contains("and 118999 more problems of these kinds"));
    assert!(page.contains(
        "<td>sectors.csv</td><td><code>quote</code></td><td>is required but empty</td><td class=\"num\">19833</td>"
    ));
}

#[tokio::test]
async fn a_preview_that_runs_past_the_request_timeout_is_cut_short() {
    use reqwest::multipart::{Form, Part};
    let limits = clusterscope::config::Limits { request_timeout_secs: 1, ..Default::default() };
    let settings = clusterscope::web::Settings { limits, ..Default::default() };
    let s = common::TestServer::start_configured(settings, Some(TOKEN)).await;
    let form = Form::new()
        .text("action", "preview")
        .part("files", Part::bytes(bad_sector_rows(400_000).into_bytes()).file_name("sectors.csv"));
    let started = std::time::Instant::now();
    let r =
        reqwest::Client::new().post(s.url("/admin/import")).bearer_auth(TOKEN).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 408);
    // Without the yield the whole file was read first: 26 s in a debug build.
    assert!(started.elapsed() < std::time::Duration::from_secs(6), "answered after {:?}", started.elapsed());
    // The import was dropped half-way: its transaction is gone and the database serves on.
    assert_eq!(s.get("/cities/dalian").await.status, 200);
    assert_eq!(clusterscope::db::data_version(&s.pool).await.unwrap(), 1);
}
