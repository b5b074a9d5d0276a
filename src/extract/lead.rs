//! Lead paragraphs: the standfirst, summary or intro that many pages put in
//! its own container (or in the article's header) just before the body. The
//! scorer picks the body; a block marked as a lead by its class or id that
//! sits just before it, inside the same few enclosing containers, belongs to
//! the article and goes back in front of it. So do one or two paragraphs of
//! prose between the article's headline (`<h1>`) and the body, whatever
//! their class.
//!
//! In: the page, pruning mask, statistics, class/id families and the chosen
//! roots. Out: the lead elements to add, in document order.

use super::dom::{Dom, Ix, Tag, NO_PARENT};
use super::hints::{Families, Family};
use super::stats::Stats;

/// How many containers above the first chosen root are searched.
const LEVELS: usize = 3;
/// Fewest visible characters for a lead.
const MIN_CHARS: u32 = 15;
/// A lead is prose: at most this share of its text in links.
const MAX_LINK_DENSITY: f32 = 0.5;
/// How many containers above the first chosen root the headline is looked
/// for in.
const HEADLINE_LEVELS: usize = 6;
/// Fewest visible characters of a paragraph known as a lead only by its
/// place after the headline (shorter ones are kickers, bylines, dates).
const MIN_PLACED_CHARS: u32 = 80;
/// A paragraph known by its place has at most this share of its text in links.
const MAX_PLACED_LINK_DENSITY: f32 = 0.2;
/// Most paragraphs of a standfirst known by its place: more are a block of
/// their own (reviews, a teaser list), not the article's lead.
const MAX_PLACED: usize = 2;

/// The container `levels` above `node`, or the highest one below `<body>`.
fn container_above(dom: &Dom, node: Ix, levels: usize) -> Ix {
    let body = dom.body();
    let mut scope = node;
    for _ in 0..levels {
        let parent = dom.node(scope).parent;
        if parent == NO_PARENT || parent == body || !dom.contains(body, parent) {
            break;
        }
        scope = parent;
    }
    scope
}

/// The lead blocks before the chosen `roots` (which are in document order).
pub(crate) fn before(
    dom: &Dom,
    removed: &[bool],
    stats: &Stats,
    families: &[Families],
    roots: &[Ix],
) -> Vec<Ix> {
    let Some(&first) = roots.first() else {
        return Vec::new();
    };
    if first == dom.body() {
        return Vec::new();
    }
    let scope = container_above(dom, first, LEVELS);
    // A node before `first` either holds it (and is no lead) or ends before
    // it: leads never overlap the body.
    dom.outermost_in(scope + 1..first, removed, |i| {
        let u = i as usize;
        !matches!(dom.node(i).tag, Tag::Text | Tag::Other)
            && !dom.contains(i, first)
            && families[u].has(Family::Lead)
            && !families[u].is_boilerplate()
            && stats.text[u] >= MIN_CHARS
            && stats.link_density(i) <= MAX_LINK_DENSITY
    })
}

/// The paragraphs of prose between the article's headline and the chosen
/// `roots` (in document order) that are not inside one of the `marked`
/// leads: the headline is the last kept `<h1>` before the first root within
/// [`HEADLINE_LEVELS`] containers of it.
pub(crate) fn after_headline(
    dom: &Dom,
    removed: &[bool],
    stats: &Stats,
    families: &[Families],
    roots: &[Ix],
    marked: &[Ix],
) -> Vec<Ix> {
    let Some(&first) = roots.first() else {
        return Vec::new();
    };
    let scope = container_above(dom, first, HEADLINE_LEVELS);
    let Some(headline) = (scope + 1..first).rev().find(|&i| {
        dom.node(i).tag == Tag::Heading(1) && !removed[i as usize] && !dom.contains(i, first)
    }) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut i = dom.node(headline).end;
    while i < first {
        let u = i as usize;
        let node = dom.node(i);
        let placed = !removed[u]
            && matches!(node.tag, Tag::P | Tag::Heading(2))
            && !dom.contains(i, first)
            && !marked
                .iter()
                .any(|&m| dom.contains(m, i) || dom.contains(i, m))
            && !families[u].is_boilerplate()
            && stats.text[u] >= MIN_PLACED_CHARS
            && stats.link_density(i) <= MAX_PLACED_LINK_DENSITY;
        if placed {
            found.push(i);
            i = node.end;
        } else {
            i += 1;
        }
    }
    if found.len() > MAX_PLACED {
        found.clear();
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::extract::texts;

    const BODY: &str = "<p>The council met on Monday evening and voted on the new budget, \
        which had been debated for months by every party in the chamber.</p>";

    fn page(between: &str) -> String {
        format!(
            "<html><body><nav><a href=/>Home</a></nav><div class=page><div class=top>\
             <h1>Council passes the budget</h1>{between}</div><div class=wrap><div class=text>{}\
             </div></div></div><footer>© Example</footer></body></html>",
            BODY.repeat(6)
        )
    }

    #[test]
    fn a_standfirst_between_headline_and_body_is_kept() {
        let standfirst = "After months of debate the council agreed on a budget that \
             raises spending on schools and roads.";
        let out = texts(&page(&format!("<p class=x>{standfirst}</p>")));
        assert_eq!(out[0], standfirst);
        assert_eq!(out.len(), 7);
    }

    #[test]
    fn short_lines_and_blocks_of_many_paragraphs_after_the_headline_are_not_leads() {
        use super::after_headline;
        use crate::extract::dom::Dom;
        use crate::extract::prune::families;
        use crate::extract::stats::Stats;
        use crate::extract::tree::Document;
        let placed = |between: &str| {
            let doc = Document::parse(&page(between));
            let dom = Dom::new(&doc);
            let fam = families(&dom);
            let removed = vec![false; dom.len()];
            let stats = Stats::compute(&dom, &removed);
            let text = (0..dom.len() as u32)
                .find(|&i| dom.attr(i, "class") == Some("text"))
                .unwrap();
            after_headline(&dom, &removed, &stats, &fam, &[text], &[]).len()
        };
        let standfirst = "<p>After months of debate the council agreed on a budget that \
             raises spending on schools and roads.</p>";
        assert_eq!(placed(standfirst), 1);
        assert_eq!(placed("<p>By Jane Doe, city reporter, 4 May 2021</p>"), 0);
        assert_eq!(placed(&standfirst.repeat(3)), 0);
    }
}
