//! Edits of the records themselves (a person, a post, a unit) and closing a post:
//! checked against the dataset and turned into a `ChangeSet`, as the other ops are.

use super::{err, put, the_post, what, who, OpError, Planned};
use crate::domain::change::{Change, ChangeSet, Record};
use crate::domain::dataset::Dataset;
use crate::domain::date::{iso, Date};
use crate::domain::ids::PostId;
use crate::domain::records::{Assignment, Post, Staff, Unit};
use crate::domain::validate::{check_post, check_staff, check_unit, peak_load};
use crate::domain::vocab::Status;

fn exists_check(new: bool, exists: bool, what: &str, id: &str) -> Result<(), Vec<OpError>> {
    match (new, exists) {
        (true, true) => Err(vec![err("id", format!("{what} '{id}' already exists"))]),
        (false, false) => Err(vec![err("id", format!("no {what} with id '{id}'"))]),
        _ => Ok(()),
    }
}

pub(super) fn put_staff(ds: &Dataset, s: &Staff, new: bool) -> Result<Planned, Vec<OpError>> {
    exists_check(new, ds.staff.contains_key(&s.id), "person", s.id.as_str())?;
    let errors: Vec<OpError> = check_staff(ds, s).into_iter().map(OpError::from).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut warnings = Vec::new();
    if let Some(old) = ds.staff.get(&s.id) {
        if old == s {
            return Err(vec![err("id", "nothing changed")]);
        }
        if s.grade < old.grade {
            warnings.push(format!(
                "{} goes down from {} to {}",
                who(s),
                old.grade.ja(),
                s.grade.ja()
            ));
        }
        if s.status != Status::Active && old.status == Status::Active {
            let holds = ds
                .assignments_of(&s.id)
                .any(|a| a.end.is_none() && !a.concurrent);
            if holds {
                warnings.push(format!(
                    "{} still holds a post; end it to free the seat",
                    who(s)
                ));
            }
        }
    }
    let summary = match ds.staff.get(&s.id) {
        None => format!("Add {} ({}, {})", who(s), s.grade.ja(), s.track.ja()),
        Some(old) => format!("Edit {}: {}", who(s), staff_changes(old, s).join(", ")),
    };
    Ok(Planned {
        action: if new { "add-staff" } else { "edit-staff" },
        summary,
        entities: vec![s.id.to_string()],
        changes: ChangeSet {
            changes: vec![Change::Put(Record::Staff(s.clone()))],
        },
        warnings,
    })
}

/// The fields that differ, as "grade 係長 → 課長補佐".
fn staff_changes(old: &Staff, new: &Staff) -> Vec<String> {
    let mut v = Vec::new();
    let opt = |d: Option<Date>| d.map(iso).unwrap_or_else(|| "—".into());
    if old.name != new.name {
        v.push(format!("name {} → {}", old.name, new.name));
    }
    if old.kana != new.kana {
        v.push(format!("kana {} → {}", old.kana, new.kana));
    }
    if old.grade != new.grade || old.grade_since != new.grade_since {
        v.push(format!(
            "grade {} → {} (since {})",
            old.grade.ja(),
            new.grade.ja(),
            opt(new.grade_since)
        ));
    }
    if old.track != new.track {
        v.push(format!("track {} → {}", old.track.ja(), new.track.ja()));
    }
    if old.skills != new.skills {
        v.push(format!("skills {} → {}", old.skills, new.skills));
    }
    if old.status != new.status || old.status_until != new.status_until {
        v.push(format!(
            "status {} → {} (until {})",
            old.status.ja(),
            new.status.ja(),
            opt(new.status_until)
        ));
    }
    if old.candidate != new.candidate {
        v.push(format!("candidate {} → {}", old.candidate, new.candidate));
    }
    if old.promotable != new.promotable {
        v.push(format!(
            "promotable {} → {}",
            old.promotable, new.promotable
        ));
    }
    if old.wishes != new.wishes {
        v.push("wishes".into());
    }
    if old.notes != new.notes {
        v.push("notes".into());
    }
    if old.birth_year != new.birth_year || old.hired_on != new.hired_on {
        v.push("dates".into());
    }
    v
}

