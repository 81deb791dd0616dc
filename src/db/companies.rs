//! Companies present in a cluster, filtered by city, sector and park.

use std::collections::HashMap;

use serde::Deserialize;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::directory::Directory;
use super::localised::{self, Localise};
use super::sources::Source;
use crate::i18n::Lang;
use crate::i18n::names::Kind;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Company {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub city_slug: String,
    pub city_name: String,
    pub park_slug: Option<String>,
    pub park_name: Option<String>,
    pub sector: String,
    pub sector_label: String,
    pub hq_country: Option<String>,
    pub founded_or_arrived_year: Option<i64>,
    pub employees_in_city: Option<i64>,
    pub revenue_usd: Option<f64>,
    pub revenue_year: Option<i64>,
    pub quote: String,
}

const COMPANY_FROM: &str = "SELECT co.id, co.slug, co.name, c.slug AS city_slug, c.name AS city_name,
        p.slug AS park_slug, p.name AS park_name, co.sector, sec.label AS sector_label, co.hq_country,
        co.founded_or_arrived_year, co.employees_in_city, co.revenue_usd, co.revenue_year, co.quote
    FROM companies co
    JOIN cities c ON c.id = co.city_id
    JOIN sectors sec ON sec.slug = co.sector
    LEFT JOIN parks p ON p.id = co.park_id";

/// Which companies a list shows; every part is optional and they combine with AND.
#[derive(Debug, Clone, Default)]
pub struct CompanyFilter {
    pub city: Option<String>,
    pub sector: Option<String>,
    pub park: Option<String>,
}

fn push_filter(qb: &mut QueryBuilder<Sqlite>, filter: &CompanyFilter) {
    qb.push(" WHERE 1 = 1");
    if let Some(city) = &filter.city {
        qb.push(" AND co.city_id = (SELECT id FROM cities WHERE slug = ").push_bind(city.clone()).push(")");
    }
    if let Some(sector) = &filter.sector {
        qb.push(" AND co.sector = ").push_bind(sector.clone());
    }
    if let Some(park) = &filter.park {
        qb.push(" AND co.park_id = (SELECT id FROM parks WHERE slug = ").push_bind(park.clone()).push(")");
    }
}

/// Where a page of the list starts. Cursors (the id of the row next to the page) keep deep
/// pages as cheap as the first: the index is entered at the cursor, not scanned up to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Skip this many rows (for a page number typed into the address).
    Offset(i64),
    /// The rows after this company, in name order.
    After(i64),
    /// The rows before this company.
    Before(i64),
}

/// How many rows a list query returns. It is written into the SQL as a number, not bound: SQLite
/// (3.51) plans with a bound LIMIT's value and re-prepares the statement whenever it is bound
/// again, which cost more than the query itself on a page of 50. The few page sizes in use each
/// keep their own prepared statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowLimit(u32);

impl RowLimit {
    pub const fn new(rows: i64) -> Self {
        RowLimit(if rows < 0 {
            0
        } else if rows > u32::MAX as i64 {
            u32::MAX
        } else {
            rows as u32
        })
    }
}

impl std::fmt::Display for RowLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A page of the list: its companies in order, and the sources each one cites (by company id).
#[derive(Debug, Default)]
pub struct Listed {
    pub rows: Vec<Company>,
    pub cited: HashMap<i64, Vec<Source>>,
}

/// A listed company as one JSON array, in `ListedJson`'s order. The revenue goes as text with
/// 17 digits: JSON numbers from SQLite carry 15, which is not every double. Names of the city,
/// park and sector and the cited sources come from the `Directory`, not from joins.
const LISTED_JSON: &str = "json_array(pg.id, pg.slug, pg.name, pg.city_id, pg.park_id, pg.sector, pg.hq_country,
        pg.founded_or_arrived_year, pg.employees_in_city,
        iif(pg.revenue_usd IS NULL, NULL, printf('%.17g', pg.revenue_usd)), pg.revenue_year, pg.quote, pg.source_ids)";

