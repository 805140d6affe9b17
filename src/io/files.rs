//! Finding the files to import (a directory's import files, in dependency order) and
//! reading one CSV file into rows with the physical line each starts on.

use super::encoding::{decode, EncodingChoice};
use super::headers::Kind;
use super::problem::{io_reason, Problem};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub fn expected_names() -> String {
    let names: Vec<String> = Kind::ALL.iter().map(|k| k.file_name()).collect();
    names.join(", ")
}

/// Files to import, each with its kind, in dependency order.
pub type Sources = Vec<(Kind, PathBuf)>;

/// The import files a directory holds, in dependency order, and warnings for the rest.
pub fn list_dir(dir: &Path) -> Result<(Sources, Vec<String>), Vec<Problem>> {
    let shown = dir.display().to_string();
    let cannot = |e: std::io::Error| {
        vec![Problem::file(
            &shown,
            format!("cannot list the directory: {}", io_reason(&e)),
        )]
    };
    let mut found: BTreeMap<Kind, PathBuf> = BTreeMap::new();
    let (mut warnings, mut problems) = (Vec::new(), Vec::new());
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(cannot)? {
        entries.push(entry.map_err(cannot)?.path());
    }
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        match Kind::from_file_name(&p).filter(|_| p.is_file()) {
            Some(kind) => {
                if let Some(first) = found.get(&kind) {
                    problems.push(Problem::file(
                        &p.display().to_string(),
                        format!(
                            "{} also holds {}; keep one of them",
                            first.display(),
                            kind.name()
                        ),
                    ));
                } else {
                    found.insert(kind, p);
                }
            }
            None => warnings.push(format!(
                "{}: ignored; a directory import reads only {}",
                p.display(),
                expected_names()
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if found.is_empty() {
        return Err(vec![Problem::file(
            &shown,
            format!("holds none of {}", expected_names()),
        )]);
    }
    Ok((found.into_iter().collect(), warnings))
}

/// One file's rows: the 1-based line each starts on, and its fields.
pub type Table = Vec<(usize, Vec<String>)>;

/// Reads and decodes a CSV file into rows; the header is the first row.
pub fn read_table(path: &Path, file: &str, encoding: EncodingChoice) -> Result<Table, Problem> {
    let bytes = fs::read(path).map_err(|e| Problem::file(file, io_reason(&e)))?;
    let text = decode(file, &bytes, encoding)?;
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize).unwrap_or(1);
            Problem::at(file, line, "", e.to_string())
        })?;
        // The position is where reading began, before the previous line break and any
        // blank lines; the record starts at the first byte after them.
        let mut at = rec.position().map(|p| p.byte() as usize).unwrap_or(0);
        while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        let line = 1 + newlines.partition_point(|&nl| nl < at);
        rows.push((line, rec.iter().map(str::to_string).collect()));
    }
    if rows.is_empty() {
        return Err(Problem::at(file, 1, "header", "the file is empty"));
    }
    Ok(rows)
}
