//! Rotation planner benchmark: `plan::run` end to end (scope, scoring, the exact
//! solver with pricing, the report with its reasons) on the demo ministry and on
//! synthetic organisations of 10k staff × 2k posts and 100k staff × 20k posts (the
//! datasets `jinzai demo [--staff N --posts N/5] --seed 1` makes), as of 2027-04-01.
//! Each size runs in its own process; the dataset is built first, then the peak
//! resident memory (VmHWM) is reset (`/proc/self/clear_refs`), so the peak printed is
//! the planner's own, with the dataset it reads resident.
//!
//!     cargo bench --bench plan                    # demo, 10k×2k, 100k×20k
//!     cargo bench --bench plan -- plan 10000      # one size (0: the demo ministry)
//!     cargo bench --bench plan -- plan 100000 8 16 32 4 4   # with the lists' sizes (`Tuning`)
//!     cargo bench --bench plan -- solver          # the solver alone on random problems
//!     cargo bench --bench plan -- 10000 2000 50 ties   # one solver shape: uniform, ties, popular
//!     PLAN_SEED=2 cargo bench --bench plan -- plan 100000   # another synthetic dataset

use jinzai::plan::planner::{run_with, Tuning};
use jinzai::plan::solver::{solve, verify, Edge, Problem};
use jinzai::plan::Settings;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::process::Command;
use std::time::{Duration, Instant};

/// Staff sizes of the planner runs (posts are a fifth; 0 is the demo ministry).
const PLAN_SIZES: &[usize] = &[0, 10_000, 100_000];

const SIZES: &[(usize, usize, usize)] =
    &[(300, 90, 90), (10_000, 2_000, 50), (100_000, 20_000, 50)];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let exe = std::env::current_exe().expect("own path");
    if args.first().map(String::as_str) == Some("plan") {
        let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
        if let [n, rest @ ..] = &sizes[..] {
            if (2..=5).contains(&rest.len()) || sizes.len() == 1 {
                // `plan N [PER_PERSON PER_POST [MAX_PER_POST [PER_KIND_SEAT
                // [KIND_SHARE]]]]`: one size, with the lists' sizes.
                let mut tuning = Tuning::default();
                if let [a, b, ..] = rest {
                    tuning.per_person = *a;
                    tuning.per_post = *b;
                }
                if let [_, _, c, ..] = rest {
                    tuning.max_per_post = *c;
                }
                if let [_, _, _, d, ..] = rest {
                    tuning.per_kind_seat = *d;
                }
                if let [_, _, _, _, e] = rest {
                    tuning.kind_share = *e;
                }
                run_plan(*n, &tuning);
                return;
            }
        }
        for &n in if sizes.is_empty() {
            PLAN_SIZES
        } else {
            &sizes[..]
        } {
            let status = Command::new(&exe)
                .args(["plan", &n.to_string()])
                .status()
                .expect("run the benchmark");
            assert!(status.success(), "plan {n} failed");
        }
        return;
    }
    if args.is_empty() {
        println!(
            "plan::run end to end (as of 2027-04-01; the dataset is built first and not timed)"
        );
        for &n in PLAN_SIZES {
            let status = Command::new(&exe)
                .args(["plan", &n.to_string()])
                .status()
                .expect("run the benchmark");
            assert!(status.success(), "plan {n} failed");
        }
        return;
    }
    let nums: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let shapes: Vec<Shape> = Shape::ALL
        .into_iter()
        .filter(|s| args.iter().any(|a| a == s.name()))
        .collect();
    let shapes = if shapes.is_empty() {
        Shape::ALL.to_vec()
    } else {
        shapes
    };
    if let [n, m, per] = nums[..] {
        for &shape in &shapes {
            run(n, m, per, shape);
        }
        return;
    }
    // `solver`: each size in a fresh process so that the peak memory is that size's own.
    for &(n, m, per) in SIZES {
        for &shape in &shapes {
            let mut cmd = Command::new(&exe);
            cmd.args([n.to_string(), m.to_string(), per.to_string()]);
            cmd.arg(shape.name());
            let status = cmd.status().expect("run the benchmark");
            assert!(status.success(), "{n}x{m} failed");
        }
    }
}

