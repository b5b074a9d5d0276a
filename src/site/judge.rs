//! Which lines of one page are its site's boilerplate, given the site's
//! table. The rules (also in `docs/rules.md`):
//!
//! 1. A line **recurs** when the site's table has seen it on at least
//!    [`SiteConfig::min_pages`] pages and on at least
//!    [`SiteConfig::min_share`] of the site's pages. A line counts once per
//!    page, so a line an article repeats within itself is one page's line
//!    and never recurs by its own repetition. Code blocks never recur.
//! 2. The page's **content** is its lines that do not recur. When every
//!    line of a page recurs (an article the site serves several times, a
//!    template text), its content is the lines seen on the fewest pages,
//!    and only lines seen on at least twice as many pages recur; a page
//!    whose lines are all seen equally often loses nothing.
//! 3. Recurring lines before the first content line and after the last one
//!    (the page's opening and closing runs) are removed, whatever their
//!    form: the site's prefix lines, its widgets, its footer sentence.
//! 4. A recurring line between content lines is removed unless it reads as
//!    the page's own prose: at least [`SiteConfig::prose_words`] words,
//!    starting with a capital letter, a digit or a quote, ending with a
//!    sentence's closing punctuation, with no more than half of its words
//!    capitalised (not a title or a row of links). Such a line (a standard
//!    disclaimer that is part of every article) stays.

use super::table::HostTable;
use super::SiteConfig;
use crate::block::{Block, BlockKind};

/// A line of a page found to be its site's boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// Index of the block in the page.
    pub index: usize,
    /// On how many of the site's pages it was seen.
    pub seen: u32,
    /// Out of how many pages.
    pub pages: u32,
}

/// The key a block is counted under, `None` for blocks never counted (code).
pub fn block_key(block: &Block) -> Option<u64> {
    (block.kind != BlockKind::Code && !block.text.trim().is_empty())
        .then(|| super::table::line_key(&block.text))
}

/// The blocks of a page (with their keys, from [`block_key`]) that rules 1-4
/// remove, in page order.
pub fn boilerplate(
    blocks: &[Block],
    keys: &[Option<u64>],
    table: &HostTable,
    config: &SiteConfig,
) -> Vec<Verdict> {
    let pages = table.pages();
    let needed = config
        .min_pages
        .max((f64::from(pages) * config.min_share).ceil() as u32);
    let counts: Vec<Option<u32>> = keys.iter().map(|key| key.map(|k| table.seen(k))).collect();
    let recurring = |floor: u32| -> Vec<Option<u32>> {
        counts
            .iter()
            .map(|seen| seen.filter(|&seen| seen >= floor && seen > 0))
            .collect()
    };
    let mut seen = recurring(needed);
    if seen.iter().all(Option::is_some) {
        // Rule 2: every line recurs; the page's own are those seen least.
        let least = counts.iter().flatten().min().copied().unwrap_or(0);
        seen = recurring(needed.max(least.saturating_mul(2)));
    }
    let Some(first) = seen.iter().position(Option::is_none) else {
        return Vec::new();
    };
    let last = seen.iter().rposition(Option::is_none).unwrap_or(first);
    seen.iter()
        .enumerate()
        .filter_map(|(index, seen)| {
            let seen = (*seen)?;
            let inside = index > first && index < last;
            if inside && reads_as_prose(&blocks[index].text, config.prose_words) {
                return None;
            }
            Some(Verdict { index, seen, pages })
        })
        .collect()
}

/// Rule 4's test of a line that reads as prose.
fn reads_as_prose(text: &str, min_words: usize) -> bool {
    let text = text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < min_words.max(1) {
        return false;
    }
    let starts = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"'“‘«(".contains(c));
    let closing = text.trim_end_matches(['"', '\'', '”', '’', '»', ')']);
    let ends = closing.ends_with(['.', '!', '?', '…', '。']);
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    starts && ends && capitalised * 2 <= words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_with(lines: &[&str], pages: u32) -> HostTable {
        let mut t = HostTable::new();
        for _ in 0..pages {
            let keys: Vec<u64> = lines
                .iter()
                .map(|l| super::super::table::line_key(l))
                .collect();
            t.add_page(&keys, 1000, 1000);
        }
        t
    }

    fn removed(page: &[&str], table: &HostTable) -> Vec<String> {
        let blocks: Vec<Block> = page.iter().map(|t| Block::paragraph(*t)).collect();
        let keys: Vec<Option<u64>> = blocks.iter().map(block_key).collect();
        boilerplate(&blocks, &keys, table, &SiteConfig::default())
            .into_iter()
            .map(|v| blocks[v.index].text.clone())
            .collect()
    }

    const DISCLAIMER: &str =
        "This report is general information and is not advice for your own situation.";

    #[test]
    fn edges_go_whatever_their_form_and_body_prose_stays() {
        let t = table_with(&["Harbor Ledger", "Step inside the lounge", DISCLAIMER], 10);
        let page = [
            "Harbor Ledger",
            "The council met on Monday.",
            "Step inside the lounge",
            DISCLAIMER,
            "The vote was close.",
            DISCLAIMER,
        ];
        assert_eq!(
            removed(&page, &t),
            ["Harbor Ledger", "Step inside the lounge", DISCLAIMER]
        );
    }

    #[test]
    fn a_page_made_only_of_recurring_lines_keeps_those_seen_least() {
        let t = table_with(&["Harbor Ledger", "Step inside"], 10);
        assert!(removed(&["Harbor Ledger", "Step inside"], &t).is_empty());
        // An article served on five pages of ten, under the site's masthead.
        let mut t = table_with(&["Harbor Ledger"], 5);
        for _ in 0..5 {
            let keys =
                ["Harbor Ledger", "Served again.", "And again."].map(super::super::table::line_key);
            t.add_page(&keys, 1000, 1000);
        }
        let page = ["Harbor Ledger", "Served again.", "And again."];
        assert_eq!(removed(&page, &t), ["Harbor Ledger"]);
    }

    #[test]
    fn lines_on_too_few_pages_stay() {
        let t = table_with(&["Harbor Ledger"], 2);
        assert!(removed(&["Harbor Ledger", "Body."], &t).is_empty());
    }

    #[test]
    fn prose_is_a_sentence_not_a_title() {
        assert!(reads_as_prose(DISCLAIMER, 8));
        assert!(!reads_as_prose(
            "Read The Best Stories Of The Week Right Here Now.",
            8
        ));
        assert!(!reads_as_prose(
            "Step inside the lounge for members and friends",
            8
        ));
    }
}
