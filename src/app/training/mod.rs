//! The training pane's state and behaviour (issue #5): the course catalogue as a tree
//! of courses → sessions → enrollees, narrowed by the filter line, sorted, folded
//! and unfolded; and the gap view, the gap list grouped by course.
//!
//! Everything a row shows (sessions with their seats and counts, enrollees, the
//! posts a course corresponds to, the gap list, the folded search text) is worked out
//! once per data load, off the UI thread, in [`TrainingModel::build`]; a filter
//! change, a sort or a fold rebuilds the list of rows (one pass over the model);
//! moving and scrolling build nothing. The detail column is drawn from the model and
//! the dataset (`ui::training`).
//!
//! For the actions that change enrollments, the selected row is named in record ids:
//! [`TrainingPane::selected_course`], [`TrainingPane::selected_session`],
//! [`TrainingPane::selected_enrollee`], [`TrainingPane::selected_gap`].

use super::state::Loaded;
use super::text_input::TextInput;
use crate::domain::training::{gaps, Gap};
use crate::domain::{
    CourseId, Dataset, Date, EnrollmentStatus, Field, Grade, PostId, Provider, Session, SessionId,
    StaffId,
};
use crate::search::normalize::fold;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

mod model;
mod rows;

pub use model::*;

/// Rows taken by everything around the tree: tabs, filter line, the tree's two
/// borders, key hints.
pub const CHROME_ROWS: u16 = 5;

/// How many tree rows fit on a screen of `height` rows.
pub fn page_rows(height: u16) -> usize {
    height.saturating_sub(CHROME_ROWS).max(1) as usize
}

/// One line of the tree, or of the gap view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainingRow {
    /// A course; unfolded, its sessions follow.
    Course { course: usize, expanded: bool },
    /// A session of a course (or its plans without a session); unfolded, its
    /// enrollees follow.
    Session {
        course: usize,
        session: usize,
        expanded: bool,
    },
    /// A person in a session.
    Enrollee {
        course: usize,
        session: usize,
        enrollee: usize,
    },
    /// The gap view: a course, with how many of its people the filter shows.
    GapCourse {
        group: usize,
        expanded: bool,
        shown: usize,
    },
    /// The gap view: a person missing the group's course.
    Gap { group: usize, gap: usize },
}

/// A foldable line of the tree, by record ids.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Fold {
    Course(CourseId),
    Session(CourseId, Option<SessionId>),
}

/// A row's identity in record ids, which survive reloads, sorts and view changes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RowId {
    Course(CourseId),
    Session(CourseId, Option<SessionId>),
    Enrollee(CourseId, Option<SessionId>, StaffId),
    GapCourse(CourseId),
    Gap(CourseId, StaffId),
}

impl RowId {
    /// The row to fall back on when this one is not shown.
    fn parent(&self) -> Option<RowId> {
        match self {
            RowId::Course(_) | RowId::GapCourse(_) => None,
            RowId::Session(c, _) => Some(RowId::Course(c.clone())),
            RowId::Enrollee(c, s, _) => Some(RowId::Session(c.clone(), s.clone())),
            RowId::Gap(c, _) => Some(RowId::GapCourse(c.clone())),
        }
    }

    /// The nearest row of the other view: a person's gap and their enrollment in
    /// the same course stand for each other; otherwise the course.
    fn across(&self) -> Vec<RowId> {
        match self {
            RowId::Course(c) | RowId::Session(c, _) => vec![RowId::GapCourse(c.clone())],
            RowId::Enrollee(c, _, s) => {
                vec![
                    RowId::Gap(c.clone(), s.clone()),
                    RowId::GapCourse(c.clone()),
                ]
            }
            RowId::GapCourse(c) => vec![RowId::Course(c.clone())],
            RowId::Gap(c, s) => vec![
                RowId::Enrollee(c.clone(), None, s.clone()),
                RowId::Course(c.clone()),
            ],
        }
    }
}

