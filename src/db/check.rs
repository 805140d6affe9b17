//! `jinzai check`: everything that can be verified about a database directory
//! without changing it.
//!
//! - the directory's mode (group or others must not be able to write it);
//! - that sled can open the store (else how to restore it from a backup);
//! - the records: references between them, overlapping assignments, capacities
//!   (`domain::validate`);
//! - the store's secondary indexes against its records;
//! - the audit file: numbering and hash chain, and that it ends at the store's
//!   head (see `audit::chain`); when it goes beyond the store, which of those
//!   records can be re-applied (see `super::repair`; `check --repair` does it).
//!
//! While another process writes the database, its store cannot be opened: the
//! records are checked in the writer's snapshot and the audit file on its own,
//! and the report says what was left out. Nothing here panics on bad data: a
//! failure to read is reported as a problem like any other.

use super::backup::{self, shell_quote};
use super::{files, lock, repair, snapshot, Holder, AUDIT_FILE, SNAPSHOT_FILE, STORE_SUBDIR};
use crate::audit::chain::{self, Anchor};
use crate::domain::{validate, Dataset};
use crate::store::{OpenOptions, SledStore, Store};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// One part of the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// What was checked: `files`, `store`, `records`, `indexes`, `audit log`.
    pub name: &'static str,
    /// One line on what was found, when it was checked.
    pub summary: String,
    /// Whether it was checked at all.
    pub checked: bool,
    pub problems: Vec<String>,
    pub notes: Vec<String>,
}

impl Section {
    fn new(name: &'static str) -> Section {
        Section {
            name,
            summary: String::new(),
            checked: true,
            problems: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn skipped(name: &'static str, why: impl Into<String>) -> Section {
        Section {
            checked: false,
            summary: why.into(),
            ..Section::new(name)
        }
    }
}

/// Every section, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub dir: PathBuf,
    pub sections: Vec<Section>,
}

impl Report {
    /// Whether every section that was checked passed.
    pub fn passed(&self) -> bool {
        self.sections.iter().all(|s| s.problems.is_empty())
    }

