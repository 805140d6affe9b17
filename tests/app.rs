//! The TUI's behaviour driven through update() with no terminal: keys in, state out.

mod common;

use common::*;
use jinzai::app::action::Action;
use jinzai::app::overlay::Overlay;
use jinzai::app::state::{Data, Pane, State};
use jinzai::app::update::update;
use jinzai::i18n::Lang;
use jinzai::keymap::Keymap;
use jinzai::search::SortKey;

fn setup() -> (State, Keymap) {
    let km = Keymap::builtin().unwrap();
    let st = state_with(fixture(), Lang::En, (120, 32), &km);
    (st, km)
}

#[test]
fn starts_on_the_staff_pane_with_the_query_line_focused_and_everyone_listed() {
    let (st, _) = setup();
    assert_eq!(st.pane, Pane::Staff);
    assert!(st.staff.editing);
    assert_eq!(result_ids(&st), vec!["E0001", "E0002", "E0003"]);
}

#[test]
fn typing_a_romaji_name_filters_as_you_type() {
    let (mut st, km) = setup();
    type_text(&mut st, &km, "yamada");
    assert_eq!(st.staff.query.text(), "yamada");
    assert_eq!(result_ids(&st), vec!["E0001"]);
    assert!(!st.staff.hits[0].kana_match.is_empty());
}

#[test]
fn typing_kana_and_kanji_finds_the_same_person() {
    let (mut st, km) = setup();
    type_text(&mut st, &km, "さとう");
    assert_eq!(result_ids(&st), vec!["E0002"]);
    keys(&mut st, &km, "<Backspace> <Backspace> <Backspace>");
    type_text(&mut st, &km, "佐藤");
    assert_eq!(result_ids(&st), vec!["E0002"]);
}

#[test]
fn backspace_widens_the_results_again() {
    let (mut st, km) = setup();
    type_text(&mut st, &km, "suzuki");
    assert_eq!(result_ids(&st), vec!["E0003"]);
    for _ in 0..6 {
        keys(&mut st, &km, "<Backspace>");
    }
    assert_eq!(result_ids(&st).len(), 3);
}

#[test]
fn a_bad_filter_shows_its_error_and_keeps_the_last_results() {
    let (mut st, km) = setup();
    type_text(&mut st, &km, "grade:部");
    let before = result_ids(&st);
    type_text(&mut st, &km, "長");
    assert_eq!(result_ids(&st), before, "the last good results stay");
    let err = st.staff.query_error.clone().unwrap();
    assert!(err.contains("unknown grade '部長'"), "{err}");
    keys(&mut st, &km, "<C-w>");
    assert_eq!(st.staff.query_error, None);
    assert_eq!(result_ids(&st).len(), 3);
}

#[test]
fn filters_combine_with_text() {
    let (mut st, km) = setup();
    type_text(&mut st, &km, "grade:deputy");
    assert_eq!(result_ids(&st), vec!["E0003"]);
}

#[test]
fn enter_leaves_the_query_line_and_j_k_move_the_selection() {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Enter>");
    assert!(!st.staff.editing);
    keys(&mut st, &km, "j j");
    assert_eq!(st.staff.selected, 2);
    keys(&mut st, &km, "j");
    assert_eq!(st.staff.selected, 2, "stops at the last row");
    keys(&mut st, &km, "k");
    assert_eq!(st.staff.selected, 1);
}

#[test]
fn g_g_goes_to_the_top_and_capital_g_to_the_bottom() {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Enter> G");
    assert_eq!(st.staff.selected, 2);
    keys(&mut st, &km, "g");
    assert_eq!(st.pending.display(), "g");
    assert_eq!(st.staff.selected, 2);
    keys(&mut st, &km, "g");
    assert_eq!(st.staff.selected, 0);
    assert!(st.pending.is_empty());
}

#[test]
fn paging_scrolls_a_long_list_and_keeps_the_selection_visible() {
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(many(200), Lang::En, (80, 24), &km);
    let page = 24 - 6;
    keys(&mut st, &km, "<Enter> <PageDown>");
    assert_eq!(st.staff.selected, page);
    assert_eq!(st.staff.offset, 1);
    keys(&mut st, &km, "G");
    assert_eq!(st.staff.selected, 202);
    assert_eq!(st.staff.offset, 203 - page);
    keys(&mut st, &km, "<PageUp>");
    assert_eq!(st.staff.selected, 202 - page);
}

#[test]
fn open_shows_the_detail_and_escape_steps_back() {
    let (mut st, km) = setup();
    type_text(&mut st, &km, "suzuki");
    keys(&mut st, &km, "<Enter> <Enter>");
    assert!(st.staff.detail_open);
    keys(&mut st, &km, "<Esc>");
    assert!(!st.staff.detail_open);
    assert_eq!(st.staff.query.text(), "suzuki");
    keys(&mut st, &km, "<Esc>");
    assert_eq!(st.staff.query.text(), "");
    assert_eq!(result_ids(&st).len(), 3);
}

#[test]
fn slash_refocuses_the_query_line() {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Enter> /");
    assert!(st.staff.editing);
    type_text(&mut st, &km, "q");
    assert_eq!(
        st.staff.query.text(),
        "q",
        "q types while the line has focus"
    );
    assert!(!st.quit);
}

#[test]
fn number_keys_and_tab_switch_panes() {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Enter> 3");
    assert_eq!(st.pane, Pane::Training);
    keys(&mut st, &km, "<Tab>");
    assert_eq!(st.pane, Pane::Rotation);
    keys(&mut st, &km, "<Tab>");
    assert_eq!(st.pane, Pane::Staff);
    keys(&mut st, &km, "<S-Tab>");
    assert_eq!(st.pane, Pane::Rotation);
    keys(&mut st, &km, "1");
    assert_eq!(st.pane, Pane::Staff);
}

#[test]
fn q_quits_from_the_list() {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Esc> q");
    assert!(st.quit);
}

#[test]
fn help_opens_filters_by_typing_and_closes() {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Esc> ?");
    assert!(matches!(st.overlay, Some(Overlay::Help(_))));
    type_text(&mut st, &km, "privacy");
    let Some(Overlay::Help(h)) = &st.overlay else {
        panic!("help closed")
    };
    assert_eq!(h.filter.text(), "privacy");
    let lines = jinzai::app::overlay::help_lines(&km, st.pane.scope(), h.filter.text(), false);
    assert_eq!(
        lines.iter().map(|l| l.name).collect::<Vec<_>>(),
        vec!["toggle_privacy"]
    );
    keys(&mut st, &km, "<Esc>");
    assert!(st.overlay.is_none());
}

#[test]
fn the_palette_runs_an_action_found_by_description() {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Esc> :");
    type_text(&mut st, &km, "screen sharing");
    let Some(Overlay::Palette(p)) = &st.overlay else {
        panic!("palette closed")
    };
    assert_eq!(p.matches[0].action, Action::TogglePrivacy);
    keys(&mut st, &km, "<Enter>");
    assert!(st.overlay.is_none());
    assert!(st.privacy);
}

#[test]
fn the_palette_lists_every_command_with_no_text() {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Esc> :");
    let Some(Overlay::Palette(p)) = &st.overlay else {
        panic!("palette closed")
    };
    assert!(p.matches.iter().any(|m| m.action == Action::Quit));
    assert!(p.matches.iter().any(|m| m.action == Action::CycleSort));
}

#[test]
fn sorting_cycles_keys_and_reverses() {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Esc> s s");
    assert_eq!(st.staff.sort.0, SortKey::Name);
    assert_eq!(
        result_ids(&st),
        vec!["E0002", "E0003", "E0001"],
        "サトウ, スズキ, ヤマダ"
    );
    keys(&mut st, &km, "S");
    assert!(st.staff.reverse);
    assert_eq!(result_ids(&st), vec!["E0001", "E0003", "E0002"]);
}

