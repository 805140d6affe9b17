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
use super::scope::{scope, Kept, KeptWhy, Scope, Why};
use super::score::{self, explain, lacks, signed, total, Facts, Line, Org, Site};
use super::solver::{self, Problem, Solution};
use crate::domain::date::{iso, tenure_label};
use crate::domain::{
    validate, Assignment, AssignmentKey, Change, ChangeSet, Dataset, Date, Grade, PostId, Record,
    RecordRef, StaffId,
};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Instant;

/// What a plan is asked for.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The rotation day: moves take effect from it.
    pub as_of: Date,
    pub config: Config,
    /// Pairs to force (staff, post).
    pub pins: Vec<(StaffId, PostId)>,
    /// Staff or post ids to leave out of the plan.
    pub excludes: Vec<String>,
}

impl Settings {
    /// The defaults on a date: built-in weights, no pins, no excludes.
    pub fn new(as_of: Date) -> Settings {
        Settings {
            as_of,
            config: Config::default(),
            pins: Vec::new(),
            excludes: Vec::new(),
        }
    }
}

/// Another candidate for a post, and how far behind the chosen one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternative {
    pub staff: String,
    pub name: String,
    pub score: i64,
    /// Their score less the chosen person's (zero or less, unless pinned).
    pub diff: i64,
    /// What the plan does with them: "moves to P07", "stays in P03", "unplaced".
    pub outcome: String,
}

/// A person proposed for a post (a move).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    pub post: String,
    pub post_title: String,
    pub unit: String,
    pub grade: Grade,
    pub staff: String,
    pub name: String,
    pub staff_grade: Grade,
    /// The person's primary post on the date (none: back from secondment, new).
    pub current_post: Option<String>,
    /// Holders of the post on the date who are in the plan (they move or leave).
    pub current_holders: Vec<String>,
    pub score: i64,
    pub terms: Vec<Line>,
    pub pinned: bool,
    /// A grade up (a promotable person into a post one grade above).
    pub promotion: bool,
    pub alternatives: Vec<Alternative>,
}

/// A holder who keeps their post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stay {
    pub staff: String,
    pub name: String,
    pub post: String,
    pub post_title: String,
    pub months: Option<i32>,
    /// In the plan (a due holder the plan keeps, or pinned) or outside it (not due,
    /// away, excluded).
    pub in_plan: bool,
    pub score: Option<i64>,
    pub terms: Vec<Line>,
    pub reason: String,
    pub pinned: bool,
    pub alternatives: Vec<Alternative>,
}

/// A person in the plan with no post from the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unplaced {
    pub staff: String,
    pub name: String,
    pub grade: Grade,
    pub current_post: Option<String>,
    /// The person leaves `current_post` on the date (accepting the plan ends it).
    pub leaves: bool,
    /// away, no-feasible-post, outscored, below-zero
    pub code: &'static str,
    pub reason: String,
    pub suggestion: String,
    /// Their best post, with their score for it.
    pub best_post: Option<String>,
    pub best_score: Option<i64>,
}

/// A candidate for an unfilled seat, and what they lack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Near {
    pub staff: String,
    pub name: String,
    pub grade: Grade,
    /// Their score for the post; none when the grade rule rules them out.
    pub score: Option<i64>,
    pub lacks: Vec<String>,
    pub outcome: String,
}

/// A post with seats the plan leaves empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unfilled {
    pub post: String,
    pub post_title: String,
    pub unit: String,
    pub grade: Grade,
    /// Seats in the plan and how many the plan fills.
    pub seats: u16,
    pub filled: u16,
    /// no-candidate, placed-elsewhere, below-zero
    pub code: &'static str,
    pub reason: String,
    pub nearest: Vec<Near>,
}

/// Someone outside the plan who holds no post (excluded, or hired after the date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outside {
    pub staff: String,
    pub name: String,
    pub reason: String,
}

/// Sizes, for reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub people_in_plan: usize,
    pub posts_in_plan: usize,
    pub seats_in_plan: usize,
    pub edges: usize,
    pub moves: usize,
    pub stays_in_plan: usize,
    pub not_due: usize,
    pub unplaced: usize,
    pub leaving: usize,
    pub unfilled_seats: usize,
}

