//! The command line: global options and subcommands (clap).

use clap::{Args, Parser, Subcommand, ValueEnum};
use jinzai::domain::date::parse_date;
use jinzai::domain::{Date, PostId, StaffId};
use std::path::PathBuf;

/// jinzai (人材): the record of a ministry's government digital talent — who they are,
/// which post each holds, which training each has taken, and who should move where at
/// the next rotation.
///
/// With no subcommand, jinzai opens the terminal UI on the database.
#[derive(Debug, Parser)]
#[command(name = "jinzai", version, about, long_about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    /// Open the terminal UI on a demo database, created on first use and kept apart
    /// from real data (in the data dir's `jinzai-demo`, or in --db if given).
    #[arg(long)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

const AFTER_HELP: &str = "\
The database directory is chosen by --db DIR, else $JINZAI_DB, else the XDG data dir \
(~/.local/share/jinzai).

Examples:
  jinzai --demo                          open the TUI on demo data
  jinzai import ~/exports/               load units.csv, posts.csv, staff.csv, ...
  jinzai import --dry-run staff.csv      validate only
  jinzai export --format csv --out out/  write the CSV files
  jinzai show E0412 --json               one person's whole record
  jinzai log --staff E0412               every change about one person
  jinzai backups                         the backups in DIR/backups, newest last
  jinzai restore DIR/backups/2026-11-26T101500.123Z-daily.json --db NEW_DIR";

/// Options accepted before or after the subcommand.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Database directory [default: $JINZAI_DB, else ~/.local/share/jinzai]
    #[arg(long, global = true, value_name = "DIR")]
    pub db: Option<PathBuf>,

    /// Open the database without changing it
    #[arg(long, global = true)]
    pub read_only: bool,

    /// Language of the user interface [default: from $LANG]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// Keymap file layered over the defaults [default: ~/.config/jinzai/keymap.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,

    /// Colours: default (reads on dark and light terminals), light or high-contrast;
    /// NO_COLOR is respected [default: $JINZAI_THEME, else default]
    #[arg(long, global = true, value_name = "THEME", env = "JINZAI_THEME")]
    pub theme: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Ja,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill an empty database with a fictional ministry, or a synthetic one of any size
    Demo(DemoArgs),
    /// Import CSV files (a file or a directory) or a JSON export, all or nothing
    Import(ImportArgs),
    /// Export every record as one JSON document or as the CSV files
    Export(ExportArgs),
    /// Show one person's whole record
    Show(ShowArgs),
    /// Find staff as the staff pane does: name (kanji, kana or romaji), id and filters
    Search(SearchArgs),
    /// List the audit log: who changed what, when and from where
    Log(LogArgs),
    /// Put a person in a post from a date (checked and audited like the posts pane)
    Assign(AssignArgs),
    /// End a person's holding of a post on a date (their last day in it)
    End(EndArgs),
    /// Move a person to a post: the current post ends the day before --on
    Transfer(TransferArgs),
    /// Show a post: requirements, holder, problems and every past holder
    Post(PostArgs),
    /// Enroll a person in a session of a course, or without --session plan the course
    Enroll(EnrollArgs),
    /// Mark a person's enrollment in a course completed (or failed, with --failed)
    Complete(CompleteArgs),
    /// Cancel a person's enrollment in (or plan of) a course
    Cancel(CancelArgs),
    /// List who lacks a course their post asks for; --enroll fills the next sessions
    Gaps(GapsArgs),
    /// Show a course: its posts, its sessions with seats, its enrollees and gaps
    Course(CourseArgs),
    /// Propose the next rotation: who takes which post, and why; --accept records it
    Plan(PlanArgs),
    /// Verify the database: references, overlaps, indexes and the audit log's hash chain
    Check(CheckArgs),
    /// Take a backup now (DIR/backups/…-manual.json); the last 14 backups are kept
    Backup(BackupArgs),
    /// List the backups in DIR/backups, oldest first
    Backups(BackupsArgs),
    /// Make a new database (--db NEW_DIR) from a backup file
    Restore(RestoreArgs),
}

#[derive(Debug, Args)]
#[command(
    after_help = "A backup is the JSON document `jinzai export --format json` writes, in \
DIR/backups/ (0700; files 0600), named by when (UTC) and why: \
2026-11-26T101500.123Z-daily.json. jinzai takes one on the first writable open of a UTC day, \
before every import and before every plan --accept that writes; the last 14 are kept.\n\
Example: jinzai backup --db ~/.local/share/jinzai"
)]
pub struct BackupArgs {}

