//! Stage 2 for HTML inputs: a page to the [`Block`]s of its main content and
//! its [`Metadata`].
//!
//! The steps, one module each, run one way:
//!
//! | step | module | in | out |
//! |---|---|---|---|
//! | parse | `tokenize`, `tree`, `guard` | page | html5ever's tree in a lean arena, within the depth and node budgets; script, style, SVG and comment bodies skipped as `prepass` says |
//! | flatten | `dom` | parsed page | pre-order node array |
//! | hints | `hints` | class, id | families of boilerplate or content |
//! | prune | `prune` | nodes, hints, text statistics | pruned elements |
//! | teasers | `teasers` | headings of related links, statistics | pruned teaser boxes |
//! | reviews | `reviews` | review sections of a product page | pruned |
//! | cards | `cards` | rows of other products' cards on a product page | pruned |
//! | product | `product` | product page: its `<h1>`; in whole-body mode, the chosen roots | wrappers of the name kept; the product's block instead of the body |
//! | comments | `comments` | comment sections, statistics | prune them or keep them (discussion pages) |
//! | score | `score` | kept nodes, statistics | chosen subtree roots |
//! | lead | `lead` | chosen roots, hints | lead blocks just before them added |
//! | repeats | `repeats` | chosen subtrees | paragraphs said twice pruned |
//! | blocks | `blocks` | chosen subtrees; boxes of a picture and its caption (`captions`) | [`Block`]s, captions marked |
//! | headline | `headline` | blocks, title | blocks without the headline |
//! | credits | `credits` | blocks | blocks without picture credits |
//! | captions | `captions` | blocks | blocks without captions, unless they carry the page |
//!
//! Nothing here recurses over the DOM: every walk is a loop over the
//! pre-order array or an explicit stack, so arbitrarily deep pages are safe.

mod blocks;
mod captions;
mod cards;
mod comments;
mod credits;
mod date;
mod dom;
pub mod guard;
mod headline;
mod hints;
mod lead;
pub mod metadata;
mod page_type;
mod post_body;
pub mod prepass;
mod product;
mod prune;
mod regions;
mod repeats;
mod reviews;
mod score;
mod stats;
mod teasers;
pub mod tokenize;
pub mod tree;

use crate::article::{Metadata, Verdicts};
use crate::block::Block;
use crate::clean::Removal;
use crate::config::Config;
use dom::Dom;
use stats::Stats;
use tokenize::Reading;

/// The main content of a page and what is known about it.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Content blocks in reading order.
    pub blocks: Vec<Block>,
    /// Title, author, language and so on.
    pub metadata: Metadata,
    /// What was decided about the page.
    pub verdicts: Verdicts,
    /// The regions of the page that were pruned, in page order, then the
    /// captions dropped.
    pub pruned: Vec<Removal>,
}

/// Below this many visible characters the strict extraction is not trusted
/// and a lenient one (class/id hints and landmarks not pruned) is tried.
const MIN_CONTENT_CHARS: u32 = 250;

/// Extracts the main content of `html`; `url` is the page's URL when known
/// (relative canonical links are resolved against it).
pub fn extract(html: &str, config: &Config, url: Option<&str>) -> Extracted {
    let doc = match parse(html, config) {
        Ok(doc) => doc,
        Err(blocks) => {
            return Extracted {
                blocks,
                metadata: Metadata::default(),
                verdicts: Verdicts {
                    page: "page",
                    comments: "none",
                    container: "body".into(),
                    ..Verdicts::default()
                },
                pruned: Vec::new(),
            }
        }
    };
    let dom = Dom::new(&doc);
    let mut content = main_content(&dom);
    if content.chars < NOSCRIPT_TRIGGER_CHARS {
        if let Some(inner) = noscript_content(&dom, config) {
            if inner.chars > content.chars {
                content.blocks = inner.blocks;
                content.verdicts.container = "noscript".into();
            }
        }
    }
    let mut blocks = content.blocks;
    let metadata = metadata::extract(&doc, url);
    headline::drop_headline(&mut blocks, metadata.title.as_deref());
    credits::drop_credits(&mut blocks);
    let mut pruned = content.pruned;
    if !config.keep_captions {
        captions::drop_captions(&mut blocks, &mut pruned);
    }
    Extracted {
        blocks,
        metadata,
        verdicts: content.verdicts,
        pruned,
    }
}

