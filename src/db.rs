//! A database directory opened for use: the store in its `store/` subdirectory and
//! the audit file `audit.jsonl` beside it, kept in step.
//!
//! Every change goes through [`Db::commit`]: the store writes the change and its
//! audit record in one commit (its outbox), then the record is appended to the
//! file and fsynced. Should the process die in between, the next writable open
//! appends what the file lacks, cutting away a torn last line first; so the file
//! never misses a committed change, and never holds one that was not committed.
//! Each record carries the hash of the one before it, and the store keeps the
//! last one's (the head), so `check` can tell the file was tampered with.
//!
//! One writer at a time: a writable open takes the lock file `DIR/lock` (see
//! [`lock`]) and refuses, naming the holder, when another process has it. While
//! it is held, the writer keeps `DIR/snapshot.json` up to date (see
//! [`snapshot`]) and a read-only open reads that, since sled lets no other
//! process open the store. The directory is created 0700 and its files 0600; a
//! directory that group or others can write is refused.
//!
//! Backups (see [`backup`]) are JSON exports in `DIR/backups/`: the first
//! writable open of a day takes one, and so do imports and accepted plans before
//! they write. A writable open refuses a store that is behind its audit log
//! (see [`repair`]): `check` names the records, `check --repair` re-applies them.

pub mod backup;
pub mod check;
mod files;
pub mod lock;
mod records;
pub mod repair;
pub mod snapshot;
mod store;

use crate::audit::{self, Actor, AuditDraft, AuditError, AuditRecord, Filter, AUDIT_FILE};
use crate::domain::{ChangeSet, Dataset};
use crate::store::{OpenOptions, SledStore, Store, StoreError};
pub use backup::{Backup, Reason as BackupReason};
pub use lock::{Holder, LOCK_FILE};
pub use snapshot::{SnapshotMeta, SNAPSHOT_FILE};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
pub use store::DbStore;

/// The store's subdirectory of the database directory.
pub const STORE_SUBDIR: &str = "store";

/// The records image in the database directory: a copy of every record that
/// `load_records` reads instead of the store while it is current (see
/// `store::image`).
pub const IMAGE_FILE: &str = "records.image";

/// How long a read-only open waits for a current snapshot (or for the writer to
/// finish) before reading an older snapshot, or giving up when there is none.
const SNAPSHOT_WAIT: Duration = Duration::from_secs(5);

/// What can go wrong opening or changing a database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("no database at {} (read-only mode does not create one)", .0.display())]
    Missing(PathBuf),
    #[error("{} is not a directory", .0.display())]
    NotADirectory(PathBuf),
    #[error("cannot create the database directory {}: {source}", path.display())]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Group or others can write the directory.
    #[error(
        "{} can be written by group or others (mode {mode:04o}); jinzai will not use it \
         until only its owner can: chmod 700 {}",
        path.display(),
        path.display()
    )]
    Insecure { path: PathBuf, mode: u32 },
    /// Another process has the database open for writing.
    #[error("{}", locked_message(.0))]
    Locked(Option<Holder>),
    #[error("cannot use the lock file {}: {source}", path.display())]
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Another process writes the database and has left no snapshot to read.
    #[error(
        "{}, and there is no snapshot of it to read yet; try again in a moment",
        opened_by(.0)
    )]
    NoSnapshot(Option<Holder>),
    #[error("cannot read the snapshot {}: {reason}", path.display())]
    Snapshot { path: PathBuf, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Audit(#[from] AuditError),
    /// An entry of the store's audit outbox that is not one line of a record.
    #[error("audit entry {seq} in the store cannot be read: {reason}")]
    BadEntry { seq: u64, reason: String },
    /// The audit file holds records the store does not have: the store lost its
    /// last transactions, an older copy of it was put in place, or lines were
    /// added to the file. Nothing was changed.
    #[error(
        "{}:{line}: the audit log holds {}, which the store does not have (the store lost \
         its last change{}, an older copy of it was put in place, or lines were added to the \
         file); nothing was changed. jinzai check --db {} names {} and whether {} can be \
         re-applied; jinzai check --repair --db {} re-applies {}",
        path.display(),
        repair::records_text(*first, *last),
        if first == last { "" } else { "s" },
        backup::shell_quote(dir),
        if first == last { "it" } else { "them" },
        if first == last { "it" } else { "they" },
        backup::shell_quote(dir),
        if first == last { "it" } else { "them" },
    )]
    AuditAhead {
        dir: PathBuf,
        path: PathBuf,
        line: usize,
        first: u64,
        last: u64,
    },
    /// `check --repair` cannot bring the store up to the audit log.
    #[error(
        "cannot repair {}: nothing was changed; {}",
        dir.display(),
        lines.join("; ")
    )]
    Unrepairable { dir: PathBuf, lines: Vec<String> },
    #[error(transparent)]
    Backup(#[from] backup::BackupError),
    /// The change is committed; the file is caught up at the next writable open.
    #[error(
        "the change was saved, but the audit log was not brought up to date ({0}); \
         the next writable open catches it up"
    )]
    LogBehind(Box<DbError>),
}

