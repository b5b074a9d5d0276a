//! Batch mode: streams of records in (JSONL, WARC, or folders of pages; gzip
//! read transparently), one output record per input record out, in input
//! order, cleaned on all cores.
//!
//! | module | job |
//! |---|---|
//! | [`source`] | paths to [`Unit`]s (folders walked), each opened as a stream of entries |
//! | [`gzip`] | transparent decompression |
//! | [`detect`] | WARC, JSONL or a page, from the first bytes |
//! | [`jsonl`], [`warc`] | byte streams to [`Record`]s |
//! | [`pool`] | ordered parallel cleaning, bounded memory, caught panics, time budget |
//! | [`hold`] | site learning in input order: each site's recurring lines, warm-up queue |
//! | [`output`] | results to JSONL or text, in one stream or a mirrored folder |
//! | [`flush`] | output flushed at least once a second |
//! | [`stats`] | counts, summary line, `--stats` JSON |
//!
//! Nothing is lost: every record yields exactly one output record, with
//! `error` set when it could not be cleaned ([`RecordError`]). Only a
//! [`StreamError`] (unreadable input, truncated gzip, malformed WARC) ends an
//! input early; the records before it are all written.
//!
//! ```
//! use std::sync::Arc;
//! use thresh::batch::{self, output::{Destination, OutputFormat, Writer}, Settings, StreamFormat};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let input = dir.path().join("in.jsonl");
//! std::fs::write(&input, "{\"id\":1,\"text\":\"Hello.\\n***\\nWorld.\"}\nnot json\n").unwrap();
//! let out = dir.path().join("out.jsonl");
//! let mut writer = Writer::new(
//!     OutputFormat::Jsonl,
//!     Destination::Stream(Box::new(std::fs::File::create(&out).unwrap())),
//! );
//! let units = batch::source::units(vec![input], None);
//! let settings = Settings::new(StreamFormat::Jsonl);
//! let stats = batch::run(&thresh::Cleaner::default(), batch::text_renderer(), &settings, units, &mut writer, &mut ()).unwrap();
//! assert_eq!((stats.records, stats.ok, stats.errors), (2, 1, 1));
//! let lines = std::fs::read_to_string(out).unwrap();
//! assert!(lines.starts_with("{\"id\":1,\"text\":\"Hello.\\nWorld.\\n\""));
//! ```

pub mod detect;
pub mod error;
pub mod fields;
pub mod flush;
pub mod gzip;
pub mod hold;
pub mod jsonl;
pub mod output;
pub mod pool;
pub mod record;
pub mod source;
pub mod stats;
pub mod warc;

pub use error::{RecordError, StreamError};
pub use fields::Fields;
pub use record::{Entry, FieldNames, Line, Page, Record, Skip};
pub use source::{StreamFormat, Unit};
pub use stats::Stats;

use crate::article::Article;
use crate::config::InputKind;
use crate::site::{ProfileError, SiteConfig, SiteModel};
use crate::Cleaner;
use hold::{Done, Event, Hold, Pending};
pub use output::Cleaned;

use output::Writer;
use pool::{Outcome, PoolConfig};
use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Renders a cleaned article as the text of its output record.
pub type Render = Arc<dyn Fn(&Article) -> String + Send + Sync>;

/// The default renderer: the article's text.
pub fn text_renderer() -> Render {
    Arc::new(|article: &Article| article.text())
}

/// How a batch runs.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Settings {
    /// How the inputs hold their records.
    pub format: StreamFormat,
    /// Where JSONL records keep their page and metadata.
    pub fields: FieldNames,
    /// Workers, window, time budget.
    pub pool: PoolConfig,
    /// Stop at the first record error or failed input.
    pub fail_fast: bool,
    /// Largest record read, in bytes; larger ones are error records, skipped
    /// unread. Default: the cleaner's default input budget (64 MiB).
    pub max_record_bytes: usize,
    /// Charset (label or `Content-Type` value) declared for pages whose
    /// record declares none. Default: none.
    pub charset: Option<String>,
    /// Most memory cleaning one record may take, as estimated before it
    /// starts ([`Budgets::max_memory_bytes`](crate::Budgets)): a record over
    /// it is an error line. Each worker cleans one record at a time, so the
    /// workers together stay within `workers` times this. Default: 512 MiB.
    pub max_record_memory: usize,
    /// Site learning ([`crate::site`], [`hold`]): how it decides and what
    /// it may hold; `None` turns it off. Default: on, with
    /// [`SiteConfig::default`].
    pub site: Option<SiteConfig>,
    /// A folder of site profiles: each site's table is loaded from it when
    /// the site is first seen and saved to it when the site is dropped and
    /// at the end of the run. Default: none.
    pub site_profiles: Option<PathBuf>,
}

