//! Storage: the `Store` trait and its sled implementation. Nothing outside this
//! module names sled.

mod apply;
mod check;
mod fill;
mod journal;
mod keys;
mod migrate;
mod sled_store;

#[doc(hidden)]
pub use journal::BigWriteStop;
#[doc(hidden)]
pub use migrate::{Migration, Migrator};
pub use sled_store::SledStore;

use crate::domain::{
    Assignment, ChangeSet, Course, CourseId, Dataset, Enrollment, Post, PostId, RecordRef, Staff,
    StaffId,
};
use std::path::PathBuf;

/// The schema version this build writes. Older stores are migrated on open.
pub const SCHEMA_VERSION: u32 = 1;

/// Default sled page-cache size: enough for a whole 100k-staff ministry.
pub const DEFAULT_CACHE_BYTES: u64 = 128 * 1024 * 1024;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {path}: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error("the database at {path} was written by a newer jinzai (schema {found}, this build knows up to {known})")]
    TooNew {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("database error: {0}")]
    Backend(String),
    #[error("stored record {key} in {tree} cannot be read: {reason}")]
    Corrupt {
        tree: &'static str,
        key: String,
        reason: String,
    },
    #[error("the database is open read-only")]
    ReadOnly,
    /// A change deletes a record that is not stored; nothing of its change set was applied.
    #[error("cannot delete {0}: it is not in the database")]
    Missing(RecordRef),
    /// A record whose key cannot be stored (an id with a NUL, an empty session id).
    #[error("cannot store {record}: {reason}")]
    BadKey { record: RecordRef, reason: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Options for opening a store.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub cache_bytes: u64,
    pub read_only: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            cache_bytes: DEFAULT_CACHE_BYTES,
            read_only: false,
        }
    }
}

/// A place records are kept. Every `apply` is one transaction, flushed to disk
/// before it returns.
pub trait Store {
    /// Every record, in key order.
    fn load(&self) -> Result<Dataset>;
    /// Applies all changes or none, then flushes.
    fn apply(&self, changes: &ChangeSet) -> Result<()>;
    /// Whether no record of any kind is stored.
    fn is_empty(&self) -> Result<bool>;
    /// The schema version on disk.
    fn schema_version(&self) -> Result<u32>;

    fn staff(&self, id: &StaffId) -> Result<Option<Staff>>;
    fn post(&self, id: &PostId) -> Result<Option<Post>>;
    fn course(&self, id: &CourseId) -> Result<Option<Course>>;
    /// Every assignment to a post, past and present, oldest first (index post → holders).
    fn holders_of(&self, post: &PostId) -> Result<Vec<Assignment>>;
    /// Every assignment of a person, oldest first (index staff → assignments).
    fn assignments_of(&self, staff: &StaffId) -> Result<Vec<Assignment>>;
    /// Every enrollment in a course, in staff order (index course → enrollments).
    fn enrollments_in(&self, course: &CourseId) -> Result<Vec<Enrollment>>;
}
