//! What a page says it is: its OpenGraph `og:type`, the types its JSON-LD
//! names and its microdata `itemtype`s, read in one pass over the page.

use super::dom::{Dom, Ix};
use html5ever::local_name;

/// JSON-LD types of an article page.
const ARTICLE_TYPES: [&str; 5] = [
    "\"NewsArticle\"",
    "\"Article\"",
    "\"BlogPosting\"",
    "\"ReportageNewsArticle\"",
    "\"OpinionNewsArticle\"",
];

/// JSON-LD types of a forum thread or a Q&A page.
const DISCUSSION_TYPES: [&str; 2] = ["\"DiscussionForumPosting\"", "\"QAPage\""];

/// JSON-LD types of a product page.
const PRODUCT_TYPES: [&str; 2] = ["\"Product\"", "\"ProductGroup\""];

/// The page's own statements of its type.
pub(crate) struct Declared<'a> {
    /// The `content` of each `<meta property="og:type">`.
    og_types: Vec<&'a str>,
    /// The text of each `<script type="application/ld+json">` (its first
    /// child; empty when that is not text).
    json_ld: Vec<&'a str>,
    /// Every `itemtype` attribute.
    itemtypes: Vec<&'a str>,
}

impl<'a> Declared<'a> {
    /// Reads what `dom` declares.
    pub(crate) fn read(dom: &Dom<'a>) -> Declared<'a> {
        let mut found = Declared {
            og_types: Vec::new(),
            json_ld: Vec::new(),
            itemtypes: Vec::new(),
        };
        for i in 0..dom.len() as Ix {
            let Some(e) = dom.element(i) else {
                continue;
            };
            if let Some(t) = e.attr(&local_name!("itemtype")) {
                found.itemtypes.push(t);
            }
            match e.name() {
                "meta" if e.attr(&local_name!("property")) == Some("og:type") => {
                    if let Some(c) = e.attr(&local_name!("content")) {
                        found.og_types.push(c);
                    }
                }
                "script" if e.attr(&local_name!("type")) == Some("application/ld+json") => {
                    let first = i + 1;
                    if first < dom.node(i).end {
                        found.json_ld.push(dom.text(first));
                    }
                }
                _ => {}
            }
        }
        found
    }

    /// Whether the page says it is an article (OpenGraph or JSON-LD type).
    pub(crate) fn article(&self) -> bool {
        self.says(&["article"], &ARTICLE_TYPES)
    }

    /// Whether the page says it is a discussion (JSON-LD or microdata type).
    pub(crate) fn discussion(&self) -> bool {
        self.says(&[], &DISCUSSION_TYPES)
            || self
                .itemtypes
                .iter()
                .any(|t| t.ends_with("/DiscussionForumPosting") || t.ends_with("/QAPage"))
    }

    /// Whether the page says it is a product page (OpenGraph or JSON-LD type).
    pub(crate) fn product(&self) -> bool {
        self.says(&["product", "og:product"], &PRODUCT_TYPES)
    }

    /// Whether the page's OpenGraph type is one of `og` or its JSON-LD names
    /// one of `ld` (quoted).
    fn says(&self, og: &[&str], ld: &[&str]) -> bool {
        self.og_types
            .iter()
            .any(|c| og.iter().any(|o| c.trim().eq_ignore_ascii_case(o)))
            || self
                .json_ld
                .iter()
                .any(|text| ld.iter().any(|k| text.contains(k)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tree::Document;

    fn declared(html: &str) -> (bool, bool, bool) {
        let doc = Document::parse(html);
        let dom = Dom::new(&doc);
        let d = Declared::read(&dom);
        (d.article(), d.discussion(), d.product())
    }

    #[test]
    fn types_come_from_open_graph_json_ld_and_microdata() {
        assert_eq!(declared("<p>x"), (false, false, false));
        assert_eq!(
            declared("<meta property=og:type content=' Article '>"),
            (true, false, false)
        );
        assert_eq!(
            declared("<meta property=og:type content=og:product>"),
            (false, false, true)
        );
        // Only og:type counts, and only the JSON-LD script type.
        assert_eq!(
            declared(
                "<meta name=og:type content=article><script>{\"@type\": \"Article\"}</script>"
            ),
            (false, false, false)
        );
        assert_eq!(
            declared(
                "<script type=application/ld+json>{\"@type\": \"NewsArticle\"}</script>\
                 <script type=application/ld+json>{\"@type\": \"QAPage\"}</script>"
            ),
            (true, true, false)
        );
        assert_eq!(
            declared("<div itemtype=https://schema.org/DiscussionForumPosting>x</div>"),
            (false, true, false)
        );
        // A type named inside another is not that type.
        assert_eq!(
            declared("<script type=application/ld+json>{\"@type\": \"ProductReview\"}</script>"),
            (false, false, false)
        );
    }
}
