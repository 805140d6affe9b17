//! Large plans without listing every pair (issue #6: "solve on each person's top
//! candidates, then price every other feasible pair with the dual values and re-solve
//! until no pair improves").
//!
//! **One pass over the feasible pairs** ([`scan`]), with the bulk scorer
//! ([`bulk::Row`]), keeps only small lists: each person's best `per_person` posts,
//! each post's best `per_post` people (the report's alternatives and nearest
//! candidates come from these too), each kind of post's best people (a few per seat
//! of the kind; see [`Ctx::candidates`]), how many people may take each post, and how
//! many (person, seat) edges there are; and each person's bound on their score for
//! each kind of post. Small problems (at most `full_below` edges) keep every edge
//! instead and are solved in full, as before.
//!
//! **The solver** then works on the candidate edges, those lists' pairs with every
//! seat of their post, and asks `pricing::Pricer` for pairs outside them that would
//! improve the plan: a pair (person i, seat j of post k) is *violated* when its score
//! exceeds `y[i] + z[j]`. A pair outside the candidates scores at most `phi[i]`
//! (person i's `per_person`-th best score, or nothing outside when they have fewer
//! posts), at most `theta[k]` (post k's `per_post`-th best) and at most i's bound for
//! k's kind, and duals are never negative, so it can be violated only when the least
//! of these exceeds `y[i] + min_j z[j]`. The pricer scores exactly the pairs that pass
//! this test and reports those truly violated. When it reports none, the duals are
//! feasible on every pair, which proves the matching optimal over all of them: the
//! plan is exact, not approximate.

use super::bulk::{Row, Table};
use super::config::Config;
use super::progress::Progress;
use super::score::{Facts, Site};
use super::solver::Edge;
pub(crate) use super::tops::{spread, Tops};
use std::ops::Range;

/// How the planner sizes its work (defaults: [`Tuning::default`]); tests shrink the
/// lists to drive the pricing hard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tuning {
    /// Keep and solve every edge when there are at most this many (person, seat)
    /// edges; above it, solve on candidates and price the rest.
    pub full_below: usize,
    /// Posts kept per person, and people kept per post (at least 8: the report shows
    /// the next best from these).
    pub per_person: usize,
    pub per_post: usize,
    /// The most people kept per post, however many seats its kind has (posts of a
    /// common kind keep `per_post` plus twice their kind's seats, up to this).
    pub max_per_post: usize,
    /// Each kind of post also keeps a list of its own, its best `per_post` plus this
    /// many people per seat of the kind, ...
    pub per_kind_seat: usize,
    /// ... each of whom gets this many of the kind's posts among the first candidates
    /// (`0`: no such lists).
    pub kind_share: usize,
    /// Threads for the pass over the pairs and for pricing (the work is split in fixed
    /// shares and merged in order, so the plan does not depend on it).
    pub threads: usize,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            full_below: 100_000,
            per_person: 8,
            per_post: 16,
            max_per_post: 32,
            per_kind_seat: 4,
            kind_share: 4,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        }
    }
}

/// What the planner knows of the scored pairs.
pub(crate) struct Ctx<'c, 'a> {
    pub cfg: &'c Config,
    pub table: &'c Table,
    pub sites: &'c [Site<'a>],
    pub facts: &'c [Facts<'a>],
    /// Problem index → people index.
    pub free: &'c [usize],
    /// Seats of each post in the problem (slot indices).
    pub post_slots: &'c [Range<u32>],
    pub threads: usize,
    /// Where the pass and the pricing say how far they have got.
    pub progress: &'c Progress,
}

/// The result of the pass over every feasible pair.
pub(crate) struct Scan {
    /// Each post's best 8 people (people index; ties by index), over the free people,
    /// and each free person's best 3 posts with a seat in the problem (by problem
    /// index; ties by index): the report's lists.
    pub by_post: Tops,
    pub by_person: Tops,
    /// The candidates: each post's best `per_post` people (by problem index) and each
    /// free person's best `per_person` posts (ties spread).
    pub post_cands: Tops,
    pub person_cands: Tops,
    /// Each kind's best people by their share of its score ([`Row::part`]; problem
    /// index; ties spread): `per_post` plus `per_kind_seat` per seat of the kind.
    /// Empty for kinds without a seat in the problem, and for small problems.
    pub kind_cands: Tops,
    /// Free people the grade rule lets take each post (posts with a seat only).
    pub candidates: Vec<usize>,
    /// (person, seat) edges: every feasible pair once per seat of its post.
    pub edges: usize,
    /// Pairs scored (the others were skipped a kind at a time).
    pub scored: usize,
    /// Every edge, when asked for (small problems).
    pub all: Vec<Edge>,
    /// Each free person's bound on their score for each kind of post (large problems):
    /// what the pricing checks first.
    pub bounds: KindBounds,
}

