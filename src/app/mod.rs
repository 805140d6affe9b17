//! Application state, actions and update(); no drawing.

pub mod action;
pub mod overlay;
pub mod staff;
pub mod state;
pub mod text_input;
pub mod update;
