//! Tests of the dataset rules, one behaviour each.

use crate::domain::dataset::{Dataset, RecordRef};
use crate::domain::date::parse_date;
use crate::domain::ids::*;
use crate::domain::records::*;
use crate::domain::validate::validate;
use crate::domain::vocab::*;

fn d(s: &str) -> crate::domain::date::Date {
    parse_date(s).unwrap()
}

fn base() -> Dataset {
    let mut ds = Dataset::default();
    let u = Unit {
        id: UnitId::new_unchecked("U1"),
        name: "情報システム室".into(),
        name_en: "IT Office".into(),
        parent: None,
    };
    ds.units.insert(u.id.clone(), u);
    let c = Course {
        id: CourseId::new_unchecked("C1"),
        name: "統一研修".into(),
        provider: Provider::DigitalAgency,
        field: Field::Pm,
        grades: vec![Grade::Staff],
        days: 5,
    };
    ds.courses.insert(c.id.clone(), c);
    let p = Post {
        id: PostId::new_unchecked("P1"),
        unit: UnitId::new_unchecked("U1"),
        title: "情報セキュリティ係長".into(),
        grade: Grade::Chief,
        field: Field::Security,
        impact: Impact::High,
        skills: Skills::parse("security:3").unwrap(),
        courses: vec![CourseId::new_unchecked("C1")],
        capacity: 1,
        closed: None,
    };
    ds.posts.insert(p.id.clone(), p);
    for id in ["E1", "E2"] {
        let s = Staff {
            id: StaffId::new_unchecked(id),
            name: "田中 美咲".into(),
            kana: "タナカ ミサキ".into(),
            birth_year: Some(1991),
            grade: Grade::Chief,
            grade_since: None,
            track: Track::SogoDigital,
            hired_on: Some(d("2014-04-01")),
            skills: Skills::default(),
            candidate: true,
            promotable: false,
            status: Status::Active,
            status_until: None,
            wishes: vec![],
            notes: String::new(),
            destination: String::new(),
        };
        ds.staff.insert(s.id.clone(), s);
    }
    let s = Session {
        id: SessionId::new_unchecked("S1"),
        course: CourseId::new_unchecked("C1"),
        start: d("2026-06-01"),
        end: d("2026-06-05"),
        capacity: 1,
    };
    ds.sessions.insert(s.id.clone(), s);
    ds
}

fn assign(ds: &mut Dataset, staff: &str, start: &str, end: Option<&str>) {
    let a = Assignment {
        staff: StaffId::new_unchecked(staff),
        post: PostId::new_unchecked("P1"),
        start: d(start),
        end: end.map(d),
        concurrent: false,
    };
    ds.assignments.insert(a.key(), a);
}

fn reasons(ds: &Dataset) -> Vec<String> {
    validate(ds).iter().map(|v| v.to_string()).collect()
}

#[test]
fn a_consistent_dataset_has_no_violations() {
    let mut ds = base();
    assign(&mut ds, "E1", "2020-04-01", Some("2022-03-31"));
    assign(&mut ds, "E2", "2022-04-01", None);
    assert_eq!(reasons(&ds), Vec::<String>::new());
}

#[test]
fn overlapping_primary_assignments_are_refused() {
    let mut ds = base();
    ds.posts
        .get_mut(&PostId::new_unchecked("P1"))
        .unwrap()
        .capacity = 2;
    let mut p2 = ds.posts[&PostId::new_unchecked("P1")].clone();
    p2.id = PostId::new_unchecked("P2");
    ds.posts.insert(p2.id.clone(), p2);
    assign(&mut ds, "E1", "2020-04-01", None);
    let a = Assignment {
        staff: StaffId::new_unchecked("E1"),
        post: PostId::new_unchecked("P2"),
        start: d("2021-04-01"),
        end: None,
        concurrent: false,
    };
    ds.assignments.insert(a.key(), a);
    assert_eq!(
        reasons(&ds),
        vec!["assignment of E1 to P2 from 2021-04-01: start: E1 already holds P1 from 2020-04-01 to now; primary posts may not overlap"]
    );
}

