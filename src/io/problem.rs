//! One import problem (`FILE:LINE: column: reason`) and how it prints.

use std::fmt;

/// Where problems about records already in the database say they come from.
pub const DATABASE: &str = "(database)";

/// One thing wrong with an import. Prints as `FILE:LINE: column: reason`; a part that
/// does not apply is left out (`FILE: reason` for a missing file,
/// `(database): staff E0001: column: reason` for a record the database already holds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The path as given (joined with the directory), or `(database)`.
    pub file: String,
    /// 1-based physical line where the record starts; the header is line 1.
    pub line: Option<usize>,
    /// The record, when there is no line to point at (JSON and database records).
    pub record: Option<String>,
    /// The English column name, `header`, `encoding`, or empty.
    pub column: String,
    pub reason: String,
}

impl Problem {
    /// A problem at a line of a file.
    pub fn at(
        file: &str,
        line: usize,
        column: impl Into<String>,
        reason: impl Into<String>,
    ) -> Problem {
        Problem {
            file: file.to_string(),
            line: Some(line),
            record: None,
            column: column.into(),
            reason: reason.into(),
        }
    }

    /// A problem with a whole file or path.
    pub fn file(file: &str, reason: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line: None,
            record: None,
            column: String::new(),
            reason: reason.into(),
        }
    }

    /// A problem with a record that has no line: in a JSON file or in the database.
    pub fn record(
        file: &str,
        record: impl Into<String>,
        column: impl Into<String>,
        reason: impl Into<String>,
    ) -> Problem {
        Problem {
            file: file.to_string(),
            line: None,
            record: Some(record.into()),
            column: column.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(r) = &self.record {
            write!(f, ": {r}")?;
        }
        if !self.column.is_empty() {
            write!(f, ": {}", self.column)?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Describes an IO error the way the messages here speak.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot be read: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_every_shape() {
        assert_eq!(
            Problem::at("staff.csv", 3, "grade", "unknown").to_string(),
            "staff.csv:3: grade: unknown"
        );
        assert_eq!(
            Problem::file("x/staff.csv", "no such file or directory").to_string(),
            "x/staff.csv: no such file or directory"
        );
        assert_eq!(
            Problem::record(DATABASE, "staff E0001", "name", "is empty").to_string(),
            "(database): staff E0001: name: is empty"
        );
    }
}
