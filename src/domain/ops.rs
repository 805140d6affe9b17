//! The changes a user asks for (assign, end, transfer, mark concurrent, edit a person,
//! a post or a unit), checked against the dataset and turned into a `ChangeSet`. The
//! TUI and the CLI both go through `plan`, so they refuse and warn alike. Pure.
//!
//! An error cannot be confirmed away (an overlap, a full post, a person who is
//! seconded); a warning can (a grade that differs from the post's, a missing course,
//! skills below the post's level).

use super::change::{Change, ChangeSet, Record};
use super::dataset::Dataset;
use super::date::{iso, Date};
use super::fit::{fit, CourseStanding};
use super::ids::{PostId, StaffId};
use super::records::{Assignment, Post, Staff, Unit};
use super::validate::{peak_load, Violation};
use super::vocab::Status;
use std::fmt;

/// Edits of a person, a post or a unit, and closing a post.
#[path = "ops_edit.rs"]
mod edit;
use edit::{close_post, put_post, put_staff, put_unit};

/// What a change did, record by record, and the change that undoes it.
#[path = "ops_diff.rs"]
mod diffs;
pub use diffs::{diff, undo, Diff};

/// A change someone asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Put a person in a post from a date (open-ended).
    Assign {
        staff: StaffId,
        post: PostId,
        from: Date,
        concurrent: bool,
    },
    /// End a person's holding of a post on a date (the last day in it).
    End {
        staff: StaffId,
        post: PostId,
        on: Date,
    },
    /// Move a person to a post on a date: their current primary holding ends the day
    /// before, the new one starts that day.
    Transfer {
        staff: StaffId,
        post: PostId,
        on: Date,
    },
    /// Mark a holding concurrent (併任) or primary again.
    SetConcurrent {
        staff: StaffId,
        post: PostId,
        start: Date,
        concurrent: bool,
    },
    /// A new hire, or an edit of a person's record.
    PutStaff { staff: Box<Staff>, new: bool },
    /// A new post, or an edit of one.
    PutPost { post: Box<Post>, new: bool },
    /// A new unit, or an edit (rename, move) of one.
    PutUnit { unit: Box<Unit>, new: bool },
    /// Close a post from a date: holdings still open then end the day before; the
    /// post and its history stay.
    ClosePost { post: PostId, on: Date },
}

impl Op {
    /// The action name the audit log records.
    pub fn action(&self) -> &'static str {
        match self {
            Op::Assign { .. } => "assign",
            Op::End { .. } => "end",
            Op::Transfer { .. } => "transfer",
            Op::SetConcurrent { .. } => "concurrent",
            Op::PutStaff { new: true, .. } => "add-staff",
            Op::PutStaff { .. } => "edit-staff",
            Op::PutPost { new: true, .. } => "add-post",
            Op::PutPost { .. } => "edit-post",
            Op::PutUnit { new: true, .. } => "add-unit",
            Op::PutUnit { .. } => "edit-unit",
            Op::ClosePost { .. } => "close-post",
        }
    }
}

/// Why an op cannot be done, and which of its inputs is at fault (a form shows the
/// message beside that field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpError {
    pub field: &'static str,
    pub message: String,
}

impl fmt::Display for OpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

pub(crate) fn err(field: &'static str, message: impl Into<String>) -> OpError {
    OpError {
        field,
        message: message.into(),
    }
}

impl From<Violation> for OpError {
    fn from(v: Violation) -> OpError {
        OpError {
            field: v.column,
            message: v.reason,
        }
    }
}

/// A checked op, ready to apply once its warnings are confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub action: &'static str,
    /// One line saying what will change, with names: the confirmation question and
    /// the audit record's summary.
    pub summary: String,
    /// The ids of the people, posts and units involved (what `log --staff/--post`
    /// filters on).
    pub entities: Vec<String>,
    pub changes: ChangeSet,
    /// Things to confirm before applying.
    pub warnings: Vec<String>,
}

