//! `jinzai enroll`, `complete`, `cancel`, `gaps` and `course` end to end: the checks
//! of `domain::training`, warnings confirmed with --yes, refusals that change
//! nothing, and one audit record per change.
//!
//! The fixture (tests/fixtures/good): C-SEC (係員・係長) runs S-SEC-1 from 2025-06-02
//! to 06-06 (20 seats), C-PM (課長補佐) runs S-PM-1 from 2025-07-07 to 07-09 (10
//! seats). E0001 (P01, asks for C-SEC) completed C-SEC; E0002 (seconded until
//! 2026-03-31, no post since 2023) has C-SEC planned without a session; E0003 (P02,
//! asks for C-PM and C-SEC) is enrolled in S-PM-1. "Today" is 2025-01-10, before
//! both sessions, unless a test says otherwise.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{json, Value};
use std::path::Path;
use tempfile::TempDir;

const TODAY: &str = "2025-01-10";

mod cmd;

fn jinzai(db: &Path) -> Command {
    cmd::jinzai_on(db, TODAY)
}

fn good_db() -> TempDir {
    cmd::good_db(TODAY)
}

fn export(db: &Path) -> Vec<u8> {
    cmd::export(db, TODAY)
}

use cmd::json;

fn log(db: &Path) -> Vec<Value> {
    cmd::log(db, TODAY, &[])
}

/// The enrollments of the export as (staff, course, session, status, date).
fn enrollments(db: &Path) -> Vec<(String, String, Value, String, Value)> {
    let v: Value = serde_json::from_slice(&export(db)).unwrap();
    v["enrollments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["staff"].as_str().unwrap().to_string(),
                e["course"].as_str().unwrap().to_string(),
                e["session"].clone(),
                e["status"].as_str().unwrap().to_string(),
                e["date"].clone(),
            )
        })
        .collect()
}

#[test]
fn enroll_writes_one_enrollment_and_one_audit_record() {
    let t = good_db();
    jinzai(t.path())
        .args(["enroll", "E0003", "C-SEC", "--session", "S-SEC-1", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: E0003 鈴木 一郎 is 課長補佐 but C-SEC セキュリティ研修 is for 係員・係長",
        ))
        .stdout(
            "Enroll E0003 鈴木 一郎 in C-SEC セキュリティ研修, session S-SEC-1 \
             (2025-06-02–2025-06-06) (audit #2)\n",
        );
    let recs = log(t.path());
    assert_eq!(recs.len(), 2);
    let r = &recs[1];
    assert_eq!(r["action"], "enroll");
    assert_eq!(r["entities"], json!(["E0003", "C-SEC", "S-SEC-1"]));
    assert_eq!(r["changes"].as_array().unwrap().len(), 1);
    assert_eq!(r["changes"][0]["before"], Value::Null);
    assert_eq!(
        r["changes"][0]["after"]["record"],
        json!({"staff": "E0003", "course": "C-SEC", "session": "S-SEC-1",
               "status": "enrolled", "date": TODAY})
    );
    // Now a duplicate: refused with the reason.
    jinzai(t.path())
        .args(["enroll", "E0003", "C-SEC", "--session", "S-SEC-1", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "jinzai: enroll: course: E0003 鈴木 一郎 is already enrolled in C-SEC \
             セキュリティ研修, session S-SEC-1 (2025-06-02–2025-06-06)",
        ));
    assert_eq!(log(t.path()).len(), 2);
}

#[test]
fn a_warning_without_yes_changes_nothing() {
    let t = good_db();
    let before = export(t.path());
    jinzai(t.path())
        .args(["enroll", "E0003", "C-SEC", "--session", "S-SEC-1"])
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "not confirmed; nothing was changed (--yes confirms warnings)",
        ));
    assert_eq!(export(t.path()), before);
    assert_eq!(log(t.path()).len(), 1, "only the import");
}

