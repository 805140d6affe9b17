//! Store benchmark: writing a whole ministry, and one change as the TUI makes it.
//!
//!     cargo bench --bench store                   # 100000 staff
//!     cargo bench --bench store -- 10000          # another size
//!     cargo bench --bench store -- 100000 assign  # one part: import or assign
//!
//! * import: `jinzai import FILE` of a JSON export of `demo --staff N --posts N/5
//!   --seed 1` into an empty database, the real release binary end to end (read,
//!   validate, backup, write, audit), 3 runs, with its peak RSS.
//! * assign: one assignment from the key press that confirms it (`y` on "Assign … ?")
//!   to the change being on disk: `update()` turns the key into a commit, then the
//!   data worker's `Db::commit` writes the store (one sled transaction, flushed) and
//!   appends the audit record to audit.jsonl (fsynced). Also the rebuild that follows
//!   (the worker's new dataset and search index, until the screen shows the change).
//!   Run on a copy of target/bench-dbs/N (made as the startup bench makes it), first
//!   with the background snapshot writer idle before each assignment (an assignment
//!   on its own), then with assignments 0.5 s apart, as someone working through a
//!   list does, while the snapshot writer refreshes `snapshot.json` after each.

#[path = "common/pty.rs"]
#[allow(dead_code)]
mod pty;

use jinzai::app::overlay::Overlay;
use jinzai::app::state::{Loaded, Session, State};
use jinzai::app::update::{on_msg, Msg};
use jinzai::audit::Actor;
use jinzai::db::{DailyBackup, Db};
use jinzai::domain::date::parse_date;
use jinzai::domain::{Date, PostId, StaffId};
use jinzai::i18n::Lang;
use jinzai::keymap::{Key, Keymap};
use jinzai::store::Store;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-26";
const IMPORT_RUNS: usize = 3;
const ASSIGNS: usize = 12;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![100_000]
    } else {
        sizes
    };
    let only = |part: &str| {
        !args.iter().any(|a| a == "import" || a == "assign") || args.iter().any(|a| a == part)
    };
    let bin = pty::bin();
    for n in sizes {
        if only("import") {
            import(&bin, n);
        }
        if only("assign") {
            assign(&bin, n);
        }
    }
}

fn bench_dir() -> PathBuf {
    pty::dbs_dir()
}

fn import(bin: &Path, n: usize) {
    let file = bench_dir().join(format!("export-{n}.json"));
    if !file.exists() {
        std::fs::create_dir_all(bench_dir()).unwrap();
        let ds = jinzai::demo::synthetic(&jinzai::demo::Spec {
            staff: n,
            posts: (n / 5).max(10),
            seed: 1,
        });
        std::fs::write(&file, jinzai::io::export_json(&ds, 1)).unwrap();
    }
    let mb = std::fs::metadata(&file).unwrap().len() as f64 / 1e6;
    println!("\n{n} staff: jinzai import of a {mb:.0} MB JSON export into an empty database");
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..IMPORT_RUNS {
        let dir = tempfile::TempDir::new().unwrap();
        let db = dir.path().join("db");
        let t = Instant::now();
        let (ok, rss) = run_measured(
            Command::new(bin)
                .arg("import")
                .arg(&file)
                .arg("--db")
                .arg(&db)
                .env("JINZAI_TODAY", TODAY),
        );
        let took = t.elapsed();
        assert!(ok, "import failed");
        times.push(took);
        peak = peak.max(rss);
        println!(
            "  run: {:.1} s, peak RSS {} MB",
            took.as_secs_f64(),
            rss / 1024
        );
    }
    println!(
        "  median {:.1} s, max {:.1} s, peak RSS {} MB",
        median(&mut times).as_secs_f64(),
        times.iter().max().unwrap().as_secs_f64(),
        peak / 1024
    );
}

