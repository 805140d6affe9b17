//! Opening the terminal UI: choose the database (the demo one for --demo, filled on
//! first use), load the keymap (a broken one stops here with its errors), and hand
//! over to the UI loop with the loading done off the UI thread. The day's backup
//! is taken after the load, on the loading thread (see `jinzai::tui`), so it
//! does not hold up the first frame.

use crate::cli::args::Global;
use crate::cli::db::Db;
use crate::cli::{db, paths};
use anyhow::{anyhow, Result};
use jinzai::app::state::Session;
use jinzai::db::DailyBackup;
use jinzai::demo::ministry;
use jinzai::i18n::Lang;
use jinzai::keymap::Keymap;
use jinzai::search::DEFAULT_TERM_MONTHS;
use jinzai::store::Store;
use jinzai::tui::{run, Launch};
use jinzai::ui::{Theme, ThemeKind};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn run_tui(g: &Global, demo: bool) -> Result<()> {
    let mut keymap = Keymap::load(g.keymap.as_deref()).map_err(|e| anyhow!("{e}"))?;
    keymap.set_read_only(g.read_only);
    if !std::io::stdout().is_terminal() {
        return Err(anyhow!(
            "the TUI needs a terminal; use a subcommand (jinzai --help) in scripts"
        ));
    }
    let db = if demo {
        let dir = paths::demo_dir(g.db.as_deref())?;
        let db = db::open_dir_with(&dir, g.read_only, DailyBackup::Later)?;
        if db.store.is_empty()? && !g.read_only {
            crate::cli::demo_fill(
                &db,
                &ministry(1),
                "demo data: fictional ministry, seed 1 (--demo)",
            )?;
        }
        db
    } else {
        let dir = paths::db_dir(g.db.as_deref())?;
        db::open_dir_with(&dir, g.read_only, DailyBackup::Later)?
    };
    let lang = match g.lang {
        Some(crate::cli::args::Lang::Ja) => Lang::Ja,
        Some(crate::cli::args::Lang::En) => Lang::En,
        None => Lang::from_env(),
    };
    let theme_kind = match &g.theme {
        Some(t) => ThemeKind::parse(t)
            .ok_or_else(|| anyhow!("unknown theme '{t}'; use default, light or high-contrast"))?,
        None => ThemeKind::default(),
    };
    // A read-only TUI on a database another jinzai writes shows its snapshot,
    // and says so in the header.
    let db_label = match db.reading() {
        Some(r) => format!(
            "{} (snapshot of {}, open by {})",
            paths::display(&db.dir),
            jinzai::db::lock::local_time(r.meta.taken),
            r.holder
                .as_ref()
                .map_or("another process", |h| h.user.as_str())
        ),
        None => paths::display(&db.dir),
    };
    let session = Session {
        db_label,
        user: db.actor.user.clone(),
        read_only: g.read_only,
        lang,
        today: crate::cli::today()?,
        term_months: DEFAULT_TERM_MONTHS,
    };
    let db = Arc::new(db);
    let result = run(Launch {
        session,
        keymap,
        theme: Theme::from_env(theme_kind),
        db: Arc::clone(&db),
    });
    close(db);
    result?;
    Ok(())
}

/// Closes the database once the UI's threads have let go of it, so the lock file
/// is removed and the next jinzai does not find a stale one; a thread still busy
/// after a moment does not hold up the exit, but the lock goes anyway.
fn close(mut db: Arc<Db>) {
    let deadline = Instant::now() + Duration::from_millis(1000);
    loop {
        match Arc::try_unwrap(db) {
            Ok(db) => return drop(db),
            Err(shared) if Instant::now() < deadline => {
                db = shared;
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(shared) => {
                // The busy thread ends with the process; sled has flushed every
                // commit already.
                shared.release_lock();
                return;
            }
        }
    }
}
