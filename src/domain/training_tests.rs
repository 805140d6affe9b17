//! One test per rule of `training::plan_training`, the gap list, progress and bulk
//! enrollment.

use super::*;
use crate::domain::date::parse_date;
use crate::domain::ops::{diff, undo};
use crate::domain::records::{Assignment, Skills, Unit};
use crate::domain::validate::validate;
use crate::domain::vocab::{Field, Impact, Provider, Track};
use crate::domain::UnitId;

fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

fn sid(s: &str) -> StaffId {
    StaffId::new_unchecked(s)
}

fn cid(s: &str) -> CourseId {
    CourseId::new_unchecked(s)
}

fn ses(s: &str) -> SessionId {
    SessionId::new_unchecked(s)
}

const TODAY: &str = "2026-11-26";

fn today() -> Date {
    d(TODAY)
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
        skills: Skills::default(),
        candidate: false,
        promotable: false,
        status: Status::Active,
        status_until: None,
        wishes: vec![],
        notes: String::new(),
        destination: String::new(),
    }
}

fn post(id: &str, title: &str, grade: Grade, courses: &[&str]) -> Post {
    Post {
        id: PostId::new_unchecked(id),
        unit: UnitId::new_unchecked("U1"),
        title: title.into(),
        grade,
        field: Field::Security,
        impact: Impact::High,
        skills: Skills::default(),
        courses: courses.iter().map(|c| cid(c)).collect(),
        capacity: 9,
        closed: None,
    }
}

fn session(id: &str, course: &str, start: &str, end: &str, capacity: u16) -> Session {
    Session {
        id: ses(id),
        course: cid(course),
        start: d(start),
        end: d(end),
        capacity,
    }
}

fn hold(ds: &mut Dataset, staff: &str, post: &str, concurrent: bool) {
    let a = Assignment {
        staff: sid(staff),
        post: PostId::new_unchecked(post),
        start: d("2024-04-01"),
        end: None,
        concurrent,
    };
    ds.assignments.insert(a.key(), a);
}

fn put_enrollment(
    ds: &mut Dataset,
    staff: &str,
    course: &str,
    session: Option<&str>,
    status: St,
    date: &str,
) {
    let e = Enrollment {
        staff: sid(staff),
        course: cid(course),
        session: session.map(ses),
        status,
        date: Some(d(date)),
    };
    ds.enrollments.insert(e.key(), e);
}

/// C1 セキュリティ研修 (係員・係長) runs S0 (June 2026, over), S1 (June 2027, 2 seats)
/// and S2 (September 2027, 1 seat); C2 PM研修 (課長補佐) runs SP. P1 (係長) asks
/// for C1, P2 (課長補佐) for C1 and C2. E1 田中, E2 佐藤 and E3 鈴木 (seconded until
/// 2027-08-31) hold P1; E4 高橋 (課長補佐) holds P2.
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
    for (id, name, grades) in [
        ("C1", "セキュリティ研修", vec![Grade::Staff, Grade::Chief]),
        ("C2", "PM研修", vec![Grade::Deputy]),
    ] {
        ds.courses.insert(
            cid(id),
            Course {
                id: cid(id),
                name: name.into(),
                provider: Provider::Nco,
                field: Field::Security,
                grades,
                days: 5,
            },
        );
    }
    for x in [
        session("S0", "C1", "2026-06-01", "2026-06-05", 5),
        session("S1", "C1", "2027-06-07", "2027-06-11", 2),
        session("S2", "C1", "2027-09-06", "2027-09-10", 1),
        session("SP", "C2", "2027-07-05", "2027-07-09", 10),
    ] {
        ds.sessions.insert(x.id.clone(), x);
    }
    for p in [
        post("P1", "情報セキュリティ係長", Grade::Chief, &["C1"]),
        post("P2", "PMO課長補佐", Grade::Deputy, &["C1", "C2"]),
    ] {
        ds.posts.insert(p.id.clone(), p);
    }
    let mut away = person("E3", "鈴木 一郎", Grade::Chief);
    away.status = Status::Seconded;
    away.status_until = Some(d("2027-08-31"));
    for s in [
        person("E1", "田中 美咲", Grade::Chief),
        person("E2", "佐藤 健", Grade::Chief),
        away,
        person("E4", "高橋 誠", Grade::Deputy),
    ] {
        ds.staff.insert(s.id.clone(), s);
    }
    for (s, p) in [("E1", "P1"), ("E2", "P1"), ("E3", "P1"), ("E4", "P2")] {
        hold(&mut ds, s, p, false);
    }
    ds
}

