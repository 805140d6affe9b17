//! Screen snapshots: each pane and overlay drawn with ratatui's TestBackend, in both
//! languages, at 80x24 and 200x50. Review changes with `cargo insta review`.

mod common;

use common::*;
use jinzai::app::state::State;
use jinzai::i18n::Lang;
use jinzai::keymap::Keymap;
use jinzai::ui::{render, Theme, Ui};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn draw(st: &State, km: &Keymap) -> String {
    let theme = Theme::monochrome();
    let ui = Ui {
        keymap: km,
        theme: &theme,
    };
    let mut term = Terminal::new(TestBackend::new(st.size.0, st.size.1)).unwrap();
    term.draw(|f| render(st, &ui, f)).unwrap();
    term.backend().to_string()
}

fn snap(name: &str, lang: Lang, size: (u16, u16), script: &str) {
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(fixture(), lang, size, &km);
    keys(&mut st, &km, script);
    let tag = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    insta::assert_snapshot!(
        format!("{name}_{tag}_{}x{}", size.0, size.1),
        draw(&st, &km)
    );
}

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];
const LANGS: [Lang; 2] = [Lang::En, Lang::Ja];

#[test]
fn staff_pane() {
    for lang in LANGS {
        for size in SIZES {
            snap("staff", lang, size, "");
        }
    }
}

#[test]
fn staff_pane_after_a_search_with_the_list_focused() {
    for lang in LANGS {
        for size in SIZES {
            snap("staff_search", lang, size, "y a m a <Enter>");
        }
    }
}

#[test]
fn staff_detail_open() {
    for lang in LANGS {
        for size in SIZES {
            snap("staff_detail", lang, size, "<Enter> <Enter>");
        }
    }
}

#[test]
fn staff_detail_training_for_the_post() {
    for lang in LANGS {
        // 鈴木 (P02): enrolled in C-PM, C-SEC not taken.
        snap(
            "staff_training",
            lang,
            (80, 24),
            "s u z u k i <Enter> <Enter>",
        );
    }
}

#[test]
fn staff_detail_with_privacy_on() {
    for lang in LANGS {
        snap("staff_privacy", lang, (200, 50), "<Enter> p");
    }
}

#[test]
fn posts_pane_tree_and_detail_column() {
    for lang in LANGS {
        for size in SIZES {
            // The vacant P03 is selected first.
            snap("posts", lang, size, "<Esc> 2");
        }
    }
}

#[test]
fn posts_pane_holder_detail() {
    for lang in LANGS {
        for size in SIZES {
            // P02: a primary and a concurrent holder, courses and skills short, due.
            snap("posts_holders", lang, size, "<Esc> 2 G");
            snap("posts_detail", lang, size, "<Esc> 2 G <Enter>");
        }
    }
}

#[test]
fn posts_pane_filtered_folded_and_problems_only() {
    for lang in LANGS {
        snap("posts_filter", lang, (80, 24), "<Esc> 2 / す ず き");
        snap("posts_folded", lang, (80, 24), "<Esc> 2 ! h h");
        snap("posts_no_match", lang, (80, 24), "<Esc> 2 / z z z <Enter>");
    }
}

#[test]
fn posts_pane_hook_message_in_the_status_line() {
    for lang in LANGS {
        snap("posts_hook", lang, (80, 24), "<Esc> 2 j j E");
    }
}

#[test]
fn posts_pane_read_only_hides_mutating_hints() {
    let mut km = Keymap::builtin().unwrap();
    km.set_read_only(true);
    let mut st = state_with(fixture(), Lang::En, (120, 32), &km);
    keys(&mut st, &km, "<Esc> 2");
    let out = draw(&st, &km);
    let last = out.lines().last().unwrap();
    assert!(last.contains("problems"), "{last}");
    for word in ["assign", "transfer", "concurrent", "undo"] {
        assert!(!last.contains(word), "{word} in {last}");
    }
}

