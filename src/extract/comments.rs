//! Comment sections: dropped under an article, kept when the page itself is
//! a discussion (a forum thread or a Q&A page whose posts are the content).
//!
//! In: the page, its class/id families and statistics after the other
//! pruning. Out: the comment-section elements to prune, or none.

use super::dom::{Dom, Ix, Tag};
use super::hints::{Families, Family};
use super::prune::is_article_root;
use super::stats::Stats;

/// Outermost kept elements whose class or id mark a comment section.
pub(crate) fn sections(
    dom: &Dom,
    families: &[Families],
    stats: &Stats,
    removed: &[bool],
) -> Vec<Ix> {
    let page = stats.text[dom.body() as usize];
    dom.outermost(removed, |i| {
        let f = families[i as usize];
        // A post container whose class list names a comment-ish tag or
        // category ("tag-comentarios") holds the article, not its comments.
        let holds_article = f.has(Family::Positive) && stats.text[i as usize] * 2 > page;
        f.has(Family::Comment)
            && !holds_article
            && !matches!(dom.node(i).tag, Tag::Html | Tag::Body | Tag::Main)
    })
}

/// On a discussion page, the text outside comment sections stays under this
/// many visible characters.
const DISCUSSION_MAX_OUTSIDE: u32 = 1500;

/// Whether the page is a discussion whose comment-classed posts are the
/// content: the comment sections hold at least half of the page's text, and
/// either little text is left outside them or no article body outside them
/// comes close to them.
pub(crate) fn is_discussion(
    dom: &Dom,
    families: &[Families],
    stats: &Stats,
    removed: &[bool],
    sections: &[Ix],
) -> bool {
    let page = stats.text[dom.body() as usize];
    let in_comments: u32 = sections.iter().map(|&s| stats.text[s as usize]).sum();
    if page == 0 || in_comments * 2 < page {
        return false;
    }
    // The largest article body that is not itself inside a comment section,
    // counting only its text outside comment sections.
    let mut best_article = 0u32;
    let mut s = 0usize;
    for i in 0..dom.len() as Ix {
        if removed[i as usize] {
            continue;
        }
        while s < sections.len() && dom.node(sections[s]).end <= i {
            s += 1;
        }
        if s < sections.len() && dom.contains(sections[s], i) {
            continue;
        }
        let f = families[i as usize];
        if !is_article_root(dom, i, f) && !f.has(Family::Positive) {
            continue;
        }
        let inside: u32 = sections
            .iter()
            .filter(|&&c| dom.contains(i, c))
            .map(|&c| stats.text[c as usize])
            .sum();
        best_article = best_article.max(stats.text[i as usize] - inside);
    }
    // Little text outside the comment sections: the comments are the page.
    let outside = page - in_comments;
    outside < DISCUSSION_MAX_OUTSIDE || (best_article < 1000 && best_article * 2 < in_comments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::prune::families;
    use scraper::Html;

    fn decide(page: &str) -> (usize, bool) {
        let html = Html::parse_document(page);
        let dom = Dom::new(&html);
        let fam = families(&dom);
        let removed = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &removed);
        let secs = sections(&dom, &fam, &stats, &removed);
        let disc = is_discussion(&dom, &fam, &stats, &removed, &secs);
        (secs.len(), disc)
    }

    #[test]
    fn comments_under_a_long_article_are_a_section() {
        let body =
            "<p>The article has plenty of text in it, enough to be an article.</p>".repeat(30);
        let page = format!(
            "<body><article><div class=entry-content>{body}</div><div id=comments><p>Great post!</p></div></article></body>"
        );
        assert_eq!(decide(&page), (1, false));
    }

    #[test]
    fn a_page_of_comments_is_a_discussion() {
        let post =
            "<div class=comment><p>I think the answer depends on the weather in spring.</p></div>";
        let page = format!(
            "<body><h1>Thread</h1><p>Short question?</p><div class=comment-list>{}</div></body>",
            post.repeat(10)
        );
        assert_eq!(decide(&page), (1, true));
    }

    #[test]
    fn a_post_classed_with_a_comment_tag_is_not_a_comment_section() {
        let body =
            "<p>The article has plenty of text in it, enough to be an article.</p>".repeat(10);
        let page = format!(
            "<body><section class='post hentry tag-comentarios'><div class=entry>{body}</div>\
             <div id=comments><p>Great post!</p></div></section></body>"
        );
        let html = Html::parse_document(&page);
        let dom = Dom::new(&html);
        let fam = families(&dom);
        let removed = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &removed);
        let secs = sections(&dom, &fam, &stats, &removed);
        assert_eq!(secs.len(), 1);
        assert_eq!(dom.attr(secs[0], "id"), Some("comments"));
    }
}
