//! Reading the cells of one CSV row: ids, text, vocabulary words, dates, numbers,
//! lists and skills, each error kept against its column. Also wishes, which resolve
//! against a dataset, in both directions.

use super::headers::Columns;
use crate::domain::date::{parse_date, parse_year, Date};
use crate::domain::records::{Skills, Wish};
use crate::domain::text::{clean_text, clip, TextKind};
use crate::domain::vocab::{parse_yes_no, Field};
use crate::domain::{Dataset, PostId, UnitId};
use unicode_normalization::UnicodeNormalization;

/// The cells of one row, and the problems found reading them.
pub struct Cells<'a> {
    fields: &'a [String],
    cols: &'a Columns,
    /// (column, reason) in the order found.
    pub errors: Vec<(&'static str, String)>,
}

/// Splits a `;`-separated list (full-width `；` too), dropping empty items.
pub fn split_list(s: &str) -> Vec<String> {
    s.split([';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// An id as typed in a spreadsheet: NFC, trimmed, full-width ASCII made half-width.
pub fn id_text(raw: &str) -> String {
    raw.nfc()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

impl<'a> Cells<'a> {
    pub fn new(fields: &'a [String], cols: &'a Columns) -> Self {
        Cells {
            fields,
            cols,
            errors: Vec::new(),
        }
    }

    /// Whether the file has the column.
    pub fn has(&self, col: &str) -> bool {
        self.cols.get(col).is_some()
    }

    /// The cell's text; empty when the column is missing.
    pub fn raw(&self, col: &str) -> &'a str {
        self.cols
            .get(col)
            .and_then(|i| self.fields.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }

    fn fail<T>(&mut self, col: &'static str, reason: impl Into<String>) -> Option<T> {
        self.errors.push((col, reason.into()));
        None
    }

    fn check<T>(&mut self, col: &'static str, r: Result<T, String>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => self.fail(col, e),
        }
    }

    fn required(&mut self, col: &'static str) -> Option<&'a str> {
        let s = self.raw(col);
        if s.trim().is_empty() {
            return self.fail(col, "is empty");
        }
        Some(s)
    }

    /// A value read with `parse`, required.
    pub fn value<T>(
        &mut self,
        col: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let s = self.required(col)?;
        self.check(col, parse(s))
    }

    /// A value read with `parse`, or `None` when the cell is empty. The outer `None`
    /// is an error.
    pub fn optional<T>(
        &mut self,
        col: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        let s = self.raw(col);
        if s.trim().is_empty() {
            return Some(None);
        }
        match parse(s) {
            Ok(v) => Some(Some(v)),
            Err(e) => self.fail(col, e),
        }
    }

    /// A required id.
    pub fn id<T>(&mut self, col: &'static str, parse: fn(&str) -> Result<T, String>) -> Option<T> {
        self.value(col, |s| parse(&id_text(s)))
    }

    /// An id that may be empty.
    pub fn opt_id<T>(
        &mut self,
        col: &'static str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        self.optional(col, |s| parse(&id_text(s)))
    }

    /// A `;`-separated list read with `parse`, in the order written (a repeated item
    /// is kept, as the record types allow it and export writes it).
    pub fn list<T>(
        &mut self,
        col: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<Vec<T>> {
        let mut out = Vec::new();
        let mut ok = true;
        for item in split_list(self.raw(col)) {
            match parse(&item) {
                Ok(v) => out.push(v),
                Err(e) => {
                    ok = false;
                    self.errors.push((col, e));
                }
            }
        }
        ok.then_some(out)
    }

    /// Text checked by `clean_text`. Notes keep line breaks (CRLF read as LF).
    pub fn text(&mut self, col: &'static str, kind: TextKind, required: bool) -> Option<String> {
        let raw = self.raw(col);
        if required && raw.trim().is_empty() {
            return self.fail(col, "is empty");
        }
        let raw = match kind {
            TextKind::Note => raw.replace("\r\n", "\n").replace('\r', "\n"),
            TextKind::Line => raw.to_string(),
        };
        self.check(col, clean_text(&raw, kind))
    }

    pub fn date(&mut self, col: &'static str) -> Option<Date> {
        self.value(col, parse_date)
    }

    pub fn opt_date(&mut self, col: &'static str) -> Option<Option<Date>> {
        self.optional(col, parse_date)
    }

    pub fn year(&mut self, col: &'static str) -> Option<Option<i16>> {
        self.optional(col, parse_year)
    }

    /// yes/no; empty is no.
    pub fn yes_no(&mut self, col: &'static str) -> Option<bool> {
        let s = self.raw(col);
        self.check(col, parse_yes_no(s))
    }

    /// A whole number 0-65535 (rules on the range live in `validate`).
    pub fn count(&mut self, col: &'static str) -> Option<u16> {
        self.value(col, |s| {
            let f = crate::domain::vocab::fold(s);
            f.parse::<u16>().map_err(|_| {
                if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) {
                    format!("{f} is too large")
                } else {
                    format!("'{}' is not a whole number", clip(s.trim(), 20))
                }
            })
        })
    }

    pub fn skills(&mut self, col: &'static str) -> Option<Skills> {
        let s = self.raw(col);
        self.check(col, Skills::parse(s))
    }
}

/// Reads a wish: a field word, else a post id, else a unit id, else the explicit
/// forms `post:ID`, `unit:ID` and `field:CODE`.
pub fn resolve_wish(token: &str, ds: &Dataset) -> Result<Wish, String> {
    let t = id_text(token);
    if let Ok(f) = Field::parse(&t) {
        return Ok(Wish::Field(f));
    }
    let post = |s: &str| {
        let k = PostId::new_unchecked(s);
        ds.posts.contains_key(&k).then_some(Wish::Post(k))
    };
    let unit = |s: &str| {
        let k = UnitId::new_unchecked(s);
        ds.units.contains_key(&k).then_some(Wish::Unit(k))
    };
    if let Some(w) = post(&t).or_else(|| unit(&t)) {
        return Ok(w);
    }
    if let Some(w) = t.strip_prefix("post:").and_then(post) {
        return Ok(w);
    }
    if let Some(w) = t.strip_prefix("unit:").and_then(unit) {
        return Ok(w);
    }
    if let Some(f) = t.strip_prefix("field:").and_then(|r| Field::parse(r).ok()) {
        return Ok(Wish::Field(f));
    }
    Err(format!(
        "'{}' is not a field, a post id or a unit id",
        clip(&t, 40)
    ))
}

/// How a wish is written so that `resolve_wish` reads it back the same.
pub fn wish_token(w: &Wish, ds: &Dataset) -> String {
    let bare = w.to_string();
    if resolve_wish(&bare, ds).as_ref() == Ok(w) {
        return bare;
    }
    let prefix = match w {
        Wish::Post(_) => "post",
        Wish::Unit(_) => "unit",
        Wish::Field(_) => "field",
    };
    format!("{prefix}:{bare}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::{Post, Unit};
    use crate::domain::vocab::{Grade, Impact};

    fn ds() -> Dataset {
        let mut ds = Dataset::default();
        for id in ["U1", "P1"] {
            let u = UnitId::new_unchecked(id);
            ds.units.insert(
                u.clone(),
                Unit {
                    id: u,
                    name: "x".into(),
                    name_en: String::new(),
                    parent: None,
                },
            );
        }
        for id in ["P1", "Data"] {
            let p = PostId::new_unchecked(id);
            ds.posts.insert(
                p.clone(),
                Post {
                    id: p,
                    unit: UnitId::new_unchecked("U1"),
                    title: "t".into(),
                    grade: Grade::Staff,
                    field: Field::Pm,
                    impact: Impact::Normal,
                    skills: Skills::default(),
                    courses: vec![],
                    capacity: 1,
                    closed: None,
                },
            );
        }
        ds
    }

    #[test]
    fn wishes_resolve_field_then_post_then_unit() {
        let ds = ds();
        assert_eq!(
            resolve_wish("セキュリティ", &ds),
            Ok(Wish::Field(Field::Security))
        );
        assert_eq!(
            resolve_wish("P1", &ds),
            Ok(Wish::Post(PostId::new_unchecked("P1")))
        );
        assert_eq!(
            resolve_wish("Ｕ１", &ds),
            Ok(Wish::Unit(UnitId::new_unchecked("U1")))
        );
        assert_eq!(
            resolve_wish("X9", &ds).unwrap_err(),
            "'X9' is not a field, a post id or a unit id"
        );
    }

    #[test]
    fn ambiguous_wishes_are_written_with_a_prefix() {
        let ds = ds();
        let unit_p1 = Wish::Unit(UnitId::new_unchecked("P1"));
        let post_data = Wish::Post(PostId::new_unchecked("Data"));
        assert_eq!(wish_token(&unit_p1, &ds), "unit:P1");
        assert_eq!(wish_token(&post_data, &ds), "post:Data");
        assert_eq!(wish_token(&Wish::Field(Field::Data), &ds), "data");
        for w in [unit_p1, post_data] {
            assert_eq!(resolve_wish(&wish_token(&w, &ds), &ds), Ok(w));
        }
    }

    #[test]
    fn lists_split_on_both_semicolons() {
        assert_eq!(split_list(" a ;；b;"), vec!["a", "b"]);
    }
}
