//! Page metadata: a parsed document in, a [`Metadata`] (title, author,
//! published date, site name, language, canonical URL) out.
//!
//! Sources, best first for each field:
//!
//! | field | sources |
//! |---|---|
//! | title | JSON-LD `headline`/`name` of the article object; `<meta>` `dc:title`, `og:title`, `twitter:title`, `title`...; `<title>` without its " \| Site" part |
//! | author | JSON-LD `author` (strings, `Person` objects, `@id` references into `@graph`, lists); `<meta>` `dc:creator`, `author`...; a byline element (`rel=author`, `itemprop=author`, or a class/id hint from `data/metadata/byline-hints.txt`), cut before the date that often follows |
//! | date | JSON-LD `datePublished`; `<meta>` `article:published_time`, `datePublished`, `dc:date`...; `<time itemprop=datePublished>` or `<time pubdate>`; JSON-LD `dateCreated`; the byline element's text; the first `<time>` outside comment sections. The first that holds a date (the `date` module reads it) gives it, in ISO 8601 |
//! | site name | JSON-LD `publisher.name`; `og:site_name`; JSON-LD `WebSite` `name` |
//! | language | `<html lang>`; `<meta http-equiv=content-language>`; `og:locale`; JSON-LD `inLanguage` |
//! | URL | `<link rel=canonical>`; `og:url` (relative ones resolved against the page URL, dropped without one) |
//! | description | JSON-LD `description` of the article object; `<meta>` `dc:description`, `og:description`, `description`, `twitter:description` |
//!
//! `<meta>` keys are read from `property`, `name` and `itemprop`, split on
//! whitespace, lowercased, with `.` read as `:` (`DC.title` is `dc:title`).
//! One linear pass over the document's nodes; no recursion.

use super::tree::{Document, Edge, Element, NodeId, NO_NAMES};
use crate::article::{LanguageSource, Metadata};
use aho_corasick::AhoCorasick;
use html5ever::local_name;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `<meta>` keys giving the title, best first.
const TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dcterm:title",
    "dcterms:title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "sailthru:title",
    "title",
];
/// `<meta>` keys giving the author, best first.
const AUTHOR_KEYS: &[&str] = &[
    "dc:creator",
    "dcterm:creator",
    "dcterms:creator",
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru:author",
    "byl",
];
/// `<meta>` keys giving the publication date, best first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru:date",
    "citation_publication_date",
    "dc:date",
    "dcterm:date",
    "dcterms:date",
    "dcterms:created",
    "pubdate",
    "publish-date",
    "publishdate",
    "date",
];
/// `<meta>` keys giving the description, best first (Readability's order).
const DESCRIPTION_KEYS: &[&str] = &[
    "dc:description",
    "dcterm:description",
    "dcterms:description",
    "og:description",
    "description",
    "twitter:description",
];
/// `<meta>` keys giving the site name, best first.
const SITE_KEYS: &[&str] = &["og:site_name"];
/// `<meta>` keys giving the language, best first.
const LANGUAGE_KEYS: &[&str] = &["content-language", "language", "dc:language", "og:locale"];
/// `<meta>` keys giving the canonical URL.
const URL_KEYS: &[&str] = &["og:url"];

/// JSON-LD `@type`s of an article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
    "QAPage",
    "Recipe",
];

/// Longest byline text taken from the page body, in characters.
const MAX_BYLINE_CHARS: usize = 100;

/// Reads the metadata of `doc`; `url` is the page's URL when known, used to
/// resolve a relative canonical URL and as the URL when the page gives none.
///
/// ```
/// let doc = thresh::internals::tree::Document::parse(
///     "<html lang=en><head><title>Pact signed | The Daily</title>\
///      <meta property=og:site_name content='The Daily'></head></html>",
/// );
/// let m = thresh::internals::metadata::extract(&doc, None);
/// assert_eq!(m.title.as_deref(), Some("Pact signed"));
/// assert_eq!(m.site_name.as_deref(), Some("The Daily"));
/// assert_eq!(m.language.as_deref(), Some("en"));
/// ```
pub fn extract(doc: &Document, url: Option<&str>) -> Metadata {
    let found = Found::scan(doc);
    let ld = found.json_ld();
    let site_name = ld
        .site_name
        .or_else(|| found.meta(SITE_KEYS))
        .or(ld.website_name);
    let title = ld
        .title
        .or_else(|| found.meta(TITLE_KEYS))
        .map(|t| strip_site_suffix(&t, site_name.as_deref()).unwrap_or(t))
        .or_else(|| {
            let t = found.title.as_deref()?;
            Some(title_from_title_element(t, site_name.as_deref()))
        });
    let author = ld
        .author
        .or_else(|| {
            AUTHOR_KEYS
                .iter()
                .flat_map(|k| found.metas.get(*k).into_iter().flatten())
                .find_map(|v| clean_author(v))
        })
        .or_else(|| found.byline.as_deref().and_then(byline_name));
    let date = ld
        .published
        .iter()
        .chain(
            DATE_KEYS
                .iter()
                .flat_map(|k| found.metas.get(*k).into_iter().flatten()),
        )
        .chain(&found.time)
        .chain(&ld.created)
        .chain(&found.byline_whole)
        .chain(&found.any_time)
        .find_map(|d| super::date::iso8601(d));
    let description = ld.description.or_else(|| found.meta(DESCRIPTION_KEYS));
    let language = found
        .lang
        .clone()
        .or_else(|| found.meta(LANGUAGE_KEYS))
        .or(ld.language)
        .and_then(|l| clean_language(&l));
    let canonical = found
        .canonical
        .clone()
        .or_else(|| found.meta(URL_KEYS))
        .and_then(|c| resolve(&c, url));
    Metadata {
        title: title.filter(|t| !t.is_empty()),
        author,
        date,
        site_name,
        language_source: language.as_ref().map(|_| LanguageSource::Declared),
        language,
        url: canonical.or_else(|| url.map(str::to_string)),
        description,
    }
}

