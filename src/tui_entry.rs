//! Opening the terminal UI: choose the database (the demo one for --demo, filled on
//! first use), load the keymap (a broken one stops here with its errors), and hand
//! over to the UI loop with the loading done off the UI thread.

use crate::cli::args::Global;
use crate::cli::{db, paths};
use anyhow::{anyhow, Result};
use jinzai::app::state::Session;
use jinzai::demo::ministry;
use jinzai::i18n::Lang;
use jinzai::keymap::Keymap;
use jinzai::search::DEFAULT_TERM_MONTHS;
use jinzai::store::Store;
use jinzai::tui::{run, Launch};
use jinzai::ui::{Theme, ThemeKind};
use std::io::IsTerminal;

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
        let db = db::open_dir(&dir, g.read_only)?;
        if db.store.is_empty()? && !g.read_only {
            crate::cli::demo_fill(
                &db,
                &ministry(1),
                "demo data: fictional ministry, seed 1 (--demo)",
            )?;
        }
        db
    } else {
        db::open(g)?
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
    let session = Session {
        db_label: paths::display(&db.dir),
        user: db.actor.user.clone(),
        read_only: g.read_only,
        lang,
        today: crate::cli::today()?,
        term_months: DEFAULT_TERM_MONTHS,
    };
    run(Launch {
        session,
        keymap,
        theme: Theme::from_env(theme_kind),
        db: std::sync::Arc::new(db),
    })?;
    Ok(())
}
