//! One test per rule of `ops::plan`, and undo.

use super::*;
use crate::domain::date::parse_date;
use crate::domain::records::{Course, Enrollment, Skills};
use crate::domain::vocab::{EnrollmentStatus, Field, Grade, Impact, Provider, Track};
use crate::domain::{CourseId, UnitId};

fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

fn sid(s: &str) -> StaffId {
    StaffId::new_unchecked(s)
}

fn pid(s: &str) -> PostId {
    PostId::new_unchecked(s)
}

fn person(id: &str, name: &str, grade: Grade) -> Staff {
    Staff {
        id: sid(id),
        name: name.into(),
        kana: String::new(),
        birth_year: Some(1990),
        grade,
        grade_since: None,
        track: Track::SogoDigital,
        hired_on: None,
        skills: Skills::parse("security:3").unwrap(),
        candidate: true,
        promotable: false,
        status: Status::Active,
        status_until: None,
        wishes: vec![],
        notes: String::new(),
        destination: String::new(),
    }
}

fn post(id: &str, title: &str, grade: Grade, capacity: u16) -> Post {
    Post {
        id: pid(id),
        unit: UnitId::new_unchecked("U1"),
        title: title.into(),
        grade,
        field: Field::Security,
        impact: Impact::High,
        skills: Skills::parse("security:3;pm:2").unwrap(),
        courses: vec![CourseId::new_unchecked("C1")],
        capacity,
        closed: None,
    }
}

fn holding(staff: &str, post: &str, start: &str, end: Option<&str>) -> Assignment {
    Assignment {
        staff: sid(staff),
        post: pid(post),
        start: d(start),
        end: end.map(d),
        concurrent: false,
    }
}

/// E1 田中 (係長) holds P1 since 2023-04; E2 佐藤 (係長) holds nothing; E3 鈴木 is
/// seconded until 2027-03-31. P1 and P2 are 係長 posts with one seat, P3 has two.
fn world() -> Dataset {
    let mut ds = Dataset::default();
    ds.units.insert(
        UnitId::new_unchecked("U1"),
        Unit {
            id: UnitId::new_unchecked("U1"),
            name: "情報システム室".into(),
            name_en: String::new(),
            parent: None,
        },
    );
    ds.courses.insert(
        CourseId::new_unchecked("C1"),
        Course {
            id: CourseId::new_unchecked("C1"),
            name: "セキュリティ研修".into(),
            provider: Provider::Nco,
            field: Field::Security,
            grades: vec![],
            days: 3,
        },
    );
    for p in [
        post("P1", "情報セキュリティ係長", Grade::Chief, 1),
        post("P2", "基盤運用係長", Grade::Chief, 1),
        post("P3", "課長補佐", Grade::Deputy, 2),
    ] {
        ds.posts.insert(p.id.clone(), p);
    }
    let mut away = person("E3", "鈴木 一郎", Grade::Chief);
    away.status = Status::Seconded;
    away.status_until = Some(d("2027-03-31"));
    for s in [
        person("E1", "田中 美咲", Grade::Chief),
        person("E2", "佐藤 健", Grade::Chief),
        away,
    ] {
        ds.staff.insert(s.id.clone(), s);
    }
    let a = holding("E1", "P1", "2023-04-01", None);
    ds.assignments.insert(a.key(), a);
    let e = Enrollment {
        staff: sid("E1"),
        course: CourseId::new_unchecked("C1"),
        session: None,
        status: EnrollmentStatus::Completed,
        date: None,
    };
    ds.enrollments.insert(e.key(), e);
    ds
}

fn assign_op(staff: &str, post: &str, from: &str, concurrent: bool) -> Op {
    Op::Assign {
        staff: sid(staff),
        post: pid(post),
        from: d(from),
        concurrent,
    }
}

fn errors(ds: &Dataset, op: &Op) -> Vec<OpError> {
    plan(ds, op).expect_err("should be refused")
}

fn fields(errs: &[OpError]) -> Vec<&'static str> {
    errs.iter().map(|e| e.field).collect()
}