/// Checks `op` against `ds` and plans its changes.
pub fn plan(ds: &Dataset, op: &Op) -> Result<Planned, Vec<OpError>> {
    match op {
        Op::Assign {
            staff,
            post,
            from,
            concurrent,
        } => assign(ds, staff, post, *from, *concurrent),
        Op::End { staff, post, on } => end(ds, staff, post, *on),
        Op::Transfer { staff, post, on } => transfer(ds, staff, post, *on),
        Op::SetConcurrent {
            staff,
            post,
            start,
            concurrent,
        } => set_concurrent(ds, staff, post, *start, *concurrent),
        Op::PutStaff { staff, new } => put_staff(ds, staff, *new),
        Op::PutPost { post, new } => put_post(ds, post, *new),
        Op::PutUnit { unit, new } => put_unit(ds, unit, *new),
        Op::ClosePost { post, on } => close_post(ds, post, *on),
    }
}

pub(crate) fn person<'a>(ds: &'a Dataset, id: &StaffId) -> Result<&'a Staff, Vec<OpError>> {
    ds.staff
        .get(id)
        .ok_or_else(|| vec![err("staff", format!("no person with id '{id}'"))])
}

fn the_post<'a>(ds: &'a Dataset, id: &PostId) -> Result<&'a Post, Vec<OpError>> {
    ds.posts
        .get(id)
        .ok_or_else(|| vec![err("post", format!("no post with id '{id}'"))])
}

/// "E0412 田中 美咲".
pub(crate) fn who(s: &Staff) -> String {
    format!("{} {}", s.id, s.name)
}

/// "P02 情報セキュリティ係長".
fn what(p: &Post) -> String {
    format!("{} {}", p.id, p.title)
}

fn until(end: Option<Date>) -> String {
    end.map(iso).unwrap_or_else(|| "now".into())
}

/// Refusals for putting `a` (new or changed) next to the person's other holdings
/// and the post's other holders: status, overlapping primary posts, capacity.
fn holding_errors(ds: &Dataset, s: &Staff, p: &Post, a: &Assignment) -> Vec<OpError> {
    let mut errors = Vec::new();
    if let Some(closed) = p.closed.filter(|c| a.end.is_none_or(|e| e >= *c)) {
        errors.push(err(
            "post",
            format!("{} closed on {}", what(p), iso(closed)),
        ));
    }
    if s.status != Status::Active && s.is_away_on(a.start) {
        let away = match s.status {
            Status::Seconded => "seconded",
            _ => "on leave",
        };
        let till = s
            .status_until
            .map(|d| format!(" until {}", iso(d)))
            .unwrap_or_default();
        errors.push(err(
            "staff",
            format!(
                "{} is {away}{till}; a person away cannot take a post from {}",
                who(s),
                iso(a.start)
            ),
        ));
    }
    if !a.concurrent {
        let clash = ds
            .assignments_of(&s.id)
            .filter(|o| !o.concurrent && o.key() != a.key())
            .find(|o| o.overlaps(a));
        if let Some(o) = clash {
            let title = ds.posts.get(&o.post).map_or("", |p| p.title.as_str());
            errors.push(err(
                "from",
                format!(
                    "{} already holds {} {title} from {} to {}; primary posts may not \
                     overlap (end it first, transfer, or mark the new one concurrent)",
                    who(s),
                    o.post,
                    iso(o.start),
                    until(o.end)
                ),
            ));
        }
    }
    let mut load: Vec<&Assignment> = ds
        .assignments
        .values()
        .filter(|o| o.post == p.id && o.key() != a.key() && o.overlaps(a))
        .collect();
    load.push(a);
    if let Some((day, n)) = peak_load(&load) {
        if n > p.capacity as usize {
            let held_by: Vec<String> = load
                .iter()
                .filter(|o| o.key() != a.key() && o.covers(day))
                .map(|o| {
                    let name = ds.staff.get(&o.staff).map_or("", |s| s.name.as_str());
                    format!("{} {name} {}–{}", o.staff, iso(o.start), until(o.end))
                })
                .collect();
            errors.push(err(
                "post",
                format!(
                    "{} has {} seat{} and would have {n} holders on {} (held by {})",
                    what(p),
                    p.capacity,
                    if p.capacity == 1 { "" } else { "s" },
                    iso(day),
                    held_by.join(", ")
                ),
            ));
        }
    }
    errors
}

