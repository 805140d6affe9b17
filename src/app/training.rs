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

/// Rows taken by everything around the tree: tabs, filter line, the tree's two
/// borders, key hints.
pub const CHROME_ROWS: u16 = 5;

/// How many tree rows fit on a screen of `height` rows.
pub fn page_rows(height: u16) -> usize {
    height.saturating_sub(CHROME_ROWS).max(1) as usize
}

/// The order of the courses (and of the gap view's groups).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TrainingSort {
    #[default]
    Id,
    Name,
    Provider,
    /// The next session starting on or after today, soonest first; courses with no
    /// session to come last.
    NextSession,
    /// The most people on the gap list first.
    Gaps,
}

impl TrainingSort {
    pub const ALL: [TrainingSort; 5] = [
        TrainingSort::Id,
        TrainingSort::Name,
        TrainingSort::Provider,
        TrainingSort::NextSession,
        TrainingSort::Gaps,
    ];

    /// The key after this one, round.
    pub fn next(self) -> TrainingSort {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

/// A person's place in a session (or a plan without one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollee {
    pub staff: StaffId,
    pub name: String,
    pub kana: String,
    pub grade: Option<Grade>,
    pub status: EnrollmentStatus,
    /// The day of the last status change.
    pub date: Option<Date>,
    /// The session as recorded: the enrollment's key. One naming no session of the
    /// course sits with the plans without a session.
    pub session: Option<SessionId>,
    hay: String,
}

/// A session of a course with its seats and how its enrollments stand; or, with no
/// id, the course's enrollments without a session (plans), gathered in one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionItem {
    pub id: Option<SessionId>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub capacity: u16,
    /// Seats held: enrolled, completed and failed.
    pub taken: usize,
    pub planned: usize,
    pub enrolled: usize,
    pub completed: usize,
    pub failed: usize,
    pub cancelled: usize,
    /// By staff id.
    pub enrollees: Vec<Enrollee>,
    hay: String,
}

impl SessionItem {
    /// Whether the session ended before `today`.
    pub fn is_over(&self, today: Date) -> bool {
        self.end.is_some_and(|e| e < today)
    }

    /// Whether `today` falls within the session.
    pub fn is_running(&self, today: Date) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if s <= today && today <= e)
    }
}

/// A course as the tree shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseItem {
    pub id: CourseId,
    pub name: String,
    pub provider: Provider,
    pub field: Field,
    /// Empty: for every grade.
    pub grades: Vec<Grade>,
    pub days: u16,
    /// The open posts whose courses list it, with their titles, by post id.
    pub posts: Vec<(PostId, String)>,
    /// Earliest first; the group of plans without a session, if any, last.
    pub sessions: Vec<SessionItem>,
    /// The start of the next session on or after today.
    pub next: Option<Date>,
    /// People on the gap list for this course.
    pub gaps: usize,
    hay: String,
}

/// One line of the gap list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapItem {
    pub gap: Gap,
    hay: String,
}

/// The gap list's people for one course: a run of [`TrainingModel::gaps`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapGroup {
    pub course: CourseId,
    pub name: String,
    /// Index into the courses, when the course exists.
    pub item: Option<usize>,
    /// The run `[start, end)` of the gap list.
    pub start: usize,
    pub end: usize,
    hay: String,
}

/// The pane's data, worked out from the records once per load or change (the loader
/// and the data worker do it, see `Loaded::new`); cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct TrainingModel {
    /// By course id.
    pub courses: Arc<Vec<CourseItem>>,
    /// `training::gaps` on `today`: by course, then staff.
    pub gaps: Arc<Vec<GapItem>>,
    /// One per course with gaps, by course id.
    pub groups: Arc<Vec<GapGroup>>,
    /// The widest ids and dates, to line the columns up.
    pub widths: Widths,
    /// The day it was worked out for.
    pub today: Date,
}

/// The widest ids, names and dates, in cells, to line the columns up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Widths {
    /// Course ids (at most 12).
    pub course: usize,
    /// Course names (those of the gap list's courses too).
    pub course_name: usize,
    /// Session ids (at most 18: they carry the year).
    pub session: usize,
    /// Staff ids (at most 12).
    pub staff: usize,
    /// Post ids on the gap list (at most 12).
    pub post: usize,
    /// A session's dates (`i18n::date_range`): 16, or 21 when one spans a new year.
    pub dates: usize,
}

