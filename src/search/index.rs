//! The search index: every person normalised once, as of a date. Display rows for the
//! table and the CLI, and compact match keys (folded characters, romaji keys, maps back
//! to the displayed text, prefilter masks, filter values) in flat arrays, so a
//! keystroke scans memory without chasing pointers or allocating.

use super::kana::romanize;
use super::normalize::{self, fold, mask_bytes, mask_chars, reduce_word, start_bit};
use crate::domain::{
    Assignment, Dataset, Date, Field, Grade, PostId, Skills, Staff, StaffId, Status, UnitId,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

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
    pub post_title: Option<String>,
    pub field: Option<Field>,
    pub unit: Option<UnitId>,
    pub unit_name: Option<String>,
    /// Start of the current assignment.
    pub since: Option<Date>,
    /// Whole months in the current post.
    pub tenure_months: Option<i32>,
    /// Tenure at or past the term.
    pub due: bool,
    pub skills: Skills,
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
    pub title: normalize::Key,
    pub id_folded: String,
    pub title_folded: String,
    pub field: Field,
}

/// A unit as the matcher sees it.
#[derive(Debug, Clone)]
pub(crate) struct UnitKey {
    pub id: Vec<char>,
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
    as_of: Date,
    term_months: u32,
    /// Tells indexes apart, so a `Searcher` never refines across a rebuild.
    pub(crate) generation: u64,
}

static GENERATION: AtomicU64 = AtomicU64::new(1);

impl SearchIndex {
    /// Normalises every person of `ds` as of `as_of`; `term_months` decides who is due.
    pub fn build(ds: &Dataset, as_of: Date, term_months: u32) -> SearchIndex {
        let (units, unit_ix) = build_units(ds);
        let mut post_ix: HashMap<&PostId, (u32, u32)> = HashMap::new();
        let mut posts = Vec::with_capacity(ds.posts.len());
        for (i, p) in ds.posts.values().enumerate() {
            let unit = unit_ix.get(&p.unit).copied().unwrap_or(NONE);
            post_ix.insert(&p.id, (i as u32, unit));
            let (id_folded, title_folded) = (fold(p.id.as_str()), fold(&p.title));
            posts.push(PostKey {
                id: id_folded.chars().collect(),
                title: normalize::key(&p.title),
                id_folded,
                title_folded,
                field: p.field,
            });
        }
        let n = ds.staff.len();
        let mut ix = SearchIndex {
            rows: Vec::with_capacity(n),
            keys: Vec::with_capacity(n),
            chars: Vec::with_capacity(n * 16),
            bytes: Vec::with_capacity(n * 14),
            maps: Vec::with_capacity(n * 16),
            romaji_maps: Vec::with_capacity(n * 14),
            posts,
            units,
            skill_ids: HashMap::new(),
            skill_levels: Vec::with_capacity(n * 2),
            kana_rank: Vec::new(),
            as_of,
            term_months,
            generation: GENERATION.fetch_add(1, Ordering::Relaxed),
        };
        for s in ds.staff.values() {
            let current = current_assignment(ds.assignments_of(&s.id), as_of);
            let (post, unit) = current
                .and_then(|a| post_ix.get(&a.post).copied())
                .unwrap_or((NONE, NONE));
            ix.push(ds, s, current, post, unit);
        }
        ix.kana_rank = kana_ranks(&ix.rows);
        ix
    }

    fn push(&mut self, ds: &Dataset, s: &Staff, cur: Option<&Assignment>, post: u32, unit: u32) {
        let tenure = cur.map(|a| crate::domain::date::months_between(a.start, self.as_of));
        let due = tenure.is_some_and(|t| t >= 0 && t as u32 >= self.term_months);
        let id = self.push_chars(&normalize::key(s.id.as_str()));
        let name = self.push_chars(&normalize::key(&s.name));
        let kana = self.push_chars(&normalize::key(&s.kana));
        let (romaji_display, romaji) = self.push_romaji(&s.kana);
        let skills_at = self.skill_levels.len() as u32;
        for (k, v) in &s.skills.0 {
            let next = self.skill_ids.len() as u16;
            let sid = *self.skill_ids.entry(k.clone()).or_insert(next);
            self.skill_levels.push((sid, *v));
        }
        let p = cur.and_then(|a| ds.posts.get(&a.post));
        let u = p.and_then(|p| ds.units.get(&p.unit));
        self.keys.push(Keys {
            id,
            name,
            kana,
            romaji,
            post,
            unit,
            grade: s.grade,
            status: s.status,
            candidate: s.candidate,
            due,
            skills: (skills_at, self.skill_levels.len() as u32 - skills_at),
        });
        self.rows.push(Row {
            id: s.id.clone(),
            name: s.name.clone(),
            kana: s.kana.clone(),
            romaji: romaji_display,
            grade: s.grade,
            status: s.status,
            candidate: s.candidate,
            birth_year: s.birth_year,
            post: cur.map(|a| a.post.clone()),
            post_title: p.map(|p| p.title.clone()),
            field: p.map(|p| p.field),
            unit: p.map(|p| p.unit.clone()),
            unit_name: u.map(|u| u.name.clone()),
            since: cur.map(|a| a.start),
            tenure_months: tenure,
            due,
            skills: s.skills.clone(),
        });
    }

