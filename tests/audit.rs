//! The audit log: one store entry and one file line per committed change, with the
//! values before and after; nothing for a refused change; the file caught up after
//! a crash (missing or torn lines), never duplicated; damaged lines named; and the
//! `jinzai log` command with its filters.

use assert_cmd::Command;
use jinzai::audit::{read_log, Actor, AuditChange, AuditDraft, AuditRecord, Filter, AUDIT_FILE};
use jinzai::db::{Db, DbError, STORE_SUBDIR};
use jinzai::demo::ministry;
use jinzai::domain::date::ymd;
use jinzai::domain::{Assignment, Change, ChangeSet, Dataset, Record, RecordRef, Staff, StaffId};
use jinzai::store::{Store, StoreError};
use predicates::prelude::*;
use rand::seq::IteratorRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn actor() -> Actor {
    Actor {
        user: "sato".into(),
        ssh_client: Some("10.0.0.5".into()),
    }
}

fn open(dir: &Path) -> Db {
    Db::open(dir, false, actor()).unwrap()
}

fn open_read_only(dir: &Path) -> Db {
    Db::open(dir, true, actor()).unwrap()
}

fn log_path(dir: &Path) -> PathBuf {
    dir.join(AUDIT_FILE)
}

fn file_lines(dir: &Path) -> Vec<String> {
    match std::fs::read_to_string(log_path(dir)) {
        Ok(s) => s.lines().map(str::to_string).collect(),
        Err(_) => vec![],
    }
}

fn seqs(records: &[AuditRecord]) -> Vec<u64> {
    records.iter().map(|r| r.seq).collect()
}

/// A database holding the demo ministry, written without an audit record.
fn filled() -> (TempDir, Dataset) {
    let tmp = TempDir::new().unwrap();
    let ds = ministry(1);
    open(tmp.path()).store.apply(&ChangeSet::fill(&ds)).unwrap();
    (tmp, ds)
}

fn with_notes(s: &Staff, notes: &str) -> Staff {
    Staff {
        notes: notes.into(),
        ..s.clone()
    }
}

fn first_staff(ds: &Dataset) -> Staff {
    ds.staff.values().next().unwrap().clone()
}

#[test]
fn a_commit_writes_one_entry_and_one_line_with_before_and_after() {
    let (tmp, ds) = filled();
    let db = open(tmp.path());
    let old = first_staff(&ds);
    let new = with_notes(&old, "異動希望あり");
    let cs = ChangeSet {
        changes: vec![Change::Put(Record::Staff(new.clone()))],
    };
    let draft = AuditDraft::of_changes("edit", format!("edit {}", old.id), &ds, &cs);
    let rec = db.commit(&cs, draft).unwrap();
    assert_eq!(rec.seq, 1);
    assert_eq!(rec.user, "sato");
    assert_eq!(rec.ssh_client.as_deref(), Some("10.0.0.5"));
    assert_eq!(rec.entities, vec![old.id.to_string()]);
    assert_eq!(
        rec.changes,
        vec![AuditChange {
            record: format!("staff {}", old.id),
            before: Some(Record::Staff(old.clone())),
            after: Some(Record::Staff(new.clone())),
        }]
    );
    let entries = db.store.log_entries(0).unwrap();
    assert_eq!(entries.len(), 1);
    let lines = file_lines(tmp.path());
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].as_bytes(), entries[0].1.as_slice());
    let v: Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(v["seq"], 1);
    assert_eq!(v["action"], "edit");
    assert_eq!(v["changes"][0]["before"]["kind"], "staff");
    assert_eq!(v["changes"][0]["before"]["record"]["notes"], old.notes);
    assert_eq!(v["changes"][0]["after"]["record"]["notes"], "異動希望あり");
    assert!(v["counts"].is_null() && v["undoes"].is_null());
    let ts = v["ts"].as_str().unwrap();
    assert!(
        ts.len() == 20 && ts.ends_with('Z') && ts.as_bytes()[10] == b'T',
        "{ts}"
    );
    assert_eq!(read_log(&log_path(tmp.path())).unwrap(), vec![rec.clone()]);
    assert_eq!(db.log(&Filter::default()).unwrap(), vec![rec]);
    assert_eq!(db.store.staff(&old.id).unwrap(), Some(new));
}

