//! Boilerplate pruning: which elements (with their subtrees) are dropped
//! before the main content is looked for.
//!
//! [`always`] drops what is never content whatever the page: scripts,
//! styles, form controls, hidden elements, landmark roles of site chrome
//! (and dialogs, unless `aria-modal=false` makes one a sheet of the page).
//! [`by_layout`] then uses text statistics: forms (unless one holds the posts
//! of a discussion and asks for no input), `nav`, `header`, `footer`
//! and `aside` outside the article, author boxes (`itemprop="author"` on
//! more than a name), and elements whose class or id mark them as
//! boilerplate ([`hints`](super::hints)) unless they hold most of the page.
//! Comment sections are decided separately ([`comments`](super::comments)).

use super::dom::{Dom, Ix, Tag, NO_PARENT};
use super::hints::{Families, Family, Lexicon};
use super::stats::Stats;
use crate::clean::lexicon::is_ascii_space;
use html5ever::local_name;
use std::cell::OnceCell;

/// Why an element was pruned. Kept for tests and for explaining decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
    /// Scripts, styles, templates, embedded objects, `<head>`.
    Invisible,
    /// Buttons, inputs, selects and labels.
    Control,
    /// `hidden`, `aria-hidden="true"`, inline `display:none`, a hidden class.
    Hidden,
    /// `role` of navigation, banner, footer, sidebar, search or dialog.
    Role,
    /// A `<form>` that does not wrap the page.
    Form,
    /// `nav`, or `header`/`footer`/`aside` outside the article.
    Landmark,
    /// Class or id hints of boilerplate.
    Hint,
}

/// Class and id families of every node (empty for non-elements).
pub(crate) fn families(dom: &Dom) -> Vec<Families> {
    let lexicon = Lexicon::get();
    let mut buf = String::new();
    // A page repeats its class names (every card, every menu entry): each
    // distinct (class, id) pair is classified once.
    let by_names: Vec<Families> = dom
        .doc
        .names()
        .iter()
        .map(|(class, id)| lexicon.classify(class, id, &mut buf))
        .collect();
    dom.nodes
        .iter()
        .map(|n| by_names[n.names as usize])
        .collect()
}

/// First pass: elements that are never content. Sets `pruned` per element
/// (not spread to descendants).
pub(crate) fn always(dom: &Dom, families: &[Families], pruned: &mut [bool]) {
    for f in form_fieldsets(dom, families) {
        pruned[f as usize] = true;
    }
    let mut hidden = Vec::new();
    for i in 0..dom.len() as Ix {
        match never_content(dom, i, families[i as usize]) {
            Some(Reason::Hidden) if hidden_by_style(dom, i) => hidden.push(i),
            Some(_) => pruned[i as usize] = true,
            None => {}
        }
    }
    if hidden.is_empty() {
        return;
    }
    // A page hidden as a whole until its scripts run (to avoid a flash of
    // unstyled content) is shown in the end: hiding that wraps most of the
    // page's text is not hiding.
    // Measured against the page without its landmarks of site chrome.
    let mut visible = pruned.to_vec();
    for (i, v) in visible.iter_mut().enumerate() {
        if matches!(
            dom.nodes[i].tag,
            Tag::Nav | Tag::Header | Tag::Footer | Tag::Aside
        ) {
            *v = true;
        }
    }
    super::stats::spread(dom, &mut visible);
    let raw = Stats::compute(dom, &visible);
    let page = raw.text[dom.body() as usize];
    for i in hidden {
        if raw.text[i as usize] as f32 <= HIDDEN_WRAPPER_SHARE * page as f32 {
            pruned[i as usize] = true;
        }
    }
}

/// A fieldset holding a form control and less text than this (visible
/// characters outside controls) is part of a form.
const FORM_FIELDSET_MAX_CHARS: u32 = 500;

/// Fieldsets of a form: those named like boilerplate (a breadcrumb, a search
/// box), holding a form control and little text, or mostly links (buttons
/// that answer a question). A fieldset of text is a box of the page's layout
/// and stays, even with a form at its end.
fn form_fieldsets(dom: &Dom, families: &[Families]) -> Vec<Ix> {
    let is_fieldset = |i: Ix| dom.element(i).is_some_and(|e| e.name() == "fieldset");
    let mut out = Vec::new();
    if !(0..dom.len() as Ix).any(is_fieldset) {
        return out;
    }
    // Whether an input sits under each node, and its visible characters
    // outside controls and invisible elements, bottom-up.
    let mut controls = vec![false; dom.len()];
    let mut chars = vec![0u32; dom.len()];
    let mut links = vec![0u32; dom.len()];
    for i in (1..dom.len()).rev() {
        let node = dom.nodes[i];
        let p = node.parent;
        if p == super::dom::NO_PARENT {
            continue;
        }
        let p = p as usize;
        let input = || {
            dom.element(i as Ix)
                .is_some_and(|e| matches!(e.name(), "input" | "select" | "textarea" | "button"))
        };
        match node.tag {
            Tag::Control => controls[p] |= controls[i] || input(),
            Tag::Invisible => {}
            Tag::Text => chars[p] += dom.chars[i],
            _ => {
                controls[p] |= controls[i];
                chars[p] += chars[i];
                links[p] += if node.tag == Tag::A {
                    chars[i]
                } else {
                    links[i]
                };
            }
        }
    }
    for i in 0..dom.len() as Ix {
        let u = i as usize;
        let form = (controls[u] && chars[u] < FORM_FIELDSET_MAX_CHARS) || links[u] * 2 > chars[u];
        if is_fieldset(i) && (form || families[u].is_boilerplate()) {
            out.push(i);
        }
    }
    out
}

/// Whether the element is hidden by its inline style only.
fn hidden_by_style(dom: &Dom, i: Ix) -> bool {
    !hidden_by_markup(dom, i) && dom.attr(i, "style").is_some_and(hides)
}

