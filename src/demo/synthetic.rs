//! Synthetic organisations for scale work: `Spec`, and units (府省 → 局 → 課・室) and
//! posts generated to any size, with titles, grades, fields, skills and courses drawn
//! like the ministry's.

use super::org::Org;
use super::training::courses_for;
use super::{chance, digits, id, weighted, Rng};
use crate::domain::{Field, Grade, Impact, Post, PostId, Skills, Unit, UnitId};
use rand::Rng as _;

/// The size of a synthetic organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub staff: usize,
    pub posts: usize,
    pub seed: u64,
}

/// Top-level organisations, as in the whole government.
#[rustfmt::skip]
const ORGS: &[(&str, &str)] = &[
    ("経済産業省", "Ministry of Economy, Trade and Industry"), ("デジタル庁", "Digital Agency"),
    ("総務省", "Ministry of Internal Affairs and Communications"), ("内閣府", "Cabinet Office"),
    ("法務省", "Ministry of Justice"), ("外務省", "Ministry of Foreign Affairs"),
    ("財務省", "Ministry of Finance"), ("文部科学省", "Ministry of Education, Culture, Sports, Science and Technology"),
    ("厚生労働省", "Ministry of Health, Labour and Welfare"), ("農林水産省", "Ministry of Agriculture, Forestry and Fisheries"),
    ("国土交通省", "Ministry of Land, Infrastructure, Transport and Tourism"), ("環境省", "Ministry of the Environment"),
    ("防衛省", "Ministry of Defense"), ("警察庁", "National Police Agency"),
    ("金融庁", "Financial Services Agency"), ("消費者庁", "Consumer Affairs Agency"),
    ("こども家庭庁", "Children and Families Agency"), ("復興庁", "Reconstruction Agency"),
    ("国税庁", "National Tax Agency"), ("特許庁", "Japan Patent Office"),
    ("気象庁", "Japan Meteorological Agency"), ("海上保安庁", "Japan Coast Guard"),
    ("中小企業庁", "Small and Medium Enterprise Agency"), ("資源エネルギー庁", "Agency for Natural Resources and Energy"),
    ("観光庁", "Japan Tourism Agency"), ("文化庁", "Agency for Cultural Affairs"),
    ("林野庁", "Forestry Agency"), ("水産庁", "Fisheries Agency"),
    ("出入国在留管理庁", "Immigration Services Agency"), ("公正取引委員会", "Japan Fair Trade Commission"),
    ("個人情報保護委員会", "Personal Information Protection Commission"), ("原子力規制庁", "Nuclear Regulation Authority"),
];

#[rustfmt::skip]
const BUREAUS: &[(&str, &str)] = &[
    ("大臣官房", "Minister's Secretariat"), ("総合政策局", "Policy Bureau"),
    ("情報政策局", "Information Policy Bureau"), ("企画調整局", "Planning and Coordination Bureau"),
    ("行政管理局", "Administrative Management Bureau"), ("地域振興局", "Regional Development Bureau"),
    ("産業振興局", "Industry Promotion Bureau"), ("国際局", "International Bureau"),
    ("統計局", "Statistics Bureau"), ("審査局", "Examination Bureau"),
    ("業務管理局", "Operations Bureau"), ("情報通信局", "Information and Communications Bureau"),
    ("安全局", "Safety Bureau"), ("技術局", "Technology Bureau"),
    ("調査局", "Research Bureau"), ("東北地方局", "Tohoku Regional Bureau"),
    ("関東地方局", "Kanto Regional Bureau"), ("中部地方局", "Chubu Regional Bureau"),
    ("近畿地方局", "Kinki Regional Bureau"), ("九州地方局", "Kyushu Regional Bureau"),
];

use Field::{Data, Dx, Ops, Pm, Policy, Security};

