//! The rotation pane's commands: run the plan (off the UI thread), pin, exclude and
//! swap then run again, change the date, term and weights, save and compare named
//! scenarios, export to CSV, enroll the people an unfilled post lacks a course for,
//! and accept the plan as one change that `u` undoes.

use super::effect::Effect;
use super::flows::{self, FormFlow, FormPurpose, Prepared};
use super::form::{FieldKind, Form, FormField};
use super::overlay::{Confirm, Deferred, Overlay};
use super::rotation::{ConfigSource, View};
use super::state::State;
use crate::domain::date::{iso, parse_date};
use crate::domain::ops::{OpError, Planned};
use crate::domain::{PostId, StaffId};
use crate::i18n::rotation as rt;
use crate::plan::scenario;
use std::path::PathBuf;

/// What a rotation form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanForm {
    /// The date, standard term and settings file.
    Settings,
    /// The name to save the plan's inputs under.
    SaveScenario,
    /// The file to write the plan to.
    Export,
}

/// Rows of the pane's list on this screen.
pub fn page_rows(height: u16) -> usize {
    // Header, three summary lines, the block's borders, the column titles, footer.
    (height as usize).saturating_sub(8).max(1)
}

fn page(st: &State) -> usize {
    page_rows(st.size.1)
}

/// `r`: plan with the current inputs.
pub fn run(st: &mut State) {
    let Some(d) = flows::data(st) else { return };
    let _ = d;
    let id = st.rotation.start_run(false);
    let progress = (st.rotation.running.as_ref())
        .map_or_else(Default::default, |r| std::sync::Arc::clone(&r.progress));
    st.effects.push(Effect::RunPlan {
        id,
        inputs: Box::new(st.rotation.inputs.clone()),
        today: st.session.today,
        progress,
    });
}

/// Changes the inputs, then runs again.
fn rerun(st: &mut State, say: String) {
    st.rotation.scenario = None;
    run(st);
    st.say(say);
}

/// `P`: pin the selected person to the post proposed (or kept) for them, or take the
/// pin away.
pub fn toggle_pin(st: &mut State) {
    let r = st.session.lang.rotation();
    let p = &st.rotation;
    let (Some(staff), Some(post)) = (p.selected_staff(), p.selected_post()) else {
        return st.error(r.select_proposal);
    };
    let (staff, post) = (staff.to_string(), post.to_string());
    let (Ok(sid), Ok(pid)) = (StaffId::parse(&staff), PostId::parse(&post)) else {
        return;
    };
    let inputs = &mut st.rotation.inputs;
    if inputs.is_pinned(&staff) {
        inputs.pins.retain(|(s, _)| s.as_str() != staff);
        rerun(st, r.unpinned(&staff));
    } else {
        inputs.pins.push((sid, pid));
        rerun(st, r.pinned(&staff, &post));
    }
}

/// `x` (a person) or `X` (a post): leave it out of the plan, or bring it back.
pub fn toggle_exclude(st: &mut State, post: bool) {
    let r = st.session.lang.rotation();
    let p = &st.rotation;
    let id = if post {
        p.selected_post()
    } else {
        p.selected_staff()
    };
    let Some(id) = id.map(str::to_string) else {
        return st.error(if post { r.select_post } else { r.select_person });
    };
    let inputs = &mut st.rotation.inputs;
    if inputs.is_excluded(&id) {
        inputs.excludes.retain(|x| *x != id);
        rerun(st, r.included(&id));
    } else {
        inputs.excludes.push(id.clone());
        // A pin of an excluded person or to an excluded post would be refused.
        inputs
            .pins
            .retain(|(s, p)| s.as_str() != id && p.as_str() != id);
        rerun(st, r.excluded(&id));
    }
}

/// `w`: mark a proposal, then swap it with the next one marked.
pub fn swap(st: &mut State) {
    let r = st.session.lang.rotation();
    let Some(staff) = st
        .rotation
        .selected_proposal()
        .map(|p| p.staff.clone())
        .and_then(|s| StaffId::parse(&s).ok())
    else {
        return st.error(r.select_proposal);
    };
    match st.rotation.swap_mark.take() {
        None => {
            st.say(r.swap_marked(staff.as_str()));
            st.rotation.swap_mark = Some(staff);
        }
        Some(first) if first == staff => st.say(r.swap_cancelled),
        Some(first) => {
            let msg = r.swapping(first.as_str(), staff.as_str());
            st.rotation.inputs.swaps.push((first, staff));
            rerun(st, msg);
        }
    }
}

