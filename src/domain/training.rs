//! Training (issue #5): enroll a person in a session, plan a course without one,
//! mark an enrollment completed, failed or cancelled, move someone to another
//! session; the gap list, a person's progress against their post, and bulk
//! enrollment of a course's gap list. The TUI and the CLI both go through
//! [`plan_training`] and [`bulk_enroll`], so they refuse and warn alike. Pure.
//!
//! Like `ops::plan`, a plan is either refused with every reason ([`OpError`]s, which
//! cannot be confirmed away: a full session, a session of another course, a session
//! that has ended, a course already completed or enrolled in) or returned as a
//! [`Planned`] change set with warnings to confirm (the course is not meant for the
//! person's grade, the person is away during the session, the session has begun).
//!
//! **Which enrollment a command acts on.** An enrollment's key includes its session,
//! so a person may have several records for one course (a cancelled sign-up, a
//! failed attempt, a retake). Complete, fail, cancel and move act on the *live* one
//! (status planned, enrolled or completed; if several, the latest by date, then by
//! session start): see [`current_enrollment`]. Moving to another session deletes the
//! record under the old key and puts one under the new key, in one change set.
//!
//! **Gaps.** A gap is a person, the post of their primary holding today, and one of
//! that post's courses which they have neither completed nor enrolled in.
//! "Enrolled" means an enrollment with status `enrolled`, or `planned` with a
//! session chosen; a bare plan (no session) still counts as a gap, flagged
//! `planned`. Concurrent holdings (併任) are not counted, as in `fit::problems`.

use super::change::{Change, ChangeSet, Record};
use super::dataset::{Dataset, RecordRef};
use super::date::{iso, Date};
use super::ids::{CourseId, PostId, SessionId, StaffId};
use super::ops::{err, person, who, OpError, Planned};
use super::records::{Course, Enrollment, Post, Session, Staff};
use super::vocab::{EnrollmentStatus as St, Grade, Status};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A training change someone asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainingOp {
    /// Enroll a person in a session of a course (`enrolled`), or, without a session,
    /// plan the course for them (`planned`, no session yet).
    Enroll {
        staff: StaffId,
        course: CourseId,
        session: Option<SessionId>,
    },
    /// Mark the person's live enrollment in the course completed on a date.
    Complete {
        staff: StaffId,
        course: CourseId,
        on: Date,
    },
    /// Mark the person's live enrollment in the course failed (未修了) on a date.
    Fail {
        staff: StaffId,
        course: CourseId,
        on: Date,
    },
    /// Cancel the person's live enrollment in (or plan of) the course.
    Cancel { staff: StaffId, course: CourseId },
    /// Move the person's live enrollment in the course to another session.
    Move {
        staff: StaffId,
        course: CourseId,
        to: SessionId,
    },
}

impl TrainingOp {
    /// The action name the audit log records.
    pub fn action(&self) -> &'static str {
        match self {
            TrainingOp::Enroll {
                session: Some(_), ..
            } => "enroll",
            TrainingOp::Enroll { session: None, .. } => "plan-course",
            TrainingOp::Complete { .. } => "complete",
            TrainingOp::Fail { .. } => "fail",
            TrainingOp::Cancel { .. } => "cancel",
            TrainingOp::Move { .. } => "move-session",
        }
    }
}

/// Checks `op` against `ds` on `today` and plans its changes.
pub fn plan_training(ds: &Dataset, op: &TrainingOp, today: Date) -> Result<Planned, Vec<OpError>> {
    match op {
        TrainingOp::Enroll {
            staff,
            course,
            session,
        } => enroll(ds, staff, course, session.as_ref(), today),
        TrainingOp::Complete { staff, course, on } => finish(ds, staff, course, *on, today, false),
        TrainingOp::Fail { staff, course, on } => finish(ds, staff, course, *on, today, true),
        TrainingOp::Cancel { staff, course } => cancel(ds, staff, course, today),
        TrainingOp::Move { staff, course, to } => move_to(ds, staff, course, to, today),
    }
}

fn the_course<'a>(ds: &'a Dataset, id: &CourseId) -> Result<&'a Course, Vec<OpError>> {
    ds.courses
        .get(id)
        .ok_or_else(|| vec![err("course", format!("no course with id '{id}'"))])
}

