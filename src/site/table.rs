//! One site's table: on how many of its pages each line was seen.
//!
//! Lines are kept as 64-bit keys ([`line_key`]), never as text, so a table
//! costs the same whatever its lines' length, and a saved profile holds no
//! page text. A line counts once per page however often the page holds it.
//! The table is bounded: past [`SiteConfig::max_lines`](super::SiteConfig)
//! lines it keeps the three quarters seen on the most pages (the most
//! recently seen first among equals), and when the site has
//! [`SiteConfig::decay_pages`](super::SiteConfig) pages every count is
//! halved, so a line the site stopped printing fades out and a new one can
//! win its place.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How a line is told apart from others: its text with runs of whitespace
/// made one space and letters lower-cased, hashed with 64-bit FNV-1a (stable
/// across runs and machines, so saved profiles stay valid).
///
/// ```
/// use thresh::site::table::line_key;
/// assert_eq!(line_key("Join the  Tidewater Lounge"), line_key("join the tidewater lounge"));
/// assert_ne!(line_key("Join the lounge"), line_key("Join the lounge."));
/// ```
pub fn line_key(text: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    let mut buf = [0u8; 4];
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            feed(b" ");
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            feed(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    hash
}

/// What a table knows of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineStat {
    /// Pages of the site the line was seen on (halved at each decay).
    pub pages: u32,
    /// The site's page number when the line was last seen (wrapping).
    pub last: u32,
}

/// One site's counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostTable {
    /// Pages seen (halved at each decay, like the line counts).
    pages: u32,
    /// Pages seen in all, never halved: the clock of [`LineStat::last`].
    clock: u32,
    lines: HashMap<u64, LineStat>,
}

impl HostTable {
    /// An empty table.
    pub fn new() -> HostTable {
        HostTable::default()
    }

    /// A table with these counts, as a saved profile holds them.
    pub fn from_parts(pages: u32, clock: u32, lines: HashMap<u64, LineStat>) -> HostTable {
        HostTable {
            pages,
            clock,
            lines,
        }
    }

    /// Pages the counts are out of.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// Pages seen in all.
    pub fn clock(&self) -> u32 {
        self.clock
    }

    /// Lines in the table.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the table has no line.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The lines and their counts, in no particular order.
    pub fn lines(&self) -> impl Iterator<Item = (u64, LineStat)> + '_ {
        self.lines.iter().map(|(k, v)| (*k, *v))
    }

    /// On how many of the table's pages the line with `key` was seen.
    pub fn seen(&self, key: u64) -> u32 {
        self.lines.get(&key).map_or(0, |s| s.pages)
    }

    /// Counts one page whose lines have these keys (repeats count once),
    /// then applies the table's bounds.
    pub fn add_page(&mut self, keys: &[u64], max_lines: usize, decay_pages: u32) {
        self.clock = self.clock.wrapping_add(1);
        self.pages += 1;
        let mut seen = keys.to_vec();
        seen.sort_unstable();
        seen.dedup();
        for key in seen {
            let stat = self
                .lines
                .entry(key)
                .or_insert(LineStat { pages: 0, last: 0 });
            stat.pages += 1;
            stat.last = self.clock;
        }
        if decay_pages > 1 && self.pages >= decay_pages {
            self.pages /= 2;
            self.lines.retain(|_, s| {
                s.pages /= 2;
                s.pages > 0
            });
        }
        if self.lines.len() > max_lines.max(1) {
            self.shrink(max_lines.max(1) * 3 / 4);
        }
    }

    /// Keeps the `keep` lines seen on the most pages, the most recently seen
    /// first among equals (then by key, so the result is deterministic).
    fn shrink(&mut self, keep: usize) {
        let mut all: Vec<(u64, LineStat)> = self.lines.drain().collect();
        all.sort_unstable_by(|(ka, a), (kb, b)| {
            b.pages
                .cmp(&a.pages)
                .then(b.last.cmp(&a.last))
                .then(ka.cmp(kb))
        });
        all.truncate(keep);
        self.lines = all.into_iter().collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_once_per_page_and_the_table_stays_bounded() {
        let mut t = HostTable::new();
        for page in 0..50u64 {
            // Key 1 on every page, twice; ten keys of the page's own.
            let mut keys = vec![1, 1];
            keys.extend((0..10).map(|i| 1000 + page * 10 + i));
            t.add_page(&keys, 100, 1000);
            assert!(t.len() <= 100);
        }
        assert_eq!(t.pages(), 50);
        assert_eq!(t.seen(1), 50);
        assert_eq!(t.seen(1000), 0, "the oldest one-page lines went first");
        assert_eq!(t.seen(1000 + 49 * 10), 1);
    }

    #[test]
    fn decay_halves_the_counts() {
        let mut t = HostTable::new();
        for _ in 0..8 {
            t.add_page(&[7], 100, 8);
        }
        assert_eq!((t.pages(), t.seen(7), t.clock()), (4, 4, 8));
    }
}
