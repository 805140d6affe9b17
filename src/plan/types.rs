//! What a plan is asked for ([`Settings`]) and what it says ([`Plan`] and its lists):
//! the types the planner fills, the pane shows and `jinzai plan --json` prints.

use super::config::Config;
use super::score::Line;
use super::solver::Solution;
use crate::domain::{AssignmentKey, Date, Grade, PostId, StaffId};
use serde::Serialize;

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
