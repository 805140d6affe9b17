//! The binary's edge: parse arguments, open the database, run one command, and turn
//! errors into one-line messages and exit codes.

pub mod args;
mod backup;
mod change;
mod check;
pub mod db;
mod demo;
mod export;
mod import;
mod log;
mod ops;
pub mod paths;
mod plan;
mod search;
mod show;
mod training;

use anyhow::Result;
use args::{Cli, Command};
use jinzai::domain::Date;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Some(Command::Demo(a)) => demo::run(&cli.global, &a),
        Some(Command::Import(a)) => import::run(&cli.global, &a),
        Some(Command::Export(a)) => export::run(&cli.global, &a),
        Some(Command::Show(a)) => show::run(&cli.global, &a),
        Some(Command::Search(a)) => search::run(&cli.global, &a),
        Some(Command::Log(a)) => log::run(&cli.global, &a),
        Some(Command::Assign(a)) => ops::assign(&cli.global, &a),
        Some(Command::End(a)) => ops::end(&cli.global, &a),
        Some(Command::Transfer(a)) => ops::transfer(&cli.global, &a),
        Some(Command::Post(a)) => ops::post(&cli.global, &a),
        Some(Command::Enroll(a)) => training::enroll(&cli.global, &a),
        Some(Command::Complete(a)) => training::complete(&cli.global, &a),
        Some(Command::Cancel(a)) => training::cancel(&cli.global, &a),
        Some(Command::Gaps(a)) => training::gaps(&cli.global, &a),
        Some(Command::Course(a)) => training::course(&cli.global, &a),
        Some(Command::Plan(a)) => plan::run(&cli.global, &a),
        Some(Command::Check(a)) => check::run(&cli.global, &a),
        Some(Command::Backup(a)) => backup::backup(&cli.global, &a),
        Some(Command::Backups(a)) => backup::list(&cli.global, &a),
        Some(Command::Restore(a)) => backup::restore(&cli.global, &a),
        None => crate::tui_entry::run_tui(&cli.global, cli.demo),
    }
}

pub use demo::fill as demo_fill;

/// Today's date, or $JINZAI_TODAY (YYYY-MM-DD) for scripts and tests that need a
/// fixed "now".
pub fn today() -> Result<Date> {
    if let Ok(s) = std::env::var("JINZAI_TODAY") {
        return jinzai::domain::date::parse_date(&s)
            .map_err(|e| anyhow::anyhow!("JINZAI_TODAY: {e}"));
    }
    Ok(jiff::Zoned::now().date())
}
