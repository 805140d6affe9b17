//! Big writes, all-or-nothing without one giant sled transaction.
//!
//! sled 0.34 keeps every tree node a transaction (or batch) replaces until the
//! commit ends: about 5 KB per write, so a government-scale fill (1.75 million
//! writes) took about 9 GB as one transaction, and even batches of 10k writes
//! cost several times the memory of plain inserts. Bigger change sets therefore
//! use plain inserts behind a commit point kept in `meta`:
//!
//! * filling an empty store (only puts): see `fill`;
//! * anything else goes through a redo journal:
//!   1. every write is checked (a delete must find its record, counting earlier
//!      changes of the same set) and appended to a fresh tree `journal.<id>`.
//!      Nothing live changes: an error or a crash here leaves the store as it
//!      was, and the next open drops the orphan journal;
//!   2. one small transaction records `journal = (id, count)` in `meta`: the
//!      commit point;
//!   3. the journal is replayed into the live trees, then the meta entry is
//!      removed and the journal tree dropped.
//!
//! A crash after step 2 is finished by the next open, before anything reads the
//! store: replay re-applies the same puts and removes in order, so it may repeat.
//! Readers in this process during step 3 can see part of the change set.

use super::apply::{self, RawWrite};
use super::keys::T;
use super::sled_store::{backend, SledStore};
use super::{Result, StoreError};
use crate::domain::{Change, ChangeSet};
use std::collections::HashMap;

/// The meta key of the pending journal: id and write count, big-endian u64s.
const PENDING_KEY: &[u8] = b"journal";
const PREFIX: &str = "journal.";

/// When big writes take the journal; changed only by tests.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tuning {
    /// Change sets with more changes than this do not use one transaction.
    pub one_transaction_max: usize,
    pub stop: Option<BigWriteStop>,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            one_transaction_max: 2_000,
            stop: None,
        }
    }
}

/// Where a test makes a big apply stop, as if the process died there.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BigWriteStop {
    /// The journal is written, its commit record is not.
    BeforeCommit,
    /// The journal is committed, nothing replayed.
    AfterCommit,
    /// After this many writes to the live trees (journal replay, or a fill).
    AfterWrites(u64),
}

pub(super) fn stopped(at: BigWriteStop) -> StoreError {
    StoreError::Backend(format!("test hook: stopped {at:?}"))
}

fn name(id: u64) -> String {
    format!("{PREFIX}{id}")
}

/// Applies a big change set through a journal; `extra` (the audit entry and the
/// log's head) is journaled last, so it is committed and replayed with the changes.
pub(super) fn apply(store: &SledStore, cs: &ChangeSet, extra: Vec<RawWrite>) -> Result<()> {
    let track = cs.changes.iter().any(|c| matches!(c, Change::Delete(_)));
    // Whether each record touched so far exists, when deletes need checking.
    let mut present: HashMap<(T, Vec<u8>), bool> = HashMap::new();
    let writes = cs.changes.iter().map(|ch| {
        let (r, primary, index) = apply::writes_of(ch)?;
        if track {
            let k = (primary.0, primary.1.clone());
            let is_delete = matches!(ch, Change::Delete(_));
            if is_delete {
                let here = match present.get(&k) {
                    Some(&p) => p,
                    None => store.tree(k.0).contains_key(&k.1).map_err(backend)?,
                };
                if !here {
                    return Err(StoreError::Missing(r));
                }
            }
            present.insert(k, !is_delete);
        }
        Ok(std::iter::once(primary).chain(index))
    });
    let extra = extra
        .into_iter()
        .map(|w| Ok(std::iter::once(w).chain(None)));
    write(store, writes.chain(extra))
}

/// Writes raw entries (each item one or two writes) through a journal.
pub(super) fn write<I, W>(store: &SledStore, writes: I) -> Result<()>
where
    I: Iterator<Item = Result<W>>,
    W: IntoIterator<Item = RawWrite>,
{
    let tuning = store.tuning();
    let id = store.db.generate_id().map_err(backend)?;
    let count = match append(store, id, writes) {
        Ok(n) => n,
        Err(e) => {
            // Best effort: an orphan journal is dropped at the next open anyway.
            let _ = store.db.drop_tree(name(id));
            return Err(e);
        }
    };
    store.db.flush().map_err(backend)?;
    if tuning.stop == Some(BigWriteStop::BeforeCommit) {
        return Err(stopped(BigWriteStop::BeforeCommit));
    }
    let mut pending = id.to_be_bytes().to_vec();
    pending.extend_from_slice(&count.to_be_bytes());
    apply::write_raw(store, &[(T::Meta, PENDING_KEY.to_vec(), Some(pending))])?;
    if tuning.stop == Some(BigWriteStop::AfterCommit) {
        return Err(stopped(BigWriteStop::AfterCommit));
    }
    replay(store, id, count, tuning)
}

