//! jinzai: the record of a ministry's government digital talent.

pub mod app;
pub mod demo;
pub mod domain;
pub mod io;
pub mod keymap;
pub mod search;
pub mod store;
