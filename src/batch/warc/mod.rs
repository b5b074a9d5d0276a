//! WARC input (1.0 and 1.1): a buffered byte stream in (already decompressed:
//! a `.warc.gz` is one gzip member per record, read through
//! [`gzip`](super::gzip)), one [`Entry`] per WARC record out.
//!
//! `response` records whose HTTP payload is HTML become [`Record`]s; the HTTP
//! `Content-Type` charset is passed as the declared charset, and
//! `WARC-Target-URI`, `WARC-Record-ID` and `WARC-Date` are carried as the
//! output fields `url`, `warc_record_id` and `warc_date`. `resource` records
//! holding HTML are pages too. Everything else is [`Entry::Skipped`].

pub mod http;

use super::error::{RecordError, StreamError};
use super::fields::Fields;
use super::gzip::CorruptMember;
use super::record::{Entry, Page, Record, Skip};
use crate::config::{Hints, InputKind};
use std::io::{self, BufRead, Read};

/// Longest header section accepted, in bytes.
pub const MAX_HEADER_BYTES: usize = 1024 * 1024;
/// How much of an oversized record is read to tell whether it is HTML.
const PEEK_BYTES: usize = 64 * 1024;

/// Reads WARC records from a stream.
pub struct WarcReader {
    input: String,
    reader: Box<dyn BufRead + Send>,
    gzip: bool,
    max_record: usize,
    number: u64,
    done: bool,
}

