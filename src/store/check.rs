//! Auditing the secondary indexes against the records (for the integrity
//! command), and the hidden hooks tests use to damage a store on purpose.

use super::journal::{self, BigWriteStop, Tuning};
use super::keys::{self, T};
use super::sled_store::{backend, SledStore};
use super::{migrate, Result};
use crate::domain::RecordRef;

/// Each index tree and the record tree it points into.
const INDEXES: [(T, T, &str); 2] = [
    (T::Holders, T::Assignments, "post → holders index"),
    (
        T::CourseEnrollments,
        T::Enrollments,
        "course → enrollments index",
    ),
];

impl SledStore {
    /// Index entries that do not match a stored record, and records missing from
    /// an index, one sentence each. Empty when the indexes are sound.
    pub fn check_indexes(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for (index, primary, what) in INDEXES {
            for item in self.tree(index).iter() {
                let (ik, iv) = item.map_err(backend)?;
                let Some(r) = keys::record_at(index, &ik) else {
                    out.push(format!(
                        "the {what} has an unreadable entry {}",
                        ik.escape_ascii()
                    ));
                    continue;
                };
                let (_, pk) = keys::locate(&r);
                if iv.as_ref() != pk.as_slice() {
                    out.push(format!(
                        "the {what} entry for {r} points at {}",
                        keys::show(primary, &iv)
                    ));
                }
                if !self.tree(primary).contains_key(&pk).map_err(backend)? {
                    out.push(format!("the {what} lists {r}, which is not stored"));
                }
            }
            for item in self.tree(primary).iter().keys() {
                let pk = item.map_err(backend)?;
                let Some(r) = keys::record_at(primary, &pk) else {
                    out.push(format!(
                        "{} has an unreadable key {}",
                        primary.name(),
                        pk.escape_ascii()
                    ));
                    continue;
                };
                if let Some((_, ik, _)) = keys::index_entry(&r) {
                    if !self.tree(index).contains_key(ik).map_err(backend)? {
                        out.push(format!("{r} is missing from the {what}"));
                    }
                }
            }
        }
        Ok(out)
    }

    /// Test hook: writes change sets of more than `one_transaction_max` changes
    /// (at least 1) the big way (`fill` or `journal`), optionally stopping
    /// part-way as if the process died.
    #[doc(hidden)]
    pub fn test_hook_big_writes(&self, one_transaction_max: usize, stop: Option<BigWriteStop>) {
        *self.tuning.lock().unwrap_or_else(|e| e.into_inner()) = Tuning {
            one_transaction_max: one_transaction_max.max(1),
            stop,
        };
    }

    /// Test hook: the journal trees present.
    #[doc(hidden)]
    pub fn test_hook_journals(&self) -> Vec<String> {
        journal::journals(self)
    }

    /// Test hook: stamps a schema version as is.
    #[doc(hidden)]
    pub fn test_hook_set_schema_version(&self, v: u32) -> Result<()> {
        migrate::write_version(self, v)
    }

    /// Test hook: removes a record's index entry, leaving the record.
    #[doc(hidden)]
    pub fn test_hook_drop_index_entry(&self, r: &RecordRef) -> Result<()> {
        if let Some((t, k, _)) = keys::index_entry(r) {
            self.tree(t).remove(k).map_err(backend)?;
        }
        super::apply::write_raw(self, &[])
    }

    /// Test hook: adds the index entry a record would have, without the record.
    #[doc(hidden)]
    pub fn test_hook_plant_index_entry(&self, r: &RecordRef) -> Result<()> {
        if let Some((t, k, v)) = keys::index_entry(r) {
            self.tree(t).insert(k, v).map_err(backend)?;
        }
        super::apply::write_raw(self, &[])
    }

    /// Test hook: the stored value of a record, as is.
    #[doc(hidden)]
    pub fn test_hook_get_raw(&self, r: &RecordRef) -> Result<Option<Vec<u8>>> {
        let (t, k) = keys::locate(r);
        Ok(self.tree(t).get(k).map_err(backend)?.map(|v| v.to_vec()))
    }

    /// Test hook: overwrites the stored value of a record with raw bytes.
    #[doc(hidden)]
    pub fn test_hook_put_raw(&self, r: &RecordRef, value: &[u8]) -> Result<()> {
        let (t, k) = keys::locate(r);
        self.tree(t).insert(k, value).map_err(backend)?;
        super::apply::write_raw(self, &[])
    }
}
