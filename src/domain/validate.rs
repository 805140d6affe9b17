//! The rules every dataset obeys: references resolve, dates run forward, no person
//! holds two overlapping primary posts, capacities hold, the unit tree has no cycle.

use super::dataset::{Dataset, RecordRef};
use super::date::{iso, Date};
use super::ids::{PostId, SessionId};
use super::records::{Assignment, Post, Staff, Unit, Wish};
use super::text::{clean_text, TextKind};
use std::collections::BTreeMap;
use std::fmt;

/// One broken rule: which record, which column, why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    pub record: RecordRef,
    pub column: &'static str,
    pub reason: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.record, self.column, self.reason)
    }
}

struct Out(Vec<Violation>);

impl Out {
    fn push(&mut self, record: RecordRef, column: &'static str, reason: impl Into<String>) {
        self.0.push(Violation {
            record,
            column,
            reason: reason.into(),
        });
    }
    fn text(
        &mut self,
        record: &RecordRef,
        column: &'static str,
        value: &str,
        kind: TextKind,
        required: bool,
    ) {
        if required && value.trim().is_empty() {
            self.push(record.clone(), column, "is empty");
        } else if let Err(e) = clean_text(value, kind) {
            self.push(record.clone(), column, e);
        }
    }
}

/// Checks every rule; returns the violations in a stable order (empty when valid).
pub fn validate(ds: &Dataset) -> Vec<Violation> {
    let mut out = Out(Vec::new());
    units(ds, &mut out);
    posts(ds, &mut out);
    staff(ds, &mut out);
    courses(ds, &mut out);
    assignments(ds, &mut out);
    enrollments(ds, &mut out);
    out.0.sort();
    out.0
}

/// The rules for one unit, as it would stand in `ds` (edits check this).
pub fn check_unit(ds: &Dataset, u: &Unit) -> Vec<Violation> {
    let mut out = Out(Vec::new());
    unit(ds, u, &mut out);
    out.0
}

/// The rules for one post, as it would stand in `ds`.
pub fn check_post(ds: &Dataset, p: &Post) -> Vec<Violation> {
    let mut out = Out(Vec::new());
    post(ds, p, &mut out);
    out.0
}

/// The rules for one person, as they would stand in `ds`.
pub fn check_staff(ds: &Dataset, s: &Staff) -> Vec<Violation> {
    let mut out = Out(Vec::new());
    person(ds, s, &mut out);
    out.0
}

fn units(ds: &Dataset, out: &mut Out) {
    for u in ds.units.values() {
        unit(ds, u, out);
    }
}

fn unit(ds: &Dataset, u: &Unit, out: &mut Out) {
    let r = RecordRef::Unit(u.id.clone());
    out.text(&r, "name", &u.name, TextKind::Line, true);
    out.text(&r, "name_en", &u.name_en, TextKind::Line, false);
    if let Some(p) = &u.parent {
        if !ds.units.contains_key(p) {
            out.push(r.clone(), "parent", format!("unknown unit '{p}'"));
            return;
        }
        // Walk up; a walk longer than the number of units is a cycle.
        let mut cur = Some(p);
        let mut steps = 0;
        while let Some(c) = cur {
            if c == &u.id || steps > ds.units.len() {
                out.push(
                    r.clone(),
                    "parent",
                    format!("unit '{}' is its own ancestor", u.id),
                );
                break;
            }
            steps += 1;
            cur = ds.units.get(c).and_then(|x| x.parent.as_ref());
        }
    }
}

fn posts(ds: &Dataset, out: &mut Out) {
    for p in ds.posts.values() {
        post(ds, p, out);
    }
}

fn post(ds: &Dataset, p: &Post, out: &mut Out) {
    let r = RecordRef::Post(p.id.clone());
    out.text(&r, "title", &p.title, TextKind::Line, true);
    if !ds.units.contains_key(&p.unit) {
        out.push(r.clone(), "unit", format!("unknown unit '{}'", p.unit));
    }
    for c in &p.courses {
        if !ds.courses.contains_key(c) {
            out.push(r.clone(), "courses", format!("unknown course '{c}'"));
        }
    }
    if p.capacity == 0 {
        out.push(r.clone(), "capacity", "must be at least 1");
    }
}

fn staff(ds: &Dataset, out: &mut Out) {
    for s in ds.staff.values() {
        person(ds, s, out);
    }
}

fn person(ds: &Dataset, s: &Staff, out: &mut Out) {
    let r = RecordRef::Staff(s.id.clone());
    out.text(&r, "name", &s.name, TextKind::Line, true);
    out.text(&r, "kana", &s.kana, TextKind::Line, false);
    out.text(&r, "notes", &s.notes, TextKind::Note, false);
    out.text(&r, "destination", &s.destination, TextKind::Line, false);
    if let (Some(since), Some(hired)) = (s.grade_since, s.hired_on) {
        if since < hired {
            out.push(
                r.clone(),
                "grade_since",
                format!("{} is before the hire date {}", iso(since), iso(hired)),
            );
        }
    }
    for w in &s.wishes {
        let known = match w {
            Wish::Post(p) => ds.posts.contains_key(p),
            Wish::Unit(u) => ds.units.contains_key(u),
            Wish::Field(_) => true,
        };
        if !known {
            out.push(r.clone(), "wishes", format!("unknown post or unit '{w}'"));
        }
    }
}

