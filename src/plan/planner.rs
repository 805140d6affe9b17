//! The rotation planner: works out the scope, scores every feasible (person, seat)
//! pair, hands them all to the exact solver (`solver::solve`, maximum-weight
//! matching where anyone may stay unmatched) and turns the matching into a [`Plan`]
//! that says why for every line: proposals (moves), stays, people left unplaced and
//! seats left unfilled, with the next-best alternatives.
//!
//! **What the matching means.** People in the problem are the people in the plan who
//! are not away and not pinned, in staff-id order; slots are the seats of the posts in
//! the plan (one per seat), in post-id order, less the seats pinned people take. A
//! person matched to a seat of their own post stays; matched elsewhere, moves. A due
//! holder left unmatched leaves their post on the date (to a general post or a
//! secondment, which the plan suggests). Pinned pairs are fixed before solving; the
//! plan's objective is the solver's plus the pinned pairs' scores.
//!
//! Deterministic: people and posts are ordered by id, and the solver breaks ties by
//! the lowest index.

use super::bulk::{Row, Table};
use super::config::Config;
use super::hash::sha256_hex;
use super::lazy::Ctx;
pub use super::lazy::Tuning;
use super::pricing::Pricer;
use super::progress::{Progress, Stage};
use super::report::{Report, Top};
use super::scope::{scope, Scope};
use super::score::{total, Facts, Org, Site};
use super::solver::{self, Problem};
pub use super::types::*;
use crate::domain::date::iso;
use crate::domain::{
    validate, Assignment, AssignmentKey, Change, ChangeSet, Dataset, PostId, Record, RecordRef,
};
use std::collections::BTreeMap;
use std::time::Instant;

fn ms(since: Instant) -> f64 {
    (since.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0
}

/// Makes the plan.
pub fn run(ds: &Dataset, st: &Settings) -> Plan {
    run_with(ds, st, &Tuning::default())
}

/// The problem's shape: free people (not away, not pinned) by people index, and the
/// seats the pins leave, as slots of posts.
pub(super) struct Shape {
    /// Problem index → people index.
    pub(super) free: Vec<usize>,
    /// Slot → post (plan index).
    pub(super) slot_post: Vec<usize>,
    /// Post → its slots.
    pub(super) post_slots: Vec<std::ops::Range<u32>>,
}

impl Shape {
    pub(super) fn new(sc: &Scope) -> Shape {
        let free: Vec<usize> = (0..sc.people.len())
            .filter(|&i| !sc.people[i].away && sc.people[i].pin.is_none())
            .collect();
        let mut slot_post: Vec<usize> = Vec::new();
        let mut post_slots = Vec::with_capacity(sc.posts.len());
        for (k, o) in sc.posts.iter().enumerate() {
            let first = slot_post.len() as u32;
            for _ in o.pinned.len()..o.seats as usize {
                slot_post.push(k);
            }
            post_slots.push(first..slot_post.len() as u32);
        }
        Shape {
            free,
            slot_post,
            post_slots,
        }
    }
}

/// The facts of each person in the plan and the site of each post in it.
pub(super) fn facts_and_sites<'a>(
    ds: &'a Dataset,
    org: &'a Org<'a>,
    sc: &Scope<'a>,
    cfg: &Config,
) -> (Vec<Facts<'a>>, Vec<Site<'a>>) {
    // Each person's facts on their own (on two threads for many people).
    let people = &sc.people;
    let one = |p: &super::scope::Person<'a>| {
        Facts::new(ds, org, p.staff, p.current, sc.as_of, cfg.term_months)
    };
    let facts: Vec<Facts> = if people.len() < 2_000 {
        people.iter().map(one).collect()
    } else {
        let (a, b) = people.split_at(people.len() / 2);
        std::thread::scope(|s| {
            let h = s.spawn(|| b.iter().map(one).collect::<Vec<_>>());
            let mut v: Vec<Facts> = a.iter().map(one).collect();
            v.extend(h.join().unwrap_or_else(|_| b.iter().map(one).collect()));
            v
        })
    };
    let nobody = Vec::new();
    let sites: Vec<Site> = (sc.posts.iter())
        .map(|o| {
            let staying = sc.staying_by_unit.get(&o.post.unit).unwrap_or(&nobody);
            Site::new(org, o.post, staying, sc.as_of)
        })
        .collect();
    (facts, sites)
}