fn session_hay(x: &Session) -> String {
    fold(&format!(
        "{} {} {}",
        x.id,
        crate::domain::date::iso(x.start),
        crate::domain::date::iso(x.end)
    ))
}

impl TrainingModel {
    /// Works out the courses with their sessions and enrollees, the posts each one
    /// corresponds to, and the gap list on `today`.
    pub fn build(ds: &Dataset, today: Date) -> TrainingModel {
        let mut posts_of: BTreeMap<&CourseId, Vec<(PostId, String)>> = BTreeMap::new();
        for p in ds.posts.values().filter(|p| !p.is_closed_on(today)) {
            let mut seen = BTreeSet::new();
            for c in p.courses.iter().filter(|c| seen.insert(*c)) {
                posts_of
                    .entry(c)
                    .or_default()
                    .push((p.id.clone(), p.title.clone()));
            }
        }
        let mut sessions_of: BTreeMap<&CourseId, Vec<&Session>> = BTreeMap::new();
        for x in ds.sessions.values() {
            sessions_of.entry(&x.course).or_default().push(x);
        }
        // Enrollees by course, then by their session (None: no known session of the
        // course), each run in staff order as the store keeps them. The staff list
        // is walked alongside the enrollments (both are in staff order), and a
        // person's folded search text is made once for all their enrollments.
        type ByCourse<'a> = BTreeMap<&'a CourseId, BTreeMap<Option<&'a SessionId>, Vec<Enrollee>>>;
        let mut enrolled: ByCourse = BTreeMap::new();
        let staff: Vec<&crate::domain::Staff> = ds.staff.values().collect();
        let mut cursor = 0usize;
        let mut person: Option<(&StaffId, Enrollee)> = None;
        for e in ds.enrollments.values() {
            if person.as_ref().is_none_or(|(id, _)| *id != &e.staff) {
                while cursor < staff.len() && staff[cursor].id < e.staff {
                    cursor += 1;
                }
                let s = staff.get(cursor).copied().filter(|s| s.id == e.staff);
                let name = s.map_or_else(|| e.staff.to_string(), |s| s.name.clone());
                let kana = s.map(|s| s.kana.clone()).unwrap_or_default();
                let base = Enrollee {
                    hay: fold(&format!("{} {name} {kana}", e.staff)),
                    staff: e.staff.clone(),
                    name,
                    kana,
                    grade: s.map(|s| s.grade),
                    status: e.status,
                    date: None,
                    session: None,
                };
                person = Some((&e.staff, base));
            }
            let Some((_, base)) = &person else { continue };
            let mut one = base.clone();
            one.status = e.status;
            one.date = e.date;
            one.session = e.session.clone();
            let session = e
                .session
                .as_ref()
                .filter(|s| ds.sessions.get(*s).is_some_and(|x| x.course == e.course));
            enrolled
                .entry(&e.course)
                .or_default()
                .entry(session)
                .or_default()
                .push(one);
        }
        let tally = |item: &mut SessionItem| {
            for e in &item.enrollees {
                match e.status {
                    EnrollmentStatus::Planned => item.planned += 1,
                    EnrollmentStatus::Enrolled => item.enrolled += 1,
                    EnrollmentStatus::Completed => item.completed += 1,
                    EnrollmentStatus::Failed => item.failed += 1,
                    EnrollmentStatus::Cancelled => item.cancelled += 1,
                }
                if e.status.takes_seat() {
                    item.taken += 1;
                }
            }
        };
        let list = gaps(ds, today);
        let mut gap_count: BTreeMap<&CourseId, usize> = BTreeMap::new();
        for g in &list {
            *gap_count.entry(&g.course).or_default() += 1;
        }
        let mut courses = Vec::with_capacity(ds.courses.len());
        for c in ds.courses.values() {
            let mut by_session = enrolled.remove(&c.id).unwrap_or_default();
            let mut xs = sessions_of.remove(&c.id).unwrap_or_default();
            xs.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
            let mut sessions: Vec<SessionItem> = xs
                .iter()
                .map(|x| {
                    let mut item = SessionItem {
                        id: Some(x.id.clone()),
                        start: Some(x.start),
                        end: Some(x.end),
                        capacity: x.capacity,
                        taken: 0,
                        planned: 0,
                        enrolled: 0,
                        completed: 0,
                        failed: 0,
                        cancelled: 0,
                        enrollees: by_session.remove(&Some(&x.id)).unwrap_or_default(),
                        hay: session_hay(x),
                    };
                    tally(&mut item);
                    item
                })
                .collect();
            if let Some(plans) = by_session.remove(&None) {
                let mut item = SessionItem {
                    id: None,
                    start: None,
                    end: None,
                    capacity: 0,
                    taken: 0,
                    planned: 0,
                    enrolled: 0,
                    completed: 0,
                    failed: 0,
                    cancelled: 0,
                    enrollees: plans,
                    hay: String::new(),
                };
                tally(&mut item);
                sessions.push(item);
            }
            let next = xs.iter().map(|x| x.start).filter(|d| *d >= today).min();
            courses.push(CourseItem {
                hay: fold(&format!(
                    "{} {} {} {}",
                    c.id,
                    c.name,
                    c.provider.code(),
                    c.provider.ja()
                )),
                id: c.id.clone(),
                name: c.name.clone(),
                provider: c.provider,
                field: c.field,
                grades: c.grades.clone(),
                days: c.days,
                posts: posts_of.remove(&c.id).unwrap_or_default(),
                sessions,
                next,
                gaps: gap_count.get(&c.id).copied().unwrap_or(0),
            });
        }
        let index: BTreeMap<&CourseId, usize> = courses
            .iter()
            .enumerate()
            .map(|(i, c)| (&c.id, i))
            .collect();
        let mut groups: Vec<GapGroup> = Vec::new();
        for (i, g) in list.iter().enumerate() {
            match groups.last_mut() {
                Some(last) if last.course == g.course => last.end = i + 1,
                _ => groups.push(GapGroup {
                    course: g.course.clone(),
                    name: g.course_name.clone(),
                    item: index.get(&g.course).copied(),
                    start: i,
                    end: i + 1,
                    hay: fold(&format!("{} {}", g.course, g.course_name)),
                }),
            }
        }
        let gaps: Vec<GapItem> = list
            .into_iter()
            .map(|g| {
                let kana = ds.staff.get(&g.staff).map_or("", |s| s.kana.as_str());
                GapItem {
                    hay: fold(&format!(
                        "{} {} {kana} {} {}",
                        g.staff, g.name, g.post, g.post_title
                    )),
                    gap: g,
                }
            })
            .collect();
        let widest = |it: &mut dyn Iterator<Item = usize>| it.max().unwrap_or(0).min(12);
        let sessions = || courses.iter().flat_map(|c| &c.sessions);
        let widths = Widths {
            course: widest(&mut courses.iter().map(|c| c.id.as_str().width())),
            course_name: courses
                .iter()
                .map(|c| c.name.width())
                .chain(groups.iter().map(|g| g.name.width()))
                .max()
                .unwrap_or(0),
            session: sessions()
                .filter_map(|x| x.id.as_ref())
                .map(|x| x.as_str().width())
                .max()
                .unwrap_or(0)
                .min(18),
            post: widest(&mut gaps.iter().map(|g| g.gap.post.as_str().width())),
            dates: if sessions()
                .any(|x| matches!((x.start, x.end), (Some(s), Some(e)) if s.year() != e.year()))
            {
                21
            } else {
                16
            },
            staff: widest(
                &mut courses
                    .iter()
                    .flat_map(|c| &c.sessions)
                    .flat_map(|x| &x.enrollees)
                    .map(|e| e.staff.as_str().width())
                    .chain(gaps.iter().map(|g| g.gap.staff.as_str().width())),
            ),
        };
        TrainingModel {
            courses: Arc::new(courses),
            gaps: Arc::new(gaps),
            groups: Arc::new(groups),
            widths,
            today,
        }
    }
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

