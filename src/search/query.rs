//! The query language. Space-separated words (ASCII or ideographic spaces); each is a
//! search word or a filter, and all of them must hold:
//!
//! - free words: matched against name (kanji), kana, romaji, staff id, and at a lower
//!   weight the current post (id, title) and unit (name, English name, id, ancestors);
//! - `grade:係長` / `grade:chief`: the person's grade (Japanese or English);
//! - `unit:特許`: the current unit's name, English name or id, or an ancestor unit's,
//!   contains the text;
//! - `field:security`: the current post's field;
//! - `skill:security>=3` (also `>`, `=`, `<=`, `<`; `skill:pm` means `>=1`;
//!   `skill:pm:2` means `>=2`); a missing skill is level 0;
//! - `status:seconded` (`在籍`, `出向`, `休職`, ...);
//! - `post:P02`: the current post's id (case ignored), or text its title contains;
//! - `candidate` (or `候補`), `due` (tenure in the current post ≥ the term).
//!
//! Full-width letters and `：` are accepted. Filters of the same key all apply (AND).

use super::matcher::is_subsequence;
use super::normalize::{self, fold, mask_bytes, mask_chars, mask_wide};
use crate::domain::records::skill_name;
use crate::domain::{Field, Grade, Status};
use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<Term>,
    pub filters: Vec<Filter>,
}

/// A free search word, with its folded forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The word as typed.
    pub text: String,
    /// Where the word starts in the query, in characters.
    pub start: usize,
    pub(crate) folded: Vec<char>,
    pub(crate) romaji: Option<Vec<u8>>,
    /// Prefilter masks: ids (ASCII scheme), names/kana/titles (wide), romaji key.
    pub(crate) mask: u64,
    pub(crate) wide_mask: u64,
    pub(crate) romaji_mask: u64,
}

/// A structured filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Grade(Grade),
    /// Folded text the name, English name or id of the unit or an ancestor contains.
    Unit(String),
    Field(Field),
    Skill {
        name: String,
        cmp: Cmp,
        level: u8,
    },
    Status(Status),
    /// Folded post id (whole), or text the post title contains.
    Post(String),
    Candidate,
    Due,
}

/// A comparison of skill levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

impl Cmp {
    /// Whether `level` compares to `want` this way.
    pub fn holds(self, level: u8, want: u8) -> bool {
        match self {
            Cmp::Lt => level < want,
            Cmp::Le => level <= want,
            Cmp::Eq => level == want,
            Cmp::Ge => level >= want,
            Cmp::Gt => level > want,
        }
    }
}

/// A word of the query that cannot be read. Positions are in characters of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub start: usize,
    pub end: usize,
    /// The word as typed.
    pub word: String,
    pub reason: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.word, self.reason)
    }
}

impl std::error::Error for QueryError {}

const KEYS: &str = "grade, unit, field, skill, status, post (or the words candidate, due)";

impl Query {
    /// Parses a query; the first word that cannot be read is the error.
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let mut q = Query::default();
        for (start, end, word) in words(input) {
            let err = |reason: String| QueryError {
                start,
                end,
                word: word.to_string(),
                reason,
            };
            let norm: String = word.nfkc().collect();
            if let Some((key, value)) = norm.split_once(':') {
                q.filters.push(filter(key, value).map_err(err)?);
                continue;
            }
            match fold(&norm).as_str() {
                "candidate" | "候補" => q.filters.push(Filter::Candidate),
                "due" => q.filters.push(Filter::Due),
                _ => q.terms.extend(Term::new(word, start)),
            }
        }
        Ok(q)
    }

    /// No words and no filters: everyone.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.filters.is_empty()
    }

    /// Whether every person this query finds is certain to be found by `prev` too (it
    /// keeps `prev`'s filters and extends its words), so its results can be looked for
    /// among `prev`'s. Person fields match by subsequence and post/unit texts by
    /// contiguous run, so each old word must be a contiguous part of the new one (and
    /// its romaji key a subsequence of the new key).
    pub fn narrows(&self, prev: &Query) -> bool {
        prev.filters.iter().all(|f| self.filters.contains(f))
            && prev.terms.len() <= self.terms.len()
            && prev.terms.iter().zip(&self.terms).all(|(a, b)| {
                is_substring(&a.folded, &b.folded)
                    && match (&a.romaji, &b.romaji) {
                        (Some(x), Some(y)) => is_subsequence(x, y),
                        (_, None) => true,
                        (None, Some(_)) => false,
                    }
            })
    }
}

impl std::str::FromStr for Query {
    type Err = QueryError;
    fn from_str(s: &str) -> Result<Query, QueryError> {
        Query::parse(s)
    }
}

impl Term {
    /// A search word; `None` when nothing searchable is left after folding.
    pub fn new(text: &str, start: usize) -> Option<Term> {
        let folded: Vec<char> = normalize::fold_chars(text)
            .0
            .into_iter()
            .filter(|c| *c != ' ')
            .collect();
        if folded.is_empty() {
            return None;
        }
        let romaji = normalize::query_romaji(&folded).filter(|r| !r.is_empty());
        Some(Term {
            text: text.to_string(),
            start,
            mask: mask_chars(&folded),
            wide_mask: mask_wide(&folded),
            romaji_mask: romaji.as_deref().map_or(0, mask_bytes),
            romaji,
            folded,
        })
    }
}

