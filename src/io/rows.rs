//! Building one record from one CSV row of each file kind, and the placeholder records
//! that stand in for rows that failed, so other rows' references still resolve.

use super::cells::{split_list, Cells};
use super::headers::Kind;
use crate::domain::date::Date;
use crate::domain::records::{
    Assignment, AssignmentKey, Course, Enrollment, EnrollmentKey, Post, Session, Skills, Staff,
    Unit,
};
use crate::domain::text::TextKind;
use crate::domain::vocab::{EnrollmentStatus, Field, Grade, Impact, Provider, Status, Track};
use crate::domain::{CourseId, Dataset, PostId, Record, RecordRef, SessionId, StaffId, UnitId};

/// A parsed row: the record, and for staff the wish tokens still to resolve.
pub struct Parsed {
    pub record: Record,
    pub wishes: Vec<String>,
}

/// The key a row defines, when its key cells read cleanly (for duplicates and stubs).
pub fn row_key(kind: Kind, cells: &mut Cells) -> Option<RecordRef> {
    let key = match kind {
        Kind::Units => RecordRef::Unit(cells.id("id", UnitId::parse)?),
        Kind::Posts => RecordRef::Post(cells.id("id", PostId::parse)?),
        Kind::Staff => RecordRef::Staff(cells.id("id", StaffId::parse)?),
        Kind::Courses => RecordRef::Course(cells.id("id", CourseId::parse)?),
        Kind::Sessions => RecordRef::Session(cells.id("id", SessionId::parse)?),
        Kind::Assignments => RecordRef::Assignment(AssignmentKey {
            staff: cells.id("staff", StaffId::parse)?,
            start: cells.date("start")?,
            post: cells.id("post", PostId::parse)?,
        }),
        Kind::Enrollments => RecordRef::Enrollment(EnrollmentKey {
            staff: cells.id("staff", StaffId::parse)?,
            course: cells.id("course", CourseId::parse)?,
            session: cells.opt_id("session", SessionId::parse)?,
        }),
    };
    Some(key)
}

/// Reads a row into a record. `base` supplies the values of optional columns the
/// file leaves out, for records the database already holds. Every cell is read, so
/// all of a row's problems end up in `cells.errors`; `None` when there are any.
pub fn parse_row(kind: Kind, cells: &mut Cells, base: &Dataset) -> Option<Parsed> {
    let mut wishes = Vec::new();
    let record = match kind {
        Kind::Units => unit(cells),
        Kind::Posts => post(cells, base),
        Kind::Staff => {
            wishes = split_list(cells.raw("wishes"));
            staff(cells, base)
        }
        Kind::Courses => course(cells),
        Kind::Sessions => session(cells),
        Kind::Assignments => assignment(cells),
        Kind::Enrollments => enrollment(cells),
    };
    match record {
        Some(record) if cells.errors.is_empty() => Some(Parsed { record, wishes }),
        _ => None,
    }
}

fn unit(c: &mut Cells) -> Option<Record> {
    let id = c.id("id", UnitId::parse);
    let name = c.text("name", TextKind::Line, true);
    let name_en = c.text("name_en", TextKind::Line, false);
    let parent = c.opt_id("parent", UnitId::parse);
    Some(Record::Unit(Unit {
        id: id?,
        name: name?,
        name_en: name_en?,
        parent: parent?,
    }))
}

fn post(c: &mut Cells, base: &Dataset) -> Option<Record> {
    let id = c.id("id", PostId::parse);
    let unit = c.id("unit", UnitId::parse);
    let title = c.text("title", TextKind::Line, true);
    let grade = c.value("grade", Grade::parse);
    let field = c.value("field", Field::parse);
    let impact = c.value("impact", Impact::parse);
    let skills = c.skills("skills");
    let courses = c.list("courses", |s| CourseId::parse(&super::cells::id_text(s)));
    let capacity = c.count("capacity");
    let old = id.as_ref().and_then(|id| base.posts.get(id));
    // Optional: a file without the column keeps a known post's closing date.
    let closed = if c.has("closed") {
        c.opt_date("closed")
    } else {
        Some(old.and_then(|o| o.closed))
    };
    Some(Record::Post(Post {
        id: id?,
        unit: unit?,
        title: title?,
        grade: grade?,
        field: field?,
        impact: impact?,
        skills: skills?,
        courses: courses?,
        capacity: capacity?,
        closed: closed?,
    }))
}

