//! Stage 2 for HTML inputs: a page to the [`Block`]s of its main content and
//! its [`Metadata`].
//!
//! The steps, one module each, run one way:
//!
//! | step | module | in | out |
//! |---|---|---|---|
//! | flatten | `dom` | parsed page | pre-order node array |
//! | hints | `hints` | class, id | families of boilerplate or content |
//! | prune | `prune` | nodes, hints, text statistics | pruned elements |
//! | comments | `comments` | comment sections, statistics | prune them or keep them (discussion pages) |
//! | score | `score` | kept nodes, statistics | chosen subtree roots |
//! | blocks | `blocks` | chosen subtrees | [`Block`]s |
//! | headline | `headline` | blocks, title | blocks without the headline |
//!
//! Nothing here recurses over the DOM: every walk is a loop over the
//! pre-order array or an explicit stack, so arbitrarily deep pages are safe.

mod blocks;
mod comments;
mod dom;
pub mod guard;
mod headline;
mod hints;
pub mod metadata;
mod prune;
mod score;
mod stats;

use crate::article::Metadata;
use crate::block::Block;
use crate::config::Config;
use dom::Dom;
use stats::Stats;

/// The main content of a page and what is known about it.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Content blocks in reading order.
    pub blocks: Vec<Block>,
    /// Title, author, language and so on.
    pub metadata: Metadata,
}

/// Below this many visible characters the strict extraction is not trusted
/// and a lenient one (class/id hints and landmarks not pruned) is tried.
const MIN_CONTENT_CHARS: u32 = 250;

/// Extracts the main content of `html`.
///
/// ```
/// use thresh::{extract::extract, Config};
/// let page = "<html><body><nav><a href=/>Home</a></nav><article>\
///     <p>The treaty was signed on Wednesday, after years of talks.</p>\
///     <p>It commits both countries to mutual defence.</p></article>\
///     <footer>© 2024 Example News</footer></body></html>";
/// let blocks = extract(page, &Config::default()).blocks;
/// let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
/// assert_eq!(texts, ["The treaty was signed on Wednesday, after years of talks.",
///                    "It commits both countries to mutual defence."]);
/// ```
pub fn extract(html: &str, config: &Config) -> Extracted {
    let doc = match guard::parse(html, &config.budgets) {
        Ok(doc) => doc,
        Err(blocks) => {
            return Extracted {
                blocks,
                metadata: Metadata::default(),
            }
        }
    };
    let dom = Dom::new(&doc);
    let mut blocks = main_content(&dom);
    let metadata = metadata::extract(&doc, None);
    headline::drop_headline(&mut blocks, metadata.title.as_deref());
    Extracted { blocks, metadata }
}

/// The blocks of the page's main content.
fn main_content(dom: &Dom) -> Vec<Block> {
    let families = prune::families(dom);
    let mut never = vec![false; dom.len()];
    prune::always(dom, &families, &mut never);
    stats::spread(dom, &mut never);
    let stats = Stats::compute(dom, &never);

    let mut strict = never.clone();
    prune::by_layout(dom, &families, &stats, &never, &mut strict);
    stats::spread(dom, &mut strict);
    let strict_stats = Stats::compute(dom, &strict);
    let (strict, strict_stats) = drop_comments(dom, &families, strict, strict_stats);
    let (blocks, chars) = pick(dom, &families, &strict, &strict_stats);
    if chars >= MIN_CONTENT_CHARS
        || strict_stats.text[dom.body() as usize] == stats.text[dom.body() as usize]
    {
        return blocks;
    }
    let (lenient, lenient_stats) = drop_comments(dom, &families, never, stats);
    let (fallback, fallback_chars) = pick(dom, &families, &lenient, &lenient_stats);
    if fallback_chars > chars {
        fallback
    } else {
        blocks
    }
}

/// Prunes comment sections unless the page is a discussion.
fn drop_comments(
    dom: &Dom,
    families: &[hints::Families],
    mut removed: Vec<bool>,
    stats: Stats,
) -> (Vec<bool>, Stats) {
    let sections = comments::sections(dom, families, &removed);
    if sections.is_empty() || comments::is_discussion(dom, families, &stats, &removed, &sections) {
        return (removed, stats);
    }
    for s in sections {
        removed[s as usize] = true;
    }
    stats::spread(dom, &mut removed);
    let stats = Stats::compute(dom, &removed);
    (removed, stats)
}

/// Chooses the content and builds its blocks; also returns its size.
fn pick(
    dom: &Dom,
    families: &[hints::Families],
    removed: &[bool],
    stats: &Stats,
) -> (Vec<Block>, u32) {
    let choice = score::choose(dom, removed, stats, families);
    let chars: u32 = choice.roots.iter().map(|&r| stats.text[r as usize]).sum();
    (blocks::build(dom, removed, stats, &choice.roots), chars)
}