/// A random change of one or two records, against the dataset as it is.
fn random_change(rng: &mut ChaCha8Rng, ds: &Dataset, n: usize) -> ChangeSet {
    let staff = |rng: &mut ChaCha8Rng| ds.staff.values().choose(rng).unwrap().clone();
    let post = |rng: &mut ChaCha8Rng| ds.posts.keys().choose(rng).unwrap().clone();
    let changes = match rng.gen_range(0..6) {
        0 => {
            let s = staff(rng);
            vec![Change::Put(Record::Staff(with_notes(
                &s,
                &format!("note {n}"),
            )))]
        }
        1 => {
            let mut s = staff(rng);
            s.id = StaffId::new_unchecked(format!("E9{n:03}"));
            vec![Change::Put(Record::Staff(s))]
        }
        2 => {
            let s = staff(rng);
            vec![Change::Delete(RecordRef::Staff(s.id))]
        }
        3 => {
            let s = staff(rng);
            let a = Assignment {
                staff: s.id.clone(),
                post: post(rng),
                start: ymd(2027, 4, 1).unwrap(),
                end: None,
                concurrent: false,
            };
            // A person and their new post together.
            vec![
                Change::Put(Record::Staff(with_notes(&s, "moving"))),
                Change::Put(Record::Assignment(a)),
            ]
        }
        4 => {
            let a = ds.assignments.values().choose(rng).unwrap();
            vec![Change::Delete(RecordRef::Assignment(a.key()))]
        }
        _ => {
            let mut a = ds.assignments.values().choose(rng).unwrap().clone();
            a.end = Some(ymd(2030, 3, 31).unwrap());
            let s = staff(rng);
            // Two changes of the same record: the second sees the first.
            vec![
                Change::Put(Record::Assignment(a.clone())),
                Change::Put(Record::Staff(with_notes(&s, "first"))),
                Change::Put(Record::Staff(with_notes(&s, "second"))),
            ]
        }
    };
    ChangeSet { changes }
}

#[test]
fn random_changes_each_give_one_record_with_the_values_before_them() {
    let (tmp, mut ds) = filled();
    let db = open(tmp.path());
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    const N: usize = 30;
    let mut expected: Vec<Vec<AuditChange>> = Vec::new();
    for n in 0..N {
        let cs = random_change(&mut rng, &ds, n);
        // The values before, worked out one change at a time.
        let mut now = ds.clone();
        let mut want = Vec::new();
        for ch in &cs.changes {
            let (r, after) = match ch {
                Change::Put(rec) => (rec.record_ref(), Some(rec.clone())),
                Change::Delete(r) => (r.clone(), None),
            };
            want.push(AuditChange {
                record: r.to_string(),
                before: now.record(&r),
                after,
            });
            now.apply(&ChangeSet {
                changes: vec![ch.clone()],
            });
        }
        let draft = AuditDraft::of_changes("edit", format!("change {n}"), &ds, &cs);
        let rec = db.commit(&cs, draft).unwrap();
        assert_eq!(rec.seq, n as u64 + 1);
        expected.push(want);
        ds = now;
    }
    drop(db);
    let db = open(tmp.path());
    assert_eq!(db.store.load().unwrap(), ds);
    assert_eq!(db.store.log_entries(0).unwrap().len(), N);
    let records = read_log(&log_path(tmp.path())).unwrap();
    assert_eq!(seqs(&records), (1..=N as u64).collect::<Vec<_>>());
    for (r, want) in records.iter().zip(&expected) {
        assert_eq!(&r.changes, want, "record {}", r.seq);
    }
    assert_eq!(db.log(&Filter::default()).unwrap(), records);
}

