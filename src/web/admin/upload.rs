//! Reading a dataset upload: a multipart form with the CSV files (or a `.zip` of them), the
//! reason for the change, and what to do (preview or apply). Uploads are held in memory,
//! never written to disk, and a zip is read with limits on its entries and unpacked size.

use std::borrow::Cow;
use std::io::{Cursor, Read};
use std::time::{Duration, Instant};

use axum::extract::Multipart;

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
    pub files: Vec<(String, Vec<u8>)>,
    pub reason: String,
    pub action: Action,
    /// Applies an upload previewed before instead of files sent now.
    pub upload_id: Option<String>,
}

/// A previewed upload, kept so that "apply" applies exactly what was previewed.
pub struct PendingUpload {
    pub files: Vec<(String, Vec<u8>)>,
    pub actor: String,
    pub reason: String,
    pub created: Instant,
}

impl PendingUpload {
    pub fn dataset(&self) -> MemoryDataset {
        dataset(&self.files)
    }
}

pub fn dataset(files: &[(String, Vec<u8>)]) -> MemoryDataset {
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    MemoryDataset::new(
        format!("upload of {}", names.join(", ")),
        files.iter().map(|(n, b)| (n.clone(), Cow::Owned(b.clone()))).collect(),
    )
}

fn bad(message: impl Into<String>) -> AppError {
    AppError::bad_param("files", message)
}

/// Reads the form. `max_unpacked` bounds what a zip may expand to.
pub async fn read(mut form: Multipart, max_unpacked: usize) -> Result<Upload, AppError> {
    let mut upload = Upload { files: Vec::new(), reason: String::new(), action: Action::Preview, upload_id: None };
    while let Some(field) = form.next_field().await.map_err(|e| bad(format!("the upload could not be read: {e}")))? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(base_name);
        let bytes = field.bytes().await.map_err(|e| bad(format!("the upload could not be read: {e}")))?;
        match (name.as_str(), file_name) {
            ("files", Some(file)) if file.is_empty() && bytes.is_empty() => {} // an empty file input
            ("files", Some(file)) if file.to_ascii_lowercase().ends_with(".zip") => {
                upload.files.extend(unzip(&bytes, max_unpacked)?);
            }
            ("files", Some(file)) => upload.files.push((file, bytes.to_vec())),
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
                    message: format!("{other:?} is not a field of the upload form"),
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
            return Err(bad(format!("{name} is in the upload twice")));
        }
    }
    Ok(upload)
}

fn text(bytes: &[u8]) -> Result<&str, AppError> {
    std::str::from_utf8(bytes).map_err(|_| bad("a form field is not UTF-8 text"))
}

/// The file name without any folder part a client may send (`../../etc/x.csv` is `x.csv`).
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\']).next().unwrap_or(name).to_string()
}

/// The CSV files of a zip (folders inside it are ignored), read in memory with limits.
fn unzip(bytes: &[u8], max_unpacked: usize) -> Result<Vec<(String, Vec<u8>)>, AppError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(format!("not a readable zip: {e}")))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(bad(format!("the zip holds {} entries; at most {MAX_ZIP_ENTRIES} are read", archive.len())));
    }
    let mut files = Vec::new();
    let mut total = 0usize;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| bad(format!("zip entry {i} cannot be read: {e}")))?;
        if entry.is_dir() {
            continue;
        }
        let name = base_name(entry.name());
        if !name.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        let mut content = Vec::new();
        // Read one byte more than allowed: a zip bomb is caught without unpacking it all.
        let budget = (max_unpacked - total) as u64 + 1;
        entry.take(budget).read_to_end(&mut content).map_err(|e| bad(format!("{name} cannot be unpacked: {e}")))?;
        total += content.len();
        if total > max_unpacked {
            return Err(bad(format!("the zip unpacks to more than {} MB", max_unpacked / (1024 * 1024))));
        }
        // Unknown CSV names are kept: the importer reports them as not part of the format.
        files.push((name, content));
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
        let files = unzip(&z, 1 << 20).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["cities.csv", "metrics.csv"]);
    }

    #[test]
    fn a_zip_that_unpacks_too_far_is_refused() {
        let big = vec![b'a'; 10_000];
        let z = zip_of(&[("metrics.csv", &big)]);
        assert!(unzip(&z, 5_000).is_err());
        assert!(unzip(b"not a zip", 5_000).is_err());
    }

    #[test]
    fn client_folders_are_dropped_from_names() {
        assert_eq!(base_name("../../etc/cities.csv"), "cities.csv");
        assert_eq!(base_name("C:\\data\\metrics.csv"), "metrics.csv");
    }
}
