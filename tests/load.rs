//! Load test (issue #7): thousands of random changes (assign, end, transfer,
//! enroll, complete or fail, cancel, undo) planned with the same domain checks the
//! CLI and the TUI use and committed through `Db::commit`, one audited change
//! each, against an in-memory model that applies the same change sets. At the end
//! the store, the audit log and the model agree: the store loads to the model;
//! replaying every audit record's before/after values from an empty dataset gives
//! the model too, each `before` matching what the replay holds at that point; the
//! records are numbered 1..N; `jinzai check` passes.
//!
//! Undo works as the TUI's `u` does: the last change of the run not undone yet,
//! so undos unwind the run's changes last first.
//!
//! The default suite runs 1,000 changes; `load_full` (ignored) runs 10,000, or
//! `JINZAI_LOAD_CHANGES`:
//!
//! ```sh
//! cargo test --test load -- --ignored --nocapture
//! ```

use jinzai::audit::{Actor, AuditDraft, AuditRecord, Filter};
use jinzai::db::Db;
use jinzai::demo::{ministry, TODAY};
use jinzai::domain::ops::{diff, plan, undo, Diff, Op, Planned};
use jinzai::domain::training::{plan_training, TrainingOp};
use jinzai::domain::{ChangeSet, Dataset, Date, EnrollmentStatus, RecordRef, StaffId};
use jinzai::store::Store;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::time::Instant;

fn actor() -> Actor {
    Actor {
        user: "load".into(),
        ssh_client: None,
    }
}

/// A change committed in this run, for undo (a stack, as the TUI keeps it).
struct Made {
    seq: u64,
    summary: String,
    diffs: Vec<Diff>,
}

struct Run {
    db: Db,
    model: Dataset,
    rng: ChaCha8Rng,
    made: Vec<Made>,
    /// Commits per action, and refusals per attempted kind.
    committed: BTreeMap<&'static str, usize>,
    refused: BTreeMap<&'static str, usize>,
}

fn days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap()
}

