//! Hostile text on screen (issue #7): records whose text holds terminal escape
//! sequences (clear screen, OSC 52 clipboard writes, window titles, leaving the
//! alternate screen, a full reset), C1 controls, bidi overrides, zero-width
//! characters, carriage returns, bells and backspaces. Import refuses such text,
//! but a store written by something else (or an older jinzai) may hold it, so the
//! dataset here is built directly, bypassing validation.
//!
//! Every pane and overlay is drawn through a real crossterm backend writing into a
//! `Vec<u8>`, and the bytes are read back: the only escape sequences allowed are
//! the ones the app emits itself (cursor moves, colours and attributes, cursor
//! show/hide), and no control, C1, bidi or zero-width character from the data may
//! reach the terminal.

mod common;

use common::*;
use jinzai::audit::{Actor, AuditDraft, AuditRecord};
use jinzai::domain::text::is_invisible;
use jinzai::domain::Dataset;
use jinzai::i18n::Lang;
use jinzai::keymap::Keymap;
use jinzai::ui::{render, Theme, Ui};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// What an attacker would put in a name or a note.
const PAYLOADS: &[&str] = &[
    "\x1b[2J\x1b[H",                   // clear the screen, cursor home
    "\x1b]52;c;SGFja2VkIQ==\x07",      // OSC 52: write the clipboard (BEL)
    "\x1b]52;c;SGFja2VkIQ==\x1b\\",    // OSC 52 (ST)
    "\x1b]0;pwned\x07",                // window title
    "\x1b[?1049l",                     // leave the alternate screen
    "\x1bc",                           // full reset
    "\x1bP+q544e\x1b\\",               // DCS request
    "\x1b[31;1mred",                   // colours of its own
    "\u{9b}2J",                        // C1 CSI
    "\u{9d}52;c;QUFBQQ==\u{9c}",       // C1 OSC … ST
    "\u{85}\u{8d}",                    // C1 next line, reverse line feed
    "\u{202E}txt.exe\u{202C}",         // bidi override
    "\u{2066}isolate\u{2069}\u{200F}", // bidi isolate, RLM
    "a\u{200B}b\u{2060}c\u{FEFF}",     // zero-width characters
    "over\rwrite",                     // carriage return
    "bell\x07back\x08\x08space\x7f",   // BEL, BS, DEL
    "two\nlines\ttab\x0b\x0c",         // LF, tab, VT, FF
];

/// `base` with a payload slipped in after its first character.
fn spiked(base: &str, n: usize) -> String {
    let p = PAYLOADS[n % PAYLOADS.len()];
    let mut chars = base.chars();
    match chars.next() {
        Some(c) => format!("{c}{p}{}", chars.as_str()),
        None => p.to_string(),
    }
}

/// The fixture with a payload in every text a pane shows.
fn hostile() -> Dataset {
    let mut ds = fixture();
    let mut n = 0;
    let mut next = |s: &str| {
        n += 1;
        spiked(s, n)
    };
    for u in ds.units.values_mut() {
        u.name = next(&u.name);
        u.name_en = next(&u.name_en);
    }
    for p in ds.posts.values_mut() {
        p.title = next(&p.title);
    }
    for s in ds.staff.values_mut() {
        s.name = next(&s.name);
        s.kana = next(&s.kana);
        s.notes = next(&s.notes);
        s.destination = next("出向先");
    }
    for c in ds.courses.values_mut() {
        c.name = next(&c.name);
    }
    ds
}

/// Audit records with payloads in every text the log view shows.
fn hostile_log() -> Vec<AuditRecord> {
    (0..PAYLOADS.len())
        .map(|i| {
            let actor = Actor {
                user: spiked("mallory", i),
                ssh_client: Some(spiked("10.0.0.9", i + 1)),
            };
            let draft = AuditDraft {
                entities: vec![spiked("E0001", i + 2)],
                ..AuditDraft::new(spiked("edit", i + 3), spiked("summary", i + 4))
            };
            let ts = "2026-11-26T01:00:00Z".parse().unwrap();
            AuditRecord::new(i as u64 + 1, ts, &actor, draft)
        })
        .collect()
}

/// Draws the state after `script` on a fresh crossterm terminal; every cell is
/// written, as on the first frame.
fn bytes_after(lang: Lang, size: (u16, u16), script: &str, log: bool) -> Vec<u8> {
    let km = Keymap::builtin().unwrap();
    let mut st = state_with(hostile(), lang, size, &km);
    keys(&mut st, &km, script);
    if log {
        jinzai::app::update::on_msg(
            &mut st,
            &km,
            jinzai::app::update::Msg::LogLoaded(Ok(hostile_log())),
        );
    }
    let theme = Theme::monochrome();
    let ui = Ui {
        keymap: &km,
        theme: &theme,
    };
    let sink = Sink::default();
    let backend = CrosstermBackend::new(sink.clone());
    let viewport = Viewport::Fixed(Rect::new(0, 0, size.0, size.1));
    let mut term = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    term.draw(|f| render(&st, &ui, f)).unwrap();
    sink.bytes()
}