#[test]
fn privacy_toggles_and_says_so() {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Esc> p");
    assert!(st.privacy);
    assert_eq!(
        st.status.as_ref().unwrap().text,
        "privacy on: birth year, notes and wishes hidden"
    );
    keys(&mut st, &km, "p");
    assert!(!st.privacy);
}

#[test]
fn an_unbound_key_is_reported_not_ignored() {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Esc> z");
    assert_eq!(st.status.as_ref().unwrap().text, "no action for key: z");
    assert!(!st.status.as_ref().unwrap().error);
}

#[test]
fn read_only_refuses_mutating_actions() {
    let mut km = Keymap::builtin().unwrap();
    km.set_read_only(true);
    let mut st = state_with(fixture(), Lang::En, (120, 32), &km);
    update(&mut st, &km, Action::Edit);
    let s = st.status.clone().unwrap();
    assert!(s.error);
    assert_eq!(s.text, "edit: not available in read-only mode");
}

#[test]
fn typing_works_while_data_is_still_loading() {
    let km = Keymap::builtin().unwrap();
    let mut st = State::new(session(Lang::En, false), (120, 32));
    type_text(&mut st, &km, "yamada");
    assert!(matches!(st.data, Data::Loading));
    assert_eq!(st.staff.query.text(), "yamada");
    let ds = fixture();
    let today = st.session.today;
    jinzai::app::update::on_msg(
        &mut st,
        &km,
        jinzai::app::update::Msg::Loaded(std::sync::Arc::new(jinzai::app::state::Loaded::new(
            ds, today, 24,
        ))),
    );
    assert_eq!(result_ids(&st), vec!["E0001"]);
}

#[test]
fn a_failed_load_is_shown_not_a_crash() {
    let km = Keymap::builtin().unwrap();
    let mut st = State::new(session(Lang::En, false), (120, 32));
    jinzai::app::update::on_msg(
        &mut st,
        &km,
        jinzai::app::update::Msg::LoadFailed("disk on fire".into()),
    );
    assert!(matches!(st.data, Data::Failed(_)));
    assert_eq!(st.status.as_ref().unwrap().text, "disk on fire");
}

#[test]
fn the_confirm_dialog_runs_on_yes_and_not_on_no() {
    let (mut st, km) = setup();
    jinzai::app::update::ask(&mut st, "Quit?", jinzai::app::overlay::Deferred::Quit);
    keys(&mut st, &km, "n");
    assert!(st.overlay.is_none());
    assert!(!st.quit);
    jinzai::app::update::ask(&mut st, "Quit?", jinzai::app::overlay::Deferred::Quit);
    keys(&mut st, &km, "q");
    assert!(!st.quit, "other keys do nothing while a question is open");
    keys(&mut st, &km, "y");
    assert!(st.quit);
}

#[test]
fn a_long_list_builds_rows_as_they_scroll_into_view_and_reaches_the_last() {
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(
        jinzai::demo::synthetic(&jinzai::demo::Spec {
            staff: 5_000,
            posts: 500,
            seed: 1,
        }),
        Lang::En,
        (120, 32),
        &km,
    );
    type_text(&mut st, &km, "a");
    assert_eq!(st.staff.query.text(), "a");
    let total = st.staff.total;
    assert!(total > 1_000, "a one-letter query matches many: {total}");
    // Only the screen (and not every match) has been built.
    assert!(st.staff.hits.len() < 100, "{}", st.staff.hits.len());
    // The full ranking, for comparison.
    let Data::Ready(d) = &st.data else { panic!() };
    let all = d
        .index
        .search(&jinzai::search::Query::parse("a").unwrap(), None);
    keys(&mut st, &km, "<Enter> <PageDown> <PageDown> j");
    let sel = st.staff.selected;
    assert_eq!(st.staff.selected_hit().map(|h| h.row), Some(all[sel].row));
    keys(&mut st, &km, "G");
    assert_eq!(st.staff.selected, total - 1);
    // The rows on screen are the full ranking's, matched characters included.
    assert_eq!(st.staff.selected_hit(), all.last());
    keys(&mut st, &km, "g g");
    assert_eq!(st.staff.selected_hit().map(|h| h.row), Some(all[0].row));
}

// ---------------------------------------------------------------------------
// The posts pane (pane 2)
// ---------------------------------------------------------------------------

use jinzai::app::posts::{Mark, TreeRow};
use jinzai::domain::{Assignment, PostId, StaffId};

/// The posts pane of the fixture, with the list focused.
fn posts_setup() -> (State, Keymap) {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Esc> 2");
    (st, km)
}

/// The tree as text: `U:U-MIN`, `P:P03`, with `-` for a folded unit.
fn tree(st: &State) -> Vec<String> {
    let p = &st.posts;
    p.rows
        .iter()
        .map(|r| match r {
            TreeRow::Unit { unit, expanded, .. } => {
                let fold = if *expanded { "" } else { "-" };
                format!("U{fold}:{}", p.units[*unit].id)
            }
            TreeRow::Post { post, .. } => format!("P:{}", p.posts[*post].id),
        })
        .collect()
}

fn selected_row(st: &State) -> String {
    tree(st)[st.posts.selected].clone()
}

fn status(st: &State) -> (String, bool) {
    let s = st.status.clone().expect("a status message");
    (s.text, s.error)
}

/// The fixture plus P04, a post in the patent office whose holder meets every
/// requirement: the one post without problems.
fn with_clean_post() -> jinzai::domain::Dataset {
    let mut ds = fixture();
    let mut p = ds.posts[&PostId::new_unchecked("P03")].clone();
    p.id = PostId::new_unchecked("P04");
    p.title = "特許データ分析係員".into();
    p.skills = Default::default();
    p.courses.clear();
    p.capacity = 1;
    ds.posts.insert(p.id.clone(), p);
    let a = Assignment {
        staff: StaffId::new_unchecked("E0002"),
        post: PostId::new_unchecked("P04"),
        start: jinzai::domain::date::parse_date("2026-04-01").unwrap(),
        end: None,
        concurrent: false,
    };
    ds.assignments.insert(a.key(), a);
    ds
}

#[test]
fn pane_two_shows_the_organisation_tree_with_units_before_their_posts() {
    let (st, _) = posts_setup();
    assert_eq!(st.pane, Pane::Posts);
    assert_eq!(
        tree(&st),
        vec!["U:U-MIN", "U:U-PAT", "P:P03", "U:U-SEC", "P:P01", "P:P02"]
    );
    assert_eq!(selected_row(&st), "P:P03", "the first post is selected");
    assert_eq!(st.posts.shown, 3);
    // Depths: the ministry, its two units, their posts one level further in.
    assert_eq!(st.posts.units[0].depth, 0);
    assert_eq!(st.posts.units[1].depth, 1);
    assert!(matches!(st.posts.rows[2], TreeRow::Post { depth: 2, .. }));
    // Unit counts cover the whole subtree.
    assert!(matches!(
        st.posts.rows[0],
        TreeRow::Unit {
            posts: 3,
            problems: 3,
            ..
        }
    ));
}

