//! Kana: hiragana/katakana folding and kana → romaji (modified Hepburn), with a map from
//! every romaji byte back to the kana character it came from, so a romaji match can be
//! highlighted in the kana.
//!
//! Romaji is written the way people type names on a plain keyboard: `shi chi tsu fu ji`,
//! `kya sha cha ja`, small tsu doubles the next consonant (`ッチ` → `tchi`), `ン` is `n`
//! (`n'` before a vowel or `y`), long vowels are spelled out as the kana write them
//! (`サトウ` → `satou`, `ー` repeats the vowel). The variants users type instead
//! (`si`, `satoh`, `kennichi`, ...) are folded away by `normalize::romaji_key`.

/// Hiragana → katakana; anything else unchanged.
pub fn to_katakana(c: char) -> char {
    match c {
        '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}' => {
            char::from_u32(c as u32 + 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

/// Katakana → hiragana; anything else unchanged (`ー` stays).
pub fn to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}'..='\u{30FE}' => {
            char::from_u32(c as u32 - 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

/// Folds a string to katakana (full-width kana only; see `normalize::fold` for widths).
pub fn fold_kana(s: &str) -> String {
    s.chars().map(to_katakana).collect()
}

/// Whether a character is hiragana, katakana (either width) or the long-vowel mark.
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9F}')
}

/// Hepburn romaji of a kana string: words separated by one space, lower case.
/// `タナカ ミサキ` → `tanaka misaki`; hiragana and half-width katakana work too.
pub fn romaji(kana: &str) -> String {
    let (folded, _) = super::normalize::fold_chars(kana);
    let (bytes, _) = romanize(&folded);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Romanizes folded katakana. Returns the romaji bytes and, for each byte, the index in
/// `chars` of the kana it came from. Non-kana letters and digits pass through in lower
/// case; anything else separates words (one space, never leading or trailing).
pub(crate) fn romanize(chars: &[char]) -> (Vec<u8>, Vec<u32>) {
    let mut out = Vec::with_capacity(chars.len() * 2);
    let mut map = Vec::with_capacity(chars.len() * 2);
    romanize_into(chars, &mut out, &mut map);
    (out, map)
}

/// [`romanize`] into buffers the caller reuses (cleared first).
pub(crate) fn romanize_into(chars: &[char], out: &mut Vec<u8>, map: &mut Vec<u32>) {
    out.clear();
    map.clear();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i as u32;
        match c {
            'ッ' => {
                if let Some(f) = syllable(&chars[i + 1..]).and_then(|s| s.first_byte()) {
                    if !is_vowel(f) && f != b'n' {
                        out.push(if f == b'c' { b't' } else { f });
                        map.push(at);
                    }
                }
                i += 1;
            }
            'ン' => {
                out.push(b'n');
                map.push(at);
                let next = syllable(&chars[i + 1..]).and_then(|s| s.first_byte());
                if next.is_some_and(|f| is_vowel(f) || f == b'y') {
                    out.push(b'\'');
                    map.push(at);
                }
                i += 1;
            }
            'ー' | '〜' | '～' => {
                if let Some(&v) = out.last().filter(|v| is_vowel(**v)) {
                    out.push(v);
                    map.push(at);
                }
                i += 1;
            }
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase() as u8);
                map.push(at);
                i += 1;
            }
            _ => match syllable(&chars[i..]) {
                Some(s) => {
                    for b in s.head.bytes() {
                        out.push(b);
                        map.push(at);
                    }
                    if s.add_y {
                        out.push(b'y');
                        map.push(at);
                    }
                    for b in s.tail.bytes() {
                        out.push(b);
                        map.push(at + 1);
                    }
                    i += s.len;
                }
                None => {
                    if out.last().is_some_and(|b| *b != b' ') {
                        out.push(b' ');
                        map.push(at);
                    }
                    i += 1;
                }
            },
        }
    }
    while out.last() == Some(&b' ') {
        out.pop();
        map.pop();
    }
}

/// One syllable: the romaji of its first kana (`head`, maybe plus `y`) and of a
/// following small kana (`tail`), and how many kana it used.
struct Syllable {
    head: &'static str,
    add_y: bool,
    tail: &'static str,
    len: usize,
}

impl Syllable {
    fn first_byte(&self) -> Option<u8> {
        self.head
            .bytes()
            .next()
            .or_else(|| self.tail.bytes().next())
    }
}

fn syllable(cs: &[char]) -> Option<Syllable> {
    let c = *cs.first()?;
    let base = mono(c)?;
    let plain = Syllable {
        head: base,
        add_y: false,
        tail: "",
        len: 1,
    };
    let Some(&n) = cs.get(1) else {
        return Some(plain);
    };
    let consonant_vowel = base.len() >= 2 && base.bytes().last().is_some_and(is_vowel);
    if let Some(v) = small_y(n) {
        if !consonant_vowel || matches!(c, 'ャ' | 'ュ' | 'ョ' | 'ヤ' | 'ユ' | 'ヨ') {
            return Some(plain);
        }
        let stem = &base[..base.len() - 1];
        // シャ sha, チャ cha, ジャ ja: no `y`; キャ kya, フュ fyu, デュ dyu: `y`.
        let add_y = !(stem.ends_with('h') || stem == "j");
        return Some(Syllable {
            head: stem,
            add_y,
            tail: v,
            len: 2,
        });
    }
    if let Some(v) = small_vowel(n) {
        let head = match c {
            'ウ' => "w",
            'イ' => "y",
            _ if consonant_vowel => &base[..base.len() - 1],
            _ => return Some(plain),
        };
        return Some(Syllable {
            head,
            add_y: false,
            tail: v,
            len: 2,
        });
    }
    Some(plain)
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'i' | b'u' | b'e' | b'o')
}