/// Whether element `i` is hidden by its `hidden` or `aria-hidden="true"`
/// attribute.
fn hidden_by_markup(dom: &Dom, i: Ix) -> bool {
    dom.attr(i, "hidden").is_some() || dom.attr(i, "aria-hidden") == Some("true")
}

/// Why element `i` is never content, if it is not.
pub(crate) fn never_content(dom: &Dom, i: Ix, families: Families) -> Option<Reason> {
    let tag = dom.node(i).tag;
    match tag {
        Tag::Invisible | Tag::Head => return Some(Reason::Invisible),
        Tag::Control => return Some(Reason::Control),
        Tag::Text | Tag::Other | Tag::Html | Tag::Body => return None,
        _ => {}
    }
    let e = dom.element(i)?;
    // React streams server-rendered segments in `<div hidden id="S:0">` and
    // swaps them into place with a script: they are shown.
    let streamed = e
        .attr(&local_name!("id"))
        .is_some_and(|id| id.starts_with("S:"));
    if (e.attr(&local_name!("hidden")).is_some() && !streamed)
        || e.attr(&local_name!("aria-hidden")) == Some("true")
    {
        return Some(Reason::Hidden);
    }
    if let Some(style) = e.attr(&local_name!("style")) {
        if hides(style) {
            return Some(Reason::Hidden);
        }
    }
    if families.has(Family::Hidden) {
        return Some(Reason::Hidden);
    }
    if let Some(role) = e.attr(&local_name!("role")) {
        // A dialog that says it is not modal is a sheet or panel of the
        // page (a product's description drawer), not a popup over it.
        let sheet = role.trim().eq_ignore_ascii_case("dialog")
            && e.get_attr("aria-modal")
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("false"));
        if !sheet
            && matches!(
                role.trim().to_ascii_lowercase().as_str(),
                "navigation"
                    | "banner"
                    | "contentinfo"
                    | "complementary"
                    | "search"
                    | "menu"
                    | "menubar"
                    | "dialog"
                    | "alertdialog"
                    | "toolbar"
                    | "tooltip"
            )
        {
            return Some(Reason::Role);
        }
    }
    None
}

/// Whether an inline style hides the element.
fn hides(style: &str) -> bool {
    let compact: Vec<u8> = if style.is_ascii() {
        style
            .bytes()
            .filter(|b| !is_ascii_space(b))
            .map(|b| b.to_ascii_lowercase())
            .collect()
    } else {
        style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .into_bytes()
    };
    memchr::memmem::find(&compact, b"display:none").is_some()
        || memchr::memmem::find(&compact, b"visibility:hidden").is_some()
}

/// Second pass, on statistics computed after [`always`]: layout landmarks,
/// forms and class/id hints. Comment hints are left to
/// [`comments`](super::comments).
pub(crate) fn by_layout(
    dom: &Dom,
    families: &[Families],
    stats: &Stats,
    removed: &[bool],
    pruned: &mut [bool],
) {
    let page = Page {
        text: stats.text[dom.body() as usize].max(1),
        bodies: OnceCell::new(),
        prose_body: prose_body(dom, stats),
        families,
        removed,
    };
    let mut article_depth: Vec<Ix> = Vec::new();
    for i in 0..dom.len() as Ix {
        while let Some(&a) = article_depth.last() {
            if dom.contains(a, i) {
                break;
            }
            article_depth.pop();
        }
        if removed[i as usize] || dom.node(i).tag == Tag::Text {
            continue;
        }
        if is_article_root(dom, i, families[i as usize]) {
            article_depth.push(i);
        }
        let in_article = !article_depth.is_empty();
        if dom.node(i).tag == Tag::Form && holds_posts(dom, i, families, stats) {
            continue;
        }
        if let Some(reason) = layout_reason(dom, i, families[i as usize], stats, &page, in_article)
        {
            let _ = reason;
            pruned[i as usize] = true;
        }
    }
}

/// What [`layout_reason`] weighs an element against.
struct Page<'a> {
    /// Visible characters of the whole page.
    text: u32,
    /// Elements named as the page's body, from [`named_bodies`]: found on
    /// first need (a sidebar-named element holding most of the page), not
    /// on every page.
    bodies: OnceCell<Vec<Ix>>,
    /// The innermost element holding most of the page's paragraphs, from
    /// [`prose_body`].
    prose_body: Option<Ix>,
    /// Every node's hint families.
    families: &'a [Families],
    /// The nodes removed before layout pruning.
    removed: &'a [bool],
}

impl Page<'_> {
    /// Whether an element named as the page's body lies outside `i` and
    /// does not hold it.
    fn has_body_beside(&self, dom: &Dom, stats: &Stats, i: Ix) -> bool {
        self.bodies
            .get_or_init(|| named_bodies(dom, self.families, stats, self.removed))
            .iter()
            .any(|&b| !dom.contains(i, b) && !dom.contains(b, i))
    }
}

/// Fewest visible characters of an element named as content (`post-body`,
/// `entry-content`) for it to be the page's body.
const MIN_NAMED_BODY_CHARS: u32 = 150;

/// Most link text in an element named as content for it to be the page's
/// body: more is a card or a list of links whose utility classes happen to
/// say `text` or `content`.
const MAX_NAMED_BODY_LINK_DENSITY: f32 = 0.5;

/// The kept elements named as content by their classes or id, with at least
/// [`MIN_NAMED_BODY_CHARS`] of text, mostly not links, and no boilerplate
/// name of their own.
fn named_bodies(dom: &Dom, families: &[Families], stats: &Stats, removed: &[bool]) -> Vec<Ix> {
    (0..dom.len() as Ix)
        .filter(|&i| {
            let f = families[i as usize];
            !removed[i as usize]
                && f.has(Family::Positive)
                && !f.is_boilerplate()
                && stats.text[i as usize] >= MIN_NAMED_BODY_CHARS
                && stats.link_density(i) < MAX_NAMED_BODY_LINK_DENSITY
        })
        .collect()
}

