//! When the audit log has gone further than the store: records in `audit.jsonl`
//! numbered beyond the store's last (the store lost its last transactions, an
//! older copy of it was put in place, or lines were added to the file).
//!
//! The other direction (the store committed records the file lacks, after a
//! crash between the two writes) is caught up by every writable open. This one
//! cannot be repaired blindly: a writable open refuses such a database, `check`
//! names the records and says whether each can be re-applied, and
//! `check --repair` re-applies them.
//!
//! A record can be re-applied when it lists every record it changed with its
//! value before and after, and the value before of each is what the store holds
//! (counting the records re-applied before it): then putting the values after
//! gives exactly the store as it was after that change. Its line is stored as
//! the store's audit entry, byte for byte, so the store's head is again the
//! file's last line. A record that holds only counts (an import, the demo fill,
//! a restore) cannot be re-applied: the records it wrote are not in the log.
//!
//! Re-applying trusts the file's lines: a line forged with a valid link would be
//! applied too. `check` lists them first, so a person decides.

use super::{lock, DbError, Result, STORE_SUBDIR};
use crate::audit::{self, chain, Actor, AuditRecord, AUDIT_FILE};
use crate::domain::text::clip;
use crate::domain::{Change, ChangeSet, Dataset, Record, RecordRef};
use crate::store::{OpenOptions, SledStore, Store};
use std::collections::HashMap;
use std::path::Path;

/// One record of the file that the store does not have.
#[derive(Debug, Clone)]
pub struct Missing {
    pub seq: u64,
    /// Its line in the file (from 1).
    pub line: usize,
    /// `record 7 (2026-11-26T12:03:04Z, sato, assign: assign E0412 …)`.
    pub describe: String,
    /// The change that re-applies it, or why it cannot be re-applied.
    pub redo: std::result::Result<ChangeSet, String>,
    /// The line's bytes, stored again as the store's audit entry.
    bytes: Vec<u8>,
}

/// The records the file holds beyond the store, and whether they can be
/// re-applied.
#[derive(Debug, Clone)]
pub struct Behind {
    /// The store's last audit number.
    pub store_last: u64,
    pub records: Vec<Missing>,
    /// Why none can be re-applied, whatever the records say.
    pub blocker: Option<String>,
}

impl Behind {
    /// Whether every record can be re-applied.
    pub fn repairable(&self) -> bool {
        self.blocker.is_none() && self.records.iter().all(|r| r.redo.is_ok())
    }

    /// `record 7` or `records 7–9`.
    pub fn range(&self) -> String {
        let first = self.records.first().map_or(0, |r| r.seq);
        let last = self.records.last().map_or(0, |r| r.seq);
        records_text(first, last)
    }

    /// One line per record: what it is and whether it can be re-applied; then
    /// what can be done.
    pub fn lines(&self, dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(b) = &self.blocker {
            out.push(format!("they cannot be re-applied: {b}"));
        }
        let file = dir.join(AUDIT_FILE);
        let file = file.display();
        for r in &self.records {
            out.push(match &r.redo {
                Ok(cs) if cs.changes.is_empty() => format!(
                    "{file}:{}: {}: can be re-applied (it changed no record)",
                    r.line, r.describe,
                ),
                Ok(cs) => format!(
                    "{file}:{}: {}: can be re-applied (the store holds the {} it changed as \
                     the log says {} before)",
                    r.line,
                    r.describe,
                    if cs.changes.len() == 1 {
                        "record".to_string()
                    } else {
                        format!("{} records", cs.changes.len())
                    },
                    if cs.changes.len() == 1 {
                        "it was"
                    } else {
                        "they were"
                    },
                ),
                Err(why) => format!(
                    "{file}:{}: {}: cannot be re-applied: {why}",
                    r.line, r.describe
                ),
            });
        }
        let d = super::backup::shell_quote(dir);
        out.push(if self.repairable() {
            format!(
                "jinzai check --repair --db {d} re-applies {} to the store (read {} first: \
                 a line added to the file by hand would be applied too)",
                self.range(),
                if self.records.len() == 1 {
                    "it"
                } else {
                    "them"
                }
            )
        } else {
            format!(
                "the store cannot be brought up to the log from the log alone; {}",
                restore_advice(dir)
            )
        });
        out
    }
}

/// `record 7` or `records 7–9`.
pub fn records_text(first: u64, last: u64) -> String {
    if first == last {
        format!("record {first}")
    } else {
        format!("records {first}–{last}")
    }
}

