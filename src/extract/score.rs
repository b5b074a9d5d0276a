//! Finding the main content: every paragraph-like block with real text gives
//! points to its nearest ancestors (more for longer text and more commas);
//! a container's score is adjusted by its tag and class/id hints and scaled
//! by the share of its text outside links. The best container wins, moves up
//! when its parent holds several good candidates or when it is one post of a
//! thread (to the container of all posts of its class), and takes in
//! siblings that look like part of the same article: those that score well,
//! plain paragraphs of prose, and sections of prose cut like it (same tag
//! and class) whose paragraphs sit too deep to have scored.
//!
//! In: the page, pruning mask, statistics and class/id families. Out: the
//! chosen subtree roots in document order.

use super::dom::{Dom, Ix, Tag, NO_PARENT};
use super::hints::{Families, Family};
use super::stats::Stats;

/// How many ancestor levels a paragraph gives points to.
const LEVELS: usize = 5;
/// Fewest visible characters for a block to count as a paragraph.
const MIN_PARAGRAPH: u32 = 20;
/// Candidates considered when looking for a better common ancestor.
const TOP_CANDIDATES: usize = 5;

/// The chosen content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Choice {
    /// Subtree roots in document order.
    pub roots: Vec<Ix>,
    /// Those of the roots taken for their shape alone: siblings cut like
    /// the winner (same tag and class, prose) that scored too little.
    pub sections: Vec<Ix>,
    /// The score of the winning candidate (0 when falling back to the body).
    pub score: f32,
}

/// Points a content-like class or id name (`content`, `entry`, `story`)
/// gives a candidate.
const POSITIVE_NAME_POINTS: f32 = 25.0;
/// Link density over which a content-like name earns nothing: most of the
/// element's text is links, whatever it is called.
const LINKS_OUTWEIGH_NAME: f32 = 0.5;

/// Most points one paragraph earns for its commas: a list of names or tags
/// set as one paragraph is not worth a whole article.
const MAX_COMMA_POINTS: u32 = 25;

/// Points a paragraph of `chars` visible characters and `commas` commas gives
/// its container: one, one per comma up to [`MAX_COMMA_POINTS`], one per 85
/// characters up to three.
fn paragraph_points(chars: u32, commas: u32) -> f32 {
    1.0 + commas.min(MAX_COMMA_POINTS) as f32 + (chars as f32 / 85.0).min(3.0)
}

