//! The `thresh` command: flags to a [`Cleaner`], inputs through it, output out.

pub mod args;
pub mod batch;

use anyhow::{bail, Context, Result};
use args::{Args, From, To};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;
use thresh::{render, Cleaner, Config, Format, Hints, InputKind, RenderOptions};

/// How a run ended, for the exit status.
pub enum Outcome {
    /// Every input was cleaned.
    Clean,
    /// At least one input could not be cleaned; the others were.
    SomeFailed,
}

/// Separates the outputs of several inputs in text, Markdown and HTML form.
const INPUT_SEPARATOR: &str = "\x0c\n";

/// Runs the command.
pub fn run(args: Args) -> Result<Outcome> {
    if batch::wanted(&args) {
        return batch::run(args);
    }
    if let Some(label) = &args.charset {
        if !Hints::charset_is_known(label) {
            bail!(UsageError(format!("unknown charset {label:?}")));
        }
    }
    let cleaner = Cleaner::new(
        Config::new()
            .input_kind(match args.from {
                From::Auto => InputKind::Auto,
                From::Html => InputKind::Html,
                From::Text => InputKind::Text,
                From::Jsonl | From::Warc => unreachable!("batch mode handles stream inputs"),
            })
            .keep_captions(args.keep_captions)
            .full_parse(args.full_parse),
    );
    let format = match args.to.unwrap_or(To::Text) {
        To::Text => Format::Text,
        To::Json => Format::Json,
        To::Markdown => Format::Markdown,
        To::Html => Format::Html,
        To::Jsonl => unreachable!("batch mode handles JSONL output"),
    };
    let options = RenderOptions::default().title(args.title);
    if let Some(path) = &args.output {
        refuse_output_over_input(path, &args.inputs)?;
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let stdin_only = [std::path::PathBuf::from("-")];
    let inputs = if args.inputs.is_empty() {
        &stdin_only[..]
    } else {
        &args.inputs[..]
    };
    // Text out with nothing to explain needs no Article: text inputs are
    // then cleaned a part at a time, in memory bounded whatever their lines.
    let plain = format == Format::Text && !args.explain;
    let mut outcome = Outcome::Clean;
    let mut first = true;
    for path in inputs {
        let name = display_name(path);
        let limit = cleaner.config().budgets.max_input_bytes;
        let bytes = match read_input(path, limit) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("error: {err:#}");
                outcome = Outcome::SomeFailed;
                continue;
            }
        };
        let mut hints = Hints::new();
        hints.charset = args.charset.clone();
        hints.url = args.url.clone();
        if path != Path::new("-") {
            hints.file_name = Some(path.to_string_lossy().into_owned());
        }
        let separator = if first || format == Format::Json {
            ""
        } else {
            INPUT_SEPARATOR
        };
        // A cleaning error is this input's; a write error ends the run.
        let written: Result<io::Result<()>, thresh::Error> = if plain {
            let mut sink = Sink::new(&mut out, separator);
            cleaner
                .clean_to_text_with(bytes, &hints, &options, &mut |piece| sink.write(piece))
                .map(|()| sink.finish())
        } else {
            cleaner.clean_owned(bytes, &hints).map(|article| {
                if args.explain {
                    if let Some(v) = &article.verdicts {
                        eprintln!("{}", verdict_line(&name, v));
                    }
                    if !article.removed.is_empty() {
                        eprintln!("{}", explanation(&name, &article.removed));
                    }
                }
                out.write_all(separator.as_bytes())?;
                render::render_to(&article, format, &options, &mut out)
            })
        };
        match written {
            Ok(written) => written?,
            Err(err) => {
                eprintln!("error: {:#}", anyhow::Error::new(err).context(name.clone()));
                outcome = Outcome::SomeFailed;
                continue;
            }
        }
        first = false;
        if format == Format::Json {
            out.write_all(b"\n")?;
        }
        if args.line_buffered {
            out.flush()?;
        }
    }
    out.flush()?;
    Ok(outcome)
}

