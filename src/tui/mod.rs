//! The terminal loop: set up the screen, load data off the UI thread, turn terminal
//! events and worker results into messages for `update`, draw, and restore the
//! terminal on exit, on panic and on SIGTERM/SIGHUP.

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
            let msg = match loader_db.store.load().map_err(|e| e.to_string()) {
                Ok(ds) => {
                    // Search first; the posts and training panes follow.
                    let loaded = Arc::new(Loaded::searchable(ds, today, term_months));
                    if loader_tx.send(Msg::Loaded(Arc::clone(&loaded))).is_err() {
                        return;
                    }
                    loaded.fill_models(today, term_months);
                    Msg::ModelsReady
                }
                Err(e) => Msg::LoadFailed(e),
            };
            let _ = loader_tx.send(msg);
        })?;
    let jobs = worker::spawn(db, today, term_months, done_msg, tx.clone())?;
    spawn_input_reader(tx)?;
    let ui = Ui {
        keymap: &keymap,
        theme: &theme,
    };
    let mut dirty = true;
    let mut drawn_once = false;
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
                send_effects(&mut st, &jobs);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    Ok(())
}

/// Hands the effects `update` asked for to the data worker.
fn send_effects(st: &mut State, jobs: &mpsc::Sender<Job>) {
    for effect in std::mem::take(&mut st.effects) {
        let job = match effect {
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

fn on_worker_gone(st: &mut State) {
    st.saving = None;
    st.error("the writer thread has stopped; nothing more can be saved in this session");
}

/// The worker's report as a message for `update`.
fn done_msg(done: Done) -> Msg {
    match done {
        Done::Committed { record, data } => Msg::Committed { record, data },
        Done::CommitFailed(e) => Msg::CommitFailed(e),
        Done::Log(r) => Msg::LogLoaded(r),
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