/// By free person (problem index): the kinds of post open to them where they may
/// score above zero, with a bound on that score ([`Row::bound`]), the highest bound
/// first. Kept from the pass over the pairs so that each pricing call can pass over
/// most people, and most kinds, without working out their row again.
#[derive(Debug, Default)]
pub(crate) struct KindBounds {
    /// Person n's list is `item[range[n].0..range[n].0 + range[n].1]`.
    range: Vec<(u32, u32)>,
    /// (bound, kind); a bound above `i32::MAX` is kept as `i32::MAX` and read as
    /// unbounded.
    item: Vec<(i32, u32)>,
}

impl KindBounds {
    /// Person `n`'s (bound, kind), the highest bound first.
    pub fn of(&self, n: usize) -> impl Iterator<Item = (i64, u32)> + '_ {
        let (s, l) = self.range[n];
        let unbounded = |b: i32| {
            if b == i32::MAX {
                i64::MAX
            } else {
                i64::from(b)
            }
        };
        (self.item[s as usize..(s + l) as usize].iter()).map(move |&(b, k)| (unbounded(b), k))
    }

    fn append(&mut self, other: KindBounds) {
        let off = self.item.len() as u32;
        self.range
            .extend(other.range.iter().map(|&(s, l)| (s + off, l)));
        self.item.extend(other.item);
    }
}

impl Ctx<'_, '_> {
    /// (person, seat) edges of every feasible pair, from the grade counts alone.
    pub fn count_edges(&self) -> usize {
        let t = self.table;
        let mut per_grade = [0usize; 4];
        for k in 0..t.len() {
            let g = self.sites[k].post.grade as usize;
            per_grade[g] += self.post_slots[k].len();
        }
        let mut n = 0;
        for &i in self.free {
            let s = self.facts[i].staff;
            n += per_grade[s.grade as usize];
            if s.promotable {
                if let Some(g) = s.grade.next() {
                    n += per_grade[g as usize];
                }
            }
        }
        n
    }

    /// Splits `0..n` into the threads' shares and runs `f` on each, in order.
    pub(super) fn split<T: Send>(
        &self,
        n: usize,
        work: usize,
        f: impl Fn(Range<usize>) -> T + Sync,
    ) -> Vec<T> {
        let parts = if work < 200_000 {
            1
        } else {
            self.threads.max(1)
        };
        let shares: Vec<Range<usize>> = (0..parts)
            .map(|p| p * n / parts..(p + 1) * n / parts)
            .collect();
        if parts == 1 {
            return vec![f(0..n)];
        }
        std::thread::scope(|sc| {
            let handles: Vec<_> = (shares[1..].iter().cloned())
                .map(|r| {
                    let f = &f;
                    sc.spawn(move || f(r))
                })
                .collect();
            let mut out = vec![f(shares[0].clone())];
            for (h, r) in handles.into_iter().zip(&shares[1..]) {
                out.push(h.join().unwrap_or_else(|_| f(r.clone())));
            }
            out
        })
    }