/// Whether `i` is the root of an article: `article`, `main`,
/// `itemprop=articleBody` or `role=main`/`article`.
pub(crate) fn is_article_root(dom: &Dom, i: Ix, _families: Families) -> bool {
    match dom.node(i).tag {
        Tag::Article | Tag::Main => true,
        Tag::Text | Tag::Other => false,
        _ => {
            let Some(e) = dom.element(i) else {
                return false;
            };
            e.attr(&local_name!("itemprop"))
                .is_some_and(|p| p.contains("articleBody") || p.contains("text"))
                || e.attr(&local_name!("role"))
                    .is_some_and(|r| r == "main" || r == "article")
        }
    }
}

/// When the text of an element overrules its boilerplate name: an element
/// whose boilerplate hints are all in `families` and that holds at least
/// `chars` visible characters in at least `paragraphs` `<p>` paragraphs, with
/// less than `max_link_density` of its text in links, is misnamed content.
struct ProseOverrule {
    families: Families,
    chars: u32,
    paragraphs: u32,
    max_link_density: f32,
}

/// Ad and menu words name many article wrappers (`cuerpo-ad`,
/// `o-section--has-ads`, `node-promoted`, `pane-taxomenu`): a few paragraphs
/// overrule them. Sidebars, share bars and meta lines have some prose of
/// their own (a text widget, an author note): only a lot of it overrules
/// them (`id="sharing-with-a-team"` on a section). Footers, related boxes,
/// newsletters and cookie boxes are never overruled (a mobile copy of the
/// footer, a carousel of cards).
///
/// A meta line (author, date) is short: a block named only "meta" that is
/// longer than [`MAX_BYLINE_CHARS`] or holds two paragraphs is a badly named
/// (or badly closed) content container, or the data sheet of a product
/// (`game_meta_data`: genre, developer, tags), which is mostly links. So the
/// meta tiers ask for length or paragraphs, not both, and set no link limit
/// (measured on WCXB: a limit of 0.2 or 0.5 drops data sheets that product
/// pages count as content).
const PROSE_OVERRULES: [ProseOverrule; 4] = [
    ProseOverrule {
        families: Families::NONE.with(Family::Ads).with(Family::Navigation),
        chars: 500,
        paragraphs: 3,
        max_link_density: PROSE_MAX_LINK_DENSITY,
    },
    ProseOverrule {
        families: Families::NONE
            .with(Family::Navigation)
            .with(Family::Sidebar)
            .with(Family::Widget)
            .with(Family::Share)
            .with(Family::Ads)
            .with(Family::Byline),
        chars: 1500,
        paragraphs: 4,
        max_link_density: PROSE_MAX_LINK_DENSITY,
    },
    ProseOverrule {
        families: Families::NONE.with(Family::Byline),
        chars: MAX_BYLINE_CHARS + 1,
        paragraphs: 0,
        max_link_density: ANY_LINK_DENSITY,
    },
    ProseOverrule {
        families: Families::NONE.with(Family::Byline),
        chars: 0,
        paragraphs: 2,
        max_link_density: ANY_LINK_DENSITY,
    },
];
/// Prose is mostly not links.
const PROSE_MAX_LINK_DENSITY: f32 = 0.2;
/// No limit on links (a link density is at most 1).
const ANY_LINK_DENSITY: f32 = f32::INFINITY;

/// Whether form `f` is a wrapper of posts rather than a form: it sits in
/// or holds posts (class/id hints of a discussion or of comments), holds
/// prose (a `<p>` or a long run of loose text) and asks for no input.
fn holds_posts(dom: &Dom, f: Ix, families: &[Families], stats: &Stats) -> bool {
    let posts = Families::NONE
        .with(Family::Discussion)
        .with(Family::Comment);
    let near_posts = dom.ancestors(f).any(|a| families[a as usize].any(posts))
        || (f..dom.node(f).end).any(|i| families[i as usize].any(posts));
    let prose = stats.paragraphs[f as usize] > 0
        || (f..dom.node(f).end).any(|i| stats.own_text[i as usize] >= LOOSE_PARAGRAPH_CHARS);
    near_posts && prose && !has_field_to_fill(dom, f)
}

/// Loose text in a block this long is a paragraph (a post without `<p>`).
const LOOSE_PARAGRAPH_CHARS: u32 = 80;

/// Whether form `f` asks for input: a text field, text area or drop-down
/// that is not hidden. Forums wrap their posts in forms with no such field
/// (a moderation form of checkboxes and hidden inputs, an edit form per
/// post whose text area stays hidden until "edit" is clicked): those forms
/// are layout, their text is the thread.
fn has_field_to_fill(dom: &Dom, f: Ix) -> bool {
    (f + 1..dom.node(f).end).any(|i| {
        let Some(e) = dom.element(i) else {
            return false;
        };
        let fillable = match e.name() {
            "textarea" | "select" => true,
            "input" => !matches!(
                e.get_attr("type")
                    .map(|t| t.trim().to_ascii_lowercase())
                    .as_deref(),
                Some("hidden" | "submit" | "button" | "image" | "reset" | "checkbox" | "radio")
            ),
            _ => false,
        };
        fillable
            && !std::iter::once(i)
                .chain(dom.ancestors(i).take_while(|&a| a != f))
                .any(|a| is_hidden(dom, a))
    })
}

/// Whether element `i` itself is hidden by an attribute or inline style.
fn is_hidden(dom: &Dom, i: Ix) -> bool {
    hidden_by_markup(dom, i) || dom.attr(i, "style").is_some_and(hides)
}

/// Most visible characters of an author, date and meta block.
const MAX_BYLINE_CHARS: u32 = 400;

