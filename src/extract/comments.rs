//! Comment sections: dropped under an article, kept when the page itself is
//! a discussion (a forum thread or a Q&A page whose posts are the content).
//!
//! In: the page, its class/id families and statistics after the other
//! pruning. Out: the comment-section elements to prune, or none.

use super::dom::{Dom, Ix, Tag, NO_PARENT};
use super::hints::{Families, Family, Lexicon};
use super::prune::is_article_root;
use super::stats::Stats;
use std::cmp::Reverse;

/// Outermost kept elements whose class or id mark a comment section, and
/// the comment areas that a bare anchor opens ([`anchored_areas`]).
pub(crate) fn sections(
    dom: &Dom,
    families: &[Families],
    stats: &Stats,
    removed: &[bool],
) -> Vec<Ix> {
    let mut found = named_sections(dom, families, stats, removed);
    let anchored = anchored_areas(dom, stats, removed);
    if anchored.is_empty() {
        return found;
    }
    found.extend(anchored);
    found.sort_unstable();
    let mut outermost: Vec<Ix> = Vec::with_capacity(found.len());
    for i in found {
        if outermost.last().is_none_or(|&o| !dom.contains(o, i)) {
            outermost.push(i);
        }
    }
    outermost
}

/// Outermost kept elements whose class or id mark a comment section.
fn named_sections(dom: &Dom, families: &[Families], stats: &Stats, removed: &[bool]) -> Vec<Ix> {
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

/// Visible characters of the page before a comment anchor for it to open a
/// comment area: an article above it.
const ANCHOR_MIN_TEXT_BEFORE: u32 = 200;

/// Comment areas opened by an anchor rather than wrapped in a named element:
/// blog engines put the comments as bare paragraphs after a jump target, an
/// empty `<a id="comments">` or `<a name="comments">`, often inside a heading
/// (`<h2><a id="comments"></a>Comments</h2>`). The area is that heading (or the anchor)
/// and its following siblings, and it must close its container: a heading of
/// its level or above after it, or more page text after it than in it, makes
/// it a section of the article. An anchor with less than [`ANCHOR_MIN_TEXT_BEFORE`] characters of page
/// text before it opens nothing (a jump target at the top of the page).
fn anchored_areas(dom: &Dom, stats: &Stats, removed: &[bool]) -> Vec<Ix> {
    let lexicon = Lexicon::get();
    let mut buf = String::new();
    let mut out = Vec::new();
    let mut text_before = 0u32;
    let mut covered_until: Ix = 0;
    let page = stats.text[dom.body() as usize];
    for i in 0..dom.len() as Ix {
        if removed[i as usize] {
            continue;
        }
        let node = dom.node(i);
        if node.tag == Tag::Text {
            text_before += stats.text[i as usize];
            continue;
        }
        // Only an empty link is a jump target; a heading's id is often a
        // slug of its words, made by a documentation tool for every section.
        let is_anchor = node.tag == Tag::A && stats.text[i as usize] == 0;
        if !is_anchor || i < covered_until || text_before < ANCHOR_MIN_TEXT_BEFORE {
            continue;
        }
        let named = ["id", "name"].iter().any(|a| {
            dom.attr(i, a)
                .is_some_and(|v| lexicon.classify("", v, &mut buf).has(Family::Comment))
        });
        if !named {
            continue;
        }
        let start = match dom.node(node.parent).tag {
            Tag::Heading(_) if node.tag == Tag::A => node.parent,
            _ => i,
        };
        let level = match dom.node(start).tag {
            Tag::Heading(l) => l,
            _ => u8::MAX,
        };
        let parent = dom.node(start).parent;
        let end = if parent == NO_PARENT {
            dom.len() as Ix
        } else {
            dom.node(parent).end
        };
        let mut area = vec![start];
        let mut j = dom.node(start).end;
        while j < end {
            if matches!(dom.node(j).tag, Tag::Heading(l) if l <= level) {
                break;
            }
            if !removed[j as usize] {
                area.push(j);
            }
            j = dom.node(j).end;
        }
        covered_until = j;
        // A section of the article that is about comments (or a discussion)
        // has more of the article after it; comments close the page's
        // content, with less text after them than in them.
        let in_area: u32 = area.iter().map(|&a| stats.text[a as usize]).sum();
        let after = page.saturating_sub(text_before + in_area);
        if j == end && after <= in_area {
            out.append(&mut area);
        }
    }
    out
}

/// Says, for pre-order indices visited in increasing order, whether each
/// lies inside one of `sections` (sorted, none inside another): one pass.
struct InSections<'s> {
    sections: &'s [Ix],
    next: usize,
}

