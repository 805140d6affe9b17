//! Candidate edges: each node's best few, kept in order and without duplicates, and
//! the pricing that finds the edges the duals do not yet cover, with the dual repairs
//! that let them in.

use super::*;

/// The best `k` edges of each node by (key desc, other end's index asc): a small binary
/// heap per node with the worst kept edge on top.
struct TopK {
    k: usize,
    /// The worst kept key of a full heap (`i64::MIN` until full): most offers stop at
    /// this compact array without touching the heaps.
    floor: Vec<i64>,
    key: Vec<i64>,
    other: Vec<u32>,
    len: Vec<u32>,
}

impl TopK {
    fn new(n: usize, k: usize) -> Self {
        let n = if k == 0 { 0 } else { n };
        TopK {
            k,
            floor: vec![i64::MIN; n],
            key: vec![0; n * k],
            other: vec![0; n * k],
            len: vec![0; n],
        }
    }

    #[inline]
    fn offer(&mut self, node: u32, key: i64, other: u32) {
        let nu = node as usize;
        match self.floor.get(nu) {
            Some(&f) if key >= f => {}
            _ => return,
        }
        let k = self.k;
        let hk = &mut self.key[nu * k..nu * k + k];
        let ho = &mut self.other[nu * k..nu * k + k];
        // `worse(x, y)`: entry x ranks below entry y.
        let worse = |hk: &[i64], ho: &[u32], x: usize, y: usize| {
            hk[x] < hk[y] || (hk[x] == hk[y] && ho[x] > ho[y])
        };
        let c = self.len[nu] as usize;
        if c < k {
            // Append and sift up.
            hk[c] = key;
            ho[c] = other;
            let mut x = c;
            while x > 0 && worse(hk, ho, x, (x - 1) / 2) {
                hk.swap(x, (x - 1) / 2);
                ho.swap(x, (x - 1) / 2);
                x = (x - 1) / 2;
            }
            self.len[nu] += 1;
        } else {
            if key == hk[0] && other > ho[0] {
                return; // not better than the worst kept
            }
            // Replace the worst and sift down.
            hk[0] = key;
            ho[0] = other;
            let mut x = 0;
            loop {
                let (l, r) = (2 * x + 1, 2 * x + 2);
                let mut m = x;
                if l < k && worse(hk, ho, l, m) {
                    m = l;
                }
                if r < k && worse(hk, ho, r, m) {
                    m = r;
                }
                if m == x {
                    break;
                }
                hk.swap(x, m);
                ho.swap(x, m);
                x = m;
            }
        }
        if self.len[nu] as usize == k {
            self.floor[nu] = hk[0];
        }
    }

    /// Calls `f(node, other, key)` for every kept edge, by node.
    fn drain(&self, mut f: impl FnMut(u32, u32, i64)) {
        for (node, &c) in self.len.iter().enumerate() {
            let s = node * self.k;
            for x in s..s + c as usize {
                f(node as u32, self.other[x], self.key[x]);
            }
        }
    }
}

/// Lowers the dual of the free node `a` to the least feasible value and says whether it
/// is still positive (something to gain by matching `a`).
pub(super) fn tighten(a: u32, adj: &Csr, near: &mut Side, far: &Side) -> bool {
    debug_assert_eq!(near.mate[a as usize], NONE);
    let (nbr, w) = adj.row(a as usize);
    let d = nbr
        .iter()
        .zip(w)
        .map(|(&b, &wb)| wb - far.cell[b as usize].dual)
        .max()
        .unwrap_or(0)
        .max(0);
    near.cell[a as usize].dual = d;
    d > 0
}

