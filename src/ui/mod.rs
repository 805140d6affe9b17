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
    draw(st, ui, f);
    defuse(f.buffer_mut());
}

fn draw(st: &State, ui: &Ui, f: &mut Frame) {
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

/// Makes text from the records harmless to the terminal: a record that holds an
/// escape sequence, a C0 or C1 control, a bidi control or a zero-width character
/// (import refuses them, but a store may hold them all the same) must not move
/// the cursor, rewrite the screen or the clipboard, or reorder what is shown.
/// ratatui copies such characters into the cells as they are; here a cell made of
/// nothing else shows `�`, and one with them beside a visible character keeps
/// that character alone.
fn defuse(buf: &mut ratatui::buffer::Buffer) {
    let bad = |c: char| c.is_control() || crate::domain::text::is_invisible(c);
    for cell in buf.content.iter_mut() {
        let symbol = cell.symbol();
        if symbol.chars().any(bad) {
            let kept: String = symbol.chars().filter(|&c| !bad(c)).collect();
            cell.set_symbol(if kept.is_empty() { "\u{FFFD}" } else { &kept });
        }
    }
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
