//! A query resolved against one index: filters turned into flag tests and per-post /
//! per-unit lookups, and each word's score on a person — id, name, kana, romaji, and
//! at a lower weight the current post and unit (scored once per post and unit per
//! query, and shared by everyone holding it).

use super::index::{Hot, SearchIndex, ID, KANA, NAME, NONE, ROMAJI};
use super::matcher::{contiguous, id_score, place_id_score, score};
use super::query::{Cmp, Filter, Query, Term};
use crate::domain::{Field, Grade, Status};

/// Post and unit matches count this fraction of a person's own fields.
const PLACE_WEIGHT: u32 = 3;
/// An ancestor unit's match counts this fraction of the unit's own.
const ANCESTOR_WEIGHT: (u32, u32) = (3, 4);

/// Which field of a person a word matched best.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Id,
    Name,
    Kana,
    Romaji,
    Place,
}

/// A word and its scores on every post and unit (zero where it does not match).
pub(crate) struct PlanTerm<'q> {
    pub term: &'q Term,
    posts: Vec<u32>,
    units: Vec<u32>,
    /// Whether any post / unit matched at all (if not, the scan skips the lookups).
    any_post: bool,
    any_unit: bool,
}

/// A query resolved against one index.
pub(crate) struct Plan<'a> {
    pub ix: &'a SearchIndex,
    pub terms: Vec<PlanTerm<'a>>,
    filtered: bool,
    grades: Vec<Grade>,
    statuses: Vec<Status>,
    fields: Vec<Field>,
    candidate: bool,
    due: bool,
    post_ok: Option<Vec<bool>>,
    unit_ok: Option<Vec<bool>>,
    skills: Vec<(Option<u16>, Cmp, u8)>,
}

impl<'a> Plan<'a> {
    pub fn new(ix: &'a SearchIndex, q: &'a Query) -> Plan<'a> {
        let mut plan = Plan::words(ix, q);
        for f in &q.filters {
            match f {
                Filter::Grade(g) => plan.grades.push(*g),
                Filter::Status(s) => plan.statuses.push(*s),
                Filter::Field(x) => plan.fields.push(*x),
                Filter::Candidate => plan.candidate = true,
                Filter::Due => plan.due = true,
                Filter::Skill { name, cmp, level } => {
                    let id = ix.skill_ids.get(name).copied();
                    plan.skills.push((id, *cmp, *level))
                }
                Filter::Post(v) => {
                    let titles: Vec<bool> = ix
                        .titles
                        .iter()
                        .map(|t| t.folded.contains(v.as_str()))
                        .collect();
                    let ok =
                        (ix.posts.iter()).map(|p| p.id_folded == *v || titles[p.title as usize]);
                    and_into(&mut plan.post_ok, ok.collect());
                }
                Filter::Unit(v) => {
                    let direct: Vec<bool> = ix
                        .units
                        .iter()
                        .map(|u| u.folded.iter().any(|f| f.contains(v.as_str())))
                        .collect();
                    let ok =
                        ix.units.iter().enumerate().map(|(i, u)| {
                            direct[i] || u.ancestors.iter().any(|a| direct[*a as usize])
                        });
                    and_into(&mut plan.unit_ok, ok.collect());
                }
            }
        }
        plan.filtered = !q.filters.is_empty();
        plan
    }

    /// Only the words of `q` (no filters): for marking rows already found.
    pub fn words(ix: &'a SearchIndex, q: &'a Query) -> Plan<'a> {
        Plan {
            ix,
            terms: q.terms.iter().map(|t| plan_term(ix, t)).collect(),
            filtered: false,
            grades: Vec::new(),
            statuses: Vec::new(),
            fields: Vec::new(),
            candidate: false,
            due: false,
            post_ok: None,
            unit_ok: None,
            skills: Vec::new(),
        }
    }

    /// No words and no filters.
    pub fn is_trivial(&self) -> bool {
        self.terms.is_empty() && !self.filtered
    }

    fn passes(&self, row: usize, h: &Hot) -> bool {
        let ix = self.ix;
        let post_field = |f: &Field| h.post != NONE && ix.posts[h.post as usize].field == *f;
        self.grades.iter().all(|g| *g == h.grade)
            && self.statuses.iter().all(|s| *s == h.status)
            && (!self.candidate || h.candidate)
            && (!self.due || h.due)
            && self.fields.iter().all(post_field)
            && (self.post_ok.as_ref()).is_none_or(|ok| h.post != NONE && ok[h.post as usize])
            && (self.unit_ok.as_ref()).is_none_or(|ok| h.unit != NONE && ok[h.unit as usize])
            && self.skills.iter().all(|(sid, cmp, want)| {
                let level = sid.map_or(0, |s| ix.skill_level(row, s));
                cmp.holds(level, *want)
            })
    }

    /// The row's score (the sum of its words' scores), or `None` when it does not match.
    pub fn score(&self, row: usize) -> Option<u32> {
        let h = &self.ix.hot[row];
        if self.filtered && !self.passes(row, h) {
            return None;
        }
        let mut total = 0u32;
        for t in &self.terms {
            let (s, _) = self.term_score(t, h);
            if s == 0 {
                return None;
            }
            total = total.saturating_add(s);
        }
        Some(total)
    }

    /// A word's best score on a row and the field it came from (0: no match).
    pub fn term_score(&self, t: &PlanTerm, h: &Hot) -> (u32, Source) {
        let (ix, w) = (self.ix, t.term);
        let mut best = (0, Source::Place);
        let mut take = |s: u32, src: Source| {
            if s > best.0 {
                best = (s, src);
            }
        };
        let fits = |i: usize| {
            let m = if i == ID { w.mask } else { w.wide_mask };
            m & !h.masks[i] == 0
        };
        if fits(ID) {
            take(id_score(&w.folded, ix.chars_of(&h.field(ID))), Source::Id);
        }
        if fits(NAME) {
            let k = h.field(NAME);
            take(score(&w.folded, ix.chars_of(&k), k.starts), Source::Name);
        }
        if fits(KANA) {
            let k = h.field(KANA);
            take(score(&w.folded, ix.chars_of(&k), k.starts), Source::Kana);
        }
        if let Some(r) = &w.romaji {
            if w.romaji_mask & !h.masks[ROMAJI] == 0 {
                let k = h.field(ROMAJI);
                take(score(r, ix.bytes_of(&k), k.starts), Source::Romaji);
            }
        }
        if t.any_post && h.post != NONE {
            take(t.posts[h.post as usize], Source::Place);
        }
        if t.any_unit && h.unit != NONE {
            take(t.units[h.unit as usize], Source::Place);
        }
        best
    }
}

