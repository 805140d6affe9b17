//! The edit forms: navigation and typing, choices and yes/no, parsing into records
//! with every error under its key and nothing typed lost, round trips over the demo
//! ministry, the date prompt, and drawing at 80x24.

use jinzai::app::form::{FieldKind, Form, FormEvent, FormKey};
use jinzai::app::forms::{
    date_form, date_from_form, new_post_form, new_staff_form, new_unit_form, post_form,
    post_from_form, staff_form, staff_from_form, unit_form, unit_from_form, FIELDS, GRADES,
    IMPACTS, STATUSES, TRACKS,
};
use jinzai::domain::date::parse_date;
use jinzai::domain::ops::{plan, Op, OpError};
use jinzai::domain::{Dataset, Date, Field, Grade, Impact, Status, Track, UnitId, Wish};
use jinzai::i18n::Lang;
use jinzai::keymap::{Code, Key};
use jinzai::ui::form::draw_form;
use jinzai::ui::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn day(s: &str) -> Date {
    parse_date(s).unwrap()
}

fn ds() -> Dataset {
    jinzai::demo::ministry(1)
}

fn type_text(form: &mut Form, s: &str) {
    for c in s.chars() {
        form.edit(FormKey::Char(c));
    }
}

/// Empties the focused field with Home then Delete.
fn clear(form: &mut Form) {
    form.edit(FormKey::End);
    while form.edit(FormKey::Backspace) == FormEvent::Edited {}
}

fn focus(form: &mut Form, key: &str) {
    assert!(form.focus_key(key), "no field {key}");
}

fn focused_key(form: &Form) -> &'static str {
    form.focused().unwrap().key
}

fn draw(form: &Form, lang: Lang, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::monochrome();
    term.draw(|f| draw_form(f, f.area(), form, lang, &theme))
        .unwrap();
    term.backend().to_string()
}

// ---- navigation and typing ----

#[test]
fn tab_and_shift_tab_move_and_wrap() {
    let mut f = new_staff_form(day("2027-04-01"), Lang::En);
    assert_eq!(focused_key(&f), "id");
    assert_eq!(f.edit(FormKey::Next), FormEvent::Moved);
    assert_eq!(focused_key(&f), "name");
    f.edit(FormKey::Prev);
    f.edit(FormKey::Prev);
    assert_eq!(
        focused_key(&f),
        "notes",
        "Shift-Tab wraps to the last field"
    );
    f.edit(FormKey::Next);
    assert_eq!(focused_key(&f), "id", "Tab wraps to the first field");
}

#[test]
fn a_locked_id_is_skipped_and_not_editable() {
    let ds = ds();
    let s = ds.staff.values().next().unwrap();
    let mut f = staff_form(s, &ds, Lang::En);
    assert_eq!(focused_key(&f), "name", "focus starts past the locked id");
    f.edit(FormKey::Prev);
    assert_eq!(focused_key(&f), "notes");
    f.edit(FormKey::Next);
    assert_eq!(focused_key(&f), "name");
    f.focus = 0;
    assert!(f.input_mut().is_none());
    assert_eq!(f.edit(FormKey::Char('x')), FormEvent::Ignored);
    assert_eq!(f.value("id"), s.id.as_str());
}

#[test]
fn keys_map_to_form_keys() {
    let k = |code| Key::new(code, false, false, false);
    assert_eq!(FormKey::from_key(k(Code::Tab)), Some(FormKey::Next));
    assert_eq!(FormKey::from_key(k(Code::Down)), Some(FormKey::Next));
    assert_eq!(FormKey::from_key(k(Code::BackTab)), Some(FormKey::Prev));
    assert_eq!(
        FormKey::from_key(Key::new(Code::Tab, false, false, true)),
        Some(FormKey::Prev)
    );
    assert_eq!(FormKey::from_key(k(Code::Up)), Some(FormKey::Prev));
    assert_eq!(FormKey::from_key(k(Code::Enter)), Some(FormKey::Submit));
    assert_eq!(FormKey::from_key(k(Code::Esc)), Some(FormKey::Cancel));
    assert_eq!(
        FormKey::from_key(k(Code::Char('係'))),
        Some(FormKey::Char('係'))
    );
    assert_eq!(
        FormKey::from_key(Key::new(Code::Char('w'), true, false, false)),
        Some(FormKey::DeleteWord)
    );
    assert_eq!(FormKey::from_key(k(Code::F(5))), None);
}

