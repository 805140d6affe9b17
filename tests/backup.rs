//! Backups and restore (issue #7): the daily backup on a writable open (at most
//! once a UTC day, also from the TUI after its load), the backups before an import
//! and before `plan --accept`, the last 14 kept, files private and written
//! atomically; `jinzai backup`, `backups` and `restore` (an exact round trip, a
//! refusal to write over a database, bad files named); a store sled cannot open
//! named with the exact restore command; and a store that lost its last changes
//! (the audit log beyond it) refused, reported by `check` and re-applied by
//! `check --repair`, or reported precisely when it cannot be.

mod cmd;
#[allow(dead_code)]
#[path = "e2e/harness.rs"]
mod harness;

use assert_cmd::Command;
use jinzai::audit::{hash_line, hex, Actor, AuditDraft, AuditRecord, AUDIT_FILE};
use jinzai::db::backup::{self, Reason, BACKUP_DIR, KEEP};
use jinzai::db::{Db, DbError, STORE_SUBDIR};
use jinzai::domain::{Change, ChangeSet, Record, Staff, StaffId};
use jinzai::store::{Store, DOCUMENT_SCHEMA};
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const TODAY: &str = "2026-11-26";

fn jinzai(db: &Path) -> Command {
    cmd::jinzai_on(db, TODAY)
}

/// Output of a command: exit code, stdout, stderr.
fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn actor() -> Actor {
    Actor {
        user: "sato".into(),
        ssh_client: None,
    }
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// A new directory `db` in a temporary one, filled with the demo ministry (no
/// backup yet: the fill opens an empty database).
fn demo() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    jinzai(&db).arg("demo").assert().success();
    (tmp, db)
}

fn backups(db: &Path) -> Vec<backup::Backup> {
    backup::list(db).unwrap()
}

fn reasons(db: &Path) -> Vec<String> {
    backups(db).into_iter().map(|b| b.reason).collect()
}

fn export(db: &Path) -> Vec<u8> {
    cmd::export(db, TODAY)
}

fn audit_lines(db: &Path) -> Vec<String> {
    std::fs::read_to_string(db.join(AUDIT_FILE))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// A staff.csv adding one person, in `dir`.
fn new_person_csv(dir: &Path) -> PathBuf {
    let csv = dir.join("staff.csv");
    std::fs::write(
        &csv,
        "id,name,kana,birth_year,grade,track,hired_on,skills,candidate,status,wishes,notes\n\
         E9001,試験 太郎,シケン タロウ,1990,係員,sogo-digital,2020-04-01,,no,active,,\n",
    )
    .unwrap();
    csv
}

/// Makes `backups` a plain file, so no backup can be written.
fn break_backups(db: &Path) {
    let dir = db.join(BACKUP_DIR);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::write(&dir, b"not a directory").unwrap();
}

// --- when backups are taken -------------------------------------------------

#[test]
fn a_writable_open_takes_one_daily_backup_a_day_and_it_is_the_export() {
    let (_tmp, db) = demo();
    assert!(
        backups(&db).is_empty(),
        "an empty database is not backed up"
    );
    let (code, _, err) = run(jinzai(&db).args(["show", "E0010"]));
    assert_eq!(code, 0, "{err}");
    let first = backups(&db);
    assert_eq!(first.len(), 1);
    let b = &first[0];
    assert_eq!(b.reason, "daily");
    assert!(b.file.ends_with("Z-daily.json"), "{}", b.file);
    assert_eq!(mode(&db.join(BACKUP_DIR)), 0o700);
    assert_eq!(mode(&b.path), 0o600);
    // Exactly what export writes.
    assert_eq!(std::fs::read(&b.path).unwrap(), export(&db));

    // Later opens the same day take none; read-only ones never do.
    jinzai(&db).args(["search", "tanaka"]).assert().success();
    jinzai(&db)
        .args(["--read-only", "show", "E0010"])
        .assert()
        .success();
    assert_eq!(backups(&db), first);

    // The next day (the backup renamed to yesterday's), another.
    let old = db
        .join(BACKUP_DIR)
        .join("2020-01-01T000000.000Z-daily.json");
    std::fs::rename(&b.path, &old).unwrap();
    jinzai(&db).args(["show", "E0010"]).assert().success();
    let now = backups(&db);
    assert_eq!(now.len(), 2);
    assert_eq!(now[0].path, old, "oldest first");
    assert_eq!(now[1].reason, "daily");
    assert!(now[1].file > now[0].file);
}

#[test]
fn the_library_open_takes_the_days_backup_and_backups_works_while_in_use() {
    let (_tmp, db) = demo();
    let lib = Db::open(&db, false, actor()).unwrap();
    // The library's open took the day's backup.
    let taken = lib.daily_backup_outcome().cloned().unwrap().unwrap();
    assert_eq!(backups(&db), vec![taken]);
    lib.flush_snapshot().unwrap();
    jinzai(&db)
        .args(["--read-only", "show", "E0010"])
        .assert()
        .success();
    // `backups` reads only the directory: it works while the database is in use.
    let v = cmd::json(jinzai(&db).args(["backups", "--json"]));
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["reason"], "daily");
    assert_eq!(v[0]["file"], backups(&db)[0].file.as_str());
}

