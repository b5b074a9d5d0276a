//! Rule T8, anywhere in the text: marker lines ("Advertisement", "Anzeige",
//! "Story continues below advertisement") and one-line link bait
//! (`Read more: <headline>`); on HTML pages also rows of buttons ("Rezept
//! drucken Bei Pinterest speichern") and short pitch lines of the site's own
//! ("Besuchen Sie unseren Fan-Shop!", "Subscribe now for the full story."),
//! which the trailing pass only takes at the end of the text.

use super::lexicon::{widgets, Widget};
use super::shapes::{is_link_bait, is_row_of_norm, words_up_to};
use super::{Draft, Origin, Rule};
use crate::block::BlockKind;

/// Longest pitch line removed in the middle of an HTML page, in words.
const MAX_INLINE_PITCH_WORDS: usize = 20;

/// The phrases a row of buttons is made of in the middle of a page: comment
/// parts ("Best", "Top") are left out, they name things in prose too.
const ROW_KINDS: &[Widget] = &[Widget::Button, Widget::Share, Widget::Inline];

/// Removes inline markers, and link-bait lines in text or pitch lines in
/// HTML. Code blocks are content.
pub fn remove(draft: &mut Draft, origin: Origin) {
    let lex = widgets();
    // Every line is read: one buffer for all their normal forms.
    for i in 0..draft.len() {
        if !draft.is_kept(i) || draft.block(i).kind == BlockKind::Code {
            continue;
        }
        let text = &draft.block(i).text;
        if text.len() > 300 {
            continue;
        }
        let norm = draft.norm(i);
        let marker = norm
            .is_some_and(|n| lex.exact(n).has(Widget::Inline) || lex.is_marker_words(n))
            || (origin == Origin::Html && is_row_of_norm(text, norm, ROW_KINDS));
        let pitch = origin == Origin::Html
            && words_up_to(text, MAX_INLINE_PITCH_WORDS + 1) <= MAX_INLINE_PITCH_WORDS
            && norm.is_some_and(|n| lex.has_pitch(n));
        if marker {
            draft.remove(i, Rule::InlineMarker);
        } else if pitch {
            draft.remove(i, Rule::Pitch);
        } else if origin == Origin::Text && is_link_bait(text) {
            draft.remove(i, Rule::LinkBait);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::tests::{kept, kept_html};

    #[test]
    fn markers_go_and_sentences_mentioning_them_stay() {
        let text = "One.\nADVERTISEMENT\nTwo.\n- Anzeige -\nThe advertisement ran for a week.\nRead more: Why prices keep rising\nStory continues after the ad\nThree.";
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

    #[test]
    fn short_pitch_lines_go_from_html_only() {
        let text = "One.\nJetzt neu! Besuchen Sie unseren Fan-Shop!\nTwo.";
        assert_eq!(kept_html(text), ["One.", "Two."]);
        assert_eq!(kept(text).len(), 3);
        let text = "One.\n2023 nichts mehr versäumen!\nTwo.";
        assert_eq!(kept_html(text).len(), 2);
        let text =
            "One.\nWerden Sie Mitglied bei\nfor me und erhalten Sie exklusive Angebote!\nTwo.";
        assert_eq!(kept_html(text).len(), 2);
        let disclosure = "One.\n*Werbung. Dieser Beitrag enthält Werbung für MYMARINI.\nTwo.";
        assert_eq!(kept_html(disclosure).len(), 2);
    }

    #[test]
    fn rows_of_buttons_go_from_html_only() {
        let text = "One.\nBild anzeigen Bild schließen\nTwo.\nRezept drucken Bei Pinterest speichern\nThree.";
        assert_eq!(kept_html(text).len(), 3);
        assert_eq!(kept(text).len(), 5);
    }

    #[test]
    fn embed_placeholders_and_picture_buttons_go() {
        assert_eq!(
            kept("One.\nExterner Inhalt\nZum Vergrößern auf das Bild klicken\nTwo."),
            ["One.", "Two."]
        );
        let text = "One.\nVideo verfügbar bis 28.02.2021\nIhr Warenkorb ist leer\nYour cart is empty\nTwo.";
        assert_eq!(kept(text), ["One.", "Two."]);
    }
}