fn enroll_op(staff: &str, course: &str, session: Option<&str>) -> TrainingOp {
    TrainingOp::Enroll {
        staff: sid(staff),
        course: cid(course),
        session: session.map(ses),
    }
}

fn errors(ds: &Dataset, op: &TrainingOp) -> Vec<OpError> {
    plan_training(ds, op, today()).expect_err("should be refused")
}

fn messages(errs: &[OpError]) -> Vec<String> {
    errs.iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect()
}

fn ok(ds: &Dataset, op: &TrainingOp) -> Planned {
    plan_training(ds, op, today()).unwrap_or_else(|e| panic!("refused: {:?}", messages(&e)))
}

/// Applies the plan and checks the dataset still obeys every rule.
fn apply(ds: &mut Dataset, p: &Planned) {
    ds.apply(&p.changes);
    assert_eq!(validate(ds), vec![], "after {}", p.summary);
}

fn status_of(ds: &Dataset, staff: &str, course: &str, session: Option<&str>) -> Option<St> {
    let k = crate::domain::EnrollmentKey {
        staff: sid(staff),
        course: cid(course),
        session: session.map(ses),
    };
    ds.enrollments.get(&k).map(|e| e.status)
}

#[test]
fn enroll_puts_one_enrolled_record_dated_today() {
    let mut ds = world();
    let p = ok(&ds, &enroll_op("E1", "C1", Some("S1")));
    assert_eq!(p.action, "enroll");
    assert_eq!(
        p.summary,
        "Enroll E1 田中 美咲 in C1 セキュリティ研修, session S1 (2027-06-07–2027-06-11)"
    );
    assert_eq!(p.entities, vec!["E1", "C1", "S1"]);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(
        p.changes.changes,
        vec![Change::Put(Record::Enrollment(Enrollment {
            staff: sid("E1"),
            course: cid("C1"),
            session: Some(ses("S1")),
            status: St::Enrolled,
            date: Some(today()),
        }))]
    );
    apply(&mut ds, &p);
    assert_eq!(status_of(&ds, "E1", "C1", Some("S1")), Some(St::Enrolled));
}

#[test]
fn enroll_without_a_session_plans_the_course() {
    let mut ds = world();
    let p = ok(&ds, &enroll_op("E1", "C1", None));
    assert_eq!(p.action, "plan-course");
    assert_eq!(
        p.summary,
        "Plan C1 セキュリティ研修 for E1 田中 美咲 (no session yet)"
    );
    apply(&mut ds, &p);
    assert_eq!(status_of(&ds, "E1", "C1", None), Some(St::Planned));
    // A second plan is a duplicate.
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E1", "C1", None))),
        vec!["course: E1 田中 美咲 already has C1 セキュリティ研修 planned on 2026-11-26 (no session yet)"]
    );
}

