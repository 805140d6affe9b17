//! Normalising people into a chunk of the index: each person's current post (walking
//! the assignments alongside the id-ordered staff), folded id/name/kana keys, the romaji
//! key, masks and display row, appended to the chunk's own arenas with scratch buffers
//! reused from one person to the next.

use super::index::{Hot, Row, NONE};
use super::kana::romanize_into;
use super::normalize::{self, mask_bytes, mask_chars, mask_wide, reduce_word_with, start_bit};
use crate::domain::date::months_between;
use crate::domain::{
    Assignment, AssignmentKey, Dataset, Date, Field, PostId, Staff, StaffId, UnitId,
};
use std::collections::HashMap;
use std::sync::Arc;

/// What a post means to the people holding it.
pub(super) struct PostInfo<'a> {
    pub(super) ix: u32,
    pub(super) unit: u32,
    pub(super) field: Field,
    pub(super) unit_id: &'a UnitId,
    pub(super) title: Arc<str>,
    pub(super) unit_name: Option<Arc<str>>,
}

/// What every chunk reads.
pub(super) struct Ctx<'a> {
    pub(super) ds: &'a Dataset,
    pub(super) as_of: Date,
    pub(super) term_months: u32,
    pub(super) posts: HashMap<&'a PostId, PostInfo<'a>>,
}

/// One chunk of people with its own arenas and skill names.
#[derive(Default)]
pub(super) struct Part {
    pub(super) rows: Vec<Row>,
    pub(super) ids: Vec<Arc<StaffId>>,
    pub(super) hot: Vec<Hot>,
    pub(super) skill_spans: Vec<(u32, u32)>,
    pub(super) chars: Vec<char>,
    pub(super) bytes: Vec<u8>,
    pub(super) maps: Vec<u16>,
    pub(super) romaji_maps: Vec<u16>,
    pub(super) skill_names: Vec<String>,
    pub(super) skill_ix: HashMap<String, u16>,
    pub(super) skill_levels: Vec<(u16, u8)>,
    scratch: Scratch,
}

impl Ctx<'_> {
    /// Builds a chunk of people (in id order), walking the assignments (also in staff
    /// id order) alongside instead of looking each person's up.
    pub(super) fn part(&self, staff: &[&Staff]) -> Part {
        let n = staff.len();
        let mut p = Part {
            rows: Vec::with_capacity(n),
            ids: Vec::with_capacity(n),
            hot: Vec::with_capacity(n),
            skill_spans: Vec::with_capacity(n),
            chars: Vec::with_capacity(n * 20),
            maps: Vec::with_capacity(n * 20),
            bytes: Vec::with_capacity(n * 16),
            romaji_maps: Vec::with_capacity(n * 16),
            skill_levels: Vec::with_capacity(n * 2),
            ..Part::default()
        };
        let Some(first) = staff.first() else {
            return p;
        };
        let from = AssignmentKey {
            staff: first.id.clone(),
            start: Date::MIN,
            post: PostId::new_unchecked(""),
        };
        let mut all = self.ds.assignments.range(from..).map(|(_, a)| a).peekable();
        let mut mine: Vec<&Assignment> = Vec::new();
        for s in staff {
            mine.clear();
            while let Some(a) = all.next_if(|a| a.staff <= s.id) {
                if a.staff == s.id {
                    mine.push(a);
                }
            }
            p.push(
                self,
                s,
                current_assignment(mine.iter().copied(), self.as_of),
            );
        }
        p
    }
}

