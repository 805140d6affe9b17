//! Integration tests of the sled store: round trips, lookups and indexes,
//! atomicity (one transaction, big fills and the journal, with interruptions),
//! schema versions and migrations, read-only mode, bad directories, corrupt
//! values, the index audit, and the audit outbox written with logged changes.
//! A government-scale measurement is `#[ignore]`d.

use jinzai::domain::date::parse_date;
use jinzai::domain::{
    Assignment, AssignmentKey, Change, ChangeSet, Course, CourseId, Dataset, Date, Enrollment,
    EnrollmentKey, EnrollmentStatus, Field, Grade, Impact, Post, PostId, Provider, Record,
    RecordRef, Session, SessionId, Skills, Staff, StaffId, Status, Track, Unit, UnitId, Wish,
};
use jinzai::store::{
    test_hook_decode, test_hook_encode, BigWriteStop, Migration, Migrator, OpenOptions, SledStore,
    Store, StoreError, SCHEMA_VERSION,
};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

fn opts() -> OpenOptions {
    OpenOptions {
        cache_bytes: 8 * 1024 * 1024,
        read_only: false,
    }
}

fn read_only() -> OpenOptions {
    OpenOptions {
        read_only: true,
        ..opts()
    }
}

fn store_dir(tmp: &TempDir) -> PathBuf {
    tmp.path().join("store")
}

fn open(dir: &Path) -> SledStore {
    SledStore::open(dir, &opts()).unwrap()
}

fn unit(id: &str, parent: Option<&str>) -> Unit {
    Unit {
        id: UnitId::new_unchecked(id),
        name: format!("{id}課"),
        name_en: format!("{id} Division"),
        parent: parent.map(UnitId::new_unchecked),
    }
}

fn post(id: &str, unit: &str) -> Post {
    Post {
        id: PostId::new_unchecked(id),
        unit: UnitId::new_unchecked(unit),
        title: format!("{id} 担当"),
        grade: Grade::Chief,
        field: Field::Security,
        impact: Impact::High,
        skills: Skills::parse("security:3").unwrap(),
        courses: vec![CourseId::new_unchecked("C1")],
        capacity: 1,
        closed: None,
    }
}

fn staff(id: &str) -> Staff {
    Staff {
        id: StaffId::new_unchecked(id),
        name: format!("経産 {id}"),
        kana: "けいさん".into(),
        birth_year: Some(1990),
        grade: Grade::Staff,
        grade_since: Some(d("2020-04-01")),
        track: Track::SogoDigital,
        hired_on: Some(d("2015-04-01")),
        skills: Skills::parse("pm:2;ops:1").unwrap(),
        candidate: true,
        promotable: false,
        status: Status::Active,
        status_until: None,
        wishes: vec![
            Wish::Field(Field::Data),
            Wish::Post(PostId::new_unchecked("P2")),
        ],
        notes: String::new(),
        destination: String::new(),
    }
}

fn assignment(staff: &str, post: &str, start: &str, end: Option<&str>) -> Assignment {
    Assignment {
        staff: StaffId::new_unchecked(staff),
        post: PostId::new_unchecked(post),
        start: d(start),
        end: end.map(d),
        concurrent: false,
    }
}

fn enrollment(staff: &str, course: &str, session: Option<&str>) -> Enrollment {
    Enrollment {
        staff: StaffId::new_unchecked(staff),
        course: CourseId::new_unchecked(course),
        session: session.map(SessionId::new_unchecked),
        status: EnrollmentStatus::Completed,
        date: Some(d("2024-06-30")),
    }
}

/// A small dataset with every kind of record; E1 and E10 test prefix boundaries.
fn small() -> Dataset {
    let mut ds = Dataset::default();
    for u in [unit("U1", None), unit("U2", Some("U1"))] {
        ds.units.insert(u.id.clone(), u);
    }
    for p in [post("P1", "U1"), post("P2", "U2"), post("P10", "U2")] {
        ds.posts.insert(p.id.clone(), p);
    }
    for s in [staff("E1"), staff("E10"), staff("E2")] {
        ds.staff.insert(s.id.clone(), s);
    }
    for (id, provider) in [("C1", Provider::Nco), ("C2", Provider::InHouse)] {
        let c = Course {
            id: CourseId::new_unchecked(id),
            name: format!("{id} 研修"),
            provider,
            field: Field::Security,
            grades: vec![Grade::Staff, Grade::Chief],
            days: 3,
        };
        ds.courses.insert(c.id.clone(), c);
    }
    for (id, start) in [("S1", "2024-06-01"), ("S2", "2025-06-01")] {
        let s = Session {
            id: SessionId::new_unchecked(id),
            course: CourseId::new_unchecked("C1"),
            start: d(start),
            end: d(start),
            capacity: 20,
        };
        ds.sessions.insert(s.id.clone(), s);
    }
    for a in [
        assignment("E1", "P2", "2022-04-01", None),
        assignment("E1", "P1", "2019-04-01", Some("2022-03-31")),
        assignment("E10", "P1", "2022-04-01", None),
        assignment("E2", "P10", "2023-07-01", None),
    ] {
        ds.assignments.insert(a.key(), a);
    }
    for e in [
        enrollment("E2", "C1", Some("S1")),
        enrollment("E1", "C1", Some("S1")),
        enrollment("E1", "C2", None),
        enrollment("E10", "C1", Some("S2")),
    ] {
        ds.enrollments.insert(e.key(), e);
    }
    ds
}

/// A store in a temp dir filled with `small()`, closed again.
fn filled() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    open(&dir).apply(&ChangeSet::fill(&small())).unwrap();
    (tmp, dir)
}

fn cs(changes: Vec<Change>) -> ChangeSet {
    ChangeSet { changes }
}

