//! The rotation pane driven through update() with no terminal, on the demo ministry
//! in a real temporary database: run, detail, pin, exclude, swap, settings,
//! scenarios (save, compare, load), CSV export, accept and one-step undo. Effects are
//! done as the TUI loop does them (`tui::perform_now`), so writes reach the store and
//! the audit log.

mod common;

use common::*;
use jinzai::app::overlay::Overlay;
use jinzai::app::rotation::View;
use jinzai::app::state::State;
use jinzai::app::update::on_msg;
use jinzai::audit::{Actor, AuditDraft, Filter};
use jinzai::db::Db;
use jinzai::domain::{ChangeSet, Dataset};
use jinzai::i18n::Lang;
use jinzai::keymap::Keymap;
use jinzai::plan::{Move, Settings};
use jinzai::store::Store;
use tempfile::TempDir;

struct World {
    st: State,
    km: Keymap,
    db: Db,
    dir: TempDir,
}

fn world(lang: Lang) -> World {
    world_with(jinzai::demo::ministry(7), lang)
}

fn world_with(ds: Dataset, lang: Lang) -> World {
    let dir = TempDir::new().unwrap();
    let db = Db::open(&dir.path().join("db"), false, Actor::from_env()).unwrap();
    db.commit(&ChangeSet::fill(&ds), AuditDraft::new("import", "demo"))
        .unwrap();
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(ds, lang, (160, 40), &km);
    keys(&mut st, &km, "<Esc> 4");
    World { st, km, db, dir }
}

impl World {
    fn keys(&mut self, seq: &str) {
        keys(&mut self.st, &self.km, seq);
    }

    fn type_text(&mut self, text: &str) {
        type_text(&mut self.st, &self.km, text);
    }

    /// Does every effect as the TUI loop would, until none is left.
    fn settle(&mut self) {
        for _ in 0..5 {
            let effects = std::mem::take(&mut self.st.effects);
            if effects.is_empty() {
                return;
            }
            for e in effects {
                if let Some(m) = jinzai::tui::perform_now(&self.db, &self.st, e) {
                    on_msg(&mut self.st, &self.km, m);
                }
            }
        }
    }

    fn run(&mut self) {
        self.keys("r");
        self.settle();
        assert!(self.st.rotation.running.is_none());
        assert!(
            self.st.rotation.outcome.is_some(),
            "{:?}",
            self.st.rotation.failed
        );
    }

    fn plan(&self) -> &jinzai::plan::Plan {
        &self.st.rotation.outcome.as_ref().unwrap().plan
    }

    fn stored(&self) -> Dataset {
        self.db.store.load().unwrap()
    }

    fn question(&self) -> String {
        match &self.st.overlay {
            Some(Overlay::Confirm(c)) => c.question.clone(),
            _ => panic!("no question open; status {:?}", self.st.status),
        }
    }

    fn form_error(&self) -> Option<String> {
        match &self.st.overlay {
            Some(Overlay::Form(f)) => f.form.fields.iter().find_map(|x| x.error.clone()),
            _ => None,
        }
    }

    /// Clears the form's field in focus and types `text`.
    fn fill(&mut self, text: &str) {
        for _ in 0..80 {
            self.keys("<Backspace>");
        }
        self.type_text(text);
    }
}

#[test]
fn running_the_plan_shows_the_planners_proposals_and_explains_them() {
    let mut w = world(Lang::En);
    assert!(w.st.rotation.outcome.is_none());
    w.run();
    let today = w.st.session.today;
    let expected = jinzai::plan::run(
        &w.stored(),
        &Settings::new(jinzai::domain::queries::next_april_first(today)),
    );
    let plan = w.plan();
    assert_eq!(plan.objective, expected.objective);
    assert_eq!(plan.hash(), expected.hash());
    assert!(!plan.proposals.is_empty());
    // Chains hold every move exactly once.
    let steps: usize =
        w.st.rotation
            .outcome
            .as_ref()
            .unwrap()
            .chains
            .iter()
            .map(|c| c.steps.len())
            .sum();
    assert_eq!(steps, plan.moves.len());
    w.keys("<Enter>");
    assert!(w.st.rotation.detail_open);
    w.keys("<Esc> ] ]");
    assert_eq!(w.st.rotation.view, View::Unplaced);
    w.keys("c");
    assert_eq!(w.st.rotation.view, View::Chains);
    w.keys("m");
    assert_eq!(w.st.rotation.view, View::Mix);
    w.keys("<Esc>");
    assert_eq!(w.st.rotation.view, View::Proposals);
}

