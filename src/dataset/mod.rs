//! The CSV dataset format (`data/README.md`): its files, reading and checking them, and
//! importing them into the database in one transaction with every problem reported as
//! `FILE:LINE: column: reason`.

mod fields;
mod files;
mod import;
mod problems;
mod quotes;
mod rows;
pub mod synthetic;

pub use fields::is_slug;
pub use files::{DatasetFile, DatasetSource, FolderDataset, MemoryDataset};
pub use import::{
    FileReport, ImportError, ImportMode, ImportReport, LogProgress, Progress, Provenance, import, import_with_progress,
};
pub use problems::{Problem, ProblemGroup};
