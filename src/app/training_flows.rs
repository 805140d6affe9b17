//! The training pane's changes: enroll one or many people in a session (or plan the
//! course for them), mark an enrollment completed or failed on a date, cancel it,
//! move it to another session, and enroll a course's whole gap list at once. Each is
//! planned by `domain::training` (the CLI's checks), confirmed, and written by the
//! data worker with its audit record, like the posts pane's changes (see `flows`).

use super::flows::{self, FormFlow, FormPurpose, Prepared};
use super::form::{FieldKind, Form, FormField};
use super::forms;
use super::overlay::Overlay;
use super::picker::StaffPicker;
use super::state::State;
use crate::domain::date::iso;
use crate::domain::ops::{OpError, Planned};
use crate::domain::training::{
    bulk_enroll, plan_training, seats_taken, upcoming_sessions, TrainingOp,
};
use crate::domain::{ChangeSet, CourseId, Dataset, Date, SessionId, StaffId};
use crate::i18n::training_flows::words;

/// What a training form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainingForm {
    /// The completion (or failure) date.
    Result {
        staff: StaffId,
        course: CourseId,
        failed: bool,
    },
    /// The session to move to.
    Move { staff: StaffId, course: CourseId },
}

/// `a` on a session (enroll) or on a course (plan without a session): choose the
/// people; Tab marks several.
pub fn start_enroll(st: &mut State, course: CourseId, session: Option<SessionId>) {
    if !flows::idle(st) {
        return;
    }
    let Some(d) = flows::data(st) else { return };
    let page = flows::picker_page(st);
    let today = st.session.today;
    st.pending.clear();
    st.overlay = Some(Overlay::Picker(StaffPicker::open_for_course(
        &d,
        &course,
        session.as_ref(),
        today,
        page,
    )));
}

/// Enter in a course picker: plan every chosen person's enrollment as one change.
pub fn picked(st: &mut State) {
    let Some(Overlay::Picker(pk)) = &st.overlay else {
        return;
    };
    let crate::app::picker::PickTarget::Course { course, session } = pk.target.clone() else {
        return;
    };
    let people = pk.chosen_many();
    let Some(d) = st.loaded().cloned() else {
        return;
    };
    let today = st.session.today;
    let lang = st.session.lang;
    // Nobody can be enrolled: say why, keep the picker for another choice.
    ask_enroll(
        st,
        enroll_many(&d.ds, &people, &course, session.as_ref(), today, lang),
    );
}

/// Asks to confirm an enrollment of several people, or says why nobody can be.
pub fn ask_enroll(st: &mut State, planned: Result<Planned, Vec<String>>) {
    match planned {
        Ok(p) => flows::ask_commit(
            st,
            Prepared {
                planned: p,
                undoes: None,
                back_to: None,
            },
        ),
        Err(why) => st.error(why.join("; ")),
    }
}

/// One change enrolling everyone in `people` who can be: each is checked as a
/// single enrollment would be, seats counted as they fill; those refused are listed
/// as warnings so the question says who is left out and why. Err when nobody fits.
pub fn enroll_many(
    ds: &Dataset,
    people: &[StaffId],
    course: &CourseId,
    session: Option<&SessionId>,
    today: Date,
    lang: crate::i18n::Lang,
) -> Result<Planned, Vec<String>> {
    let mut seats_left = session.and_then(|s| {
        let x = ds.sessions.get(s)?;
        Some((x.capacity as usize).saturating_sub(seats_taken(ds, s)))
    });
    let mut ok: Vec<Planned> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    for who in people {
        let op = TrainingOp::Enroll {
            staff: who.clone(),
            course: course.clone(),
            session: session.cloned(),
        };
        match plan_training(ds, &op, today) {
            Ok(p) => match &mut seats_left {
                Some(0) => refused.push(format!("{who}: {}", words(lang).session_full)),
                Some(n) => {
                    *n -= 1;
                    ok.push(p);
                }
                None => ok.push(p),
            },
            Err(errors) => {
                let why: Vec<String> = errors.into_iter().map(|e| e.message).collect();
                refused.push(format!("{who}: {}", why.join("; ")));
            }
        }
    }
    if ok.is_empty() {
        return Err(refused);
    }
    if ok.len() == 1 && refused.is_empty() {
        return Ok(ok.remove(0));
    }
    let action = ok[0].action;
    let mut entities: Vec<String> = Vec::new();
    let mut changes = ChangeSet::default();
    let mut warnings = Vec::new();
    let mut names = Vec::new();
    for p in &ok {
        for e in &p.entities {
            if !entities.contains(e) {
                entities.push(e.clone());
            }
        }
        changes.changes.extend(p.changes.changes.iter().cloned());
        warnings.extend(p.warnings.iter().cloned());
        if let Some(s) = p
            .entities
            .first()
            .and_then(|id| ds.staff.get(&StaffId::new_unchecked(id.as_str())))
        {
            names.push(format!("{} {}", s.id, s.name));
        }
    }
    for r in &refused {
        warnings.push(words(lang).not_enrolled(r));
    }
    let course_name = ds.courses.get(course).map_or("", |c| c.name.as_str());
    Ok(Planned {
        action,
        summary: words(lang).enroll_many_summary(
            ok.len(),
            session.map(|s| s.as_str()),
            &format!("{course} {course_name}"),
            &names.join(", "),
        ),
        entities,
        changes,
        warnings,
    })
}