#[test]
fn typing_edits_the_focused_field_only() {
    let mut f = new_staff_form(day("2027-04-01"), Lang::Ja);
    type_text(&mut f, "E9001");
    f.edit(FormKey::Next);
    type_text(&mut f, "田中 美咲x");
    assert_eq!(f.edit(FormKey::Backspace), FormEvent::Edited);
    f.edit(FormKey::Home);
    f.edit(FormKey::Delete);
    f.edit(FormKey::Char('山'));
    assert_eq!(f.value("id"), "E9001");
    assert_eq!(f.value("name"), "山中 美咲");
    assert_eq!(f.value("kana"), "");
    assert!(f.is_changed());
    // input_mut is the focused input
    f.input_mut().unwrap().set("佐藤");
    assert_eq!(f.value("name"), "佐藤");
}

#[test]
fn notes_take_semicolons_as_text() {
    let ds = ds();
    let s = ds.staff.values().next().unwrap();
    let mut f = staff_form(s, &ds, Lang::En);
    focus(&mut f, "notes");
    clear(&mut f);
    type_text(&mut f, "a; b; 面談済");
    let out = staff_from_form(&f, Some(s), &ds).unwrap();
    assert_eq!(out.notes, "a; b; 面談済");
}

// ---- choices and yes/no ----

#[test]
fn choices_cycle_with_left_right_and_space() {
    let mut f = new_staff_form(day("2027-04-01"), Lang::En);
    focus(&mut f, "grade");
    assert_eq!(f.value("grade"), "staff");
    assert_eq!(f.edit(FormKey::Right), FormEvent::Edited);
    assert_eq!(f.value("grade"), "chief");
    f.edit(FormKey::Char(' '));
    assert_eq!(f.value("grade"), "deputy");
    f.edit(FormKey::Right);
    f.edit(FormKey::Right);
    assert_eq!(f.value("grade"), "staff", "wraps past the last choice");
    f.edit(FormKey::Left);
    assert_eq!(f.value("grade"), "manager", "and back past the first");
}

#[test]
fn a_choice_accepts_a_typed_code_or_japanese_word() {
    let ds = ds();
    let mut f = new_staff_form(day("2027-04-01"), Lang::Ja);
    focus(&mut f, "id");
    type_text(&mut f, "E9001");
    focus(&mut f, "name");
    type_text(&mut f, "新人 一郎");
    focus(&mut f, "grade");
    clear(&mut f);
    type_text(&mut f, "係長");
    focus(&mut f, "track");
    clear(&mut f);
    type_text(&mut f, "MID-CAREER");
    let s = staff_from_form(&f, None, &ds).unwrap();
    assert_eq!(s.grade, Grade::Chief);
    assert_eq!(s.track, Track::MidCareer);
    // Cycling from a typed Japanese word continues from it.
    focus(&mut f, "grade");
    f.edit(FormKey::Right);
    assert_eq!(f.value("grade"), "deputy");
}

#[test]
fn yes_no_toggles_with_space_and_takes_y_n() {
    let mut f = new_staff_form(day("2027-04-01"), Lang::En);
    focus(&mut f, "candidate");
    assert_eq!(f.field("candidate").unwrap().kind, FieldKind::YesNo);
    assert_eq!(f.value("candidate"), "no");
    assert_eq!(f.edit(FormKey::Char(' ')), FormEvent::Edited);
    assert_eq!(f.value("candidate"), "yes");
    f.edit(FormKey::Char(' '));
    assert_eq!(f.value("candidate"), "no");
    f.edit(FormKey::Char('y'));
    assert_eq!(f.value("candidate"), "yes");
    assert_eq!(f.edit(FormKey::Char('q')), FormEvent::Ignored);
    f.edit(FormKey::Char('n'));
    assert_eq!(f.value("candidate"), "no");
    assert_eq!(f.edit(FormKey::Backspace), FormEvent::Ignored);
}

