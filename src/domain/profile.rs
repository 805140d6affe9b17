//! A person's whole record as one value: the staff row plus current post, post
//! history and courses, resolved to names. `jinzai show` prints it; the staff detail
//! pane draws it.

use super::dataset::Dataset;
use super::date::{iso, Date};
use super::ids::StaffId;
use super::queries::{current_assignment, post_and_unit, tenure_months};
use super::records::Staff;
use super::vocab::{EnrollmentStatus, Field, Grade};
use serde::Serialize;

/// One post held, resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostHeld {
    pub post: String,
    pub title: String,
    pub unit: String,
    pub unit_name: String,
    pub grade: Option<Grade>,
    pub field: Option<Field>,
    pub start: String,
    pub end: Option<String>,
    pub concurrent: bool,
    pub tenure_months: i32,
}

/// One course taken or planned, resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CourseTaken {
    pub course: String,
    pub name: String,
    pub session: Option<String>,
    pub status: EnrollmentStatus,
    pub date: Option<String>,
}

/// A person's whole record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub as_of: String,
    #[serde(flatten)]
    pub staff: Staff,
    pub current: Option<PostHeld>,
    /// Newest first.
    pub history: Vec<PostHeld>,
    /// The person's assignment records as stored (oldest first): the keys
    /// `jinzai end`/`transfer` and scripts work with.
    pub assignments: Vec<super::records::Assignment>,
    pub courses: Vec<CourseTaken>,
}

/// Builds the profile of `id` as of `date`; None when there is no such person.
pub fn profile(ds: &Dataset, id: &StaffId, date: Date) -> Option<Profile> {
    let staff = ds.staff.get(id)?.clone();
    let held = |a: &super::records::Assignment| {
        let (post, unit) = post_and_unit(ds, a);
        PostHeld {
            post: a.post.to_string(),
            title: post.map(|p| p.title.clone()).unwrap_or_default(),
            unit: post.map(|p| p.unit.to_string()).unwrap_or_default(),
            unit_name: unit.map(|u| u.name.clone()).unwrap_or_default(),
            grade: post.map(|p| p.grade),
            field: post.map(|p| p.field),
            start: iso(a.start),
            end: a.end.map(iso),
            concurrent: a.concurrent,
            tenure_months: tenure_months(a, date),
        }
    };
    let current = current_assignment(ds, id, date).map(held);
    let mut history: Vec<PostHeld> = ds.assignments_of(id).map(held).collect();
    history.reverse();
    let mut courses: Vec<CourseTaken> = ds
        .enrollments_of(id)
        .map(|e| CourseTaken {
            course: e.course.to_string(),
            name: ds
                .courses
                .get(&e.course)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            session: e.session.as_ref().map(|s| s.to_string()),
            status: e.status,
            date: e.date.map(iso),
        })
        .collect();
    // Completed first, then what is under way, then the rest; newest first within.
    courses.sort_by(|a, b| {
        status_rank(a.status)
            .cmp(&status_rank(b.status))
            .then(b.date.cmp(&a.date))
            .then(a.course.cmp(&b.course))
    });
    Some(Profile {
        as_of: iso(date),
        staff,
        current,
        history,
        assignments: ds.assignments_of(id).cloned().collect(),
        courses,
    })
}

fn status_rank(s: EnrollmentStatus) -> u8 {
    match s {
        EnrollmentStatus::Completed => 0,
        EnrollmentStatus::Enrolled => 1,
        EnrollmentStatus::Planned => 2,
        EnrollmentStatus::Failed => 3,
        EnrollmentStatus::Cancelled => 4,
    }
}
