//! Building the search index from a dataset: units (with their ancestors) and posts
//! first, then every person (see `people`), in id-ordered chunks split across the
//! cores whose arenas are joined afterwards, and last the kana order for sorting.

use super::index::{PostKey, SearchIndex, TitleKey, UnitKey, KANA, NONE};
use super::normalize::{self, fold, mask_chars, mask_wide};
use super::people::{Ctx, Part, PostInfo};
use crate::domain::{Dataset, Date, Staff, UnitId};
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

impl SearchIndex {
    /// Normalises every person of `ds` as of `as_of`; `term_months` decides who is due.
    pub fn build(ds: &Dataset, as_of: Date, term_months: u32) -> SearchIndex {
        let (units, unit_ix) = build_units(ds);
        let mut posts = Vec::with_capacity(ds.posts.len());
        let mut post_masks = Vec::with_capacity(ds.posts.len());
        let mut infos = HashMap::with_capacity(ds.posts.len());
        let mut titles: Vec<TitleKey> = Vec::new();
        let mut title_ix: HashMap<&str, u32> = HashMap::new();
        for (i, p) in ds.posts.values().enumerate() {
            let unit = unit_ix.get(&p.unit).copied().unwrap_or(NONE);
            let title = *title_ix.entry(p.title.as_str()).or_insert_with(|| {
                let key = normalize::key(&p.title);
                let mask = mask_wide(&key.chars);
                let folded = fold(&p.title);
                titles.push(TitleKey { key, folded, mask });
                titles.len() as u32 - 1
            });
            let id: Vec<char> = fold(p.id.as_str()).chars().collect();
            let info = PostInfo {
                ix: i as u32,
                unit,
                field: p.field,
                unit_id: &p.unit,
                title: Arc::from(p.title.as_str()),
                unit_name: ds.units.get(&p.unit).map(|u| Arc::from(u.name.as_str())),
            };
            infos.insert(&p.id, info);
            post_masks.push(mask_chars(&id));
            posts.push(PostKey {
                id_folded: id.iter().collect(),
                id,
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
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_default())
                    .collect()
            })
        };
        let mut ix = SearchIndex {
            rows: Vec::with_capacity(staff.len()),
            ids: Vec::with_capacity(staff.len()),
            hot: Vec::with_capacity(staff.len()),
            skill_spans: Vec::with_capacity(staff.len()),
            chars: Vec::new(),
            bytes: Vec::new(),
            maps: Vec::new(),
            romaji_maps: Vec::new(),
            posts,
            post_masks,
            titles,
            units,
            skill_ids: HashMap::new(),
            skill_levels: Vec::new(),
            kana_rank: Vec::new(),
            as_of,
            term_months,
            generation: GENERATION.fetch_add(1, AtomicOrdering::Relaxed),
            threads,
        };
        // The arenas joined without slack (grown by doubling they would keep up to
        // as much again).
        ix.chars
            .reserve_exact(parts.iter().map(|p| p.chars.len()).sum());
        ix.bytes
            .reserve_exact(parts.iter().map(|p| p.bytes.len()).sum());
        ix.maps
            .reserve_exact(parts.iter().map(|p| p.maps.len()).sum());
        (ix.romaji_maps).reserve_exact(parts.iter().map(|p| p.romaji_maps.len()).sum());
        (ix.skill_levels).reserve_exact(parts.iter().map(|p| p.skill_levels.len()).sum());
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
        self.hot.extend(p.hot.into_iter().map(|mut h| {
            h.chars += c0;
            h.bytes += b0;
            h
        }));
        (self.skill_spans).extend(p.skill_spans.into_iter().map(|(at, n)| (at + s0, n)));
        let levels = p.skill_levels.into_iter();
        self.skill_levels
            .extend(levels.map(|(s, l)| (remap.get(s as usize).copied().unwrap_or(s), l)));
        self.chars.extend(p.chars);
        self.bytes.extend(p.bytes);
        self.maps.extend(p.maps);
        self.romaji_maps.extend(p.romaji_maps);
        self.rows.extend(p.rows);
        self.ids.extend(p.ids);
    }
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
                id_mask: mask_chars(&id),
                name_mask: mask_wide(&name.chars) | mask_wide(&name_en.chars),
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
    let k = ix.hot[row].field(KANA);
    ix.chars_of(&k).iter().enumerate().flat_map(move |(i, c)| {
        let gap = (i > 0 && i < 64 && k.starts & (1 << i) != 0).then_some(' ');
        gap.into_iter().chain(std::iter::once(*c))
    })
}

/// Each row's place in kana order (ties by row, i.e. staff id). Sorted by the first
/// eight characters packed in a `u128`; runs with equal prefixes are then put in full
/// order.
fn kana_ranks(ix: &SearchIndex) -> Vec<u32> {
    let mut order: Vec<(u128, u32)> = (0..ix.len())
        .map(|r| {
            let p = (kana_seq(ix, r).take(8).enumerate()).fold(0u128, |p, (n, c)| {
                p | ((c as u32).min(0xFFFF) as u128) << (112 - 16 * n)
            });
            (p, r as u32)
        })
        .collect();
    order.sort_unstable();
    let mut i = 0;
    while i < order.len() {
        let j = i + order[i..]
            .iter()
            .take_while(|(p, _)| *p == order[i].0)
            .count();
        if j - i > 1 {
            order[i..j].sort_by(|(_, a), (_, b)| {
                let (a, b) = (*a as usize, *b as usize);
                kana_seq(ix, a).cmp(kana_seq(ix, b)).then(a.cmp(&b))
            });
        }
        i = j;
    }
    let mut rank = vec![0; ix.len()];
    for (r, (_, i)) in order.into_iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    rank
}