fn keys_of(v: &[Assignment]) -> Vec<(String, String, String)> {
    v.iter()
        .map(|a| {
            (
                a.staff.to_string(),
                a.post.to_string(),
                jinzai::domain::date::iso(a.start),
            )
        })
        .collect()
}

fn s3(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.into(), b.into(), c.into())
}

#[test]
fn round_trip_of_every_record_kind() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    assert_eq!(store.load().unwrap(), small());
    assert!(!store.is_empty().unwrap());
}

#[test]
fn new_store_is_empty_and_stamped_with_the_schema_version() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    let store = open(&dir);
    assert!(store.is_empty().unwrap());
    assert_eq!(store.load().unwrap(), Dataset::default());
    drop(store);
    assert_eq!(open(&dir).schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 2);
}

#[test]
fn point_lookups_find_exact_records() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let ds = small();
    assert_eq!(
        store.staff(&StaffId::new_unchecked("E10")).unwrap(),
        Some(ds.staff[&StaffId::new_unchecked("E10")].clone())
    );
    assert_eq!(
        store.post(&PostId::new_unchecked("P2")).unwrap(),
        Some(post("P2", "U2"))
    );
    assert_eq!(
        store.course(&CourseId::new_unchecked("C2")).unwrap(),
        Some(ds.courses[&CourseId::new_unchecked("C2")].clone())
    );
    assert_eq!(store.staff(&StaffId::new_unchecked("E3")).unwrap(), None);
    assert_eq!(store.post(&PostId::new_unchecked("P3")).unwrap(), None);
    assert_eq!(store.course(&CourseId::new_unchecked("C3")).unwrap(), None);
}

#[test]
fn assignments_of_a_person_come_oldest_first() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let got = store.assignments_of(&StaffId::new_unchecked("E1")).unwrap();
    assert_eq!(
        got,
        vec![
            assignment("E1", "P1", "2019-04-01", Some("2022-03-31")),
            assignment("E1", "P2", "2022-04-01", None),
        ]
    );
    assert_eq!(
        store.assignments_of(&StaffId::new_unchecked("E3")).unwrap(),
        vec![]
    );
}

#[test]
fn holders_of_a_post_come_oldest_first() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let got = store.holders_of(&PostId::new_unchecked("P1")).unwrap();
    assert_eq!(
        got,
        vec![
            assignment("E1", "P1", "2019-04-01", Some("2022-03-31")),
            assignment("E10", "P1", "2022-04-01", None),
        ]
    );
    assert_eq!(
        keys_of(&store.holders_of(&PostId::new_unchecked("P10")).unwrap()),
        vec![s3("E2", "P10", "2023-07-01")]
    );
}

#[test]
fn enrollments_in_a_course_come_in_staff_order() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let got = store
        .enrollments_in(&CourseId::new_unchecked("C1"))
        .unwrap();
    assert_eq!(
        got,
        vec![
            enrollment("E1", "C1", Some("S1")),
            enrollment("E10", "C1", Some("S2")),
            enrollment("E2", "C1", Some("S1")),
        ]
    );
    assert_eq!(
        store
            .enrollments_in(&CourseId::new_unchecked("C2"))
            .unwrap(),
        vec![enrollment("E1", "C2", None)]
    );
}

#[test]
fn put_of_an_existing_record_replaces_it_and_its_index_entry() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let ended = assignment("E10", "P1", "2022-04-01", Some("2025-03-31"));
    store
        .apply(&cs(vec![Change::Put(Record::Assignment(ended.clone()))]))
        .unwrap();
    let holders = store.holders_of(&PostId::new_unchecked("P1")).unwrap();
    assert_eq!(
        holders,
        vec![
            assignment("E1", "P1", "2019-04-01", Some("2022-03-31")),
            ended
        ]
    );
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
}

#[test]
fn reassigning_a_post_updates_its_holders() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let new = assignment("E2", "P1", "2022-04-01", None);
    let old = AssignmentKey {
        staff: StaffId::new_unchecked("E10"),
        start: d("2022-04-01"),
        post: PostId::new_unchecked("P1"),
    };
    store
        .apply(&cs(vec![
            Change::Put(Record::Assignment(new.clone())),
            Change::Delete(RecordRef::Assignment(old)),
        ]))
        .unwrap();
    drop(store);
    let store = open(&dir);
    assert_eq!(
        keys_of(&store.holders_of(&PostId::new_unchecked("P1")).unwrap()),
        vec![s3("E1", "P1", "2019-04-01"), s3("E2", "P1", "2022-04-01")]
    );
    assert_eq!(
        store
            .assignments_of(&StaffId::new_unchecked("E10"))
            .unwrap(),
        vec![]
    );
    assert_eq!(
        keys_of(&store.assignments_of(&StaffId::new_unchecked("E2")).unwrap()),
        vec![s3("E2", "P1", "2022-04-01"), s3("E2", "P10", "2023-07-01")]
    );
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
}

#[test]
fn delete_removes_records_and_their_index_entries() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let gone = EnrollmentKey {
        staff: StaffId::new_unchecked("E10"),
        course: CourseId::new_unchecked("C1"),
        session: Some(SessionId::new_unchecked("S2")),
    };
    store
        .apply(&cs(vec![
            Change::Delete(RecordRef::Enrollment(gone.clone())),
            Change::Delete(RecordRef::Session(SessionId::new_unchecked("S2"))),
        ]))
        .unwrap();
    drop(store);
    let store = open(&dir);
    assert_eq!(
        store
            .enrollments_in(&CourseId::new_unchecked("C1"))
            .unwrap(),
        vec![
            enrollment("E1", "C1", Some("S1")),
            enrollment("E2", "C1", Some("S1"))
        ]
    );
    let mut want = small();
    want.enrollments.remove(&gone);
    want.sessions.remove(&SessionId::new_unchecked("S2"));
    assert_eq!(store.load().unwrap(), want);
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
}

