//! Backups: JSON exports of every record kept in `DIR/backups/`.
//!
//! A backup is exactly the document `jinzai export --format json` writes (so
//! `jinzai import` and `jinzai restore` read it back). One is taken:
//!
//! - on the first writable open of a day (UTC) when no backup was taken that day
//!   yet and the store holds records (`daily`);
//! - before every import (`import`) and every `plan --accept` that writes
//!   (`plan-accept`);
//! - on request (`jinzai backup`, `manual`).
//!
//! File names sort in the order the backups were taken and say when and why:
//! `2026-11-26T101500.123Z-daily.json` (UTC, to the millisecond; a name is never
//! reused: a backup taken within the same millisecond as the last one is named a
//! millisecond later). The newest [`KEEP`] are kept; older ones are removed after
//! a new one is written.
//!
//! Each file is written to a temporary file (0600) in the same directory,
//! fsynced, renamed into place and the directory fsynced, so a crash leaves the
//! old set of backups and at most a hidden temporary file (removed by the next
//! backup), never a half backup under a backup's name. The directory is 0700.
//!
//! [`restore`] makes a new database from a backup.

use super::files;
use crate::audit::{self, Actor, AuditDraft};
use crate::domain::Dataset;
use crate::io::{plan_json_bytes, Problem};
use crate::store::DOCUMENT_SCHEMA;
use jiff::Timestamp;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// The backups' subdirectory of the database directory.
pub const BACKUP_DIR: &str = "backups";

/// How many backups are kept.
pub const KEEP: usize = 14;

/// Why a backup was taken; the last part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The first writable open of the day.
    Daily,
    /// Before an import.
    Import,
    /// Before `plan --accept` records a plan.
    PlanAccept,
    /// `jinzai backup`.
    Manual,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::Import => "import",
            Reason::PlanAccept => "plan-accept",
            Reason::Manual => "manual",
        }
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Backup {
    /// Its full path.
    pub path: PathBuf,
    /// Its file name.
    pub file: String,
    /// When it was taken (from its name), UTC.
    pub taken: Timestamp,
    /// Why: `daily`, `import`, `plan-accept`, `manual`.
    pub reason: String,
    /// Its size.
    pub bytes: u64,
}

/// The backups directory of the database in `dir`.
pub fn dir_of(dir: &Path) -> PathBuf {
    dir.join(BACKUP_DIR)
}

/// A backup's file name: `2026-11-26T101500.123Z-daily.json`.
pub fn file_name(taken: Timestamp, reason: Reason) -> String {
    format!(
        "{}.{:03}Z-{}.json",
        taken.strftime("%Y-%m-%dT%H%M%S"),
        taken.subsec_millisecond(),
        reason.as_str()
    )
}

/// When and why a backup was taken, from its file name; `None` for a file that is
/// not named as a backup.
fn parse_name(name: &str) -> Option<(Timestamp, String)> {
    let rest = name.strip_suffix(".json")?;
    let (stamp, reason) = rest.split_once("Z-")?;
    if reason.is_empty() || !reason.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        return None;
    }
    // 2026-11-26T101500.123
    let b = stamp.as_bytes();
    if b.len() != 21 || b[10] != b'T' || b[17] != b'.' {
        return None;
    }
    let iso = format!(
        "{}T{}:{}:{}.{}Z",
        &stamp[..10],
        &stamp[11..13],
        &stamp[13..15],
        &stamp[15..17],
        &stamp[18..]
    );
    let taken: Timestamp = iso.parse().ok()?;
    Some((taken, reason.to_string()))
}

