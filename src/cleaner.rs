//! The pipeline, wired: `bytes -> sniff -> decode -> blocks -> clean -> Article`.

use crate::article::{Article, LanguageSource, Metadata, SourceKind, Verdicts};
use crate::block::Block;
use crate::clean::Removal;
use crate::config::{Config, Hints, InputKind};
use crate::error::Error;
use crate::{clean, decode, extract, input, language, sniff};

/// Cleans scraped pages and text. Build one and share it: it is cheap to
/// clone, `Send + Sync`, and holds no mutable state.
///
/// ```
/// use thresh::{Cleaner, Config, Hints};
/// let cleaner = Cleaner::new(Config::default());
/// let page = b"<html><body><article><p>The treaty was signed on Wednesday.</p></article></body></html>";
/// let article = cleaner.clean(page, &Hints::new().url("https://example.com/a")).unwrap();
/// assert!(article.text().contains("The treaty was signed"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    config: Config,
}

impl Cleaner {
    /// A cleaner with the given configuration.
    pub fn new(config: Config) -> Cleaner {
        Cleaner { config }
    }

    /// The cleaner's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Cleans one input given as bytes in any charset.
    ///
    /// # Errors
    /// [`Error::TooLarge`] when the input is over
    /// [`Budgets::max_input_bytes`](crate::Budgets), [`Error::Binary`] when it
    /// is not text, [`Error::OverMemoryBudget`] when cleaning it would take
    /// more memory than [`Budgets::max_memory_bytes`](crate::Budgets). An input with no content left is not an error.
    pub fn clean(&self, bytes: &[u8], hints: &Hints) -> Result<Article, Error> {
        let parsed = self.parse(bytes, hints)?;
        Ok(self.finish(parsed, hints))
    }

    /// [`Cleaner::clean`] on an input the caller gives away: its bytes are
    /// freed once parsed, before the cleaning passes, where the memory
    /// peaks. The same result as [`Cleaner::clean`].
    ///
    /// # Errors
    /// As [`Cleaner::clean`].
    ///
    /// ```
    /// use thresh::{Cleaner, Hints};
    /// let bytes = b"A line.\n\n* * *\n\nAnother.".to_vec();
    /// let article = Cleaner::default().clean_owned(bytes, &Hints::new()).unwrap();
    /// assert_eq!(article.text(), "A line.\n\nAnother.\n");
    /// ```
    pub fn clean_owned(&self, bytes: Vec<u8>, hints: &Hints) -> Result<Article, Error> {
        let parsed = self.parse(&bytes, hints)?;
        drop(bytes);
        Ok(self.finish(parsed, hints))
    }

    /// The checks, decoding and parsing of [`Cleaner::clean`]: everything
    /// that reads `bytes`. What comes out owns its text.
    fn parse(&self, bytes: &[u8], hints: &Hints) -> Result<Parsed, Error> {
        let limit = self.config.budgets.max_input_bytes;
        if bytes.len() > limit {
            return Err(Error::TooLarge {
                bytes: bytes.len(),
                limit,
            });
        }
        if let Some(what) = sniff::binary_kind(bytes) {
            return Err(Error::Binary { what });
        }
        let kind = sniff::detect_kind(bytes, hints.file_name.as_deref(), self.config.input_kind);
        let is_html = kind == InputKind::Html;
        let budgets = &self.config.budgets;
        let estimated = budgets.estimated_memory(bytes, is_html);
        if estimated > budgets.max_memory_bytes {
            return Err(Error::OverMemoryBudget {
                estimated,
                limit: budgets.max_memory_bytes,
            });
        }
        let decoded = decode::decode(
            bytes,
            hints.charset.as_deref(),
            is_html,
            hints.url.as_deref(),
        );
        let encoding = decoded.encoding.name();
        let parsed = if is_html {
            let extracted = extract::extract(&decoded.text, &self.config, hints.url.as_deref());
            Parsed {
                blocks: extracted.blocks,
                metadata: extracted.metadata,
                source: SourceKind::Html,
                pruned: extracted.pruned,
                verdicts: Some(extracted.verdicts),
                encoding,
            }
        } else {
            Parsed {
                blocks: input::text::blocks(&decoded.text),
                metadata: Metadata::default(),
                source: SourceKind::Text,
                pruned: Vec::new(),
                verdicts: None,
                encoding,
            }
        };
        Ok(parsed)
    }

    /// The cleaning passes and language detection over what [`Cleaner::parse`]
    /// made of an input.
    fn finish(&self, parsed: Parsed, hints: &Hints) -> Article {
        let Parsed {
            blocks,
            mut metadata,
            source,
            pruned,
            verdicts,
            encoding,
        } = parsed;
        if metadata.url.is_none() {
            metadata.url = hints.url.clone();
        }
        let origin = match source {
            SourceKind::Html => clean::Origin::Html,
            SourceKind::Text => clean::Origin::Text,
        };
        let cleaned = clean::run_with(blocks, origin);
        // What the extractor pruned comes first: it came out of the page
        // before the cleaning passes saw the rest.
        let mut removed = pruned;
        removed.extend(cleaned.removed);
        if self.config.detect_language {
            detect_language(&mut metadata, &cleaned.blocks);
        }
        Article {
            blocks: cleaned.blocks,
            metadata,
            removed,
            source,
            encoding,
            verdicts,
        }
    }

    /// Cleans text that is already decoded, as text mode (never HTML).
    ///
    /// ```
    /// let article = thresh::Cleaner::default().clean_text("A line.\n\n* * *\n\nAnother.");
    /// assert_eq!(article.text(), "A line.\n\nAnother.\n");
    /// ```
    pub fn clean_text(&self, text: &str) -> Article {
        let cleaned = clean::run(input::text::blocks(text));
        let mut metadata = Metadata::default();
        if self.config.detect_language {
            detect_language(&mut metadata, &cleaned.blocks);
        }
        Article {
            blocks: cleaned.blocks,
            metadata,
            removed: cleaned.removed,
            source: SourceKind::Text,
            encoding: "UTF-8",
            verdicts: None,
        }
    }
}

/// An input parsed into blocks, before the cleaning passes: it no longer
/// needs the input's bytes.
struct Parsed {
    blocks: Vec<Block>,
    metadata: Metadata,
    source: SourceKind,
    /// What the HTML extractor pruned (nothing for text).
    pruned: Vec<Removal>,
    verdicts: Option<Verdicts>,
    /// The charset the input was decoded with.
    encoding: &'static str,
}

/// Gives `metadata` the language detected from the kept `blocks` when the
/// page declares none.
fn detect_language(metadata: &mut Metadata, blocks: &[Block]) {
    if metadata.language.is_none() {
        metadata.language = language::detect(blocks);
        metadata.language_source = metadata.language.as_ref().map(|_| LanguageSource::Detected);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaner_is_send_sync_and_shareable() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Cleaner>();
        assert_send_sync::<Article>();
        assert_send_sync::<Error>();
    }

    #[test]
    fn oversized_and_binary_inputs_are_errors() {
        let small = Cleaner::new(Config::new().max_input_bytes(4));
        assert_eq!(
            small.clean(b"hello", &Hints::new()).unwrap_err(),
            Error::TooLarge { bytes: 5, limit: 4 }
        );
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(matches!(
            Cleaner::default().clean(png, &Hints::new()),
            Err(Error::Binary { .. })
        ));
    }

    #[test]
    fn empty_input_is_an_empty_article() {
        let article = Cleaner::default().clean(b"", &Hints::new()).unwrap();
        assert!(article.is_empty());
        assert_eq!(article.text(), "");
    }
}
