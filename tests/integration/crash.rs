//! Crash safety: an import or an admin apply killed with SIGKILL at any moment leaves the
//! database as it was before or as it is after, never in between. Real child processes, a
//! real file, killed at spread-out points of the import's own measured duration.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clusterscope::dataset::synthetic::{self, Scale};
use tempfile::TempDir;

const SCALE: Scale = Scale { cities: 40, parks: 120, companies: 12_000, metrics: 3_000, seed: 7 };
/// Points of the full import's duration at which to kill it; the last ones land on the commit.
const KILL_AT: [f64; 9] = [0.02, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95, 1.02];
const ADMIN_TOKEN: &str = "crash-test-admin-token";
/// The apply takes about a second here, but on a loaded 2-core machine it passed the default
/// 10 s request timeout (a 408, which the import's yields let fire): this test is about kills.
const SLOW_MACHINE_TIMEOUT: [&str; 2] = ["--request-timeout-secs", "300"];

fn binary() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clusterscope"));
    cmd.env("RUST_LOG", "error").stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

/// (companies, data version) of a database file.
async fn state_of(db: &Path) -> (i64, i64) {
    let (pool, _) = clusterscope::db::open(db).await.unwrap();
    let companies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies").fetch_one(&pool).await.unwrap();
    let version = clusterscope::db::data_version(&pool).await.unwrap();
    pool.close().await;
    (companies, version)
}

/// `clusterscope check` passes, and the pages serve from the file.
async fn assert_sound_and_serving(db: &Path) {
    let status = binary().arg("check").arg("--db").arg(db).status().unwrap();
    assert!(status.success(), "check failed on {}", db.display());
    let (pool, _) = clusterscope::db::open(db).await.unwrap();
    let server = common::TestServer::serve(TempDir::new().unwrap(), pool).await;
    for path in ["/healthz", "/companies", "/cities", "/"] {
        assert_eq!(server.get(path).await.status, 200, "{path} after a crash");
    }
}

struct Fixture {
    _dir: TempDir,
    base: PathBuf,
    data: PathBuf,
    dir: PathBuf,
}

/// A database with the bundled data (the "before"), and a synthetic dataset to import.
async fn fixture() -> Fixture {
    let dir = TempDir::new().unwrap();
    let base = dir.path().join("base.db");
    let pool = clusterscope::cli::open_with_default_data(&base).await.unwrap();
    clusterscope::db::close(pool).await;
    let data = dir.path().join("synthetic");
    std::fs::create_dir(&data).unwrap();
    synthetic::write(&data, &SCALE).unwrap();
    Fixture { base, data, dir: dir.path().to_path_buf(), _dir: dir }
}

fn copy_of(base: &Path, to: &Path) {
    std::fs::copy(base, to).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_killed_at_any_point_leaves_the_database_before_or_after() {
    let f = fixture().await;
    let before = state_of(&f.base).await;

    let full = f.dir.join("full.db");
    copy_of(&f.base, &full);
    let started = Instant::now();
    assert!(binary().arg("import").arg(&f.data).arg("--db").arg(&full).status().unwrap().success());
    let duration = started.elapsed();
    let after = state_of(&full).await;
    assert_eq!(after, (before.0 + SCALE.companies as i64, before.1 + 1));

    let mut outcomes = Vec::new();
    for (i, fraction) in KILL_AT.iter().enumerate() {
        let db = f.dir.join(format!("run-{i}.db"));
        copy_of(&f.base, &db);
        let mut child = binary().arg("import").arg(&f.data).arg("--db").arg(&db).spawn().unwrap();
        tokio::time::sleep(duration.mul_f64(*fraction)).await;
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let state = state_of(&db).await;
        assert!(state == before || state == after, "kill at {fraction}: {state:?} is neither {before:?} nor {after:?}");
        assert_sound_and_serving(&db).await;
        outcomes.push((fraction, if state == before { "before" } else { "after" }));
    }
    eprintln!("import of {:?} took {duration:?}; outcomes: {outcomes:?}", SCALE);
    assert!(outcomes.iter().any(|(_, o)| *o == "before"), "some kills must land mid-import");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn wait_healthy(base: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while reqwest::get(format!("{base}/healthz")).await.map(|r| r.status().as_u16()).ok() != Some(200) {
        assert!(Instant::now() < deadline, "server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Sends the dataset as an admin apply, with the bearer token.
fn apply(base: String, data: PathBuf) -> tokio::task::JoinHandle<Option<u16>> {
    tokio::spawn(async move {
        let mut form = reqwest::multipart::Form::new().text("action", "apply").text("reason", "crash test");
        for file in [
            "sources.csv",
            "metric_definitions.csv",
            "cities.csv",
            "parks.csv",
            "companies.csv",
            "sectors.csv",
            "metrics.csv",
        ] {
            let part = reqwest::multipart::Part::bytes(std::fs::read(data.join(file)).unwrap()).file_name(file);
            form = form.part("files", part);
        }
        let client = reqwest::Client::new();
        let sent = client.post(format!("{base}/admin/import")).bearer_auth(ADMIN_TOKEN).multipart(form).send().await;
        sent.ok().map(|r| r.status().as_u16())
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_apply_killed_at_any_point_leaves_the_database_before_or_after() {
    let f = fixture().await;
    let before = state_of(&f.base).await;

    // One full apply to learn how long it takes and what "after" is.
    let full = f.dir.join("full.db");
    copy_of(&f.base, &full);
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = binary()
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--admin-token", ADMIN_TOKEN])
        .args(SLOW_MACHINE_TIMEOUT)
        .arg("--db")
        .arg(&full)
        .spawn()
        .unwrap();
    wait_healthy(&base).await;
    let started = Instant::now();
    assert_eq!(apply(base.clone(), f.data.clone()).await.unwrap(), Some(200));
    let duration = started.elapsed();
    let _ = server.kill();
    let _ = server.wait();
    let after = state_of(&full).await;
    assert_eq!(after.0, before.0 + SCALE.companies as i64);

    let mut outcomes = Vec::new();
    for (i, fraction) in KILL_AT.iter().enumerate() {
        let db = f.dir.join(format!("admin-{i}.db"));
        copy_of(&f.base, &db);
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let mut server = binary()
            .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--admin-token", ADMIN_TOKEN])
            .args(SLOW_MACHINE_TIMEOUT)
            .arg("--db")
            .arg(&db)
            .spawn()
            .unwrap();
        wait_healthy(&base).await;
        let request = apply(base, f.data.clone());
        tokio::time::sleep(duration.mul_f64(*fraction)).await;
        let _ = server.kill(); // SIGKILL
        let _ = server.wait();
        let _ = request.await;
        let state = state_of(&db).await;
        assert!(state == before || state == after, "kill at {fraction}: {state:?} is neither {before:?} nor {after:?}");
        assert_sound_and_serving(&db).await;
        outcomes.push((fraction, if state == before { "before" } else { "after" }));
    }
    eprintln!("admin apply took {duration:?}; outcomes: {outcomes:?}");
    assert!(outcomes.iter().any(|(_, o)| *o == "before"), "some kills must land mid-apply");
}
