//! The keymap as the app uses it: the shipped files, key syntax, terminal keys, the
//! user's file layered over the defaults, key resolution, and load errors with lines.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use jinzai::app::action::{Action, Scope, ACTIONS};
use jinzai::keymap::{Code, Key, Keymap, KeymapError, Pending, Preset, Resolved};

#[path = "keymap/errors.rs"]
mod errors;

fn k(s: &str) -> Key {
    Key::parse(s).unwrap()
}

fn user(text: &str) -> Keymap {
    Keymap::from_user_str(text, "keymap.toml").unwrap()
}

fn user_err(text: &str) -> KeymapError {
    match Keymap::from_user_str(text, "keymap.toml") {
        Err(e) => e,
        Ok(_) => panic!("expected problems in:\n{text}"),
    }
}

/// The problems in a user keymap text, one message each.
fn errors(text: &str) -> Vec<String> {
    user_err(text)
        .problems()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Feeds keys one by one in `scope` and returns every result.
fn type_keys(map: &Keymap, scope: Scope, keys: &[&str]) -> Vec<Resolved> {
    let mut pending = Pending::default();
    keys.iter()
        .map(|s| map.feed(&mut pending, scope, k(s)))
        .collect()
}

fn bound_actions(map: &Keymap) -> Vec<Action> {
    let mut all: Vec<Action> = Scope::ALL
        .iter()
        .flat_map(|&s| map.bindings(s).map(|b| b.action).collect::<Vec<_>>())
        .collect();
    all.sort();
    all.dedup();
    all
}

#[test]
fn shipped_keymaps_load_without_problems() {
    for preset in Preset::ALL {
        if let Err(e) = Keymap::preset(preset) {
            panic!("{} has problems:\n{e}", preset.file_name());
        }
    }
}

#[test]
fn every_action_is_bound_in_every_shipped_keymap() {
    let all: Vec<Action> = ACTIONS.iter().map(|s| s.action).collect();
    for preset in Preset::ALL {
        let map = Keymap::preset(preset).unwrap();
        assert_eq!(bound_actions(&map), all, "{}", preset.file_name());
    }
}

#[test]
fn key_syntax_round_trips() {
    for s in [
        "j",
        "G",
        "?",
        ":",
        "/",
        "<",
        "<Enter>",
        "<Esc>",
        "<Tab>",
        "<S-Tab>",
        "<C-d>",
        "<A-x>",
        "<Up>",
        "<PageDown>",
        "<F1>",
        "<Space>",
        "<C-Space>",
        "<A-<>",
        "<C-S-Up>",
        "<Backspace>",
    ] {
        assert_eq!(k(s).to_string(), s);
    }
    assert_eq!(k("<BackTab>").to_string(), "<S-Tab>");
    assert_eq!(k("<M-v>").to_string(), "<A-v>");
    assert_eq!(k("<cr>").to_string(), "<Enter>");
    assert_eq!(k("<S-g>").to_string(), "G");
}

#[test]
fn every_shipped_key_prints_back_to_itself() {
    for preset in Preset::ALL {
        let map = Keymap::preset(preset).unwrap();
        for scope in Scope::ALL {
            for b in map.bindings(scope) {
                for key in &b.keys {
                    assert_eq!(Key::parse(&key.to_string()), Ok(*key));
                }
            }
        }
    }
}

fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn terminal_shift_tab_is_back_tab() {
    let key = Key::from_event(&event(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(key, Some(k("<S-Tab>")));
    let key = Key::from_event(&event(KeyCode::Tab, KeyModifiers::SHIFT));
    assert_eq!(key, Some(k("<S-Tab>")));
}

#[test]
fn terminal_uppercase_g_with_or_without_shift_is_g() {
    assert_eq!(
        Key::from_event(&event(KeyCode::Char('G'), KeyModifiers::SHIFT)),
        Some(k("G"))
    );
    assert_eq!(
        Key::from_event(&event(KeyCode::Char('G'), KeyModifiers::NONE)),
        Some(k("G"))
    );
    assert_eq!(
        Key::from_event(&event(KeyCode::Char('g'), KeyModifiers::SHIFT)),
        Some(k("G"))
    );
}

#[test]
fn terminal_ctrl_d_is_c_d() {
    let key = Key::from_event(&event(KeyCode::Char('d'), KeyModifiers::CONTROL));
    assert_eq!(key, Some(Key::ctrl('d')));
}

#[test]
fn terminal_key_release_and_media_keys_are_ignored() {
    let mut release = event(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(Key::from_event(&release), None);
    assert_eq!(
        Key::from_event(&event(KeyCode::CapsLock, KeyModifiers::NONE)),
        None
    );
}

#[test]
fn default_keys_run_their_actions() {
    let map = Keymap::builtin().unwrap();
    assert_eq!(
        map.action_for(Scope::Posts, &[k("2")]),
        Some(Action::PanePosts)
    );
    assert_eq!(
        map.action_for(Scope::Staff, &[k("<S-Tab>")]),
        Some(Action::PrevPane)
    );
    assert_eq!(
        map.action_for(Scope::Staff, &[k("S")]),
        Some(Action::SortReverse)
    );
    assert_eq!(map.action_for(Scope::Posts, &[k("s")]), None);
    assert_eq!(
        map.action_for(Scope::Confirm, &[k("y")]),
        Some(Action::ConfirmYes)
    );
    assert_eq!(
        map.action_for(Scope::Input, &[k("<Enter>")]),
        Some(Action::Submit)
    );
    assert_eq!(map.action_for(Scope::Input, &[k("j")]), None);
}

#[test]
fn g_g_resolves_after_two_keys_and_shows_pending_after_one() {
    let map = Keymap::builtin().unwrap();
    assert_eq!(
        type_keys(&map, Scope::Staff, &["g", "g"]),
        vec![
            Resolved::Pending(vec![k("g")]),
            Resolved::Action(Action::Top)
        ]
    );
    let mut pending = Pending::default();
    map.feed(&mut pending, Scope::Staff, k("g"));
    assert_eq!(pending.display(), "g");
}

#[test]
fn user_override_replaces_one_key_and_keeps_the_rest() {
    let map = user("[global]\nbindings = [{ on = [\"q\"], run = \"help\" }]");
    assert_eq!(map.action_for(Scope::Staff, &[k("q")]), Some(Action::Help));
    assert_eq!(
        map.action_for(Scope::Staff, &[k("j")]),
        Some(Action::MoveDown)
    );
    assert_eq!(
        map.keys_for(Action::Help, Scope::Staff),
        vec!["?", "<F1>", "q"]
    );
    assert_eq!(map.keys_for(Action::Quit, Scope::Staff), vec!["<C-c>"]);
}

#[test]
fn user_desc_is_optional_and_overrides_the_action_description() {
    let map = user("[global]\nbindings = [{ on = \"x\", run = \"quit\", desc = \"Leave\" }]");
    let help = map.bindings_for(Scope::Global);
    let quit = help.iter().find(|e| e.action == Action::Quit).unwrap();
    assert_eq!(quit.keys, vec!["q", "<C-c>", "x"]);
    assert_eq!(quit.description(false), "Quit jinzai");
    let j = help.iter().find(|e| e.action == Action::MoveDown).unwrap();
    assert_eq!(j.description(true), "選択を1行下へ移動する");
}

#[test]
fn noop_unbinds_a_default_key() {
    let map = user("[global]\nbindings = [{ on = [\"q\"], run = \"noop\" }]");
    assert_eq!(
        type_keys(&map, Scope::Staff, &["q"]),
        vec![Resolved::Unbound]
    );
    assert_eq!(map.keys_for(Action::Quit, Scope::Staff), vec!["<C-c>"]);
}

#[test]
fn preset_line_starts_from_a_shipped_alternative() {
    let map = user("preset = \"vim\"\n[staff]\nbindings = [{ on = \"o\", run = \"cycle_sort\" }]");
    assert_eq!(
        type_keys(&map, Scope::Posts, &["g", "t"]),
        vec![
            Resolved::Pending(vec![k("g")]),
            Resolved::Action(Action::NextPane)
        ]
    );
    assert_eq!(
        map.action_for(Scope::Staff, &[k("o")]),
        Some(Action::CycleSort)
    );
}

#[test]
fn whole_vim_file_as_user_file_layers_cleanly() {
    let map = user(Preset::Vim.source());
    assert_eq!(
        map.action_for(Scope::Staff, &[k("Z"), k("Z")]),
        Some(Action::Quit)
    );
    assert_eq!(
        map.action_for(Scope::Staff, &[k("z"), k("p")]),
        Some(Action::TogglePrivacy)
    );
}

#[test]
fn whole_emacs_file_as_user_file_layers_cleanly() {
    let map = user(Preset::Emacs.source());
    let quit = [k("<C-x>"), k("<C-c>")];
    assert_eq!(map.action_for(Scope::Rotation, &quit), Some(Action::Quit));
    assert_eq!(
        map.action_for(Scope::Staff, &[k("<C-c>"), k("s")]),
        Some(Action::CycleSort)
    );
}

#[test]
fn emacs_preset_has_emacs_motions() {
    let map = Keymap::preset(Preset::Emacs).unwrap();
    assert_eq!(
        map.action_for(Scope::Staff, &[k("<C-v>")]),
        Some(Action::PageDown)
    );
    assert_eq!(
        map.action_for(Scope::Staff, &[k("<M-<>")]),
        Some(Action::Top)
    );
    assert_eq!(
        map.action_for(Scope::Staff, &[k("<C-s>")]),
        Some(Action::Filter)
    );
    assert_eq!(
        map.action_for(Scope::Input, &[k("<C-g>")]),
        Some(Action::Back)
    );
}

#[test]
fn same_key_in_a_pane_and_global_is_an_override_not_a_duplicate() {
    let map = user("[global]\nbindings = [{ on = \"x\", run = \"quit\" }]\n[staff]\nbindings = [{ on = \"x\", run = \"cycle_sort\" }]");
    assert_eq!(
        map.action_for(Scope::Staff, &[k("x")]),
        Some(Action::CycleSort)
    );
    assert_eq!(map.action_for(Scope::Posts, &[k("x")]), Some(Action::Quit));
}

#[test]
fn read_only_hides_mutating_actions() {
    let mut map = Keymap::builtin().unwrap();
    assert_eq!(map.action_for(Scope::Staff, &[k("e")]), Some(Action::Edit));
    map.set_read_only(true);
    assert_eq!(
        type_keys(&map, Scope::Staff, &["e"]),
        vec![Resolved::Unbound]
    );
    assert!(map
        .bindings_for(Scope::Global)
        .iter()
        .all(|e| e.action != Action::Edit));
    assert!(map
        .commands(Scope::Staff)
        .iter()
        .all(|c| c.action != Action::Edit));
    assert_eq!(
        map.keys_for(Action::Edit, Scope::Staff),
        Vec::<String>::new()
    );
}

#[test]
fn help_lists_each_action_once_with_all_its_keys() {
    let map = Keymap::builtin().unwrap();
    let help = map.bindings_for(Scope::Global);
    let down = help.iter().find(|e| e.action == Action::MoveDown).unwrap();
    assert_eq!(down.keys, vec!["j", "<Down>"]);
    assert_eq!(help[0].keys, vec!["1"]);
    assert_eq!(help[0].description(false), "Go to the staff pane");
    let staff: Vec<Action> = map
        .bindings_for(Scope::Staff)
        .iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        staff,
        vec![Action::CycleSort, Action::SortReverse, Action::AddStaff]
    );
}

#[test]
fn keys_for_gives_pane_and_global_keys() {
    let map = Keymap::builtin().unwrap();
    assert_eq!(
        map.keys_for(Action::Top, Scope::Staff),
        vec!["g g", "<Home>"]
    );
    assert_eq!(map.keys_for(Action::CycleSort, Scope::Staff), vec!["s"]);
    assert_eq!(map.keys_for(Action::Submit, Scope::Input), vec!["<Enter>"]);
}

#[test]
fn input_keys_not_bound_are_text() {
    let map = Keymap::builtin().unwrap();
    assert_eq!(
        type_keys(&map, Scope::Input, &["q"]),
        vec![Resolved::Unbound]
    );
    assert_eq!(k("q").typed_char(), Some('q'));
    assert_eq!(k("<C-q>").typed_char(), None);
    assert_eq!(k("<Enter>").code, Code::Enter);
}