fn small_y(c: char) -> Option<&'static str> {
    match c {
        'ャ' => Some("a"),
        'ュ' => Some("u"),
        'ョ' => Some("o"),
        _ => None,
    }
}

fn small_vowel(c: char) -> Option<&'static str> {
    match c {
        'ァ' => Some("a"),
        'ィ' => Some("i"),
        'ゥ' => Some("u"),
        'ェ' => Some("e"),
        'ォ' => Some("o"),
        _ => None,
    }
}

/// Romaji of one katakana on its own.
fn mono(c: char) -> Option<&'static str> {
    const ROWS: [(char, [&str; 5]); 18] = [
        ('カ', ["ka", "ki", "ku", "ke", "ko"]),
        ('ガ', ["ga", "gi", "gu", "ge", "go"]),
        ('サ', ["sa", "shi", "su", "se", "so"]),
        ('ザ', ["za", "ji", "zu", "ze", "zo"]),
        ('タ', ["ta", "chi", "tsu", "te", "to"]),
        ('ダ', ["da", "ji", "zu", "de", "do"]),
        ('ハ', ["ha", "hi", "fu", "he", "ho"]),
        ('バ', ["ba", "bi", "bu", "be", "bo"]),
        ('パ', ["pa", "pi", "pu", "pe", "po"]),
        ('ナ', ["na", "ni", "nu", "ne", "no"]),
        ('マ', ["ma", "mi", "mu", "me", "mo"]),
        ('ラ', ["ra", "ri", "ru", "re", "ro"]),
        ('ア', ["a", "i", "u", "e", "o"]),
        ('ァ', ["a", "i", "u", "e", "o"]),
        ('ヤ', ["ya", "", "yu", "", "yo"]),
        ('ャ', ["ya", "", "yu", "", "yo"]),
        ('ワ', ["wa", "i", "", "e", "o"]),
        ('ヮ', ["wa", "", "", "", ""]),
    ];
    let u = c as u32;
    let (row, vowel) = match c {
        // カ..ド interleave voiced kana; ツ has a small ッ before it.
        'カ'..='ヂ' => {
            let k = u - 'カ' as u32;
            let row = (k % 2) as usize + 2 * (k / 10) as usize;
            (row, ((k % 10) / 2) as usize)
        }
        'ツ'..='ド' => {
            let k = u - 'ツ' as u32;
            (4 + (k % 2) as usize, 2 + (k / 2) as usize)
        }
        'ハ'..='ポ' => {
            let k = u - 'ハ' as u32;
            (6 + (k % 3) as usize, (k / 3) as usize)
        }
        'ナ'..='ノ' => (9, (u - 'ナ' as u32) as usize),
        'マ'..='モ' => (10, (u - 'マ' as u32) as usize),
        'ラ'..='ロ' => (11, (u - 'ラ' as u32) as usize),
        'ア' | 'イ' | 'ウ' | 'エ' | 'オ' => (12, ((u - 'ア' as u32) / 2) as usize),
        'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' => (13, ((u - 'ァ' as u32) / 2) as usize),
        'ヤ' | 'ユ' | 'ヨ' => (14, (u - 'ヤ' as u32) as usize),
        'ャ' | 'ュ' | 'ョ' => (15, (u - 'ャ' as u32) as usize),
        'ワ' => (16, 0),
        'ヰ' => (16, 1),
        'ヱ' => (16, 3),
        'ヲ' => (16, 4),
        'ヮ' => (17, 0),
        'ヴ' => return Some("vu"),
        'ヵ' => return Some("ka"),
        'ヶ' => return Some("ke"),
        _ => return None,
    };
    ROWS.get(row)
        .and_then(|(_, r)| r.get(vowel))
        .copied()
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gojuon_kana_has_its_romaji() {
        let kana = "アイウエオカキクケコガギグゲゴサシスセソザジズゼゾタチツテトダヂヅデド\
                    ナニヌネノハヒフヘホバビブベボパピプペポマミムメモヤユヨラリルレロワヲン";
        let expect = "a i u e o ka ki ku ke ko ga gi gu ge go sa shi su se so za ji zu ze zo \
                      ta chi tsu te to da ji zu de do na ni nu ne no ha hi fu he ho ba bi bu be \
                      bo pa pi pu pe po ma mi mu me mo ya yu yo ra ri ru re ro wa o n";
        let got: Vec<String> = kana.chars().map(|c| romaji(&c.to_string())).collect();
        assert_eq!(got.join(" "), expect);
    }

    #[test]
    fn folding_between_scripts() {
        assert_eq!(fold_kana("たなか みさき"), "タナカ ミサキ");
        assert_eq!(to_hiragana('ヴ'), 'ゔ');
        assert_eq!(to_hiragana('ー'), 'ー');
        assert!(is_kana('ｶ') && is_kana('ー') && !is_kana('田'));
    }

    #[test]
    fn romaji_map_points_at_the_kana() {
        let chars: Vec<char> = "キョウコ".chars().collect();
        let (r, map) = romanize(&chars);
        assert_eq!(String::from_utf8(r).unwrap(), "kyouko");
        assert_eq!(map, vec![0, 0, 1, 2, 3, 3]);
    }
}