impl Settings {
    /// Defaults for `format`: one worker per core, no time budget.
    pub fn new(format: StreamFormat) -> Settings {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Settings {
            format,
            fields: FieldNames::default(),
            pool: PoolConfig::new(cores),
            fail_fast: false,
            max_record_bytes: crate::Budgets::default().max_input_bytes,
            charset: None,
            max_record_memory: 512 << 20,
            site: Some(SiteConfig::default()),
            site_profiles: None,
        }
    }
}

/// Hears about a run's progress, in output order.
pub trait Observer {
    /// A record's output was written; `result` is what cleaning it gave.
    fn on_record(
        &mut self,
        _unit: &Unit,
        _number: u64,
        _result: Result<&Cleaned, &RecordError>,
        _stats: &Stats,
    ) {
    }

    /// An input failed; the run goes on with the next input (unless
    /// `fail_fast`).
    fn on_failure(&mut self, _error: &StreamError, _stats: &Stats) {}

    /// An input field was left out of a JSONL line because one of thresh's
    /// output fields has its name; told once per name and run, at the
    /// first record that has it.
    fn on_field_clash(&mut self, _unit: &Unit, _number: u64, _name: &str) {}

    /// An entry of a walked folder was skipped without being opened
    /// ([`StreamError::NotAFile`]).
    fn on_skipped_input(&mut self, _why: &StreamError, _stats: &Stats) {}

    /// A site profile could not be read (the site starts cold) or written.
    fn on_site_problem(&mut self, _problem: &ProfileError) {}
}

/// An observer that ignores everything.
impl Observer for () {}

/// Why a batch run stopped before the end of its inputs.
#[derive(Debug)]
#[non_exhaustive]
pub enum BatchError {
    /// Writing the output failed (a full disk, a closed pipe).
    Output(io::Error),
    /// `fail_fast` is set and a record or an input failed; the message says
    /// which.
    FailFast(String),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Output(e) => write!(f, "cannot write the output: {e}"),
            BatchError::FailFast(msg) => {
                write!(f, "stopped at the first error (--fail-fast): {msg}")
            }
        }
    }
}

impl std::error::Error for BatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BatchError::Output(e) => Some(e),
            BatchError::FailFast(_) => None,
        }
    }
}

/// What travels in order from the reader to the writer.
enum Ticket {
    Begin(Arc<Unit>),
    Record {
        unit: Arc<Unit>,
        number: u64,
        bytes_in: u64,
        fields: FieldsFrom,
    },
    Skipped(Skip),
    Failed(StreamError),
    End,
}

/// Where the writer finds a record's fields if its work gives none back
/// (it panicked or ran over the time budget).
enum FieldsFrom {
    /// Known from the reader (WARC records, page files).
    Known(Fields),
    /// In this JSONL line, parsed again only if needed.
    Line(Line),
}

/// What a worker does for one record.
enum Work {
    /// Clean this page.
    Page(Page),
    /// Parse this JSONL line, then clean its page.
    Line(Line),
    /// Nothing to clean: the record is this error.
    Failed(RecordError),
}

/// What a worker gives back for one record.
struct Processed {
    /// The record's fields, when the work parsed them.
    fields: Option<Fields>,
    result: Result<Done, RecordError>,
}

/// Units to tickets: `Begin`, the unit's entries, `End`; `Failed` where an
/// input cannot be read on.
struct Feed<U> {
    units: U,
    open: Option<(Arc<Unit>, source::Entries)>,
    format: StreamFormat,
    max_record: usize,
}

impl<U: Iterator<Item = Result<Unit, StreamError>>> Iterator for Feed<U> {
    type Item = pool::Item<Ticket, Work>;

    fn next(&mut self) -> Option<Self::Item> {
        let (ticket, work) = self.next_pair()?;
        let bytes = match &ticket {
            Ticket::Record { bytes_in, .. } => usize::try_from(*bytes_in).unwrap_or(usize::MAX),
            _ => 0,
        };
        Some(pool::Item {
            ticket,
            work,
            bytes,
        })
    }
}

