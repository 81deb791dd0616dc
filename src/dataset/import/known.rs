//! The keys rows can refer to, and the checks of those references: what the database holds
//! plus what the files read so far declared. Also the check for keys repeated within a file.

use std::collections::HashMap;

use sqlx::SqliteConnection;

use super::super::fields::{Fields, is_slug};
use super::super::problems::shown;
use crate::db::import::{cities, metric_definitions, parks, sectors, sources};

/// Keys the import can refer to: what the database holds plus what the import has declared.
/// `None` marks a key declared by a row that had problems of its own: references to it are not
/// reported again, but the referring row is not written either.
#[derive(Default)]
pub(super) struct Known {
    /// Source id: whether a row that may be written declared it (false: only broken rows did).
    pub sources: HashMap<String, bool>,
    pub metric_units: HashMap<String, Option<String>>,
    /// City slug: its id.
    pub cities: HashMap<String, Option<i64>>,
    /// Park slug: its id and its city's id.
    pub parks: HashMap<String, Option<(i64, i64)>>,
    pub sectors: Vec<String>,
    /// Where the next metric definition read goes in the catalogue.
    pub next_metric_position: i64,
}

enum Lookup<T> {
    Found(T),
    /// Declared by a row with problems: stay quiet, skip the row.
    Broken,
    Unknown,
}

fn lookup<T: Clone>(map: &HashMap<String, Option<T>>, key: &str) -> Lookup<T> {
    match map.get(key) {
        Some(Some(v)) => Lookup::Found(v.clone()),
        Some(None) => Lookup::Broken,
        None => Lookup::Unknown,
    }
}

impl Known {
    pub async fn load(conn: &mut SqliteConnection) -> Result<Known, sqlx::Error> {
        Ok(Known {
            sources: sources::ids(conn).await?.into_iter().map(|s| (s, true)).collect(),
            metric_units: metric_definitions::units(conn)
                .await?
                .into_iter()
                .map(|m| (m.metric, Some(m.unit)))
                .collect(),
            cities: cities::ids(conn).await?.into_iter().map(|c| (c.slug, Some(c.id))).collect(),
            parks: parks::ids(conn).await?.into_iter().map(|p| (p.slug, Some((p.id, p.city_id)))).collect(),
            sectors: sectors::slugs(conn).await?,
            next_metric_position: metric_definitions::next_position(conn).await?,
        })
    }

    /// After a file of cities, records the ids of the new ones so later files can refer to
    /// them, and marks new slugs that could not be written as broken.
    pub async fn refresh_cities(
        &mut self,
        conn: &mut SqliteConnection,
        new_slugs: &[String],
    ) -> Result<(), sqlx::Error> {
        let found: HashMap<String, i64> =
            cities::ids_of(conn, new_slugs).await?.into_iter().map(|c| (c.slug, c.id)).collect();
        for slug in new_slugs {
            self.cities.insert(slug.clone(), found.get(slug).copied());
        }
        Ok(())
    }

    /// `refresh_cities` for a file of parks.
    pub async fn refresh_parks(
        &mut self,
        conn: &mut SqliteConnection,
        new_slugs: &[String],
    ) -> Result<(), sqlx::Error> {
        let found: HashMap<String, (i64, i64)> =
            parks::ids_of(conn, new_slugs).await?.into_iter().map(|p| (p.slug, (p.id, p.city_id))).collect();
        for slug in new_slugs {
            self.parks.insert(slug.clone(), found.get(slug).copied());
        }
        Ok(())
    }

    /// Checks every source id; false when the row must not be written.
    pub fn check_sources(&self, f: &mut Fields, column: &str, ids: &[String]) -> bool {
        let mut ok = true;
        // Malformed ids were reported by the field check already.
        for id in ids.iter().filter(|id| is_slug(id)) {
            match self.sources.get(id) {
                Some(true) => {}
                Some(false) => ok = false,
                None => {
                    f.problem(
                        column,
                        format!("unknown source {}: it is in neither sources.csv nor the database", shown(id)),
                    );
                    ok = false;
                }
            }
        }
        ok
    }

    /// The id of the city `slug`; `None` when the row must not be written.
    pub fn city(&self, f: &mut Fields, column: &str, slug: &str) -> Option<i64> {
        if slug.is_empty() {
            return None;
        }
        match lookup(&self.cities, slug) {
            Lookup::Found(id) => Some(id),
            Lookup::Broken => None,
            Lookup::Unknown => {
                f.problem(
                    column,
                    format!("unknown city {}: it is in neither cities.csv nor the database", shown(slug)),
                );
                None
            }
        }
    }

    /// The id of a company's park, which must be in the company's city (`city_id`, when that
    /// resolved): `Some(None)` without a park, `None` when the row must not be written.
    pub fn park_of_company(
        &self,
        f: &mut Fields,
        park: Option<&str>,
        city_slug: &str,
        city_id: Option<i64>,
    ) -> Option<Option<i64>> {
        let park = match park {
            None | Some("") => return Some(None),
            Some(park) => park,
        };
        match lookup(&self.parks, park) {
            Lookup::Found((park_id, park_city)) => {
                if city_id.is_some_and(|c| c != park_city) {
                    f.problem(
                        "park_slug",
                        format!("park {} is in another city than {}", shown(park), shown(city_slug)),
                    );
                }
                Some(Some(park_id))
            }
            Lookup::Broken => None,
            Lookup::Unknown => {
                f.problem(
                    "park_slug",
                    format!("unknown park {}: it is in neither parks.csv nor the database", shown(park)),
                );
                None
            }
        }
    }

    pub fn sector(&self, f: &mut Fields, column: &str, sector: &str) -> bool {
        if sector.is_empty() {
            return false;
        }
        if self.sectors.iter().any(|s| s == sector) {
            return true;
        }
        f.problem(column, format!("unknown sector {}; allowed: {}", shown(sector), self.sectors.join(", ")));
        false
    }

    /// Checks that a figure's metric is defined and that it is given in the metric's unit;
    /// false when the row must not be written for it (a wrong unit is reported only).
    pub fn metric(&self, f: &mut Fields, metric: &str, unit: &str) -> bool {
        match lookup(&self.metric_units, metric) {
            Lookup::Found(defined) => {
                if !unit.is_empty() && unit != defined {
                    f.problem(
                        "unit",
                        format!(
                            "{} differs from the unit {} that metric {metric} is defined in",
                            shown(unit),
                            shown(&defined)
                        ),
                    );
                }
                true
            }
            Lookup::Broken => false,
            Lookup::Unknown if metric.is_empty() => false,
            Lookup::Unknown => {
                f.problem(
                    "metric",
                    format!(
                        "unknown metric {}: define it in metric_definitions.csv (it is not in the catalogue)",
                        shown(metric)
                    ),
                );
                false
            }
        }
    }
}

/// Detects rows that repeat a key seen earlier in the same file.
#[derive(Default)]
pub(super) struct Seen(HashMap<String, u64>);

impl Seen {
    pub fn check(&mut self, f: &mut Fields, column: &str, key: String) {
        if key.is_empty() {
            return;
        }
        if let Some(first) = self.0.get(&key) {
            f.problem(column, format!("duplicate key {}: already on line {first}", shown(&key)));
        } else {
            self.0.insert(key, f.line());
        }
    }
}
