//! Reliability and security (issue #7): one writer with a clear message naming the
//! holder, stale locks taken over, `--read-only` reading the writer's snapshot,
//! `jinzai check` (records, indexes, and the audit log's hash chain naming the
//! first bad record for each kind of tampering), and file modes.

use assert_cmd::Command;
use jinzai::audit::chain::{verify, Anchor};
use jinzai::audit::{hash_line, hex, Actor, AuditDraft, AuditRecord, AUDIT_FILE, GENESIS};
use jinzai::db::{Db, DbError, Holder, LOCK_FILE, SNAPSHOT_FILE, STORE_SUBDIR};
use jinzai::demo::ministry;
use jinzai::domain::{Change, ChangeSet, Dataset, Record, Staff};
use jinzai::store::Store;
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn jinzai() -> Command {
    let mut c = Command::cargo_bin("jinzai").unwrap();
    c.env_remove("JINZAI_DB")
        .env("JINZAI_TODAY", "2026-11-26")
        .env("HOME", "/nonexistent-home");
    c
}

fn alice() -> Actor {
    Actor {
        user: "alice".into(),
        ssh_client: None,
    }
}

fn open(dir: &Path) -> Db {
    Db::open(dir, false, alice()).unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The demo ministry committed as one audited change.
fn fill(db: &Db) -> Dataset {
    let ds = ministry(1);
    let (changes, _) = ChangeSet::upserts(&Dataset::default(), &ds);
    db.commit(&changes, AuditDraft::new("demo", "demo data"))
        .unwrap();
    ds
}

fn first_staff(ds: &Dataset) -> Staff {
    ds.staff.values().next().unwrap().clone()
}

/// Edits one person's notes, as one audited change.
fn edit_notes(db: &Db, s: &Staff, notes: &str) {
    let new = Staff {
        notes: notes.into(),
        ..s.clone()
    };
    let cs = ChangeSet {
        changes: vec![Change::Put(Record::Staff(new))],
    };
    db.commit(
        &cs,
        AuditDraft::new("edit", format!("edit {} {notes}", s.id)),
    )
    .unwrap();
}

/// A database with the demo data and five edits: six chained audit records.
fn chained_db() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("db");
    let db = open(&dir);
    let ds = fill(&db);
    let s = first_staff(&ds);
    for i in 2..=6 {
        edit_notes(&db, &s, &format!("note {i}"));
    }
    drop(db);
    (tmp, dir)
}

fn lines(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(AUDIT_FILE))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn write_lines(dir: &Path, lines: &[String]) {
    let mut s = lines.join("\n");
    s.push('\n');
    std::fs::write(dir.join(AUDIT_FILE), s).unwrap();
}

/// Runs `jinzai check`: its exit code and stdout + stderr.
fn check(dir: &Path) -> (i32, String) {
    let out = jinzai().args(["check", "--db"]).arg(dir).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn assert_check_fails_with(dir: &Path, expected: &str) {
    let (code, text) = check(dir);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains(expected), "expected {expected:?} in:\n{text}");
    assert!(text.contains("FAIL  audit log"), "{text}");
}

fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn write_lock(dir: &Path, user: &str, pid: u32) {
    let holder = Holder {
        user: user.into(),
        pid,
        host: jinzai::db::lock::host_name(),
        started: "2026-11-26T01:15:00Z".parse().unwrap(),
    };
    std::fs::write(dir.join(LOCK_FILE), serde_json::to_vec(&holder).unwrap()).unwrap();
}

// --- one writer -------------------------------------------------------------

