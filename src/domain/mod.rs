//! The domain: pure types and rules. No IO, no storage, no drawing.

pub mod change;
pub mod dataset;
pub mod date;
pub mod fit;
pub mod ids;
pub mod ops;
pub mod profile;
pub mod queries;
pub mod records;
pub mod text;
pub mod training;
pub mod validate;
pub mod vocab;

pub use change::{Change, ChangeSet, Counts, Record};
pub use dataset::{Dataset, Document, RecordRef};
pub use date::Date;
pub use ids::{CourseId, PostId, SessionId, StaffId, UnitId};
pub use records::{
    Assignment, AssignmentKey, Course, Enrollment, EnrollmentKey, Post, Session, Skills, Staff,
    Unit, Wish,
};
pub use validate::{validate, Violation};
pub use vocab::{EnrollmentStatus, Field, Grade, Impact, Provider, Status, Track};
