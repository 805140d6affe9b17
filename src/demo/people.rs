//! Demo staff before their history: name, age, hiring track, hire date, the career
//! (grade steps over the years), and the windows in which each is away (secondments,
//! past and present, and leave). Skills, wishes and notes come later, from history.

use super::names::NamePicker;
use super::{add_days, april, chance, id, weighted, Rng, TODAY};
use crate::domain::{Date, Grade, Skills, Staff, StaffId, Status, Track};
use jiff::civil::date;
use rand::seq::SliceRandom;
use rand::Rng as _;

/// Why a person is away from the ministry's posts for a while.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AwayKind {
    /// Seconded to the named body.
    Secondment(&'static str),
    /// On leave of the named kind.
    Leave(&'static str),
}

/// A span away from the ministry; `to` is inclusive, `None` when open-ended.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Away {
    pub from: Date,
    pub to: Option<Date>,
    pub kind: AwayKind,
}

/// A person being generated.
pub(crate) struct Person {
    pub staff: Staff,
    /// Grade steps, oldest first; the first is the grade at hire.
    pub career: Vec<(Date, Grade)>,
    pub away: Vec<Away>,
}

impl Person {
    pub(crate) fn hired_on(&self) -> Date {
        self.career[0].0
    }

    /// The grade on a date; None before the person was hired.
    pub(crate) fn grade_at(&self, d: Date) -> Option<Grade> {
        self.career
            .iter()
            .take_while(|(from, _)| *from <= d)
            .last()
            .map(|(_, g)| *g)
    }

    /// Whether the person is away on a date.
    pub(crate) fn away_at(&self, d: Date) -> bool {
        self.away
            .iter()
            .any(|a| a.from <= d && !matches!(a.to, Some(t) if t < d))
    }
}

/// Where people are seconded to now.
const SECONDMENTS: &[&str] = &[
    "デジタル庁",
    "デジタル庁",
    "内閣官房国家サイバー統括室（NCO）",
    "独立行政法人情報処理推進機構（IPA）",
    "総務省",
    "民間企業（クラウド事業者）",
];

/// Ages 22-60 by bracket, younger brackets heavier (the plan is hiring young).
const AGE_BRACKETS: &[(i16, i16, u32)] = &[(22, 29, 36), (30, 39, 30), (40, 49, 20), (50, 60, 14)];

/// `n` people with staff numbers E0001.. (wider when needed).
pub(crate) fn generate(n: usize, rng: &mut Rng) -> Vec<Person> {
    let names = NamePicker::new();
    let width = super::digits(n).max(4);
    let mut people: Vec<Person> = (0..n).map(|i| person(i, width, &names, rng)).collect();
    away_windows(&mut people, rng);
    people
}

fn person(i: usize, width: usize, names: &NamePicker, rng: &mut Rng) -> Person {
    let (lo, hi, _) =
        AGE_BRACKETS[weighted(rng, &AGE_BRACKETS.iter().map(|b| b.2).collect::<Vec<_>>())];
    let age = rng.gen_range(lo..=hi);
    let birth_year = TODAY.year() - age;
    let track = track_for(age, rng);
    let career = career(track, birth_year, rng);
    let (name, kana) = names.pick(rng, birth_year);
    let (since, grade) = *career.last().unwrap_or(&(TODAY, Grade::Staff));
    Person {
        staff: Staff {
            id: StaffId::new_unchecked(id("E", i + 1, width)),
            name,
            kana,
            birth_year: Some(birth_year),
            grade,
            grade_since: Some(since),
            track,
            hired_on: Some(career[0].0),
            skills: Skills::default(),
            candidate: false,
            promotable: false,
            status: Status::Active,
            status_until: None,
            wishes: Vec::new(),
            notes: String::new(),
            destination: String::new(),
        },
        career,
        away: Vec::new(),
    }
}

