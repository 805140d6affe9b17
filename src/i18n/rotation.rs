//! The rotation pane's words, in English and Japanese: labels and column titles as
//! fields, sentences with ids or numbers as methods. Form labels and hints are
//! (English, Japanese) pairs, as the forms take them.

use super::Lang;
use crate::plan::progress::{Snapshot, Stage};

pub const F_AS_OF: (&str, &str) = ("As of", "基準日");
pub const F_TERM: (&str, &str) = ("Standard term (months)", "標準在任期間（月）");
pub const F_CONFIG: (&str, &str) = ("Settings file", "設定ファイル");
pub const F_NAME: (&str, &str) = ("Name", "名前");
pub const F_PATH: (&str, &str) = ("File", "ファイル");
pub const H_AS_OF: (&str, &str) = (
    "the rotation date; empty: the next April 1st",
    "発令日。空欄なら次の4月1日",
);
pub const H_TERM: (&str, &str) = (
    "months in a post before a holder is due; empty: the settings file's",
    "異動対象となる在任月数。空欄なら設定ファイルの値",
);
pub const H_CONFIG: (&str, &str) = (
    "a planner settings file (jinzai plan --print-config); empty: the defaults",
    "計画の設定ファイル（jinzai plan --print-config）。空欄なら既定値",
);
pub const H_NAME: (&str, &str) = (
    "a name to save this plan's inputs under; an existing name is replaced",
    "この計画の条件を保存する名前。同じ名前は上書き",
);
pub const H_PATH: (&str, &str) = (
    "a new CSV file (an existing file is never overwritten)",
    "新しい CSV ファイル（既存のファイルは上書きしない）",
);