/// The session, which must exist and belong to the course.
fn session_of<'a>(
    ds: &'a Dataset,
    c: &Course,
    id: &SessionId,
    field: &'static str,
) -> Result<&'a Session, Vec<OpError>> {
    match ds.sessions.get(id) {
        None => Err(vec![err(field, format!("no session with id '{id}'"))]),
        Some(x) if x.course != c.id => Err(vec![err(
            field,
            format!(
                "session {id} belongs to course {}, not {}",
                x.course,
                course_label(c)
            ),
        )]),
        Some(x) => Ok(x),
    }
}

/// "C-SEC セキュリティ研修".
fn course_label(c: &Course) -> String {
    format!("{} {}", c.id, c.name)
}

/// "S-SEC-1 (2025-06-02–2025-06-06)".
fn session_label(x: &Session) -> String {
    format!("{} ({}–{})", x.id, iso(x.start), iso(x.end))
}

/// The session of an enrollment as text: ", session S-SEC-1 (2025-06-02–2025-06-06)"
/// (the bare id when the session is unknown), or ", without a session".
fn in_session(ds: &Dataset, e: &Enrollment) -> String {
    match &e.session {
        Some(id) => {
            let label = ds
                .sessions
                .get(id)
                .map_or_else(|| id.to_string(), session_label);
            format!(", session {label}")
        }
        None => ", without a session".into(),
    }
}

/// " on 2025-06-30", or nothing when the date is unknown.
fn on_date(d: Option<Date>) -> String {
    d.map(|d| format!(" on {}", iso(d))).unwrap_or_default()
}

/// The person's enrollments in one course.
fn enrollments_in<'a>(
    ds: &'a Dataset,
    staff: &StaffId,
    course: &CourseId,
) -> impl Iterator<Item = &'a Enrollment> + 'a {
    let course = course.clone();
    ds.enrollments_of(staff).filter(move |e| e.course == course)
}

/// The order "latest" means: date of the last status change, then session start.
fn recency(ds: &Dataset, e: &Enrollment) -> (Option<Date>, Option<Date>) {
    let start = e
        .session
        .as_ref()
        .and_then(|s| ds.sessions.get(s))
        .map(|s| s.start);
    (e.date, start)
}

/// The enrollment a command about (person, course) acts on: the live one (planned,
/// enrolled or completed), the latest if there are several.
pub fn current_enrollment<'a>(
    ds: &'a Dataset,
    staff: &StaffId,
    course: &CourseId,
) -> Option<&'a Enrollment> {
    enrollments_in(ds, staff, course)
        .filter(|e| e.status.is_live())
        .max_by_key(|e| recency(ds, e))
}

/// Seats taken in a session: its enrollments whose status holds a seat.
pub fn seats_taken(ds: &Dataset, session: &SessionId) -> usize {
    ds.enrollments
        .values()
        .filter(|e| e.session.as_ref() == Some(session) && e.status.takes_seat())
        .count()
}

/// Refuses a seat in `x` when it is full; `replacing` is the key of a record the
/// change overwrites (its seat, if it holds one, is given back).
fn room_error(ds: &Dataset, x: &Session, replacing: &[&Enrollment]) -> Option<OpError> {
    let freed = replacing
        .iter()
        .filter(|e| e.session.as_ref() == Some(&x.id) && e.status.takes_seat())
        .count();
    let taken = seats_taken(ds, &x.id).saturating_sub(freed);
    (taken >= x.capacity as usize).then(|| {
        err(
            "session",
            format!(
                "session {} is full: {taken} of {} seat{} taken",
                session_label(x),
                x.capacity,
                if x.capacity == 1 { "" } else { "s" }
            ),
        )
    })
}

fn ended_error(x: &Session, today: Date, field: &'static str) -> Option<OpError> {
    (x.end < today).then(|| {
        err(
            field,
            format!(
                "session {} ended on {}; it cannot take new enrollments",
                x.id,
                iso(x.end)
            ),
        )
    })
}

/// "係員・係長".
fn grades_ja(gs: &[Grade]) -> String {
    gs.iter().map(|g| g.ja()).collect::<Vec<_>>().join("・")
}

