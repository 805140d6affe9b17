//! What `update` asks the outside world to do: the loop hands each effect to the data
//! worker (`tui::worker`) and feeds its result back as a message. Keeping effects as
//! data keeps `update` free of IO and testable without a terminal or a database.

use crate::audit::{AuditDraft, AuditRecord};
use crate::domain::ops::Diff;
use crate::domain::ChangeSet;

/// A request to the data worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write a change with its audit record.
    Commit {
        changes: ChangeSet,
        draft: AuditDraft,
    },
    /// Read the audit log (for the log view).
    ReadLog,
    /// Work out a rotation plan (off the UI thread); `id` tells runs apart.
    RunPlan {
        id: u64,
        inputs: Box<crate::app::rotation::PlanInputs>,
        today: crate::domain::Date,
        /// Where the planner says how far it has got (the pane's running line reads it).
        progress: std::sync::Arc<crate::plan::Progress>,
    },
    /// Work out each scenario's plan on the current records, to compare them.
    Compare {
        id: u64,
        scenarios: Vec<crate::plan::scenario::Scenario>,
        today: crate::domain::Date,
    },
    /// Replace the saved scenarios with these.
    SaveScenarios(Vec<crate::plan::scenario::Scenario>),
    /// Write a plan's CSV to a new file (never over an existing one).
    Export {
        path: std::path::PathBuf,
        text: String,
    },
}

/// A change made in this run of the program, which `u` can undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeChange {
    pub seq: u64,
    pub summary: String,
    pub diffs: Vec<Diff>,
}

/// The change being written: what undo needs once it is committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFlight {
    pub summary: String,
    pub diffs: Vec<Diff>,
    /// The seq of the change this one undoes.
    pub undoes: Option<u64>,
}

/// The audit log as last read, for the log view.
#[derive(Debug, Clone, Default)]
pub struct LogView {
    pub records: Option<Result<Vec<AuditRecord>, String>>,
    pub filter: crate::app::text_input::TextInput,
    pub scroll: usize,
}
