//! Each scoring term on its own, each hard rule, and the planner on tiny worlds
//! (pins, excludes, closed posts, stays and overstay).

use super::*;
use crate::domain::date::parse_date;
use crate::domain::{
    Assignment, Course, CourseId, Enrollment, EnrollmentStatus, Impact, PostId, Provider, Skills,
    StaffId, Track, Unit, Wish,
};
use crate::plan::planner::{run, Settings};
use crate::plan::scope::scope;

fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

const AS_OF: &str = "2027-04-01";

fn w() -> Weights {
    Config::default().weights
}

fn person(id: &str, grade: Grade) -> Staff {
    Staff {
        id: StaffId::new_unchecked(id),
        name: format!("名前 {id}"),
        kana: "ナマエ".into(),
        birth_year: Some(1995),
        grade,
        grade_since: None,
        track: Track::SogoDigital,
        hired_on: None,
        skills: Skills::default(),
        candidate: false,
        promotable: false,
        status: Status::Active,
        status_until: None,
        destination: String::new(),
        wishes: vec![],
        notes: String::new(),
    }
}

fn post(id: &str, unit: &str, grade: Grade, field: Field) -> Post {
    Post {
        id: PostId::new_unchecked(id),
        unit: UnitId::new_unchecked(unit),
        title: format!("ポスト {id}"),
        grade,
        field,
        impact: Impact::Normal,
        skills: Skills::default(),
        courses: vec![],
        capacity: 1,
        closed: None,
    }
}

fn unit(id: &str, name: &str, parent: Option<&str>) -> Unit {
    Unit {
        id: UnitId::new_unchecked(id),
        name: name.into(),
        name_en: String::new(),
        parent: parent.map(UnitId::new_unchecked),
    }
}

fn hold(ds: &mut Dataset, staff: &str, post: &str, start: &str, end: Option<&str>) {
    let a = Assignment {
        staff: StaffId::new_unchecked(staff),
        post: PostId::new_unchecked(post),
        start: d(start),
        end: end.map(d),
        concurrent: false,
    };
    ds.assignments.insert(a.key(), a);
}

/// A ministry (経済産業省) with two bureaus, each with a division.
fn world() -> Dataset {
    let mut ds = Dataset::default();
    for u in [
        unit("M", "経済産業省", None),
        unit("B1", "大臣官房", Some("M")),
        unit("D1", "情報システム室", Some("B1")),
        unit("B2", "商務情報政策局", Some("M")),
        unit("D2", "サイバーセキュリティ課", Some("B2")),
        unit("D3", "情報政策課", Some("B2")),
    ] {
        ds.units.insert(u.id.clone(), u);
    }
    let c = Course {
        id: CourseId::new_unchecked("C-SEC"),
        name: "セキュリティ研修".into(),
        provider: Provider::Nco,
        field: Field::Security,
        grades: vec![],
        days: 5,
    };
    ds.courses.insert(c.id.clone(), c);
    ds
}

fn add_staff(ds: &mut Dataset, s: Staff) {
    ds.staff.insert(s.id.clone(), s);
}

fn add_post(ds: &mut Dataset, p: Post) {
    ds.posts.insert(p.id.clone(), p);
}