#[test]
fn a_full_session_is_refused_counting_only_seats_taken() {
    let mut ds = world();
    // S2 has one seat. A plan in it and a cancelled sign-up take no seat.
    put_enrollment(&mut ds, "E2", "C1", Some("S2"), St::Planned, "2026-10-01");
    put_enrollment(&mut ds, "E4", "C1", Some("S2"), St::Cancelled, "2026-10-01");
    assert_eq!(seats_taken(&ds, &ses("S2")), 0);
    ok(&ds, &enroll_op("E1", "C1", Some("S2")));
    put_enrollment(&mut ds, "E2", "C1", Some("S2"), St::Enrolled, "2026-10-01");
    assert_eq!(seats_taken(&ds, &ses("S2")), 1);
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E1", "C1", Some("S2")))),
        vec!["session: session S2 (2027-09-06–2027-09-10) is full: 1 of 1 seat taken"]
    );
}

#[test]
fn enrolling_someone_who_completed_or_is_enrolled_is_refused_with_the_reason() {
    let mut ds = world();
    put_enrollment(&mut ds, "E1", "C1", Some("S0"), St::Completed, "2026-06-05");
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E1", "C1", Some("S1")))),
        vec!["course: E1 田中 美咲 completed C1 セキュリティ研修 on 2026-06-05"]
    );
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E1", "C1", None))),
        vec!["course: E1 田中 美咲 completed C1 セキュリティ研修 on 2026-06-05"]
    );
    put_enrollment(&mut ds, "E2", "C1", Some("S1"), St::Enrolled, "2026-10-01");
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E2", "C1", Some("S2")))),
        vec!["course: E2 佐藤 健 is already enrolled in C1 セキュリティ研修, session S1 (2027-06-07–2027-06-11)"]
    );
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E2", "C1", Some("S1"))))[0],
        "course: E2 佐藤 健 is already enrolled in C1 セキュリティ研修, session S1 (2027-06-07–2027-06-11)"
    );
    // Planned in another session: refused too (move it instead).
    put_enrollment(&mut ds, "E4", "C1", Some("S2"), St::Planned, "2026-10-01");
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E4", "C1", Some("S1")))),
        vec!["course: E4 高橋 誠 is already planned in C1 セキュリティ研修, session S2 (2027-09-06–2027-09-10)"]
    );
    // A failed or cancelled attempt does not stop a retake.
    put_enrollment(&mut ds, "E3", "C1", Some("S0"), St::Failed, "2026-06-05");
    ok(&ds, &enroll_op("E3", "C1", Some("S2")));
}

#[test]
fn a_plan_becomes_the_enrollment() {
    let mut ds = world();
    put_enrollment(&mut ds, "E1", "C1", None, St::Planned, "2026-10-01");
    let p = ok(&ds, &enroll_op("E1", "C1", Some("S1")));
    assert!(p.summary.ends_with("(was planned)"), "{}", p.summary);
    assert_eq!(p.changes.changes.len(), 2);
    assert!(
        matches!(&p.changes.changes[0], Change::Delete(RecordRef::Enrollment(k)) if k.session.is_none())
    );
    apply(&mut ds, &p);
    assert_eq!(status_of(&ds, "E1", "C1", None), None);
    assert_eq!(status_of(&ds, "E1", "C1", Some("S1")), Some(St::Enrolled));
    // A seat planned in a session is confirmed in place.
    put_enrollment(&mut ds, "E2", "C1", Some("S2"), St::Planned, "2026-10-01");
    let p = ok(&ds, &enroll_op("E2", "C1", Some("S2")));
    assert_eq!(p.changes.changes.len(), 1);
    apply(&mut ds, &p);
    assert_eq!(status_of(&ds, "E2", "C1", Some("S2")), Some(St::Enrolled));
}

#[test]
fn a_session_must_belong_to_the_course_and_exist() {
    let ds = world();
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E1", "C1", Some("SP")))),
        vec!["session: session SP belongs to course C2, not C1 セキュリティ研修"]
    );
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E1", "C1", Some("S9")))),
        vec!["session: no session with id 'S9'"]
    );
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E9", "C1", None))),
        vec!["staff: no person with id 'E9'"]
    );
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E1", "C9", None))),
        vec!["course: no course with id 'C9'"]
    );
}