/// Restores dual feasibility on newly found violated edges: raises one end's dual per
/// edge (a free end when there is one, so no pair breaks; else the inserted side's end,
/// which then leaves its pair). Afterwards the duals are feasible, matched pairs tight,
/// and only free nodes may have a positive dual: the next round re-inserts them.
pub(super) fn repair(violated: &[Triple], staff: &mut Side, slots: &mut Side, from_slots: bool) {
    let mut raised_staff = vec![false; staff.cell.len()];
    let mut raised_slot = vec![false; slots.cell.len()];
    for &(i, j, w) in violated {
        let (iu, ju) = (i as usize, j as usize);
        let i_free = staff.mate[iu] == NONE;
        let j_free = slots.mate[ju] == NONE;
        let raise_staff = if raised_staff[iu] || raised_slot[ju] {
            raised_staff[iu]
        } else if i_free != j_free {
            i_free
        } else {
            !from_slots
        };
        let (near, far, a, b, raised) = if raise_staff {
            (&mut *staff, &mut *slots, iu, ju, &mut raised_staff)
        } else {
            (&mut *slots, &mut *staff, ju, iu, &mut raised_slot)
        };
        raised[a] = true;
        near.cell[a].dual = near.cell[a].dual.max(w - far.cell[b].dual);
        let m = near.mate[a];
        if m != NONE {
            near.mate[a] = NONE;
            far.mate[m as usize] = NONE;
        }
    }
}

/// Sorts candidates by (staff, slot) and keeps the highest score of each pair: a
/// counting sort by staff, then a small sort within each person's edges.
pub(super) fn normalize(cand: &mut Vec<Triple>, n_staff: usize) {
    // The planner lists its edges person by person, slots ascending, once each:
    // nothing to do then.
    if cand.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)) {
        return;
    }
    let (start, mut out) = bucket(cand, n_staff, by_staff);
    let mut len = 0;
    for i in 0..n_staff {
        let row = &mut out[start[i]..start[i + 1]];
        row.sort_unstable_by(|x, y| x.1.cmp(&y.1).then(y.2.cmp(&x.2)));
        let mut last = NONE;
        for x in start[i]..start[i + 1] {
            let t = out[x];
            if t.1 != last {
                last = t.1;
                out[len] = t;
                len += 1;
            }
        }
    }
    out.truncate(len);
    *cand = out;
}

/// Sorts new edges by `key`, one per pair (the highest score).
pub(super) fn sort_dedup(add: &mut Vec<Triple>, key: impl Fn(&Triple) -> (u32, u32)) {
    add.sort_unstable_by(|a, b| key(a).cmp(&key(b)).then(b.2.cmp(&a.2)));
    add.dedup_by(|later, kept| key(later) == key(kept));
}

/// Merges new edges, sorted by `key` (row node, other end) and one per pair, into
/// compressed rows kept in the same order (a pair already there keeps the higher
/// score). The rows without new edges move in whole runs: one sequential copy, not a
/// sort of everything again.
pub(super) fn merge_rows(csr: &mut Csr, add: &[Triple], key: impl Fn(&Triple) -> (u32, u32)) {
    let n = csr.start.len() - 1;
    let mut start = Vec::with_capacity(n + 1);
    let mut nbr = Vec::with_capacity(csr.nbr.len() + add.len());
    let mut w = Vec::with_capacity(csr.nbr.len() + add.len());
    let mut done = 0usize; // rows before this one are in the new arrays
    let mut k = 0usize;
    start.push(0);
    while k < add.len() {
        let a = key(&add[k]).0 as usize;
        // Rows done..a unchanged: one copy, offsets shifted.
        let (from, to) = (csr.start[done], csr.start[a]);
        let shift = nbr.len() as isize - from as isize;
        start.extend((done + 1..=a).map(|x| (csr.start[x] as isize + shift) as usize));
        nbr.extend_from_slice(&csr.nbr[from..to]);
        w.extend_from_slice(&csr.w[from..to]);
        // Row a with its new edges, by the other end.
        let (rn, rw) = csr.row(a);
        let mut i = 0;
        while k < add.len() && key(&add[k]).0 as usize == a {
            let (o, s) = (key(&add[k]).1, add[k].2);
            while i < rn.len() && rn[i] < o {
                nbr.push(rn[i]);
                w.push(rw[i]);
                i += 1;
            }
            if i < rn.len() && rn[i] == o {
                nbr.push(o);
                w.push(rw[i].max(s));
                i += 1;
            } else {
                nbr.push(o);
                w.push(s);
            }
            k += 1;
        }
        nbr.extend_from_slice(&rn[i..]);
        w.extend_from_slice(&rw[i..]);
        start.push(nbr.len());
        done = a + 1;
    }
    let (from, to) = (csr.start[done], csr.start[n]);
    let shift = nbr.len() as isize - from as isize;
    start.extend((done + 1..=n).map(|x| (csr.start[x] as isize + shift) as usize));
    nbr.extend_from_slice(&csr.nbr[from..to]);
    w.extend_from_slice(&csr.w[from..to]);
    *csr = Csr { start, nbr, w };
}

