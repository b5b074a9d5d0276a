//! Rule T8, before the first paragraph: skip links, menus, sign-in and
//! search buttons, breadcrumbs, cookie banners and their buttons.
//!
//! Only the run of such lines at the very start goes; the first line that is
//! anything else (a title, a paragraph, a code block) ends the run, so the
//! same words later in the article are never touched.

use super::lexicon::{widgets, Widget};
use super::shapes::{is_breadcrumb, word_count};
use super::{Draft, Rule};
use crate::block::BlockKind;

/// Longest cookie banner line, in words.
const MAX_BANNER_WORDS: usize = 80;

/// Removes the leading navigation and cookie lines.
pub fn remove(draft: &mut Draft) {
    let lex = widgets();
    let kept: Vec<usize> = draft.kept().collect();
    for i in kept {
        let block = draft.block(i);
        if block.kind == BlockKind::Code {
            break;
        }
        let text = &block.text;
        let Some(norm) = draft.norm(i) else {
            break;
        };
        let exact = lex.exact(norm);
        let all = lex.kinds(norm);
        let chaff = exact.any(&[
            Widget::Leading,
            Widget::Button,
            Widget::Inline,
            Widget::Share,
        ]) || (all.has(Widget::Cookie) && word_count(text) <= MAX_BANNER_WORDS)
            || is_breadcrumb(text);
        if !chaff {
            break;
        }
        draft.remove(i, Rule::LeadingBoilerplate);
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
    fn a_first_paragraph_is_never_leading_chaff() {
        let text = "Search engines changed how we read.\nMenu\n";
        assert_eq!(kept(text), ["Search engines changed how we read.", "Menu"]);
    }
}
