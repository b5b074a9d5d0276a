//! Inputs to record streams: command-line paths in, [`Unit`]s (one per file,
//! folders walked recursively, standard input as `-`) out, and each unit
//! opened as a stream of [`Entry`]s in its [`StreamFormat`]: the one given,
//! or for detected pages, the one the file name says, or else the one the
//! content says ([`detect`]).

use super::detect;
use super::error::{RecordError, StreamError};
use super::fields::Fields;
use super::gzip;
use super::jsonl::JsonlReader;
use super::record::{Entry, Page, Record};
use super::warc::WarcReader;
use crate::config::{Hints, InputKind};
use crate::sniff::kind_from_name;
use globset::GlobSet;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// How the files of a batch hold their records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StreamFormat {
    /// One JSON object per line.
    Jsonl,
    /// WARC records.
    Warc,
    /// One page per file, HTML or text; `InputKind` says which (or detect).
    /// With [`InputKind::Auto`], files named like streams (see
    /// [`StreamFormat::from_name`]) are read as streams, and so are standard
    /// input and files whose name says nothing when their content is one
    /// ([`detect`]).
    Pages(InputKind),
}

impl StreamFormat {
    /// The stream format a file name says: `*.jsonl` and `*.ndjson` are
    /// JSONL, `*.warc` WARC, with or without `.gz`.
    ///
    /// ```
    /// use thresh::batch::StreamFormat;
    /// assert_eq!(StreamFormat::from_name("crawl.warc.gz"), Some(StreamFormat::Warc));
    /// assert_eq!(StreamFormat::from_name("a/pages.JSONL"), Some(StreamFormat::Jsonl));
    /// assert_eq!(StreamFormat::from_name("page.html"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<StreamFormat> {
        let name = name.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Some(StreamFormat::Jsonl)
        } else if name.ends_with(".warc") {
            Some(StreamFormat::Warc)
        } else {
            None
        }
    }

    /// The format `unit` is read in when its name decides: this one, except
    /// that detected pages named like streams are streams. `None` when the
    /// content decides: detected pages on standard input, or in files whose
    /// name says neither stream nor page (`dump`, `crawl.dat`).
    fn for_unit(self, unit: &Unit) -> Option<StreamFormat> {
        if self != StreamFormat::Pages(InputKind::Auto) {
            return Some(self);
        }
        let name = unit.path.as_ref()?.to_string_lossy();
        match StreamFormat::from_name(&name) {
            Some(format) => Some(format),
            None => kind_from_name(&name).map(|_| self),
        }
    }
}

/// Bytes of standard input read ahead by [`detect_format`], given back first
/// by [`stdin`]. There is one standard input per process, so one of this.
static STDIN_AHEAD: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Standard input, starting with whatever [`detect_format`] read ahead of
/// it. Every reader of standard input goes through here.
pub fn stdin() -> Box<dyn Read + Send> {
    let ahead = std::mem::take(&mut *STDIN_AHEAD.lock().unwrap_or_else(PoisonError::into_inner));
    Box::new(Cursor::new(ahead).chain(io::stdin()))
}

/// The stream format the content of `input` says (`-`: standard input),
/// read through gzip when it is compressed; `None` for a page. What is read
/// of standard input stays there for [`stdin`]. Other inputs that are not
/// regular files (named pipes, `<(zcat crawl.warc.gz)`) are not read, since
/// what is read of them could not be read again: `None`.
///
/// # Errors
/// The input cannot be opened or read.
pub fn detect_format(input: &Path) -> io::Result<Option<StreamFormat>> {
    if input != Path::new("-") {
        if !std::fs::metadata(input)?.is_file() {
            return Ok(None);
        }
        let file = std::fs::File::open(input)?;
        let opened = gzip::open(Box::new(file), input.to_str())?;
        return detect::peek(opened.reader).map(|(format, _)| format);
    }
    let seen = Arc::new(Mutex::new(Vec::new()));
    let tee = Tee {
        inner: stdin(),
        seen: Arc::clone(&seen),
    };
    // The peeked reader (holding the tee) is dropped before `seen` is taken.
    let format = gzip::open(Box::new(tee), None)
        .and_then(|opened| detect::peek(opened.reader))
        .map(|(format, _)| format);
    let seen = std::mem::take(&mut *seen.lock().unwrap_or_else(PoisonError::into_inner));
    *STDIN_AHEAD.lock().unwrap_or_else(PoisonError::into_inner) = seen;
    format
}

/// A reader that keeps a copy of every byte read through it.
struct Tee {
    inner: Box<dyn Read + Send>,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl Read for Tee {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// One input file (or standard input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// How the input is named in messages: its path, or `<stdin>`.
    pub name: String,
    /// Its path; `None` for standard input.
    pub path: Option<PathBuf>,
    /// Its path below the folder given on the command line (the file name
    /// for files given directly, `stdin` for standard input): where its
    /// output goes under `-o DIR`.
    pub relative: PathBuf,
}

impl Unit {
    /// Standard input.
    pub fn stdin() -> Unit {
        Unit {
            name: "<stdin>".into(),
            path: None,
            relative: PathBuf::from("stdin"),
        }
    }

