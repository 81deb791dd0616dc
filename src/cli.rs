//! Running the subcommands: each returns the process exit code.

use std::process::ExitCode;

use crate::config::{BackupArgs, CheckArgs, Command, ImportArgs, ServeArgs};
use crate::dataset::{
    FolderDataset, ImportError, ImportMode, ImportReport, MemoryDataset, Provenance, import, import_with_progress,
};
use crate::db::{self, Opened};
use crate::progress::CommandLineProgress;
use crate::web::{Admin, AppState, Settings};

/// Admin tokens shorter than this are refused: the token is the only key to data updates.
const MIN_ADMIN_TOKEN_LENGTH: usize = 16;

pub async fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve(args) => serve(args).await,
        Command::Import(args) => import_folder(args).await,
        Command::Backup(args) => backup(args).await,
        Command::Check(args) => check(args).await,
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let admin = match args.admin_token {
        Some(token) if token.chars().count() < MIN_ADMIN_TOKEN_LENGTH => {
            eprintln!("--admin-token must be at least {MIN_ADMIN_TOKEN_LENGTH} characters long");
            return Ok(ExitCode::FAILURE);
        }
        Some(token) => Some(Admin::new(token, args.hsts)),
        None => None,
    };
    let pool = open_with_default_data(&args.db.path).await?;
    let listener = tokio::net::TcpListener::bind(args.bind).await?;
    tracing::info!(
        "serving http://{} from {}{}",
        listener.local_addr()?,
        args.db.path.display(),
        if admin.is_some() { " (admin enabled)" } else { "" }
    );
    let state = AppState::new(pool.clone())
        .with_settings(Settings {
            limits: args.limits,
            hsts: args.hsts,
            public_url: args.public_url,
            trusted_proxies: args.trusted_proxies,
            listening_on: None,
        })
        .with_admin(admin);
    crate::serve(state, listener, crate::shutdown_signal()).await?;
    db::close(pool).await;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Opens the database, loading the built-in dataset into a file that did not exist.
pub async fn open_with_default_data(path: &std::path::Path) -> anyhow::Result<sqlx::SqlitePool> {
    let (pool, opened) = db::open(path).await?;
    if opened == Opened::Created {
        let report = import(&pool, &MemoryDataset::built_in(), ImportMode::Apply, Provenance::SYSTEM).await?;
        if !report.problems.is_empty() {
            for p in &report.problems {
                tracing::error!("{p}");
            }
            anyhow::bail!("the built-in dataset did not load: {} problems", report.problem_count);
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
    let provenance = Provenance { actor: "command line", reason: &args.reason };
    let progress = CommandLineProgress::stderr();
    let result = import_with_progress(&pool, &dataset, ImportMode::Apply, provenance, &progress).await;
    db::close(pool).await;
    let report = match result {
        Ok(report) => report,
        Err(ImportError::DiskFull(full)) => {
            eprintln!("{full}");
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(e.into()),
    };
    if !report.problems.is_empty() {
        print_problems(&report);
        return Ok(ExitCode::FAILURE);
    }
    print_summary(&report);
    Ok(ExitCode::SUCCESS)
}

/// The listed problems one a line, then how many more there are of each kind.
fn print_problems(report: &ImportReport) {
    for p in &report.problems {
        eprintln!("{p}");
    }
    if !report.more_problems.is_empty() {
        let more = report.problem_count - report.problems.len() as u64;
        eprintln!("and {more} more problems of these kinds:");
        for group in &report.more_problems {
            eprintln!("  {group}");
        }
    }
    eprintln!("{} problems; nothing was imported", report.problem_count);
}

fn print_summary(report: &ImportReport) {
    for f in &report.files {
        println!("{}: {} rows ({} new, {} changed, {} unchanged)", f.file, f.rows, f.new, f.changed, f.unchanged);
    }
    if report.changes_anything() {
        println!("imported {}; data version {}", report.dataset, report.data_version);
    } else {
        println!("nothing changed; data version {}", report.data_version);
    }
}

async fn backup(args: BackupArgs) -> anyhow::Result<ExitCode> {
    let pool = match db::open_existing(&args.db.path).await {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let result = db::backup(&pool, &args.target).await;
    let result = match result {
        Err(e) if db::disk::is_disk_full(&e) => Err(backup_disk_full(&pool, &args.target).await.to_string()),
        other => other.map_err(|e| format!("backup failed: {e}")),
    };
    pool.close().await;
    match result {
        Ok(()) => {
            println!("backed up {} to {}", args.db.path.display(), args.target.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(message) => {
            eprintln!("{message}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// After a backup filled the disk: removes the partial copy and the journal SQLite kept beside
/// it (the target did not exist before: `backup` never overwrites), so the space comes back,
/// and says what happened.
async fn backup_disk_full(pool: &sqlx::SqlitePool, target: &std::path::Path) -> db::disk::DiskFull {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let file = std::path::PathBuf::from(format!("{}{suffix}", target.display()));
        if let Err(e) = std::fs::remove_file(&file)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            eprintln!("{}: the partial copy could not be removed: {e}", file.display());
        }
    }
    db::disk::DiskFull {
        outcome: "no backup was written",
        free_bytes: db::disk::free_bytes(target),
        needed_bytes: db::disk::used_bytes(pool).await.ok(),
    }
}

async fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let pool = match db::open_existing(&args.db.path).await {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let problems = db::check(&pool).await;
    pool.close().await;
    match problems {
        Ok(problems) if problems.is_empty() => {
            println!("{}: ok", args.db.path.display());
            Ok(ExitCode::SUCCESS)
        }
        Ok(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("{}: {} problems", args.db.path.display(), problems.len());
            Ok(ExitCode::FAILURE)
        }
        Err(e) => {
            eprintln!("{}: cannot be checked: {e}", args.db.path.display());
            Ok(ExitCode::FAILURE)
        }
    }
}
