//! The text form (rules T2 and T4 of the text-mode contract).

use super::RenderOptions;
use crate::article::Article;

/// Renders the article's blocks as text.
///
/// If some two consecutive kept blocks had a blank line between them in the
/// input, the output is blank-line separated: a gap that held any input line
/// becomes one blank line, and a gap that held nothing stays a single newline.
/// Otherwise the output has one block per line. Non-empty output ends with one
/// newline; no content gives an empty string.
pub fn text(article: &Article, options: &RenderOptions) -> String {
    let blocks = &article.blocks;
    let mut out = String::with_capacity(blocks.iter().map(|b| b.text.len() + 2).sum());
    if options.title {
        if let Some(title) = article
            .metadata
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            out.push_str(title);
            out.push_str(if blocks.is_empty() { "\n" } else { "\n\n" });
        }
    }
    let paragraphs = blocks.iter().skip(1).any(|b| b.gap.blank);
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            if paragraphs && block.gap.lines > 0 {
                out.push('\n');
            }
        }
        out.push_str(&block.text);
    }
    if !blocks.is_empty() {
        out.push('\n');
    }
    out
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
