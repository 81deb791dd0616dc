//! The list of every source, at scale: grouped by the cities a source is tied to or by its
//! publisher, narrowed to one city or to a word of the title or publisher, a page at a time.
//!
//! A source is tied to a city when anything of that city cites it: a figure, a sector
//! statement, the city's profile row, one of its parks or companies. A source tied to several
//! cities is listed once under each of them when grouping by city; one tied to none (an
//! exchange rate's source) is listed last, under no city.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::localised::{self, Localise};
use crate::i18n::Lang;

use super::cities::CityName;
use super::sources::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    City,
    Publisher,
}

/// Which sources the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceFilter {
    /// Only sources tied to this city (a slug).
    pub city: Option<String>,
    /// Only sources whose title or publisher contains this text (any case for ASCII letters).
    pub text: Option<String>,
}

/// One line of the list: a source under its group.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SourceEntry {
    #[sqlx(flatten)]
    pub source: Source,
    /// The city it is listed under (grouping by city); `None` for no city, or by publisher.
    pub city_slug: Option<String>,
    pub city_name: Option<String>,
}

const SOURCE_COLUMNS: &str = "s.id, s.title, s.publisher, s.url, s.published_year, s.accessed";

/// `WITH ties(city_id, source_id)`: which cities each source is tied to, narrowed to the
/// filter's city inside each branch so that every branch is an index lookup.
fn push_ties(qb: &mut QueryBuilder<Sqlite>, city: Option<&str>) {
    let branches = [
        ("SELECT m.city_id, m.source_id FROM metrics m", "m.city_id"),
        ("SELECT cs.city_id, cs.source_id FROM city_sectors cs", "cs.city_id"),
        ("SELECT cx.city_id, cx.source_id FROM city_sources cx", "cx.city_id"),
        ("SELECT p.city_id, px.source_id FROM parks p JOIN park_sources px ON px.park_id = p.id", "p.city_id"),
        (
            "SELECT co.city_id, x.source_id FROM companies co JOIN company_sources x ON x.company_id = co.id",
            "co.city_id",
        ),
    ];
    qb.push("WITH ties(city_id, source_id) AS (");
    for (i, (select, city_column)) in branches.into_iter().enumerate() {
        if i > 0 {
            qb.push(" UNION ");
        }
        qb.push(select);
        if let Some(slug) = city {
            qb.push(format!(" WHERE {city_column} = (SELECT id FROM cities WHERE slug = "));
            qb.push_bind(slug.to_string());
            qb.push(")");
        }
    }
    qb.push(") ");
}

/// `%text%` for LIKE, with LIKE's own wildcards in the text matched as themselves.
fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

fn push_text_filter(qb: &mut QueryBuilder<Sqlite>, text: Option<&str>) {
    if let Some(text) = text {
        let pattern = like_pattern(text);
        qb.push(" AND (s.title LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\' OR s.publisher LIKE ");
        qb.push_bind(pattern).push(" ESCAPE '\\')");
    }
}

/// The entries of the list, unordered: `ties` must be in scope.
fn push_entries(qb: &mut QueryBuilder<Sqlite>, grouping: Grouping, filter: &SourceFilter) {
    let text = filter.text.as_deref();
    match grouping {
        Grouping::City => {
            qb.push(format!(
                "SELECT {SOURCE_COLUMNS}, c.slug AS city_slug, c.name AS city_name
                 FROM ties t JOIN cities c ON c.id = t.city_id JOIN sources s ON s.id = t.source_id WHERE 1 = 1"
            ));
            push_text_filter(qb, text);
            if filter.city.is_none() {
                qb.push(format!(
                    " UNION ALL SELECT {SOURCE_COLUMNS}, NULL AS city_slug, NULL AS city_name FROM sources s
                     WHERE NOT EXISTS (SELECT 1 FROM ties t WHERE t.source_id = s.id)"
                ));
                push_text_filter(qb, text);
            }
        }
        Grouping::Publisher => {
            qb.push(format!(
                "SELECT {SOURCE_COLUMNS}, NULL AS city_slug, NULL AS city_name FROM sources s WHERE 1 = 1"
            ));
            if filter.city.is_some() {
                qb.push(" AND s.id IN (SELECT source_id FROM ties)");
            }
            push_text_filter(qb, text);
        }
    }
}

/// How many entries the list has, and how many distinct sources they are.
pub async fn count(pool: &SqlitePool, grouping: Grouping, filter: &SourceFilter) -> Result<(i64, i64), sqlx::Error> {
    let mut qb = QueryBuilder::<Sqlite>::new("");
    push_ties(&mut qb, filter.city.as_deref());
    qb.push("SELECT COUNT(*), COUNT(DISTINCT id) FROM (");
    push_entries(&mut qb, grouping, filter);
    qb.push(")");
    qb.build_query_as().fetch_one(pool).await
}

