//! Storage: the `Store` trait and its sled implementation. Nothing outside this
//! module names sled.

mod apply;
mod check;
mod codec;
mod fill;
pub mod image;
mod journal;
mod keys;
mod log;
mod migrate;
mod sled_store;

#[doc(hidden)]
pub use codec::{test_hook_decode, test_hook_encode};
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

/// The schema version this build writes. Older stores are migrated on open:
/// schema 1 stored records as JSON, schema 2 in a compact binary form (see `codec`).
pub const SCHEMA_VERSION: u32 = 2;

/// The schema a JSON document (an export, a backup, the snapshot) declares: the
/// shape of its records, which schema 2's encoding of the store left as it was.
pub const DOCUMENT_SCHEMA: u32 = 1;

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

impl StoreError {
    /// Whether the store is sound but of an older schema, which a writable open
    /// upgrades (a read-only one refuses it).
    pub fn is_upgrade_needed(&self) -> bool {
        matches!(self, StoreError::Open { reason, .. } if reason.contains(migrate::UPGRADE_NEEDED))
    }
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
/// before it returns. Alongside the records, the store keeps an outbox of audit
/// entries: opaque bytes numbered in order, written with the changes they record.
pub trait Store {
    /// Every record, in key order.
    fn load(&self) -> Result<Dataset>;
    /// Applies all changes or none, then flushes.
    fn apply(&self, changes: &ChangeSet) -> Result<()>;
    /// Applies all changes or none together with an audit entry, then flushes,
    /// and returns the entry's sequence number: the last one given out plus one,
    /// starting at 1. The entry is `entry(seq)`, written in the same commit as the
    /// changes, so a change is never stored without its entry nor an entry without
    /// its change. An empty change set writes just the entry.
    fn apply_logged(&self, changes: &ChangeSet, entry: &dyn Fn(u64) -> Vec<u8>) -> Result<u64>;
    /// The audit entries numbered above `after`, in order.
    fn log_entries(&self, after: u64) -> Result<Vec<(u64, Vec<u8>)>>;
    /// The last audit sequence number given out, 0 when none was.
    fn log_last(&self) -> Result<u64>;
    /// Makes later audit entries number above `seq` (for a store restored or
    /// replaced under an audit file that went further); no effect when they
    /// already would.
    fn log_skip_to(&self, seq: u64) -> Result<()>;
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
