//! Crash loop (issue #7): the real binary is killed with SIGKILL at random points
//! while it runs `jinzai import`, `jinzai assign` and `jinzai enroll`, over and over
//! on one database. A command that exited 0 is *acknowledged*. After every kill:
//!
//! - the database opens (`jinzai export --format json`, a writable open, which also
//!   finishes an interrupted journal and catches the audit file up);
//! - `jinzai check` passes (records, indexes, the audit hash chain and its head);
//! - every acknowledged change is in the export, and every change is all or
//!   nothing (an import's rows are all there or none; a big import through the
//!   journal leaves every row old or every row new);
//! - `audit.jsonl` agrees with the store: one record per change in the store and
//!   no record of a change the store lacks, numbered 1..N without gaps, each
//!   assign/enroll record's `after` equal to the stored record.
//!
//! The random choices (which command, when to kill) come from a fixed seed
//! (`JINZAI_CRASH_SEED`, 1 by default); the timing of the machine adds its own.
//! `crash_loop` runs a moderate number of kills in the default suite;
//! `crash_loop_full` (ignored) runs `JINZAI_CRASH_KILLS` of them, at least 200:
//!
//! ```sh
//! cargo test --test crash -- --ignored --nocapture          # 200 kills
//! JINZAI_CRASH_KILLS=1000 JINZAI_CRASH_SEED=7 cargo test --test crash -- --ignored --nocapture
//! ```

use jinzai::audit::{parse_line, AuditRecord, AUDIT_FILE};
use jinzai::domain::{Dataset, Document, Record};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs::File;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const TODAY: &str = "2026-11-26";
/// People each small import adds.
const BATCH: usize = 3;
/// People the big import writes: more than one sled transaction takes (2,000),
/// so it goes through the store's redo journal.
const BIG: usize = 2_100;
/// Every this many batches, the big file is imported again with new notes.
const BIG_EVERY: u32 = 4;
const POST: &str = "P-CR";
const COURSE: &str = "C-CR";
const SESSION: &str = "S-CR-1";
const ASSIGN_FROM: &str = "2026-12-01";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_jinzai")
}

fn small_id(batch: u32, i: usize) -> String {
    format!("E5{batch:04}{i}")
}

fn big_id(i: usize) -> String {
    format!("E6{i:05}")
}

fn big_note(round: u32) -> String {
    format!("big round {round}")
}

/// One command the loop runs until it is in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    /// Import batch N's staff.csv (BATCH new people).
    Import(u32),
    /// Import the big staff.csv with round N's notes (round 1 adds the people).
    Big(u32),
    Assign(String),
    Enroll(String),
}

impl Op {
    fn kind(&self) -> &'static str {
        match self {
            Op::Import(_) => "import",
            Op::Big(_) => "import-big",
            Op::Assign(_) => "assign",
            Op::Enroll(_) => "enroll",
        }
    }
}

/// What the store holds of the changes the loop makes, read from an export.
#[derive(Debug, Default)]
struct Seen {
    staff: BTreeSet<String>,
    assigned: BTreeSet<String>,
    enrolled: BTreeSet<String>,
    /// The big round the big people's notes are at (0: not imported).
    big_round: u32,
}

#[derive(Debug, Default)]
struct Stats {
    runs: BTreeMap<&'static str, usize>,
    kills: BTreeMap<&'static str, usize>,
    /// Kills after which the change turned out to be in the store.
    killed_but_committed: usize,
    acked: usize,
    checks: usize,
    /// Kills that left the store with a change the audit file did not have yet
    /// (the next open appended it).
    audit_behind: usize,
    /// Kills that left a torn last line in the audit file.
    audit_torn: usize,
    /// Kills that left a snapshot sled was writing (`snap.N.generating`).
    sled_snapshot_torn: usize,
}

