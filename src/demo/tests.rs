//! Tests of the demo ministry as a whole: validity, sizes, and the situations the
//! panes need to show (vacancies, due holders, returning secondees, course gaps, full
//! sessions, every enrollment status).

use super::*;
use crate::domain::date::months_between;
use crate::domain::{validate, EnrollmentStatus, Grade, Status};
use std::collections::BTreeMap;

fn holders_today(ds: &Dataset) -> Vec<&crate::domain::Assignment> {
    ds.assignments
        .values()
        .filter(|a| a.covers(TODAY))
        .collect()
}

#[test]
fn ministry_passes_validation_for_several_seeds() {
    for seed in [0, 1, 2, 42] {
        let v = validate(&ministry(seed));
        assert!(v.is_empty(), "seed {seed}: {:?}", &v[..v.len().min(5)]);
    }
}

#[test]
fn ministry_has_the_planned_size() {
    let ds = ministry(1);
    assert_eq!(ds.staff.len(), 300);
    assert_eq!(ds.posts.len(), 84);
    assert_eq!(ds.units.len(), 26);
    assert_eq!(ds.courses.len(), 17);
    assert_eq!(ds.sessions.len(), 208);
    assert_eq!(ds.staff.keys().next().unwrap().as_str(), "E0001");
    assert_eq!(ds.staff.keys().last().unwrap().as_str(), "E0300");
}

#[test]
fn same_seed_same_ministry_other_seed_other_ministry() {
    assert_eq!(ministry(7), ministry(7));
    assert_ne!(ministry(7).staff, ministry(8).staff);
}

#[test]
fn some_posts_are_vacant_today_including_ones_held_before() {
    let ds = ministry(3);
    let held: Vec<&crate::domain::PostId> = holders_today(&ds).iter().map(|a| &a.post).collect();
    let vacant: Vec<_> = ds.posts.keys().filter(|p| !held.contains(p)).collect();
    assert!(vacant.len() >= 3, "{vacant:?}");
    assert!(vacant
        .iter()
        .any(|p| ds.assignments.values().any(|a| &a.post == *p)));
}

#[test]
fn some_holders_are_due_at_the_next_rotation() {
    let ds = ministry(3);
    let due = holders_today(&ds)
        .into_iter()
        .filter(|a| !a.concurrent && months_between(a.start, NEXT_ROTATION) >= 24)
        .count();
    assert!(due >= 10, "{due}");
}

#[test]
fn seconded_people_hold_no_post_and_one_returns_before_april() {
    for seed in [1, 2, 3] {
        let ds = ministry(seed);
        let today = holders_today(&ds);
        let seconded: Vec<_> = ds
            .staff
            .values()
            .filter(|s| s.status == Status::Seconded)
            .collect();
        assert_eq!(seconded.len(), 15);
        for s in &seconded {
            assert!(
                today.iter().all(|a| a.staff != s.id),
                "{} holds a post",
                s.id
            );
            assert!(s.notes.contains("出向中"), "{}", s.notes);
        }
        assert!(seconded
            .iter()
            .any(|s| s.status_until.is_some_and(|u| u < NEXT_ROTATION)));
        assert_eq!(
            ds.staff
                .values()
                .filter(|s| s.status == Status::Leave)
                .count(),
            5
        );
    }
}

#[test]
fn some_holders_lack_their_posts_course() {
    let ds = ministry(4);
    let gaps = holders_today(&ds)
        .into_iter()
        .filter(|a| {
            let post = &ds.posts[&a.post];
            !post.courses.iter().any(|c| {
                ds.enrollments_of(&a.staff)
                    .any(|e| &e.course == c && e.status.is_live())
            })
        })
        .count();
    assert!(gaps >= 3, "{gaps}");
}

#[test]
fn a_session_is_exactly_full_and_none_is_over() {
    let ds = ministry(5);
    let mut taken: BTreeMap<&crate::domain::SessionId, u16> = BTreeMap::new();
    for e in ds.enrollments.values().filter(|e| e.status.takes_seat()) {
        *taken.entry(e.session.as_ref().unwrap()).or_default() += 1;
    }
    let full: Vec<_> = ds
        .sessions
        .values()
        .filter(|s| taken.get(&s.id) == Some(&s.capacity))
        .collect();
    assert!(full.len() >= 2, "{}", full.len());
    assert!(full.iter().any(|s| s.start > TODAY));
    assert!(ds
        .sessions
        .values()
        .all(|s| taken.get(&s.id).copied().unwrap_or(0) <= s.capacity));
}

