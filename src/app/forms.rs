//! The concrete forms (a person, a post, a unit, a date) and reading them back into
//! domain values with the domain's own parsers. Every bad field is reported at once,
//! each under its key, so the form shows all the reasons beside the fields. Pure.
//!
//! All the forms' words are in [`text`], in English and Japanese.

use super::form::{yes_no, Choices, FieldKind, Form, FormField};
use crate::domain::date::{iso, parse_date, parse_year, Date};
use crate::domain::ops::OpError;
use crate::domain::records::{Post, Skills, Staff, Unit, Wish};
use crate::domain::text::{clean_text, clip, TextKind};
use crate::domain::vocab::{fold, parse_yes_no, Field, Grade, Impact, Status, Track};
use crate::domain::{CourseId, Dataset, PostId, StaffId, UnitId};
use crate::i18n::Lang;
use crate::io::{id_text, resolve_wish, split_list, wish_token};

/// The forms' labels, hints and titles: (English, Japanese).
pub use crate::i18n::forms as text;

/// The words in the language.
pub fn pick(pair: text::Pair, lang: Lang) -> &'static str {
    if lang.is_ja() {
        pair.1
    } else {
        pair.0
    }
}

// The choices of each vocabulary, as (code, Japanese word); a test keeps them equal
// to the domain's.
pub const GRADES: Choices = &[
    ("staff", "係員"),
    ("chief", "係長"),
    ("deputy", "課長補佐"),
    ("manager", "管理職"),
];
pub const FIELDS: Choices = &[
    ("security", "セキュリティ"),
    ("pm", "プロジェクト管理"),
    ("ops", "運用保守"),
    ("policy", "情報政策"),
    ("dx", "DX推進"),
    ("data", "データ利活用"),
];
pub const TRACKS: Choices = &[
    ("sogo-digital", "総合職デジタル"),
    ("ippan-digital", "一般職デジタル"),
    ("mid-career", "経験者採用"),
    ("external", "外部人材"),
];
pub const STATUSES: Choices = &[("active", "在籍"), ("seconded", "出向"), ("leave", "休職")];
pub const IMPACTS: Choices = &[("high", "高"), ("normal", "通常")];

fn title(pair: text::Pair, lang: Lang, what: &str) -> String {
    if what.is_empty() {
        pick(pair, lang).to_string()
    } else {
        format!("{}: {what}", pick(pair, lang))
    }
}

fn opt_date(d: Option<Date>) -> String {
    d.map(iso).unwrap_or_default()
}

fn id_field(key: &'static str, label: text::Pair, value: &str, locked: bool) -> FormField {
    let f = FormField::new(key, label, FieldKind::Text, value)
        .required()
        .locked(locked);
    f.hint(if locked { text::H_LOCKED } else { text::H_ID })
}

fn choice(key: &'static str, label: text::Pair, choices: Choices, code: &str) -> FormField {
    FormField::new(key, label, FieldKind::Choice(choices), code)
        .required()
        .hint(text::H_CHOICE)
}

fn yes_no_field(key: &'static str, label: text::Pair, b: bool) -> FormField {
    FormField::new(key, label, FieldKind::YesNo, yes_no(b)).hint(text::H_YES_NO)
}

fn date_field(key: &'static str, label: text::Pair, d: Option<Date>) -> FormField {
    FormField::new(key, label, FieldKind::Date, &opt_date(d)).hint(text::H_OPT_DATE)
}

fn staff_fields(s: &Staff, wishes: &str, locked_id: bool) -> Vec<FormField> {
    vec![
        id_field("id", text::STAFF_ID, s.id.as_str(), locked_id),
        FormField::new("name", text::STAFF_NAME, FieldKind::Text, &s.name).required(),
        FormField::new("kana", text::KANA, FieldKind::Text, &s.kana),
        FormField::new(
            "birth_year",
            text::BIRTH_YEAR,
            FieldKind::Text,
            &s.birth_year.map(|y| y.to_string()).unwrap_or_default(),
        )
        .hint(text::H_BIRTH_YEAR),
        choice("grade", text::GRADE, GRADES, s.grade.code()),
        date_field("grade_since", text::GRADE_SINCE, s.grade_since),
        choice("track", text::TRACK, TRACKS, s.track.code()),
        date_field("hired_on", text::HIRED_ON, s.hired_on),
        FormField::new(
            "skills",
            text::SKILLS,
            FieldKind::Text,
            &s.skills.to_string(),
        )
        .hint(text::H_SKILLS),
        choice("status", text::STATUS, STATUSES, s.status.code()),
        FormField::new(
            "status_until",
            text::STATUS_UNTIL,
            FieldKind::Date,
            &opt_date(s.status_until),
        )
        .hint(text::H_UNTIL),
        FormField::new(
            "destination",
            text::DESTINATION,
            FieldKind::Text,
            &s.destination,
        )
        .hint(text::H_DESTINATION),
        yes_no_field("candidate", text::CANDIDATE, s.candidate),
        yes_no_field("promotable", text::PROMOTABLE, s.promotable),
        FormField::new("wishes", text::WISHES, FieldKind::Text, wishes).hint(text::H_WISHES),
        FormField::new("notes", text::NOTES, FieldKind::Note, &s.notes).hint(text::H_NOTES),
    ]
}

