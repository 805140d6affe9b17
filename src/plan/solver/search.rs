//! The searches of the solver: Dijkstra over reduced costs from one or many free
//! nodes, the augmentation that follows, and the Hungarian phases that match many
//! waiting nodes at once. The duals stay feasible and matched pairs tight throughout.

use super::{INF, NONE};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Adjacency in compressed rows.
pub(super) struct Csr {
    pub(super) start: Vec<usize>,
    pub(super) nbr: Vec<u32>,
    pub(super) w: Vec<i64>,
}

impl Csr {
    #[inline]
    pub(super) fn row(&self, a: usize) -> (&[u32], &[i64]) {
        let (s, e) = (self.start[a], self.start[a + 1]);
        (&self.nbr[s..e], &self.w[s..e])
    }
}

/// One side of the bipartite graph as seen by a search.
pub(super) struct Side {
    pub(super) cell: Vec<Cell>,
    pub(super) mate: Vec<u32>,
}

/// A node's dual and, while a search runs with this side as its far side, its label.
/// Side by side because a search's inner loop reads both for every edge it looks at:
/// one cache line instead of two (the loop is bound by those reads).
#[derive(Clone, Copy)]
#[repr(C, align(16))]
pub(super) struct Cell {
    pub(super) dual: i64,
    /// Tentative distance ([`INF`] when not reached, [`SETTLED`] once settled).
    pub(super) label: i64,
}

/// The label of a settled node: below any distance, so no edge improves it.
const SETTLED: i64 = i64::MIN;

impl Side {
    pub(super) fn new(n: usize) -> Side {
        Side {
            cell: vec![
                Cell {
                    dual: 0,
                    label: INF
                };
                n
            ],
            mate: vec![NONE; n],
        }
    }

    /// The duals, by node.
    pub(super) fn duals(&self) -> Vec<i64> {
        self.cell.iter().map(|c| c.dual).collect()
    }
}

/// Scratch space of a search, reused between searches. Indexed by the far side's nodes
/// (whose labels are in their [`Cell`]s).
pub(super) struct Work {
    pub(super) pred: Vec<u32>,
    /// Far nodes already taken by an augmenting path of the current phase.
    pub(super) used: Vec<bool>,
    pub(super) touched: Vec<u32>,
    /// Settled far nodes with their distances.
    pub(super) settled_list: Vec<(u32, i64)>,
    pub(super) scanned: Vec<u32>,
    pub(super) heap: BinaryHeap<Reverse<(i64, u32)>>,
    /// Depth-first search stack of a phase: (near node, next edge position).
    pub(super) stack: Vec<(u32, usize)>,
    /// Edges looked at by the searches so far (what their time follows).
    pub(super) looked: usize,
}

impl Work {
    pub(super) fn new(n: usize) -> Self {
        Work {
            pred: vec![NONE; n],
            used: vec![false; n],
            touched: Vec::new(),
            settled_list: Vec::new(),
            scanned: Vec::new(),
            heap: BinaryHeap::new(),
            stack: Vec::new(),
            looked: 0,
        }
    }

    pub(super) fn reset(&mut self, far: &mut Side) {
        for &b in &self.touched {
            let b = b as usize;
            far.cell[b].label = INF;
            self.pred[b] = NONE;
            self.used[b] = false;
        }
        self.touched.clear();
        self.settled_list.clear();
        self.scanned.clear();
        self.heap.clear();
        self.stack.clear();
    }

    /// Marks a far node as seen by this search (so that `reset` clears it).
    #[inline]
    pub(super) fn touch(&mut self, b: u32, far: &Side) {
        if far.cell[b as usize].label == INF && !self.used[b as usize] {
            self.touched.push(b);
        }
    }
}

#[derive(Clone, Copy)]
pub(super) enum End {
    /// A free node of the far side.
    Free(u32),
    /// A node of the near side whose dual reaches zero: it is left unmatched.
    Drop(u32),
}

