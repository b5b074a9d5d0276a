//! Repeated containers: pages often carry the same text twice (a product
//! description laid out once for wide screens and once for phones, a post
//! quoted in full by the reply under it). A container whose paragraphs are,
//! one for one, those of an earlier container goes.
//!
//! Only whole containers count: the same paragraph twice in one container is
//! the author's doing, and a list shared by two plans of a price table sits
//! next to what tells them apart. Containers of one paragraph, and those
//! holding tables or preformatted text (API references repeat the same
//! parameter or response under every call), are never taken for repeats.
//!
//! In: the page, the pruning mask, the chosen roots. Out: the repeated
//! containers to prune.

use super::dom::{Dom, Ix, Tag, NO_PARENT};
use std::collections::HashMap;

/// A container with less text than this (characters, spaces collapsed) may
/// repeat.
const MIN_REPEAT_CHARS: usize = 60;

/// A container of fewer paragraphs than this may repeat (an API reference
/// describes the same parameter, in one paragraph, under every call).
const MIN_REPEAT_LEAVES: u32 = 3;

/// Multiplier of the rolling hash of a sequence of paragraphs.
const HASH_BASE: u64 = 0x100_0000_01b3;

/// Containers under `roots` whose paragraphs are those of an earlier
/// container, outermost ones only.
pub(crate) fn repeated(dom: &Dom, removed: &[bool], roots: &[Ix]) -> Vec<Ix> {
    let leaves = Leaves::collect(dom, removed, roots);
    if leaves.texts.len() < 2 {
        return Vec::new();
    }
    // Per node: hash of its leaf sequence, HASH_BASE to the power of its
    // length, its first leaf and its number of leaves, bottom-up.
    let n = dom.len();
    let mut hash = vec![0u64; n];
    let mut power = vec![1u64; n];
    let mut count = vec![0u32; n];
    let mut first = vec![u32::MAX; n];
    // Whether a table or preformatted text sits under the node: code
    // samples and data tables are repeated on purpose (the same response
    // under every call of an API reference).
    let mut holds_atomic = vec![false; n];
    for &root in roots {
        for i in (root..dom.node(root).end).rev() {
            let u = i as usize;
            if removed[u] {
                continue;
            }
            if let Some(k) = leaves.of(i) {
                hash[u] = leaves.hashes[k as usize];
                power[u] = HASH_BASE;
                count[u] = 1;
                first[u] = k;
            }
            let p = dom.node(i).parent;
            if i == root || p == NO_PARENT || count[u] == 0 {
                continue;
            }
            let p = p as usize;
            holds_atomic[p] |= holds_atomic[u] || is_atomic(dom.node(i).tag);
            // `i` comes before what its parent has gathered so far.
            hash[p] = hash[u].wrapping_mul(power[p]).wrapping_add(hash[p]);
            power[p] = power[u].wrapping_mul(power[p]);
            count[p] += count[u];
            first[p] = first[p].min(first[u]);
        }
    }
    let mut seen: HashMap<u64, Ix> = HashMap::new();
    let mut out = Vec::new();
    for &root in roots {
        let mut i = root;
        while i < dom.node(root).end {
            let u = i as usize;
            let node = dom.node(i);
            if removed[u] || is_atomic(node.tag) {
                i = node.end;
                continue;
            }
            let container = i != root
                && matches!(
                    node.tag,
                    Tag::Div | Tag::Section | Tag::Article | Tag::Blockquote | Tag::OtherBlock
                )
                && count[u] >= MIN_REPEAT_LEAVES
                && !holds_atomic[u]
                && leaves.of(i).is_none()
                && leaves.chars(first[u], count[u]) >= MIN_REPEAT_CHARS;
            if container {
                match seen.get(&hash[u]) {
                    Some(&e)
                        if !dom.contains(e, i)
                            && leaves.same(
                                (first[e as usize], count[e as usize]),
                                (first[u], count[u]),
                            ) =>
                    {
                        out.push(i);
                        i = node.end;
                        continue;
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(hash[u], i);
                    }
                }
            }
            i += 1;
        }
    }
    out
}

/// The leaf paragraphs under the roots: kept block elements with no kept
/// block element under them, with their text.
struct Leaves {
    /// Per node, its position in `texts` if it is a leaf, else `NOT_LEAF`.
    index: Vec<u32>,
    /// Text of each leaf, spaces collapsed, in document order.
    texts: Vec<String>,
    /// Hash of each text.
    hashes: Vec<u64>,
    /// Characters of the texts before each one, and of all at the end.
    chars_before: Vec<usize>,
}

/// [`Leaves::index`] of a node that is not a leaf.
const NOT_LEAF: u32 = u32::MAX;