fn texts(ds: &Dataset, p: &Option<Part>) -> String {
    p.as_ref().map(|p| p.why.text(ds)).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Hard rules

#[test]
fn grade_must_match_or_be_one_below_and_promotable() {
    let as_of = d(AS_OF);
    let p = post("P1", "D1", Grade::Chief, Field::Ops);
    let same = person("E1", Grade::Chief);
    assert_eq!(hard_rule(&same, &p, as_of), Ok(()));
    let mut below = person("E2", Grade::Staff);
    let e = hard_rule(&below, &p, as_of).unwrap_err();
    assert_eq!(e.code(), "grade");
    assert_eq!(
        e.text(),
        "grade 係員 for a 係長 post and is not marked ready for promotion"
    );
    below.promotable = true;
    assert_eq!(hard_rule(&below, &p, as_of), Ok(()));
    // Two grades below, even promotable: no.
    let mut far = person("E3", Grade::Staff);
    far.promotable = true;
    let dp = post("P2", "D1", Grade::Deputy, Field::Ops);
    assert_eq!(hard_rule(&far, &dp, as_of).unwrap_err().code(), "grade");
    // Above the post's grade: no.
    let above = person("E4", Grade::Manager);
    assert_eq!(
        hard_rule(&above, &dp, as_of).unwrap_err().text(),
        "grade 管理職 for a 課長補佐 post"
    );
}

#[test]
fn leave_and_secondment_past_the_date_are_impossible() {
    let as_of = d(AS_OF);
    let p = post("P1", "D1", Grade::Staff, Field::Ops);
    let mut s = person("E1", Grade::Staff);
    s.status = Status::Leave;
    assert_eq!(hard_rule(&s, &p, as_of).unwrap_err().code(), "away");
    s.status = Status::Seconded;
    s.destination = "デジタル庁".into();
    s.status_until = Some(d("2027-04-01"));
    assert_eq!(
        hard_rule(&s, &p, as_of).unwrap_err().text(),
        "seconded (出向) to デジタル庁 until 2027-04-01"
    );
    // Back the day before the date: available.
    s.status_until = Some(d("2027-03-31"));
    assert_eq!(hard_rule(&s, &p, as_of), Ok(()));
}

#[test]
fn closed_posts_are_never_in_the_plan() {
    let mut ds = world();
    let mut p = post("P1", "D1", Grade::Staff, Field::Ops);
    p.closed = Some(d("2027-06-01"));
    let s = person("E1", Grade::Staff);
    assert_eq!(hard_rule(&s, &p, d(AS_OF)).unwrap_err().code(), "closed");
    add_post(&mut ds, p);
    add_post(&mut ds, post("P2", "D1", Grade::Staff, Field::Ops));
    add_staff(&mut ds, s);
    let sc = scope(&ds, d(AS_OF), 24, &[], &[]);
    let ids: Vec<&str> = sc.posts.iter().map(|o| o.post.id.as_str()).collect();
    assert_eq!(ids, vec!["P2"]);
}

#[test]
fn a_pin_forces_the_pair_and_an_exclude_removes_person_or_post() {
    let mut ds = world();
    add_post(&mut ds, post("P1", "D1", Grade::Staff, Field::Ops));
    add_post(&mut ds, post("P2", "D2", Grade::Staff, Field::Security));
    let mut a = person("E1", Grade::Staff);
    a.wishes = vec![Wish::Post(PostId::new_unchecked("P1"))];
    add_staff(&mut ds, a);
    add_staff(&mut ds, person("E2", Grade::Staff));
    // Unpinned, E1 takes the post they wished for.
    let plan = run(&ds, &Settings::new(d(AS_OF)));
    let got: Vec<(&str, &str)> = (plan.proposals.iter())
        .map(|p| (p.staff.as_str(), p.post.as_str()))
        .collect();
    assert_eq!(got, vec![("E1", "P1"), ("E2", "P2")]);
    // Pinned elsewhere, E1 goes there, and the pair is outside the problem.
    let mut st = Settings::new(d(AS_OF));
    st.pins = vec![(StaffId::new_unchecked("E1"), PostId::new_unchecked("P2"))];
    let plan = run(&ds, &st);
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    let got: Vec<(&str, &str, bool)> = (plan.proposals.iter())
        .map(|p| (p.staff.as_str(), p.post.as_str(), p.pinned))
        .collect();
    assert_eq!(got, vec![("E2", "P1", false), ("E1", "P2", true)]);
    assert_eq!(plan.dump.staff, vec![StaffId::new_unchecked("E2")]);
    assert_eq!(plan.dump.slots, vec![PostId::new_unchecked("P1")]);
    // Excluding a person leaves them out; excluding a post leaves it as it is.
    let mut st = Settings::new(d(AS_OF));
    st.excludes = vec!["E1".into(), "P2".into()];
    let plan = run(&ds, &st);
    let got: Vec<(&str, &str)> = (plan.proposals.iter())
        .map(|p| (p.staff.as_str(), p.post.as_str()))
        .collect();
    assert_eq!(got, vec![("E2", "P1")]);
    assert_eq!(plan.outside.len(), 1);
    assert_eq!(plan.outside[0].reason, "excluded (--exclude)");
}

#[test]
fn impossible_pins_and_unknown_ids_are_errors() {
    let mut ds = world();
    add_post(&mut ds, post("P1", "D1", Grade::Deputy, Field::Ops));
    add_staff(&mut ds, person("E1", Grade::Staff));
    let mut st = Settings::new(d(AS_OF));
    st.pins = vec![
        (StaffId::new_unchecked("E1"), PostId::new_unchecked("P1")),
        (StaffId::new_unchecked("E9"), PostId::new_unchecked("P1")),
    ];
    st.excludes = vec!["X1".into()];
    let plan = run(&ds, &st);
    assert_eq!(
        plan.errors,
        vec![
            "--exclude X1: no person or post with that id",
            "--pin E1=P1: impossible: grade 係員 for a 課長補佐 post",
            "--pin E9=P1: no person with id E9",
        ]
    );
}

#[test]
fn a_pin_into_a_post_held_by_someone_not_due_is_refused() {
    let mut ds = world();
    add_post(&mut ds, post("P1", "D1", Grade::Staff, Field::Ops));
    add_staff(&mut ds, person("E1", Grade::Staff));
    add_staff(&mut ds, person("E2", Grade::Staff));
    hold(&mut ds, "E2", "P1", "2026-04-01", None);
    let mut st = Settings::new(d(AS_OF));
    st.pins = vec![(StaffId::new_unchecked("E1"), PostId::new_unchecked("P1"))];
    let plan = run(&ds, &st);
    assert_eq!(plan.errors.len(), 1);
    assert!(
        plan.errors[0].starts_with("--pin E1=P1: P1 has 0 seats open in the plan for 1 pin"),
        "{}",
        plan.errors[0]
    );
}

// ---------------------------------------------------------------------------
// Terms, one by one

#[test]
fn fill_counts_every_seat() {
    let p = fill(&w()).unwrap();
    assert_eq!((p.term, p.points), (Term::Fill, 30));
}

#[test]
fn skills_reward_each_met_level_and_penalise_each_level_short() {
    let mut ds = world();
    let mut s = person("E1", Grade::Staff);
    s.skills = Skills::parse("security:3;pm:1").unwrap();
    add_staff(&mut ds, s);
    add_post(&mut ds, post("P0", "D1", Grade::Staff, Field::Security));
    let mut p = post("P1", "D1", Grade::Staff, Field::Security);
    p.skills = Skills::parse("security:3;pm:3").unwrap();
    add_post(&mut ds, p);
    let org = Org::new(&ds);
    let s = &ds.staff[&StaffId::new_unchecked("E1")];
    let f = Facts::new(&ds, &org, s, None, d(AS_OF), 24);
    let site = |id: &str| Site::new(&org, &ds.posts[&PostId::new_unchecked(id)], &[], d(AS_OF));
    assert_eq!(
        skills(&w(), &f, &site("P0")),
        None,
        "no skills asked: no term"
    );
    let got = skills(&w(), &f, &site("P1"));
    // security met +4, pm two levels short −12.
    assert_eq!(got.as_ref().map(|p| p.points), Some(4 - 12));
    assert_eq!(texts(&ds, &got), "meets security 3; below in pm 1 of 3");
}

#[test]
fn a_course_scores_completed_most_enrolled_less_and_missing_is_a_penalty() {
    let ds = world();
    let c = CourseId::new_unchecked("C-SEC");
    let pts = |st| course(&w(), &c, st).map(|p| p.points);
    assert_eq!(pts(Standing::Completed), Some(20));
    assert_eq!(pts(Standing::Enrolled), Some(10));
    assert_eq!(pts(Standing::Missing), Some(-15));
    assert_eq!(pts(Standing::PlannedOnly), Some(-15));
    assert_eq!(pts(Standing::Failed), Some(-15));
    assert_eq!(
        texts(&ds, &course(&w(), &c, Standing::Completed)),
        "completed the post's course C-SEC セキュリティ研修"
    );
}

#[test]
fn standings_come_from_the_enrollments() {
    let mut ds = world();
    add_staff(&mut ds, person("E1", Grade::Staff));
    let e = Enrollment {
        staff: StaffId::new_unchecked("E1"),
        course: CourseId::new_unchecked("C-SEC"),
        session: None,
        status: EnrollmentStatus::Completed,
        date: Some(d("2025-06-06")),
    };
    ds.enrollments.insert(e.key(), e);
    let org = Org::new(&ds);
    let s = &ds.staff[&StaffId::new_unchecked("E1")];
    let f = Facts::new(&ds, &org, s, None, d(AS_OF), 24);
    assert_eq!(
        f.standing(&CourseId::new_unchecked("C-SEC")),
        Standing::Completed
    );
    assert_eq!(
        f.standing(&CourseId::new_unchecked("C-OTHER")),
        Standing::Missing
    );
}

#[test]
fn breadth_favours_a_new_bureau_then_a_new_unit_and_a_new_field_for_juniors() {
    let mut ds = world();
    add_post(&mut ds, post("P1", "D2", Grade::Staff, Field::Security));
    add_post(&mut ds, post("P2", "D3", Grade::Staff, Field::Policy));
    add_post(&mut ds, post("P3", "D1", Grade::Staff, Field::Security));
    add_staff(&mut ds, person("E1", Grade::Staff));
    hold(&mut ds, "E1", "P1", "2024-04-01", None);
    let org = Org::new(&ds);
    assert_eq!(org.bureau(&UnitId::new_unchecked("D2")).as_str(), "B2");
    let s = &ds.staff[&StaffId::new_unchecked("E1")];
    let cur = ds.assignments.values().next();
    let f = Facts::new(&ds, &org, s, cur, d(AS_OF), 24);
    let site = |id: &str| Site::new(&org, &ds.posts[&PostId::new_unchecked(id)], &[], d(AS_OF));
    // P2: same bureau, new unit and new field.
    let p2 = site("P2");
    let b = breadth(&w(), &f, &p2, Kind::Move);
    assert_eq!(b.as_ref().map(|p| p.points), Some(5 + 6));
    assert_eq!(
        texts(&ds, &b),
        "new unit (情報政策課) and new field (情報政策) for a 係員"
    );
    // P3: a new bureau, a field already served in.
    let p3 = site("P3");
    let b = breadth(&w(), &f, &p3, Kind::Move);
    assert_eq!(b.as_ref().map(|p| p.points), Some(10));
    assert_eq!(texts(&ds, &b), "new bureau (大臣官房) for a 係員");
    // Staying, or a 課長補佐: no breadth.
    assert_eq!(breadth(&w(), &f, &site("P1"), Kind::Stay), None);
    let mut senior = f.clone();
    let deputy = person("E2", Grade::Deputy);
    senior.staff = &deputy;
    assert_eq!(breadth(&w(), &senior, &p3, Kind::Move), None);
}

#[test]
fn candidates_score_toward_kacho_hosa_level_posts() {
    let ds = world();
    let mut s = person("E1", Grade::Chief);
    let deputy = post("P1", "D1", Grade::Deputy, Field::Pm);
    let chief = post("P2", "D1", Grade::Chief, Field::Pm);
    assert_eq!(
        candidate(&w(), &s, &deputy, Kind::Move),
        None,
        "not a candidate"
    );
    s.candidate = true;
    let c = candidate(&w(), &s, &deputy, Kind::Move);
    assert_eq!(c.as_ref().map(|p| p.points), Some(15));
    assert_eq!(
        texts(&ds, &c),
        "candidate (政府デジタル人材候補) into a 課長補佐-level post"
    );
    assert_eq!(candidate(&w(), &s, &chief, Kind::Move), None, "same grade");
    assert_eq!(candidate(&w(), &s, &deputy, Kind::Stay), None);
    let mut junior = person("E2", Grade::Staff);
    junior.candidate = true;
    let c = candidate(&w(), &junior, &chief, Kind::Move);
    assert_eq!(c.as_ref().map(|p| p.points), Some(8));
    assert_eq!(
        texts(&ds, &c),
        "candidate (政府デジタル人材候補) a step toward 課長補佐 (係員 → 係長)"
    );
}

#[test]
fn high_impact_posts_prefer_experience_in_their_field() {
    let ds = world();
    let mut p = post("P1", "D2", Grade::Chief, Field::Security);
    assert_eq!(high_impact(&w(), &p, 0, 0), None, "normal impact");
    p.impact = Impact::High;
    let h = high_impact(&w(), &p, 36, 0);
    assert_eq!(h.as_ref().map(|p| p.points), Some(10));
    assert_eq!(
        texts(&ds, &h),
        "high-impact post: 3y 0m in セキュリティ posts before"
    );
    let h = high_impact(&w(), &p, 0, 3);
    assert_eq!(h.as_ref().map(|p| p.points), Some(10));
    assert_eq!(texts(&ds, &h), "high-impact post: security skill level 3");
    let h = high_impact(&w(), &p, 0, 2);
    assert_eq!(h.as_ref().map(|p| p.points), Some(-10));
    assert_eq!(
        texts(&ds, &h),
        "high-impact post: no セキュリティ experience"
    );
}

#[test]
fn generation_favours_an_age_band_the_unit_lacks() {
    let mut ds = world();
    add_post(&mut ds, post("P1", "D1", Grade::Staff, Field::Ops));
    let org = Org::new(&ds);
    let p = &ds.posts[&PostId::new_unchecked("P1")];
    let as_of = d(AS_OF);
    let mut old = person("E8", Grade::Deputy);
    old.birth_year = Some(1975); // 52 in 2027
    let mut mid = person("E9", Grade::Chief);
    mid.birth_year = Some(1990); // 37
    let site = Site::new(&org, p, &[&old, &mid], as_of);
    let young = Band::of(&person("E1", Grade::Staff), as_of); // 1995: 32 → 30s
    assert_eq!(young, Some(Band::Thirties));
    assert_eq!(generation(&w(), young, &site), None, "30s present");
    let g = generation(&w(), Some(Band::Twenties), &site);
    assert_eq!(g.as_ref().map(|p| p.points), Some(8));
    assert_eq!(
        texts(&ds, &g),
        "情報システム室 has no one in their 20s among those who stay"
    );
    // Nobody stays in the unit: no basis to favour anyone.
    let empty = Site::new(&org, p, &[], as_of);
    assert_eq!(generation(&w(), Some(Band::Twenties), &empty), None);
    assert_eq!(generation(&w(), None, &site), None, "unknown birth year");
    assert_eq!(Band::of_age(29), Band::Twenties);
    assert_eq!(Band::of_age(50), Band::FiftiesPlus);
}

#[test]
fn wishes_count_for_the_post_its_units_and_its_field() {
    let mut ds = world();
    add_post(&mut ds, post("P1", "D2", Grade::Staff, Field::Security));
    add_staff(&mut ds, person("E0", Grade::Staff));
    let mut s = person("E1", Grade::Staff);
    s.wishes = vec![
        Wish::Post(PostId::new_unchecked("P1")),
        Wish::Unit(UnitId::new_unchecked("B2")),
        Wish::Field(Field::Security),
        Wish::Field(Field::Ops),
    ];
    add_staff(&mut ds, s);
    let org = Org::new(&ds);
    let p = &ds.posts[&PostId::new_unchecked("P1")];
    let site = Site::new(&org, p, &[], d(AS_OF));
    let facts = |id: &str| {
        let s = &ds.staff[&StaffId::new_unchecked(id)];
        Facts::new(&ds, &org, s, None, d(AS_OF), 24)
    };
    assert_eq!(wishes(&w(), &facts("E0"), &site), None);
    let got = wishes(&w(), &facts("E1"), &site);
    assert_eq!(got.as_ref().map(|p| p.points), Some(20 + 10 + 6));
    assert_eq!(
        texts(&ds, &got),
        "wished for P1 ポスト P1, unit 商務情報政策局, field セキュリティ"
    );
}

#[test]
fn stability_rewards_due_holders_moving_and_holders_not_due_staying() {
    let ds = world();
    let s = stability(&w(), Kind::Move, Some(36), true);
    assert_eq!(s.as_ref().map(|p| p.points), Some(15));
    assert_eq!(texts(&ds, &s), "3y 0m in post (due)");
    let s = stability(&w(), Kind::Stay, Some(14), false);
    assert_eq!(s.as_ref().map(|p| p.points), Some(15));
    assert_eq!(stability(&w(), Kind::Stay, Some(36), true), None);
    assert_eq!(stability(&w(), Kind::Move, Some(14), false), None);
    assert_eq!(stability(&w(), Kind::Move, None, false), None, "no post");
}

#[test]
fn overstay_penalises_a_due_holder_staying_well_past_the_term() {
    let ds = world();
    assert_eq!(overstay(&w(), Kind::Stay, Some(35), 24, 12), None);
    let o = overstay(&w(), Kind::Stay, Some(36), 24, 12);
    assert_eq!(o.as_ref().map(|p| p.points), Some(-25));
    assert_eq!(
        texts(&ds, &o),
        "staying 3y 0m in post, 12 months past the term"
    );
    assert_eq!(overstay(&w(), Kind::Move, Some(60), 24, 12), None);
}

#[test]
fn explain_sums_to_total_and_renders_points() {
    let mut ds = world();
    let mut p = post("P1", "D2", Grade::Chief, Field::Security);
    p.courses = vec![CourseId::new_unchecked("C-SEC")];
    add_post(&mut ds, p);
    let mut s = person("E1", Grade::Chief);
    s.wishes = vec![Wish::Field(Field::Security)];
    add_staff(&mut ds, s);
    let org = Org::new(&ds);
    let cfg = Config::default();
    let s = &ds.staff[&StaffId::new_unchecked("E1")];
    let f = Facts::new(&ds, &org, s, None, d(AS_OF), 24);
    let site = Site::new(&org, &ds.posts[&PostId::new_unchecked("P1")], &[], d(AS_OF));
    let lines = explain(&ds, &cfg, &f, &site);
    let sum: i64 = lines.iter().map(|l| l.points).sum();
    assert_eq!(sum, total(&cfg, &f, &site));
    let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        got,
        vec![
            "fills a seat +30",
            "has not taken the post's course C-SEC セキュリティ研修 \u{2212}15",
            "new bureau (商務情報政策局) and new field (セキュリティ) for a 係長 +16",
            "wished for field セキュリティ +6",
        ]
    );
    assert_eq!(
        lacks(&f, &ds.posts[&PostId::new_unchecked("P1")]),
        vec!["course C-SEC (not taken)"]
    );
}

