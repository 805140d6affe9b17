//! The bulk scorer against `score::total`, and the lazily priced plan against the plan
//! solved on every edge: the same optimum, proved by the duals on every pair.

use super::super::bulk::{Row, Table};
use super::super::config::{Config, Weights};
use super::super::planner::{facts_and_sites, run_with, Plan, Settings, Shape, Tuning};
use super::super::progress::Progress;
use super::super::scope::scope;
use super::super::score::{grade_allows, total, Org};
use super::super::solver::{verify, Edge, Problem};
use super::{Ctx, Tops};
use crate::demo::{ministry, synthetic, Spec};
use crate::domain::{Dataset, Date};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn as_of() -> Date {
    Date::new(2027, 4, 1).unwrap()
}

fn small(staff: usize, seed: u64) -> Dataset {
    synthetic(&Spec {
        staff,
        posts: staff / 5,
        seed,
    })
}

/// The default settings, and three with every weight drawn at random (0..=40) and
/// another term, so that terms weigh differently and ties fall elsewhere.
fn configs() -> Vec<Config> {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut v = vec![Config::default()];
    for _ in 0..3 {
        let mut text = format!(
            "term_months = {}\n\n[weights]\n",
            [12, 24, 36][rng.gen_range(0..3)]
        );
        for key in Weights::KEYS {
            text.push_str(&format!("{key} = {}\n", rng.gen_range(0..=40)));
        }
        v.push(Config::parse(&text, "test").unwrap());
    }
    v
}

#[test]
fn the_bulk_scorer_equals_total_on_every_pair() {
    let sets = [ministry(1), ministry(3), small(600, 2), small(900, 5)];
    for ds in &sets {
        for cfg in configs() {
            let sc = scope(ds, as_of(), cfg.term_months, &[], &[]);
            let org = Org::new(ds);
            let (facts, sites) = facts_and_sites(ds, &org, &sc, &cfg);
            let table = Table::new(&sites);
            let mut row = Row::default();
            let mut stays = 0;
            for f in &facts {
                row.fill(&cfg, &table, &sites, f);
                let open: Vec<u32> = table.open_to(f).to_vec();
                for (k, site) in sites.iter().enumerate() {
                    assert_eq!(
                        open.contains(&(k as u32)),
                        grade_allows(f.staff, site.post),
                        "the grade lists"
                    );
                    assert_eq!(
                        row.score(&table, k as u32),
                        total(&cfg, f, site),
                        "{} for {}",
                        f.staff.id,
                        site.post.id
                    );
                    let kind = table.kind(k as u32);
                    assert!(table.kind_posts(kind).contains(&(k as u32)));
                    assert_eq!(
                        open.contains(&(k as u32)),
                        table.open_kinds(f).contains(&kind),
                        "the kinds' lists"
                    );
                    stays += usize::from(f.holds(site));
                }
            }
            assert!(stays > 0, "some pairs are stays");
        }
    }
}

/// A kind's bound is never below the score of any of its posts, whatever the weights
/// (negative ones included) and the data.
#[test]
fn a_kinds_bound_is_never_below_a_score_of_its_posts() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let sets = [ministry(2), small(500, 6), small(800, 9)];
    let mut cfgs = configs();
    for _ in 0..6 {
        let mut text = format!("term_months = {}\n\n[weights]\n", rng.gen_range(6..48));
        for key in Weights::KEYS {
            text.push_str(&format!("{key} = {}\n", rng.gen_range(-40..=40)));
        }
        cfgs.push(Config::parse(&text, "test").unwrap());
    }
    let mut tight = 0usize;
    for ds in &sets {
        for cfg in &cfgs {
            let sc = scope(ds, as_of(), cfg.term_months, &[], &[]);
            let org = Org::new(ds);
            let (facts, sites) = facts_and_sites(ds, &org, &sc, cfg);
            let table = Table::new(&sites);
            let mut row = Row::default();
            for f in &facts {
                row.fill(cfg, &table, &sites, f);
                for kind in 0..table.n_kinds() as u32 {
                    let part = row.part(&table, kind);
                    let bound = row.bound(&table, kind, part);
                    let best = (table.kind_posts(kind).iter())
                        .map(|&k| {
                            let s = row.score_in(&table, k, part);
                            assert_eq!(s, total(cfg, f, &sites[k as usize]));
                            s
                        })
                        .max()
                        .unwrap();
                    assert!(bound >= best, "{}: bound {bound} < {best}", f.staff.id);
                    tight += usize::from(bound == best);
                }
            }
        }
    }
    assert!(tight > 0, "the bound is reached at times");
}

