//! Building the search index from a dataset: units (with their ancestors) and posts
//! first, then every person, in id-ordered chunks split across the cores whose arenas
//! are joined afterwards, and last the kana order for sorting.

use super::index::{FieldKey, Keys, PostKey, Row, SearchIndex, UnitKey, NONE};
use super::kana::romanize;
use super::normalize::{self, fold, mask_bytes, mask_chars, reduce_word, start_bit};
use crate::domain::date::months_between;
use crate::domain::{Assignment, Dataset, Date, PostId, Staff, UnitId};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::Arc;

static GENERATION: AtomicU64 = AtomicU64::new(1);
/// Below this many people the build stays on one thread.
const PARALLEL_FROM: usize = 4_096;

/// The available cores, at most 8.
pub(crate) fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// What a post means to the people holding it.
struct PostInfo {
    ix: u32,
    unit: u32,
    title: Arc<str>,
    unit_name: Option<Arc<str>>,
}

/// What every chunk reads.
struct Ctx<'a> {
    ds: &'a Dataset,
    as_of: Date,
    term_months: u32,
    posts: HashMap<&'a PostId, PostInfo>,
}

/// One chunk of people with its own arenas and skill names.
#[derive(Default)]
struct Part {
    rows: Vec<Row>,
    keys: Vec<Keys>,
    chars: Vec<char>,
    bytes: Vec<u8>,
    maps: Vec<u16>,
    romaji_maps: Vec<u16>,
    skill_names: Vec<String>,
    skill_ix: HashMap<String, u16>,
    skill_levels: Vec<(u16, u8)>,
}

