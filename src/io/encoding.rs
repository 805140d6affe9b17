//! Turning a file's bytes into text: UTF-8 (with or without BOM) or strict Shift_JIS
//! (cp932), chosen or detected; UTF-16 and undecodable bytes are errors naming the
//! line and the byte. Never produces U+FFFD.

use super::problem::Problem;
use encoding_rs::{DecoderResult, SHIFT_JIS};
use std::fmt;
use std::str::FromStr;

/// Which encoding to read files in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EncodingChoice {
    /// Valid UTF-8 is UTF-8; anything else must be valid Shift_JIS.
    #[default]
    Auto,
    Utf8,
    /// WHATWG Shift_JIS, which is Microsoft's cp932 / windows-31j.
    ShiftJis,
}

impl FromStr for EncodingChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "auto" => Ok(EncodingChoice::Auto),
            "utf_8" | "utf8" => Ok(EncodingChoice::Utf8),
            "shift_jis" | "shiftjis" | "sjis" | "cp932" | "windows_31j" => {
                Ok(EncodingChoice::ShiftJis)
            }
            _ => Err(format!(
                "unknown encoding '{}'; expected auto, utf-8 or shift_jis",
                crate::domain::text::clip(s.trim(), 20)
            )),
        }
    }
}

impl fmt::Display for EncodingChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EncodingChoice::Auto => "auto",
            EncodingChoice::Utf8 => "utf-8",
            EncodingChoice::ShiftJis => "shift_jis",
        })
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const SAVE_AS: &str = "save it as CSV UTF-8 or CSV (Shift_JIS)";

/// Decodes a whole file. `file` names it in the error.
pub fn decode(file: &str, bytes: &[u8], choice: EncodingChoice) -> Result<String, Problem> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Problem::at(
            file,
            1,
            "encoding",
            format!("the file is UTF-16 (it starts with a UTF-16 byte order mark); {SAVE_AS}"),
        ));
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let nuls = sample.iter().filter(|b| **b == 0).count();
    if nuls > 0 && nuls * 4 >= sample.len() {
        return Err(Problem::at(
            file,
            1,
            "encoding",
            format!(
                "the file looks like UTF-16 (a quarter or more of its bytes are NUL); {SAVE_AS}"
            ),
        ));
    }
    let has_bom = bytes.starts_with(UTF8_BOM);
    let skip = if has_bom { UTF8_BOM.len() } else { 0 };
    let body = &bytes[skip..];
    let bad = |offset: usize, what: &str| {
        let at = skip + offset;
        let byte = bytes.get(at).copied().unwrap_or(0);
        Problem::at(
            file,
            line_of(bytes, at),
            "encoding",
            format!("byte 0x{byte:02X} at offset {at} is {what}"),
        )
    };
    match choice {
        EncodingChoice::Utf8 => std::str::from_utf8(body)
            .map(str::to_string)
            .map_err(|e| bad(e.valid_up_to(), "not valid UTF-8")),
        EncodingChoice::ShiftJis if has_bom => Err(Problem::at(
            file,
            1,
            "encoding",
            "the file starts with a UTF-8 byte order mark but shift_jis was asked for",
        )),
        EncodingChoice::ShiftJis => shift_jis(body).map_err(|at| bad(at, "not valid Shift_JIS")),
        EncodingChoice::Auto => match std::str::from_utf8(body) {
            Ok(s) => Ok(s.to_string()),
            Err(e) if has_bom => Err(bad(e.valid_up_to(), "not valid UTF-8")),
            Err(e) => shift_jis(body).map_err(|sjis_at| {
                // The decoder that got further is more likely the file's real encoding;
                // its first failure is the byte worth pointing at.
                bad(
                    sjis_at.max(e.valid_up_to()),
                    "neither valid UTF-8 nor Shift_JIS (cp932)",
                )
            }),
        },
    }
}

/// Strict Shift_JIS; on failure, the offset of the first malformed byte.
fn shift_jis(bytes: &[u8]) -> Result<String, usize> {
    let mut dec = SHIFT_JIS.new_decoder_without_bom_handling();
    let cap = dec
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut out = String::with_capacity(cap);
    let mut pos = 0;
    loop {
        let (res, read) = dec.decode_to_string_without_replacement(&bytes[pos..], &mut out, true);
        pos += read;
        match res {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(bytes.len() - pos + 16),
            DecoderResult::Malformed(bad, after) => {
                return Err(pos.saturating_sub(after as usize + bad as usize))
            }
        }
    }
}

/// 1-based line of a byte offset.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<String, String> {
        decode("f.csv", bytes, EncodingChoice::Auto).map_err(|p| p.to_string())
    }

    #[test]
    fn parses_choices() {
        assert_eq!("UTF-8".parse(), Ok(EncodingChoice::Utf8));
        assert_eq!("shift_jis".parse(), Ok(EncodingChoice::ShiftJis));
        assert_eq!("cp932".parse(), Ok(EncodingChoice::ShiftJis));
        assert_eq!("auto".parse(), Ok(EncodingChoice::Auto));
        assert!("latin1".parse::<EncodingChoice>().is_err());
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(dec("id,氏名\n".as_bytes()).unwrap(), "id,氏名\n");
        assert_eq!(dec(b"\xEF\xBB\xBFid\n").unwrap(), "id\n");
    }

    #[test]
    fn shift_jis_is_detected() {
        let (bytes, _, _) = SHIFT_JIS.encode("職員番号,氏名\n");
        assert_eq!(dec(&bytes).unwrap(), "職員番号,氏名\n");
    }

    #[test]
    fn undecodable_byte_names_line_and_byte() {
        assert_eq!(
            dec(b"id,name\nE1,ab\xFFcd\n").unwrap_err(),
            "f.csv:2: encoding: byte 0xFF at offset 13 is neither valid UTF-8 nor Shift_JIS (cp932)"
        );
    }

    #[test]
    fn forced_encodings_are_strict() {
        let e = decode("f.csv", b"a\n\x82\xA0", EncodingChoice::Utf8).unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.csv:2: encoding: byte 0x82 at offset 2 is not valid UTF-8"
        );
        let e = decode("f.csv", "あ".as_bytes(), EncodingChoice::ShiftJis).unwrap_err();
        assert!(e.to_string().contains("not valid Shift_JIS"), "{e}");
    }

    #[test]
    fn utf16_is_refused() {
        assert!(dec(b"\xFF\xFEi\0d\0").unwrap_err().contains("UTF-16"));
        assert!(dec(b"i\0d\0,\0n\0\n\0").unwrap_err().contains("UTF-16"));
    }
}
