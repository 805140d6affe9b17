//! The training lists worked out once per data load (off the UI thread): every
//! course with its sessions, seats and enrollees, the posts it belongs to, and the
//! gap list grouped by course, with the folded text the filter searches.

use super::*;

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
    pub(super) hay: String,
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
    pub(super) hay: String,
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
    pub(super) hay: String,
}

/// One line of the gap list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapItem {
    pub gap: Gap,
    pub(super) hay: String,
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
    pub(super) hay: String,
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
