//! The fictional ministry's organisation: its units (局 → 部 → 課・室) and its 84
//! digital-talent posts, as named in METI's digital-talent plan (IT Office, Business
//! Reform Division, Trade Control Dept., Patent Office, Commerce and Information Policy
//! Bureau) plus a data-use office, the SME Agency and a regional bureau.

use crate::domain::{CourseId, Field, Grade, Impact, Post, PostId, Skills, Unit, UnitId};

/// Staff in the demo ministry.
pub(crate) const MINISTRY_STAFF: usize = 300;

/// Units and posts, plus which posts are newly created and not yet filled.
pub(crate) struct Org {
    pub units: Vec<Unit>,
    pub posts: Vec<Post>,
    /// Parallel to `posts`: true for a post nobody has held yet (新設ポスト).
    pub unfilled: Vec<bool>,
}

#[rustfmt::skip]
const UNITS: &[(&str, &str, &str, Option<&str>)] = &[
    ("U01", "大臣官房", "Minister's Secretariat", None),
    ("U02", "情報システム室", "IT Office", Some("U01")),
    ("U03", "業務改革課", "Business Reform Division", Some("U01")),
    ("U04", "調査統計グループ", "Research and Statistics Group", Some("U01")),
    ("U05", "データ利活用推進室", "Data Utilization Office", Some("U04")),
    ("U06", "貿易経済安全保障局", "Trade and Economic Security Bureau", None),
    ("U07", "貿易管理部", "Trade Control Department", Some("U06")),
    ("U08", "貿易管理課", "Trade Control Policy Division", Some("U07")),
    ("U09", "貿易審査課", "Trade Licensing Division", Some("U07")),
    ("U10", "安全保障貿易管理課", "Security Export Control Division", Some("U07")),
    ("U11", "商務情報政策局", "Commerce and Information Policy Bureau", None),
    ("U12", "サイバーセキュリティ課", "Cybersecurity Division", Some("U11")),
    ("U13", "情報経済課", "Information Economy Division", Some("U11")),
    ("U14", "情報技術利用促進課", "IT Utilization Promotion Division", Some("U11")),
    ("U15", "情報政策課", "Information Policy Division", Some("U11")),
    ("U16", "特許庁", "Japan Patent Office", None),
    ("U17", "総務部", "General Affairs Department", Some("U16")),
    ("U18", "情報技術統括室", "Information Technology Management Office", Some("U17")),
    ("U19", "審査業務部", "Examination Affairs Department", Some("U16")),
    ("U20", "審査業務課", "Examination Affairs Division", Some("U19")),
    ("U21", "中小企業庁", "Small and Medium Enterprise Agency", None),
    ("U22", "事業環境部", "Business Environment Department", Some("U21")),
    ("U23", "デジタル化推進室", "Digitalization Promotion Office", Some("U22")),
    ("U24", "関東経済産業局", "Kanto Bureau of Economy, Trade and Industry", None),
    ("U25", "総務企画部", "General Affairs and Planning Department", Some("U24")),
    ("U26", "地域DX推進室", "Regional DX Promotion Office", Some("U25")),
];

/// One row of the post table.
struct Row {
    unit: &'static str,
    title: &'static str,
    grade: Grade,
    field: Field,
    impact: Impact,
    skills: &'static [(&'static str, u8)],
    courses: &'static [&'static str],
    capacity: u16,
}

/// A table row; positional so the table reads like one.
#[allow(clippy::too_many_arguments)]
const fn p(
    unit: &'static str,
    title: &'static str,
    grade: Grade,
    field: Field,
    impact: Impact,
    skills: &'static [(&'static str, u8)],
    courses: &'static [&'static str],
    capacity: u16,
) -> Row {
    Row {
        unit,
        title,
        grade,
        field,
        impact,
        skills,
        courses,
        capacity,
    }
}

use Field::{Data as DATA, Dx as DX, Ops as OPS, Pm as PM, Policy as POL, Security as SEC};
use Grade::{Chief as C, Deputy as D, Manager as M, Staff as S};
use Impact::{High as H, Normal as N};

