use super::*;
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn e(staff: u32, slot: u32, score: i64) -> Edge {
    Edge { staff, slot, score }
}

fn prob(n_staff: usize, n_slots: usize, edges: Vec<Edge>) -> Problem {
    Problem {
        n_staff,
        n_slots,
        edges,
    }
}

/// Options that force candidate pruning even on tiny problems (and the insertion of
/// the nodes with the fewest edges first).
fn pruned(k: usize) -> Options {
    Options {
        top_k: k,
        slot_top_k: k / 2,
        prune_above: 0,
        search_budget: 2,
        short_first_above: 0,
    }
}

/// Settings that exercise every path: plain searches, pruning with repairs, phases.
fn all_options() -> Vec<Options> {
    let phases_only = |o: Options| Options {
        search_budget: 0,
        ..o
    };
    vec![
        Options::default(),
        pruned(1),
        pruned(2),
        phases_only(pruned(1)),
        Options {
            top_k: 0,
            slot_top_k: 0,
            prune_above: 0,
            search_budget: 3,
            short_first_above: 0,
        },
        phases_only(Options::default()),
    ]
}

/// Maximum over all matchings by enumeration (any edge, negative ones included, may be
/// chosen or not; anyone may stay unmatched).
fn brute_force(p: &Problem) -> i64 {
    let mut w = vec![vec![None::<i64>; p.n_slots]; p.n_staff];
    for e in &p.edges {
        if (e.staff as usize) < p.n_staff && (e.slot as usize) < p.n_slots {
            let c = &mut w[e.staff as usize][e.slot as usize];
            *c = Some(c.map_or(e.score, |x| x.max(e.score)));
        }
    }
    fn go(i: usize, w: &[Vec<Option<i64>>], used: &mut Vec<bool>) -> i64 {
        if i == w.len() {
            return 0;
        }
        let mut best = go(i + 1, w, used);
        for j in 0..used.len() {
            if let (false, Some(s)) = (used[j], w[i][j]) {
                used[j] = true;
                best = best.max(s + go(i + 1, w, used));
                used[j] = false;
            }
        }
        best
    }
    go(0, &w, &mut vec![false; p.n_slots])
}

fn assert_valid(p: &Problem, s: &Solution) {
    if let Err(msg) = verify(p, s) {
        panic!("invalid solution: {msg}\nproblem: {p:?}\nsolution: {s:?}");
    }
}

fn random_problem(rng: &mut ChaCha8Rng, n_staff: usize, n_slots: usize, per: usize) -> Problem {
    let mut edges = Vec::with_capacity(n_staff * per);
    for i in 0..n_staff as u32 {
        for _ in 0..per {
            edges.push(e(
                i,
                rng.gen_range(0..n_slots as u32),
                rng.gen_range(-50..1000),
            ));
        }
    }
    prob(n_staff, n_slots, edges)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn matches_brute_force(
        n_staff in 0usize..=7,
        n_slots in 0usize..=7,
        raw in proptest::collection::vec((0u32..8, 0u32..8, -20i64..100), 0..30),
    ) {
        let p = prob(n_staff, n_slots, raw.iter().map(|&(i, j, s)| e(i, j, s)).collect());
        let want = brute_force(&p);
        for opts in all_options() {
            let s = solve_with(&p, &opts);
            prop_assert_eq!(s.objective, want, "opts {:?}", opts);
            assert_valid(&p, &s);
        }
        prop_assert_eq!(try_solve(&p).is_ok(), check(&p).is_ok());
    }

    #[test]
    fn priced_matches_brute_force(
        n_staff in 0usize..=7,
        n_slots in 0usize..=7,
        raw in proptest::collection::vec((0u32..8, 0u32..8, -20i64..100), 0..30),
        keep in 0usize..30,
    ) {
        // The solver sees only some edges up front; the pricer knows them all.
        let all: Vec<Edge> = raw.iter().map(|&(i, j, s)| e(i, j, s)).collect();
        let full = prob(n_staff, n_slots, all.clone());
        let want = brute_force(&full);
        let first = prob(n_staff, n_slots, all[..keep.min(all.len())].to_vec());
        for opts in all_options() {
            let mut calls = 0;
            let mut pricer = |y: &[i64], z: &[i64], out: &mut Vec<Edge>| {
                calls += 1;
                assert_eq!((y.len(), z.len()), (n_staff, n_slots));
                out.extend(all.iter().filter(|e| {
                    (e.staff as usize) < n_staff
                        && (e.slot as usize) < n_slots
                        && e.score > y[e.staff as usize] + z[e.slot as usize]
                }));
            };
            let s = solve_priced(&first, &opts, &mut pricer);
            prop_assert!(calls >= 1);
            prop_assert_eq!(s.objective, want);
            assert_valid(&full, &s);
        }
    }

    #[test]
    fn matches_brute_force_with_ties(
        n_staff in 0usize..=6,
        n_slots in 0usize..=6,
        raw in proptest::collection::vec((0u32..6, 0u32..6, 0i64..4), 0..36),
    ) {
        let p = prob(n_staff, n_slots, raw.iter().map(|&(i, j, s)| e(i, j, s)).collect());
        let want = brute_force(&p);
        for opts in all_options() {
            let a = solve_with(&p, &opts);
            prop_assert_eq!(a.objective, want);
            assert_valid(&p, &a);
            let b = solve_with(&p, &opts);
            prop_assert_eq!(a, b);
        }
    }
}