/// The columns of `companies` a list shows. The list of a city and sector (the most specific,
/// and so the most numerous, of the lists) finds them all in its index (`companies_list`,
/// migrations 0007 and 0008): its page is read from a few adjacent index pages, not from fifty
/// rows scattered over the table. Other filters read each row of the page from the table, and
/// only those: rows stepped over by an offset are never read.
const PAGE_COLUMNS: &str = "co.id, co.slug, co.name, co.city_id, co.park_id, co.sector, co.hq_country, \
    co.founded_or_arrived_year, co.employees_in_city, co.revenue_usd, co.revenue_year, co.quote, co.source_ids";

/// One company of a page as `LISTED_JSON` writes it.
#[derive(Deserialize)]
struct ListedJson(
    i64,
    String,
    String,
    i64,
    Option<i64>,
    String,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<i64>,
    String,
    String,
);

impl ListedJson {
    fn source_ids(&self) -> impl Iterator<Item = &str> {
        self.12.split(';').filter(|id| !id.is_empty())
    }

    /// Whether `directory` names everything this row refers to (it may predate an import).
    fn named_by(&self, directory: &Directory) -> bool {
        directory.city(self.3).is_some()
            && self.4.is_none_or(|park| directory.park(park).is_some())
            && directory.sector_label(&self.5).is_some()
            && self.source_ids().all(|id| directory.source(id).is_some())
    }
}

/// One page of the filtered list, ordered by name (then id, so the order is total), with the
/// sources each row cites.
///
/// One statement and one result per page. The page's rows are found first, on their own (`pg`):
/// the rows before a numbered page are stepped over as index entries, without reading their
/// table rows, so a deep page costs about what the first does. The page comes back as one
/// JSON document: SQLite runs on a thread of its own, and fifty rows handed across threads one
/// by one cost more than building and parsing the document. The names beside each row come
/// from `directory`; one that does not know a row's city, park, sector or source (an import
/// committed since it was read) is read again.
pub async fn list(
    pool: &SqlitePool,
    directory: &Directory,
    filter: &CompanyFilter,
    limit: RowLimit,
    position: Position,
) -> Result<Listed, sqlx::Error> {
    let mut qb = QueryBuilder::<Sqlite>::new(format!(
        "SELECT json_group_array({LISTED_JSON}) FROM (SELECT {PAGE_COLUMNS} FROM companies co"
    ));
    push_filter(&mut qb, filter);
    match position {
        Position::Offset(offset) => {
            qb.push(" ORDER BY co.name, co.id LIMIT ").push(limit).push(" OFFSET ").push_bind(offset);
        }
        Position::After(id) => {
            qb.push(" AND (co.name, co.id) > (SELECT name, id FROM companies WHERE id = ").push_bind(id);
            qb.push(") ORDER BY co.name, co.id LIMIT ").push(limit);
        }
        Position::Before(id) => {
            qb.push(" AND (co.name, co.id) < (SELECT name, id FROM companies WHERE id = ").push_bind(id);
            qb.push(") ORDER BY co.name DESC, co.id DESC LIMIT ").push(limit);
        }
    }
    qb.push(") pg");
    let json: String = qb.build_query_scalar().fetch_one(pool).await?;
    let mut listed: Vec<ListedJson> = serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    // Put in order here rather than by the aggregate (an ordered aggregate builds a temporary
    // B-tree in SQLite): names compare byte by byte in both.
    listed.sort_unstable_by(|a, b| (&a.2, a.0).cmp(&(&b.2, b.0)));
    let reread;
    let directory = if listed.iter().all(|row| row.named_by(directory)) {
        directory
    } else {
        reread = Directory::load(pool).await?;
        if !listed.iter().all(|row| row.named_by(&reread)) {
            // Foreign keys make this impossible; say so rather than show a row without names.
            return Err(sqlx::Error::RowNotFound);
        }
        &reread
    };
    let mut page = Listed { rows: Vec::with_capacity(listed.len()), cited: HashMap::with_capacity(listed.len()) };
    for row in listed {
        let sources = row.source_ids().filter_map(|id| directory.source(id)).cloned().collect();
        let ListedJson(
            id,
            slug,
            name,
            city_id,
            park_id,
            sector,
            hq,
            founded,
            employees,
            revenue,
            revenue_year,
            quote,
            _,
        ) = row;
        let city = directory.city(city_id);
        let park = park_id.and_then(|p| directory.park(p));
        page.cited.insert(id, sources);
        page.rows.push(Company {
            id,
            slug,
            name,
            city_slug: city.map(|c| c.slug.clone()).unwrap_or_default(),
            city_name: city.map(|c| c.name.clone()).unwrap_or_default(),
            park_slug: park.map(|p| p.slug.clone()),
            park_name: park.map(|p| p.name.clone()),
            sector_label: directory.sector_label(&sector).unwrap_or_default().to_string(),
            sector,
            hq_country: hq,
            founded_or_arrived_year: founded,
            employees_in_city: employees,
            revenue_usd: revenue.and_then(|r| r.parse().ok()),
            revenue_year,
            quote,
        });
    }
    page.rows = localised::rows(page.rows);
    Ok(page)
}

