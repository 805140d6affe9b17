//! The posts pane's state and behaviour: the organisation as a tree of units and their
//! posts, with each post's holders on today's date and what is wrong with it, narrowed
//! by the filter line and the problems-only switch, folded and unfolded unit by unit,
//! and the selected post's detail.
//!
//! Everything a row shows (holders, tenure, warning marks, the folded search text) is
//! worked out once per data load in [`PostsPane::load`]; a filter change or a fold
//! rebuilds the list of rows (one pass over units and posts); moving and scrolling
//! build nothing; the detail of the selected post is worked out when the selection
//! lands on it.

use super::state::Loaded;
use super::text_input::TextInput;
use crate::domain::fit::{fit, problems, Fit, Problem};
use crate::domain::queries::tenure_months;
use crate::domain::{
    Assignment, CourseId, Dataset, Date, Field, Grade, Impact, PostId, Staff, StaffId, UnitId,
};
use crate::search::normalize::fold;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

mod model;

pub use model::*;

/// Rows taken by everything around the tree: tabs, filter line, the tree's two
/// borders, key hints.
pub const CHROME_ROWS: u16 = 5;

/// How many tree rows fit on a screen of `height` rows.
pub fn page_rows(height: u16) -> usize {
    height.saturating_sub(CHROME_ROWS).max(1) as usize
}

/// One line of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeRow {
    /// A unit, with the number of posts (and of posts with problems) in its subtree
    /// that pass the filter.
    Unit {
        unit: usize,
        expanded: bool,
        posts: usize,
        problems: usize,
    },
    /// A post, `depth` levels in (one more than its unit).
    Post { post: usize, depth: u16 },
}

/// A row's identity, to keep the selection across rebuilds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKey {
    Unit(usize),
    Post(usize),
}

/// The posts pane.
#[derive(Debug, Default)]
pub struct PostsPane {
    pub filter: TextInput,
    /// The filter line has focus: keys type into it.
    pub editing: bool,
    /// Show only posts with problems.
    pub problems_only: bool,
    /// Units folded in the full tree (all are unfolded at first).
    pub collapsed: BTreeSet<UnitId>,
    /// Units folded while a filter or problems-only is on; they start unfolded and
    /// this empties whenever the filter changes.
    pub collapsed_filtered: BTreeSet<UnitId>,
    /// The tree's lines as they stand (units, and posts of unfolded units).
    pub rows: Vec<TreeRow>,
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    /// The detail column is hidden (toggle_detail).
    pub detail_hidden: bool,
    /// The full-screen detail is open (narrow terminals, or Enter on a post).
    pub detail_open: bool,
    /// The selected post's detail.
    pub detail: Option<PostDetail>,
    /// Units in depth-first order (shared with the data they were built from).
    pub units: Arc<Vec<UnitNode>>,
    /// Posts in id order.
    pub posts: Arc<Vec<PostItem>>,
    /// How many posts pass the filter (all of them when none is on).
    pub shown: usize,
    /// Posts with at least one problem, over all posts.
    pub with_problems: usize,
    /// The widest post id, in cells (at most 12), to line the columns up.
    pub id_width: usize,
    /// The most cells a post's indent and title take (two per level), so that the
    /// columns after the titles can sit just after the longest one.
    pub title_span: usize,
    staff_ids: Arc<Vec<StaffId>>,
    /// Per post: passes the filter and the problems-only switch.
    matching: Vec<bool>,
    /// Per unit: (posts, posts with problems) passing the filter in its subtree.
    counts: Vec<(usize, usize)>,
    today: Date,
    term_months: u32,
    loaded: bool,
}

impl PostsPane {
    /// Builds the tree from freshly loaded data: every post's holders on `today`, its
    /// problems and its history. Keeps the filter, the folds and the selected post
    /// or unit across reloads.
    pub fn load(&mut self, data: &Loaded, today: Date, term_months: u32, page: usize) {
        match data.posts.get() {
            Some(m) if m.today == today && m.term_months == term_months => {
                self.adopt(m.clone(), &data.ds, page)
            }
            Some(_) => self.adopt(
                PostsModel::build(&data.ds, today, term_months),
                &data.ds,
                page,
            ),
            // Still being worked out: the pane says "loading" until ModelsReady.
            None => {}
        }
    }

    /// Shows a tree built elsewhere (off the UI thread), keeping the view.
    pub fn adopt(&mut self, model: PostsModel, ds: &Dataset, page: usize) {
        let keep = self.selected_ids();
        self.today = model.today;
        self.term_months = model.term_months;
        self.units = model.units;
        self.posts = model.posts;
        self.staff_ids = model.staff_ids;
        self.id_width = model.id_width;
        self.title_span = model.title_span;
        self.with_problems = model.with_problems;
        self.loaded = true;
        self.apply_filter();
        self.rebuild();
        let at = self
            .position_of_ids(keep)
            .unwrap_or_else(|| self.first_post_row());
        self.select(at, page);
        self.detail = None;
        self.sync_detail(ds);
    }

