//! A plan as CSV, for the spreadsheet a rotation meeting works from: one row per
//! proposed move, stay in the plan, person left unplaced and post left unfilled,
//! each with its reasons. The pane's export and `jinzai plan --csv` write the same.

use super::planner::Plan;
use super::score::Line;
use crate::domain::date::iso;
use crate::domain::{Dataset, StaffId};

/// The header row; scripts read these names.
pub const COLUMNS: [&str; 12] = [
    "kind",
    "as_of",
    "post",
    "post_title",
    "unit",
    "holders_now",
    "staff",
    "name",
    "current_post",
    "score",
    "pinned",
    "reasons",
];

/// The plan as CSV text (UTF-8, with a header, `\n` line ends).
pub fn to_csv(ds: &Dataset, plan: &Plan) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let as_of = iso(plan.as_of);
    let names = |ids: &[String]| -> String {
        ids.iter()
            .map(
                |id| match ds.staff.get(&StaffId::new_unchecked(id.as_str())) {
                    Some(s) => format!("{id} {}", s.name),
                    None => id.clone(),
                },
            )
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut rows: Vec<[String; 12]> = Vec::new();
    for p in &plan.proposals {
        rows.push([
            "move".into(),
            as_of.clone(),
            p.post.clone(),
            p.post_title.clone(),
            p.unit.clone(),
            names(&p.current_holders),
            p.staff.clone(),
            p.name.clone(),
            p.current_post.clone().unwrap_or_default(),
            p.score.to_string(),
            yes(p.pinned),
            reasons(&p.terms),
        ]);
    }
    for s in plan.stays.iter().filter(|s| s.in_plan) {
        let unit = ds
            .posts
            .get(&crate::domain::PostId::new_unchecked(s.post.as_str()))
            .map_or(String::new(), |p| p.unit.to_string());
        rows.push([
            "stay".into(),
            as_of.clone(),
            s.post.clone(),
            s.post_title.clone(),
            unit,
            names(std::slice::from_ref(&s.staff)),
            s.staff.clone(),
            s.name.clone(),
            s.post.clone(),
            s.score.map(|x| x.to_string()).unwrap_or_default(),
            yes(s.pinned),
            if s.terms.is_empty() {
                s.reason.clone()
            } else {
                format!("{}; {}", s.reason, reasons(&s.terms))
            },
        ]);
    }
    for u in &plan.unplaced {
        rows.push([
            "unplaced".into(),
            as_of.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            u.staff.clone(),
            u.name.clone(),
            u.current_post.clone().unwrap_or_default(),
            u.best_score.map(|x| x.to_string()).unwrap_or_default(),
            String::new(),
            if u.suggestion.is_empty() {
                u.reason.clone()
            } else {
                format!("{}; {}", u.reason, u.suggestion)
            },
        ]);
    }
    for f in &plan.unfilled {
        rows.push([
            "unfilled".into(),
            as_of.clone(),
            f.post.clone(),
            f.post_title.clone(),
            f.unit.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            f.reason.clone(),
        ]);
    }
    // Writing to a Vec cannot fail; a record with the right width cannot either.
    let _ = w.write_record(COLUMNS);
    for r in &rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "" }.into()
}

/// Every term's text, largest first.
fn reasons(terms: &[Line]) -> String {
    let mut v: Vec<&Line> = terms.iter().collect();
    v.sort_by_key(|l| std::cmp::Reverse(l.points.abs()));
    v.iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}