/// Parses `html` within the budgets, its scripts, styles, inline SVG and
/// comments skipped unless [`Config::full_parse`] (see [`prepass`]).
fn parse(html: &str, config: &Config) -> Result<tree::Document, Vec<Block>> {
    let reading = if config.full_parse {
        Reading::Whole
    } else {
        Reading::Blanked {
            max_attributes: config.budgets.max_attributes,
        }
    };
    guard::parse(html, &config.budgets, reading)
}

/// The main content of a page, with what was decided and pruned on the way.
struct Content {
    blocks: Vec<Block>,
    /// Its size in visible characters.
    chars: u32,
    verdicts: Verdicts,
    pruned: Vec<Removal>,
}

/// When the chosen subtree holds less than this share of the page's kept
/// text, the page is not one article (a product, service or listing page, a
/// thread split over many containers) and the whole kept body is used.
const BROAD_COVERAGE: f32 = 0.5;
/// In that whole-body mode, containers with more of their text in links than
/// this are menus or link lists and go.
const BROAD_MAX_LINK_DENSITY: f32 = 0.75;

/// Chosen content with this much `<p>` prose is an article even when the page
/// does not say so: in whole-body mode, all its link lists go.
const ARTICLE_PROSE_CHARS: u32 = 1200;

/// Chosen content with at least this much `<p>` prose (any, on a page that
/// says it is an article or whose comment sections went), and less than
/// [`KEPT_MAX_PROSE_OUTSIDE`] of `<p>` prose left in the rest of the body, is
/// kept even when it holds less than half of the page: the rest is chrome.
const KEPT_PROSE_CHARS: u32 = 200;
/// See [`KEPT_PROSE_CHARS`]: about two sentences.
const KEPT_MAX_PROSE_OUTSIDE: u32 = 300;

/// Below this many characters of content, a large `<noscript>` is looked at.
const NOSCRIPT_TRIGGER_CHARS: u32 = 1000;
/// A `<noscript>` holding at least this many bytes of markup may hold the page.
const NOSCRIPT_MIN_BYTES: usize = 1000;

/// Pages built by scripts often ship their content for clients without
/// scripts (thresh is one) inside `<noscript>`, which the parser keeps as
/// raw markup: the largest such markup, parsed and extracted on its own.
fn noscript_content(dom: &Dom, config: &Config) -> Option<Content> {
    let markup = (0..dom.len() as dom::Ix)
        .filter(|&i| dom.element(i).is_some_and(|e| e.name() == "noscript"))
        .filter_map(|i| {
            let first = i + 1;
            (first < dom.node(i).end).then(|| dom.text(first))
        })
        .filter(|t| t.len() >= NOSCRIPT_MIN_BYTES && t.contains('<'))
        .max_by_key(|t| t.len())?;
    let doc = parse(markup, config).ok()?;
    let inner = Dom::new(&doc);
    Some(main_content(&inner))
}

