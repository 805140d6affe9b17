//! The text of each term's reason, as users read it: [`Why::text`]. Kept apart from
//! the scoring arithmetic in `score.rs`.

use super::{Standing, Why};
use crate::domain::date::tenure_label;
use crate::domain::{Dataset, Grade, UnitId};

/// A unit's name, else its id.
fn unit_name<'d>(ds: &'d Dataset, id: &'d UnitId) -> &'d str {
    ds.units.get(id).map_or(id.as_str(), |u| u.name.as_str())
}

impl Why<'_> {
    /// The reason as users read it (without the points).
    pub fn text(&self, ds: &Dataset) -> String {
        match self {
            Why::Fill => "fills a seat".into(),
            Why::Skills { staff, post } => {
                let mut met = Vec::new();
                let mut short = Vec::new();
                for (name, need) in &post.skills.0 {
                    let have = staff.skills.level(name);
                    if have >= *need {
                        met.push(format!("{name} {have}"));
                    } else {
                        short.push(format!("{name} {have} of {need}"));
                    }
                }
                match (met.is_empty(), short.is_empty()) {
                    (false, true) => format!("meets the skills: {}", met.join(", ")),
                    (true, _) => format!("below the skills: {}", short.join(", ")),
                    (false, false) => {
                        format!("meets {}; below in {}", met.join(", "), short.join(", "))
                    }
                }
            }
            Why::Course { course, standing } => {
                let name = ds.courses.get(*course).map_or("", |c| c.name.as_str());
                let c = format!("{course} {name}").trim_end().to_string();
                match standing {
                    Standing::Completed => format!("completed the post's course {c}"),
                    Standing::Enrolled => format!("enrolled in the post's course {c}"),
                    Standing::PlannedOnly => {
                        format!("has only planned the post's course {c} (no session)")
                    }
                    Standing::Missing => format!("has not taken the post's course {c}"),
                    Standing::Failed => format!("failed the post's course {c} (未修了)"),
                }
            }
            Why::Breadth {
                grade,
                bureau,
                unit,
                field,
            } => {
                let mut v = Vec::new();
                if let Some(b) = bureau {
                    v.push(format!("new bureau ({})", unit_name(ds, b)));
                } else if let Some(u) = unit {
                    v.push(format!("new unit ({})", unit_name(ds, u)));
                }
                if let Some(f) = field {
                    v.push(format!("new field ({})", f.ja()));
                }
                format!("{} for a {}", v.join(" and "), grade.ja())
            }
            Why::Candidate { from, to } => {
                if *to == Grade::Deputy {
                    "candidate (政府デジタル人材候補) into a 課長補佐-level post".into()
                } else {
                    format!(
                        "candidate (政府デジタル人材候補) a step toward 課長補佐 ({} → {})",
                        from.ja(),
                        to.ja()
                    )
                }
            }
            Why::HighImpact {
                field,
                months,
                level,
            } => {
                if *months > 0 {
                    format!(
                        "high-impact post: {} in {} posts before",
                        tenure_label(*months),
                        field.ja()
                    )
                } else if *level > 0 {
                    format!("high-impact post: {} skill level {level}", field.code())
                } else {
                    format!("high-impact post: no {} experience", field.ja())
                }
            }
            Why::Generation { band, unit } => format!(
                "{} has no one in their {} among those who stay",
                unit_name(ds, unit),
                band.label()
            ),
            Why::Wishes { post, unit, field } => {
                let mut v = Vec::new();
                if let Some(p) = post {
                    v.push(format!("{} {}", p.id, p.title));
                }
                if let Some(u) = unit {
                    v.push(format!("unit {}", unit_name(ds, u)));
                }
                if let Some(f) = field {
                    v.push(format!("field {}", f.ja()));
                }
                format!("wished for {}", v.join(", "))
            }
            Why::Stability { months, due } => {
                if *due {
                    format!("{} in post (due)", tenure_label(*months))
                } else {
                    format!("{} in post (not due): staying", tenure_label(*months))
                }
            }
            Why::Overstay { months, past } => format!(
                "staying {} in post, {past} months past the term",
                tenure_label(*months)
            ),
        }
    }
}
