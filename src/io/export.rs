//! Export: the JSON document and the seven CSV files, in canonical form (English
//! headers and codes, ISO dates, `;` lists), each file written atomically.

use super::cells::wish_token;
use super::headers::Kind;
use crate::domain::date::{iso, Date};
use crate::domain::Dataset;
use serde::Serialize;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The dataset as one pretty-printed JSON document, records in key order, ending in
/// a newline.
pub fn export_json(ds: &Dataset, schema: u32) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and a document holds only strings, numbers,
    // lists and string-keyed maps, which always serialise.
    write_export_json(ds, schema, &mut out).expect("a document always serialises");
    // serde_json writes UTF-8 only.
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Writes what [`export_json`] returns to `w`, byte for byte, without building the
/// document in memory first (backups of a large database use this).
pub fn write_export_json<W: Write>(ds: &Dataset, schema: u32, mut w: W) -> io::Result<()> {
    let doc = DocumentRef {
        format: crate::domain::dataset::DOCUMENT_FORMAT,
        schema,
        units: Values(&ds.units),
        posts: Values(&ds.posts),
        staff: Values(&ds.staff),
        courses: Values(&ds.courses),
        sessions: Values(&ds.sessions),
        assignments: Values(&ds.assignments),
        enrollments: Values(&ds.enrollments),
    };
    serde_json::to_writer_pretty(&mut w, &doc).map_err(io::Error::from)?;
    w.write_all(b"\n")
}

/// `crate::domain::Document` borrowed from a dataset: the same fields in the same
/// order, so it serialises to the same bytes.
#[derive(Serialize)]
struct DocumentRef<'a> {
    format: &'a str,
    schema: u32,
    units: Values<'a, crate::domain::UnitId, crate::domain::Unit>,
    posts: Values<'a, crate::domain::PostId, crate::domain::Post>,
    staff: Values<'a, crate::domain::StaffId, crate::domain::Staff>,
    courses: Values<'a, crate::domain::CourseId, crate::domain::Course>,
    sessions: Values<'a, crate::domain::SessionId, crate::domain::Session>,
    assignments: Values<'a, crate::domain::AssignmentKey, crate::domain::Assignment>,
    enrollments: Values<'a, crate::domain::EnrollmentKey, crate::domain::Enrollment>,
}

/// A map's values as a JSON array, without copying them.
struct Values<'a, K, V>(&'a std::collections::BTreeMap<K, V>);

impl<K, V: Serialize> Serialize for Values<'_, K, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.values())
    }
}

/// Writes the JSON document to a file, atomically.
pub fn write_json(ds: &Dataset, schema: u32, path: &Path) -> io::Result<()> {
    write_atomic(path, export_json(ds, schema).as_bytes())
}

/// Writes the seven CSV files into `dir` (created if missing); returns their paths.
pub fn export_csv(ds: &Dataset, dir: &Path) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for kind in Kind::ALL {
        let path = dir.join(kind.file_name());
        write_atomic(&path, &csv_bytes(ds, kind)?)?;
        written.push(path);
    }
    Ok(written)
}

/// Replaces a file with `bytes` via a temporary file in the same directory and a
/// rename, so a reader sees the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn date(d: Option<Date>) -> String {
    d.map(iso).unwrap_or_default()
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

fn list<T: ToString>(items: &[T]) -> String {
    items.iter().map(T::to_string).collect::<Vec<_>>().join(";")
}

/// One kind's rows as canonical strings, in key order.
fn rows(ds: &Dataset, kind: Kind) -> Vec<Vec<String>> {
    match kind {
        Kind::Units => ds
            .units
            .values()
            .map(|u| {
                let parent = u.parent.as_ref().map(|p| p.to_string()).unwrap_or_default();
                vec![u.id.to_string(), u.name.clone(), u.name_en.clone(), parent]
            })
            .collect(),
        Kind::Posts => ds
            .posts
            .values()
            .map(|p| {
                vec![
                    p.id.to_string(),
                    p.unit.to_string(),
                    p.title.clone(),
                    p.grade.code().into(),
                    p.field.code().into(),
                    p.impact.code().into(),
                    p.skills.to_string(),
                    list(&p.courses),
                    p.capacity.to_string(),
                    date(p.closed),
                ]
            })
            .collect(),
        Kind::Staff => ds
            .staff
            .values()
            .map(|s| {
                let wishes: Vec<String> = s.wishes.iter().map(|w| wish_token(w, ds)).collect();
                vec![
                    s.id.to_string(),
                    s.name.clone(),
                    s.kana.clone(),
                    s.birth_year.map(|y| y.to_string()).unwrap_or_default(),
                    s.grade.code().into(),
                    s.track.code().into(),
                    date(s.hired_on),
                    s.skills.to_string(),
                    yes_no(s.candidate),
                    s.status.code().into(),
                    wishes.join(";"),
                    s.notes.clone(),
                    date(s.grade_since),
                    date(s.status_until),
                    yes_no(s.promotable),
                    s.destination.clone(),
                ]
            })
            .collect(),
        Kind::Courses => ds
            .courses
            .values()
            .map(|c| {
                vec![
                    c.id.to_string(),
                    c.name.clone(),
                    c.provider.code().into(),
                    c.field.code().into(),
                    list(&c.grades),
                    c.days.to_string(),
                ]
            })
            .collect(),
        Kind::Sessions => ds
            .sessions
            .values()
            .map(|s| {
                vec![
                    s.id.to_string(),
                    s.course.to_string(),
                    iso(s.start),
                    iso(s.end),
                    s.capacity.to_string(),
                ]
            })
            .collect(),
        Kind::Assignments => ds
            .assignments
            .values()
            .map(|a| {
                vec![
                    a.staff.to_string(),
                    a.post.to_string(),
                    iso(a.start),
                    date(a.end),
                    yes_no(a.concurrent),
                ]
            })
            .collect(),
        Kind::Enrollments => ds
            .enrollments
            .values()
            .map(|e| {
                let session = e
                    .session
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                vec![
                    e.staff.to_string(),
                    e.course.to_string(),
                    session,
                    e.status.code().into(),
                    date(e.date),
                ]
            })
            .collect(),
    }
}

/// One CSV file's bytes: English header (optional columns included), LF line ends.
pub fn csv_bytes(ds: &Dataset, kind: Kind) -> io::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(kind.columns().iter().map(|c| c.name))?;
    for row in rows(ds, kind) {
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_dataset_gives_headers_only() {
        let ds = Dataset::default();
        let staff = String::from_utf8(csv_bytes(&ds, Kind::Staff).unwrap()).unwrap();
        assert_eq!(
            staff,
            "id,name,kana,birth_year,grade,track,hired_on,skills,candidate,status,wishes,notes,grade_since,status_until,promotable,destination\n"
        );
        let a = String::from_utf8(csv_bytes(&ds, Kind::Assignments).unwrap()).unwrap();
        assert_eq!(a, "staff,post,start,end,concurrent\n");
    }

    #[test]
    fn json_ends_with_newline() {
        let s = export_json(&Dataset::default(), 1);
        assert!(s.starts_with("{\n  \"format\": \"jinzai-export\",\n  \"schema\": 1,"));
        assert!(s.ends_with("}\n"));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
