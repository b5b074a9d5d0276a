//! Output of a batch: each record's result in, bytes out, in one stream or
//! in one file per input under a folder (`-o DIR`, mirroring the input tree).
//!
//! JSONL lines hold the input record's fields unchanged, byte for byte, plus
//! thresh's: `text`, `title`, `language`, `language_source`, `author`,
//! `date`, `site_name`, `canonical_url`, `description`, `removed_count` and
//! `error` (these take the place of input fields of the same name, unless
//! [`OutputNames`] renames them). The metadata fields are those of the JSON
//! form of one page; its `url` is `canonical_url` here, so that the
//! record's own `url` field stays as it was given. A record with an error has `"text": null` and its message
//! in `error`; otherwise `error` is `null`. With [`Writer::removals`] on
//! (`--explain`), a `removed` list of `{"rule", "text"}` objects follows
//! `removed_count`: the same list as in the single-page JSON form.

use super::error::RecordError;
use super::fields::Fields;
use super::source::Unit;
use crate::article::Metadata;
use crate::clean::Removal;
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
    /// Title, author, date, language and so on, when known.
    pub metadata: Metadata,
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
    line_buffered: bool,
    names: OutputNames,
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
            line_buffered: false,
            names: OutputNames::default(),
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

    /// Whether each record's output is flushed as soon as it is written
    /// (`--line-buffered`). Default: off.
    pub fn line_buffered(mut self, yes: bool) -> Writer {
        self.line_buffered = yes;
        self
    }

    /// The names of thresh's fields in JSONL lines. Default:
    /// [`OutputNames::default`].
    pub fn names(mut self, names: OutputNames) -> Writer {
        self.names = names;
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

    /// Writes one record's output; returns the input fields left out of a
    /// JSONL line because thresh's fields have their names.
    ///
    /// # Errors
    /// Writing failed (a full disk, a closed pipe).
    pub fn record(
        &mut self,
        fields: &Fields,
        result: &Result<Cleaned, RecordError>,
    ) -> io::Result<Vec<String>> {
        self.line.clear();
        let mut clashes = Vec::new();
        match &self.format {
            OutputFormat::Jsonl => {
                clashes = jsonl_line(&mut self.line, fields, result, self.removals, &self.names);
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
        let line_buffered = self.line_buffered;
        let out = self.out();
        let mut written = out.write_all(&line);
        if line_buffered {
            written = written.and_then(|()| out.flush());
        }
        self.line = line;
        written.map(|()| clashes)
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

/// The names of the fields thresh gives each JSONL line. An input field of
/// the same name is left out of the line (thresh's field takes its place);
/// [`Writer::record`] says which were. [`OutputNames::prefixed`] renames
/// thresh's fields so that none clashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputNames {
    /// The cleaned text. Default: `text`.
    pub text: String,
    /// The page's title. Default: `title`.
    pub title: String,
    /// The page's language. Default: `language`.
    pub language: String,
    /// Whether the language was declared or detected. Default: `language_source`.
    pub language_source: String,
    /// Who wrote the page. Default: `author`.
    pub author: String,
    /// When it was published (ISO 8601). Default: `date`.
    pub date: String,
    /// The publication's name. Default: `site_name`.
    pub site_name: String,
    /// The page's canonical URL, resolved against the record's URL, or the
    /// record's URL when the page names none. Default: `canonical_url`.
    pub canonical_url: String,
    /// The page's summary. Default: `description`.
    pub description: String,
    /// How many pieces were removed. Default: `removed_count`.
    pub removed_count: String,
    /// What was removed (with `--explain`). Default: `removed`.
    pub removed: String,
    /// Why the record has no text, or `null`. Default: `error`.
    pub error: String,
}

impl Default for OutputNames {
    fn default() -> Self {
        OutputNames::prefixed("")
    }
}

impl OutputNames {
    /// The default names, each after `prefix` (`thresh_` gives
    /// `thresh_text`, `thresh_title`...).
    pub fn prefixed(prefix: &str) -> OutputNames {
        let name = |n: &str| format!("{prefix}{n}");
        OutputNames {
            text: name("text"),
            title: name("title"),
            language: name("language"),
            language_source: name("language_source"),
            author: name("author"),
            date: name("date"),
            site_name: name("site_name"),
            canonical_url: name("canonical_url"),
            description: name("description"),
            removed_count: name("removed_count"),
            removed: name("removed"),
            error: name("error"),
        }
    }

    /// The names in the order they are written; `removed` only when the
    /// line lists removals.
    fn all(&self, removals: bool) -> impl Iterator<Item = &str> {
        [
            Some(&self.text),
            Some(&self.title),
            Some(&self.language),
            Some(&self.language_source),
            Some(&self.author),
            Some(&self.date),
            Some(&self.site_name),
            Some(&self.canonical_url),
            Some(&self.description),
            Some(&self.removed_count),
            removals.then_some(&self.removed),
            Some(&self.error),
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
    }
}

/// Appends one record's JSON object (no newline) to `out`: the input
/// record's fields as they were given, byte for byte, then thresh's. With
/// `removals`, the record lists what was removed (`[]` for a record with an
/// error). Returns the input fields left out because thresh's fields have
/// their names.
///
/// ```
/// use thresh::batch::output::{jsonl_line, Cleaned, OutputNames};
/// use thresh::batch::Fields;
/// use thresh::{Removal, Rule};
/// use thresh::{LanguageSource, Metadata};
/// let fields: Fields = serde_json::from_str(r#"{"id":12345678901234567890123,"title":"mine"}"#).unwrap();
/// let removal = Removal::new(Rule::Separator, "* * *");
/// let mut metadata = Metadata::default();
/// metadata.language = Some("en".into());
/// metadata.language_source = Some(LanguageSource::Detected);
/// metadata.date = Some("2019-11-19".into());
/// let cleaned = Cleaned { text: "Hi.\n".into(), metadata, removed: vec![removal] };
/// let mut out = Vec::new();
/// let clashes = jsonl_line(&mut out, &fields, &Ok(cleaned.clone()), false, &OutputNames::default());
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     concat!(
///         r#"{"id":12345678901234567890123,"text":"Hi.\n","title":null,"language":"en","language_source":"detected","#,
///         r#""author":null,"date":"2019-11-19","site_name":null,"canonical_url":null,"description":null,"removed_count":1,"error":null}"#
///     )
/// );
/// assert_eq!(clashes, ["title"]);
/// let mut out = Vec::new();
/// jsonl_line(&mut out, &fields, &Ok(cleaned), true, &OutputNames::prefixed("thresh_"));
/// let line = String::from_utf8(out).unwrap();
/// assert!(line.starts_with(r#"{"id":12345678901234567890123,"title":"mine","thresh_text":"Hi.\n","thresh_title":null,"#));
/// assert!(line.ends_with(r#""thresh_removed_count":1,"thresh_removed":[{"rule":"separator","text":"* * *"}],"thresh_error":null}"#));
/// ```
pub fn jsonl_line(
    out: &mut Vec<u8>,
    fields: &Fields,
    result: &Result<Cleaned, RecordError>,
    removals: bool,
    names: &OutputNames,
) -> Vec<String> {
    let ours: Vec<&str> = names.all(removals).collect();
    let mut clashes = Vec::new();
    out.push(b'{');
    let mut first = true;
    let mut key = |out: &mut Vec<u8>, name: &str| {
        if !first {
            out.push(b',');
        }
        first = false;
        serde_json::to_writer(&mut *out, name).expect("writing JSON to memory cannot fail");
        out.push(b':');
    };
    for (name, value) in fields.iter() {
        if ours.contains(&name) {
            if !clashes.iter().any(|c| c == name) {
                clashes.push(name.to_string());
            }
            continue;
        }
        key(out, name);
        out.extend_from_slice(value.get().as_bytes());
    }
    let mut value = |out: &mut Vec<u8>, name: &str, v: &dyn erased::Json| {
        key(out, name);
        v.write(out);
    };
    let none: Option<&str> = None;
    match result {
        Ok(c) => {
            let m = &c.metadata;
            value(out, &names.text, &Some(c.text.as_str()));
            value(out, &names.title, &m.title.as_deref());
            value(out, &names.language, &m.language.as_deref());
            value(out, &names.language_source, &m.language_source);
            value(out, &names.author, &m.author.as_deref());
            value(out, &names.date, &m.date.as_deref());
            value(out, &names.site_name, &m.site_name.as_deref());
            value(out, &names.canonical_url, &m.url.as_deref());
            value(out, &names.description, &m.description.as_deref());
            value(out, &names.removed_count, &c.removed.len());
            if removals {
                value(out, &names.removed, &c.removed);
            }
            value(out, &names.error, &none);
        }
        Err(e) => {
            value(out, &names.text, &none);
            for name in [
                &names.title,
                &names.language,
                &names.language_source,
                &names.author,
                &names.date,
                &names.site_name,
                &names.canonical_url,
                &names.description,
            ] {
                value(out, name, &none);
            }
            value(out, &names.removed_count, &0usize);
            if removals {
                value(out, &names.removed, &Vec::<Removal>::new());
            }
            value(out, &names.error, &Some(e.to_string().as_str()));
        }
    }
    out.push(b'}');
    clashes
}

/// Values written into a line, whatever their type.
mod erased {
    /// A value that serializes to JSON.
    pub trait Json {
        fn write(&self, out: &mut Vec<u8>);
    }

    impl<T: serde::Serialize> Json for T {
        fn write(&self, out: &mut Vec<u8>) {
            serde_json::to_writer(out, self).expect("writing JSON to memory cannot fail");
        }
    }
}