#[test]
fn posts_carry_their_holders_today_and_warning_marks() {
    let (st, _) = posts_setup();
    let p = &st.posts;
    let item = |id: &str| p.posts.iter().find(|x| x.id.as_str() == id).unwrap();
    // P03: two seats, no one since 佐藤 left on 2023-03-31.
    let p03 = item("P03");
    assert!(p03.holders.is_empty());
    assert!(p03.marks.has(Mark::Vacant));
    let codes: Vec<&str> = p
        .problems_of(&PostId::new_unchecked("P03"))
        .iter()
        .map(|x| x.code())
        .collect();
    assert_eq!(codes, vec!["vacant"]);
    // P01: 山田 since 2020-04: past the 24-month term.
    let p01 = item("P01");
    assert_eq!(p01.holders[0].name, "山田 太郎");
    assert_eq!(p01.holders[0].months, 79);
    assert!(p01.marks.has(Mark::Due) && !p01.marks.has(Mark::Vacant));
    // P02: 鈴木 (primary) first, 山田 (concurrent) after; 鈴木 lacks security and
    // has completed neither course.
    let p02 = item("P02");
    let names: Vec<&str> = p02.holders.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, vec!["鈴木 一郎", "山田 太郎"]);
    assert!(p02.holders[1].concurrent);
    for m in [Mark::Course, Mark::Skills, Mark::Due] {
        assert!(p02.marks.has(m), "{m:?}");
    }
    assert!(!p02.marks.has(Mark::Grade) && !p02.marks.has(Mark::Vacant));
}

#[test]
fn j_k_g_move_through_units_and_posts() {
    let (mut st, km) = posts_setup();
    keys(&mut st, &km, "j");
    assert_eq!(selected_row(&st), "U:U-SEC");
    keys(&mut st, &km, "j j j");
    assert_eq!(selected_row(&st), "P:P02", "stops at the last row");
    keys(&mut st, &km, "g g");
    assert_eq!(selected_row(&st), "U:U-MIN");
    keys(&mut st, &km, "G k");
    assert_eq!(selected_row(&st), "P:P01");
}

#[test]
fn h_and_l_fold_and_unfold_a_unit() {
    let (mut st, km) = posts_setup();
    // On a post, h goes up to its unit; on the unit, it folds it.
    keys(&mut st, &km, "h");
    assert_eq!(selected_row(&st), "U:U-PAT");
    keys(&mut st, &km, "h");
    assert_eq!(
        tree(&st),
        vec!["U:U-MIN", "U-:U-PAT", "U:U-SEC", "P:P01", "P:P02"]
    );
    assert_eq!(selected_row(&st), "U-:U-PAT");
    assert!(st
        .posts
        .collapsed
        .contains(&jinzai::domain::UnitId::new_unchecked("U-PAT")));
    // On a folded unit, l unfolds it; again, it steps onto its first post.
    keys(&mut st, &km, "l");
    assert_eq!(selected_row(&st), "U:U-PAT");
    assert_eq!(tree(&st).len(), 6);
    keys(&mut st, &km, "l");
    assert_eq!(selected_row(&st), "P:P03");
    // The arrow keys do the same.
    keys(&mut st, &km, "<Left> <Left>");
    assert_eq!(selected_row(&st), "U-:U-PAT");
    keys(&mut st, &km, "<Right>");
    assert_eq!(selected_row(&st), "U:U-PAT");
}

#[test]
fn enter_folds_a_unit_and_opens_a_post() {
    let (mut st, km) = posts_setup();
    keys(&mut st, &km, "g g <Enter>");
    assert_eq!(tree(&st), vec!["U-:U-MIN"]);
    assert!(!st.posts.detail_open);
    keys(&mut st, &km, "<Enter>");
    assert_eq!(tree(&st).len(), 6);
    keys(&mut st, &km, "j j <Enter>");
    assert_eq!(selected_row(&st), "P:P03");
    assert!(st.posts.detail_open);
    keys(&mut st, &km, "<Esc>");
    assert!(!st.posts.detail_open);
}

#[test]
fn collapse_all_and_expand_all() {
    let (mut st, km) = posts_setup();
    keys(&mut st, &km, "-");
    assert_eq!(tree(&st), vec!["U-:U-MIN"]);
    assert_eq!(
        selected_row(&st),
        "U-:U-MIN",
        "the selection moves to the unit it was under"
    );
    keys(&mut st, &km, "+");
    assert_eq!(tree(&st).len(), 6);
    // Folds survive moving to another pane and back.
    keys(&mut st, &km, "j h 1 2");
    assert_eq!(tree(&st)[1], "U-:U-PAT");
}

#[test]
fn the_detail_follows_the_selection_and_tells_the_whole_post() {
    let (mut st, km) = posts_setup();
    // P03: vacant since the day after 佐藤 left; one past holder.
    let d = st.posts.detail.clone().expect("detail of P03");
    assert_eq!(st.posts.posts[d.post].id.as_str(), "P03");
    assert_eq!(d.unit_path, vec!["経済産業省", "特許庁"]);
    assert_eq!(d.seats, 2);
    assert!(d.holders.is_empty());
    assert_eq!(
        d.vacant_since.map(jinzai::domain::date::iso).as_deref(),
        Some("2023-04-01")
    );
    assert_eq!(d.history.len(), 1);
    assert_eq!(d.history[0].name, "佐藤 花子");
    // P02: two holders, measured against the post; history newest first.
    keys(&mut st, &km, "G");
    let d = st.posts.detail.clone().expect("detail of P02");
    assert_eq!(st.posts.posts[d.post].id.as_str(), "P02");
    assert_eq!(
        d.courses
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect::<Vec<_>>(),
        vec!["C-PM プロジェクト管理研修", "C-SEC セキュリティ研修"]
    );
    let fit = d.holders[0].fit.clone().unwrap();
    assert!(fit.grade_matches());
    assert_eq!(fit.skill_gaps().len(), 1);
    assert_eq!(fit.missing_courses().len(), 2);
    let starts: Vec<String> = d
        .history
        .iter()
        .map(|h| jinzai::domain::date::iso(h.start))
        .collect();
    assert_eq!(starts, vec!["2022-04-01", "2021-10-01"]);
    // On a unit there is no post detail.
    keys(&mut st, &km, "g g");
    assert!(st.posts.detail.is_none());
}

#[test]
fn the_filter_narrows_posts_and_keeps_the_units_above_them() {
    let (mut st, km) = posts_setup();
    keys(&mut st, &km, "/");
    assert!(st.posts.editing);
    assert_eq!(st.focus(), jinzai::app::action::Scope::Input);
    // A holder's name.
    type_text(&mut st, &km, "鈴木");
    assert_eq!(tree(&st), vec!["U:U-MIN", "U:U-SEC", "P:P02"]);
    assert_eq!(st.posts.shown, 1);
    assert_eq!(selected_row(&st), "P:P02", "the first match is selected");
    // Kana in hiragana finds katakana readings.
    keys(&mut st, &km, "<C-w>");
    type_text(&mut st, &km, "すずき");
    assert_eq!(tree(&st), vec!["U:U-MIN", "U:U-SEC", "P:P02"]);
    // A unit name keeps all of its posts.
    keys(&mut st, &km, "<C-w>");
    type_text(&mut st, &km, "特許庁");
    assert_eq!(tree(&st), vec!["U:U-MIN", "U:U-PAT", "P:P03"]);
    // Ids and titles, in any case and width.
    keys(&mut st, &km, "<C-w>");
    type_text(&mut st, &km, "ｐ０１");
    assert_eq!(tree(&st), vec!["U:U-MIN", "U:U-SEC", "P:P01"]);
    keys(&mut st, &km, "<C-w>");
    type_text(&mut st, &km, "pmo");
    assert_eq!(tree(&st), vec!["U:U-MIN", "U:U-SEC", "P:P02"]);
    // No match: no rows, nothing selected.
    type_text(&mut st, &km, "zzz");
    assert!(st.posts.rows.is_empty());
    assert_eq!(st.posts.selected_post(), None);
    // Enter leaves the line with the filter on; Esc then clears it.
    keys(&mut st, &km, "<C-w> <Enter>");
    assert!(!st.posts.editing);
    assert_eq!(st.posts.filter.text(), "");
    keys(&mut st, &km, "/");
    type_text(&mut st, &km, "山田");
    keys(&mut st, &km, "<Enter>");
    assert_eq!(tree(&st), vec!["U:U-MIN", "U:U-SEC", "P:P01", "P:P02"]);
    keys(&mut st, &km, "<Esc>");
    assert_eq!(st.posts.filter.text(), "");
    assert_eq!(tree(&st).len(), 6);
}