impl<U: Iterator<Item = Result<Unit, StreamError>>> Feed<U> {
    fn next_pair(&mut self) -> Option<(Ticket, Option<Work>)> {
        if let Some((unit, entries)) = &mut self.open {
            let unit = Arc::clone(unit);
            let record = |number, bytes_in, fields| Ticket::Record {
                unit,
                number,
                bytes_in,
                fields,
            };
            return Some(match entries.next() {
                Some(Ok(Entry::Record(r))) => {
                    let work = match r.page {
                        Ok(page) => Work::Page(page),
                        Err(e) => Work::Failed(e),
                    };
                    let ticket = record(r.number, r.bytes_in, FieldsFrom::Known(r.fields));
                    (ticket, Some(work))
                }
                Some(Ok(Entry::Line(line))) => {
                    let ticket = record(line.number, line.len, FieldsFrom::Line(line.clone()));
                    (ticket, Some(Work::Line(line)))
                }
                Some(Ok(Entry::Skipped(why))) => (Ticket::Skipped(why), None),
                // The readers end after an error, so `End` follows.
                Some(Err(e)) => (Ticket::Failed(e), None),
                None => {
                    self.open = None;
                    (Ticket::End, None)
                }
            });
        }
        Some(match self.units.next()? {
            Err(e) => (Ticket::Failed(e), None),
            Ok(unit) => match source::open(&unit, self.format, self.max_record) {
                Err(e) => (Ticket::Failed(e), None),
                Ok(entries) => {
                    let unit = Arc::new(unit);
                    self.open = Some((Arc::clone(&unit), entries));
                    (Ticket::Begin(unit), None)
                }
            },
        })
    }
}

/// The work done on worker threads: parsing JSONL lines, cleaning, rendering.
struct Worker {
    /// Cleaners for pages of unknown, HTML and text kind.
    cleaners: [Cleaner; 3],
    render: Render,
    fields: FieldNames,
    max_record: usize,
    charset: Option<String>,
    /// Whether pages with a site are left for site learning to finish.
    site_learning: bool,
}

impl Worker {
    fn process(&self, work: Work) -> Processed {
        let (fields, page) = match work {
            Work::Page(page) => (None, Ok(page)),
            Work::Failed(e) => (None, Err(e)),
            Work::Line(line) => {
                let record = jsonl::parse_line(&line, self.max_record, &self.fields);
                (Some(record.fields), record.page)
            }
        };
        Processed {
            fields,
            result: page.and_then(|page| self.clean(page).map_err(RecordError::Clean)),
        }
    }

    fn clean(&self, mut page: Page) -> Result<Done, crate::Error> {
        if page.hints.charset.is_none() {
            page.hints.charset.clone_from(&self.charset);
        }
        let cleaner = match page.kind {
            InputKind::Auto => &self.cleaners[0],
            InputKind::Html => &self.cleaners[1],
            InputKind::Text => &self.cleaners[2],
        };
        let mut article = cleaner.clean(&page.bytes, &page.hints)?;
        let site = self
            .site_learning
            .then(|| {
                let hints = &page.hints;
                crate::site::site_key(hints.url.as_deref(), hints.file_name.as_deref())
            })
            .flatten();
        if let Some(site) = site {
            let keys = article
                .blocks
                .iter()
                .filter_map(crate::site::judge::block_key)
                .collect();
            return Ok(Done::Pending(Box::new(Pending {
                article,
                site,
                keys,
            })));
        }
        Ok(Done::Rendered(Box::new(Cleaned {
            text: (self.render)(&article),
            metadata: std::mem::take(&mut article.metadata),
            removed: std::mem::take(&mut article.removed),
        })))
    }
}

