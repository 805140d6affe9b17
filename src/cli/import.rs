//! `jinzai import`: validate everything, then write all of it in one transaction, or
//! nothing, with one audit record holding the counts (a dry run records nothing).

use super::args::{EncodingArg, Global, ImportArgs};
use super::db;
use anyhow::{bail, Result};
use jinzai::audit::{counts_of, AuditDraft};
use jinzai::io::{plan_import, EncodingChoice};
use jinzai::store::Store;
use std::path::Path;

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
        let n = plan.changes.changes.len();
        let mut draft = AuditDraft::new(
            "import",
            format!("import {} ({n} changes)", absolute(&a.path)),
        );
        draft.counts = Some(counts_of(&plan.counts));
        draft.files = plan.files.iter().map(|f| absolute(f)).collect();
        db.commit(&plan.changes, draft)?;
        println!("imported: {n} changes written");
    }
    Ok(())
}

/// A path as the audit log keeps it: absolute, since the log outlives the
/// directory the command ran in.
fn absolute(p: &Path) -> String {
    std::path::absolute(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}
