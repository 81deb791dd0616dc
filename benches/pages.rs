//! The hottest handlers through the whole application (router, middleware, database,
//! templates, charts) on the bundled data: each page rendered afresh (the page cache emptied
//! before every request) and served from the page cache. Run with `cargo bench --bench pages`.

use axum::body::Body;
use axum::http::Request;
use clusterscope::AppState;
use criterion::{Criterion, criterion_group, criterion_main};
use tower::ServiceExt;

fn benches(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let pool = runtime.block_on(clusterscope::cli::open_with_default_data(&dir.path().join("bench.db"))).unwrap();
    let state = AppState::new(pool);
    let app = clusterscope::app(state.clone());
    let pages = [
        ("dashboard", "/"),
        ("compare", "/compare?city=dalian&city=bangalore&city=metro-manila&city=silicon-valley"),
        ("city profile", "/cities/dalian"),
        ("company list", "/companies?sector=ito"),
        ("compare csv", "/compare.csv?city=dalian&city=bangalore"),
    ];
    for (name, path) in pages {
        c.bench_function(&format!("{name}, rendered"), |b| {
            b.to_async(&runtime).iter(|| {
                state.cache.clear();
                let request = Request::get(path).body(Body::empty()).unwrap();
                app.clone().oneshot(request)
            })
        });
        c.bench_function(&format!("{name}, cached"), |b| {
            b.to_async(&runtime).iter(|| app.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()))
        });
    }
}

criterion_group!(page_benches, benches);
criterion_main!(page_benches);
