//! Rule T8, anywhere in the text: marker lines ("Advertisement", "Anzeige",
//! "Story continues below advertisement") and one-line link bait
//! (`Read more: <headline>`).

use super::lexicon::{widgets, Widget};
use super::shapes::is_link_bait;
use super::{Draft, Rule};
use crate::block::BlockKind;

/// Removes inline markers, and link-bait lines when `link_bait` is set.
/// Code blocks are content.
pub fn remove(draft: &mut Draft, link_bait: bool) {
    let lex = widgets();
    for i in 0..draft.len() {
        if !draft.is_kept(i) || draft.block(i).kind == BlockKind::Code {
            continue;
        }
        let text = &draft.block(i).text;
        if text.len() > 300 {
            continue;
        }
        let marker = draft
            .norm(i)
            .is_some_and(|n| lex.exact(n).has(Widget::Inline));
        if marker {
            draft.remove(i, Rule::InlineMarker);
        } else if link_bait && is_link_bait(text) {
            draft.remove(i, Rule::LinkBait);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::tests::kept;

    #[test]
    fn markers_go_and_sentences_mentioning_them_stay() {
        let text = "One.\nADVERTISEMENT\nTwo.\n- Anzeige -\nThe advertisement ran for a week.\nRead more: Why prices keep rising\nThree.";
        assert_eq!(
            kept(text),
            [
                "One.",
                "Two.",
                "The advertisement ran for a week.",
                "Three."
            ]
        );
    }
}
