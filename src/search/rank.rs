//! Ranking and sorting. Hits rank by score, highest first, ties by staff id; the table
//! can re-sort them by name (kana order), grade, unit, tenure or birth year, always
//! with the staff id as the last tie-break, so every order is deterministic.

use super::index::SearchIndex;
use super::Hit;
use std::cmp::Ordering;

/// Packs a score and a row so that a larger key ranks first: higher score, then the
/// lower row (rows are in staff id order).
pub(crate) fn pack(score: u32, row: u32) -> u64 {
    ((score as u64) << 32) | (u32::MAX - row) as u64
}

pub(crate) fn unpack(key: u64) -> (u32, u32) {
    ((key >> 32) as u32, u32::MAX - (key & 0xFFFF_FFFF) as u32)
}

/// The best `limit` keys (all when `None`), best first. `keys` must be in ascending
/// row order (as scans produce them): then a counting sort on the score, stable, gives
/// score-descending, row-ascending order in linear time. Wide score ranges fall back to
/// a comparison sort.
pub(crate) fn top(keys: &[u64], limit: Option<usize>) -> Vec<u64> {
    let n = limit.map_or(keys.len(), |l| l.min(keys.len()));
    if n == 0 {
        return Vec::new();
    }
    let max = keys.iter().map(|k| unpack(*k).0).max().unwrap_or(0) as usize;
    if max > COUNTING_MAX {
        let mut v = keys.to_vec();
        if n < v.len() {
            v.select_nth_unstable_by(n - 1, |a, b| b.cmp(a));
            v.truncate(n);
        }
        v.sort_unstable_by(|a, b| b.cmp(a));
        return v;
    }
    let mut count = vec![0usize; max + 1];
    for k in keys {
        count[unpack(*k).0 as usize] += 1;
    }
    // Scores above `cut` are all taken; of score `cut`, the first `take_at_cut` rows.
    let (mut cut, mut above) = (max, 0);
    while above + count[cut] < n {
        above += count[cut];
        cut -= 1;
    }
    let take_at_cut = n - above;
    // Where each score's run starts in the output (higher scores first).
    let mut at = vec![0usize; max + 1];
    let mut next = 0;
    for s in (cut..=max).rev() {
        at[s] = next;
        next += if s == cut { take_at_cut } else { count[s] };
    }
    let mut out = vec![0u64; n];
    let mut taken_at_cut = 0;
    for k in keys {
        let s = unpack(*k).0 as usize;
        if s < cut || (s == cut && taken_at_cut == take_at_cut) {
            continue;
        }
        if s == cut {
            taken_at_cut += 1;
        }
        out[at[s]] = *k;
        at[s] += 1;
    }
    out
}

/// Scores up to this are ranked by counting sort.
const COUNTING_MAX: usize = 1 << 16;

/// What to sort results by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    /// Score, highest first.
    #[default]
    Score,
    /// Staff id.
    Id,
    /// Kana (gojūon order), surname first.
    Name,
    /// Grade, most senior first.
    Grade,
    /// Current unit id (organisation order); people without a post last.
    Unit,
    /// Months in the current post, longest first; people without a post last.
    Tenure,
    /// Birth year, oldest first; unknown last.
    BirthYear,
}

impl SortKey {
    pub const ALL: [SortKey; 7] = [
        SortKey::Score,
        SortKey::Id,
        SortKey::Name,
        SortKey::Grade,
        SortKey::Unit,
        SortKey::Tenure,
        SortKey::BirthYear,
    ];

    /// What the status line says: "sorted by score".
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Score => "score",
            SortKey::Id => "id",
            SortKey::Name => "name",
            SortKey::Grade => "grade",
            SortKey::Unit => "unit",
            SortKey::Tenure => "tenure",
            SortKey::BirthYear => "birth year",
        }
    }

    /// The next key, for a "cycle sort" binding.
    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }
}

/// Sorts hits by a key in its natural direction (see [`SortKey`]), ties by staff id.
pub fn sort_hits(hits: &mut [Hit], key: SortKey, ix: &SearchIndex) {
    sort_hits_by(hits, key, false, ix);
}

/// Sorts hits by a key, its natural direction reversed when `reverse`; people without
/// a value stay last and the staff id tie-break stays ascending either way.
pub fn sort_hits_by(hits: &mut [Hit], key: SortKey, reverse: bool, ix: &SearchIndex) {
    let cmp = order(key, reverse, ix);
    hits.sort_by(|a, b| cmp((a.score, a.row as u32), (b.score, b.row as u32)));
}

