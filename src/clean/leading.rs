//! Rule T8, before the first paragraph: skip links, menus, sign-in and
//! search buttons, breadcrumbs, cookie banners and their buttons.
//!
//! Only the run of such lines at the very start goes; the first line that is
//! anything else (a title, a paragraph, a code block) ends the run, so the
//! same words later in the article are never touched.

use super::furniture::is_reading_time;
use super::lexicon::{widgets, Widget};
use super::shapes::{ends_sentence, is_breadcrumb, word_count};
use super::{Draft, Rule};
use crate::block::BlockKind;

/// Longest cookie banner line, in words.
const MAX_BANNER_WORDS: usize = 80;

/// Fewest words of a cookie banner sure on its own.
const MIN_BANNER_WORDS: usize = 8;
/// Longest navigation label found by its words alone ("Main navigation").
const MAX_NAV_WORDS: usize = 6;

/// How sure a leading line is chaff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// A lexicon phrase, a cookie banner or a breadcrumb trail.
    Sure,
    /// A short label with a navigation word ("Jump to main content") or a
    /// reading time: chaff beside another leading line, not alone (it may
    /// be a title: "Navigation apps compared").
    Likely,
}

/// Removes the leading navigation and cookie lines.
pub fn remove(draft: &mut Draft) {
    let mut run: Vec<(usize, Lead)> = Vec::new();
    for i in draft.kept() {
        let block = draft.block(i);
        if block.kind == BlockKind::Code {
            break;
        }
        let Some(lead) = draft.norm(i).and_then(|norm| classify(&block.text, norm)) else {
            break;
        };
        run.push((i, lead));
    }
    if run.len() == 1 && run[0].1 == Lead::Likely && !is_bare_nav_label(draft.norm(run[0].0)) {
        return;
    }
    for (i, _) in run {
        draft.remove(i, Rule::LeadingBoilerplate);
    }
}

/// "Main navigation", "Jump to main content": a label of at most two
/// words, or one that holds two navigation words, is one on its own.
fn is_bare_nav_label(norm: Option<&str>) -> bool {
    norm.is_some_and(|n| {
        n.split(' ').count() <= 2 || widgets().word_starts(Widget::NavStems, n, false) >= 2
    })
}

/// What the line `text` (normalised `norm`) is before the first paragraph.
fn classify(text: &str, norm: &str) -> Option<Lead> {
    let lex = widgets();
    let exact = lex.exact(norm);
    let all = lex.kinds(norm);
    let words = word_count(text);
    // "Cookie recipes for the holidays" may be a title; a banner is a sentence.
    let cookie = words <= MAX_BANNER_WORDS && norm.split(' ').any(|w| w.starts_with("cookie"));
    let sure = exact.any(&[
        Widget::Leading,
        Widget::Button,
        Widget::Inline,
        Widget::Share,
    ]) || (all.has(Widget::Cookie) && words <= MAX_BANNER_WORDS)
        || (cookie && words >= MIN_BANNER_WORDS)
        || is_breadcrumb(text);
    let likely = (words <= MAX_NAV_WORDS
        && !ends_sentence(text)
        && lex.has_word_start(Widget::NavStems, norm, false))
        || cookie
        || is_reading_time(text, norm);
    if sure {
        Some(Lead::Sure)
    } else if likely {
        Some(Lead::Likely)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::tests::kept;

    #[test]
    fn leading_run_goes_until_the_first_real_line() {
        let text = "Skip to content\nHome > News > World\nWe use cookies on this site. Accept\nMenu\nTitle of the story\nSearch\nBody.";
        assert_eq!(kept(text), ["Title of the story", "Search", "Body."]);
    }

    #[test]
    fn navigation_labels_go_by_their_words_but_not_a_title_alone() {
        let text = "Jump to main content\nMain navigation\nThis site stores cookies to count visits. Accept all\nBody of the story.";
        assert_eq!(kept(text), ["Body of the story."]);
        let text = "Navigation apps compared\nBody of the story.";
        assert_eq!(kept(text).len(), 2);
        let text = "Main navigation\nBody of the story.";
        assert_eq!(kept(text), ["Body of the story."]);
    }

    #[test]
    fn a_first_paragraph_is_never_leading_chaff() {
        let text = "Search engines changed how we read.\nMenu\n";
        assert_eq!(kept(text), ["Search engines changed how we read.", "Menu"]);
    }
}
