//! Opening the database directory for a command: the lib's `Db` (store and audit
//! log), with messages that show paths under the home directory as `~/...`.

use super::args::Global;
use super::paths;
use anyhow::{anyhow, Result};
use jinzai::audit::Actor;
use jinzai::db::DbError;
use std::path::Path;

pub use jinzai::db::Db;

/// Opens the database chosen by the global options. A missing directory is created,
/// except in read-only mode.
pub fn open(g: &Global) -> Result<Db> {
    let dir = paths::db_dir(g.db.as_deref())?;
    open_dir(&dir, g.read_only)
}

/// Opens the database in `dir`, recording changes as made by this process's user.
pub fn open_dir(dir: &Path, read_only: bool) -> Result<Db> {
    debug_assert_eq!(paths::STORE_SUBDIR, jinzai::db::STORE_SUBDIR);
    Db::open(dir, read_only, Actor::from_env()).map_err(|e| explain(dir, e))
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
        other => other.into(),
    }
}
