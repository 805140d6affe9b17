//! `jinzai plan`: the rotation planner from the command line. Prints the plan (a
//! table, or JSON), writes the matching problem for checking, and with `--accept`
//! records it as one change with one audit record (`plan-accept`), after a backup
//! of the records as they were (reason `plan-accept`; if it fails, nothing is
//! recorded).

use super::args::{Global, PlanArgs};
use super::db;
use anyhow::{anyhow, bail, Context, Result};
use jinzai::audit::AuditDraft;
use jinzai::db::BackupReason;
use jinzai::domain::date::{iso, parse_date, tenure_label};
use jinzai::domain::text::clip;
use jinzai::domain::{Dataset, PostId, StaffId};
use jinzai::plan::inputs::{compute, ConfigSource, PlanInputs};
use jinzai::plan::planner::{Stay, Unplaced};
use jinzai::plan::score::{signed, Line};
use jinzai::plan::{Plan, DEFAULT_CONFIG};
use jinzai::store::Store;
use serde_json::json;
use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Write};
use unicode_width::UnicodeWidthStr;

pub fn run(g: &Global, a: &PlanArgs) -> Result<()> {
    if a.print_config {
        print!("{DEFAULT_CONFIG}");
        return Ok(());
    }
    if a.accept && g.read_only {
        bail!("the database is opened read-only (--read-only); --accept cannot record the plan");
    }
    // With --accept the day's backup waits: the accept takes one of its own. Without
    // it nothing is written, so the plan can be made while the TUI is open.
    let db = if a.accept {
        db::open_later(g)?
    } else {
        db::open_for_reading(g)?
    };
    let seq = db.store.log_last()?;
    let ds = if a.accept {
        db.load_records()?.0
    } else {
        db.read_records()?
    };
    // A one-shot command: the records go with the process (freeing them piece by piece
    // takes a tenth of a second at 100k staff).
    let ds = std::mem::ManuallyDrop::new(ds);
    run_plan(&db, &ds, seq, a)?;
    if a.accept {
        // Nothing to do when the accept took its backup today; else (nothing to
        // move, or not confirmed) the day's backup as any open takes it.
        if let Err(e) = db.daily_backup(Some((&ds, seq))) {
            eprintln!("jinzai: {}", db::daily_failed(&e.to_string()));
        }
    }
    Ok(())
}