#[test]
fn a_failing_change_leaves_nothing_written() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let missing = RecordRef::Staff(StaffId::new_unchecked("E99"));
    let err = store
        .apply(&cs(vec![
            Change::Put(Record::Staff(staff("E3"))),
            Change::Put(Record::Assignment(assignment(
                "E3",
                "P2",
                "2025-04-01",
                None,
            ))),
            Change::Delete(RecordRef::Staff(StaffId::new_unchecked("E2"))),
            Change::Delete(missing.clone()),
        ]))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Missing(r) if *r == missing),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "cannot delete staff E99: it is not in the database"
    );
    drop(store);
    let store = open(&dir);
    assert_eq!(store.load().unwrap(), small());
    assert_eq!(
        keys_of(&store.holders_of(&PostId::new_unchecked("P2")).unwrap()),
        vec![s3("E1", "P2", "2022-04-01")]
    );
}

#[test]
fn an_id_with_a_nul_is_refused_and_nothing_written() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let err = store
        .apply(&cs(vec![
            Change::Put(Record::Staff(staff("E3"))),
            Change::Put(Record::Staff(staff("E\0"))),
        ]))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::BadKey { reason, .. } if reason == "an id contains a NUL character"),
        "{err:?}"
    );
    assert_eq!(store.load().unwrap(), small());
}

#[test]
fn read_only_store_reads_but_refuses_apply() {
    let (_tmp, dir) = filled();
    let store = SledStore::open(&dir, &read_only()).unwrap();
    assert_eq!(store.load().unwrap(), small());
    let err = store
        .apply(&cs(vec![Change::Put(Record::Staff(staff("E3")))]))
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly), "{err:?}");
    drop(store);
    assert_eq!(open(&dir).load().unwrap(), small());
}

#[test]
fn read_only_does_not_create_a_store() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    let err = SledStore::open(&dir, &read_only()).unwrap_err();
    assert!(
        matches!(&err, StoreError::Open { path, .. } if *path == dir),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .ends_with("there is no database here (read-only mode does not create one)"),
        "{err}"
    );
    assert!(!dir.exists());
}

/// Appends a letter to every person's notes (a stand-in for a real migration).
fn append(m: &mut Migrator<'_>, letter: &str) -> jinzai::store::Result<()> {
    for (k, v) in m.entries("staff")? {
        let Record::Staff(mut s) = test_hook_decode("staff", &k, &v)? else {
            panic!("not a person");
        };
        s.notes.push_str(letter);
        m.put("staff", &k, &test_hook_encode(&Record::Staff(s)))?;
    }
    Ok(())
}

const M0: Migration = Migration {
    from: 0,
    run: |m| append(m, "a"),
};
const M1: Migration = Migration {
    from: 1,
    run: |m| append(m, "b"),
};
const M2: Migration = Migration {
    from: 2,
    run: |m| append(m, "c"),
};
const M1_FAILS: Migration = Migration {
    from: 1,
    run: |m| {
        append(m, "b")?;
        Err(StoreError::Backend("migration 1 failed".into()))
    },
};

fn notes_of_e1(store: &SledStore) -> String {
    store
        .staff(&StaffId::new_unchecked("E1"))
        .unwrap()
        .unwrap()
        .notes
}

/// A filled store stamped as schema 0.
fn old_store() -> (TempDir, PathBuf) {
    let (tmp, dir) = filled();
    open(&dir).test_hook_set_schema_version(0).unwrap();
    (tmp, dir)
}

#[test]
fn migrations_run_in_version_order_and_bump_the_version() {
    let (_tmp, dir) = old_store();
    let store = SledStore::open_with_migrations(&dir, &opts(), 3, &[M2, M0, M1]).unwrap();
    assert_eq!(store.schema_version().unwrap(), 3);
    assert_eq!(notes_of_e1(&store), "abc");
    drop(store);
    let store = SledStore::open_with_migrations(&dir, &opts(), 3, &[M2, M0, M1]).unwrap();
    assert_eq!(notes_of_e1(&store), "abc");
}

#[test]
fn a_failed_migration_keeps_the_steps_before_it() {
    let (_tmp, dir) = old_store();
    let err = SledStore::open_with_migrations(&dir, &opts(), 3, &[M0, M1_FAILS, M2]).unwrap_err();
    assert!(
        matches!(&err, StoreError::Backend(m) if m == "migration 1 failed"),
        "{err:?}"
    );
    let store = SledStore::open_with_migrations(&dir, &opts(), 1, &[]).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    assert_eq!(notes_of_e1(&store), "a");
}

/// Adds 2,500 units: more writes than one transaction takes.
const M0_BIG: Migration = Migration {
    from: 0,
    run: |m| {
        for i in 0..2_500 {
            let u = unit(&format!("X{i:04}"), None);
            m.put(
                "units",
                u.id.as_str().as_bytes(),
                &serde_json::to_vec(&u).unwrap(),
            )?;
        }
        Ok(())
    },
};

#[test]
fn a_big_migration_is_applied_whole() {
    let (_tmp, dir) = old_store();
    let store = SledStore::open_with_migrations(&dir, &opts(), 1, &[M0_BIG]).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    let ds = store.load().unwrap();
    assert_eq!(ds.units.len(), 2 + 2_500);
    assert_eq!(
        ds.units[&UnitId::new_unchecked("X2499")],
        unit("X2499", None)
    );
    assert_eq!(store.test_hook_journals(), Vec::<String>::new());
}

