//! JSON import (an export document): no panic; a syntax or type error names
//! its line and column, other problems their record; an accepted document plans
//! a dataset that passes every rule.
#![no_main]

use jinzai::domain::{validate, Dataset};
use jinzai::io::{plan_import, EncodingChoice};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("jinzai-fuzz-json-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let path = scratch().join("export.json");
    std::fs::write(&path, data).unwrap();
    match plan_import(&path, EncodingChoice::Auto, &Dataset::default()) {
        Ok(plan) => assert!(validate(&plan.merged).is_empty()),
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                let syntax = p.column == "json" && p.line.is_some();
                if syntax && p.reason != "the file is empty" {
                    assert!(p.reason.contains(" at column "), "no column: {p}");
                }
                let located = syntax
                    || p.record.is_some()
                    || p.column == "encoding"
                    || (p.line.is_none() && p.column.is_empty());
                assert!(located, "{p}");
            }
        }
    }
});
