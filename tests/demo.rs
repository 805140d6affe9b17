//! The demo generators through the public API: determinism, validity, exact sizes,
//! and (ignored by default; run in release) the 100k-staff scale case.

use jinzai::demo::{ministry, synthetic, Spec, NEXT_ROTATION, TODAY};
use jinzai::domain::{validate, Dataset, Status};
use std::time::Instant;

fn assert_valid(ds: &Dataset) {
    let v = validate(ds);
    assert!(
        v.is_empty(),
        "{} violations, first: {:?}",
        v.len(),
        &v[..v.len().min(5)]
    );
}

#[test]
fn ministry_is_deterministic_per_seed() {
    let a = ministry(2026);
    assert_eq!(a, ministry(2026));
    let b = ministry(2027);
    assert_ne!(a.staff, b.staff);
    assert_ne!(a.assignments, b.assignments);
    // The organisation is the ministry's, whatever the seed.
    assert_eq!(a.units, b.units);
    assert_eq!(a.posts, b.posts);
}

#[test]
fn ministry_sizes_are_in_range_and_it_validates() {
    for seed in [100, 200] {
        let ds = ministry(seed);
        assert!((250..=350).contains(&ds.staff.len()));
        assert!((70..=90).contains(&ds.posts.len()));
        assert!((12..=18).contains(&ds.courses.len()));
        assert!(ds.assignments.len() > ds.staff.len());
        assert!(ds.enrollments.len() > ds.staff.len());
        assert_valid(&ds);
    }
}

#[test]
fn ministry_names_the_plans_units_and_posts() {
    let ds = ministry(0);
    let unit = |name: &str| {
        ds.units
            .values()
            .find(|u| u.name == name)
            .map(|u| u.id.as_str())
    };
    assert_eq!(unit("情報システム室"), Some("U02"));
    assert_eq!(unit("業務改革課"), Some("U03"));
    assert_eq!(unit("貿易管理部"), Some("U07"));
    assert_eq!(unit("特許庁"), Some("U16"));
    assert_eq!(unit("サイバーセキュリティ課"), Some("U12"));
    let p = &ds.posts[&jinzai::domain::PostId::new_unchecked("P002")];
    assert_eq!(p.title, "統括情報セキュリティ対策官補佐");
    assert_eq!(p.courses[0].as_str(), "C-NCO-SEC");
    assert!(ds
        .courses
        .contains_key(&jinzai::domain::CourseId::new_unchecked("C-IN-AI")));
}

#[test]
fn ministry_shows_a_returning_secondee() {
    let ds = ministry(0);
    assert!(ds.staff.values().any(|s| s.status == Status::Seconded
        && s.status_until
            .is_some_and(|u| u > TODAY && u < NEXT_ROTATION)));
}

#[test]
fn ministry_survives_a_json_round_trip() {
    let ds = ministry(3);
    let doc = ds.to_document(1);
    let json = serde_json::to_string(&doc).unwrap();
    let back =
        jinzai::domain::Dataset::from_document(serde_json::from_str(&json).unwrap()).unwrap();
    assert_eq!(back, ds);
}

#[test]
fn synthetic_is_exactly_the_asked_size_and_validates() {
    let ds = synthetic(&Spec {
        staff: 2000,
        posts: 400,
        seed: 9,
    });
    assert_eq!(ds.staff.len(), 2000);
    assert_eq!(ds.posts.len(), 400);
    assert_eq!(ds.courses.len(), 17);
    assert_eq!(ds.staff.keys().last().unwrap().as_str(), "E2000");
    assert_eq!(ds.posts.keys().last().unwrap().as_str(), "P400");
    assert_valid(&ds);
}

#[test]
fn synthetic_is_deterministic_and_shares_surnames() {
    let spec = Spec {
        staff: 1000,
        posts: 300,
        seed: 4,
    };
    let a = synthetic(&spec);
    assert_eq!(a, synthetic(&spec));
    assert_ne!(a.staff, synthetic(&Spec { seed: 5, ..spec }).staff);
    let sato = a
        .staff
        .values()
        .filter(|s| s.name.starts_with("佐藤 "))
        .count();
    assert!(sato >= 20, "{sato}");
}

#[test]
fn tiny_synthetic_organisations_work() {
    for (staff, posts) in [(0, 0), (1, 1), (5, 2), (30, 10), (20, 0), (0, 20)] {
        let ds = synthetic(&Spec {
            staff,
            posts,
            seed: 1,
        });
        assert_eq!((ds.staff.len(), ds.posts.len()), (staff, posts));
        assert_valid(&ds);
    }
}

/// Run with `cargo test --release --test demo -- --ignored --nocapture`.
#[test]
#[ignore]
fn synthetic_at_government_scale() {
    for (staff, posts) in [(1_000, 300), (10_000, 2_000), (100_000, 20_000)] {
        let t = Instant::now();
        let ds = synthetic(&Spec {
            staff,
            posts,
            seed: 1,
        });
        let gen = t.elapsed();
        let t = Instant::now();
        let v = validate(&ds);
        println!(
            "{staff} staff / {posts} posts: generated in {gen:?}, validated in {:?}; {:?}",
            t.elapsed(),
            ds.counts()
        );
        assert_eq!((ds.staff.len(), ds.posts.len()), (staff, posts));
        assert!(v.is_empty(), "{:?}", &v[..v.len().min(5)]);
    }
}
