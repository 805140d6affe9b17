//! Incremental search as the user types: remembers the last query and every row it
//! matched, and when the new query narrows it (a longer word, one more word or filter)
//! scans only those rows. Results are always the same as a fresh search.

use super::exec;
use super::index::SearchIndex;
use super::query::Query;
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

    fn run(&mut self, ix: &SearchIndex, q: &Query, limit: Option<usize>, mark: bool) -> Results {
        let cands = match &self.last {
            Some(l) if l.generation == ix.generation && q.narrows(&l.query) => l.rows.as_deref(),
            _ => None,
        };
        self.refined = cands.is_some();
        let (results, rows) = exec::run(ix, q, cands, limit, mark);
        self.last = Some(Last {
            generation: ix.generation,
            query: q.clone(),
            rows,
        });
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