/// Which sessions and enrollees of a course pass the filter.
#[derive(Debug, Clone, Default)]
struct CourseMatch {
    /// The course or something in it matches.
    shown: bool,
    /// The course itself matches (then everything in it does).
    direct: bool,
    sessions: Vec<SessionMatch>,
}

#[derive(Debug, Clone, Default)]
struct SessionMatch {
    shown: bool,
    direct: bool,
    enrollees: Vec<bool>,
}

/// The training pane.
#[derive(Debug, Default)]
pub struct TrainingPane {
    pub filter: TextInput,
    /// The filter line has focus: keys type into it.
    pub editing: bool,
    /// The gap list grouped by course is shown instead of the catalogue.
    pub gap_view: bool,
    pub sort: TrainingSort,
    /// Unfolded courses and sessions of the full tree (all are folded at first:
    /// the catalogue reads as a list of courses).
    opened: BTreeSet<Fold>,
    /// Unfolded courses and sessions while a filter is on: set afresh when the
    /// filter changes, to everything above a match.
    opened_filtered: BTreeSet<Fold>,
    /// Folded courses of the gap view (all are unfolded at first).
    gaps_folded: BTreeSet<CourseId>,
    /// The lines as they stand.
    pub rows: Vec<TrainingRow>,
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    /// The detail column is hidden (toggle_detail).
    pub detail_hidden: bool,
    /// The full-screen detail is open (narrow terminals, or Enter on a person).
    pub detail_open: bool,
    pub courses: Arc<Vec<CourseItem>>,
    pub gaps: Arc<Vec<GapItem>>,
    pub groups: Arc<Vec<GapGroup>>,
    pub widths: Widths,
    /// How many courses pass the filter (all of them when none is on).
    pub shown_courses: usize,
    /// How many lines of the gap list pass the filter.
    pub shown_gaps: usize,
    /// Course indices in sort order.
    order: Vec<usize>,
    /// Gap group indices in sort order.
    group_order: Vec<usize>,
    /// Per course, when a filter is on.
    matching: Vec<CourseMatch>,
    /// Per line of the gap list: passes the filter.
    gap_matching: Vec<bool>,
    today: Date,
    loaded: bool,
}

impl TrainingPane {
    /// Shows freshly loaded data, keeping the filter, sort, folds, view and the
    /// selected row across reloads.
    pub fn load(&mut self, data: &Loaded, today: Date, page: usize) {
        match data.training.get() {
            Some(m) if m.today == today => self.adopt(m.clone(), page),
            Some(_) => self.adopt(TrainingModel::build(&data.ds, today), page),
            // Still being worked out: the pane says "loading" until ModelsReady.
            None => {}
        }
    }

    /// Shows a model built elsewhere (off the UI thread), keeping the view.
    pub fn adopt(&mut self, model: TrainingModel, page: usize) {
        let keep = self.selected_id();
        self.courses = model.courses;
        self.gaps = model.gaps;
        self.groups = model.groups;
        self.widths = model.widths;
        self.today = model.today;
        self.loaded = true;
        self.resort();
        self.apply_filter();
        self.rebuild();
        let at = keep.and_then(|k| self.position_of(&k)).unwrap_or(0);
        self.select(at, page);
    }

    /// Whether the data has been loaded.
    pub fn is_loaded(&self) -> bool {
        self.loaded
    }

    /// The day the rows were worked out for.
    pub fn today(&self) -> Date {
        self.today
    }

    /// Whether the filter narrows the rows.
    pub fn is_filtering(&self) -> bool {
        !self.filter.text().trim().is_empty()
    }

    /// Whether the gap view is shown.
    pub fn in_gap_view(&self) -> bool {
        self.gap_view
    }

    /// The selected line.
    pub fn selected_row(&self) -> Option<TrainingRow> {
        self.rows.get(self.selected).copied()
    }