/// The order of (score, row) pairs for a sort key: its primary comparison, then the
/// row (staff id order).
fn order(
    key: SortKey,
    reverse: bool,
    ix: &SearchIndex,
) -> impl Fn((u32, u32), (u32, u32)) -> Ordering + '_ {
    let rows = ix.rows();
    let dir = move |o: Ordering| if reverse { o.reverse() } else { o };
    move |(sa, a): (u32, u32), (sb, b): (u32, u32)| {
        let (a, b) = (a as usize, b as usize);
        let (ra, rb) = (&rows[a], &rows[b]);
        let primary = match key {
            SortKey::Score => dir(sb.cmp(&sa)),
            SortKey::Id => Ordering::Equal,
            SortKey::Name => dir(ix.kana_rank[a].cmp(&ix.kana_rank[b])),
            SortKey::Grade => dir(rb.grade.cmp(&ra.grade)),
            SortKey::Unit => last_if_none(ra.unit.as_ref(), rb.unit.as_ref(), |x, y| dir(x.cmp(y))),
            SortKey::Tenure => {
                last_if_none(ra.tenure_months, rb.tenure_months, |x, y| dir(y.cmp(&x)))
            }
            SortKey::BirthYear => last_if_none(ra.birth_year, rb.birth_year, |x, y| dir(x.cmp(&y))),
        };
        primary.then(a.cmp(&b))
    }
}

/// Every match of a query, put in order lazily: only as far down as someone looks.
/// A one-letter query at 100k staff matches most of them; ranking all of them on
/// every keystroke costs more than a frame, while the first screenful costs a linear
/// selection plus a sort of a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ranked {
    /// Packed (score, row) keys; `keys[..ready]` are in final order, every key after
    /// them ranks below them.
    keys: Vec<u64>,
    ready: usize,
    key: SortKey,
    reverse: bool,
}

impl Ranked {
    /// Ranks `keys` (packed score/row, any order) by `key`; nothing is sorted yet.
    pub(crate) fn new(keys: Vec<u64>, key: SortKey, reverse: bool) -> Ranked {
        Ranked {
            keys,
            ready: 0,
            key,
            reverse,
        }
    }

    /// How many matched.
    pub fn total(&self) -> usize {
        self.keys.len()
    }

    /// How many leading entries are in final order.
    pub fn ready(&self) -> usize {
        self.ready
    }

    /// The sort key and direction.
    pub fn sort(&self) -> (SortKey, bool) {
        (self.key, self.reverse)
    }

    /// Changes the order; the ordered prefix starts over.
    pub fn set_sort(&mut self, key: SortKey, reverse: bool) {
        if (key, reverse) != (self.key, self.reverse) {
            self.key = key;
            self.reverse = reverse;
            self.ready = 0;
        }
    }

    /// Puts at least the first `n` entries (capped at the total) in final order.
    pub fn ensure(&mut self, n: usize, ix: &SearchIndex) {
        let n = n.min(self.keys.len());
        if n <= self.ready {
            return;
        }
        let cmp = order(self.key, self.reverse, ix);
        let by = |a: &u64, b: &u64| cmp(unpack(*a), unpack(*b));
        let rest = &mut self.keys[self.ready..];
        let want = n - self.ready;
        if want < rest.len() {
            rest.select_nth_unstable_by(want - 1, by);
        }
        rest[..want].sort_unstable_by(by);
        self.ready = n;
    }

    /// The (score, row) at `i`, when `i` is in the ordered prefix.
    pub fn get(&self, i: usize) -> Option<(u32, usize)> {
        (i < self.ready).then(|| {
            let (s, r) = unpack(self.keys[i]);
            (s, r as usize)
        })
    }

    /// Where `row` is in the ordered prefix.
    pub fn position(&self, row: usize) -> Option<usize> {
        self.keys[..self.ready]
            .iter()
            .position(|k| unpack(*k).1 as usize == row)
    }
}

/// Compares present values with `f`; absent ones go last whatever the direction.
fn last_if_none<T>(a: Option<T>, b: Option<T>, f: impl Fn(T, T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => f(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_orders_score_then_row() {
        assert!(pack(10, 5) > pack(9, 0));
        assert!(pack(10, 1) > pack(10, 2));
        assert_eq!(unpack(pack(7, 42)), (7, 42));
    }

    #[test]
    fn top_ranks_score_then_row() {
        let keys = vec![pack(1, 0), pack(5, 1), pack(2, 2), pack(5, 3), pack(2, 4)];
        let got = |l| -> Vec<(u32, u32)> { top(&keys, l).iter().map(|k| unpack(*k)).collect() };
        assert_eq!(got(Some(3)), vec![(5, 1), (5, 3), (2, 2)]);
        assert_eq!(got(Some(1)), vec![(5, 1)]);
        assert_eq!(got(None), vec![(5, 1), (5, 3), (2, 2), (2, 4), (1, 0)]);
        assert!(got(Some(0)).is_empty());
    }

    #[test]
    fn top_handles_wide_score_ranges() {
        let keys = vec![pack(1, 0), pack(1 << 20, 1), pack(7, 2)];
        let got: Vec<_> = top(&keys, Some(2)).iter().map(|k| unpack(*k)).collect();
        assert_eq!(got, vec![(1 << 20, 1), (7, 2)]);
    }

    #[test]
    fn sort_keys_cycle() {
        assert_eq!(SortKey::BirthYear.next(), SortKey::Score);
        assert_eq!(SortKey::Score.label(), "score");
    }
}
