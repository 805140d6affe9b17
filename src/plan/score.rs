//! Scoring a (person, post) pair: the hard rules that make a pair impossible, and the
//! soft terms that add up to its score, one pure function per term. Each term gives
//! its points and a reason ([`Why`]) that renders as the text users read; the text
//! is only built for the pairs a report shows.
//!
//! Terms (weights in `Config::weights`, see `default_config.toml`):
//! fill, skills, course (one part per course of the post), breadth, candidate,
//! high-impact, generation, wishes, stability, overstay.

use super::config::{Config, Weights};
use crate::domain::date::{iso, Date};
use crate::domain::queries::{tenure_months, unit_path};
use crate::domain::training::{course_progress, Progress};
use crate::domain::{
    Assignment, CourseId, Dataset, Field, Grade, Post, PostId, Staff, Status, UnitId, Wish,
};
use serde::Serialize;
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------
// Hard rules

/// Why a pair is impossible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Impossible {
    /// The person's grade is neither the post's nor one below it with the person
    /// ready for promotion.
    Grade {
        have: Grade,
        post: Grade,
        promotable: bool,
    },
    /// The person is seconded or on leave on the date.
    Away {
        status: Status,
        until: Option<Date>,
        destination: String,
    },
    /// The post is closed (or closing).
    Closed { on: Date },
}

impl Impossible {
    pub fn code(&self) -> &'static str {
        match self {
            Impossible::Grade { .. } => "grade",
            Impossible::Away { .. } => "away",
            Impossible::Closed { .. } => "closed",
        }
    }

    pub fn text(&self) -> String {
        match self {
            Impossible::Grade {
                have,
                post,
                promotable,
            } => {
                let why = if have.next() == Some(*post) && !promotable {
                    " and is not marked ready for promotion"
                } else {
                    ""
                };
                format!("grade {} for a {} post{why}", have.ja(), post.ja())
            }
            Impossible::Away {
                status,
                until,
                destination,
            } => {
                let what = match status {
                    Status::Seconded => "seconded (出向)",
                    _ => "on leave (休職)",
                };
                let to = if destination.is_empty() {
                    String::new()
                } else {
                    format!(" to {destination}")
                };
                let till = until
                    .map(|d| format!(" until {}", iso(d)))
                    .unwrap_or_default();
                format!("{what}{to}{till}")
            }
            Impossible::Closed { on } => format!("the post closes on {}", iso(*on)),
        }
    }
}

/// Whether the grade rule allows the pair: the post's grade, or one grade below it
/// when the person is ready for promotion (promotable).
pub fn grade_allows(staff: &Staff, post: &Post) -> bool {
    staff.grade == post.grade || (staff.promotable && staff.grade.next() == Some(post.grade))
}

