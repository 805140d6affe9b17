//! The plan's lists from the matching: each proposal with its reasons and the next
//! best for the post, the stays, the people left unplaced and why, the seats left
//! unfilled with their nearest candidates, and the moves.

use super::config::Config;
use super::scope::{Kept, KeptWhy, Scope, Why};
use super::score::{self, explain, lacks, signed, total, Facts, Site};
use super::types::{Alternative, Counts, Move, Near, Outside, Proposal, Stay, Unfilled, Unplaced};
use crate::domain::date::{iso, tenure_label};
use crate::domain::{Assignment, Dataset, Grade};

/// The best few (score, index) seen, highest score first, then lowest index.
#[derive(Debug, Clone, Default)]
pub(super) struct Top {
    pub(super) v: Vec<(i64, usize)>,
}

/// The plan's lists, before the problem and timing are added.
pub(super) struct Lists {
    pub(super) proposals: Vec<Proposal>,
    pub(super) stays: Vec<Stay>,
    pub(super) unplaced: Vec<Unplaced>,
    pub(super) unfilled: Vec<Unfilled>,
    pub(super) outside: Vec<Outside>,
    pub(super) counts: Counts,
    pub(super) moves: Vec<Move>,
}

/// Turns the matching into the plan's lists.
pub(super) struct Report<'r, 'a> {
    pub(super) ds: &'a Dataset,
    pub(super) cfg: &'r Config,
    pub(super) sc: &'r Scope<'a>,
    pub(super) facts: &'r [Facts<'a>],
    pub(super) sites: &'r [Site<'a>],
    pub(super) placed: &'r [Option<usize>],
    /// The people placed in each post.
    pub(super) placed_in: Vec<Vec<usize>>,
    pub(super) by_post: &'r [Top],
    pub(super) by_person: &'r [Top],
}

impl Report<'_, '_> {
    fn score(&self, i: usize, k: usize) -> i64 {
        total(self.cfg, &self.facts[i], &self.sites[k])
    }

    /// What the plan does with person `i`.
    fn outcome(&self, i: usize) -> String {
        match self.placed[i] {
            Some(k) if self.facts[i].holds(&self.sites[k]) => {
                format!("stays in {}", self.sites[k].post.id)
            }
            Some(k) => format!("moves to {}", self.sites[k].post.id),
            None => "unplaced".into(),
        }
    }

    /// The next best for post `k` besides the people placed in it.
    fn alternatives(&self, k: usize, chosen: i64) -> Vec<Alternative> {
        (self.by_post[k].v.iter())
            .filter(|(_, i)| self.placed[*i] != Some(k))
            .take(3)
            .map(|&(s, i)| Alternative {
                staff: self.sc.people[i].staff.id.to_string(),
                name: self.sc.people[i].staff.name.clone(),
                score: s,
                diff: s - chosen,
                outcome: self.outcome(i),
            })
            .collect()
    }

