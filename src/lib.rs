//! Clusterscope: a web dashboard that compares technology clusters (cities, their tech parks
//! and companies) on figures that each carry their source and year.
//!
//! `web::app(state)` is the whole HTTP application; `serve` runs it on a listener until a
//! shutdown signal. `dataset` reads and imports the CSV format, `db` holds every query.

pub mod charts;
pub mod cli;
pub mod comparable;
pub mod comparison;
pub mod config;
pub mod coverage;
pub mod dataset;
pub mod db;
pub mod error;
pub mod format;
pub mod headline;
pub mod i18n;
pub mod metric;
pub mod place;
pub mod progress;
pub mod scorecard;
pub mod web;

use std::future::{Future, IntoFuture};

use tokio::net::TcpListener;

pub use i18n::{t, t1, t2, tn};
pub use web::{AppState, app};

/// Serves the app on `listener` until `shutdown` completes; then stops accepting and lets the
/// requests in flight finish, for at most the configured grace period.
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mut state = state;
    if state.settings.listening_on.is_none() {
        let mut settings = (*state.settings).clone();
        settings.listening_on = Some(listener.local_addr()?);
        state.settings = std::sync::Arc::new(settings);
    }
    let grace = std::time::Duration::from_secs(state.settings.limits.shutdown_grace_secs);
    let (stopping, mut stopped) = tokio::sync::watch::channel(false);
    let signal = async move {
        shutdown.await;
        let _ = stopping.send(true);
    };
    // The peer address is what the rate limit and the admin sign-in throttle key on.
    let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    // Responses go out as soon as they are written: without TCP_NODELAY, Nagle's algorithm and
    // delayed ACKs stall the tail of large pages for tens of milliseconds.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY not set");
        }
    });
    let server = axum::serve(listener, service).with_graceful_shutdown(signal);
    let deadline = async move {
        let _ = stopped.wait_for(|s| *s).await;
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        result = server.into_future() => result,
        () = deadline => {
            tracing::warn!("requests still running after the {}s grace period were cut off", grace.as_secs());
            Ok(())
        }
    }
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