/// Where the text form of one input goes as it is made: `out`, after the
/// separator from the input before, which is written even when the text is
/// empty. Keeps the first write error and writes nothing after it.
struct Sink<'o> {
    out: &'o mut dyn Write,
    separator: Option<&'static str>,
    error: Option<io::Error>,
}

impl<'o> Sink<'o> {
    fn new(out: &'o mut dyn Write, separator: &'static str) -> Sink<'o> {
        Sink {
            out,
            separator: Some(separator),
            error: None,
        }
    }

    fn write(&mut self, piece: &str) {
        if self.error.is_some() {
            return;
        }
        let separator = self.separator.take().unwrap_or("");
        let written = self
            .out
            .write_all(separator.as_bytes())
            .and_then(|()| self.out.write_all(piece.as_bytes()));
        self.error = written.err();
    }

    /// Ends the input: the separator if nothing was written, and the first
    /// write error.
    fn finish(mut self) -> io::Result<()> {
        self.write("");
        self.error.map_or(Ok(()), Err)
    }
}

/// A usage error when the output file `output` is one of the `inputs`:
/// creating it would empty the input before it is read.
fn refuse_output_over_input(output: &Path, inputs: &[std::path::PathBuf]) -> Result<()> {
    if let Some(input) = inputs
        .iter()
        .find(|input| thresh::batch::output::same_file(input, output))
    {
        bail!(UsageError(format!(
            "the output {} is the input {}: it would be overwritten before it is read",
            output.display(),
            input.display()
        )));
    }
    Ok(())
}

fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads one input whole, gunzipping it when its name ends in `.gz` or its
/// bytes start with the gzip magic. Reading stops one byte past `limit`: an
/// input over it (a gzip bomb too) is refused without being read further.
fn read_input(path: &Path, limit: usize) -> Result<Vec<u8>> {
    let (source, name, size): (Box<dyn Read + Send>, Option<String>, Option<u64>) = if path
        == Path::new("-")
    {
        (thresh::batch::source::stdin(), None, None)
    } else {
        let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let size = file.metadata().ok().map(|m| m.len());
        (
            Box::new(file),
            Some(path.to_string_lossy().into_owned()),
            size,
        )
    };
    let what = display_name(path);
    let opened = thresh::batch::gzip::open(source, name.as_deref())
        .with_context(|| format!("cannot read {what}"))?;
    let gzip = opened.gzip;
    // A file read whole into a buffer of its size: a growing one would
    // hold up to twice that.
    let mut bytes = match size {
        Some(size) if !gzip => Vec::with_capacity(size.min(limit as u64 + 1) as usize),
        _ => Vec::new(),
    };
    opened
        .reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| {
            if gzip {
                format!("cannot read {what}: truncated or corrupt gzip data")
            } else {
                format!("cannot read {what}")
            }
        })?;
    if bytes.len() > limit {
        let how = if gzip { "inflates to" } else { "is" };
        bail!("{what} {how} more than the limit of {limit} bytes; not read further");
    }
    Ok(bytes)
}

/// `--explain` lines for the removals of the input (or record) `name`, one
/// per removal: `NAME: RULE: TEXT`, newlines in the text turned to spaces.
fn explanation(name: &str, removed: &[thresh::Removal]) -> String {
    let lines: Vec<String> = removed
        .iter()
        .map(|r| match &r.detail {
            Some(why) => format!("{name}: {}: {} ({why})", r.rule, r.text.replace('\n', " ")),
            None => format!("{name}: {}: {}", r.rule, r.text.replace('\n', " ")),
        })
        .collect();
    lines.join("\n")
}

/// The `--explain` line for what the extractor decided about the page
/// `name`: `NAME: verdict: page=article comments=dropped (2 sections)
/// container=div.entry-content whole-page=no`.
fn verdict_line(name: &str, v: &thresh::Verdicts) -> String {
    let sections = match v.comment_sections {
        0 => String::new(),
        1 => " (1 section)".to_string(),
        n => format!(" ({n} sections)"),
    };
    format!(
        "{name}: verdict: page={} comments={}{sections} container={} whole-page={}",
        v.page,
        v.comments,
        v.container,
        if v.whole_page { "yes" } else { "no" }
    )
}

/// A problem with the command line itself (exit status 2).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}
