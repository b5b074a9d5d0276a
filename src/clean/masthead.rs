//! HTML only, before the article's first paragraph: the masthead lines that
//! sit between headline and text — a kicker ("Politik"), a byline ("Von Sina
//! Giebel"), dates ("Publikacja: 04.05.2021"), the lead picture's caption and
//! credit.
//!
//! The zone ends at the first block that reads as text: a paragraph of
//! [`MIN_TEXT_WORDS`] words or one ending a sentence, a headline, a heading,
//! a list item, a quote, code or a table row. Inside the zone a line goes
//! when it is a date or a row of meta fields with a date, a line headed by a
//! masthead label from the lexicon (`[masthead]`: "by", "von", "published",
//! "aktualisiert"...), a bare label of at most [`MAX_KICKER_WORDS`] words, or
//! a caption (`<figcaption>`). Scraped text keeps these lines: there, a short
//! first line may be all there is.

use super::lexicon::{normalize, widgets, Widget};
use super::shapes::{ends_sentence, is_date_norm, is_headline, word_count};
use super::{Draft, Rule};
use crate::block::BlockKind;

/// A paragraph this long is text, whatever it looks like.
const MIN_TEXT_WORDS: usize = 8;
/// Longest kicker or credit standing alone.
const MAX_KICKER_WORDS: usize = 3;
/// Longest kicker or credit standing alone, in characters (CJK text has
/// few spaces).
const MAX_KICKER_CHARS: usize = 30;
/// Longest labelled byline or date line.
const MAX_LABELLED_WORDS: usize = 10;
/// Most words of a masthead label ("mis à jour le").
const MAX_LABEL_WORDS: usize = 3;

/// Removes the masthead lines before the first paragraph.
pub fn remove(draft: &mut Draft) {
    let kept: Vec<usize> = draft.kept().collect();
    let mut chaff = Vec::new();
    let mut closed = false;
    for i in kept {
        let block = draft.block(i);
        if block.kind != BlockKind::Paragraph && block.kind != BlockKind::Caption {
            closed = true;
            break;
        }
        let text = block.text.as_str();
        let words = word_count(text);
        let norm = draft.norm(i);
        let labelled = words <= MAX_LABELLED_WORDS && norm.is_some_and(has_label);
        let dated = is_date_norm(text, norm) || is_meta_row(text, norm);
        // The lead picture's caption: the text has not begun yet.
        let lead_caption = block.kind == BlockKind::Caption;
        let kicker = words <= MAX_KICKER_WORDS
            && text.chars().count() <= MAX_KICKER_CHARS
            && !text.contains([',', ':', '，', '：'])
            && !ends_sentence(text);
        if !(labelled || dated || kicker || lead_caption) {
            // A headline the extractor kept ends the masthead above it.
            closed = words >= MIN_TEXT_WORDS || ends_sentence(text) || is_headline(text);
            if closed {
                break;
            }
            // A short line that is none of these: leave the zone alone.
            return;
        }
        chaff.push(i);
    }
    // Content made of short lines only has no masthead: it is all text.
    if closed {
        for i in chaff {
            draft.remove(i, Rule::Masthead);
        }
    }
}

/// "Publiziert: 03.04.2020, 12:35", "Last updated May 4, 2021": a date
/// headed by a masthead label. Such a line closes some articles too.
///
/// `date` is [`is_date_norm`] of the line, which the trailing pass asks
/// of every line anyway: it is read once.
pub fn is_dateline(date: bool, norm: Option<&str>) -> bool {
    // The date first: most lines are too long or hold no digit.
    date && norm.is_some_and(has_label)
}

/// Longest row of meta fields.
const MAX_META_ROW_WORDS: usize = 20;

/// "Freitag | 14. Juni 2019 | 15:49 VON Sina Giebel IN Fashion | 0 COMMENTS":
/// fields split by `|` or `·`, one of them a date.
fn is_meta_row(text: &str, norm: Option<&str>) -> bool {
    word_count(text) <= MAX_META_ROW_WORDS
        && (text.contains(" | ") || text.contains(" · "))
        && text
            .split(['|', '·'])
            .any(|field| is_date_norm(field.trim(), normalize(field.trim()).as_deref()))
        && norm.is_some()
}

