//! Incremental search as the user types: remembers the last query and every row it
//! matched, and when the new query narrows it (a longer word, one more word or filter)
//! scans only those rows. Results are always the same as a fresh search.

use super::exec;
use super::index::SearchIndex;
use super::query::Query;
use super::rank::{Ranked, SortKey};
use super::Results;

/// Search state of one search box.
#[derive(Debug, Default)]
pub struct Searcher {
    last: Option<Last>,
    refined: bool,
}

#[derive(Debug)]
struct Last {
    generation: u64,
    query: Query,
    /// Every row the query matched; `None`: all rows.
    rows: Option<Vec<u32>>,
}

impl Searcher {
    pub fn new() -> Searcher {
        Searcher::default()
    }

    /// Runs `q`, refining the previous result when `q` narrows the previous query on
    /// the same index.
    pub fn search(&mut self, ix: &SearchIndex, q: &Query, limit: Option<usize>) -> Results {
        self.run(ix, q, limit, true)
    }

    /// [`Searcher::search`] without matched positions: for taking every match of a
    /// large index, sorting it, and marking only the visible rows with
    /// [`SearchIndex::mark`].
    pub fn search_unmarked(
        &mut self,
        ix: &SearchIndex,
        q: &Query,
        limit: Option<usize>,
    ) -> Results {
        self.run(ix, q, limit, false)
    }

    /// Every match of `q` (refining as [`Searcher::search`] does), ranked lazily by
    /// `key`: for a list that shows a page at a time out of tens of thousands.
    pub fn rank(&mut self, ix: &SearchIndex, q: &Query, key: SortKey, reverse: bool) -> Ranked {
        let last = self.last.take(); // replaced by remember()
        let cands = candidates(last.as_ref(), ix, q);
        self.refined = cands.is_some();
        let (keys, rows) = exec::matches(ix, q, cands);
        self.remember(ix, q, rows);
        Ranked::new(keys, key, reverse)
    }

    fn remember(&mut self, ix: &SearchIndex, q: &Query, rows: Option<Vec<u32>>) {
        self.last = Some(Last {
            generation: ix.generation,
            query: q.clone(),
            rows,
        });
    }

    fn run(&mut self, ix: &SearchIndex, q: &Query, limit: Option<usize>, mark: bool) -> Results {
        let last = self.last.take(); // replaced by remember()
        let cands = candidates(last.as_ref(), ix, q);
        self.refined = cands.is_some();
        let (results, rows) = exec::run(ix, q, cands, limit, mark);
        self.remember(ix, q, rows);
        results
    }

    /// Whether the last search only looked at the previous result.
    pub fn last_was_refined(&self) -> bool {
        self.refined
    }

    /// Forgets the last query (the next search scans everyone).
    pub fn reset(&mut self) {
        self.last = None;
        self.refined = false;
    }
}

/// The rows to search among: the last query's matches when `q` narrows it.
fn candidates<'l>(last: Option<&'l Last>, ix: &SearchIndex, q: &Query) -> Option<&'l [u32]> {
    match last {
        Some(l) if l.generation == ix.generation && q.narrows(&l.query) => l.rows.as_deref(),
        _ => None,
    }
}