#[rustfmt::skip]
const DIVISIONS: &[(&str, &str, Field)] = &[
    ("情報システム室", "IT Office", Ops), ("総務課", "General Affairs Division", Pm),
    ("サイバーセキュリティ室", "Cybersecurity Office", Security), ("業務改革室", "Business Reform Office", Dx),
    ("データ利活用推進室", "Data Utilization Office", Data), ("政策企画課", "Policy Planning Division", Policy),
    ("情報セキュリティ対策室", "Information Security Office", Security), ("基盤システム管理室", "Shared Systems Office", Ops),
    ("電子申請推進室", "e-Application Office", Ops), ("デジタル推進室", "Digital Promotion Office", Dx),
    ("統計企画室", "Statistics Planning Office", Data), ("情報政策課", "Information Policy Division", Policy),
    ("調達管理室", "Procurement Office", Pm), ("審査システム室", "Examination Systems Office", Ops),
    ("ネットワーク管理室", "Network Office", Ops), ("DX推進課", "DX Promotion Division", Dx),
    ("企画課", "Planning Division", Pm), ("人材育成室", "Talent Development Office", Policy),
    ("プロジェクト管理室", "Project Management Office", Pm), ("インシデント対応室", "Incident Response Office", Security),
    ("データ基盤室", "Data Platform Office", Data), ("国際連携室", "International Cooperation Office", Policy),
];

/// Title stems by field, one per grade: 係員, 係長, 課長補佐, 管理職.
#[rustfmt::skip]
const TITLES: &[(Field, [&[&str]; 4])] = &[
    (Security, [&["情報セキュリティ係員", "セキュリティ監視係員"], &["情報セキュリティ対策係長", "インシデント対応係長"], &["情報セキュリティ対策官補佐", "セキュリティ監査補佐"], &["情報セキュリティ対策官", "セキュリティ統括室長"]]),
    (Pm, [&["PMO係員", "システム企画係員"], &["PMO支援係長", "システム調達係長"], &["システム企画補佐", "PMO総括補佐"], &["システム企画調整官", "プロジェクト管理室長"]]),
    (Ops, [&["システム運用係員", "ネットワーク管理係員", "ヘルプデスク係員"], &["システム運用係長", "クラウド基盤係長"], &["基盤システム補佐", "運用管理補佐"], &["基盤システム企画調整官", "情報システム室長"]]),
    (Policy, [&["情報政策係員", "政策調査係員"], &["情報政策係長", "デジタル政策係長"], &["情報政策企画補佐", "政策調整補佐"], &["情報政策企画調整官"]]),
    (Dx, [&["業務効率化係員", "DX推進係員"], &["BPR推進係長", "生成AI活用係長"], &["業務改革推進補佐", "DX企画補佐"], &["業務改革室長", "DX推進課長"]]),
    (Data, [&["データ整備係員", "統計データ係員"], &["データ分析係長", "データ基盤係長"], &["データ利活用企画補佐"], &["データ利活用推進室長"]]),
];

/// A companion skill for each field.
fn companion(f: Field) -> &'static str {
    match f {
        Security => "incident",
        Pm => "procurement",
        Ops => "cloud",
        Policy => "data",
        Dx => "ai",
        Data => "statistics",
    }
}

/// Units and exactly `posts` posts: about 8 posts per 課・室, about 10 課・室 per 局.
pub(crate) fn org(posts: usize, rng: &mut Rng) -> Org {
    let divisions = posts.div_ceil(8).max(1);
    let bureaus = divisions.div_ceil(10).max(1);
    let tops = bureaus.div_ceil(6).clamp(1, ORGS.len());
    let total = tops + bureaus + divisions;
    let uid = |n: usize| UnitId::new_unchecked(id("U", n, digits(total).max(2)));
    let mut units = Vec::with_capacity(total);
    for (i, (name, en)) in ORGS.iter().take(tops).enumerate() {
        units.push(Unit {
            id: uid(i + 1),
            name: name.to_string(),
            name_en: en.to_string(),
            parent: None,
        });
    }
    let mut in_top = vec![0usize; tops];
    for b in 0..bureaus {
        let top = b % tops;
        let k = in_top[top];
        in_top[top] += 1;
        let (name, en) = numbered(BUREAUS, k, 0);
        units.push(Unit {
            id: uid(tops + b + 1),
            name,
            name_en: en,
            parent: Some(uid(top + 1)),
        });
    }
    let mut in_bureau = vec![0usize; bureaus];
    let mut division_field = Vec::with_capacity(divisions);
    let pairs: Vec<(&str, &str)> = DIVISIONS.iter().map(|(n, e, _)| (*n, *e)).collect();
    for d in 0..divisions {
        let b = d % bureaus;
        let k = in_bureau[b];
        in_bureau[b] += 1;
        // Each bureau starts the list at a different place, so bureaus differ.
        let row = (k + b) % DIVISIONS.len();
        let (name, en) = numbered(&pairs, k, b);
        division_field.push((DIVISIONS[row].2, chance(rng, 0.25)));
        units.push(Unit {
            id: uid(tops + bureaus + d + 1),
            name,
            name_en: en,
            parent: Some(uid(tops + b + 1)),
        });
    }
    let width = digits(posts).max(3);
    let mut out = Vec::with_capacity(posts);
    for i in 0..posts {
        // Posts come in blocks per 課・室, headed by a manager's post when the block
        // is big enough.
        let d = i * divisions / posts;
        let head = i == 0 || (i - 1) * divisions / posts != d;
        let block = (d + 1) * posts / divisions - d * posts / divisions;
        let (main, systems) = division_field[d];
        let field = if head || chance(rng, 0.6) {
            main
        } else {
            Field::ALL[rng.gen_range(0..Field::ALL.len())]
        };
        let grade = if head && block >= 4 {
            Grade::Manager
        } else {
            Grade::ALL[weighted(rng, &[38, 33, 26, 3])]
        };
        out.push(post(
            PostId::new_unchecked(id("P", i + 1, width)),
            uid(tops + bureaus + d + 1),
            field,
            grade,
            systems,
            rng,
        ));
    }
    let unfilled = (0..posts).map(|_| chance(rng, 0.015)).collect();
    Org {
        units,
        posts: out,
        unfilled,
    }
}