    pub(super) fn build(&self, candidates: &[usize], free: &[usize]) -> Lists {
        let (ds, sc) = (self.ds, self.sc);
        let mut proposals = Vec::new();
        let mut stays = Vec::new();
        let mut unplaced = Vec::new();
        let mut moves = Vec::new();
        let mut counts = Counts {
            people_in_plan: sc.people.len(),
            posts_in_plan: sc.posts.len(),
            ..Counts::default()
        };
        for (i, p) in sc.people.iter().enumerate() {
            let f = &self.facts[i];
            match self.placed[i] {
                Some(k) => {
                    let site = &self.sites[k];
                    let post = site.post;
                    let score = self.score(i, k);
                    let terms = explain(ds, self.cfg, f, site);
                    let alternatives = self.alternatives(k, score);
                    if f.holds(site) {
                        counts.stays_in_plan += 1;
                        let reason = if p.pin.is_some() {
                            "pinned to their own post".to_string()
                        } else {
                            match alternatives.first() {
                                Some(a) => format!(
                                    "due, and the best for the post: next {} ({})",
                                    a.staff,
                                    signed(a.diff)
                                ),
                                None => "due, and no one else can take the post".into(),
                            }
                        };
                        stays.push(Stay {
                            staff: p.staff.id.to_string(),
                            name: p.staff.name.clone(),
                            post: post.id.to_string(),
                            post_title: post.title.clone(),
                            months: f.months,
                            in_plan: true,
                            score: Some(score),
                            terms,
                            reason,
                            pinned: p.pin.is_some(),
                            alternatives,
                        });
                    } else {
                        counts.moves += 1;
                        moves.push(Move::Take {
                            staff: p.staff.id.clone(),
                            from: p.current.map(Assignment::key),
                            to: post.id.clone(),
                        });
                        proposals.push(Proposal {
                            post: post.id.to_string(),
                            post_title: post.title.clone(),
                            unit: post.unit.to_string(),
                            grade: post.grade,
                            staff: p.staff.id.to_string(),
                            name: p.staff.name.clone(),
                            staff_grade: p.staff.grade,
                            current_post: p.current.map(|a| a.post.to_string()),
                            current_holders: (sc.posts[k].holders.iter())
                                .map(|s| s.to_string())
                                .collect(),
                            score,
                            terms,
                            pinned: p.pin.is_some(),
                            promotion: p.staff.grade < post.grade,
                            alternatives,
                        });
                    }
                }
                None => {
                    let u = self.unplaced(i);
                    if u.leaves {
                        counts.leaving += 1;
                        if let Some(a) = p.current {
                            moves.push(Move::Leave { holding: a.key() });
                        }
                    }
                    unplaced.push(u);
                }
            }
        }
        proposals.sort_by(|a, b| (&a.post, &a.staff).cmp(&(&b.post, &b.staff)));
        stays.sort_by(|a, b| (&a.post, &a.staff).cmp(&(&b.post, &b.staff)));
        let mut outside = Vec::new();
        let mut kept_stays = Vec::new();
        for k in &sc.kept {
            match (k.current, kept_reason(k, sc.term_months)) {
                (Some(a), reason) => {
                    if matches!(k.why, KeptWhy::NotDue { .. }) {
                        counts.not_due += 1;
                    }
                    kept_stays.push(Stay {
                        staff: k.staff.id.to_string(),
                        name: k.staff.name.clone(),
                        post: a.post.to_string(),
                        post_title: ds
                            .posts
                            .get(&a.post)
                            .map_or(String::new(), |p| p.title.clone()),
                        months: Some(crate::domain::queries::tenure_months(a, sc.as_of)),
                        in_plan: false,
                        score: None,
                        terms: Vec::new(),
                        reason,
                        pinned: false,
                        alternatives: Vec::new(),
                    });
                }
                (None, reason) => outside.push(Outside {
                    staff: k.staff.id.to_string(),
                    name: k.staff.name.clone(),
                    reason,
                }),
            }
        }
        kept_stays.sort_by(|a, b| (&a.post, &a.staff).cmp(&(&b.post, &b.staff)));
        stays.extend(kept_stays);
        let unfilled = self.unfilled(candidates, free);
        counts.unplaced = unplaced.len();
        counts.unfilled_seats = unfilled.iter().map(|u| (u.seats - u.filled) as usize).sum();
        Lists {
            proposals,
            stays,
            unplaced,
            unfilled,
            outside,
            counts,
            moves,
        }
    }

    /// Why person `i` has no post, and what to do.
    fn unplaced(&self, i: usize) -> Unplaced {
        let sc = self.sc;
        let p = &sc.people[i];
        let s = p.staff;
        let holds = p.current.map(|a| a.post.to_string());
        let (leaves, prefix) = match p.why {
            Why::Due { months } => (
                true,
                format!(
                    "leaves {} ({}, due): ",
                    holds.clone().unwrap_or_default(),
                    tenure_label(months)
                ),
            ),
            Why::Pinned { .. } => (true, String::new()),
            Why::PostCloses { on, .. } => (
                false,
                format!(
                    "keeps {} until it closes on {}: ",
                    holds.clone().unwrap_or_default(),
                    iso(on)
                ),
            ),
            Why::NoPost => (false, String::new()),
        };
        let suggestion = "suggest a secondment (出向) or a general post".to_string();
        let mut u = Unplaced {
            staff: s.id.to_string(),
            name: s.name.clone(),
            grade: s.grade,
            current_post: holds,
            leaves,
            code: "",
            reason: String::new(),
            suggestion,
            best_post: None,
            best_score: None,
        };
        if p.away {
            u.code = "away";
            let why = score::Impossible::Away {
                status: s.status,
                until: s.status_until,
                destination: s.destination.clone(),
            };
            u.reason = format!("not available on {}: {}", iso(sc.as_of), why.text());
            u.suggestion = "plan them when they are back".into();
            return u;
        }
        let Some(&(best, k)) = self.by_person[i].v.first() else {
            u.code = "no-feasible-post";
            let mut grades = vec![s.grade];
            if s.promotable {
                grades.extend(s.grade.next());
            }
            let names: Vec<&str> = grades.iter().map(|g| g.ja()).collect();
            let open = sc
                .posts
                .iter()
                .filter(|o| grades.contains(&o.post.grade))
                .count();
            let why = if open == 0 {
                format!("no open {} post in the plan", names.join(" or "))
            } else {
                format!(
                    "every open {} post is pinned to someone else",
                    names.join(" or ")
                )
            };
            u.reason = format!("{prefix}no feasible post: grade {}: {why}", s.grade.ja());
            return u;
        };
        let post = self.sites[k].post;
        u.best_post = Some(post.id.to_string());
        u.best_score = Some(best);
        // The weakest person the plan put in that post.
        let winner = (self.placed_in[k].iter())
            .map(|&j| (self.score(j, k), j))
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        match winner {
            Some((ws, j)) => {
                u.code = "outscored";
                u.reason = format!(
                    "{prefix}outscored for {} by {} ({})",
                    post.id,
                    sc.people[j].staff.id,
                    signed(best - ws)
                );
            }
            None => {
                u.code = "below-zero";
                u.reason = format!(
                    "{prefix}no post scores above zero (best: {} {})",
                    post.id,
                    signed(best)
                );
            }
        }
        u
    }