#[test]
fn keys_type_into_the_filter_rather_than_run() {
    let (mut st, km) = posts_setup();
    keys(&mut st, &km, "/");
    type_text(&mut st, &km, "q!a");
    assert_eq!(st.posts.filter.text(), "q!a");
    assert!(!st.quit && !st.posts.problems_only && st.status.is_none());
}

#[test]
fn folding_while_filtered_does_not_touch_the_full_tree() {
    let (mut st, km) = posts_setup();
    keys(&mut st, &km, "/");
    type_text(&mut st, &km, "山田");
    keys(&mut st, &km, "<Enter> -");
    assert_eq!(tree(&st), vec!["U-:U-MIN"]);
    keys(&mut st, &km, "<Esc>");
    assert_eq!(tree(&st).len(), 6, "the full tree keeps its own folds");
}

#[test]
fn problems_only_hides_posts_without_problems() {
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(with_clean_post(), Lang::En, (120, 32), &km);
    keys(&mut st, &km, "<Esc> 2");
    assert_eq!(
        tree(&st),
        vec!["U:U-MIN", "U:U-PAT", "P:P03", "P:P04", "U:U-SEC", "P:P01", "P:P02"]
    );
    assert!(st.posts.posts[3].problems.is_empty(), "P04 is fine");
    keys(&mut st, &km, "j");
    assert_eq!(selected_row(&st), "P:P04");
    keys(&mut st, &km, "!");
    assert!(st.posts.problems_only);
    assert_eq!(
        tree(&st),
        vec!["U:U-MIN", "U:U-PAT", "P:P03", "U:U-SEC", "P:P01", "P:P02"]
    );
    assert_eq!(
        selected_row(&st),
        "U:U-PAT",
        "a hidden post's selection falls back to its unit"
    );
    assert_eq!(st.posts.shown, 3);
    // Combined with a filter.
    keys(&mut st, &km, "/");
    type_text(&mut st, &km, "特許");
    assert_eq!(tree(&st), vec!["U:U-MIN", "U:U-PAT", "P:P03"]);
    keys(&mut st, &km, "<Enter> !");
    assert_eq!(tree(&st), vec!["U:U-MIN", "U:U-PAT", "P:P03", "P:P04"]);
}

#[test]
fn read_only_hides_the_posts_mutating_actions_from_keys_help_and_palette() {
    let mut km = Keymap::builtin().unwrap();
    km.set_read_only(true);
    let mut st = state_with(fixture(), Lang::En, (120, 32), &km);
    keys(&mut st, &km, "<Esc> 2");
    for k in ["a", "E", "t", "c", "u"] {
        keys(&mut st, &km, k);
        assert_eq!(status(&st).0, format!("no action for key: {k}"));
    }
    // Reading still works.
    keys(&mut st, &km, "! L");
    assert!(st.posts.problems_only);
    assert!(
        matches!(st.overlay, Some(Overlay::Log(_))),
        "the log opens read-only"
    );
    keys(&mut st, &km, "<Esc>");
    let mutating = [
        Action::Assign,
        Action::EndAssignment,
        Action::Transfer,
        Action::Concurrent,
        Action::Undo,
    ];
    for a in mutating {
        assert!(a.spec().mutating);
        update(&mut st, &km, a);
        assert_eq!(
            status(&st),
            (
                format!("{}: not available in read-only mode", a.name()),
                true
            )
        );
    }
    let help = jinzai::app::overlay::help_lines(&km, st.pane.scope(), "", false);
    assert!(help.iter().any(|l| l.name == "problems_only"));
    for a in mutating {
        assert!(help.iter().all(|l| l.name != a.name()), "{}", a.name());
    }
    keys(&mut st, &km, ":");
    let Some(Overlay::Palette(p)) = &st.overlay else {
        panic!("palette closed")
    };
    assert!(p.matches.iter().any(|m| m.action == Action::ExpandAll));
    assert!(p.matches.iter().all(|m| !mutating.contains(&m.action)));
}

#[test]
fn the_help_lists_the_posts_keys_in_read_write_mode() {
    let (st, km) = posts_setup();
    let help = jinzai::app::overlay::help_lines(&km, st.pane.scope(), "", false);
    for name in [
        "assign",
        "end_assignment",
        "transfer",
        "concurrent",
        "undo",
        "audit_log",
        "problems_only",
        "expand_all",
    ] {
        assert!(help.iter().any(|l| l.name == name), "{name}");
    }
}

#[test]
fn vim_and_emacs_keys_fold_and_filter_the_tree() {
    use jinzai::keymap::Preset;
    let vim = Keymap::preset(Preset::Vim).unwrap();
    let mut st = state_with(fixture(), Lang::En, (120, 32), &vim);
    keys(&mut st, &vim, "<Esc> 2 h h");
    assert_eq!(selected_row(&st), "U-:U-PAT");
    assert_eq!(
        st.pane,
        Pane::Posts,
        "h folds here rather than changing panes"
    );
    keys(&mut st, &vim, "z M");
    assert_eq!(tree(&st), vec!["U-:U-MIN"]);
    keys(&mut st, &vim, "z R !");
    assert!(st.posts.problems_only);
    keys(&mut st, &vim, "G C");
    let Some(Overlay::Confirm(c)) = &st.overlay else {
        panic!("C asks to confirm the concurrent mark")
    };
    assert!(c.question.starts_with("Mark E0003"), "{}", c.question);
    keys(&mut st, &vim, "n");
    let emacs = Keymap::preset(Preset::Emacs).unwrap();
    let mut st = state_with(fixture(), Lang::En, (120, 32), &emacs);
    keys(&mut st, &emacs, "<Esc> 2 <C-b> <C-b>");
    assert_eq!(selected_row(&st), "U-:U-PAT");
    keys(&mut st, &emacs, "<C-c> !");
    assert!(st.posts.problems_only);
    keys(&mut st, &emacs, "<C-x> u");
    assert!(status(&st).0.starts_with("nothing to undo"));
}

#[test]
fn a_reload_keeps_the_filter_folds_and_selected_post() {
    let (mut st, km) = posts_setup();
    keys(&mut st, &km, "G");
    keys(&mut st, &km, "g g j h");
    assert_eq!(selected_row(&st), "U-:U-PAT");
    keys(&mut st, &km, "G");
    assert_eq!(selected_row(&st), "P:P02");
    let ds = fixture();
    let today = st.session.today;
    jinzai::app::update::on_msg(
        &mut st,
        &km,
        jinzai::app::update::Msg::Loaded(std::sync::Arc::new(jinzai::app::state::Loaded::new(
            ds, today, 24,
        ))),
    );
    assert_eq!(tree(&st)[1], "U-:U-PAT");
    assert_eq!(selected_row(&st), "P:P02");
    assert!(st.posts.detail.is_some());
}