#[test]
fn assign_puts_one_open_holding_and_warns_about_fit() {
    let ds = world();
    let p = plan(&ds, &assign_op("E2", "P2", "2027-04-01", false)).unwrap();
    assert_eq!(p.action, "assign");
    assert_eq!(
        p.summary,
        "Assign E2 佐藤 健 to P2 基盤運用係長 from 2027-04-01"
    );
    assert_eq!(p.entities, vec!["E2", "P2", "U1"]);
    assert_eq!(
        p.changes.changes,
        vec![Change::Put(Record::Assignment(holding(
            "E2",
            "P2",
            "2027-04-01",
            None
        )))]
    );
    // E2 has security 3 but no pm and has not taken C1.
    assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
    assert!(p.warnings[0].contains("has not taken C1"));
    assert!(p.warnings[1].contains("pm level 0"));
}

#[test]
fn a_grade_mismatch_is_a_warning() {
    let ds = world();
    let p = plan(&ds, &assign_op("E2", "P3", "2027-04-01", false)).unwrap();
    assert!(p.warnings[0].contains("係長 but P3 is a 課長補佐 post"));
}

#[test]
fn assign_refuses_unknown_people_and_posts() {
    let ds = world();
    assert_eq!(
        fields(&errors(&ds, &assign_op("E9", "P2", "2027-04-01", false))),
        vec!["staff"]
    );
    assert_eq!(
        fields(&errors(&ds, &assign_op("E2", "P9", "2027-04-01", false))),
        vec!["post"]
    );
}

#[test]
fn overlapping_primary_holdings_are_refused_but_concurrent_ones_are_not() {
    let ds = world();
    let e = errors(&ds, &assign_op("E1", "P3", "2027-04-01", false));
    assert_eq!(fields(&e), vec!["from"]);
    assert!(e[0].message.contains("already holds P1"), "{}", e[0]);
    let p = plan(&ds, &assign_op("E1", "P3", "2027-04-01", true)).unwrap();
    assert!(p.summary.contains("concurrent"));
    assert!(p.warnings.is_empty());
}

#[test]
fn a_full_post_is_refused_until_its_holder_leaves() {
    let mut ds = world();
    let e = errors(&ds, &assign_op("E2", "P1", "2027-04-01", false));
    assert_eq!(fields(&e), vec!["post"]);
    assert!(e[0].message.contains("1 seat and would have 2 holders"));
    // The holder leaves on 2027-03-31: the seat is free from 2027-04-01.
    let a = holding("E1", "P1", "2023-04-01", Some("2027-03-31"));
    ds.assignments.insert(a.key(), a);
    assert!(plan(&ds, &assign_op("E2", "P1", "2027-04-01", false)).is_ok());
    assert!(plan(&ds, &assign_op("E2", "P1", "2027-03-31", false)).is_err());
    // Concurrent holders take a seat too.
    assert!(plan(&ds, &assign_op("E2", "P1", "2027-03-01", true)).is_err());
}

#[test]
fn a_seconded_or_on_leave_person_cannot_be_assigned_while_away() {
    let mut ds = world();
    let e = errors(&ds, &assign_op("E3", "P2", "2027-01-01", false));
    assert_eq!(fields(&e), vec!["staff"]);
    assert!(
        e[0].message.contains("is seconded until 2027-03-31"),
        "{}",
        e[0]
    );
    // Back from secondment by then.
    assert!(plan(&ds, &assign_op("E3", "P2", "2027-04-01", false)).is_ok());
    // Leave with no end date: refused whatever the date.
    let mut s = ds.staff[&sid("E3")].clone();
    s.status = Status::Leave;
    s.status_until = None;
    ds.staff.insert(s.id.clone(), s);
    let e = errors(&ds, &assign_op("E3", "P2", "2030-04-01", false));
    assert!(e[0].message.contains("on leave"));
}

#[test]
fn the_same_holding_twice_is_refused() {
    let ds = world();
    let e = errors(&ds, &assign_op("E1", "P1", "2023-04-01", false));
    assert_eq!(fields(&e), vec!["from"]);
}

