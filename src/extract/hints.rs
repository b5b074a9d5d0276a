//! Class and id hints: which families of boilerplate (or of main content) an
//! element's `class` and `id` point to.
//!
//! The word lists are data (`data/hints/*.txt`, syntax in its README), parsed
//! once into one Aho-Corasick automaton; classifying an element is one pass
//! over its lowercased `class` and `id`.

use crate::clean::lexicon::{is_ascii_space, is_word_byte};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::sync::OnceLock;

/// A family of hints, one per lexicon file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub(crate) enum Family {
    Comment = 1,
    Share = 1 << 1,
    Related = 1 << 2,
    Newsletter = 1 << 3,
    Cookie = 1 << 4,
    Navigation = 1 << 5,
    Sidebar = 1 << 6,
    Ads = 1 << 7,
    Chrome = 1 << 8,
    Byline = 1 << 9,
    Hidden = 1 << 10,
    Positive = 1 << 11,
    Discussion = 1 << 12,
    Lead = 1 << 13,
    Review = 1 << 14,
    Widget = 1 << 15,
}

/// The families an element's class and id point to, as a bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Families(u16);

impl Families {
    /// No family.
    pub(crate) const NONE: Families = Families(0);

    /// Whether `family` is in the set.
    pub(crate) fn has(self, family: Family) -> bool {
        self.0 & family as u16 != 0
    }

    /// Whether any family of `other` is in the set.
    pub(crate) fn any(self, other: Families) -> bool {
        self.0 & other.0 != 0
    }

    /// The set with `family` added.
    pub(crate) const fn with(self, family: Family) -> Families {
        Families(self.0 | family as u16)
    }

    /// The union of both sets.
    pub(crate) const fn union(self, other: Families) -> Families {
        Families(self.0 | other.0)
    }

    /// The set with `family` taken out.
    pub(crate) const fn without(self, family: Family) -> Families {
        Families(self.0 & !(family as u16))
    }

    /// The boilerplate families of the set: content families (`Positive`,
    /// `Lead`, `Discussion`, `Review`) left out.
    pub(crate) const fn boilerplate(self) -> Families {
        Families(self.0 & BOILERPLATE.0)
    }

    /// Whether `family` is the one and only family in the set.
    pub(crate) fn only(self, family: Family) -> bool {
        self.0 == family as u16
    }

    /// Whether every family of the set is in `allowed` (so the empty set is
    /// within any).
    pub(crate) fn within(self, allowed: Families) -> bool {
        self.0 & !allowed.0 == 0
    }

    /// The families of one class name, given where its last content word and
    /// its last boilerplate word end: the last word is the head, so a content
    /// word before a boilerplate word is a mere prefix (`article__meta`,
    /// `entry-meta`, `post-content-share` are meta lines and share bars, while
    /// `widget-post-content` stays content).
    fn headed(self, positive_end: usize, boilerplate_end: usize) -> Families {
        if boilerplate_end > positive_end {
            self.without(Family::Positive)
        } else {
            self
        }
    }

    /// Whether the set points to boilerplate of any kind.
    pub(crate) fn is_boilerplate(self) -> bool {
        self.any(BOILERPLATE)
    }
}

/// Every family that marks boilerplate.
pub(crate) const BOILERPLATE: Families = Families::NONE
    .with(Family::Comment)
    .with(Family::Share)
    .with(Family::Related)
    .with(Family::Newsletter)
    .with(Family::Cookie)
    .with(Family::Navigation)
    .with(Family::Sidebar)
    .with(Family::Widget)
    .with(Family::Ads)
    .with(Family::Chrome)
    .with(Family::Byline)
    .with(Family::Hidden);

const LEXICONS: &[(Family, &str)] = &[
    (
        Family::Comment,
        include_str!("../../data/hints/comment.txt"),
    ),
    (Family::Share, include_str!("../../data/hints/share.txt")),
    (
        Family::Related,
        include_str!("../../data/hints/related.txt"),
    ),
    (
        Family::Newsletter,
        include_str!("../../data/hints/newsletter.txt"),
    ),
    (Family::Cookie, include_str!("../../data/hints/cookie.txt")),
    (
        Family::Navigation,
        include_str!("../../data/hints/navigation.txt"),
    ),
    (
        Family::Sidebar,
        include_str!("../../data/hints/sidebar.txt"),
    ),
    (Family::Ads, include_str!("../../data/hints/ads.txt")),
    (Family::Chrome, include_str!("../../data/hints/chrome.txt")),
    (Family::Byline, include_str!("../../data/hints/byline.txt")),
    (Family::Hidden, include_str!("../../data/hints/hidden.txt")),
    (
        Family::Positive,
        include_str!("../../data/hints/positive.txt"),
    ),
    (
        Family::Discussion,
        include_str!("../../data/hints/discussion.txt"),
    ),
    (Family::Lead, include_str!("../../data/hints/lead.txt")),
    (Family::Review, include_str!("../../data/hints/review.txt")),
    (Family::Widget, include_str!("../../data/hints/widget.txt")),
];

