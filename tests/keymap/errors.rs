//! Keymap files with mistakes: each bad input is its own test and the message names
//! the file, line and column exactly.

use super::{errors, user_err};
use jinzai::keymap::{Keymap, KeymapError, ProblemKind};

#[test]
fn unknown_action_names_the_line_and_the_nearest_action() {
    let text = "[global]\nbindings = [\n  { on = [\"q\"], run = \"qiut\" },\n]\n";
    assert_eq!(
        errors(text),
        vec!["keymap.toml:3:23: unknown action 'qiut' (did you mean 'quit'?)"]
    );
}

#[test]
fn unknown_action_far_from_any_name_has_no_suggestion() {
    let text = "[global]\nbindings = [{ on = \"x\", run = \"frobnicate\" }]";
    assert_eq!(
        errors(text),
        vec!["keymap.toml:2:31: unknown action 'frobnicate'"]
    );
}

#[test]
fn bad_key_syntax_names_the_line_and_column() {
    let text = "[global]\nbindings = [\n  { on = [\"g\", \"<Entr>\"], run = \"open\" },\n]\n";
    assert_eq!(
        errors(text),
        vec![
            "keymap.toml:3:16: bad key '<Entr>': unknown key name 'Entr' (did you mean '<Enter>'?)"
        ]
    );
}

#[test]
fn several_letters_in_one_key_is_a_bad_key() {
    let text = "[staff]\nbindings = [{ on = [\"gg\"], run = \"cycle_sort\" }]";
    assert_eq!(
        errors(text),
        vec![
            "keymap.toml:2:21: bad key 'gg': not one key; write a sequence as separate keys, \
             like [\"g\", \"g\"], and a named key in angle brackets, like <Enter>"
        ]
    );
}

#[test]
fn duplicate_key_in_one_section_names_both_lines() {
    let text = "[global]\nbindings = [\n  { on = [\"x\"], run = \"quit\" },\n  { on = [\"x\"], run = \"help\" },\n]\n";
    assert_eq!(
        errors(text),
        vec!["keymap.toml:4:3: 'x' is bound twice in [global] (first on line 3)"]
    );
}

#[test]
fn prefix_of_another_sequence_in_one_section_is_an_error() {
    let text = "[global]\nbindings = [\n  { on = [\"z\"], run = \"quit\" },\n  { on = [\"z\", \"z\"], run = \"top\" },\n]\n";
    assert_eq!(
        errors(text),
        vec![
            "keymap.toml:4:3: 'z z' in [global] overlaps 'z' in [global] (line 3): \
             one is a prefix of the other, so one of them could never run"
        ]
    );
}

#[test]
fn toml_syntax_error_names_the_line() {
    let text = "[global]\nbindings = [\n  { on = [\"q\"] run = \"quit\" },\n]\n";
    assert_eq!(
        errors(text),
        vec!["keymap.toml:3:16: invalid inline table; expected `}`"]
    );
}

#[test]
fn unknown_section_names_the_line() {
    assert_eq!(
        errors("[global]\nbindings = []\n\n[stuff]\nbindings = []\n"),
        vec![
            "keymap.toml:4:2: unknown field `stuff`, expected one of `preset`, `global`, \
             `staff`, `posts`, `training`, `rotation`, `help`, `input`, `confirm`"
        ]
    );
}

#[test]
fn missing_run_names_the_line() {
    assert_eq!(
        errors("[global]\nbindings = [\n  { on = [\"q\"] },\n]\n"),
        vec!["keymap.toml:3:3: missing field `run`"]
    );
}

#[test]
fn on_of_the_wrong_type_names_the_line() {
    let text = "[global]\nbindings = [\n  { on = 5, run = \"quit\" },\n]\n";
    assert_eq!(
        errors(text),
        vec![
            "keymap.toml:3:10: invalid type: integer `5`, \
             expected a key or a list of keys, like \"q\" or [\"g\", \"g\"]"
        ]
    );
}

#[test]
fn all_problems_are_reported_together_in_file_order() {
    let text = "[global]\nbindings = [\n  { on = [\"<Foo>\"], run = \"quit\" },\n  { on = [\"x\"], run = \"mvoe_up\" },\n]\n";
    let err = user_err(text);
    let kinds: Vec<&ProblemKind> = err.problems().iter().map(|p| &p.kind).collect();
    assert_eq!(kinds.len(), 2);
    assert!(matches!(kinds[0], ProblemKind::BadKey { .. }));
    assert_eq!(
        kinds[1],
        &ProblemKind::UnknownAction {
            name: "mvoe_up".into(),
            suggestion: Some("move_up")
        }
    );
    assert_eq!(err.to_string().lines().count(), 2);
}

#[test]
fn missing_keymap_file_is_a_read_error_naming_the_path() {
    let err = Keymap::load(Some(std::path::Path::new(
        "/nonexistent/jinzai/keymap.toml",
    )))
    .unwrap_err();
    assert!(matches!(err, KeymapError::Read { .. }));
    assert!(err
        .to_string()
        .starts_with("cannot read keymap file /nonexistent/jinzai/keymap.toml: "));
}

#[test]
fn keymap_file_problems_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.toml");
    std::fs::write(
        &path,
        "[global]\nbindings = [{ on = \"q\", run = \"qiut\" }]\n",
    )
    .unwrap();
    let err = Keymap::load(Some(&path)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}:2:31: unknown action 'qiut' (did you mean 'quit'?)",
            path.display()
        )
    );
}
