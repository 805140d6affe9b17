//! The seven CSV file kinds, their columns, the Japanese header aliases (the table in
//! `io/mod.rs` documents them) and matching a header row to columns.

use super::problem::Problem;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// What a CSV file holds. `ALL` is the dependency order imports read them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Units,
    Posts,
    Staff,
    Courses,
    Sessions,
    Assignments,
    Enrollments,
}

/// One column of a file kind.
pub struct Column {
    /// English name: what exports write and what messages say.
    pub name: &'static str,
    /// Other headers that mean this column.
    pub aliases: &'static [&'static str],
    /// Optional columns may be missing from the header.
    pub optional: bool,
}

const fn col(name: &'static str, aliases: &'static [&'static str]) -> Column {
    Column {
        name,
        aliases,
        optional: false,
    }
}

const fn opt(name: &'static str, aliases: &'static [&'static str]) -> Column {
    Column {
        name,
        aliases,
        optional: true,
    }
}

const GRADE: &[&str] = &["役職/級", "役職", "級"];

const UNITS: &[Column] = &[
    col("id", &["組織ID", "組織コード"]),
    col("name", &["組織名", "名称"]),
    col("name_en", &["英語名", "英文名"]),
    col("parent", &["上位組織", "親組織"]),
];
const POSTS: &[Column] = &[
    col("id", &["ポストID", "ポスト"]),
    col("unit", &["所属", "組織ID"]),
    col("title", &["官職", "官職名", "ポスト名"]),
    col("grade", GRADE),
    col("field", &["分野"]),
    col("impact", &["影響度"]),
    col("skills", &["必要スキル", "スキル"]),
    col("courses", &["対応研修", "研修ID", "研修"]),
    col("capacity", &["定員"]),
    opt("closed", &["廃止日"]),
];
const STAFF: &[Column] = &[
    col("id", &["職員番号", "staff_id"]),
    col("name", &["氏名"]),
    col("kana", &["フリガナ", "ふりがな", "カナ"]),
    col("birth_year", &["生年"]),
    col("grade", GRADE),
    col("track", &["採用区分"]),
    col("hired_on", &["採用日"]),
    col("skills", &["スキル"]),
    col("candidate", &["候補"]),
    col("status", &["状態"]),
    col("wishes", &["希望"]),
    col("notes", &["備考"]),
    opt("grade_since", &["昇任日"]),
    opt("status_until", &["復帰予定日"]),
    opt("promotable", &["昇任候補"]),
    opt("destination", &["出向先"]),
];
const COURSES: &[Column] = &[
    col("id", &["研修ID"]),
    col("name", &["研修名"]),
    col("provider", &["実施機関"]),
    col("field", &["分野"]),
    col("grades", &["対象役職"]),
    col("days", &["日数"]),
];
const SESSIONS: &[Column] = &[
    col("id", &["日程ID"]),
    col("course", &["研修ID", "研修"]),
    col("start", &["開始日"]),
    col("end", &["終了日"]),
    col("capacity", &["定員"]),
];
const ASSIGNMENTS: &[Column] = &[
    col("staff", &["職員番号", "staff_id"]),
    col("post", &["ポストID", "ポスト", "post_id"]),
    col("start", &["開始日"]),
    col("end", &["終了日"]),
    opt("concurrent", &["併任"]),
];
const ENROLLMENTS: &[Column] = &[
    col("staff", &["職員番号", "staff_id"]),
    col("course", &["研修ID", "研修", "course_id"]),
    col("session", &["日程ID", "日程", "session_id"]),
    col("status", &["状態"]),
    col("date", &["日付"]),
];

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Units,
        Kind::Posts,
        Kind::Staff,
        Kind::Courses,
        Kind::Sessions,
        Kind::Assignments,
        Kind::Enrollments,
    ];

    /// The kind's plural name, as `ChangeSet::upserts` counts key it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Units => "units",
            Kind::Posts => "posts",
            Kind::Staff => "staff",
            Kind::Courses => "courses",
            Kind::Sessions => "sessions",
            Kind::Assignments => "assignments",
            Kind::Enrollments => "enrollments",
        }
    }

    /// The file name exports write.
    pub fn file_name(self) -> String {
        format!("{}.csv", self.name())
    }

    /// Japanese file stems accepted on import.
    pub fn ja_stems(self) -> &'static [&'static str] {
        match self {
            Kind::Units => &["組織"],
            Kind::Posts => &["ポスト"],
            Kind::Staff => &["職員"],
            Kind::Courses => &["研修"],
            Kind::Sessions => &["日程", "研修日程"],
            Kind::Assignments => &["配置"],
            Kind::Enrollments => &["受講"],
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::Units => UNITS,
            Kind::Posts => POSTS,
            Kind::Staff => STAFF,
            Kind::Courses => COURSES,
            Kind::Sessions => SESSIONS,
            Kind::Assignments => ASSIGNMENTS,
            Kind::Enrollments => ENROLLMENTS,
        }
    }

    /// The kind a CSV file name stands for (`staff.csv`, `STAFF.CSV`, `職員.csv`).
    pub fn from_file_name(path: &Path) -> Option<Kind> {
        let name: String = path.file_name()?.to_str()?.nfc().collect();
        let name = name.to_lowercase();
        let stem = name.strip_suffix(".csv")?;
        Kind::ALL
            .into_iter()
            .find(|k| stem == k.name() || k.ja_stems().contains(&stem))
    }
}

