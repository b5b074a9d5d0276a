//! Stage 3: cleaning passes over [`Block`]s, the same for HTML and text inputs.
//!
//! Each pass looks at the blocks still kept in a [`Draft`], removes blocks or
//! strips prefixes, and records every removal with its [`Rule`]. The passes run
//! in a fixed order (see [`run_with`]). Blocks from an HTML page have already
//! lost their comment sections and link lists to the extractor, which works on
//! the DOM, so on [`Origin::Html`] the passes that guess those from lines
//! alone are more careful (see [`Origin`]).
//!
//! | order | pass | rule |
//! |---|---|---|
//! | 1 | attribution | T5, T6: repeated source prefixes |
//! | 2 | separators | T7: lines with no letter and no digit |
//! | 3 | inline | T8: "Advertisement" markers, "Read more: ..." link bait |
//! | 4 | leading | T8: navigation and cookie lines before the first paragraph |
//! | 5 | masthead | HTML only: kicker, byline and date lines before the first paragraph |
//! | 5b | teasers | HTML only: a "related" heading with the teaser headlines under it |
//! | 6 | trailing | T8: the closing comment/share/related/... run |
//! | 7 | furniture | T8: a closing run of calls, labels and targets, by kind |
//!
//! Phrases live in `data/lexicon/` (see [`lexicon`]); line shapes such as
//! dates or breadcrumbs in [`shapes`].

pub mod attribution;
mod draft;
pub mod furniture;
mod inline;
mod leading;
pub mod lexicon;
mod masthead;
mod separators;
pub mod shapes;
pub mod source_span;
mod teasers;
mod trailing;

pub use draft::Draft;

use crate::block::{Block, Gap};
use crate::input;
use serde::Serialize;
use std::fmt;

/// Which rule removed something. The names are stable: they appear in
/// `--explain`, in the JSON output and in batch statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Rule {
    /// T5: a source prefix repeated on several paragraphs ("www.bbc.com reported, ").
    AttributionPrefix,
    /// T7: a line with no letter and no digit ("-", "* * *").
    Separator,
    /// T8: navigation, skip links and cookie banners before the first paragraph.
    LeadingBoilerplate,
    /// T8: "Advertisement" and similar markers anywhere in the text.
    InlineMarker,
    /// T8: a one-line `Read more: <headline>` link.
    LinkBait,
    /// T8: the trailing comment, share, related, newsletter, tag, author or
    /// copyright blocks.
    TrailingWidget,
    /// HTML only: kicker, byline, date and credit lines before the first
    /// paragraph.
    Masthead,
    /// HTML only: a heading that labels other pages ("Mehr aus Thüringen")
    /// with the teasers under it.
    TeaserRun,
    /// HTML only: a short line pitching the site's newsletter, app, channel
    /// or shop in the middle of the text.
    Pitch,
    /// HTML extractor: a reader-comment section under an article.
    CommentSection,
    /// HTML extractor: navigation, menus, page header and footer.
    Navigation,
    /// HTML extractor: related-story, teaser and "more from" link lists.
    RelatedLinks,
    /// HTML extractor: any other region the page marks as chrome (share
    /// bars, newsletter and cookie boxes, ads, sidebars, bylines).
    PageWidget,
    /// HTML extractor: a picture's or table's caption (kept with
    /// `--keep-captions`, or when captions carry the page).
    Caption,
    /// Batch mode: a line that recurs across the pages of the record's site
    /// (see [`site`](crate::site)).
    SiteBoilerplate,
}