impl SearchIndex {
    /// Normalises every person of `ds` as of `as_of`; `term_months` decides who is due.
    pub fn build(ds: &Dataset, as_of: Date, term_months: u32) -> SearchIndex {
        let (units, unit_ix) = build_units(ds);
        let mut posts = Vec::with_capacity(ds.posts.len());
        let mut infos = HashMap::with_capacity(ds.posts.len());
        for (i, p) in ds.posts.values().enumerate() {
            let unit = unit_ix.get(&p.unit).copied().unwrap_or(NONE);
            let title = normalize::key(&p.title);
            let id: Vec<char> = fold(p.id.as_str()).chars().collect();
            let info = PostInfo {
                ix: i as u32,
                unit,
                title: Arc::from(p.title.as_str()),
                unit_name: ds.units.get(&p.unit).map(|u| Arc::from(u.name.as_str())),
            };
            infos.insert(&p.id, info);
            posts.push(PostKey {
                mask: mask_chars(&id) | mask_chars(&title.chars),
                id_folded: id.iter().collect(),
                id,
                title_folded: fold(&p.title),
                title,
                field: p.field,
            });
        }
        let ctx = Ctx {
            ds,
            as_of,
            term_months,
            posts: infos,
        };
        let staff: Vec<&Staff> = ds.staff.values().collect();
        let threads = default_threads();
        let parts: Vec<Part> = if threads < 2 || staff.len() < PARALLEL_FROM {
            vec![ctx.part(&staff)]
        } else {
            let chunk = staff.len().div_ceil(threads);
            std::thread::scope(|s| {
                let handles: Vec<_> = staff
                    .chunks(chunk)
                    .map(|c| {
                        let ctx = &ctx;
                        s.spawn(move || ctx.part(c))
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
            })
        };
        let mut ix = SearchIndex {
            rows: Vec::with_capacity(staff.len()),
            keys: Vec::with_capacity(staff.len()),
            chars: Vec::new(),
            bytes: Vec::new(),
            maps: Vec::new(),
            romaji_maps: Vec::new(),
            posts,
            units,
            skill_ids: HashMap::new(),
            skill_levels: Vec::new(),
            kana_rank: Vec::new(),
            as_of,
            term_months,
            generation: GENERATION.fetch_add(1, AtomicOrdering::Relaxed),
            threads,
        };
        for p in parts {
            ix.absorb(p);
        }
        ix.kana_rank = kana_ranks(&ix);
        ix
    }

    /// Appends a chunk, moving its arena offsets and skill ids into place.
    fn absorb(&mut self, p: Part) {
        let (c0, b0) = (self.chars.len() as u32, self.bytes.len() as u32);
        let s0 = self.skill_levels.len() as u32;
        let remap: Vec<u16> = p
            .skill_names
            .into_iter()
            .map(|name| {
                let next = self.skill_ids.len() as u16;
                *self.skill_ids.entry(name).or_insert(next)
            })
            .collect();
        self.keys.extend(p.keys.into_iter().map(|mut k| {
            k.id.start += c0;
            k.name.start += c0;
            k.kana.start += c0;
            k.romaji.start += b0;
            k.skills.0 += s0;
            k
        }));
        let levels = p.skill_levels.into_iter();
        self.skill_levels
            .extend(levels.map(|(s, l)| (remap.get(s as usize).copied().unwrap_or(s), l)));
        self.chars.extend(p.chars);
        self.bytes.extend(p.bytes);
        self.maps.extend(p.maps);
        self.romaji_maps.extend(p.romaji_maps);
        self.rows.extend(p.rows);
    }
}

impl Ctx<'_> {
    fn part(&self, staff: &[&Staff]) -> Part {
        let mut p = Part::default();
        for s in staff {
            p.push(self, s);
        }
        p
    }
}

impl Part {
    fn push(&mut self, ctx: &Ctx, s: &Staff) {
        let cur = current_assignment(ctx.ds.assignments_of(&s.id), ctx.as_of);
        let info = cur.and_then(|a| ctx.posts.get(&a.post));
        let tenure = cur.map(|a| months_between(a.start, ctx.as_of));
        let due = tenure.is_some_and(|t| t >= 0 && t as u32 >= ctx.term_months);
        let id = self.push_key(&normalize::key(s.id.as_str()));
        let name = self.push_key(&normalize::key(&s.name));
        let (kana_chars, kana_src) = normalize::fold_chars(&s.kana);
        let kana = self.push_key(&normalize::key_from(&kana_chars, &kana_src));
        let (romaji_display, romaji) = self.push_romaji(&kana_chars, &kana_src);
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
        self.keys.push(Keys {
            id,
            name,
            kana,
            romaji,
            post: info.map_or(NONE, |i| i.ix),
            unit: info.map_or(NONE, |i| i.unit),
            grade: s.grade,
            status: s.status,
            candidate: s.candidate,
            due,
            skills: (skills_at, self.skill_levels.len() as u32 - skills_at),
        });
        let post = cur.and_then(|a| ctx.ds.posts.get(&a.post));
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
            field: post.map(|p| p.field),
            unit: post.map(|p| p.unit.clone()),
            unit_name: info.and_then(|i| i.unit_name.clone()),
            since: cur.map(|a| a.start),
            tenure_months: tenure,
            due,
        });
    }

    fn push_key(&mut self, k: &normalize::Key) -> FieldKey {
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

    /// Romanizes folded kana, reduces each word to its romaji key and stores it.
    fn push_romaji(&mut self, folded: &[char], src: &[u32]) -> (String, FieldKey) {
        let (hep, hmap) = romanize(folded);
        let hsrc: Vec<u32> = hmap
            .iter()
            .map(|h| src.get(*h as usize).copied().unwrap_or(0))
            .collect();
        let start = self.bytes.len();
        let mut map = Vec::with_capacity(hep.len());
        let mut starts = 0;
        let mut at = 0;
        for word in hep.split(|b| *b == b' ') {
            starts |= start_bit(self.bytes.len() - start);
            reduce_word(word, &hsrc[at..at + word.len()], &mut self.bytes, &mut map);
            at += word.len() + 1;
        }
        self.romaji_maps
            .extend(map.iter().map(|m| (*m).min(u16::MAX as u32) as u16));
        let key = &self.bytes[start..];
        let fk = FieldKey {
            start: start as u32,
            len: key.len() as u32,
            starts,
            mask: mask_bytes(key),
        };
        (String::from_utf8(hep).unwrap_or_default(), fk)
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

fn build_units(ds: &Dataset) -> (Vec<UnitKey>, HashMap<UnitId, u32>) {
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
            let id: Vec<char> = fold(u.id.as_str()).chars().collect();
            let (name, name_en) = (normalize::key(&u.name), normalize::key(&u.name_en));
            UnitKey {
                mask: mask_chars(&id) | mask_chars(&name.chars) | mask_chars(&name_en.chars),
                folded: [id.iter().collect(), fold(&u.name), fold(&u.name_en)],
                id,
                name,
                name_en,
                ancestors,
            }
        })
        .collect();
    (units, unit_ix)
}

/// A row's folded kana with a space before each word but the first.
fn kana_seq<'a>(ix: &'a SearchIndex, row: usize) -> impl Iterator<Item = char> + 'a {
    let k = &ix.keys[row].kana;
    ix.chars_of(k).iter().enumerate().flat_map(move |(i, c)| {
        let gap = (i > 0 && i < 64 && k.starts & (1 << i) != 0).then_some(' ');
        gap.into_iter().chain(std::iter::once(*c))
    })
}

/// Each row's place in kana order (ties by row, i.e. staff id).
fn kana_ranks(ix: &SearchIndex) -> Vec<u32> {
    let prefix: Vec<u128> = (0..ix.len())
        .map(|r| {
            let mut p = 0u128;
            let mut n = 0;
            for c in kana_seq(ix, r).take(8) {
                p |= ((c as u32).min(0xFFFF) as u128) << (112 - 16 * n);
                n += 1;
            }
            p
        })
        .collect();
    let mut order: Vec<u32> = (0..ix.len() as u32).collect();
    order.sort_unstable_by(|a, b| {
        let (a, b) = (*a as usize, *b as usize);
        match prefix[a].cmp(&prefix[b]) {
            Ordering::Equal => kana_seq(ix, a).cmp(kana_seq(ix, b)).then(a.cmp(&b)),
            o => o,
        }
    });
    let mut rank = vec![0; ix.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    rank
}
