//! Drawing: `render(&State, …)` paints the whole screen from state alone. It never
//! touches the store and changes nothing.

mod chrome;
mod detail;
pub mod form;
mod overlays;
pub mod picker;
mod posts;
mod rotation;
mod staff;
pub mod theme;
mod training;
mod widgets;

use crate::app::state::{Pane, State};
use crate::keymap::Keymap;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;
pub use theme::{Theme, ThemeKind};
pub use widgets::count as thousands;
pub use widgets::count_signed as thousands_signed;

/// The smallest screen the panes are laid out for.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// What drawing needs besides the state.
pub struct Ui<'a> {
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
}

/// Paints the screen.
pub fn render(st: &State, ui: &Ui, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(st, ui, f, area);
        return;
    }
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::header(st, ui, f, top);
    match st.pane {
        Pane::Staff => staff::render(st, ui, f, body),
        Pane::Posts => posts::render(st, ui, f, body),
        Pane::Training => training::render(st, ui, f, body),
        Pane::Rotation => rotation::render(st, ui, f, body),
    }
    chrome::footer(st, ui, f, bottom);
    overlays::render(st, ui, f, area);
}

fn too_small(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let t = st.session.lang.texts();
    let msg = format!("{} ({}×{})", t.too_small, area.width, area.height);
    f.render_widget(
        Paragraph::new(msg)
            .style(ui.theme.warn)
            .wrap(Wrap { trim: true }),
        area,
    );
}
