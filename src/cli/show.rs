//! `jinzai show`: one person's whole record, as text or JSON.

use super::args::{Global, ShowArgs};
use super::db;
use anyhow::{bail, Result};
use jinzai::domain::date::tenure_label;
use jinzai::domain::profile::{profile, Profile};
use jinzai::domain::StaffId;
use std::fmt::Write;

pub fn run(g: &Global, a: &ShowArgs) -> Result<()> {
    let id = StaffId::parse(a.staff_id.trim()).map_err(anyhow::Error::msg)?;
    let db = db::open_for_reading(g)?;
    let ds = db.read_records()?;
    let Some(p) = profile(&ds, &id, super::today()?) else {
        bail!("no staff with id {id}");
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&p)?);
    } else {
        print!("{}", text(&p));
    }
    Ok(())
}

/// The record as aligned text.
pub fn text(p: &Profile) -> String {
    let s = &p.staff;
    let mut o = String::new();
    let _ = writeln!(o, "{}  {}  {}", s.name, s.kana, s.id);
    let mut flags = vec![format!("{} ({})", s.grade.ja(), s.grade.code())];
    if let Some(since) = s.grade_since {
        flags.push(format!("since {}", jinzai::domain::date::iso(since)));
    }
    flags.push(s.track.ja().to_string());
    if s.candidate {
        flags.push("candidate ★".into());
    }
    if s.promotable {
        flags.push("ready for promotion".into());
    }
    let _ = writeln!(o, "grade    {}", flags.join(" · "));
    if let Some(y) = s.birth_year {
        let _ = writeln!(o, "born     {y}");
    }
    if let Some(h) = s.hired_on {
        let _ = writeln!(o, "hired    {}", jinzai::domain::date::iso(h));
    }
    let until = s
        .status_until
        .map(|d| format!(" until {}", jinzai::domain::date::iso(d)))
        .unwrap_or_default();
    let _ = writeln!(o, "status   {} ({}){until}", s.status.ja(), s.status.code());
    match &p.current {
        Some(c) => {
            let _ = writeln!(
                o,
                "post     {} {} · {} · since {} ({})",
                c.post,
                c.title,
                c.unit_name,
                c.start,
                tenure_label(c.tenure_months)
            );
        }
        None => {
            let _ = writeln!(o, "post     — none on {} —", p.as_of);
        }
    }
    if !s.skills.is_empty() {
        let skills: Vec<String> = s.skills.0.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(o, "skills   {}", skills.join(" · "));
    }
    if !p.history.is_empty() {
        let _ = writeln!(o, "history");
        for h in &p.history {
            let end = h.end.clone().unwrap_or_else(|| "now".into());
            let conc = if h.concurrent { " (併任)" } else { "" };
            let _ = writeln!(
                o,
                "  {} – {:<10}  {} {}{}  {}",
                h.start, end, h.post, h.title, conc, h.unit_name
            );
        }
    }
    if !p.courses.is_empty() {
        let _ = writeln!(o, "courses");
        for c in &p.courses {
            let mark = match c.status {
                jinzai::domain::EnrollmentStatus::Completed => "✓",
                jinzai::domain::EnrollmentStatus::Failed => "✗",
                jinzai::domain::EnrollmentStatus::Cancelled => "–",
                _ => "·",
            };
            let date = c.date.clone().unwrap_or_default();
            let _ = writeln!(
                o,
                "  {mark} {:<10} {} {}  {}",
                c.status.code(),
                c.course,
                c.name,
                date
            );
        }
    }
    if !s.wishes.is_empty() {
        let w: Vec<String> = s.wishes.iter().map(|w| w.to_string()).collect();
        let _ = writeln!(o, "wishes   {}", w.join(" · "));
    }
    if !s.notes.is_empty() {
        let _ = writeln!(o, "notes    {}", s.notes.replace('\n', "\n         "));
    }
    o
}
