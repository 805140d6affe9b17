//! The closed vocabularies of the domain: grades, fields, hiring tracks, statuses,
//! impact, course providers and enrollment statuses. Each value has an English code
//! (what exports write) and the Japanese word users type; both parse.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident, $what:literal,
     { $($variant:ident => $code:literal, $ja:literal, [$($alias:literal),*];)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The English code, as written in exports.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The Japanese word.
            pub fn ja(self) -> &'static str {
                match self { $($name::$variant => $ja),+ }
            }

            /// Parses the code, the Japanese word or an alias (ASCII case ignored,
            /// full-width letters folded).
            pub fn parse(s: &str) -> Result<Self, String> {
                let key = crate::domain::vocab::fold(s);
                $(
                    if key == $code || key == crate::domain::vocab::fold($ja) $(|| key == crate::domain::vocab::fold($alias))* {
                        return Ok($name::$variant);
                    }
                )+
                let accepted: Vec<String> = Self::ALL.iter().map(|v| format!("{} ({})", v.code(), v.ja())).collect();
                Err(format!("unknown {} '{}'; expected one of {}", $what,
                    crate::domain::text::clip(s.trim(), 30), accepted.join(", ")))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.code()) }
        }
    };
}

/// Folds a word for comparison: trims, lower-cases ASCII and maps full-width ASCII
/// (as Japanese spreadsheets often hold) to half-width.
pub fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_ascii_lowercase()
}

vocab!(
    /// Career grade, lowest first.
    Grade, "grade", {
    Staff => "staff", "係員", ["kakariin"];
    Chief => "chief", "係長", ["kakaricho"];
    Deputy => "deputy", "課長補佐", ["kacho-hosa", "補佐"];
    Manager => "manager", "管理職", ["室長", "課長", "kanrishoku"];
});

impl Grade {
    /// The next grade up, if any.
    pub fn next(self) -> Option<Grade> {
        match self {
            Grade::Staff => Some(Grade::Chief),
            Grade::Chief => Some(Grade::Deputy),
            Grade::Deputy => Some(Grade::Manager),
            Grade::Manager => None,
        }
    }
    /// 係員 and 係長: the young grades the plan wants to see breadth.
    pub fn is_junior(self) -> bool {
        matches!(self, Grade::Staff | Grade::Chief)
    }
}

vocab!(
    /// Field of work of a post, a course or a skill.
    Field, "field", {
    Security => "security", "セキュリティ", ["セキュリティ対策", "sec"];
    Pm => "pm", "プロジェクト管理", ["project-management", "pmo"];
    Ops => "ops", "運用保守", ["システム運用・保守", "運用・保守", "operations"];
    Policy => "policy", "情報政策", ["digital-policy"];
    Dx => "dx", "DX推進", ["DX推進・業務改革", "業務改革"];
    Data => "data", "データ利活用", ["データ"];
});

vocab!(
    /// How a person was hired.
    Track, "track", {
    SogoDigital => "sogo-digital", "総合職デジタル", ["総合職（デジタル区分）", "総合職(デジタル区分)", "総合職"];
    IppanDigital => "ippan-digital", "一般職デジタル", ["一般職（デジタル・電気・電子区分）", "一般職(デジタル・電気・電子区分)", "一般職"];
    MidCareer => "mid-career", "経験者採用", ["経験者"];
    External => "external", "外部人材", ["外部"];
});

vocab!(
    /// Whether a person is at work in the ministry.
    Status, "status", {
    Active => "active", "在籍", ["在職"];
    Seconded => "seconded", "出向", [];
    Leave => "leave", "休職", ["休業"];
});

vocab!(
    /// How much an outage of the post's system hurts the public.
    Impact, "impact", {
    High => "high", "高", ["大"];
    Normal => "normal", "通常", ["中", "標準"];
});

vocab!(
    /// Who runs a course.
    Provider, "provider", {
    DigitalAgency => "digital-agency", "デジタル庁", ["da"];
    Nco => "nco", "国家サイバー統括室", ["NISC", "内閣サイバーセキュリティセンター"];
    InHouse => "in-house", "省内", ["inhouse", "経済産業省"];
    External => "external", "外部機関", ["外部"];
});

vocab!(
    /// Where a person stands with a course.
    EnrollmentStatus, "enrollment status", {
    Planned => "planned", "予定", [];
    Enrolled => "enrolled", "受講中", ["申込", "申込済", "登録"];
    Completed => "completed", "修了", ["完了"];
    Failed => "failed", "未修了", ["不合格"];
    Cancelled => "cancelled", "取消", ["キャンセル", "canceled"];
});

impl EnrollmentStatus {
    /// Whether the enrollment holds a seat in its session.
    pub fn takes_seat(self) -> bool {
        matches!(
            self,
            EnrollmentStatus::Enrolled | EnrollmentStatus::Completed | EnrollmentStatus::Failed
        )
    }
    /// Whether the enrollment counts as "has taken or will take" the course.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            EnrollmentStatus::Planned | EnrollmentStatus::Enrolled | EnrollmentStatus::Completed
        )
    }
}

/// Parses yes/no as spreadsheets write it.
pub fn parse_yes_no(s: &str) -> Result<bool, String> {
    match fold(s).as_str() {
        "yes" | "y" | "true" | "1" | "はい" | "○" | "〇" | "◯" | "有" | "候補" => {
            Ok(true)
        }
        "no" | "n" | "false" | "0" | "" | "いいえ" | "×" | "-" | "無" => Ok(false),
        other => Err(format!(
            "'{}' is not yes or no",
            crate::domain::text::clip(other, 20)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_parse_in_both_languages() {
        assert_eq!(Grade::parse("係長").unwrap(), Grade::Chief);
        assert_eq!(Grade::parse(" Deputy ").unwrap(), Grade::Deputy);
        assert_eq!(Grade::parse("ｍａｎａｇｅｒ").unwrap(), Grade::Manager);
    }

    #[test]
    fn unknown_grade_lists_the_choices() {
        let e = Grade::parse("部長").unwrap_err();
        assert_eq!(
            e,
            "unknown grade '部長'; expected one of staff (係員), chief (係長), deputy (課長補佐), manager (管理職)"
        );
    }

    #[test]
    fn fields_accept_plan_wording() {
        assert_eq!(Field::parse("システム運用・保守").unwrap(), Field::Ops);
        assert_eq!(Field::parse("DX推進").unwrap(), Field::Dx);
        assert_eq!(Field::parse("dx").unwrap(), Field::Dx);
    }

    #[test]
    fn statuses_and_tracks_parse() {
        assert_eq!(Status::parse("出向").unwrap(), Status::Seconded);
        assert_eq!(Track::parse("経験者採用").unwrap(), Track::MidCareer);
        assert!(Status::parse("retired").is_err());
    }

    #[test]
    fn yes_no() {
        assert!(parse_yes_no("Yes").unwrap());
        assert!(!parse_yes_no("").unwrap());
        assert!(parse_yes_no("maybe").is_err());
    }
}