/// "Von:", "Written by:": a masthead label alone, its name on the next line.
pub fn is_bare_label(text: &str, norm: Option<&str>) -> bool {
    text.trim_end().ends_with([':', '：'])
        && norm.is_some_and(|n| {
            let lex = widgets();
            let n = n.trim_end_matches([':', '：']);
            lex.exact(n).has(Widget::Masthead) || lex.exact(n).has(Widget::Author)
        })
}

/// Whether the normalised line starts with a masthead label followed by more
/// ("von sina giebel", "publikacja: #.#.#").
fn has_label(norm: &str) -> bool {
    let lex = widgets();
    let mut end = 0;
    for (n, word) in norm.split(' ').enumerate() {
        if n >= MAX_LABEL_WORDS {
            break;
        }
        end += word.len();
        let head = norm[..end].trim_end_matches([':', ',', '|']);
        if end < norm.len() && lex.exact(head).has(Widget::Masthead) {
            return true;
        }
        end += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::clean::tests::{kept_html as html, kept_html_blocks};

    const BODY: &str = "The council voted on Tuesday to rebuild the harbour wall before winter.";

    #[test]
    fn kicker_byline_and_dates_before_the_first_paragraph_go() {
        let text =
            format!("Politik\nVon Sina Giebel\nPublikacja: 04.05.2021\n27.10.2021\n{BODY}\nEnd.");
        assert_eq!(html(&text), [BODY, "End."]);
    }

    #[test]
    fn the_same_lines_after_the_first_paragraph_stay() {
        let text = format!("{BODY}\nPolitik\nVon Sina Giebel\nMore text follows here.");
        assert_eq!(html(&text).len(), 4);
    }

    #[test]
    fn an_unknown_short_line_leaves_the_zone_alone() {
        // "two cups of flour, sifted" is no kicker, byline, date or headline:
        // nothing goes.
        let text = format!("Politik\ntwo cups of flour, sifted\n{BODY}");
        assert_eq!(html(&text).len(), 3);
        // A subtitle with a comma or a colon is no kicker.
        assert_eq!(html(&format!("Slowly, explained\n{BODY}")).len(), 2);
        assert_eq!(html(&format!("PDF: handout\n{BODY}")).len(), 2);
    }

    #[test]
    fn short_lines_with_no_paragraph_after_them_are_the_text() {
        assert_eq!(html("abc\ndef\nghi").len(), 3);
        let cjk = "一波波接續性低溫寒流報到 已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣";
        assert_eq!(html(&format!("{cjk}\n{BODY}")).len(), 2);
    }

    #[test]
    fn the_lead_pictures_caption_goes_later_ones_stay() {
        use crate::block::{Block, BlockKind, Gap};
        let caption = |t: &str| Block::new(BlockKind::Caption, t, Gap::NONE);
        let blocks = vec![
            caption("Workers repair the harbour wall near the old ferry terminal"),
            Block::paragraph(BODY),
            caption("The wall after the storm in 2019"),
            Block::paragraph("End."),
        ];
        let kept = kept_html_blocks(blocks);
        assert_eq!(kept, [BODY, "The wall after the storm in 2019", "End."]);
    }

    #[test]
    fn a_meta_row_and_lines_above_a_kept_headline_go() {
        let text = format!(
            "Freitag | 14. Juni 2019 | 15:49 VON Sina Giebel IN Fashion | 0 COMMENTS\n{BODY}"
        );
        assert_eq!(html(&text), [BODY]);
        let text =
            format!("24.01.2022 11:38\nKategorie: News\nTauchmesse in Tulln abgesagt\n{BODY}");
        assert_eq!(html(&text), ["Tauchmesse in Tulln abgesagt", BODY]);
    }

    #[test]
    fn text_mode_keeps_them() {
        let text = format!("Politik\nVon Sina Giebel\n{BODY}");
        assert_eq!(crate::clean::tests::kept(&text).len(), 3);
    }
}
