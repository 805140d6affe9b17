//! Opening the terminal UI: choose the database (the demo one for --demo, filled on
//! first use), load it, and hand over to the UI loop.

use crate::cli::args::Global;
use crate::cli::{db, paths};
use anyhow::Result;
use jinzai::demo::ministry;
use jinzai::domain::ChangeSet;
use jinzai::store::Store;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn run(g: &Global, demo: bool) -> Result<()> {
    let db = if demo {
        let dir = paths::demo_dir(g.db.as_deref())?;
        let db = db::open_dir(&dir, g.read_only)?;
        if db.store.is_empty()? && !g.read_only {
            db.store.apply(&ChangeSet::fill(&ministry(1)))?;
        }
        db
    } else {
        db::open(g)?
    };
    let ds = db.store.load()?;
    let path = paths::display(&db.dir);
    let mut terminal = ratatui::init();
    let result = (|| -> Result<()> {
        loop {
            terminal.draw(|f| {
                let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(f.area());
                f.render_widget(
                    Line::styled(" jinzai  [1 Staff] 2 Posts  3 Training  4 Rotation", Style::new().add_modifier(Modifier::BOLD)),
                    top,
                );
                let lines: Vec<Line> = ds
                    .staff
                    .values()
                    .take(body.height.saturating_sub(2) as usize)
                    .map(|s| Line::from(format!("{}  {}  {}  {}", s.id, s.name, s.kana, s.grade.ja())))
                    .collect();
                let title = format!(" {} staff · {} posts · db: {path} · q quit ", ds.staff.len(), ds.posts.len());
                f.render_widget(Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)), body);
            })?;
            if let Event::Key(k) = event::read()? {
                if k.kind == KeyEventKind::Press && matches!(k.code, KeyCode::Char('q') | KeyCode::Esc) {
                    return Ok(());
                }
            }
        }
    })();
    ratatui::restore();
    result
}
