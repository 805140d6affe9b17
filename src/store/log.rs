//! The audit outbox: the `audit` tree holds one opaque entry per logged change,
//! keyed by its sequence number (u64 big-endian, so key order is number order).
//! `apply::apply_logged` writes an entry in the same commit as its changes, so
//! the store never holds a change without its entry, nor an entry without its
//! change; the audit file beside the store is caught up from here.
//!
//! Numbers count up from 1. A floor kept in `meta` (`audit.floor`) lets the
//! numbering continue after numbers used elsewhere, for a store restored or
//! replaced under an audit file that has gone further.

use super::apply::{self, RawWrite};
use super::keys::T;
use super::sled_store::{backend, SledStore};
use super::{Result, StoreError};
use std::ops::Bound;

/// The meta key of the numbering floor: a u64 big-endian.
const FLOOR_KEY: &[u8] = b"audit.floor";

pub(super) fn key(seq: u64) -> [u8; 8] {
    seq.to_be_bytes()
}

/// The write that stores an entry.
pub(super) fn write_of(seq: u64, entry: Vec<u8>) -> RawWrite {
    (T::Audit, key(seq).to_vec(), Some(entry))
}

fn be64(tree: &'static str, k: &[u8], what: &str) -> Result<u64> {
    match <[u8; 8]>::try_from(k) {
        Ok(b) => Ok(u64::from_be_bytes(b)),
        Err(_) => Err(StoreError::Corrupt {
            tree,
            key: k.escape_ascii().to_string(),
            reason: format!("{what} is {} bytes long, not 8", k.len()),
        }),
    }
}

/// The last number given out (the floor counts), 0 when none was.
pub(super) fn last(store: &SledStore) -> Result<u64> {
    let last = match store.tree(T::Audit).last().map_err(backend)? {
        Some((k, _)) => be64(T::Audit.name(), &k, "the key")?,
        None => 0,
    };
    let floor = match store.tree(T::Meta).get(FLOOR_KEY).map_err(backend)? {
        Some(v) => be64(T::Meta.name(), &v, "audit.floor")?,
        None => 0,
    };
    Ok(last.max(floor))
}

/// The number the next entry gets.
pub(super) fn next(store: &SledStore) -> Result<u64> {
    last(store)?
        .checked_add(1)
        .ok_or_else(|| StoreError::Backend("the audit sequence is exhausted".into()))
}

/// Entries numbered above `after`, in order.
pub(super) fn entries(store: &SledStore, after: u64) -> Result<Vec<(u64, Vec<u8>)>> {
    let from = Bound::Excluded(key(after));
    let mut out = Vec::new();
    for item in store
        .tree(T::Audit)
        .range::<[u8; 8], _>((from, Bound::Unbounded))
    {
        let (k, v) = item.map_err(backend)?;
        out.push((be64(T::Audit.name(), &k, "the key")?, v.to_vec()));
    }
    Ok(out)
}

/// Makes later entries number above `seq`; no effect when they already do.
pub(super) fn skip_to(store: &SledStore, seq: u64) -> Result<()> {
    if store.read_only {
        return Err(StoreError::ReadOnly);
    }
    let _only_writer = store.write_lock.lock().unwrap_or_else(|e| e.into_inner());
    if last(store)? >= seq {
        return Ok(());
    }
    apply::write_raw(
        store,
        &[(
            T::Meta,
            FLOOR_KEY.to_vec(),
            Some(seq.to_be_bytes().to_vec()),
        )],
    )
}