#[test]
fn a_large_tree_scrolls_and_pages_to_its_last_row() {
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(
        jinzai::demo::synthetic(&jinzai::demo::Spec {
            staff: 5_000,
            posts: 500,
            seed: 1,
        }),
        Lang::En,
        (120, 32),
        &km,
    );
    keys(&mut st, &km, "<Esc> 2");
    let p = &st.posts;
    assert_eq!(p.total(), 500);
    assert_eq!(p.rows.len(), p.units.len() + 500, "everything unfolded");
    let page = jinzai::app::posts::page_rows(32);
    keys(&mut st, &km, "g g <PageDown>");
    assert_eq!(st.posts.selected, page);
    assert_eq!(st.posts.offset, 1);
    keys(&mut st, &km, "G");
    assert_eq!(st.posts.selected, st.posts.rows.len() - 1);
    assert_eq!(st.posts.offset, st.posts.rows.len() - page);
    // Folding everything leaves the top units.
    keys(&mut st, &km, "-");
    let tops = st.posts.units.iter().filter(|u| u.depth == 0).count();
    assert_eq!(st.posts.rows.len(), tops);
    assert_eq!(st.posts.offset, 0);
}

#[test]
fn a_resize_keeps_the_selected_post_on_screen() {
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(
        jinzai::demo::synthetic(&jinzai::demo::Spec {
            staff: 500,
            posts: 100,
            seed: 2,
        }),
        Lang::En,
        (120, 50),
        &km,
    );
    keys(&mut st, &km, "<Esc> 2");
    for _ in 0..40 {
        keys(&mut st, &km, "j");
    }
    jinzai::app::update::on_msg(&mut st, &km, jinzai::app::update::Msg::Resize(80, 24));
    let page = jinzai::app::posts::page_rows(24);
    let p = &st.posts;
    assert!(p.selected >= p.offset && p.selected < p.offset + page);
}

/// Timing at the size the office plans for: `cargo test --release --test app -- --ignored
/// --nocapture posts_at_scale`.
#[test]
#[ignore]
fn posts_at_scale() {
    use std::time::Instant;
    let km = Keymap::builtin().unwrap();
    let ds = jinzai::demo::synthetic(&jinzai::demo::Spec {
        staff: 100_000,
        posts: 20_000,
        seed: 7,
    });
    let n_assign = ds.assignments.len();
    let sess = session(Lang::En, false);
    let index = jinzai::search::SearchIndex::build(&ds, sess.today, 24);
    let t = Instant::now();
    let model = jinzai::app::posts::PostsModel::build(&ds, sess.today, 24);
    eprintln!("posts model build (off the UI thread): {:?}", t.elapsed());
    let t = Instant::now();
    let training = jinzai::app::training::TrainingModel::build(&ds, sess.today);
    eprintln!(
        "training model build (off the UI thread): {:?}",
        t.elapsed()
    );
    let data = std::sync::Arc::new(jinzai::app::state::Loaded {
        ds,
        index,
        posts: model.into(),
        training: training.into(),
    });
    let mut pane = jinzai::app::posts::PostsPane::default();
    let t = Instant::now();
    pane.load(&data, sess.today, 24, 40);
    eprintln!("posts pane on the UI thread: {:?}", t.elapsed());
    let mut st = State::new(sess, (200, 50));
    let t0 = Instant::now();
    jinzai::app::update::on_msg(&mut st, &km, jinzai::app::update::Msg::Loaded(data));
    let load = t0.elapsed();
    keys(&mut st, &km, "<Esc> 2");
    let t1 = Instant::now();
    keys(&mut st, &km, "/");
    type_text(&mut st, &km, "係長");
    let filter = t1.elapsed();
    let t2 = Instant::now();
    for _ in 0..100 {
        keys(&mut st, &km, "<C-d>");
    }
    let scroll = t2.elapsed();
    let t3 = Instant::now();
    keys(&mut st, &km, "<Esc> <Esc> ! - +");
    let toggles = t3.elapsed();
    eprintln!(
        "{n_assign} assignments, {} rows: load (staff + posts) {load:?}, filter 2 keys {filter:?}, 100 pages {scroll:?}, toggles {toggles:?}",
        st.posts.rows.len()
    );
}

#[test]
fn a_closed_post_stays_in_the_tree_without_marks() {
    let km = Keymap::builtin().unwrap();
    let mut ds = fixture();
    ds.posts
        .get_mut(&PostId::new_unchecked("P03"))
        .unwrap()
        .closed = Some(jinzai::domain::date::parse_date("2026-04-01").unwrap());
    let mut st = state_with(ds, Lang::En, (120, 32), &km);
    keys(&mut st, &km, "<Esc> 2");
    assert_eq!(selected_row(&st), "P:P03");
    let item = st.posts.selected_item().unwrap();
    assert!(item.is_closed_on(st.session.today));
    assert!(item.problems.is_empty() && item.marks.is_empty());
    assert_eq!(st.posts.detail.as_ref().unwrap().history.len(), 1);
    keys(&mut st, &km, "!");
    assert_eq!(tree(&st), vec!["U:U-MIN", "U:U-SEC", "P:P01", "P:P02"]);
}

// ---------------------------------------------------------------------------
// The training pane (pane 3)
// ---------------------------------------------------------------------------

use jinzai::app::training::{TrainingRow, TrainingSort};
use jinzai::domain::{CourseId, Enrollment, EnrollmentStatus, SessionId};

/// The training pane of the fixture, with the list focused.
fn training_setup() -> (State, Keymap) {
    let (mut st, km) = setup();
    keys(&mut st, &km, "<Esc> 3");
    (st, km)
}

/// The rows as text: `C:C-PM`, `S:S-PM-1`, `S:-` (plans without a session),
/// `E:E0003`, `G:C-SEC`, `g:E0004`, with `-` before the colon for a folded line.
fn trows(st: &State) -> Vec<String> {
    let p = &st.training;
    let fold = |open: bool| if open { "" } else { "-" };
    p.rows
        .iter()
        .map(|r| match *r {
            TrainingRow::Course { course, expanded } => {
                format!("C{}:{}", fold(expanded), p.courses[course].id)
            }
            TrainingRow::Session {
                course,
                session,
                expanded,
            } => {
                let x = &p.courses[course].sessions[session];
                let id = x.id.as_ref().map_or("-".to_string(), |s| s.to_string());
                format!("S{}:{id}", fold(expanded))
            }
            TrainingRow::Enrollee {
                course,
                session,
                enrollee,
            } => format!(
                "E:{}",
                p.courses[course].sessions[session].enrollees[enrollee].staff
            ),
            TrainingRow::GapCourse {
                group, expanded, ..
            } => format!("G{}:{}", fold(expanded), p.groups[group].course),
            TrainingRow::Gap { gap, .. } => format!("g:{}", p.gaps[gap].gap.staff),
        })
        .collect()
}

fn tsel(st: &State) -> String {
    trows(st)[st.training.selected].clone()
}

fn course_ids(st: &State) -> Vec<String> {
    trows(st)
        .into_iter()
        .filter(|r| r.starts_with('C'))
        .map(|r| r.split(':').nth(1).unwrap().to_string())
        .collect()
}

fn date(s: &str) -> jinzai::domain::Date {
    jinzai::domain::date::parse_date(s).unwrap()
}