#[test]
fn refused_commands_list_the_reason_and_change_nothing() {
    let t = good_db();
    let before = export(t.path());
    let refusals: &[(&[&str], &str)] = &[
        (
            &["enroll", "E0001", "C-SEC"],
            "jinzai: plan-course: course: E0001 山田 太郎 completed C-SEC セキュリティ研修 on 2025-06-06",
        ),
        (
            &["enroll", "E0001", "C-SEC", "--session", "S-SEC-1", "--yes"],
            "jinzai: enroll: course: E0001 山田 太郎 completed C-SEC セキュリティ研修 on 2025-06-06",
        ),
        (
            &["enroll", "E0003", "C-SEC", "--session", "S-PM-1", "--yes"],
            "jinzai: enroll: session: session S-PM-1 belongs to course C-PM, not C-SEC セキュリティ研修",
        ),
        (
            &["enroll", "E0003", "C-SEC", "--session", "S-NONE", "--yes"],
            "jinzai: enroll: session: no session with id 'S-NONE'",
        ),
        (
            &["enroll", "E0002", "C-SEC", "--yes"],
            "jinzai: plan-course: course: E0002 佐藤 花子 already has C-SEC セキュリティ研修 planned (no session yet)",
        ),
        (
            &["complete", "E0003", "C-PM", "--on", "2025-07-09"],
            "jinzai: complete: on: 2025-07-09 is after today (2025-01-10); a course is marked completed once it is over",
        ),
        (
            &["complete", "E0003", "C-SEC"],
            "jinzai: complete: course: E0003 鈴木 一郎 has no enrollment in C-SEC セキュリティ研修 to complete; enroll them first",
        ),
        (
            &["complete", "E0001", "C-SEC", "--failed"],
            "jinzai: fail: course: E0001 山田 太郎 completed C-SEC セキュリティ研修 on 2025-06-06",
        ),
        (
            &["cancel", "E0001", "C-SEC"],
            "jinzai: cancel: course: E0001 山田 太郎 completed C-SEC セキュリティ研修 on 2025-06-06; a completed course cannot be cancelled",
        ),
        (&["cancel", "E9999", "C-SEC"], "no person with id 'E9999'"),
        (&["cancel", "E0001", "C-NONE"], "no course with id 'C-NONE'"),
    ];
    for (args, reason) in refusals {
        jinzai(t.path())
            .args(*args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(*reason))
            .stderr(predicate::str::contains("nothing was changed"));
    }
    // A session that already ended takes nobody.
    jinzai(t.path())
        .env("JINZAI_TODAY", "2025-06-07")
        .args(["enroll", "E0003", "C-SEC", "--session", "S-SEC-1", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "jinzai: enroll: session: session S-SEC-1 ended on 2025-06-06; it cannot take new enrollments",
        ));
    jinzai(t.path())
        .args(["--read-only", "cancel", "E0002", "C-SEC"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("read-only"));
    jinzai(t.path())
        .args(["complete", "E0003", "C-PM", "--on", "2025-02-30"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("jinzai: --on: "));
    assert_eq!(export(t.path()), before);
    assert_eq!(log(t.path()).len(), 1, "only the import");
}

#[test]
fn a_plan_becomes_the_enrollment_in_one_audited_change() {
    let t = good_db();
    // E0002 is seconded until 2026-03-31: a warning, confirmed.
    jinzai(t.path())
        .args(["enroll", "E0002", "C-SEC", "--session", "S-SEC-1", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: E0002 佐藤 花子 is seconded until 2026-03-31, during session S-SEC-1",
        ))
        .stdout(predicate::str::ends_with("(was planned) (audit #2)\n"));
    let mine: Vec<_> = enrollments(t.path())
        .into_iter()
        .filter(|e| e.0 == "E0002")
        .collect();
    assert_eq!(
        mine,
        vec![(
            "E0002".into(),
            "C-SEC".into(),
            json!("S-SEC-1"),
            "enrolled".into(),
            json!(TODAY)
        )]
    );
    let recs = log(t.path());
    assert_eq!(recs.len(), 2);
    let ch = recs[1]["changes"].as_array().unwrap();
    assert_eq!(ch.len(), 2);
    assert_eq!(ch[0]["before"]["record"]["status"], "planned");
    assert_eq!(ch[0]["after"], Value::Null);
    assert_eq!(ch[1]["after"]["record"]["session"], "S-SEC-1");
}

#[test]
fn complete_fail_and_cancel_each_write_one_audit_record() {
    let t = good_db();
    // Plan C-PM for nobody new; cancel E0002's plan of C-SEC.
    jinzai(t.path())
        .args(["cancel", "E0002", "C-SEC"])
        .assert()
        .success()
        .stdout("Cancel the plan of C-SEC セキュリティ研修 for E0002 佐藤 花子 (audit #2)\n");
    // Plan, then enroll E0003 in C-SEC, then complete both of E0003's courses.
    jinzai(t.path())
        .args(["enroll", "E0003", "C-SEC", "--yes"])
        .assert()
        .success()
        .stdout("Plan C-SEC セキュリティ研修 for E0003 鈴木 一郎 (no session yet) (audit #3)\n");
    jinzai(t.path())
        .args(["enroll", "E0003", "C-SEC", "--session", "S-SEC-1", "--yes"])
        .assert()
        .success();
    jinzai(t.path())
        .env("JINZAI_TODAY", "2025-07-10")
        .args(["complete", "E0003", "C-PM", "--on", "R7.7.9"])
        .assert()
        .success()
        .stdout(
            "Mark E0003 鈴木 一郎 completed C-PM プロジェクト管理研修, session S-PM-1 \
             on 2025-07-09 (audit #5)\n",
        );
    jinzai(t.path())
        .env("JINZAI_TODAY", "2025-07-10")
        .args([
            "complete",
            "E0003",
            "C-SEC",
            "--on",
            "2025-06-06",
            "--failed",
        ])
        .assert()
        .success()
        .stdout(
            "Mark E0003 鈴木 一郎 failed C-SEC セキュリティ研修, session S-SEC-1 \
             on 2025-06-06 (audit #6)\n",
        );
    let recs = log(t.path());
    let actions: Vec<&str> = recs.iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        vec![
            "import",
            "cancel",
            "plan-course",
            "enroll",
            "complete",
            "fail"
        ]
    );
    for r in &recs[1..] {
        let n = r["changes"].as_array().unwrap().len();
        assert!(n == 1 || r["action"] == "enroll", "{r}");
    }
    let got = enrollments(t.path());
    assert!(got.contains(&(
        "E0002".into(),
        "C-SEC".into(),
        Value::Null,
        "cancelled".into(),
        json!(TODAY)
    )));
    assert!(got.contains(&(
        "E0003".into(),
        "C-PM".into(),
        json!("S-PM-1"),
        "completed".into(),
        json!("2025-07-09")
    )));
    assert!(got.contains(&(
        "E0003".into(),
        "C-SEC".into(),
        json!("S-SEC-1"),
        "failed".into(),
        json!("2025-06-06")
    )));
    // Failed: C-SEC is a gap again.
    let v = json(
        jinzai(t.path())
            .env("JINZAI_TODAY", "2025-07-10")
            .args(["gaps", "--json"]),
    );
    assert_eq!(v[0]["staff"], "E0003");
    assert_eq!(v[0]["failed"], true);
}

#[test]
fn gaps_json_lists_staff_post_and_course() {
    let t = good_db();
    let v = json(jinzai(t.path()).args(["gaps", "--json"]));
    assert_eq!(
        v,
        json!([{
            "staff": "E0003",
            "name": "鈴木 一郎",
            "grade": "deputy",
            "post": "P02",
            "post_title": "PMO課長補佐",
            "course": "C-SEC",
            "course_name": "セキュリティ研修",
            "planned": false,
            "failed": false,
            "away": false
        }])
    );
    // A plan without a session is still a gap, shown as planned.
    jinzai(t.path())
        .args(["enroll", "E0003", "C-SEC", "--yes"])
        .assert()
        .success();
    let v = json(jinzai(t.path()).args(["gaps", "--json"]));
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["planned"], true);
    jinzai(t.path())
        .args(["gaps"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "C-SEC セキュリティ研修 — 1 person",
        ))
        .stdout(predicate::str::contains(
            "E0003 鈴木 一郎  課長補佐  P02 PMO課長補佐  (planned)",
        ));
    let v = json(jinzai(t.path()).args(["gaps", "--json", "--course", "C-PM"]));
    assert_eq!(v, json!([]));
    jinzai(t.path())
        .args(["gaps", "--course", "C-NONE"])
        .assert()
        .code(1)
        .stderr("jinzai: no course with id C-NONE\n");
}

