//! Normalisation for matching: the one folded form names, kana, ids, titles and query
//! words are compared in (width, case, kana script, variant kanji), the romaji key both
//! sides of a romaji match are reduced to, and the 64-bit character masks of the
//! prefilter.

use super::kana::to_katakana;
use unicode_normalization::UnicodeNormalization;

/// Folds text for matching: NFKC width folding (half-width katakana, full-width
/// letters), lower case, hiragana → katakana, variant kanji → common form (髙 → 高,
/// 﨑 → 崎, 齋 → 斉, ...). Any whitespace becomes one ASCII space.
pub fn fold(s: &str) -> String {
    fold_chars(s).0.into_iter().collect()
}

/// [`fold`], as characters, with the index (in chars of `s`) each one came from.
pub(crate) fn fold_chars(s: &str) -> (Vec<char>, Vec<u32>) {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    let mut map: Vec<u32> = Vec::with_capacity(s.len());
    fold_into(s, &mut out, &mut map);
    (out, map)
}

/// [`fold_chars`], appending to buffers the caller reuses.
pub(crate) fn fold_into(s: &str, out: &mut Vec<char>, map: &mut Vec<u32>) {
    for (i, c) in s.chars().enumerate() {
        let i = i as u32;
        match c {
            'A'..='Z' => push(out, map, c.to_ascii_lowercase(), i),
            c if c.is_whitespace() => push(out, map, ' ', i),
            c if c.is_ascii() => push(out, map, c, i),
            '\u{3041}'..='\u{309E}' | '\u{30A1}'..='\u{30FE}' => push(out, map, to_katakana(c), i),
            '\u{4E00}'..='\u{9FFF}' => push(out, map, itaiji(c), i),
            c => {
                for d in std::iter::once(c).nfkc() {
                    for l in d.to_lowercase() {
                        push(out, map, itaiji(to_katakana(l)), i);
                    }
                }
            }
        }
    }
}

fn push(out: &mut Vec<char>, map: &mut Vec<u32>, c: char, i: u32) {
    if matches!(c, '\u{3099}' | '\u{309A}') {
        // A separate (half-width) sound mark: ｶﾞ → ガ.
        if let Some(k) = out
            .last()
            .and_then(|p| unicode_normalization::char::compose(*p, c))
        {
            if let Some(last) = out.last_mut() {
                *last = k;
            }
            return;
        }
    }
    out.push(c);
    map.push(i);
}

/// Variant kanji common in names, folded to the form people type.
fn itaiji(c: char) -> char {
    match c {
        '髙' => '高',
        '﨑' | '嵜' | '碕' => '崎',
        '邊' | '邉' => '辺',
        '齋' | '齊' | '斎' => '斉',
        '澤' => '沢',
        '濱' => '浜',
        '嶋' | '嶌' => '島',
        '櫻' => '桜',
        '廣' => '広',
        '德' => '徳',
        '惠' => '恵',
        '眞' => '真',
        '瀨' => '瀬',
        '龍' => '竜',
        '國' => '国',
        '實' => '実',
        '關' => '関',
        '條' => '条',
        '藏' => '蔵',
        '壽' => '寿',
        '彌' => '弥',
        '淺' => '浅',
        '兒' => '児',
        '槇' => '槙',
        '冨' => '富',
        c => c,
    }
}

/// A folded field ready for matching: characters without whitespace, where each came
/// from, and which ones start a word.
#[derive(Debug, Clone)]
pub(crate) struct Key {
    pub chars: Vec<char>,
    pub map: Vec<u32>,
    pub starts: u64,
}

/// Folds a field (name, kana, id, title) into a [`Key`].
pub(crate) fn key(s: &str) -> Key {
    let (chars, src) = fold_chars(s);
    key_from(&chars, &src)
}

/// A [`Key`] from already folded characters and their sources.
pub(crate) fn key_from(chars: &[char], src: &[u32]) -> Key {
    let mut k = Key {
        chars: Vec::with_capacity(chars.len()),
        map: Vec::with_capacity(chars.len()),
        starts: 0,
    };
    let mut at_start = true;
    for (&c, &i) in chars.iter().zip(src) {
        if c == ' ' {
            at_start = true;
            continue;
        }
        if at_start {
            k.starts |= start_bit(k.chars.len());
            at_start = false;
        }
        k.chars.push(c);
        k.map.push(i);
    }
    k
}

/// The word-start bit of a position (positions from 64 on have none).
pub(crate) fn start_bit(pos: usize) -> u64 {
    if pos < 64 {
        1 << pos
    } else {
        0
    }
}

