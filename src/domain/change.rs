//! Changes to a dataset as data: a record put or removed. A store applies a
//! `ChangeSet` in one transaction; import computes one by diffing datasets.

use super::dataset::{Dataset, RecordRef};
use super::records::{Assignment, Course, Enrollment, Post, Session, Staff, Unit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Any one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "record", rename_all = "kebab-case")]
pub enum Record {
    Unit(Unit),
    Post(Post),
    Staff(Staff),
    Course(Course),
    Session(Session),
    Assignment(Assignment),
    Enrollment(Enrollment),
}

impl Record {
    pub fn record_ref(&self) -> RecordRef {
        match self {
            Record::Unit(r) => RecordRef::Unit(r.id.clone()),
            Record::Post(r) => RecordRef::Post(r.id.clone()),
            Record::Staff(r) => RecordRef::Staff(r.id.clone()),
            Record::Course(r) => RecordRef::Course(r.id.clone()),
            Record::Session(r) => RecordRef::Session(r.id.clone()),
            Record::Assignment(r) => RecordRef::Assignment(r.key()),
            Record::Enrollment(r) => RecordRef::Enrollment(r.key()),
        }
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Put(Record),
    Delete(RecordRef),
}

/// Changes applied together, all or nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    pub changes: Vec<Change>,
}

/// How many records a diff adds, updates and leaves unchanged, per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The puts that turn `old` into `old` overlaid with `new` (nothing is deleted),
    /// with counts per kind keyed by the kind's plural name.
    pub fn upserts(old: &Dataset, new: &Dataset) -> (ChangeSet, BTreeMap<&'static str, Counts>) {
        let mut cs = ChangeSet::default();
        let mut counts = BTreeMap::new();
        macro_rules! diff {
            ($field:ident, $name:literal, $variant:ident) => {{
                let c: &mut Counts = counts.entry($name).or_default();
                for (k, v) in &new.$field {
                    match old.$field.get(k) {
                        Some(o) if o == v => c.unchanged += 1,
                        Some(_) => {
                            c.updated += 1;
                            cs.changes.push(Change::Put(Record::$variant(v.clone())));
                        }
                        None => {
                            c.added += 1;
                            cs.changes.push(Change::Put(Record::$variant(v.clone())));
                        }
                    }
                }
            }};
        }
        diff!(units, "units", Unit);
        diff!(posts, "posts", Post);
        diff!(staff, "staff", Staff);
        diff!(courses, "courses", Course);
        diff!(sessions, "sessions", Session);
        diff!(assignments, "assignments", Assignment);
        diff!(enrollments, "enrollments", Enrollment);
        (cs, counts)
    }

    /// Every record of a dataset as puts (filling an empty store).
    pub fn fill(ds: &Dataset) -> ChangeSet {
        ChangeSet::upserts(&Dataset::default(), ds).0
    }
}

impl Dataset {
    /// The stored value of a record, if present.
    pub fn record(&self, r: &RecordRef) -> Option<Record> {
        match r {
            RecordRef::Unit(k) => self.units.get(k).cloned().map(Record::Unit),
            RecordRef::Post(k) => self.posts.get(k).cloned().map(Record::Post),
            RecordRef::Staff(k) => self.staff.get(k).cloned().map(Record::Staff),
            RecordRef::Course(k) => self.courses.get(k).cloned().map(Record::Course),
            RecordRef::Session(k) => self.sessions.get(k).cloned().map(Record::Session),
            RecordRef::Assignment(k) => self.assignments.get(k).cloned().map(Record::Assignment),
            RecordRef::Enrollment(k) => self.enrollments.get(k).cloned().map(Record::Enrollment),
        }
    }

    /// Applies a change set in memory (what a store does on disk).
    pub fn apply(&mut self, cs: &ChangeSet) {
        for ch in &cs.changes {
            match ch {
                Change::Put(r) => match r.clone() {
                    Record::Unit(x) => {
                        self.units.insert(x.id.clone(), x);
                    }
                    Record::Post(x) => {
                        self.posts.insert(x.id.clone(), x);
                    }
                    Record::Staff(x) => {
                        self.staff.insert(x.id.clone(), x);
                    }
                    Record::Course(x) => {
                        self.courses.insert(x.id.clone(), x);
                    }
                    Record::Session(x) => {
                        self.sessions.insert(x.id.clone(), x);
                    }
                    Record::Assignment(x) => {
                        self.assignments.insert(x.key(), x);
                    }
                    Record::Enrollment(x) => {
                        self.enrollments.insert(x.key(), x);
                    }
                },
                Change::Delete(r) => match r {
                    RecordRef::Unit(k) => {
                        self.units.remove(k);
                    }
                    RecordRef::Post(k) => {
                        self.posts.remove(k);
                    }
                    RecordRef::Staff(k) => {
                        self.staff.remove(k);
                    }
                    RecordRef::Course(k) => {
                        self.courses.remove(k);
                    }
                    RecordRef::Session(k) => {
                        self.sessions.remove(k);
                    }
                    RecordRef::Assignment(k) => {
                        self.assignments.remove(k);
                    }
                    RecordRef::Enrollment(k) => {
                        self.enrollments.remove(k);
                    }
                },
            }
        }
    }
}