/// The fixture plus two people with gaps: E0004 (on leave) in P01, who has taken
/// nothing; E0005 in P02, who failed C-PM and has C-SEC planned without a session.
/// Gaps: C-PM E0005 (failed); C-SEC E0003, E0004 (away), E0005 (planned). And a
/// session of C-SEC to come, S-SEC-2.
fn with_gaps() -> jinzai::domain::Dataset {
    let mut ds = fixture();
    let template = ds.staff[&StaffId::new_unchecked("E0001")].clone();
    for (id, name, kana, post, leave) in [
        ("E0004", "高橋 健", "タカハシ ケン", "P01", true),
        ("E0005", "伊藤 美穂", "イトウ ミホ", "P02", false),
    ] {
        let mut s = template.clone();
        s.id = StaffId::new_unchecked(id);
        s.name = name.into();
        s.kana = kana.into();
        s.wishes.clear();
        if leave {
            s.status = jinzai::domain::Status::Leave;
            s.status_until = None;
        }
        ds.staff.insert(s.id.clone(), s);
        let a = Assignment {
            staff: StaffId::new_unchecked(id),
            post: PostId::new_unchecked(post),
            start: date("2026-04-01"),
            end: None,
            concurrent: false,
        };
        ds.assignments.insert(a.key(), a);
    }
    for (course, session, status, on) in [
        (
            "C-PM",
            Some("S-PM-1"),
            EnrollmentStatus::Failed,
            Some("2025-07-09"),
        ),
        ("C-SEC", None, EnrollmentStatus::Planned, None),
    ] {
        let e = Enrollment {
            staff: StaffId::new_unchecked("E0005"),
            course: CourseId::new_unchecked(course),
            session: session.map(SessionId::new_unchecked),
            status,
            date: on.map(date),
        };
        ds.enrollments.insert(e.key(), e);
    }
    let mut x = ds.sessions[&SessionId::new_unchecked("S-SEC-1")].clone();
    x.id = SessionId::new_unchecked("S-SEC-2");
    x.start = date("2027-01-12");
    x.end = date("2027-01-16");
    ds.sessions.insert(x.id.clone(), x);
    ds
}

fn gaps_setup() -> (State, Keymap) {
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(with_gaps(), Lang::En, (120, 32), &km);
    keys(&mut st, &km, "<Esc> 3");
    (st, km)
}

#[test]
fn pane_three_lists_the_courses_folded_with_what_each_one_is() {
    let (st, _) = training_setup();
    assert_eq!(st.pane, Pane::Training);
    assert_eq!(trows(&st), vec!["C-:C-PM", "C-:C-SEC"]);
    assert_eq!(tsel(&st), "C-:C-PM");
    let t = &st.training;
    assert_eq!(t.selected_course().map(|c| c.as_str()), Some("C-PM"));
    assert_eq!(t.selected_session(), None);
    assert_eq!(t.selected_enrollee(), None);
    assert_eq!(t.selected_gap(), None);
    assert!(!t.in_gap_view());
    // C-SEC: NCO, for 係員・係長, asked for by P01 and P02; one session with 山田's
    // completion; 佐藤's plan without a session; one gap (鈴木, in P02).
    let sec = &t.courses[1];
    assert_eq!(sec.provider, jinzai::domain::Provider::Nco);
    assert_eq!(sec.grades.len(), 2);
    let posts: Vec<String> = sec
        .posts
        .iter()
        .map(|(id, title)| format!("{id} {title}"))
        .collect();
    assert_eq!(posts, vec!["P01 情報セキュリティ係長", "P02 PMO課長補佐"]);
    assert_eq!(sec.sessions.len(), 2);
    let s1 = &sec.sessions[0];
    assert_eq!(s1.id.as_ref().map(|s| s.as_str()), Some("S-SEC-1"));
    assert_eq!(
        (s1.capacity, s1.taken, s1.completed, s1.enrolled),
        (20, 1, 1, 0)
    );
    assert_eq!(s1.enrollees[0].name, "山田 太郎");
    let plans = &sec.sessions[1];
    assert_eq!(plans.id, None);
    assert_eq!(plans.planned, 1);
    assert_eq!(plans.enrollees[0].staff.as_str(), "E0002");
    assert_eq!(sec.gaps, 1);
    assert_eq!(sec.next, None, "every session is over");
    // C-PM: 鈴木 enrolled in S-PM-1.
    let pm = &t.courses[0];
    assert_eq!(pm.sessions[0].enrolled, 1);
    assert_eq!(pm.gaps, 0);
    assert_eq!(t.shown_courses, 2);
    assert_eq!(t.gaps.len(), 1);
}

#[test]
fn courses_unfold_to_sessions_and_sessions_to_enrollees() {
    let (mut st, km) = training_setup();
    keys(&mut st, &km, "l");
    assert_eq!(trows(&st), vec!["C:C-PM", "S-:S-PM-1", "C-:C-SEC"]);
    assert_eq!(tsel(&st), "C:C-PM", "unfolding keeps the course selected");
    keys(&mut st, &km, "l");
    assert_eq!(
        tsel(&st),
        "S-:S-PM-1",
        "l on an open course goes to its first line"
    );
    assert_eq!(
        st.training.selected_session().map(|s| s.as_str()),
        Some("S-PM-1")
    );
    assert_eq!(
        st.training.selected_course().map(|c| c.as_str()),
        Some("C-PM")
    );
    keys(&mut st, &km, "l j");
    assert_eq!(tsel(&st), "E:E0003");
    let (who, course, session) = st.training.selected_enrollee().unwrap();
    assert_eq!(
        (who.as_str(), course.as_str(), session.map(|s| s.as_str())),
        ("E0003", "C-PM", Some("S-PM-1"))
    );
    assert_eq!(
        st.training.selected_session().map(|s| s.as_str()),
        Some("S-PM-1"),
        "an enrollee's session"
    );
    // h climbs: person → session → (fold) → course.
    keys(&mut st, &km, "h");
    assert_eq!(tsel(&st), "S:S-PM-1");
    keys(&mut st, &km, "h");
    assert_eq!(tsel(&st), "S-:S-PM-1");
    keys(&mut st, &km, "h");
    assert_eq!(tsel(&st), "C:C-PM");
    // Enter folds and unfolds a course.
    keys(&mut st, &km, "<Enter>");
    assert_eq!(trows(&st), vec!["C-:C-PM", "C-:C-SEC"]);
    assert!(!st.training.detail_open);
    keys(&mut st, &km, "j <Enter> G");
    assert_eq!(trows(&st), vec!["C-:C-PM", "C:C-SEC", "S-:S-SEC-1", "S-:-"]);
    // The plans without a session: no session to name, and 佐藤 in them.
    assert_eq!(st.training.selected_session(), None);
    assert_eq!(
        st.training.selected_course().map(|c| c.as_str()),
        Some("C-SEC")
    );
    keys(&mut st, &km, "<Enter> j");
    let (who, _, session) = st.training.selected_enrollee().unwrap();
    assert_eq!((who.as_str(), session), ("E0002", None));
    // Everything, then nothing.
    keys(&mut st, &km, "+");
    assert_eq!(
        trows(&st),
        vec![
            "C:C-PM",
            "S:S-PM-1",
            "E:E0003",
            "C:C-SEC",
            "S:S-SEC-1",
            "E:E0001",
            "S:-",
            "E:E0002"
        ]
    );
    assert_eq!(tsel(&st), "E:E0002");
    keys(&mut st, &km, "-");
    assert_eq!(trows(&st), vec!["C-:C-PM", "C-:C-SEC"]);
    assert_eq!(tsel(&st), "C-:C-SEC", "the selection moves to its course");
}

#[test]
fn enter_on_a_person_opens_the_detail_and_escape_closes_it() {
    let (mut st, km) = training_setup();
    keys(&mut st, &km, "+ j j");
    assert_eq!(tsel(&st), "E:E0003");
    keys(&mut st, &km, "<Enter>");
    assert!(st.training.detail_open);
    keys(&mut st, &km, "<Esc>");
    assert!(!st.training.detail_open);
    // On a narrow screen v opens the detail of any line.
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(fixture(), Lang::En, (80, 24), &km);
    keys(&mut st, &km, "<Esc> 3 v");
    assert!(st.training.detail_open);
    keys(&mut st, &km, "v");
    assert!(!st.training.detail_open);
}

