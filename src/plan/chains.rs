//! A plan's moves as chains: "A leaves X for Y; B takes X; C (no post) takes B's
//! old post". Reading a rotation as chains shows who fills the gap each move leaves,
//! which is how the office talks about it. Cycles (A and B trade posts) are closed
//! chains.

use super::planner::{Move, Plan};
use crate::domain::{PostId, StaffId};
use std::collections::{BTreeMap, BTreeSet};

/// One step of a chain: a person leaves `from` (if they held a post) for `to` (if
/// the plan gives them one; `None` means they leave their post without a new one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub staff: StaffId,
    pub from: Option<PostId>,
    pub to: Option<PostId>,
}

/// A sequence of steps where each step's person takes the post the step before
/// vacated. The first step fills a post nobody in the plan vacated (a vacancy);
/// the last step's `from` is a post nobody in the plan takes (it stays vacant), or
/// none. A cycle's last step vacates the post its first step takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    pub steps: Vec<Step>,
    pub cycle: bool,
}

/// The plan's moves as chains, ordered by their first step's post (vacancies
/// filled first), then cycles. Every move appears in exactly one chain.
pub fn chains(plan: &Plan) -> Vec<Chain> {
    let steps: Vec<Step> = (plan.moves.iter())
        .map(|m| match m {
            Move::Take { staff, from, to } => Step {
                staff: staff.clone(),
                from: from.as_ref().map(|k| k.post.clone()),
                to: Some(to.clone()),
            },
            Move::Leave { holding } => Step {
                staff: holding.staff.clone(),
                from: Some(holding.post.clone()),
                to: None,
            },
        })
        .collect();
    of_steps(steps)
}

/// Chains from steps (see [`chains`]); split out for tests.
pub fn of_steps(mut steps: Vec<Step>) -> Vec<Chain> {
    steps.sort_by(|a, b| (&a.to, &a.staff).cmp(&(&b.to, &b.staff)));
    // Who takes each post (several, for a post with several seats).
    let mut takers: BTreeMap<&PostId, Vec<usize>> = BTreeMap::new();
    for (i, s) in steps.iter().enumerate() {
        if let Some(to) = &s.to {
            takers.entry(to).or_default().push(i);
        }
    }
    // A step has a predecessor when someone in the plan vacates the post it takes.
    let vacated: BTreeSet<&PostId> = steps.iter().filter_map(|s| s.from.as_ref()).collect();
    let mut used = vec![false; steps.len()];
    let mut out = Vec::new();
    let follow = |start: usize, used: &mut Vec<bool>| -> Vec<usize> {
        let mut v = vec![start];
        used[start] = true;
        let mut at = start;
        while let Some(next) = (steps[at].from.as_ref())
            .and_then(|p| takers.get(p))
            .and_then(|ts| ts.iter().copied().find(|&t| !used[t]))
        {
            used[next] = true;
            v.push(next);
            at = next;
        }
        v
    };
    // Heads first: steps into a post no one in the plan leaves.
    for i in 0..steps.len() {
        let head = match &steps[i].to {
            Some(to) => !vacated.contains(to),
            None => true,
        };
        // A person who only leaves starts a chain only if nobody takes their post;
        // otherwise they are the head of the chain of those who fill it.
        if head && !used[i] {
            let idx = follow(i, &mut used);
            out.push(idx);
        }
    }
    let mut chains: Vec<Chain> = out
        .into_iter()
        .map(|idx| Chain {
            steps: idx.into_iter().map(|i| steps[i].clone()).collect(),
            cycle: false,
        })
        .collect();
    // What is left is cycles (or the tails of posts with several seats).
    for i in 0..steps.len() {
        if !used[i] {
            let idx = follow(i, &mut used);
            let first_to = steps[idx[0]].to.clone();
            let last_from = steps[*idx.last().unwrap_or(&i)].from.clone();
            chains.push(Chain {
                cycle: first_to.is_some() && first_to == last_from,
                steps: idx.into_iter().map(|i| steps[i].clone()).collect(),
            });
        }
    }
    chains
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(id: &str) -> StaffId {
        StaffId::new_unchecked(id)
    }
    fn p(id: &str) -> PostId {
        PostId::new_unchecked(id)
    }
    fn step(staff: &str, from: Option<&str>, to: Option<&str>) -> Step {
        Step {
            staff: s(staff),
            from: from.map(p),
            to: to.map(p),
        }
    }

    #[test]
    fn a_vacancy_pulls_a_chain_behind_it() {
        // P3 was vacant: A moves P1 → P3, B moves P2 → P1, C (no post) takes P2.
        let c = of_steps(vec![
            step("C", None, Some("P2")),
            step("A", Some("P1"), Some("P3")),
            step("B", Some("P2"), Some("P1")),
        ]);
        assert_eq!(c.len(), 1);
        assert!(!c[0].cycle);
        let who: Vec<&str> = c[0].steps.iter().map(|x| x.staff.as_str()).collect();
        assert_eq!(who, ["A", "B", "C"]);
    }

    #[test]
    fn a_swap_is_a_cycle_and_a_lone_leave_is_its_own_chain() {
        let c = of_steps(vec![
            step("A", Some("P1"), Some("P2")),
            step("B", Some("P2"), Some("P1")),
            step("D", Some("P9"), None),
        ]);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].steps[0].staff.as_str(), "D");
        assert!(c[1].cycle);
        assert_eq!(c[1].steps.len(), 2);
    }

    #[test]
    fn a_leaver_heads_the_chain_of_whoever_fills_their_post() {
        // D leaves P9 (to secondment); E takes P9 from P4; P4 stays vacant.
        let c = of_steps(vec![
            step("E", Some("P4"), Some("P9")),
            step("D", Some("P9"), None),
        ]);
        assert_eq!(c.len(), 1, "{c:?}");
        let who: Vec<&str> = c[0].steps.iter().map(|x| x.staff.as_str()).collect();
        assert_eq!(who, ["D", "E"]);
    }

    #[test]
    fn a_post_with_two_seats_takes_two_people_and_every_move_appears_once() {
        let c = of_steps(vec![
            step("A", Some("P1"), Some("P5")),
            step("B", None, Some("P1")),
            step("C", None, Some("P1")),
        ]);
        let n: usize = c.iter().map(|x| x.steps.len()).sum();
        assert_eq!(n, 3);
        assert_eq!(c[0].steps.len(), 2, "{c:?}");
    }
}