#[test]
fn an_import_and_an_accepted_plan_are_preceded_by_a_backup() {
    let (tmp, db) = demo();
    let csv = new_person_csv(tmp.path());
    let before = export(&db); // takes the day's backup
    assert_eq!(reasons(&db), ["daily"]);

    // A dry run, and a refused import, take none.
    jinzai(&db)
        .args(["import", "--dry-run"])
        .arg(&csv)
        .assert()
        .success();
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    jinzai(&db).arg("import").arg(&bad).assert().failure();
    assert_eq!(reasons(&db), ["daily"]);

    let (code, _, err) = run(jinzai(&db).arg("import").arg(&csv));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("backup before the import: "), "{err}");
    assert_eq!(reasons(&db), ["daily", "import"]);
    let import_backup = backups(&db)[1].path.clone();
    assert_eq!(std::fs::read(&import_backup).unwrap(), before);
    let after_import = export(&db);
    assert_ne!(after_import, before);

    // plan without --accept, or --accept not confirmed, takes none.
    jinzai(&db)
        .args(["plan", "--as-of", "2027-04-01"])
        .assert()
        .success();
    jinzai(&db)
        .args(["plan", "--as-of", "2027-04-01", "--accept"])
        .assert()
        .failure();
    assert_eq!(reasons(&db), ["daily", "import"]);

    let (code, _, err) = run(jinzai(&db).args([
        "plan",
        "--as-of",
        "2027-04-01",
        "--accept",
        "--yes",
        "--json",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("backup before accepting: "), "{err}");
    assert_eq!(reasons(&db), ["daily", "import", "plan-accept"]);
    assert_eq!(std::fs::read(&backups(&db)[2].path).unwrap(), after_import);
    // Each file's name sorts after the one before.
    let names: Vec<String> = backups(&db).into_iter().map(|b| b.file).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn a_failed_backup_stops_the_import_and_the_accept_and_warns_on_open() {
    let (tmp, db) = demo();
    let csv = new_person_csv(tmp.path());
    let before = export(&db);
    let log_before = audit_lines(&db);
    break_backups(&db);

    let (code, _, err) = run(jinzai(&db).arg("import").arg(&csv));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("backups: it is not a directory"), "{err}");
    assert!(err.contains("cannot write the backup"), "{err}");
    assert!(err.contains(BACKUP_DIR), "{err}");
    assert!(
        err.contains("the import was stopped before writing anything"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    let (code, _, err) =
        run(jinzai(&db).args(["plan", "--as-of", "2027-04-01", "--accept", "--yes"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot write the backup"), "{err}");
    assert!(err.contains("the plan was not recorded"), "{err}");

    assert_eq!(export(&db), before);
    assert_eq!(audit_lines(&db), log_before);

    // The day's backup failing is a warning; the command does its work.
    let (code, out, err) = run(jinzai(&db).args(["show", "E0010", "--json"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("E0010"));
    assert!(
        err.contains("jinzai: warning: the daily backup failed (cannot write the backup"),
        "{err}"
    );
    let lib = Db::open(&db, false, actor()).unwrap();
    assert!(matches!(lib.daily_backup_outcome(), Some(Err(_))));
    // `jinzai backup` says why.
    drop(lib);
    let (code, _, err) = run(jinzai(&db).arg("backup"));
    assert_eq!(code, 1);
    assert!(err.contains("cannot write the backup"), "{err}");
}

#[test]
fn the_last_fourteen_are_kept_and_names_never_repeat() {
    let (_tmp, db) = demo();
    let lib = Db::open_with(&db, false, actor(), jinzai::db::DailyBackup::Off).unwrap();
    let ds = lib.store.load().unwrap();
    let seq = lib.store.log_last().unwrap();
    // Many within the same millisecond or two: every name new and later.
    let mut taken = Vec::new();
    for _ in 0..KEEP + 3 {
        taken.push(lib.backup(Reason::Manual, Some((&ds, seq))).unwrap());
    }
    let kept = backups(&db);
    assert_eq!(kept.len(), KEEP);
    assert_eq!(kept, taken[3..].to_vec(), "the oldest three went");
    for w in taken.windows(2) {
        assert!(w[0].file < w[1].file && w[0].taken < w[1].taken);
    }
    let exported = jinzai::io::export_json(&ds, DOCUMENT_SCHEMA);
    for b in &kept {
        assert_eq!(std::fs::read(&b.path).unwrap(), exported.as_bytes());
        assert_eq!(b.bytes, exported.len() as u64);
    }
}

#[test]
fn a_backup_cut_short_never_looks_whole() {
    let (_tmp, db) = demo();
    jinzai(&db).arg("backup").assert().success();
    let bdir = db.join(BACKUP_DIR);
    // What a crash mid-write leaves: the hidden temporary file, never a name that
    // `backups` or a restore hint would pick.
    let name = "2099-01-01T000000.000Z-manual.json";
    let leftover = bdir.join(format!(".{name}.tmp-4242"));
    std::fs::write(&leftover, b"{\"format\":\"jinzai-export\",\"sche").unwrap();
    std::fs::write(bdir.join("notes.txt"), b"x").unwrap();
    assert_eq!(reasons(&db), ["manual"]);
    let listed = cmd::json(jinzai(&db).args(["backups", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    // The next backup clears it away.
    jinzai(&db).arg("backup").assert().success();
    assert!(!leftover.exists());
    assert_eq!(reasons(&db), ["manual", "manual"]);
}

// --- backup, backups, restore ----------------------------------------------

/// `jinzai restore FILE --db NEW`: its exit code and stderr.
fn restore(file: &Path, new: &Path) -> (i32, String, String) {
    let mut c = Command::cargo_bin("jinzai").unwrap();
    c.env("JINZAI_TODAY", TODAY)
        .env_remove("JINZAI_DB")
        .arg("restore")
        .arg(file)
        .arg("--db")
        .arg(new);
    run(&mut c)
}

/// `jinzai backup` of `db`, restored into `new`: the same bytes, one audit record.
fn assert_round_trip(db: &Path, new: &Path) {
    let (code, out, err) = run(jinzai(db).arg("backup"));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("backup written: "), "{out}");
    let b = backups(db).pop().unwrap();
    assert_eq!(b.reason, "manual");
    let bytes = std::fs::read(&b.path).unwrap();
    let sha = hex(&hash_line(&bytes));

    let (code, out, err) = restore(&b.path, new);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("restored "), "{out}");
    assert!(out.contains(&sha), "{out}");
    assert!(!err.contains("note:"), "{err}");
    assert_eq!(mode(new), 0o700);
    // Byte for byte the backup.
    assert_eq!(export(new), bytes);
    // One audit record naming the file and its SHA-256.
    let log = cmd::log(new, TODAY, &[]);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["action"], "restore");
    let abs = std::path::absolute(&b.path).unwrap();
    assert_eq!(log[0]["files"][0], abs.display().to_string().as_str());
    let summary = log[0]["summary"].as_str().unwrap();
    assert!(summary.contains(&format!("sha256 {sha}")), "{summary}");
    assert!(summary.contains(&abs.display().to_string()), "{summary}");
    let (code, out, _) = run(jinzai(new).arg("check"));
    assert_eq!(code, 0, "{out}");
    // Nothing left behind beside it.
    let parent = new.parent().unwrap();
    for e in std::fs::read_dir(parent).unwrap() {
        let n = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!n.contains(".restoring-"), "{n}");
    }
}

#[test]
fn restore_round_trips_the_demo_exactly() {
    let (_tmp, db) = demo();
    // Some changes after the fill, so the backup is not just the demo.
    jinzai(&db)
        .args(["assign", "E0010", "P023", "--from", "2027-04-01", "--yes"])
        .assert()
        .success();
    jinzai(&db)
        .args(["enroll", "E0010", "C-NCO-SEC", "--yes"])
        .assert()
        .success();
    assert_round_trip(&db, &db.with_file_name("restored"));
}

#[test]
fn restore_round_trips_the_fixture_and_a_synthetic_organisation() {
    let good = cmd::good_db(TODAY);
    let out = TempDir::new().unwrap();
    assert_round_trip(good.path(), &out.path().join("restored"));

    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    jinzai(&db)
        .args(["demo", "--staff", "600", "--posts", "120", "--seed", "7"])
        .assert()
        .success();
    assert_round_trip(&db, &tmp.path().join("restored"));
}

#[test]
fn restore_refuses_a_database_and_names_what_is_wrong_with_a_file() {
    let (tmp, db) = demo();
    jinzai(&db).arg("backup").assert().success();
    let b = backups(&db).pop().unwrap();

    // Never over a database, nor into a directory with anything in it.
    let before = export(&db);
    let (code, _, err) = restore(&b.path, &db);
    assert_eq!(code, 1);
    assert!(err.contains("already holds a jinzai database"), "{err}");
    assert!(err.contains("audit.jsonl"), "{err}");
    assert_eq!(export(&db), before);
    let full = tmp.path().join("full");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("x"), b"x").unwrap();
    let (code, _, err) = restore(&b.path, &full);
    assert_eq!(code, 1);
    assert!(err.contains("is not empty"), "{err}");
    // An empty directory is fine.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(restore(&b.path, &empty).0, 0);
    assert_eq!(export(&empty), std::fs::read(&b.path).unwrap());

    let new = tmp.path().join("new");
    let bytes = std::fs::read(&b.path).unwrap();
    let edited = |f: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_slice(&bytes).unwrap();
        f(&mut v);
        serde_json::to_vec_pretty(&v).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("cut.json", bytes[..bytes.len() / 2].to_vec(), "cut.json:"),
        ("garbage.json", b"{\"format\": 12".to_vec(), "garbage.json:1: json: "),
        ("empty.json", Vec::new(), "empty.json:1: json: the file is empty"),
        (
            "other.json",
            br#"{"format":"something-else","schema":1,"units":[],"posts":[],"staff":[],"courses":[],"sessions":[],"assignments":[],"enrollments":[]}"#.to_vec(),
            "this is not a jinzai export",
        ),
        (
            "newer.json",
            edited(&|v| v["schema"] = 99.into()),
            "written by a newer jinzai (schema 99",
        ),
        (
            "dangling.json",
            edited(&|v| v["assignments"][0]["post"] = "P999".into()),
            "dangling.json: assignment of ",
        ),
    ];
    for (name, content, expect) in cases {
        let f = tmp.path().join(name);
        std::fs::write(&f, content).unwrap();
        let (code, _, err) = restore(&f, &new);
        assert_eq!(code, 1, "{name}: {err}");
        assert!(err.contains(expect), "{name}: expected {expect:?} in {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            !new.exists(),
            "{name}: nothing is left in the new directory"
        );
    }
    let (code, _, err) = restore(&tmp.path().join("missing.json"), &new);
    assert_eq!(code, 1);
    assert!(err.contains("cannot read the backup"), "{err}");
    for e in std::fs::read_dir(tmp.path()).unwrap() {
        let n = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!n.contains(".restoring-"), "{n}");
    }
}

#[test]
fn backups_lists_them_oldest_first() {
    let (_tmp, db) = demo();
    let (code, _, err) = run(jinzai(&db).arg("backups"));
    assert_eq!(code, 0);
    assert!(err.contains("no backups in "), "{err}");
    jinzai(&db).args(["show", "E0010"]).assert().success(); // the day's
    jinzai(&db).arg("backup").assert().success();
    let (code, out, _) = run(jinzai(&db).arg("backups"));
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("taken (UTC)"), "{out}");
    assert!(
        lines[1].contains("daily") && lines[2].contains("manual"),
        "{out}"
    );
    let v = cmd::json(jinzai(&db).args(["backups", "--json"]));
    let files: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2);
    assert!(files[0] < files[1]);
    for key in ["path", "taken", "reason", "bytes"] {
        assert!(v[0].get(key).is_some(), "{key}");
    }
    let (code, _, err) = run(cmd::jinzai_on(&db.with_file_name("none"), TODAY).arg("backups"));
    assert_eq!(code, 1);
    assert!(err.contains("no database at"), "{err}");
}

// --- a store sled cannot open ------------------------------------------------

/// Damages the store's data file in one of several ways.
fn damage(db: &Path, how: &str) {
    let f = db.join(STORE_SUBDIR).join("db");
    let bytes = std::fs::read(&f).unwrap();
    let out: Vec<u8> = match how {
        "truncate" => bytes[..100.min(bytes.len())].to_vec(),
        "empty" => Vec::new(),
        "garble" => (0..bytes.len()).map(|i| (i * 7919 % 251) as u8).collect(),
        _ => unreachable!(),
    };
    std::fs::write(&f, out).unwrap();
}

/// The `jinzai restore ... --db ...` command in a message, as words.
fn restore_command(text: &str) -> Vec<String> {
    let at = text.find("jinzai restore ").expect("a restore command");
    let rest = &text[at + "jinzai restore ".len()..];
    let end = rest.find(';').unwrap_or(rest.len());
    rest[..end].split_whitespace().map(str::to_string).collect()
}

#[test]
fn a_store_sled_cannot_open_names_the_latest_backup_and_the_exact_restore_command() {
    for how in ["truncate", "empty", "garble"] {
        let (_tmp, db) = demo();
        jinzai(&db)
            .args(["assign", "E0010", "P023", "--from", "2027-04-01", "--yes"])
            .assert()
            .success(); // takes the day's backup first
        jinzai(&db).arg("backup").assert().success();
        let latest = backups(&db).pop().unwrap();
        let saved = export(&db);
        damage(&db, how);

        for args in [
            &["show", "E0010"][..],
            &["check"][..],
            &["export", "--format", "json"][..],
        ] {
            let (code, out, err) = run(jinzai(&db).args(args));
            let text = format!("{out}{err}");
            assert_eq!(code, 1, "{how} {args:?}: {text}");
            assert!(!text.contains("panicked"), "{text}");
            assert!(
                text.contains("its files are damaged"),
                "{how} {args:?}: {text}"
            );
            assert!(
                text.contains("to restore it from the latest backup"),
                "{text}"
            );
            assert!(text.contains(&latest.file), "{how} {args:?}: {text}");
            let abs = std::path::absolute(&latest.path).unwrap();
            let new = std::path::absolute(db.with_file_name("db.restored")).unwrap();
            let expected = format!("jinzai restore {} --db {}", abs.display(), new.display());
            assert!(text.contains(&expected), "{how} {args:?}: {text}");
        }
        // The command given works as it stands, and gives back the records.
        let (_, _, err) = run(jinzai(&db).args(["show", "E0010"]));
        let words = restore_command(&err);
        assert_eq!(words.len(), 3, "{words:?}");
        let (file, new) = (PathBuf::from(&words[0]), PathBuf::from(&words[2]));
        let (code, _, err) = restore(&file, &new);
        assert_eq!(code, 0, "{err}");
        assert_eq!(export(&new), saved);
        assert_eq!(run(jinzai(&new).arg("check")).0, 0);
    }
}

#[test]
fn with_no_backup_the_snapshot_is_offered() {
    let (_tmp, db) = demo();
    {
        let lib = Db::open_with(&db, false, actor(), jinzai::db::DailyBackup::Off).unwrap();
        lib.flush_snapshot().unwrap();
    }
    assert!(backups(&db).is_empty());
    let saved = export(&db); // takes the day's backup: remove it again
    std::fs::remove_dir_all(db.join(BACKUP_DIR)).unwrap();
    damage(&db, "garble");
    let (code, _, err) = run(jinzai(&db).args(["show", "E0010"]));
    assert_eq!(code, 1);
    assert!(err.contains("there is none in "), "{err}");
    assert!(err.contains("snapshot.json holds every record"), "{err}");
    let words = restore_command(&err);
    let (code, _, rerr) = restore(Path::new(&words[0]), Path::new(&words[2]));
    assert_eq!(code, 0, "{rerr}");
    // The snapshot is not in export's form, but its records are all there.
    assert!(rerr.contains("note: "), "{rerr}");
    assert_eq!(export(Path::new(&words[2])), saved);
}

// --- the store behind its audit log ------------------------------------------

/// The demo with two changes made after a copy of its store was kept; then the
/// copy put back, as if the store had lost its last two transactions. Returns the
/// export as it was with both changes.
fn lost_last_two() -> (TempDir, PathBuf, Vec<u8>) {
    let (tmp, db) = demo();
    jinzai(&db).args(["show", "E0010"]).assert().success();
    let kept = tmp.path().join("store.kept");
    copy_dir(&db.join(STORE_SUBDIR), &kept);
    jinzai(&db)
        .args(["assign", "E0010", "P023", "--from", "2027-04-01", "--yes"])
        .assert()
        .success();
    jinzai(&db)
        .args(["enroll", "E0010", "C-NCO-SEC", "--yes"])
        .assert()
        .success();
    let full = export(&db);
    std::fs::remove_dir_all(db.join(STORE_SUBDIR)).unwrap();
    copy_dir(&kept, &db.join(STORE_SUBDIR));
    (tmp, db, full)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), &t).unwrap();
        }
    }
}

