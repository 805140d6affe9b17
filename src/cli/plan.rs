//! `jinzai plan`: the rotation planner from the command line. Prints the plan (a
//! table, or JSON), writes the matching problem for checking, and with `--accept`
//! records it as one change with one audit record (`plan-accept`).

use super::args::{Global, PlanArgs};
use super::db;
use anyhow::{anyhow, bail, Context, Result};
use jinzai::audit::AuditDraft;
use jinzai::domain::date::{iso, parse_date, tenure_label};
use jinzai::domain::queries::next_april_first;
use jinzai::domain::text::clip;
use jinzai::domain::{Dataset, PostId, StaffId};
use jinzai::plan::planner::{Stay, Unplaced};
use jinzai::plan::score::{signed, Line};
use jinzai::plan::{run as make_plan, Config, Plan, Settings, DEFAULT_CONFIG};
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
    let settings = settings(a)?;
    let db = db::open(g)?;
    let ds = db.store.load()?;
    let plan = make_plan(&ds, &settings);
    if !plan.errors.is_empty() {
        for e in &plan.errors {
            eprintln!("jinzai: plan: {e}");
        }
        bail!(
            "plan refused ({} problem{} with --pin/--exclude)",
            plan.errors.len(),
            if plan.errors.len() == 1 { "" } else { "s" }
        );
    }
    if let Some(path) = &a.dump_problem {
        let write = || -> std::io::Result<()> {
            let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
            plan.write_problem(&ds, &mut out)?;
            out.flush()
        };
        write().with_context(|| format!("cannot write {}", path.display()))?;
    }
    if a.json {
        let accepted = if a.accept {
            accept(&db, &ds, &plan, a.yes, None)?
        } else {
            None
        };
        let mut v = to_json(&plan);
        if let Some((seq, summary)) = accepted {
            v["accepted"] = json!({"audit": seq, "summary": summary, "hash": plan.hash()});
        }
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    print!("{}", text(&ds, &plan));
    if a.accept {
        let mut out = std::io::stdout();
        out.flush().ok();
        if let Some((seq, summary)) = accept(&db, &ds, &plan, a.yes, Some(&mut out))? {
            println!("{summary} (audit #{seq})");
        }
    }
    Ok(())
}

/// The planner's settings from the arguments.
fn settings(a: &PlanArgs) -> Result<Settings> {
    let as_of = match &a.as_of {
        Some(s) => parse_date(s).map_err(|e| anyhow!("--as-of: {e}"))?,
        None => next_april_first(super::today()?),
    };
    let config = match &a.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the planner settings {}", path.display()))?;
            Config::parse(&text, &path.display().to_string())?
        }
        None => Config::default(),
    };
    let mut pins = Vec::new();
    for p in &a.pin {
        let Some((s, post)) = p.split_once('=') else {
            bail!("--pin {p}: write it as STAFF=POST, e.g. --pin E0412=P02");
        };
        let s = StaffId::parse(s.trim()).map_err(|e| anyhow!("--pin {p}: {e}"))?;
        let post = PostId::parse(post.trim()).map_err(|e| anyhow!("--pin {p}: {e}"))?;
        pins.push((s, post));
    }
    Ok(Settings {
        as_of,
        config,
        pins,
        excludes: a.exclude.iter().map(|x| x.trim().to_string()).collect(),
    })
}

/// Commits the plan after confirmation; returns the audit number and the summary,
/// or None when there is nothing to record.
fn accept(
    db: &db::Db,
    ds: &Dataset,
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
