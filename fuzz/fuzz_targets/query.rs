//! The staff pane's filter query (`grade:係長 skill:security>=3 tanaka`): no
//! panic; an error points inside the query.
#![no_main]

use jinzai::search::Query;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = Query::parse(s) {
        let n = s.chars().count();
        assert!(e.start <= e.end && e.end <= n, "{e:?} in {s:?}");
    }
});
