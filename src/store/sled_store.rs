//! The sled implementation of `Store`: opening a database directory (turning every
//! failure, even a panic inside sled, into `StoreError::Open`), and the reads:
//! `load`, point lookups and index scans. Writes live in `apply` (big ones in
//! `fill` and `journal`), the audit outbox in `log`, schema versions in
//! `migrate`, the index audit in `check`; the key layout is described in `keys`.

use super::codec::{self, Binary, Ids};
use super::journal::Tuning;
use super::keys::{self, T};
use super::migrate::{self, Migration};
use super::{OpenOptions, Result, Store, StoreError, SCHEMA_VERSION};
use crate::domain::{
    Assignment, AssignmentKey, ChangeSet, Course, CourseId, Dataset, Enrollment, EnrollmentKey,
    Post, PostId, RecordRef, Session, SessionId, Staff, StaffId, Unit, UnitId,
};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A store kept in a sled database directory.
///
/// `apply` is all-or-nothing and flushed: one sled transaction for up to 2,000
/// changes; beyond that, plain writes behind a commit point in `meta` (a fill of an
/// empty store, or a redo journal), since a sled transaction holds about 5 KB of
/// memory per write until it commits.
pub struct SledStore {
    pub(super) path: PathBuf,
    pub(super) read_only: bool,
    /// Whether the sled data file held bytes before this open.
    pub(super) found_data: bool,
    /// The schema this build expects; reported for a read-only store never stamped.
    pub(super) schema: u32,
    pub(super) db: sled::Db,
    /// One tree per `T`, in `T::ALL` order.
    pub(super) trees: Vec<sled::Tree>,
    pub(super) tuning: Mutex<Tuning>,
    /// Held through each `apply`, so that applies in this process do not interleave
    /// (big ones are not a single sled transaction; see `journal`).
    pub(super) write_lock: Mutex<()>,
}

impl std::fmt::Debug for SledStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SledStore")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish_non_exhaustive()
    }
}

impl SledStore {
    /// Opens (creating unless read-only) the sled database in `dir`, stamping a new
    /// store with `SCHEMA_VERSION`, migrating an older one and refusing a newer one.
    pub fn open(dir: &Path, opts: &OpenOptions) -> Result<SledStore> {
        Self::open_with_migrations(dir, opts, SCHEMA_VERSION, migrate::MIGRATIONS)
    }

    /// `open` with another target schema and migration list (for testing migrations).
    #[doc(hidden)]
    pub fn open_with_migrations(
        dir: &Path,
        opts: &OpenOptions,
        target: u32,
        migrations: &[Migration],
    ) -> Result<SledStore> {
        let store = Self::open_raw(dir, opts, target)?;
        migrate::check_schema(&store, target, migrations)?;
        Ok(store)
    }

    /// The sled directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn open_raw(dir: &Path, opts: &OpenOptions, schema: u32) -> Result<SledStore> {
        let fail = |reason: String| StoreError::Open {
            path: dir.to_path_buf(),
            reason,
        };
        if opts.read_only && !dir.exists() {
            return Err(fail(
                "there is no database here (read-only mode does not create one)".into(),
            ));
        }
        if dir.exists() && !dir.is_dir() {
            return Err(fail("it is not a directory".into()));
        }
        // A process killed while sled wrote a snapshot leaves `snap.N.generating`
        // (complete snapshots are renamed to `snap.N`). sled 0.34 then takes that
        // half-written file for the newest snapshot and refuses the whole store as
        // corrupt (sled issue #1533), though nothing else reads it: a writable open
        // removes it; a read-only one asks for one.
        let leftovers = half_written_snapshots(dir);
        if !leftovers.is_empty() {
            if opts.read_only {
                return Err(fail(
                    "a change was interrupted and must be finished; open it once without \
                     read-only"
                        .into(),
                ));
            }
            for p in leftovers {
                match std::fs::remove_file(&p) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(fail(format!("cannot remove {}: {e}", p.display())))
                    }
                    _ => {}
                }
            }
        }
        // sled reads a damaged log as ending early, so garbage or a wrecked store
        // can open as an empty database: remember whether there was data to read.
        let found_data = std::fs::metadata(dir.join("db")).is_ok_and(|m| m.len() > 0);
        // sled releases its file lock a moment after the last handle drops (sled
        // issues #1234, #1289), so a reopen in the same process may find it still
        // held: retry briefly before saying the store is in use.
        let deadline = Instant::now() + LOCK_WAIT;
        let opened = loop {
            let opened = open_sled(dir, opts.cache_bytes);
            match &opened {
                Ok(Err(e)) if is_locked(e) && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                _ => break opened,
            }
        };
        let (db, trees) = match opened {
            Ok(Ok(x)) => x,
            Ok(Err(e)) => return Err(fail(open_reason(&e))),
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("no detail");
                return Err(fail(damaged(&format!("sled gave up: {msg}"))));
            }
        };
        Ok(SledStore {
            path: dir.to_path_buf(),
            read_only: opts.read_only,
            found_data,
            schema,
            db,
            trees,
            tuning: Mutex::default(),
            write_lock: Mutex::new(()),
        })
    }

    pub(super) fn tuning(&self) -> Tuning {
        *self.tuning.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn tree(&self, t: T) -> &sled::Tree {
        &self.trees[t as usize]
    }

    /// Every record of one kind, in key order.
    fn read_all<R: Stored>(&self) -> Result<BTreeMap<R::Key, R>> {
        // Not `Vec::with_capacity(tree.len())`: sled counts a tree by reading all of it.
        let mut out = Vec::new();
        let mut ids = Ids::default();
        for item in self.tree(R::TREE).iter() {
            let (k, v) = item.map_err(backend)?;
            let r: R = decode(R::TREE, &k, &v, &mut ids)?;
            out.push((r.key(), r));
        }
        Ok(out.into_iter().collect())
    }

    /// The record at `key` of its tree, checked to belong there.
    fn get<R: Stored>(&self, key: &[u8]) -> Result<Option<R>> {
        match self.tree(R::TREE).get(key).map_err(backend)? {
            None => Ok(None),
            Some(v) => decode(R::TREE, key, &v, &mut Ids::default()).map(Some),
        }
    }

    /// Records an index names under `prefix`, in index order.
    fn via_index<R: Stored>(&self, index: T, prefix: &[u8]) -> Result<Vec<R>> {
        let mut out = Vec::new();
        for item in self.tree(index).scan_prefix(prefix) {
            let (k, primary) = item.map_err(backend)?;
            match self.get::<R>(&primary)? {
                Some(r) => out.push(r),
                None => {
                    return Err(StoreError::Corrupt {
                        tree: index.name(),
                        key: keys::show(index, &k),
                        reason: format!(
                            "the index names {}, which is not stored",
                            keys::show(R::TREE, &primary)
                        ),
                    })
                }
            }
        }
        Ok(out)
    }

    pub(super) fn records_empty(&self) -> bool {
        T::RECORDS.iter().all(|&t| self.tree(t).is_empty())
    }
}

