//! Rotation planner benchmark: the exact assignment solver on random problems of the
//! three target sizes (the demo ministry, 10k staff × 2k slots, 100k staff × 20k slots).
//! Prints the time per solve and the peak resident memory (VmHWM) of a process that only
//! builds and solves that size.
//!
//!     cargo bench --bench plan                    # all sizes, each in its own process
//!     cargo bench --bench plan -- 10000 2000 50   # one size: staff slots edges-per-person
//!     cargo bench --bench plan -- 10000 2000 50 ties   # one shape: uniform, ties, popular
//!
//! Later engineers: add the whole planner (scoring + solve) beside `solve` here.

use jinzai::plan::solver::{solve, verify, Edge, Problem};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::process::Command;
use std::time::{Duration, Instant};

const SIZES: &[(usize, usize, usize)] =
    &[(300, 90, 90), (10_000, 2_000, 50), (100_000, 20_000, 50)];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
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
    // Each size in a fresh process so that the peak memory is that size's own.
    let exe = std::env::current_exe().expect("own path");
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