impl Rule {
    /// The rule's stable name, e.g. `"attribution-prefix"`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::AttributionPrefix => "attribution-prefix",
            Rule::Separator => "separator",
            Rule::LeadingBoilerplate => "leading-boilerplate",
            Rule::InlineMarker => "inline-marker",
            Rule::LinkBait => "link-bait",
            Rule::TrailingWidget => "trailing-widget",
            Rule::Masthead => "masthead",
            Rule::Pitch => "pitch",
            Rule::TeaserRun => "teaser-run",
            Rule::CommentSection => "comment-section",
            Rule::Navigation => "navigation",
            Rule::RelatedLinks => "related-links",
            Rule::PageWidget => "page-widget",
            Rule::Caption => "caption",
            Rule::SiteBoilerplate => "site-boilerplate",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One thing a cleaning pass removed: a whole block, or the prefix of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removal {
    /// The rule that fired.
    pub rule: Rule,
    /// The removed text.
    pub text: String,
    /// Why, when the rule's name does not say it all: for
    /// [`Rule::SiteBoilerplate`], `"seen on 18 of 25 pages of example.com"`.
    /// Left out of JSON when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Removal {
    /// A removal by `rule` of `text`, with no detail.
    pub fn new(rule: Rule, text: impl Into<String>) -> Removal {
        Removal {
            rule,
            text: text.into(),
            detail: None,
        }
    }
}

/// The blocks that survived cleaning and what was removed, in input order.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// Kept blocks; gaps of removed blocks are merged into the next kept one.
    pub blocks: Vec<Block>,
    /// Every removal, in the order of the blocks it came from.
    pub removed: Vec<Removal>,
}

/// Where the blocks came from: decides how careful the passes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    /// Plain text (text mode, rules T1-T8 of the contract): every pass runs.
    #[default]
    Text,
    /// Blocks the HTML extractor kept. The extractor already dropped comment
    /// sections by their DOM, so what is left of a discussion page is its
    /// content: forum posts under "Helen said:" bylines and "12 replies"
    /// counts are not a trailing comment list, a one-line "Read more: ..."
    /// is the page's own link, and an attribution prefix goes only when its
    /// source is a domain heading two paragraphs or a name heading three.
    Html,
}

/// Most rounds of the two closing passes (trailing, furniture).
const MAX_CLOSING_ROUNDS: usize = 4;

/// Runs every cleaning pass over `blocks` from text ([`Origin::Text`]), as
/// one part.
#[cfg(test)]
pub fn run(blocks: Vec<Block>) -> Cleaned {
    run_with(blocks, Origin::Text)
}

/// Runs the cleaning passes over `blocks` that came from `origin`.
pub fn run_with(blocks: Vec<Block>, origin: Origin) -> Cleaned {
    let mut draft = Draft::new(blocks);
    passes(&mut draft, origin, Part::WHOLE);
    draft.finish()
}

/// Where the blocks under cleaning sit in their input. A text of very many
/// lines is cleaned a part at a time (see [`text`]); the passes that look
/// for a run at the start of the input read only its first part, and those
/// that look for a closing run only its last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// The blocks start the input.
    pub first: bool,
    /// The blocks end the input.
    pub last: bool,
}

impl Part {
    /// All of the input.
    pub const WHOLE: Part = Part {
        first: true,
        last: true,
    };
}

/// Cleans the text `text` as text mode does, a part of
/// [`input::text::PART_LINES`] to twice as many lines at a time: each part's
/// cleaned blocks come out in order, the gaps of removed lines merged across
/// parts, so that the memory taken is that of one part whatever the length
/// of the text. A text of fewer lines is one part, cleaned whole.
///
/// Cleaning in parts reads what each pass reads in the whole text, except
/// that an attribution prefix must repeat within its part, and a leading
/// run ends with the first part and a closing run starts in the last. With
/// `logged` false, the parts' [`Cleaned::removed`] are empty and no removed
/// line is copied.
pub fn text(text: &str, logged: bool) -> impl Iterator<Item = Cleaned> + '_ {
    let mut carried = Gap::NONE;
    input::text::parts(text).map(move |(part, blocks)| {
        let mut draft = if logged {
            Draft::new(blocks)
        } else {
            Draft::unlogged(blocks)
        };
        passes(&mut draft, Origin::Text, part);
        let (cleaned, left) = draft.finish_after(carried);
        carried = left;
        cleaned
    })
}

