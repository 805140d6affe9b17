//! Scoring many pairs fast. [`score::total`] works a pair out term by term from the
//! person's [`Facts`] and the post's [`Site`]; at 100k people × 20k posts that is
//! hundreds of millions of pairs, too slow to do even once per plan. Here the same
//! arithmetic is split into what depends on the post alone (kept once per post in flat
//! arrays: [`Table`]), what depends on the person and a small property of the post
//! (worked out once per person: [`Row`], e.g. the skills term for each distinct list of
//! skills posts ask for, the course term for each distinct list of courses, the
//! high-impact and field terms by field), and a few cheap checks per pair (breadth's
//! bureau and unit, generation's age band, wishes for a post or a unit).
//!
//! [`Row::score`] equals [`score::total`] for every pair (the tests check it on the
//! demo ministry and synthetic organisations under random weights); the person's own
//! post (staying) is scored by `total` itself. The terms' points come from the same
//! functions `score` uses (`skill_points`, `course`, `candidate_points`,
//! `high_impact_points`, `stability`), so a change of a term shows in both.

use super::config::Config;
use super::score::{self, Facts, Kind, Site};
use crate::domain::{CourseId, Field, Grade, Impact};
use std::collections::BTreeMap;

/// Per-post features of the posts in the plan (by plan index), in flat arrays.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    grade: Vec<u8>,
    field: Vec<u8>,
    high: Vec<bool>,
    skill_list: Vec<u32>,
    course_list: Vec<u32>,
    bureau: Vec<u32>,
    unit: Vec<u32>,
    post_ix: Vec<u32>,
    /// Bit b: a person of age band b earns the generation term here.
    gen_mask: Vec<u8>,
    /// The unit path (numbers) of post k: `path[path_start[k]..path_start[k + 1]]`.
    path_start: Vec<u32>,
    path: Vec<u32>,
    /// Distinct (skill number, level) lists, and distinct course lists as a site of
    /// the plan that asks for exactly that list.
    skill_lists: Vec<Vec<(u32, u8)>>,
    course_lists: Vec<usize>,
    /// Posts of each grade (plan indices, ascending), and the posts a person of a grade
    /// may take: the grade's own, with the next grade's merged in for the promotable.
    by_grade: [Vec<u32>; 4],
    open_to: [[Vec<u32>; 2]; 4],
    /// Each field's number as a skill (for the high-impact term).
    field_skill: [u32; 6],
    /// Plan index by the post's number in the dataset (`u32::MAX`: not in the plan).
    plan_ix: Vec<u32>,
    /// The kind of each post: posts of one kind ask the same grade, field, impact,
    /// skills and courses, so a person's score for any of them is the kind's share
    /// ([`Row::part`]) plus a few small per-post terms ([`Row::bound`] bounds them).
    kind: Vec<u32>,
    kinds: Vec<PostKind>,
    /// The posts of each kind (plan indices, ascending).
    kind_posts: Vec<Vec<u32>>,
    /// The union of the generation masks of each kind's posts.
    kind_gen: Vec<u8>,
    /// By unit number: the kinds of the posts at or under the unit (ascending).
    unit_kinds: Vec<Vec<u32>>,
    /// The kinds [`Table::open_to`]'s posts are of, by the same key.
    open_kinds: [[Vec<u32>; 2]; 4],
}

/// What the posts of a kind share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct PostKind {
    grade: u8,
    field: u8,
    high: bool,
    skill_list: u32,
    course_list: u32,
}

fn grade_ix(g: Grade) -> usize {
    g as usize
}

fn field_ix(f: Field) -> usize {
    f as usize
}

