//! The whole state of the TUI. `update` changes it; `ui::render` draws it; nothing
//! here draws or does IO.

use super::action::Scope;
use super::overlay::Overlay;
use super::posts::PostsPane;
use super::rotation::RotationPane;
use super::staff::StaffPane;
use super::training::TrainingPane;
use crate::domain::{Dataset, Date};
use crate::i18n::Lang;
use crate::keymap::Pending;
use crate::search::SearchIndex;
use std::sync::{Arc, OnceLock};

/// The four panes, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Staff,
    Posts,
    Training,
    Rotation,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Staff, Pane::Posts, Pane::Training, Pane::Rotation];

    pub fn scope(self) -> Scope {
        match self {
            Pane::Staff => Scope::Staff,
            Pane::Posts => Scope::Posts,
            Pane::Training => Scope::Training,
            Pane::Rotation => Scope::Rotation,
        }
    }

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % Pane::ALL.len()]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }
}

/// The records and what the panes work out from them (the search index, the posts
/// tree, the training lists), built off the UI thread. The loader delivers the index
/// first, so that search works as soon as it can, and fills the two pane models
/// right after (`Msg::ModelsReady`); until then those panes say "loading".
pub struct Loaded {
    pub ds: Dataset,
    pub index: SearchIndex,
    pub posts: OnceLock<super::posts::PostsModel>,
    pub training: OnceLock<super::training::TrainingModel>,
}

impl Loaded {
    /// Works out everything the panes need from the records, as of `today`.
    pub fn new(ds: Dataset, today: Date, term_months: u32) -> Loaded {
        let loaded = Loaded::searchable(ds, today, term_months);
        loaded.fill_models(today, term_months);
        loaded
    }

    /// The records and the search index only; `fill_models` adds the rest.
    pub fn searchable(ds: Dataset, today: Date, term_months: u32) -> Loaded {
        let index = SearchIndex::build(&ds, today, term_months);
        Loaded {
            ds,
            index,
            posts: OnceLock::new(),
            training: OnceLock::new(),
        }
    }

    /// Works out the posts tree and the training lists (each on its own thread).
    pub fn fill_models(&self, today: Date, term_months: u32) {
        std::thread::scope(|sc| {
            let training = sc.spawn(|| super::training::TrainingModel::build(&self.ds, today));
            let posts = super::posts::PostsModel::build(&self.ds, today, term_months);
            let _ = self.posts.set(posts);
            match training.join() {
                Ok(t) => {
                    let _ = self.training.set(t);
                }
                Err(e) => std::panic::resume_unwind(e),
            }
        });
    }
}

/// Where loading stands.
#[derive(Clone)]
pub enum Data {
    Loading,
    Ready(Arc<Loaded>),
    Failed(String),
}

/// A message in the status bar until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Facts about the session shown in the header and status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub db_label: String,
    pub user: String,
    pub read_only: bool,
    pub lang: Lang,
    pub today: Date,
    pub term_months: u32,
}

/// Everything the screen shows.
pub struct State {
    pub session: Session,
    pub pane: Pane,
    pub overlay: Option<Overlay>,
    pub staff: StaffPane,
    pub posts: PostsPane,
    pub training: TrainingPane,
    pub rotation: RotationPane,
    pub data: Data,
    /// Hide birth year, notes and wishes (screen sharing).
    pub privacy: bool,
    pub status: Option<Status>,
    pub pending: Pending,
    /// Terminal size in cells.
    pub size: (u16, u16),
    pub quit: bool,
    /// Requests for the data worker, taken by the loop after each message.
    pub effects: Vec<super::effect::Effect>,
    /// A change is being written; another waits until it is done.
    pub saving: Option<super::effect::InFlight>,
    /// Changes made in this run, newest last: what `u` undoes.
    pub made: Vec<super::effect::MadeChange>,
}

impl State {
    pub fn new(session: Session, size: (u16, u16)) -> State {
        State {
            session,
            pane: Pane::Staff,
            overlay: None,
            // The query line starts focused: a name can be typed at once, even
            // while the data is still loading.
            staff: StaffPane::focused(),
            posts: PostsPane::default(),
            training: TrainingPane::default(),
            rotation: RotationPane::default(),
            data: Data::Loading,
            privacy: false,
            status: None,
            pending: Pending::default(),
            size,
            quit: false,
            effects: Vec::new(),
            saving: None,
            made: Vec::new(),
        }
    }

    pub fn loaded(&self) -> Option<&Arc<Loaded>> {
        match &self.data {
            Data::Ready(l) => Some(l),
            _ => None,
        }
    }

    /// The keymap section that has focus.
    pub fn focus(&self) -> Scope {
        match &self.overlay {
            Some(Overlay::Help(_)) => Scope::Help,
            Some(Overlay::Palette(_)) => Scope::Input,
            Some(Overlay::Confirm(_)) => Scope::Confirm,
            Some(Overlay::Picker(_)) => Scope::Input,
            // Forms read their keys themselves (see update::handle_key); the input
            // section's hints (Enter, Esc, arrows) fit them.
            Some(Overlay::Form(_)) => Scope::Input,
            Some(Overlay::Log(_)) => Scope::Help,
            None if self.pane == Pane::Staff && self.staff.editing => Scope::Input,
            None if self.pane == Pane::Posts && self.posts.editing => Scope::Input,
            None if self.pane == Pane::Training && self.training.editing => Scope::Input,
            None => self.pane.scope(),
        }
    }

    /// Shows new data (loaded, or rebuilt after a change): the staff results, the
    /// posts tree and the training pane are worked out again, keeping the query,
    /// folds and selection.
    pub fn install(&mut self, data: Arc<Loaded>) {
        let page = super::staff::page_rows(self.size.1);
        let keep = (self.staff.selected_hit()).map(|h| (h.id.clone(), self.staff.selected));
        self.staff.refresh(&data, page);
        if let Some((id, near)) = keep {
            self.staff.reselect(&id, near, &data, page);
        }
        self.data = Data::Ready(data);
        self.install_models();
    }

    /// Shows the posts tree and training lists of the loaded data, once worked out.
    pub fn install_models(&mut self) {
        let Data::Ready(data) = &self.data else {
            return;
        };
        let data = Arc::clone(data);
        let (today, term) = (self.session.today, self.session.term_months);
        self.posts
            .load(&data, today, term, super::posts::page_rows(self.size.1));
        self.training
            .load(&data, today, super::training::page_rows(self.size.1));
        self.sync_post_detail();
    }

    /// Re-runs the staff query, when the data is loaded.
    pub fn refresh_staff(&mut self) {
        if let Data::Ready(d) = &self.data {
            let d = d.clone();
            self.staff.refresh(&d, super::staff::page_rows(self.size.1));
        }
    }

    /// Re-sorts the staff results, when the data is loaded.
    pub fn resort_staff(&mut self) {
        if let Data::Ready(d) = &self.data {
            let d = d.clone();
            self.staff.resort(&d, super::staff::page_rows(self.size.1));
        }
    }

    /// Builds and marks the staff rows on screen.
    pub fn fill_staff(&mut self) {
        if let Data::Ready(d) = &self.data {
            let d = d.clone();
            self.staff
                .fill_visible(&d, super::staff::page_rows(self.size.1));
        }
    }

    /// Works out the selected post's detail when the selection moved to another post.
    pub fn sync_post_detail(&mut self) {
        if let Data::Ready(d) = &self.data {
            let d = d.clone();
            self.posts.sync_detail(&d.ds);
        }
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// Whether the layout has room for the detail column beside the list.
    pub fn wide(&self) -> bool {
        self.size.0 >= 110
    }
}