/// Whether the course is meant for the person's grade (no grades: for everyone).
fn grade_fits(c: &Course, s: &Staff) -> bool {
    c.grades.is_empty() || c.grades.contains(&s.grade)
}

fn grade_warning(s: &Staff, c: &Course) -> Option<String> {
    (!grade_fits(c, s)).then(|| {
        format!(
            "{} is {} but {} is for {}",
            who(s),
            s.grade.ja(),
            course_label(c),
            grades_ja(&c.grades)
        )
    })
}

/// "seconded until 2027-03-31" / "on leave".
fn away_words(s: &Staff) -> String {
    let what = match s.status {
        Status::Seconded => "seconded",
        _ => "on leave",
    };
    let till = s
        .status_until
        .map(|d| format!(" until {}", iso(d)))
        .unwrap_or_default();
    format!("{what}{till}")
}

/// Warnings about a seat in `x`: the person is away then, the session has begun.
fn session_warnings(s: &Staff, x: &Session, today: Date) -> Vec<String> {
    let mut w = Vec::new();
    if s.is_away_on(x.start) {
        w.push(format!(
            "{} is {}, during session {}",
            who(s),
            away_words(s),
            session_label(x)
        ));
    }
    if x.start < today && today <= x.end {
        w.push(format!("session {} began on {}", x.id, iso(x.start)));
    }
    w
}

fn put(e: Enrollment) -> Change {
    Change::Put(Record::Enrollment(e))
}

fn delete(e: &Enrollment) -> Change {
    Change::Delete(RecordRef::Enrollment(e.key()))
}

fn entities(staff: &StaffId, course: &CourseId, sessions: &[Option<&SessionId>]) -> Vec<String> {
    let mut v = vec![staff.to_string(), course.to_string()];
    for s in sessions.iter().flatten() {
        if !v.iter().any(|x| x == s.as_str()) {
            v.push(s.to_string());
        }
    }
    v
}

/// "E0412 田中 美咲 completed C-SEC セキュリティ研修 on 2025-06-30".
fn completed_message(s: &Staff, c: &Course, e: &Enrollment) -> String {
    format!(
        "{} completed {}{}",
        who(s),
        course_label(c),
        on_date(e.date)
    )
}

