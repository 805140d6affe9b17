//! Exact maximum-weight bipartite matching for the rotation planner.
//!
//! People are on one side, post seats ("slots", a post with capacity `c` is `c` slots) on
//! the other; a feasible pair carries an integer score. [`solve`] returns a matching of
//! maximum total score in which anyone, person or slot, may stay unmatched.
//!
//! # Algorithm
//!
//! A primal–dual shortest augmenting path method (Hungarian / Jonker–Volgenant family) on
//! a sparse adjacency structure, in `i64` throughout (no floats):
//!
//! * Duals `y[staff] ≥ 0`, `z[slot] ≥ 0` with `y[i] + z[j] ≥ w(i,j)` on every edge,
//!   equality on matched pairs and zero duals on unmatched nodes. That is the linear
//!   programming optimality certificate of a maximum-weight (not necessarily perfect)
//!   matching, so when the solver stops the matching is optimal, not merely good; the
//!   duals are returned and [`verify`] checks them.
//! * The nodes of the smaller side (slots when there are no more slots than people) are
//!   inserted one at a time in index order. An inserted node gets the least feasible dual,
//!   `max(0, max_j w − dual_j)`; if positive, a Dijkstra search over reduced costs (slacks)
//!   from it ends at the cheapest of: a free node of the other side (augment: the matching
//!   grows), or a node of the search tree whose dual reaches zero first (augment and leave
//!   that node unmatched, possibly the inserted one itself, which then gains nothing).
//!   The search stops as soon as the cheapest end is known; inserting the smaller side
//!   means plenty of free nodes to end at, so most searches settle a handful of nodes.
//!   Optionally ([`Options::search_budget`]) an insertion whose search grows too long
//!   waits, and the waiting ones are matched together by phases of the Hungarian method
//!   (one multi-source search, then vertex-disjoint augmenting paths over tight edges).
//! * Large problems (more than [`Options::prune_above`] edges) are solved on candidates:
//!   each person's best [`Options::top_k`] edges and each slot's best
//!   [`Options::slot_top_k`]. Every edge is then priced with the duals: an edge with
//!   `y[i] + z[j] < w(i,j)` could improve the plan, so the most violated ones (a few per
//!   node, twice as many each round) join the candidates, one end's dual is raised to
//!   cover them (a free end if any, else a pair is broken) and the nodes left free with a
//!   positive dual are re-inserted (from either side). This repeats until no edge is
//!   violated, which proves optimality on the whole graph. [`solve_priced`] does the same
//!   with pairs the caller generates on the fly, for problems too large to list.
//!
//! Cost: a search is `O(E' log V')` on the part of the graph it touches; in the worst case
//! (nearly square problems, where the last augmenting paths are long) that is the whole
//! candidate graph, so `O(n · E log V)` overall, but typically a few nodes per insertion.
//! Candidate selection and each pricing round are one pass over the edges (on two threads
//! for large inputs); the adjacency (by staff and by slot) is built once, linear in the
//! candidates, and each round merges its new edges in (a sort of the new edges and one
//! sequential copy). Memory: besides the input, about 24 bytes per candidate edge (twice
//! that while a round's edges are merged) and `O(k)` per node.
//!
//! # Rules
//!
//! * Pairs with score ≤ 0 are never matched: a zero-score pair adds nothing, so the person
//!   and the slot are left unmatched instead ("prefer leaving unmatched").
//! * Duplicate edges for the same pair: the highest score counts.
//! * Edges with an index out of range (or equal to `u32::MAX`) are ignored by [`solve`]
//!   (reported as an error by [`try_solve`]). Scores are clamped to ±[`MAX_SCORE`] by
//!   [`solve`] (an error in [`try_solve`]) so that no sum can overflow.
//! * Deterministic: no hashing, no timing-dependent threads (the two threads split fixed
//!   work and their results are merged in a fixed order), same input, same settings → same
//!   plan, whatever the order of the edges. Ties break by index: the inserted side goes in
//!   index order; a search takes the first strictly cheapest end, scanning edges by the
//!   other side's index and settling equal distances lowest index first; and an insertion
//!   changes existing pairs only when that strictly raises the total. So between equally
//!   good plans the lower-index slots (people) fill first, each with the lowest-index
//!   equally good person (slot). The caller orders staff and slots by id, which makes this
//!   "ties break by id". Above [`Options::short_first_above`] candidate edges the nodes
//!   with the fewest edges go first (then by index): still a fixed rule, but not the
//!   lowest index first.

mod candidates;
mod search;
mod verify;

