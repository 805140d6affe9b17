//! Who and which posts are in a rotation plan, and who stays outside it.
//!
//! On the plan's date (as of):
//! - **People in the plan**: holders of a primary post who are *due* (tenure in the
//!   post ≥ the standard term), holders of a post that is closing, people with no
//!   primary post (back from secondment, newly hired), and anyone pinned. People away
//!   (seconded or on leave) with no post are in the plan but can take nothing.
//! - **Staying outside the plan**: holders who are not due, holders who are away,
//!   concurrent holders (併任), people excluded and the holders of an excluded post.
//!   They keep their seats.
//! - **Posts in the plan**: every post that is not closed (nor closing) nor excluded
//!   and has a seat not kept by someone outside the plan: vacant seats and the seats
//!   of holders in the plan. A due holder's own post is one of their candidates (to
//!   stay).
//! - **Pins** (`STAFF=POST`) bring the person and the post into the plan and force
//!   the pair; **excludes** take a person, or a post with its holders, out of it.

use super::score::hard_rule;
use crate::domain::date::iso;
use crate::domain::fit::{holders_on, holdings_by_post};
use crate::domain::queries::tenure_months;
use crate::domain::{Assignment, Dataset, Date, Post, PostId, Staff, StaffId, UnitId};
use std::collections::{BTreeMap, BTreeSet};

/// Why a person is in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Held their post for the standard term or longer.
    Due { months: i32 },
    /// Holds a post that closes (on `on`) after the date.
    PostCloses { on: Date, months: i32 },
    /// No primary post on the date.
    NoPost,
    /// Brought in by a pin although not due.
    Pinned { months: i32 },
}

/// A person in the plan.
#[derive(Debug, Clone)]
pub struct Person<'a> {
    pub staff: &'a Staff,
    /// The primary holding on the date, if any.
    pub current: Option<&'a Assignment>,
    pub why: Why,
    /// Seconded or on leave on the date: every pair is impossible.
    pub away: bool,
    /// The post the person is pinned to.
    pub pin: Option<&'a PostId>,
}

impl Person<'_> {
    /// Months in the current post on the date.
    pub fn months(&self) -> Option<i32> {
        match self.why {
            Why::Due { months } | Why::PostCloses { months, .. } | Why::Pinned { months } => {
                Some(months)
            }
            Why::NoPost => None,
        }
    }

    pub fn is_due(&self) -> bool {
        matches!(self.why, Why::Due { .. })
    }

    pub fn current_post(&self) -> Option<&PostId> {
        self.current.map(|a| &a.post)
    }
}

/// A post in the plan.
#[derive(Debug, Clone)]
pub struct Open<'a> {
    pub post: &'a Post,
    /// Seats in the plan: capacity less the seats kept by holders outside it.
    pub seats: u16,
    /// Its holders on the date who are in the plan (they may stay or go).
    pub holders: Vec<&'a StaffId>,
    /// People pinned to it, by id.
    pub pinned: Vec<&'a StaffId>,
}

/// Why someone is outside the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeptWhy {
    /// Holds a post and is not due.
    NotDue { months: i32 },
    /// Holds a post and is seconded or on leave on the date.
    Away,
    /// Excluded by the user.
    Excluded,
    /// Holds a post the user excluded.
    PostExcluded,
    /// Hired after the date.
    NotYetHired,
}

/// Someone outside the plan, with their post when they hold one.
#[derive(Debug, Clone)]
pub struct Kept<'a> {
    pub staff: &'a Staff,
    pub current: Option<&'a Assignment>,
    pub why: KeptWhy,
}

/// The plan's scope.
#[derive(Debug, Clone)]
pub struct Scope<'a> {
    pub as_of: Date,
    pub term_months: u32,
    /// In staff-id order.
    pub people: Vec<Person<'a>>,
    /// In post-id order.
    pub posts: Vec<Open<'a>>,
    /// In staff-id order.
    pub kept: Vec<Kept<'a>>,
    /// Primary holders who stay outside the plan, by the unit of their post.
    pub staying_by_unit: BTreeMap<&'a UnitId, Vec<&'a Staff>>,
    /// Pins and excludes that cannot be honoured, with why.
    pub errors: Vec<String>,
}

