use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// Everything that shapes a response: pages cached by browsers are told apart by a build id
/// that changes whenever any of it does.
const INPUTS: [&str; 5] = ["src", "templates", "static", "migrations", "data"];

fn main() {
    for dir in INPUTS {
        println!("cargo:rerun-if-changed={dir}");
    }
    let mut hasher = DefaultHasher::new();
    for dir in INPUTS {
        hash_tree(Path::new(dir), &mut hasher);
    }
    println!("cargo:rustc-env=CLUSTERSCOPE_BUILD_ID={:012x}", hasher.finish() & 0xffff_ffff_ffff);
    // SAFETY: the build script is single-threaded; this only silences memory-serve's listing.
    unsafe { std::env::set_var("MEMORY_SERVE_QUIET", "1") };
    memory_serve::load_directory("./static");
}

fn hash_tree(path: &Path, hasher: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(path) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            hash_tree(&p, hasher);
        } else if let Ok(bytes) = std::fs::read(&p) {
            p.hash(hasher);
            bytes.hash(hasher);
        }
    }
}
