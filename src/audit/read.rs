//! Reading the audit file back, and choosing records.

use super::{AuditError, AuditRecord};
use crate::domain::{Date, PostId, StaffId};
use std::fs::File;
use std::io::{BufRead, BufReader, ErrorKind};
use std::path::Path;

/// One line (without its `\n`) as a record, or why it is not one.
pub fn parse_line(line: &[u8]) -> Result<AuditRecord, String> {
    serde_json::from_slice(line).map_err(|e| e.to_string())
}

/// Every record of the file, in order. A missing file is an empty log; a torn
/// last line (a write cut short by a crash, which the next writable open
/// repairs from the store) is left out. Any other line that is not a record, or
/// is numbered out of order, is an error naming the file and the line.
pub fn read_log(path: &Path) -> Result<Vec<AuditRecord>, AuditError> {
    let read_err = |source| AuditError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(read_err(e)),
    };
    let mut reader = BufReader::new(file);
    let mut out: Vec<AuditRecord> = Vec::new();
    let mut buf = Vec::new();
    let mut line = 0usize;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(read_err)?;
        if n == 0 || buf.last() != Some(&b'\n') {
            break;
        }
        line += 1;
        let corrupt = |reason: String| AuditError::Corrupt {
            path: path.to_path_buf(),
            line,
            reason,
        };
        let rec = parse_line(&buf[..n - 1]).map_err(corrupt)?;
        if let Some(prev) = out.last() {
            if rec.seq <= prev.seq {
                return Err(corrupt(format!(
                    "record {} comes after record {}",
                    rec.seq, prev.seq
                )));
            }
        }
        out.push(rec);
    }
    Ok(out)
}

/// Which records to list: all conditions given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Records naming this person among their entities.
    pub staff: Option<StaffId>,
    /// Records naming this post among their entities.
    pub post: Option<PostId>,
    /// Records made on this UTC date or later.
    pub since: Option<Date>,
}

impl Filter {
    pub fn matches(&self, r: &AuditRecord) -> bool {
        let names = |id: &str| r.entities.iter().any(|e| e == id);
        self.staff.as_ref().is_none_or(|s| names(s.as_str()))
            && self.post.as_ref().is_none_or(|p| names(p.as_str()))
            && self
                .since
                .is_none_or(|d| r.ts.to_zoned(jiff::tz::TimeZone::UTC).date() >= d)
    }
}
