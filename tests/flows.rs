//! The TUI's change flows driven through update() with no terminal: pick a person,
//! give a date, confirm, write; errors beside the field; undo. Writes go to a real
//! database in a temporary directory, done as the TUI loop does them (commit with the
//! audit record, rebuild the data, feed the result back), so the audit log is
//! checked too.
//!
//! The fixture (tests/fixtures/good): E0001 山田 holds P01 (primary) and P02
//! (concurrent); E0003 鈴木 holds P02; P03 (係員, ops:2, 2 seats) is vacant.

mod common;

use common::*;
use jinzai::app::effect::Effect;
use jinzai::app::overlay::Overlay;
use jinzai::app::state::State;
use jinzai::app::update::{on_msg, Msg};
use jinzai::audit::{Actor, AuditRecord, Filter};
use jinzai::db::Db;
use jinzai::domain::{ChangeSet, PostId, StaffId};
use jinzai::i18n::Lang;
use jinzai::keymap::Keymap;
use tempfile::TempDir;

struct World {
    st: State,
    km: Keymap,
    db: Db,
    _dir: TempDir,
}

/// The fixture in a database and in a TUI state on the posts pane.
fn world(lang: Lang) -> World {
    world_at(lang, TODAY)
}

/// The same, with "today" on another date (the fixture's sessions run in 2025).
fn world_at(lang: Lang, today: &str) -> World {
    let dir = TempDir::new().unwrap();
    let actor = Actor {
        user: "sato".into(),
        ssh_client: Some("10.0.0.5".into()),
    };
    let db = Db::open(dir.path(), false, actor).unwrap();
    let ds = fixture();
    db.commit(
        &ChangeSet::fill(&ds),
        jinzai::audit::AuditDraft::new("import", "fixture"),
    )
    .unwrap();
    let km = Keymap::builtin().unwrap();
    let mut sess = session(lang, false);
    sess.today = jinzai::domain::date::parse_date(today).unwrap();
    let (day, term) = (sess.today, sess.term_months);
    let mut st = State::new(sess, (120, 32));
    on_msg(
        &mut st,
        &km,
        Msg::Loaded(std::sync::Arc::new(jinzai::app::state::Loaded::new(
            ds, day, term,
        ))),
    );
    keys(&mut st, &km, "<Esc> 2");
    World {
        st,
        km,
        db,
        _dir: dir,
    }
}

impl World {
    fn keys(&mut self, seq: &str) {
        keys(&mut self.st, &self.km, seq);
    }

    fn type_text(&mut self, text: &str) {
        type_text(&mut self.st, &self.km, text);
    }

    /// Does what the TUI loop does with the effects: the worker's commit and
    /// rebuild, and its report fed back as a message.
    fn run_effects(&mut self) -> Vec<AuditRecord> {
        let mut done = Vec::new();
        for e in std::mem::take(&mut self.st.effects) {
            match e {
                Effect::Commit { changes, draft } => {
                    let base = self.st.loaded().unwrap().clone();
                    let msg = match self.db.commit(&changes, draft) {
                        Ok(record) => {
                            done.push(record.clone());
                            let data = jinzai::tui::worker::rebuild(
                                &base.ds,
                                &changes,
                                self.st.session.today,
                                self.st.session.term_months,
                            );
                            Msg::Committed {
                                record: Box::new(record),
                                data: std::sync::Arc::new(data),
                            }
                        }
                        Err(e) => Msg::CommitFailed(e.to_string()),
                    };
                    on_msg(&mut self.st, &self.km, msg);
                }
                Effect::ReadLog => {
                    let r = self.db.log(&Filter::default()).map_err(|e| e.to_string());
                    on_msg(&mut self.st, &self.km, Msg::LogLoaded(r));
                }
                other => {
                    if let Some(m) = jinzai::tui::perform_now(&self.db, &self.st, other) {
                        on_msg(&mut self.st, &self.km, m);
                    }
                }
            }
        }
        done
    }

    /// Moves the posts cursor onto a post.
    fn select_post(&mut self, id: &str) {
        self.keys("g g");
        for _ in 0..20 {
            if self.st.posts.selected_post().map(|p| p.as_str()) == Some(id) {
                return;
            }
            self.keys("j");
        }
        panic!("post {id} not reached");
    }

