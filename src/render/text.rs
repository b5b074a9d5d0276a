//! The text form (rules T2 and T4 of the text-mode contract).

use super::RenderOptions;
use crate::article::Article;
use crate::block::Gap;
use std::convert::Infallible;
use std::io::{self, Write};

/// Renders the article's blocks as text.
///
/// If some two consecutive kept blocks had a blank line between them in the
/// input, the output is blank-line separated: a gap that held any input line
/// becomes one blank line, and a gap that held nothing stays a single newline.
/// Otherwise the output has one block per line. Non-empty output ends with one
/// newline; no content gives an empty string.
pub fn text(article: &Article, options: &RenderOptions) -> String {
    let mut out = String::with_capacity(article.blocks.iter().map(|b| b.text.len() + 2).sum());
    let Ok(()) = pieces(article, options, |piece| {
        out.push_str(piece);
        Ok::<(), Infallible>(())
    });
    out
}

/// [`text`], written to `out` piece by piece: the output of a long input is
/// never held whole in memory.
///
/// # Errors
/// The first error writing to `out`.
pub fn write_text(
    article: &Article,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    pieces(article, options, |piece| out.write_all(piece.as_bytes()))
}

/// The text form of `article` as the pieces [`text`] joins, each passed to
/// `emit` in order; stops at the first error `emit` returns.
pub(crate) fn pieces<E>(
    article: &Article,
    options: &RenderOptions,
    mut emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let blocks = &article.blocks;
    if options.title {
        if let Some(title) = article
            .metadata
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            emit(title)?;
            emit(if blocks.is_empty() { "\n" } else { "\n\n" })?;
        }
    }
    let paragraphs = blocks.iter().skip(1).any(|b| b.gap.blank);
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            emit(separator(paragraphs, block.gap))?;
        }
        emit(&block.text)?;
    }
    if !blocks.is_empty() {
        emit("\n")?;
    }
    Ok(())
}

/// What goes before a kept block, not the first, `gap` after the one
/// before it: a blank line when the text is laid out in `paragraphs` (some
/// kept block, not the first, had a blank line before it) and any line was
/// between the two, else a newline.
pub(crate) fn separator(paragraphs: bool, gap: Gap) -> &'static str {
    if paragraphs && gap.lines > 0 {
        "\n\n"
    } else {
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use crate::Cleaner;

    fn clean(s: &str) -> String {
        Cleaner::default().clean_text(s).text()
    }

    #[test]
    fn one_paragraph_per_line_without_blank_lines() {
        assert_eq!(clean("a\n-\nb\nc"), "a\nb\nc\n");
    }

    #[test]
    fn blank_line_layout_is_kept_and_removed_lines_become_gaps() {
        assert_eq!(clean("a\n\n\n\nb\n-\nc\nd\n"), "a\n\nb\n\nc\nd\n");
    }

    #[test]
    fn nothing_left_is_empty() {
        assert_eq!(clean(" \n-\n***\n"), "");
        assert_eq!(clean(""), "");
    }
}
