//! How well a person fits a post, and what is wrong with a post as it stands: the
//! facts behind the posts pane's warning marks, the staff picker's fit column, an
//! assignment's warnings and the rotation planner's reasons. Pure.

use super::dataset::Dataset;
use super::date::Date;
use super::ids::{CourseId, PostId};
use super::queries::tenure_months;
use super::records::{Assignment, Post, Staff};
use super::vocab::{EnrollmentStatus, Grade};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a person stands with one of a post's courses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CourseStanding {
    /// Not taken, not planned.
    Missing,
    /// Planned or enrolled (not yet completed).
    Planned,
    Completed,
}

/// One skill the post asks for, and the person's level in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkillGap {
    pub skill: String,
    pub have: u8,
    pub need: u8,
}

/// A person measured against a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fit {
    pub grade: Grade,
    pub post_grade: Grade,
    /// Every skill the post asks for, with the person's level (met or not).
    pub skills: Vec<(String, u8, u8)>,
    /// Each of the post's courses and the person's standing in it.
    pub courses: Vec<(CourseId, CourseStanding)>,
    /// Months in the person's current post, when they hold one.
    pub tenure_months: Option<i32>,
}

impl Fit {
    pub fn grade_matches(&self) -> bool {
        self.grade == self.post_grade
    }

    /// The skills below the post's level.
    pub fn skill_gaps(&self) -> Vec<SkillGap> {
        self.skills
            .iter()
            .filter(|(_, have, need)| have < need)
            .map(|(skill, have, need)| SkillGap {
                skill: skill.clone(),
                have: *have,
                need: *need,
            })
            .collect()
    }

    /// The post's courses the person has not completed.
    pub fn missing_courses(&self) -> Vec<&CourseId> {
        self.courses
            .iter()
            .filter(|(_, st)| *st != CourseStanding::Completed)
            .map(|(c, _)| c)
            .collect()
    }

    /// Whether every requirement is met.
    pub fn is_full(&self) -> bool {
        self.grade_matches() && self.skill_gaps().is_empty() && self.missing_courses().is_empty()
    }
}

/// The person's standing in a course: the best of their enrollments in it.
pub fn course_standing(ds: &Dataset, staff: &Staff, course: &CourseId) -> CourseStanding {
    ds.enrollments_of(&staff.id)
        .filter(|e| &e.course == course)
        .map(|e| match e.status {
            EnrollmentStatus::Completed => CourseStanding::Completed,
            EnrollmentStatus::Planned | EnrollmentStatus::Enrolled => CourseStanding::Planned,
            EnrollmentStatus::Failed | EnrollmentStatus::Cancelled => CourseStanding::Missing,
        })
        .max()
        .unwrap_or(CourseStanding::Missing)
}

/// Measures `staff` against `post` on `date`.
pub fn fit(ds: &Dataset, staff: &Staff, post: &Post, date: Date) -> Fit {
    let skills = post
        .skills
        .0
        .iter()
        .map(|(name, need)| (name.clone(), staff.skills.level(name), *need))
        .collect();
    let courses = post
        .courses
        .iter()
        .map(|c| (c.clone(), course_standing(ds, staff, c)))
        .collect();
    let tenure = super::queries::current_assignment(ds, &staff.id, date)
        .filter(|a| !a.concurrent)
        .map(|a| tenure_months(a, date));
    Fit {
        grade: staff.grade,
        post_grade: post.grade,
        skills,
        courses,
        tenure_months: tenure,
    }
}

/// Something wrong with a post as it stands on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// Fewer holders than seats; `since` is the end of the last holding, if any.
    Vacant {
        seats: u16,
        held: u16,
        since: Option<Date>,
    },
    /// A holder's grade is not the post's.
    GradeMismatch {
        staff: String,
        grade: Grade,
        post_grade: Grade,
    },
    /// A holder has not completed one of the post's courses.
    MissingCourse {
        staff: String,
        course: String,
        planned: bool,
    },
    /// A holder is below the post's level in a skill.
    SkillsBelow {
        staff: String,
        skill: String,
        have: u8,
        need: u8,
    },
    /// A holder has been in the post for the standard term or longer.
    Due { staff: String, months: i32 },
}

