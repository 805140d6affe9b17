//! The records image: every record of a store in one file, to start up fast.
//!
//! Reading a big store through sled costs about 2.5 µs per record (it walks its
//! tree page by page, and the pages come off the disk in up to ten pieces each),
//! some 1 s of CPU for a ministry of 100,000 people and 420,000 records. The image
//! holds the same keys and values (see `keys` and `codec`) one after another, so
//! reading it is one file read and the decoding.
//!
//! It is a copy, never the record: it is used only when it holds the store exactly
//! as it is. Its header names the store state it was taken from ([`ImageKey`]): the
//! store's write stamp (a random number in `meta` that every sled transaction
//! replaces, so any write makes an older image stale, and no other store, nor the
//! same store at another time, has the same), the last audit record and that
//! record's hash. A CRC-32 covers the rest, and any image that is missing, stale,
//! cut short or fails to decode is ignored (the caller loads the store). It is
//! written to a temporary file and renamed into place, mode 0600.
//!
//! | part                        | bytes                                          |
//! |-----------------------------|------------------------------------------------|
//! | magic                       | `jinzai-records\n\0` (16)                      |
//! | format                      | u32 LE, 1                                      |
//! | schema                      | u32 LE: the store schema of the values         |
//! | key                         | stamp u64, audit seq u64, head hash (32)       |
//! | sections                    | 7 × (count u64, length u64), `T::RECORDS` order|
//! | CRC-32 of the body          | u32 LE                                         |
//! | body                        | per section: (key length, key, value length, value) per record, lengths LEB128 |

use super::codec::Binary;
use super::keys::{self, T};
use super::sled_store::{backend, decode, load_in_parallel, RecordSource, SledStore, Stored};
use super::{Result, Store, SCHEMA_VERSION};
use crate::domain::{Dataset, RecordRef};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

const MAGIC: &[u8; 16] = b"jinzai-records\n\0";
const FORMAT: u32 = 1;
const SECTIONS: usize = T::RECORDS.len();
const HEADER: usize = 16 + 4 + 4 + 8 + 8 + 32 + SECTIONS * 16 + 4;

/// The meta key of the write stamp (u64 big-endian).
pub(super) const STAMP_KEY: &[u8] = b"stamp";

/// The store state an image was taken from: it is used only while the store is
/// still in that state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageKey {
    /// The write stamp: random, new with every sled transaction (0 before the first).
    pub stamp: u64,
    /// The last audit record.
    pub seq: u64,
    /// That record's hash (zeros when the store keeps none).
    pub head: [u8; 32],
}

/// A stamp as stored (none, or a value of another length, counts as 0).
fn stamp_of(v: Option<&[u8]>) -> u64 {
    v.and_then(|v| <[u8; 8]>::try_from(v).ok())
        .map_or(0, u64::from_be_bytes)
}

/// A new write stamp, for a transaction to store.
pub(super) fn new_stamp() -> [u8; 8] {
    rand::random::<u64>().max(1).to_be_bytes()
}

impl SledStore {
    /// The state the store's records are in now. Read it while no change is being
    /// made (the `Db` holds its commit lock), together with the records.
    pub fn image_key(&self) -> Result<ImageKey> {
        let stamp = self.tree(T::Meta).get(STAMP_KEY).map_err(backend)?;
        let head = self.log_head()?;
        Ok(ImageKey {
            stamp: stamp_of(stamp.as_deref()),
            seq: self.log_last()?,
            head: head.map_or([0; 32], |(_, h)| h),
        })
    }
}

/// Writes the image of `ds`, which holds the store in state `key`, to `path`
/// (through a temporary file beside it, then a rename).
pub fn write(path: &Path, ds: &Dataset, key: &ImageKey) -> std::io::Result<()> {
    let mut sections = Vec::with_capacity(SECTIONS);
    let mut body = Vec::with_capacity(64 * 1024);
    fn entry(body: &mut Vec<u8>, key: &[u8], value: &mut Vec<u8>) {
        leb(body, key.len());
        body.extend_from_slice(key);
        leb(body, value.len());
        body.append(value);
    }
    let mut value = Vec::new();
    macro_rules! section {
        ($map:expr, $key:expr) => {{
            let at = body.len();
            for r in $map.values() {
                r.to_binary(&mut value);
                entry(&mut body, &$key(r), &mut value);
            }
            sections.push(($map.len() as u64, (body.len() - at) as u64));
        }};
    }
    let id = |s: &str| s.as_bytes().to_vec();
    section!(ds.units, |r: &crate::domain::Unit| id(r.id.as_str()));
    section!(ds.posts, |r: &crate::domain::Post| id(r.id.as_str()));
    section!(ds.staff, |r: &crate::domain::Staff| id(r.id.as_str()));
    section!(ds.courses, |r: &crate::domain::Course| id(r.id.as_str()));
    section!(ds.sessions, |r: &crate::domain::Session| id(r.id.as_str()));
    section!(ds.assignments, |r: &crate::domain::Assignment| {
        keys::locate(&RecordRef::Assignment(r.key())).1
    });
    section!(ds.enrollments, |r: &crate::domain::Enrollment| {
        keys::locate(&RecordRef::Enrollment(r.key())).1
    });
    let mut head = Vec::with_capacity(HEADER);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&FORMAT.to_le_bytes());
    head.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
    head.extend_from_slice(&key.stamp.to_le_bytes());
    head.extend_from_slice(&key.seq.to_le_bytes());
    head.extend_from_slice(&key.head);
    for (count, len) in &sections {
        head.extend_from_slice(&count.to_le_bytes());
        head.extend_from_slice(&len.to_le_bytes());
    }
    head.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(&head)?;
        f.write_all(&body)?;
        // Not for safety (a torn image fails its CRC and is not read) but so that the
        // writer pays for writing it back: left dirty, it would be flushed by the next
        // commit's fsync of the audit file (ext4 commits its journal as a whole).
        f.sync_data()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn leb(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let low = (n & 0x7F) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// The records of the image at `path` if it holds the store in state `key`;
/// `None` when there is none, or it is of another state, or cannot be read.
pub fn read(path: &Path, key: &ImageKey) -> Option<Dataset> {
    let bytes = std::fs::read(path).ok()?;
    let (head, body) = (bytes.get(..HEADER)?, bytes.get(HEADER..)?);
    let mut at = 0;
    let mut take = move |n: usize| {
        at += n;
        &head[at - n..at]
    };
    let u32_ = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap_or_default());
    let u64_ = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
    if take(16) != MAGIC || u32_(take(4)) != FORMAT || u32_(take(4)) != SCHEMA_VERSION {
        return None;
    }
    let found = ImageKey {
        stamp: u64_(take(8)),
        seq: u64_(take(8)),
        head: take(32).try_into().ok()?,
    };
    if found != *key {
        return None;
    }
    let mut parts: Vec<(usize, &[u8])> = Vec::with_capacity(SECTIONS);
    let mut from = 0usize;
    for _ in 0..SECTIONS {
        let count = usize::try_from(u64_(take(8))).ok()?;
        let len = usize::try_from(u64_(take(8))).ok()?;
        parts.push((count, body.get(from..from.checked_add(len)?)?));
        from += len;
    }
    if from != body.len() || u32_(take(4)) != crc32fast::hash(body) {
        return None;
    }
    load_in_parallel(&Sections(&parts)).ok()
}

