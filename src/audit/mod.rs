//! The audit log: who changed what, when, from where, with the values before and
//! after.
//!
//! Every change is recorded as one [`AuditRecord`], a line of JSON in the
//! append-only file [`AUDIT_FILE`] in the database directory. The store writes
//! each record's bytes in the same commit as the change (its outbox, see
//! `Store::apply_logged`); `crate::db::Db` then appends them to the file and
//! fsyncs it, and catches the file up from the store after a crash, so the file
//! never misses a committed change.
//!
//! Each record carries `prev`, the SHA-256 (hex) of the line before it (all
//! zeros for record 1), and the store keeps the hash of the last line (its head),
//! so an edit, deletion, reordering, insertion or truncation of the file shows:
//! see [`chain`]. Records written before the chain existed have no `prev`.
//!
//! This module holds the record types, who the actor is, and the file's reading,
//! appending and chain checking; it knows nothing of the store.

pub mod chain;
mod file;
mod read;

pub use file::{append, scan, tail, Tail};
pub use read::{parse_line, read_log, Filter};

use crate::domain::{Change, ChangeSet, Counts, Dataset, Record, RecordRef};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

/// The audit file's name in the database directory.
pub const AUDIT_FILE: &str = "audit.jsonl";

/// One audited change, as a line of `audit.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// The sequence number: 1, 2, 3, ... in the order changes were committed.
    pub seq: u64,
    /// The SHA-256 (hex) of the previous line of the file, exactly as written
    /// (without its line end); [`GENESIS`] for the first record. Absent in records
    /// written before the hash chain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    /// When, in UTC to the second (RFC 3339).
    pub ts: Timestamp,
    /// The OS user.
    pub user: String,
    /// The SSH client's address, when the change came over SSH.
    #[serde(default)]
    pub ssh_client: Option<String>,
    /// What was done: `import`, `demo`, `assign`, `edit`, ...
    pub action: String,
    /// One line for a person.
    #[serde(default)]
    pub summary: String,
    /// The ids the change is about (staff, posts, ...), for filtering.
    #[serde(default)]
    pub entities: Vec<String>,
    /// Each record changed, with its value before and after.
    #[serde(default)]
    pub changes: Vec<AuditChange>,
    /// Per-kind counts, for imports and the demo fill.
    #[serde(default)]
    pub counts: Option<BTreeMap<String, KindCounts>>,
    /// The sequence number of the record this change undoes.
    #[serde(default)]
    pub undoes: Option<u64>,
    /// The files an import read, in the order read.
    #[serde(default)]
    pub files: Vec<String>,
}

/// One record's change: its name (`RecordRef`'s display form) and its value
/// before (`null` when new) and after (`null` when deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditChange {
    pub record: String,
    pub before: Option<Record>,
    pub after: Option<Record>,
}

/// Added, updated and unchanged records of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl From<Counts> for KindCounts {
    fn from(c: Counts) -> Self {
        KindCounts {
            added: c.added,
            updated: c.updated,
            unchanged: c.unchanged,
        }
    }
}

/// Per-kind counts keyed by the kind's plural name, as the audit log keeps them.
pub fn counts_of(counts: &BTreeMap<&'static str, Counts>) -> BTreeMap<String, KindCounts> {
    counts
        .iter()
        .map(|(k, c)| (k.to_string(), KindCounts::from(*c)))
        .collect()
}

/// Who makes a change: the OS user, and the SSH client address when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub ssh_client: Option<String>,
}

impl Actor {
    /// The user running this process, and `$SSH_CLIENT`'s (else
    /// `$SSH_CONNECTION`'s) first field as the client address.
    pub fn from_env() -> Actor {
        let var = |name| std::env::var(name).ok();
        Actor {
            user: os_user(),
            ssh_client: ssh_client_from(
                var("SSH_CLIENT").as_deref(),
                var("SSH_CONNECTION").as_deref(),
            ),
        }
    }
}

/// The OS user's name, `unknown` when it cannot be found.
pub fn os_user() -> String {
    if let Ok(u) = whoami::fallible::username() {
        if !u.is_empty() {
            return u;
        }
    }
    for var in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(u) = std::env::var(var) {
            if !u.is_empty() {
                return u;
            }
        }
    }
    "unknown".into()
}

/// The client address: the first field of `SSH_CLIENT` (`addr port port`), else of
/// `SSH_CONNECTION` (`addr port addr port`).
fn ssh_client_from(ssh_client: Option<&str>, ssh_connection: Option<&str>) -> Option<String> {
    [ssh_client, ssh_connection]
        .into_iter()
        .flatten()
        .find_map(|v| v.split_whitespace().next())
        .map(str::to_string)
}

/// What a caller says about a change; the sequence number, time and actor are
/// added when it is committed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditDraft {
    pub action: String,
    pub summary: String,
    pub entities: Vec<String>,
    pub changes: Vec<AuditChange>,
    pub counts: Option<BTreeMap<String, KindCounts>>,
    pub files: Vec<String>,
    pub undoes: Option<u64>,
}

