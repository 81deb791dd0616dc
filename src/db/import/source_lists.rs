//! The cited-source lists of cities, parks and companies (`city_sources`, ...): one row per
//! source, in the order of the file's `;`-separated `source_id` list.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::batch::{SlugId, Stored, in_list};

/// List entries are inserted this many per statement (three bound values each).
const ENTRIES_PER_INSERT: usize = 5000;

/// The table of one entity's source lists and the column naming the owning row.
pub(super) struct SourceLists {
    pub table: &'static str,
    pub owner_column: &'static str,
}

pub(super) const CITY_SOURCES: SourceLists = SourceLists { table: "city_sources", owner_column: "city_id" };
pub(super) const PARK_SOURCES: SourceLists = SourceLists { table: "park_sources", owner_column: "park_id" };
pub(super) const COMPANY_SOURCES: SourceLists = SourceLists { table: "company_sources", owner_column: "company_id" };

impl SourceLists {
    /// The stored rows with their source lists read into them (`list_of` says where).
    pub async fn fill<R>(
        &self,
        conn: &mut SqliteConnection,
        stored: Vec<Stored<R>>,
        list_of: impl Fn(&mut R) -> &mut Vec<String>,
    ) -> Result<impl Iterator<Item = R>, sqlx::Error> {
        let ids: Vec<i64> = stored.iter().map(|s| s.id).collect();
        let mut lists = self.fetch(conn, &ids).await?;
        Ok(stored.into_iter().map(move |Stored { id, mut row }| {
            *list_of(&mut row) = lists.remove(&id).unwrap_or_default();
            row
        }))
    }

    /// Reads the lists of the given rows, in order.
    async fn fetch(&self, conn: &mut SqliteConnection, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>, sqlx::Error> {
        let mut lists: HashMap<i64, Vec<String>> = HashMap::new();
        if ids.is_empty() {
            return Ok(lists);
        }
        let SourceLists { table, owner_column } = self;
        let mut qb = QueryBuilder::<Sqlite>::new(format!(
            "SELECT {owner_column} AS owner, source_id FROM {table} WHERE {owner_column} IN "
        ));
        in_list(&mut qb, ids);
        qb.push(" ORDER BY position");
        for entry in qb.build_query_as::<ListEntry>().fetch_all(&mut *conn).await? {
            lists.entry(entry.owner).or_default().push(entry.source_id);
        }
        Ok(lists)
    }

    /// Replaces the lists of the rows an upsert just wrote: `ids` is what it returned, `lists`
    /// each row's slug with its list. `fresh`: the rows are new, so there is nothing to clear.
    pub async fn replace<'a>(
        &self,
        conn: &mut SqliteConnection,
        ids: &[SlugId],
        lists: impl Iterator<Item = (&'a str, &'a [String])>,
        fresh: bool,
    ) -> Result<(), sqlx::Error> {
        let by_slug: HashMap<&str, i64> = ids.iter().map(|s| (s.slug.as_str(), s.id)).collect();
        let lists: Vec<(i64, &[String])> = lists.map(|(slug, list)| (by_slug[slug], list)).collect();
        if lists.is_empty() {
            return Ok(());
        }
        let SourceLists { table, owner_column } = self;
        if !fresh {
            let mut qb = QueryBuilder::<Sqlite>::new(format!("DELETE FROM {table} WHERE {owner_column} IN "));
            in_list(&mut qb, lists.iter().map(|(id, _)| id));
            qb.build().execute(&mut *conn).await?;
        }
        let entries: Vec<(i64, i64, &String)> = lists
            .iter()
            .flat_map(|(id, list)| list.iter().enumerate().map(move |(pos, s)| (*id, pos as i64, s)))
            .collect();
        for chunk in entries.chunks(ENTRIES_PER_INSERT) {
            let mut qb =
                QueryBuilder::<Sqlite>::new(format!("INSERT INTO {table} ({owner_column}, position, source_id) "));
            qb.push_values(chunk, |mut b, (id, pos, source)| {
                b.push_bind(*id).push_bind(*pos).push_bind((*source).clone());
            });
            qb.build().execute(&mut *conn).await?;
        }
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
struct ListEntry {
    owner: i64,
    source_id: String,
}
