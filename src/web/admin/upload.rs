//! Reading a dataset upload: a multipart form with the CSV files (or a `.zip` of them), the
//! reason for the change, and what to do (preview or apply). Uploads are held in memory,
//! never written to disk. What a whole upload may unpack to is one budget, spent by every plain
//! file and every zip entry as its bytes are read, so neither many zips nor one zip bomb can
//! make the server hold more than the budget.

use std::io::{Cursor, Read};
use std::time::{Duration, Instant};

use axum::extract::Multipart;
use bytes::Bytes;

use crate::dataset::MemoryDataset;
use crate::error::AppError;

/// How long a previewed upload waits to be applied.
pub const PENDING_TTL: Duration = Duration::from_secs(30 * 60);
/// Previews kept at once (each holds its files in memory).
pub const MAX_PENDING: usize = 4;
const MAX_ZIP_ENTRIES: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Preview,
    Apply,
}

/// A parsed upload form.
pub struct Upload {
    pub files: Vec<(String, Bytes)>,
    pub reason: String,
    pub action: Action,
    /// Applies an upload previewed before instead of files sent now.
    pub upload_id: Option<String>,
}

/// A previewed upload, kept so that "apply" applies exactly what was previewed.
pub struct PendingUpload {
    pub files: Vec<(String, Bytes)>,
    pub actor: String,
    pub reason: String,
    pub created: Instant,
}

impl PendingUpload {
    pub fn dataset(&self) -> MemoryDataset {
        dataset(&self.files)
    }
}

pub fn dataset(files: &[(String, Bytes)]) -> MemoryDataset {
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    MemoryDataset::new(format!("upload of {}", names.join(", ")), files.to_vec())
}

fn bad(message: impl Into<String>) -> AppError {
    AppError::bad_param("files", message)
}

/// What the files of one upload may still unpack to, in bytes: plain files and zip entries
/// alike spend it as they are read.
struct UnpackBudget {
    max: usize,
    left: usize,
}

impl UnpackBudget {
    fn new(max: usize) -> Self {
        UnpackBudget { max, left: max }
    }

    fn spend(&mut self, bytes: usize) -> Result<(), AppError> {
        self.left = self.left.checked_sub(bytes).ok_or_else(|| self.exceeded())?;
        Ok(())
    }

    fn exceeded(&self) -> AppError {
        AppError::TooLarge(crate::t1("admin-error-unpacks-to", "mb", self.max / (1024 * 1024)))
    }
}

/// Reads the form. `max_unpacked` bounds what all its files together may unpack to.
pub async fn read(mut form: Multipart, max_unpacked: usize) -> Result<Upload, AppError> {
    let mut upload = Upload { files: Vec::new(), reason: String::new(), action: Action::Preview, upload_id: None };
    let mut budget = UnpackBudget::new(max_unpacked);
    while let Some(mut field) = form.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(base_name);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            // A zip's own bytes are bounded by the upload limit; what it unpacks to is counted.
            if !file_name.as_deref().is_some_and(is_zip) {
                budget.spend(chunk.len())?;
            }
            bytes.extend_from_slice(&chunk);
        }
        match (name.as_str(), file_name) {
            ("files", Some(file)) if file.is_empty() && bytes.is_empty() => {} // an empty file input
            ("files", Some(file)) if is_zip(&file) => {
                upload.files.extend(unzip(&bytes, &mut budget)?);
            }
            ("files", Some(file)) => upload.files.push((file, Bytes::from(bytes))),
            ("reason", None) => upload.reason = text(&bytes)?.trim().to_string(),
            ("upload", None) => upload.upload_id = Some(text(&bytes)?.trim().to_string()).filter(|s| !s.is_empty()),
            ("action", None) => {
                upload.action = match text(&bytes)?.trim() {
                    "" | "preview" => Action::Preview,
                    "apply" => Action::Apply,
                    other => {
                        return Err(AppError::not_allowed("action", other, vec!["preview".into(), "apply".into()]));
                    }
                }
            }
            (other, _) => {
                return Err(AppError::BadRequest {
                    param: other.to_string(),
                    message: crate::t1("admin-error-not-a-field", "field", format!("{other:?}")),
                    allowed: crate::error::Allowed::Parameters(
                        ["files", "reason", "action", "upload"].map(String::from).to_vec(),
                    ),
                });
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (name, _) in &upload.files {
        if !seen.insert(name.clone()) {
            return Err(bad(crate::t1("admin-error-twice", "file", name)));
        }
    }
    Ok(upload)
}

fn unreadable(e: axum::extract::multipart::MultipartError) -> AppError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        return AppError::TooLarge(crate::t1("admin-error-unreadable", "detail", e.body_text()));
    }
    bad(crate::t1("admin-error-unreadable", "detail", e.body_text()))
}

