//! Integration tests of staff search: romaji and kana conversion, matching by romaji,
//! kana, kanji and staff id with highlighted positions. Filters and errors are in
//! `search/filters.rs`, ranking, sorting and refinement in `search/ranking.rs`, the
//! 100k latency measurement (ignored) and parallel-equals-serial checks in
//! `search/bench.rs` (with the synthetic data of `search/synth.rs`).

#[path = "search/bench.rs"]
mod bench;
#[path = "search/filters.rs"]
mod filters;
#[path = "search/fixture.rs"]
mod fixture;
#[path = "search/ranking.rs"]
mod ranking;
#[path = "search/synth.rs"]
mod synth;

use fixture::{ids, index, q};
use jinzai::search::kana::{fold_kana, romaji, to_hiragana};
use jinzai::search::normalize::{fold, romaji_key};
use jinzai::search::{Hit, SearchIndex};

fn first(ix: &SearchIndex, query: &str) -> Hit {
    ix.search(&q(query), None).remove(0)
}

#[test]
fn kana_to_hepburn_romaji() {
    assert_eq!(romaji("タナカ ミサキ"), "tanaka misaki");
    assert_eq!(romaji("しょうた"), "shouta");
    assert_eq!(romaji("ジュン"), "jun");
    assert_eq!(romaji("チョウ リョウ"), "chou ryou");
    assert_eq!(romaji("ツジ フジ"), "tsuji fuji");
    assert_eq!(romaji("ファン ティ ウィ"), "fan ti wi");
    assert_eq!(romaji("ﾀﾅｶ"), "tanaka");
}

#[test]
fn small_tsu_doubles_the_next_consonant() {
    assert_eq!(romaji("ハットリ"), "hattori");
    assert_eq!(romaji("マッチャ"), "matcha");
    assert_eq!(romaji("ホッカイドウ"), "hokkaidou");
    assert_eq!(romaji("アッ"), "a");
}

#[test]
fn n_before_a_vowel_or_y_takes_an_apostrophe() {
    assert_eq!(romaji("ケンイチ"), "ken'ichi");
    assert_eq!(romaji("シンヤ"), "shin'ya");
    assert_eq!(romaji("ホンマ"), "honma");
    assert_eq!(romaji("ケン"), "ken");
}

#[test]
fn long_vowels_are_spelled_as_the_kana_write_them() {
    assert_eq!(romaji("サトウ"), "satou");
    assert_eq!(romaji("ユウコ"), "yuuko");
    assert_eq!(romaji("おおの"), "oono");
    assert_eq!(romaji("ルーシー"), "ruushii");
}

#[test]
fn romaji_variants_share_one_key() {
    let same = |a: &str, b: &str| assert_eq!(romaji_key(a), romaji_key(b), "{a} / {b}");
    same("shinji", "sinzi");
    same("tsuji", "tuzi");
    same("chika", "tika");
    same("fujita", "huzita");
    same("satou", "sato");
    same("satou", "satoh");
    same("oono", "ono");
    same("yuuko", "yuko");
    same("ken'ichi", "kennichi");
    same("ken'ichi", "kenichi");
    same("hattori", "hatori");
    same("shouta", "syota");
    same("kyouko", "kyoko");
    same("honma", "homma");
    assert_eq!(romaji_key("Satō"), "sato");
}

#[test]
fn hiragana_and_katakana_fold_together() {
    assert_eq!(fold_kana("たなか しょうた"), "タナカ ショウタ");
    assert_eq!(fold("ﾀﾅｶ ﾐｻｷ"), fold("たなか　みさき"));
    assert_eq!(to_hiragana('ミ'), 'み');
}

#[test]
fn rows_carry_romaji_post_unit_and_tenure() {
    let ix = index();
    let r = &ix.rows()[ix.search(&q("E0412"), None)[0].row];
    assert_eq!(r.romaji, "tanaka misaki");
    assert_eq!(r.post.as_ref().unwrap().as_str(), "P02");
    assert_eq!(r.post_title.as_deref(), Some("情報セキュリティ係長"));
    assert_eq!(r.unit_name.as_deref(), Some("大臣官房情報システム室"));
    assert_eq!((r.tenure_months, r.due), (Some(35), true));
    let shota = &ix.rows()[first(&ix, "E2201").row];
    assert_eq!(shota.romaji, "tanaka shouta");
}

#[test]
fn current_post_is_primary_over_concurrent() {
    let ix = index();
    let r = &ix.rows()[first(&ix, "E0300").row];
    assert_eq!(r.post.as_ref().unwrap().as_str(), "P03");
    assert_eq!((r.tenure_months, r.due), (Some(23), false));
}

#[test]
fn romaji_tanaka_finds_and_highlights_the_surname() {
    let ix = index();
    assert_eq!(ids(&ix, "tanaka"), ["E0412", "E1093", "E2201"]);
    let h = first(&ix, "tanaka");
    assert_eq!(h.id.as_str(), "E0412");
    assert_eq!(h.kana_match, vec![0, 1, 2]);
    assert_eq!(h.name_match, vec![0, 1]);
}

