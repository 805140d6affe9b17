//! The language table: every string the TUI shows, in Japanese and English. A struct
//! of fields (not a map) so that a string missing in one language fails to compile.
//! Sentences with numbers, dates or names in them are the `Lang` methods at the end.

use crate::domain::date::{iso, tenure_label};
use crate::domain::fit::Problem;
use crate::domain::training::Progress;
use crate::domain::{Date, EnrollmentStatus, Provider};

pub mod rotation;

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    Ja,
    #[default]
    En,
}

impl Lang {
    /// From $LC_ALL, $LC_MESSAGES or $LANG: Japanese when it starts with `ja`.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    return if v.starts_with("ja") {
                        Lang::Ja
                    } else {
                        Lang::En
                    };
                }
            }
        }
        Lang::En
    }

    pub fn is_ja(self) -> bool {
        self == Lang::Ja
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}

/// Every UI string. `{}`-free: callers compose numbers around them.
pub struct Texts {
    pub tab_staff: &'static str,
    pub tab_posts: &'static str,
    pub tab_training: &'static str,
    pub tab_rotation: &'static str,
    pub read_only: &'static str,
    pub read_write: &'static str,
    pub privacy_on: &'static str,
    pub hidden: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub filter_hint: &'static str,
    pub of: &'static str,
    pub sorted_by: &'static str,
    pub reversed: &'static str,
    pub no_match: &'static str,
    pub col_id: &'static str,
    pub col_name: &'static str,
    pub col_kana: &'static str,
    pub col_grade: &'static str,
    pub col_unit: &'static str,
    pub col_tenure: &'static str,
    pub sort_score: &'static str,
    pub sort_id: &'static str,
    pub sort_name: &'static str,
    pub sort_grade: &'static str,
    pub sort_unit: &'static str,
    pub sort_tenure: &'static str,
    pub sort_birth: &'static str,
    pub d_post: &'static str,
    pub d_none: &'static str,
    pub d_since: &'static str,
    pub d_due: &'static str,
    pub d_due_yes: &'static str,
    pub d_due_no: &'static str,
    pub d_term: &'static str,
    pub d_skills: &'static str,
    pub d_history: &'static str,
    pub d_courses: &'static str,
    pub d_wishes: &'static str,
    pub d_notes: &'static str,
    pub d_born: &'static str,
    pub d_hired: &'static str,
    pub d_status: &'static str,
    pub d_until: &'static str,
    pub d_candidate: &'static str,
    pub d_promotable: &'static str,
    pub d_now: &'static str,
    pub d_concurrent: &'static str,
    pub d_select: &'static str,
    pub help_title: &'static str,
    pub help_filter: &'static str,
    pub palette_title: &'static str,
    pub palette_hint: &'static str,
    pub confirm_title: &'static str,
    pub confirm_keys: &'static str,
    pub too_small: &'static str,
    pub unbound_key: &'static str,
    pub not_in_read_only: &'static str,
    pub bad_query: &'static str,
    pub keys_pending: &'static str,
    pub quit_confirm: &'static str,
    pub scope_global: &'static str,
    pub scope_help: &'static str,
    pub scope_input: &'static str,
    pub scope_confirm: &'static str,
    pub p_title: &'static str,
    pub p_filter_hint: &'static str,
    pub p_problems_only: &'static str,
    pub p_on: &'static str,
    pub p_off: &'static str,
    pub p_vacant: &'static str,
    pub p_no_match: &'static str,
    pub p_no_posts: &'static str,
    pub p_select: &'static str,
    pub p_unit: &'static str,
    pub p_grade: &'static str,
    pub p_impact: &'static str,
    pub p_seats: &'static str,
    pub p_needs: &'static str,
    pub p_holders: &'static str,
    pub p_problems: &'static str,
    pub p_none: &'static str,
    pub p_history: &'static str,
    pub p_never_held: &'static str,
    pub p_upcoming: &'static str,
    pub p_concurrent_note: &'static str,
    pub p_no_problems: &'static str,
    pub p_closed_cell: &'static str,
    pub p_closes: &'static str,
    pub m_vacant: &'static str,
    pub m_grade: &'static str,
    pub m_course: &'static str,
    pub m_skills: &'static str,
    pub m_due: &'static str,
    pub cs_missing: &'static str,
    pub cs_planned: &'static str,
    pub cs_completed: &'static str,
    pub op_select_post: &'static str,
    pub saving: &'static str,
    pub select_course: &'static str,
    pub select_enrollee: &'static str,
    pub no_session_with_room: &'static str,
    pub saving_wait: &'static str,
    pub select_person: &'static str,
    pub nothing_to_edit: &'static str,
    pub confirm_warnings: &'static str,
    pub nothing_to_undo: &'static str,
    pub log_title: &'static str,
    pub log_loading: &'static str,
    pub log_empty: &'static str,
    pub log_keys: &'static str,
    pub tr_title: &'static str,
    pub tr_gap_title: &'static str,
    pub tr_filter_hint: &'static str,
    pub tr_no_courses: &'static str,
    pub tr_no_match: &'static str,
    pub tr_no_gaps: &'static str,
    pub tr_select: &'static str,
    pub tr_view: &'static str,
    pub tr_view_courses: &'static str,
    pub tr_view_gaps: &'static str,
    pub tr_gaps: &'static str,
    pub tr_sort_id: &'static str,
    pub tr_sort_name: &'static str,
    pub tr_sort_provider: &'static str,
    pub tr_sort_next: &'static str,
    pub tr_sort_gaps: &'static str,
    pub tr_provider: &'static str,
    pub tr_field: &'static str,
    pub tr_grades: &'static str,
    pub tr_days: &'static str,
    pub tr_posts: &'static str,
    pub tr_sessions: &'static str,
    pub tr_course: &'static str,
    pub tr_dates: &'static str,
    pub tr_seats: &'static str,
    pub tr_enrollees: &'static str,
    pub tr_status: &'static str,
    pub tr_session: &'static str,
    pub tr_no_session: &'static str,
    pub tr_every_grade: &'static str,
    pub tr_ended: &'static str,
    pub tr_running: &'static str,
    pub tr_upcoming: &'static str,
    pub tr_no_posts: &'static str,
    pub tr_no_sessions: &'static str,
    pub tr_no_enrollees: &'static str,
    pub tr_for_post: &'static str,
    pub tr_post_no_courses: &'static str,
    pub tr_flag_planned: &'static str,
    pub tr_flag_failed: &'static str,
    pub tr_flag_away: &'static str,
    pub tr_legend: &'static str,
    pub tr_gap_legend: &'static str,
}

