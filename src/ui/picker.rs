//! The staff picker overlay: a search line, and people with their fit for the post
//! (grade, skills below the post's level, the post's courses, current post, tenure).

use super::theme::Theme;
use super::widgets::{centered, fit, highlighted, pad};
use crate::app::picker::{PickFor, PickRow, PickTarget, StaffPicker};
use crate::app::state::Loaded;
use crate::domain::date::tenure_label;
use crate::domain::fit::CourseStanding;
use crate::domain::training::Progress;
use crate::i18n::picker::{words, Words};
use crate::i18n::Lang;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// Rows the picker box takes around its list: borders, search line, header, keys.
pub const PICKER_CHROME: u16 = 5;

/// How many people the picker lists on a screen of `height` rows.
pub fn picker_page(height: u16) -> usize {
    picker_box(Rect::new(0, 0, 200, height))
        .height
        .saturating_sub(PICKER_CHROME)
        .max(1) as usize
}

fn picker_box(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(120);
    let h = area.height.saturating_sub(2).max(3);
    centered(area, w, h)
}

pub fn draw_picker(
    f: &mut Frame,
    area: Rect,
    pk: &StaffPicker,
    data: &Loaded,
    lang: Lang,
    th: &Theme,
) {
    let w = words(lang);
    let bx = picker_box(area);
    f.render_widget(Clear, bx);
    let title = match &pk.target {
        PickTarget::Post(post) => {
            let verb = match pk.purpose {
                PickFor::Transfer => w.title_transfer,
                _ => w.title_assign,
            };
            let name = data.ds.posts.get(post).map_or("", |p| p.title.as_str());
            format!(" {verb} {post} {name} ")
        }
        PickTarget::Course { course, session } => {
            let name = data.ds.courses.get(course).map_or("", |c| c.name.as_str());
            match session {
                Some(x) => format!(" {} {x} · {course} {name} ", w.title_enroll),
                None => format!(" {} {course} {name} ", w.title_plan),
            }
        }
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.key)
        .title(Span::styled(title, th.title));
    let inner = block.inner(bx);
    f.render_widget(block, bx);
    if inner.height < 3 || inner.width < 20 {
        return;
    }
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    // Search line with the count on the right.
    let mut count = format!("{} {}", super::widgets::count(pk.total), w.matches);
    if !pk.marked.is_empty() {
        count = format!("{} {} · {count}", pk.marked.len(), w.marked);
    }
    let text = pk.query.text();
    let mut search = vec![Span::styled("> ", th.key)];
    if text.is_empty() {
        search.push(Span::styled(w.search, th.dim));
    } else {
        search.push(Span::raw(text.to_string()));
        search.push(Span::styled("▏", th.key));
    }
    let used: usize = search
        .iter()
        .map(|s| super::widgets::width(&s.content))
        .sum();
    let err = pk.error.as_deref().unwrap_or("");
    if !err.is_empty() {
        search.push(Span::styled(
            format!("  {}", fit(err, width.saturating_sub(used + 2))),
            th.error,
        ));
    } else {
        let gap = width.saturating_sub(used + super::widgets::width(&count));
        search.push(Span::raw(" ".repeat(gap)));
        search.push(Span::styled(count, th.dim));
    }
    lines.push(Line::from(search));
    // Columns: marker 2, id 8, name 14, grade 8, now in (flex), tenure 7, fit (flex).
    let flex = width.saturating_sub(2 + 9 + 15 + 9 + 8);
    let now_w = (flex * 2 / 5).clamp(6, 28);
    let fit_w = flex.saturating_sub(now_w + 1);
    let h = w.header;
    lines.push(Line::styled(
        format!(
            "  {}{}{}{} {}{}",
            pad(h[0], 9),
            pad(h[1], 15),
            pad(h[2], 9),
            pad(h[3], now_w),
            pad(h[4], 8),
            fit(if pk.is_multi() { w.course_col } else { h[5] }, fit_w)
        ),
        th.header,
    ));
    let page = inner.height.saturating_sub(3) as usize;
    if pk.total == 0 {
        lines.push(Line::styled(w.none, th.dim));
    }
    for (i, row) in pk.rows.iter().enumerate().skip(pk.offset).take(page) {
        let marked = pk.marked.iter().any(|m| *m == *row.hit.id);
        lines.push(person_line(
            row,
            (i == pk.selected, marked),
            data,
            (now_w, fit_w),
            &w,
            th,
        ));
    }
    let list_h = inner.height.saturating_sub(1);
    while lines.len() < list_h as usize {
        lines.push(Line::raw(""));
    }
    lines.truncate(list_h as usize);
    let keys = if pk.is_multi() { w.multi_keys } else { w.keys };
    lines.push(Line::styled(fit(keys, width), th.dim));
    f.render_widget(Paragraph::new(lines), inner);
}

