//! Enrollments: each post's courses taken by its holders more often than not (some
//! failed, some cancelled, some never taken: the gap list), literacy courses, candidate
//! courses, sign-ups for the 2026-27 sessions and plans without a session. Seats are
//! counted so no session is ever over capacity, and a couple of sessions are topped up
//! to exactly full.

use super::history::Held;
use super::people::Person;
use super::{add_days, chance, Rng, TODAY};
use crate::domain::{
    Course, CourseId, Date, Enrollment, EnrollmentStatus as St, Grade, Post, Session,
};
use jiff::civil::date;
use rand::Rng as _;
use std::collections::BTreeMap;

/// (person, course, session) by index.
type Slot = (usize, usize, Option<usize>);

struct Ctx<'a> {
    people: &'a [Person],
    courses: &'a [Course],
    sessions: &'a [Session],
    /// Course → its sessions, earliest first.
    by_course: Vec<Vec<usize>>,
    seats: Vec<u16>,
    /// Per person: (course, session, live) of each enrollment written so far.
    mine: Vec<Vec<(usize, Option<usize>, bool)>>,
    /// With (person, course rank, session) for sorting into key order at the end.
    out: Vec<(Slot, Enrollment)>,
    /// Course index → its place in course-id order.
    rank: Vec<usize>,
}

/// Every enrollment, person by person.
pub(crate) fn enrollments(
    people: &[Person],
    held: &[Held],
    posts: &[Post],
    courses: &[Course],
    sessions: &[Session],
    rng: &mut Rng,
) -> Vec<Enrollment> {
    let index: BTreeMap<&CourseId, usize> = courses
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.id, i))
        .collect();
    let mut by_course = vec![Vec::new(); courses.len()];
    for (i, s) in sessions.iter().enumerate() {
        if let Some(&c) = index.get(&s.course) {
            by_course[c].push(i);
        }
    }
    for list in &mut by_course {
        list.sort_by_key(|&i| (sessions[i].start, i));
    }
    let post_courses: Vec<Vec<usize>> = posts
        .iter()
        .map(|p| {
            p.courses
                .iter()
                .filter_map(|c| index.get(c).copied())
                .collect()
        })
        .collect();
    let course = |id: &str| index.get(&CourseId::new_unchecked(id)).copied();
    let literacy: Vec<(usize, f64)> = [
        ("C-IN-DX", 0.3),
        ("C-IN-AI", 0.3),
        ("C-IN-BPR", 0.12),
        ("C-IN-DATA", 0.12),
    ]
    .iter()
    .filter_map(|(id, p)| Some((course(id)?, *p)))
    .collect();
    let candidate_courses: Vec<usize> = ["C-NCO-SEC", "C-DA-CAND"]
        .iter()
        .filter_map(|id| course(id))
        .collect();
    let (mgr, intro) = (course("C-IN-MGR"), course("C-DA-INTRO"));

    let mut by_person: Vec<Vec<&Held>> = vec![Vec::new(); people.len()];
    for h in held.iter().filter(|h| !h.concurrent) {
        by_person[h.person].push(h);
    }
    let mut cx = Ctx {
        people,
        courses,
        sessions,
        by_course,
        seats: vec![0; sessions.len()],
        mine: vec![Vec::new(); people.len()],
        out: Vec::new(),
        rank: {
            let mut by_id: Vec<usize> = (0..courses.len()).collect();
            by_id.sort_by_key(|&c| &courses[c].id);
            let mut rank = vec![0; courses.len()];
            for (r, c) in by_id.into_iter().enumerate() {
                rank[c] = r;
            }
            rank
        },
    };
    for (who, p) in people.iter().enumerate() {
        let here = !p.away_at(TODAY);
        let hired = p.hired_on();
        for h in &by_person[who] {
            let current = h.end.is_none();
            for &c in post_courses[h.post].iter().take(2) {
                if cx.live(who, c) {
                    continue;
                }
                let from = add_days(h.start, -270).max(hired);
                let to = h.end.unwrap_or(add_days(TODAY, 420));
                let r: f64 = rng.gen();
                if r < 0.6 {
                    if !cx.take(who, c, from, to, rng) && current && here {
                        cx.plan(who, c, rng);
                    }
                } else if r < 0.66 {
                    cx.cancel(who, c, from, to);
                } else if r < 0.76 && current && here {
                    cx.plan(who, c, rng);
                }
            }
        }
        let grade = p.staff.grade;
        for &(c, prob) in &literacy {
            if cx.fits(c, grade) && chance(rng, prob) {
                let from = date(rng.gen_range(2021..=2026), rng.gen_range(1..=12), 1).max(hired);
                cx.take(who, c, from, add_days(TODAY, 200), rng);
            }
        }
        if let Some(c) = mgr.filter(|_| grade == Grade::Manager && chance(rng, 0.5)) {
            cx.take(who, c, hired, add_days(TODAY, 400), rng);
        }
        if p.staff.candidate {
            if let Some(c) = intro.filter(|_| grade.is_junior() && chance(rng, 0.35)) {
                cx.take(who, c, hired, add_days(hired, 3 * 365), rng);
            }
            if matches!(grade, Grade::Chief | Grade::Deputy)
                && !candidate_courses.is_empty()
                && chance(rng, 0.25)
            {
                let c = candidate_courses[rng.gen_range(0..candidate_courses.len())];
                let from = p.staff.grade_since.unwrap_or(hired);
                cx.take(who, c, from, add_days(TODAY, 400), rng);
            }
        }
        if here && chance(rng, 0.06) {
            let c = rng.gen_range(0..courses.len());
            if cx.fits(c, grade) {
                cx.take(who, c, add_days(TODAY, 1), add_days(TODAY, 450), rng);
            }
        }
        if here && chance(rng, 0.03) {
            let c = rng.gen_range(0..courses.len());
            if cx.fits(c, grade) {
                cx.plan(who, c, rng);
            }
        }
    }
    cx.top_up(true, rng);
    cx.top_up(false, rng);
    // People, courses by id and sessions by id within a course are all numbered in
    // key order, so this sorts the enrollments into key order cheaply.
    cx.out.sort_by_key(|(k, _)| *k);
    cx.out.into_iter().map(|(_, e)| e).collect()
}