/// The passes, in order, over the part `part` of an input from `origin`.
fn passes(draft: &mut Draft, origin: Origin, part: Part) {
    // Prefixes first: "Source: x.com — Advertisement" is a marker once bare.
    attribution::strip(draft, origin);
    separators::remove(draft);
    inline::remove(draft, origin);
    if part.first {
        leading::remove(draft);
    }
    if origin == Origin::Html {
        masthead::remove(draft);
        teasers::remove(draft);
    }
    if !part.last {
        return;
    }
    // A closing run cut by one pass can uncover another for either; again
    // until nothing changes, so that cleaning clean output changes nothing.
    let mut lines = trailing::Memo::new(draft.len());
    for _ in 0..MAX_CLOSING_ROUNDS {
        let before = draft.kept().count();
        trailing::remove(draft, origin, &mut lines);
        furniture::remove(draft, origin);
        if draft.kept().count() == before {
            break;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::block::{BlockKind, Gap};

    /// `run` on a few inputs.
    #[test]
    fn example_run() {
        use crate::{clean, input::text::blocks};
        let cleaned = clean::run(blocks("First line.\n* * *\nSecond line."));
        assert_eq!(cleaned.blocks.len(), 2);
        assert_eq!(cleaned.removed[0].rule, clean::Rule::Separator);
    }

    /// `run_with` on a few inputs.
    #[test]
    fn example_run_with() {
        use crate::block::Block;
        use crate::clean::{run_with, Origin};
        let posts = [
            "How do I reset it?",
            "Helen said:",
            "Hold the button.",
            "2 replies",
            "Thanks.",
        ];
        let blocks: Vec<Block> = posts.iter().map(|t| Block::paragraph(*t)).collect();
        // A thread from a page stays whole; in text, "2 replies" opens a comment list.
        assert_eq!(run_with(blocks.clone(), Origin::Html).blocks.len(), 5);
        assert_eq!(run_with(blocks, Origin::Text).blocks.len(), 3);
    }

    /// The lines text mode keeps of `text`, for the passes' unit tests.
    pub(crate) fn kept(text: &str) -> Vec<String> {
        run(crate::input::text::blocks(text))
            .blocks
            .into_iter()
            .map(|b| b.text)
            .collect()
    }

    /// The texts HTML mode keeps of `blocks`, for the passes' unit tests.
    pub(crate) fn kept_html_blocks(blocks: Vec<Block>) -> Vec<String> {
        run_with(blocks, Origin::Html)
            .blocks
            .into_iter()
            .map(|b| b.text)
            .collect()
    }

    /// The lines HTML mode keeps of `text`, one paragraph block per line.
    pub(crate) fn kept_html(text: &str) -> Vec<String> {
        kept_html_blocks(crate::input::text::blocks(text))
    }

    #[test]
    fn code_blocks_are_never_chaff() {
        let code = |t: &str| Block::new(BlockKind::Code, t, Gap::NONE);
        let blocks = vec![
            code("Menu"),
            Block::paragraph("Body text of the page."),
            code("Advertisement"),
            code("* * *"),
            Block::paragraph("More body text."),
            Block::paragraph("Related articles"),
            code("Reply"),
        ];
        let cleaned = run(blocks);
        let kinds: Vec<BlockKind> = cleaned.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds.iter().filter(|k| **k == BlockKind::Code).count(), 4);
        assert_eq!(cleaned.blocks.len(), 7);
    }

    #[test]
    fn html_headings_and_list_items_are_cleaned_like_lines() {
        let blocks = vec![
            Block::new(BlockKind::Heading(1), "The pact", Gap::NONE),
            Block::paragraph("The treaty was signed on Wednesday."),
            Block::new(BlockKind::Heading(2), "Related articles", Gap::NONE),
            Block::new(
                BlockKind::ListItem { ordered: false },
                "Why prices keep rising",
                Gap::NONE,
            ),
            Block::new(
                BlockKind::ListItem { ordered: false },
                "The hidden cost of coffee",
                Gap::NONE,
            ),
        ];
        let cleaned = run(blocks);
        assert_eq!(cleaned.blocks.len(), 2);
        assert!(cleaned
            .removed
            .iter()
            .all(|r| r.rule == Rule::TrailingWidget));
    }
}