/// The blocks of the page's main content, its size in visible characters,
/// the verdicts that chose it and the regions pruned around it.
fn main_content(dom: &Dom) -> Content {
    let families = prune::families(dom);
    let mut never = vec![false; dom.len()];
    prune::always(dom, &families, &mut never);
    stats::spread(dom, &mut never);
    let stats = Stats::compute(dom, &never);

    let mut strict = never.clone();
    prune::by_layout(dom, &families, &stats, &never, &mut strict);
    let declared = page_type::Declared::read(dom);
    let product = declared.product();
    let article = declared.article();
    if product {
        for a in product::named_wrappers(dom, &families, &stats, &never, &strict) {
            strict[a as usize] = false;
        }
    }
    if article || product {
        for b in teasers::boxes(dom, &stats, &strict) {
            strict[b as usize] = true;
        }
    }
    if product {
        for r in reviews::sections(dom, &families, &stats, &strict) {
            strict[r as usize] = true;
        }
        for r in cards::rows(dom, &stats, &strict) {
            strict[r as usize] = true;
        }
    }
    stats::spread(dom, &mut strict);
    let strict_stats = Stats::compute(dom, &strict);
    let (strict, strict_stats, comments) =
        drop_comments(dom, &families, &declared, strict, strict_stats);
    let page_kind = match comments {
        Comments::Kept(_) => "discussion",
        _ if product => "product",
        Comments::Dropped(..) => "article",
        _ if article => "article",
        _ => "page",
    };
    let dropped: &[dom::Ix] = match &comments {
        Comments::Dropped(_, sections) => sections,
        _ => &[],
    };
    let verdicts = |container: String, whole_page: bool| Verdicts {
        page: page_kind,
        comment_sections: comments.count(),
        comments: comments.name(),
        container,
        whole_page,
    };
    let done = |blocks, chars, container, whole_page, removed: &[bool]| Content {
        blocks,
        chars,
        verdicts: verdicts(container, whole_page),
        pruned: regions::pruned(dom, &families, &stats, removed, dropped),
    };
    let Picked {
        blocks,
        chars,
        unsure_chars,
        prose,
        roots,
    } = pick(dom, &families, &strict, &strict_stats, article);
    // The page's own name for its post body, inside the chosen content:
    // the article was found, whatever the rest of the page holds.
    let holds_post_body = post_body::sole(dom, &strict_stats, &strict)
        .is_some_and(|b| roots.iter().any(|&r| dom.contains(r, b)));
    // Whether the chosen subtree is the page's article: blocks taken for
    // their place or shape alone do not count.
    let page_chars = strict_stats.text[dom.body() as usize];
    if (chars.saturating_sub(unsure_chars) as f32) < BROAD_COVERAGE * page_chars as f32 {
        let mut broad = strict.clone();
        let lists = prune::link_lists(
            dom,
            &strict_stats,
            &strict,
            BROAD_MAX_LINK_DENSITY,
            prose < ARTICLE_PROSE_CHARS && !article,
        );
        stats::prune_subtrees(dom, &mut broad, lists);
        let broad_stats = Stats::compute(dom, &broad);
        let body = product
            .then(|| product::block(dom, &broad, &broad_stats, &roots))
            .flatten()
            .unwrap_or(dom.body());
        let bchars = broad_stats.text[body as usize];
        // Cards, tickers and link lists around an article are not more of
        // it: the whole body is taken for more content of the same kind,
        // prose, not for chrome around prose.
        let inside = prune::prose_chars(dom, &broad_stats, &broad, &roots);
        let outside = prune::prose_chars(dom, &broad_stats, &broad, &[body]).saturating_sub(inside);
        // Nor are cards of other pages: a linked headline and its dek.
        let previous = dom.previous_elements();
        let deks = prune::dek_chars(dom, &broad_stats, &broad, &[body], &previous).saturating_sub(
            prune::dek_chars(dom, &broad_stats, &broad, &roots, &previous),
        );
        let outside = outside.saturating_sub(deks);
        // A page that says it is an article, or whose comments went as an
        // article's, needs only some prose in the chosen content.
        let article_page = article || matches!(comments, Comments::Dropped(..));
        let needed = if article_page { 1 } else { KEPT_PROSE_CHARS };
        let keeps = holds_post_body || (prose >= needed && outside < KEPT_MAX_PROSE_OUTSIDE);
        if bchars > chars && !keeps {
            let blocks = build_blocks(dom, &broad, &broad_stats, &[body]);
            return done(blocks, bchars, dom.describe(body), true, &broad);
        }
    }
    let container = roots
        .last()
        .map_or_else(|| "body".into(), |&r| dom.describe(r));
    if chars >= MIN_CONTENT_CHARS
        || holds_post_body
        || strict_stats.text[dom.body() as usize] == stats.text[dom.body() as usize]
    {
        return done(blocks, chars, container, false, &strict);
    }
    let (lenient, lenient_stats, _) = drop_comments(
        dom,
        &families,
        &declared,
        never.clone(),
        Stats::compute(dom, &never),
    );
    let fallback = pick(dom, &families, &lenient, &lenient_stats, article);
    if fallback.chars > chars {
        let container = fallback
            .roots
            .last()
            .map_or_else(|| "body".into(), |&r| dom.describe(r));
        done(fallback.blocks, fallback.chars, container, false, &lenient)
    } else {
        done(blocks, chars, container, false, &strict)
    }
}

/// What became of a page's comment sections.
enum Comments {
    /// The page has none.
    None,
    /// Under an article: pruned (how many, and their roots).
    Dropped(usize, Vec<dom::Ix>),
    /// The page is a discussion: they are its content.
    Kept(usize),
}

impl Comments {
    fn count(&self) -> usize {
        match self {
            Comments::None => 0,
            Comments::Dropped(n, _) | Comments::Kept(n) => *n,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Comments::None => "none",
            Comments::Dropped(..) => "dropped",
            Comments::Kept(_) => "kept",
        }
    }
}