/// (staff, slot): the order of the candidates by staff.
pub(super) fn by_staff(t: &Triple) -> (u32, u32) {
    (t.0, t.1)
}

/// (slot, staff): the order of the candidates by slot.
pub(super) fn by_slot(t: &Triple) -> (u32, u32) {
    (t.1, t.0)
}

/// The compressed rows by slot (staff ascending in each) of candidates sorted by
/// (staff, slot): a counting sort straight into the rows.
pub(super) fn columns(cand: impl Iterator<Item = Triple> + Clone, n_slots: usize) -> Csr {
    let mut start = vec![0usize; n_slots + 1];
    for t in cand.clone() {
        start[t.1 as usize + 1] += 1;
    }
    for x in 0..n_slots {
        start[x + 1] += start[x];
    }
    let mut nbr = vec![0u32; start[n_slots]];
    let mut w = vec![0i64; start[n_slots]];
    let mut fill = start[..n_slots].to_vec();
    for (i, j, s) in cand {
        let at = &mut fill[j as usize];
        nbr[*at] = i;
        w[*at] = s;
        *at += 1;
    }
    Csr { start, nbr, w }
}

/// A counting sort of the candidates by their node under `key` (stable: the order
/// within a node is the input's), with each node's start in the result.
fn bucket(
    cand: &[Triple],
    n: usize,
    key: impl Fn(&Triple) -> (u32, u32),
) -> (Vec<usize>, Vec<Triple>) {
    let mut start = vec![0usize; n + 1];
    for t in cand {
        start[key(t).0 as usize + 1] += 1;
    }
    for x in 0..n {
        start[x + 1] += start[x];
    }
    let mut out = vec![(0u32, 0u32, 0i64); cand.len()];
    let mut fill = start.clone();
    for &t in cand {
        let k = &mut fill[key(&t).0 as usize];
        out[*k] = t;
        *k += 1;
    }
    (start, out)
}

/// The candidate adjacency by staff (slots ascending) and by slot (staff ascending),
/// from candidates sorted by (staff, slot); with `one_round`, only the inserted side's
/// (slots' when `from_slots`), the other left empty.
pub(super) fn adjacency(
    cand: impl Iterator<Item = Triple> + Clone,
    (n_staff, n_slots): (usize, usize),
    one_round: bool,
    from_slots: bool,
) -> (Csr, Csr) {
    let none = std::iter::empty::<Triple>();
    let rows = if one_round && from_slots {
        compress(none.clone(), n_staff, by_staff)
    } else {
        compress(cand.clone(), n_staff, by_staff)
    };
    let cols = if one_round && !from_slots {
        compress(none, n_slots, by_slot)
    } else {
        columns(cand, n_slots)
    };
    (rows, cols)
}

/// Compressed rows of candidates sorted by `key` (the row's node first).
pub(super) fn compress(
    sorted: impl Iterator<Item = Triple> + Clone,
    n: usize,
    key: impl Fn(&Triple) -> (u32, u32),
) -> Csr {
    let mut start = vec![0usize; n + 1];
    for t in sorted.clone() {
        start[key(&t).0 as usize + 1] += 1;
    }
    for x in 0..n {
        start[x + 1] += start[x];
    }
    let mut nbr = Vec::with_capacity(start[n]);
    nbr.extend(sorted.clone().map(|t| key(&t).1));
    let mut w = Vec::with_capacity(start[n]);
    w.extend(sorted.map(|t| t.2));
    Csr { start, nbr, w }
}

