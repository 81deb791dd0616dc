//! Name search over cities, parks and companies with SQLite FTS5.
//!
//! Every word of the query must match the start of a word of the name (prefix matching).
//! FTS5's own ranking (bm25) reads every match, which for a word found in a million names
//! takes seconds; so each index returns at most `CANDIDATES` matches in storage order, quickly,
//! and `rank` orders those: exact names first, then names that start with the query, then
//! whole-word matches, shorter names before longer.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use crate::i18n::names::{self, Kind as Name};

/// Matches read per kind before ranking.
pub const CANDIDATES: i64 = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = SearchKind)]
pub enum Kind {
    City,
    Park,
    Company,
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
#[schema(as = SearchHit)]
pub struct Hit {
    #[sqlx(skip)]
    #[schema(required = true)]
    pub kind: Option<Kind>,
    pub slug: String,
    pub name: String,
    /// Where it is: the country of a city, the city of a park or company.
    pub place: String,
}

/// The FTS5 query for free text: each word quoted (so no FTS syntax gets through) and made a
/// prefix. `None` when there is no word.
pub fn fts_query(text: &str) -> Option<String> {
    words_query(text, "*")
}

/// The same with whole words only: a word found in a million names streams from the index at
/// once, where the same word as a prefix must first merge every word it could begin.
fn whole_words_query(text: &str) -> Option<String> {
    words_query(text, "")
}

fn words_query(text: &str, suffix: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("\"{w}\"{suffix}"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

async fn matches(pool: &SqlitePool, sql: &'static str, query: &str) -> Result<Vec<Hit>, sqlx::Error> {
    sqlx::query_as(sql).bind(query).bind(CANDIDATES).fetch_all(pool).await
}

/// Matching cities, parks and companies, each list ranked, with whether more matched than were
/// read.
pub async fn search(pool: &SqlitePool, text: &str) -> Result<Vec<(Kind, Vec<Hit>, bool)>, sqlx::Error> {
    let (Some(prefixes), Some(whole)) = (fts_query(text), whole_words_query(text)) else { return Ok(Vec::new()) };
    let kinds: [(Kind, &'static str); 3] = [
        (
            Kind::City,
            "SELECT c.slug, c.name, c.country AS place FROM city_search s JOIN cities c ON c.id = s.rowid
             WHERE city_search MATCH ? LIMIT ?",
        ),
        (
            Kind::Park,
            "SELECT p.slug, p.name, c.name AS place FROM park_search s JOIN parks p ON p.id = s.rowid
             JOIN cities c ON c.id = p.city_id WHERE park_search MATCH ? LIMIT ?",
        ),
        (
            Kind::Company,
            "SELECT co.slug, co.name, c.name AS place FROM company_search s JOIN companies co ON co.id = s.rowid
             JOIN cities c ON c.id = co.city_id WHERE company_search MATCH ? LIMIT ?",
        ),
    ];
    let mut out = Vec::new();
    for (kind, sql) in kinds {
        // Whole words first; prefixes only when they leave room for more.
        let mut hits = matches(pool, sql, &whole).await?;
        if (hits.len() as i64) < CANDIDATES {
            for hit in matches(pool, sql, &prefixes).await? {
                if !hits.iter().any(|h| h.slug == hit.slug) {
                    hits.push(hit);
                }
            }
        }
        for hit in translated(pool, kind, text).await? {
            if !hits.iter().any(|h| h.slug == hit.slug) {
                hits.push(hit);
            }
        }
        let more = hits.len() as i64 >= CANDIDATES;
        for h in &mut hits {
            h.kind = Some(kind);
        }
        hits.sort_by_cached_key(|h| best_rank(text, kind, h));
        // Ranked by the better of the dataset's name and its translations, shown in the page's language.
        let hits = super::localised::rows(hits);
        out.push((kind, hits, more));
    }
    Ok(out)
}

/// The translated names of a kind, where it has them.
fn name_kind(kind: Kind) -> Option<Name> {
    match kind {
        Kind::City => Some(Name::City),
        Kind::Park => Some(Name::Park),
        Kind::Company => None,
    }
}

/// Cities and parks found by their names in another language (`names::keys_matching`), which
/// the index does not hold; cities also by their country's, as the index finds them by the
/// English one. A few dozen names are translated, so this reads at most that many rows.
async fn translated(pool: &SqlitePool, kind: Kind, text: &str) -> Result<Vec<Hit>, sqlx::Error> {
    let Some(name) = name_kind(kind) else { return Ok(Vec::new()) };
    let slugs = names::keys_matching(name, text);
    let countries = if kind == Kind::City { names::keys_matching(Name::Country, text) } else { Vec::new() };
    if slugs.is_empty() && countries.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Sqlite>::new(match kind {
        Kind::City => "SELECT c.slug, c.name, c.country AS place FROM cities c WHERE c.slug IN (",
        _ => "SELECT p.slug, p.name, c.name AS place FROM parks p JOIN cities c ON c.id = p.city_id WHERE p.slug IN (",
    });
    let mut list = qb.separated(", ");
    list.push("NULL"); // a valid list when only a country matched
    for slug in slugs {
        list.push_bind(slug);
    }
    qb.push(")");
    if !countries.is_empty() {
        let mut list = qb.push(" OR c.country IN (").separated(", ");
        for country in countries {
            list.push_bind(country);
        }
        qb.push(")");
    }
    qb.build_query_as().fetch_all(pool).await
}

/// The better of `rank` over the dataset's name and over its translations.
fn best_rank(query: &str, kind: Kind, hit: &Hit) -> (u8, usize, String) {
    let own = rank(query, &hit.name);
    name_kind(kind)
        .into_iter()
        .flat_map(|name| names::translations(name, &hit.slug))
        .map(|translated| rank(query, translated))
        .fold(own, std::cmp::min)
}

/// Sort key of a name for a query: lower is better. Exact names first, then names that start
/// with the query as whole words, then with the query at all, then names holding every word
/// whole; within a tier, shorter names first.
pub fn rank(query: &str, name: &str) -> (u8, usize, String) {
    let q = query.trim().to_lowercase();
    let n = name.to_lowercase();
    let split = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
    };
    let (words, name_words) = (split(&q), split(&n));
    let starts_whole = n.starts_with(&q) && n[q.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    let tier = if n == q {
        0
    } else if starts_whole {
        1
    } else if n.starts_with(&q) {
        2
    } else if words.iter().all(|w| name_words.contains(w)) {
        3
    } else {
        4
    };
    (tier, name.chars().count(), n)
}

impl super::localised::Localise for Hit {
    fn localise(&mut self, lang: crate::i18n::Lang) {
        use crate::i18n::names::Kind as Name;
        match self.kind {
            Some(Kind::City) => {
                super::localised::translate(lang, Name::City, &self.slug, &mut self.name);
                super::localised::country(lang, &mut self.place);
            }
            Some(Kind::Park) => super::localised::translate(lang, Name::Park, &self.slug, &mut self.name),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_becomes_quoted_prefixes() {
        assert_eq!(fts_query("dal").as_deref(), Some("\"dal\"*"));
        assert_eq!(fts_query("Tech Park").as_deref(), Some("\"Tech\"* \"Park\"*"));
        assert_eq!(fts_query("a\" OR b NEAR(").as_deref(), Some("\"a\"* \"OR\"* \"b\"* \"NEAR\"*"));
        assert_eq!(fts_query("  -- ** "), None);
    }

    #[test]
    fn exact_then_whole_word_start_then_start_then_whole_words_then_the_rest() {
        let mut names = vec!["Big Dalian Park", "Dalianese Co", "Dalian Tiandi", "Dalian", "Big Dalianese"];
        names.sort_by_key(|n| rank("dalian", n));
        assert_eq!(names, ["Dalian", "Dalian Tiandi", "Dalianese Co", "Big Dalian Park", "Big Dalianese"]);
    }
}
