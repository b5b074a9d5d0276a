//! The two kinds of failure in a batch: a [`RecordError`] belongs to one
//! record and becomes data in that record's output line; a [`StreamError`]
//! means the input itself cannot be read on, and ends that input.

use std::fmt;
use std::time::Duration;

/// Why one record has no text. Carried in the record's output line as
/// `"error"`; never stops the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecordError {
    /// A JSONL line that is not valid JSON.
    InvalidJson(String),
    /// A JSONL line that is valid JSON but not an object.
    NotAnObject,
    /// None of the fields that may hold the page is present.
    MissingField(Vec<String>),
    /// The page field holds something other than a string.
    NotAString(String),
    /// The `--bytes-field` value is not valid base64.
    InvalidBase64 {
        /// The field's name.
        field: String,
        /// What the decoder said.
        message: String,
    },
    /// The record is larger than the input budget; it was skipped unread.
    TooLarge {
        /// The record's size in bytes.
        bytes: u64,
        /// The configured limit.
        limit: usize,
    },
    /// A page file could not be read to its end (a truncated or corrupt
    /// `.gz`); nothing else of the input is lost, so only this record fails.
    Unreadable(String),
    /// The page's HTTP body could not be decoded (chunking or
    /// `Content-Encoding`).
    Http(String),
    /// The cleaner refused the page (binary, too large...).
    Clean(crate::Error),
    /// Cleaning this record panicked; the panic was caught.
    Panicked(String),
    /// Cleaning this record took longer than the per-record time budget.
    OverBudget(Duration),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::InvalidJson(msg) => write!(f, "invalid JSON: {msg}"),
            RecordError::NotAnObject => f.write_str("JSON line is not an object"),
            RecordError::MissingField(names) => {
                let names: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
                write!(f, "no field {}", names.join(" or "))
            }
            RecordError::NotAString(name) => write!(f, "field {name:?} is not a string"),
            RecordError::InvalidBase64 { field, message } => {
                write!(f, "field {field:?} is not valid base64: {message}")
            }
            RecordError::TooLarge { bytes, limit } => {
                write!(
                    f,
                    "record is {bytes} bytes, over the limit of {limit} bytes"
                )
            }
            RecordError::Unreadable(msg) => write!(f, "cannot read the page: {msg}"),
            RecordError::Http(msg) => write!(f, "cannot decode the HTTP body: {msg}"),
            RecordError::Clean(err) => err.fmt(f),
            RecordError::Panicked(msg) => write!(f, "cleaning panicked: {msg}"),
            RecordError::OverBudget(took) => write!(
                f,
                "cleaning took over the time budget ({:.1} s); abandoned",
                took.as_secs_f64()
            ),
        }
    }
}

impl std::error::Error for RecordError {}

/// Why an input stream ended before its end: the input is unreadable, a
/// compressed stream is truncated or corrupt, or a WARC file is malformed.
/// Every record before it has been processed.
#[derive(Debug)]
#[non_exhaustive]
pub enum StreamError {
    /// The input could not be opened or read.
    Read {
        /// Which input.
        input: String,
        /// The record being read when it failed (1-based), if any was.
        record: Option<u64>,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A gzip stream ended early or is corrupt.
    Gzip {
        /// Which input.
        input: String,
        /// The record being read when it broke (1-based); every record
        /// before it was read whole.
        record: u64,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The input's output file cannot be written (`-o DIR`); the input was
    /// not cleaned.
    Output {
        /// Which input.
        input: String,
        /// Why.
        source: super::output::OutputError,
    },
    /// An entry of a walked folder that is not read: a named pipe, a
    /// socket, a device, a symbolic link not followed, a link loop. Counted
    /// as skipped, not as a failure.
    NotAFile {
        /// Which entry.
        input: String,
        /// What it is.
        what: &'static str,
    },
    /// A WARC file is not well formed.
    Warc {
        /// Which input.
        input: String,
        /// The WARC record where it broke (1-based).
        record: u64,
        /// What is wrong.
        message: String,
    },
}

impl StreamError {
    /// The input this error is about.
    pub fn input(&self) -> &str {
        match self {
            StreamError::Read { input, .. }
            | StreamError::Gzip { input, .. }
            | StreamError::Output { input, .. }
            | StreamError::NotAFile { input, .. }
            | StreamError::Warc { input, .. } => input,
        }
    }
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamError::Read {
                input,
                record: Some(n),
                source,
            } => write!(f, "{input}: cannot read record {n}: {source}"),
            StreamError::Read {
                input,
                record: None,
                source,
            } => write!(f, "{input}: cannot read: {source}"),
            StreamError::Gzip {
                input,
                record,
                source,
            } => match record.saturating_sub(1) {
                0 => write!(
                    f,
                    "{input}: gzip stream truncated or corrupt before the first record: {source}"
                ),
                last => write!(
                    f,
                    "{input}: gzip stream truncated or corrupt after record {last} (the last one read whole): {source}"
                ),
            },
            StreamError::Warc {
                input,
                record,
                message,
            } => write!(f, "{input}: malformed WARC record {record}: {message}"),
            StreamError::Output { input, source } => write!(f, "{input}: {source}"),
            StreamError::NotAFile { input, what } => write!(f, "{input}: {what}; skipped"),
        }
    }
}

impl std::error::Error for StreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StreamError::Read { source, .. } | StreamError::Gzip { source, .. } => Some(source),
            StreamError::Output { source, .. } => Some(source),
            StreamError::Warc { .. } | StreamError::NotAFile { .. } => None,
        }
    }
}
