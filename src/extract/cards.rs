//! Product cards: on a product page, rows of other products ("You may also
//! like", "Complete the look", "Customers also viewed") each shown as a
//! card with a link, a short name and a price. The product itself is one
//! block with one price; a row of three or more small linked cards with a
//! price each is a carousel of other products, and goes with its label.
//!
//! In: the page, statistics and pruning mask. Out: the card rows to prune.

use super::dom::{Dom, Ix, Tag, NO_PARENT};
use super::stats::Stats;
use std::sync::OnceLock;

/// A card holds at most this many visible characters.
const CARD_MAX_CHARS: u32 = 300;
/// A card shows at most this many prices (now, was, per unit).
const CARD_MAX_PRICES: u32 = 3;
/// A row holds at least this many cards.
const MIN_CARDS: usize = 3;
/// The rows together hold at most this share of the page's text.
const MAX_ROWS_SHARE: f32 = 0.75;
/// The label above a row ("You may also like", "Shop all") is at most this
/// many visible characters: a wrapper with more text besides the row holds
/// other things and is not part of the box.
const MAX_LABEL_CHARS: u32 = 100;

/// The outermost kept rows of product cards, each widened to the box that
/// holds it with its label.
pub(crate) fn rows(dom: &Dom, stats: &Stats, removed: &[bool]) -> Vec<Ix> {
    let n = dom.len();
    let (prices, links) = prices_and_links(dom, removed);
    let body = dom.body();
    let is_card = |c: Ix| {
        let u = c as usize;
        (1..=CARD_MAX_PRICES).contains(&prices[u])
            && links[u] > 0
            && stats.text[u] <= CARD_MAX_CHARS
    };
    let mut out = dom.outermost(removed, |p| {
        if p == body || matches!(dom.node(p).tag, Tag::Text | Tag::Other | Tag::Html) {
            return false;
        }
        let (mut cards, mut others) = (0usize, 0usize);
        for c in dom.children(p) {
            let u = c as usize;
            if removed[u] || stats.text[u] == 0 || dom.node(c).tag == Tag::Text {
                continue;
            }
            if is_card(c) {
                cards += 1;
            } else {
                others += 1;
            }
        }
        cards >= MIN_CARDS && cards > 2 * others
    });
    for r in out.iter_mut() {
        *r = with_label(dom, stats, *r, body);
    }
    out.dedup();
    // Cards that hold most of the page are the page: a listing that calls
    // its items products.
    let none = vec![false; n];
    let pruned: u32 = dom
        .outermost(&none, |i| removed[i as usize])
        .iter()
        .map(|&i| stats.text[i as usize])
        .sum();
    let page = stats.text[body as usize].saturating_sub(pruned);
    let in_rows: u32 = out.iter().map(|&r| stats.text[r as usize]).sum();
    if in_rows as f32 > MAX_ROWS_SHARE * page as f32 {
        return Vec::new();
    }
    out
}

/// The largest wrapper of `row` under the body whose text besides the row
/// is a label at most.
fn with_label(dom: &Dom, stats: &Stats, row: Ix, body: Ix) -> Ix {
    let mut cur = row;
    loop {
        let p = dom.node(cur).parent;
        if p == NO_PARENT || p == body {
            return cur;
        }
        if stats.text[p as usize] - stats.text[row as usize] > MAX_LABEL_CHARS {
            return cur;
        }
        cur = p;
    }
}

/// Per node, the prices (text nodes holding one) and the links (`<a href>`)
/// in its kept subtree.
fn prices_and_links(dom: &Dom, removed: &[bool]) -> (Vec<u32>, Vec<u32>) {
    let n = dom.len();
    let mut prices = vec![0u32; n];
    let mut links = vec![0u32; n];
    for i in 0..n {
        if removed[i] {
            continue;
        }
        let ix = i as Ix;
        match dom.node(ix).tag {
            Tag::Text => {
                let text = dom.text(ix);
                if has_price(text) || (is_currency(text.trim()) && next_starts_with_digit(dom, ix))
                {
                    prices[i] = 1;
                }
            }
            Tag::A if dom.attr(ix, "href").is_some() => links[i] = 1,
            _ => {}
        }
    }
    for i in (1..n).rev() {
        let p = dom.node(i as Ix).parent;
        if removed[i] || p == NO_PARENT {
            continue;
        }
        prices[p as usize] += prices[i];
        links[p as usize] += links[i];
    }
    (prices, links)
}