/// The Dijkstra part of a primal–dual search over reduced costs (slacks) from the free
/// near-side `roots` (duals feasible), over the near side's adjacency `adj`. Finds the
/// cheapest end at distance `D`: a free far node, or a near node of the search forest
/// whose dual would reach zero. Then moves the duals by `D` (near nodes at distance `d`
/// lose `D − d`, settled far nodes gain `D − d`), which keeps the duals feasible and
/// matched pairs tight, and makes the shortest paths tight. Gives up, changing nothing,
/// once more than `budget` nodes are settled. The forest stays in `wk` (labels and
/// predecessors) until [`Work::reset`]. Returns the end and the nodes settled.
pub(super) fn dijkstra(
    roots: &[u32],
    adj: &Csr,
    near: &mut Side,
    far: &mut Side,
    wk: &mut Work,
    budget: usize,
) -> Option<(End, usize)> {
    let mut best_d = INF;
    let mut best = End::Drop(NONE);
    // Distances of scanned near nodes, in scan order (parallel to wk.scanned).
    let mut dist: Vec<i64> = Vec::with_capacity(roots.len());
    let mut queue = roots.iter().copied();
    let mut settled = 0usize;
    loop {
        // The next near node to scan: the roots first (distance 0), then the mate of the
        // nearest far node not yet settled.
        let (a, da) = if let Some(r) = queue.next() {
            (r, 0)
        } else {
            let mut next = None;
            while let Some(Reverse((d, b))) = wk.heap.pop() {
                if d >= best_d {
                    break;
                }
                if d > far.cell[b as usize].label {
                    continue; // settled, or a stale entry
                }
                next = Some((d, b));
                break;
            }
            let Some((d, b)) = next else { break };
            if settled > budget {
                wk.reset(far);
                return None;
            }
            far.cell[b as usize].label = SETTLED;
            wk.settled_list.push((b, d));
            settled += 1;
            (far.mate[b as usize], d)
        };
        settled += 1;
        wk.scanned.push(a);
        dist.push(da);
        let ya = near.cell[a as usize].dual;
        if da + ya < best_d {
            best_d = da + ya;
            best = End::Drop(a);
        }
        let (nbr, w) = adj.row(a as usize);
        wk.looked += nbr.len();
        let base = da + ya;
        let cells = far.cell.as_ptr();
        for (k, (&b, &wab)) in nbr.iter().zip(w).enumerate() {
            if let Some(&ahead) = nbr.get(k + AHEAD) {
                prefetch(cells.wrapping_add(ahead as usize));
            }
            let bi = b as usize;
            let c = far.cell[bi];
            let nd = base + c.dual - wab;
            // A settled node's label is below any distance.
            if nd >= best_d || nd >= c.label {
                continue;
            }
            wk.touch(b, far);
            far.cell[bi].label = nd;
            wk.pred[bi] = a;
            if far.mate[bi] == NONE {
                best_d = nd;
                best = End::Free(b);
            } else {
                wk.heap.push(Reverse((nd, b)));
            }
        }
    }
    for (&a, &da) in wk.scanned.iter().zip(&dist) {
        near.cell[a as usize].dual -= best_d - da;
    }
    for &(b, d) in &wk.settled_list {
        far.cell[b as usize].dual += best_d - d;
    }
    Some((best, settled))
}

/// Edges a search looks ahead in a row to fetch the far node's cell early: the loop is
/// bound by those reads, which are scattered over a few megabytes.
const AHEAD: usize = 12;

/// Asks the processor to bring the cache line at `p` in (a hint: never faults, has no
/// effect on the program's meaning).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch does not access memory architecturally and never faults,
    // whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// One primal–dual search from the free near node `root` (dual feasible): ends with
/// `root` matched, or with its dual at zero and the matching unchanged, keeping dual
/// feasibility and complementary slackness. `None` (nothing changed) if it would settle
/// more than `budget` nodes; else the nodes settled.
pub(super) fn search(
    root: u32,
    adj: &Csr,
    near: &mut Side,
    far: &mut Side,
    wk: &mut Work,
    budget: usize,
) -> Option<usize> {
    let (end, settled) = dijkstra(&[root], adj, near, far, wk, budget)?;
    // Augment along the predecessors.
    let mut b = match end {
        End::Free(b) => b,
        End::Drop(r) if r == root => NONE,
        End::Drop(r) => {
            let b = near.mate[r as usize];
            near.mate[r as usize] = NONE;
            b
        }
    };
    while b != NONE {
        let a = wk.pred[b as usize];
        let next = near.mate[a as usize];
        near.mate[a as usize] = b;
        far.mate[b as usize] = a;
        if a == root {
            break;
        }
        b = next;
    }
    wk.reset(far);
    Some(settled)
}

/// One phase of the Hungarian method from many free near nodes at once (duals
/// feasible): a multi-source [`dijkstra`], then as many vertex-disjoint augmenting paths
/// over tight edges as a depth-first search finds, from the roots in order. Roots whose
/// dual reaches zero stay unmatched. Returns the nodes settled and visited.
pub(super) fn phase(
    roots: &[u32],
    adj: &Csr,
    near: &mut Side,
    far: &mut Side,
    wk: &mut Work,
) -> usize {
    let Some((_, mut work)) = dijkstra(roots, adj, near, far, wk, usize::MAX) else {
        return 0;
    };
    for &root in roots {
        if near.cell[root as usize].dual == 0 {
            continue; // nothing to gain: stays unmatched
        }
        wk.stack.clear();
        wk.stack.push((root, 0));
        while let Some(&(a, pos)) = wk.stack.last() {
            let (nbr, w) = adj.row(a as usize);
            let ya = near.cell[a as usize].dual;
            let mut k = pos;
            while k < nbr.len() {
                let b = nbr[k];
                if !wk.used[b as usize] && ya + far.cell[b as usize].dual == w[k] {
                    break;
                }
                k += 1;
            }
            work += k - pos;
            if k == nbr.len() {
                wk.stack.pop(); // dead end for this phase
                continue;
            }
            let top = wk.stack.len() - 1;
            wk.stack[top].1 = k + 1;
            let b = nbr[k];
            wk.touch(b, far);
            wk.used[b as usize] = true;
            let m = far.mate[b as usize];
            let end = if m == NONE {
                true
            } else if near.cell[m as usize].dual == 0 {
                near.mate[m as usize] = NONE; // dropped: its seat goes along the path
                true
            } else {
                false
            };
            if !end {
                wk.stack.push((m, 0));
                continue;
            }
            // Augment: each near node on the stack takes the far node it went to.
            for &(a, next) in &wk.stack {
                let b = adj.row(a as usize).0[next - 1];
                near.mate[a as usize] = b;
                far.mate[b as usize] = a;
            }
            break;
        }
    }
    wk.reset(far);
    work
}