#[test]
fn a_second_writable_open_is_refused_at_once_naming_the_holder() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("db");
    let db = open(&dir);
    fill(&db);
    let lock: Value = serde_json::from_slice(&std::fs::read(dir.join(LOCK_FILE)).unwrap()).unwrap();
    assert_eq!(lock["user"], "alice");
    assert_eq!(lock["pid"], std::process::id());
    assert_eq!(lock["host"], jinzai::db::lock::host_name());
    assert!(lock["started"].as_str().unwrap().ends_with('Z'), "{lock}");

    let started = Instant::now();
    let out = jinzai()
        .args([
            "assign",
            "E0010",
            "P001",
            "--from",
            "2027-04-01",
            "--yes",
            "--db",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let who = format!(
        "jinzai: database is open by alice (pid {}) since ",
        std::process::id()
    );
    assert!(err.starts_with(&who), "{err}");
    assert!(
        err.trim_end().ends_with("; use --read-only to look"),
        "{err}"
    );
    assert!(took < Duration::from_secs(1), "took {took:?}");
    // A command that only reads goes on, on the writer's snapshot.
    let out = jinzai()
        .args(["show", "E0010", "--db"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // In this process too: the lock is the holder's until it closes.
    match Db::open(&dir, false, alice()) {
        Err(DbError::Locked(Some(h))) => {
            assert_eq!((h.user.as_str(), h.pid), ("alice", std::process::id()))
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    drop(db);
    assert!(
        !dir.join(LOCK_FILE).exists(),
        "the lock goes with its holder"
    );
    jinzai()
        .args(["show", "E0010", "--db"])
        .arg(&dir)
        .assert()
        .success();
}

#[test]
fn a_stale_lock_is_taken_over_and_said_so() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("db");
    drop(open(&dir));
    let pid = dead_pid();
    write_lock(&dir, "bob", pid);
    let out = jinzai()
        .args(["search", "x", "--db"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("took over a stale lock: bob (pid {pid}) had ")),
        "{err}"
    );
    assert!(err.contains("is no longer running"), "{err}");
    assert!(!dir.join(LOCK_FILE).exists());

    // The library says whose it was, and the lock is now this process's.
    write_lock(&dir, "bob", pid);
    let db = open(&dir);
    assert_eq!(db.took_over().map(|h| h.user.as_str()), Some("bob"));
    let lock: Value = serde_json::from_slice(&std::fs::read(dir.join(LOCK_FILE)).unwrap()).unwrap();
    assert_eq!(lock["user"], "alice");
    assert_eq!(lock["pid"], std::process::id());
}

#[test]
fn a_lock_file_whose_holder_is_gone_is_stale_even_if_its_pid_was_reused() {
    // Pid 1 is alive, but it does not hold the lock: only a live jinzai holding
    // the file's lock keeps others out.
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("db");
    drop(open(&dir));
    write_lock(&dir, "bob", 1);
    let db = open(&dir);
    assert_eq!(db.took_over().map(|h| h.pid), Some(1));
}

// --- reading while another writes --------------------------------------------

#[test]
fn read_only_reads_the_writers_snapshot_while_it_holds_the_db() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("db");
    let db = open(&dir);
    let ds = fill(&db);
    let who = ds.staff.values().nth(9).unwrap().clone();

    // No explicit flush: the writer refreshes the snapshot by itself and the
    // reader waits for it to include the last change.
    let out = jinzai()
        .args(["--read-only", "show", who.id.as_str(), "--db"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(&who.name));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("jinzai: reading the snapshot of "), "{err}");
    assert!(err.contains("(the database is open by alice)"), "{err}");
    let meta: Value = {
        let snap: Value =
            serde_json::from_slice(&std::fs::read(dir.join(SNAPSHOT_FILE)).unwrap()).unwrap();
        snap["snapshot"].clone()
    };
    assert_eq!(meta["seq"], 1);
    assert_eq!(mode(&dir.join(SNAPSHOT_FILE)), 0o600);

    jinzai()
        .args(["--read-only", "search", who.id.as_str(), "--json", "--db"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicates::str::contains(who.id.as_str()));
    let out = jinzai()
        .args(["--read-only", "export", "--format", "json", "--db"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        jinzai::io::export_json(&db.store.load().unwrap(), 1)
    );
    jinzai()
        .args(["--read-only", "log", "--json", "--db"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicates::str::contains("\"demo data\""));

    // A later change shows once the snapshot has it.
    edit_notes(&db, &who, "異動希望あり");
    let out = jinzai()
        .args(["--read-only", "show", who.id.as_str(), "--json", "--db"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("異動希望あり"));

    // The library: a read-only handle on the snapshot, which refuses changes.
    db.flush_snapshot().unwrap();
    let ro = Db::open(&dir, true, alice()).unwrap();
    let r = ro.reading().expect("reads the snapshot").clone();
    assert_eq!((r.meta.seq, r.behind), (2, 0));
    assert_eq!(r.holder.map(|h| h.user), Some("alice".into()));
    assert_eq!(ro.store.load().unwrap(), db.store.load().unwrap());
    assert!(ro
        .commit(&ChangeSet::default(), AuditDraft::new("x", "x"))
        .is_err());
    drop(db);

    // Once the writer is gone, read-only opens the store itself.
    let ro = Db::open(&dir, true, alice()).unwrap();
    assert!(ro.reading().is_none());
    assert!(ro.store.sled().is_some());
}

// --- check -----------------------------------------------------------------

#[test]
fn check_passes_on_a_fresh_demo_db_and_after_changes() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("db");
    jinzai().args(["demo", "--db"]).arg(&dir).assert().success();
    let (code, text) = check(&dir);
    assert_eq!(code, 0, "{text}");
    for line in [
        "ok    files: directory mode 0700",
        "ok    store: opens (schema 2)",
        "ok    records: 26 units, 84 posts, 300 staff",
        "ok    indexes: consistent with the records",
        "ok    audit log: 1 record, hash chain intact, ends at the store's head (record 1)",
        "all checks passed",
    ] {
        assert!(text.contains(line), "expected {line:?} in:\n{text}");
    }
    jinzai()
        .args([
            "assign",
            "E0010",
            "P023",
            "--from",
            "2027-04-01",
            "--yes",
            "--db",
        ])
        .arg(&dir)
        .assert()
        .success();
    let out = jinzai()
        .args(["check", "--json", "--db"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["passed"], true);
    let log = lines(&dir);
    assert_eq!(log.len(), 2);
    let second: Value = serde_json::from_str(&log[1]).unwrap();
    assert_eq!(second["prev"], hex(&hash_line(log[0].as_bytes())));
    let first: Value = serde_json::from_str(&log[0]).unwrap();
    assert_eq!(first["prev"], GENESIS);
}

#[test]
fn check_lists_record_and_index_problems() {
    let (_tmp, dir) = chained_db();
    {
        let db = open(&dir);
        let ds = db.store.load().unwrap();
        // An assignment to a post that does not exist, written past validation.
        let mut a = ds.assignments.values().next().unwrap().clone();
        a.post = jinzai::domain::PostId::new_unchecked("P999");
        let sled = db.store.sled().unwrap();
        sled.apply(&ChangeSet {
            changes: vec![Change::Put(Record::Assignment(a))],
        })
        .unwrap();
        let victim = ds.assignments.values().nth(3).unwrap().clone();
        sled.test_hook_drop_index_entry(&jinzai::domain::RecordRef::Assignment(victim.key()))
            .unwrap();
    }
    let (code, text) = check(&dir);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("FAIL  records:"), "{text}");
    assert!(text.contains("P999"), "{text}");
    assert!(text.contains("FAIL  indexes: inconsistent"), "{text}");
    assert!(
        text.contains("is missing from the post → holders index"),
        "{text}"
    );
    assert!(text.contains("ok    audit log: 6 records"), "{text}");
    assert!(text.contains("jinzai: check found "), "{text}");
}

#[test]
fn check_passes_on_the_untouched_chain() {
    let (_tmp, dir) = chained_db();
    let (code, text) = check(&dir);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("6 records, hash chain intact, ends at the store's head (record 6)"),
        "{text}"
    );
}

#[test]
fn an_edited_middle_record_is_named() {
    let (_tmp, dir) = chained_db();
    let mut l = lines(&dir);
    l[2] = l[2].replacen("note 3", "note X", 1);
    write_lines(&dir, &l);
    assert_check_fails_with(
        &dir,
        "audit.jsonl:3: record 3 was changed after it was written",
    );
}

#[test]
fn an_edited_last_record_is_named_by_the_stores_head() {
    let (_tmp, dir) = chained_db();
    let mut l = lines(&dir);
    l[5] = l[5].replacen("note 6", "note X", 1);
    write_lines(&dir, &l);
    assert_check_fails_with(
        &dir,
        "audit.jsonl:6: record 6 was changed after it was written",
    );
}

#[test]
fn an_edited_prev_is_named() {
    let (_tmp, dir) = chained_db();
    let mut l = lines(&dir);
    let mut v: Value = serde_json::from_str(&l[3]).unwrap();
    v["prev"] = Value::String(GENESIS.into());
    l[3] = serde_json::to_string(&v).unwrap();
    write_lines(&dir, &l);
    assert_check_fails_with(
        &dir,
        "audit.jsonl:4: record 4 was changed after it was written",
    );
}

#[test]
fn a_deleted_line_is_named() {
    let (_tmp, dir) = chained_db();
    let mut l = lines(&dir);
    l.remove(2);
    write_lines(&dir, &l);
    assert_check_fails_with(
        &dir,
        "audit.jsonl:3: record 4: record 3 is missing before it",
    );
}

#[test]
fn swapped_lines_are_named() {
    let (_tmp, dir) = chained_db();
    let mut l = lines(&dir);
    l.swap(2, 3);
    write_lines(&dir, &l);
    assert_check_fails_with(&dir, "audit.jsonl:3: record 4 is out of order");
}

#[test]
fn an_inserted_forged_line_is_named() {
    let (_tmp, dir) = chained_db();
    let mut l = lines(&dir);
    // A copy of record 3 saying something else, put after it.
    let forged = l[2].replacen("note 3", "note 3 (forged)", 1);
    l.insert(3, forged);
    write_lines(&dir, &l);
    assert_check_fails_with(&dir, "audit.jsonl:4: record 3 was inserted");

    // A forged record put before the real one, linked correctly to record 2.
    let (_tmp, dir) = chained_db();
    let mut l = lines(&dir);
    let forged = l[2].replacen("note 3", "note 3 (forged)", 1);
    l.insert(2, forged);
    write_lines(&dir, &l);
    assert_check_fails_with(&dir, "audit.jsonl:3: record 3 was inserted");
}

#[test]
fn a_forged_record_appended_with_a_valid_link_is_caught_by_the_head() {
    let (_tmp, dir) = chained_db();
    let mut l = lines(&dir);
    let mut r: AuditRecord = serde_json::from_str(&l[5]).unwrap();
    r.seq = 7;
    r.summary = "forged".into();
    r.prev = Some(hex(&hash_line(l[5].as_bytes())));
    l.push(String::from_utf8(r.to_line()).unwrap());
    write_lines(&dir, &l);
    assert_check_fails_with(
        &dir,
        "audit.jsonl:7: record 7: the store's last record is 6",
    );
}

#[test]
fn a_file_rewritten_with_a_consistent_chain_is_caught_by_the_stores_copy() {
    let (_tmp, dir) = chained_db();
    let l = lines(&dir);
    let mut out: Vec<String> = l[..2].to_vec();
    for line in &l[2..] {
        let mut r: AuditRecord = serde_json::from_str(line).unwrap();
        r.summary = format!("{} (rewritten)", r.summary);
        r.prev = Some(hex(&hash_line(out.last().unwrap().as_bytes())));
        out.push(String::from_utf8(r.to_line()).unwrap());
    }
    write_lines(&dir, &out);
    assert_check_fails_with(
        &dir,
        "audit.jsonl:3: record 3 was changed after it was written: it differs from the store's copy",
    );
}

#[test]
fn a_truncated_last_line_is_named() {
    let (_tmp, dir) = chained_db();
    let path = dir.join(AUDIT_FILE);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() - 40]).unwrap();
    assert_check_fails_with(&dir, "audit.jsonl:6: the last line is cut short");

    // The whole last line gone.
    let (_tmp, dir) = chained_db();
    let mut l = lines(&dir);
    l.pop();
    write_lines(&dir, &l);
    assert_check_fails_with(
        &dir,
        "audit.jsonl:6: record 6 is missing from the end of the file",
    );

    // A writable open writes it again from the store, and check passes.
    drop(open(&dir));
    let (code, text) = check(&dir);
    assert_eq!(code, 0, "{text}");
}

#[test]
fn a_deleted_first_line_and_garbage_are_named() {
    let (_tmp, dir) = chained_db();
    let mut l = lines(&dir);
    l.remove(0);
    write_lines(&dir, &l);
    assert_check_fails_with(
        &dir,
        "audit.jsonl:1: record 2: the log should begin with record 1",
    );

    let (_tmp, dir) = chained_db();
    let mut l = lines(&dir);
    l[1] = "{not json".into();
    write_lines(&dir, &l);
    assert_check_fails_with(&dir, "audit.jsonl:2: this line is not an audit record");
}

#[test]
fn legacy_records_without_prev_are_a_reported_prefix() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join(AUDIT_FILE);
    let actor = alice();
    let rec = |seq| AuditRecord::new(seq, jinzai::audit::now(), &actor, AuditDraft::new("x", "y"));
    let mut l: Vec<Vec<u8>> = vec![rec(1).to_line(), rec(2).to_line()];
    for seq in 3..=4 {
        let prev = hex(&hash_line(l.last().unwrap()));
        l.push(rec(seq).with_prev(Some(prev)).to_line());
    }
    let write = |l: &[Vec<u8>]| {
        let mut bytes = Vec::new();
        for line in l {
            bytes.extend_from_slice(line);
            bytes.push(b'\n');
        }
        std::fs::write(&path, bytes).unwrap();
    };
    write(&l);
    let head = Some((4, hash_line(&l[3])));
    let none = |_| None;
    let anchor = Anchor {
        head,
        chain_start: Some(3),
        entry: &none,
    };
    let r = verify(&path, Some(&anchor)).unwrap();
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(r.legacy, Some((1, 2)));
    assert!(r.notes[0].contains("records 1–2 were written before the hash chain"));
    // Without the store, the chain starts at the first record with `prev`.
    assert!(verify(&path, None).unwrap().is_ok());

    // A chained record stripped of its `prev` is not taken for a legacy one.
    let mut stripped = l.clone();
    stripped[3] = rec(4).to_line();
    write(&stripped);
    let r = verify(&path, Some(&anchor)).unwrap();
    assert!(
        r.problem
            .as_deref()
            .unwrap()
            .contains(":4: record 4 has no `prev` hash"),
        "{r:?}"
    );
    let r = verify(&path, None).unwrap();
    assert!(r.problem.is_some(), "{r:?}");
}

#[test]
fn a_store_sled_cannot_open_is_reported_with_how_to_restore() {
    let (_tmp, dir) = chained_db();
    let store = dir.join(STORE_SUBDIR);
    let junk = |n: usize| -> Vec<u8> { (0..n).map(|i| (i * 7919 % 251) as u8).collect() };
    std::fs::write(store.join("conf"), junk(300)).unwrap();
    std::fs::write(store.join("db"), junk(70_000)).unwrap();
    let (code, text) = check(&dir);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("FAIL  store: cannot be opened"), "{text}");
    assert!(text.contains("its files are damaged"), "{text}");
    assert!(
        text.contains("to restore it from the latest backup"),
        "{text}"
    );
    assert!(text.contains("--    records: not checked"), "{text}");
    // The audit file is still checked on its own.
    assert!(
        text.contains("ok    audit log: 6 records, hash chain intact"),
        "{text}"
    );
    // Other commands say how to restore it too.
    jinzai()
        .args(["show", "E0010", "--db"])
        .arg(&dir)
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "restore it from the latest backup",
        ));
}