#[test]
fn choice_tables_match_the_domain_vocabularies() {
    fn same<T: Copy>(
        table: &[(&str, &str)],
        all: &[T],
        code: fn(T) -> &'static str,
        ja: fn(T) -> &'static str,
    ) {
        let want: Vec<(&str, &str)> = all.iter().map(|v| (code(*v), ja(*v))).collect();
        assert_eq!(table, want.as_slice());
    }
    same(GRADES, Grade::ALL, Grade::code, Grade::ja);
    same(FIELDS, Field::ALL, Field::code, Field::ja);
    same(TRACKS, Track::ALL, Track::code, Track::ja);
    same(STATUSES, Status::ALL, Status::code, Status::ja);
    same(IMPACTS, Impact::ALL, Impact::code, Impact::ja);
}

// ---- errors ----

#[test]
fn every_bad_field_is_reported_under_its_key_and_the_text_is_kept() {
    let ds = ds();
    let s = ds.staff.values().next().unwrap();
    let mut f = staff_form(s, &ds, Lang::En);
    let bad = [
        ("name", ""),
        ("birth_year", "abc"),
        ("grade", "部長"),
        ("grade_since", "2027-02-30"),
        ("track", "x"),
        ("hired_on", "tomorrow"),
        ("skills", "security:9"),
        ("status", "retired"),
        ("status_until", "R9.13.1"),
        ("candidate", "maybe"),
        ("wishes", "P02;NOPE;ZZ9"),
        ("notes", "bad\u{202E}note"),
    ];
    for (k, v) in bad {
        assert!(f.set_value(k, v));
    }
    let errors = staff_from_form(&f, Some(s), &ds).unwrap_err();
    let keys: Vec<&str> = errors.iter().map(|e| e.field).collect();
    for (k, _) in bad {
        assert!(keys.contains(&k), "no error for {k}: {errors:?}");
    }
    let msg = |k: &str| {
        errors
            .iter()
            .find(|e| e.field == k)
            .map(|e| e.message.clone())
            .unwrap()
    };
    assert_eq!(msg("name"), "is empty");
    assert_eq!(
        msg("grade_since"),
        "2027-02-30 is not a day in the calendar"
    );
    assert!(msg("grade").starts_with("unknown grade '部長'"));
    assert_eq!(
        msg("skills"),
        "skill 'security' has level 9; levels are 1-4"
    );
    assert!(msg("wishes").contains("'NOPE'") && msg("wishes").contains("'ZZ9'"));
    assert!(msg("notes").contains("bidi"));

    f.focus = 0;
    f.set_errors(&errors);
    for (k, v) in bad {
        let field = f.field(k).unwrap();
        assert_eq!(field.value(), v, "{k} lost what was typed");
        assert!(field.error.is_some(), "{k} shows no error");
    }
    assert_eq!(focused_key(&f), "name", "focus goes to the first bad field");
    assert!(f.field("kana").unwrap().error.is_none());
    assert!(f.error.is_none());
    assert!(f.has_errors());
    f.clear_errors();
    assert!(!f.has_errors());
    assert_eq!(f.value("grade"), "部長");
}

#[test]
fn errors_for_unknown_keys_go_to_the_form_line_and_repeats_join() {
    let mut f = date_form("Assign", "from", day("2027-04-01"));
    f.set_errors(&[
        OpError {
            field: "from",
            message: "first".into(),
        },
        OpError {
            field: "from",
            message: "second".into(),
        },
        OpError {
            field: "post",
            message: "P02 has 1 seat".into(),
        },
    ]);
    assert_eq!(
        f.field("from").unwrap().error.as_deref(),
        Some("first; second")
    );
    assert_eq!(f.error.as_deref(), Some("post: P02 has 1 seat"));
    assert_eq!(f.value("from"), "2027-04-01");
}