#[test]
fn an_old_schema_without_a_migration_is_refused() {
    let (_tmp, dir) = old_store();
    let err = SledStore::open(&dir, &opts()).unwrap_err();
    assert!(
        matches!(&err, StoreError::Open { reason, .. } if reason == "this build has no migration from schema 0"),
        "{err:?}"
    );
    let err = SledStore::open_with_migrations(&dir, &read_only(), 1, &[M0]).unwrap_err();
    assert!(
        matches!(&err, StoreError::Open { reason, .. }
            if reason == "it has schema 0 and must be upgraded to 1; open it once without read-only"),
        "{err:?}"
    );
}

#[test]
fn a_newer_schema_is_refused() {
    let (_tmp, dir) = filled();
    open(&dir)
        .test_hook_set_schema_version(SCHEMA_VERSION + 1)
        .unwrap();
    let err = SledStore::open(&dir, &opts()).unwrap_err();
    assert!(
        matches!(&err, StoreError::TooNew { path, found, known }
            if *path == dir && *found == SCHEMA_VERSION + 1 && *known == SCHEMA_VERSION),
        "{err:?}"
    );
}

/// Every record of a dataset with its reference, for writing and reading values raw.
fn records(ds: &Dataset) -> Vec<(RecordRef, Record)> {
    ChangeSet::fill(ds)
        .changes
        .into_iter()
        .map(|c| match c {
            Change::Put(r) => (r.record_ref(), r),
            Change::Delete(_) => unreachable!(),
        })
        .collect()
}

/// A record's value as schema 1 wrote it: the record's JSON, without the kind tag.
fn schema1_value(r: &Record) -> Vec<u8> {
    match r {
        Record::Unit(x) => serde_json::to_vec(x),
        Record::Post(x) => serde_json::to_vec(x),
        Record::Staff(x) => serde_json::to_vec(x),
        Record::Course(x) => serde_json::to_vec(x),
        Record::Session(x) => serde_json::to_vec(x),
        Record::Assignment(x) => serde_json::to_vec(x),
        Record::Enrollment(x) => serde_json::to_vec(x),
    }
    .unwrap()
}

/// A store as schema 1 left it: `ds` stored as JSON values, stamped 1.
fn schema1_store(ds: &Dataset) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    let store = open(&dir);
    store.apply(&ChangeSet::fill(ds)).unwrap();
    for (r, rec) in records(ds) {
        store.test_hook_put_raw(&r, &schema1_value(&rec)).unwrap();
    }
    store.test_hook_set_schema_version(1).unwrap();
    drop(store);
    (tmp, dir)
}

fn is_json(v: &[u8]) -> bool {
    v.first() == Some(&b'{')
}

#[test]
fn a_schema1_store_is_migrated_to_binary_values_on_open() {
    let ds = jinzai::demo::ministry(5);
    let (_tmp, dir) = schema1_store(&ds);
    {
        let ro = SledStore::open(&dir, &read_only()).unwrap_err();
        assert!(
            matches!(&ro, StoreError::Open { reason, .. }
                if reason == "it has schema 1 and must be upgraded to 2; open it once without read-only"),
            "{ro:?}"
        );
    }
    let store = open(&dir);
    assert_eq!(store.schema_version().unwrap(), 2);
    assert_eq!(store.load().unwrap(), ds);
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
    for (r, rec) in records(&ds) {
        let v = store.test_hook_get_raw(&r).unwrap().unwrap();
        assert!(!is_json(&v), "{r} is still JSON");
        assert_eq!(v, test_hook_encode(&rec), "{r}");
    }
    // Point reads and index scans read the new values too.
    let (id, person) = ds.staff.iter().next().unwrap();
    assert_eq!(store.staff(id).unwrap().as_ref(), Some(person));
    let held: Vec<Assignment> = ds.assignments_of(id).cloned().collect();
    assert_eq!(store.assignments_of(id).unwrap(), held);
    let course = ds.courses.keys().next().unwrap();
    let mut enrolled: Vec<Enrollment> = (ds.enrollments.values())
        .filter(|e| &e.course == course)
        .cloned()
        .collect();
    enrolled.sort_by(|a, b| {
        a.key()
            .staff
            .cmp(&b.key().staff)
            .then(a.key().cmp(&b.key()))
    });
    assert_eq!(store.enrollments_in(course).unwrap(), enrolled);
    // Changes after the migration are written in the new form and read back.
    let mut e = person.clone();
    e.notes = "移行後".into();
    store
        .apply(&cs(vec![Change::Put(Record::Staff(e.clone()))]))
        .unwrap();
    drop(store);
    let store = open(&dir);
    assert_eq!(store.schema_version().unwrap(), 2);
    assert_eq!(store.staff(id).unwrap(), Some(e));
}

#[test]
fn a_schema1_store_with_a_damaged_value_is_not_migrated_and_keeps_its_values() {
    let ds = small();
    let (_tmp, dir) = schema1_store(&ds);
    let e1 = RecordRef::Staff(StaffId::new_unchecked("E1"));
    open_raw_then(&dir, |s| s.test_hook_put_raw(&e1, b"{not json").unwrap());
    let err = SledStore::open(&dir, &opts()).unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt { tree: "staff", key, .. } if key == "staff E1"),
        "{err:?}"
    );
    // Nothing was rewritten: still schema 1, every other value still JSON.
    let store = SledStore::open_with_migrations(&dir, &opts(), 1, &[]).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    for (r, _) in records(&ds) {
        assert!(
            is_json(&store.test_hook_get_raw(&r).unwrap().unwrap()),
            "{r}"
        );
    }
}