#[test]
fn the_filter_finds_courses_sessions_and_people_and_unfolds_to_them() {
    let (mut st, km) = training_setup();
    keys(&mut st, &km, "/");
    assert!(st.training.editing);
    assert_eq!(st.focus(), jinzai::app::action::Scope::Input);
    // A person's name: the course and session unfold to them.
    type_text(&mut st, &km, "山田");
    assert_eq!(trows(&st), vec!["C:C-SEC", "S:S-SEC-1", "E:E0001"]);
    assert_eq!(st.training.shown_courses, 1);
    // Kana in hiragana finds katakana readings; ids in any width.
    keys(&mut st, &km, "<C-w>");
    type_text(&mut st, &km, "すずき");
    assert_eq!(trows(&st), vec!["C:C-PM", "S:S-PM-1", "E:E0003"]);
    keys(&mut st, &km, "<C-w>");
    type_text(&mut st, &km, "ｅ０００２");
    assert_eq!(trows(&st), vec!["C:C-SEC", "S:-", "E:E0002"]);
    // A provider (code or Japanese word) or a course name shows the course, folded.
    keys(&mut st, &km, "<C-w>");
    type_text(&mut st, &km, "nco");
    assert_eq!(trows(&st), vec!["C-:C-SEC"]);
    keys(&mut st, &km, "<C-w>");
    type_text(&mut st, &km, "デジタル庁");
    assert_eq!(trows(&st), vec!["C-:C-PM"]);
    // A session id shows the session, folded.
    keys(&mut st, &km, "<C-w>");
    type_text(&mut st, &km, "s-pm-1");
    assert_eq!(trows(&st), vec!["C:C-PM", "S-:S-PM-1"]);
    // Words narrow together, across levels.
    keys(&mut st, &km, "<C-w>");
    type_text(&mut st, &km, "c-sec 佐藤");
    assert_eq!(trows(&st), vec!["C:C-SEC", "S:-", "E:E0002"]);
    // Keys type rather than run while the line has focus.
    type_text(&mut st, &km, "!q");
    assert!(!st.training.gap_view && !st.quit);
    assert!(st.training.rows.is_empty());
    assert_eq!(st.training.selected_course(), None);
    // Enter leaves the line with the filter on; Esc clears it.
    keys(&mut st, &km, "<C-w> <C-w> <C-w>");
    type_text(&mut st, &km, "山田");
    keys(&mut st, &km, "<Enter> G");
    assert!(!st.training.editing);
    assert_eq!(tsel(&st), "E:E0001");
    keys(&mut st, &km, "<Esc>");
    assert_eq!(st.training.filter.text(), "");
    assert_eq!(
        trows(&st),
        vec!["C-:C-PM", "C-:C-SEC"],
        "the full tree's folds"
    );
    assert_eq!(tsel(&st), "C-:C-SEC", "back on the course of the person");
}

#[test]
fn s_cycles_the_sort_keys() {
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(with_gaps(), Lang::En, (120, 32), &km);
    keys(&mut st, &km, "<Esc> 3");
    assert_eq!(st.training.sort, TrainingSort::Id);
    assert_eq!(course_ids(&st), vec!["C-PM", "C-SEC"]);
    keys(&mut st, &km, "s");
    assert_eq!(st.training.sort, TrainingSort::Name);
    assert_eq!(
        course_ids(&st),
        vec!["C-SEC", "C-PM"],
        "セキュリティ before プロジェクト"
    );
    assert_eq!(tsel(&st), "C-:C-PM", "the selection stays on its course");
    keys(&mut st, &km, "s");
    assert_eq!(st.training.sort, TrainingSort::Provider);
    assert_eq!(
        course_ids(&st),
        vec!["C-PM", "C-SEC"],
        "Digital Agency, then NCO"
    );
    keys(&mut st, &km, "s");
    assert_eq!(st.training.sort, TrainingSort::NextSession);
    assert_eq!(
        course_ids(&st),
        vec!["C-SEC", "C-PM"],
        "S-SEC-2 is to come; C-PM has nothing"
    );
    assert_eq!(
        st.training.courses[1].next.map(jinzai::domain::date::iso),
        Some("2027-01-12".into())
    );
    keys(&mut st, &km, "s");
    assert_eq!(st.training.sort, TrainingSort::Gaps);
    assert_eq!(course_ids(&st), vec!["C-SEC", "C-PM"], "3 gaps before 1");
    keys(&mut st, &km, "s");
    assert_eq!(st.training.sort, TrainingSort::Id);
}

#[test]
fn the_gap_view_lists_the_gaps_grouped_by_course() {
    let (mut st, km) = training_setup();
    keys(&mut st, &km, "!");
    assert!(st.training.in_gap_view());
    // The fixture's one gap: 鈴木 holds P02, which asks for C-SEC.
    assert_eq!(trows(&st), vec!["G:C-SEC", "g:E0003"]);
    assert_eq!(tsel(&st), "G:C-SEC");
    assert_eq!(
        st.training.selected_course().map(|c| c.as_str()),
        Some("C-SEC")
    );
    assert_eq!(st.training.selected_gap(), None);
    keys(&mut st, &km, "j");
    let (who, course) = st.training.selected_gap().unwrap();
    assert_eq!((who.as_str(), course.as_str()), ("E0003", "C-SEC"));
    assert_eq!(st.training.selected_enrollee(), None);
    let g = &st.training.gaps[0].gap;
    assert_eq!(
        (g.post.as_str(), g.post_title.as_str()),
        ("P02", "PMO課長補佐")
    );
    keys(&mut st, &km, "<Enter>");
    assert!(st.training.detail_open, "Enter opens a person's detail");
    // Esc closes the detail, then leaves the gap view.
    keys(&mut st, &km, "<Esc> <Esc>");
    assert!(!st.training.in_gap_view());
}

#[test]
fn the_gap_view_groups_several_courses_with_their_flags() {
    let (mut st, km) = gaps_setup();
    keys(&mut st, &km, "!");
    assert_eq!(
        trows(&st),
        vec!["G:C-PM", "g:E0005", "G:C-SEC", "g:E0003", "g:E0004", "g:E0005"]
    );
    let flags: Vec<(String, String, bool, bool, bool)> = st
        .training
        .gaps
        .iter()
        .map(|g| {
            let g = &g.gap;
            (
                g.course.to_string(),
                g.staff.to_string(),
                g.planned,
                g.failed,
                g.away,
            )
        })
        .collect();
    assert_eq!(
        flags,
        vec![
            ("C-PM".into(), "E0005".into(), false, true, false),
            ("C-SEC".into(), "E0003".into(), false, false, false),
            ("C-SEC".into(), "E0004".into(), false, false, true),
            ("C-SEC".into(), "E0005".into(), true, false, false),
        ]
    );
    assert!(matches!(
        st.training.rows[2],
        TrainingRow::GapCourse { shown: 3, .. }
    ));
    // Sorted by gaps, the biggest group comes first.
    keys(&mut st, &km, "s s s s");
    assert_eq!(st.training.sort, TrainingSort::Gaps);
    assert_eq!(trows(&st)[0], "G:C-SEC");
    // The filter narrows the people; folding works on the groups.
    keys(&mut st, &km, "/");
    type_text(&mut st, &km, "たかはし");
    assert_eq!(trows(&st), vec!["G:C-SEC", "g:E0004"]);
    assert_eq!(st.training.shown_gaps, 1);
    keys(&mut st, &km, "<Esc> <Esc> G h");
    assert_eq!(tsel(&st), "G:C-PM");
    keys(&mut st, &km, "h");
    assert_eq!(tsel(&st), "G-:C-PM");
    keys(&mut st, &km, "-");
    assert_eq!(trows(&st), vec!["G-:C-SEC", "G-:C-PM"]);
    keys(&mut st, &km, "+");
    assert_eq!(trows(&st).len(), 6);
}

