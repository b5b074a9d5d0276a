//! HTML only, anywhere: a heading that labels other pages ("Mehr aus
//! Thüringen", "Related articles", from the `related` lexicon section) with
//! the teasers under it, up to the next heading of the same or a higher
//! level. The extractor removes such boxes when the markup shows them; this
//! pass catches those the markup hid.
//!
//! The run goes only when every block under the label reads as a teaser (a
//! headline, a caption, or a line of at most [`MAX_TEASER_WORDS`] words) and
//! one at least is a headline. A section under the same words
//! ("Empfehlungen" over a list of advice, "Zum Thema" over paragraphs of
//! analysis) stays whole.

use super::lexicon::{widgets, Widget};
use super::shapes::{is_headline, word_count};
use super::{Draft, Rule};
use crate::block::BlockKind;

/// Longest teaser line (an excerpt under a headline), in words.
const MAX_TEASER_WORDS: usize = 40;
/// Longest headline of a teaser, in words.
const MAX_HEADLINE_WORDS: usize = 15;
/// Most blocks under one label.
const MAX_TEASER_BLOCKS: usize = 40;
/// Longest label matched by a prefix phrase ("Mehr aus *"), in words.
const MAX_LABEL_WORDS: usize = 8;

/// Removes labelled teaser runs.
pub fn remove(draft: &mut Draft) {
    let kept: Vec<usize> = draft.kept().collect();
    let lex = widgets();
    let mut k = 0;
    while k < kept.len() {
        let i = kept[k];
        let BlockKind::Heading(level) = draft.block(i).kind else {
            k += 1;
            continue;
        };
        let text = &draft.block(i).text;
        let label = draft.norm(i).is_some_and(|n| {
            lex.exact(n).has(Widget::Related)
                || (lex.kinds(n).has(Widget::Related) && word_count(text) <= MAX_LABEL_WORDS)
        });
        if !label {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        let mut teasers = true;
        let mut headlines = 0;
        while end < kept.len() {
            let b = draft.block(kept[end]);
            if matches!(b.kind, BlockKind::Heading(l) if l <= level) {
                break;
            }
            let teaser = match b.kind {
                BlockKind::Caption | BlockKind::Heading(_) => true,
                BlockKind::Code | BlockKind::TableRow { .. } => false,
                _ => is_headline(&b.text) || word_count(&b.text) <= MAX_TEASER_WORDS,
            };
            if matches!(b.kind, BlockKind::Heading(_))
                || (is_headline(&b.text) && word_count(&b.text) <= MAX_HEADLINE_WORDS)
            {
                headlines += 1;
            }
            if !teaser || end - k > MAX_TEASER_BLOCKS {
                teasers = false;
                break;
            }
            end += 1;
        }
        if teasers && headlines > 0 {
            for &j in &kept[k..end] {
                draft.remove(j, Rule::TeaserRun);
            }
        }
        k = end.max(k + 1);
    }
}

#[cfg(test)]
mod tests {
    use crate::block::{Block, BlockKind, Gap};
    use crate::clean::tests::kept_html_blocks as html;

    fn h(level: u8, t: &str) -> Block {
        Block::new(BlockKind::Heading(level), t, Gap::NONE)
    }

    const BODY: &str = "The council voted on Tuesday to rebuild the harbour wall before winter.";

    #[test]
    fn a_labelled_run_of_teasers_goes_up_to_the_next_heading() {
        let blocks = vec![
            Block::paragraph(BODY),
            h(2, "Mehr aus Thüringen"),
            h(3, "Autohäuser dürfen wieder öffnen"),
            Block::paragraph("1 min"),
            h(2, "Reaktionen"),
            Block::paragraph("The mayor welcomed the decision, as did the harbour master."),
        ];
        assert_eq!(
            html(blocks),
            [
                BODY,
                "Reaktionen",
                "The mayor welcomed the decision, as did the harbour master."
            ]
        );
    }

    #[test]
    fn advice_without_headlines_under_the_label_stays() {
        let blocks = vec![
            Block::paragraph(BODY),
            h(2, "Empfehlungen"),
            Block::paragraph("Informieren Sie sich regelmäßig über aktuelle Maßnahmen."),
            Block::paragraph("Denken Sie an gültige Reisedokumente für alle Mitreisenden."),
        ];
        assert_eq!(html(blocks).len(), 4);
    }

    #[test]
    fn prose_under_the_label_keeps_the_section() {
        let long = "The plan has a long history, and this section explains it in some detail: first the council asked for studies, then it held hearings across the district, and finally it voted, after two years in which the costs rose and the engineers changed their minds twice about the design.";
        let blocks = vec![
            Block::paragraph(BODY),
            h(2, "Zum Thema"),
            Block::paragraph(long),
        ];
        assert_eq!(html(blocks).len(), 3);
    }
}