    /// Whether the data has been loaded into the tree.
    pub fn is_loaded(&self) -> bool {
        self.loaded
    }

    /// Whether a filter or the problems-only switch narrows the tree.
    pub fn is_filtering(&self) -> bool {
        self.problems_only || !self.filter.text().trim().is_empty()
    }

    /// The post on the selected row, if the row is a post.
    pub fn selected_post(&self) -> Option<&PostId> {
        self.selected_item().map(|p| &p.id)
    }

    /// The selected post as the tree shows it.
    pub fn selected_item(&self) -> Option<&PostItem> {
        match self.rows.get(self.selected)? {
            TreeRow::Post { post, .. } => self.posts.get(*post),
            TreeRow::Unit { .. } => None,
        }
    }

    /// The unit on the selected row, if the row is a unit.
    pub fn selected_unit(&self) -> Option<&UnitNode> {
        match self.rows.get(self.selected)? {
            TreeRow::Unit { unit, .. } => self.units.get(*unit),
            TreeRow::Post { .. } => None,
        }
    }

    /// The selected post's first holder today (a primary holder before a concurrent
    /// one): who, where, and the start of the holding, which with the post names the
    /// assignment.
    pub fn selected_holder(&self) -> Option<(&StaffId, &PostId, Date)> {
        let p = self.selected_item()?;
        let h = p.holders.first()?;
        Some((&h.staff, &p.id, h.start))
    }

    /// The problems of a post today.
    pub fn problems_of(&self, post: &PostId) -> &[Problem] {
        self.post_index(post)
            .map_or(&[], |i| self.posts[i].problems.as_slice())
    }

    fn post_index(&self, post: &PostId) -> Option<usize> {
        self.posts.binary_search_by(|p| p.id.cmp(post)).ok()
    }

    /// Re-applies the filter after its text changed: every unit with a match unfolds,
    /// and the first matching post is selected.
    pub fn filter_changed(&mut self, page: usize) {
        self.collapsed_filtered.clear();
        self.apply_filter();
        self.rebuild();
        self.offset = 0;
        let first = self.first_post_row();
        self.select(first, page);
    }

    /// Clears the filter text.
    pub fn clear_filter(&mut self, page: usize) {
        self.filter.clear();
        self.refilter(page);
    }

    /// Turns problems-only on or off, keeping the selection where it can.
    pub fn toggle_problems_only(&mut self, page: usize) {
        self.problems_only = !self.problems_only;
        self.collapsed_filtered.clear();
        self.refilter(page);
    }

    /// Re-applies the filter, keeping the selected row if it is still shown.
    fn refilter(&mut self, page: usize) {
        let keep = self.selected_key();
        self.apply_filter();
        self.rebuild();
        let at = keep
            .and_then(|k| self.position_of(k))
            .unwrap_or_else(|| self.first_post_row());
        self.select(at, page);
    }

    /// Unfolds the selected unit; on an unfolded unit, moves to its first line.
    pub fn expand(&mut self, page: usize) {
        match self.rows.get(self.selected).copied() {
            Some(TreeRow::Unit {
                unit,
                expanded: false,
                ..
            }) => self.set_folded(unit, false, page),
            Some(TreeRow::Unit {
                unit,
                expanded: true,
                ..
            }) if self.is_child_row(self.selected + 1, unit) => {
                self.select(self.selected + 1, page);
            }
            _ => {}
        }
    }

    /// Whether row `row` is a post or a unit directly under unit `unit`.
    fn is_child_row(&self, row: usize, unit: usize) -> bool {
        match self.rows.get(row) {
            Some(TreeRow::Post { post, .. }) => self.posts[*post].unit == unit,
            Some(TreeRow::Unit { unit: u, .. }) => self.units[*u].parent == Some(unit),
            None => false,
        }
    }

    /// Folds the selected unit; on a post or a folded unit, moves to the unit above.
    pub fn collapse(&mut self, page: usize) {
        match self.rows.get(self.selected).copied() {
            Some(TreeRow::Unit {
                unit,
                expanded: true,
                ..
            }) => self.set_folded(unit, true, page),
            Some(TreeRow::Unit { unit, .. }) => {
                if let Some(parent) = self.units[unit].parent {
                    if let Some(at) = self.position_of(RowKey::Unit(parent)) {
                        self.select(at, page);
                    }
                }
            }
            Some(TreeRow::Post { post, .. }) => {
                let unit = self.posts[post].unit;
                if let Some(at) = self.position_of(RowKey::Unit(unit)) {
                    self.select(at, page);
                }
            }
            None => {}
        }
    }