#[test]
fn a_refused_change_leaves_no_entry_and_no_line() {
    let (tmp, ds) = filled();
    let db = open(tmp.path());
    let missing = RecordRef::Staff(StaffId::new_unchecked("E99999"));
    let cs = ChangeSet {
        changes: vec![
            Change::Put(Record::Staff(with_notes(&first_staff(&ds), "x"))),
            Change::Delete(missing),
        ],
    };
    let draft = AuditDraft::of_changes("delete", "delete", &ds, &cs);
    let err = db.commit(&cs, draft).unwrap_err();
    assert!(
        matches!(err, DbError::Store(StoreError::Missing(_))),
        "{err:?}"
    );
    assert_eq!(db.store.log_entries(0).unwrap(), vec![]);
    assert_eq!(file_lines(tmp.path()), Vec::<String>::new());
    assert_eq!(db.store.load().unwrap(), ds);
    // The next change is still number 1.
    let rec = db
        .commit(&ChangeSet::default(), AuditDraft::new("note", "nothing"))
        .unwrap();
    assert_eq!(rec.seq, 1);
    assert_eq!(file_lines(tmp.path()).len(), 1);
}

/// A database with `n` committed changes, closed; and the audit file's bytes.
fn committed(n: usize) -> (TempDir, Vec<u8>) {
    let (tmp, ds) = filled();
    let db = open(tmp.path());
    let s = first_staff(&ds);
    for i in 0..n {
        let cs = ChangeSet {
            changes: vec![Change::Put(Record::Staff(with_notes(&s, &format!("{i}"))))],
        };
        db.commit(&cs, AuditDraft::new("edit", format!("edit {i}")))
            .unwrap();
    }
    drop(db);
    let bytes = std::fs::read(log_path(tmp.path())).unwrap();
    (tmp, bytes)
}

/// Where the first `k` lines of a file end.
fn end_of_lines(bytes: &[u8], k: usize) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(k - 1)
        .map_or(0, |(i, _)| i + 1)
}

#[test]
fn lines_missing_from_the_file_are_appended_on_the_next_writable_open() {
    let (tmp, full) = committed(5);
    let path = log_path(tmp.path());
    assert_eq!(full.iter().filter(|&&b| b == b'\n').count(), 5);
    // As if the process died after the store commits of 3, 4 and 5.
    let cut = end_of_lines(&full, 2);
    std::fs::write(&path, &full[..cut]).unwrap();
    // A read-only open writes nothing, but lists every record.
    let db = open_read_only(tmp.path());
    assert_eq!(std::fs::read(&path).unwrap(), &full[..cut]);
    assert_eq!(
        seqs(&db.log(&Filter::default()).unwrap()),
        vec![1, 2, 3, 4, 5]
    );
    drop(db);
    assert_eq!(std::fs::read(&path).unwrap(), &full[..cut]);
    // A writable open catches up, in order, the same bytes as before.
    drop(open(tmp.path()));
    assert_eq!(std::fs::read(&path).unwrap(), full);
    // And again: nothing is duplicated.
    let db = open(tmp.path());
    assert_eq!(std::fs::read(&path).unwrap(), full);
    assert_eq!(
        seqs(&db.log(&Filter::default()).unwrap()),
        vec![1, 2, 3, 4, 5]
    );
}

#[test]
fn a_torn_last_line_is_cut_away_and_written_again() {
    let (tmp, full) = committed(4);
    let path = log_path(tmp.path());
    // Three lines and half of the fourth, as if the process died mid-write.
    let cut = end_of_lines(&full, 3);
    let torn = cut + (full.len() - cut) / 2;
    std::fs::write(&path, &full[..torn]).unwrap();
    assert_eq!(
        seqs(&read_log(&path).unwrap()),
        vec![1, 2, 3],
        "a torn line is not read"
    );
    drop(open_read_only(tmp.path()));
    assert_eq!(std::fs::read(&path).unwrap(), &full[..torn]);
    let db = open(tmp.path());
    assert_eq!(std::fs::read(&path).unwrap(), full);
    // A torn line that lacks only its line end is written again too.
    drop(db);
    std::fs::write(&path, &full[..full.len() - 1]).unwrap();
    let db = open(tmp.path());
    assert_eq!(std::fs::read(&path).unwrap(), full);
    // Later commits follow on.
    let rec = db
        .commit(&ChangeSet::default(), AuditDraft::new("note", "after"))
        .unwrap();
    assert_eq!(rec.seq, 5);
    assert_eq!(seqs(&read_log(&path).unwrap()), vec![1, 2, 3, 4, 5]);
}