    /// The course of the selected line, whatever its level: a course, one of its
    /// sessions or enrollees, or in the gap view a course or one of its people.
    pub fn selected_course(&self) -> Option<&CourseId> {
        match self.selected_row()? {
            TrainingRow::Course { course, .. }
            | TrainingRow::Session { course, .. }
            | TrainingRow::Enrollee { course, .. } => self.courses.get(course).map(|c| &c.id),
            TrainingRow::GapCourse { group, .. } => self.groups.get(group).map(|g| &g.course),
            TrainingRow::Gap { gap, .. } => self.gaps.get(gap).map(|g| &g.gap.course),
        }
    }

    /// The session of the selected line: a session, or the session an enrollee is
    /// in. None on the plans without a session, and elsewhere.
    pub fn selected_session(&self) -> Option<&SessionId> {
        match self.selected_row()? {
            TrainingRow::Session {
                course, session, ..
            }
            | TrainingRow::Enrollee {
                course, session, ..
            } => self.session_item(course, session)?.id.as_ref(),
            _ => None,
        }
    }

    /// The person on the selected line in the catalogue, with the course and the
    /// session their enrollment is recorded under (None: a plan without a session).
    pub fn selected_enrollee(&self) -> Option<(&StaffId, &CourseId, Option<&SessionId>)> {
        let TrainingRow::Enrollee {
            course,
            session,
            enrollee,
        } = self.selected_row()?
        else {
            return None;
        };
        let c = self.courses.get(course)?;
        let e = c.sessions.get(session)?.enrollees.get(enrollee)?;
        Some((&e.staff, &c.id, e.session.as_ref()))
    }

    /// The person and course on the selected line of the gap view.
    pub fn selected_gap(&self) -> Option<(&StaffId, &CourseId)> {
        let TrainingRow::Gap { gap, .. } = self.selected_row()? else {
            return None;
        };
        let g = &self.gaps.get(gap)?.gap;
        Some((&g.staff, &g.course))
    }

    /// The selected line's course as the catalogue shows it, when it exists.
    pub fn selected_course_item(&self) -> Option<&CourseItem> {
        match self.selected_row()? {
            TrainingRow::Course { course, .. }
            | TrainingRow::Session { course, .. }
            | TrainingRow::Enrollee { course, .. } => self.courses.get(course),
            TrainingRow::GapCourse { group, .. } | TrainingRow::Gap { group, .. } => {
                self.courses.get(self.groups.get(group)?.item?)
            }
        }
    }

    /// A session of a course, by index.
    pub fn session_item(&self, course: usize, session: usize) -> Option<&SessionItem> {
        self.courses.get(course)?.sessions.get(session)
    }

    /// The number of courses in all.
    pub fn total(&self) -> usize {
        self.courses.len()
    }

    /// Re-applies the filter after its text changed: everything above a match
    /// unfolds, and the first row is selected.
    pub fn filter_changed(&mut self, page: usize) {
        self.apply_filter();
        self.opened_filtered = self.opened_by_filter();
        self.rebuild();
        self.offset = 0;
        self.select(0, page);
    }

    /// Clears the filter text, going back to the selected row in the full tree.
    pub fn clear_filter(&mut self, page: usize) {
        let keep = self.selected_id();
        self.filter.clear();
        self.apply_filter();
        self.rebuild();
        let at = keep.and_then(|k| self.position_of(&k)).unwrap_or(0);
        self.select(at, page);
    }

    /// Sorts by the next key, keeping the selected row.
    pub fn cycle_sort(&mut self, page: usize) {
        self.sort = self.sort.next();
        let keep = self.selected_id();
        self.resort();
        self.rebuild();
        let at = keep.and_then(|k| self.position_of(&k)).unwrap_or(0);
        self.select(at, page);
    }