impl Table {
    pub fn new(sites: &[Site<'_>]) -> Table {
        let mut t = Table {
            field_skill: [u32::MAX; 6],
            ..Table::default()
        };
        let mut skills: BTreeMap<&[(u32, u8)], u32> = BTreeMap::new();
        let mut courses: BTreeMap<Vec<(&CourseId, u32)>, u32> = BTreeMap::new();
        t.path_start.push(0);
        for (k, site) in sites.iter().enumerate() {
            let post = site.post;
            t.grade.push(grade_ix(post.grade) as u8);
            t.field.push(field_ix(post.field) as u8);
            t.high.push(post.impact == Impact::High);
            let n = skills.len() as u32;
            let sl = *skills.entry(site.skills.as_slice()).or_insert(n);
            if sl == n {
                t.skill_lists.push(site.skills.clone());
            }
            t.skill_list.push(sl);
            let n = courses.len() as u32;
            let cl = *courses.entry(site.courses.clone()).or_insert(n);
            if cl == n {
                t.course_lists.push(k);
            }
            t.course_list.push(cl);
            t.bureau.push(site.bureau_ix);
            t.unit.push(site.unit_ix);
            t.post_ix.push(site.post_ix);
            let mut mask = 0u8;
            if site.staying > 0 {
                for (b, n) in site.bands.iter().enumerate() {
                    if *n == 0 {
                        mask |= 1 << b;
                    }
                }
            }
            t.gen_mask.push(mask);
            t.path.extend_from_slice(site.path);
            t.path_start.push(t.path.len() as u32);
            t.by_grade[grade_ix(post.grade)].push(k as u32);
            t.field_skill[field_ix(post.field)] = site.field_skill;
            if site.post_ix != u32::MAX {
                let at = site.post_ix as usize;
                if t.plan_ix.len() <= at {
                    t.plan_ix.resize(at + 1, u32::MAX);
                }
                t.plan_ix[at] = k as u32;
            }
        }
        let mut kind_of: BTreeMap<PostKind, u32> = BTreeMap::new();
        for k in 0..t.len() {
            let key = PostKind {
                grade: t.grade[k],
                field: t.field[k],
                high: t.high[k],
                skill_list: t.skill_list[k],
                course_list: t.course_list[k],
            };
            let n = kind_of.len() as u32;
            let id = *kind_of.entry(key).or_insert(n);
            if id == n {
                t.kinds.push(key);
                t.kind_posts.push(Vec::new());
                t.kind_gen.push(0);
            }
            t.kind_gen[id as usize] |= t.gen_mask[k];
            t.kind.push(id);
            for &u in &t.path[t.path_start[k] as usize..t.path_start[k + 1] as usize] {
                let u = u as usize;
                if t.unit_kinds.len() <= u {
                    t.unit_kinds.resize(u + 1, Vec::new());
                }
                if t.unit_kinds[u].last() != Some(&id) {
                    t.unit_kinds[u].push(id);
                }
            }
            t.kind_posts[id as usize].push(k as u32);
        }
        for kinds in &mut t.unit_kinds {
            kinds.sort_unstable();
            kinds.dedup();
        }
        for g in Grade::ALL {
            let own = &t.by_grade[grade_ix(*g)];
            t.open_to[grade_ix(*g)][0] = own.clone();
            let mut both = own.clone();
            if let Some(n) = g.next() {
                both.extend_from_slice(&t.by_grade[grade_ix(n)]);
                both.sort_unstable();
            }
            t.open_to[grade_ix(*g)][1] = both;
        }
        for (g, by_promotable) in t.open_to.iter().enumerate() {
            for (p, posts) in by_promotable.iter().enumerate() {
                let mut ks: Vec<u32> = posts.iter().map(|&k| t.kind[k as usize]).collect();
                ks.sort_unstable();
                ks.dedup();
                t.open_kinds[g][p] = ks;
            }
        }
        t
    }

    /// The kind of post `k`.
    #[inline(always)]
    pub fn kind(&self, k: u32) -> u32 {
        self.kind[k as usize]
    }

    /// How many kinds there are.
    pub fn n_kinds(&self) -> usize {
        self.kinds.len()
    }

    /// The posts of a kind, ascending.
    pub fn kind_posts(&self, kind: u32) -> &[u32] {
        &self.kind_posts[kind as usize]
    }

    /// The kinds of the posts [`Table::open_to`] gives the person, ascending.
    pub fn open_kinds(&self, f: &Facts<'_>) -> &[u32] {
        let (g, p) = Table::key(f);
        &self.open_kinds[g][p]
    }

    /// Every list [`Table::open_kinds`] gives, by the key of [`Table::lists`].
    pub fn kind_lists(&self) -> &[[Vec<u32>; 2]; 4] {
        &self.open_kinds
    }

    pub fn len(&self) -> usize {
        self.grade.len()
    }

    /// The posts the grade rule lets the person take, ascending (`grade_allows`).
    pub fn open_to(&self, f: &Facts<'_>) -> &[u32] {
        let (g, p) = Table::key(f);
        &self.open_to[g][p]
    }

    /// Which of the lists of [`Table::lists`] a person's posts are: by grade, then
    /// promotable or not.
    pub fn key(f: &Facts<'_>) -> (usize, usize) {
        (grade_ix(f.staff.grade), usize::from(f.staff.promotable))
    }

    /// For each kind, the seats (in `post_slots`) of its posts.
    pub fn seats_by_kind(&self, post_slots: &[std::ops::Range<u32>]) -> Vec<usize> {
        let mut seats = vec![0usize; self.kinds.len()];
        for (k, slots) in post_slots.iter().enumerate().take(self.len()) {
            seats[self.kind[k] as usize] += slots.len();
        }
        seats
    }

    /// Every list [`Table::open_to`] gives.
    pub fn lists(&self) -> &[[Vec<u32>; 2]; 4] {
        &self.open_to
    }

    /// The plan index of the person's own post, when it is in the plan (taking it
    /// is staying).
    pub fn own(&self, f: &Facts<'_>) -> Option<u32> {
        let p = f.current_post?;
        self.plan_ix
            .get(p as usize)
            .copied()
            .filter(|&k| k != u32::MAX)
    }
}

/// One person's side of the scores, worked out once per person and reused for every
/// post; the buffers are kept between people.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    base: i64,
    sk: Vec<i64>,
    co: Vec<i64>,
    /// Candidate term by the post's grade.
    by_grade: [i64; 4],
    /// High-impact (for impact 高 posts), wished-for field and breadth's new field, by
    /// field and impact.
    by_field: [[i64; 2]; 6],
    junior: bool,
    bureaus: Vec<u32>,
    units: Vec<u32>,
    breadth_bureau: i64,
    breadth_unit: i64,
    band_bit: u8,
    generation: i64,
    wish_posts: Vec<u32>,
    wish_units: Vec<u32>,
    wish_post: i64,
    wish_unit: i64,
    /// The person's own post (plan index) and their score for staying in it.
    own: Option<(u32, i64)>,
    /// The most the per-post terms (breadth, generation, wishes) can add to a kind's
    /// share, less generation and the wish for a post (added per kind when one of
    /// its posts can earn them).
    extra_max: i64,
    /// The kinds of the posts the person wishes for (plan indices' kinds).
    wish_kinds: Vec<u32>,
    /// The kinds of the posts in or under the units the person wishes for.
    wish_unit_kinds: Vec<u32>,
}