#[test]
fn a_store_that_lost_its_last_changes_is_refused_reported_and_repaired() {
    let (_tmp, db, full) = lost_last_two();
    let log = audit_lines(&db);
    assert_eq!(log.len(), 3);

    // Every writable open refuses, naming the records; nothing is written.
    let (code, _, err) = run(jinzai(&db).args(["show", "E0010"]));
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "audit.jsonl:2: the audit log holds records 2–3, which the store does not have"
        ),
        "{err}"
    );
    assert!(err.contains("jinzai check --repair --db "), "{err}");
    assert_eq!(audit_lines(&db), log);
    match Db::open(&db, false, actor()) {
        Err(DbError::AuditAhead {
            first: 2,
            last: 3,
            line: 2,
            ..
        }) => {}
        other => panic!("expected AuditAhead, got {other:?}"),
    }

    // check names them, and says they can be re-applied.
    let (code, out, _) = run(jinzai(&db).arg("check"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL  audit log"), "{out}");
    assert!(
        out.contains("audit.jsonl:2: record 2: the store's last record is 1"),
        "{out}"
    );
    assert!(out.contains("record 2 ("), "{out}");
    assert!(out.contains("assign: Assign E0010"), "{out}");
    assert!(out.contains("record 3 ("), "{out}");
    assert_eq!(out.matches(": can be re-applied").count(), 2, "{out}");
    assert!(
        out.contains("jinzai check --repair --db ") && out.contains("re-applies records 2–3"),
        "{out}"
    );
    let (code, out, _) = run(jinzai(&db).args(["check", "--json"]));
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["passed"], false);

    // --repair re-applies them, and then check passes.
    let (code, out, err) = run(jinzai(&db).args(["check", "--repair"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("repair: re-applied record 2 ("), "{err}");
    assert!(err.contains("repair: re-applied record 3 ("), "{err}");
    assert!(out.contains("all checks passed"), "{out}");
    assert_eq!(audit_lines(&db), log, "the log is as it was");
    assert_eq!(export(&db), full, "the store is as it was");
    // A second repair has nothing to do; the database opens and changes again.
    let (code, _, err) = run(jinzai(&db).args(["check", "--repair"]));
    assert_eq!(code, 0);
    assert!(err.contains("nothing to re-apply"), "{err}");
    jinzai(&db)
        .args(["end", "E0010", "P023", "--on", "2027-09-30"])
        .assert()
        .success();
    assert_eq!(run(jinzai(&db).arg("check")).0, 0);
}

#[test]
fn records_that_hold_only_counts_cannot_be_re_applied_and_check_says_so() {
    let (tmp, db) = demo();
    jinzai(&db).args(["show", "E0010"]).assert().success();
    let kept = tmp.path().join("store.kept");
    copy_dir(&db.join(STORE_SUBDIR), &kept);
    jinzai(&db)
        .args(["assign", "E0010", "P023", "--from", "2027-04-01", "--yes"])
        .assert()
        .success();
    // An import: one record with counts, not the records it wrote.
    let csv = new_person_csv(tmp.path());
    jinzai(&db).arg("import").arg(&csv).assert().success();
    std::fs::remove_dir_all(db.join(STORE_SUBDIR)).unwrap();
    copy_dir(&kept, &db.join(STORE_SUBDIR));
    let stale = {
        let lib = Db::open_with(&db, true, actor(), jinzai::db::DailyBackup::Off).unwrap();
        lib.store.load().unwrap()
    };

    let (code, out, _) = run(jinzai(&db).arg("check"));
    assert_eq!(code, 1);
    assert!(
        out.contains("record 2 (") && out.contains(": can be re-applied"),
        "{out}"
    );
    assert!(
        out.contains("record 3 (") && out.contains("import: import "),
        "{out}"
    );
    assert!(
        out.contains(
            "cannot be re-applied: it holds only counts (1 added, 0 updated), not the records it wrote"
        ),
        "{out}"
    );
    assert!(
        out.contains("the store cannot be brought up to the log from the log alone"),
        "{out}"
    );
    // The way out: the backup taken before the import, with the exact command.
    assert!(
        out.contains("-import.json) into a new directory: jinzai restore "),
        "{out}"
    );

    // --repair changes nothing: all or none.
    let (code, out, err) = run(jinzai(&db).args(["check", "--repair"]));
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("repair: nothing was changed:"), "{err}");
    assert!(err.contains("it holds only counts"), "{err}");
    let lib = Db::open_with(&db, true, actor(), jinzai::db::DailyBackup::Off).unwrap();
    assert_eq!(lib.store.load().unwrap(), stale);
}

#[test]
fn a_value_before_that_is_not_the_stores_is_named() {
    let (_tmp, db, _) = lost_last_two();
    // The store's copy of E0010 differs from the value record 2 saw before it.
    {
        let store = jinzai::store::SledStore::open(
            &db.join(STORE_SUBDIR),
            &jinzai::store::OpenOptions::default(),
        )
        .unwrap();
        // Record 2 assigned E0010 to P023: make that assignment exist already.
        let lines = audit_lines(&db);
        let r: AuditRecord = serde_json::from_str(&lines[1]).unwrap();
        let after = r.changes[0].after.clone().unwrap();
        store
            .apply(&ChangeSet {
                changes: vec![Change::Put(after)],
            })
            .unwrap();
    }
    let (code, out, _) = run(jinzai(&db).arg("check"));
    assert_eq!(code, 1);
    assert!(
        out.contains("cannot be re-applied: assignment of E0010 to P023 from 2027-04-01: the store already holds it, where the log says it was new"),
        "{out}"
    );
    assert!(
        out.contains("cannot be re-applied: not checked: record 2 before it cannot be re-applied"),
        "{out}"
    );
    let (code, _, err) = run(jinzai(&db).args(["check", "--repair"]));
    assert_eq!(code, 1);
    assert!(err.contains("nothing was changed"), "{err}");
}

#[test]
fn a_forged_record_appended_to_the_log_is_refused_not_taken_for_the_stores() {
    // Before, a writable open numbered on after such a line, and check passed.
    let (_tmp, db) = demo();
    jinzai(&db)
        .args(["assign", "E0010", "P023", "--from", "2027-04-01", "--yes"])
        .assert()
        .success();
    let mut lines = audit_lines(&db);
    let mut r: AuditRecord = serde_json::from_str(lines.last().unwrap()).unwrap();
    r.seq = 3;
    r.summary = "forged".into();
    r.prev = Some(hex(&hash_line(lines.last().unwrap().as_bytes())));
    lines.push(String::from_utf8(r.to_line()).unwrap());
    std::fs::write(db.join(AUDIT_FILE), lines.join("\n") + "\n").unwrap();
    for _ in 0..2 {
        let (code, _, err) = run(jinzai(&db).args(["show", "E0010"]));
        assert_eq!(code, 1);
        assert!(
            err.contains("audit.jsonl:3: the audit log holds record 3"),
            "{err}"
        );
        let (code, out, _) = run(jinzai(&db).arg("check"));
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("record 3 ("), "{out}");
        assert!(out.contains("forged"), "{out}");
        // It repeats record 2's change, which the store already has.
        assert!(out.contains("cannot be re-applied"), "{out}");
    }
}

