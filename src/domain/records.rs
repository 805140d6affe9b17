//! The records jinzai keeps. Plain data with serde; rules live in `validate`.

use super::date::Date;
use super::ids::{CourseId, PostId, SessionId, StaffId, UnitId};
use super::vocab::{EnrollmentStatus, Field, Grade, Impact, Provider, Status, Track};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Skill name → level 1-4. Names are field codes (`security`) or other short words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Skills(pub BTreeMap<String, u8>);

impl Skills {
    pub const MAX_LEVEL: u8 = 4;

    /// Parses `security:3;pm:2`. Japanese field words become field codes.
    pub fn parse(s: &str) -> Result<Skills, String> {
        let mut map = BTreeMap::new();
        for part in s
            .split([';', '；'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (name, level) = part
                .split_once([':', '：'])
                .ok_or_else(|| format!("skill '{part}' has no level; write it like security:3"))?;
            let name = skill_name(name)?;
            let level_s = super::vocab::fold(level);
            let level: u8 = level_s.parse().map_err(|_| {
                format!(
                    "skill '{name}' has level '{}', which is not a number 1-4",
                    level.trim()
                )
            })?;
            if !(1..=Self::MAX_LEVEL).contains(&level) {
                return Err(format!("skill '{name}' has level {level}; levels are 1-4"));
            }
            if map.insert(name.clone(), level).is_some() {
                return Err(format!("skill '{name}' is listed twice"));
            }
        }
        Ok(Skills(map))
    }

    pub fn level(&self, name: &str) -> u8 {
        self.0.get(name).copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Skills {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(k, v)| format!("{k}:{v}")).collect();
        f.write_str(&parts.join(";"))
    }
}

/// Canonical skill name: a field code, or a lower-case word of letters, digits and `-`.
pub fn skill_name(raw: &str) -> Result<String, String> {
    if let Ok(f) = Field::parse(raw) {
        return Ok(f.code().to_string());
    }
    let s = super::vocab::fold(raw);
    if s.is_empty() {
        return Err("a skill has no name".into());
    }
    if s.chars().count() > 30
        || !s
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return Err(format!(
            "'{}' is not a skill name",
            super::text::clip(raw.trim(), 30)
        ));
    }
    Ok(s)
}

/// A unit of the organisation (局・部・課・室).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub parent: Option<UnitId>,
}

/// A digital-talent post (政府デジタル人材に係るポスト).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub id: PostId,
    pub unit: UnitId,
    pub title: String,
    pub grade: Grade,
    pub field: Field,
    pub impact: Impact,
    #[serde(default)]
    pub skills: Skills,
    #[serde(default)]
    pub courses: Vec<CourseId>,
    pub capacity: u16,
    /// The day the post closed (廃止): it has no holders from then on, and its
    /// history stays.
    #[serde(default)]
    pub closed: Option<Date>,
}

impl Post {
    /// Whether the post is closed on `date`.
    pub fn is_closed_on(&self, date: Date) -> bool {
        self.closed.is_some_and(|c| c <= date)
    }
}

/// What a person wishes for at the next rotation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "kebab-case")]
pub enum Wish {
    Post(PostId),
    Unit(UnitId),
    Field(Field),
}

impl fmt::Display for Wish {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Wish::Post(p) => write!(f, "{p}"),
            Wish::Unit(u) => write!(f, "{u}"),
            Wish::Field(x) => write!(f, "{x}"),
        }
    }
}

/// A member of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: StaffId,
    pub name: String,
    pub kana: String,
    #[serde(default)]
    pub birth_year: Option<i16>,
    pub grade: Grade,
    /// The day the current grade was reached (昇任日).
    #[serde(default)]
    pub grade_since: Option<Date>,
    pub track: Track,
    #[serde(default)]
    pub hired_on: Option<Date>,
    #[serde(default)]
    pub skills: Skills,
    /// 政府デジタル人材候補.
    #[serde(default)]
    pub candidate: bool,
    /// Ready for the next grade.
    #[serde(default)]
    pub promotable: bool,
    pub status: Status,
    /// End of the secondment or leave, when known.
    #[serde(default)]
    pub status_until: Option<Date>,
    /// Where a seconded person is (出向先); empty otherwise.
    #[serde(default)]
    pub destination: String,
    #[serde(default)]
    pub wishes: Vec<Wish>,
    #[serde(default)]
    pub notes: String,
}