/// The hard rules of a pair on the plan's date (pins and excludes are the scope's).
pub fn hard_rule(staff: &Staff, post: &Post, as_of: Date) -> Result<(), Impossible> {
    if let Some(on) = post.closed {
        return Err(Impossible::Closed { on });
    }
    if staff.is_away_on(as_of) {
        return Err(Impossible::Away {
            status: staff.status,
            until: staff.status_until,
            destination: staff.destination.clone(),
        });
    }
    if !grade_allows(staff, post) {
        return Err(Impossible::Grade {
            have: staff.grade,
            post: post.grade,
            promotable: staff.promotable,
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Facts computed once

/// Age bands for generational balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    Twenties,
    Thirties,
    Forties,
    FiftiesPlus,
}

impl Band {
    pub const ALL: [Band; 4] = [
        Band::Twenties,
        Band::Thirties,
        Band::Forties,
        Band::FiftiesPlus,
    ];

    /// The band of an age (under 30 counts as the 20s).
    pub fn of_age(age: i16) -> Band {
        match age {
            ..=29 => Band::Twenties,
            30..=39 => Band::Thirties,
            40..=49 => Band::Forties,
            _ => Band::FiftiesPlus,
        }
    }

    /// The band of a person on a date, when the birth year is known.
    pub fn of(staff: &Staff, date: Date) -> Option<Band> {
        staff.age_in(date.year()).map(Band::of_age)
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Twenties => "20s",
            Band::Thirties => "30s",
            Band::Forties => "40s",
            Band::FiftiesPlus => "50s or over",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// The organisation as the terms need it: each unit's bureau and its ancestors, and
/// small numbers for units, posts and courses so that scoring a pair compares numbers,
/// not ids.
#[derive(Debug, Clone, Default)]
pub struct Org<'a> {
    units: BTreeMap<&'a UnitId, u32>,
    /// By unit number: the unit's id, its bureau's number, its path (numbers).
    unit_ids: Vec<&'a UnitId>,
    bureau: Vec<u32>,
    paths: Vec<Vec<u32>>,
    posts: BTreeMap<&'a PostId, u32>,
    courses: BTreeMap<&'a CourseId, u32>,
    /// Skill names posts ask for (and field codes).
    skills: BTreeMap<&'a str, u32>,
}

impl<'a> Org<'a> {
    /// A unit's bureau (局・庁・官房): its top-level unit, or, when the top level is
    /// a ministry (a name ending in 省 or 府), the unit just below it.
    pub fn new(ds: &'a Dataset) -> Org<'a> {
        let mut org = Org::default();
        for (i, id) in ds.units.keys().enumerate() {
            org.units.insert(id, i as u32);
            org.unit_ids.push(id);
        }
        for id in ds.units.keys() {
            let path = unit_path(ds, id);
            let n = path.len();
            let top = path[n - 1];
            let ministry = top.name.ends_with('省') || top.name.ends_with('府');
            let b = if ministry && n >= 2 { path[n - 2] } else { top };
            org.bureau.push(org.units[&b.id]);
            org.paths
                .push(path.iter().map(|u| org.units[&u.id]).collect());
        }
        for (i, id) in ds.posts.keys().enumerate() {
            org.posts.insert(id, i as u32);
        }
        let mut n = 0;
        for id in ds.courses.keys() {
            org.courses.insert(id, n);
            n += 1;
        }
        for f in Field::ALL {
            let n = org.skills.len() as u32;
            org.skills.entry(f.code()).or_insert(n);
        }
        for p in ds.posts.values() {
            for name in p.skills.0.keys() {
                let n = org.skills.len() as u32;
                org.skills.entry(name.as_str()).or_insert(n);
            }
        }
        // Courses a post names but the dataset lacks still get a number.
        for p in ds.posts.values() {
            for c in &p.courses {
                org.courses.entry(c).or_insert_with(|| {
                    n += 1;
                    n - 1
                });
            }
        }
        org
    }

    /// A unit's number (units unknown to the dataset share `u32::MAX`).
    pub fn unit(&self, id: &UnitId) -> u32 {
        self.units.get(id).copied().unwrap_or(u32::MAX)
    }

    /// The unit of a number.
    pub fn unit_id(&self, ix: u32) -> Option<&'a UnitId> {
        self.unit_ids.get(ix as usize).copied()
    }

    /// The number of a unit's bureau.
    pub fn bureau_of(&self, unit: u32) -> u32 {
        self.bureau.get(unit as usize).copied().unwrap_or(unit)
    }

    /// A unit's bureau.
    pub fn bureau(&self, unit: &'a UnitId) -> &'a UnitId {
        self.unit_id(self.bureau_of(self.unit(unit)))
            .unwrap_or(unit)
    }

    /// The numbers of a unit and its ancestors, nearest first.
    pub fn path(&self, unit: u32) -> &[u32] {
        self.paths
            .get(unit as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn post(&self, id: &PostId) -> u32 {
        self.posts.get(id).copied().unwrap_or(u32::MAX)
    }

    pub fn course(&self, id: &CourseId) -> u32 {
        self.courses.get(id).copied().unwrap_or(u32::MAX)
    }

    pub fn n_courses(&self) -> usize {
        self.courses.len()
    }

    /// A skill's number (names no post asks for share `u32::MAX`).
    pub fn skill(&self, name: &str) -> u32 {
        self.skills.get(name).copied().unwrap_or(u32::MAX)
    }

    pub fn n_skills(&self) -> usize {
        self.skills.len()
    }
}

/// A person's standing in a course, as the course term sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    Completed,
    /// Enrolled, or planned in a chosen session.
    Enrolled,
    /// Planned without a session: still missing.
    PlannedOnly,
    Missing,
    /// The last attempt failed (未修了): missing.
    Failed,
}

impl Standing {
    pub fn of(p: &Progress) -> Standing {
        match p {
            Progress::Completed { .. } => Standing::Completed,
            Progress::Enrolled { .. } => Standing::Enrolled,
            Progress::Planned { .. } => Standing::PlannedOnly,
            Progress::Missing { failed: true } => Standing::Failed,
            Progress::Missing { failed: false } => Standing::Missing,
        }
    }
}

/// What the terms need to know about a person, computed once per person.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub staff: &'a Staff,
    /// The primary holding on the date, and its post's number.
    pub current: Option<&'a Assignment>,
    pub current_post: Option<u32>,
    pub months: Option<i32>,
    pub due: bool,
    /// Bureaus and units (numbers) of every post held before or on the date, and the
    /// months spent in each field.
    pub bureaus: Vec<u32>,
    pub units: Vec<u32>,
    pub fields: BTreeMap<Field, i32>,
    /// Standing in every course the person has a record of, by id and by number.
    pub courses: BTreeMap<&'a CourseId, Standing>,
    pub standings: Vec<Standing>,
    /// Wished-for posts and units (numbers) and fields.
    pub wish_posts: Vec<u32>,
    pub wish_units: Vec<u32>,
    pub wish_fields: Vec<Field>,
    /// Level in every skill a post asks for, by skill number.
    pub levels: Vec<u8>,
    pub band: Option<Band>,
}

impl<'a> Facts<'a> {
    pub fn new(
        ds: &'a Dataset,
        org: &Org<'a>,
        staff: &'a Staff,
        current: Option<&'a Assignment>,
        as_of: Date,
        term_months: u32,
    ) -> Facts<'a> {
        let mut f = Facts {
            staff,
            current,
            current_post: current.map(|a| org.post(&a.post)),
            months: current.map(|a| tenure_months(a, as_of)),
            due: false,
            bureaus: Vec::new(),
            units: Vec::new(),
            fields: BTreeMap::new(),
            courses: BTreeMap::new(),
            standings: vec![Standing::Missing; org.n_courses()],
            wish_posts: Vec::new(),
            wish_units: Vec::new(),
            wish_fields: Vec::new(),
            levels: vec![0; org.n_skills()],
            band: Band::of(staff, as_of),
        };
        for (name, level) in &staff.skills.0 {
            if let Some(x) = f.levels.get_mut(org.skill(name) as usize) {
                *x = *level;
            }
        }
        f.due = f.months.is_some_and(|m| m >= 0 && m as u32 >= term_months);
        for a in ds.assignments_of(&staff.id).filter(|a| a.start < as_of) {
            if let Some(p) = ds.posts.get(&a.post) {
                let u = org.unit(&p.unit);
                f.units.push(u);
                f.bureaus.push(org.bureau_of(u));
                *f.fields.entry(p.field).or_default() += tenure_months(a, as_of);
            }
        }
        for v in [&mut f.units, &mut f.bureaus] {
            v.sort_unstable();
            v.dedup();
        }
        for e in ds.enrollments_of(&staff.id) {
            if !f.courses.contains_key(&e.course) {
                let st = Standing::of(&course_progress(ds, &staff.id, &e.course));
                f.courses.insert(&e.course, st);
                if let Some(x) = f.standings.get_mut(org.course(&e.course) as usize) {
                    *x = st;
                }
            }
        }
        for w in &staff.wishes {
            match w {
                Wish::Post(p) => f.wish_posts.push(org.post(p)),
                Wish::Unit(u) => f.wish_units.push(org.unit(u)),
                Wish::Field(x) => f.wish_fields.push(*x),
            }
        }
        f
    }

    pub fn standing(&self, course: &CourseId) -> Standing {
        self.courses
            .get(course)
            .copied()
            .unwrap_or(Standing::Missing)
    }

    /// Whether the site's post is the person's own (primary) post: taking it is
    /// staying.
    pub fn holds(&self, site: &Site) -> bool {
        self.current_post
            .is_some_and(|p| p == site.post_ix && p != u32::MAX)
    }
}

/// What the terms need to know about a post.
#[derive(Debug, Clone)]
pub struct Site<'a> {
    pub post: &'a Post,
    pub post_ix: u32,
    pub unit_ix: u32,
    pub bureau: &'a UnitId,
    pub bureau_ix: u32,
    /// The post's unit and its ancestors (numbers), nearest first.
    pub path: &'a [u32],
    /// The post's unit and its ancestors (ids), nearest first.
    pub path_ids: Vec<&'a UnitId>,
    /// The post's courses with their numbers.
    pub courses: Vec<(&'a CourseId, u32)>,
    /// The skills the post asks for (numbers) with the levels, and the number of
    /// the post's field as a skill.
    pub skills: Vec<(u32, u8)>,
    pub field_skill: u32,
    /// Holders staying outside the plan in the post's unit, per age band.
    pub bands: [u16; 4],
    /// How many of them there are (with a birth year or not).
    pub staying: u16,
}

impl<'a> Site<'a> {
    pub fn new(org: &'a Org<'a>, post: &'a Post, staying: &[&Staff], as_of: Date) -> Site<'a> {
        let mut bands = [0u16; 4];
        for s in staying {
            if let Some(b) = Band::of(s, as_of) {
                bands[b.index()] += 1;
            }
        }
        let unit_ix = org.unit(&post.unit);
        Site {
            post,
            post_ix: org.post(&post.id),
            unit_ix,
            bureau: org.bureau(&post.unit),
            bureau_ix: org.bureau_of(unit_ix),
            path: org.path(unit_ix),
            path_ids: (org.path(unit_ix).iter())
                .filter_map(|u| org.unit_id(*u))
                .collect(),
            courses: post.courses.iter().map(|c| (c, org.course(c))).collect(),
            skills: (post.skills.0.iter())
                .map(|(name, need)| (org.skill(name), *need))
                .collect(),
            field_skill: org.skill(post.field.code()),
            bands,
            staying: staying.len().min(u16::MAX as usize) as u16,
        }
    }
}

// ---------------------------------------------------------------------------
// Terms

/// Whether a pair moves the person or keeps them in their own post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Move,
    Stay,
}

/// The scoring terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Term {
    Fill,
    Skills,
    Course,
    Breadth,
    Candidate,
    HighImpact,
    Generation,
    Wishes,
    Stability,
    Overstay,
}

impl Term {
    pub fn code(self) -> &'static str {
        match self {
            Term::Fill => "fill",
            Term::Skills => "skills",
            Term::Course => "course",
            Term::Breadth => "breadth",
            Term::Candidate => "candidate",
            Term::HighImpact => "high-impact",
            Term::Generation => "generation",
            Term::Wishes => "wishes",
            Term::Stability => "stability",
            Term::Overstay => "overstay",
        }
    }
}

/// Why a term gives its points; renders as text with [`Why::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why<'a> {
    Fill,
    Skills {
        staff: &'a Staff,
        post: &'a Post,
    },
    Course {
        course: &'a CourseId,
        standing: Standing,
    },
    Breadth {
        grade: Grade,
        bureau: Option<&'a UnitId>,
        unit: Option<&'a UnitId>,
        field: Option<Field>,
    },
    Candidate {
        from: Grade,
        to: Grade,
    },
    HighImpact {
        field: Field,
        months: i32,
        level: u8,
    },
    Generation {
        band: Band,
        unit: &'a UnitId,
    },
    Wishes {
        post: Option<&'a Post>,
        unit: Option<&'a UnitId>,
        field: Option<Field>,
    },
    Stability {
        months: i32,
        due: bool,
    },
    Overstay {
        months: i32,
        past: i32,
    },
}

/// One term's contribution to a pair's score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part<'a> {
    pub term: Term,
    pub points: i64,
    pub why: Why<'a>,
}

