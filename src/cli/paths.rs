//! Where the database lives: --db, else $JINZAI_DB, else the XDG data dir. The demo
//! database is kept apart from real data.

use anyhow::{bail, Result};
use std::path::{Path, PathBuf};

/// The sled files live in this subdirectory of the db dir; the audit log, lock and
/// backups sit beside it.
pub const STORE_SUBDIR: &str = "store";

/// The real database directory.
pub fn db_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("JINZAI_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    data_dir().map(|d| d.join("jinzai"))
}

/// The demo database directory: --db if given, else `jinzai-demo` in the data dir.
pub fn demo_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    data_dir().map(|d| d.join("jinzai-demo"))
}

fn data_dir() -> Result<PathBuf> {
    match dirs::data_dir() {
        Some(d) => Ok(d),
        None => {
            bail!("cannot find a data directory (HOME is not set); pass --db DIR or set JINZAI_DB")
        }
    }
}

/// Shortens a path under the home directory to `~/...` for display.
pub fn display(path: &Path) -> String {
    if let Some(home) = dirs::home_dir() {
        if let Ok(rest) = path.strip_prefix(&home) {
            return format!("~/{}", rest.display());
        }
    }
    path.display().to_string()
}
