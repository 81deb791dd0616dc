//! Writing validated rows in batches: each batch reads the rows that already exist with the
//! same keys, classifies every incoming row as new, changed or unchanged, and upserts only the
//! new and changed ones with one multi-row statement. The SQL of the import lives here.

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

/// A row ready to be written: references resolved to ids, comparable with the stored row.
pub(crate) trait Record: PartialEq + Sized {
    /// The table the rows go to.
    const TABLE: &'static str;
    type Key: Eq + Hash + Clone;
    fn key(&self) -> Self::Key;
    /// The key as a reader would write it, for the import log.
    fn key_label(&self) -> String;
    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[Self::Key],
    ) -> Result<HashMap<Self::Key, Self>, sqlx::Error>;
    /// Inserts or updates the rows; returns each key with the row id it has now. `fresh`: the
    /// rows are all new, so there are no old source lists to clear.
    async fn upsert(
        conn: &mut SqliteConnection,
        rows: &[&Self],
        fresh: bool,
    ) -> Result<Vec<(Self::Key, i64)>, sqlx::Error>;
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

fn in_list<'a, T: 'a + Clone + sqlx::Encode<'a, Sqlite> + sqlx::Type<Sqlite>>(
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

/// Replaces the cited-source lists of the given rows of `table` (`city_sources`, ...).
async fn replace_source_lists(
    conn: &mut SqliteConnection,
    table: &'static str,
    owner_column: &'static str,
    lists: &[(i64, &[String])],
    fresh: bool,
) -> Result<(), sqlx::Error> {
    if lists.is_empty() {
        return Ok(());
    }
    if !fresh {
        let mut qb = QueryBuilder::<Sqlite>::new(format!("DELETE FROM {table} WHERE {owner_column} IN "));
        in_list(&mut qb, lists.iter().map(|(id, _)| id));
        qb.build().execute(&mut *conn).await?;
    }

    let entries: Vec<(i64, i64, &String)> =
        lists.iter().flat_map(|(id, ids)| ids.iter().enumerate().map(move |(pos, s)| (*id, pos as i64, s))).collect();
    for chunk in entries.chunks(5000) {
        let mut qb = QueryBuilder::<Sqlite>::new(format!("INSERT INTO {table} ({owner_column}, position, source_id) "));
        qb.push_values(chunk, |mut b, (id, pos, source)| {
            b.push_bind(*id).push_bind(*pos).push_bind((*source).clone());
        });
        qb.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Reads the cited-source lists of the given rows, in order.
async fn fetch_source_lists(
    conn: &mut SqliteConnection,
    table: &'static str,
    owner_column: &'static str,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, sqlx::Error> {
    let mut lists: HashMap<i64, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(lists);
    }
    let mut qb =
        QueryBuilder::<Sqlite>::new(format!("SELECT {owner_column}, source_id FROM {table} WHERE {owner_column} IN "));
    in_list(&mut qb, ids);
    qb.push(" ORDER BY position");
    for (id, source) in qb.build_query_as::<(i64, String)>().fetch_all(&mut *conn).await? {
        lists.entry(id).or_default().push(source);
    }
    Ok(lists)
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceRecord {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub published_year: Option<i64>,
    pub accessed: String,
}

impl Record for SourceRecord {
    const TABLE: &'static str = "sources";
    type Key = String;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn key_label(&self) -> String {
        self.id.clone()
    }
    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[String],
    ) -> Result<HashMap<String, Self>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT id, title, publisher, url, published_year, accessed FROM sources WHERE id IN ",
        );
        in_list(&mut qb, keys);
        let rows =
            qb.build_query_as::<(String, String, String, String, Option<i64>, String)>().fetch_all(&mut *conn).await?;
        Ok(rows
            .into_iter()
            .map(|(id, title, publisher, url, published_year, accessed)| {
                (id.clone(), SourceRecord { id, title, publisher, url, published_year, accessed })
            })
            .collect())
    }
    async fn upsert(
        conn: &mut SqliteConnection,
        rows: &[&Self],
        _fresh: bool,
    ) -> Result<Vec<(String, i64)>, sqlx::Error> {
        let mut qb =
            QueryBuilder::<Sqlite>::new("INSERT INTO sources (id, title, publisher, url, published_year, accessed) ");
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.id.clone())
                .push_bind(r.title.clone())
                .push_bind(r.publisher.clone())
                .push_bind(r.url.clone())
                .push_bind(r.published_year)
                .push_bind(r.accessed.clone());
        });
        qb.push(
            " ON CONFLICT (id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher, \
             url = excluded.url, published_year = excluded.published_year, accessed = excluded.accessed",
        );
        qb.build().execute(&mut *conn).await?;
        Ok(rows.iter().map(|r| (r.id.clone(), 0)).collect())
    }
}