#[test]
fn posts_pane_draws_in_every_theme() {
    use jinzai::ui::ThemeKind;
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(fixture(), Lang::Ja, (120, 32), &km);
    keys(&mut st, &km, "<Esc> 2 G");
    let plain = draw(&st, &km);
    for kind in [
        ThemeKind::Default,
        ThemeKind::Light,
        ThemeKind::HighContrast,
    ] {
        for no_color in [false, true] {
            let theme = Theme::new(kind, no_color);
            let ui = Ui {
                keymap: &km,
                theme: &theme,
            };
            let mut term = Terminal::new(TestBackend::new(120, 32)).unwrap();
            term.draw(|f| render(&st, &ui, f)).unwrap();
            assert_eq!(term.backend().to_string(), plain, "{kind:?} {no_color}");
        }
    }
}

#[test]
fn rotation_pane_before_a_run() {
    for lang in LANGS {
        for size in SIZES {
            snap("rotation", lang, size, "<Esc> 4");
        }
    }
}

/// The rotation pane after `r` on the fixture, the run done as the planner thread
/// does it (its timing zeroed so that the screen is the same every time), then
/// `script`.
fn snap_plan(name: &str, lang: Lang, size: (u16, u16), script: &str) {
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(fixture(), lang, size, &km);
    keys(&mut st, &km, "<Esc> 4 r");
    for e in std::mem::take(&mut st.effects) {
        if let jinzai::app::effect::Effect::RunPlan {
            id, inputs, today, ..
        } = e
        {
            let d = st.loaded().unwrap().clone();
            let mut o = jinzai::app::rotation::compute(&d.ds, &inputs, today).unwrap();
            o.plan.timing = Default::default();
            let msg = jinzai::app::update::Msg::PlanDone {
                id,
                result: Ok(std::sync::Arc::new(o)),
            };
            jinzai::app::update::on_msg(&mut st, &km, msg);
        }
    }
    keys(&mut st, &km, script);
    let tag = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    insta::assert_snapshot!(
        format!("{name}_{tag}_{}x{}", size.0, size.1),
        draw(&st, &km)
    );
}

#[test]
fn rotation_pane_proposals_with_the_first_explained() {
    for lang in LANGS {
        for size in SIZES {
            snap_plan("rotation_plan", lang, size, "");
        }
    }
}

#[test]
fn rotation_pane_other_lists() {
    for lang in LANGS {
        snap_plan("rotation_unplaced", lang, (200, 50), "] ]");
        snap_plan("rotation_unfilled", lang, (200, 50), "] ] ]");
        snap_plan("rotation_chains", lang, (200, 50), "c");
        snap_plan("rotation_mix", lang, (200, 50), "m");
        snap_plan("rotation_settings", lang, (120, 40), "[");
        snap_plan("rotation_detail", lang, (80, 24), "<Enter>");
    }
}

// The training pane: the catalogue (courses, unfolded to sessions and enrollees), the
// detail of each level, the gap view and the staff detail's training for the post.

#[test]
fn training_pane_courses_and_course_detail() {
    for lang in LANGS {
        for size in SIZES {
            // C-PM is selected first; C-SEC has the fixture's one gap.
            snap("training", lang, size, "<Esc> 3");
        }
    }
}

#[test]
fn training_pane_unfolded_to_sessions_and_enrollees() {
    for lang in LANGS {
        for size in SIZES {
            // Everything unfolded; the session S-SEC-1 selected.
            snap("training_tree", lang, size, "<Esc> 3 + G k k k");
            // 鈴木 in S-PM-1, and his progress against P02: C-PM enrolled, C-SEC not.
            snap("training_enrollee", lang, size, "<Esc> 3 + g g j j <Enter>");
        }
    }
}

#[test]
fn training_pane_gap_view() {
    for lang in LANGS {
        for size in SIZES {
            snap("training_gaps", lang, size, "<Esc> 3 ! j");
        }
    }
}

