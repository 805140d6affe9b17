//! Property tests for the five parsers that read what people and files give
//! (issue #7): CSV import, JSON import, dates, the staff filter query and keymap
//! files. For any input: no panic. Import problems say where: a CSV problem names
//! its line and column, a JSON syntax error its line and column. And an import is
//! all or nothing: a refused import leaves the database as it was (checked
//! through the real binary), an accepted one writes exactly the plan.
//!
//! The same parsers are fuzzed with cargo-fuzz in `fuzz/` (see the README).

mod cmd;

use jinzai::domain::date::{iso, parse_date, parse_year};
use jinzai::domain::{Dataset, Document};
use jinzai::io::{export_json, plan_import, EncodingChoice, Problem};
use jinzai::keymap::{Key, Keymap};
use jinzai::search::Query;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
}

fn good() -> Dataset {
    static GOOD: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
    GOOD.get_or_init(|| {
        plan_import(&fixtures(), EncodingChoice::Auto, &Dataset::default())
            .unwrap()
            .merged
    })
    .clone()
}

/// The good fixture's files, in import order.
const FILES: [&str; 7] = [
    "units.csv",
    "posts.csv",
    "staff.csv",
    "courses.csv",
    "sessions.csv",
    "assignments.csv",
    "enrollments.csv",
];

