//! Design import: any text → `design::from_json`; an accepted design must survive
//! to_json → from_json unchanged, export as CSV, and round-trip through a share link.
#![no_main]

use cidrplan::design::{from_json, to_csv, to_json};
use cidrplan::share::{self, ShareState};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(design) = from_json(&text) else { return };

    let json = to_json(&design);
    match from_json(&json) {
        Ok(again) => assert_eq!(again, design, "to_json → from_json changed the design:\n{json}"),
        Err(e) => panic!("to_json output does not import: {e}\n{json}"),
    }
    let csv = to_csv(&design);
    assert_eq!(csv.lines().count(), design.len() + 1, "one CSV row per subnet plus the header");

    let _ = design.summary();
    let _ = design.summary_line();
    let _ = design.size_warning();
    let _ = design.max_depth();
    let _ = design.bar_levels();
    let _ = design.drawn_bars(design.len() / 2..design.len() + 3);
    let _ = design.problem_leaves();
    let _ = design.bars(0..design.len());
    let _ = design.bars(design.len().saturating_sub(3)..design.len() + 3);
    for leaf in design.leaves().iter().take(8) {
        let _ = design.cidrsubnet_expr(leaf.net);
        let _ = design.span(leaf.net);
    }
    let _ = cidrplan::table::rows_in_window(&design, 0..design.len().min(64));

    let state = ShareState::Design(design);
    if let Ok(link) = share::encode_checked(&state) {
        match share::decode(&link) {
            Ok(back) => assert_eq!(back, state, "share link round trip changed the design"),
            Err(e) => panic!("a link from encode_checked does not open: {e}"),
        }
    }
});
