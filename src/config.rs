//! What a [`Cleaner`](crate::Cleaner) is told: its [`Config`] (fixed for the
//! cleaner's life) and the per-input [`Hints`].

/// Which parser an input goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputKind {
    /// Decide from the file extension and the content (the default).
    #[default]
    Auto,
    /// An HTML page: the main content is extracted first.
    Html,
    /// Text already pulled out of a page: one paragraph per line.
    Text,
}

impl InputKind {
    /// The kind a file name says, from its extension (`.gz` aside): HTML
    /// for `.html`, `.htm`, `.php`..., text for `.txt`, `.text`, `.md`;
    /// `None` when it says neither.
    ///
    /// ```
    /// use thresh::InputKind;
    /// assert_eq!(InputKind::from_file_name("a/page.HTM.gz"), Some(InputKind::Html));
    /// assert_eq!(InputKind::from_file_name("notes.txt"), Some(InputKind::Text));
    /// assert_eq!(InputKind::from_file_name("dump"), None);
    /// ```
    pub fn from_file_name(name: &str) -> Option<InputKind> {
        crate::sniff::kind_from_name(name)
    }
}

/// Resource limits. An input over a limit gives a clear result, never a hang.
///
/// ```
/// use thresh::Budgets;
/// let b = Budgets::default();
/// assert_eq!(b.max_input_bytes, 64 * 1024 * 1024);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Budgets {
    /// Largest input accepted, in bytes. Default: 64 MiB.
    pub max_input_bytes: usize,
    /// Deepest element nesting the HTML parser is given; deeper markup is
    /// flattened before parsing: tags opening elements past this depth are
    /// dropped with their end tags (block-level ones become line breaks),
    /// their text is kept. Guards html5ever's tree building, which is
    /// quadratic in depth. Default: 256.
    pub max_depth: usize,
    /// Most DOM nodes (tags, comments and text runs, counted by a linear
    /// pre-scan) an HTML page may have before extraction falls back to plain
    /// visible text: the page is not parsed, its text becomes one block per
    /// block-level element, and no metadata is extracted. Bounds memory.
    /// Default: 2,000,000.
    pub max_nodes: usize,
    /// Most formatting elements (`<b>`, `<font>`, `<i>`...) left open at
    /// once outside a table cell. The HTML parser re-opens every unclosed
    /// formatting element in each new paragraph, so `<p><b a=1>`, `<p><b
    /// a=2>`... builds a number of nodes quadratic in the page's length;
    /// start tags past this many open formatting elements are dropped (their
    /// text is kept). Default: 32.
    pub max_formatting: usize,
    /// Most attributes kept on one element; the rest are dropped before
    /// parsing (the parser's duplicate-attribute check is quadratic).
    /// Default: 512.
    pub max_attributes: usize,
    /// Most memory cleaning one input may take, in bytes, as estimated
    /// before it starts ([`Budgets::estimated_memory`]); an input over it is
    /// refused ([`Error::OverMemoryBudget`](crate::Error)). Rust cannot
    /// refuse an allocation halfway, so the budget is checked on an estimate
    /// made from counts that bound the work (lines of text, tags of HTML).
    /// Default: 1 GiB.
    pub max_memory_bytes: usize,
}

impl Default for Budgets {
    fn default() -> Self {
        Budgets {
            max_input_bytes: 64 * 1024 * 1024,
            max_depth: 256,
            max_nodes: 2_000_000,
            max_formatting: 32,
            max_attributes: 512,
            max_memory_bytes: 1 << 30,
        }
    }
}

/// Bytes one line of text takes once it is a block being cleaned: the
/// block and its string (72) and the passes' per-line marks (2), rounded
/// up.
const BYTES_PER_LINE: usize = 80;
/// Bytes one tag of HTML takes once parsed into the document tree.
const BYTES_PER_TAG: usize = 220;

impl Budgets {
    /// The memory cleaning `bytes` into an [`Article`](crate::Article)
    /// takes at most, roughly: a few copies of the input, and per line of
    /// text (or per tag of HTML, at most [`Budgets::max_nodes`] of them) the
    /// block (or tree node) it becomes. Text cleaned straight to its text
    /// form ([`Cleaner::clean_to_text`](crate::Cleaner::clean_to_text))
    /// holds the blocks of one part only, and is estimated so.
    /// Measured on the release build (peak RSS of the whole process,
    /// `scripts/text_memory.sh`): 10 MB of `a\n` lines take 378 MB
    /// (estimate 440 MB), 10 MB of scraped text 28 MB (estimate 46 MB),
    /// 6.3 MB of `<span>w</span>` 195 MB (estimate 223 MB).
    ///
    /// ```
    /// use thresh::Budgets;
    /// let b = Budgets::default();
    /// assert!(b.estimated_memory(&b"a\n".repeat(5_000_000), false) > 378_000_000);
    /// assert!(b.estimated_memory(b"<p>A short page.</p>", true) < 1000);
    /// ```
    pub fn estimated_memory(&self, bytes: &[u8], html: bool) -> usize {
        let copies = bytes.len().saturating_mul(4);
        let units = if html {
            memchr::memchr_iter(b'<', bytes).count().min(self.max_nodes) * BYTES_PER_TAG
        } else {
            memchr::memchr2_iter(b'\n', b'\r', bytes).count() * BYTES_PER_LINE
        };
        copies.saturating_add(units)
    }