/// What the terminal was sent: the backend writes here.
#[derive(Clone, Default)]
struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Sink {
    fn bytes(&self) -> Vec<u8> {
        self.0.borrow().clone()
    }
}

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The escape sequences ratatui's crossterm backend writes while drawing: cursor
/// position (`CSI row;col H`), colours and attributes (`CSI … m`), and the
/// cursor hidden or shown (`CSI ?25l`, `CSI ?25h`).
fn own_sequence(params: &str, fin: char) -> bool {
    match fin {
        'H' | 'm' => params
            .chars()
            .all(|c| c.is_ascii_digit() || c == ';' || c == ':'),
        'l' | 'h' => params == "?25",
        _ => false,
    }
}

/// Fails with the place and the bytes around it if anything but the app's own
/// sequences and printable text reaches the terminal.
fn assert_clean(out: &[u8], what: &str) {
    let text = std::str::from_utf8(out).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let context = |at: usize| {
        let bytes = &out[at.saturating_sub(40)..(at + 40).min(out.len())];
        format!("{:?}", String::from_utf8_lossy(bytes))
    };
    for needle in ["\x1b]", "\x1b[2J", "\x1bc", "\x1b[?1049", "\x1bP", "\x1b\\"] {
        if let Some(at) = text.find(needle) {
            panic!(
                "{what}: {needle:?} reached the terminal at byte {at}: {}",
                context(at)
            );
        }
    }
    let mut it = text.char_indices().peekable();
    while let Some((at, c)) = it.next() {
        if c == '\x1b' {
            let Some((_, '[')) = it.next() else {
                panic!("{what}: a bare ESC at byte {at}: {}", context(at));
            };
            let mut params = String::new();
            let fin = loop {
                match it.next() {
                    Some((_, p)) if matches!(p, '0'..='9' | ';' | ':' | '?') => params.push(p),
                    Some((_, f)) => break f,
                    None => panic!("{what}: a cut escape sequence at byte {at}"),
                }
            };
            assert!(
                own_sequence(&params, fin),
                "{what}: CSI {params}{fin} is not one the app draws with, at byte {at}: {}",
                context(at)
            );
            continue;
        }
        let bad = c.is_control() || is_invisible(c);
        assert!(
            !bad,
            "{what}: U+{:04X} reached the terminal at byte {at}: {}",
            c as u32,
            context(at)
        );
    }
}

/// Every pane, detail and overlay the fixture can show, at both sizes and in both
/// languages.
#[test]
fn hostile_text_never_reaches_the_terminal() {
    let scripts = [
        "",
        "<Enter>",
        "<Enter> <Enter>",
        "<Enter> j <Enter>",
        "<Enter> j j <Enter>",
        "<Enter> G <Enter>",
        "<Enter> p",
        "<Enter> s",
        "<Esc> 2",
        "<Esc> 2 G",
        "<Esc> 2 G <Enter>",
        "<Esc> 2 j j <Enter>",
        "<Esc> 2 j j j <Enter>",
        "<Esc> 2 !",
        "<Esc> 2 a",
        "<Esc> 2 j j a",
        "<Esc> 2 j j E",
        "<Esc> 2 j j e",
        "<Esc> 3",
        "<Esc> 3 + G",
        "<Esc> 3 + g g j <Enter>",
        "<Esc> 3 + g g j j <Enter>",
        "<Esc> 3 + G k <Enter>",
        "<Esc> 3 !",
        "<Esc> 3 ! j",
        "<Esc> 3 ! j <Enter>",
        "<Esc> 4",
        "<Esc> ?",
        "<Esc> :",
        "<Enter> e",
    ];
    let mut drawn = 0;
    for lang in [Lang::En, Lang::Ja] {
        for size in [(80, 24), (200, 50)] {
            for script in scripts {
                let what = format!("{lang:?} {}x{} after {script:?}", size.0, size.1);
                assert_clean(&bytes_after(lang, size, script, false), &what);
                drawn += 1;
            }
            let what = format!("{lang:?} {}x{} audit log", size.0, size.1);
            let out = bytes_after(lang, size, "<Esc> 2 L", true);
            assert_clean(&out, &what);
            assert!(
                String::from_utf8_lossy(&out).contains("allory"),
                "{what}: the records are not drawn"
            );
        }
    }
    assert_eq!(drawn, 4 * scripts.len());
}

/// The check itself: a payload drawn without the app (straight into the buffer)
/// is caught, so a clean result above means something.
#[test]
fn the_check_catches_a_payload() {
    let sink = Sink::default();
    let mut term = Terminal::with_options(
        CrosstermBackend::new(sink.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 20, 2)),
        },
    )
    .unwrap();
    term.draw(|f| {
        f.buffer_mut()[(0, 0)].set_symbol("a\x1b]52;c;QQ==\x07");
    })
    .unwrap();
    let out = sink.bytes();
    let caught = std::panic::catch_unwind(|| assert_clean(&out, "raw"));
    assert!(caught.is_err());
}

/// The payloads are on screen as text, made harmless, not dropped with the
/// text around them: the person's name still reads.
#[test]
fn names_around_a_payload_still_show() {
    let out = bytes_after(Lang::En, (200, 50), "", false);
    let text = String::from_utf8(out).unwrap();
    let ds = fixture();
    let first = ds.staff.values().next().unwrap();
    let surname: String = first.name.chars().skip(1).take(1).collect();
    assert!(text.contains(&surname), "{surname} is not drawn");
}