#[derive(Debug, Clone)]
pub struct MetricDefinitionRecord {
    pub metric: String,
    pub label: String,
    pub unit: String,
    pub family: String,
    pub scope: String,
    pub higher_is_better: Option<bool>,
    pub description: String,
    /// Only used for new definitions: an existing one keeps its place in the catalogue.
    pub position: i64,
}

impl Record for MetricDefinitionRecord {
    const TABLE: &'static str = "metric_definitions";
    type Key = String;
    fn key(&self) -> String {
        self.metric.clone()
    }
    fn key_label(&self) -> String {
        self.metric.clone()
    }
    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[String],
    ) -> Result<HashMap<String, Self>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT metric, label, unit, family, scope, higher_is_better, description FROM metric_definitions WHERE metric IN ",
        );
        in_list(&mut qb, keys);
        let rows = qb
            .build_query_as::<(String, String, String, String, String, Option<bool>, String)>()
            .fetch_all(&mut *conn)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(metric, label, unit, family, scope, higher_is_better, description)| {
                (
                    metric.clone(),
                    MetricDefinitionRecord {
                        metric,
                        label,
                        unit,
                        family,
                        scope,
                        higher_is_better,
                        description,
                        position: 0,
                    },
                )
            })
            .collect())
    }
    async fn upsert(
        conn: &mut SqliteConnection,
        rows: &[&Self],
        _fresh: bool,
    ) -> Result<Vec<(String, i64)>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO metric_definitions (metric, label, unit, family, scope, higher_is_better, description, position) ",
        );
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.metric.clone())
                .push_bind(r.label.clone())
                .push_bind(r.unit.clone())
                .push_bind(r.family.clone())
                .push_bind(r.scope.clone())
                .push_bind(r.higher_is_better)
                .push_bind(r.description.clone())
                .push_bind(r.position);
        });
        qb.push(
            " ON CONFLICT (metric) DO UPDATE SET label = excluded.label, unit = excluded.unit, \
             family = excluded.family, scope = excluded.scope, higher_is_better = excluded.higher_is_better, \
             description = excluded.description",
        );
        qb.build().execute(&mut *conn).await?;
        Ok(rows.iter().map(|r| (r.metric.clone(), 0)).collect())
    }
}

