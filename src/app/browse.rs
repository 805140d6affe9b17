//! What the staff, posts and training panes share: a list to move in, a filter line
//! to edit, and a detail that opens beside the list (wide screens) or over it.

use super::action::Action;
use super::posts::PostsPane;
use super::rotation::RotationPane;
use super::staff::StaffPane;
use super::training::TrainingPane;

/// The view switches of a browsing pane.
pub struct Flags<'a> {
    /// The filter (or query) line has the keys.
    pub editing: &'a mut bool,
    /// The detail is open over the list (narrow screens).
    pub detail_open: &'a mut bool,
    /// The detail beside the list is hidden (wide screens).
    pub detail_hidden: &'a mut bool,
}

/// A pane's list cursor.
pub trait Cursor {
    /// Rows in the list.
    fn rows(&self) -> usize;
    fn move_by(&mut self, delta: isize, page: usize);
    fn select(&mut self, row: usize, page: usize);
}

/// A pane with a list, a filter line and a detail.
pub trait Browse: Cursor {
    fn flags(&mut self) -> Flags<'_>;
    /// The selected row has a detail to show.
    fn has_detail(&self) -> bool;
}

/// The actions every browsing pane takes alike: moving, paging, editing the filter
/// line, showing and hiding the detail, and the first steps of Back (leave the
/// filter line, then close the detail). Returns false for an action the pane itself
/// must handle, Back included once those steps are taken.
pub fn browse(p: &mut impl Browse, action: Action, page: usize, wide: bool) -> bool {
    if move_in(p, action, page) {
        return true;
    }
    match action {
        Action::Filter => {
            let f = p.flags();
            *f.editing = true;
            *f.detail_open = false;
        }
        Action::Submit => *p.flags().editing = false,
        Action::Back => {
            let f = p.flags();
            if *f.editing {
                *f.editing = false;
            } else if *f.detail_open {
                *f.detail_open = false;
            } else {
                return false;
            }
        }
        Action::ToggleDetail => {
            let has_detail = p.has_detail();
            let f = p.flags();
            if wide {
                *f.detail_hidden = !*f.detail_hidden;
            } else {
                *f.detail_open = !*f.detail_open && has_detail;
            }
        }
        _ => return false,
    }
    true
}

/// Moving and paging in a list `page` rows high; false for any other action.
pub fn move_in(p: &mut impl Cursor, action: Action, page: usize) -> bool {
    match action {
        Action::MoveDown => p.move_by(1, page),
        Action::MoveUp => p.move_by(-1, page),
        Action::PageDown => p.move_by(page as isize, page),
        Action::PageUp => p.move_by(-(page as isize), page),
        Action::Top => p.select(0, page),
        Action::Bottom => {
            let last = p.rows().saturating_sub(1);
            p.select(last, page)
        }
        _ => return false,
    }
    true
}

macro_rules! flags {
    ($s:ident) => {
        Flags {
            editing: &mut $s.editing,
            detail_open: &mut $s.detail_open,
            detail_hidden: &mut $s.detail_hidden,
        }
    };
}

impl Cursor for StaffPane {
    fn rows(&self) -> usize {
        self.total
    }
    fn move_by(&mut self, delta: isize, page: usize) {
        StaffPane::move_by(self, delta, page)
    }
    fn select(&mut self, row: usize, page: usize) {
        StaffPane::select(self, row, page)
    }
}

impl Browse for StaffPane {
    fn flags(&mut self) -> Flags<'_> {
        flags!(self)
    }
    fn has_detail(&self) -> bool {
        self.selected_hit().is_some()
    }
}

impl Cursor for PostsPane {
    fn rows(&self) -> usize {
        self.rows.len()
    }
    fn move_by(&mut self, delta: isize, page: usize) {
        PostsPane::move_by(self, delta, page)
    }
    fn select(&mut self, row: usize, page: usize) {
        PostsPane::select(self, row, page)
    }
}

impl Browse for PostsPane {
    fn flags(&mut self) -> Flags<'_> {
        flags!(self)
    }
    fn has_detail(&self) -> bool {
        self.selected_post().is_some()
    }
}

impl Cursor for TrainingPane {
    fn rows(&self) -> usize {
        self.rows.len()
    }
    fn move_by(&mut self, delta: isize, page: usize) {
        TrainingPane::move_by(self, delta, page)
    }
    fn select(&mut self, row: usize, page: usize) {
        TrainingPane::select(self, row, page)
    }
}

impl Browse for TrainingPane {
    fn flags(&mut self) -> Flags<'_> {
        flags!(self)
    }
    fn has_detail(&self) -> bool {
        self.selected_row().is_some()
    }
}

impl Cursor for RotationPane {
    fn rows(&self) -> usize {
        self.len()
    }
    fn move_by(&mut self, delta: isize, page: usize) {
        RotationPane::move_by(self, delta, page)
    }
    fn select(&mut self, row: usize, page: usize) {
        RotationPane::select(self, row, page)
    }
}