struct Loop {
    /// Kept (not removed) when the test fails, with a copy of the database as the
    /// last kill left it, for a look.
    tmp: Option<TempDir>,
    root: PathBuf,
    db: PathBuf,
    rng: ChaCha8Rng,
    queue: VecDeque<Op>,
    next_batch: u32,
    next_big: u32,
    /// Changes acknowledged (exit 0).
    acked_batches: BTreeSet<u32>,
    acked_assign: BTreeSet<String>,
    acked_enroll: BTreeSet<String>,
    acked_big: u32,
    /// How long the last few unkilled runs of each kind took.
    took: BTreeMap<&'static str, VecDeque<Duration>>,
    /// How the last killed run was killed, and what it ran, for the trace.
    last_kill: Option<Kill>,
    last_op: Option<Op>,
    stats: Stats,
}

impl Loop {
    fn new(seed: u64) -> Loop {
        let tmp = TempDir::new().unwrap();
        let root = tmp.path().to_path_buf();
        let base = root.join("base");
        std::fs::create_dir_all(&base).unwrap();
        let write = |name: &str, text: &str| std::fs::write(base.join(name), text).unwrap();
        write(
            "units.csv",
            "id,name,name_en,parent\nU-CR,耐障害試験課,Crash Unit,\n",
        );
        write(
            "posts.csv",
            &format!(
                "id,unit,title,grade,field,impact,skills,courses,capacity\n\
                 {POST},U-CR,試験ポスト,staff,ops,normal,,,60000\n"
            ),
        );
        write(
            "courses.csv",
            &format!(
                "id,name,provider,field,grades,days\n{COURSE},耐障害研修,in-house,ops,staff,2\n"
            ),
        );
        write(
            "sessions.csv",
            &format!(
                "id,course,start,end,capacity\n{SESSION},{COURSE},2027-01-10,2027-01-20,60000\n"
            ),
        );
        let l = Loop {
            tmp: Some(tmp),
            db: root.join("db"),
            root,
            rng: ChaCha8Rng::seed_from_u64(seed),
            queue: VecDeque::new(),
            next_batch: 1,
            next_big: 1,
            acked_batches: BTreeSet::new(),
            acked_assign: BTreeSet::new(),
            acked_enroll: BTreeSet::new(),
            acked_big: 0,
            took: BTreeMap::new(),
            last_kill: None,
            last_op: None,
            stats: Stats::default(),
        };
        let out = l.jinzai(&["import"]).arg(&base).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        l
    }

    /// `jinzai --db DB ARGS` with a fixed today and no inherited database.
    fn jinzai(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.env("JINZAI_TODAY", TODAY)
            .env("HOME", self.root.join("home"))
            .env_remove("JINZAI_DB")
            .env_remove("SSH_CLIENT")
            .env_remove("SSH_CONNECTION")
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .stdin(Stdio::null());
        c
    }

    fn staff_csv(rows: impl Iterator<Item = (String, String)>) -> String {
        let mut s = String::from(
            "id,name,kana,birth_year,grade,track,hired_on,skills,candidate,status,wishes,notes\n",
        );
        for (id, note) in rows {
            s.push_str(&format!(
                "{id},試験 {id},シケン,1990,staff,sogo-digital,2020-04-01,,no,active,,{note}\n"
            ));
        }
        s
    }

    /// The file an import op reads, written on first use.
    fn import_file(&self, op: &Op) -> PathBuf {
        let (dir, text) = match op {
            Op::Import(b) => (
                self.root.join(format!("batch{b}")),
                Self::staff_csv((0..BATCH).map(|i| (small_id(*b, i), format!("batch {b}")))),
            ),
            Op::Big(r) => (
                self.root.join(format!("big{r}")),
                Self::staff_csv((0..BIG).map(|i| (big_id(i), big_note(*r)))),
            ),
            _ => unreachable!(),
        };
        let path = dir.join("staff.csv");
        if !path.exists() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        path
    }

    fn command(&self, op: &Op) -> Command {
        match op {
            Op::Import(_) | Op::Big(_) => {
                let mut c = self.jinzai(&["import"]);
                c.arg(self.import_file(op));
                c
            }
            Op::Assign(s) => self.jinzai(&["assign", s, POST, "--from", ASSIGN_FROM, "--yes"]),
            Op::Enroll(s) => self.jinzai(&["enroll", s, COURSE, "--session", SESSION, "--yes"]),
        }
    }