#[test]
fn a_store_replaced_by_an_empty_one_is_reported_with_the_restore_command() {
    let (_tmp, db) = demo();
    jinzai(&db).args(["show", "E0010"]).assert().success(); // the day's backup
    std::fs::remove_dir_all(db.join(STORE_SUBDIR)).unwrap();
    let (code, _, err) = run(jinzai(&db).args(["show", "E0010"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("the audit log holds record 1, which the store does not have"),
        "{err}"
    );
    let (code, out, _) = run(jinzai(&db).arg("check"));
    assert_eq!(code, 1);
    assert!(out.contains("demo: demo data"), "{out}");
    assert!(
        out.contains("cannot be re-applied: it holds only counts"),
        "{out}"
    );
    assert!(
        out.contains("-daily.json) into a new directory: jinzai restore "),
        "{out}"
    );
}

// --- the library -------------------------------------------------------------

#[test]
fn repair_re_applies_edits_and_deletions_in_order() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    let lib = Db::open(&db, false, actor()).unwrap();
    let ds = jinzai::demo::ministry(1);
    let (fill, _) = ChangeSet::upserts(&Default::default(), &ds);
    lib.commit(
        &fill,
        AuditDraft::new("demo", "fill, listed record by record"),
    )
    .unwrap();
    drop(lib);
    let kept = tmp.path().join("kept");
    copy_dir(&db.join(STORE_SUBDIR), &kept);
    let lib = Db::open(&db, false, actor()).unwrap();
    let base = lib.store.load().unwrap();
    let s: Staff = base.staff.values().next().unwrap().clone();
    let edit = |notes: &str| Staff {
        notes: notes.into(),
        ..s.clone()
    };
    let mut now = base.clone();
    for cs in [
        ChangeSet {
            changes: vec![Change::Put(Record::Staff(edit("one")))],
        },
        ChangeSet {
            changes: vec![
                Change::Put(Record::Staff(edit("two"))),
                Change::Put(Record::Staff(edit("three"))),
            ],
        },
    ] {
        let draft = AuditDraft::of_changes("edit", "notes", &now, &cs);
        lib.commit(&cs, draft).unwrap();
        now.apply(&cs);
    }
    // A deletion: a session nobody is enrolled in.
    let free = now
        .sessions
        .keys()
        .find(|k| {
            !now.enrollments
                .values()
                .any(|e| e.session.as_ref() == Some(*k))
        })
        .unwrap()
        .clone();
    let cs = ChangeSet {
        changes: vec![Change::Delete(jinzai::domain::RecordRef::Session(free))],
    };
    let draft = AuditDraft::of_changes("close", "drop a session", &now, &cs);
    lib.commit(&cs, draft).unwrap();
    now.apply(&cs);
    drop(lib);
    std::fs::remove_dir_all(db.join(STORE_SUBDIR)).unwrap();
    copy_dir(&kept, &db.join(STORE_SUBDIR));

    let done = jinzai::db::repair::repair(&db, &actor()).unwrap();
    assert_eq!(done.reapplied.len(), 3);
    let lib = Db::open(&db, false, actor()).unwrap();
    assert_eq!(lib.store.load().unwrap(), now);
    assert_eq!(
        lib.store
            .staff(&StaffId::new_unchecked(s.id.as_str()))
            .unwrap()
            .unwrap()
            .notes,
        "three"
    );
    drop(lib);
    let report = jinzai::db::check::check(&db).unwrap();
    assert!(report.passed(), "{report:?}");
}

// --- the TUI -----------------------------------------------------------------

#[test]
fn the_tui_takes_the_days_backup_after_its_load() {
    let sb = harness::Sandbox::with_demo_db();
    let db = sb.db();
    assert!(backups(&db).is_empty());
    let dbs = db.to_str().unwrap();
    let mut t = harness::Tui::spawn(&sb, 120, 30, &["--db", dbs, "--lang", "en"], &[]);
    t.wait_for("the staff list loaded", |s| {
        s.contents().contains("300 of 300")
    });
    let deadline = Instant::now() + harness::TIMEOUT;
    while backups(&db).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let b = backups(&db);
    assert_eq!(b.len(), 1, "{}", t.dump());
    assert_eq!(b[0].reason, "daily");
    t.send("\x1b");
    t.wait_for("the query line unfocused", |s| {
        !s.rows(0, s.size().1)
            .nth(1)
            .is_some_and(|r| r.contains('▏'))
    });
    t.send("q");
    let (status, _) = t.wait_exit(harness::TIMEOUT);
    assert!(status.success(), "{}", t.dump());
    assert_eq!(std::fs::read(&b[0].path).unwrap(), export(&db));
    let _: Value = serde_json::from_slice(&std::fs::read(&b[0].path).unwrap()).unwrap();
}