    /// One pass over every feasible pair: the best lists, the counts, and every edge
    /// when `keep_all`.
    pub fn scan(&self, tuning: &Tuning, keep_all: bool) -> Scan {
        let per_person = tuning.per_person.max(3);
        let (per_post, max_per_post) = (tuning.per_post.max(8), tuning.max_per_post);
        let t = self.table;
        let n_posts = t.len();
        let work = self.count_edges();
        // Posts that ask the same (grade, field, impact, skills, courses) rank people
        // nearly alike, so each one's list must reach past the people the others take:
        // `per_post` plus twice the seats of its kind, up to `max_per_post`.
        let seats_of_kind = t.seats_by_kind(self.post_slots);
        let post_caps: Vec<usize> = (0..n_posts)
            .map(|k| seats_of_kind[t.kind(k as u32) as usize])
            .map(|seats| (per_post + 2 * seats).min(max_per_post.max(per_post)))
            .collect();
        let post_cands_empty = Tops::with_caps(post_caps.into_iter());
        // Still, the lists of a kind with many seats together fall short of the people
        // its seats need: the first plan leaves some seats empty or uncontested, their
        // duals low, and pricing then scores nearly every pair for them, round after
        // round. So each kind keeps a list of its own, several people per seat, which
        // [`Ctx::candidates`] shares among the kind's posts (at 100k staff × 20k posts
        // this cut the pairs priced from 91 M to 12 M and the searches' edges from
        // 285 M to 52 M).
        let kind_lists = !keep_all && tuning.kind_share > 0;
        let listed = |kind: u32| kind_lists && seats_of_kind[kind as usize] > 0;
        let kind_cands_empty = Tops::with_caps((0..t.n_kinds() as u32).map(|kind| {
            if listed(kind) {
                per_post + tuning.per_kind_seat * seats_of_kind[kind as usize]
            } else {
                1
            }
        }));
        let parts = self.split(self.free.len(), work, |share: Range<usize>| {
            let mut by_post = Tops::new(n_posts, 8);
            let mut by_person = Tops::new(share.len(), 3);
            let mut post_cands = post_cands_empty.empty_like();
            let mut kind_cands = kind_cands_empty.empty_like();
            let mut person_cands = Tops::new(share.len(), per_person);
            let mut all = Vec::new();
            let mut scored = 0usize;
            let mut row = Row::default();
            // The least a pair of each kind must score to enter a post's list: below
            // it, and below the person's own floor, a kind is skipped whole.
            let mut kind_floor = vec![i64::MIN; t.n_kinds()];
            let mut post_floor = vec![i64::MIN; n_posts];
            let mut by_bound: Vec<(i64, i64, u32)> = Vec::new();
            let mut bounds = KindBounds {
                range: vec![(0, 0); if keep_all { 0 } else { share.len() }],
                item: Vec::new(),
            };
            // People in a fixed shuffled order: in id order, scores for a post tend to
            // rise or fall with the id, and the posts' lists would take nearly every
            // offer. A small problem keeps every edge, and in order (person by person,
            // slots ascending), so that the solver reads them as they are.
            let mut order: Vec<usize> = share.clone().collect();
            if !keep_all {
                order.sort_by_key(|&pi| spread(pi as u32, 0x5EED));
            }
            for (n, pi) in order.into_iter().enumerate() {
                if n % 128 == 0 && n > 0 {
                    self.progress.add(128);
                }
                if !keep_all && n % 128 == 0 {
                    for (k, floor) in post_floor.iter_mut().enumerate() {
                        *floor = by_post.floor(k);
                        if !self.post_slots[k].is_empty() {
                            *floor = (*floor).min(post_cands.floor(k));
                        }
                    }
                    for (kind, floor) in kind_floor.iter_mut().enumerate() {
                        *floor = (t.kind_posts(kind as u32).iter())
                            .map(|&k| post_floor[k as usize])
                            .min()
                            .unwrap_or(i64::MIN);
                    }
                }
                let at = pi - share.start;
                let i = self.free[pi];
                let f = &self.facts[i];
                row.fill(self.cfg, t, self.sites, f);
                macro_rules! pair {
                    ($k:expr, $s:expr) => {{
                        let (k, s): (u32, i64) = ($k, $s);
                        let ku = k as usize;
                        let seats = self.post_slots[ku].clone();
                        by_post.offer(ku, s, i as u32, 0);
                        if !seats.is_empty() {
                            by_person.offer(at, s, k, 0);
                            let tie = spread(pi as u32, k);
                            post_cands.offer(ku, s, pi as u32, tie);
                            person_cands.offer(at, s, k, tie);
                            if keep_all {
                                all.extend(seats.map(|slot| Edge {
                                    staff: pi as u32,
                                    slot,
                                    score: s,
                                }));
                            }
                        }
                    }};
                }
                if keep_all {
                    for &k in t.open_to(f) {
                        pair!(k, row.score(t, k));
                    }
                    scored += t.open_to(f).len();
                    continue;
                }
                // Kind by kind, the most promising first; a kind whose bound is below
                // both the person's floor and every one of its posts' floors cannot
                // enter any list.
                by_bound.clear();
                by_bound.extend(t.open_kinds(f).iter().map(|&kind| {
                    let part = row.part(t, kind);
                    (row.bound(t, kind, part), part, kind)
                }));
                by_bound.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
                for &(_, part, kind) in &by_bound {
                    if listed(kind) {
                        let tie = spread(pi as u32, kind ^ 0x4B1D);
                        kind_cands.offer(kind as usize, part, pi as u32, tie);
                    }
                }
                // A pair scoring zero or less is never matched nor violated.
                let from = bounds.item.len();
                (bounds.item).extend(
                    by_bound
                        .iter()
                        .take_while(|b| b.0 > 0)
                        .map(|b| (i32::try_from(b.0).unwrap_or(i32::MAX), b.2)),
                );
                bounds.range[at] = (from as u32, (bounds.item.len() - from) as u32);
                for &(bound, part, kind) in &by_bound {
                    let floor = by_person.floor(at).min(person_cands.floor(at));
                    if bound < floor {
                        if bound < kind_floor[kind as usize] {
                            continue;
                        }
                        // Only the posts' lists can take these pairs: those of the
                        // posts whose floor the bound reaches.
                        for &k in t.kind_posts(kind) {
                            if bound >= post_floor[k as usize] {
                                pair!(k, row.score_in(t, k, part));
                                scored += 1;
                            }
                        }
                        continue;
                    }
                    for &k in t.kind_posts(kind) {
                        pair!(k, row.score_in(t, k, part));
                    }
                    scored += t.kind_posts(kind).len();
                }
            }
            let mut tops = [by_post, by_person, post_cands, person_cands, kind_cands];
            for t in &mut tops {
                t.finish();
            }
            (tops, all, scored, bounds)
        });
        let mut it = parts.into_iter();
        let (tops, mut all, mut scored, mut bounds) = it.next().expect("one share at least");
        let [mut by_post, mut by_person, mut post_cands, mut person_cands, mut kind_cands] = tops;
        for ([a, b, c, d, e], x, n, kb) in it {
            kind_cands.merge(&e);
            bounds.append(kb);
            scored += n;
            by_post.merge(&a);
            by_person.append(b);
            post_cands.merge(&c);
            person_cands.append(d);
            all.extend(x);
        }
        // Who may take each post with a seat: the free people of each grade list.
        let mut per_key = [[0usize; 2]; 4];
        for &i in self.free {
            let (g, p) = Table::key(&self.facts[i]);
            per_key[g][p] += 1;
        }
        let mut candidates = vec![0usize; n_posts];
        for (g, by_promotable) in t.lists().iter().enumerate() {
            for (p, posts) in by_promotable.iter().enumerate() {
                for &k in posts {
                    if !self.post_slots[k as usize].is_empty() {
                        candidates[k as usize] += per_key[g][p];
                    }
                }
            }
        }
        let edges = work;
        Scan {
            by_post,
            by_person,
            post_cands,
            person_cands,
            kind_cands,
            candidates,
            edges,
            scored,
            all,
            bounds,
        }
    }