/// The k-th name of a list rotated by `rot`, with 第2, 第3… once the list runs out.
fn numbered(list: &[(&str, &str)], k: usize, rot: usize) -> (String, String) {
    let (name, en) = list[(k + rot) % list.len()];
    match k / list.len() {
        0 => (name.to_string(), en.to_string()),
        n => (format!("第{}{name}", n + 1), format!("{en} No. {}", n + 1)),
    }
}

fn post(
    id: PostId,
    unit: UnitId,
    field: Field,
    grade: Grade,
    systems: bool,
    rng: &mut Rng,
) -> Post {
    let gi = Grade::ALL.iter().position(|g| *g == grade).unwrap_or(0);
    let stems = TITLES
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(&["デジタル担当"][..], |(_, t)| t[gi]);
    let title = stems[rng.gen_range(0..stems.len())].to_string();
    let level = (gi as u8 + 1)
        .saturating_sub(u8::from(chance(rng, 0.2)))
        .max(1);
    let mut skills = Skills::default();
    skills.0.insert(field.code().to_string(), level);
    if chance(rng, 0.5) {
        skills
            .0
            .insert(companion(field).to_string(), level.clamp(1, 3));
    }
    let impact = if systems && matches!(field, Ops | Security | Pm) {
        Impact::High
    } else {
        Impact::Normal
    };
    let capacity = if grade == Grade::Staff {
        [1, 2, 3][weighted(rng, &[50, 35, 15])]
    } else {
        1
    };
    let courses = courses_for(field, grade, rng);
    Post {
        id,
        unit,
        title,
        grade,
        field,
        impact,
        skills,
        courses,
        capacity,
        closed: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn exact_post_count_and_a_proper_tree() {
        let org = org(400, &mut Rng::seed_from_u64(5));
        assert_eq!(org.posts.len(), 400);
        assert_eq!(org.units.len(), 1 + 5 + 50);
        assert_eq!(org.units[0].name, "経済産業省");
        assert!(org.units[1..6]
            .iter()
            .all(|u| u.parent.as_ref() == Some(&org.units[0].id)));
        assert_eq!(org.posts[0].id.as_str(), "P001");
    }

    #[test]
    fn large_organisations_get_wider_ids_and_numbered_names() {
        let org = org(20_000, &mut Rng::seed_from_u64(5));
        assert_eq!(org.posts[19_999].id.as_str(), "P20000");
        assert_eq!(org.units.len(), 32 + 250 + 2500);
        assert_eq!(org.units[0].id.as_str(), "U0001");
    }

    #[test]
    fn numbered_names_wrap() {
        let list = [("総務課", "General Affairs Division")];
        let two = [
            ("企画課", "Planning Division"),
            ("総務課", "General Affairs Division"),
        ];
        assert_eq!(numbered(&two, 0, 1).0, "総務課");
        assert_eq!(numbered(&list, 0, 0).0, "総務課");
        assert_eq!(
            numbered(&list, 2, 5),
            (
                "第3総務課".to_string(),
                "General Affairs Division No. 3".to_string()
            )
        );
    }
}
