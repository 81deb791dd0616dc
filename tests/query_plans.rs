//! Every query the list pages run uses an index on the large tables: no full scan of
//! companies, company sources or metrics, however many rows they hold. The statements are
//! captured as the real pages run them (sqlx logs each one), then explained.

mod common;

use std::sync::{Arc, Mutex, OnceLock};

use clusterscope::dataset::synthetic::{self, Scale};
use common::TestServer;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};

#[derive(Default, Clone)]
struct Statements(Arc<Mutex<Vec<String>>>);

struct StatementVisitor<'a>(&'a mut Option<String>);

impl Visit for StatementVisitor<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "db.statement" {
            *self.0 = Some(value.to_string());
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "db.statement" {
            *self.0 = Some(format!("{value:?}"));
        }
    }
}

impl<S: tracing::Subscriber> Layer<S> for Statements {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            let mut sql = None;
            event.record(&mut StatementVisitor(&mut sql));
            if let Some(sql) = sql {
                self.0.lock().unwrap().push(sql);
            }
        }
    }
}

fn captured() -> Statements {
    static STATEMENTS: OnceLock<Statements> = OnceLock::new();
    STATEMENTS
        .get_or_init(|| {
            let statements = Statements::default();
            let filter = tracing_subscriber::filter::Targets::new().with_target("sqlx::query", tracing::Level::TRACE);
            let subscriber = Registry::default().with(statements.clone().with_filter(filter));
            tracing::subscriber::set_global_default(subscriber).unwrap();
            statements
        })
        .clone()
}

/// Tables too big to scan, by name and by the aliases the queries give them.
const LARGE: [&str; 6] = ["companies", "co", "company_sources", "x", "metrics", "m"];

#[tokio::test(flavor = "multi_thread")]
async fn the_list_pages_use_an_index_for_every_filter_and_join() {
    let statements = captured();
    let (dir, pool) = common::loaded_db().await;
    let data = tempfile::TempDir::new().unwrap();
    synthetic::write(data.path(), &Scale { cities: 20, parks: 60, companies: 3_000, metrics: 2_000, seed: 9 }).unwrap();
    assert!(common::import_folder(&pool, data.path()).await.applied);
    sqlx::query("ANALYZE").execute(&pool).await.unwrap();
    let s = TestServer::serve(dir, pool.clone()).await;
    statements.0.lock().unwrap().clear();

    let pages = [
        "/companies",
        "/companies?city=syn-city-00003",
        "/companies?sector=bpo",
        "/companies?city=syn-city-00003&sector=bpo",
        "/companies?park=syn-park-000003",
        "/companies?city=syn-city-00003&sector=ito&per_page=5&page=2",
        "/companies.json?sector=internet&per_page=20",
        "/cities",
        "/cities?sector=bpo&country=Synthland%203",
        "/cities/syn-city-00003",
        "/parks/syn-park-000003",
        "/sources/syn-source-00003",
        "/sources?city=syn-city-00003",
        "/sources?group=publisher&city=syn-city-00003&q=synthetic",
        "/coverage",
        "/sources",
        "/compare?city=syn-city-00001&city=syn-city-00002",
        "/?city=syn-city-00001&city=dalian",
        "/search?q=synthetic%20company%2012",
    ];
    for page in pages {
        let r = s.get(page).await;
        assert_eq!(r.status, 200, "{page}");
    }
    // The cursor link of a list page, too.
    let list = s.get("/companies?sector=bpo").await;
    let next = list.body.split("rel=\"next\" href=\"").nth(1).unwrap().split('"').next().unwrap().replace("&#38;", "&");
    assert_eq!(s.get(&next).await.status, 200);

    let mut seen: Vec<String> = statements.0.lock().unwrap().clone();
    seen.sort();
    seen.dedup();
    let selects: Vec<&String> = seen.iter().filter(|q| q.trim_start().to_uppercase().starts_with("SELECT")).collect();
    assert!(selects.len() > 15, "the pages ran their queries: {}", selects.len());
    let mut problems = Vec::new();
    for sql in selects {
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
                .fetch_all(&pool)
                .await
                .unwrap_or_else(|e| panic!("{e}: {sql}"));
        for (_, _, _, step) in &plan {
            let words: Vec<&str> = step.split_whitespace().collect();
            if let ["SCAN", table, rest @ ..] = words.as_slice()
                && LARGE.contains(table)
                && !rest.contains(&"INDEX")
            {
                problems.push(format!("{step}\n    in: {}", sql.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
        }
    }
    assert!(problems.is_empty(), "full scans of large tables:\n{}", problems.join("\n"));
}