    /// The first candidates: each person's best posts and each post's best people,
    /// with every seat of the post; and for the kinds with a list of their own, each
    /// person of the list with a few of the kind's posts ([`Ctx::kind_shares`]).
    pub fn candidates(&self, scan: &Scan, kind_share: usize) -> Vec<Edge> {
        let mut out = self.kind_shares(scan, kind_share);
        for pi in 0..self.free.len() {
            for (s, k) in scan.person_cands.list(pi) {
                out.extend(self.post_slots[k as usize].clone().map(|slot| Edge {
                    staff: pi as u32,
                    slot,
                    score: s,
                }));
            }
        }
        for (k, seats) in self.post_slots.iter().enumerate() {
            for (s, pi) in scan.post_cands.list(k) {
                out.extend(seats.clone().map(|slot| Edge {
                    staff: pi,
                    slot,
                    score: s,
                }));
            }
        }
        out
    }

    /// Shares each kind's own list among the kind's posts: the person ranked r takes
    /// `share` posts in a row from post `r * share` on (round the kind's posts), so
    /// each post gets people from all along the list and each person several posts;
    /// the round-1 plan then fills the kind's seats from its best people, and the
    /// seats' duals start near their final values.
    fn kind_shares(&self, scan: &Scan, share: usize) -> Vec<Edge> {
        let t = self.table;
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for kind in 0..t.n_kinds() {
            let posts: Vec<u32> = (t.kind_posts(kind as u32).iter().copied())
                .filter(|&k| !self.post_slots[k as usize].is_empty())
                .collect();
            if posts.is_empty() {
                continue;
            }
            let m = share.min(posts.len());
            for (r, (_, pi)) in scan.kind_cands.list(kind).enumerate() {
                pairs.extend((0..m).map(|q| (pi, posts[(r * m + q) % posts.len()])));
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut out = Vec::new();
        let mut row = Row::default();
        for (n, &(pi, k)) in pairs.iter().enumerate() {
            if n == 0 || pairs[n - 1].0 != pi {
                let f = &self.facts[self.free[pi as usize]];
                row.fill(self.cfg, t, self.sites, f);
            }
            let s = row.score(t, k);
            out.extend(self.post_slots[k as usize].clone().map(|slot| Edge {
                staff: pi,
                slot,
                score: s,
            }));
        }
        out
    }
}

#[cfg(test)]
#[path = "lazy_tests.rs"]
mod tests;
