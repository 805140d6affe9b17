//! The audit file's hash chain, checked end to end.
//!
//! Every record written by this build carries `prev`: the SHA-256 (hex) of the
//! previous line's exact bytes, or [`GENESIS`](super::GENESIS) for record 1. The
//! store keeps the head (the last record's number and its line's hash) in the
//! same commit as the record. So:
//!
//! - an edited line no longer hashes to the `prev` of the line after it (or, for
//!   the last line, to the head);
//! - a deleted line leaves a gap in the numbers, and a broken link;
//! - reordered lines come out of numbering order;
//! - an inserted line repeats a number, or breaks a link, or goes past the head;
//! - a truncated file ends before the head (or in a line cut short).
//!
//! [`verify`] walks the file once and names the first bad record: its line, its
//! number and what is wrong. Records written before the chain (no `prev`) are a
//! legacy prefix: reported, not failed; the chain links on from the last of them.

use super::{hash_line, parse_hex, AuditError};
use serde::Deserialize;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, ErrorKind};
use std::path::Path;

/// What the store knows of the log, to check the file against.
pub struct Anchor<'a> {
    /// The last record the store committed and the hash of its line.
    pub head: Option<(u64, [u8; 32])>,
    /// The first record written with `prev`; every later one must have it.
    pub chain_start: Option<u64>,
    /// The store's own copy of a record's line, by number (to find the first
    /// line that differs when the file disagrees with the head).
    pub entry: &'a dyn Fn(u64) -> Option<Vec<u8>>,
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Complete lines read.
    pub lines: usize,
    /// The number of the last complete line (0 when there is none).
    pub last: u64,
    /// The records before the chain began (first, last), when there are any.
    pub legacy: Option<(u64, u64)>,
    /// The first bad record, as `FILE:LINE: record N ...: what is wrong`.
    pub problem: Option<String>,
    /// Things worth knowing that are not failures.
    pub notes: Vec<String>,
}

impl Report {
    pub fn is_ok(&self) -> bool {
        self.problem.is_none()
    }
}

/// Just what the chain needs of a line.
#[derive(Deserialize)]
struct Link {
    seq: u64,
    #[serde(default)]
    prev: Option<String>,
}

/// A line's `prev`: absent (`None`), or a hash (`Some(None)` when it is not one).
type Prev = Option<Option<[u8; 32]>>;

/// One complete line, as read.
struct Line {
    /// Its number and its `prev`, or why it is not a record.
    parsed: Result<(u64, Prev), String>,
    hash: [u8; 32],
}

impl Line {
    fn seq(&self) -> Option<u64> {
        self.parsed.as_ref().ok().map(|p| p.0)
    }

    /// The hash this line says the line before it has.
    fn prev(&self) -> Option<[u8; 32]> {
        self.parsed.as_ref().ok().and_then(|p| p.1.flatten())
    }
}