#[test]
fn a_lost_file_is_written_again_from_the_store() {
    let (tmp, full) = committed(3);
    std::fs::remove_file(log_path(tmp.path())).unwrap();
    drop(open(tmp.path()));
    assert_eq!(std::fs::read(log_path(tmp.path())).unwrap(), full);
}

#[test]
fn a_damaged_line_is_named_by_file_and_line() {
    let (tmp, full) = committed(3);
    let path = log_path(tmp.path());
    let (a, b) = (end_of_lines(&full, 1), end_of_lines(&full, 2));
    let mut damaged = full[..a].to_vec();
    damaged.extend_from_slice(b"{\"seq\":2,\"ts\":\n");
    damaged.extend_from_slice(&full[b..]);
    std::fs::write(&path, &damaged).unwrap();
    let err = Db::open(tmp.path(), false, actor()).unwrap_err();
    assert!(err.to_string().contains("audit.jsonl:2: "), "{err}");
    // Nothing was written, and a read-only open names it when reading.
    assert_eq!(std::fs::read(&path).unwrap(), damaged);
    let err = open_read_only(tmp.path())
        .log(&Filter::default())
        .unwrap_err();
    assert!(err.to_string().contains("audit.jsonl:2: "), "{err}");
}

#[test]
fn a_store_replaced_under_the_file_is_refused_not_numbered_on_after_it() {
    // The audit log says three changes were made; a fresh store has none of them.
    // Numbering on after the file would hide that they are lost (see
    // tests/backup.rs for the repair and the restore).
    let (tmp, full) = committed(3);
    std::fs::remove_dir_all(tmp.path().join(STORE_SUBDIR)).unwrap();
    let err = Db::open(tmp.path(), false, actor()).unwrap_err();
    assert!(
        matches!(
            err,
            DbError::AuditAhead {
                first: 1,
                last: 3,
                ..
            }
        ),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains(
            "audit.jsonl:1: the audit log holds records 1–3, which the store does not have"
        ),
        "{text}"
    );
    assert!(text.contains("jinzai check --repair --db "), "{text}");
    assert_eq!(std::fs::read(log_path(tmp.path())).unwrap(), full);
    // With the file moved aside, the new store starts a new log.
    std::fs::rename(log_path(tmp.path()), tmp.path().join("audit.old")).unwrap();
    let db = open(tmp.path());
    let rec = db
        .commit(
            &ChangeSet::default(),
            AuditDraft::new("note", "fresh store"),
        )
        .unwrap();
    assert_eq!(rec.seq, 1);
}

#[test]
fn opening_refuses_what_is_not_a_database_directory() {
    let tmp = TempDir::new().unwrap();
    let missing = tmp.path().join("none");
    assert!(matches!(
        Db::open(&missing, true, actor()),
        Err(DbError::Missing(_))
    ));
    assert!(!missing.exists());
    let file = tmp.path().join("file");
    std::fs::write(&file, b"x").unwrap();
    assert!(matches!(
        Db::open(&file, false, actor()),
        Err(DbError::NotADirectory(_))
    ));
    assert!(open(&missing).log(&Filter::default()).unwrap().is_empty());
    let err = open_read_only(&missing)
        .commit(&ChangeSet::default(), AuditDraft::new("note", "x"))
        .unwrap_err();
    assert!(
        matches!(err, DbError::Store(StoreError::ReadOnly)),
        "{err:?}"
    );
}

