//! The product's own block: on a product page whose chosen content is too
//! small to stand for the page (a description, a spec table), the whole body
//! holds the product's title, price and description but also everything the
//! shop puts around it (delivery promises, carousels, reviews, promotions).
//! The nearest ancestor holding both the chosen content and the page's
//! `<h1>` (the product's name) is the product's block when it holds at least
//! half of the page's kept text.
//!
//! In: the page, the whole-body pruning mask and statistics, the chosen
//! roots. Out: the root to extract instead of the body, if any.

use super::dom::{Dom, Ix, Tag, NO_PARENT};
use super::stats::Stats;

/// The product's block holds at least this share of the kept page.
const MIN_SHARE: f32 = 0.5;

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
    use crate::config::Config;
    use crate::extract::extract;

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
        let texts: Vec<String> = extract(page, &Config::default())
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
