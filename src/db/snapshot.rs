//! The snapshot readers use while another process writes.
//!
//! sled locks its directory, so while one jinzai has a database open for
//! writing, no other process can open the store, not even to read. The writer
//! therefore keeps `DIR/snapshot.json`: the JSON export of every record (the
//! document `jinzai export --format json` writes, so `jinzai import` takes it
//! too), led by a `snapshot` object saying when it was taken and the last audit
//! record it includes. A read-only open that finds the database locked reads the
//! snapshot instead.
//!
//! The writer refreshes it off the caller's path, on a thread of its own: first
//! about a second after opening (unless the snapshot on disk is already current,
//! so a short command writes none), then after changes, at most once a second.
//! Each write loads the records between commits and replaces the file atomically
//! (a temporary file, 0600, then a rename), so a reader sees a whole snapshot,
//! one or a few changes behind at worst; the reader compares its audit number
//! with the audit file's to tell.

use super::lock::Holder;
use crate::domain::{
    Assignment, ChangeSet, Course, CourseId, Dataset, Document, Enrollment, Post, PostId, Session,
    Staff, StaffId, Unit,
};
use crate::store::{Result as StoreResult, SledStore, Store, StoreError};
use jiff::Timestamp;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The snapshot's name in the database directory.
pub const SNAPSHOT_FILE: &str = "snapshot.json";

/// How long after opening the writer waits before its first snapshot: a
/// command done by then writes none.
const GRACE: Duration = Duration::from_secs(1);
/// The least time between the starts of two snapshot writes.
const MIN_INTERVAL: Duration = Duration::from_secs(1);
/// The wait before trying again after a failed write.
const RETRY: Duration = Duration::from_secs(10);

/// What a snapshot says of itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotMeta {
    /// When its records were read, UTC.
    pub taken: Timestamp,
    /// The last audit record it includes (0 when none).
    pub seq: u64,
    /// The writer that took it.
    pub user: String,
    pub pid: u32,
}

/// A map's values as a JSON array, without copying them.
struct Values<'a, K, V>(&'a BTreeMap<K, V>);

impl<K, V: Serialize> Serialize for Values<'_, K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.values())
    }
}

#[derive(Serialize)]
struct Out<'a> {
    snapshot: &'a SnapshotMeta,
    format: &'a str,
    schema: u32,
    units: Values<'a, crate::domain::UnitId, Unit>,
    posts: Values<'a, PostId, Post>,
    staff: Values<'a, StaffId, Staff>,
    courses: Values<'a, CourseId, Course>,
    sessions: Values<'a, crate::domain::SessionId, Session>,
    assignments: Values<'a, crate::domain::AssignmentKey, Assignment>,
    enrollments: Values<'a, crate::domain::EnrollmentKey, Enrollment>,
}

#[derive(Deserialize)]
struct In {
    snapshot: SnapshotMeta,
    format: String,
    schema: u32,
    units: Vec<Unit>,
    posts: Vec<Post>,
    staff: Vec<Staff>,
    courses: Vec<Course>,
    sessions: Vec<Session>,
    assignments: Vec<Assignment>,
    enrollments: Vec<Enrollment>,
}

/// Writes the snapshot of `ds` into `dir`, atomically, mode 0600.
pub fn write(dir: &Path, ds: &Dataset, schema: u32, meta: &SnapshotMeta) -> std::io::Result<()> {
    let path = dir.join(SNAPSHOT_FILE);
    let tmp = dir.join(format!(".{SNAPSHOT_FILE}.tmp-{}", std::process::id()));
    let result = (|| {
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)?;
        let mut w = BufWriter::new(file);
        let out = Out {
            snapshot: meta,
            format: crate::domain::dataset::DOCUMENT_FORMAT,
            schema,
            units: Values(&ds.units),
            posts: Values(&ds.posts),
            staff: Values(&ds.staff),
            courses: Values(&ds.courses),
            sessions: Values(&ds.sessions),
            assignments: Values(&ds.assignments),
            enrollments: Values(&ds.enrollments),
        };
        serde_json::to_writer(&mut w, &out)?;
        w.write_all(b"\n")?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The `snapshot` object at the head of `DIR/snapshot.json`, read without the
/// records; `None` when there is no readable snapshot.
pub fn read_meta(dir: &Path) -> Option<SnapshotMeta> {
    let mut buf = vec![0u8; 4096];
    let mut f = File::open(dir.join(SNAPSHOT_FILE)).ok()?;
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(_) => return None,
        }
    }
    let rest = buf[..n].strip_prefix(b"{\"snapshot\":")?;
    let mut de = serde_json::Deserializer::from_slice(rest);
    SnapshotMeta::deserialize(&mut de).ok()
}

