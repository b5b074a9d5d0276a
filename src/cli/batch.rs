//! Batch mode of the command: JSONL and WARC streams, folders, all cores.
//! Its flags, then the wiring of [`thresh::batch`] to standard streams, a
//! progress bar and the summary.

use super::args::{Args, From, To};
use super::{Outcome, UsageError};
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs::File;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use thresh::batch::flush::TimedFlush;
use thresh::batch::output::{Destination, OutputFormat, OutputNames, Writer};
use thresh::batch::pool::PoolConfig;
use thresh::batch::{
    self, Cleaned, FieldNames, Observer, RecordError, Settings, Stats, StreamError, StreamFormat,
    Unit,
};
use thresh::site::{ProfileError, SiteConfig};
use thresh::{render, Article, Cleaner, Config, Format, InputKind, RenderOptions};

/// Flags of batch mode.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Batch mode (--from jsonl|warc, folders, --to jsonl)")]
pub struct BatchArgs {
    /// Worker threads [default: all cores].
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,

    /// JSONL field holding an HTML page.
    #[arg(long, value_name = "NAME", default_value = "html")]
    pub html_field: String,

    /// JSONL field holding scraped text (used when the HTML field is absent).
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_field: String,

    /// JSONL field holding the page's URL.
    #[arg(long, value_name = "NAME", default_value = "url")]
    pub url_field: String,

    /// JSONL field holding the page as base64 bytes (pages not in UTF-8);
    /// tried before the HTML and text fields.
    #[arg(long, value_name = "NAME")]
    pub bytes_field: Option<String>,

    /// Put PREFIX before the names of the fields thresh adds to JSONL lines
    /// (`thresh_text`, `thresh_title`...). Without it, an input field named
    /// text, title, language, removed_count or error (removed with
    /// --explain) is left out of its line, with a warning, for thresh's own.
    #[arg(long, value_name = "PREFIX", default_value = "")]
    pub field_prefix: String,

    /// Only files matching GLOB in folders (repeatable), e.g. '*.html'.
    #[arg(long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,

    /// Follow symbolic links inside input folders (they may lead out of the
    /// folder; a link that loops is skipped). Without it, links found in a
    /// folder are skipped.
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// Stop at the first record that cannot be cleaned (exit status 1).
    #[arg(long)]
    pub fail_fast: bool,

    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,

    /// Write the run's statistics to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,

    /// Between records of text output [default: form feed and newline];
    /// understands \n, \t, \f, \r, \0 and \\.
    #[arg(long, value_name = "STRING")]
    pub separator: Option<String>,

    /// Most memory cleaning one record may take, in MiB, as estimated before
    /// it starts (from its lines or tags); a record over it is an error line.
    #[arg(long, value_name = "MIB", default_value_t = 512)]
    pub record_memory: usize,

    /// Give up waiting for one record after SECONDS and write it as an error
    /// (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub record_timeout: f64,

    /// Do not learn each site's boilerplate from its pages (lines that
    /// recur across many pages of one site are removed otherwise).
    #[arg(long)]
    pub no_site_learning: bool,

    /// Load each site's learned table from DIR when the site is first seen,
    /// and save it there (one file per site), so a later run starts warm.
    #[arg(long, value_name = "DIR")]
    pub site_profiles: Option<PathBuf>,

    /// Hold a record until its site has N pages (its own and later ones, at
    /// most 256 records held), so that a site's first pages are cleaned with
    /// what its later pages teach; 0 holds nothing. With --line-buffered,
    /// nothing is held.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub site_warmup: u32,

    /// Smallest share of a site's pages (0 to 1) a line must be seen on,
    /// besides three pages at least, to be learned as its boilerplate.
    #[arg(long, value_name = "SHARE", default_value_t = 0.25)]
    pub site_min_share: f64,
}

/// Whether `args` ask for batch mode: a stream format (given, or by a file
/// name such as `crawl.warc.gz`, or, for standard input and files whose name
/// says nothing, by the content), a folder, or JSONL output.
pub fn wanted(args: &Args) -> bool {
    if matches!(args.from, From::Jsonl | From::Warc)
        || args.to == Some(To::Jsonl)
        || args.inputs.iter().any(|p| p.is_dir())
    {
        return true;
    }
    let stdin_only = [PathBuf::from("-")];
    let inputs = if args.inputs.is_empty() {
        &stdin_only[..]
    } else {
        &args.inputs[..]
    };
    args.from == From::Auto && inputs.iter().any(|p| is_stream(p))
}

/// Whether input `path` holds a stream of records: by its name when that
/// says, else by its first bytes. An unreadable input is not a stream (the
/// single-page mode reports it).
fn is_stream(path: &Path) -> bool {
    if path != Path::new("-") {
        let name = path.to_string_lossy();
        if StreamFormat::from_name(&name).is_some() {
            return true;
        }
        if InputKind::from_file_name(&name).is_some() {
            return false;
        }
    }
    matches!(batch::source::detect_format(path), Ok(Some(_)))
}

