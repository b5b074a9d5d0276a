//! Stream format detection: the first bytes of an input (already
//! decompressed) in, whether it is a WARC file, a JSONL stream or one page
//! out. Used for standard input and for files whose name says nothing
//! (neither `crawl.warc.gz` nor `page.html`).
//!
//! - WARC: `WARC/1.` after optional blank lines (every WARC 1.x file starts
//!   with its first record's version line).
//! - JSONL: a first line that is a whole JSON object (or, when the line runs
//!   past [`WINDOW`], a valid start of one). A page, HTML or scraped text,
//!   never is one; a pretty-printed JSON document (`{` alone on its first
//!   line) is not either, and stays a page as before. A first line that is
//!   not one (a record cut short, a stray header) does not make a JSONL
//!   stream a page when the line after it is a JSON object and the first
//!   line is not markup. A UTF-8 byte-order mark before it is skipped.
//! - Anything else is a page (HTML or text, as the `sniff` stage
//!   decides).
//!
//! Reading stops as soon as the bytes decide, so a stream fed line by line
//! (`rdd.pipe`) is not held up, and what was read is put back in front.

use super::source::StreamFormat;
use std::io::{self, BufRead, Cursor, Read};

/// How far detection reads at most, in bytes.
pub const WINDOW: usize = 64 * 1024;

const WARC_MAGIC: &[u8] = b"WARC/1.";

/// What the first bytes of an input say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A stream of records in this format.
    Stream(StreamFormat),
    /// One page.
    Page,
    /// Not enough bytes to tell.
    NeedMore,
}

/// Classifies an input from its first bytes; `complete` says whether `head`
/// is the whole input. Never [`Verdict::NeedMore`] once `complete` or once
/// `head` holds [`WINDOW`] bytes.
///
/// ```
/// use thresh::batch::detect::{classify, Verdict};
/// use thresh::batch::StreamFormat;
/// assert_eq!(classify(b"WARC/1.1\r\nWARC-Type: warcinfo", false), Verdict::Stream(StreamFormat::Warc));
/// assert_eq!(classify(b"{\"id\":1,\"html\":\"<p>a</p>\"}\n{\"id\":2", false), Verdict::Stream(StreamFormat::Jsonl));
/// assert_eq!(classify(b"<!doctype html><p>WARC/1.1", false), Verdict::Page);
/// assert_eq!(classify(b"{\n  \"pretty\": true\n}\n", true), Verdict::Page);
/// assert_eq!(classify(b"{\"id\":1,\"ht", false), Verdict::NeedMore);
/// ```
pub fn classify(head: &[u8], complete: bool) -> Verdict {
    let full = complete || head.len() >= WINDOW;
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &head[i..]);
    if start.is_empty() {
        return if full {
            Verdict::Page
        } else {
            Verdict::NeedMore
        };
    }
    if start.starts_with(WARC_MAGIC) {
        return Verdict::Stream(StreamFormat::Warc);
    }
    if WARC_MAGIC.starts_with(start) && !full {
        return Verdict::NeedMore;
    }
    if start[0] == b'<' {
        return Verdict::Page;
    }
    let (line, ended) = match memchr::memchr(b'\n', start) {
        Some(end) => (&start[..end], true),
        None => (start, complete),
    };
    if !ended && !full {
        return Verdict::NeedMore;
    }
    let object = start[0] == b'{'
        && match serde_json::from_slice::<serde_json::Value>(line) {
            Ok(value) => value.is_object(),
            // A line longer than the window: valid so far is enough.
            Err(e) => !ended && e.is_eof(),
        };
    if object {
        return Verdict::Stream(StreamFormat::Jsonl);
    }
    if !ended {
        return Verdict::Page;
    }
    // A first line that is not a record: the next line decides.
    let Some(rest) = start.get(line.len() + 1..) else {
        return Verdict::Page; // The whole input is this one line.
    };
    let Some(second) = rest
        .split(|&b| b == b'\n')
        .find(|l| !l.iter().all(u8::is_ascii_whitespace))
    else {
        return if full {
            Verdict::Page
        } else {
            Verdict::NeedMore
        };
    };
    let second_ended = second.as_ptr_range().end < rest.as_ptr_range().end;
    if !second_ended && !full {
        return Verdict::NeedMore;
    }
    let second = second.trim_ascii();
    let record = second.first() == Some(&b'{')
        && serde_json::from_slice::<serde_json::Value>(second).is_ok_and(|v| v.is_object());
    if record {
        Verdict::Stream(StreamFormat::Jsonl)
    } else {
        Verdict::Page
    }
}