/// Runs a batch: every record of every unit through `cleaner` (pages whose
/// kind is known from their field go through it with that kind forced), the
/// results rendered with `render` and written by `writer` in input order.
/// An input that fails is reported to `observer` and the run goes on.
///
/// # Errors
/// Writing failed, or `fail_fast` is set and a record or an input failed.
pub fn run(
    cleaner: &Cleaner,
    render: Render,
    settings: &Settings,
    units: impl Iterator<Item = Result<Unit, StreamError>> + Send + 'static,
    writer: &mut Writer,
    observer: &mut dyn Observer,
) -> Result<Stats, BatchError> {
    let started = Instant::now();
    let config = cleaner
        .config()
        .clone()
        .max_memory_bytes(settings.max_record_memory);
    let worker = Worker {
        cleaners: [
            Cleaner::new(config.clone()),
            Cleaner::new(config.clone().input_kind(InputKind::Html)),
            Cleaner::new(config.input_kind(InputKind::Text)),
        ],
        render: Arc::clone(&render),
        fields: settings.fields.clone(),
        max_record: settings.max_record_bytes,
        charset: settings.charset.clone(),
        site_learning: settings.site.is_some(),
    };
    let work = Arc::new(move |work: Work| worker.process(work));
    let feed = Feed {
        units,
        open: None,
        format: settings.format,
        max_record: settings.max_record_bytes,
    };
    let mut hold = settings.site.as_ref().map(|config| {
        let mut model = SiteModel::new(config.clone());
        if let Some(dir) = &settings.site_profiles {
            model = model.with_profiles(dir.clone());
        }
        Hold::new(model, render)
    });
    let mut out = Emitter {
        writer,
        observer,
        settings,
        started,
        stats: Stats::default(),
        unwritable: false,
        clashing: Vec::new(),
    };
    let result = pool::run(&settings.pool, feed, work, |ticket, outcome| {
        let event = event(ticket, outcome, settings);
        let Some(hold) = &mut hold else {
            return out.emit(event);
        };
        hold.push(event);
        while let Some(event) = hold.pop(false) {
            out.emit(event)?;
        }
        report_problems(hold, out.observer);
        Ok(())
    });
    let mut result = result;
    if let (Ok(()), Some(hold)) = (&result, &mut hold) {
        result = (|| {
            while let Some(event) = hold.pop(true) {
                out.emit(event)?;
            }
            Ok(())
        })();
        if let Err(e) = hold.model().save() {
            out.observer.on_site_problem(&e);
        }
        report_problems(hold, out.observer);
    }
    let flushed = out.writer.flush().map_err(BatchError::Output);
    result?;
    flushed?;
    let mut stats = out.stats;
    stats.set_elapsed(started.elapsed());
    Ok(stats)
}

/// Tells `observer` about the site profiles that could not be used.
fn report_problems(hold: &mut Hold, observer: &mut dyn Observer) {
    for problem in hold.model().take_problems() {
        observer.on_site_problem(&problem);
    }
}

/// The output event of a ticket and its work's outcome.
fn event(ticket: Ticket, outcome: Option<Outcome<Processed>>, settings: &Settings) -> Event {
    match ticket {
        Ticket::Begin(unit) => Event::Begin(unit),
        Ticket::End => Event::End,
        Ticket::Skipped(why) => Event::Skipped(why),
        Ticket::Failed(e) => Event::Failed(e),
        Ticket::Record {
            unit,
            number,
            bytes_in,
            fields,
        } => {
            let (given, result) = match outcome {
                Some(Outcome::Done(p)) => (p.fields, p.result),
                Some(Outcome::Panicked(msg)) => (None, Err(RecordError::Panicked(msg))),
                Some(Outcome::OverBudget(took)) => (None, Err(RecordError::OverBudget(took))),
                None => (
                    None,
                    Err(RecordError::Panicked("record lost its work".into())),
                ),
            };
            let fields = match (given, fields) {
                (Some(given), _) => given,
                (None, FieldsFrom::Known(known)) => known,
                (None, FieldsFrom::Line(line)) => {
                    jsonl::parse_line(&line, settings.max_record_bytes, &settings.fields).fields
                }
            };
            Event::Record {
                unit,
                number,
                bytes_in,
                fields,
                result,
            }
        }
    }
}

/// Writes events in order, counts them and tells the observer.
struct Emitter<'a> {
    writer: &'a mut Writer,
    observer: &'a mut dyn Observer,
    settings: &'a Settings,
    started: Instant,
    stats: Stats,
    /// The current unit's output cannot be written: its records are dropped.
    unwritable: bool,
    /// Input fields replaced by thresh's so far.
    clashing: Vec<String>,
}

