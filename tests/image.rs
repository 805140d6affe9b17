//! The records image (DIR/records.image): `Db::load_records` reads it only while it
//! holds the store exactly as it is, and gives the same records as the store either
//! way; the snapshot writer, the TUI's loader and `jinzai search` keep it current.

use assert_cmd::Command;
use jinzai::audit::{Actor, AuditDraft};
use jinzai::db::{Db, IMAGE_FILE};
use jinzai::domain::{Change, ChangeSet, Dataset, Record};
use jinzai::store::Store;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use tempfile::TempDir;

fn actor() -> Actor {
    Actor {
        user: "alice".into(),
        ssh_client: None,
    }
}

fn filled(dir: &Path) -> (Db, Dataset) {
    let db = Db::open(dir, false, actor()).unwrap();
    let ds = jinzai::demo::ministry(9);
    db.commit(&ChangeSet::fill(&ds), AuditDraft::new("import", "demo"))
        .unwrap();
    (db, ds)
}

fn rename_first(db: &Db, ds: &Dataset, notes: &str) -> Dataset {
    let mut s = ds.staff.values().next().unwrap().clone();
    s.notes = notes.into();
    let cs = ChangeSet {
        changes: vec![Change::Put(Record::Staff(s))],
    };
    db.commit(&cs, AuditDraft::new("edit", "notes")).unwrap();
    let mut after = ds.clone();
    after.apply(&cs);
    after
}

#[test]
fn records_come_from_the_image_only_while_it_is_current() {
    let tmp = TempDir::new().unwrap();
    let (db, ds) = filled(tmp.path());
    let image = tmp.path().join(IMAGE_FILE);
    // No image yet: the store's records, and the key to write one with.
    let (got, stale) = db.load_records().unwrap();
    assert_eq!(got, ds);
    let key = stale.expect("no image yet");
    db.save_image(&got, &key).unwrap();
    assert_eq!(
        std::fs::metadata(&image).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let (got, stale) = db.load_records().unwrap();
    assert_eq!((got, stale), (ds.clone(), None), "read from the image");
    // A change makes it stale: the store is read again.
    let after = rename_first(&db, &ds, "changed");
    let (got, stale) = db.load_records().unwrap();
    assert_eq!(got, after);
    let key = stale.expect("stale after a change");
    // An image written from records loaded before a later change is never read.
    db.save_image(&got, &key).unwrap();
    let later = rename_first(&db, &after, "changed again");
    let (got, stale) = db.load_records().unwrap();
    assert_eq!(got, later);
    assert!(stale.is_some());
}

#[test]
fn a_damaged_or_foreign_image_is_ignored() {
    let tmp = TempDir::new().unwrap();
    let (db, ds) = filled(tmp.path());
    let (got, stale) = db.load_records().unwrap();
    db.save_image(&got, &stale.unwrap()).unwrap();
    let image = tmp.path().join(IMAGE_FILE);
    let good = std::fs::read(&image).unwrap();
    let mut bad = good.clone();
    let at = bad.len() - 10;
    bad[at] ^= 1;
    std::fs::write(&image, &bad).unwrap();
    let (got, stale) = db.load_records().unwrap();
    assert_eq!(got, ds);
    assert!(stale.is_some());
    // An image of another database at the same point of its history.
    let other = TempDir::new().unwrap();
    let (odb, ods) = filled(other.path());
    let mut ods2 = ods.clone();
    ods2.staff.pop_first();
    let (_, okey) = odb.load_records().unwrap();
    odb.save_image(&ods2, &okey.unwrap()).unwrap();
    std::fs::copy(other.path().join(IMAGE_FILE), &image).unwrap();
    let (got, stale) = db.load_records().unwrap();
    assert_eq!(got, ds, "the other database's image was not taken");
    assert!(stale.is_some());
}

#[test]
fn the_snapshot_writer_keeps_the_image_current() {
    let tmp = TempDir::new().unwrap();
    let (db, ds) = filled(tmp.path());
    let after = rename_first(&db, &ds, "snapshot");
    db.flush_snapshot().unwrap();
    let (got, stale) = db.load_records().unwrap();
    assert_eq!((got, stale), (after, None));
}

#[test]
fn jinzai_search_writes_the_image_and_finds_the_same_either_way() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("db");
    let run = || {
        let out = Command::cargo_bin("jinzai")
            .unwrap()
            .args(["search", "--json", "--limit", "0", "tanaka", "--db"])
            .arg(&dir)
            .env("JINZAI_TODAY", "2026-11-26")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        out.stdout
    };
    Command::cargo_bin("jinzai")
        .unwrap()
        .args(["demo", "--db"])
        .arg(&dir)
        .assert()
        .success();
    // demo writes an image; without it, search reads the store and writes one.
    std::fs::remove_file(dir.join(IMAGE_FILE)).unwrap();
    let from_store = run();
    assert!(dir.join(IMAGE_FILE).exists());
    let db = Db::open(&dir, false, actor()).unwrap();
    let (ds, stale) = db.load_records().unwrap();
    assert_eq!(stale, None, "current after the search");
    assert_eq!(ds, db.store.load().unwrap());
    drop(db);
    assert_eq!(run(), from_store);
}

#[test]
fn demo_leaves_a_current_image_and_commands_keep_it_so() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("db");
    let jinzai = |args: &[&str]| {
        Command::cargo_bin("jinzai")
            .unwrap()
            .env("JINZAI_TODAY", "2026-11-26")
            .arg("--db")
            .arg(&dir)
            .args(args)
            .assert()
            .success()
    };
    jinzai(&["demo", "--staff", "300", "--posts", "60", "--seed", "3"]);
    let current = || {
        let db = Db::open(&dir, false, actor()).unwrap();
        let (from_image, stale) = db.load_records().unwrap();
        let from_store = db.store.load().unwrap();
        assert_eq!(
            from_image, from_store,
            "the image holds the store's records"
        );
        stale.is_none()
    };
    assert!(current(), "demo wrote the image of what it wrote");
    // A change makes it stale; the next reading command writes it again.
    let (staff, post) = {
        let db = Db::open(&dir, true, actor()).unwrap();
        let ds = db.store.load().unwrap();
        let today = jinzai::domain::date::parse_date("2026-11-26").unwrap();
        let a = ds
            .assignments
            .values()
            .find(|a| a.covers(today) && a.end.is_none())
            .unwrap();
        (a.staff.to_string(), a.post.to_string())
    };
    jinzai(&["end", &staff, &post, "--on", "2026-11-30"]);
    assert!(!current(), "a change leaves the image behind");
    jinzai(&["show", &staff]);
    assert!(current(), "show wrote a fresh image");
}