/// What one pass over the document found.
#[derive(Default)]
struct Found {
    /// The first `<title>`'s text.
    title: Option<String>,
    /// `<html lang>`.
    lang: Option<String>,
    /// `<link rel=canonical>` href.
    canonical: Option<String>,
    /// `<meta>` contents by normalised key, in document order.
    metas: HashMap<String, Vec<String>>,
    /// The text of `application/ld+json` scripts.
    json_ld: Vec<String>,
    /// The first byline element's text.
    byline: Option<String>,
    /// The first `<time>` marked as the publication date.
    time: Option<String>,
    /// The whole text of the first byline element (its date included).
    byline_whole: Option<String>,
    /// The first `<time>` outside comment sections, marked or not.
    any_time: Option<String>,
}

impl Found {
    fn scan(doc: &Document) -> Found {
        let mut found = Found::default();
        let mut lower = String::new();
        // Whether each of the page's (class, id) pairs names a byline, read
        // once a pair.
        let mut bylines: Vec<Option<bool>> = vec![None; doc.names().len()];
        // In the order the parser created the nodes, as scraper's tree
        // listed them.
        for el in 0..doc.len() as NodeId {
            let Some(e) = doc.element(el) else {
                continue;
            };
            match e.name() {
                "html" if found.lang.is_none() => {
                    found.lang = e.get_attr("lang").or(e.get_attr("xml:lang")).map(collapse);
                }
                "title" if found.title.is_none() && !in_foreign(doc, el) => {
                    found.title = Some(collapse(&doc.text_of(el)));
                }
                "meta" => {
                    let Some(content) = e.get_attr("content") else {
                        continue;
                    };
                    let content = collapse(content);
                    if content.is_empty() {
                        continue;
                    }
                    let keys = ["property", "name", "itemprop", "http-equiv"]
                        .iter()
                        .filter_map(|a| e.get_attr(a))
                        .flat_map(str::split_whitespace);
                    for key in keys {
                        let key = key.to_ascii_lowercase().replace('.', ":");
                        found.metas.entry(key).or_default().push(content.clone());
                    }
                }
                "link" if found.canonical.is_none() => {
                    let canonical = e.get_attr("rel").is_some_and(|r| {
                        r.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("canonical"))
                    });
                    if canonical {
                        found.canonical = e.get_attr("href").map(|h| h.trim().to_string());
                    }
                }
                "script" => {
                    let ld = e
                        .get_attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                    if ld {
                        found.json_ld.push(doc.text_of(el));
                    }
                }
                "time" if found.time.is_none() => {
                    let published = e.get_attr("pubdate").is_some()
                        || e.get_attr("itemprop")
                            .is_some_and(|p| p.contains("datePublished"));
                    let value = || {
                        e.get_attr("datetime")
                            .map(collapse)
                            .or_else(|| Some(collapse(&doc.text_of(el))))
                            .filter(|t| !t.is_empty())
                    };
                    let modified = e
                        .get_attr("itemprop")
                        .is_some_and(|p| p.contains("dateModified"))
                        || e.get_attr("class").is_some_and(|c| {
                            let c = c.to_ascii_lowercase();
                            c.contains("updated") || c.contains("modified")
                        });
                    if published {
                        found.time = value();
                    } else if found.any_time.is_none() && !modified && !in_comments(doc, el) {
                        found.any_time = value();
                    }
                }
                _ => {}
            }
            // The page's outermost elements are not bylines, whatever their
            // class says (`<body class="author-4326">`), nor are the parts of
            // a drawing (`<symbol id="shape-author"><title>author`).
            let whole_page = matches!(e.name(), "html" | "head" | "body");
            if found.byline.is_none()
                && !whole_page
                && is_byline(e, doc, &mut lower, &mut bylines)
                && !in_comments(doc, el)
                && !in_foreign(doc, el)
            {
                // A Person item's name, when marked, is the name alone.
                let name = doc.descendants(el).find(|&d| {
                    doc.element(d)
                        .and_then(|d| d.get_attr("itemprop"))
                        .is_some_and(|p| p.split_whitespace().any(|p| p == "name"))
                });
                let text = byline_text(doc, name.unwrap_or(el));
                if !text.is_empty() && text.chars().count() <= MAX_BYLINE_CHARS {
                    found.byline = Some(text);
                    let whole = collapse(&doc.text_of(el));
                    found.byline_whole =
                        Some(whole).filter(|w| w.chars().count() <= 2 * MAX_BYLINE_CHARS);
                }
            }
        }
        found
    }

    /// The first non-empty `<meta>` content among `keys`, best key first.
    fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.metas.get(*k).and_then(|v| v.first()))
            .cloned()
    }

    fn json_ld(&self) -> LinkedData {
        let mut ld = LinkedData::default();
        for text in &self.json_ld {
            if let Some(value) = parse_json_ld(text) {
                ld.absorb(&value, self.title.as_deref().unwrap_or(""));
            }
        }
        ld
    }
}

