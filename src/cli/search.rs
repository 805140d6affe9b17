//! `jinzai search`: the staff pane's ranked results for scripts and quick lookups,
//! with the same index, matcher and filters.

use super::args::{Global, SearchArgs};
use super::db;
use anyhow::{anyhow, Result};
use jinzai::domain::date::tenure_label;
use jinzai::search::{Query, SearchIndex, DEFAULT_TERM_MONTHS};
use std::fmt::Write;
use std::mem::ManuallyDrop;
use unicode_width::UnicodeWidthStr;

pub fn run(g: &Global, a: &SearchArgs) -> Result<()> {
    let text = a.query.join(" ");
    let query = Query::parse(&text).map_err(|e| anyhow!("query: {e}"))?;
    let db = db::open_for_reading(g)?;
    let (ds, stale) = db.load_records()?;
    // A one-shot command: the records and the index go with the process (freeing
    // 400k records and the index piece by piece takes a tenth of a second at 100k).
    let ds = ManuallyDrop::new(ds);
    let index = ManuallyDrop::new(SearchIndex::build(
        &ds,
        super::today()?,
        DEFAULT_TERM_MONTHS,
    ));
    let limit = (a.limit > 0).then_some(a.limit);
    let results = index.results(&query, limit);
    let rows: Vec<_> = results.hits.iter().map(|h| index.summary(h)).collect();
    let save_image = || {
        // For the next start (best effort): the image was missing or stale.
        if let Some(key) = &stale {
            let _ = db.save_image(&ds, key);
        }
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        save_image();
        return Ok(());
    }
    if rows.is_empty() {
        eprintln!("no one matches '{text}'");
        save_image();
        return Ok(());
    }
    let mut out = String::new();
    let header = [
        "id", "name", "kana", "grade", "post", "unit", "tenure", "score",
    ];
    let table: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            [
                r.id.to_string(),
                r.name.to_string(),
                r.kana.to_string(),
                r.grade.ja().to_string(),
                r.post
                    .map(|p| format!("{p} {}", r.post_title.unwrap_or("")))
                    .unwrap_or_else(|| "—".into()),
                r.unit_name.unwrap_or("—").to_string(),
                r.tenure_months
                    .map(|m| format!("{}{}", tenure_label(m), if r.due { " due" } else { "" }))
                    .unwrap_or_default(),
                r.score.to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.width());
    for row in &table {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: &[String]| -> String {
        let mut l = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            l.push_str(c);
            if i + 1 < cells.len() {
                l.push_str(&" ".repeat(w - c.width() + 2));
            }
        }
        l.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(&header.map(String::from)));
    for row in &table {
        let _ = writeln!(out, "{}", line(row));
    }
    if results.total > rows.len() {
        let _ = writeln!(
            out,
            "({} of {} shown; --limit 0 shows all)",
            rows.len(),
            results.total
        );
    }
    print!("{out}");
    save_image();
    Ok(())
}
