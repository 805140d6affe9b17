//! End-to-end tests: the real `jinzai` binary in a pseudo-terminal, driven by keys,
//! its output read into a vt100 screen model. Every wait is on screen content (or on
//! the process exiting) with a generous deadline, so a slow debug build on a busy
//! machine makes the suite slower, not flaky.
//!
//! Keys are sent one step at a time and the next step waits for the screen to show
//! the previous one took effect: a lone Esc followed too quickly by another key would
//! reach the app as one Alt+key sequence.

#[path = "e2e/harness.rs"]
mod harness;

use harness::{Sandbox, Tui, ENTER_ALT, LEAVE_ALT, TIMEOUT};
use std::time::Duration;

const ENTER: &str = "\r";
const ESC: &str = "\x1b";

/// The query line (row 1) shows its text cursor while it has focus.
fn query_focused(s: &vt100::Screen) -> bool {
    s.rows(0, s.size().1)
        .nth(1)
        .is_some_and(|r| r.contains('▏'))
}

/// Row 2 is the top border of the body: the full-screen detail has the person in its
/// title there (`┌ 田中 大輔  タナカ ダイスケ  E0003 ──…`); the list's border is plain.
fn full_detail_of(s: &vt100::Screen, kanji: &str, kana: &str) -> bool {
    let Some(top) = s.rows(0, s.size().1).nth(2) else {
        return false;
    };
    top.starts_with("┌ ") && top.contains(kanji) && top.contains(kana)
}

fn list_shown(s: &vt100::Screen) -> bool {
    let Some(top) = s.rows(0, s.size().1).nth(2) else {
        return false;
    };
    top.starts_with("┌─") && s.contents().contains(" id ") && s.contents().contains(" name ")
}

/// Search, open the detail, go back, clear the query and quit, at one terminal size.
fn search_open_back_quit(cols: u16, rows: u16) {
    let sb = Sandbox::with_demo_db();
    let db = sb.db();
    let db = db.to_str().expect("utf-8 temp path");
    let mut t = Tui::spawn(&sb, cols, rows, &["--db", db, "--lang", "en"], &[]);

    // Starts with the query line focused and, once loaded, all 300 people listed.
    t.wait_for("the staff list loaded", |s| {
        s.contents().contains("300 of 300")
    });
    t.wait_for("the query line focused", query_focused);
    assert!(
        t.with_screen(|s| s.alternate_screen()),
        "the TUI should run on the alternate screen"
    );
    assert!(
        !t.is_cooked(),
        "the TUI should put the terminal in raw mode"
    );

    // A romaji query filters live and finds people by their kanji names.
    t.send("tanaka");
    t.wait_for("the query typed", |s| {
        s.rows(0, s.size().1)
            .nth(1)
            .is_some_and(|r| r.contains("tanaka"))
    });
    // The first hit is a Tanaka, shown by kanji name and kana.
    t.wait_for("a 田中 selected at the top of the filtered list", |s| {
        let c = s.contents();
        let selected = c.lines().find(|l| l.contains('▶')).unwrap_or_default();
        !c.contains("300 of 300")
            && c.contains(" of 300")
            && selected.contains("田中")
            && selected.contains("タナカ")
    });

    // Enter leaves the query line for the list; Enter again opens the detail, which
    // takes the list's place. (A frame can arrive in pieces: everything asserted about
    // a screen is part of the wait.)
    t.send(ENTER);
    t.wait_for("the list focused", |s| {
        !query_focused(s) && s.contents().contains("Enter open")
    });
    t.send(ENTER);
    t.wait_for(
        "the full-screen detail of a 田中 with post, history and courses",
        |s| {
            let c = s.contents();
            let has = |label: &str| {
                c.lines()
                    .any(|l| l.trim_start_matches('│').starts_with(label))
            };
            full_detail_of(s, "田中", "タナカ")
                && has("post")
                && has("history")
                && has("courses")
                && !c.contains(" name ")
        },
    );

    // Esc closes the detail, Esc again clears the query; the query stays unfocused.
    t.send(ESC);
    t.wait_for("the list back, the query kept", |s| {
        list_shown(s) && s.contents().contains("tanaka")
    });
    t.send(ESC);
    t.wait_for("the query cleared", |s| {
        s.contents().contains("300 of 300") && !s.contents().contains("tanaka")
    });
    assert!(
        t.with_screen(|s| !query_focused(s)),
        "Esc should not refocus the query line:\n{}",
        t.dump()
    );

    // q quits (the query line does not have focus), with status 0 and the terminal back.
    t.send("q");
    let (status, _) = t.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}\n{}", t.dump());
    t.assert_restored();
}

#[test]
fn search_open_detail_and_quit_wide() {
    search_open_back_quit(120, 32);
}

#[test]
fn search_open_detail_and_quit_narrow() {
    search_open_back_quit(80, 24);
}

