//! `jinzai enroll`, `complete`, `cancel`, `gaps` and `course`: training for scripts.
//! They go through the same checks (`domain::training`) and the same audited commit
//! as the TUI: a refusal lists every reason on stderr and writes nothing; warnings
//! are confirmed with --yes or a y/N question on a terminal; each change is one
//! transaction with one audit record.

use super::args::{CancelArgs, CompleteArgs, CourseArgs, EnrollArgs, GapsArgs, Global};
use super::db::{self};
use anyhow::{bail, Result};
use jinzai::domain::date::{iso, parse_date};
use jinzai::domain::training::{bulk_enroll, gaps_in, plan_training, Gap, TrainingOp};
use jinzai::domain::{
    Course, CourseId, Dataset, Date, EnrollmentStatus, Grade, SessionId, StaffId,
};
use serde::Serialize;
use std::collections::BTreeMap;

fn staff_id(s: &str) -> Result<StaffId> {
    StaffId::parse(s.trim()).map_err(|e| anyhow::anyhow!("staff id: {e}"))
}

fn course_id(s: &str) -> Result<CourseId> {
    CourseId::parse(s.trim()).map_err(|e| anyhow::anyhow!("course id: {e}"))
}

fn session_id(s: &str) -> Result<SessionId> {
    SessionId::parse(s.trim()).map_err(|e| anyhow::anyhow!("session id: {e}"))
}

pub fn enroll(g: &Global, a: &EnrollArgs) -> Result<()> {
    let op = TrainingOp::Enroll {
        staff: staff_id(&a.staff)?,
        course: course_id(&a.course)?,
        session: a.session.as_deref().map(session_id).transpose()?,
    };
    run(g, &op, a.yes)
}

pub fn complete(g: &Global, a: &CompleteArgs) -> Result<()> {
    let staff = staff_id(&a.staff)?;
    let course = course_id(&a.course)?;
    let on = match a.on.as_deref() {
        Some(s) => parse_date(s).map_err(|e| anyhow::anyhow!("--on: {e}"))?,
        None => super::today()?,
    };
    let op = if a.failed {
        TrainingOp::Fail { staff, course, on }
    } else {
        TrainingOp::Complete { staff, course, on }
    };
    run(g, &op, false)
}

/// Plans `op` with `domain::training` and commits it (see `change::run`).
fn run(g: &Global, op: &TrainingOp, yes: bool) -> Result<()> {
    super::change::run(g, op.action(), yes, |ds, today| {
        plan_training(ds, op, today)
    })
}

pub fn cancel(g: &Global, a: &CancelArgs) -> Result<()> {
    let op = TrainingOp::Cancel {
        staff: staff_id(&a.staff)?,
        course: course_id(&a.course)?,
    };
    run(g, &op, false)
}

fn known_course<'a>(ds: &'a Dataset, id: &CourseId) -> Result<&'a Course> {
    match ds.courses.get(id) {
        Some(c) => Ok(c),
        None => bail!("no course with id {id}"),
    }
}

fn name_of<'a>(ds: &'a Dataset, id: &StaffId) -> &'a str {
    ds.staff.get(id).map_or("", |s| s.name.as_str())
}

pub fn gaps(g: &Global, a: &GapsArgs) -> Result<()> {
    let course = a.course.as_deref().map(course_id).transpose()?;
    if a.enroll {
        let Some(course) = course else {
            bail!("--enroll needs --course");
        };
        return bulk(g, a, &course);
    }
    let db = db::open(g)?;
    let ds = db.read_records()?;
    let today = super::today()?;
    if let Some(c) = &course {
        known_course(&ds, c)?;
    }
    let list = gaps_in(&ds, today, course.as_ref());
    if a.json {
        println!("{}", serde_json::to_string_pretty(&list)?);
    } else {
        print!("{}", gaps_text(&list, today));
    }
    Ok(())
}

/// The gap list as text, grouped by course.
fn gaps_text(list: &[Gap], today: Date) -> String {
    use std::fmt::Write as _;
    let mut o = String::new();
    if list.is_empty() {
        let _ = writeln!(o, "no gaps on {}", iso(today));
        return o;
    }
    let mut by_course: BTreeMap<&CourseId, Vec<&Gap>> = BTreeMap::new();
    for g in list {
        by_course.entry(&g.course).or_default().push(g);
    }
    for (c, gs) in by_course {
        let n = gs.len();
        let _ = writeln!(
            o,
            "{c} {} — {n} {}",
            gs[0].course_name,
            if n == 1 { "person" } else { "people" }
        );
        for g in gs {
            let mut flags = Vec::new();
            if g.planned {
                flags.push("planned");
            }
            if g.failed {
                flags.push("failed before");
            }
            if g.away {
                flags.push("away");
            }
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!("  ({})", flags.join(", "))
            };
            let _ = writeln!(
                o,
                "  {} {}  {}  {} {}{flags}",
                g.staff,
                g.name,
                g.grade.ja(),
                g.post,
                g.post_title
            );
        }
    }
    o
}