fn enroll(
    ds: &Dataset,
    staff: &StaffId,
    course: &CourseId,
    session: Option<&SessionId>,
    today: Date,
) -> Result<Planned, Vec<OpError>> {
    let s = person(ds, staff)?;
    let c = the_course(ds, course)?;
    let x = match session {
        Some(id) => Some(session_of(ds, c, id, "session")?),
        None => None,
    };
    let mine: Vec<&Enrollment> = enrollments_in(ds, staff, course).collect();
    let latest = |st: St| {
        mine.iter()
            .copied()
            .filter(|e| e.status == st)
            .max_by_key(|e| recency(ds, e))
    };
    let mut errors = Vec::new();
    // The plan this enrollment takes the place of, if any.
    let mut replaces: Option<&Enrollment> = None;
    if let Some(e) = latest(St::Completed) {
        errors.push(err("course", completed_message(s, c, e)));
    } else if let Some(e) = latest(St::Enrolled) {
        errors.push(err(
            "course",
            format!(
                "{} is already enrolled in {}{}",
                who(s),
                course_label(c),
                in_session(ds, e)
            ),
        ));
    } else {
        for &e in mine.iter().filter(|e| e.status == St::Planned) {
            match (&e.session, x) {
                // A bare plan becomes the enrollment; a planned seat is confirmed.
                (None, Some(_)) => {
                    replaces.get_or_insert(e);
                }
                (Some(p), Some(x)) if *p == x.id => replaces = Some(e),
                (Some(_), _) => errors.push(err(
                    "course",
                    format!(
                        "{} is already planned in {}{}",
                        who(s),
                        course_label(c),
                        in_session(ds, e)
                    ),
                )),
                (None, None) => errors.push(err(
                    "course",
                    format!(
                        "{} already has {} planned{} (no session yet)",
                        who(s),
                        course_label(c),
                        on_date(e.date)
                    ),
                )),
            }
        }
    }
    let new = Enrollment {
        staff: staff.clone(),
        course: course.clone(),
        session: x.map(|x| x.id.clone()),
        status: if x.is_some() {
            St::Enrolled
        } else {
            St::Planned
        },
        date: Some(today),
    };
    if let Some(x) = x {
        errors.extend(ended_error(x, today, "session"));
        let overwritten: Vec<&Enrollment> = ds.enrollments.get(&new.key()).into_iter().collect();
        errors.extend(room_error(ds, x, &overwritten));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut changes = Vec::new();
    if let Some(old) = replaces.filter(|o| o.key() != new.key()) {
        changes.push(delete(old));
    }
    changes.push(put(new));
    let mut warnings: Vec<String> = grade_warning(s, c).into_iter().collect();
    let summary = match x {
        Some(x) => {
            warnings.extend(session_warnings(s, x, today));
            let was = if replaces.is_some() {
                " (was planned)"
            } else {
                ""
            };
            format!(
                "Enroll {} in {}, session {}{was}",
                who(s),
                course_label(c),
                session_label(x)
            )
        }
        None => format!("Plan {} for {} (no session yet)", course_label(c), who(s)),
    };
    Ok(Planned {
        action: if x.is_some() { "enroll" } else { "plan-course" },
        summary,
        entities: entities(
            staff,
            course,
            &[x.map(|x| &x.id), replaces.and_then(|e| e.session.as_ref())],
        ),
        changes: ChangeSet { changes },
        warnings,
    })
}

/// The live enrollment, or why there is none (mentioning the last attempt).
fn live_or_refuse<'a>(
    ds: &'a Dataset,
    s: &Staff,
    c: &Course,
    doing: &str,
) -> Result<&'a Enrollment, Vec<OpError>> {
    if let Some(e) = current_enrollment(ds, &s.id, &c.id) {
        return Ok(e);
    }
    let last = enrollments_in(ds, &s.id, &c.id)
        .max_by_key(|e| recency(ds, e))
        .map(|e| {
            format!(
                " (the last one{}, was {}{})",
                in_session(ds, e),
                e.status.code(),
                on_date(e.date)
            )
        })
        .unwrap_or_default();
    Err(vec![err(
        "course",
        format!(
            "{} has no enrollment in {} to {doing}{last}; enroll them first",
            who(s),
            course_label(c)
        ),
    )])
}