/// Makes the plan from `ds` (the records as of audit record `seq`), prints it,
/// and with --accept records it.
fn run_plan(db: &db::Db, ds: &Dataset, seq: u64, a: &PlanArgs) -> Result<()> {
    let scenarios_file = jinzai::plan::scenario::path_in(&db.dir);
    let saved = jinzai::plan::scenario::load(&scenarios_file).map_err(|e| anyhow!(e))?;
    if a.scenarios {
        return list_scenarios(&saved, a.json);
    }
    let base = match &a.scenario {
        Some(name) => {
            let Some(s) = saved.iter().find(|s| &s.name == name) else {
                let names: Vec<&str> = saved.iter().map(|s| s.name.as_str()).collect();
                bail!(
                    "--scenario {name}: no scenario of that name in {} (saved: {})",
                    scenarios_file.display(),
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                );
            };
            PlanInputs::from_scenario(s).map_err(|e| anyhow!("--scenario {name}: {e}"))?
        }
        None => PlanInputs::default(),
    };
    let inputs = inputs(a, base)?;
    // Goes with the process too (the plan's lists and reasons at 100k staff).
    let outcome =
        std::mem::ManuallyDrop::new(compute(ds, &inputs, super::today()?).map_err(|e| anyhow!(e))?);
    let plan = &outcome.plan;
    let problems: Vec<&String> = plan.errors.iter().chain(&outcome.swap_errors).collect();
    if !problems.is_empty() {
        for e in &problems {
            eprintln!("jinzai: plan: {e}");
        }
        bail!(
            "plan refused ({} problem{} with --pin/--exclude or the scenario)",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
    }
    if let Some(path) = &a.csv {
        write_private(path, jinzai::plan::export::to_csv(ds, plan).as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = &a.dump_problem {
        let write = || -> std::io::Result<()> {
            let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
            plan.write_problem(ds, &mut out)?;
            out.flush()
        };
        write().with_context(|| format!("cannot write {}", path.display()))?;
    }
    if a.json {
        let accepted = if a.accept {
            accept(db, ds, seq, plan, a.yes, None)?
        } else {
            None
        };
        let mut v = to_json(plan);
        if let Some((seq, summary)) = accepted {
            v["accepted"] = json!({"audit": seq, "summary": summary, "hash": plan.hash()});
        }
        // Streamed: the text of a 100k-staff plan is some 50 MB. The tree of values
        // goes with the process (freeing its millions of nodes takes half a second).
        let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        out.flush()?;
        std::mem::forget(v);
        return Ok(());
    }
    print!("{}", text(ds, plan));
    if a.accept {
        let mut out = std::io::stdout();
        out.flush().ok();
        if let Some((seq, summary)) = accept(db, ds, seq, plan, a.yes, Some(&mut out))? {
            println!("{summary} (audit #{seq})");
        }
    }
    Ok(())
}

/// The planner's inputs: a scenario's (or none), with the arguments over them.
fn inputs(a: &PlanArgs, mut base: PlanInputs) -> Result<PlanInputs> {
    if let Some(s) = &a.as_of {
        base.as_of = Some(parse_date(s).map_err(|e| anyhow!("--as-of: {e}"))?);
    }
    if let Some(path) = &a.config {
        base.config = ConfigSource::File(path.clone());
    }
    let mut pins = Vec::new();
    for p in &a.pin {
        let Some((s, post)) = p.split_once('=') else {
            bail!("--pin {p}: write it as STAFF=POST, e.g. --pin E0412=P02");
        };
        let s = StaffId::parse(s.trim()).map_err(|e| anyhow!("--pin {p}: {e}"))?;
        let post = PostId::parse(post.trim()).map_err(|e| anyhow!("--pin {p}: {e}"))?;
        pins.push((s, post));
    }
    // A pin given here replaces the scenario's pin of the same person.
    base.pins.retain(|(s, _)| !pins.iter().any(|(p, _)| p == s));
    base.pins.extend(pins);
    for x in &a.exclude {
        let x = x.trim().to_string();
        if !base.excludes.contains(&x) {
            base.excludes.push(x);
        }
    }
    Ok(base)
}

/// Writes a file readable by its owner only: a plan is personnel data.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)?.write_all(bytes)
}

/// `jinzai plan --scenarios`.
fn list_scenarios(saved: &[jinzai::plan::scenario::Scenario], json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(saved)?);
        return Ok(());
    }
    if saved.is_empty() {
        println!("No saved scenarios (the rotation pane's S saves one).");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = saved
        .iter()
        .map(|s| {
            let sum = s.saved_summary.as_ref();
            vec![
                s.name.clone(),
                s.saved_at.clone(),
                s.as_of.clone().unwrap_or_else(|| "next April 1st".into()),
                format!("{}/{}/{}", s.pins.len(), s.excludes.len(), s.swaps.len()),
                sum.map(|x| x.moves.to_string()).unwrap_or_default(),
                sum.map(|x| x.objective.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "name",
                "saved",
                "as of",
                "pins/excl/swaps",
                "moves",
                "objective"
            ],
            &rows
        )
    );
    Ok(())
}

/// Commits the plan after confirmation; returns the audit number and the summary,
/// or None when there is nothing to record.
fn accept(
    db: &db::Db,
    ds: &Dataset,
    seq: u64,
    plan: &Plan,
    yes: bool,
    out: Option<&mut std::io::Stdout>,
) -> Result<Option<(u64, String)>> {
    if plan.moves.is_empty() {
        if let Some(o) = out {
            let _ = writeln!(o, "Nothing to accept: the plan moves no one.");
        }
        return Ok(None);
    }
    let cs = match plan.accept_changes(ds) {
        Ok(cs) => cs,
        Err(problems) => {
            for p in &problems {
                eprintln!("jinzai: plan --accept: {p}");
            }
            bail!(
                "the plan cannot be recorded ({} problem{}); nothing was changed",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
        }
    };
    let summary = plan.summary();
    if !yes && !confirm(&summary)? {
        bail!("not confirmed; nothing was changed (--yes confirms)");
    }
    let backup = db
        .backup(BackupReason::PlanAccept, Some((ds, seq)))
        .map_err(|e| {
            anyhow!(
                "{e}; the plan was not recorded (it is recorded only after a backup of the \
                 records as they are)"
            )
        })?;
    eprintln!(
        "backup before accepting: {}",
        super::paths::display(&backup.path)
    );
    let draft = AuditDraft {
        entities: plan.entities(),
        ..AuditDraft::of_changes("plan-accept", &summary, ds, &cs)
    };
    let rec = db.commit(&cs, draft)?;
    Ok(Some((rec.seq, summary)))
}

/// Asks on the terminal; refuses when stdin is not one (a script must say --yes).
fn confirm(question: &str) -> Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Ok(false);
    }
    eprint!("{question}? [y/N] ");
    std::io::stderr().flush().ok();
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the answer")?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes" | "はい"))
}