fn part(term: Term, points: i64, why: Why<'_>) -> Option<Part<'_>> {
    (points != 0).then_some(Part { term, points, why })
}

/// "+20", "−12".
pub fn signed(n: i64) -> String {
    if n < 0 {
        format!("\u{2212}{}", n.unsigned_abs())
    } else {
        format!("+{n}")
    }
}

/// Fill: every seat filled, whoever fills it.
pub fn fill(w: &Weights) -> Option<Part<'static>> {
    part(Term::Fill, w.fill, Why::Fill)
}

/// Skills: for each skill the post asks for, `skill_met` when met, else `skill_gap`
/// off for each level short.
pub fn skills<'a>(w: &Weights, f: &Facts<'a>, site: &Site<'a>) -> Option<Part<'a>> {
    part(
        Term::Skills,
        skill_points(w, &f.levels, &site.skills),
        Why::Skills {
            staff: f.staff,
            post: site.post,
        },
    )
}

/// The skills term's points for a person's levels (by skill number) against a post's
/// (skill number, level) list.
pub fn skill_points(w: &Weights, levels: &[u8], skills: &[(u32, u8)]) -> i64 {
    let mut points = 0;
    for &(skill, need) in skills {
        let have = levels.get(skill as usize).copied().unwrap_or(0);
        if have >= need {
            points += w.skill_met;
        } else {
            points -= w.skill_gap * i64::from(need - have);
        }
    }
    points
}

