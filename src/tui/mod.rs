//! The terminal loop: set up the screen, load data off the UI thread, turn terminal
//! events and worker results into messages for `update`, draw, and restore the
//! terminal on exit, on panic and on SIGTERM/SIGHUP.
//!
//! The records come from the records image when it is current (`Db::load_records`).
//! Once the panes' data is worked out, the loading thread also takes the day's
//! backup when one is due (a writable database opened with
//! `DailyBackup::Later`), from the records it loaded, and writes a new records
//! image when the one on disk was stale: the first frame and search do not wait
//! for them, and a failed backup is a warning in the status line.

use crate::app::effect::Effect;
use crate::app::state::{Loaded, Session, State};
use crate::app::update::{on_msg, Msg};
use crate::db::Db;
use crate::keymap::{Key, Keymap};
use crate::store::Store;
use crate::ui::{render, Theme, Ui};
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;
use worker::{Done, Job};

pub mod worker;

/// Everything the loop needs.
pub struct Launch {
    pub session: Session,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The database: loaded on one thread, written on another (see `worker`).
    pub db: Arc<Db>,
}

/// How long one wait for input lasts before checking signals and workers.
const TICK: Duration = Duration::from_millis(50);

/// Runs the TUI until the user quits, a signal arrives or the terminal goes away.
pub fn run(launch: Launch) -> std::io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, launch, &stop);
    if terminal_gone() {
        // A hung-up terminal has nothing to restore. Dropping the Terminal would try to
        // show the cursor and complain on the dead tty, and that complaint panics.
        std::mem::forget(terminal);
    } else {
        drop(terminal);
        ratatui::restore();
    }
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    launch: Launch,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    let Launch {
        session,
        keymap,
        theme,
        db,
    } = launch;
    let size = terminal.size()?;
    let term_months = session.term_months;
    let today = session.today;
    let mut st = State::new(session, (size.width, size.height));
    let (tx, rx) = mpsc::channel::<Msg>();
    let loader_tx = tx.clone();
    let loader_db = Arc::clone(&db);
    std::thread::Builder::new()
        .name("jinzai-load".into())
        .spawn(move || {
            // Nothing commits before the data is shown, so the records loaded are
            // the store as of this audit record.
            let seq = loader_db.store.log_last().ok();
            let msg = match loader_db.load_records().map_err(|e| e.to_string()) {
                Ok((ds, stale)) => {
                    // Search first; the posts and training panes follow.
                    let loaded = Arc::new(Loaded::searchable(ds, today, term_months));
                    if loader_tx.send(Msg::Loaded(Arc::clone(&loaded))).is_err() {
                        return;
                    }
                    // What decoding and the index left free, back before the models
                    // (built on other threads, so in other heaps) take more.
                    trim_heap();
                    loaded.fill_models(today, term_months);
                    trim_heap();
                    if loader_tx.send(Msg::ModelsReady).is_err() {
                        return;
                    }
                    let from = seq.map(|seq| (&loaded.ds, seq));
                    let backup = loader_db.daily_backup(from);
                    if let Some(key) = stale {
                        // Best effort: without it the next start reads the store.
                        let _ = loader_db.save_image(&loaded.ds, &key);
                    }
                    trim_heap();
                    match backup {
                        Ok(_) => return,
                        Err(e) => Msg::Warning(format!(
                            "the daily backup failed ({e}); the database itself is unaffected"
                        )),
                    }
                }
                Err(e) => Msg::LoadFailed(e),
            };
            let _ = loader_tx.send(msg);
            let path = crate::plan::scenario::path_in(&loader_db.dir);
            let _ = loader_tx.send(Msg::ScenariosLoaded(crate::plan::scenario::load(&path)));
        })?;
    let jobs = worker::spawn(db, today, term_months, done_msg, tx.clone())?;
    let planner_tx = tx.clone();
    spawn_input_reader(tx)?;
    let ui = Ui {
        keymap: &keymap,
        theme: &theme,
    };
    let mut dirty = true;
    let mut drawn_once = false;
    let mut ticks: u64 = 0;
    while !st.quit {
        if stop.load(Ordering::Relaxed) || terminal_gone() {
            break;
        }
        if dirty {
            if let Err(e) = terminal.draw(|f| render(&st, &ui, f)) {
                // The terminal hung up since the check above: leave as if it had
                // been seen there, rather than report an error nobody can read.
                if terminal_gone() {
                    break;
                }
                return Err(e);
            }
            dirty = false;
            if !drawn_once {
                drawn_once = true;
                test_panic_hook();
            }
        }
        match rx.recv_timeout(TICK) {
            Ok(msg) => {
                on_msg(&mut st, &keymap, msg);
                dirty = true;
                while let Ok(msg) = rx.try_recv() {
                    on_msg(&mut st, &keymap, msg);
                }
                send_effects(&mut st, &jobs, &planner_tx);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // A plan being worked out shows how long it has taken.
                ticks += 1;
                if st.rotation.running.is_some() && ticks % 5 == 0 {
                    dirty = true;
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    Ok(())
}

/// Gives the memory that loading used and freed back to the system (decoding and
/// building on several threads leaves free space in several heaps, which glibc
/// keeps otherwise).
pub fn trim_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Hands the effects `update` asked for to the data worker.
fn send_effects(st: &mut State, jobs: &mpsc::Sender<Job>, planner: &mpsc::Sender<Msg>) {
    for effect in std::mem::take(&mut st.effects) {
        let job = match effect {
            Effect::RunPlan {
                id,
                inputs,
                today,
                progress,
            } => {
                if let Some(base) = st.loaded() {
                    plan_off_thread(st, Arc::clone(base), planner.clone(), move |d| {
                        let result =
                            crate::app::rotation::compute_watched(&d.ds, &inputs, today, &progress);
                        Msg::PlanDone {
                            id,
                            result: result.map(Arc::new),
                        }
                    });
                }
                continue;
            }
            Effect::Compare {
                id,
                scenarios,
                today,
            } => {
                if let Some(base) = st.loaded() {
                    plan_off_thread(st, Arc::clone(base), planner.clone(), move |d| {
                        Msg::Compared {
                            id,
                            result: crate::app::rotation::compare(&d.ds, &scenarios, today),
                        }
                    });
                }
                continue;
            }
            Effect::SaveScenarios(list) => Job::SaveScenarios(list),
            Effect::Export { path, text } => Job::Export { path, text },
            Effect::Commit { changes, draft } => match st.loaded() {
                Some(base) => Job::Commit {
                    changes,
                    draft,
                    base: Arc::clone(base),
                },
                None => continue,
            },
            Effect::ReadLog => Job::ReadLog,
        };
        if jobs.send(job).is_err() {
            on_worker_gone(st);
        }
    }
}

/// Does an effect at once on this thread, as the worker and the planner threads
/// would, and returns the message they would send. For tests and scripts that drive
/// `update` without a terminal.
pub fn perform_now(db: &Db, st: &State, effect: Effect) -> Option<Msg> {
    let (today, term) = (st.session.today, st.session.term_months);
    let job = match effect {
        Effect::RunPlan {
            id,
            inputs,
            today,
            progress,
        } => {
            let d = st.loaded()?;
            let result = crate::app::rotation::compute_watched(&d.ds, &inputs, today, &progress);
            return Some(Msg::PlanDone {
                id,
                result: result.map(Arc::new),
            });
        }
        Effect::Compare {
            id,
            scenarios,
            today,
        } => {
            let d = st.loaded()?;
            return Some(Msg::Compared {
                id,
                result: crate::app::rotation::compare(&d.ds, &scenarios, today),
            });
        }
        Effect::Commit { changes, draft } => Job::Commit {
            changes,
            draft,
            base: Arc::clone(st.loaded()?),
        },
        Effect::ReadLog => Job::ReadLog,
        Effect::SaveScenarios(list) => Job::SaveScenarios(list),
        Effect::Export { path, text } => Job::Export { path, text },
    };
    Some(done_msg(worker::run(db, job, today, term, |_| ())))
}

/// Works out a plan on a thread of its own, so that the screen and the writer go on;
/// a newer run's result replaces it (see `RotationPane::finished`).
fn plan_off_thread(
    st: &mut State,
    data: Arc<Loaded>,
    tx: mpsc::Sender<Msg>,
    work: impl FnOnce(&Loaded) -> Msg + Send + 'static,
) {
    let spawned = std::thread::Builder::new()
        .name("jinzai-plan".into())
        .spawn(move || {
            let _ = tx.send(work(&data));
        });
    if let Err(e) = spawned {
        st.rotation.running = None;
        st.error(format!("cannot start the planner: {e}"));
    }
}

fn on_worker_gone(st: &mut State) {
    st.saving = None;
    st.error("the writer thread has stopped; nothing more can be saved in this session");
}

/// The worker's report as a message for `update`.
fn done_msg(done: Done) -> Msg {
    match done {
        Done::Saved(record) => Msg::Saved(record),
        Done::Committed { record, data } => Msg::Committed { record, data },
        Done::CommitFailed(e) => Msg::CommitFailed(e),
        Done::Log(r) => Msg::LogLoaded(r),
        Done::ScenariosSaved(r) => Msg::ScenariosSaved(r),
        Done::Exported(r) => Msg::Exported(r),
    }
}

/// Reads terminal events on their own thread and sends them on as messages. crossterm
/// never returns from a read once the tty has hung up, so the UI loop must not be the
/// one reading: it watches for the hang-up itself and leaves, and the process ends
/// this thread with it.
fn spawn_input_reader(tx: mpsc::Sender<Msg>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("jinzai-input".into())
        .spawn(move || loop {
            let msg = match event::read() {
                Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match Key::from_event(&k) {
                    Some(key) => Msg::Key(key),
                    None => continue,
                },
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                Ok(_) => continue,
                Err(_) => break,
            };
            if tx.send(msg).is_err() {
                break;
            }
        })?;
    Ok(())
}

/// Test hook, not a feature: the end-to-end tests (tests/e2e.rs) set JINZAI_TEST_PANIC
/// to make the binary panic right after its first frame, to check that the panic hook
/// installed by `ratatui::try_init` restores the terminal. Does nothing otherwise.
fn test_panic_hook() {
    if std::env::var_os("JINZAI_TEST_PANIC").is_some_and(|v| !v.is_empty()) {
        panic!("test panic");
    }
}

/// Whether the terminal has hung up: poll(2) reports POLLHUP, POLLERR or POLLNVAL on
/// standard output (which `tui_entry` checked is a terminal) once its other end closes.
fn terminal_gone() -> bool {
    let mut fds = libc::pollfd {
        fd: libc::STDOUT_FILENO,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}
