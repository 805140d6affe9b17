//! Import and export through `jinzai::io`: the fixtures under tests/fixtures (good
//! and bad CSV files, UTF-8, BOM, Shift_JIS, UTF-16, CRLF), every problem message,
//! idempotence and CSV/JSON round trips. Plus a few validation rules seen via import.

use jinzai::domain::date::parse_date;
use jinzai::domain::records::{Skills, Wish};
use jinzai::domain::vocab::{EnrollmentStatus, Field, Grade, Impact, Provider, Status, Track};
use jinzai::domain::{
    Assignment, Course, CourseId, Dataset, Enrollment, Post, PostId, Session, SessionId, Staff,
    StaffId, Unit, UnitId,
};
use jinzai::io::{export_csv, export_json, plan_import, EncodingChoice, ImportPlan, Problem};
use std::path::{Path, PathBuf};

#[path = "import/encodings.rs"]
mod encodings;
#[path = "import/roundtrip.rs"]
mod roundtrip;
#[path = "import/rules.rs"]
mod rules;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn plan(rel: &str, base: &Dataset) -> Result<ImportPlan, Vec<Problem>> {
    plan_import(&fixtures().join(rel), EncodingChoice::Auto, base)
}

/// The good fixture directory imported into an empty database.
fn good() -> Dataset {
    match plan("good", &Dataset::default()) {
        Ok(p) => p.merged,
        Err(ps) => panic!("good fixtures fail: {ps:#?}"),
    }
}

/// The problems of a failing import, with the fixture directory cut from paths.
fn problems_in(path: &Path, base: &Dataset, cut: &Path) -> Vec<String> {
    match plan_import(path, EncodingChoice::Auto, base) {
        Ok(_) => panic!("{} imported without problems", path.display()),
        Err(ps) => {
            let prefix = format!("{}/", cut.display());
            ps.iter()
                .map(|p| p.to_string().replace(&prefix, ""))
                .collect()
        }
    }
}

fn problems(rel: &str) -> Vec<String> {
    problems_in(&fixtures().join(rel), &good(), &fixtures())
}

fn d(s: &str) -> jinzai::domain::Date {
    parse_date(s).unwrap()
}

fn temp_file(name: &str, content: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    (dir, path)
}

// ---- paths --------------------------------------------------------------------

#[test]
fn missing_file() {
    assert_eq!(
        problems("nope/staff.csv"),
        ["nope/staff.csv: no such file or directory"]
    );
}

#[test]
fn path_that_is_neither_file_nor_directory() {
    let ps = plan_import(
        Path::new("/dev/null"),
        EncodingChoice::Auto,
        &Dataset::default(),
    )
    .unwrap_err();
    assert_eq!(ps[0].to_string(), "/dev/null: is not a file or a directory");
}

#[test]
fn file_name_that_names_no_kind() {
    let (dir, path) = temp_file("people.csv", b"id\n");
    assert_eq!(
        problems_in(&path, &Dataset::default(), dir.path()),
        ["people.csv: cannot tell what the file holds from its name; name it units.csv, posts.csv, staff.csv, courses.csv, sessions.csv, assignments.csv, enrollments.csv, or give a .json export"]
    );
}

#[test]
fn directory_without_import_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let ps = plan_import(dir.path(), EncodingChoice::Auto, &Dataset::default()).unwrap_err();
    assert!(ps[0].to_string().ends_with(": holds none of units.csv, posts.csv, staff.csv, courses.csv, sessions.csv, assignments.csv, enrollments.csv"));
}

#[test]
fn other_files_in_a_directory_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("good/units.csv"),
        dir.path().join("units.csv"),
    )
    .unwrap();
    std::fs::write(dir.path().join("readme.txt"), "x").unwrap();
    let p = plan_import(dir.path(), EncodingChoice::Auto, &Dataset::default()).unwrap();
    assert_eq!(p.files, [dir.path().join("units.csv")]);
    assert_eq!(p.warnings.len(), 1);
    assert!(p.warnings[0].ends_with("readme.txt: ignored; a directory import reads only units.csv, posts.csv, staff.csv, courses.csv, sessions.csv, assignments.csv, enrollments.csv"));
}

// ---- headers and files --------------------------------------------------------

#[test]
fn wrong_header() {
    assert_eq!(
        problems("bad/header/posts.csv"),
        [
            "bad/header/posts.csv:1: header: unknown column 'titel' (column 3); posts.csv has id, unit, title, grade, field, impact, skills, courses, capacity, closed",
            "bad/header/posts.csv:1: header: duplicate column 'capacity' (columns 9 and 10)",
            "bad/header/posts.csv:1: header: missing column 'title' (官職)",
        ]
    );
}

#[test]
fn empty_file() {
    assert_eq!(
        problems("bad/empty/units.csv"),
        ["bad/empty/units.csv:1: header: the file is empty"]
    );
}

// ---- values -------------------------------------------------------------------

#[test]
fn unknown_grade() {
    assert_eq!(
        problems("bad/grade/staff.csv"),
        ["bad/grade/staff.csv:2: grade: unknown grade '部長'; expected one of staff (係員), chief (係長), deputy (課長補佐), manager (管理職)"]
    );
}