/// `database is open by alice (pid 4242) since 10:15`.
fn opened_by(h: &Option<Holder>) -> String {
    match h {
        Some(h) => format!("database is open by {} since {}", h.who(), h.since()),
        None => "database is open by another process".into(),
    }
}

fn locked_message(h: &Option<Holder>) -> String {
    format!("{}; use --read-only to look", opened_by(h))
}

pub type Result<T> = std::result::Result<T, DbError>;

/// A read-only open that reads the writer's snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// What the snapshot says of itself.
    pub meta: SnapshotMeta,
    /// Who writes the database.
    pub holder: Option<Holder>,
    /// How many audited changes the audit file holds beyond the snapshot.
    pub behind: u64,
}

impl Reading {
    /// `reading the snapshot of 10:15 (the database is open by alice)`.
    pub fn describe(&self) -> String {
        let by = match &self.holder {
            Some(h) => format!("the database is open by {}", h.user),
            None => "the database is open by another process".into(),
        };
        let behind = match self.behind {
            0 => String::new(),
            1 => "; 1 later change is not in it yet".into(),
            n => format!("; {n} later changes are not in it yet"),
        };
        format!(
            "reading the snapshot of {} ({by}{behind})",
            lock::local_time(self.meta.taken)
        )
    }
}

/// Whether a writable open takes the day's backup (see [`backup`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DailyBackup {
    /// On open, before it returns, when one is due.
    #[default]
    OnOpen,
    /// Not on open: the caller calls [`Db::daily_backup`] when it has loaded the
    /// records (the TUI, off its screen's thread), or takes a backup of its own.
    Later,
    /// Never (a database being built by `restore`, a repair).
    Off,
}

/// An open database directory.
///
/// Fields drop in order: the snapshot writer (its thread joined) before the
/// store, and the store (sled closed) before the lock file is let go.
pub struct Db {
    pub dir: PathBuf,
    snapshots: Option<snapshot::Writer>,
    pub store: DbStore,
    /// Who the changes made through this handle are recorded as made by.
    pub actor: Actor,
    read_only: bool,
    /// Held while the audit file is read for its end and appended to.
    file_lock: Mutex<()>,
    /// Held through each commit (and a snapshot's load).
    commit_lock: Arc<Mutex<()>>,
    /// Set when this read-only handle reads the writer's snapshot.
    reading: Option<Reading>,
    /// Whose stale lock this handle took over.
    took_over: Option<Holder>,
    /// The lock of a writable handle, until it is let go.
    lock: Mutex<Option<lock::DirLock>>,
    /// What the daily backup on open did, when it was due.
    daily: Option<std::result::Result<Backup, String>>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("dir", &self.dir)
            .field("read_only", &self.read_only)
            .field("reading", &self.reading)
            .finish_non_exhaustive()
    }
}

/// Checks (or for a writable open, creates 0700) the database directory.
fn prepare_dir(dir: &Path, read_only: bool) -> Result<()> {
    if !dir.exists() {
        if read_only {
            return Err(DbError::Missing(dir.to_path_buf()));
        }
        files::create_private_dir(dir).map_err(|source| DbError::Create {
            path: dir.to_path_buf(),
            source,
        })?;
    } else if !dir.is_dir() {
        return Err(DbError::NotADirectory(dir.to_path_buf()));
    }
    match files::writable_by_others(dir) {
        Ok(Some(mode)) => Err(DbError::Insecure {
            path: dir.to_path_buf(),
            mode,
        }),
        Ok(None) => Ok(()),
        Err(source) => Err(DbError::Create {
            path: dir.to_path_buf(),
            source,
        }),
    }
}

