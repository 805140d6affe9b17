//! Name pools for demo staff: Japanese surnames in rough frequency order and given
//! names by cohort, each with its katakana reading. Pure data plus one picker.
//!
//! Variant spellings (齋藤/斎藤/斉藤, 髙橋/高橋, 渡邊/渡辺/渡部) and shared readings
//! (雅人/正人, 裕子/優子) are deliberate: search has to face them.

use super::{chance, Rng};
use rand::Rng as _;

/// Surnames, most common first: (kanji, katakana).
pub(crate) const SURNAMES: &[(&str, &str)] = &[
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("山崎", "ヤマザキ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("阿部", "アベ"),
    ("石川", "イシカワ"),
    ("山下", "ヤマシタ"),
    ("中島", "ナカジマ"),
    ("石井", "イシイ"),
    ("小川", "オガワ"),
    ("前田", "マエダ"),
    ("岡田", "オカダ"),
    ("長谷川", "ハセガワ"),
    ("藤田", "フジタ"),
    ("後藤", "ゴトウ"),
    ("近藤", "コンドウ"),
    ("村上", "ムラカミ"),
    ("遠藤", "エンドウ"),
    ("青木", "アオキ"),
    ("坂本", "サカモト"),
    ("斉藤", "サイトウ"),
    ("福田", "フクダ"),
    ("太田", "オオタ"),
    ("西村", "ニシムラ"),
    ("藤井", "フジイ"),
    ("金子", "カネコ"),
    ("岡本", "オカモト"),
    ("藤原", "フジワラ"),
    ("中野", "ナカノ"),
    ("三浦", "ミウラ"),
    ("原田", "ハラダ"),
    ("中川", "ナカガワ"),
    ("松田", "マツダ"),
    ("竹内", "タケウチ"),
    ("小野", "オノ"),
    ("田村", "タムラ"),
    ("中山", "ナカヤマ"),
    ("和田", "ワダ"),
    ("石田", "イシダ"),
    ("森田", "モリタ"),
    ("上田", "ウエダ"),
    ("原", "ハラ"),
    ("内田", "ウチダ"),
    ("柴田", "シバタ"),
    ("酒井", "サカイ"),
    ("宮崎", "ミヤザキ"),
    ("横山", "ヨコヤマ"),
    ("高木", "タカギ"),
    ("安藤", "アンドウ"),
    ("宮本", "ミヤモト"),
    ("大野", "オオノ"),
    ("小島", "コジマ"),
    ("谷口", "タニグチ"),
    ("今井", "イマイ"),
    ("工藤", "クドウ"),
    ("高田", "タカダ"),
    ("増田", "マスダ"),
    ("丸山", "マルヤマ"),
    ("杉山", "スギヤマ"),
    ("村田", "ムラタ"),
    ("大塚", "オオツカ"),
    ("新井", "アライ"),
    ("小山", "コヤマ"),
    ("平野", "ヒラノ"),
    ("藤本", "フジモト"),
    ("河野", "コウノ"),
    ("上野", "ウエノ"),
    ("野口", "ノグチ"),
    ("武田", "タケダ"),
    ("松井", "マツイ"),
    ("千葉", "チバ"),
    ("岩崎", "イワサキ"),
    ("菅原", "スガワラ"),
    ("木下", "キノシタ"),
    ("久保", "クボ"),
    ("佐野", "サノ"),
    ("野村", "ノムラ"),
    ("松尾", "マツオ"),
    ("市川", "イチカワ"),
    ("菊地", "キクチ"),
    ("杉本", "スギモト"),
    ("古川", "フルカワ"),
    ("大西", "オオニシ"),
    ("島田", "シマダ"),
    ("水野", "ミズノ"),
    ("桜井", "サクライ"),
    ("高野", "タカノ"),
    ("渡部", "ワタナベ"),
    ("吉川", "ヨシカワ"),
    ("山内", "ヤマウチ"),
    ("西田", "ニシダ"),
    ("飯田", "イイダ"),
    ("菊池", "キクチ"),
    ("西川", "ニシカワ"),
    ("小松", "コマツ"),
    ("北村", "キタムラ"),
    ("安田", "ヤスダ"),
    ("五十嵐", "イガラシ"),
    ("川口", "カワグチ"),
    ("平田", "ヒラタ"),
    ("関", "セキ"),
    ("中田", "ナカタ"),
    ("久保田", "クボタ"),
    ("服部", "ハットリ"),
    ("東", "ヒガシ"),
    ("岩田", "イワタ"),
    ("土屋", "ツチヤ"),
    ("川崎", "カワサキ"),
    ("福島", "フクシマ"),
    ("本田", "ホンダ"),
    ("辻", "ツジ"),
    ("樋口", "ヒグチ"),
    ("秋山", "アキヤマ"),
    ("荒木", "アラキ"),
    ("小池", "コイケ"),
    ("大橋", "オオハシ"),
    ("片山", "カタヤマ"),
    ("星野", "ホシノ"),
    ("河野", "カワノ"),
    ("髙橋", "タカハシ"),
    ("齋藤", "サイトウ"),
    ("渡邊", "ワタナベ"),
    ("東海林", "ショウジ"),
    ("小鳥遊", "タカナシ"),
];

/// Which birth cohort a given name belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cohort {
    Any,
    /// Common for people born before about 1985.
    Older,
    /// Common for people born from about 1985.
    Younger,
}