#[test]
fn a_big_schema1_store_is_migrated_whole() {
    // More values than one transaction takes: the migration goes through the journal.
    let ds = jinzai::demo::synthetic(&jinzai::demo::Spec {
        staff: 1_500,
        posts: 300,
        seed: 2,
    });
    let (_tmp, dir) = schema1_store(&ds);
    let store = open(&dir);
    assert_eq!(store.schema_version().unwrap(), 2);
    assert_eq!(store.load().unwrap(), ds);
    assert_eq!(store.test_hook_journals(), Vec::<String>::new());
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
}

#[test]
fn check_says_how_to_upgrade_a_schema1_store_without_changing_it() {
    let (tmp, dir) = schema1_store(&small());
    let report = jinzai::db::check::check(tmp.path()).unwrap();
    let store = report.sections.iter().find(|s| s.name == "store").unwrap();
    assert_eq!(store.summary, "cannot be opened");
    assert_eq!(store.problems.len(), 1);
    let p = &store.problems[0];
    assert!(
        p.contains("it has schema 1 and must be upgraded to 2"),
        "{p}"
    );
    assert!(p.contains("(jinzai backup --db "), "{p}");
    assert!(!p.contains("restore"), "{p}");
    let store = SledStore::open_with_migrations(&dir, &read_only(), 1, &[]).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
}

/// Opens a store at whatever schema it has, without migrating, for a raw change.
fn open_raw_then(dir: &Path, f: impl FnOnce(&SledStore)) {
    let store = SledStore::open_with_migrations(dir, &opts(), 1, &[]).unwrap();
    f(&store);
}

fn junk(n: usize) -> Vec<u8> {
    (0..n as u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

fn open_reason(dir: &Path) -> String {
    match SledStore::open(dir, &opts()) {
        Err(StoreError::Open { path, reason }) if path == dir => reason,
        other => panic!("expected an Open error, got {other:?}"),
    }
}

const NO_STAMP: &str =
    "its files are damaged or not a jinzai database (it holds data but no jinzai schema stamp)";

#[test]
fn a_directory_of_garbage_gives_an_open_error() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("conf"), junk(300)).unwrap();
    std::fs::write(dir.join("db"), junk(70_000)).unwrap();
    assert_eq!(
        open_reason(&dir),
        "its files are damaged or not a jinzai database (Unsupported: failed to open \
         database that may have been created using a sled version earlier than 0.29)"
    );
}

#[test]
fn a_garbage_data_file_is_not_taken_for_an_empty_store() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("db"), junk(70_000)).unwrap();
    assert_eq!(open_reason(&dir), NO_STAMP);
}

#[test]
fn a_wrecked_store_is_not_taken_for_an_empty_store() {
    let (_tmp, dir) = filled();
    let path = dir.join("db");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.iter_mut().take(5000).for_each(|b| *b ^= 0x5a);
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(open_reason(&dir), NO_STAMP);
}

#[test]
fn a_file_instead_of_a_directory_gives_an_open_error() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    std::fs::write(&dir, "not a database").unwrap();
    let err = SledStore::open(&dir, &opts()).unwrap_err();
    assert!(
        matches!(&err, StoreError::Open { reason, .. } if reason == "it is not a directory"),
        "{err:?}"
    );
}

#[test]
fn a_store_in_use_gives_an_open_error() {
    let (_tmp, dir) = filled();
    let _first = open(&dir);
    let err = SledStore::open(&dir, &opts()).unwrap_err();
    assert!(
        matches!(&err, StoreError::Open { reason, .. }
            if reason == "it is in use by another process (is another jinzai running on it?)"),
        "{err:?}"
    );
}

#[test]
fn a_corrupt_value_names_tree_and_key() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let e1 = RecordRef::Staff(StaffId::new_unchecked("E1"));
    store.test_hook_put_raw(&e1, b"{not json").unwrap();
    for err in [
        store.load().unwrap_err(),
        store.staff(&StaffId::new_unchecked("E1")).unwrap_err(),
    ] {
        assert!(
            matches!(&err, StoreError::Corrupt { tree: "staff", key, .. } if key == "staff E1"),
            "{err:?}"
        );
    }
}

#[test]
fn a_record_stored_under_another_key_is_corrupt() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let e1 = RecordRef::Staff(StaffId::new_unchecked("E1"));
    store
        .test_hook_put_raw(&e1, &serde_json::to_vec(&staff("E2")).unwrap())
        .unwrap();
    let err = store.load().unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt { tree: "staff", key, reason } if key == "staff E1" && reason == "it holds staff E2"),
        "{err:?}"
    );
}

#[test]
fn check_indexes_is_clean_after_a_fill() {
    let (_tmp, dir) = filled();
    assert_eq!(open(&dir).check_indexes().unwrap(), Vec::<String>::new());
}

#[test]
fn check_indexes_finds_a_record_missing_from_its_index() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let a = RecordRef::Assignment(assignment("E1", "P2", "2022-04-01", None).key());
    store.test_hook_drop_index_entry(&a).unwrap();
    assert_eq!(
        store.check_indexes().unwrap(),
        vec![
            "assignment of E1 to P2 from 2022-04-01 is missing from the post → holders index"
                .to_string()
        ]
    );
    assert_eq!(
        store.holders_of(&PostId::new_unchecked("P2")).unwrap(),
        vec![]
    );
}

#[test]
fn check_indexes_finds_an_entry_without_a_record() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let e = RecordRef::Enrollment(enrollment("E2", "C2", None).key());
    store.test_hook_plant_index_entry(&e).unwrap();
    assert_eq!(
        store.check_indexes().unwrap(),
        vec![
            "the course → enrollments index lists enrollment of E2 in C2, which is not stored"
                .to_string()
        ]
    );
    let err = store
        .enrollments_in(&CourseId::new_unchecked("C2"))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt { tree: "idx.course-enrollments", reason, .. }
            if reason == "the index names enrollment of E2 in C2, which is not stored"),
        "{err:?}"
    );
}