/// Checks the audit file at `path`: numbering, the hash chain, and with an
/// anchor, that the file ends where the store's head says. Only a failure to
/// read the file is an error; everything wrong with it is in the report.
pub fn verify(path: &Path, anchor: Option<&Anchor>) -> Result<Report, AuditError> {
    let read_err = |source| AuditError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut torn = false;
    match File::open(path) {
        Ok(f) => {
            let mut reader = BufReader::new(f);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                let n = reader.read_until(b'\n', &mut buf).map_err(read_err)?;
                if n == 0 {
                    break;
                }
                if buf.last() != Some(&b'\n') {
                    torn = true;
                    break;
                }
                let bytes = &buf[..n - 1];
                let parsed = serde_json::from_slice::<Link>(bytes)
                    .map(|l| (l.seq, l.prev.map(|p| parse_hex(&p))))
                    .map_err(|e| e.to_string());
                lines.push(Line {
                    parsed,
                    hash: hash_line(bytes),
                });
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(read_err(e)),
    }
    Ok(walk(&path.display().to_string(), &lines, torn, anchor))
}

fn walk(file: &str, lines: &[Line], torn: bool, anchor: Option<&Anchor>) -> Report {
    let mut report = Report {
        lines: lines.len(),
        last: lines.last().and_then(Line::seq).unwrap_or(0),
        ..Report::default()
    };
    report.problem = first_problem(file, lines, anchor, &mut report.legacy);
    if report.problem.is_none() && torn {
        report.problem = Some(format!(
            "{file}:{}: the last line is cut short (the file was truncated, or jinzai \
             stopped while writing it; a writable open rewrites it from the store)",
            lines.len() + 1
        ));
    }
    if report.problem.is_none() {
        report.problem = against_head(file, lines, anchor, &mut report.notes);
    }
    if let Some((first, last)) = report.legacy {
        report.notes.push(if first == last {
            format!(
                "record {first} was written before the hash chain (by an older jinzai); \
                 it is checked for order only"
            )
        } else {
            format!(
                "records {first}–{last} were written before the hash chain (by an older \
                 jinzai); they are checked for order only"
            )
        });
    }
    report
}

/// The first bad line of the file itself, in line order.
fn first_problem(
    file: &str,
    lines: &[Line],
    anchor: Option<&Anchor>,
    legacy: &mut Option<(u64, u64)>,
) -> Option<String> {
    // Where each number appears, to tell reordering from deletion.
    let mut at: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(s) = l.seq() {
            at.entry(s).or_default().push(i);
        }
    }
    // Whether a line's hash is what the next record (or the head) says it is;
    // `None` when nothing vouches for it.
    let confirmed = |j: usize| -> Option<bool> {
        let witness = match lines.get(j + 1) {
            Some(next) => next.prev(),
            None => anchor
                .and_then(|a| a.head)
                .filter(|h| Some(h.0) == lines[j].seq())
                .map(|h| h.1),
        };
        witness.map(|w| w == lines[j].hash)
    };
    let chain_start = anchor.and_then(|a| a.chain_start);
    let mut chained = false;
    for (j, line) in lines.iter().enumerate() {
        let n = j + 1;
        let (seq, prev) = match &line.parsed {
            Ok(p) => *p,
            Err(e) => {
                return Some(format!(
                    "{file}:{n}: this line is not an audit record any more (it was edited): {e}"
                ))
            }
        };
        if j == 0 && seq != 1 {
            let what = if seq == 2 {
                "record 1 is missing".to_string()
            } else {
                format!("records 1–{} are missing", seq - 1)
            };
            return Some(format!(
                "{file}:1: record {seq}: the log should begin with record 1; {what} \
                 (lines were deleted from the start)"
            ));
        }
        if j > 0 {
            // Unparsed lines stopped the walk, so the line before has a number.
            let before = lines[j - 1].seq().unwrap_or(0);
            if seq <= before {
                let seen = &at[&seq];
                if seen.len() > 1 {
                    let k = seen[0];
                    return Some(
                        if confirmed(j) == Some(true) && confirmed(k) != Some(true) {
                            format!(
                                "{file}:{}: record {seq} was inserted: line {n} holds record \
                             {seq} too, and only that one links to the record after it",
                                k + 1
                            )
                        } else {
                            format!(
                                "{file}:{n}: record {seq} was inserted: record {seq} is already \
                             on line {}",
                                k + 1
                            )
                        },
                    );
                }
                return Some(format!(
                    "{file}:{n}: record {seq} is out of order: it comes after record \
                     {before} (the lines were reordered)"
                ));
            }
            if seq > before + 1 {
                let want = before + 1;
                if let Some(later) = at.get(&want).and_then(|v| v.iter().find(|&&i| i > j)) {
                    return Some(format!(
                        "{file}:{n}: record {seq} is out of order: record {want} comes \
                         after it, on line {} (the lines were reordered)",
                        later + 1
                    ));
                }
                let what = if seq == want + 1 {
                    format!("record {want} is missing")
                } else {
                    format!("records {want}–{} are missing", seq - 1)
                };
                return Some(format!(
                    "{file}:{n}: record {seq}: {what} before it (deleted from the file)"
                ));
            }
        }
        let must = chain_start.map_or(chained, |c| seq >= c);
        let Some(prev) = prev else {
            if must {
                return Some(format!(
                    "{file}:{n}: record {seq} has no `prev` hash, but every record after \
                     the chain began must (it was edited)"
                ));
            }
            *legacy = Some((legacy.map_or(seq, |l| l.0), seq));
            continue;
        };
        chained = true;
        let Some(prev) = prev else {
            return Some(format!(
                "{file}:{n}: record {seq}: its `prev` is not a SHA-256 hash (it was edited)"
            ));
        };
        let expected = match j {
            0 => [0u8; 32],
            _ => lines[j - 1].hash,
        };
        if prev == expected {
            continue;
        }
        if j == 0 {
            return Some(format!(
                "{file}:1: record {seq}: the first record's `prev` must be all zeros (it was \
                 edited)"
            ));
        }
        let before = seq - 1;
        return Some(match confirmed(j) {
            Some(true) => format!(
                "{file}:{j}: record {before} was changed after it was written: its line no \
                 longer has the hash that record {seq} (line {n}) keeps"
            ),
            Some(false) => format!(
                "{file}:{n}: record {seq} was changed after it was written: it no longer \
                 links to record {before} (line {j})"
            ),
            None => format!(
                "{file}:{j}: record {before}, or record {seq} on the next line, was changed \
                 after it was written: they no longer link"
            ),
        });
    }
    None
}