    fn question(&self) -> String {
        match &self.st.overlay {
            Some(Overlay::Confirm(c)) => c.question.clone(),
            _ => panic!("no question open"),
        }
    }

    fn form(&self) -> &jinzai::app::form::Form {
        match &self.st.overlay {
            Some(Overlay::Form(f)) => &f.form,
            _ => panic!("no form open"),
        }
    }

    fn form_mut(&mut self) -> &mut jinzai::app::form::Form {
        match &mut self.st.overlay {
            Some(Overlay::Form(f)) => &mut f.form,
            _ => panic!("no form open"),
        }
    }

    /// Replaces the focused field's text by typing.
    fn retype(&mut self, text: &str) {
        let n = self
            .form()
            .focused()
            .map_or(0, |f| f.value().chars().count());
        for _ in 0..n {
            self.keys("<Backspace>");
        }
        self.type_text(text);
    }

    fn status(&self) -> String {
        self.st
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    fn holders(&self, post: &str) -> Vec<String> {
        let ds = &self.st.loaded().unwrap().ds;
        ds.assignments
            .values()
            .filter(|a| a.post.as_str() == post)
            .map(|a| format!("{}:{}", a.staff, jinzai::domain::date::iso(a.start)))
            .collect()
    }
}

#[test]
fn assign_picks_a_person_takes_a_date_confirms_and_writes_one_audit_record() {
    let mut w = world(Lang::En);
    w.select_post("P03");
    w.keys("a");
    let Some(Overlay::Picker(pk)) = &w.st.overlay else {
        panic!("a opens the staff picker")
    };
    // It opens on the post's grade, and the people on screen carry their fit.
    assert_eq!(pk.query.text(), "grade:係員 ");
    assert_eq!(pk.total, 1);
    assert_eq!(pk.chosen().map(|s| s.as_str()), Some("E0002"));
    assert!(pk.rows[0].fit.as_ref().unwrap().is_full());
    // Typing narrows with the same matcher as the staff pane.
    for _ in 0.."grade:係員 ".chars().count() {
        w.keys("<Backspace>");
    }
    w.type_text("satou");
    let Some(Overlay::Picker(pk)) = &w.st.overlay else {
        panic!()
    };
    assert_eq!(pk.chosen().map(|s| s.as_str()), Some("E0002"));
    w.keys("<Enter>");
    // The date, today by default; era dates work.
    assert_eq!(w.form().value("from"), TODAY);
    w.retype("R9.4.1");
    w.keys("<Enter>");
    assert_eq!(
        w.question(),
        "Assign E0002 佐藤 花子 to P03 特許システム運用係員 from 2027-04-01?"
    );
    w.keys("y");
    assert!(w.st.saving.is_some());
    let recs = w.run_effects();
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].action, "assign");
    assert_eq!(recs[0].user, "sato");
    assert_eq!(recs[0].ssh_client.as_deref(), Some("10.0.0.5"));
    assert_eq!(recs[0].entities, vec!["E0002", "P03", "U-PAT"]);
    assert!(recs[0].changes[0].before.is_none());
    assert!(w.st.saving.is_none());
    assert_eq!(
        w.status(),
        "saved #2: Assign E0002 佐藤 花子 to P03 特許システム運用係員 from 2027-04-01 (u undoes)"
    );
    assert!(w.holders("P03").contains(&"E0002:2027-04-01".to_string()));
    // The file has the record too.
    let log = w.db.log(&Filter::default()).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[1].summary, recs[0].summary);
}

