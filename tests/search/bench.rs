//! The 100k-staff latency measurement (ignored; run it in release):
//! `cargo test --release --test search -- --ignored --nocapture`; and checks that the
//! parallel build and scan give the same results as one thread.

use super::fixture::d;
use super::synth::synthetic;
use jinzai::search::{Query, SearchIndex, Searcher, DEFAULT_TERM_MONTHS};
use std::time::{Duration, Instant};

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

/// How a keystroke asks for results.
#[derive(Clone, Copy)]
enum Mode {
    /// Best 200, marked: a table page.
    Top200,
    /// Every match unmarked, then the first 50 marked: sortable table.
    AllThenMark50,
    /// Every match, all marked.
    AllMarked,
}

/// Types each query one char at a time, `runs` times with a fresh `Searcher`; prints a
/// line per query and returns every keystroke's latency (parse, search, results).
fn measure(ix: &SearchIndex, mode: Mode, runs: usize) -> Vec<Duration> {
    let mut all = Vec::new();
    for text in ["tanaka mi", "たなか", "田中", "E0412", "grade:係長 due sec"] {
        let chars: Vec<char> = text.chars().collect();
        let (mut wall, mut first) = (Vec::new(), Vec::new());
        let mut total = 0;
        for _ in 0..runs {
            let mut s = Searcher::new();
            for n in 1..=chars.len() {
                let typed: String = chars[..n].iter().collect();
                let t = Instant::now();
                if let Ok(q) = Query::parse(&typed) {
                    total = match mode {
                        Mode::Top200 => s.search(ix, &q, Some(200)).total,
                        Mode::AllMarked => s.search(ix, &q, None).total,
                        Mode::AllThenMark50 => {
                            let mut r = s.search_unmarked(ix, &q, None);
                            let n = r.hits.len().min(50);
                            ix.mark(&q, &mut r.hits[..n]);
                            r.total
                        }
                    };
                }
                let e = t.elapsed();
                wall.push(e);
                if n == 1 {
                    first.push(e);
                }
            }
        }
        all.extend(&wall);
        wall.sort();
        first.sort();
        println!(
            "  {text:>20}: p50 {:6.2}  p99 {:6.2}  max {:6.2} ms | first key p50 {:6.2} max {:6.2} ms | {total} hits",
            pct(&wall, 0.5),
            pct(&wall, 0.99),
            pct(&wall, 1.0),
            pct(&first, 0.5),
            pct(&first, 1.0),
        );
    }
    all.sort();
    all
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg").unwrap_or_default()
}

#[test]
#[ignore = "100k latency measurement; run in release with --ignored --nocapture"]
fn latency_at_100k() {
    let as_of = d("2026-03-31");
    let ds = synthetic(100_000, as_of);
    let mut builds = Vec::new();
    let mut ix = None;
    for _ in 0..5 {
        drop(ix.take());
        let t = Instant::now();
        ix = Some(SearchIndex::build(&ds, as_of, DEFAULT_TERM_MONTHS));
        builds.push(t.elapsed());
    }
    let mut ix = ix.expect("built");
    builds.sort();
    println!("load average before: {}", load().trim());
    println!(
        "index build, {} staff, {} threads: min {:.0} ms, median {:.0} ms",
        ix.len(),
        ix.threads(),
        pct(&builds, 0.0),
        pct(&builds, 0.5)
    );
    for (threads, mode, label) in [
        (
            ix.threads(),
            Mode::Top200,
            "best 200, marked (a table page)",
        ),
        (
            ix.threads(),
            Mode::AllThenMark50,
            "every match unmarked, then 50 marked",
        ),
        (ix.threads(), Mode::AllMarked, "every match, all marked"),
        (1, Mode::Top200, "best 200, marked, one thread"),
    ] {
        ix.set_threads(threads);
        println!(
            "{label}; {threads} thread(s); 30 typing sessions per query, fresh Searcher each:"
        );
        let all = measure(&ix, mode, 30);
        println!(
            "  {:>20}: p50 {:6.2}  p99 {:6.2}  max {:6.2} ms",
            "all keystrokes",
            pct(&all, 0.5),
            pct(&all, 0.99),
            pct(&all, 1.0),
        );
    }
    println!("load average after: {}", load().trim());
}

#[test]
fn parallel_scan_gives_the_same_results_as_one_thread() {
    let as_of = d("2026-03-31");
    let ds = synthetic(12_000, as_of);
    let mut ix = SearchIndex::build(&ds, as_of, DEFAULT_TERM_MONTHS);
    ix.set_threads(2);
    let queries = [
        "t",
        "tanaka mi",
        "タ",
        "田中",
        "e004",
        "grade:係長 due sec",
        "",
        "第1室",
    ];
    let both = |ix: &mut SearchIndex, q: &Query, limit| {
        ix.set_threads(2);
        let two = ix.results(q, limit);
        ix.set_threads(1);
        let one = ix.results(q, limit);
        assert_eq!(two, one, "{q:?} {limit:?}");
    };
    for text in queries {
        let q = Query::parse(text).expect("query");
        both(&mut ix, &q, None);
        both(&mut ix, &q, Some(50));
    }
}

#[test]
fn build_is_the_same_on_one_or_more_threads() {
    let as_of = d("2026-03-31");
    let ds = synthetic(9_000, as_of);
    let ix = SearchIndex::build(&ds, as_of, DEFAULT_TERM_MONTHS);
    let mut part = ds.clone();
    part.staff = ds
        .staff
        .iter()
        .take(4_000)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let ix_small = SearchIndex::build(&part, as_of, DEFAULT_TERM_MONTHS);
    // The first rows of both indexes (one built in parallel parts, one not) agree.
    assert_eq!(&ix.rows()[..4_000], ix_small.rows());
    let q = Query::parse("skill:security>=2 ta").expect("query");
    let a: Vec<_> = ix
        .search(&q, None)
        .into_iter()
        .filter(|h| h.row < 4_000)
        .collect();
    assert_eq!(a, ix_small.search(&q, None));
}
