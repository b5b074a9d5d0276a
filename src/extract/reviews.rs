//! Customer reviews on a product page: the product (its description, specs
//! and price) is the content, the reviews under it are not, as comments are
//! not part of an article. Elsewhere (a review article, a service page
//! quoting its clients) a "review" class marks content and is left alone.
//!
//! In: the page, its class/id families, statistics and pruning mask. Out:
//! the outermost review sections to prune.

use super::dom::{Dom, Ix, Tag};
use super::hints::{Families, Family};
use super::stats::Stats;

/// Outermost kept elements whose class or id mark reviews or ratings, unless
/// they hold half of the page or more (then they wrap it).
pub(crate) fn sections(
    dom: &Dom,
    families: &[Families],
    stats: &Stats,
    removed: &[bool],
) -> Vec<Ix> {
    let page = stats.text[dom.body() as usize];
    dom.outermost(removed, |i| {
        let u = i as usize;
        let wrapper = matches!(
            dom.node(i).tag,
            Tag::Html | Tag::Body | Tag::Main | Tag::Text | Tag::Other
        ) || stats.text[u] * 2 > page;
        families[u].has(Family::Review) && !wrapper
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::prune::families;
    use crate::extract::tree::Document;

    fn found(page: &str) -> Vec<String> {
        let doc = Document::parse(page);
        let dom = Dom::new(&doc);
        let fam = families(&dom);
        let removed = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &removed);
        sections(&dom, &fam, &stats, &removed)
            .into_iter()
            .map(|i| dom.text(i + 1).to_string())
            .collect()
    }

    #[test]
    fn review_sections_are_found_outermost_and_wrappers_are_not() {
        let desc = "<p>A sturdy kettle of brushed steel that boils a litre in three minutes.</p>";
        let page = format!(
            "<body><div class='product-page has-reviews'>{}\
             <section id=product-reviews>Reviews<div class=review>Great kettle.</div></section>\
             <div class=okeReviews-summary>4.5 stars</div>\
             <div class=preview>Preview text</div></div></body>",
            desc.repeat(3)
        );
        assert_eq!(found(&page), ["Reviews", "4.5 stars"]);
    }
}
