//! The rotation pane's state: the inputs of the next run (date, standard term,
//! weights, pins, excludes, swaps), the last plan with what is read from it
//! (chains, each unit's mix), which list is shown and where the cursor is, and the
//! saved scenarios. Working out a plan (`plan::inputs::compute`) runs off the UI
//! thread; the commands that change the inputs or write are in `rotation_flows`.

use crate::domain::{Dataset, StaffId};
use crate::plan::chains::Chain;
use crate::plan::scenario::Scenario;
use crate::plan::Progress;
use std::collections::BTreeSet;
use std::sync::Arc;

pub use crate::plan::inputs::{
    compare, compute, compute_watched, Compared, ConfigSource, Outcome, PlanInputs,
};

/// The lists the pane can show, in the order `]` goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum View {
    #[default]
    Proposals,
    Stays,
    Unplaced,
    Unfilled,
    Chains,
    Mix,
    Scenarios,
    Compare,
    Weights,
}

impl View {
    pub const ALL: [View; 9] = [
        View::Proposals,
        View::Stays,
        View::Unplaced,
        View::Unfilled,
        View::Chains,
        View::Mix,
        View::Scenarios,
        View::Compare,
        View::Weights,
    ];

    pub fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }
}

/// A run in progress.
#[derive(Debug, Clone)]
pub struct Running {
    pub id: u64,
    pub started: std::time::Instant,
    pub compare: bool,
    /// How far the planner has got (a plan's run; a comparison leaves it at the start).
    pub progress: Arc<Progress>,
}

/// The pane.
#[derive(Debug, Default)]
pub struct RotationPane {
    pub inputs: PlanInputs,
    pub outcome: Option<Arc<Outcome>>,
    /// Why the last run failed.
    pub failed: Option<String>,
    pub running: Option<Running>,
    /// Ids given to runs, so that only the newest one's result is shown.
    pub last_run: u64,
    /// The total before the last change of inputs, to show what it changed.
    pub previous_objective: Option<i64>,
    /// The records changed since the plan was made.
    pub stale: bool,
    /// The audit number of the plan accepted in this run, until the next plan.
    pub accepted: Option<u64>,
    pub view: View,
    selected: [usize; 9],
    offset: [usize; 9],
    pub detail_open: bool,
    pub detail_hidden: bool,
    /// The first of two proposals to swap.
    pub swap_mark: Option<StaffId>,
    pub scenarios: Vec<Scenario>,
    /// Why the scenarios file could not be read.
    pub scenarios_error: Option<String>,
    /// The scenario the inputs came from or were saved as.
    pub scenario: Option<String>,
    /// Scenarios marked for comparison.
    pub marked: BTreeSet<String>,
    pub compared: Option<Vec<Compared>>,
}

impl RotationPane {
    pub fn selected(&self) -> usize {
        self.selected[self.view.index()]
    }

    pub fn offset(&self) -> usize {
        self.offset[self.view.index()]
    }

