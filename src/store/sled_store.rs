//! The sled implementation of `Store`.
// Being written.

/// A store kept in a sled database directory.
pub struct SledStore;