/// The whole snapshot: what it says of itself, its records and their schema.
pub fn read(dir: &Path) -> Result<(SnapshotMeta, Dataset, u32), String> {
    let bytes = fs::read(dir.join(SNAPSHOT_FILE)).map_err(|e| e.to_string())?;
    let i: In = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    let doc = Document {
        format: i.format,
        schema: i.schema,
        units: i.units,
        posts: i.posts,
        staff: i.staff,
        courses: i.courses,
        sessions: i.sessions,
        assignments: i.assignments,
        enrollments: i.enrollments,
    };
    let ds = Dataset::from_document(doc).map_err(|dups| dups.join("; "))?;
    Ok((i.snapshot, ds, i.schema))
}

/// The records of a snapshot, read-only, behind the `Store` trait.
#[derive(Debug)]
pub struct SnapshotStore {
    pub ds: Dataset,
    pub schema: u32,
    pub meta: SnapshotMeta,
}

impl Store for SnapshotStore {
    fn load(&self) -> StoreResult<Dataset> {
        Ok(self.ds.clone())
    }
    fn apply(&self, _: &ChangeSet) -> StoreResult<()> {
        Err(StoreError::ReadOnly)
    }
    fn apply_logged(&self, _: &ChangeSet, _: &dyn Fn(u64) -> Vec<u8>) -> StoreResult<u64> {
        Err(StoreError::ReadOnly)
    }
    fn log_entries(&self, _: u64) -> StoreResult<Vec<(u64, Vec<u8>)>> {
        Ok(Vec::new())
    }
    fn log_last(&self) -> StoreResult<u64> {
        Ok(self.meta.seq)
    }
    fn log_skip_to(&self, _: u64) -> StoreResult<()> {
        Err(StoreError::ReadOnly)
    }
    fn is_empty(&self) -> StoreResult<bool> {
        Ok(self.ds.is_empty())
    }
    fn schema_version(&self) -> StoreResult<u32> {
        Ok(self.schema)
    }
    fn staff(&self, id: &StaffId) -> StoreResult<Option<Staff>> {
        Ok(self.ds.staff.get(id).cloned())
    }
    fn post(&self, id: &PostId) -> StoreResult<Option<Post>> {
        Ok(self.ds.posts.get(id).cloned())
    }
    fn course(&self, id: &CourseId) -> StoreResult<Option<Course>> {
        Ok(self.ds.courses.get(id).cloned())
    }
    fn holders_of(&self, post: &PostId) -> StoreResult<Vec<Assignment>> {
        // The store's index order: start, then staff.
        let mut out: Vec<Assignment> = (self.ds.assignments.values())
            .filter(|a| &a.post == post)
            .cloned()
            .collect();
        out.sort_by(|a, b| (a.start, &a.staff).cmp(&(b.start, &b.staff)));
        Ok(out)
    }
    fn assignments_of(&self, staff: &StaffId) -> StoreResult<Vec<Assignment>> {
        Ok((self.ds.assignments.values())
            .filter(|a| &a.staff == staff)
            .cloned()
            .collect())
    }
    fn enrollments_in(&self, course: &CourseId) -> StoreResult<Vec<crate::domain::Enrollment>> {
        Ok((self.ds.enrollments.values())
            .filter(|e| &e.course == course)
            .cloned()
            .collect())
    }
}

/// The writer's side: a thread that refreshes the snapshot after changes.
pub struct Writer {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    dir: PathBuf,
    store: Arc<SledStore>,
    /// Held by commits; a snapshot's load holds it too, so it never sees half a
    /// change (big changes are not one sled transaction).
    commit_lock: Arc<Mutex<()>>,
    /// One snapshot write at a time.
    write_lock: Mutex<()>,
    holder: Holder,
    state: Mutex<State>,
    wake: Condvar,
}

