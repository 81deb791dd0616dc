//! `/changes`: the dated record of every change to the data and why it was made, so a reader
//! can tell when a figure changed.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::AppState;
use crate::db::changes::{self, Change};
use crate::error::AppResult;

#[derive(Template, WebTemplate)]
#[template(path = "changes.html")]
pub struct ChangesPage {
    changes: Vec<Change>,
}

pub async fn index(State(state): State<AppState>) -> AppResult<ChangesPage> {
    Ok(ChangesPage { changes: changes::latest(&state.pool, 500).await? })
}