#[test]
fn switching_views_keeps_to_the_same_person_or_course() {
    let (mut st, km) = gaps_setup();
    // 伊藤's plan of C-SEC (no session) in the catalogue ↔ her gap for C-SEC.
    keys(&mut st, &km, "/");
    type_text(&mut st, &km, "伊藤");
    keys(&mut st, &km, "<Enter> G");
    assert_eq!(tsel(&st), "E:E0005");
    assert_eq!(
        st.training.selected_course().map(|c| c.as_str()),
        Some("C-SEC")
    );
    keys(&mut st, &km, "!");
    assert_eq!(
        trows(&st),
        vec!["G:C-PM", "g:E0005", "G:C-SEC", "g:E0005"],
        "the filter holds in both views"
    );
    assert_eq!(
        st.training
            .selected_gap()
            .map(|(s, c)| (s.as_str(), c.as_str())),
        Some(("E0005", "C-SEC"))
    );
    keys(&mut st, &km, "!");
    assert_eq!(tsel(&st), "E:E0005");
    // A gap with no enrollment behind it lands on its course; without the filter,
    // the full tree shows the course folded.
    keys(&mut st, &km, "<Esc> ! G");
    assert_eq!(tsel(&st), "g:E0005");
    keys(&mut st, &km, "k k !");
    assert_eq!(tsel(&st), "C-:C-SEC");
}

#[test]
fn a_reload_keeps_the_view_filter_sort_folds_and_selection() {
    let (mut st, km) = gaps_setup();
    keys(&mut st, &km, "s j l l l j");
    assert_eq!(st.training.sort, TrainingSort::Name);
    assert_eq!(tsel(&st), "E:E0003");
    let today = st.session.today;
    jinzai::app::update::on_msg(
        &mut st,
        &km,
        jinzai::app::update::Msg::Loaded(std::sync::Arc::new(jinzai::app::state::Loaded::new(
            with_gaps(),
            today,
            24,
        ))),
    );
    assert_eq!(st.training.sort, TrainingSort::Name);
    assert_eq!(tsel(&st), "E:E0003");
    keys(&mut st, &km, "!");
    keys(&mut st, &km, "G");
    jinzai::app::update::on_msg(
        &mut st,
        &km,
        jinzai::app::update::Msg::Loaded(std::sync::Arc::new(jinzai::app::state::Loaded::new(
            with_gaps(),
            today,
            24,
        ))),
    );
    assert!(st.training.in_gap_view());
    assert_eq!(tsel(&st), "g:E0005");
}

#[test]
fn the_training_keys_work_in_read_only_mode_and_in_the_vim_and_emacs_keymaps() {
    use jinzai::keymap::Preset;
    let mut km = Keymap::builtin().unwrap();
    km.set_read_only(true);
    let mut st = state_with(fixture(), Lang::En, (120, 32), &km);
    keys(&mut st, &km, "<Esc> 3 l s ! + -");
    assert!(st.training.in_gap_view());
    assert_eq!(st.training.sort, TrainingSort::Name);
    for a in [
        Action::TrainingExpand,
        Action::TrainingCollapse,
        Action::TrainingExpandAll,
        Action::TrainingCollapseAll,
        Action::TrainingSort,
        Action::GapView,
    ] {
        assert!(!a.spec().mutating, "{}", a.name());
    }
    let vim = Keymap::preset(Preset::Vim).unwrap();
    let mut st = state_with(fixture(), Lang::En, (120, 32), &vim);
    keys(&mut st, &vim, "<Esc> 3 l");
    assert_eq!(
        st.pane,
        Pane::Training,
        "l unfolds here rather than changing panes"
    );
    assert_eq!(trows(&st), vec!["C:C-PM", "S-:S-PM-1", "C-:C-SEC"]);
    keys(&mut st, &vim, "z R");
    assert_eq!(trows(&st).len(), 8);
    keys(&mut st, &vim, "z M h");
    assert_eq!(trows(&st), vec!["C-:C-PM", "C-:C-SEC"]);
    assert_eq!(st.pane, Pane::Training);
    keys(&mut st, &vim, "s !");
    assert!(st.training.in_gap_view());
    let emacs = Keymap::preset(Preset::Emacs).unwrap();
    let mut st = state_with(fixture(), Lang::En, (120, 32), &emacs);
    keys(&mut st, &emacs, "<Esc> 3 <C-f>");
    assert_eq!(trows(&st).len(), 3);
    keys(&mut st, &emacs, "<C-c> + <C-b>");
    assert_eq!(tsel(&st), "C-:C-PM");
    keys(&mut st, &emacs, "<C-c> s <C-c> !");
    assert!(st.training.in_gap_view());
    assert_eq!(st.training.sort, TrainingSort::Name);
}

#[test]
fn the_help_and_palette_list_the_training_commands() {
    let (mut st, km) = training_setup();
    let help = jinzai::app::overlay::help_lines(&km, st.pane.scope(), "", false);
    for name in ["gap_view", "training_sort", "training_expand_all"] {
        assert!(help.iter().any(|l| l.name == name), "{name}");
    }
    keys(&mut st, &km, ":");
    type_text(&mut st, &km, "gap list");
    let Some(Overlay::Palette(p)) = &st.overlay else {
        panic!("palette closed")
    };
    assert_eq!(p.matches[0].action, Action::GapView);
    keys(&mut st, &km, "<Enter>");
    assert!(st.training.in_gap_view());
}

#[test]
fn a_large_catalogue_unfolds_pages_and_filters() {
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(
        jinzai::demo::synthetic(&jinzai::demo::Spec {
            staff: 5_000,
            posts: 500,
            seed: 1,
        }),
        Lang::En,
        (120, 32),
        &km,
    );
    keys(&mut st, &km, "<Esc> 3");
    let t = &st.training;
    let courses = t.total();
    assert!(courses > 10, "{courses}");
    assert_eq!(t.rows.len(), courses);
    assert!(!t.gaps.is_empty());
    keys(&mut st, &km, "+");
    let all = st.training.rows.len();
    assert!(all > 1_000, "{all}");
    let page = jinzai::app::training::page_rows(32);
    keys(&mut st, &km, "g g <PageDown>");
    assert_eq!(st.training.selected, page);
    keys(&mut st, &km, "G");
    assert_eq!(st.training.selected, all - 1);
    assert_eq!(st.training.offset, all - page);
    assert!(st.training.selected_enrollee().is_some());
    keys(&mut st, &km, "- ! G");
    assert!(st.training.selected_gap().is_some());
    keys(&mut st, &km, "/");
    type_text(&mut st, &km, "c-da-sec");
    assert!(st.training.rows.len() > 1);
    assert!(trows(&st)
        .iter()
        .all(|r| r == "G:C-DA-SEC" || r.starts_with("g:")));
}

#[test]
fn search_works_before_the_posts_and_training_panes_are_worked_out() {
    let km = Keymap::builtin().unwrap();
    let sess = session(Lang::En, false);
    let (today, term) = (sess.today, sess.term_months);
    let mut st = State::new(sess, (120, 32));
    let data = std::sync::Arc::new(jinzai::app::state::Loaded::searchable(
        fixture(),
        today,
        term,
    ));
    jinzai::app::update::on_msg(
        &mut st,
        &km,
        jinzai::app::update::Msg::Loaded(std::sync::Arc::clone(&data)),
    );
    type_text(&mut st, &km, "yamada");
    assert_eq!(result_ids(&st), vec!["E0001"]);
    assert!(!st.posts.is_loaded());
    assert!(!st.training.is_loaded());
    data.fill_models(today, term);
    jinzai::app::update::on_msg(&mut st, &km, jinzai::app::update::Msg::ModelsReady);
    assert!(st.posts.is_loaded());
    assert!(st.training.is_loaded());
    // The search is untouched.
    assert_eq!(st.staff.query.text(), "yamada");
    assert_eq!(result_ids(&st), vec!["E0001"]);
}
