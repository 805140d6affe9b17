//! The rotation pane's detail: a proposal's score term by term with the next best,
//! a stay, an unplaced person, an unfilled post's nearest candidates and what they
//! lack, a chain, a unit's age bands before and after, a scenario.

use super::*;

pub(super) fn detail(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let p = &st.rotation;
    let (title, lines) = match p.outcome.as_deref() {
        _ if p.view == View::Scenarios => scenario_detail(st, ui),
        Some(o) => plan_detail(st, ui, o),
        None => (String::new(), vec![Line::styled(r.not_run, th.dim)]),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Span::styled(
            format!(" {} ", fit(&title, area.width.saturating_sub(4) as usize)),
            th.title,
        ));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// A term as a line: `+20  completed the post's course C-NCO-SEC`.
fn term_line<'a>(l: &TermLine, th: &crate::ui::Theme) -> Line<'a> {
    // The text ends with the points; show them in front, aligned.
    let text = l
        .text
        .trim_end_matches(&signed(l.points))
        .trim_end()
        .to_string();
    Line::from(vec![
        Span::styled(
            pad_left(&signed(l.points), 5),
            if l.points >= 0 { th.ok } else { th.warn },
        ),
        Span::raw("  "),
        Span::styled(text, th.text),
    ])
}

fn plan_detail<'a>(st: &State, ui: &Ui, o: &Outcome) -> (String, Vec<Line<'a>>) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let p = &st.rotation;
    let d = ds(st);
    let i = p.selected();
    let mut lines: Vec<Line> = Vec::new();
    let heading = |s: &str| Line::styled(s.to_string(), th.header);
    match p.view {
        View::Proposals => {
            let Some(x) = o.plan.proposals.get(i) else {
                return (String::new(), lines);
            };
            let title = format!("{} {} → {} {}", r.why, x.name, x.post, x.post_title);
            if let Some(cur) = &x.current_post {
                lines.push(Line::styled(
                    format!("{} {cur} → {}", x.staff, x.post),
                    th.dim,
                ));
            }
            for t in &x.terms {
                lines.push(term_line(t, th));
            }
            lines.push(Line::from(vec![
                Span::styled(pad_left(&x.score.to_string(), 5), th.header),
                Span::styled(format!("  {}", r.c_score), th.dim),
            ]));
            lines.push(Line::raw(""));
            lines.push(heading(r.next_best));
            if x.alternatives.is_empty() {
                lines.push(Line::styled(format!("  {}", r.no_alternatives), th.dim));
            }
            for a in &x.alternatives {
                lines.push(Line::from(vec![
                    Span::styled(pad_left(&signed(a.diff), 6), th.warn),
                    Span::styled(format!("  {} {}", a.name, a.staff), th.text),
                    Span::styled(format!("  ({}; {})", a.score, a.outcome), th.dim),
                ]));
            }
            (title, lines)
        }
        View::Stays => {
            let Some(s) = o.plan.stays.get(i) else {
                return (String::new(), lines);
            };
            let title = format!("{} {} · {}", s.name, s.staff, s.post);
            lines.push(Line::styled(s.reason.clone(), th.text));
            for t in &s.terms {
                lines.push(term_line(t, th));
            }
            if !s.alternatives.is_empty() {
                lines.push(Line::raw(""));
                lines.push(heading(r.next_best));
                for a in &s.alternatives {
                    lines.push(Line::from(vec![
                        Span::styled(pad_left(&signed(a.diff), 6), th.warn),
                        Span::styled(format!("  {} {}", a.name, a.staff), th.text),
                        Span::styled(format!("  ({})", a.outcome), th.dim),
                    ]));
                }
            }
            (title, lines)
        }
        View::Unplaced => {
            let Some(u) = o.plan.unplaced.get(i) else {
                return (String::new(), lines);
            };
            let title = format!("{} {} · {}", u.name, u.staff, u.grade.ja());
            lines.push(Line::styled(u.reason.clone(), th.text));
            if !u.suggestion.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", r.suggestion), th.dim),
                    Span::styled(u.suggestion.clone(), th.text),
                ]));
            }
            if let Some(best) = &u.best_post {
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", r.best_post), th.dim),
                    Span::styled(
                        format!(
                            "{best} ({})",
                            u.best_score.map(|x| x.to_string()).unwrap_or_default()
                        ),
                        th.text,
                    ),
                ]));
            }
            (title, lines)
        }
        View::Unfilled => {
            let Some(u) = o.plan.unfilled.get(i) else {
                return (String::new(), lines);
            };
            let title = format!("{} {}", u.post, u.post_title);
            lines.push(Line::styled(u.reason.clone(), th.warn));
            lines.push(Line::raw(""));
            lines.push(heading(r.nearest));
            for n in &u.nearest {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {} {} ", n.name, n.staff), th.text),
                    Span::styled(
                        format!(
                            "{} {}",
                            n.grade.ja(),
                            n.score.map(|x| x.to_string()).unwrap_or_default()
                        ),
                        th.dim,
                    ),
                ]));
                for l in &n.lacks {
                    lines.push(Line::styled(format!("      {}: {l}", r.lacks), th.warn));
                }
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(r.enroll_hint, th.key));
            (title, lines)
        }
        View::Chains => {
            let Some(c) = o.chains.get(i) else {
                return (String::new(), lines);
            };
            for s in &c.steps {
                let name = name_of(d, s.staff.as_str());
                let from = s.from.as_ref().map_or(r.no_post, |x| x.as_str());
                let to = s.to.as_ref().map_or(r.leaves, |x| x.as_str());
                lines.push(Line::from(vec![
                    Span::styled(format!("{name} {}", s.staff), th.text),
                    Span::styled(format!("  {from} → {to}"), th.key),
                ]));
            }
            if c.cycle {
                lines.push(Line::styled(format!("({})", r.cycle), th.dim));
            }
            (format!("{} {}", r.view_chains, i + 1), lines)
        }
        View::Mix => {
            let Some(m) = o.mix.get(i) else {
                return (String::new(), lines);
            };
            lines.push(Line::styled(
                format!(
                    "{} → {}",
                    r.c_before.split(' ').next().unwrap_or(""),
                    r.c_after
                ),
                th.dim,
            ));
            for (k, label) in r.bands.iter().enumerate() {
                let (b, a) = (m.before.by_band[k], m.after.by_band[k]);
                lines.push(Line::from(vec![
                    Span::styled(pad(label, 9), th.dim),
                    Span::styled(pad(&"█".repeat(b as usize), 8), th.dim),
                    Span::styled(format!("{b:>2} → "), th.dim),
                    Span::styled(
                        pad(&"█".repeat(a as usize), 8),
                        if a == 0 && b > 0 { th.warn } else { th.ok },
                    ),
                    Span::styled(format!("{a:>2}"), th.text),
                ]));
            }
            if m.before.unknown + m.after.unknown > 0 {
                lines.push(Line::styled(
                    format!(
                        "{}: {} → {}",
                        r.unknown_age, m.before.unknown, m.after.unknown
                    ),
                    th.dim,
                ));
            }
            (format!("{} {}", m.unit, m.name), lines)
        }
        _ => (String::new(), lines),
    }
}

