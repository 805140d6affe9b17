//! Running the real `jinzai` binary in a pseudo-terminal for the end-to-end tests.
//!
//! A [`Tui`] owns the child, the pty and a reader thread that feeds everything the
//! child prints into a `vt100::Parser` (and keeps the raw bytes). Tests wait on the
//! parsed screen's content with a generous deadline, never on fixed sleeps. Dropping a
//! `Tui` whose child is still running kills it, so a failed test leaves nothing behind.

use portable_pty::{native_pty_system, Child, CommandBuilder, ExitStatus, MasterPty, PtySize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

/// How long to wait for something to appear on screen or for the process to end.
/// Debug builds on a busy two-core machine are slow: be generous, it costs nothing
/// when things work.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// How often the screen and the child are looked at while waiting.
const POLL: Duration = Duration::from_millis(20);

/// The fixed "today" for every run.
const TODAY: &str = "2026-11-26";

/// Leaves the alternate screen (crossterm's `LeaveAlternateScreen`).
pub const LEAVE_ALT: &str = "\x1b[?1049l";
/// Enters the alternate screen (crossterm's `EnterAlternateScreen`).
pub const ENTER_ALT: &str = "\x1b[?1049h";

/// A scratch home with a demo database; removed on drop.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// An empty home (no config, so the built-in keymap) and a database filled by
    /// `jinzai demo --db DIR`.
    pub fn with_demo_db() -> Sandbox {
        let dir = tempfile::tempdir().expect("tempdir");
        let sb = Sandbox { dir };
        std::fs::create_dir_all(sb.home().join(".config")).expect("config dir");
        let mut cmd = Command::new(bin());
        cmd.arg("demo").arg("--db").arg(sb.db());
        cmd.env_clear();
        for (k, v) in sb.env() {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run jinzai demo");
        assert!(
            out.status.success(),
            "jinzai demo failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        sb
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> PathBuf {
        self.path().join("home")
    }

    pub fn db(&self) -> PathBuf {
        self.path().join("db")
    }

    /// The whole environment the child gets: nothing inherited but PATH, so no real
    /// config, database or language setting leaks in.
    fn env(&self) -> Vec<(String, String)> {
        let home = self.home();
        let h = |sub: &str| home.join(sub).to_string_lossy().into_owned();
        vec![
            (
                "PATH".into(),
                std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into()),
            ),
            ("HOME".into(), home.to_string_lossy().into_owned()),
            ("XDG_CONFIG_HOME".into(), h(".config")),
            ("XDG_DATA_HOME".into(), h(".local/share")),
            ("XDG_CACHE_HOME".into(), h(".cache")),
            ("XDG_STATE_HOME".into(), h(".local/state")),
            ("TERM".into(), "xterm-256color".into()),
            ("LANG".into(), "C.UTF-8".into()),
            ("USER".into(), "e2e".into()),
            ("JINZAI_TODAY".into(), TODAY.into()),
        ]
    }
}

/// The TUI on `sb`'s database in a bare pseudo-terminal (no screen model), read until
/// `text` has been drawn; then the caller holds the only handle on the master side,
/// and dropping it hangs the terminal up, as SSH dropping does.
#[allow(dead_code)]
pub fn launch_until(
    sb: &Sandbox,
    text: &'static str,
) -> (Box<dyn Child + Send + Sync>, Box<dyn MasterPty + Send>) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 32,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(bin());
    cmd.args(["--lang", "en", "--db"]);
    cmd.arg(sb.db());
    cmd.env("HOME", sb.home());
    cmd.env("XDG_CONFIG_HOME", sb.home().join(".config"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("JINZAI_TODAY", "2026-11-26");
    let child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&seen).contains(text) {
                let _ = tx.send(());
                break;
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("{text:?} never showed"));
    (child, pair.master)
}

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_jinzai")
}

/// What a pty run has printed so far.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// The reader saw end of file (or an error): every process holding the pty's
    /// other end has gone.
    eof: bool,
}

/// The binary running in a pseudo-terminal.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    out: Arc<Mutex<Output>>,
    status: Option<ExitStatus>,
    started: Instant,
}