impl Part {
    fn push(&mut self, ctx: &Ctx, s: &Staff, cur: Option<&Assignment>) {
        let info = cur.and_then(|a| ctx.posts.get(&a.post));
        let tenure = cur.map(|a| months_between(a.start, ctx.as_of));
        let due = tenure.is_some_and(|t| t >= 0 && t as u32 >= ctx.term_months);
        let mut sc = std::mem::take(&mut self.scratch);
        let chars = self.chars.len() as u32;
        let (id_len, id_mask, _) = self.push_key(&mut sc, s.id.as_str(), mask_chars);
        let (name_len, name_mask, name_starts) = self.push_key(&mut sc, &s.name, mask_wide);
        let (kana_len, kana_mask, kana_starts) = self.push_key(&mut sc, &s.kana, mask_wide);
        let bytes = self.bytes.len() as u32;
        // `sc` still holds the folded kana.
        let (romaji_display, romaji_len, romaji_mask, romaji_starts) = self.push_romaji(&mut sc);
        self.scratch = sc;
        let skills_at = self.skill_levels.len() as u32;
        for (name, level) in &s.skills.0 {
            let sid = match self.skill_ix.get(name) {
                Some(i) => *i,
                None => {
                    let i = self.skill_names.len() as u16;
                    self.skill_names.push(name.clone());
                    self.skill_ix.insert(name.clone(), i);
                    i
                }
            };
            self.skill_levels.push((sid, *level));
        }
        let skills_n = self.skill_levels.len() as u32 - skills_at;
        self.skill_spans.push((skills_at, skills_n));
        self.hot.push(Hot {
            masks: [id_mask, name_mask, kana_mask, romaji_mask],
            post: info.map_or(NONE, |i| i.ix),
            unit: info.map_or(NONE, |i| i.unit),
            chars,
            bytes,
            lens: [id_len, name_len, kana_len, romaji_len],
            romaji_starts: romaji_starts as u32,
            name_starts: name_starts as u16,
            kana_starts: kana_starts as u16,
            grade: s.grade,
            status: s.status,
            candidate: s.candidate,
            due,
        });
        self.ids.push(Arc::new(s.id.clone()));
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
            post_title: info.map(|i| i.title.clone()),
            field: info.map(|i| i.field),
            unit: info.map(|i| i.unit_id.clone()),
            unit_name: info.and_then(|i| i.unit_name.clone()),
            since: cur.map(|a| a.start),
            tenure_months: tenure,
            due,
        });
    }

    /// Folds `text` into the scratch buffers and stores its key (at most 255
    /// characters, no spaces); returns its length, prefilter mask and word starts.
    fn push_key(&mut self, sc: &mut Scratch, text: &str, mask: fn(&[char]) -> u64) -> Key3 {
        sc.folded.clear();
        sc.src.clear();
        normalize::fold_into(text, &mut sc.folded, &mut sc.src);
        let start = self.chars.len();
        let (mut starts, mut at_start) = (0, true);
        for (&c, &i) in sc.folded.iter().zip(&sc.src) {
            if c == ' ' {
                at_start = true;
                continue;
            }
            if self.chars.len() - start == 255 {
                break;
            }
            if at_start {
                starts |= start_bit(self.chars.len() - start);
                at_start = false;
            }
            self.chars.push(c);
            self.maps.push(i.min(u16::MAX as u32) as u16);
        }
        let key = &self.chars[start..];
        (key.len() as u8, mask(key), starts)
    }

    /// Romanizes the folded kana in `sc`, reduces each word to its romaji key (at most
    /// 255 bytes) and stores it; returns the display romaji, the key length, mask and
    /// word starts.
    fn push_romaji(&mut self, sc: &mut Scratch) -> (String, u8, u64, u64) {
        romanize_into(&sc.folded, &mut sc.hep, &mut sc.hmap);
        sc.hsrc.clear();
        (sc.hsrc).extend(
            sc.hmap
                .iter()
                .map(|h| sc.src.get(*h as usize).copied().unwrap_or(0)),
        );
        sc.map.clear();
        let start = self.bytes.len();
        let (mut starts, mut at) = (0, 0);
        for word in sc.hep.split(|b| *b == b' ') {
            starts |= start_bit(self.bytes.len() - start);
            let src = &sc.hsrc[at..at + word.len()];
            reduce_word_with(word, src, &mut self.bytes, &mut sc.map, &mut sc.pairs);
            at += word.len() + 1;
        }
        self.bytes.truncate(start + 255);
        sc.map.truncate(255);
        (self.romaji_maps).extend(sc.map.iter().map(|m| (*m).min(u16::MAX as u32) as u16));
        let key = &self.bytes[start..];
        let display = String::from_utf8_lossy(&sc.hep).into_owned();
        (display, key.len() as u8, mask_bytes(key), starts)
    }
}

/// A stored key's length, prefilter mask and word starts.
type Key3 = (u8, u64, u64);

/// Buffers reused for every person of a chunk.
#[derive(Default)]
struct Scratch {
    folded: Vec<char>,
    src: Vec<u32>,
    hep: Vec<u8>,
    hmap: Vec<u32>,
    hsrc: Vec<u32>,
    map: Vec<u32>,
    pairs: Vec<(u8, u32)>,
}

/// The assignment in force on the date: primary over concurrent, then the latest start.
fn current_assignment<'a>(
    all: impl Iterator<Item = &'a Assignment>,
    as_of: Date,
) -> Option<&'a Assignment> {
    all.filter(|a| a.covers(as_of))
        .max_by(|a, b| (!a.concurrent, a.start).cmp(&(!b.concurrent, b.start)))
}