/// Runs batch mode.
pub fn run(args: Args) -> Result<Outcome> {
    let b = &args.batch;
    let format = match args.from {
        From::Jsonl => StreamFormat::Jsonl,
        From::Warc => StreamFormat::Warc,
        From::Auto => StreamFormat::Pages(InputKind::Auto),
        From::Html => StreamFormat::Pages(InputKind::Html),
        From::Text => StreamFormat::Pages(InputKind::Text),
    };
    let mut settings = Settings::new(format);
    let workers = match b.jobs {
        Some(0) => bail!(UsageError("-j needs at least 1 worker".into())),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    settings.pool = PoolConfig::new(workers);
    if !(b.record_timeout >= 0.0 && b.record_timeout.is_finite()) {
        bail!(UsageError(format!(
            "bad --record-timeout {}",
            b.record_timeout
        )));
    }
    if b.record_timeout > 0.0 {
        settings.pool.budget = Some(Duration::from_secs_f64(b.record_timeout));
    }
    settings.fail_fast = b.fail_fast;
    if b.record_memory == 0 {
        bail!(UsageError("--record-memory needs at least 1 MiB".into()));
    }
    settings.max_record_memory = b.record_memory.saturating_mul(1 << 20);
    settings.fields = FieldNames {
        html: b.html_field.clone(),
        text: b.text_field.clone(),
        url: b.url_field.clone(),
        bytes: b.bytes_field.clone(),
        ..FieldNames::default()
    };
    settings.site = (!b.no_site_learning).then(|| {
        // A caller that waits for each answer must get it without waiting
        // for the site's next pages.
        let warmup = if args.line_buffered { 0 } else { b.site_warmup };
        SiteConfig::new()
            .warmup_pages(warmup)
            .min_share(b.site_min_share)
    });
    if !(0.0..=1.0).contains(&b.site_min_share) {
        bail!(UsageError(format!(
            "--site-min-share {} is not between 0 and 1",
            b.site_min_share
        )));
    }
    settings.site_profiles.clone_from(&b.site_profiles);
    let glob = globs(&b.globs)?;
    if let Some(label) = &args.charset {
        if !thresh::Hints::charset_is_known(label) {
            bail!(UsageError(format!("unknown charset {label:?}")));
        }
        settings.charset = Some(label.clone());
    }

    let options = RenderOptions::default().title(args.title);
    let (format, extension) = match args.to.unwrap_or(To::Jsonl) {
        To::Jsonl | To::Json => (None, "jsonl"),
        To::Text => (Some(Format::Text), "txt"),
        To::Markdown => (Some(Format::Markdown), "md"),
        To::Html => (Some(Format::Html), "html"),
    };
    let (output_format, render): (OutputFormat, batch::Render) = match format {
        None => (OutputFormat::Jsonl, batch::text_renderer()),
        Some(format) => {
            let separator = match &b.separator {
                Some(s) => unescape(s),
                None => "\x0c\n".to_string(),
            };
            let render = Arc::new(move |a: &Article| render::render(a, format, &options));
            (
                OutputFormat::Text {
                    separator,
                    extension,
                },
                render,
            )
        }
    };
    let text_output = matches!(output_format, OutputFormat::Text { .. });

    let has_folder = args.inputs.iter().any(|p| p.is_dir());
    if let Some(output) = &args.output {
        if has_folder {
            refuse_output_folder_as_input(output, &args.inputs)?;
        } else {
            super::refuse_output_over_input(output, &args.inputs)?;
        }
    }
    let destination = match &args.output {
        Some(dir) if has_folder => Destination::Mirror(dir.clone()),
        Some(file) => Destination::Stream(Box::new(TimedFlush::new(
            File::create(file).with_context(|| format!("cannot create {}", file.display()))?,
            256 * 1024,
            Duration::from_secs(1),
        ))),
        None => Destination::Stream(Box::new(TimedFlush::new(
            io::stdout(),
            256 * 1024,
            Duration::from_secs(1),
        ))),
    };
    let mut writer = Writer::new(output_format, destination)
        .removals(args.explain)
        .line_buffered(args.line_buffered)
        .names(OutputNames::prefixed(&b.field_prefix));
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    let cleaner = Cleaner::new(
        Config::new()
            .keep_captions(args.keep_captions)
            .full_parse(args.full_parse),
    );
    let mut progress = Progress::new(b.quiet, text_output, args.explain);
    // An output folder inside an input folder must not be read as input, or
    // the run would clean its own output, and that output's output...
    let output_dir = match (&args.output, has_folder) {
        (Some(dir), true) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            Some(dir.canonicalize()?)
        }
        _ => None,
    };
    // Only when it is below an input folder: an output folder that holds
    // the input folders (`-o . crawl/`) holds every input.
    let output_dir = output_dir.filter(|out| {
        inputs.iter().any(|input| {
            input
                .canonicalize()
                .is_ok_and(|input| out.starts_with(&input) && *out != input)
        })
    });
    let units = batch::source::units_following(inputs, glob, b.follow).filter(move |unit| {
        let inside = |dir: &PathBuf| {
            let path = unit.as_ref().ok().and_then(|u| u.path.as_ref());
            path.and_then(|p| p.canonicalize().ok())
                .is_some_and(|p| p.starts_with(dir))
        };
        !output_dir.as_ref().is_some_and(inside)
    });
    let result = batch::run(
        &cleaner,
        render,
        &settings,
        units,
        &mut writer,
        &mut progress,
    );
    progress.finish();
    let stats = result?;
    if !b.quiet {
        eprintln!("{}", stats.summary());
    }
    if let Some(path) = &b.stats {
        std::fs::write(path, stats.to_json() + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(if stats.failed_inputs > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Clean
    })
}

/// A usage error when the output folder `-o DIR` is one of the input
/// folders: the outputs would land among the inputs, beside or over them.
fn refuse_output_folder_as_input(output: &Path, inputs: &[PathBuf]) -> Result<()> {
    let Ok(out) = output.canonicalize() else {
        return Ok(()); // Not there yet: created, empty.
    };
    if let Some(input) = inputs
        .iter()
        .find(|input| input.is_dir() && input.canonicalize().is_ok_and(|i| i == out))
    {
        bail!(UsageError(format!(
            "the output folder {} is the input folder {}: give another -o folder",
            output.display(),
            input.display()
        )));
    }
    Ok(())
}

fn globs(patterns: &[String]) -> Result<Option<globset::GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut set = globset::GlobSetBuilder::new();
    for pattern in patterns {
        match globset::Glob::new(pattern) {
            Ok(glob) => set.add(glob),
            Err(e) => bail!(UsageError(format!("bad --glob {pattern:?}: {e}"))),
        };
    }
    Ok(Some(set.build().context("cannot build the --glob set")?))
}