/// Whether element `i`, with boilerplate hints `families`, holds enough
/// text to overrule them (a tier of [`PROSE_OVERRULES`]).
fn prose_overrules(stats: &Stats, i: Ix, families: Families) -> bool {
    let u = i as usize;
    let hints = families.boilerplate();
    let density = stats.link_density(i);
    PROSE_OVERRULES.iter().any(|o| {
        hints.within(o.families)
            && stats.text[u] >= o.chars
            && stats.paragraphs[u] >= o.paragraphs
            && density < o.max_link_density
    })
}

/// Why element `i` is layout boilerplate, if it is.
fn layout_reason(
    dom: &Dom,
    i: Ix,
    families: Families,
    stats: &Stats,
    page: &Page,
    in_article: bool,
) -> Option<Reason> {
    let tag = dom.node(i).tag;
    let text = stats.text[i as usize];
    // An element holding most of the page, or most of its paragraphs, is
    // the page, whatever it is called, unless it is named a sidebar and the
    // page names its body beside it (a long "about me" beside a short post).
    let beside_body = || families.has(Family::Sidebar) && page.has_body_beside(dom, stats, i);
    let wraps_page = text * 2 > page.text && stats.paragraphs[i as usize] >= 2 && !beside_body();
    let holds_prose = holds_most_paragraphs(dom, stats, i) && !beside_body();
    match tag {
        Tag::Html | Tag::Body | Tag::Text | Tag::Other => return None,
        Tag::Form if !wraps_page => return Some(Reason::Form),
        Tag::Nav if !(text > 500 && stats.link_density(i) < 0.2) => return Some(Reason::Landmark),
        Tag::Header | Tag::Footer | Tag::Aside if !in_article && !wraps_page => {
            return Some(Reason::Landmark)
        }
        Tag::Footer | Tag::Aside if in_article && stats.link_density(i) > 0.3 => {
            return Some(Reason::Landmark)
        }
        _ => {}
    }
    // A schema.org author (`itemprop="author"`) holding more than a name is
    // an author box or a poster's card, whatever its classes say.
    if is_author_prop(dom, i)
        && text >= MIN_AUTHOR_BOX_CHARS
        && !wraps_page
        && !matches!(tag, Tag::Article | Tag::Main)
    {
        return Some(Reason::Hint);
    }
    if families.is_boilerplate() && !families.has(Family::Comment) {
        if matches!(tag, Tag::Article | Tag::Main) || wraps_page || holds_prose {
            return None;
        }
        // Menus, sidebars, share bars, ads and meta lines do not hold
        // paragraphs of prose, and meta lines are short: such an element is
        // misnamed content.
        if prose_overrules(stats, i, families) {
            return None;
        }
        // A heading is never a menu: one named `nav_...` is the anchor a
        // table of contents jumps to.
        if tag.is_heading() && families.boilerplate().only(Family::Navigation) {
            return None;
        }
        let structural = Families::NONE
            .with(Family::Navigation)
            .with(Family::Sidebar)
            .with(Family::Widget)
            .with(Family::Chrome)
            .with(Family::Byline);
        let only_structural = families.boilerplate().within(structural);
        if only_structural && families.has(Family::Positive) {
            return None;
        }
        // Page builders (Elementor, SiteOrigin...) call every block of an
        // article a "widget": inside the article, that is no sidebar, and
        // neither is a widget of paragraphs or headings inside the element
        // holding most of the page's paragraphs.
        let in_prose_body = page
            .prose_body
            .is_some_and(|b| b != i && dom.contains(b, i));
        let only_widget = families.without(Family::Positive).only(Family::Widget);
        if only_widget
            && tag != Tag::Aside
            && stats.link_density(i) < 0.5
            && (in_article || (in_prose_body && holds_text_blocks(dom, stats, i)))
        {
            return None;
        }
        // Sections of the prose body named for the menu or column that
        // points at them (`toc-para`, `sidebar-content`) are its parts when
        // they hold a paragraph of prose.
        let parts = Families::NONE
            .with(Family::Navigation)
            .with(Family::Sidebar);
        if in_prose_body
            && families.boilerplate().within(parts)
            && stats.paragraphs[i as usize] > 0
            && stats.link_density(i) < PROSE_MAX_LINK_DENSITY
        {
            return None;
        }
        return Some(Reason::Hint);
    }
    None
}

/// The innermost element holding most of the page's paragraphs of prose
/// (see [`holds_most_paragraphs`]), if one does: the body of the article,
/// however its parts are named. All such elements nest, so it is the last
/// in page order.
fn prose_body(dom: &Dom, stats: &Stats) -> Option<Ix> {
    (0..dom.len() as Ix)
        .rev()
        .find(|&i| {
            !matches!(dom.node(i).tag, Tag::Text | Tag::Other)
                && holds_most_paragraphs(dom, stats, i)
        })
        .filter(|&i| !matches!(dom.node(i).tag, Tag::Body | Tag::Html))
}

/// Whether element `i` holds a block of text (a paragraph, heading, list
/// item, quote or code) rather than a bare title over a button or a frame.
fn holds_text_blocks(dom: &Dom, stats: &Stats, i: Ix) -> bool {
    (i..dom.node(i).end).any(|d| {
        matches!(
            dom.node(d).tag,
            Tag::P | Tag::Heading(_) | Tag::Li | Tag::Pre | Tag::Blockquote
        ) && stats.text[d as usize] > 0
    })
}

/// Fewest paragraphs an element needs to be the page's body by holding
/// most of its paragraphs.
const MIN_BODY_PARAGRAPHS: u32 = 3;

/// Whether element `i` holds more than half of the page's paragraphs of
/// prose (and at least [`MIN_BODY_PARAGRAPHS`], with little link text): the
/// article body, whatever its class names say (`js-social-images` on the
/// element a script decorates).
fn holds_most_paragraphs(dom: &Dom, stats: &Stats, i: Ix) -> bool {
    let own = stats.paragraphs[i as usize];
    own >= MIN_BODY_PARAGRAPHS
        && own * 2 > stats.paragraphs[dom.body() as usize]
        && stats.link_density(i) < PROSE_MAX_LINK_DENSITY
}

