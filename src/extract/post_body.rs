//! The page's named post body: the one element whose class or id says it
//! holds the body of the post (`entry-content`, `post-body`,
//! `article__body`, `storyText`). Blog engines and news templates name it
//! so; when the chosen content contains it, the page's article was found,
//! however much text the rest of the page holds.
//!
//! In: the page, its statistics and pruning mask. Out: that element, when
//! the page has exactly one.

use super::dom::{Dom, Ix};
use super::hints;
use super::stats::Stats;

/// Words that name the post itself.
const POST_WORDS: [&str; 5] = ["entry", "post", "article", "story", "blog"];
/// Words that name its body.
const BODY_WORDS: [&str; 3] = ["body", "content", "text"];
/// Link density from which an element is a list of links, whatever its name.
const MAX_LINK_DENSITY: f32 = 0.5;

/// The page's one kept element with text, mostly outside links, whose class
/// or id names a post body; `None` when there is none or more than one (a
/// named body inside another counts once: the outer one).
pub(crate) fn sole(dom: &Dom, stats: &Stats, removed: &[bool]) -> Option<Ix> {
    let found = dom.outermost(removed, |i| {
        let u = i as usize;
        stats.text[u] > 0
            && stats.link_density(i) < MAX_LINK_DENSITY
            && names_post_body(dom.attr(i, "class"), dom.attr(i, "id"))
    });
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Whether one class token or the id joins a post word with a later body
/// word (`blog-post-content`, `articleBody`; not `content`, `text-post`).
fn names_post_body(class: Option<&str>, id: Option<&str>) -> bool {
    let mut normal = String::new();
    class
        .into_iter()
        .flat_map(str::split_ascii_whitespace)
        .chain(id)
        .any(|name| {
            // Lowercased, a camelCase step made a `-` (`storyText`).
            normal.clear();
            hints::normalise_into(name, &mut normal);
            let mut words = normal.split(|c: char| !c.is_alphanumeric());
            words.any(|w| POST_WORDS.contains(&w)) && words.any(|w| BODY_WORDS.contains(&w))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_word_then_a_body_word_names_a_post_body() {
        for yes in [
            "entry-content",
            "post-body",
            "article__body",
            "storyText",
            "blog-post-content",
            "td-post-content",
            "articleBody",
        ] {
            assert!(names_post_body(Some(yes), None), "{yes}");
            assert!(names_post_body(Some("clearfix"), Some(yes)), "id {yes}");
        }
        for no in [
            "content",
            "body-text",
            "post",
            "postmeta",
            "text-post",
            "blogbody",
        ] {
            assert!(!names_post_body(Some(no), None), "{no}");
        }
        // The words must be in one name, not spread over two classes.
        assert!(!names_post_body(Some("post content"), None));
    }

    fn sole_id(page: &str) -> Option<String> {
        use crate::extract::tree::Document;
        let doc = Document::parse(page);
        let dom = Dom::new(&doc);
        let removed = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &removed);
        sole(&dom, &stats, &removed).and_then(|i| dom.attr(i, "id").map(str::to_string))
    }

    #[test]
    fn only_a_single_named_body_with_prose_counts() {
        let prose = "<p>The river rose overnight and the road is closed.</p>";
        let one = format!("<body><div id=a class=entry-content>{prose}<div class=post-text>{prose}</div></div></body>");
        assert_eq!(sole_id(&one).as_deref(), Some("a"));
        let two = format!(
            "<body><div id=a class=entry-content>{prose}</div><div id=b class=entry-content>{prose}</div></body>"
        );
        assert_eq!(sole_id(&two), None);
        let links = "<div id=a class=post-content><a href=/1>The river rose overnight</a></div>";
        assert_eq!(sole_id(&format!("<body>{links}</body>")), None);
        assert_eq!(
            sole_id("<body><div id=a class=post-body></div></body>"),
            None
        );
    }
}