/// Makes the plan with the given sizing of the work ([`Tuning`]); the plan is the
/// same optimum whatever the tuning (ties between equally good plans may fall
/// differently).
#[doc(hidden)]
pub fn run_with(ds: &Dataset, st: &Settings, tuning: &Tuning) -> Plan {
    run_watched(ds, st, tuning, &Progress::default())
}

/// Makes the plan as [`run_with`] does, saying how far it has got in `progress`.
pub fn run_watched(ds: &Dataset, st: &Settings, tuning: &Tuning, progress: &Progress) -> Plan {
    let start = Instant::now();
    progress.round(0);
    progress.stage(Stage::Scope, 0);
    let cfg = &st.config;
    let as_of = st.as_of;
    let sc = scope(ds, as_of, cfg.term_months, &st.pins, &st.excludes);
    let org = Org::new(ds);
    let (facts, sites) = facts_and_sites(ds, &org, &sc, cfg);
    let table = Table::new(&sites);
    let scope_ms = ms(start);

    // Score every feasible pair once with the bulk scorer, keeping the best lists (and
    // every edge of a small problem).
    let t = Instant::now();
    let Shape {
        free,
        slot_post,
        post_slots,
    } = Shape::new(&sc);
    let ctx = Ctx {
        cfg,
        table: &table,
        sites: &sites,
        facts: &facts,
        free: &free,
        post_slots: &post_slots,
        threads: tuning.threads,
        progress,
    };
    progress.stage(Stage::Scoring, free.len());
    let full = ctx.count_edges() <= tuning.full_below;
    let mut scan = ctx.scan(tuning, full);
    let score_ms = ms(t);

    let t = Instant::now();
    progress.round(1);
    progress.stage(Stage::Solving, 0);
    let (n_staff, n_slots) = (free.len(), slot_post.len());
    let mut work = Work {
        lazy: !full,
        scanned_pairs: scan.scored,
        ..Work::default()
    };
    let solution = if full {
        let problem = Problem {
            n_staff,
            n_slots,
            edges: std::mem::take(&mut scan.all),
        };
        work.first_edges = problem.edges.len();
        solver::solve(&problem)
    } else {
        // Solve on the candidates; price the other pairs with the duals until none
        // would improve the plan.
        let first = Problem {
            n_staff,
            n_slots,
            edges: ctx.candidates(&scan, tuning.kind_share),
        };
        let mut pricer = Pricer::new(&ctx, &mut scan);
        let opts = solver::Options {
            top_k: 16,
            slot_top_k: 16,
            prune_above: usize::MAX,
            search_budget: usize::MAX,
            short_first_above: 100_000,
        };
        work.first_edges = first.edges.len();
        let solution = solver::solve_priced(&first, &opts, &mut pricer);
        work.pricing_calls = pricer.calls;
        work.priced_pairs = pricer.scored;
        solution
    };
    work.final_edges = solution.stats.candidate_edges;
    work.rounds = solution.stats.rounds;
    work.violations = solution.stats.violations;
    let solve_ms = ms(t);

    let t = Instant::now();
    progress.stage(Stage::Report, 0);
    let by_post: Vec<Top> = (0..sc.posts.len())
        .map(|k| Top {
            v: (scan.by_post.list(k).take(8))
                .map(|(s, i)| (s, i as usize))
                .collect(),
        })
        .collect();
    let mut by_person: Vec<Top> = vec![Top::default(); sc.people.len()];
    for (pi, &i) in free.iter().enumerate() {
        by_person[i].v = (scan.by_person.list(pi).take(3))
            .map(|(s, k)| (s, k as usize))
            .collect();
    }
    let candidates = std::mem::take(&mut scan.candidates);
    let edges = scan.edges;
    drop(scan);
    let index: BTreeMap<&PostId, usize> = (sc.posts.iter().enumerate())
        .map(|(k, o)| (&o.post.id, k))
        .collect();
    // Where each person in the plan goes (post index).
    let mut placed: Vec<Option<usize>> = vec![None; sc.people.len()];
    for (pi, slot) in &solution.matching {
        placed[free[*pi as usize]] = Some(slot_post[*slot as usize]);
    }
    let mut pinned_scores = Vec::new();
    for (i, p) in sc.people.iter().enumerate() {
        if let Some(k) = p.pin.and_then(|id| index.get(id)) {
            placed[i] = Some(*k);
            pinned_scores.push((
                p.staff.id.clone(),
                sc.posts[*k].post.id.clone(),
                total(cfg, &facts[i], &sites[*k]),
            ));
        }
    }
    let mut placed_in = vec![Vec::new(); sc.posts.len()];
    for (i, k) in placed.iter().enumerate() {
        if let Some(k) = k {
            placed_in[*k].push(i);
        }
    }
    let r = Report {
        ds,
        cfg,
        sc: &sc,
        facts: &facts,
        sites: &sites,
        placed: &placed,
        placed_in,
        by_post: &by_post,
        by_person: &by_person,
    };
    let lists = r.build(&candidates, &free);
    let mut counts = lists.counts;
    counts.edges = edges;
    counts.seats_in_plan = sc.posts.iter().map(|o| o.seats as usize).sum();
    let objective = solution.objective + pinned_scores.iter().map(|x| x.2).sum::<i64>();
    let dump = Dump {
        staff: free
            .iter()
            .map(|&i| sc.people[i].staff.id.clone())
            .collect(),
        slots: (slot_post.iter())
            .map(|&k| sc.posts[k].post.id.clone())
            .collect(),
        solution,
        pinned: pinned_scores,
        pins: st.pins.clone(),
        excludes: st.excludes.clone(),
    };
    let report_ms = ms(t);
    Plan {
        as_of,
        config: cfg.clone(),
        objective,
        proposals: lists.proposals,
        stays: lists.stays,
        unplaced: lists.unplaced,
        unfilled: lists.unfilled,
        outside: lists.outside,
        errors: sc.errors.clone(),
        counts,
        moves: lists.moves,
        dump,
        timing: Timing {
            scope_ms,
            score_ms,
            solve_ms,
            report_ms,
            total_ms: ms(start),
        },
        work,
    }
}

