//! Finishing touches once history is known: skills grown from the posts held and the
//! hiring track, the candidate and promotable flags, wishes for the next rotation, and
//! short notes (secondments, leave, former employer, qualifications).

use super::history::Held;
use super::people::{AwayKind, Person};
use super::{chance, ja_month, weighted, Rng, TODAY};
use crate::domain::date::months_between;
use crate::domain::{Field, Grade, Post, PostId, Status, Track, UnitId, Wish};
use rand::Rng as _;
use std::collections::BTreeMap;

const FORMER_JOBS: &[&str] = &[
    "SIerにてプロジェクトマネージャー",
    "通信事業者にてネットワーク設計",
    "セキュリティベンダーにてSOCアナリスト",
    "コンサルティングファームにてDX支援",
    "クラウド事業者にてソリューションアーキテクト",
    "金融機関にてシステム企画",
    "ITベンチャーにてデータサイエンティスト",
];

const QUALIFICATIONS: &[&str] = &[
    "基本情報技術者試験合格",
    "応用情報技術者試験合格",
    "情報処理安全確保支援士（登録セキスペ）",
    "ネットワークスペシャリスト試験合格",
    "プロジェクトマネージャ試験合格",
    "PMP保有",
    "AWS認定ソリューションアーキテクト",
    "統計検定2級",
    "G検定合格",
    "データベーススペシャリスト試験合格",
];

const REMARKS: &[&str] = &[
    "次回異動では地方局での勤務経験を希望",
    "本人はセキュリティ分野でのキャリア形成を希望",
    "英語での対外調整に対応可",
    "短時間勤務中（2027年3月まで）",
    "省内若手勉強会の講師を担当",
    "大規模システム刷新の経験を活かしたい意向",
    "データ分析の業務経験を積みたいとの希望あり",
    "管理職登用に向けて課長補佐級ポストでの経験を積ませたい",
];

/// Fills skills, flags, wishes and notes of every person.
pub(crate) fn finish(people: &mut [Person], held: &[Held], posts: &[Post], rng: &mut Rng) {
    let mut by_person: Vec<Vec<&Held>> = vec![Vec::new(); people.len()];
    for h in held {
        by_person[h.person].push(h);
    }
    let units: Vec<UnitId> = {
        let mut u: Vec<UnitId> = posts.iter().map(|p| p.unit.clone()).collect();
        u.sort();
        u.dedup();
        u
    };
    for (p, mine) in people.iter_mut().zip(&by_person) {
        skills(p, mine, posts, rng);
        flags(p, mine, rng);
        wishes(p, mine, posts, &units, rng);
        notes(p, rng);
    }
}

fn random_field(rng: &mut Rng) -> Field {
    Field::ALL[rng.gen_range(0..Field::ALL.len())]
}

fn skills(p: &mut Person, mine: &[&Held], posts: &[Post], rng: &mut Rng) {
    let mut months: BTreeMap<&'static str, i32> = BTreeMap::new();
    let mut out: BTreeMap<&str, u8> = BTreeMap::new();
    for h in mine.iter().filter(|h| !h.concurrent) {
        let post = &posts[h.post];
        let m = months_between(h.start, h.end.unwrap_or(TODAY).min(TODAY));
        *months.entry(post.field.code()).or_default() += m;
        for (name, level) in &post.skills.0 {
            if !Field::ALL.iter().any(|f| f.code() == name) {
                let l = (*level).min(1 + (m / 24) as u8);
                let e = out.entry(name.as_str()).or_default();
                *e = (*e).max(l);
            }
        }
    }
    for (field, m) in months {
        if m >= 3 {
            out.insert(field, (1 + m / 30).min(4) as u8);
        }
    }
    let mut raise = |name: &'static str, level: u8| {
        let e = out.entry(name).or_default();
        *e = (*e).max(level);
    };
    match p.staff.track {
        Track::MidCareer => {
            raise(random_field(rng).code(), 3);
            if chance(rng, 0.5) {
                raise(
                    ["cloud", "pm", "network", "procurement"][rng.gen_range(0..4)],
                    2,
                );
            }
        }
        Track::External => {
            raise(random_field(rng).code(), 4);
            raise(random_field(rng).code(), 3);
        }
        _ if mine.is_empty() && chance(rng, 0.6) => {
            let level = if p.staff.grade >= Grade::Deputy { 2 } else { 1 };
            raise(random_field(rng).code(), level)
        }
        _ => {}
    }
    if chance(rng, 0.08) {
        raise("english", [2, 3][rng.gen_range(0..2)]);
    }
    p.staff.skills.0 = out
        .into_iter()
        .filter(|(_, l)| *l > 0)
        .map(|(k, l)| (k.to_string(), l))
        .collect();
}