#[test]
fn end_closes_the_holding_on_the_date() {
    let ds = world();
    let op = Op::End {
        staff: sid("E1"),
        post: pid("P1"),
        on: d("2027-03-31"),
    };
    let p = plan(&ds, &op).unwrap();
    assert_eq!(
        p.changes.changes,
        vec![Change::Put(Record::Assignment(holding(
            "E1",
            "P1",
            "2023-04-01",
            Some("2027-03-31")
        )))]
    );
    assert_eq!(
        p.summary,
        "End E1 田中 美咲 in P1 情報セキュリティ係長 on 2027-03-31 (held since 2023-04-01)"
    );
}

#[test]
fn end_refuses_dates_before_the_start_and_holdings_already_ended() {
    let mut ds = world();
    let before = Op::End {
        staff: sid("E1"),
        post: pid("P1"),
        on: d("2023-03-31"),
    };
    assert_eq!(fields(&errors(&ds, &before)), vec!["on"]);
    let none = Op::End {
        staff: sid("E2"),
        post: pid("P1"),
        on: d("2027-03-31"),
    };
    assert_eq!(fields(&errors(&ds, &none)), vec!["on"]);
    let a = holding("E1", "P1", "2023-04-01", Some("2025-03-31"));
    ds.assignments.insert(a.key(), a);
    let later = Op::End {
        staff: sid("E1"),
        post: pid("P1"),
        on: d("2026-03-31"),
    };
    assert!(errors(&ds, &later)[0]
        .message
        .contains("already ended on 2025-03-31"));
    // Moving an end earlier is allowed.
    let earlier = Op::End {
        staff: sid("E1"),
        post: pid("P1"),
        on: d("2025-03-01"),
    };
    assert!(plan(&ds, &earlier).is_ok());
}

#[test]
fn transfer_ends_the_current_post_the_day_before_and_assigns_the_new_one() {
    let ds = world();
    let op = Op::Transfer {
        staff: sid("E1"),
        post: pid("P2"),
        on: d("2027-04-01"),
    };
    let p = plan(&ds, &op).unwrap();
    assert_eq!(
        p.changes.changes,
        vec![
            Change::Put(Record::Assignment(holding(
                "E1",
                "P1",
                "2023-04-01",
                Some("2027-03-31")
            ))),
            Change::Put(Record::Assignment(holding("E1", "P2", "2027-04-01", None))),
        ]
    );
    assert_eq!(
        p.summary,
        "End E1 田中 美咲 in P1 情報セキュリティ係長 on 2027-03-31 and assign to P2 基盤運用係長 from 2027-04-01"
    );
    assert_eq!(p.entities, vec!["E1", "P1", "P2", "U1"]);
}

#[test]
fn transfer_refusals() {
    let mut ds = world();
    let to = |staff: &str, post: &str, on: &str| Op::Transfer {
        staff: sid(staff),
        post: pid(post),
        on: d(on),
    };
    // Nothing to transfer from.
    assert_eq!(
        fields(&errors(&ds, &to("E2", "P2", "2027-04-01"))),
        vec!["staff"]
    );
    // Already there.
    assert_eq!(
        fields(&errors(&ds, &to("E1", "P1", "2027-04-01"))),
        vec!["post"]
    );
    // Into a full post.
    let a = holding("E2", "P2", "2024-04-01", None);
    ds.assignments.insert(a.key(), a);
    assert_eq!(
        fields(&errors(&ds, &to("E1", "P2", "2027-04-01"))),
        vec!["post"]
    );
    // On the first day in the current post: it would be left with no day.
    assert_eq!(
        fields(&errors(&ds, &to("E1", "P3", "2023-04-01"))),
        vec!["staff"]
    );
}

