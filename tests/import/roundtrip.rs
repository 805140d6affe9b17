//! Upsert semantics (counts, idempotence) and export: canonical CSV, CSV and JSON
//! round trips, and JSON imports that fail.

use super::*;

// ---- upsert semantics -------------------------------------------------------

#[test]
fn import_is_idempotent_and_counts() {
    let first = plan("good", &Dataset::default()).unwrap();
    let added: Vec<(&str, usize)> = first.counts.iter().map(|(k, c)| (*k, c.added)).collect();
    assert_eq!(
        added,
        [
            ("assignments", 4),
            ("courses", 2),
            ("enrollments", 3),
            ("posts", 3),
            ("sessions", 2),
            ("staff", 3),
            ("units", 3)
        ]
    );
    let mut db = Dataset::default();
    db.apply(&first.changes);
    assert_eq!(db, first.merged);
    let again = plan("good", &db).unwrap();
    assert!(again.changes.is_empty());
    assert!(again
        .counts
        .values()
        .all(|c| c.added == 0 && c.updated == 0));
    assert_eq!(again.counts["staff"].unchanged, 3);
    assert_eq!(again.merged, db);
}

#[test]
fn changed_row_is_an_update_and_missing_optional_columns_keep_values() {
    // No grade_since/status_until/promotable columns: E0001 keeps 2020-04-01 and yes.
    let csv = "id,name,kana,birth_year,grade,track,hired_on,skills,candidate,status,wishes,notes\nE0001,山田 太郎,ヤマダ タロウ,1990,deputy,sogo-digital,2013-04-01,pm:2;security:3,yes,active,P02;U-PAT,\n";
    let (_dir, path) = temp_file("staff.csv", csv.as_bytes());
    let p = plan_import(&path, EncodingChoice::Auto, &good()).unwrap();
    assert_eq!((p.counts["staff"].updated, p.counts["staff"].added), (1, 0));
    assert_eq!(p.changes.changes.len(), 1);
    let s = &p.merged.staff[&StaffId::new_unchecked("E0001")];
    assert_eq!(
        (s.grade, s.grade_since, s.promotable),
        (Grade::Deputy, Some(d("2020-04-01")), true)
    );
    assert_eq!(p.merged.staff.len(), 3);
}

// ---- export and round trips -------------------------------------------------

fn complete() -> Dataset {
    let mut ds = Dataset::default();
    let unit = |id: &str, name: &str, en: &str, parent: Option<&str>| Unit {
        id: UnitId::new_unchecked(id),
        name: name.into(),
        name_en: en.into(),
        parent: parent.map(UnitId::new_unchecked),
    };
    for u in [
        unit("U-MIN", "経済産業省", "METI", None),
        unit("U-SEC", "情報システム室", "", Some("U-MIN")),
        unit(
            "P1",
            "紛らわしい室",
            "Unit named like a post",
            Some("U-MIN"),
        ),
    ] {
        ds.units.insert(u.id.clone(), u);
    }
    let post = |id: &str, unit: &str, courses: &[&str], skills: &str| Post {
        id: PostId::new_unchecked(id),
        unit: UnitId::new_unchecked(unit),
        title: format!("{id} title, \"quoted\""),
        grade: Grade::Chief,
        field: Field::Security,
        impact: Impact::High,
        skills: Skills::parse(skills).unwrap(),
        courses: courses
            .iter()
            .map(|c| CourseId::new_unchecked(*c))
            .collect(),
        capacity: 2,
        closed: None,
    };
    for p in [
        post("P1", "U-SEC", &["C1", "C2"], "security:3;pm:1"),
        post("data", "U-MIN", &[], ""),
    ] {
        ds.posts.insert(p.id.clone(), p);
    }
    let s1 = Staff {
        id: StaffId::new_unchecked("E1"),
        name: "山田 太郎".into(),
        kana: "ヤマダ タロウ".into(),
        birth_year: Some(1990),
        grade: Grade::Chief,
        grade_since: Some(d("2020-04-01")),
        track: Track::SogoDigital,
        hired_on: Some(d("2013-04-01")),
        skills: Skills::parse("security:3;ai-ml:2").unwrap(),
        candidate: true,
        promotable: true,
        status: Status::Leave,
        status_until: Some(d("2026-03-31")),
        wishes: vec![
            Wish::Unit(UnitId::new_unchecked("P1")),
            Wish::Post(PostId::new_unchecked("P1")),
            Wish::Post(PostId::new_unchecked("data")),
            Wish::Field(Field::Data),
        ],
        notes: "  indented\nsecond, with \"quotes\"\tand a tab".into(),
        destination: String::new(),
    };
    let s2 = Staff {
        id: StaffId::new_unchecked("E2"),
        name: "佐藤".into(),
        kana: String::new(),
        birth_year: None,
        grade: Grade::Staff,
        grade_since: None,
        track: Track::External,
        hired_on: None,
        skills: Skills::default(),
        candidate: false,
        promotable: false,
        status: Status::Active,
        status_until: None,
        wishes: vec![],
        notes: String::new(),
        destination: String::new(),
    };
    for s in [s1, s2] {
        ds.staff.insert(s.id.clone(), s);
    }
    let course = |id: &str, grades: Vec<Grade>| Course {
        id: CourseId::new_unchecked(id),
        name: format!("研修 {id}"),
        provider: Provider::DigitalAgency,
        field: Field::Pm,
        grades,
        days: 3,
    };
    for c in [
        course("C1", vec![Grade::Staff, Grade::Chief]),
        course("C2", vec![]),
    ] {
        ds.courses.insert(c.id.clone(), c);
    }
    let session = Session {
        id: SessionId::new_unchecked("S1"),
        course: CourseId::new_unchecked("C1"),
        start: d("2025-06-02"),
        end: d("2025-06-06"),
        capacity: 10,
    };
    ds.sessions.insert(session.id.clone(), session);
    for a in [
        Assignment {
            staff: StaffId::new_unchecked("E1"),
            post: PostId::new_unchecked("P1"),
            start: d("2020-04-01"),
            end: Some(d("2022-03-31")),
            concurrent: false,
        },
        Assignment {
            staff: StaffId::new_unchecked("E1"),
            post: PostId::new_unchecked("data"),
            start: d("2022-04-01"),
            end: None,
            concurrent: false,
        },
        Assignment {
            staff: StaffId::new_unchecked("E2"),
            post: PostId::new_unchecked("P1"),
            start: d("2023-04-01"),
            end: None,
            concurrent: true,
        },
    ] {
        ds.assignments.insert(a.key(), a);
    }
    for e in [
        Enrollment {
            staff: StaffId::new_unchecked("E1"),
            course: CourseId::new_unchecked("C1"),
            session: Some(SessionId::new_unchecked("S1")),
            status: EnrollmentStatus::Completed,
            date: Some(d("2025-06-06")),
        },
        Enrollment {
            staff: StaffId::new_unchecked("E2"),
            course: CourseId::new_unchecked("C2"),
            session: None,
            status: EnrollmentStatus::Planned,
            date: None,
        },
    ] {
        ds.enrollments.insert(e.key(), e);
    }
    assert_eq!(jinzai::domain::validate(&ds), vec![]);
    ds
}

