//! Planning an import: find the files, read every row of every file, overlay them on
//! the database's dataset, validate the result and map each violation back to the
//! line that caused it. All or nothing: any problem and there is no plan.

use super::cells::{resolve_wish, Cells};
use super::encoding::{decode, EncodingChoice};
use super::headers::{match_header, Kind};
use super::problem::{io_reason, Problem, DATABASE};
use super::rows::{parse_row, row_key, stub};
use crate::domain::{
    validate, ChangeSet, Counts, Dataset, Record, RecordRef, SessionId, StaffId, Wish,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// What an import would do. Apply `changes` to the store to carry it out.
#[derive(Debug, Clone)]
pub struct ImportPlan {
    /// The database's dataset with the imported records laid over it.
    pub merged: Dataset,
    /// The puts that turn the database into `merged` (nothing is deleted).
    pub changes: ChangeSet,
    /// Added, updated and unchanged records per kind (`units`, `posts`, ...).
    pub counts: BTreeMap<&'static str, Counts>,
    /// The files read, in the order read.
    pub files: Vec<PathBuf>,
    /// Things worth saying that did not stop the import (files ignored).
    pub warnings: Vec<String>,
    /// The schema version a JSON document declared; `None` for CSV.
    pub schema: Option<u32>,
}

/// Plans the import of a file (`staff.csv`, `職員.csv`, `export.json`, ...) or a
/// directory of CSV files against `base`, the dataset the database holds now.
pub fn plan_import(
    path: &Path,
    encoding: EncodingChoice,
    base: &Dataset,
) -> Result<ImportPlan, Vec<Problem>> {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| vec![Problem::file(&shown, io_reason(&e))])?;
    if meta.is_dir() {
        let (sources, warnings) = list_dir(path)?;
        return import_csv(&sources, encoding, base, warnings);
    }
    if !meta.is_file() {
        return Err(vec![Problem::file(&shown, "is not a file or a directory")]);
    }
    let is_json = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        return super::json::plan_json(path, base);
    }
    match Kind::from_file_name(path) {
        Some(kind) => import_csv(&[(kind, path.to_path_buf())], encoding, base, Vec::new()),
        None => Err(vec![Problem::file(
            &shown,
            format!(
                "cannot tell what the file holds from its name; name it {}, or give a .json export",
                expected_names()
            ),
        )]),
    }
}

fn expected_names() -> String {
    let names: Vec<String> = Kind::ALL.iter().map(|k| k.file_name()).collect();
    names.join(", ")
}

/// Files to import, each with its kind, in dependency order.
type Sources = Vec<(Kind, PathBuf)>;