/// The reduced romaji key of what a user typed (or of Hepburn romaji). One spelling per
/// sound: si→shi, ti→chi, tu→tsu, hu→fu, zi/di→ji, du→zu, sya→sha, tya/cya→cha,
/// zya/jya→ja. No long vowels: ou, oo, oh (before a consonant or at the end) → o, and any
/// doubled letter is written once (uu → u, tt → t, nn → n), tch → ch, m before b/m/p
/// → n. Apostrophes, hyphens and macrons go (ō → o). `satou`, `satoh`, `sato`,
/// `satoo` and `satō` all give `sato`; `ken'ichi` and `kennichi` give `kenichi`.
pub fn romaji_key(s: &str) -> String {
    let lower: Vec<u8> = s.chars().filter_map(ascii_letter).collect();
    let src: Vec<u32> = (0..lower.len() as u32).collect();
    let (mut out, mut map) = (Vec::new(), Vec::new());
    reduce_word(&lower, &src, &mut out, &mut map);
    String::from_utf8(out).unwrap_or_default()
}

/// The romaji key of a query word, when the word is romaji (ASCII letters, digits,
/// apostrophes, hyphens and macron vowels, with at least one letter).
pub(crate) fn query_romaji(folded: &[char]) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(folded.len());
    for &c in folded {
        match ascii_letter(c) {
            Some(b) => bytes.push(b),
            None if matches!(c, '\'' | '-' | '’') => {}
            None => return None,
        }
    }
    if !bytes.iter().any(u8::is_ascii_alphabetic) {
        return None;
    }
    let src: Vec<u32> = (0..bytes.len() as u32).collect();
    let (mut out, mut map) = (Vec::new(), Vec::new());
    reduce_word(&bytes, &src, &mut out, &mut map);
    Some(out)
}

fn ascii_letter(c: char) -> Option<u8> {
    match c {
        'a'..='z' | '0'..='9' => Some(c as u8),
        'A'..='Z' => Some(c.to_ascii_lowercase() as u8),
        'ā' | 'â' | 'Ā' | 'Â' => Some(b'a'),
        'ī' | 'î' | 'Ī' | 'Î' => Some(b'i'),
        'ū' | 'û' | 'Ū' | 'Û' => Some(b'u'),
        'ē' | 'ê' | 'Ē' | 'Ê' => Some(b'e'),
        'ō' | 'ô' | 'Ō' | 'Ô' => Some(b'o'),
        _ => None,
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'i' | b'u' | b'e' | b'o')
}

/// Reduces one word of lower-case romaji (see [`romaji_key`]), appending the key to
/// `out` and, for each key byte, the `src` entry of the input byte it came from.
pub(crate) fn reduce_word(input: &[u8], src: &[u32], out: &mut Vec<u8>, map: &mut Vec<u32>) {
    reduce_word_with(input, src, out, map, &mut Vec::new());
}

/// [`reduce_word`] with a scratch buffer the caller reuses.
pub(crate) fn reduce_word_with(
    input: &[u8],
    src: &[u32],
    out: &mut Vec<u8>,
    map: &mut Vec<u32>,
    hep: &mut Vec<(u8, u32)>,
) {
    // Pass 1: one spelling per syllable.
    hep.clear();
    let mut i = 0;
    while i < input.len() {
        let c = input[i];
        let s = src.get(i).copied().unwrap_or(0);
        let next = input.get(i + 1).copied().unwrap_or(0);
        let yv = next == b'y' && input.get(i + 2).is_some_and(|v| is_vowel(*v));
        let prev = if i > 0 { input[i - 1] } else { 0 };
        let (emit, skip): (&[u8], usize) = match (c, next) {
            (b's', b'i') if prev != b't' => (b"sh", 1),
            (b's', _) if yv => (b"sh", 2),
            (b't', b'i') => (b"ch", 1),
            (b't', b'u') => (b"ts", 1),
            (b't' | b'c', _) if yv => (b"ch", 2),
            (b'h', b'u') if !matches!(prev, b's' | b'c') => (b"f", 1),
            (b'z' | b'd', b'i') => (b"j", 1),
            (b'd', b'u') => (b"z", 1),
            (b'z' | b'j' | b'd', _) if yv => (b"j", 2),
            _ => (std::slice::from_ref(&input[i]), 1),
        };
        hep.extend(emit.iter().map(|b| (*b, s)));
        i += skip;
    }
    // Pass 2: long vowels, doubled letters, small tsu and syllabic n.
    let word_start = out.len();
    for (k, &(c, s)) in hep.iter().enumerate() {
        let next = hep.get(k + 1).map_or(0, |p| p.0);
        let next2 = hep.get(k + 2).map_or(0, |p| p.0);
        let last = if out.len() > word_start {
            out.last().copied()
        } else {
            None
        };
        let c = if c == b'm' && matches!(next, b'b' | b'm' | b'p') {
            b'n'
        } else {
            c
        };
        if c == b't' && next == b'c' && next2 == b'h' {
            continue;
        }
        if c == b'h' && last == Some(b'o') && !(is_vowel(next) || next == b'y') {
            continue;
        }
        if last == Some(c) {
            // A doubled consonant belongs to the later kana (ハッ|ト|リ → the ト).
            if !is_vowel(c) {
                if let Some(m) = map.last_mut() {
                    *m = s;
                }
            }
            continue;
        }
        if c == b'u' && last == Some(b'o') {
            continue;
        }
        out.push(c);
        map.push(s);
    }
}

