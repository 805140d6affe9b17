//! Unit tests for layering, resolution and listings on small inline keymaps.

use super::*;

const BASE: &str = r#"
[global]
bindings = [
  { on = ["q"], run = "quit" },
  { on = ["g", "g"], run = "top" },
  { on = ["g", "t"], run = "next_pane" },
  { on = ["j"], run = "move_down" },
  { on = ["e"], run = "edit" },
]
[staff]
bindings = [
  { on = ["s"], run = "cycle_sort" },
]
"#;

fn base() -> Keymap {
    let file = file::parse(BASE, "base.toml").unwrap();
    let mut map = Keymap::default();
    map.layer(&file);
    map
}

fn with(user: &str) -> Keymap {
    let mut map = base();
    map.layer(&file::parse(user, "user.toml").unwrap());
    map
}

fn k(s: &str) -> Key {
    Key::parse(s).unwrap()
}

fn keys(s: &str) -> Vec<Key> {
    s.split(' ').map(k).collect()
}

#[test]
fn distance_counts_a_transposition_as_one_edit() {
    assert_eq!(distance("qiut", "quit"), 1);
    assert_eq!(distance("", "top"), 3);
    assert_eq!(distance("move_dwn", "move_down"), 1);
}

#[test]
fn pane_binding_wins_over_global() {
    let map = with("[staff]\nbindings = [{ on = \"q\", run = \"cycle_sort\" }]");
    assert_eq!(
        map.action_for(Scope::Staff, &keys("q")),
        Some(Action::CycleSort)
    );
    assert_eq!(map.action_for(Scope::Posts, &keys("q")), Some(Action::Quit));
}

#[test]
fn user_binding_replaces_in_place() {
    let map = with("[global]\nbindings = [{ on = [\"j\"], run = \"move_up\", desc = \"Up!\" }]");
    let help = map.bindings_for(Scope::Global);
    assert_eq!(help[3].keys, vec!["j"]);
    assert_eq!(help[3].action, Action::MoveUp);
    assert_eq!(help[3].description(false), "Up!");
}

#[test]
fn user_prefix_key_drops_longer_default_sequences() {
    let map = with("[global]\nbindings = [{ on = [\"g\"], run = \"bottom\" }]");
    assert_eq!(
        map.action_for(Scope::Global, &keys("g")),
        Some(Action::Bottom)
    );
    assert_eq!(
        map.keys_for(Action::Top, Scope::Global),
        Vec::<String>::new()
    );
}

#[test]
fn global_user_binding_drops_a_pane_default_that_would_hide_it() {
    let map = with("[global]\nbindings = [{ on = [\"s\"], run = \"quit\" }]");
    assert_eq!(map.action_for(Scope::Staff, &keys("s")), Some(Action::Quit));
}

#[test]
fn noop_on_a_prefix_unbinds_the_whole_group() {
    let map = with("[global]\nbindings = [{ on = [\"g\"], run = \"noop\" }]");
    let mut p = Pending::default();
    assert_eq!(map.feed(&mut p, Scope::Global, k("g")), Resolved::Unbound);
    assert!(map.keys_for(Action::NextPane, Scope::Global).is_empty());
}

#[test]
fn unknown_sequence_after_prefix_is_unbound_and_clears() {
    let map = base();
    let mut p = Pending::default();
    assert_eq!(
        map.feed(&mut p, Scope::Staff, k("g")),
        Resolved::Pending(keys("g"))
    );
    assert_eq!(p.display(), "g");
    assert_eq!(map.feed(&mut p, Scope::Staff, k("x")), Resolved::Unbound);
    assert!(p.is_empty());
}

#[test]
fn esc_cancels_a_pending_prefix() {
    let map = base();
    let mut p = Pending::default();
    map.feed(&mut p, Scope::Global, k("g"));
    assert_eq!(
        map.feed(&mut p, Scope::Global, k("<Esc>")),
        Resolved::Cancelled
    );
    assert!(p.is_empty());
}