fn is_substring(a: &[char], b: &[char]) -> bool {
    a.is_empty() || b.windows(a.len()).any(|w| w == a)
}

/// The words of the input with their character spans.
fn words(input: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut begin: Option<(usize, usize)> = None;
    let mut n = 0;
    for (b, c) in input.char_indices() {
        match (c.is_whitespace(), begin) {
            (true, Some((cb, bb))) => {
                out.push((cb, n, &input[bb..b]));
                begin = None;
            }
            (false, None) => begin = Some((n, b)),
            _ => {}
        }
        n += 1;
    }
    if let Some((cb, bb)) = begin {
        out.push((cb, n, &input[bb..]));
    }
    out
}

fn filter(key: &str, value: &str) -> Result<Filter, String> {
    let key_l = key.trim().to_lowercase();
    let known = ["grade", "unit", "field", "skill", "status", "post"];
    if key_l.is_empty() {
        return Err(format!("a filter needs a name before ':'; one of {KEYS}"));
    }
    if !known.contains(&key_l.as_str()) {
        return Err(format!(
            "unknown filter '{}'; expected one of {KEYS}",
            crate::domain::text::clip(key, 20)
        ));
    }
    if value.trim().is_empty() {
        return Err(format!("{key_l} needs a value after ':'"));
    }
    match key_l.as_str() {
        "grade" => Grade::parse(value).map(Filter::Grade),
        "field" => Field::parse(value).map(Filter::Field),
        "status" => Status::parse(value).map(Filter::Status),
        "unit" => Ok(Filter::Unit(fold(value))),
        "post" => Ok(Filter::Post(fold(value))),
        _ => skill(value),
    }
}

fn skill(value: &str) -> Result<Filter, String> {
    let is_op = |c: char| matches!(c, '<' | '>' | '=' | '!' | ':');
    let (name, rest) = value.split_at(value.find(is_op).unwrap_or(value.len()));
    let name = skill_name(name)?;
    if rest.is_empty() {
        return Ok(Filter::Skill {
            name,
            cmp: Cmp::Ge,
            level: 1,
        });
    }
    let (op, level) = rest.split_at(rest.find(|c| !is_op(c)).unwrap_or(rest.len()));
    let cmp = match op {
        ">=" | ":" => Cmp::Ge,
        ">" => Cmp::Gt,
        "=" | "==" => Cmp::Eq,
        "<=" => Cmp::Le,
        "<" => Cmp::Lt,
        _ => {
            return Err(format!(
                "bad comparison '{op}' for skill '{name}'; use one of >=, >, =, <=, <"
            ))
        }
    };
    if level.is_empty() {
        return Err(format!(
            "no level after '{op}'; write it like skill:{name}>=3"
        ));
    }
    let level: u8 = level
        .parse()
        .map_err(|_| format!("skill level '{level}' is not a number 0-4"))?;
    if level > crate::domain::Skills::MAX_LEVEL {
        return Err(format!(
            "skill level {level} is out of range; levels are 0-4"
        ));
    }
    Ok(Filter::Skill { name, cmp, level })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_char_positions() {
        let w = words(" 田中　grade:係長  x");
        assert_eq!(
            w,
            vec![(1, 3, "田中"), (4, 12, "grade:係長"), (14, 15, "x")]
        );
    }

    #[test]
    fn terms_and_filters_split() {
        let q = Query::parse("tanaka grade:係長 due candidate").unwrap();
        assert_eq!(q.terms.len(), 1);
        assert_eq!(q.terms[0].romaji.as_deref(), Some(&b"tanaka"[..]));
        assert_eq!(
            q.filters,
            vec![Filter::Grade(Grade::Chief), Filter::Due, Filter::Candidate]
        );
    }

    #[test]
    fn full_width_colon_and_letters() {
        let q = Query::parse("ｇｒａｄｅ：ｃｈｉｅｆ").unwrap();
        assert_eq!(q.filters, vec![Filter::Grade(Grade::Chief)]);
    }

    #[test]
    fn skill_forms() {
        let f = |s: &str| Query::parse(s).unwrap().filters;
        let sk = |cmp, level| Filter::Skill {
            name: "security".into(),
            cmp,
            level,
        };
        assert_eq!(f("skill:security>=3"), vec![sk(Cmp::Ge, 3)]);
        assert_eq!(f("skill:security<2"), vec![sk(Cmp::Lt, 2)]);
        assert_eq!(f("skill:セキュリティ=4"), vec![sk(Cmp::Eq, 4)]);
        assert_eq!(f("skill:security"), vec![sk(Cmp::Ge, 1)]);
        assert_eq!(f("skill:security:2"), vec![sk(Cmp::Ge, 2)]);
    }

    #[test]
    fn narrows_when_words_grow_and_filters_stay() {
        let p = |s: &str| Query::parse(s).unwrap();
        assert!(p("tanaka m").narrows(&p("tanaka")));
        assert!(p("tanaka mi").narrows(&p("tanaka m")));
        assert!(p("tanaka due").narrows(&p("tanaka")));
        assert!(!p("tanak").narrows(&p("tanaka")));
        assert!(!p("tanaka").narrows(&p("tanaka due")));
        assert!(!p("田中").narrows(&p("たなか")));
        assert!(!p("tnaka").narrows(&p("tnk")));
    }
}