    /// Folds or unfolds the selected unit.
    pub fn toggle(&mut self, page: usize) {
        if let Some(TreeRow::Unit { unit, expanded, .. }) = self.rows.get(self.selected).copied() {
            self.set_folded(unit, expanded, page);
        }
    }

    /// Unfolds every unit.
    pub fn expand_all(&mut self, page: usize) {
        let keep = self.selected_key();
        if self.is_filtering() {
            self.collapsed_filtered.clear();
        } else {
            self.collapsed.clear();
        }
        self.rebuild();
        if let Some(at) = keep.and_then(|k| self.position_of(k)) {
            self.select(at, page);
        }
    }

    /// Folds every unit, leaving the top of the organisation; the selection moves to
    /// the top unit it was under.
    pub fn collapse_all(&mut self, page: usize) {
        let keep = self.selected_key();
        let all: BTreeSet<UnitId> = self.units.iter().map(|u| u.id.clone()).collect();
        if self.is_filtering() {
            self.collapsed_filtered = all;
        } else {
            self.collapsed = all;
        }
        self.rebuild();
        let at = keep.and_then(|k| self.position_of(k)).unwrap_or(0);
        self.offset = 0;
        self.select(at, page);
    }

    fn set_folded(&mut self, unit: usize, fold: bool, page: usize) {
        let id = self.units[unit].id.clone();
        let set = if self.is_filtering() {
            &mut self.collapsed_filtered
        } else {
            &mut self.collapsed
        };
        if fold {
            set.insert(id);
        } else {
            set.remove(&id);
        }
        self.rebuild();
        if let Some(at) = self.position_of(RowKey::Unit(unit)) {
            self.select(at, page);
        }
    }

    /// Moves the selection by `delta` rows, clamped, and scrolls to keep it visible.
    pub fn move_by(&mut self, delta: isize, page: usize) {
        let len = self.rows.len();
        super::list::move_row(&mut self.selected, &mut self.offset, delta, len, page);
    }

    /// Selects a row and scrolls to keep it visible in a list `page` rows high.
    pub fn select(&mut self, row: usize, page: usize) {
        let len = self.rows.len();
        super::list::select_row(&mut self.selected, &mut self.offset, row, len, page);
    }

    /// Keeps the selection visible after the list height changed.
    pub fn fit(&mut self, page: usize) {
        let sel = self.selected;
        self.select(sel, page);
    }

    /// Works out the selected post's detail, when the selection moved to another post.
    pub fn sync_detail(&mut self, ds: &Dataset) {
        let Some(TreeRow::Post { post, .. }) = self.rows.get(self.selected).copied() else {
            self.detail = None;
            return;
        };
        if self.detail.as_ref().is_some_and(|d| d.post == post) {
            return;
        }
        self.detail = self.build_detail(ds, post);
    }

    fn build_detail(&self, ds: &Dataset, post: usize) -> Option<PostDetail> {
        let item = self.posts.get(post)?;
        let p = ds.posts.get(&item.id)?;
        let mut unit_path = Vec::new();
        let mut cur = Some(item.unit);
        while let Some(u) = cur.and_then(|i| self.units.get(i)) {
            unit_path.push(u.name.clone());
            cur = u.parent;
        }
        unit_path.reverse();
        let holders = item
            .holders
            .iter()
            .map(|h| HolderFit {
                holder: h.clone(),
                fit: ds.staff.get(&h.staff).map(|s| fit(ds, s, p, self.today)),
            })
            .collect();
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        let history: Vec<PastHolding> = item
            .history
            .iter()
            .map(|h| {
                let staff = self.staff_ids[h.staff as usize].clone();
                let name = ds
                    .staff
                    .get(&staff)
                    .map_or_else(|| staff.to_string(), |s| s.name.clone());
                names.insert(staff.to_string(), name.clone());
                PastHolding {
                    staff,
                    name,
                    start: h.start,
                    end: h.end,
                    concurrent: h.concurrent,
                }
            })
            .collect();
        let vacant_since = item.problems.iter().find_map(|pr| match pr {
            Problem::Vacant { since, .. } => Some(since.map(|d| d.tomorrow().unwrap_or(d))),
            _ => None,
        });
        Some(PostDetail {
            post,
            unit_path,
            grade: p.grade,
            field: p.field,
            impact: p.impact,
            seats: p.capacity,
            closed: p.closed,
            skills: p.skills.0.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            courses: p
                .courses
                .iter()
                .map(|c| {
                    let name = ds
                        .courses
                        .get(c)
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    (c.clone(), name)
                })
                .collect(),
            holders,
            vacant_since: vacant_since.flatten(),
            history,
            names,
        })
    }

