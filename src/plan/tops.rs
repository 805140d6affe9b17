//! Each node's best few (score, index), kept as offers come in: the planner's lists
//! (each person's best posts, each post's and each kind's best people) are these.

/// Per node, the best few (score, index): score high first, then a tie-break key low
/// (the index itself, or a hash of the pair that spreads ties, see [`spread`]).
/// Offers go into a buffer of twice the capacity; a full buffer keeps its best half
/// and raises the node's floor, so that an offer costs O(1) amortised whatever the
/// capacity. [`Tops::finish`] sorts the lists before they are read.
#[derive(Debug, Clone)]
pub(crate) struct Tops {
    /// Node n's buffer is `start[n]..start[n + 1]`, twice its capacity; `len[n]` in use.
    start: Vec<usize>,
    len: Vec<u16>,
    /// Something offered to the node was left out.
    dropped: Vec<bool>,
    /// The worst kept (score, key) once something was left out (`i64::MIN`,
    /// `u64::MAX` before): offers below it stop at these compact arrays.
    floor: Vec<i64>,
    floor_key: Vec<u64>,
    /// (score, key): tie-break key in the high half, index in the low half; side by
    /// side, so that an offer taken touches one cache line.
    item: Vec<(i64, u64)>,
}

/// A tie-break key that spreads equal scores over the nodes: each person's equally
/// good posts (and each post's equally good people) are then not all the lowest
/// indices, so candidate lists of similar posts differ. Any order keeps the plan exact
/// (the lists only seed the solver and bound the pricing); this one is fixed, so the
/// plan stays deterministic.
#[inline]
pub(crate) fn spread(a: u32, b: u32) -> u64 {
    let x = (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x ^ (x >> 29)) >> 32 << 32
}

impl Tops {
    pub fn new(n: usize, cap: usize) -> Tops {
        Tops::with_caps((0..n).map(|_| cap))
    }

    /// Lists of the given capacities (1 to 32 767).
    pub fn with_caps(caps: impl Iterator<Item = usize>) -> Tops {
        let mut start = vec![0];
        for c in caps {
            start.push(start[start.len() - 1] + 2 * c.clamp(1, 32_767));
        }
        let (n, total) = (start.len() - 1, start[start.len() - 1]);
        Tops {
            start,
            len: vec![0; n],
            dropped: vec![false; n],
            floor: vec![i64::MIN; n],
            floor_key: vec![u64::MAX; n],
            item: vec![(0, 0); total],
        }
    }

    /// A new, empty `Tops` of the same capacities.
    pub fn empty_like(&self) -> Tops {
        let mut t = self.clone();
        for node in 0..t.len.len() {
            t.clear(node);
        }
        t
    }

    fn cap(&self, node: usize) -> usize {
        (self.start[node + 1] - self.start[node]) / 2
    }

    /// Offers index `i` with score `s` and tie-break `tie` (high half only; zero:
    /// the index decides).
    #[inline(always)]
    pub fn offer(&mut self, node: usize, s: i64, i: u32, tie: u64) {
        let f = self.floor[node];
        if s > f || (s == f && tie | u64::from(i) < self.floor_key[node]) {
            let at = self.start[node] + self.len[node] as usize;
            self.item[at] = (s, tie | u64::from(i));
            self.len[node] += 1;
            if at + 1 == self.start[node + 1] {
                self.keep_best(node, false);
            }
        } else {
            self.dropped[node] = true;
        }
    }

    /// Keeps a node's capacity's worth of its buffer, the best (in order when `sort`).
    #[inline(never)]
    fn keep_best(&mut self, node: usize, sort: bool) {
        let (base, cap) = (self.start[node], self.cap(node));
        let l = self.len[node] as usize;
        let v = &mut self.item[base..base + l];
        let order = |a: &(i64, u64), b: &(i64, u64)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if l > cap {
            // The worst kept lands at cap - 1, the better ones before it.
            v.select_nth_unstable_by(cap - 1, order);
        }
        if sort {
            v[..l.min(cap)].sort_unstable_by(order);
        }
        let kept = l.min(cap);
        if l > cap {
            self.dropped[node] = true;
        }
        self.len[node] = kept as u16;
        if self.dropped[node] && kept > 0 {
            let (s, k) = self.item[base + kept - 1];
            self.floor[node] = s;
            self.floor_key[node] = k;
        }
    }

    /// Puts every list in order (best first) and at its capacity: before reading.
    pub fn finish(&mut self) {
        for node in 0..self.len.len() {
            if self.len[node] > 0 {
                self.keep_best(node, true);
            }
        }
    }

    /// The kept (score, index) of a node, best first (after [`Tops::finish`]).
    pub fn list(&self, node: usize) -> impl Iterator<Item = (i64, u32)> + '_ {
        let base = self.start[node];
        let l = self.len[node] as usize;
        (base..base + l).map(move |x| (self.item[x].0, self.item[x].1 as u32))
    }

    /// After [`Tops::finish`]: the worst kept score when something offered was left
    /// out (everything left out scores no more), else `i64::MIN`.
    pub fn bound(&self, node: usize) -> i64 {
        if self.dropped[node] {
            self.floor[node]
        } else {
            i64::MIN
        }
    }

    /// While offers go on: every offer scoring below this is left out (`i64::MIN`
    /// until the node's list is full).
    #[inline(always)]
    pub fn floor(&self, node: usize) -> i64 {
        self.floor[node]
    }

    /// Empties a node's list.
    pub fn clear(&mut self, node: usize) {
        self.len[node] = 0;
        self.dropped[node] = false;
        self.floor[node] = i64::MIN;
        self.floor_key[node] = u64::MAX;
    }

    /// Adds another finished `Tops` over the same nodes; finishes this one.
    pub fn merge(&mut self, other: &Tops) {
        for node in 0..self.len.len() {
            let base = other.start[node];
            for x in base..base + other.len[node] as usize {
                let (score, key) = other.item[x];
                self.offer(node, score, key as u32, key >> 32 << 32);
            }
            self.dropped[node] |= other.dropped[node];
        }
        self.finish();
    }

    /// Appends the lists of `other`, whose nodes follow this one's.
    pub fn append(&mut self, other: Tops) {
        let off = self.item.len();
        self.start.pop();
        self.start.extend(other.start.iter().map(|x| x + off));
        self.len.extend(other.len);
        self.dropped.extend(other.dropped);
        self.floor.extend(other.floor);
        self.floor_key.extend(other.floor_key);
        self.item.extend(other.item);
    }
}
