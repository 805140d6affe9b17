//! The search index: every person normalised once, as of a date. Display rows for the
//! table and the CLI, and compact match keys (folded characters, romaji keys, maps back
//! to the displayed text, prefilter masks, filter values) in flat arrays, so a
//! keystroke scans memory without chasing pointers or allocating.

use super::normalize;
use crate::domain::{Date, Field, Grade, PostId, StaffId, Status, UnitId};
use std::collections::HashMap;
use std::sync::Arc;

/// The standard term in a post, in months: at or past it a person is due to move.
pub const DEFAULT_TERM_MONTHS: u32 = 24;

/// "No post" / "no unit" in the compact keys.
pub(crate) const NONE: u32 = u32::MAX;

/// What the table and the CLI show of a person, as of the index date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: StaffId,
    pub name: String,
    pub kana: String,
    /// Hepburn romaji of the kana (`tanaka misaki`).
    pub romaji: String,
    pub grade: Grade,
    pub status: Status,
    pub candidate: bool,
    pub birth_year: Option<i16>,
    /// The current post: the assignment covering the date, primary over concurrent.
    pub post: Option<PostId>,
    pub post_title: Option<Arc<str>>,
    pub field: Option<Field>,
    pub unit: Option<UnitId>,
    pub unit_name: Option<Arc<str>>,
    /// Start of the current assignment.
    pub since: Option<Date>,
    /// Whole months in the current post.
    pub tenure_months: Option<i32>,
    /// Tenure at or past the term.
    pub due: bool,
}

/// Where a field's key sits in an arena.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FieldKey {
    pub start: u32,
    pub len: u32,
    /// Bit `i` set: key position `i` starts a word.
    pub starts: u64,
}

impl FieldKey {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// Everything a keystroke reads of a person, in one 64-byte cache line: prefilter
/// masks, filter values and where the keys are (id, name and kana one after another
/// in the char arena, romaji in the byte arena; keys are at most 255 long, word starts
/// are kept for the first 16 name/kana and 32 romaji positions).
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
pub(crate) struct Hot {
    /// Masks of the id (ASCII scheme), name and kana (wide scheme) and romaji keys.
    pub masks: [u64; 4],
    pub post: u32,
    pub unit: u32,
    pub chars: u32,
    pub bytes: u32,
    /// Lengths of the id, name, kana and romaji keys.
    pub lens: [u8; 4],
    pub romaji_starts: u32,
    pub name_starts: u16,
    pub kana_starts: u16,
    pub grade: Grade,
    pub status: Status,
    pub candidate: bool,
    pub due: bool,
}

pub(crate) const ID: usize = 0;
pub(crate) const NAME: usize = 1;
pub(crate) const KANA: usize = 2;
pub(crate) const ROMAJI: usize = 3;

impl Hot {
    /// Where key `f` (`ID`, `NAME`, `KANA`, `ROMAJI`) is.
    pub fn field(&self, f: usize) -> FieldKey {
        let l = self.lens.map(u32::from);
        let (start, starts) = match f {
            ID => (self.chars, 1),
            NAME => (self.chars + l[0], self.name_starts as u64),
            KANA => (self.chars + l[0] + l[1], self.kana_starts as u64),
            _ => (self.bytes, self.romaji_starts as u64),
        };
        FieldKey {
            start,
            len: l[f.min(ROMAJI)],
            starts,
        }
    }
}

/// A post as the matcher sees it.
#[derive(Debug, Clone)]
pub(crate) struct PostKey {
    pub id: Vec<char>,
    /// Index into the distinct titles.
    pub title: u32,
    pub id_folded: String,
    pub field: Field,
}

/// A distinct post title (many posts share one), as the matcher sees it.
#[derive(Debug, Clone)]
pub(crate) struct TitleKey {
    pub key: normalize::Key,
    pub folded: String,
    pub mask: u64,
}

/// A unit as the matcher sees it.
#[derive(Debug, Clone)]
pub(crate) struct UnitKey {
    pub id: Vec<char>,
    pub id_mask: u64,
    /// Prefilter mask of both names.
    pub name_mask: u64,
    pub name: normalize::Key,
    pub name_en: normalize::Key,
    /// Folded id, name and English name, for `unit:`.
    pub folded: [String; 3],
    /// Parent units, nearest first.
    pub ancestors: Vec<u32>,
}

/// Everyone, normalised for search as of a date. Rows are in staff id order.
#[derive(Debug)]
pub struct SearchIndex {
    pub(crate) rows: Vec<Row>,
    /// Staff ids, shared with hits.
    pub(crate) ids: Vec<Arc<StaffId>>,
    pub(crate) hot: Vec<Hot>,
    /// Each row's skills: start and count in `skill_levels`.
    pub(crate) skill_spans: Vec<(u32, u32)>,
    /// Folded ids, names and kana, without spaces.
    pub(crate) chars: Vec<char>,
    /// Romaji keys.
    pub(crate) bytes: Vec<u8>,
    /// For each char or byte of a key: the char index in the displayed text.
    pub(crate) maps: Vec<u16>,
    /// Same layout as `bytes`.
    pub(crate) romaji_maps: Vec<u16>,
    pub(crate) posts: Vec<PostKey>,
    /// Each post's id mask, packed for a quick pass.
    pub(crate) post_masks: Vec<u64>,
    pub(crate) titles: Vec<TitleKey>,
    pub(crate) units: Vec<UnitKey>,
    pub(crate) skill_ids: HashMap<String, u16>,
    pub(crate) skill_levels: Vec<(u16, u8)>,
    /// Each row's place in kana order.
    pub(crate) kana_rank: Vec<u32>,
    pub(crate) as_of: Date,
    pub(crate) term_months: u32,
    /// Tells indexes apart, so a `Searcher` never refines across a rebuild.
    pub(crate) generation: u64,
    /// Threads a large scan is split across.
    pub(crate) threads: usize,
}

impl SearchIndex {
    /// How many people.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Every row, in staff id order; `Hit::row` indexes this.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The row of a staff id.
    pub fn row_of(&self, id: &StaffId) -> Option<usize> {
        self.rows.binary_search_by(|r| r.id.cmp(id)).ok()
    }

    pub fn as_of(&self) -> Date {
        self.as_of
    }

    pub fn term_months(&self) -> u32 {
        self.term_months
    }

    /// Threads a large scan is split across (default: the available cores, at most 8).
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Sets the scan threads (at least 1), e.g. to leave cores to other work.
    pub fn set_threads(&mut self, n: usize) {
        self.threads = n.max(1);
    }

    pub(crate) fn chars_of(&self, k: &FieldKey) -> &[char] {
        &self.chars[k.range()]
    }

    pub(crate) fn bytes_of(&self, k: &FieldKey) -> &[u8] {
        &self.bytes[k.range()]
    }

    pub(crate) fn skill_level(&self, row: usize, skill: u16) -> u8 {
        let (at, n) = self.skill_spans[row];
        let (at, n) = (at as usize, n as usize);
        self.skill_levels[at..at + n]
            .iter()
            .find(|(s, _)| *s == skill)
            .map_or(0, |(_, l)| *l)
    }
}
