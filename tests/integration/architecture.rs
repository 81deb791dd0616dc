//! The house rules of docs/ARCHITECTURE.md, checked on the source tree: SQL only in `src/db`,
//! no source file over 400 lines, and no import circle among the modules of `src/web`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 400;

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn only_src_db_holds_sql() {
    let sql_markers = ["sqlx::query", "query_as(", "query_scalar(", "QueryBuilder", "AssertSqlSafe", "begin_with("];
    let db = src().join("db");
    let offenders: Vec<String> = rust_files(&src())
        .into_iter()
        .filter(|p| !p.starts_with(&db))
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            sql_markers.iter().any(|m| text.contains(m))
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "SQL outside src/db: {offenders:?}");
}

#[test]
fn no_source_file_is_over_400_lines() {
    let long: Vec<String> = rust_files(&src())
        .into_iter()
        .filter_map(|p| {
            let lines = std::fs::read_to_string(&p).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines})", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}

/// The module path of a file under `src/web`: `["cities", "profile"]` for cities/profile.rs.
fn module_path(web: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(web).unwrap().with_extension("");
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The web modules a file refers to through `super::…` paths (`crate::web::…` too).
fn referenced_areas(text: &str, path: &[String], areas: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let normalised = text.replace("crate::web::", &"super::".repeat(path.len()));
    let mut rest = normalised.as_str();
    while let Some(i) = rest.find("super::") {
        let tail = &rest[i..];
        let mut depth = 0;
        let mut cursor = tail;
        while let Some(next) = cursor.strip_prefix("super::") {
            depth += 1;
            cursor = next;
        }
        // Only paths that climb to `web` itself name another web module.
        if depth == path.len() {
            let names: Vec<&str> = match cursor.strip_prefix('{') {
                Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
                None => vec![cursor],
            };
            for name in names {
                let ident: String =
                    name.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if areas.contains(&ident) && path.first() != Some(&ident) {
                    found.insert(ident);
                }
            }
        }
        rest = &tail[7 * depth..];
    }
    found
}

#[test]
fn web_modules_import_each_other_in_one_direction_only() {
    let web = src().join("web");
    let files: Vec<PathBuf> = rust_files(&web).into_iter().filter(|p| p != &web.join("mod.rs")).collect();
    let areas: BTreeSet<String> = files.iter().map(|f| module_path(&web, f)[0].clone()).collect();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let path = module_path(&web, file);
        let text = std::fs::read_to_string(file).unwrap();
        uses.entry(path[0].clone()).or_default().extend(referenced_areas(&text, &path, &areas));
    }
    // Depth-first search for a cycle, reporting the first one found.
    fn visit(
        node: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in uses.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, uses, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for area in &areas {
        if let Some(cycle) = visit(area, &uses, &mut Vec::new(), &mut done) {
            panic!("import circle among src/web modules: {}\nall uses: {uses:#?}", cycle.join(" → "));
        }
    }
    // The checker itself must see the uses it is meant to see.
    assert!(uses["dashboard"].contains("charts"), "{uses:#?}");
    assert!(uses["cities"].contains("companies"), "{uses:#?}");
}
