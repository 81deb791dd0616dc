//! Shared test harness: a real SQLite file per test, the real app on a real loopback socket.
#![allow(dead_code)]

pub mod browser;
pub mod html;

use std::path::{Path, PathBuf};

use clusterscope::dataset::{FolderDataset, ImportMode, ImportReport, Provenance, import};
use sqlx::SqlitePool;
use tempfile::TempDir;
use tokio::sync::oneshot;

/// A server on 127.0.0.1 with its own database file, stopped when dropped.
pub struct TestServer {
    pub base: String,
    pub pool: SqlitePool,
    pub dir: TempDir,
    stop: Option<oneshot::Sender<()>>,
}

impl TestServer {
    /// Serves a fresh database loaded with the built-in dataset, as `clusterscope serve` does.
    pub async fn start() -> TestServer {
        let dir = TempDir::new().unwrap();
        let pool = clusterscope::cli::open_with_default_data(&dir.path().join("test.db")).await.unwrap();
        Self::serve(dir, pool).await
    }

    pub async fn serve(dir: TempDir, pool: SqlitePool) -> TestServer {
        Self::serve_state(dir, clusterscope::AppState::new(pool)).await
    }

    /// The bundled data, served with these settings and, if given, this admin token.
    pub async fn start_configured(settings: clusterscope::web::Settings, admin_token: Option<&str>) -> TestServer {
        let (dir, pool) = loaded_db().await;
        let admin = admin_token.map(|t| clusterscope::web::Admin::new(t.to_string(), settings.hsts));
        let state = clusterscope::AppState::new(pool).with_settings(settings).with_admin(admin);
        Self::serve_state(dir, state).await
    }

    pub async fn serve_state(dir: TempDir, state: clusterscope::AppState) -> TestServer {
        let pool = state.pool.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(clusterscope::serve(state, listener, async {
            let _ = stopped.await;
        }));
        TestServer { base, pool, dir, stop: Some(stop) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET over HTTP: status, content type and body.
    /// GET a JSON twin and parse it.
    pub async fn json(&self, path: &str) -> serde_json::Value {
        let r = self.get(path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        serde_json::from_str(&r.body).unwrap()
    }

    pub async fn get(&self, path: &str) -> Response {
        let r = reqwest::get(self.url(path)).await.unwrap();
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let body = r.text().await.unwrap();
        Response { status, headers, body }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub struct Response {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// A migrated, empty database file.
pub async fn empty_db() -> (TempDir, SqlitePool) {
    let dir = TempDir::new().unwrap();
    let (pool, _) = clusterscope::db::open(&dir.path().join("test.db")).await.unwrap();
    (dir, pool)
}

/// A database file loaded with the built-in dataset.
pub async fn loaded_db() -> (TempDir, SqlitePool) {
    let dir = TempDir::new().unwrap();
    let pool = clusterscope::cli::open_with_default_data(&dir.path().join("test.db")).await.unwrap();
    (dir, pool)
}

/// The bundled dataset folder of the repository.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Writes files into a fresh folder: a dataset to import.
pub fn dataset(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    dir
}

pub async fn import_folder(pool: &SqlitePool, dir: &Path) -> ImportReport {
    let provenance = Provenance { actor: "test", reason: "a test import" };
    import(pool, &FolderDataset::new(dir).unwrap(), ImportMode::Apply, provenance).await.unwrap()
}

/// Every row of every table, in a stable order: two equal snapshots mean nothing changed.
pub async fn snapshot(pool: &SqlitePool) -> String {
    let tables = [
        "sources",
        "fx_rates",
        "sectors",
        "metric_definitions",
        "cities",
        "presets",
        "city_sources",
        "city_sectors",
        "parks",
        "park_sources",
        "companies",
        "company_sources",
        "metrics",
        "imports",
    ];
    let mut out = String::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?)").bind(table).fetch_all(pool).await.unwrap();
        let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', {c}")).collect();
        let sql = format!(
            "SELECT COALESCE(json_group_array(json_object({})), '[]') FROM (SELECT * FROM {table} ORDER BY {})",
            pairs.join(", "),
            columns.join(", ")
        );
        let rows: String = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap();
        out.push_str(table);
        out.push_str(": ");
        out.push_str(&rows);
        out.push('\n');
    }
    out
}