/// Whether `e` is marked as holding the article's byline.
/// `lower` is scratch space; `memo` holds the answers for the document's
/// class and id pairs ([`Document::names`]) read so far.
fn is_byline(e: &Element, doc: &Document, lower: &mut String, memo: &mut [Option<bool>]) -> bool {
    if e.attr(&local_name!("rel"))
        .is_some_and(|r| r.split_whitespace().any(|r| r == "author"))
        || e.attr(&local_name!("itemprop"))
            .is_some_and(|p| p.split_whitespace().any(|p| p == "author"))
    {
        return true;
    }
    let names = e.names();
    if names == NO_NAMES {
        return false;
    }
    // A page repeats its class names: each (class, id) pair is read once.
    *memo[names as usize].get_or_insert_with(|| {
        let (class, id) = doc.names().get(names);
        names_byline(present(class), present(id), lower)
    })
}

/// A class or id value, `None` when empty (as when absent).
fn present(value: &str) -> Option<&str> {
    Some(value).filter(|v| !v.is_empty())
}

/// Whether an element's `class` and `id` mark it as a byline
/// (`data/metadata/byline-hints.txt`). `lower` is scratch space.
fn names_byline(class: Option<&str>, id: Option<&str>, lower: &mut String) -> bool {
    let hints = &*BYLINE_HINTS;
    // A value names a byline only by holding, lower-cased, one of the words
    // that make one; most hold none, which one search tells without
    // lower-casing or splitting. Only for ASCII values: lower-casing others
    // can make ASCII letters (the Kelvin sign becomes `k`).
    if class
        .into_iter()
        .chain(id)
        .all(|v| v.is_ascii() && !hints.words.is_match(v))
    {
        return false;
    }
    names_byline_by_tokens(class, id, lower)
}

/// [`names_byline`] read token by token: a value names a byline when one of
/// its lower-cased alphanumeric tokens is a byline token or it holds an
/// `anywhere` word, and none of its tokens excludes it.
fn names_byline_by_tokens(class: Option<&str>, id: Option<&str>, lower: &mut String) -> bool {
    let hints = &*BYLINE_HINTS;
    let mut matched = false;
    for value in class.into_iter().chain(id) {
        lower.clear();
        if value.is_ascii() {
            lower.push_str(value);
            lower.make_ascii_lowercase();
        } else {
            lower.push_str(&value.to_lowercase());
        }
        for token in lower.split(|c: char| !c.is_alphanumeric()) {
            if hints.exclude.iter().any(|x| x == token) {
                return false;
            }
            matched |= hints.tokens.iter().any(|t| t == token);
        }
        matched |= hints.anywhere.iter().any(|a| lower.contains(a.as_str()));
    }
    matched
}

/// The byline hints of `data/metadata/byline-hints.txt`.
struct BylineHints {
    tokens: Vec<String>,
    anywhere: Vec<String>,
    exclude: Vec<String>,
    /// Finds any of `tokens` and `anywhere`, ASCII case ignored.
    words: AhoCorasick,
}

static BYLINE_HINTS: LazyLock<BylineHints> = LazyLock::new(|| {
    let (mut tokens, mut anywhere, mut exclude) = (Vec::new(), Vec::new(), Vec::new());
    let lines = include_str!("../../data/metadata/byline-hints.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    for line in lines {
        let line = line.to_lowercase();
        match (line.strip_prefix('~'), line.strip_prefix('!')) {
            (Some(w), _) => anywhere.push(w.to_string()),
            (_, Some(w)) => exclude.push(w.to_string()),
            _ => tokens.push(line),
        }
    }
    let words = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(tokens.iter().chain(&anywhere))
        .expect("byline hints are valid patterns");
    BylineHints {
        tokens,
        anywhere,
        exclude,
        words,
    }
});

/// The text of a byline element up to its first line break or `<time>`
/// (after which a date usually follows), without the text of elements never
/// shown (scripts, styles, drawings).
fn byline_text(doc: &Document, el: NodeId) -> String {
    let mut text = String::new();
    let mut hidden = 0usize;
    for edge in doc.traverse(el) {
        let (node, open) = match edge {
            Edge::Open(node) => (node, true),
            Edge::Close(node) => (node, false),
        };
        let never_shown = doc.element(node).is_some_and(|e| {
            matches!(
                e.name(),
                "script" | "style" | "svg" | "noscript" | "template"
            )
        });
        if never_shown {
            if open {
                hidden += 1;
            } else {
                hidden -= 1;
            }
            continue;
        }
        if !open || hidden > 0 {
            continue;
        }
        if let Some(t) = doc.text(node) {
            text.push_str(t);
        } else if doc
            .element(node)
            .is_some_and(|e| matches!(e.name(), "br" | "time" | "p" | "div"))
            && node != el
            && !text.trim().is_empty()
        {
            break;
        }
    }
    collapse(&text)
}

