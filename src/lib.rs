//! thresh strips boilerplate, comment sections and aggregator junk from
//! scraped web articles, given as HTML pages or as text already pulled out of
//! them, and returns clean prose.
//!
//! The pipeline runs one way, one module per stage:
//!
//! | stage | module | in | out |
//! |---|---|---|---|
//! | sniff | [`sniff`] | bytes | binary or not; HTML or text |
//! | decode | [`decode`] | bytes, declared charset | `String` |
//! | blocks | [`extract`] (HTML), [`input`] (text) | `String` | [`Block`]s, [`Metadata`] |
//! | clean | [`clean`] | [`Block`]s | kept [`Block`]s, [`Removal`](clean::Removal)s |
//! | render | [`render`] | [`Article`] | text, JSON, Markdown, HTML |
//!
//! [`batch`] runs the pipeline over streams of records (JSONL, WARC, folders)
//! on all cores, in input order.
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

pub mod article;
pub mod batch;
pub mod block;
pub mod clean;
mod cleaner;
pub mod config;
pub mod decode;
mod error;
pub mod extract;
pub mod input;
mod language;
pub mod render;
pub mod sniff;

pub use article::{Article, LanguageSource, Metadata, SourceKind, Verdicts};
pub use block::{Block, BlockKind, Gap};
pub use cleaner::Cleaner;
pub use config::{Budgets, Config, Hints, InputKind};
pub use error::Error;
pub use render::{Format, RenderOptions};

/// The README's examples, run as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