/// Warnings about the person's fit for the post on `date`: grade, courses, skills.
pub fn fit_warnings(ds: &Dataset, s: &Staff, p: &Post, date: Date) -> Vec<String> {
    let f = fit(ds, s, p, date);
    let mut w = Vec::new();
    if !f.grade_matches() {
        w.push(format!(
            "{} is {} but {} is a {} post",
            who(s),
            s.grade.ja(),
            p.id,
            p.grade.ja()
        ));
    }
    for (c, st) in &f.courses {
        let name = ds.courses.get(c).map_or("", |c| c.name.as_str());
        match st {
            CourseStanding::Completed => {}
            CourseStanding::Planned => w.push(format!(
                "{} has not yet completed {c} {name} (planned or enrolled)",
                who(s)
            )),
            CourseStanding::Missing => w.push(format!("{} has not taken {c} {name}", who(s))),
        }
    }
    for g in f.skill_gaps() {
        w.push(format!(
            "{} has {} level {} where {} asks for {}",
            who(s),
            g.skill,
            g.have,
            p.id,
            g.need
        ));
    }
    w
}

fn put(a: Assignment) -> Change {
    Change::Put(Record::Assignment(a))
}

fn assign(
    ds: &Dataset,
    staff: &StaffId,
    post: &PostId,
    from: Date,
    concurrent: bool,
) -> Result<Planned, Vec<OpError>> {
    let s = person(ds, staff)?;
    let p = the_post(ds, post)?;
    let a = Assignment {
        staff: staff.clone(),
        post: post.clone(),
        start: from,
        end: None,
        concurrent,
    };
    if ds.assignments.contains_key(&a.key()) {
        return Err(vec![err(
            "from",
            format!(
                "{} already has a holding of {} from {}",
                who(s),
                p.id,
                iso(from)
            ),
        )]);
    }
    let errors = holding_errors(ds, s, p, &a);
    if !errors.is_empty() {
        return Err(errors);
    }
    let kind = if concurrent {
        " (concurrent, 併任)"
    } else {
        ""
    };
    Ok(Planned {
        action: "assign",
        summary: format!("Assign {} to {}{kind} from {}", who(s), what(p), iso(from)),
        entities: vec![staff.to_string(), post.to_string(), p.unit.to_string()],
        changes: ChangeSet {
            changes: vec![put(a)],
        },
        warnings: if concurrent {
            Vec::new()
        } else {
            fit_warnings(ds, s, p, from)
        },
    })
}

/// The person's holding of the post that is open on `on` or starts latest before it.
fn holding_of<'a>(ds: &'a Dataset, s: &Staff, p: &Post, on: Date) -> Option<&'a Assignment> {
    ds.assignments_of(&s.id)
        .filter(|a| a.post == p.id && a.start <= on)
        .max_by_key(|a| a.start)
}

fn end(ds: &Dataset, staff: &StaffId, post: &PostId, on: Date) -> Result<Planned, Vec<OpError>> {
    let s = person(ds, staff)?;
    let p = the_post(ds, post)?;
    let Some(a) = holding_of(ds, s, p, on) else {
        return Err(vec![err(
            "on",
            format!("{} holds no {} on or before {}", who(s), p.id, iso(on)),
        )]);
    };
    if let Some(e) = a.end.filter(|e| *e < on) {
        return Err(vec![err(
            "on",
            format!(
                "{}'s holding of {} already ended on {}",
                who(s),
                p.id,
                iso(e)
            ),
        )]);
    }
    let mut changed = a.clone();
    changed.end = Some(on);
    Ok(Planned {
        action: "end",
        summary: format!(
            "End {} in {} on {} (held since {})",
            who(s),
            what(p),
            iso(on),
            iso(a.start)
        ),
        entities: vec![staff.to_string(), post.to_string(), p.unit.to_string()],
        changes: ChangeSet {
            changes: vec![put(changed)],
        },
        warnings: Vec::new(),
    })
}

