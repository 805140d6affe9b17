//! The one way a command changes data: plan it with the domain's checks, print every
//! reason it is refused, have its warnings confirmed (`--yes`, or y/N on a terminal),
//! then commit it with its audit record. `assign`, `end`, `transfer` and the training
//! commands all go through here.

use super::args::Global;
use super::db::{self, Db};
use anyhow::{bail, Context, Result};
use jinzai::audit::AuditDraft;
use jinzai::domain::ops::{OpError, Planned};
use jinzai::domain::{Dataset, Date};
use std::io::{BufRead, IsTerminal, Write};

/// Opens the database, plans the change with `plan` (given the records and today),
/// and commits it; prints the summary with the audit record's number.
pub fn run(
    g: &Global,
    action: &str,
    yes: bool,
    plan: impl FnOnce(&Dataset, Date) -> Result<Planned, Vec<OpError>>,
) -> Result<()> {
    if g.read_only {
        bail!("the database is opened read-only (--read-only); nothing was changed");
    }
    let db = db::open(g)?;
    let ds = db.load_records()?.0;
    let planned = match plan(&ds, super::today()?) {
        Ok(p) => p,
        Err(errors) => {
            for e in &errors {
                eprintln!("jinzai: {action}: {e}");
            }
            bail!(
                "{action} refused ({} problem{}); nothing was changed",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
        }
    };
    let seq = commit(&db, &ds, &planned, yes)?;
    println!("{} (audit #{seq})", planned.summary);
    Ok(())
}

/// Shows the warnings and has them confirmed, then commits the change set with its
/// audit record; returns the record's number.
pub fn commit(db: &Db, ds: &Dataset, planned: &Planned, yes: bool) -> Result<u64> {
    if !planned.warnings.is_empty() {
        for w in &planned.warnings {
            eprintln!("warning: {w}");
        }
        if !yes && !confirm(planned)? {
            bail!("not confirmed; nothing was changed (--yes confirms warnings)");
        }
    }
    let draft = AuditDraft {
        entities: planned.entities.clone(),
        ..AuditDraft::of_changes(planned.action, &planned.summary, ds, &planned.changes)
    };
    Ok(db.commit(&planned.changes, draft)?.seq)
}

/// Asks on the terminal; refuses when stdin is not one (a script must say --yes).
fn confirm(p: &Planned) -> Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Ok(false);
    }
    eprint!("{}? [y/N] ", p.summary);
    std::io::stderr().flush().ok();
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the answer")?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes" | "はい"))
}
