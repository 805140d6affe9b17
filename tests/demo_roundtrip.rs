//! The demo ministry survives export → import → export unchanged, as CSV and as JSON,
//! and through a real store.

use jinzai::demo::ministry;
use jinzai::domain::{ChangeSet, Dataset};
use jinzai::io::{export_csv, export_json, plan_import, EncodingChoice};
use jinzai::store::{OpenOptions, SledStore, Store, DOCUMENT_SCHEMA};
use tempfile::TempDir;

#[test]
fn demo_data_round_trips_through_csv() {
    let ds = ministry(1);
    let dir = TempDir::new().unwrap();
    export_csv(&ds, dir.path()).unwrap();
    let plan = plan_import(dir.path(), EncodingChoice::Auto, &Dataset::default()).unwrap();
    assert_eq!(plan.merged, ds);
    let again = TempDir::new().unwrap();
    export_csv(&plan.merged, again.path()).unwrap();
    for f in [
        "units.csv",
        "posts.csv",
        "staff.csv",
        "courses.csv",
        "sessions.csv",
        "assignments.csv",
        "enrollments.csv",
    ] {
        let a = std::fs::read(dir.path().join(f)).unwrap();
        let b = std::fs::read(again.path().join(f)).unwrap();
        assert!(a == b, "{f} differs after a round trip");
    }
}

#[test]
fn demo_data_round_trips_through_json() {
    let ds = ministry(3);
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("export.json");
    std::fs::write(&file, export_json(&ds, DOCUMENT_SCHEMA)).unwrap();
    let plan = plan_import(&file, EncodingChoice::Auto, &Dataset::default()).unwrap();
    assert_eq!(plan.merged, ds);
}

#[test]
fn demo_data_round_trips_through_the_store_and_reimport_changes_nothing() {
    let ds = ministry(2);
    let db = TempDir::new().unwrap();
    let store = SledStore::open(&db.path().join("store"), &OpenOptions::default()).unwrap();
    store.apply(&ChangeSet::fill(&ds)).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded, ds);
    let out = TempDir::new().unwrap();
    export_csv(&loaded, out.path()).unwrap();
    let plan = plan_import(out.path(), EncodingChoice::Auto, &loaded).unwrap();
    assert!(plan.changes.is_empty());
    assert!(plan.counts.values().all(|c| c.added == 0 && c.updated == 0));
}
