//! Text statistics per node, summed bottom-up over the nodes still kept:
//! visible characters, characters inside links, commas, paragraphs.
//!
//! One forward pass spreads "removed" and "inside a link" down the tree, one
//! reverse pass sums each node into its parent.

use super::dom::{Dom, Ix, Tag, NO_PARENT};

/// Per-node sums over the node's kept subtree, indexed like [`Dom::nodes`].
pub(crate) struct Stats {
    /// Visible (non-whitespace) characters.
    pub text: Vec<u32>,
    /// Visible characters inside `<a>` elements.
    pub link_text: Vec<u32>,
    /// Commas (any script's comma).
    pub commas: Vec<u32>,
    /// `<a>` elements with text.
    pub links: Vec<u32>,
    /// `<p>` elements (and `<br>`-split text runs) with real text.
    pub paragraphs: Vec<u32>,
    /// Visible characters of text whose nearest block ancestor is this node.
    pub own_text: Vec<u32>,
    /// Commas of that text.
    pub own_commas: Vec<u32>,
}

impl Stats {
    /// Computes the statistics of `dom` ignoring nodes where `removed` is set.
    pub(crate) fn compute(dom: &Dom, removed: &[bool]) -> Stats {
        let n = dom.len();
        let mut s = Stats {
            text: vec![0; n],
            link_text: vec![0; n],
            commas: vec![0; n],
            links: vec![0; n],
            paragraphs: vec![0; n],
            own_text: vec![0; n],
            own_commas: vec![0; n],
        };
        for (i, (node, &gone)) in dom.nodes.iter().zip(removed).enumerate() {
            if gone || node.tag != Tag::Text {
                continue;
            }
            let chars = dom.chars[i];
            if chars == 0 {
                continue;
            }
            let commas = dom.commas[i];
            s.text[i] = chars;
            s.commas[i] = commas;
            if node.in_link {
                s.link_text[i] = chars;
            }
            let o = dom.owner[i] as usize;
            s.own_text[o] += chars;
            s.own_commas[o] += commas;
        }
        for i in (1..n).rev() {
            if removed[i] {
                continue;
            }
            let node = dom.nodes[i];
            if node.tag == Tag::P && s.text[i] >= 20 {
                s.paragraphs[i] += 1;
            }
            if node.tag == Tag::A && s.text[i] > 0 {
                s.links[i] += 1;
            }
            let p = node.parent as usize;
            s.text[p] += s.text[i];
            s.link_text[p] += s.link_text[i];
            s.commas[p] += s.commas[i];
            s.paragraphs[p] += s.paragraphs[i];
            s.links[p] += s.links[i];
        }
        s
    }

    /// Share of the node's text that sits inside links, from 0 to 1.
    pub(crate) fn link_density(&self, i: Ix) -> f32 {
        let text = self.text[i as usize];
        if text == 0 {
            0.0
        } else {
            self.link_text[i as usize] as f32 / text as f32
        }
    }
}

/// Spreads a per-node "pruned" flag down to every descendant.
pub(crate) fn spread(dom: &Dom, pruned: &mut [bool]) {
    for i in 1..dom.len() {
        let p = dom.nodes[i].parent;
        if p != NO_PARENT && pruned[p as usize] {
            pruned[i] = true;
        }
    }
}

/// Prunes the subtrees at `roots`: marks them in `pruned` and spreads every
/// mark down to its descendants.
pub(crate) fn prune_subtrees(dom: &Dom, pruned: &mut [bool], roots: impl IntoIterator<Item = Ix>) {
    for r in roots {
        pruned[r as usize] = true;
    }
    spread(dom, pruned);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tree::Document;

    #[test]
    fn sums_skip_removed_subtrees_and_count_links() {
        let doc = Document::parse(
            "<body><div><p>One, two three.</p><p><a href=x>link</a> text</p><div id=r>gone</div></div></body>",
        );
        let dom = Dom::new(&doc);
        let mut removed = vec![false; dom.len()];
        let gone = (0..dom.len() as Ix)
            .find(|&i| dom.attr(i, "id") == Some("r"))
            .unwrap();
        removed[gone as usize] = true;
        spread(&dom, &mut removed);
        let s = Stats::compute(&dom, &removed);
        let body = dom.body() as usize;
        assert_eq!(s.text[body], "One,twothree.".len() as u32 + 8);
        assert_eq!(s.link_text[body], 4);
        assert_eq!(s.commas[body], 1);
        assert_eq!(s.paragraphs[body], 0);
    }
}
