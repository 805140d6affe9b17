use super::*;
use crate::domain::fit::{holders_on, holdings_by_post};

fn pane_over(ds: Dataset, today: Date) -> PostsPane {
    let mut pane = PostsPane::default();
    pane.load(&Loaded::new(ds, today, 24), today, 24, 20);
    pane
}

#[test]
fn histories_and_holders_match_the_domain_functions() {
    let ds = crate::demo::synthetic(&crate::demo::Spec {
        staff: 400,
        posts: 80,
        seed: 3,
    });
    let today = crate::demo::TODAY;
    let pane = pane_over(ds.clone(), today);
    let by_post = holdings_by_post(&ds);
    let none = Vec::new();
    for (item, post) in pane.posts.iter().zip(ds.posts.values()) {
        assert_eq!(item.id, post.id);
        let want = by_post.get(&post.id).unwrap_or(&none);
        let got: Vec<(StaffId, Date)> = item
            .history
            .iter()
            .map(|h| (pane.staff_ids[h.staff as usize].clone(), h.start))
            .collect();
        let want_keys: Vec<(StaffId, Date)> =
            want.iter().map(|a| (a.staff.clone(), a.start)).collect();
        assert_eq!(got, want_keys, "{}", post.id);
        assert_eq!(
            item.problems,
            problems(&ds, post, want, today, 24),
            "{}",
            post.id
        );
        let mut on: Vec<(bool, Date, StaffId)> = holders_on(want, today)
            .iter()
            .map(|a| (a.concurrent, a.start, a.staff.clone()))
            .collect();
        on.sort();
        let held: Vec<(bool, Date, StaffId)> = item
            .holders
            .iter()
            .map(|h| (h.concurrent, h.start, h.staff.clone()))
            .collect();
        assert_eq!(held, on, "{}", post.id);
    }
    // Every post sits under exactly one unit, and units are in depth-first order.
    let listed: usize = pane.units.iter().map(|u| u.posts.len()).sum();
    assert_eq!(listed, pane.posts.len());
    for (i, u) in pane.units.iter().enumerate() {
        assert!(u.end > i && u.end <= pane.units.len());
        if let Some(p) = u.parent {
            assert!(p < i && pane.units[p].end >= u.end);
            assert_eq!(u.depth, pane.units[p].depth + 1);
        }
    }
}

#[test]
fn units_in_a_loop_and_missing_units_still_show_their_posts() {
    use crate::domain::{Post, Skills, Unit};
    let mut ds = Dataset::default();
    for (id, parent) in [("A", Some("B")), ("B", Some("A")), ("C", None)] {
        let u = Unit {
            id: UnitId::new_unchecked(id),
            name: format!("unit {id}"),
            name_en: String::new(),
            parent: parent.map(UnitId::new_unchecked),
        };
        ds.units.insert(u.id.clone(), u);
    }
    for (id, unit) in [("P1", "A"), ("P2", "C"), ("P3", "GONE")] {
        let p = Post {
            id: PostId::new_unchecked(id),
            unit: UnitId::new_unchecked(unit),
            title: format!("post {id}"),
            grade: Grade::Staff,
            field: Field::Ops,
            impact: Impact::Normal,
            skills: Skills::default(),
            courses: vec![],
            capacity: 1,
            closed: None,
        };
        ds.posts.insert(p.id.clone(), p);
    }
    let pane = pane_over(ds, crate::demo::TODAY);
    let ids: Vec<&str> = pane.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, vec!["C", "GONE", "A", "B"]);
    assert_eq!(pane.rows.len(), 4 + 3);
    assert!(pane.posts.iter().all(|p| p.marks.has(Mark::Vacant)));
}