use Cohort::{Any, Older, Younger};

/// Men's given names: (kanji, katakana, cohort).
pub(crate) const MALE: &[(&str, &str, Cohort)] = &[
    ("翔太", "ショウタ", Younger),
    ("大輔", "ダイスケ", Any),
    ("健太", "ケンタ", Any),
    ("拓也", "タクヤ", Any),
    ("直樹", "ナオキ", Any),
    ("和也", "カズヤ", Any),
    ("達也", "タツヤ", Any),
    ("亮", "リョウ", Any),
    ("涼", "リョウ", Younger),
    ("翔", "ショウ", Younger),
    ("大樹", "ダイキ", Younger),
    ("蓮", "レン", Younger),
    ("悠真", "ユウマ", Younger),
    ("湊", "ミナト", Younger),
    ("陽翔", "ハルト", Younger),
    ("颯太", "ソウタ", Younger),
    ("大和", "ヤマト", Younger),
    ("樹", "イツキ", Younger),
    ("悠斗", "ユウト", Younger),
    ("優斗", "ユウト", Younger),
    ("拓海", "タクミ", Younger),
    ("海斗", "カイト", Younger),
    ("駿", "シュン", Younger),
    ("陸", "リク", Younger),
    ("勇気", "ユウキ", Younger),
    ("誠", "マコト", Any),
    ("浩", "ヒロシ", Older),
    ("隆", "タカシ", Older),
    ("健一", "ケンイチ", Older),
    ("博之", "ヒロユキ", Older),
    ("修", "オサム", Older),
    ("学", "マナブ", Older),
    ("剛", "ツヨシ", Older),
    ("聡", "サトシ", Any),
    ("哲也", "テツヤ", Older),
    ("雄一", "ユウイチ", Older),
    ("康弘", "ヤスヒロ", Older),
    ("秀樹", "ヒデキ", Older),
    ("正人", "マサト", Older),
    ("雅人", "マサト", Any),
    ("智也", "トモヤ", Any),
    ("祐介", "ユウスケ", Any),
    ("慎吾", "シンゴ", Any),
    ("俊介", "シュンスケ", Any),
    ("一郎", "イチロウ", Older),
    ("健二", "ケンジ", Older),
    ("太郎", "タロウ", Any),
    ("光", "ヒカル", Any),
    ("航", "ワタル", Any),
    ("裕之", "ヒロユキ", Older),
];

/// Women's given names: (kanji, katakana, cohort).
pub(crate) const FEMALE: &[(&str, &str, Cohort)] = &[
    ("美咲", "ミサキ", Younger),
    ("陽菜", "ヒナ", Younger),
    ("結衣", "ユイ", Younger),
    ("さくら", "サクラ", Younger),
    ("葵", "アオイ", Younger),
    ("愛", "アイ", Any),
    ("彩", "アヤ", Any),
    ("七海", "ナナミ", Younger),
    ("優子", "ユウコ", Older),
    ("裕子", "ユウコ", Older),
    ("恵", "メグミ", Older),
    ("真由美", "マユミ", Older),
    ("直美", "ナオミ", Older),
    ("智子", "トモコ", Older),
    ("久美子", "クミコ", Older),
    ("由美", "ユミ", Older),
    ("明美", "アケミ", Older),
    ("綾香", "アヤカ", Any),
    ("彩花", "アヤカ", Younger),
    ("沙織", "サオリ", Any),
    ("麻衣", "マイ", Any),
    ("舞", "マイ", Any),
    ("千尋", "チヒロ", Any),
    ("遥", "ハルカ", Younger),
    ("春香", "ハルカ", Any),
    ("菜々子", "ナナコ", Any),
    ("美穂", "ミホ", Any),
    ("香織", "カオリ", Older),
    ("杏", "アン", Younger),
    ("結菜", "ユイナ", Younger),
    ("芽依", "メイ", Younger),
    ("凛", "リン", Younger),
    ("紬", "ツムギ", Younger),
    ("陽子", "ヨウコ", Older),
    ("京子", "キョウコ", Older),
    ("純子", "ジュンコ", Older),
    ("理恵", "リエ", Any),
    ("真理", "マリ", Any),
    ("瞳", "ヒトミ", Any),
    ("実", "ミノリ", Any),
    ("千夏", "チナツ", Any),
    ("友美", "トモミ", Any),
    ("美月", "ミヅキ", Younger),
    ("詩織", "シオリ", Any),
    ("奈々", "ナナ", Any),
    ("亜美", "アミ", Any),
    ("由佳", "ユカ", Any),
    ("早紀", "サキ", Any),
    ("萌", "モエ", Younger),
];

