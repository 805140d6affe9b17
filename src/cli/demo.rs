//! `jinzai demo`: fill an empty database with demo data.

use super::args::{DemoArgs, Global};
use super::db;
use anyhow::{bail, Result};
use jinzai::demo::{ministry, synthetic, Spec};
use jinzai::domain::{ChangeSet, Dataset};
use jinzai::store::Store;

pub fn run(g: &Global, a: &DemoArgs) -> Result<()> {
    if g.read_only {
        bail!("jinzai demo writes to the database; it cannot run with --read-only");
    }
    let db = db::open(g)?;
    let ds = generate(a);
    fill(&db, &ds)?;
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

/// Writes demo data into an empty database; refuses one that holds anything.
pub fn fill(db: &db::Db, ds: &Dataset) -> Result<()> {
    if !db.store.is_empty()? {
        bail!(
            "the database at {} is not empty; jinzai demo fills only an empty database (use --db DIR for a new one)",
            super::paths::display(&db.dir)
        );
    }
    db.store.apply(&ChangeSet::fill(ds))?;
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