pub static EN: Texts = Texts {
    tab_staff: "Staff",
    tab_posts: "Posts",
    tab_training: "Training",
    tab_rotation: "Rotation",
    read_only: "RO",
    read_write: "RW",
    privacy_on: "privacy on: birth year, notes and wishes hidden",
    hidden: "(hidden)",
    loading: "loading…",
    load_failed: "could not load the database",
    filter_hint: "search by name, kana, romaji, id · grade:係長 unit: skill:pm>=2 due …",
    of: "of",
    sorted_by: "sorted by",
    reversed: "reversed",
    no_match: "no one matches",
    col_id: "id",
    col_name: "name",
    col_kana: "kana",
    col_grade: "grade",
    col_unit: "unit",
    col_tenure: "tenure",
    sort_score: "score",
    sort_id: "id",
    sort_name: "name",
    sort_grade: "grade",
    sort_unit: "unit",
    sort_tenure: "tenure",
    sort_birth: "birth year",
    d_post: "post",
    d_none: "— none —",
    d_since: "since",
    d_due: "due",
    d_due_yes: "yes",
    d_due_no: "no",
    d_term: "standard term",
    d_skills: "skills",
    d_history: "history",
    d_courses: "courses",
    d_wishes: "wishes",
    d_notes: "notes",
    d_born: "b.",
    d_hired: "hired",
    d_status: "status",
    d_until: "until",
    d_candidate: "candidate ★",
    d_promotable: "ready for promotion",
    d_now: "now",
    d_concurrent: "concurrent",
    d_select: "Select a person to see their record.",
    help_title: "Keys",
    help_filter: "type to filter",
    palette_title: "Commands",
    palette_hint: "type to find a command · Enter run · Esc close",
    confirm_title: "Confirm",
    confirm_keys: "y yes · n no",
    too_small: "Window too small: jinzai needs at least 80×24.",
    unbound_key: "no action for key",
    not_in_read_only: "not available in read-only mode",
    bad_query: "query",
    keys_pending: "keys",
    quit_confirm: "Quit jinzai?",
    scope_global: "All panes",
    scope_help: "Key help",
    scope_input: "Filter and palette line",
    scope_confirm: "Confirmation",
    p_title: "organisation",
    p_filter_hint: "filter posts by id, title, unit or holder",
    p_problems_only: "problems only",
    p_on: "on",
    p_off: "off",
    p_vacant: "— vacant —",
    p_no_match: "no post matches",
    p_no_posts: "there are no posts yet",
    p_select: "Select a post to see its detail.",
    p_unit: "unit",
    p_grade: "grade",
    p_impact: "impact",
    p_seats: "seats",
    p_needs: "needs",
    p_holders: "holders",
    p_problems: "problems",
    p_none: "none",
    p_history: "history",
    p_never_held: "no one has held this post",
    p_upcoming: "upcoming",
    p_concurrent_note: "concurrent: not held to the requirements",
    p_no_problems: "no problems",
    p_closed_cell: "— closed —",
    p_closes: "closes",
    m_vacant: "vacant",
    m_grade: "grade",
    m_course: "course",
    m_skills: "skills",
    m_due: "due",
    cs_missing: "not taken",
    cs_planned: "planned",
    cs_completed: "completed",
    op_select_post: "select a post first (this line is a unit)",
    saving: "saving…",
    select_course: "select a course first",
    select_enrollee: "select an enrollee (a person under a session) first",
    no_session_with_room: "no coming session of this course has room; P plans it without a session",
    saving_wait: "the last change is still being saved; try again in a moment",
    select_person: "select a person first",
    nothing_to_edit: "nothing to edit here: use the staff or posts pane",
    confirm_warnings: "These are warnings: y saves anyway, n goes back.",
    nothing_to_undo: "nothing to undo: no change has been made in this session",
    log_title: "Audit log",
    log_loading: "reading the audit log…",
    log_empty: "no changes recorded yet",
    log_keys: "type to filter · ↑↓ scroll · Esc close",
    tr_title: "courses",
    tr_gap_title: "gap list",
    tr_filter_hint: "filter by course, provider, session or person",
    tr_no_courses: "there are no courses yet",
    tr_no_match: "nothing matches",
    tr_no_gaps: "no gaps: everyone has completed or enrolled in the courses of their post",
    tr_select: "Select a course to see its detail.",
    tr_view: "view",
    tr_view_courses: "courses",
    tr_view_gaps: "gaps",
    tr_gaps: "gaps",
    tr_sort_id: "id",
    tr_sort_name: "name",
    tr_sort_provider: "provider",
    tr_sort_next: "next session",
    tr_sort_gaps: "gaps",
    tr_provider: "provider",
    tr_field: "field",
    tr_grades: "for",
    tr_days: "length",
    tr_posts: "posts",
    tr_sessions: "sessions",
    tr_course: "course",
    tr_dates: "dates",
    tr_seats: "seats",
    tr_enrollees: "enrollees",
    tr_status: "status",
    tr_session: "session",
    tr_no_session: "(no session yet)",
    tr_every_grade: "every grade",
    tr_ended: "ended",
    tr_running: "in progress",
    tr_upcoming: "upcoming",
    tr_no_posts: "no post asks for it",
    tr_no_sessions: "no sessions",
    tr_no_enrollees: "no one yet",
    tr_for_post: "training for post",
    tr_post_no_courses: "the post asks for no course",
    tr_flag_planned: "planned",
    tr_flag_failed: "failed",
    tr_flag_away: "away",
    tr_legend: "date: next session · gaps: people whose post asks for the course",
    tr_gap_legend: "planned: no session · failed: failed before · away: seconded or on leave",
};