pub(super) fn put_post(ds: &Dataset, p: &Post, new: bool) -> Result<Planned, Vec<OpError>> {
    exists_check(new, ds.posts.contains_key(&p.id), "post", p.id.as_str())?;
    let mut errors: Vec<OpError> = check_post(ds, p).into_iter().map(OpError::from).collect();
    if let Some(old) = ds.posts.get(&p.id) {
        if old == p {
            return Err(vec![err("id", "nothing changed")]);
        }
        // A smaller capacity must still hold everyone who holds the post.
        let list: Vec<&Assignment> = ds.assignments.values().filter(|a| a.post == p.id).collect();
        if let Some((day, n)) = peak_load(&list) {
            if n > p.capacity as usize {
                errors.push(err(
                    "capacity",
                    format!(
                        "{} has {n} holders on {}; capacity {} is too small",
                        p.id,
                        iso(day),
                        p.capacity
                    ),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let summary = if new {
        format!("Add post {} in {}", what(p), p.unit)
    } else {
        format!("Edit post {}", what(p))
    };
    Ok(Planned {
        action: if new { "add-post" } else { "edit-post" },
        summary,
        entities: vec![p.id.to_string(), p.unit.to_string()],
        changes: ChangeSet {
            changes: vec![Change::Put(Record::Post(p.clone()))],
        },
        warnings: Vec::new(),
    })
}

pub(super) fn put_unit(ds: &Dataset, u: &Unit, new: bool) -> Result<Planned, Vec<OpError>> {
    exists_check(new, ds.units.contains_key(&u.id), "unit", u.id.as_str())?;
    if ds.units.get(&u.id) == Some(u) {
        return Err(vec![err("id", "nothing changed")]);
    }
    // The cycle check walks the tree as it will be.
    let mut view = Dataset {
        units: ds.units.clone(),
        ..Dataset::default()
    };
    view.units.insert(u.id.clone(), u.clone());
    let errors: Vec<OpError> = check_unit(&view, u)
        .into_iter()
        .map(OpError::from)
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Planned {
        action: if new { "add-unit" } else { "edit-unit" },
        summary: if new {
            format!("Add unit {} {}", u.id, u.name)
        } else {
            format!("Edit unit {} {}", u.id, u.name)
        },
        entities: vec![u.id.to_string()],
        changes: ChangeSet {
            changes: vec![Change::Put(Record::Unit(u.clone()))],
        },
        warnings: Vec::new(),
    })
}

pub(super) fn close_post(ds: &Dataset, post: &PostId, on: Date) -> Result<Planned, Vec<OpError>> {
    let p = the_post(ds, post)?;
    if let Some(c) = p.closed {
        return Err(vec![err(
            "on",
            format!("{} is already closed (on {})", what(p), iso(c)),
        )]);
    }
    let Ok(last_day) = on.yesterday() else {
        return Err(vec![err("on", "the date is out of range")]);
    };
    let mut changes = Vec::new();
    let mut warnings = Vec::new();
    for a in ds.assignments.values().filter(|a| a.post == p.id) {
        if a.start >= on {
            let name = ds.staff.get(&a.staff).map_or("", |s| s.name.as_str());
            return Err(vec![err(
                "on",
                format!(
                    "{} {name} starts in {} on {}, after the closing; end or remove that first",
                    a.staff,
                    p.id,
                    iso(a.start)
                ),
            )]);
        }
        if a.end.is_none_or(|e| e >= on) {
            let name = ds.staff.get(&a.staff).map_or("", |s| s.name.as_str());
            warnings.push(format!(
                "{} {name}'s holding of {} ends on {}",
                a.staff,
                p.id,
                iso(last_day)
            ));
            let mut ended = a.clone();
            ended.end = Some(last_day);
            changes.push(put(ended));
        }
    }
    let mut closed = p.clone();
    closed.closed = Some(on);
    changes.push(Change::Put(Record::Post(closed)));
    let mut entities = vec![p.id.to_string(), p.unit.to_string()];
    for ch in &changes {
        if let Change::Put(Record::Assignment(a)) = ch {
            entities.push(a.staff.to_string());
        }
    }
    Ok(Planned {
        action: "close-post",
        summary: format!("Close {} from {}", what(p), iso(on)),
        entities,
        changes: ChangeSet { changes },
        warnings,
    })
}