/// The primary holding of each person on `date`.
pub fn primary_on(ds: &Dataset, date: Date) -> BTreeMap<&StaffId, &Assignment> {
    let mut m: BTreeMap<&StaffId, &Assignment> = BTreeMap::new();
    for a in ds.assignments.values() {
        if !a.concurrent && a.covers(date) {
            m.entry(&a.staff).or_insert(a);
        }
    }
    m
}

/// Works out the scope. `pins` are (staff, post) pairs; `excludes` are staff or post
/// ids. Unknown ids and impossible pins are reported in `errors` and left out.
pub fn scope<'a>(
    ds: &'a Dataset,
    as_of: Date,
    term_months: u32,
    pins: &[(StaffId, PostId)],
    excludes: &[String],
) -> Scope<'a> {
    let mut errors = Vec::new();
    let mut ex_staff: BTreeSet<&StaffId> = BTreeSet::new();
    let mut ex_post: BTreeSet<&PostId> = BTreeSet::new();
    for id in excludes {
        let s = ds.staff.get_key_value(&StaffId::new_unchecked(id.as_str()));
        let p = ds.posts.get_key_value(&PostId::new_unchecked(id.as_str()));
        if let Some((k, _)) = s {
            ex_staff.insert(k);
        }
        if let Some((k, _)) = p {
            ex_post.insert(k);
        }
        if s.is_none() && p.is_none() {
            errors.push(format!("--exclude {id}: no person or post with that id"));
        }
    }
    let mut pinned: BTreeMap<&StaffId, &PostId> = BTreeMap::new();
    for (s, p) in pins {
        let label = format!("--pin {s}={p}");
        let (Some((sk, staff)), Some((pk, post))) =
            (ds.staff.get_key_value(s), ds.posts.get_key_value(p))
        else {
            if !ds.staff.contains_key(s) {
                errors.push(format!("{label}: no person with id {s}"));
            }
            if !ds.posts.contains_key(p) {
                errors.push(format!("{label}: no post with id {p}"));
            }
            continue;
        };
        if let Some(other) = pinned.get(sk) {
            errors.push(format!("{label}: {s} is already pinned to {other}"));
            continue;
        }
        if ex_staff.contains(sk) || ex_post.contains(pk) {
            errors.push(format!("{label}: conflicts with --exclude"));
            continue;
        }
        if let Err(why) = hard_rule(staff, post, as_of) {
            errors.push(format!("{label}: impossible: {}", why.text()));
            continue;
        }
        if staff.hired_on.is_some_and(|h| h > as_of) {
            errors.push(format!(
                "{label}: {s} is hired on {}, after the plan's date",
                iso(staff.hired_on.unwrap_or(as_of))
            ));
            continue;
        }
        pinned.insert(sk, pk);
    }

    let (mut sc, pin_errors) = build(ds, as_of, term_months, &pinned, &ex_staff, &ex_post);
    if !pin_errors.is_empty() {
        // Drop the pins that cannot be honoured and work the scope out again.
        for (s, _) in &pin_errors {
            pinned.remove(s);
        }
        sc = build(ds, as_of, term_months, &pinned, &ex_staff, &ex_post).0;
        errors.extend(pin_errors.into_iter().map(|(_, e)| e));
    }
    errors.extend(std::mem::take(&mut sc.errors));
    sc.errors = errors;
    sc
}