/// One of the post's courses: completed, enrolled, or a penalty when missing.
pub fn course<'a>(w: &Weights, course: &'a CourseId, standing: Standing) -> Option<Part<'a>> {
    let points = match standing {
        Standing::Completed => w.course_completed,
        Standing::Enrolled => w.course_enrolled,
        Standing::PlannedOnly | Standing::Missing | Standing::Failed => -w.course_missing,
    };
    part(Term::Course, points, Why::Course { course, standing })
}

/// Breadth, for 係員 and 係長 moving: a bureau never served in (else a unit never
/// served in), and a field never served in.
pub fn breadth<'a>(w: &Weights, f: &Facts<'a>, site: &Site<'a>, kind: Kind) -> Option<Part<'a>> {
    if kind == Kind::Stay || !f.staff.grade.is_junior() {
        return None;
    }
    let mut points = 0;
    let (mut bureau, mut unit, mut field) = (None, None, None);
    if !f.bureaus.contains(&site.bureau_ix) {
        points += w.breadth_bureau;
        bureau = Some(site.bureau);
    } else if !f.units.contains(&site.unit_ix) {
        points += w.breadth_unit;
        unit = Some(&site.post.unit);
    }
    if !f.fields.contains_key(&site.post.field) {
        points += w.breadth_field;
        field = Some(site.post.field);
    }
    if bureau.is_none() && unit.is_none() && field.is_none() {
        return None;
    }
    part(
        Term::Breadth,
        points,
        Why::Breadth {
            grade: f.staff.grade,
            bureau,
            unit,
            field,
        },
    )
}