#[test]
fn wide_terminal_shows_detail_beside_list() {
    let sb = Sandbox::with_demo_db();
    let db = sb.db();
    let db = db.to_str().expect("utf-8 temp path");
    let mut t = Tui::spawn(&sb, 120, 32, &["--db", db, "--lang", "en"], &[]);
    t.wait_for("the staff list loaded", |s| {
        s.contents().contains("300 of 300")
    });
    t.send("tanaka");
    t.wait_for("田中 in the filtered list", |s| {
        s.contents().contains("田中") && !s.contents().contains("300 of 300")
    });
    // The list and, to its right, the selected person's record: two boxes side by side.
    t.wait_for("the detail column beside the list", |s| {
        let top = s.rows(0, s.size().1).nth(2).unwrap_or_default();
        top.starts_with("┌─")
            && top.contains("┐┌ ")
            && top.contains("田中")
            && top.contains("タナカ")
            && list_shown(s)
    });
    t.send(ESC);
    t.wait_for("the query line unfocused", |s| !query_focused(s));
    t.send("q");
    let (status, _) = t.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}\n{}", t.dump());
    t.assert_restored();
}

#[test]
fn panic_restores_the_terminal() {
    let sb = Sandbox::with_demo_db();
    let db = sb.db();
    let db = db.to_str().expect("utf-8 temp path");
    let mut t = Tui::spawn(
        &sb,
        100,
        30,
        &["--db", db, "--lang", "en"],
        &[("JINZAI_TEST_PANIC", "1")],
    );
    let (status, _) = t.wait_exit(TIMEOUT);
    assert!(!status.success(), "a panic must not exit 0\n{}", t.dump());
    assert_eq!(
        status.exit_code(),
        101,
        "a Rust panic exits 101: {status:?}\n{}",
        t.dump()
    );

    let raw = t.raw();
    // The first frame was drawn on the alternate screen, then the panic left it.
    let entered = raw
        .find(ENTER_ALT)
        .unwrap_or_else(|| panic!("never entered the alternate screen\n{}", t.dump()));
    let drawn = raw
        .find("Staff")
        .unwrap_or_else(|| panic!("no frame was drawn before the panic\n{}", t.dump()));
    let message = raw
        .find("test panic")
        .unwrap_or_else(|| panic!("the panic message is not printed\n{}", t.dump()));
    let left = raw
        .rfind(LEAVE_ALT)
        .unwrap_or_else(|| panic!("never left the alternate screen\n{}", t.dump()));
    assert!(
        entered < drawn && drawn < left,
        "frame then restore, in that order\n{}",
        t.dump()
    );
    // The hook restores first and then prints, so the message lands on the normal screen.
    assert!(
        left < message,
        "the terminal is restored before the message is printed\n{}",
        t.dump()
    );
    assert!(
        raw.contains("panicked"),
        "the standard panic report is printed\n{}",
        t.dump()
    );
    assert!(
        t.screen_text().contains("test panic"),
        "the message is visible afterwards\n{}",
        t.dump()
    );
    t.assert_restored();
}

#[test]
fn broken_keymap_refuses_to_start() {
    let sb = Sandbox::with_demo_db();
    let keymap = sb.path().join("broken.toml");
    std::fs::write(
        &keymap,
        "[global]\nbindings = [ { on = [\"q\"], run = \"qiut\" } ]\n",
    )
    .expect("write keymap");
    let keymap = keymap.to_str().expect("utf-8 temp path");
    let db = sb.db();
    let db = db.to_str().expect("utf-8 temp path");
    let mut t = Tui::spawn(
        &sb,
        120,
        32,
        &["--db", db, "--lang", "en", "--keymap", keymap],
        &[],
    );
    let (status, _) = t.wait_exit(TIMEOUT);
    assert!(
        !status.success(),
        "a broken keymap must stop the app: {status:?}\n{}",
        t.dump()
    );

    let raw = t.raw();
    assert!(
        !raw.contains(ENTER_ALT),
        "must fail before touching the screen\n{}",
        t.dump()
    );
    assert!(t.with_screen(|s| !s.alternate_screen()), "{}", t.dump());
    let text = raw.replace("\r\n", "\n");
    assert!(
        text.contains(&format!("{keymap}:2:")),
        "the error names the file and line 2\n{}",
        t.dump()
    );
    assert!(
        text.contains("qiut"),
        "the error names the bad action\n{}",
        t.dump()
    );
    assert!(
        text.contains("'quit'"),
        "the error suggests 'quit'\n{}",
        t.dump()
    );
    assert!(
        t.is_cooked(),
        "the terminal is never put in raw mode\n{}",
        t.dump()
    );
}