#[test]
fn a_session_that_ended_takes_no_new_enrollment() {
    let ds = world();
    assert_eq!(
        messages(&errors(&ds, &enroll_op("E1", "C1", Some("S0")))),
        vec!["session: session S0 ended on 2026-06-05; it cannot take new enrollments"]
    );
    // Under way: allowed, with a warning.
    let p = plan_training(&ds, &enroll_op("E1", "C1", Some("S0")), d("2026-06-03")).unwrap();
    assert_eq!(p.warnings, vec!["session S0 began on 2026-06-01"]);
}

#[test]
fn grade_and_absence_are_warnings() {
    let ds = world();
    let p = ok(&ds, &enroll_op("E4", "C1", Some("S1")));
    assert_eq!(
        p.warnings,
        vec!["E4 高橋 誠 is 課長補佐 but C1 セキュリティ研修 is for 係員・係長"]
    );
    let p = ok(&ds, &enroll_op("E3", "C1", Some("S1")));
    assert_eq!(
        p.warnings,
        vec![
            "E3 鈴木 一郎 is seconded until 2027-08-31, during session S1 (2027-06-07–2027-06-11)"
        ]
    );
    // Back by September.
    assert!(ok(&ds, &enroll_op("E3", "C1", Some("S2")))
        .warnings
        .is_empty());
}

#[test]
fn move_deletes_the_old_key_and_puts_the_new_one() {
    let mut ds = world();
    put_enrollment(&mut ds, "E1", "C1", Some("S1"), St::Enrolled, "2026-10-01");
    let op = TrainingOp::Move {
        staff: sid("E1"),
        course: cid("C1"),
        to: ses("S2"),
    };
    let p = ok(&ds, &op);
    assert_eq!(p.action, "move-session");
    assert_eq!(
        p.summary,
        "Move E1 田中 美咲 in C1 セキュリティ研修 from session S1 (2027-06-07–2027-06-11) to session S2 (2027-09-06–2027-09-10)"
    );
    assert_eq!(p.entities, vec!["E1", "C1", "S1", "S2"]);
    let before = ds.clone();
    apply(&mut ds, &p);
    assert_eq!(status_of(&ds, "E1", "C1", Some("S1")), None);
    assert_eq!(status_of(&ds, "E1", "C1", Some("S2")), Some(St::Enrolled));
    // Undo gives back exactly the dataset before.
    let diffs = diff(&before, &p.changes);
    let back = undo(&ds, &diffs).unwrap();
    ds.apply(&back);
    assert_eq!(ds, before);
    // S2 is now full (E1 moved there and back; E2 takes it).
    put_enrollment(&mut ds, "E2", "C1", Some("S2"), St::Enrolled, "2026-10-01");
    assert_eq!(
        messages(&errors(&ds, &op)),
        vec!["to: session S2 (2027-09-06–2027-09-10) is full: 1 of 1 seat taken"]
    );
    let same = TrainingOp::Move {
        staff: sid("E1"),
        course: cid("C1"),
        to: ses("S1"),
    };
    assert_eq!(
        messages(&errors(&ds, &same)),
        vec!["to: E1 田中 美咲 is already in C1 セキュリティ研修, session S1 (2027-06-07–2027-06-11)"]
    );
    let ended = TrainingOp::Move {
        staff: sid("E1"),
        course: cid("C1"),
        to: ses("S0"),
    };
    assert_eq!(
        messages(&errors(&ds, &ended)),
        vec!["to: session S0 ended on 2026-06-05; it cannot take new enrollments"]
    );
    // A plan without a session moves into one: it becomes an enrollment.
    put_enrollment(&mut ds, "E3", "C1", None, St::Planned, "2026-10-01");
    let p = ok(
        &ds,
        &TrainingOp::Move {
            staff: sid("E3"),
            course: cid("C1"),
            to: ses("S1"),
        },
    );
    assert_eq!(
        p.summary,
        "Move E3 鈴木 一郎 in C1 セキュリティ研修 from the plan without a session to session S1 (2027-06-07–2027-06-11)"
    );
    assert_eq!(
        p.warnings,
        vec![
            "E3 鈴木 一郎 is seconded until 2027-08-31, during session S1 (2027-06-07–2027-06-11)"
        ]
    );
    apply(&mut ds, &p);
    assert_eq!(status_of(&ds, "E3", "C1", None), None);
    assert_eq!(status_of(&ds, "E3", "C1", Some("S1")), Some(St::Enrolled));
    let nobody = TrainingOp::Move {
        staff: sid("E4"),
        course: cid("C1"),
        to: ses("S1"),
    };
    assert_eq!(
        messages(&errors(&ds, &nobody)),
        vec!["course: E4 高橋 誠 has no enrollment in C1 セキュリティ研修 to move; enroll them first"]
    );
}

