//! The steps of a change in the TUI: pick a person, give a date (or fill a form),
//! see what will change and confirm, write. Every change is planned by
//! `domain::ops::plan`, the same checks as the CLI; errors go back to the form beside
//! their field with what was typed kept; warnings are confirmed; the write itself is
//! an `Effect` for the data worker. Undo plans the reverse of a change made in this
//! run and writes it as a change of its own.

use super::effect::{Effect, InFlight};
use super::form::{FieldKind, Form, FormField};
use super::forms;
use super::overlay::{Confirm, Deferred, Overlay};
use super::picker::{PickFor, StaffPicker};
use super::state::{Loaded, Pane, State};
use crate::audit::AuditDraft;
use crate::domain::ops::{diff, plan, undo, Op, OpError, Planned};
use crate::domain::Dataset;
use crate::domain::{PostId, StaffId, UnitId};
use std::sync::Arc;

/// What a form is for, and what it needs besides its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    /// The start date (and concurrent flag) of an assignment, or a transfer's date.
    AssignDate {
        staff: StaffId,
        post: PostId,
        transfer: bool,
    },
    EndDate {
        staff: StaffId,
        post: PostId,
    },
    ClosePost(PostId),
    EditStaff(StaffId),
    AddStaff,
    EditPost(PostId),
    AddPost,
    EditUnit(UnitId),
    AddUnit,
    /// A training change (complete, fail, move).
    Training(super::training_flows::TrainingForm),
    /// The rotation pane's settings, a scenario's name, an export's file.
    Plan(super::rotation_flows::PlanForm),
}

/// A form on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormFlow {
    pub form: Form,
    pub purpose: FormPurpose,
}

/// A planned change waiting for "yes".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub planned: Planned,
    pub undoes: Option<u64>,
    /// Where "no" goes back to, with everything typed.
    pub back_to: Option<FormFlow>,
}

pub(super) fn data(st: &mut State) -> Option<Arc<Loaded>> {
    let d = st.loaded().cloned();
    if d.is_none() {
        let t = st.session.lang.texts();
        st.error(t.loading);
    }
    d
}

/// Refuses to start a change while the last one is being written.
pub(super) fn idle(st: &mut State) -> bool {
    if st.saving.is_some() {
        let t = st.session.lang.texts();
        st.error(t.saving_wait);
        return false;
    }
    true
}

/// Rows of the picker's list on this screen.
pub(super) fn picker_page(st: &State) -> usize {
    crate::ui::picker::picker_page(st.size.1)
}

/// `a` / `t` on a post: choose the person.
pub fn start_pick(st: &mut State, purpose: PickFor) {
    if !idle(st) {
        return;
    }
    let Some(d) = data(st) else { return };
    let Some(post) = st.posts.selected_post().cloned() else {
        let t = st.session.lang.texts();
        st.error(t.op_select_post);
        return;
    };
    let page = picker_page(st);
    let today = st.session.today;
    st.pending.clear();
    st.overlay = Some(Overlay::Picker(StaffPicker::open(
        &d, &post, purpose, today, page,
    )));
}

/// Enter in the picker: ask for the date.
pub fn picked(st: &mut State) {
    let Some(Overlay::Picker(pk)) = &st.overlay else {
        return;
    };
    if pk.purpose == PickFor::Enroll {
        super::training_flows::picked(st);
        return;
    }
    let Some(staff) = pk.chosen().cloned() else {
        return;
    };
    let Some(post) = pk.post().cloned() else {
        return;
    };
    let transfer = pk.purpose == PickFor::Transfer;
    let lang = st.session.lang;
    let title = lang.assign_title(&person_label(st, &staff), &post_label(st, &post), transfer);
    let mut form = forms::date_form(
        title,
        if transfer { "on" } else { "from" },
        st.session.today,
    );
    if !transfer {
        form.fields.push(FormField::new(
            "concurrent",
            ("Concurrent (併任)", "併任"),
            FieldKind::YesNo,
            super::form::yes_no(false),
        ));
    }
    st.overlay = Some(Overlay::Form(FormFlow {
        form,
        purpose: FormPurpose::AssignDate {
            staff,
            post,
            transfer,
        },
    }));
}

/// `E` on a post: the holder's last day.
pub fn start_end(st: &mut State) {
    if !idle(st) {
        return;
    }
    let Some((staff, post)) = holder(st) else {
        return;
    };
    let title = st
        .session
        .lang
        .end_title(&person_label(st, &staff), &post_label(st, &post));
    st.pending.clear();
    st.overlay = Some(Overlay::Form(FormFlow {
        form: forms::date_form(title, "on", st.session.today),
        purpose: FormPurpose::EndDate { staff, post },
    }));
}

