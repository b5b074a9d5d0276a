//! Any string through the depth/node guard with tiny budgets: it never
//! panics, the flattened page parses, and metadata extraction accepts it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thresh::internals::{guard, metadata};
use thresh::Budgets;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let budgets = Budgets::default();
    let mut small = budgets;
    small.max_depth = 4;
    small.max_nodes = 64;
    for b in [budgets, small] {
        if let Ok(doc) = guard::parse(&html, &b) {
            let _ = metadata::extract(&doc, Some("https://example.com/a/b"));
        }
    }
});
