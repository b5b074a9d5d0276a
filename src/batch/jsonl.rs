//! JSONL input: a buffered byte stream in, one [`Entry::Line`] per line out;
//! [`parse_line`] turns a line into a [`Record`] (on a worker thread).
//!
//! Every line is a record, blank and malformed ones included, so output line
//! `n` always answers input line `n`. A line over the size limit is not held
//! in memory whole: its record carries the error.

use super::error::{RecordError, StreamError};
use super::fields::Fields;
use super::record::{Entry, FieldNames, Line, Page, Record};
use crate::config::{Hints, InputKind};
use base64::Engine;
use std::io::{self, BufRead};
use std::sync::Arc;

/// Reads JSONL lines from a stream.
pub struct JsonlReader {
    input: String,
    reader: Box<dyn BufRead + Send>,
    gzip: bool,
    max_line: usize,
    number: u64,
    line: Vec<u8>,
    done: bool,
}

impl JsonlReader {
    /// Reads lines from `reader`, named `input` in errors. `gzip` tells
    /// whether read errors come from a gzip stream; at most `max_line` bytes
    /// of a line are kept.
    pub fn new(
        input: impl Into<String>,
        reader: Box<dyn BufRead + Send>,
        gzip: bool,
        max_line: usize,
    ) -> JsonlReader {
        JsonlReader {
            input: input.into(),
            reader,
            gzip,
            max_line,
            number: 0,
            line: Vec::new(),
            done: false,
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Result<Entry, StreamError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.line.clear();
        let number = self.number + 1;
        match read_line_capped(&mut self.reader, &mut self.line, self.max_line) {
            Ok(None) => {
                self.done = true;
                None
            }
            Ok(Some(mut len)) => {
                self.number = number;
                // A UTF-8 byte-order mark opens the stream, not the record.
                if number == 1 && self.line.starts_with(b"\xEF\xBB\xBF") {
                    self.line.drain(..3);
                    len -= 3;
                }
                let bytes = Arc::new(std::mem::take(&mut self.line));
                Some(Ok(Entry::Line(Line { number, bytes, len })))
            }
            Err(source) => {
                self.done = true;
                let input = self.input.clone();
                Some(Err(if self.gzip {
                    StreamError::Gzip {
                        input,
                        record: number,
                        source,
                    }
                } else {
                    StreamError::Read {
                        input,
                        record: Some(number),
                        source,
                    }
                }))
            }
        }
    }
}

/// Reads one line (without its `\n` or `\r\n`) into `buf`, keeping at most
/// `cap` bytes. Returns the line's full length, or `None` at the end of the
/// stream.
fn read_line_capped(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<u64>> {
    let mut total = 0u64;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, used, end) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], i + 1, true),
            None => (chunk, chunk.len(), false),
        };
        total += part.len() as u64;
        if buf.len() < cap {
            let room = cap - buf.len();
            buf.extend_from_slice(&part[..part.len().min(room)]);
        }
        reader.consume(used);
        if end {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
        total -= 1;
    }
    Ok(Some(total))
}

/// Turns one JSONL line into a record: its fields, and the page taken out of
/// them; a line over `max_line` bytes, or not a JSON object, or without a
/// page field is a record with an error.
pub fn parse_line(line: &Line, max_line: usize, names: &FieldNames) -> Record {
    let (number, total) = (line.number, line.len);
    let line = &line.bytes[..];
    let record = |fields, page| Record {
        number,
        fields,
        page,
        bytes_in: total,
    };
    if total > max_line as u64 {
        let err = RecordError::TooLarge {
            bytes: total,
            limit: max_line,
        };
        return record(Fields::new(), Err(err));
    }
    if line.iter().all(u8::is_ascii_whitespace) {
        return record(
            Fields::new(),
            Err(RecordError::InvalidJson("empty line".into())),
        );
    }
    let mut fields = match serde_json::from_slice::<Fields>(line) {
        Ok(fields) => fields,
        // Valid JSON of another type.
        Err(e) if e.is_data() => return record(Fields::new(), Err(RecordError::NotAnObject)),
        Err(e) => {
            let err = RecordError::InvalidJson(e.to_string());
            return record(Fields::new(), Err(err));
        }
    };
    let page = take_page(&mut fields, names);
    record(fields, page)
}