/// `c` on a post: the holder's holding becomes concurrent (併任), or primary again.
pub fn start_concurrent(st: &mut State) {
    if !idle(st) {
        return;
    }
    let Some(d) = data(st) else { return };
    let Some((staff, post, start)) = st
        .posts
        .selected_holder()
        .map(|(s, p, d)| (s.clone(), p.clone(), d))
    else {
        no_holder(st);
        return;
    };
    let now =
        d.ds.assignments
            .values()
            .find(|a| a.staff == staff && a.post == post && a.start == start)
            .is_some_and(|a| a.concurrent);
    let op = Op::SetConcurrent {
        staff,
        post,
        start,
        concurrent: !now,
    };
    propose(st, &d.ds, &op, None, None);
}

/// "E0412 田中 美咲" for titles.
pub(super) fn person_label(st: &State, id: &StaffId) -> String {
    match st.loaded().and_then(|d| d.ds.staff.get(id)) {
        Some(s) => format!("{} {}", s.id, s.name),
        None => id.to_string(),
    }
}

/// "P02 情報セキュリティ係長" for titles.
fn post_label(st: &State, id: &PostId) -> String {
    match st.loaded().and_then(|d| d.ds.posts.get(id)) {
        Some(p) => format!("{} {}", p.id, p.title),
        None => id.to_string(),
    }
}

fn holder(st: &mut State) -> Option<(StaffId, PostId)> {
    match st.posts.selected_holder() {
        Some((s, p, _)) => Some((s.clone(), p.clone())),
        None => {
            no_holder(st);
            None
        }
    }
}

fn no_holder(st: &mut State) {
    let lang = st.session.lang;
    match st.posts.selected_post().cloned() {
        Some(p) => st.error(lang.op_no_holder(p.as_str())),
        None => st.error(lang.texts().op_select_post),
    }
}

/// `e`: edit the person, post or unit under the cursor.
pub fn start_edit(st: &mut State) {
    if !idle(st) {
        return;
    }
    let Some(d) = data(st) else { return };
    let lang = st.session.lang;
    let flow = match st.pane {
        Pane::Staff => {
            let Some(s) = st.staff.selected_hit().and_then(|h| d.ds.staff.get(&h.id)) else {
                st.error(lang.texts().select_person);
                return;
            };
            FormFlow {
                form: forms::staff_form(s, &d.ds, lang),
                purpose: FormPurpose::EditStaff(s.id.clone()),
            }
        }
        Pane::Posts => {
            if let Some(p) = st.posts.selected_post().and_then(|p| d.ds.posts.get(p)) {
                FormFlow {
                    form: forms::post_form(p, lang),
                    purpose: FormPurpose::EditPost(p.id.clone()),
                }
            } else if let Some(u) = st.posts.selected_unit().and_then(|u| d.ds.units.get(&u.id)) {
                FormFlow {
                    form: forms::unit_form(u, lang),
                    purpose: FormPurpose::EditUnit(u.id.clone()),
                }
            } else {
                return;
            }
        }
        _ => {
            st.error(lang.texts().nothing_to_edit);
            return;
        }
    };
    st.pending.clear();
    st.overlay = Some(Overlay::Form(flow));
}

/// A new hire, post or unit (from the palette or its key).
pub fn start_add(st: &mut State, what: FormPurpose) {
    if !idle(st) {
        return;
    }
    let lang = st.session.lang;
    let unit = st.posts.selected_unit().map(|u| u.id.clone()).or_else(|| {
        let item = st.posts.selected_item()?;
        st.posts.units.get(item.unit).map(|u| u.id.clone())
    });
    let form = match what {
        FormPurpose::AddStaff => forms::new_staff_form(st.session.today, lang),
        FormPurpose::AddPost => forms::new_post_form(unit.as_ref(), lang),
        FormPurpose::AddUnit => forms::new_unit_form(unit.as_ref(), lang),
        _ => return,
    };
    st.pending.clear();
    st.overlay = Some(Overlay::Form(FormFlow {
        form,
        purpose: what,
    }));
}