/// `jinzai plan --json`.
fn to_json(plan: &Plan) -> serde_json::Value {
    json!({
        "as_of": iso(plan.as_of),
        "term_months": plan.config.term_months,
        "objective": plan.objective,
        "hash": plan.hash(),
        "counts": plan.counts,
        "proposals": plan.proposals,
        "stays": plan.stays,
        "unplaced": plan.unplaced,
        "unfilled": plan.unfilled,
        "outside": plan.outside,
        "weights": plan.config.weights,
        "timing_ms": plan.timing.total_ms,
        "timing": plan.timing,
    })
}

/// The strongest reasons of a score (fill aside), largest first.
fn top_reasons(terms: &[Line], n: usize) -> String {
    let mut v: Vec<&Line> = terms.iter().filter(|l| l.term != "fill").collect();
    v.sort_by_key(|l| std::cmp::Reverse(l.points.abs()));
    (v.iter().take(n).map(|l| l.text.as_str()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Rows with every column but the last padded to its widest cell.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let mut o = String::new();
    let line = |cells: Vec<&str>, o: &mut String| {
        let n = cells.len();
        let mut l = String::new();
        for (i, c) in cells.into_iter().enumerate() {
            l.push_str(c);
            if i + 1 < n {
                l.push_str(&" ".repeat(widths[i] - c.width() + 2));
            }
        }
        let _ = writeln!(o, "{}", l.trim_end());
    };
    line(header.to_vec(), &mut o);
    for r in rows {
        line(r.iter().map(String::as_str).collect(), &mut o);
    }
    o
}

fn person(ds: &Dataset, id: &str) -> String {
    let name = ds
        .staff
        .get(&StaffId::new_unchecked(id))
        .map_or("", |s| s.name.as_str());
    format!("{id} {name}").trim_end().to_string()
}

/// "1 move", "3 moves", "2 people".
fn count(n: usize, what: &str) -> String {
    match (n, what) {
        (1, _) => format!("1 {what}"),
        (_, "person") => format!("{n} people"),
        _ => format!("{n} {what}s"),
    }
}

/// The plan as text: a summary, the proposals table, stays, unplaced, unfilled.
fn text(ds: &Dataset, plan: &Plan) -> String {
    let c = &plan.counts;
    let mut o = String::new();
    let leave = if c.leaving == 1 { "leaves" } else { "leave" };
    let _ = writeln!(
        o,
        "Rotation plan as of {} (term {} months): {}, {} stay{}, {} unplaced ({} {leave} their post), {} unfilled",
        iso(plan.as_of),
        plan.config.term_months,
        count(c.moves, "move"),
        c.stays_in_plan,
        if c.stays_in_plan == 1 { "s" } else { "" },
        c.unplaced,
        c.leaving,
        count(c.unfilled_seats, "seat"),
    );
    let _ = writeln!(
        o,
        "{} and {} ({}) in the plan; {} not due stay{}. Objective {}, plan {}, {:.0} ms.",
        count(c.people_in_plan, "person"),
        count(c.posts_in_plan, "post"),
        count(c.seats_in_plan, "seat"),
        count(c.not_due, "holder"),
        if c.not_due == 1 { "s" } else { "" },
        plan.objective,
        &plan.hash()[..12],
        plan.timing.total_ms
    );
    if !plan.proposals.is_empty() {
        let _ = writeln!(o, "\nProposals");
        let rows: Vec<Vec<String>> = (plan.proposals.iter())
            .map(|p| {
                let holders: Vec<String> =
                    p.current_holders.iter().map(|h| person(ds, h)).collect();
                let next = p
                    .alternatives
                    .first()
                    .map(|a| format!("{} {}", a.staff, signed(a.diff)))
                    .unwrap_or_else(|| "—".into());
                let pin = if p.pinned { " (pinned)" } else { "" };
                vec![
                    format!("{} {}", p.post, clip(&p.post_title, 16)),
                    if holders.is_empty() {
                        "(vacant)".into()
                    } else {
                        holders.join(", ")
                    },
                    format!("{} {}{pin}", p.staff, p.name),
                    p.current_post.clone().unwrap_or_else(|| "(none)".into()),
                    signed(p.score),
                    next,
                    top_reasons(&p.terms, 3),
                ]
            })
            .collect();
        o.push_str(&table(
            &[
                "POST",
                "HOLDER",
                "PROPOSED",
                "FROM",
                "SCORE",
                "NEXT BEST",
                "TOP REASONS",
            ],
            &rows,
        ));
    }
    let in_plan: Vec<&Stay> = plan.stays.iter().filter(|s| s.in_plan).collect();
    if !in_plan.is_empty() {
        let _ = writeln!(o, "\nStays (due, kept in their post)");
        let rows: Vec<Vec<String>> = in_plan
            .iter()
            .map(|s| {
                vec![
                    format!("{} {}", s.post, clip(&s.post_title, 16)),
                    format!("{} {}", s.staff, s.name),
                    s.months.map(tenure_label).unwrap_or_default(),
                    s.score.map(signed).unwrap_or_default(),
                    s.reason.clone(),
                ]
            })
            .collect();
        o.push_str(&table(&["POST", "STAFF", "IN POST", "SCORE", "WHY"], &rows));
    }
    // Leaving their post, away, without a post.
    let group = |u: &Unplaced| match (u.leaves, u.code) {
        (true, _) => 0,
        (false, "away") => 1,
        _ => 2,
    };
    for (g, title) in ["leaving their post", "away", "without a post"]
        .into_iter()
        .enumerate()
    {
        let list: Vec<&Unplaced> = plan.unplaced.iter().filter(|u| group(u) == g).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\nUnplaced: {title} ({})", list.len());
        for u in list {
            let advice = if u.code == "away" {
                String::new()
            } else {
                format!("; {}", u.suggestion)
            };
            let _ = writeln!(
                o,
                "  {} {} ({}): {}{advice}",
                u.staff,
                u.name,
                u.grade.ja(),
                u.reason
            );
        }
    }
    if !plan.unfilled.is_empty() {
        let _ = writeln!(o, "\nUnfilled");
        for u in &plan.unfilled {
            let _ = writeln!(
                o,
                "  {} {} ({}, {} of {} seat{} empty): {}",
                u.post,
                u.post_title,
                u.grade.ja(),
                u.seats - u.filled,
                u.seats,
                if u.seats == 1 { "" } else { "s" },
                u.reason
            );
            for n in &u.nearest {
                let score = n
                    .score
                    .map(|s| format!(" {}", signed(s)))
                    .unwrap_or_default();
                let lacks = if n.lacks.is_empty() {
                    "lacks nothing".to_string()
                } else {
                    format!("lacks {}", n.lacks.join(", "))
                };
                let _ = writeln!(
                    o,
                    "      nearest {} {} ({}{score}, {}): {lacks}",
                    n.staff,
                    n.name,
                    n.grade.ja(),
                    n.outcome
                );
            }
        }
    }
    let others: Vec<&Stay> = (plan.stays.iter())
        .filter(|s| !s.in_plan && !s.reason.starts_with("not due"))
        .collect();
    if !others.is_empty() || !plan.outside.is_empty() {
        let _ = writeln!(o, "\nNot in the plan");
        for s in others {
            let _ = writeln!(o, "  {} {} in {}: {}", s.staff, s.name, s.post, s.reason);
        }
        for x in &plan.outside {
            let _ = writeln!(o, "  {} {}: {}", x.staff, x.name, x.reason);
        }
    }
    o
}
