//! Text already scraped from a page becomes one [`Block`] per non-blank line.
//!
//! Lines end at LF, CRLF or a lone CR (rule T1); each is trimmed of Unicode
//! whitespace, NBSP included (rule T2). Blank lines are not blocks: they are
//! recorded in the next block's [`Gap`] so the renderer can keep the layout.

use crate::block::{Block, BlockKind, Gap};

/// Splits `text` into paragraph blocks, one per non-blank line.
pub fn blocks(text: &str) -> Vec<Block> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Counted first, so the vector is made once at its size: on short
    // lines the blocks are most of the memory.
    let count = lines(text).filter(|l| !l.trim().is_empty()).count();
    let mut out = Vec::with_capacity(count);
    let mut gap = Gap::NONE;
    for line in lines(text) {
        let line = line.trim();
        if line.is_empty() {
            gap.lines += 1;
            gap.blank = true;
            continue;
        }
        out.push(Block::new(BlockKind::Paragraph, line, gap));
        gap = Gap::NONE;
    }
    out
}

/// Lines split at LF, CRLF or CR.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        match memchr::memchr2(b'\n', b'\r', s.as_bytes()) {
            Some(i) => {
                let skip = if s[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&s[i + skip..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `blocks` on a few inputs.
    #[test]
    fn example_blocks() {
        use crate::input::text::blocks;
        let b = blocks("\u{feff}One\r\n\r\n  Two\u{a0}\rThree");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["One", "Two", "Three"]);
        assert!(b[1].gap.blank && !b[2].gap.blank);
    }

    #[test]
    fn line_endings_and_gaps() {
        let b = blocks("a\r\n\r\n\r\nb\rc\n \u{a0}\t\nd\n");
        let got: Vec<(&str, u32, bool)> = b
            .iter()
            .map(|b| (b.text.as_str(), b.gap.lines, b.gap.blank))
            .collect();
        assert_eq!(
            got,
            [
                ("a", 0, false),
                ("b", 2, true),
                ("c", 0, false),
                ("d", 1, true)
            ]
        );
    }

    #[test]
    fn zero_width_space_is_not_whitespace() {
        let b = blocks("\u{200b}\nx");
        assert_eq!(b[0].text, "\u{200b}");
    }

    #[test]
    fn empty_input_has_no_blocks() {
        assert!(blocks("").is_empty());
        assert!(blocks("\n \n\r\n").is_empty());
    }
}
