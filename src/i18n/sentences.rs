//! Sentences with numbers, dates or names in them, which each language words in its
//! own order: the `Lang` methods the posts and training panes and the change flows
//! use.

use super::Lang;
use crate::domain::date::{iso, tenure_label};
use crate::domain::fit::Problem;
use crate::domain::training::Progress;
use crate::domain::{Date, EnrollmentStatus, Provider};

/// Sentences with values in them, which each language words in its own order.
impl Lang {
    /// `12 of 84 posts` / `84件中12件`.
    pub fn posts_shown(self, shown: usize, total: usize) -> String {
        let (shown, total) = (thousands(shown), thousands(total));
        match self {
            Lang::En => format!("{shown} of {total} posts"),
            Lang::Ja => format!("{total}件中{shown}件"),
        }
    }

    /// A unit's counts: `3 posts · 2 !` / `3件 · 問題2`.
    pub fn unit_counts(self, posts: usize, problems: usize) -> String {
        let n = thousands(posts);
        let p = thousands(problems);
        match (self, problems) {
            (Lang::En, 0) if posts == 1 => "1 post".to_string(),
            (Lang::En, 0) => format!("{n} posts"),
            (Lang::En, _) if posts == 1 => format!("1 post · {p} !"),
            (Lang::En, _) => format!("{n} posts · {p} !"),
            (Lang::Ja, 0) => format!("{n}件"),
            (Lang::Ja, _) => format!("{n}件 · 問題{p}"),
        }
    }

    /// `vacant since 2026-04-01` / `2026-04-01から欠員`.
    pub fn vacant_since(self, date: Date) -> String {
        match self {
            Lang::En => format!("vacant since {}", iso(date)),
            Lang::Ja => format!("{}から欠員", iso(date)),
        }
    }

    /// `closed on 2026-04-01` / `2026-04-01に廃止`.
    pub fn closed_on(self, date: Date) -> String {
        match self {
            Lang::En => format!("closed on {}", iso(date)),
            Lang::Ja => format!("{}に廃止", iso(date)),
        }
    }

    /// `1 of 2 seats filled` / `定員2のうち1名在任`.
    pub fn seats_filled(self, held: u16, seats: u16) -> String {
        match self {
            Lang::En if seats == 1 => format!("{held} of 1 seat filled"),
            Lang::En => format!("{held} of {seats} seats filled"),
            Lang::Ja => format!("定員{seats}のうち{held}名在任"),
        }
    }

    /// `since 2021-10-01 · 5y 1m` / `2021-10-01から · 5y 1m`.
    pub fn held_since(self, start: Date, months: i32) -> String {
        match self {
            Lang::En => format!("since {} · {}", iso(start), tenure_label(months)),
            Lang::Ja => format!("{}から · {}", iso(start), tenure_label(months)),
        }
    }

    /// What is wrong with a post, in words. `who` is the holder's name, `course_name`
    /// the course's name ("" if unknown), `term` the standard term in months.
    pub fn problem(self, p: &Problem, who: &str, course_name: &str, term: u32) -> String {
        let t = self.texts();
        match (self, p) {
            (_, Problem::Vacant { seats, held, since }) => {
                let when = since
                    .map(|d| d.tomorrow().unwrap_or(d))
                    .map(|d| match self {
                        Lang::En => format!(", {}", self.vacant_since(d)),
                        Lang::Ja => format!("（{}）", self.vacant_since(d)),
                    })
                    .unwrap_or_default();
                format!("{}: {}{when}", t.m_vacant, self.seats_filled(*held, *seats))
            }
            (
                Lang::En,
                Problem::GradeMismatch {
                    grade, post_grade, ..
                },
            ) => format!(
                "grade: {who} is {}, the post is for {}",
                grade.ja(),
                post_grade.ja()
            ),
            (
                Lang::Ja,
                Problem::GradeMismatch {
                    grade, post_grade, ..
                },
            ) => format!("級: {who} は{}、ポストは{}", grade.ja(), post_grade.ja()),
            (
                Lang::En,
                Problem::MissingCourse {
                    course, planned, ..
                },
            ) => format!(
                "course: {who} has not completed {}{}",
                course_label(course, course_name),
                if *planned { " (planned)" } else { "" }
            ),
            (
                Lang::Ja,
                Problem::MissingCourse {
                    course, planned, ..
                },
            ) => format!(
                "研修: {who} は {} を未修了{}",
                course_label(course, course_name),
                if *planned { "（受講予定）" } else { "" }
            ),
            (
                Lang::En,
                Problem::SkillsBelow {
                    skill, have, need, ..
                },
            ) => {
                format!("skills: {who} has {skill} {have}, the post needs {need}")
            }
            (
                Lang::Ja,
                Problem::SkillsBelow {
                    skill, have, need, ..
                },
            ) => {
                format!("スキル: {who} の {skill} は {have}（必要{need}）")
            }
            (Lang::En, Problem::Due { months, .. }) => format!(
                "due: {who} has held the post {}, the standard term is {term}m",
                tenure_label(*months)
            ),
            (Lang::Ja, Problem::Due { months, .. }) => format!(
                "異動時期: {who} は在任 {}（標準{term}か月）",
                tenure_label(*months)
            ),
        }
    }