#[test]
fn continuations_list_the_keys_left_to_type() {
    let map = base();
    let mut p = Pending::default();
    map.feed(&mut p, Scope::Global, k("g"));
    let next: Vec<(String, Action)> = map
        .continuations(Scope::Global, &p)
        .into_iter()
        .map(|e| (e.keys.join(" "), e.action))
        .collect();
    assert_eq!(
        next,
        vec![
            ("g".to_string(), Action::Top),
            ("t".to_string(), Action::NextPane)
        ]
    );
}

#[test]
fn overlays_do_not_fall_back_to_global() {
    let map = base();
    assert_eq!(map.action_for(Scope::Input, &keys("q")), None);
}

#[test]
fn commands_list_global_and_pane_actions_with_keys() {
    let map = base();
    let cmds = map.commands(Scope::Staff);
    let sort = cmds.iter().find(|c| c.action == Action::CycleSort).unwrap();
    assert_eq!(sort.keys, vec!["s"]);
    assert!(cmds.iter().all(|c| c.action != Action::ConfirmYes));
    assert!(map
        .commands(Scope::Posts)
        .iter()
        .all(|c| c.action != Action::CycleSort));
}

#[test]
fn read_only_hides_mutating_bindings_everywhere() {
    let mut map = base();
    map.set_read_only(true);
    assert_eq!(map.action_for(Scope::Global, &keys("e")), None);
    assert!(map.keys_for(Action::Edit, Scope::Global).is_empty());
    assert!(map
        .commands(Scope::Staff)
        .iter()
        .all(|c| c.action != Action::Edit));
    assert!(!map.allows(Action::Edit));
}

#[test]
fn wrong_scope_is_an_error() {
    let err = file::parse(
        "[staff]\nbindings = [{ on = \"y\", run = \"confirm_yes\" }]",
        "u.toml",
    )
    .unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "u.toml:2:31: action 'confirm_yes' cannot be bound in [staff]; it belongs in [confirm]"
    );
}

#[test]
fn prefix_across_pane_and_global_is_an_error() {
    let text = "[global]\nbindings = [{ on = [\"g\", \"g\"], run = \"top\" }]\n\
                [staff]\nbindings = [{ on = [\"g\"], run = \"cycle_sort\" }]";
    let err = file::parse(text, "u.toml").unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(
        err[0].to_string(),
        "u.toml:4:13: 'g' in [staff] overlaps 'g g' in [global] (line 2): \
         one is a prefix of the other, so one of them could never run"
    );
}

#[test]
fn unknown_preset_is_an_error() {
    let err = file::parse("preset = \"nano\"", "u.toml").unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "u.toml:1:10: unknown preset 'nano'; expected default, vim or emacs"
    );
}

#[test]
fn empty_key_list_is_an_error() {
    let err = file::parse(
        "[global]\nbindings = [{ on = [], run = \"quit\" }]",
        "u.toml",
    )
    .unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "u.toml:2:20: 'on' needs at least one key"
    );
}

#[test]
fn noop_in_a_pane_hides_the_global_key_there_only() {
    let map = with(
        "[staff]\nbindings = [{ on = \"q\", run = \"noop\" }, { on = \"g\", run = \"noop\" }]",
    );
    assert_eq!(map.action_for(Scope::Staff, &keys("q")), None);
    assert_eq!(map.action_for(Scope::Posts, &keys("q")), Some(Action::Quit));
    let mut p = Pending::default();
    assert_eq!(map.feed(&mut p, Scope::Staff, k("g")), Resolved::Unbound);
    assert!(map.keys_for(Action::Quit, Scope::Staff).is_empty());
}

#[test]
fn global_user_binding_lifts_a_pane_noop_that_would_hide_it() {
    let mut map = with("[staff]\nbindings = [{ on = \"q\", run = \"noop\" }]");
    map.layer(
        &file::parse(
            "[global]\nbindings = [{ on = \"q\", run = \"help\" }]",
            "u2",
        )
        .unwrap(),
    );
    assert_eq!(map.action_for(Scope::Staff, &keys("q")), Some(Action::Help));
}
