//! `GET /healthz`: 200 `ok` when the database answers, 503 otherwise.

use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;

pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match crate::db::ping(&state.pool).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
