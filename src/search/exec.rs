//! Running a query against the index: the plan (filters resolved to lookups, per-word
//! scores of every post and unit computed once), the scan of rows (split across the
//! cores for large sets) and the assembly of ranked hits.

use super::index::{Keys, SearchIndex, NONE};
use super::matcher::{contiguous, id_score, place_id_score, score};
use super::query::{Cmp, Filter, Query, Term};
use super::rank::{pack, top, unpack};
use super::{Hit, Results};
use crate::domain::{Field, Grade, Status};

/// Post and unit matches count this fraction of a person's own fields.
const PLACE_WEIGHT: u32 = 3;
/// An ancestor unit's match counts this fraction of the unit's own.
const ANCESTOR_WEIGHT: (u32, u32) = (3, 4);
/// Below this many rows the scan stays on one thread.
const PARALLEL_FROM: usize = 8_192;

static EMPTY: Query = Query {
    terms: Vec::new(),
    filters: Vec::new(),
};

/// Which field of a person a word matched best.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Id,
    Name,
    Kana,
    Romaji,
    Place,
}

pub(crate) struct PlanTerm<'q> {
    pub term: &'q Term,
    post_scores: Vec<u32>,
    unit_scores: Vec<u32>,
}

/// A query resolved against one index.
pub(crate) struct Plan<'a> {
    pub ix: &'a SearchIndex,
    pub terms: Vec<PlanTerm<'a>>,
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
        let mut plan = Plan {
            ix,
            terms: q.terms.iter().map(|t| plan_term(ix, t)).collect(),
            grades: Vec::new(),
            statuses: Vec::new(),
            fields: Vec::new(),
            candidate: false,
            due: false,
            post_ok: None,
            unit_ok: None,
            skills: Vec::new(),
        };
        for f in &q.filters {
            match f {
                Filter::Grade(g) => plan.grades.push(*g),
                Filter::Status(s) => plan.statuses.push(*s),
                Filter::Field(x) => plan.fields.push(*x),
                Filter::Candidate => plan.candidate = true,
                Filter::Due => plan.due = true,
                Filter::Skill { name, cmp, level } => {
                    plan.skills
                        .push((ix.skill_ids.get(name).copied(), *cmp, *level))
                }
                Filter::Post(v) => {
                    let ok = ix.posts.iter().map(|p| p.id_folded == *v || p.title_folded.contains(v.as_str()));
                    and_into(&mut plan.post_ok, ok.collect());
                }
                Filter::Unit(v) => {
                    let direct: Vec<bool> = ix
                        .units
                        .iter()
                        .map(|u| u.folded.iter().any(|f| f.contains(v.as_str())))
                        .collect();
                    let ok = ix.units.iter().enumerate().map(|(i, u)| {
                        direct[i] || u.ancestors.iter().any(|a| direct[*a as usize])
                    });
                    and_into(&mut plan.unit_ok, ok.collect());
                }
            }
        }
        plan
    }

    /// Only the words of `q`, for marking positions of rows already found.
    pub fn new_words_only(ix: &'a SearchIndex, q: &'a Query) -> Plan<'a> {
        let mut plan = Plan::new(ix, &EMPTY);
        plan.terms = q.terms.iter().map(|t| plan_term(ix, t)).collect();
        plan
    }

    /// No words and no filters.
    pub fn is_trivial(&self) -> bool {
        self.terms.is_empty()
            && self.grades.is_empty()
            && self.statuses.is_empty()
            && self.fields.is_empty()
            && !self.candidate
            && !self.due
            && self.post_ok.is_none()
            && self.unit_ok.is_none()
            && self.skills.is_empty()
    }

    fn passes(&self, k: &Keys) -> bool {
        let ix = self.ix;
        self.grades.iter().all(|g| *g == k.grade)
            && self.statuses.iter().all(|s| *s == k.status)
            && (!self.candidate || k.candidate)
            && (!self.due || k.due)
            && (self.fields.is_empty()
                || (k.post != NONE && self.fields.iter().all(|f| ix.posts[k.post as usize].field == *f)))
            && self.post_ok.as_ref().is_none_or(|ok| k.post != NONE && ok[k.post as usize])
            && self.unit_ok.as_ref().is_none_or(|ok| k.unit != NONE && ok[k.unit as usize])
            && self.skills.iter().all(|(sid, cmp, want)| {
                let level = sid.map_or(0, |s| ix.skill_level(k, s));
                cmp.holds(level, *want)
            })
    }

    /// The row's score, or `None` when it does not match.
    pub fn score(&self, row: usize) -> Option<u32> {
        let k = &self.ix.keys[row];
        if !self.passes(k) {
            return None;
        }
        let mut total = 0u32;
        for t in &self.terms {
            let (s, _) = self.term_score(t, k);
            if s == 0 {
                return None;
            }
            total = total.saturating_add(s);
        }
        Some(total)
    }

    /// A word's best score on a row and the field it came from (0: no match).
    pub fn term_score(&self, t: &PlanTerm, k: &Keys) -> (u32, Source) {
        let (ix, w) = (self.ix, t.term);
        let mut best = (0, Source::Place);
        let mut take = |s: u32, src: Source| {
            if s > best.0 {
                best = (s, src);
            }
        };
        if w.mask & !k.id.mask == 0 {
            take(id_score(&w.folded, ix.chars_of(&k.id)), Source::Id);
        }
        if w.mask & !k.name.mask == 0 {
            take(score(&w.folded, ix.chars_of(&k.name), k.name.starts), Source::Name);
        }
        if w.mask & !k.kana.mask == 0 {
            take(score(&w.folded, ix.chars_of(&k.kana), k.kana.starts), Source::Kana);
        }
        if let Some(r) = &w.romaji {
            if w.romaji_mask & !k.romaji.mask == 0 {
                take(score(r, ix.bytes_of(&k.romaji), k.romaji.starts), Source::Romaji);
            }
        }
        if k.post != NONE {
            take(t.post_scores[k.post as usize], Source::Place);
        }
        if k.unit != NONE {
            take(t.unit_scores[k.unit as usize], Source::Place);
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

/// Scores of a word on every post (id, title) and unit (id, names, ancestors): only
/// contiguous runs count there.
fn plan_term<'q>(ix: &SearchIndex, t: &'q Term) -> PlanTerm<'q> {
    let w = &t.folded;
    let post_scores = ix
        .posts
        .iter()
        .map(|p| {
            if t.mask & !p.mask != 0 {
                return 0;
            }
            place_id_score(w, &p.id).max(contiguous(w, &p.title.chars, p.title.starts))
                / PLACE_WEIGHT
        })
        .collect();
    let direct: Vec<u32> = ix
        .units
        .iter()
        .map(|u| {
            if t.mask & !u.mask != 0 {
                return 0;
            }
            place_id_score(w, &u.id)
                .max(contiguous(w, &u.name.chars, u.name.starts))
                .max(contiguous(w, &u.name_en.chars, u.name_en.starts))
                / PLACE_WEIGHT
        })
        .collect();
    let unit_scores = ix
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let up = u.ancestors.iter().map(|a| direct[*a as usize]).max().unwrap_or(0);
            direct[i].max(up * ANCESTOR_WEIGHT.0 / ANCESTOR_WEIGHT.1)
        })
        .collect();
    PlanTerm {
        term: t,
        post_scores,
        unit_scores,
    }
}