/// Whether the file ends where the store's head says, once the lines themselves
/// are sound.
fn against_head(
    file: &str,
    lines: &[Line],
    anchor: Option<&Anchor>,
    notes: &mut Vec<String>,
) -> Option<String> {
    let Some(anchor) = anchor else {
        if !lines.is_empty() {
            notes.push("the end of the file was not checked against the store's head".to_string());
        }
        return None;
    };
    let last = lines.last().map(|l| (l.seq().unwrap_or(0), l.hash));
    let Some((head, hash)) = anchor.head else {
        return lines.first().map(|l| {
            format!(
                "{file}:1: record {}: the store has no audited change, yet the file holds \
                 records (the store was replaced, or lines were added)",
                l.seq().unwrap_or(0)
            )
        });
    };
    let Some((last_seq, last_hash)) = last else {
        return Some(format!(
            "{file}: the file holds no records, but the store committed {head} (the file was \
             emptied or deleted; a writable open writes them again from the store)"
        ));
    };
    if last_seq < head {
        let (what, them) = if head == last_seq + 1 {
            (format!("record {head} is missing"), "it")
        } else {
            (
                format!("records {}–{head} are missing", last_seq + 1),
                "them",
            )
        };
        return Some(format!(
            "{file}:{}: {what} from the end of the file; the store committed {them} (the \
             file was truncated, or jinzai stopped before writing {them}; a writable open \
             writes {them} again from the store)",
            lines.len() + 1
        ));
    }
    if last_seq > head {
        let n = lines.len() - (last_seq - head) as usize + 1;
        return Some(format!(
            "{file}:{n}: record {}: the store's last record is {head}, so this line and \
             the ones after it are not in the store (the store lost its last changes, an \
             older copy of it was put in place, or the lines were added to the file)",
            head + 1
        ));
    }
    if last_hash == hash {
        return None;
    }
    // Same number, other bytes: the file was rewritten from some line on. The
    // store's copies name the first line that differs.
    for (j, l) in lines.iter().enumerate() {
        let Some(seq) = l.seq() else { continue };
        if let Some(bytes) = (anchor.entry)(seq) {
            if hash_line(&bytes) != l.hash {
                return Some(format!(
                    "{file}:{}: record {seq} was changed after it was written: it differs \
                     from the store's copy",
                    j + 1
                ));
            }
        }
    }
    Some(format!(
        "{file}:{}: record {last_seq} was changed after it was written: its hash is not the \
         store's head",
        lines.len()
    ))
}