    /// Switches between the catalogue and the gap view, landing on the nearest
    /// row: a person's gap and their plan stand for each other, else the course.
    pub fn toggle_gap_view(&mut self, page: usize) {
        let across = self.selected_id().map(|k| k.across()).unwrap_or_default();
        self.gap_view = !self.gap_view;
        self.rebuild();
        let at = across
            .iter()
            .find_map(|k| self.exact_position(k))
            .or_else(|| across.iter().find_map(|k| self.position_of(k)))
            .unwrap_or(0);
        self.offset = 0;
        self.select(at, page);
    }

    /// Unfolds the selected course or session; on an unfolded one, moves to its
    /// first line.
    pub fn expand(&mut self, page: usize) {
        let Some(row) = self.selected_row() else {
            return;
        };
        match (row, self.is_open(row)) {
            (_, Some(false)) => self.set_open(row, true, page),
            (_, Some(true)) => {
                if self.is_child(self.selected + 1) {
                    self.select(self.selected + 1, page);
                }
            }
            (_, None) => {}
        }
    }

    /// Folds the selected course or session; on a folded one or a person, moves to
    /// the line above it in the tree.
    pub fn collapse(&mut self, page: usize) {
        let Some(row) = self.selected_row() else {
            return;
        };
        if self.is_open(row) == Some(true) {
            self.set_open(row, false, page);
            return;
        }
        let parent = self.selected_id().and_then(|k| k.parent());
        if let Some(at) = parent.and_then(|k| self.exact_position(&k)) {
            self.select(at, page);
        }
    }

    /// Folds or unfolds the selected course or session.
    pub fn toggle(&mut self, page: usize) {
        if let Some(row) = self.selected_row() {
            if let Some(open) = self.is_open(row) {
                self.set_open(row, !open, page);
            }
        }
    }

    /// Whether the selected line folds (a course, a session, a course of the gap
    /// view) rather than being a person.
    pub fn on_foldable(&self) -> bool {
        self.selected_row()
            .is_some_and(|r| self.is_open(r).is_some())
    }

    /// Unfolds every course and session (in the gap view, every course).
    pub fn expand_all(&mut self, page: usize) {
        let keep = self.selected_id();
        if self.gap_view {
            self.gaps_folded.clear();
        } else {
            let mut all = BTreeSet::new();
            for c in self.courses.iter() {
                all.insert(Fold::Course(c.id.clone()));
                for x in &c.sessions {
                    all.insert(Fold::Session(c.id.clone(), x.id.clone()));
                }
            }
            *self.folds_mut() = all;
        }
        self.rebuild();
        let at = keep.and_then(|k| self.position_of(&k)).unwrap_or(0);
        self.select(at, page);
    }

