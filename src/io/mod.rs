//! Import and export: CSV files (English or Japanese headers, UTF-8 or Shift_JIS) and
//! the JSON document. Nothing here touches the store: import takes the dataset the
//! database holds now and returns a plan (the merged dataset and the `ChangeSet` that
//! gets there); export takes a dataset and writes files.
//!
//! # Import
//!
//! [`plan_import`] reads one file or a directory. A directory is read as whichever of
//! `units.csv`, `posts.csv`, `staff.csv`, `courses.csv`, `sessions.csv`,
//! `assignments.csv` and `enrollments.csv` it holds (or their Japanese names, see
//! below), in that order; other files give a warning. A single file's kind comes from
//! its name; a `.json` file is an export document. Import is all or nothing: every
//! problem in every file is collected as `FILE:LINE: column: reason` and nothing is
//! returned to write unless there are none. The result is an upsert: nothing in the
//! database is deleted, and importing the same rows again changes nothing.
//!
//! File names: `units.csv` = `組織.csv`, `posts.csv` = `ポスト.csv`, `staff.csv` =
//! `職員.csv`, `courses.csv` = `研修.csv`, `sessions.csv` = `日程.csv` or
//! `研修日程.csv`, `assignments.csv` = `配置.csv`, `enrollments.csv` = `受講.csv`.
//!
//! Encodings: UTF-8 with or without a BOM, or Shift_JIS (cp932, as Excel in Japan
//! saves CSV). `auto` takes valid UTF-8 as UTF-8 and anything else as strict
//! Shift_JIS; bytes that are neither are an error naming the line and the byte.
//!
//! # Header aliases
//!
//! Headers match ignoring case, surrounding spaces, full-width/half-width forms
//! (NFKC) and `_`/`-`/space inside a name. Columns marked *optional* may be left out;
//! when they are, a record already in the database keeps its value.
//!
//! | file | column | Japanese headers accepted | value |
//! |---|---|---|---|
//! | units.csv | id | 組織ID, 組織コード | unit id |
//! | units.csv | name | 組織名, 名称 | text |
//! | units.csv | name_en | 英語名, 英文名 | text, may be empty |
//! | units.csv | parent | 上位組織, 親組織 | unit id, may be empty |
//! | posts.csv | id | ポストID, ポスト | post id |
//! | posts.csv | unit | 所属, 組織ID | unit id |
//! | posts.csv | title | 官職, 官職名, ポスト名 | text |
//! | posts.csv | grade | 役職/級, 役職, 級 | 係員/係長/課長補佐/管理職 or staff/chief/deputy/manager |
//! | posts.csv | field | 分野 | security/pm/ops/policy/dx/data or Japanese |
//! | posts.csv | impact | 影響度 | high/normal or 高/通常 |
//! | posts.csv | skills | 必要スキル, スキル | `security:3;pm:2`, may be empty |
//! | posts.csv | courses | 対応研修, 研修ID, 研修 | course ids `;`-separated, may be empty |
//! | posts.csv | capacity | 定員 | whole number |
//! | posts.csv | closed (optional) | 廃止日 | date the post closed, may be empty |
//! | staff.csv | id | 職員番号 | staff id |
//! | staff.csv | name | 氏名 | text |
//! | staff.csv | kana | フリガナ, ふりがな, カナ | text, may be empty |
//! | staff.csv | birth_year | 生年 | 1991 or 平成3年, may be empty |
//! | staff.csv | grade | 役職/級, 役職, 級 | as for posts |
//! | staff.csv | track | 採用区分 | sogo-digital/ippan-digital/mid-career/external or Japanese |
//! | staff.csv | hired_on | 採用日 | date, may be empty |
//! | staff.csv | skills | スキル | `security:3;pm:2`, may be empty |
//! | staff.csv | candidate | 候補 | yes/no (はい/いいえ, ○/×), empty = no |
//! | staff.csv | status | 状態 | active/seconded/leave or 在籍/出向/休職 |
//! | staff.csv | wishes | 希望 | fields, post ids or unit ids `;`-separated, may be empty |
//! | staff.csv | notes | 備考 | text with line breaks, may be empty |
//! | staff.csv | grade_since (optional) | 昇任日 | date, may be empty |
//! | staff.csv | status_until (optional) | 復帰予定日 | date, may be empty |
//! | staff.csv | destination (optional) | 出向先 | where a seconded person is, may be empty |
//! | staff.csv | promotable (optional) | 昇任候補 | yes/no, empty = no |
//! | courses.csv | id | 研修ID | course id |
//! | courses.csv | name | 研修名 | text |
//! | courses.csv | provider | 実施機関 | digital-agency/nco/in-house/external or Japanese |
//! | courses.csv | field | 分野 | as for posts |
//! | courses.csv | grades | 対象役職 | grades `;`-separated, may be empty |
//! | courses.csv | days | 日数 | whole number |
//! | sessions.csv | id | 日程ID | session id |
//! | sessions.csv | course | 研修ID, 研修 | course id |
//! | sessions.csv | start | 開始日 | date |
//! | sessions.csv | end | 終了日 | date |
//! | sessions.csv | capacity | 定員 | whole number |
//! | assignments.csv | staff | 職員番号 | staff id |
//! | assignments.csv | post | ポストID, ポスト | post id |
//! | assignments.csv | start | 開始日 | date |
//! | assignments.csv | end | 終了日 | date, may be empty (still held) |
//! | assignments.csv | concurrent (optional) | 併任 | yes/no, empty = no |
//! | enrollments.csv | staff | 職員番号 | staff id |
//! | enrollments.csv | course | 研修ID, 研修 | course id |
//! | enrollments.csv | session | 日程ID, 日程 | session id, may be empty |
//! | enrollments.csv | status | 状態 | planned/enrolled/completed/failed/cancelled or 予定/受講中/修了/未修了/取消 |
//! | enrollments.csv | date | 日付 | date, may be empty |
//!
//! Dates are `2025-09-30`, `2025/9/30`, `令和7年9月30日` or `R7.9.30`. A wish that
//! could be read two ways may be written `post:ID`, `unit:ID` or `field:CODE`; export
//! writes that form only when the bare token would resolve to something else.
//!
//! # Export
//!
//! [`export_json`] writes one pretty-printed document; [`export_csv`] writes the seven
//! files with the English headers, UTF-8 without a BOM, rows in key order, values in
//! canonical form, each file replaced atomically. Importing an export into an empty
//! database gives back the same dataset.

mod cells;
mod encoding;
mod export;
mod files;
mod headers;
mod import;
mod json;
mod problem;
mod rows;

/// Cell syntax shared with the TUI's forms: `;`-separated lists, ids, wishes.
pub use cells::{id_text, resolve_wish, split_list, wish_token};
pub use encoding::EncodingChoice;
pub use export::{csv_bytes, export_csv, export_json, write_atomic, write_export_json, write_json};
pub use headers::Kind;
pub use import::{plan_import, ImportPlan};
pub use json::plan_json_bytes;
pub use problem::Problem;
