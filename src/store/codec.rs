//! The stored value of a record (its key is laid out in `keys`).
//!
//! Schema 2 stores a compact binary form: a tag byte ([`TAG`]), then the record's
//! fields in declaration order, leaving out what the key already holds (the id of
//! a unit, post, person, course or session; the person, post and start of an
//! assignment; the person, course and session of an enrollment). Decoding a big
//! store is then a fraction of the work JSON took, and most assignment and
//! enrollment values fit in sled's inline values.
//!
//! | part            | encoding                                                   |
//! |-----------------|------------------------------------------------------------|
//! | string          | length (LEB128), then the UTF-8 bytes                      |
//! | count           | LEB128                                                     |
//! | date            | the 4 bytes of `keys::date`                                |
//! | optional x      | 0, or 1 then x                                             |
//! | vocabulary word | one byte: its place in the type's `ALL`                    |
//! | u16, i16        | 2 bytes, little-endian                                     |
//! | bools           | bits of one flags byte                                     |
//!
//! Schema 1 stored the record's JSON. Such values are still read (they start with
//! `{`, which no binary value does), so a store reads the same at every step of its
//! migration; the migration from schema 1 (`to_binary`) rewrites them.

use super::keys::{self, T};
use super::migrate::Migrator;
use super::Result;
use crate::domain::{
    Assignment, Course, CourseId, Date, Enrollment, EnrollmentStatus, Field, Grade, Impact, Post,
    PostId, Provider, Record, Session, SessionId, Skills, Staff, StaffId, Status, Track, Unit,
    UnitId, Wish,
};
use std::collections::HashSet;
use std::sync::Arc;

/// The first byte of every binary value (schema 2).
pub(crate) const TAG: u8 = 0x02;

/// Whether a stored value is in the binary form (else it is schema 1's JSON).
pub(crate) fn is_binary(v: &[u8]) -> bool {
    v.first() == Some(&TAG)
}

/// The binary value of a record.
pub(crate) fn encode(rec: &Record) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    match rec {
        Record::Unit(x) => x.to_binary(&mut out),
        Record::Post(x) => x.to_binary(&mut out),
        Record::Staff(x) => x.to_binary(&mut out),
        Record::Course(x) => x.to_binary(&mut out),
        Record::Session(x) => x.to_binary(&mut out),
        Record::Assignment(x) => x.to_binary(&mut out),
        Record::Enrollment(x) => x.to_binary(&mut out),
    }
    out
}

struct W(Vec<u8>);

impl W {
    fn u8(&mut self, b: u8) {
        self.0.push(b);
    }

    fn u16(&mut self, n: u16) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn count(&mut self, mut n: usize) {
        loop {
            let low = (n & 0x7F) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(low);
                return;
            }
            self.0.push(low | 0x80);
        }
    }

    fn str(&mut self, s: &str) {
        self.count(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn date(&mut self, d: Date) {
        self.0.extend_from_slice(&keys::date(d));
    }

    fn opt<X>(&mut self, x: Option<X>, f: impl FnOnce(&mut W, X)) {
        match x {
            None => self.u8(0),
            Some(x) => {
                self.u8(1);
                f(self, x);
            }
        }
    }

    fn skills(&mut self, s: &Skills) {
        self.count(s.0.len());
        for (name, level) in &s.0 {
            self.str(name);
            self.u8(*level);
        }
    }
}

/// Reads a binary value; every error is the reason the value cannot be read.
struct R<'a> {
    b: &'a [u8],
}

type Res<X> = std::result::Result<X, String>;

fn short() -> String {
    "it ends early".into()
}

