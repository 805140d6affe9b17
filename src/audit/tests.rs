use super::*;
use crate::domain::date::ymd;
use crate::domain::{Assignment, Grade, PostId, Skills, Staff, StaffId, Status, Track};
use std::io::Write as _;
use std::path::Path;

fn staff(id: &str, notes: &str) -> Staff {
    Staff {
        id: StaffId::new_unchecked(id),
        name: "田中 美咲".into(),
        kana: "たなか みさき".into(),
        birth_year: None,
        grade: Grade::Staff,
        grade_since: None,
        track: Track::SogoDigital,
        hired_on: None,
        skills: Skills::default(),
        candidate: false,
        promotable: false,
        status: Status::Active,
        status_until: None,
        wishes: vec![],
        notes: notes.into(),
        destination: String::new(),
    }
}

fn assignment(staff: &str, post: &str) -> Assignment {
    Assignment {
        staff: StaffId::new_unchecked(staff),
        post: PostId::new_unchecked(post),
        start: ymd(2027, 4, 1).unwrap(),
        end: None,
        concurrent: false,
    }
}

fn record(seq: u64, ts: &str, entities: &[&str]) -> AuditRecord {
    let mut d = AuditDraft::new("edit", "an edit");
    d.entities = entities.iter().map(|e| e.to_string()).collect();
    let actor = Actor {
        user: "sato".into(),
        ssh_client: None,
    };
    AuditRecord::new(seq, ts.parse().unwrap(), &actor, d)
}

#[test]
fn ssh_client_is_the_first_field_of_ssh_client_else_ssh_connection() {
    assert_eq!(
        ssh_client_from(Some("10.0.0.5 51234 22"), Some("10.0.0.6 1 10.0.0.1 22")),
        Some("10.0.0.5".into())
    );
    assert_eq!(
        ssh_client_from(None, Some("fe80::1 1 fe80::2 22")),
        Some("fe80::1".into())
    );
    assert_eq!(ssh_client_from(Some("  "), None), None);
    assert_eq!(ssh_client_from(None, None), None);
}

#[test]
fn a_record_has_the_contract_shape() {
    let ds = Dataset::default();
    let a = assignment("E0412", "P02");
    let cs = ChangeSet {
        changes: vec![Change::Put(Record::Assignment(a))],
    };
    let draft = AuditDraft::of_changes(
        "assign",
        "assign E0412 田中 美咲 to P02 from 2027-04-01",
        &ds,
        &cs,
    );
    let actor = Actor {
        user: "sato".into(),
        ssh_client: Some("10.0.0.5".into()),
    };
    let r = AuditRecord::new(7, "2026-11-26T12:03:04Z".parse().unwrap(), &actor, draft);
    let v: serde_json::Value = serde_json::from_slice(&r.to_line()).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "seq": 7,
            "ts": "2026-11-26T12:03:04Z",
            "user": "sato",
            "ssh_client": "10.0.0.5",
            "action": "assign",
            "summary": "assign E0412 田中 美咲 to P02 from 2027-04-01",
            "entities": ["E0412", "P02"],
            "changes": [{
                "record": "assignment of E0412 to P02 from 2027-04-01",
                "before": null,
                "after": {"kind": "assignment", "record": {
                    "staff": "E0412", "post": "P02", "start": "2027-04-01",
                    "end": null, "concurrent": false
                }}
            }],
            "counts": null,
            "undoes": null,
            "files": []
        })
    );
    assert!(!r.to_line().contains(&b'\n'));
    assert_eq!(parse_line(&r.to_line()).unwrap(), r);
}

#[test]
fn now_is_whole_seconds() {
    let t = now();
    assert_eq!(t.subsec_nanosecond(), 0);
    assert!(t.to_string().ends_with('Z'), "{t}");
    assert!(!t.to_string().contains('.'), "{t}");
}

