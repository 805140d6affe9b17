//! Shared test fixtures: a small organisation loaded from tests/fixtures/good, and a
//! TUI state over it with no terminal.
#![allow(dead_code)]

use jinzai::app::state::{Loaded, Session, State};
use jinzai::app::update::{on_msg, Msg};
use jinzai::domain::date::parse_date;
use jinzai::domain::Dataset;
use jinzai::i18n::Lang;
use jinzai::io::{plan_import, EncodingChoice};
use jinzai::keymap::{Key, Keymap};
use std::path::Path;
use std::sync::Arc;

pub const TODAY: &str = "2026-11-26";

/// The good fixture files as a dataset.
pub fn fixture() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    match plan_import(&dir, EncodingChoice::Auto, &Dataset::default()) {
        Ok(plan) => plan.merged,
        Err(problems) => panic!("fixture does not import: {problems:?}"),
    }
}

pub fn session(lang: Lang, read_only: bool) -> Session {
    Session {
        db_label: "/tmp/db".into(),
        user: "sato".into(),
        read_only,
        lang,
        today: parse_date(TODAY).unwrap(),
        term_months: 24,
    }
}

/// A state of the given size with `ds` loaded, as the loader thread would deliver it.
pub fn state_with(ds: Dataset, lang: Lang, size: (u16, u16), km: &Keymap) -> State {
    let sess = session(lang, km.read_only());
    let (today, term) = (sess.today, sess.term_months);
    let mut st = State::new(sess, size);
    on_msg(
        &mut st,
        km,
        Msg::Loaded(Arc::new(Loaded::new(ds, today, term))),
    );
    st
}

/// Feeds keys written in keymap syntax, separated by spaces (`"t a n <Enter>"`).
pub fn keys(st: &mut State, km: &Keymap, seq: &str) {
    for k in seq.split(' ').filter(|k| !k.is_empty()) {
        let key = Key::parse(k).unwrap_or_else(|e| panic!("bad key {k}: {e}"));
        on_msg(st, km, Msg::Key(key));
    }
}

/// Types text into whatever input has focus, one char at a time.
pub fn type_text(st: &mut State, km: &Keymap, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' {
            Key::parse("<Space>").unwrap()
        } else {
            Key::parse(&c.to_string()).unwrap()
        };
        on_msg(st, km, Msg::Key(key));
    }
}

/// Ids of the current staff results, in order.
pub fn result_ids(st: &State) -> Vec<String> {
    st.staff.hits.iter().map(|h| h.id.to_string()).collect()
}

/// A dataset with `n` extra people (E1000..) for scrolling tests.
pub fn many(n: usize) -> Dataset {
    let mut ds = fixture();
    let template = ds.staff.values().next().cloned().unwrap();
    for i in 0..n {
        let mut s = template.clone();
        s.id = jinzai::domain::StaffId::new_unchecked(format!("E{:04}", 1000 + i));
        s.wishes.clear();
        ds.staff.insert(s.id.clone(), s);
    }
    ds
}
