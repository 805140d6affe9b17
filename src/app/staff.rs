//! The staff search pane's state and behaviour: the query line, the ranked results,
//! the selection and scrolling, sorting, and the detail view.

use super::state::Loaded;
use super::text_input::TextInput;
use crate::domain::StaffId;
use crate::search::{Hit, Query, Ranked, Searcher, SortKey};

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
    /// Hits for the leading rows of `ranked`, as far as the list has been looked at
    /// (the rest are built when scrolled to).
    pub hits: Vec<Hit>,
    /// How many matched in all (the list scrolls through all of them).
    pub total: usize,
    ranked: Ranked,
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

    /// Re-runs the query against the loaded data. Every match is counted, but only
    /// the rows up to the screen's end are ranked, built and marked: doing that for
    /// every hit of a one-letter query at 100k staff costs more than a frame.
    pub fn refresh(&mut self, data: &Loaded, page: usize) {
        let q = match Query::parse(self.query.text()) {
            Ok(q) => q,
            Err(e) => {
                self.query_error = Some(e.to_string());
                return;
            }
        };
        self.query_error = None;
        self.ranked = self
            .searcher
            .rank(&data.index, &q, self.sort.0, self.reverse);
        self.total = self.ranked.total();
        self.hits.clear();
        self.query_parsed = Some(q);
        self.marked = (0, 0);
        self.selected = 0;
        self.offset = 0;
        self.fill_visible(data, page);
    }

    /// Builds the hits down to the end of the screen (and the selection), ranking a
    /// few pages ahead, and marks the matched characters of the rows on screen.
    pub fn fill_visible(&mut self, data: &Loaded, page: usize) {
        let need = (self.offset + page).max(self.selected + 1).min(self.total);
        if need > self.hits.len() {
            if need > self.ranked.ready() {
                // Rank ahead so that scrolling a page at a time rarely ranks again.
                let ahead = (need * 2).max(need + 4 * page);
                self.ranked.ensure(ahead, &data.index);
            }
            for i in self.hits.len()..need {
                let Some((score, row)) = self.ranked.get(i) else {
                    break;
                };
                self.hits.push(data.index.hit(row, score));
            }
        }
        let Some(q) = &self.query_parsed else { return };
        let start = self.offset.min(self.hits.len());
        let end = (self.offset + page).min(self.hits.len());
        if (start, end) == self.marked || start >= end {
            return;
        }
        data.index.mark(q, &mut self.hits[start..end]);
        self.marked = (start, end);
    }

    /// Re-sorts the results (no new search), keeping the selected person.
    pub fn resort(&mut self, data: &Loaded, page: usize) {
        let keep = self.selected_hit().map(|h| h.row);
        self.ranked.set_sort(self.sort.0, self.reverse);
        self.hits.clear();
        self.marked = (0, 0);
        self.selected = 0;
        if let Some(row) = keep {
            // Finding them needs the whole order: a deliberate key press, not typing.
            self.ranked.ensure(self.total, &data.index);
            self.selected = self.ranked.position(row).unwrap_or(0);
        }
        self.fit(page);
        self.fill_visible(data, page);
    }

    /// After new data: puts the selection back on the person who had it, when they
    /// are still among the results near where they were.
    pub fn reselect(&mut self, id: &StaffId, near: usize, data: &Loaded, page: usize) {
        let Some(row) = data.index.row_of(id) else {
            return;
        };
        self.ranked.ensure(near + 4 * page.max(1), &data.index);
        if let Some(i) = self.ranked.position(row) {
            self.select(i, page);
            self.fill_visible(data, page);
        }
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }

    /// Moves the selection by `delta` rows, clamped, and scrolls to keep it visible.
    /// (The caller then fills the rows that came into view: [`StaffPane::fill_visible`].)
    pub fn move_by(&mut self, delta: isize, page: usize) {
        if self.total == 0 {
            return;
        }
        let last = self.total - 1;
        let to = (self.selected as isize + delta).clamp(0, last as isize) as usize;
        self.select(to, page);
    }

    /// Selects a row and scrolls to keep it visible in a list `page` rows high.
    pub fn select(&mut self, row: usize, page: usize) {
        self.selected = row.min(self.total.saturating_sub(1));
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