/// Candidates (政府デジタル人材候補) moving into a 課長補佐-level post, or promoted a
/// step toward one.
pub fn candidate(w: &Weights, staff: &Staff, post: &Post, kind: Kind) -> Option<Part<'static>> {
    if !staff.candidate || kind == Kind::Stay {
        return None;
    }
    part(
        Term::Candidate,
        candidate_points(w, staff, post.grade, kind),
        Why::Candidate {
            from: staff.grade,
            to: post.grade,
        },
    )
}

/// The candidate term's points for a post of grade `post`.
pub fn candidate_points(w: &Weights, staff: &Staff, post: Grade, kind: Kind) -> i64 {
    if !staff.candidate || kind == Kind::Stay {
        0
    } else if post == Grade::Deputy {
        w.candidate
    } else if post > staff.grade && post < Grade::Deputy {
        w.candidate_step
    } else {
        0
    }
}

/// High-impact posts: experience in the post's field (months in posts of that field,
/// or a skill level of 3 or more in it), else a penalty.
pub fn high_impact(
    w: &Weights,
    post: &Post,
    months_in_field: i32,
    level: u8,
) -> Option<Part<'static>> {
    if post.impact != crate::domain::Impact::High {
        return None;
    }
    let experienced = months_in_field > 0 || level >= 3;
    part(
        Term::HighImpact,
        high_impact_points(w, months_in_field, level),
        Why::HighImpact {
            field: post.field,
            months: months_in_field,
            level: if experienced { level } else { 0 },
        },
    )
}