/// A JSON string.
fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

impl Plan {
    /// Writes the matching problem as JSON, `{"as_of", "edges", "matching",
    /// "objective", "pinned", "posts", "staff"}` (keys in that order, no spaces, one
    /// line): `edges` is every feasible (person, seat) pair with its score, by person
    /// then seat, worked out again from `ds` (which must be the dataset the plan was
    /// made from) and streamed, so that even hundreds of millions of edges need no
    /// memory; `matching` and `objective` are the plan's.
    pub fn write_problem(&self, ds: &Dataset, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let cfg = &self.config;
        let sc = scope(
            ds,
            self.as_of,
            cfg.term_months,
            &self.dump.pins,
            &self.dump.excludes,
        );
        let org = Org::new(ds);
        let (facts, sites) = facts_and_sites(ds, &org, &sc, cfg);
        let table = Table::new(&sites);
        let shape = Shape::new(&sc);
        let same = shape.free.len() == self.dump.staff.len()
            && (shape.free.iter().zip(&self.dump.staff))
                .all(|(&i, id)| sc.people[i].staff.id == *id)
            && shape.slot_post.len() == self.dump.slots.len();
        if !same {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the dataset is not the one the plan was made from",
            ));
        }
        write!(
            out,
            "{{\"as_of\":{},\"edges\":[",
            json_str(&iso(self.as_of))
        )?;
        let mut first = true;
        let mut row = Row::default();
        for (pi, &i) in shape.free.iter().enumerate() {
            let f = &facts[i];
            row.fill(cfg, &table, &sites, f);
            for &k in table.open_to(f) {
                let s = row.score(&table, k);
                for slot in shape.post_slots[k as usize].clone() {
                    let sep = if first { "" } else { "," };
                    first = false;
                    write!(out, "{sep}[{pi},{slot},{s}]")?;
                }
            }
        }
        out.write_all(b"],\"matching\":[")?;
        for (n, (s, p)) in self.dump.solution.matching.iter().enumerate() {
            let sep = if n == 0 { "" } else { "," };
            write!(out, "{sep}[{s},{p}]")?;
        }
        write!(
            out,
            "],\"objective\":{},\"pinned\":[",
            self.dump.solution.objective
        )?;
        for (n, (s, p, x)) in self.dump.pinned.iter().enumerate() {
            let sep = if n == 0 { "" } else { "," };
            write!(
                out,
                "{sep}[{},{},{x}]",
                json_str(s.as_str()),
                json_str(p.as_str())
            )?;
        }
        out.write_all(b"],\"posts\":[")?;
        for (n, p) in self.dump.slots.iter().enumerate() {
            let sep = if n == 0 { "" } else { "," };
            write!(out, "{sep}{}", json_str(p.as_str()))?;
        }
        out.write_all(b"],\"staff\":[")?;
        for (n, p) in self.dump.staff.iter().enumerate() {
            let sep = if n == 0 { "" } else { "," };
            write!(out, "{sep}{}", json_str(p.as_str()))?;
        }
        out.write_all(b"]}\n")
    }
}

