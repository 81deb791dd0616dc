//! Static assets (CSS, icons) embedded in the binary by memory-serve, served compressed and
//! under content-hashed URLs that can be cached for a year.

use std::sync::OnceLock;

use axum::Router;
use memory_serve::Manifest;

const PREFIX: &str = "/static";

static MANIFEST: OnceLock<Manifest> = OnceLock::new();

pub fn router() -> Router {
    let assets = memory_serve::load!().enable_hashed_routes(true).index_file(None);
    let _ = MANIFEST.set(assets.manifest());
    assets.into_router().fallback(|| async { crate::error::AppError::NotFound("file".into()) })
}

/// The URL to link an asset by: its hashed route when there is one. `path` is relative to
/// `static/`, e.g. `/css/app.css`.
pub fn asset_url(path: &str) -> String {
    let route = MANIFEST.get().and_then(|m| m.get(path)).unwrap_or(path);
    format!("{PREFIX}{route}")
}
