//! The real release binary's TUI in a pseudo-terminal, for the startup and memory
//! benchmarks: launch it on a database, watch its screen, read its memory.

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub const ROWS: u16 = 32;
pub const COLS: u16 = 120;

/// The binary to run: this build's, or `$JINZAI_BENCH_BIN` (to compare with
/// another build).
pub fn bin() -> PathBuf {
    std::env::var_os("JINZAI_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_jinzai")))
}

/// Where the databases are: `target/bench-dbs`, or `$JINZAI_BENCH_DBS`.
pub fn dbs_dir() -> PathBuf {
    std::env::var_os("JINZAI_BENCH_DBS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-dbs"))
}

/// `DBS/N`, made once with `jinzai demo --staff N --posts N/5 --seed 1`.
pub fn ensure_db(bin: &Path, n: usize) -> PathBuf {
    let dir = dbs_dir().join(n.to_string());
    if dir.join("store").exists() {
        return dir;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let posts = (n / 5).max(10).to_string();
    let st = Command::new(bin)
        .args([
            "demo",
            "--staff",
            &n.to_string(),
            "--posts",
            &posts,
            "--seed",
            "1",
            "--db",
        ])
        .arg(&dir)
        .status()
        .unwrap();
    assert!(st.success(), "demo failed for {n}");
    dir
}

/// A TUI running in a pseudo-terminal.
pub struct Tui {
    pub started: Instant,
    pub pid: u32,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    rx: mpsc::Receiver<Vec<u8>>,
    parser: vt100::Parser,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    /// Launches `jinzai --lang en --db DB` with "today" fixed.
    pub fn launch(bin: &Path, db: &Path) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(["--lang", "en", "--db"]);
        cmd.arg(db);
        cmd.env("JINZAI_TODAY", "2026-11-26");
        cmd.env("TERM", "xterm-256color");
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).unwrap();
        let pid = child.process_id().unwrap_or(0);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, rx) = mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(k) = reader.read(&mut buf) {
                if k == 0 || tx.send(buf[..k].to_vec()).is_err() {
                    break;
                }
            }
        });
        Tui {
            started,
            pid,
            child,
            writer,
            rx,
            parser: vt100::Parser::new(ROWS, COLS, 0),
            _master: pty.master,
        }
    }

    /// Reads output until the screen passes `test`; the time since launch, or `None`
    /// after `limit`.
    pub fn wait_for(&mut self, limit: Duration, test: impl Fn(&str) -> bool) -> Option<Duration> {
        let deadline = Instant::now() + limit;
        loop {
            if test(&self.parser.screen().contents()) {
                return Some(self.started.elapsed());
            }
            if Instant::now() >= deadline {
                return None;
            }
            if let Ok(bytes) = self.rx.recv_timeout(Duration::from_millis(5)) {
                self.parser.process(&bytes);
            }
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// A line of /proc/PID/status in kB (`VmHWM`: peak resident memory, `VmRSS`: now).
    pub fn status_kb(&self, field: &str) -> u64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid)).unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    /// Quits with Ctrl-C (from anywhere; a lone Esc followed at once by q would read
    /// as Alt-q) and waits for the process.
    pub fn quit(mut self) {
        self.send(b"\x03");
        let _ = self.child.wait();
    }
}
