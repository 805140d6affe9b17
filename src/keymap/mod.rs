//! The keymap: which key sequence runs which `Action` in which scope. Loads the shipped
//! defaults (embedded from `keymaps/*.toml`), layers the user's file over them, and
//! answers the listings the help overlay and the command palette are drawn from.
//! Key syntax is in `key.rs`, the file format in `file.rs`, key-by-key resolution with
//! pending prefixes in `resolve.rs`.

mod error;
mod file;
pub mod key;
mod resolve;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use error::{KeymapError, Problem, ProblemKind};
pub use key::{display_keys, Code, Key, KeyError};
pub use resolve::{Pending, Resolved};

use crate::app::action::{Action, Scope, ACTIONS};
use file::{Entry, KeymapFile, Run};

/// A shipped keymap a user file can start from with `preset = "..."`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preset {
    Default,
    Vim,
    Emacs,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::Default, Preset::Vim, Preset::Emacs];

    pub fn name(self) -> &'static str {
        match self {
            Preset::Default => "default",
            Preset::Vim => "vim",
            Preset::Emacs => "emacs",
        }
    }

    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The file name used in error messages, e.g. `keymaps/vim.toml`.
    pub fn file_name(self) -> &'static str {
        match self {
            Preset::Default => "keymaps/default.toml",
            Preset::Vim => "keymaps/vim.toml",
            Preset::Emacs => "keymaps/emacs.toml",
        }
    }

    /// The shipped TOML text.
    pub fn source(self) -> &'static str {
        match self {
            Preset::Default => include_str!("../../keymaps/default.toml"),
            Preset::Vim => include_str!("../../keymaps/vim.toml"),
            Preset::Emacs => include_str!("../../keymaps/emacs.toml"),
        }
    }
}

/// One key sequence bound to an action in one section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    /// The file's own `desc`, if it gave one.
    pub desc: Option<String>,
}

/// One line of the help overlay: an action and every key that runs it in one section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    /// Key sequences in keymap syntax, e.g. `["j", "<Down>"]`.
    pub keys: Vec<String>,
    pub action: Action,
    /// The file's `desc` for the first of these keys, if it gave one.
    pub desc: Option<String>,
}

impl HelpEntry {
    /// The file's `desc` if it gave one, else the action's own description.
    pub fn description(&self, japanese: bool) -> &str {
        match &self.desc {
            Some(d) => d,
            None => self.action.spec().desc(japanese),
        }
    }
}

/// One row of the command palette: an action and the keys that run it where it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub action: Action,
    pub keys: Vec<String>,
}

/// The bindings in force, by section, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    sections: BTreeMap<Scope, Vec<Binding>>,
    /// Key sequences a pane section set to `noop`: they, and everything starting with
    /// them, stay unbound in that pane instead of falling back to `[global]`.
    unbound: BTreeMap<Scope, Vec<Vec<Key>>>,
    read_only: bool,
}

impl Keymap {
    /// A shipped keymap on its own.
    pub fn preset(preset: Preset) -> Result<Keymap, KeymapError> {
        let file =
            file::parse(preset.source(), preset.file_name()).map_err(KeymapError::Invalid)?;
        let mut map = Keymap::default();
        map.layer(&file);
        Ok(map)
    }

    /// The shipped default keymap.
    pub fn builtin() -> Result<Keymap, KeymapError> {
        Keymap::preset(Preset::Default)
    }

    /// The user's keymap text (named `file` in messages) layered over the default, or
    /// over the preset it names with `preset = "..."`.
    pub fn from_user_str(text: &str, file: &str) -> Result<Keymap, KeymapError> {
        let user = file::parse(text, file).map_err(KeymapError::Invalid)?;
        let mut map = Keymap::preset(user.preset.unwrap_or(Preset::Default))?;
        map.layer(&user);
        Ok(map)
    }