impl Run {
    fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        v.choose(&mut self.rng)
    }

    fn random_staff(&mut self) -> StaffId {
        let ids: Vec<StaffId> = self.model.staff.keys().cloned().collect();
        self.pick(&ids).unwrap().clone()
    }

    /// One random op, planned against the model; `None` when there was nothing
    /// to do it to.
    fn attempt(&mut self) -> Option<(&'static str, Result<Planned, String>, Option<u64>)> {
        let ds = &self.model;
        let kind = *[
            "assign", "assign", "end", "transfer", "transfer", "enroll", "enroll", "complete",
            "cancel", "undo",
        ]
        .choose(&mut self.rng)
        .unwrap();
        let posts: Vec<_> = ds.posts.keys().cloned().collect();
        let open: Vec<_> = ds
            .assignments
            .values()
            .filter(|a| a.end.is_none())
            .cloned()
            .collect();
        let live: Vec<_> = ds
            .enrollments
            .values()
            .filter(|e| {
                matches!(
                    e.status,
                    EnrollmentStatus::Planned | EnrollmentStatus::Enrolled
                )
            })
            .cloned()
            .collect();
        let op = match kind {
            "assign" => {
                let concurrent = self.rng.gen_bool(0.2);
                // A primary post for someone who holds none open (else it
                // overlaps, and is refused).
                let free: Vec<StaffId> = ds
                    .staff
                    .keys()
                    .filter(|s| !open.iter().any(|a| &a.staff == *s && !a.concurrent))
                    .cloned()
                    .collect();
                let staff = match self.pick(&free) {
                    Some(s) if !concurrent => s.clone(),
                    _ => self.random_staff(),
                };
                let post = self.pick(&posts)?.clone();
                let from = days(TODAY, self.rng.gen_range(-200..700));
                Some(Op::Assign {
                    staff,
                    post,
                    from,
                    concurrent,
                })
            }
            "end" => {
                let a = self.pick(&open)?.clone();
                let on = days(a.start.max(TODAY), self.rng.gen_range(0..400));
                Some(Op::End {
                    staff: a.staff,
                    post: a.post,
                    on,
                })
            }
            "transfer" => {
                let a = self.pick(&open)?.clone();
                let post = self.pick(&posts)?.clone();
                let on = days(a.start.max(TODAY), self.rng.gen_range(1..500));
                Some(Op::Transfer {
                    staff: a.staff,
                    post,
                    on,
                })
            }
            _ => None,
        };
        let planned = match (kind, op) {
            (_, Some(op)) => plan(&self.model, &op).map_err(|e| format!("{e:?}")),
            ("enroll", None) => {
                let staff = self.random_staff();
                let courses: Vec<_> = self.model.courses.keys().cloned().collect();
                let course = self.pick(&courses)?.clone();
                let sessions: Vec<_> = self
                    .model
                    .sessions
                    .values()
                    .filter(|s| s.course == course && s.end >= TODAY)
                    .map(|s| s.id.clone())
                    .collect();
                let session = if self.rng.gen_bool(0.2) {
                    None
                } else {
                    Some(self.pick(&sessions)?.clone())
                };
                let op = TrainingOp::Enroll {
                    staff,
                    course,
                    session,
                };
                plan_training(&self.model, &op, TODAY).map_err(|e| format!("{e:?}"))
            }
            ("complete", None) => {
                let e = self.pick(&live)?.clone();
                let start = e
                    .session
                    .as_ref()
                    .and_then(|s| self.model.sessions.get(s))
                    .map_or(days(TODAY, -30), |s| s.start);
                let on = if start <= TODAY {
                    let span = (TODAY - start).get_days().max(0) as i64;
                    days(start, self.rng.gen_range(0..=span))
                } else {
                    start // refused: the session has not begun
                };
                let op = if self.rng.gen_bool(0.8) {
                    TrainingOp::Complete {
                        staff: e.staff,
                        course: e.course,
                        on,
                    }
                } else {
                    TrainingOp::Fail {
                        staff: e.staff,
                        course: e.course,
                        on,
                    }
                };
                plan_training(&self.model, &op, TODAY).map_err(|e| format!("{e:?}"))
            }
            ("cancel", None) => {
                let e = self.pick(&live)?.clone();
                let op = TrainingOp::Cancel {
                    staff: e.staff,
                    course: e.course,
                };
                plan_training(&self.model, &op, TODAY).map_err(|e| format!("{e:?}"))
            }
            ("undo", None) => {
                // As the TUI's `u`: the last change of this run not undone yet.
                // Changes are undone last first, so the records are as the change
                // left them and the undo always plans.
                let m = self.made.last()?;
                let changes = undo(&self.model, &m.diffs)
                    .unwrap_or_else(|why| panic!("undo of #{} refused: {why}", m.seq));
                let planned = Planned {
                    action: "undo",
                    summary: format!("Undo #{}: {}", m.seq, m.summary),
                    entities: Vec::new(),
                    changes,
                    warnings: Vec::new(),
                };
                return Some(("undo", Ok(planned), Some(m.seq)));
            }
            _ => return None,
        };
        Some((kind, planned, None))
    }

    /// Commits a planned change with its audit record, as the CLI does (warnings
    /// confirmed), and applies it to the model.
    fn commit(&mut self, p: Planned, undoes: Option<u64>) {
        let draft = AuditDraft {
            entities: if p.entities.is_empty() {
                jinzai::audit::entities_of(&p.changes)
            } else {
                p.entities.clone()
            },
            undoes,
            ..AuditDraft::of_changes(p.action, &p.summary, &self.model, &p.changes)
        };
        let diffs = diff(&self.model, &p.changes);
        let record = self.db.commit(&p.changes, draft).unwrap();
        self.model.apply(&p.changes);
        // Every change was planned with the rules' checks, so the records still
        // obey every rule (what `jinzai check` and import enforce). A full check
        // costs more than a commit: every 20th change, and at the end.
        if record.seq % 20 == 0 {
            let broken = jinzai::domain::validate(&self.model);
            assert!(
                broken.is_empty(),
                "by #{} ({} {}) a rule was broken: {:?}",
                record.seq,
                p.action,
                p.summary,
                broken
            );
        }
        // An undone change leaves the stack; an undo is not itself undone.
        match undoes {
            Some(seq) => self.made.retain(|m| m.seq != seq),
            None => self.made.push(Made {
                seq: record.seq,
                summary: p.summary,
                diffs,
            }),
        }
        *self.committed.entry(p.action).or_default() += 1;
    }
}

