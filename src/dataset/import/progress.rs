//! How far an import has got, told to whoever runs it: the command line draws a bar or writes
//! plain lines (`crate::progress`), the server logs a line now and then (`LogProgress`).

use super::LOG_TARGET;

/// Told as an import reads its files. Calls are cheap and frequent (every thousand rows or so):
/// an implementation decides how often to show anything.
pub trait Progress: Send + Sync {
    /// A file starts; `bytes` is its size, when known.
    fn file_started(&self, file: &'static str, bytes: Option<u64>);
    /// So many rows of the file read, ending at this byte of it.
    fn rows_read(&self, file: &'static str, rows: u64, bytes: u64);
    /// Work after a file's rows that takes a while (rebuilding indexes), in words.
    fn step(&self, file: &'static str, what: &'static str);
    /// The file is done: this many rows in all.
    fn file_done(&self, file: &'static str, rows: u64);
}

/// A log line every `LogProgress::EVERY` rows of a file: for imports the server runs.
pub struct LogProgress;

impl LogProgress {
    const EVERY: u64 = 100_000;
}

impl Progress for LogProgress {
    fn file_started(&self, _: &'static str, _: Option<u64>) {}

    fn rows_read(&self, file: &'static str, rows: u64, _: u64) {
        if rows.is_multiple_of(Self::EVERY) {
            tracing::info!(target: LOG_TARGET, "{file}: {rows} rows read");
        }
    }

    fn step(&self, file: &'static str, what: &'static str) {
        tracing::info!(target: LOG_TARGET, "{file}: {what}");
    }

    fn file_done(&self, _: &'static str, _: u64) {}
}
