//! The on-disk layout: tree names and order-preserving key encodings.
//!
//! Ids are stored as their UTF-8 bytes; composite keys join their parts with a
//! 0x00 byte, which no valid id contains, so a prefix `id 0x00` selects exactly
//! one id's entries and `E1` sorts before `E10`. Dates are four bytes: the year as
//! a big-endian u16 with its sign bit flipped, then month and day, so byte order is
//! date order for every date jiff can hold.
//!
//! | tree                      | key                              | value               |
//! |---------------------------|----------------------------------|---------------------|
//! | units, posts, staff, courses, sessions | id                  | record (`codec`)    |
//! | assignments               | staff 0 start 0 post             | end, concurrent     |
//! | enrollments               | staff 0 course 0 session-or-empty| status, date        |
//! | idx.post-holders          | post 0 start 0 staff             | assignment key      |
//! | idx.course-enrollments    | course 0 staff 0 session-or-empty| enrollment key      |
//! | meta                      | `version`                        | u32 big-endian      |
//! | meta                      | `audit.floor`                    | u64 big-endian      |
//! | meta                      | `audit.head`                     | u64 BE + SHA-256    |
//! | meta                      | `audit.chain`                    | u64 big-endian      |
//! | meta                      | `stamp`                          | u64 BE, random, new with every transaction (see `image`) |
//! | audit                     | sequence number, u64 big-endian  | audit record JSON   |
//!
//! Index keys are a reordering of the primary key, so a put of an existing record
//! always maps to the same index entry and only deletes change an index.

use crate::domain::{
    AssignmentKey, CourseId, Date, EnrollmentKey, PostId, RecordRef, SessionId, StaffId,
};

/// The separator between the parts of a composite key.
pub(crate) const SEP: u8 = 0;

/// Every tree the store keeps, in the order the transaction view lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum T {
    Units,
    Posts,
    Staff,
    Courses,
    Sessions,
    Assignments,
    Enrollments,
    Holders,
    CourseEnrollments,
    Meta,
    /// The audit outbox: one entry per logged change (see `log`).
    Audit,
}

impl T {
    pub(crate) const ALL: [T; 11] = [
        T::Units,
        T::Posts,
        T::Staff,
        T::Courses,
        T::Sessions,
        T::Assignments,
        T::Enrollments,
        T::Holders,
        T::CourseEnrollments,
        T::Meta,
        T::Audit,
    ];
    /// The trees holding records (not indexes or meta).
    pub(crate) const RECORDS: [T; 7] = [
        T::Units,
        T::Posts,
        T::Staff,
        T::Courses,
        T::Sessions,
        T::Assignments,
        T::Enrollments,
    ];

    /// The tree's name on disk (also used in error messages).
    pub(crate) const fn name(self) -> &'static str {
        match self {
            T::Units => "units",
            T::Posts => "posts",
            T::Staff => "staff",
            T::Courses => "courses",
            T::Sessions => "sessions",
            T::Assignments => "assignments",
            T::Enrollments => "enrollments",
            T::Holders => "idx.post-holders",
            T::CourseEnrollments => "idx.course-enrollments",
            T::Meta => "meta",
            T::Audit => "audit",
        }
    }

    pub(crate) fn by_name(name: &str) -> Option<T> {
        T::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The meta key holding the schema version.
pub(crate) const VERSION_KEY: &[u8] = b"version";

pub(crate) fn date(d: Date) -> [u8; 4] {
    let [y0, y1] = ((d.year() as u16) ^ 0x8000).to_be_bytes();
    [y0, y1, d.month() as u8, d.day() as u8]
}

pub(crate) fn parse_date(b: &[u8]) -> Option<Date> {
    let [y0, y1, m, d] = <[u8; 4]>::try_from(b).ok()?;
    let year = (u16::from_be_bytes([y0, y1]) ^ 0x8000) as i16;
    Date::new(year, m as i8, d as i8).ok()
}

fn join(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push(SEP);
        }
        out.extend_from_slice(p);
    }
    out
}

/// `id 0x00`: the prefix of every composite key that starts with `id`.
pub(crate) fn prefix(id: &str) -> Vec<u8> {
    join(&[id.as_bytes(), b""])
}

fn session(s: &Option<SessionId>) -> &[u8] {
    s.as_ref().map_or(&[][..], |s| s.as_str().as_bytes())
}

pub(crate) fn assignment(k: &AssignmentKey) -> Vec<u8> {
    join(&[
        k.staff.as_str().as_bytes(),
        &date(k.start),
        k.post.as_str().as_bytes(),
    ])
}

