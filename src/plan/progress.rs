//! How far a running plan has got, for a screen to show while it works ("scoring
//! 45%", "pricing round 2"). The planner updates it with relaxed atomics a chunk of
//! people at a time, never per pair, and any thread may read it.

use std::sync::atomic::{AtomicU32, AtomicU8, AtomicUsize, Ordering::Relaxed};

/// What the planner is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// Not started, or working out who and which posts are in the plan.
    #[default]
    Scope,
    /// The pass over the people, scoring their pairs.
    Scoring,
    /// The solver (`round` says which round, from 1).
    Solving,
    /// Pricing the pairs outside the candidates with the duals (round from 1).
    Pricing,
    /// Writing the lists and the reasons.
    Report,
}

impl Stage {
    const ALL: [Stage; 5] = [
        Stage::Scope,
        Stage::Scoring,
        Stage::Solving,
        Stage::Pricing,
        Stage::Report,
    ];
}

/// A running plan's progress, shared between the planner and whoever watches it.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    round: AtomicU32,
    done: AtomicUsize,
    total: AtomicUsize,
}

/// What [`Progress::get`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Snapshot {
    pub stage: Stage,
    /// The solver's or the pricing's round (from 1; 0 before the solver starts).
    pub round: u32,
    /// People done of `total` in the stage (scoring, pricing); `total` 0 when not
    /// counted.
    pub done: usize,
    pub total: usize,
}

impl Snapshot {
    /// Per cent of the stage done, when it is counted.
    pub fn percent(&self) -> Option<u32> {
        (self.total > 0).then(|| (self.done.min(self.total) * 100 / self.total) as u32)
    }
}

impl Progress {
    /// Starts a stage of `total` people (0: not counted).
    pub fn stage(&self, stage: Stage, total: usize) {
        self.done.store(0, Relaxed);
        self.total.store(total, Relaxed);
        self.stage.store(stage as u8, Relaxed);
    }

    /// Sets the round (solver and pricing).
    pub fn round(&self, round: u32) {
        self.round.store(round, Relaxed);
    }

    /// `n` more people done in the stage.
    pub fn add(&self, n: usize) {
        self.done.fetch_add(n, Relaxed);
    }

    pub fn get(&self) -> Snapshot {
        let stage = self.stage.load(Relaxed) as usize;
        Snapshot {
            stage: Stage::ALL.get(stage).copied().unwrap_or_default(),
            round: self.round.load(Relaxed),
            done: self.done.load(Relaxed),
            total: self.total.load(Relaxed),
        }
    }
}

/// Two handles are equal when they read the same (effects compare by value).
impl PartialEq for Progress {
    fn eq(&self, other: &Progress) -> bool {
        self.get() == other.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_rounds_and_per_cent() {
        let p = Progress::default();
        assert_eq!(p.get(), Snapshot::default());
        p.stage(Stage::Scoring, 200);
        p.add(64);
        p.add(26);
        assert_eq!(p.get().percent(), Some(45));
        p.round(2);
        p.stage(Stage::Pricing, 0);
        let s = p.get();
        assert_eq!((s.stage, s.round, s.percent()), (Stage::Pricing, 2, None));
        p.add(500);
        assert_eq!(p.get().percent(), None);
        p.stage(Stage::Scoring, 10);
        p.add(30);
        assert_eq!(p.get().percent(), Some(100), "never past 100");
    }
}
