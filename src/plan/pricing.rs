//! Pricing for the large plans of [`super::lazy`]: the pairs outside the candidates
//! that would improve the plan, given the solver's duals (see that module's
//! documentation for why the bounds it uses are safe).

use super::bulk::{Row, Table};
use super::lazy::{Ctx, KindBounds, Scan};
use super::progress::Stage;
use super::solver::{self, Edge};
use super::tops::Tops;
use std::ops::Range;

/// Prices the pairs outside the candidates with the solver's duals (see the module
/// documentation): scores only the pairs whose bounds let them be violated.
pub(crate) struct Pricer<'p, 'c, 'a> {
    pub ctx: &'p Ctx<'c, 'a>,
    /// Bound on a free person's scores outside their candidates (by problem index).
    pub phi: Vec<i64>,
    /// Bound on a post's scores outside its candidates.
    pub theta: Vec<i64>,
    /// Each person's bound by kind, from the pass.
    bounds: KindBounds,
    /// Calls, and pairs scored over all calls.
    pub calls: usize,
    pub scored: usize,
}

impl<'p, 'c, 'a> Pricer<'p, 'c, 'a> {
    /// Takes the pass's bounds by kind from `scan`.
    pub fn new(ctx: &'p Ctx<'c, 'a>, scan: &mut Scan) -> Self {
        Pricer {
            ctx,
            phi: (0..ctx.free.len())
                .map(|pi| scan.person_cands.bound(pi))
                .collect(),
            theta: (0..ctx.table.len())
                .map(|k| scan.post_cands.bound(k))
                .collect(),
            bounds: std::mem::take(&mut scan.bounds),
            calls: 0,
            scored: 0,
        }
    }
}

/// Violated pairs reported per person and call, the most violated.
const PER_PERSON: usize = 32;

impl solver::Pricer for Pricer<'_, '_, '_> {
    fn violated(&mut self, y: &[i64], z: &[i64], out: &mut Vec<Edge>) {
        self.calls += 1;
        let ctx = self.ctx;
        ctx.progress.round(self.calls as u32);
        ctx.progress.stage(Stage::Pricing, ctx.free.len());
        self.price(y, z, out);
        ctx.progress.round(self.calls as u32 + 1);
        ctx.progress.stage(Stage::Solving, 0);
    }
}

impl Pricer<'_, '_, '_> {
    fn price(&mut self, y: &[i64], z: &[i64], out: &mut Vec<Edge>) {
        let ctx = self.ctx;
        let t = ctx.table;
        // The cheapest seat of each post, and the posts where someone outside the
        // candidates might improve the plan.
        let zmin: Vec<i64> = (ctx.post_slots.iter())
            .map(|r| r.clone().map(|j| z[j as usize]).min().unwrap_or(i64::MAX))
            .collect();
        let theta = &self.theta;
        let open = |k: u32| theta[k as usize] > zmin[k as usize];
        // Each kind's open posts, cheapest seat first; the cheapest seat of the kind,
        // and the highest bound on the scores outside the candidates there.
        let n_kinds = t.n_kinds();
        let mut posts: Vec<Vec<u32>> = Vec::with_capacity(n_kinds);
        let mut kzmin = vec![i64::MAX; n_kinds];
        let mut ktheta = vec![i64::MIN; n_kinds];
        for kind in 0..n_kinds as u32 {
            let mut v: Vec<u32> = (t.kind_posts(kind).iter().copied())
                .filter(|&k| open(k))
                .collect();
            v.sort_unstable_by_key(|&k| (zmin[k as usize], k));
            if let Some(&k) = v.first() {
                kzmin[kind as usize] = zmin[k as usize];
            }
            ktheta[kind as usize] = (v.iter().map(|&k| theta[k as usize]))
                .max()
                .unwrap_or(i64::MIN);
            posts.push(v);
        }
        // The least a pair must beat for each kind of person (by the key of
        // `Table::kind_lists`), over the kinds where pricing may find something.
        let low: Vec<Vec<i64>> = (t.kind_lists().iter())
            .map(|by_promotable| {
                (by_promotable.iter())
                    .map(|kinds| {
                        (kinds
                            .iter()
                            .filter(|&&kind| !posts[kind as usize].is_empty()))
                        .map(|&kind| kzmin[kind as usize])
                        .min()
                        .unwrap_or(i64::MAX)
                    })
                    .collect()
            })
            .collect();
        let any = low.iter().flatten().any(|&l| l < i64::MAX);
        if !any {
            return;
        }
        let phi = &self.phi;
        let bounds = &self.bounds;
        let price = |share: Range<usize>| {
            let mut found = Vec::new();
            let mut scored = 0usize;
            let mut row = Row::default();
            // Each person's most violated pairs only: the solver takes a few per
            // person and per seat each round anyway.
            let mut mine = Tops::new(1, PER_PERSON);
            let from = share.start;
            for pi in share {
                if (pi - from) % 1024 == 1023 {
                    ctx.progress.add(1024);
                }
                let yi = y[pi];
                let f = &ctx.facts[ctx.free[pi]];
                let (g, p) = Table::key(f);
                // phi is i64::MIN when every pair of theirs is a candidate.
                if phi[pi] == i64::MIN || phi[pi] <= yi.saturating_add(low[g][p]) {
                    continue;
                }
                mine.clear(0);
                let mut ready = false;
                // The kinds by bound, highest first: once a kind's bound cannot beat
                // the cheapest seat of any kind, no later one can.
                for (bound, kind) in bounds.of(pi) {
                    let kx = kind as usize;
                    let cap = phi[pi].min(bound);
                    if cap <= yi + low[g][p] {
                        break;
                    }
                    if posts[kx].is_empty() || cap.min(ktheta[kx]) <= yi + kzmin[kx] {
                        continue;
                    }
                    if !ready {
                        row.fill(ctx.cfg, t, ctx.sites, f);
                        ready = true;
                    }
                    // No pair of the kind scores above `cap` (outside the candidates).
                    let part = row.part(t, kind);
                    let cap = phi[pi].min(row.bound(t, kind, part));
                    for &k in &posts[kx] {
                        let ku = k as usize;
                        if cap <= yi + zmin[ku] {
                            break;
                        }
                        if theta[ku] <= yi + zmin[ku] {
                            continue;
                        }
                        let s = row.score_in(t, k, part);
                        scored += 1;
                        if s <= yi + zmin[ku] {
                            continue;
                        }
                        for j in ctx.post_slots[ku].clone() {
                            let v = s - yi - z[j as usize];
                            if v > 0 {
                                mine.offer(0, v, j, 0);
                            }
                        }
                    }
                }
                mine.finish();
                for (v, j) in mine.list(0) {
                    found.push(Edge {
                        staff: pi as u32,
                        slot: j,
                        score: v + yi + z[j as usize],
                    });
                }
            }
            (found, scored)
        };
        let parts = ctx.split(ctx.free.len(), ctx.free.len() * 64, price);
        for (found, scored) in parts {
            out.extend(found);
            self.scored += scored;
        }
    }
}