#[test]
fn plan_errors_land_beside_the_fields() {
    let ds = ds();
    let s = ds.staff.values().next().unwrap();
    let mut f = staff_form(s, &ds, Lang::En);
    // Nothing changed: the error names the locked id, so it goes to the form line.
    let same = staff_from_form(&f, Some(s), &ds).unwrap();
    let errs = plan(
        &ds,
        &Op::PutStaff {
            staff: Box::new(same),
            new: false,
        },
    )
    .unwrap_err();
    f.set_errors(&errs);
    assert_eq!(f.error.as_deref(), Some("id: nothing changed"));
    // A new hire with an id that exists: beside the id.
    let mut n = new_staff_form(day("2027-04-01"), Lang::En);
    n.set_value("id", s.id.as_str());
    n.set_value("name", "新人 一郎");
    let hire = staff_from_form(&n, None, &ds).unwrap();
    let errs = plan(
        &ds,
        &Op::PutStaff {
            staff: Box::new(hire),
            new: true,
        },
    )
    .unwrap_err();
    n.set_errors(&errs);
    assert!(n
        .field("id")
        .unwrap()
        .error
        .as_deref()
        .unwrap()
        .contains("already exists"));
    assert_eq!(n.value("id"), s.id.as_str());
}

#[test]
fn status_must_agree_with_return_date_and_destination() {
    let ds = ds();
    let s = ds
        .staff
        .values()
        .find(|s| s.status == Status::Active)
        .unwrap();
    let mut f = staff_form(s, &ds, Lang::En);
    f.set_value("status_until", "2028-03-31");
    f.set_value("destination", "デジタル庁");
    let errs = staff_from_form(&f, Some(s), &ds).unwrap_err();
    let keys: Vec<&str> = errs.iter().map(|e| e.field).collect();
    assert_eq!(keys, vec!["status_until", "destination"]);
    // Seconded with a destination and a return date (era form) is fine.
    f.set_value("status", "出向");
    f.set_value("status_until", "令和10年3月31日");
    let out = staff_from_form(&f, Some(s), &ds).unwrap();
    assert_eq!(out.status, Status::Seconded);
    assert_eq!(out.status_until, Some(day("2028-03-31")));
    assert_eq!(out.destination, "デジタル庁");
    // Leave has a return date but no destination.
    f.set_value("status", "leave");
    let errs = staff_from_form(&f, Some(s), &ds).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].field, "destination");
    // Active again once both are cleared.
    f.set_value("status", "active");
    f.set_value("status_until", "");
    f.set_value("destination", "");
    assert_eq!(staff_from_form(&f, Some(s), &ds).unwrap(), *s);
}

#[test]
fn a_promotion_with_its_date() {
    let ds = ds();
    let s = ds
        .staff
        .values()
        .find(|s| s.grade == Grade::Chief && s.status == Status::Active)
        .unwrap();
    let mut f = staff_form(s, &ds, Lang::Ja);
    focus(&mut f, "grade");
    f.edit(FormKey::Right);
    focus(&mut f, "grade_since");
    clear(&mut f);
    type_text(&mut f, "R9.4.1");
    focus(&mut f, "promotable");
    f.edit(FormKey::Char('n'));
    let out = staff_from_form(&f, Some(s), &ds).unwrap();
    assert_eq!(out.grade, Grade::Deputy);
    assert_eq!(out.grade_since, Some(day("2027-04-01")));
    assert!(!out.promotable);
    let planned = plan(
        &ds,
        &Op::PutStaff {
            staff: Box::new(out),
            new: false,
        },
    )
    .unwrap();
    assert!(planned.summary.contains("課長補佐"), "{}", planned.summary);
}

// ---- round trips ----

#[test]
fn every_demo_person_post_and_unit_round_trips() {
    let ds = ds();
    for s in ds.staff.values() {
        for lang in [Lang::En, Lang::Ja] {
            let f = staff_form(s, &ds, lang);
            assert!(!f.is_changed());
            assert_eq!(
                staff_from_form(&f, Some(s), &ds).as_ref(),
                Ok(s),
                "{}",
                s.id
            );
        }
        // Read as a new record, the id comes from the form.
        let f = staff_form(s, &ds, Lang::En);
        assert_eq!(staff_from_form(&f, None, &ds).as_ref(), Ok(s));
    }
    for p in ds.posts.values() {
        let f = post_form(p, Lang::En);
        assert_eq!(post_from_form(&f, Some(p)).as_ref(), Ok(p), "{}", p.id);
    }
    for u in ds.units.values() {
        let f = unit_form(u, Lang::Ja);
        assert_eq!(unit_from_form(&f, Some(u)).as_ref(), Ok(u), "{}", u.id);
    }
}

