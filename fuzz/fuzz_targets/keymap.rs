//! Keymap files (TOML) and key names: no panic; every problem is at a line and
//! column inside the file.
#![no_main]

use jinzai::keymap::{Key, Keymap};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for word in text.split_whitespace().take(16) {
        let _ = Key::parse(word);
    }
    if let Err(e) = Keymap::from_user_str(text, "keymap.toml") {
        let lines = text.split('\n').count();
        for p in e.problems() {
            assert!(p.line >= 1 && p.line <= lines, "{p} ({lines} lines)");
            assert!(p.column >= 1, "{p}");
        }
    }
});