/// The import files a directory holds, in dependency order, and warnings for the rest.
fn list_dir(dir: &Path) -> Result<(Sources, Vec<String>), Vec<Problem>> {
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
type Table = Vec<(usize, Vec<String>)>;

/// Reads and decodes a CSV file into rows; the header is the first row.
fn read_table(path: &Path, file: &str, encoding: EncodingChoice) -> Result<Table, Problem> {
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

/// Problems, each with the rank of its file (files in reading order, then the
/// database) so they print grouped by file and line.
struct Found(Vec<(usize, Problem)>);

impl Found {
    fn push(&mut self, rank: usize, p: Problem) {
        self.0.push((rank, p));
    }
    fn into_sorted(mut self) -> Vec<Problem> {
        self.0.sort_by_key(|(rank, p)| (*rank, p.line.unwrap_or(0)));
        self.0.into_iter().map(|(_, p)| p).collect()
    }
}

fn import_csv(
    sources: &[(Kind, PathBuf)],
    encoding: EncodingChoice,
    base: &Dataset,
    warnings: Vec<String>,
) -> Result<ImportPlan, Vec<Problem>> {
    let names: Vec<String> = sources
        .iter()
        .map(|(_, p)| p.display().to_string())
        .collect();
    let mut found = Found(Vec::new());
    let mut complete = true;
    let mut imported = Dataset::default();
    let mut origin: HashMap<RecordRef, (usize, usize)> = HashMap::new();
    let mut first_line: HashMap<RecordRef, usize> = HashMap::new();
    let mut failed: Vec<Record> = Vec::new();
    let mut wishes: Vec<(StaffId, Vec<String>, usize, usize)> = Vec::new();

    for (rank, (kind, path)) in sources.iter().enumerate() {
        let file = &names[rank];
        let table = match read_table(path, file, encoding) {
            Ok(t) => t,
            Err(p) => {
                complete = false;
                found.push(rank, p);
                continue;
            }
        };
        let (hline, header) = &table[0];
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let cols = match match_header(*kind, file, *hline, &header) {
            Ok(c) => c,
            Err(ps) => {
                complete = false;
                ps.into_iter().for_each(|p| found.push(rank, p));
                continue;
            }
        };
        for (line, fields) in &table[1..] {
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let key = row_key(*kind, &mut Cells::new(fields, &cols));
            if let Some(k) = &key {
                if let Some(first) = first_line.get(k) {
                    let col = if kind.columns()[0].name == "id" {
                        "id"
                    } else {
                        "key"
                    };
                    found.push(
                        rank,
                        Problem::at(file, *line, col, format!("duplicate of line {first}")),
                    );
                    continue;
                }
                first_line.insert(k.clone(), *line);
            }
            let extra = fields[cols.width.min(fields.len())..]
                .iter()
                .any(|f| !f.trim().is_empty());
            if fields.len() < cols.width || extra {
                let reason = format!(
                    "has {} fields but the header has {}",
                    fields.len(),
                    cols.width
                );
                found.push(rank, Problem::at(file, *line, "row", reason));
                failed.extend(key.as_ref().and_then(|k| stub_for(k, fields, &cols)));
                continue;
            }
            let mut cells = Cells::new(fields, &cols);
            match parse_row(*kind, &mut cells, base) {
                Some(p) => {
                    origin.insert(p.record.record_ref(), (rank, *line));
                    if let Record::Staff(s) = &p.record {
                        wishes.push((s.id.clone(), p.wishes, rank, *line));
                    }
                    imported.apply(&ChangeSet {
                        changes: vec![crate::domain::Change::Put(p.record)],
                    });
                }
                None => {
                    for (col, reason) in cells.errors {
                        found.push(rank, Problem::at(file, *line, col, reason));
                    }
                    failed.extend(key.as_ref().and_then(|k| stub_for(k, fields, &cols)));
                }
            }
        }
    }

    let mut merged = base.clone();
    merged.apply(&ChangeSet::fill(&imported));
    if complete {
        // Stand-ins for failed rows, so references to them raise no second problem.
        let mut check = merged.clone();
        let mut stubs = HashSet::new();
        for r in failed {
            if !holds(&check, &r.record_ref()) {
                stubs.insert(r.record_ref());
                check.apply(&ChangeSet {
                    changes: vec![crate::domain::Change::Put(r)],
                });
            }
        }
        for (id, tokens, rank, line) in wishes {
            let mut list: Vec<Wish> = Vec::new();
            for t in &tokens {
                match resolve_wish(t, &check) {
                    Ok(w) if list.contains(&w) => {
                        let reason = format!("'{t}' is listed twice");
                        found.push(rank, Problem::at(&names[rank], line, "wishes", reason));
                    }
                    Ok(w) => list.push(w),
                    Err(e) => found.push(rank, Problem::at(&names[rank], line, "wishes", e)),
                }
            }
            for ds in [&mut imported, &mut merged, &mut check] {
                if let Some(s) = ds.staff.get_mut(&id) {
                    s.wishes = list.clone();
                }
            }
        }
        for v in validate(&check) {
            if stubs.contains(&v.record) {
                continue;
            }
            match origin.get(&v.record) {
                Some(&(rank, line)) => {
                    found.push(rank, Problem::at(&names[rank], line, v.column, v.reason))
                }
                None => found.push(
                    sources.len(),
                    Problem::record(DATABASE, v.record.to_string(), v.column, v.reason),
                ),
            }
        }
    }
    if !found.0.is_empty() {
        return Err(found.into_sorted());
    }
    let (changes, counts) = ChangeSet::upserts(base, &imported);
    Ok(ImportPlan {
        merged,
        changes,
        counts,
        files: sources.iter().map(|(_, p)| p.clone()).collect(),
        warnings,
        schema: None,
    })
}

/// A stand-in for a failed row; a session keeps its course when that cell reads.
fn stub_for(key: &RecordRef, fields: &[String], cols: &super::headers::Columns) -> Option<Record> {
    let mut r = stub(key)?;
    if let Record::Session(s) = &mut r {
        if let Some(c) = Cells::new(fields, cols).id("course", crate::domain::CourseId::parse) {
            s.course = c;
        }
    }
    Some(r)
}

/// Whether a dataset holds a record with this key.
pub fn holds(ds: &Dataset, r: &RecordRef) -> bool {
    match r {
        RecordRef::Unit(k) => ds.units.contains_key(k),
        RecordRef::Post(k) => ds.posts.contains_key(k),
        RecordRef::Staff(k) => ds.staff.contains_key(k),
        RecordRef::Course(k) => ds.courses.contains_key(k),
        RecordRef::Session(k) => ds.sessions.contains_key::<SessionId>(k),
        RecordRef::Assignment(k) => ds.assignments.contains_key(k),
        RecordRef::Enrollment(k) => ds.enrollments.contains_key(k),
    }
}
