//! Captions are not the article's prose: the text under a picture
//! (`figcaption`) or over a table (`caption`) describes the picture, not the
//! story, and readers of the clean text never see the picture. They go,
//! unless the page is told by its pictures: when captions make up
//! [`CARRIED_SHARE`] or more of the extracted text (a how-to whose steps are
//! the captions of its photos, a photo essay), they are the content and stay.
//!
//! A caption is marked by the page (`figcaption`, `caption`) or by its
//! place: the short text that follows a picture inside the smallest box
//! holding both, with no text before the picture ([`picture_captions`]).
//!
//! In: the extracted blocks. Out: the blocks without captions, and a
//! [`Removal`] for each caption dropped.

use super::dom::{Dom, Ix, Tag};
use super::stats::Stats;
use crate::block::{Block, BlockKind, Gap};
use crate::clean::{Removal, Rule};

/// The text under a picture in its box is a caption up to this many
/// visible characters; a longer one is prose beside a picture. (120 and 300
/// did no better on the dev sets' halves.)
const MAX_CAPTION_CHARS: u32 = 200;

/// The boxes under `roots` that hold a picture and, after it, only a short
/// text: for each image, the nearest kept block ancestor with text, when
/// that text is short and none of it comes before the image. Sorted.
///
/// Linear in the page plus the depth of each image: what lies between an
/// image and a text is counted from running sums, never walked.
pub(crate) fn picture_captions(
    dom: &Dom,
    removed: &[bool],
    stats: &Stats,
    roots: &[Ix],
) -> Vec<Ix> {
    let mut boxes = Vec::new();
    let has_img = roots
        .iter()
        .any(|&r| (r..dom.node(r).end).any(|i| dom.node(i).tag == Tag::Img));
    if !has_img {
        return boxes;
    }
    let runs = Runs::of(dom, removed);
    for &root in roots {
        for img in root..dom.node(root).end {
            if dom.node(img).tag != Tag::Img {
                continue;
            }
            let Some(holder) = dom
                .ancestors(img)
                .take_while(|&a| a != root && dom.contains(root, a))
                .find(|&a| stats.text[a as usize] > 0)
            else {
                continue;
            };
            let h = holder as usize;
            let hidden_in_chaff = dom
                .ancestors(img)
                .take_while(|&a| a != holder)
                .any(|a| removed[a as usize] && dom.node(a).tag != Tag::Invisible);
            if hidden_in_chaff
                || removed[h]
                || stats.text[h] > MAX_CAPTION_CHARS
                || !dom.node(holder).tag.is_block()
                || runs.shown_between(holder + 1, img) > 0
            {
                continue;
            }
            // Text flowing on from the picture in the same line is a
            // paragraph with a picture set into it; a caption sits on a line
            // of its own, after a `<br>` or in a block of its own.
            let first = runs.next_shown[img as usize + 1];
            if first >= dom.node(holder).end {
                continue;
            }
            let own_line = runs.brs_between(img + 1, first) > 0
                || dom
                    .ancestors(first)
                    .take_while(|&a| a != holder)
                    .any(|a| dom.node(a).tag.is_block());
            if own_line {
                boxes.push(holder);
            }
        }
    }
    boxes.sort_unstable();
    boxes.dedup();
    boxes
}

/// Running sums over the pre-order array: shown text nodes and `<br>`s
/// before each node, and the next shown text node from each.
struct Runs {
    shown_before: Vec<u32>,
    brs_before: Vec<u32>,
    /// The first shown text node at or after each index (`Ix::MAX`: none);
    /// one longer than the page.
    next_shown: Vec<Ix>,
}

impl Runs {
    fn of(dom: &Dom, removed: &[bool]) -> Runs {
        let n = dom.len();
        let shown = |i: usize| dom.nodes[i].tag == Tag::Text && !removed[i] && dom.chars[i] > 0;
        let mut shown_before = Vec::with_capacity(n + 1);
        let mut brs_before = Vec::with_capacity(n + 1);
        let (mut texts, mut brs) = (0u32, 0u32);
        for i in 0..n {
            shown_before.push(texts);
            brs_before.push(brs);
            texts += u32::from(shown(i));
            brs += u32::from(dom.nodes[i].tag == Tag::Br);
        }
        shown_before.push(texts);
        brs_before.push(brs);
        let mut next_shown = vec![Ix::MAX; n + 1];
        for i in (0..n).rev() {
            next_shown[i] = if shown(i) { i as Ix } else { next_shown[i + 1] };
        }
        Runs {
            shown_before,
            brs_before,
            next_shown,
        }
    }