/// How long each step took, in milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Timing {
    pub scope_ms: f64,
    pub score_ms: f64,
    pub solve_ms: f64,
    pub report_ms: f64,
    pub total_ms: f64,
}

/// How the plan was worked out, for benchmarks and logs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Work {
    /// Solved on candidates with pricing (large problems) rather than on every edge.
    pub lazy: bool,
    /// Edges the solver started from, and had at the end.
    pub first_edges: usize,
    pub final_edges: usize,
    /// Rounds of the solver (solve, price, repair), and calls of the pricer.
    pub rounds: usize,
    pub pricing_calls: usize,
    /// Pairs the pricer scored (beyond the one pass over every pair), and the violated
    /// edges added.
    pub priced_pairs: usize,
    pub violations: usize,
    /// Pairs scored by the one pass (the rest of the feasible pairs were ruled out a
    /// kind of post at a time).
    pub scanned_pairs: usize,
}

/// The problem handed to the solver and its answer, with the ids behind the indices.
/// It does not hold the edges (at 100k people they run to hundreds of millions):
/// [`Plan::write_problem`] works them out again and streams them.
#[derive(Debug, Clone)]
pub struct Dump {
    /// Problem index → staff id (staff order).
    pub staff: Vec<StaffId>,
    /// Slot index → post id (one entry per seat, post order).
    pub slots: Vec<PostId>,
    pub solution: Solution,
    /// Pairs fixed by pins (outside the problem): staff, post, score.
    pub pinned: Vec<(StaffId, PostId, i64)>,
    /// The pins and excludes the plan was made with, to work the problem out again.
    pub pins: Vec<(StaffId, PostId)>,
    pub excludes: Vec<String>,
}

/// A change the plan makes to a holding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move {
    /// The person takes `to` from the date; `from` (their current primary holding,
    /// if any) ends the day before.
    Take {
        staff: StaffId,
        from: Option<AssignmentKey>,
        to: PostId,
    },
    /// The person leaves their post: the holding ends the day before the date.
    Leave { holding: AssignmentKey },
}

/// A rotation plan.
#[derive(Debug, Clone)]
pub struct Plan {
    pub as_of: Date,
    pub config: Config,
    /// The plan's total score: the solver's objective plus the pinned pairs'.
    pub objective: i64,
    /// By post id, then staff id.
    pub proposals: Vec<Proposal>,
    /// In-plan stays first (by post id), then holders outside the plan (by post id).
    pub stays: Vec<Stay>,
    /// By staff id.
    pub unplaced: Vec<Unplaced>,
    /// By post id.
    pub unfilled: Vec<Unfilled>,
    pub outside: Vec<Outside>,
    /// Pins and excludes that could not be honoured (the plan leaves them out).
    pub errors: Vec<String>,
    pub counts: Counts,
    pub moves: Vec<Move>,
    pub dump: Dump,
    pub timing: Timing,
    pub work: Work,
}

/// The best few (score, index) seen, highest score first, then lowest index.
#[derive(Debug, Clone, Default)]
struct Top {
    v: Vec<(i64, usize)>,
}

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

/// The plan's lists, before the problem and timing are added.
struct Lists {
    proposals: Vec<Proposal>,
    stays: Vec<Stay>,
    unplaced: Vec<Unplaced>,
    unfilled: Vec<Unfilled>,
    outside: Vec<Outside>,
    counts: Counts,
    moves: Vec<Move>,
}

/// Turns the matching into the plan's lists.
struct Report<'r, 'a> {
    ds: &'a Dataset,
    cfg: &'r Config,
    sc: &'r Scope<'a>,
    facts: &'r [Facts<'a>],
    sites: &'r [Site<'a>],
    placed: &'r [Option<usize>],
    /// The people placed in each post.
    placed_in: Vec<Vec<usize>>,
    by_post: &'r [Top],
    by_person: &'r [Top],
}

impl Report<'_, '_> {
    fn score(&self, i: usize, k: usize) -> i64 {
        total(self.cfg, &self.facts[i], &self.sites[k])
    }