/// Each staff member's best `k_staff` and each slot's best `k_slot` usable edges by
/// `key` (higher first, `None` for edges to leave out; ties by the other end's index), as
/// (staff, slot, key). The two sides are collected on two threads for large inputs.
pub(super) fn top_edges(
    p: &Problem,
    (n_staff, n_slots): (usize, usize),
    (k_staff, k_slot): (usize, usize),
    key: impl Fn(&Edge) -> Option<i64> + Sync,
) -> Vec<Triple> {
    let pass = |by_staff: bool| {
        let mut t = if by_staff {
            TopK::new(n_staff, k_staff)
        } else {
            TopK::new(n_slots, k_slot)
        };
        for e in p.edges.iter().filter(|e| usable(e, p.n_staff, p.n_slots)) {
            if let Some(v) = key(e) {
                if by_staff {
                    t.offer(e.staff, v, e.slot);
                } else {
                    t.offer(e.slot, v, e.staff);
                }
            }
        }
        t
    };
    const PAR_ABOVE: usize = 1 << 18;
    let (by_staff, by_slot) = if p.edges.len() < PAR_ABOVE {
        (pass(true), pass(false))
    } else {
        std::thread::scope(|sc| {
            let h = sc.spawn(|| pass(false));
            let by_staff = pass(true);
            (by_staff, h.join().unwrap_or_else(|_| pass(false)))
        })
    };
    let mut out = Vec::new();
    by_staff.drain(|i, j, v| out.push((i, j, v)));
    by_slot.drain(|j, i, v| out.push((i, j, v)));
    out
}

/// The most violated edges (score above the sum of the duals): up to `k` per person and
/// `k` per slot, with their scores. One pass over the edges (split over two threads for
/// large inputs), then the cap on the violated ones.
pub(super) fn price(p: &Problem, y: &[i64], z: &[i64], k: usize) -> Vec<Triple> {
    let scan = |edges: &[Edge]| -> Vec<Triple> {
        let mut out = Vec::new();
        for e in edges {
            if usable(e, p.n_staff, p.n_slots) {
                let v = e.score.min(MAX_SCORE) - y[e.staff as usize] - z[e.slot as usize];
                if v > 0 {
                    out.push((e.staff, e.slot, v));
                }
            }
        }
        out
    };
    const PAR_ABOVE: usize = 1 << 18;
    let violated = if p.edges.len() < PAR_ABOVE {
        scan(&p.edges)
    } else {
        let (a, b) = p.edges.split_at(p.edges.len() / 2);
        std::thread::scope(|sc| {
            let h = sc.spawn(|| scan(b));
            let mut out = scan(a);
            out.extend(h.join().unwrap_or_else(|_| scan(b)));
            out
        })
    };
    // Keep each person's and each slot's `k` most violated (ties by the other end's
    // index): sorted, so the memory follows the violations, not nodes × k.
    let mut out = Vec::new();
    let mut v = violated;
    for by_staff in [true, false] {
        let node = |t: &Triple| if by_staff { (t.0, t.1) } else { (t.1, t.0) };
        v.sort_unstable_by(|a, b| {
            let (na, oa) = node(a);
            let (nb, ob) = node(b);
            na.cmp(&nb).then(b.2.cmp(&a.2)).then(oa.cmp(&ob))
        });
        let mut last = NONE;
        let mut taken = 0;
        for t in &v {
            let n = node(t).0;
            if n != last {
                last = n;
                taken = 0;
            }
            if taken < k {
                taken += 1;
                out.push(*t);
            }
        }
    }
    for t in &mut out {
        t.2 += y[t.0 as usize] + z[t.1 as usize];
    }
    out
}

/// Asks the caller's pricer for violated pairs; keeps the usable, truly violated ones,
/// up to `k` per person and `k` per slot (the most violated).
pub(super) fn price_external(
    pricer: &mut dyn Pricer,
    p: &Problem,
    y: &[i64],
    z: &[i64],
    k: usize,
) -> Vec<Triple> {
    let mut reported = Vec::new();
    pricer.violated(y, z, &mut reported);
    let edges: Vec<Edge> = reported
        .into_iter()
        .filter(|e| (e.staff as usize) < y.len() && (e.slot as usize) < z.len())
        .collect();
    let q = Problem {
        n_staff: p.n_staff.min(y.len()),
        n_slots: p.n_slots.min(z.len()),
        edges,
    };
    price(&q, y, z, k)
}
