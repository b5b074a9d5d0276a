//! Text already scraped from a page becomes one [`Block`] per non-blank line.
//!
//! Lines end at LF, CRLF or a lone CR (rule T1); each is trimmed of Unicode
//! whitespace, NBSP included (rule T2). Blank lines are not blocks: they are
//! recorded in the next block's [`Gap`] so the renderer can keep the layout.

use crate::block::{Block, BlockKind, Gap};
use crate::clean::Part;

/// Blocks in a part of a long text: a text of fewer than twice as many
/// lines is cleaned whole. Far more than any article has, few enough that a
/// part of one-letter lines takes about 1 MB.
pub const PART_LINES: usize = 1 << 14;

/// Splits `text` into paragraph blocks, one per non-blank line.
pub fn blocks(text: &str) -> Vec<Block> {
    parts_of(text, usize::MAX)
        .next()
        .map(|(_, blocks)| blocks)
        .unwrap_or_default()
}

/// [`blocks`], a part at a time: parts of [`PART_LINES`] blocks, the last
/// one taking the rest (up to twice as many), each with where it sits. An
/// empty text is one empty part.
pub fn parts(text: &str) -> impl Iterator<Item = (Part, Vec<Block>)> + '_ {
    parts_of(text, PART_LINES)
}

/// `text` without its byte-order mark.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Number of lines of `text` that are not blank: the blocks it makes.
fn non_blank_lines(text: &str) -> usize {
    lines(text).filter(|l| !l.trim().is_empty()).count()
}

/// Whether a blank line of `text` lies between two lines that are not.
pub fn has_inner_blank_line(text: &str) -> bool {
    let (mut seen, mut blank) = (false, false);
    for line in lines(without_bom(text)) {
        if line.trim().is_empty() {
            blank = seen;
        } else if blank {
            return true;
        } else {
            seen = true;
        }
    }
    false
}

/// [`parts`] with parts of `size` blocks.
fn parts_of(text: &str, size: usize) -> impl Iterator<Item = (Part, Vec<Block>)> + '_ {
    let text = without_bom(text);
    // Counted first, so each vector is made once at its size (on short
    // lines the blocks are most of the memory) and the last part is known.
    let total = non_blank_lines(text);
    let count = (total / size).max(1);
    let mut lines = lines(text);
    (0..count).map(move |k| {
        let len = if k + 1 == count {
            total - k * size
        } else {
            size
        };
        let mut out = Vec::with_capacity(len);
        let mut gap = Gap::NONE;
        while out.len() < len {
            let Some(line) = lines.next() else { break };
            let line = line.trim();
            if line.is_empty() {
                gap.lines += 1;
                gap.blank = true;
                continue;
            }
            out.push(Block::new(BlockKind::Paragraph, line, gap));
            gap = Gap::NONE;
        }
        let part = Part {
            first: k == 0,
            last: k + 1 == count,
        };
        (part, out)
    })
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
    fn parts_split_the_blocks_and_the_last_takes_the_rest() {
        let text = "\u{feff}a\nb\n\nc\n\n \nd\ne\nf\ng\n";
        let parts: Vec<(Part, Vec<String>, Gap)> = parts_of(text, 3)
            .map(|(part, blocks)| {
                let gap = blocks[0].gap;
                (part, blocks.into_iter().map(|b| b.text).collect(), gap)
            })
            .collect();
        let first = Part {
            first: true,
            last: false,
        };
        let last = Part {
            first: false,
            last: true,
        };
        // The blank lines before a part's first line are its gap.
        let two_blank = Gap {
            lines: 2,
            blank: true,
        };
        assert_eq!(
            parts,
            [
                (first, vec!["a".into(), "b".into(), "c".into()], Gap::NONE),
                (
                    last,
                    vec!["d".into(), "e".into(), "f".into(), "g".into()],
                    two_blank
                ),
            ]
        );
        let gaps: Vec<Gap> = parts_of(text, 3)
            .flat_map(|(_, b)| b)
            .map(|b| b.gap)
            .collect();
        let whole: Vec<Gap> = blocks(text).into_iter().map(|b| b.gap).collect();
        assert_eq!(gaps, whole);
    }

    #[test]
    fn a_short_or_empty_text_is_one_whole_part() {
        for text in ["", "\n \n", "a", "a\nb"] {
            let parts: Vec<_> = parts(text).collect();
            assert_eq!(parts.len(), 1);
            assert_eq!(parts[0].0, Part::WHOLE);
        }
    }

    #[test]
    fn inner_blank_lines_are_those_between_lines() {
        assert!(has_inner_blank_line("a\n\nb"));
        assert!(has_inner_blank_line("a\r\n \u{a0}\r\nb"));
        assert!(!has_inner_blank_line("\n\na\nb\n\n"));
        assert!(!has_inner_blank_line("\u{feff}\n\na"));
        assert!(!has_inner_blank_line(""));
    }

    #[test]
    fn empty_input_has_no_blocks() {
        assert!(blocks("").is_empty());
        assert!(blocks("\n \n\r\n").is_empty());
    }
}