#[test]
fn accept_then_undo_restores_the_exact_prior_state() {
    let mut w = world(Lang::En);
    let before = w.stored();
    w.run();
    let hash = w.plan().hash();
    let moves = w.plan().moves.len();
    w.keys("A");
    let q = w.question();
    assert!(q.contains("Accept the rotation plan"), "{q}");
    assert!(q.contains(" → "), "the question shows the chains: {q}");
    w.keys("y");
    w.settle();
    let after = w.stored();
    assert_ne!(after, before);
    let log = w.db.log(&Filter::default()).unwrap();
    let rec = log.last().unwrap();
    assert_eq!(rec.action, "plan-accept");
    assert!(rec.summary.contains(&hash), "{}", rec.summary);
    assert_eq!(w.st.rotation.accepted, Some(rec.seq));
    // A backup of the records as they were came first.
    let backups: Vec<String> = std::fs::read_dir(w.dir.path().join("db/backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        backups.iter().any(|n| n.ends_with("-plan-accept.json")),
        "{backups:?}"
    );
    assert!(w.st.rotation.stale);
    // Every move is in the store: the new holding from the date.
    let as_of = w.plan().as_of;
    for m in &w.plan().moves {
        if let Move::Take { staff, to, .. } = m {
            assert!(after
                .assignments
                .values()
                .any(|a| &a.staff == staff && &a.post == to && a.start == as_of));
        }
    }
    assert!(moves > 0);
    // A stale plan cannot be accepted twice.
    w.keys("A");
    assert!(w.st.overlay.is_none());
    assert!(w.st.status.as_ref().unwrap().error);
    // One step undoes it all.
    w.keys("u");
    assert!(w.question().contains("Undo"));
    w.keys("y");
    w.settle();
    assert_eq!(w.stored(), before);
    let log = w.db.log(&Filter::default()).unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[2].undoes, Some(log[1].seq));
}

#[test]
fn pins_and_excludes_are_honoured_when_the_plan_runs_again() {
    let mut w = world(Lang::En);
    w.run();
    // Pin the second proposal.
    w.keys("j");
    let p = w.plan().proposals[1].clone();
    w.keys("P");
    w.settle();
    assert_eq!(w.st.rotation.inputs.pins.len(), 1);
    let again = w
        .plan()
        .proposals
        .iter()
        .find(|x| x.staff == p.staff)
        .unwrap();
    assert_eq!(again.post, p.post);
    assert!(again.pinned);
    // Exclude the person of the first proposal, and the post of the next.
    w.keys("g g");
    let person = w.plan().proposals[0].staff.clone();
    w.keys("x");
    w.settle();
    let plan = w.plan();
    assert!(plan.proposals.iter().all(|x| x.staff != person));
    assert!(plan.unplaced.iter().all(|x| x.staff != person));
    assert!(plan
        .stays
        .iter()
        .filter(|s| s.in_plan)
        .all(|x| x.staff != person));
    let post = plan.proposals[0].post.clone();
    w.keys("g g X");
    w.settle();
    assert!(w.plan().proposals.iter().all(|x| x.post != post));
    assert!(w.plan().unfilled.iter().all(|x| x.post != post));
    // The settings list shows them, and D takes a pin away.
    w.keys("] ] ] ] ] ] ] ]");
    assert_eq!(w.st.rotation.view, View::Weights);
    let first = jinzai::app::rotation::SETTINGS_FIXED_ROWS;
    w.keys("G");
    assert_eq!(w.st.rotation.selected(), first + 2);
    w.keys("g g");
    for _ in 0..first {
        w.keys("j");
    }
    w.keys("D");
    w.settle();
    assert!(w.st.rotation.inputs.pins.is_empty());
    assert_eq!(w.st.rotation.inputs.excludes.len(), 2);
}

