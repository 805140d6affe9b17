//! The rotation pane: what the plan is made with (date, term, weights, scenario),
//! its figures, the list tabs, the list in view as a table (proposals, stays,
//! unplaced, unfilled, chains, each unit's mix, scenarios, their comparison, the
//! settings) and the detail of the selected line: a proposal's score term by term
//! with the next best candidates, an unfilled post's nearest candidates and what
//! they lack, a unit's age bands before and after. Only the rows on screen are built.

use super::widgets::{fit, pad, pad_left, width};
use super::Ui;
use crate::app::rotation::{compare_rows, CompareRow, Outcome, View};
use crate::app::state::{Data, State};
use crate::domain::date::iso;
use crate::domain::{Dataset, StaffId};
use crate::i18n::rotation::RotationTexts;
use crate::plan::mix::Bands;
use crate::plan::score::{signed, Line as TermLine};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

pub fn render(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let [settings, figures, tabs, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    settings_line(st, ui, f, settings);
    figures_line(st, ui, f, figures);
    tabs_line(st, ui, f, tabs);
    let p = &st.rotation;
    if p.detail_open {
        detail(st, ui, f, body);
        return;
    }
    if st.wide() && !p.detail_hidden && has_detail(p.view) {
        let [list, side] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                .areas(body);
        table(st, ui, f, list);
        detail(st, ui, f, side);
    } else {
        table(st, ui, f, body);
    }
}

fn has_detail(v: View) -> bool {
    !matches!(v, View::Compare | View::Weights)
}

fn ds(st: &State) -> Option<&Dataset> {
    st.loaded().map(|d| &d.ds)
}

fn name_of<'a>(ds: Option<&'a Dataset>, id: &str) -> &'a str {
    ds.and_then(|d| d.staff.get(&StaffId::new_unchecked(id)))
        .map_or("", |s| s.name.as_str())
}

/// ` as of 2027-04-01 · term 24m · weights default · scenario draft-2 · pins 1`
fn settings_line(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let p = &st.rotation;
    let i = &p.inputs;
    let (as_of, term, weights) = match p.outcome.as_deref() {
        Some(o) => (
            iso(o.plan.as_of),
            o.plan.config.term_months,
            o.config_label.clone(),
        ),
        None => (
            iso(i.date(st.session.today)),
            i.term_months
                .unwrap_or(crate::plan::Config::default().term_months),
            i.config.label(),
        ),
    };
    let sep = || Span::styled(" · ", th.dim);
    let mut spans = vec![
        Span::raw(" "),
        Span::styled(format!("{} ", r.as_of), th.dim),
        Span::styled(as_of, th.header),
        sep(),
        Span::styled(format!("{} ", r.term), th.dim),
        Span::styled(r.months(term as i32), th.text),
        sep(),
        Span::styled(format!("{} ", r.weights), th.dim),
        Span::styled(weights, th.text),
    ];
    if let Some(name) = &p.scenario {
        spans.extend([
            sep(),
            Span::styled(format!("{} ", r.scenario), th.dim),
            Span::styled(name.clone(), th.badge),
        ]);
    }
    for (label, n) in [
        (r.pins, i.pins.len()),
        (r.excludes, i.excludes.len()),
        (r.swaps, i.swaps.len()),
    ] {
        if n > 0 {
            spans.extend([sep(), Span::styled(format!("{label} {n}"), th.key)]);
        }
    }
    f.render_widget(Line::from(spans), area);
}

