//! Every block's text in [`normalize`](super::lexicon::normalize)d form, for the lexicon lookups of
//! the cleaning passes, kept in one buffer: a line costs eight bytes and
//! its normal form, not a `String` of its own.

use super::lexicon::{normalize_into, MAX_PHRASE_BYTES};
use crate::block::Block;
use std::collections::HashMap;

/// The length that marks a block with no normal form in [`Norms`].
const NONE: u32 = u32::MAX;

/// The normal forms of a draft's blocks, by block index.
#[derive(Debug)]
pub struct Norms {
    buffer: String,
    /// Each block's normal form as `(start, length)` in `buffer`; a length
    /// of [`NONE`] when it has none or it is in `apart`.
    spans: Vec<(u32, u32)>,
    /// Normal forms of texts changed since (a prefix stripped), and any
    /// that would not fit in `u32` offsets.
    apart: HashMap<usize, Option<String>>,
    /// Room for [`Norms::set`] to normalise a text in.
    scratch: String,
}

impl Norms {
    /// The normal forms of `blocks`.
    pub fn new(blocks: &[Block]) -> Norms {
        // Lines longer than a phrase have no normal form.
        let room = blocks
            .iter()
            .map(|b| b.text.len())
            .filter(|&len| len <= MAX_PHRASE_BYTES)
            .sum();
        let mut norms = Norms {
            buffer: String::with_capacity(room),
            spans: Vec::with_capacity(blocks.len()),
            apart: HashMap::new(),
            scratch: String::new(),
        };
        for (i, block) in blocks.iter().enumerate() {
            let start = norms.buffer.len();
            let span = if normalize_into(&block.text, &mut norms.buffer) {
                let end = norms.buffer.len();
                match (u32::try_from(start), u32::try_from(end)) {
                    (Ok(s), Ok(e)) if e < NONE => (s, e - s),
                    _ => {
                        let norm = norms.buffer[start..].to_string();
                        norms.buffer.truncate(start);
                        norms.apart.insert(i, Some(norm));
                        (0, NONE)
                    }
                }
            } else {
                (0, NONE)
            };
            norms.spans.push(span);
        }
        norms
    }

    /// The normal form of block `i`, `None` when it has none.
    pub fn get(&self, i: usize) -> Option<&str> {
        if !self.apart.is_empty() {
            if let Some(norm) = self.apart.get(&i) {
                return norm.as_deref();
            }
        }
        let (start, len) = self.spans[i];
        (len != NONE).then(|| &self.buffer[start as usize..(start + len) as usize])
    }

    /// Block `i` now reads `text`.
    pub fn set(&mut self, i: usize, text: &str) {
        self.scratch.clear();
        if !normalize_into(text, &mut self.scratch) {
            self.spans[i] = (0, NONE);
            self.apart.remove(&i);
            return;
        }
        // A stripped prefix mostly leaves the end of the old normal form:
        // pointing at it costs nothing, a copy a string per changed line.
        let (start, len) = self.spans[i];
        if len != NONE {
            let old = &self.buffer[start as usize..(start + len) as usize];
            if old.ends_with(self.scratch.as_str()) {
                let new_len = self.scratch.len() as u32;
                self.spans[i] = (start + len - new_len, new_len);
                self.apart.remove(&i);
                return;
            }
        }
        self.apart.insert(i, Some(self.scratch.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_forms_by_block_and_after_a_change() {
        let blocks: Vec<Block> = ["27 Comments", "* * *", "Reply"]
            .into_iter()
            .map(Block::paragraph)
            .collect();
        let mut norms = Norms::new(&blocks);
        assert_eq!(norms.get(0), Some("# comments"));
        assert_eq!(norms.get(1), None);
        assert_eq!(norms.get(2), Some("reply"));
        norms.set(0, "Share");
        assert_eq!(norms.get(0), Some("share"));
        assert_eq!(norms.get(2), Some("reply"));
    }
}
