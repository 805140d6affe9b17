//! What a change set does to the records (before and after each), and the change
//! set that puts them back.

use crate::domain::change::{Change, ChangeSet, Record};
use crate::domain::dataset::{Dataset, RecordRef};

/// One record before and after a change (`None`: absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub record: RecordRef,
    pub before: Option<Record>,
    pub after: Option<Record>,
}

/// The record-level effect of applying `cs` to `before`.
pub fn diff(before: &Dataset, cs: &ChangeSet) -> Vec<Diff> {
    let mut out: Vec<Diff> = Vec::new();
    for ch in &cs.changes {
        let (r, after) = match ch {
            Change::Put(rec) => (rec.record_ref(), Some(rec.clone())),
            Change::Delete(r) => (r.clone(), None),
        };
        // A record changed twice in one set: keep the first before, the last after.
        if let Some(d) = out.iter_mut().find(|d| d.record == r) {
            d.after = after;
            continue;
        }
        out.push(Diff {
            before: before.record(&r),
            record: r,
            after,
        });
    }
    out
}

/// The changes that undo `diffs`, provided every record still has its "after" value;
/// otherwise why not (something changed it since).
pub fn undo(now: &Dataset, diffs: &[Diff]) -> Result<ChangeSet, String> {
    let mut cs = ChangeSet::default();
    for d in diffs.iter().rev() {
        if now.record(&d.record) != d.after {
            return Err(format!(
                "{} has changed since; undo would overwrite that change",
                d.record
            ));
        }
        cs.changes.push(match &d.before {
            Some(b) => Change::Put(b.clone()),
            None => Change::Delete(d.record.clone()),
        });
    }
    Ok(cs)
}
