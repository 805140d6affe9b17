//! Named scenarios: a plan's inputs (date, weights, pins, excludes, manual swaps)
//! kept under a name so that several can be compared and one accepted. They live in
//! `DB_DIR/scenarios.json` (0600, replaced whole through a temporary file), beside
//! the store: they are working notes about a rotation, not personnel records, so
//! they are not in the audit log.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file's name in the database directory.
pub const FILE: &str = "scenarios.json";
/// The file format's version.
pub const VERSION: u32 = 1;
/// Longest scenario name.
pub const MAX_NAME: usize = 60;

/// A saved scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    pub name: String,
    /// When it was saved, `YYYY-MM-DDTHH:MM:SS` local time.
    pub saved_at: String,
    /// The plan's date; empty means the next April 1st when it is run.
    #[serde(default)]
    pub as_of: Option<String>,
    /// The planner settings in use (a planner config file's text); none means the
    /// defaults.
    #[serde(default)]
    pub config: Option<String>,
    /// Where those settings came from, for display ("default", a file name).
    #[serde(default)]
    pub config_label: String,
    /// STAFF=POST pairs.
    #[serde(default)]
    pub pins: Vec<(String, String)>,
    /// Staff or post ids left out of the plan.
    #[serde(default)]
    pub excludes: Vec<String>,
    /// Pairs of people whose proposed posts were swapped by hand.
    #[serde(default)]
    pub swaps: Vec<(String, String)>,
    /// The plan as it was when saved (it is run again on the current data to
    /// compare or accept).
    #[serde(default)]
    pub saved_summary: Option<Summary>,
}

/// A plan's figures, as saved with a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub objective: i64,
    pub moves: usize,
    pub unplaced: usize,
    pub unfilled: usize,
    pub hash: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct FileBody {
    version: u32,
    scenarios: Vec<Scenario>,
}

/// The scenarios file of a database directory.
pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Checks a name typed for a scenario: one line, not empty, not too long.
pub fn check_name(raw: &str) -> Result<String, String> {
    let name = crate::domain::text::clean_text(raw.trim(), crate::domain::text::TextKind::Line)?;
    if name.is_empty() {
        return Err("a scenario needs a name".into());
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!("at most {MAX_NAME} characters"));
    }
    Ok(name)
}

/// Reads the scenarios; a missing file is none. A damaged file is an error naming
/// it, the line and the column, and is left as it is.
pub fn load(path: &Path) -> Result<Vec<Scenario>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let body: FileBody = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: not a scenarios file: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if body.version != VERSION {
        return Err(format!(
            "{}: version {} is not one this jinzai reads ({VERSION})",
            path.display(),
            body.version
        ));
    }
    Ok(body.scenarios)
}

/// Writes the scenarios: a temporary file (0600) synced to disk, then renamed over
/// the old one, so a crash leaves either the old list or the new one.
pub fn save(path: &Path, scenarios: &[Scenario]) -> std::io::Result<()> {
    let body = FileBody {
        version: VERSION,
        scenarios: scenarios.to_vec(),
    };
    let text = serde_json::to_string_pretty(&body).map_err(std::io::Error::other)? + "\n";
    let tmp = path.with_extension("json.tmp");
    {
        let mut f = open_private(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Scenario {
        Scenario {
            name: name.into(),
            saved_at: "2026-11-26T10:00:00".into(),
            as_of: Some("2027-04-01".into()),
            config: None,
            config_label: "default".into(),
            pins: vec![("E0001".into(), "P001".into())],
            excludes: vec!["E0002".into()],
            swaps: vec![],
            saved_summary: None,
        }
    }

    #[test]
    fn scenarios_round_trip_and_a_missing_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        assert_eq!(load(&path).unwrap(), vec![]);
        let v = vec![sample("draft-1"), sample("草案2")];
        save(&path, &v).unwrap();
        assert_eq!(load(&path).unwrap(), v);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn a_damaged_file_is_named_with_line_and_column_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        std::fs::write(&path, "{\"version\": 1,\n \"scenarios\": [oops]}").unwrap();
        let e = load(&path).unwrap_err();
        assert!(e.contains("scenarios.json:2:"), "{e}");
        assert!(std::fs::read_to_string(&path).unwrap().contains("oops"));
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(check_name("  draft 1 ").unwrap(), "draft 1");
        assert!(check_name("   ").is_err());
        assert!(check_name("a\u{1b}[2Jb").is_err());
        assert!(check_name(&"x".repeat(61)).is_err());
    }
}