/// The pane's words.
pub struct RotationTexts {
    ja: bool,
    pub view_proposals: &'static str,
    pub view_stays: &'static str,
    pub view_unplaced: &'static str,
    pub view_unfilled: &'static str,
    pub view_chains: &'static str,
    pub view_mix: &'static str,
    pub view_scenarios: &'static str,
    pub view_compare: &'static str,
    pub view_settings: &'static str,
    pub as_of: &'static str,
    pub term: &'static str,
    pub weights: &'static str,
    pub scenario: &'static str,
    pub objective: &'static str,
    pub moves: &'static str,
    pub stays: &'static str,
    pub unfilled: &'static str,
    pub unplaced: &'static str,
    pub not_run: &'static str,
    pub running: &'static str,
    pub stale: &'static str,
    pub c_post: &'static str,
    pub c_holder: &'static str,
    pub c_proposed: &'static str,
    pub c_score: &'static str,
    pub c_reasons: &'static str,
    pub c_person: &'static str,
    pub c_grade: &'static str,
    pub c_tenure: &'static str,
    pub c_reason: &'static str,
    pub c_current: &'static str,
    pub c_unit: &'static str,
    pub c_seats: &'static str,
    pub c_before: &'static str,
    pub c_after: &'static str,
    pub c_name: &'static str,
    pub c_saved: &'static str,
    pub c_inputs: &'static str,
    pub c_figure: &'static str,
    pub vacant: &'static str,
    pub due: &'static str,
    pub pinned_mark: &'static str,
    pub swapped_mark: &'static str,
    pub why: &'static str,
    pub next_best: &'static str,
    pub nearest: &'static str,
    pub lacks: &'static str,
    pub suggestion: &'static str,
    pub best_post: &'static str,
    pub no_alternatives: &'static str,
    pub outside_plan: &'static str,
    pub pins: &'static str,
    pub excludes: &'static str,
    pub swaps: &'static str,
    pub settings_file: &'static str,
    pub next_april: &'static str,
    pub bands: [&'static str; 4],
    pub unknown_age: &'static str,
    pub no_post: &'static str,
    pub leaves: &'static str,
    pub cycle: &'static str,
    pub marked: &'static str,
    pub empty_list: &'static str,
    pub no_scenarios: &'static str,
    pub compare_hint: &'static str,
    pub select_proposal: &'static str,
    pub select_post: &'static str,
    pub select_person: &'static str,
    pub select_input: &'static str,
    pub select_unfilled: &'static str,
    pub swap_cancelled: &'static str,
    pub input_removed: &'static str,
    pub settings_title: &'static str,
    pub save_title: &'static str,
    pub export_title: &'static str,
    pub run_first: &'static str,
    pub term_range: &'static str,
    pub settings_changed: &'static str,
    pub still_running: &'static str,
    pub stale_accept: &'static str,
    pub nothing_to_accept: &'static str,
    pub accept_undo_hint: &'static str,
    pub not_honoured: &'static str,
    pub enroll_hint: &'static str,
}

pub static EN: RotationTexts = RotationTexts {
    ja: false,
    view_proposals: "proposals",
    view_stays: "stays",
    view_unplaced: "unplaced",
    view_unfilled: "unfilled",
    view_chains: "chains",
    view_mix: "unit mix",
    view_scenarios: "scenarios",
    view_compare: "compare",
    view_settings: "settings",
    as_of: "as of",
    term: "term",
    weights: "weights",
    scenario: "scenario",
    objective: "objective",
    moves: "moves",
    stays: "stay",
    unfilled: "unfilled",
    unplaced: "unplaced",
    not_run: "no plan yet: r works out who should take which post",
    running: "working out the plan…",
    stale: "the records changed since this plan was made: r runs it again",
    c_post: "post",
    c_holder: "holder now",
    c_proposed: "proposed",
    c_score: "score",
    c_reasons: "top reasons",
    c_person: "person",
    c_grade: "grade",
    c_tenure: "in post",
    c_reason: "why",
    c_current: "post now",
    c_unit: "unit",
    c_seats: "seats",
    c_before: "before (20s 30s 40s 50s+)",
    c_after: "after",
    c_name: "name",
    c_saved: "saved",
    c_inputs: "pins · excludes · swaps",
    c_figure: "",
    vacant: "— vacant —",
    due: "due",
    pinned_mark: "pinned",
    swapped_mark: "swapped",
    why: "why",
    next_best: "next best",
    nearest: "nearest candidates",
    lacks: "lacks",
    suggestion: "suggestion",
    best_post: "best possible post",
    no_alternatives: "no one else can take this post",
    outside_plan: "not in the plan",
    pins: "pins",
    excludes: "excluded",
    swaps: "swaps",
    settings_file: "settings",
    next_april: "the next April 1st",
    bands: ["20s", "30s", "40s", "50s+"],
    unknown_age: "age not recorded",
    no_post: "(no post)",
    leaves: "(leaves)",
    cycle: "a cycle",
    marked: "marked",
    empty_list: "nothing in this list",
    no_scenarios: "no saved scenarios: S saves the current plan's inputs under a name",
    compare_hint: "Space marks scenarios; C compares the marked ones (or all); Enter loads one",
    select_proposal: "select a proposal first",
    select_post: "select a line with a post",
    select_person: "select a line with a person",
    select_input: "select a pin, an exclusion or a swap in the settings list, or a scenario",
    select_unfilled: "select an unfilled post (] to the unfilled list)",
    swap_cancelled: "swap cancelled",
    input_removed: "taken away; running again",
    settings_title: "Plan settings",
    save_title: "Save as a scenario",
    export_title: "Export the plan as CSV",
    run_first: "run the plan first (r)",
    term_range: "a number of months from 1 to 240, or empty",
    settings_changed: "settings changed; running again",
    still_running: "the plan is still being worked out",
    stale_accept:
        "the records changed since this plan was made; r runs it again before it can be accepted",
    nothing_to_accept: "nothing to accept: the plan moves no one",
    accept_undo_hint: "One change with one audit record; u undoes it.",
    not_honoured: "not honoured",
    enroll_hint: "a enrolls them in the course they lack",
};

pub static JA: RotationTexts = RotationTexts {
    ja: true,
    view_proposals: "提案",
    view_stays: "残留",
    view_unplaced: "未配置",
    view_unfilled: "欠員",
    view_chains: "連鎖",
    view_mix: "年代構成",
    view_scenarios: "シナリオ",
    view_compare: "比較",
    view_settings: "設定",
    as_of: "基準日",
    term: "標準在任",
    weights: "重み",
    scenario: "シナリオ",
    objective: "総合点",
    moves: "異動",
    stays: "残留",
    unfilled: "欠員",
    unplaced: "未配置",
    not_run: "計画はまだありません。r で誰がどのポストに就くべきかを計算します",
    running: "計画を計算中…",
    stale: "計画の作成後にデータが変更されました。r で再計算してください",
    c_post: "ポスト",
    c_holder: "現在の在任者",
    c_proposed: "提案",
    c_score: "点",
    c_reasons: "主な理由",
    c_person: "職員",
    c_grade: "級",
    c_tenure: "在任",
    c_reason: "理由",
    c_current: "現ポスト",
    c_unit: "組織",
    c_seats: "定員",
    c_before: "前（20代 30代 40代 50代以上）",
    c_after: "後",
    c_name: "名前",
    c_saved: "保存日時",
    c_inputs: "固定・除外・入替",
    c_figure: "",
    vacant: "― 欠員 ―",
    due: "異動対象",
    pinned_mark: "固定",
    swapped_mark: "入替",
    why: "理由",
    next_best: "次点",
    nearest: "最も近い候補者",
    lacks: "不足",
    suggestion: "提案",
    best_post: "最も適したポスト",
    no_alternatives: "このポストに就ける職員はほかにいません",
    outside_plan: "計画の対象外",
    pins: "固定",
    excludes: "除外",
    swaps: "入替",
    settings_file: "設定",
    next_april: "次の4月1日",
    bands: ["20代", "30代", "40代", "50代以上"],
    unknown_age: "年齢不明",
    no_post: "（ポストなし）",
    leaves: "（転出）",
    cycle: "循環",
    marked: "選択",
    empty_list: "この一覧は空です",
    no_scenarios: "保存したシナリオはありません。S で現在の計画の条件を名前を付けて保存します",
    compare_hint: "Space で選択、C で選んだもの（なければ全て）を比較、Enter で読み込み",
    select_proposal: "先に提案を選んでください",
    select_post: "ポストのある行を選んでください",
    select_person: "職員のある行を選んでください",
    select_input: "設定一覧の固定・除外・入替、またはシナリオを選んでください",
    select_unfilled: "欠員ポストを選んでください（] で欠員一覧へ）",
    swap_cancelled: "入替を取り消しました",
    input_removed: "削除しました。再計算します",
    settings_title: "計画の設定",
    save_title: "シナリオとして保存",
    export_title: "計画を CSV に書き出す",
    run_first: "先に計画を計算してください（r）",
    term_range: "1〜240 の月数を入力するか、空欄にしてください",
    settings_changed: "設定を変更しました。再計算します",
    still_running: "計画を計算中です",
    stale_accept: "計画の作成後にデータが変更されました。確定する前に r で再計算してください",
    nothing_to_accept: "確定するものはありません（異動がありません）",
    accept_undo_hint: "1つの変更・1件の監査記録として記録します。u で取り消せます。",
    not_honoured: "反映できません",
    enroll_hint: "a で不足している研修に受講登録します",
};

impl Lang {
    /// The rotation pane's words.
    pub fn rotation(self) -> &'static RotationTexts {
        if self.is_ja() {
            &JA
        } else {
            &EN
        }
    }
}