#[test]
fn complete_marks_the_live_enrollment_on_a_date() {
    let mut ds = world();
    put_enrollment(&mut ds, "E1", "C1", Some("S0"), St::Enrolled, "2026-04-01");
    let op = |on: &str| TrainingOp::Complete {
        staff: sid("E1"),
        course: cid("C1"),
        on: d(on),
    };
    assert_eq!(
        messages(&errors(&ds, &op("2026-05-31"))),
        vec!["on: 2026-05-31 is before session S0 began (2026-06-01)"]
    );
    assert_eq!(
        messages(&errors(&ds, &op("2026-12-01"))),
        vec!["on: 2026-12-01 is after today (2026-11-26); a course is marked completed once it is over"]
    );
    let p = ok(&ds, &op("2026-06-05"));
    assert_eq!(p.action, "complete");
    assert_eq!(
        p.summary,
        "Mark E1 田中 美咲 completed C1 セキュリティ研修, session S0 on 2026-06-05"
    );
    apply(&mut ds, &p);
    let k = crate::domain::EnrollmentKey {
        staff: sid("E1"),
        course: cid("C1"),
        session: Some(ses("S0")),
    };
    assert_eq!(ds.enrollments[&k].status, St::Completed);
    assert_eq!(ds.enrollments[&k].date, Some(d("2026-06-05")));
    assert_eq!(
        messages(&errors(&ds, &op("2026-06-05"))),
        vec!["course: E1 田中 美咲 completed C1 セキュリティ研修 on 2026-06-05"]
    );
    // Nothing to complete.
    let none = TrainingOp::Complete {
        staff: sid("E2"),
        course: cid("C1"),
        on: today(),
    };
    assert_eq!(
        messages(&errors(&ds, &none)),
        vec!["course: E2 佐藤 健 has no enrollment in C1 セキュリティ研修 to complete; enroll them first"]
    );
}

#[test]
fn completing_a_plan_is_allowed_and_takes_a_seat() {
    let mut ds = world();
    // A bare plan: completed without a session (taken elsewhere, recorded late).
    put_enrollment(&mut ds, "E1", "C1", None, St::Planned, "2026-04-01");
    let p = ok(
        &ds,
        &TrainingOp::Complete {
            staff: sid("E1"),
            course: cid("C1"),
            on: d("2026-09-30"),
        },
    );
    apply(&mut ds, &p);
    assert_eq!(status_of(&ds, "E1", "C1", None), Some(St::Completed));
    // A plan in a full session cannot be completed: that would overfill it.
    let mut small = world();
    small.sessions.get_mut(&ses("S0")).unwrap().capacity = 1;
    put_enrollment(
        &mut small,
        "E2",
        "C1",
        Some("S0"),
        St::Completed,
        "2026-06-05",
    );
    put_enrollment(
        &mut small,
        "E3",
        "C1",
        Some("S0"),
        St::Planned,
        "2026-04-01",
    );
    let e = errors(
        &small,
        &TrainingOp::Complete {
            staff: sid("E3"),
            course: cid("C1"),
            on: d("2026-06-05"),
        },
    );
    assert_eq!(
        messages(&e),
        vec!["session: session S0 (2026-06-01–2026-06-05) is full: 1 of 1 seat taken"]
    );
}