/// ` objective 1,284 · 37 moves · 3 unfilled · 5 unplaced · solved exactly in 42 ms`
fn figures_line(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let t = st.session.lang.texts();
    let p = &st.rotation;
    let sep = || Span::styled(" · ", th.dim);
    let mut spans = vec![Span::raw(" ")];
    if let Some(run) = p.running {
        let ms = run.started.elapsed().as_secs_f64() * 1000.0;
        spans.push(Span::styled(r.running_for(ms), th.key));
        if p.outcome.is_some() {
            spans.push(sep());
        }
    }
    match (&st.data, p.outcome.as_deref()) {
        (Data::Loading, _) => spans.push(Span::styled(t.loading, th.dim)),
        (Data::Failed(_), _) => spans.push(Span::styled(t.load_failed, th.error)),
        (_, None) if p.running.is_none() => match &p.failed {
            Some(e) => spans.push(Span::styled(e.clone(), th.error)),
            None => spans.push(Span::styled(r.not_run, th.dim)),
        },
        (_, None) => {}
        (_, Some(o)) => {
            let plan = &o.plan;
            spans.extend([
                Span::styled(format!("{} ", r.objective), th.dim),
                Span::styled(super::thousands_signed(plan.objective), th.header),
            ]);
            if let Some(prev) = p.previous_objective.filter(|x| *x != plan.objective) {
                spans.push(Span::styled(
                    format!(" ({})", r.changed_by(&signed(plan.objective - prev))),
                    if plan.objective >= prev {
                        th.ok
                    } else {
                        th.warn
                    },
                ));
            }
            for (n, label, warn) in [
                (plan.counts.moves, r.moves, false),
                (
                    plan.stays.iter().filter(|s| s.in_plan).count(),
                    r.stays,
                    false,
                ),
                (plan.unfilled.len(), r.unfilled, true),
                (plan.unplaced.len(), r.unplaced, true),
            ] {
                spans.push(sep());
                spans.push(Span::styled(
                    format!("{} {label}", super::thousands(n)),
                    if warn && n > 0 { th.warn } else { th.text },
                ));
            }
            spans.push(sep());
            spans.push(Span::styled(r.solved(plan.timing.total_ms), th.dim));
            if let Some(seq) = p.accepted {
                spans.push(sep());
                spans.push(Span::styled(r.accepted(seq), th.ok));
            } else if p.stale {
                spans.push(sep());
                spans.push(Span::styled(r.stale, th.warn));
            }
        }
    }
    f.render_widget(Line::from(spans), area);
}

fn view_name(r: &RotationTexts, v: View) -> &'static str {
    match v {
        View::Proposals => r.view_proposals,
        View::Stays => r.view_stays,
        View::Unplaced => r.view_unplaced,
        View::Unfilled => r.view_unfilled,
        View::Chains => r.view_chains,
        View::Mix => r.view_mix,
        View::Scenarios => r.view_scenarios,
        View::Compare => r.view_compare,
        View::Weights => r.view_settings,
    }
}