/// Close the post under the cursor from a date.
pub fn start_close(st: &mut State) {
    if !idle(st) {
        return;
    }
    let Some(post) = st.posts.selected_post().cloned() else {
        let t = st.session.lang.texts();
        st.error(t.op_select_post);
        return;
    };
    let title = st.session.lang.close_title(&post_label(st, &post));
    st.pending.clear();
    st.overlay = Some(Overlay::Form(FormFlow {
        form: forms::date_form(title, "on", st.session.today),
        purpose: FormPurpose::ClosePost(post),
    }));
}

/// Enter in a form: read it, plan the change, and confirm it or show the errors.
pub fn submit_form(st: &mut State) {
    let Some(Overlay::Form(flow)) = st.overlay.take() else {
        return;
    };
    if let FormPurpose::Plan(what) = &flow.purpose {
        let what = what.clone();
        return super::rotation_flows::submit(st, flow, what);
    }
    let Some(d) = st.loaded().cloned() else {
        st.overlay = Some(Overlay::Form(flow));
        return;
    };
    let mut flow = flow;
    let today = st.session.today;
    let planned = match &flow.purpose {
        FormPurpose::Training(t) => super::training_flows::plan_form(t, &flow.form, &d.ds, today),
        _ => op_of(&flow, &d.ds).and_then(|op| plan(&d.ds, &op)),
    };
    flow.form.clear_errors();
    propose_planned(st, planned, Some(flow), None);
}

/// The op a filled form asks for.
fn op_of(flow: &FormFlow, ds: &Dataset) -> Result<Op, Vec<OpError>> {
    let f = &flow.form;
    Ok(match &flow.purpose {
        FormPurpose::AssignDate {
            staff,
            post,
            transfer,
        } => {
            let date = forms::date_from_form(f)?;
            if *transfer {
                Op::Transfer {
                    staff: staff.clone(),
                    post: post.clone(),
                    on: date,
                }
            } else {
                Op::Assign {
                    staff: staff.clone(),
                    post: post.clone(),
                    from: date,
                    concurrent: f.field("concurrent").is_some_and(|x| x.is_yes()),
                }
            }
        }
        FormPurpose::EndDate { staff, post } => Op::End {
            staff: staff.clone(),
            post: post.clone(),
            on: forms::date_from_form(f)?,
        },
        FormPurpose::ClosePost(post) => Op::ClosePost {
            post: post.clone(),
            on: forms::date_from_form(f)?,
        },
        FormPurpose::EditStaff(id) => {
            let base = ds.staff.get(id);
            Op::PutStaff {
                staff: Box::new(forms::staff_from_form(f, base, ds)?),
                new: false,
            }
        }
        FormPurpose::AddStaff => Op::PutStaff {
            staff: Box::new(forms::staff_from_form(f, None, ds)?),
            new: true,
        },
        FormPurpose::EditPost(id) => Op::PutPost {
            post: Box::new(forms::post_from_form(f, ds.posts.get(id))?),
            new: false,
        },
        FormPurpose::AddPost => Op::PutPost {
            post: Box::new(forms::post_from_form(f, None)?),
            new: true,
        },
        FormPurpose::EditUnit(id) => Op::PutUnit {
            unit: Box::new(forms::unit_from_form(f, ds.units.get(id))?),
            new: false,
        },
        FormPurpose::AddUnit => Op::PutUnit {
            unit: Box::new(forms::unit_from_form(f, None)?),
            new: true,
        },
        // Planned by training_flows::plan_form, or not changes to records
        // (rotation_flows::submit); submit_form sends them there.
        FormPurpose::Training(_) | FormPurpose::Plan(_) => {
            return Err(vec![OpError {
                field: "id",
                message: "not an assignment or record form".into(),
            }])
        }
    })
}

/// Plans `op`; on success asks to confirm (with its warnings), otherwise shows why
/// (beside the form's fields when there is a form).
fn propose(st: &mut State, ds: &Dataset, op: &Op, back_to: Option<FormFlow>, undoes: Option<u64>) {
    propose_planned(st, plan(ds, op), back_to, undoes);
}

/// Asks to confirm a planned change, or shows why it cannot be done (beside the
/// form's fields when there is a form).
pub(super) fn propose_planned(
    st: &mut State,
    planned: Result<Planned, Vec<OpError>>,
    back_to: Option<FormFlow>,
    undoes: Option<u64>,
) {
    match planned {
        Ok(planned) => ask_commit(
            st,
            Prepared {
                planned,
                undoes,
                back_to,
            },
        ),
        Err(errors) => match back_to {
            Some(mut flow) => {
                flow.form.set_errors(&errors);
                st.overlay = Some(Overlay::Form(flow));
            }
            None => {
                let text: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
                st.overlay = None;
                st.error(text.join("; "));
            }
        },
    }
}