#[test]
fn concurrent_assignments_may_overlap() {
    let mut ds = base();
    ds.posts
        .get_mut(&PostId::new_unchecked("P1"))
        .unwrap()
        .capacity = 2;
    assign(&mut ds, "E1", "2020-04-01", None);
    let mut p2 = ds.posts[&PostId::new_unchecked("P1")].clone();
    p2.id = PostId::new_unchecked("P2");
    ds.posts.insert(p2.id.clone(), p2);
    let a = Assignment {
        staff: StaffId::new_unchecked("E1"),
        post: PostId::new_unchecked("P2"),
        start: d("2021-04-01"),
        end: None,
        concurrent: true,
    };
    ds.assignments.insert(a.key(), a);
    assert_eq!(reasons(&ds), Vec::<String>::new());
}

#[test]
fn end_before_start_is_refused() {
    let mut ds = base();
    assign(&mut ds, "E1", "2020-04-01", Some("2020-03-31"));
    assert_eq!(reasons(&ds), vec!["assignment of E1 to P1 from 2020-04-01: end: 2020-03-31 is before the start 2020-04-01"]);
}

#[test]
fn post_capacity_is_respected() {
    let mut ds = base();
    assign(&mut ds, "E1", "2020-04-01", None);
    assign(&mut ds, "E2", "2021-04-01", Some("2021-09-30"));
    assert_eq!(
        reasons(&ds),
        vec!["assignment of E2 to P1 from 2021-04-01: post: post P1 has 2 holders on 2021-04-01 but capacity 1"]
    );
}

#[test]
fn unknown_references_are_named() {
    let mut ds = base();
    ds.posts.get_mut(&PostId::new_unchecked("P1")).unwrap().unit = UnitId::new_unchecked("U9");
    ds.staff
        .get_mut(&StaffId::new_unchecked("E1"))
        .unwrap()
        .wishes = vec![Wish::Post(PostId::new_unchecked("P9"))];
    let a = Assignment {
        staff: StaffId::new_unchecked("E9"),
        post: PostId::new_unchecked("P1"),
        start: d("2020-04-01"),
        end: None,
        concurrent: false,
    };
    ds.assignments.insert(a.key(), a);
    assert_eq!(
        reasons(&ds),
        vec![
            "post P1: unit: unknown unit 'U9'",
            "staff E1: wishes: unknown post or unit 'P9'",
            "assignment of E9 to P1 from 2020-04-01: staff: unknown staff 'E9'",
        ]
    );
}

#[test]
fn unit_cycles_are_refused() {
    let mut ds = base();
    let u2 = Unit {
        id: UnitId::new_unchecked("U2"),
        name: "課".into(),
        name_en: String::new(),
        parent: Some(UnitId::new_unchecked("U1")),
    };
    ds.units.insert(u2.id.clone(), u2);
    ds.units
        .get_mut(&UnitId::new_unchecked("U1"))
        .unwrap()
        .parent = Some(UnitId::new_unchecked("U2"));
    let v = validate(&ds);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].record, RecordRef::Unit(UnitId::new_unchecked("U1")));
    assert_eq!(v[0].reason, "unit 'U1' is its own ancestor");
}

#[test]
fn session_capacity_is_respected() {
    let mut ds = base();
    for id in ["E1", "E2"] {
        let e = Enrollment {
            staff: StaffId::new_unchecked(id),
            course: CourseId::new_unchecked("C1"),
            session: Some(SessionId::new_unchecked("S1")),
            status: EnrollmentStatus::Enrolled,
            date: None,
        };
        ds.enrollments.insert(e.key(), e);
    }
    assert_eq!(
        reasons(&ds),
        vec!["enrollment of E2 in C1 session S1: session: session S1 is full (1 seats)"]
    );
}

#[test]
fn cancelled_enrollments_do_not_take_a_seat() {
    let mut ds = base();
    for (id, st) in [
        ("E1", EnrollmentStatus::Enrolled),
        ("E2", EnrollmentStatus::Cancelled),
    ] {
        let e = Enrollment {
            staff: StaffId::new_unchecked(id),
            course: CourseId::new_unchecked("C1"),
            session: Some(SessionId::new_unchecked("S1")),
            status: st,
            date: None,
        };
        ds.enrollments.insert(e.key(), e);
    }
    assert_eq!(reasons(&ds), Vec::<String>::new());
}

#[test]
fn overlong_name_is_refused() {
    let mut ds = base();
    ds.staff
        .get_mut(&StaffId::new_unchecked("E1"))
        .unwrap()
        .name = "名".repeat(10_000);
    assert_eq!(
        reasons(&ds),
        vec!["staff E1: name: is 10000 characters long; at most 200 are allowed"]
    );
}
