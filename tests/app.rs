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
    let index = jinzai::search::SearchIndex::build(&ds, st.session.today, 24);
    jinzai::app::update::on_msg(
        &mut st,
        &km,
        jinzai::app::update::Msg::Loaded(std::sync::Arc::new(jinzai::app::state::Loaded {
            ds,
            index,
        })),
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
