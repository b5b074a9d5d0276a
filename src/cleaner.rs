//! The pipeline, wired: `bytes -> sniff -> decode -> blocks -> clean -> Article`.

use crate::article::{Article, LanguageSource, Metadata, SourceKind};
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
        let (blocks, mut metadata, source, pruned, verdicts) = if is_html {
            let extracted = extract::extract(&decoded.text, &self.config, hints.url.as_deref());
            (
                extracted.blocks,
                extracted.metadata,
                SourceKind::Html,
                extracted.pruned,
                Some(extracted.verdicts),
            )
        } else {
            (
                input::text::blocks(&decoded.text),
                Metadata::default(),
                SourceKind::Text,
                Vec::new(),
                None,
            )
        };
        // The blocks own their text: the decoded copy goes before cleaning,
        // where the memory peaks.
        let encoding = decoded.encoding.name();
        drop(decoded);
        if metadata.url.is_none() {
            metadata.url = hints.url.clone();
        }
        let origin = if is_html {
            clean::Origin::Html
        } else {
            clean::Origin::Text
        };
        let cleaned = clean::run_with(blocks, origin);
        // What the extractor pruned comes first: it came out of the page
        // before the cleaning passes saw the rest.
        let mut removed = pruned;
        removed.extend(cleaned.removed);
        if self.config.detect_language {
            detect_language(&mut metadata, &cleaned.blocks);
        }
        Ok(Article {
            blocks: cleaned.blocks,
            metadata,
            removed,
            source,
            encoding,
            verdicts,
        })
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

/// Gives `metadata` the language detected from the kept `blocks` when the
/// page declares none.
fn detect_language(metadata: &mut Metadata, blocks: &[crate::block::Block]) {
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
