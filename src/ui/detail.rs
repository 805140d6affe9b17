//! The staff detail: one person's whole record — grade and track, current post and
//! tenure, skills, their training against their post, the post history as a
//! timeline, courses, wishes and notes.

use super::widgets::fit;
use super::Ui;
use crate::app::state::{Data, State};
use crate::domain::date::{iso, tenure_label};
use crate::domain::profile::{profile, Profile};
use crate::domain::{Dataset, EnrollmentStatus};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub fn render(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let t = st.session.lang.texts();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border);
    let (Data::Ready(data), Some(hit)) = (&st.data, st.staff.selected_hit()) else {
        f.render_widget(
            Paragraph::new(Line::styled(t.d_select, th.dim)).block(block),
            area,
        );
        return;
    };
    let Some(p) = profile(&data.ds, &hit.id, st.session.today) else {
        f.render_widget(
            Paragraph::new(Line::styled(t.d_select, th.dim)).block(block),
            area,
        );
        return;
    };
    let title = format!(" {}  {}  {} ", p.staff.name, p.staff.kana, p.staff.id);
    let block = block.title(Span::styled(title, th.title));
    let lines = lines(st, ui, &data.ds, &p, area.width.saturating_sub(2) as usize);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// A label padded to the same display width (kanji take two cells each).
fn label(text: &str, ui: &Ui) -> Span<'static> {
    let pad = 9usize.saturating_sub(text.width());
    Span::styled(format!("{text}{} ", " ".repeat(pad)), ui.theme.dim)
}

fn lines(st: &State, ui: &Ui, ds: &Dataset, p: &Profile, width: usize) -> Vec<Line<'static>> {
    let th = ui.theme;
    let lang = st.session.lang;
    let t = lang.texts();
    let s = &p.staff;
    let mut out = Vec::new();
    // grade · track · candidate · born
    let mut head = vec![Span::styled(s.grade.ja().to_string(), th.title)];
    if let Some(since) = s.grade_since {
        let since = if lang.is_ja() {
            format!(" ({}{})", iso(since), t.d_since)
        } else {
            format!(" ({} {})", t.d_since, iso(since))
        };
        head.push(Span::styled(since, th.dim));
    }
    head.push(Span::raw(format!(" · {}", s.track.ja())));
    if s.candidate {
        head.push(Span::styled(format!(" · {}", t.d_candidate), th.warn));
    }
    if s.promotable {
        head.push(Span::raw(format!(" · {}", t.d_promotable)));
    }
    match (st.privacy, s.birth_year) {
        (true, _) => head.push(Span::styled(
            format!(" · {} {}", t.d_born, t.hidden),
            th.dim,
        )),
        (false, Some(y)) => head.push(Span::raw(format!(" · {} {y}", t.d_born))),
        (false, None) => {}
    }
    out.push(Line::from(head));
    // status when away
    if s.status != crate::domain::Status::Active {
        let until = match s.status_until {
            Some(d) if lang.is_ja() => format!(" {}{}", iso(d), t.d_until),
            Some(d) => format!(" {} {}", t.d_until, iso(d)),
            None => String::new(),
        };
        out.push(Line::from(vec![
            label(t.d_status, ui),
            Span::styled(format!("{}{until}", s.status.ja()), th.warn),
        ]));
    }
    // post and due
    match &p.current {
        Some(c) => {
            out.push(Line::from(vec![
                label(t.d_post, ui),
                Span::styled(format!("{} ", c.title), th.title),
                Span::raw(if lang.is_ja() {
                    format!(
                        "({}) {}{} · {}",
                        c.post,
                        c.start,
                        t.d_since,
                        tenure_label(c.tenure_months)
                    )
                } else {
                    format!(
                        "({}) {} {} · {}",
                        c.post,
                        t.d_since,
                        c.start,
                        tenure_label(c.tenure_months)
                    )
                }),
            ]));
            let due = c.tenure_months >= st.session.term_months as i32;
            out.push(Line::from(vec![
                label(t.d_due, ui),
                Span::styled(
                    if due { t.d_due_yes } else { t.d_due_no },
                    if due { th.warn } else { th.text },
                ),
                Span::styled(
                    format!(" ({} {}m)", t.d_term, st.session.term_months),
                    th.dim,
                ),
            ]));
        }
        None => out.push(Line::from(vec![
            label(t.d_post, ui),
            Span::styled(t.d_none, th.dim),
        ])),
    }
    if !s.skills.is_empty() {
        let skills: Vec<String> = s.skills.0.iter().map(|(k, v)| format!("{k} {v}")).collect();
        out.push(Line::from(vec![
            label(t.d_skills, ui),
            Span::raw(skills.join(" · ")),
        ]));
    }
    // The courses of the post, and where the person stands with each.
    out.extend(super::training::post_training(st, ui, ds, &s.id, width));
    if !p.history.is_empty() {
        out.push(Line::styled(t.d_history, th.dim));
        for h in &p.history {
            let end = h
                .end
                .as_deref()
                .map(|e| e.get(..7).unwrap_or(e).to_string())
                .unwrap_or_else(|| t.d_now.to_string());
            let start = h.start.get(..7).unwrap_or(&h.start).to_string();
            let conc = if h.concurrent {
                format!(" ({})", t.d_concurrent)
            } else {
                String::new()
            };
            let when = format!("  {start} ── {end:<7}  ");
            let what = fit(
                &format!("{}{conc}", h.title),
                width.saturating_sub(when.width()),
            );
            let room = width.saturating_sub(when.width() + what.width() + 2);
            let mut line = vec![Span::styled(when, th.dim), Span::raw(what)];
            // The unit only where it fits; a lone "…" would wrap onto its own line.
            if room >= 4 {
                line.push(Span::styled(
                    format!("  {}", fit(&h.unit_name, room)),
                    th.dim,
                ));
            }
            out.push(Line::from(line));
        }
    }
    if !p.courses.is_empty() {
        out.push(Line::styled(t.d_courses, th.dim));
        for c in &p.courses {
            let (mark, style) = match c.status {
                EnrollmentStatus::Completed => ("✓", th.ok),
                EnrollmentStatus::Failed => ("✗", th.error),
                EnrollmentStatus::Cancelled => ("–", th.dim),
                EnrollmentStatus::Enrolled | EnrollmentStatus::Planned => ("·", th.text),
            };
            let status = if lang.is_ja() {
                c.status.ja()
            } else {
                c.status.code()
            };
            out.push(Line::from(vec![
                Span::styled(format!("  {mark} "), style),
                Span::raw(format!("{} ", c.name)),
                Span::styled(
                    format!("{status} {}", c.date.clone().unwrap_or_default()),
                    th.dim,
                ),
            ]));
        }
    }
    if st.privacy {
        out.push(Line::from(vec![
            label(t.d_wishes, ui),
            Span::styled(t.hidden, th.dim),
        ]));
        out.push(Line::from(vec![
            label(t.d_notes, ui),
            Span::styled(t.hidden, th.dim),
        ]));
    } else {
        if !s.wishes.is_empty() {
            let w: Vec<String> = s.wishes.iter().map(|w| w.to_string()).collect();
            out.push(Line::from(vec![
                label(t.d_wishes, ui),
                Span::raw(w.join(" · ")),
            ]));
        }
        if !s.notes.is_empty() {
            out.push(Line::styled(t.d_notes, th.dim));
            for l in s.notes.lines() {
                out.push(Line::raw(format!("  {}", l.replace('\t', "    "))));
            }
        }
    }
    out
}