    /// What the plan does with person `i`.
    fn outcome(&self, i: usize) -> String {
        match self.placed[i] {
            Some(k) if self.facts[i].holds(&self.sites[k]) => {
                format!("stays in {}", self.sites[k].post.id)
            }
            Some(k) => format!("moves to {}", self.sites[k].post.id),
            None => "unplaced".into(),
        }
    }

    /// The next best for post `k` besides the people placed in it.
    fn alternatives(&self, k: usize, chosen: i64) -> Vec<Alternative> {
        (self.by_post[k].v.iter())
            .filter(|(_, i)| self.placed[*i] != Some(k))
            .take(3)
            .map(|&(s, i)| Alternative {
                staff: self.sc.people[i].staff.id.to_string(),
                name: self.sc.people[i].staff.name.clone(),
                score: s,
                diff: s - chosen,
                outcome: self.outcome(i),
            })
            .collect()
    }

    fn build(&self, candidates: &[usize], free: &[usize]) -> Lists {
        let (ds, sc) = (self.ds, self.sc);
        let mut proposals = Vec::new();
        let mut stays = Vec::new();
        let mut unplaced = Vec::new();
        let mut moves = Vec::new();
        let mut counts = Counts {
            people_in_plan: sc.people.len(),
            posts_in_plan: sc.posts.len(),
            ..Counts::default()
        };
        for (i, p) in sc.people.iter().enumerate() {
            let f = &self.facts[i];
            match self.placed[i] {
                Some(k) => {
                    let site = &self.sites[k];
                    let post = site.post;
                    let score = self.score(i, k);
                    let terms = explain(ds, self.cfg, f, site);
                    let alternatives = self.alternatives(k, score);
                    if f.holds(site) {
                        counts.stays_in_plan += 1;
                        let reason = if p.pin.is_some() {
                            "pinned to their own post".to_string()
                        } else {
                            match alternatives.first() {
                                Some(a) => format!(
                                    "due, and the best for the post: next {} ({})",
                                    a.staff,
                                    signed(a.diff)
                                ),
                                None => "due, and no one else can take the post".into(),
                            }
                        };
                        stays.push(Stay {
                            staff: p.staff.id.to_string(),
                            name: p.staff.name.clone(),
                            post: post.id.to_string(),
                            post_title: post.title.clone(),
                            months: f.months,
                            in_plan: true,
                            score: Some(score),
                            terms,
                            reason,
                            pinned: p.pin.is_some(),
                            alternatives,
                        });
                    } else {
                        counts.moves += 1;
                        moves.push(Move::Take {
                            staff: p.staff.id.clone(),
                            from: p.current.map(Assignment::key),
                            to: post.id.clone(),
                        });
                        proposals.push(Proposal {
                            post: post.id.to_string(),
                            post_title: post.title.clone(),
                            unit: post.unit.to_string(),
                            grade: post.grade,
                            staff: p.staff.id.to_string(),
                            name: p.staff.name.clone(),
                            staff_grade: p.staff.grade,
                            current_post: p.current.map(|a| a.post.to_string()),
                            current_holders: (sc.posts[k].holders.iter())
                                .map(|s| s.to_string())
                                .collect(),
                            score,
                            terms,
                            pinned: p.pin.is_some(),
                            promotion: p.staff.grade < post.grade,
                            alternatives,
                        });
                    }
                }
                None => {
                    let u = self.unplaced(i);
                    if u.leaves {
                        counts.leaving += 1;
                        if let Some(a) = p.current {
                            moves.push(Move::Leave { holding: a.key() });
                        }
                    }
                    unplaced.push(u);
                }
            }
        }
        proposals.sort_by(|a, b| (&a.post, &a.staff).cmp(&(&b.post, &b.staff)));
        stays.sort_by(|a, b| (&a.post, &a.staff).cmp(&(&b.post, &b.staff)));
        let mut outside = Vec::new();
        let mut kept_stays = Vec::new();
        for k in &sc.kept {
            match (k.current, kept_reason(k, sc.term_months)) {
                (Some(a), reason) => {
                    if matches!(k.why, KeptWhy::NotDue { .. }) {
                        counts.not_due += 1;
                    }
                    kept_stays.push(Stay {
                        staff: k.staff.id.to_string(),
                        name: k.staff.name.clone(),
                        post: a.post.to_string(),
                        post_title: ds
                            .posts
                            .get(&a.post)
                            .map_or(String::new(), |p| p.title.clone()),
                        months: Some(crate::domain::queries::tenure_months(a, sc.as_of)),
                        in_plan: false,
                        score: None,
                        terms: Vec::new(),
                        reason,
                        pinned: false,
                        alternatives: Vec::new(),
                    });
                }
                (None, reason) => outside.push(Outside {
                    staff: k.staff.id.to_string(),
                    name: k.staff.name.clone(),
                    reason,
                }),
            }
        }
        kept_stays.sort_by(|a, b| (&a.post, &a.staff).cmp(&(&b.post, &b.staff)));
        stays.extend(kept_stays);
        let unfilled = self.unfilled(candidates, free);
        counts.unplaced = unplaced.len();
        counts.unfilled_seats = unfilled.iter().map(|u| (u.seats - u.filled) as usize).sum();
        Lists {
            proposals,
            stays,
            unplaced,
            unfilled,
            outside,
            counts,
            moves,
        }
    }

