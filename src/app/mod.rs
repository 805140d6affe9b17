//! Application state, actions and update(); no drawing.

pub mod action;