#[test]
fn saved_is_said_as_soon_as_the_change_is_on_disk_and_nothing_else_starts_until_the_lists_follow() {
    let mut w = world(Lang::En);
    w.select_post("P03");
    w.keys("a <Enter>");
    w.retype("R9.4.1");
    w.keys("<Enter> y");
    let [Effect::Commit { changes, draft }] = &std::mem::take(&mut w.st.effects)[..] else {
        panic!("y commits")
    };
    let base = w.st.loaded().unwrap().clone();
    let record = w.db.commit(changes, draft.clone()).unwrap();
    on_msg(&mut w.st, &w.km, Msg::Saved(Box::new(record.clone())));
    assert_eq!(
        w.status(),
        "saved #2: Assign E0002 佐藤 花子 to P03 特許システム運用係員 from 2027-04-01 · updating the lists…"
    );
    // The lists still show the records before the change, so no other change starts.
    assert!(!w.holders("P03").contains(&"E0002:2027-04-01".to_string()));
    w.keys("u");
    assert!(w.st.effects.is_empty() && w.st.overlay.is_none());
    assert_eq!(
        w.status(),
        "the last change is still being saved; try again in a moment"
    );
    let data = jinzai::tui::worker::rebuild(&base.ds, changes, w.st.session.today, 24);
    on_msg(
        &mut w.st,
        &w.km,
        Msg::Committed {
            record: Box::new(record),
            data: std::sync::Arc::new(data),
        },
    );
    assert!(w.st.saving.is_none());
    assert!(w.holders("P03").contains(&"E0002:2027-04-01".to_string()));
    assert_eq!(
        w.status(),
        "saved #2: Assign E0002 佐藤 花子 to P03 特許システム運用係員 from 2027-04-01 (u undoes)"
    );
}

#[test]
fn a_bad_date_is_shown_beside_its_field_and_what_was_typed_stays() {
    let mut w = world(Lang::En);
    w.select_post("P03");
    w.keys("a <Enter>");
    w.retype("2027-02-30");
    w.keys("<Enter>");
    let f = w.form();
    assert_eq!(f.value("from"), "2027-02-30");
    let err = f.field("from").unwrap().error.clone().unwrap();
    assert!(
        err.contains("2027-02-30 is not a day in the calendar"),
        "{err}"
    );
    assert!(w.st.effects.is_empty());
    // Fixed, it goes through.
    w.retype("2027-03-01");
    w.keys("<Enter>");
    assert!(w.question().starts_with("Assign E0002"));
}

#[test]
fn a_refused_change_keeps_the_form_and_says_why() {
    let mut w = world(Lang::En);
    // P01 has one seat, held by E0001; E0003 already holds P02 as a primary post.
    w.select_post("P01");
    w.keys("a");
    for _ in 0.."grade:係長 ".chars().count() {
        w.keys("<Backspace>");
    }
    w.type_text("E0003");
    w.keys("<Enter>");
    w.retype("2027-04-01");
    w.keys("<Enter>");
    let f = w.form();
    let from = f.field("from").unwrap().error.clone().unwrap_or_default();
    assert!(from.contains("already holds P02"), "{from}");
    let form_line = f.error.clone().unwrap_or_default();
    assert!(
        form_line.contains("has 1 seat and would have 2 holders"),
        "{form_line}"
    );
    assert_eq!(f.value("from"), "2027-04-01");
    assert!(w.st.effects.is_empty());
}

#[test]
fn no_at_the_question_goes_back_to_the_form_and_esc_leaves_without_writing() {
    let mut w = world(Lang::En);
    w.select_post("P03");
    w.keys("a <Enter>");
    w.retype("2027-04-01");
    w.keys("<Enter> n");
    assert_eq!(w.form().value("from"), "2027-04-01");
    w.keys("<Esc>");
    assert!(w.st.overlay.is_none());
    assert!(w.st.effects.is_empty());
    assert_eq!(w.db.log(&Filter::default()).unwrap().len(), 1);
}

#[test]
fn warnings_are_listed_in_the_question() {
    let mut w = world(Lang::En);
    // End E0001 in P01 first, then put E0003 (課長補佐, no security course) there
    // concurrently from the day after.
    w.select_post("P01");
    w.keys("E");
    w.retype("2027-03-31");
    w.keys("<Enter>");
    assert_eq!(
        w.question(),
        "End E0001 山田 太郎 in P01 情報セキュリティ係長 on 2027-03-31 (held since 2020-04-01)?"
    );
    w.keys("y");
    w.run_effects();
    w.select_post("P01");
    w.keys("t");
    for _ in 0.."grade:係長 ".chars().count() {
        w.keys("<Backspace>");
    }
    w.type_text("E0003");
    w.keys("<Enter>");
    w.retype("2027-04-01");
    w.keys("<Enter>");
    let q = w.question();
    assert!(
        q.starts_with("End E0003 鈴木 一郎 in P02 PMO課長補佐 on 2027-03-31 and assign to P01"),
        "{q}"
    );
    assert!(
        q.contains("\n⚠ E0003 鈴木 一郎 is 課長補佐 but P01 is a 係長 post"),
        "{q}"
    );
    assert!(q.ends_with("These are warnings: y saves anyway, n goes back."));
    w.keys("y");
    let recs = w.run_effects();
    assert_eq!(recs[0].action, "transfer");
    assert_eq!(recs[0].changes.len(), 2);
}

