//! `jinzai backup`, `jinzai backups` and `jinzai restore`: take a backup now, list
//! them, and make a new database from one.

use super::args::{BackupArgs, BackupsArgs, Global, RestoreArgs};
use super::{db, paths};
use anyhow::{anyhow, bail, Context, Result};
use jinzai::audit::Actor;
use jinzai::db::backup::{self, RestoreError};
use jinzai::db::BackupReason;

/// `jinzai backup`: a backup of every record now, reason `manual`.
pub fn backup(g: &Global, _a: &BackupArgs) -> Result<()> {
    if g.read_only {
        bail!("jinzai backup writes into the database directory; it cannot run with --read-only");
    }
    let dir = paths::db_dir(g.db.as_deref())?;
    let db = db::open_dir_with(&dir, false, jinzai::db::DailyBackup::Later)?;
    let b = db
        .backup(BackupReason::Manual, None)
        .map_err(|e| db::explain(&dir, e))?;
    println!(
        "backup written: {} ({})",
        paths::display(&b.path),
        size(b.bytes)
    );
    Ok(())
}

/// `jinzai backups`: the backups, oldest first. Reads the directory only, so it
/// works while another jinzai writes the database, or when its store is damaged.
pub fn list(g: &Global, a: &BackupsArgs) -> Result<()> {
    let dir = paths::db_dir(g.db.as_deref())?;
    if !dir.is_dir() {
        bail!("no database at {}", paths::display(&dir));
    }
    let all = backup::list(&dir)
        .with_context(|| format!("cannot read {}", paths::display(&backup::dir_of(&dir))))?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(());
    }
    if all.is_empty() {
        eprintln!(
            "no backups in {} yet",
            paths::display(&backup::dir_of(&dir))
        );
        return Ok(());
    }
    println!(
        "{:<19}  {:<11}  {:>9}  file",
        "taken (UTC)", "reason", "size"
    );
    for b in &all {
        println!(
            "{:<19}  {:<11}  {:>9}  {}",
            b.taken.strftime("%Y-%m-%d %H:%M:%S"),
            b.reason,
            size(b.bytes),
            paths::display(&b.path)
        );
    }
    Ok(())
}

/// `jinzai restore BACKUP --db NEW_DIR`.
pub fn restore(g: &Global, a: &RestoreArgs) -> Result<()> {
    if g.read_only {
        bail!("jinzai restore writes a new database; it cannot run with --read-only");
    }
    let dir = paths::db_dir(g.db.as_deref())?;
    let r = match backup::restore(&a.backup, &dir, Actor::from_env()) {
        Ok(r) => r,
        Err(RestoreError::Invalid { file, problems }) => {
            for p in &problems {
                eprintln!("{p}");
            }
            let n = problems.len();
            bail!(
                "restore refused: {} has {n} problem{}; nothing was written",
                file.display(),
                if n == 1 { "" } else { "s" }
            );
        }
        Err(RestoreError::Db { source, .. }) => {
            return Err(db::explain(&dir, *source).context("restore failed; nothing was kept"))
        }
        Err(e) => return Err(anyhow!("{e}")),
    };
    let counts: Vec<String> = r.counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    println!(
        "restored {} into {} from {} (sha256 {}; audit #{})",
        counts.join(", "),
        paths::display(&r.dir),
        r.file.display(),
        r.sha256,
        r.audit
    );
    if !r.exact {
        eprintln!(
            "jinzai: note: {} is not byte for byte what jinzai export writes (it was written \
             by other means, edited, or is of an older schema); its records are restored all \
             the same",
            r.file.display()
        );
    }
    Ok(())
}

/// `1.2 MB`, `340 kB`, `512 B`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{} kB", b / 1_000),
        b => format!("{b} B"),
    }
}
