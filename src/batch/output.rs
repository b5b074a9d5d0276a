//! Output of a batch: each record's result in, bytes out, in one stream or
//! in one file per input under a folder (`-o DIR`, mirroring the input tree).
//!
//! JSONL lines hold the input record's fields unchanged plus `text`, `title`,
//! `language`, `removed_count` and `error` (these five replace input fields of
//! the same name). A record with an error has `"text": null` and its message
//! in `error`; otherwise `error` is `null`. With [`Writer::removals`] on
//! (`--explain`), a `removed` list of `{"rule", "text"}` objects follows
//! `removed_count`: the same list as in the single-page JSON form.

use super::error::RecordError;
use super::source::Unit;
use crate::clean::Removal;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Why one input's output file cannot be written under `-o DIR`. The input
/// is reported as failed and the run goes on with the next one; nothing
/// already written is overwritten.
#[derive(Debug)]
#[non_exhaustive]
pub enum OutputError {
    /// Another input of this run already wrote to this file (`a.htm` and
    /// `a.html`, `x.jsonl` and `x.jsonl.gz`, two folders holding `a.html`).
    Clash {
        /// The output file.
        output: PathBuf,
        /// The input whose output it already is.
        first: String,
    },
    /// The output file is the input itself.
    IsTheInput {
        /// The output file.
        output: PathBuf,
    },
    /// The file (or its folder) cannot be created: a name over the
    /// file system's limit, no permission...
    Create {
        /// The output file.
        output: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::Clash { output, first } => write!(
                f,
                "its output {} is already the output of {first}; not overwritten",
                output.display()
            ),
            OutputError::IsTheInput { output } => write!(
                f,
                "its output {} is the input itself; not overwritten",
                output.display()
            ),
            OutputError::Create { output, source } => {
                write!(f, "cannot create {}: {source}", output.display())
            }
        }
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::Create { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Whether `a` and `b` name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// What cleaning one record gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// The rendered text (empty when nothing is left).
    pub text: String,
    /// The page's title, when known.
    pub title: Option<String>,
    /// The page's language, when known.
    pub language: Option<String>,
    /// What the cleaning passes removed, with their rules, in input order.
    pub removed: Vec<Removal>,
}

/// Output formats of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OutputFormat {
    /// One JSON object per record, one per line.
    Jsonl,
    /// Each record's rendered text (plain text, Markdown, HTML...), records
    /// separated by `separator`.
    Text {
        /// Written between records (default: a form feed and a newline).
        separator: String,
        /// Extension of output files under `-o DIR`, e.g. `"txt"` or `"md"`.
        extension: &'static str,
    },
}

impl OutputFormat {
    /// Text output with the default separator, a form feed and a newline.
    pub fn text() -> OutputFormat {
        OutputFormat::Text {
            separator: "\x0c\n".into(),
            extension: "txt",
        }
    }

    /// The extension of output files under `-o DIR`.
    pub fn extension(&self) -> &'static str {
        match self {
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Text { extension, .. } => extension,
        }
    }
}

/// Where output goes.
pub enum Destination {
    /// Everything into one stream, in input order.
    Stream(Box<dyn Write>),
    /// One file per input under this folder, at the input's relative path
    /// with its extension (and any `.gz`) replaced by the format's.
    Mirror(PathBuf),
}

/// Writes records in a format to a destination.
pub struct Writer {
    format: OutputFormat,
    destination: Destination,
    removals: bool,
    file: Option<BufWriter<File>>,
    first: bool,
    line: Vec<u8>,
    sink: io::Sink,
    /// Under a mirror folder: the files written so far, and for which input.
    written: HashMap<PathBuf, String>,
}

impl Writer {
    /// A writer of `format` to `destination`.
    pub fn new(format: OutputFormat, destination: Destination) -> Writer {
        Writer {
            format,
            destination,
            removals: false,
            file: None,
            first: true,
            line: Vec::new(),
            sink: io::sink(),
            written: HashMap::new(),
        }
    }

    /// Whether JSONL lines list each removal (`removed`, as in the JSON
    /// form of one page) besides counting them. Default: off.
    pub fn removals(mut self, yes: bool) -> Writer {
        self.removals = yes;
        self
    }