fn append<I, W>(store: &SledStore, id: u64, writes: I) -> Result<u64>
where
    I: Iterator<Item = Result<W>>,
    W: IntoIterator<Item = RawWrite>,
{
    let tree = store.db.open_tree(name(id)).map_err(backend)?;
    let mut n = 0u64;
    for item in writes {
        for w in item? {
            tree.insert(n.to_be_bytes(), encode(&w)).map_err(backend)?;
            n += 1;
        }
    }
    Ok(n)
}

/// Replays a committed journal into the live trees, then retires it.
fn replay(store: &SledStore, id: u64, count: u64, tuning: Tuning) -> Result<()> {
    let journal = name(id);
    let tree = store.db.open_tree(&journal).map_err(backend)?;
    let mut seen = 0u64;
    for item in tree.iter() {
        let (k, v) = item.map_err(backend)?;
        let Some((t, key, value)) = decode(&v) else {
            return Err(StoreError::Corrupt {
                tree: "journal",
                key: format!("{journal} {}", k.escape_ascii()),
                reason: "it is not a journal entry".into(),
            });
        };
        match value {
            Some(v) => store.tree(t).insert(key, v).map(drop),
            None => store.tree(t).remove(key).map(drop),
        }
        .map_err(backend)?;
        seen += 1;
        if tuning.stop == Some(BigWriteStop::AfterWrites(seen)) {
            return Err(stopped(BigWriteStop::AfterWrites(seen)));
        }
    }
    if seen != count {
        return Err(StoreError::Corrupt {
            tree: "journal",
            key: journal,
            reason: format!("it holds {seen} writes where {count} were committed"),
        });
    }
    store.db.flush().map_err(backend)?;
    apply::write_raw(store, &[(T::Meta, PENDING_KEY.to_vec(), None)])?;
    store.db.drop_tree(&journal).map_err(backend)?;
    store.db.flush().map_err(backend)?;
    Ok(())
}

/// On open: finishes a committed journal and drops orphans of uncommitted ones.
pub(super) fn recover(store: &SledStore) -> Result<()> {
    let pending = match store.tree(T::Meta).get(PENDING_KEY).map_err(backend)? {
        None => None,
        Some(v) => match (v.get(..8), v.get(8..)) {
            (Some(id), Some(count)) if v.len() == 16 => Some((be64(id), be64(count))),
            _ => {
                return Err(StoreError::Corrupt {
                    tree: T::Meta.name(),
                    key: "journal".into(),
                    reason: format!("it is {} bytes long, not 16", v.len()),
                })
            }
        },
    };
    if store.read_only {
        return match pending {
            None => Ok(()),
            Some(_) => Err(StoreError::Open {
                path: store.path.clone(),
                reason: "a change was interrupted and must be finished; open it once without \
                         read-only"
                    .into(),
            }),
        };
    }
    if let Some((id, count)) = pending {
        replay(store, id, count, Tuning::default())?;
    }
    for tree in store.db.tree_names() {
        if tree.starts_with(PREFIX.as_bytes()) {
            store.db.drop_tree(&tree).map_err(backend)?;
        }
    }
    store.db.flush().map_err(backend)?;
    Ok(())
}

/// The names of leftover journal trees (test hook).
pub(super) fn journals(store: &SledStore) -> Vec<String> {
    let names = store.db.tree_names().into_iter();
    names
        .filter(|n| n.starts_with(PREFIX.as_bytes()))
        .map(|n| String::from_utf8_lossy(&n).into_owned())
        .collect()
}

fn be64(b: &[u8]) -> u64 {
    b.iter().fold(0, |n, &x| (n << 8) | u64::from(x))
}

/// `[tree][1 put / 0 remove][key length u32][key][value]`.
fn encode((t, key, value): &RawWrite) -> Vec<u8> {
    let v = value.as_deref().unwrap_or_default();
    let mut out = Vec::with_capacity(6 + key.len() + v.len());
    out.push(*t as u8);
    out.push(u8::from(value.is_some()));
    out.extend_from_slice(&(key.len() as u32).to_be_bytes());
    out.extend_from_slice(key);
    out.extend_from_slice(v);
    out
}

fn decode(b: &[u8]) -> Option<RawWrite> {
    let (&t, rest) = b.split_first()?;
    let (&put, rest) = rest.split_first()?;
    let len = be64(rest.get(..4)?) as usize;
    let key = rest.get(4..4 + len)?.to_vec();
    let value = rest.get(4 + len..)?.to_vec();
    let t = *T::ALL.get(t as usize)?;
    match put {
        1 => Some((t, key, Some(value))),
        0 if value.is_empty() => Some((t, key, None)),
        _ => None,
    }
}
