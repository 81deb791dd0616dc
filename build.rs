fn main() {
    // New migrations and data files must rebuild the binary that embeds them.
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=data");
    // SAFETY: the build script is single-threaded; this only silences memory-serve's listing.
    unsafe { std::env::set_var("MEMORY_SERVE_QUIET", "1") };
    memory_serve::load_directory("./static");
}