/// Where a pattern may match, from its syntax in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bounds {
    /// `word`: word boundaries on both sides.
    Word,
    /// `word*`: a word boundary before.
    Prefix,
    /// `*word*`: anywhere.
    Anywhere,
    /// `=name`: the whole class name or id.
    Whole,
}

/// The parsed lexicons.
pub(crate) struct Lexicon {
    automaton: AhoCorasick,
    patterns: Vec<(Family, Bounds)>,
}

impl Lexicon {
    fn parse() -> Lexicon {
        let mut words = Vec::new();
        let mut patterns = Vec::new();
        for &(family, text) in LEXICONS {
            for line in text.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let (word, bounds) = if let Some(w) = line.strip_prefix('=') {
                    (w, Bounds::Whole)
                } else if let Some(w) = line.strip_prefix('*') {
                    (w.trim_end_matches('*'), Bounds::Anywhere)
                } else if let Some(w) = line.strip_suffix('*') {
                    (w, Bounds::Prefix)
                } else {
                    (line, Bounds::Word)
                };
                words.push(word.to_lowercase());
                patterns.push((family, bounds));
            }
        }
        // A DFA: a few hundred patterns make a table of some hundred KB,
        // built once, and the overlapping search of every class name then
        // takes one table lookup per byte (the default NFA follows failure
        // links).
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .expect("hint lexicons are valid patterns");
        Lexicon {
            automaton,
            patterns,
        }
    }

    /// The lexicons, parsed on first use.
    pub(crate) fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::parse)
    }

    /// The families `class` and `id` point to. `buf` is scratch space.
    pub(crate) fn classify(&self, class: &str, id: &str, buf: &mut String) -> Families {
        if class.is_empty() && id.is_empty() {
            return Families::NONE;
        }
        buf.clear();
        for name in class
            .split_whitespace()
            .filter(|name| !is_taxonomy_term(name))
        {
            normalise_into(name, buf);
            buf.push(' ');
        }
        normalise_into(id, buf);
        let bytes = buf.as_bytes();
        let mut found = Families::NONE;
        // Families of the class name (or id) being read, where it ends, and
        // where its last content word and last boilerplate word end.
        let mut token = Families::NONE;
        let mut token_end = 0;
        let (mut positive_end, mut boilerplate_end) = (0, 0);
        for m in self.automaton.find_overlapping_iter(buf.as_str()) {
            if m.start() >= token_end {
                found = found.union(token.headed(positive_end, boilerplate_end));
                token = Families::NONE;
                (positive_end, boilerplate_end) = (0, 0);
                token_end = bytes[m.start()..]
                    .iter()
                    .position(|&b| b == b' ')
                    .map_or(bytes.len(), |p| m.start() + p);
            }
            let (family, bounds) = self.patterns[m.pattern().as_usize()];
            let before = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
            let after = m.end() == bytes.len() || !is_word_byte(bytes[m.end()]);
            let whole_before = m.start() == 0 || bytes[m.start() - 1] == b' ';
            let whole_after = m.end() == bytes.len() || bytes[m.end()] == b' ';
            let ok = match bounds {
                Bounds::Word => before && after,
                Bounds::Prefix => before,
                Bounds::Anywhere => true,
                Bounds::Whole => whole_before && whole_after,
            };
            if ok {
                token = token.with(family);
                if family == Family::Positive {
                    positive_end = positive_end.max(m.end());
                } else if BOILERPLATE.has(family) {
                    boilerplate_end = boilerplate_end.max(m.end());
                }
            }
        }
        found = found.union(token.headed(positive_end, boilerplate_end));
        found
    }
}

/// Prefixes of the class names a CMS gives a post for its tags and
/// categories (WordPress `tag-cookie-recipes`, `category-share-tips`,
/// TypePad `entry-category-social_media`): the words after them are the
/// post's topics, not the element's role.
const TAXONOMY_PREFIXES: [&str; 7] = [
    "tag-",
    "tags-",
    "category-",
    "categories-",
    "post_tag-",
    "entry-category-",
    "post-category-",
];

/// Whether a class name names one of the post's tags or categories.
fn is_taxonomy_term(name: &str) -> bool {
    TAXONOMY_PREFIXES.iter().any(|p| {
        name.len() > p.len() && name.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    })
}

/// Lowercases `s` into `out`, turning a camelCase boundary into a `-` and
/// every run of whitespace into one space.
pub(crate) fn normalise_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        normalise_ascii_into(s, out);
    } else {
        normalise_chars_into(s, out);
    }
}