#[test]
fn gaps_enroll_places_who_fits_in_one_audited_change() {
    let t = good_db();
    let before = export(t.path());
    jinzai(t.path())
        .args(["gaps", "--course", "C-SEC", "--enroll", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "fits  E0003 鈴木 一郎 → S-SEC-1 (2025-06-02–2025-06-06)",
        ))
        .stdout(predicate::str::contains(
            "Enroll 1 person in C-SEC セキュリティ研修 (S-SEC-1 ×1) (dry run; nothing was changed)",
        ));
    // Once the session has begun there is no upcoming one: E0003 stays listed.
    let v = json(
        jinzai(t.path())
            .env("JINZAI_TODAY", "2025-06-03")
            .args(["gaps", "--course", "C-SEC", "--enroll", "--yes", "--json"]),
    );
    assert_eq!(v["placed"], json!([]));
    assert_eq!(v["audit"], Value::Null);
    assert_eq!(
        v["left"],
        json!([{"staff": "E0003", "name": "鈴木 一郎",
                "reason": "no session of C-SEC セキュリティ研修 starts on or after 2025-06-03"}])
    );
    // The grade warning needs --yes.
    jinzai(t.path())
        .args(["gaps", "--course", "C-SEC", "--enroll"])
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "not confirmed; nothing was changed",
        ));
    assert_eq!(export(t.path()), before);
    assert_eq!(log(t.path()).len(), 1, "only the import");
    let v =
        json(jinzai(t.path()).args(["gaps", "--course", "C-SEC", "--enroll", "--yes", "--json"]));
    assert_eq!(v["audit"], 2);
    assert_eq!(v["placed"][0]["staff"], "E0003");
    assert_eq!(v["placed"][0]["session"], "S-SEC-1");
    let recs = log(t.path());
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[1]["action"], "bulk-enroll");
    assert_eq!(
        recs[1]["summary"],
        "Enroll 1 person in C-SEC セキュリティ研修 (S-SEC-1 ×1)"
    );
    assert_eq!(json(jinzai(t.path()).args(["gaps", "--json"])), json!([]));
    jinzai(t.path())
        .args(["gaps", "--course", "C-SEC", "--enroll"])
        .assert()
        .success()
        .stdout("no gaps for C-SEC; nothing was changed\n");
}

