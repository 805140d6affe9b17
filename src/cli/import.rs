//! `jinzai import`: validate everything, then write all of it in one transaction, or
//! nothing.

use super::args::{EncodingArg, Global, ImportArgs};
use super::db;
use anyhow::{bail, Result};
use jinzai::io::{plan_import, EncodingChoice};
use jinzai::store::Store;

pub fn run(g: &Global, a: &ImportArgs) -> Result<()> {
    if g.read_only && !a.dry_run {
        bail!("import writes to the database; use --dry-run to validate with --read-only");
    }
    let db = db::open(g)?;
    let base = db.store.load()?;
    let encoding = match a.encoding {
        EncodingArg::Auto => EncodingChoice::Auto,
        EncodingArg::Utf8 => EncodingChoice::Utf8,
        EncodingArg::ShiftJis => EncodingChoice::ShiftJis,
    };
    let plan = match plan_import(&a.path, encoding, &base) {
        Ok(p) => p,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            let n = problems.len();
            bail!(
                "import refused: {n} problem{}; nothing was written",
                if n == 1 { "" } else { "s" }
            );
        }
    };
    for w in &plan.warnings {
        eprintln!("warning: {w}");
    }
    for (kind, c) in &plan.counts {
        if c.added + c.updated + c.unchanged > 0 {
            println!(
                "{kind:<12} {:>7} added {:>7} updated {:>7} unchanged",
                c.added, c.updated, c.unchanged
            );
        }
    }
    if a.dry_run {
        println!(
            "dry run: {} changes validated; nothing written",
            plan.changes.changes.len()
        );
    } else {
        db.store.apply(&plan.changes)?;
        println!("imported: {} changes written", plan.changes.changes.len());
    }
    Ok(())
}
