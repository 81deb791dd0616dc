//! companies.csv: the companies, keyed by slug, each in a city (and maybe a park of it) and
//! with its cited-source list. This is the file that grows to a million rows.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::batch::{Record, SlugId, Stored, in_list};
use super::source_lists::COMPANY_SOURCES;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CompanyRow {
    pub slug: String,
    pub name: String,
    /// As the file spells it; left empty in a stored row read back (see `eq`).
    #[sqlx(default)]
    pub city_slug: String,
    /// The id of `city_slug`: resolved by the importer, which writes only resolved rows.
    pub city_id: i64,
    /// As the file spells it, like `city_slug`.
    #[sqlx(default)]
    pub park_slug: Option<String>,
    /// The id of `park_slug`, resolved like `city_id`.
    pub park_id: Option<i64>,
    pub sector: String,
    pub hq_country: Option<String>,
    pub founded_or_arrived_year: Option<i64>,
    pub employees_in_city: Option<i64>,
    pub revenue_usd: Option<f64>,
    pub revenue_year: Option<i64>,
    pub quote: String,
    #[sqlx(skip)]
    pub source_ids: Vec<String>,
}

/// A company's city and park compare by their ids, which say the same as their slugs. The
/// stored companies are read back without joining the slugs: every column a look-up returns is
/// copied value by value, and two more of them make re-importing a million companies about 7%
/// slower.
impl PartialEq for CompanyRow {
    fn eq(&self, other: &Self) -> bool {
        // Destructured in full, so that a new field cannot be left out of the comparison.
        let CompanyRow {
            slug,
            name,
            city_slug: _,
            city_id,
            park_slug: _,
            park_id,
            sector,
            hq_country,
            founded_or_arrived_year,
            employees_in_city,
            revenue_usd,
            revenue_year,
            quote,
            source_ids,
        } = self;
        *slug == other.slug
            && *name == other.name
            && *city_id == other.city_id
            && *park_id == other.park_id
            && *sector == other.sector
            && *hq_country == other.hq_country
            && *founded_or_arrived_year == other.founded_or_arrived_year
            && *employees_in_city == other.employees_in_city
            && *revenue_usd == other.revenue_usd
            && *revenue_year == other.revenue_year
            && *quote == other.quote
            && *source_ids == other.source_ids
    }
}

/// How many companies are stored: a file much larger than that is loaded in bulk.
pub async fn count(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM companies").fetch_one(&mut *conn).await
}

impl Record for CompanyRow {
    const TABLE: &'static str = "companies";
    type Key = String;

    fn key(&self) -> String {
        self.slug.clone()
    }

    fn key_label(&self) -> String {
        self.slug.clone()
    }

    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[String],
    ) -> Result<HashMap<String, Self>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT id, slug, name, city_id, park_id, sector, hq_country, founded_or_arrived_year, \
             employees_in_city, revenue_usd, revenue_year, quote FROM companies WHERE slug IN ",
        );
        in_list(&mut qb, keys);
        let stored: Vec<Stored<CompanyRow>> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let rows = COMPANY_SOURCES.fill(conn, stored, |r| &mut r.source_ids).await?;
        Ok(rows.into_iter().map(|r| (r.key(), r)).collect())
    }

    async fn upsert(conn: &mut SqliteConnection, rows: &[&Self], fresh: bool) -> Result<(), sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO companies (slug, name, city_id, park_id, sector, hq_country, founded_or_arrived_year, \
             employees_in_city, revenue_usd, revenue_year, quote, source_ids) ",
        );
        if fresh {
            return insert_new(conn, qb, rows).await;
        }
        push_rows(&mut qb, rows);
        qb.push(
            " ON CONFLICT (slug) DO UPDATE SET name = excluded.name, city_id = excluded.city_id, \
             park_id = excluded.park_id, sector = excluded.sector, hq_country = excluded.hq_country, \
             founded_or_arrived_year = excluded.founded_or_arrived_year, employees_in_city = excluded.employees_in_city, \
             revenue_usd = excluded.revenue_usd, revenue_year = excluded.revenue_year, quote = excluded.quote, \
             source_ids = excluded.source_ids \
             RETURNING slug, id",
        );
        let ids: Vec<SlugId> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let lists = rows.iter().map(|r| (r.slug.as_str(), r.source_ids.as_slice()));
        COMPANY_SOURCES.replace(conn, &ids, lists, fresh).await
    }
}

/// Inserts companies that are all new, without asking for their ids back: SQLite gives each
/// row of a multi-row INSERT the id after the largest one in the table, in the order of the
/// rows, so the ids are the ones up to the last inserted. For a million companies this saves a
/// million rows handed back across threads. A slug that exists after all fails the statement
/// (it has no ON CONFLICT clause) rather than misnumbering anything.
async fn insert_new(
    conn: &mut SqliteConnection,
    mut qb: QueryBuilder<Sqlite>,
    rows: &[&CompanyRow],
) -> Result<(), sqlx::Error> {
    push_rows(&mut qb, rows);
    let last = qb.build().execute(&mut *conn).await?.last_insert_rowid();
    let first = last - rows.len() as i64 + 1;
    let ids: Vec<SlugId> = rows.iter().zip(first..).map(|(r, id)| SlugId { slug: r.slug.clone(), id }).collect();
    let lists = rows.iter().map(|r| (r.slug.as_str(), r.source_ids.as_slice()));
    COMPANY_SOURCES.replace(conn, &ids, lists, true).await
}

fn push_rows(qb: &mut QueryBuilder<Sqlite>, rows: &[&CompanyRow]) {
    qb.push_values(rows, |mut b, r| {
        b.push_bind(r.slug.clone())
            .push_bind(r.name.clone())
            .push_bind(r.city_id)
            .push_bind(r.park_id)
            .push_bind(r.sector.clone())
            .push_bind(r.hq_country.clone())
            .push_bind(r.founded_or_arrived_year)
            .push_bind(r.employees_in_city)
            .push_bind(r.revenue_usd)
            .push_bind(r.revenue_year)
            .push_bind(r.quote.clone())
            .push_bind(r.source_ids.join(";"));
    });
}
