//! The fuzzy matcher: whether a query word is a subsequence of a field, how well it
//! matches, and where. Generic over `u8` (romaji keys) and `char` (folded text); no
//! allocation unless positions are asked for.
//!
//! Every start position of the word's first character is tried with a greedy forward
//! alignment and the best is kept, so a contiguous run at a word start beats a
//! scattered match of the same letters. Scores (all whole numbers):
//! 16 per matched character; +14 when the first character starts a word (+10 for a
//! later character that starts a word); +10 for each character right after the
//! previous one; +8 when the match starts the field; +6 when it ends a word; −4 to open
//! a gap and −1 for each further skipped character. A match scores at least 1.

const MATCH: i32 = 16;
const FIRST_WORD_START: i32 = 14;
const WORD_START: i32 = 10;
const CONSECUTIVE: i32 = 10;
const FIELD_START: i32 = 8;
const WORD_END: i32 = 6;
const GAP_OPEN: i32 = 4;
const GAP_EXTEND: i32 = 1;

/// Bonus for an exact id match, on top of the character score.
pub(crate) const ID_EXACT: u32 = 1000;
/// Bonus for an id prefix match.
pub(crate) const ID_PREFIX: u32 = 300;

fn is_start(starts: u64, i: usize) -> bool {
    i < 64 && starts & (1 << i) != 0
}

/// The score of `needle` in `hay` (0: no match). `starts` has bit `i` set when `hay[i]`
/// starts a word.
pub(crate) fn score<T: Copy + Eq>(needle: &[T], hay: &[T], starts: u64) -> u32 {
    best(needle, hay, starts).map_or(0, |(s, _)| s)
}

/// The score and the matched positions in `hay`.
pub(crate) fn positions<T: Copy + Eq>(
    needle: &[T],
    hay: &[T],
    starts: u64,
) -> Option<(u32, Vec<usize>)> {
    let (s, from) = best(needle, hay, starts)?;
    let mut pos = Vec::with_capacity(needle.len());
    align(needle, hay, starts, from, Some(&mut pos));
    Some((s, pos))
}

/// An id: exact beats prefix beats anything fuzzy.
pub(crate) fn id_score<T: Copy + Eq>(needle: &[T], id: &[T]) -> u32 {
    let base = MATCH as u32 * needle.len() as u32;
    if !starts_with(id, needle) {
        score(needle, id, 1)
    } else if needle.len() == id.len() {
        base + ID_EXACT
    } else {
        base + ID_PREFIX
    }
}

/// `hay` starts with `needle` (a plain loop: these slices are a few items long).
fn starts_with<T: Eq>(hay: &[T], needle: &[T]) -> bool {
    needle.len() <= hay.len() && needle.iter().zip(hay).all(|(a, b)| a == b)
}

/// Like [`score`], but only a contiguous run counts (for long texts such as post titles
/// and unit names, where scattered letters would match almost anything).
pub(crate) fn contiguous<T: Copy + Eq>(needle: &[T], hay: &[T], starts: u64) -> u32 {
    if needle.is_empty() || needle.len() > hay.len() {
        return 0;
    }
    let mut best = 0;
    for p in 0..=hay.len() - needle.len() {
        if hay[p] == needle[0] && starts_with(&hay[p..], needle) {
            best = best.max(align(needle, hay, starts, p, None));
        }
    }
    best
}

/// A post or unit id: exact, prefix, or a contiguous part.
pub(crate) fn place_id_score<T: Copy + Eq>(needle: &[T], id: &[T]) -> u32 {
    let base = MATCH as u32 * needle.len() as u32;
    if !starts_with(id, needle) {
        contiguous(needle, id, 1)
    } else if needle.len() == id.len() {
        base + ID_EXACT
    } else {
        base + ID_PREFIX
    }
}