    fn push_chars(&mut self, k: &normalize::Key) -> FieldKey {
        let start = self.chars.len() as u32;
        self.chars.extend_from_slice(&k.chars);
        self.maps.extend(k.map.iter().map(|m| (*m).min(u16::MAX as u32) as u16));
        FieldKey {
            start,
            len: k.chars.len() as u32,
            starts: k.starts,
            mask: mask_chars(&k.chars),
        }
    }

    /// Romanizes the kana, reduces each word to its romaji key and stores it.
    fn push_romaji(&mut self, kana: &str) -> (String, FieldKey) {
        let (folded, fmap) = normalize::fold_chars(kana);
        let (hep, hmap) = romanize(&folded);
        let src: Vec<u32> = hmap
            .iter()
            .map(|h| fmap.get(*h as usize).copied().unwrap_or(0))
            .collect();
        let (mut out, mut map) = (Vec::with_capacity(hep.len()), Vec::new());
        let mut starts = 0;
        let mut at = 0;
        for word in hep.split(|b| *b == b' ') {
            starts |= start_bit(out.len());
            reduce_word(word, &src[at..at + word.len()], &mut out, &mut map);
            at += word.len() + 1;
        }
        let key = FieldKey {
            start: self.bytes.len() as u32,
            len: out.len() as u32,
            starts,
            mask: mask_bytes(&out),
        };
        self.bytes.extend_from_slice(&out);
        self.romaji_maps
            .extend(map.iter().map(|m| (*m).min(u16::MAX as u32) as u16));
        (String::from_utf8(hep).unwrap_or_default(), key)
    }

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

/// The assignment in force on the date: primary over concurrent, then the latest start.
fn current_assignment<'a>(
    all: impl Iterator<Item = &'a Assignment>,
    as_of: Date,
) -> Option<&'a Assignment> {
    all.filter(|a| a.covers(as_of))
        .max_by(|a, b| (!a.concurrent, a.start).cmp(&(!b.concurrent, b.start)))
}

type Units = (Vec<UnitKey>, HashMap<UnitId, u32>);

fn build_units(ds: &Dataset) -> Units {
    let unit_ix: HashMap<UnitId, u32> = ds
        .units
        .keys()
        .enumerate()
        .map(|(i, id)| (id.clone(), i as u32))
        .collect();
    let units = ds
        .units
        .values()
        .map(|u| {
            let mut ancestors = Vec::new();
            let mut at = u.parent.as_ref();
            while let Some(p) = at {
                match ds.units.get(p).zip(unit_ix.get(p)) {
                    Some((pu, pi)) if ancestors.len() < 32 && !ancestors.contains(pi) => {
                        ancestors.push(*pi);
                        at = pu.parent.as_ref();
                    }
                    _ => break,
                }
            }
            UnitKey {
                id: fold(u.id.as_str()).chars().collect(),
                name: normalize::key(&u.name),
                name_en: normalize::key(&u.name_en),
                folded: [fold(u.id.as_str()), fold(&u.name), fold(&u.name_en)],
                ancestors,
            }
        })
        .collect();
    (units, unit_ix)
}

/// Each row's place when sorted by folded kana (then id, the row order).
fn kana_ranks(rows: &[Row]) -> Vec<u32> {
    let folded: Vec<String> = rows.iter().map(|r| fold(&r.kana)).collect();
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    order.sort_by(|a, b| folded[*a as usize].cmp(&folded[*b as usize]).then(a.cmp(b)));
    let mut rank = vec![0; rows.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    rank
}