#[test]
fn a_swap_by_hand_shows_what_it_costs_and_the_moves_follow() {
    let mut w = world(Lang::En);
    w.run();
    let before = w.plan().clone();
    // Find two proposals whose people could take each other's posts: same grade.
    let ps = &before.proposals;
    let (i, j) = (0..ps.len())
        .flat_map(|i| (i + 1..ps.len()).map(move |j| (i, j)))
        .find(|&(i, j)| {
            ps[i].grade == ps[j].grade
                && ps[i].staff_grade == ps[j].staff_grade
                && ps[i].post != ps[j].post
                && ps[i].current_post.as_deref() != Some(ps[j].post.as_str())
                && ps[j].current_post.as_deref() != Some(ps[i].post.as_str())
        })
        .expect("two proposals of one grade");
    let (a, b) = (ps[i].staff.clone(), ps[j].staff.clone());
    w.keys("g g");
    for _ in 0..i {
        w.keys("j");
    }
    w.keys("w");
    assert_eq!(
        w.st.rotation.swap_mark.as_ref().map(|s| s.to_string()),
        Some(a.clone())
    );
    w.keys("g g");
    for _ in 0..j {
        w.keys("j");
    }
    w.keys("w");
    w.settle();
    let o = w.st.rotation.outcome.as_ref().unwrap();
    assert!(o.swap_errors.is_empty(), "{:?}", o.swap_errors);
    assert_eq!(o.swapped.len(), 1);
    let delta = o.swapped[0].delta;
    // The solver's plan is optimal: a swap cannot do better.
    assert!(delta <= 0);
    assert_eq!(o.plan.objective, before.objective + delta);
    let post_of = |p: &jinzai::plan::Plan, s: &str| {
        p.proposals
            .iter()
            .find(|x| x.staff == s)
            .unwrap()
            .post
            .clone()
    };
    assert_eq!(post_of(&o.plan, &a), ps[j].post);
    assert_eq!(post_of(&o.plan, &b), ps[i].post);
    assert_ne!(o.plan.hash(), before.hash());
    assert_eq!(w.st.rotation.previous_objective, Some(before.objective));
}

#[test]
fn scenarios_are_saved_compared_and_loaded() {
    let mut w = world(Lang::En);
    w.run();
    w.keys("S");
    w.fill("baseline");
    w.keys("<Enter>");
    w.settle();
    let path = jinzai::plan::scenario::path_in(&w.dir.path().join("db"));
    let saved = jinzai::plan::scenario::load(&path).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].name, "baseline");
    // A second scenario with a person left out.
    w.keys("x");
    w.settle();
    w.keys("S");
    w.fill("without-one");
    w.keys("<Enter>");
    w.settle();
    assert_eq!(jinzai::plan::scenario::load(&path).unwrap().len(), 2);
    // A bad name stays in the form with the reason.
    w.keys("S");
    w.fill("   ");
    w.keys("<Enter>");
    assert!(w.form_error().is_some());
    w.keys("<Esc>");
    // Compare both.
    w.keys("C");
    assert_eq!(w.st.rotation.view, View::Scenarios);
    w.keys("C");
    w.settle();
    assert_eq!(w.st.rotation.view, View::Compare);
    let c = w.st.rotation.compared.as_ref().unwrap();
    assert_eq!(c.len(), 2);
    let objectives: Vec<i64> = c
        .iter()
        .map(|x| x.result.as_ref().unwrap().plan.objective)
        .collect();
    assert!(
        objectives[0] >= objectives[1],
        "{objectives:?}: leaving someone out cannot help"
    );
    // Load the first one back: no excludes.
    w.keys("C g g <Enter>");
    w.settle();
    assert!(w.st.rotation.inputs.excludes.is_empty());
    assert_eq!(w.st.rotation.scenario.as_deref(), Some("baseline"));
    assert_eq!(w.plan().objective, objectives[0]);
    // Delete it.
    w.keys("C g g D");
    w.settle();
    assert_eq!(jinzai::plan::scenario::load(&path).unwrap().len(), 1);
}

#[test]
fn settings_change_the_date_and_term_and_a_bad_value_stays_in_the_form() {
    let mut w = world(Lang::En);
    w.run();
    w.keys("s");
    w.fill("2027-10-01");
    w.keys("<Tab>");
    w.fill("999");
    w.keys("<Enter>");
    assert!(w.form_error().unwrap().contains("240"));
    w.fill("36");
    w.keys("<Enter>");
    w.settle();
    let plan = w.plan();
    assert_eq!(jinzai::domain::date::iso(plan.as_of), "2027-10-01");
    assert_eq!(plan.config.term_months, 36);
    // A settings file that does not exist: the run fails and says why.
    w.keys("s <Tab> <Tab>");
    w.fill("/nonexistent/planner.toml");
    w.keys("<Enter>");
    w.settle();
    assert!(w
        .st
        .rotation
        .failed
        .as_ref()
        .unwrap()
        .contains("/nonexistent/planner.toml"));
}