#[test]
fn check_while_another_process_writes_checks_the_snapshot_and_the_file() {
    let (_tmp, dir) = chained_db();
    let db = open(&dir);
    db.flush_snapshot().unwrap();
    let (code, text) = check(&dir);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("--    store: not opened: the database is open by alice"),
        "{text}"
    );
    assert!(text.contains("ok    records: 26 units"), "{text}");
    assert!(text.contains("(snapshot of "), "{text}");
    assert!(
        text.contains("ok    audit log: 6 records, hash chain intact"),
        "{text}"
    );
    drop(db);
}

// --- files -------------------------------------------------------------------

#[test]
fn a_group_writable_db_dir_is_refused_with_the_chmod_hint() {
    let (_tmp, dir) = chained_db();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o770)).unwrap();
    for args in [
        &["show", "E0010"][..],
        &["--read-only", "show", "E0010"][..],
    ] {
        let out = jinzai().args(args).arg("--db").arg(&dir).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("can be written by group or others (mode 0770)"),
            "{err}"
        );
        assert!(
            err.contains(&format!("chmod 700 {}", dir.display())),
            "{err}"
        );
    }
    let (code, text) = check(&dir);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("FAIL  files"), "{text}");
    assert!(
        text.contains(&format!("chmod 700 {}", dir.display())),
        "{text}"
    );
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    drop(Db::open(&dir, false, alice()).unwrap());
}