    fn apply_filter(&mut self) {
        let folded = fold(self.filter.text());
        let words: Vec<&str> = folded.split_whitespace().collect();
        let only = self.problems_only;
        self.matching = self
            .posts
            .iter()
            .map(|p| (!only || !p.problems.is_empty()) && words.iter().all(|w| p.hay.contains(w)))
            .collect();
        self.shown = self.matching.iter().filter(|m| **m).count();
        let mut counts = vec![(0usize, 0usize); self.units.len()];
        for (p, _) in self.posts.iter().zip(&self.matching).filter(|(_, m)| **m) {
            if let Some(c) = counts.get_mut(p.unit) {
                c.0 += 1;
                c.1 += usize::from(!p.problems.is_empty());
            }
        }
        // Children come after their parent: adding from the end sums whole subtrees.
        for i in (0..self.units.len()).rev() {
            if let Some(par) = self.units[i].parent {
                let (a, b) = counts[i];
                counts[par].0 += a;
                counts[par].1 += b;
            }
        }
        self.counts = counts;
    }

    /// Lays out the rows from the units, the filter and the folds.
    fn rebuild(&mut self) {
        let filtering = self.is_filtering();
        let folds = if filtering {
            &self.collapsed_filtered
        } else {
            &self.collapsed
        };
        let mut rows = Vec::with_capacity(self.units.len() + self.shown);
        let mut i = 0;
        while i < self.units.len() {
            let u = &self.units[i];
            let (n, p) = self.counts[i];
            if filtering && n == 0 {
                i = u.end.max(i + 1);
                continue;
            }
            let expanded = !folds.contains(&u.id);
            rows.push(TreeRow::Unit {
                unit: i,
                expanded,
                posts: n,
                problems: p,
            });
            if !expanded {
                i = u.end.max(i + 1);
                continue;
            }
            rows.extend(
                u.posts
                    .iter()
                    .filter(|&&p| self.matching[p])
                    .map(|&p| TreeRow::Post {
                        post: p,
                        depth: u.depth + 1,
                    }),
            );
            i += 1;
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn selected_key(&self) -> Option<RowKey> {
        self.rows.get(self.selected).map(|r| match r {
            TreeRow::Unit { unit, .. } => RowKey::Unit(*unit),
            TreeRow::Post { post, .. } => RowKey::Post(*post),
        })
    }

    /// The selected row's record ids, which survive a reload.
    fn selected_ids(&self) -> Option<(Option<PostId>, Option<UnitId>)> {
        match self.selected_key()? {
            RowKey::Unit(u) => Some((None, Some(self.units.get(u)?.id.clone()))),
            RowKey::Post(p) => {
                let item = self.posts.get(p)?;
                let unit = self.units.get(item.unit).map(|u| u.id.clone());
                Some((Some(item.id.clone()), unit))
            }
        }
    }

    fn position_of_ids(&self, ids: Option<(Option<PostId>, Option<UnitId>)>) -> Option<usize> {
        let (post, unit) = ids?;
        if let Some(i) = post.and_then(|p| self.post_index(&p)) {
            if let Some(at) = self.position_of(RowKey::Post(i)) {
                return Some(at);
            }
        }
        let u = self
            .units
            .iter()
            .position(|u| Some(&u.id) == unit.as_ref())?;
        self.position_of(RowKey::Unit(u))
    }

    /// The row showing `key`; for a post hidden in a folded unit, the nearest unit
    /// row above it.
    fn position_of(&self, key: RowKey) -> Option<usize> {
        let found = self.rows.iter().position(|r| match (r, key) {
            (TreeRow::Unit { unit, .. }, RowKey::Unit(u)) => *unit == u,
            (TreeRow::Post { post, .. }, RowKey::Post(p)) => *post == p,
            _ => false,
        });
        if found.is_some() {
            return found;
        }
        let mut unit = match key {
            RowKey::Post(p) => Some(self.posts.get(p)?.unit),
            RowKey::Unit(u) => self.units.get(u)?.parent,
        };
        while let Some(u) = unit {
            let at = self
                .rows
                .iter()
                .position(|r| matches!(r, TreeRow::Unit { unit, .. } if *unit == u));
            if at.is_some() {
                return at;
            }
            unit = self.units.get(u)?.parent;
        }
        None
    }

    /// The first post row, or the first row when no post is shown.
    fn first_post_row(&self) -> usize {
        self.rows
            .iter()
            .position(|r| matches!(r, TreeRow::Post { .. }))
            .unwrap_or(0)
    }

    /// The number of posts in all.
    pub fn total(&self) -> usize {
        self.posts.len()
    }
}

#[cfg(test)]
mod tests;