/// The form editing a person. Wishes are written so that `ds` reads them back the
/// same (`unit:X` when X is also a post id). The id cannot be changed.
pub fn staff_form(s: &Staff, ds: &Dataset, lang: Lang) -> Form {
    let wishes: Vec<String> = s.wishes.iter().map(|w| wish_token(w, ds)).collect();
    Form::new(
        title(text::EDIT_STAFF, lang, &format!("{} {}", s.id, s.name)),
        staff_fields(s, &wishes.join(";"), true),
    )
}

/// The form for a new hire: hired and in grade from `today`, active, 係員.
pub fn new_staff_form(today: Date, lang: Lang) -> Form {
    let s = Staff {
        id: StaffId::new_unchecked(""),
        name: String::new(),
        kana: String::new(),
        birth_year: None,
        grade: Grade::Staff,
        grade_since: Some(today),
        track: Track::SogoDigital,
        hired_on: Some(today),
        skills: Skills::default(),
        candidate: false,
        promotable: false,
        status: Status::Active,
        status_until: None,
        destination: String::new(),
        wishes: Vec::new(),
        notes: String::new(),
    };
    Form::new(
        title(text::NEW_STAFF, lang, ""),
        staff_fields(&s, "", false),
    )
}

/// Reads the form's fields, collecting each field's error under its key.
struct Reader<'a> {
    form: &'a Form,
    errors: Vec<OpError>,
}

impl<'a> Reader<'a> {
    fn new(form: &'a Form) -> Self {
        Reader {
            form,
            errors: Vec::new(),
        }
    }

    fn raw(&self, key: &str) -> &'a str {
        self.form.value(key)
    }

    fn fail<T>(&mut self, key: &'static str, message: impl Into<String>) -> Option<T> {
        self.errors.push(OpError {
            field: key,
            message: message.into(),
        });
        None
    }

    fn check<T>(&mut self, key: &'static str, r: Result<T, String>) -> Option<T> {
        r.map_or_else(|e| self.fail(key, e), Some)
    }

    /// A value that must be there, read with `parse`.
    fn value<T>(
        &mut self,
        key: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let s = self.raw(key);
        if s.trim().is_empty() {
            return self.fail(key, "is empty");
        }
        self.check(key, parse(s))
    }

    /// A value read with `parse`, `Some(None)` when empty.
    fn optional<T>(
        &mut self,
        key: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        let s = self.raw(key);
        if s.trim().is_empty() {
            return Some(None);
        }
        self.check(key, parse(s)).map(Some)
    }

    fn id<T>(&mut self, key: &'static str, parse: fn(&str) -> Result<T, String>) -> Option<T> {
        self.value(key, |s| parse(&id_text(s)))
    }

    fn text(&mut self, key: &'static str, kind: TextKind, required: bool) -> Option<String> {
        let raw = self.raw(key);
        if required && raw.trim().is_empty() {
            return self.fail(key, "is empty");
        }
        self.check(key, clean_text(raw, kind))
    }

    /// A `;` list, every bad item reported (joined on one line).
    fn list<T>(
        &mut self,
        key: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<Vec<T>> {
        let mut out = Vec::new();
        let mut bad = Vec::new();
        for item in split_list(self.raw(key)) {
            match parse(&item) {
                Ok(v) => out.push(v),
                Err(e) => bad.push(e),
            }
        }
        if bad.is_empty() {
            Some(out)
        } else {
            self.fail(key, bad.join("; "))
        }
    }

    fn yes_no(&mut self, key: &'static str) -> Option<bool> {
        let s = self.raw(key);
        self.check(key, parse_yes_no(s))
    }

    fn done<T>(self, value: Option<T>) -> Result<T, Vec<OpError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}

