//! Command-line flags, as clap parses them.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

/// Strip boilerplate, comment sections and aggregator junk from scraped
/// articles (HTML pages or scraped text) and print clean prose.
#[derive(Debug, Parser)]
#[command(
    name = "thresh",
    version,
    after_help = "Examples:\n  thresh page.html\n  curl -s https://example.com/a | thresh --url https://example.com/a\n  thresh --to json --explain scraped.txt\n  thresh --from jsonl crawl.jsonl.gz > clean.jsonl\n  thresh --from warc CC-MAIN-00000.warc.gz > clean.jsonl\n  curl -s https://example.com/crawl.warc.gz | thresh > clean.jsonl\n  thresh --glob '*.html' -o clean/ pages/\n\nExit status: 0 on success (empty output included), 1 when an input could not be cleaned\n(in batch mode: when the stream itself fails; bad records are error lines), 2 on a usage error."
)]
pub struct Args {
    /// Files to clean; none or `-` reads standard input.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// What the input is: detect it (a page, or a WARC or JSONL stream, also
    /// on standard input), or force one.
    #[arg(long, value_enum, default_value_t = From::Auto)]
    pub from: From,

    /// Output format [default: text; jsonl for JSONL, WARC and folder inputs].
    #[arg(long, value_enum)]
    pub to: Option<To>,

    /// Charset of the input: a label (windows-1251) or a Content-Type value.
    /// Overrides <meta charset>; a byte-order mark still wins. In batch mode,
    /// for records that declare no charset of their own.
    #[arg(long, value_name = "LABEL")]
    pub charset: Option<String>,

    /// URL the page was fetched from (helps charset detection; reported in JSON).
    #[arg(long)]
    pub url: Option<String>,

    /// Print the title on the first line of text output.
    #[arg(long)]
    pub title: bool,

    /// Keep the captions of pictures and tables (HTML). By default they go,
    /// unless they make up a tenth or more of the page's text.
    #[arg(long)]
    pub keep_captions: bool,

    /// Give the HTML parser every byte of the page, scripts, styles, SVG
    /// and comments included (for checking that blanking them first changes
    /// nothing).
    #[arg(long, hide = true)]
    pub full_parse: bool,

    /// Report every removal with its rule on standard error. In batch mode
    /// with JSONL output, each record lists them instead, as `removed`.
    #[arg(long)]
    pub explain: bool,

    /// Flush the output after every record (every input outside batch
    /// mode), for a caller that waits for each answer before it writes the
    /// next question. In batch mode the output is flushed at least once a
    /// second anyway.
    #[arg(long)]
    pub line_buffered: bool,

    /// Write the output to FILE instead of standard output.
    /// In batch mode with folder inputs, -o DIR writes one file per input
    /// file, mirroring the tree.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Batch mode flags.
    #[command(flatten)]
    pub batch: super::batch::BatchArgs,
}

/// `--from` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum From {
    /// Decide from the file name, else the content: WARC (`WARC/1.` at the
    /// start, gzipped or not) and JSONL (a first line that is a JSON object)
    /// are streams, anything else one page, HTML or text.
    Auto,
    /// An HTML page.
    Html,
    /// Text already scraped from a page.
    Text,
    /// JSON lines, one record per line (batch mode).
    Jsonl,
    /// WARC files, `.warc` or `.warc.gz`; HTTP bodies in gzip, deflate,
    /// brotli or zstd are decoded (batch mode).
    Warc,
}

/// `--to` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum To {
    /// Clean text.
    Text,
    /// One JSON object per input: text, title, author, date, language, url, removed...
    Json,
    /// Markdown: title, headings, lists, GFM tables, code fences, quotes.
    Markdown,
    /// The clean article as minimal HTML (one <article> element).
    Html,
    /// One JSON object per record, one per line (batch mode).
    Jsonl,
}