impl<'s> InSections<'s> {
    fn new(sections: &'s [Ix]) -> Self {
        InSections { sections, next: 0 }
    }

    fn contains(&mut self, dom: &Dom, i: Ix) -> bool {
        while self.next < self.sections.len() && dom.node(self.sections[self.next]).end <= i {
            self.next += 1;
        }
        self.next < self.sections.len() && dom.contains(self.sections[self.next], i)
    }
}

/// On a discussion page, the text outside comment sections stays under this
/// many visible characters.
const DISCUSSION_MAX_OUTSIDE: u32 = 1500;

/// Whether the page is a discussion whose comment-classed posts are the
/// content. The comment sections must hold at least half of the page's
/// text; then the page's own markup decides: a page that says it is a
/// thread or a Q&A page (`says_discussion`) is one, a page that marks up an
/// article apart from its comments ([`marks_article`]) is not, however
/// short the article. Only a page that says neither is judged by size:
/// little text left outside the comments, or no article body outside them
/// that comes close to them.
pub(crate) fn is_discussion(
    dom: &Dom,
    families: &[Families],
    stats: &Stats,
    removed: &[bool],
    sections: &[Ix],
    says_discussion: bool,
) -> bool {
    let page = stats.text[dom.body() as usize];
    let in_comments: u32 = sections.iter().map(|&s| stats.text[s as usize]).sum();
    if page == 0 || in_comments * 2 < page {
        return false;
    }
    if says_discussion {
        return true;
    }
    if marks_article(dom, families, stats, removed, sections) {
        return false;
    }
    // The largest article body that is not itself inside a comment section,
    // counting only its text outside comment sections.
    let mut best_article = 0u32;
    let mut inside = InSections::new(sections);
    for i in 0..dom.len() as Ix {
        if removed[i as usize] || inside.contains(dom, i) {
            continue;
        }
        let f = families[i as usize];
        if !is_article_root(dom, i, f) && !f.has(Family::Positive) {
            continue;
        }
        let below: u32 = sections
            .iter()
            .filter(|&&c| dom.contains(i, c))
            .map(|&c| stats.text[c as usize])
            .sum();
        best_article = best_article.max(stats.text[i as usize] - below);
    }
    // Little text outside the comment sections: the comments are the page.
    let outside = page - in_comments;
    outside < DISCUSSION_MAX_OUTSIDE || (best_article < 1000 && best_article * 2 < in_comments)
}

/// Per node, the visible characters of prose outside links and outside the
/// comment sections in its subtree: the text of `<p>` paragraphs, and runs of
/// at least [`BARE_PROSE_RUN`] set straight in a `div`, `section`, `article`
/// or `blockquote`; the prose a post body has of its own, not the title and
/// byline of a shared link.
fn prose_outside(dom: &Dom, stats: &Stats, removed: &[bool], sections: &[Ix]) -> Vec<u32> {
    let n = dom.len();
    // Per block, the visible text outside links whose nearest block it is.
    let mut own = vec![0u32; n];
    let mut owner: Vec<Ix> = vec![0; n];
    let mut in_link = vec![false; n];
    let mut inside = InSections::new(sections);
    for i in 0..n as Ix {
        let node = dom.node(i);
        if node.parent != NO_PARENT {
            let p = node.parent as usize;
            in_link[i as usize] = in_link[p] || node.tag == Tag::A;
            owner[i as usize] = if node.tag.is_block() { i } else { owner[p] };
        }
        let in_section = inside.contains(dom, i);
        if node.tag == Tag::Text && !removed[i as usize] && !in_section && !in_link[i as usize] {
            own[owner[i as usize] as usize] += stats.text[i as usize];
        }
    }
    // Prose is the text of paragraphs, and a run of text set straight in a
    // container (a story body without <p>) when it is longer than a label.
    let mut prose: Vec<u32> = (0..n)
        .map(|i| match dom.node(i as Ix).tag {
            Tag::P => own[i],
            Tag::Div | Tag::Section | Tag::Article | Tag::Blockquote
                if own[i] >= BARE_PROSE_RUN =>
            {
                own[i]
            }
            _ => 0,
        })
        .collect();
    for i in (1..n).rev() {
        let parent = dom.node(i as Ix).parent;
        if parent != NO_PARENT {
            prose[parent as usize] += prose[i];
        }
    }
    prose
}