#[test]
fn undo_reverts_the_last_change_as_a_change_of_its_own() {
    let mut w = world(Lang::En);
    let before = w.st.loaded().unwrap().ds.clone();
    w.keys("u");
    assert!(w.status().starts_with("nothing to undo"));
    w.select_post("P03");
    w.keys("a <Enter>");
    w.retype("2027-04-01");
    w.keys("<Enter> y");
    w.run_effects();
    assert_eq!(w.st.made.len(), 1);
    w.keys("u");
    assert_eq!(
        w.question(),
        "Undo #2: Assign E0002 佐藤 花子 to P03 特許システム運用係員 from 2027-04-01?"
    );
    w.keys("y");
    let recs = w.run_effects();
    assert_eq!(recs[0].action, "undo");
    assert_eq!(recs[0].undoes, Some(2));
    assert!(recs[0].changes[0].after.is_none(), "the holding is removed");
    assert!(w.st.made.is_empty());
    assert_eq!(w.st.loaded().unwrap().ds, before);
    // History is never rewritten: the log has the assignment and its undo.
    let actions: Vec<String> =
        w.db.log(&Filter::default())
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect();
    assert_eq!(actions, vec!["import", "assign", "undo"]);
    w.keys("u");
    assert!(w.status().starts_with("nothing to undo"));
}

#[test]
fn undo_refuses_when_the_record_changed_since() {
    let mut w = world(Lang::En);
    w.select_post("P03");
    w.keys("a <Enter>");
    w.retype("2026-11-01");
    w.keys("<Enter> y");
    w.run_effects();
    // Then the new holding is marked concurrent, a change that (say) came from
    // another session, so it is not on this run's undo list.
    w.select_post("P03");
    w.keys("c y");
    w.run_effects();
    w.st.made.pop();
    w.keys("u");
    assert!(w.st.overlay.is_none());
    assert!(w.status().contains("has changed since"), "{}", w.status());
    assert!(w.st.effects.is_empty());
}

#[test]
fn concurrent_toggles_the_holders_mark() {
    let mut w = world(Lang::En);
    w.select_post("P01");
    w.keys("c");
    assert_eq!(
        w.question(),
        "Mark E0001 山田 太郎's holding of P01 情報セキュリティ係長 (from 2020-04-01) concurrent (併任)?"
    );
    w.keys("y");
    w.run_effects();
    let ds = &w.st.loaded().unwrap().ds;
    let a = ds
        .assignments_of(&StaffId::new_unchecked("E0001"))
        .find(|a| a.post == PostId::new_unchecked("P01"))
        .unwrap();
    assert!(a.concurrent);
}

#[test]
fn editing_a_person_from_the_staff_pane() {
    let mut w = world(Lang::En);
    w.keys("1");
    assert_eq!(
        w.st.staff.selected_hit().map(|h| h.id.as_str()),
        Some("E0001")
    );
    w.keys("e");
    assert_eq!(w.form().value("grade"), "chief");
    w.form_mut().set_value("grade", "deputy");
    w.form_mut().set_value("grade_since", "2026-10-01");
    w.keys("<Enter>");
    assert_eq!(
        w.question(),
        "Edit E0001 山田 太郎: grade 係長 → 課長補佐 (since 2026-10-01)?"
    );
    w.keys("y");
    let recs = w.run_effects();
    assert_eq!(recs[0].action, "edit-staff");
    let ds = &w.st.loaded().unwrap().ds;
    assert_eq!(
        ds.staff[&StaffId::new_unchecked("E0001")].grade,
        jinzai::domain::Grade::Deputy
    );
    // The staff list keeps the person selected.
    assert_eq!(
        w.st.staff.selected_hit().map(|h| h.id.as_str()),
        Some("E0001")
    );
}

