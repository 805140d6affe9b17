//! The certificate check: a solution's matching and duals against its problem.

use super::{Problem, Solution, MAX_SCORE};

/// Checks a solution against a problem: the matching is valid (in range, each person and
/// slot at most once, only existing pairs with a positive score), the objective is its sum,
/// and the duals prove it optimal (`y, z ≥ 0`, `y + z ≥ score` on every in-range edge,
/// equality on matched pairs, zero on unmatched nodes). Edges are read as [`solve`] reads
/// them (out-of-range ignored, scores clamped, duplicates by max).
pub fn verify(p: &Problem, s: &Solution) -> Result<(), String> {
    let ys = |i: u32| s.staff_dual.get(i as usize).copied().unwrap_or(0);
    let zs = |j: u32| s.slot_dual.get(j as usize).copied().unwrap_or(0);
    if let Some(v) = s.staff_dual.iter().chain(&s.slot_dual).find(|v| **v < 0) {
        return Err(format!("negative dual {v}"));
    }
    let mut best: std::collections::BTreeMap<(u32, u32), i64> = Default::default();
    for e in &p.edges {
        if e.staff as usize >= p.n_staff || e.slot as usize >= p.n_slots {
            continue;
        }
        let w = e.score.clamp(-MAX_SCORE, MAX_SCORE);
        if ys(e.staff) + zs(e.slot) < w {
            return Err(format!(
                "dual infeasible on ({}, {}): {} + {} < {}",
                e.staff,
                e.slot,
                ys(e.staff),
                zs(e.slot),
                w
            ));
        }
        let b = best.entry((e.staff, e.slot)).or_insert(w);
        *b = (*b).max(w);
    }
    let mut staff_used = vec![false; s.staff_dual.len().max(1)];
    let mut slot_used = std::collections::BTreeSet::new();
    let mut sum = 0i64;
    let mut prev: Option<u32> = None;
    for &(i, j) in &s.matching {
        if prev.is_some_and(|q| q >= i) {
            return Err(format!("matching not sorted by staff / staff {i} twice"));
        }
        prev = Some(i);
        if !slot_used.insert(j) {
            return Err(format!("slot {j} matched twice"));
        }
        let w = *best
            .get(&(i, j))
            .ok_or_else(|| format!("({i}, {j}) is not an edge"))?;
        if w <= 0 {
            return Err(format!("({i}, {j}) has score {w} ≤ 0"));
        }
        if ys(i) + zs(j) != w {
            return Err(format!("matched ({i}, {j}) not tight"));
        }
        if let Some(u) = staff_used.get_mut(i as usize) {
            *u = true;
        }
        sum += w;
    }
    if sum != s.objective {
        return Err(format!(
            "objective {} but matching sums to {sum}",
            s.objective
        ));
    }
    for (i, y) in s.staff_dual.iter().enumerate() {
        if *y != 0 && !staff_used[i] {
            return Err(format!("unmatched staff {i} has dual {y}"));
        }
    }
    for (j, z) in s.slot_dual.iter().enumerate() {
        if *z != 0 && !slot_used.contains(&(j as u32)) {
            return Err(format!("unmatched slot {j} has dual {z}"));
        }
    }
    Ok(())
}
