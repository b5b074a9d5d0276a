//! Lead paragraphs: the standfirst, summary or intro that many pages put in
//! its own container (or in the article's header) just before the body. The
//! scorer picks the body; a block marked as a lead by its class or id that
//! sits just before it, inside the same few enclosing containers, belongs to
//! the article and goes back in front of it.
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
    let body = dom.body();
    if first == body {
        return Vec::new();
    }
    let mut scope = first;
    for _ in 0..LEVELS {
        let parent = dom.node(scope).parent;
        if parent == NO_PARENT || parent == body || !dom.contains(body, parent) {
            break;
        }
        scope = parent;
    }
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