/// Whether `el` sits inside a comment section (whose authors are not the
/// article's).
fn in_comments(doc: &Document, el: NodeId) -> bool {
    doc.ancestors(el).filter_map(|a| doc.element(a)).any(|e| {
        e.get_attr("class")
            .into_iter()
            .chain(e.get_attr("id"))
            .any(|s| s.to_ascii_lowercase().contains("comment"))
    })
}

/// Whether `el` is inside `<svg>` or `<math>` (whose `<title>` is not the page's).
fn in_foreign(doc: &Document, el: NodeId) -> bool {
    doc.ancestors(el)
        .filter_map(|a| doc.element(a))
        .any(|a| matches!(a.name(), "svg" | "math"))
}

/// What the JSON-LD of a page says.
#[derive(Default)]
struct LinkedData {
    title: Option<String>,
    author: Option<String>,
    /// `datePublished`, as given.
    published: Option<String>,
    /// `dateCreated`, as given.
    created: Option<String>,
    site_name: Option<String>,
    website_name: Option<String>,
    language: Option<String>,
    description: Option<String>,
}

impl LinkedData {
    /// Takes the fields still missing from the article object in `value`
    /// (a JSON-LD document: an object, a list, or an object with `@graph`).
    fn absorb(&mut self, value: &Value, page_title: &str) {
        let objects = flatten_graph(value);
        let ids: HashMap<&str, &Value> = objects
            .iter()
            .filter_map(|o| Some((o.get("@id")?.as_str()?, *o)))
            .collect();
        let resolve = |v| resolve_id(v, &ids);
        for object in &objects {
            if self.website_name.is_none() && has_type(object, &["WebSite"]) {
                self.website_name = string(object.get("name"));
            }
        }
        let Some(article) = objects.iter().find(|o| has_type(o, ARTICLE_TYPES)) else {
            return;
        };
        if self.site_name.is_none() {
            self.site_name = article
                .get("publisher")
                .and_then(|p| as_list(p).into_iter().find_map(|p| resolve(p)?.get("name")))
                .and_then(|n| string(Some(n)));
        }
        if self.title.is_none() {
            let headline = string(article.get("headline"));
            let site = self.site_name.as_ref().or(self.website_name.as_ref());
            let name = string(article.get("name"))
                .filter(|n| site.is_none_or(|s| !s.eq_ignore_ascii_case(n)));
            // When both are given and differ, the one the <title> holds is
            // the headline (Wikipedia's "headline" is a description).
            let in_title = |t: &Option<String>| {
                t.as_ref()
                    .is_some_and(|t| page_title.to_lowercase().contains(&t.to_lowercase()))
            };
            self.title = if !in_title(&headline) && in_title(&name) {
                name
            } else {
                headline.or(name)
            };
        }
        if self.author.is_none() {
            self.author = article.get("author").and_then(|a| {
                let names: Vec<String> = as_list(a)
                    .into_iter()
                    .filter_map(|a| match a {
                        Value::String(s) => clean_author(s),
                        _ => resolve(a)
                            .and_then(|p| string(p.get("name")))
                            .and_then(|n| clean_author(&n)),
                    })
                    .collect();
                (!names.is_empty()).then(|| names.join(", "))
            });
        }
        if self.published.is_none() {
            self.published = string(article.get("datePublished"));
        }
        if self.created.is_none() {
            self.created = string(article.get("dateCreated"));
        }
        if self.description.is_none() {
            self.description = string(article.get("description"));
        }
        if self.language.is_none() {
            self.language = string(article.get("inLanguage"));
        }
    }
}

/// The object `v` refers to when it is a bare `{"@id": ...}` reference.
fn resolve_id<'a>(v: &'a Value, ids: &HashMap<&str, &'a Value>) -> Option<&'a Value> {
    match v.get("@id").and_then(Value::as_str) {
        Some(id) if v.get("name").is_none() => ids.get(id).copied(),
        _ => Some(v),
    }
}