// ---- the command line ----

fn jinzai() -> Command {
    let mut c = Command::cargo_bin("jinzai").unwrap();
    c.env_remove("JINZAI_DB")
        .env_remove("SSH_CLIENT")
        .env_remove("SSH_CONNECTION")
        .env("JINZAI_TODAY", "2026-11-26")
        .env("HOME", "/nonexistent-home");
    c
}

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `jinzai log --json` with more arguments, parsed.
fn log_json(db: &Path, args: &[&str]) -> Vec<Value> {
    let out = jinzai()
        .args(["log", "--json", "--db"])
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn demo_is_one_record_with_counts() {
    let tmp = TempDir::new().unwrap();
    assert!(log_json(tmp.path(), &[]).is_empty());
    jinzai()
        .args(["demo", "--db"])
        .arg(tmp.path())
        .env("SSH_CLIENT", "192.0.2.7 50000 22")
        .assert()
        .success();
    let log = log_json(tmp.path(), &[]);
    assert_eq!(log.len(), 1, "{log:?}");
    let r = &log[0];
    assert_eq!(r["seq"], 1);
    assert_eq!(r["action"], "demo");
    assert_eq!(r["ssh_client"], "192.0.2.7");
    assert!(r["user"].as_str().is_some_and(|u| !u.is_empty()));
    assert_eq!(r["changes"], Value::Array(vec![]));
    let ds = ministry(1);
    assert_eq!(r["counts"]["staff"]["added"], ds.staff.len());
    assert_eq!(r["counts"]["assignments"]["added"], ds.assignments.len());
    assert_eq!(r["counts"]["units"]["updated"], 0);
    assert_eq!(r["entities"], Value::Array(vec![]));
    // The table.
    jinzai()
        .args(["log", "--db"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("seq"))
        .stdout(predicate::str::contains("time (UTC)"))
        .stdout(predicate::str::contains("192.0.2.7"))
        .stdout(predicate::str::contains(
            "demo data: fictional ministry, seed 1",
        ));
}

#[test]
fn an_import_is_one_record_and_a_dry_run_none() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path();
    jinzai()
        .args(["import", "--dry-run", "--db"])
        .arg(db)
        .arg(fixtures("good"))
        .assert()
        .success();
    assert!(log_json(db, &[]).is_empty());
    for _ in 0..2 {
        jinzai()
            .args(["import", "--db"])
            .arg(db)
            .arg(fixtures("good"))
            .assert()
            .success();
    }
    let log = log_json(db, &[]);
    assert_eq!(log.len(), 2, "{log:?}");
    let (first, again) = (&log[0], &log[1]);
    assert_eq!(first["action"], "import");
    assert!(first["summary"].as_str().unwrap().contains("fixtures/good"));
    assert!(first["counts"]["staff"]["added"].as_u64().unwrap() > 0);
    assert_eq!(first["changes"], Value::Array(vec![]));
    assert!(first["files"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f.as_str().unwrap().ends_with("staff.csv")));
    // Re-importing changes nothing, and says so.
    assert_eq!(again["seq"], 2);
    assert_eq!(again["counts"]["staff"]["added"], 0);
    assert_eq!(
        again["counts"]["staff"]["unchanged"],
        first["counts"]["staff"]["added"]
    );
    // A refused import records nothing.
    jinzai()
        .args(["import", "--db"])
        .arg(db)
        .arg(fixtures("bad"))
        .assert()
        .failure();
    assert_eq!(log_json(db, &[]).len(), 2);
}

#[test]
fn log_filters_by_staff_post_and_date() {
    let tmp = TempDir::new().unwrap();
    let ds = ministry(1);
    let a = ds.assignments.values().next().unwrap().clone();
    let other = ds.staff.values().find(|s| s.id != a.staff).unwrap().clone();
    {
        let db = open(tmp.path());
        db.store.apply(&ChangeSet::fill(&ds)).unwrap();
        let cs = ChangeSet {
            changes: vec![Change::Put(Record::Assignment(Assignment {
                end: Some(ymd(2030, 3, 31).unwrap()),
                ..a.clone()
            }))],
        };
        db.commit(
            &cs,
            AuditDraft::of_changes("end", "end an assignment", &ds, &cs),
        )
        .unwrap();
        let cs = ChangeSet {
            changes: vec![Change::Put(Record::Staff(with_notes(&other, "x")))],
        };
        db.commit(&cs, AuditDraft::of_changes("edit", "edit", &ds, &cs))
            .unwrap();
    }
    let (staff, post, other) = (a.staff.as_str(), a.post.as_str(), other.id.as_str());
    let seqs_of = |args: &[&str]| -> Vec<u64> {
        log_json(tmp.path(), args)
            .iter()
            .map(|r| r["seq"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(seqs_of(&[]), vec![1, 2]);
    assert_eq!(seqs_of(&["--staff", staff]), vec![1]);
    assert_eq!(seqs_of(&["--post", post]), vec![1]);
    assert_eq!(seqs_of(&["--staff", other]), vec![2]);
    assert_eq!(
        seqs_of(&["--staff", other, "--post", post]),
        Vec::<u64>::new()
    );
    assert_eq!(seqs_of(&["--staff", "E00000"]), Vec::<u64>::new());
    assert_eq!(seqs_of(&["--since", "2000-01-01"]), vec![1, 2]);
    assert_eq!(seqs_of(&["--since", "R1.5.1"]), vec![1, 2]);
    assert_eq!(seqs_of(&["--since", "2199-12-31"]), Vec::<u64>::new());
    // Read-only works too.
    jinzai()
        .args(["log", "--read-only", "--json", "--db"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("\"seq\": 2"));
    jinzai()
        .args(["log", "--since", "2199-12-31", "--db"])
        .arg(tmp.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("no audit records match"));
}

#[test]
fn log_refuses_a_bad_date_or_id() {
    let tmp = TempDir::new().unwrap();
    jinzai()
        .args(["log", "--since", "2026-13-01", "--db"])
        .arg(tmp.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("--since"))
        .stderr(predicate::str::contains("month 13 does not exist"));
    jinzai()
        .args(["log", "--since", "yesterday", "--db"])
        .arg(tmp.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a date"));
    jinzai()
        .args(["log", "--staff", "E 1", "--db"])
        .arg(tmp.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("--staff"));
}

#[test]
fn log_names_a_damaged_line() {
    let tmp = TempDir::new().unwrap();
    jinzai()
        .args(["import", "--db"])
        .arg(tmp.path())
        .arg(fixtures("good"))
        .assert()
        .success();
    let path = log_path(tmp.path());
    let mut bytes = b"garbage\n".to_vec();
    bytes.extend(std::fs::read(&path).unwrap());
    std::fs::write(&path, bytes).unwrap();
    jinzai()
        .args(["log", "--db"])
        .arg(tmp.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("audit.jsonl:1: "));
}

#[test]
fn an_empty_log_says_so() {
    let tmp = TempDir::new().unwrap();
    jinzai()
        .args(["log", "--db"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("the audit log is empty"));
    let out = jinzai()
        .args(["log", "--json", "--db"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "[]");
}

#[test]
fn log_while_the_database_is_in_use_lists_the_file_and_says_who_holds_it() {
    let tmp = TempDir::new().unwrap();
    let db = open(tmp.path());
    db.commit(&ChangeSet::default(), AuditDraft::new("note", "held"))
        .unwrap();
    // Reading needs no lock: the file is listed, with who holds the database.
    let out = jinzai()
        .args(["log", "--json", "--db"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let holder = format!("database is open by sato (pid {})", std::process::id());
    assert!(err.contains(&holder), "{err}");
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log[0]["summary"], "held");
    // Read-only lists the file, as the writer wrote it.
    let out = jinzai()
        .args(["log", "--read-only", "--json", "--db"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log[0]["summary"], "held");
    drop(db);
}
