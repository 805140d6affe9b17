//! jinzai: the record of a ministry's government digital talent.

pub mod app;
pub mod audit;
pub mod db;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod io;
pub mod keymap;
pub mod plan;
pub mod search;
pub mod store;
pub mod tui;
pub mod ui;