pub use verify::verify;

use candidates::{
    adjacency, by_slot, by_staff, merge_rows, normalize, price, price_external, repair, sort_dedup,
    tighten, top_edges,
};
use search::{phase, search, Csr, Side, Work};

/// Scores are clamped to `[-MAX_SCORE, MAX_SCORE]` (2^40, about 1.1e12). Every dual and
/// search distance stays within a few times that, and the objective within `i64` for up
/// to 2^22 (about 4 million) matched pairs even at the maximum score.
pub const MAX_SCORE: i64 = 1 << 40;

const NONE: u32 = u32::MAX;
const INF: i64 = i64::MAX / 4;

/// A maximum-weight bipartite matching problem: people on one side, post seats on the
/// other (a post with capacity c is c slots), and the feasible pairs with integer scores.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problem {
    pub n_staff: usize,
    pub n_slots: usize,
    pub edges: Vec<Edge>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub staff: u32,
    pub slot: u32,
    pub score: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Solution {
    /// (staff, slot) pairs, sorted by staff.
    pub matching: Vec<(u32, u32)>,
    /// Sum of the matched edges' scores: the maximum over all matchings (anyone may stay unmatched).
    pub objective: i64,
    /// Dual value of each person (`y`): `y ≥ 0`, zero when unmatched. Indexed by staff;
    /// indices past the end (people without any usable edge) have dual 0.
    pub staff_dual: Vec<i64>,
    /// Dual value of each slot (`z`): `z ≥ 0`, zero when unmatched; `y[i] + z[j] ≥ score`
    /// on every edge, equality on matched edges. Indices past the end have dual 0.
    pub slot_dual: Vec<i64>,
    pub stats: Stats,
}

/// What the solver did, for benchmarks and logs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Usable edges: in range, score > 0 (duplicates counted).
    pub edges: usize,
    /// Pairs in the candidate subgraph at the end (all usable pairs without pruning).
    pub candidate_edges: usize,
    /// Pricing rounds (1 without pruning).
    pub rounds: usize,
    /// Violated edges added to the candidates over all rounds (the most violated: up to
    /// `top_k` per person and per slot in the first pricing, twice as many each round).
    pub violations: usize,
    /// Single-root searches run (insertions from either side).
    pub searches: usize,
    /// Of which searches from the slot side.
    pub slot_searches: usize,
    /// Insertions whose own search would have been long, done by phases instead.
    pub deferred: usize,
    /// Phases of the Hungarian method (multi-source searches) for those.
    pub phases: usize,
    /// Nodes settled over all searches.
    pub settled: usize,
    /// Edges looked at by all searches.
    pub looked: usize,
}

/// Solver settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Candidate edges per person in the first round (default 16); `0` turns pruning off.
    /// Also the number of violated edges per node added by the first pricing round.
    pub top_k: usize,
    /// With pruning, each slot's best edges also join the first round's candidates
    /// (default 16).
    pub slot_top_k: usize,
    /// Prune only when there are more usable edges than this (default 100 000) and more
    /// than `top_k` per person on average.
    pub prune_above: usize,
    /// Nodes one insertion's search may settle before that insertion waits to be done
    /// with the others in phases of the Hungarian method (multi-source searches).
    /// `usize::MAX` (the default): never. A budget of about 1000 pays on nearly square
    /// problems with few distinct scores (plateaus of ties), and costs on others.
    pub search_budget: usize,
    /// Above this many candidate edges (default 100 000), the free nodes of a side are
    /// inserted those with the fewest candidate edges first (then by index), not in
    /// index order: the searches of a large problem then look at about 2.5 times fewer
    /// edges (the posts few people suit get them before the contested ones are
    /// settled). The plan stays exact and deterministic; only which of several equally
    /// good plans comes out may differ from index order.
    pub short_first_above: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            top_k: 16,
            slot_top_k: 16,
            prune_above: 100_000,
            search_budget: usize::MAX,
            short_first_above: 100_000,
        }
    }
}

/// Why [`try_solve`] refused a problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SolveError {
    #[error("edge {index}: staff {staff} out of range (n_staff = {n_staff})")]
    StaffOutOfRange {
        index: usize,
        staff: u32,
        n_staff: usize,
    },
    #[error("edge {index}: slot {slot} out of range (n_slots = {n_slots})")]
    SlotOutOfRange {
        index: usize,
        slot: u32,
        n_slots: usize,
    },
    #[error("edge {index}: score {score} beyond ±{MAX_SCORE}")]
    ScoreOutOfRange { index: usize, score: i64 },
    #[error("too many nodes: {0} (at most {max})", max = u32::MAX)]
    TooLarge(usize),
}