    /// The estimate, when cleaning `bytes` is over
    /// [`Budgets::max_memory_bytes`]: [`Budgets::estimated_memory`], or, for
    /// a text cleaned a part at a time (`whole_text` false),
    /// [`Budgets::estimated_memory_in_parts`]. Counting the tags or lines
    /// reads every byte, so it is skipped when the input would fit even
    /// with one tag or line per byte, as every page of ordinary size does.
    pub(crate) fn over_memory_budget(
        &self,
        bytes: &[u8],
        html: bool,
        whole_text: bool,
    ) -> Option<usize> {
        let most_units = if html {
            bytes
                .len()
                .min(self.max_nodes)
                .saturating_mul(BYTES_PER_TAG)
        } else if whole_text {
            bytes.len().saturating_mul(BYTES_PER_LINE)
        } else {
            bytes.len().min(2 * crate::input::text::PART_LINES) * BYTES_PER_LINE
        };
        if bytes.len().saturating_mul(4).saturating_add(most_units) <= self.max_memory_bytes {
            return None;
        }
        let estimated = if html || whole_text {
            self.estimated_memory(bytes, html)
        } else {
            self.estimated_memory_in_parts(bytes)
        };
        (estimated > self.max_memory_bytes).then_some(estimated)
    }

    /// [`Budgets::estimated_memory`] of a text cleaned and rendered a part
    /// at a time ([`Cleaner::clean_to_text`](crate::Cleaner::clean_to_text)):
    /// the input, its decoded copy and the output, and the blocks of the
    /// largest part.
    pub(crate) fn estimated_memory_in_parts(&self, bytes: &[u8]) -> usize {
        let lines = memchr::memchr2_iter(b'\n', b'\r', bytes).count();
        let part = lines.min(2 * crate::input::text::PART_LINES);
        bytes
            .len()
            .saturating_mul(3)
            .saturating_add(part * BYTES_PER_LINE)
    }
}

/// How a [`Cleaner`](crate::Cleaner) behaves. Built once, shared by all inputs.
///
/// ```
/// use thresh::{Config, InputKind};
/// let config = Config::new().input_kind(InputKind::Text).max_input_bytes(1 << 20);
/// assert_eq!(config.budgets.max_input_bytes, 1 << 20);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// Which parser inputs go through. Default: [`InputKind::Auto`].
    pub input_kind: InputKind,
    /// Resource limits.
    pub budgets: Budgets,
    /// Keep the captions of pictures and tables in HTML pages. By default
    /// they go (they describe a picture the clean text does not show),
    /// unless they make up a tenth or more of the page's text. Default: false.
    pub keep_captions: bool,
    /// Whether the language of an input that declares none (every text
    /// input, pages without `lang`) is detected from its text. Costs about
    /// 0.1 ms per input, whatever its length (a fifth of the time of a 10 KB
    /// text). Default: on.
    pub detect_language: bool,
    /// Give the HTML parser every byte of a page. By default the bodies of
    /// scripts, styles, inline SVG and comments are blanked first
    /// (the pre-pass), which changes no
    /// output and spares the parser about half of a news page; this turns
    /// that off, to check the claim. Default: false.
    pub full_parse: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            input_kind: InputKind::default(),
            budgets: Budgets::default(),
            keep_captions: false,
            detect_language: true,
            full_parse: false,
        }
    }
}

impl Config {
    /// The default configuration.
    pub fn new() -> Config {
        Config::default()
    }

    /// Forces HTML or text parsing instead of detecting it.
    pub fn input_kind(mut self, kind: InputKind) -> Config {
        self.input_kind = kind;
        self
    }

    /// Keeps or drops the captions of pictures and tables
    /// ([`Config::keep_captions`]).
    pub fn keep_captions(mut self, keep: bool) -> Config {
        self.keep_captions = keep;
        self
    }