/// Posts P001.. in table order.
#[rustfmt::skip]
const POSTS: &[Row] = &[
    // 大臣官房情報システム室: security and the shared systems (基盤情報システム)
    p("U02", "統括情報セキュリティ対策官", M, SEC, H, &[("security", 4), ("pm", 3)], &["C-NCO-MGT"], 1),
    p("U02", "統括情報セキュリティ対策官補佐", D, SEC, H, &[("security", 3), ("incident", 2)], &["C-NCO-SEC", "C-NCO-IR"], 1),
    p("U02", "情報セキュリティ対策係長", C, SEC, H, &[("security", 2)], &["C-DA-SEC", "C-NCO-IR"], 1),
    p("U02", "情報セキュリティ係員", S, SEC, H, &[("security", 1)], &["C-DA-SEC"], 3),
    p("U02", "インシデント対応係長", C, SEC, H, &[("security", 3), ("incident", 2)], &["C-NCO-IR", "C-EX-CYDER"], 1),
    p("U02", "セキュリティ監査補佐", D, SEC, H, &[("security", 3), ("pm", 2)], &["C-NCO-SEC"], 1),
    p("U02", "情報システム室長", M, PM, H, &[("pm", 4), ("ops", 3)], &["C-NCO-MGT", "C-IN-MGR"], 1),
    p("U02", "基盤情報システム企画調整官", M, OPS, H, &[("ops", 4), ("pm", 3), ("cloud", 2)], &["C-DA-CLD"], 1),
    p("U02", "基盤システム企画補佐", D, PM, H, &[("pm", 3), ("ops", 2)], &["C-DA-PM", "C-DA-CAND"], 1),
    p("U02", "基盤システム運用係長", C, OPS, H, &[("ops", 2), ("network", 2)], &["C-DA-CLD"], 1),
    p("U02", "基盤システム運用係員", S, OPS, H, &[("ops", 1)], &["C-DA-CLD", "C-DA-INTRO"], 3),
    p("U02", "クラウド移行推進係長", C, OPS, H, &[("ops", 2), ("cloud", 3)], &["C-DA-CLD"], 1),
    p("U02", "ネットワーク管理係員", S, OPS, H, &[("network", 1), ("ops", 1)], &["C-DA-INTRO"], 2),
    p("U02", "PMO総括補佐", D, PM, N, &[("pm", 3), ("procurement", 2)], &["C-DA-PM", "C-DA-CAND"], 1),
    p("U02", "PMO支援係長", C, PM, N, &[("pm", 2)], &["C-DA-PM"], 1),
    p("U02", "PMO係員", S, PM, N, &[("pm", 1)], &["C-DA-INTRO"], 2),
    p("U02", "情報システム調達審査係長", C, PM, N, &[("procurement", 2), ("pm", 2)], &["C-DA-PM"], 1),
    p("U02", "ヘルプデスク運用係員", S, OPS, N, &[("ops", 1)], &["C-DA-INTRO"], 2),
    // 大臣官房業務改革課: BPR, efficiency tools, generative AI; PMO with the IT Office
    p("U03", "業務改革課長", M, DX, N, &[("dx", 4), ("pm", 3)], &["C-IN-MGR"], 1),
    p("U03", "業務改革推進補佐", D, DX, N, &[("dx", 3), ("pm", 2)], &["C-DA-SD"], 1),
    p("U03", "BPR推進係長", C, DX, N, &[("dx", 2)], &["C-IN-BPR", "C-DA-SD"], 1),
    p("U03", "業務効率化係員", S, DX, N, &[("dx", 1)], &["C-IN-BPR"], 2),
    p("U03", "生成AI活用推進係長", C, DX, N, &[("ai", 2), ("dx", 2)], &["C-IN-AI"], 1),
    p("U03", "デジタル化企画補佐", D, PM, N, &[("pm", 3), ("dx", 2)], &["C-DA-PM"], 1),
    p("U03", "ポートフォリオ管理係長", C, PM, N, &[("pm", 2), ("procurement", 1)], &["C-DA-PM"], 1),
    p("U03", "ペーパーレス推進係員", S, DX, N, &[("dx", 1)], &["C-IN-DX"], 1),
    // 大臣官房調査統計グループ データ利活用推進室
    p("U05", "データ利活用推進室長", M, DATA, N, &[("data", 4), ("policy", 2)], &["C-IN-MGR"], 1),
    p("U05", "データ利活用企画補佐", D, DATA, N, &[("data", 3), ("statistics", 2)], &["C-DA-DATA"], 1),
    p("U05", "データ分析係長", C, DATA, N, &[("data", 2), ("statistics", 2)], &["C-DA-DATA", "C-IN-DATA"], 1),
    p("U05", "データ整備係員", S, DATA, N, &[("data", 1)], &["C-IN-DATA"], 2),
    p("U05", "統計データ基盤係長", C, OPS, N, &[("ops", 2), ("data", 2)], &["C-DA-CLD"], 1),
    p("U05", "オープンデータ推進係員", S, DATA, N, &[("data", 1)], &["C-IN-DATA"], 1),
    // 貿易経済安全保障局貿易管理部: 貿易管理業務支援システム (high impact)
    p("U08", "貿易管理システム企画調整官", M, PM, H, &[("pm", 4), ("security", 2)], &["C-DA-CAND"], 1),
    p("U08", "貿易管理業務支援システム企画補佐", D, PM, H, &[("pm", 3), ("ops", 2)], &["C-DA-PM", "C-DA-CAND"], 1),
    p("U08", "貿易管理システム開発係長", C, PM, H, &[("pm", 2)], &["C-DA-PM"], 1),
    p("U08", "貿易管理システム運用係長", C, OPS, H, &[("ops", 2)], &["C-DA-CLD"], 1),
    p("U08", "貿易管理システム運用係員", S, OPS, H, &[("ops", 1)], &["C-DA-CLD", "C-DA-INTRO"], 2),
    p("U08", "貿易管理システムセキュリティ係長", C, SEC, H, &[("security", 2)], &["C-DA-SEC", "C-NCO-IR"], 1),
    p("U09", "輸出入電子申請係員", S, OPS, H, &[("ops", 1)], &["C-DA-INTRO"], 2),
    p("U09", "貿易統計データ係員", S, DATA, N, &[("data", 1)], &["C-IN-DATA"], 1),
    p("U10", "安全保障貿易情報システム補佐", D, SEC, H, &[("security", 3), ("pm", 2)], &["C-NCO-SEC"], 1),
    p("U10", "安全保障貿易審査システム係長", C, OPS, H, &[("ops", 2), ("security", 1)], &["C-DA-CLD"], 1),
    // 特許庁: 特許事務システム (high impact)
    p("U18", "情報技術統括室長", M, PM, H, &[("pm", 4), ("ops", 3)], &["C-NCO-MGT", "C-IN-MGR"], 1),
    p("U18", "特許事務システム企画調整官", M, PM, H, &[("pm", 4), ("procurement", 3)], &["C-DA-CAND"], 1),
    p("U18", "特許事務システム企画補佐", D, PM, H, &[("pm", 3)], &["C-DA-PM", "C-DA-CAND"], 1),
    p("U18", "特許事務システム刷新係長", C, PM, H, &[("pm", 2), ("cloud", 1)], &["C-DA-PM"], 1),
    p("U18", "特許事務システム運用係長", C, OPS, H, &[("ops", 2)], &["C-DA-CLD"], 1),
    p("U18", "特許事務システム運用係員", S, OPS, H, &[("ops", 1)], &["C-DA-CLD", "C-DA-INTRO"], 3),
    p("U18", "特許庁情報セキュリティ補佐", D, SEC, H, &[("security", 3)], &["C-NCO-SEC"], 1),
    p("U18", "特許庁情報セキュリティ係長", C, SEC, H, &[("security", 2)], &["C-DA-SEC", "C-NCO-IR"], 1),
    p("U18", "特許庁情報セキュリティ係員", S, SEC, H, &[("security", 1)], &["C-DA-SEC"], 2),
    p("U20", "電子出願システム係長", C, OPS, H, &[("ops", 2), ("network", 1)], &["C-DA-CLD"], 1),
    p("U20", "電子出願システム係員", S, OPS, H, &[("ops", 1)], &["C-DA-INTRO"], 2),
    p("U20", "特許情報データ活用係長", C, DATA, N, &[("data", 2)], &["C-DA-DATA"], 1),
    p("U20", "審査業務デジタル化補佐", D, DX, N, &[("dx", 3), ("pm", 2)], &["C-DA-SD"], 1),
    // 商務情報政策局: サイバーセキュリティ課 and the information-policy divisions
    p("U12", "サイバーセキュリティ課長", M, SEC, N, &[("security", 4), ("policy", 3)], &["C-NCO-MGT"], 1),
    p("U12", "サイバーセキュリティ政策企画補佐", D, POL, N, &[("policy", 3), ("security", 3)], &["C-NCO-SEC"], 1),
    p("U12", "重要インフラセキュリティ係長", C, SEC, N, &[("security", 2), ("policy", 1)], &["C-NCO-IR"], 1),
    p("U12", "サイバーセキュリティ係員", S, SEC, N, &[("security", 1)], &["C-DA-SEC", "C-EX-CYDER"], 3),
    p("U12", "インシデント情報分析係長", C, SEC, N, &[("incident", 2), ("security", 2)], &["C-NCO-IR", "C-EX-CYDER"], 1),
    p("U12", "サプライチェーンセキュリティ補佐", D, SEC, N, &[("security", 3)], &["C-NCO-SEC"], 1),
    p("U12", "セキュリティ人材育成係員", S, POL, N, &[("policy", 1), ("security", 1)], &["C-IN-POL"], 1),
    p("U13", "情報経済課企画補佐", D, POL, N, &[("policy", 3), ("data", 2)], &["C-DA-DATA"], 1),
    p("U13", "データ流通政策係長", C, POL, N, &[("policy", 2), ("data", 2)], &["C-IN-POL", "C-DA-DATA"], 1),
    p("U13", "情報経済係員", S, POL, N, &[("policy", 1)], &["C-IN-POL"], 2),
    p("U13", "デジタル市場政策係長", C, POL, N, &[("policy", 2)], &["C-IN-POL"], 1),
    p("U14", "情報技術利用促進課長補佐", D, POL, N, &[("policy", 3), ("dx", 2)], &["C-DA-SD"], 1),
    p("U14", "DX推進政策係長", C, DX, N, &[("dx", 2), ("policy", 2)], &["C-DA-SD"], 1),
    p("U14", "デジタル人材政策係員", S, POL, N, &[("policy", 1)], &["C-IN-POL"], 2),
    p("U14", "IT利活用促進係員", S, DX, N, &[("dx", 1)], &["C-IN-DX"], 1),
    p("U15", "情報政策企画調整官", M, POL, N, &[("policy", 4), ("security", 2)], &["C-IN-MGR"], 1),
    p("U15", "情報政策総括補佐", D, POL, N, &[("policy", 3)], &["C-DA-SD"], 1),
    p("U15", "情報政策係長", C, POL, N, &[("policy", 2)], &["C-IN-POL"], 1),
    p("U15", "情報政策係員", S, POL, N, &[("policy", 1)], &["C-IN-POL"], 2),
    p("U15", "AI政策係長", C, POL, N, &[("ai", 2), ("policy", 2)], &["C-IN-AI"], 1),
    // 中小企業庁 デジタル化推進室
    p("U23", "デジタル化推進室長", M, DX, N, &[("dx", 3), ("pm", 3)], &["C-IN-MGR"], 1),
    p("U23", "中小企業デジタル化支援補佐", D, DX, N, &[("dx", 3)], &["C-DA-SD"], 1),
    p("U23", "補助金申請システム運用係長", C, OPS, N, &[("ops", 2)], &["C-DA-CLD"], 1),
    p("U23", "補助金申請システム係員", S, OPS, N, &[("ops", 1)], &["C-DA-INTRO"], 2),
    p("U23", "中小企業データ分析係長", C, DATA, N, &[("data", 2)], &["C-IN-DATA"], 1),
    // 関東経済産業局 地域DX推進室
    p("U26", "地域DX推進室長", M, DX, N, &[("dx", 3)], &["C-IN-MGR"], 1),
    p("U26", "地域情報システム管理係長", C, OPS, N, &[("ops", 2), ("network", 1)], &["C-DA-CLD"], 1),
    p("U26", "地域情報システム係員", S, OPS, N, &[("ops", 1)], &["C-DA-INTRO"], 2),
    p("U26", "地域セキュリティ担当係員", S, SEC, N, &[("security", 1)], &["C-DA-SEC"], 1),
];