#[test]
fn export_writes_every_line_of_the_plan_and_never_overwrites() {
    let mut w = world(Lang::En);
    w.run();
    let path = w.dir.path().join("plan.csv");
    w.keys("E");
    w.fill(path.to_str().unwrap());
    w.keys("<Enter>");
    w.settle();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        jinzai::plan::export::COLUMNS.to_vec()
    );
    let plan = w.plan();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let n = plan.proposals.len()
        + plan.stays.iter().filter(|s| s.in_plan).count()
        + plan.unplaced.len()
        + plan.unfilled.len();
    assert_eq!(rows.len(), n);
    assert_eq!(
        rows.iter().filter(|r| &r[0] == "move").count(),
        plan.proposals.len()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a plan is personnel data");
    }
    // The same file again: refused, the file untouched.
    w.keys("E");
    w.fill(path.to_str().unwrap());
    w.keys("<Enter>");
    w.settle();
    assert!(w.st.status.as_ref().unwrap().error);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn the_mix_after_the_plan_is_what_accepting_it_makes() {
    let ds = jinzai::demo::ministry(7);
    let as_of = jinzai::domain::Date::new(2027, 4, 1).unwrap();
    let plan = jinzai::plan::run(&ds, &Settings::new(as_of));
    let mix = jinzai::plan::mix::unit_mix(&ds, &plan);
    let mut after = ds.clone();
    after.apply(&plan.accept_changes(&ds).unwrap());
    let empty = jinzai::plan::Plan {
        moves: Vec::new(),
        ..plan.clone()
    };
    let actual = jinzai::plan::mix::unit_mix(&after, &empty);
    for m in &mix {
        let got = actual
            .iter()
            .find(|x| x.unit == m.unit)
            .map(|x| x.before)
            .unwrap_or_default();
        assert_eq!(m.after, got, "unit {}", m.unit);
    }
    assert!(mix.iter().any(|m| m.changed()));
}

#[test]
fn read_only_mode_hides_accept_and_scenario_saving() {
    let ds = jinzai::demo::ministry(7);
    let mut km = Keymap::builtin().unwrap();
    km.set_read_only(true);
    let mut st = state_with(ds, Lang::En, (160, 40), &km);
    keys(&mut st, &km, "<Esc> 4 A");
    assert!(st.overlay.is_none());
    keys(&mut st, &km, "S");
    assert!(st.overlay.is_none());
}

#[test]
fn an_unfilled_posts_course_gap_leads_straight_to_enrolling_the_nearest() {
    // The fixture's P01 stays unfilled (its one candidate, E0001, is placed
    // elsewhere); make it ask for C-PM too, which E0001 has not taken.
    let mut ds = fixture();
    let p01 = jinzai::domain::PostId::parse("P01").unwrap();
    let c_pm = jinzai::domain::CourseId::parse("C-PM").unwrap();
    ds.posts.get_mut(&p01).unwrap().courses.push(c_pm.clone());
    let mut w = world_with(ds, Lang::En);
    w.run();
    let unfilled = &w.plan().unfilled;
    let at = unfilled
        .iter()
        .position(|u| u.post == "P01")
        .expect("P01 unfilled");
    assert!(unfilled[at].nearest.iter().any(|n| n.staff == "E0001"));
    // Not on the unfilled list: refused with where to go.
    w.keys("a");
    assert!(w.st.status.as_ref().unwrap().error);
    w.keys("] ] ] g g");
    for _ in 0..at {
        w.keys("j");
    }
    w.keys("a");
    let q = w.question();
    assert!(q.contains("E0001") && q.contains("C-PM"), "{q}");
    w.keys("y");
    w.settle();
    let e0001 = jinzai::domain::StaffId::parse("E0001").unwrap();
    let stored = w.stored();
    let progress = jinzai::domain::training::course_progress(&stored, &e0001, &c_pm);
    assert!(
        !matches!(progress, jinzai::domain::training::Progress::Missing { .. }),
        "{progress:?}"
    );
    let log = w.db.log(&Filter::default()).unwrap();
    assert_eq!(log.len(), 2);
}

/// The run's effect carries the pane's progress handle; the planner moves it through
/// its stages and leaves it at the report when done.
#[test]
fn the_planner_reports_its_progress_through_the_runs_handle() {
    use jinzai::plan::Stage;
    let mut w = world(Lang::En);
    w.keys("r");
    let progress = std::sync::Arc::clone(&w.st.rotation.running.as_ref().unwrap().progress);
    assert_eq!(progress.get().stage, Stage::Scope);
    w.settle();
    assert!(w.st.rotation.running.is_none());
    assert!(w.st.rotation.outcome.is_some());
    let at = progress.get();
    assert_eq!(at.stage, Stage::Report);
    assert!(at.round >= 1, "the solver ran: {at:?}");
}