fn staff(c: &mut Cells, base: &Dataset) -> Option<Record> {
    let id = c.id("id", StaffId::parse);
    let old = id.as_ref().and_then(|id| base.staff.get(id));
    let name = c.text("name", TextKind::Line, true);
    let kana = c.text("kana", TextKind::Line, false);
    let birth_year = c.year("birth_year");
    let grade = c.value("grade", Grade::parse);
    let track = c.value("track", Track::parse);
    let hired_on = c.opt_date("hired_on");
    let skills: Option<Skills> = c.skills("skills");
    let candidate = c.yes_no("candidate");
    let status = c.value("status", Status::parse);
    let notes = c.text("notes", TextKind::Note, false);
    // Optional columns: when the file leaves one out, a known person keeps the value.
    let keep_date = |c: &mut Cells, col, old: Option<Option<Date>>| {
        if c.has(col) {
            c.opt_date(col)
        } else {
            Some(old.flatten())
        }
    };
    let grade_since = keep_date(c, "grade_since", old.map(|o| o.grade_since));
    let status_until = keep_date(c, "status_until", old.map(|o| o.status_until));
    let destination = if c.has("destination") {
        c.text("destination", TextKind::Line, false)
    } else {
        Some(old.map(|o| o.destination.clone()).unwrap_or_default())
    };
    let promotable = if c.has("promotable") {
        c.yes_no("promotable")
    } else {
        Some(old.is_some_and(|o| o.promotable))
    };
    Some(Record::Staff(Staff {
        id: id?,
        name: name?,
        kana: kana?,
        birth_year: birth_year?,
        grade: grade?,
        grade_since: grade_since?,
        track: track?,
        hired_on: hired_on?,
        skills: skills?,
        candidate: candidate?,
        promotable: promotable?,
        status: status?,
        status_until: status_until?,
        destination: destination?,
        wishes: Vec::new(),
        notes: notes?,
    }))
}

fn course(c: &mut Cells) -> Option<Record> {
    let id = c.id("id", CourseId::parse);
    let name = c.text("name", TextKind::Line, true);
    let provider = c.value("provider", Provider::parse);
    let field = c.value("field", Field::parse);
    let grades = c.list("grades", Grade::parse);
    let days = c.count("days");
    Some(Record::Course(Course {
        id: id?,
        name: name?,
        provider: provider?,
        field: field?,
        grades: grades?,
        days: days?,
    }))
}

fn session(c: &mut Cells) -> Option<Record> {
    let id = c.id("id", SessionId::parse);
    let course = c.id("course", CourseId::parse);
    let start = c.date("start");
    let end = c.date("end");
    let capacity = c.count("capacity");
    Some(Record::Session(Session {
        id: id?,
        course: course?,
        start: start?,
        end: end?,
        capacity: capacity?,
    }))
}

fn assignment(c: &mut Cells) -> Option<Record> {
    let staff = c.id("staff", StaffId::parse);
    let post = c.id("post", PostId::parse);
    let start = c.date("start");
    let end = c.opt_date("end");
    let concurrent = c.yes_no("concurrent");
    Some(Record::Assignment(Assignment {
        staff: staff?,
        post: post?,
        start: start?,
        end: end?,
        concurrent: concurrent?,
    }))
}

fn enrollment(c: &mut Cells) -> Option<Record> {
    let staff = c.id("staff", StaffId::parse);
    let course = c.id("course", CourseId::parse);
    let session = c.opt_id("session", SessionId::parse);
    let status = c.value("status", EnrollmentStatus::parse);
    let date = c.opt_date("date");
    Some(Record::Enrollment(Enrollment {
        staff: staff?,
        course: course?,
        session: session?,
        status: status?,
        date: date?,
    }))
}

/// A placeholder for a record whose row failed, so that references to it do not
/// raise a second, misleading problem. Its own violations are ignored.
pub fn stub(key: &RecordRef) -> Option<Record> {
    let unit = UnitId::new_unchecked("");
    let day = Date::constant(2000, 1, 1);
    Some(match key.clone() {
        RecordRef::Unit(id) => Record::Unit(Unit {
            id,
            name: "-".into(),
            name_en: String::new(),
            parent: None,
        }),
        RecordRef::Post(id) => Record::Post(Post {
            id,
            unit,
            title: "-".into(),
            grade: Grade::Staff,
            field: Field::Ops,
            impact: Impact::Normal,
            skills: Skills::default(),
            courses: Vec::new(),
            capacity: u16::MAX,
            closed: None,
        }),
        RecordRef::Staff(id) => Record::Staff(Staff {
            id,
            name: "-".into(),
            kana: String::new(),
            birth_year: None,
            grade: Grade::Staff,
            grade_since: None,
            track: Track::External,
            hired_on: None,
            skills: Skills::default(),
            candidate: false,
            promotable: false,
            status: Status::Active,
            status_until: None,
            wishes: Vec::new(),
            notes: String::new(),
            destination: String::new(),
        }),
        RecordRef::Course(id) => Record::Course(Course {
            id,
            name: "-".into(),
            provider: Provider::External,
            field: Field::Ops,
            grades: Vec::new(),
            days: 1,
        }),
        RecordRef::Session(id) => Record::Session(Session {
            id,
            course: CourseId::new_unchecked(""),
            start: day,
            end: day,
            capacity: u16::MAX,
        }),
        RecordRef::Assignment(_) | RecordRef::Enrollment(_) => return None,
    })
}