/// A store whose every change set of more than one change is written the big
/// way: a fill when the store is empty, else through the journal.
fn journaled(dir: &Path, stop: Option<BigWriteStop>) -> SledStore {
    let store = open(dir);
    store.test_hook_big_writes(1, stop);
    store
}

/// Reassigns P1 from E10 to E2, adds E3 and removes them again, ends E2 in P10.
fn reshuffle() -> ChangeSet {
    let old = RecordRef::Assignment(assignment("E10", "P1", "2022-04-01", None).key());
    cs(vec![
        Change::Put(Record::Assignment(assignment(
            "E2",
            "P1",
            "2022-04-01",
            None,
        ))),
        Change::Delete(old),
        Change::Put(Record::Staff(staff("E3"))),
        Change::Put(Record::Enrollment(enrollment("E3", "C2", None))),
        Change::Delete(RecordRef::Staff(StaffId::new_unchecked("E3"))),
        Change::Delete(RecordRef::Enrollment(enrollment("E3", "C2", None).key())),
        Change::Put(Record::Assignment(assignment(
            "E2",
            "P10",
            "2023-07-01",
            Some("2025-03-31"),
        ))),
    ])
}

fn reshuffled() -> Dataset {
    let mut ds = small();
    ds.apply(&reshuffle());
    ds
}

#[test]
fn a_big_fill_of_an_empty_store_round_trips() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    journaled(&dir, None)
        .apply(&ChangeSet::fill(&small()))
        .unwrap();
    let store = open(&dir);
    assert_eq!(store.load().unwrap(), small());
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
    assert_eq!(store.test_hook_journals(), Vec::<String>::new());
}

#[test]
fn a_big_fill_with_a_bad_key_leaves_the_store_empty() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    let store = journaled(&dir, None);
    let mut fill = ChangeSet::fill(&small());
    fill.changes.push(Change::Put(Record::Staff(staff("E\0"))));
    let err = store.apply(&fill).unwrap_err();
    assert!(matches!(&err, StoreError::BadKey { .. }), "{err:?}");
    drop(store);
    let store = open(&dir);
    assert!(store.is_empty().unwrap());
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_big_fill_interrupted_is_undone_on_open() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    let store = journaled(&dir, Some(BigWriteStop::AfterWrites(5)));
    assert!(store.apply(&ChangeSet::fill(&small())).is_err());
    assert!(!store.is_empty().unwrap());
    drop(store);
    let err = SledStore::open(&dir, &read_only()).unwrap_err();
    assert!(
        matches!(&err, StoreError::Open { reason, .. } if reason.starts_with("a change was interrupted")),
        "{err:?}"
    );
    let store = open(&dir);
    assert!(store.is_empty().unwrap());
    assert_eq!(store.load().unwrap(), Dataset::default());
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
    store.apply(&ChangeSet::fill(&small())).unwrap();
    assert_eq!(store.load().unwrap(), small());
}

#[test]
fn a_journaled_change_set_keeps_the_indexes() {
    let (_tmp, dir) = filled();
    journaled(&dir, None).apply(&reshuffle()).unwrap();
    let store = open(&dir);
    assert_eq!(store.load().unwrap(), reshuffled());
    assert_eq!(
        keys_of(&store.holders_of(&PostId::new_unchecked("P1")).unwrap()),
        vec![s3("E1", "P1", "2019-04-01"), s3("E2", "P1", "2022-04-01")]
    );
    assert_eq!(
        store
            .enrollments_in(&CourseId::new_unchecked("C2"))
            .unwrap(),
        vec![enrollment("E1", "C2", None)]
    );
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
}

#[test]
fn a_failing_journaled_change_leaves_nothing_written() {
    let (_tmp, dir) = filled();
    let store = journaled(&dir, None);
    let e2 = RecordRef::Staff(StaffId::new_unchecked("E2"));
    let mut changes = reshuffle().changes;
    changes.extend([Change::Delete(e2.clone()), Change::Delete(e2.clone())]);
    let err = store.apply(&cs(changes)).unwrap_err();
    assert!(
        matches!(&err, StoreError::Missing(r) if *r == e2),
        "{err:?}"
    );
    assert_eq!(store.test_hook_journals(), Vec::<String>::new());
    drop(store);
    assert_eq!(open(&dir).load().unwrap(), small());
}

#[test]
fn a_journaled_change_interrupted_before_its_commit_is_dropped() {
    let (_tmp, dir) = filled();
    let store = journaled(&dir, Some(BigWriteStop::BeforeCommit));
    assert!(store.apply(&reshuffle()).is_err());
    assert_eq!(store.test_hook_journals().len(), 1);
    drop(store);
    let store = open(&dir);
    assert_eq!(store.load().unwrap(), small());
    assert_eq!(store.test_hook_journals(), Vec::<String>::new());
}

#[test]
fn a_journaled_change_interrupted_after_its_commit_is_finished_on_open() {
    let (_tmp, dir) = filled();
    assert!(journaled(&dir, Some(BigWriteStop::AfterCommit))
        .apply(&reshuffle())
        .is_err());
    let err = SledStore::open(&dir, &read_only()).unwrap_err();
    assert!(
        matches!(&err, StoreError::Open { reason, .. }
            if reason == "a change was interrupted and must be finished; open it once without read-only"),
        "{err:?}"
    );
    let store = open(&dir);
    assert_eq!(store.load().unwrap(), reshuffled());
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
    assert_eq!(store.test_hook_journals(), Vec::<String>::new());
}