#[test]
fn csv_round_trip() {
    for original in [complete(), good()] {
        let dir = tempfile::tempdir().unwrap();
        let files = export_csv(&original, dir.path()).unwrap();
        assert_eq!(files.len(), 7);
        let p = plan_import(dir.path(), EncodingChoice::Auto, &Dataset::default()).unwrap();
        assert_eq!(p.merged, original);
        assert!(p.warnings.is_empty());
        let mut db = Dataset::default();
        db.apply(&p.changes);
        assert_eq!(db, original);
        // Exporting again gives the same bytes.
        let again = tempfile::tempdir().unwrap();
        export_csv(&p.merged, again.path()).unwrap();
        for f in &files {
            let name = f.file_name().unwrap();
            assert_eq!(
                std::fs::read(f).unwrap(),
                std::fs::read(again.path().join(name)).unwrap()
            );
        }
    }
}

#[test]
fn csv_export_is_canonical() {
    let dir = tempfile::tempdir().unwrap();
    export_csv(&complete(), dir.path()).unwrap();
    let staff = std::fs::read_to_string(dir.path().join("staff.csv")).unwrap();
    assert_eq!(
        staff,
        "id,name,kana,birth_year,grade,track,hired_on,skills,candidate,status,wishes,notes,grade_since,status_until,promotable,destination\n\
         E1,山田 太郎,ヤマダ タロウ,1990,chief,sogo-digital,2013-04-01,ai-ml:2;security:3,yes,leave,unit:P1;P1;post:data;data,\"  indented\nsecond, with \"\"quotes\"\"\tand a tab\",2020-04-01,2026-03-31,yes,\n\
         E2,佐藤,,,staff,external,,,no,active,,,,,no,\n"
    );
}

#[test]
fn json_round_trip() {
    let original = complete();
    let text = export_json(&original, 3);
    assert!(text.ends_with("}\n"));
    assert_eq!(export_json(&original, 3), text);
    let (_dir, path) = temp_file("export.json", text.as_bytes());
    let p = plan_import(&path, EncodingChoice::Auto, &Dataset::default()).unwrap();
    assert_eq!(p.merged, original);
    assert_eq!(p.schema, Some(3));
    let again = plan_import(&path, EncodingChoice::Auto, &p.merged).unwrap();
    assert!(again.changes.is_empty());
}

#[test]
fn bad_json_is_refused_with_every_problem() {
    let mut doc = complete().to_document(1);
    doc.units[1].parent = Some(UnitId::new_unchecked("U-ZZ"));
    doc.staff[1].skills = Skills([("pm".to_string(), 9)].into_iter().collect());
    let (dir, path) = temp_file(
        "export.json",
        serde_json::to_string(&doc).unwrap().as_bytes(),
    );
    assert_eq!(
        problems_in(&path, &Dataset::default(), dir.path()),
        [
            "export.json: staff E2: skills: 'pm:9' is not a skill name with a level 1-4",
            "export.json: unit U-MIN: parent: unknown unit 'U-ZZ'",
        ]
    );
    let (dir, path) = temp_file("export.json", b"{\n  \"format\": 3\n}");
    assert_eq!(
        problems_in(&path, &Dataset::default(), dir.path()),
        ["export.json:2: json: invalid type: integer `3`, expected a string at column 13"]
    );
}
