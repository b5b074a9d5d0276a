//! The headline is metadata, not body: the text output prints the body
//! without it. A heading among the first blocks whose text matches the page
//! title is dropped from the blocks.
//!
//! In: blocks and the page title. Out: the blocks without the headline.

use crate::block::{Block, BlockKind};

/// How many leading blocks may hold the headline.
const LEADING: usize = 3;

/// Removes the first leading heading that repeats `title`.
pub(crate) fn drop_headline(blocks: &mut Vec<Block>, title: Option<&str>) {
    let Some(title) = title.map(fold).filter(|t| !t.is_empty()) else {
        return;
    };
    let found = blocks.iter().take(LEADING).position(|b| {
        matches!(b.kind, BlockKind::Heading(1 | 2)) && {
            let h = fold(&b.text);
            h.chars().count() >= 8 && (title.contains(&h) || h.contains(&title))
        }
    });
    if let Some(i) = found {
        let removed = blocks.remove(i);
        if let Some(next) = blocks.get_mut(i) {
            next.gap = if i == 0 { removed.gap } else { next.gap };
        }
    }
}

/// Lowercased text with runs of whitespace as one space.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn a_heading_that_repeats_the_title_goes() {
        let mut b = vec![
            Block::new(
                BlockKind::Heading(1),
                "Harbour  reopens",
                Default::default(),
            ),
            Block::paragraph("Body text."),
        ];
        drop_headline(&mut b, Some("Harbour reopens | Coast Gazette"));
        assert_eq!(texts(&b), ["Body text."]);
    }

    #[test]
    fn other_headings_stay() {
        let mut b = vec![
            Block::new(BlockKind::Heading(2), "Background", Default::default()),
            Block::paragraph("Body text."),
        ];
        drop_headline(&mut b, Some("Harbour reopens | Coast Gazette"));
        assert_eq!(b.len(), 2);
        drop_headline(&mut b, None);
        assert_eq!(b.len(), 2);
    }
}