/// The sections of an image, in the order of `T` (units … enrollments): (count, bytes).
struct Sections<'a>(&'a [(usize, &'a [u8])]);

impl RecordSource for Sections<'_> {
    fn records<R: Stored>(&self) -> Result<BTreeMap<R::Key, R>> {
        section(R::TREE, self.0[R::TREE as usize])
    }
}

/// One section's records, keyed as the store loads them.
fn section<R: Stored>(t: T, (count, mut b): (usize, &[u8])) -> Result<BTreeMap<R::Key, R>> {
    let bad = || super::StoreError::Backend("the records image is damaged".into());
    let mut out = Vec::with_capacity(count.min(b.len()));
    let mut ids = super::codec::Ids::default();
    for _ in 0..count {
        let mut field = || -> Option<&[u8]> {
            let mut n = 0usize;
            for shift in (0..64).step_by(7) {
                let (&byte, rest) = b.split_first()?;
                b = rest;
                n |= ((byte & 0x7F) as usize) << shift;
                if byte & 0x80 == 0 {
                    let (f, rest) = (b.get(..n)?, b.get(n..)?);
                    b = rest;
                    return Some(f);
                }
            }
            None
        };
        let key = field().ok_or_else(bad)?;
        let value = field().ok_or_else(bad)?;
        let r: R = decode(t, key, value, &mut ids)?;
        out.push((r.key(), r));
    }
    if !b.is_empty() || out.windows(2).any(|w| w[0].0 >= w[1].0) {
        return Err(bad());
    }
    Ok(out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ChangeSet;
    use crate::store::{OpenOptions, Store};

    fn store_with(ds: &Dataset) -> (tempfile::TempDir, SledStore) {
        let tmp = tempfile::TempDir::new().unwrap();
        let store = SledStore::open(&tmp.path().join("store"), &OpenOptions::default()).unwrap();
        store.apply(&ChangeSet::fill(ds)).unwrap();
        (tmp, store)
    }

    #[test]
    fn an_image_reads_back_as_the_store_loads_while_the_store_is_unchanged() {
        let ds = crate::demo::ministry(3);
        let (tmp, store) = store_with(&ds);
        let path = tmp.path().join("records.image");
        let key = store.image_key().unwrap();
        write(&path, &store.load().unwrap(), &key).unwrap();
        assert_eq!(read(&path, &key).as_ref(), Some(&ds));
        // Any write to the store makes it stale, even one that leaves the records be.
        store
            .apply(&ChangeSet {
                changes: vec![crate::domain::Change::Put(crate::domain::Record::Unit(
                    ds.units.values().next().unwrap().clone(),
                ))],
            })
            .unwrap();
        let now = store.image_key().unwrap();
        assert_ne!(now, key);
        assert_eq!(read(&path, &now), None);
    }

    #[test]
    fn a_damaged_image_is_not_read() {
        let ds = crate::demo::ministry(4);
        let (tmp, store) = store_with(&ds);
        let path = tmp.path().join("records.image");
        let key = store.image_key().unwrap();
        write(&path, &ds, &key).unwrap();
        let good = std::fs::read(&path).unwrap();
        for cut in [
            0,
            10,
            HEADER - 1,
            HEADER,
            HEADER + 1,
            good.len() / 2,
            good.len() - 1,
        ] {
            std::fs::write(&path, &good[..cut]).unwrap();
            assert_eq!(read(&path, &key), None, "cut at {cut}");
        }
        for at in [
            20,
            40,
            HEADER - 2,
            HEADER + 5,
            good.len() / 3,
            good.len() - 2,
        ] {
            let mut bad = good.clone();
            bad[at] ^= 0x55;
            std::fs::write(&path, &bad).unwrap();
            assert_eq!(read(&path, &key), None, "byte {at} flipped");
        }
        std::fs::write(&path, &good).unwrap();
        assert_eq!(read(&path, &key).as_ref(), Some(&ds));
        let other = ImageKey {
            seq: key.seq + 1,
            ..key
        };
        assert_eq!(read(&path, &other), None);
    }
}