#[test]
fn a_new_hire_a_new_post_and_closing_a_post() {
    let mut w = world(Lang::En);
    w.keys("1 N");
    {
        let f = w.form_mut();
        f.set_value("id", "E0100");
        f.set_value("name", "新井 葵");
        f.set_value("kana", "アライ アオイ");
        f.set_value("grade", "staff");
        f.set_value("track", "sogo-digital");
    }
    w.keys("<Enter>");
    assert!(
        w.question().starts_with("Add E0100 新井 葵"),
        "{}",
        w.question()
    );
    w.keys("y");
    w.run_effects();
    assert!(w
        .st
        .loaded()
        .unwrap()
        .ds
        .staff
        .contains_key(&StaffId::new_unchecked("E0100")));
    // Close P03 from 2027-04-01.
    w.keys("2");
    w.select_post("P03");
    w.keys("X");
    w.retype("2027-04-01");
    w.keys("<Enter>");
    assert_eq!(
        w.question(),
        "Close P03 特許システム運用係員 from 2027-04-01?"
    );
    w.keys("y");
    let recs = w.run_effects();
    assert_eq!(recs[0].action, "close-post");
    let ds = &w.st.loaded().unwrap().ds;
    assert!(ds.posts[&PostId::new_unchecked("P03")].closed.is_some());
}

#[test]
fn the_log_view_reads_the_audit_log() {
    let mut w = world(Lang::Ja);
    w.keys("L");
    assert!(matches!(w.st.overlay, Some(Overlay::Log(_))));
    w.run_effects();
    let Some(Overlay::Log(v)) = &w.st.overlay else {
        panic!()
    };
    let recs = v.records.clone().unwrap().unwrap();
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].action, "import");
    w.keys("<Esc>");
    assert!(w.st.overlay.is_none());
}

#[test]
fn one_change_at_a_time() {
    let mut w = world(Lang::En);
    w.select_post("P03");
    w.keys("a <Enter>");
    w.retype("2027-04-01");
    w.keys("<Enter> y");
    // Not yet written: another change waits.
    w.keys("E");
    assert!(w.status().contains("still being saved"), "{}", w.status());
    w.run_effects();
    w.keys("u");
    assert!(w.question().starts_with("Undo #2"));
}

// ---------------------------------------------------------------------------
// Training (pane 3). The fixture: C-SEC (係員・係長) runs S-SEC-1 2025-06-02..06
// (20 seats), C-PM (課長補佐) runs S-PM-1 2025-07-07..09 (10 seats). E0001 completed
// C-SEC; E0002 has C-SEC planned without a session; E0003 is enrolled in S-PM-1.
// ---------------------------------------------------------------------------

impl World {
    /// Moves the training cursor onto a session line (everything unfolded).
    fn select_session(&mut self, id: &str) {
        self.keys("3 + g g");
        for _ in 0..40 {
            let t = &self.st.training;
            if t.selected_session().map(|s| s.as_str()) == Some(id)
                && t.selected_enrollee().is_none()
            {
                return;
            }
            self.keys("j");
        }
        panic!("session {id} not reached");
    }

    /// Moves the training cursor onto a person under a session.
    fn select_enrollee(&mut self, staff: &str, course: &str) {
        self.keys("3 + g g");
        for _ in 0..40 {
            if let Some((s, c, _)) = self.st.training.selected_enrollee() {
                if (s.as_str(), c.as_str()) == (staff, course) {
                    return;
                }
            }
            self.keys("j");
        }
        panic!("{staff} in {course} not reached");
    }

    fn enrollment(&self, staff: &str, course: &str) -> Option<jinzai::domain::Enrollment> {
        let ds = &self.st.loaded().unwrap().ds;
        jinzai::domain::training::current_enrollment(
            ds,
            &StaffId::new_unchecked(staff),
            &jinzai::domain::CourseId::new_unchecked(course),
        )
        .cloned()
    }
}