impl Leaves {
    fn collect(dom: &Dom, removed: &[bool], roots: &[Ix]) -> Leaves {
        let n = dom.len();
        let mut has_block = vec![false; n];
        for &root in roots {
            for i in (root + 1..dom.node(root).end).rev() {
                let node = dom.node(i);
                let u = i as usize;
                if !removed[u] && (node.tag.is_block() || has_block[u]) {
                    has_block[node.parent as usize] = true;
                }
            }
        }
        let mut leaves = Leaves {
            index: vec![NOT_LEAF; n],
            texts: Vec::new(),
            hashes: Vec::new(),
            chars_before: Vec::new(),
        };
        // The leaf each node's text belongs to, if any.
        let mut owner = vec![u32::MAX; n];
        for &root in roots {
            let mut i = root;
            while i < dom.node(root).end {
                let node = dom.node(i);
                let u = i as usize;
                if removed[u] {
                    i = node.end;
                    continue;
                }
                if is_atomic(node.tag) {
                    // One leaf with all the text inside, whatever its layout.
                    let mut text = String::new();
                    for t in i + 1..node.end {
                        if !removed[t as usize] && dom.node(t).tag == Tag::Text {
                            push_collapsed(&mut text, dom.text(t));
                        }
                    }
                    leaves.index[u] = leaves.texts.len() as u32;
                    leaves.texts.push(text);
                    i = node.end;
                    continue;
                }
                owner[u] = if node.tag.is_block() {
                    if has_block[u] {
                        u32::MAX
                    } else {
                        leaves.index[u] = leaves.texts.len() as u32;
                        leaves.texts.push(String::new());
                        (leaves.texts.len() - 1) as u32
                    }
                } else if i == root || node.parent == NO_PARENT {
                    u32::MAX
                } else {
                    owner[node.parent as usize]
                };
                if node.tag == Tag::Text && owner[u] != u32::MAX {
                    push_collapsed(&mut leaves.texts[owner[u] as usize], dom.text(i));
                }
                i += 1;
            }
        }
        leaves.hashes = leaves.texts.iter().map(|t| fnv(t)).collect();
        let mut chars = 0;
        leaves.chars_before = std::iter::once(0)
            .chain(leaves.texts.iter().map(|t| {
                chars += t.chars().count();
                chars
            }))
            .collect();
        leaves
    }

    /// The position of leaf `i` in [`Leaves::texts`], if `i` is a leaf.
    fn of(&self, i: Ix) -> Option<u32> {
        Some(self.index[i as usize]).filter(|&k| k != NOT_LEAF)
    }

    /// Characters of `count` leaves from `first`.
    fn chars(&self, first: u32, count: u32) -> usize {
        let f = first as usize;
        self.chars_before[f + count as usize] - self.chars_before[f]
    }

    /// Whether two runs of leaves, (first, count) each, have the same texts.
    fn same(&self, (a, count_a): (u32, u32), (b, count_b): (u32, u32)) -> bool {
        count_a == count_b
            && (0..count_a as usize)
                .all(|k| self.texts[a as usize + k] == self.texts[b as usize + k])
    }
}

/// Preformatted text and tables: one leaf each, never a container.
fn is_atomic(tag: Tag) -> bool {
    matches!(tag, Tag::Pre | Tag::Table)
}

/// FNV-1a of `text`.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// Appends `text` to `out` with runs of whitespace as one space and no
/// space at the start.
fn push_collapsed(out: &mut String, text: &str) {
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tree::Document;

    fn repeats(page: &str) -> Vec<String> {
        let doc = Document::parse(page);
        let dom = Dom::new(&doc);
        let removed = vec![false; dom.len()];
        repeated(&dom, &removed, &[dom.body()])
            .into_iter()
            .map(|i| dom.attr(i, "id").unwrap_or("?").to_string())
            .collect()
    }

    const P: &str = "Wheel thrown and glazed by <em>hand</em>, every mug is a little different.";

    #[test]
    fn a_container_repeated_paragraph_for_paragraph_goes() {
        let page = format!(
            "<body><div id=a class=wide><p>{P}</p><p>$60.00</p><p>In stock</p></div>\
             <div id=b class=narrow><div><p>{P}</p></div><p>$60.00</p><p>In stock</p></div></body>"
        );
        assert_eq!(repeats(&page), ["b"]);
    }

    #[test]
    fn repeated_paragraphs_partial_repeats_and_code_samples_stay() {
        let features = "<ul><li>Unlimited projects and boards for the team</li><li>Priority support</li><li>Exports</li></ul>";
        let sample = "<div><h3>Response</h3><p>The charge object.</p><pre>{\"id\": \"ch_1\", \"amount\": 1099}</pre></div>";
        let page = format!(
            "<body><div><p>{P}</p><p>{P}</p><p>{P}</p></div>\
             <div><h3>Basic</h3>{features}</div><div><h3>Pro</h3>{features}</div>{sample}{sample}</body>"
        );
        assert!(repeats(&page).is_empty());
    }
}
