//! Encodings and layouts: undecodable bytes, UTF-16, BOM, Shift_JIS with Japanese
//! headers and era dates, CRLF with quoted line breaks, Japanese headers.

use super::*;

// ---- encodings ----------------------------------------------------------------

#[test]
fn bytes_neither_utf8_nor_shift_jis() {
    assert_eq!(
        problems("bad/bytes/staff.csv"),
        ["bad/bytes/staff.csv:2: encoding: byte 0xFF at offset 90 is neither valid UTF-8 nor Shift_JIS (cp932)"]
    );
}

#[test]
fn utf16_file() {
    assert_eq!(
        problems("bad/utf16/units.csv"),
        ["bad/utf16/units.csv:1: encoding: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as CSV UTF-8 or CSV (Shift_JIS)"]
    );
}

#[test]
fn utf8_bom() {
    let p = plan("bom/units.csv", &good()).unwrap();
    let u = &p.merged.units[&UnitId::new_unchecked("U-DX")];
    assert_eq!(u.name, "業務改革課");
    assert_eq!(u.parent, Some(UnitId::new_unchecked("U-MIN")));
    assert_eq!(p.counts["units"].added, 1);
}

#[test]
fn shift_jis_with_japanese_headers_and_era_dates() {
    for choice in [EncodingChoice::Auto, EncodingChoice::ShiftJis] {
        let p = plan_import(&fixtures().join("sjis/staff.csv"), choice, &good()).unwrap();
        let s = &p.merged.staff[&StaffId::new_unchecked("E0201")];
        assert_eq!(s.name, "髙橋 三郎");
        assert_eq!(s.kana, "タカハシ サブロウ");
        assert_eq!(s.birth_year, Some(1988));
        assert_eq!(s.grade, Grade::Deputy);
        assert_eq!(s.track, Track::MidCareer);
        assert_eq!(s.hired_on, Some(d("2019-05-01")));
        assert_eq!(s.skills.to_string(), "data:2;pm:3");
        assert!(s.candidate && !s.promotable);
        assert_eq!(s.status, Status::Seconded);
        assert_eq!(s.wishes, [Wish::Field(Field::Dx)]);
        assert_eq!(s.notes, "出向中（デジタル庁）");
        assert_eq!(s.grade_since, Some(d("2022-04-01")));
        assert_eq!(s.status_until, Some(d("2026-03-31")));
    }
    let ps = plan_import(
        &fixtures().join("sjis/staff.csv"),
        EncodingChoice::Utf8,
        &good(),
    )
    .unwrap_err();
    assert!(
        ps[0]
            .to_string()
            .contains(":1: encoding: byte 0x90 at offset 0 is not valid UTF-8"),
        "{}",
        ps[0]
    );
}

#[test]
fn crlf_and_quoted_line_break_in_notes() {
    let p = plan("crlf/staff.csv", &good()).unwrap();
    assert_eq!(
        p.merged.staff[&StaffId::new_unchecked("E0301")].notes,
        "line one\nline two"
    );
    assert_eq!(p.counts["staff"].added, 2);
    // The row after the quoted line break starts on physical line 4.
    assert_eq!(
        problems("bad/crlf/staff.csv"),
        ["bad/crlf/staff.csv:4: grade: unknown grade '部長'; expected one of staff (係員), chief (係長), deputy (課長補佐), manager (管理職)"]
    );
}

#[test]
fn japanese_headers_and_values() {
    let p = plan("ja/職員.csv", &good()).unwrap();
    let s = &p.merged.staff[&StaffId::new_unchecked("E0101")];
    assert_eq!(s.birth_year, Some(1993));
    assert_eq!(s.grade, Grade::Staff);
    assert_eq!(s.track, Track::SogoDigital);
    assert_eq!(s.hired_on, Some(d("2023-04-01")));
    assert_eq!(s.skills.level("security"), 2);
    assert!(s.candidate);
    assert_eq!(
        s.wishes,
        [
            Wish::Field(Field::Security),
            Wish::Post(PostId::new_unchecked("P01"))
        ]
    );
    let p = plan("ja/配置.csv", &good()).unwrap();
    let a = p
        .merged
        .assignments_of(&StaffId::new_unchecked("E0003"))
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (a.post.as_str(), a.start, a.end, a.concurrent),
        ("P03", d("2023-04-01"), None, true)
    );
}
