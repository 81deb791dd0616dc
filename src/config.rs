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
    /// All or nothing: on any problem nothing is written, the problems are printed as
    /// FILE:LINE: column: reason (the first 1,000, then a count of the rest by kind), and the
    /// exit status is 1.
    Import(ImportArgs),
    /// Write a consistent copy of the database to PATH (safe while the server is running).
    Backup(BackupArgs),
    /// Check the database's integrity and foreign keys; exit status 1 with the problems if any.
    Check(CheckArgs),
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
    #[arg(long = "db", env = "CLUSTERSCOPE_DB", default_value = "clusterscope.db", value_name = "PATH")]
    pub path: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "CLUSTERSCOPE_BIND", default_value = "127.0.0.1:3000", value_name = "ADDR")]
    pub bind: SocketAddr,

    #[command(flatten)]
    pub db: DbArgs,

    /// Enables the /admin pages and data updates for whoever presents this token (sign-in form
    /// or `Authorization: Bearer`). Without it every /admin route answers 404.
    #[arg(long, env = "CLUSTERSCOPE_ADMIN_TOKEN", value_name = "TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,

    /// Send Strict-Transport-Security and mark the admin cookie Secure: set it when the
    /// server is reached over TLS (behind a proxy that terminates it).
    #[arg(long, env = "CLUSTERSCOPE_HSTS")]
    pub hsts: bool,

    /// The address readers reach the site at (`https://clusters.example.org`): exported files
    /// name it as where they came from. Without it an export names no address.
    #[arg(long, env = "CLUSTERSCOPE_PUBLIC_URL", value_name = "URL", value_parser = public_url)]
    pub public_url: Option<String>,

    /// The address of a reverse proxy in front of the server (repeat it, or separate with
    /// commas, for several). Only requests from these addresses have their `X-Forwarded-For`
    /// believed, and only the entries the proxies appended: per-address limits (the admin
    /// sign-in wait, the rate limit) then count each client instead of the proxy. Without it
    /// the header is ignored, so a client cannot pick the address it is counted under.
    #[arg(long = "trusted-proxy", env = "CLUSTERSCOPE_TRUSTED_PROXY", value_name = "IP", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    #[command(flatten)]
    pub limits: Limits,
}

/// Limits that keep the server answering whatever clients send. Each is a flag and an
/// environment variable; `Limits::DEFAULT` holds the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct Limits {
    /// Seconds a request may take before it is answered 408.
    #[arg(long, env = "CLUSTERSCOPE_REQUEST_TIMEOUT_SECS", value_name = "SECS",
          default_value_t = Limits::DEFAULT.request_timeout_secs)]
    pub request_timeout_secs: u64,

    /// Requests handled at once; further ones wait for a free slot.
    #[arg(long, env = "CLUSTERSCOPE_MAX_CONCURRENCY", value_name = "N",
          default_value_t = Limits::DEFAULT.max_concurrency)]
    pub max_concurrency: usize,

    /// Longest accepted request target (path and query), in bytes; longer ones get 414.
    #[arg(long, env = "CLUSTERSCOPE_MAX_URI_LENGTH", value_name = "BYTES",
          default_value_t = Limits::DEFAULT.max_uri_length)]
    pub max_uri_length: usize,

    /// Requests per second allowed from one client address (0: no limit); excess gets 429.
    #[arg(long, env = "CLUSTERSCOPE_RATE_LIMIT", value_name = "PER_SEC",
          default_value_t = Limits::DEFAULT.rate_limit)]
    pub rate_limit: u32,

    /// Requests a client may burst above the rate limit.
    #[arg(long, env = "CLUSTERSCOPE_RATE_BURST", value_name = "N", default_value_t = Limits::DEFAULT.rate_burst)]
    pub rate_burst: u32,

    /// Most rows a list page returns (`per_page`).
    #[arg(long, env = "CLUSTERSCOPE_MAX_PAGE_SIZE", value_name = "ROWS",
          default_value_t = Limits::DEFAULT.max_page_size)]
    pub max_page_size: u32,

    /// Largest dataset upload accepted by /admin/import, in megabytes.
    #[arg(long, env = "CLUSTERSCOPE_MAX_UPLOAD_MB", value_name = "MB",
          default_value_t = Limits::DEFAULT.max_upload_mb)]
    pub max_upload_mb: u64,

    /// Seconds to let requests in flight finish after SIGINT or SIGTERM.
    #[arg(long, env = "CLUSTERSCOPE_SHUTDOWN_GRACE_SECS", value_name = "SECS",
          default_value_t = Limits::DEFAULT.shutdown_grace_secs)]
    pub shutdown_grace_secs: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        request_timeout_secs: 10,
        max_concurrency: 512,
        max_uri_length: 4096,
        rate_limit: 0,
        rate_burst: 60,
        max_page_size: 200,
        max_upload_mb: 64,
        shutdown_grace_secs: 10,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// An `http://` or `https://` address without a trailing slash.
fn public_url(text: &str) -> Result<String, String> {
    let ok = text.split_once("://").is_some_and(|(scheme, rest)| {
        matches!(scheme, "http" | "https") && !rest.is_empty() && !rest.contains(char::is_whitespace)
    });
    if ok { Ok(text.trim_end_matches('/').to_string()) } else { Err("an http:// or https:// address".into()) }
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// Folder holding the dataset's CSV files; any of them may be absent.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Why the data changes, shown with the change on the public /changes page.
    #[arg(long, default_value = "command-line import", value_name = "TEXT")]
    pub reason: String,

    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// Where to write the copy; the file must not exist yet.
    #[arg(value_name = "PATH")]
    pub target: PathBuf,

    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
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
        assert_eq!(args.admin_token, None);
        assert_eq!(args.public_url, None);
        assert!(args.trusted_proxies.is_empty(), "no X-Forwarded-For is believed by default");
    }

    #[test]
    fn trusted_proxies_are_addresses() {
        let cli = Cli::parse_from(["clusterscope", "--trusted-proxy", "10.0.0.1,::1", "--trusted-proxy", "10.0.0.2"]);
        let Command::Serve(args) = cli.into_command() else { panic!() };
        assert_eq!(args.trusted_proxies.len(), 3);
        assert!(Cli::try_parse_from(["clusterscope", "--trusted-proxy", "proxy.example"]).is_err());
    }

    #[test]
    fn the_public_address_must_be_a_web_address() {
        let Command::Serve(args) =
            Cli::parse_from(["clusterscope", "--public-url", "https://clusters.example.org/"]).into_command()
        else {
            panic!()
        };
        assert_eq!(args.public_url.as_deref(), Some("https://clusters.example.org"));
        assert!(Cli::try_parse_from(["clusterscope", "--public-url", "javascript:alert(1)"]).is_err());
    }

    #[test]
    fn limits_default_to_the_documented_values() {
        let Command::Serve(args) = Cli::parse_from(["clusterscope", "serve"]).into_command() else { panic!() };
        assert_eq!(args.limits, Limits::default());
        let Command::Serve(args) = Cli::parse_from(["clusterscope", "--rate-limit", "5"]).into_command() else {
            panic!()
        };
        assert_eq!(args.limits.rate_limit, 5);
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
