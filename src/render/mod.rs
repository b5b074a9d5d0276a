//! Stage 4: an [`Article`] to output bytes. Renderers only read the article;
//! adding one never touches the cleaning passes.

mod group;
mod html;
mod json;
mod markdown;
pub(crate) mod text;

pub use html::html;
pub use json::json;
pub use markdown::markdown;
pub use text::{text, write_text};

use crate::article::Article;
use std::io::{self, Write};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// Clean text (the text-mode contract's output form).
    #[default]
    Text,
    /// One JSON object: `text`, `title`, `language`, `removed` and metadata.
    Json,
    /// Markdown: headings, lists, GFM tables, code fences, quotes.
    Markdown,
    /// The clean article as minimal HTML: one `<article>` element.
    Html,
}

/// Options shared by the renderers.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Put the title on the first line of text output, when known.
    pub title: bool,
}

impl RenderOptions {
    /// Sets [`RenderOptions::title`].
    pub fn title(mut self, yes: bool) -> RenderOptions {
        self.title = yes;
        self
    }
}

/// Renders `article` in `format`.
///
/// ```
/// use thresh::render::{render, Format, RenderOptions};
/// let article = thresh::Cleaner::default().clean_text("One.\n-\nTwo.");
/// let json = render(&article, Format::Json, &RenderOptions::default());
/// assert!(json.starts_with('{') && json.contains("\"separator\""));
/// ```
pub fn render(article: &Article, format: Format, options: &RenderOptions) -> String {
    match format {
        Format::Text => text(article, options),
        Format::Json => json(article, options),
        Format::Markdown => markdown(article, options),
        Format::Html => html(article, options),
    }
}

/// [`render`], written to `out`. Text is written as it is made, so that a
/// long article is not held in memory twice; the other formats are
/// rendered whole, then written.
///
/// # Errors
/// The first error writing to `out`.
///
/// ```
/// use thresh::render::{render_to, Format, RenderOptions};
/// let article = thresh::Cleaner::default().clean_text("One.\n-\nTwo.");
/// let mut out = Vec::new();
/// render_to(&article, Format::Text, &RenderOptions::default(), &mut out).unwrap();
/// assert_eq!(out, b"One.\nTwo.\n");
/// ```
pub fn render_to(
    article: &Article,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => write_text(article, options, out),
        _ => out.write_all(render(article, format, options).as_bytes()),
    }
}
