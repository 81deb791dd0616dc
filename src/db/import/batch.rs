//! Writing one batch of rows of any dataset file: the rows that already exist with the same
//! keys are read back, every incoming row is classified as new, changed or unchanged, and only
//! the new and changed ones are upserted, with one multi-row statement per kind.

use std::collections::HashMap;
use std::hash::Hash;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// What an incoming row does to the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Changed,
    Unchanged,
}

/// A row of a dataset file as it is written, and as it is read back to compare: a stored row
/// equals an incoming one exactly when the import would not change it.
pub(crate) trait Record: PartialEq + Sized {
    /// The table the rows go to.
    const TABLE: &'static str;
    type Key: Eq + Hash + Clone;
    fn key(&self) -> Self::Key;
    /// The key as a reader would write it, for the import log.
    fn key_label(&self) -> String;
    /// The stored rows with any of these keys.
    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[Self::Key],
    ) -> Result<HashMap<Self::Key, Self>, sqlx::Error>;
    /// Inserts or updates the rows. `fresh`: the rows are all new, so there are no old source
    /// lists to clear.
    async fn upsert(conn: &mut SqliteConnection, rows: &[&Self], fresh: bool) -> Result<(), sqlx::Error>;
}

/// Classifies and writes one batch; returns the change per row, in order. `fresh` says the
/// table was empty when the file started, so every row is new (repeats within the file are
/// caught before they get here) and nothing needs to be looked up.
pub(crate) async fn write_batch<R: Record>(
    conn: &mut SqliteConnection,
    batch: &[R],
    fresh: bool,
) -> Result<Vec<Change>, sqlx::Error> {
    let existing = if fresh {
        HashMap::new()
    } else {
        let keys: Vec<R::Key> = batch.iter().map(Record::key).collect();
        R::fetch_existing(conn, &keys).await?
    };
    let changes: Vec<Change> = batch
        .iter()
        .map(|row| match existing.get(&row.key()) {
            None => Change::New,
            Some(old) if old == row => Change::Unchanged,
            Some(_) => Change::Changed,
        })
        .collect();
    // New rows have no old source lists to clear; only changed ones do.
    for (kind, fresh) in [(Change::New, true), (Change::Changed, false)] {
        let rows: Vec<&R> = batch.iter().zip(&changes).filter(|(_, c)| **c == kind).map(|(r, _)| r).collect();
        if !rows.is_empty() {
            R::upsert(conn, &rows, fresh).await?;
        }
    }
    Ok(changes)
}

/// True when the table of `R` has no rows: a file loaded into an empty table skips the
/// existing-row lookups.
pub(crate) async fn table_is_empty<R: Record>(conn: &mut SqliteConnection) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT NOT EXISTS (SELECT 1 FROM {})", R::TABLE)))
        .fetch_one(&mut *conn)
        .await
}

/// Appends `(?, ?, ...)` with one bound value per item.
pub(super) fn in_list<'a, T: 'a + Clone + sqlx::Encode<'a, Sqlite> + sqlx::Type<Sqlite>>(
    qb: &mut QueryBuilder<Sqlite>,
    values: impl IntoIterator<Item = &'a T>,
) {
    qb.push("(");
    let mut sep = qb.separated(", ");
    for v in values {
        sep.push_bind(v.clone());
    }
    qb.push(")");
}

/// A row's slug and id, as an upsert returns them and as the importer resolves references.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SlugId {
    pub slug: String,
    pub id: i64,
}

/// A stored row with its integer id, which its cited-source list is keyed on.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct Stored<T> {
    pub id: i64,
    #[sqlx(flatten)]
    pub row: T,
}
