//! Structured filters, filters combined with words, and the errors of bad filters.

use super::fixture::{ids, index};
use jinzai::search::{Query, QueryError};

fn err(query: &str) -> QueryError {
    Query::parse(query).unwrap_err()
}

#[test]
fn grade_in_japanese_or_english() {
    let ix = index();
    assert_eq!(ids(&ix, "grade:係長"), ["E0412", "E1093", "E2201"]);
    assert_eq!(ids(&ix, "grade:chief"), ["E0412", "E1093", "E2201"]);
    assert_eq!(ids(&ix, "grade:管理職"), ["E04120"]);
}

#[test]
fn unit_by_name_id_english_name_or_ancestor() {
    let ix = index();
    assert_eq!(ids(&ix, "unit:特許"), ["E1093"]);
    assert_eq!(ids(&ix, "unit:patent"), ["E1093"]);
    assert_eq!(ids(&ix, "unit:u01"), ["E0041", "E0412"]);
    assert_eq!(ids(&ix, "unit:大臣官房"), ["E0041", "E0300", "E0412"]);
    assert!(ids(&ix, "unit:存在しない").is_empty());
}

#[test]
fn field_of_the_current_post() {
    let ix = index();
    assert_eq!(ids(&ix, "field:security"), ["E0041", "E0412"]);
    assert_eq!(ids(&ix, "field:情報政策"), ["E0600", "E2201"]);
}

#[test]
fn skill_comparisons() {
    let ix = index();
    assert_eq!(ids(&ix, "skill:security>=3"), ["E0412", "E2201"]);
    assert_eq!(ids(&ix, "skill:security>3"), ["E2201"]);
    assert_eq!(ids(&ix, "skill:security=1"), ["E0041"]);
    assert_eq!(
        ids(&ix, "skill:security<=1"),
        ["E0005", "E0041", "E0300", "E04120", "E0600", "E0777", "E1093"]
    );
    assert_eq!(
        ids(&ix, "skill:security<1"),
        ["E0005", "E0300", "E04120", "E0600", "E0777", "E1093"]
    );
    assert_eq!(ids(&ix, "skill:pm"), ["E0005", "E0412"]);
    assert_eq!(ids(&ix, "skill:プロジェクト管理>=3"), ["E0005"]);
    assert!(ids(&ix, "skill:cobol").is_empty());
}

#[test]
fn candidate_flag() {
    let ix = index();
    assert_eq!(ids(&ix, "candidate"), ["E0412", "E0600"]);
    assert_eq!(ids(&ix, "候補"), ["E0412", "E0600"]);
}

#[test]
fn due_means_tenure_at_or_past_the_term() {
    let ix = index();
    assert_eq!(ids(&ix, "due"), ["E0412", "E1093"]);
    let short =
        jinzai::search::SearchIndex::build(&super::fixture::dataset(), super::fixture::as_of(), 12);
    assert_eq!(ids(&short, "due"), ["E0300", "E0412", "E1093", "E2201"]);
}

#[test]
fn status_in_either_language() {
    let ix = index();
    assert_eq!(ids(&ix, "status:seconded"), ["E0005"]);
    assert_eq!(ids(&ix, "status:出向"), ["E0005"]);
    assert_eq!(ids(&ix, "status:leave"), ["E0777"]);
}

#[test]
fn post_by_id_or_title() {
    let ix = index();
    assert_eq!(ids(&ix, "post:P02"), ["E0412"]);
    assert_eq!(ids(&ix, "post:p21"), ["E2201"]);
    assert_eq!(ids(&ix, "post:政策"), ["E0600", "E2201"]);
}

#[test]
fn filters_and_words_combine() {
    let ix = index();
    assert_eq!(ids(&ix, "tanaka due"), ["E0412", "E1093"]);
    assert_eq!(ids(&ix, "tanaka grade:係長 field:security"), ["E0412"]);
    assert_eq!(ids(&ix, "grade:係長 due ken"), ["E1093"]);
    assert_eq!(ids(&ix, "candidate skill:data>=2"), ["E0600"]);
    assert!(ids(&ix, "grade:係長 grade:係員").is_empty());
}

#[test]
fn unknown_grade_says_where_and_what_is_accepted() {
    let e = err("tanaka grade:部長");
    assert_eq!((e.start, e.end), (7, 15));
    assert_eq!(
        e.to_string(),
        "grade:部長: unknown grade '部長'; expected one of staff (係員), chief (係長), deputy (課長補佐), manager (管理職)"
    );
}

#[test]
fn unknown_filter_key() {
    let e = err("foo:bar");
    assert_eq!((e.start, e.end), (0, 7));
    assert_eq!(
        e.to_string(),
        "foo:bar: unknown filter 'foo'; expected one of grade, unit, field, skill, status, post (or the words candidate, due)"
    );
}

#[test]
fn bad_skill_comparison() {
    assert_eq!(
        err("skill:security=>3").to_string(),
        "skill:security=>3: bad comparison '=>' for skill 'security'; use one of >=, >, =, <=, <"
    );
}

#[test]
fn bad_skill_level() {
    assert_eq!(
        err("skill:pm>=9").reason,
        "skill level 9 is out of range; levels are 0-4"
    );
    assert_eq!(
        err("skill:pm>=x").reason,
        "skill level 'x' is not a number 0-4"
    );
    assert_eq!(
        err("skill:pm>=").reason,
        "no level after '>='; write it like skill:pm>=3"
    );
}

#[test]
fn bad_skill_name() {
    assert_eq!(err("skill:a/b>=1").reason, "'a/b' is not a skill name");
}

#[test]
fn unknown_field() {
    assert!(err("field:hr")
        .to_string()
        .starts_with("field:hr: unknown field 'hr'; expected one of security (セキュリティ)"));
}

#[test]
fn unknown_status() {
    assert!(err("status:retired")
        .reason
        .starts_with("unknown status 'retired'; expected one of active (在籍)"));
}

#[test]
fn filter_without_value_or_name() {
    assert_eq!(err("grade:").reason, "grade needs a value after ':'");
    assert!(err(":x")
        .reason
        .starts_with("a filter needs a name before ':'"));
}

#[test]
fn error_positions_count_characters_not_bytes() {
    let e = err("田中　美咲 status:x");
    assert_eq!((e.start, e.end), (6, 14));
}