/// Runs a command to its end with its output discarded: (success, peak RSS in kB).
// wait4 reaps the child (and gives its peak RSS), which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn run_measured(cmd: &mut Command) -> (bool, u64) {
    let child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4");
    (
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage.ru_maxrss as u64,
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            if e.file_name() != "backups" {
                copy_dir(&e.path(), &target);
            }
        } else if e.file_name() != "lock" {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

struct Ui {
    st: State,
    km: Keymap,
}

impl Ui {
    fn key(&mut self, k: &str) {
        on_msg(
            &mut self.st,
            &self.km,
            Msg::Key(Key::parse(k).expect("key")),
        );
    }
}

fn assign(bin: &Path, n: usize) {
    let src = pty::ensure_db(bin, n);
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("db");
    copy_dir(&src, &dir);
    std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let actor = Actor {
        user: "bench".into(),
        ssh_client: None,
    };
    let db = Db::open_with(&dir, false, actor, DailyBackup::Off).expect("open");
    let today = parse_date(TODAY).unwrap();
    let ds = db.store.load().expect("load");
    let session = Session {
        db_label: String::new(),
        user: "bench".into(),
        read_only: false,
        lang: Lang::En,
        today,
        term_months: 24,
    };
    let mut ui = Ui {
        st: State::new(session, (120, 40)),
        km: Keymap::builtin().expect("keymap"),
    };
    let loaded = Arc::new(Loaded::new(ds, today, 24));
    on_msg(&mut ui.st, &ui.km, Msg::Loaded(loaded));
    ui.key("<Esc>");
    ui.key("2");
    println!("\n{n} staff: one assignment, key press (y) → update → commit → flushed");
    db.flush_snapshot().expect("snapshot");
    let mut alone = Vec::new();
    let mut rebuilds = Vec::new();
    for _ in 0..ASSIGNS {
        let (commit, rebuild) = one_assign(&mut ui, &db, today);
        alone.push(commit);
        rebuilds.push(rebuild);
        // Let the snapshot writer finish what the change started, off the clock.
        db.flush_snapshot().expect("snapshot");
    }
    report("each on its own (snapshot writer idle)", &mut alone);
    report(
        "rebuild after it (data and index for the screen)",
        &mut rebuilds,
    );
    let mut paced = Vec::new();
    for _ in 0..ASSIGNS {
        let t = Instant::now();
        let (commit, _) = one_assign(&mut ui, &db, today);
        paced.push(commit);
        std::thread::sleep(Duration::from_millis(500).saturating_sub(t.elapsed()));
    }
    report("0.5 s apart (snapshot writer refreshing)", &mut paced);
}

fn report(what: &str, v: &mut [Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let med = median(v);
    println!(
        "  {what:<52} median {:>8.1} ms   p90 {:>8.1} ms   max {:>8.1} ms",
        ms(med),
        ms(v[(v.len() * 9 / 10).min(v.len() - 1)]),
        ms(v[v.len() - 1])
    );
}

/// Walks the posts pane to the next post with a free seat, picks someone who holds no
/// post today and is not away (typing their id into the picker, as a user would), takes
/// today as the date, and times the confirming key press to the flushed commit; then
/// the rebuild, whose result is shown as the TUI shows it.
fn one_assign(ui: &mut Ui, db: &Db, today: Date) -> (Duration, Duration) {
    let data = ui.st.loaded().unwrap().clone();
    let mut held: HashMap<&PostId, usize> = HashMap::new();
    let mut busy: HashSet<&StaffId> = HashSet::new();
    for a in data.ds.assignments.values() {
        if a.covers(today) && !a.concurrent {
            *held.entry(&a.post).or_default() += 1;
            busy.insert(&a.staff);
        }
    }
    let mut free = data
        .ds
        .staff
        .values()
        .filter(|p| !busy.contains(&p.id) && !p.is_away_on(today))
        .map(|p| p.id.clone());
    for _ in 0..100_000 {
        ui.key("j");
        let Some(post) = ui.st.posts.selected_post().cloned() else {
            continue;
        };
        let p = &data.ds.posts[&post];
        if p.is_closed_on(today) || held.get(&post).copied().unwrap_or(0) >= p.capacity as usize {
            continue;
        }
        ui.key("a");
        let Some(Overlay::Picker(pk)) = &ui.st.overlay else {
            ui.key("<Esc>");
            continue;
        };
        let Some(person) = free.next() else {
            break;
        };
        for _ in 0..pk.query.text().chars().count() {
            ui.key("<Backspace>");
        }
        for c in person.as_str().chars() {
            ui.key(&c.to_string());
        }
        ui.key("<Enter>");
        ui.key("<Enter>");
        if !matches!(ui.st.overlay, Some(Overlay::Confirm(_))) {
            for _ in 0..3 {
                ui.key("<Esc>");
            }
            continue;
        }
        let t = Instant::now();
        ui.key("y");
        let effects = std::mem::take(&mut ui.st.effects);
        let [jinzai::app::effect::Effect::Commit { changes, draft }] = &effects[..] else {
            panic!("y made no single commit: {effects:?}");
        };
        let record = db.commit(changes, draft.clone()).expect("commit");
        let commit = t.elapsed();
        let t = Instant::now();
        let next = jinzai::tui::worker::rebuild(&data.ds, changes, today, 24);
        let rebuild = t.elapsed();
        on_msg(
            &mut ui.st,
            &ui.km,
            Msg::Committed {
                record: Box::new(record),
                data: Arc::new(next),
            },
        );
        return (commit, rebuild);
    }
    panic!("no post with a free seat and no one free to take it");
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}