fn track_for(age: i16, rng: &mut Rng) -> Track {
    let w: [u32; 4] = match age {
        ..=29 => [40, 56, 4, 0],
        30..=35 => [30, 45, 20, 5],
        36..=45 => [25, 40, 23, 12],
        _ => [22, 50, 16, 12],
    };
    [
        Track::SogoDigital,
        Track::IppanDigital,
        Track::MidCareer,
        Track::External,
    ][weighted(rng, &w)]
}

/// Hire date and grade steps up to today.
fn career(track: Track, birth: i16, rng: &mut Rng) -> Vec<(Date, Grade)> {
    let last = TODAY.year();
    let (hire_year, first, steps): (i16, Grade, [(i16, i16, f64); 3]) = match track {
        Track::SogoDigital => (
            birth + [22, 23, 24][weighted(rng, &[5, 3, 2])],
            Grade::Staff,
            [(3, 4, 1.0), (7, 9, 0.95), (17, 22, 0.8)],
        ),
        Track::IppanDigital => (
            birth + [22, 23, 24][weighted(rng, &[6, 3, 1])],
            Grade::Staff,
            [(6, 9, 1.0), (13, 18, 0.75), (24, 30, 0.35)],
        ),
        Track::MidCareer => {
            let at = birth + rng.gen_range(28..=42);
            let g = if chance(rng, 0.6) {
                Grade::Chief
            } else {
                Grade::Deputy
            };
            (
                at.clamp(2008, last),
                g,
                [(3, 5, 0.9), (8, 12, 0.5), (0, 0, 0.0)],
            )
        }
        Track::External => {
            let w = if last - birth < 40 {
                [3, 7, 0]
            } else {
                [1, 6, 3]
            };
            let g = [Grade::Chief, Grade::Deputy, Grade::Manager][weighted(rng, &w)];
            let from = (birth + 28).clamp(2018, last);
            (rng.gen_range(from..=last), g, [(0, 0, 0.0); 3])
        }
    };
    let hire_year = hire_year.min(last);
    let hired = match track {
        Track::MidCareer | Track::External => {
            let m = [4, 7, 10][weighted(rng, &[6, 2, 2])];
            let d = date(hire_year, m, 1);
            if d > TODAY {
                april(hire_year)
            } else {
                d
            }
        }
        _ => april(hire_year),
    };
    let mut out = vec![(hired, first)];
    let mut grade = first;
    let mut since_year = hire_year;
    for (lo, hi, p) in steps {
        let Some(next) = grade.next() else { break };
        if hi == 0 || !chance(rng, p) {
            break;
        }
        // Steps are counted from hire for new graduates, from the last step otherwise.
        let base = if matches!(track, Track::SogoDigital | Track::IppanDigital) {
            hire_year
        } else {
            since_year
        };
        let year = base + rng.gen_range(lo..=hi);
        let on = if chance(rng, 0.9) {
            april(year)
        } else {
            date(year, 7, 1)
        };
        if on > TODAY || on <= hired {
            break;
        }
        out.push((on, next));
        grade = next;
        since_year = year;
    }
    out
}