/// Prunes comment sections unless the page is a discussion.
fn drop_comments(
    dom: &Dom,
    families: &[hints::Families],
    declared: &page_type::Declared,
    mut removed: Vec<bool>,
    stats: Stats,
) -> (Vec<bool>, Stats, Comments) {
    let sections = comments::sections(dom, families, &stats, &removed);
    if sections.is_empty() {
        return (removed, stats, Comments::None);
    }
    let n = runs(dom, &sections);
    let says_discussion = declared.discussion();
    if comments::is_discussion(dom, families, &stats, &removed, &sections, says_discussion) {
        return (removed, stats, Comments::Kept(n));
    }
    stats::prune_subtrees(dom, &mut removed, sections.iter().copied());
    let stats = Stats::compute(dom, &removed);
    (removed, stats, Comments::Dropped(n, sections))
}

/// How many comment sections `sections` are, counting a run of adjacent
/// siblings (the paragraphs of an anchored comment area) as one.
fn runs(dom: &Dom, sections: &[dom::Ix]) -> usize {
    sections
        .iter()
        .enumerate()
        .filter(|&(k, &s)| k == 0 || dom.node(sections[k - 1]).end != s)
        .count()
}

/// The content [`pick`] chose.
struct Picked {
    /// Its blocks.
    blocks: Vec<Block>,
    /// Its size in visible characters, leads included.
    chars: u32,
    /// Of which in blocks taken for their place or shape alone: lead
    /// paragraphs after the headline, sections cut like the winner.
    unsure_chars: u32,
    /// Its `<p>` prose, in visible characters.
    prose: u32,
    /// Its subtree roots.
    roots: Vec<dom::Ix>,
}

/// Chooses the content and builds its blocks; `article` when the page says
/// it is an article.
fn pick(
    dom: &Dom,
    families: &[hints::Families],
    removed: &[bool],
    stats: &Stats,
    article: bool,
) -> Picked {
    let mut choice = score::choose(dom, removed, stats, families, article);
    let marked = lead::before(dom, removed, stats, families, &choice.roots);
    let placed = lead::after_headline(dom, removed, stats, families, &choice.roots, &marked);
    let unsure_chars = placed
        .iter()
        .chain(&choice.sections)
        .map(|&l| stats.text[l as usize])
        .sum();
    if !marked.is_empty() || !placed.is_empty() {
        let mut leads = [marked, placed].concat();
        leads.sort_unstable();
        leads.append(&mut choice.roots);
        choice.roots = leads;
    }
    let prose = prune::prose_chars(dom, stats, removed, &choice.roots);
    let extra = prune::inside_content(dom, stats, removed, &choice.roots);
    let chars: u32 = choice
        .roots
        .iter()
        .map(|&r| stats.text[r as usize])
        .sum::<u32>()
        - extra.iter().map(|&e| stats.text[e as usize]).sum::<u32>();
    let blocks = if extra.is_empty() {
        build_blocks(dom, removed, stats, &choice.roots)
    } else {
        let mut removed = removed.to_vec();
        stats::prune_subtrees(dom, &mut removed, extra);
        build_blocks(dom, &removed, stats, &choice.roots)
    };
    Picked {
        blocks,
        chars,
        unsure_chars,
        prose,
        roots: choice.roots,
    }
}

/// The blocks of the subtrees at `roots`, without paragraphs that repeat
/// one of another container.
fn build_blocks(dom: &Dom, removed: &[bool], stats: &Stats, roots: &[dom::Ix]) -> Vec<Block> {
    let again = repeats::repeated(dom, removed, roots);
    if again.is_empty() {
        return blocks::build(dom, removed, stats, roots);
    }
    let mut removed = removed.to_vec();
    stats::prune_subtrees(dom, &mut removed, again);
    blocks::build(dom, &removed, stats, roots)
}

