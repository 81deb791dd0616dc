//! Writes a synthetic dataset folder for benchmarks (never real data):
//!
//!     cargo run --release --example generate_dataset -- OUT_DIR [--cities 200] [--parks 2000]
//!         [--companies 1000000] [--metrics 50000] [--seed 42]
//!
//! Then `clusterscope import OUT_DIR --db bench.db` loads it.

use std::path::PathBuf;

use clap::Parser;
use clusterscope::dataset::synthetic::{self, Scale};

#[derive(Parser)]
struct Args {
    /// Folder to write the CSV files into (created if missing).
    out: PathBuf,
    #[arg(long, default_value_t = Scale::LARGE.cities)]
    cities: usize,
    #[arg(long, default_value_t = Scale::LARGE.parks)]
    parks: usize,
    #[arg(long, default_value_t = Scale::LARGE.companies)]
    companies: usize,
    #[arg(long, default_value_t = Scale::LARGE.metrics)]
    metrics: usize,
    #[arg(long, default_value_t = Scale::LARGE.seed)]
    seed: u64,
}

fn main() -> std::io::Result<()> {
    let a = Args::parse();
    std::fs::create_dir_all(&a.out)?;
    let scale = Scale { cities: a.cities, parks: a.parks, companies: a.companies, metrics: a.metrics, seed: a.seed };
    synthetic::write(&a.out, &scale)?;
    println!("wrote a synthetic dataset to {} ({scale:?})", a.out.display());
    Ok(())
}
