//! Running it: limits that keep the server answering, security headers on every response,
//! graceful shutdown, and the `backup` and `check` commands on real files and processes.

use crate::common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clusterscope::config::Limits;
use clusterscope::web::Settings;
use common::TestServer;

fn binary() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clusterscope"));
    cmd.env("RUST_LOG", "warn").env_remove("CLUSTERSCOPE_DB").env_remove("CLUSTERSCOPE_ADMIN_TOKEN");
    cmd
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let s = TestServer::start().await;
    for path in [
        "/",
        "/cities/atlantis",
        "/cities?sector=x",
        "/compare.json?city=x",
        "/healthz",
        "/no/such",
        "/api",
        "/openapi.json",
        "/compare/chart.svg?city=x",
    ] {
        let r = s.get(path).await;
        let csp = r.header("content-security-policy");
        for directive in ["default-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"] {
            assert!(csp.contains(directive), "{path}: {directive} in {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(r.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(r.header("referrer-policy"), "strict-origin-when-cross-origin", "{path}");
        assert!(r.header("permissions-policy").contains("camera=()"), "{path}");
        assert_eq!(r.header("cross-origin-opener-policy"), "same-origin", "{path}");
        assert_eq!(r.header("strict-transport-security"), "", "no HSTS over plain HTTP");
    }
    // The exported file is a download, not a page: it keeps inline styles and may fetch nothing.
    let export = s.get("/compare/export").await;
    let csp = export.header("content-security-policy");
    assert!(csp.starts_with("default-src 'none'") && csp.contains("style-src 'unsafe-inline'"), "{csp}");
    // So is the chart file: its own <style>, nothing loaded, not to be framed.
    let svg = s.get("/compare/chart.svg?city=dalian&city=bangalore").await;
    let csp = svg.header("content-security-policy");
    assert!(csp.starts_with("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    // The embeds are the pages made to be framed: the same policy but for the frame ancestors.
    let embed = s.get("/embed/compare?city=dalian&city=bangalore").await;
    let csp = embed.header("content-security-policy");
    assert!(csp.starts_with("default-src 'self'") && csp.ends_with("frame-ancestors *"), "{csp}");
    assert_eq!(embed.header("x-frame-options"), "");

    let tls = TestServer::start_configured(Settings { hsts: true, ..Settings::default() }, None).await;
    assert!(tls.get("/").await.header("strict-transport-security").starts_with("max-age="));
}

#[tokio::test]
async fn an_overlong_address_gets_414() {
    let s = TestServer::start().await;
    let long = format!("/cities?country={}", "x".repeat(5000));
    let r = s.get(&long).await;
    assert_eq!(r.status, 414);
    assert!(r.body.contains("at most 4096 are accepted"));
    assert!(r.body.contains("<title>414"), "the site's own error page");
    let json = s.get(&format!("/cities.json?country={}", "x".repeat(5000))).await;
    assert_eq!(json.status, 414);
    assert!(json.header("content-type").starts_with("application/json"));
    // Under the limit the address is read: an unknown country of 3,000 letters is a 400 that
    // names the parameter, not a 414.
    let long_enough = s.get(&format!("/cities?country={}", "x".repeat(3000))).await;
    assert_eq!(long_enough.status, 400);
    assert!(long_enough.body.contains("parameter <code>country</code>"));
}

// A request that runs past --request-timeout-secs gets 408: see
// tests/integration/bounded_reports.rs, a_preview_that_runs_past_the_request_timeout_is_cut_short.

#[tokio::test]
async fn a_per_address_rate_limit_answers_429_when_configured() {
    let limits = Limits { rate_limit: 1, rate_burst: 3, ..Limits::default() };
    let s = TestServer::start_configured(Settings { limits: limits.clone(), ..Settings::default() }, None).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(s.get("/healthz").await.status);
    }
    assert_eq!(&statuses[..3], [200, 200, 200]);
    assert!(statuses[3..].contains(&429), "{statuses:?}");
    // Behind a trusted proxy each forwarded client has its own allowance.
    let localhost = "127.0.0.1".parse().unwrap();
    let settings = Settings { limits, trusted_proxies: vec![localhost], ..Settings::default() };
    let proxied = TestServer::start_configured(settings, None).await;
    let from = |client: &'static str| {
        reqwest::Client::new().get(proxied.url("/healthz")).header("x-forwarded-for", client).send()
    };
    let mut first = Vec::new();
    for _ in 0..6 {
        first.push(from("198.51.100.7").await.unwrap().status().as_u16());
    }
    assert!(first.contains(&429), "{first:?}");
    assert_eq!(from("198.51.100.8").await.unwrap().status(), 200, "another client behind the proxy");
    // Off by default.
    let open = TestServer::start().await;
    for _ in 0..20 {
        assert_eq!(open.get("/healthz").await.status, 200);
    }
}

#[tokio::test]
async fn list_pages_have_a_maximum_size() {
    let limits = Limits { max_page_size: 20, ..Limits::default() };
    let s = TestServer::start_configured(Settings { limits, ..Settings::default() }, None).await;
    let r = s.get("/companies?per_page=20").await;
    assert_eq!(r.body.matches("<tr id=\"company-").count(), 20);
    assert!(r.body.contains("href=\"/companies?per_page=20&#38;after="), "paging keeps the size");
    let r = s.get("/companies?per_page=21").await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("parameter <code>per_page</code>"));
}