fn is_zip(file_name: &str) -> bool {
    file_name.to_ascii_lowercase().ends_with(".zip")
}

fn text(bytes: &[u8]) -> Result<&str, AppError> {
    std::str::from_utf8(bytes).map_err(|_| bad(crate::t("admin-error-not-utf8")))
}

/// The file name without any folder part a client may send (`../../etc/x.csv` is `x.csv`).
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\']).next().unwrap_or(name).to_string()
}

/// The CSV files of a zip (folders inside it are ignored), read in memory with limits.
fn unzip(bytes: &[u8], budget: &mut UnpackBudget) -> Result<Vec<(String, Bytes)>, AppError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(crate::t1("admin-error-not-a-zip", "detail", e)))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(bad(crate::t2("admin-error-zip-entries", "n", archive.len(), "max", MAX_ZIP_ENTRIES)));
    }
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| bad(crate::t2("admin-error-zip-entry", "n", i, "detail", e)))?;
        if entry.is_dir() {
            continue;
        }
        let name = base_name(entry.name());
        if !name.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        // A size the zip declares past the budget is refused before anything is unpacked; a
        // size it lies about is caught while inflating, at one byte past what is left.
        if entry.size() > budget.left as u64 {
            return Err(budget.exceeded());
        }
        let mut content = Vec::with_capacity(entry.size() as usize);
        entry
            .take(budget.left as u64 + 1)
            .read_to_end(&mut content)
            .map_err(|e| bad(crate::t2("admin-error-cannot-unpack", "file", &name, "detail", e)))?;
        budget.spend(content.len())?;
        // Unknown CSV names are kept: the importer reports them as not part of the format.
        files.push((name, Bytes::from(content)));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut buf);
        for (name, content) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(content).unwrap();
        }
        w.finish().unwrap();
        buf.into_inner()
    }

    #[test]
    fn a_zip_gives_its_csv_files_by_base_name() {
        let z = zip_of(&[("data/cities.csv", b"slug\n"), ("README.md", b"x"), ("../../metrics.csv", b"m\n")]);
        let files = unzip(&z, &mut UnpackBudget::new(1 << 20)).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["cities.csv", "metrics.csv"]);
    }

    #[test]
    fn a_zip_that_unpacks_too_far_is_refused() {
        let big = vec![b'a'; 10_000];
        let z = zip_of(&[("metrics.csv", &big)]);
        assert!(matches!(unzip(&z, &mut UnpackBudget::new(5_000)), Err(AppError::TooLarge(_))));
        assert!(unzip(b"not a zip", &mut UnpackBudget::new(5_000)).is_err());
    }

    #[test]
    fn zips_share_one_budget() {
        let z = zip_of(&[("metrics.csv", &[b'a'; 3_000])]);
        let mut budget = UnpackBudget::new(5_000);
        assert!(unzip(&z, &mut budget).is_ok());
        assert_eq!(budget.left, 2_000);
        assert!(matches!(unzip(&z, &mut budget), Err(AppError::TooLarge(_))), "the second zip is past the budget");
    }

    #[test]
    fn a_zip_that_lies_about_its_size_stops_at_the_budget() {
        // Declare 10 bytes in both headers for an entry that inflates to 1 MB.
        let mut z = zip_of(&[("metrics.csv", &vec![b'a'; 1 << 20])]);
        let declared = (1u32 << 20).to_le_bytes();
        let mut patched = 0;
        for at in 0..z.len() - 4 {
            if z[at..at + 4] == declared {
                z[at..at + 4].copy_from_slice(&10u32.to_le_bytes());
                patched += 1;
            }
        }
        assert_eq!(patched, 2, "the local and central headers");
        let mut budget = UnpackBudget::new(100_000);
        assert!(matches!(unzip(&z, &mut budget), Err(AppError::TooLarge(_))));
    }

    #[test]
    fn client_folders_are_dropped_from_names() {
        assert_eq!(base_name("../../etc/cities.csv"), "cities.csv");
        assert_eq!(base_name("C:\\data\\metrics.csv"), "metrics.csv");
    }
}
