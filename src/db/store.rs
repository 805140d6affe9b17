//! Which store a database handle reads: sled, or the writer's snapshot.

use super::snapshot;
use crate::domain::{
    Assignment, ChangeSet, Course, CourseId, Dataset, Enrollment, Post, PostId, Staff, StaffId,
};
use crate::store::{SledStore, Store};
use std::sync::Arc;

/// Where a database's records are read from: its store, or (read-only, while
/// another process writes) the writer's snapshot.
#[derive(Debug)]
pub enum DbStore {
    Sled(Arc<SledStore>),
    Snapshot(Box<snapshot::SnapshotStore>),
}

impl DbStore {
    /// The sled store, unless this is a snapshot.
    pub fn sled(&self) -> Option<&SledStore> {
        match self {
            DbStore::Sled(s) => Some(s),
            DbStore::Snapshot(_) => None,
        }
    }

    fn inner(&self) -> &dyn Store {
        match self {
            DbStore::Sled(s) => s.as_ref(),
            DbStore::Snapshot(s) => s.as_ref(),
        }
    }
}

impl Store for DbStore {
    fn load(&self) -> crate::store::Result<Dataset> {
        self.inner().load()
    }
    fn apply(&self, changes: &ChangeSet) -> crate::store::Result<()> {
        self.inner().apply(changes)
    }
    fn apply_logged(
        &self,
        changes: &ChangeSet,
        entry: &dyn Fn(u64) -> Vec<u8>,
    ) -> crate::store::Result<u64> {
        self.inner().apply_logged(changes, entry)
    }
    fn log_entries(&self, after: u64) -> crate::store::Result<Vec<(u64, Vec<u8>)>> {
        self.inner().log_entries(after)
    }
    fn log_last(&self) -> crate::store::Result<u64> {
        self.inner().log_last()
    }
    fn log_skip_to(&self, seq: u64) -> crate::store::Result<()> {
        self.inner().log_skip_to(seq)
    }
    fn is_empty(&self) -> crate::store::Result<bool> {
        self.inner().is_empty()
    }
    fn schema_version(&self) -> crate::store::Result<u32> {
        self.inner().schema_version()
    }
    fn staff(&self, id: &StaffId) -> crate::store::Result<Option<Staff>> {
        self.inner().staff(id)
    }
    fn post(&self, id: &PostId) -> crate::store::Result<Option<Post>> {
        self.inner().post(id)
    }
    fn course(&self, id: &CourseId) -> crate::store::Result<Option<Course>> {
        self.inner().course(id)
    }
    fn holders_of(&self, post: &PostId) -> crate::store::Result<Vec<Assignment>> {
        self.inner().holders_of(post)
    }
    fn assignments_of(&self, staff: &StaffId) -> crate::store::Result<Vec<Assignment>> {
        self.inner().assignments_of(staff)
    }
    fn enrollments_in(&self, course: &CourseId) -> crate::store::Result<Vec<Enrollment>> {
        self.inner().enrollments_in(course)
    }
}
