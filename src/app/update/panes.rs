//! The actions of each pane when no overlay has them: moving in its list, folding,
//! filtering, opening the detail, and starting its changes.

use super::*;
use crate::app::browse::{browse, move_in};

pub(super) fn staff_action(st: &mut State, action: Action, page: usize) {
    let wide = st.wide();
    let s = &mut st.staff;
    if browse(s, action, page, wide) {
        st.fill_staff();
        return;
    }
    match action {
        Action::Open => {
            s.editing = false;
            if s.selected_hit().is_some() {
                s.detail_open = true;
            }
        }
        Action::Back if !s.query.is_empty() => {
            s.query.clear();
            st.refresh_staff();
        }
        Action::CycleSort | Action::SortReverse => {
            if action == Action::CycleSort {
                s.sort.0 = s.sort.0.next();
            } else {
                s.reverse = !s.reverse;
            }
            st.resort_staff();
        }
        _ => {}
    }
    // Rows that scrolled into view get their matched characters.
    st.fill_staff();
}

pub(super) fn posts_action(st: &mut State, action: Action) {
    let page = post_rows(st.size.1);
    let wide = st.wide();
    let p = &mut st.posts;
    if browse(p, action, page, wide) {
        st.sync_post_detail();
        return;
    }
    match action {
        Action::Expand => p.expand(page),
        Action::Collapse => p.collapse(page),
        Action::ExpandAll => p.expand_all(page),
        Action::CollapseAll => p.collapse_all(page),
        Action::ProblemsOnly => p.toggle_problems_only(page),
        Action::Open => {
            p.editing = false;
            if p.selected_unit().is_some() {
                p.toggle(page);
            } else if p.selected_post().is_some() {
                p.detail_open = true;
            }
        }
        Action::Back if !p.filter.is_empty() => p.clear_filter(page),
        Action::Assign => flows::start_pick(st, PickFor::Assign),
        Action::Transfer => flows::start_pick(st, PickFor::Transfer),
        Action::EndAssignment => flows::start_end(st),
        Action::Concurrent => flows::start_concurrent(st),
        Action::AddPost => flows::start_add(st, flows::FormPurpose::AddPost),
        Action::AddUnit => flows::start_add(st, flows::FormPurpose::AddUnit),
        Action::ClosePost => flows::start_close(st),
        _ => {}
    }
    st.sync_post_detail();
}

pub(super) fn training_action(st: &mut State, action: Action) {
    let page = training_rows(st.size.1);
    let wide = st.wide();
    let t = &mut st.training;
    if browse(t, action, page, wide) {
        return;
    }
    match action {
        Action::TrainingExpand => t.expand(page),
        Action::TrainingCollapse => t.collapse(page),
        Action::TrainingExpandAll => t.expand_all(page),
        Action::TrainingCollapseAll => t.collapse_all(page),
        Action::TrainingSort => t.cycle_sort(page),
        Action::GapView => t.toggle_gap_view(page),
        Action::Open => {
            t.editing = false;
            if t.on_foldable() {
                t.toggle(page);
            } else if t.selected_row().is_some() {
                t.detail_open = true;
            }
        }
        Action::Back if !t.filter.is_empty() => t.clear_filter(page),
        Action::Back if t.gap_view => t.toggle_gap_view(page),
        Action::Back => {}
        _ => training_change(st, action),
    }
}

/// The training pane's changes, on the row under the cursor.
fn training_change(st: &mut State, action: Action) {
    use crate::app::training_flows as tf;
    let t = &st.training;
    let course = t.selected_course().cloned();
    let session = t.selected_session().cloned();
    let enrollee = t
        .selected_enrollee()
        .map(|(s, c, _)| (s.clone(), c.clone()));
    let gap_view = t.in_gap_view();
    let texts = st.session.lang.texts();
    match action {
        Action::Enroll | Action::PlanCourse => {
            let Some(course) = course else {
                return st.error(texts.select_course);
            };
            let session = match action {
                Action::PlanCourse => None,
                // From the gap view (or a course line): the next session with room.
                _ if session.is_none() => st.loaded().and_then(|d| {
                    let today = st.session.today;
                    crate::domain::training::upcoming_sessions(&d.ds, &course, today)
                        .into_iter()
                        .find(|x| {
                            crate::domain::training::seats_taken(&d.ds, &x.id) < x.capacity as usize
                        })
                        .map(|x| x.id.clone())
                }),
                _ => session,
            };
            if action == Action::Enroll && session.is_none() {
                return st.error(texts.no_session_with_room);
            }
            tf::start_enroll(st, course, session);
        }
        Action::Complete | Action::Fail | Action::CancelEnrollment | Action::MoveSession => {
            let Some((staff, course)) = enrollee.filter(|_| !gap_view) else {
                return st.error(texts.select_enrollee);
            };
            match action {
                Action::Complete => tf::start_result(st, staff, course, false),
                Action::Fail => tf::start_result(st, staff, course, true),
                Action::CancelEnrollment => tf::start_cancel(st, staff, course),
                _ => tf::start_move(st, staff, course),
            }
        }
        Action::BulkEnroll => match course {
            Some(c) => tf::start_bulk(st, c),
            None => st.error(texts.select_course),
        },
        _ => {}
    }
}

pub(super) fn rotation_action(st: &mut State, action: Action) {
    use crate::app::rotation::View;
    use crate::app::rotation_flows as rf;
    let page = rotation_rows(st.size.1);
    let wide = st.wide();
    let p = &mut st.rotation;
    if move_in(p, action, page) {
        return;
    }
    match action {
        Action::PlanNextView => p.next_view(1, page),
        Action::PlanPrevView => p.next_view(-1, page),
        Action::PlanChains => p.show(View::Chains, page),
        Action::PlanMix => p.show(View::Mix, page),
        Action::Open if p.view == View::Scenarios => rf::load_scenario(st),
        Action::Open if !p.is_empty() => p.detail_open = true,
        Action::Back => {
            if p.swap_mark.take().is_some() {
                let r = st.session.lang.rotation();
                st.say(r.swap_cancelled);
            } else if p.detail_open {
                p.detail_open = false;
            } else if p.view != View::Proposals {
                p.show(View::Proposals, page);
            }
        }
        Action::ToggleDetail => {
            if wide {
                p.detail_hidden = !p.detail_hidden;
            } else {
                p.detail_open = !p.detail_open && !p.is_empty();
            }
        }
        Action::PlanRun => rf::run(st),
        Action::PlanSettings => rf::start_settings(st),
        Action::PlanPin => rf::toggle_pin(st),
        Action::PlanExclude => rf::toggle_exclude(st, false),
        Action::PlanExcludePost => rf::toggle_exclude(st, true),
        Action::PlanSwap => rf::swap(st),
        Action::PlanSaveScenario => rf::start_save(st),
        Action::PlanScenarios => rf::scenarios(st),
        Action::PlanMark => rf::toggle_mark(st),
        Action::PlanRemove => rf::remove(st),
        Action::PlanAccept => rf::start_accept(st),
        Action::PlanExport => rf::start_export(st),
        Action::PlanEnroll => rf::enroll_gap(st),
        _ => {}
    }
}
