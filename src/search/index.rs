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
    pub mask: u64,
}

impl FieldKey {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// The match keys and filter values of one person.
#[derive(Debug, Clone)]
pub(crate) struct Keys {
    pub id: FieldKey,
    pub name: FieldKey,
    pub kana: FieldKey,
    /// In the byte arena; the map arena holds the kana char of each byte.
    pub romaji: FieldKey,
    pub post: u32,
    pub unit: u32,
    pub grade: Grade,
    pub status: Status,
    pub candidate: bool,
    pub due: bool,
    pub skills: (u32, u32),
}

/// A post as the matcher sees it.
#[derive(Debug, Clone)]
pub(crate) struct PostKey {
    pub id: Vec<char>,
    /// Prefilter mask of the id and the title.
    pub mask: u64,
    pub title: normalize::Key,
    pub id_folded: String,
    pub title_folded: String,
    pub field: Field,
}

/// A unit as the matcher sees it.
#[derive(Debug, Clone)]
pub(crate) struct UnitKey {
    pub id: Vec<char>,
    /// Prefilter mask of the id and both names.
    pub mask: u64,
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
    pub(crate) keys: Vec<Keys>,
    /// Folded ids, names and kana, without spaces.
    pub(crate) chars: Vec<char>,
    /// Romaji keys.
    pub(crate) bytes: Vec<u8>,
    /// For each char or byte of a key: the char index in the displayed text.
    pub(crate) maps: Vec<u16>,
    /// Same layout as `bytes`.
    pub(crate) romaji_maps: Vec<u16>,
    pub(crate) posts: Vec<PostKey>,
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

    pub(crate) fn skill_level(&self, k: &Keys, skill: u16) -> u8 {
        let (at, n) = (k.skills.0 as usize, k.skills.1 as usize);
        self.skill_levels[at..at + n]
            .iter()
            .find(|(s, _)| *s == skill)
            .map_or(0, |(_, l)| *l)
    }
}
