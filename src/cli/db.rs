//! Opening the database directory for a command: the lib's `Db` (store and audit
//! log), with messages that show paths under the home directory as `~/...`.
//!
//! A writable open is refused when another jinzai writes the database (the
//! message names who and since when); a read-only one then reads the writer's
//! snapshot and says so on stderr. Every command opens through here, so every
//! read command works with `--read-only` while the TUI is open elsewhere.
//!
//! A writable open takes the day's backup when one is due; a failure there is a
//! warning on stderr, and the command goes on.

use super::args::Global;
use super::paths;
use anyhow::{anyhow, Result};
use jinzai::audit::Actor;
use jinzai::db::{DailyBackup, DbError};
use jinzai::store::StoreError;
use std::path::Path;

pub use jinzai::db::Db;

/// Opens the database chosen by the global options. A missing directory is created,
/// except in read-only mode.
pub fn open(g: &Global) -> Result<Db> {
    let dir = paths::db_dir(g.db.as_deref())?;
    open_dir(&dir, g.read_only)
}

/// Opens the database for a command that only reads: like `open`, but when another
/// jinzai holds it for writing, reads that writer's snapshot instead of refusing
/// (what `--read-only` does), and says so.
pub fn open_for_reading(g: &Global) -> Result<Db> {
    let dir = paths::db_dir(g.db.as_deref())?;
    if g.read_only {
        return open_dir(&dir, true);
    }
    match Db::open(&dir, false, Actor::from_env()) {
        Ok(db) => {
            for line in notices(&db) {
                eprintln!("jinzai: {line}");
            }
            Ok(db)
        }
        Err(DbError::Locked(_)) => open_dir(&dir, true),
        Err(e) => Err(explain(&dir, e)),
    }
}

/// Like `open`, for a command that takes a backup of its own before it writes
/// (import, plan --accept, backup): the day's backup is left to it.
pub fn open_later(g: &Global) -> Result<Db> {
    let dir = paths::db_dir(g.db.as_deref())?;
    open_dir_with(&dir, g.read_only, DailyBackup::Later)
}

/// Opens the database in `dir`, recording changes as made by this process's user.
pub fn open_dir(dir: &Path, read_only: bool) -> Result<Db> {
    open_dir_with(dir, read_only, DailyBackup::OnOpen)
}

/// `open_dir`, saying when the day's backup is taken.
pub fn open_dir_with(dir: &Path, read_only: bool, daily: DailyBackup) -> Result<Db> {
    debug_assert_eq!(paths::STORE_SUBDIR, jinzai::db::STORE_SUBDIR);
    let db =
        Db::open_with(dir, read_only, Actor::from_env(), daily).map_err(|e| explain(dir, e))?;
    for line in notices(&db) {
        eprintln!("jinzai: {line}");
    }
    Ok(db)
}

/// What a person should know about how the database was opened: a snapshot read
/// instead of the store, or a stale lock taken over.
pub fn notices(db: &Db) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(r) = db.reading() {
        out.push(r.describe());
    }
    if let Some(h) = db.took_over() {
        out.push(format!(
            "took over a stale lock: {} had {} open since {} and is no longer running",
            h.who(),
            paths::display(&db.dir),
            h.since()
        ));
    }
    out.extend(backup_warning(db));
    out
}

/// The warning when the day's backup taken on open failed.
pub fn backup_warning(db: &Db) -> Option<String> {
    match db.daily_backup_outcome() {
        Some(Err(why)) => Some(daily_failed(why)),
        _ => None,
    }
}

/// `warning: the daily backup failed: …`.
pub fn daily_failed(why: &str) -> String {
    format!("warning: the daily backup failed ({why}); the database itself is unaffected")
}

/// The error, with the directory shown as a person knows it.
pub fn explain(dir: &Path, e: DbError) -> anyhow::Error {
    let shown = paths::display(dir);
    match e {
        DbError::Missing(_) => {
            anyhow!("no database at {shown} (read-only mode does not create one)")
        }
        DbError::NotADirectory(_) => anyhow!("{shown} is not a directory"),
        DbError::Create { source, .. } => {
            anyhow!(source).context(format!("cannot create the database directory {shown}"))
        }
        DbError::Insecure { mode, .. } => anyhow!(
            "{shown} can be written by group or others (mode {mode:04o}); jinzai will not \
             use it until only its owner can: chmod 700 {shown}"
        ),
        DbError::Store(StoreError::Open { path, reason }) if reason.contains("damaged") => {
            anyhow!(
                "cannot open the database at {}: {reason}; {}",
                paths::display(&path),
                jinzai::db::check::restore_hint(dir)
            )
        }
        DbError::Store(e @ StoreError::Corrupt { .. }) => {
            anyhow!("{e}; {}", jinzai::db::check::restore_hint(dir))
        }
        DbError::Store(e @ StoreError::Backend(_)) if e.to_string().contains("damaged") => {
            anyhow!("{e}; {}", jinzai::db::check::restore_hint(dir))
        }
        other => other.into(),
    }
}