/// Folds a header for comparison: NFKC (full-width to half-width and back for kana),
/// lower case, surrounding spaces gone, `-` and inner spaces as `_`.
pub fn fold_header(s: &str) -> String {
    let s: String = s.nfkc().collect();
    s.trim()
        .trim_start_matches('\u{FEFF}')
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '-' {
                '_'
            } else {
                c
            }
        })
        .collect::<String>()
        .to_lowercase()
}

/// Which position each column of a kind has in a file.
#[derive(Debug, Clone)]
pub struct Columns {
    at: Vec<(&'static str, usize)>,
    /// Number of fields in the header row.
    pub width: usize,
}

impl Columns {
    /// Position of a column, `None` when the file does not have it.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.at.iter().find(|(n, _)| *n == name).map(|(_, i)| *i)
    }
}

/// Matches a header row to the kind's columns; every problem with it is reported.
pub fn match_header(
    kind: Kind,
    file: &str,
    line: usize,
    header: &[&str],
) -> Result<Columns, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut at: Vec<(&'static str, usize)> = Vec::new();
    let expected: Vec<&str> = kind.columns().iter().map(|c| c.name).collect();
    // Trailing cells with no name (Excel leaves them after formatted columns) are not
    // columns; a value under one is reported as an extra field.
    let named = header
        .iter()
        .rposition(|h| !fold_header(h).is_empty())
        .map_or(0, |i| i + 1);
    for (i, raw) in header[..named].iter().enumerate() {
        let key = fold_header(raw);
        if key.is_empty() {
            problems.push(Problem::at(
                file,
                line,
                "header",
                format!("column {} has no name", i + 1),
            ));
            continue;
        }
        let found = kind.columns().iter().find(|c| {
            fold_header(c.name) == key || c.aliases.iter().any(|a| fold_header(a) == key)
        });
        match found {
            None => problems.push(Problem::at(
                file,
                line,
                "header",
                format!(
                    "unknown column '{}' (column {}); {} has {}",
                    crate::domain::text::clip(raw.trim(), 30),
                    i + 1,
                    kind.file_name(),
                    expected.join(", ")
                ),
            )),
            Some(c) => match at.iter().find(|(n, _)| *n == c.name) {
                Some((_, first)) => problems.push(Problem::at(
                    file,
                    line,
                    "header",
                    format!(
                        "duplicate column '{}' (columns {} and {})",
                        c.name,
                        first + 1,
                        i + 1
                    ),
                )),
                None => at.push((c.name, i)),
            },
        }
    }
    for c in kind.columns() {
        if !c.optional && !at.iter().any(|(n, _)| *n == c.name) {
            let ja = c
                .aliases
                .first()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
            problems.push(Problem::at(
                file,
                line,
                "header",
                format!("missing column '{}'{ja}", c.name),
            ));
        }
    }
    if problems.is_empty() {
        Ok(Columns { at, width: named })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(kind: Kind, header: &[&str]) -> Vec<String> {
        match match_header(kind, "f.csv", 1, header) {
            Ok(_) => vec![],
            Err(p) => p.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn japanese_and_width_variants_match() {
        let h = [
            "職員番号",
            "氏名",
            "ﾌﾘｶﾞﾅ",
            "生年",
            "役職／級",
            "採用区分",
            "採用日",
            "スキル",
            "候補",
            "状態",
            "希望",
            "備考",
            " Grade_Since ",
            "ＰＲＯＭＯＴＡＢＬＥ",
        ];
        let c = match_header(Kind::Staff, "f.csv", 1, &h).unwrap();
        assert_eq!(c.get("kana"), Some(2));
        assert_eq!(c.get("grade"), Some(4));
        assert_eq!(c.get("promotable"), Some(13));
        assert_eq!(c.get("status_until"), None);
    }

    #[test]
    fn header_errors_are_all_listed() {
        assert_eq!(
            problems(Kind::Units, &["id", "name", "氏名", "color", "組織名"]),
            vec![
                "f.csv:1: header: unknown column '氏名' (column 3); units.csv has id, name, name_en, parent",
                "f.csv:1: header: unknown column 'color' (column 4); units.csv has id, name, name_en, parent",
                "f.csv:1: header: duplicate column 'name' (columns 2 and 5)",
                "f.csv:1: header: missing column 'name_en' (英語名)",
                "f.csv:1: header: missing column 'parent' (上位組織)",
            ]
        );
    }

    #[test]
    fn trailing_unnamed_cells_are_ignored_but_inner_ones_are_not() {
        let c = match_header(
            Kind::Units,
            "f.csv",
            1,
            &["id", "name", "name_en", "parent", "", " "],
        );
        assert_eq!(c.unwrap().width, 4);
        assert_eq!(
            problems(Kind::Units, &["id", "", "name", "name_en", "parent"]),
            vec!["f.csv:1: header: column 2 has no name"]
        );
    }

    #[test]
    fn kinds_from_file_names() {
        assert_eq!(
            Kind::from_file_name(Path::new("a/STAFF.csv")),
            Some(Kind::Staff)
        );
        assert_eq!(
            Kind::from_file_name(Path::new("職員.csv")),
            Some(Kind::Staff)
        );
        assert_eq!(
            Kind::from_file_name(Path::new("研修日程.csv")),
            Some(Kind::Sessions)
        );
        assert_eq!(Kind::from_file_name(Path::new("staff.txt")), None);
    }
}
