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
use crate::domain::{CourseId, Dataset, Field, Grade, Post, Staff, Status, UnitId};
use serde::Serialize;

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

pub use super::facts::{Band, Facts, Org, Site, Standing};

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