#[test]
fn concurrent_toggles_and_refuses_a_primary_overlap() {
    let mut ds = world();
    let a = Assignment {
        concurrent: true,
        ..holding("E1", "P3", "2024-04-01", None)
    };
    ds.assignments.insert(a.key(), a);
    let make_primary = Op::SetConcurrent {
        staff: sid("E1"),
        post: pid("P3"),
        start: d("2024-04-01"),
        concurrent: false,
    };
    // P1 is E1's primary post already.
    assert_eq!(fields(&errors(&ds, &make_primary)), vec!["from"]);
    let mark = Op::SetConcurrent {
        staff: sid("E1"),
        post: pid("P1"),
        start: d("2023-04-01"),
        concurrent: true,
    };
    let p = plan(&ds, &mark).unwrap();
    assert!(p.summary.contains("concurrent (併任)"));
    let again = Op::SetConcurrent {
        staff: sid("E1"),
        post: pid("P3"),
        start: d("2024-04-01"),
        concurrent: true,
    };
    assert_eq!(fields(&errors(&ds, &again)), vec!["concurrent"]);
}

#[test]
fn editing_a_person_is_checked_and_summarised() {
    let ds = world();
    let mut s = ds.staff[&sid("E2")].clone();
    s.grade = Grade::Deputy;
    s.grade_since = Some(d("2026-10-01"));
    s.skills = Skills::parse("security:4").unwrap();
    let p = plan(
        &ds,
        &Op::PutStaff {
            staff: Box::new(s.clone()),
            new: false,
        },
    )
    .unwrap();
    assert_eq!(p.action, "edit-staff");
    assert_eq!(
        p.summary,
        "Edit E2 佐藤 健: grade 係長 → 課長補佐 (since 2026-10-01), skills security:3 → security:4"
    );
    // Unchanged, unknown, duplicate, empty name.
    let same = Op::PutStaff {
        staff: Box::new(ds.staff[&sid("E2")].clone()),
        new: false,
    };
    assert!(errors(&ds, &same)[0].message.contains("nothing changed"));
    let dup = Op::PutStaff {
        staff: Box::new(ds.staff[&sid("E2")].clone()),
        new: true,
    };
    assert!(errors(&ds, &dup)[0].message.contains("already exists"));
    let mut nameless = s.clone();
    nameless.name = "  ".into();
    let e = errors(
        &ds,
        &Op::PutStaff {
            staff: Box::new(nameless),
            new: false,
        },
    );
    assert_eq!(fields(&e), vec!["name"]);
}

#[test]
fn demoting_or_sending_away_a_holder_warns() {
    let ds = world();
    let mut s = ds.staff[&sid("E1")].clone();
    s.grade = Grade::Staff;
    s.status = Status::Seconded;
    let p = plan(
        &ds,
        &Op::PutStaff {
            staff: Box::new(s),
            new: false,
        },
    )
    .unwrap();
    assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
}

#[test]
fn a_new_hire_is_added() {
    let ds = world();
    let s = person("E9", "新人 太郎", Grade::Staff);
    let p = plan(
        &ds,
        &Op::PutStaff {
            staff: Box::new(s),
            new: true,
        },
    )
    .unwrap();
    assert_eq!(p.action, "add-staff");
    assert_eq!(p.summary, "Add E9 新人 太郎 (係員, 総合職デジタル)");
}

#[test]
fn a_post_cannot_shrink_below_its_holders_or_name_an_unknown_course() {
    let mut ds = world();
    let a = Assignment {
        concurrent: true,
        ..holding("E2", "P1", "2024-04-01", None)
    };
    ds.assignments.insert(a.key(), a);
    let mut p = ds.posts[&pid("P1")].clone();
    p.capacity = 2;
    // (Capacity 2 for 2 holders is fine; that validates the setup.)
    let mut ds2 = ds.clone();
    ds2.posts.insert(p.id.clone(), p.clone());
    let mut shrink = p.clone();
    shrink.capacity = 1;
    shrink.courses.push(CourseId::new_unchecked("C9"));
    let e = errors(
        &ds2,
        &Op::PutPost {
            post: Box::new(shrink),
            new: false,
        },
    );
    assert_eq!(fields(&e), vec!["courses", "capacity"]);
}

