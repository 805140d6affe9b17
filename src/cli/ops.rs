//! `jinzai assign`, `end`, `transfer` and `post`: the posts pane's changes for
//! scripts. They go through the same checks (`domain::ops`) and the same audited
//! commit as the TUI.

use super::args::{AssignArgs, EndArgs, Global, PostArgs, TransferArgs};
use super::db;
use anyhow::{bail, Result};
use jinzai::domain::date::{iso, parse_date, tenure_label};
use jinzai::domain::fit::{holders_on, holdings_by_post, problems, Problem};
use jinzai::domain::ops::{plan, Op};
use jinzai::domain::queries::{tenure_months, unit_path};
use jinzai::domain::{Dataset, Date, PostId, StaffId};
use serde::Serialize;

fn staff_id(s: &str) -> Result<StaffId> {
    StaffId::parse(s.trim()).map_err(|e| anyhow::anyhow!("staff id: {e}"))
}

fn post_id(s: &str) -> Result<PostId> {
    PostId::parse(s.trim()).map_err(|e| anyhow::anyhow!("post id: {e}"))
}

/// `--from`/`--on`, today when absent.
fn date_or_today(arg: Option<&str>, flag: &str) -> Result<Date> {
    match arg {
        Some(s) => parse_date(s).map_err(|e| anyhow::anyhow!("{flag}: {e}")),
        None => super::today(),
    }
}

pub fn assign(g: &Global, a: &AssignArgs) -> Result<()> {
    let op = Op::Assign {
        staff: staff_id(&a.staff)?,
        post: post_id(&a.post)?,
        from: date_or_today(a.from.as_deref(), "--from")?,
        concurrent: a.concurrent,
    };
    run(g, &op, a.yes)
}

/// Plans `op` with `domain::ops` and commits it (see `change::run`).
fn run(g: &Global, op: &Op, yes: bool) -> Result<()> {
    super::change::run(g, op.action(), yes, |ds, _| plan(ds, op))
}

pub fn end(g: &Global, a: &EndArgs) -> Result<()> {
    let op = Op::End {
        staff: staff_id(&a.staff)?,
        post: post_id(&a.post)?,
        on: date_or_today(a.on.as_deref(), "--on")?,
    };
    run(g, &op, false)
}

pub fn transfer(g: &Global, a: &TransferArgs) -> Result<()> {
    let op = Op::Transfer {
        staff: staff_id(&a.staff)?,
        post: post_id(&a.post)?,
        on: date_or_today(a.on.as_deref(), "--on")?,
    };
    run(g, &op, a.yes)
}

/// One holding of a post, resolved.
#[derive(Debug, Serialize)]
struct Holding {
    staff: String,
    name: String,
    kana: String,
    grade: Option<jinzai::domain::Grade>,
    start: String,
    end: Option<String>,
    concurrent: bool,
    tenure_months: i32,
}

/// `jinzai post --json`.
#[derive(Debug, Serialize)]
struct PostView<'a> {
    #[serde(flatten)]
    post: &'a jinzai::domain::Post,
    unit_name: String,
    unit_path: Vec<String>,
    as_of: String,
    holders: Vec<Holding>,
    /// Newest first.
    history: Vec<Holding>,
    problems: Vec<Problem>,
}

pub fn post(g: &Global, a: &PostArgs) -> Result<()> {
    let id = post_id(&a.post_id)?;
    let db = db::open(g)?;
    let ds = db.read_records()?;
    let today = super::today()?;
    let Some(p) = ds.posts.get(&id) else {
        bail!("no post with id {id}");
    };
    let by_post = holdings_by_post(&ds);
    let history = by_post.get(&id).cloned().unwrap_or_default();
    let holding = |h: &jinzai::domain::Assignment| {
        let s = ds.staff.get(&h.staff);
        Holding {
            staff: h.staff.to_string(),
            name: s.map(|s| s.name.clone()).unwrap_or_default(),
            kana: s.map(|s| s.kana.clone()).unwrap_or_default(),
            grade: s.map(|s| s.grade),
            start: iso(h.start),
            end: h.end.map(iso),
            concurrent: h.concurrent,
            tenure_months: tenure_months(h, today),
        }
    };
    let path = unit_path(&ds, &p.unit);
    let view = PostView {
        post: p,
        unit_name: path.first().map(|u| u.name.clone()).unwrap_or_default(),
        unit_path: path.iter().rev().map(|u| u.name.clone()).collect(),
        as_of: iso(today),
        holders: holders_on(&history, today)
            .into_iter()
            .map(holding)
            .collect(),
        history: history.iter().map(|h| holding(h)).collect(),
        problems: problems(&ds, p, &history, today, jinzai::search::DEFAULT_TERM_MONTHS),
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&view)?);
    } else {
        print!("{}", text(&ds, &view));
    }
    Ok(())
}

fn text(ds: &Dataset, v: &PostView) -> String {
    use std::fmt::Write as _;
    let p = v.post;
    let mut o = String::new();
    let _ = writeln!(o, "{}  {}", p.id, p.title);
    let _ = writeln!(o, "unit     {} ({})", v.unit_path.join(" › "), p.unit);
    let _ = writeln!(
        o,
        "post     {} · {} · impact {} · {} seat{}",
        p.grade.ja(),
        p.field.ja(),
        p.impact.ja(),
        p.capacity,
        if p.capacity == 1 { "" } else { "s" }
    );
    let mut needs: Vec<String> = p.skills.0.iter().map(|(k, v)| format!("{k} {v}")).collect();
    for c in &p.courses {
        let name = ds.courses.get(c).map_or("", |c| c.name.as_str());
        needs.push(format!("course {c} {name}"));
    }
    if !needs.is_empty() {
        let _ = writeln!(o, "needs    {}", needs.join(" · "));
    }
    if v.holders.is_empty() {
        let _ = writeln!(o, "holder   — vacant on {} —", v.as_of);
    }
    for h in &v.holders {
        let conc = if h.concurrent { " (併任)" } else { "" };
        let _ = writeln!(
            o,
            "holder   {} {} since {} ({}){conc}",
            h.staff,
            h.name,
            h.start,
            tenure_label(h.tenure_months)
        );
    }
    for pr in &v.problems {
        let _ = writeln!(o, "problem  {}", problem_text(pr));
    }
    if !v.history.is_empty() {
        let _ = writeln!(o, "history");
        for h in &v.history {
            let end = h.end.clone().unwrap_or_else(|| "now".into());
            let conc = if h.concurrent { " (併任)" } else { "" };
            let _ = writeln!(
                o,
                "  {} ── {:<10}  {} {}{conc}",
                h.start, end, h.staff, h.name
            );
        }
    }
    o
}

fn problem_text(p: &Problem) -> String {
    match p {
        Problem::Vacant { seats, held, since } => {
            let since = since
                .map(|d| format!(", since {}", iso(d)))
                .unwrap_or_default();
            format!("vacant: {held} of {seats} seats held{since}")
        }
        Problem::GradeMismatch {
            staff,
            grade,
            post_grade,
        } => format!("{staff} is {} in a {} post", grade.ja(), post_grade.ja()),
        Problem::MissingCourse {
            staff,
            course,
            planned,
        } => {
            let how = if *planned {
                "not yet completed"
            } else {
                "not taken"
            };
            format!("{staff} has {how} {course}")
        }
        Problem::SkillsBelow {
            staff,
            skill,
            have,
            need,
        } => format!("{staff} has {skill} {have}, the post needs {need}"),
        Problem::Due { staff, months } => {
            format!("{staff} is due to rotate ({})", tenure_label(*months))
        }
    }
}