/// `C` / `F` on an enrollee: the date it was completed (or failed).
pub fn start_result(st: &mut State, staff: StaffId, course: CourseId, failed: bool) {
    if !flows::idle(st) {
        return;
    }
    let lang = st.session.lang;
    let title = words(lang).result_title(&flows::person_label(st, &staff), course.as_str(), failed);
    let form = forms::date_form(title, "on", st.session.today);
    st.pending.clear();
    st.overlay = Some(Overlay::Form(FormFlow {
        form,
        purpose: FormPurpose::Training(TrainingForm::Result {
            staff,
            course,
            failed,
        }),
    }));
}

/// `m` on an enrollee: the session to move to (the course's coming sessions are
/// listed under the field).
pub fn start_move(st: &mut State, staff: StaffId, course: CourseId) {
    if !flows::idle(st) {
        return;
    }
    let Some(d) = flows::data(st) else { return };
    let lang = st.session.lang;
    let today = st.session.today;
    let coming: Vec<String> = upcoming_sessions(&d.ds, &course, today)
        .iter()
        .take(6)
        .map(|x| format!("{} {}", x.id, iso(x.start)))
        .collect();
    let first = upcoming_sessions(&d.ds, &course, today)
        .first()
        .map(|x| x.id.to_string())
        .unwrap_or_default();
    let title = words(lang).move_title(
        &flows::person_label(st, &staff),
        course.as_str(),
        &coming.join(" · "),
    );
    let form = Form::new(
        title,
        vec![
            FormField::new("to", ("Session", "回次"), FieldKind::Text, &first)
                .required()
                .hint((
                    "the id of another session of this course (coming ones are in the title)",
                    "この研修の別の回次のID（今後の回次はタイトルに表示）",
                )),
        ],
    );
    st.pending.clear();
    st.overlay = Some(Overlay::Form(FormFlow {
        form,
        purpose: FormPurpose::Training(TrainingForm::Move { staff, course }),
    }));
}

/// `x` on an enrollee: cancel it (after the question).
pub fn start_cancel(st: &mut State, staff: StaffId, course: CourseId) {
    if !flows::idle(st) {
        return;
    }
    let Some(d) = flows::data(st) else { return };
    let op = TrainingOp::Cancel { staff, course };
    let planned = plan_training(&d.ds, &op, st.session.today);
    flows::propose_planned(st, planned, None, None);
}

/// `B` on a course in the gap view: enroll its whole gap list in the next sessions
/// with room; who does not fit stays listed, and the question says why.
pub fn start_bulk(st: &mut State, course: CourseId) {
    if !flows::idle(st) {
        return;
    }
    let Some(d) = flows::data(st) else { return };
    let lang = st.session.lang;
    let plan = bulk_enroll(&d.ds, &course, st.session.today);
    match plan.planned {
        Some(mut p) => {
            for (who, why) in &plan.left {
                p.warnings
                    .push(words(lang).not_enrolled(&format!("{who}: {why}")));
            }
            flows::ask_commit(
                st,
                Prepared {
                    planned: p,
                    undoes: None,
                    back_to: None,
                },
            );
        }
        None => {
            let why: Vec<String> = plan.left.iter().map(|(w, r)| format!("{w}: {r}")).collect();
            if why.is_empty() {
                st.error(words(lang).no_gaps);
            } else {
                st.error(words(lang).nobody_fits(&why.join("; ")));
            }
        }
    }
}

/// The change a filled training form asks for.
pub fn plan_form(
    t: &TrainingForm,
    form: &Form,
    ds: &Dataset,
    today: Date,
) -> Result<Planned, Vec<OpError>> {
    let op = match t {
        TrainingForm::Result {
            staff,
            course,
            failed,
        } => {
            let on = forms::date_from_form(form)?;
            if *failed {
                TrainingOp::Fail {
                    staff: staff.clone(),
                    course: course.clone(),
                    on,
                }
            } else {
                TrainingOp::Complete {
                    staff: staff.clone(),
                    course: course.clone(),
                    on,
                }
            }
        }
        TrainingForm::Move { staff, course } => {
            let raw = form.value("to").trim();
            let to = SessionId::parse(raw).map_err(|e| {
                vec![OpError {
                    field: "to",
                    message: e.to_string(),
                }]
            })?;
            TrainingOp::Move {
                staff: staff.clone(),
                course: course.clone(),
                to,
            }
        }
    };
    plan_training(ds, &op, today).map_err(|errors| {
        // The session errors belong beside the session field.
        errors
            .into_iter()
            .map(|mut e| {
                if e.field == "session" {
                    e.field = "to";
                }
                e
            })
            .collect()
    })
}
