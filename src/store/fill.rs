//! Filling an empty store with a big change set of puts (the demo data, a first
//! import), all-or-nothing at the cost of writing each entry once.
//!
//! A `filling` flag is set in `meta` (one small transaction) before the first
//! write; the entries are then written in place with plain inserts (see `journal`
//! for why not one transaction); after a flush, removing the flag is the commit
//! point. Since the store was empty, undoing is emptying it: an error part-way
//! empties the record and index trees, and so does the next open if it finds the
//! flag (a crash mid-fill). An audit entry for the fill is written in the same
//! small transaction that removes the flag, and emptying leaves the audit tree
//! alone. Readers in this process during a fill can see part
//! of it.

use super::apply::{self, RawWrite};
use super::journal::{stopped, BigWriteStop};
use super::keys::T;
use super::sled_store::{backend, SledStore};
use super::{Result, StoreError};
use crate::domain::{Change, ChangeSet};

const FLAG: &[u8] = b"filling";

/// Whether a change set can be applied as a fill: only puts, into an empty store.
pub(super) fn fits(store: &SledStore, cs: &ChangeSet) -> bool {
    cs.changes.iter().all(|c| matches!(c, Change::Put(_))) && store.records_empty()
}

/// Fills the store; `extra` (the audit entry and the log's head) is written with
/// the commit point.
pub(super) fn apply(store: &SledStore, cs: &ChangeSet, extra: Vec<RawWrite>) -> Result<()> {
    let stop = store.tuning().stop;
    apply::write_raw(store, &[(T::Meta, FLAG.to_vec(), Some(Vec::new()))])?;
    let mut n = 0u64;
    for ch in &cs.changes {
        let (_, primary, index) = match apply::writes_of(ch) {
            Ok(w) => w,
            Err(e) => return undo(store, e),
        };
        for (t, key, value) in std::iter::once(primary).chain(index) {
            let done = match value {
                Some(v) => store.tree(t).insert(key, v),
                None => store.tree(t).remove(key),
            };
            if let Err(e) = done {
                return undo(store, backend(e));
            }
            n += 1;
            if stop == Some(BigWriteStop::AfterWrites(n)) {
                return Err(stopped(BigWriteStop::AfterWrites(n)));
            }
        }
    }
    store.db.flush().map_err(backend)?;
    let mut commit = vec![(T::Meta, FLAG.to_vec(), None)];
    commit.extend(extra);
    apply::write_one_transaction(store, &commit)
}

/// Empties the store again and returns `e`. Should that fail too, the flag stays
/// and the next open finishes the job.
fn undo(store: &SledStore, e: StoreError) -> Result<()> {
    let _ = empty(store);
    Err(e)
}

fn empty(store: &SledStore) -> Result<()> {
    // Meta holds the flag and the version; the audit tree holds entries of
    // earlier changes, and this fill's own entry is only written at its commit.
    for t in T::ALL
        .into_iter()
        .filter(|&t| t != T::Meta && t != T::Audit)
    {
        store.tree(t).clear().map_err(backend)?;
    }
    store.db.flush().map_err(backend)?;
    apply::write_raw(store, &[(T::Meta, FLAG.to_vec(), None)])
}

/// On open: undoes a fill that did not finish.
pub(super) fn recover(store: &SledStore) -> Result<()> {
    if !store.tree(T::Meta).contains_key(FLAG).map_err(backend)? {
        return Ok(());
    }
    if store.read_only {
        return Err(StoreError::Open {
            path: store.path.clone(),
            reason: "a change was interrupted and must be finished; open it once without \
                     read-only"
                .into(),
        });
    }
    empty(store)
}