fn transfer(
    ds: &Dataset,
    staff: &StaffId,
    post: &PostId,
    on: Date,
) -> Result<Planned, Vec<OpError>> {
    let s = person(ds, staff)?;
    let p = the_post(ds, post)?;
    let Ok(last_day) = on.yesterday() else {
        return Err(vec![err("on", "the date is out of range")]);
    };
    let Some(cur) = ds
        .assignments_of(staff)
        .find(|a| !a.concurrent && a.covers(last_day))
    else {
        return Err(vec![err(
            "staff",
            format!(
                "{} holds no primary post on {} to transfer from; assign instead",
                who(s),
                iso(last_day)
            ),
        )]);
    };
    if cur.post == p.id {
        return Err(vec![err(
            "post",
            format!("{} already holds {}", who(s), what(p)),
        )]);
    }
    if cur.start > last_day {
        return Err(vec![err(
            "on",
            format!(
                "{} started in {} on {}; a transfer must leave at least one day in it",
                who(s),
                cur.post,
                iso(cur.start)
            ),
        )]);
    }
    let mut ended = cur.clone();
    ended.end = Some(last_day);
    let new = Assignment {
        staff: staff.clone(),
        post: post.clone(),
        start: on,
        end: None,
        concurrent: false,
    };
    // Check the new holding against the world with the old one ended.
    let mut errors = Vec::new();
    {
        let mut view = ds.clone_for(&s.id, p);
        view.assignments.insert(ended.key(), ended.clone());
        errors.extend(holding_errors(&view, s, p, &new));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let from = ds.posts.get(&cur.post).map_or(cur.post.to_string(), what);
    let from_unit = ds.posts.get(&cur.post).map(|q| q.unit.to_string());
    let mut entities = vec![
        staff.to_string(),
        cur.post.to_string(),
        post.to_string(),
        p.unit.to_string(),
    ];
    entities.extend(from_unit);
    entities.dedup();
    Ok(Planned {
        action: "transfer",
        summary: format!(
            "End {} in {from} on {} and assign to {} from {}",
            who(s),
            iso(last_day),
            what(p),
            iso(on)
        ),
        entities,
        changes: ChangeSet {
            changes: vec![put(ended), put(new)],
        },
        warnings: fit_warnings(ds, s, p, on),
    })
}

fn set_concurrent(
    ds: &Dataset,
    staff: &StaffId,
    post: &PostId,
    start: Date,
    concurrent: bool,
) -> Result<Planned, Vec<OpError>> {
    let s = person(ds, staff)?;
    let p = the_post(ds, post)?;
    let key = super::records::AssignmentKey {
        staff: staff.clone(),
        start,
        post: post.clone(),
    };
    let Some(a) = ds.assignments.get(&key) else {
        return Err(vec![err(
            "start",
            format!("{} has no holding of {} from {}", who(s), p.id, iso(start)),
        )]);
    };
    if a.concurrent == concurrent {
        let already = if concurrent { "concurrent" } else { "primary" };
        return Err(vec![err(
            "concurrent",
            format!("{}'s holding of {} is already {already}", who(s), p.id),
        )]);
    }
    let mut changed = a.clone();
    changed.concurrent = concurrent;
    let errors = holding_errors(ds, s, p, &changed);
    if !errors.is_empty() {
        return Err(errors);
    }
    let how = if concurrent {
        "concurrent (併任)"
    } else {
        "primary"
    };
    Ok(Planned {
        action: "concurrent",
        summary: format!(
            "Mark {}'s holding of {} (from {}) {how}",
            who(s),
            what(p),
            iso(start)
        ),
        entities: vec![staff.to_string(), post.to_string(), p.unit.to_string()],
        changes: ChangeSet {
            changes: vec![put(changed)],
        },
        warnings: Vec::new(),
    })
}

impl Dataset {
    /// The records that checks of one person's holdings in one post look at: the
    /// person, the post, the person's holdings and the post's holders. Much cheaper
    /// than a clone of everything at 100k people.
    fn clone_for(&self, staff: &StaffId, post: &Post) -> Dataset {
        let mut v = Dataset::default();
        if let Some(s) = self.staff.get(staff) {
            v.staff.insert(s.id.clone(), s.clone());
        }
        v.posts.insert(post.id.clone(), post.clone());
        for a in self.assignments_of(staff) {
            v.assignments.insert(a.key(), a.clone());
        }
        for a in self.assignments.values().filter(|a| a.post == post.id) {
            v.assignments.insert(a.key(), a.clone());
        }
        v
    }
}

#[cfg(test)]
#[path = "ops_tests.rs"]
mod tests;