/// `D`: take away the selected scenario, or the selected pin, exclusion or swap in
/// the settings view.
pub fn remove(st: &mut State) {
    let r = st.session.lang.rotation();
    match st.rotation.view {
        View::Scenarios => {
            let Some(name) = st.rotation.selected_scenario().map(|s| s.name.clone()) else {
                return st.error(r.no_scenarios);
            };
            let mut list = st.rotation.scenarios.clone();
            list.retain(|s| s.name != name);
            st.rotation.marked.remove(&name);
            st.effects.push(Effect::SaveScenarios(list.clone()));
            st.rotation.scenarios = list;
            let pg = page(st);
            st.rotation.clamp(pg);
            st.say(r.scenario_deleted(&name));
        }
        View::Weights => {
            let at = st.rotation.selected();
            let inputs = &mut st.rotation.inputs;
            let first = super::rotation::SETTINGS_FIXED_ROWS;
            let (np, ne) = (inputs.pins.len(), inputs.excludes.len());
            let Some(i) = at.checked_sub(first) else {
                return st.error(r.select_input);
            };
            if i < np {
                inputs.pins.remove(i);
            } else if i < np + ne {
                inputs.excludes.remove(i - np);
            } else if i < np + ne + inputs.swaps.len() {
                inputs.swaps.remove(i - np - ne);
            } else {
                return st.error(r.select_input);
            }
            rerun(st, r.input_removed.to_string());
        }
        _ => st.error(r.select_input),
    }
}

/// `s`: the date, the standard term and the settings file.
pub fn start_settings(st: &mut State) {
    let r = st.session.lang.rotation();
    let inputs = &st.rotation.inputs;
    let date = inputs.as_of.map(iso).unwrap_or_default();
    let term = inputs
        .term_months
        .map(|t| t.to_string())
        .unwrap_or_default();
    let file = match &inputs.config {
        ConfigSource::File(p) => p.display().to_string(),
        _ => String::new(),
    };
    let form = Form::new(
        r.settings_title,
        vec![
            FormField::new("as_of", rt::F_AS_OF, FieldKind::Date, &date).hint(rt::H_AS_OF),
            FormField::new("term", rt::F_TERM, FieldKind::Number, &term).hint(rt::H_TERM),
            FormField::new("config", rt::F_CONFIG, FieldKind::Text, &file).hint(rt::H_CONFIG),
        ],
    );
    open_form(st, form, PlanForm::Settings);
}

/// `S`: save the plan's inputs under a name.
pub fn start_save(st: &mut State) {
    let r = st.session.lang.rotation();
    if st.rotation.outcome.is_none() {
        return st.error(r.run_first);
    }
    let name = st.rotation.scenario.clone().unwrap_or_else(|| {
        let mut n = st.rotation.scenarios.len() + 1;
        while st
            .rotation
            .scenarios
            .iter()
            .any(|s| s.name == format!("draft-{n}"))
        {
            n += 1;
        }
        format!("draft-{n}")
    });
    let form = Form::new(
        r.save_title,
        vec![FormField::new("name", rt::F_NAME, FieldKind::Text, &name)
            .required()
            .hint(rt::H_NAME)],
    );
    open_form(st, form, PlanForm::SaveScenario);
}

/// `E`: write the plan to a CSV file.
pub fn start_export(st: &mut State) {
    let r = st.session.lang.rotation();
    let Some(o) = st.rotation.outcome.as_deref() else {
        return st.error(r.run_first);
    };
    let name = format!("jinzai-plan-{}.csv", iso(o.plan.as_of));
    let form = Form::new(
        r.export_title,
        vec![FormField::new("path", rt::F_PATH, FieldKind::Text, &name)
            .required()
            .hint(rt::H_PATH)],
    );
    open_form(st, form, PlanForm::Export);
}

fn open_form(st: &mut State, form: Form, what: PlanForm) {
    st.pending.clear();
    st.overlay = Some(Overlay::Form(FormFlow {
        form,
        purpose: FormPurpose::Plan(what),
    }));
}

fn field_error(field: &'static str, message: impl Into<String>) -> Vec<OpError> {
    vec![OpError {
        field,
        message: message.into(),
    }]
}