    /// The next op: a batch's import, then its people's assigns and enrolls in a
    /// random order; now and then the big import.
    fn next_op(&mut self) -> Op {
        if self.queue.is_empty() {
            let b = self.next_batch;
            self.next_batch += 1;
            self.queue.push_back(Op::Import(b));
            let mut rest: Vec<Op> = (0..BATCH)
                .flat_map(|i| [Op::Assign(small_id(b, i)), Op::Enroll(small_id(b, i))])
                .collect();
            // Fisher-Yates with the loop's rng.
            for i in (1..rest.len()).rev() {
                let j = self.rng.gen_range(0..=i);
                rest.swap(i, j);
            }
            self.queue.extend(rest);
            if b % BIG_EVERY == 1 {
                let r = self.next_big;
                self.next_big += 1;
                let at = self.rng.gen_range(1..=self.queue.len());
                self.queue.insert(at, Op::Big(r));
            }
        }
        self.queue.front().cloned().unwrap()
    }

    /// Runs the op, killing it with SIGKILL at a random moment most of the time.
    /// Returns whether it was killed.
    fn run_once(&mut self, op: &Op) -> bool {
        let kind = op.kind();
        *self.stats.runs.entry(kind).or_default() += 1;
        let kill = if self.rng.gen_bool(0.2) {
            None
        } else if self.rng.gen_bool(0.4) {
            Some(Kill::After(
                self.typical(kind).mul_f64(self.rng.gen_range(0.0..1.1)),
            ))
        } else {
            Some(Kill::AtWrite {
                nth: self.rng.gen_range(1..=8),
                delay: Duration::from_micros(self.rng.gen_range(0..2_000)),
            })
        };
        let err_path = self.root.join("stderr.txt");
        let mut cmd = self.command(op);
        cmd.stdout(Stdio::null())
            .stderr(File::create(&err_path).unwrap());
        let started = Instant::now();
        let mut child = cmd.spawn().unwrap();
        match kill {
            None => {}
            Some(Kill::After(at)) => {
                std::thread::sleep(at);
                let _ = child.kill();
            }
            Some(Kill::AtWrite { nth, delay }) => {
                let mut last = fingerprint(&self.db);
                let mut seen = 0;
                while child.try_wait().unwrap().is_none() {
                    std::thread::sleep(Duration::from_micros(300));
                    let now = fingerprint(&self.db);
                    if now != last {
                        last = now;
                        seen += 1;
                        if seen == nth {
                            std::thread::sleep(delay);
                            let _ = child.kill();
                            break;
                        }
                    }
                }
            }
        }
        let status = child.wait().unwrap();
        if status.signal() == Some(libc::SIGKILL) {
            *self.stats.kills.entry(kind).or_default() += 1;
            self.last_kill = kill;
            return true;
        }
        let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
        assert!(
            status.success(),
            "{op:?} failed ({status:?}) after {} kills:\n{stderr}",
            self.total_kills()
        );
        let took = self.took.entry(kind).or_default();
        took.push_back(started.elapsed());
        if took.len() > 5 {
            took.pop_front();
        }
        self.stats.acked += 1;
        match op {
            Op::Import(b) => {
                self.acked_batches.insert(*b);
            }
            Op::Big(r) => self.acked_big = self.acked_big.max(*r),
            Op::Assign(s) => {
                self.acked_assign.insert(s.clone());
            }
            Op::Enroll(s) => {
                self.acked_enroll.insert(s.clone());
            }
        }
        self.queue.pop_front();
        false
    }

    /// The median of the last few unkilled runs of a kind.
    fn typical(&self, kind: &str) -> Duration {
        let mut v: Vec<Duration> = self.took.get(kind).into_iter().flatten().copied().collect();
        v.sort();
        v.get(v.len() / 2)
            .copied()
            .unwrap_or(Duration::from_millis(300))
    }

    fn total_kills(&self) -> usize {
        self.stats.kills.values().sum()
    }