#[test]
fn wishes_that_read_two_ways_keep_their_kind() {
    let mut ds = ds();
    let s = ds.staff.values().next().unwrap().clone();
    let unit = ds.units.keys().next().unwrap().clone();
    let post_id = ds.posts.keys().next().unwrap().clone();
    // A unit whose id is also a post's id.
    let mut clash = ds.units[&unit].clone();
    clash.id = UnitId::new_unchecked(post_id.as_str());
    ds.units.insert(clash.id.clone(), clash.clone());
    let mut s2 = s.clone();
    s2.wishes = vec![
        Wish::Unit(clash.id.clone()),
        Wish::Post(post_id.clone()),
        Wish::Field(Field::Data),
    ];
    let f = staff_form(&s2, &ds, Lang::En);
    assert_eq!(f.value("wishes"), format!("unit:{post_id};{post_id};data"));
    assert_eq!(staff_from_form(&f, Some(&s2), &ds).unwrap(), s2);
}

#[test]
fn a_new_hire_becomes_a_person() {
    let ds = ds();
    let today = day("2027-04-01");
    let mut f = new_staff_form(today, Lang::Ja);
    assert!(f.title.contains("新規採用"));
    type_text(&mut f, "Ｅ９００１");
    f.edit(FormKey::Next);
    type_text(&mut f, "新人 一郎");
    f.edit(FormKey::Next);
    type_text(&mut f, "シンジン イチロウ");
    f.edit(FormKey::Next);
    type_text(&mut f, "平成12年");
    focus(&mut f, "track");
    f.edit(FormKey::Right);
    focus(&mut f, "skills");
    type_text(&mut f, "security:2；データ:1");
    focus(&mut f, "candidate");
    f.edit(FormKey::Char(' '));
    focus(&mut f, "wishes");
    let post = ds.posts.keys().next().unwrap().clone();
    type_text(&mut f, &format!("{post};セキュリティ"));
    assert!(matches!(f.edit(FormKey::Submit), FormEvent::Submit));
    let s = staff_from_form(&f, None, &ds).unwrap();
    assert_eq!(s.id.as_str(), "E9001");
    assert_eq!(s.name, "新人 一郎");
    assert_eq!(s.kana, "シンジン イチロウ");
    assert_eq!(s.birth_year, Some(2000));
    assert_eq!(s.grade, Grade::Staff);
    assert_eq!(s.grade_since, Some(today));
    assert_eq!(s.hired_on, Some(today));
    assert_eq!(s.track, Track::IppanDigital);
    assert_eq!(s.skills.to_string(), "data:1;security:2");
    assert!(s.candidate && !s.promotable);
    assert_eq!(s.status, Status::Active);
    assert_eq!(
        s.wishes,
        vec![Wish::Post(post), Wish::Field(Field::Security)]
    );
    let planned = plan(
        &ds,
        &Op::PutStaff {
            staff: Box::new(s),
            new: true,
        },
    )
    .unwrap();
    assert_eq!(planned.action, "add-staff");
}