#[test]
fn every_enrollment_status_occurs() {
    let ds = ministry(6);
    for st in EnrollmentStatus::ALL {
        let n = ds.enrollments.values().filter(|e| e.status == *st).count();
        assert!(n >= 3, "{st}: {n}");
    }
    let planned = ds
        .enrollments
        .values()
        .filter(|e| e.status == EnrollmentStatus::Planned);
    assert!(planned.clone().all(|e| e.session.is_none()));
    let completed = ds
        .enrollments
        .values()
        .filter(|e| e.status == EnrollmentStatus::Completed);
    assert!(completed.clone().all(|e| e.date.is_some_and(|d| d < TODAY)));
}

#[test]
fn history_is_long_mostly_april_with_concurrent_posts_and_grade_mismatches() {
    let ds = ministry(8);
    let all: Vec<_> = ds.assignments.values().collect();
    assert!(all.iter().any(|a| a.start <= jiff::civil::date(2019, 4, 1)));
    let april = all
        .iter()
        .filter(|a| a.start.month() == 4 && a.start.day() == 1)
        .count();
    assert!(april * 10 >= all.len() * 8, "{april}/{}", all.len());
    assert!(all
        .iter()
        .any(|a| a.start.month() == 7 || a.start.month() == 10));
    assert!(all.iter().any(|a| a.concurrent));
    let mismatch = holders_today(&ds)
        .into_iter()
        .filter(|a| ds.staff[&a.staff].grade != ds.posts[&a.post].grade)
        .count();
    assert!(mismatch >= 1);
}

#[test]
fn young_staff_see_more_than_one_field() {
    let ds = ministry(9);
    let movers = ds
        .staff
        .values()
        .filter(|s| s.grade.is_junior())
        .filter(|s| {
            let mut fields: Vec<_> = ds
                .assignments_of(&s.id)
                .map(|a| ds.posts[&a.post].field)
                .collect();
            fields.sort();
            fields.dedup();
            fields.len() >= 2
        })
        .count();
    assert!(movers >= 5, "{movers}");
}

#[test]
fn names_and_kana_are_family_then_given_with_one_space() {
    let ds = ministry(10);
    for s in ds.staff.values() {
        assert_eq!(s.name.split(' ').count(), 2, "{}", s.name);
        let parts: Vec<&str> = s.kana.split(' ').collect();
        assert_eq!(parts.len(), 2, "{}", s.kana);
        assert!(parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| ('\u{30A1}'..='\u{30FC}').contains(&c))));
    }
}

#[test]
fn staff_profiles_are_plausible() {
    let ds = ministry(11);
    let n = ds.staff.len();
    let young_candidates = ds
        .staff
        .values()
        .filter(|s| s.candidate && s.age_in(2026) < Some(35))
        .count();
    assert!(young_candidates * 4 > n / 2, "{young_candidates}");
    assert!(ds.staff.values().any(|s| s.promotable));
    assert!(ds.staff.values().filter(|s| !s.wishes.is_empty()).count() > n / 5);
    assert!(ds.staff.values().filter(|s| !s.notes.is_empty()).count() > n / 10);
    assert!(ds.staff.values().filter(|s| !s.skills.is_empty()).count() > n / 2);
    for s in ds.staff.values() {
        let age = s.age_in(2026).unwrap();
        assert!((22..=60).contains(&age));
        assert!(s.grade != Grade::Manager || age >= 35);
        assert!(s.skills.0.values().all(|l| (1..=4).contains(l)));
    }
}

#[test]
fn no_hash_map_in_the_generator() {
    let needle = concat!("Hash", "Map");
    for src in [
        include_str!("mod.rs"),
        include_str!("names.rs"),
        include_str!("org.rs"),
        include_str!("people.rs"),
        include_str!("history.rs"),
        include_str!("history_tests.rs"),
        include_str!("finish.rs"),
        include_str!("training.rs"),
        include_str!("enroll.rs"),
        include_str!("synthetic.rs"),
        include_str!("assemble.rs"),
    ] {
        assert!(!src.contains(needle));
    }
}

#[test]
fn synthetic_has_the_exact_size_and_is_valid() {
    let ds = synthetic(&Spec {
        staff: 1000,
        posts: 300,
        seed: 1,
    });
    assert_eq!(ds.staff.len(), 1000);
    assert_eq!(ds.posts.len(), 300);
    let v = validate(&ds);
    assert!(v.is_empty(), "{:?}", &v[..v.len().min(5)]);
}

#[test]
fn nobody_takes_a_course_twice() {
    let ds = ministry(12);
    let mut live: BTreeMap<(&crate::domain::StaffId, &crate::domain::CourseId), usize> =
        BTreeMap::new();
    for e in ds.enrollments.values().filter(|e| e.status.is_live()) {
        *live.entry((&e.staff, &e.course)).or_default() += 1;
    }
    assert!(live.values().all(|n| *n == 1));
}