#[derive(Debug, Args)]
#[command(after_help = "Example: jinzai backups --json")]
pub struct BackupsArgs {
    /// Print a JSON array of {file, path, taken, reason, bytes}, oldest first
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "--db names the NEW database directory: it must not exist, or be empty; a \
directory that holds a database is never written over. The backup is checked as an import \
is (every problem listed as FILE:LINE: column: reason) and nothing is written unless it is \
sound. The new database holds every record of the backup and one audit record, restore, \
naming the file and its SHA-256; export --format json of it gives back the backup byte for \
byte.\n\
Example: jinzai restore ~/.local/share/jinzai/backups/2026-11-26T101500.123Z-daily.json \
--db ~/.local/share/jinzai.restored"
)]
pub struct RestoreArgs {
    /// The backup: a file from DIR/backups/ (or any JSON export, or snapshot.json)
    #[arg(value_name = "BACKUP")]
    pub backup: PathBuf,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Staff id (e.g. E0412)
    pub staff: String,
    /// Post id (e.g. P02)
    pub post: String,
    /// First day in the post: YYYY-MM-DD or an era date (令和9年4月1日, R9.4.1); default today
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Hold it alongside the primary post (併任)
    #[arg(long)]
    pub concurrent: bool,
    /// Confirm warnings (grade mismatch, missing course, skills below the post's)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct EndArgs {
    /// Staff id
    pub staff: String,
    /// Post id
    pub post: String,
    /// Last day in the post; default today
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

#[derive(Debug, Args)]
pub struct TransferArgs {
    /// Staff id
    pub staff: String,
    /// The post to move to
    pub post: String,
    /// First day in the new post (the current one ends the day before); default today
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Confirm warnings about the new post
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct PostArgs {
    /// Post id
    pub post_id: String,
    /// Print JSON: the post's fields plus unit_name, unit_path, as_of, holders,
    /// history (newest first) and problems
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Number of staff for a synthetic organisation (with --posts)
    #[arg(long, requires = "posts", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub staff: Option<u32>,
    /// Number of posts for a synthetic organisation (with --staff)
    #[arg(long, requires = "staff", value_parser = clap::value_parser!(u32).range(1..=200_000))]
    pub posts: Option<u32>,
    /// Random seed; the same seed gives the same data
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "shift_jis", alias = "sjis", alias = "cp932")]
    ShiftJis,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Validate only; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Text encoding of CSV files
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    pub encoding: EncodingArg,
    /// A CSV file (its kind comes from its name, e.g. staff.csv), a directory of CSV
    /// files, or a JSON export
    pub path: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json: one document; csv: the CSV files, into the --out directory
    #[arg(long, value_enum)]
    pub format: Format,
    /// Output file (json; default stdout) or directory (csv; required)
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Staff number, e.g. E0412
    pub staff_id: String,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Filters combine with the text: grade:係長 unit:特許 field:security \
skill:security>=3 candidate due status:seconded post:P02.\n\
Example: jinzai search tanaka grade:係長 due"
)]
pub struct SearchArgs {
    /// Print a JSON array of {id, name, kana, grade, post, unit, score, ...}
    #[arg(long)]
    pub json: bool,
    /// At most this many results; 0 for all
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// The query: words and filters
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "The log is DIR/audit.jsonl, one JSON record a line. Filters combine.\n\
Example: jinzai log --post P02 --since 2026-04-01"
)]
pub struct LogArgs {
    /// Print a JSON array of the records (seq, ts, user, ssh_client, action, summary,
    /// entities, changes with before and after, counts, undoes, files)
    #[arg(long)]
    pub json: bool,
    /// Only changes about this person (staff id, e.g. E0412)
    #[arg(long, value_name = "ID", value_parser = parse_staff_id)]
    pub staff: Option<StaffId>,
    /// Only changes about this post (post id, e.g. P02)
    #[arg(long, value_name = "ID", value_parser = parse_post_id)]
    pub post: Option<PostId>,
    /// Only changes made on this date (UTC) or later: YYYY-MM-DD or an era form
    /// like 令和8年4月1日 or R8.4.1
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<Date>,
}

fn parse_staff_id(s: &str) -> Result<StaffId, String> {
    StaffId::parse(s.trim())
}

fn parse_post_id(s: &str) -> Result<PostId, String> {
    PostId::parse(s.trim())
}

#[derive(Debug, Args)]
#[command(
    after_help = "Without --session the course is planned (予定) with no session yet; a later \
enroll with --session turns the plan into the enrollment.\n\
Example: jinzai enroll E0412 C-NCO-SEC --session S-NCO-SEC-2027-1"
)]
pub struct EnrollArgs {
    /// Staff id (e.g. E0412)
    pub staff: String,
    /// Course id (e.g. C-NCO-SEC)
    pub course: String,
    /// The session to enroll in (e.g. S-NCO-SEC-2027-1); without it, a plan
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,
    /// Confirm warnings (the course is not for the person's grade, the person is
    /// away during the session, the session has begun)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct CompleteArgs {
    /// Staff id
    pub staff: String,
    /// Course id
    pub course: String,
    /// The day it was completed (or failed); default today
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Mark it failed (未修了) instead of completed
    #[arg(long)]
    pub failed: bool,
}

