//! The keymap file format: reading one TOML file into checked entries, with every
//! problem reported at its file:line:column. Layering files is in `mod.rs`.
//!
//! ```toml
//! preset = "vim"            # user files only: start from vim.toml instead of default.toml
//! [global]
//! bindings = [
//!   { on = ["g", "g"], run = "top", desc = "Go to top" },   # desc is optional
//!   { on = "q", run = "noop" },                              # a lone key may be a string
//! ]
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use super::error::{line_col, Problem, ProblemKind};
use super::key::{display_keys, Key};
use super::Preset;
use crate::app::action::{Action, Scope, ACTIONS, NOOP};

/// What a binding runs: an action, or `noop` (take the key away).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Run {
    Action(Action),
    Noop,
}

/// One checked `{ on, run, desc }` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub keys: Vec<Key>,
    pub run: Run,
    pub desc: Option<String>,
    pub line: usize,
    /// Byte offset of the entry in its file.
    pub offset: usize,
}

/// A checked keymap file.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeymapFile {
    pub preset: Option<Preset>,
    pub sections: BTreeMap<Scope, Vec<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    preset: Option<Spanned<String>>,
    global: Option<RawSection>,
    staff: Option<RawSection>,
    posts: Option<RawSection>,
    training: Option<RawSection>,
    rotation: Option<RawSection>,
    help: Option<RawSection>,
    input: Option<RawSection>,
    confirm: Option<RawSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    #[serde(default)]
    bindings: Vec<Spanned<RawBinding>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    on: Spanned<OnKeys>,
    run: Spanned<String>,
    desc: Option<String>,
}

/// `on = "q"` or `on = ["g", "g"]`, each key with its span.
struct OnKeys(Vec<Spanned<String>>);

impl<'de> Deserialize<'de> for OnKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Vec<Spanned<String>>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key or a list of keys, like \"q\" or [\"g\", \"g\"]")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(vec![Spanned::new(0..0, s.to_string())])
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = seq.next_element::<Spanned<String>>()? {
                    keys.push(k);
                }
                Ok(keys)
            }
        }
        d.deserialize_any(V).map(OnKeys)
    }
}

struct Checker<'a> {
    text: &'a str,
    file: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, span: &Range<usize>, kind: ProblemKind) {
        let (line, column) = line_col(self.text, span.start);
        let file = self.file.to_string();
        self.problems.push(Problem {
            file,
            line,
            column,
            kind,
        });
    }

    fn line(&self, span: &Range<usize>) -> usize {
        line_col(self.text, span.start).0
    }

    fn entry(&mut self, scope: Scope, raw: Spanned<RawBinding>) -> Option<Entry> {
        let entry_span = raw.span();
        let raw = raw.into_inner();
        let on_span = raw.on.span();
        let mut keys = Vec::new();
        let mut ok = true;
        for k in raw.on.into_inner().0 {
            // A lone string has no span of its own; point at the `on` value.
            let span = if k.span().is_empty() {
                on_span.clone()
            } else {
                k.span()
            };
            match Key::parse(k.get_ref()) {
                Ok(key) => keys.push(key),
                Err(reason) => {
                    let key = k.into_inner();
                    self.report(&span, ProblemKind::BadKey { key, reason });
                    ok = false;
                }
            }
        }
        if ok && keys.is_empty() {
            self.report(&on_span, ProblemKind::NoKeys);
            ok = false;
        }
        let run = self.run(scope, &raw.run)?;
        let line = self.line(&entry_span);
        let entry = Entry {
            keys,
            run,
            desc: raw.desc,
            line,
            offset: entry_span.start,
        };
        ok.then_some(entry)
    }

    fn run(&mut self, scope: Scope, run: &Spanned<String>) -> Option<Run> {
        let name = run.get_ref().as_str();
        if name == NOOP {
            return Some(Run::Noop);
        }
        let Some(action) = Action::from_name(name) else {
            let suggestion = suggest(name);
            let name = name.to_string();
            self.report(&run.span(), ProblemKind::UnknownAction { name, suggestion });
            return None;
        };
        let home = action.spec().scope;
        if !home.bindable_in(scope) {
            let kind = ProblemKind::WrongScope {
                action: action.name(),
                section: scope.name(),
                home: home.name(),
            };
            self.report(&run.span(), kind);
            return None;
        }
        Some(Run::Action(action))
    }
}