/// `plan::run` on one dataset: the demo ministry (`n == 0`) or `n` staff and `n / 5`
/// posts; several runs (one at 100k), median and min wall time, the steps of the last
/// run, and the peak RSS during the runs.
fn run_plan(n: usize, tuning: &Tuning) {
    let t = Instant::now();
    let ds = if n == 0 {
        jinzai::demo::ministry(1)
    } else {
        jinzai::demo::synthetic(&jinzai::demo::Spec {
            staff: n,
            posts: n / 5,
            seed: std::env::var("PLAN_SEED")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(1),
        })
    };
    let built = t.elapsed();
    let as_of = jinzai::domain::Date::new(2027, 4, 1).expect("a date");
    let settings = Settings::new(as_of);
    let base = rss("VmRSS");
    reset_peak();
    let reps = match n {
        0 => 20,
        1..=20_000 => 5,
        _ => 1,
    };
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut last = None;
    for _ in 0..reps {
        let (t, c) = (Instant::now(), cpu_time());
        let plan = run_with(&ds, &settings, tuning);
        times.push(t.elapsed());
        cpu.push(cpu_time() - c);
        last = Some(plan);
    }
    let peak = rss("VmHWM");
    times.sort();
    cpu.sort();
    let plan = last.expect("one run");
    let c = &plan.counts;
    let wk = &plan.work;
    let tm = &plan.timing;
    let name = if n == 0 {
        "demo ministry".to_string()
    } else {
        format!("{n} staff x {} posts", n / 5)
    };
    println!(
        "plan {name:<22} median {:>8.1} ms, min {:>8.1} ms (cpu {:>8.1} ms) over {reps} run{}; \
         last: scope {:.1}, score {:.1}, solve {:.1}, report {:.1} ms; \
         {} people, {} seats, {} edges; solved on {} → {} edges, {} rounds, \
         pass scored {} pairs; pricing: {} calls scored {} pairs, added {}; \
         solver: {} searches, {} settled, {} edges looked at, {} deferred, {} phases; {} moves, objective {}; \
         dataset {} MB (built in {:.1} s), peak RSS {} MB",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(cpu[cpu.len() / 2]),
        if reps == 1 { "" } else { "s" },
        tm.scope_ms,
        tm.score_ms,
        tm.solve_ms,
        tm.report_ms,
        c.people_in_plan,
        c.seats_in_plan,
        c.edges,
        wk.first_edges,
        wk.final_edges,
        wk.rounds,
        wk.scanned_pairs,
        wk.pricing_calls,
        wk.priced_pairs,
        wk.violations,
        plan.dump.solution.stats.searches,
        plan.dump.solution.stats.settled,
        plan.dump.solution.stats.looked,
        plan.dump.solution.stats.deferred,
        plan.dump.solution.stats.phases,
        c.moves,
        plan.objective,
        base.map_or("n/a".into(), |k| format!("{:.0}", k as f64 / 1024.0)),
        built.as_secs_f64(),
        peak.map_or("n/a".into(), |k| format!("{:.0}", k as f64 / 1024.0)),
    );
}

/// A line of /proc/self/status in kB (Linux only).
fn rss(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak RSS (VmHWM) to the current RSS (Linux 4.0 and later).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Score shapes: `uniform` random scores -50..1000 on random pairs; `ties` scores 1..=10;
/// `popular` posts of 4 seats each (one edge per seat), scores = the post's appeal + the
/// person's fit, so that everyone wants the same few posts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    Uniform,
    Ties,
    Popular,
}

impl Shape {
    const ALL: [Shape; 3] = [Shape::Uniform, Shape::Ties, Shape::Popular];
    fn name(self) -> &'static str {
        match self {
            Shape::Uniform => "uniform",
            Shape::Ties => "ties",
            Shape::Popular => "popular",
        }
    }
}

fn problem(n: usize, m: usize, per: usize, shape: Shape, seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut edges = Vec::with_capacity(n * per.min(m));
    const CAP: usize = 4;
    let posts = m.div_ceil(CAP);
    let appeal: Vec<i64> = (0..posts).map(|_| rng.gen_range(0..1000)).collect();
    for i in 0..n as u32 {
        match shape {
            Shape::Popular => {
                let fit = rng.gen_range(0..200);
                for _ in 0..per.div_ceil(CAP).min(posts) {
                    let post = rng.gen_range(0..posts);
                    let score = appeal[post] + fit + rng.gen_range(-100..100);
                    for slot in post * CAP..(post * CAP + CAP).min(m) {
                        edges.push(Edge {
                            staff: i,
                            slot: slot as u32,
                            score,
                        });
                    }
                }
            }
            _ => {
                let score = |rng: &mut ChaCha8Rng| {
                    if shape == Shape::Ties {
                        rng.gen_range(1..=10)
                    } else {
                        rng.gen_range(-50..1000)
                    }
                };
                if per >= m {
                    for j in 0..m as u32 {
                        let score = score(&mut rng);
                        edges.push(Edge {
                            staff: i,
                            slot: j,
                            score,
                        });
                    }
                } else {
                    for _ in 0..per {
                        let score = score(&mut rng);
                        let slot = rng.gen_range(0..m as u32);
                        edges.push(Edge {
                            staff: i,
                            slot,
                            score,
                        });
                    }
                }
            }
        }
    }
    Problem {
        n_staff: n,
        n_slots: m,
        edges,
    }
}

fn run(n: usize, m: usize, per: usize, shape: Shape) {
    let reps = if n <= 1_000 {
        20
    } else if n <= 20_000 {
        5
    } else {
        2
    };
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut last = None;
    let mut edges = 0;
    for rep in 0..reps {
        let p = problem(n, m, per, shape, rep as u64 + 1);
        edges = p.edges.len();
        let (t, c) = (Instant::now(), cpu_time());
        let s = solve(&p);
        times.push(t.elapsed());
        cpu.push(cpu_time() - c);
        if rep == 0 {
            if let Err(e) = verify(&p, &s) {
                panic!("{n}x{m}: not optimal: {e}");
            }
        }
        last = Some(s);
    }
    times.sort();
    cpu.sort();
    let s = last.expect("at least one run");
    println!(
        "solve {n:>6} staff x {m:>6} slots, {edges:>8} edges, {:<7}: median {:>9.2} ms, min {:>9.2} ms (cpu {:>9.2} ms); \
         matched {}, rounds {}, candidates {}, violations {}, searches {}, deferred {} in {} phases, settled {}; peak RSS {}",
        shape.name(),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(cpu[cpu.len() / 2]),
        s.matching.len(),
        s.stats.rounds,
        s.stats.candidate_edges,
        s.stats.violations,
        s.stats.searches,
        s.stats.deferred,
        s.stats.phases,
        s.stats.settled,
        peak_rss().unwrap_or_else(|| "n/a".into()),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// User + system CPU time of this process (all threads) so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) } != 0 {
        return Duration::ZERO;
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// Peak resident set size of this process, from /proc/self/status (Linux only).
fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.0} MB", kb as f64 / 1024.0))
}
