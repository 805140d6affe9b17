//! One key press as the keymap sees it (`Key`): parsing the key syntax of keymap files
//! (`j`, `G`, `<Enter>`, `<S-Tab>`, `<C-d>`, `<A-x>`, `<F1>`, `<Space>`), printing it
//! back in the same syntax, and turning crossterm's `KeyEvent` into a `Key`.
//!
//! Normal form, so that file keys and terminal keys compare equal: a character key never
//! carries Shift (Shift+g is `G`), and Shift+Tab is `BackTab` without Shift.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key other than the modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// A key with its modifiers, in normal form (see the module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: Code,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

/// Bracketed names, first spelling is the one printed. Matched case-insensitively.
const NAMES: &[(&str, Code)] = &[
    ("Enter", Code::Enter),
    ("CR", Code::Enter),
    ("Return", Code::Enter),
    ("Esc", Code::Esc),
    ("Escape", Code::Esc),
    ("Tab", Code::Tab),
    ("BackTab", Code::BackTab),
    ("Backspace", Code::Backspace),
    ("BS", Code::Backspace),
    ("Del", Code::Delete),
    ("Delete", Code::Delete),
    ("Ins", Code::Insert),
    ("Insert", Code::Insert),
    ("Up", Code::Up),
    ("Down", Code::Down),
    ("Left", Code::Left),
    ("Right", Code::Right),
    ("Home", Code::Home),
    ("End", Code::End),
    ("PageUp", Code::PageUp),
    ("PgUp", Code::PageUp),
    ("PageDown", Code::PageDown),
    ("PgDn", Code::PageDown),
    ("Space", Code::Char(' ')),
    ("lt", Code::Char('<')),
    ("gt", Code::Char('>')),
];

/// Why a key string did not parse; printed after the key in an error message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("empty key")]
    Empty,
    #[error(
        "not one key; write a sequence as separate keys, like [\"g\", \"g\"], \
         and a named key in angle brackets, like <Enter>"
    )]
    NotOneKey,
    #[error("unknown key name '{name}'{}", hint(.suggestion))]
    UnknownName {
        name: String,
        suggestion: Option<String>,
    },
    #[error("shift on '{0}': write the shifted character itself")]
    ShiftedSymbol(char),
    #[error("F-key number must be 1 to 24")]
    BadFunctionKey,
}

fn hint(s: &Option<String>) -> String {
    s.as_ref()
        .map(|s| format!(" (did you mean '<{s}>'?)"))
        .unwrap_or_default()
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: Code) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// A plain character key, e.g. `Key::ch('j')`.
    pub const fn ch(c: char) -> Key {
        Key::plain(Code::Char(c))
    }

    /// Ctrl plus a character, e.g. `Key::ctrl('d')`.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: Code::Char(c),
            ctrl: true,
            alt: false,
            shift: false,
        }
    }

    /// Builds a key and puts it in normal form.
    pub fn new(code: Code, ctrl: bool, alt: bool, shift: bool) -> Key {
        let (code, shift) = match code {
            Code::Char(c) if shift => (Code::Char(c.to_uppercase().next().unwrap_or(c)), false),
            Code::Tab if shift => (Code::BackTab, false),
            Code::BackTab => (Code::BackTab, false),
            _ => (code, shift),
        };
        Key {
            code,
            ctrl,
            alt,
            shift,
        }
    }

    /// Parses one key of the keymap syntax.
    pub fn parse(s: &str) -> Result<Key, KeyError> {
        let mut chars = s.chars();
        let Some(first) = chars.next() else {
            return Err(KeyError::Empty);
        };
        if chars.next().is_none() {
            return Ok(Key::new(Code::Char(first), false, false, false));
        }
        let inner = match s.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
            Some(inner) if !inner.is_empty() => inner,
            _ => return Err(KeyError::NotOneKey),
        };
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = inner;
        while rest.chars().count() > 2 {
            let flag = match rest.get(..2) {
                Some("C-" | "c-") => &mut ctrl,
                Some("A-" | "a-" | "M-" | "m-") => &mut alt,
                Some("S-" | "s-") => &mut shift,
                _ => break,
            };
            *flag = true;
            rest = &rest[2..];
        }
        let code = named_code(rest)?;
        if shift {
            if let Code::Char(c) = code {
                if !c.is_alphabetic() {
                    return Err(KeyError::ShiftedSymbol(c));
                }
            }
        }
        Ok(Key::new(code, ctrl, alt, shift))
    }

    /// The key from a terminal event; `None` for key releases and keys the keymap
    /// cannot name (media keys, lone modifiers, caps lock).
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let code = match ev.code {
            KeyCode::Char(c) => Code::Char(c),
            KeyCode::Enter => Code::Enter,
            KeyCode::Esc => Code::Esc,
            KeyCode::Tab => Code::Tab,
            KeyCode::BackTab => Code::BackTab,
            KeyCode::Backspace => Code::Backspace,
            KeyCode::Delete => Code::Delete,
            KeyCode::Insert => Code::Insert,
            KeyCode::Up => Code::Up,
            KeyCode::Down => Code::Down,
            KeyCode::Left => Code::Left,
            KeyCode::Right => Code::Right,
            KeyCode::Home => Code::Home,
            KeyCode::End => Code::End,
            KeyCode::PageUp => Code::PageUp,
            KeyCode::PageDown => Code::PageDown,
            KeyCode::F(n) => Code::F(n),
            _ => return None,
        };
        let m = ev.modifiers;
        Some(Key::new(
            code,
            m.contains(KeyModifiers::CONTROL),
            m.contains(KeyModifiers::ALT),
            m.contains(KeyModifiers::SHIFT),
        ))
    }

    /// The key as text typed into an input line, if it is one (no Ctrl or Alt).
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            Code::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