/// Whether the next text node with visible text starts with a digit (a
/// price whose sign and amount sit in two elements).
fn next_starts_with_digit(dom: &Dom, i: Ix) -> bool {
    (i + 1..(i + 6).min(dom.len() as Ix))
        .filter(|&j| dom.node(j).tag == Tag::Text)
        .map(|j| dom.text(j).trim())
        .find(|t| !t.is_empty())
        .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()))
}

/// The currency signs and codes of `data/cards/currencies.txt`.
fn currencies() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../data/cards/currencies.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether `s` is a currency sign or code.
fn is_currency(s: &str) -> bool {
    !s.is_empty() && currencies().contains(&s)
}

/// Whether `text` holds a price: a number with a currency sign or code
/// right before or after it (one space between allowed).
fn has_price(text: &str) -> bool {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].1.is_ascii_digit() {
            k += 1;
            continue;
        }
        // A run of digits and separators: the amount.
        let start = chars[k].0;
        let mut e = k;
        while e < chars.len()
            && (chars[e].1.is_ascii_digit()
                || matches!(chars[e].1, '.' | ',' | '\u{a0}' | '\u{202f}' | '\''))
        {
            e += 1;
        }
        let end = if e < chars.len() {
            chars[e].0
        } else {
            text.len()
        };
        if currency_before(&text[..start]) || currency_after(&text[end..]) {
            return true;
        }
        k = e;
    }
    false
}

/// Whether `before` ends with a currency sign or code (then at most one
/// space).
fn currency_before(before: &str) -> bool {
    let s = before.strip_suffix([' ', '\u{a0}']).unwrap_or(before);
    currencies().iter().any(|c| {
        s.strip_suffix(c)
            .is_some_and(|rest| symbol(c) || !rest.ends_with(|ch: char| ch.is_alphanumeric()))
    })
}

/// Whether `after` starts with a currency sign or code (after at most one
/// space).
fn currency_after(after: &str) -> bool {
    let s = after.strip_prefix([' ', '\u{a0}']).unwrap_or(after);
    currencies().iter().any(|c| {
        s.strip_prefix(c)
            .is_some_and(|rest| symbol(c) || !rest.starts_with(|ch: char| ch.is_alphanumeric()))
    })
}

/// Whether `c` is a sign (not a word that must stand alone).
fn symbol(c: &str) -> bool {
    !c.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tree::Document;

    #[test]
    fn prices_are_numbers_next_to_a_currency() {
        for yes in [
            "$20.00",
            "€ 49,99",
            "49,99 €",
            "From €31.99",
            "лв1097,87",
            "120 kr",
            "USD 15",
            "12.99 EUR",
        ] {
            assert!(has_price(yes), "{yes}");
        }
        for no in [
            "Size 10",
            "4.5 stars",
            "2024",
            "30 day return policy",
            "12kro",
            "Model 3 EURO",
        ] {
            assert!(!has_price(no), "{no}");
        }
    }

    fn found(page: &str) -> Vec<String> {
        let doc = Document::parse(page);
        let dom = Dom::new(&doc);
        let removed = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &removed);
        rows(&dom, &stats, &removed)
            .into_iter()
            .map(|i| {
                (i..dom.node(i).end)
                    .filter(|&t| dom.node(t).tag == Tag::Text)
                    .map(|t| dom.text(t).trim())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    #[test]
    fn a_row_of_priced_cards_goes_with_its_label_the_product_stays() {
        let card = |name: &str, price: &str| {
            format!("<li><a href=/p><img src=x.jpg></a><p>{name}</p><span>{price}</span></li>")
        };
        let page = format!(
            "<body><div class=product><h1>Faux leather jacket</h1><p>€49.99</p>\
             <p>A jacket of soft faux leather with a turn-down collar and a zip.</p>\
             <ul class=sizes><li>S</li><li>M</li><li>L</li></ul></div>\
             <section><h2>You may also like</h2><ul>{}{}{}</ul></section>\
             <div class=footer>Free returns</div></body>",
            card("Bomber jacket", "€39.99"),
            card("Winter jacket", "€27.99 €39.99"),
            card("Denim jacket", "<span>€</span><span>45.99</span>"),
        );
        let rows = found(&page);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert!(
            rows[0].starts_with("You may also like|Bomber jacket"),
            "{rows:?}"
        );
        assert!(!rows[0].contains("Faux leather"), "{rows:?}");
    }

    #[test]
    fn priced_lines_without_links_are_no_cards() {
        let page =
            "<body><table><tr><td>1-9</td><td>$20</td></tr><tr><td>10-49</td><td>$15</td></tr>\
                    <tr><td>50+</td><td>$13</td></tr></table></body>";
        assert!(found(page).is_empty());
    }
}