/// Snapshot files sled was writing when its process died.
fn half_written_snapshots(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("snap.") && n.ends_with(".generating"))
        })
        .collect()
}

/// The reason given for files sled cannot make sense of.
pub(super) fn damaged(detail: &str) -> String {
    format!("its files are damaged or not a jinzai database ({detail})")
}

/// How long `open` waits for a lock left by a store just dropped in this process.
const LOCK_WAIT: Duration = Duration::from_millis(1000);

type Opened = (sled::Db, Vec<sled::Tree>);

/// Opens the database and its trees; `Err` outside is a panic inside sled, which
/// happens on some damaged files instead of an error.
fn open_sled(dir: &Path, cache_bytes: u64) -> std::thread::Result<sled::Result<Opened>> {
    catch_unwind(AssertUnwindSafe(|| {
        let db = sled::Config::new()
            .path(dir)
            .cache_capacity(cache_bytes)
            .open()?;
        let trees = T::ALL
            .iter()
            .map(|t| db.open_tree(t.name()))
            .collect::<sled::Result<Vec<_>>>()?;
        Ok((db, trees))
    }))
}

fn is_locked(e: &sled::Error) -> bool {
    matches!(e, sled::Error::Io(io) if io.to_string().contains("could not acquire lock"))
}

/// Why sled could not open a directory, for a person.
fn open_reason(e: &sled::Error) -> String {
    match e {
        e if is_locked(e) => {
            "it is in use by another process (is another jinzai running on it?)".into()
        }
        sled::Error::Io(io) => format!("file error: {io}"),
        sled::Error::Corruption { .. } => damaged("sled found corrupt data"),
        other => damaged(&other.to_string()),
    }
}

pub(super) fn backend(e: sled::Error) -> StoreError {
    match e {
        // Damaged files found while reading, past the open.
        sled::Error::Corruption { .. } => StoreError::Backend(damaged(&e.to_string())),
        e => StoreError::Backend(e.to_string()),
    }
}

/// Decodes a stored value (see `codec`): the binary form, whose key supplies what the
/// value leaves out, or schema 1's JSON, checked to be the record its key names.
pub(super) fn decode<R: Stored>(t: T, key: &[u8], v: &[u8], ids: &mut Ids) -> Result<R> {
    let corrupt = |reason: String| StoreError::Corrupt {
        tree: t.name(),
        key: keys::show(t, key),
        reason,
    };
    if codec::is_binary(v) {
        return R::from_binary(key, v, ids).map_err(corrupt);
    }
    let r: R = serde_json::from_slice(v).map_err(|e| corrupt(e.to_string()))?;
    let at = keys::locate(&r.record_ref()).1;
    if at != key {
        return Err(corrupt(format!("it holds {}", r.record_ref())));
    }
    Ok(r)
}

/// Where a load reads each kind of record from: the sled trees, or the records image.
pub(super) trait RecordSource: Sync {
    /// Every record of one kind, in key order.
    fn records<R: Stored>(&self) -> Result<BTreeMap<R::Key, R>>;
}

