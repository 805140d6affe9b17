//! The encoding matrix (issue #7), through the real binary: the same staff file
//! as UTF-8, UTF-8 with a BOM and cp932 (Excel's Shift_JIS, encoded here with
//! encoding_rs, with 髙﨑① and the characters cp932 maps differently from
//! JIS), auto-detected and forced; UTF-16 (LE and BE, with a BOM, and without
//! one) refused with a message saying so; bytes that are neither refused naming
//! their line. A refused file changes nothing, and no U+FFFD ever reaches the
//! store: every export is scanned for it.

mod cmd;

use cmd::{export, good_db, jinzai_on, json};
use encoding_rs::SHIFT_JIS;
use std::path::Path;

const TODAY: &str = "2026-11-26";

/// Names only cp932 has (髙 and 﨑 are IBM/NEC extensions, ① an NEC special),
/// and characters that cp932 maps differently from JIS X 0208 tables (～ － ∥ ￢:
/// U+FF5E, U+FF0D, U+2225, U+FFE2, as Excel and browsers read them).
const NAME: &str = "髙﨑 ①子";
const KANA: &str = "タカサキ イチコ";
const NOTES: &str = "～－∥￢ ㈱ №";

/// A staff file with Japanese headers: two people, the second line plain.
fn staff_csv() -> String {
    format!(
        "職員番号,氏名,フリガナ,生年,役職,採用区分,採用日,スキル,候補,状態,希望,備考\n\
         E0901,{NAME},{KANA},平成3年,係長,総合職デジタル,令和2年4月1日,security:2,○,在籍,,{NOTES}\n\
         E0902,鈴木 花子,スズキ ハナコ,1990,staff,sogo-digital,2020-04-01,,no,active,,\n"
    )
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian { b"\xFE\xFF" } else { b"\xFF\xFE" });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

fn cp932(text: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = SHIFT_JIS.encode(text);
    assert_eq!(used, SHIFT_JIS);
    assert!(!unmappable, "{text} has characters cp932 cannot hold");
    bytes.into_owned()
}

/// Fails if the store holds U+FFFD anywhere (the export is every record).
fn assert_no_replacement_char(db: &Path) {
    let out = export(db, TODAY);
    let text = String::from_utf8(out).expect("the export is UTF-8");
    assert!(
        !text.contains('\u{FFFD}'),
        "U+FFFD is stored: {}",
        text.lines().find(|l| l.contains('\u{FFFD}')).unwrap_or("")
    );
}

/// Imports `bytes` as `staff.csv` with `args`; returns (success, stderr).
fn import(db: &Path, bytes: &[u8], args: &[&str]) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.csv");
    std::fs::write(&path, bytes).unwrap();
    let out = jinzai_on(db, TODAY)
        .arg("import")
        .args(args)
        .arg(&path)
        .output()
        .unwrap();
    let stderr =
        String::from_utf8_lossy(&out.stderr).replace(&format!("{}/", dir.path().display()), "");
    (out.status.success(), stderr)
}

fn assert_imported(db: &Path) {
    let person = json(jinzai_on(db, TODAY).args(["show", "E0901", "--json"]));
    assert_eq!(person["name"], NAME);
    assert_eq!(person["kana"], KANA);
    assert_eq!(person["notes"], NOTES);
    assert_eq!(person["birth_year"], 1991);
    assert_eq!(person["hired_on"], "2020-04-01");
    let other = json(jinzai_on(db, TODAY).args(["show", "E0902", "--json"]));
    assert_eq!(other["name"], "鈴木 花子");
    assert_no_replacement_char(db);
}

#[test]
fn utf8_without_and_with_a_bom() {
    for (bytes, args) in [
        (staff_csv().into_bytes(), &[][..]),
        (
            [b"\xEF\xBB\xBF".as_slice(), staff_csv().as_bytes()].concat(),
            &[][..],
        ),
        (staff_csv().into_bytes(), &["--encoding", "utf-8"][..]),
        (
            [b"\xEF\xBB\xBF".as_slice(), staff_csv().as_bytes()].concat(),
            &["--encoding", "utf-8"][..],
        ),
    ] {
        let db = good_db(TODAY);
        let (ok, stderr) = import(db.path(), &bytes, args);
        assert!(ok, "{args:?}: {stderr}");
        assert_imported(db.path());
        // The BOM is not part of the first header or the first id.
        let all = String::from_utf8(export(db.path(), TODAY)).unwrap();
        assert!(!all.contains('\u{FEFF}'));
    }
}