    fn file(path: &Path, relative: PathBuf) -> Unit {
        Unit {
            name: path.display().to_string(),
            path: Some(path.to_path_buf()),
            relative,
        }
    }
}

/// The units of `inputs` in order: `-` is standard input, a file is itself,
/// a folder gives its regular files recursively (sorted by name, hidden
/// entries skipped), those matching `glob` if set. Folders are walked
/// lazily; symbolic links in them are not followed (see [`units_following`]).
pub fn units(
    inputs: Vec<PathBuf>,
    glob: Option<GlobSet>,
) -> impl Iterator<Item = Result<Unit, StreamError>> + Send {
    units_following(inputs, glob, false)
}

/// [`units`], with symbolic links inside folders followed when `follow` is
/// set (`-L`): then a link may lead out of the folder, and a link back to a
/// folder above it (a loop) is skipped. Whatever `follow` says, named pipes,
/// sockets and devices inside folders are skipped, never opened (opening a
/// pipe blocks until someone writes to it): each is a
/// [`StreamError::NotAFile`], which [`run`](super::run) counts as skipped.
pub fn units_following(
    inputs: Vec<PathBuf>,
    glob: Option<GlobSet>,
    follow: bool,
) -> impl Iterator<Item = Result<Unit, StreamError>> + Send {
    inputs.into_iter().flat_map(move |input| {
        let walked: Box<dyn Iterator<Item = Result<Unit, StreamError>> + Send> =
            if input == Path::new("-") {
                Box::new(std::iter::once(Ok(Unit::stdin())))
            } else if input.is_dir() {
                Box::new(walk(input, glob.clone(), follow))
            } else {
                let relative = input
                    .file_name()
                    .map_or_else(|| PathBuf::from("input"), PathBuf::from);
                Box::new(std::iter::once(Ok(Unit::file(&input, relative))))
            };
        walked
    })
}

/// What a folder entry that is not a regular file or a folder is.
fn not_a_file(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        } else if file_type.is_socket() {
            return "a socket";
        } else if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_symlink() {
        "a symbolic link (not followed without -L)"
    } else {
        "not a regular file"
    }
}

fn walk(
    root: PathBuf,
    glob: Option<GlobSet>,
    follow: bool,
) -> impl Iterator<Item = Result<Unit, StreamError>> {
    let hidden =
        |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
    walkdir::WalkDir::new(root.clone())
        .follow_links(follow)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| !hidden(e))
        .filter_map(move |entry| match entry {
            Err(err) => {
                // A file the glob leaves out (a dangling link) is not an
                // input; a folder that cannot be read may hold inputs.
                let excluded = |path: &Path| {
                    let relative = path.strip_prefix(&root).unwrap_or(path);
                    glob.as_ref().is_some_and(|g| !g.is_match(relative)) && !path.is_dir()
                };
                if err.path().is_some_and(excluded) {
                    return None;
                }
                let input = err.path().unwrap_or(&root).display().to_string();
                if err.loop_ancestor().is_some() {
                    let what = "a link to a folder above it (a loop)";
                    return Some(Err(StreamError::NotAFile { input, what }));
                }
                let source = err
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("filesystem loop"));
                Some(Err(StreamError::Read {
                    input,
                    record: None,
                    source,
                }))
            }
            Ok(entry) if entry.file_type().is_dir() => None,
            Ok(entry) => {
                let relative = entry.path().strip_prefix(&root).ok()?.to_path_buf();
                if glob.as_ref().is_some_and(|g| !g.is_match(&relative)) {
                    return None;
                }
                if !entry.file_type().is_file() {
                    return Some(Err(StreamError::NotAFile {
                        input: entry.path().display().to_string(),
                        what: not_a_file(entry.file_type()),
                    }));
                }
                Some(Ok(Unit::file(entry.path(), relative)))
            }
        })
}

/// Entries of one unit.
pub type Entries = Box<dyn Iterator<Item = Result<Entry, StreamError>> + Send>;

/// Opens `unit` as a stream of entries. `max_record` bounds the size of one
/// record (larger ones become error records, never read whole).
///
/// # Errors
/// The input cannot be opened.
pub fn open(unit: &Unit, format: StreamFormat, max_record: usize) -> Result<Entries, StreamError> {
    let read_error = |source| StreamError::Read {
        input: unit.name.clone(),
        record: None,
        source,
    };
    let raw: Box<dyn Read + Send> = match &unit.path {
        None => stdin(),
        Some(path) => Box::new(std::fs::File::open(path).map_err(read_error)?),
    };
    let mut opened =
        gzip::open(raw, unit.path.as_deref().and_then(Path::to_str)).map_err(read_error)?;
    // The gzip member of a WARC record is checked before any of it is used
    // (see the `gzip` module docs); when the content tells the format, from
    // the member after the one it was told from. JSONL lines are passed on
    // as they are inflated, so that a long stream is not held up; a page is
    // read to its end, checksum included, before it is used.
    let check = max_record.saturating_add(super::warc::MAX_HEADER_BYTES);
    let known = format.for_unit(unit);
    if known == Some(StreamFormat::Warc) {
        opened.verify_members(check);
    }
    let format = match known {
        Some(format) => format,
        None => {
            let (found, reader) = detect::peek(opened.reader).map_err(|source| {
                let input = unit.name.clone();
                if opened.gzip {
                    StreamError::Gzip {
                        input,
                        record: 1,
                        source,
                    }
                } else {
                    StreamError::Read {
                        input,
                        record: Some(1),
                        source,
                    }
                }
            })?;
            opened.reader = reader;
            if found == Some(StreamFormat::Warc) {
                opened.verify_members(check);
            }
            found.unwrap_or(format)
        }
    };
    Ok(match format {
        StreamFormat::Jsonl => Box::new(JsonlReader::new(
            unit.name.clone(),
            opened.reader,
            opened.gzip,
            max_record,
        )),
        StreamFormat::Warc => Box::new(WarcReader::new(
            unit.name.clone(),
            opened.reader,
            opened.gzip,
            max_record,
        )),
        StreamFormat::Pages(kind) => Box::new(std::iter::once(Ok(read_page(
            unit, opened, kind, max_record,
        )))),
    })
}