fn finish(
    ds: &Dataset,
    staff: &StaffId,
    course: &CourseId,
    on: Date,
    today: Date,
    failed: bool,
) -> Result<Planned, Vec<OpError>> {
    let s = person(ds, staff)?;
    let c = the_course(ds, course)?;
    let word = if failed { "failed" } else { "completed" };
    let e = live_or_refuse(ds, s, c, if failed { "mark failed" } else { "complete" })?;
    if e.status == St::Completed {
        return Err(vec![err("course", completed_message(s, c, e))]);
    }
    let mut errors = Vec::new();
    if on > today {
        errors.push(err(
            "on",
            format!(
                "{} is after today ({}); a course is marked {word} once it is over",
                iso(on),
                iso(today)
            ),
        ));
    }
    let x = e.session.as_ref().and_then(|id| ds.sessions.get(id));
    if let Some(x) = x {
        if on < x.start {
            errors.push(err(
                "on",
                format!(
                    "{} is before session {} began ({})",
                    iso(on),
                    x.id,
                    iso(x.start)
                ),
            ));
        }
        // A planned seat is not held yet; completing or failing takes it.
        if !e.status.takes_seat() {
            errors.extend(room_error(ds, x, &[e]));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut done = e.clone();
    done.status = if failed { St::Failed } else { St::Completed };
    done.date = Some(on);
    let session = match x {
        Some(x) => format!(", session {}", x.id),
        None => String::new(),
    };
    Ok(Planned {
        action: if failed { "fail" } else { "complete" },
        summary: format!(
            "Mark {} {word} {}{session} on {}",
            who(s),
            course_label(c),
            iso(on)
        ),
        entities: entities(staff, course, &[e.session.as_ref()]),
        changes: ChangeSet {
            changes: vec![put(done)],
        },
        warnings: Vec::new(),
    })
}

fn cancel(
    ds: &Dataset,
    staff: &StaffId,
    course: &CourseId,
    today: Date,
) -> Result<Planned, Vec<OpError>> {
    let s = person(ds, staff)?;
    let c = the_course(ds, course)?;
    let e = live_or_refuse(ds, s, c, "cancel")?;
    if e.status == St::Completed {
        return Err(vec![err(
            "course",
            format!(
                "{}; a completed course cannot be cancelled",
                completed_message(s, c, e)
            ),
        )]);
    }
    let mut gone = e.clone();
    gone.status = St::Cancelled;
    gone.date = Some(today);
    let summary = match e.session {
        Some(_) => format!(
            "Cancel {}'s enrollment in {}{}",
            who(s),
            course_label(c),
            in_session(ds, e)
        ),
        None => format!("Cancel the plan of {} for {}", course_label(c), who(s)),
    };
    Ok(Planned {
        action: "cancel",
        summary,
        entities: entities(staff, course, &[e.session.as_ref()]),
        changes: ChangeSet {
            changes: vec![put(gone)],
        },
        warnings: Vec::new(),
    })
}

fn move_to(
    ds: &Dataset,
    staff: &StaffId,
    course: &CourseId,
    to: &SessionId,
    today: Date,
) -> Result<Planned, Vec<OpError>> {
    let s = person(ds, staff)?;
    let c = the_course(ds, course)?;
    let x = session_of(ds, c, to, "to")?;
    let e = live_or_refuse(ds, s, c, "move")?;
    if e.status == St::Completed {
        return Err(vec![err(
            "course",
            format!(
                "{}; a completed enrollment cannot be moved",
                completed_message(s, c, e)
            ),
        )]);
    }
    if e.session.as_ref() == Some(&x.id) {
        return Err(vec![err(
            "to",
            format!(
                "{} is already in {}, session {}",
                who(s),
                course_label(c),
                session_label(x)
            ),
        )]);
    }
    let new = Enrollment {
        staff: staff.clone(),
        course: course.clone(),
        session: Some(x.id.clone()),
        status: St::Enrolled,
        date: Some(today),
    };
    let mut errors: Vec<OpError> = ended_error(x, today, "to").into_iter().collect();
    let overwritten: Vec<&Enrollment> = ds.enrollments.get(&new.key()).into_iter().collect();
    errors.extend(room_error(ds, x, &overwritten).map(|mut e| {
        e.field = "to";
        e
    }));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Planned {
        action: "move-session",
        summary: format!(
            "Move {} in {} from {} to session {}",
            who(s),
            course_label(c),
            match &e.session {
                Some(_) => in_session(ds, e).trim_start_matches(", ").to_string(),
                None if e.status == St::Planned => "the plan without a session".into(),
                None => "the enrollment without a session".into(),
            },
            session_label(x)
        ),
        entities: entities(staff, course, &[e.session.as_ref(), Some(&x.id)]),
        changes: ChangeSet {
            changes: vec![delete(e), put(new)],
        },
        warnings: session_warnings(s, x, today),
    })
}

/// Where a person stands with one course, for the staff detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Progress {
    /// Completed (the latest completion).
    Completed {
        on: Option<Date>,
        session: Option<SessionId>,
    },
    /// Enrolled, or planned in a chosen session (`status` tells which); the
    /// session's dates when it has one.
    Enrolled {
        status: St,
        session: Option<SessionId>,
        start: Option<Date>,
        end: Option<Date>,
    },
    /// Planned without a session: still a gap.
    Planned { since: Option<Date> },
    /// Neither completed nor enrolled; `failed` when an attempt failed.
    Missing { failed: bool },
}

impl Progress {
    /// Whether this standing is a gap (see the module docs).
    pub fn is_gap(&self) -> bool {
        matches!(self, Progress::Planned { .. } | Progress::Missing { .. })
    }
}

/// One course of a person's post, and where they stand with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CourseProgress {
    pub course: CourseId,
    pub name: String,
    #[serde(flatten)]
    pub progress: Progress,
}