/// Parses the text of a JSON-LD script, tolerating the HTML comment and
/// CDATA wrappers some pages put around it.
fn parse_json_ld(text: &str) -> Option<Value> {
    let mut t = text.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(inner) = t.strip_prefix(open) {
            t = inner.strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    serde_json::from_str(t).ok()
}

/// Every object of a JSON-LD document at the top level or in `@graph`
/// lists, in order (no deeper: nested objects are reached through fields).
fn flatten_graph(value: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut pending = vec![value];
    while let Some(v) = pending.pop() {
        match v {
            Value::Array(items) => pending.extend(items.iter().rev()),
            Value::Object(map) => {
                out.push(v);
                if let Some(graph) = map.get("@graph") {
                    pending.push(graph);
                }
            }
            _ => {}
        }
    }
    out
}

fn has_type(object: &Value, types: &[&str]) -> bool {
    object.get("@type").is_some_and(|t| {
        as_list(t).into_iter().filter_map(Value::as_str).any(|t| {
            let t = t.rsplit(['/', ':']).next().unwrap_or(t);
            types.contains(&t)
        })
    })
}

fn as_list(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

/// A JSON string (or the first string of a list), entity-decoded and
/// whitespace-collapsed; `None` when empty.
fn string(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.as_str(),
        Value::Array(items) => items.iter().find_map(Value::as_str)?,
        _ => return None,
    };
    let s = collapse(&super::guard::decode_references(s));
    (!s.is_empty()).then_some(s)
}

/// `s` with its whitespace runs collapsed to single spaces and trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words introducing a name in a byline ("By", "Von", "Par"...), longest first.
static BYLINE_PREFIXES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut words: Vec<String> = include_str!("../../data/metadata/byline-prefixes.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
});

/// Month names, from `data/metadata/months.txt`.
static MONTHS: LazyLock<Vec<String>> = LazyLock::new(|| {
    include_str!("../../data/metadata/months.txt")
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(str::to_lowercase)
        .collect()
});

/// Separators after which a byline goes on with something else than the
/// name (a date, a role, a handle).
const BYLINE_STOPS: &[&str] = &[" - ", " – ", " — ", " • ", " · ", " | ", " / "];

/// An author name without a leading "By", or `None` when it is not a name
/// (a URL, a handle, empty).
fn clean_author(raw: &str) -> Option<String> {
    let s = collapse(&without_bracketed_urls(raw));
    let lower = s.to_lowercase();
    let mut rest = s.as_str();
    for prefix in BYLINE_PREFIXES.iter() {
        // Lowercasing may change byte lengths outside ASCII: compare on chars.
        if lower.starts_with(prefix.as_str()) {
            let cut = s
                .char_indices()
                .nth(prefix.chars().count())
                .map_or(s.len(), |(i, _)| i);
            let after = &s[cut..];
            if after.starts_with(|c: char| c == ':' || c.is_whitespace()) {
                rest = after.trim_start_matches(':').trim();
                break;
            }
        }
    }
    let looks_like_url = rest.contains("://") || rest.starts_with("www.") || rest.starts_with('@');
    let only_prefix = BYLINE_PREFIXES.contains(&rest.to_lowercase());
    (!rest.is_empty() && !looks_like_url && !only_prefix).then(|| rest.to_string())
}

