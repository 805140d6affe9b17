//! Assignment history: a rotation simulation from April 2016 (some tenures began
//! earlier) to today. Each post has `capacity` seats; on each step people whose tenure
//! is over, who were promoted or who go away leave their seat, then on rotation days
//! (April 1, and July 1 / October 1 for the odd move) vacant seats are filled from the
//! people free that day. Seats make capacity hold; one seat per person makes primary
//! posts never overlap. Some senior seats are covered as 併任; a few people sit one
//! grade off their post; at the end a couple of posts are left vacant on purpose.

use super::people::Person;
use super::{add_days, april, chance, fiscal_year, weighted, Rng, FY_START, HISTORY_START, TODAY};
use crate::domain::{Date, Field, Grade, Post};
use jiff::civil::date;
use rand::seq::SliceRandom;
use rand::Rng as _;
use std::collections::BTreeSet;

/// One post held by one person, by index into the people and posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Held {
    pub person: usize,
    pub post: usize,
    pub start: Date,
    pub end: Option<Date>,
    pub concurrent: bool,
}

/// Who sits in a seat now.
#[derive(Clone, Copy)]
struct Seat {
    held: usize,
    person: usize,
    move_on: Date,
    concurrent: bool,
    /// A copy of the person's brief, so a step over the seats stays in one array.
    brief: Brief,
}

/// What the simulation asks of a person on every step, packed for speed.
#[derive(Clone, Copy)]
struct Brief {
    /// Grade steps; unused ones start on `Date::MAX`.
    career: [(Date, Grade); 4],
    /// Whether the person is ever away (then `Person::away_at` decides).
    ever_away: bool,
}

impl Brief {
    fn of(p: &Person) -> Brief {
        let mut career = [(Date::MAX, Grade::Manager); 4];
        for (slot, step) in career.iter_mut().zip(&p.career) {
            *slot = *step;
        }
        Brief {
            career,
            ever_away: !p.away.is_empty(),
        }
    }

    fn grade_at(&self, d: Date) -> Option<Grade> {
        self.career
            .iter()
            .take_while(|(from, _)| *from <= d)
            .last()
            .map(|(_, g)| *g)
    }

    fn promoted_on(&self, d: Date) -> bool {
        self.career[1..].iter().any(|(on, _)| *on == d)
    }
}

struct Sim<'a> {
    people: &'a [Person],
    brief: Vec<Brief>,
    posts: &'a [Post],
    /// Seat → post index.
    seats: Vec<usize>,
    occupant: Vec<Option<Seat>>,
    primary: Vec<Option<usize>>,
    concurrent: Vec<Option<usize>>,
    last_post: Vec<Option<usize>>,
    /// Fields each person has worked in, one bit per field.
    fields: Vec<u8>,
    out: Vec<Held>,
}

/// Every assignment of the simulated years, in the order they began.
pub(crate) fn simulate(
    posts: &[Post],
    unfilled: &[bool],
    people: &[Person],
    rng: &mut Rng,
) -> Vec<Held> {
    let seats: Vec<usize> = (0..posts.len())
        .filter(|&i| !unfilled.get(i).copied().unwrap_or(false))
        .flat_map(|i| (0..posts[i].capacity).map(move |_| i))
        .collect();
    let n = people.len();
    let mut sim = Sim {
        people,
        brief: people.iter().map(Brief::of).collect(),
        posts,
        occupant: vec![None; seats.len()],
        seats,
        primary: vec![None; n],
        concurrent: vec![None; n],
        last_post: vec![None; n],
        fields: vec![0; n],
        out: Vec::new(),
    };
    for d in steps(people) {
        sim.depart(d, rng);
        if d.day() == 1 && matches!(d.month(), 4 | 7 | 10) {
            sim.fill(d, rng);
        }
    }
    sim.keep_vacant(2, rng);
    sim.out
}

/// Rotation days plus every day someone goes away, from HISTORY_START to today.
fn steps(people: &[Person]) -> BTreeSet<Date> {
    let mut out: BTreeSet<Date> = steps_rotations().collect();
    for p in people {
        out.extend(p.away.iter().map(|a| a.from));
    }
    out.retain(|d| (HISTORY_START..=TODAY).contains(d));
    out
}

/// April 1, July 1 and October 1 of every simulated year.
fn steps_rotations() -> impl Iterator<Item = Date> {
    (HISTORY_START.year()..=TODAY.year()).flat_map(|y| [4, 7, 10].map(|m| date(y, m, 1)))
}