#[test]
fn a_journaled_change_interrupted_while_replaying_is_finished_on_open() {
    let (_tmp, dir) = filled();
    let store = journaled(&dir, Some(BigWriteStop::AfterWrites(3)));
    assert!(store.apply(&reshuffle()).is_err());
    drop(store);
    let store = open(&dir);
    assert_eq!(store.load().unwrap(), reshuffled());
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
}

/// An audit entry as the tests write it: its number as text.
fn entry(seq: u64) -> Vec<u8> {
    format!("entry {seq}").into_bytes()
}

fn log_of(store: &SledStore) -> Vec<(u64, String)> {
    store
        .log_entries(0)
        .unwrap()
        .into_iter()
        .map(|(seq, v)| (seq, String::from_utf8(v).unwrap()))
        .collect()
}

fn numbered(seqs: &[u64]) -> Vec<(u64, String)> {
    seqs.iter().map(|&s| (s, format!("entry {s}"))).collect()
}

#[test]
fn logged_applies_number_their_entries_from_one() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    let store = open(&dir);
    assert_eq!(store.log_last().unwrap(), 0);
    assert_eq!(
        store
            .apply_logged(&ChangeSet::fill(&small()), &entry)
            .unwrap(),
        1
    );
    let e3 = cs(vec![Change::Put(Record::Staff(staff("E3")))]);
    assert_eq!(store.apply_logged(&e3, &entry).unwrap(), 2);
    // An empty change set writes just its entry.
    assert_eq!(
        store.apply_logged(&ChangeSet::default(), &entry).unwrap(),
        3
    );
    // A plain apply writes none.
    store
        .apply(&cs(vec![Change::Put(Record::Staff(staff("E4")))]))
        .unwrap();
    drop(store);
    let store = open(&dir);
    assert_eq!(log_of(&store), numbered(&[1, 2, 3]));
    let after: Vec<u64> = store.log_entries(1).unwrap().iter().map(|e| e.0).collect();
    assert_eq!(after, vec![2, 3]);
    assert_eq!(store.log_entries(3).unwrap(), vec![]);
    assert_eq!(store.log_entries(u64::MAX).unwrap(), vec![]);
    assert_eq!(store.log_last().unwrap(), 3);
    let mut want = small();
    want.apply(&e3);
    want.apply(&cs(vec![Change::Put(Record::Staff(staff("E4")))]));
    assert_eq!(store.load().unwrap(), want);
}

#[test]
fn a_failing_logged_change_writes_no_entry() {
    let (_tmp, dir) = filled();
    let store = open(&dir);
    let err = store
        .apply_logged(
            &cs(vec![
                Change::Put(Record::Staff(staff("E3"))),
                Change::Delete(RecordRef::Staff(StaffId::new_unchecked("E99"))),
            ]),
            &entry,
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)), "{err:?}");
    assert_eq!(log_of(&store), vec![]);
    assert_eq!(
        store.apply_logged(&ChangeSet::default(), &entry).unwrap(),
        1
    );
    assert_eq!(store.load().unwrap(), small());
}

#[test]
fn a_read_only_store_refuses_logged_writes() {
    let (_tmp, dir) = filled();
    open(&dir)
        .apply_logged(&ChangeSet::default(), &entry)
        .unwrap();
    let store = SledStore::open(&dir, &read_only()).unwrap();
    let err = store
        .apply_logged(&ChangeSet::default(), &entry)
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly), "{err:?}");
    assert!(matches!(store.log_skip_to(9), Err(StoreError::ReadOnly)));
    assert_eq!(log_of(&store), numbered(&[1]));
}

#[test]
fn numbering_can_skip_ahead_but_not_back() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    let store = open(&dir);
    store.log_skip_to(41).unwrap();
    assert_eq!(store.log_last().unwrap(), 41);
    assert_eq!(
        store.apply_logged(&ChangeSet::default(), &entry).unwrap(),
        42
    );
    store.log_skip_to(10).unwrap();
    drop(store);
    let store = open(&dir);
    assert_eq!(
        store.apply_logged(&ChangeSet::default(), &entry).unwrap(),
        43
    );
    assert_eq!(log_of(&store), numbered(&[42, 43]));
}

#[test]
fn a_big_logged_fill_writes_its_entry_at_the_commit() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    let store = journaled(&dir, None);
    store.apply_logged(&ChangeSet::default(), &entry).unwrap();
    assert_eq!(
        store
            .apply_logged(&ChangeSet::fill(&small()), &entry)
            .unwrap(),
        2
    );
    drop(store);
    let store = open(&dir);
    assert_eq!(store.load().unwrap(), small());
    assert_eq!(log_of(&store), numbered(&[1, 2]));
}

#[test]
fn a_big_logged_fill_that_fails_or_is_interrupted_writes_no_entry_and_keeps_the_others() {
    let tmp = TempDir::new().unwrap();
    let dir = store_dir(&tmp);
    let store = journaled(&dir, None);
    store.apply_logged(&ChangeSet::default(), &entry).unwrap();
    let mut bad = ChangeSet::fill(&small());
    bad.changes.push(Change::Put(Record::Staff(staff("E\0"))));
    assert!(store.apply_logged(&bad, &entry).is_err());
    assert!(store.is_empty().unwrap());
    assert_eq!(log_of(&store), numbered(&[1]));
    drop(store);
    let store = journaled(&dir, Some(BigWriteStop::AfterWrites(5)));
    assert!(store
        .apply_logged(&ChangeSet::fill(&small()), &entry)
        .is_err());
    drop(store);
    let store = open(&dir);
    assert!(store.is_empty().unwrap());
    assert_eq!(log_of(&store), numbered(&[1]));
    assert_eq!(
        store
            .apply_logged(&ChangeSet::fill(&small()), &entry)
            .unwrap(),
        2
    );
}