/// Fewest visible characters of an author box: fewer are a name (a byline,
/// the author of a book in a list), which stays.
const MIN_AUTHOR_BOX_CHARS: u32 = 80;

/// Whether the element is marked as an author (`itemprop="author"`).
fn is_author_prop(dom: &Dom, i: Ix) -> bool {
    dom.attr(i, "itemprop").is_some_and(|p| {
        p.split_ascii_whitespace()
            .any(|w| w.eq_ignore_ascii_case("author"))
    })
}

/// Links of a menu are this short on average (visible characters); longer
/// links (headlines, product names) make a listing.
const MENU_MAX_LINK_CHARS: f32 = 20.0;

/// Containers that are mostly links (menus and link lists that no class or
/// tag gave away). With `menus_only` (pages that are not articles, whose
/// lists of headlines or products are the content), only lists of short links.
/// Removed subtrees are skipped whole.
pub(crate) fn link_lists(
    dom: &Dom,
    stats: &Stats,
    removed: &[bool],
    max_density: f32,
    menus_only: bool,
) -> Vec<Ix> {
    // A container of half the page or more is a wrapper: look inside it.
    let page = stats.text[dom.body() as usize];
    let menu = if menus_only {
        MENU_MAX_LINK_CHARS
    } else {
        f32::INFINITY
    };
    dom.outermost(removed, |i| {
        let u = i as usize;
        matches!(
            dom.node(i).tag,
            Tag::Ul | Tag::Ol | Tag::Dl | Tag::Div | Tag::Section | Tag::Table | Tag::P | Tag::Li
        ) && stats.text[u] > 0
            && stats.text[u] * 2 <= page
            && stats.link_density(i) > max_density
            && (stats.link_text[u] as f32) < menu * stats.links[u] as f32
    })
}

/// A hidden element holding more than this share of the page's text wraps
/// the page and is shown once scripts run.
const HIDDEN_WRAPPER_SHARE: f32 = 0.75;

/// A container inside an article with more of its text in links is a link list.
const LINK_BOX_DENSITY: f32 = 0.5;
/// ... unless it holds at least this share of the content.
const LINK_BOX_MAX_SHARE: f32 = 0.25;
/// A paragraph or list item inside an article with more of its text in links
/// is a "read also" line.
const LINK_LINE_DENSITY: f32 = 0.7;
/// A line this short just before a dropped link list introduces it.
const LEAD_IN_MAX_CHARS: u32 = 80;
/// Content counts as an article (and is cleaned of link lists) when at least
/// this share of its text is `<p>` prose outside links.
const MIN_PROSE_SHARE: f32 = 0.5;

/// Whether the last words of element `i` end a sentence with a full stop
/// (then it is a sentence of the text, not a line introducing a list).
fn ends_with_full_stop(dom: &Dom, removed: &[bool], i: Ix) -> bool {
    (i + 1..dom.node(i).end)
        .rev()
        .filter(|&t| dom.node(t).tag == Tag::Text && !removed[t as usize])
        .map(|t| dom.text(t).trim_end())
        .find(|t| !t.is_empty())
        .is_some_and(|t| t.ends_with('.') && !t.ends_with("..."))
}

/// Visible characters of `<p>` text outside links under `roots`.
pub(crate) fn prose_chars(dom: &Dom, stats: &Stats, removed: &[bool], roots: &[Ix]) -> u32 {
    roots
        .iter()
        .flat_map(|&r| r..dom.node(r).end)
        .filter(|&i| !removed[i as usize] && dom.node(i).tag == Tag::P)
        .map(|i| stats.text[i as usize] - stats.link_text[i as usize])
        .sum()
}

/// Visible characters of the teaser deks under `roots`: `<p>` text outside
/// links right after a heading that is a link (a card of another page: its
/// linked headline, then the start of its text).
pub(crate) fn dek_chars(
    dom: &Dom,
    stats: &Stats,
    removed: &[bool],
    roots: &[Ix],
    previous: &[Ix],
) -> u32 {
    roots
        .iter()
        .flat_map(|&r| r..dom.node(r).end)
        .filter(|&i| !removed[i as usize] && dom.node(i).tag == Tag::P)
        .filter(|&i| {
            let h = previous[i as usize];
            h != NO_PARENT
                && !removed[h as usize]
                && dom.node(h).tag.is_heading()
                && stats.text[h as usize] > 0
                && stats.link_text[h as usize] * 2 > stats.text[h as usize]
        })
        .map(|i| stats.text[i as usize] - stats.link_text[i as usize])
        .sum()
}

