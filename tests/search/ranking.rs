//! Ranking (score, then id), sorting, limits, the empty query, and refinement giving
//! the same results as a fresh search.

use super::fixture::{ids, index, q};
use jinzai::search::{sort_hits, sort_hits_by, Hit, Query, Searcher, SortKey};

fn sorted(key: SortKey, reverse: bool) -> Vec<String> {
    let ix = index();
    let mut hits = ix.search(&Query::default(), None);
    sort_hits_by(&mut hits, key, reverse, &ix);
    hits.iter().map(|h| h.id.to_string()).collect()
}

#[test]
fn empty_query_is_everyone_in_id_order() {
    let ix = index();
    let all = [
        "E0005", "E0041", "E0300", "E0412", "E04120", "E0600", "E0777", "E1093", "E2201",
    ];
    assert_eq!(ids(&ix, ""), all);
    assert_eq!(ids(&ix, "   "), all);
    assert!(q(" \u{3000} ").is_empty());
    let r = ix.results(&q(""), Some(3));
    assert_eq!((r.hits.len(), r.total), (3, 9));
    assert!(r
        .hits
        .iter()
        .all(|h| h.score == 0 && h.name_match.is_empty()));
}

#[test]
fn higher_score_ranks_first() {
    let ix = index();
    // "ken" is the whole given name of 田中 健 but only the start of ケンイチ.
    assert_eq!(ids(&ix, "ken"), ["E1093", "E0005"]);
    let hits = ix.search(&q("ken"), None);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn equal_scores_break_ties_by_staff_id() {
    let ix = index();
    let hits = ix.search(&q("タナカ"), None);
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| h.score == hits[0].score));
    let got: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(got, ["E0412", "E1093", "E2201"]);
}

#[test]
fn limit_keeps_the_best_and_counts_all() {
    let ix = index();
    let r = ix.results(&q("tanaka"), Some(2));
    let got: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!((got, r.total), (vec!["E0412", "E1093"], 3));
    assert!(ix.search(&q("tanaka"), Some(0)).is_empty());
}

#[test]
fn sort_by_name_is_kana_order() {
    assert_eq!(
        sorted(SortKey::Name, false),
        ["E0041", "E0777", "E0600", "E1093", "E2201", "E0412", "E0005", "E0300", "E04120"]
    );
}

#[test]
fn sort_by_grade_is_senior_first_then_id() {
    assert_eq!(
        sorted(SortKey::Grade, false),
        ["E04120", "E0005", "E0600", "E0412", "E1093", "E2201", "E0041", "E0300", "E0777"]
    );
    assert_eq!(
        sorted(SortKey::Grade, true),
        ["E0041", "E0300", "E0777", "E0412", "E1093", "E2201", "E0005", "E0600", "E04120"]
    );
}

#[test]
fn sort_by_unit_puts_people_without_a_post_last() {
    assert_eq!(
        sorted(SortKey::Unit, false),
        ["E0041", "E0412", "E0300", "E1093", "E0600", "E2201", "E0005", "E04120", "E0777"]
    );
}

#[test]
fn sort_by_tenure_is_longest_first() {
    assert_eq!(
        sorted(SortKey::Tenure, false),
        ["E0412", "E1093", "E0300", "E2201", "E0041", "E0600", "E0005", "E04120", "E0777"]
    );
    assert_eq!(
        sorted(SortKey::Tenure, true),
        ["E0600", "E0041", "E2201", "E0300", "E0412", "E1093", "E0005", "E04120", "E0777"]
    );
}

#[test]
fn sort_by_birth_year_is_oldest_first_unknown_last() {
    assert_eq!(
        sorted(SortKey::BirthYear, false),
        ["E04120", "E0600", "E1093", "E0412", "E2201", "E0777", "E0041", "E0300", "E0005"]
    );
}

#[test]
fn sort_by_score_and_id() {
    let ix = index();
    let mut hits = ix.search(&q("ken"), None);
    sort_hits(&mut hits, SortKey::Id, &ix);
    assert_eq!(hits[0].id.as_str(), "E0005");
    sort_hits(&mut hits, SortKey::Score, &ix);
    assert_eq!(hits[0].id.as_str(), "E1093");
}

/// Types `text` one character at a time; every keystroke's results must equal a fresh
/// search's. Returns how many keystrokes were refinements.
fn type_and_compare(text: &str, limit: Option<usize>) -> usize {
    let ix = index();
    let mut s = Searcher::new();
    let mut refined = 0;
    let chars: Vec<char> = text.chars().collect();
    for n in 1..=chars.len() {
        let typed: String = chars[..n].iter().collect();
        let Ok(query) = Query::parse(&typed) else {
            continue;
        };
        let got = s.search(&ix, &query, limit);
        assert_eq!(got, ix.results(&query, limit), "after typing {typed:?}");
        refined += usize::from(s.last_was_refined());
    }
    refined
}