    /// Rows in the list shown.
    pub fn len(&self) -> usize {
        let o = self.outcome.as_deref();
        match self.view {
            View::Proposals => o.map_or(0, |o| o.plan.proposals.len()),
            View::Stays => o.map_or(0, |o| o.plan.stays.len()),
            View::Unplaced => o.map_or(0, |o| o.plan.unplaced.len()),
            View::Unfilled => o.map_or(0, |o| o.plan.unfilled.len()),
            View::Chains => o.map_or(0, |o| o.chains.len()),
            View::Mix => o.map_or(0, |o| o.mix.len()),
            View::Scenarios => self.scenarios.len(),
            View::Compare => compare_rows(self.compared.as_deref().unwrap_or(&[])).len(),
            View::Weights => {
                SETTINGS_FIXED_ROWS
                    + self.inputs.pins.len()
                    + self.inputs.excludes.len()
                    + self.inputs.swaps.len()
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves the cursor to `row`, keeping it on screen (`page` rows).
    pub fn select(&mut self, row: usize, page: usize) {
        let (v, len) = (self.view.index(), self.len());
        super::list::select_row(&mut self.selected[v], &mut self.offset[v], row, len, page);
    }

    pub fn move_by(&mut self, delta: isize, page: usize) {
        let (v, len) = (self.view.index(), self.len());
        super::list::move_row(&mut self.selected[v], &mut self.offset[v], delta, len, page);
    }

    /// Keeps every view's cursor inside its list after the lists changed.
    pub fn clamp(&mut self, page: usize) {
        let view = self.view;
        for v in View::ALL {
            self.view = v;
            let at = self.selected();
            self.select(at, page);
        }
        self.view = view;
    }

    pub fn show(&mut self, view: View, page: usize) {
        self.view = view;
        self.detail_open = false;
        let at = self.selected();
        self.select(at, page);
    }

    pub fn next_view(&mut self, delta: isize, page: usize) {
        let n = View::ALL.len() as isize;
        let at = (self.view.index() as isize + delta).rem_euclid(n);
        self.show(View::ALL[at as usize], page);
    }

    /// A new run: its id, and the pane shows it is running.
    pub fn start_run(&mut self, compare: bool) -> u64 {
        self.last_run += 1;
        self.running = Some(Running {
            id: self.last_run,
            started: std::time::Instant::now(),
            compare,
            progress: Arc::default(),
        });
        self.last_run
    }

    /// A run's result, unless a newer run was started since.
    pub fn finished(&mut self, id: u64, result: Result<Arc<Outcome>, String>, page: usize) -> bool {
        if self.running.as_ref().map(|r| r.id) != Some(id) {
            return false;
        }
        self.running = None;
        match result {
            Ok(o) => {
                if let Some(old) = &self.outcome {
                    self.previous_objective = Some(old.plan.objective);
                }
                self.outcome = Some(o);
                self.failed = None;
                self.stale = false;
                self.accepted = None;
                self.swap_mark = None;
            }
            Err(e) => self.failed = Some(e),
        }
        self.clamp(page);
        true
    }

    pub fn compared(&mut self, id: u64, result: Vec<Compared>, page: usize) -> bool {
        if self.running.as_ref().map(|r| r.id) != Some(id) {
            return false;
        }
        self.running = None;
        self.compared = Some(result);
        self.show(View::Compare, page);
        true
    }

    /// The proposal under the cursor, in the proposals view.
    pub fn selected_proposal(&self) -> Option<&crate::plan::planner::Proposal> {
        let o = self.outcome.as_deref()?;
        match self.view {
            View::Proposals => o.plan.proposals.get(self.selected()),
            _ => None,
        }
    }

    /// The person on the selected line (proposal, stay or unplaced).
    pub fn selected_staff(&self) -> Option<&str> {
        let o = self.outcome.as_deref()?;
        let i = self.selected();
        match self.view {
            View::Proposals => o.plan.proposals.get(i).map(|p| p.staff.as_str()),
            View::Stays => o.plan.stays.get(i).map(|p| p.staff.as_str()),
            View::Unplaced => o.plan.unplaced.get(i).map(|p| p.staff.as_str()),
            _ => None,
        }
    }

    /// The post on the selected line (proposal, stay or unfilled post).
    pub fn selected_post(&self) -> Option<&str> {
        let o = self.outcome.as_deref()?;
        let i = self.selected();
        match self.view {
            View::Proposals => o.plan.proposals.get(i).map(|p| p.post.as_str()),
            View::Stays => o.plan.stays.get(i).map(|p| p.post.as_str()),
            View::Unfilled => o.plan.unfilled.get(i).map(|p| p.post.as_str()),
            _ => None,
        }
    }

    pub fn selected_scenario(&self) -> Option<&Scenario> {
        match self.view {
            View::Scenarios => self.scenarios.get(self.selected()),
            _ => None,
        }
    }

    /// The records changed under the plan.
    pub fn data_changed(&mut self) {
        if self.outcome.is_some() {
            self.stale = true;
        }
    }
}

/// Lines of the settings view before the pins: the date, the term, the settings
/// file and every weight. Pins, excludes and swaps follow, one per line.
pub const SETTINGS_FIXED_ROWS: usize = 3 + crate::plan::config::WEIGHT_COUNT;

/// The chains as lines: `田中 美咲 E0412 P02 → P13 · 山崎 健太 E0101 P01 → P02 · …`.
pub fn chain_lines(ds: &Dataset, chains: &[Chain], lang: crate::i18n::Lang) -> Vec<String> {
    let r = lang.rotation();
    chains
        .iter()
        .map(|c| {
            let steps: Vec<String> = (c.steps.iter())
                .map(|s| {
                    let name = ds.staff.get(&s.staff).map_or("", |x| x.name.as_str());
                    let from = s.from.as_ref().map_or(r.no_post, |p| p.as_str());
                    let to = s.to.as_ref().map_or(r.leaves, |p| p.as_str());
                    format!("{name} {} {from} → {to}", s.staff)
                })
                .collect();
            let mut line = steps.join(" · ");
            if c.cycle {
                line.push_str(&format!(" ({})", r.cycle));
            }
            line
        })
        .collect()
}

/// A line of the comparison: a figure, or one unit's mix after each plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareRow {
    Objective,
    Moves,
    Unplaced,
    Unfilled,
    Pins,
    /// The units whose mix differs between the plans, by unit id.
    Unit(crate::domain::UnitId),
}

/// The comparison's lines: the figures, then every unit some plan changes.
pub fn compare_rows(c: &[Compared]) -> Vec<CompareRow> {
    let mut rows = vec![
        CompareRow::Objective,
        CompareRow::Moves,
        CompareRow::Unplaced,
        CompareRow::Unfilled,
        CompareRow::Pins,
    ];
    let mut units = BTreeSet::new();
    for x in c {
        if let Ok(o) = &x.result {
            units.extend(o.mix.iter().filter(|m| m.changed()).map(|m| m.unit.clone()));
        }
    }
    rows.extend(units.into_iter().map(CompareRow::Unit));
    rows
}