fn courses(ds: &Dataset, out: &mut Out) {
    for c in ds.courses.values() {
        let r = RecordRef::Course(c.id.clone());
        out.text(&r, "name", &c.name, TextKind::Line, true);
        if c.days == 0 || c.days > 365 {
            out.push(
                r.clone(),
                "days",
                format!("{} is not a number of days 1-365", c.days),
            );
        }
    }
    for s in ds.sessions.values() {
        let r = RecordRef::Session(s.id.clone());
        if !ds.courses.contains_key(&s.course) {
            out.push(
                r.clone(),
                "course",
                format!("unknown course '{}'", s.course),
            );
        }
        if s.end < s.start {
            out.push(
                r.clone(),
                "end",
                format!("{} is before the start {}", iso(s.end), iso(s.start)),
            );
        }
        if s.capacity == 0 {
            out.push(r.clone(), "capacity", "must be at least 1");
        }
    }
}

fn assignments(ds: &Dataset, out: &mut Out) {
    let mut by_post: BTreeMap<&PostId, Vec<&Assignment>> = BTreeMap::new();
    let mut last_primary: Option<&Assignment> = None;
    for (k, a) in &ds.assignments {
        let r = RecordRef::Assignment(k.clone());
        if !ds.staff.contains_key(&a.staff) {
            out.push(r.clone(), "staff", format!("unknown staff '{}'", a.staff));
        }
        match ds.posts.get(&a.post) {
            None => out.push(r.clone(), "post", format!("unknown post '{}'", a.post)),
            Some(p) => {
                if let Some(closed) = p.closed {
                    if a.end.is_none_or(|e| e >= closed) {
                        out.push(
                            r.clone(),
                            "end",
                            format!(
                                "post {} closed on {}; a holding of it must end by the day before",
                                p.id,
                                iso(closed)
                            ),
                        );
                    }
                }
            }
        }
        if let Some(end) = a.end {
            if end < a.start {
                out.push(
                    r.clone(),
                    "end",
                    format!("{} is before the start {}", iso(end), iso(a.start)),
                );
                continue;
            }
        }
        by_post.entry(&a.post).or_default().push(a);
        if a.concurrent {
            continue;
        }
        // Keys sort by staff then start, so comparing with the previous primary
        // assignment of the same person finds every overlap.
        if let Some(prev) = last_primary.filter(|p| p.staff == a.staff) {
            if prev.overlaps(a) {
                out.push(
                    r.clone(),
                    "start",
                    format!(
                        "{} already holds {} from {} to {}; primary posts may not overlap",
                        a.staff,
                        prev.post,
                        iso(prev.start),
                        prev.end.map(iso).unwrap_or_else(|| "now".into())
                    ),
                );
            }
            if prev.end.unwrap_or(Date::MAX) >= a.end.unwrap_or(Date::MAX) {
                continue; // keep the one that reaches further
            }
        }
        last_primary = Some(a);
    }
    for (post, list) in by_post {
        let Some(p) = ds.posts.get(post) else {
            continue;
        };
        if let Some((day, n)) = peak_load(&list) {
            if n > p.capacity as usize {
                let a = list
                    .iter()
                    .find(|a| a.start == day)
                    .copied()
                    .unwrap_or(list[0]);
                out.push(
                    RecordRef::Assignment(a.key()),
                    "post",
                    format!(
                        "post {post} has {n} holders on {} but capacity {}",
                        iso(day),
                        p.capacity
                    ),
                );
            }
        }
    }
}

/// The day with the most concurrent holders, and how many.
pub(crate) fn peak_load(list: &[&Assignment]) -> Option<(Date, usize)> {
    let mut events: Vec<(Date, i32)> = Vec::with_capacity(list.len() * 2);
    for a in list {
        events.push((a.start, 1));
        if let Some(e) = a.end {
            if let Ok(next) = e.tomorrow() {
                events.push((next, -1));
            }
        }
    }
    events.sort();
    let (mut cur, mut best) = (0i32, None::<(Date, usize)>);
    for (d, delta) in events {
        cur += delta;
        if best.is_none_or(|(_, n)| cur as usize > n) && cur > 0 {
            best = Some((d, cur as usize));
        }
    }
    best
}

fn enrollments(ds: &Dataset, out: &mut Out) {
    let mut seats: BTreeMap<&SessionId, usize> = BTreeMap::new();
    for (k, e) in &ds.enrollments {
        let r = RecordRef::Enrollment(k.clone());
        if !ds.staff.contains_key(&e.staff) {
            out.push(r.clone(), "staff", format!("unknown staff '{}'", e.staff));
        }
        if !ds.courses.contains_key(&e.course) {
            out.push(
                r.clone(),
                "course",
                format!("unknown course '{}'", e.course),
            );
        }
        if let Some(sid) = &e.session {
            match ds.sessions.get(sid) {
                None => out.push(r.clone(), "session", format!("unknown session '{sid}'")),
                Some(s) if s.course != e.course => out.push(
                    r.clone(),
                    "session",
                    format!(
                        "session {sid} belongs to course {}, not {}",
                        s.course, e.course
                    ),
                ),
                Some(s) => {
                    if e.status.takes_seat() {
                        let n = seats.entry(sid).or_default();
                        *n += 1;
                        if *n == s.capacity as usize + 1 {
                            out.push(
                                r.clone(),
                                "session",
                                format!("session {sid} is full ({} seats)", s.capacity),
                            );
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