/// One way of damaging a file's bytes.
#[derive(Debug, Clone)]
enum Edit {
    /// Overwrite the byte at (position mod length).
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    /// Replace the text of one cell (row, column) with another value.
    Cell(usize, usize, String),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = prop_oneof![
        // Plausible values of the wrong kind, and hostile ones.
        Just(String::new()),
        Just("\"".to_string()),
        Just("\"a\nb\"".to_string()),
        Just("2025-02-30".to_string()),
        Just("令和99年1月1日".to_string()),
        Just("security:9".to_string()),
        Just("E0001".to_string()),
        Just("99999999".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{202e}".to_string()),
        Just("a,b,c".to_string()),
        "\\PC{0,12}",
        any::<String>(),
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<usize>(), 1..20usize).prop_map(|(i, n)| Edit::Delete(i, n)),
        (0..6usize, 0..16usize, text).prop_map(|(r, c, t)| Edit::Cell(r, c, t)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, e: &Edit) {
    let len = bytes.len().max(1);
    match e {
        Edit::Set(i, b) => {
            if !bytes.is_empty() {
                bytes[i % len] = *b;
            }
        }
        Edit::Insert(i, b) => {
            let at = i % (bytes.len() + 1);
            bytes.splice(at..at, b.iter().copied());
        }
        Edit::Delete(i, n) => {
            let at = i % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Edit::Cell(r, c, t) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
            if let Some(line) = lines.get_mut(*r) {
                let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
                let at = c % cells.len();
                cells[at] = t.clone();
                *line = cells.join(",");
            }
            *bytes = lines.join("\n").into_bytes();
        }
        Edit::Truncate(n) => bytes.truncate(n % len),
    }
}

/// Every problem a CSV import reports says where: file, line and column (a
/// column name, `header`, `row`, `key` or `encoding`), unless it is about the
/// whole file, or a record the database already holds.
fn assert_located_csv(problems: &[Problem]) {
    assert!(!problems.is_empty(), "a refused import with no problem");
    for p in problems {
        let whole_file = p.line.is_none() && p.record.is_none() && p.column.is_empty();
        let database = p.file == "(database)";
        assert!(
            whole_file || database || (p.line.is_some() && !p.column.is_empty()),
            "a problem without line and column: {p}"
        );
        if let Some(l) = p.line {
            assert!(l >= 1, "{p}");
        }
        assert!(!p.reason.is_empty(), "{p}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 192,
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    /// Damaged CSV files: no panic; refused with located problems, or planned
    /// to a dataset that passes every rule.
    #[test]
    fn csv_import_never_panics_and_locates_problems(
        which in 0..FILES.len(),
        edits in prop::collection::vec(edit(), 1..5),
        encoding in prop_oneof![
            Just(EncodingChoice::Auto),
            Just(EncodingChoice::Utf8),
            Just(EncodingChoice::ShiftJis),
        ],
    ) {
        let name = FILES[which];
        let mut bytes = std::fs::read(fixtures().join(name)).unwrap();
        for e in &edits {
            apply(&mut bytes, e);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        // Over the records before this file (so references can resolve).
        let base = good();
        match plan_import(&path, encoding, &base) {
            Ok(plan) => {
                prop_assert!(jinzai::domain::validate(&plan.merged).is_empty());
                let mut applied = base.clone();
                applied.apply(&plan.changes);
                prop_assert_eq!(applied, plan.merged);
            }
            Err(problems) => assert_located_csv(&problems),
        }
    }

    /// Damaged JSON exports: no panic; a syntax or type error names its line and
    /// column, other problems name the record and field.
    #[test]
    fn json_import_never_panics_and_locates_syntax_errors(
        edits in prop::collection::vec(edit(), 1..4),
        minified in any::<bool>(),
    ) {
        let doc = good().to_document(1);
        let text = if minified {
            serde_json::to_string(&doc).unwrap()
        } else {
            export_json(&good(), 1)
        };
        let mut bytes = text.into_bytes();
        for e in &edits {
            apply(&mut bytes, e);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        std::fs::write(&path, &bytes).unwrap();
        match plan_import(&path, EncodingChoice::Auto, &Dataset::default()) {
            Ok(plan) => {
                prop_assert!(jinzai::domain::validate(&plan.merged).is_empty());
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    let shown = p.to_string();
                    let syntax = p.column == "json" && p.line.is_some();
                                if syntax && p.reason != "the file is empty" {
                        prop_assert!(
                            shown.contains(" at column "),
                            "a JSON error without its column: {}", shown
                        );
                    }
                    let located = syntax
                        || p.record.is_some()
                        || p.column == "encoding"
                        || (p.line.is_none() && p.column.is_empty());
                    prop_assert!(located, "{}", shown);
                }
            }
        }
    }

    /// Any text as a date or a year: no panic, and what parses prints back as an
    /// ISO date that parses to the same day.
    #[test]
    fn dates_never_panic_and_round_trip(s in "\\PC{0,24}") {
        if let Ok(d) = parse_date(&s) {
            prop_assert_eq!(parse_date(&iso(d)), Ok(d));
        }
        if let Ok(y) = parse_year(&s) {
            prop_assert!((1800..=2200).contains(&y), "year {} from {:?}", y, s);
        }
    }

    /// Date-shaped text, western and era: a date parses exactly when its day
    /// exists, and then to that day.
    #[test]
    fn date_shaped_text_parses_to_the_day_it_names(
        y in prop_oneof![0..10_000i64, 1..120i64, 1890..2210i64],
        m in prop_oneof![0..14i64, 0..10_000i64],
        d in prop_oneof![0..33i64, 0..10_000i64],
        sep in prop_oneof![Just("-"), Just("/"), Just(".")],
        era in prop_oneof![Just(""), Just("令和"), Just("平成"), Just("昭和"), Just("R"), Just("H"), Just("S")],
    ) {
        let (text, year) = if era.is_empty() {
            (format!("{y:04}{sep}{m}{sep}{d}"), y)
        } else {
            let start = match era {
                "令和" | "R" => 2019,
                "平成" | "H" => 1989,
                _ => 1926,
            };
            (format!("{era}{y}{sep}{m}{sep}{d}"), start + y - 1)
        };
        match parse_date(&text) {
            Ok(date) => {
                prop_assert_eq!(
                    (i64::from(date.year()), i64::from(date.month()), i64::from(date.day())),
                    (year, m, d),
                    "{:?} parsed as {}", text, iso(date)
                );
            }
            Err(_) => {
                let exists = (1800..=2200).contains(&year)
                    && (1..=12).contains(&m)
                    && (1..=31).contains(&d)
                    && jiff::civil::Date::new(year as i16, m as i8, d as i8).is_ok();
                // An era date may be refused for lying outside its era.
                prop_assert!(!exists || !era.is_empty(), "{:?} refused", text);
            }
        }
    }

    /// Era years of any size: no panic, and a year in range or an error.
    #[test]
    fn era_years_never_overflow(
        era in prop_oneof![Just("令和"), Just("平成"), Just("昭和"), Just("大正"), Just("明治"), Just("R"), Just("H"), Just("S"), Just("T"), Just("M")],
        n in any::<u64>(),
        suffix in prop_oneof![Just(""), Just("年")],
    ) {
        for text in [format!("{era}{n}{suffix}"), format!("{era}{}{suffix}", n % 100_000)] {
            if let Ok(y) = parse_year(&text) {
                prop_assert!((1800..=2200).contains(&y), "year {} from {:?}", y, text);
            }
        }
    }

    /// Any text as a staff query: no panic; an error points inside the query.
    #[test]
    fn filter_queries_never_panic(s in prop_oneof![
        "\\PC{0,40}",
        "((grade|unit|field|skill|status|post|GRADE|ｓｋｉｌｌ)[:：]\\PC{0,12}[ 　]?){1,4}",
        "skill:[a-z]{0,8}(>=|<=|>|<|=|:)?[0-9]{0,5}",
    ]) {
        match Query::parse(&s) {
            Ok(_) => {}
            Err(e) => {
                let n = s.chars().count();
                prop_assert!(e.start <= e.end && e.end <= n, "{:?} in {:?}", e, s);
                prop_assert!(!e.reason.is_empty());
            }
        }
    }

    /// Any key name: no panic.
    #[test]
    fn key_names_never_panic(s in prop_oneof![
        "\\PC{0,12}",
        "<([CcAaMmSs]-){0,4}\\PC{0,8}>",
    ]) {
        let _ = Key::parse(&s);
    }

    /// Damaged keymap files: no panic, and every problem at a line and column
    /// inside the file.
    #[test]
    fn keymap_files_never_panic_and_locate_problems(
        edits in prop::collection::vec(edit(), 0..4),
        key in "<([CcAaMmSs]-){0,3}\\PC{0,6}>|\\PC{1,3}",
        run in "[a-z_]{0,16}|\\PC{0,8}",
    ) {
        let text = format!(
            "preset = \"vim\"\n[global]\nbindings = [\n  {{ on = [{key:?}], run = {run:?} }},\n  {{ on = [\"g\", \"g\"], run = \"top\" }},\n]\n[staff]\nbindings = [ {{ on = \"o\", run = \"cycle_sort\" }} ]\n"
        );
        let mut bytes = text.into_bytes();
        for e in &edits {
            apply(&mut bytes, e);
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Err(e) = Keymap::from_user_str(&text, "keymap.toml") {
            let lines = text.split('\n').count();
            for p in e.problems() {
                prop_assert!(p.line >= 1 && p.line <= lines, "{} ({} lines)", p, lines);
                prop_assert!(p.column >= 1, "{}", p);
                prop_assert!(p.to_string().starts_with("keymap.toml:"), "{}", p);
            }
        }
    }
}

/// Import through the real binary: a refused import leaves the store and the
/// audit log exactly as they were; an accepted one writes the plan and nothing
/// else. Slower (two processes a case), so fewer cases.
mod through_the_binary {
    use super::*;
    use cmd::{export, jinzai_on, log};

    const TODAY: &str = "2026-11-26";

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 24,
            failure_persistence: None,
            .. ProptestConfig::default()
        })]

        #[test]
        fn an_import_is_all_or_nothing(
            which in 0..FILES.len(),
            edits in prop::collection::vec(edit(), 0..3),
        ) {
            let db = cmd::good_db(TODAY);
            let name = FILES[which];
            let mut bytes = std::fs::read(fixtures().join(name)).unwrap();
            for e in &edits {
                apply(&mut bytes, e);
            }
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).unwrap();

            let before = export(db.path(), TODAY);
            let records_before = log(db.path(), TODAY, &[]).len();
            let doc: Document = serde_json::from_slice(&before).unwrap();
            let base = Dataset::from_document(doc).unwrap();
            let planned = plan_import(&path, EncodingChoice::Auto, &base);

            let out = jinzai_on(db.path(), TODAY).arg("import").arg(&path).output().unwrap();
            let after = export(db.path(), TODAY);
            let records_after = log(db.path(), TODAY, &[]).len();
            match planned {
                Err(problems) => {
                    prop_assert_eq!(out.status.code(), Some(1));
                    prop_assert!(before == after, "a refused import changed the records");
                    prop_assert_eq!(records_before, records_after);
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    prop_assert!(stderr.contains("nothing was written"), "{}", stderr);
                    for p in problems {
                        // The binary names the file as given: the same path.
                        prop_assert!(stderr.contains(&p.to_string()), "{} not in {}", p, stderr);
                    }
                }
                Ok(plan) => {
                    prop_assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                    let doc: Document = serde_json::from_slice(&after).unwrap();
                    prop_assert_eq!(Dataset::from_document(doc).unwrap(), plan.merged);
                    prop_assert_eq!(records_after, records_before + 1);
                }
            }
        }
    }
}

// ---- what the properties found, kept as plain tests ----------------------------

/// A day past the month's end was narrowed to 8 bits before it was checked:
/// day 257 wrapped around to day 1, so `2026-12-257` was read as 2026-12-01.
#[test]
fn a_day_number_that_wraps_is_refused() {
    for text in ["2026-12-257", "2026/1/513", "R8.12.257", "令和8年12月257日"] {
        assert!(
            parse_date(text).is_err(),
            "{text} parsed as {:?}",
            parse_date(text)
        );
    }
    assert_eq!(
        parse_date("2026-12-257").unwrap_err(),
        "2026-12-257 is not a day in the calendar"
    );
    assert_eq!(iso(parse_date("2026-12-31").unwrap()), "2026-12-31");
}

/// An era year was added in 16 bits unchecked: `令和32767` overflowed (a panic
/// in a debug build, a wrapped year in release), and `令和183` gave 2201.
#[test]
fn a_huge_era_year_is_refused_not_overflowed() {
    assert_eq!(
        parse_year("令和32767").unwrap_err(),
        "year 34785 is out of range"
    );
    assert_eq!(
        parse_year("令和183").unwrap_err(),
        "year 2201 is out of range"
    );
    assert!(parse_year("H99999999999999999999").is_err());
    assert!(parse_year(&format!("R{}", i64::MAX)).is_err());
    assert_eq!(parse_year("平成3年"), Ok(1991));
    assert_eq!(parse_year("令和元年"), Ok(2019));
    assert_eq!(parse_year("S60"), Ok(1985));
}

/// A JSON document written on one line: the column is what points at the error.
#[test]
fn a_json_syntax_error_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.json");
    std::fs::write(&path, r#"{"format":"jinzai-export","schema":1,"units":[}"#).unwrap();
    let problems = plan_import(&path, EncodingChoice::Auto, &Dataset::default()).unwrap_err();
    let shown = problems[0].to_string();
    assert!(
        shown.ends_with(":1: json: expected value at column 47"),
        "{shown}"
    );
    // Columns count characters, not bytes; a line break read is the end of the
    // line before.
    std::fs::write(&path, "{\"format\": \"人材\", \"schema\": x}").unwrap();
    let problems = plan_import(&path, EncodingChoice::Auto, &Dataset::default()).unwrap_err();
    let shown = problems[0].to_string();
    assert!(
        shown.ends_with(":1: json: expected value at column 28"),
        "{shown}"
    );
    std::fs::write(&path, "{\"format\": \"人\n材\"}").unwrap();
    let problems = plan_import(&path, EncodingChoice::Auto, &Dataset::default()).unwrap_err();
    let shown = problems[0].to_string();
    assert!(shown.contains(":1: json: control character"), "{shown}");
    assert!(shown.ends_with(" at column 14"), "{shown}");
}