    /// The last line of a history cut short: `… 3 earlier` / `… ほか3件`.
    pub fn more_history(self, n: usize) -> String {
        match self {
            Lang::En => format!("  … {n} earlier"),
            Lang::Ja => format!("  … ほか{n}件"),
        }
    }

    /// The date form's title for an assignment or a transfer.
    pub fn assign_title(self, staff: &str, post: &str, transfer: bool) -> String {
        match (self, transfer) {
            (Lang::En, false) => format!("Assign {staff} to {post}"),
            (Lang::En, true) => format!("Transfer {staff} to {post}"),
            (Lang::Ja, false) => format!("{staff} を {post} に配置"),
            (Lang::Ja, true) => format!("{staff} を {post} へ異動"),
        }
    }

    /// The date form's title for ending a holding.
    pub fn end_title(self, staff: &str, post: &str) -> String {
        match self {
            Lang::En => format!("End {staff} in {post}: last day"),
            Lang::Ja => format!("{staff} の {post} 在任の終了日"),
        }
    }

    /// The date form's title for closing a post.
    pub fn close_title(self, post: &str) -> String {
        match self {
            Lang::En => format!("Close {post} from"),
            Lang::Ja => format!("{post} の廃止日"),
        }
    }

    /// The summary of an undo, as the audit log records it.
    pub fn undo_summary(self, seq: u64, summary: &str) -> String {
        match self {
            Lang::En => format!("Undo #{seq}: {summary}"),
            Lang::Ja => format!("取り消し #{seq}: {summary}"),
        }
    }

    /// After a change is written.
    pub fn saved(self, seq: u64, summary: &str) -> String {
        match self {
            Lang::En => format!("saved #{seq}: {summary} (u undoes)"),
            Lang::Ja => format!("保存しました #{seq}: {summary}（u で取り消し）"),
        }
    }

    /// After an undo is written.
    /// On disk, while the lists catch up (no "u undoes" yet: undo waits for them).
    pub fn saved_refreshing(self, seq: u64, summary: &str) -> String {
        match self {
            Lang::En => format!("saved #{seq}: {summary} · updating the lists…"),
            Lang::Ja => format!("保存しました #{seq}: {summary} · 一覧を更新中…"),
        }
    }

    pub fn undone(self, seq: u64, summary: &str) -> String {
        match self {
            Lang::En => format!("saved #{seq}: {summary}"),
            Lang::Ja => format!("保存しました #{seq}: {summary}"),
        }
    }

    /// When a change could not be written.
    pub fn not_saved(self, why: &str) -> String {
        match self {
            Lang::En => format!("not saved, nothing changed: {why}"),
            Lang::Ja => format!("保存できませんでした（変更なし）: {why}"),
        }
    }

    /// A holder action on a post with no one in it.
    pub fn op_no_holder(self, post: &str) -> String {
        match self {
            Lang::En => format!("{post} has no holder today"),
            Lang::Ja => format!("{post} には現在の在任者がいません"),
        }
    }

    /// `2 of 17 courses` / `17件中2件`.
    pub fn courses_shown(self, shown: usize, total: usize) -> String {
        let (shown, total) = (thousands(shown), thousands(total));
        match self {
            Lang::En => format!("{shown} of {total} courses"),
            Lang::Ja => format!("{total}件中{shown}件"),
        }
    }

    /// `3 of 40 gaps` / `40件中3件`.
    pub fn gaps_shown(self, shown: usize, total: usize) -> String {
        let (shown, total) = (thousands(shown), thousands(total));
        match self {
            Lang::En if total == "1" => format!("{shown} of 1 gap"),
            Lang::En => format!("{shown} of {total} gaps"),
            Lang::Ja => format!("{total}件中{shown}件"),
        }
    }

    /// A course's people on the gap list, for its row: `3 gaps` / `未受講3`; empty
    /// for none.
    pub fn gap_count(self, n: usize) -> String {
        match (self, n) {
            (_, 0) => String::new(),
            (Lang::En, 1) => "1 gap".into(),
            (Lang::En, _) => format!("{} gaps", thousands(n)),
            (Lang::Ja, _) => format!("未受講{}", thousands(n)),
        }
    }

    /// The last line of a list cut short: `… 3 more` / `… ほか3件`.
    pub fn more(self, n: usize) -> String {
        match self {
            Lang::En => format!("  … {} more", thousands(n)),
            Lang::Ja => format!("  … ほか{}件", thousands(n)),
        }
    }

    /// `1 person` / `3 people` / `3名`.
    pub fn people(self, n: usize) -> String {
        match (self, n) {
            (Lang::En, 1) => "1 person".into(),
            (Lang::En, _) => format!("{} people", thousands(n)),
            (Lang::Ja, _) => format!("{}名", thousands(n)),
        }
    }

