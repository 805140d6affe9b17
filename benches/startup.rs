//! Startup benchmark: time to the first frame, time until search works, and
//! `jinzai search` end to end, on synthetic databases of 1k, 10k and 100k staff; with
//! the TUI's peak RSS at the moment search works (`cargo bench --bench memory` has the
//! peak once every pane is ready). Runs the real release binary in a pseudo-terminal.
//!
//!     cargo bench --bench startup                 # 1000 10000 100000
//!     cargo bench --bench startup -- 100000       # one size
//!
//! Databases are built once with `jinzai demo --staff N --posts N/5` under
//! target/bench-dbs/ and reused.

#[path = "common/pty.rs"]
mod pty;

use std::path::Path;
use std::process::Command;
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
    let bin = pty::bin();
    println!(
        "size     first frame (ms)   searchable (ms)    `jinzai search` (ms)   TUI peak RSS (MB)"
    );
    println!("         median   max       median   max       median   max");
    for n in sizes {
        let db = pty::ensure_db(&bin, n);
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

/// One TUI launch: (ms to the first frame, ms until the full count shows, peak RSS kB).
fn tui_run(bin: &Path, db: &Path, n: usize) -> (Duration, Duration, u64) {
    let mut tui = pty::Tui::launch(bin, db);
    let total = format!("of {}", jinzai::ui::thousands(n));
    let limit = Duration::from_secs(30);
    let first = tui.wait_for(limit, |s| s.contains("jinzai"));
    let ready = tui.wait_for(limit, |s| s.contains(&total));
    let rss = tui.status_kb("VmHWM:");
    tui.quit();
    (
        first.expect("no first frame"),
        ready.expect("never searchable"),
        rss,
    )
}

fn median(v: &mut [Duration]) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn max(v: &[Duration]) -> f64 {
    v.iter().max().map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}