    /// Why person `i` has no post, and what to do.
    fn unplaced(&self, i: usize) -> Unplaced {
        let sc = self.sc;
        let p = &sc.people[i];
        let s = p.staff;
        let holds = p.current.map(|a| a.post.to_string());
        let (leaves, prefix) = match p.why {
            Why::Due { months } => (
                true,
                format!(
                    "leaves {} ({}, due): ",
                    holds.clone().unwrap_or_default(),
                    tenure_label(months)
                ),
            ),
            Why::Pinned { .. } => (true, String::new()),
            Why::PostCloses { on, .. } => (
                false,
                format!(
                    "keeps {} until it closes on {}: ",
                    holds.clone().unwrap_or_default(),
                    iso(on)
                ),
            ),
            Why::NoPost => (false, String::new()),
        };
        let suggestion = "suggest a secondment (出向) or a general post".to_string();
        let mut u = Unplaced {
            staff: s.id.to_string(),
            name: s.name.clone(),
            grade: s.grade,
            current_post: holds,
            leaves,
            code: "",
            reason: String::new(),
            suggestion,
            best_post: None,
            best_score: None,
        };
        if p.away {
            u.code = "away";
            let why = score::Impossible::Away {
                status: s.status,
                until: s.status_until,
                destination: s.destination.clone(),
            };
            u.reason = format!("not available on {}: {}", iso(sc.as_of), why.text());
            u.suggestion = "plan them when they are back".into();
            return u;
        }
        let Some(&(best, k)) = self.by_person[i].v.first() else {
            u.code = "no-feasible-post";
            let mut grades = vec![s.grade];
            if s.promotable {
                grades.extend(s.grade.next());
            }
            let names: Vec<&str> = grades.iter().map(|g| g.ja()).collect();
            let open = sc
                .posts
                .iter()
                .filter(|o| grades.contains(&o.post.grade))
                .count();
            let why = if open == 0 {
                format!("no open {} post in the plan", names.join(" or "))
            } else {
                format!(
                    "every open {} post is pinned to someone else",
                    names.join(" or ")
                )
            };
            u.reason = format!("{prefix}no feasible post: grade {}: {why}", s.grade.ja());
            return u;
        };
        let post = self.sites[k].post;
        u.best_post = Some(post.id.to_string());
        u.best_score = Some(best);
        // The weakest person the plan put in that post.
        let winner = (self.placed_in[k].iter())
            .map(|&j| (self.score(j, k), j))
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        match winner {
            Some((ws, j)) => {
                u.code = "outscored";
                u.reason = format!(
                    "{prefix}outscored for {} by {} ({})",
                    post.id,
                    sc.people[j].staff.id,
                    signed(best - ws)
                );
            }
            None => {
                u.code = "below-zero";
                u.reason = format!(
                    "{prefix}no post scores above zero (best: {} {})",
                    post.id,
                    signed(best)
                );
            }
        }
        u
    }

