//! The data worker: the one thread that writes. It commits a change with its audit
//! record, then builds the data the panes show from the new records (a copy of the
//! dataset with the change applied and a fresh search index), so the UI thread never
//! waits on the disk or on an index build. It also reads the audit log for the log
//! view.

use crate::app::state::Loaded;
use crate::audit::{AuditDraft, AuditRecord, Filter};
use crate::db::Db;
use crate::domain::{ChangeSet, Dataset, Date};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

/// Work for the worker.
pub enum Job {
    /// Commit `changes` (planned against `base`) with their audit record.
    Commit {
        changes: ChangeSet,
        draft: AuditDraft,
        base: Arc<Loaded>,
    },
    /// Read the whole audit log.
    ReadLog,
    /// Replace the scenarios file.
    SaveScenarios(Vec<crate::plan::scenario::Scenario>),
    /// Write a plan's CSV to a new file.
    Export {
        path: std::path::PathBuf,
        text: String,
    },
}

/// What the worker reports back.
pub enum Done {
    /// The change is on disk; the panes' data follows as `Committed`. Sent only when
    /// the rebuild is slow (at 100k staff it takes a second or more, the write a few
    /// milliseconds).
    Saved(Box<AuditRecord>),
    Committed {
        record: Box<AuditRecord>,
        data: Arc<Loaded>,
    },
    CommitFailed(String),
    Log(Result<Vec<AuditRecord>, String>),
    ScenariosSaved(Result<(), String>),
    Exported(Result<(String, usize), String>),
}

/// Starts the worker; `report` turns its results into the loop's messages.
pub fn spawn<M: Send + 'static>(
    db: Arc<Db>,
    today: Date,
    term_months: u32,
    report: impl Fn(Done) -> M + Send + 'static,
    out: mpsc::Sender<M>,
) -> std::io::Result<mpsc::Sender<Job>> {
    let (tx, rx) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("jinzai-write".into())
        .spawn(move || {
            for job in rx {
                let saved = |r: &AuditRecord| {
                    let _ = out.send(report(Done::Saved(Box::new(r.clone()))));
                };
                let done = run(&db, job, today, term_months, saved);
                if out.send(report(done)).is_err() {
                    break;
                }
            }
        })?;
    Ok(tx)
}

/// Does one job; `saved` hears of a commit once it is on disk when the rebuild that
/// follows is slow.
pub(crate) fn run(
    db: &Db,
    job: Job,
    today: Date,
    term_months: u32,
    saved: impl FnOnce(&AuditRecord),
) -> Done {
    match job {
        Job::Commit {
            changes,
            draft,
            base,
        } => match backup_before(db, &draft)
            .and_then(|()| db.commit(&changes, draft).map_err(|e| e.to_string()))
        {
            Ok(record) => {
                let data = telling_if_slow(
                    SAY_SAVED_AFTER,
                    || saved(&record),
                    || rebuild(&base.ds, &changes, today, term_months),
                );
                Done::Committed {
                    data: Arc::new(data),
                    record: Box::new(record),
                }
            }
            Err(e) => Done::CommitFailed(e),
        },
        Job::ReadLog => Done::Log(db.log(&Filter::default()).map_err(|e| e.to_string())),
        Job::SaveScenarios(list) => {
            let path = crate::plan::scenario::path_in(&db.dir);
            Done::ScenariosSaved(
                crate::plan::scenario::save(&path, &list)
                    .map_err(|e| format!("cannot save the scenarios to {}: {e}", path.display())),
            )
        }
        Job::Export { path, text } => Done::Exported(
            write_new_private(&path, text.as_bytes())
                .map(|()| {
                    (
                        path.display().to_string(),
                        text.lines().count().saturating_sub(1),
                    )
                })
                .map_err(|e| format!("cannot write {}: {e}", path.display())),
        ),
    }
}

/// Accepting a rotation plan rewrites many holdings at once: a backup of the records
/// as they are comes first, and without it nothing is written (as with the CLI).
fn backup_before(db: &Db, draft: &AuditDraft) -> Result<(), String> {
    if draft.action != "plan-accept" {
        return Ok(());
    }
    db.backup(crate::db::BackupReason::PlanAccept, None)
        .map(|_| ())
        .map_err(|e| format!("{e}; the plan was not recorded (a backup must be taken first)"))
}

/// Writes a new file readable by its owner only (a plan is personnel data); an
/// existing file is never replaced.
fn write_new_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// How long a rebuild may take before the worker says "saved" ahead of it.
const SAY_SAVED_AFTER: Duration = Duration::from_millis(150);

/// Runs `work` (the rebuild after a change); if it takes longer than `after`
/// ([`SAY_SAVED_AFTER`]), calls `tell` meanwhile, so a large database says "saved" when
/// the change is on disk rather than a second or more later.
fn telling_if_slow<T: Send>(
    after: Duration,
    tell: impl FnOnce(),
    work: impl FnOnce() -> T + Send,
) -> T {
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        let worker = scope.spawn(move || {
            let _ = tx.send(work());
        });
        let done = match rx.recv_timeout(after) {
            Ok(done) => Some(done),
            Err(_) => {
                tell();
                rx.recv().ok()
            }
        };
        match done {
            Some(done) => done,
            // The work panicked: raise it here, as if it had run on this thread.
            None => std::panic::resume_unwind(worker.join().unwrap_err()),
        }
    })
}

/// The data after a change: the old records with the change applied, re-indexed.
pub fn rebuild(ds: &Dataset, changes: &ChangeSet, today: Date, term_months: u32) -> Loaded {
    let mut ds = ds.clone();
    ds.apply(changes);
    Loaded::new(ds, today, term_months)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn saved_is_told_early_only_when_the_rebuild_is_slow() {
        // No clocks raced: a quick rebuild has an hour; a slow one can only finish
        // once it has been told about.
        let told = Cell::new(false);
        let hour = Duration::from_secs(3600);
        assert_eq!(telling_if_slow(hour, || told.set(true), || 7), 7);
        assert!(!told.get(), "a quick rebuild brings the news itself");
        let (tx, rx) = mpsc::channel();
        let slow = move || rx.recv_timeout(Duration::from_secs(60)).is_ok();
        let told_first = telling_if_slow(Duration::from_millis(1), || tx.send(()).unwrap(), slow);
        assert!(told_first, "a slow one is preceded by the news");
    }
}