#[test]
fn new_post_and_unit_forms() {
    let ds = ds();
    let unit = ds.units.keys().next().unwrap().clone();
    let mut f = new_post_form(Some(&unit), Lang::En);
    assert_eq!(f.value("unit"), unit.as_str());
    assert_eq!(f.value("capacity"), "1");
    f.set_value("id", "P-NEW");
    f.set_value("title", "データ分析係");
    f.set_value("field", "データ");
    f.set_value("impact", "高");
    f.set_value("skills", "data:2");
    let course = ds.courses.keys().next().unwrap().clone();
    f.set_value("courses", &format!("{course}; "));
    f.set_value("capacity", "２");
    let p = post_from_form(&f, None).unwrap();
    assert_eq!(
        (p.field, p.impact, p.capacity, p.courses.clone(), p.closed),
        (Field::Data, Impact::High, 2, vec![course], None)
    );
    assert!(plan(
        &ds,
        &Op::PutPost {
            post: Box::new(p),
            new: true
        }
    )
    .is_ok());

    f.set_value("capacity", "0");
    f.set_value("id", "P 1");
    f.set_value("courses", "C 1;C2");
    let errs = post_from_form(&f, None).unwrap_err();
    let keys: Vec<&str> = errs.iter().map(|e| e.field).collect();
    assert_eq!(keys, vec!["id", "courses", "capacity"]);
    assert_eq!(errs[2].message, "must be at least 1");
    f.set_value("capacity", "many");
    let errs = post_from_form(&f, None).unwrap_err();
    assert_eq!(errs[2].message, "'many' is not a whole number");

    let mut u = new_unit_form(Some(&unit), Lang::Ja);
    assert_eq!(u.value("parent"), unit.as_str());
    u.set_value("id", "U-NEW");
    u.set_value("name", "データ室");
    let nu = unit_from_form(&u, None).unwrap();
    assert_eq!(nu.parent, Some(unit.clone()));
    assert!(plan(
        &ds,
        &Op::PutUnit {
            unit: Box::new(nu),
            new: true
        }
    )
    .is_ok());
    u.set_value("name", "");
    u.set_value("parent", "");
    let errs = unit_from_form(&u, None).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].field, "name");
}

#[test]
fn editing_a_post_keeps_its_closing_date_and_renames() {
    let ds = ds();
    let mut p = ds.posts.values().next().unwrap().clone();
    p.closed = Some(day("2027-04-01"));
    let mut f = post_form(&p, Lang::En);
    assert!(f.field("id").unwrap().locked);
    focus(&mut f, "title");
    type_text(&mut f, "（新）");
    let out = post_from_form(&f, Some(&p)).unwrap();
    assert_eq!(out.closed, p.closed);
    assert_eq!(out.title, format!("{}（新）", p.title));
    let u = ds.units.values().next().unwrap();
    let mut uf = unit_form(u, Lang::En);
    focus(&mut uf, "name");
    clear(&mut uf);
    type_text(&mut uf, "新しい名前");
    assert_eq!(unit_from_form(&uf, Some(u)).unwrap().name, "新しい名前");
}

// ---- the date prompt ----

#[test]
fn the_date_form_takes_iso_and_era_forms_with_today_as_default() {
    let today = day("2026-11-20");
    let mut f = date_form("Transfer", "on", today);
    assert_eq!(f.value("on"), "2026-11-20");
    assert_eq!(date_from_form(&f), Ok(today));
    for typed in ["2027-04-01", "令和9年4月1日", "R9.4.1", "2027/4/1"] {
        f.set_value("on", typed);
        assert_eq!(date_from_form(&f), Ok(day("2027-04-01")), "{typed}");
    }
    f.set_value("on", "2027-02-30");
    let errs = date_from_form(&f).unwrap_err();
    assert_eq!(
        errs,
        vec![OpError {
            field: "on",
            message: "2027-02-30 is not a day in the calendar".into()
        }]
    );
    f.set_errors(&errs);
    assert_eq!(f.value("on"), "2027-02-30");
    f.set_value("on", "");
    assert_eq!(date_from_form(&f).unwrap_err()[0].message, "is empty");
    let g = date_form("Assign", "from", today);
    assert_eq!(g.fields[0].key, "from");
    assert_eq!(g.fields[0].label_ja, "発令日");
}

// ---- drawing ----

