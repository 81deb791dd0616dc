//! The record of data changes: one row per import that changed something, with who applied
//! it, why, and what changed (counts and keys per file).

use serde::Deserialize;
use sqlx::SqlitePool;

#[derive(Debug, Clone, Deserialize)]
pub struct FileChange {
    pub file: String,
    pub new: u64,
    pub changed: u64,
    pub unchanged: u64,
    #[serde(default)]
    pub changed_keys: Vec<String>,
    #[serde(default)]
    pub more_changed_keys: u64,
}

#[derive(Debug, Clone)]
pub struct Change {
    /// The data version this change produced.
    pub version: i64,
    pub applied_at: String,
    pub origin: String,
    pub actor: String,
    pub reason: String,
    pub files: Vec<FileChange>,
}

impl Change {
    /// The reason as a reader sees it: the load of the built-in data says so in the page's
    /// language; an administrator's words stay as written.
    pub fn reason_text(&self) -> String {
        let built_in = crate::dataset::Provenance::SYSTEM;
        if self.actor == built_in.actor && self.reason == built_in.reason {
            crate::t("change-built-in")
        } else {
            self.reason.clone()
        }
    }
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    id: i64,
    applied_at: String,
    origin: String,
    actor: String,
    reason: String,
    summary: String,
}

/// The latest changes first, at most `limit`.
pub async fn latest(pool: &SqlitePool, limit: i64) -> Result<Vec<Change>, sqlx::Error> {
    let rows: Vec<ChangeRow> =
        sqlx::query_as("SELECT id, applied_at, origin, actor, reason, summary FROM imports ORDER BY id DESC LIMIT ?")
            .bind(limit)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| Change {
            version: r.id,
            applied_at: r.applied_at,
            origin: r.origin,
            actor: r.actor,
            reason: r.reason,
            // The summary is written by the importer; an unreadable one shows as no detail.
            files: serde_json::from_str::<Vec<FileChange>>(&r.summary)
                .unwrap_or_default()
                .into_iter()
                .filter(|f| f.new + f.changed > 0)
                .collect(),
        })
        .collect())
}

impl Change {
    /// `2026-11-28 18:30 UTC`, from the stored `2026-11-28T18:30:19Z`.
    pub fn when(&self) -> String {
        match self.applied_at.split_once('T') {
            Some((date, time)) => format!("{date} {} UTC", time.get(..5).unwrap_or(time)),
            None => self.applied_at.clone(),
        }
    }
}