/// Whether a company id exists (a cursor must point at one).
pub async fn exists(pool: &SqlitePool, id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM companies WHERE id = ?)").bind(id).fetch_one(pool).await
}

pub async fn count(pool: &SqlitePool, filter: &CompanyFilter) -> Result<i64, sqlx::Error> {
    let mut qb = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM companies co");
    push_filter(&mut qb, filter);
    qb.build_query_scalar().fetch_one(pool).await
}

/// The first `limit` companies of a city, by name, and how many it has in all.
pub async fn in_city(pool: &SqlitePool, city_id: i64, limit: RowLimit) -> Result<(Vec<Company>, i64), sqlx::Error> {
    first_where(pool, "city_id", city_id, limit).await
}

/// The first `limit` companies of a park, by name, and how many it has in all.
pub async fn in_park(pool: &SqlitePool, park_id: i64, limit: RowLimit) -> Result<(Vec<Company>, i64), sqlx::Error> {
    first_where(pool, "park_id", park_id, limit).await
}

/// The first `limit` companies whose `column` (a name written here, never from a request) is
/// `id`, and how many there are.
async fn first_where(
    pool: &SqlitePool,
    column: &'static str,
    id: i64,
    limit: RowLimit,
) -> Result<(Vec<Company>, i64), sqlx::Error> {
    let rows = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{COMPANY_FROM} WHERE co.{column} = ? ORDER BY co.name, co.id LIMIT {limit}"
    )))
    .bind(id)
    .fetch_all(pool)
    .await?;
    let total = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM companies WHERE {column} = ?")))
        .bind(id)
        .fetch_one(pool)
        .await?;
    Ok((localised::rows(rows), total))
}

/// The first `limit` companies citing a source, by name, and how many do in all.
pub async fn citing(pool: &SqlitePool, source_id: &str, limit: RowLimit) -> Result<(Vec<Company>, i64), sqlx::Error> {
    let rows = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{COMPANY_FROM} WHERE co.id IN (SELECT company_id FROM company_sources WHERE source_id = ?)
         ORDER BY co.name, co.id LIMIT {limit}"
    )))
    .bind(source_id)
    .fetch_all(pool)
    .await?;
    let total = sqlx::query_scalar("SELECT COUNT(*) FROM company_sources WHERE source_id = ?")
        .bind(source_id)
        .fetch_one(pool)
        .await?;
    Ok((localised::rows(rows), total))
}

pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Option<Company>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{COMPANY_FROM} WHERE co.slug = ?")))
        .bind(slug)
        .fetch_optional(pool)
        .await
        .map(|c| c.map(localised::row))
}

impl Localise for Company {
    fn localise(&mut self, lang: Lang) {
        localised::translate(lang, Kind::City, &self.city_slug, &mut self.city_name);
        localised::translate(lang, Kind::Sector, &self.sector, &mut self.sector_label);
        if let (Some(slug), Some(name)) = (&self.park_slug, &mut self.park_name) {
            localised::translate(lang, Kind::Park, slug, name);
        }
        if let Some(country) = &mut self.hq_country {
            localised::country(lang, country);
        }
    }
}
