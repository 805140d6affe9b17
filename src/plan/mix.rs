//! The generational mix of each unit before and after a plan: how many people of
//! each age band hold the unit's posts on the plan's date without the plan, and
//! with it. The plan's principle is that generations stay balanced within a unit;
//! this is the view that lets a reader check it.

use super::planner::{Move, Plan};
use super::score::Band;
use crate::domain::{Dataset, StaffId, UnitId};
use std::collections::BTreeMap;

/// People per age band (20s, 30s, 40s, 50s+), then people whose birth year is not
/// recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Bands {
    pub by_band: [u32; 4],
    pub unknown: u32,
}

impl Bands {
    pub fn total(&self) -> u32 {
        self.by_band.iter().sum::<u32>() + self.unknown
    }

    /// How many bands have nobody, among units with anyone at all.
    pub fn missing(&self) -> usize {
        if self.total() == 0 {
            0
        } else {
            self.by_band.iter().filter(|n| **n == 0).count()
        }
    }

    fn add(&mut self, band: Option<Band>, n: i32) {
        let slot = match band {
            Some(b) => &mut self.by_band[b as usize],
            None => &mut self.unknown,
        };
        *slot = (*slot as i32 + n).max(0) as u32;
    }
}

/// One unit's mix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitMix {
    pub unit: UnitId,
    pub name: String,
    pub before: Bands,
    pub after: Bands,
    /// People the plan brings in and takes out.
    pub arriving: u32,
    pub leaving: u32,
}

impl UnitMix {
    pub fn changed(&self) -> bool {
        self.arriving > 0 || self.leaving > 0
    }
}

/// Every unit that has posts held on the date or touched by the plan, by unit id.
/// Counts primary holdings only (a concurrent post is not where a person works).
pub fn unit_mix(ds: &Dataset, plan: &Plan) -> Vec<UnitMix> {
    let date = plan.as_of;
    let band = |s: &StaffId| ds.staff.get(s).and_then(|x| Band::of(x, date));
    let unit_of = |post: &crate::domain::PostId| ds.posts.get(post).map(|p| p.unit.clone());
    let mut mix: BTreeMap<UnitId, UnitMix> = BTreeMap::new();
    for (staff, a) in super::scope::primary_on(ds, date) {
        if let Some(u) = unit_of(&a.post) {
            let m = slot(&mut mix, ds, u);
            m.before.add(band(staff), 1);
            m.after.add(band(staff), 1);
        }
    }
    for mv in &plan.moves {
        let (staff, from, to) = match mv {
            Move::Take { staff, from, to } => (staff, from.as_ref(), Some(to)),
            Move::Leave { holding } => (&holding.staff, Some(holding), None),
        };
        // A holding that ends is only counted if it was held on the date.
        if let Some(u) = from
            .filter(|k| ds.assignments.get(k).is_some_and(|a| a.covers(date)))
            .and_then(|k| unit_of(&k.post))
        {
            let m = slot(&mut mix, ds, u);
            m.after.add(band(staff), -1);
            m.leaving += 1;
        }
        if let Some(u) = to.and_then(unit_of) {
            let m = slot(&mut mix, ds, u);
            m.after.add(band(staff), 1);
            m.arriving += 1;
        }
    }
    mix.into_values().collect()
}

fn slot<'m>(mix: &'m mut BTreeMap<UnitId, UnitMix>, ds: &Dataset, unit: UnitId) -> &'m mut UnitMix {
    mix.entry(unit.clone()).or_insert_with(|| UnitMix {
        name: ds
            .units
            .get(&unit)
            .map_or(String::new(), |u| u.name.clone()),
        unit,
        before: Bands::default(),
        after: Bands::default(),
        arriving: 0,
        leaving: 0,
    })
}