    /// A session's seats and how many are enrolled and have completed, for its row;
    /// `long` spells the words out.
    pub fn session_counts(
        self,
        taken: usize,
        capacity: u16,
        enrolled: usize,
        completed: usize,
        long: bool,
    ) -> String {
        match (self, long) {
            (Lang::En, true) => {
                format!("seats {taken}/{capacity} · enrolled {enrolled} · completed {completed}")
            }
            (Lang::En, false) => format!("{taken}/{capacity} · enr {enrolled} · done {completed}"),
            (Lang::Ja, true) => {
                format!("座席{taken}/{capacity} · 受講中{enrolled} · 修了{completed}")
            }
            (Lang::Ja, false) => format!("{taken}/{capacity} · 受講中{enrolled} · 修了{completed}"),
        }
    }

    /// The plans without a session: `2 planned` / `予定2`.
    pub fn plans_count(self, n: usize) -> String {
        match self {
            Lang::En => format!("{n} planned"),
            Lang::Ja => format!("予定{n}"),
        }
    }

    /// `1 of 20 taken · 19 free` / `20席中1席 · 空き19`.
    pub fn seats_taken(self, taken: usize, capacity: u16) -> String {
        let free = (capacity as usize).saturating_sub(taken);
        match self {
            Lang::En => format!("{taken} of {capacity} taken · {free} free"),
            Lang::Ja => format!("{capacity}席中{taken}席 · 空き{free}"),
        }
    }

    /// How long a course runs: `5 days` / `5日`.
    pub fn days(self, n: u16) -> String {
        match (self, n) {
            (Lang::En, 1) => "1 day".into(),
            (Lang::En, _) => format!("{n} days"),
            (Lang::Ja, _) => format!("{n}日"),
        }
    }

    /// Who runs a course; `short` for the tree's column.
    pub fn provider(self, p: Provider, short: bool) -> &'static str {
        match (self, p, short) {
            (Lang::En, Provider::DigitalAgency, true) => "DA",
            (Lang::En, Provider::DigitalAgency, false) => "Digital Agency",
            (Lang::En, Provider::Nco, true) => "NCO",
            (Lang::En, Provider::Nco, false) => "NCO (National Cybersecurity Office)",
            (Lang::En, Provider::InHouse, _) => "in-house",
            (Lang::En, Provider::External, _) => "external",
            (Lang::Ja, Provider::Nco, true) => "NCO",
            (Lang::Ja, p, _) => p.ja(),
        }
    }

    /// An enrollment status in a word.
    pub fn status(self, s: EnrollmentStatus) -> &'static str {
        match self {
            Lang::En => s.code(),
            Lang::Ja => s.ja(),
        }
    }

    /// A course's number of sessions, for its detail: `3 sessions` / `3回`.
    pub fn sessions(self, n: usize) -> String {
        match (self, n) {
            (Lang::En, 1) => "1 session".into(),
            (Lang::En, _) => format!("{} sessions", thousands(n)),
            (Lang::Ja, _) => format!("{}回", thousands(n)),
        }
    }

    /// Where a person stands with a course of their post, after the course's name.
    pub fn progress(self, p: &Progress) -> String {
        let t = self.texts();
        let date = |d: &Option<Date>| d.map(|d| format!(" {}", iso(d))).unwrap_or_default();
        match (self, p) {
            (_, Progress::Completed { on, .. }) => {
                format!("{}{}", self.status(EnrollmentStatus::Completed), date(on))
            }
            (
                _,
                Progress::Enrolled {
                    status,
                    session,
                    start,
                    end,
                },
            ) => {
                let session = session.as_ref().map(|s| s.to_string()).unwrap_or_default();
                let dates = match (start, end) {
                    (Some(s), Some(e)) => match self {
                        Lang::En => format!(" ({})", date_range(*s, *e)),
                        Lang::Ja => format!("（{}）", date_range(*s, *e)),
                    },
                    _ => String::new(),
                };
                format!("{} {session}{dates}", self.status(*status))
            }
            (Lang::En, Progress::Planned { .. }) => "planned, no session yet".into(),
            (Lang::Ja, Progress::Planned { .. }) => "受講予定（日程未定）".into(),
            (Lang::En, Progress::Missing { failed: true }) => {
                format!("{} (failed before)", t.cs_missing)
            }
            (Lang::Ja, Progress::Missing { failed: true }) => {
                format!("{}（未修了あり）", t.cs_missing)
            }
            (_, Progress::Missing { failed: false }) => t.cs_missing.to_string(),
        }
    }
}

/// `2025-06-02–06-06`, the end's year left out when it is the start's;
/// `2025-12-22–2026-01-09` otherwise.
pub fn date_range(start: Date, end: Date) -> String {
    let (s, e) = (iso(start), iso(end));
    if start.year() == end.year() {
        format!("{s}–{}", e.get(5..).unwrap_or(&e))
    } else {
        format!("{s}–{e}")
    }
}

/// `C-PM プロジェクト管理研修`, or the id alone when the name is unknown.
fn course_label(id: &str, name: &str) -> String {
    if name.is_empty() {
        id.to_string()
    } else {
        format!("{id} {name}")
    }
}

use crate::domain::text::thousands;
