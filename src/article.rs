//! The pipeline's result: an [`Article`] with its kept blocks, metadata and
//! the log of what was removed.

use crate::block::Block;
use crate::clean::Removal;
use serde::Serialize;

/// What is known about the page besides its text. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Metadata {
    /// The article's headline.
    pub title: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// When it was published, in ISO 8601: `"2019-11-19"`, or
    /// `"2019-11-19T10:00:00+01:00"` when the page gives the time (and its
    /// offset, when it gives one).
    pub date: Option<String>,
    /// The publication's name.
    pub site_name: Option<String>,
    /// Language tag, e.g. `"en"` or `"pt-BR"`: the one the page declares,
    /// else the one detected from the text (a two-letter ISO 639-1 code).
    pub language: Option<String>,
    /// Whether [`Metadata::language`] was declared by the page or detected
    /// from the text; `None` when there is no language.
    pub language_source: Option<LanguageSource>,
    /// The canonical URL (resolved against the page's URL when relative),
    /// or the URL the caller gave.
    pub url: Option<String>,
    /// The page's summary of the article (`description`, `og:description`,
    /// JSON-LD `description`...).
    pub description: Option<String>,
}

/// Where a [`Metadata::language`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum LanguageSource {
    /// The page says it (`<html lang>`, `content-language`, `og:locale`, JSON-LD).
    Declared,
    /// Detected from the text: the page says nothing, or the input is text.
    Detected,
}

impl LanguageSource {
    /// `"declared"` or `"detected"`, as in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            LanguageSource::Declared => "declared",
            LanguageSource::Detected => "detected",
        }
    }
}

/// What the HTML extractor decided about a page, so that a user can see why
/// a comment stayed or went (`--explain`, and `verdicts` in JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Verdicts {
    /// What the page is: `"article"` (its markup says so or it has comment
    /// sections under an article), `"discussion"` (a thread or Q&A page
    /// whose posts are the content), `"product"`, or `"page"` (nothing said).
    pub page: &'static str,
    /// Comment sections found by the page's markup.
    pub comment_sections: usize,
    /// Whether those sections were dropped (`"dropped"`), kept as the
    /// content of a discussion (`"kept"`), or there were none (`"none"`).
    pub comments: &'static str,
    /// The chosen content container, as a CSS-like name
    /// (`"div#main.entry-content"`), or `"body"` in whole-page mode.
    pub container: String,
    /// Whether the chosen container held too little of the page, so the
    /// whole body (without its menus) was taken instead.
    pub whole_page: bool,
}

/// Which parser the input went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// An HTML page.
    Html,
    /// Scraped text.
    Text,
}

/// A cleaned article. It serialises (serde) with its fields as they are:
/// `blocks`, `metadata`, `removed`, `source`, `encoding`, `verdicts`; the
/// JSON output form ([`render::json`](crate::render::json)) is the flatter
/// one meant for people.
///
/// ```
/// let article = thresh::Cleaner::default().clean_text("Hello.\n***\nWorld.");
/// assert_eq!(article.text(), "Hello.\nWorld.\n");
/// assert_eq!(article.removed.len(), 1);
/// let json = serde_json::to_value(&article).unwrap();
/// assert_eq!(json["blocks"][1]["text"], "World.");
/// assert_eq!(json["removed"][0]["rule"], "separator");
/// assert_eq!(json["source"], "text");
/// ```
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Article {
    /// The content, block by block.
    pub blocks: Vec<Block>,
    /// Title, author, date, language and so on, when known.
    pub metadata: Metadata,
    /// Everything the cleaning passes removed, in input order.
    pub removed: Vec<Removal>,
    /// Whether the input was HTML or text.
    pub source: SourceKind,
    /// The charset the input was decoded with, e.g. `"windows-1251"`.
    pub encoding: &'static str,
    /// For HTML pages, what the extractor decided; `None` for text.
    pub verdicts: Option<Verdicts>,
}

impl Article {
    /// The article as clean text, in the text-mode output form: lines end in
    /// LF, the input's paragraph layout is kept, empty when nothing is left.
    pub fn text(&self) -> String {
        crate::render::text(self, &crate::render::RenderOptions::default())
    }

    /// Whether no content is left.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}