pub(crate) fn holder(k: &AssignmentKey) -> Vec<u8> {
    join(&[
        k.post.as_str().as_bytes(),
        &date(k.start),
        k.staff.as_str().as_bytes(),
    ])
}

pub(crate) fn enrollment(k: &EnrollmentKey) -> Vec<u8> {
    join(&[
        k.staff.as_str().as_bytes(),
        k.course.as_str().as_bytes(),
        session(&k.session),
    ])
}

pub(crate) fn course_enrollment(k: &EnrollmentKey) -> Vec<u8> {
    join(&[
        k.course.as_str().as_bytes(),
        k.staff.as_str().as_bytes(),
        session(&k.session),
    ])
}

/// Splits `a 0 <4-byte date> 0 b`, without copying.
pub(crate) fn split_dated_str(b: &[u8]) -> Option<(&str, Date, &str)> {
    let i = b.iter().position(|&x| x == SEP)?;
    let rest = b.get(i + 1..)?;
    let (d, rest) = (rest.get(..4)?, rest.get(4..)?);
    let (&sep, last) = rest.split_first()?;
    if sep != SEP || last.contains(&SEP) {
        return None;
    }
    let first = std::str::from_utf8(&b[..i]).ok()?;
    Some((first, parse_date(d)?, std::str::from_utf8(last).ok()?))
}

fn split_dated(b: &[u8]) -> Option<(String, Date, String)> {
    split_dated_str(b).map(|(a, d, c)| (a.to_string(), d, c.to_string()))
}

/// Splits `a 0 b 0 c`, without copying; `c` may be empty.
pub(crate) fn split3_str(b: &[u8]) -> Option<(&str, &str, &str)> {
    let mut parts = b.split(|&x| x == SEP).map(std::str::from_utf8);
    let mut s = || parts.next()?.ok();
    let (a, m, c) = (s()?, s()?, s()?);
    if parts.next().is_some() {
        return None;
    }
    Some((a, m, c))
}

fn split3(b: &[u8]) -> Option<(String, String, Option<SessionId>)> {
    let (a, m, c) = split3_str(b)?;
    Some((
        a.to_string(),
        m.to_string(),
        (!c.is_empty()).then(|| SessionId::new_unchecked(c)),
    ))
}

pub(crate) fn parse_assignment(b: &[u8]) -> Option<AssignmentKey> {
    let (staff, start, post) = split_dated(b)?;
    Some(AssignmentKey {
        staff: StaffId::new_unchecked(staff),
        start,
        post: PostId::new_unchecked(post),
    })
}

pub(crate) fn parse_holder(b: &[u8]) -> Option<AssignmentKey> {
    let (post, start, staff) = split_dated(b)?;
    Some(AssignmentKey {
        staff: StaffId::new_unchecked(staff),
        start,
        post: PostId::new_unchecked(post),
    })
}

pub(crate) fn parse_enrollment(b: &[u8]) -> Option<EnrollmentKey> {
    let (staff, course, session) = split3(b)?;
    Some(EnrollmentKey {
        staff: StaffId::new_unchecked(staff),
        course: CourseId::new_unchecked(course),
        session,
    })
}

pub(crate) fn parse_course_enrollment(b: &[u8]) -> Option<EnrollmentKey> {
    let (course, staff, session) = split3(b)?;
    Some(EnrollmentKey {
        staff: StaffId::new_unchecked(staff),
        course: CourseId::new_unchecked(course),
        session,
    })
}

/// The tree and key a record lives at.
pub(crate) fn locate(r: &RecordRef) -> (T, Vec<u8>) {
    match r {
        RecordRef::Unit(id) => (T::Units, id.as_str().as_bytes().to_vec()),
        RecordRef::Post(id) => (T::Posts, id.as_str().as_bytes().to_vec()),
        RecordRef::Staff(id) => (T::Staff, id.as_str().as_bytes().to_vec()),
        RecordRef::Course(id) => (T::Courses, id.as_str().as_bytes().to_vec()),
        RecordRef::Session(id) => (T::Sessions, id.as_str().as_bytes().to_vec()),
        RecordRef::Assignment(k) => (T::Assignments, assignment(k)),
        RecordRef::Enrollment(k) => (T::Enrollments, enrollment(k)),
    }
}

/// The index entry (tree, key, value) a record has, if its kind is indexed.
pub(crate) fn index_entry(r: &RecordRef) -> Option<(T, Vec<u8>, Vec<u8>)> {
    match r {
        RecordRef::Assignment(k) => Some((T::Holders, holder(k), assignment(k))),
        RecordRef::Enrollment(k) => {
            Some((T::CourseEnrollments, course_enrollment(k), enrollment(k)))
        }
        _ => None,
    }
}