    pub fn problem_count(&self) -> usize {
        self.sections.iter().map(|s| s.problems.len()).sum()
    }
}

/// How to restore a store sled cannot open, for the messages that say so: the
/// exact `jinzai restore` command for the latest backup, into a new directory
/// beside `dir`.
pub fn restore_hint(dir: &Path) -> String {
    let d = dir.display();
    let new = backup::suggested_restore_dir(dir);
    let n = shell_quote(&new);
    let then = format!(
        "; then check it (jinzai check --db {n}) and use it: pass --db {n}, or once no \
         jinzai uses {d}, move {d} aside and {n} into its place. Changes made after the \
         backup are listed in {d}/{AUDIT_FILE}"
    );
    match backup::latest(dir) {
        Some(b) => format!(
            "to restore it from the latest backup, {} (taken {} UTC, {}), into a new \
             directory: jinzai restore {} --db {n}{then}",
            b.file,
            b.taken.strftime("%Y-%m-%d %H:%M"),
            b.reason,
            shell_quote(&std::path::absolute(&b.path).unwrap_or(b.path.clone())),
        ),
        None if dir.join(SNAPSHOT_FILE).is_file() => format!(
            "to restore it from the latest backup: there is none in {}; {d}/{SNAPSHOT_FILE} \
             holds every record as of its time: jinzai restore {} --db {n}{then}",
            backup::dir_of(dir).display(),
            shell_quote(&std::path::absolute(dir.join(SNAPSHOT_FILE)).unwrap_or_default()),
        ),
        None => format!(
            "to restore it from the latest backup: there is none in {} (and no {SNAPSHOT_FILE}); \
             restore a copy of the database directory, or an export, from elsewhere",
            backup::dir_of(dir).display()
        ),
    }
}

/// Checks the database in `dir`. `Err` only when there is no database there.
pub fn check(dir: &Path) -> Result<Report, super::DbError> {
    if !dir.exists() {
        return Err(super::DbError::Missing(dir.to_path_buf()));
    }
    if !dir.is_dir() {
        return Err(super::DbError::NotADirectory(dir.to_path_buf()));
    }
    let mut sections = vec![check_files(dir)];
    let audit_path = dir.join(AUDIT_FILE);
    match lock::held_by(dir) {
        Some(holder) => {
            sections.extend(while_written(dir, holder));
            sections.push(audit_section(&audit_path, None));
        }
        None => sections.extend(with_store(dir, &audit_path)),
    }
    Ok(Report {
        dir: dir.to_path_buf(),
        sections,
    })
}

fn mode_of(path: &Path) -> Option<u32> {
    std::fs::symlink_metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

fn check_files(dir: &Path) -> Section {
    let mut s = Section::new("files");
    match files::writable_by_others(dir) {
        Ok(Some(mode)) => s.problems.push(format!(
            "{} can be written by group or others (mode {mode:04o}): chmod 700 {}",
            dir.display(),
            dir.display()
        )),
        Ok(None) => {}
        Err(e) => s
            .problems
            .push(format!("cannot read the mode of {}: {e}", dir.display())),
    }
    for (name, want) in [
        (AUDIT_FILE, 0o600),
        (lock::LOCK_FILE, 0o600),
        (SNAPSHOT_FILE, 0o600),
        (STORE_SUBDIR, 0o700),
        ("", 0o700),
    ] {
        let path = match name {
            "" => dir.to_path_buf(),
            _ => dir.join(name),
        };
        if let Some(mode) = mode_of(&path) {
            if mode & 0o777 & !want != 0 && (!name.is_empty() || s.problems.is_empty()) {
                s.notes.push(format!(
                    "{} is mode {mode:04o}, wider than {want:04o} (a writable open narrows it)",
                    path.display()
                ));
            }
        }
    }
    s.summary = match mode_of(dir) {
        Some(m) => format!("directory mode {m:04o}"),
        None => "directory mode unknown".into(),
    };
    s
}

/// The records and indexes, from the store.
fn with_store(dir: &Path, audit_path: &Path) -> Vec<Section> {
    let opts = OpenOptions {
        read_only: true,
        ..OpenOptions::default()
    };
    let store_dir = dir.join(STORE_SUBDIR);
    let store = if store_dir.exists() {
        SledStore::open(&store_dir, &opts)
    } else {
        Err(crate::store::StoreError::Open {
            path: store_dir.clone(),
            reason: "there is no store here".into(),
        })
    };
    let store = match store {
        Ok(s) => s,
        Err(e) => {
            let mut s = Section::new("store");
            s.summary = "cannot be opened".into();
            s.problems.push(if super::is_in_use(&e) {
                format!("{e}; run jinzai check again when it is closed")
            } else if e.is_upgrade_needed() {
                // An older schema, not damage: any writable open upgrades it.
                format!(
                    "{e} (jinzai backup --db {} does, keeping a copy first)",
                    shell_quote(dir)
                )
            } else {
                format!("{e}; {}", restore_hint(dir))
            });
            return vec![
                s,
                Section::skipped("records", "not checked: the store cannot be opened"),
                Section::skipped("indexes", "not checked: the store cannot be opened"),
                audit_section(audit_path, None),
            ];
        }
    };
    let mut st = Section::new("store");
    st.summary = match store.schema_version() {
        Ok(v) => format!("opens (schema {v})"),
        Err(e) => {
            st.problems.push(e.to_string());
            "opens".into()
        }
    };
    let mut out = vec![st];
    let loaded = store.load();
    out.push(match &loaded {
        Ok(ds) => records_section(ds),
        Err(e) => {
            let mut s = Section::new("records");
            s.summary = "cannot be read".into();
            s.problems.push(format!("{e}; {}", restore_hint(dir)));
            s
        }
    });
    let mut ix = Section::new("indexes");
    match store.check_indexes() {
        Ok(problems) => {
            ix.summary = if problems.is_empty() {
                "consistent with the records".into()
            } else {
                "inconsistent".into()
            };
            ix.problems = problems;
        }
        Err(e) => {
            ix.summary = "cannot be read".into();
            ix.problems.push(e.to_string());
        }
    }
    out.push(ix);
    let mut anchor_problems = Vec::new();
    let head = store.log_head().unwrap_or_else(|e| {
        anchor_problems.push(format!("the store's audit head cannot be read: {e}"));
        None
    });
    let chain_start = store.log_chain_start().unwrap_or_else(|e| {
        anchor_problems.push(format!("the store's audit chain start cannot be read: {e}"));
        None
    });
    let entry = |seq| store.log_entry(seq).ok().flatten();
    let anchor = Anchor {
        head,
        chain_start,
        entry: &entry,
    };
    let mut audit = audit_section(audit_path, Some(&anchor));
    audit.problems.extend(anchor_problems);
    if let Ok(ds) = &loaded {
        match repair::behind(audit_path, &store, ds) {
            Ok(Some(b)) => {
                if audit.problems.is_empty() {
                    audit.problems.push(format!(
                        "{}: the file holds {} beyond the store's last record {}",
                        audit_path.display(),
                        b.range(),
                        b.store_last
                    ));
                }
                audit.notes.extend(b.lines(dir));
            }
            Ok(None) => {}
            Err(e) => audit.notes.push(format!(
                "whether the records beyond the store can be re-applied was not checked: {e}"
            )),
        }
    }
    out.push(audit);
    out
}

/// The records and indexes while another process writes: the snapshot only.
fn while_written(dir: &Path, holder: Option<Holder>) -> Vec<Section> {
    let by = match &holder {
        Some(h) => format!("{} since {}", h.who(), h.since()),
        None => "another process".into(),
    };
    let mut st = Section::skipped("store", format!("not opened: the database is open by {by}"));
    st.notes.push(
        "the records were checked in the writer's snapshot; the indexes and the store's \
         audit head are checked when no one has the database open"
            .into(),
    );
    let records = match snapshot::read(dir) {
        Ok((meta, ds, _)) => {
            let mut s = records_section(&ds);
            s.summary = format!(
                "{} (snapshot of {})",
                s.summary,
                lock::local_time(meta.taken)
            );
            s
        }
        Err(e) => Section::skipped("records", format!("not checked: no snapshot to read ({e})")),
    };
    vec![
        st,
        records,
        Section::skipped(
            "indexes",
            format!("not checked: the database is open by {by}"),
        ),
    ]
}

fn records_section(ds: &Dataset) -> Section {
    let mut s = Section::new("records");
    let counts: Vec<String> = ds
        .counts()
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    s.problems = validate(ds).iter().map(|v| v.to_string()).collect();
    s.summary = format!(
        "{}; references, overlaps and capacities {}",
        counts.join(", "),
        if s.problems.is_empty() {
            "are sound"
        } else {
            "have problems"
        }
    );
    s
}

fn audit_section(path: &Path, anchor: Option<&Anchor>) -> Section {
    let mut s = Section::new("audit log");
    match chain::verify(path, anchor) {
        Ok(r) => {
            s.summary = match (r.lines, r.is_ok()) {
                (0, true) => "empty".into(),
                (n, true) => format!(
                    "{}, hash chain intact{}",
                    plural(n, "record"),
                    if anchor.is_some() {
                        format!(", ends at the store's head (record {})", r.last)
                    } else {
                        String::new()
                    }
                ),
                (n, false) => format!("{}; the first bad one:", plural(n, "line")),
            };
            s.problems.extend(r.problem);
            s.notes = r.notes;
        }
        Err(e) => {
            s.summary = "cannot be read".into();
            s.problems.push(e.to_string());
        }
    }
    s
}

/// `1 record`, `2 records`.
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