#[test]
fn created_files_are_private() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("new").join("db");
    jinzai().args(["demo", "--db"]).arg(&dir).assert().success();
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join(AUDIT_FILE)), 0o600);
    let store = dir.join(STORE_SUBDIR);
    assert_eq!(mode(&store), 0o700);
    for e in std::fs::read_dir(&store).unwrap() {
        let p = e.unwrap().path();
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(&p), want, "{}", p.display());
    }
    let db = open(&dir);
    db.flush_snapshot().unwrap();
    assert_eq!(mode(&dir.join(LOCK_FILE)), 0o600);
    assert_eq!(mode(&dir.join(SNAPSHOT_FILE)), 0o600);
    drop(db);

    // An older, wider database is narrowed by a writable open.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(dir.join(AUDIT_FILE), std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(open(&dir));
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join(AUDIT_FILE)), 0o600);
}

/// Not a test: what a snapshot costs. Run with
/// `cargo test --test reliability snapshot_cost -- --ignored --nocapture`
/// (add `--release` for release numbers; `JINZAI_SNAPSHOT_COST_STAFF=100000`
/// for another size).
#[test]
#[ignore]
fn snapshot_cost() {
    use jinzai::demo::{synthetic, Spec};
    let big: usize = std::env::var("JINZAI_SNAPSHOT_COST_STAFF")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    for (label, ds) in [
        ("demo".to_string(), ministry(1)),
        (
            format!("{big} staff"),
            synthetic(&Spec {
                staff: big,
                posts: big / 5,
                seed: 1,
            }),
        ),
    ] {
        let tmp = TempDir::new().unwrap();
        let db = open(tmp.path());
        let (changes, _) = ChangeSet::upserts(&Dataset::default(), &ds);
        db.commit(&changes, AuditDraft::new("demo", "cost"))
            .unwrap();
        // The writer's own first snapshot, out of the way of the timings.
        std::thread::sleep(Duration::from_millis(1100));
        db.flush_snapshot().unwrap();
        let t = Instant::now();
        let loaded = db.store.load().unwrap();
        let load = t.elapsed();
        assert_eq!(loaded.staff.len(), ds.staff.len());
        let t = Instant::now();
        db.flush_snapshot().unwrap();
        let write = t.elapsed();
        let size = std::fs::metadata(tmp.path().join(SNAPSHOT_FILE))
            .unwrap()
            .len();
        let t = Instant::now();
        let (_, read, _) = jinzai::db::snapshot::read(tmp.path()).unwrap();
        let read_time = t.elapsed();
        assert_eq!(read, loaded);
        eprintln!(
            "{label}: {:.1} MB; load {load:?}, load + write {write:?}, reader's read {read_time:?}",
            size as f64 / 1e6
        );
    }
}
