//! Staff search: the index, the matcher and the filter-query parser. Pure: no IO, no
//! store, no UI. The Staff pane and `jinzai search` call it.
//!
//! ```text
//! let ix = SearchIndex::build(&dataset, today, DEFAULT_TERM_MONTHS);   // once
//! let q = Query::parse("tanaka grade:係長 due")?;                        // per keystroke
//! let mut s = Searcher::new();
//! let res = s.search(&ix, &q, Some(200));   // refines the last result when it can
//! for h in &res.hits { let row = &ix.rows()[h.row]; /* h.name_match, h.kana_match */ }
//! ```
//!
//! At 100k people, ask for a page (`Some(limit)`), or take every match with
//! `search_unmarked` / `results_unmarked`, sort it, and `mark` only the rows on screen:
//! matched positions cost a little per hit.
//!
//! This file owns the public result types and the search entry points; the work is in
//! `kana` (scripts, romaji), `normalize` (folding, romaji keys, masks), `query` (the
//! language), `index` (the index's layout), `build` and `people` (building it), `plan` (a query
//! resolved against an index), `matcher` (fuzzy scoring), `exec` (scans and hits),
//! `highlight` (matched positions), `rank` (ranking, sorting) and `searcher`
//! (incremental search as the user types).

mod build;
mod exec;
mod highlight;
mod index;
pub mod kana;
mod matcher;
pub mod normalize;
mod people;
mod plan;
mod query;
mod rank;
mod searcher;

pub use index::{Row, SearchIndex, DEFAULT_TERM_MONTHS};
pub use query::{Cmp, Filter, Query, QueryError, Term};
pub use rank::{sort_hits, sort_hits_by, Ranked, SortKey};
pub use searcher::Searcher;

use crate::domain::{Grade, StaffId};
use serde::Serialize;
use std::sync::Arc;

/// One person found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`SearchIndex::rows`].
    pub row: usize,
    /// The staff id, shared with the index (cloning a hit allocates nothing for it).
    pub id: Arc<StaffId>,
    /// Higher is better; 0 when the query has no words.
    pub score: u32,
    /// Matched chars of `Staff.name` (char indices, ascending).
    pub name_match: Vec<usize>,
    /// Matched chars of `Staff.kana`.
    pub kana_match: Vec<usize>,
    /// Matched chars of the staff id.
    pub id_match: Vec<usize>,
}

/// The hits of a query (at most the limit, best first) and how many matched in all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// A hit as the CLI prints it (JSON) and the table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kana: &'a str,
    pub grade: Grade,
    pub post: Option<&'a str>,
    pub post_title: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub unit_name: Option<&'a str>,
    pub tenure_months: Option<i32>,
    pub due: bool,
    pub score: u32,
}

impl SearchIndex {
    /// The hits of a query, best first (score, then staff id), at most `limit`. An
    /// empty query gives everyone in id order.
    pub fn search(&self, q: &Query, limit: Option<usize>) -> Vec<Hit> {
        self.results(q, limit).hits
    }

    /// [`SearchIndex::search`] with the total number of matches.
    pub fn results(&self, q: &Query, limit: Option<usize>) -> Results {
        exec::run(self, q, None, limit, true).0
    }

    /// [`SearchIndex::results`] without matched positions (`name_match`, `kana_match`
    /// and `id_match` empty): the cheap way to get every match of a large index, to
    /// sort it and then [`SearchIndex::mark`] only the rows on screen.
    pub fn results_unmarked(&self, q: &Query, limit: Option<usize>) -> Results {
        exec::run(self, q, None, limit, false).0
    }

    /// Fills the matched positions of hits that `q` found.
    pub fn mark(&self, q: &Query, hits: &mut [Hit]) {
        exec::mark(self, q, hits)
    }

    /// Searches only among `prev`, which must be the complete (unlimited) hits of a
    /// query that `q` narrows (see [`Query::narrows`]); the result is then the same
    /// as [`SearchIndex::search`]. [`Searcher`] does this bookkeeping for you.
    pub fn refine(&self, prev: &[Hit], q: &Query, limit: Option<usize>) -> Vec<Hit> {
        let mut cands: Vec<u32> = prev.iter().map(|h| h.row as u32).collect();
        cands.sort_unstable();
        cands.dedup();
        exec::run(self, q, Some(&cands), limit, true).0.hits
    }

    /// An unmarked hit for `row` with `score` (as [`Ranked::get`] gives them).
    pub fn hit(&self, row: usize, score: u32) -> Hit {
        Hit {
            row,
            id: self.ids[row].clone(),
            score,
            name_match: Vec::new(),
            kana_match: Vec::new(),
            id_match: Vec::new(),
        }
    }

    /// The table / JSON view of a hit.
    pub fn summary(&self, hit: &Hit) -> Summary<'_> {
        let r = &self.rows[hit.row];
        Summary {
            id: r.id.as_str(),
            name: &r.name,
            kana: &r.kana,
            grade: r.grade,
            post: r.post.as_ref().map(|p| p.as_str()),
            post_title: r.post_title.as_deref(),
            unit: r.unit.as_ref().map(|u| u.as_str()),
            unit_name: r.unit_name.as_deref(),
            tenure_months: r.tenure_months,
            due: r.due,
            score: hit.score,
        }
    }
}
