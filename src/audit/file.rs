//! The audit file on disk: finding where its complete lines end and the last
//! sequence number, and appending lines durably (O_APPEND, then fsync).
//!
//! Lines are written whole with one `write` each batch, so a crash can leave at
//! most one torn line at the end: bytes without a final `\n`. It is cut away
//! before the next append; the store still holds the entry, which is appended
//! again.

use super::AuditError;
use serde::Deserialize;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, ErrorKind, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Where the file's complete lines end, and the last one's sequence number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tail {
    /// Whether the file exists.
    pub exists: bool,
    /// The sequence number of the last complete line; 0 when there is none.
    pub last: u64,
    /// The length in bytes of the complete lines; anything after is torn.
    pub complete: u64,
    /// The file's length in bytes.
    pub len: u64,
    /// The SHA-256 of the last complete line (without its line end).
    pub hash: Option<[u8; 32]>,
}

impl Tail {
    /// Whether the file ends in a torn line (a write cut short).
    pub fn is_torn(&self) -> bool {
        self.len > self.complete
    }
}

/// Just the number of a line: enough to check it is an object with a `seq`.
#[derive(Deserialize)]
struct SeqOnly {
    seq: u64,
}

fn seq_of(line: &[u8]) -> Result<u64, String> {
    serde_json::from_slice::<SeqOnly>(line)
        .map(|s| s.seq)
        .map_err(|e| e.to_string())
}

fn read_err(path: &Path) -> impl FnOnce(std::io::Error) -> AuditError + '_ {
    move |source| AuditError::Read {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads the whole file, checking every complete line is a record numbered above
/// the one before it. A missing file is an empty one.
pub fn scan(path: &Path) -> Result<Tail, AuditError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Tail::default()),
        Err(e) => return Err(read_err(path)(e)),
    };
    let mut reader = BufReader::new(file);
    let mut tail = Tail {
        exists: true,
        ..Tail::default()
    };
    let mut buf = Vec::new();
    // The last complete line, kept to hash once at the end.
    let mut last_line = Vec::new();
    let mut line = 0usize;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(read_err(path))?;
        if n == 0 {
            break;
        }
        tail.len += n as u64;
        if buf.last() != Some(&b'\n') {
            break; // torn: the end of the file
        }
        line += 1;
        let corrupt = |reason: String| AuditError::Corrupt {
            path: path.to_path_buf(),
            line,
            reason,
        };
        let seq = seq_of(&buf[..n - 1]).map_err(corrupt)?;
        if seq <= tail.last {
            return Err(corrupt(format!(
                "record {seq} comes after record {}",
                tail.last
            )));
        }
        tail.last = seq;
        tail.complete = tail.len;
        std::mem::swap(&mut buf, &mut last_line);
    }
    if line > 0 {
        tail.hash = Some(super::hash_line(&last_line[..last_line.len() - 1]));
    }
    Ok(tail)
}

/// How much of the end of the file `tail` reads before falling back to `scan`.
const TAIL_CHUNK: u64 = 64 * 1024;

/// Like `scan`, reading only the end of the file: it checks just the last line.
pub fn tail(path: &Path) -> Result<Tail, AuditError> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Tail::default()),
        Err(e) => return Err(read_err(path)(e)),
    };
    let len = file.metadata().map_err(read_err(path))?.len();
    let start = len.saturating_sub(TAIL_CHUNK);
    file.seek(SeekFrom::Start(start)).map_err(read_err(path))?;
    let mut chunk = Vec::with_capacity((len - start) as usize);
    file.read_to_end(&mut chunk).map_err(read_err(path))?;
    let whole = || Tail {
        exists: true,
        len: start + chunk.len() as u64,
        ..Tail::default()
    };
    let Some(end) = chunk.iter().rposition(|&b| b == b'\n') else {
        // No complete line in the chunk: all torn, or a line longer than it.
        return if start == 0 { Ok(whole()) } else { scan(path) };
    };
    let begin = match chunk[..end].iter().rposition(|&b| b == b'\n') {
        Some(i) => i + 1,
        None if start == 0 => 0,
        None => return scan(path),
    };
    match seq_of(&chunk[begin..end]) {
        Ok(last) => Ok(Tail {
            last,
            complete: start + end as u64 + 1,
            hash: Some(super::hash_line(&chunk[begin..end])),
            ..whole()
        }),
        // `scan` names the line.
        Err(_) => scan(path),
    }
}

/// Cuts a torn last line away, then appends `lines` (each without its `\n`) and
/// fsyncs the file, and its directory when the file is new. `tail` is what
/// `scan` or `tail` found; nothing else may write the file in between.
pub fn append(path: &Path, tail: &Tail, lines: &[Vec<u8>]) -> Result<(), AuditError> {
    if lines.is_empty() && !tail.is_torn() {
        return Ok(());
    }
    let write_err = |source| AuditError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(path)
        .map_err(write_err)?;
    if tail.is_torn() {
        file.set_len(tail.complete).map_err(write_err)?;
    }
    let mut buf = Vec::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        buf.extend_from_slice(l);
        buf.push(b'\n');
    }
    file.write_all(&buf).map_err(write_err)?;
    file.sync_all().map_err(write_err)?;
    if !tail.exists {
        if let Some(dir) = path.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(write_err)?;
        }
    }
    Ok(())
}