impl RecordSource for SledStore {
    fn records<R: Stored>(&self) -> Result<BTreeMap<R::Key, R>> {
        self.read_all()
    }
}

/// The whole dataset. Decoding dominates a large load: the three big kinds decode on
/// threads of their own while this one reads the small ones.
pub(super) fn load_in_parallel(src: &impl RecordSource) -> Result<Dataset> {
    std::thread::scope(|scope| {
        let staff = scope.spawn(|| src.records());
        let assignments = scope.spawn(|| src.records());
        let enrollments = scope.spawn(|| src.records());
        let units = src.records()?;
        let posts = src.records()?;
        let courses = src.records()?;
        let sessions = src.records()?;
        Ok(Dataset {
            units,
            posts,
            staff: joined(staff.join())?,
            courses,
            sessions,
            assignments: joined(assignments.join())?,
            enrollments: joined(enrollments.join())?,
        })
    })
}

/// The result of a loading thread; a panic there becomes an error here.
fn joined<X>(r: std::thread::Result<Result<X>>) -> Result<X> {
    r.unwrap_or_else(|_| Err(StoreError::Backend("a loading thread panicked".into())))
}

/// A record kind as stored: its tree and its key.
pub(super) trait Stored: DeserializeOwned + Binary {
    const TREE: T;
    type Key: Ord;
    fn key(&self) -> Self::Key;
    fn record_ref(&self) -> RecordRef;
}

macro_rules! stored_by_id {
    ($r:ty, $t:expr, $k:ty, $v:ident) => {
        impl Stored for $r {
            const TREE: T = $t;
            type Key = $k;
            fn key(&self) -> $k {
                self.id.clone()
            }
            fn record_ref(&self) -> RecordRef {
                RecordRef::$v(self.id.clone())
            }
        }
    };
}
stored_by_id!(Unit, T::Units, UnitId, Unit);
stored_by_id!(Post, T::Posts, PostId, Post);
stored_by_id!(Staff, T::Staff, StaffId, Staff);
stored_by_id!(Course, T::Courses, CourseId, Course);
stored_by_id!(Session, T::Sessions, SessionId, Session);

impl Stored for Assignment {
    const TREE: T = T::Assignments;
    type Key = AssignmentKey;
    fn key(&self) -> AssignmentKey {
        Assignment::key(self)
    }
    fn record_ref(&self) -> RecordRef {
        RecordRef::Assignment(Assignment::key(self))
    }
}

impl Stored for Enrollment {
    const TREE: T = T::Enrollments;
    type Key = EnrollmentKey;
    fn key(&self) -> EnrollmentKey {
        Enrollment::key(self)
    }
    fn record_ref(&self) -> RecordRef {
        RecordRef::Enrollment(Enrollment::key(self))
    }
}

impl Store for SledStore {
    fn load(&self) -> Result<Dataset> {
        load_in_parallel(self)
    }

    fn apply(&self, changes: &ChangeSet) -> Result<()> {
        super::apply::apply(self, changes)
    }

    fn apply_logged(&self, changes: &ChangeSet, entry: &dyn Fn(u64) -> Vec<u8>) -> Result<u64> {
        super::apply::apply_logged(self, changes, entry)
    }

    fn log_entries(&self, after: u64) -> Result<Vec<(u64, Vec<u8>)>> {
        super::log::entries(self, after)
    }

    fn log_last(&self) -> Result<u64> {
        super::log::last(self)
    }

    fn log_skip_to(&self, seq: u64) -> Result<()> {
        super::log::skip_to(self, seq)
    }

    fn is_empty(&self) -> Result<bool> {
        Ok(self.records_empty())
    }

    fn schema_version(&self) -> Result<u32> {
        Ok(migrate::read_version(self)?.unwrap_or(self.schema))
    }

    fn staff(&self, id: &StaffId) -> Result<Option<Staff>> {
        self.get(id.as_str().as_bytes())
    }

    fn post(&self, id: &PostId) -> Result<Option<Post>> {
        self.get(id.as_str().as_bytes())
    }

    fn course(&self, id: &CourseId) -> Result<Option<Course>> {
        self.get(id.as_str().as_bytes())
    }

    fn holders_of(&self, post: &PostId) -> Result<Vec<Assignment>> {
        self.via_index(T::Holders, &keys::prefix(post.as_str()))
    }

    fn assignments_of(&self, staff: &StaffId) -> Result<Vec<Assignment>> {
        let mut out = Vec::new();
        let mut ids = Ids::default();
        for item in self
            .tree(T::Assignments)
            .scan_prefix(keys::prefix(staff.as_str()))
        {
            let (k, v) = item.map_err(backend)?;
            out.push(decode(T::Assignments, &k, &v, &mut ids)?);
        }
        Ok(out)
    }

    fn enrollments_in(&self, course: &CourseId) -> Result<Vec<Enrollment>> {
        self.via_index(T::CourseEnrollments, &keys::prefix(course.as_str()))
    }
}