/// The action name nearest to `name`, if it is close enough to be a typo.
pub(crate) fn suggest(name: &str) -> Option<&'static str> {
    ACTIONS
        .iter()
        .map(|s| s.name)
        .chain([NOOP])
        .map(|n| (super::distance(name, n), n))
        .filter(|(d, n)| *d <= (n.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Reads and checks one keymap file. `file` is the name used in messages.
pub(crate) fn parse(text: &str, file: &str) -> Result<KeymapFile, Vec<Problem>> {
    let mut ck = Checker {
        text,
        file,
        problems: Vec::new(),
    };
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().lines().collect::<Vec<_>>().join("; ");
            ck.report(&span, ProblemKind::Toml(message));
            return Err(ck.problems);
        }
    };
    let mut out = KeymapFile::default();
    if let Some(p) = raw.preset {
        match Preset::from_name(p.get_ref()) {
            Some(preset) => out.preset = Some(preset),
            None => ck.report(&p.span(), ProblemKind::UnknownPreset(p.into_inner())),
        }
    }
    let sections = [
        (Scope::Global, raw.global),
        (Scope::Staff, raw.staff),
        (Scope::Posts, raw.posts),
        (Scope::Training, raw.training),
        (Scope::Rotation, raw.rotation),
        (Scope::Help, raw.help),
        (Scope::Input, raw.input),
        (Scope::Confirm, raw.confirm),
    ];
    for (scope, section) in sections {
        let Some(section) = section else { continue };
        let entries = section
            .bindings
            .into_iter()
            .filter_map(|b| ck.entry(scope, b));
        out.sections.insert(scope, entries.collect());
    }
    check_overlaps(&mut ck, &out);
    ck.problems.sort_by_key(|p| (p.line, p.column));
    if ck.problems.is_empty() {
        Ok(out)
    } else {
        Err(ck.problems)
    }
}

/// Same keys twice in a section, and a sequence that is a prefix of another in the
/// same section or across a pane and `[global]`. Reported at the later entry.
fn check_overlaps(ck: &mut Checker, file: &KeymapFile) {
    let all: Vec<(Scope, &Entry)> = file
        .sections
        .iter()
        .flat_map(|(s, es)| es.iter().map(move |e| (*s, e)))
        .collect();
    for (i, &(sa, a)) in all.iter().enumerate() {
        for &(sb, b) in &all[..i] {
            let (later, earlier, sl, se) = if a.offset >= b.offset {
                (a, b, sa, sb)
            } else {
                (b, a, sb, sa)
            };
            if sa == sb && a.keys == b.keys {
                let kind = ProblemKind::DuplicateKey {
                    keys: display_keys(&later.keys),
                    section: sl.name(),
                    first_line: earlier.line,
                };
                ck.report(&(later.offset..later.offset), kind);
            } else if related(sa, sb)
                && a.keys != b.keys
                && a.run != Run::Noop
                && b.run != Run::Noop
                && (a.keys.starts_with(&b.keys) || b.keys.starts_with(&a.keys))
            {
                let kind = ProblemKind::PrefixConflict {
                    keys: display_keys(&later.keys),
                    section: sl.name(),
                    other_keys: display_keys(&earlier.keys),
                    other_section: se.name(),
                    other_line: earlier.line,
                };
                ck.report(&(later.offset..later.offset), kind);
            }
        }
    }
}

/// Whether keys in section `a` and section `b` are looked up together.
pub(crate) fn related(a: Scope, b: Scope) -> bool {
    a == b || (a == Scope::Global && b.is_pane()) || (b == Scope::Global && a.is_pane())
}
