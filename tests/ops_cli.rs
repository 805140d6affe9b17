//! `jinzai assign`, `end`, `transfer`, `post` and `show --json` end to end: the checks
//! of `domain::ops`, warnings confirmed with --yes, refusals that change nothing, and
//! one audit record per change.
//!
//! The fixture (tests/fixtures/good): E0001 holds P01 (primary) and P02 (concurrent);
//! E0003 holds P02; P03 (係員, ops:2, 2 seats) has been vacant since 2023-03-31.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;
use tempfile::TempDir;

mod cmd;

const TODAY: &str = "2026-11-26";

fn jinzai(db: &Path) -> Command {
    cmd::jinzai_on(db, TODAY)
}

fn good_db() -> TempDir {
    cmd::good_db(TODAY)
}

fn export(db: &Path) -> Vec<u8> {
    cmd::export(db, TODAY)
}

fn log(db: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    cmd::log(db, TODAY, extra)
}

use cmd::json;

#[test]
fn assign_into_a_vacant_post_is_recorded_and_audited() {
    let t = good_db();
    jinzai(t.path())
        .args(["assign", "E0002", "P03", "--from", "2027-04-01"])
        .assert()
        .success()
        .stdout("Assign E0002 佐藤 花子 to P03 特許システム運用係員 from 2027-04-01 (audit #2)\n");
    let v = json(
        jinzai(t.path())
            .env("JINZAI_TODAY", "2027-05-01")
            .args(["post", "P03", "--json"]),
    );
    assert_eq!(v["id"], "P03");
    assert_eq!(v["holders"][0]["staff"], "E0002");
    assert_eq!(v["holders"][0]["start"], "2027-04-01");
    assert_eq!(v["history"].as_array().unwrap().len(), 2);
    let recs = log(t.path(), &["--post", "P03"]);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["action"], "assign");
    assert_eq!(recs[0]["changes"][0]["before"], serde_json::Value::Null);
    assert_eq!(recs[0]["changes"][0]["after"]["record"]["staff"], "E0002");
}

#[test]
fn warnings_need_yes_and_without_it_nothing_changes() {
    let t = good_db();
    let before = export(t.path());
    // E0003 is 課長補佐 with pm:3 only: P01 is a 係長 security post with a course.
    jinzai(t.path())
        .args(["end", "E0001", "P01", "--on", "2027-03-31"])
        .assert()
        .success();
    let after_end = export(t.path());
    assert_ne!(before, after_end);
    jinzai(t.path())
        .args([
            "assign",
            "E0003",
            "P01",
            "--from",
            "2027-04-01",
            "--concurrent",
        ])
        .assert()
        .success();
    jinzai(t.path())
        .args(["end", "E0003", "P01", "--on", "2027-04-30"])
        .assert()
        .success();
    let snapshot = export(t.path());
    jinzai(t.path())
        .args(["transfer", "E0003", "P01", "--on", "2027-05-01"])
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "warning: E0003 鈴木 一郎 is 課長補佐 but P01 is a 係長 post",
        ))
        .stderr(predicate::str::contains(
            "not confirmed; nothing was changed (--yes confirms warnings)",
        ));
    assert_eq!(export(t.path()), snapshot);
    jinzai(t.path())
        .args(["transfer", "E0003", "P01", "--on", "2027-05-01", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "End E0003 鈴木 一郎 in P02 PMO課長補佐 on 2027-04-30 and assign to P01 情報セキュリティ係長 from 2027-05-01",
        ));
    // show --json lists the person's assignment records.
    let v = json(jinzai(t.path()).args(["show", "E0003", "--json"]));
    let a = v["assignments"].as_array().unwrap();
    let got: Vec<(String, String, serde_json::Value)> = a
        .iter()
        .map(|x| {
            (
                x["post"].as_str().unwrap().to_string(),
                x["start"].as_str().unwrap().to_string(),
                x["end"].clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("P02".into(), "2021-10-01".into(), "2027-04-30".into()),
            ("P01".into(), "2027-04-01".into(), "2027-04-30".into()),
            ("P01".into(), "2027-05-01".into(), serde_json::Value::Null),
        ]
    );
    let actions: Vec<String> = log(t.path(), &["--staff", "E0003"])
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(actions, vec!["assign", "end", "transfer"]);
}

#[test]
fn a_refused_change_lists_every_reason_and_changes_nothing() {
    let t = good_db();
    let before = export(t.path());
    // P01 has one seat (E0001) and E0003 already holds P02 as a primary post.
    jinzai(t.path())
        .args(["assign", "E0003", "P01", "--from", "2027-04-01", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "jinzai: assign: from: E0003 鈴木 一郎 already holds P02 PMO課長補佐 from 2021-10-01 to now",
        ))
        .stderr(predicate::str::contains(
            "jinzai: assign: post: P01 情報セキュリティ係長 has 1 seat and would have 2 holders on 2027-04-01 (held by E0001 山田 太郎 2020-04-01–now)",
        ))
        .stderr(predicate::str::contains(
            "jinzai: assign refused (2 problems); nothing was changed",
        ));
    assert_eq!(export(t.path()), before);
    assert_eq!(log(t.path(), &[]).len(), 1, "only the import");
}

#[test]
fn end_refuses_a_holding_that_already_ended() {
    let t = good_db();
    jinzai(t.path())
        .args(["end", "E0001", "P01", "--on", "R9.3.31"])
        .assert()
        .success()
        .stdout(predicate::str::contains("on 2027-03-31"));
    jinzai(t.path())
        .args(["end", "E0001", "P01", "--on", "2027-06-30"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already ended on 2027-03-31"));
}

#[test]
fn bad_arguments_say_which_and_why() {
    let t = good_db();
    jinzai(t.path())
        .args(["assign", "E0002", "P03", "--from", "2027-02-30"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("jinzai: --from: "));
    jinzai(t.path())
        .args(["assign", "E9999", "P03"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no person with id 'E9999'"));
    jinzai(t.path())
        .args(["post", "P99"])
        .assert()
        .code(1)
        .stderr("jinzai: no post with id P99\n");
    jinzai(t.path())
        .args(["--read-only", "assign", "E0002", "P03"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("read-only"));
}

#[test]
fn post_prints_requirements_holders_problems_and_history() {
    let t = good_db();
    jinzai(t.path())
        .args(["post", "P02"])
        .assert()
        .success()
        .stdout(predicate::str::contains("P02  PMO課長補佐"))
        .stdout(predicate::str::contains(
            "needs    pm 3 · security 1 · course C-PM",
        ))
        .stdout(predicate::str::contains(
            "holder   E0003 鈴木 一郎 since 2021-10-01",
        ))
        .stdout(predicate::str::contains("(併任)"))
        .stdout(predicate::str::contains("history"));
    let v = json(jinzai(t.path()).args(["post", "P03", "--json"]));
    assert_eq!(v["holders"], serde_json::json!([]));
    assert_eq!(v["problems"][0]["kind"], "vacant");
    assert_eq!(v["problems"][0]["since"], "2023-03-31");
}
