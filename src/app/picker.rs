//! The staff picker: choose the person for a post, or the people for a course. The
//! same search as the staff pane (names in kanji, kana or romaji, ids, filters). For a
//! post it opens with `grade:<the post's grade>` typed in and measures each row on
//! screen against the post (grade, skills, the post's courses, tenure); for a course
//! it shows where each person stands with it, and several people can be marked.

use super::state::Loaded;
use super::text_input::TextInput;
use crate::domain::fit::{fit, Fit};
use crate::domain::training::{course_progress, Progress};
use crate::domain::{CourseId, Date, PostId, SessionId, StaffId};
use crate::search::{Hit, Query, Ranked, Searcher, SortKey};

/// What the chosen person is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickFor {
    Assign,
    Transfer,
    /// Enrollment in a session, or a plan of the course without one.
    Enroll,
}

/// What the people are measured against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickTarget {
    Post(PostId),
    Course {
        course: CourseId,
        session: Option<SessionId>,
    },
}

/// One row on screen: the hit and the person's fit for the post.
#[derive(Debug, Clone)]
pub struct PickRow {
    pub hit: Hit,
    /// Fit for the post (post targets).
    pub fit: Option<Fit>,
    /// Where they stand with the course (course targets).
    pub progress: Option<Progress>,
    /// Their current primary post, "P02 情報セキュリティ係長".
    pub current: Option<String>,
}

/// The picker's state.
#[derive(Debug)]
pub struct StaffPicker {
    pub target: PickTarget,
    pub purpose: PickFor,
    /// People marked for a multi-person change, in the order they were marked.
    pub marked: Vec<StaffId>,
    pub query: TextInput,
    pub error: Option<String>,
    pub total: usize,
    /// Rows from the top down to the end of the screen.
    pub rows: Vec<PickRow>,
    pub selected: usize,
    pub offset: usize,
    searcher: Searcher,
    ranked: Ranked,
    parsed: Option<Query>,
    as_of: Date,
}

impl StaffPicker {
    /// A picker for `post`, its query set to the post's grade.
    pub fn open(data: &Loaded, post: &PostId, purpose: PickFor, as_of: Date, page: usize) -> Self {
        let mut query = TextInput::default();
        if let Some(p) = data.ds.posts.get(post) {
            query.set(&format!("grade:{} ", p.grade.ja()));
        }
        Self::with_target(
            data,
            PickTarget::Post(post.clone()),
            purpose,
            query,
            as_of,
            page,
        )
    }

    /// A picker for a course (and session): several people can be marked.
    pub fn open_for_course(
        data: &Loaded,
        course: &CourseId,
        session: Option<&SessionId>,
        as_of: Date,
        page: usize,
    ) -> Self {
        let target = PickTarget::Course {
            course: course.clone(),
            session: session.cloned(),
        };
        Self::with_target(
            data,
            target,
            PickFor::Enroll,
            TextInput::default(),
            as_of,
            page,
        )
    }

    fn with_target(
        data: &Loaded,
        target: PickTarget,
        purpose: PickFor,
        query: TextInput,
        as_of: Date,
        page: usize,
    ) -> Self {
        let mut pk = StaffPicker {
            target,
            purpose,
            marked: Vec::new(),
            query,
            error: None,
            total: 0,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            searcher: Searcher::new(),
            ranked: Ranked::default(),
            parsed: None,
            as_of,
        };
        pk.refresh(data, page);
        pk
    }

    /// Re-runs the query (after typing).
    pub fn refresh(&mut self, data: &Loaded, page: usize) {
        match Query::parse(self.query.text()) {
            Ok(q) => {
                self.error = None;
                self.ranked = self.searcher.rank(&data.index, &q, SortKey::Score, false);
                self.total = self.ranked.total();
                self.parsed = Some(q);
            }
            Err(e) => {
                // Keep the last good list on screen.
                self.error = Some(e.to_string());
                return;
            }
        }
        self.rows.clear();
        self.selected = 0;
        self.offset = 0;
        self.fill(data, page);
    }

    /// Moves the selection and builds the rows that came into view.
    pub fn move_by(&mut self, delta: isize, data: &Loaded, page: usize) {
        if self.total == 0 {
            return;
        }
        let to = (self.selected as isize + delta).clamp(0, self.total as isize - 1) as usize;
        self.selected = to;
        let page = page.max(1);
        if to < self.offset {
            self.offset = to;
        } else if to >= self.offset + page {
            self.offset = to + 1 - page;
        }
        self.fill(data, page);
    }

    /// Builds rows down to the end of the screen: hits, matched characters, fit.
    fn fill(&mut self, data: &Loaded, page: usize) {
        let need = (self.offset + page).max(self.selected + 1).min(self.total);
        if need <= self.rows.len() {
            return;
        }
        self.ranked.ensure(need * 2, &data.index);
        let post = match &self.target {
            PickTarget::Post(p) => data.ds.posts.get(p),
            PickTarget::Course { .. } => None,
        };
        let start = self.rows.len();
        let mut hits: Vec<Hit> = (start..need)
            .filter_map(|i| self.ranked.get(i))
            .map(|(score, row)| data.index.hit(row, score))
            .collect();
        if let Some(q) = &self.parsed {
            data.index.mark(q, &mut hits);
        }
        for hit in hits {
            let staff = data.ds.staff.get(&hit.id);
            let fit = staff
                .zip(post)
                .map(|(s, p)| fit(&data.ds, s, p, self.as_of));
            let progress = match &self.target {
                PickTarget::Course { course, .. } => {
                    Some(course_progress(&data.ds, &hit.id, course))
                }
                PickTarget::Post(_) => None,
            };
            let current = crate::domain::queries::current_assignment(&data.ds, &hit.id, self.as_of)
                .filter(|a| !a.concurrent)
                .map(|a| {
                    let title = data.ds.posts.get(&a.post).map_or("", |p| p.title.as_str());
                    format!("{} {title}", a.post)
                });
            self.rows.push(PickRow {
                hit,
                fit,
                progress,
                current,
            });
        }
    }

    /// The person under the cursor.
    pub fn chosen(&self) -> Option<&StaffId> {
        self.rows.get(self.selected).map(|r| r.hit.id.as_ref())
    }

    /// The post the people are for, if a post.
    pub fn post(&self) -> Option<&PostId> {
        match &self.target {
            PickTarget::Post(p) => Some(p),
            PickTarget::Course { .. } => None,
        }
    }

    /// Whether several people can be marked (course targets).
    pub fn is_multi(&self) -> bool {
        matches!(self.target, PickTarget::Course { .. })
    }

    /// Marks or unmarks the person under the cursor, then moves down.
    pub fn toggle_mark(&mut self, data: &Loaded, page: usize) {
        if !self.is_multi() {
            return;
        }
        let Some(id) = self.chosen().cloned() else {
            return;
        };
        match self.marked.iter().position(|m| *m == id) {
            Some(i) => {
                self.marked.remove(i);
            }
            None => self.marked.push(id),
        }
        self.move_by(1, data, page);
    }

    /// The people a multi-person change is for: those marked, else the one under
    /// the cursor.
    pub fn chosen_many(&self) -> Vec<StaffId> {
        if self.marked.is_empty() {
            self.chosen().cloned().into_iter().collect()
        } else {
            self.marked.clone()
        }
    }
}