    /// Posts with seats the plan leaves empty.
    fn unfilled(&self, candidates: &[usize], free: &[usize]) -> Vec<Unfilled> {
        let sc = self.sc;
        let mut out = Vec::new();
        for (k, o) in sc.posts.iter().enumerate() {
            let filled = self.placed_in[k].len() as u16;
            if filled >= o.seats {
                continue;
            }
            let post = o.post;
            let near = |i: usize, score: Option<i64>| Near {
                staff: sc.people[i].staff.id.to_string(),
                name: sc.people[i].staff.name.clone(),
                grade: sc.people[i].staff.grade,
                score,
                lacks: lacks(&self.facts[i], post),
                outcome: self.outcome(i),
            };
            let (code, reason, nearest) = if candidates[k] == 0 {
                let lower = Grade::ALL
                    .iter()
                    .find(|g| g.next() == Some(post.grade))
                    .map(|g| format!(" (nor a promotable {})", g.ja()))
                    .unwrap_or_default();
                let reason = format!(
                    "no one in the plan can take it: no {}{lower} is free to move",
                    post.grade.ja()
                );
                // The nearest by grade, then score.
                let rank = |g: Grade| (g as i32 - post.grade as i32).abs();
                let mut v: Vec<(i32, i64, usize)> = free
                    .iter()
                    .map(|&i| {
                        let g = sc.people[i].staff.grade;
                        (rank(g), -self.score(i, k), i)
                    })
                    .collect();
                v.sort();
                let nearest = v.iter().take(3).map(|&(_, _, i)| near(i, None)).collect();
                ("no-candidate", reason, nearest)
            } else {
                let tops: Vec<(i64, usize)> = (self.by_post[k].v.iter())
                    .filter(|(_, i)| self.placed[*i] != Some(k))
                    .copied()
                    .collect();
                let all_placed = tops.iter().all(|(_, i)| self.placed[*i].is_some());
                let (code, reason) = match tops.first() {
                    Some(&(s, i)) if all_placed => (
                        "placed-elsewhere",
                        format!(
                            "{} placed elsewhere; the best, {} ({}), {}",
                            if candidates[k] == 1 {
                                "its one candidate is".to_string()
                            } else {
                                format!("its {} candidates are all", candidates[k])
                            },
                            sc.people[i].staff.id,
                            signed(s),
                            self.outcome(i)
                        ),
                    ),
                    Some(&(s, i)) => (
                        "below-zero",
                        format!(
                            "the candidates left score zero or less (best: {} {})",
                            sc.people[i].staff.id,
                            signed(s)
                        ),
                    ),
                    None => ("placed-elsewhere", "every candidate is placed".into()),
                };
                let nearest = tops
                    .iter()
                    .take(3)
                    .map(|&(s, i)| near(i, Some(s)))
                    .collect();
                (code, reason, nearest)
            };
            out.push(Unfilled {
                post: post.id.to_string(),
                post_title: post.title.clone(),
                unit: post.unit.to_string(),
                grade: post.grade,
                seats: o.seats,
                filled,
                code,
                reason,
                nearest,
            });
        }
        out
    }
}

/// Why someone outside the plan stays where they are.
fn kept_reason(k: &Kept, term: u32) -> String {
    match k.why {
        KeptWhy::NotDue { months } => format!(
            "not due ({} in post; the term is {term} months)",
            tenure_label(months)
        ),
        KeptWhy::Away => {
            let s = k.staff;
            let why = score::Impossible::Away {
                status: s.status,
                until: s.status_until,
                destination: s.destination.clone(),
            };
            format!("{}; keeps the post", why.text())
        }
        KeptWhy::Excluded => "excluded (--exclude)".into(),
        KeptWhy::PostExcluded => {
            let post = k.current.map(|a| a.post.as_str()).unwrap_or("");
            format!("post {post} excluded (--exclude)")
        }
        KeptWhy::NotYetHired => format!(
            "hired on {}, after the plan's date",
            k.staff.hired_on.map(iso).unwrap_or_default()
        ),
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