#[test]
fn empty_problems() {
    for p in [
        prob(0, 0, vec![]),
        prob(5, 0, vec![]),
        prob(0, 5, vec![]),
        prob(4, 4, vec![]),
    ] {
        let s = solve(&p);
        assert!(s.matching.is_empty());
        assert_eq!(s.objective, 0);
        assert_valid(&p, &s);
    }
}

#[test]
fn all_impossible_or_unprofitable() {
    let p = prob(3, 3, vec![e(0, 0, -5), e(1, 1, 0), e(2, 2, -1), e(2, 0, 0)]);
    let s = solve(&p);
    assert!(s.matching.is_empty(), "{s:?}");
    assert_eq!(s.objective, 0);
    assert_valid(&p, &s);
}

#[test]
fn zero_score_pairs_stay_unmatched() {
    // A zero-score pair never enters the plan, even when nothing else competes.
    let p = prob(2, 2, vec![e(0, 0, 0), e(1, 1, 7)]);
    let s = solve(&p);
    assert_eq!(s.matching, vec![(1, 1)]);
    assert_eq!(s.objective, 7);
}

#[test]
fn a_negative_edge_is_never_taken_to_grow_the_matching() {
    // Taking (1,0) -5 would let 0 move... no: 0 prefers slot 0 anyway; check the total.
    let p = prob(2, 2, vec![e(0, 0, 10), e(0, 1, 9), e(1, 0, -5)]);
    let s = solve(&p);
    assert_eq!(s.matching, vec![(0, 0)]);
    assert_eq!(s.objective, 10);
}

#[test]
fn optimal_not_greedy() {
    // Greedy would give staff 0 slot 0 (10) and leave staff 1 with nothing: 10.
    // The optimum is 9 + 8 = 17.
    let p = prob(2, 2, vec![e(0, 0, 10), e(0, 1, 9), e(1, 0, 8)]);
    let s = solve(&p);
    assert_eq!(s.matching, vec![(0, 1), (1, 0)]);
    assert_eq!(s.objective, 17);
    assert_valid(&p, &s);
}

