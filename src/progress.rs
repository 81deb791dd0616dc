//! The import's progress on the command line: a bar (rows, rate, time left) for a person at a
//! terminal; plain lines, without terminal codes, when stderr is a file or a pipe (a log, CI).

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{HumanCount, HumanDuration, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::dataset::Progress;

/// Plain lines come at most this often while a file is read (and once when it is done).
const LINE_EVERY: Duration = Duration::from_secs(2);

/// Progress for `clusterscope import`, written to stderr.
pub enum CommandLineProgress {
    /// stderr is a terminal: one bar per file, redrawn in place.
    Bar(Mutex<Option<(ProgressBar, Option<u64>)>>),
    /// stderr is not a terminal: plain lines.
    Lines(Mutex<Lines<Box<dyn Write + Send>>>),
}

impl CommandLineProgress {
    /// A bar when stderr is a terminal, plain lines otherwise.
    pub fn stderr() -> Self {
        if std::io::stderr().is_terminal() {
            CommandLineProgress::Bar(Mutex::new(None))
        } else {
            CommandLineProgress::Lines(Mutex::new(Lines::new(Box::new(std::io::stderr()))))
        }
    }
}

/// Plain progress lines: `companies.csv: 399,000 rows (40%), 99,402 rows/s, about 6 seconds left`.
pub struct Lines<W> {
    out: W,
    file: &'static str,
    bytes: Option<u64>,
    started: Instant,
    last: Instant,
}

impl<W: Write> Lines<W> {
    pub fn new(out: W) -> Self {
        let now = Instant::now();
        Lines { out, file: "", bytes: None, started: now, last: now }
    }

    pub fn file_started(&mut self, file: &'static str, bytes: Option<u64>) {
        let now = Instant::now();
        (self.file, self.bytes, self.started, self.last) = (file, bytes, now, now);
    }

    pub fn rows_read(&mut self, rows: u64, at_byte: u64) {
        if self.last.elapsed() < LINE_EVERY {
            return;
        }
        self.last = Instant::now();
        let elapsed = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = rows as f64 / elapsed;
        let mut line = format!("{}: {} rows", self.file, HumanCount(rows));
        if let Some(total) = self.bytes.filter(|t| *t > 0 && at_byte > 0) {
            let done = (at_byte as f64 / total as f64).min(1.0);
            let left = Duration::from_secs_f64(elapsed * (1.0 - done) / done);
            line += &format!(
                " ({:.0}%), {} rows/s, about {} left",
                done * 100.0,
                HumanCount(rate as u64),
                HumanDuration(left)
            );
        } else {
            line += &format!(", {} rows/s", HumanCount(rate as u64));
        }
        let _ = writeln!(self.out, "{line}");
    }

    pub fn step(&mut self, file: &'static str, what: &str) {
        let _ = writeln!(self.out, "{file}: {what}");
    }

    pub fn file_done(&mut self, file: &'static str, rows: u64) {
        let elapsed = self.started.elapsed();
        let _ = writeln!(self.out, "{file}: {} rows read in {:.1}s", HumanCount(rows), elapsed.as_secs_f64());
    }
}

fn bar_for(file: &'static str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{prefix:>22} [{bar:30}] {human_pos}/~{human_len} rows  {per_sec}  ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(file);
    bar
}

impl Progress for CommandLineProgress {
    fn file_started(&self, file: &'static str, bytes: Option<u64>) {
        match self {
            CommandLineProgress::Bar(bar) => {
                *bar.lock().unwrap_or_else(|e| e.into_inner()) = Some((bar_for(file), bytes));
            }
            CommandLineProgress::Lines(lines) => {
                lines.lock().unwrap_or_else(|e| e.into_inner()).file_started(file, bytes)
            }
        }
    }

    fn rows_read(&self, _: &'static str, rows: u64, at_byte: u64) {
        match self {
            CommandLineProgress::Bar(bar) => {
                let guard = bar.lock().unwrap_or_else(|e| e.into_inner());
                let Some((bar, bytes)) = &*guard else { return };
                // The bar counts rows; the file's length in rows is estimated from the bytes read.
                if let Some(total) = bytes.filter(|_| at_byte > 0) {
                    bar.set_length((rows as f64 * total as f64 / at_byte as f64) as u64);
                }
                bar.set_position(rows);
            }
            CommandLineProgress::Lines(lines) => {
                lines.lock().unwrap_or_else(|e| e.into_inner()).rows_read(rows, at_byte)
            }
        }
    }

    fn step(&self, file: &'static str, what: &'static str) {
        match self {
            CommandLineProgress::Bar(bar) => {
                if let Some((bar, _)) = &*bar.lock().unwrap_or_else(|e| e.into_inner()) {
                    bar.println(format!("{file}: {what}"));
                }
            }
            CommandLineProgress::Lines(lines) => lines.lock().unwrap_or_else(|e| e.into_inner()).step(file, what),
        }
    }

    fn file_done(&self, file: &'static str, rows: u64) {
        match self {
            CommandLineProgress::Bar(bar) => {
                if let Some((bar, _)) = bar.lock().unwrap_or_else(|e| e.into_inner()).take() {
                    bar.set_length(rows);
                    bar.set_position(rows);
                    bar.finish();
                }
            }
            CommandLineProgress::Lines(lines) => lines.lock().unwrap_or_else(|e| e.into_inner()).file_done(file, rows),
        }
    }
}
