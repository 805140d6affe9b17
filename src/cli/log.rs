//! `jinzai log`: the audit log as a table or as JSON, filtered by person, post and
//! date.

use super::args::{Global, LogArgs};
use super::{db, paths};
use anyhow::Result;
use jinzai::audit::{self, Actor, AuditRecord, Filter, AUDIT_FILE};
use jinzai::db::{Db, DbError};
use jinzai::store::StoreError;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

pub fn run(g: &Global, a: &LogArgs) -> Result<()> {
    let filter = Filter {
        staff: a.staff.clone(),
        post: a.post.clone(),
        since: a.since,
    };
    let dir = paths::db_dir(g.db.as_deref())?;
    let records = match Db::open(&dir, g.read_only, Actor::from_env()) {
        Ok(db) => {
            if let Some(w) = db::backup_warning(&db) {
                eprintln!("jinzai: {w}");
            }
            db.log(&filter)?
        }
        // The TUI holds the store while it runs: the file alone is still worth
        // reading (it lacks at most what a crash left in the store).
        // Or another jinzai (the TUI) holds it for writing.
        Err(DbError::Locked(h)) => {
            let path = dir.join(AUDIT_FILE);
            let who = h.map_or("another jinzai".to_string(), |h| {
                format!("{} since {}", h.who(), h.since())
            });
            eprintln!(
                "jinzai: the database is open by {who}; listing {} as written",
                paths::display(&path)
            );
            let mut records = audit::read_log(&path)?;
            records.retain(|r| filter.matches(r));
            records
        }
        Err(DbError::Store(StoreError::Open { reason, .. })) if reason.contains("in use") => {
            let path = dir.join(AUDIT_FILE);
            eprintln!(
                "warning: the database is in use; listing {} as written",
                paths::display(&path)
            );
            let mut records = audit::read_log(&path)?;
            records.retain(|r| filter.matches(r));
            records
        }
        Err(e) => return Err(db::explain(&dir, e)),
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&records)?);
        return Ok(());
    }
    if records.is_empty() {
        let any = filter != Filter::default();
        eprintln!(
            "{}",
            if any {
                "no audit records match"
            } else {
                "the audit log is empty"
            }
        );
        return Ok(());
    }
    print!("{}", table(&records));
    Ok(())
}

/// An aligned table: seq, time (UTC), user, ssh, action, summary.
fn table(records: &[AuditRecord]) -> String {
    let header = ["seq", "time (UTC)", "user", "ssh", "action", "summary"].map(String::from);
    let rows: Vec<[String; 6]> = records
        .iter()
        .map(|r| {
            [
                r.seq.to_string(),
                r.ts.strftime("%Y-%m-%d %H:%M:%S").to_string(),
                r.user.clone(),
                r.ssh_client.clone().unwrap_or_else(|| "—".into()),
                r.action.clone(),
                r.summary.replace(['\n', '\r', '\t'], " "),
            ]
        })
        .collect();
    let mut widths = header.clone().map(|h| h.width());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: &[String]| -> String {
        let mut l = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            if i == 0 {
                // Numbers align right.
                l.push_str(&" ".repeat(w - c.width()));
                l.push_str(c);
                l.push_str("  ");
                continue;
            }
            l.push_str(c);
            if i + 1 < cells.len() {
                l.push_str(&" ".repeat(w - c.width() + 2));
            }
        }
        l.trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", line(&header));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
    out
}