/// How to get a sound database back when the store cannot be repaired in place.
pub fn restore_advice(dir: &Path) -> String {
    let new = super::backup::suggested_restore_dir(dir);
    match super::backup::latest(dir) {
        Some(b) => format!(
            "restore the latest backup ({}) into a new directory: jinzai restore {} --db {}",
            b.file,
            super::backup::shell_quote(&b.path),
            super::backup::shell_quote(&new)
        ),
        None => format!(
            "there is no backup in {} to restore",
            super::backup::dir_of(dir).display()
        ),
    }
}

/// The line (from 1) of the first complete record numbered above `seq`.
pub fn first_line_after(path: &Path, seq: u64) -> Option<usize> {
    let bytes = std::fs::read(path).ok()?;
    let found = complete_lines(&bytes)
        .enumerate()
        .find(|(_, l)| seq_of(l).is_some_and(|s| s > seq))
        .map(|(i, _)| i + 1);
    found
}

fn complete_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let end = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    bytes[..end]
        .split(|&b| b == b'\n')
        .take(bytes[..end].iter().filter(|&&b| b == b'\n').count())
}

fn seq_of(line: &[u8]) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct SeqOnly {
        seq: u64,
    }
    serde_json::from_slice::<SeqOnly>(line).ok().map(|s| s.seq)
}

/// The records of the audit file at `path` numbered beyond the store's last,
/// with what re-applies each to `ds` (the store's records); `None` when there
/// are none.
pub fn behind(
    path: &Path,
    store: &SledStore,
    ds: &Dataset,
) -> std::result::Result<Option<Behind>, String> {
    let store_last = store.log_last().map_err(|e| e.to_string())?;
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let lines: Vec<&[u8]> = complete_lines(&bytes).collect();
    let beyond: Vec<(usize, &[u8])> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| seq_of(l).is_some_and(|s| s > store_last))
        .map(|(i, l)| (i + 1, *l))
        .collect();
    if beyond.is_empty() {
        return Ok(None);
    }
    let mut blocker = None;
    match chain::verify(path, None) {
        Ok(r) => {
            if let Some(p) = r.problem {
                blocker = Some(format!("the audit file itself is damaged: {p}"));
            }
        }
        Err(e) => blocker = Some(e.to_string()),
    }
    if blocker.is_none() && store_last > 0 {
        let head = store.log_head().map_err(|e| e.to_string())?;
        let at = lines
            .iter()
            .enumerate()
            .find(|(_, l)| seq_of(l) == Some(store_last));
        blocker = match (at, head) {
            (None, _) => Some(format!(
                "the file has no record {store_last}, the store's last, to follow on from"
            )),
            (Some((i, l)), Some((seq, hash)))
                if seq == store_last && audit::hash_line(l) != hash =>
            {
                Some(format!(
                    "line {} holds a record {store_last} that is not the store's record \
                     {store_last} (the file and the store went different ways)",
                    i + 1
                ))
            }
            _ => None,
        };
    }
    let mut overlay: HashMap<RecordRef, Option<Record>> = HashMap::new();
    let mut records = Vec::new();
    let mut stuck: Option<u64> = None;
    for (line, bytes) in beyond {
        let parsed = audit::parse_line(bytes);
        let (seq, describe) = match &parsed {
            Ok(r) => (r.seq, describe(r)),
            Err(_) => (
                seq_of(bytes).unwrap_or(0),
                format!("record {}", seq_of(bytes).unwrap_or(0)),
            ),
        };
        let redo = match (stuck, parsed) {
            (Some(k), _) => Err(format!(
                "not checked: record {k} before it cannot be re-applied"
            )),
            (None, Err(e)) => Err(format!("the line cannot be read: {e}")),
            (None, Ok(r)) => redo(&r, ds, &mut overlay),
        };
        if redo.is_err() && stuck.is_none() {
            stuck = Some(seq);
        }
        records.push(Missing {
            seq,
            line,
            describe,
            redo,
            bytes: bytes.to_vec(),
        });
    }
    Ok(Some(Behind {
        store_last,
        records,
        blocker,
    }))
}

/// `record 7 (2026-11-26T12:03:04Z, sato, assign: assign E0412 …)`.
fn describe(r: &AuditRecord) -> String {
    format!(
        "record {} ({}, {}, {}: {})",
        r.seq,
        r.ts,
        r.user,
        r.action,
        clip(&r.summary, 80)
    )
}

