//! The overlays: key help (grouped by section, filtered by typing), the command
//! palette, and the yes/no confirmation.

use super::chrome::pretty_key;
use super::widgets::{centered, fit};
use super::Ui;
use crate::app::action::Scope;
use crate::app::effect::LogView;
use crate::app::overlay::{help_lines, Confirm, HelpState, Overlay, PaletteState};
use crate::app::state::{Pane, State};
use crate::i18n::Lang;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub fn render(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    match &st.overlay {
        None => {}
        Some(Overlay::Help(h)) => help(st, ui, f, area, h),
        Some(Overlay::Palette(p)) => palette(st, ui, f, area, p),
        Some(Overlay::Confirm(c)) => confirm(st, ui, f, area, c),
        Some(Overlay::Picker(pk)) => {
            if let Some(d) = st.loaded() {
                super::picker::draw_picker(f, area, pk, d, st.session.lang, ui.theme);
            }
        }
        Some(Overlay::Form(flow)) => {
            super::form::draw_form(f, area, &flow.form, st.session.lang, ui.theme)
        }
        Some(Overlay::Log(v)) => log(st, ui, f, area, v),
    }
}

/// The audit log, newest first, filtered by the typed text.
fn log(st: &State, ui: &Ui, f: &mut Frame, area: Rect, v: &LogView) {
    let t = st.session.lang.texts();
    let th = ui.theme;
    let bx = centered(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    f.render_widget(Clear, bx);
    let block = frame_box(ui, t.log_title);
    let inner = block.inner(bx);
    f.render_widget(block, bx);
    if inner.height < 3 {
        return;
    }
    let width = inner.width as usize;
    let mut lines = vec![input_line(ui, v.filter.text(), t.log_keys)];
    let body_h = inner.height as usize - 1;
    match &v.records {
        None => lines.push(Line::styled(t.log_loading, th.dim)),
        Some(Err(e)) => lines.push(Line::styled(fit(e, width), th.error)),
        Some(Ok(recs)) => {
            let needle = v.filter.text().trim().to_lowercase();
            let shown: Vec<&crate::audit::AuditRecord> = recs
                .iter()
                .rev()
                .filter(|r| {
                    needle.is_empty() || {
                        let hay = format!(
                            "{} {} {} {} {}",
                            r.seq,
                            r.user,
                            r.action,
                            r.summary,
                            r.entities.join(" ")
                        )
                        .to_lowercase();
                        needle.split_whitespace().all(|w| hay.contains(w))
                    }
                })
                .collect();
            if shown.is_empty() {
                lines.push(Line::styled(t.log_empty, th.dim));
            }
            let top = v.scroll.min(shown.len().saturating_sub(1));
            for r in shown.iter().skip(top).take(body_h) {
                let ts = r.ts.to_string().replace('T', " ").replace('Z', "");
                let who = match &r.ssh_client {
                    Some(ip) => format!("{}@{ip}", r.user),
                    None => r.user.clone(),
                };
                let head = format!("#{:<4} {ts}  {who}  {:<11} ", r.seq, r.action);
                let rest = width.saturating_sub(super::widgets::width(&head));
                lines.push(Line::from(vec![
                    Span::styled(head, th.dim),
                    Span::styled(fit(&r.summary, rest), th.text),
                ]));
            }
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn scope_title(scope: Scope, lang: Lang) -> &'static str {
    let t = lang.texts();
    match scope {
        Scope::Global => t.scope_global,
        Scope::Staff => super::chrome::pane_name(Pane::Staff, lang),
        Scope::Posts => super::chrome::pane_name(Pane::Posts, lang),
        Scope::Training => super::chrome::pane_name(Pane::Training, lang),
        Scope::Rotation => super::chrome::pane_name(Pane::Rotation, lang),
        Scope::Help => t.scope_help,
        Scope::Input => t.scope_input,
        Scope::Confirm => t.scope_confirm,
    }
}

fn frame_box<'a>(ui: &Ui, title: &'a str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(ui.theme.key)
        .title(Span::styled(format!(" {title} "), ui.theme.title))
}

fn input_line<'a>(ui: &Ui, text: &'a str, placeholder: &'a str) -> Line<'a> {
    if text.is_empty() {
        Line::from(vec![
            Span::styled("> ", ui.theme.key),
            Span::styled(placeholder, ui.theme.dim),
        ])
    } else {
        Line::from(vec![
            Span::styled("> ", ui.theme.key),
            Span::raw(text),
            Span::styled("▏", ui.theme.key),
        ])
    }
}

fn help(st: &State, ui: &Ui, f: &mut Frame, area: Rect, h: &HelpState) {
    let lang = st.session.lang;
    let t = lang.texts();
    let boxed = centered(area, 100, area.height.saturating_sub(4));
    f.render_widget(Clear, boxed);
    let block = frame_box(ui, t.help_title);
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    f.render_widget(input_line(ui, h.filter.text(), t.help_filter), input);
    let entries = help_lines(ui.keymap, st.pane.scope(), h.filter.text(), lang.is_ja());
    let mut lines: Vec<Line> = Vec::new();
    let mut last = None;
    for e in entries.iter().skip(h.scroll) {
        if last != Some(e.scope) {
            lines.push(Line::styled(scope_title(e.scope, lang), ui.theme.header));
            last = Some(e.scope);
        }
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<18}", fit(&pretty(&e.keys), 18)), ui.theme.key),
            Span::raw(e.desc.clone()),
            Span::styled(format!("  {}", e.name), ui.theme.dim),
        ]));
        if lines.len() >= list.height as usize {
            break;
        }
    }
    f.render_widget(Paragraph::new(lines), list);
}