#[test]
fn the_form_draws_labels_value_and_error_at_80x24() {
    let mut f = date_form("Assign E0412 to P02", "from", day("2026-11-20"));
    f.set_value("from", "2027-02-30");
    f.set_errors(&date_from_form(&f).unwrap_err());
    let en = draw(&f, Lang::En, 80, 24);
    assert!(en.contains("Assign E0412 to P02"), "{en}");
    assert!(en.contains("From *"), "{en}");
    assert!(en.contains("2027-02-30"), "{en}");
    assert!(en.contains("is not a day in the calendar"), "{en}");
    assert!(en.contains("Enter save"), "{en}");
    insta::assert_snapshot!("date_error_en_80x24", en);
    let ja = draw(&f, Lang::Ja, 80, 24);
    assert!(ja.contains("発令日"), "{ja}");
    assert!(ja.contains("保存"), "{ja}");
    insta::assert_snapshot!("date_error_ja_80x24", ja);
}

#[test]
fn the_staff_form_scrolls_to_the_focused_field_at_80x24() {
    let ds = ds();
    let s = ds.staff.values().next().unwrap();
    let mut f = staff_form(s, &ds, Lang::En);
    f.set_value("skills", "security:9");
    f.set_errors(&staff_from_form(&f, Some(s), &ds).unwrap_err());
    let fits = draw(&f, Lang::En, 80, 24);
    assert!(!fits.contains("more"), "{fits}");
    f.set_value("grade", "部長");
    f.set_value("birth_year", "next year");
    f.set_errors(&staff_from_form(&f, Some(s), &ds).unwrap_err());
    assert_eq!(focused_key(&f), "birth_year");
    let top = draw(&f, Lang::En, 80, 24);
    assert!(top.contains("Name *"), "{top}");
    assert!(top.contains("security:9"), "{top}");
    assert!(top.contains("unknown grade '部長'"), "{top}");
    assert!(top.contains("↓ more"), "{top}");
    insta::assert_snapshot!("staff_error_en_80x24", top);
    focus(&mut f, "notes");
    let bottom = draw(&f, Lang::En, 80, 24);
    assert!(bottom.contains("Notes"), "{bottom}");
    assert!(bottom.contains("↑ more"), "{bottom}");
    assert!(!bottom.contains("Name *"), "{bottom}");
    insta::assert_snapshot!("staff_error_bottom_en_80x24", bottom);
    // The same in Japanese, from the top (the title is made in the form's language).
    let mut j = staff_form(s, &ds, Lang::Ja);
    for k in ["skills", "grade", "birth_year"] {
        j.set_value(k, f.value(k));
    }
    j.set_errors(&staff_from_form(&j, Some(s), &ds).unwrap_err());
    let ja = draw(&j, Lang::Ja, 80, 24);
    assert!(ja.contains("職員の編集"), "{ja}");
    assert!(ja.contains("生年"), "{ja}");
    insta::assert_snapshot!("staff_error_ja_80x24", ja);
}

#[test]
fn a_new_hire_form_with_a_choice_and_a_yes_no_in_focus() {
    let mut f = new_staff_form(day("2027-04-01"), Lang::Ja);
    focus(&mut f, "grade");
    f.edit(FormKey::Right);
    let ja = draw(&f, Lang::Ja, 80, 24);
    assert!(ja.contains("chief  係長  ←→"), "{ja}");
    assert!(ja.contains("係員 · 係長 · 課長補佐 · 管理職"), "{ja}");
    insta::assert_snapshot!("new_staff_choice_ja_80x24", ja);
    focus(&mut f, "candidate");
    f.edit(FormKey::Char(' '));
    let en = draw(&f, Lang::En, 80, 24);
    assert!(en.contains("[x] yes"), "{en}");
    assert!(en.contains("Space toggles"), "{en}");
    insta::assert_snapshot!("new_staff_yes_no_en_80x24", en);
}

#[test]
fn typing_japanese_into_a_narrow_field_keeps_the_cursor_in_view() {
    let mut f = new_unit_form(None, Lang::Ja);
    focus(&mut f, "name");
    type_text(&mut f, &"情報システム室".repeat(12));
    let out = draw(&f, Lang::Ja, 80, 24);
    // The end of the text (where the cursor is) is shown, the start scrolled away.
    assert!(out.contains("システム室"), "{out}");
    insta::assert_snapshot!("unit_long_name_ja_80x24", out);
}