/// One page of the list: by city name (no city last), or by publisher; then by publisher,
/// title and id.
pub async fn page(
    pool: &SqlitePool,
    grouping: Grouping,
    filter: &SourceFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<SourceEntry>, sqlx::Error> {
    let mut qb = QueryBuilder::<Sqlite>::new("");
    push_ties(&mut qb, filter.city.as_deref());
    qb.push("SELECT * FROM (");
    push_entries(&mut qb, grouping, filter);
    qb.push(") ORDER BY ");
    if grouping == Grouping::City {
        qb.push("city_name IS NULL, city_name COLLATE NOCASE, city_slug, ");
    }
    qb.push("publisher COLLATE NOCASE, title COLLATE NOCASE, id LIMIT ");
    qb.push_bind(limit).push(" OFFSET ").push_bind(offset);
    qb.build_query_as().fetch_all(pool).await
}

#[derive(sqlx::FromRow)]
struct SourceCity {
    source_id: String,
    #[sqlx(flatten)]
    city: CityName,
}

/// The cities each of the given sources is tied to, by name.
pub async fn cities_of(pool: &SqlitePool, source_ids: &[&str]) -> Result<HashMap<String, Vec<CityName>>, sqlx::Error> {
    let mut out: HashMap<String, Vec<CityName>> = HashMap::new();
    for chunk in source_ids.chunks(100) {
        let mut qb = QueryBuilder::<Sqlite>::new("WITH wanted(id) AS (VALUES ");
        let mut sep = qb.separated(", ");
        for id in chunk {
            sep.push("(").push_bind_unseparated(id.to_string()).push_unseparated(")");
        }
        qb.push(
            "), ties(city_id, source_id) AS (
               SELECT m.city_id, m.source_id FROM wanted w JOIN metrics m ON m.source_id = w.id
               UNION SELECT cs.city_id, cs.source_id FROM wanted w JOIN city_sectors cs ON cs.source_id = w.id
               UNION SELECT cx.city_id, cx.source_id FROM wanted w JOIN city_sources cx ON cx.source_id = w.id
               UNION SELECT p.city_id, px.source_id FROM wanted w JOIN park_sources px ON px.source_id = w.id
                     JOIN parks p ON p.id = px.park_id
               UNION SELECT co.city_id, x.source_id FROM wanted w JOIN company_sources x ON x.source_id = w.id
                     JOIN companies co ON co.id = x.company_id)
             SELECT t.source_id, c.slug, c.name, c.country, c.region, c.lat, c.lon
             FROM ties t JOIN cities c ON c.id = t.city_id
             ORDER BY t.source_id, c.name COLLATE NOCASE",
        );
        let rows: Vec<SourceCity> = qb.build_query_as().fetch_all(pool).await?;
        for row in localised::rows(rows) {
            out.entry(row.source_id).or_default().push(row.city);
        }
    }
    Ok(out)
}

/// How many things cite each of the given sources: figures, sector statements, parks,
/// companies, city profiles and exchange rates.
pub async fn citing_counts(pool: &SqlitePool, source_ids: &[&str]) -> Result<HashMap<String, i64>, sqlx::Error> {
    let mut out = HashMap::new();
    for chunk in source_ids.chunks(100) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT s.id,
                (SELECT COUNT(*) FROM metrics m WHERE m.source_id = s.id)
              + (SELECT COUNT(*) FROM city_sectors cs WHERE cs.source_id = s.id)
              + (SELECT COUNT(*) FROM city_sources x WHERE x.source_id = s.id)
              + (SELECT COUNT(*) FROM park_sources x WHERE x.source_id = s.id)
              + (SELECT COUNT(*) FROM company_sources x WHERE x.source_id = s.id)
              + (SELECT COUNT(*) FROM fx_rates r WHERE r.source_id = s.id)
             FROM sources s WHERE s.id IN (",
        );
        let mut sep = qb.separated(", ");
        for id in chunk {
            sep.push_bind(id.to_string());
        }
        qb.push(")");
        let rows: Vec<(String, i64)> = qb.build_query_as().fetch_all(pool).await?;
        out.extend(rows);
    }
    Ok(out)
}

impl Localise for SourceCity {
    fn localise(&mut self, lang: Lang) {
        self.city.localise(lang);
    }
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_wildcards_in_the_text_match_themselves() {
        assert_eq!(like_pattern("dalian"), "%dalian%");
        assert_eq!(like_pattern("100%"), "%100\\%%");
        assert_eq!(like_pattern("a_b\\c"), "%a\\_b\\\\c%");
    }
}
