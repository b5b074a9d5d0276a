//! The entry points under test. Each run gives a signature of its outcome
//! (new signatures grow the corpus) or says which contract it broke.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use thresh::batch::output::{Destination, OutputFormat, Writer};
use thresh::batch::pool::PoolConfig;
use thresh::batch::{self, Cleaned, Observer, RecordError, Settings, StreamFormat, Unit};
use thresh::internals::tree::Document;
use thresh::{render, Cleaner, Config, Format, Hints, InputKind, RenderOptions};

/// An entry point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Page bytes through the cleaner (auto, HTML, text) and every renderer;
    /// the tree from thresh's tokenizer must be html5ever's.
    Page,
    /// Text through `clean_text`, and `clean_to_text` giving its text form.
    Text,
    /// A JSONL stream through a batch run: one output line per input line.
    Jsonl,
    /// A WARC stream (maybe gzip) through a batch run.
    Warc,
    /// A folder of files cut from the input, through a batch run to `-o DIR`.
    Folder,
}

impl Target {
    pub const ALL: [Target; 5] = [
        Target::Page,
        Target::Text,
        Target::Jsonl,
        Target::Warc,
        Target::Folder,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Target::Page => "page",
            Target::Text => "text",
            Target::Jsonl => "jsonl",
            Target::Warc => "warc",
            Target::Folder => "folder",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Runs the input; the outcome's signature, or the contract broken.
    pub fn run(self, data: &[u8]) -> Result<u64, String> {
        match self {
            Target::Page => page(data),
            Target::Text => {
                let text = String::from_utf8_lossy(data);
                let article = Cleaner::default().clean_text(&text);
                // The text form made a part at a time is the article's.
                let cleaner = Cleaner::new(Config::new().input_kind(InputKind::Text));
                let bytes = text.as_bytes();
                let options = RenderOptions::default();
                match (
                    cleaner.clean(bytes, &Hints::new()),
                    cleaner.clean_to_text(bytes.to_vec(), &Hints::new(), &options),
                ) {
                    (Ok(whole), Ok(streamed)) if whole.text() != streamed => {
                        return Err("clean_to_text differs from clean's text".into())
                    }
                    (Ok(_), Err(e)) => return Err(format!("clean_to_text refused: {e}")),
                    _ => {}
                }
                Ok(article.blocks.len().min(64) as u64)
            }
            Target::Jsonl => stream(data, StreamFormat::Jsonl, "in.jsonl"),
            Target::Warc => stream(data, StreamFormat::Warc, "in.warc"),
            Target::Folder => folder(data),
        }
    }
}

pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

fn page(data: &[u8]) -> Result<u64, String> {
    // thresh's tokenizer, where it covers the page, builds html5ever's tree.
    let html = String::from_utf8_lossy(data);
    if let Ok(ours) = Document::parse_tokenized(&html) {
        if ours.dump() != Document::parse_html5ever(&html).dump() {
            return Err("the tokenizer's tree differs from html5ever's".into());
        }
    }
    let mut signature = 0u64;
    for (i, kind) in [InputKind::Auto, InputKind::Html, InputKind::Text]
        .into_iter()
        .enumerate()
    {
        let cleaner = Cleaner::new(Config::new().input_kind(kind));
        let outcome = match cleaner.clean(data, &Hints::new()) {
            Ok(article) => {
                for format in [Format::Text, Format::Json, Format::Markdown, Format::Html] {
                    let _ = render::render(&article, format, &RenderOptions::default().title(true));
                }
                1 + article.blocks.len().min(16) as u64 + 32 * article.removed.len().min(8) as u64
            }
            Err(e) => {
                1000 + crate::mutate::hash(
                    format!("{e:?}").split(' ').next().unwrap_or("").as_bytes(),
                ) % 16
            }
        };
        signature = signature
            .wrapping_mul(4099)
            .wrapping_add(outcome + i as u64);
    }
    Ok(signature)
}

/// Bytes written to it, readable after the run.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Counts records whose cleaning panicked (the pool catches the panic and
/// makes it an error line: still a finding here).
#[derive(Default)]
struct Panics(Vec<String>);

impl Observer for Panics {
    fn on_record(
        &mut self,
        _unit: &Unit,
        _number: u64,
        result: Result<&Cleaned, &RecordError>,
        _stats: &batch::Stats,
    ) {
        if let Err(RecordError::Panicked(msg)) = result {
            self.0.push(msg.clone());
        }
    }
}

thread_local! {
    static SCRATCH: tempfile::TempDir = tempfile::tempdir().expect("cannot create a scratch folder");
}

fn scratch() -> PathBuf {
    SCRATCH.with(|d| d.path().to_path_buf())
}

fn settings(format: StreamFormat) -> Settings {
    let mut settings = Settings::new(format);
    settings.pool = PoolConfig::new(1);
    settings.max_record_bytes = 1 << 20;
    settings.max_record_memory = 256 << 20;
    settings
}

fn stream(data: &[u8], format: StreamFormat, name: &str) -> Result<u64, String> {
    let path = scratch().join(name);
    std::fs::write(&path, data).map_err(|e| e.to_string())?;
    let out = Shared::default();
    let mut writer = Writer::new(
        OutputFormat::Jsonl,
        Destination::Stream(Box::new(out.clone())),
    );
    let mut panics = Panics::default();
    let units = batch::source::units(vec![path], None);
    let stats = batch::run(
        &Cleaner::default(),
        batch::text_renderer(),
        &settings(format),
        units,
        &mut writer,
        &mut panics,
    )
    .map_err(|e| format!("the run failed: {e}"))?;
    if let Some(msg) = panics.0.first() {
        return Err(format!("a record panicked: {msg}"));
    }
    let written = out
        .0
        .lock()
        .unwrap()
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64;
    if written != stats.records {
        return Err(format!("{} records but {written} lines", stats.records));
    }
    if format == StreamFormat::Jsonl && !data.starts_with(&[0x1f, 0x8b]) {
        let lines = data.split(|&b| b == b'\n').count() as u64 - u64::from(data.ends_with(b"\n"));
        let lines = if data.is_empty() { 0 } else { lines };
        if stats.records != lines {
            return Err(format!("{lines} input lines but {} records", stats.records));
        }
    }
    Ok(stats.records.min(8) * 16
        + stats.errors.min(8)
        + 128 * stats.failed_inputs.min(2)
        + 512 * stats.skipped.min(4))
}

/// Where the input is cut into files.
const FILE_BREAK: &[u8] = b"\n--8<--\n";
const NAMES: [&str; 6] = ["a.html", "b.txt", "c.jsonl", "d.warc", "e.html.gz", "f"];

fn folder(data: &[u8]) -> Result<u64, String> {
    let root = scratch().join("folder");
    let out = scratch().join("out");
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(root.join("sub")).map_err(|e| e.to_string())?;
    let mut rest = data;
    for (i, name) in NAMES.iter().enumerate() {
        let (part, next) = match memchr::memmem::find(rest, FILE_BREAK) {
            Some(at) => (&rest[..at], &rest[at + FILE_BREAK.len()..]),
            None => (rest, &[][..]),
        };
        let dir = if i % 2 == 0 {
            root.clone()
        } else {
            root.join("sub")
        };
        std::fs::write(dir.join(name), part).map_err(|e| e.to_string())?;
        rest = next;
        if rest.is_empty() {
            break;
        }
    }
    let mut writer = Writer::new(OutputFormat::Jsonl, Destination::Mirror(out));
    let mut panics = Panics::default();
    let units = batch::source::units(vec![root], None);
    let stats = batch::run(
        &Cleaner::default(),
        batch::text_renderer(),
        &settings(StreamFormat::Pages(InputKind::Auto)),
        units,
        &mut writer,
        &mut panics,
    )
    .map_err(|e| format!("the run failed: {e}"))?;
    if let Some(msg) = panics.0.first() {
        return Err(format!("a record panicked: {msg}"));
    }
    Ok(stats.records.min(16) * 16 + stats.errors.min(8) + 256 * stats.failed_inputs.min(4))
}
