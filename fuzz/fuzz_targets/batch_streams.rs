//! Any bytes through the batch stream readers (gzip sniffing, format
//! detection, JSONL lines and their parsing, WARC records, HTTP bodies in
//! every content coding): they never panic and always end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Read};
use thresh::batch::jsonl::{self, JsonlReader};
use thresh::batch::warc::{http, WarcReader};
use thresh::batch::{detect, gzip, Entry, FieldNames};

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
    let (_, mut back) = detect::peek(Box::new(Cursor::new(data.to_vec()))).unwrap();
    let mut given = Vec::new();
    back.read_to_end(&mut given).unwrap();
    assert_eq!(given, data);
    for coding in ["gzip", "deflate", "br", "zstd"] {
        let response = http::Response {
            status: 200,
            content_type: None,
            transfer_encoding: None,
            content_encoding: Some(coding.into()),
            body: data,
        };
        if let Ok(body) = http::decoded_body(&response, 1 << 16) {
            assert!(body.len() <= 1 << 16);
        }
    }
});