#[test]
fn rectangular_both_ways() {
    // More people than seats.
    let p = prob(
        4,
        2,
        vec![e(0, 0, 5), e(1, 0, 6), e(2, 1, 3), e(3, 1, 4), e(3, 0, 1)],
    );
    let s = solve(&p);
    assert_eq!(s.objective, 10);
    assert_eq!(s.matching, vec![(1, 0), (3, 1)]);
    assert_valid(&p, &s);
    // More seats than people.
    let p = prob(2, 5, vec![e(0, 4, 5), e(0, 2, 6), e(1, 2, 7), e(1, 3, 1)]);
    let s = solve(&p);
    assert_eq!(s.objective, 5 + 7);
    assert_eq!(s.matching, vec![(0, 4), (1, 2)]);
    assert_valid(&p, &s);
}

#[test]
fn capacity_as_several_slots() {
    // Post A has capacity 2 (slots 0, 1), post B capacity 1 (slot 2). Each person's score
    // for a post is repeated on each of its slots.
    let post_a = [0u32, 1];
    let post_b = [2u32];
    let scores = [(9, 1), (8, 2), (7, 6), (1, 1)]; // (A, B) per person
    let mut edges = vec![];
    for (i, &(a, b)) in scores.iter().enumerate() {
        edges.extend(post_a.iter().map(|&j| e(i as u32, j, a)));
        edges.extend(post_b.iter().map(|&j| e(i as u32, j, b)));
    }
    let p = prob(4, 3, edges);
    let s = solve(&p);
    // Best: 0 and 1 to A (9 + 8), 2 to B (6) = 23.
    assert_eq!(s.objective, 23);
    assert_eq!(s.matching, vec![(0, 0), (1, 1), (2, 2)]);
    assert_eq!(s.objective, brute_force(&p));
    assert_valid(&p, &s);
}

#[test]
fn duplicate_edges_take_the_max() {
    let p = prob(1, 1, vec![e(0, 0, 3), e(0, 0, 11), e(0, 0, -4), e(0, 0, 5)]);
    let s = solve(&p);
    assert_eq!(s.objective, 11);
    assert_eq!(s.matching, vec![(0, 0)]);
    assert_valid(&p, &s);
}

#[test]
fn out_of_range_edges_are_ignored_or_refused() {
    let p = prob(
        2,
        2,
        vec![
            e(0, 0, 5),
            e(2, 0, 100),
            e(0, 9, 100),
            e(u32::MAX, u32::MAX, 100),
            e(1, 1, 4),
        ],
    );
    let s = solve(&p);
    assert_eq!(s.objective, 9);
    assert_eq!(s.matching, vec![(0, 0), (1, 1)]);
    assert_valid(&p, &s);
    assert!(matches!(
        try_solve(&p),
        Err(SolveError::StaffOutOfRange { index: 1, .. })
    ));
    let p = prob(2, 2, vec![e(0, 1, 5), e(1, 2, 1)]);
    assert!(matches!(
        try_solve(&p),
        Err(SolveError::SlotOutOfRange { index: 1, .. })
    ));
    assert!(try_solve(&prob(2, 2, vec![e(0, 1, 5)])).is_ok());
}

#[test]
fn huge_scores_are_clamped_or_refused() {
    let p = prob(2, 1, vec![e(0, 0, i64::MAX), e(1, 0, i64::MIN)]);
    let s = solve(&p);
    assert_eq!(s.objective, MAX_SCORE);
    assert_eq!(s.matching, vec![(0, 0)]);
    assert!(matches!(
        try_solve(&p),
        Err(SolveError::ScoreOutOfRange { index: 0, .. })
    ));
}

