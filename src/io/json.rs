//! Importing the JSON export document, all or nothing like CSV: parse, check ids and
//! skills, overlay on the database's dataset, validate.

use super::encoding::{decode, EncodingChoice};
use super::import::ImportPlan;
use super::problem::{io_reason, Problem, DATABASE};
use crate::domain::dataset::DOCUMENT_FORMAT;
use crate::domain::ids::id_problem;
use crate::domain::records::{skill_name, Skills};
use crate::domain::{validate, ChangeSet, Dataset, Document, RecordRef};
use std::path::Path;

/// Plans the import of a JSON export document.
pub fn plan_json(path: &Path, base: &Dataset) -> Result<ImportPlan, Vec<Problem>> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| vec![Problem::file(&file, io_reason(&e))])?;
    plan_json_bytes(path, &bytes, base)
}

/// Plans the import of a JSON export document already read from `path`.
pub fn plan_json_bytes(
    path: &Path,
    bytes: &[u8],
    base: &Dataset,
) -> Result<ImportPlan, Vec<Problem>> {
    let file = path.display().to_string();
    let text = decode(&file, bytes, EncodingChoice::Utf8).map_err(|p| vec![p])?;
    if text.trim().is_empty() {
        return Err(vec![Problem::at(&file, 1, "json", "the file is empty")]);
    }
    let doc: Document = serde_json::from_str(&text).map_err(|e| {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let reason = full.strip_suffix(&suffix).unwrap_or(&full);
        // The column goes with the reason: a JSON file written on one line has
        // nothing else to go by.
        let (line, col) = place(&text, e.line(), e.column());
        let reason = format!("{reason} at column {col}");
        vec![Problem::at(&file, line, "json", reason)]
    })?;
    if doc.format != DOCUMENT_FORMAT {
        return Err(vec![Problem::file(
            &file,
            format!(
                "format is '{}', not '{DOCUMENT_FORMAT}'; this is not a jinzai export",
                crate::domain::text::clip(&doc.format, 40)
            ),
        )]);
    }
    let schema = doc.schema;
    let imported = Dataset::from_document(doc).map_err(|dups| {
        dups.into_iter()
            .map(|d| Problem::file(&file, d))
            .collect::<Vec<_>>()
    })?;
    let mut problems = check_fields(&file, &imported);
    let mut merged = base.clone();
    merged.apply(&ChangeSet::fill(&imported));
    for v in validate(&merged) {
        let from_file = super::import::holds(&imported, &v.record);
        let source = if from_file { file.as_str() } else { DATABASE };
        problems.push(Problem::record(
            source,
            v.record.to_string(),
            v.column,
            v.reason,
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (changes, counts) = ChangeSet::upserts(base, &imported);
    Ok(ImportPlan {
        merged,
        changes,
        counts,
        files: vec![path.to_path_buf()],
        warnings: Vec::new(),
        schema: Some(schema),
    })
}

/// Where serde_json puts an error, as a 1-based line and a 1-based column in
/// characters. serde_json counts the column in bytes, up to the last byte it
/// read; a line break it read is column 0 of the next line.
fn place(text: &str, line: usize, col: usize) -> (usize, usize) {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let Some(&start) = starts.get(line.max(1) - 1) else {
        return (line.max(1), col.max(1));
    };
    if col == 0 {
        return match line.checked_sub(2).and_then(|i| starts.get(i)) {
            // The line break that ends the line before.
            Some(&prev) => (line - 1, text[prev..start - 1].chars().count() + 1),
            None => (1, 1),
        };
    }
    let chars = text[start..]
        .char_indices()
        .take_while(|(i, _)| *i < col)
        .count();
    (line, chars.max(1))
}

/// What CSV parsing checks but JSON deserialising does not: id forms and skills.
fn check_fields(file: &str, ds: &Dataset) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut id = |r: RecordRef, s: &str| {
        if let Some(p) = id_problem(s) {
            out.push(Problem::record(
                file,
                r.to_string(),
                "id",
                format!("'{s}' {p}"),
            ));
        }
    };
    ds.units
        .keys()
        .for_each(|k| id(RecordRef::Unit(k.clone()), k.as_str()));
    ds.posts
        .keys()
        .for_each(|k| id(RecordRef::Post(k.clone()), k.as_str()));
    ds.staff
        .keys()
        .for_each(|k| id(RecordRef::Staff(k.clone()), k.as_str()));
    ds.courses
        .keys()
        .for_each(|k| id(RecordRef::Course(k.clone()), k.as_str()));
    ds.sessions
        .keys()
        .for_each(|k| id(RecordRef::Session(k.clone()), k.as_str()));
    let skills = ds
        .posts
        .values()
        .map(|p| (RecordRef::Post(p.id.clone()), &p.skills))
        .chain(
            ds.staff
                .values()
                .map(|s| (RecordRef::Staff(s.id.clone()), &s.skills)),
        );
    for (r, sk) in skills {
        for (name, level) in &sk.0 {
            let bad_name = skill_name(name).ok().as_deref() != Some(name.as_str());
            if bad_name || !(1..=Skills::MAX_LEVEL).contains(level) {
                out.push(Problem::record(
                    file,
                    r.to_string(),
                    "skills",
                    format!("'{name}:{level}' is not a skill name with a level 1-4"),
                ));
            }
        }
    }
    out
}