/// Enter in a rotation form.
pub fn submit(st: &mut State, mut flow: FormFlow, what: PlanForm) {
    flow.form.clear_errors();
    let result = match what {
        PlanForm::Settings => submit_settings(st, &flow.form),
        PlanForm::SaveScenario => submit_save(st, &flow.form),
        PlanForm::Export => submit_export(st, &flow.form),
    };
    match result {
        Ok(()) => {}
        Err(errors) => {
            flow.form.set_errors(&errors);
            st.overlay = Some(Overlay::Form(flow));
        }
    }
}

fn submit_settings(st: &mut State, form: &Form) -> Result<(), Vec<OpError>> {
    let r = st.session.lang.rotation();
    let date = form.value("as_of").trim();
    let as_of = if date.is_empty() {
        None
    } else {
        Some(parse_date(date).map_err(|e| field_error("as_of", e))?)
    };
    let term = form.value("term").trim();
    let term_months = if term.is_empty() {
        None
    } else {
        match term.parse::<u32>() {
            Ok(t) if (1..=240).contains(&t) => Some(t),
            _ => return Err(field_error("term", r.term_range)),
        }
    };
    let file = form.value("config").trim();
    let config = if file.is_empty() || file == "default" {
        ConfigSource::Default
    } else {
        ConfigSource::File(PathBuf::from(file))
    };
    st.overlay = None;
    let inputs = &mut st.rotation.inputs;
    inputs.as_of = as_of;
    inputs.term_months = term_months;
    inputs.config = config;
    rerun(st, r.settings_changed.to_string());
    Ok(())
}

fn submit_save(st: &mut State, form: &Form) -> Result<(), Vec<OpError>> {
    let r = st.session.lang.rotation();
    let name = scenario::check_name(form.value("name")).map_err(|e| field_error("name", e))?;
    let Some(o) = st.rotation.outcome.clone() else {
        return Err(field_error("name", r.run_first));
    };
    let saved_at = jiff::Zoned::now().strftime("%Y-%m-%dT%H:%M:%S").to_string();
    let sc = o.scenario(&name, saved_at);
    let mut list = st.rotation.scenarios.clone();
    match list.iter_mut().find(|s| s.name == name) {
        Some(old) => *old = sc,
        None => list.push(sc),
    }
    list.sort_by(|a, b| a.name.cmp(&b.name));
    st.overlay = None;
    st.effects.push(Effect::SaveScenarios(list.clone()));
    st.rotation.scenarios = list;
    st.rotation.scenario = Some(name.clone());
    st.say(r.scenario_saved(&name));
    Ok(())
}

fn submit_export(st: &mut State, form: &Form) -> Result<(), Vec<OpError>> {
    let r = st.session.lang.rotation();
    let path = form.value("path").trim();
    if path.is_empty() {
        return Err(field_error("path", rt::H_PATH.0));
    }
    let (Some(o), Some(d)) = (st.rotation.outcome.clone(), st.loaded().cloned()) else {
        return Err(field_error("path", r.run_first));
    };
    st.overlay = None;
    st.effects.push(Effect::Export {
        path: PathBuf::from(path),
        text: crate::plan::export::to_csv(&d.ds, &o.plan),
    });
    Ok(())
}

/// `C`: the scenarios; in the scenarios list, compare the marked ones (or all).
pub fn scenarios(st: &mut State) {
    let r = st.session.lang.rotation();
    let pg = page(st);
    if st.rotation.view != View::Scenarios {
        st.rotation.show(View::Scenarios, pg);
        if let Some(e) = st.rotation.scenarios_error.clone() {
            st.error(e);
        }
        return;
    }
    let p = &st.rotation;
    let chosen: Vec<scenario::Scenario> = if p.marked.is_empty() {
        p.scenarios.clone()
    } else {
        (p.scenarios.iter())
            .filter(|s| p.marked.contains(&s.name))
            .cloned()
            .collect()
    };
    if chosen.is_empty() {
        return st.error(r.no_scenarios);
    }
    if flows::data(st).is_none() {
        return;
    }
    let id = st.rotation.start_run(true);
    st.effects.push(Effect::Compare {
        id,
        scenarios: chosen,
        today: st.session.today,
    });
}