/// Inside the chosen content: blocks that are mostly links (link lists and
/// "read also" lines the page did not label). Outermost ones only.
pub(crate) fn inside_content(dom: &Dom, stats: &Stats, removed: &[bool], roots: &[Ix]) -> Vec<Ix> {
    let box_density = LINK_BOX_DENSITY;
    let line_density = LINK_LINE_DENSITY;
    let share = LINK_BOX_MAX_SHARE;
    let total: u32 = roots.iter().map(|&r| stats.text[r as usize]).sum();
    let mut out = Vec::new();
    // Link lists are content on listing pages: only prose pages are cleaned.
    let prose = prose_chars(dom, stats, removed, roots);
    if (prose as f32) < MIN_PROSE_SHARE * total as f32 {
        return out;
    }
    for &root in roots {
        out.extend(
            dom.outermost_in(root + 1..dom.node(root).end, removed, |i| {
                let text = stats.text[i as usize];
                let density = stats.link_density(i);
                text > 0
                    && match dom.node(i).tag {
                        Tag::Ul
                        | Tag::Ol
                        | Tag::Dl
                        | Tag::Div
                        | Tag::Section
                        | Tag::Table
                        | Tag::Aside => {
                            density > box_density && (text as f32) < share * total as f32
                        }
                        Tag::P | Tag::Li | Tag::Dd => density > line_density,
                        _ => false,
                    }
            }),
        );
    }
    let boxes: Vec<Ix> = out
        .iter()
        .copied()
        .filter(|&i| !matches!(dom.node(i).tag, Tag::P | Tag::Li | Tag::Dd))
        .collect();
    // The short line that introduces a dropped link list ("Read more:") goes
    // with it.
    if !boxes.is_empty() {
        let prev = dom.previous_elements();
        let mut dropped = vec![false; dom.len()];
        for &o in &out {
            dropped[o as usize] = true;
        }
        for b in boxes {
            let p = prev[b as usize];
            if p == super::dom::NO_PARENT || removed[p as usize] || dropped[p as usize] {
                continue;
            }
            let tag = dom.node(p).tag;
            let short = stats.text[p as usize] > 0 && stats.text[p as usize] <= LEAD_IN_MAX_CHARS;
            let leaf_div = tag == Tag::Div && stats.own_text[p as usize] == stats.text[p as usize];
            let lead_in = short && !ends_with_full_stop(dom, removed, p);
            if lead_in && (tag == Tag::P || tag.is_heading() || leaf_div) {
                dropped[p as usize] = true;
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn inline_styles_hide_whatever_their_case_and_spacing() {
        for (style, hidden) in [
            ("display:none", true),
            ("color: red; DISPLAY : None ;", true),
            ("display:\x0bnone", true),
            ("visibility:\thid den", true),
            ("display:\u{3000}none", true),
            ("DİSPLAY:none", false),
            ("display:block", false),
            ("display:\x1cnone", false),
            ("visibility: visible", false),
        ] {
            assert_eq!(super::hides(style), hidden, "{style:?}");
        }
    }

    use super::*;
    use crate::extract::stats::spread;
    use crate::extract::tree::Document;

    fn kept_text(page: &str) -> String {
        let doc = Document::parse(page);
        let dom = Dom::new(&doc);
        let fam = families(&dom);
        let mut pruned = vec![false; dom.len()];
        always(&dom, &fam, &mut pruned);
        spread(&dom, &mut pruned);
        let stats = Stats::compute(&dom, &pruned);
        let removed = pruned.clone();
        by_layout(&dom, &fam, &stats, &removed, &mut pruned);
        spread(&dom, &mut pruned);
        (0..dom.len() as Ix)
            .filter(|&i| !pruned[i as usize])
            .map(|i| dom.text(i).trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("|")
    }

    const BODY: &str = "<p>A long paragraph of article text that is clearly the content of the page here.</p><p>Another long paragraph of article text that is clearly the content.</p>";

    #[test]
    fn invisible_and_hidden_elements_go() {
        let page = format!(
            "<body><script>x()</script><style>p{{}}</style><div hidden>h1</div><div aria-hidden=true>h2</div><div style='display: none'>h3</div><span class=sr-only>h4</span><button>Click</button>{BODY}</body>"
        );
        let kept = kept_text(&page);
        for gone in ["x()", "h1", "h2", "h3", "h4", "Click"] {
            assert!(!kept.contains(gone), "{gone} kept in {kept}");
        }
        assert!(kept.contains("Another long paragraph"));
    }

    #[test]
    fn landmarks_outside_the_article_go_inside_stay() {
        let page = format!(
            "<body><header>Site</header><nav><a href=/>Home</a></nav><article><header>Byline</header>{BODY}</article><aside>Side</aside><footer>Foot</footer></body>"
        );
        let kept = kept_text(&page);
        assert_eq!(kept.split('|').next(), Some("Byline"));
        for gone in ["Site", "Home", "Side", "Foot"] {
            assert!(!kept.contains(gone), "{gone} kept in {kept}");
        }
    }

    #[test]
    fn class_hints_go_unless_they_wrap_the_page() {
        let page = format!(
            "<body><div class='share-buttons'>Share this</div><div class='related-posts'>Other story</div><div class='page has-sidebar'>{BODY}</div></body>"
        );
        let kept = kept_text(&page);
        assert!(!kept.contains("Share this"));
        assert!(!kept.contains("Other story"));
        assert!(kept.contains("Another long paragraph"));
    }

    #[test]
    fn meta_lines_go_but_a_meta_block_of_prose_stays() {
        let page = format!(
            "<body><article><ul class='article__meta'><li>Published: 4 May 2021</li></ul>{BODY}<div class='entry-meta'>{BODY}</div><p>Closing words of the piece, long enough to count.</p></article><p>x</p></body>"
        );
        let kept = kept_text(&page);
        assert!(!kept.contains("Published"), "{kept}");
        assert_eq!(kept.matches("Another long paragraph").count(), 2, "{kept}");
    }

    #[test]
    fn a_long_meta_block_of_links_is_a_data_sheet_and_stays() {
        let tags = "<a href=/t>Open World</a> <a href=/t>Adventure</a> <a href=/t>Story Rich</a> ";
        let sheet = format!(
            "<div class='rightcol game_meta_data'><b>Genre:</b> {} <b>Developer:</b> \
             <a href=/d>Rockstar Games</a> <b>Release date:</b> 5 Dec 2019</div>",
            tags.repeat(20)
        );
        let line = format!("<div class='post-meta'><b>Tags:</b> {tags}</div>");
        let page = format!("<body>{sheet}{line}{}</body>", BODY.repeat(5));
        let kept = kept_text(&page);
        assert!(kept.contains("Rockstar Games"), "{kept}");
        // The sheet stays whole; the short line of tags goes.
        assert_eq!(kept.matches("Story Rich").count(), 20, "{kept}");
    }

    #[test]
    fn a_menu_or_share_named_element_of_prose_stays_a_footer_does_not() {
        let para = "<p>A paragraph of the article, long enough to be prose and to count as one, with words.</p>";
        let prose = para.repeat(30);
        let side = "<p>Side text that is here to make the page larger than the article, on purpose, ok.</p>".repeat(40);
        for (name, stays) in [
            ("class='pane-taxomenu'", true),
            ("id='sharing-with-a-team'", true),
            ("class='site-footer'", false),
        ] {
            let page = format!("<body><div {name}>{prose}</div><div>{side}</div></body>");
            let kept = kept_text(&page);
            assert_eq!(kept.contains("A paragraph of the article"), stays, "{name}");
        }
    }

    #[test]
    fn a_long_sidebar_beside_a_short_named_post_goes() {
        let about =
            "<p>About me: a long paragraph of the blogger's life story, which is prose too.</p>"
                .repeat(6);
        let post =
            "Five things I liked this week, each one a line with a link to it and a word.<br>"
                .repeat(3);
        let bodies = [
            ("<div class='post-body'>", "</div>", false),
            // A body named only by a list of links is no body.
            ("<div class='post-body'><a href=/1>", "</a></div>", true),
        ];
        for (open, close, sidebar_stays) in bodies {
            let page = format!(
                "<body><div id=sidebar>{about}</div><div id=main>{open}{post}{close}</div></body>"
            );
            let kept = kept_text(&page);
            assert_eq!(kept.contains("About me"), sidebar_stays, "{open}: {kept}");
            assert!(kept.contains("Five things"), "{kept}");
        }
    }

    #[test]
    fn page_builder_widgets_of_text_in_the_prose_body_stay() {
        // A page builder names every block of the post a widget, and no
        // `<article>` holds them; the sidebar's widgets are widgets too.
        let para = "<p>A paragraph of the post, long enough to be prose and to count as one.</p>";
        let widget = |inner: &str| format!("<div class='pb-widget pb-widget-editor'>{inner}</div>");
        let post = [
            widget("<h2>Why it matters</h2>"),
            widget(&para.repeat(2)),
            widget("<ul><li>First step</li><li>Second step</li></ul>"),
            widget(&para.repeat(2)),
            widget("<div><b>Get our news on your wall</b></div><iframe></iframe>"),
        ]
        .concat();
        let sidebar =
            widget("<p><a href=/a>Archives of the site</a> <a href=/b>Older posts</a></p>");
        let page = format!(
            "<body><div class=content-inner>{post}</div><div class=side>{sidebar}</div></body>"
        );
        let kept = kept_text(&page);
        assert!(kept.contains("Why it matters"), "{kept}");
        assert_eq!(kept.matches("A paragraph of the post").count(), 4, "{kept}");
        assert!(kept.contains("Second step"), "{kept}");
        assert!(!kept.contains("Get our news"), "{kept}");
        assert!(!kept.contains("Archives"), "{kept}");
    }

    #[test]
    fn sections_of_prose_named_for_the_menu_that_points_at_them_stay() {
        let para = "<p>A paragraph of the guide, long enough to be prose and to count as one.</p>";
        let section = |n: u32| format!("<section class=toc-para><h2>Step {n}</h2>{para}</section>");
        let page = format!(
            "<body><div class=guide><div class=toc-links><a href=#1>Step 1</a> <a href=#2>Step 2</a>              <a href=#3>Step 3</a></div>{}</div>             <div class=sidebar><p><a href=/a>Our other guides</a></p></div></body>",
            (1..=3).map(section).collect::<String>()
        );
        let kept = kept_text(&page);
        assert_eq!(
            kept.matches("A paragraph of the guide").count(),
            3,
            "{kept}"
        );
        // The menu itself, all links, and the sidebar outside the guide go.
        assert!(!kept.contains("Step 1|Step 2"), "{kept}");
        assert!(!kept.contains("Our other guides"), "{kept}");
    }

    #[test]
    fn a_hinted_element_holding_most_paragraphs_is_the_body() {
        let para =
            "<p>A paragraph of the article, long enough to be prose and to count as one.</p>";
        // Widgets make the page's text larger than the article's, so the
        // article does not wrap the page by size, only by its paragraphs.
        let widgets =
            "<li><a href=/x>A teaser title of another story on the site</a></li>".repeat(40);
        for (paragraphs, stays) in [(4, true), (2, false)] {
            let page = format!(
                "<body><div class='module js-social-images'>{}</div><ul>{widgets}</ul><p>{}</p></body>",
                para.repeat(paragraphs),
                "Footer words that make one paragraph outside the article body."
            );
            let kept = kept_text(&page);
            assert_eq!(
                kept.contains("A paragraph of the article"),
                stays,
                "{paragraphs}: {kept}"
            );
        }
    }

    #[test]
    fn an_ad_or_menu_hint_on_a_wrapper_of_prose_is_overruled() {
        let para = "<p>A paragraph of the article, with enough words in it to read as prose of the story, \
                    and a second clause that makes it as long as a paragraph of news usually is.</p>";
        let page = format!(
            "<body><div class='ad-slot'>Buy now</div><div class='menu'><a href=/>Home</a></div>\
             <div class='section section--has-ads'>{}</div>\
             <div class='sidebar'>{}</div><div class='dropdown-menu'>{}</div></body>",
            para.repeat(6),
            para.repeat(6),
            para.repeat(2)
        );
        let kept = kept_text(&page);
        assert!(!kept.contains("Buy now"));
        assert!(!kept.contains("Home"));
        // Six paragraphs under an "ads" modifier stay; a sidebar stays a
        // sidebar, and two paragraphs are too little to overrule a hint.
        assert_eq!(kept.matches("A paragraph of the article").count(), 6);
    }

    #[test]
    fn an_author_box_goes_an_authors_name_stays() {
        let page = format!(
            "<body><article>{BODY}<section class='content-box' itemprop=author>\
             <h3>About Kathrin</h3><p>Hello, I am a food blogger, cookbook author and journalist \
             who has baked since childhood.</p></section>\
             <p>A book by <span itemprop=author>Jane Austen</span></p></article></body>"
        );
        let kept = kept_text(&page);
        assert!(!kept.contains("food blogger") && !kept.contains("About Kathrin"));
        assert!(kept.contains("Jane Austen"));
    }

    #[test]
    fn a_heading_named_like_navigation_is_an_anchor_and_stays() {
        let page = format!(
            "<body><article>{BODY}<h3 id='nav_the_second_part__1'>The second part</h3>{BODY}\
             <div class='nav-links'>Next post</div></article></body>"
        );
        let kept = kept_text(&page);
        assert!(kept.contains("The second part"), "{kept}");
        assert!(!kept.contains("Next post"), "{kept}");
    }

    #[test]
    fn a_form_wrapping_the_whole_page_stays() {
        let page = format!(
            "<body><form id=aspnetForm>{BODY}</form><form><p>Search the site</p></form></body>"
        );
        let kept = kept_text(&page);
        assert!(kept.contains("Another long paragraph"));
        assert!(!kept.contains("Search the site"));
    }

    #[test]
    fn link_lists_and_their_lead_in_go_from_articles_only() {
        let prose = "<p>A long paragraph of prose with plenty of words in it, about the river and the town.</p>";
        let links = "<p>Read more:</p><ul><li><a href=/a>First other story</a></li><li><a href=/b>Second other story</a></li></ul>";
        let run = |page: &str| {
            let doc = Document::parse(page);
            let dom = Dom::new(&doc);
            let removed = vec![false; dom.len()];
            let stats = Stats::compute(&dom, &removed);
            let body = dom.body();
            let dropped = inside_content(&dom, &stats, &removed, &[body]);
            dropped.iter().map(|&i| dom.node(i).tag).collect::<Vec<_>>()
        };
        let article = format!("<body>{}{links}{prose}</body>", prose.repeat(4));
        assert_eq!(run(&article), [Tag::Ul, Tag::P]);
        // A short last sentence before a list of links is text, not a lead-in.
        let last = "<p>Amazon is expected to appeal soon.</p><ul><li><a href=/a>Author</a></li><li><a href=/b>Recent posts</a></li></ul>";
        let article = format!("<body>{}{last}</body>", prose.repeat(4));
        assert_eq!(run(&article), [Tag::Ul]);
        let listing = format!("<body>{prose}{}</body>", links.repeat(6));
        assert!(run(&listing).is_empty());
    }

    #[test]
    fn a_form_wrapping_forum_posts_stays_a_form_to_fill_in_goes() {
        let post =
            "<div class=post><p>I would start with one hub and a few sensors, then grow.</p></div>";
        let side =
            "<p>Side text that is here to make the page larger than the thread, on purpose.</p>";
        let page = format!(
            "<body><div id=forumposts><form id=quickModForm><input type=hidden name=sc value=1>{}</form>\
             <form><textarea style='display:none'></textarea><p>Quick reply: be nice to each other here.</p>\
             <input type=text name=subject></form></div>\
             <form class=jump><input type=hidden name=f><p>Forum Jump: choose another board to read now.</p></form>\
             <div>{}</div></body>",
            post.repeat(3),
            side.repeat(10)
        );
        let kept = kept_text(&page);
        assert_eq!(
            kept.matches("I would start with one hub").count(),
            3,
            "{kept}"
        );
        assert!(!kept.contains("Quick reply"), "{kept}");
        assert!(!kept.contains("Forum Jump"), "{kept}");
    }

    #[test]
    fn a_dialog_that_is_not_modal_is_a_sheet_of_the_page() {
        let page = format!(
            "<body>{BODY}<div role=dialog aria-modal=false><h5>Description</h5>\
             <p>A slim fit training shirt of light polyester.</p></div>\
             <div role=dialog aria-modal=true><p>Sign in to save items</p></div>\
             <div role=dialog><p>Choose your country</p></div></body>"
        );
        let kept = kept_text(&page);
        assert!(kept.contains("A slim fit training shirt"), "{kept}");
        assert!(!kept.contains("Sign in"), "{kept}");
        assert!(!kept.contains("Choose your country"), "{kept}");
    }

    #[test]
    fn react_streamed_segments_are_not_hidden() {
        let page = format!(
            "<body><div hidden id='S:0'>{BODY}</div><div hidden id=x><p>Hidden</p></div></body>"
        );
        let kept = kept_text(&page);
        assert!(kept.contains("Another long paragraph"));
        assert!(!kept.contains("Hidden"));
    }

    #[test]
    fn menus_go_and_headline_lists_stay_on_listing_pages() {
        let page = "<body><ul><li><a href=/>Home</a></li><li><a href=/n>News</a></li></ul>\
            <ul><li><a href=/a>The council approves the new cycle path along the railway</a></li>\
            <li><a href=/b>Harbour reopens three months after the winter storm</a></li></ul>\
            <p>The page also has a long paragraph of prose, so that neither list is half of it, \
            which would make the list a wrapper of the page rather than a list on it.</p></body>";
        let doc = Document::parse(page);
        let dom = Dom::new(&doc);
        let removed = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &removed);
        assert_eq!(link_lists(&dom, &stats, &removed, 0.6, true).len(), 1);
        assert_eq!(link_lists(&dom, &stats, &removed, 0.6, false).len(), 2);
    }

    #[test]
    fn a_link_heavy_wrapper_of_the_page_is_looked_into_not_dropped() {
        let menu = "<ul><li><a href=/1>One</a></li><li><a href=/2>Two</a></li><li><a href=/3>Three</a></li></ul>";
        let page = format!(
            "<body><div id=wrap>{}<p>Short text of the page.</p></div></body>",
            menu.repeat(5)
        );
        let doc = Document::parse(&page);
        let dom = Dom::new(&doc);
        let removed = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &removed);
        let dropped = link_lists(&dom, &stats, &removed, 0.75, false);
        assert_eq!(dropped.len(), 5);
        assert!(dropped.iter().all(|&i| dom.node(i).tag == Tag::Ul));
    }
}