    /// `--keymap FILE` if given (it must exist), else `~/.config/jinzai/keymap.toml` if
    /// it exists, layered over the defaults; else the defaults alone.
    pub fn load(explicit: Option<&Path>) -> Result<Keymap, KeymapError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match Keymap::user_path().filter(|p| p.is_file()) {
                Some(p) => p,
                None => return Keymap::builtin(),
            },
        };
        let text = std::fs::read_to_string(&path).map_err(|source| KeymapError::Read {
            path: path.clone(),
            source,
        })?;
        Keymap::from_user_str(&text, &path.display().to_string())
    }

    /// Where the user's keymap file lives: `<config dir>/jinzai/keymap.toml`.
    pub fn user_path() -> Option<PathBuf> {
        dirs::config_dir().map(|d| d.join("jinzai").join("keymap.toml"))
    }

    /// Hides actions that change data (`--read-only`): their keys resolve to nothing
    /// and they leave every listing.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Whether `action` may run at all (false for mutating actions when read-only).
    pub fn allows(&self, action: Action) -> bool {
        !(self.read_only && action.spec().mutating)
    }

    /// The bindings of one section as stored, read-only filtering applied.
    pub fn bindings(&self, scope: Scope) -> impl Iterator<Item = &Binding> {
        self.sections
            .get(&scope)
            .into_iter()
            .flatten()
            .filter(|b| self.allows(b.action))
    }

    /// The help overlay's lines for one section (not its fallbacks), one per action,
    /// in the order the file first binds each action.
    pub fn bindings_for(&self, scope: Scope) -> Vec<HelpEntry> {
        let mut out: Vec<HelpEntry> = Vec::new();
        for b in self.bindings(scope) {
            let keys = display_keys(&b.keys);
            match out.iter_mut().find(|e| e.action == b.action) {
                Some(e) => e.keys.push(keys),
                None => out.push(HelpEntry {
                    keys: vec![keys],
                    action: b.action,
                    desc: b.desc.clone(),
                }),
            }
        }
        out
    }

    /// The palette's rows while `scope` has focus: global actions and the pane's own,
    /// in registry order, each with the keys that run it there.
    pub fn commands(&self, scope: Scope) -> Vec<Command> {
        ACTIONS
            .iter()
            .filter(|s| (s.scope == Scope::Global || s.scope == scope) && self.allows(s.action))
            .map(|s| Command {
                action: s.action,
                keys: self.keys_for(s.action, scope),
            })
            .collect()
    }

    /// Lays `file` over this keymap. A binding replaces the one with the same keys in
    /// its section and drops any it overlaps by prefix there (and, from `[global]`, in
    /// the panes too, since those would hide it); `noop` removes the keys and every
    /// longer sequence starting with them, and in a pane also hides them in `[global]`.
    fn layer(&mut self, file: &KeymapFile) {
        for (&scope, entries) in &file.sections {
            for e in entries {
                self.apply(scope, e);
            }
        }
    }

    fn apply(&mut self, scope: Scope, e: &Entry) {
        for (&s, list) in self.sections.iter_mut() {
            let hit = s == scope || (scope == Scope::Global && s.is_pane());
            if !hit {
                continue;
            }
            list.retain(|b| {
                let overlaps = match e.run {
                    Run::Noop => b.keys.starts_with(&e.keys),
                    Run::Action(_) => b.keys.starts_with(&e.keys) || e.keys.starts_with(&b.keys),
                };
                // Keep an exact match in the entry's own section: it is replaced in place.
                !overlaps || (s == scope && b.keys == e.keys && matches!(e.run, Run::Action(_)))
            });
        }
        let overlaps = |m: &Vec<Key>| m.starts_with(&e.keys) || e.keys.starts_with(m);
        for (&s, masks) in self.unbound.iter_mut() {
            if s == scope || (scope == Scope::Global && s.is_pane()) {
                masks.retain(|m| !overlaps(m));
            }
        }
        let Run::Action(action) = e.run else {
            if scope.is_pane() {
                self.unbound.entry(scope).or_default().push(e.keys.clone());
            }
            return;
        };
        let binding = Binding {
            keys: e.keys.clone(),
            action,
            desc: e.desc.clone(),
        };
        let list = self.sections.entry(scope).or_default();
        match list.iter_mut().find(|b| b.keys == e.keys) {
            Some(b) => *b = binding,
            None => list.push(binding),
        }
    }
}

/// Edit distance with adjacent transpositions (optimal string alignment), in chars.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests;