/// A whole number 1-65535.
fn capacity(s: &str) -> Result<u16, String> {
    let f = fold(s);
    match f.parse::<u16>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => {
            Err(format!("{f} is too large"))
        }
        Err(_) => Err(format!("'{}' is not a whole number", clip(s.trim(), 20))),
    }
}

/// The person the form describes. With `base` (an edit) the id is the base's;
/// without, it is read from the form. Wishes resolve against `ds`. Besides each
/// field's own form, the status must agree with the return date and destination:
/// only a person away has a return date, only a seconded person a destination.
pub fn staff_from_form(
    form: &Form,
    base: Option<&Staff>,
    ds: &Dataset,
) -> Result<Staff, Vec<OpError>> {
    let mut r = Reader::new(form);
    let id = match base {
        Some(b) => Some(b.id.clone()),
        None => r.id("id", StaffId::parse),
    };
    let name = r.text("name", TextKind::Line, true);
    let kana = r.text("kana", TextKind::Line, false);
    let birth_year = r.optional("birth_year", parse_year);
    let grade = r.value("grade", Grade::parse);
    let grade_since = r.optional("grade_since", parse_date);
    let track = r.value("track", Track::parse);
    let hired_on = r.optional("hired_on", parse_date);
    let skills = r.check("skills", Skills::parse(r.raw("skills")));
    let status = r.value("status", Status::parse);
    let status_until = r.optional("status_until", parse_date);
    let destination = r.text("destination", TextKind::Line, false);
    let candidate = r.yes_no("candidate");
    let promotable = r.yes_no("promotable");
    let wishes: Option<Vec<Wish>> = r.list("wishes", |t| resolve_wish(t, ds));
    let notes = r.text("notes", TextKind::Note, false);
    if let (Some(st), Some(Some(until))) = (status, status_until) {
        if st == Status::Active {
            r.fail::<()>(
                "status_until",
                format!(
                    "a person who is active has no return date; clear {} or choose seconded or leave",
                    iso(until)
                ),
            );
        }
    }
    if let (Some(st), Some(dest)) = (status, &destination) {
        if st != Status::Seconded && !dest.is_empty() {
            r.fail::<()>(
                "destination",
                format!(
                    "only a seconded person has a destination; clear it or choose seconded (status is {})",
                    st.code()
                ),
            );
        }
    }
    let staff = (|| {
        Some(Staff {
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
            wishes: wishes?,
            notes: notes?,
        })
    })();
    r.done(staff)
}

fn post_fields(p: &Post, locked_id: bool) -> Vec<FormField> {
    let courses: Vec<&str> = p.courses.iter().map(CourseId::as_str).collect();
    vec![
        id_field("id", text::POST_ID, p.id.as_str(), locked_id),
        FormField::new("unit", text::POST_UNIT, FieldKind::Text, p.unit.as_str())
            .required()
            .hint(text::H_UNIT),
        FormField::new("title", text::POST_TITLE, FieldKind::Text, &p.title).required(),
        choice("grade", text::POST_GRADE, GRADES, p.grade.code()),
        choice("field", text::FIELD, FIELDS, p.field.code()),
        choice("impact", text::IMPACT, IMPACTS, p.impact.code()),
        FormField::new(
            "skills",
            text::POST_SKILLS,
            FieldKind::Text,
            &p.skills.to_string(),
        )
        .hint(text::H_SKILLS),
        FormField::new(
            "courses",
            text::COURSES,
            FieldKind::Text,
            &courses.join(";"),
        )
        .hint(text::H_COURSES),
        FormField::new(
            "capacity",
            text::CAPACITY,
            FieldKind::Number,
            &p.capacity.to_string(),
        )
        .required()
        .hint(text::H_CAPACITY),
    ]
}

/// The form editing a post's requirements, unit and title. The id cannot be
/// changed; closing is its own step (a date form with key `on`).
pub fn post_form(p: &Post, lang: Lang) -> Form {
    Form::new(
        title(text::EDIT_POST, lang, &format!("{} {}", p.id, p.title)),
        post_fields(p, true),
    )
}

