//! Puts the parts together: from an organisation (units, posts) and a head count to a
//! whole Dataset — courses and sessions, people, their history, the finishing touches
//! and enrollments — in a fixed order of random draws.

use super::org::Org;
use super::{enroll, finish, history, people, training, Rng};
use crate::domain::{Assignment, Dataset};

/// A dataset of `staff` people over the organisation; course seats times `scale`.
pub(crate) fn populate(org: Org, staff: usize, scale: u32, rng: &mut Rng) -> Dataset {
    let courses = training::courses();
    let sessions = training::sessions(&courses, scale, rng);
    let mut people = people::generate(staff, rng);
    let held = history::simulate(&org.posts, &org.unfilled, &people, rng);
    finish::finish(&mut people, &held, &org.posts, rng);
    let enrollments = enroll::enrollments(&people, &held, &org.posts, &courses, &sessions, rng);

    let mut ds = Dataset::default();
    // People and posts are numbered in id order, so this is key order: the map is
    // built without shuffling.
    let mut order: Vec<&history::Held> = held.iter().collect();
    order.sort_by_key(|h| (h.person, h.start, h.post));
    ds.assignments = order
        .into_iter()
        .map(|h| {
            let a = Assignment {
                staff: people[h.person].staff.id.clone(),
                post: org.posts[h.post].id.clone(),
                start: h.start,
                end: h.end,
                concurrent: h.concurrent,
            };
            (a.key(), a)
        })
        .collect();
    ds.units = org.units.into_iter().map(|u| (u.id.clone(), u)).collect();
    ds.posts = org.posts.into_iter().map(|p| (p.id.clone(), p)).collect();
    ds.staff = people
        .into_iter()
        .map(|p| (p.staff.id.clone(), p.staff))
        .collect();
    ds.courses = courses.into_iter().map(|c| (c.id.clone(), c)).collect();
    ds.sessions = sessions.into_iter().map(|s| (s.id.clone(), s)).collect();
    ds.enrollments = enrollments.into_iter().map(|e| (e.key(), e)).collect();
    ds
}