#[test]
fn changes_pair_each_with_its_value_before_it() {
    let mut ds = Dataset::default();
    let old = staff("E1", "old");
    ds.staff.insert(old.id.clone(), old.clone());
    let mid = staff("E1", "mid");
    let new = staff("E2", "new");
    let cs = ChangeSet {
        changes: vec![
            Change::Put(Record::Staff(mid.clone())),
            Change::Put(Record::Staff(new.clone())),
            Change::Delete(RecordRef::Staff(old.id.clone())),
        ],
    };
    let ch = AuditChange::of(&ds, &cs);
    assert_eq!(ch.len(), 3);
    assert_eq!(ch[0].record, "staff E1");
    assert_eq!(ch[0].before, Some(Record::Staff(old)));
    assert_eq!(ch[0].after, Some(Record::Staff(mid.clone())));
    assert_eq!(ch[1].before, None);
    assert_eq!(ch[1].after, Some(Record::Staff(new)));
    // The delete sees the value the first change put.
    assert_eq!(ch[2].before, Some(Record::Staff(mid)));
    assert_eq!(ch[2].after, None);
    assert_eq!(entities_of(&cs), vec!["E1", "E2"]);
}

#[test]
fn filter_matches_entities_and_the_utc_date() {
    let r = record(1, "2026-04-01T00:30:00Z", &["E0412", "P02"]);
    let d = |y, m, day| Some(ymd(y, m, day).unwrap());
    let f = |staff: Option<&str>, post: Option<&str>, since| Filter {
        staff: staff.map(StaffId::new_unchecked),
        post: post.map(PostId::new_unchecked),
        since,
    };
    assert!(f(None, None, None).matches(&r));
    assert!(f(Some("E0412"), Some("P02"), d(2026, 4, 1)).matches(&r));
    assert!(!f(Some("E0413"), None, None).matches(&r));
    assert!(!f(None, Some("P03"), None).matches(&r));
    assert!(!f(None, None, d(2026, 4, 2)).matches(&r));
    assert!(f(None, None, d(2026, 3, 31)).matches(&r));
}

fn write_file(path: &Path, bytes: &[u8]) {
    std::fs::File::create(path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
}

fn line(seq: u64) -> Vec<u8> {
    record(seq, "2026-11-26T12:00:00Z", &[]).to_line()
}

fn lines(seqs: &[u64]) -> Vec<u8> {
    let mut out = Vec::new();
    for &s in seqs {
        out.extend(line(s));
        out.push(b'\n');
    }
    out
}

#[test]
fn scan_and_tail_find_the_last_complete_line() {
    let tmp = tempfile::TempDir::new().unwrap();
    let path = tmp.path().join(AUDIT_FILE);
    assert_eq!(scan(&path).unwrap(), Tail::default());
    assert_eq!(tail(&path).unwrap(), Tail::default());
    let mut bytes = lines(&[1, 2, 3]);
    let complete = bytes.len() as u64;
    write_file(&path, &bytes);
    let t = scan(&path).unwrap();
    assert_eq!(
        (t.exists, t.last, t.complete, t.len),
        (true, 3, complete, complete)
    );
    assert_eq!(tail(&path).unwrap(), t);
    bytes.extend_from_slice(&line(4)[..20]);
    write_file(&path, &bytes);
    let t = scan(&path).unwrap();
    assert!(t.is_torn());
    assert_eq!((t.last, t.complete), (3, complete));
    assert_eq!(tail(&path).unwrap(), t);
    assert_eq!(read_log(&path).unwrap().len(), 3);
    // Repair: the torn part goes, the new lines follow.
    append(&path, &t, &[line(4), line(5)]).unwrap();
    let seqs: Vec<u64> = read_log(&path).unwrap().iter().map(|r| r.seq).collect();
    assert_eq!(seqs, vec![1, 2, 3, 4, 5]);
}

#[test]
fn a_torn_only_line_is_cut_away() {
    let tmp = tempfile::TempDir::new().unwrap();
    let path = tmp.path().join(AUDIT_FILE);
    write_file(&path, b"{\"seq\":1,");
    let t = tail(&path).unwrap();
    assert_eq!((t.last, t.complete, t.len), (0, 0, 9));
    append(&path, &t, &[line(1)]).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), lines(&[1]));
}