fn flags(p: &mut Person, mine: &[&Held], rng: &mut Rng) {
    let s = &mut p.staff;
    let age = s.age_in(TODAY.year()).unwrap_or(40);
    let base: f64 = match age {
        ..=34 => 0.6,
        35..=45 => 0.35,
        _ => 0.15,
    };
    let boost = if mine.len() >= 2 { 0.2 } else { 0.0 };
    s.candidate = s.track != Track::External && chance(rng, base + boost);
    let years = s.grade_since.map_or(0, |g| months_between(g, TODAY) / 12);
    let ready = match s.grade {
        Grade::Staff => years >= 3,
        Grade::Chief => years >= 4,
        Grade::Deputy => years >= 6,
        Grade::Manager => false,
    };
    s.promotable = ready && s.status == Status::Active && chance(rng, 0.45);
}

fn wishes(p: &mut Person, mine: &[&Held], posts: &[Post], units: &[UnitId], rng: &mut Rng) {
    if p.staff.status != Status::Active || posts.is_empty() || !chance(rng, 0.45) {
        return;
    }
    let seen: Vec<Field> = mine.iter().map(|h| posts[h.post].field).collect();
    let grade = p.staff.grade;
    let mut out: Vec<Wish> = Vec::new();
    for _ in 0..[1, 2, 3][weighted(rng, &[5, 3, 2])] {
        let w = match weighted(rng, &[40, 35, 25]) {
            0 => {
                // Young people tend to ask for a field they have not seen yet.
                let fresh: Vec<Field> = Field::ALL
                    .iter()
                    .copied()
                    .filter(|f| !seen.contains(f))
                    .collect();
                if grade.is_junior() && !fresh.is_empty() && chance(rng, 0.7) {
                    Wish::Field(fresh[rng.gen_range(0..fresh.len())])
                } else {
                    Wish::Field(random_field(rng))
                }
            }
            1 => Wish::Unit(units[rng.gen_range(0..units.len())].clone()),
            _ => match wished_post(posts, grade, rng) {
                Some(id) => Wish::Post(id),
                None => continue,
            },
        };
        if !out.contains(&w) {
            out.push(w);
        }
    }
    p.staff.wishes = out;
}

/// A post at the person's grade or the next one up.
fn wished_post(posts: &[Post], grade: Grade, rng: &mut Rng) -> Option<PostId> {
    for _ in 0..12 {
        let p = &posts[rng.gen_range(0..posts.len())];
        if p.grade == grade || Some(p.grade) == grade.next() {
            return Some(p.id.clone());
        }
    }
    None
}

fn notes(p: &mut Person, rng: &mut Rng) {
    let mut parts: Vec<String> = Vec::new();
    for a in &p.away {
        let current = a.from <= TODAY && !matches!(a.to, Some(t) if t < TODAY);
        let back = match a.to {
            Some(t) => format!("{}末復帰予定", ja_month(t)),
            None => "復帰時期未定".to_string(),
        };
        match (a.kind, current) {
            (AwayKind::Secondment(dest), true) => {
                parts.push(format!("{dest}へ出向中（{}〜、{back}）", ja_month(a.from)))
            }
            (AwayKind::Leave(kind), true) => {
                parts.push(format!("{kind}中（{}〜、{back}）", ja_month(a.from)))
            }
            (AwayKind::Secondment(dest), false) => {
                let to = a.to.map(ja_month).unwrap_or_default();
                parts.push(format!("{}〜{to} {dest}へ出向", ja_month(a.from)))
            }
            (AwayKind::Leave(kind), false) => {
                parts.push(format!("{}に{kind}を取得", ja_month(a.from)))
            }
        }
    }
    let hired = p.hired_on();
    match p.staff.track {
        Track::External => {
            let job = FORMER_JOBS[rng.gen_range(0..FORMER_JOBS.len())];
            parts.push(format!(
                "任期付採用（{}年3月まで）",
                (hired.year() + 4).max(TODAY.year() + 1)
            ));
            parts.push(format!("前職: {job}"));
        }
        Track::MidCareer if chance(rng, 0.7) => {
            let job = FORMER_JOBS[rng.gen_range(0..FORMER_JOBS.len())];
            parts.push(format!("前職: {job}（{}年）", rng.gen_range(4..=15)));
        }
        _ => {}
    }
    if chance(rng, 0.22) {
        parts.push(QUALIFICATIONS[rng.gen_range(0..QUALIFICATIONS.len())].to_string());
    }
    if p.staff.status == Status::Active && chance(rng, 0.1) {
        parts.push(REMARKS[rng.gen_range(0..REMARKS.len())].to_string());
    }
    p.staff.notes = parts.iter().map(|s| format!("{s}。")).collect();
}