/// The change that re-applies `r` to the records (`ds` under `overlay`, the
/// records re-applied before it), updating `overlay`; or why it cannot.
fn redo(
    r: &AuditRecord,
    ds: &Dataset,
    overlay: &mut HashMap<RecordRef, Option<Record>>,
) -> std::result::Result<ChangeSet, String> {
    if r.changes.is_empty() {
        return match &r.counts {
            Some(c) if c.values().all(|k| k.added == 0 && k.updated == 0) => {
                Ok(ChangeSet::default())
            }
            Some(c) => {
                let added: usize = c.values().map(|k| k.added).sum();
                let updated: usize = c.values().map(|k| k.updated).sum();
                Err(format!(
                    "it holds only counts ({added} added, {updated} updated), not the \
                     records it wrote"
                ))
            }
            None => Err("it lists no changed records, so what it wrote is not known".into()),
        };
    }
    let mut cs = ChangeSet::default();
    // Checked on a copy, so a record that cannot be re-applied leaves the
    // overlay as it was.
    let mut seen = overlay.clone();
    for c in &r.changes {
        let Some(rref) = c
            .after
            .as_ref()
            .or(c.before.as_ref())
            .map(Record::record_ref)
        else {
            return Err(format!("{}: it has no value before nor after", c.record));
        };
        if rref.to_string() != c.record {
            return Err(format!("{}: its values are of {rref}", c.record));
        }
        let now = match seen.get(&rref) {
            Some(v) => v.clone(),
            None => ds.record(&rref),
        };
        if now != c.before {
            let what = match (&now, &c.before) {
                (None, Some(_)) => "the store does not hold it".to_string(),
                (Some(_), None) => {
                    "the store already holds it, where the log says it was new".to_string()
                }
                _ => "the store holds another value than the log's value before".to_string(),
            };
            return Err(format!("{}: {what}", c.record));
        }
        cs.changes.push(match &c.after {
            Some(a) => Change::Put(a.clone()),
            None => Change::Delete(rref.clone()),
        });
        seen.insert(rref, c.after.clone());
    }
    *overlay = seen;
    Ok(cs)
}

/// What `check --repair` did.
#[derive(Debug, Clone, Default)]
pub struct Repaired {
    /// The records re-applied to the store, described.
    pub reapplied: Vec<String>,
}

/// Re-applies to the store of `dir` the records the audit file holds beyond it,
/// all of them or none, then opens it for writing once (which brings the file
/// up to the store). Takes the lock like a writable open.
///
/// `Ok` with nothing re-applied when the store is not behind; `Err` with
/// [`DbError::Unrepairable`] when some record cannot be re-applied (nothing is
/// changed then).
pub fn repair(dir: &Path, actor: &Actor) -> Result<Repaired> {
    super::prepare_dir(dir, true)?;
    let held = lock::acquire(dir, &actor.user).map_err(|e| match e {
        lock::LockError::Held(h) => DbError::Locked(h),
        lock::LockError::Io(path, source) => DbError::Lock { path, source },
    })?;
    let path = dir.join(AUDIT_FILE);
    let mut done = Repaired::default();
    {
        let store = SledStore::open(&dir.join(STORE_SUBDIR), &OpenOptions::default())?;
        let ds = store.load()?;
        let found = behind(&path, &store, &ds).map_err(|reason| DbError::Unrepairable {
            dir: dir.to_path_buf(),
            lines: vec![reason],
        })?;
        if let Some(b) = found {
            if !b.repairable() {
                return Err(DbError::Unrepairable {
                    dir: dir.to_path_buf(),
                    lines: b.lines(dir),
                });
            }
            for m in &b.records {
                let Ok(cs) = &m.redo else {
                    continue; // none: `repairable` checked every one
                };
                let next = store.log_last()? + 1;
                if next != m.seq {
                    return Err(DbError::Unrepairable {
                        dir: dir.to_path_buf(),
                        lines: vec![format!(
                            "{AUDIT_FILE}:{}: record {} does not follow the store's last \
                             record {}",
                            m.line,
                            m.seq,
                            next - 1
                        )],
                    });
                }
                let bytes = m.bytes.clone();
                store.apply_logged(cs, &|_| bytes.clone())?;
                done.reapplied.push(m.describe.clone());
            }
        }
    }
    drop(held);
    // Catches the file up to the store, as every writable open does.
    drop(super::Db::open_with(
        dir,
        false,
        actor.clone(),
        super::DailyBackup::Off,
    )?);
    Ok(done)
}