impl<'a> R<'a> {
    /// A reader past the tag byte.
    fn new(v: &'a [u8]) -> Res<R<'a>> {
        match v.split_first() {
            Some((&TAG, rest)) => Ok(R { b: rest }),
            _ => Err("it is not a stored record".into()),
        }
    }

    fn take(&mut self, n: usize) -> Res<&'a [u8]> {
        if self.b.len() < n {
            return Err(short());
        }
        let (head, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(head)
    }

    fn u8(&mut self) -> Res<u8> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Res<u16> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn count(&mut self) -> Res<usize> {
        let mut n: usize = 0;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            n |= ((b & 0x7F) as usize) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err("a length is too long".into())
    }

    fn str(&mut self) -> Res<&'a str> {
        let n = self.count()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| "a text is not UTF-8".into())
    }

    fn string(&mut self) -> Res<String> {
        self.str().map(str::to_string)
    }

    fn date(&mut self) -> Res<Date> {
        keys::parse_date(self.take(4)?).ok_or_else(|| "a date is not a date".into())
    }

    fn opt<X>(&mut self, f: impl FnOnce(&mut Self) -> Res<X>) -> Res<Option<X>> {
        match self.u8()? {
            0 => Ok(None),
            1 => f(self).map(Some),
            b => Err(format!("an optional field is marked {b}")),
        }
    }

    fn word<X: Copy>(&mut self, all: &[X], what: &str) -> Res<X> {
        let i = self.u8()?;
        all.get(i as usize)
            .copied()
            .ok_or_else(|| format!("{what} {i} is not one this build knows"))
    }

    fn skills(&mut self) -> Res<Skills> {
        let n = self.count()?;
        let mut out = Skills::default();
        for _ in 0..n {
            let name = self.string()?;
            let level = self.u8()?;
            out.0.insert(name, level);
        }
        Ok(out)
    }

    fn list<X>(&mut self, mut f: impl FnMut(&mut Self) -> Res<X>) -> Res<Vec<X>> {
        let n = self.count()?;
        // A count read from damaged bytes must not reserve gigabytes.
        let mut out = Vec::with_capacity(n.min(self.b.len()));
        for _ in 0..n {
            out.push(f(self)?);
        }
        Ok(out)
    }

    fn end<X>(self, x: X) -> Res<X> {
        if self.b.is_empty() {
            Ok(x)
        } else {
            Err(format!("{} bytes follow the record", self.b.len()))
        }
    }
}

/// Gives equal ids read in one load one shared text (see `domain::ids`): a
/// ministry's 420,000 records name 100,000 people, 20,000 posts and a few hundred
/// courses and sessions, many times over.
#[derive(Default)]
pub(crate) struct Ids {
    seen: HashSet<Arc<str>, foldhash::fast::RandomState>,
}

impl Ids {
    fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.seen.get(s) {
            return Arc::clone(a);
        }
        let a: Arc<str> = Arc::from(s);
        self.seen.insert(Arc::clone(&a));
        a
    }

    fn read(&mut self, r: &mut R<'_>) -> Res<Arc<str>> {
        r.str().map(|s| self.get(s))
    }
}

/// The id a record tree's key holds. Not interned: a tree holds each key once, and
/// the records that name it are decoded with tables of their own.
fn id_of(key: &[u8]) -> Res<Arc<str>> {
    let s = std::str::from_utf8(key).map_err(|_| "its key is not UTF-8")?;
    Ok(Arc::from(s))
}

/// A record kind's binary form: written without what its key holds, read with its
/// key.
pub(crate) trait Binary: Sized {
    /// Appends the value (tag byte first) to `out`.
    fn to_binary(&self, out: &mut Vec<u8>);
    fn from_binary(key: &[u8], v: &[u8], ids: &mut Ids) -> Res<Self>;
}

/// Writes `f`'s fields after the tag byte.
fn write(out: &mut Vec<u8>, f: impl FnOnce(&mut W)) {
    let mut w = W(std::mem::take(out));
    w.u8(TAG);
    f(&mut w);
    *out = w.0;
}

impl Binary for Unit {
    fn to_binary(&self, out: &mut Vec<u8>) {
        write(out, |w| {
            w.str(&self.name);
            w.str(&self.name_en);
            w.opt(self.parent.as_ref(), |w, p| w.str(p.as_str()));
        })
    }

    fn from_binary(key: &[u8], v: &[u8], ids: &mut Ids) -> Res<Unit> {
        let mut r = R::new(v)?;
        let u = Unit {
            id: UnitId::from_shared(id_of(key)?),
            name: r.string()?,
            name_en: r.string()?,
            parent: r.opt(|r| ids.read(r).map(UnitId::from_shared))?,
        };
        r.end(u)
    }
}

impl Binary for Post {
    fn to_binary(&self, out: &mut Vec<u8>) {
        write(out, |w| {
            w.str(self.unit.as_str());
            w.str(&self.title);
            w.u8(self.grade as u8);
            w.u8(self.field as u8);
            w.u8(self.impact as u8);
            w.skills(&self.skills);
            w.count(self.courses.len());
            for c in &self.courses {
                w.str(c.as_str());
            }
            w.u16(self.capacity);
            w.opt(self.closed, W::date);
        })
    }