/// The high-impact term's points for an impact 高 post.
pub fn high_impact_points(w: &Weights, months_in_field: i32, level: u8) -> i64 {
    if months_in_field > 0 || level >= 3 {
        w.high_impact_experience
    } else {
        -w.high_impact_novice
    }
}

/// Generational balance: the person's age band is missing among the holders who stay
/// in the post's unit (there must be some).
pub fn generation<'a>(w: &Weights, band: Option<Band>, site: &Site<'a>) -> Option<Part<'a>> {
    let band = band?;
    if site.staying == 0 || site.bands[band.index()] > 0 {
        return None;
    }
    part(
        Term::Generation,
        w.generation,
        Why::Generation {
            band,
            unit: &site.post.unit,
        },
    )
}

/// Wishes: the post, its unit or a unit above it, its field.
pub fn wishes<'a>(w: &Weights, f: &Facts<'_>, site: &Site<'a>) -> Option<Part<'a>> {
    let mut points = 0;
    let post = f.wish_posts.contains(&site.post_ix).then_some(site.post);
    if post.is_some() {
        points += w.wish_post;
    }
    let unit = (site.path.iter().zip(&site.path_ids))
        .find(|(u, _)| f.wish_units.contains(u))
        .map(|(_, id)| *id);
    if unit.is_some() {
        points += w.wish_unit;
    }
    let field = f
        .wish_fields
        .contains(&site.post.field)
        .then_some(site.post.field);
    if field.is_some() {
        points += w.wish_field;
    }
    if post.is_none() && unit.is_none() && field.is_none() {
        return None;
    }
    part(Term::Wishes, points, Why::Wishes { post, unit, field })
}

/// Stability: a due holder moving on, or a holder who is not due staying.
///
/// Staying for a due holder is a pair like any other (their own post is in the plan,
/// issue #6: "posts that are vacant, or whose holder is due"), so a due holder stays
/// when that is part of the best plan, e.g. when nobody else can take the post (see
/// the test `a_due_holder_may_stay_and_is_penalised_when_well_past_due`). By design
/// the terms favour moving: staying earns no stability (+15 goes to a due holder
/// moving on), no breadth and no candidate term, and loses 25 when 12 months or more
/// past the term. On the demo ministry (2027-04-01) no due holder stays for that
/// reason, not by a rule: of the 45 due holders whose own seat is in the problem, the
/// median stay scores 32 against 79 for the person the plan puts in the post (also the
/// median of their own move), and none scores above the one who takes the post.
pub fn stability(w: &Weights, kind: Kind, months: Option<i32>, due: bool) -> Option<Part<'static>> {
    let months = months?;
    match (kind, due) {
        (Kind::Move, true) | (Kind::Stay, false) => {
            part(Term::Stability, w.stability, Why::Stability { months, due })
        }
        _ => None,
    }
}

