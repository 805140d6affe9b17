//! The staff search pane's state and behaviour: the query line, the ranked results,
//! the selection and scrolling, sorting, and the detail view.

use super::state::Loaded;
use super::text_input::TextInput;
use crate::search::{sort_hits_by, Hit, Query, Searcher, SortKey};

/// Rows taken by everything around the list: tabs, query line, table border and
/// header, key hints, status line.
pub const CHROME_ROWS: u16 = 6;

/// The staff pane.
#[derive(Debug, Default)]
pub struct StaffPane {
    pub query: TextInput,
    /// The query line has focus: keys type into it.
    pub editing: bool,
    /// Why the query does not parse (the last good results stay on screen).
    pub query_error: Option<String>,
    pub hits: Vec<Hit>,
    pub total: usize,
    pub selected: usize,
    /// First visible row of the list.
    pub offset: usize,
    pub sort: SortKeyChoice,
    pub reverse: bool,
    /// The detail column is hidden (toggle_detail).
    pub detail_hidden: bool,
    /// The full-screen detail is open (narrow terminals, or Enter).
    pub detail_open: bool,
    searcher: Searcher,
    /// The query behind `hits`, to mark matched characters of rows as they scroll in.
    query_parsed: Option<Query>,
    /// Rows [start, end) of `hits` whose matched characters are filled in.
    marked: (usize, usize),
}

/// The sort key, defaulting to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortKeyChoice(pub SortKey);

impl Default for SortKeyChoice {
    fn default() -> Self {
        SortKeyChoice(SortKey::Score)
    }
}

impl StaffPane {
    /// A pane with the query line focused.
    pub fn focused() -> StaffPane {
        StaffPane {
            editing: true,
            ..StaffPane::default()
        }
    }

    /// Re-runs the query against the loaded data. Matches are found for everyone but
    /// their highlighted characters only for the rows on screen: marking every hit of
    /// a short query at 100k staff would cost tens of milliseconds a keystroke.
    pub fn refresh(&mut self, data: &Loaded, page: usize) {
        let q = match Query::parse(self.query.text()) {
            Ok(q) => q,
            Err(e) => {
                self.query_error = Some(e.to_string());
                return;
            }
        };
        self.query_error = None;
        let res = self.searcher.search_unmarked(&data.index, &q, None);
        self.total = res.total;
        self.hits = res.hits;
        self.query_parsed = Some(q);
        self.marked = (0, 0);
        if self.sort.0 != SortKey::Score || self.reverse {
            sort_hits_by(&mut self.hits, self.sort.0, self.reverse, &data.index);
        }
        self.selected = 0;
        self.offset = 0;
        self.mark_visible(data, page);
    }

    /// Fills the matched characters of the rows now on screen.
    pub fn mark_visible(&mut self, data: &Loaded, page: usize) {
        let Some(q) = &self.query_parsed else { return };
        let start = self.offset.min(self.hits.len());
        let end = (self.offset + page).min(self.hits.len());
        if (start, end) == self.marked || start >= end {
            return;
        }
        data.index.mark(q, &mut self.hits[start..end]);
        self.marked = (start, end);
    }

    /// Re-sorts the current hits (no new search), keeping the selected person.
    pub fn resort(&mut self, data: &Loaded, page: usize) {
        let keep = self.selected_hit().map(|h| h.row);
        sort_hits_by(&mut self.hits, self.sort.0, self.reverse, &data.index);
        self.selected = keep
            .and_then(|row| self.hits.iter().position(|h| h.row == row))
            .unwrap_or(0);
        self.marked = (0, 0);
        self.fit(page);
        self.mark_visible(data, page);
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }

    /// Moves the selection by `delta` rows, clamped, and scrolls to keep it visible.
    pub fn move_by(&mut self, delta: isize, page: usize) {
        if self.hits.is_empty() {
            return;
        }
        let last = self.hits.len() - 1;
        let to = (self.selected as isize + delta).clamp(0, last as isize) as usize;
        self.select(to, page);
    }

    /// Selects a row and scrolls to keep it visible in a list `page` rows high.
    pub fn select(&mut self, row: usize, page: usize) {
        self.selected = row.min(self.hits.len().saturating_sub(1));
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }

    /// Keeps the selection visible after the list height changed.
    pub fn fit(&mut self, page: usize) {
        let sel = self.selected;
        self.select(sel, page);
    }
}

/// How many list rows fit on a screen of `height` rows.
pub fn page_rows(height: u16) -> usize {
    height.saturating_sub(CHROME_ROWS).max(1) as usize
}
