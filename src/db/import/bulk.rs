//! Bulk loading the company tables: their secondary indexes and search triggers are dropped
//! before a very large file and recreated after it, because building an index once from
//! sorted data is much faster than inserting a million rows into four of them. It all stays
//! inside the import's transaction, so a failed or killed import leaves them as they were.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// The tables a companies.csv load writes to.
const COMPANY_TABLES: [&str; 2] = ["companies", "company_sources"];

/// What a bulk load dropped: the statements that recreate it.
#[derive(Debug)]
pub struct DeferredIndexes {
    recreate: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct SchemaObject {
    kind: String,
    name: String,
    sql: String,
}

/// Drops the secondary indexes of the company tables and the triggers that keep the company
/// search index in step, and returns what recreates them.
pub async fn defer_company_indexes(conn: &mut SqliteConnection) -> Result<DeferredIndexes, sqlx::Error> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT type AS kind, name, sql FROM sqlite_master \
         WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ",
    );
    super::batch::in_list(&mut qb, &COMPANY_TABLES);
    let objects: Vec<SchemaObject> = qb.build_query_as().fetch_all(&mut *conn).await?;
    for SchemaObject { kind, name, .. } in &objects {
        let kind = if kind == "trigger" { "TRIGGER" } else { "INDEX" };
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP {kind} \"{name}\""))).execute(&mut *conn).await?;
    }
    let mut recreate: Vec<String> = objects.into_iter().map(|o| o.sql).collect();
    // With the triggers off during the load, the company search index is rebuilt from the table,
    // with room for 16 MiB of terms in memory before a segment is written (1 MiB by default):
    // fewer, larger segments, and far less merging of them. The setting is stored with the
    // index, so it is put back for the small writes that follow.
    recreate.extend(
        [
            "INSERT INTO company_search (company_search, rank) VALUES ('hashsize', 16777216)",
            "INSERT INTO company_search (company_search) VALUES ('rebuild')",
            "INSERT INTO company_search (company_search, rank) VALUES ('hashsize', 1048576)",
        ]
        .map(String::from),
    );
    Ok(DeferredIndexes { recreate })
}

impl DeferredIndexes {
    /// Recreates what was dropped, once the file is loaded.
    pub async fn rebuild(self, conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        for sql in self.recreate {
            let first_line = sql.lines().next().unwrap_or_default().to_string();
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *conn).await?;
            tracing::debug!("done: {first_line}");
        }
        Ok(())
    }
}