impl Row {
    /// Prepares the row of the person `f` against the posts of `table` (made from
    /// `sites`).
    pub fn fill(&mut self, cfg: &Config, table: &Table, sites: &[Site<'_>], f: &Facts<'_>) {
        let w = &cfg.weights;
        let pts = |p: Option<score::Part<'_>>| p.map_or(0, |p| p.points);
        self.base = pts(score::fill(w)) + pts(score::stability(w, Kind::Move, f.months, f.due));
        self.sk.clear();
        self.sk
            .extend((table.skill_lists.iter()).map(|l| score::skill_points(w, &f.levels, l)));
        self.co.clear();
        self.co.extend(table.course_lists.iter().map(|&k| {
            (sites[k].courses.iter())
                .map(|&(c, ix)| {
                    let st =
                        (f.standings.get(ix as usize).copied()).unwrap_or_else(|| f.standing(c));
                    pts(score::course(w, c, st))
                })
                .sum::<i64>()
        }));
        for g in Grade::ALL {
            self.by_grade[grade_ix(*g)] = score::candidate_points(w, f.staff, *g, Kind::Move);
        }
        self.junior = f.staff.grade.is_junior();
        for field in Field::ALL {
            let months = f.fields.get(field).copied().unwrap_or(0);
            let skill = table.field_skill[field_ix(*field)];
            let level = f.levels.get(skill as usize).copied().unwrap_or(0);
            let mut common = 0;
            if f.wish_fields.contains(field) {
                common += w.wish_field;
            }
            if self.junior && !f.fields.contains_key(field) {
                common += w.breadth_field;
            }
            self.by_field[field_ix(*field)] =
                [common, common + score::high_impact_points(w, months, level)];
        }
        self.bureaus.clear();
        self.bureaus.extend_from_slice(&f.bureaus);
        self.units.clear();
        self.units.extend_from_slice(&f.units);
        self.breadth_bureau = w.breadth_bureau;
        self.breadth_unit = w.breadth_unit;
        self.band_bit = f.band.map_or(0, |b| 1 << b.index());
        self.generation = w.generation;
        self.wish_posts.clear();
        self.wish_posts.extend_from_slice(&f.wish_posts);
        self.wish_units.clear();
        self.wish_units.extend_from_slice(&f.wish_units);
        self.wish_post = w.wish_post;
        self.wish_unit = w.wish_unit;
        self.own = table
            .own(f)
            .map(|k| (k, score::total(cfg, f, &sites[k as usize])));
        let pos = |w: i64| w.max(0);
        self.extra_max = if self.junior {
            pos(w.breadth_bureau.max(w.breadth_unit))
        } else {
            0
        };
        self.wish_unit_kinds.clear();
        for &u in &self.wish_units {
            if let Some(kinds) = table.unit_kinds.get(u as usize) {
                self.wish_unit_kinds.extend_from_slice(kinds);
            }
        }
        self.wish_unit_kinds.sort_unstable();
        self.wish_unit_kinds.dedup();
        self.wish_kinds.clear();
        for &p in &self.wish_posts {
            if let Some(&k) = table.plan_ix.get(p as usize) {
                if k != u32::MAX {
                    self.wish_kinds.push(table.kind[k as usize]);
                }
            }
        }
    }

    /// The person's share of the score of any post of the kind: the terms that depend
    /// only on what the kind's posts share.
    #[inline(always)]
    pub fn part(&self, t: &Table, kind: u32) -> i64 {
        let d = &t.kinds[kind as usize];
        self.base
            + self.sk[d.skill_list as usize]
            + self.co[d.course_list as usize]
            + self.by_grade[d.grade as usize]
            + self.by_field[d.field as usize][usize::from(d.high)]
    }

    /// At least the person's score for every post of the kind, given the kind's
    /// [`Row::part`].
    #[inline]
    pub fn bound(&self, t: &Table, kind: u32, part: i64) -> i64 {
        let mut b = part + self.extra_max;
        if t.kind_gen[kind as usize] & self.band_bit != 0 {
            b += self.generation.max(0);
        }
        if !self.wish_kinds.is_empty() && self.wish_kinds.contains(&kind) {
            b += self.wish_post.max(0);
        }
        if !self.wish_unit_kinds.is_empty() && self.wish_unit_kinds.binary_search(&kind).is_ok() {
            b += self.wish_unit.max(0);
        }
        match self.own {
            Some((k, s)) if t.kind(k) == kind => b.max(s),
            _ => b,
        }
    }

    /// The pair's score: equals `score::total` for the person and post `k`.
    #[inline(always)]
    pub fn score(&self, t: &Table, k: u32) -> i64 {
        self.score_in(t, k, self.part(t, t.kind(k)))
    }

    /// The pair's score, given the [`Row::part`] of the post's kind.
    #[inline(always)]
    pub fn score_in(&self, t: &Table, k: u32, part: i64) -> i64 {
        if let Some((own, s)) = self.own {
            if own == k {
                return s;
            }
        }
        let ku = k as usize;
        let mut s = part;
        if self.junior {
            if !self.bureaus.contains(&t.bureau[ku]) {
                s += self.breadth_bureau;
            } else if !self.units.contains(&t.unit[ku]) {
                s += self.breadth_unit;
            }
        }
        if t.gen_mask[ku] & self.band_bit != 0 {
            s += self.generation;
        }
        if !self.wish_posts.is_empty() && self.wish_posts.contains(&t.post_ix[ku]) {
            s += self.wish_post;
        }
        if !self.wish_units.is_empty() {
            let path = &t.path[t.path_start[ku] as usize..t.path_start[ku + 1] as usize];
            if path.iter().any(|u| self.wish_units.contains(u)) {
                s += self.wish_unit;
            }
        }
        s
    }
}