/// A whole file as one record, with its path as the `path` field. A file
/// that breaks off while being read (a truncated `.gz`) is that record's
/// error: it holds one page, so nothing after it is lost.
fn read_page(unit: &Unit, opened: gzip::Opened, kind: InputKind, max_record: usize) -> Entry {
    let mut bytes = Vec::new();
    let got = opened
        .reader
        .take(max_record as u64 + 1)
        .read_to_end(&mut bytes);
    let mut fields = Fields::new();
    let path = match &unit.path {
        Some(path) => path.display().to_string(),
        None => "-".into(),
    };
    fields.push_str("path", &path);
    let bytes_in = bytes.len() as u64;
    let page = match got {
        Err(e) if opened.gzip => Err(RecordError::Unreadable(format!(
            "gzip data truncated or corrupt: {e}"
        ))),
        Err(e) => Err(RecordError::Unreadable(e.to_string())),
        Ok(_) if bytes.len() > max_record && opened.gzip => Err(RecordError::Unreadable(format!(
            "gzip data inflates to more than the limit of {max_record} bytes; not read further"
        ))),
        Ok(_) if bytes.len() > max_record => Err(RecordError::TooLarge {
            // The file's size, not what was read of it.
            bytes: unit
                .path
                .as_deref()
                .and_then(|p| std::fs::metadata(p).ok())
                .map_or(bytes_in, |m| m.len()),
            limit: max_record,
        }),
        Ok(_) => {
            let mut hints = Hints::new();
            hints.file_name = unit.path.as_ref().map(|p| p.display().to_string());
            Ok(Page { bytes, hints, kind })
        }
    };
    Entry::Record(Record {
        number: 1,
        fields,
        page,
        bytes_in,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_in_order_with_hidden_entries_skipped_and_glob_applied() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for f in [
            "a.html",
            "b/c/d.html",
            "b/e.txt",
            ".hidden.html",
            ".git/x.html",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let rel = |glob: Option<GlobSet>| -> Vec<String> {
            units(vec![root.to_path_buf()], glob)
                .map(|u| u.unwrap().relative.display().to_string())
                .collect()
        };
        assert_eq!(rel(None), ["a.html", "b/c/d.html", "b/e.txt"]);
        let mut glob = globset::GlobSetBuilder::new();
        glob.add(globset::Glob::new("*.html").unwrap());
        assert_eq!(rel(Some(glob.build().unwrap())), ["a.html", "b/c/d.html"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_is_an_unreadable_input_unless_the_glob_leaves_it_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("broken.html")).unwrap();
        let walked = |pattern: Option<&str>| -> Vec<Result<String, String>> {
            let glob = pattern.map(|p| {
                let mut set = globset::GlobSetBuilder::new();
                set.add(globset::Glob::new(p).unwrap());
                set.build().unwrap()
            });
            units_following(vec![root.to_path_buf()], glob, true)
                .map(|u| {
                    u.map(|u| u.relative.display().to_string())
                        .map_err(|e| e.input().to_string())
                })
                .collect()
        };
        let all = walked(None);
        assert_eq!(all[0], Ok("a.txt".to_string()));
        assert!(
            matches!(&all[1], Err(input) if input.ends_with("broken.html")),
            "{all:?}"
        );
        assert_eq!(walked(Some("*.txt")), [Ok("a.txt".to_string())]);
        assert_eq!(
            walked(Some("*.html")).len(),
            1,
            "the link matches: reported"
        );
    }

    #[test]
    fn a_page_file_is_one_record_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.html");
        std::fs::write(&path, "<p>Hello</p>").unwrap();
        let unit = Unit::file(&path, PathBuf::from("p.html"));
        let entries: Vec<_> = open(&unit, StreamFormat::Pages(InputKind::Auto), 5)
            .unwrap()
            .collect();
        let Ok(Entry::Record(r)) = &entries[0] else {
            panic!()
        };
        assert!(matches!(r.page, Err(RecordError::TooLarge { .. })));
        assert_eq!(r.fields.get_str("path"), Some(path.display().to_string()));
    }
}