fn scenario_detail<'a>(st: &State, ui: &Ui) -> (String, Vec<Line<'a>>) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let Some(s) = st.rotation.selected_scenario() else {
        return (String::new(), vec![Line::styled(r.no_scenarios, th.dim)]);
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", r.c_saved), th.dim),
            Span::styled(s.saved_at.clone(), th.text),
        ]),
        Line::from(vec![
            Span::styled(format!("{}: ", r.as_of), th.dim),
            Span::styled(
                s.as_of.clone().unwrap_or_else(|| r.next_april.into()),
                th.text,
            ),
        ]),
        Line::from(vec![
            Span::styled(format!("{}: ", r.settings_file), th.dim),
            Span::styled(s.config_label.clone(), th.text),
        ]),
    ];
    for (a, b) in &s.pins {
        lines.push(Line::styled(format!("{} {a} → {b}", r.pins), th.key));
    }
    for x in &s.excludes {
        lines.push(Line::styled(format!("{} {x}", r.excludes), th.key));
    }
    for (a, b) in &s.swaps {
        lines.push(Line::styled(format!("{} {a} ↔ {b}", r.swaps), th.key));
    }
    if let Some(sum) = &s.saved_summary {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "{} {} · {} {} · {} {} · {} {}",
                r.objective,
                crate::ui::thousands_signed(sum.objective),
                sum.moves,
                r.moves,
                sum.unfilled,
                r.unfilled,
                sum.unplaced,
                r.unplaced
            ),
            th.text,
        ));
        lines.push(Line::styled(
            format!("plan {}", &sum.hash[..12.min(sum.hash.len())]),
            th.dim,
        ));
    }
    (s.name.clone(), lines)
}