// ---------------------------------------------------------------------------
// Stays, leaving and overstay in a plan

#[test]
fn a_holder_who_is_not_due_stays_outside_the_plan() {
    let mut ds = world();
    add_post(&mut ds, post("P1", "D1", Grade::Staff, Field::Ops));
    add_staff(&mut ds, person("E1", Grade::Staff));
    add_staff(&mut ds, person("E2", Grade::Staff));
    hold(&mut ds, "E1", "P1", "2026-04-01", None);
    let plan = run(&ds, &Settings::new(d(AS_OF)));
    assert!(plan.proposals.is_empty());
    assert_eq!(plan.stays.len(), 1);
    assert!(!plan.stays[0].in_plan);
    assert_eq!(
        plan.stays[0].reason,
        "not due (1y 0m in post; the term is 24 months)"
    );
    assert_eq!(plan.unplaced.len(), 1);
    assert_eq!(plan.unplaced[0].code, "no-feasible-post");
    assert_eq!(
        plan.unplaced[0].reason,
        "no feasible post: grade 係員: no open 係員 post in the plan"
    );
}

#[test]
fn a_due_holder_may_stay_and_is_penalised_when_well_past_due() {
    let mut ds = world();
    add_post(&mut ds, post("P1", "D1", Grade::Staff, Field::Ops));
    add_staff(&mut ds, person("E1", Grade::Staff));
    hold(&mut ds, "E1", "P1", "2023-04-01", None);
    // Alone: staying (fill +30, overstay −25 at 4 years) beats leaving.
    let plan = run(&ds, &Settings::new(d(AS_OF)));
    assert_eq!(plan.stays.len(), 1);
    assert!(plan.stays[0].in_plan);
    assert_eq!(plan.stays[0].score, Some(5));
    let terms: Vec<&str> = plan.stays[0].terms.iter().map(|l| l.term).collect();
    assert_eq!(terms, vec!["fill", "overstay"]);
    assert_eq!(plan.objective, 5);
    // With a newcomer, the newcomer takes the post and the holder leaves.
    add_staff(&mut ds, person("E2", Grade::Staff));
    let plan = run(&ds, &Settings::new(d(AS_OF)));
    assert_eq!(plan.proposals.len(), 1);
    assert_eq!(plan.proposals[0].staff, "E2");
    assert_eq!(plan.proposals[0].current_holders, vec!["E1"]);
    assert_eq!(plan.unplaced.len(), 1);
    let u = &plan.unplaced[0];
    assert!(u.leaves);
    assert_eq!(u.code, "outscored");
    assert!(
        u.reason
            .starts_with("leaves P1 (4y 0m, due): outscored for P1 by E2 ("),
        "{}",
        u.reason
    );
    assert_eq!(plan.moves.len(), 2);
}