#[test]
fn enroll_several_people_marked_in_the_picker_as_one_change() {
    let mut w = world_at(Lang::En, "2025-01-10");
    w.select_session("S-SEC-1");
    w.keys("a");
    let Some(Overlay::Picker(pk)) = &w.st.overlay else {
        panic!("a opens the picker")
    };
    assert!(pk.is_multi());
    // Mark everyone: E0001 (completed it already), E0002, E0003.
    w.keys("<Tab> <Tab> <Tab>");
    let Some(Overlay::Picker(pk)) = &w.st.overlay else {
        panic!()
    };
    assert_eq!(pk.marked.len(), 3);
    w.keys("<Enter>");
    let q = w.question();
    assert!(
        q.starts_with("Enroll 2 people in session S-SEC-1 of C-SEC セキュリティ研修: E0002 佐藤 花子, E0003 鈴木 一郎?"),
        "{q}"
    );
    assert!(
        q.contains("not enrolled: E0001: E0001 山田 太郎 completed C-SEC"),
        "{q}"
    );
    assert!(q.contains("課長補佐"), "the grade warning for E0003: {q}");
    w.keys("y");
    let recs = w.run_effects();
    assert_eq!(recs.len(), 1, "one change, one audit record");
    assert_eq!(recs[0].action, "enroll");
    for who in ["E0002", "E0003"] {
        let e = w.enrollment(who, "C-SEC").unwrap();
        assert_eq!(
            e.session.as_ref().map(|s| s.as_str()),
            Some("S-SEC-1"),
            "{who}"
        );
        assert_eq!(e.status, jinzai::domain::EnrollmentStatus::Enrolled);
    }
    // And it undoes as one.
    w.keys("u y");
    w.run_effects();
    assert!(w.enrollment("E0003", "C-SEC").is_none());
    assert_eq!(
        w.enrollment("E0002", "C-SEC").map(|e| e.session),
        Some(None),
        "E0002's plan without a session is back"
    );
}

#[test]
fn complete_and_fail_take_a_date_and_refuse_one_before_the_session() {
    let mut w = world_at(Lang::En, "2025-07-20");
    w.select_enrollee("E0003", "C-PM");
    w.keys("C");
    w.retype("2025-07-01");
    w.keys("<Enter>");
    let err = w
        .form()
        .field("on")
        .unwrap()
        .error
        .clone()
        .unwrap_or_default();
    assert!(err.contains("before"), "{err}");
    assert_eq!(w.form().value("on"), "2025-07-01");
    w.retype("2025-07-09");
    w.keys("<Enter>");
    assert!(w.question().contains("E0003"), "{}", w.question());
    w.keys("y");
    let recs = w.run_effects();
    assert_eq!(recs[0].action, "complete");
    let e = w.enrollment("E0003", "C-PM").unwrap();
    assert_eq!(e.status, jinzai::domain::EnrollmentStatus::Completed);
}

#[test]
fn cancel_and_move_act_on_the_selected_enrollee() {
    let mut w = world_at(Lang::En, "2025-01-10");
    w.select_enrollee("E0003", "C-PM");
    w.keys("m");
    // The only session of C-PM is the one they are in: moving there is refused.
    w.keys("<Enter>");
    assert!(w.form().error.is_some() || w.form().field("to").unwrap().error.is_some());
    w.keys("<Esc>");
    w.keys("x");
    assert!(w.question().starts_with("Cancel"), "{}", w.question());
    w.keys("y");
    let recs = w.run_effects();
    assert_eq!(recs[0].action, "cancel");
    assert_eq!(
        w.enrollment("E0003", "C-PM").map(|e| e.status),
        None,
        "no live enrollment is left"
    );
}

#[test]
fn bulk_enrollment_from_the_gap_view() {
    let mut w = world_at(Lang::En, "2025-01-10");
    w.keys("3 !");
    assert!(w.st.training.in_gap_view());
    let course = w.st.training.selected_course().map(|c| c.to_string());
    assert!(course.is_some(), "a gap group is selected");
    w.keys("B");
    let q = w.question();
    assert!(q.contains("S-"), "{q}");
    w.keys("y");
    let recs = w.run_effects();
    assert_eq!(recs[0].action, "bulk-enroll");
    // The gap is closed.
    let gaps = jinzai::domain::training::gaps(&w.st.loaded().unwrap().ds, w.st.session.today);
    assert!(
        gaps.iter().all(|g| Some(g.course.to_string()) != course),
        "{gaps:?}"
    );
}

#[test]
fn training_changes_need_the_right_line() {
    let mut w = world_at(Lang::En, "2025-01-10");
    w.keys("3 g g C");
    assert!(
        w.status().starts_with("select an enrollee"),
        "{}",
        w.status()
    );
}