/// Scores the page and picks the main-content subtrees; `article` when the
/// page says it is an article.
pub(crate) fn choose(
    dom: &Dom,
    removed: &[bool],
    stats: &Stats,
    families: &[Families],
    article: bool,
) -> Choice {
    let n = dom.len();
    let mut score = vec![0f32; n];
    let mut scored = vec![false; n];
    let mut candidates: Vec<Ix> = Vec::new();
    for i in 0..n as Ix {
        let node = dom.node(i);
        if removed[i as usize] || !node.tag.is_block() {
            continue;
        }
        let Some((first, chars, commas)) = paragraph(dom, i, stats) else {
            continue;
        };
        let points = paragraph_points(chars, commas);
        let mut level = 0;
        let mut a = first;
        while a != NO_PARENT && level < LEVELS {
            if matches!(dom.node(a).tag, Tag::Other | Tag::Html) {
                break;
            }
            if !scored[a as usize] {
                scored[a as usize] = true;
                score[a as usize] = initial_score(dom, a, families[a as usize]);
                candidates.push(a);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[a as usize] += points / divider;
            a = dom.node(a).parent;
            level += 1;
        }
    }
    for &c in &candidates {
        let density = stats.link_density(c);
        if density > LINKS_OUTWEIGH_NAME && families[c as usize].has(Family::Positive) {
            // A `content` wrapper of a post and its link columns: the name
            // says content, the text says links.
            score[c as usize] -= POSITIVE_NAME_POINTS;
        }
        score[c as usize] *= 1.0 - density;
    }
    let body = dom.body();
    let Some(mut top) = best(&candidates, &score) else {
        return Choice {
            roots: vec![body],
            sections: Vec::new(),
            score: 0.0,
        };
    };
    top = common_ancestor_of_alternatives(dom, &candidates, &score, top, body);
    top = climb_while_parent_scores_higher(dom, &score, &scored, top, body);
    top = climb_single_children(dom, removed, top, body);
    let min_posts = if article {
        MIN_ARTICLE_POSTS
    } else {
        MIN_POSTS
    };
    top = posts_of_thread(dom, removed, stats, families, top, body, min_posts);
    let (roots, sections) =
        with_siblings(dom, removed, stats, families, &score, &scored, top, body);
    Choice {
        roots,
        sections,
        score: score[top as usize],
    }
}

/// If `i` is a paragraph-like block: the first ancestor to receive points,
/// its text length and commas.
fn paragraph(dom: &Dom, i: Ix, stats: &Stats) -> Option<(Ix, u32, u32)> {
    let node = dom.node(i);
    let u = i as usize;
    match node.tag {
        Tag::P | Tag::Pre if stats.text[u] >= MIN_PARAGRAPH => {
            // A paragraph inside another paragraph-like block counts once.
            Some((node.parent, stats.text[u], stats.commas[u]))
        }
        Tag::Div
        | Tag::Section
        | Tag::Article
        | Tag::Main
        | Tag::Body
        | Tag::OtherBlock
        | Tag::Li
        | Tag::Td
        | Tag::Dd
        | Tag::Blockquote
        | Tag::Figure
        | Tag::Header
        | Tag::Footer
        | Tag::Aside
        | Tag::Dl
        | Tag::Dt
        | Tag::Form
        | Tag::Th
        | Tag::Heading(_)
            if stats.own_text[u] >= MIN_PARAGRAPH =>
        {
            // Loose text directly in a container is a paragraph of it.
            let first = if has_block_children(dom, i) && !node.tag.is_heading() {
                i
            } else {
                node.parent
            };
            Some((first, stats.own_text[u], stats.own_commas[u]))
        }
        _ => None,
    }
    .filter(|&(first, _, _)| first != NO_PARENT)
}

fn has_block_children(dom: &Dom, i: Ix) -> bool {
    dom.children(i).any(|c| dom.node(c).tag.is_block())
}

/// A candidate's starting score from its tag and class/id hints.
fn initial_score(dom: &Dom, i: Ix, families: Families) -> f32 {
    let tag_score = match dom.node(i).tag {
        Tag::Div | Tag::Section => 5.0,
        Tag::Article | Tag::Main => 10.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::OtherBlock | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => {
            -3.0
        }
        Tag::Heading(_) | Tag::Th => -5.0,
        _ => 0.0,
    };
    tag_score + class_weight(dom, i, families)
}

/// Points for class/id hints and `itemprop=articleBody`.
pub(crate) fn class_weight(dom: &Dom, i: Ix, families: Families) -> f32 {
    let mut w = 0.0;
    if families.is_boilerplate() {
        w -= 25.0;
    }
    if families.has(Family::Positive) {
        w += POSITIVE_NAME_POINTS;
    }
    if dom
        .attr(i, "itemprop")
        .is_some_and(|p| p.contains("articleBody"))
    {
        w += 25.0;
    }
    w
}

fn best(candidates: &[Ix], score: &[f32]) -> Option<Ix> {
    let mut top: Option<Ix> = None;
    for &c in candidates {
        // Ties go to the earlier node, so the choice is deterministic.
        if top.is_none_or(|t| {
            score[c as usize] > score[t as usize]
                || (score[c as usize] == score[t as usize] && c < t)
        }) {
            top = Some(c);
        }
    }
    top
}

/// When several near-best candidates share an ancestor with the winner, the
/// content is spread over them: take that ancestor.
fn common_ancestor_of_alternatives(
    dom: &Dom,
    candidates: &[Ix],
    score: &[f32],
    top: Ix,
    body: Ix,
) -> Ix {
    let top_score = score[top as usize];
    if top_score <= 0.0 {
        return top;
    }
    let mut ranked: Vec<Ix> = candidates.to_vec();
    ranked.sort_by(|&a, &b| {
        score[b as usize]
            .partial_cmp(&score[a as usize])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let alternatives: Vec<Ix> = ranked
        .iter()
        .copied()
        .filter(|&c| c != top)
        .take(TOP_CANDIDATES - 1)
        .filter(|&c| score[c as usize] / top_score >= 0.75)
        .filter(|&c| !dom.contains(c, top) && !dom.contains(top, c))
        .collect();
    if alternatives.len() < 3 {
        return top;
    }
    let mut a = dom.node(top).parent;
    while a != NO_PARENT && a != body {
        let shared = alternatives.iter().filter(|&&c| dom.contains(a, c)).count();
        if shared >= 3 {
            return a;
        }
        a = dom.node(a).parent;
    }
    top
}

/// Climbs to an ancestor that scores higher than the candidate below it, as
/// long as the scores on the way do not collapse.
fn climb_while_parent_scores_higher(
    dom: &Dom,
    score: &[f32],
    scored: &[bool],
    top: Ix,
    body: Ix,
) -> Ix {
    let mut last = score[top as usize];
    let threshold = last / 3.0;
    let mut a = dom.node(top).parent;
    while a != NO_PARENT && a != body && dom.contains(body, a) {
        if !scored[a as usize] {
            a = dom.node(a).parent;
            continue;
        }
        let s = score[a as usize];
        if s < threshold {
            break;
        }
        if s > last {
            return a;
        }
        last = s;
        a = dom.node(a).parent;
    }
    top
}

/// Fewest containers of one class for a thread: a question and its answer.
const MIN_POSTS: usize = 2;
/// On a page that says it is an article, a second block of the post's class
/// is an author box or a teaser as often as a reply: three make a thread.
const MIN_ARTICLE_POSTS: usize = 3;

/// A post of a thread stands for the thread: when the winner's class marks a
/// post or a comment (class/id hints) and names at least `min_posts` kept
/// containers with text, their nearest common ancestor (below the body) is
/// the content. The first post of a thread is often the longest and wins
/// alone; the replies under it are short but are the thread too.
fn posts_of_thread(
    dom: &Dom,
    removed: &[bool],
    stats: &Stats,
    families: &[Families],
    top: Ix,
    body: Ix,
    min_posts: usize,
) -> Ix {
    if !families[top as usize].has(Family::Discussion)
        && !families[top as usize].has(Family::Comment)
    {
        return top;
    }
    let Some(class) = dom
        .attr(top, "class")
        .map(str::trim)
        .filter(|c| !c.is_empty())
    else {
        return top;
    };
    let mut posts = (0..dom.len() as Ix).filter(|&i| {
        !removed[i as usize]
            && stats.text[i as usize] > 0
            && dom.attr(i, "class").map(str::trim) == Some(class)
    });
    let Some(first) = posts.next() else {
        return top;
    };
    let mut count = 1;
    let mut common = first;
    for p in posts {
        count += 1;
        while !dom.contains(common, p) {
            common = dom.node(common).parent;
            if common == NO_PARENT {
                return top;
            }
        }
    }
    if count < min_posts
        || common == body
        || !dom.contains(body, common)
        || !dom.contains(common, top)
    {
        return top;
    }
    common
}

/// A candidate that is its parent's only element child stands for the parent.
fn climb_single_children(dom: &Dom, removed: &[bool], mut top: Ix, body: Ix) -> Ix {
    loop {
        let parent = dom.node(top).parent;
        if parent == NO_PARENT || parent == body || !dom.contains(body, parent) {
            return top;
        }
        let elements = dom
            .children(parent)
            .filter(|&c| !removed[c as usize] && !matches!(dom.node(c).tag, Tag::Text | Tag::Other))
            .count();
        if elements != 1 {
            return top;
        }
        top = parent;
    }
}

/// A sibling shaped like the winner is a section of the same article when at
/// most this share of its text is in links.
const SECTION_MAX_LINK_DENSITY: f32 = 0.3;

/// The winner plus its siblings that score well, share its class, or are
/// plain prose paragraphs; second, those taken for their shape alone.
#[allow(clippy::too_many_arguments)]
fn with_siblings(
    dom: &Dom,
    removed: &[bool],
    stats: &Stats,
    families: &[Families],
    score: &[f32],
    scored: &[bool],
    top: Ix,
    body: Ix,
) -> (Vec<Ix>, Vec<Ix>) {
    let parent = dom.node(top).parent;
    if top == body || parent == NO_PARENT || !dom.contains(body, top) {
        return (vec![top], Vec::new());
    }
    let top_score = score[top as usize];
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("");
    let mut roots = Vec::new();
    let mut sections = Vec::new();
    // Whether the winner is prose itself: walked once, when first needed.
    let mut top_is_prose: Option<bool> = None;
    for s in dom.children(parent) {
        let u = s as usize;
        if s == top {
            roots.push(s);
            continue;
        }
        let tag = dom.node(s).tag;
        if removed[u] || matches!(tag, Tag::Text | Tag::Other) || stats.text[u] == 0 {
            continue;
        }
        if families[u].is_boilerplate() {
            continue;
        }
        let same_class = !top_class.is_empty() && dom.attr(s, "class") == Some(top_class);
        let bonus = if same_class { top_score * 0.2 } else { 0.0 };
        if scored[u] && score[u] + bonus >= threshold {
            roots.push(s);
            continue;
        }
        // A section of the article cut like the winner: same tag and class,
        // paragraphs of prose (its points went to the blocks inside it).
        if same_class
            && tag == dom.node(top).tag
            && stats.link_density(s) < SECTION_MAX_LINK_DENSITY
            && is_prose(dom, removed, stats, s)
            && *top_is_prose.get_or_insert_with(|| is_prose(dom, removed, stats, top))
        {
            roots.push(s);
            sections.push(s);
            continue;
        }
        if tag == Tag::P || (tag.is_block() && !has_block_children(dom, s)) {
            let chars = stats.text[u];
            let density = stats.link_density(s);
            let long_prose = chars > 70 && density < 0.25;
            let short_sentence = chars > 0 && density == 0.0 && ends_sentence(dom, s);
            if long_prose || short_sentence {
                roots.push(s);
            }
        }
    }
    (roots, sections)
}

/// Whether at least half of the element's text is `<p>` prose outside links,
/// in two paragraphs or more.
fn is_prose(dom: &Dom, removed: &[bool], stats: &Stats, i: Ix) -> bool {
    let prose = super::prune::prose_chars(dom, stats, removed, &[i]);
    stats.paragraphs[i as usize] >= 2 && prose * 2 >= stats.text[i as usize]
}

/// Whether the element's text ends like a sentence.
fn ends_sentence(dom: &Dom, i: Ix) -> bool {
    let end = dom.node(i).end;
    for j in (i..end).rev() {
        let t = dom.text(j).trim_end();
        if !t.is_empty() {
            return t.ends_with(['.', '!', '?', '。', '…', ':', '"', '»', '”']);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_cut_like_the_winner_joins_it() {
        use crate::extract::extract;
        use crate::Config;
        let para = |n: u32| {
            format!(
                "<p>Part {n} of the story, with enough words and clauses in it, like this one, \
                 to be a paragraph of prose that a reader would want to keep.</p>"
            )
        };
        let first: String = (1..=6).map(para).collect();
        let second: String = (7..=9).map(para).collect();
        let page = format!(
            "<body><nav><a href=/>Home</a></nav><div id=post>\
             <div class='post-section wide'><div class=inner>{first}</div></div>\
             <figure><img src=a.jpg></figure>\
             <div class='post-section wide'><section><div><div><div><div>{second}\
             </div></div></div></div></section></div></div><footer>© Example</footer></body>"
        );
        let texts: Vec<String> = extract(&page, &Config::default(), None)
            .blocks
            .into_iter()
            .map(|b| b.text)
            .collect();
        assert_eq!(texts.len(), 9, "{texts:?}");
        assert!(texts[8].starts_with("Part 9"));
    }

    /// The root `choose` picks on a thread of `replies` short replies under
    /// a long question, on an article page or not.
    fn thread_root(replies: usize, article: bool) -> Option<String> {
        let question = "<p>My first sensor keeps dropping off the network, every evening, after an hour or so, \
                        and I have tried moving the hub, changing channels, and new batteries.</p>";
        let reply = "<div class=entry><div class=author>bob</div>\
                     <div class=post-body><p>Try a mains powered router near it.</p></div></div>";
        let page = format!(
            "<body><div id=thread>\
             <div class=entry><div class=author>ann</div><div class=post-body>{}</div></div>{}\
             </div><div class=about><p>About this community: we talk about home automation.</p></div></body>",
            question.repeat(3),
            reply.repeat(replies)
        );
        let roots = chosen_ids(&page, article);
        assert_eq!(roots.len(), 1);
        roots.into_iter().next().flatten()
    }

    #[test]
    fn a_long_first_post_stands_for_the_whole_thread() {
        assert_eq!(thread_root(2, false).as_deref(), Some("thread"));
        assert_eq!(thread_root(1, false).as_deref(), Some("thread"));
        // On an article, one more block of the class is not yet a thread.
        assert_eq!(thread_root(2, true).as_deref(), Some("thread"));
        assert_eq!(thread_root(1, true), None);
        assert_eq!(thread_root(0, false), None);
    }

    /// The ids of the roots `choose` picks on `page`.
    fn chosen_ids(page: &str, article: bool) -> Vec<Option<String>> {
        use crate::extract::prune::families;
        use crate::extract::tree::Document;
        let doc = Document::parse(page);
        let dom = Dom::new(&doc);
        let fam = families(&dom);
        let removed = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &removed);
        let choice = choose(&dom, &removed, &stats, &fam, article);
        let id = |r| dom.attr(r, "id").map(str::to_string);
        choice.roots.into_iter().map(id).collect()
    }

    /// The first root `choose` picks on the article `page`, by its id.
    fn chosen_id(page: &str) -> Option<String> {
        chosen_ids(page, true).into_iter().next().flatten()
    }

    #[test]
    fn a_content_named_wrapper_made_mostly_of_links_loses_its_bonus() {
        // A `content` wrapper holds a short story and two columns of links:
        // its name must not outweigh that most of its text is links.
        let story =
            "<p>The council voted on Tuesday to close the bridge, citing cracks, rust and a \
                     report that nobody had read, and traffic will move to the ring road.</p>";
        let links: String = (0..4)
            .map(|n| format!("<p><a href=/s{n}>Another story from the archive, number {n}, worth a look</a></p>"))
            .collect();
        let page = format!(
            "<body><div id=w class=contentblock><div id=s>{}</div>\
             <div id=m>{links}</div><div id=n>{links}</div></div></body>",
            story.repeat(2)
        );
        assert_eq!(chosen_id(&page).as_deref(), Some("s"));
        // A content-named block that is mostly prose keeps its bonus.
        let page = format!(
            "<body><div id=w class=contentblock><div id=s>{}</div>\
             <div id=m>{}</div></div></body>",
            story.repeat(2),
            story.repeat(2)
        );
        assert_eq!(chosen_id(&page).as_deref(), Some("w"));
    }

    #[test]
    fn a_paragraph_of_names_earns_no_more_than_a_few_sentences() {
        // 120 names in one paragraph against eight sentences of an article.
        let list = paragraph_points(2400, 119);
        let article = 8.0 * paragraph_points(110, 2);
        assert!(list < article, "{list} >= {article}");
        assert_eq!(paragraph_points(2400, 119), paragraph_points(2400, 25));
        assert!(paragraph_points(200, 3) > paragraph_points(200, 2));
    }
}
