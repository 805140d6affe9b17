//! Tests of the rotation simulation: no overlaps, away people hold nothing, April
//! moves, old tenures, 併任, never-filled posts, posts kept vacant.

use super::*;
use crate::demo::{org, people};
use rand::SeedableRng;

fn run(seed: u64) -> (Vec<Person>, Vec<Post>, Vec<Held>) {
    let mut rng = Rng::seed_from_u64(seed);
    let org = org::ministry();
    let ps = people::generate(300, &mut rng);
    let held = simulate(&org.posts, &org.unfilled, &ps, &mut rng);
    (ps, org.posts, held)
}

#[test]
fn nobody_holds_two_primary_posts_at_once() {
    let (ps, _, held) = run(1);
    for i in 0..ps.len() {
        let mut mine: Vec<&Held> = held
            .iter()
            .filter(|h| h.person == i && !h.concurrent)
            .collect();
        mine.sort_by_key(|h| h.start);
        for w in mine.windows(2) {
            assert!(w[0].end.is_some_and(|e| e < w[1].start), "{i}: {:?}", w);
        }
    }
}

#[test]
fn people_away_today_hold_nothing_today() {
    let (ps, _, held) = run(2);
    for h in held.iter().filter(|h| h.end.is_none()) {
        assert!(!ps[h.person].away_at(TODAY), "{}", ps[h.person].staff.id);
    }
}

#[test]
fn most_moves_happen_on_april_first_and_history_reaches_back() {
    let (_, _, held) = run(3);
    let april = held
        .iter()
        .filter(|h| h.start.month() == 4 && h.start.day() == 1)
        .count();
    assert!(april * 10 > held.len() * 8, "{april} of {}", held.len());
    assert!(held.iter().any(|h| h.start < date(2016, 4, 1)));
    assert!(held.iter().any(|h| h.concurrent));
}

#[test]
fn new_posts_are_never_filled() {
    let (_, posts, held) = run(4);
    let new: Vec<usize> = (0..posts.len())
        .filter(|&i| posts[i].title == "AI政策係長")
        .collect();
    assert_eq!(new.len(), 1);
    assert!(held.iter().all(|h| h.post != new[0]));
}

#[test]
fn at_least_two_posts_held_before_are_vacant_today() {
    for seed in [5, 185] {
        let (_, posts, held) = run(seed);
        let vacant = (0..posts.len())
            .filter(|&p| held.iter().any(|h| h.post == p))
            .filter(|&p| !held.iter().any(|h| h.post == p && h.end.is_none()))
            .count();
        assert!(vacant >= 2, "seed {seed}: {vacant}");
    }
}

#[test]
fn this_year_shows_a_concurrent_post_and_a_stretch_placement() {
    for seed in [6, 7] {
        let (ps, posts, held) = run(seed);
        let today: Vec<&Held> = held.iter().filter(|h| h.end.is_none()).collect();
        assert!(today.iter().any(|h| h.concurrent), "seed {seed}");
        assert!(today
            .iter()
            .any(|h| !h.concurrent && ps[h.person].staff.grade != posts[h.post].grade));
    }
}