/// Solves with the default [`Options`]: ignores out-of-range edges, clamps scores.
pub fn solve(p: &Problem) -> Solution {
    solve_with(p, &Options::default())
}

/// Solves with the given settings: ignores out-of-range edges, clamps scores.
pub fn solve_with(p: &Problem, opts: &Options) -> Solution {
    Solver::build(p, opts, false).run(p, None)
}

/// Reports pairs beyond a problem's edge list whose score exceeds the sum of the duals,
/// for [`solve_priced`]. The caller holds (or computes on the fly) the full set of
/// feasible pairs; `violated` pushes each pair with `score > staff_dual[staff] +
/// slot_dual[slot]` (all of them, or at least one while any exists; more per call means
/// fewer calls). The dual slices have length `n_staff` and `n_slots`.
pub trait Pricer {
    fn violated(&mut self, staff_dual: &[i64], slot_dual: &[i64], out: &mut Vec<Edge>);
}

impl<F: FnMut(&[i64], &[i64], &mut Vec<Edge>)> Pricer for F {
    fn violated(&mut self, staff_dual: &[i64], slot_dual: &[i64], out: &mut Vec<Edge>) {
        self(staff_dual, slot_dual, out)
    }
}

/// Column generation for problems too large to list every pair: `p.edges` holds the
/// first candidates (say each person's best few pairs); the solver solves on them, then
/// asks `pricer` for pairs that would improve the plan, adds those and goes on, until the
/// pricer reports none. The result is then exact over every pair the pricer knows: the
/// duals certify it. Edges are read as by [`solve`] (out-of-range ignored, scores
/// clamped, score ≤ 0 never matched).
pub fn solve_priced(p: &Problem, opts: &Options, pricer: &mut dyn Pricer) -> Solution {
    Solver::build(p, opts, true).run(p, Some(pricer))
}

/// Like [`solve`], but refuses out-of-range edges and scores instead of ignoring or
/// clamping them.
pub fn try_solve(p: &Problem) -> Result<Solution, SolveError> {
    try_solve_with(p, &Options::default())
}

/// Like [`solve_with`], but refuses out-of-range edges and scores.
pub fn try_solve_with(p: &Problem, opts: &Options) -> Result<Solution, SolveError> {
    check(p)?;
    Ok(solve_with(p, opts))
}

/// Checks the problem the way [`try_solve`] does.
pub fn check(p: &Problem) -> Result<(), SolveError> {
    for n in [p.n_staff, p.n_slots] {
        if n > NONE as usize {
            return Err(SolveError::TooLarge(n));
        }
    }
    for (index, e) in p.edges.iter().enumerate() {
        if e.staff as usize >= p.n_staff {
            return Err(SolveError::StaffOutOfRange {
                index,
                staff: e.staff,
                n_staff: p.n_staff,
            });
        }
        if e.slot as usize >= p.n_slots {
            return Err(SolveError::SlotOutOfRange {
                index,
                slot: e.slot,
                n_slots: p.n_slots,
            });
        }
        if e.score.unsigned_abs() > MAX_SCORE as u64 {
            return Err(SolveError::ScoreOutOfRange {
                index,
                score: e.score,
            });
        }
    }
    Ok(())
}

/// A candidate edge: (staff, slot, score).
type Triple = (u32, u32, i64);

struct Solver {
    n_staff: usize,
    n_slots: usize,
    /// Candidate edges sorted by (staff, slot), one per pair (the highest score).
    cand: Vec<Triple>,
    /// The problem's own edges are the candidates as they are (in range, in order,
    /// once each; those scoring 0 or less passed over), and `cand` is left empty: no
    /// copy.
    in_place: bool,
    /// Price the rest of the edges after solving on the candidates.
    prune: bool,
    /// Nodes a single search may settle before its root waits for a phase.
    budget: usize,
    /// Violated edges added per node in the next round (doubles each round).
    add_k: usize,
    /// Insert the nodes with the fewest edges first above this many candidates.
    short_first_above: usize,
    stats: Stats,
}

#[inline]
fn usable(e: &Edge, n_staff: usize, n_slots: usize) -> bool {
    (e.staff as usize) < n_staff
        && (e.slot as usize) < n_slots
        && e.staff != NONE
        && e.slot != NONE
        && e.score > 0
}