/// Share of women among generated staff.
const FEMALE_SHARE: f64 = 0.32;

/// Cumulative Zipf-like weights for `SURNAMES`, built once per generator.
pub(crate) struct NamePicker {
    cumulative: Vec<u32>,
    male: [Vec<usize>; 2],
    female: [Vec<usize>; 2],
}

impl NamePicker {
    pub(crate) fn new() -> NamePicker {
        let mut cumulative = Vec::with_capacity(SURNAMES.len());
        let mut total = 0u32;
        for i in 0..SURNAMES.len() {
            total += 100_000 / (i as u32 + 8);
            cumulative.push(total);
        }
        let by_cohort = |list: &[(&str, &str, Cohort)], older: bool| -> Vec<usize> {
            let want = if older { Older } else { Younger };
            (0..list.len())
                .filter(|&i| list[i].2 == Any || list[i].2 == want)
                .collect()
        };
        NamePicker {
            cumulative,
            male: [by_cohort(MALE, true), by_cohort(MALE, false)],
            female: [by_cohort(FEMALE, true), by_cohort(FEMALE, false)],
        }
    }

    /// A full name and its reading, family name first, one space between.
    pub(crate) fn pick(&self, rng: &mut Rng, birth_year: i16) -> (String, String) {
        let total = *self.cumulative.last().unwrap_or(&1);
        let x = rng.gen_range(0..total);
        let si = self.cumulative.partition_point(|&c| c <= x);
        let (sur, sur_kana) = SURNAMES[si.min(SURNAMES.len() - 1)];
        let cohort = usize::from(birth_year >= 1985);
        let (given, given_kana) = if chance(rng, FEMALE_SHARE) {
            let pool = &self.female[cohort];
            let (k, r, _) = FEMALE[pool[rng.gen_range(0..pool.len())]];
            (k, r)
        } else {
            let pool = &self.male[cohort];
            let (k, r, _) = MALE[pool[rng.gen_range(0..pool.len())]];
            (k, r)
        };
        (format!("{sur} {given}"), format!("{sur_kana} {given_kana}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn is_katakana(s: &str) -> bool {
        s.chars().all(|c| ('\u{30A1}'..='\u{30FC}').contains(&c))
    }

    #[test]
    fn every_reading_is_katakana() {
        for (k, r) in SURNAMES {
            assert!(is_katakana(r), "{k} {r}");
        }
        for (k, r, _) in MALE.iter().chain(FEMALE) {
            assert!(is_katakana(r), "{k} {r}");
        }
    }

    #[test]
    fn picked_names_have_one_space_in_name_and_kana() {
        let picker = NamePicker::new();
        let mut rng = Rng::seed_from_u64(1);
        for year in [1970, 1999] {
            for _ in 0..200 {
                let (name, kana) = picker.pick(&mut rng, year);
                assert_eq!(name.matches(' ').count(), 1, "{name}");
                assert_eq!(kana.matches(' ').count(), 1, "{kana}");
                assert!(kana.split(' ').all(|p| !p.is_empty() && is_katakana(p)));
            }
        }
    }

    #[test]
    fn common_surnames_come_up_more_often() {
        let picker = NamePicker::new();
        let mut rng = Rng::seed_from_u64(7);
        let names: Vec<String> = (0..5000).map(|_| picker.pick(&mut rng, 1990).0).collect();
        let count = |s: &str| names.iter().filter(|n| n.starts_with(s)).count();
        assert!(count("佐藤 ") > count("星野 ") * 5);
        assert!(count("佐藤 ") > 100);
    }
}