#[test]
fn a_journaled_logged_change_carries_its_entry() {
    let (_tmp, dir) = filled();
    assert_eq!(
        journaled(&dir, None)
            .apply_logged(&reshuffle(), &entry)
            .unwrap(),
        1
    );
    let store = open(&dir);
    assert_eq!(store.load().unwrap(), reshuffled());
    assert_eq!(log_of(&store), numbered(&[1]));
}

#[test]
fn a_journaled_logged_change_interrupted_keeps_change_and_entry_together() {
    for (stop, done) in [
        (BigWriteStop::BeforeCommit, false),
        (BigWriteStop::AfterCommit, true),
        (BigWriteStop::AfterWrites(3), true),
    ] {
        let (_tmp, dir) = filled();
        let store = journaled(&dir, Some(stop));
        assert!(store.apply_logged(&reshuffle(), &entry).is_err());
        drop(store);
        let store = open(&dir);
        if done {
            assert_eq!(store.load().unwrap(), reshuffled(), "{stop:?}");
            assert_eq!(log_of(&store), numbered(&[1]), "{stop:?}");
        } else {
            assert_eq!(store.load().unwrap(), small(), "{stop:?}");
            assert_eq!(log_of(&store), vec![], "{stop:?}");
        }
    }
}

/// A government-scale dataset: 100k staff, 20k posts, 500k assignments, 300k
/// enrollments.
fn big() -> Dataset {
    let mut ds = Dataset::default();
    for u in 0..300 {
        let u = unit(&format!("U{u:03}"), None);
        ds.units.insert(u.id.clone(), u);
    }
    for p in 0..20_000 {
        let p = post(&format!("P{p:05}"), &format!("U{:03}", p % 300));
        ds.posts.insert(p.id.clone(), p);
    }
    for c in 0..200 {
        let c = Course {
            id: CourseId::new_unchecked(format!("C{c:03}")),
            name: format!("研修 {c}"),
            provider: Provider::DigitalAgency,
            field: Field::Dx,
            grades: vec![],
            days: 2,
        };
        ds.courses.insert(c.id.clone(), c);
    }
    for s in 0..800 {
        let s = Session {
            id: SessionId::new_unchecked(format!("S{s:03}")),
            course: CourseId::new_unchecked(format!("C{:03}", s % 200)),
            start: d("2024-06-01"),
            end: d("2024-06-02"),
            capacity: 30,
        };
        ds.sessions.insert(s.id.clone(), s);
    }
    for i in 0..100_000usize {
        let id = format!("E{i:06}");
        ds.staff.insert(StaffId::new_unchecked(&id), staff(&id));
        for j in 0..5 {
            let start = format!("{}-{:02}-01", 2000 + 3 * j, 1 + i % 12);
            let a = assignment(
                &id,
                &format!("P{:05}", (i * 7 + j * 13) % 20_000),
                &start,
                None,
            );
            ds.assignments.insert(a.key(), a);
        }
        for j in 0..3 {
            let session = (j < 2).then(|| format!("S{:03}", (i + j) % 800));
            let e = enrollment(
                &id,
                &format!("C{:03}", (i + j * 67) % 200),
                session.as_deref(),
            );
            ds.enrollments.insert(e.key(), e);
        }
    }
    ds
}

/// Peak and current memory and CPU time of this process, where Linux tells.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or("?".to_string(), |kb| format!("{} MB", kb / 1024))
    };
    // utime and stime, in clock ticks (100 a second on Linux), after the name.
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let ticks: Vec<f64> = stat
        .rsplit(')')
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse().ok())
        .collect();
    format!(
        "memory peak {}, now {}; cpu so far {:.0} s",
        field("VmHWM"),
        field("VmRSS"),
        ticks.iter().sum::<f64>() / 100.0
    )
}

/// Not part of the suite: `cargo test --test store -- --ignored --nocapture` to see
/// how long a government-scale fill and load take.
#[test]
#[ignore]
fn fill_and_load_at_government_scale() {
    let ds = big();
    let fill = ChangeSet::fill(&ds);
    eprintln!("dataset and change set built: {}", memory());
    let tmp = TempDir::new().unwrap();
    let store = SledStore::open(&store_dir(&tmp), &OpenOptions::default()).unwrap();
    let t = std::time::Instant::now();
    store.apply(&fill).unwrap();
    eprintln!("apply(fill): {:?}, {}", t.elapsed(), memory());
    drop(fill);
    let t = std::time::Instant::now();
    let loaded = store.load().unwrap();
    eprintln!("load: {:?}, {}", t.elapsed(), memory());
    assert!(loaded == ds);
    drop(loaded);
    let t = std::time::Instant::now();
    assert_eq!(store.check_indexes().unwrap(), Vec::<String>::new());
    eprintln!("check_indexes: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let some = StaffId::new_unchecked("E054321");
    assert_eq!(store.assignments_of(&some).unwrap().len(), 5);
    assert!(store.staff(&some).unwrap().is_some());
    eprintln!("two lookups: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    drop(store);
    let store = SledStore::open(&store_dir(&tmp), &OpenOptions::default()).unwrap();
    eprintln!("reopen (sled replays its log once): {:?}", t.elapsed());
    drop(store);
    let t = std::time::Instant::now();
    let store = SledStore::open(&store_dir(&tmp), &OpenOptions::default()).unwrap();
    eprintln!("reopen again: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let edit = ChangeSet {
        changes: vec![Change::Put(Record::Staff(staff("E000001")))],
    };
    store.apply(&edit).unwrap();
    eprintln!("one-record apply: {:?}", t.elapsed());
}
