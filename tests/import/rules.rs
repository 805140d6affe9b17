//! Cross-record rules seen through import: references, duplicates, overlaps, dates,
//! wishes, and violations of records the database already holds.

use super::*;

// ---- references and rules ---------------------------------------------------

#[test]
fn reference_to_unknown_unit() {
    assert_eq!(
        problems("bad/unit_ref/posts.csv"),
        ["bad/unit_ref/posts.csv:2: unit: unknown unit 'U-NOPE'"]
    );
}

#[test]
fn reference_to_unknown_post() {
    assert_eq!(
        problems("bad/post_ref/assignments.csv"),
        ["bad/post_ref/assignments.csv:2: post: unknown post 'P99'"]
    );
}

#[test]
fn reference_to_unknown_course() {
    assert_eq!(
        problems("bad/course_ref/sessions.csv"),
        ["bad/course_ref/sessions.csv:2: course: unknown course 'C-NOPE'"]
    );
}

#[test]
fn duplicate_id() {
    assert_eq!(
        problems("bad/duplicate/units.csv"),
        ["bad/duplicate/units.csv:4: id: duplicate of line 2"]
    );
}

#[test]
fn overlapping_assignments() {
    assert_eq!(
        problems("bad/overlap/assignments.csv"),
        ["bad/overlap/assignments.csv:2: start: E0002 already holds P03 from 2018-04-01 to 2023-03-31; primary posts may not overlap"]
    );
}

#[test]
fn end_before_start() {
    assert_eq!(
        problems("bad/end_before_start/assignments.csv"),
        ["bad/end_before_start/assignments.csv:2: end: 2024-03-31 is before the start 2024-04-01"]
    );
}

#[test]
fn unknown_wish_names_the_token() {
    let csv = "id,name,kana,birth_year,grade,track,hired_on,skills,candidate,status,wishes,notes\nE0001,山田 太郎,,,chief,sogo-digital,,,no,active,P02;宇宙,\n";
    let (dir, path) = temp_file("staff.csv", csv.as_bytes());
    assert_eq!(
        problems_in(&path, &good(), dir.path()),
        ["staff.csv:2: wishes: '宇宙' is not a field, a post id or a unit id"]
    );
}

#[test]
fn records_from_the_database_say_so() {
    // Lowering P02's capacity breaks an assignment the database already holds.
    let csv = "id,unit,title,grade,field,impact,skills,courses,capacity\nP02,U-SEC,PMO課長補佐,deputy,pm,normal,pm:3;security:1,C-PM;C-SEC,1\n";
    let (dir, path) = temp_file("posts.csv", csv.as_bytes());
    assert_eq!(
        problems_in(&path, &good(), dir.path()),
        ["(database): assignment of E0001 to P02 from 2022-04-01: post: post P02 has 2 holders on 2022-04-01 but capacity 1"]
    );
}

#[test]
fn unit_cycle_is_refused() {
    let csv = "id,name,name_en,parent\nU-MIN,経済産業省,,U-SEC\n";
    let (dir, path) = temp_file("units.csv", csv.as_bytes());
    let ps = problems_in(&path, &good(), dir.path());
    assert_eq!(
        ps[0],
        "units.csv:2: parent: unit 'U-MIN' is its own ancestor"
    );
}

#[test]
fn session_of_another_course_and_full_session() {
    let csv = "staff,course,session,status,date\nE0002,C-PM,S-SEC-1,planned,\n";
    let (dir, path) = temp_file("enrollments.csv", csv.as_bytes());
    assert_eq!(
        problems_in(&path, &good(), dir.path()),
        ["enrollments.csv:2: session: session S-SEC-1 belongs to course C-SEC, not C-PM"]
    );
    let mut base = good();
    base.sessions
        .get_mut(&SessionId::new_unchecked("S-PM-1"))
        .unwrap()
        .capacity = 1;
    let csv = "staff,course,session,status,date\nE0001,C-PM,S-PM-1,completed,2025-07-09\n";
    let (dir, path) = temp_file("enrollments.csv", csv.as_bytes());
    assert_eq!(
        problems_in(&path, &base, dir.path()),
        ["(database): enrollment of E0003 in C-PM session S-PM-1: session: session S-PM-1 is full (1 seats)"]
    );
}

#[test]
fn grade_since_before_hire_date() {
    let csv = "id,name,kana,birth_year,grade,track,hired_on,skills,candidate,status,wishes,notes,grade_since\nE0003,鈴木 一郎,,,deputy,mid-career,2021-10-01,,no,active,,,2020-01-01\n";
    let (dir, path) = temp_file("staff.csv", csv.as_bytes());
    assert_eq!(
        problems_in(&path, &good(), dir.path()),
        ["staff.csv:2: grade_since: 2020-01-01 is before the hire date 2021-10-01"]
    );
}