    fn from_binary(key: &[u8], v: &[u8], ids: &mut Ids) -> Res<Post> {
        let mut r = R::new(v)?;
        let p = Post {
            id: PostId::from_shared(id_of(key)?),
            unit: UnitId::from_shared(ids.read(&mut r)?),
            title: r.string()?,
            grade: r.word(Grade::ALL, "grade")?,
            field: r.word(Field::ALL, "field")?,
            impact: r.word(Impact::ALL, "impact")?,
            skills: r.skills()?,
            courses: r.list(|r| ids.read(r).map(CourseId::from_shared))?,
            capacity: r.u16()?,
            closed: r.opt(R::date)?,
        };
        r.end(p)
    }
}

impl Binary for Staff {
    fn to_binary(&self, out: &mut Vec<u8>) {
        write(out, |w| {
            w.u8(u8::from(self.candidate) | u8::from(self.promotable) << 1);
            w.str(&self.name);
            w.str(&self.kana);
            w.opt(self.birth_year, |w, y| {
                w.0.extend_from_slice(&y.to_le_bytes())
            });
            w.u8(self.grade as u8);
            w.opt(self.grade_since, W::date);
            w.u8(self.track as u8);
            w.opt(self.hired_on, W::date);
            w.skills(&self.skills);
            w.u8(self.status as u8);
            w.opt(self.status_until, W::date);
            w.str(&self.destination);
            w.count(self.wishes.len());
            for wish in &self.wishes {
                match wish {
                    Wish::Post(p) => {
                        w.u8(0);
                        w.str(p.as_str());
                    }
                    Wish::Unit(u) => {
                        w.u8(1);
                        w.str(u.as_str());
                    }
                    Wish::Field(f) => {
                        w.u8(2);
                        w.u8(*f as u8);
                    }
                }
            }
            w.str(&self.notes);
        })
    }

    fn from_binary(key: &[u8], v: &[u8], ids: &mut Ids) -> Res<Staff> {
        let mut r = R::new(v)?;
        let flags = r.u8()?;
        let s = Staff {
            id: StaffId::from_shared(id_of(key)?),
            name: r.string()?,
            kana: r.string()?,
            birth_year: r.opt(|r| r.u16().map(|y| y as i16))?,
            grade: r.word(Grade::ALL, "grade")?,
            grade_since: r.opt(R::date)?,
            track: r.word(Track::ALL, "track")?,
            hired_on: r.opt(R::date)?,
            skills: r.skills()?,
            candidate: flags & 1 != 0,
            promotable: flags & 2 != 0,
            status: r.word(Status::ALL, "status")?,
            status_until: r.opt(R::date)?,
            destination: r.string()?,
            wishes: r.list(|r| match r.u8()? {
                0 => Ok(Wish::Post(PostId::from_shared(ids.read(r)?))),
                1 => Ok(Wish::Unit(UnitId::from_shared(ids.read(r)?))),
                2 => Ok(Wish::Field(r.word(Field::ALL, "field")?)),
                k => Err(format!("wish kind {k} is not one this build knows")),
            })?,
            notes: r.string()?,
        };
        r.end(s)
    }
}

impl Binary for Course {
    fn to_binary(&self, out: &mut Vec<u8>) {
        write(out, |w| {
            w.str(&self.name);
            w.u8(self.provider as u8);
            w.u8(self.field as u8);
            w.count(self.grades.len());
            for g in &self.grades {
                w.u8(*g as u8);
            }
            w.u16(self.days);
        })
    }

    fn from_binary(key: &[u8], v: &[u8], _ids: &mut Ids) -> Res<Course> {
        let mut r = R::new(v)?;
        let c = Course {
            id: CourseId::from_shared(id_of(key)?),
            name: r.string()?,
            provider: r.word(Provider::ALL, "provider")?,
            field: r.word(Field::ALL, "field")?,
            grades: r.list(|r| r.word(Grade::ALL, "grade"))?,
            days: r.u16()?,
        };
        r.end(c)
    }
}

impl Binary for Session {
    fn to_binary(&self, out: &mut Vec<u8>) {
        write(out, |w| {
            w.str(self.course.as_str());
            w.date(self.start);
            w.date(self.end);
            w.u16(self.capacity);
        })
    }

