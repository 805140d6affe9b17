//! Overlays drawn over a pane: the key help, the command palette, and the yes/no
//! confirmation. Each keeps its own small state.

use super::action::{Action, Scope, ACTIONS};
use super::text_input::TextInput;
use crate::keymap::Keymap;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

pub enum Overlay {
    Help(HelpState),
    Palette(PaletteState),
    Confirm(Confirm),
    /// Choosing the person for a post.
    Picker(super::picker::StaffPicker),
    /// A form: a date for an assignment, or a record being edited.
    Form(super::flows::FormFlow),
    /// The audit log.
    Log(super::effect::LogView),
}

/// The key help: every binding of the active keymap, filtered by what is typed.
#[derive(Debug, Default)]
pub struct HelpState {
    pub filter: TextInput,
    pub scroll: usize,
}

/// One line of the help list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    pub scope: Scope,
    pub keys: String,
    pub desc: String,
    pub name: &'static str,
}

/// Every binding, grouped by section (global, then the pane in focus, then the other
/// panes and the overlays), filtered by the help's filter text.
pub fn help_lines(km: &Keymap, pane: Scope, filter: &str, ja: bool) -> Vec<HelpLine> {
    let first = [Scope::Global, pane];
    let order = first
        .into_iter()
        .chain(Scope::ALL.into_iter().filter(|s| !first.contains(s)));
    let needle = filter.trim().to_lowercase();
    let mut out = Vec::new();
    for scope in order {
        for e in km.bindings_for(scope) {
            let line = HelpLine {
                scope,
                keys: e.keys.join("  "),
                desc: e.description(ja).to_string(),
                name: e.action.name(),
            };
            let hay = format!(
                "{} {} {} {}",
                line.keys,
                line.desc,
                line.name,
                e.action.spec().desc(!ja)
            )
            .to_lowercase();
            if needle.is_empty() || needle.split_whitespace().all(|w| hay.contains(w)) {
                out.push(line);
            }
        }
    }
    out
}

/// The command palette: every action reachable from the pane, fuzzy-matched by name
/// and description.
#[derive(Debug, Default)]
pub struct PaletteState {
    pub input: TextInput,
    pub selected: usize,
    pub matches: Vec<PaletteEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteEntry {
    pub action: Action,
    pub keys: Vec<String>,
    pub score: i64,
}

/// Ranks the commands for the palette's text: best first, ties in registry order.
pub fn palette_matches(km: &Keymap, pane: Scope, text: &str, ja: bool) -> Vec<PaletteEntry> {
    let matcher = SkimMatcherV2::default();
    let mut out: Vec<(PaletteEntry, usize)> = Vec::new();
    for cmd in km.commands(pane) {
        let spec = cmd.action.spec();
        let hay = format!(
            "{} {} {}",
            spec.name.replace('_', " "),
            spec.desc(ja),
            spec.desc(!ja)
        );
        let score = if text.trim().is_empty() {
            Some(0)
        } else {
            matcher.fuzzy_match(&hay, text.trim())
        };
        if let Some(score) = score {
            let order = ACTIONS
                .iter()
                .position(|a| a.action == cmd.action)
                .unwrap_or(usize::MAX);
            out.push((
                PaletteEntry {
                    action: cmd.action,
                    keys: cmd.keys,
                    score,
                },
                order,
            ));
        }
    }
    out.sort_by(|a, b| b.0.score.cmp(&a.0.score).then(a.1.cmp(&b.1)));
    out.into_iter().map(|(e, _)| e).collect()
}

/// What a confirmed question goes on to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deferred {
    Quit,
    /// Write a checked change (and, on "no", go back to the form it came from).
    Commit(Box<super::flows::Prepared>),
}

/// A yes/no question before something that cannot be taken back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub then: Deferred,
}
