//! `update`: the only place the state changes. Keys become actions through the
//! keymap; actions and worker messages change the state. No drawing, no IO.

use super::action::{Action, Scope};
use super::flows;
use super::form::{FormEvent, FormKey};
use super::overlay::{
    help_lines, palette_matches, Confirm, Deferred, HelpState, Overlay, PaletteState,
};
use super::picker::PickFor;
use super::posts::page_rows as post_rows;
use super::rotation_flows::page_rows as rotation_rows;
use super::staff::page_rows;
use super::state::{Data, Loaded, Pane, State};
use super::training::page_rows as training_rows;
use crate::audit::AuditRecord;
use crate::keymap::{Code, Key, Keymap, Resolved};
use std::sync::Arc;

mod panes;

/// Something that happened: a key, a resize, or a worker's result.
pub enum Msg {
    Key(Key),
    Resize(u16, u16),
    Loaded(Arc<Loaded>),
    /// The posts tree and training lists of the loaded data are worked out.
    ModelsReady,
    LoadFailed(String),
    /// The data worker wrote a change; the panes' data follows as `Committed`.
    Saved(Box<AuditRecord>),
    /// The data worker wrote a change; `data` is the records with it applied.
    Committed {
        record: Box<AuditRecord>,
        data: Arc<Loaded>,
    },
    /// The data worker could not write a change; nothing changed.
    CommitFailed(String),
    /// The audit log, for the log view.
    LogLoaded(Result<Vec<AuditRecord>, String>),
    /// A rotation plan was worked out (or could not be).
    PlanDone {
        id: u64,
        result: Result<Arc<super::rotation::Outcome>, String>,
    },
    /// The scenarios were worked out for comparison.
    Compared {
        id: u64,
        result: Vec<super::rotation::Compared>,
    },
    /// The saved scenarios, read at start.
    ScenariosLoaded(Result<Vec<crate::plan::scenario::Scenario>, String>),
    /// The scenarios file was written, or why not.
    ScenariosSaved(Result<(), String>),
    /// The plan's CSV was written (the file and its rows), or why not.
    Exported(Result<(String, usize), String>),
    /// Something went wrong that did not stop anything (the daily backup
    /// failed): said in the status line.
    Warning(String),
}

/// Applies one message.
pub fn on_msg(st: &mut State, km: &Keymap, msg: Msg) {
    match msg {
        Msg::Key(k) => handle_key(st, km, k),
        Msg::Resize(w, h) => {
            st.size = (w, h);
            st.staff.fit(page_rows(h));
            st.fill_staff();
            st.posts.fit(post_rows(h));
            st.training.fit(training_rows(h));
            st.rotation.clamp(rotation_rows(h));
        }
        Msg::Loaded(data) => st.install(data),
        Msg::ModelsReady => st.install_models(),
        Msg::Saved(record) => flows::saved(st, &record),
        Msg::Committed { record, data } => flows::committed(st, *record, data),
        Msg::CommitFailed(why) => flows::commit_failed(st, why),
        Msg::LogLoaded(records) => {
            if let Some(Overlay::Log(v)) = &mut st.overlay {
                v.records = Some(records);
            }
        }
        Msg::Warning(text) => st.error(text),
        Msg::LoadFailed(e) => {
            st.error(e.clone());
            st.data = Data::Failed(e);
        }
        Msg::PlanDone { id, result } => {
            let page = rotation_rows(st.size.1);
            let failed = result.as_ref().err().cloned();
            if st.rotation.finished(id, result, page) {
                match failed {
                    Some(e) => st.error(e),
                    None => {
                        if let Some(o) = st.rotation.outcome.clone() {
                            // A swap that could not be made is not kept for the next run.
                            let made: Vec<_> = o
                                .swapped
                                .iter()
                                .map(|s| (s.a.clone(), s.b.clone()))
                                .collect();
                            st.rotation.inputs.swaps.retain(|s| made.contains(s));
                            let r = st.session.lang.rotation();
                            for e in o.plan.errors.iter().chain(&o.swap_errors) {
                                st.error(format!("{}: {e}", r.not_honoured));
                            }
                        }
                    }
                }
            }
        }
        Msg::Compared { id, result } => {
            let page = rotation_rows(st.size.1);
            st.rotation.compared(id, result, page);
        }
        Msg::ScenariosLoaded(r) => match r {
            Ok(v) => st.rotation.scenarios = v,
            Err(e) => st.rotation.scenarios_error = Some(e),
        },
        Msg::ScenariosSaved(Ok(())) => {}
        Msg::ScenariosSaved(Err(e)) => st.error(e),
        Msg::Exported(Ok((path, rows))) => {
            let r = st.session.lang.rotation();
            st.say(r.exported(&path, rows));
        }
        Msg::Exported(Err(e)) => st.error(e),
    }
}