    /// Starts the output of `unit`: under a mirror folder, creates its file.
    /// When that fails, the unit's records go nowhere (the caller reports
    /// the unit as failed).
    ///
    /// # Errors
    /// The file would overwrite another input's output or the input itself,
    /// or it (or its folder) cannot be created.
    pub fn begin(&mut self, unit: &Unit) -> Result<(), OutputError> {
        self.file = None;
        if let Destination::Mirror(dir) = &self.destination {
            let output = mirror_path(dir, &unit.relative, self.format.extension());
            if let Some(first) = self.written.get(&output) {
                let first = first.clone();
                return Err(OutputError::Clash { output, first });
            }
            if unit.path.as_deref().is_some_and(|p| same_file(p, &output)) {
                return Err(OutputError::IsTheInput { output });
            }
            let created = output
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| File::create(&output));
            let file = match created {
                Ok(file) => file,
                Err(source) => return Err(OutputError::Create { output, source }),
            };
            self.written.insert(output, unit.name.clone());
            self.file = Some(BufWriter::with_capacity(256 * 1024, file));
            self.first = true;
        }
        Ok(())
    }

    /// Writes one record's output.
    ///
    /// # Errors
    /// Writing failed (a full disk, a closed pipe).
    pub fn record(
        &mut self,
        fields: Map<String, Value>,
        result: &Result<Cleaned, RecordError>,
    ) -> io::Result<()> {
        self.line.clear();
        match &self.format {
            OutputFormat::Jsonl => {
                jsonl_line(&mut self.line, fields, result, self.removals);
                self.line.push(b'\n');
            }
            OutputFormat::Text { separator, .. } => {
                if !self.first {
                    self.line.extend_from_slice(separator.as_bytes());
                }
                if let Ok(cleaned) = result {
                    self.line.extend_from_slice(cleaned.text.as_bytes());
                }
            }
        }
        self.first = false;
        let line = std::mem::take(&mut self.line);
        let written = self.out().write_all(&line);
        self.line = line;
        written
    }

    /// Ends the output of the current unit: under a mirror folder, flushes and
    /// closes its file.
    ///
    /// # Errors
    /// Flushing failed.
    pub fn end(&mut self) -> io::Result<()> {
        match self.file.take() {
            Some(mut file) => file.flush(),
            None => Ok(()),
        }
    }

    /// Flushes everything written.
    ///
    /// # Errors
    /// Flushing failed.
    pub fn flush(&mut self) -> io::Result<()> {
        self.end()?;
        if let Destination::Stream(out) = &mut self.destination {
            out.flush()?;
        }
        Ok(())
    }

    fn out(&mut self) -> &mut dyn Write {
        match (&mut self.file, &mut self.destination, &mut self.sink) {
            (Some(file), _, _) => file,
            (None, Destination::Stream(out), _) => out,
            // A record outside begin/end under a mirror folder: nowhere to go.
            (None, Destination::Mirror(_), sink) => sink,
        }
    }
}

/// The output path of an input at `relative` under `dir`.
///
/// ```
/// use std::path::Path;
/// use thresh::batch::output::mirror_path;
/// assert_eq!(mirror_path(Path::new("out"), Path::new("a/b.html.gz"), "txt"), Path::new("out/a/b.txt"));
/// assert_eq!(mirror_path(Path::new("out"), Path::new("c.jsonl"), "jsonl"), Path::new("out/c.jsonl"));
/// ```
pub fn mirror_path(dir: &Path, relative: &Path, extension: &str) -> PathBuf {
    let mut path = dir.join(relative);
    if path.extension().is_some_and(|e| e == "gz") {
        path.set_extension("");
    }
    path.set_extension(extension);
    path
}

/// Appends one record's JSON object (no newline) to `out`; with `removals`,
/// the record lists what was removed (`[]` for a record with an error).
///
/// ```
/// use serde_json::{json, Map};
/// use thresh::batch::output::{jsonl_line, Cleaned};
/// use thresh::clean::{Removal, Rule};
/// let mut fields = Map::new();
/// fields.insert("id".into(), json!(7));
/// let removal = Removal { rule: Rule::Separator, text: "* * *".into() };
/// let cleaned = Cleaned { text: "Hi.\n".into(), title: None, language: Some("en".into()), removed: vec![removal] };
/// let mut out = Vec::new();
/// jsonl_line(&mut out, fields.clone(), &Ok(cleaned.clone()), false);
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     r#"{"id":7,"text":"Hi.\n","title":null,"language":"en","removed_count":1,"error":null}"#
/// );
/// let mut out = Vec::new();
/// jsonl_line(&mut out, fields, &Ok(cleaned), true);
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     r#"{"id":7,"text":"Hi.\n","title":null,"language":"en","removed_count":1,"removed":[{"rule":"separator","text":"* * *"}],"error":null}"#
/// );
/// ```
pub fn jsonl_line(
    out: &mut Vec<u8>,
    mut fields: Map<String, Value>,
    result: &Result<Cleaned, RecordError>,
    removals: bool,
) {
    let (text, title, language, removed, error) = match result {
        Ok(c) => (
            Value::String(c.text.clone()),
            c.title.clone().map_or(Value::Null, Value::String),
            c.language.clone().map_or(Value::Null, Value::String),
            &c.removed[..],
            Value::Null,
        ),
        Err(e) => (
            Value::Null,
            Value::Null,
            Value::Null,
            &[][..],
            Value::String(e.to_string()),
        ),
    };
    for key in [
        "text",
        "title",
        "language",
        "removed_count",
        "removed",
        "error",
    ] {
        if key != "removed" || removals {
            fields.shift_remove(key);
        }
    }
    fields.insert("text".into(), text);
    fields.insert("title".into(), title);
    fields.insert("language".into(), language);
    fields.insert("removed_count".into(), removed.len().into());
    if removals {
        let list = serde_json::to_value(removed).expect("removals are plain strings");
        fields.insert("removed".into(), list);
    }
    fields.insert("error".into(), error);
    serde_json::to_writer(out, &fields).expect("writing JSON to memory cannot fail");
}
