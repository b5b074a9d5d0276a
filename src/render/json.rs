//! The JSON form: one object per article.

use super::RenderOptions;
use crate::article::{Article, LanguageSource, SourceKind, Verdicts};
use crate::clean::Removal;
use serde::Serialize;

#[derive(Serialize)]
struct JsonArticle<'a> {
    text: String,
    title: Option<&'a str>,
    language: Option<&'a str>,
    language_source: Option<LanguageSource>,
    author: Option<&'a str>,
    date: Option<&'a str>,
    site_name: Option<&'a str>,
    url: Option<&'a str>,
    description: Option<&'a str>,
    source: SourceKind,
    encoding: &'a str,
    removed: &'a [Removal],
    #[serde(skip_serializing_if = "Option::is_none")]
    verdicts: Option<&'a Verdicts>,
}

/// Renders the article as one JSON object (no trailing newline):
/// `text`, `title`, `language`, `language_source` (`"declared"` or
/// `"detected"`), `author`, `date` (ISO 8601), `site_name`, `url` (the
/// canonical URL, or the one given), `description`, `source` (`"html"` or `"text"`), `encoding`, `removed`, a list of
/// `{"rule", "text"}`, and for HTML pages `verdicts`, what the extractor
/// decided (see [`Verdicts`]). Unknown fields are `null`.
pub fn json(article: &Article, options: &RenderOptions) -> String {
    let m = &article.metadata;
    let value = JsonArticle {
        text: super::text(article, options),
        title: m.title.as_deref(),
        language: m.language.as_deref(),
        language_source: m.language_source,
        author: m.author.as_deref(),
        date: m.date.as_deref(),
        site_name: m.site_name.as_deref(),
        url: m.url.as_deref(),
        description: m.description.as_deref(),
        source: article.source,
        encoding: article.encoding,
        removed: &article.removed,
        verdicts: article.verdicts.as_ref(),
    };
    serde_json::to_string(&value).expect("serialising plain strings cannot fail")
}
