//! What the extractor dropped, told as removals: each region of the page
//! that held visible text and was pruned, with the rule that names its kind
//! and the start of its text.
//!
//! In: the page, its class/id families, the statistics of what was visible
//! before pruning and the final pruning mask. Out: [`Removal`]s in page order.

use super::dom::{Dom, Ix, Tag, NO_PARENT};
use super::hints::{Families, Family};
use super::stats::Stats;
use crate::clean::{Removal, Rule};

/// Characters of a region's text quoted in its removal.
const QUOTED_CHARS: usize = 80;

/// The roots of pruned subtrees that held visible text, as removals.
/// `visible` are the statistics before any content decision (scripts and
/// hidden elements already out), `removed` the mask the content was built
/// with, `comments` the comment sections dropped under an article. Elements
/// outside `<body>` are not regions of the page. A run of adjacent comment
/// sections (the paragraphs of one comment area) is one removal.
pub(crate) fn pruned(
    dom: &Dom,
    families: &[Families],
    visible: &Stats,
    removed: &[bool],
    comments: &[Ix],
) -> Vec<Removal> {
    let body = dom.body();
    let mut out = Vec::new();
    // Where the last comment section ended: one that starts there continues
    // its area.
    let mut area_end = Ix::MAX;
    let mut i = body + 1;
    let end = dom.node(body).end;
    while i < end {
        let node = dom.node(i);
        let parent = node.parent;
        let root = removed[i as usize] && (parent == NO_PARENT || !removed[parent as usize]);
        if !root {
            i += 1;
            continue;
        }
        let comment = comments.binary_search(&i).is_ok();
        let continues_area = comment && area_end == i;
        if comment {
            area_end = node.end;
        }
        if visible.text[i as usize] > 0 && !continues_area {
            let rule = if comment {
                Rule::CommentSection
            } else {
                rule_of(node.tag, families[i as usize])
            };
            out.push(Removal::new(rule, quote(dom, visible, i)));
        }
        i = node.end;
    }
    out
}

/// The rule that names a pruned element's kind, from its class and id or,
/// without them, its tag.
fn rule_of(tag: Tag, f: Families) -> Rule {
    if f.has(Family::Comment) {
        Rule::CommentSection
    } else if f.has(Family::Related) {
        Rule::RelatedLinks
    } else if f.has(Family::Navigation)
        || (f.is_boilerplate() && f.has(Family::Chrome))
        || matches!(tag, Tag::Nav | Tag::Header | Tag::Footer)
    {
        Rule::Navigation
    } else {
        Rule::PageWidget
    }
}

/// The first [`QUOTED_CHARS`] characters of the subtree's text, its
/// whitespace collapsed, with "…" when there is more; text that was never
/// visible (scripts, hidden elements) is left out.
fn quote(dom: &Dom, visible: &Stats, root: Ix) -> String {
    let mut out = String::new();
    let mut count = 0;
    for t in root..dom.node(root).end {
        if dom.node(t).tag != Tag::Text || visible.text[t as usize] == 0 {
            continue;
        }
        for word in dom.text(t).split_whitespace() {
            if count >= QUOTED_CHARS {
                out.push('…');
                return out;
            }
            if !out.is_empty() {
                out.push(' ');
                count += 1;
            }
            for c in word.chars() {
                out.push(c);
                count += 1;
            }
        }
    }
    out
}
