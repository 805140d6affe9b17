//! Planning an import: find the files, read every row of every file, overlay them on
//! the database's dataset, validate the result and map each violation back to the
//! line that caused it. All or nothing: any problem and there is no plan.

use super::cells::{resolve_wish, Cells};
use super::encoding::EncodingChoice;
use super::files::{expected_names, list_dir, read_table};
use super::headers::{match_header, Columns, Kind};
use super::problem::{io_reason, Problem, DATABASE};
use super::rows::{parse_row, row_key, stub};
use crate::domain::{
    validate, Change, ChangeSet, Counts, Dataset, Record, RecordRef, SessionId, StaffId, Wish,
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

/// What reading the files has gathered so far.
struct Reading<'a> {
    base: &'a Dataset,
    names: Vec<String>,
    found: Found,
    /// Every file read and its header understood: only then are references checked.
    complete: bool,
    /// The records the files define, and the file and line of each.
    imported: Dataset,
    origin: HashMap<RecordRef, (usize, usize)>,
    first_line: HashMap<RecordRef, usize>,
    /// Stand-ins for rows that failed.
    failed: Vec<Record>,
    /// Staff wishes, resolved once every file is read: (staff, tokens, file, line).
    wishes: Vec<(StaffId, Vec<String>, usize, usize)>,
}

fn import_csv(
    sources: &[(Kind, PathBuf)],
    encoding: EncodingChoice,
    base: &Dataset,
    warnings: Vec<String>,
) -> Result<ImportPlan, Vec<Problem>> {
    let mut r = Reading {
        base,
        names: sources
            .iter()
            .map(|(_, p)| p.display().to_string())
            .collect(),
        found: Found(Vec::new()),
        complete: true,
        imported: Dataset::default(),
        origin: HashMap::new(),
        first_line: HashMap::new(),
        failed: Vec::new(),
        wishes: Vec::new(),
    };
    for (rank, (kind, path)) in sources.iter().enumerate() {
        r.read_file(rank, *kind, path, encoding);
    }
    let merged = r.check(sources.len());
    if !r.found.0.is_empty() {
        return Err(r.found.into_sorted());
    }
    let (changes, counts) = ChangeSet::upserts(base, &r.imported);
    Ok(ImportPlan {
        merged,
        changes,
        counts,
        files: sources.iter().map(|(_, p)| p.clone()).collect(),
        warnings,
        schema: None,
    })
}

impl Reading<'_> {
    fn read_file(&mut self, rank: usize, kind: Kind, path: &Path, encoding: EncodingChoice) {
        let file = self.names[rank].clone();
        let table = match read_table(path, &file, encoding) {
            Ok(t) => t,
            Err(p) => {
                self.complete = false;
                return self.found.push(rank, p);
            }
        };
        let (hline, header) = &table[0];
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let cols = match match_header(kind, &file, *hline, &header) {
            Ok(c) => c,
            Err(ps) => {
                self.complete = false;
                return ps.into_iter().for_each(|p| self.found.push(rank, p));
            }
        };
        for (line, fields) in &table[1..] {
            if !fields.iter().all(|f| f.trim().is_empty()) {
                self.read_row(rank, kind, *line, fields, &cols);
            }
        }
    }

    fn read_row(
        &mut self,
        rank: usize,
        kind: Kind,
        line: usize,
        fields: &[String],
        cols: &Columns,
    ) {
        let file = &self.names[rank];
        let key = row_key(kind, &mut Cells::new(fields, cols));
        if let Some(k) = &key {
            if let Some(first) = self.first_line.get(k) {
                let col = if kind.columns()[0].name == "id" {
                    "id"
                } else {
                    "key"
                };
                let p = Problem::at(file, line, col, format!("duplicate of line {first}"));
                return self.found.push(rank, p);
            }
            self.first_line.insert(k.clone(), line);
        }
        let stub = || key.as_ref().and_then(|k| stub_for(k, fields, cols));
        let extra = fields[cols.width.min(fields.len())..]
            .iter()
            .any(|f| !f.trim().is_empty());
        if fields.len() < cols.width || extra {
            let reason = format!(
                "has {} fields but the header has {}",
                fields.len(),
                cols.width
            );
            self.found
                .push(rank, Problem::at(file, line, "row", reason));
            return self.failed.extend(stub());
        }
        let mut cells = Cells::new(fields, cols);
        let Some(parsed) = parse_row(kind, &mut cells, self.base) else {
            for (col, reason) in cells.errors {
                self.found.push(rank, Problem::at(file, line, col, reason));
            }
            return self.failed.extend(stub());
        };
        self.origin.insert(parsed.record.record_ref(), (rank, line));
        if let Record::Staff(s) = &parsed.record {
            self.wishes.push((s.id.clone(), parsed.wishes, rank, line));
        }
        self.imported.apply(&ChangeSet {
            changes: vec![Change::Put(parsed.record)],
        });
    }

    /// Overlays the rows on the base, resolves wishes and validates; returns the
    /// merged dataset. `db_rank` orders database problems after every file's.
    fn check(&mut self, db_rank: usize) -> Dataset {
        let mut merged = self.base.clone();
        merged.apply(&ChangeSet::fill(&self.imported));
        if !self.complete {
            return merged;
        }
        // Stand-ins for failed rows, so references to them raise no second problem.
        let mut check = merged.clone();
        let mut stubs = HashSet::new();
        for r in std::mem::take(&mut self.failed) {
            if !holds(&check, &r.record_ref()) {
                stubs.insert(r.record_ref());
                check.apply(&ChangeSet {
                    changes: vec![Change::Put(r)],
                });
            }
        }
        for (id, tokens, rank, line) in std::mem::take(&mut self.wishes) {
            let mut list: Vec<Wish> = Vec::new();
            for t in &tokens {
                match resolve_wish(t, &check) {
                    Ok(w) => list.push(w),
                    Err(e) => {
                        let p = Problem::at(&self.names[rank], line, "wishes", e);
                        self.found.push(rank, p);
                    }
                }
            }
            for ds in [&mut self.imported, &mut merged, &mut check] {
                if let Some(s) = ds.staff.get_mut(&id) {
                    s.wishes = list.clone();
                }
            }
        }
        for v in validate(&check) {
            if stubs.contains(&v.record) {
                continue;
            }
            let p = match self.origin.get(&v.record) {
                Some(&(rank, line)) => (
                    rank,
                    Problem::at(&self.names[rank], line, v.column, v.reason),
                ),
                None => (
                    db_rank,
                    Problem::record(DATABASE, v.record.to_string(), v.column, v.reason),
                ),
            };
            self.found.push(p.0, p.1);
        }
        merged
    }
}

/// A stand-in for a failed row; a session keeps its course when that cell reads.
fn stub_for(key: &RecordRef, fields: &[String], cols: &Columns) -> Option<Record> {
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