#[test]
fn full_name_in_romaji() {
    let ix = index();
    assert_eq!(ids(&ix, "tanaka misaki"), ["E0412"]);
    let h = first(&ix, "tanaka misaki");
    assert_eq!(h.name_match, vec![0, 1, 3, 4]);
    assert_eq!(h.kana_match, vec![0, 1, 2, 4, 5, 6]);
    assert_eq!(ids(&ix, "misaki tanaka"), ["E0412"]);
    assert_eq!(ids(&ix, "tanakamisaki"), ["E0412"]);
}

#[test]
fn given_name_alone() {
    let ix = index();
    assert_eq!(ids(&ix, "misaki"), ["E0412"]);
    let h = first(&ix, "misaki");
    assert_eq!(h.kana_match, vec![4, 5, 6]);
    assert_eq!(h.name_match, vec![3, 4]);
}

#[test]
fn fuzzy_abbreviation_marks_kana_but_not_the_name() {
    let ix = index();
    assert_eq!(ids(&ix, "tnk"), ["E0412", "E1093", "E2201"]);
    let h = first(&ix, "tnk");
    assert_eq!(h.kana_match, vec![0, 1, 2]);
    assert!(h.name_match.is_empty());
}

#[test]
fn long_vowel_spellings_find_the_same_person() {
    let ix = index();
    for v in ["satou", "sato", "satoh", "satoo", "SATO"] {
        assert_eq!(ids(&ix, v), ["E0041"], "{v}");
    }
    let h = first(&ix, "sato");
    assert_eq!(h.kana_match, vec![0, 1, 2]);
    assert_eq!(h.name_match, vec![0, 1]);
    assert_eq!(ids(&ix, "yuko"), ["E0041"]);
}

#[test]
fn small_tsu_and_syllabic_n_spellings() {
    let ix = index();
    for v in ["hattori", "hatori", "kenichi", "ken'ichi", "kennichi"] {
        assert_eq!(ids(&ix, v), ["E0005"], "{v}");
    }
    let h = first(&ix, "hatt");
    // ハ ッ ト marked: ッ is silent between two marked kana.
    assert_eq!(h.kana_match, vec![0, 1, 2]);
    for v in ["honma", "homma"] {
        assert_eq!(ids(&ix, v), ["E0300"], "{v}");
    }
}

#[test]
fn kunrei_and_hepburn_spellings() {
    let ix = index();
    for v in ["shouta", "syouta", "shota", "syota"] {
        assert_eq!(ids(&ix, v), ["E2201"], "{v}");
    }
    assert_eq!(ids(&ix, "sinzi"), ["E04120"]);
    assert_eq!(ids(&ix, "zyun"), ["E0300"]);
}

#[test]
fn kanji_query_matches_the_written_name() {
    let ix = index();
    assert_eq!(ids(&ix, "田中"), ["E0412", "E1093"]);
    let h = first(&ix, "田中");
    assert_eq!(h.name_match, vec![0, 1]);
    assert_eq!(h.kana_match, vec![0, 1, 2]);
    assert_eq!(ids(&ix, "田中美咲"), ["E0412"]);
}

#[test]
fn variant_kanji_fold_to_the_common_form() {
    let ix = index();
    assert_eq!(ids(&ix, "高橋"), ["E0600"]);
    assert_eq!(first(&ix, "高橋").name_match, vec![0, 1]);
}

#[test]
fn kana_query_in_either_script_or_width() {
    let ix = index();
    for v in ["たなか", "タナカ", "ﾀﾅｶ"] {
        assert_eq!(ids(&ix, v), ["E0412", "E1093", "E2201"], "{v}");
    }
    let hits = ix.search(&q("たなか"), None);
    // E2201's kana is stored in hiragana: positions are into that text.
    assert_eq!(hits[2].kana_match, vec![0, 1, 2]);
    assert_eq!(hits[2].name_match, vec![0, 1]);
    assert_eq!(ids(&ix, "しょうた"), ["E2201"]);
}

#[test]
fn exact_staff_id_ranks_first_then_prefix() {
    let ix = index();
    assert_eq!(ids(&ix, "E0412"), ["E0412", "E04120"]);
    assert_eq!(ids(&ix, "e0412"), ["E0412", "E04120"]);
    let hits = ix.search(&q("E0412"), None);
    assert!(hits[0].score > hits[1].score);
    assert_eq!(hits[0].id_match, vec![0, 1, 2, 3, 4]);
    assert!(hits[0].name_match.is_empty() && hits[0].kana_match.is_empty());
}

#[test]
fn words_also_match_post_and_unit_at_a_lower_weight() {
    let ix = index();
    assert_eq!(ids(&ix, "特許"), ["E1093"]);
    assert_eq!(ids(&ix, "patent"), ["E1093"]);
    assert_eq!(ids(&ix, "P02"), ["E0412"]);
    let by_unit = first(&ix, "特許").score;
    let by_name = first(&ix, "田中").score;
    assert!(by_unit < by_name, "{by_unit} < {by_name}");
    assert!(first(&ix, "特許").name_match.is_empty());
}