fn is_in_use(e: &StoreError) -> bool {
    matches!(e, StoreError::Open { reason, .. } if reason.contains("in use"))
}

impl Db {
    /// Opens the database in `dir`, creating the directory (0700) unless
    /// read-only.
    ///
    /// A writable open takes the lock (refusing with [`DbError::Locked`] when
    /// another process holds it), checks the audit file (a damaged line is an
    /// error naming it), appends the records the store has and the file lacks,
    /// and starts keeping the snapshot. A read-only open of a database another
    /// process writes reads that snapshot (see [`Db::reading`]).
    ///
    /// A writable open also takes the day's backup when one is due (see
    /// [`DailyBackup::OnOpen`] and [`Db::daily_backup_outcome`]; a failure there
    /// does not stop the open), and refuses with [`DbError::AuditAhead`] a store
    /// that lacks records the audit file holds.
    pub fn open(dir: &Path, read_only: bool, actor: Actor) -> Result<Db> {
        Self::open_with(dir, read_only, actor, DailyBackup::OnOpen)
    }

    /// [`Db::open`], saying when the day's backup is taken.
    pub fn open_with(dir: &Path, read_only: bool, actor: Actor, daily: DailyBackup) -> Result<Db> {
        prepare_dir(dir, read_only)?;
        if read_only {
            return Self::open_read_only(dir, actor);
        }
        let lock = lock::acquire(dir, &actor.user).map_err(|e| match e {
            lock::LockError::Held(h) => DbError::Locked(h),
            lock::LockError::Io(path, source) => DbError::Lock { path, source },
        })?;
        let opts = OpenOptions::default();
        let store_dir = dir.join(STORE_SUBDIR);
        let store = Arc::new(SledStore::open(&store_dir, &opts)?);
        files::tighten(dir, 0o700);
        files::tighten_tree(&store_dir);
        files::tighten(&dir.join(AUDIT_FILE), 0o600);
        files::tighten(&dir.join(SNAPSHOT_FILE), 0o600);
        files::tighten(&dir.join(IMAGE_FILE), 0o600);
        let commit_lock = Arc::new(Mutex::new(()));
        let mut db = Db {
            dir: dir.to_path_buf(),
            snapshots: None,
            store: DbStore::Sled(Arc::clone(&store)),
            actor,
            read_only: false,
            file_lock: Mutex::new(()),
            commit_lock: Arc::clone(&commit_lock),
            reading: None,
            took_over: lock.took_over.clone(),
            lock: Mutex::new(None),
            daily: None,
        };
        db.catch_up(true)?;
        let seq = store.log_last()?;
        db.snapshots = Some(snapshot::Writer::start(
            dir,
            store,
            commit_lock,
            lock.holder.clone(),
            seq,
        ));
        db.lock = Mutex::new(Some(lock));
        if daily == DailyBackup::OnOpen {
            db.daily = db.daily_backup(None).map_err(|e| e.to_string()).transpose();
        }
        Ok(db)
    }

    fn with_store(dir: &Path, store: DbStore, actor: Actor, reading: Option<Reading>) -> Db {
        Db {
            dir: dir.to_path_buf(),
            snapshots: None,
            store,
            actor,
            read_only: true,
            file_lock: Mutex::new(()),
            commit_lock: Arc::new(Mutex::new(())),
            reading,
            took_over: None,
            lock: Mutex::new(None),
            daily: None,
        }
    }