// Position is bookkeeping, not content: a definition read again is unchanged wherever it sits.
impl PartialEq for MetricDefinitionRecord {
    fn eq(&self, other: &Self) -> bool {
        (&self.metric, &self.label, &self.unit, &self.family, &self.scope, self.higher_is_better, &self.description)
            == (
                &other.metric,
                &other.label,
                &other.unit,
                &other.family,
                &other.scope,
                other.higher_is_better,
                &other.description,
            )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CityRecord {
    pub slug: String,
    pub name: String,
    pub country: String,
    pub region: String,
    pub population: Option<i64>,
    pub population_year: Option<i64>,
    pub population_scope: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub summary: String,
    pub source_ids: Vec<String>,
}

type CityColumns =
    (i64, String, String, String, String, Option<i64>, Option<i64>, String, Option<f64>, Option<f64>, String);

impl Record for CityRecord {
    const TABLE: &'static str = "cities";
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
            "SELECT id, slug, name, country, region, population, population_year, population_scope, lat, lon, summary \
             FROM cities WHERE slug IN ",
        );
        in_list(&mut qb, keys);
        let rows = qb.build_query_as::<CityColumns>().fetch_all(&mut *conn).await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let mut lists = fetch_source_lists(conn, "city_sources", "city_id", &ids).await?;
        Ok(rows
            .into_iter()
            .map(
                |(
                    id,
                    slug,
                    name,
                    country,
                    region,
                    population,
                    population_year,
                    population_scope,
                    lat,
                    lon,
                    summary,
                )| {
                    (
                        slug.clone(),
                        CityRecord {
                            slug,
                            name,
                            country,
                            region,
                            population,
                            population_year,
                            population_scope,
                            lat,
                            lon,
                            summary,
                            source_ids: lists.remove(&id).unwrap_or_default(),
                        },
                    )
                },
            )
            .collect())
    }
    async fn upsert(
        conn: &mut SqliteConnection,
        rows: &[&Self],
        fresh: bool,
    ) -> Result<Vec<(String, i64)>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO cities (slug, name, country, region, population, population_year, population_scope, lat, lon, summary) ",
        );
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.slug.clone())
                .push_bind(r.name.clone())
                .push_bind(r.country.clone())
                .push_bind(r.region.clone())
                .push_bind(r.population)
                .push_bind(r.population_year)
                .push_bind(r.population_scope.clone())
                .push_bind(r.lat)
                .push_bind(r.lon)
                .push_bind(r.summary.clone());
        });
        qb.push(
            " ON CONFLICT (slug) DO UPDATE SET name = excluded.name, country = excluded.country, \
             region = excluded.region, population = excluded.population, population_year = excluded.population_year, \
             population_scope = excluded.population_scope, lat = excluded.lat, lon = excluded.lon, \
             summary = excluded.summary RETURNING slug, id",
        );
        let ids: Vec<(String, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let by_slug: HashMap<&str, i64> = ids.iter().map(|(s, id)| (s.as_str(), *id)).collect();
        let lists: Vec<(i64, &[String])> =
            rows.iter().map(|r| (by_slug[r.slug.as_str()], r.source_ids.as_slice())).collect();
        replace_source_lists(conn, "city_sources", "city_id", &lists, fresh).await?;
        Ok(ids)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParkRecord {
    pub slug: String,
    pub city_id: i64,
    pub name: String,
    pub opened_year: Option<i64>,
    pub area_km2: Option<f64>,
    pub companies: Option<i64>,
    pub employees: Option<i64>,
    pub foreign_share: Option<f64>,
    pub quote: String,
    pub source_ids: Vec<String>,
}

type ParkColumns = (i64, String, i64, String, Option<i64>, Option<f64>, Option<i64>, Option<i64>, Option<f64>, String);

impl Record for ParkRecord {
    const TABLE: &'static str = "parks";
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
            "SELECT id, slug, city_id, name, opened_year, area_km2, companies, employees, foreign_share, quote \
             FROM parks WHERE slug IN ",
        );
        in_list(&mut qb, keys);
        let rows = qb.build_query_as::<ParkColumns>().fetch_all(&mut *conn).await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let mut lists = fetch_source_lists(conn, "park_sources", "park_id", &ids).await?;
        Ok(rows
            .into_iter()
            .map(|(id, slug, city_id, name, opened_year, area_km2, companies, employees, foreign_share, quote)| {
                (
                    slug.clone(),
                    ParkRecord {
                        slug,
                        city_id,
                        name,
                        opened_year,
                        area_km2,
                        companies,
                        employees,
                        foreign_share,
                        quote,
                        source_ids: lists.remove(&id).unwrap_or_default(),
                    },
                )
            })
            .collect())
    }
    async fn upsert(
        conn: &mut SqliteConnection,
        rows: &[&Self],
        fresh: bool,
    ) -> Result<Vec<(String, i64)>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO parks (slug, city_id, name, opened_year, area_km2, companies, employees, foreign_share, quote) ",
        );
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.slug.clone())
                .push_bind(r.city_id)
                .push_bind(r.name.clone())
                .push_bind(r.opened_year)
                .push_bind(r.area_km2)
                .push_bind(r.companies)
                .push_bind(r.employees)
                .push_bind(r.foreign_share)
                .push_bind(r.quote.clone());
        });
        qb.push(
            " ON CONFLICT (slug) DO UPDATE SET city_id = excluded.city_id, name = excluded.name, \
             opened_year = excluded.opened_year, area_km2 = excluded.area_km2, companies = excluded.companies, \
             employees = excluded.employees, foreign_share = excluded.foreign_share, quote = excluded.quote \
             RETURNING slug, id",
        );
        let ids: Vec<(String, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let by_slug: HashMap<&str, i64> = ids.iter().map(|(s, id)| (s.as_str(), *id)).collect();
        let lists: Vec<(i64, &[String])> =
            rows.iter().map(|r| (by_slug[r.slug.as_str()], r.source_ids.as_slice())).collect();
        replace_source_lists(conn, "park_sources", "park_id", &lists, fresh).await?;
        Ok(ids)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompanyRecord {
    pub slug: String,
    pub name: String,
    pub city_id: i64,
    pub park_id: Option<i64>,
    pub sector: String,
    pub hq_country: Option<String>,
    pub founded_or_arrived_year: Option<i64>,
    pub employees_in_city: Option<i64>,
    pub revenue_usd: Option<f64>,
    pub revenue_year: Option<i64>,
    pub quote: String,
    pub source_ids: Vec<String>,
}

type CompanyColumns = (
    i64,
    String,
    String,
    i64,
    Option<i64>,
    String,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<f64>,
    Option<i64>,
    String,
);

impl Record for CompanyRecord {
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
        let rows = qb.build_query_as::<CompanyColumns>().fetch_all(&mut *conn).await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let mut lists = fetch_source_lists(conn, "company_sources", "company_id", &ids).await?;
        Ok(rows
            .into_iter()
            .map(
                |(
                    id,
                    slug,
                    name,
                    city_id,
                    park_id,
                    sector,
                    hq_country,
                    founded_or_arrived_year,
                    employees_in_city,
                    revenue_usd,
                    revenue_year,
                    quote,
                )| {
                    (
                        slug.clone(),
                        CompanyRecord {
                            slug,
                            name,
                            city_id,
                            park_id,
                            sector,
                            hq_country,
                            founded_or_arrived_year,
                            employees_in_city,
                            revenue_usd,
                            revenue_year,
                            quote,
                            source_ids: lists.remove(&id).unwrap_or_default(),
                        },
                    )
                },
            )
            .collect())
    }
    async fn upsert(
        conn: &mut SqliteConnection,
        rows: &[&Self],
        fresh: bool,
    ) -> Result<Vec<(String, i64)>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO companies (slug, name, city_id, park_id, sector, hq_country, founded_or_arrived_year, \
             employees_in_city, revenue_usd, revenue_year, quote) ",
        );
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
                .push_bind(r.quote.clone());
        });
        qb.push(
            " ON CONFLICT (slug) DO UPDATE SET name = excluded.name, city_id = excluded.city_id, \
             park_id = excluded.park_id, sector = excluded.sector, hq_country = excluded.hq_country, \
             founded_or_arrived_year = excluded.founded_or_arrived_year, employees_in_city = excluded.employees_in_city, \
             revenue_usd = excluded.revenue_usd, revenue_year = excluded.revenue_year, quote = excluded.quote \
             RETURNING slug, id",
        );
        let ids: Vec<(String, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let by_slug: HashMap<&str, i64> = ids.iter().map(|(s, id)| (s.as_str(), *id)).collect();
        let lists: Vec<(i64, &[String])> =
            rows.iter().map(|r| (by_slug[r.slug.as_str()], r.source_ids.as_slice())).collect();
        replace_source_lists(conn, "company_sources", "company_id", &lists, fresh).await?;
        Ok(ids)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CitySectorRecord {
    pub city_id: i64,
    /// The city's slug, for the import log.
    pub city_slug: String,
    pub sector: String,
    pub source_id: String,
    pub quote: String,
}

impl Record for CitySectorRecord {
    const TABLE: &'static str = "city_sectors";
    type Key = (i64, String);
    fn key(&self) -> (i64, String) {
        (self.city_id, self.sector.clone())
    }
    fn key_label(&self) -> String {
        format!("{}/{}", self.city_slug, self.sector)
    }
    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[(i64, String)],
    ) -> Result<HashMap<(i64, String), Self>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT cs.city_id, c.slug, cs.sector, cs.source_id, cs.quote FROM city_sectors cs \
             JOIN cities c ON c.id = cs.city_id WHERE (cs.city_id, cs.sector) IN (VALUES ",
        );
        let mut sep = qb.separated(", ");
        for (city, sector) in keys {
            sep.push("(").push_bind_unseparated(*city).push_unseparated(", ");
            sep.push_bind_unseparated(sector.clone()).push_unseparated(")");
        }
        qb.push(")");
        let rows = qb.build_query_as::<(i64, String, String, String, String)>().fetch_all(&mut *conn).await?;
        Ok(rows
            .into_iter()
            .map(|(city_id, city_slug, sector, source_id, quote)| {
                ((city_id, sector.clone()), CitySectorRecord { city_id, city_slug, sector, source_id, quote })
            })
            .collect())
    }
    async fn upsert(
        conn: &mut SqliteConnection,
        rows: &[&Self],
        _fresh: bool,
    ) -> Result<Vec<((i64, String), i64)>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new("INSERT INTO city_sectors (city_id, sector, source_id, quote) ");
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.city_id)
                .push_bind(r.sector.clone())
                .push_bind(r.source_id.clone())
                .push_bind(r.quote.clone());
        });
        qb.push(" ON CONFLICT (city_id, sector) DO UPDATE SET source_id = excluded.source_id, quote = excluded.quote");
        qb.build().execute(&mut *conn).await?;
        Ok(rows.iter().map(|r| (r.key(), 0)).collect())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MetricRecord {
    pub city_id: i64,
    pub city_slug: String,
    pub metric: String,
    pub year: i64,
    pub source_id: String,
    pub value: f64,
    pub unit: String,
    pub quote: String,
}

