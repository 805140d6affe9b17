//! Writing: a `ChangeSet` as one sled transaction over every tree, keeping the
//! secondary indexes in step, then a flush. Change sets too big for one sled
//! transaction are written by `fill` or `journal`; migrations write raw entries
//! through `write_raw`. `apply_logged` adds an audit entry (see `log`) to the
//! same commit.
//!
//! Index keys are a reordering of the primary key (see `keys`), so a put of an
//! existing record rewrites the same index entry and only a delete removes one.

use super::keys::{self, T};
use super::sled_store::{backend, SledStore};
use super::{fill, image, journal, log};
use super::{Result, StoreError};
use crate::domain::{Change, ChangeSet, RecordRef};
use sled::transaction::{
    ConflictableTransactionError, ConflictableTransactionResult, TransactionError, Transactional,
    TransactionalTree,
};

type TxResult = ConflictableTransactionResult<(), StoreError>;

/// One raw write; `None` removes the key.
pub(super) type RawWrite = (T, Vec<u8>, Option<Vec<u8>>);

/// Applies every change or none, then flushes.
pub(super) fn apply(store: &SledStore, cs: &ChangeSet) -> Result<()> {
    if store.read_only {
        return Err(StoreError::ReadOnly);
    }
    if cs.is_empty() {
        return Ok(());
    }
    let _only_writer = store.write_lock.lock().unwrap_or_else(|e| e.into_inner());
    write(store, cs, Vec::new())
}

/// Applies every change or none together with an audit entry numbered next,
/// then flushes; returns the entry's number. An empty change set writes just
/// the entry.
pub(super) fn apply_logged(
    store: &SledStore,
    cs: &ChangeSet,
    entry: &dyn Fn(u64) -> Vec<u8>,
) -> Result<u64> {
    if store.read_only {
        return Err(StoreError::ReadOnly);
    }
    // Only this process writes (sled locks the directory) and the lock keeps its
    // writers in turn, so the number read here is still free at the commit.
    let _only_writer = store.write_lock.lock().unwrap_or_else(|e| e.into_inner());
    let seq = log::next(store)?;
    write(store, cs, log::writes_of(store, seq, entry(seq))?)?;
    Ok(seq)
}

/// Writes a change set and extra raw writes (the audit entry and the log's head)
/// all or none: one transaction when small; else the extras go into the big
/// write's commit.
fn write(store: &SledStore, cs: &ChangeSet, extra: Vec<RawWrite>) -> Result<()> {
    if cs.changes.len() > store.tuning().one_transaction_max {
        return if fill::fits(store, cs) {
            fill::apply(store, cs, extra)
        } else {
            journal::apply(store, cs, extra)
        };
    }
    // sled reruns the closure only on a conflict, which cannot happen here: its
    // transactions take a global write lock.
    transact(store, |tx| {
        for ch in &cs.changes {
            let (r, (t, key, value), index) = match writes_of(ch) {
                Ok(w) => w,
                Err(e) => return Err(ConflictableTransactionError::Abort(e)),
            };
            let old = match value {
                Some(v) => tx[t as usize].insert(key, v)?,
                None => tx[t as usize].remove(key)?,
            };
            if old.is_none() && matches!(ch, Change::Delete(_)) {
                return Err(ConflictableTransactionError::Abort(StoreError::Missing(r)));
            }
            if let Some((t, key, value)) = index {
                match value {
                    Some(v) => tx[t as usize].insert(key, v)?,
                    None => tx[t as usize].remove(key)?,
                };
            }
        }
        for (t, k, v) in &extra {
            let tree = &tx[*t as usize];
            match v {
                Some(v) => tree.insert(k.as_slice(), v.as_slice())?,
                None => tree.remove(k.as_slice())?,
            };
        }
        Ok(())
    })
}

/// Writes raw entries all or none (migrations use this), then flushes.
pub(super) fn write_raw(store: &SledStore, writes: &[RawWrite]) -> Result<()> {
    if writes.len() > store.tuning().one_transaction_max {
        return journal::write(store, writes.iter().map(|w| Ok([w.clone()])));
    }
    write_one_transaction(store, writes)
}

/// Writes a few raw entries in one transaction whatever the tuning, then flushes.
pub(super) fn write_one_transaction(store: &SledStore, writes: &[RawWrite]) -> Result<()> {
    transact(store, |tx| {
        for (t, k, v) in writes {
            let tree = &tx[*t as usize];
            match v {
                Some(v) => tree.insert(k.as_slice(), v.as_slice())?,
                None => tree.remove(k.as_slice())?,
            };
        }
        Ok(())
    })
}

/// Runs `f` as one sled transaction that also gives the store a new write stamp
/// (see `image`), then flushes.
fn transact(store: &SledStore, f: impl Fn(&[TransactionalTree]) -> TxResult) -> Result<()> {
    let trees: Vec<&sled::Tree> = T::ALL.iter().map(|&t| store.tree(t)).collect();
    match trees.as_slice().transaction(|tx| {
        f(tx)?;
        tx[T::Meta as usize].insert(image::STAMP_KEY, &image::new_stamp())?;
        Ok(())
    }) {
        Ok(()) => {}
        Err(TransactionError::Abort(e)) => return Err(e),
        Err(TransactionError::Storage(e)) => return Err(backend(e)),
    }
    store.db.flush().map_err(backend)?;
    Ok(())
}

/// The writes a change makes: its record's, then its index entry's if it has one.
pub(super) fn writes_of(ch: &Change) -> Result<(RecordRef, RawWrite, Option<RawWrite>)> {
    let r = match ch {
        Change::Put(rec) => rec.record_ref(),
        Change::Delete(r) => r.clone(),
    };
    if let Some(reason) = keys::key_problem(&r) {
        return Err(StoreError::BadKey { record: r, reason });
    }
    let (t, key) = keys::locate(&r);
    let index = keys::index_entry(&r);
    Ok(match ch {
        Change::Put(rec) => {
            let value = super::codec::encode(rec);
            let index = index.map(|(it, ik, iv)| (it, ik, Some(iv)));
            (r, (t, key, Some(value)), index)
        }
        Change::Delete(_) => {
            let index = index.map(|(it, ik, _)| (it, ik, None));
            (r, (t, key, None), index)
        }
    })
}
