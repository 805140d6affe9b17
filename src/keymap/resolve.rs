//! Turning key presses into actions one key at a time: a sequence like `g g` leaves a
//! pending prefix after the first key (shown in the status bar) and resolves on the
//! second. Pane sections are searched before `[global]`; Esc drops a pending prefix.

use super::key::{display_keys, Code, Key};
use super::{HelpEntry, Keymap};
use crate::app::action::{Action, Scope};

/// Keys typed so far that start a longer binding. Kept in the app's state; clear it
/// when focus moves to another scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pending {
    keys: Vec<Key>,
}

impl Pending {
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn clear(&mut self) {
        self.keys.clear();
    }

    /// The prefix as the status bar shows it, e.g. `g`; empty when nothing is pending.
    pub fn display(&self) -> String {
        display_keys(&self.keys)
    }
}

/// What one key press came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A whole binding was typed: run this.
    Action(Action),
    /// These keys start a longer binding; wait for the next key.
    Pending(Vec<Key>),
    /// Esc dropped a pending prefix; do nothing else with this Esc.
    Cancelled,
    /// No binding. In `Scope::Input` the app types the key into the line.
    Unbound,
}

/// What a key sequence matches in one scope chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lookup {
    Exact(Action),
    Prefix,
    Nothing,
}

impl Keymap {
    /// Feeds one key press while `scope` has focus. `pending` carries a prefix from
    /// earlier keys and is updated: kept on `Pending`, cleared otherwise.
    pub fn feed(&self, pending: &mut Pending, scope: Scope, key: Key) -> Resolved {
        if !pending.is_empty() && key == Key::plain(Code::Esc) {
            pending.clear();
            return Resolved::Cancelled;
        }
        let mut seq = std::mem::take(&mut pending.keys);
        seq.push(key);
        match self.lookup(scope, &seq) {
            Lookup::Exact(action) => Resolved::Action(action),
            Lookup::Prefix => {
                pending.keys = seq.clone();
                Resolved::Pending(seq)
            }
            Lookup::Nothing => Resolved::Unbound,
        }
    }

    /// The action a whole key sequence runs in `scope`, if any.
    pub fn action_for(&self, scope: Scope, keys: &[Key]) -> Option<Action> {
        match self.lookup(scope, keys) {
            Lookup::Exact(a) => Some(a),
            _ => None,
        }
    }

    fn lookup(&self, scope: Scope, seq: &[Key]) -> Lookup {
        for &s in scope.chain() {
            let mut prefix = false;
            for b in self.bindings(s) {
                if b.keys == seq {
                    return Lookup::Exact(b.action);
                }
                prefix |= b.keys.starts_with(seq);
            }
            if prefix {
                return Lookup::Prefix;
            }
            if self.is_masked(s, seq) {
                return Lookup::Nothing;
            }
        }
        Lookup::Nothing
    }

    /// Whether a pane's `noop` entries keep `seq` from falling back to `[global]`.
    fn is_masked(&self, scope: Scope, seq: &[Key]) -> bool {
        let mut masks = self.unbound.get(&scope).into_iter().flatten();
        masks.any(|m| seq.starts_with(m))
    }

    /// Every key sequence that runs `action` while `scope` has focus, pane keys first,
    /// leaving out global keys the pane hides. For the palette and key hints.
    pub fn keys_for(&self, action: Action, scope: Scope) -> Vec<String> {
        let mut out = Vec::new();
        for &s in scope.chain() {
            for b in self.bindings(s) {
                if b.action == action && self.lookup(scope, &b.keys) == Lookup::Exact(action) {
                    let k = display_keys(&b.keys);
                    if !out.contains(&k) {
                        out.push(k);
                    }
                }
            }
        }
        out
    }

    /// The bindings that could finish a pending prefix, for a which-key style hint:
    /// `keys` holds only the keys still to type.
    pub fn continuations(&self, scope: Scope, pending: &Pending) -> Vec<HelpEntry> {
        let prefix = pending.keys();
        let mut out = Vec::new();
        for &s in scope.chain() {
            for b in self.bindings(s) {
                if b.keys.len() > prefix.len()
                    && b.keys.starts_with(prefix)
                    && self.lookup(scope, &b.keys) == Lookup::Exact(b.action)
                {
                    let keys = vec![display_keys(&b.keys[prefix.len()..])];
                    out.push(HelpEntry {
                        keys,
                        action: b.action,
                        desc: b.desc.clone(),
                    });
                }
            }
        }
        out
    }
}
