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
fn staff_detail_with_privacy_on() {
    for lang in LANGS {
        snap("staff_privacy", lang, (200, 50), "<Enter> p");
    }
}

#[test]
fn other_panes() {
    for lang in LANGS {
        for size in SIZES {
            snap("posts", lang, size, "<Esc> 2");
            snap("training", lang, size, "<Esc> 3");
            snap("rotation", lang, size, "<Esc> 4");
        }
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
fn read_only_mode_is_shown_in_the_header() {
    let mut km = Keymap::builtin().unwrap();
    km.set_read_only(true);
    let st = state_with(fixture(), Lang::En, (120, 32), &km);
    let out = draw(&st, &km);
    let first = out.lines().next().unwrap();
    assert!(first.contains("RO"), "{first}");
}