/// Overstay: a due holder staying when `after` months or more past the term.
pub fn overstay(
    w: &Weights,
    kind: Kind,
    months: Option<i32>,
    term: u32,
    after: u32,
) -> Option<Part<'static>> {
    let months = months?;
    let past = months - term as i32;
    if kind != Kind::Stay || past < after as i32 {
        return None;
    }
    part(Term::Overstay, -w.overstay, Why::Overstay { months, past })
}

// ---------------------------------------------------------------------------
// The whole score

/// Every term of a pair, in term order, handed to `out` (no allocation).
pub fn parts<'a>(cfg: &Config, f: &Facts<'a>, site: &Site<'a>, mut out: impl FnMut(Part<'a>)) {
    let w = &cfg.weights;
    let post = site.post;
    let kind = if f.holds(site) {
        Kind::Stay
    } else {
        Kind::Move
    };
    let mut emit = |p: Option<Part<'a>>| {
        if let Some(p) = p {
            out(p);
        }
    };
    emit(fill(w));
    emit(skills(w, f, site));
    for &(c, ix) in &site.courses {
        let st = (f.standings.get(ix as usize).copied()).unwrap_or_else(|| f.standing(c));
        emit(course(w, c, st));
    }
    emit(breadth(w, f, site, kind));
    emit(candidate(w, f.staff, post, kind));
    emit(high_impact(
        w,
        post,
        f.fields.get(&post.field).copied().unwrap_or(0),
        f.levels
            .get(site.field_skill as usize)
            .copied()
            .unwrap_or(0),
    ));
    emit(generation(w, f.band, site));
    emit(wishes(w, f, site));
    emit(stability(w, kind, f.months, f.due));
    emit(overstay(
        w,
        kind,
        f.months.filter(|_| f.due),
        cfg.term_months,
        cfg.overstay_after_months,
    ));
}

/// A pair's score.
pub fn total(cfg: &Config, f: &Facts<'_>, site: &Site<'_>) -> i64 {
    let mut t = 0;
    parts(cfg, f, site, |p| t += p.points);
    t
}

/// One term of a score, as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub term: &'static str,
    pub points: i64,
    /// The reason with the points: "completed the post's course C-NCO-SEC … +20".
    pub text: String,
}

/// A pair's terms as text.
pub fn explain(ds: &Dataset, cfg: &Config, f: &Facts<'_>, site: &Site<'_>) -> Vec<Line> {
    let mut v = Vec::new();
    parts(cfg, f, site, |p| {
        v.push(Line {
            term: p.term.code(),
            points: p.points,
            text: format!("{} {}", p.why.text(ds), signed(p.points)),
        })
    });
    v
}

/// What a person lacks for a post: the grade, the courses not completed, the skills
/// below the post's level.
pub fn lacks(f: &Facts<'_>, post: &Post) -> Vec<String> {
    let mut v = Vec::new();
    if !grade_allows(f.staff, post) {
        let why = if f.staff.grade.next() == Some(post.grade) {
            ", not marked ready for promotion"
        } else {
            ""
        };
        v.push(format!(
            "grade: is {}, the post is {}{why}",
            f.staff.grade.ja(),
            post.grade.ja()
        ));
    }
    for c in &post.courses {
        match f.standing(c) {
            Standing::Completed => {}
            Standing::Enrolled => v.push(format!("course {c} (enrolled, not completed)")),
            Standing::PlannedOnly => v.push(format!("course {c} (planned, no session)")),
            Standing::Missing => v.push(format!("course {c} (not taken)")),
            Standing::Failed => v.push(format!("course {c} (failed)")),
        }
    }
    for (name, need) in &post.skills.0 {
        let have = f.staff.skills.level(name);
        if have < *need {
            v.push(format!("skill {name} {have} of {need}"));
        }
    }
    v
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;

/// The reasons' texts ([`Why::text`]).
#[path = "why.rs"]
mod why;
