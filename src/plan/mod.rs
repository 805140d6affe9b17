//! The rotation planner (issue #6): who takes which post at the next rotation, and
//! why. `scope` says who and which posts are in the plan, `score` gives each
//! (person, post) pair its hard rules and scored terms (from what `facts` works out
//! once per person and per post), `solver` finds the best matching, and `planner`
//! ties them into a [`Plan`] (its types in `types`; its lists, reasons and all, made
//! by `report`) that can be accepted as one change. Large plans: `bulk` scores many
//! pairs fast, `lazy` keeps the best lists (`tops`) from one pass over the pairs, and
//! `pricing` finds the pairs outside them that the solver needs. Settings and weights
//! are in `config` (defaults: `default_config.toml`). Around the plan: `chains` and
//! `mix` read it (who fills whose post; each unit's age bands before and after),
//! `swap` changes it by hand, `export` writes it as CSV and `scenario` keeps named
//! sets of inputs.

mod bulk;
pub mod chains;
pub mod config;
pub mod export;
mod facts;
mod hash;
pub mod inputs;
mod lazy;
pub mod mix;
pub mod planner;
mod pricing;
pub mod progress;
mod report;
pub mod scenario;
pub mod scope;
pub mod score;
pub mod solver;
pub mod swap;
mod tops;
mod types;

pub use config::{Config, ConfigError, Weights, DEFAULT_CONFIG};
pub use planner::{run, Move, Plan, Settings};
pub use progress::{Progress, Stage};