    // ----- rows --------------------------------------------------------------

    fn resort(&mut self) {
        let cs = &self.courses;
        let mut order: Vec<usize> = (0..cs.len()).collect();
        let by = self.sort;
        order.sort_by(|&a, &b| {
            let (a, b) = (&cs[a], &cs[b]);
            match by {
                TrainingSort::Id => a.id.cmp(&b.id),
                TrainingSort::Name => (&a.name, &a.id).cmp(&(&b.name, &b.id)),
                TrainingSort::Provider => (a.provider, &a.id).cmp(&(b.provider, &b.id)),
                TrainingSort::NextSession => {
                    (a.next.is_none(), a.next, &a.id).cmp(&(b.next.is_none(), b.next, &b.id))
                }
                TrainingSort::Gaps => (Reverse(a.gaps), &a.id).cmp(&(Reverse(b.gaps), &b.id)),
            }
        });
        self.order = order;
        let gs = &self.groups;
        let mut groups: Vec<usize> = (0..gs.len()).collect();
        let item = |g: &GapGroup| g.item.and_then(|i| cs.get(i));
        groups.sort_by(|&a, &b| {
            let (a, b) = (&gs[a], &gs[b]);
            let (ia, ib) = (item(a), item(b));
            match by {
                TrainingSort::Id => a.course.cmp(&b.course),
                TrainingSort::Name => (&a.name, &a.course).cmp(&(&b.name, &b.course)),
                TrainingSort::Provider => {
                    let p = |i: Option<&CourseItem>| (i.is_none(), i.map(|c| c.provider));
                    (p(ia), &a.course).cmp(&(p(ib), &b.course))
                }
                TrainingSort::NextSession => {
                    let n = |i: Option<&CourseItem>| i.and_then(|c| c.next);
                    (n(ia).is_none(), n(ia), &a.course).cmp(&(n(ib).is_none(), n(ib), &b.course))
                }
                TrainingSort::Gaps => (Reverse(a.end - a.start), &a.course)
                    .cmp(&(Reverse(b.end - b.start), &b.course)),
            }
        });
        self.group_order = groups;
    }

