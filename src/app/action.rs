//! Every command the user can run, as a named `Action`, and the one registry
//! (`ACTIONS`) that the keymap, the help overlay and the command palette are built from.
//!
//! To add a command: add a variant to `Action` and an `ActionSpec` at the same position
//! in `ACTIONS` (a test checks the order), bind it in `keymaps/default.toml`, `vim.toml`
//! and `emacs.toml`, and handle it in `update()`.

/// The name that, in a keymap file, unbinds a key instead of running an action.
pub const NOOP: &str = "noop";

/// Where a binding lives and where an action belongs. Each scope is one section of a
/// keymap file, named by [`Scope::name`].
///
/// The four panes fall back to `Global`: a key not bound in the pane's own section is
/// looked up in `[global]`. The overlays (`Help`, `Input`, `Confirm`) are self-contained:
/// while one is open only its own section applies, so typing `q` into the filter line
/// types a `q` rather than quitting. `Input` is any one-line text input with a list
/// under it: the filter line and the command palette; keys not bound there are text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    Staff,
    Posts,
    Training,
    Rotation,
    Help,
    Input,
    Confirm,
}

impl Scope {
    /// All scopes, in the order the help overlay and keymap files list them.
    pub const ALL: [Scope; 8] = [
        Scope::Global,
        Scope::Staff,
        Scope::Posts,
        Scope::Training,
        Scope::Rotation,
        Scope::Help,
        Scope::Input,
        Scope::Confirm,
    ];

    /// The section name in a keymap file.
    pub const fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Staff => "staff",
            Scope::Posts => "posts",
            Scope::Training => "training",
            Scope::Rotation => "rotation",
            Scope::Help => "help",
            Scope::Input => "input",
            Scope::Confirm => "confirm",
        }
    }

    pub fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }

    /// True for the four panes (staff, posts, training, rotation).
    pub const fn is_pane(self) -> bool {
        matches!(
            self,
            Scope::Staff | Scope::Posts | Scope::Training | Scope::Rotation
        )
    }

    /// The sections searched for a key while this scope has focus, most specific first.
    pub fn chain(self) -> &'static [Scope] {
        match self {
            Scope::Global => &[Scope::Global],
            Scope::Staff => &[Scope::Staff, Scope::Global],
            Scope::Posts => &[Scope::Posts, Scope::Global],
            Scope::Training => &[Scope::Training, Scope::Global],
            Scope::Rotation => &[Scope::Rotation, Scope::Global],
            Scope::Help => &[Scope::Help],
            Scope::Input => &[Scope::Input],
            Scope::Confirm => &[Scope::Confirm],
        }
    }

    /// Whether an action whose home is `self` may be bound in section `section`:
    /// global actions anywhere, a pane's actions in that pane or in `[global]`,
    /// an overlay's actions only in that overlay.
    pub fn bindable_in(self, section: Scope) -> bool {
        self == Scope::Global || self == section || (self.is_pane() && section == Scope::Global)
    }
}

/// A command. The order of variants is the order of `ACTIONS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    Palette,
    PaneStaff,
    PanePosts,
    PaneTraining,
    PaneRotation,
    NextPane,
    PrevPane,
    MoveDown,
    MoveUp,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Filter,
    Open,
    Back,
    Submit,
    TogglePrivacy,
    ToggleDetail,
    CycleSort,
    SortReverse,
    Expand,
    Collapse,
    ExpandAll,
    CollapseAll,
    ProblemsOnly,
    TrainingExpand,
    TrainingCollapse,
    TrainingExpandAll,
    TrainingCollapseAll,
    TrainingSort,
    GapView,
    AuditLog,
    Edit,
    Assign,
    EndAssignment,
    Transfer,
    Concurrent,
    AddStaff,
    AddPost,
    AddUnit,
    ClosePost,
    Enroll,
    PlanCourse,
    Complete,
    Fail,
    CancelEnrollment,
    MoveSession,
    BulkEnroll,
    ToggleMark,
    PlanRun,
    PlanSettings,
    PlanPin,
    PlanExclude,
    PlanExcludePost,
    PlanSwap,
    PlanNextView,
    PlanPrevView,
    PlanChains,
    PlanMix,
    PlanSaveScenario,
    PlanScenarios,
    PlanMark,
    PlanRemove,
    PlanAccept,
    PlanExport,
    PlanEnroll,
    Undo,
    ConfirmYes,
    ConfirmNo,
}