    /// Opens the database, checks it and compares it with what was acknowledged
    /// and with the audit file. Returns what the store holds.
    fn verify(&mut self) -> Seen {
        self.stats.checks += 1;
        let kills = self.total_kills();
        let out = self
            .jinzai(&["export", "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the database does not open after {kills} kills (the last: {:?} killed {:?}): {}",
            self.last_op,
            self.last_kill,
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Document = serde_json::from_slice(&out.stdout).unwrap();
        let ds = Dataset::from_document(doc).unwrap();
        let out = self.jinzai(&["check"]).output().unwrap();
        assert!(
            out.status.success(),
            "check fails after {kills} kills (the last: {:?} killed {:?}):\n{}{}",
            self.last_op,
            self.last_kill,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let log = read_audit(&self.db.join(AUDIT_FILE));
        let seen = self.seen(&ds);
        self.agrees_with_audit(&ds, &seen, &log);

        for b in &self.acked_batches {
            for i in 0..BATCH {
                assert!(
                    seen.staff.contains(&small_id(*b, i)),
                    "acknowledged import of batch {b} lost after {kills} kills"
                );
            }
        }
        for s in &self.acked_assign {
            assert!(seen.assigned.contains(s), "acknowledged assign of {s} lost");
        }
        for s in &self.acked_enroll {
            assert!(seen.enrolled.contains(s), "acknowledged enroll of {s} lost");
        }
        assert!(
            seen.big_round >= self.acked_big,
            "acknowledged big import round {} lost: the store is at round {}",
            self.acked_big,
            seen.big_round
        );
        seen
    }

    /// What the store holds, checking each import is all or nothing.
    fn seen(&self, ds: &Dataset) -> Seen {
        let mut seen = Seen::default();
        let mut big_notes = BTreeSet::new();
        let mut big_count = 0;
        for s in ds.staff.values() {
            let id = s.id.to_string();
            if id.starts_with("E6") {
                big_count += 1;
                big_notes.insert(s.notes.clone());
            } else {
                seen.staff.insert(id);
            }
        }
        assert!(
            big_count == 0 || big_count == BIG,
            "a big import is half there: {big_count} of {BIG} people"
        );
        assert!(
            big_notes.len() <= 1,
            "a big import is half applied: notes {big_notes:?}"
        );
        if let Some(n) = big_notes.iter().next() {
            seen.big_round = n.strip_prefix("big round ").unwrap().parse().unwrap();
        }
        for b in 1..self.next_batch {
            let n = (0..BATCH)
                .filter(|i| seen.staff.contains(&small_id(b, *i)))
                .count();
            assert!(
                n == 0 || n == BATCH,
                "batch {b} is half imported: {n} of {BATCH}"
            );
        }
        for a in ds.assignments.values() {
            assert_eq!(a.post.as_str(), POST);
            assert!(
                seen.assigned.insert(a.staff.to_string()),
                "{} assigned twice",
                a.staff
            );
        }
        for e in ds.enrollments.values() {
            assert_eq!(e.session.as_ref().map(|s| s.as_str()), Some(SESSION));
            assert!(
                seen.enrolled.insert(e.staff.to_string()),
                "{} enrolled twice",
                e.staff
            );
        }
        seen
    }

    /// One audit record for each change the store holds, and none for a change
    /// it lacks.
    fn agrees_with_audit(&self, ds: &Dataset, seen: &Seen, log: &[AuditRecord]) {
        let seqs: Vec<u64> = log.iter().map(|r| r.seq).collect();
        let want: Vec<u64> = (1..=log.len() as u64).collect();
        assert_eq!(seqs, want, "the audit file is not numbered 1..N");
        let mut batches = BTreeSet::new();
        let mut big_rounds = Vec::new();
        let mut assigned = BTreeSet::new();
        let mut enrolled = BTreeSet::new();
        for r in log.iter().skip(1) {
            match r.action.as_str() {
                "import" => {
                    let file = Path::new(&r.files[0]);
                    let dir = file.parent().unwrap().file_name().unwrap();
                    let dir = dir.to_str().unwrap();
                    if let Some(b) = dir.strip_prefix("batch") {
                        let b: u32 = b.parse().unwrap();
                        assert!(batches.insert(b), "batch {b} imported twice: #{}", r.seq);
                    } else {
                        big_rounds.push(dir.strip_prefix("big").unwrap().parse::<u32>().unwrap());
                    }
                }
                "assign" | "enroll" => {
                    assert_eq!(r.changes.len(), 1, "#{}", r.seq);
                    let after = r.changes[0].after.clone().unwrap();
                    let (who, stored) = match &after {
                        Record::Assignment(a) => (
                            a.staff.to_string(),
                            ds.assignments
                                .get(&a.key())
                                .map(|x| Record::Assignment(x.clone())),
                        ),
                        Record::Enrollment(e) => (
                            e.staff.to_string(),
                            ds.enrollments
                                .get(&e.key())
                                .map(|x| Record::Enrollment(x.clone())),
                        ),
                        other => panic!("#{}: unexpected record {other:?}", r.seq),
                    };
                    assert_eq!(
                        stored.as_ref(),
                        Some(&after),
                        "audit #{} records a change the store does not hold",
                        r.seq
                    );
                    let set = if r.action == "assign" {
                        &mut assigned
                    } else {
                        &mut enrolled
                    };
                    assert!(set.insert(who.clone()), "{who} recorded twice");
                }
                other => panic!("unexpected audit action {other} (#{})", r.seq),
            }
        }
        let stored_batches: BTreeSet<u32> = (1..self.next_batch)
            .filter(|b| seen.staff.contains(&small_id(*b, 0)))
            .collect();
        assert_eq!(
            batches, stored_batches,
            "imports in the audit log vs the store"
        );
        assert_eq!(
            assigned, seen.assigned,
            "assigns in the audit log vs the store"
        );
        assert_eq!(
            enrolled, seen.enrolled,
            "enrolls in the audit log vs the store"
        );
        let rounds: Vec<u32> = (1..=seen.big_round).collect();
        assert_eq!(
            big_rounds, rounds,
            "big imports in the audit log vs the store"
        );
    }

    /// After a kill: whether the op turned out to be in the store anyway.
    fn committed(op: &Op, seen: &Seen) -> bool {
        match op {
            Op::Import(b) => seen.staff.contains(&small_id(*b, 0)),
            Op::Big(r) => seen.big_round >= *r,
            Op::Assign(s) => seen.assigned.contains(s),
            Op::Enroll(s) => seen.enrolled.contains(s),
        }
    }

    fn run(&mut self, kills: usize, deadline: Duration) {
        let started = Instant::now();
        while self.total_kills() < kills {
            assert!(
                started.elapsed() < deadline,
                "only {} kills in {deadline:?}",
                self.total_kills()
            );
            let op = self.next_op();
            if self.run_once(&op) {
                self.last_op = Some(op.clone());
                copy_dir(&self.db, &self.root.join("as-killed"));
                let store = std::fs::read_dir(self.db.join("store")).unwrap();
                if store
                    .flatten()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".generating"))
                {
                    self.stats.sled_snapshot_torn += 1;
                }
                let before = std::fs::read(self.db.join(AUDIT_FILE)).unwrap_or_default();
                let seen = self.verify();
                let after = std::fs::read(self.db.join(AUDIT_FILE)).unwrap();
                if !before.is_empty() && !before.ends_with(b"\n") {
                    self.stats.audit_torn += 1;
                }
                let lines = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count();
                if lines(&after) > lines(&before) {
                    self.stats.audit_behind += 1;
                }
                let committed = Self::committed(&op, &seen);
                if std::env::var_os("JINZAI_CRASH_TRACE").is_some() {
                    eprintln!(
                        "killed {op:?} {:?}: {}",
                        self.last_kill,
                        if committed {
                            "committed"
                        } else {
                            "not committed"
                        }
                    );
                }
                if committed {
                    self.stats.killed_but_committed += 1;
                    self.queue.pop_front();
                }
            }
        }
        self.verify();
        eprintln!(
            "crash loop: {} kills {:?}, {} acknowledged of {:?} runs, {} kills after the \
             commit ({} before the audit append, {} torn audit lines, {} half-written sled \
             snapshots), {} checks, {} batches, {} big rounds, in {:.1?}",
            self.total_kills(),
            self.stats.kills,
            self.stats.acked,
            self.stats.runs,
            self.stats.killed_but_committed,
            self.stats.audit_behind,
            self.stats.audit_torn,
            self.stats.sled_snapshot_torn,
            self.stats.checks,
            self.next_batch - 1,
            self.next_big - 1,
            started.elapsed()
        );
        // Every kind was killed, and each also got through.
        for kind in ["import", "assign", "enroll"] {
            assert!(
                self.stats.kills.get(kind).copied().unwrap_or(0) > 0,
                "no {kind} killed"
            );
        }
        assert!(!self.acked_assign.is_empty() && !self.acked_enroll.is_empty());
    }
}

impl Drop for Loop {
    fn drop(&mut self) {
        if std::thread::panicking() {
            if let Some(tmp) = self.tmp.take() {
                let kept = tmp.keep();
                eprintln!(
                    "crash loop: kept {} (db/ as checked, as-killed/ as the last kill left it)",
                    kept.display()
                );
            }
        }
    }
}

/// Copies a directory tree (the database, a few MB).
fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            // A file may vanish between the listing and the copy (a snapshot's
            // temporary file): that is not the copy's business.
            let _ = std::fs::copy(e.path(), &target);
        }
    }
}