#[test]
fn unknown_field() {
    assert_eq!(
        problems("bad/field/posts.csv"),
        ["bad/field/posts.csv:2: field: unknown field 'ai'; expected one of security (セキュリティ), pm (プロジェクト管理), ops (運用保守), policy (情報政策), dx (DX推進), data (データ利活用)"]
    );
}

#[test]
fn unknown_status() {
    assert_eq!(
        problems("bad/status/staff.csv"),
        ["bad/status/staff.csv:2: status: unknown status 'retired'; expected one of active (在籍), seconded (出向), leave (休職)"]
    );
}

#[test]
fn invalid_date() {
    assert_eq!(
        problems("bad/date/sessions.csv"),
        ["bad/date/sessions.csv:2: start: 2024-02-30 is not a day in the calendar"]
    );
}

#[test]
fn non_numeric_skill_level() {
    assert_eq!(
        problems("bad/skill/staff.csv"),
        ["bad/skill/staff.csv:2: skills: skill 'security' has level 'high', which is not a number 1-4"]
    );
}

#[test]
fn ten_thousand_character_name_is_refused() {
    let csv = format!(
        "id,name,kana,birth_year,grade,track,hired_on,skills,candidate,status,wishes,notes\nE0900,{},,,staff,external,,,no,active,,\n",
        "名".repeat(10_000)
    );
    let (dir, path) = temp_file("staff.csv", csv.as_bytes());
    assert_eq!(
        problems_in(&path, &good(), dir.path()),
        ["staff.csv:2: name: is 10000 characters long; at most 200 are allowed"]
    );
}

#[test]
fn every_bad_row_is_listed() {
    assert_eq!(
        problems("bad/three/staff.csv"),
        [
            "bad/three/staff.csv:3: track: unknown track 'mars'; expected one of sogo-digital (総合職デジタル), ippan-digital (一般職デジタル), mid-career (経験者採用), external (外部人材)",
            "bad/three/staff.csv:5: hired_on: month 13 does not exist",
            "bad/three/staff.csv:6: candidate: 'maybe' is not yes or no",
        ]
    );
}

#[test]
fn problems_in_several_files_are_all_listed_without_echoes() {
    // P22 refers to U-X and the assignment to P20: both rows failed, and neither
    // reference is reported a second time.
    assert_eq!(
        problems("bad/multi"),
        [
            "bad/multi/units.csv:2: name: is empty",
            "bad/multi/posts.csv:2: capacity: 'abc' is not a whole number",
            "bad/multi/posts.csv:3: unit: unknown unit 'U-NOPE'",
        ]
    );
}

// ---- row shapes -------------------------------------------------------------

#[test]
fn blank_lines_keep_line_numbers_and_empty_rows_are_skipped() {
    let csv = "\nid,name,name_en,parent\n\n,,,\nU-A,,,\r\n\r\nU-B,組織B,,U-NOPE\n";
    let (dir, path) = temp_file("units.csv", csv.as_bytes());
    assert_eq!(
        problems_in(&path, &Dataset::default(), dir.path()),
        [
            "units.csv:5: name: is empty",
            "units.csv:7: parent: unknown unit 'U-NOPE'"
        ]
    );
}

#[test]
fn rows_with_the_wrong_number_of_fields() {
    let csv = "id,name,name_en,parent\nU-A,組織A\nU-B,組織B,,,extra\nU-C,組織C,,,\n";
    let (dir, path) = temp_file("units.csv", csv.as_bytes());
    assert_eq!(
        problems_in(&path, &Dataset::default(), dir.path()),
        [
            "units.csv:2: row: has 2 fields but the header has 4",
            "units.csv:3: row: has 5 fields but the header has 4",
        ]
    );
}

#[test]
fn two_files_for_one_kind_in_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["staff.csv", "職員.csv"] {
        std::fs::copy(fixtures().join("good/staff.csv"), dir.path().join(name)).unwrap();
    }
    let ps = problems_in(dir.path(), &Dataset::default(), dir.path());
    assert_eq!(ps.len(), 1);
    assert!(
        ps[0].starts_with("職員.csv: ")
            && ps[0].ends_with("staff.csv also holds staff; keep one of them"),
        "{}",
        ps[0]
    );
}

#[test]
fn forced_shift_jis_refuses_a_utf8_bom() {
    let ps = plan_import(
        &fixtures().join("bom/units.csv"),
        EncodingChoice::ShiftJis,
        &good(),
    )
    .unwrap_err();
    assert!(ps[0].to_string().ends_with("units.csv:1: encoding: the file starts with a UTF-8 byte order mark but shift_jis was asked for"));
}

#[test]
fn full_width_ids_and_values_are_folded() {
    let csv = "職員番号,ポスト,開始日,終了日\nＥ０００２,Ｐ０３,２０２４－０４－０１,\n";
    let (_dir, path) = temp_file("assignments.csv", csv.as_bytes());
    let p = plan_import(&path, EncodingChoice::Auto, &good()).unwrap();
    let a = p
        .merged
        .assignments_of(&StaffId::new_unchecked("E0002"))
        .last()
        .unwrap()
        .clone();
    assert_eq!((a.post.as_str(), a.start), ("P03", d("2024-04-01")));
}