#[test]
fn training_pane_filtered_and_no_match() {
    for lang in LANGS {
        snap("training_filter", lang, (80, 24), "<Esc> 3 / や ま だ");
        snap(
            "training_no_match",
            lang,
            (80, 24),
            "<Esc> 3 / z z z <Enter>",
        );
    }
}

#[test]
fn help_overlay() {
    for lang in LANGS {
        for size in SIZES {
            snap("help", lang, size, "<Esc> ?");
        }
        snap("help_filtered", lang, (80, 24), "<Esc> ? s o r t");
    }
}

#[test]
fn palette_overlay() {
    for lang in LANGS {
        for size in SIZES {
            snap("palette", lang, size, "<Esc> :");
        }
        snap("palette_filtered", lang, (80, 24), "<Esc> : p r i v");
    }
}

#[test]
fn too_small_window() {
    for lang in LANGS {
        snap("too_small", lang, (40, 10), "");
    }
}

#[test]
fn tiny_windows_do_not_panic() {
    let km = Keymap::builtin().unwrap();
    for (w, h) in [(1, 1), (2, 1), (79, 24), (80, 23), (10, 3)] {
        let st = state_with(fixture(), Lang::Ja, (w, h), &km);
        let out = draw(&st, &km);
        assert_eq!(out.lines().count(), h as usize);
    }
}

#[test]
fn posts_pane_fits_any_screen_at_least_80_by_24() {
    let km = Keymap::builtin().unwrap();
    for lang in LANGS {
        for (w, h) in [
            (80, 24),
            (81, 25),
            (109, 30),
            (110, 30),
            (140, 40),
            (250, 60),
        ] {
            for script in ["<Esc> 2", "<Esc> 2 G", "<Esc> 2 G <Enter>", "<Esc> 2 g g"] {
                let mut st = state_with(fixture(), lang, (w, h), &km);
                keys(&mut st, &km, script);
                let out = draw(&st, &km);
                assert_eq!(out.lines().count(), h as usize);
                assert!(
                    out.lines()
                        .all(|l| l.trim_matches(|c| c == '│' || c == ' ') != "…"),
                    "a lone ellipsis at {w}x{h} {script}:\n{out}"
                );
            }
        }
    }
}

#[test]
fn training_pane_fits_any_screen_at_least_80_by_24() {
    let km = Keymap::builtin().unwrap();
    let demo = jinzai::demo::synthetic(&jinzai::demo::Spec {
        staff: 300,
        posts: 60,
        seed: 4,
    });
    for ds in [fixture(), demo] {
        for lang in LANGS {
            for (w, h) in [(80, 24), (109, 30), (110, 30), (140, 40), (250, 60)] {
                for script in [
                    "<Esc> 3",
                    "<Esc> 3 + j",
                    "<Esc> 3 + j j",
                    "<Esc> 3 + G",
                    "<Esc> 3 + j j <Enter>",
                    "<Esc> 3 !",
                    "<Esc> 3 ! j",
                    "<Esc> 3 ! j <Enter>",
                    "<Esc> 3 / z z z",
                ] {
                    let mut st = state_with(ds.clone(), lang, (w, h), &km);
                    keys(&mut st, &km, script);
                    let out = draw(&st, &km);
                    assert_eq!(out.lines().count(), h as usize);
                    assert!(
                        out.lines()
                            .all(|l| l.trim_matches(|c| c == '│' || c == ' ') != "…"),
                        "a lone ellipsis at {w}x{h} {script}:\n{out}"
                    );
                }
            }
        }
    }
}

#[test]
fn read_only_mode_is_shown_in_the_header() {
    let mut km = Keymap::builtin().unwrap();
    km.set_read_only(true);
    let st = state_with(fixture(), Lang::En, (120, 32), &km);
    let out = draw(&st, &km);
    let first = out.lines().next().unwrap();
    assert!(first.contains("RO"), "{first}");
}

