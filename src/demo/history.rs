//! Assignment history: a rotation simulation from April 2016 (some tenures began
//! earlier) to today. Each post has `capacity` seats; on each step people whose tenure
//! is over, who were promoted or who go away leave their seat, then on rotation days
//! (April 1, and July 1 / October 1 for the odd move) vacant seats are filled from the
//! people free that day. Seats make capacity hold; one seat per person makes primary
//! posts never overlap.

use super::people::Person;
use super::{add_days, april, chance, fiscal_year, weighted, Rng, HISTORY_START, TODAY};
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
}

struct Sim<'a> {
    people: &'a [Person],
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
pub(crate) fn simulate(posts: &[Post], unfilled: &[bool], people: &[Person], rng: &mut Rng) -> Vec<Held> {
    let seats: Vec<usize> = (0..posts.len())
        .filter(|&i| !unfilled.get(i).copied().unwrap_or(false))
        .flat_map(|i| std::iter::repeat(i).take(posts[i].capacity as usize))
        .collect();
    let n = people.len();
    let mut sim = Sim {
        people,
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
    sim.out
}

/// Rotation days plus every day someone goes away, from HISTORY_START to today.
fn steps(people: &[Person]) -> BTreeSet<Date> {
    let mut out = BTreeSet::new();
    for y in HISTORY_START.year()..=TODAY.year() {
        for m in [4, 7, 10] {
            out.insert(date(y, m, 1));
        }
    }
    for p in people {
        out.extend(p.away.iter().map(|a| a.from));
    }
    out.retain(|d| (HISTORY_START..=TODAY).contains(d));
    out
}

fn bit(f: Field) -> u8 {
    1 << Field::ALL.iter().position(|x| *x == f).unwrap_or(0)
}

fn grade_index(g: Grade) -> usize {
    Grade::ALL.iter().position(|x| *x == g).unwrap_or(0)
}

impl Sim<'_> {
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
            let Some(s) = self.occupant[seat] else { continue };
            if s.concurrent {
                continue;
            }
            let p = &self.people[s.person];
            let promoted = p.career.iter().skip(1).any(|(on, _)| *on == d);
            if p.away_at(d) || d >= s.move_on || (promoted && chance(rng, 0.8)) {
                self.close(seat, d);
            }
        }
        for seat in 0..self.seats.len() {
            let Some(s) = self.occupant[seat] else { continue };
            if s.concurrent
                && (d >= s.move_on || self.primary[s.person].is_none() || self.people[s.person].away_at(d))
            {
                self.close(seat, d);
            }
        }
    }

    /// Vacant seats are filled from the people free on `d`.
    fn fill(&mut self, d: Date, rng: &mut Rng) {
        let first = d == HISTORY_START;
        let p_fill = if first {
            0.88
        } else if d.month() == 4 {
            0.92
        } else {
            0.35
        };
        let mut pools: [Vec<usize>; 4] = Default::default();
        let mut seniors = Vec::new();
        for (i, p) in self.people.iter().enumerate() {
            let Some(g) = p.grade_at(d) else { continue };
            if self.primary[i].is_some() {
                if g >= Grade::Deputy && self.concurrent[i].is_none() {
                    seniors.push(i);
                }
            } else if !p.away_at(d) {
                pools[grade_index(g)].push(i);
            }
        }
        let mut vacant: Vec<usize> = (0..self.seats.len()).filter(|&s| self.occupant[s].is_none()).collect();
        vacant.shuffle(rng);
        for seat in vacant {
            if !chance(rng, p_fill) {
                continue;
            }
            let post = self.seats[seat];
            // A senior vacancy is now and then covered by someone holding another
            // post as well (併任), mostly mid-year until the next April.
            let grade = self.posts[post].grade;
            let p_concurrent = if d.month() == 4 { 0.05 } else { 0.25 };
            if !first && grade >= Grade::Deputy && !seniors.is_empty() && chance(rng, p_concurrent) {
                let k = rng.gen_range(0..seniors.len());
                let who = seniors[k];
                let fits = self.people[who].grade_at(d).is_some_and(|g| g >= grade);
                if fits && self.primary[who].map(|s| self.seats[s]) != Some(post) {
                    seniors.swap_remove(k);
                    let years = if d.month() == 4 { 1 + rng.gen_range(0..=1) } else { 1 };
                    self.seat(seat, who, d, april(fiscal_year(d) + years), true);
                    continue;
                }
            }
            let mut g = self.posts[post].grade;
            if chance(rng, 0.04) {
                let off = if chance(rng, 0.5) { g.next() } else { Grade::ALL.iter().rev().find(|x| **x < g).copied() };
                g = off.unwrap_or(g);
            }
            let pool = &mut pools[grade_index(g)];
            let Some(k) = self.choose(pool, post, rng) else { continue };
            let who = pool.swap_remove(k);
            let start = if first { self.backdate(who, d, rng) } else { d };
            let years = [1, 2, 3, 4][weighted(rng, &[4, 50, 40, 6])];
            let fy = fiscal_year(start) + years;
            let mut move_on = if chance(rng, 0.08) { date(fy, [7, 10][rng.gen_range(0..2)], 1) } else { april(fy) };
            move_on = move_on.max(april(fiscal_year(d) + 1));
            self.seat(seat, who, start, move_on, false);
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
        let p = &self.people[who];
        let back = april(d.year() - [0, 1, 2][weighted(rng, &[4, 3, 3])]);
        if p.hired_on() <= back && p.grade_at(back) == p.grade_at(d) {
            back
        } else {
            d
        }
    }

    fn seat(&mut self, seat: usize, who: usize, start: Date, move_on: Date, concurrent: bool) {
        let post = self.seats[seat];
        self.out.push(Held { person: who, post, start, end: None, concurrent });
        self.occupant[seat] = Some(Seat { held: self.out.len() - 1, person: who, move_on, concurrent });
        if concurrent {
            self.concurrent[who] = Some(seat);
        } else {
            self.primary[who] = Some(seat);
            self.fields[who] |= bit(self.posts[post].field);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{org, people};
    use rand::SeedableRng;

    fn run(seed: u64) -> (Vec<Person>, Vec<Post>, Vec<Held>) {
        let mut rng = Rng::seed_from_u64(seed);
        let org = org::ministry();
        let ps = people::generate(300, &mut rng);
        let held = simulate(&org.posts, &org.unfilled, &ps, &mut rng);
        (ps, org.posts, held)
    }

    #[test]
    fn nobody_holds_two_primary_posts_at_once() {
        let (ps, _, held) = run(1);
        for i in 0..ps.len() {
            let mut mine: Vec<&Held> = held.iter().filter(|h| h.person == i && !h.concurrent).collect();
            mine.sort_by_key(|h| h.start);
            for w in mine.windows(2) {
                assert!(w[0].end.is_some_and(|e| e < w[1].start), "{i}: {:?}", w);
            }
        }
    }

    #[test]
    fn people_away_today_hold_nothing_today() {
        let (ps, _, held) = run(2);
        for h in held.iter().filter(|h| h.end.is_none()) {
            assert!(!ps[h.person].away_at(TODAY), "{}", ps[h.person].staff.id);
        }
    }

    #[test]
    fn most_moves_happen_on_april_first_and_history_reaches_back() {
        let (_, _, held) = run(3);
        let april = held.iter().filter(|h| h.start.month() == 4 && h.start.day() == 1).count();
        assert!(april * 10 > held.len() * 8, "{april} of {}", held.len());
        assert!(held.iter().any(|h| h.start < date(2016, 4, 1)));
        assert!(held.iter().any(|h| h.concurrent));
    }

    #[test]
    fn new_posts_are_never_filled() {
        let (_, posts, held) = run(4);
        let new: Vec<usize> = (0..posts.len()).filter(|&i| posts[i].title == "AI政策係長").collect();
        assert_eq!(new.len(), 1);
        assert!(held.iter().all(|h| h.post != new[0]));
    }
}