    /// Posts with seats the plan leaves empty.
    fn unfilled(&self, candidates: &[usize], free: &[usize]) -> Vec<Unfilled> {
        let sc = self.sc;
        let mut out = Vec::new();
        for (k, o) in sc.posts.iter().enumerate() {
            let filled = self.placed_in[k].len() as u16;
            if filled >= o.seats {
                continue;
            }
            let post = o.post;
            let near = |i: usize, score: Option<i64>| Near {
                staff: sc.people[i].staff.id.to_string(),
                name: sc.people[i].staff.name.clone(),
                grade: sc.people[i].staff.grade,
                score,
                lacks: lacks(&self.facts[i], post),
                outcome: self.outcome(i),
            };
            let (code, reason, nearest) = if candidates[k] == 0 {
                let lower = Grade::ALL
                    .iter()
                    .find(|g| g.next() == Some(post.grade))
                    .map(|g| format!(" (nor a promotable {})", g.ja()))
                    .unwrap_or_default();
                let reason = format!(
                    "no one in the plan can take it: no {}{lower} is free to move",
                    post.grade.ja()
                );
                // The nearest by grade, then score.
                let rank = |g: Grade| (g as i32 - post.grade as i32).abs();
                let mut v: Vec<(i32, i64, usize)> = free
                    .iter()
                    .map(|&i| {
                        let g = sc.people[i].staff.grade;
                        (rank(g), -self.score(i, k), i)
                    })
                    .collect();
                v.sort();
                let nearest = v.iter().take(3).map(|&(_, _, i)| near(i, None)).collect();
                ("no-candidate", reason, nearest)
            } else {
                let tops: Vec<(i64, usize)> = (self.by_post[k].v.iter())
                    .filter(|(_, i)| self.placed[*i] != Some(k))
                    .copied()
                    .collect();
                let all_placed = tops.iter().all(|(_, i)| self.placed[*i].is_some());
                let (code, reason) = match tops.first() {
                    Some(&(s, i)) if all_placed => (
                        "placed-elsewhere",
                        format!(
                            "{} placed elsewhere; the best, {} ({}), {}",
                            if candidates[k] == 1 {
                                "its one candidate is".to_string()
                            } else {
                                format!("its {} candidates are all", candidates[k])
                            },
                            sc.people[i].staff.id,
                            signed(s),
                            self.outcome(i)
                        ),
                    ),
                    Some(&(s, i)) => (
                        "below-zero",
                        format!(
                            "the candidates left score zero or less (best: {} {})",
                            sc.people[i].staff.id,
                            signed(s)
                        ),
                    ),
                    None => ("placed-elsewhere", "every candidate is placed".into()),
                };
                let nearest = tops
                    .iter()
                    .take(3)
                    .map(|&(s, i)| near(i, Some(s)))
                    .collect();
                (code, reason, nearest)
            };
            out.push(Unfilled {
                post: post.id.to_string(),
                post_title: post.title.clone(),
                unit: post.unit.to_string(),
                grade: post.grade,
                seats: o.seats,
                filled,
                code,
                reason,
                nearest,
            });
        }
        out
    }
}

/// Why someone outside the plan stays where they are.
fn kept_reason(k: &Kept, term: u32) -> String {
    match k.why {
        KeptWhy::NotDue { months } => format!(
            "not due ({} in post; the term is {term} months)",
            tenure_label(months)
        ),
        KeptWhy::Away => {
            let s = k.staff;
            let why = score::Impossible::Away {
                status: s.status,
                until: s.status_until,
                destination: s.destination.clone(),
            };
            format!("{}; keeps the post", why.text())
        }
        KeptWhy::Excluded => "excluded (--exclude)".into(),
        KeptWhy::PostExcluded => {
            let post = k.current.map(|a| a.post.as_str()).unwrap_or("");
            format!("post {post} excluded (--exclude)")
        }
        KeptWhy::NotYetHired => format!(
            "hired on {}, after the plan's date",
            k.staff.hired_on.map(iso).unwrap_or_default()
        ),
    }
}