#[tokio::test]
async fn backup_copies_a_live_database_and_check_vouches_for_it() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("live.db");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = binary()
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--db"])
        .arg(&db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while reqwest::get(format!("{base}/healthz")).await.map(|r| r.status().as_u16()).ok() != Some(200) {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Back up while the server serves.
    let pages = tokio::spawn(async move {
        for _ in 0..50 {
            assert_eq!(reqwest::get(format!("{base}/cities/dalian")).await.unwrap().status(), 200);
        }
    });
    let copy = dir.path().join("copy.db");
    let out = binary().arg("backup").arg(&copy).arg("--db").arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    pages.await.unwrap();
    let _ = server.kill();
    let _ = server.wait();

    let out = binary().arg("check").arg("--db").arg(&copy).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(": ok"));
    let (pool, _) = clusterscope::db::open(&copy).await.unwrap();
    let metrics: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM metrics").fetch_one(&pool).await.unwrap();
    assert_eq!(metrics, 735, "the copy holds the data");

    // A backup never overwrites a file.
    let again = binary().arg("backup").arg(&copy).arg("--db").arg(&db).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
}

#[tokio::test]
async fn check_reports_broken_references_and_exits_1() {
    let (dir, pool) = common::loaded_db().await;
    let path = dir.path().join("test.db");
    // Break a reference behind the database's back (foreign keys off for this connection).
    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("PRAGMA foreign_keys = OFF").execute(&mut *conn).await.unwrap();
    sqlx::query("UPDATE metrics SET city_id = 999 WHERE id = 1").execute(&mut *conn).await.unwrap();
    drop(conn);
    clusterscope::db::close(pool).await;
    let out = binary().arg("check").arg("--db").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("metrics row 1 refers to a missing row of cities"), "{stderr}");

    let missing = binary().args(["check", "--db", "/no/such/file.db"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(!std::path::Path::new("/no/such/file.db").exists(), "check never creates a database");
}

#[tokio::test]
async fn sigterm_finishes_requests_checkpoints_the_log_and_exits_0() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("s.db");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = binary()
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--db"])
        .arg(&db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while reqwest::get(format!("{base}/healthz")).await.map(|r| r.status().as_u16()).ok() != Some(200) {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let in_flight = tokio::spawn({
        let base = base.clone();
        async move { reqwest::get(format!("{base}/compare/export")).await.map(|r| r.status().as_u16()) }
    });
    tokio::time::sleep(Duration::from_millis(5)).await;
    let killed = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "the server did not stop");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(status.code(), Some(0), "a graceful stop exits 0");
    assert_eq!(in_flight.await.unwrap().unwrap(), 200, "the request in flight was answered");
    let wal = dir.path().join("s.db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0, "the write-ahead log was checkpointed");
    assert!(reqwest::get(format!("{base}/healthz")).await.is_err(), "no longer accepting");
}
