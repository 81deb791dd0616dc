//! Knowing, cheaply and exactly, which data version a request sees, and keeping what only
//! changes with it (the catalogue, exchange rates, sectors, city and country lists) in memory.
//!
//! Every commit writes SQLite's files, so their size and modification time change with every
//! import, whoever runs it (an admin upload here, or `clusterscope import` in another process).
//! Two `stat` calls per request tell whether anything changed; only then is the version read
//! from the database again.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use sqlx::SqlitePool;

use crate::comparable::Rates;
use crate::db::cities::{self, CityName};
use crate::db::directory::Directory;
use crate::db::parks::{self, ParkName};
use crate::db::presets::{self, Preset};
use crate::db::sectors::{self, Sector};
use crate::db::{catalogue, fx_rates};
use crate::metric::Catalogue;

/// Size and modification time of the database file and its write-ahead log.
type Signature = [(u64, Option<SystemTime>); 2];

/// What pages need that changes only with the data version.
#[derive(Debug)]
pub struct Reference {
    pub version: i64,
    pub catalogue: Catalogue,
    /// The cited exchange rates.
    pub rates: Rates,
    pub sectors: Vec<Sector>,
    pub cities: Vec<CityName>,
    /// The dataset's named groups of cities, for the pickers.
    pub presets: Vec<Preset>,
    /// Each city's parks (by city slug), for the park picker of the companies list.
    pub parks: HashMap<String, Vec<ParkName>>,
    /// Names and sources by id, for the rows of the companies list.
    pub directory: Directory,
}

pub struct Freshness {
    files: Option<[PathBuf; 2]>,
    seen: Mutex<Option<(Signature, i64)>>,
    /// One per language: city, park and sector names are read in the page's language.
    reference: Mutex<[Option<Arc<Reference>>; 2]>,
}

impl Freshness {
    pub fn new(pool: &SqlitePool) -> Self {
        let db = pool.connect_options().get_filename().to_path_buf();
        let files = (!db.as_os_str().is_empty() && db.as_os_str() != ":memory:").then(|| {
            let mut wal = db.clone().into_os_string();
            wal.push("-wal");
            [db, PathBuf::from(wal)]
        });
        Freshness { files, seen: Mutex::new(None), reference: Mutex::new([None, None]) }
    }

    fn signature(&self) -> Option<Signature> {
        let files = self.files.as_ref()?;
        let stat = |p: &PathBuf| std::fs::metadata(p).map_or((0, None), |m| (m.len(), m.modified().ok()));
        Some([stat(&files[0]), stat(&files[1])])
    }

    /// The data version now.
    pub async fn version(&self, pool: &SqlitePool) -> Result<i64, sqlx::Error> {
        let signature = self.signature();
        let seen = *self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if let (Some(sig), Some((seen_sig, version))) = (signature, seen)
            && sig == seen_sig
        {
            return Ok(version);
        }
        let version = crate::db::data_version(pool).await?;
        if let Some(sig) = signature {
            *self.seen.lock().unwrap_or_else(|e| e.into_inner()) = Some((sig, version));
        }
        Ok(version)
    }

    /// The reference data of the current version in the page's language, loaded once per
    /// version and language.
    pub async fn reference(&self, pool: &SqlitePool) -> Result<Arc<Reference>, sqlx::Error> {
        let version = self.version(pool).await?;
        let slot = match crate::i18n::lang() {
            crate::i18n::Lang::En => 0,
            crate::i18n::Lang::Zh => 1,
        };
        let current = self.reference.lock().unwrap_or_else(|e| e.into_inner())[slot].clone();
        if let Some(r) = current
            && r.version == version
        {
            return Ok(r);
        }
        let loaded = Arc::new(Reference {
            version,
            catalogue: catalogue::load(pool).await?,
            rates: Rates::new(fx_rates::all(pool).await?),
            sectors: sectors::all(pool).await?,
            cities: cities::names(pool).await?,
            presets: presets::all(pool).await?,
            parks: parks::names_by_city(pool).await?,
            directory: Directory::load(pool).await?,
        });
        self.reference.lock().unwrap_or_else(|e| e.into_inner())[slot] = Some(loaded.clone());
        Ok(loaded)
    }
}