/// Text set straight in a container, without `<p>`, is prose from this many
/// visible characters: a paragraph, longer than a title or a label row.
const BARE_PROSE_RUN: u32 = 200;

/// The prose, in visible characters, that makes a container the body
/// of a post: a sentence of ten words or so, more than a tagline ("submitted
/// 2 hours ago by ...").
const MIN_POST_PROSE: u32 = 50;

/// The `<p>` prose before the main comment area, in visible characters, that
/// makes an article whatever its container is named: a dozen sentences, more
/// than the opening post of a thread usually has.
const ARTICLE_PROSE_BEFORE: u32 = 1000;

/// Whether the page marks up an article of its own apart from its comment
/// sections: outside them, the content of a microformats entry (class
/// `entry-content` or `e-content`: the body of a blog post, even one that
/// holds only a picture), or an article root (`<article>`,
/// `itemprop="articleBody"`, `role="article"`) or content-named container
/// that starts before the main comment area and has prose of its own outside
/// the comment sections; or, whatever the markup, [`ARTICLE_PROSE_BEFORE`]
/// of `<p>` prose before the main comment area. A thread keeps its opening
/// post among the replies, and a shared link (an `h-entry` without content)
/// has no body: none of these is found on those.
pub(crate) fn marks_article(
    dom: &Dom,
    families: &[Families],
    stats: &Stats,
    removed: &[bool],
    sections: &[Ix],
) -> bool {
    // Counts and links to the comments can come before the article: the
    // area that holds most of the comments is the one to be before.
    let Some(&first) = sections
        .iter()
        .max_by_key(|&&c| (stats.text[c as usize], Reverse(c)))
    else {
        return false;
    };
    let prose = prose_outside(dom, stats, removed, sections);
    let mut prose_before = 0u32;
    let mut inside = InSections::new(sections);
    for i in 0..dom.len() as Ix {
        if removed[i as usize] || inside.contains(dom, i) {
            continue;
        }
        let body = dom.attr(i, "class").is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|t| t == "entry-content" || t == "e-content")
        });
        let f = families[i as usize];
        let root_before = i < first
            && !matches!(dom.node(i).tag, Tag::Main | Tag::Body | Tag::Html)
            && (is_article_root(dom, i, f) || f.has(Family::Positive))
            && prose[i as usize] >= MIN_POST_PROSE;
        if body || root_before {
            return true;
        }
        if i < first && dom.node(i).tag == Tag::P {
            prose_before += prose[i as usize];
        }
    }
    prose_before >= ARTICLE_PROSE_BEFORE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::prune::families;
    use crate::extract::tree::Document;

    /// Runs `check` on `page`'s DOM, families, statistics, nothing
    /// removed, and its comment sections.
    fn with_sections<T>(
        page: &str,
        check: impl FnOnce(&Dom, &[Families], &Stats, &[bool], &[Ix]) -> T,
    ) -> T {
        let doc = Document::parse(page);
        let dom = Dom::new(&doc);
        let fam = families(&dom);
        let removed = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &removed);
        let secs = sections(&dom, &fam, &stats, &removed);
        check(&dom, &fam, &stats, &removed, &secs)
    }

    /// How many comment sections `page` has, and whether it is a discussion.
    fn decide(page: &str) -> (usize, bool) {
        with_sections(page, |dom, fam, stats, removed, secs| {
            (
                secs.len(),
                is_discussion(dom, fam, stats, removed, secs, false),
            )
        })
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
    fn a_short_blog_post_keeps_its_comments_out() {
        // The comments outweigh the post four to one, but the post is marked
        // up as the body of an entry, before them: it is an article.
        let comment = "<li class=comment><p>What a lovely picture, thank you for sharing it with us all.</p></li>";
        let page = format!(
            "<body><div class='post hentry'><h3>A new week</h3><div class='post-body entry-content'>\
             <img src=a.jpg></div></div><div id=comments><ol>{}</ol></div></body>",
            comment.repeat(12)
        );
        assert_eq!(decide(&page), (1, false));
        // The same with an <article> whose paragraph comes before the comments.
        let page = format!(
            "<body><article><p>We spent the weekend preparing the garden for the coming week of rain. The beans are in.</p>\
             </article><div id=comments><ol>{}</ol></div></body>",
            comment.repeat(12)
        );
        assert_eq!(decide(&page), (1, false));
    }

    #[test]
    fn a_bare_anchor_opens_the_comment_area_after_an_article() {
        let article =
            "<p>The article has plenty of text in it, enough to be an article.</p>".repeat(5);
        let comment =
            "<p>Thanks for writing this, it helped me a lot.</p><p class=posted>Posted by: Ann</p>";
        let page = format!(
            "<body><div class=entry-content>{article}</div><div><h2><a id=comments></a>Comments</h2>{}</div></body>",
            comment.repeat(8)
        );
        with_sections(&page, |dom, fam, stats, removed, secs| {
            // The heading and the 16 paragraphs after it, not the article.
            assert_eq!(secs.len(), 17);
            assert_eq!(dom.node(secs[0]).tag, Tag::Heading(2));
            assert!(!is_discussion(dom, fam, stats, removed, secs, false));
        });
    }

    #[test]
    fn an_anchor_before_more_of_the_article_opens_nothing() {
        let part =
            "<p>The article has plenty of text in it, enough to be an article.</p>".repeat(5);
        // A section about comments in the middle of the article, with more
        // of the article after it.
        let page = format!(
            "<body><div>{part}<h2><a name=comments></a>Comments</h2>{part}<h2>Next</h2>{part}{part}</div></body>"
        );
        assert_eq!(decide(&page), (0, false));
    }

    #[test]
    fn a_story_set_without_paragraphs_is_an_article() {
        let comment = "<li class=comment><div>Nobody reads the summary, as usual, but here we go again.</div></li>";
        let story = "An anonymous reader writes <i>\"The antivirus company reported receiving \
                     e-mails from a scientist, who says the refining efforts have been hit with \
                     yet another attack, the third one this year. The e-mails describe music \
                     playing at full volume on several computers in the middle of the night.\"</i>";
        let page = format!(
            "<body><article><h2>Another attack</h2><div class=body><div class=p>{story}</div></div>\
             </article><section id=comments><ul>{}</ul></section></body>",
            comment.repeat(40)
        );
        assert_eq!(decide(&page), (1, false));
        // A title row set straight in a container is no story.
        let page = format!(
            "<body><div class=wrap><div class=head>Live: the match minute by minute, Lorient against Lyon</div>\
             <section id=comments><ul>{}</ul></section></div></body>",
            comment.repeat(40)
        );
        assert_eq!(decide(&page), (1, true));
    }

    #[test]
    fn a_long_post_in_an_unnamed_container_is_an_article() {
        let comment =
            "<li><p>What a lovely piece, thank you for writing it for all of us here.</p></li>";
        let post = |n| {
            format!(
                "<body><div class=post><h1>A title</h1>{}</div><ol class=commentlist>{}</ol></body>",
                "<p>The argument of the post goes on here for a while, with reasons.</p>".repeat(n),
                comment.repeat(60)
            )
        };
        // Twenty paragraphs of prose before the comments make an article;
        // three are an opening post of the size a thread's first post has.
        assert_eq!(decide(&post(20)), (1, false));
        assert_eq!(decide(&post(3)), (1, true));
    }

    #[test]
    fn a_shared_link_with_its_comments_is_a_discussion() {
        // An h-entry without content and a tagline: the comments are the page.
        let comment = "<div class=comment><p>The study only covers mice, so the headline oversells it by a lot.</p></div>";
        let page = format!(
            "<body><div class=content><div class='story h-entry'><a href=x>Hair grown in a lab</a>\
             <p>submitted 17 hours ago by someone</p></div><div class=commentarea>{}</div></div></body>",
            comment.repeat(12)
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
        with_sections(&page, |dom, _, _, _, secs| {
            assert_eq!(secs.len(), 1);
            assert_eq!(dom.attr(secs[0], "id"), Some("comments"));
        });
    }
}
