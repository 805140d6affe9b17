//! `jinzai check`: verify a database without changing it, list every problem,
//! and exit 1 when there is any. `--repair` first brings the store up to the
//! audit log (see `jinzai::db::repair`).

use super::args::{CheckArgs, Global};
use super::{db, paths};
use anyhow::{bail, Result};
use jinzai::audit::Actor;
use jinzai::db::check::{check, Report};
use jinzai::db::repair;
use jinzai::db::DbError;

pub fn run(g: &Global, a: &CheckArgs) -> Result<()> {
    let dir = paths::db_dir(g.db.as_deref())?;
    if a.repair {
        if g.read_only {
            bail!("check --repair writes to the store; it cannot run with --read-only");
        }
        match repair::repair(&dir, &Actor::from_env()) {
            Ok(r) if r.reapplied.is_empty() => {
                eprintln!(
                    "repair: the store holds every record of the audit log; nothing to re-apply"
                )
            }
            Ok(r) => {
                for d in &r.reapplied {
                    eprintln!("repair: re-applied {d}");
                }
            }
            Err(DbError::Unrepairable { lines, .. }) => {
                eprintln!("repair: nothing was changed:");
                for l in &lines {
                    eprintln!("  {l}");
                }
            }
            Err(e) => return Err(db::explain(&dir, e).context("check --repair")),
        }
    }
    let report = check(&dir).map_err(|e| db::explain(&dir, e))?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&to_json(&report))?);
    } else {
        print!("{}", text(&report));
    }
    if !report.passed() {
        let n = report.problem_count();
        bail!(
            "check found {n} problem{} in {}",
            if n == 1 { "" } else { "s" },
            paths::display(&dir)
        );
    }
    Ok(())
}

/// The report as lines: one per section, then its problems and notes indented.
fn text(r: &Report) -> String {
    let mut out = format!("checking {}\n", paths::display(&r.dir));
    for s in &r.sections {
        let mark = if !s.problems.is_empty() {
            "FAIL"
        } else if s.checked {
            "ok"
        } else {
            "--"
        };
        out.push_str(&format!("  {mark:<4}  {}: {}\n", s.name, s.summary));
        for p in &s.problems {
            out.push_str(&format!("        {p}\n"));
        }
        for n in &s.notes {
            out.push_str(&format!("        note: {n}\n"));
        }
    }
    if r.passed() {
        out.push_str("all checks passed\n");
    }
    out
}

fn to_json(r: &Report) -> serde_json::Value {
    serde_json::json!({
        "dir": r.dir,
        "passed": r.passed(),
        "sections": r.sections.iter().map(|s| serde_json::json!({
            "name": s.name,
            "checked": s.checked,
            "summary": s.summary,
            "problems": s.problems,
            "notes": s.notes,
        })).collect::<Vec<_>>(),
    })
}
