//! Demo data: a realistic fictional ministry, and synthetic organisations of any size.
//!
//! Pure: no IO, no clock, no store. Everything is anchored to a fixed calendar (the
//! current fiscal year starts 2026-04-01; "today" is [`TODAY`]) and drawn from a
//! `ChaCha8Rng` seeded by the caller, so a seed (and a [`Spec`]) always gives the same
//! [`Dataset`]. Every generated dataset passes `domain::validate` with no violations.
//!
//! This file owns the public entry points, the fixed calendar and small random helpers;
//! the work is split by topic: `names` (name pools), `org` (the ministry's units and
//! posts), `synthetic` (generated units and posts), `training` (courses, sessions),
//! `people` (staff and careers), `history` (assignments), `finish` (skills, wishes,
//! notes), `enroll` (enrollments) and `assemble` (putting it together).

mod assemble;
mod enroll;
mod finish;
mod history;
mod names;
mod org;
mod people;
mod synthetic;
mod training;

use crate::domain::{Dataset, Date};
use jiff::civil::date;
use rand::Rng as _;
use rand::SeedableRng;

pub use synthetic::Spec;

/// "Today" in the demo world: late in fiscal 2026.
pub const TODAY: Date = date(2026, 11, 20);
/// The first day of the current fiscal year.
pub const FY_START: Date = date(2026, 4, 1);
/// The next big rotation day.
pub const NEXT_ROTATION: Date = date(2027, 4, 1);
/// The first rotation day the history simulation runs; some assignments start earlier.
pub(crate) const HISTORY_START: Date = date(2016, 4, 1);

/// The generator every part of the demo draws from.
pub(crate) type Rng = rand_chacha::ChaCha8Rng;

/// A fictional ministry modelled on METI's digital-talent plan: about 300 staff over
/// 84 digital-talent posts in 26 units, 17 courses, about ten years of history.
pub fn ministry(seed: u64) -> Dataset {
    let mut rng = Rng::seed_from_u64(seed);
    assemble::populate(org::ministry(), org::MINISTRY_STAFF, 1, &mut rng)
}

/// A synthetic organisation of exactly `spec.staff` people and `spec.posts` posts,
/// with the same distributions as [`ministry`], for scale work.
pub fn synthetic(spec: &Spec) -> Dataset {
    let mut rng = Rng::seed_from_u64(spec.seed ^ 0x5EED_0FD1_6174);
    let org = synthetic::org(spec.posts, &mut rng);
    let scale = spec.staff.div_ceil(org::MINISTRY_STAFF).max(1) as u32;
    assemble::populate(org, spec.staff, scale, &mut rng)
}

/// True with probability `p`.
pub(crate) fn chance(rng: &mut Rng, p: f64) -> bool {
    rng.gen_bool(p.clamp(0.0, 1.0))
}

/// An index drawn with the given weights (all zero: the first).
pub(crate) fn weighted(rng: &mut Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    if total == 0 {
        return 0;
    }
    let mut x = rng.gen_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// The date `n` days after `d` (before, when negative); clamped to the calendar.
pub(crate) fn add_days(d: Date, n: i64) -> Date {
    d.saturating_add(jiff::Span::new().days(n))
}

/// April 1st of a year: the main rotation day and the start of a fiscal year.
pub(crate) fn april(year: i16) -> Date {
    date(year, 4, 1)
}

/// The fiscal year a date falls in (April to March).
pub(crate) fn fiscal_year(d: Date) -> i16 {
    if d.month() >= 4 {
        d.year()
    } else {
        d.year() - 1
    }
}

/// `2025年4月`, as notes write a month.
pub(crate) fn ja_month(d: Date) -> String {
    format!("{}年{}月", d.year(), d.month())
}

/// Zero-padded id: `prefix` then `n` in at least `width` digits.
pub(crate) fn id(prefix: &str, n: usize, width: usize) -> String {
    format!("{prefix}{n:0width$}")
}

/// Digits needed to write `n`.
pub(crate) fn digits(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}

#[cfg(test)]
mod tests;