    fn from_binary(key: &[u8], v: &[u8], ids: &mut Ids) -> Res<Session> {
        let mut r = R::new(v)?;
        let s = Session {
            id: SessionId::from_shared(id_of(key)?),
            course: CourseId::from_shared(ids.read(&mut r)?),
            start: r.date()?,
            end: r.date()?,
            capacity: r.u16()?,
        };
        r.end(s)
    }
}

impl Binary for Assignment {
    fn to_binary(&self, out: &mut Vec<u8>) {
        write(out, |w| {
            w.u8(u8::from(self.concurrent));
            w.opt(self.end, W::date);
        })
    }

    fn from_binary(key: &[u8], v: &[u8], ids: &mut Ids) -> Res<Assignment> {
        let (staff, start, post) = keys::split_dated_str(key).ok_or("its key cannot be read")?;
        let mut r = R::new(v)?;
        let concurrent = match r.u8()? {
            0 => false,
            1 => true,
            b => return Err(format!("its flags are {b}")),
        };
        let a = Assignment {
            staff: StaffId::from_shared(ids.get(staff)),
            post: PostId::from_shared(ids.get(post)),
            start,
            end: r.opt(R::date)?,
            concurrent,
        };
        r.end(a)
    }
}

impl Binary for Enrollment {
    fn to_binary(&self, out: &mut Vec<u8>) {
        write(out, |w| {
            w.u8(self.status as u8);
            w.opt(self.date, W::date);
        })
    }

    fn from_binary(key: &[u8], v: &[u8], ids: &mut Ids) -> Res<Enrollment> {
        let (staff, course, session) = keys::split3_str(key).ok_or("its key cannot be read")?;
        let mut r = R::new(v)?;
        let e = Enrollment {
            staff: StaffId::from_shared(ids.get(staff)),
            course: CourseId::from_shared(ids.get(course)),
            session: (!session.is_empty()).then(|| SessionId::from_shared(ids.get(session))),
            status: r.word(EnrollmentStatus::ALL, "enrollment status")?,
            date: r.opt(R::date)?,
        };
        r.end(e)
    }
}

/// The record a stored value holds, whichever its form, checked to be the one its
/// key names (see `SledStore`'s decode).
fn record(t: T, key: &[u8], v: &[u8]) -> Result<Record> {
    use super::sled_store::decode;
    let ids = &mut Ids::default();
    Ok(match t {
        T::Units => Record::Unit(decode(t, key, v, ids)?),
        T::Posts => Record::Post(decode(t, key, v, ids)?),
        T::Staff => Record::Staff(decode(t, key, v, ids)?),
        T::Courses => Record::Course(decode(t, key, v, ids)?),
        T::Sessions => Record::Session(decode(t, key, v, ids)?),
        T::Assignments => Record::Assignment(decode(t, key, v, ids)?),
        T::Enrollments => Record::Enrollment(decode(t, key, v, ids)?),
        _ => unreachable!("only record trees are re-encoded"),
    })
}

/// The migration from schema 1: every JSON value becomes its binary form. A value
/// that cannot be read stops it (the store then stays at schema 1, unchanged).
pub(super) fn to_binary(m: &mut Migrator<'_>) -> Result<()> {
    for t in T::RECORDS {
        for (k, v) in m.entries(t.name())? {
            if !is_binary(&v) {
                let rec = record(t, &k, &v)?;
                m.put(t.name(), &k, &encode(&rec))?;
            }
        }
    }
    Ok(())
}

/// Test hook: the binary value of a record, as schema 2 stores it.
#[doc(hidden)]
pub fn test_hook_encode(rec: &Record) -> Vec<u8> {
    encode(rec)
}