/// One person placed by `gaps --enroll`.
#[derive(Debug, Serialize)]
struct Placed {
    staff: String,
    name: String,
    session: String,
    start: Option<String>,
    end: Option<String>,
}

/// One person `gaps --enroll` could not place.
#[derive(Debug, Serialize)]
struct Left {
    staff: String,
    name: String,
    reason: String,
}

/// `jinzai gaps --enroll --json`.
#[derive(Debug, Serialize)]
struct BulkView {
    course: String,
    as_of: String,
    dry_run: bool,
    placed: Vec<Placed>,
    left: Vec<Left>,
    warnings: Vec<String>,
    /// The change's one line; null when nobody fits.
    summary: Option<String>,
    /// The audit record's number; null on a dry run or when nothing was written.
    audit: Option<u64>,
}

/// `gaps --course C --enroll`: everyone on the course's gap list who fits, in one
/// change with one audit record.
fn bulk(g: &Global, a: &GapsArgs, course: &CourseId) -> Result<()> {
    if g.read_only && !a.dry_run {
        bail!("the database is opened read-only (--read-only); nothing was changed");
    }
    let db = db::open(g)?;
    let ds = db.load_records()?.0;
    let today = super::today()?;
    known_course(&ds, course)?;
    let b = bulk_enroll(&ds, course, today);
    let mut view = BulkView {
        course: course.to_string(),
        as_of: iso(today),
        dry_run: a.dry_run,
        placed: b
            .placed
            .iter()
            .map(|(s, x)| {
                let sess = ds.sessions.get(x);
                Placed {
                    staff: s.to_string(),
                    name: name_of(&ds, s).to_string(),
                    session: x.to_string(),
                    start: sess.map(|x| iso(x.start)),
                    end: sess.map(|x| iso(x.end)),
                }
            })
            .collect(),
        left: b
            .left
            .iter()
            .map(|(s, reason)| Left {
                staff: s.to_string(),
                name: name_of(&ds, s).to_string(),
                reason: reason.clone(),
            })
            .collect(),
        warnings: b
            .planned
            .as_ref()
            .map(|p| p.warnings.clone())
            .unwrap_or_default(),
        summary: b.planned.as_ref().map(|p| p.summary.clone()),
        audit: None,
    };
    if !a.json {
        for p in &view.placed {
            let dates = match (&p.start, &p.end) {
                (Some(s), Some(e)) => format!(" ({s}–{e})"),
                _ => String::new(),
            };
            println!("fits  {} {} → {}{dates}", p.staff, p.name, p.session);
        }
        for l in &view.left {
            println!("left  {} {}: {}", l.staff, l.name, l.reason);
        }
    }
    match (&b.planned, a.dry_run) {
        (None, _) => {
            if !a.json {
                if view.left.is_empty() {
                    println!("no gaps for {course}; nothing was changed");
                } else {
                    println!("nobody fits; nothing was changed");
                }
            }
        }
        (Some(p), true) => {
            for w in &p.warnings {
                eprintln!("warning: {w}");
            }
            if !a.json {
                println!("{} (dry run; nothing was changed)", p.summary);
            }
        }
        (Some(p), false) => {
            let seq = super::change::commit(&db, &ds, p, a.yes)?;
            view.audit = Some(seq);
            if !a.json {
                println!("{} (audit #{seq})", p.summary);
            }
        }
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&view)?);
    }
    Ok(())
}

/// A post that asks for the course.
#[derive(Debug, Serialize)]
struct PostRef {
    id: String,
    title: String,
    grade: Grade,
    unit: String,
}

/// A session with its seats and how its enrollments stand.
#[derive(Debug, Serialize)]
struct SessionView {
    id: String,
    start: String,
    end: String,
    capacity: u16,
    /// Seats held (enrolled, completed, failed).
    taken: usize,
    free: usize,
    planned: usize,
    enrolled: usize,
    completed: usize,
    failed: usize,
    cancelled: usize,
}

/// One enrollment in the course, resolved.
#[derive(Debug, Serialize)]
struct Enrollee {
    staff: String,
    name: String,
    grade: Option<Grade>,
    session: Option<String>,
    status: EnrollmentStatus,
    date: Option<String>,
}

/// `jinzai course --json`.
#[derive(Debug, Serialize)]
struct CourseView<'a> {
    #[serde(flatten)]
    course: &'a Course,
    as_of: String,
    posts: Vec<PostRef>,
    /// Earliest first.
    sessions: Vec<SessionView>,
    /// By session (earliest first, plans without a session last), then staff.
    enrollees: Vec<Enrollee>,
    gaps: Vec<Gap>,
}

