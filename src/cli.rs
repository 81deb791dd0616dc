//! Running the subcommands: each returns the process exit code.

use std::process::ExitCode;

use crate::config::{Command, ImportArgs, ServeArgs};
use crate::dataset::{FolderDataset, ImportMode, ImportReport, MemoryDataset, import};
use crate::db::{self, Opened};

pub async fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve(args) => serve(args).await,
        Command::Import(args) => import_folder(args).await,
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let pool = open_with_default_data(&args.db.path).await?;
    let listener = tokio::net::TcpListener::bind(args.bind).await?;
    tracing::info!(
        "serving http://{} from {}",
        listener.local_addr()?,
        args.db.path.display()
    );
    crate::serve(crate::AppState::new(pool), listener, crate::shutdown_signal()).await?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the database, loading the built-in dataset into a file that did not exist.
pub async fn open_with_default_data(path: &std::path::Path) -> anyhow::Result<sqlx::SqlitePool> {
    let (pool, opened) = db::open(path).await?;
    if opened == Opened::Created {
        let report = import(&pool, &MemoryDataset::built_in(), ImportMode::Apply).await?;
        if !report.problems.is_empty() {
            for p in &report.problems {
                tracing::error!("{p}");
            }
            anyhow::bail!("the built-in dataset did not load: {} problems", report.problems.len());
        }
        tracing::info!("created {} and loaded the built-in dataset", path.display());
    }
    Ok(pool)
}

async fn import_folder(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let dataset = match FolderDataset::new(&args.dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}: {e}", args.dir.display());
            return Ok(ExitCode::FAILURE);
        }
    };
    let (pool, _) = db::open(&args.db.path).await?;
    let report = import(&pool, &dataset, ImportMode::Apply).await?;
    pool.close().await;
    if !report.problems.is_empty() {
        for p in &report.problems {
            eprintln!("{p}");
        }
        eprintln!("{} problems; nothing was imported", report.problems.len());
        return Ok(ExitCode::FAILURE);
    }
    print_summary(&report);
    Ok(ExitCode::SUCCESS)
}

fn print_summary(report: &ImportReport) {
    for f in &report.files {
        println!(
            "{}: {} rows ({} new, {} changed, {} unchanged)",
            f.file, f.rows, f.new, f.changed, f.unchanged
        );
    }
    if report.changes_anything() {
        println!("imported {}; data version {}", report.dataset, report.data_version);
    } else {
        println!("nothing changed; data version {}", report.data_version);
    }
}