/// The description of one action: its name in keymap files, what it does in English
/// and Japanese, whether it changes stored data, and where it belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionSpec {
    pub action: Action,
    /// snake_case; the `run = "..."` value in keymap files.
    pub name: &'static str,
    pub desc_en: &'static str,
    pub desc_ja: &'static str,
    /// Changes stored data; hidden (unbound and left out of listings) in `--read-only`.
    pub mutating: bool,
    /// The scope the action belongs to; the palette lists `Global` actions and those of
    /// the focused pane. See [`Scope::bindable_in`].
    pub scope: Scope,
}

impl ActionSpec {
    /// The description in Japanese (`japanese = true`) or English.
    pub fn desc(&self, japanese: bool) -> &'static str {
        if japanese {
            self.desc_ja
        } else {
            self.desc_en
        }
    }
}

const fn spec(
    action: Action,
    name: &'static str,
    desc_en: &'static str,
    desc_ja: &'static str,
    mutating: bool,
    scope: Scope,
) -> ActionSpec {
    ActionSpec {
        action,
        name,
        desc_en,
        desc_ja,
        mutating,
        scope,
    }
}

use Action as A;
use Scope as S;

/// The registry: one entry per `Action`, in variant order.
#[rustfmt::skip]
pub static ACTIONS: &[ActionSpec] = &[
    spec(A::Quit, "quit", "Quit jinzai", "jinzai を終了する", false, S::Global),
    spec(A::Help, "help", "Show the key help", "キー操作の一覧を表示する", false, S::Global),
    spec(A::Palette, "palette", "Open the command palette", "コマンドパレットを開く", false, S::Global),
    spec(A::PaneStaff, "pane_staff", "Go to the staff pane", "職員ペインへ移動する", false, S::Global),
    spec(A::PanePosts, "pane_posts", "Go to the posts pane", "ポストペインへ移動する", false, S::Global),
    spec(A::PaneTraining, "pane_training", "Go to the training pane", "研修ペインへ移動する", false, S::Global),
    spec(A::PaneRotation, "pane_rotation", "Go to the rotation planning pane", "ローテーション計画ペインへ移動する", false, S::Global),
    spec(A::NextPane, "next_pane", "Go to the next pane", "次のペインへ移動する", false, S::Global),
    spec(A::PrevPane, "prev_pane", "Go to the previous pane", "前のペインへ移動する", false, S::Global),
    spec(A::MoveDown, "move_down", "Move the selection down one row", "選択を1行下へ移動する", false, S::Global),
    spec(A::MoveUp, "move_up", "Move the selection up one row", "選択を1行上へ移動する", false, S::Global),
    spec(A::Top, "top", "Go to the first row", "先頭の行へ移動する", false, S::Global),
    spec(A::Bottom, "bottom", "Go to the last row", "末尾の行へ移動する", false, S::Global),
    spec(A::PageUp, "page_up", "Scroll up one page", "1ページ上へスクロールする", false, S::Global),
    spec(A::PageDown, "page_down", "Scroll down one page", "1ページ下へスクロールする", false, S::Global),
    spec(A::Filter, "filter", "Type in the filter line to narrow the list", "絞り込み欄に入力してリストを絞り込む", false, S::Global),
    spec(A::Open, "open", "Open the selected record in detail", "選択中のレコードの詳細を開く", false, S::Global),
    spec(A::Back, "back", "Go back, close or cancel", "戻る・閉じる・取り消す", false, S::Global),
    spec(A::Submit, "submit", "Apply the filter, or run the chosen command", "絞り込みを確定する、または選んだコマンドを実行する", false, S::Input),
    spec(A::TogglePrivacy, "toggle_privacy", "Hide or show birth year, notes and wishes (for screen sharing)", "生年・備考・希望の表示を切り替える（画面共有用）", false, S::Global),
    spec(A::ToggleDetail, "toggle_detail", "Show or hide the detail column", "詳細列の表示を切り替える", false, S::Global),
    spec(A::CycleSort, "cycle_sort", "Sort staff by the next key: score, name, grade, unit, tenure, birth year", "職員の並び順を切り替える（スコア・氏名・級・所属・在職期間・生年）", false, S::Staff),
    spec(A::SortReverse, "sort_reverse", "Reverse the staff sort order", "職員の並び順を逆にする", false, S::Staff),
    spec(A::Expand, "expand", "Unfold the selected unit (on an unfolded one, go to its first line)", "選択中の組織を開く（開いていれば最初の行へ）", false, S::Posts),
    spec(A::Collapse, "collapse", "Fold the selected unit (on a post, go to its unit)", "選択中の組織を閉じる（ポストでは所属組織へ）", false, S::Posts),
    spec(A::ExpandAll, "expand_all", "Unfold every unit", "すべての組織を開く", false, S::Posts),
    spec(A::CollapseAll, "collapse_all", "Fold every unit", "すべての組織を閉じる", false, S::Posts),
    spec(A::ProblemsOnly, "problems_only", "Show only posts with problems (vacant, grade, course, skills, due)", "問題のあるポストだけを表示する（欠員・級・研修・スキル・異動時期）", false, S::Posts),
    spec(A::TrainingExpand, "training_expand", "Unfold the selected course or session (on an unfolded one, go to its first line)", "選択中の研修・日程を開く（開いていれば最初の行へ）", false, S::Training),
    spec(A::TrainingCollapse, "training_collapse", "Fold the selected course or session (on a person or session, go to the line above it)", "選択中の研修・日程を閉じる（受講者・日程では上の行へ）", false, S::Training),
    spec(A::TrainingExpandAll, "training_expand_all", "Unfold every course and session", "すべての研修・日程を開く", false, S::Training),
    spec(A::TrainingCollapseAll, "training_collapse_all", "Fold every course, leaving the list of courses", "すべての研修を閉じる（研修の一覧に戻る）", false, S::Training),
    spec(A::TrainingSort, "training_sort", "Sort courses by the next key: id, name, provider, next session, gaps", "研修の並び順を切り替える（番号・名称・実施機関・次回日程・未受講者数）", false, S::Training),
    spec(A::GapView, "gap_view", "Show the gap list: people whose post asks for a course they have neither completed nor enrolled in, by course", "未受講者一覧（ポストに対応する研修を修了も申込もしていない職員、研修ごと）を表示する", false, S::Training),
    spec(A::AuditLog, "audit_log", "Show the audit log: every change, who made it and when", "監査ログ（変更履歴: 誰がいつ何を変えたか）を表示する", false, S::Global),
    spec(A::Edit, "edit", "Edit the selected record", "選択中のレコードを編集する", true, S::Global),
    spec(A::Assign, "assign", "Assign a person to the selected post", "選択中のポストに職員を配置する", true, S::Posts),
    spec(A::EndAssignment, "end_assignment", "End the selected holder's assignment to the post", "選択中の在任者の配置を終了する", true, S::Posts),
    spec(A::Transfer, "transfer", "Move a person into the selected post (their current post ends the day before)", "職員を選択中のポストへ異動する（現ポストは前日で終了）", true, S::Posts),
    spec(A::Concurrent, "concurrent", "Mark the selected holder's assignment concurrent (併任), or primary again", "選択中の在任者の配置を併任にする（または本務に戻す）", true, S::Posts),
    spec(A::AddStaff, "add_staff", "Add a person (a new hire)", "職員を追加する（新規採用）", true, S::Staff),
    spec(A::AddPost, "add_post", "Add a post to the selected unit", "選択中の組織にポストを追加する", true, S::Posts),
    spec(A::AddUnit, "add_unit", "Add a unit under the selected unit", "選択中の組織の下に組織を追加する", true, S::Posts),
    spec(A::ClosePost, "close_post", "Close the selected post from a date (its history stays)", "選択中のポストを廃止する（履歴は残る）", true, S::Posts),
    spec(A::Enroll, "enroll", "Enroll people in the selected session (Tab marks several)", "選択中の回次に職員を受講登録する（Tab で複数選択）", true, S::Training),
    spec(A::PlanCourse, "plan_course", "Plan the selected course for people, without a session yet", "選択中の研修を職員の受講予定にする（回次は未定）", true, S::Training),
    spec(A::Complete, "complete", "Mark the selected enrollment completed on a date", "選択中の受講を修了にする（日付を入力）", true, S::Training),
    spec(A::Fail, "fail", "Mark the selected enrollment failed (未修了) on a date", "選択中の受講を未修了にする（日付を入力）", true, S::Training),
    spec(A::CancelEnrollment, "cancel_enrollment", "Cancel the selected enrollment or plan", "選択中の受講登録・予定を取り消す", true, S::Training),
    spec(A::MoveSession, "move_session", "Move the selected enrollment to another session", "選択中の受講を別の回次へ移す", true, S::Training),
    spec(A::BulkEnroll, "bulk_enroll", "Enroll the selected course's whole gap list in the next sessions with room", "選択中の研修の未受講者を空きのある次の回次へ一括登録する", true, S::Training),
    spec(A::ToggleMark, "toggle_mark", "Mark or unmark the person under the cursor (choosing several)", "カーソル位置の職員の選択を切り替える（複数選択）", false, S::Input),
    spec(A::PlanRun, "plan_run", "Work out the rotation plan again with the current settings, pins and excludes", "現在の設定・固定・除外でローテーション計画を作り直す", false, S::Rotation),
    spec(A::PlanSettings, "plan_settings", "Change the plan's date, standard term or settings file (weights)", "計画の基準日・標準在任期間・設定ファイル（重み）を変更する", false, S::Rotation),
    spec(A::PlanPin, "plan_pin", "Pin the selected person to the proposed post (or unpin), and run again", "選択中の職員を提案ポストに固定する（または解除）して再計算する", false, S::Rotation),
    spec(A::PlanExclude, "plan_exclude", "Leave the selected person out of the plan (or bring them back), and run again", "選択中の職員を計画から除外する（または戻す）して再計算する", false, S::Rotation),
    spec(A::PlanExcludePost, "plan_exclude_post", "Leave the selected post out of the plan (or bring it back), and run again", "選択中のポストを計画から除外する（または戻す）して再計算する", false, S::Rotation),
    spec(A::PlanSwap, "plan_swap", "Swap two proposals by hand: mark one, then the other; shows the change in score", "2つの提案を手で入れ替える（1つ目、2つ目の順に選ぶ）。スコアの増減を表示する", false, S::Rotation),
    spec(A::PlanNextView, "plan_next_view", "Show the next list: proposals, stays, unplaced, unfilled, chains, unit mix, scenarios, comparison, settings", "次の一覧を表示する（提案・残留・未配置・欠員・連鎖・年代構成・シナリオ・比較・設定）", false, S::Rotation),
    spec(A::PlanPrevView, "plan_prev_view", "Show the previous list", "前の一覧を表示する", false, S::Rotation),
    spec(A::PlanChains, "plan_chains", "Show the moves as chains: who fills the post each move leaves", "異動を連鎖で表示する（空いたポストを誰が埋めるか）", false, S::Rotation),
    spec(A::PlanMix, "plan_mix", "Show each unit's generational mix before and after the plan", "組織ごとの年代構成（計画の前後）を表示する", false, S::Rotation),
    spec(A::PlanSaveScenario, "plan_save_scenario", "Save the plan's inputs (date, weights, pins, excludes, swaps) as a named scenario", "計画の条件（基準日・重み・固定・除外・入替）を名前を付けてシナリオとして保存する", true, S::Rotation),
    spec(A::PlanScenarios, "plan_scenarios", "Show the saved scenarios; in that list, compare the marked ones (or all) side by side", "保存したシナリオを表示する。一覧では選んだもの（なければ全て）を並べて比較する", false, S::Rotation),
    spec(A::PlanMark, "plan_mark", "Mark the selected scenario for comparison", "選択中のシナリオを比較対象にする", false, S::Rotation),
    spec(A::PlanRemove, "plan_remove", "Delete the selected scenario, or the selected pin, exclusion or swap in the settings list", "選択中のシナリオ、または設定一覧の固定・除外・入替を削除する", true, S::Rotation),
    spec(A::PlanAccept, "plan_accept", "Accept the plan: dated assignments, previous ones ending the day before, in one change (u undoes it)", "計画を確定する（前日付で前ポストを終了し発令日から配置、1つの変更として記録。u で取り消せる）", true, S::Rotation),
    spec(A::PlanExport, "plan_export", "Export the plan to a CSV file", "計画を CSV ファイルに書き出す", false, S::Rotation),
    spec(A::PlanEnroll, "plan_enroll", "On an unfilled post: enroll the nearest candidates in the post's course they lack", "欠員ポストで、最も近い候補者を不足している研修に受講登録する", true, S::Rotation),
    spec(A::Undo, "undo", "Undo the last change", "直前の変更を取り消す", true, S::Global),
    spec(A::ConfirmYes, "confirm_yes", "Answer yes: go ahead", "はい：実行する", false, S::Confirm),
    spec(A::ConfirmNo, "confirm_no", "Answer no: cancel", "いいえ：取り消す", false, S::Confirm),
];