    /// The store when no one writes; else the writer's snapshot once it is
    /// current (it includes the audit file's last record), or after a few
    /// seconds whatever snapshot there is.
    fn open_read_only(dir: &Path, actor: Actor) -> Result<Db> {
        let opts = OpenOptions {
            read_only: true,
            ..OpenOptions::default()
        };
        let deadline = Instant::now() + SNAPSHOT_WAIT;
        loop {
            if let Some(holder) = lock::held_by(dir) {
                let late = Instant::now() >= deadline;
                match snapshot::read_meta(dir) {
                    Some(meta) => {
                        let last = audit::tail(&dir.join(AUDIT_FILE)).map_or(0, |t| t.last);
                        let behind = last.saturating_sub(meta.seq);
                        if behind == 0 || late {
                            return Self::open_snapshot(dir, actor, holder, behind);
                        }
                    }
                    None if late => return Err(DbError::NoSnapshot(holder)),
                    None => {}
                }
                std::thread::sleep(Duration::from_millis(100));
                continue;
            }
            match SledStore::open(&dir.join(STORE_SUBDIR), &opts) {
                Ok(store) => {
                    return Ok(Self::with_store(
                        dir,
                        DbStore::Sled(Arc::new(store)),
                        actor,
                        None,
                    ))
                }
                // Locked since we looked: read the snapshot after all.
                Err(e) if is_in_use(&e) && lock::held_by(dir).is_some() => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn open_snapshot(dir: &Path, actor: Actor, holder: Option<Holder>, behind: u64) -> Result<Db> {
        let (meta, ds, schema) = snapshot::read(dir).map_err(|reason| DbError::Snapshot {
            path: dir.join(SNAPSHOT_FILE),
            reason,
        })?;
        let reading = Reading {
            meta: meta.clone(),
            holder,
            behind,
        };
        let store = DbStore::Snapshot(Box::new(snapshot::SnapshotStore { ds, schema, meta }));
        Ok(Self::with_store(dir, store, actor, Some(reading)))
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Set when this read-only handle reads the snapshot of a database another
    /// process has open for writing.
    pub fn reading(&self) -> Option<&Reading> {
        self.reading.as_ref()
    }

    /// Whose stale lock a writable open took over (its process had died).
    pub fn took_over(&self) -> Option<&Holder> {
        self.took_over.as_ref()
    }

    /// The audit file.
    pub fn log_path(&self) -> PathBuf {
        self.dir.join(AUDIT_FILE)
    }

    /// Writes the snapshot now rather than in the background (a writable handle;
    /// nothing for a read-only one).
    pub fn flush_snapshot(&self) -> Result<()> {
        match &self.snapshots {
            Some(w) => w.flush().map_err(|reason| DbError::Snapshot {
                path: self.dir.join(SNAPSHOT_FILE),
                reason,
            }),
            None => Ok(()),
        }
    }

    /// Why the last background snapshot write failed, if it did.
    pub fn snapshot_error(&self) -> Option<String> {
        self.snapshots.as_ref().and_then(|w| w.last_error())
    }

    /// What the daily backup taken on open did: `None` when none was due (or
    /// the open was read-only, or not [`DailyBackup::OnOpen`]), else the backup
    /// or why it failed.
    pub fn daily_backup_outcome(&self) -> Option<&std::result::Result<Backup, String>> {
        self.daily.as_ref()
    }

    /// Takes a backup now (see [`backup`]). `loaded` is the records as of audit
    /// record `seq` when the caller has them, to save loading them again; they
    /// are used only if the store is still at that record. Otherwise the records
    /// are loaded between commits.
    pub fn backup(&self, reason: BackupReason, loaded: Option<(&Dataset, u64)>) -> Result<Backup> {
        let sled = match &self.store {
            DbStore::Sled(s) if !self.read_only => s,
            _ => return Err(StoreError::ReadOnly.into()),
        };
        let fresh;
        let ds = {
            let _between_commits = self.commit_lock.lock().unwrap_or_else(|e| e.into_inner());
            match loaded {
                Some((ds, seq)) if sled.log_last()? == seq => ds,
                _ => {
                    fresh = sled.load()?;
                    &fresh
                }
            }
        };
        Ok(backup::write(
            &self.dir,
            ds,
            crate::store::DOCUMENT_SCHEMA,
            reason,
            jiff::Timestamp::now(),
        )?)
    }

    /// Takes the day's backup if it is due: no backup was taken yet this day
    /// (UTC) and the store holds records. `Ok(None)` when it was not due.
    pub fn daily_backup(&self, loaded: Option<(&Dataset, u64)>) -> Result<Option<Backup>> {
        if self.read_only || !backup::daily_due(&self.dir, audit::now()) {
            return Ok(None);
        }
        if self.store.is_empty()? {
            return Ok(None);
        }
        self.backup(BackupReason::Daily, loaded).map(Some)
    }

    /// Lets the lock go now (removing the lock file), for a process about to exit
    /// while other threads still hold this handle.
    pub fn release_lock(&self) {
        let mut lock = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(l) = lock.as_mut() {
            l.release();
        }
    }

    /// Applies a change set all or nothing with its audit record, then appends
    /// the record to the audit file and fsyncs it. If the store refuses the
    /// change, nothing is written anywhere.
    pub fn commit(&self, cs: &ChangeSet, draft: AuditDraft) -> Result<AuditRecord> {
        let sled = match &self.store {
            DbStore::Sled(s) if !self.read_only => s,
            _ => return Err(StoreError::ReadOnly.into()),
        };
        let turn = self.commit_lock.lock().unwrap_or_else(|e| e.into_inner());
        let prev = self.prev_hash(sled)?;
        let ts = audit::now();
        let actor = &self.actor;
        let entry = |seq| {
            AuditRecord::new(seq, ts, actor, draft.clone())
                .with_prev(prev.clone())
                .to_line()
        };
        let seq = sled.apply_logged(cs, &entry)?;
        drop(turn);
        let record = AuditRecord::new(seq, ts, actor, draft).with_prev(prev);
        if let Some(w) = &self.snapshots {
            w.changed();
        }
        self.catch_up(false)
            .map_err(|e| DbError::LogBehind(Box::new(e)))?;
        Ok(record)
    }

    /// The `prev` of the next record: the hash of the last one, from the store's
    /// head, else the file's last line when it is that record; `None` when
    /// neither knows it (the record then goes unchained, and `check` says so).
    fn prev_hash(&self, sled: &SledStore) -> Result<Option<String>> {
        let last = sled.log_last()?;
        if last == 0 {
            return Ok(Some(audit::GENESIS.into()));
        }
        if let Some((seq, hash)) = sled.log_head()? {
            if seq == last {
                return Ok(Some(audit::hex(&hash)));
            }
        }
        let tail = audit::tail(&self.log_path())?;
        Ok(tail
            .hash
            .filter(|_| tail.last == last)
            .map(|h| audit::hex(&h)))
    }

    /// The audit records that pass `filter`, oldest first: the file's, then any
    /// the store holds beyond them (after a crash, until a writable open).
    pub fn log(&self, filter: &Filter) -> Result<Vec<AuditRecord>> {
        let mut records = audit::read_log(&self.log_path())?;
        let last = records.last().map_or(0, |r| r.seq);
        for (seq, bytes) in self.store.log_entries(last)? {
            let r =
                audit::parse_line(&bytes).map_err(|reason| DbError::BadEntry { seq, reason })?;
            records.push(r);
        }
        records.retain(|r| filter.matches(r));
        Ok(records)
    }

    /// Appends to the file every store entry numbered above its last line,
    /// cutting a torn last line away first. `full` checks every line of the file
    /// (on open) rather than only the last. When the file has gone further than
    /// the store (the store lost its last transactions, or was replaced), nothing
    /// is written and the error says so: `check` names the records and
    /// `check --repair` re-applies them (see [`repair`]).
    fn catch_up(&self, full: bool) -> Result<()> {
        let _only_writer = self.file_lock.lock().unwrap_or_else(|e| e.into_inner());
        let path = self.log_path();
        let tail = if full {
            audit::scan(&path)?
        } else {
            audit::tail(&path)?
        };
        let store_last = self.store.log_last()?;
        if tail.last > store_last {
            return Err(DbError::AuditAhead {
                dir: self.dir.clone(),
                line: repair::first_line_after(&path, store_last).unwrap_or(0),
                path,
                first: store_last + 1,
                last: tail.last,
            });
        }
        let mut lines = Vec::new();
        for (seq, bytes) in self.store.log_entries(tail.last)? {
            check_entry(seq, &bytes)?;
            lines.push(bytes);
        }
        audit::append(&path, &tail, &lines)?;
        Ok(())
    }
}

/// An outbox entry must be one line of JSON holding its own number.
fn check_entry(seq: u64, bytes: &[u8]) -> Result<()> {
    let bad = |reason: String| DbError::BadEntry { seq, reason };
    if bytes.contains(&b'\n') {
        return Err(bad("it holds a line break".into()));
    }
    #[derive(serde::Deserialize)]
    struct SeqOnly {
        seq: u64,
    }
    let found = serde_json::from_slice::<SeqOnly>(bytes)
        .map_err(|e| bad(e.to_string()))?
        .seq;
    if found != seq {
        return Err(bad(format!("it is numbered {found}")));
    }
    Ok(())
}