/// Space in the scenarios list: mark one for comparison.
pub fn toggle_mark(st: &mut State) {
    let Some(name) = st.rotation.selected_scenario().map(|s| s.name.clone()) else {
        return;
    };
    if !st.rotation.marked.remove(&name) {
        st.rotation.marked.insert(name);
    }
    let pg = page(st);
    st.rotation.move_by(1, pg);
}

/// Enter on a scenario: take its inputs and run them.
pub fn load_scenario(st: &mut State) {
    let Some(s) = st.rotation.selected_scenario().cloned() else {
        return;
    };
    match super::rotation::PlanInputs::from_scenario(&s) {
        Ok(inputs) => {
            st.rotation.inputs = inputs;
            let pg = page(st);
            st.rotation.show(View::Proposals, pg);
            run(st);
            st.rotation.scenario = Some(s.name.clone());
            let r = st.session.lang.rotation();
            st.say(r.scenario_loaded(&s.name));
        }
        Err(e) => st.error(format!("{}: {e}", s.name)),
    }
}

/// `A`: accept the plan, after a question that shows the moves as chains.
pub fn start_accept(st: &mut State) {
    let r = st.session.lang.rotation();
    if !flows::idle(st) {
        return;
    }
    let Some(d) = flows::data(st) else { return };
    let p = &st.rotation;
    if p.running.is_some() {
        return st.error(r.still_running);
    }
    let Some(o) = p.outcome.clone() else {
        return st.error(r.run_first);
    };
    if p.stale {
        return st.error(r.stale_accept);
    }
    if o.plan.moves.is_empty() {
        return st.error(r.nothing_to_accept);
    }
    let changes = match o.plan.accept_changes(&d.ds) {
        Ok(cs) => cs,
        Err(problems) => return st.error(r.cannot_accept(&problems)),
    };
    let summary = o.plan.summary();
    let mut question = format!("{summary}?");
    let lines = super::rotation::chain_lines(&d.ds, &o.chains, st.session.lang);
    const SHOWN: usize = 8;
    for l in lines.iter().take(SHOWN) {
        question.push_str(&format!("\n  {l}"));
    }
    if lines.len() > SHOWN {
        question.push_str(&format!("\n  {}", r.more_chains(lines.len() - SHOWN)));
    }
    question.push_str(&format!("\n{}", r.accept_undo_hint));
    let planned = Planned {
        action: "plan-accept",
        summary,
        entities: o.plan.entities(),
        changes,
        warnings: Vec::new(),
    };
    st.pending.clear();
    st.overlay = Some(Overlay::Confirm(Confirm {
        question,
        then: Deferred::Commit(Box::new(Prepared {
            planned,
            undoes: None,
            back_to: None,
        })),
    }));
}

/// `a` on an unfilled post: enroll the nearest candidates who lack one of its
/// courses in the next session with room (one change; who cannot be is listed).
pub fn enroll_gap(st: &mut State) {
    let r = st.session.lang.rotation();
    if !flows::idle(st) {
        return;
    }
    let Some(d) = flows::data(st) else { return };
    let p = &st.rotation;
    let (Some(o), View::Unfilled) = (p.outcome.clone(), p.view) else {
        return st.error(r.select_unfilled);
    };
    let Some(u) = o.plan.unfilled.get(p.selected()) else {
        return st.error(r.select_unfilled);
    };
    let Some(post) = PostId::parse(&u.post)
        .ok()
        .and_then(|id| d.ds.posts.get(&id))
    else {
        return st.error(r.select_unfilled);
    };
    let today = st.session.today;
    use crate::domain::training::{course_progress, seats_taken, upcoming_sessions};
    // The first of the post's courses that a nearest candidate has neither
    // completed nor enrolled in, and who lacks it.
    for course in &post.courses {
        let people: Vec<StaffId> = (u.nearest.iter())
            .filter_map(|n| StaffId::parse(&n.staff).ok())
            .filter(|s| course_progress(&d.ds, s, course).is_gap())
            .collect();
        if people.is_empty() {
            continue;
        }
        let session = upcoming_sessions(&d.ds, course, today)
            .into_iter()
            .find(|x| seats_taken(&d.ds, &x.id) < x.capacity as usize)
            .map(|x| x.id.clone());
        let planned = super::training_flows::enroll_many(
            &d.ds,
            &people,
            course,
            session.as_ref(),
            today,
            st.session.lang,
        );
        return super::training_flows::ask_enroll(st, planned);
    }
    st.error(r.no_course_gap(&u.post))
}