/// Where `staff` stands with `course`: completed beats enrolled beats a bare plan.
pub fn course_progress(ds: &Dataset, staff: &StaffId, course: &CourseId) -> Progress {
    let mine: Vec<&Enrollment> = enrollments_in(ds, staff, course).collect();
    let latest = |keep: &dyn Fn(&Enrollment) -> bool| {
        mine.iter()
            .copied()
            .filter(|e| keep(e))
            .max_by_key(|e| recency(ds, e))
    };
    if let Some(e) = latest(&|e| e.status == St::Completed) {
        return Progress::Completed {
            on: e.date,
            session: e.session.clone(),
        };
    }
    let enrolled = latest(&|e| e.status == St::Enrolled)
        .or_else(|| latest(&|e| e.status == St::Planned && e.session.is_some()));
    if let Some(e) = enrolled {
        let x = e.session.as_ref().and_then(|id| ds.sessions.get(id));
        return Progress::Enrolled {
            status: e.status,
            session: e.session.clone(),
            start: x.map(|x| x.start),
            end: x.map(|x| x.end),
        };
    }
    if let Some(e) = latest(&|e| e.status == St::Planned) {
        return Progress::Planned { since: e.date };
    }
    Progress::Missing {
        failed: mine.iter().any(|e| e.status == St::Failed),
    }
}

/// The post of the person's primary holding on `today`, unless it is closed.
pub fn primary_post<'a>(ds: &'a Dataset, staff: &StaffId, today: Date) -> Option<&'a Post> {
    ds.assignments_of(staff)
        .filter(|a| !a.concurrent && a.covers(today))
        .find_map(|a| ds.posts.get(&a.post))
        .filter(|p| !p.is_closed_on(today))
}

/// The post's courses, each once, in the post's order.
fn post_courses(p: &Post) -> Vec<&CourseId> {
    let mut seen = BTreeSet::new();
    p.courses.iter().filter(|c| seen.insert(*c)).collect()
}

/// The person's progress in each course of their post on `today` (their primary
/// holding); empty when they hold no post.
pub fn progress(ds: &Dataset, staff: &StaffId, today: Date) -> Vec<CourseProgress> {
    let Some(p) = primary_post(ds, staff, today) else {
        return Vec::new();
    };
    post_courses(p)
        .into_iter()
        .map(|c| CourseProgress {
            course: c.clone(),
            name: ds
                .courses
                .get(c)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            progress: course_progress(ds, staff, c),
        })
        .collect()
}

/// A person whose post asks for a course they have neither completed nor enrolled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub staff: StaffId,
    pub name: String,
    pub grade: Grade,
    pub post: PostId,
    pub post_title: String,
    pub course: CourseId,
    pub course_name: String,
    /// A plan without a session exists (shown as planned; still a gap).
    pub planned: bool,
    /// An attempt at the course failed.
    pub failed: bool,
    /// The person is seconded or on leave today.
    pub away: bool,
}

/// The gap list on `today`, sorted by course then staff.
pub fn gaps(ds: &Dataset, today: Date) -> Vec<Gap> {
    gaps_in(ds, today, None)
}

/// The gaps of one course (`only`), or of every course, sorted by course then staff.
pub fn gaps_in(ds: &Dataset, today: Date, only: Option<&CourseId>) -> Vec<Gap> {
    let mut out = Vec::new();
    for s in ds.staff.values() {
        let Some(p) = primary_post(ds, &s.id, today) else {
            continue;
        };
        for c in post_courses(p) {
            if only.is_some_and(|o| o != c) {
                continue;
            }
            let progress = course_progress(ds, &s.id, c);
            if !progress.is_gap() {
                continue;
            }
            out.push(Gap {
                staff: s.id.clone(),
                name: s.name.clone(),
                grade: s.grade,
                post: p.id.clone(),
                post_title: p.title.clone(),
                course: c.clone(),
                course_name: ds
                    .courses
                    .get(c)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                planned: matches!(progress, Progress::Planned { .. }),
                failed: matches!(progress, Progress::Missing { failed: true }),
                away: s.is_away_on(today),
            });
        }
    }
    out.sort_by(|a, b| (&a.course, &a.staff).cmp(&(&b.course, &b.staff)));
    out
}

