//! The course catalogue (Digital Agency, NCO, in-house, external), which courses fit a
//! field and grade, and the sessions of each course from 2021 to 2027.

use super::{add_days, chance, weighted, Rng};
use crate::domain::{Course, CourseId, Date, Field, Grade, Provider, Session, SessionId};
use jiff::civil::date;
use rand::Rng as _;

/// One course of the catalogue and how often it runs.
struct CourseDef {
    id: &'static str,
    name: &'static str,
    provider: Provider,
    field: Field,
    grades: &'static [Grade],
    days: u16,
    /// Months in which a session starts each year.
    months: &'static [i8],
    /// Seats per session for one ministry (scaled up for synthetic organisations).
    seats: u16,
    /// First calendar year with sessions.
    since: i16,
}

use Field::{Data, Dx, Ops, Pm, Policy, Security};
use Grade::{Chief as C, Deputy as D, Manager as M, Staff as S};
use Provider::{DigitalAgency as DA, External as EX, InHouse as IN, Nco as NCO};

const ALL: &[Grade] = &[S, C, D, M];

#[rustfmt::skip]
const CATALOGUE: &[CourseDef] = &[
    CourseDef { id: "C-DA-INTRO", name: "情報システム統一研修（基礎）", provider: DA, field: Pm, grades: &[S, C], days: 2, months: &[5, 10], seats: 8, since: 2021 },
    CourseDef { id: "C-DA-PM", name: "情報システム統一研修（プロジェクト管理）", provider: DA, field: Pm, grades: &[C, D], days: 5, months: &[6, 9, 1], seats: 4, since: 2021 },
    CourseDef { id: "C-DA-SEC", name: "情報システム統一研修（セキュリティ）", provider: DA, field: Security, grades: &[S, C, D], days: 3, months: &[6, 11, 2], seats: 5, since: 2021 },
    CourseDef { id: "C-DA-CLD", name: "情報システム統一研修（クラウド）", provider: DA, field: Ops, grades: &[S, C, D], days: 3, months: &[7, 12], seats: 5, since: 2021 },
    CourseDef { id: "C-DA-DATA", name: "情報システム統一研修（データ）", provider: DA, field: Data, grades: &[S, C, D], days: 3, months: &[8, 1], seats: 5, since: 2021 },
    CourseDef { id: "C-DA-SD", name: "情報システム統一研修（サービスデザイン）", provider: DA, field: Dx, grades: &[C, D], days: 2, months: &[9, 2], seats: 4, since: 2022 },
    CourseDef { id: "C-DA-CAND", name: "政府デジタル人材候補者研修（プロジェクト管理）", provider: DA, field: Pm, grades: &[C, D], days: 10, months: &[10], seats: 3, since: 2021 },
    CourseDef { id: "C-NCO-SEC", name: "政府デジタル人材候補者研修（セキュリティ）", provider: NCO, field: Security, grades: &[C, D], days: 10, months: &[9], seats: 3, since: 2021 },
    CourseDef { id: "C-NCO-IR", name: "インシデント対応研修", provider: NCO, field: Security, grades: &[S, C, D], days: 2, months: &[7, 1], seats: 6, since: 2021 },
    CourseDef { id: "C-NCO-MGT", name: "情報セキュリティ幹部研修", provider: NCO, field: Security, grades: &[D, M], days: 1, months: &[11], seats: 4, since: 2021 },
    CourseDef { id: "C-EX-CYDER", name: "実践的サイバー防御演習（CYDER）", provider: EX, field: Security, grades: &[S, C], days: 1, months: &[8, 12], seats: 6, since: 2021 },
    CourseDef { id: "C-IN-AI", name: "生成AIリテラシー研修", provider: IN, field: Dx, grades: ALL, days: 1, months: &[6, 10, 2], seats: 40, since: 2023 },
    CourseDef { id: "C-IN-DX", name: "DXリテラシー研修", provider: IN, field: Dx, grades: ALL, days: 1, months: &[5, 11], seats: 40, since: 2021 },
    CourseDef { id: "C-IN-DATA", name: "データ利活用研修", provider: IN, field: Data, grades: &[S, C, D], days: 2, months: &[7, 1], seats: 25, since: 2021 },
    CourseDef { id: "C-IN-BPR", name: "業務効率化研修", provider: IN, field: Dx, grades: &[S, C], days: 1, months: &[9], seats: 20, since: 2021 },
    CourseDef { id: "C-IN-POL", name: "情報政策基礎研修", provider: IN, field: Policy, grades: &[S, C], days: 2, months: &[5], seats: 20, since: 2021 },
    CourseDef { id: "C-IN-MGR", name: "管理職向けDX研修（階層別）", provider: IN, field: Dx, grades: &[M], days: 1, months: &[12], seats: 30, since: 2022 },
];

/// Last calendar year with sessions.
const LAST_YEAR: i16 = 2027;

/// Every course of the catalogue, in catalogue order.
pub(crate) fn courses() -> Vec<Course> {
    CATALOGUE
        .iter()
        .map(|c| Course {
            id: CourseId::new_unchecked(c.id),
            name: c.name.to_string(),
            provider: c.provider,
            field: c.field,
            grades: c.grades.to_vec(),
            days: c.days,
        })
        .collect()
}

