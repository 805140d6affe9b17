//! The audit outbox: the `audit` tree holds one opaque entry per logged change,
//! keyed by its sequence number (u64 big-endian, so key order is number order).
//! `apply::apply_logged` writes an entry in the same commit as its changes, so
//! the store never holds a change without its entry, nor an entry without its
//! change; the audit file beside the store is caught up from here.
//!
//! Numbers count up from 1. A floor kept in `meta` (`audit.floor`) lets the
//! numbering continue after numbers used elsewhere, for a store restored or
//! replaced under an audit file that has gone further.
//!
//! The head of the audit hash chain is kept in `meta` too (`audit.head`): the
//! number of the last entry and the SHA-256 of its bytes (which are the line of
//! the audit file), written in the same commit as the entry, so the store always
//! knows how the file must end. `audit.chain` is the number of the first entry
//! written by a build that keeps the head: from it on, every record carries the
//! hash of the one before it (see `crate::audit::chain`).

use super::apply::{self, RawWrite};
use super::keys::T;
use super::sled_store::{backend, SledStore};
use super::{Result, StoreError};
use sha2::{Digest, Sha256};
use std::ops::Bound;

/// The meta key of the numbering floor: a u64 big-endian.
const FLOOR_KEY: &[u8] = b"audit.floor";
/// The meta key of the chain's head: the entry's number (u64 big-endian), then
/// the 32 bytes of its SHA-256.
const HEAD_KEY: &[u8] = b"audit.head";
/// The meta key of the chain's first entry number: a u64 big-endian.
const CHAIN_KEY: &[u8] = b"audit.chain";

pub(super) fn key(seq: u64) -> [u8; 8] {
    seq.to_be_bytes()
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn head_value(seq: u64, hash: &[u8; 32]) -> Vec<u8> {
    let mut v = seq.to_be_bytes().to_vec();
    v.extend_from_slice(hash);
    v
}

/// The writes that store an entry: the entry, the head, and the chain's start
/// when this is the first entry written with a head.
pub(super) fn writes_of(store: &SledStore, seq: u64, entry: Vec<u8>) -> Result<Vec<RawWrite>> {
    let head = head_value(seq, &sha256(&entry));
    let mut out = vec![
        (T::Audit, key(seq).to_vec(), Some(entry)),
        (T::Meta, HEAD_KEY.to_vec(), Some(head)),
    ];
    if chain_start(store)?.is_none() {
        out.push((
            T::Meta,
            CHAIN_KEY.to_vec(),
            Some(seq.to_be_bytes().to_vec()),
        ));
    }
    Ok(out)
}

/// The head: the last entry's number and the SHA-256 of its bytes. Stores
/// written before heads were kept fall back on their last entry; `None` when
/// there is neither.
pub(super) fn head(store: &SledStore) -> Result<Option<(u64, [u8; 32])>> {
    if let Some(v) = store.tree(T::Meta).get(HEAD_KEY).map_err(backend)? {
        if v.len() != 40 {
            return Err(StoreError::Corrupt {
                tree: T::Meta.name(),
                key: "audit.head".into(),
                reason: format!("it is {} bytes long, not 40", v.len()),
            });
        }
        let seq = be64(T::Meta.name(), &v[..8], "audit.head")?;
        let mut hash = [0u8; 32];
        hash.copy_from_slice(&v[8..]);
        return Ok(Some((seq, hash)));
    }
    match store.tree(T::Audit).last().map_err(backend)? {
        Some((k, v)) => Ok(Some((be64(T::Audit.name(), &k, "the key")?, sha256(&v)))),
        None => Ok(None),
    }
}

/// The number of the first entry written with a head, if any was.
pub(super) fn chain_start(store: &SledStore) -> Result<Option<u64>> {
    match store.tree(T::Meta).get(CHAIN_KEY).map_err(backend)? {
        Some(v) => be64(T::Meta.name(), &v, "audit.chain").map(Some),
        None => Ok(None),
    }
}

/// One entry by number.
pub(super) fn entry(store: &SledStore, seq: u64) -> Result<Option<Vec<u8>>> {
    Ok(store
        .tree(T::Audit)
        .get(key(seq))
        .map_err(backend)?
        .map(|v| v.to_vec()))
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

/// `skip_to` that also makes `(seq, hash)` the head, in one commit: for a store
/// restored or replaced under an audit file whose last line is `seq`.
pub(super) fn skip_to_head(store: &SledStore, seq: u64, hash: &[u8; 32]) -> Result<()> {
    if store.read_only {
        return Err(StoreError::ReadOnly);
    }
    let _only_writer = store.write_lock.lock().unwrap_or_else(|e| e.into_inner());
    if last(store)? >= seq {
        return Ok(());
    }
    apply::write_raw(
        store,
        &[
            (
                T::Meta,
                FLOOR_KEY.to_vec(),
                Some(seq.to_be_bytes().to_vec()),
            ),
            (T::Meta, HEAD_KEY.to_vec(), Some(head_value(seq, hash))),
        ],
    )
}

impl SledStore {
    /// The audit chain's head: the number of the last audit entry and the
    /// SHA-256 of its bytes (the audit file's last line); `None` for a store
    /// that never logged a change.
    pub fn log_head(&self) -> Result<Option<(u64, [u8; 32])>> {
        head(self)
    }

    /// The number of the first audit entry written with a head (from it on the
    /// records are chained); `None` when none was.
    pub fn log_chain_start(&self) -> Result<Option<u64>> {
        chain_start(self)
    }

    /// One audit entry by number, as stored.
    pub fn log_entry(&self, seq: u64) -> Result<Option<Vec<u8>>> {
        entry(self, seq)
    }

    /// Like `log_skip_to`, also making `(seq, hash)` the head in the same commit.
    pub fn log_skip_to_head(&self, seq: u64, hash: &[u8; 32]) -> Result<()> {
        skip_to_head(self, seq, hash)
    }
}