/// `s` without `(...)` or `<...>` parts that hold a URL or an e-mail
/// address ("Jo Ng (https://jo.example/)").
fn without_bracketed_urls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find(['(', '<']) {
        let close_char = if rest.as_bytes()[open] == b'(' {
            ')'
        } else {
            '>'
        };
        let Some(len) = rest[open..].find(close_char) else {
            break;
        };
        let inner = &rest[open + 1..open + len];
        out.push_str(&rest[..open]);
        if !(inner.contains("://") || inner.contains('@') || inner.starts_with("www.")) {
            out.push_str(&rest[open..=open + len]);
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The name in a byline element's text: up to the first separator or digit
/// (where a date or a role usually starts), without dangling punctuation.
fn byline_name(text: &str) -> Option<String> {
    let mut end = text
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(text.len());
    for stop in BYLINE_STOPS {
        if let Some(i) = text[..end].find(stop) {
            end = i;
        }
    }
    let name =
        text[..end].trim_end_matches(|c: char| c.is_whitespace() || "-–—•·|,/@(".contains(c));
    let mut name = clean_author(name)?;
    // "Jane Doe March": the date's month is left over from the digit cut.
    if let Some((head, last)) = name.rsplit_once(' ') {
        let last = last.trim_end_matches('.').to_lowercase();
        if head.split_whitespace().count() >= 2 && MONTHS.contains(&last) {
            name = head.trim_end_matches([',', ' ']).to_string();
        }
    }
    // "Last updated: ..." and the like are not names.
    (name.chars().count() >= 2 && !name.contains(':')).then_some(name)
}

/// A language tag as BCP 47 writes it (`en_US` becomes `en-US`).
fn clean_language(raw: &str) -> Option<String> {
    let tag = raw.split([',', ';']).next()?.trim().replace('_', "-");
    let valid = !tag.is_empty()
        && tag.len() <= 35
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    valid.then_some(tag)
}

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / ", " \\ ", " > ",
];

/// `title` without a leading or trailing `site` part, when it has one.
fn strip_site_suffix(title: &str, site: Option<&str>) -> Option<String> {
    let site = site?.trim();
    if site.is_empty() {
        return None;
    }
    for sep in TITLE_SEPARATORS {
        if let Some(head) = title.strip_suffix(site).and_then(|h| h.strip_suffix(sep)) {
            return Some(head.trim().to_string()).filter(|h| !h.is_empty());
        }
        if let Some(tail) = title.strip_prefix(site).and_then(|t| t.strip_prefix(sep)) {
            return Some(tail.trim().to_string()).filter(|t| !t.is_empty());
        }
    }
    None
}

/// The headline in a `<title>`: without the site name when known, else
/// without the part after the last separator, as long as what is left has
/// at least three words (otherwise the part after the first separator, or
/// the whole title when that is short too).
fn title_from_title_element(title: &str, site: Option<&str>) -> String {
    if let Some(stripped) = strip_site_suffix(title, site) {
        return stripped;
    }
    let words = |s: &str| s.split_whitespace().count();
    let positions: Vec<(usize, usize)> = TITLE_SEPARATORS
        .iter()
        .flat_map(|sep| title.match_indices(sep).map(|(i, s)| (i, i + s.len())))
        .collect();
    let (Some(&(last, _)), Some(&(_, first_end))) = (
        positions.iter().max_by_key(|p| p.0),
        positions.iter().min_by_key(|p| p.0),
    ) else {
        return title.to_string();
    };
    let head = title[..last].trim();
    if words(head) >= 3 {
        return head.to_string();
    }
    let tail = title[first_end..].trim();
    if words(tail) >= 3 {
        return tail.to_string();
    }
    title.to_string()
}

/// `href` as an absolute `http(s)` URL, resolved against `base`; `None`
/// when it is relative and there is no base to resolve it against, or when
/// it is not a web URL (`javascript:`, `mailto:`, garbage).
fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let absolute = match url::Url::parse(href) {
        Ok(absolute) => absolute,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            url::Url::parse(base?.trim()).ok()?.join(href).ok()?
        }
        Err(_) => return None,
    };
    matches!(absolute.scheme(), "http" | "https").then(|| absolute.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces of class names: byline words in any case, excluding words,
    /// separators, and non-ASCII letters, the Kelvin sign among them.
    const PIECES: &str = "(author|AUTHOR|Autor|autore|byline|ByLine|writtenby|Written-By|bio|\
                          avatar|post|entry|meta|name|-|_| |\u{212a}|\u{e9}|\u{130}|x|a|u|t|h|o|r){0,8}";

    proptest::proptest! {
        #[test]
        fn the_word_search_shortcut_agrees_with_reading_tokens(
            class in proptest::option::of(PIECES),
            id in proptest::option::of(PIECES),
        ) {
            let mut lower = String::new();
            let quick = names_byline(class.as_deref(), id.as_deref(), &mut lower);
            let full = names_byline_by_tokens(class.as_deref(), id.as_deref(), &mut lower);
            proptest::prop_assert_eq!(quick, full);
        }
    }

    #[test]
    fn bylines_are_named_in_any_case_and_not_by_excluded_words() {
        let mut lower = String::new();
        let mut names = |class: &str| names_byline(Some(class), None, &mut lower);
        assert!(names("post-Author"));
        assert!(names("entry-byline-wrap"));
        assert!(!names("author-bio"));
        assert!(!names("entry-content"));
        // The Kelvin sign lower-cases to `k`: not a byline word, but read.
        assert!(!names("\u{212a}"));
    }

    fn meta(html: &str) -> Metadata {
        extract(&Document::parse(html), None)
    }

    #[test]
    fn bylines_are_not_the_body_a_drawing_or_script_text() {
        // The body's class names its author template; a symbol is named
        // for the icon it draws; scripts inside a byline are not its text.
        let m = meta(
            "<body class='single author-4326'><script>var a = 1;</script><a href=/>Home</a>\
             <svg><symbol id='shape-author'><title>author</title></symbol></svg>\
             <p class=byline><script>track('x')</script>Ann Lee</p></body>",
        );
        assert_eq!(m.author.as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn open_graph_beats_the_title_element() {
        let m = meta(
            "<head><title>Ignored | Site</title><meta property='og:title' content='The headline'>\
             <meta property='og:site_name' content='The Site'><meta property='og:locale' content='en_GB'></head>",
        );
        assert_eq!(m.title.as_deref(), Some("The headline"));
        assert_eq!(m.site_name.as_deref(), Some("The Site"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn json_ld_beats_meta_and_resolves_graph_references() {
        let m = meta(
            r#"<html lang="de-DE"><head><title>X</title>
            <meta property="og:title" content="OG title">
            <meta name="author" content="Meta Author">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"https://ex.de/#site","name":"Ex Site"},
              {"@type":["NewsArticle"],"headline":"Tarif &amp; Streik","datePublished":"2024-03-01T10:00:00+01:00",
               "author":[{"@id":"https://ex.de/#p1"},{"@type":"Person","name":"Bea Beispiel"}],
               "publisher":{"@id":"https://ex.de/#org"}},
              {"@type":"Person","@id":"https://ex.de/#p1","name":"Anna Autorin"},
              {"@type":"Organization","@id":"https://ex.de/#org","name":"Ex Verlag"}]}</script>
            </head></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Tarif & Streik"));
        assert_eq!(m.author.as_deref(), Some("Anna Autorin, Bea Beispiel"));
        assert_eq!(m.date.as_deref(), Some("2024-03-01T10:00:00+01:00"));
        assert_eq!(m.site_name.as_deref(), Some("Ex Verlag"));
        assert_eq!(m.language.as_deref(), Some("de-DE"));
    }

    #[test]
    fn broken_json_ld_is_skipped() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type": "Article", "headline": </script>
            <script type="application/ld+json"><!--{"@type":"BlogPosting","headline":"Kept","author":"By Jo Ng"}--></script>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Kept"));
        assert_eq!(m.author.as_deref(), Some("Jo Ng"));
    }

    #[test]
    fn meta_keys_are_normalised_and_space_separated() {
        let m = meta(
            "<meta property='x:title dc:title' content='Preferred'>\
             <meta name='DC.creator' content='  Creator   Name '>\
             <meta name='author' content='https://facebook.com/someone'>\
             <meta property='article:published_time' content='2020-01-02'>",
        );
        assert_eq!(m.title.as_deref(), Some("Preferred"));
        assert_eq!(m.author.as_deref(), Some("Creator Name"));
        assert_eq!(m.date.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn json_ld_name_wins_when_the_title_element_holds_it() {
        let m = meta(
            r#"<title>New Zealand - Wikipedia</title><script type="application/ld+json">
            {"@type":"Article","name":"New Zealand","headline":"country in Oceania"}</script>"#,
        );
        assert_eq!(m.title.as_deref(), Some("New Zealand"));
    }

    #[test]
    fn byline_text_is_cut_to_the_name() {
        assert_eq!(
            byline_name("Dan Goodin - Apr 16, 2015 8:02 pm UTC").as_deref(),
            Some("Dan Goodin")
        );
        assert_eq!(
            byline_name("Steven Musil January 18, 2017").as_deref(),
            Some("Steven Musil")
        );
        assert_eq!(
            byline_name("Nicolas Perriault —").as_deref(),
            Some("Nicolas Perriault")
        );
        assert_eq!(
            byline_name("por César Salza").as_deref(),
            Some("César Salza")
        );
        assert_eq!(
            byline_name("Von Anna Schmidt | Politik").as_deref(),
            Some("Anna Schmidt")
        );
        assert_eq!(byline_name("By 12:00"), None);
        assert_eq!(
            byline_name("By GILLIAN MOHNEY March 11, 2015 3:46 PM").as_deref(),
            Some("GILLIAN MOHNEY")
        );
        assert_eq!(byline_name("Tom June").as_deref(), Some("Tom June"));
        assert_eq!(byline_name("Last Updated: January 7, 2025"), None);
        // A name that merely starts like a prefix keeps it.
        assert_eq!(
            clean_author("Dianne Feinstein").as_deref(),
            Some("Dianne Feinstein")
        );
        assert_eq!(clean_author("Bye Bye").as_deref(), Some("Bye Bye"));
    }

    #[test]
    fn byline_hints_come_from_class_and_id() {
        let m = meta("<div class='FeatureByline'>By <b>Nathan Willis</b><br>March 25, 2015</div>");
        assert_eq!(m.author.as_deref(), Some("Nathan Willis"));
        let m = meta(
            "<aside class='author-bio'>Short bio.</aside><div class='article__author'>By Scott Cunningham</div>",
        );
        assert_eq!(m.author.as_deref(), Some("Scott Cunningham"));
        assert_eq!(
            meta("<h4 class='author__heading'>About the author</h4>").author,
            None
        );
    }

    #[test]
    fn bracketed_urls_are_dropped_from_names() {
        assert_eq!(
            clean_author("Bradley M. Kuhn (http://ebb.org/bkuhn/)").as_deref(),
            Some("Bradley M. Kuhn")
        );
        assert_eq!(
            clean_author("Jo Ng <jo@ng.example>").as_deref(),
            Some("Jo Ng")
        );
        assert_eq!(
            clean_author("Jo Ng (Reuters)").as_deref(),
            Some("Jo Ng (Reuters)")
        );
    }

    #[test]
    fn person_items_give_their_name() {
        let m = meta(
            "<body><p class='byline' itemprop='author' itemscope>\
             <span itemprop='name'>Dan Goodin</span> - <time>Apr 16</time></p></body>",
        );
        assert_eq!(m.author.as_deref(), Some("Dan Goodin"));
    }

    #[test]
    fn author_urls_are_not_names() {
        let m = meta("<meta property='article:author' content='https://facebook.com/x'>");
        assert_eq!(m.author, None);
    }

    #[test]
    fn title_element_loses_its_site_part() {
        assert_eq!(
            title_from_title_element("Pact signed in Paris | The Daily", Some("The Daily")),
            "Pact signed in Paris"
        );
        assert_eq!(
            title_from_title_element("The Daily - Pact signed", Some("The Daily")),
            "Pact signed"
        );
        // No site name known: the part after the last separator goes.
        assert_eq!(
            title_from_title_element("Pact signed in Paris - Politics - Daily", None),
            "Pact signed in Paris - Politics"
        );
        // Too short before the separator: take the part after.
        assert_eq!(
            title_from_title_element("Daily News | Pact signed in Paris", None),
            "Pact signed in Paris"
        );
        assert_eq!(title_from_title_element("Home | Site", None), "Home | Site");
        assert_eq!(
            title_from_title_element("Well-known facts", None),
            "Well-known facts"
        );
    }

    #[test]
    fn byline_element_is_the_last_resort_but_not_in_comments() {
        let m = meta(
            "<body><div class='comments'><span class='byline'>Commenter</span></div>\
             <p class='article-byline'>By Jane Doe</p></body>",
        );
        assert_eq!(m.author.as_deref(), Some("Jane Doe"));
        let m = meta("<body><a rel='author' href='/u/1'>Sam Smith</a></body>");
        assert_eq!(m.author.as_deref(), Some("Sam Smith"));
    }

    #[test]
    fn svg_titles_are_not_the_page_title() {
        let m = meta("<body><svg><title>icon</title></svg></body>");
        assert_eq!(m.title, None);
    }

    #[test]
    fn canonical_url_is_resolved() {
        let doc = Document::parse("<link rel='canonical' href='/news/1'>");
        let m = extract(&doc, Some("https://ex.com/a/b?x=1"));
        assert_eq!(m.url.as_deref(), Some("https://ex.com/news/1"));
        assert_eq!(extract(&doc, None).url, None);
        assert_eq!(
            resolve("c.html", Some("https://ex.com/a/b")).as_deref(),
            Some("https://ex.com/a/c.html")
        );
        assert_eq!(
            resolve("//cdn.ex/x", Some("http://ex.com")).as_deref(),
            Some("http://cdn.ex/x")
        );
        let m = meta("<meta property=og:url content='https://ex.com/og'>");
        assert_eq!(m.url.as_deref(), Some("https://ex.com/og"));
        assert_eq!(
            resolve("../x?a=1#f", Some("https://ex.com/a/b/c")).as_deref(),
            Some("https://ex.com/a/x?a=1#f")
        );
        assert_eq!(resolve("javascript:void(0)", Some("https://ex.com/")), None);
        assert_eq!(resolve("/x", Some("not a url")), None);
        // Without a canonical, the caller's URL.
        let m = extract(&Document::parse("<p>x</p>"), Some("https://ex.com/p"));
        assert_eq!(m.url.as_deref(), Some("https://ex.com/p"));
    }

    #[test]
    fn published_time_element() {
        let m =
            meta("<body><time itemprop='datePublished' datetime='2021-05-06'>May 6</time></body>");
        assert_eq!(m.date.as_deref(), Some("2021-05-06"));
    }

    #[test]
    fn dates_are_iso_8601_from_the_best_source_that_holds_one() {
        let m =
            meta(r#"<meta property="article:published_time" content="2019-11-19T10:00:00+01:00">"#);
        assert_eq!(m.date.as_deref(), Some("2019-11-19T10:00:00+01:00"));
        // Unreadable first candidates give way to the next.
        let m = meta(
            "<meta name='date' content='soon'><body><p class='byline'>By Jo Ng | Nov. 3, 2020</p></body>",
        );
        assert_eq!(m.date.as_deref(), Some("2020-11-03"));
        assert_eq!(m.author.as_deref(), Some("Jo Ng"));
        // JSON-LD's datePublished beats the meta tags; its dateCreated does not.
        let m = meta(
            r#"<meta property="article:published_time" content="2017-02-23T17:18:13-08:00">
            <script type="application/ld+json">{"@type":"Article","dateCreated":"2017-02-24T01:18:13Z"}</script>"#,
        );
        assert_eq!(m.date.as_deref(), Some("2017-02-23T17:18:13-08:00"));
        // A <time> that says when the page was updated is not the date.
        let m = meta(
            "<body><time itemprop='dateModified' datetime='2016-09-14'>x</time>\
             <div class='comments'><time datetime='2016-09-15'>y</time></div></body>",
        );
        assert_eq!(m.date, None);
        let m = meta("<body><time datetime='2016-09-14T07:07:00-04:00'>Sep 14</time></body>");
        assert_eq!(m.date.as_deref(), Some("2016-09-14T07:07:00-04:00"));
    }

    #[test]
    fn description_from_json_ld_then_meta() {
        let m = meta(
            "<meta name='twitter:description' content='Twitter'><meta name='description' content='Plain'>",
        );
        assert_eq!(m.description.as_deref(), Some("Plain"));
        let m = meta(
            r#"<meta property="og:description" content="OG"><script type="application/ld+json">
            {"@type":"NewsArticle","description":"From JSON-LD"}</script>"#,
        );
        assert_eq!(m.description.as_deref(), Some("From JSON-LD"));
    }

    #[test]
    fn declared_language_says_so() {
        let m = meta("<html lang='pt-BR'></html>");
        assert_eq!(m.language.as_deref(), Some("pt-BR"));
        assert_eq!(m.language_source, Some(LanguageSource::Declared));
        assert_eq!(meta("<p>x</p>").language_source, None);
    }

    #[test]
    fn empty_document_has_no_metadata() {
        assert_eq!(meta(""), Metadata::default());
    }
}
