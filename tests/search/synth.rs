//! A synthetic government for the speed and parallelism tests: 20 bureaus × 10
//! divisions × 5 offices, 20k posts, and any number of people named from 200 surnames
//! × 200 given names with readings, deterministic (a fixed LCG).

use super::fixture::d;
use jinzai::domain::{
    Assignment, Dataset, Date, Field, Grade, Impact, Post, PostId, Skills, Staff, StaffId, Status,
    Track, Unit, UnitId,
};

const SUR_A: [(&str, &str); 20] = [
    ("田", "た"),
    ("山", "やま"),
    ("中", "なか"),
    ("小", "こ"),
    ("大", "おお"),
    ("高", "たか"),
    ("松", "まつ"),
    ("石", "いし"),
    ("川", "かわ"),
    ("佐", "さ"),
    ("鈴", "すず"),
    ("伊", "い"),
    ("渡", "わた"),
    ("加", "か"),
    ("吉", "よし"),
    ("森", "もり"),
    ("池", "いけ"),
    ("橋", "はし"),
    ("清", "きよ"),
    ("長", "なが"),
];
const SUR_B: [(&str, &str); 10] = [
    ("中", "なか"),
    ("田", "た"),
    ("村", "むら"),
    ("本", "もと"),
    ("川", "かわ"),
    ("井", "い"),
    ("野", "の"),
    ("藤", "とう"),
    ("木", "き"),
    ("島", "しま"),
];
const GIVEN_A: [(&str, &str); 20] = [
    ("美", "み"),
    ("健", "けん"),
    ("翔", "しょう"),
    ("優", "ゆう"),
    ("大", "だい"),
    ("真", "しん"),
    ("陽", "よう"),
    ("亮", "りょう"),
    ("千", "ち"),
    ("恵", "けい"),
    ("浩", "こう"),
    ("直", "なお"),
    ("智", "とも"),
    ("和", "かず"),
    ("雅", "まさ"),
    ("拓", "たく"),
    ("裕", "ゆう"),
    ("京", "きょう"),
    ("純", "じゅん"),
    ("奈", "な"),
];
const GIVEN_B: [(&str, &str); 10] = [
    ("咲", "さき"),
    ("太", "た"),
    ("子", "こ"),
    ("一", "いち"),
    ("介", "すけ"),
    ("也", "や"),
    ("美", "み"),
    ("人", "と"),
    ("郎", "ろう"),
    ("香", "か"),
];
const BUREAUS: [&str; 20] = [
    "大臣官房",
    "経済産業政策局",
    "通商政策局",
    "貿易経済安全保障局",
    "産業技術環境局",
    "製造産業局",
    "商務情報政策局",
    "商務サービスグループ",
    "資源エネルギー庁",
    "特許庁",
    "中小企業庁",
    "地域経済産業グループ",
    "産業保安グループ",
    "通商交渉局",
    "統計局",
    "研修所",
    "北海道局",
    "東北局",
    "関東局",
    "九州局",
];
const FIELDS: [(Field, &str); 6] = [
    (Field::Security, "情報セキュリティ"),
    (Field::Pm, "PMO"),
    (Field::Ops, "基盤運用"),
    (Field::Policy, "サイバー政策"),
    (Field::Dx, "業務改革"),
    (Field::Data, "データ活用"),
];

/// A tiny deterministic generator (no seed files, no dependency).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn months_before(as_of: Date, months: i64) -> Date {
    let m = as_of.year() as i64 * 12 + as_of.month() as i64 - 1 - months;
    d(&format!("{:04}-{:02}-01", m / 12, m % 12 + 1))
}

/// The synthetic dataset: `n` people.
pub fn synthetic(n: usize, as_of: Date) -> Dataset {
    let mut ds = Dataset::default();
    let mut rng = Lcg(42);
    let mut offices = Vec::new();
    for (b, bname) in BUREAUS.iter().enumerate() {
        let bid = UnitId::new_unchecked(format!("B{b:02}"));
        let unit = |id: &UnitId, name: String, parent: Option<&UnitId>| Unit {
            id: id.clone(),
            name,
            name_en: String::new(),
            parent: parent.cloned(),
        };
        ds.units
            .insert(bid.clone(), unit(&bid, bname.to_string(), None));
        for k in 0..10 {
            let did = UnitId::new_unchecked(format!("B{b:02}D{k}"));
            ds.units.insert(
                did.clone(),
                unit(&did, format!("第{}課", k + 1), Some(&bid)),
            );
            for o in 0..5 {
                let oid = UnitId::new_unchecked(format!("B{b:02}D{k}O{o}"));
                ds.units.insert(
                    oid.clone(),
                    unit(&oid, format!("第{}室", o + 1), Some(&did)),
                );
                offices.push(oid);
            }
        }
    }
    for p in 0..20_000 {
        let (field, word) = FIELDS[rng.next(6) as usize];
        let grade = Grade::ALL[rng.next(4) as usize];
        let post = Post {
            id: PostId::new_unchecked(format!("P{p:05}")),
            unit: offices[p % offices.len()].clone(),
            title: format!("{word}{}", grade.ja()),
            grade,
            field,
            impact: Impact::Normal,
            skills: Skills::default(),
            courses: vec![],
            capacity: 1,
            closed: None,
        };
        ds.posts.insert(post.id.clone(), post);
    }
    let skills = ["security", "pm", "ops", "policy", "dx", "data"];
    for i in 0..n {
        let (sa, sb) = (SUR_A[rng.next(20) as usize], SUR_B[rng.next(10) as usize]);
        let (ga, gb) = (
            GIVEN_A[rng.next(20) as usize],
            GIVEN_B[rng.next(10) as usize],
        );
        let kana: String = format!("{}{} {}{}", sa.1, sb.1, ga.1, gb.1)
            .chars()
            .map(jinzai::search::kana::to_katakana)
            .collect();
        let status = match rng.next(100) {
            0..=89 => Status::Active,
            90..=96 => Status::Seconded,
            _ => Status::Leave,
        };
        let mut sk = std::collections::BTreeMap::new();
        for _ in 0..rng.next(4) {
            sk.insert(
                skills[rng.next(6) as usize].to_string(),
                1 + rng.next(4) as u8,
            );
        }
        let s = Staff {
            id: StaffId::new_unchecked(format!("E{i:05}")),
            name: format!("{}{} {}{}", sa.0, sb.0, ga.0, gb.0),
            kana,
            birth_year: Some(1960 + rng.next(44) as i16),
            grade: Grade::ALL[rng.next(4) as usize],
            grade_since: None,
            track: Track::SogoDigital,
            hired_on: None,
            skills: Skills(sk),
            candidate: rng.next(100) < 15,
            promotable: false,
            status,
            status_until: None,
            wishes: vec![],
            notes: String::new(),
            destination: String::new(),
        };
        if status == Status::Active {
            let start = months_before(as_of, rng.next(60) as i64);
            let mut add = |post: u64, start: Date, end: Option<Date>| {
                let a = Assignment {
                    staff: s.id.clone(),
                    post: PostId::new_unchecked(format!("P{post:05}")),
                    start,
                    end,
                    concurrent: false,
                };
                ds.assignments.insert(a.key(), a);
            };
            add(rng.next(20_000), start, None);
            if rng.next(2) == 0 {
                let before = start.yesterday().unwrap_or(start);
                add(rng.next(20_000), months_before(start, 36), Some(before));
            }
        }
        ds.staff.insert(s.id.clone(), s);
    }
    ds
}
