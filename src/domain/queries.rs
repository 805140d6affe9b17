//! Read-only questions about a dataset that several panes and commands ask: a
//! person's post on a date, tenure, a unit's path in the tree.

use super::dataset::Dataset;
use super::date::{months_between, Date};
use super::ids::{StaffId, UnitId};
use super::records::{Assignment, Post, Unit};

/// The person's primary assignment in force on `date` (a concurrent one if no primary).
pub fn current_assignment<'a>(
    ds: &'a Dataset,
    staff: &StaffId,
    date: Date,
) -> Option<&'a Assignment> {
    let mut concurrent = None;
    for a in ds.assignments_of(staff) {
        if a.covers(date) {
            if !a.concurrent {
                return Some(a);
            }
            concurrent.get_or_insert(a);
        }
    }
    concurrent
}

/// Months in the assignment up to `date`.
pub fn tenure_months(a: &Assignment, date: Date) -> i32 {
    months_between(a.start, a.end.map_or(date, |e| e.min(date)))
}

/// The post and unit of an assignment, when they exist.
pub fn post_and_unit<'a>(ds: &'a Dataset, a: &Assignment) -> (Option<&'a Post>, Option<&'a Unit>) {
    let post = ds.posts.get(&a.post);
    let unit = post.and_then(|p| ds.units.get(&p.unit));
    (post, unit)
}

/// The unit and its ancestors, nearest first. Stops on a cycle.
pub fn unit_path<'a>(ds: &'a Dataset, unit: &UnitId) -> Vec<&'a Unit> {
    let mut out: Vec<&Unit> = Vec::new();
    let mut cur = ds.units.get(unit);
    while let Some(u) = cur {
        if out.iter().any(|x| x.id == u.id) {
            break;
        }
        out.push(u);
        cur = u.parent.as_ref().and_then(|p| ds.units.get(p));
    }
    out
}

/// The next April 1st strictly after `date`: the usual rotation day.
pub fn next_april_first(date: Date) -> Date {
    let year = if (date.month(), date.day()) < (4, 1) {
        date.year()
    } else {
        date.year() + 1
    };
    Date::new(year, 4, 1).unwrap_or(date)
}
