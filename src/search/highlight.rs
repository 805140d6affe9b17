//! Which characters of the displayed id, name and kana a hit matched, so the table can
//! highlight them. Indices are chars of `Staff.id`, `Staff.name` and `Staff.kana`.
//!
//! Each word is highlighted in the field it matched best:
//! - a name match marks the name characters; a kana match the kana characters;
//! - a romaji match marks the kana each matched romaji letter came from; a kana sign
//!   with no letter of its own in the key (ッ, ー, the ウ of a long vowel) is marked
//!   when the kana on both sides of it are;
//! - when a match covers a whole word (every letter of the surname's reading, every
//!   character of the written surname), the whole word is marked in both the name and
//!   the kana, provided both have the same number of words. So `tanaka` marks `田中`
//!   and `タナカ`, while `tnk` marks only `タ`, `ナ` and `カ`;
//! - post and unit matches mark nothing.

use super::index::{ID, KANA, NAME, ROMAJI};
use super::matcher::positions;
use super::plan::{Plan, Source};

/// (name, kana, id) char indices matched by the plan's words on a row.
pub(crate) fn highlight(plan: &Plan, row: usize) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let (mut name, mut kana, mut id) = (Vec::new(), Vec::new(), Vec::new());
    if plan.terms.is_empty() {
        return (name, kana, id);
    }
    let ix = plan.ix;
    let h = &ix.hot[row];
    let r = &ix.rows[row];
    let name_words = words(&r.name);
    let kana_words = words(&r.kana);
    let paired = name_words.len() == kana_words.len();
    let mut romaji_used = false;
    for t in &plan.terms {
        let w = t.term;
        let (s, src) = plan.term_score(t, h);
        if s == 0 {
            continue;
        }
        match src {
            Source::Id => {
                let k = h.field(ID);
                if let Some((_, p)) = positions(&w.folded, ix.chars_of(&k), 1) {
                    let map = &ix.maps[k.range()];
                    id.extend(p.iter().map(|i| map[*i] as usize));
                }
            }
            Source::Name | Source::Kana => {
                let (fk, own, own_words, other, other_words) = if src == Source::Name {
                    (
                        h.field(NAME),
                        &mut name,
                        &name_words,
                        &mut kana,
                        &kana_words,
                    )
                } else {
                    (
                        h.field(KANA),
                        &mut kana,
                        &kana_words,
                        &mut name,
                        &name_words,
                    )
                };
                if let Some((_, p)) = positions(&w.folded, ix.chars_of(&fk), fk.starts) {
                    let map = &ix.maps[fk.range()];
                    own.extend(p.iter().map(|i| map[*i] as usize));
                    for wi in covered(map, &p, own_words) {
                        if paired {
                            other.extend(other_words[wi].clone());
                        }
                    }
                }
            }
            Source::Romaji => {
                let Some(key) = &w.romaji else { continue };
                let k = h.field(ROMAJI);
                if let Some((_, p)) = positions(key, ix.bytes_of(&k), k.starts) {
                    romaji_used = true;
                    let map = &ix.romaji_maps[k.range()];
                    kana.extend(p.iter().map(|i| map[*i] as usize));
                    for wi in covered(map, &p, &kana_words) {
                        kana.extend(kana_words[wi].clone());
                        if paired {
                            name.extend(name_words[wi].clone());
                        }
                    }
                }
            }
            Source::Place => {}
        }
    }
    if romaji_used {
        let k = h.field(ROMAJI);
        fill_silent(&mut kana, &ix.romaji_maps[k.range()], &kana_words);
    }
    for v in [&mut name, &mut kana, &mut id] {
        v.sort_unstable();
        v.dedup();
    }
    (name, kana, id)
}

/// Char ranges of the whitespace-separated words of `s`.
fn words(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut begin = None;
    let mut n = 0;
    for (i, c) in s.chars().enumerate() {
        match (c.is_whitespace(), begin) {
            (true, Some(b)) => {
                out.push(b..i);
                begin = None;
            }
            (false, None) => begin = Some(i),
            _ => {}
        }
        n = i + 1;
    }
    if let Some(b) = begin {
        out.push(b..n);
    }
    out
}

/// The words every key position of which was matched (`matched` is sorted).
fn covered(map: &[u16], matched: &[usize], words: &[std::ops::Range<usize>]) -> Vec<usize> {
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| {
            let mut any = false;
            let all = map.iter().enumerate().all(|(p, src)| {
                if !w.contains(&(*src as usize)) {
                    return true;
                }
                any = true;
                matched.binary_search(&p).is_ok()
            });
            any && all
        })
        .map(|(i, _)| i)
        .collect()
}

/// Marks kana that have no letter of their own in the romaji key when both neighbours
/// in the same word are marked.
fn fill_silent(kana: &mut Vec<usize>, map: &[u16], words: &[std::ops::Range<usize>]) {
    kana.sort_unstable();
    kana.dedup();
    let marked = |i: usize, kana: &[usize]| kana.binary_search(&i).is_ok();
    let mut add = Vec::new();
    for w in words {
        for i in w.start + 1..w.end.saturating_sub(1) {
            let silent = !map.iter().any(|m| *m as usize == i);
            if silent && !marked(i, kana) && marked(i - 1, kana) && marked(i + 1, kana) {
                add.push(i);
            }
        }
    }
    kana.extend(add);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_char_ranges() {
        assert_eq!(words("田中　美咲"), vec![0..2, 3..5]);
        assert_eq!(words(" a  bc "), vec![1..2, 4..6]);
    }

    #[test]
    fn covered_needs_every_position_of_the_word() {
        // key "tanakamisaki" → kana タナカ ミサキ (word 0 = 0..3, word 1 = 4..7)
        let map = [0, 0, 1, 1, 2, 2, 4, 4, 5, 5, 6, 6];
        let w = words("タナカ ミサキ");
        assert_eq!(covered(&map, &[0, 1, 2, 3, 4, 5], &w), vec![0]);
        assert!(covered(&map, &[0, 2, 4], &w).is_empty());
    }

    #[test]
    fn silent_kana_between_marked_ones_is_marked() {
        // ハットリ: key "hatori" maps h,a→0 t→2 o→2 r,i→3; ッ (1) is silent.
        let map = [0, 0, 2, 2, 3, 3];
        let mut k = vec![0, 2];
        fill_silent(&mut k, &map, &words("ハットリ"));
        k.sort_unstable();
        assert_eq!(k, vec![0, 1, 2]);
    }
}