/// The backups of the database in `dir`, oldest first; none when there is no
/// backups directory. Files not named as backups are left out.
pub fn list(dir: &Path) -> io::Result<Vec<Backup>> {
    let bdir = dir_of(dir);
    let entries = match fs::read_dir(&bdir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for e in entries {
        let e = e?;
        let Ok(name) = e.file_name().into_string() else {
            continue;
        };
        let Some((taken, reason)) = parse_name(&name) else {
            continue;
        };
        let meta = match e.metadata() {
            Ok(m) if m.is_file() => m,
            _ => continue,
        };
        out.push(Backup {
            path: e.path(),
            file: name,
            taken,
            reason,
            bytes: meta.len(),
        });
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(out)
}

/// The newest backup, if there is one (and the directory can be read).
pub fn latest(dir: &Path) -> Option<Backup> {
    list(dir).ok().and_then(|mut v| v.pop())
}

/// The UTC day of a time, `2026-11-26`.
fn day(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d").to_string()
}

/// Whether a daily backup is due at `now`: no backup was taken on its UTC day.
/// A backups directory that cannot be read counts as holding none, so the
/// backup is tried and its failure said.
pub fn daily_due(dir: &Path, now: Timestamp) -> bool {
    let today = day(now);
    match list(dir) {
        Ok(v) => !v.iter().any(|b| day(b.taken) == today),
        Err(_) => true,
    }
}

/// What can go wrong taking a backup.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the backup {}: {source}", path.display())]
pub struct BackupError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// Writes a backup of `ds` into `dir`'s backups directory (created 0700), then
/// removes all but the newest [`KEEP`]. `now` names it.
pub fn write(
    dir: &Path,
    ds: &Dataset,
    schema: u32,
    reason: Reason,
    now: Timestamp,
) -> Result<Backup, BackupError> {
    let bdir = dir_of(dir);
    let fail = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BackupError { path, source }
    };
    let created = !bdir.exists();
    if !created && !bdir.is_dir() {
        return Err(fail(&bdir)(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "it is not a directory",
        )));
    }
    files::create_private_dir(&bdir).map_err(fail(&bdir))?;
    files::tighten(&bdir, 0o700);
    if created {
        sync_dir(dir).map_err(fail(dir))?;
    }
    remove_leftovers(&bdir);
    // A name later than every backup's so far, so names sort in the order taken.
    let existing = list(dir).map_err(fail(&bdir))?;
    let mut taken = Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now);
    if let Some(last) = existing.last() {
        if taken <= last.taken {
            taken = last
                .taken
                .checked_add(jiff::SignedDuration::from_millis(1))
                .unwrap_or(last.taken);
        }
    }
    let name = file_name(taken, reason);
    let path = bdir.join(&name);
    let tmp = bdir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> io::Result<u64> {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        let mut w = BufWriter::new(file);
        crate::io::write_export_json(ds, schema, &mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        let bytes = file.metadata()?.len();
        drop(file);
        fs::rename(&tmp, &path)?;
        sync_dir(&bdir)?;
        Ok(bytes)
    })();
    let bytes = match result {
        Ok(n) => n,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(fail(&path)(e));
        }
    };
    prune(dir);
    Ok(Backup {
        path,
        file: name,
        taken,
        reason: reason.as_str().to_string(),
        bytes,
    })
}

/// Removes all but the newest [`KEEP`] backups; best effort.
fn prune(dir: &Path) {
    let Ok(all) = list(dir) else { return };
    if all.len() <= KEEP {
        return;
    }
    for b in &all[..all.len() - KEEP] {
        let _ = fs::remove_file(&b.path);
    }
    let _ = sync_dir(&dir_of(dir));
}

