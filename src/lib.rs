//! Clusterscope: a web dashboard that compares technology clusters (cities, their tech parks
//! and companies) on figures that each carry their source and year.
//!
//! `web::app(state)` is the whole HTTP application; `serve` runs it on a listener until a
//! shutdown signal. `dataset` reads and imports the CSV format, `db` holds every query.

pub mod charts;
pub mod cli;
pub mod comparison;
pub mod config;
pub mod dataset;
pub mod db;
pub mod error;
pub mod format;
pub mod headline;
pub mod web;

use std::future::Future;

use tokio::net::TcpListener;

pub use web::{AppState, app};

/// Serves the app on `listener` until `shutdown` completes, then finishes requests in flight.
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown).await
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