type MetricKey = (i64, String, i64, String);

impl Record for MetricRecord {
    const TABLE: &'static str = "metrics";
    type Key = MetricKey;
    fn key(&self) -> MetricKey {
        (self.city_id, self.metric.clone(), self.year, self.source_id.clone())
    }
    fn key_label(&self) -> String {
        format!("{}/{}/{}/{}", self.city_slug, self.metric, self.year, self.source_id)
    }
    async fn fetch_existing(
        conn: &mut SqliteConnection,
        keys: &[MetricKey],
    ) -> Result<HashMap<MetricKey, Self>, sqlx::Error> {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT m.city_id, c.slug, m.metric, m.year, m.source_id, m.value, m.unit, m.quote FROM metrics m \
             JOIN cities c ON c.id = m.city_id WHERE (m.city_id, m.metric, m.year, m.source_id) IN (VALUES ",
        );
        let mut sep = qb.separated(", ");
        for (city, metric, year, source) in keys {
            sep.push("(").push_bind_unseparated(*city).push_unseparated(", ");
            sep.push_bind_unseparated(metric.clone()).push_unseparated(", ");
            sep.push_bind_unseparated(*year).push_unseparated(", ");
            sep.push_bind_unseparated(source.clone()).push_unseparated(")");
        }
        qb.push(")");
        let rows = qb
            .build_query_as::<(i64, String, String, i64, String, f64, String, String)>()
            .fetch_all(&mut *conn)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(city_id, city_slug, metric, year, source_id, value, unit, quote)| {
                let record = MetricRecord { city_id, city_slug, metric, year, source_id, value, unit, quote };
                (record.key(), record)
            })
            .collect())
    }
    async fn upsert(
        conn: &mut SqliteConnection,
        rows: &[&Self],
        _fresh: bool,
    ) -> Result<Vec<(MetricKey, i64)>, sqlx::Error> {
        let mut qb =
            QueryBuilder::<Sqlite>::new("INSERT INTO metrics (city_id, metric, year, source_id, value, unit, quote) ");
        qb.push_values(rows, |mut b, r| {
            b.push_bind(r.city_id)
                .push_bind(r.metric.clone())
                .push_bind(r.year)
                .push_bind(r.source_id.clone())
                .push_bind(r.value)
                .push_bind(r.unit.clone())
                .push_bind(r.quote.clone());
        });
        qb.push(
            " ON CONFLICT (city_id, metric, year, source_id) DO UPDATE SET value = excluded.value, \
             unit = excluded.unit, quote = excluded.quote",
        );
        qb.build().execute(&mut *conn).await?;
        Ok(rows.iter().map(|r| (r.key(), 0)).collect())
    }
}
