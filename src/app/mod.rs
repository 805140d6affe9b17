//! Application state, actions and update(); no drawing.

pub mod action;
pub mod browse;
pub mod effect;
pub mod flows;
pub mod form;
pub mod forms;
pub mod list;
pub mod overlay;
pub mod picker;
pub mod posts;
pub mod rotation;
pub mod rotation_flows;
pub mod staff;
pub mod state;
pub mod text_input;
pub mod training;
pub mod training_flows;
pub mod update;