#[test]
fn fail_marks_the_enrollment_failed_and_leaves_a_gap() {
    let mut ds = world();
    put_enrollment(&mut ds, "E1", "C1", Some("S0"), St::Enrolled, "2026-04-01");
    let p = ok(
        &ds,
        &TrainingOp::Fail {
            staff: sid("E1"),
            course: cid("C1"),
            on: d("2026-06-05"),
        },
    );
    assert_eq!(p.action, "fail");
    assert_eq!(
        p.summary,
        "Mark E1 田中 美咲 failed C1 セキュリティ研修, session S0 on 2026-06-05"
    );
    apply(&mut ds, &p);
    assert_eq!(status_of(&ds, "E1", "C1", Some("S0")), Some(St::Failed));
    assert_eq!(
        course_progress(&ds, &sid("E1"), &cid("C1")),
        Progress::Missing { failed: true }
    );
    let g = gaps(&ds, today());
    assert!(g.iter().any(|g| g.staff == sid("E1") && g.failed));
}

#[test]
fn cancel_marks_the_enrollment_cancelled_and_frees_the_seat() {
    let mut ds = world();
    put_enrollment(&mut ds, "E1", "C1", Some("S2"), St::Enrolled, "2026-10-01");
    assert!(errors(&ds, &enroll_op("E2", "C1", Some("S2")))[0]
        .message
        .contains("is full"));
    let op = TrainingOp::Cancel {
        staff: sid("E1"),
        course: cid("C1"),
    };
    let p = ok(&ds, &op);
    assert_eq!(p.action, "cancel");
    assert_eq!(
        p.summary,
        "Cancel E1 田中 美咲's enrollment in C1 セキュリティ研修, session S2 (2027-09-06–2027-09-10)"
    );
    apply(&mut ds, &p);
    let k = crate::domain::EnrollmentKey {
        staff: sid("E1"),
        course: cid("C1"),
        session: Some(ses("S2")),
    };
    assert_eq!(ds.enrollments[&k].status, St::Cancelled);
    assert_eq!(ds.enrollments[&k].date, Some(today()));
    ok(&ds, &enroll_op("E2", "C1", Some("S2")));
    // Nothing live left to cancel; the message names the last attempt.
    assert_eq!(
        messages(&errors(&ds, &op)),
        vec!["course: E1 田中 美咲 has no enrollment in C1 セキュリティ研修 to cancel (the last one, session S2 (2027-09-06–2027-09-10), was cancelled on 2026-11-26); enroll them first"]
    );
    // Re-enrolling in the same session overwrites the cancelled record.
    let p = ok(&ds, &enroll_op("E1", "C1", Some("S2")));
    apply(&mut ds, &p);
    assert_eq!(ds.enrollments[&k].status, St::Enrolled);
    // A completed course cannot be cancelled.
    put_enrollment(&mut ds, "E4", "C2", Some("SP"), St::Completed, "2026-07-09");
    assert_eq!(
        messages(&errors(
            &ds,
            &TrainingOp::Cancel {
                staff: sid("E4"),
                course: cid("C2"),
            }
        )),
        vec!["course: E4 高橋 誠 completed C2 PM研修 on 2026-07-09; a completed course cannot be cancelled"]
    );
}

#[test]
fn the_live_enrollment_is_the_latest() {
    let mut ds = world();
    put_enrollment(&mut ds, "E1", "C1", Some("S0"), St::Failed, "2026-06-05");
    put_enrollment(&mut ds, "E1", "C1", Some("S1"), St::Enrolled, "2026-10-01");
    put_enrollment(&mut ds, "E1", "C1", Some("S2"), St::Cancelled, "2026-11-01");
    let e = current_enrollment(&ds, &sid("E1"), &cid("C1")).unwrap();
    assert_eq!(e.session, Some(ses("S1")));
    put_enrollment(&mut ds, "E2", "C1", None, St::Planned, "2026-01-01");
    put_enrollment(&mut ds, "E2", "C1", Some("S1"), St::Planned, "2026-02-01");
    let e = current_enrollment(&ds, &sid("E2"), &cid("C1")).unwrap();
    assert_eq!(e.session, Some(ses("S1")));
}