impl Ctx<'_> {
    /// Whether `who` has taken, is taking or plans to take course `c`.
    fn live(&self, who: usize, c: usize) -> bool {
        self.mine[who].iter().any(|&(cc, _, live)| cc == c && live)
    }

    /// Whether an enrollment with this key is already written.
    fn has(&self, who: usize, c: usize, s: Option<usize>) -> bool {
        self.mine[who].iter().any(|&(cc, ss, _)| cc == c && ss == s)
    }

    fn fits(&self, c: usize, g: Grade) -> bool {
        let gs = &self.courses[c].grades;
        gs.is_empty() || gs.contains(&g)
    }

    fn push(&mut self, who: usize, c: usize, s: Option<usize>, status: St, day: Date) {
        self.mine[who].push((c, s, status.is_live()));
        if let (Some(s), true) = (s, status.takes_seat()) {
            self.seats[s] += 1;
        }
        self.out.push((
            (who, self.rank[c], s),
            Enrollment {
                staff: self.people[who].staff.id.clone(),
                course: self.courses[c].id.clone(),
                session: s.map(|s| self.sessions[s].id.clone()),
                status,
                date: Some(day.min(TODAY)),
            },
        ));
    }

    /// Whether `who` can sit in session `s`: hired, not away then, seat free.
    fn open(&self, who: usize, c: usize, s: usize) -> bool {
        let p = &self.people[who];
        let ss = &self.sessions[s];
        self.seats[s] < ss.capacity
            && !self.has(who, c, Some(s))
            && p.hired_on() <= ss.start
            && !p.away_at(ss.start)
            && (ss.start <= TODAY || !p.away_at(TODAY))
    }

    /// Takes the course in a session starting between `from` and `to`: completed (or
    /// now and then failed, then usually retaken) when past, enrolled when under way
    /// or ahead. False when no session had a seat or the course is already taken.
    fn take(&mut self, who: usize, c: usize, from: Date, to: Date, rng: &mut Rng) -> bool {
        if self.live(who, c) {
            return false;
        }
        let found: Vec<usize> = self.by_course[c]
            .iter()
            .copied()
            .filter(|&s| (from..=to).contains(&self.sessions[s].start) && self.open(who, c, s))
            .take(2)
            .collect();
        let Some(&s) = found.get(if found.len() > 1 && chance(rng, 0.3) {
            1
        } else {
            0
        }) else {
            return false;
        };
        let (start, end) = (self.sessions[s].start, self.sessions[s].end);
        if end < TODAY {
            if chance(rng, 0.08) {
                self.push(who, c, Some(s), St::Failed, end);
                if chance(rng, 0.6) {
                    self.take(who, c, add_days(end, 1), to.max(add_days(end, 400)), rng);
                }
            } else {
                self.push(who, c, Some(s), St::Completed, end);
            }
        } else if start <= TODAY {
            self.push(who, c, Some(s), St::Enrolled, add_days(start, -30));
        } else {
            let day = add_days(TODAY, -rng.gen_range(0..60));
            self.push(who, c, Some(s), St::Enrolled, day);
        }
        true
    }

    /// Signed up for a session in the window, then withdrew.
    fn cancel(&mut self, who: usize, c: usize, from: Date, to: Date) {
        let hired = self.people[who].hired_on();
        let found = self.by_course[c].iter().copied().find(|&s| {
            let start = self.sessions[s].start;
            (from..=to).contains(&start) && start >= hired && !self.has(who, c, Some(s))
        });
        if let Some(s) = found {
            let day = add_days(self.sessions[s].start, -10);
            self.push(who, c, Some(s), St::Cancelled, day);
        }
    }

    /// Planned, no session chosen yet.
    fn plan(&mut self, who: usize, c: usize, rng: &mut Rng) {
        if !self.live(who, c) && !self.has(who, c, None) {
            let day = add_days(TODAY, -rng.gen_range(0..120));
            self.push(who, c, None, St::Planned, day);
        }
    }

    /// Fills the fullest open session (upcoming, or past when `upcoming` is false)
    /// to exactly its capacity, so the demo always shows a full session.
    fn top_up(&mut self, upcoming: bool, rng: &mut Rng) {
        let target = (0..self.sessions.len())
            .filter(|&s| {
                let ss = &self.sessions[s];
                let when = if upcoming {
                    ss.start > TODAY
                } else {
                    ss.end < TODAY && ss.start.year() >= 2025
                };
                when && self.seats[s] < ss.capacity
            })
            .min_by_key(|&s| (self.sessions[s].capacity - self.seats[s], s));
        let Some(s) = target else { return };
        let c = self.sessions[s].course.clone();
        let Some(c) = self.courses.iter().position(|x| x.id == c) else {
            return;
        };
        let (start, end) = (self.sessions[s].start, self.sessions[s].end);
        let n = self.people.len();
        let offset = if n > 0 { rng.gen_range(0..n) } else { 0 };
        for k in 0..n {
            if self.seats[s] >= self.sessions[s].capacity {
                break;
            }
            let who = (offset + k) % n;
            let fits = self.people[who]
                .grade_at(start)
                .is_some_and(|g| self.fits(c, g));
            if fits && !self.live(who, c) && self.open(who, c, s) {
                if upcoming {
                    self.push(
                        who,
                        c,
                        Some(s),
                        St::Enrolled,
                        add_days(TODAY, -(k as i64 % 30)),
                    );
                } else {
                    self.push(who, c, Some(s), St::Completed, end);
                }
            }
        }
    }
}