impl Staff {
    /// Age in the given year, when the birth year is known.
    pub fn age_in(&self, year: i16) -> Option<i16> {
        self.birth_year.map(|b| year - b)
    }

    /// Whether the person is away (seconded or on leave) on a date.
    pub fn is_away_on(&self, date: Date) -> bool {
        match self.status {
            Status::Active => false,
            Status::Seconded | Status::Leave => self.status_until.is_none_or(|until| date <= until),
        }
    }
}

/// A training course (研修).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Course {
    pub id: CourseId,
    pub name: String,
    pub provider: Provider,
    pub field: Field,
    #[serde(default)]
    pub grades: Vec<Grade>,
    pub days: u16,
}

/// One run of a course, with dates and seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: SessionId,
    pub course: CourseId,
    pub start: Date,
    pub end: Date,
    pub capacity: u16,
}

/// Natural key of an assignment: who, where, from when.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AssignmentKey {
    pub staff: StaffId,
    pub start: Date,
    pub post: PostId,
}

/// A person holding a post from a date, until an optional end date (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub staff: StaffId,
    pub post: PostId,
    pub start: Date,
    #[serde(default)]
    pub end: Option<Date>,
    /// 併任: held alongside a primary post; it does not count for overlap.
    #[serde(default)]
    pub concurrent: bool,
}

impl Assignment {
    pub fn key(&self) -> AssignmentKey {
        AssignmentKey {
            staff: self.staff.clone(),
            start: self.start,
            post: self.post.clone(),
        }
    }

    /// Whether the assignment is in force on a date.
    pub fn covers(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|e| date <= e)
    }

    /// Whether two date ranges share a day.
    pub fn overlaps(&self, other: &Assignment) -> bool {
        let a_end = self.end.unwrap_or(Date::MAX);
        let b_end = other.end.unwrap_or(Date::MAX);
        self.start <= b_end && other.start <= a_end
    }
}

/// Natural key of an enrollment: who, which course, which session (if any).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EnrollmentKey {
    pub staff: StaffId,
    pub course: CourseId,
    pub session: Option<SessionId>,
}

/// A person's place in a course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrollment {
    pub staff: StaffId,
    pub course: CourseId,
    #[serde(default)]
    pub session: Option<SessionId>,
    pub status: EnrollmentStatus,
    /// The day of the last status change (completion day for completed).
    #[serde(default)]
    pub date: Option<Date>,
}

impl Enrollment {
    pub fn key(&self) -> EnrollmentKey {
        EnrollmentKey {
            staff: self.staff.clone(),
            course: self.course.clone(),
            session: self.session.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_parse_and_print() {
        let s = Skills::parse("security:3; プロジェクト管理:2").unwrap();
        assert_eq!(s.to_string(), "pm:2;security:3");
        assert_eq!(s.level("security"), 3);
        assert_eq!(s.level("ops"), 0);
    }

    #[test]
    fn non_numeric_skill_level_is_refused() {
        assert_eq!(
            Skills::parse("security:high").unwrap_err(),
            "skill 'security' has level 'high', which is not a number 1-4"
        );
    }

    #[test]
    fn skill_level_out_of_range_is_refused() {
        assert_eq!(
            Skills::parse("pm:5").unwrap_err(),
            "skill 'pm' has level 5; levels are 1-4"
        );
    }

    #[test]
    fn overlap_is_inclusive() {
        let d = |s| super::super::date::parse_date(s).unwrap();
        let a = Assignment {
            staff: StaffId::new_unchecked("E1"),
            post: PostId::new_unchecked("P1"),
            start: d("2020-04-01"),
            end: Some(d("2022-03-31")),
            concurrent: false,
        };
        let mut b = a.clone();
        b.start = d("2022-03-31");
        b.end = None;
        assert!(a.overlaps(&b));
        b.start = d("2022-04-01");
        assert!(!a.overlaps(&b));
    }
}
