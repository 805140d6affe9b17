//! The forms' labels, hints and titles as (English, Japanese) pairs.

pub type Pair = (&'static str, &'static str);

// Titles.
pub const EDIT_STAFF: Pair = ("Edit person", "職員の編集");
pub const NEW_STAFF: Pair = ("New hire", "職員の追加（新規採用）");
pub const EDIT_POST: Pair = ("Edit post", "ポストの編集");
pub const NEW_POST: Pair = ("New post", "ポストの追加");
pub const EDIT_UNIT: Pair = ("Edit unit", "組織の編集");
pub const NEW_UNIT: Pair = ("New unit", "組織の追加");

// A person.
pub const STAFF_ID: Pair = ("Staff no.", "職員番号");
pub const STAFF_NAME: Pair = ("Name", "氏名");
pub const KANA: Pair = ("Kana", "フリガナ");
pub const BIRTH_YEAR: Pair = ("Birth year", "生年");
pub const GRADE: Pair = ("Grade", "役職");
pub const GRADE_SINCE: Pair = ("Grade since", "昇任日");
pub const TRACK: Pair = ("Hired via", "採用区分");
pub const HIRED_ON: Pair = ("Hired on", "採用日");
pub const SKILLS: Pair = ("Skills", "スキル");
pub const STATUS: Pair = ("Status", "状態");
pub const STATUS_UNTIL: Pair = ("Until", "復帰予定日");
pub const DESTINATION: Pair = ("Seconded to", "出向先");
pub const CANDIDATE: Pair = ("Candidate", "人材候補");
pub const PROMOTABLE: Pair = ("Promotable", "昇任候補");
pub const WISHES: Pair = ("Wishes", "希望");
pub const NOTES: Pair = ("Notes", "備考");

// A post.
pub const POST_ID: Pair = ("Post id", "ポストID");
pub const POST_UNIT: Pair = ("Unit", "組織");
pub const POST_TITLE: Pair = ("Title", "ポスト名");
pub const POST_GRADE: Pair = ("Grade", "役職");
pub const FIELD: Pair = ("Field", "分野");
pub const IMPACT: Pair = ("Impact", "影響度");
pub const POST_SKILLS: Pair = ("Skills needed", "必要スキル");
pub const COURSES: Pair = ("Courses", "対応研修");
pub const CAPACITY: Pair = ("Capacity", "定員");

// A unit.
pub const UNIT_ID: Pair = ("Unit id", "組織ID");
pub const UNIT_NAME: Pair = ("Name", "名称");
pub const UNIT_NAME_EN: Pair = ("English name", "英語名");
pub const PARENT: Pair = ("Parent unit", "上位組織");

// Dates.
pub const DATE_FROM: Pair = ("From", "発令日");
pub const DATE_ON: Pair = ("On", "日付");
pub const DATE: Pair = ("Date", "日付");

// Hints.
pub const H_DATE: Pair = (
    "YYYY-MM-DD or 令和9年4月1日, R9.4.1",
    "YYYY-MM-DD または 令和9年4月1日・R9.4.1",
);
pub const H_OPT_DATE: Pair = (
    "YYYY-MM-DD or 令和9年4月1日; empty when unknown",
    "YYYY-MM-DD または 令和9年4月1日（不明なら空欄）",
);
pub const H_UNTIL: Pair = (
    "end of the secondment or leave; empty when active",
    "出向・休職の終了予定日（在籍なら空欄）",
);
pub const H_DESTINATION: Pair = (
    "where a seconded person is; empty otherwise",
    "出向中の出向先（出向以外は空欄）",
);
pub const H_BIRTH_YEAR: Pair = ("1991 or 平成3年", "1991 または 平成3年");
pub const H_SKILLS: Pair = (
    "name:level (1-4), e.g. security:3;pm:2",
    "名前:レベル（1〜4） 例 security:3;pm:2",
);
pub const H_WISHES: Pair = (
    "post id, unit id or field, e.g. P02;U-PAT;security",
    "ポストID・組織ID・分野 例 P02;U-PAT;security",
);
pub const H_COURSES: Pair = ("course ids, e.g. C-SEC;C-PM", "研修ID 例 C-SEC;C-PM");
pub const H_CAPACITY: Pair = ("seats, 1 or more", "人数（1以上）");
pub const H_PARENT: Pair = ("unit id; empty for a top unit", "組織ID（最上位なら空欄）");
pub const H_UNIT: Pair = ("unit id, e.g. U-PAT", "組織ID 例 U-PAT");
pub const H_ID: Pair = (
    "letters, digits and -; no spaces",
    "英数字と - （空白なし）",
);
pub const H_LOCKED: Pair = ("cannot be changed", "変更できません");
pub const H_NOTES: Pair = ("free text", "自由記述");
pub const H_CHOICE: Pair = (
    "←/→ or Space to choose, or type the word",
    "←/→・Space で選択（直接入力も可）",
);
pub const H_YES_NO: Pair = ("Space toggles; y / n", "Space で切替（y / n）");

// Drawing.
pub const KEYS: Pair = (
    "Tab next · S-Tab back · Enter save · Esc cancel",
    "Tab 次へ · S-Tab 前へ · Enter 保存 · Esc 取消",
);
pub const YES: Pair = ("yes", "はい");
pub const NO: Pair = ("no", "いいえ");
pub const MORE_ABOVE: Pair = ("↑ more", "↑ 続き");
pub const MORE_BELOW: Pair = ("↓ more", "↓ 続き");
