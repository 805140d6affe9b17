//! Running the real binary against a database in a temporary directory, for the
//! command tests: a fixed "today", no inherited database or SSH variables.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// `jinzai --db DB` with "today" set to `today`.
pub fn jinzai_on(db: &Path, today: &str) -> Command {
    let mut c = Command::cargo_bin("jinzai").unwrap();
    c.env("JINZAI_TODAY", today)
        .env_remove("JINZAI_DB")
        .env_remove("SSH_CLIENT")
        .env_remove("SSH_CONNECTION")
        .arg("--db")
        .arg(db);
    c
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
}

/// A database with the good fixture imported.
pub fn good_db(today: &str) -> TempDir {
    let t = TempDir::new().unwrap();
    jinzai_on(t.path(), today)
        .arg("import")
        .arg(fixtures())
        .assert()
        .success();
    t
}

/// Every record as the JSON export's bytes (to check that nothing changed).
pub fn export(db: &Path, today: &str) -> Vec<u8> {
    let out = jinzai_on(db, today)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    out.stdout
}

/// The JSON a successful command prints.
pub fn json(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The audit log's records.
pub fn log(db: &Path, today: &str, extra: &[&str]) -> Vec<Value> {
    json(jinzai_on(db, today).args(["log", "--json"]).args(extra))
        .as_array()
        .unwrap()
        .clone()
}
