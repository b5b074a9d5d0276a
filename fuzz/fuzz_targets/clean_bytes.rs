//! Any bytes, as HTML, as text and auto-detected: cleaning never panics and
//! every renderer accepts the result.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thresh::{render, Cleaner, Config, Format, Hints, InputKind, RenderOptions};

fuzz_target!(|data: &[u8]| {
    for kind in [InputKind::Auto, InputKind::Html, InputKind::Text] {
        let cleaner = Cleaner::new(Config::new().input_kind(kind));
        if let Ok(article) = cleaner.clean(data, &Hints::new()) {
            for format in [Format::Text, Format::Json, Format::Markdown, Format::Html] {
                let _ = render::render(&article, format, &RenderOptions::default());
            }
        }
    }
});
