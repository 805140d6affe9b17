//! What scoring needs to know, worked out once: each person's facts (tenure, fields,
//! skills, courses, wishes, age band) and each post's site (its unit's path, the
//! skills and courses it asks, the age bands of those who stay), and the organisation
//! they are read against.

use crate::domain::date::Date;
use crate::domain::queries::{tenure_months, unit_path};
use crate::domain::training::{course_progress, Progress};
use crate::domain::{Assignment, CourseId, Dataset, Field, Post, PostId, Staff, UnitId, Wish};
use serde::Serialize;
use std::collections::BTreeMap;

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
