//! What-if: swap the posts two proposals give two people, by hand, and see what it
//! does to the score. The solver's plan is optimal, so a swap never raises the
//! total; the point is to see by how much a preferred arrangement costs, and why
//! (each side's terms are worked out again). A swapped plan is still a plan: its
//! moves, hash and acceptance follow the swap.

use super::planner::{Move, Plan, Settings};
use super::scope::scope;
use super::score::{explain, hard_rule, total, Facts, Org, Site};
use crate::domain::{Dataset, PostId, StaffId};

/// A swap that was made: who, and what it changed in the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Swapped {
    pub a: StaffId,
    pub b: StaffId,
    /// The new total less the old one.
    pub delta: i64,
}

/// Swaps the proposed posts of `a` and `b` in `plan` (made from `ds` with
/// `settings`). Both must be proposals (people the plan moves) to different posts,
/// and each must be allowed in the other's post. The plan's lines, moves and total
/// change; the alternatives stay those of the solver's plan.
pub fn swap(
    ds: &Dataset,
    settings: &Settings,
    plan: &mut Plan,
    a: &StaffId,
    b: &StaffId,
) -> Result<Swapped, String> {
    if a == b {
        return Err("choose two different proposals to swap".into());
    }
    let find = |id: &StaffId| {
        (plan.proposals.iter())
            .position(|p| p.staff == id.as_str())
            .ok_or_else(|| format!("{id} is not moved by the plan; only proposals can be swapped"))
    };
    let (ia, ib) = (find(a)?, find(b)?);
    let (post_a, post_b) = (
        plan.proposals[ia].post.clone(),
        plan.proposals[ib].post.clone(),
    );
    if post_a == post_b {
        return Err(format!("{a} and {b} are both proposed for {post_a}"));
    }
    let sa = ds
        .staff
        .get(a)
        .ok_or_else(|| format!("{a} is not on record"))?;
    let sb = ds
        .staff
        .get(b)
        .ok_or_else(|| format!("{b} is not on record"))?;
    let pa = ds.posts.get(&PostId::new_unchecked(post_a.as_str()));
    let pb = ds.posts.get(&PostId::new_unchecked(post_b.as_str()));
    let (Some(pa), Some(pb)) = (pa, pb) else {
        return Err("a proposed post is no longer on record; run the plan again".into());
    };
    for (s, p) in [(sa, pb), (sb, pa)] {
        if let Err(why) = hard_rule(s, p, plan.as_of) {
            return Err(format!("{} cannot take {}: {}", s.id, p.id, why.text()));
        }
        let back_home = plan
            .proposals
            .iter()
            .find(|x| x.staff == s.id.as_str())
            .and_then(|x| x.current_post.as_deref())
            == Some(p.id.as_str());
        if back_home {
            return Err(format!(
                "the swap would send {} back to their own post {}; pin them there instead",
                s.id, p.id
            ));
        }
    }
    // Score both sides as the planner does: facts as of the plan's date, sites with
    // the holders who stay in each unit.
    let cfg = &settings.config;
    let sc = scope(
        ds,
        plan.as_of,
        cfg.term_months,
        &settings.pins,
        &settings.excludes,
    );
    let org = Org::new(ds);
    let current = |s: &StaffId| {
        (sc.people.iter())
            .find(|p| p.staff.id == *s)
            .and_then(|p| p.current)
    };
    let nobody = Vec::new();
    let staying =
        |p: &crate::domain::Post| sc.staying_by_unit.get(&p.unit).unwrap_or(&nobody).clone();
    let (stay_a, stay_b) = (staying(pa), staying(pb));
    let site_a = Site::new(&org, pa, &stay_a, plan.as_of);
    let site_b = Site::new(&org, pb, &stay_b, plan.as_of);
    let fa = Facts::new(ds, &org, sa, current(a), plan.as_of, cfg.term_months);
    let fb = Facts::new(ds, &org, sb, current(b), plan.as_of, cfg.term_months);
    let (new_a, new_b) = (total(cfg, &fa, &site_b), total(cfg, &fb, &site_a));
    let old = plan.proposals[ia].score + plan.proposals[ib].score;
    let delta = new_a + new_b - old;
    let terms_a = explain(ds, cfg, &fa, &site_b);
    let terms_b = explain(ds, cfg, &fb, &site_a);
    // Each line keeps its post and takes the other person.
    let (la, lb) = (plan.proposals[ia].clone(), plan.proposals[ib].clone());
    for (i, from, score, terms) in [(ia, &lb, new_b, terms_b), (ib, &la, new_a, terms_a)] {
        let line = &mut plan.proposals[i];
        line.staff = from.staff.clone();
        line.name = from.name.clone();
        line.staff_grade = from.staff_grade;
        line.current_post = from.current_post.clone();
        line.score = score;
        line.terms = terms;
        line.pinned = false;
        line.promotion = from.staff_grade < line.grade;
        for alt in &mut line.alternatives {
            alt.diff = alt.score - score;
        }
    }
    for m in &mut plan.moves {
        if let Move::Take { staff, to, .. } = m {
            if staff == a {
                *to = PostId::new_unchecked(post_b.as_str());
            } else if staff == b {
                *to = PostId::new_unchecked(post_a.as_str());
            }
        }
    }
    plan.objective += delta;
    Ok(Swapped {
        a: a.clone(),
        b: b.clone(),
        delta,
    })
}