fn named_code(name: &str) -> Result<Code, KeyError> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Ok(Code::Char(c));
    }
    if let Some((_, code)) = NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return Ok(*code);
    }
    if let Some(num) = name.strip_prefix(['F', 'f']) {
        if let Ok(n) = num.parse::<u8>() {
            return if (1..=24).contains(&n) {
                Ok(Code::F(n))
            } else {
                Err(KeyError::BadFunctionKey)
            };
        }
    }
    let lower = name.to_ascii_lowercase();
    let suggestion = NAMES
        .iter()
        .map(|(n, _)| (super::distance(&lower, &n.to_ascii_lowercase()), *n))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n.to_string());
    Err(KeyError::UnknownName {
        name: name.to_string(),
        suggestion,
    })
}

fn code_name(code: Code) -> Option<&'static str> {
    match code {
        Code::Char(' ') => Some("Space"),
        Code::Char(_) | Code::F(_) => None,
        _ => NAMES.iter().find(|(_, c)| *c == code).map(|(n, _)| *n),
    }
}

impl fmt::Display for Key {
    /// Prints the keymap syntax; `Key::parse` reads it back to the same key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bare = match (self.code, code_name(self.code)) {
            (Code::BackTab, _) => "S-Tab".to_string(),
            (_, Some(name)) => name.to_string(),
            (Code::F(n), None) => format!("F{n}"),
            (Code::Char(c), None) => c.to_string(),
            (_, None) => String::new(),
        };
        let plain_char = matches!(self.code, Code::Char(c) if c != ' ');
        if plain_char && !self.ctrl && !self.alt && !self.shift {
            return f.write_str(&bare);
        }
        f.write_str("<")?;
        for (on, p) in [(self.ctrl, "C-"), (self.alt, "A-"), (self.shift, "S-")] {
            if on {
                f.write_str(p)?;
            }
        }
        write!(f, "{bare}>")
    }
}

/// Prints a key sequence as in the status bar and help: keys separated by spaces.
pub fn display_keys(keys: &[Key]) -> String {
    keys.iter()
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn parses_characters_and_named_keys() {
        assert_eq!(p("j"), Key::ch('j'));
        assert_eq!(p("G"), Key::ch('G'));
        assert_eq!(p("<S-g>"), Key::ch('G'));
        assert_eq!(p("<Space>"), Key::ch(' '));
        assert_eq!(p("<enter>"), Key::plain(Code::Enter));
        assert_eq!(p("<S-Tab>"), Key::plain(Code::BackTab));
        assert_eq!(p("<BackTab>"), Key::plain(Code::BackTab));
        assert_eq!(p("<C-d>"), Key::ctrl('d'));
        assert_eq!(p("<M-v>"), p("<A-v>"));
        assert_eq!(p("<A->>").code, Code::Char('>'));
        assert_eq!(p("<C-->").code, Code::Char('-'));
        assert_eq!(p("<F12>"), Key::plain(Code::F(12)));
        assert_eq!(p("<S-Up>"), Key::new(Code::Up, false, false, true));
    }

    #[test]
    fn rejects_bad_keys() {
        assert_eq!(Key::parse(""), Err(KeyError::Empty));
        assert_eq!(Key::parse("gg"), Err(KeyError::NotOneKey));
        assert_eq!(Key::parse("<>"), Err(KeyError::NotOneKey));
        assert_eq!(Key::parse("<S-/>"), Err(KeyError::ShiftedSymbol('/')));
        assert_eq!(Key::parse("<F30>"), Err(KeyError::BadFunctionKey));
        assert_eq!(
            Key::parse("<Entr>").unwrap_err().to_string(),
            "unknown key name 'Entr' (did you mean '<Enter>'?)"
        );
    }
}