/// A WARC record's named headers, as given.
#[derive(Debug, Default)]
struct Headers {
    fields: Vec<(String, String)>,
}

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl WarcReader {
    /// Reads WARC records from `reader`, named `input` in errors. `gzip` tells
    /// whether read errors come from a gzip stream; pages over `max_record`
    /// bytes become [`RecordError::TooLarge`] records.
    pub fn new(
        input: impl Into<String>,
        reader: Box<dyn BufRead + Send>,
        gzip: bool,
        max_record: usize,
    ) -> WarcReader {
        WarcReader {
            input: input.into(),
            reader,
            gzip,
            max_record,
            number: 0,
            done: false,
        }
    }

    fn io_error(&self, source: io::Error) -> StreamError {
        let input = self.input.clone();
        let record = self.number.max(1);
        if self.gzip {
            StreamError::Gzip {
                input,
                record,
                source,
            }
        } else {
            StreamError::Read {
                input,
                record: Some(record),
                source,
            }
        }
    }

    fn malformed(&self, message: impl Into<String>) -> StreamError {
        StreamError::Warc {
            input: self.input.clone(),
            record: self.number.max(1),
            message: message.into(),
        }
    }

    /// Reads one line, without its line ending; `None` at the end of input.
    fn line(&mut self) -> Result<Option<String>, StreamError> {
        let mut buf = Vec::new();
        let n = (&mut self.reader)
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', &mut buf)
            .map_err(|e| self.io_error(e))?;
        if n == 0 {
            return Ok(None);
        }
        if buf.last() != Some(&b'\n') && n >= MAX_HEADER_BYTES {
            return Err(self.malformed("header line too long"));
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
    }

    /// Skips the blank bytes between records; `false` at the end of the
    /// input. A gzip member that failed its check here, between records, is
    /// the next record, as an error (a `.warc.gz` holds one record per
    /// member), and reading goes on with the member after it.
    fn skip_to_next_record(&mut self) -> Result<Result<bool, Entry>, StreamError> {
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return match CorruptMember::of(&e).filter(|c| c.resumable) {
                        Some(corrupt) => {
                            self.number += 1;
                            Ok(Err(Entry::Record(Record {
                                number: self.number,
                                fields: Fields::new(),
                                page: Err(RecordError::Unreadable(format!(
                                    "{corrupt}; the record in it was not read"
                                ))),
                                bytes_in: 0,
                            })))
                        }
                        None => {
                            // Nothing of the next record was read yet.
                            self.number += 1;
                            Err(self.io_error(e))
                        }
                    };
                }
            };
            if buf.is_empty() {
                return Ok(Ok(false));
            }
            let blank = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let all = blank == buf.len();
            self.reader.consume(blank);
            if !all {
                return Ok(Ok(true));
            }
        }
    }

    fn read_entry(&mut self) -> Result<Option<Entry>, StreamError> {
        match self.skip_to_next_record()? {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(damaged) => return Ok(Some(damaged)),
        }
        let version = loop {
            match self.line()? {
                None => return Ok(None),
                Some(line) if line.trim().is_empty() => continue,
                Some(line) => break line,
            }
        };
        self.number += 1;
        if !version.starts_with("WARC/") {
            let shown: String = version.chars().take(40).collect();
            return Err(self.malformed(format!("expected a WARC version line, found {shown:?}")));
        }
        let headers = self.headers()?;
        let length: u64 = headers
            .get("Content-Length")
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| self.malformed("no valid Content-Length"))?;
        let warc_type = headers.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        if warc_type != "response" && warc_type != "resource" {
            self.discard(length, length, 0)?;
            return Ok(Some(Entry::Skipped(Skip::NotResponse)));
        }
        let oversized = length > self.max_record as u64;
        let keep = if oversized {
            length.min(PEEK_BYTES as u64)
        } else {
            length
        };
        let block = self.block(keep, length)?;
        self.discard(length - keep, length, keep)?;
        Ok(Some(
            self.entry(&headers, &warc_type, &block, length, oversized),
        ))
    }

    fn headers(&mut self) -> Result<Headers, StreamError> {
        let mut headers = Headers::default();
        let mut size = 0;
        loop {
            let line = self
                .line()?
                .ok_or_else(|| self.malformed("input ends inside the headers"))?;
            if line.is_empty() {
                return Ok(headers);
            }
            size += line.len();
            if size > MAX_HEADER_BYTES {
                return Err(self.malformed("headers too long"));
            }
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.fields.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                }
                continue;
            }
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| self.malformed(format!("header line without a colon: {line:?}")))?;
            headers
                .fields
                .push((name.trim().to_string(), value.trim().to_string()));
        }
    }

    /// Reads the first `length` bytes of a block of `declared` bytes.
    fn block(&mut self, length: u64, declared: u64) -> Result<Vec<u8>, StreamError> {
        // Grown as the bytes come: a Content-Length may promise more.
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        let got = (&mut self.reader)
            .take(length)
            .read_to_end(&mut block)
            .map_err(|e| self.io_error(e))?;
        if (got as u64) < length {
            return Err(self.truncated(declared, got as u64));
        }
        Ok(block)
    }

    /// Skips `length` bytes of a block of `declared` bytes, `read` of which
    /// were read already.
    fn discard(&mut self, length: u64, declared: u64, read: u64) -> Result<(), StreamError> {
        let got = io::copy(&mut (&mut self.reader).take(length), &mut io::sink())
            .map_err(|e| self.io_error(e))?;
        if got < length {
            return Err(self.truncated(declared, read + got));
        }
        Ok(())
    }

    /// The input ended `got` bytes into a block of `declared` bytes.
    fn truncated(&self, declared: u64, got: u64) -> StreamError {
        self.malformed(format!(
            "input ends inside the record: its Content-Length is {declared}, only {got} bytes follow"
        ))
    }

    /// Decides what a `response` or `resource` record is.
    fn entry(
        &self,
        headers: &Headers,
        warc_type: &str,
        block: &[u8],
        length: u64,
        oversized: bool,
    ) -> Entry {
        let block_type = headers.get("Content-Type").unwrap_or("");
        let is_http = warc_type == "response"
            && block_type
                .to_ascii_lowercase()
                .starts_with("application/http");
        let response = if is_http {
            match http::parse(block) {
                Some(r) => r,
                None => return Entry::Skipped(Skip::NotHtml),
            }
        } else {
            http::Response {
                status: 200,
                content_type: Some(block_type.to_string()).filter(|t| !t.is_empty()),
                transfer_encoding: None,
                content_encoding: None,
                body: block,
            }
        };
        if !(200..300).contains(&response.status) {
            return Entry::Skipped(Skip::HttpStatus);
        }
        let html = match response.content_type.as_deref() {
            Some(t) => http::is_html_type(t),
            None => {
                crate::sniff::detect_kind(response.body, None, InputKind::Auto) == InputKind::Html
            }
        };
        if !html {
            return Entry::Skipped(Skip::NotHtml);
        }
        let mut fields = Fields::new();
        let url = headers
            .get("WARC-Target-URI")
            .map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string());
        for (key, value) in [
            ("url", url.clone()),
            (
                "warc_record_id",
                headers.get("WARC-Record-ID").map(str::to_string),
            ),
            ("warc_date", headers.get("WARC-Date").map(str::to_string)),
        ] {
            match value {
                Some(value) => fields.push_str(key, &value),
                None => fields.push_null(key),
            }
        }
        let page = if oversized {
            Err(RecordError::TooLarge {
                bytes: length,
                limit: self.max_record,
            })
        } else {
            http::decoded_body(&response, self.max_record)
                .map_err(RecordError::Http)
                .map(|bytes| {
                    let mut hints = Hints::new();
                    hints.url = url;
                    hints.charset = response
                        .content_type
                        .filter(|t| t.to_ascii_lowercase().contains("charset"));
                    Page {
                        bytes,
                        hints,
                        kind: InputKind::Html,
                    }
                })
        };
        Entry::Record(Record {
            number: self.number,
            fields,
            page,
            bytes_in: length,
        })
    }
}

