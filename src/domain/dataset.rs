//! A whole set of records in memory, keyed in id order: what the store loads, what
//! import validates and what export writes.

use super::ids::{CourseId, PostId, SessionId, StaffId, UnitId};
use super::records::{
    Assignment, AssignmentKey, Course, Enrollment, EnrollmentKey, Post, Session, Staff, Unit,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Which record a message is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordRef {
    Unit(UnitId),
    Post(PostId),
    Staff(StaffId),
    Course(CourseId),
    Session(SessionId),
    Assignment(AssignmentKey),
    Enrollment(EnrollmentKey),
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordRef::Unit(id) => write!(f, "unit {id}"),
            RecordRef::Post(id) => write!(f, "post {id}"),
            RecordRef::Staff(id) => write!(f, "staff {id}"),
            RecordRef::Course(id) => write!(f, "course {id}"),
            RecordRef::Session(id) => write!(f, "session {id}"),
            RecordRef::Assignment(k) => {
                write!(
                    f,
                    "assignment of {} to {} from {}",
                    k.staff,
                    k.post,
                    super::date::iso(k.start)
                )
            }
            RecordRef::Enrollment(k) => match &k.session {
                Some(s) => write!(f, "enrollment of {} in {} session {s}", k.staff, k.course),
                None => write!(f, "enrollment of {} in {}", k.staff, k.course),
            },
        }
    }
}

/// Every record, each kind in key order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    pub units: BTreeMap<UnitId, Unit>,
    pub posts: BTreeMap<PostId, Post>,
    pub staff: BTreeMap<StaffId, Staff>,
    pub courses: BTreeMap<CourseId, Course>,
    pub sessions: BTreeMap<SessionId, Session>,
    pub assignments: BTreeMap<AssignmentKey, Assignment>,
    pub enrollments: BTreeMap<EnrollmentKey, Enrollment>,
}

/// The JSON document form of a dataset: arrays in key order, with the schema version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub schema: u32,
    pub units: Vec<Unit>,
    pub posts: Vec<Post>,
    pub staff: Vec<Staff>,
    pub courses: Vec<Course>,
    pub sessions: Vec<Session>,
    pub assignments: Vec<Assignment>,
    pub enrollments: Vec<Enrollment>,
}

/// The `format` tag of a JSON export.
pub const DOCUMENT_FORMAT: &str = "jinzai-export";

impl Dataset {
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
            && self.posts.is_empty()
            && self.staff.is_empty()
            && self.courses.is_empty()
            && self.sessions.is_empty()
            && self.assignments.is_empty()
            && self.enrollments.is_empty()
    }

    /// Counts of each kind, in dependency order, for reports.
    pub fn counts(&self) -> [(&'static str, usize); 7] {
        [
            ("units", self.units.len()),
            ("posts", self.posts.len()),
            ("staff", self.staff.len()),
            ("courses", self.courses.len()),
            ("sessions", self.sessions.len()),
            ("assignments", self.assignments.len()),
            ("enrollments", self.enrollments.len()),
        ]
    }

    pub fn to_document(&self, schema: u32) -> Document {
        Document {
            format: DOCUMENT_FORMAT.into(),
            schema,
            units: self.units.values().cloned().collect(),
            posts: self.posts.values().cloned().collect(),
            staff: self.staff.values().cloned().collect(),
            courses: self.courses.values().cloned().collect(),
            sessions: self.sessions.values().cloned().collect(),
            assignments: self.assignments.values().cloned().collect(),
            enrollments: self.enrollments.values().cloned().collect(),
        }
    }

    /// Builds a dataset from a document. Duplicate keys are reported, not merged.
    pub fn from_document(doc: Document) -> Result<Dataset, Vec<String>> {
        let mut ds = Dataset::default();
        let mut dups = Vec::new();
        macro_rules! fill {
            ($field:ident, $key:expr, $what:literal) => {
                for r in doc.$field {
                    let k = $key(&r);
                    if ds.$field.contains_key(&k) {
                        dups.push(format!("{}: duplicate {}", $what, RecordRef::from_key(&k)));
                    }
                    ds.$field.insert(k, r);
                }
            };
        }
        fill!(units, |r: &Unit| r.id.clone(), "units");
        fill!(posts, |r: &Post| r.id.clone(), "posts");
        fill!(staff, |r: &Staff| r.id.clone(), "staff");
        fill!(courses, |r: &Course| r.id.clone(), "courses");
        fill!(sessions, |r: &Session| r.id.clone(), "sessions");
        fill!(assignments, |r: &Assignment| r.key(), "assignments");
        fill!(enrollments, |r: &Enrollment| r.key(), "enrollments");
        if dups.is_empty() {
            Ok(ds)
        } else {
            Err(dups)
        }
    }

    /// Assignments of one person, oldest first.
    pub fn assignments_of(&self, staff: &StaffId) -> impl Iterator<Item = &Assignment> + '_ {
        let from = AssignmentKey {
            staff: staff.clone(),
            start: super::date::Date::MIN,
            post: PostId::new_unchecked(""),
        };
        let staff = staff.clone();
        self.assignments
            .range(from..)
            .take_while(move |(k, _)| k.staff == staff)
            .map(|(_, a)| a)
    }

    /// Enrollments of one person, in course order.
    pub fn enrollments_of(&self, staff: &StaffId) -> impl Iterator<Item = &Enrollment> + '_ {
        let from = EnrollmentKey {
            staff: staff.clone(),
            course: CourseId::new_unchecked(""),
            session: None,
        };
        let staff = staff.clone();
        self.enrollments
            .range(from..)
            .take_while(move |(k, _)| k.staff == staff)
            .map(|(_, e)| e)
    }
}

/// Keys that name a record, for messages.
pub trait RecordKey {
    fn record_ref(&self) -> RecordRef;
}

macro_rules! record_key {
    ($t:ty, $v:ident) => {
        impl RecordKey for $t {
            fn record_ref(&self) -> RecordRef {
                RecordRef::$v(self.clone())
            }
        }
    };
}
record_key!(UnitId, Unit);
record_key!(PostId, Post);
record_key!(StaffId, Staff);
record_key!(CourseId, Course);
record_key!(SessionId, Session);
record_key!(AssignmentKey, Assignment);
record_key!(EnrollmentKey, Enrollment);

impl RecordRef {
    pub fn from_key<K: RecordKey>(k: &K) -> RecordRef {
        k.record_ref()
    }
}