impl AuditDraft {
    /// A draft with just an action and a summary.
    pub fn new(action: impl Into<String>, summary: impl Into<String>) -> AuditDraft {
        AuditDraft {
            action: action.into(),
            summary: summary.into(),
            ..AuditDraft::default()
        }
    }

    /// A draft for a change set applied to `before`: every change with its values
    /// before and after, and the ids it touches as the entities.
    pub fn of_changes(
        action: impl Into<String>,
        summary: impl Into<String>,
        before: &Dataset,
        cs: &ChangeSet,
    ) -> AuditDraft {
        AuditDraft {
            entities: entities_of(cs),
            changes: AuditChange::of(before, cs),
            ..AuditDraft::new(action, summary)
        }
    }
}

impl AuditRecord {
    /// The record of a draft committed as `seq` at `ts` by `actor`.
    pub fn new(seq: u64, ts: Timestamp, actor: &Actor, draft: AuditDraft) -> AuditRecord {
        AuditRecord {
            seq,
            prev: None,
            ts,
            user: actor.user.clone(),
            ssh_client: actor.ssh_client.clone(),
            action: draft.action,
            summary: draft.summary,
            entities: draft.entities,
            changes: draft.changes,
            counts: draft.counts,
            undoes: draft.undoes,
            files: draft.files,
        }
    }

    /// The record chained after a line whose hash is `prev` (hex).
    pub fn with_prev(self, prev: Option<String>) -> AuditRecord {
        AuditRecord { prev, ..self }
    }

    /// The record as one line of the file, without the line end.
    pub fn to_line(&self) -> Vec<u8> {
        // A struct of strings, numbers and maps with string keys always serialises.
        serde_json::to_vec(self).expect("an audit record serialises")
    }
}

/// The `prev` of the first record: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The SHA-256 of a line's bytes (without its line end).
pub fn hash_line(line: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(line).into()
}

/// A hash as lower-case hex.
pub fn hex(hash: &[u8; 32]) -> String {
    use std::fmt::Write;
    hash.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A 64-digit hex hash back to its bytes; `None` when it is not one.
pub fn parse_hex(s: &str) -> Option<[u8; 32]> {
    let b = s.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (i, pair) in b.chunks(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

/// Now, in UTC, to the second.
pub fn now() -> Timestamp {
    let t = Timestamp::now();
    Timestamp::from_second(t.as_second()).unwrap_or(t)
}

impl AuditChange {
    /// Each change of `cs` with the record's value before it (in `before`, as
    /// changed by the earlier changes of the set) and after it.
    pub fn of(before: &Dataset, cs: &ChangeSet) -> Vec<AuditChange> {
        let mut seen: HashMap<RecordRef, Option<Record>> = HashMap::new();
        cs.changes
            .iter()
            .map(|ch| {
                let (r, after) = match ch {
                    Change::Put(rec) => (rec.record_ref(), Some(rec.clone())),
                    Change::Delete(r) => (r.clone(), None),
                };
                let was = match seen.get(&r) {
                    Some(v) => v.clone(),
                    None => before.record(&r),
                };
                seen.insert(r.clone(), after.clone());
                AuditChange {
                    record: r.to_string(),
                    before: was,
                    after,
                }
            })
            .collect()
    }
}

/// The ids a change set touches, each once, in first-seen order: a record's own
/// id, and for assignments and enrollments the person and the post, course and
/// session.
pub fn entities_of(cs: &ChangeSet) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for ch in &cs.changes {
        let r = match ch {
            Change::Put(rec) => rec.record_ref(),
            Change::Delete(r) => r.clone(),
        };
        let ids: Vec<&str> = match &r {
            RecordRef::Unit(id) => vec![id.as_str()],
            RecordRef::Post(id) => vec![id.as_str()],
            RecordRef::Staff(id) => vec![id.as_str()],
            RecordRef::Course(id) => vec![id.as_str()],
            RecordRef::Session(id) => vec![id.as_str()],
            RecordRef::Assignment(k) => vec![k.staff.as_str(), k.post.as_str()],
            RecordRef::Enrollment(k) => {
                let mut v = vec![k.staff.as_str(), k.course.as_str()];
                v.extend(k.session.as_ref().map(|s| s.as_str()));
                v
            }
        };
        for id in ids {
            if seen.insert(id.to_string()) {
                out.push(id.to_string());
            }
        }
    }
    out
}

/// What can go wrong with the audit file.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("cannot read the audit log {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the audit log {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A line that is not an audit record, or out of order.
    #[error("{}:{line}: the audit log is damaged: {reason}", path.display())]
    Corrupt {
        path: PathBuf,
        line: usize,
        reason: String,
    },
}

#[cfg(test)]
mod tests;
