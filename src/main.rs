//! The jinzai binary: parse the command line, run one command or the TUI, and report
//! failure as one line on stderr with a non-zero exit code.

mod cli;
mod tui_entry;

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // `jinzai log | head` closes the pipe early: end quietly, as other Unix tools do,
    // instead of panicking on the failed write (Rust ignores SIGPIPE by default).
    // SAFETY: setting a signal disposition before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = cli::args::Cli::parse();
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Not eprintln!: with stderr gone (a hung-up terminal) it would panic.
            let _ = writeln!(std::io::stderr(), "jinzai: {}", one_line(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line.
fn one_line(e: &anyhow::Error) -> String {
    format!("{e:#}").replace('\n', " ")
}
