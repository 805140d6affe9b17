//! Writing: a `ChangeSet` (or a migration's raw writes) as one sled transaction
//! over every tree, keeping the secondary indexes in step, then a flush.
//!
//! Index keys are a reordering of the primary key (see `keys`), so a put of an
//! existing record rewrites the same index entry and only a delete removes one.

use super::keys::{self, T};
use super::sled_store::{backend, SledStore};
use super::{Result, StoreError};
use crate::domain::{Change, ChangeSet, Record};
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
    // Encoding happens inside the closure so that a big fill is not held twice in
    // memory before sled buffers it. sled reruns the closure only on a conflict,
    // which cannot happen: its transactions take a global write lock.
    transact(store, |tx| {
        for ch in &cs.changes {
            apply_one(tx, ch)?;
        }
        Ok(())
    })
}

/// Writes raw entries in one transaction (migrations use this), then flushes.
pub(super) fn write_raw(store: &SledStore, writes: &[RawWrite]) -> Result<()> {
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

fn transact(store: &SledStore, f: impl Fn(&[TransactionalTree]) -> TxResult) -> Result<()> {
    let trees: Vec<&sled::Tree> = T::ALL.iter().map(|&t| store.tree(t)).collect();
    let done = trees.as_slice().transaction(|tx| f(tx));
    match done {
        Ok(()) => {}
        Err(TransactionError::Abort(e)) => return Err(e),
        Err(TransactionError::Storage(e)) => return Err(backend(e)),
    }
    store.db.flush().map_err(backend)?;
    Ok(())
}

fn abort<T>(e: StoreError) -> ConflictableTransactionResult<T, StoreError> {
    Err(ConflictableTransactionError::Abort(e))
}

fn apply_one(tx: &[TransactionalTree], ch: &Change) -> TxResult {
    let r = match ch {
        Change::Put(rec) => rec.record_ref(),
        Change::Delete(r) => r.clone(),
    };
    if let Some(reason) = keys::key_problem(&r) {
        return abort(StoreError::BadKey { record: r, reason });
    }
    let (t, key) = keys::locate(&r);
    let index = keys::index_entry(&r);
    match ch {
        Change::Put(rec) => {
            let value = match encode(rec) {
                Ok(v) => v,
                Err(e) => return abort(StoreError::Backend(format!("cannot encode {r}: {e}"))),
            };
            tx[t as usize].insert(key, value)?;
            if let Some((it, ik, iv)) = index {
                tx[it as usize].insert(ik, iv)?;
            }
        }
        Change::Delete(_) => {
            if tx[t as usize].remove(key)?.is_none() {
                return abort(StoreError::Missing(r));
            }
            if let Some((it, ik, _)) = index {
                tx[it as usize].remove(ik)?;
            }
        }
    }
    Ok(())
}

/// The stored value of a record: its JSON, without the kind tag.
fn encode(rec: &Record) -> serde_json::Result<Vec<u8>> {
    match rec {
        Record::Unit(x) => serde_json::to_vec(x),
        Record::Post(x) => serde_json::to_vec(x),
        Record::Staff(x) => serde_json::to_vec(x),
        Record::Course(x) => serde_json::to_vec(x),
        Record::Session(x) => serde_json::to_vec(x),
        Record::Assignment(x) => serde_json::to_vec(x),
        Record::Enrollment(x) => serde_json::to_vec(x),
    }
}
