//! The words of the key hints at the bottom of the screen.

use super::Lang;

/// A word or two for the hint line: `action` and `scope` are the names keymap files
/// use (`open`, `posts`); an action with no short word shows its name.
pub fn hint_label(action: &'static str, scope: &str, lang: Lang) -> &'static str {
    let folds = scope == "posts" || scope == "training";
    let (en, ja) = match action {
        "open" if scope == "rotation" => ("why", "理由"),
        "open" if folds => ("open/fold", "開く/閉じる"),
        "open" => ("open", "開く"),
        "enroll" => ("enroll", "登録"),
        "complete" => ("complete", "修了"),
        "bulk_enroll" => ("bulk", "一括登録"),
        "filter" if folds => ("filter", "絞り込み"),
        "gap_view" => ("gaps", "未受講者"),
        "training_sort" => ("sort", "並び替え"),
        "training_expand_all" => ("unfold all", "全て開く"),
        "training_collapse_all" => ("fold all", "全て閉じる"),
        "filter" => ("search", "検索"),
        "problems_only" => ("problems", "問題のみ"),
        "assign" => ("assign", "配置"),
        "end_assignment" => ("end", "終了"),
        "transfer" => ("transfer", "異動"),
        "concurrent" => ("concurrent", "併任"),
        "undo" => ("undo", "取消"),
        "audit_log" => ("log", "履歴"),
        "cycle_sort" => ("sort", "並び替え"),
        "toggle_detail" => ("detail", "詳細"),
        "toggle_privacy" => ("privacy", "プライバシー"),
        "help" => ("help", "ヘルプ"),
        "palette" => ("commands", "コマンド"),
        "quit" => ("quit", "終了"),
        "submit" => ("done", "確定"),
        "back" => ("back", "戻る"),
        "move_down" => ("down", "下"),
        "move_up" => ("up", "上"),
        "confirm_yes" => ("yes", "はい"),
        "confirm_no" => ("no", "いいえ"),
        "next_pane" => ("next pane", "次の画面"),
        "plan_run" => ("run", "計算"),
        "plan_next_view" => ("lists", "一覧"),
        "plan_pin" => ("pin", "固定"),
        "plan_exclude" => ("exclude", "除外"),
        "plan_swap" => ("swap", "入替"),
        "plan_settings" => ("settings", "設定"),
        "plan_scenarios" => ("scenarios", "シナリオ"),
        "plan_accept" => ("accept", "確定"),
        "plan_export" => ("export", "書出し"),
        _ => (action, action),
    };
    if lang.is_ja() {
        ja
    } else {
        en
    }
}