    /// Shown text nodes in `from..to`.
    fn shown_between(&self, from: Ix, to: Ix) -> u32 {
        if from >= to {
            return 0;
        }
        self.shown_before[to as usize] - self.shown_before[from as usize]
    }

    /// `<br>`s in `from..to`.
    fn brs_between(&self, from: Ix, to: Ix) -> u32 {
        if from >= to {
            return 0;
        }
        self.brs_before[to as usize] - self.brs_before[from as usize]
    }
}

/// Share of the extracted text (in bytes) from which captions carry the
/// page and are kept.
const CARRIED_SHARE: f64 = 0.10;

/// Drops the caption blocks of `blocks` unless they carry the page, and
/// records each one dropped in `removed`.
pub(crate) fn drop_captions(blocks: &mut Vec<Block>, removed: &mut Vec<Removal>) {
    let captions: usize = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Caption)
        .map(|b| b.text.len())
        .sum();
    if captions == 0 {
        return;
    }
    let all: usize = blocks.iter().map(|b| b.text.len()).sum();
    if captions as f64 >= CARRIED_SHARE * all as f64 {
        return;
    }
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut pending_gap = None;
    for mut b in blocks.drain(..) {
        if b.kind == BlockKind::Caption {
            pending_gap = Some(pending_gap.map_or(b.gap, |g: Gap| g.merge(b.gap)));
            removed.push(Removal::new(Rule::Caption, b.text));
            continue;
        }
        if let Some(g) = pending_gap.take() {
            b.gap = g.merge(b.gap);
        }
        kept.push(b);
    }
    *blocks = kept;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tree::Document;

    #[test]
    fn running_sums_count_what_lies_between_nodes() {
        let doc = Document::parse("<body><p>One<br>two</p><img><p></p><p>three</p></body>");
        let dom = Dom::new(&doc);
        let removed = vec![false; dom.len()];
        let runs = Runs::of(&dom, &removed);
        let text: Vec<Ix> = (0..dom.len() as Ix)
            .filter(|&i| dom.node(i).tag == Tag::Text)
            .collect();
        let img = (0..dom.len() as Ix)
            .find(|&i| dom.node(i).tag == Tag::Img)
            .unwrap();
        assert_eq!(text.len(), 3);
        assert_eq!(runs.shown_between(0, dom.len() as Ix), 3);
        assert_eq!(runs.shown_between(text[0], text[1]), 1);
        assert_eq!(runs.shown_between(text[1], text[0]), 0);
        assert_eq!(runs.brs_between(text[0], text[1]), 1);
        assert_eq!(runs.brs_between(text[1], text[2]), 0);
        assert_eq!(runs.next_shown[img as usize], text[2]);
        assert_eq!(runs.next_shown[text[2] as usize + 1], Ix::MAX);
    }

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    fn caption(text: &str) -> Block {
        Block::new(BlockKind::Caption, text, Default::default())
    }

    #[test]
    fn captions_of_an_illustrated_story_go_and_are_explained() {
        let story = "The harbour reopened on Monday after a storm closed it for a week, \
                     and the first ferries left at dawn with a full load of cars.";
        let mut blocks = vec![
            Block::paragraph(story),
            caption("Boats in the harbour at dawn."),
            Block::paragraph(story),
            Block::paragraph(story),
        ];
        let mut removed = Vec::new();
        drop_captions(&mut blocks, &mut removed);
        assert_eq!(texts(&blocks), [story, story, story]);
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].rule, Rule::Caption);
        assert_eq!(removed[0].text, "Boats in the harbour at dawn.");
    }

    #[test]
    fn captions_that_carry_the_page_stay() {
        // A how-to: each step is a photo and its caption.
        let mut blocks = vec![
            Block::paragraph("Make a terrarium in an afternoon."),
            caption("Fill the glass cloche with a layer of small stones."),
            caption("Dig a hole in the foam for the orchid's roots."),
            caption("Set the orchid in the hole and press the foam around it."),
        ];
        let mut removed = Vec::new();
        drop_captions(&mut blocks, &mut removed);
        assert_eq!(blocks.len(), 4);
        assert!(removed.is_empty());
    }

    #[test]
    fn a_dropped_caption_passes_its_gap_on() {
        let long =
            "A paragraph of the story, long enough that one caption is a small share of it. "
                .repeat(3);
        let mut blocks = vec![
            Block::paragraph(long.as_str()),
            Block::new(BlockKind::Caption, "A picture.", Gap::PARAGRAPH),
            Block::paragraph(long.as_str()),
        ];
        drop_captions(&mut blocks, &mut Vec::new());
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].gap, Gap::PARAGRAPH);
    }
}