fn person_line<'a>(
    row: &'a PickRow,
    (selected, marked): (bool, bool),
    data: &'a Loaded,
    (now_w, fit_w): (usize, usize),
    w: &Words,
    th: &Theme,
) -> Line<'a> {
    let r = &data.index.rows()[row.hit.row];
    let base = if selected { th.selected } else { th.text };
    let hi = base.patch(th.matched);
    let marker = match (selected, marked) {
        (true, true) => "▶●",
        (true, false) => "▶ ",
        (false, true) => " ●",
        (false, false) => "  ",
    };
    let mut spans = vec![Span::styled(marker, base)];
    let id = fit(r.id.as_str(), 8);
    spans.extend(highlighted_fit(&id, &row.hit.id_match, 9, base, hi));
    let name = fit(&r.name, 14);
    spans.extend(highlighted_fit(&name, &row.hit.name_match, 15, base, hi));
    let (grade_style, grade_mark) = match &row.fit {
        Some(f) if f.grade_matches() => (base.patch(th.ok), "✓"),
        Some(_) => (base.patch(th.warn), "✗"),
        None => (base, " "),
    };
    spans.push(Span::styled(
        pad(&format!("{}{grade_mark}", r.grade.ja()), 9),
        grade_style,
    ));
    let now = row.current.as_deref().unwrap_or("—");
    spans.push(Span::styled(pad(&fit(now, now_w), now_w), base));
    let tenure = row
        .fit
        .as_ref()
        .and_then(|f| f.tenure_months)
        .map(tenure_label)
        .unwrap_or_default();
    spans.push(Span::styled(format!(" {}", pad(&tenure, 8)), base));
    let (words, style) = match (&row.fit, &row.progress) {
        (Some(f), _) => (
            fit_words(row, w),
            if f.is_full() {
                base.patch(th.ok)
            } else {
                base.patch(th.warn)
            },
        ),
        (None, Some(p)) => progress_words(p, w, base, th),
        (None, None) => (String::new(), base),
    };
    spans.push(Span::styled(fit(&words, fit_w), style));
    Line::from(spans)
}

/// Text fitted to a width with its matched characters highlighted, padded.
fn highlighted_fit<'a>(
    text: &str,
    marks: &[usize],
    width: usize,
    base: ratatui::style::Style,
    hi: ratatui::style::Style,
) -> Vec<Span<'a>> {
    let padded = pad(text, width);
    highlighted(&padded, marks, base, hi)
        .into_iter()
        .map(|s| Span::styled(s.content.into_owned(), s.style))
        .collect()
}

/// Where the person stands with the course, and how to show it.
fn progress_words(
    p: &Progress,
    w: &Words,
    base: ratatui::style::Style,
    th: &Theme,
) -> (String, ratatui::style::Style) {
    use crate::domain::date::iso;
    match p {
        Progress::Completed { on, .. } => (
            format!("✓ {} {}", w.completed, on.map(iso).unwrap_or_default()),
            base.patch(th.ok),
        ),
        Progress::Enrolled { session, .. } => (
            format!(
                "{} {}",
                w.enrolled,
                session.as_ref().map(|s| s.as_str()).unwrap_or("")
            ),
            base.patch(th.ok),
        ),
        Progress::Planned { .. } => (w.planned.to_string(), base.patch(th.warn)),
        Progress::Missing { failed: true } => (w.failed.to_string(), base.patch(th.warn)),
        Progress::Missing { failed: false } => ("—".to_string(), base),
    }
}

/// "✓ all met", or what falls short: "pm 1<2 · C-SEC planned · C-PM ✗".
fn fit_words(row: &PickRow, w: &Words) -> String {
    let Some(f) = &row.fit else {
        return String::new();
    };
    let mut parts: Vec<String> = f
        .skill_gaps()
        .iter()
        .map(|g| format!("{} {}<{}", g.skill, g.have, g.need))
        .collect();
    for (c, st) in &f.courses {
        match st {
            CourseStanding::Completed => {}
            CourseStanding::Planned => parts.push(format!("{c} {}", w.planned)),
            CourseStanding::Missing => parts.push(format!("{c} ✗")),
        }
    }
    if parts.is_empty() {
        "✓".into()
    } else {
        parts.join(" · ")
    }
}
