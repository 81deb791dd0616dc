//! The command line: one clap definition for every subcommand and flag. Each flag can also be
//! set through a `CLUSTERSCOPE_*` environment variable, so a container needs no arguments.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Clusterscope: compare technology clusters (cities, their tech parks and companies) on
/// figures that each carry their source and year.
#[derive(Debug, Parser)]
#[command(name = "clusterscope", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// With no subcommand, `clusterscope` serves the dashboard (same flags as `serve`).
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the dashboard over HTTP. A database file that does not exist yet is created,
    /// migrated and loaded from the dataset built into the binary; an existing one is migrated
    /// and served as it is.
    Serve(ServeArgs),
    /// Load a dataset folder (CSV files in the format of data/README.md) into the database.
    /// All or nothing: on any problem nothing is written, every problem is printed as
    /// FILE:LINE: column: reason, and the exit status is 1.
    Import(ImportArgs),
}

impl Cli {
    /// The subcommand to run, with `serve` standing in for a bare `clusterscope`.
    pub fn into_command(self) -> Command {
        self.command.unwrap_or(Command::Serve(self.serve))
    }
}

#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// SQLite database file.
    #[arg(
        long = "db",
        env = "CLUSTERSCOPE_DB",
        default_value = "clusterscope.db",
        value_name = "PATH"
    )]
    pub path: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "CLUSTERSCOPE_BIND",
        default_value = "127.0.0.1:3000",
        value_name = "ADDR"
    )]
    pub bind: SocketAddr,

    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// Folder holding the dataset's CSV files; any of them may be absent.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    #[command(flatten)]
    pub db: DbArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn bare_invocation_serves_with_defaults() {
        let Command::Serve(args) = Cli::parse_from(["clusterscope"]).into_command() else {
            panic!("a bare invocation must serve");
        };
        assert_eq!(args.bind.to_string(), "127.0.0.1:3000");
        assert_eq!(args.db.path, PathBuf::from("clusterscope.db"));
    }

    #[test]
    fn import_takes_a_folder_and_a_database() {
        let cli = Cli::parse_from(["clusterscope", "import", "some/dir", "--db", "x.db"]);
        let Command::Import(args) = cli.into_command() else {
            panic!("expected import");
        };
        assert_eq!(args.dir, PathBuf::from("some/dir"));
        assert_eq!(args.db.path, PathBuf::from("x.db"));
    }
}
