//! CSV import: the first byte picks the file kind and the encoding, the rest is
//! the file. Imported over the good fixture (so references can resolve). No
//! panic; a refused file has located problems (FILE:LINE: column: reason); an
//! accepted one plans a dataset that passes every rule.
#![no_main]

use jinzai::domain::{validate, Dataset};
use jinzai::io::{plan_import, EncodingChoice};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

const FILES: [&str; 9] = [
    "units.csv",
    "posts.csv",
    "staff.csv",
    "courses.csv",
    "sessions.csv",
    "assignments.csv",
    "enrollments.csv",
    "職員.csv",
    "配置.csv",
];

fn base() -> &'static Dataset {
    static BASE: OnceLock<Dataset> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/good");
        plan_import(&dir, EncodingChoice::Auto, &Dataset::default())
            .expect("the good fixture imports")
            .merged
    })
}

fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("jinzai-fuzz-csv-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = FILES[pick as usize % FILES.len()];
    let encoding = match (pick / 16) % 3 {
        0 => EncodingChoice::Auto,
        1 => EncodingChoice::Utf8,
        _ => EncodingChoice::ShiftJis,
    };
    let path = scratch().join(name);
    std::fs::write(&path, bytes).unwrap();
    match plan_import(&path, encoding, base()) {
        Ok(plan) => assert!(validate(&plan.merged).is_empty()),
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                let whole_file = p.line.is_none() && p.record.is_none() && p.column.is_empty();
                let database = p.file == "(database)";
                assert!(
                    whole_file || database || (p.line.is_some() && !p.column.is_empty()),
                    "a problem without line and column: {p}"
                );
            }
        }
    }
});
