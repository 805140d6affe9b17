//! File modes: the database directory is created 0700 and its files 0600, and a
//! directory that group or others can write is refused (anyone who can write it
//! can replace the store, the lock or the audit log).

use std::fs::{self, DirBuilder};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

/// Creates `dir` (and missing parents) with mode 0700.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

/// The mode bits of `dir` when group or others can write it.
pub fn writable_by_others(dir: &Path) -> std::io::Result<Option<u32>> {
    let mode = fs::metadata(dir)?.permissions().mode() & 0o7777;
    Ok((mode & 0o022 != 0).then_some(mode))
}

/// Takes away any permission beyond `mode` from `path`; best effort (a file
/// that is gone or not ours is left as it is).
pub fn tighten(path: &Path, mode: u32) {
    if let Ok(m) = fs::symlink_metadata(path) {
        if m.file_type().is_symlink() {
            return;
        }
        let now = m.permissions().mode() & 0o777;
        if now & !mode != 0 {
            let _ = fs::set_permissions(path, fs::Permissions::from_mode(now & mode));
        }
    }
}

/// Tightens the store's directory to 0700 and its files to 0600 (sled creates
/// them with the umask's modes), one level of subdirectories deep; best effort.
pub fn tighten_tree(dir: &Path) {
    tighten(dir, 0o700);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => {
                tighten(&p, 0o700);
                if let Ok(inner) = fs::read_dir(&p) {
                    for f in inner.flatten() {
                        if f.file_type().is_ok_and(|t| t.is_file()) {
                            tighten(&f.path(), 0o600);
                        }
                    }
                }
            }
            Ok(t) if t.is_file() => tighten(&p, 0o600),
            _ => {}
        }
    }
}