#[test]
fn ties_break_by_lowest_index() {
    // Everyone scores every slot equally: staff i takes slot i.
    let n = 4;
    let edges = (0..n)
        .flat_map(|i| (0..n).map(move |j| e(i, j, 10)))
        .collect();
    let s = solve(&prob(n as usize, n as usize, edges));
    assert_eq!(s.matching, vec![(0, 0), (1, 1), (2, 2), (3, 3)]);
    // One seat, two equal candidates: the lower index keeps it.
    let s = solve(&prob(2, 1, vec![e(1, 0, 5), e(0, 0, 5)]));
    assert_eq!(s.matching, vec![(0, 0)]);
    // One person, two equal seats: the lower slot.
    let s = solve(&prob(1, 3, vec![e(0, 2, 5), e(0, 1, 5)]));
    assert_eq!(s.matching, vec![(0, 1)]);
    // Two equally good plans (0→0,1→1 or 0→1,1→0, both 10): the earlier person keeps its
    // first pick, the lower slot.
    let s = solve(&prob(
        2,
        2,
        vec![e(0, 0, 5), e(0, 1, 5), e(1, 0, 5), e(1, 1, 5)],
    ));
    assert_eq!(s.matching, vec![(0, 0), (1, 1)]);
    // Three people for two seats of one post, all equal: the two lowest indices.
    let edges = (0..3)
        .flat_map(|i| (0..2).map(move |j| e(i, j, 4)))
        .collect();
    let s = solve(&prob(3, 2, edges));
    assert_eq!(s.matching, vec![(0, 0), (1, 1)]);
}

#[test]
fn deterministic_and_order_independent_objective() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let p = random_problem(&mut rng, 300, 90, 20);
    let a = solve(&p);
    let b = solve(&p);
    assert_eq!(a, b);
    assert_valid(&p, &a);
    // Shuffled edge order: the same plan (edges are ordered internally).
    let mut q = p.clone();
    q.edges.reverse();
    let c = solve(&q);
    assert_eq!(a.matching, c.matching);
    assert_eq!(a.objective, c.objective);
    // The same with the fewest-edges-first insertion of large problems.
    let short_first = Options {
        short_first_above: 0,
        ..Options::default()
    };
    let d = solve_with(&p, &short_first);
    assert_eq!(d, solve_with(&p, &short_first));
    assert_eq!(d.matching, solve_with(&q, &short_first).matching);
    assert_valid(&p, &d);
    assert_eq!(d.objective, a.objective);
}

#[test]
fn pruning_gives_the_same_optimum() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for (n, m, per) in [(300, 90, 30), (200, 400, 25), (1000, 50, 10), (50, 50, 50)] {
        let p = random_problem(&mut rng, n, m, per);
        let full = solve_with(
            &p,
            &Options {
                top_k: 0,
                ..Options::default()
            },
        );
        assert_valid(&p, &full);
        for k in [1, 3, 8] {
            let s = solve_with(&p, &pruned(k));
            assert_valid(&p, &s);
            assert_eq!(s.objective, full.objective, "{n}x{m} k={k}");
            assert!(s.stats.rounds >= 1);
        }
        for budget in [0, 50] {
            let opts = Options {
                search_budget: budget,
                ..pruned(4)
            };
            let s = solve_with(&p, &opts);
            assert_valid(&p, &s);
            assert_eq!(s.objective, full.objective, "{n}x{m} budget {budget}");
        }
    }
}

#[test]
fn many_people_few_edges_each() {
    // A chain where every augmentation must shift everybody: staff i likes slot i (1) and
    // slot i+1 (2); the last slot only fits the last person.
    let n = 200u32;
    let mut edges = vec![];
    for i in 0..n {
        edges.push(e(i, i, 2));
        edges.push(e(i, i + 1, 3));
    }
    let p = prob(n as usize, n as usize + 1, edges);
    let s = solve(&p);
    assert_eq!(s.objective, 3 * n as i64);
    assert_valid(&p, &s);
}

#[test]
fn priced_problem_grows_from_few_candidates() {
    // Each person's best pair up front; the pricer holds the rest.
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let full = random_problem(&mut rng, 400, 150, 15);
    let mut best: Vec<Option<Edge>> = vec![None; 400];
    for e in &full.edges {
        let b = &mut best[e.staff as usize];
        if b.is_none_or(|b| e.score > b.score) {
            *b = Some(*e);
        }
    }
    let first = prob(400, 150, best.into_iter().flatten().collect());
    let mut calls = 0;
    let mut pricer = |y: &[i64], z: &[i64], out: &mut Vec<Edge>| {
        calls += 1;
        out.extend(
            (full.edges.iter()).filter(|e| e.score > y[e.staff as usize] + z[e.slot as usize]),
        );
    };
    let s = solve_priced(&first, &Options::default(), &mut pricer);
    assert_valid(&full, &s);
    assert_eq!(s.objective, solve(&full).objective);
    assert!(calls >= 2, "{calls}");
    assert!(s.stats.candidate_edges < full.edges.len());
}