    fn apply_filter(&mut self) {
        let folded = fold(self.filter.text());
        let words: Vec<&str> = folded.split_whitespace().collect();
        if words.is_empty() {
            self.matching.clear();
            self.gap_matching.clear();
            self.shown_courses = self.courses.len();
            self.shown_gaps = self.gaps.len();
            return;
        }
        let all = |hays: &[&str]| words.iter().all(|w| hays.iter().any(|h| h.contains(w)));
        self.matching = self
            .courses
            .iter()
            .map(|c| {
                let direct = all(&[&c.hay]);
                let sessions: Vec<SessionMatch> = c
                    .sessions
                    .iter()
                    .map(|x| {
                        let sdirect = direct || all(&[&c.hay, &x.hay]);
                        let enrollees: Vec<bool> = x
                            .enrollees
                            .iter()
                            .map(|e| sdirect || all(&[&c.hay, &x.hay, &e.hay]))
                            .collect();
                        SessionMatch {
                            shown: sdirect || enrollees.iter().any(|m| *m),
                            direct: sdirect,
                            enrollees,
                        }
                    })
                    .collect();
                CourseMatch {
                    shown: direct || sessions.iter().any(|s| s.shown),
                    direct,
                    sessions,
                }
            })
            .collect();
        self.shown_courses = self.matching.iter().filter(|m| m.shown).count();
        let mut gm = vec![false; self.gaps.len()];
        for g in self.groups.iter() {
            for (i, m) in gm.iter_mut().enumerate().take(g.end).skip(g.start) {
                *m = all(&[&g.hay, &self.gaps[i].hay]);
            }
        }
        self.shown_gaps = gm.iter().filter(|m| **m).count();
        self.gap_matching = gm;
    }