#[test]
fn too_small_notice_then_resize_and_quit() {
    let sb = Sandbox::with_demo_db();
    let db = sb.db();
    let db = db.to_str().expect("utf-8 temp path");
    let mut t = Tui::spawn(&sb, 60, 20, &["--db", db, "--lang", "en"], &[]);
    t.wait_text("too small");
    t.wait_text("60×20");

    // Grown past the minimum it lays out the panes; the query line has focus.
    t.resize(100, 30);
    t.wait_for("the panes after growing", |s| {
        s.contents().contains("300 of 300") && query_focused(s)
    });
    // Esc leaves the query line, so that q is a key and not text.
    t.send(ESC);
    t.wait_for("the query line unfocused", |s| {
        !query_focused(s) && s.contents().contains("q quit")
    });

    // Too small again: keys still work.
    t.resize(70, 20);
    t.wait_text("70×20");
    t.send("q");
    let (status, _) = t.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}\n{}", t.dump());
    t.assert_restored();
}

#[test]
fn sigterm_exits_and_restores_within_two_seconds() {
    let sb = Sandbox::with_demo_db();
    let db = sb.db();
    let db = db.to_str().expect("utf-8 temp path");
    let mut t = Tui::spawn(&sb, 60, 20, &["--db", db, "--lang", "en"], &[]);
    t.wait_text("too small");
    assert!(
        !t.is_cooked(),
        "the TUI should put the terminal in raw mode"
    );

    t.signal(libc::SIGTERM);
    let (status, took) = t.wait_exit(Duration::from_secs(2));
    // It handled the signal (left its loop and restored the terminal) rather than
    // being killed by it.
    assert_eq!(
        status.signal(),
        None,
        "killed by the signal instead of handling it: {status:?}\n{}",
        t.dump()
    );
    assert!(took <= Duration::from_secs(2), "took {took:?}");
    t.assert_restored();
}

#[test]
fn japanese_ui_shows_japanese_tabs() {
    let sb = Sandbox::with_demo_db();
    let db = sb.db();
    let db = db.to_str().expect("utf-8 temp path");
    let mut t = Tui::spawn(&sb, 120, 32, &["--db", db, "--lang", "ja"], &[]);
    t.wait_for("the Japanese tabs in the header", |s| {
        let top = s.rows(0, s.size().1).next().unwrap_or_default();
        top.contains("職員") && top.contains("ポスト") && top.contains("研修")
    });
    t.wait_text("300件中300件");
    t.send("tanaka");
    t.wait_for("田中 in the filtered list", |s| {
        s.contents().contains("田中") && !s.contents().contains("300件中300件")
    });
    t.send(ESC);
    t.wait_for("the query line unfocused", |s| !query_focused(s));
    t.send("q");
    let (status, _) = t.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}\n{}", t.dump());
    t.assert_restored();
}

/// SSH dropping closes the terminal under the TUI: the process must exit, not spin.
#[test]
fn a_hung_up_terminal_ends_the_process() {
    let sb = Sandbox::with_demo_db();
    // The first frame, then every handle on the master side closed.
    let (mut child, master) = harness::launch_until(&sb, "jinzai");
    drop(master);
    let hung_up = std::time::Instant::now();
    loop {
        if let Some(_status) = child.try_wait().expect("wait") {
            break;
        }
        if hung_up.elapsed() > Duration::from_secs(2) {
            let _ = child.kill();
            panic!("still running 2 s after the terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The real loop's write path: assign through the picker, the date form and the
/// question, see it saved by the data worker, undo it, and find both in the audit
/// log afterwards.
#[test]
fn assign_then_undo_in_the_posts_pane_is_saved_and_audited() {
    let sb = Sandbox::with_demo_db();
    let db = sb.db();
    let db = db.to_str().expect("utf-8 temp path");
    let mut t = Tui::spawn(&sb, 120, 32, &["--db", db, "--lang", "en"], &[]);
    t.wait_for("the staff list loaded", |s| {
        s.contents().contains("300 of 300")
    });
    t.send(ESC);
    t.wait_for("the query line unfocused", |s| !query_focused(s));
    t.send("2");
    t.wait_text("organisation");
    t.send("/P023\r");
    t.wait_text("1 of 84 posts");
    t.send("a");
    t.wait_text("Assign to P023");
    // Someone with no post today (the first on the list holds one: refused).
    t.send("E0010");
    t.wait_text("1 found");
    t.send("\r");
    t.wait_text("From *");
    t.send(&"\x7f".repeat(10));
    t.send("2027-04-01\r");
    t.wait_text("from 2027-04-01?");
    t.send("y");
    t.wait_text("(u undoes)");
    t.send("u");
    t.wait_text("Undo #2: Assign");
    t.send("y");
    t.wait_text("saved #3: Undo #2");
    t.send("q");
    let (status, _) = t.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}\n{}", t.dump());
    t.assert_restored();
    let out = std::process::Command::new(harness::bin())
        .args(["log", "--json", "--db", db])
        .output()
        .expect("jinzai log");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let actions: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["demo", "assign", "undo"]);
}