impl Solver {
    fn build(p: &Problem, opts: &Options, full_size: bool) -> Solver {
        // Only nodes that appear in a usable edge need room (all of them when a pricer
        // will be handed the duals).
        let (mut n_staff, mut n_slots) = if full_size {
            let max = NONE as usize;
            (p.n_staff.min(max), p.n_slots.min(max))
        } else {
            (0, 0)
        };
        let mut count = 0usize;
        for e in p.edges.iter().filter(|e| usable(e, p.n_staff, p.n_slots)) {
            n_staff = n_staff.max(e.staff as usize + 1);
            n_slots = n_slots.max(e.slot as usize + 1);
            count += 1;
        }
        let k = opts.top_k;
        let prune = k > 0 && count > opts.prune_above && count > k.saturating_mul(n_staff);
        // The planner lists a small problem's edges person by person, slots ascending,
        // once each: read in place then (those scoring 0 or less passed over), not
        // copied (on the demo ministry the copy's fresh memory took half the solve).
        let in_place = !prune
            && (p.edges.iter()).all(|e| {
                (e.staff as usize) < p.n_staff.min(NONE as usize)
                    && (e.slot as usize) < p.n_slots.min(NONE as usize)
                    && e.score <= MAX_SCORE
            })
            && (p.edges.windows(2)).all(|w| (w[0].staff, w[0].slot) < (w[1].staff, w[1].slot));
        let mut cand: Vec<Triple> = if in_place {
            Vec::new()
        } else if prune {
            // Each person's top k and each slot's top k.
            let score = |e: &Edge| Some(e.score.min(MAX_SCORE));
            top_edges(p, (n_staff, n_slots), (k, opts.slot_top_k), score)
        } else {
            // Sized up front: a filtered collect would grow by doubling, a copy each time.
            let mut v = Vec::with_capacity(count);
            v.extend(
                (p.edges.iter())
                    .filter(|e| usable(e, p.n_staff, p.n_slots))
                    .map(|e| (e.staff, e.slot, e.score.min(MAX_SCORE))),
            );
            v
        };
        normalize(&mut cand, n_staff);
        Solver {
            n_staff,
            n_slots,
            cand,
            in_place,
            prune,
            budget: opts.search_budget,
            add_k: k.max(1),
            short_first_above: opts.short_first_above,
            stats: Stats {
                edges: count,
                ..Stats::default()
            },
        }
    }

    fn run(mut self, p: &Problem, mut pricer: Option<&mut dyn Pricer>) -> Solution {
        let mut staff = Side::new(self.n_staff);
        let mut slots = Side::new(self.n_slots);
        let mut wk_staff = Work::new(self.n_staff);
        let mut wk_slots = Work::new(self.n_slots);
        // Insert the smaller side (slots on a tie): its searches stay short, as there are
        // plenty of free nodes on the other side to end at.
        let from_slots = self.n_slots <= self.n_staff;
        let mut first = true;
        // The candidate adjacency by staff (slots ascending) and by slot (staff
        // ascending), kept from round to round: each round merges its new edges in.
        let cand = std::mem::take(&mut self.cand);
        // Without pricing or pruning there is one round, whose searches all start on
        // the inserted side: the other side's adjacency is then never read (an empty
        // one stands in; on the demo ministry this is an eighth of the solve).
        let one_round = !self.prune && pricer.is_none();
        let (mut rows, mut cols) = if self.in_place {
            let edges = (p.edges.iter())
                .filter(|e| e.score > 0)
                .map(|e| (e.staff, e.slot, e.score));
            adjacency(edges, (self.n_staff, self.n_slots), one_round, from_slots)
        } else {
            let edges = cand.iter().copied();
            adjacency(edges, (self.n_staff, self.n_slots), one_round, from_slots)
        };
        drop(cand);
        loop {
            self.stats.rounds += 1;
            let (near, far, near_adj, far_adj, near_wk, far_wk) = if from_slots {
                let s = (&mut slots, &mut staff, &cols, &rows);
                (s.0, s.1, s.2, s.3, &mut wk_staff, &mut wk_slots)
            } else {
                let s = (&mut staff, &mut slots, &rows, &cols);
                (s.0, s.1, s.2, s.3, &mut wk_slots, &mut wk_staff)
            };
            // Insert every near node in the first round; later, those left free with a
            // positive dual by the repair. Then far nodes left free with a positive dual.
            let budget = self.budget;
            let todo: Vec<u32> = (0..near.mate.len() as u32)
                .filter(|&a| {
                    first || (near.mate[a as usize] == NONE && near.cell[a as usize].dual > 0)
                })
                .collect();
            self.insert_all(&todo, near_adj, near, far, near_wk, budget, from_slots);
            let todo: Vec<u32> = (0..far.mate.len() as u32)
                .filter(|&b| far.mate[b as usize] == NONE && far.cell[b as usize].dual > 0)
                .collect();
            self.insert_all(&todo, far_adj, far, near, far_wk, budget, !from_slots);
            first = false;
            let mut violated = if self.prune {
                price(p, &staff.duals(), &slots.duals(), self.add_k)
            } else {
                Vec::new()
            };
            if violated.is_empty() {
                if let Some(pr) = pricer.as_mut() {
                    violated =
                        price_external(&mut **pr, p, &staff.duals(), &slots.duals(), self.add_k);
                }
            }
            // More per node in each later round: few rounds even when the first
            // candidates were far off.
            self.add_k = self.add_k.saturating_mul(2);
            if violated.is_empty() {
                break;
            }
            self.stats.violations += violated.len();
            repair(&violated, &mut staff, &mut slots, from_slots);
            // The two adjacencies take the new edges on two threads (each merge is a
            // copy of every candidate, memory-bound).
            let mut by_slots = violated.clone();
            let mut add = violated;
            std::thread::scope(|sc| {
                sc.spawn(|| {
                    sort_dedup(&mut by_slots, by_slot);
                    merge_rows(&mut cols, &by_slots, by_slot);
                });
                sort_dedup(&mut add, by_staff);
                merge_rows(&mut rows, &add, by_staff);
            });
        }
        self.stats.candidate_edges = rows.nbr.len().max(cols.nbr.len());
        self.stats.looked = wk_staff.looked + wk_slots.looked;
        let mut matching = Vec::new();
        let mut objective = 0i64;
        for (i, &b) in staff.mate.iter().enumerate() {
            if b != NONE {
                matching.push((i as u32, b));
                // Tight on the matched pair, feasible on all its copies: its best score.
                objective += staff.cell[i].dual + slots.cell[b as usize].dual;
            }
        }
        Solution {
            matching,
            objective,
            staff_dual: staff.duals(),
            slot_dual: slots.duals(),
            stats: self.stats,
        }
    }