/// The texts of the blocks thresh extracts from `page`, for tests.
#[cfg(test)]
pub(crate) fn texts(page: &str) -> Vec<String> {
    extract(page, &Config::default(), None)
        .blocks
        .into_iter()
        .map(|b| b.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `extract` on a few inputs.
    #[test]
    fn example_extract() {
        use crate::{extract::extract, Config};
        let page = "<html><body><nav><a href=/>Home</a></nav><article>\
            <p>The treaty was signed on Wednesday, after years of talks.</p>\
            <p>It commits both countries to mutual defence.</p></article>\
            <footer>© 2024 Example News</footer></body></html>";
        let blocks = extract(page, &Config::default(), None).blocks;
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The treaty was signed on Wednesday, after years of talks.",
                "It commits both countries to mutual defence."
            ]
        );
    }

    #[test]
    fn a_named_post_body_is_kept_alone_beside_more_prose_in_boxes() {
        // Three paragraphs in the page's one `entry-content`, and more prose
        // than that spread over six unnamed boxes beside it (shop promos):
        // the post body is the article, not the whole page.
        let post: String = (0..3)
            .map(|n| {
                format!(
                    "<p>We walked the old canal path from the lock to the mill on day {n}, past \
                     herons, narrowboats and two anglers, and turned back at the bridge.</p>"
                )
            })
            .collect();
        let boxes: String = (0..6)
            .map(|n| {
                format!(
                    "<div class=box{n}><h3>Box {n}</h3><p>Our shop number {n} sells maps, boots \
                     and warm coats for every season, with free delivery on orders over fifty \
                     pounds, always.</p></div>"
                )
            })
            .collect();
        let page = format!(
            "<html><body><div class=site><div class=main><h1>A walk</h1>\
             <div class=entry-content>{post}</div></div><div class=col2>{boxes}</div></div>\
             </body></html>"
        );
        let texts = texts(&page);
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(
            texts.iter().all(|t| t.starts_with("We walked")),
            "{texts:?}"
        );
    }

    #[test]
    fn an_article_among_more_teaser_text_than_its_own_is_kept_alone() {
        let teaser =
            "<div class=card><h3><a href=/x>Another story from the newsroom today</a></h3>\
                      <span>Politics · 3 min</span></div>";
        let page = format!(
            "<body><div class=grid>{}</div><div class=story><p>The council voted on Monday \
             to close the old bridge to cars from March, after engineers found cracks in two \
             of its piers. Buses and bicycles will still cross it.</p><p>The repairs are to take \
             two years and cost the city four million euros, the mayor said.</p></div>\
             <div class=grid>{}</div></body>",
            teaser.repeat(6),
            teaser.repeat(6)
        );
        assert_eq!(
            texts(&page),
            [
                "The council voted on Monday to close the old bridge to cars from March, after \
              engineers found cracks in two of its piers. Buses and bicycles will still cross it.",
                "The repairs are to take two years and cost the city four million euros, the mayor said."
            ]
        );
    }

    #[test]
    fn a_short_post_whose_comments_went_is_kept_alone() {
        let teaser = "<div class=card><h3><a href=/x>Another post from this blog</a></h3>\
                      <span>Travel · 3 min</span></div>";
        let comment = "<li class=comment><p>What a view, thank you for sharing it with all of us here.</p></li>";
        let page = format!(
            "<body><div class=grid>{}</div><div class=entry><p>The view from the ridge at dawn.</p>\
             <img src=ridge.jpg></div><ol class=commentlist>{}</ol><div class=grid>{}</div></body>",
            teaser.repeat(6),
            comment.repeat(3),
            teaser.repeat(6)
        );
        assert_eq!(texts(&page), ["The view from the ridge at dawn."]);
    }

    #[test]
    fn cards_of_other_posts_with_their_deks_are_not_more_of_the_article() {
        let card = |linked: bool| {
            let title = "A post from a sister blog of the network";
            let headline = if linked {
                format!("<h4><a href=/other>{title}</a></h4>")
            } else {
                format!("<h4>{title}</h4>")
            };
            format!(
                "<li>{headline}<p>The start of that other post, cut off after a few lines of \
                 its text, about a subject that is not this article's.</p></li>"
            )
        };
        let story = "<p>The council voted on Monday to close the old bridge to cars from \
                     March, after engineers found cracks in two of its piers.</p>"
            .repeat(4);
        for (linked, whole_page) in [(true, false), (false, true)] {
            let page = format!(
                "<body><article><div class=entry>{story}</div></article>\
                 <div class='widget network'><ul>{}</ul></div></body>",
                card(linked).repeat(8)
            );
            let kept = texts(&page).join("|");
            assert!(kept.contains("The council voted"), "{kept}");
            assert_eq!(
                kept.contains("sister blog"),
                whole_page,
                "linked={linked}: {kept}"
            );
        }
    }

    #[test]
    fn a_page_with_more_prose_outside_the_chosen_block_is_taken_whole() {
        let block = |words: &str| {
            format!(
                "<div class=box><h2>Part</h2><p>{}</p></div>",
                words.repeat(4)
            )
        };
        let page = format!(
            "<body>{}{}{}</body>",
            block("Our service plans cover repairs, parts and labour for three years. "),
            block("Every plan includes a yearly check of the heating system by a technician. "),
            block("Call us or write to us, and a technician visits within two working days. ")
        );
        assert_eq!(texts(&page).len(), 6);
    }
}
