//! Teaser boxes: a heading that names a list of other pages ("Read also",
//! "Mehr aus der Sendung", "You may also like"), with the box it opens.
//!
//! The phrases are the `related` section of the widget lexicons
//! (`data/lexicon/widgets/`), shared with the text passes, and the
//! extractor's own labels of teasers and shop carousels (`data/teasers/`). The box is the
//! largest wrapper that starts with the heading, holds a small share of the
//! page and has a good part of its text in links; a heading that opens no
//! such wrapper goes with the link list right after it.
//!
//! In: nodes, statistics, the pruning mask. Out: the boxes to prune.

use super::dom::{Dom, Ix, Tag, NO_PARENT};
use super::stats::Stats;
use crate::clean::lexicon::{normalize, widgets, Widget};
use std::sync::OnceLock;

/// A box holds at most this share of the page's text.
const MAX_BOX_SHARE: f32 = 0.4;
/// A box has at least this share of its text in links.
const MIN_BOX_LINK_DENSITY: f32 = 0.3;
/// A box with at most this much text besides its label holds no content of
/// its own (teasers loaded by scripts, a "more stories" button).
const MAX_EMPTY_BOX_CHARS: u32 = 100;
/// Headings longer than this (bytes) are headlines, not labels.
const MAX_LABEL_BYTES: usize = 120;

/// Teaser boxes under the body that are not pruned yet.
pub(crate) fn boxes(dom: &Dom, stats: &Stats, removed: &[bool]) -> Vec<Ix> {
    let page = stats.text[dom.body() as usize].max(1) as f32;
    let mut out = Vec::new();
    let mut label = String::new();
    let mut i: Ix = 0;
    while (i as usize) < dom.len() {
        let u = i as usize;
        if removed[u] {
            i = dom.node(i).end;
            continue;
        }
        if !dom.node(i).tag.is_heading()
            || stats.text[u] == 0
            || !is_label(dom, removed, i, &mut label)
        {
            i += 1;
            continue;
        }
        let mut cur = i;
        loop {
            let p = dom.node(cur).parent;
            if p == NO_PARENT || p == dom.body() || removed[p as usize] {
                break;
            }
            let pu = p as usize;
            if stats.text[pu] as f32 > MAX_BOX_SHARE * page || text_before(dom, removed, p, i) {
                break;
            }
            cur = p;
        }
        // The label itself is no link: the density is that of the rest.
        let (cu, hu) = (cur as usize, u);
        let rest = stats.text[cu].saturating_sub(stats.text[hu]).max(1);
        let links = stats.link_text[cu].saturating_sub(stats.link_text[hu]);
        let boxed = cur != i
            && (links as f32 >= MIN_BOX_LINK_DENSITY * rest as f32
                || rest <= MAX_EMPTY_BOX_CHARS
                || headlines_are_links(dom, removed, cur, i));
        if boxed {
            out.push(cur);
            i = dom.node(cur).end;
            continue;
        }
        // A bare heading: the list after it is the box.
        let next = next_element(dom, removed, cur);
        if let Some(n) = next {
            let nu = n as usize;
            if stats.text[nu] > 0
                && stats.text[nu] as f32 <= MAX_BOX_SHARE * page
                && stats.link_density(n) > 0.5
            {
                out.push(cur);
                out.push(n);
                i = dom.node(n).end;
                continue;
            }
        }
        i = dom.node(i).end;
    }
    out
}

/// Whether heading `h` reads as a label of related links; `buf` is scratch.
fn is_label(dom: &Dom, removed: &[bool], h: Ix, buf: &mut String) -> bool {
    buf.clear();
    for t in h + 1..dom.node(h).end {
        if removed[t as usize] || dom.node(t).tag != Tag::Text {
            continue;
        }
        buf.push_str(dom.text(t));
        buf.push(' ');
        if buf.len() > MAX_LABEL_BYTES {
            return false;
        }
    }
    normalize(buf).is_some_and(|n| widgets().kinds(&n).has(Widget::Related) || own_label(&n))
}

/// Whether `norm` is one of the extractor's own teaser labels.
fn own_label(norm: &str) -> bool {
    static LABELS: OnceLock<Vec<&'static str>> = OnceLock::new();
    LABELS
        .get_or_init(|| {
            include_str!("../../data/teasers/labels.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        })
        .iter()
        .any(|l| match l.strip_suffix(" *") {
            Some(prefix) => norm
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with(' ')),
            None => norm == *l,
        })
}

/// Whether box `b` is a list of linked headlines: at least two headings
/// besides the label `label`, most of them links (a teaser grid whose items
/// have a linked headline and a plain excerpt has a low link density).
fn headlines_are_links(dom: &Dom, removed: &[bool], b: Ix, label: Ix) -> bool {
    let (mut headings, mut linked) = (0u32, 0u32);
    let mut t = b + 1;
    while t < dom.node(b).end {
        if removed[t as usize] || t == label {
            t = dom.node(t).end;
            continue;
        }
        if dom.node(t).tag.is_heading() {
            headings += 1;
            if (t + 1..dom.node(t).end).any(|d| dom.node(d).tag == Tag::A) {
                linked += 1;
            }
            t = dom.node(t).end;
            continue;
        }
        t += 1;
    }
    linked >= 2 && 2 * linked > headings
}

/// Whether kept visible text comes before node `h` inside `p`.
fn text_before(dom: &Dom, removed: &[bool], p: Ix, h: Ix) -> bool {
    let mut t = p + 1;
    while t < h {
        if removed[t as usize] {
            t = dom.node(t).end;
            continue;
        }
        if dom.node(t).tag == Tag::Text && dom.chars[t as usize] > 0 {
            return true;
        }
        t += 1;
    }
    false
}

/// The first kept element sibling after `i`.
fn next_element(dom: &Dom, removed: &[bool], i: Ix) -> Option<Ix> {
    let p = dom.node(i).parent;
    if p == NO_PARENT {
        return None;
    }
    let mut j = dom.node(i).end;
    while j < dom.node(p).end {
        let tag = dom.node(j).tag;
        if !removed[j as usize] && !matches!(tag, Tag::Text | Tag::Other) {
            return Some(j);
        }
        if tag == Tag::Text && dom.chars[j as usize] > 0 {
            return None;
        }
        j = dom.node(j).end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_labels_match_whole_or_by_prefix() {
        assert!(own_label("schon gelesen"));
        assert!(own_label("entdecke weitere homestorys"));
        assert!(!own_label("entdecke weitere"));
        assert!(!own_label("schon gelesen hat er das buch nicht"));
    }
}