impl Problem {
    /// A short code for filters and tests.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Vacant { .. } => "vacant",
            Problem::GradeMismatch { .. } => "grade",
            Problem::MissingCourse { .. } => "course",
            Problem::SkillsBelow { .. } => "skills",
            Problem::Due { .. } => "due",
        }
    }
}

/// Every post's holdings, past and present, newest start first: built once per
/// dataset (one pass), since looking them up post by post would scan every
/// assignment for each post.
pub fn holdings_by_post(ds: &Dataset) -> BTreeMap<&PostId, Vec<&Assignment>> {
    let mut m: BTreeMap<&PostId, Vec<&Assignment>> = BTreeMap::new();
    for a in ds.assignments.values() {
        m.entry(&a.post).or_default().push(a);
    }
    for v in m.values_mut() {
        v.sort_by(|a, b| (b.start, &b.staff).cmp(&(a.start, &a.staff)));
    }
    m
}

/// The holdings among `history` in force on `date`, earliest start first.
pub fn holders_on<'a>(history: &[&'a Assignment], date: Date) -> Vec<&'a Assignment> {
    let mut v: Vec<&Assignment> = history.iter().copied().filter(|a| a.covers(date)).collect();
    v.sort_by(|a, b| (a.start, &a.staff).cmp(&(b.start, &b.staff)));
    v
}