/// Replays audit records from an empty dataset: each change's `before` must be
/// what the replay holds, then its `after` is put (or the record removed).
fn replay(records: &[AuditRecord]) -> Dataset {
    let mut ds = Dataset::default();
    for r in records {
        for ch in &r.changes {
            let at: RecordRef = match (&ch.before, &ch.after) {
                (_, Some(a)) => a.record_ref(),
                (Some(b), None) => b.record_ref(),
                (None, None) => panic!("#{}: a change with neither value", r.seq),
            };
            assert_eq!(
                ds.record(&at),
                ch.before,
                "audit #{} says {} was {:?} before; the replay has it otherwise",
                r.seq,
                ch.record,
                ch.before
            );
            let change = match &ch.after {
                Some(a) => jinzai::domain::Change::Put(a.clone()),
                None => jinzai::domain::Change::Delete(at),
            };
            ds.apply(&ChangeSet {
                changes: vec![change],
            });
        }
    }
    ds
}

fn load_test(changes: usize, seed: u64) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("db");
    let db = Db::open(&dir, false, actor()).unwrap();
    let base = ministry(1);
    let (fill, _) = ChangeSet::upserts(&Dataset::default(), &base);
    let draft = AuditDraft::of_changes("demo", "demo data", &Dataset::default(), &fill);
    db.commit(&fill, draft).unwrap();
    let mut run = Run {
        db,
        model: base,
        rng: ChaCha8Rng::seed_from_u64(seed),
        made: Vec::new(),
        committed: BTreeMap::new(),
        refused: BTreeMap::new(),
    };
    let started = Instant::now();
    let mut attempts = 0usize;
    let mut done = 0usize;
    while done < changes {
        attempts += 1;
        assert!(
            attempts < changes * 20,
            "too many refusals: {:?}",
            run.refused
        );
        let Some((kind, planned, undoes)) = run.attempt() else {
            continue;
        };
        match planned {
            Ok(p) => {
                run.commit(p, undoes);
                done += 1;
            }
            Err(_) => *run.refused.entry(kind).or_default() += 1,
        }
        if done % 2_000 == 0 && done > 0 {
            // Now and then, mid-run: the store still matches the model.
            assert!(
                run.db.store.load().unwrap() == run.model,
                "after {done} changes"
            );
        }
    }
    let took = started.elapsed();

    // The store and the model.
    let stored = run.db.store.load().unwrap();
    assert!(stored == run.model, "the store differs from the model");
    // The audit log: numbered 1..N, one record per change plus the fill, and
    // its replay is the model.
    let log = run.db.log(&Filter::default()).unwrap();
    assert_eq!(log.len(), changes + 1);
    for (i, r) in log.iter().enumerate() {
        assert_eq!(r.seq, i as u64 + 1);
    }
    let undos = log.iter().filter(|r| r.undoes.is_some()).count();
    assert_eq!(undos, run.committed.get("undo").copied().unwrap_or(0));
    let replayed = replay(&log);
    assert!(
        replayed == run.model,
        "the audit log's replay differs from the model"
    );
    // And the whole directory checks.
    drop(run.db);
    let report = jinzai::db::check::check(&dir).unwrap();
    assert!(report.passed(), "{report:#?}");
    // Something of every kind was done.
    for action in ["assign", "end", "transfer", "enroll", "complete", "undo"] {
        assert!(
            run.committed.get(action).copied().unwrap_or(0) > 0,
            "no {action} in {:?}",
            run.committed
        );
    }
    eprintln!(
        "load: {changes} changes {:?} ({} refused: {:?}) in {:.1?} ({:.2} ms a change)",
        run.committed,
        attempts - changes,
        run.refused,
        took,
        took.as_secs_f64() * 1000.0 / changes as f64
    );
}

#[test]
fn load() {
    load_test(1_000, 1);
}

#[test]
#[ignore = "a few minutes in a debug build: cargo test --test load -- --ignored --nocapture"]
fn load_full() {
    let n = std::env::var("JINZAI_LOAD_CHANGES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    load_test(n, 7);
}