/// Current secondments (about 5%), leave (about 1.5%) and past secondments.
fn away_windows(people: &mut [Person], rng: &mut Rng) {
    let n = people.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let seconded = if n >= 10 { (n * 5).div_ceil(100) } else { 0 };
    let on_leave = if n >= 50 { (n * 3).div_ceil(200) } else { 0 };
    let mut placed = 0;
    for &i in &order {
        let p = &mut people[i];
        if placed >= seconded + on_leave {
            break;
        }
        if p.staff.track == Track::External || p.hired_on() > april(2024) {
            continue;
        }
        let away = if placed < seconded {
            let from = [april(2024), april(2025), date(2025, 7, 1), april(2026)]
                [weighted(rng, &[2, 4, 1, 4])];
            // The first one always comes back at the end of this fiscal year.
            let to = if placed == 0 {
                Some(date(2027, 3, 31))
            } else {
                [
                    Some(date(2027, 3, 31)),
                    Some(date(2026, 12, 31)),
                    Some(date(2028, 3, 31)),
                    None,
                ][weighted(rng, &[35, 10, 30, 25])]
            };
            let dest = SECONDMENTS[rng.gen_range(0..SECONDMENTS.len())];
            p.staff.status = Status::Seconded;
            p.staff.destination = dest.to_string();
            Away {
                from,
                to,
                kind: AwayKind::Secondment(dest),
            }
        } else {
            let from = date(rng.gen_range(2025..=2026), rng.gen_range(1..=9), 1);
            let to =
                [Some(date(2027, 3, 31)), Some(date(2027, 6, 30)), None][weighted(rng, &[4, 3, 3])];
            let kind = ["育児休業", "育児休業", "介護休業", "休職"][rng.gen_range(0..4)];
            p.staff.status = Status::Leave;
            Away {
                from: from.min(add_days(TODAY, -30)),
                to,
                kind: AwayKind::Leave(kind),
            }
        };
        // Not seconded or on leave from before they were hired.
        let away = Away {
            from: away.from.max(april(p.hired_on().year() + 1)),
            ..away
        };
        p.staff.status_until = away.to;
        p.away.push(away);
        placed += 1;
    }
    // Past two-year secondments of people hired long enough ago.
    for p in people.iter_mut() {
        if p.staff.status != Status::Active || p.hired_on() > april(2015) || !chance(rng, 0.15) {
            continue;
        }
        let year = rng.gen_range(2017..=2023);
        let dest = match rng.gen_range(0..4) {
            0 if year < 2021 => "内閣官房IT総合戦略室",
            0 => "デジタル庁",
            1 => "内閣サイバーセキュリティセンター（NISC）",
            2 => "独立行政法人情報処理推進機構（IPA）",
            _ => "民間企業（システムインテグレーター）",
        };
        let to = add_days(april(year + 2), -1);
        p.away.push(Away {
            from: april(year),
            to: Some(to),
            kind: AwayKind::Secondment(dest),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn crowd() -> Vec<Person> {
        generate(1000, &mut Rng::seed_from_u64(11))
    }

    #[test]
    fn ages_run_22_to_60_and_grades_follow_age() {
        for p in crowd() {
            let age = p.staff.age_in(2026).unwrap();
            assert!((22..=60).contains(&age), "{age}");
            if p.staff.grade == Grade::Manager {
                assert!(age >= 35, "{} manager at {age}", p.staff.id);
            }
            if p.staff.grade == Grade::Staff {
                assert!(age <= 45, "{} staff at {age}", p.staff.id);
            }
        }
    }

    #[test]
    fn grade_since_is_after_hire_and_career_climbs() {
        for p in crowd() {
            assert!(p.staff.grade_since >= p.staff.hired_on);
            assert!(p
                .career
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
            assert_eq!(p.grade_at(TODAY), Some(p.staff.grade));
            assert_eq!(p.grade_at(add_days(p.hired_on(), -1)), None);
        }
    }

    #[test]
    fn about_five_percent_are_seconded_and_away_today() {
        let ps = crowd();
        let sec: Vec<&Person> = ps
            .iter()
            .filter(|p| p.staff.status == Status::Seconded)
            .collect();
        assert_eq!(sec.len(), 50);
        assert_eq!(
            ps.iter()
                .filter(|p| p.staff.status == Status::Leave)
                .count(),
            15
        );
        assert!(sec.iter().all(|p| p.away_at(TODAY)));
        assert!(sec
            .iter()
            .any(|p| p.staff.status_until == Some(date(2027, 3, 31))));
    }

    #[test]
    fn staff_numbers_are_padded_to_four_digits() {
        let ps = generate(12, &mut Rng::seed_from_u64(1));
        assert_eq!(ps[0].staff.id.as_str(), "E0001");
        assert_eq!(ps[11].staff.id.as_str(), "E0012");
    }
}