/// [`normalise_into`] a character at a time, for any text.
fn normalise_chars_into(s: &str, out: &mut String) {
    let mut prev_lower = false;
    let mut prev_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() {
            if prev_lower {
                out.push('-');
            }
            out.extend(c.to_lowercase());
            prev_lower = false;
        } else {
            out.push(c);
            prev_lower = c.is_lowercase();
        }
        prev_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// [`normalise_into`] for ASCII `s`, a byte at a time (most class names
/// and ids are ASCII; the same rules, ASCII's whitespace being `\t` to `\r`
/// and the space).
fn normalise_ascii_into(s: &str, out: &mut String) {
    if !s
        .bytes()
        .any(|b| b.is_ascii_uppercase() || is_ascii_space(&b))
    {
        // Already in normal form (`entry-content`, `post-42`): copied whole.
        out.push_str(s);
        if out.ends_with(' ') {
            out.pop();
        }
        return;
    }
    let mut prev_lower = false;
    let mut prev_space = true;
    for b in s.bytes() {
        if is_ascii_space(&b) {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
            prev_lower = false;
            continue;
        }
        if b.is_ascii_uppercase() {
            if prev_lower {
                out.push('-');
            }
            out.push(b.to_ascii_lowercase() as char);
            prev_lower = false;
        } else {
            out.push(b as char);
            prev_lower = b.is_ascii_lowercase();
        }
        prev_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn families(class: &str, id: &str) -> Families {
        Lexicon::get().classify(class, id, &mut String::new())
    }

    #[test]
    fn a_post_s_tags_and_categories_name_no_role() {
        let post = "post-22723 post hentry category-share-tips tag-cookie-recipes tag-comments entry-category-social_media";
        let f = families(post, "post-22723");
        assert!(f.has(Family::Positive));
        assert!(!f.has(Family::Cookie) && !f.has(Family::Share) && !f.has(Family::Comment));
        // The same words as the element's own names still count, also
        // after a site's own prefix.
        assert!(families("wff-category-sidebar", "").has(Family::Sidebar));
        assert!(families("cookie-banner", "").has(Family::Cookie));
        assert!(families("tag", "comments").has(Family::Comment));
    }

    #[test]
    fn a_recent_posts_box_and_a_search_engine_s_nocontent_mark_are_chrome() {
        assert!(families("box module", "recent-posts").has(Family::Related));
        assert!(families("widget_recent_entries", "").has(Family::Related));
        let nocontent = families("box module nocontent", "");
        assert!(nocontent.is_boilerplate());
        assert!(!families("content", "").is_boilerplate());
    }

    #[test]
    fn whole_words_do_not_match_inside_other_words() {
        assert!(families("ad-slot", "").has(Family::Ads));
        assert!(!families("header shadow download", "").has(Family::Ads));
    }

    #[test]
    fn prefixes_substrings_and_camel_case() {
        assert!(families("comments-area", "").has(Family::Comment));
        assert!(families("", "commentList").has(Family::Comment));
        assert!(families("", "articleBody").has(Family::Positive));
        assert!(families("socialshare", "").has(Family::Share));
        assert!(families("kommentare", "").has(Family::Comment));
        assert!(families("блок-комментариев", "").has(Family::Comment));
    }

    #[test]
    fn whole_names_only_match_whole_class_names() {
        assert!(families("x hidden", "").has(Family::Hidden));
        assert!(!families("hidden-xs", "").has(Family::Hidden));
        assert!(families("", "respond").has(Family::Comment));
    }

    #[test]
    fn plain_content_has_no_boilerplate_family() {
        let f = families("entry-content clearfix", "post-42");
        assert!(!f.is_boilerplate());
        assert!(f.has(Family::Positive));
    }

    #[test]
    fn ascii_names_normalise_as_any_text_does() {
        let names = [
            "",
            " ",
            "articleBody",
            "  Comment-List\x0bXY\tz  ",
            "ABC abc\r\nDeF",
            "a_b-c9Z",
            "entry-content",
            "post-42",
        ];
        for name in names {
            let (mut fast, mut slow) = ("x ".to_string(), "x ".to_string());
            normalise_ascii_into(name, &mut fast);
            normalise_chars_into(name, &mut slow);
            assert_eq!(fast, slow, "{name:?}");
        }
    }

    #[test]
    fn set_algebra() {
        let byline = Families::NONE.with(Family::Byline);
        let meta = byline.with(Family::Positive).with(Family::Lead);
        assert_eq!(meta.boilerplate(), byline);
        assert!(meta.boilerplate().only(Family::Byline));
        assert!(!meta.only(Family::Byline));
        assert!(!Families::NONE.only(Family::Byline));
        assert!(!byline
            .with(Family::Share)
            .boilerplate()
            .only(Family::Byline));
        assert_eq!(meta.without(Family::Lead).without(Family::Positive), byline);
        assert_eq!(byline.without(Family::Share), byline);
        let menus = Families::NONE.with(Family::Navigation).with(Family::Byline);
        assert!(byline.within(menus));
        assert!(Families::NONE.within(byline));
        assert!(!byline.with(Family::Ads).within(menus));
        assert!(!meta.within(menus));
        assert!(meta.boilerplate().within(menus));
    }

    #[test]
    fn the_last_word_of_a_class_name_is_its_head() {
        for meta in ["article__meta", "entry-meta", "news-article-meta"] {
            let f = families(meta, "");
            assert!(f.has(Family::Byline), "{meta}");
            assert!(!f.has(Family::Positive), "{meta}");
        }
        let body = families("elementor-widget-theme-post-content", "");
        assert!(body.has(Family::Positive));
        // Separate class names keep their own families.
        let both = families("entry-content post-meta", "");
        assert!(both.has(Family::Positive) && both.has(Family::Byline));
    }
}