    /// Folds everything, leaving the courses; the selection moves to its course.
    pub fn collapse_all(&mut self, page: usize) {
        let keep = self.selected_id();
        if self.gap_view {
            self.gaps_folded = self.groups.iter().map(|g| g.course.clone()).collect();
        } else {
            self.folds_mut().clear();
        }
        self.rebuild();
        let at = keep.and_then(|k| self.position_of(&k)).unwrap_or(0);
        self.offset = 0;
        self.select(at, page);
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

    // ----- folds -------------------------------------------------------------

    fn folds(&self) -> &BTreeSet<Fold> {
        if self.is_filtering() {
            &self.opened_filtered
        } else {
            &self.opened
        }
    }

    fn folds_mut(&mut self) -> &mut BTreeSet<Fold> {
        if self.is_filtering() {
            &mut self.opened_filtered
        } else {
            &mut self.opened
        }
    }

    /// Whether a foldable row is unfolded; None for a person.
    fn is_open(&self, row: TrainingRow) -> Option<bool> {
        match row {
            TrainingRow::Course { expanded, .. }
            | TrainingRow::Session { expanded, .. }
            | TrainingRow::GapCourse { expanded, .. } => Some(expanded),
            TrainingRow::Enrollee { .. } | TrainingRow::Gap { .. } => None,
        }
    }

    fn set_open(&mut self, row: TrainingRow, open: bool, page: usize) {
        let Some(id) = self.id_of(row) else { return };
        match &id {
            RowId::GapCourse(c) => {
                if open {
                    self.gaps_folded.remove(c);
                } else {
                    self.gaps_folded.insert(c.clone());
                }
            }
            RowId::Course(c) => {
                let f = Fold::Course(c.clone());
                toggle_in(self.folds_mut(), f, open);
            }
            RowId::Session(c, s) => {
                let f = Fold::Session(c.clone(), s.clone());
                toggle_in(self.folds_mut(), f, open);
            }
            RowId::Enrollee(..) | RowId::Gap(..) => return,
        }
        self.rebuild();
        if let Some(at) = self.position_of(&id) {
            self.select(at, page);
        }
    }

    /// Whether row `row` sits directly under the selected row.
    fn is_child(&self, row: usize) -> bool {
        let (Some(parent), Some(child)) = (self.selected_row(), self.rows.get(row)) else {
            return false;
        };
        match (parent, *child) {
            (TrainingRow::Course { course, .. }, TrainingRow::Session { course: c, .. }) => {
                course == c
            }
            (
                TrainingRow::Session {
                    course, session, ..
                },
                TrainingRow::Enrollee {
                    course: c,
                    session: s,
                    ..
                },
            ) => course == c && session == s,
            (TrainingRow::GapCourse { group, .. }, TrainingRow::Gap { group: g, .. }) => group == g,
            _ => false,
        }
    }

    /// Under a filter: every course and session with a match below it that does
    /// not match itself (so a name shows its person, a course id its course).
    fn opened_by_filter(&self) -> BTreeSet<Fold> {
        let mut out = BTreeSet::new();
        for (c, m) in self.courses.iter().zip(&self.matching) {
            if !m.shown || m.direct {
                continue;
            }
            out.insert(Fold::Course(c.id.clone()));
            for (x, sm) in c.sessions.iter().zip(&m.sessions) {
                if sm.shown && !sm.direct {
                    out.insert(Fold::Session(c.id.clone(), x.id.clone()));
                }
            }
        }
        out
    }
}

fn toggle_in(set: &mut BTreeSet<Fold>, f: Fold, open: bool) {
    if open {
        set.insert(f);
    } else {
        set.remove(&f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_matches_the_domain_on_a_demo_organisation() {
        let ds = crate::demo::synthetic(&crate::demo::Spec {
            staff: 400,
            posts: 80,
            seed: 3,
        });
        let today = crate::demo::TODAY;
        let m = TrainingModel::build(&ds, today);
        assert_eq!(m.courses.len(), ds.courses.len());
        assert_eq!(m.gaps.len(), gaps(&ds, today).len());
        for c in m.courses.iter() {
            for x in c.sessions.iter() {
                if let Some(id) = &x.id {
                    assert_eq!(x.taken, crate::domain::training::seats_taken(&ds, id));
                }
            }
            let listed: usize = c.sessions.iter().map(|x| x.enrollees.len()).sum();
            let all = ds.enrollments.values().filter(|e| e.course == c.id).count();
            assert_eq!(listed, all, "{}", c.id);
            let starts: Vec<Option<Date>> = c
                .sessions
                .iter()
                .filter(|x| x.id.is_some())
                .map(|x| x.start)
                .collect();
            assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{}", c.id);
        }
        let grouped: usize = m.groups.iter().map(|g| g.end - g.start).sum();
        assert_eq!(grouped, m.gaps.len());
        for g in m.groups.iter() {
            assert!(m.gaps[g.start..g.end]
                .iter()
                .all(|x| x.gap.course == g.course));
        }
    }

    #[test]
    fn sort_keys_cycle_round() {
        let mut s = TrainingSort::default();
        for _ in 0..TrainingSort::ALL.len() {
            s = s.next();
        }
        assert_eq!(s, TrainingSort::Id);
    }
}
