//! `jinzai export`: every record as one JSON document or as the CSV files.

use super::args::{ExportArgs, Format, Global};
use super::db;
use anyhow::{bail, Context, Result};
use jinzai::io::{export_csv, export_json};
use jinzai::store::{Store, DOCUMENT_SCHEMA};
use std::io::Write;

pub fn run(g: &Global, a: &ExportArgs) -> Result<()> {
    let db = db::open_for_reading(g)?;
    let ds = db.store.load()?;
    match a.format {
        Format::Json => {
            let text = export_json(&ds, DOCUMENT_SCHEMA);
            match &a.out {
                None => {
                    let mut out = std::io::stdout().lock();
                    out.write_all(text.as_bytes())
                        .context("cannot write to standard output")?;
                    out.flush().context("cannot write to standard output")?;
                }
                Some(path) => {
                    write_atomically(path, text.as_bytes())?;
                    eprintln!("wrote {}", path.display());
                }
            }
        }
        Format::Csv => {
            let Some(dir) = &a.out else {
                bail!("--format csv writes several files: give the directory with --out DIR");
            };
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let files = export_csv(&ds, dir)
                .with_context(|| format!("cannot write CSV files into {}", dir.display()))?;
            eprintln!("wrote {} files into {}", files.len(), dir.display());
        }
    }
    Ok(())
}

/// Writes a file through a temporary sibling and a rename, so a reader never sees half.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp-jinzai");
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}
