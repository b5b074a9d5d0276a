//! The unit every stage after parsing works on: a paragraph-level [`Block`].
//!
//! HTML and text inputs both become a sequence of blocks; the cleaning passes
//! and the renderers never look at where a block came from.

use serde::Serialize;

/// What a block is, as far as layout is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BlockKind {
    /// Running prose, or a line of plain text.
    Paragraph,
    /// A heading, with its level from 1 to 6.
    Heading(u8),
    /// One item of a list; `ordered` lists number their items when rendered.
    ListItem {
        /// Whether the list is numbered (`<ol>`).
        ordered: bool,
    },
    /// A block quotation.
    Quote,
    /// Preformatted text or code; inner whitespace and newlines are kept.
    Code,
    /// One row of a table; cells are separated by tabs in [`Block::text`].
    TableRow {
        /// Whether the row is a header row (`<th>` cells or `<thead>`).
        header: bool,
    },
    /// A figure or table caption.
    Caption,
}

/// How a block sits relative to the block before it in the input.
///
/// The text renderer uses this to keep the input's paragraph layout (rule T4 of
/// the text-mode contract): when blocks between two kept blocks are removed,
/// their gaps merge into the next kept block's gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Gap {
    /// Number of input lines between the previous block and this one.
    pub lines: u32,
    /// Whether at least one of those lines was blank.
    pub blank: bool,
}

impl Gap {
    /// No line at all between the two blocks.
    pub const NONE: Gap = Gap {
        lines: 0,
        blank: false,
    };
    /// One blank line between the two blocks: a paragraph break.
    pub const PARAGRAPH: Gap = Gap {
        lines: 1,
        blank: true,
    };

    /// The gap `self` followed by the gap `next`, as one: what separates two
    /// blocks once everything between them is gone. The lines of a removed
    /// block itself are added by the caller.
    pub fn merge(self, next: Gap) -> Gap {
        Gap {
            lines: self.lines + next.lines,
            blank: self.blank || next.blank,
        }
    }
}

/// A paragraph-level unit of content: its kind, its text and its place in the
/// input's layout.
///
/// ```
/// use thresh::{Block, BlockKind};
/// let b = Block::paragraph("Hello, world.");
/// assert_eq!(b.kind, BlockKind::Paragraph);
/// assert_eq!(b.text, "Hello, world.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's text: one line, except for [`BlockKind::Code`].
    pub text: String,
    /// Its separation from the previous block in the input.
    #[serde(skip)]
    pub gap: Gap,
}

impl Block {
    /// A paragraph block with no gap before it.
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::new(BlockKind::Paragraph, text, Gap::NONE)
    }

    /// A block of any kind.
    pub fn new(kind: BlockKind, text: impl Into<String>, gap: Gap) -> Block {
        Block {
            kind,
            text: text.into(),
            gap,
        }
    }

    /// Number of input lines this block spans (code blocks may span several).
    pub fn line_count(&self) -> u32 {
        // By memchr: most blocks are one line, and the standard char
        // searcher costs more to set up than such a line takes to read.
        1 + memchr::memchr_iter(b'\n', self.text.as_bytes()).count() as u32
    }
}
