//! Running a query against the index: the scan of rows (split across the cores for
//! large sets), ranking, and the assembly of hits with their matched positions.

use super::index::SearchIndex;
use super::plan::Plan;
use super::query::Query;
use super::rank::{pack, top, unpack};
use super::{Hit, Results};

/// Below this many rows the scan stays on one thread.
const PARALLEL_FROM: usize = 8_192;

/// Packed (score, row) keys of every matching row among `cands` (all rows when `None`).
pub(crate) fn scan(plan: &Plan, cands: Option<&[u32]>) -> Vec<u64> {
    let n = cands.map_or(plan.ix.len(), <[u32]>::len);
    let row_at = |i: usize| cands.map_or(i, |c| c[i] as usize);
    let run = |range: std::ops::Range<usize>| -> Vec<u64> {
        range
            .filter_map(|i| {
                let r = row_at(i);
                plan.score(r).map(|s| pack(s, r as u32))
            })
            .collect()
    };
    let threads = plan.ix.threads();
    if threads < 2 || n < PARALLEL_FROM {
        return run(0..n);
    }
    let chunk = n.div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                s.spawn(move || run(range))
            })
            .collect();
        let mut out = Vec::new();
        for h in handles {
            // A panicking scan thread is a bug; its rows are simply missing.
            out.extend(h.join().unwrap_or_default());
        }
        out
    })
}

/// Runs a query over `cands` (all rows when `None`), marking matched positions when
/// `mark`. Returns the results and every matching row, for refining the next query.
pub(crate) fn run(
    ix: &SearchIndex,
    q: &Query,
    cands: Option<&[u32]>,
    limit: Option<usize>,
    mark: bool,
) -> (Results, Option<Vec<u32>>) {
    let plan = Plan::new(ix, q);
    let mark = mark && !plan.terms.is_empty();
    if plan.is_trivial() && cands.is_none() {
        let n = limit.map_or(ix.len(), |l| l.min(ix.len()));
        let hits = (0..n).map(|r| hit(&plan, r, 0, false)).collect();
        return (
            Results {
                hits,
                total: ix.len(),
            },
            None,
        );
    }
    let keys = scan(&plan, cands);
    let matched: Vec<u32> = keys.iter().map(|k| unpack(*k).1).collect();
    debug_assert!(
        matched.windows(2).all(|w| w[0] < w[1]),
        "scan keeps row order"
    );
    let best = top(&keys, limit);
    let hits = hits(&plan, &best, mark);
    let total = keys.len();
    (Results { hits, total }, Some(matched))
}

/// Every match of a query over `cands` (all rows when `None`), unranked, and the
/// matching rows for refining the next query (`None`: all rows).
pub(crate) fn matches(
    ix: &SearchIndex,
    q: &Query,
    cands: Option<&[u32]>,
) -> (Vec<u64>, Option<Vec<u32>>) {
    let plan = Plan::new(ix, q);
    if plan.is_trivial() && cands.is_none() {
        let keys = (0..ix.len() as u32).map(|r| pack(0, r)).collect();
        return (keys, None);
    }
    let keys = scan(&plan, cands);
    let matched = keys.iter().map(|k| unpack(*k).1).collect();
    (keys, Some(matched))
}

/// Hits for ranked keys; many are built on all the scan threads.
fn hits(plan: &Plan, keys: &[u64], mark: bool) -> Vec<Hit> {
    let make = |ks: &[u64]| -> Vec<Hit> {
        (ks.iter())
            .map(|k| {
                let (s, r) = unpack(*k);
                hit(plan, r as usize, s, mark)
            })
            .collect()
    };
    let threads = plan.ix.threads();
    if threads < 2 || keys.len() < PARALLEL_FROM {
        return make(keys);
    }
    let chunk = keys.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = keys
            .chunks(chunk)
            .map(|c| s.spawn(move || make(c)))
            .collect();
        let mut out = Vec::with_capacity(keys.len());
        for h in handles {
            out.extend(h.join().unwrap_or_default());
        }
        out
    })
}

fn hit(plan: &Plan, row: usize, score: u32, mark: bool) -> Hit {
    let (name_match, kana_match, id_match) = if mark {
        super::highlight::highlight(plan, row)
    } else {
        Default::default()
    };
    Hit {
        row,
        id: plan.ix.ids[row].clone(),
        score,
        name_match,
        kana_match,
        id_match,
    }
}

/// Fills the matched positions of hits found by `q` (for rows about to be shown).
pub(crate) fn mark(ix: &SearchIndex, q: &Query, hits: &mut [Hit]) {
    let plan = Plan::words(ix, q);
    for h in hits {
        if h.row < ix.len() {
            (h.name_match, h.kana_match, h.id_match) = super::highlight::highlight(&plan, h.row);
        }
    }
}