/// The form for a new post, in `unit` when given: 係員, one seat, normal impact.
pub fn new_post_form(unit: Option<&UnitId>, lang: Lang) -> Form {
    let p = Post {
        id: PostId::new_unchecked(""),
        unit: unit.cloned().unwrap_or_else(|| UnitId::new_unchecked("")),
        title: String::new(),
        grade: Grade::Staff,
        field: Field::Security,
        impact: Impact::Normal,
        skills: Skills::default(),
        courses: Vec::new(),
        capacity: 1,
        closed: None,
    };
    Form::new(title(text::NEW_POST, lang, ""), post_fields(&p, false))
}

/// The post the form describes. With `base` (an edit) the id and the closing date
/// are the base's; a new post is open.
pub fn post_from_form(form: &Form, base: Option<&Post>) -> Result<Post, Vec<OpError>> {
    let mut r = Reader::new(form);
    let id = match base {
        Some(b) => Some(b.id.clone()),
        None => r.id("id", PostId::parse),
    };
    let unit = r.id("unit", UnitId::parse);
    let title = r.text("title", TextKind::Line, true);
    let grade = r.value("grade", Grade::parse);
    let field = r.value("field", Field::parse);
    let impact = r.value("impact", Impact::parse);
    let skills = r.check("skills", Skills::parse(r.raw("skills")));
    let courses = r.list("courses", |s| CourseId::parse(&id_text(s)));
    let capacity = r.value("capacity", capacity);
    let post = (|| {
        Some(Post {
            id: id?,
            unit: unit?,
            title: title?,
            grade: grade?,
            field: field?,
            impact: impact?,
            skills: skills?,
            courses: courses?,
            capacity: capacity?,
            closed: base.and_then(|b| b.closed),
        })
    })();
    r.done(post)
}

fn unit_fields(u: &Unit, locked_id: bool) -> Vec<FormField> {
    vec![
        id_field("id", text::UNIT_ID, u.id.as_str(), locked_id),
        FormField::new("name", text::UNIT_NAME, FieldKind::Text, &u.name).required(),
        FormField::new("name_en", text::UNIT_NAME_EN, FieldKind::Text, &u.name_en),
        FormField::new(
            "parent",
            text::PARENT,
            FieldKind::Text,
            u.parent.as_ref().map_or("", UnitId::as_str),
        )
        .hint(text::H_PARENT),
    ]
}

/// The form renaming or moving a unit. The id cannot be changed.
pub fn unit_form(u: &Unit, lang: Lang) -> Form {
    Form::new(
        title(text::EDIT_UNIT, lang, &format!("{} {}", u.id, u.name)),
        unit_fields(u, true),
    )
}

/// The form for a new unit under `parent` (a top unit when `None`).
pub fn new_unit_form(parent: Option<&UnitId>, lang: Lang) -> Form {
    let u = Unit {
        id: UnitId::new_unchecked(""),
        name: String::new(),
        name_en: String::new(),
        parent: parent.cloned(),
    };
    Form::new(title(text::NEW_UNIT, lang, ""), unit_fields(&u, false))
}

/// The unit the form describes. With `base` (an edit) the id is the base's.
pub fn unit_from_form(form: &Form, base: Option<&Unit>) -> Result<Unit, Vec<OpError>> {
    let mut r = Reader::new(form);
    let id = match base {
        Some(b) => Some(b.id.clone()),
        None => r.id("id", UnitId::parse),
    };
    let name = r.text("name", TextKind::Line, true);
    let name_en = r.text("name_en", TextKind::Line, false);
    let parent = r.optional("parent", |s| UnitId::parse(&id_text(s)));
    let unit = (|| {
        Some(Unit {
            id: id?,
            name: name?,
            name_en: name_en?,
            parent: parent?,
        })
    })();
    r.done(unit)
}

/// The one-field date prompt of assign (`key` "from"), end, transfer and close
/// (`key` "on"), holding `default` (today, usually).
pub fn date_form(title: impl Into<String>, key: &'static str, default: Date) -> Form {
    let label = match key {
        "from" => text::DATE_FROM,
        "on" => text::DATE_ON,
        _ => text::DATE,
    };
    Form::new(
        title,
        vec![FormField::new(key, label, FieldKind::Date, &iso(default))
            .required()
            .hint(text::H_DATE)],
    )
}

/// The date of a date form (its first field), or why not under the field's key.
pub fn date_from_form(form: &Form) -> Result<Date, Vec<OpError>> {
    let Some(f) = form.fields.first() else {
        return Err(vec![OpError {
            field: "on",
            message: "the form has no date".into(),
        }]);
    };
    let mut r = Reader::new(form);
    let d = r.value(f.key, parse_date);
    r.done(d)
}