impl RotationTexts {
    fn pick(&self, en: String, ja: String) -> String {
        if self.ja {
            ja
        } else {
            en
        }
    }

    pub fn pinned(&self, staff: &str, post: &str) -> String {
        self.pick(
            format!("{staff} pinned to {post}; running again"),
            format!("{staff} を {post} に固定しました。再計算します"),
        )
    }

    pub fn unpinned(&self, staff: &str) -> String {
        self.pick(
            format!("{staff} unpinned; running again"),
            format!("{staff} の固定を解除しました。再計算します"),
        )
    }

    pub fn excluded(&self, id: &str) -> String {
        self.pick(
            format!("{id} left out of the plan; running again (the settings list brings it back)"),
            format!("{id} を計画から除外しました。再計算します（設定一覧で戻せます）"),
        )
    }

    pub fn included(&self, id: &str) -> String {
        self.pick(
            format!("{id} back in the plan; running again"),
            format!("{id} を計画に戻しました。再計算します"),
        )
    }

    pub fn swap_marked(&self, staff: &str) -> String {
        self.pick(
            format!(
                "swap: {staff} marked; select the other proposal and press w again (Esc cancels)"
            ),
            format!("入替: {staff} を選びました。もう一方の提案を選んで再度 w（Esc で取消）"),
        )
    }

