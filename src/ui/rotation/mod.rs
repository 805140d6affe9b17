//! The rotation pane: what the plan is made with (date, term, weights, scenario),
//! its figures, the list tabs, the list in view as a table (proposals, stays,
//! unplaced, unfilled, chains, each unit's mix, scenarios, their comparison, the
//! settings) and the detail of the selected line: a proposal's score term by term
//! with the next best candidates, an unfilled post's nearest candidates and what
//! they lack, a unit's age bands before and after. Only the rows on screen are built.

use crate::app::rotation::{compare_rows, CompareRow, Outcome, View};
use crate::app::state::{Data, State};
use crate::domain::date::iso;
use crate::domain::{Dataset, StaffId};
use crate::i18n::rotation::RotationTexts;
use crate::plan::mix::Bands;
use crate::plan::score::{signed, Line as TermLine};
use crate::ui::widgets::{fit, pad, pad_left, width};
use crate::ui::Ui;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

mod detail;
mod tables;

use detail::detail;
use tables::build;

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
    if let Some(run) = &p.running {
        let ms = run.started.elapsed().as_secs_f64() * 1000.0;
        spans.push(Span::styled(r.running_at(run.progress.get(), ms), th.key));
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
                Span::styled(crate::ui::thousands_signed(plan.objective), th.header),
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
                    format!("{} {label}", crate::ui::thousands(n)),
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
            Some(n) => format!("{} {}", view_name(r, v), crate::ui::thousands(n)),
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
