//! `jinzai plan` end to end: the JSON shape on the demo ministry, determinism, pins
//! and excludes, the dumped matching problem against a brute-force optimum, the
//! settings file, `--accept` (one change, one audit record) and its undo.

use assert_cmd::Command;
use jinzai::domain::ops::{diff, undo};
use jinzai::domain::{validate, Date};
use jinzai::plan::{run, Settings};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;
use tempfile::TempDir;

mod cmd;

const TODAY: &str = "2026-11-26";
const AS_OF: &str = "2027-04-01";

fn jinzai(db: &Path) -> Command {
    cmd::jinzai_on(db, TODAY)
}

fn demo_db() -> TempDir {
    let t = TempDir::new().unwrap();
    jinzai(t.path()).arg("demo").assert().success();
    t
}

/// The demo database, made once and only read by the tests that share it.
fn shared_demo() -> &'static Path {
    static DB: OnceLock<TempDir> = OnceLock::new();
    DB.get_or_init(demo_db).path()
}

fn plan_json(db: &Path, extra: &[&str]) -> Value {
    cmd::json(jinzai(db).args(["plan", "--json"]).args(extra))
}

/// The plan without its timings (which differ between runs).
fn untimed(mut v: Value) -> Value {
    let o = v.as_object_mut().unwrap();
    o.remove("timing_ms");
    o.remove("timing");
    v
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn plan_json_has_the_contracted_shape() {
    let v = plan_json(shared_demo(), &[]);
    assert_eq!(v["as_of"], AS_OF, "default: the next April 1st");
    assert!(v["objective"].is_i64());
    assert!(v["timing_ms"].is_number());
    assert_eq!(v["hash"].as_str().unwrap().len(), 64);
    let proposals = v["proposals"].as_array().unwrap();
    assert!(!proposals.is_empty());
    let mut total = 0;
    let mut people = BTreeSet::new();
    for p in proposals {
        for k in [
            "post",
            "staff",
            "current_post",
            "score",
            "terms",
            "alternatives",
        ] {
            assert!(p.get(k).is_some(), "proposal lacks {k}: {p}");
        }
        let terms = p["terms"].as_array().unwrap();
        let sum: i64 = terms.iter().map(|t| t["points"].as_i64().unwrap()).sum();
        assert_eq!(sum, p["score"].as_i64().unwrap(), "terms add up: {p}");
        for t in terms {
            assert!(t["term"].is_string() && t["text"].is_string());
        }
        total += p["score"].as_i64().unwrap();
        assert!(people.insert(p["staff"].as_str().unwrap().to_string()));
    }
    for s in v["stays"].as_array().unwrap() {
        assert!(s["reason"].is_string());
        if s["in_plan"] == true {
            total += s["score"].as_i64().unwrap();
        }
    }
    assert_eq!(total, v["objective"].as_i64().unwrap());
    for u in v["unplaced"].as_array().unwrap() {
        assert!(!u["reason"].as_str().unwrap().is_empty(), "{u}");
        assert!(!people.contains(u["staff"].as_str().unwrap()));
    }
    for u in v["unfilled"].as_array().unwrap() {
        assert!(u["reason"].is_string() && u["nearest"].is_array());
    }
    // Someone is due to move on; the text form names the sections.
    let out = jinzai(shared_demo()).arg("plan").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Rotation plan as of 2027-04-01"), "{text}");
    assert!(text.contains("\nProposals\nPOST"), "{text}");
    assert!(text.contains("\nUnplaced"), "{text}");
}

#[test]
fn the_same_data_and_settings_give_the_same_plan() {
    let a = untimed(plan_json(shared_demo(), &[]));
    let b = untimed(plan_json(shared_demo(), &[]));
    assert_eq!(a, b);
    let t = TempDir::new().unwrap();
    let a = t.path().join("a.json");
    let b = t.path().join("b.json");
    for f in [&a, &b] {
        jinzai(shared_demo())
            .args(["plan", "--json", "--dump-problem"])
            .arg(f)
            .assert()
            .success();
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn pins_and_excludes_are_honoured() {
    let db = shared_demo();
    let v = plan_json(db, &[]);
    // Pin someone left unplaced to the post they scored best for.
    let u = v["unplaced"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "outscored")
        .expect("someone is outscored")
        .clone();
    let (who, post) = (
        u["staff"].as_str().unwrap(),
        u["best_post"].as_str().unwrap(),
    );
    let pin = format!("{who}={post}");
    let w = plan_json(db, &["--pin", &pin]);
    let p = w["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["staff"] == who)
        .unwrap_or_else(|| panic!("{who} is not placed"));
    assert_eq!(p["post"], post);
    assert_eq!(p["pinned"], true);
    // Exclude a proposed post and a proposed person.
    let first = &v["proposals"][0];
    let (post, who) = (
        first["post"].as_str().unwrap(),
        v["proposals"][1]["staff"].as_str().unwrap(),
    );
    let w = plan_json(db, &["--exclude", post, "--exclude", who]);
    for p in w["proposals"].as_array().unwrap() {
        assert_ne!(p["post"], post);
        assert_ne!(p["staff"], who);
    }
    for u in w["unplaced"].as_array().unwrap() {
        assert_ne!(u["staff"], who);
    }
    assert!(w["stays"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["post"] == post && s["reason"].as_str().unwrap().contains("excluded")));
    // An impossible pin is refused with the reason.
    jinzai(db)
        .args(["plan", "--pin", &format!("{who}=NOPE")])
        .assert()
        .failure()
        .stderr(predicates::str::contains(format!(
            "--pin {who}=NOPE: no post with id NOPE"
        )));
}

/// A tiny organisation: two bureaus, three posts (P2 has two seats), seven people.
fn tiny_db() -> TempDir {
    let t = TempDir::new().unwrap();
    let dir = t.path().join("csv");
    std::fs::create_dir(&dir).unwrap();
    let files = [
        (
            "units.csv",
            "id,name,name_en,parent\nU1,大臣官房,Secretariat,\nU2,情報システム室,IT Office,U1\n\
             U3,商務情報政策局,Commerce Bureau,\nU4,サイバーセキュリティ課,Cyber Division,U3\n",
        ),
        (
            "courses.csv",
            "id,name,provider,field,grades,days\nC-SEC,セキュリティ研修,nco,security,staff;chief,5\n",
        ),
        (
            "sessions.csv",
            "id,course,start,end,capacity\nS-SEC-1,C-SEC,2025-06-02,2025-06-06,20\n",
        ),
        (
            "posts.csv",
            "id,unit,title,grade,field,impact,skills,courses,capacity\n\
             P1,U2,運用係員,staff,ops,high,ops:2,,1\n\
             P2,U4,セキュリティ係員,staff,security,normal,security:2,C-SEC,2\n\
             P3,U4,セキュリティ係長,chief,security,high,security:3,C-SEC,1\n",
        ),
        (
            "staff.csv",
            "id,name,kana,birth_year,grade,track,hired_on,skills,candidate,status,wishes,notes,grade_since,status_until,promotable\n\
             E01,青木 一,アオキ ハジメ,1996,staff,sogo-digital,2020-04-01,ops:2;security:1,no,active,,,,,no\n\
             E02,井上 二,イノウエ ジ,1994,staff,ippan-digital,2019-04-01,security:2,no,active,P1,,,,no\n\
             E03,上田 三,ウエダ ゾウ,1999,staff,ippan-digital,2022-04-01,security:2,no,active,P2,,,,no\n\
             E04,江口 四,エグチ シロウ,1992,staff,sogo-digital,2016-04-01,security:3,yes,active,,,,,yes\n\
             E05,大野 五,オオノ ゴロウ,1985,chief,mid-career,2015-04-01,security:3,no,active,,,,,no\n\
             E06,加藤 六,カトウ ロク,1984,chief,sogo-digital,2010-04-01,security:3,no,active,,,,,no\n\
             E07,木村 七,キムラ ナナ,1997,staff,ippan-digital,2021-04-01,ops:1,no,seconded,,,,2028-03-31,no\n",
        ),
        (
            "assignments.csv",
            "staff,post,start,end,concurrent\nE01,P1,2024-04-01,,no\nE02,P2,2025-04-01,,no\nE05,P3,2026-04-01,,no\n",
        ),
        (
            "enrollments.csv",
            "staff,course,session,status,date\nE02,C-SEC,S-SEC-1,completed,2025-06-06\n\
             E04,C-SEC,S-SEC-1,completed,2025-06-06\n",
        ),
    ];
    for (name, body) in files {
        std::fs::write(dir.join(name), body).unwrap();
    }
    jinzai(t.path()).arg("import").arg(&dir).assert().success();
    t
}

/// The maximum total of a matching of `edges` (anyone may stay unmatched), by trying
/// every matching.
fn brute_force(n_staff: usize, edges: &[(usize, usize, i64)]) -> i64 {
    fn go(i: usize, n: usize, edges: &[(usize, usize, i64)], used: &mut BTreeSet<usize>) -> i64 {
        if i == n {
            return 0;
        }
        let mut best = go(i + 1, n, edges, used);
        for &(s, p, w) in edges.iter().filter(|e| e.0 == i) {
            if used.insert(p) {
                best = best.max(w + go(i + 1, n, edges, used));
                used.remove(&p);
            }
            let _ = s;
        }
        best
    }
    go(0, n_staff, edges, &mut BTreeSet::new())
}

#[test]
fn the_dumped_problem_is_solved_to_its_optimum() {
    let t = tiny_db();
    let file = t.path().join("problem.json");
    let v = cmd::json(
        jinzai(t.path())
            .args(["plan", "--json", "--dump-problem"])
            .arg(&file),
    );
    let d: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    // People in the plan who are free to move (E07 is seconded, E05 is not due), by id;
    // one entry per seat (P3's one seat is E05's).
    assert_eq!(strs(&d["staff"]), ["E01", "E02", "E03", "E04", "E06"]);
    assert_eq!(strs(&d["posts"]), ["P1", "P2", "P2"]);
    let edges: Vec<(usize, usize, i64)> = d["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e[0].as_u64().unwrap() as usize,
                e[1].as_u64().unwrap() as usize,
                e[2].as_i64().unwrap(),
            )
        })
        .collect();
    // Every feasible pair: the four 係員 each with every seat; the 係長 with none.
    assert_eq!(edges.len(), 4 * 3);
    let objective = d["objective"].as_i64().unwrap();
    assert_eq!(objective, brute_force(5, &edges));
    assert_eq!(objective, v["objective"].as_i64().unwrap());
    // The matching is a matching, of those edges, worth the objective.
    let mut seen_s = BTreeSet::new();
    let mut seen_p = BTreeSet::new();
    let mut sum = 0;
    for m in d["matching"].as_array().unwrap() {
        let (s, p) = (
            m[0].as_u64().unwrap() as usize,
            m[1].as_u64().unwrap() as usize,
        );
        assert!(seen_s.insert(s) && seen_p.insert(p));
        sum += edges.iter().find(|e| e.0 == s && e.1 == p).unwrap().2;
    }
    assert_eq!(sum, objective);
    // The report agrees: E06 (係長) has no open post, E07 is seconded.
    let codes: Vec<(String, String)> = v["unplaced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["staff"].as_str().unwrap().to_string(),
                u["code"].as_str().unwrap().to_string(),
            )
        })
        .filter(|(s, _)| s == "E06" || s == "E07")
        .collect();
    assert_eq!(
        codes,
        [
            ("E06".into(), "no-feasible-post".into()),
            ("E07".into(), "away".into())
        ]
    );
}