/// Turns a key into an action (or text) for whatever has focus.
pub fn handle_key(st: &mut State, km: &Keymap, key: Key) {
    st.status = None;
    if let Some(Overlay::Form(flow)) = &mut st.overlay {
        // A form reads its keys itself (Tab moves, Enter saves, Esc cancels), so that
        // no binding can take a key typed into a field. Ctrl-C still quits.
        if key.ctrl && key.code == Code::Char('c') {
            st.quit = true;
            return;
        }
        if let Some(k) = FormKey::from_key(key) {
            match flow.form.edit(k) {
                FormEvent::Submit => flows::submit_form(st),
                FormEvent::Cancel => st.overlay = None,
                _ => {}
            }
        }
        return;
    }
    let scope = st.focus();
    match km.feed(&mut st.pending, scope, key) {
        Resolved::Action(a) => update(st, km, a),
        Resolved::Pending(_) | Resolved::Cancelled => {}
        Resolved::Unbound => type_key(st, km, scope, key),
    }
}

/// A key with no binding: text for an input, otherwise a short notice.
fn type_key(st: &mut State, km: &Keymap, scope: Scope, key: Key) {
    let ja = st.session.lang.is_ja();
    match scope {
        Scope::Input | Scope::Help => {
            let changed = {
                let Some(input) = input_of(st) else { return };
                match (key.typed_char(), key.code) {
                    (Some(c), _) => {
                        input.insert(c);
                        true
                    }
                    (None, Code::Backspace) => input.backspace(),
                    (None, Code::Delete) => input.delete(),
                    (None, Code::Char('w')) if key.ctrl => input.delete_word(),
                    (None, Code::Left) => {
                        input.left();
                        false
                    }
                    (None, Code::Right) => {
                        input.right();
                        false
                    }
                    (None, Code::Home) => {
                        input.home();
                        false
                    }
                    (None, Code::End) => {
                        input.end();
                        false
                    }
                    _ => false,
                }
            };
            if changed {
                text_changed(st, km, ja);
            }
        }
        Scope::Confirm => {}
        _ => {
            let t = st.session.lang.texts();
            st.say(format!("{}: {key}", t.unbound_key));
        }
    }
}

/// The text input that has focus.
fn input_of(st: &mut State) -> Option<&mut super::text_input::TextInput> {
    match &mut st.overlay {
        Some(Overlay::Help(h)) => Some(&mut h.filter),
        Some(Overlay::Palette(p)) => Some(&mut p.input),
        Some(Overlay::Confirm(_)) | Some(Overlay::Form(_)) => None,
        Some(Overlay::Picker(pk)) => Some(&mut pk.query),
        Some(Overlay::Log(v)) => Some(&mut v.filter),
        None if st.pane == Pane::Staff && st.staff.editing => Some(&mut st.staff.query),
        None if st.pane == Pane::Posts && st.posts.editing => Some(&mut st.posts.filter),
        None if st.pane == Pane::Training && st.training.editing => Some(&mut st.training.filter),
        None => None,
    }
}

fn text_changed(st: &mut State, km: &Keymap, ja: bool) {
    let pane = st.pane.scope();
    match &mut st.overlay {
        Some(Overlay::Help(h)) => h.scroll = 0,
        Some(Overlay::Palette(p)) => {
            p.matches = palette_matches(km, pane, p.input.text(), ja);
            p.selected = 0;
        }
        Some(Overlay::Confirm(_)) | Some(Overlay::Form(_)) => {}
        Some(Overlay::Log(v)) => v.scroll = 0,
        Some(Overlay::Picker(pk)) => {
            if let Data::Ready(d) = &st.data {
                let page = crate::ui::picker::picker_page(st.size.1);
                pk.refresh(d, page);
            }
        }
        None if st.pane == Pane::Posts => {
            st.posts.filter_changed(post_rows(st.size.1));
            st.sync_post_detail();
        }
        None if st.pane == Pane::Training => st.training.filter_changed(training_rows(st.size.1)),
        None => st.refresh_staff(),
    }
}

