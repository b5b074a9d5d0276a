//! The product's own block: on a product page whose chosen content is too
//! small to stand for the page (a description, a spec table), the whole body
//! holds the product's title, price and description but also everything the
//! shop puts around it (delivery promises, carousels, reviews, promotions).
//! The nearest ancestor holding both the chosen content and the page's
//! `<h1>` (the product's name) is the product's block when it holds at least
//! half of the page's kept text.
//!
//! The product's name also vouches for its wrappers: a class of the
//! product's block that reads like boilerplate (`subscription-eligible` read
//! as a newsletter box) does not prune the product.
//!
//! In: the page, the pruning masks and statistics, the chosen roots. Out:
//! the wrappers to keep, the root to extract instead of the body, if any.

use super::dom::{Dom, Ix, Tag, NO_PARENT};
use super::hints::Families;
use super::stats::Stats;

/// The product's block holds at least this share of the kept page.
const MIN_SHARE: f32 = 0.5;

/// Ancestors of the page's first visible `<h1>` that only their class/id
/// hints pruned (`pruned` is the mask after [`by_layout`], `never` the one
/// before it; landmarks and forms pruned by their tag stay pruned).
///
/// [`by_layout`]: super::prune::by_layout
pub(crate) fn named_wrappers(
    dom: &Dom,
    families: &[Families],
    stats: &Stats,
    never: &[bool],
    pruned: &[bool],
) -> Vec<Ix> {
    let Some(h1) = (0..dom.len() as Ix).find(|&i| {
        !never[i as usize] && dom.node(i).tag == Tag::Heading(1) && stats.text[i as usize] > 0
    }) else {
        return Vec::new();
    };
    dom.ancestors(h1)
        .filter(|&a| {
            let u = a as usize;
            pruned[u]
                && !never[u]
                && families[u].is_boilerplate()
                && !matches!(
                    dom.node(a).tag,
                    Tag::Header | Tag::Footer | Tag::Nav | Tag::Aside | Tag::Form
                )
        })
        .collect()
}

/// The nearest ancestor of `roots` that also holds the first kept `<h1>`,
/// when it is smaller than the body and holds at least [`MIN_SHARE`] of it.
pub(crate) fn block(dom: &Dom, removed: &[bool], stats: &Stats, roots: &[Ix]) -> Option<Ix> {
    let body = dom.body();
    let h1 = dom
        .outermost(removed, |i| {
            dom.node(i).tag == Tag::Heading(1) && stats.text[i as usize] > 0
        })
        .into_iter()
        .next()?;
    let mut a = *roots.first()?;
    while a != NO_PARENT && !(dom.contains(a, h1) && roots.iter().all(|&r| dom.contains(a, r))) {
        a = dom.node(a).parent;
    }
    let page = stats.text[body as usize];
    (a != NO_PARENT
        && a != body
        && dom.contains(body, a)
        && stats.text[a as usize] as f32 >= MIN_SHARE * page as f32)
        .then_some(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::extract::tree::Document;
    use crate::extract::{extract, prune, stats::spread};

    #[test]
    fn wrappers_of_the_name_pruned_by_their_class_are_kept() {
        let page = "<body><header class=site-header><a href=/>Shop</a></header>\
            <div class='product subscription-eligible'><div class=info><h1>Dark Roast Coffee</h1>\
            <p>A bold dark roast of arabica and robusta beans, fair trade and organic.</p></div></div>\
            <div class='newsletter-signup'><p>Sign up for our newsletter and save ten percent.</p></div></body>";
        let doc = Document::parse(page);
        let dom = Dom::new(&doc);
        let fam = prune::families(&dom);
        let mut never = vec![false; dom.len()];
        prune::always(&dom, &fam, &mut never);
        spread(&dom, &mut never);
        let stats = Stats::compute(&dom, &never);
        let mut pruned = never.clone();
        prune::by_layout(&dom, &fam, &stats, &never, &mut pruned);
        let kept: Vec<_> = named_wrappers(&dom, &fam, &stats, &never, &pruned)
            .into_iter()
            .map(|a| dom.attr(a, "class").unwrap_or(""))
            .collect();
        // The product's wrapper was read as a newsletter box; the real one
        // and the site header stay pruned.
        assert_eq!(kept, ["product subscription-eligible"]);
        let newsletter = (0..dom.len() as Ix)
            .find(|&i| dom.attr(i, "class") == Some("newsletter-signup"))
            .unwrap();
        assert!(pruned[newsletter as usize]);
    }

    #[test]
    fn a_product_page_keeps_the_block_under_its_name_not_the_shop_around_it() {
        // Only the description is a paragraph: the chosen content, too
        // small for the page. The block under the name holds the rest of the
        // product; the sale banner beside it is the shop's.
        let page = r#"<html><head><script type="application/ld+json">{"@type":"Product"}</script></head>
            <body><div class=shop><div class=pdp>
            <div class=gallery><h1>Trail Runner 2</h1><p>€120</p></div>
            <div class=info><p>Colour: moss</p><p>Sizes 38 to 47</p><p>Free delivery</p></div>
            <div class=details><p>A light trail shoe with a grippy outsole, a recycled mesh upper and a rock plate, for long days.</p></div>
            <ul class=specs><li>Weight: 250 g</li><li>Drop: 8 mm</li><li>Upper: mesh</li></ul>
            </div>
            <div class=care><h2>Spring sale</h2><p>Twenty percent off</p><p>All running gear</p><p>Ends on Sunday</p></div>
            </div></body></html>"#;
        let texts: Vec<String> = extract(page, &Config::default(), None)
            .blocks
            .into_iter()
            .map(|b| b.text)
            .collect();
        assert_eq!(
            texts,
            [
                "Trail Runner 2",
                "€120",
                "Colour: moss",
                "Sizes 38 to 47",
                "Free delivery",
                "A light trail shoe with a grippy outsole, a recycled mesh upper and a rock plate, for long days.",
                "Weight: 250 g",
                "Drop: 8 mm",
                "Upper: mesh",
            ]
        );
    }
}
