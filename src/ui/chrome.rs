//! The frame around the panes: the tab bar with the database, user and mode, the key
//! hints and messages at the bottom.

use super::widgets::fit;
use super::Ui;
use crate::app::action::{Action, Scope};
use crate::app::state::{Pane, State};
use crate::i18n::Lang;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub fn pane_name(pane: Pane, lang: Lang) -> &'static str {
    let t = lang.texts();
    match pane {
        Pane::Staff => t.tab_staff,
        Pane::Posts => t.tab_posts,
        Pane::Training => t.tab_training,
        Pane::Rotation => t.tab_rotation,
    }
}

/// ` jinzai  [1 Staff] 2 Posts …        db: ~/… user: sato RW`
pub fn header(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let mut spans = vec![Span::styled(" jinzai ", th.title), Span::raw(" ")];
    for (i, p) in Pane::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, pane_name(*p, st.session.lang));
        spans.push(Span::styled(
            label,
            if *p == st.pane { th.tab_active } else { th.tab },
        ));
    }
    let t = st.session.lang.texts();
    let mode = if st.session.read_only {
        t.read_only
    } else {
        t.read_write
    };
    let right = format!("db: {}  user: {}  ", st.session.db_label, st.session.user);
    let left_w: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = (area.width as usize).saturating_sub(left_w + mode.width() + 2);
    spans.push(Span::raw(
        " ".repeat(room.saturating_sub(right.width().min(room))),
    ));
    spans.push(Span::styled(fit(&right, room), th.dim));
    spans.push(Span::styled(
        format!("{mode} "),
        if st.session.read_only {
            th.badge
        } else {
            th.dim
        },
    ));
    f.render_widget(Line::from(spans), area);
}

/// Key hints for what has focus, or the latest message; a pending key prefix.
pub fn footer(st: &State, ui: &Ui, f: &mut Frame, area: Rect) {
    let th = ui.theme;
    let t = st.session.lang.texts();
    let mut spans = vec![Span::raw(" ")];
    if let Some(s) = &st.status {
        spans.push(Span::styled(
            s.text.clone(),
            if s.error { th.error } else { th.ok },
        ));
    } else if !st.pending.is_empty() {
        spans.push(Span::styled(
            format!("{}: {} …", t.keys_pending, st.pending.display()),
            th.key,
        ));
    } else {
        let scope = st.focus();
        let hints: Vec<(Action, String, String)> = hint_actions(scope)
            .iter()
            .filter_map(|a| {
                let key = ui.keymap.keys_for(*a, scope).into_iter().next()?;
                let label = format!(
                    " {}  ",
                    crate::i18n::hints::hint_label(a.name(), scope.name(), st.session.lang)
                );
                Some((*a, pretty_key(&key), label))
            })
            .collect();
        // When they do not all fit, the last ones give way, but help stays.
        let w = |h: &(Action, String, String)| h.1.width() + h.2.width();
        let room = (area.width as usize).saturating_sub(1);
        let all: usize = hints.iter().map(w).sum();
        let pinned: usize = hints.iter().filter(|h| h.0 == Action::Help).map(w).sum();
        let mut used = 0;
        for h in &hints {
            let keep = all <= room || h.0 == Action::Help || used + w(h) + pinned <= room;
            if !keep {
                continue;
            }
            used += w(h);
            spans.push(Span::styled(h.1.clone(), th.key));
            spans.push(Span::raw(h.2.clone()));
        }
    }
    if st.privacy && st.status.is_none() {
        let w: usize = spans.iter().map(|s| s.content.width()).sum();
        let label = format!("● {}", t.privacy_on);
        let room = (area.width as usize).saturating_sub(w + 1);
        spans.push(Span::raw(" ".repeat(room.saturating_sub(label.width()))));
        spans.push(Span::styled(fit(&label, room), th.badge));
    }
    f.render_widget(Line::from(spans), area);
}

fn hint_actions(scope: Scope) -> &'static [Action] {
    use Action as A;
    match scope {
        Scope::Staff => &[
            A::Open,
            A::Filter,
            A::CycleSort,
            A::ToggleDetail,
            A::TogglePrivacy,
            A::Help,
            A::Palette,
            A::Quit,
        ],
        Scope::Posts => &[
            A::Open,
            A::Filter,
            A::ProblemsOnly,
            A::Assign,
            A::EndAssignment,
            A::Transfer,
            A::Concurrent,
            A::Undo,
            A::AuditLog,
            A::Help,
            A::Quit,
        ],
        Scope::Training => &[
            A::Open,
            A::Filter,
            A::GapView,
            A::Enroll,
            A::Complete,
            A::BulkEnroll,
            A::Undo,
            A::TrainingSort,
            A::ToggleDetail,
            A::AuditLog,
            A::Help,
            A::Quit,
        ],
        Scope::Rotation => &[
            A::PlanRun,
            A::Open,
            A::PlanNextView,
            A::PlanPin,
            A::PlanExclude,
            A::PlanSwap,
            A::PlanSettings,
            A::PlanScenarios,
            A::PlanAccept,
            A::PlanExport,
            A::Undo,
            A::Help,
            A::Quit,
        ],
        Scope::Input => &[A::Submit, A::Back, A::MoveDown, A::MoveUp],
        Scope::Help => &[A::Back, A::MoveDown, A::MoveUp],
        Scope::Confirm => &[A::ConfirmYes, A::ConfirmNo],
        _ => &[A::NextPane, A::Help, A::Palette, A::Quit],
    }
}

/// A key as the hint line shows it: `Enter`, `C-d`, `g g` (no angle brackets).
pub fn pretty_key(key: &str) -> String {
    key.split(' ')
        .map(|k| {
            if k.len() > 2 && k.starts_with('<') && k.ends_with('>') {
                &k[1..k.len() - 1]
            } else {
                k
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
