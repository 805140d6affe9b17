//! Rules for free text taken from people and files: length limits, control and
//! invisible characters, NFC normalisation.

use unicode_normalization::UnicodeNormalization;

/// Longest name, kana, title or other one-line field.
pub const MAX_LINE_CHARS: usize = 200;
/// Longest note.
pub const MAX_NOTE_CHARS: usize = 4000;

/// Zero-width and bidi-control characters: they hide or reorder what a reader sees.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{180E}')
}

/// A readable name for a character in an error message.
pub fn describe_char(c: char) -> String {
    match c {
        '\n' => "a line break".into(),
        '\r' => "a carriage return".into(),
        '\t' => "a tab".into(),
        '\u{1b}' => "an escape character".into(),
        ' ' => "a space".into(),
        c if c.is_control() => "a control character".into(),
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => "a bidi control character".into(),
        c if is_invisible(c) => "a zero-width character".into(),
        c => format!("'{c}'"),
    }
}

/// Thousands separators: 12,345.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Shortens text for an error message.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// What kind of text a field holds, which decides the characters it may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// One line: names, titles. No control or invisible characters.
    Line,
    /// Notes: line breaks and tabs allowed, nothing else invisible.
    Note,
}

/// Normalises to NFC and checks a text field. The error says why, with the character
/// position (1-based) of the first offending character.
pub fn clean_text(raw: &str, kind: TextKind) -> Result<String, String> {
    let s: String = raw.nfc().collect();
    let s = match kind {
        TextKind::Line => s.trim().to_string(),
        TextKind::Note => s.trim_end().to_string(),
    };
    let max = match kind {
        TextKind::Line => MAX_LINE_CHARS,
        TextKind::Note => MAX_NOTE_CHARS,
    };
    let n = s.chars().count();
    if n > max {
        return Err(format!("is {n} characters long; at most {max} are allowed"));
    }
    for (i, c) in s.chars().enumerate() {
        let allowed_ws = kind == TextKind::Note && (c == '\n' || c == '\t');
        if (c.is_control() && !allowed_ws) || is_invisible(c) {
            return Err(format!(
                "contains {} (U+{:04X}) at character {}",
                describe_char(c),
                c as u32,
                i + 1
            ));
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_to_nfc_and_trims() {
        // か + combining dakuten becomes が
        assert_eq!(
            clean_text(" \u{304B}\u{3099} ", TextKind::Line).unwrap(),
            "が"
        );
    }

    #[test]
    fn rejects_escape_sequences() {
        let e = clean_text("ab\u{1b}[31m", TextKind::Line).unwrap_err();
        assert_eq!(e, "contains an escape character (U+001B) at character 3");
    }

    #[test]
    fn notes_keep_newlines_but_not_carriage_returns() {
        assert_eq!(clean_text("a\n\tb", TextKind::Note).unwrap(), "a\n\tb");
        assert!(clean_text("a\rb", TextKind::Note)
            .unwrap_err()
            .contains("carriage return"));
    }

    #[test]
    fn rejects_bidi_override() {
        assert!(clean_text("a\u{202E}b", TextKind::Line)
            .unwrap_err()
            .contains("bidi"));
    }

    #[test]
    fn rejects_overlong_line() {
        let e = clean_text(&"あ".repeat(10_000), TextKind::Line).unwrap_err();
        assert_eq!(e, "is 10000 characters long; at most 200 are allowed");
    }
}
