//! The terminal loop: set up the screen, load data off the UI thread, turn terminal
//! events and worker results into messages for `update`, draw, and restore the
//! terminal on exit, on panic and on SIGTERM/SIGHUP.

use crate::app::state::{Loaded, Session, State};
use crate::app::update::{on_msg, Msg};
use crate::domain::Dataset;
use crate::keymap::{Key, Keymap};
use crate::search::SearchIndex;
use crate::ui::{render, Theme, Ui};
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

/// Loads the records; runs on a worker thread.
pub type Loader = Box<dyn FnOnce() -> Result<Dataset, String> + Send>;

/// Everything the loop needs.
pub struct Launch {
    pub session: Session,
    pub keymap: Keymap,
    pub theme: Theme,
    pub load: Loader,
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
        load,
    } = launch;
    let size = terminal.size()?;
    let term_months = session.term_months;
    let today = session.today;
    let mut st = State::new(session, (size.width, size.height));
    let (tx, rx) = mpsc::channel::<Msg>();
    let loader_tx = tx.clone();
    std::thread::Builder::new()
        .name("jinzai-load".into())
        .spawn(move || {
            let msg = match load() {
                Ok(ds) => {
                    let index = SearchIndex::build(&ds, today, term_months);
                    Msg::Loaded(Arc::new(Loaded { ds, index }))
                }
                Err(e) => Msg::LoadFailed(e),
            };
            let _ = loader_tx.send(msg);
        })?;
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
            terminal.draw(|f| render(&st, &ui, f))?;
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
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    Ok(())
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
