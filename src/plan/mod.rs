//! The rotation planner (issue #6): who takes which post at the next rotation, and
//! why. `scope` says who and which posts are in the plan, `score` gives each
//! (person, post) pair its hard rules and scored terms, `solver` finds the best
//! matching, and `planner` ties them into a [`Plan`] that can be accepted as one
//! change. Settings and weights are in `config` (defaults: `default_config.toml`).

mod bulk;
pub mod config;
mod hash;
mod lazy;
pub mod planner;
pub mod scope;
pub mod score;
pub mod solver;

pub use config::{Config, ConfigError, Weights, DEFAULT_CONFIG};
pub use planner::{run, Move, Plan, Settings};