/// Runs one action.
pub fn update(st: &mut State, km: &Keymap, action: Action) {
    if !km.allows(action) {
        let t = st.session.lang.texts();
        st.error(format!("{}: {}", action.name(), t.not_in_read_only));
        return;
    }
    let page = page_rows(st.size.1);
    let ja = st.session.lang.is_ja();
    // Overlays take their actions first.
    if let Some(ov) = &mut st.overlay {
        match ov {
            Overlay::Help(h) => {
                match action {
                    Action::Back | Action::Help => st.overlay = None,
                    Action::MoveDown => h.scroll += 1,
                    Action::MoveUp => h.scroll = h.scroll.saturating_sub(1),
                    Action::PageDown => h.scroll += page,
                    Action::PageUp => h.scroll = h.scroll.saturating_sub(page),
                    Action::Top => h.scroll = 0,
                    Action::Bottom => h.scroll = usize::MAX / 2,
                    _ => {}
                }
                if let Some(Overlay::Help(h)) = &mut st.overlay {
                    let n = help_lines(km, st.pane.scope(), h.filter.text(), ja).len();
                    h.scroll = h.scroll.min(n.saturating_sub(1));
                }
                return;
            }
            Overlay::Palette(p) => {
                let n = p.matches.len();
                match action {
                    Action::Back | Action::Palette => st.overlay = None,
                    Action::MoveDown => p.selected = (p.selected + 1).min(n.saturating_sub(1)),
                    Action::MoveUp => p.selected = p.selected.saturating_sub(1),
                    Action::PageDown => p.selected = (p.selected + page).min(n.saturating_sub(1)),
                    Action::PageUp => p.selected = p.selected.saturating_sub(page),
                    Action::Top => p.selected = 0,
                    Action::Bottom => p.selected = n.saturating_sub(1),
                    Action::Submit => {
                        let chosen = p.matches.get(p.selected).map(|e| e.action);
                        st.overlay = None;
                        if let Some(a) = chosen {
                            update(st, km, a);
                        }
                    }
                    _ => {}
                }
                return;
            }
            Overlay::Confirm(c) => {
                let then = c.then.clone();
                match action {
                    Action::ConfirmYes => {
                        st.overlay = None;
                        run_deferred(st, then);
                    }
                    Action::ConfirmNo | Action::Back => match then {
                        Deferred::Commit(p) => flows::declined(st, *p),
                        _ => st.overlay = None,
                    },
                    _ => {}
                }
                return;
            }
            Overlay::Picker(pk) => {
                let page = crate::ui::picker::picker_page(st.size.1);
                let Data::Ready(d) = &st.data else {
                    st.overlay = None;
                    return;
                };
                match action {
                    Action::MoveDown => pk.move_by(1, d, page),
                    Action::MoveUp => pk.move_by(-1, d, page),
                    Action::PageDown => pk.move_by(page as isize, d, page),
                    Action::PageUp => pk.move_by(-(page as isize), d, page),
                    Action::Submit | Action::Open => flows::picked(st),
                    Action::ToggleMark => pk.toggle_mark(d, page),
                    Action::Back => st.overlay = None,
                    _ => {}
                }
                return;
            }
            Overlay::Log(v) => {
                match action {
                    Action::Back | Action::AuditLog | Action::Help => st.overlay = None,
                    Action::MoveDown => v.scroll += 1,
                    Action::MoveUp => v.scroll = v.scroll.saturating_sub(1),
                    Action::PageDown => v.scroll += page,
                    Action::PageUp => v.scroll = v.scroll.saturating_sub(page),
                    Action::Top => v.scroll = 0,
                    Action::Bottom => v.scroll = usize::MAX / 2,
                    _ => {}
                }
                return;
            }
            // Forms take raw keys in handle_key; an action here comes from nowhere.
            Overlay::Form(_) => return,
        }
    }
    match action {
        Action::Quit => st.quit = true,
        Action::Help => {
            st.pending.clear();
            st.overlay = Some(Overlay::Help(HelpState::default()));
        }
        Action::Palette => {
            st.pending.clear();
            let matches = palette_matches(km, st.pane.scope(), "", ja);
            st.overlay = Some(Overlay::Palette(PaletteState {
                matches,
                ..PaletteState::default()
            }));
        }
        Action::PaneStaff => switch(st, Pane::Staff),
        Action::PanePosts => switch(st, Pane::Posts),
        Action::PaneTraining => switch(st, Pane::Training),
        Action::PaneRotation => switch(st, Pane::Rotation),
        Action::NextPane => switch(st, st.pane.next()),
        Action::PrevPane => switch(st, st.pane.prev()),
        Action::TogglePrivacy => {
            st.privacy = !st.privacy;
            let t = st.session.lang.texts();
            if st.privacy {
                st.say(t.privacy_on);
            }
        }
        Action::ConfirmYes | Action::ConfirmNo => {}
        Action::Edit => flows::start_edit(st),
        Action::Undo => flows::start_undo(st),
        Action::AuditLog => flows::open_log(st),
        Action::AddStaff => flows::start_add(st, flows::FormPurpose::AddStaff),
        _ if st.pane == Pane::Staff => panes::staff_action(st, action, page),
        _ if st.pane == Pane::Posts => panes::posts_action(st, action),
        _ if st.pane == Pane::Training => panes::training_action(st, action),
        _ if st.pane == Pane::Rotation => panes::rotation_action(st, action),
        _ => {}
    }
}

fn switch(st: &mut State, pane: Pane) {
    st.pending.clear();
    st.pane = pane;
}

fn run_deferred(st: &mut State, then: Deferred) {
    match then {
        Deferred::Quit => st.quit = true,
        Deferred::Commit(p) => flows::commit(st, *p),
    }
}

/// Asks before doing `then`.
pub fn ask(st: &mut State, question: impl Into<String>, then: Deferred) {
    st.pending.clear();
    st.overlay = Some(Overlay::Confirm(Confirm {
        question: question.into(),
        then,
    }));
}