#[test]
fn a_long_post_history_gives_way_to_a_count_on_a_small_screen() {
    use jinzai::domain::date::parse_date;
    use jinzai::domain::{Assignment, PostId, StaffId};
    let km = Keymap::builtin().unwrap();
    let mut ds = fixture();
    for y in 1980..2010 {
        let a = Assignment {
            staff: StaffId::new_unchecked("E0002"),
            post: PostId::new_unchecked("P03"),
            start: parse_date(&format!("{y}-04-01")).unwrap(),
            end: Some(parse_date(&format!("{}-03-31", y + 1)).unwrap()),
            concurrent: false,
        };
        ds.assignments.insert(a.key(), a);
    }
    for lang in LANGS {
        let mut st = state_with(ds.clone(), lang, (80, 24), &km);
        keys(&mut st, &km, "<Esc> 2 <Enter>");
        let out = draw(&st, &km);
        let more = if lang == Lang::En {
            "earlier"
        } else {
            "ほか"
        };
        let line = out.lines().find(|l| l.contains(more)).unwrap_or_else(|| {
            panic!("no count of the rest:\n{out}");
        });
        assert!(line.contains('…'), "{line}");
        // The newest holding is shown, and the box's bottom border is intact.
        assert!(out.contains("2018-04 ── 2023-03"), "{out}");
        assert!(out.lines().nth(22).unwrap().starts_with("\"└"), "{out}");
    }
}

// The change flows on the posts pane: the staff picker with each person's fit, the
// date form, and the question with its warnings.

#[test]
fn staff_picker_for_a_post() {
    for lang in LANGS {
        for size in SIZES {
            // P03 is vacant: the picker opens on its grade.
            snap("picker", lang, size, "<Esc> 2 a");
        }
    }
}

#[test]
fn assignment_date_form() {
    for lang in LANGS {
        snap("assign_date", lang, (80, 24), "<Esc> 2 a <Enter>");
    }
}

#[test]
fn question_with_warnings() {
    for lang in LANGS {
        // Transfer E0003 (課長補佐) into P03 (a 係員 post): a grade warning.
        snap(
            "transfer_question",
            lang,
            (80, 24),
            "<Esc> 2 t <Backspace> <Backspace> <Backspace> <Backspace> <Backspace> <Backspace> <Backspace> <Backspace> <Backspace> E 0 0 0 3 <Enter> <Enter>",
        );
    }
}

#[test]
fn log_view_while_loading() {
    for lang in LANGS {
        snap("log_loading", lang, (80, 24), "<Esc> 2 L");
    }
}

/// While the planner runs, the figures line shows its stage and how far it has got,
/// read from the handle the run's effect carries.
#[test]
fn a_running_plan_shows_its_progress() {
    use jinzai::plan::Stage;
    for (lang, scoring, pricing) in [
        (Lang::En, "scoring 45% · ", "pricing round 2 · "),
        (Lang::Ja, "採点中 45% · ", "双対価格で検算 2 回目 · "),
    ] {
        let km = Keymap::builtin().unwrap();
        let mut st = state_with(fixture(), lang, (120, 30), &km);
        keys(&mut st, &km, "<Esc> 4 r");
        let progress = match st.effects.first() {
            Some(jinzai::app::effect::Effect::RunPlan { progress, .. }) => progress.clone(),
            other => panic!("no run: {other:?}"),
        };
        let running = st.rotation.running.as_ref().unwrap();
        assert!(std::sync::Arc::ptr_eq(&progress, &running.progress));
        progress.stage(Stage::Scoring, 200);
        progress.add(90);
        let screen = draw(&st, &km);
        assert!(screen.contains(scoring), "{screen}");
        progress.round(2);
        progress.stage(Stage::Pricing, 0);
        let screen = draw(&st, &km);
        assert!(screen.contains(pricing), "{screen}");
    }
}
