//! The binary's command line: exit codes, messages, and that a refused import leaves
//! the database exactly as it was.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn jinzai() -> Command {
    let mut c = Command::cargo_bin("jinzai").unwrap();
    c.env_remove("JINZAI_DB")
        .env("JINZAI_TODAY", "2026-11-26")
        .env("HOME", "/nonexistent-home");
    c
}

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn export_json(db: &Path) -> String {
    let out = jinzai()
        .args(["export", "--format", "json", "--db"])
        .arg(db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn good_db() -> TempDir {
    let t = TempDir::new().unwrap();
    jinzai()
        .arg("import")
        .arg(fixtures("good"))
        .arg("--db")
        .arg(t.path())
        .assert()
        .success();
    t
}

#[test]
fn help_documents_the_subcommands_and_global_options() {
    jinzai()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("import"))
        .stdout(predicate::str::contains("export"))
        .stdout(predicate::str::contains("demo"))
        .stdout(predicate::str::contains("search"))
        .stdout(predicate::str::contains("--read-only"))
        .stdout(predicate::str::contains("JINZAI_DB"));
}

#[test]
fn global_options_work_before_and_after_the_subcommand() {
    let t = good_db();
    jinzai()
        .arg("--db")
        .arg(t.path())
        .args(["show", "E0001"])
        .assert()
        .success();
    jinzai()
        .args(["show", "E0001", "--db"])
        .arg(t.path())
        .assert()
        .success();
}

#[test]
fn jinzai_db_environment_chooses_the_database() {
    let t = good_db();
    jinzai()
        .env("JINZAI_DB", t.path())
        .args(["show", "E0002"])
        .assert()
        .success();
}

#[test]
fn import_prints_counts_and_reimport_changes_nothing() {
    let t = TempDir::new().unwrap();
    jinzai()
        .arg("import")
        .arg(fixtures("good"))
        .arg("--db")
        .arg(t.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "staff              3 added       0 updated       0 unchanged",
        ));
    jinzai()
        .arg("import")
        .arg(fixtures("good"))
        .arg("--db")
        .arg(t.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "staff              0 added       0 updated       3 unchanged",
        ))
        .stdout(predicate::str::contains("imported: 0 changes written"));
}

#[test]
fn dry_run_writes_nothing() {
    let t = TempDir::new().unwrap();
    jinzai()
        .args(["import", "--dry-run"])
        .arg(fixtures("good"))
        .arg("--db")
        .arg(t.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("dry run"));
    let doc: serde_json::Value = serde_json::from_str(&export_json(t.path())).unwrap();
    assert_eq!(doc["staff"].as_array().unwrap().len(), 0);
}

/// Imports `file` into a filled db, expects exit 1 with each of `stderr` in the
/// message, and checks the db is exactly as it was.
fn assert_refused(file: &str, stderr: &[&str]) {
    let t = good_db();
    let before = export_json(t.path());
    let mut a = jinzai()
        .arg("import")
        .arg(fixtures(file))
        .arg("--db")
        .arg(t.path())
        .assert()
        .code(1);
    for s in stderr {
        a = a.stderr(predicate::str::contains(*s));
    }
    assert_eq!(export_json(t.path()), before);
}

#[test]
fn a_bad_import_lists_file_line_column_and_changes_nothing() {
    assert_refused(
        "bad/grade/staff.csv",
        &[
            "staff.csv:2: grade: unknown grade '部長'",
            "import refused: 1 problem; nothing was written",
        ],
    );
}

#[test]
fn undecodable_bytes_are_refused_and_change_nothing() {
    assert_refused(
        "bad/bytes/staff.csv",
        &["staff.csv:", "nothing was written"],
    );
}