/// Takes the page out of a record's fields: the bytes field (base64) if set
/// and present, else the HTML field, else the text field.
fn take_page(fields: &mut Fields, names: &FieldNames) -> Result<Page, RecordError> {
    let mut hints = Hints::new();
    hints.url = fields.get_str(&names.url);
    hints.charset = fields.get_str(&names.charset);
    let present = |fields: &Fields, name: &str| fields.present(name);
    let take_string = |fields: &mut Fields, name: &str| {
        let raw = fields.remove(name).expect("the field is present");
        serde_json::from_str::<String>(raw.get()).map_err(|e| {
            if e.is_data() {
                RecordError::NotAString(name.to_string())
            } else {
                RecordError::InvalidJson(format!("field {name:?}: {e}"))
            }
        })
    };
    if let Some(name) = names.bytes.as_deref().filter(|n| present(fields, n)) {
        let encoded = take_string(fields, name)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|e| RecordError::InvalidBase64 {
                field: name.to_string(),
                message: e.to_string(),
            })?;
        return Ok(Page {
            bytes,
            hints,
            kind: InputKind::Auto,
        });
    }
    let (name, kind) = if present(fields, &names.html) {
        (&names.html, InputKind::Html)
    } else if present(fields, &names.text) {
        (&names.text, InputKind::Text)
    } else {
        let mut wanted: Vec<String> = names.bytes.iter().cloned().collect();
        wanted.push(names.html.clone());
        wanted.push(names.text.clone());
        return Err(RecordError::MissingField(wanted));
    };
    let page = take_string(fields, name)?;
    Ok(Page {
        bytes: page.into_bytes(),
        hints,
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn read(input: &str, names: FieldNames, max_line: usize) -> Vec<Record> {
        let reader = Box::new(Cursor::new(input.as_bytes().to_vec()));
        JsonlReader::new("test", reader, false, max_line)
            .map(|e| match e.unwrap() {
                Entry::Line(line) => parse_line(&line, max_line, &names),
                other => panic!("not a line: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn every_line_is_a_record_with_its_number() {
        let input = "{\"id\":1,\"html\":\"<p>a</p>\"}\r\n\nnot json\n[1]\n{\"id\":5}\n{\"id\":6,\"text\":\"t\"}";
        let records = read(input, FieldNames::default(), 1000);
        assert_eq!(records.len(), 6);
        let numbers: Vec<u64> = records.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
        let page = records[0].page.as_ref().unwrap();
        assert_eq!(page.bytes, b"<p>a</p>");
        assert_eq!(page.kind, InputKind::Html);
        assert_eq!(records[0].fields.len(), 1, "the html field is taken out");
        assert!(matches!(records[1].page, Err(RecordError::InvalidJson(_))));
        assert!(matches!(records[2].page, Err(RecordError::InvalidJson(_))));
        assert_eq!(
            records[3].page.as_ref().unwrap_err(),
            &RecordError::NotAnObject
        );
        assert_eq!(
            records[4].page.as_ref().unwrap_err().to_string(),
            "no field \"html\" or \"text\""
        );
        assert_eq!(records[4].fields.get("id").unwrap().get(), "5");
        assert_eq!(records[5].page.as_ref().unwrap().kind, InputKind::Text);
    }

    #[test]
    fn url_charset_and_base64_bytes() {
        let names = FieldNames {
            bytes: Some("raw".into()),
            ..FieldNames::default()
        };
        // "Café" in windows-1252, base64.
        let input = "{\"raw\":\"Q2Fm6Q==\",\"url\":\"https://e.fr/a\",\"charset\":\"windows-1252\"}\n{\"raw\":\"%%%\"}\n";
        let records = read(input, names, 1000);
        let page = records[0].page.as_ref().unwrap();
        assert_eq!(page.bytes, b"Caf\xe9");
        assert_eq!(page.hints.url.as_deref(), Some("https://e.fr/a"));
        assert_eq!(page.hints.charset.as_deref(), Some("windows-1252"));
        assert!(records[0].fields.contains_key("url"));
        assert!(matches!(
            records[1].page,
            Err(RecordError::InvalidBase64 { .. })
        ));
    }

    #[test]
    fn long_lines_are_errors_and_the_next_line_is_read() {
        let long = format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"ok\"}}\n",
            "x".repeat(100)
        );
        let records = read(&long, FieldNames::default(), 50);
        assert_eq!(records.len(), 2);
        assert!(matches!(
            records[0].page,
            Err(RecordError::TooLarge { bytes: 111, .. })
        ));
        assert_eq!(records[1].page.as_ref().unwrap().bytes, b"ok");
    }

    #[test]
    fn non_string_page_field_is_an_error() {
        let records = read("{\"html\":42}\n", FieldNames::default(), 100);
        assert_eq!(
            records[0].page.as_ref().unwrap_err(),
            &RecordError::NotAString("html".into())
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::io::Cursor;

    proptest! {
        /// Any bytes: one record per line (a last line without newline
        /// included), numbered from 1, parsing never panics.
        #[test]
        fn one_record_per_line(lines in prop::collection::vec(prop::collection::vec(any::<u8>().prop_filter("no newline", |b| *b != b'\n'), 0..40), 0..20)) {
            let bytes = lines.join(&b'\n');
            // A final newline ends the last line rather than starting a new one.
            let expected = match lines.last() {
                _ if bytes.is_empty() => 0,
                Some(last) if last.is_empty() => lines.len() - 1,
                _ => lines.len(),
            };
            let names = FieldNames::default();
            let records: Vec<Record> = JsonlReader::new("p", Box::new(Cursor::new(bytes)), false, 30)
                .map(|e| match e.unwrap() {
                    Entry::Line(line) => parse_line(&line, 30, &names),
                    other => panic!("{other:?}"),
                })
                .collect();
            prop_assert_eq!(records.len(), expected);
            for (i, r) in records.iter().enumerate() {
                prop_assert_eq!(r.number, i as u64 + 1);
            }
        }
    }
}
