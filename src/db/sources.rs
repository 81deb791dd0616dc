//! Sources: the publications every figure cites, and what cites each of them.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

/// A source as pages cite it.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    #[schema(required = true)]
    pub published_year: Option<i64>,
    pub accessed: String,
}

impl Source {
    /// Each source once, by publisher and title: the sources section of a page or a twin.
    pub fn distinct<'a>(sources: impl IntoIterator<Item = &'a Source>) -> Vec<&'a Source> {
        let mut list: Vec<&Source> = sources.into_iter().collect();
        list.sort_by(|a, b| (&a.publisher, &a.title, &a.id).cmp(&(&b.publisher, &b.title, &b.id)));
        list.dedup_by(|a, b| a.id == b.id);
        list
    }
}

pub async fn by_id(pool: &SqlitePool, id: &str) -> Result<Option<Source>, sqlx::Error> {
    sqlx::query_as("SELECT id, title, publisher, url, published_year, accessed FROM sources WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Which rows cite a source through a `*_sources` list table.
#[derive(Debug, Clone, Copy)]
pub enum SourceList {
    Cities,
    Parks,
    Companies,
}

impl SourceList {
    fn table_and_owner(self) -> (&'static str, &'static str) {
        match self {
            SourceList::Cities => ("city_sources", "city_id"),
            SourceList::Parks => ("park_sources", "park_id"),
            SourceList::Companies => ("company_sources", "company_id"),
        }
    }
}

/// The cited sources of each of the given rows, in the order the dataset lists them.
pub async fn cited_by(
    pool: &SqlitePool,
    list: SourceList,
    owner_ids: &[i64],
) -> Result<HashMap<i64, Vec<Source>>, sqlx::Error> {
    let mut out: HashMap<i64, Vec<Source>> = HashMap::new();
    if owner_ids.is_empty() {
        return Ok(out);
    }
    let (table, owner) = list.table_and_owner();
    for chunk in owner_ids.chunks(500) {
        let mut qb = QueryBuilder::<Sqlite>::new(format!(
            "SELECT x.{owner} AS owner, s.id, s.title, s.publisher, s.url, s.published_year, s.accessed \
             FROM {table} x JOIN sources s ON s.id = x.source_id WHERE x.{owner} IN ("
        ));
        let mut sep = qb.separated(", ");
        for id in chunk {
            sep.push_bind(*id);
        }
        qb.push(format!(") ORDER BY x.{owner}, x.position"));
        let rows: Vec<OwnedSource> = qb.build_query_as().fetch_all(pool).await?;
        for row in rows {
            out.entry(row.owner).or_default().push(row.source);
        }
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct OwnedSource {
    owner: i64,
    #[sqlx(flatten)]
    source: Source,
}