fn palette(st: &State, ui: &Ui, f: &mut Frame, area: Rect, p: &PaletteState) {
    let lang = st.session.lang;
    let t = lang.texts();
    let boxed = centered(area, 80, 18);
    f.render_widget(Clear, boxed);
    let block = frame_box(ui, t.palette_title);
    let inner = block.inner(boxed);
    f.render_widget(block, boxed);
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    f.render_widget(input_line(ui, p.input.text(), t.palette_hint), input);
    let height = list.height as usize;
    let start = p.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = p
        .matches
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, e)| {
            let spec = e.action.spec();
            let style = if i == p.selected {
                ui.theme.selected
            } else {
                ui.theme.text
            };
            let keys = e
                .keys
                .iter()
                .map(|k| pretty_key(k))
                .collect::<Vec<_>>()
                .join(" ");
            let name = format!("{:<16}", spec.name);
            let desc = fit(
                spec.desc(lang.is_ja()),
                (list.width as usize).saturating_sub(32),
            );
            Line::from(vec![
                Span::styled(format!(" {name} "), style.patch(ui.theme.title)),
                Span::styled(format!("{desc:<1} "), style),
                Span::styled(
                    format!(" {keys}"),
                    if i == p.selected { style } else { ui.theme.key },
                ),
            ])
        })
        .collect();
    f.render_widget(Paragraph::new(lines), list);
}

fn confirm(st: &State, ui: &Ui, f: &mut Frame, area: Rect, c: &Confirm) {
    let t = st.session.lang.texts();
    // As wide as the question needs (up to 100 columns), as high as its wrapped lines:
    // a change with warnings lists each one.
    let longest = c
        .question
        .lines()
        .map(super::widgets::width)
        .max()
        .unwrap_or(0);
    let w = (longest + 4).clamp(40, 100).min(area.width as usize) as u16;
    let inner_w = w.saturating_sub(2).max(1) as usize;
    let wrapped: usize = c
        .question
        .lines()
        .map(|l| super::widgets::width(l).div_ceil(inner_w).max(1))
        .sum();
    let boxed = centered(area, w, (wrapped as u16 + 3).min(area.height));
    f.render_widget(Clear, boxed);
    let mut text: Vec<Line> = c
        .question
        .lines()
        .map(|l| {
            if l.starts_with('⚠') {
                Line::styled(l.to_string(), ui.theme.warn)
            } else {
                Line::raw(l.to_string())
            }
        })
        .collect();
    text.push(Line::styled(t.confirm_keys, ui.theme.key));
    f.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(frame_box(ui, t.confirm_title)),
        boxed,
    );
}

/// `<Tab>  <S-Tab>` as `Tab  S-Tab`.
fn pretty(keys: &str) -> String {
    keys.split("  ")
        .map(pretty_key)
        .collect::<Vec<_>>()
        .join("  ")
}