/// Reads the start of `reader` until [`classify`] decides, and gives the
/// format (`None` for a page) and the reader with those bytes put back.
///
/// # Errors
/// Reading failed (a corrupt gzip stream, an unreadable file).
pub fn peek(
    mut reader: Box<dyn BufRead + Send>,
) -> io::Result<(Option<StreamFormat>, Box<dyn BufRead + Send>)> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 8 * 1024];
    let verdict = loop {
        let want = chunk.len().min(WINDOW - head.len());
        let n = match reader.read(&mut chunk[..want]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        head.extend_from_slice(&chunk[..n]);
        match classify(&head, n == 0) {
            Verdict::NeedMore => {}
            verdict => break verdict,
        }
    };
    let format = match verdict {
        Verdict::Stream(format) => Some(format),
        _ => None,
    };
    Ok((format, Box::new(Cursor::new(head).chain(reader))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that gives one byte per read, as a slow pipe may.
    struct Trickle(Vec<u8>, usize);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.1 >= self.0.len() || buf.is_empty() {
                return Ok(0);
            }
            buf[0] = self.0[self.1];
            self.1 += 1;
            Ok(1)
        }
    }

    fn peek_all(bytes: &[u8]) -> (Option<StreamFormat>, Vec<u8>) {
        let reader = io::BufReader::with_capacity(1, Trickle(bytes.to_vec(), 0));
        let (format, mut reader) = peek(Box::new(reader)).unwrap();
        let mut back = Vec::new();
        reader.read_to_end(&mut back).unwrap();
        (format, back)
    }

    #[test]
    fn streams_are_told_from_pages_and_every_byte_is_given_back() {
        let cases: [(&[u8], Option<StreamFormat>); 17] = [
            (
                b"WARC/1.0\r\nWARC-Type: warcinfo\r\n",
                Some(StreamFormat::Warc),
            ),
            (b"\r\n\r\nWARC/1.1\r\n", Some(StreamFormat::Warc)),
            (b"{\"id\":1}\n{\"id\":2}\n", Some(StreamFormat::Jsonl)),
            (b"  {\"text\": \"a\"}", Some(StreamFormat::Jsonl)),
            (
                b"{\"text\": \"a\"}\r\nnot json\n",
                Some(StreamFormat::Jsonl),
            ),
            (b"<html><body>WARC/1.0</body></html>", None),
            (b"WARC/0.9 is not a version we read\n", None),
            (b"WAR", None),
            (b"{braces} open this scraped text.\n", None),
            (b"{\"cut\": \n", None),
            (b"\xEF\xBB\xBF{\"id\":1}\n", Some(StreamFormat::Jsonl)),
            (
                b"{\"id\":1,\"html\":\"<p>cu\n{\"id\":2}\n",
                Some(StreamFormat::Jsonl),
            ),
            (b"garbage\r\n\n{\"id\":2}\n", Some(StreamFormat::Jsonl)),
            (b"Two lines of\nscraped text.\n", None),
            (b"<p>a page</p>\n{\"@context\":1}\n", None),
            (b"[{\"id\": 1}]\n", None),
            (b"", None),
        ];
        for (bytes, expected) in cases {
            let (format, back) = peek_all(bytes);
            assert_eq!(format, expected, "{:?}", String::from_utf8_lossy(bytes));
            assert_eq!(back, bytes);
        }
    }

    #[test]
    fn a_first_line_longer_than_the_window_is_judged_on_its_start() {
        let long = format!("{{\"html\": \"{}\"}}\n", "x".repeat(WINDOW * 2));
        let (format, back) = peek_all(long.as_bytes());
        assert_eq!(format, Some(StreamFormat::Jsonl));
        assert_eq!(back, long.as_bytes());
        let text = format!("{{not json {}\n", "x".repeat(WINDOW * 2));
        assert_eq!(classify(text.as_bytes(), false), Verdict::Page);
    }

    #[test]
    fn reading_stops_once_the_start_decides() {
        /// The first line, then nothing yet: a read past it would fail here
        /// (a real pipe would block, waiting for output first).
        struct FirstLineOnly(Trickle);
        impl Read for FirstLineOnly {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                match self.0.read(buf)? {
                    0 => Err(io::Error::other("read past the first line")),
                    n => Ok(n),
                }
            }
        }
        for (line, expected) in [
            (&b"{\"id\":1}\n"[..], Some(StreamFormat::Jsonl)),
            (b"WARC/1.1\r\n", Some(StreamFormat::Warc)),
            (b"<p>x", None),
        ] {
            let reader = FirstLineOnly(Trickle(line.to_vec(), 0));
            let (format, _) = peek(Box::new(io::BufReader::new(reader))).unwrap();
            assert_eq!(format, expected);
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any bytes after a plausible start: detection never panics, and
        /// the reader it gives back yields exactly the input.
        #[test]
        fn every_byte_is_given_back(
            head in prop::sample::select(vec!["", "WARC/1.", "{\"", "{", "  \n", "<"]),
            tail in prop::collection::vec(any::<u8>(), 0..300),
        ) {
            let mut bytes = head.as_bytes().to_vec();
            bytes.extend(tail);
            let (_, mut reader) = peek(Box::new(Cursor::new(bytes.clone()))).unwrap();
            let mut back = Vec::new();
            reader.read_to_end(&mut back).unwrap();
            prop_assert_eq!(back, bytes);
        }
    }
}