/// Why a record's key cannot be stored unambiguously, if it cannot.
pub(crate) fn key_problem(r: &RecordRef) -> Option<String> {
    let ids: Vec<&str> = match r {
        RecordRef::Unit(id) => vec![id.as_str()],
        RecordRef::Post(id) => vec![id.as_str()],
        RecordRef::Staff(id) => vec![id.as_str()],
        RecordRef::Course(id) => vec![id.as_str()],
        RecordRef::Session(id) => vec![id.as_str()],
        RecordRef::Assignment(k) => vec![k.staff.as_str(), k.post.as_str()],
        RecordRef::Enrollment(k) => {
            if k.session.as_ref().is_some_and(|s| s.as_str().is_empty()) {
                return Some("its session id is empty".into());
            }
            let mut v = vec![k.staff.as_str(), k.course.as_str()];
            v.extend(k.session.as_ref().map(SessionId::as_str));
            v
        }
    };
    ids.iter()
        .any(|id| id.as_bytes().contains(&SEP))
        .then(|| "an id contains a NUL character".into())
}

/// The record a key of a record or index tree names, when it decodes.
pub(crate) fn record_at(t: T, key: &[u8]) -> Option<RecordRef> {
    let id = || String::from_utf8(key.to_vec()).ok();
    Some(match t {
        T::Units => RecordRef::Unit(crate::domain::UnitId::new_unchecked(id()?)),
        T::Posts => RecordRef::Post(PostId::new_unchecked(id()?)),
        T::Staff => RecordRef::Staff(StaffId::new_unchecked(id()?)),
        T::Courses => RecordRef::Course(CourseId::new_unchecked(id()?)),
        T::Sessions => RecordRef::Session(SessionId::new_unchecked(id()?)),
        T::Assignments => RecordRef::Assignment(parse_assignment(key)?),
        T::Enrollments => RecordRef::Enrollment(parse_enrollment(key)?),
        T::Holders => RecordRef::Assignment(parse_holder(key)?),
        T::CourseEnrollments => RecordRef::Enrollment(parse_course_enrollment(key)?),
        T::Meta | T::Audit => return None,
    })
}

/// A key shown to a person: the record it names, or its bytes escaped.
pub(crate) fn show(t: T, key: &[u8]) -> String {
    match record_at(t, key) {
        Some(r) => r.to_string(),
        None => key.escape_ascii().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::ymd;

    fn akey(staff: &str, start: Date, post: &str) -> AssignmentKey {
        AssignmentKey {
            staff: StaffId::new_unchecked(staff),
            start,
            post: PostId::new_unchecked(post),
        }
    }

    #[test]
    fn date_bytes_order_like_dates() {
        let ds = [
            Date::MIN,
            ymd(1800, 1, 1).unwrap(),
            ymd(1999, 12, 31).unwrap(),
            ymd(2000, 1, 1).unwrap(),
            Date::MAX,
        ];
        for w in ds.windows(2) {
            assert!(date(w[0]) < date(w[1]), "{} vs {}", w[0], w[1]);
        }
        for d in ds {
            assert_eq!(parse_date(&date(d)), Some(d));
        }
    }

    #[test]
    fn assignment_keys_order_by_staff_then_date() {
        let d1 = ymd(2020, 4, 1).unwrap();
        let d2 = ymd(2021, 4, 1).unwrap();
        let a = assignment(&akey("E1", d2, "P1"));
        let b = assignment(&akey("E1", d1, "P9"));
        let c = assignment(&akey("E10", d1, "P1"));
        assert!(b < a && a < c);
        assert!(a.starts_with(&prefix("E1")) && !c.starts_with(&prefix("E1")));
    }

    #[test]
    fn keys_round_trip() {
        let k = akey("E1", ymd(2020, 4, 1).unwrap(), "P1");
        assert_eq!(parse_assignment(&assignment(&k)), Some(k.clone()));
        assert_eq!(parse_holder(&holder(&k)), Some(k));
        let e = EnrollmentKey {
            staff: StaffId::new_unchecked("E1"),
            course: CourseId::new_unchecked("C1"),
            session: None,
        };
        assert_eq!(parse_enrollment(&enrollment(&e)), Some(e.clone()));
        assert_eq!(parse_course_enrollment(&course_enrollment(&e)), Some(e));
        assert_eq!(show(T::Staff, b"E\xff"), "E\\xff");
    }
}
