//! The command line as a user runs it: the real binary, real files.

use crate::common;

use std::process::Command;

fn clusterscope() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clusterscope"));
    cmd.env_remove("CLUSTERSCOPE_DB").env_remove("CLUSTERSCOPE_BIND").env("RUST_LOG", "warn");
    cmd
}

#[test]
fn help_explains_every_command_and_flag() {
    let out = clusterscope().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for word in ["serve", "import", "--bind", "--db", "CLUSTERSCOPE_BIND", "CLUSTERSCOPE_DB"] {
        assert!(text.contains(word), "--help should mention {word}:\n{text}");
    }
    let out = clusterscope().args(["import", "--help"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("FILE:LINE: column: reason"), "{text}");
}

#[test]
fn import_prints_counts_and_is_idempotent() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("x.db");
    let out = clusterscope().arg("import").arg(common::data_dir()).arg("--db").arg(&db).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("metrics.csv: 735 rows (735 new, 0 changed, 0 unchanged)"), "{stdout}");
    assert!(stdout.contains("cities.csv: 18 rows (18 new"), "{stdout}");

    let again = clusterscope().arg("import").arg(common::data_dir()).arg("--db").arg(&db).output().unwrap();
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(again.status.success());
    assert!(stdout.contains("metrics.csv: 735 rows (0 new, 0 changed, 735 unchanged)"), "{stdout}");
    assert!(stdout.contains("nothing changed"), "{stdout}");
}

#[test]
fn a_failed_import_prints_every_problem_and_exits_1() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("x.db");
    let folder = common::dataset(&[
        ("sources.csv", "id,title,publisher,url,accessed\ns1,T,P,https://example.org,2026-11-28\n"),
        ("cities.csv", "slug,name,country,source_id\nBad Slug,A,B,s1\nok,A,B,missing-source\n"),
    ]);
    let out = clusterscope().arg("import").arg(folder.path()).arg("--db").arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cities.csv:2: slug: \"Bad Slug\" is not a valid slug"), "{stderr}");
    assert!(stderr.contains("cities.csv:3: source_id: unknown source \"missing-source\""), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
}

#[test]
fn import_of_a_missing_folder_says_so() {
    let dir = tempfile::TempDir::new().unwrap();
    let out = clusterscope().args(["import", "/no/such/folder", "--db"]).arg(dir.path().join("x.db")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/folder"));
}

#[test]
fn logs_written_to_a_pipe_carry_no_terminal_codes() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::TempDir::new().unwrap();
    let mut server = clusterscope()
        .env("RUST_LOG", "info")
        .args(["serve", "--bind", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("x.db"))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut log = BufReader::new(server.stderr.take().unwrap());
    let mut lines = String::new();
    while !lines.contains("serving http://") {
        assert!(log.read_line(&mut lines).unwrap() > 0, "the server stopped: {lines}");
    }
    let _ = server.kill();
    let _ = server.wait();
    assert!(lines.contains("INFO"), "{lines}");
    assert!(!lines.contains('\x1b'), "no escape codes in a log that is not a terminal: {lines:?}");
}

#[test]
fn import_progress_into_a_pipe_is_plain_lines() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("x.db");
    // `output()` gives the child a pipe for stderr: not a terminal, so no bar and no codes.
    let out = clusterscope().arg("import").arg(common::data_dir()).arg("--db").arg(&db).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains('\x1b'), "terminal codes in a pipe: {stderr:?}");
    assert!(!stderr.contains('\r'), "a bar redrawn in place in a pipe: {stderr:?}");
    for file in ["sources.csv", "cities.csv", "companies.csv", "metrics.csv"] {
        let line = stderr.lines().find(|l| l.starts_with(&format!("{file}: "))).unwrap_or_else(|| panic!("{stderr}"));
        assert!(line.contains(" rows read in ") && line.ends_with('s'), "{line}");
    }
    assert!(stderr.contains("companies.csv: 145 rows read in "), "{stderr}");
}
