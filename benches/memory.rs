//! Memory benchmark: the TUI's peak resident memory once everything is loaded, and
//! where the memory goes.
//!
//!     cargo bench --bench memory                  # 100000 staff
//!     cargo bench --bench memory -- 10000 100000  # other sizes
//!
//! * TUI: the real release binary in a pseudo-terminal on target/bench-dbs/N (made as
//!   the startup bench makes it). It waits until search works (the full count shows),
//!   then until the posts and training panes have their data (they say "loading…"
//!   until then), then 3 s more, and reads VmHWM (the peak) and VmRSS (now) from
//!   /proc/PID/status. 3 runs.
//! * Breakdown: the same loading steps in this process (the records from the records
//!   image, as the TUI reads them), with an allocator that counts the bytes allocated
//!   and not yet freed: the store opened, the records, the search index and the two
//!   pane models.

#[path = "common/pty.rs"]
mod pty;

use jinzai::app::state::Loaded;
use jinzai::audit::Actor;
use jinzai::db::Db;
use jinzai::domain::date::parse_date;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const RUNS: usize = 3;

/// The system allocator, counting live bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size(), Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size(), Ordering::Relaxed);
        System.alloc_zeroed(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        LIVE.fetch_add(n, Ordering::Relaxed);
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        System.realloc(p, l, n)
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn live_mb() -> f64 {
    LIVE.load(Ordering::Relaxed) as f64 / 1048576.0
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100_000]
    } else {
        sizes
    };
    let bin = pty::bin();
    for n in sizes {
        let db = pty::ensure_db(&bin, n);
        println!("\n{n} staff: TUI resident memory once every pane has its data");
        let mut peaks = Vec::new();
        for _ in 0..RUNS {
            let (peak, now) = tui_run(&bin, &db, n);
            println!(
                "  run: peak (VmHWM) {} MB, now (VmRSS) {} MB",
                peak / 1024,
                now / 1024
            );
            peaks.push(peak);
        }
        peaks.sort();
        println!(
            "  peak RSS median {} MB, max {} MB",
            peaks[peaks.len() / 2] / 1024,
            peaks[peaks.len() - 1] / 1024
        );
        breakdown(&db);
    }
}

/// One TUI launch: (peak RSS kB, RSS now kB) once everything is loaded.
fn tui_run(bin: &Path, db: &Path, n: usize) -> (u64, u64) {
    let mut tui = pty::Tui::launch(bin, db);
    let total = format!("of {}", jinzai::ui::thousands(n));
    let limit = Duration::from_secs(60);
    tui.wait_for(limit, |s| s.contains(&total))
        .expect("never searchable");
    for pane in [b"2", b"3"] {
        tui.send(pane);
        std::thread::sleep(Duration::from_millis(100));
        tui.wait_for(limit, |s| !s.contains("loading…"))
            .expect("the pane never loaded");
    }
    tui.send(b"1");
    std::thread::sleep(Duration::from_secs(3));
    let peak = tui.status_kb("VmHWM:");
    let now = tui.status_kb("VmRSS:");
    tui.quit();
    (peak, now)
}

/// Live heap after each loading step, as the TUI's loader takes them.
fn breakdown(db: &Path) {
    let today = parse_date("2026-11-26").unwrap();
    println!("  where it goes (live heap, counted in this process):");
    let base = live_mb();
    let store = Db::open(db, true, Actor::from_env()).expect("open");
    let opened = live_mb();
    println!(
        "    {:<44} {:>7.1} MB",
        "store opened (sled)",
        opened - base
    );
    let (ds, _) = store.load_records().expect("load");
    println!(
        "    {:<44} {:>7.1} MB",
        "records (Dataset)",
        live_mb() - opened
    );
    let before = live_mb();
    let l = Loaded::searchable(ds, today, 24);
    println!("    {:<44} {:>7.1} MB", "search index", live_mb() - before);
    let before = live_mb();
    let p = jinzai::app::posts::PostsModel::build(&l.ds, today, 24);
    println!(
        "    {:<44} {:>7.1} MB",
        "posts pane model",
        live_mb() - before
    );
    let before = live_mb();
    let t = jinzai::app::training::TrainingModel::build(&l.ds, today);
    println!(
        "    {:<44} {:>7.1} MB",
        "training pane model",
        live_mb() - before
    );
    println!("    {:<44} {:>7.1} MB", "total", live_mb() - base);
    drop((p, t, l, store));
}