    /// Lays out the rows from the model, the filter, the sort and the folds.
    fn rebuild(&mut self) {
        let filtering = self.is_filtering() && !self.matching.is_empty();
        let mut rows = Vec::new();
        if self.gap_view {
            for &gi in &self.group_order {
                let g = &self.groups[gi];
                let shown = if filtering {
                    (g.start..g.end).filter(|&i| self.gap_matching[i]).count()
                } else {
                    g.end - g.start
                };
                if shown == 0 {
                    continue;
                }
                let expanded = !self.gaps_folded.contains(&g.course);
                rows.push(TrainingRow::GapCourse {
                    group: gi,
                    expanded,
                    shown,
                });
                if expanded {
                    rows.extend(
                        (g.start..g.end)
                            .filter(|&i| !filtering || self.gap_matching[i])
                            .map(|i| TrainingRow::Gap { group: gi, gap: i }),
                    );
                }
            }
        } else {
            let folds = self.folds();
            for &ci in &self.order {
                let c = &self.courses[ci];
                let m = self.matching.get(ci).filter(|_| filtering);
                if m.is_some_and(|m| !m.shown) {
                    continue;
                }
                let expanded = folds.contains(&Fold::Course(c.id.clone()));
                rows.push(TrainingRow::Course {
                    course: ci,
                    expanded,
                });
                if !expanded {
                    continue;
                }
                for (si, x) in c.sessions.iter().enumerate() {
                    let sm = m.and_then(|m| m.sessions.get(si));
                    if sm.is_some_and(|s| !s.shown) {
                        continue;
                    }
                    let open = folds.contains(&Fold::Session(c.id.clone(), x.id.clone()));
                    rows.push(TrainingRow::Session {
                        course: ci,
                        session: si,
                        expanded: open,
                    });
                    if !open {
                        continue;
                    }
                    for ei in 0..x.enrollees.len() {
                        if sm.is_some_and(|s| !s.enrollees[ei]) {
                            continue;
                        }
                        rows.push(TrainingRow::Enrollee {
                            course: ci,
                            session: si,
                            enrollee: ei,
                        });
                    }
                }
            }
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn id_of(&self, row: TrainingRow) -> Option<RowId> {
        Some(match row {
            TrainingRow::Course { course, .. } => {
                RowId::Course(self.courses.get(course)?.id.clone())
            }
            TrainingRow::Session {
                course, session, ..
            } => {
                let c = self.courses.get(course)?;
                RowId::Session(c.id.clone(), c.sessions.get(session)?.id.clone())
            }
            TrainingRow::Enrollee {
                course,
                session,
                enrollee,
            } => {
                let c = self.courses.get(course)?;
                let x = c.sessions.get(session)?;
                RowId::Enrollee(
                    c.id.clone(),
                    x.id.clone(),
                    x.enrollees.get(enrollee)?.staff.clone(),
                )
            }
            TrainingRow::GapCourse { group, .. } => {
                RowId::GapCourse(self.groups.get(group)?.course.clone())
            }
            TrainingRow::Gap { gap, .. } => {
                let g = &self.gaps.get(gap)?.gap;
                RowId::Gap(g.course.clone(), g.staff.clone())
            }
        })
    }

    fn selected_id(&self) -> Option<RowId> {
        self.id_of(self.selected_row()?)
    }

    /// The row showing `id`, if it is shown.
    fn exact_position(&self, id: &RowId) -> Option<usize> {
        self.rows.iter().position(|r| self.row_is(*r, id))
    }

    /// Whether `row` shows `id` (without building the row's id: this runs over
    /// every row after a fold or a sort).
    fn row_is(&self, row: TrainingRow, id: &RowId) -> bool {
        let course = |i: usize| self.courses.get(i).map(|c| &c.id);
        let session = |c: usize, s: usize| self.session_item(c, s).map(|x| &x.id);
        match (row, id) {
            (TrainingRow::Course { course: c, .. }, RowId::Course(want)) => course(c) == Some(want),
            (
                TrainingRow::Session {
                    course: c,
                    session: s,
                    ..
                },
                RowId::Session(wc, ws),
            ) => course(c) == Some(wc) && session(c, s) == Some(ws),
            (
                TrainingRow::Enrollee {
                    course: c,
                    session: s,
                    enrollee: e,
                },
                RowId::Enrollee(wc, ws, who),
            ) => {
                course(c) == Some(wc)
                    && session(c, s) == Some(ws)
                    && self
                        .session_item(c, s)
                        .and_then(|x| x.enrollees.get(e))
                        .is_some_and(|e| &e.staff == who)
            }
            (TrainingRow::GapCourse { group, .. }, RowId::GapCourse(want)) => {
                self.groups.get(group).is_some_and(|g| &g.course == want)
            }
            (TrainingRow::Gap { gap, .. }, RowId::Gap(wc, who)) => self
                .gaps
                .get(gap)
                .is_some_and(|g| &g.gap.course == wc && &g.gap.staff == who),
            _ => false,
        }
    }

    /// The row showing `id`; for one hidden in a fold, the nearest line above it.
    fn position_of(&self, id: &RowId) -> Option<usize> {
        let mut cur = Some(id.clone());
        while let Some(k) = cur {
            if let Some(at) = self.exact_position(&k) {
                return Some(at);
            }
            cur = k.parent();
        }
        None
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
