//! The rotation pane's lists as table rows: proposals, stays, unplaced, unfilled,
//! chains, each unit's mix, scenarios, their comparison and the settings.

use super::*;

/// The columns of the list shown and its rows from `first`, at most `n`.
pub(super) fn build(st: &State, ui: &Ui, first: usize, n: usize) -> (Vec<Col>, Vec<Row>) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let p = &st.rotation;
    let d = ds(st);
    let o = p.outcome.as_deref();
    let take = |len: usize| first..(first + n).min(len);
    match (p.view, o) {
        (View::Proposals, Some(o)) => {
            let cols = vec![
                col(r.c_post, 26),
                col(r.c_holder, 18),
                col(r.c_proposed, 20),
                num(r.c_score, 6),
                col(r.c_reasons, 0),
            ];
            let swapped: Vec<&str> = (o.swapped.iter())
                .flat_map(|s| [s.a.as_str(), s.b.as_str()])
                .collect();
            let rows = take(o.plan.proposals.len())
                .map(|i| {
                    let x = &o.plan.proposals[i];
                    let holders = if x.current_holders.is_empty() {
                        (r.vacant.to_string(), th.warn)
                    } else {
                        let names: Vec<String> = (x.current_holders.iter())
                            .map(|h| format!("{} ({})", name_of(d, h), r.due))
                            .collect();
                        (names.join(", "), th.text)
                    };
                    let mut who = format!("{} {}", x.name, x.staff);
                    let mut style = th.text;
                    if x.pinned {
                        who = format!("📌 {who}");
                        style = th.key;
                    }
                    if swapped.contains(&x.staff.as_str()) {
                        who = format!("⇄ {who}");
                        style = th.badge;
                    }
                    if p.swap_mark.as_ref().is_some_and(|m| m.as_str() == x.staff) {
                        style = th.badge;
                    }
                    vec![
                        (format!("{} {}", x.post, x.post_title), th.text),
                        holders,
                        (who, style),
                        (x.score.to_string(), th.header),
                        (top_reasons(&x.terms, 2), th.dim),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Stays, Some(o)) => {
            let cols = vec![
                col(r.c_person, 22),
                col(r.c_post, 26),
                num(r.c_tenure, 8),
                num(r.c_score, 6),
                col(r.c_reason, 0),
            ];
            let rows = take(o.plan.stays.len())
                .map(|i| {
                    let s = &o.plan.stays[i];
                    let who = if s.pinned {
                        format!("📌 {} {}", s.name, s.staff)
                    } else {
                        format!("{} {}", s.name, s.staff)
                    };
                    vec![
                        (who, if s.in_plan { th.text } else { th.dim }),
                        (format!("{} {}", s.post, s.post_title), th.text),
                        (s.months.map(|m| r.months(m)).unwrap_or_default(), th.dim),
                        (
                            s.score.map(|x| x.to_string()).unwrap_or_default(),
                            th.header,
                        ),
                        (
                            if s.in_plan {
                                s.reason.clone()
                            } else {
                                format!("{}: {}", r.outside_plan, s.reason)
                            },
                            th.dim,
                        ),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Unplaced, Some(o)) => {
            let cols = vec![
                col(r.c_person, 22),
                col(r.c_grade, 8),
                col(r.c_current, 10),
                col(r.c_reason, 0),
            ];
            let rows = take(o.plan.unplaced.len())
                .map(|i| {
                    let u = &o.plan.unplaced[i];
                    vec![
                        (format!("{} {}", u.name, u.staff), th.text),
                        (u.grade.ja().to_string(), th.text),
                        (
                            u.current_post.clone().unwrap_or_else(|| r.no_post.into()),
                            th.dim,
                        ),
                        (u.reason.clone(), if u.leaves { th.warn } else { th.dim }),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Unfilled, Some(o)) => {
            let cols = vec![
                col(r.c_post, 28),
                col(r.c_unit, 10),
                col(r.c_grade, 8),
                num(r.c_seats, 5),
                col(r.c_reason, 0),
            ];
            let rows = take(o.plan.unfilled.len())
                .map(|i| {
                    let u = &o.plan.unfilled[i];
                    vec![
                        (format!("{} {}", u.post, u.post_title), th.text),
                        (u.unit.clone(), th.dim),
                        (u.grade.ja().to_string(), th.text),
                        (format!("{}/{}", u.filled, u.seats), th.warn),
                        (u.reason.clone(), th.dim),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Chains, Some(o)) => {
            let cols = vec![num("#", 4), col(r.view_chains, 0)];
            let range = take(o.chains.len());
            let start = range.start;
            let lines = match d {
                Some(d) => crate::app::rotation::chain_lines(d, &o.chains[range], st.session.lang),
                None => Vec::new(),
            };
            let rows = (lines.into_iter().enumerate())
                .map(|(k, l)| vec![((start + k + 1).to_string(), th.dim), (l, th.text)])
                .collect();
            (cols, rows)
        }
        (View::Mix, Some(o)) => {
            let cols = vec![
                col(r.c_unit, 0),
                col(r.c_before, 26),
                col(r.c_after, 14),
                num("±", 7),
            ];
            let rows = take(o.mix.len())
                .map(|i| {
                    let m = &o.mix[i];
                    let worse = m.after.missing() > m.before.missing();
                    let better = m.after.missing() < m.before.missing();
                    vec![
                        (
                            format!("{} {}", m.unit, m.name),
                            if m.changed() { th.text } else { th.dim },
                        ),
                        (bands(&m.before), th.dim),
                        (
                            bands(&m.after),
                            if worse {
                                th.warn
                            } else if better {
                                th.ok
                            } else {
                                th.text
                            },
                        ),
                        (
                            if m.changed() {
                                format!("+{} −{}", m.arriving, m.leaving)
                            } else {
                                String::new()
                            },
                            th.dim,
                        ),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Scenarios, _) => {
            let cols = vec![
                col(r.c_name, 0),
                col(r.c_saved, 19),
                col(r.as_of, 10),
                col(r.c_inputs, 10),
                num(r.moves, 6),
                num(r.objective, 9),
            ];
            let rows = take(p.scenarios.len())
                .map(|i| {
                    let s = &p.scenarios[i];
                    let mark = if p.marked.contains(&s.name) {
                        "● "
                    } else {
                        ""
                    };
                    let current = p.scenario.as_deref() == Some(s.name.as_str());
                    let sum = s.saved_summary.as_ref();
                    vec![
                        (
                            format!("{mark}{}", s.name),
                            if current { th.badge } else { th.text },
                        ),
                        (s.saved_at.clone(), th.dim),
                        (
                            s.as_of.clone().unwrap_or_else(|| r.next_april.into()),
                            th.text,
                        ),
                        (
                            format!("{}·{}·{}", s.pins.len(), s.excludes.len(), s.swaps.len()),
                            th.dim,
                        ),
                        (
                            sum.map(|x| x.moves.to_string()).unwrap_or_default(),
                            th.text,
                        ),
                        (
                            sum.map(|x| crate::ui::thousands_signed(x.objective))
                                .unwrap_or_default(),
                            th.header,
                        ),
                    ]
                })
                .collect();
            (cols, rows)
        }
        (View::Compare, _) => compare_table(st, ui, first, n),
        (View::Weights, _) => settings_table(st, ui, first, n),
        _ => (Vec::new(), Vec::new()),
    }
}

/// `2 1 0 1 +1?` (20s 30s 40s 50s+, then people of unknown age).
fn bands(b: &Bands) -> String {
    let mut s = format!(
        "{:>2} {:>2} {:>2} {:>2}",
        b.by_band[0], b.by_band[1], b.by_band[2], b.by_band[3]
    );
    if b.unknown > 0 {
        s.push_str(&format!(" +{}?", b.unknown));
    }
    s
}

/// The strongest reasons of a score (the fill term aside), largest first.
fn top_reasons(terms: &[TermLine], n: usize) -> String {
    let mut v: Vec<&TermLine> = terms.iter().filter(|l| l.term != "fill").collect();
    v.sort_by_key(|l| std::cmp::Reverse(l.points.abs()));
    (v.iter().take(n).map(|l| l.text.as_str()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn compare_table(st: &State, ui: &Ui, first: usize, n: usize) -> (Vec<Col>, Vec<Row>) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let compared = st.rotation.compared.as_deref().unwrap_or(&[]);
    let mut cols = vec![col(r.c_figure, 0)];
    cols.extend(compared.iter().map(|c| num(&c.name, 16)));
    let all = compare_rows(compared);
    let end = (first + n).min(all.len());
    let rows = all[first.min(end)..end]
        .iter()
        .map(|row| {
            let label = match row {
                CompareRow::Objective => r.objective.to_string(),
                CompareRow::Moves => r.moves.to_string(),
                CompareRow::Unplaced => r.unplaced.to_string(),
                CompareRow::Unfilled => r.unfilled.to_string(),
                CompareRow::Pins => r.c_inputs.to_string(),
                CompareRow::Unit(u) => {
                    let name = ds(st)
                        .and_then(|d| d.units.get(u))
                        .map_or(String::new(), |x| x.name.clone());
                    format!("{u} {name}")
                }
            };
            let mut cells = vec![(label, th.text)];
            // The best figure among the plans stands out.
            let best = compared
                .iter()
                .filter_map(|c| c.result.as_ref().ok())
                .map(|o| o.plan.objective)
                .max();
            for c in compared {
                cells.push(match &c.result {
                    Err(e) => (e.clone(), th.error),
                    Ok(o) => compare_cell(row, o, best, th),
                });
            }
            cells
        })
        .collect();
    (cols, rows)
}

fn compare_cell(
    row: &CompareRow,
    o: &Outcome,
    best: Option<i64>,
    th: &crate::ui::Theme,
) -> (String, Style) {
    let plan = &o.plan;
    match row {
        CompareRow::Objective => (
            crate::ui::thousands_signed(plan.objective),
            if Some(plan.objective) == best {
                th.ok
            } else {
                th.header
            },
        ),
        CompareRow::Moves => (plan.counts.moves.to_string(), th.text),
        CompareRow::Unplaced => (plan.unplaced.len().to_string(), th.text),
        CompareRow::Unfilled => (plan.unfilled.len().to_string(), th.text),
        CompareRow::Pins => (
            format!(
                "{}·{}·{}",
                o.inputs.pins.len(),
                o.inputs.excludes.len(),
                o.inputs.swaps.len()
            ),
            th.dim,
        ),
        CompareRow::Unit(u) => match o.mix.iter().find(|m| &m.unit == u) {
            Some(m) => (bands(&m.after), if m.changed() { th.text } else { th.dim }),
            None => (String::new(), th.dim),
        },
    }
}

fn settings_table(st: &State, ui: &Ui, first: usize, n: usize) -> (Vec<Col>, Vec<Row>) {
    let th = ui.theme;
    let r = st.session.lang.rotation();
    let p = &st.rotation;
    let i = &p.inputs;
    let config = match p.outcome.as_deref() {
        Some(o) => o.settings.config.clone(),
        None => crate::plan::Config::default(),
    };
    let mut all: Vec<Row> = vec![
        vec![
            (r.as_of.into(), th.dim),
            (
                i.as_of.map(iso).unwrap_or_else(|| {
                    format!("{} ({})", iso(i.date(st.session.today)), r.next_april)
                }),
                th.text,
            ),
        ],
        vec![
            (r.term.into(), th.dim),
            (r.months(config.term_months as i32), th.text),
        ],
        vec![
            (r.settings_file.into(), th.dim),
            (i.config.label(), th.text),
        ],
    ];
    for (k, v) in config.weights.entries() {
        all.push(vec![
            (format!("{} · {k}", r.weights), th.dim),
            (v.to_string(), th.header),
        ]);
    }
    for (s, post) in &i.pins {
        all.push(vec![
            (r.pins.into(), th.key),
            (format!("{s} → {post}"), th.text),
        ]);
    }
    for x in &i.excludes {
        all.push(vec![(r.excludes.into(), th.key), (x.clone(), th.text)]);
    }
    for (a, b) in &i.swaps {
        all.push(vec![
            (r.swaps.into(), th.key),
            (format!("{a} ↔ {b}"), th.text),
        ]);
    }
    let end = (first + n).min(all.len());
    let rows = all.drain(first.min(end)..end).collect();
    (vec![col("", 30), col("", 0)], rows)
}