#[test]
fn a_damaged_line_is_named() {
    let tmp = tempfile::TempDir::new().unwrap();
    let path = tmp.path().join(AUDIT_FILE);
    let mut bytes = lines(&[1]);
    bytes.extend_from_slice(b"not json\n");
    bytes.extend(lines(&[3]));
    write_file(&path, &bytes);
    for err in [scan(&path).unwrap_err(), read_log(&path).unwrap_err()] {
        assert!(
            matches!(&err, AuditError::Corrupt { line: 2, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("audit.jsonl:2: "), "{err}");
    }
    // A damaged last line: `tail` falls back to naming it.
    let mut bytes = lines(&[1, 2]);
    bytes.extend_from_slice(b"{\"seq\":\"x\"}\n");
    write_file(&path, &bytes);
    let err = tail(&path).unwrap_err();
    assert!(err.to_string().contains("audit.jsonl:3: "), "{err}");
    // Out of order.
    write_file(&path, &lines(&[1, 3, 2]));
    let err = scan(&path).unwrap_err();
    assert!(err.to_string().contains("audit.jsonl:3: "), "{err}");
    assert!(
        err.to_string().contains("record 2 comes after record 3"),
        "{err}"
    );
}

#[test]
fn tail_reads_past_its_chunk_when_lines_are_long() {
    let tmp = tempfile::TempDir::new().unwrap();
    let path = tmp.path().join(AUDIT_FILE);
    let mut big = record(2, "2026-11-26T12:00:00Z", &[]);
    big.summary = "x".repeat(100_000);
    let mut bytes = lines(&[1]);
    bytes.extend(big.to_line());
    bytes.push(b'\n');
    write_file(&path, &bytes);
    let t = tail(&path).unwrap();
    assert_eq!((t.last, t.complete), (2, bytes.len() as u64));
}

#[test]
fn a_chained_record_carries_prev_after_its_number() {
    let r = record(2, "2026-11-26T12:00:00Z", &[]).with_prev(Some(hex(&hash_line(&line(1)))));
    let text = String::from_utf8(r.to_line()).unwrap();
    let prev = hex(&hash_line(&line(1)));
    assert!(
        text.starts_with(&format!("{{\"seq\":2,\"prev\":\"{prev}\",\"ts\":")),
        "{text}"
    );
    assert_eq!(parse_line(&r.to_line()).unwrap(), r);
    // Records from before the chain have none, and read back as such.
    let legacy = record(1, "2026-11-26T12:00:00Z", &[]);
    assert!(!String::from_utf8(legacy.to_line())
        .unwrap()
        .contains("prev"));
    assert_eq!(parse_line(&legacy.to_line()).unwrap().prev, None);
}

#[test]
fn hashes_are_sha256_in_lower_case_hex() {
    // The SHA-256 of "abc" (FIPS 180-2's example).
    let h = hash_line(b"abc");
    assert_eq!(
        hex(&h),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(parse_hex(&hex(&h)), Some(h));
    assert_eq!(parse_hex(&hex(&h).to_uppercase()), Some(h));
    assert_eq!(parse_hex("abc"), None);
    assert_eq!(parse_hex(&"g".repeat(64)), None);
    assert_eq!(parse_hex(GENESIS), Some([0u8; 32]));
}

#[test]
fn scan_and_tail_give_the_last_lines_hash() {
    let tmp = tempfile::TempDir::new().unwrap();
    let path = tmp.path().join(AUDIT_FILE);
    write_file(&path, &lines(&[1, 2]));
    let want = Some(hash_line(&line(2)));
    assert_eq!(scan(&path).unwrap().hash, want);
    assert_eq!(tail(&path).unwrap().hash, want);
    // A torn line after it changes nothing.
    let mut bytes = lines(&[1, 2]);
    bytes.extend_from_slice(&line(3)[..10]);
    write_file(&path, &bytes);
    assert_eq!(scan(&path).unwrap().hash, want);
    assert_eq!(tail(&path).unwrap().hash, want);
}