#[test]
fn a_unit_cannot_become_its_own_ancestor() {
    let mut ds = world();
    let child = Unit {
        id: UnitId::new_unchecked("U2"),
        name: "子".into(),
        name_en: String::new(),
        parent: Some(UnitId::new_unchecked("U1")),
    };
    ds.units.insert(child.id.clone(), child);
    let mut u1 = ds.units[&UnitId::new_unchecked("U1")].clone();
    u1.parent = Some(UnitId::new_unchecked("U2"));
    let e = errors(
        &ds,
        &Op::PutUnit {
            unit: Box::new(u1),
            new: false,
        },
    );
    assert!(e[0].message.contains("its own ancestor"), "{}", e[0]);
    let mut renamed = ds.units[&UnitId::new_unchecked("U2")].clone();
    renamed.name = "新しい名前".into();
    assert!(plan(
        &ds,
        &Op::PutUnit {
            unit: Box::new(renamed),
            new: false
        }
    )
    .is_ok());
}

#[test]
fn undo_restores_the_records_and_refuses_when_they_changed_since() {
    let mut ds = world();
    let original = ds.clone();
    let p = plan(
        &ds,
        &Op::Transfer {
            staff: sid("E1"),
            post: pid("P2"),
            on: d("2027-04-01"),
        },
    )
    .unwrap();
    let diffs = diff(&ds, &p.changes);
    assert_eq!(diffs.len(), 2);
    assert!(diffs[0].before.is_some() && diffs[1].before.is_none());
    ds.apply(&p.changes);
    let back = undo(&ds, &diffs).unwrap();
    let mut undone = ds.clone();
    undone.apply(&back);
    assert_eq!(undone, original);
    // Someone ends the new holding in between: undo would lose that.
    let end = plan(
        &ds,
        &Op::End {
            staff: sid("E1"),
            post: pid("P2"),
            on: d("2028-03-31"),
        },
    )
    .unwrap();
    ds.apply(&end.changes);
    assert!(undo(&ds, &diffs).unwrap_err().contains("has changed since"));
}

#[test]
fn closing_a_post_ends_its_open_holdings_and_keeps_its_history() {
    let mut ds = world();
    let op = Op::ClosePost {
        post: pid("P1"),
        on: d("2027-04-01"),
    };
    let p = plan(&ds, &op).unwrap();
    assert_eq!(p.summary, "Close P1 情報セキュリティ係長 from 2027-04-01");
    assert_eq!(
        p.warnings,
        vec!["E1 田中 美咲's holding of P1 ends on 2027-03-31"]
    );
    assert_eq!(p.entities, vec!["P1", "U1", "E1"]);
    ds.apply(&p.changes);
    assert!(
        crate::domain::validate(&ds).is_empty(),
        "{:?}",
        crate::domain::validate(&ds)
    );
    assert_eq!(ds.assignments.len(), 1, "history stays");
    assert!(ds.posts[&pid("P1")].is_closed_on(d("2027-04-01")));
    // Nobody can take it from then on, and it cannot close twice.
    let e = errors(&ds, &assign_op("E2", "P1", "2027-05-01", false));
    assert!(e[0].message.contains("closed on 2027-04-01"), "{}", e[0]);
    assert_eq!(fields(&errors(&ds, &op)), vec!["on"]);
    // A holding that would still run past the closing breaks the dataset's rules.
    let a = holding("E2", "P1", "2026-01-01", Some("2027-06-30"));
    ds.assignments.insert(a.key(), a);
    assert!(crate::domain::validate(&ds)
        .iter()
        .any(|v| v.reason.contains("closed on 2027-04-01")));
}

#[test]
fn a_post_cannot_close_before_a_holding_starts() {
    let mut ds = world();
    let a = holding("E2", "P2", "2027-04-01", None);
    ds.assignments.insert(a.key(), a);
    let op = Op::ClosePost {
        post: pid("P2"),
        on: d("2027-01-01"),
    };
    assert!(errors(&ds, &op)[0]
        .message
        .contains("starts in P2 on 2027-04-01"));
}