impl Tui {
    /// Starts `jinzai ARGS` in a `cols`×`rows` pty with the sandbox's environment plus
    /// `extra_env`.
    pub fn spawn(
        sb: &Sandbox,
        cols: u16,
        rows: u16,
        args: &[&str],
        extra_env: &[(&str, &str)],
    ) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(bin());
        cmd.args(args);
        cmd.cwd(sb.path());
        cmd.env_clear();
        for (k, v) in sb.env() {
            cmd.env(k, v);
        }
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("spawn jinzai in the pty");
        // Only the child may hold the slave end, so the reader sees EOF when it exits.
        drop(pair.slave);
        let master = pair.master;
        let mut reader = master.try_clone_reader().expect("pty reader");
        let writer = master.take_writer().expect("pty writer");
        let out = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            eof: false,
        }));
        let sink = Arc::clone(&out);
        thread::Builder::new()
            .name("pty-reader".into())
            .spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            let mut o = lock(&sink);
                            o.parser.process(&buf[..n]);
                            o.raw.extend_from_slice(&buf[..n]);
                        }
                    }
                }
                lock(&sink).eof = true;
            })
            .expect("reader thread");
        Tui {
            child,
            master,
            writer,
            out,
            status: None,
            started: Instant::now(),
        }
    }

    /// Types `text` (raw bytes: "\r" is Enter, "\x1b" is Esc).
    pub fn send(&mut self, text: &str) {
        self.writer
            .write_all(text.as_bytes())
            .expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Resizes the pty (the child gets SIGWINCH) and the screen model with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        lock(&self.out).parser.set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// The child's process id.
    pub fn pid(&self) -> i32 {
        let pid = self.child.process_id().expect("child pid");
        i32::try_from(pid).expect("pid fits in pid_t")
    }

    /// Sends `sig` to the child.
    pub fn signal(&self, sig: libc::c_int) {
        // SAFETY: kill(2) on our own child's pid; no memory is involved.
        let rc = unsafe { libc::kill(self.pid(), sig) };
        assert_eq!(
            rc,
            0,
            "kill({}, {sig}): {}",
            self.pid(),
            std::io::Error::last_os_error()
        );
    }

    /// The pty's line discipline flags (c_lflag), as the child left or set them.
    pub fn local_flags(&self) -> libc::tcflag_t {
        let fd = self.master.as_raw_fd().expect("pty master fd");
        // SAFETY: tcgetattr fills the zeroed termios we own; fd is the open pty master.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(fd, &mut t) };
        assert_eq!(rc, 0, "tcgetattr: {}", std::io::Error::last_os_error());
        t.c_lflag
    }

    /// True when the pty is in "cooked" mode again: line editing and echo on.
    pub fn is_cooked(&self) -> bool {
        let f = self.local_flags();
        f & libc::ICANON != 0 && f & libc::ECHO != 0
    }

    /// The screen as text, one line per row.
    pub fn screen_text(&self) -> String {
        lock(&self.out).parser.screen().contents()
    }

    /// Everything the child has printed, with invalid UTF-8 replaced.
    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&lock(&self.out).raw).into_owned()
    }

    /// Looks at the screen model: alternate screen on, cursor hidden, and so on.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(lock(&self.out).parser.screen())
    }

    /// Waits until `ok` holds for the screen; fails the test with the screen shown if
    /// it does not within [`TIMEOUT`], or if the child exits first.
    pub fn wait_for(&mut self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.with_screen(&ok) {
                return;
            }
            let gone = self.poll_exit().is_some() && lock(&self.out).eof;
            if gone || Instant::now() > deadline {
                let why = if gone {
                    "the process exited"
                } else {
                    "timed out"
                };
                panic!(
                    "waiting for {what}: {why} after {:?}\n{}",
                    self.started.elapsed(),
                    self.dump()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&mut self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), |s| {
            s.contents().contains(text)
        });
    }

    fn poll_exit(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().expect("try_wait on the child");
        }
        self.status.clone()
    }

    /// Waits at most `limit` for the child to exit, then for the pty to drain so the
    /// screen model has all of its output. Returns the exit status and how long the
    /// exit took.
    pub fn wait_exit(&mut self, limit: Duration) -> (ExitStatus, Duration) {
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.poll_exit() {
                break s;
            }
            if start.elapsed() > limit {
                panic!("the process did not exit within {limit:?}\n{}", self.dump());
            }
            thread::sleep(POLL);
        };
        let took = start.elapsed();
        // The exit is what the caller asked about; the drain gets its own deadline.
        let drained = Instant::now() + TIMEOUT;
        while !lock(&self.out).eof {
            if Instant::now() > drained {
                panic!(
                    "the pty was not closed after the process exited\n{}",
                    self.dump()
                );
            }
            thread::sleep(POLL);
        }
        (status, took)
    }

    /// Fails the test unless the terminal is back as it was: out of the alternate
    /// screen (after having been in it), cursor visible, line mode and echo on.
    pub fn assert_restored(&self) {
        let raw = self.raw();
        let entered = raw.find(ENTER_ALT);
        let left = raw.rfind(LEAVE_ALT);
        assert!(
            matches!((entered, left), (Some(e), Some(l)) if e < l),
            "expected {ENTER_ALT:?} and then {LEAVE_ALT:?} in the output\n{}",
            self.dump()
        );
        assert!(
            !self.with_screen(|s| s.alternate_screen()),
            "still on the alternate screen\n{}",
            self.dump()
        );
        assert!(
            !self.with_screen(|s| s.hide_cursor()),
            "the cursor is still hidden\n{}",
            self.dump()
        );
        assert!(
            self.is_cooked(),
            "the pty is still in raw mode (c_lflag {:#o})\n{}",
            self.local_flags(),
            self.dump()
        );
    }

    /// The screen and the end of the raw output, for failure messages.
    pub fn dump(&self) -> String {
        let o = lock(&self.out);
        let s = o.parser.screen();
        let raw = String::from_utf8_lossy(&o.raw);
        let tail: String = {
            let chars: Vec<char> = raw.chars().collect();
            chars[chars.len().saturating_sub(1500)..].iter().collect()
        };
        format!(
            "--- screen ({}x{}, alternate: {}, eof: {}) ---\n{}\n--- raw output tail ---\n{tail:?}",
            s.size().1,
            s.size().0,
            s.alternate_screen(),
            o.eof,
            s.contents()
        )
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // No panicking here: this also runs while a failed test unwinds.
        let running = self.status.is_none() && !matches!(self.child.try_wait(), Ok(Some(_)));
        if running {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Locks the output even if the reader thread panicked while holding it.
fn lock(m: &Mutex<Output>) -> MutexGuard<'_, Output> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