#[test]
fn gaps_are_post_courses_neither_completed_nor_enrolled() {
    let mut ds = world();
    // E1: completed C1. E2: a bare plan (still a gap, flagged planned). E3: planned
    // in a session (not a gap). E4: enrolled in C2, nothing for C1.
    put_enrollment(&mut ds, "E1", "C1", Some("S0"), St::Completed, "2026-06-05");
    put_enrollment(&mut ds, "E2", "C1", None, St::Planned, "2026-10-01");
    put_enrollment(&mut ds, "E3", "C1", Some("S2"), St::Planned, "2026-10-01");
    put_enrollment(&mut ds, "E4", "C2", Some("SP"), St::Enrolled, "2026-10-01");
    // A concurrent holder of P2 is not expected to take its courses.
    ds.staff
        .insert(sid("E5"), person("E5", "伊藤 翼", Grade::Deputy));
    hold(&mut ds, "E5", "P2", true);
    let got: Vec<(String, String, String, bool)> = gaps(&ds, today())
        .into_iter()
        .map(|g| {
            (
                g.course.to_string(),
                g.staff.to_string(),
                g.post.to_string(),
                g.planned,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("C1".into(), "E2".into(), "P1".into(), true),
            ("C1".into(), "E4".into(), "P2".into(), false),
        ]
    );
    let g = &gaps(&ds, today())[1];
    assert_eq!(g.name, "高橋 誠");
    assert_eq!(g.post_title, "PMO課長補佐");
    assert_eq!(g.course_name, "セキュリティ研修");
    // Once E4's holding ends, E4 has no post and no gap.
    let mut a = ds.assignments_of(&sid("E4")).next().unwrap().clone();
    a.end = Some(d("2026-10-31"));
    ds.assignments.insert(a.key(), a);
    assert_eq!(gaps(&ds, today()).len(), 1);
    assert_eq!(gaps_in(&ds, today(), Some(&cid("C2"))), vec![]);
}

#[test]
fn progress_lists_each_course_of_the_post() {
    let mut ds = world();
    put_enrollment(&mut ds, "E4", "C2", Some("SP"), St::Enrolled, "2026-10-01");
    assert_eq!(
        progress(&ds, &sid("E4"), today()),
        vec![
            CourseProgress {
                course: cid("C1"),
                name: "セキュリティ研修".into(),
                progress: Progress::Missing { failed: false },
            },
            CourseProgress {
                course: cid("C2"),
                name: "PM研修".into(),
                progress: Progress::Enrolled {
                    status: St::Enrolled,
                    session: Some(ses("SP")),
                    start: Some(d("2027-07-05")),
                    end: Some(d("2027-07-09")),
                },
            },
        ]
    );
    put_enrollment(&mut ds, "E4", "C1", None, St::Planned, "2026-10-01");
    put_enrollment(&mut ds, "E4", "C2", Some("SP"), St::Completed, "2027-07-09");
    let got: Vec<Progress> = progress(&ds, &sid("E4"), today())
        .into_iter()
        .map(|c| c.progress)
        .collect();
    assert_eq!(
        got,
        vec![
            Progress::Planned {
                since: Some(d("2026-10-01"))
            },
            Progress::Completed {
                on: Some(d("2027-07-09")),
                session: Some(ses("SP"))
            },
        ]
    );
    let json = serde_json::to_value(&progress(&ds, &sid("E4"), today())[1]).unwrap();
    assert_eq!(json["state"], "completed");
    assert_eq!(json["on"], "2027-07-09");
    assert_eq!(progress(&ds, &sid("E9"), today()), vec![]);
}

#[test]
fn bulk_enrollment_fills_sessions_in_date_order_and_lists_who_does_not_fit() {
    let mut ds = world();
    // E3 is seconded until the end of 2027: not put in any session; E5 still fits.
    ds.staff.get_mut(&sid("E3")).unwrap().status_until = Some(d("2027-12-31"));
    ds.staff
        .insert(sid("E5"), person("E5", "伊藤 翼", Grade::Chief));
    ds.staff
        .insert(sid("E6"), person("E6", "渡辺 蓮", Grade::Chief));
    hold(&mut ds, "E5", "P1", false);
    hold(&mut ds, "E6", "P1", false);
    // E2 has a bare plan: it becomes the enrollment.
    put_enrollment(&mut ds, "E2", "C1", None, St::Planned, "2026-10-01");
    let b = bulk_enroll(&ds, &cid("C1"), today());
    // Gap order: E1, E2, E3, E4, E5, E6. S1 (2 seats) takes E1 and E2; S2 (1 seat)
    // takes E4; E3 is away; E5 and E6 find every session full.
    assert_eq!(
        b.placed,
        vec![
            (sid("E1"), ses("S1")),
            (sid("E2"), ses("S1")),
            (sid("E4"), ses("S2")),
        ]
    );
    assert_eq!(
        b.left,
        vec![
            (
                sid("E3"),
                "E3 鈴木 一郎 is seconded until 2027-12-31 at the start of every upcoming session of C1 with a free seat".to_string()
            ),
            (
                sid("E5"),
                "every upcoming session of C1 セキュリティ研修 is full".to_string()
            ),
            (
                sid("E6"),
                "every upcoming session of C1 セキュリティ研修 is full".to_string()
            ),
        ]
    );
    let p = b.planned.unwrap();
    assert_eq!(p.action, "bulk-enroll");
    assert_eq!(
        p.summary,
        "Enroll 3 people in C1 セキュリティ研修 (S1 ×2, S2 ×1)"
    );
    assert_eq!(
        p.warnings,
        vec!["E4 高橋 誠 is 課長補佐 but C1 セキュリティ研修 is for 係員・係長"]
    );
    // The bare plan is deleted; three enrollments put: one change set.
    assert_eq!(p.changes.changes.len(), 4);
    apply(&mut ds, &p);
    assert_eq!(status_of(&ds, "E2", "C1", None), None);
    assert_eq!(seats_taken(&ds, &ses("S1")), 2);
    assert_eq!(seats_taken(&ds, &ses("S2")), 1);
    let left: Vec<String> = gaps_in(&ds, today(), Some(&cid("C1")))
        .into_iter()
        .map(|g| g.staff.to_string())
        .collect();
    assert_eq!(left, vec!["E3", "E5", "E6"]);
    // Everything is full now: nobody fits, nothing to write.
    let again = bulk_enroll(&ds, &cid("C1"), today());
    assert_eq!(again.planned, None);
    assert!(again.placed.is_empty());
    assert_eq!(again.left.len(), 3);
}

#[test]
fn bulk_enrollment_without_upcoming_sessions_leaves_everyone() {
    let ds = world();
    let b = bulk_enroll(&ds, &cid("C1"), d("2027-10-01"));
    assert_eq!(b.planned, None);
    assert_eq!(b.left.len(), 4);
    assert_eq!(
        b.left[0].1,
        "no session of C1 セキュリティ研修 starts on or after 2027-10-01"
    );
    // Sessions that start today count as upcoming.
    let b = bulk_enroll(&ds, &cid("C1"), d("2027-09-06"));
    assert_eq!(b.placed, vec![(sid("E1"), ses("S2"))]);
    // An unknown course has no gaps.
    assert_eq!(bulk_enroll(&ds, &cid("C9"), today()).left, vec![]);
}