#[test]
fn course_shows_posts_sessions_enrollees_and_gaps() {
    let t = good_db();
    let v = json(jinzai(t.path()).args(["course", "C-SEC", "--json"]));
    assert_eq!(v["id"], "C-SEC");
    assert_eq!(v["name"], "セキュリティ研修");
    assert_eq!(v["as_of"], TODAY);
    let posts: Vec<&str> = v["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(posts, vec!["P01", "P02"]);
    assert_eq!(
        v["sessions"],
        json!([{"id": "S-SEC-1", "start": "2025-06-02", "end": "2025-06-06",
                "capacity": 20, "taken": 1, "free": 19, "planned": 0, "enrolled": 0,
                "completed": 1, "failed": 0, "cancelled": 0}])
    );
    let enrollees: Vec<(&str, &str)> = v["enrollees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["staff"].as_str().unwrap(), e["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        enrollees,
        vec![("E0001", "completed"), ("E0002", "planned")]
    );
    assert_eq!(v["gaps"][0]["staff"], "E0003");
    jinzai(t.path())
        .args(["course", "C-PM"])
        .assert()
        .success()
        .stdout(predicate::str::contains("C-PM  プロジェクト管理研修"))
        .stdout(predicate::str::contains(
            "S-PM-1  2025-07-07 – 2025-07-09  1/10 seats taken · 1 enrolled",
        ))
        .stdout(predicate::str::contains(
            "E0003 鈴木 一郎  S-PM-1  enrolled 2025-05-01",
        ));
    jinzai(t.path())
        .args(["course", "C-NONE"])
        .assert()
        .code(1)
        .stderr("jinzai: no course with id C-NONE\n");
}