fn bit(f: Field) -> u8 {
    1 << Field::ALL.iter().position(|x| *x == f).unwrap_or(0)
}

fn grade_index(g: Grade) -> usize {
    Grade::ALL.iter().position(|x| *x == g).unwrap_or(0)
}

impl Sim<'_> {
    fn away_at(&self, who: usize, d: Date) -> bool {
        self.brief[who].ever_away && self.people[who].away_at(d)
    }

    fn close(&mut self, seat: usize, d: Date) {
        if let Some(s) = self.occupant[seat].take() {
            self.out[s.held].end = Some(add_days(d, -1));
            if s.concurrent {
                self.concurrent[s.person] = None;
            } else {
                self.primary[s.person] = None;
                self.last_post[s.person] = Some(self.seats[seat]);
            }
        }
    }

    /// People leave: tenure over, promoted (usually), or going away.
    fn depart(&mut self, d: Date, rng: &mut Rng) {
        for seat in 0..self.seats.len() {
            let Some(s) = self.occupant[seat] else {
                continue;
            };
            if s.concurrent {
                continue;
            }
            let away = s.brief.ever_away && self.people[s.person].away_at(d);
            if away || d >= s.move_on || (s.brief.promoted_on(d) && chance(rng, 0.8)) {
                self.close(seat, d);
            }
        }
        for seat in 0..self.seats.len() {
            let Some(s) = self.occupant[seat] else {
                continue;
            };
            if s.concurrent
                && (d >= s.move_on || self.primary[s.person].is_none() || self.away_at(s.person, d))
            {
                self.close(seat, d);
            }
        }
    }

    /// Vacant seats are filled from the people free on `d`. On the first day of this
    /// fiscal year a few seats are always covered by a 併任 holder or by someone one
    /// grade below the post, so the demo shows both today.
    fn fill(&mut self, d: Date, rng: &mut Rng) {
        let first = d == HISTORY_START;
        let p_fill = match (first, d.month()) {
            (true, _) => 0.88,
            (false, 4) => 0.92,
            _ => 0.35,
        };
        let (mut force_concurrent, mut force_stretch) = if d == FY_START { (2, 3) } else { (0, 0) };
        let mut pools: [Vec<usize>; 4] = Default::default();
        let mut seniors = Vec::new();
        for (i, b) in self.brief.iter().enumerate() {
            let Some(g) = b.grade_at(d) else { continue };
            if self.primary[i].is_some() {
                if g >= Grade::Deputy && self.concurrent[i].is_none() {
                    seniors.push(i);
                }
            } else if !self.away_at(i, d) {
                pools[grade_index(g)].push(i);
            }
        }
        let mut vacant: Vec<usize> = (0..self.seats.len())
            .filter(|&s| self.occupant[s].is_none())
            .collect();
        vacant.shuffle(rng);
        for seat in vacant {
            let forced = force_concurrent > 0 || force_stretch > 0;
            if !forced && !chance(rng, p_fill) {
                continue;
            }
            let post = self.seats[seat];
            let grade = self.posts[post].grade;
            // A senior vacancy is now and then covered by someone holding another
            // post as well (併任), mostly mid-year until the next April.
            let p_concurrent = if d.month() == 4 { 0.06 } else { 0.3 };
            if !first
                && grade >= Grade::Chief
                && (force_concurrent > 0 || chance(rng, p_concurrent))
                && self.cover(seat, &mut seniors, d, rng)
            {
                force_concurrent = (force_concurrent - 1).max(0);
                continue;
            }
            let below = Grade::ALL.iter().rev().find(|x| **x < grade).copied();
            let g = if force_stretch > 0 && matches!(grade, Grade::Chief | Grade::Deputy) {
                below.unwrap_or(grade)
            } else if chance(rng, 0.04) {
                let off = if chance(rng, 0.5) {
                    grade.next()
                } else {
                    below
                };
                off.unwrap_or(grade)
            } else {
                grade
            };
            let pool = &mut pools[grade_index(g)];
            let Some(k) = self.choose(pool, post, rng) else {
                continue;
            };
            let who = pool.swap_remove(k);
            if g != grade {
                force_stretch = (force_stretch - 1).max(0);
            }
            let start = if first { self.backdate(who, d, rng) } else { d };
            let years = [1, 2, 3, 4][weighted(rng, &[4, 50, 40, 6])];
            let fy = fiscal_year(start) + years;
            let mut move_on = if chance(rng, 0.08) {
                date(fy, [7, 10][rng.gen_range(0..2)], 1)
            } else {
                april(fy)
            };
            move_on = move_on.max(april(fiscal_year(d) + 1));
            self.seat(seat, who, start, move_on, false);
        }
    }

    /// Covers a seat with a senior who keeps their own post (併任); false when the
    /// senior drawn does not fit.
    fn cover(&mut self, seat: usize, seniors: &mut Vec<usize>, d: Date, rng: &mut Rng) -> bool {
        if seniors.is_empty() {
            return false;
        }
        let post = self.seats[seat];
        let k = rng.gen_range(0..seniors.len());
        let who = seniors[k];
        let fits = self.brief[who]
            .grade_at(d)
            .is_some_and(|g| g >= self.posts[post].grade);
        if !fits || self.primary[who].map(|s| self.seats[s]) == Some(post) {
            return false;
        }
        seniors.swap_remove(k);
        let years = if d.month() == 4 {
            1 + rng.gen_range(0..=1)
        } else {
            1
        };
        self.seat(seat, who, d, april(fiscal_year(d) + years), true);
        true
    }

    /// Leaves at least `n` posts that were held before vacant today: if too few are,
    /// holders who have served a while leave on the last rotation day (to a post
    /// outside the digital posts) and nobody replaces them.
    fn keep_vacant(&mut self, n: usize, rng: &mut Rng) {
        let Some(last) = steps_rotations().filter(|d| *d <= TODAY).last() else {
            return;
        };
        let mut held_ever = vec![false; self.posts.len()];
        let mut held_now = vec![false; self.posts.len()];
        for h in &self.out {
            held_ever[h.post] = true;
        }
        for s in self.occupant.iter().flatten() {
            held_now[self.out[s.held].post] = true;
        }
        let mut vacant = (0..self.posts.len())
            .filter(|&p| held_ever[p] && !held_now[p])
            .count();
        let mut seats: Vec<usize> = (0..self.seats.len()).collect();
        seats.shuffle(rng);
        for seat in seats {
            if vacant >= n {
                break;
            }
            let Some(s) = self.occupant[seat] else {
                continue;
            };
            if s.concurrent
                || self.concurrent[s.person].is_some()
                || self.posts[self.seats[seat]].capacity != 1
                || self.out[s.held].start >= last
            {
                continue;
            }
            self.close(seat, last);
            if let Some(c) = self.concurrent[s.person] {
                self.close(c, last);
            }
            vacant += 1;
        }
    }

    /// Picks someone from the pool: juniors preferably new to the post's field (breadth),
    /// seniors preferably experienced in it; never straight back into the post just left.
    fn choose(&self, pool: &[usize], post: usize, rng: &mut Rng) -> Option<usize> {
        if pool.is_empty() {
            return None;
        }
        let p = &self.posts[post];
        let b = bit(p.field);
        for attempt in 0..6 {
            let k = rng.gen_range(0..pool.len());
            let who = pool[k];
            if self.last_post[who] == Some(post) {
                continue;
            }
            let seen = self.fields[who] & b != 0;
            let fits = if p.grade.is_junior() { !seen } else { seen };
            if fits || attempt >= 2 {
                return Some(k);
            }
        }
        None
    }

    /// At the start of the history, a tenure may already be a year or two old.
    fn backdate(&self, who: usize, d: Date, rng: &mut Rng) -> Date {
        let b = &self.brief[who];
        let back = april(d.year() - [0, 1, 2][weighted(rng, &[4, 3, 3])]);
        if b.career[0].0 <= back && b.grade_at(back) == b.grade_at(d) {
            back
        } else {
            d
        }
    }

    fn seat(&mut self, seat: usize, who: usize, start: Date, move_on: Date, concurrent: bool) {
        let post = self.seats[seat];
        self.out.push(Held {
            person: who,
            post,
            start,
            end: None,
            concurrent,
        });
        self.occupant[seat] = Some(Seat {
            held: self.out.len() - 1,
            person: who,
            move_on,
            concurrent,
            brief: self.brief[who],
        });
        if concurrent {
            self.concurrent[who] = Some(seat);
        } else {
            self.primary[who] = Some(seat);
            self.fields[who] |= bit(self.posts[post].field);
        }
    }
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