pub fn course(g: &Global, a: &CourseArgs) -> Result<()> {
    let id = course_id(&a.course_id)?;
    let db = db::open(g)?;
    let ds = db.read_records()?;
    let today = super::today()?;
    let c = known_course(&ds, &id)?;
    let posts = ds
        .posts
        .values()
        .filter(|p| p.courses.contains(&id) && !p.is_closed_on(today))
        .map(|p| PostRef {
            id: p.id.to_string(),
            title: p.title.clone(),
            grade: p.grade,
            unit: p.unit.to_string(),
        })
        .collect();
    let mut sessions: Vec<&jinzai::domain::Session> =
        ds.sessions.values().filter(|x| x.course == id).collect();
    sessions.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    let mut enrollments: Vec<&jinzai::domain::Enrollment> =
        ds.enrollments.values().filter(|e| e.course == id).collect();
    let start_of = |e: &jinzai::domain::Enrollment| {
        e.session
            .as_ref()
            .and_then(|s| ds.sessions.get(s))
            .map(|x| x.start)
    };
    enrollments.sort_by(|a, b| {
        let key =
            |e: &jinzai::domain::Enrollment| (e.session.is_none(), start_of(e), e.session.clone());
        key(a).cmp(&key(b)).then(a.staff.cmp(&b.staff))
    });
    let mut counts: BTreeMap<&SessionId, BTreeMap<EnrollmentStatus, usize>> = BTreeMap::new();
    for e in &enrollments {
        if let Some(s) = &e.session {
            *counts.entry(s).or_default().entry(e.status).or_default() += 1;
        }
    }
    let sessions = sessions
        .iter()
        .map(|x| {
            let n = |st: EnrollmentStatus| {
                counts
                    .get(&x.id)
                    .and_then(|m| m.get(&st))
                    .copied()
                    .unwrap_or(0)
            };
            let taken = n(EnrollmentStatus::Enrolled)
                + n(EnrollmentStatus::Completed)
                + n(EnrollmentStatus::Failed);
            SessionView {
                id: x.id.to_string(),
                start: iso(x.start),
                end: iso(x.end),
                capacity: x.capacity,
                taken,
                free: (x.capacity as usize).saturating_sub(taken),
                planned: n(EnrollmentStatus::Planned),
                enrolled: n(EnrollmentStatus::Enrolled),
                completed: n(EnrollmentStatus::Completed),
                failed: n(EnrollmentStatus::Failed),
                cancelled: n(EnrollmentStatus::Cancelled),
            }
        })
        .collect();
    let enrollees = enrollments
        .iter()
        .map(|e| Enrollee {
            staff: e.staff.to_string(),
            name: name_of(&ds, &e.staff).to_string(),
            grade: ds.staff.get(&e.staff).map(|s| s.grade),
            session: e.session.as_ref().map(|s| s.to_string()),
            status: e.status,
            date: e.date.map(iso),
        })
        .collect();
    let view = CourseView {
        course: c,
        as_of: iso(today),
        posts,
        sessions,
        enrollees,
        gaps: gaps_in(&ds, today, Some(&id)),
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&view)?);
    } else {
        print!("{}", course_text(&view));
    }
    Ok(())
}

fn course_text(v: &CourseView) -> String {
    use std::fmt::Write as _;
    let c = v.course;
    let mut o = String::new();
    let _ = writeln!(o, "{}  {}", c.id, c.name);
    let grades = if c.grades.is_empty() {
        "every grade".to_string()
    } else {
        let g: Vec<&str> = c.grades.iter().map(|g| g.ja()).collect();
        g.join("・")
    };
    let _ = writeln!(
        o,
        "course   {} · {} · {} day{} · for {grades}",
        c.provider.ja(),
        c.field.ja(),
        c.days,
        if c.days == 1 { "" } else { "s" }
    );
    if v.posts.is_empty() {
        let _ = writeln!(o, "posts    — none asks for it —");
    } else {
        let p: Vec<String> = v
            .posts
            .iter()
            .map(|p| format!("{} {}", p.id, p.title))
            .collect();
        let _ = writeln!(o, "posts    {}", p.join(" · "));
    }
    if !v.sessions.is_empty() {
        let _ = writeln!(o, "sessions");
        for x in &v.sessions {
            let _ = writeln!(
                o,
                "  {}  {} – {}  {}/{} seats taken · {} enrolled · {} completed · {} planned",
                x.id, x.start, x.end, x.taken, x.capacity, x.enrolled, x.completed, x.planned
            );
        }
    }
    if !v.enrollees.is_empty() {
        let _ = writeln!(o, "enrollees");
        for e in &v.enrollees {
            let date = e
                .date
                .as_deref()
                .map(|d| format!(" {d}"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "  {} {}  {}  {}{date}",
                e.staff,
                e.name,
                e.session.as_deref().unwrap_or("(no session)"),
                e.status.code()
            );
        }
    }
    if !v.gaps.is_empty() {
        let g: Vec<String> = v
            .gaps
            .iter()
            .map(|g| {
                let planned = if g.planned { ", planned" } else { "" };
                format!("{} {} ({}{planned})", g.staff, g.name, g.post)
            })
            .collect();
        let _ = writeln!(o, "gaps     {}", g.join(" · "));
    }
    o
}
