//! The working state the cleaning passes share: blocks, which are still kept,
//! and the removal log.

use super::lexicon::normalize;
use super::{Cleaned, Removal, Rule};
use crate::block::{Block, Gap};
use std::cell::OnceCell;

/// Blocks under cleaning. Passes remove blocks or strip prefixes through it,
/// so every change is logged.
#[derive(Debug)]
pub struct Draft {
    blocks: Vec<Block>,
    kept: Vec<bool>,
    /// The normal forms of the blocks' texts, made on first use.
    /// Kept as made: boxing would copy them into a shorter buffer.
    norms: Vec<OnceCell<Option<String>>>,
    /// Removals with the index of the block they came from.
    removals: Vec<(usize, Removal)>,
    /// Whether removals are recorded: a caller that only wants the clean
    /// text spares a copy of every removed line.
    logged: bool,
}

impl Draft {
    /// Starts cleaning `blocks`, all kept.
    pub fn new(blocks: Vec<Block>) -> Draft {
        let kept = vec![true; blocks.len()];
        let norms = (0..blocks.len()).map(|_| OnceCell::new()).collect();
        Draft {
            blocks,
            kept,
            norms,
            removals: Vec::new(),
            logged: true,
        }
    }

    /// [`Draft::new`] that records no removals: [`Cleaned::removed`] comes
    /// out empty, the kept blocks are the same.
    pub fn unlogged(blocks: Vec<Block>) -> Draft {
        Draft {
            logged: false,
            ..Draft::new(blocks)
        }
    }

    /// Number of blocks, kept or not.
    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    /// The block at `i`, kept or not.
    pub fn block(&self, i: usize) -> &Block {
        &self.blocks[i]
    }

    /// The text of the block at `i` in [`normalize`]d form (lexicon
    /// lookups), `None` when it is too long to be a phrase.
    ///
    /// Made on first use and kept until the block's text changes: several
    /// passes read the same lines. A long text is cleaned a part at a time,
    /// so what is kept is at most a part's.
    pub fn norm(&self, i: usize) -> Option<&str> {
        self.norms[i]
            .get_or_init(|| normalize(&self.blocks[i].text))
            .as_deref()
    }

    /// Whether the block at `i` is still kept.
    pub fn is_kept(&self, i: usize) -> bool {
        self.kept[i]
    }

    /// Indices of the blocks still kept, in order.
    pub fn kept(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        (0..self.blocks.len()).filter(|&i| self.kept[i])
    }

    /// Removes the block at `i` because of `rule`. Removing twice is a no-op.
    pub fn remove(&mut self, i: usize, rule: Rule) {
        if std::mem::replace(&mut self.kept[i], false) && self.logged {
            let text = self.blocks[i].text.clone();
            self.removals.push((i, Removal::new(rule, text)));
        }
    }

    /// Removes the block at `i` because of `rule`, saying why in `detail`.
    /// Removing twice is a no-op.
    pub fn remove_because(&mut self, i: usize, rule: Rule, detail: String) {
        if std::mem::replace(&mut self.kept[i], false) && self.logged {
            let text = self.blocks[i].text.clone();
            let mut removal = Removal::new(rule, text);
            removal.detail = Some(detail);
            self.removals.push((i, removal));
        }
    }

    /// Removes the first `len` bytes of the block at `i` and replaces them with
    /// nothing; `rest` becomes the block's text (it may differ from the
    /// remainder, e.g. in the case of its first letter).
    pub fn replace_prefix(&mut self, i: usize, len: usize, rest: String, rule: Rule) {
        if self.logged {
            let text = self.blocks[i].text[..len].to_string();
            self.removals.push((i, Removal::new(rule, text)));
        }
        self.blocks[i].text = rest;
        self.norms[i] = OnceCell::new();
    }

    /// Ends cleaning: the kept blocks, with the gaps of removed blocks merged
    /// into the next kept block, and the removals in block order.
    pub fn finish(self) -> Cleaned {
        self.finish_after(Gap::NONE).0
    }

    /// [`Draft::finish`] for blocks that follow others cleaned before them:
    /// `carried`, the gap left by the removed blocks at the end of those,
    /// merges into the first kept block here. Returns the gap left at the
    /// end of these blocks, for the ones after.
    pub fn finish_after(self, carried: Gap) -> (Cleaned, Gap) {
        let Draft {
            mut blocks,
            kept,
            norms: _,
            removals,
            logged: _,
        } = self;
        // The gap since the last kept block, with the lines of the removed
        // blocks in it. Blocks are dropped in place: no second vector.
        let mut pending = carried;
        let mut kept = kept.into_iter();
        blocks.retain_mut(|block| {
            let keep = kept.next().unwrap_or(true);
            if keep {
                block.gap = pending.merge(block.gap);
                pending = Gap::NONE;
            } else {
                pending = pending.merge(block.gap);
                pending.lines += block.line_count();
            }
            keep
        });
        let mut removals = removals;
        removals.sort_by_key(|(i, _)| *i);
        let cleaned = Cleaned {
            blocks,
            removed: removals.into_iter().map(|(_, r)| r).collect(),
        };
        (cleaned, pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::{BlockKind, Gap};

    proptest::proptest! {
        /// `Block::line_count`, which the gaps of removed blocks add up,
        /// counts the newlines as the standard char search does.
        #[test]
        fn lines_are_counted_as_by_the_char_search(text in "[a\n\r é中]{0,40}") {
            let block = Block::paragraph(text.as_str());
            proptest::prop_assert_eq!(block.line_count(), 1 + text.matches('\n').count() as u32);
        }
    }

    #[test]
    fn removed_gaps_merge_into_the_next_kept_block() {
        let g = |lines, blank| Gap { lines, blank };
        let blocks = vec![
            Block::new(BlockKind::Paragraph, "a", g(0, false)),
            Block::new(BlockKind::Paragraph, "-", g(0, false)),
            Block::new(BlockKind::Paragraph, "b", g(0, false)),
            Block::new(BlockKind::Paragraph, "-", g(1, true)),
            Block::new(BlockKind::Paragraph, "c", g(0, false)),
            Block::new(BlockKind::Paragraph, "d", g(0, false)),
        ];
        let mut d = Draft::new(blocks);
        d.remove(3, Rule::Separator);
        d.remove(1, Rule::Separator);
        let c = d.finish();
        let gaps: Vec<Gap> = c.blocks.iter().map(|b| b.gap).collect();
        assert_eq!(gaps, [g(0, false), g(1, false), g(2, true), g(0, false)]);
        assert_eq!(c.removed.len(), 2);
    }
}
