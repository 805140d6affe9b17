//! Dates and years as people type them (ISO, YYYY/MM/DD, era forms): no panic;
//! a parsed date prints as ISO and parses back to itself; a parsed year is in
//! range.
#![no_main]

use jinzai::domain::date::{iso, parse_date, parse_year};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = parse_date(s) {
        assert_eq!(parse_date(&iso(d)), Ok(d), "{s:?}");
    }
    if let Ok(y) = parse_year(s) {
        assert!((1800..=2200).contains(&y), "year {y} from {s:?}");
    }
});
