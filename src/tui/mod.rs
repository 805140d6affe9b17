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
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, launch, &stop);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, launch: Launch, stop: &AtomicBool) -> std::io::Result<()> {
    let Launch { session, keymap, theme, load } = launch;
    let size = terminal.size()?;
    let term_months = session.term_months;
    let today = session.today;
    let mut st = State::new(session, (size.width, size.height));
    let (tx, rx) = mpsc::channel::<Msg>();
    std::thread::Builder::new().name("jinzai-load".into()).spawn(move || {
        let msg = match load() {
            Ok(ds) => {
                let index = SearchIndex::build(&ds, today, term_months);
                Msg::Loaded(Arc::new(Loaded { ds, index }))
            }
            Err(e) => Msg::LoadFailed(e),
        };
        let _ = tx.send(msg);
    })?;
    let ui = Ui { keymap: &keymap, theme: &theme };
    let mut dirty = true;
    let mut drawn_once = false;
    while !st.quit {
        if stop.load(Ordering::Relaxed) {
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
        while let Ok(msg) = rx.try_recv() {
            on_msg(&mut st, &keymap, msg);
            dirty = true;
        }
        // A terminal that has gone away makes poll/read fail: leave instead of spinning.
        if event::poll(TICK)? {
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    if let Some(key) = Key::from_event(&k) {
                        on_msg(&mut st, &keymap, Msg::Key(key));
                        dirty = true;
                    }
                }
                Event::Resize(w, h) => {
                    on_msg(&mut st, &keymap, Msg::Resize(w, h));
                    dirty = true;
                }
                _ => {}
            }
        }
    }
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