/// Bulk enrollment of one course's gap list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkPlan {
    /// One change set enrolling everyone who fits (one audit record); None when
    /// nobody does.
    pub planned: Option<Planned>,
    /// Who goes to which session, in gap-list order.
    pub placed: Vec<(StaffId, SessionId)>,
    /// Who stays on the gap list, and why.
    pub left: Vec<(StaffId, String)>,
}

/// The sessions of a course starting on or after `today`, earliest first.
pub fn upcoming_sessions<'a>(ds: &'a Dataset, course: &CourseId, today: Date) -> Vec<&'a Session> {
    let mut v: Vec<&Session> = ds
        .sessions
        .values()
        .filter(|x| &x.course == course && x.start >= today)
        .collect();
    v.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    v
}

/// Enrolls everyone on `course`'s gap list in the next session with room: sessions
/// starting on or after `today`, earliest first, filled up to capacity, people in
/// staff-id order; a person away (seconded, on leave) when a session starts is not
/// put in it. A bare plan becomes the enrollment. Those who do not fit are `left`
/// with the reason. An unknown course has no gaps.
pub fn bulk_enroll(ds: &Dataset, course: &CourseId, today: Date) -> BulkPlan {
    let mut plan = BulkPlan {
        planned: None,
        placed: Vec::new(),
        left: Vec::new(),
    };
    let Some(c) = ds.courses.get(course) else {
        return plan;
    };
    let sessions = upcoming_sessions(ds, course, today);
    let mut taken: BTreeMap<&SessionId, usize> = sessions.iter().map(|x| (&x.id, 0)).collect();
    for e in ds.enrollments.values() {
        if let Some(n) = e.session.as_ref().and_then(|s| taken.get_mut(s)) {
            if e.status.takes_seat() {
                *n += 1;
            }
        }
    }
    let mut changes = Vec::new();
    let mut warnings = Vec::new();
    let mut per_session: BTreeMap<&SessionId, usize> = BTreeMap::new();
    for g in gaps_in(ds, today, Some(course)) {
        let Some(s) = ds.staff.get(&g.staff) else {
            continue;
        };
        let has_room = |x: &Session| taken[&x.id] < x.capacity as usize;
        let here = sessions
            .iter()
            .filter(|x| has_room(x))
            .find(|x| !s.is_away_on(x.start));
        let Some(x) = here else {
            let reason = if sessions.is_empty() {
                format!(
                    "no session of {} starts on or after {}",
                    course_label(c),
                    iso(today)
                )
            } else if !sessions.iter().any(|x| has_room(x)) {
                format!("every upcoming session of {} is full", course_label(c))
            } else {
                format!(
                    "{} is {} at the start of every upcoming session of {} with a free seat",
                    who(s),
                    away_words(s),
                    c.id
                )
            };
            plan.left.push((g.staff.clone(), reason));
            continue;
        };
        *taken.get_mut(&x.id).expect("an upcoming session") += 1;
        *per_session.entry(&x.id).or_default() += 1;
        if g.planned {
            if let Some(e) = enrollments_in(ds, &s.id, course)
                .find(|e| e.status == St::Planned && e.session.is_none())
            {
                changes.push(delete(e));
            }
        }
        changes.push(put(Enrollment {
            staff: s.id.clone(),
            course: course.clone(),
            session: Some(x.id.clone()),
            status: St::Enrolled,
            date: Some(today),
        }));
        warnings.extend(grade_warning(s, c));
        plan.placed.push((s.id.clone(), x.id.clone()));
    }
    if plan.placed.is_empty() {
        return plan;
    }
    let n = plan.placed.len();
    let spread: Vec<String> = sessions
        .iter()
        .filter_map(|x| per_session.get(&x.id).map(|k| format!("{} ×{k}", x.id)))
        .collect();
    let mut ents = vec![course.to_string()];
    ents.extend(per_session.keys().map(|s| s.to_string()));
    ents.extend(plan.placed.iter().map(|(s, _)| s.to_string()));
    plan.planned = Some(Planned {
        action: "bulk-enroll",
        summary: format!(
            "Enroll {n} {} in {} ({})",
            if n == 1 { "person" } else { "people" },
            course_label(c),
            spread.join(", ")
        ),
        entities: ents,
        changes: ChangeSet { changes },
        warnings,
    });
    plan
}

#[cfg(test)]
#[path = "training_tests.rs"]
mod tests;
