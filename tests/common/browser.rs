//! A real headless Chromium driven over WebDriver (Debian's chromium + chromium-driver).
//!
//! Without those packages the browser tests skip with a loud message, unless
//! `CLUSTERSCOPE_REQUIRE_BROWSER=1` is set (as `.ci/run` does): then a missing browser fails.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
    pub downloads: PathBuf,
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| PathBuf::from(d).join(name)).find(|p| p.is_file())
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session; `None` (skip) when they are not
    /// installed and the environment does not require them.
    pub async fn start() -> Option<Browser> {
        let (Some(driver), Some(chromium)) = (which("chromedriver"), which("chromium")) else {
            if std::env::var("CLUSTERSCOPE_REQUIRE_BROWSER").as_deref() == Ok("1") {
                panic!("chromium and chromedriver are required: apt-get install -y chromium chromium-driver");
            }
            eprintln!(
                "SKIPPED: browser test needs chromium and chromedriver (apt-get install -y chromium chromium-driver)"
            );
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start listening");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::TempDir::new().unwrap();
        let downloads = profile.path().join("downloads");
        std::fs::create_dir_all(&downloads).unwrap();
        let caps = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.path().join("profile").display()),
                ],
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false,
                }
            }
        });
        let caps = caps.as_object().unwrap().clone();
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session");
        Some(Browser { client, driver: child, _profile: profile, downloads })
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// Chromium's network emulation through chromedriver (`/chromium/network_conditions`): with
/// `offline`, the page can reach nothing.
#[derive(Debug)]
struct NetworkConditions {
    offline: bool,
}

impl fantoccini::wd::WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/chromium/network_conditions", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({
            "network_conditions": {
                "offline": self.offline, "latency": 0, "download_throughput": 0, "upload_throughput": 0
            }
        });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    /// Cuts the browser off the network (as far as pages are concerned).
    pub async fn go_offline(&self) {
        self.client.issue_cmd(NetworkConditions { offline: true }).await.expect("network emulation");
    }

    /// Waits for a finished download in the downloads folder.
    pub async fn downloaded_file(&self, timeout: Duration) -> PathBuf {
        let deadline = Instant::now() + timeout;
        loop {
            let done: Vec<PathBuf> = std::fs::read_dir(&self.downloads)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                // Chromium writes to a hidden `.org.chromium.Chromium.*` or `*.crdownload` file
                // first and renames it when the download is complete.
                .filter(|p| {
                    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    !name.starts_with('.') && !name.ends_with(".crdownload") && !name.ends_with(".tmp")
                })
                .collect();
            if let Some(p) = done.into_iter().next() {
                return p;
            }
            assert!(Instant::now() < deadline, "no download arrived in {}", self.downloads.display());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