/// Packed (score, row) keys of every matching row among `cands` (all rows when `None`).
pub(crate) fn scan(plan: &Plan, cands: Option<&[u32]>) -> Vec<u64> {
    let n = cands.map_or(plan.ix.len(), <[u32]>::len);
    let row_at = |i: usize| cands.map_or(i, |c| c[i] as usize);
    let run = |range: std::ops::Range<usize>| -> Vec<u64> {
        range
            .filter_map(|i| {
                let r = row_at(i);
                plan.score(r).map(|s| pack(s, r as u32))
            })
            .collect()
    };
    let threads = plan.ix.threads();
    if threads < 2 || n < PARALLEL_FROM {
        return run(0..n);
    }
    let chunk = n.div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                s.spawn(move || run(range))
            })
            .collect();
        let mut out = Vec::new();
        for h in handles {
            // A panicking scan thread is a bug; its rows are simply missing.
            out.extend(h.join().unwrap_or_default());
        }
        out
    })
}

/// Runs a query over `cands` (all rows when `None`), marking matched positions when
/// `mark`. Returns the results and every matching row, for refining the next query.
pub(crate) fn run(
    ix: &SearchIndex,
    q: &Query,
    cands: Option<&[u32]>,
    limit: Option<usize>,
    mark: bool,
) -> (Results, Option<Vec<u32>>) {
    let plan = Plan::new(ix, q);
    let mark = mark && !plan.terms.is_empty();
    if plan.is_trivial() && cands.is_none() {
        let n = limit.map_or(ix.len(), |l| l.min(ix.len()));
        let hits = (0..n).map(|r| hit(&plan, r, 0, false)).collect();
        return (
            Results {
                hits,
                total: ix.len(),
            },
            None,
        );
    }
    let mut keys = scan(&plan, cands);
    let matched: Vec<u32> = keys.iter().map(|k| unpack(*k).1).collect();
    let total = keys.len();
    let hits = top(&mut keys, limit)
        .iter()
        .map(|k| {
            let (s, r) = unpack(*k);
            hit(&plan, r as usize, s, mark)
        })
        .collect();
    (Results { hits, total }, Some(matched))
}

fn hit(plan: &Plan, row: usize, score: u32, mark: bool) -> Hit {
    let (name_match, kana_match, id_match) = if mark {
        super::highlight::highlight(plan, row)
    } else {
        Default::default()
    };
    Hit {
        row,
        id: plan.ix.rows[row].id.clone(),
        score,
        name_match,
        kana_match,
        id_match,
    }
}

/// Fills the matched positions of hits found by `q` (for rows about to be shown).
pub(crate) fn mark(ix: &SearchIndex, q: &Query, hits: &mut [Hit]) {
    let plan = Plan::new_words_only(ix, q);
    for h in hits {
        if h.row < ix.len() {
            (h.name_match, h.kana_match, h.id_match) = super::highlight::highlight(&plan, h.row);
        }
    }
}
