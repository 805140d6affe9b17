//! Opening the database directory for a command.

use super::args::Global;
use super::paths::{self, STORE_SUBDIR};
use anyhow::{bail, Context, Result};
use jinzai::store::{OpenOptions, SledStore};
use std::path::{Path, PathBuf};

/// An open database and where it is.
pub struct Db {
    pub dir: PathBuf,
    pub store: SledStore,
}

/// Opens the database chosen by the global options. A missing directory is created,
/// except in read-only mode.
pub fn open(g: &Global) -> Result<Db> {
    let dir = paths::db_dir(g.db.as_deref())?;
    open_dir(&dir, g.read_only)
}

/// Opens the database in `dir`.
pub fn open_dir(dir: &Path, read_only: bool) -> Result<Db> {
    if !dir.exists() {
        if read_only {
            bail!(
                "no database at {} (read-only mode does not create one)",
                paths::display(dir)
            );
        }
        std::fs::create_dir_all(dir).with_context(|| {
            format!(
                "cannot create the database directory {}",
                paths::display(dir)
            )
        })?;
    } else if !dir.is_dir() {
        bail!("{} is not a directory", paths::display(dir));
    }
    let opts = OpenOptions {
        read_only,
        ..OpenOptions::default()
    };
    let store = SledStore::open(&dir.join(STORE_SUBDIR), &opts)?;
    Ok(Db {
        dir: dir.to_path_buf(),
        store,
    })
}