/// The prefilter bit of a character: a–z and 0–9 have their own bits, anything else
/// shares one of 28 by code point.
pub(crate) fn char_bit(c: u32) -> u64 {
    match c {
        0x61..=0x7A => 1 << (c - 0x61),
        0x30..=0x39 => 1 << (26 + c - 0x30),
        _ => 1 << (36 + c % 28),
    }
}

/// The prefilter mask of a character sequence (ids).
pub(crate) fn mask_chars(cs: &[char]) -> u64 {
    cs.iter().fold(0, |m, c| m | char_bit(*c as u32))
}

/// The prefilter mask of names, kana and titles: one of 63 bits by code point, so the
/// 96 katakana and the kanji of a name spread over them; ASCII characters also set
/// bit 63, so a romaji or id word skips kana and kanji fields at once.
pub(crate) fn mask_wide(cs: &[char]) -> u64 {
    cs.iter().fold(0, |m, c| {
        let ascii = if c.is_ascii() { 1 << 63 } else { 0 };
        m | ascii | 1 << (*c as u32 % 63)
    })
}

/// The prefilter mask of a byte sequence.
pub(crate) fn mask_bytes(bs: &[u8]) -> u64 {
    bs.iter().fold(0, |m, b| m | char_bit(*b as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_widths_case_script_and_variants() {
        assert_eq!(fold("ﾀﾅｶ　ﾐｻｷ"), "タナカ ミサキ");
        assert_eq!(fold("ｶﾞｯｺｳ"), "ガッコウ");
        assert_eq!(fold("Ｅ０４１２"), "e0412");
        assert_eq!(fold("たなか"), "タナカ");
        assert_eq!(fold("髙橋 﨑"), "高橋 崎");
    }

    #[test]
    fn fold_map_points_at_source_chars() {
        let (cs, map) = fold_chars("ｶﾞｯｺｳ");
        assert_eq!(cs.len(), 4);
        assert_eq!(map, vec![0, 2, 3, 4]);
    }

    #[test]
    fn key_drops_spaces_and_marks_word_starts() {
        let k = key("田中　美咲");
        assert_eq!(k.chars.iter().collect::<String>(), "田中美咲");
        assert_eq!(k.map, vec![0, 1, 3, 4]);
        assert_eq!(k.starts, 0b101);
    }

    #[test]
    fn romaji_key_folds_spelling_systems() {
        for (a, b) in [
            ("si", "shi"),
            ("tu", "tsu"),
            ("ti", "chi"),
            ("hu", "fu"),
            ("zi", "ji"),
            ("di", "ji"),
            ("sya", "sha"),
            ("tyo", "cho"),
            ("zyun", "jun"),
            ("jyun", "jun"),
        ] {
            assert_eq!(romaji_key(a), romaji_key(b), "{a} vs {b}");
        }
        assert_eq!(romaji_key("shu"), "shu");
        assert_eq!(romaji_key("chu"), "chu");
    }

    #[test]
    fn romaji_key_drops_long_vowels() {
        for v in ["satou", "satoh", "sato", "satoo", "satō"] {
            assert_eq!(romaji_key(v), "sato", "{v}");
        }
        assert_eq!(romaji_key("yuuko"), "yuko");
        assert_eq!(romaji_key("ohno"), "ono");
        assert_eq!(romaji_key("ohashi"), "ohashi");
    }

    #[test]
    fn romaji_key_folds_small_tsu_and_syllabic_n() {
        assert_eq!(romaji_key("hattori"), "hatori");
        assert_eq!(romaji_key("matcha"), "macha");
        assert_eq!(romaji_key("maccha"), "macha");
        assert_eq!(romaji_key("ken'ichi"), "kenichi");
        assert_eq!(romaji_key("kennichi"), "kenichi");
        assert_eq!(romaji_key("homma"), "honma");
        assert_eq!(romaji_key("shimbashi"), "shinbashi");
    }

    #[test]
    fn query_romaji_only_for_romaji_words() {
        let w = |s: &str| query_romaji(&s.chars().collect::<Vec<_>>());
        assert_eq!(w("tanaka"), Some(b"tanaka".to_vec()));
        assert_eq!(w("e0412"), Some(b"e0412".to_vec()));
        assert_eq!(w("0412"), None);
        assert_eq!(w("田中"), None);
    }

    #[test]
    fn masks_reject_missing_chars() {
        let m = mask_bytes(b"tanaka");
        assert_eq!(mask_bytes(b"tnk") & !m, 0);
        assert_ne!(mask_bytes(b"tz") & !m, 0);
        let name: Vec<char> = "田中美咲".chars().collect();
        let kana: Vec<char> = "タナカミサキ".chars().collect();
        assert_eq!(mask_wide(&name[..2]) & !mask_wide(&name), 0);
        assert_ne!(mask_wide(&name[..2]) & !mask_wide(&kana), 0);
        assert_ne!(mask_wide(&['q']) & !mask_wide(&kana), 0);
    }
}
