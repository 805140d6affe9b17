//! Schema versions: the `meta` tree's version stamp, stamping a new store,
//! refusing a newer one, and running ordered migrations on an older one. Each
//! migration is written all-or-nothing on its own (one transaction, or the
//! journal when it is big) together with its version bump. Interrupted big
//! writes are finished or undone here, before migrations run.

use super::apply::{self, RawWrite};
use super::keys::{self, T};
use super::sled_store::{backend, damaged, SledStore};
use super::{Result, StoreError};

/// One schema step: turns a store at version `from` into version `from + 1`.
///
/// `run` reads the store as it is and queues writes on the `Migrator`; the writes
/// and the version bump are then committed together. A migration that changes
/// assignments or enrollments keeps the index trees in step itself.
#[derive(Clone, Copy)]
pub struct Migration {
    pub from: u32,
    pub run: fn(&mut Migrator<'_>) -> Result<()>,
}

/// The migrations of this build, oldest first. Version 1 is the first schema.
pub(super) const MIGRATIONS: &[Migration] = &[Migration {
    from: 1,
    run: super::codec::to_binary,
}];

/// What a migration sees: raw reads of the trees, and a queue of writes.
pub struct Migrator<'a> {
    store: &'a SledStore,
    writes: Vec<RawWrite>,
}

impl Migrator<'_> {
    fn tree(&self, name: &str) -> Result<T> {
        T::by_name(name).ok_or_else(|| StoreError::Backend(format!("no tree named {name}")))
    }

    /// Every (key, value) of a tree, in key order, as stored before this step.
    pub fn entries(&self, tree: &str) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let t = self.tree(tree)?;
        self.store
            .tree(t)
            .iter()
            .map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).map_err(backend))
            .collect()
    }

    pub fn put(&mut self, tree: &str, key: &[u8], value: &[u8]) -> Result<()> {
        let t = self.tree(tree)?;
        self.writes.push((t, key.to_vec(), Some(value.to_vec())));
        Ok(())
    }

    pub fn remove(&mut self, tree: &str, key: &[u8]) -> Result<()> {
        let t = self.tree(tree)?;
        self.writes.push((t, key.to_vec(), None));
        Ok(())
    }
}

/// What the reason of a read-only open of an older store says.
pub(super) const UPGRADE_NEEDED: &str = "must be upgraded";

/// The version stamped in `meta`, if any.
pub(super) fn read_version(store: &SledStore) -> Result<Option<u32>> {
    let Some(v) = store
        .tree(T::Meta)
        .get(keys::VERSION_KEY)
        .map_err(backend)?
    else {
        return Ok(None);
    };
    match <[u8; 4]>::try_from(v.as_ref()) {
        Ok(b) => Ok(Some(u32::from_be_bytes(b))),
        Err(_) => Err(StoreError::Corrupt {
            tree: T::Meta.name(),
            key: "version".into(),
            reason: format!("it is {} bytes long, not 4", v.len()),
        }),
    }
}

fn version_write(v: u32) -> RawWrite {
    (
        T::Meta,
        keys::VERSION_KEY.to_vec(),
        Some(v.to_be_bytes().to_vec()),
    )
}

/// Stamps a version as is (test hook: fakes an older or newer store).
pub(super) fn write_version(store: &SledStore, v: u32) -> Result<()> {
    apply::write_raw(store, &[version_write(v)])
}

/// Brings the store to `target`, or says why it cannot be.
pub(super) fn check_schema(store: &SledStore, target: u32, migrations: &[Migration]) -> Result<()> {
    let Some(mut v) = read_version(store)? else {
        if !store.records_empty() {
            return Err(StoreError::Corrupt {
                tree: T::Meta.name(),
                key: "version".into(),
                reason: "there is no schema version although records are stored".into(),
            });
        }
        if store.found_data {
            return Err(StoreError::Open {
                path: store.path.clone(),
                reason: damaged("it holds data but no jinzai schema stamp"),
            });
        }
        if store.read_only {
            return Ok(());
        }
        return write_version(store, target);
    };
    if v > target {
        return Err(StoreError::TooNew {
            path: store.path.clone(),
            found: v,
            known: target,
        });
    }
    super::fill::recover(store)?;
    super::journal::recover(store)?;
    if v < target && store.read_only {
        return Err(StoreError::Open {
            path: store.path.clone(),
            reason: format!("it has schema {v} and {UPGRADE_NEEDED} to {target}; open it once without read-only"),
        });
    }
    while v < target {
        let Some(m) = migrations.iter().find(|m| m.from == v) else {
            return Err(StoreError::Open {
                path: store.path.clone(),
                reason: format!("this build has no migration from schema {v}"),
            });
        };
        let mut step = Migrator {
            store,
            writes: Vec::new(),
        };
        (m.run)(&mut step)?;
        step.writes.push(version_write(v + 1));
        apply::write_raw(store, &step.writes)?;
        v += 1;
    }
    Ok(())
}
