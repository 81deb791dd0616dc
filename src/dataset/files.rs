//! The files of a dataset, their columns, and where their bytes come from (a folder on disk,
//! the copy of `data/` built into the binary, or an upload held in memory).

use std::fs::File;
use std::io::{self, Read};
use std::path::PathBuf;

use bytes::Bytes;

/// One file of the dataset format (see `data/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DatasetFile {
    Sources,
    FxRates,
    MetricDefinitions,
    Cities,
    Presets,
    Parks,
    Companies,
    Sectors,
    Metrics,
}

impl DatasetFile {
    /// Every file, in the order an import reads them: each file only refers to files before it.
    pub const IMPORT_ORDER: [DatasetFile; 9] = [
        DatasetFile::Sources,
        DatasetFile::FxRates,
        DatasetFile::MetricDefinitions,
        DatasetFile::Cities,
        DatasetFile::Presets,
        DatasetFile::Parks,
        DatasetFile::Companies,
        DatasetFile::Sectors,
        DatasetFile::Metrics,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            DatasetFile::Sources => "sources.csv",
            DatasetFile::FxRates => "fx_rates.csv",
            DatasetFile::MetricDefinitions => "metric_definitions.csv",
            DatasetFile::Cities => "cities.csv",
            DatasetFile::Presets => "presets.csv",
            DatasetFile::Parks => "parks.csv",
            DatasetFile::Companies => "companies.csv",
            DatasetFile::Sectors => "sectors.csv",
            DatasetFile::Metrics => "metrics.csv",
        }
    }

    pub fn from_file_name(name: &str) -> Option<DatasetFile> {
        Self::IMPORT_ORDER.into_iter().find(|f| f.file_name() == name)
    }

    /// Columns the header must have. The others in `optional_columns` may be left out, which
    /// leaves their values empty (a missing figure stays missing).
    pub fn required_columns(self) -> &'static [&'static str] {
        match self {
            DatasetFile::Sources => &["id", "title", "publisher", "url", "accessed"],
            DatasetFile::FxRates => &["currency", "year", "units_per_usd", "source_id", "quote"],
            DatasetFile::MetricDefinitions => &["metric", "label", "unit", "family", "scope"],
            DatasetFile::Cities => &["slug", "name", "country", "source_id"],
            DatasetFile::Presets => &["id", "label", "cities"],
            DatasetFile::Parks => &["slug", "city_slug", "name", "source_id", "quote"],
            DatasetFile::Companies => &["slug", "name", "city_slug", "sector", "source_id", "quote"],
            DatasetFile::Sectors => &["city_slug", "sector", "evidence_source_id", "quote"],
            DatasetFile::Metrics => &["city_slug", "metric", "year", "value", "unit", "source_id", "quote"],
        }
    }

    pub fn optional_columns(self) -> &'static [&'static str] {
        match self {
            DatasetFile::Sources => &["published_year"],
            DatasetFile::Presets => &["description"],
            DatasetFile::FxRates => &[],
            DatasetFile::MetricDefinitions => &["higher_is_better", "description"],
            DatasetFile::Cities => {
                &["region", "population", "population_year", "population_scope", "lat", "lon", "summary"]
            }
            DatasetFile::Parks => &["opened_year", "area_km2", "companies", "employees", "foreign_share"],
            DatasetFile::Companies => &[
                "park_slug",
                "hq_country",
                "founded_or_arrived_year",
                "employees_in_city",
                "revenue_usd",
                "revenue_year",
            ],
            DatasetFile::Sectors | DatasetFile::Metrics => &[],
        }
    }

    pub fn allows_column(self, name: &str) -> bool {
        self.required_columns().contains(&name) || self.optional_columns().contains(&name)
    }
}

/// Where a dataset's files come from.
pub trait DatasetSource: Sync {
    /// Names the dataset in messages and in the import log ("folder data/", "built-in dataset").
    fn describe(&self) -> String;
    /// The file's bytes, or `None` when the dataset does not have it.
    fn open(&self, file: DatasetFile) -> io::Result<Option<Box<dyn Read + Send + '_>>>;
    /// CSV files present that are not part of the format (most likely a misspelt name).
    fn unexpected_files(&self) -> Vec<String>;
    /// The file's size in bytes, if known without reading it.
    fn size_hint(&self, file: DatasetFile) -> Option<u64>;
}

/// A dataset folder on disk; files are streamed, never read whole.
pub struct FolderDataset {
    dir: PathBuf,
}

impl FolderDataset {
    pub fn new(dir: impl Into<PathBuf>) -> io::Result<Self> {
        let dir = dir.into();
        if !dir.is_dir() {
            return Err(io::Error::new(io::ErrorKind::NotFound, format!("{} is not a folder", dir.display())));
        }
        Ok(FolderDataset { dir })
    }
}

impl DatasetSource for FolderDataset {
    fn describe(&self) -> String {
        format!("folder {}", self.dir.display())
    }

    fn open(&self, file: DatasetFile) -> io::Result<Option<Box<dyn Read + Send + '_>>> {
        match File::open(self.dir.join(file.file_name())) {
            Ok(f) => Ok(Some(Box::new(io::BufReader::with_capacity(1 << 16, f)))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn size_hint(&self, file: DatasetFile) -> Option<u64> {
        std::fs::metadata(self.dir.join(file.file_name())).ok().map(|m| m.len())
    }

    fn unexpected_files(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.to_ascii_lowercase().ends_with(".csv") && DatasetFile::from_file_name(n).is_none())
            .collect();
        names.sort();
        names
    }
}

/// A dataset held in memory: the copy of `data/` built into the binary, or an upload. The
/// bytes are shared, not copied: an upload kept for "apply" and its preview hold one copy.
pub struct MemoryDataset {
    name: String,
    files: Vec<(String, Bytes)>,
}

impl MemoryDataset {
    pub fn new(name: impl Into<String>, files: Vec<(String, Bytes)>) -> Self {
        MemoryDataset { name: name.into(), files }
    }

    /// The bundled reference dataset (`data/`), compiled into the binary so that it serves
    /// from any folder.
    pub fn built_in() -> Self {
        macro_rules! embed {
            ($name:literal) => {
                (
                    $name.to_string(),
                    Bytes::from_static(include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $name))),
                )
            };
        }
        MemoryDataset::new(
            "built-in dataset",
            vec![
                embed!("sources.csv"),
                embed!("fx_rates.csv"),
                embed!("metric_definitions.csv"),
                embed!("cities.csv"),
                embed!("presets.csv"),
                embed!("parks.csv"),
                embed!("companies.csv"),
                embed!("sectors.csv"),
                embed!("metrics.csv"),
            ],
        )
    }
}

impl DatasetSource for MemoryDataset {
    fn describe(&self) -> String {
        self.name.clone()
    }

    fn open(&self, file: DatasetFile) -> io::Result<Option<Box<dyn Read + Send + '_>>> {
        Ok(self
            .files
            .iter()
            .find(|(name, _)| name == file.file_name())
            .map(|(_, bytes)| Box::new(&bytes[..]) as Box<dyn Read + Send + '_>))
    }

    fn size_hint(&self, file: DatasetFile) -> Option<u64> {
        self.files.iter().find(|(name, _)| name == file.file_name()).map(|(_, bytes)| bytes.len() as u64)
    }

    fn unexpected_files(&self) -> Vec<String> {
        self.files.iter().map(|(name, _)| name.clone()).filter(|n| DatasetFile::from_file_name(n).is_none()).collect()
    }
}