#[test]
fn square_problems_with_ties_by_phases() {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let mut edges = vec![];
    for i in 0..300u32 {
        for _ in 0..8 {
            edges.push(e(i, rng.gen_range(0..300), rng.gen_range(1..=3)));
        }
    }
    let p = prob(300, 300, edges);
    let a = solve(&p);
    assert_valid(&p, &a);
    let b = solve_with(
        &p,
        &Options {
            search_budget: 10,
            ..Options::default()
        },
    );
    assert_valid(&p, &b);
    assert_eq!(a.objective, b.objective);
    assert!(b.stats.phases > 0);
}

/// `cargo test --release --lib plan::solver -- --ignored --nocapture`
#[test]
#[ignore]
fn scale_100k_by_20k() {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let t = std::time::Instant::now();
    let p = random_problem(&mut rng, 100_000, 20_000, 50);
    let built = t.elapsed();
    let t = std::time::Instant::now();
    let s = solve(&p);
    let solved = t.elapsed();
    println!(
        "100k x 20k, {} input edges: generated in {:?}, solved in {:?}; {:?}; matched {}, objective {}",
        p.edges.len(),
        built,
        solved,
        s.stats,
        s.matching.len(),
        s.objective
    );
    let t = std::time::Instant::now();
    assert_valid(&p, &s);
    println!("verified in {:?}", t.elapsed());
}

#[test]
fn merged_rows_equal_rows_rebuilt_from_scratch() {
    use super::candidates::{
        by_slot, by_staff, columns, compress, merge_rows, normalize, sort_dedup,
    };
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for _ in 0..50 {
        let (n_staff, n_slots) = (rng.gen_range(1..30), rng.gen_range(1..30));
        let edge = |rng: &mut ChaCha8Rng| {
            let i = rng.gen_range(0..n_staff as u32);
            (i, rng.gen_range(0..n_slots as u32), rng.gen_range(1..20i64))
        };
        let mut base: Vec<Triple> = (0..rng.gen_range(0..80)).map(|_| edge(&mut rng)).collect();
        let add: Vec<Triple> = (0..rng.gen_range(0..40)).map(|_| edge(&mut rng)).collect();
        normalize(&mut base, n_staff);
        let mut all = base.clone();
        all.extend(&add);
        normalize(&mut all, n_staff);
        let mut want_cols = all.clone();
        sort_dedup(&mut want_cols, by_slot);
        // The columns straight from the rows' order, as sorting by slot would give.
        let mut by_slots = base.clone();
        sort_dedup(&mut by_slots, by_slot);
        let (got, want) = (
            columns(base.iter().copied(), n_slots),
            compress(by_slots.iter().copied(), n_slots, by_slot),
        );
        assert_eq!((got.start, got.nbr, got.w), (want.start, want.nbr, want.w));
        for (key, n, from, want) in [
            (
                by_staff as fn(&Triple) -> (u32, u32),
                n_staff,
                base.clone(),
                all.clone(),
            ),
            (by_slot, n_slots, base.clone(), want_cols),
        ] {
            let mut from = from;
            sort_dedup(&mut from, key);
            let mut csr = compress(from.iter().copied(), n, key);
            let mut new = add.clone();
            sort_dedup(&mut new, key);
            merge_rows(&mut csr, &new, key);
            let want = compress(want.iter().copied(), n, key);
            assert_eq!((csr.start, csr.nbr, csr.w), (want.start, want.nbr, want.w));
        }
    }
}