impl Plan {
    /// The plan's id: SHA-256 of its date and its sorted changes ("move STAFF POST",
    /// "leave STAFF POST"), as 64 hex digits.
    pub fn hash(&self) -> String {
        let mut lines: Vec<String> = (self.moves.iter())
            .map(|m| match m {
                Move::Take { staff, to, .. } => format!("move {staff} {to}"),
                Move::Leave { holding } => format!("leave {} {}", holding.staff, holding.post),
            })
            .collect();
        lines.sort();
        let text = format!("as-of {}\n{}\n", iso(self.as_of), lines.join("\n"));
        sha256_hex(text.as_bytes())
    }

    /// The audit summary of accepting the plan.
    pub fn summary(&self) -> String {
        let n = self.counts.moves;
        let l = self.counts.leaving;
        format!(
            "Accept the rotation plan as of {}: {n} move{}, {l} leav{} their post (plan {})",
            iso(self.as_of),
            if n == 1 { "" } else { "s" },
            if l == 1 { "es" } else { "e" },
            self.hash()
        )
    }

    /// The ids the plan touches: people, then posts.
    pub fn entities(&self) -> Vec<String> {
        let mut staff = Vec::new();
        let mut posts = Vec::new();
        for m in &self.moves {
            match m {
                Move::Take { staff: s, from, to } => {
                    staff.push(s.to_string());
                    posts.extend(from.as_ref().map(|f| f.post.to_string()));
                    posts.push(to.to_string());
                }
                Move::Leave { holding } => {
                    staff.push(holding.staff.to_string());
                    posts.push(holding.post.to_string());
                }
            }
        }
        staff.sort();
        staff.dedup();
        posts.sort();
        posts.dedup();
        staff.extend(posts);
        staff
    }

    /// The plan as dated changes to `ds`, in one change set: every holding that ends
    /// ends the day before the date, then every new holding starts on it. The whole
    /// dataset with the changes applied must pass `domain::validate`; if not, the
    /// violations (and any other reason) are returned instead.
    pub fn accept_changes(&self, ds: &Dataset) -> Result<ChangeSet, Vec<String>> {
        let Ok(last_day) = self.as_of.yesterday() else {
            return Err(vec!["the plan's date is out of range".into()]);
        };
        let mut errors = Vec::new();
        let mut ends = Vec::new();
        let mut starts = Vec::new();
        let mut end = |key: &AssignmentKey, errors: &mut Vec<String>| match ds.assignments.get(key)
        {
            None => errors.push(format!(
                "{} no longer exists; make the plan again",
                RecordRef::Assignment(key.clone())
            )),
            Some(a) if a.start > last_day => {
                ends.push(Change::Delete(RecordRef::Assignment(key.clone())))
            }
            Some(a) if a.end.is_some_and(|e| e <= last_day) => {}
            Some(a) => {
                let mut ended = a.clone();
                ended.end = Some(last_day);
                ends.push(Change::Put(Record::Assignment(ended)));
            }
        };
        for m in &self.moves {
            match m {
                Move::Take { staff, from, to } => {
                    if let Some(k) = from {
                        end(k, &mut errors);
                    }
                    let a = Assignment {
                        staff: staff.clone(),
                        post: to.clone(),
                        start: self.as_of,
                        end: None,
                        concurrent: false,
                    };
                    if ds.assignments.contains_key(&a.key()) {
                        errors.push(format!("{} already exists", RecordRef::Assignment(a.key())));
                    }
                    starts.push(Change::Put(Record::Assignment(a)));
                }
                Move::Leave { holding } => end(holding, &mut errors),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        ends.extend(starts);
        let cs = ChangeSet { changes: ends };
        let mut after = ds.clone();
        after.apply(&cs);
        let violations = validate(&after);
        if !violations.is_empty() {
            return Err(violations.iter().map(|v| v.to_string()).collect());
        }
        Ok(cs)
    }
}