struct State {
    dirty: bool,
    stop: bool,
    not_before: Instant,
    last_error: Option<String>,
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    fn stopping(&self) -> bool {
        locked(&self.state).stop
    }

    /// Loads the records between commits and writes them.
    fn write_now(&self) -> Result<(), String> {
        let _one = locked(&self.write_lock);
        let (seq, ds, schema, key) = {
            let _between_commits = locked(&self.commit_lock);
            let seq = self.store.log_last().map_err(|e| e.to_string())?;
            let key = self.store.image_key().map_err(|e| e.to_string())?;
            let ds = self.store.load().map_err(|e| e.to_string())?;
            (seq, ds, crate::store::DOCUMENT_SCHEMA, key)
        };
        if self.stopping() {
            return Ok(());
        }
        let meta = SnapshotMeta {
            taken: crate::audit::now(),
            seq,
            user: self.holder.user.clone(),
            pid: self.holder.pid,
        };
        write(&self.dir, &ds, schema, &meta).map_err(|e| e.to_string())?;
        // The records image is a copy for fast loads: without it the next load
        // reads the store, so a failure here is no failure of the snapshot.
        let _ = crate::store::image::write(&self.dir.join(super::IMAGE_FILE), &ds, &key);
        Ok(())
    }

    fn run(&self) {
        loop {
            let mut st = locked(&self.state);
            loop {
                if st.stop {
                    return;
                }
                let now = Instant::now();
                if st.dirty && now >= st.not_before {
                    break;
                }
                let wait = if st.dirty {
                    st.not_before - now
                } else {
                    Duration::from_secs(3600)
                };
                st = self
                    .wake
                    .wait_timeout(st, wait)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
            st.dirty = false;
            st.not_before = Instant::now() + MIN_INTERVAL;
            drop(st);
            let result = self.write_now();
            let mut st = locked(&self.state);
            match result {
                Ok(()) => st.last_error = None,
                Err(e) => {
                    st.last_error = Some(e);
                    st.dirty = true;
                    st.not_before = Instant::now() + RETRY;
                }
            }
        }
    }
}

impl Writer {
    /// Starts the writer of `dir`'s snapshot; `seq` is the store's last audit
    /// number now (a snapshot already at it is not rewritten).
    pub fn start(
        dir: &Path,
        store: Arc<SledStore>,
        commit_lock: Arc<Mutex<()>>,
        holder: Holder,
        seq: u64,
    ) -> Writer {
        remove_leftovers(dir);
        let dirty = read_meta(dir).map(|m| m.seq) != Some(seq);
        let shared = Arc::new(Shared {
            dir: dir.to_path_buf(),
            store,
            commit_lock,
            write_lock: Mutex::new(()),
            holder,
            state: Mutex::new(State {
                dirty,
                stop: false,
                not_before: Instant::now() + GRACE,
                last_error: None,
            }),
            wake: Condvar::new(),
        });
        let for_thread = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("jinzai-snapshot".into())
            .spawn(move || for_thread.run())
            .ok();
        Writer { shared, thread }
    }

    /// A change was committed: refresh the snapshot soon.
    pub fn changed(&self) {
        locked(&self.shared.state).dirty = true;
        self.shared.wake.notify_all();
    }

    /// Writes the snapshot now, on this thread.
    pub fn flush(&self) -> Result<(), String> {
        locked(&self.shared.state).dirty = false;
        self.shared.write_now()
    }

    /// Why the last background write failed, if it did.
    pub fn last_error(&self) -> Option<String> {
        locked(&self.shared.state).last_error.clone()
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        locked(&self.shared.state).stop = true;
        self.shared.wake.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Removes temporary files a writer that died mid-write left (only the lock
/// holder writes snapshots and records images, so none is in use).
fn remove_leftovers(dir: &Path) {
    let prefixes = [
        format!(".{SNAPSHOT_FILE}.tmp-"),
        format!(".{}.tmp-", super::IMAGE_FILE),
    ];
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if prefixes.iter().any(|p| name.starts_with(p.as_str())) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}
