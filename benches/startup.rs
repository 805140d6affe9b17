//! Startup benchmark: time to the first frame, time until search works, and
//! `jinzai search` end to end, on synthetic databases of 1k, 10k and 100k staff; with
//! the TUI's peak RSS. Runs the real release binary in a pseudo-terminal.
//!
//!     cargo bench --bench startup                 # 1000 10000 100000
//!     cargo bench --bench startup -- 100000       # one size
//!
//! Databases are built once with `jinzai demo --staff N --posts N/5` under
//! target/bench-dbs/ and reused.

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const RUNS: usize = 7;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect::<Vec<_>>();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_jinzai"));
    println!(
        "size     first frame (ms)   searchable (ms)    `jinzai search` (ms)   TUI peak RSS (MB)"
    );
    println!("         median   max       median   max       median   max");
    for n in sizes {
        let db = ensure_db(&bin, n);
        let mut first = Vec::new();
        let mut ready = Vec::new();
        let mut rss = 0u64;
        for _ in 0..RUNS {
            let (f, r, m) = tui_run(&bin, &db, n);
            first.push(f);
            ready.push(r);
            rss = rss.max(m);
        }
        let mut cli = Vec::new();
        for _ in 0..RUNS {
            let t = Instant::now();
            let out = Command::new(&bin)
                .args(["search", "tanaka", "--db"])
                .arg(&db)
                .env("JINZAI_TODAY", "2026-11-26")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            cli.push(t.elapsed());
        }
        println!(
            "{:<8} {:>6.0} {:>6.0}    {:>7.0} {:>6.0}     {:>7.0} {:>6.0}        {:>6.0}",
            n,
            median(&mut first),
            max(&first),
            median(&mut ready),
            max(&ready),
            median(&mut cli),
            max(&cli),
            rss as f64 / 1024.0
        );
    }
}

fn ensure_db(bin: &Path, n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-dbs")
        .join(n.to_string());
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

/// One TUI launch: (ms to the first frame, ms until the full count shows, peak RSS kB).
fn tui_run(bin: &Path, db: &Path, n: usize) -> (Duration, Duration, u64) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 32,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(["--lang", "en", "--db"]);
    cmd.arg(db);
    cmd.env("JINZAI_TODAY", "2026-11-26");
    cmd.env("TERM", "xterm-256color");
    let t0 = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    let pid = child.process_id().unwrap_or(0);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(k) = reader.read(&mut buf) {
            if k == 0 || tx.send(buf[..k].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(32, 120, 0);
    let total = format!("of {}", jinzai::ui::thousands(n));
    let (mut first, mut ready) = (None, None);
    let deadline = t0 + Duration::from_secs(30);
    while ready.is_none() && Instant::now() < deadline {
        if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(5)) {
            parser.process(&bytes);
            let screen = parser.screen().contents();
            if first.is_none() && screen.contains("jinzai") {
                first = Some(t0.elapsed());
            }
            if screen.contains(&total) {
                ready = Some(t0.elapsed());
            }
        }
    }
    let rss = peak_rss_kb(pid);
    // Ctrl-C quits from anywhere (a lone Esc followed at once by q would read as Alt-q).
    writer.write_all(b"\x03").unwrap();
    writer.flush().unwrap();
    let _ = child.wait();
    (
        first.expect("no first frame"),
        ready.expect("never searchable"),
        rss,
    )
}

fn peak_rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn median(v: &mut [Duration]) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn max(v: &[Duration]) -> f64 {
    v.iter().max().map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}