impl Emitter<'_> {
    fn emit(&mut self, event: Event) -> Result<(), BatchError> {
        let fail_fast = self.settings.fail_fast;
        let stats = &mut self.stats;
        let failed = match event {
            Event::Begin(unit) => match self.writer.begin(&unit) {
                Ok(()) => None,
                Err(source) => {
                    self.unwritable = true;
                    Some(StreamError::Output {
                        input: unit.name.clone(),
                        source,
                    })
                }
            },
            Event::End => {
                self.unwritable = false;
                self.writer.end().map_err(BatchError::Output)?;
                None
            }
            Event::Skipped(why) => {
                stats.skip(why);
                None
            }
            Event::Failed(e @ StreamError::NotAFile { .. }) => {
                stats.skip(Skip::NotAFile);
                self.observer.on_skipped_input(&e, stats);
                None
            }
            Event::Failed(e) => Some(e),
            Event::Record { .. } if self.unwritable => None,
            Event::Record {
                unit,
                number,
                bytes_in,
                fields,
                result,
            } => {
                let result = result.and_then(|done| match done {
                    Done::Rendered(cleaned) => Ok(*cleaned),
                    // Only a hold makes pending pages, and it renders them
                    // before they leave it.
                    Done::Pending(_) => Err(RecordError::Panicked(
                        "a page left site learning unfinished".into(),
                    )),
                });
                stats.records += 1;
                stats.bytes_in += bytes_in;
                match &result {
                    Ok(cleaned) => {
                        if cleaned.text.is_empty() {
                            stats.empty += 1;
                        } else {
                            stats.ok += 1;
                        }
                        for removal in &cleaned.removed {
                            *stats.removals.entry(removal.rule.name()).or_default() += 1;
                        }
                    }
                    Err(_) => stats.errors += 1,
                }
                let clashes = self
                    .writer
                    .record(&fields, &result)
                    .map_err(BatchError::Output)?;
                for name in clashes {
                    if !self.clashing.contains(&name) {
                        self.observer.on_field_clash(&unit, number, &name);
                        self.clashing.push(name);
                    }
                }
                stats.set_elapsed(self.started.elapsed());
                self.observer
                    .on_record(&unit, number, result.as_ref(), stats);
                if let (true, Err(e)) = (fail_fast, &result) {
                    return Err(BatchError::FailFast(format!(
                        "{}: record {number}: {e}",
                        unit.name
                    )));
                }
                None
            }
        };
        if let Some(e) = failed {
            stats.failed_inputs += 1;
            stats.set_elapsed(self.started.elapsed());
            self.observer.on_failure(&e, stats);
            if fail_fast {
                return Err(BatchError::FailFast(e.to_string()));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::output::{Destination, OutputFormat};
    use super::*;
    use serde_json::Value;
    use std::io::Write;
    use std::sync::Mutex;
    use std::time::Duration;

    /// A `Write` whose bytes the test can read afterwards.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Runs `input` (JSONL) through a batch whose renderer is `render`.
    fn run_jsonl(input: &str, render: Render, budget: Option<Duration>) -> (Stats, Vec<Value>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl");
        std::fs::write(&path, input).unwrap();
        let out = Shared::default();
        let mut writer = Writer::new(
            OutputFormat::Jsonl,
            Destination::Stream(Box::new(out.clone())),
        );
        let mut settings = Settings::new(StreamFormat::Jsonl);
        settings.pool = PoolConfig::new(2);
        settings.pool.budget = budget;
        let units = source::units(vec![path], None);
        let stats = run(
            &Cleaner::default(),
            render,
            &settings,
            units,
            &mut writer,
            &mut (),
        )
        .unwrap();
        let bytes = out.0.lock().unwrap().clone();
        let lines = String::from_utf8(bytes)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (stats, lines)
    }

    #[test]
    fn a_panic_while_cleaning_is_that_records_error_and_keeps_its_fields() {
        let render: Render = Arc::new(|a: &Article| {
            let text = a.text();
            assert!(!text.contains("boom"), "renderer exploded");
            text
        });
        let input = "{\"id\":1,\"text\":\"Fine.\"}\n{\"id\":2,\"text\":\"It goes boom.\"}\n{\"id\":3,\"text\":\"Fine too.\"}\n";
        let (stats, lines) = run_jsonl(input, render, None);
        assert_eq!((stats.records, stats.ok, stats.errors), (3, 2, 1));
        assert_eq!(lines[1]["id"], 2);
        assert!(lines[1]["text"].is_null());
        let error = lines[1]["error"].as_str().unwrap();
        assert!(
            error.starts_with("cleaning panicked: renderer exploded"),
            "{error}"
        );
        assert_eq!(lines[2]["text"], "Fine too.\n");
    }

    #[test]
    fn a_record_over_the_time_budget_is_an_error_line_with_its_fields() {
        let render: Render = Arc::new(|a: &Article| {
            let text = a.text();
            if text.contains("slow") {
                std::thread::sleep(Duration::from_secs(2));
            }
            text
        });
        let input = "{\"id\":1,\"text\":\"A slow page.\"}\n{\"id\":2,\"text\":\"Quick.\"}\n";
        let (stats, lines) = run_jsonl(input, render, Some(Duration::from_millis(100)));
        assert_eq!((stats.records, stats.errors), (2, 1));
        assert_eq!(lines[0]["id"], 1);
        assert!(
            lines[0]["error"].as_str().unwrap().contains("time budget"),
            "{}",
            lines[0]
        );
        assert_eq!(lines[1]["text"], "Quick.\n");
    }
}
