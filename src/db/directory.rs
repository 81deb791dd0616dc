//! The names a list of companies shows beside each row (its city, park and sector) and the
//! sources it cites, by id: a few thousand small rows, read once per data version
//! (`web::freshness`) so that a page of the list needs no join for them. At a million
//! companies those joins were about 250 B-tree look-ups per page, more than the page's own rows.

use std::collections::HashMap;

use sqlx::SqlitePool;

use super::sources::Source;

/// A city's or a park's slug and name (as stored; pages translate them with the row).
#[derive(Debug, Clone)]
pub struct Named {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Default)]
pub struct Directory {
    cities: HashMap<i64, Named>,
    parks: HashMap<i64, Named>,
    /// Sector labels by slug.
    sectors: HashMap<String, String>,
    sources: HashMap<String, Source>,
}

#[derive(sqlx::FromRow)]
struct IdNamed {
    id: i64,
    slug: String,
    name: String,
}

impl Directory {
    pub async fn load(pool: &SqlitePool) -> Result<Directory, sqlx::Error> {
        let named = |rows: Vec<IdNamed>| {
            rows.into_iter().map(|r| (r.id, Named { slug: r.slug, name: r.name })).collect::<HashMap<_, _>>()
        };
        let cities = sqlx::query_as("SELECT id, slug, name FROM cities").fetch_all(pool).await?;
        let parks = sqlx::query_as("SELECT id, slug, name FROM parks").fetch_all(pool).await?;
        let sectors: Vec<(String, String)> = sqlx::query_as("SELECT slug, label FROM sectors").fetch_all(pool).await?;
        let sources: Vec<Source> =
            sqlx::query_as("SELECT id, title, publisher, url, published_year, accessed FROM sources")
                .fetch_all(pool)
                .await?;
        Ok(Directory {
            cities: named(cities),
            parks: named(parks),
            sectors: sectors.into_iter().collect(),
            sources: sources.into_iter().map(|s| (s.id.clone(), s)).collect(),
        })
    }

    pub fn city(&self, id: i64) -> Option<&Named> {
        self.cities.get(&id)
    }

    pub fn park(&self, id: i64) -> Option<&Named> {
        self.parks.get(&id)
    }

    pub fn sector_label(&self, slug: &str) -> Option<&str> {
        self.sectors.get(slug).map(String::as_str)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id)
    }
}
