//! The staff picker's words (choosing people for a post or a course).

use super::Lang;

/// The staff picker's words.
pub struct Words {
    pub title_assign: &'static str,
    pub title_transfer: &'static str,
    pub title_enroll: &'static str,
    pub title_plan: &'static str,
    pub multi_keys: &'static str,
    pub course_col: &'static str,
    pub marked: &'static str,
    pub completed: &'static str,
    pub enrolled: &'static str,
    pub failed: &'static str,
    pub search: &'static str,
    pub header: [&'static str; 6],
    pub keys: &'static str,
    pub none: &'static str,
    pub planned: &'static str,
    pub matches: &'static str,
}

/// The picker's words in `lang`.
pub fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title_assign: "Assign to",
            title_transfer: "Transfer to",
            title_enroll: "Enroll in",
            title_plan: "Plan the course",
            course_col: "the course",
            multi_keys: "type to search · Tab mark · ↑↓ move · Enter choose · Esc cancel",
            marked: "marked",
            completed: "completed",
            enrolled: "enrolled",
            failed: "failed",
            search: "name, kana, romaji, id, filters",
            header: [
                "id",
                "name",
                "grade",
                "now in",
                "tenure",
                "fit for the post",
            ],
            keys: "type to search · ↑↓ move · Enter choose · Esc cancel",
            none: "no one matches",
            planned: "planned",
            matches: "found",
        },
        Lang::Ja => Words {
            title_assign: "配置先",
            title_transfer: "異動先",
            title_enroll: "受講登録",
            title_plan: "受講予定",
            course_col: "この研修",
            multi_keys: "入力で検索 · Tab 選択 · ↑↓ 移動 · Enter 決定 · Esc 取消",
            marked: "選択",
            completed: "修了",
            enrolled: "受講",
            failed: "未修了",
            search: "氏名・カナ・ローマ字・職員番号・条件",
            header: [
                "職員番号",
                "氏名",
                "役職",
                "現ポスト",
                "在任",
                "ポストとの適合",
            ],
            keys: "入力で検索 · ↑↓ 移動 · Enter 決定 · Esc 取消",
            none: "該当者なし",
            planned: "予定",
            matches: "人",
        },
    }
}