/// Backslash escapes of `--separator`.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('f') => out.push('\x0c'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The progress bar (on a terminal, without `-q`) and error messages.
struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
    text_output: bool,
    explain: bool,
    last_draw: Instant,
}

impl Progress {
    fn new(quiet: bool, text_output: bool, explain: bool) -> Progress {
        let bar = (!quiet && io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} records {msg} [{elapsed}]")
                    .expect("the template is valid"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            quiet,
            text_output,
            explain,
            last_draw: Instant::now(),
        }
    }

    /// Writes `message` (one or more lines; nothing when empty) on standard
    /// error, around the progress bar.
    fn say(&self, message: &str) {
        if message.is_empty() {
            return;
        }
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Progress {
    fn on_record(
        &mut self,
        unit: &Unit,
        number: u64,
        result: Result<&Cleaned, &RecordError>,
        stats: &Stats,
    ) {
        // In JSONL output the error and the removals are in the record; text
        // output has no room for them.
        match (self.text_output, result) {
            (true, Err(e)) => self.say(&format!("error: {}: record {number}: {e}", unit.name)),
            (true, Ok(cleaned)) if self.explain => {
                let name = format!("{}: record {number}", unit.name);
                self.say(&super::explanation(&name, &cleaned.removed));
            }
            _ => {}
        }
        if let Some(bar) = &self.bar {
            if self.last_draw.elapsed() >= Duration::from_millis(100) {
                self.last_draw = Instant::now();
                bar.set_position(stats.records);
                bar.set_message(format!(
                    "{:.1} MB, {:.0} records/s, {} errors",
                    stats.mb_in(),
                    stats.records_per_second(),
                    stats.errors
                ));
            }
        }
    }

    fn on_failure(&mut self, error: &StreamError, _stats: &Stats) {
        self.say(&format!("error: {error}"));
    }

    fn on_field_clash(&mut self, unit: &Unit, number: u64, name: &str) {
        if !self.quiet {
            self.say(&format!(
                "thresh: warning: {}: record {number}: the input field {name:?} is left out for thresh's own {name:?} (here and in every record that has it; --field-prefix renames thresh's fields)",
                unit.name
            ));
        }
    }

    fn on_skipped_input(&mut self, why: &StreamError, _stats: &Stats) {
        if !self.quiet {
            self.say(&format!("thresh: {why}"));
        }
    }

    fn on_site_problem(&mut self, problem: &ProfileError) {
        self.say(&format!("thresh: warning: {problem}"));
    }
}