/// The best score and the start position it was found from.
fn best<T: Copy + Eq>(needle: &[T], hay: &[T], starts: u64) -> Option<(u32, usize)> {
    let first = *needle.first()?;
    if needle.len() > hay.len() {
        return None;
    }
    if needle.len() == 1 {
        // One character: its first occurrence at a word start, else its first.
        let mut at = None;
        for (i, h) in hay.iter().enumerate() {
            if *h == first {
                if is_start(starts, i) {
                    at = Some(i);
                    break;
                }
                at = at.or(Some(i));
            }
        }
        return at.map(|i| (align(needle, hay, starts, i, None), i));
    }
    let mut best: Option<(u32, usize)> = None;
    for p in 0..=hay.len() - needle.len() {
        if hay[p] != first {
            continue;
        }
        let s = align(needle, hay, starts, p, None);
        if s == 0 {
            // No match from here means none from any later start either.
            break;
        }
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, p));
        }
    }
    best
}

/// Greedy forward alignment from `from` (where `hay[from] == needle[0]`); 0 when the
/// rest of the needle is not found.
fn align<T: Copy + Eq>(
    needle: &[T],
    hay: &[T],
    starts: u64,
    from: usize,
    mut out: Option<&mut Vec<usize>>,
) -> u32 {
    let mut score: i32 = 0;
    let mut j = 0;
    let mut prev: Option<usize> = None;
    for (i, h) in hay.iter().enumerate().skip(from) {
        if *h != needle[j] {
            continue;
        }
        score += MATCH;
        if is_start(starts, i) {
            score += if j == 0 { FIRST_WORD_START } else { WORD_START };
        }
        match prev {
            Some(p) if p + 1 == i => score += CONSECUTIVE,
            Some(p) => score -= GAP_OPEN + GAP_EXTEND * (i - p - 2) as i32,
            None if i == 0 => score += FIELD_START,
            None => {}
        }
        if let Some(o) = out.as_deref_mut() {
            o.push(i);
        }
        prev = Some(i);
        j += 1;
        if j == needle.len() {
            if i + 1 == hay.len() || is_start(starts, i + 1) {
                score += WORD_END;
            }
            return score.max(1) as u32;
        }
    }
    0
}

/// Whether `a` is a subsequence of `b`.
pub(crate) fn is_subsequence<T: Eq>(a: &[T], b: &[T]) -> bool {
    let mut it = b.iter();
    a.iter().all(|x| it.any(|y| y == x))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(n: &str, h: &str, starts: u64) -> u32 {
        score(n.as_bytes(), h.as_bytes(), starts)
    }

    #[test]
    fn exact_word_scores_all_bonuses() {
        // tanaka|misaki: 6×16 + 14 + 5×10 + 8 + 6
        assert_eq!(s("tanaka", "tanakamisaki", 0b100_0001), 174);
    }

    #[test]
    fn subsequence_with_gaps_still_matches() {
        // t(16+14+8) n(16−4) k(16−4) = 62
        assert_eq!(s("tnk", "tanakamisaki", 0b100_0001), 62);
        assert_eq!(s("tkn", "tanaka", 1), 0);
    }

    #[test]
    fn contiguous_run_at_word_start_wins_over_first_occurrence() {
        let (_, pos) = positions(b"mi", b"mamimisaki", 0b100).unwrap();
        assert_eq!(pos, vec![2, 3]);
    }

    #[test]
    fn works_on_chars() {
        let h: Vec<char> = "タナカミサキ".chars().collect();
        let n: Vec<char> = "ミサキ".chars().collect();
        let (_, pos) = positions(&n, &h, 0b1001).unwrap();
        assert_eq!(pos, vec![3, 4, 5]);
    }

    #[test]
    fn ids_rank_exact_then_prefix() {
        let id = b"e0412";
        assert_eq!(id_score(b"e0412", id), 80 + ID_EXACT);
        assert_eq!(id_score(b"e04", id), 48 + ID_PREFIX);
        assert!(id_score(b"412", id) < ID_PREFIX);
        assert_eq!(id_score(b"x", id), 0);
    }

    #[test]
    fn contiguous_ignores_scattered_letters() {
        assert_eq!(contiguous(b"sato", b"secretariatoffice", 1), 0);
        assert!(contiguous(b"office", b"secretariatoffice", 1 | 1 << 11) > 0);
        assert_eq!(place_id_score(b"p02", b"p02"), 48 + ID_EXACT);
    }

    #[test]
    fn subsequence_test() {
        assert!(is_subsequence(b"tnk", b"tanaka"));
        assert!(!is_subsequence(b"tkn", b"tanaka"));
    }
}