/// Test hook: the record a value of a record tree (named as on disk) holds.
#[doc(hidden)]
pub fn test_hook_decode(tree: &str, key: &[u8], v: &[u8]) -> Result<Record> {
    match T::by_name(tree) {
        Some(t) if T::RECORDS.contains(&t) => record(t, key, v),
        _ => Err(super::StoreError::Backend(format!(
            "{tree} is not a record tree"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Dataset;

    fn each_record(ds: &Dataset) -> Vec<Record> {
        let mut out: Vec<Record> = Vec::new();
        out.extend(ds.units.values().cloned().map(Record::Unit));
        out.extend(ds.posts.values().cloned().map(Record::Post));
        out.extend(ds.staff.values().cloned().map(Record::Staff));
        out.extend(ds.courses.values().cloned().map(Record::Course));
        out.extend(ds.sessions.values().cloned().map(Record::Session));
        out.extend(ds.assignments.values().cloned().map(Record::Assignment));
        out.extend(ds.enrollments.values().cloned().map(Record::Enrollment));
        out
    }

    /// Every kind of record, with every optional field both set and not.
    fn variety() -> Vec<Record> {
        let mut recs = each_record(&crate::demo::ministry(7));
        let d = |s| crate::domain::date::parse_date(s).unwrap();
        let mut s = match recs.iter().find(|r| matches!(r, Record::Staff(_))) {
            Some(Record::Staff(s)) => s.clone(),
            _ => unreachable!(),
        };
        s.id = StaffId::new_unchecked("Ｅ０１－é");
        s.birth_year = Some(-1);
        s.grade_since = Some(Date::MIN);
        s.hired_on = Some(Date::MAX);
        s.status = Status::Seconded;
        s.status_until = Some(d("2027-03-31"));
        s.destination = "デジタル庁".into();
        s.notes = "x".repeat(300);
        s.candidate = true;
        s.promotable = false;
        s.wishes = vec![
            Wish::Post(PostId::new_unchecked("P1")),
            Wish::Unit(UnitId::new_unchecked("U1")),
            Wish::Field(Field::Data),
        ];
        s.skills = Skills::parse("security:4;pm:1;独自-skill:2").unwrap();
        recs.push(Record::Staff(s.clone()));
        s.birth_year = None;
        s.promotable = true;
        s.candidate = false;
        recs.push(Record::Staff(s));
        recs.push(Record::Unit(Unit {
            id: UnitId::new_unchecked("U0"),
            name: String::new(),
            name_en: String::new(),
            parent: None,
        }));
        recs.push(Record::Assignment(Assignment {
            staff: StaffId::new_unchecked("E1"),
            post: PostId::new_unchecked("P1"),
            start: d("2020-04-01"),
            end: Some(d("2021-03-31")),
            concurrent: true,
        }));
        recs.push(Record::Enrollment(Enrollment {
            staff: StaffId::new_unchecked("E1"),
            course: CourseId::new_unchecked("C1"),
            session: None,
            status: EnrollmentStatus::Cancelled,
            date: None,
        }));
        recs
    }

    fn decoded(rec: &Record, v: &[u8]) -> Record {
        let (t, key) = keys::locate(&rec.record_ref());
        record(t, &key, v).unwrap()
    }

    #[test]
    fn every_record_round_trips_and_reads_as_its_json_did() {
        for rec in variety() {
            let bin = encode(&rec);
            assert!(is_binary(&bin));
            assert_eq!(decoded(&rec, &bin), rec);
            let json = match &rec {
                Record::Unit(x) => serde_json::to_vec(x),
                Record::Post(x) => serde_json::to_vec(x),
                Record::Staff(x) => serde_json::to_vec(x),
                Record::Course(x) => serde_json::to_vec(x),
                Record::Session(x) => serde_json::to_vec(x),
                Record::Assignment(x) => serde_json::to_vec(x),
                Record::Enrollment(x) => serde_json::to_vec(x),
            }
            .unwrap();
            assert!(!is_binary(&json));
            assert_eq!(decoded(&rec, &json), rec);
            assert!(bin.len() < json.len(), "{rec:?}");
        }
    }

    #[test]
    fn damaged_values_are_errors_not_panics() {
        for rec in variety().into_iter().step_by(7) {
            let (t, key) = keys::locate(&rec.record_ref());
            let bin = encode(&rec);
            for cut in 0..bin.len() {
                assert!(
                    record(t, &key, &bin[..cut]).is_err(),
                    "{rec:?} cut at {cut}"
                );
            }
            let mut longer = bin.clone();
            longer.push(0);
            assert!(record(t, &key, &longer).is_err());
            for i in 1..bin.len() {
                let mut flipped = bin.clone();
                flipped[i] ^= 0xFF;
                let _ = record(t, &key, &flipped);
            }
        }
    }

    #[test]
    fn small_records_stay_small() {
        let d = crate::demo::ministry(1);
        let a = d.assignments.values().next().unwrap();
        assert!(encode(&Record::Assignment(a.clone())).len() <= 7);
        let e = d.enrollments.values().next().unwrap();
        assert!(encode(&Record::Enrollment(e.clone())).len() <= 7);
    }
}