/// Removes temporary files a backup cut short left behind (only the lock
/// holder writes backups, so none is in use).
fn remove_leftovers(bdir: &Path) {
    if let Ok(entries) = fs::read_dir(bdir) {
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.contains(".json.tmp-") {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// fsyncs a directory, so a rename or a new entry in it survives a crash.
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    File::open(dir)?.sync_all()
}

/// The SHA-256 of some bytes, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    audit::hex(&audit::hash_line(bytes))
}

/// A path quoted for a POSIX shell when it needs to be, for commands shown to
/// people to copy.
pub fn shell_quote(p: &Path) -> String {
    let s = p.display().to_string();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c));
    if plain {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A directory beside `dir` that does not exist yet, to restore into:
/// `DIR.restored`, else `DIR.restored-2`, ...
pub fn suggested_restore_dir(dir: &Path) -> PathBuf {
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let name = abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "jinzai".into());
    let parent = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    (1..)
        .map(|i| match i {
            1 => parent.join(format!("{name}.restored")),
            i => parent.join(format!("{name}.restored-{i}")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| parent.join(format!("{name}.restored")))
}

/// What [`restore`] did.
#[derive(Debug, Clone)]
pub struct Restored {
    /// The new database directory.
    pub dir: PathBuf,
    /// The backup file, as given, and the SHA-256 of its bytes.
    pub file: PathBuf,
    pub sha256: String,
    /// The records restored, per kind.
    pub counts: [(&'static str, usize); 7],
    /// The number of the audit record saying so (1).
    pub audit: u64,
    /// Whether the file is byte for byte what `export --format json` of the new
    /// database writes (false for a file written or edited by other means, or
    /// of an older schema: its records are restored all the same).
    pub exact: bool,
}

/// Why a restore was refused or failed; nothing is left in the new directory.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("{0}")]
    Refused(String),
    /// The file is not a backup jinzai can restore: every problem, as
    /// `FILE:LINE: column: reason`.
    #[error("{} cannot be restored: {} problem{}", file.display(), problems.len(), if problems.len() == 1 { "" } else { "s" })]
    Invalid {
        file: PathBuf,
        problems: Vec<Problem>,
    },
    #[error("restoring into {}: {source}", dir.display())]
    Db {
        dir: PathBuf,
        source: Box<super::DbError>,
    },
    #[error("restoring into {}: {source}", dir.display())]
    Io { dir: PathBuf, source: io::Error },
}

/// Why `dir` cannot receive a restored database, if it cannot: it exists and is
/// not an empty directory.
fn occupied(dir: &Path) -> Option<String> {
    let shown = dir.display();
    if !dir.exists() {
        return None;
    }
    if !dir.is_dir() {
        return Some(format!("{shown} exists and is not a directory"));
    }
    let names: Vec<String> = match fs::read_dir(dir) {
        Ok(e) => e
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(e) => return Some(format!("cannot read {shown}: {e}")),
    };
    if names.is_empty() {
        return None;
    }
    let db_files = [
        super::STORE_SUBDIR,
        audit::AUDIT_FILE,
        super::LOCK_FILE,
        super::SNAPSHOT_FILE,
        BACKUP_DIR,
    ];
    let mut found: Vec<&str> = db_files
        .iter()
        .copied()
        .filter(|n| names.iter().any(|x| x == n))
        .collect();
    found.sort_unstable();
    Some(if found.is_empty() {
        format!(
            "{shown} is not empty; restore makes a new database: give a new or empty \
             directory with --db"
        )
    } else {
        format!(
            "{shown} already holds a jinzai database ({}); restore never writes over one: \
             give a new or empty directory with --db",
            found.join(", ")
        )
    })
}

/// Makes a new database in `new_dir` (which must not exist, or be an empty
/// directory) from the backup `file`: every record in it, in one change with one
/// audit record (`restore`, naming the file and its SHA-256).
///
/// The file is validated as an import is, and nothing is written unless it is
/// sound. The database is built in a hidden directory beside `new_dir` and
/// renamed into place when complete, so a failure or a crash leaves no half
/// database under `new_dir`.
pub fn restore(file: &Path, new_dir: &Path, actor: Actor) -> Result<Restored, RestoreError> {
    if let Some(why) = occupied(new_dir) {
        return Err(RestoreError::Refused(why));
    }
    let bytes = fs::read(file).map_err(|e| {
        RestoreError::Refused(format!("cannot read the backup {}: {e}", file.display()))
    })?;
    let sha256 = sha256_hex(&bytes);
    let plan = plan_json_bytes(file, &bytes, &Dataset::default()).map_err(|problems| {
        RestoreError::Invalid {
            file: file.to_path_buf(),
            problems,
        }
    })?;
    let schema = plan.schema.unwrap_or(DOCUMENT_SCHEMA);
    if schema > DOCUMENT_SCHEMA {
        return Err(RestoreError::Refused(format!(
            "{} was written by a newer jinzai (schema {schema}; this build knows up to \
             {DOCUMENT_SCHEMA})",
            file.display()
        )));
    }
    let exact = crate::io::export_json(&plan.merged, DOCUMENT_SCHEMA).as_bytes() == bytes;
    let counts = plan.merged.counts();

    let abs_new = std::path::absolute(new_dir).unwrap_or_else(|_| new_dir.to_path_buf());
    let parent = abs_new
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("/"));
    let name = abs_new
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            RestoreError::Refused(format!("{} names no directory", new_dir.display()))
        })?;
    let io_err = |source| RestoreError::Io {
        dir: new_dir.to_path_buf(),
        source,
    };
    let parent_existed = parent.exists();
    files::create_private_dir(&parent).map_err(io_err)?;
    let work = parent.join(format!(".{name}.restoring-{}", std::process::id()));
    if work.exists() {
        fs::remove_dir_all(&work).map_err(io_err)?;
    }
    let built = (|| -> Result<u64, RestoreError> {
        let db =
            super::Db::open_with(&work, false, actor, super::DailyBackup::Off).map_err(|e| {
                RestoreError::Db {
                    dir: new_dir.to_path_buf(),
                    source: Box::new(e),
                }
            })?;
        let abs_file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let mut draft = AuditDraft::new(
            "restore",
            format!("restore from {} (sha256 {sha256})", abs_file.display()),
        );
        draft.counts = Some(audit::counts_of(&plan.counts));
        draft.files = vec![abs_file.display().to_string()];
        let rec = db
            .commit(&plan.changes, draft)
            .map_err(|e| RestoreError::Db {
                dir: new_dir.to_path_buf(),
                source: Box::new(e),
            })?;
        drop(db);
        Ok(rec.seq)
    })();
    let finish = |seq: u64| -> io::Result<u64> {
        if abs_new.exists() {
            // Empty, as checked above; rename cannot replace a directory
            // someone filled since.
            fs::remove_dir(&abs_new)?;
        }
        fs::rename(&work, &abs_new)?;
        sync_dir(&parent)?;
        if !parent_existed {
            if let Some(up) = parent.parent() {
                let _ = sync_dir(up);
            }
        }
        Ok(seq)
    };
    let seq = match built.and_then(|seq| finish(seq).map_err(io_err)) {
        Ok(seq) => seq,
        Err(e) => {
            let _ = fs::remove_dir_all(&work);
            return Err(e);
        }
    };
    Ok(Restored {
        dir: new_dir.to_path_buf(),
        file: file.to_path_buf(),
        sha256,
        counts,
        audit: seq,
        exact,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_in_time_order_and_read_back() {
        let t: Timestamp = "2026-11-26T10:15:00.123Z".parse().unwrap();
        let name = file_name(t, Reason::PlanAccept);
        assert_eq!(name, "2026-11-26T101500.123Z-plan-accept.json");
        assert_eq!(parse_name(&name), Some((t, "plan-accept".to_string())));
        let later: Timestamp = "2026-11-26T10:15:00.124Z".parse().unwrap();
        assert!(file_name(later, Reason::Daily) > name);
        for bad in [
            "notes.json",
            "2026-11-26T101500Z-daily.json",
            "2026-11-26T101500.123Z-.json",
            "2026-11-26T101500.123Z-Daily.json",
            ".2026-11-26T101500.123Z-daily.json.tmp-1",
        ] {
            assert_eq!(parse_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(
            shell_quote(Path::new("/srv/db.restored")),
            "/srv/db.restored"
        );
        assert_eq!(shell_quote(Path::new("/a b/it's")), r"'/a b/it'\''s'");
    }
}