/// The courses that correspond to a post of this field and grade (one or two).
pub(crate) fn courses_for(field: Field, grade: Grade, rng: &mut Rng) -> Vec<CourseId> {
    let ids: &[&str] = match (field, grade) {
        (Security, S) => &["C-DA-SEC", "C-EX-CYDER"],
        (Security, C) => &["C-DA-SEC", "C-NCO-IR"],
        (Security, D) => &["C-NCO-SEC", "C-NCO-IR"],
        (Security, M) => &["C-NCO-MGT"],
        (Pm, S) => &["C-DA-INTRO"],
        (Pm, C) => &["C-DA-PM"],
        (Pm, D) => &["C-DA-PM", "C-DA-CAND"],
        (Pm, M) => &["C-DA-CAND", "C-IN-MGR"],
        (Ops, S) => &["C-DA-CLD", "C-DA-INTRO"],
        (Ops, C | D) => &["C-DA-CLD"],
        (Ops, M) => &["C-IN-MGR", "C-DA-CLD"],
        (Policy, S | C) => &["C-IN-POL"],
        (Policy, D) => &["C-DA-SD", "C-DA-DATA"],
        (Policy, M) => &["C-IN-MGR"],
        (Dx, S) => &["C-IN-BPR", "C-IN-DX"],
        (Dx, C) => &["C-DA-SD", "C-IN-AI"],
        (Dx, D) => &["C-DA-SD"],
        (Dx, M) => &["C-IN-MGR"],
        (Data, S) => &["C-IN-DATA"],
        (Data, C | D) => &["C-DA-DATA", "C-IN-DATA"],
        (Data, M) => &["C-IN-MGR"],
    };
    let n = if ids.len() > 1 && chance(rng, 0.5) {
        2
    } else {
        1
    };
    ids[..n]
        .iter()
        .map(|s| CourseId::new_unchecked(*s))
        .collect()
}

/// Sessions of every course, 2021-2027, seats multiplied by `scale`.
pub(crate) fn sessions(courses: &[Course], scale: u32, rng: &mut Rng) -> Vec<Session> {
    let mut out = Vec::new();
    for (def, course) in CATALOGUE.iter().zip(courses) {
        let suffix = def.id.trim_start_matches("C-");
        for year in def.since..=LAST_YEAR {
            let mut months = def.months.to_vec();
            months.sort_unstable();
            for (i, &month) in months.iter().enumerate() {
                let n = i + 1;
                let start = monday_on_or_after(date(year, month, rng.gen_range(3..=20)));
                let jitter = [0u32, 1, 2][weighted(rng, &[6, 3, 1])] as u16;
                let seats = (def.seats + jitter).saturating_mul(scale.min(u16::MAX as u32) as u16);
                out.push(Session {
                    id: SessionId::new_unchecked(format!("S-{suffix}-{year}-{n}")),
                    course: course.id.clone(),
                    start,
                    end: end_of(start, def.days),
                    capacity: seats.max(1),
                });
            }
        }
    }
    out
}

/// The Monday on or after a date: courses start at the beginning of a week.
fn monday_on_or_after(d: Date) -> Date {
    let back = d.weekday().to_monday_zero_offset() as i64;
    if back == 0 {
        d
    } else {
        add_days(d, 7 - back)
    }
}

/// Last day of a course of `days` working days starting on a Monday.
fn end_of(start: Date, days: u16) -> Date {
    let days = days.max(1) as i64;
    let weeks = (days - 1) / 5;
    let rest = (days - 1) % 5;
    add_days(start, weeks * 7 + rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Weekday;
    use rand::SeedableRng;

    #[test]
    fn catalogue_has_seventeen_courses_from_every_provider() {
        let cs = courses();
        assert_eq!(cs.len(), 17);
        for p in Provider::ALL {
            assert!(cs.iter().any(|c| c.provider == *p), "{p}");
        }
    }

    #[test]
    fn every_field_and_grade_has_a_course_in_the_catalogue() {
        let ids: Vec<CourseId> = courses().into_iter().map(|c| c.id).collect();
        let mut rng = Rng::seed_from_u64(3);
        for f in Field::ALL {
            for g in Grade::ALL {
                for c in courses_for(*f, *g, &mut rng) {
                    assert!(ids.contains(&c), "{c}");
                }
            }
        }
    }

    #[test]
    fn sessions_start_on_mondays_and_end_after_their_days() {
        let cs = courses();
        let ss = sessions(&cs, 1, &mut Rng::seed_from_u64(1));
        for s in &ss {
            assert_eq!(s.start.weekday(), Weekday::Monday, "{}", s.id);
            assert!(s.end >= s.start);
            assert!(s.start.year() >= 2021 && s.start.year() <= 2027);
        }
        let cand = ss
            .iter()
            .find(|s| s.id.as_str() == "S-NCO-SEC-2026-1")
            .unwrap();
        assert_eq!(cand.start.month(), 9);
        // ten working days: two weeks, Monday to Friday
        assert_eq!(end_of(date(2026, 9, 7), 10), date(2026, 9, 18));
        assert_eq!(end_of(date(2026, 9, 7), 1), date(2026, 9, 7));
    }

    #[test]
    fn seats_scale() {
        let cs = courses();
        let one = sessions(&cs, 1, &mut Rng::seed_from_u64(1));
        let ten = sessions(&cs, 10, &mut Rng::seed_from_u64(1));
        assert_eq!(one.len(), ten.len());
        assert_eq!(one[0].capacity * 10, ten[0].capacity);
    }
}