    /// Sets [`Config::detect_language`].
    ///
    /// ```
    /// use thresh::{Cleaner, Config};
    /// let french = "Le gouvernement a présenté mercredi son projet de loi sur les retraites.";
    /// let on = Cleaner::default().clean_text(french);
    /// assert_eq!(on.metadata.language.as_deref(), Some("fr"));
    /// let off = Cleaner::new(Config::new().detect_language(false)).clean_text(french);
    /// assert_eq!(off.metadata.language, None);
    /// ```
    pub fn detect_language(mut self, yes: bool) -> Config {
        self.detect_language = yes;
        self
    }

    /// Turns the pre-pass off or on ([`Config::full_parse`]).
    pub fn full_parse(mut self, full: bool) -> Config {
        self.full_parse = full;
        self
    }

    /// Sets [`Budgets::max_input_bytes`].
    pub fn max_input_bytes(mut self, limit: usize) -> Config {
        self.budgets.max_input_bytes = limit;
        self
    }

    /// Sets [`Budgets::max_depth`].
    pub fn max_depth(mut self, limit: usize) -> Config {
        self.budgets.max_depth = limit;
        self
    }

    /// Sets [`Budgets::max_nodes`].
    pub fn max_nodes(mut self, limit: usize) -> Config {
        self.budgets.max_nodes = limit;
        self
    }

    /// Sets [`Budgets::max_formatting`].
    pub fn max_formatting(mut self, limit: usize) -> Config {
        self.budgets.max_formatting = limit;
        self
    }

    /// Sets [`Budgets::max_memory_bytes`].
    pub fn max_memory_bytes(mut self, limit: usize) -> Config {
        self.budgets.max_memory_bytes = limit;
        self
    }

    /// Sets [`Budgets::max_attributes`].
    pub fn max_attributes(mut self, limit: usize) -> Config {
        self.budgets.max_attributes = limit;
        self
    }
}

/// What the caller knows about one input. All fields are optional.
///
/// ```
/// use thresh::Hints;
/// let hints = Hints::new().charset("text/html; charset=windows-1251").url("https://example.ru/a");
/// assert_eq!(hints.url.as_deref(), Some("https://example.ru/a"));
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Hints {
    /// A charset label (`"windows-1251"`) or an HTTP `Content-Type` value
    /// (`"text/html; charset=windows-1251"`). Overrides `<meta charset>`.
    pub charset: Option<String>,
    /// The page's URL: its top-level domain helps charset detection.
    pub url: Option<String>,
    /// The input's file name, whose extension helps tell HTML from text.
    pub file_name: Option<String>,
}

impl Hints {
    /// No hints.
    pub fn new() -> Hints {
        Hints::default()
    }

    /// Sets [`Hints::charset`].
    pub fn charset(mut self, charset: impl Into<String>) -> Hints {
        self.charset = Some(charset.into());
        self
    }

    /// Sets [`Hints::url`].
    pub fn url(mut self, url: impl Into<String>) -> Hints {
        self.url = Some(url.into());
        self
    }

    /// Sets [`Hints::file_name`].
    pub fn file_name(mut self, name: impl Into<String>) -> Hints {
        self.file_name = Some(name.into());
        self
    }

    /// Whether `label` names a charset [`Hints::charset`] understands: a
    /// label such as `"windows-1251"` or a `Content-Type` value with a
    /// `charset=` parameter.
    ///
    /// ```
    /// use thresh::Hints;
    /// assert!(Hints::charset_is_known("text/html; charset=ISO-8859-1"));
    /// assert!(!Hints::charset_is_known("klingon"));
    /// ```
    pub fn charset_is_known(label: &str) -> bool {
        crate::decode::encoding_for_declared(label).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut that skips counting must refuse exactly the inputs the
    /// full estimate refuses, at every limit around the estimate.
    #[test]
    fn the_budget_check_without_counting_refuses_what_the_estimate_refuses() {
        let inputs: [(&[u8], bool); 3] = [
            (&b"<p>x</p>".repeat(2_000), true),
            (&b"a\n".repeat(40_000), false),
            (&b"a line of text\n".repeat(3_000), false),
        ];
        for (bytes, html) in inputs {
            for whole_text in [true, false] {
                let at = |limit: usize| Budgets {
                    max_memory_bytes: limit,
                    ..Budgets::default()
                };
                let estimated = if html || whole_text {
                    at(0).estimated_memory(bytes, html)
                } else {
                    at(0).estimated_memory_in_parts(bytes)
                };
                for limit in [0, estimated - 1, estimated, estimated + 1, 1 << 40] {
                    let refused = at(limit).over_memory_budget(bytes, html, whole_text);
                    let expected = (estimated > limit).then_some(estimated);
                    assert_eq!(
                        refused, expected,
                        "limit {limit}, html {html}, whole {whole_text}"
                    );
                }
            }
        }
    }
}
