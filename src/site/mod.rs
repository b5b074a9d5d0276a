//! Site learning: lines that recur across many pages of one site are that
//! site's boilerplate (its prefix lines, its widgets in its own wording, its
//! footer sentence), learned from the pages themselves and removed.
//!
//! In: cleaned [`Article`](crate::Article)s, each with the URL (or page-file
//! folder) it came from. Out: the same articles without their site's
//! recurring lines, each removal explained as
//! [`Rule::SiteBoilerplate`](crate::clean::Rule) with
//! "seen on 18 of 25 pages of example.com".
//!
//! | module | job |
//! |---|---|
//! | [`host`] | a record's site: registrable domain of its URL, or its folder |
//! | [`table`] | one site's bounded counts: on how many pages each line was seen |
//! | [`judge`] | the rules deciding which recurring lines of a page go |
//! | [`model`] | [`SiteModel`]: tables of many sites, least recently used out |
//! | [`profile`] | a site's table saved to and loaded from a folder |
//!
//! Batch mode ([`batch`](crate::batch)) runs a [`SiteModel`] over the
//! records in input order, holding a site's first pages until it is warm
//! (see [`SiteConfig::warmup_pages`]); a crawler can drive one itself:
//!
//! ```
//! use thresh::site::{SiteConfig, SiteModel};
//! let cleaner = thresh::Cleaner::default();
//! let mut model = SiteModel::new(SiteConfig::default());
//! let pages: Vec<String> = (0..6)
//!     .map(|i| format!("Tidewater lounge opens its doors\nStory number {i} begins here.\nIt ends here, number {i}."))
//!     .collect();
//! for page in &pages {
//!     model.learn("https://tidewater.example/a", &cleaner.clean_text(page));
//! }
//! let mut article = cleaner.clean_text(&pages[0]);
//! model.clean("https://tidewater.example/a", &mut article);
//! assert_eq!(article.text(), "Story number 0 begins here.\nIt ends here, number 0.\n");
//! assert_eq!(article.removed[0].detail.as_deref(), Some("seen on 6 of 6 pages of tidewater.example"));
//! ```

pub mod host;
pub mod judge;
pub mod model;
pub mod profile;
pub mod table;

pub use host::site_key;
pub use model::SiteModel;
pub use profile::ProfileError;

/// How site learning decides and what it may hold. Every limit is here, with
/// its default.
///
/// ```
/// use thresh::site::SiteConfig;
/// let config = SiteConfig::new().warmup_pages(10).max_hosts(500);
/// assert_eq!((config.warmup_pages, config.max_hosts, config.min_pages), (10, 500, 3));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SiteConfig {
    /// Fewest pages of a site a line must be seen on to recur. Default: 3.
    pub min_pages: u32,
    /// Smallest share of a site's pages a line must be seen on to recur.
    /// Default: 0.25 (tuned on the invented crawl of `scripts/site_crawl.py`,
    /// family `a`: a widget line that changes with the page's section shows
    /// each of its forms on a part of the pages only).
    pub min_share: f64,
    /// Fewest words of a recurring line inside the content that reads as
    /// the page's own prose and stays ([`judge`], rule 4). Default: 8.
    pub prose_words: usize,
    /// Most lines one site's table holds. Default: 1,792, which fits a hash
    /// table of 2,048 slots (about 34 KiB).
    pub max_lines: usize,
    /// Most sites held at once; the least recently used one goes (to its
    /// profile file, when profiles are kept). Default: 1,024.
    pub max_hosts: usize,
    /// A site's counts are halved when it reaches this many pages, so the
    /// table follows a site that changes. Default: 512.
    pub decay_pages: u32,
    /// Batch mode: a record is held until its site has this many pages
    /// (its own and later ones), so that the first pages of a site are
    /// cleaned with what its later pages teach. Default: 8. 0 holds
    /// nothing: each page is cleaned with what the pages before it taught.
    pub warmup_pages: u32,
    /// Batch mode: most records held for warm-up; past it the oldest is
    /// cleaned with what its site's table knows then. Kept below
    /// `max_hosts`, so a held record's site is never dropped. Default: 256.
    pub max_held: usize,
    /// Batch mode: most bytes of text held for warm-up. Default: 64 MiB.
    pub max_held_bytes: usize,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            min_pages: 3,
            min_share: 0.25,
            prose_words: 8,
            max_lines: 1792,
            max_hosts: 1024,
            decay_pages: 512,
            warmup_pages: 8,
            max_held: 256,
            max_held_bytes: 64 << 20,
        }
    }
}

impl SiteConfig {
    /// The defaults.
    pub fn new() -> SiteConfig {
        SiteConfig::default()
    }

    /// Sets [`SiteConfig::warmup_pages`].
    pub fn warmup_pages(mut self, pages: u32) -> SiteConfig {
        self.warmup_pages = pages;
        self
    }

    /// Sets [`SiteConfig::max_hosts`].
    pub fn max_hosts(mut self, hosts: usize) -> SiteConfig {
        self.max_hosts = hosts.max(1);
        self
    }

    /// Sets [`SiteConfig::max_held`].
    pub fn max_held(mut self, records: usize) -> SiteConfig {
        self.max_held = records;
        self
    }

    /// Sets [`SiteConfig::min_pages`].
    pub fn min_pages(mut self, pages: u32) -> SiteConfig {
        self.min_pages = pages.max(1);
        self
    }

    /// Sets [`SiteConfig::min_share`] (clamped to 0..=1).
    pub fn min_share(mut self, share: f64) -> SiteConfig {
        self.min_share = if share.is_nan() {
            0.25
        } else {
            share.clamp(0.0, 1.0)
        };
        self
    }

    /// Sets [`SiteConfig::max_lines`].
    pub fn max_lines(mut self, lines: usize) -> SiteConfig {
        self.max_lines = lines.max(1);
        self
    }

    /// The records actually held: [`SiteConfig::max_held`], kept below
    /// [`SiteConfig::max_hosts`].
    pub fn held_limit(&self) -> usize {
        self.max_held.min(self.max_hosts.saturating_sub(1))
    }
}
