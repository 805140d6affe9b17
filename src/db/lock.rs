//! One writer per database directory: the lock file `DIR/lock`.
//!
//! A writable open takes an exclusive `flock` on `DIR/lock` (created 0600 when
//! missing) and writes who holds it into the file as JSON: the OS user, the pid,
//! the host and when it started (UTC). The kernel drops the `flock` when the
//! holder exits, however it exits, so:
//!
//! - a second writable open finds the `flock` taken and refuses at once, naming
//!   the holder from the file's contents;
//! - a lock left by a process that died (a *stale* lock: the `flock` is free, the
//!   file still names it) is taken over in place, and the opener is told whose it
//!   was. A pid reused by another program does not keep the lock alive, as a
//!   pid-only check would.
//!
//! The holder removes the file when it closes (only if the path still is its
//! file); an opener that locked a file just removed sees the path no longer
//! matches and tries again. Readers only look: `held_by` tries a shared `flock`
//! and lets go of it at once; a writer that meets such a look retries briefly.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file's name in the database directory.
pub const LOCK_FILE: &str = "lock";

/// How long a writable open keeps trying while the lock is between holders
/// (being written, or looked at by a reader). Well under a second.
const SETTLE: Duration = Duration::from_millis(400);

/// Who holds (or held) a database: the lock file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub user: String,
    pub pid: u32,
    pub host: String,
    /// When it opened the database, UTC.
    pub started: Timestamp,
}

impl Holder {
    /// This process, now, on behalf of `user`.
    pub fn this_process(user: &str) -> Holder {
        Holder {
            user: user.to_string(),
            pid: std::process::id(),
            host: host_name(),
            started: crate::audit::now(),
        }
    }

    /// `alice (pid 4242)`, with `on HOST` when it is another machine.
    pub fn who(&self) -> String {
        if self.host == host_name() || self.host.is_empty() {
            format!("{} (pid {})", self.user, self.pid)
        } else {
            format!("{} on {} (pid {})", self.user, self.host, self.pid)
        }
    }

    /// When it started, in local time: `10:15` today, else `2026-11-25 10:15`.
    pub fn since(&self) -> String {
        local_time(self.started)
    }

    /// Whether its process is still running (on this host; on another host it is
    /// taken to be).
    pub fn is_alive(&self) -> bool {
        if self.host != host_name() {
            return true;
        }
        pid_alive(self.pid)
    }
}

/// `10:15` for a time today, else `2026-11-25 10:15`, in local time.
pub fn local_time(t: Timestamp) -> String {
    let tz = jiff::tz::TimeZone::system();
    let z = t.to_zoned(tz.clone());
    if z.date() == Timestamp::now().to_zoned(tz).date() {
        z.strftime("%H:%M").to_string()
    } else {
        z.strftime("%Y-%m-%d %H:%M").to_string()
    }
}

/// This machine's name, `localhost` when it cannot be had.
pub fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes at most that.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return "localhost".into();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// Whether a process with this pid exists.
pub fn pid_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists and may be signalled.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// What went wrong taking the lock.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it; its holder when the file says.
    Held(Option<Holder>),
    Io(PathBuf, std::io::Error),
}

/// The lock, held: removed and released on drop.
#[derive(Debug)]
pub struct DirLock {
    path: PathBuf,
    file: Option<File>,
    /// Whose stale lock this one took over.
    pub took_over: Option<Holder>,
    pub holder: Holder,
}

impl DirLock {
    /// Removes the lock file (if it is still this one) and lets the lock go.
    pub fn release(&mut self) {
        if let Some(file) = self.file.take() {
            if same_file(&file, &self.path) {
                let _ = std::fs::remove_file(&self.path);
            }
            drop(file);
        }
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        self.release();
    }
}

fn flock(file: &File, how: libc::c_int) -> std::io::Result<bool> {
    // SAFETY: the descriptor is open for the call's duration.
    let rc = unsafe { libc::flock(file.as_raw_fd(), how | libc::LOCK_NB) };
    if rc == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    if e.kind() == ErrorKind::WouldBlock {
        Ok(false)
    } else {
        Err(e)
    }
}

/// Whether `path` still names the open file `file`.
fn same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut s = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut s).ok()?;
    serde_json::from_str(&s).ok()
}

/// Takes the lock of `dir` for this process on behalf of `user`, or says who
/// holds it.
pub fn acquire(dir: &Path, user: &str) -> Result<DirLock, LockError> {
    let path = dir.join(LOCK_FILE);
    let io = |e| LockError::Io(path.clone(), e);
    let deadline = Instant::now() + SETTLE;
    loop {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .map_err(io)?;
        if !flock(&file, libc::LOCK_EX).map_err(io)? {
            let holder = read_holder(&mut file);
            // A live holder is final. A dead or unreadable one means the lock is
            // changing hands or a reader is looking: try again for a moment.
            let settled = holder.as_ref().is_some_and(Holder::is_alive);
            if settled || Instant::now() >= deadline {
                return Err(LockError::Held(holder));
            }
            std::thread::sleep(Duration::from_millis(20));
            continue;
        }
        if !same_file(&file, &path) {
            // The holder removed it between our open and our lock.
            continue;
        }
        let took_over = read_holder(&mut file);
        let holder = Holder::this_process(user);
        let mut bytes = serde_json::to_vec(&holder).map_err(|e| io(e.into()))?;
        bytes.push(b'\n');
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.write_all(&bytes).map_err(io)?;
        file.sync_all().map_err(io)?;
        super::files::tighten(&path, 0o600);
        return Ok(DirLock {
            path,
            file: Some(file),
            took_over,
            holder,
        });
    }
}

/// Who holds the lock of `dir` now, if anyone does. `Some(None)` when it is held
/// but its file does not (yet) say by whom.
pub fn held_by(dir: &Path) -> Option<Option<Holder>> {
    let path = dir.join(LOCK_FILE);
    let mut file = File::open(&path).ok()?;
    match flock(&file, libc::LOCK_SH) {
        Ok(true) => {
            // SAFETY: as in `flock`.
            unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_UN) };
            None
        }
        Ok(false) => {
            // The holder writes the file just after locking it: give it a moment.
            for _ in 0..10 {
                if let Some(h) = read_holder(&mut file) {
                    return Some(Some(h));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Some(None)
        }
        Err(_) => None,
    }
}
