//! A small hand-made ministry for the search tests: five units in two trees, six posts,
//! ten people whose names exercise romaji variants, as of 2026-03-31.

use jinzai::domain::date::parse_date;
use jinzai::domain::{
    Assignment, Dataset, Date, Field, Grade, Impact, Post, PostId, Skills, Staff, StaffId, Status,
    Track, Unit, UnitId,
};
use jinzai::search::{Query, SearchIndex, DEFAULT_TERM_MONTHS};

pub fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

pub fn as_of() -> Date {
    d("2026-03-31")
}

fn unit(ds: &mut Dataset, id: &str, name: &str, en: &str, parent: Option<&str>) {
    let u = Unit {
        id: UnitId::new_unchecked(id),
        name: name.into(),
        name_en: en.into(),
        parent: parent.map(UnitId::new_unchecked),
    };
    ds.units.insert(u.id.clone(), u);
}

fn post(ds: &mut Dataset, id: &str, unit: &str, title: &str, grade: Grade, field: Field) {
    let p = Post {
        id: PostId::new_unchecked(id),
        unit: UnitId::new_unchecked(unit),
        title: title.into(),
        grade,
        field,
        impact: Impact::Normal,
        skills: Skills::default(),
        courses: vec![],
        capacity: 1,
        closed: None,
    };
    ds.posts.insert(p.id.clone(), p);
}

#[allow(clippy::too_many_arguments)]
fn staff(
    ds: &mut Dataset,
    id: &str,
    name: &str,
    kana: &str,
    grade: Grade,
    status: Status,
    candidate: bool,
    born: Option<i16>,
    skills: &str,
) {
    let s = Staff {
        id: StaffId::new_unchecked(id),
        name: name.into(),
        kana: kana.into(),
        birth_year: born,
        grade,
        grade_since: None,
        track: Track::SogoDigital,
        hired_on: None,
        skills: Skills::parse(skills).unwrap(),
        candidate,
        promotable: false,
        status,
        status_until: None,
        wishes: vec![],
        notes: String::new(),
        destination: String::new(),
    };
    ds.staff.insert(s.id.clone(), s);
}

fn assign(ds: &mut Dataset, staff: &str, post: &str, start: &str, end: Option<&str>, conc: bool) {
    let a = Assignment {
        staff: StaffId::new_unchecked(staff),
        post: PostId::new_unchecked(post),
        start: d(start),
        end: end.map(d),
        concurrent: conc,
    };
    ds.assignments.insert(a.key(), a);
}

/// The fixture dataset.
pub fn dataset() -> Dataset {
    use Grade::*;
    use Status::*;
    let mut ds = Dataset::default();
    unit(
        &mut ds,
        "U01",
        "大臣官房情報システム室",
        "Minister's Secretariat IT Office",
        None,
    );
    unit(
        &mut ds,
        "U02",
        "大臣官房業務改革課",
        "Business Reform Division",
        None,
    );
    unit(&mut ds, "U10", "特許庁", "Japan Patent Office", None);
    unit(
        &mut ds,
        "U11",
        "情報技術統括室",
        "JPO IT Office",
        Some("U10"),
    );
    unit(
        &mut ds,
        "U21",
        "サイバーセキュリティ課",
        "Cybersecurity Division",
        None,
    );
    post(
        &mut ds,
        "P01",
        "U01",
        "情報セキュリティ係員",
        Staff,
        Field::Security,
    );
    post(
        &mut ds,
        "P02",
        "U01",
        "情報セキュリティ係長",
        Chief,
        Field::Security,
    );
    post(&mut ds, "P03", "U02", "PMO係員", Staff, Field::Pm);
    post(
        &mut ds,
        "P11",
        "U11",
        "特許事務システム係長",
        Chief,
        Field::Ops,
    );
    post(
        &mut ds,
        "P21",
        "U21",
        "サイバー政策係長",
        Chief,
        Field::Policy,
    );
    post(
        &mut ds,
        "P22",
        "U21",
        "サイバー政策補佐",
        Deputy,
        Field::Policy,
    );
    let s = &mut ds;
    staff(
        s,
        "E0005",
        "服部 健一",
        "ハットリ ケンイチ",
        Deputy,
        Seconded,
        false,
        None,
        "pm:3",
    );
    staff(
        s,
        "E0041",
        "佐藤 優子",
        "サトウ ユウコ",
        Staff,
        Active,
        false,
        Some(1998),
        "security:1",
    );
    staff(
        s,
        "E0300",
        "本間 純",
        "ホンマ ジュン",
        Staff,
        Active,
        false,
        Some(1999),
        "",
    );
    staff(
        s,
        "E0412",
        "田中 美咲",
        "タナカ ミサキ",
        Chief,
        Active,
        true,
        Some(1991),
        "security:3;pm:2",
    );
    staff(
        s,
        "E04120",
        "松本 真司",
        "マツモト シンジ",
        Manager,
        Active,
        false,
        Some(1975),
        "",
    );
    staff(
        s,
        "E0600",
        "髙橋 大輔",
        "タカハシ ダイスケ",
        Deputy,
        Active,
        true,
        Some(1985),
        "data:2",
    );
    staff(
        s,
        "E0777",
        "鈴木 一郎",
        "スズキ イチロウ",
        Staff,
        Leave,
        false,
        Some(1995),
        "",
    );
    staff(
        s,
        "E1093",
        "田中 健",
        "タナカ ケン",
        Chief,
        Active,
        false,
        Some(1988),
        "ops:2",
    );
    staff(
        s,
        "E2201",
        "田仲 翔太",
        "たなか しょうた",
        Chief,
        Active,
        false,
        Some(1993),
        "security:4",
    );
    assign(s, "E0041", "P01", "2025-04-01", None, false);
    assign(s, "E0300", "P03", "2024-04-01", None, false);
    assign(s, "E0300", "P21", "2025-01-01", None, true);
    assign(s, "E0412", "P03", "2021-04-01", Some("2023-03-31"), false);
    assign(s, "E0412", "P02", "2023-04-01", None, false);
    assign(s, "E0600", "P22", "2025-10-01", None, false);
    assign(s, "E1093", "P11", "2023-04-01", None, false);
    assign(s, "E2201", "P21", "2024-06-01", None, false);
    ds
}

pub fn index() -> SearchIndex {
    SearchIndex::build(&dataset(), as_of(), DEFAULT_TERM_MONTHS)
}

pub fn q(s: &str) -> Query {
    Query::parse(s).unwrap()
}

/// Staff ids of a search, in result order.
pub fn ids(ix: &SearchIndex, query: &str) -> Vec<String> {
    ix.search(&q(query), None)
        .iter()
        .map(|h| h.id.to_string())
        .collect()
}
