//! What the stream readers yield: [`Record`]s (the page to clean, the input's
//! other fields) and the entries they skip.

use super::error::RecordError;
use super::fields::Fields;
use crate::config::{Hints, InputKind};
use std::sync::Arc;

/// One record of an input stream, before cleaning.
#[derive(Debug, Clone)]
pub struct Record {
    /// 1-based position of the record in its input.
    pub number: u64,
    /// The fields carried into the output unchanged (id, url, anything
    /// else), without the field that held the page.
    pub fields: Fields,
    /// The page to clean, or why there is none.
    pub page: Result<Page, RecordError>,
    /// Size of the record as read, in bytes.
    pub bytes_in: u64,
}

/// A page to clean and what is known about it.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page's bytes, in any charset.
    pub bytes: Vec<u8>,
    /// Declared charset, URL, file name.
    pub hints: Hints,
    /// Whether the page is HTML or text, or to be detected.
    pub kind: InputKind,
}

/// A JSONL line as read, not parsed yet: parsing is left to the workers
/// ([`jsonl::parse_line`](super::jsonl::parse_line)), so the reader stays
/// fast and the parallel part of the work large.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based position of the line in its input.
    pub number: u64,
    /// The line without its line ending, at most the size limit.
    pub bytes: Arc<Vec<u8>>,
    /// The line's full length, which may exceed `bytes.len()`.
    pub len: u64,
}

/// What a stream reader yields.
#[derive(Debug, Clone)]
pub enum Entry {
    /// A record to clean, with one line of output.
    Record(Record),
    /// A JSONL line, to be parsed into a record, with one line of output.
    Line(Line),
    /// An entry that is not a page (a WARC `request`, an image...): no output
    /// line, counted in the statistics.
    Skipped(Skip),
}

/// Why an entry was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Skip {
    /// A WARC record of another type than `response` or `resource`
    /// (`warcinfo`, `request`, `metadata`...).
    NotResponse,
    /// A response whose payload is not HTML.
    NotHtml,
    /// An HTTP response whose status is not 2xx (redirects, errors).
    HttpStatus,
    /// An entry of a walked folder that is not a regular file: a named
    /// pipe, a socket, a device, a symbolic link not followed, a link loop.
    NotAFile,
}

impl Skip {
    /// The reason's stable name, e.g. `"not-html"`.
    pub fn name(self) -> &'static str {
        match self {
            Skip::NotResponse => "not-response",
            Skip::NotHtml => "not-html",
            Skip::HttpStatus => "http-status",
            Skip::NotAFile => "not-a-file",
        }
    }
}

/// Where JSONL records keep their page and metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNames {
    /// Field holding an HTML page. Default: `html`.
    pub html: String,
    /// Field holding scraped text. Default: `text`.
    pub text: String,
    /// Field holding the page's URL. Default: `url`.
    pub url: String,
    /// Field holding the page's charset. Default: `charset`.
    pub charset: String,
    /// Field holding the page as base64 bytes, when set. Default: none.
    pub bytes: Option<String>,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            html: "html".into(),
            text: "text".into(),
            url: "url".into(),
            charset: "charset".into(),
            bytes: None,
        }
    }
}