    pub fn swapping(&self, a: &str, b: &str) -> String {
        self.pick(
            format!("swapping the posts of {a} and {b}; running again"),
            format!("{a} と {b} のポストを入れ替えます。再計算します"),
        )
    }

    pub fn swap_delta(&self, a: &str, b: &str, delta: &str) -> String {
        self.pick(format!("{a} ↔ {b}: {delta}"), format!("{a} ↔ {b}: {delta}"))
    }

    pub fn scenario_saved(&self, name: &str) -> String {
        self.pick(
            format!("scenario \"{name}\" saved"),
            format!("シナリオ「{name}」を保存しました"),
        )
    }

    pub fn scenario_deleted(&self, name: &str) -> String {
        self.pick(
            format!("scenario \"{name}\" deleted"),
            format!("シナリオ「{name}」を削除しました"),
        )
    }

    pub fn scenario_loaded(&self, name: &str) -> String {
        self.pick(
            format!("scenario \"{name}\": running its plan on the current records"),
            format!("シナリオ「{name}」の計画を現在のデータで計算します"),
        )
    }

    pub fn exported(&self, path: &str, rows: usize) -> String {
        self.pick(
            format!("plan written to {path} ({rows} rows)"),
            format!("計画を {path} に書き出しました（{rows} 行）"),
        )
    }

    pub fn cannot_accept(&self, problems: &[String]) -> String {
        self.pick(
            format!("the plan cannot be recorded: {}", problems.join("; ")),
            format!("計画を記録できません: {}", problems.join("; ")),
        )
    }

    pub fn more_chains(&self, n: usize) -> String {
        self.pick(format!("… and {n} more"), format!("…ほか {n} 件"))
    }

    pub fn no_course_gap(&self, post: &str) -> String {
        self.pick(
            format!("the nearest candidates for {post} lack no course of the post"),
            format!("{post} の候補者に不足している研修はありません"),
        )
    }

    pub fn solved(&self, ms: f64) -> String {
        self.pick(
            format!("solved exactly in {}", duration(ms)),
            format!("厳密解 {}", duration(ms)),
        )
    }

    pub fn running_for(&self, ms: f64) -> String {
        self.pick(
            format!("{} {}", self.running, duration(ms)),
            format!("{} {}", self.running, duration(ms)),
        )
    }

    /// The running line with the planner's progress: `scoring 45% · 12.0 s`,
    /// `pricing round 2 · 31.0 s`.
    pub fn running_at(&self, at: Snapshot, ms: f64) -> String {
        let pc = at.percent().map(|p| format!(" {p}%")).unwrap_or_default();
        let k = at.round;
        let (en, ja) = match at.stage {
            Stage::Scope => return self.running_for(ms),
            Stage::Scoring => (format!("scoring{pc}"), format!("採点中{pc}")),
            Stage::Solving if k > 1 => {
                (format!("solving, round {k}"), format!("求解中（{k} 回目）"))
            }
            Stage::Solving => ("solving".to_string(), "求解中".to_string()),
            Stage::Pricing => (
                format!("pricing round {k}{pc}"),
                format!("双対価格で検算 {k} 回目{pc}"),
            ),
            Stage::Report => (
                "writing the reasons".to_string(),
                "理由を作成中".to_string(),
            ),
        };
        let d = duration(ms);
        self.pick(format!("{en} · {d}"), format!("{ja} · {d}"))
    }

    pub fn changed_by(&self, delta: &str) -> String {
        self.pick(
            format!("{delta} against the last plan"),
            format!("前回の計画から {delta}"),
        )
    }

    pub fn accepted(&self, seq: u64) -> String {
        self.pick(
            format!("accepted as change #{seq}; u undoes it"),
            format!("変更 #{seq} として確定しました。u で取り消せます"),
        )
    }

    pub fn months(&self, m: i32) -> String {
        let (y, mo) = (m / 12, m % 12);
        match (y, self.ja) {
            (0, false) => format!("{mo}m"),
            (_, false) => format!("{y}y {mo}m"),
            (0, true) => format!("{mo}か月"),
            (_, true) => format!("{y}年{mo}か月"),
        }
    }
}

/// `42 ms`, `1.3 s`.
fn duration(ms: f64) -> String {
    if ms < 1000.0 {
        format!("{} ms", ms.round() as i64)
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}