pub static JA: Texts = Texts {
    tab_staff: "職員",
    tab_posts: "ポスト",
    tab_training: "研修",
    tab_rotation: "異動計画",
    read_only: "閲覧",
    read_write: "編集",
    privacy_on: "プライバシー表示: 生年・備考・希望を隠しています",
    hidden: "（非表示）",
    loading: "読み込み中…",
    load_failed: "データベースを読み込めません",
    filter_hint: "氏名・かな・ローマ字・職員番号で検索 · grade:係長 unit: skill:pm>=2 due …",
    of: "件中",
    sorted_by: "並び",
    reversed: "逆順",
    no_match: "該当者なし",
    col_id: "番号",
    col_name: "氏名",
    col_kana: "フリガナ",
    col_grade: "役職",
    col_unit: "所属",
    col_tenure: "在任",
    sort_score: "一致度",
    sort_id: "職員番号",
    sort_name: "氏名",
    sort_grade: "役職",
    sort_unit: "所属",
    sort_tenure: "在任期間",
    sort_birth: "生年",
    d_post: "ポスト",
    d_none: "— なし —",
    d_since: "から",
    d_due: "異動対象",
    d_due_yes: "はい",
    d_due_no: "いいえ",
    d_term: "標準在任",
    d_skills: "スキル",
    d_history: "経歴",
    d_courses: "研修",
    d_wishes: "希望",
    d_notes: "備考",
    d_born: "生年",
    d_hired: "採用",
    d_status: "状態",
    d_until: "まで",
    d_candidate: "候補 ★",
    d_promotable: "昇任候補",
    d_now: "現在",
    d_concurrent: "併任",
    d_select: "職員を選ぶと記録を表示します。",
    help_title: "キー一覧",
    help_filter: "入力して絞り込み",
    palette_title: "コマンド",
    palette_hint: "入力して検索 · Enter 実行 · Esc 閉じる",
    confirm_title: "確認",
    confirm_keys: "y はい · n いいえ",
    too_small: "ウィンドウが小さすぎます（80×24 以上が必要です）。",
    unbound_key: "割り当てのないキー",
    not_in_read_only: "閲覧モードでは使えません",
    bad_query: "検索式",
    keys_pending: "キー",
    quit_confirm: "jinzai を終了しますか？",
    scope_global: "全画面共通",
    scope_help: "キー一覧",
    scope_input: "入力行・コマンド",
    scope_confirm: "確認",
    p_title: "組織",
    p_filter_hint: "ポスト番号・名称・組織・在任者で絞り込み",
    p_problems_only: "問題のみ",
    p_on: "オン",
    p_off: "オフ",
    p_vacant: "— 欠員 —",
    p_no_match: "該当するポストなし",
    p_no_posts: "ポストが登録されていません",
    p_select: "ポストを選ぶと詳細を表示します。",
    p_unit: "組織",
    p_grade: "級",
    p_impact: "影響度",
    p_seats: "定員",
    p_needs: "要件",
    p_holders: "在任者",
    p_problems: "問題",
    p_none: "なし",
    p_history: "歴代在任者",
    p_never_held: "在任記録なし",
    p_upcoming: "着任予定",
    p_concurrent_note: "併任: 要件の対象外",
    p_no_problems: "問題なし",
    p_closed_cell: "— 廃止 —",
    p_closes: "廃止予定",
    m_vacant: "欠員",
    m_grade: "級",
    m_course: "研修",
    m_skills: "スキル",
    m_due: "異動時期",
    cs_missing: "未受講",
    cs_planned: "受講予定",
    cs_completed: "修了",
    op_select_post: "先にポストを選んでください（この行は組織です）",
    saving: "保存中…",
    select_course: "先に研修を選んでください",
    select_enrollee: "先に受講者（回次の下の職員）を選んでください",
    no_session_with_room: "この研修の今後の回次に空きがありません（P で回次未定の予定にできます）",
    saving_wait: "直前の変更を保存中です。少し待ってから操作してください",
    select_person: "先に職員を選んでください",
    nothing_to_edit: "この画面には編集できる記録がありません（職員・ポスト画面で編集します）",
    confirm_warnings: "警告があります: y でこのまま保存、n で戻ります。",
    nothing_to_undo: "取り消せる変更はありません（この起動中の変更はまだありません）",
    log_title: "変更履歴（監査ログ）",
    log_loading: "監査ログを読み込み中…",
    log_empty: "記録された変更はまだありません",
    log_keys: "入力で絞り込み · ↑↓ スクロール · Esc 閉じる",
    tr_title: "研修",
    tr_gap_title: "未受講者一覧",
    tr_filter_hint: "研修・実施機関・日程・受講者で絞り込み",
    tr_no_courses: "研修が登録されていません",
    tr_no_match: "該当なし",
    tr_no_gaps: "未受講者はいません（全員がポストの研修を修了または申込済み）",
    tr_select: "研修を選ぶと詳細を表示します。",
    tr_view: "表示",
    tr_view_courses: "研修",
    tr_view_gaps: "未受講者",
    tr_gaps: "未受講",
    tr_sort_id: "番号",
    tr_sort_name: "名称",
    tr_sort_provider: "実施機関",
    tr_sort_next: "次回日程",
    tr_sort_gaps: "未受講者数",
    tr_provider: "実施機関",
    tr_field: "分野",
    tr_grades: "対象",
    tr_days: "日数",
    tr_posts: "ポスト",
    tr_sessions: "日程",
    tr_course: "研修",
    tr_dates: "期間",
    tr_seats: "座席",
    tr_enrollees: "受講者",
    tr_status: "状況",
    tr_session: "日程",
    tr_no_session: "（日程未定）",
    tr_every_grade: "全級",
    tr_ended: "終了",
    tr_running: "実施中",
    tr_upcoming: "実施予定",
    tr_no_posts: "対応するポストなし",
    tr_no_sessions: "日程なし",
    tr_no_enrollees: "受講者なし",
    tr_for_post: "ポストの研修",
    tr_post_no_courses: "ポストに対応する研修なし",
    tr_flag_planned: "受講予定",
    tr_flag_failed: "未修了歴",
    tr_flag_away: "不在",
    tr_legend: "日付: 次回日程 · 未受講: ポストの研修を受けていない人数",
    tr_gap_legend: "受講予定: 日程未定 · 未修了歴: 過去に未修了 · 不在: 出向・休職中",
};

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