    /// Inserts the free nodes `todo` of one side, in order: each one's own search while
    /// that stays within `budget` settled nodes; those that would take longer wait, and
    /// are then matched together by phases of the Hungarian method (one multi-source
    /// search serves them all, which is what the last, long augmenting paths of a
    /// nearly square problem need).
    #[allow(clippy::too_many_arguments)]
    fn insert_all(
        &mut self,
        todo: &[u32],
        adj: &Csr,
        near: &mut Side,
        far: &mut Side,
        wk: &mut Work,
        budget: usize,
        slot_side: bool,
    ) {
        let by_degree;
        let todo = if adj.nbr.len() > self.short_first_above {
            let mut v = todo.to_vec();
            v.sort_by_key(|&a| (adj.row(a as usize).0.len(), a));
            by_degree = v;
            &by_degree[..]
        } else {
            todo
        };
        let mut waiting = Vec::new();
        for &a in todo {
            if !tighten(a, adj, near, far) {
                continue;
            }
            match search(a, adj, near, far, wk, budget) {
                Some(n) => {
                    self.stats.searches += 1;
                    self.stats.slot_searches += usize::from(slot_side);
                    self.stats.settled += n;
                }
                None => waiting.push(a),
            }
        }
        self.stats.deferred += waiting.len();
        loop {
            waiting.retain(|&a| near.mate[a as usize] == NONE && near.cell[a as usize].dual > 0);
            if waiting.is_empty() {
                break;
            }
            let before: (usize, i64) = (
                waiting.len(),
                waiting.iter().map(|&a| near.cell[a as usize].dual).sum(),
            );
            self.stats.phases += 1;
            self.stats.settled += phase(&waiting, adj, near, far, wk);
            let left = waiting
                .iter()
                .filter(|&&a| near.mate[a as usize] == NONE && near.cell[a as usize].dual > 0);
            let after: (usize, i64) = (
                left.clone().count(),
                left.map(|&a| near.cell[a as usize].dual).sum(),
            );
            if after >= before {
                // No progress (never expected): finish one root at a time.
                debug_assert!(false, "a phase made no progress");
                for &a in &waiting {
                    if near.mate[a as usize] == NONE && near.cell[a as usize].dual > 0 {
                        self.stats.settled +=
                            search(a, adj, near, far, wk, usize::MAX).unwrap_or(0);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "solver_tests.rs"]
mod tests;