#[test]
fn cp932_detected_and_forced() {
    let bytes = cp932(&staff_csv());
    // 髙 is FB FC in cp932 (IBM extension), 﨑 FA B1, ① 87 40.
    assert!(bytes.windows(2).any(|w| w == [0xFB, 0xFC]), "{bytes:02X?}");
    assert!(bytes.windows(2).any(|w| w == [0x87, 0x40]));
    for args in [
        &[][..],
        &["--encoding", "shift_jis"][..],
        &["--encoding", "cp932"][..],
    ] {
        let db = good_db(TODAY);
        let (ok, stderr) = import(db.path(), &bytes, args);
        assert!(ok, "{args:?}: {stderr}");
        assert_imported(db.path());
    }
    // The same bytes read as UTF-8 are refused, naming the line of the first
    // byte that is not UTF-8 (the header is Japanese: line 1).
    let db = good_db(TODAY);
    let before = export(db.path(), TODAY);
    let (ok, stderr) = import(db.path(), &bytes, &["--encoding", "utf-8"]);
    assert!(!ok);
    assert!(
        stderr.contains("staff.csv:1: encoding: byte 0x90 at offset 0 is not valid UTF-8"),
        "{stderr}"
    );
    assert_eq!(export(db.path(), TODAY), before);
}

#[test]
fn utf16_is_refused_with_a_message() {
    let text = staff_csv();
    let cases = [
        (
            utf16(&text, false, true),
            "the file is UTF-16 (it starts with a UTF-16 byte order mark)",
        ),
        (
            utf16(&text, true, true),
            "the file is UTF-16 (it starts with a UTF-16 byte order mark)",
        ),
        (utf16(&text, false, false), "the file looks like UTF-16"),
        (utf16(&text, true, false), "the file looks like UTF-16"),
    ];
    let db = good_db(TODAY);
    let before = export(db.path(), TODAY);
    for (bytes, says) in cases {
        for args in [
            &[][..],
            &["--encoding", "utf-8"][..],
            &["--encoding", "shift_jis"][..],
        ] {
            let (ok, stderr) = import(db.path(), &bytes, args);
            assert!(!ok, "{args:?} imported UTF-16");
            assert!(
                stderr.contains(&format!("staff.csv:1: encoding: {says}")),
                "{args:?}: {stderr}"
            );
            assert!(
                stderr.contains("save it as CSV UTF-8 or CSV (Shift_JIS)"),
                "{stderr}"
            );
        }
    }
    assert_eq!(
        export(db.path(), TODAY),
        before,
        "a refused file changed the store"
    );
    assert_no_replacement_char(db.path());
}

#[test]
fn bytes_that_are_neither_are_refused_naming_their_line() {
    let text = staff_csv();
    let lines: Vec<&str> = text.lines().collect();
    // A stray byte in the notes of line 2, and one on line 3.
    let at_line_2 = format!("{}\n{}", lines[0], lines[1]).into_bytes();
    let mut bad2 = at_line_2.clone();
    bad2.extend_from_slice(b"\xFF\xFE\n");
    bad2.extend_from_slice(lines[2].as_bytes());
    let mut bad3 = format!("{}\n{}\n", lines[0], lines[1]).into_bytes();
    bad3.extend_from_slice(b"E0902,\x80\x81\x82,x,1990,staff,sogo-digital,,,no,active,,\n");
    // A lead byte of cp932 with no second byte, at the very end (line 3).
    let mut cp = cp932(&format!("{}\n{}\n", lines[0], lines[1]));
    cp.extend_from_slice(b"E0902,\x82");
    // With a UTF-8 BOM, a cp932 byte later on is not UTF-8.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(format!("{}\n{}\n", lines[0], lines[1]).as_bytes());
    bom.extend_from_slice(&cp932("E0902,髙\n"));

    let db = good_db(TODAY);
    let before = export(db.path(), TODAY);
    for (bytes, args, line) in [
        (&bad2, &[][..], 2),
        (&bad2, &["--encoding", "utf-8"][..], 2),
        (&bad2, &["--encoding", "shift_jis"][..], 1),
        (&bad3, &[][..], 3),
        (&cp, &[][..], 3),
        (&cp, &["--encoding", "shift_jis"][..], 3),
        (&bom, &[][..], 3),
    ] {
        let (ok, stderr) = import(db.path(), bytes, args);
        assert!(!ok, "{args:?} imported bad bytes");
        assert!(
            stderr.contains(&format!("staff.csv:{line}: encoding: byte 0x")),
            "{args:?}, expected line {line}: {stderr}"
        );
        assert!(stderr.contains("nothing was written"), "{stderr}");
    }
    assert_eq!(
        export(db.path(), TODAY),
        before,
        "a refused file changed the store"
    );
    assert_no_replacement_char(db.path());
}

/// A JSON export must be UTF-8: UTF-16 or Shift_JIS bytes are refused the same way.
#[test]
fn a_json_export_in_another_encoding_is_refused() {
    let db = good_db(TODAY);
    let doc = export(db.path(), TODAY);
    let text = String::from_utf8(doc.clone())
        .unwrap()
        .replace("山田", NAME);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.json");
    for (bytes, says) in [
        (utf16(&text, false, true), "UTF-16"),
        (utf16(&text, true, true), "UTF-16"),
        (cp932(&text), "is not valid UTF-8"),
    ] {
        std::fs::write(&path, &bytes).unwrap();
        let out = jinzai_on(db.path(), TODAY)
            .arg("import")
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(
            stderr.contains(says) && stderr.contains("export.json:"),
            "{stderr}"
        );
    }
    assert_eq!(export(db.path(), TODAY), doc);
    assert_no_replacement_char(db.path());
}