/// The scope for pins already checked one by one; also returns the pins a post has
/// no room for, with the message.
fn build<'a>(
    ds: &'a Dataset,
    as_of: Date,
    term_months: u32,
    pinned: &BTreeMap<&'a StaffId, &'a PostId>,
    ex_staff: &BTreeSet<&'a StaffId>,
    ex_post: &BTreeSet<&'a PostId>,
) -> (Scope<'a>, Vec<(&'a StaffId, String)>) {
    let errors = Vec::new();
    let mut pin_errors = Vec::new();
    let primary = primary_on(ds, as_of);
    let mut people = Vec::new();
    let mut kept = Vec::new();
    // Holders in the plan, by post.
    let mut moving: BTreeMap<&PostId, Vec<&StaffId>> = BTreeMap::new();
    for s in ds.staff.values() {
        let current = primary.get(&s.id).copied();
        let pin = pinned.get(&s.id).copied();
        let keep = |why| Kept {
            staff: s,
            current,
            why,
        };
        if ex_staff.contains(&s.id) {
            kept.push(keep(KeptWhy::Excluded));
            continue;
        }
        let Some(a) = current else {
            if s.hired_on.is_some_and(|h| h > as_of) {
                kept.push(keep(KeptWhy::NotYetHired));
                continue;
            }
            people.push(Person {
                staff: s,
                current: None,
                why: Why::NoPost,
                away: s.is_away_on(as_of),
                pin,
            });
            continue;
        };
        if ex_post.contains(&a.post) {
            if let Some(p) = pin {
                pin_errors.push((
                    &s.id,
                    format!(
                        "--pin {}={p}: {} holds {}, which is excluded",
                        s.id, s.id, a.post
                    ),
                ));
            }
            kept.push(keep(KeptWhy::PostExcluded));
            continue;
        }
        if s.is_away_on(as_of) {
            kept.push(keep(KeptWhy::Away));
            continue;
        }
        let months = tenure_months(a, as_of);
        let closing = ds.posts.get(&a.post).and_then(|p| p.closed);
        let why = if let Some(on) = closing {
            Why::PostCloses { on, months }
        } else if months >= 0 && months as u32 >= term_months {
            Why::Due { months }
        } else if pin.is_some() {
            Why::Pinned { months }
        } else {
            kept.push(keep(KeptWhy::NotDue { months }));
            continue;
        };
        moving.entry(&a.post).or_default().push(&s.id);
        people.push(Person {
            staff: s,
            current: Some(a),
            why,
            away: false,
            pin,
        });
    }

    let by_post = holdings_by_post(ds);
    let mut posts = Vec::new();
    let mut staying_by_unit: BTreeMap<&UnitId, Vec<&Staff>> = BTreeMap::new();
    for p in ds.posts.values() {
        let history = by_post.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
        let holders = holders_on(history, as_of);
        let leaving: Vec<&StaffId> = moving.get(&p.id).cloned().unwrap_or_default();
        let kept_seats = holders
            .iter()
            .filter(|a| a.concurrent || !leaving.contains(&&a.staff))
            .count();
        for a in holders.iter().filter(|a| !a.concurrent) {
            if !leaving.contains(&&a.staff) {
                if let Some(s) = ds.staff.get(&a.staff) {
                    staying_by_unit.entry(&p.unit).or_default().push(s);
                }
            }
        }
        let seats = (p.capacity as usize).saturating_sub(kept_seats) as u16;
        let pins_here: Vec<&StaffId> = pinned
            .iter()
            .filter(|(_, post)| **post == &p.id)
            .map(|(s, _)| *s)
            .collect();
        let open = p.closed.is_none() && !ex_post.contains(&p.id) && seats > 0;
        if !pins_here.is_empty() {
            let why = if p.closed.is_some() {
                Some(format!("{} is closed or closing", p.id))
            } else if ex_post.contains(&p.id) {
                None
            } else if pins_here.len() > seats as usize {
                let keepers: Vec<String> = holders
                    .iter()
                    .filter(|a| a.concurrent || !leaving.contains(&&a.staff))
                    .map(|a| a.staff.to_string())
                    .collect();
                Some(format!(
                    "{} has {seats} seat{} open in the plan for {} pin{}; the other seats are kept by {} (not due); pin them elsewhere first",
                    p.id,
                    if seats == 1 { "" } else { "s" },
                    pins_here.len(),
                    if pins_here.len() == 1 { "" } else { "s" },
                    keepers.join(", ")
                ))
            } else {
                None
            };
            if let Some(why) = why {
                for s in &pins_here {
                    pin_errors.push((*s, format!("--pin {s}={}: {why}", p.id)));
                }
            }
        }
        if open {
            posts.push(Open {
                post: p,
                seats,
                holders: leaving,
                pinned: pins_here,
            });
        }
    }
    let sc = Scope {
        as_of,
        term_months,
        people,
        posts,
        kept,
        staying_by_unit,
        errors,
    };
    (sc, pin_errors)
}