#[test]
fn a_missing_file_is_named() {
    let t = TempDir::new().unwrap();
    jinzai()
        .args(["import", "no/such/staff.csv", "--db"])
        .arg(t.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/staff.csv"));
}

#[test]
fn json_export_reimports_into_an_empty_db_identically() {
    let a = good_db();
    let json = export_json(a.path());
    let file = a.path().join("export.json");
    std::fs::write(&file, &json).unwrap();
    let b = TempDir::new().unwrap();
    jinzai()
        .arg("import")
        .arg(&file)
        .arg("--db")
        .arg(b.path())
        .assert()
        .success();
    assert_eq!(export_json(b.path()), json);
}

#[test]
fn csv_export_reimports_into_an_empty_db_identically() {
    let a = good_db();
    let out = TempDir::new().unwrap();
    jinzai()
        .args(["export", "--format", "csv", "--out"])
        .arg(out.path())
        .arg("--db")
        .arg(a.path())
        .assert()
        .success();
    let b = TempDir::new().unwrap();
    jinzai()
        .arg("import")
        .arg(out.path())
        .arg("--db")
        .arg(b.path())
        .assert()
        .success();
    assert_eq!(export_json(b.path()), export_json(a.path()));
}

#[test]
fn csv_export_needs_an_output_directory() {
    let a = good_db();
    jinzai()
        .args(["export", "--format", "csv", "--db"])
        .arg(a.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--out DIR"));
}

#[test]
fn demo_fills_an_empty_db_and_refuses_a_full_one() {
    let t = TempDir::new().unwrap();
    jinzai()
        .args(["demo", "--db"])
        .arg(t.path())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("demo data written: "));
    let before = export_json(t.path());
    jinzai()
        .args(["demo", "--db"])
        .arg(t.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not empty"));
    assert_eq!(export_json(t.path()), before);
}

#[test]
fn demo_is_deterministic_for_a_seed() {
    let a = TempDir::new().unwrap();
    let b = TempDir::new().unwrap();
    for t in [&a, &b] {
        jinzai()
            .args(["demo", "--seed", "7", "--db"])
            .arg(t.path())
            .assert()
            .success();
    }
    assert_eq!(export_json(a.path()), export_json(b.path()));
}

#[test]
fn synthetic_demo_has_the_asked_size() {
    let t = TempDir::new().unwrap();
    jinzai()
        .args(["demo", "--staff", "500", "--posts", "120", "--db"])
        .arg(t.path())
        .assert()
        .success();
    let doc: serde_json::Value = serde_json::from_str(&export_json(t.path())).unwrap();
    assert_eq!(doc["staff"].as_array().unwrap().len(), 500);
    assert_eq!(doc["posts"].as_array().unwrap().len(), 120);
}

#[test]
fn demo_staff_without_posts_is_a_usage_error() {
    jinzai()
        .args(["demo", "--staff", "10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--posts"));
}

#[test]
fn show_prints_the_whole_record() {
    let t = good_db();
    jinzai()
        .args(["show", "E0001", "--db"])
        .arg(t.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("山田 太郎  ヤマダ タロウ  E0001"))
        .stdout(predicate::str::contains(
            "post     P01 情報セキュリティ係長",
        ))
        .stdout(predicate::str::contains("history"));
}

#[test]
fn show_json_has_the_record_and_its_history() {
    let t = good_db();
    let out = jinzai()
        .args(["show", "E0001", "--json", "--db"])
        .arg(t.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "E0001");
    assert_eq!(v["current"]["post"], "P01");
    assert_eq!(v["history"].as_array().unwrap().len(), 2);
}

#[test]
fn show_an_unknown_person_fails_with_a_reason() {
    let t = good_db();
    jinzai()
        .args(["show", "E9999", "--db"])
        .arg(t.path())
        .assert()
        .code(1)
        .stderr(predicate::eq("jinzai: no staff with id E9999\n"));
}

#[test]
fn search_prints_a_table_and_json() {
    let t = good_db();
    jinzai()
        .args(["search", "yamada", "--db"])
        .arg(t.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("E0001  山田 太郎"));
    let out = jinzai()
        .args(["search", "--json", "grade:deputy", "--db"])
        .arg(t.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["E0003"]);
    for key in ["id", "name", "kana", "grade", "post", "unit", "score"] {
        assert!(v[0].get(key).is_some(), "missing {key}");
    }
}

#[test]
fn search_with_a_bad_filter_fails_with_the_reason() {
    let t = good_db();
    jinzai()
        .args(["search", "grade:部長", "--db"])
        .arg(t.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown grade '部長'"));
}

#[test]
fn read_only_refuses_writes_but_allows_dry_runs() {
    let t = good_db();
    jinzai()
        .args(["--read-only", "import"])
        .arg(fixtures("good"))
        .arg("--db")
        .arg(t.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--dry-run"));
    jinzai()
        .args(["--read-only", "demo", "--db"])
        .arg(t.path())
        .assert()
        .code(1);
}

#[test]
fn the_tui_refuses_to_start_without_a_terminal() {
    let t = good_db();
    jinzai()
        .arg("--db")
        .arg(t.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn a_db_path_that_is_a_file_is_refused() {
    let t = TempDir::new().unwrap();
    let f = t.path().join("file");
    std::fs::write(&f, "x").unwrap();
    jinzai()
        .args(["show", "E1", "--db"])
        .arg(&f)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a directory"));
}