/// When a run is killed.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// This long after it started.
    After(Duration),
    /// Just after the `nth` write seen in the database directory (a file
    /// created, grown, shrunk, touched or removed), give or take `delay`: the
    /// moments where a store's crash safety is decided.
    AtWrite { nth: u32, delay: Duration },
}

/// The files of the database directory and its store, with their sizes and
/// modification times: it changes with every write.
fn fingerprint(db: &Path) -> Vec<(PathBuf, u64, i64, i64)> {
    let mut out = Vec::new();
    for dir in [db.to_path_buf(), db.join("store")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            if let Ok(m) = e.metadata() {
                if m.is_file() {
                    use std::os::unix::fs::MetadataExt;
                    out.push((e.path(), m.len(), m.mtime(), m.mtime_nsec()));
                }
            }
        }
    }
    out.sort();
    out
}

/// Every record of the audit file; every line must be whole.
fn read_audit(path: &Path) -> Vec<AuditRecord> {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "a torn last line stayed"
    );
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            parse_line(l.as_bytes()).unwrap_or_else(|e| panic!("audit.jsonl:{}: {e}", i + 1))
        })
        .collect()
}

fn seed() -> u64 {
    std::env::var("JINZAI_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

/// What the loop found: killed while sled wrote a snapshot, a process leaves
/// `store/snap.N.generating` behind, and sled 0.34 then refused the whole store as
/// corrupt (and jinzai advised restoring it from a backup). The next writable
/// open now removes the leftover; a read-only one asks for it.
#[test]
fn a_half_written_sled_snapshot_does_not_lose_the_store() {
    let l = Loop::new(seed());
    let export = |l: &Loop| l.jinzai(&["export", "--format", "json"]).output().unwrap();
    let before = export(&l);
    assert!(before.status.success());
    let store = l.db.join("store");
    let newest = std::fs::read_dir(&store)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("snap."))
        .max()
        .expect("sled keeps a snapshot");
    let whole = std::fs::read(store.join(&newest)).unwrap();
    for cut in [0, 8, whole.len() / 2, whole.len() - 1] {
        let leftover = store.join(format!("{newest}.generating"));
        std::fs::write(&leftover, &whole[..cut]).unwrap();
        let out = l
            .jinzai(&["--read-only", "export", "--format", "json"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(
            stderr.contains("a change was interrupted") && !stderr.contains("damaged"),
            "{stderr}"
        );
        let after = export(&l);
        assert!(
            after.status.success(),
            "{}",
            String::from_utf8_lossy(&after.stderr)
        );
        assert_eq!(after.stdout, before.stdout);
        assert!(!leftover.exists());
        let out = l.jinzai(&["check"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// The default suite's share: enough kills to cross every command's commit a few
/// times, in well under a minute.
#[test]
fn crash_loop() {
    Loop::new(seed()).run(32, Duration::from_secs(240));
}

/// The full run: `JINZAI_CRASH_KILLS` kills (200 or more).
#[test]
#[ignore = "several minutes: cargo test --test crash -- --ignored --nocapture"]
fn crash_loop_full() {
    let kills = std::env::var("JINZAI_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200)
        .max(200);
    Loop::new(seed()).run(kills, Duration::from_secs(3600));
}
