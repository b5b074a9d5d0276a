//! The pipeline, wired: `bytes -> sniff -> decode -> blocks -> clean -> Article`.

use crate::article::{Article, LanguageSource, Metadata, SourceKind, Verdicts};
use crate::block::Block;
use crate::clean::{Cleaned, Removal};
use crate::config::{Config, Hints, InputKind};
use crate::error::Error;
use crate::render::{self, RenderOptions};
use crate::{clean, decode, extract, input, language, sniff};
use std::convert::Infallible;

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
        Ok(self.finish(parsed, hints, self.config.detect_language))
    }

    /// [`Cleaner::clean`] on an input the caller gives away: its bytes are
    /// freed once a page is parsed, before the cleaning passes, where the
    /// memory peaks (a text is cleaned as it is read, a part at a time).
    /// The same result as [`Cleaner::clean`].
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
        Ok(self.finish(parsed, hints, self.config.detect_language))
    }

    /// The text form of `bytes` cleaned: what [`Cleaner::clean_owned`]
    /// then [`render::text`](crate::render::text) give, made without an
    /// [`Article`] in between. A text input is cleaned a part of 16,384
    /// lines at a time (see [`Cleaner::clean_to_text_with`]).
    ///
    /// # Errors
    /// As [`Cleaner::clean`]; the memory budget is checked on what this
    /// takes, less than [`Cleaner::clean`] for text of many lines.
    ///
    /// ```
    /// use thresh::{Cleaner, Hints, RenderOptions};
    /// let bytes = b"A line.\n\n* * *\n\nAnother.".to_vec();
    /// let text = Cleaner::default()
    ///     .clean_to_text(bytes, &Hints::new(), &RenderOptions::default())
    ///     .unwrap();
    /// assert_eq!(text, "A line.\n\nAnother.\n");
    /// ```
    pub fn clean_to_text(
        &self,
        bytes: Vec<u8>,
        hints: &Hints,
        options: &RenderOptions,
    ) -> Result<String, Error> {
        let mut out = String::new();
        self.clean_to_text_with(bytes, hints, options, &mut |piece| out.push_str(piece))?;
        Ok(out)
    }

    /// [`Cleaner::clean_to_text`], its output handed to `emit` piece by
    /// piece as it is made. A text input is cleaned and written a part of
    /// 16,384 lines at a time, so the memory taken is the input's and one
    /// part's, whatever the number of lines: 10 MB of one-letter lines take
    /// twice the input, where an [`Article`] of them takes 38 times.
    ///
    /// The layout of the text form (a blank line between paragraphs, or
    /// one line each) depends on every kept line: lines are handed over
    /// once it is known, which in a text with blank lines inside is at the
    /// first kept line after one. A text whose layout is still not known
    /// after a part's lines is cleaned twice, once to learn it.
    ///
    /// # Errors
    /// As [`Cleaner::clean_to_text`]; `emit` is not called then.
    ///
    /// ```
    /// use std::io::Write;
    /// use thresh::{Cleaner, Hints, RenderOptions};
    /// let mut out = Vec::new();
    /// Cleaner::default()
    ///     .clean_to_text_with(b"One.\n-\nTwo.".to_vec(), &Hints::new(), &RenderOptions::default(), &mut |piece| {
    ///         out.write_all(piece.as_bytes()).unwrap()
    ///     })
    ///     .unwrap();
    /// assert_eq!(out, b"One.\nTwo.\n");
    /// ```
    pub fn clean_to_text_with(
        &self,
        bytes: Vec<u8>,
        hints: &Hints,
        options: &RenderOptions,
        emit: &mut dyn FnMut(&str),
    ) -> Result<(), Error> {
        if self.admit(&bytes, hints, false)? {
            let parsed = self.parse_admitted(&bytes, hints, true);
            drop(bytes);
            // The text form has no language: none is detected.
            let article = self.finish(parsed, hints, false);
            let Ok(()) = render::text::pieces(&article, options, |piece| {
                emit(piece);
                Ok::<(), Infallible>(())
            });
            return Ok(());
        }
        let decoded = decode::decode(
            &bytes,
            hints.charset.as_deref(),
            false,
            hints.url.as_deref(),
        );
        emit_text_in_parts(&decoded.text, emit);
        Ok(())
    }

    /// Whether `bytes` is HTML, once it passed the checks every input
    /// passes: the size limit, binary data, and the memory budget, as a
    /// page or as text held whole (`whole_text`) or cleaned in parts.
    fn admit(&self, bytes: &[u8], hints: &Hints, whole_text: bool) -> Result<bool, Error> {
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
        if let Some(estimated) = budgets.over_memory_budget(bytes, is_html, whole_text) {
            return Err(Error::OverMemoryBudget {
                estimated,
                limit: budgets.max_memory_bytes,
            });
        }
        Ok(is_html)
    }

    /// The checks, decoding and parsing of [`Cleaner::clean`]: everything
    /// that reads `bytes`. What comes out owns its text.
    fn parse(&self, bytes: &[u8], hints: &Hints) -> Result<Parsed, Error> {
        let is_html = self.admit(bytes, hints, true)?;
        Ok(self.parse_admitted(bytes, hints, is_html))
    }

    /// [`Cleaner::parse`] after [`Cleaner::admit`] said whether `bytes` is
    /// HTML.
    fn parse_admitted(&self, bytes: &[u8], hints: &Hints, is_html: bool) -> Parsed {
        let decoded = decode::decode(
            bytes,
            hints.charset.as_deref(),
            is_html,
            hints.url.as_deref(),
        );
        let encoding = decoded.encoding.name();
        if is_html {
            let extracted = extract::extract(&decoded.text, &self.config, hints.url.as_deref());
            Parsed {
                body: Body::Page(extracted.blocks),
                metadata: extracted.metadata,
                pruned: extracted.pruned,
                verdicts: Some(extracted.verdicts),
                encoding,
            }
        } else {
            Parsed {
                body: Body::Text(clean_text(&decoded.text)),
                metadata: Metadata::default(),
                pruned: Vec::new(),
                verdicts: None,
                encoding,
            }
        }
    }

    /// The cleaning passes over what [`Cleaner::parse`] made of an input,
    /// and language detection when `detect_language`.
    fn finish(&self, parsed: Parsed, hints: &Hints, detect_language: bool) -> Article {
        let Parsed {
            body,
            mut metadata,
            pruned,
            verdicts,
            encoding,
        } = parsed;
        if metadata.url.is_none() {
            metadata.url = hints.url.clone();
        }
        let (cleaned, source) = match body {
            Body::Page(blocks) => (
                clean::run_with(blocks, clean::Origin::Html),
                SourceKind::Html,
            ),
            Body::Text(cleaned) => (cleaned, SourceKind::Text),
        };
        // What the extractor pruned comes first: it came out of the page
        // before the cleaning passes saw the rest.
        let mut removed = pruned;
        removed.extend(cleaned.removed);
        if detect_language {
            language_of(&mut metadata, &cleaned.blocks);
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
        let cleaned = clean_text(text);
        let mut metadata = Metadata::default();
        if self.config.detect_language {
            language_of(&mut metadata, &cleaned.blocks);
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

/// An input parsed into blocks, before the cleaning passes (a text is cleaned
/// as it is split into blocks): it no longer needs the input's bytes.
struct Parsed {
    body: Body,
    metadata: Metadata,
    /// What the HTML extractor pruned (nothing for text).
    pruned: Vec<Removal>,
    verdicts: Option<Verdicts>,
    /// The charset the input was decoded with.
    encoding: &'static str,
}

/// What an input's text became.
enum Body {
    /// The blocks the extractor kept of a page, to be cleaned.
    Page(Vec<Block>),
    /// A text, cleaned already: it is cleaned as it is split into blocks,
    /// a part at a time ([`clean::text`]).
    Text(Cleaned),
}

/// Text mode over all of `text`, its parts' kept blocks and removals joined.
fn clean_text(text: &str) -> Cleaned {
    let mut all = Cleaned::default();
    for part in clean::text(text, true) {
        all.blocks.extend(part.blocks);
        all.removed.extend(part.removed);
    }
    all
}

/// The text form of `text` cleaned by text mode, as [`render::text`] makes
/// it of the [`Article`], handed to `emit` as each part is cleaned.
///
/// A line is written once the layout is known: at once in a text with no
/// blank line inside, else from the first kept line after a blank one (the
/// layout is then paragraphs), the lines before it held until then. When
/// that holds more than a part's lines, the layout is read to the end
/// instead, and the text cleaned again to be written.
fn emit_text_in_parts(text: &str, emit: &mut dyn FnMut(&str)) {
    let mut layout = Layout {
        flat: !input::text::has_inner_blank_line(text),
        ..Layout::default()
    };
    let mut out = TextOut {
        emit,
        started: false,
    };
    let mut held: Vec<Block> = Vec::new();
    let mut parts = clean::text(text, false);
    while let Some(part) = parts.next() {
        if held.len() >= input::text::PART_LINES {
            // Nothing is written yet: learn the layout, then start again.
            drop(held);
            part.blocks.iter().for_each(|block| layout.add(block));
            parts.for_each(|part| part.blocks.iter().for_each(|block| layout.add(block)));
            let paragraphs = layout.paragraphs;
            for part in clean::text(text, false) {
                part.blocks
                    .iter()
                    .for_each(|block| out.block(block, paragraphs));
            }
            out.end();
            return;
        }
        for block in part.blocks {
            layout.add(&block);
            match layout.known() {
                Some(paragraphs) => {
                    held.drain(..).for_each(|held| out.block(&held, paragraphs));
                    out.block(&block, paragraphs);
                }
                None => held.push(block),
            }
        }
    }
    // The end, with the layout not known: no kept line after the first
    // had a blank line before it.
    held.iter().for_each(|block| out.block(block, false));
    out.end();
}

/// The layout of the text form, as the kept blocks are seen in order.
#[derive(Default)]
struct Layout {
    /// The text has no blank line inside: the layout is lines, whatever
    /// is kept.
    flat: bool,
    /// Whether a block was seen.
    started: bool,
    /// Whether a block after the first had a blank line before it: the
    /// layout is paragraphs.
    paragraphs: bool,
}

impl Layout {
    fn add(&mut self, block: &Block) {
        self.paragraphs |= self.started && block.gap.blank;
        self.started = true;
    }

    /// Whether the layout is paragraphs, when that is known already.
    fn known(&self) -> Option<bool> {
        if self.paragraphs {
            Some(true)
        } else if self.flat {
            Some(false)
        } else {
            None
        }
    }
}

/// Kept blocks written as the text form, to `emit`.
struct TextOut<'e> {
    emit: &'e mut dyn FnMut(&str),
    /// Whether a block was written.
    started: bool,
}

impl TextOut<'_> {
    fn block(&mut self, block: &Block, paragraphs: bool) {
        if self.started {
            (self.emit)(render::text::separator(paragraphs, block.gap));
        }
        (self.emit)(&block.text);
        self.started = true;
    }

    fn end(self) {
        if self.started {
            (self.emit)("\n");
        }
    }
}

/// Gives `metadata` the language detected from the kept `blocks` when the
/// page declares none.
fn language_of(metadata: &mut Metadata, blocks: &[Block]) {
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

#[cfg(test)]
mod text_in_parts_tests {
    use super::*;
    use crate::input::text::PART_LINES;

    /// A text of `n` numbered lines, `between(i)` written before line `i`.
    fn text_of(n: usize, between: impl Fn(usize) -> &'static str) -> String {
        (0..n)
            .map(|i| format!("{}Line {i} of a long text, with some words.\n", between(i)))
            .collect()
    }

    /// The text form through `clean_to_text`, through an [`Article`], and of
    /// all the blocks cleaned as one part; the three must agree on inputs
    /// with nothing that reaches across parts.
    fn three_ways(text: &str) -> [String; 3] {
        let cleaner = Cleaner::default();
        let streamed = cleaner
            .clean_to_text(
                text.as_bytes().to_vec(),
                &Hints::new(),
                &RenderOptions::default(),
            )
            .unwrap();
        let article = cleaner.clean_text(text).text();
        let whole = Article {
            blocks: clean::run(input::text::blocks(text)).blocks,
            ..cleaner.clean_text("")
        }
        .text();
        [streamed, article, whole]
    }

    fn assert_agree(text: &str) {
        let [streamed, article, whole] = three_ways(text);
        assert!(streamed == article, "streamed and article differ");
        assert!(article == whole, "parts and whole differ");
    }

    #[test]
    fn a_text_of_many_parts_reads_as_one() {
        let n = 3 * PART_LINES + 17;
        // Lines only: written as they come.
        let lines = text_of(n, |_| "");
        assert_agree(&lines);
        // Paragraphs from the start, separators removed across the parts.
        assert_agree(&text_of(n, |i| match i % 7 {
            0 => "\n",
            3 => "* * *\n\n",
            _ => "",
        }));
        // The one blank line at the very end: the lines before it are held
        // until it is seen, then too many, and the layout is read first.
        let late = text_of(n, |i| if i == n - 1 { "\n" } else { "" });
        let [streamed, ..] = three_ways(&late);
        assert!(streamed.ends_with(".\n\nLine 49168 of a long text, with some words.\n"));
        assert_agree(&late);
        // A blank line only before a closing widget that goes: lines.
        let closing = format!("{lines}\nLeave a Reply\nCancel reply\n");
        let [streamed, ..] = three_ways(&closing);
        assert_eq!(streamed, lines);
        assert_agree(&closing);
    }

    #[test]
    fn removed_lines_at_the_end_of_a_part_leave_their_gap_to_the_next() {
        // Part 1 ends with a separator and a blank line; the first line of
        // part 2 takes the blank line and the separator's line.
        let n = 2 * PART_LINES + 3;
        let text = text_of(n, |i| match i {
            i if i == PART_LINES => "-\n\n",
            1 => "\n",
            _ => "",
        });
        assert_agree(&text);
        let [streamed, ..] = three_ways(&text);
        assert!(streamed.contains("Line 16383 of a long text, with some words.\n\nLine 16384"));
    }

    #[test]
    fn text_out_is_the_article_text_on_short_inputs() {
        for text in [
            "",
            "\n\n",
            "One.",
            "One.\n-\nTwo.",
            "One.\n\n-\n\nTwo.\nThree.",
            "\u{feff}One.\n\nTwo.\n",
            "www.bbc.com reported, The pact was signed.\nwww.bbc.com noted, It holds.\nNo comments yet\nJoin the Discussion",
        ] {
            assert_agree(text);
        }
    }

    #[test]
    fn text_of_many_lines_is_admitted_under_a_budget_an_article_is_not() {
        let lines = "a\n".repeat(1_000_000);
        let cleaner = Cleaner::new(Config::new().max_memory_bytes(16 << 20));
        assert!(matches!(
            cleaner.clean(lines.as_bytes(), &Hints::new()),
            Err(Error::OverMemoryBudget { .. })
        ));
        let text = cleaner
            .clean_to_text(
                lines.clone().into_bytes(),
                &Hints::new(),
                &RenderOptions::default(),
            )
            .unwrap();
        assert_eq!(text, lines);
    }
}
