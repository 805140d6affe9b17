//! What a plan is made from, as a user gives it: the date (or the next April 1st),
//! the standard term, where the weights come from, pins, excludes and swaps made by
//! hand. `compute` turns them into a plan with what is read from it (chains, each
//! unit's mix); the rotation pane and `jinzai plan --scenario` both use it, so a
//! scenario gives the same plan on either.

use super::chains::{chains, Chain};
use super::mix::{unit_mix, UnitMix};
use super::planner::{run_watched, Tuning};
use super::scenario::{Scenario, Summary};
use super::swap::{swap, Swapped};
use super::{Config, Plan, Progress, Settings};
use crate::domain::date::iso;
use crate::domain::queries::next_april_first;
use crate::domain::{Dataset, Date, PostId, StaffId};
use std::path::PathBuf;
use std::sync::Arc;

/// Where the weights come from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ConfigSource {
    /// The defaults that ship with jinzai.
    #[default]
    Default,
    /// A planner config file, read at each run.
    File(PathBuf),
    /// Settings kept with a scenario: a label and the file's text.
    Saved { label: String, text: String },
}

impl ConfigSource {
    pub fn label(&self) -> String {
        match self {
            ConfigSource::Default => "default".into(),
            ConfigSource::File(p) => p.display().to_string(),
            ConfigSource::Saved { label, .. } => label.clone(),
        }
    }
}

/// What the next run plans with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanInputs {
    /// None: the next April 1st after today.
    pub as_of: Option<Date>,
    /// Overrides the config's standard term.
    pub term_months: Option<u32>,
    pub config: ConfigSource,
    pub pins: Vec<(StaffId, PostId)>,
    /// Staff or post ids.
    pub excludes: Vec<String>,
    /// People whose proposed posts are swapped after solving, in order.
    pub swaps: Vec<(StaffId, StaffId)>,
}

impl PlanInputs {
    pub fn date(&self, today: Date) -> Date {
        self.as_of.unwrap_or_else(|| next_april_first(today))
    }

    pub fn is_pinned(&self, staff: &str) -> bool {
        self.pins.iter().any(|(s, _)| s.as_str() == staff)
    }

    pub fn is_excluded(&self, id: &str) -> bool {
        self.excludes.iter().any(|x| x == id)
    }

    /// The inputs of a saved scenario; ids that no longer parse are reported.
    pub fn from_scenario(s: &Scenario) -> Result<PlanInputs, String> {
        let as_of = match &s.as_of {
            Some(d) => Some(crate::domain::date::parse_date(d).map_err(|e| format!("as of: {e}"))?),
            None => None,
        };
        let pins = (s.pins.iter())
            .map(|(a, b)| Ok((StaffId::parse(a)?, PostId::parse(b)?)))
            .collect::<Result<Vec<_>, String>>()?;
        let swaps = (s.swaps.iter())
            .map(|(a, b)| Ok((StaffId::parse(a)?, StaffId::parse(b)?)))
            .collect::<Result<Vec<_>, String>>()?;
        Ok(PlanInputs {
            as_of,
            term_months: None,
            config: match &s.config {
                Some(text) => ConfigSource::Saved {
                    label: s.config_label.clone(),
                    text: text.clone(),
                },
                None => ConfigSource::Default,
            },
            pins,
            excludes: s.excludes.clone(),
            swaps,
        })
    }
}

/// A plan with what the pane reads from it.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub inputs: PlanInputs,
    pub settings: Settings,
    pub plan: Plan,
    pub config_label: String,
    /// The settings file's text, when not the defaults (kept with a scenario).
    pub config_text: Option<String>,
    pub chains: Vec<Chain>,
    pub mix: Vec<UnitMix>,
    pub swapped: Vec<Swapped>,
    /// Swaps that could not be made, with why.
    pub swap_errors: Vec<String>,
}

impl Outcome {
    pub fn summary(&self) -> Summary {
        Summary {
            objective: self.plan.objective,
            moves: self.plan.counts.moves,
            unplaced: self.plan.unplaced.len(),
            unfilled: self.plan.unfilled.len(),
            hash: self.plan.hash(),
        }
    }

    /// The scenario these inputs make, under `name`.
    pub fn scenario(&self, name: &str, saved_at: String) -> Scenario {
        Scenario {
            name: name.to_string(),
            saved_at,
            as_of: self.inputs.as_of.map(iso),
            config: self.config_text.clone(),
            config_label: self.config_label.clone(),
            pins: (self.inputs.pins.iter())
                .map(|(s, p)| (s.to_string(), p.to_string()))
                .collect(),
            excludes: self.inputs.excludes.clone(),
            swaps: (self.inputs.swaps.iter())
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            saved_summary: Some(self.summary()),
        }
    }
}

/// Works out a plan: reads the settings file if there is one, runs the planner,
/// makes the swaps, and reads chains and the units' mix from the result.
pub fn compute(ds: &Dataset, inputs: &PlanInputs, today: Date) -> Result<Outcome, String> {
    compute_watched(ds, inputs, today, &Progress::default())
}

/// [`compute`], saying how far the planner has got in `progress`.
pub fn compute_watched(
    ds: &Dataset,
    inputs: &PlanInputs,
    today: Date,
    progress: &Progress,
) -> Result<Outcome, String> {
    let (mut config, config_text) = match &inputs.config {
        ConfigSource::Default => (Config::default(), None),
        ConfigSource::File(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the planner settings {}: {e}", path.display()))?;
            let c = Config::parse(&text, &path.display().to_string()).map_err(|e| e.to_string())?;
            (c, Some(text))
        }
        ConfigSource::Saved { label, text } => (
            Config::parse(text, label).map_err(|e| e.to_string())?,
            Some(text.clone()),
        ),
    };
    if let Some(t) = inputs.term_months {
        config.term_months = t;
    }
    let settings = Settings {
        as_of: inputs.date(today),
        config,
        pins: inputs.pins.clone(),
        excludes: inputs.excludes.clone(),
    };
    let mut plan = run_watched(ds, &settings, &Tuning::default(), progress);
    let mut swapped = Vec::new();
    let mut swap_errors = Vec::new();
    for (a, b) in &inputs.swaps {
        match swap(ds, &settings, &mut plan, a, b) {
            Ok(s) => swapped.push(s),
            Err(e) => swap_errors.push(format!("swap {a} ↔ {b}: {e}")),
        }
    }
    // The outcome's inputs are those the plan was made with: swaps that failed are
    // reported, not kept.
    let mut used = inputs.clone();
    used.swaps = swapped.iter().map(|s| (s.a.clone(), s.b.clone())).collect();
    Ok(Outcome {
        chains: chains(&plan),
        mix: unit_mix(ds, &plan),
        config_label: inputs.config.label(),
        config_text,
        inputs: used,
        settings,
        plan,
        swapped,
        swap_errors,
    })
}

/// One scenario's figures, worked out again on the current data for comparison.
#[derive(Debug, Clone)]
pub struct Compared {
    pub name: String,
    pub result: Result<Arc<Outcome>, String>,
}

/// The scenarios run side by side.
pub fn compare(ds: &Dataset, scenarios: &[Scenario], today: Date) -> Vec<Compared> {
    scenarios
        .iter()
        .map(|s| Compared {
            name: s.name.clone(),
            result: PlanInputs::from_scenario(s)
                .and_then(|i| compute(ds, &i, today))
                .map(Arc::new),
        })
        .collect()
}