/// What is wrong with `post` on `date`, given its holdings (`history`, as
/// [`holdings_by_post`] gives them) and the standard term in months. Concurrent
/// holders fill a seat but are not expected to meet the requirements or to rotate.
pub fn problems(
    ds: &Dataset,
    post: &Post,
    history: &[&Assignment],
    date: Date,
    term_months: u32,
) -> Vec<Problem> {
    let mut out = Vec::new();
    if post.is_closed_on(date) {
        return out;
    }
    let holders = holders_on(history, date);
    let held = holders.len().min(u16::MAX as usize) as u16;
    if held < post.capacity {
        let since = (history.iter())
            .filter_map(|a| a.end.filter(|e| *e < date))
            .max();
        out.push(Problem::Vacant {
            seats: post.capacity,
            held,
            since,
        });
    }
    for a in holders.iter().filter(|a| !a.concurrent) {
        let Some(s) = ds.staff.get(&a.staff) else {
            continue;
        };
        let who = s.id.to_string();
        let f = fit(ds, s, post, date);
        if !f.grade_matches() {
            out.push(Problem::GradeMismatch {
                staff: who.clone(),
                grade: s.grade,
                post_grade: post.grade,
            });
        }
        for (c, st) in &f.courses {
            if *st != CourseStanding::Completed {
                out.push(Problem::MissingCourse {
                    staff: who.clone(),
                    course: c.to_string(),
                    planned: *st == CourseStanding::Planned,
                });
            }
        }
        for g in f.skill_gaps() {
            out.push(Problem::SkillsBelow {
                staff: who.clone(),
                skill: g.skill,
                have: g.have,
                need: g.need,
            });
        }
        let months = tenure_months(a, date);
        if months >= 0 && months as u32 >= term_months {
            out.push(Problem::Due {
                staff: who.clone(),
                months,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse_date;
    use crate::domain::records::{Enrollment, Skills};
    use crate::domain::vocab::{Field, Impact, Status, Track};
    use crate::domain::{StaffId, UnitId};

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    fn world() -> Dataset {
        let mut ds = Dataset::default();
        let post = Post {
            id: PostId::new_unchecked("P02"),
            unit: UnitId::new_unchecked("U1"),
            title: "情報セキュリティ係長".into(),
            grade: Grade::Chief,
            field: Field::Security,
            impact: Impact::High,
            skills: Skills::parse("security:3;pm:2").unwrap(),
            courses: vec![CourseId::new_unchecked("C1"), CourseId::new_unchecked("C2")],
            capacity: 1,
            closed: None,
        };
        ds.posts.insert(post.id.clone(), post);
        let staff = Staff {
            id: StaffId::new_unchecked("E1"),
            name: "田中 美咲".into(),
            kana: "タナカ ミサキ".into(),
            birth_year: None,
            grade: Grade::Staff,
            grade_since: None,
            track: Track::SogoDigital,
            hired_on: None,
            skills: Skills::parse("security:3;pm:1").unwrap(),
            candidate: false,
            promotable: false,
            status: Status::Active,
            status_until: None,
            wishes: vec![],
            notes: String::new(),
            destination: String::new(),
        };
        ds.staff.insert(staff.id.clone(), staff);
        let e = Enrollment {
            staff: StaffId::new_unchecked("E1"),
            course: CourseId::new_unchecked("C1"),
            session: None,
            status: EnrollmentStatus::Completed,
            date: None,
        };
        ds.enrollments.insert(e.key(), e);
        let e = Enrollment {
            staff: StaffId::new_unchecked("E1"),
            course: CourseId::new_unchecked("C2"),
            session: None,
            status: EnrollmentStatus::Planned,
            date: None,
        };
        ds.enrollments.insert(e.key(), e);
        ds
    }

    fn assign(ds: &mut Dataset, start: &str, end: Option<&str>) {
        let a = Assignment {
            staff: StaffId::new_unchecked("E1"),
            post: PostId::new_unchecked("P02"),
            start: d(start),
            end: end.map(d),
            concurrent: false,
        };
        ds.assignments.insert(a.key(), a);
    }

    #[test]
    fn fit_reports_grade_skills_courses_and_tenure() {
        let mut ds = world();
        assign(&mut ds, "2023-04-01", None);
        let s = &ds.staff[&StaffId::new_unchecked("E1")];
        let p = &ds.posts[&PostId::new_unchecked("P02")];
        let f = fit(&ds, s, p, d("2026-11-26"));
        assert!(!f.grade_matches());
        assert_eq!(
            f.skill_gaps(),
            vec![SkillGap {
                skill: "pm".into(),
                have: 1,
                need: 2
            }]
        );
        assert_eq!(f.missing_courses(), vec![&CourseId::new_unchecked("C2")]);
        assert_eq!(f.courses[1].1, CourseStanding::Planned);
        assert_eq!(f.tenure_months, Some(43));
        assert!(!f.is_full());
    }

    #[test]
    fn a_post_with_no_holder_is_vacant_since_the_last_holding_ended() {
        let mut ds = world();
        assign(&mut ds, "2020-04-01", Some("2026-03-31"));
        let p = ds.posts[&PostId::new_unchecked("P02")].clone();
        let today = d("2026-11-26");
        let by_post = holdings_by_post(&ds);
        let h = &by_post[&p.id];
        assert!(holders_on(h, today).is_empty());
        let got = problems(&ds, &p, h, today, 24);
        assert_eq!(
            got,
            vec![Problem::Vacant {
                seats: 1,
                held: 0,
                since: Some(d("2026-03-31"))
            }]
        );
    }

    #[test]
    fn a_holder_is_checked_for_grade_courses_skills_and_term() {
        let mut ds = world();
        assign(&mut ds, "2023-04-01", None);
        let p = ds.posts[&PostId::new_unchecked("P02")].clone();
        let today = d("2026-11-26");
        let by_post = holdings_by_post(&ds);
        let h = &by_post[&p.id];
        assert_eq!(holders_on(h, today).len(), 1);
        let codes: Vec<&str> = problems(&ds, &p, h, today, 24)
            .iter()
            .map(Problem::code)
            .collect();
        assert_eq!(codes, vec!["grade", "course", "skills", "due"]);
        // A longer term: not due yet.
        let codes: Vec<&str> = problems(&ds, &p, h, today, 60)
            .iter()
            .map(Problem::code)
            .collect();
        assert_eq!(codes, vec!["grade", "course", "skills"]);
    }

    #[test]
    fn history_is_newest_first() {
        let mut ds = world();
        assign(&mut ds, "2018-04-01", Some("2020-03-31"));
        assign(&mut ds, "2023-04-01", None);
        let by_post = holdings_by_post(&ds);
        let starts: Vec<Date> = by_post[&PostId::new_unchecked("P02")]
            .iter()
            .map(|a| a.start)
            .collect();
        assert_eq!(starts, vec![d("2023-04-01"), d("2018-04-01")]);
    }
}