impl Iterator for WarcReader {
    type Item = Result<Entry, StreamError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.read_entry().transpose();
        if !matches!(next, Some(Ok(_))) {
            self.done = true;
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn record(warc_type: &str, block_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: https://example.com/a\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Date: 2024-01-02T03:04:05Z\r\nContent-Type: {block_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn read(bytes: Vec<u8>, max: usize) -> Vec<Result<Entry, StreamError>> {
        WarcReader::new("t.warc", Box::new(Cursor::new(bytes)), false, max).collect()
    }

    #[test]
    fn responses_with_html_become_records_and_the_rest_is_skipped() {
        let http = "application/http; msgtype=response";
        let mut warc = record("warcinfo", "application/warc-fields", b"software: x\r\n");
        warc.extend(record(
            "response",
            http,
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n<p>caf\xe9</p>",
        ));
        warc.extend(record("request", http, b"GET /a HTTP/1.1\r\n\r\n"));
        warc.extend(record(
            "response",
            http,
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        warc.extend(record(
            "response",
            http,
            b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<a>x</a>",
        ));
        let entries: Vec<Entry> = read(warc, 1000).into_iter().map(Result::unwrap).collect();
        assert_eq!(entries.len(), 5);
        assert!(matches!(entries[0], Entry::Skipped(Skip::NotResponse)));
        let Entry::Record(r) = &entries[1] else {
            panic!("not a record")
        };
        assert_eq!(r.number, 2);
        assert_eq!(r.fields.get_str("url").unwrap(), "https://example.com/a");
        assert_eq!(r.fields.get_str("warc_record_id").unwrap(), "<urn:uuid:1>");
        assert_eq!(
            r.fields.get_str("warc_date").unwrap(),
            "2024-01-02T03:04:05Z"
        );
        let page = r.page.as_ref().unwrap();
        assert_eq!(page.bytes, b"<p>caf\xe9</p>");
        assert_eq!(
            page.hints.charset.as_deref(),
            Some("text/html; charset=windows-1252")
        );
        assert!(matches!(entries[2], Entry::Skipped(Skip::NotResponse)));
        assert!(matches!(entries[3], Entry::Skipped(Skip::NotHtml)));
        assert!(matches!(entries[4], Entry::Skipped(Skip::HttpStatus)));
    }

    #[test]
    fn oversized_html_is_an_error_record_and_reading_goes_on() {
        let big = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}",
            "x".repeat(5000)
        );
        let mut warc = record("response", "application/http", big.as_bytes());
        warc.extend(record("resource", "text/html", b"<p>small</p>"));
        let entries: Vec<Entry> = read(warc, 1000).into_iter().map(Result::unwrap).collect();
        let Entry::Record(r) = &entries[0] else {
            panic!()
        };
        assert!(matches!(r.page, Err(RecordError::TooLarge { .. })));
        let Entry::Record(r) = &entries[1] else {
            panic!()
        };
        assert_eq!(r.page.as_ref().unwrap().bytes, b"<p>small</p>");
    }

    #[test]
    fn truncated_and_malformed_input_is_a_stream_error_with_the_record_number() {
        let mut warc = record("resource", "text/html", b"<p>one</p>");
        let second = record("resource", "text/html", b"<p>two, cut short</p>");
        warc.extend_from_slice(&second[..second.len() - 12]);
        let entries = read(warc, 1000);
        assert!(entries[0].is_ok());
        let err = entries[1].as_ref().unwrap_err().to_string();
        assert!(err.contains("record 2"), "{err}");
        assert_eq!(entries.len(), 2);

        let entries = read(b"GARBAGE\r\n".to_vec(), 1000);
        assert!(entries[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("record 1"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::io::Cursor;

    proptest! {
        /// Any bytes after a plausible start: the reader never panics, ends,
        /// and yields at most one error, last.
        #[test]
        fn any_input_ends_without_panic(
            head in prop::sample::select(vec!["", "WARC/1.0\r\n", "WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 40\r\n\r\n"]),
            tail in prop::collection::vec(any::<u8>(), 0..300),
        ) {
            let mut bytes = head.as_bytes().to_vec();
            bytes.extend(tail);
            let entries: Vec<_> = WarcReader::new("p", Box::new(Cursor::new(bytes)), false, 100).collect();
            let errors = entries.iter().filter(|e| e.is_err()).count();
            prop_assert!(errors <= 1);
            if errors == 1 {
                prop_assert!(entries.last().unwrap().is_err());
            }
        }
    }
}
