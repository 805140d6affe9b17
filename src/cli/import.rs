//! `jinzai import`: validate everything, then write all of it in one transaction, or
//! nothing, with one audit record holding the counts (a dry run records nothing).
//! Before it writes, a backup of the records as they were (reason `import`); if
//! that fails, nothing is imported.

use super::args::{EncodingArg, Global, ImportArgs};
use super::{db, paths};
use anyhow::{bail, Result};
use jinzai::audit::{counts_of, AuditDraft};
use jinzai::db::BackupReason;
use jinzai::io::{plan_import, EncodingChoice};
use jinzai::store::Store;
use std::path::Path;

pub fn run(g: &Global, a: &ImportArgs) -> Result<()> {
    if g.read_only && !a.dry_run {
        bail!("import writes to the database; use --dry-run to validate with --read-only");
    }
    let db = db::open_later(g)?;
    let seq = db.store.log_last()?;
    let base = db.load_records()?.0;
    let encoding = match a.encoding {
        EncodingArg::Auto => EncodingChoice::Auto,
        EncodingArg::Utf8 => EncodingChoice::Utf8,
        EncodingArg::ShiftJis => EncodingChoice::ShiftJis,
    };
    let plan = match plan_import(&a.path, encoding, &base) {
        Ok(p) => p,
        Err(problems) => {
            daily(&db, &base, seq);
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
        daily(&db, &base, seq);
        println!(
            "dry run: {} changes validated; nothing written",
            plan.changes.changes.len()
        );
    } else {
        // An empty database has nothing to lose.
        if !base.is_empty() {
            let backup = db
                .backup(BackupReason::Import, Some((&base, seq)))
                .map_err(|e| {
                    anyhow::anyhow!(
                        "{e}; the import was stopped before writing anything (it writes only \
                         after a backup of the records as they are)"
                    )
                })?;
            eprintln!("backup before the import: {}", paths::display(&backup.path));
        }
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

/// The day's backup, when an import writes nothing (one that writes takes its own).
fn daily(db: &db::Db, base: &jinzai::domain::Dataset, seq: u64) {
    if db.is_read_only() {
        return;
    }
    if let Err(e) = db.daily_backup(Some((base, seq))) {
        eprintln!("jinzai: {}", db::daily_failed(&e.to_string()));
    }
}