#[test]
fn a_bad_settings_file_is_refused_with_line_and_reason() {
    let t = TempDir::new().unwrap();
    let f = t.path().join("planner.toml");
    std::fs::write(&f, "term_months = 36\n\n[weights]\nwish_pots = 30\n").unwrap();
    jinzai(shared_demo())
        .args(["plan", "--config"])
        .arg(&f)
        .assert()
        .failure()
        .stderr(predicates::str::contains(format!(
            "{}:4: unknown key 'weights.wish_pots'; did you mean 'weights.wish_post'?",
            f.display()
        )));
    // A good one changes the plan's settings.
    std::fs::write(&f, "term_months = 36\n").unwrap();
    let v = cmd::json(
        jinzai(shared_demo())
            .args(["plan", "--json", "--config"])
            .arg(&f),
    );
    assert_eq!(v["term_months"], 36);
    // The built-in file is printed for a start.
    jinzai(shared_demo())
        .args(["plan", "--print-config"])
        .assert()
        .success()
        .stdout(predicates::str::contains("[weights]\n"));
}

#[test]
fn accept_records_every_move_in_one_audit_record() {
    let t = tiny_db();
    let before = cmd::export(t.path(), TODAY);
    // Without --yes and no terminal: refused, nothing written.
    jinzai(t.path())
        .args(["plan", "--accept"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("not confirmed"));
    assert_eq!(cmd::export(t.path(), TODAY), before);
    let v = plan_json(t.path(), &["--accept", "--yes"]);
    let hash = v["hash"].as_str().unwrap();
    assert!(v["accepted"]["summary"].as_str().unwrap().contains(hash));
    let recs = cmd::log(t.path(), TODAY, &[]);
    let accepts: Vec<&Value> = recs
        .iter()
        .filter(|r| r["action"] == "plan-accept")
        .collect();
    assert_eq!(accepts.len(), 1);
    assert!(accepts[0]["summary"].as_str().unwrap().contains(hash));
    assert_eq!(accepts[0]["seq"], v["accepted"]["audit"]);
    // Every proposal holds from the date, and its person's old post ended the day before.
    for p in v["proposals"].as_array().unwrap() {
        let post = cmd::json(cmd::jinzai_on(t.path(), AS_OF).args([
            "post",
            p["post"].as_str().unwrap(),
            "--json",
        ]));
        let holders: Vec<&Value> = post["holders"].as_array().unwrap().iter().collect();
        assert!(
            holders
                .iter()
                .any(|h| h["staff"] == p["staff"] && h["start"] == AS_OF),
            "{p} / {post}"
        );
        if let Some(old) = p["current_post"].as_str() {
            let old = cmd::json(cmd::jinzai_on(t.path(), AS_OF).args(["post", old, "--json"]));
            let h = old["history"]
                .as_array()
                .unwrap()
                .iter()
                .find(|h| h["staff"] == p["staff"])
                .unwrap();
            assert_eq!(h["end"], "2027-03-31");
        }
    }
    // The plan as of the date now finds nobody new to move in that seat twice.
    let again = plan_json(t.path(), &[]);
    assert_ne!(again["hash"], v["hash"]);
}

#[test]
fn accept_on_the_demo_then_undo_restores_the_exact_prior_state() {
    let before = jinzai::demo::ministry(1);
    let as_of = Date::new(2027, 4, 1).unwrap();
    let plan = run(&before, &Settings::new(as_of));
    assert!(plan.errors.is_empty());
    assert!(!plan.moves.is_empty());
    let cs = plan
        .accept_changes(&before)
        .expect("the plan is valid as a whole");
    let mut after = before.clone();
    after.apply(&cs);
    assert!(validate(&after).is_empty());
    assert_ne!(after, before);
    // Every proposal is a holding from the date.
    for p in &plan.proposals {
        assert!(after
            .assignments
            .values()
            .any(|a| a.staff.as_str() == p.staff
                && a.post.as_str() == p.post
                && a.start == as_of
                && a.end.is_none()));
    }
    let back = undo(&after, &diff(&before, &cs)).expect("nothing changed since");
    let mut restored = after.clone();
    restored.apply(&back);
    assert_eq!(restored, before);
}

#[test]
fn accept_on_the_demo_from_the_cli() {
    let t = demo_db();
    let v = plan_json(t.path(), &["--accept", "--yes"]);
    let n = v["proposals"].as_array().unwrap().len();
    assert!(n > 0);
    let recs = cmd::log(t.path(), TODAY, &[]);
    assert_eq!(recs.len(), 2, "the demo fill, then the plan");
    assert_eq!(recs[1]["action"], "plan-accept");
    let summary = recs[1]["summary"].as_str().unwrap();
    assert!(summary.contains(&format!("{n} moves")), "{summary}");
    assert!(summary.contains(v["hash"].as_str().unwrap()));
}

#[test]
fn csv_and_saved_scenarios_from_the_command_line() {
    let db = demo_db();
    let out = db.path().join("plan.csv");
    jinzai(db.path())
        .args(["plan", "--csv"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with(&jinzai::plan::export::COLUMNS.join(",")));
    let base = plan_json(db.path(), &[]);
    let moves = text.lines().filter(|l| l.starts_with("move,")).count();
    assert_eq!(moves, base["proposals"].as_array().unwrap().len());
    // No scenarios yet; an unknown one is named with where they are kept.
    jinzai(db.path())
        .args(["plan", "--scenarios"])
        .assert()
        .success()
        .stdout(predicates::str::contains("No saved scenarios"));
    jinzai(db.path())
        .args(["plan", "--scenario", "nope"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("scenarios.json"));
    // A scenario as the pane saves it: one person left out.
    let first = base["proposals"][0]["staff"].as_str().unwrap().to_string();
    let sc = jinzai::plan::scenario::Scenario {
        name: "without-first".into(),
        saved_at: "2026-11-26T10:00:00".into(),
        as_of: None,
        config: None,
        config_label: "default".into(),
        pins: vec![],
        excludes: vec![first.clone()],
        swaps: vec![],
        saved_summary: None,
    };
    let file = jinzai::plan::scenario::path_in(db.path());
    jinzai::plan::scenario::save(&file, &[sc]).unwrap();
    jinzai(db.path())
        .args(["plan", "--scenarios"])
        .assert()
        .success()
        .stdout(predicates::str::contains("without-first"));
    let v = plan_json(db.path(), &["--scenario", "without-first"]);
    let staff: Vec<&str> = (v["proposals"].as_array().unwrap().iter())
        .map(|p| p["staff"].as_str().unwrap())
        .collect();
    assert!(!staff.contains(&first.as_str()));
    // The same as saying --exclude.
    let w = plan_json(db.path(), &["--exclude", &first]);
    assert_eq!(untimed(v)["hash"], untimed(w)["hash"]);
}
