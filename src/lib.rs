//! thresh strips boilerplate, comment sections and aggregator junk from
//! scraped web articles, given as HTML pages or as text already pulled out of
//! them, and returns clean prose.
//!
//! The pipeline runs one way, one (private) module per stage:
//!
//! | stage | module | in | out |
//! |---|---|---|---|
//! | sniff | `sniff` | bytes | binary or not; HTML or text |
//! | decode | `decode` | bytes, declared charset | `String` |
//! | blocks | `extract` (HTML), `input` (text) | `String` | [`Block`]s, [`Metadata`] |
//! | clean | `clean` | [`Block`]s | kept [`Block`]s, [`Removal`]s |
//! | language | `language` | kept [`Block`]s | the language, when the page declares none |
//! | render | [`render`](mod@render) | [`Article`] | text, JSON, Markdown, HTML |
//!
//! `batch` (feature `batch`) runs the pipeline over streams of records
//! (JSONL, WARC, folders) on all cores, in input order; there [`site`] learns
//! each site's own boilerplate from its pages and removes it.
//!
//! The API is what a caller needs: [`Cleaner`] (configured by [`Config`],
//! told about each input by [`Hints`]) gives an [`Article`] (its blocks,
//! [`Metadata`] and removals, serialisable with serde) or an [`Error`];
//! [`render()`] writes it out. [`Cleaner::clean_to_text`] gives the text form
//! without an [`Article`], in memory bounded for text of any number of lines.
//!
//! # Cargo features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `cli` | yes | the `thresh` command (clap, indicatif, anyhow); implies `batch` |
//! | `batch` | with `cli` | the `batch` module: JSONL, WARC and folder streams cleaned on all cores, in input order (walkdir, globset, flate2, brotli, zstd, base64) |
//!
//! A crate that only cleans pages depends on
//! `thresh = { version = "0.1", default-features = false }`.
//!
//! [`Cleaner`] runs them all:
//!
//! ```
//! use thresh::{Cleaner, Config, Hints};
//!
//! let cleaner = Cleaner::new(Config::default());
//! let scraped = "The pact was signed on Wednesday.\n-\nIt commits both countries to mutual defence.\n";
//! let article = cleaner.clean(scraped.as_bytes(), &Hints::new()).unwrap();
//! assert_eq!(article.text(), "The pact was signed on Wednesday.\nIt commits both countries to mutual defence.\n");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod article;
#[cfg(feature = "batch")]
pub mod batch;
mod block;
mod clean;
mod cleaner;
mod config;
mod decode;
mod error;
mod extract;
mod input;
mod language;
pub mod render;
pub mod site;
mod sniff;

pub use article::{Article, LanguageSource, Metadata, SourceKind, Verdicts};
pub use block::{Block, BlockKind, Gap};
pub use clean::{Removal, Rule};
pub use cleaner::Cleaner;
pub use config::{Budgets, Config, Hints, InputKind};
pub use error::Error;
pub use render::{render, Format, RenderOptions};

/// Stages under the curated surface, for this repository's benchmarks,
/// fuzz targets and robustness tests only: not part of the API, may change
/// at any time.
#[doc(hidden)]
pub mod internals {
    pub use crate::extract::guard;
    pub use crate::extract::metadata;
    pub use crate::extract::prepass;
    pub use crate::extract::tokenize;
    pub use crate::extract::tree;
}

/// The README's examples, run as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