/// The lists, the one shown in brackets, with their sizes.
fn tabs_line(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let p = &st.rotation;
    let o = p.outcome.as_deref();
    let mut spans = vec![Span::raw(" ")];
    for v in View::ALL {
        let n = match v {
            View::Proposals => o.map(|o| o.plan.proposals.len()),
            View::Stays => o.map(|o| o.plan.stays.len()),
            View::Unplaced => o.map(|o| o.plan.unplaced.len()),
            View::Unfilled => o.map(|o| o.plan.unfilled.len()),
            View::Chains => o.map(|o| o.chains.len()),
            View::Scenarios => Some(p.scenarios.len()),
            _ => None,
        };
        let label = match n {
            Some(n) => format!("{} {}", view_name(r, v), super::thousands(n)),
            None => view_name(r, v).to_string(),
        };
        if v == p.view {
            spans.push(Span::styled(format!("[{label}]"), th.tab_active));
        } else {
            spans.push(Span::styled(format!(" {label} "), th.tab));
        }
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if used > area.width as usize {
        // Narrow screens: only the list shown, with the keys that switch.
        let label = view_name(r, p.view);
        spans = vec![
            Span::raw(" "),
            Span::styled(format!("[{label}]"), th.tab_active),
            Span::styled(" [ ] ", th.key),
        ];
    }
    f.render_widget(Line::from(spans), area);
}

/// A column: its title, its width in cells (0: takes what is left) and alignment.
struct Col {
    title: String,
    width: usize,
    right: bool,
}

fn col(title: &str, width: usize) -> Col {
    Col {
        title: title.to_string(),
        width,
        right: false,
    }
}

fn num(title: &str, width: usize) -> Col {
    Col {
        title: title.to_string(),
        width,
        right: true,
    }
}

/// The columns' widths for `total` cells: the flexible column takes what is left,
/// and narrow screens shrink the others.
fn widths(cols: &[Col], total: usize) -> Vec<usize> {
    let fixed: usize = cols.iter().map(|c| c.width + 1).sum();
    let mut w: Vec<usize> = cols.iter().map(|c| c.width).collect();
    if let Some(flex) = cols.iter().position(|c| c.width == 0) {
        w[flex] = total.saturating_sub(fixed + 2).max(4);
    }
    let mut over = (w.iter().map(|x| x + 1).sum::<usize>() + 2).saturating_sub(total);
    while over > 0 {
        let Some((i, _)) = w
            .iter()
            .enumerate()
            .filter(|(_, x)| **x > 4)
            .max_by_key(|(_, x)| **x)
        else {
            break;
        };
        w[i] -= 1;
        over -= 1;
    }
    w
}

type Row = Vec<(String, Style)>;

fn table(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let t = st.session.lang.texts();
    let p = &st.rotation;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Span::styled(
            format!(" {} ", view_name(r, p.view)),
            th.title,
        ));
    let block = match p.view {
        View::Scenarios => {
            block.title_bottom(Line::styled(format!(" {} ", r.compare_hint), th.dim))
        }
        View::Unfilled => block.title_bottom(Line::styled(format!(" {} ", r.enroll_hint), th.dim)),
        _ => block,
    };
    let needs_plan = !matches!(p.view, View::Scenarios | View::Weights | View::Compare);
    let empty = match (&st.data, p.outcome.as_deref()) {
        (Data::Loading, _) => Some(Line::styled(t.loading, th.dim)),
        (Data::Failed(e), _) => Some(Line::styled(format!("{}: {e}", t.load_failed), th.error)),
        (_, None) if needs_plan && p.running.is_some() => Some(Line::styled(r.running, th.key)),
        (_, None) if needs_plan => Some(Line::styled(r.not_run, th.dim)),
        _ if p.view == View::Scenarios && p.scenarios.is_empty() => {
            Some(Line::styled(r.no_scenarios, th.dim))
        }
        _ if p.view == View::Compare && p.compared.is_none() => {
            Some(Line::styled(r.compare_hint, th.dim))
        }
        _ if p.is_empty() => Some(Line::styled(r.empty_list, th.dim)),
        _ => None,
    };
    if let Some(msg) = empty {
        f.render_widget(
            Paragraph::new(msg).wrap(Wrap { trim: true }).block(block),
            area,
        );
        return;
    }
    let inner = block.inner(area);
    f.render_widget(block, area);
    let rows_room = (inner.height as usize).saturating_sub(1);
    let first = p.offset();
    let (cols, rows) = build(st, ui, first, rows_room);
    let w = widths(&cols, inner.width as usize);
    let mut lines = Vec::with_capacity(rows.len() + 1);
    let mut head = vec![Span::raw("  ")];
    for (c, cw) in cols.iter().zip(&w) {
        let cell = if c.right {
            pad_left(&fit(&c.title, *cw), *cw)
        } else {
            pad(&fit(&c.title, *cw), *cw)
        };
        head.push(Span::styled(cell + " ", th.header));
    }
    lines.push(Line::from(head));
    for (k, row) in rows.into_iter().enumerate() {
        let sel = first + k == p.selected();
        let mut spans = vec![Span::styled(
            if sel { "▶ " } else { "  " },
            if sel { th.key } else { th.dim },
        )];
        for ((text, style), (c, cw)) in row.into_iter().zip(cols.iter().zip(&w)) {
            let cell = if c.right {
                pad_left(&fit(&text, *cw), *cw)
            } else {
                pad(&fit(&text, *cw), *cw)
            };
            let style = if sel { style.patch(th.selected) } else { style };
            spans.push(Span::styled(cell, style));
            spans.push(Span::styled(" ", if sel { th.selected } else { th.text }));
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// The columns of the list shown and its rows from `first`, at most `n`.
fn build(st: &State, ui: &Ui, first: usize, n: usize) -> (Vec<Col>, Vec<Row>) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let p = &st.rotation;
    let d = ds(st);
    let o = p.outcome.as_deref();
    let take = |len: usize| first..(first + n).min(len);
    match (p.view, o) {
        (View::Proposals, Some(o)) => {
            let cols = vec![
                col(r.c_post, 26),
                col(r.c_holder, 18),
                col(r.c_proposed, 20),
                num(r.c_score, 6),
                col(r.c_reasons, 0),
            ];
            let swapped: Vec<&str> = (o.swapped.iter())
                .flat_map(|s| [s.a.as_str(), s.b.as_str()])
                .collect();
            let rows = take(o.plan.proposals.len())
                .map(|i| {
                    let x = &o.plan.proposals[i];
                    let holders = if x.current_holders.is_empty() {
                        (r.vacant.to_string(), th.warn)
                    } else {
                        let names: Vec<String> = (x.current_holders.iter())
                            .map(|h| format!("{} ({})", name_of(d, h), r.due))
                            .collect();
                        (names.join(", "), th.text)
                    };
                    let mut who = format!("{} {}", x.name, x.staff);
                    let mut style = th.text;
                    if x.pinned {
                        who = format!("📌 {who}");
                        style = th.key;
                    }
                    if swapped.contains(&x.staff.as_str()) {
                        who = format!("⇄ {who}");
                        style = th.badge;
                    }
                    if p.swap_mark.as_ref().is_some_and(|m| m.as_str() == x.staff) {
                        style = th.badge;
                    }
                    vec![
                        (format!("{} {}", x.post, x.post_title), th.text),
                        holders,
                        (who, style),
                        (x.score.to_string(), th.header),
                        (top_reasons(&x.terms, 2), th.dim),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Stays, Some(o)) => {
            let cols = vec![
                col(r.c_person, 22),
                col(r.c_post, 26),
                num(r.c_tenure, 8),
                num(r.c_score, 6),
                col(r.c_reason, 0),
            ];
            let rows = take(o.plan.stays.len())
                .map(|i| {
                    let s = &o.plan.stays[i];
                    let who = if s.pinned {
                        format!("📌 {} {}", s.name, s.staff)
                    } else {
                        format!("{} {}", s.name, s.staff)
                    };
                    vec![
                        (who, if s.in_plan { th.text } else { th.dim }),
                        (format!("{} {}", s.post, s.post_title), th.text),
                        (s.months.map(|m| r.months(m)).unwrap_or_default(), th.dim),
                        (
                            s.score.map(|x| x.to_string()).unwrap_or_default(),
                            th.header,
                        ),
                        (
                            if s.in_plan {
                                s.reason.clone()
                            } else {
                                format!("{}: {}", r.outside_plan, s.reason)
                            },
                            th.dim,
                        ),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Unplaced, Some(o)) => {
            let cols = vec![
                col(r.c_person, 22),
                col(r.c_grade, 8),
                col(r.c_current, 10),
                col(r.c_reason, 0),
            ];
            let rows = take(o.plan.unplaced.len())
                .map(|i| {
                    let u = &o.plan.unplaced[i];
                    vec![
                        (format!("{} {}", u.name, u.staff), th.text),
                        (u.grade.ja().to_string(), th.text),
                        (
                            u.current_post.clone().unwrap_or_else(|| r.no_post.into()),
                            th.dim,
                        ),
                        (u.reason.clone(), if u.leaves { th.warn } else { th.dim }),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Unfilled, Some(o)) => {
            let cols = vec![
                col(r.c_post, 28),
                col(r.c_unit, 10),
                col(r.c_grade, 8),
                num(r.c_seats, 5),
                col(r.c_reason, 0),
            ];
            let rows = take(o.plan.unfilled.len())
                .map(|i| {
                    let u = &o.plan.unfilled[i];
                    vec![
                        (format!("{} {}", u.post, u.post_title), th.text),
                        (u.unit.clone(), th.dim),
                        (u.grade.ja().to_string(), th.text),
                        (format!("{}/{}", u.filled, u.seats), th.warn),
                        (u.reason.clone(), th.dim),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Chains, Some(o)) => {
            let cols = vec![num("#", 4), col(r.view_chains, 0)];
            let range = take(o.chains.len());
            let start = range.start;
            let lines = match d {
                Some(d) => crate::app::rotation::chain_lines(d, &o.chains[range], st.session.lang),
                None => Vec::new(),
            };
            let rows = (lines.into_iter().enumerate())
                .map(|(k, l)| vec![((start + k + 1).to_string(), th.dim), (l, th.text)])
                .collect();
            (cols, rows)
        }
        (View::Mix, Some(o)) => {
            let cols = vec![
                col(r.c_unit, 0),
                col(r.c_before, 26),
                col(r.c_after, 14),
                num("±", 7),
            ];
            let rows = take(o.mix.len())
                .map(|i| {
                    let m = &o.mix[i];
                    let worse = m.after.missing() > m.before.missing();
                    let better = m.after.missing() < m.before.missing();
                    vec![
                        (
                            format!("{} {}", m.unit, m.name),
                            if m.changed() { th.text } else { th.dim },
                        ),
                        (bands(&m.before), th.dim),
                        (
                            bands(&m.after),
                            if worse {
                                th.warn
                            } else if better {
                                th.ok
                            } else {
                                th.text
                            },
                        ),
                        (
                            if m.changed() {
                                format!("+{} −{}", m.arriving, m.leaving)
                            } else {
                                String::new()
                            },
                            th.dim,
                        ),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Scenarios, _) => {
            let cols = vec![
                col(r.c_name, 0),
                col(r.c_saved, 19),
                col(r.as_of, 10),
                col(r.c_inputs, 10),
                num(r.moves, 6),
                num(r.objective, 9),
            ];
            let rows = take(p.scenarios.len())
                .map(|i| {
                    let s = &p.scenarios[i];
                    let mark = if p.marked.contains(&s.name) {
                        "● "
                    } else {
                        ""
                    };
                    let current = p.scenario.as_deref() == Some(s.name.as_str());
                    let sum = s.saved_summary.as_ref();
                    vec![
                        (
                            format!("{mark}{}", s.name),
                            if current { th.badge } else { th.text },
                        ),
                        (s.saved_at.clone(), th.dim),
                        (
                            s.as_of.clone().unwrap_or_else(|| r.next_april.into()),
                            th.text,
                        ),
                        (
                            format!("{}·{}·{}", s.pins.len(), s.excludes.len(), s.swaps.len()),
                            th.dim,
                        ),
                        (
                            sum.map(|x| x.moves.to_string()).unwrap_or_default(),
                            th.text,
                        ),
                        (
                            sum.map(|x| super::thousands_signed(x.objective))
                                .unwrap_or_default(),
                            th.header,
                        ),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Compare, _) => compare_table(st, ui, first, n),
        (View::Weights, _) => settings_table(st, ui, first, n),
        _ => (Vec::new(), Vec::new()),
    }
}

/// `2 1 0 1 +1?` (20s 30s 40s 50s+, then people of unknown age).
fn bands(b: &Bands) -> String {
    let mut s = format!(
        "{:>2} {:>2} {:>2} {:>2}",
        b.by_band[0], b.by_band[1], b.by_band[2], b.by_band[3]
    );
    if b.unknown > 0 {
        s.push_str(&format!(" +{}?", b.unknown));
    }
    s
}

/// The strongest reasons of a score (the fill term aside), largest first.
fn top_reasons(terms: &[TermLine], n: usize) -> String {
    let mut v: Vec<&TermLine> = terms.iter().filter(|l| l.term != "fill").collect();
    v.sort_by_key(|l| std::cmp::Reverse(l.points.abs()));
    (v.iter().take(n).map(|l| l.text.as_str()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn compare_table(st: &State, ui: &Ui, first: usize, n: usize) -> (Vec<Col>, Vec<Row>) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let compared = st.rotation.compared.as_deref().unwrap_or(&[]);
    let mut cols = vec![col(r.c_figure, 0)];
    cols.extend(compared.iter().map(|c| num(&c.name, 16)));
    let all = compare_rows(compared);
    let end = (first + n).min(all.len());
    let rows = all[first.min(end)..end]
        .iter()
        .map(|row| {
            let label = match row {
                CompareRow::Objective => r.objective.to_string(),
                CompareRow::Moves => r.moves.to_string(),
                CompareRow::Unplaced => r.unplaced.to_string(),
                CompareRow::Unfilled => r.unfilled.to_string(),
                CompareRow::Pins => r.c_inputs.to_string(),
                CompareRow::Unit(u) => {
                    let name = ds(st)
                        .and_then(|d| d.units.get(u))
                        .map_or(String::new(), |x| x.name.clone());
                    format!("{u} {name}")
                }
            };
            let mut cells = vec![(label, th.text)];
            // The best figure among the plans stands out.
            let best = compared
                .iter()
                .filter_map(|c| c.result.as_ref().ok())
                .map(|o| o.plan.objective)
                .max();
            for c in compared {
                cells.push(match &c.result {
                    Err(e) => (e.clone(), th.error),
                    Ok(o) => compare_cell(row, o, best, th),
                });
            }
            cells
        })
        .collect();
    (cols, rows)
}

fn compare_cell(
    row: &CompareRow,
    o: &Outcome,
    best: Option<i64>,
    th: &super::Theme,
) -> (String, Style) {
    let plan = &o.plan;
    match row {
        CompareRow::Objective => (
            super::thousands_signed(plan.objective),
            if Some(plan.objective) == best {
                th.ok
            } else {
                th.header
            },
        ),
        CompareRow::Moves => (plan.counts.moves.to_string(), th.text),
        CompareRow::Unplaced => (plan.unplaced.len().to_string(), th.text),
        CompareRow::Unfilled => (plan.unfilled.len().to_string(), th.text),
        CompareRow::Pins => (
            format!(
                "{}·{}·{}",
                o.inputs.pins.len(),
                o.inputs.excludes.len(),
                o.inputs.swaps.len()
            ),
            th.dim,
        ),
        CompareRow::Unit(u) => match o.mix.iter().find(|m| &m.unit == u) {
            Some(m) => (bands(&m.after), if m.changed() { th.text } else { th.dim }),
            None => (String::new(), th.dim),
        },
    }
}

fn settings_table(st: &State, ui: &Ui, first: usize, n: usize) -> (Vec<Col>, Vec<Row>) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let p = &st.rotation;
    let i = &p.inputs;
    let config = match p.outcome.as_deref() {
        Some(o) => o.settings.config.clone(),
        None => crate::plan::Config::default(),
    };
    let mut all: Vec<Row> = vec![
        vec![
            (r.as_of.into(), th.dim),
            (
                i.as_of.map(iso).unwrap_or_else(|| {
                    format!("{} ({})", iso(i.date(st.session.today)), r.next_april)
                }),
                th.text,
            ),
        ],
        vec![
            (r.term.into(), th.dim),
            (r.months(config.term_months as i32), th.text),
        ],
        vec![
            (r.settings_file.into(), th.dim),
            (i.config.label(), th.text),
        ],
    ];
    for (k, v) in config.weights.entries() {
        all.push(vec![
            (format!("{} · {k}", r.weights), th.dim),
            (v.to_string(), th.header),
        ]);
    }
    for (s, post) in &i.pins {
        all.push(vec![
            (r.pins.into(), th.key),
            (format!("{s} → {post}"), th.text),
        ]);
    }
    for x in &i.excludes {
        all.push(vec![(r.excludes.into(), th.key), (x.clone(), th.text)]);
    }
    for (a, b) in &i.swaps {
        all.push(vec![
            (r.swaps.into(), th.key),
            (format!("{a} ↔ {b}"), th.text),
        ]);
    }
    let end = (first + n).min(all.len());
    let rows = all.drain(first.min(end)..end).collect();
    (vec![col("", 30), col("", 0)], rows)
}

// ---------------------------------------------------------------------------
// Detail

fn detail(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
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
fn term_line<'a>(l: &TermLine, th: &super::Theme) -> Line<'a> {
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
                super::thousands_signed(sum.objective),
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