impl Action {
    /// The action with this keymap name; `None` for unknown names and for `noop`.
    pub fn from_name(name: &str) -> Option<Action> {
        ACTIONS.iter().find(|s| s.name == name).map(|s| s.action)
    }

    /// The keymap name, e.g. `"move_down"`.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The registry entry for this action.
    pub fn spec(self) -> &'static ActionSpec {
        &ACTIONS[self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_order_matches_variant_order() {
        for (i, s) in ACTIONS.iter().enumerate() {
            assert_eq!(s.action as usize, i, "{} is out of place", s.name);
        }
        assert_eq!(ACTIONS.len(), Action::ConfirmNo as usize + 1);
    }

    #[test]
    fn names_are_unique_snake_case_and_round_trip() {
        for s in ACTIONS {
            assert!(
                s.name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{}",
                s.name
            );
            assert_eq!(Action::from_name(s.name), Some(s.action));
            assert_eq!(s.action.name(), s.name);
            assert_ne!(s.name, NOOP);
        }
    }

    #[test]
    fn descriptions_are_one_line_and_present_in_both_languages() {
        for s in ACTIONS {
            assert!(
                !s.desc_en.is_empty() && !s.desc_en.contains('\n'),
                "{}",
                s.name
            );
            assert!(
                !s.desc_ja.is_empty() && !s.desc_ja.contains('\n'),
                "{}",
                s.name
            );
        }
    }

    #[test]
    fn noop_and_unknown_names_are_not_actions() {
        assert_eq!(Action::from_name("noop"), None);
        assert_eq!(Action::from_name("Quit"), None);
    }

    #[test]
    fn panes_fall_back_to_global_but_overlays_do_not() {
        assert_eq!(Scope::Staff.chain(), &[Scope::Staff, Scope::Global]);
        assert_eq!(Scope::Input.chain(), &[Scope::Input]);
        assert!(Scope::Staff.bindable_in(Scope::Global));
        assert!(!Scope::Staff.bindable_in(Scope::Posts));
        assert!(!Scope::Confirm.bindable_in(Scope::Global));
        assert_eq!(Scope::from_name("rotation"), Some(Scope::Rotation));
    }
}
