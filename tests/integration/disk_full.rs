//! A full disk, made for real: a small tmpfs holding the database, filled almost to the brim.
//! An import (command line or admin) that fills it is rolled back, the write-ahead log is
//! truncated so the space comes back, and the message says what happened in words; `backup`
//! removes its partial copy. Mounting needs root (as in CI, where `.ci/run` sets
//! CLUSTERSCOPE_REQUIRE_TMPFS=1); elsewhere these tests say SKIPPED and pass.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use clusterscope::dataset::synthetic::{self, Scale};
use tempfile::TempDir;

const MB: u64 = 1024 * 1024;

/// A tmpfs of a few megabytes mounted in a fresh folder, unmounted when dropped (even when the
/// test fails half-way).
struct SmallDisk {
    mount_point: PathBuf,
    _dir: TempDir,
}

impl SmallDisk {
    /// The mounted disk, or `None` (after saying SKIPPED) where mounting is not possible.
    fn mount(megabytes: u64, test: &str) -> Option<SmallDisk> {
        let dir = TempDir::new().unwrap();
        let mount_point = dir.path().join("disk");
        std::fs::create_dir(&mount_point).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={}k,mode=0700", megabytes * 1024), "tmpfs"])
            .arg(&mount_point)
            .output();
        match mounted {
            Ok(out) if out.status.success() => Some(SmallDisk { mount_point, _dir: dir }),
            other => {
                let why = match other {
                    Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
                    Err(e) => e.to_string(),
                };
                assert!(
                    std::env::var("CLUSTERSCOPE_REQUIRE_TMPFS").is_err(),
                    "{test}: a tmpfs is required here (CLUSTERSCOPE_REQUIRE_TMPFS) but cannot be mounted: {why}"
                );
                println!("SKIPPED: {test}: mounting a small tmpfs needs root ({why})");
                None
            }
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.mount_point.join(name)
    }

    fn free(&self) -> u64 {
        clusterscope::db::disk::free_bytes(&self.mount_point).unwrap()
    }

    /// Fills the disk with a file until `left` bytes are free.
    fn fill_leaving(&self, left: u64) {
        let filler = self.free().saturating_sub(left);
        std::fs::write(self.path("filler"), vec![0u8; filler as usize]).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let unmounted = Command::new("umount")
            .arg(&self.mount_point)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !unmounted {
            // Something still holds a file open: detach it now, it goes when released.
            let _ = Command::new("umount").arg("-l").arg(&self.mount_point).status();
        }
    }
}

fn clusterscope(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clusterscope"))
        .env("RUST_LOG", "warn")
        .env_remove("CLUSTERSCOPE_DB")
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap()
}

/// A synthetic dataset of `companies` companies, in a folder off the small disk.
fn synthetic_dataset(companies: usize) -> TempDir {
    let dir = TempDir::new().unwrap();
    let scale = Scale { cities: 20, parks: 100, companies, metrics: 1000, seed: 7 };
    synthetic::write(dir.path(), &scale).unwrap();
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn wal_bytes(db: &Path) -> u64 {
    std::fs::metadata(format!("{}-wal", db.display())).map_or(0, |m| m.len())
}

/// The bundled data in a database on the small disk, checked.
fn bundled_database(disk: &SmallDisk) -> PathBuf {
    let db = disk.path("clusters.db");
    let out = clusterscope(&["import", common::data_dir().to_str().unwrap()], &db);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

async fn data_version_and_companies(db: &Path) -> (i64, i64) {
    let pool = clusterscope::db::open_existing(db).await.unwrap();
    let version = clusterscope::db::data_version(&pool).await.unwrap();
    let companies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies").fetch_one(&pool).await.unwrap();
    clusterscope::db::close(pool).await;
    (version, companies)
}

#[tokio::test]
async fn an_import_that_fills_the_disk_is_undone_and_gives_the_space_back() {
    let Some(disk) = SmallDisk::mount(24, "an_import_that_fills_the_disk_is_undone_and_gives_the_space_back") else {
        return;
    };
    let db = bundled_database(&disk);
    let before = data_version_and_companies(&db).await;
    disk.fill_leaving(6 * MB);
    let free_before = disk.free();
    let dataset = synthetic_dataset(30_000);

    let out = clusterscope(&["import", dataset.path().to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(message.contains("the disk is full: nothing was imported; "), "{message}");
    assert!(message.contains(" MB free, about ") && message.contains(" MB needed"), "{message}");
    assert!(!message.contains("code: 13") && !message.contains("error returned from database"), "{message}");

    assert_eq!(wal_bytes(&db), 0, "the write-ahead log is truncated");
    assert!(disk.free() + MB / 2 >= free_before, "the space came back: {} of {free_before} free", disk.free());
    let check = clusterscope(&["check"], &db);
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(data_version_and_companies(&db).await, before, "nothing was imported");

    // With the space freed the same import goes through.
    std::fs::remove_file(disk.path("filler")).unwrap();
    let out = clusterscope(&["import", dataset.path().to_str().unwrap()], &db);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[tokio::test]
async fn a_backup_that_fills_the_disk_leaves_no_partial_copy() {
    let Some(disk) = SmallDisk::mount(24, "a_backup_that_fills_the_disk_leaves_no_partial_copy") else { return };
    let db = bundled_database(&disk);
    let dataset = synthetic_dataset(10_000);
    assert!(clusterscope(&["import", dataset.path().to_str().unwrap()], &db).status.success());
    disk.fill_leaving(MB);
    let free_before = disk.free();

    let copy = disk.path("copy.db");
    let out = clusterscope(&["backup", copy.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains("the disk is full: no backup was written; "), "{message}");
    assert!(message.contains(" MB free, about ") && message.contains(" MB needed"), "{message}");
    let left: Vec<String> = std::fs::read_dir(&disk.mount_point)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("copy.db"))
        .collect();
    assert!(left.is_empty(), "the partial copy and its journal are removed: {left:?}");
    assert!(disk.free() + MB / 4 >= free_before, "the space came back");
}

#[tokio::test]
async fn an_admin_import_that_fills_the_disk_answers_507_in_words_and_the_site_serves_on() {
    let Some(disk) = SmallDisk::mount(24, "an_admin_import_that_fills_the_disk_answers_507_in_words") else { return };
    let db = bundled_database(&disk);
    let (pool, _) = clusterscope::db::open(&db).await.unwrap();
    let token = "a-long-enough-admin-token";
    let state =
        clusterscope::AppState::new(pool.clone()).with_admin(Some(clusterscope::web::Admin::new(token.into(), false)));
    let s = common::TestServer::serve_state(TempDir::new().unwrap(), state).await;
    assert_eq!(s.get("/cities/dalian").await.status, 200);
    disk.fill_leaving(6 * MB);
    let free_before = disk.free();

    let dataset = synthetic_dataset(30_000);
    let mut form = reqwest::multipart::Form::new().text("action", "apply").text("reason", "a big update");
    for name in ["sources.csv", "cities.csv", "parks.csv", "companies.csv"] {
        let bytes = std::fs::read(dataset.path().join(name)).unwrap();
        form = form.part("files", reqwest::multipart::Part::bytes(bytes).file_name(name));
    }
    let r = reqwest::Client::new()
        .post(s.url("/admin/import"))
        .bearer_auth(token)
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 507);
    let body: serde_json::Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.starts_with("the disk is full: nothing was imported; "), "{message}");

    assert_eq!(wal_bytes(&db), 0, "the write-ahead log is truncated");
    assert!(disk.free() + MB / 2 >= free_before, "the space came back");
    assert_eq!(clusterscope::db::data_version(&pool).await.unwrap(), 1);
    assert_eq!(s.get("/cities/dalian").await.status, 200, "pages serve on");
    drop(s);
    pool.close().await;
}