#[test]
fn tops_keep_the_best_by_score_then_key() {
    let mut t = Tops::new(2, 3);
    for (s, i) in [(5, 3), (9, 7), (5, 1), (9, 2), (1, 0)] {
        t.offer(0, s, i, 0);
    }
    t.finish();
    assert_eq!(t.list(0).collect::<Vec<_>>(), vec![(9, 2), (9, 7), (5, 1)]);
    assert_eq!(t.bound(0), 5);
    assert_eq!(t.bound(1), i64::MIN, "not full: nothing left out");
    t.offer(1, 4, 0, 0);
    t.finish();
    assert_eq!(t.list(1).collect::<Vec<_>>(), vec![(4, 0)]);
}

/// Every edge of a plan's problem, scored with `total`.
#[test]
fn each_kind_shares_its_best_people_among_its_posts() {
    let ds = small(1500, 4);
    let cfg = Config::default();
    let sc = scope(&ds, as_of(), cfg.term_months, &[], &[]);
    let org = Org::new(&ds);
    let (facts, sites) = facts_and_sites(&ds, &org, &sc, &cfg);
    let table = Table::new(&sites);
    let shape = Shape::new(&sc);
    let progress = Progress::default();
    let ctx = Ctx {
        cfg: &cfg,
        table: &table,
        sites: &sites,
        facts: &facts,
        free: &shape.free,
        post_slots: &shape.post_slots,
        threads: 2,
        progress: &progress,
    };
    let tuning = Tuning {
        per_kind_seat: 2,
        kind_share: 3,
        ..Tuning::default()
    };
    let scan = ctx.scan(&tuning, false);
    let edges = ctx.candidates(&scan, tuning.kind_share);
    for e in &edges {
        let (i, k) = (
            shape.free[e.staff as usize],
            shape.slot_post[e.slot as usize],
        );
        assert_eq!(e.score, total(&cfg, &facts[i], &sites[k]));
    }
    let have: std::collections::HashSet<(u32, u32)> =
        edges.iter().map(|e| (e.staff, e.slot)).collect();
    let mut row = Row::default();
    let mut shared = 0;
    for kind in 0..table.n_kinds() as u32 {
        let posts: Vec<u32> = (table.kind_posts(kind).iter().copied())
            .filter(|&k| !shape.post_slots[k as usize].is_empty())
            .collect();
        let list: Vec<(i64, u32)> = scan.kind_cands.list(kind as usize).collect();
        if posts.is_empty() {
            assert!(list.is_empty());
            continue;
        }
        // The list holds the kind's best people by their share of its score.
        let mut parts: Vec<i64> = Vec::new();
        for (pi, &i) in shape.free.iter().enumerate() {
            if table.open_kinds(&facts[i]).contains(&kind) {
                row.fill(&cfg, &table, &sites, &facts[i]);
                let part = row.part(&table, kind);
                parts.push(part);
                if let Some(&(s, _)) = list.iter().find(|x| x.1 == pi as u32) {
                    assert_eq!(s, part);
                }
            }
        }
        parts.sort_unstable_by(|a, b| b.cmp(a));
        let seats: usize = posts
            .iter()
            .map(|&k| shape.post_slots[k as usize].len())
            .sum();
        parts.truncate(16 + 2 * seats);
        assert_eq!(list.iter().map(|x| x.0).collect::<Vec<_>>(), parts);
        // Each takes the next `kind_share` posts round the kind's posts.
        let m = tuning.kind_share.min(posts.len());
        for (r, &(_, pi)) in list.iter().enumerate() {
            for q in 0..m {
                let k = posts[(r * m + q) % posts.len()];
                for slot in shape.post_slots[k as usize].clone() {
                    assert!(have.contains(&(pi, slot)), "kind {kind}, rank {r}");
                    shared += 1;
                }
            }
        }
    }
    assert!(shared > 1000, "{shared}");
}

