//! `jinzai demo`: fill an empty database with demo data.

use super::args::{DemoArgs, Global};
use super::db;
use anyhow::{bail, Result};
use jinzai::audit::{counts_of, AuditDraft};
use jinzai::demo::{ministry, synthetic, Spec};
use jinzai::domain::{ChangeSet, Dataset};
use jinzai::store::Store;

pub fn run(g: &Global, a: &DemoArgs) -> Result<()> {
    if g.read_only {
        bail!("jinzai demo writes to the database; it cannot run with --read-only");
    }
    let db = db::open(g)?;
    let ds = generate(a);
    fill(&db, &ds, &describe(a))?;
    println!("{}", summary(&ds));
    Ok(())
}

/// The dataset the arguments ask for.
pub fn generate(a: &DemoArgs) -> Dataset {
    match (a.staff, a.posts) {
        (Some(staff), Some(posts)) => synthetic(&Spec {
            staff: staff as usize,
            posts: posts as usize,
            seed: a.seed,
        }),
        _ => ministry(a.seed),
    }
}

/// What the arguments ask for, for the audit log.
pub fn describe(a: &DemoArgs) -> String {
    match (a.staff, a.posts) {
        (Some(staff), Some(posts)) => format!(
            "demo data: synthetic organisation of {staff} staff and {posts} posts, seed {}",
            a.seed
        ),
        _ => format!("demo data: fictional ministry, seed {}", a.seed),
    }
}

/// Writes demo data into an empty database, with one audit record holding the
/// counts; refuses a database that holds anything.
pub fn fill(db: &db::Db, ds: &Dataset, what: &str) -> Result<()> {
    if !db.store.is_empty()? {
        bail!(
            "the database at {} is not empty; jinzai demo fills only an empty database (use --db DIR for a new one)",
            super::paths::display(&db.dir)
        );
    }
    let (changes, counts) = ChangeSet::upserts(&Dataset::default(), ds);
    let mut draft = AuditDraft::new("demo", what);
    draft.counts = Some(counts_of(&counts));
    db.commit(&changes, draft)?;
    // The store holds exactly `ds` now: its image makes the first start fast.
    db.write_image_of(ds);
    Ok(())
}

/// One line of counts: `demo data written: 12 units, 80 posts, ...`.
pub fn summary(ds: &Dataset) -> String {
    let parts: Vec<String> = ds
        .counts()
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    format!("demo data written: {}", parts.join(", "))
}
