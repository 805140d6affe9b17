//! Loading every record for a command or the TUI: from the records image when it
//! holds the store exactly as it is (fast at any size), else from the store.

use super::{Db, DbStore, Result, IMAGE_FILE};
use crate::domain::Dataset;
use crate::store::image::ImageKey;
use crate::store::Store;

impl Db {
    /// Every record, as `store.load()` gives them: read from the records image
    /// ([`IMAGE_FILE`]) when it holds the store exactly as it is, which is fast at
    /// any size, else from the store (or the snapshot a read-only handle reads).
    /// The key is set when a writable handle found the image missing or stale:
    /// [`Db::save_image`] with it writes a new one for next time.
    pub fn load_records(&self) -> Result<(Dataset, Option<ImageKey>)> {
        let sled = match &self.store {
            DbStore::Sled(s) => s,
            DbStore::Snapshot(_) => return Ok((self.store.load()?, None)),
        };
        let _between_commits = self.commit_lock.lock().unwrap_or_else(|e| e.into_inner());
        let key = sled.image_key()?;
        if let Some(ds) = crate::store::image::read(&self.dir.join(IMAGE_FILE), &key) {
            return Ok((ds, None));
        }
        let ds = sled.load()?;
        Ok((ds, (!self.read_only).then_some(key)))
    }

    /// Every record, for a command: [`Db::load_records`], then (best effort) a fresh
    /// records image when it was missing or stale, so the next start is fast.
    pub fn read_records(&self) -> Result<Dataset> {
        let (ds, stale) = self.load_records()?;
        if let Some(key) = stale {
            let _ = self.save_image(&ds, &key);
        }
        Ok(ds)
    }

    /// Writes the records image of `ds`, which must be every record of the store as
    /// it is now (`jinzai demo` after filling an empty store). Best effort: without
    /// it the next load reads the store.
    pub fn write_image_of(&self, ds: &Dataset) {
        let DbStore::Sled(sled) = &self.store else {
            return;
        };
        if self.read_only {
            return;
        }
        let _between_commits = self.commit_lock.lock().unwrap_or_else(|e| e.into_inner());
        if let Ok(key) = sled.image_key() {
            let _ = self.save_image(ds, &key);
        }
    }

    /// Writes the records image of `ds`, which [`Db::load_records`] gave with `key`.
    /// Changes committed since do not matter: the image names the state it holds, and
    /// is not read once the store has moved on.
    pub fn save_image(&self, ds: &Dataset, key: &ImageKey) -> std::io::Result<()> {
        crate::store::image::write(&self.dir.join(IMAGE_FILE), ds, key)
    }
}