fn and_into(acc: &mut Option<Vec<bool>>, v: Vec<bool>) {
    match acc {
        Some(a) => a.iter_mut().zip(v).for_each(|(x, y)| *x &= y),
        None => *acc = Some(v),
    }
}

/// A word's scores on every post and unit: each distinct title once, ids after a mask
/// test in one pass over a packed array, so a word that fits no post costs little.
fn plan_term<'q>(ix: &SearchIndex, t: &'q Term) -> PlanTerm<'q> {
    let w = &t.folded;
    let titles: Vec<u32> = (ix.titles.iter())
        .map(|k| match t.wide_mask & !k.mask {
            0 => contiguous(w, &k.key.chars, k.key.starts),
            _ => 0,
        })
        .collect();
    let posts: Vec<u32> = (ix.post_masks.iter().zip(&ix.posts))
        .map(|(id_mask, p)| {
            let mut s = titles[p.title as usize];
            if t.mask & !id_mask == 0 {
                s = s.max(place_id_score(w, &p.id));
            }
            s / PLACE_WEIGHT
        })
        .collect();
    let direct: Vec<u32> = ix
        .units
        .iter()
        .map(|u| {
            let mut s = 0;
            if t.mask & !u.id_mask == 0 {
                s = place_id_score(w, &u.id);
            }
            if t.wide_mask & !u.name_mask == 0 {
                s = s
                    .max(contiguous(w, &u.name.chars, u.name.starts))
                    .max(contiguous(w, &u.name_en.chars, u.name_en.starts));
            }
            s / PLACE_WEIGHT
        })
        .collect();
    let units: Vec<u32> = ix
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let up = u.ancestors.iter().map(|a| direct[*a as usize]).max();
            direct[i].max(up.unwrap_or(0) * ANCESTOR_WEIGHT.0 / ANCESTOR_WEIGHT.1)
        })
        .collect();
    PlanTerm {
        term: t,
        any_post: posts.iter().any(|s| *s > 0),
        any_unit: units.iter().any(|s| *s > 0),
        posts,
        units,
    }
}