#[test]
fn refining_while_typing_equals_a_fresh_search() {
    assert_eq!(type_and_compare("tanaka mi", Some(2)), 8);
    assert!(type_and_compare("たなか", None) >= 2);
    assert!(type_and_compare("grade:係長 due ken", Some(1)) >= 3);
    assert!(type_and_compare("E0412", None) >= 4);
}

#[test]
fn refine_from_complete_hits_equals_search() {
    let ix = index();
    let prev: Vec<Hit> = ix.search(&q("ta"), None);
    for next in ["tan", "tanaka", "ta due", "tak"] {
        assert!(q(next).narrows(&q("ta")), "{next}");
        assert_eq!(
            ix.refine(&prev, &q(next), None),
            ix.search(&q(next), None),
            "{next}"
        );
    }
}

#[test]
fn searcher_does_not_refine_across_a_rebuild_or_a_broader_query() {
    let ix = index();
    let mut s = Searcher::new();
    s.search(&ix, &q("tanaka"), None);
    s.search(&ix, &q("tanak"), None);
    assert!(!s.last_was_refined());
    let rebuilt = index();
    s.search(&rebuilt, &q("tanaka"), None);
    assert!(!s.last_was_refined());
}

#[test]
fn summary_is_what_the_cli_prints() {
    let ix = index();
    let hit = ix.search(&q("E0412"), Some(1)).remove(0);
    let json = serde_json::to_value(ix.summary(&hit)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "id": "E0412", "name": "田中 美咲", "kana": "タナカ ミサキ", "grade": "chief",
            "post": "P02", "post_title": "情報セキュリティ係長", "unit": "U01",
            "unit_name": "大臣官房情報システム室", "tenure_months": 35, "due": true,
            "score": hit.score
        })
    );
}

#[test]
fn unmarked_results_then_mark_equal_marked_results() {
    let ix = index();
    for text in ["tanaka misaki", "E0412", "たなか due", "田中", "grade:係長"] {
        let query = q(text);
        let mut plain = ix.results_unmarked(&query, None);
        assert!(plain
            .hits
            .iter()
            .all(|h| h.name_match.is_empty() && h.kana_match.is_empty()));
        ix.mark(&query, &mut plain.hits);
        assert_eq!(plain, ix.results(&query, None), "{text}");
        let mut s = Searcher::new();
        let mut typed = s.search_unmarked(&ix, &query, Some(2));
        ix.mark(&query, &mut typed.hits);
        assert_eq!(typed, ix.results(&query, Some(2)), "{text}");
    }
}

/// The lazily ranked list, looked at in any order of steps, equals a full sort of
/// every hit, for every sort key and direction.
#[test]
fn lazy_ranking_equals_a_full_sort() {
    use super::fixture::d;
    use jinzai::search::{SearchIndex, DEFAULT_TERM_MONTHS};
    let ds = super::synth::synthetic(3_000, d("2026-11-26"));
    let ix = SearchIndex::build(&ds, d("2026-11-26"), DEFAULT_TERM_MONTHS);
    for text in ["", "ta", "たなか", "grade:係長", "e01"] {
        let query = q(text);
        for key in SortKey::ALL {
            for reverse in [false, true] {
                let mut full = ix.search(&query, None);
                sort_hits_by(&mut full, key, reverse, &ix);
                let want: Vec<(usize, u32)> = full.iter().map(|h| (h.row, h.score)).collect();
                let mut ranked = Searcher::new().rank(&ix, &query, key, reverse);
                assert_eq!(ranked.total(), want.len(), "{text} {key:?}");
                // Grow the ordered prefix unevenly, as scrolling does, then to the end.
                for n in [1, 7, 8, 50, 51, 400, usize::MAX] {
                    ranked.ensure(n, &ix);
                    let got: Vec<(usize, u32)> = (0..ranked.ready())
                        .map(|i| ranked.get(i).map(|(s, r)| (r, s)).unwrap())
                        .collect();
                    assert_eq!(got, want[..got.len()], "{text} {key:?} {reverse} {n}");
                }
                assert_eq!(ranked.ready(), want.len());
                assert_eq!(ranked.get(want.len()), None);
                // Changing the order starts over and still agrees.
                ranked.set_sort(SortKey::Score, false);
                ranked.ensure(5, &ix);
                let best = ix.search(&query, Some(5));
                assert_eq!(ranked.get(0).map(|(_, r)| r), best.first().map(|h| h.row));
            }
        }
    }
}
