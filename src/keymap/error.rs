//! Keymap loading errors: each `Problem` names the file, line and column; a
//! `KeymapError` carries every problem found so the user can fix them in one go.

use std::fmt;
use std::path::PathBuf;

use super::key::KeyError;

/// One thing wrong in a keymap file, at `file:line:column` (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.kind
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    /// TOML syntax, or the file's shape (unknown section, missing `run`, wrong type).
    #[error("{0}")]
    Toml(String),
    #[error("unknown action '{name}'{}", did_you_mean(.suggestion))]
    UnknownAction {
        name: String,
        suggestion: Option<&'static str>,
    },
    #[error("bad key '{key}': {reason}")]
    BadKey { key: String, reason: KeyError },
    #[error("'on' needs at least one key")]
    NoKeys,
    #[error("'{keys}' is bound twice in [{section}] (first on line {first_line})")]
    DuplicateKey {
        keys: String,
        section: &'static str,
        first_line: usize,
    },
    #[error(
        "'{keys}' in [{section}] overlaps '{other_keys}' in [{other_section}] (line {other_line}): \
         one is a prefix of the other, so one of them could never run"
    )]
    PrefixConflict {
        keys: String,
        section: &'static str,
        other_keys: String,
        other_section: &'static str,
        other_line: usize,
    },
    #[error("action '{action}' cannot be bound in [{section}]; it belongs in [{home}]")]
    WrongScope {
        action: &'static str,
        section: &'static str,
        home: &'static str,
    },
    #[error("unknown preset '{0}'; expected default, vim or emacs")]
    UnknownPreset(String),
}

fn did_you_mean(s: &Option<&'static str>) -> String {
    s.map(|s| format!(" (did you mean '{s}'?)"))
        .unwrap_or_default()
}

/// Why a keymap could not be loaded. The app must not start with a broken keymap.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    /// The file was read but has problems; all of them, in file order.
    #[error("{}", list(.0))]
    Invalid(Vec<Problem>),
    #[error("cannot read keymap file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl KeymapError {
    /// The problems found, empty for a read error.
    pub fn problems(&self) -> &[Problem] {
        match self {
            KeymapError::Invalid(p) => p,
            KeymapError::Read { .. } => &[],
        }
    }
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Turns a byte offset into a 1-based (line, column); the column counts characters.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "a\nbc\n職員 x";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 2));
        assert_eq!(line_col(text, text.len() - 1), (3, 4));
        assert_eq!(line_col(text, 999), (3, 5));
    }
}