pub(super) fn ask_commit(st: &mut State, p: Prepared) {
    let lang = st.session.lang;
    let mut question = format!("{}?", p.planned.summary);
    for w in &p.planned.warnings {
        question.push_str(&format!("\n⚠ {w}"));
    }
    if !p.planned.warnings.is_empty() {
        question.push_str(&format!("\n{}", lang.texts().confirm_warnings));
    }
    st.pending.clear();
    st.overlay = Some(Overlay::Confirm(Confirm {
        question,
        then: Deferred::Commit(Box::new(p)),
    }));
}

/// "Yes": hand the change to the data worker.
pub fn commit(st: &mut State, p: Prepared) {
    let Some(d) = st.loaded().cloned() else {
        return;
    };
    let diffs = diff(&d.ds, &p.planned.changes);
    let draft = AuditDraft {
        entities: p.planned.entities.clone(),
        undoes: p.undoes,
        ..AuditDraft::of_changes(
            p.planned.action,
            &p.planned.summary,
            &d.ds,
            &p.planned.changes,
        )
    };
    st.effects.push(Effect::Commit {
        changes: p.planned.changes,
        draft,
    });
    st.saving = Some(InFlight {
        summary: p.planned.summary,
        diffs,
        undoes: p.undoes,
    });
    let t = st.session.lang.texts();
    st.say(t.saving);
}

/// "No": back to the form, if the change came from one.
pub fn declined(st: &mut State, p: Prepared) {
    st.overlay = p.back_to.map(Overlay::Form);
}

/// `u`: undo the last change made in this run, after confirmation.
pub fn start_undo(st: &mut State) {
    if !idle(st) {
        return;
    }
    let lang = st.session.lang;
    let Some(last) = st.made.last().cloned() else {
        st.error(lang.texts().nothing_to_undo);
        return;
    };
    let Some(d) = data(st) else { return };
    match undo(&d.ds, &last.diffs) {
        Ok(changes) => {
            let planned = Planned {
                action: "undo",
                summary: lang.undo_summary(last.seq, &last.summary),
                entities: undo_entities(&last),
                changes,
                warnings: Vec::new(),
            };
            ask_commit(
                st,
                Prepared {
                    planned,
                    undoes: Some(last.seq),
                    back_to: None,
                },
            );
        }
        Err(why) => st.error(why),
    }
}

fn undo_entities(m: &super::effect::MadeChange) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for d in &m.diffs {
        for id in crate::audit::entities_of(&crate::domain::ChangeSet {
            changes: d
                .after
                .iter()
                .chain(d.before.iter())
                .map(|r| crate::domain::Change::Put(r.clone()))
                .collect(),
        }) {
            if !v.contains(&id) {
                v.push(id);
            }
        }
    }
    v
}

/// The audit log view: open it and ask the worker for the records.
pub fn open_log(st: &mut State) {
    st.pending.clear();
    st.overlay = Some(Overlay::Log(super::effect::LogView::default()));
    st.effects.push(Effect::ReadLog);
}

/// The worker wrote the change: show the new data and remember it for undo.
pub fn committed(st: &mut State, record: crate::audit::AuditRecord, data: Arc<Loaded>) {
    let lang = st.session.lang;
    if let Some(inflight) = st.saving.take() {
        match inflight.undoes {
            Some(seq) => st.made.retain(|m| m.seq != seq),
            None => st.made.push(super::effect::MadeChange {
                seq: record.seq,
                summary: inflight.summary,
                diffs: inflight.diffs,
            }),
        }
    }
    st.install(data);
    st.rotation.data_changed();
    if record.action == "plan-accept" {
        st.rotation.accepted = Some(record.seq);
    } else if record.undoes.is_some() && record.undoes == st.rotation.accepted {
        st.rotation.accepted = None;
    }
    st.say(match record.undoes {
        Some(_) => lang.undone(record.seq, &record.summary),
        None => lang.saved(record.seq, &record.summary),
    });
}

/// The change is on disk; the panes still show the records before it until the
/// worker's rebuild arrives (`committed`), and no other change starts meanwhile.
pub fn saved(st: &mut State, record: &crate::audit::AuditRecord) {
    let lang = st.session.lang;
    st.say(lang.saved_refreshing(record.seq, &record.summary));
}

/// The worker could not write: nothing changed.
pub fn commit_failed(st: &mut State, why: String) {
    st.saving = None;
    let lang = st.session.lang;
    st.error(lang.not_saved(&why));
}
