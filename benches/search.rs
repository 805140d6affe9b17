//! Search benchmark: keystroke-to-results latency in the staff pane, typing queries one
//! character at a time (romaji, kana, kanji, staff numbers, filters) through the same
//! path a key press takes in the TUI: keymap → update → search → results. Also the
//! index build time (data loaded → searchable).
//!
//!     cargo bench --bench search                  # 1000 10000 100000 staff
//!     cargo bench --bench search -- 100000

use jinzai::app::state::{Loaded, Session, State};
use jinzai::app::update::{on_msg, Msg};
use jinzai::demo::{synthetic, Spec};
use jinzai::domain::date::parse_date;
use jinzai::i18n::Lang;
use jinzai::keymap::{Key, Keymap};
use jinzai::search::SearchIndex;
use std::sync::Arc;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    "tanaka misaki",
    "satou",
    "たなか",
    "タカハシ",
    "田中",
    "佐藤 健",
    "E0412",
    "E99",
    "grade:係長 due",
    "skill:security>=3 candidate ta",
    "unit:特許 grade:係員",
];
const REPEATS: usize = 5;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    let km = Keymap::builtin().expect("default keymap");
    let today = parse_date("2026-11-26").expect("date");
    for n in sizes {
        let ds = synthetic(&Spec {
            staff: n,
            posts: (n / 5).max(10),
            seed: 1,
        });
        let t = Instant::now();
        let index = SearchIndex::build(&ds, today, 24);
        let build = t.elapsed();
        let posts = jinzai::app::posts::PostsModel::build(&ds, today, 24);
        let training = jinzai::app::training::TrainingModel::build(&ds, today);
        let loaded = Arc::new(Loaded {
            ds,
            index,
            posts: posts.into(),
            training: training.into(),
        });
        println!("\n{n} staff: index build {:.0} ms", ms(build));
        println!(
            "  {:<34} {:>8} {:>8} {:>8} {:>7}",
            "query (typed one char at a time)", "p50 ms", "p99 ms", "max ms", "hits"
        );
        let mut all = Vec::new();
        for q in QUERIES {
            let mut lat = Vec::new();
            let mut hits = 0;
            for _ in 0..REPEATS {
                let session = Session {
                    db_label: String::new(),
                    user: String::new(),
                    read_only: false,
                    lang: Lang::En,
                    today,
                    term_months: 24,
                };
                let mut st = State::new(session, (120, 40));
                on_msg(&mut st, &km, Msg::Loaded(loaded.clone()));
                for c in q.chars() {
                    let key = if c == ' ' {
                        Key::parse("<Space>")
                    } else {
                        Key::parse(&c.to_string())
                    }
                    .expect("key");
                    let t = Instant::now();
                    on_msg(&mut st, &km, Msg::Key(key));
                    lat.push(t.elapsed());
                }
                hits = st.staff.total;
            }
            all.extend_from_slice(&lat);
            let (p50, p99, max) = stats(&mut lat);
            println!(
                "  {:<34} {:>8.2} {:>8.2} {:>8.2} {:>7}",
                q, p50, p99, max, hits
            );
        }
        let (p50, p99, max) = stats(&mut all);
        println!(
            "  {:<34} {:>8.2} {:>8.2} {:>8.2}",
            "ALL KEYSTROKES", p50, p99, max
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn stats(v: &mut [Duration]) -> (f64, f64, f64) {
    v.sort();
    let at = |p: f64| ms(v[((v.len() as f64 - 1.0) * p).round() as usize]);
    (at(0.5), at(0.99), ms(v[v.len() - 1]))
}