/// Posts created this year that nobody has held yet.
const NEW_POSTS: &[&str] = &["生成AI活用推進係長", "AI政策係長"];

/// The ministry's units and posts (the same for every seed).
pub(crate) fn ministry() -> Org {
    let units = UNITS
        .iter()
        .map(|(id, name, en, parent)| Unit {
            id: UnitId::new_unchecked(*id),
            name: name.to_string(),
            name_en: en.to_string(),
            parent: parent.map(UnitId::new_unchecked),
        })
        .collect();
    let posts: Vec<Post> = POSTS
        .iter()
        .enumerate()
        .map(|(i, r)| Post {
            id: PostId::new_unchecked(super::id("P", i + 1, 3)),
            unit: UnitId::new_unchecked(r.unit),
            title: r.title.to_string(),
            grade: r.grade,
            field: r.field,
            impact: r.impact,
            skills: Skills(r.skills.iter().map(|(k, v)| (k.to_string(), *v)).collect()),
            courses: r
                .courses
                .iter()
                .map(|c| CourseId::new_unchecked(*c))
                .collect(),
            capacity: r.capacity,
            closed: None,
        })
        .collect();
    let unfilled = POSTS.iter().map(|r| NEW_POSTS.contains(&r.title)).collect();
    Org {
        units,
        posts,
        unfilled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ministry_has_26_units_and_84_posts() {
        let org = ministry();
        assert_eq!(org.units.len(), 26);
        assert_eq!(org.posts.len(), 84);
        assert_eq!(org.posts[0].id.as_str(), "P001");
        assert_eq!(org.posts[83].id.as_str(), "P084");
        assert_eq!(org.unfilled.iter().filter(|u| **u).count(), 2);
    }

    #[test]
    fn posts_sit_in_leaf_units_that_exist() {
        let org = ministry();
        let parents: Vec<&UnitId> = org.units.iter().filter_map(|u| u.parent.as_ref()).collect();
        for p in &org.posts {
            assert!(org.units.iter().any(|u| u.id == p.unit), "{}", p.id);
            assert!(
                !parents.contains(&&p.unit),
                "{} is in a non-leaf unit",
                p.id
            );
        }
    }

    #[test]
    fn posts_have_one_to_three_skills_of_level_one_to_four() {
        for p in ministry().posts {
            assert!((1..=3).contains(&p.skills.0.len()), "{}", p.id);
            assert!(p.skills.0.values().all(|l| (1..=4).contains(l)));
            assert!(!p.courses.is_empty());
            assert!(p.capacity == 1 || p.grade == Grade::Staff);
        }
    }

    #[test]
    fn trade_control_and_patent_systems_are_high_impact() {
        let org = ministry();
        let high = |t: &str| org.posts.iter().find(|p| p.title == t).unwrap().impact;
        assert_eq!(high("貿易管理業務支援システム企画補佐"), Impact::High);
        assert_eq!(high("特許事務システム企画調整官"), Impact::High);
        assert_eq!(high("基盤システム運用係長"), Impact::High);
        assert_eq!(high("情報政策係員"), Impact::Normal);
    }
}