#[derive(Debug, Args)]
pub struct CancelArgs {
    /// Staff id
    pub staff: String,
    /// Course id
    pub course: String,
}

#[derive(Debug, Args)]
#[command(
    after_help = "A gap: a person whose primary post asks for a course they have neither \
completed nor enrolled in (enrolled, or planned in a session). A plan without a session \
is still a gap, shown as planned.\n\
Example: jinzai gaps --course C-NCO-SEC --enroll --dry-run"
)]
pub struct GapsArgs {
    /// Print JSON: an array of {staff, name, grade, post, post_title, course,
    /// course_name, planned, failed, away}; with --enroll, the placement
    #[arg(long)]
    pub json: bool,
    /// Only this course
    #[arg(long, value_name = "ID")]
    pub course: Option<String>,
    /// Enroll the course's gap list in its next sessions with room (starting today or
    /// later, earliest first); who does not fit stays listed. Needs --course
    #[arg(long, requires = "course")]
    pub enroll: bool,
    /// With --enroll: show who fits and who does not; write nothing
    #[arg(long, requires = "enroll")]
    pub dry_run: bool,
    /// With --enroll: confirm warnings (a course not meant for a person's grade)
    #[arg(long, short = 'y', requires = "enroll")]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct CourseArgs {
    /// Course id (e.g. C-NCO-SEC)
    pub course_id: String,
    /// Print JSON: the course's fields plus as_of, posts, sessions (with capacity,
    /// taken, free and counts per status), enrollees and gaps
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "People in the plan: holders due to rotate (in their post for the standard \
term or longer, 24 months by default) and people with no post on the date. Posts in the \
plan: vacant seats and the seats of due holders. Holders who are not due stay.\n\
Examples:\n  jinzai plan                                   the plan for the next April 1st\n  \
jinzai plan --pin E0412=P02 --exclude P13      force a pair, leave a post as it is\n  \
jinzai plan --json > plan.json\n  jinzai plan --accept --yes                    record it: one change, one audit record"
)]
pub struct PlanArgs {
    /// The rotation day: YYYY-MM-DD or an era date [default: the next April 1st]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Planner settings (TOML) over the built-in ones; see --print-config
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Force a pair: the person takes (or keeps) the post (repeatable)
    #[arg(long, value_name = "STAFF=POST")]
    pub pin: Vec<String>,
    /// Leave a person out, or a post with its holders as it is (repeatable)
    #[arg(long, value_name = "ID")]
    pub exclude: Vec<String>,
    /// Print JSON: {as_of, objective, hash, counts, proposals, stays, unplaced,
    /// unfilled, outside, timing_ms}
    #[arg(long)]
    pub json: bool,
    /// Record the plan: each move ends the old holding the day before and starts the
    /// new one on the date, in one change with one audit record (plan-accept)
    #[arg(long)]
    pub accept: bool,
    /// With --accept: confirm without asking
    #[arg(long, short = 'y', requires = "accept")]
    pub yes: bool,
    /// Write the matching problem (staff, seats, scored edges, the chosen matching
    /// and its objective) as JSON to FILE
    #[arg(long, value_name = "FILE")]
    pub dump_problem: Option<PathBuf>,
    /// Write the plan as CSV to FILE (0600): one row per move, stay, unplaced person
    /// and unfilled post, with the reasons
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Start from a scenario saved in the rotation pane (its date, settings, pins,
    /// excludes and swaps); --as-of, --config, --pin and --exclude add to it
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    /// List the saved scenarios and exit
    #[arg(long, conflicts_with_all = ["accept", "scenario", "dump_problem", "csv"])]
    pub scenarios: bool,
    /// Print the built-in settings file (every key, documented) and exit
    #[arg(long, conflicts_with_all = ["accept", "json", "dump_problem", "csv", "scenarios"])]
    pub print_config: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Checks, without changing anything: the directory's mode; that the store \
opens; the records (references, overlapping assignments, capacities); the indexes; and \
DIR/audit.jsonl: numbering, the hash chain (each record holds the SHA-256 of the one \
before it) and that it ends at the head the store keeps. Every problem is listed; the \
first bad audit record is named as FILE:LINE. When the audit log holds records the store \
lacks (the store lost its last changes), check names them and says whether each can be \
re-applied from its values before and after; --repair does it. Exit status 0 when all \
pass, 1 otherwise.\n\
Example: jinzai check --db ~/.local/share/jinzai"
)]
pub struct CheckArgs {
    /// Print the report as JSON: {dir, passed, sections: [{name, checked, summary,
    /// problems, notes}]}
    #[arg(long)]
    pub json: bool,
    /// First bring the store up to the audit log: re-apply the records the log
    /// holds beyond the store (all of them, or none when one cannot be), and
    /// write to the log any the store holds beyond it; then check
    #[arg(long)]
    pub repair: bool,
}