fn every_edge(ds: &Dataset, plan: &Plan) -> Problem {
    let mut out = Vec::new();
    plan.write_problem(ds, &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let edges: Vec<Edge> = (v["edges"].as_array().unwrap().iter())
        .map(|e| Edge {
            staff: e[0].as_u64().unwrap() as u32,
            slot: e[1].as_u64().unwrap() as u32,
            score: e[2].as_i64().unwrap(),
        })
        .collect();
    assert_eq!(edges.len(), plan.counts.edges);
    assert_eq!(v["objective"], plan.dump.solution.objective);
    Problem {
        n_staff: plan.dump.staff.len(),
        n_slots: plan.dump.slots.len(),
        edges,
    }
}

#[test]
fn lazy_pricing_finds_the_same_optimum_as_every_edge() {
    let full = Tuning {
        full_below: usize::MAX,
        ..Tuning::default()
    };
    // Short lists, so that the pricing has much to find; one thread and two; without
    // and with the kinds' own lists.
    let lazy = |threads, kind_share| Tuning {
        full_below: 0,
        per_person: 3,
        per_post: 8,
        max_per_post: 64,
        per_kind_seat: 1,
        kind_share,
        threads,
    };
    let mut checked = 0;
    for (n, seed) in [(300, 1), (700, 2), (1200, 3), (1500, 4)] {
        let ds = small(n, seed);
        for cfg in configs().into_iter().take(if n > 1000 { 2 } else { 4 }) {
            let st = Settings {
                config: cfg,
                ..Settings::new(as_of())
            };
            let a = run_with(&ds, &st, &full);
            assert!(!a.work.lazy);
            let p = every_edge(&ds, &a);
            verify(&p, &a.dump.solution).unwrap();
            for (threads, kind_share) in [(1, 0), (2, 0), (1, 2), (2, 3)] {
                let b = run_with(&ds, &st, &lazy(threads, kind_share));
                assert!(b.work.lazy);
                assert_eq!(a.objective, b.objective, "{n} staff, seed {seed}");
                // The duals prove the lazy plan optimal over every pair.
                verify(&p, &b.dump.solution).unwrap();
                assert_eq!(b.counts.edges, a.counts.edges);
                // Reports agree with the scores: proposals and stays add up.
                let sum: i64 = b.proposals.iter().map(|x| x.score).sum::<i64>()
                    + b.stays.iter().filter_map(|x| x.score).sum::<i64>();
                assert_eq!(sum, b.objective);
                for x in &b.proposals {
                    assert_eq!(x.terms.iter().map(|t| t.points).sum::<i64>(), x.score);
                    for alt in &x.alternatives {
                        assert_eq!(alt.diff, alt.score - x.score);
                    }
                }
                // The same matching gives the same plan, reasons and all.
                if a.dump.solution.matching == b.dump.solution.matching {
                    assert_eq!(a.proposals, b.proposals);
                    assert_eq!(a.stays, b.stays);
                    assert_eq!(a.unplaced, b.unplaced);
                    assert_eq!(a.unfilled, b.unfilled);
                    assert_eq!(a.hash(), b.hash());
                }
                checked += 1;
            }
            for kind_share in [0, 2] {
                let c = run_with(&ds, &st, &lazy(2, kind_share));
                assert_eq!(
                    c.dump.solution.matching,
                    run_with(&ds, &st, &lazy(2, kind_share))
                        .dump
                        .solution
                        .matching,
                    "deterministic"
                );
                assert_eq!(
                    c.dump.solution.matching,
                    run_with(&ds, &st, &lazy(1, kind_share))
                        .dump
                        .solution
                        .matching,
                    "whatever the threads"
                );
            }
        }
    }
    assert!(checked >= 40);
}
