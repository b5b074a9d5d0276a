//! Any bytes through the batch stream readers (gzip sniffing, JSONL lines and
//! their parsing, WARC records): they never panic and always end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Cursor;
use thresh::batch::jsonl::{self, JsonlReader};
use thresh::batch::warc::WarcReader;
use thresh::batch::{gzip, Entry, FieldNames};

fuzz_target!(|data: &[u8]| {
    let names = FieldNames {
        bytes: Some("raw".into()),
        ..FieldNames::default()
    };
    if let Ok(opened) = gzip::open(Box::new(Cursor::new(data.to_vec())), None) {
        for entry in JsonlReader::new("fuzz", opened.reader, opened.gzip, 1 << 16).flatten() {
            if let Entry::Line(line) = entry {
                let _ = jsonl::parse_line(&line, 1 << 16, &names);
            }
        }
    }
    let warc = WarcReader::new("fuzz", Box::new(Cursor::new(data.to_vec())), false, 1 << 16);
    for _ in warc {}
});
