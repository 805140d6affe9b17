//! A database directory opened for use: the store in its `store/` subdirectory and
//! the audit file `audit.jsonl` beside it, kept in step.
//!
//! Every change goes through [`Db::commit`]: the store writes the change and its
//! audit record in one commit (its outbox), then the record is appended to the
//! file and fsynced. Should the process die in between, the next writable open
//! appends what the file lacks, cutting away a torn last line first; so the file
//! never misses a committed change, and never holds one that was not committed.

use crate::audit::{self, Actor, AuditDraft, AuditError, AuditRecord, Filter, AUDIT_FILE};
use crate::domain::ChangeSet;
use crate::store::{OpenOptions, SledStore, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The store's subdirectory of the database directory.
pub const STORE_SUBDIR: &str = "store";

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
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Audit(#[from] AuditError),
    /// An entry of the store's audit outbox that is not one line of a record.
    #[error("audit entry {seq} in the store cannot be read: {reason}")]
    BadEntry { seq: u64, reason: String },
    /// The change is committed; the file is caught up at the next writable open.
    #[error(
        "the change was saved, but the audit log was not brought up to date ({0}); \
         the next writable open catches it up"
    )]
    LogBehind(Box<DbError>),
}

pub type Result<T> = std::result::Result<T, DbError>;

/// An open database directory.
pub struct Db {
    pub dir: PathBuf,
    pub store: SledStore,
    /// Who the changes made through this handle are recorded as made by.
    pub actor: Actor,
    read_only: bool,
    /// Held while the audit file is read for its end and appended to.
    file_lock: Mutex<()>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("dir", &self.dir)
            .field("read_only", &self.read_only)
            .finish_non_exhaustive()
    }
}

impl Db {
    /// Opens the database in `dir`, creating the directory unless read-only. A
    /// writable open checks the audit file (a damaged line is an error naming
    /// it) and appends the records the store has and the file lacks.
    pub fn open(dir: &Path, read_only: bool, actor: Actor) -> Result<Db> {
        if !dir.exists() {
            if read_only {
                return Err(DbError::Missing(dir.to_path_buf()));
            }
            std::fs::create_dir_all(dir).map_err(|source| DbError::Create {
                path: dir.to_path_buf(),
                source,
            })?;
        } else if !dir.is_dir() {
            return Err(DbError::NotADirectory(dir.to_path_buf()));
        }
        let opts = OpenOptions {
            read_only,
            ..OpenOptions::default()
        };
        let store = SledStore::open(&dir.join(STORE_SUBDIR), &opts)?;
        let db = Db {
            dir: dir.to_path_buf(),
            store,
            actor,
            read_only,
            file_lock: Mutex::new(()),
        };
        if !read_only {
            db.catch_up(true)?;
        }
        Ok(db)
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The audit file.
    pub fn log_path(&self) -> PathBuf {
        self.dir.join(AUDIT_FILE)
    }

    /// Applies a change set all or nothing with its audit record, then appends
    /// the record to the audit file and fsyncs it. If the store refuses the
    /// change, nothing is written anywhere.
    pub fn commit(&self, cs: &ChangeSet, draft: AuditDraft) -> Result<AuditRecord> {
        let ts = audit::now();
        let actor = &self.actor;
        let entry = |seq| AuditRecord::new(seq, ts, actor, draft.clone()).to_line();
        let seq = self.store.apply_logged(cs, &entry)?;
        let record = AuditRecord::new(seq, ts, actor, draft);
        self.catch_up(false)
            .map_err(|e| DbError::LogBehind(Box::new(e)))?;
        Ok(record)
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
    /// the store (a store restored or replaced), the store numbers on after it.
    fn catch_up(&self, full: bool) -> Result<()> {
        let _only_writer = self.file_lock.lock().unwrap_or_else(|e| e.into_inner());
        let path = self.log_path();
        let tail = if full {
            audit::scan(&path)?
        } else {
            audit::tail(&path)?
        };
        if tail.last > self.store.log_last()? {
            self.store.log_skip_to(tail.last)?;
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
