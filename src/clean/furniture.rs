//! Rule T8 by kind, not phrase: the closing run of page furniture that the
//! trailing pass's headers did not open.
//!
//! In: the kept lines after the trailing pass. Out: the closing run removed.
//! Each line is read as *furniture* (a short line holding a call to
//! comment, sign in, share, subscribe, follow, donate or support, a widget
//! state, a recommendation header, a reading-time label, a button or
//! widget phrase of the lexicon, a copyright or tag line, an author blurb),
//! as a *label* (a short line without a sentence's full stop: a name, a
//! date, a headline, a network, a commenter's post) or as *prose*. The run
//! is the lines after the last prose line, from its first furniture line
//! on: labels before that stay (a last heading, a signature), labels among
//! furniture go with it. A run of one line must be furniture without a full
//! stop; a line of furniture that ends a sentence needs another furniture
//! line beside it. The words are data (`calls`, `reading-time`,
//! `author-intro` in `data/lexicon/widgets/`).

use super::lexicon::{widgets, Widget};
use super::shapes::{ends_with_period, is_copyright_norm, is_date_norm, is_tag_list, word_count};
use super::{Draft, Origin, Rule};
use crate::block::BlockKind;

/// Longest furniture line, in words.
const MAX_FURNITURE_WORDS: usize = 14;
/// Longest label (headline, name, post) inside a run, in words.
const MAX_LABEL_WORDS: usize = 12;
/// Longest author bio line under an "About <name>" line, in words.
const MAX_BIO_WORDS: usize = 60;

/// The lexicon sections whose whole-line phrases are closing furniture
/// (not "Menu" or "Advertisement": those belong to other places).
const CLOSING_KINDS: &[Widget] = &[
    Widget::Comments,
    Widget::CommentPart,
    Widget::Related,
    Widget::Share,
    Widget::Button,
    Widget::Newsletter,
    Widget::Author,
    Widget::Footer,
    Widget::Cookie,
    Widget::Tags,
    Widget::Contact,
];

/// What a line is to the closing run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Widget furniture; `sentence` when it ends with a full stop.
    Furniture { sentence: bool },
    /// A short line that may sit inside a run.
    Label,
    /// Prose, a list item or code: ends the run.
    Prose,
}

/// Removes the closing run of furniture, if any.
///
/// On [`Origin::Html`] the extractor has cut the page's widgets by their
/// markup already, and what is left of a shop or a course page is short
/// labels: there more than half the run must be furniture, and an "About
/// <name>" line is a heading ("About Our Course"), not a blurb.
pub fn remove(draft: &mut Draft, origin: Origin) {
    // A bio under "About <name>" that starts with the name is furniture:
    // whether the line `i` is such a bio, under the line `above`.
    let bio = |above: usize, i: usize| {
        if origin != Origin::Text {
            return false;
        }
        let (above_text, line) = (&draft.block(above).text, &draft.block(i).text);
        author_intro_name(above_text, draft.norm(above)).is_some_and(|name| {
            let first = name.split_whitespace().next().unwrap_or(name);
            line.starts_with(first) && word_count(line) <= MAX_BIO_WORDS
        })
    };
    // Only the lines after the last prose line count: they are read from
    // the end back to it, the lines before stand as prose and are not
    // looked at. A part per line: the lines may be most of the text.
    let mut parts: Vec<Part> = Vec::new();
    let mut lines = draft.kept().rev().peekable();
    let mut bio_below = false;
    while let Some(i) = lines.next() {
        let bio_here = lines.peek().is_some_and(|&above| bio(above, i));
        let part = if bio_here || bio_below {
            Part::Furniture { sentence: false }
        } else {
            part(
                draft.block(i).kind,
                &draft.block(i).text,
                draft.norm(i),
                origin,
            )
        };
        parts.push(part);
        if part == Part::Prose {
            break;
        }
        bio_below = bio_here;
    }
    drop(lines);
    parts.reverse();
    let Some(start) = run_start(&parts, origin) else {
        return;
    };
    let mut run: Vec<usize> = draft.kept().rev().take(parts.len() - start).collect();
    run.reverse();
    for i in run {
        draft.remove(i, Rule::TrailingWidget);
    }
}

/// Index of the first line of the closing run, if there is one.
fn run_start(parts: &[Part], origin: Origin) -> Option<usize> {
    let after_prose = parts
        .iter()
        .rposition(|p| *p == Part::Prose)
        .map_or(0, |k| k + 1);
    let first = (after_prose..parts.len()).find(|&k| matches!(parts[k], Part::Furniture { .. }))?;
    let run = &parts[first..];
    let furniture: Vec<bool> = run
        .iter()
        .map(|p| match p {
            Part::Furniture { sentence } => !sentence,
            _ => false,
        })
        .collect();
    let count = run
        .iter()
        .filter(|p| matches!(p, Part::Furniture { .. }))
        .count();
    // One line alone must be a label-like call, not a sentence; a sentence
    // needs another furniture line in the run.
    let strong = count >= 2 || furniture.iter().any(|&f| f);
    // Never the whole text.
    let dense = origin == Origin::Text || 2 * count > run.len();
    (strong && dense && first > 0).then_some(first)
}

/// How `text` reads in a closing run.
fn part(kind: BlockKind, text: &str, norm: Option<&str>, origin: Origin) -> Part {
    if matches!(kind, BlockKind::Code | BlockKind::ListItem { .. })
        || text.starts_with(['-', '•', '*', '–', '—'])
    {
        return Part::Prose;
    }
    let Some(norm) = norm else {
        return Part::Prose;
    };
    let words = word_count(text);
    let lex = widgets();
    let furniture = words <= MAX_FURNITURE_WORDS
        && (lex.has_word_start(Widget::Calls, norm, false)
            || lex.has_word_start(Widget::Stems, norm, false)
            || lex.exact(norm).any(CLOSING_KINDS)
            || is_reading_time(text, norm)
            || (origin == Origin::Text && author_intro_name(text, Some(norm)).is_some()))
        || is_copyright_norm(text, Some(norm))
        || is_tag_list(text)
        || (text.contains('©') && words <= MAX_FURNITURE_WORDS);
    if furniture {
        Part::Furniture {
            sentence: ends_with_period(text),
        }
    } else if is_date_norm(text, Some(norm))
        || is_item_list(text)
        || (words <= MAX_LABEL_WORDS && !ends_in_full_stop(text) && !has_inner_full_stop(text))
    {
        Part::Label
    } else {
        Part::Prose
    }
}

/// Whether `text` ends with a sentence's full stop, not an initial ("Paulo R.").
fn ends_in_full_stop(text: &str) -> bool {
    let last = text.split_whitespace().last().unwrap_or_default();
    let initial = last.chars().count() == 2 && last.starts_with(char::is_uppercase);
    ends_with_period(text) && !initial
}

/// Whether a full stop ends a sentence inside `text` ("Sign in. Reply"),
/// not an initial ("M. Okafor").
fn has_inner_full_stop(text: &str) -> bool {
    text.match_indices(". ").any(|(i, _)| {
        let word = text[..i]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        word.chars().count() > 1
    })
}

/// "Sujets: climat, santé, énergie": a label of one or two words, a colon,
/// and three or more short items between commas (a tag line in any language).
fn is_item_list(text: &str) -> bool {
    let Some((label, list)) = text.split_once(':') else {
        return false;
    };
    let items: Vec<&str> = list.split([',', '|', '·', ';']).map(str::trim).collect();
    word_count(label) <= 2
        && items.len() >= 3
        && items
            .iter()
            .all(|i| (1..=3).contains(&word_count(i)) && !i.ends_with('.'))
}

/// "7 min read", "Lesezeit: 3 Minuten": at most six words, a number, and a
/// time unit or reading word from the lexicon.
pub fn is_reading_time(text: &str, norm: &str) -> bool {
    word_count(text) <= 6
        && norm.contains('#')
        && !ends_with_period(text)
        && widgets().has_word_start(Widget::ReadingTime, norm, true)
}

/// The name in "About Nadia Ferreira", "Über Jonas Weber": an author-intro
/// word from the lexicon, then two to four capitalised words.
pub fn author_intro_name<'t>(text: &'t str, norm: Option<&str>) -> Option<&'t str> {
    let norm = norm?;
    let lex = widgets();
    let intro = lex
        .phrases(Widget::AuthorIntro)
        .iter()
        .find(|p| norm.starts_with(p.as_str()) && norm[p.len()..].starts_with(' '))?;
    let skip = intro.split(' ').count();
    let words: Vec<&str> = text.split_whitespace().collect();
    let name = &words.get(skip..)?;
    let capital = |w: &&str| {
        w.starts_with(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\''))
    };
    if !(2..=4).contains(&name.len()) || !name.iter().all(capital) {
        return None;
    }
    let start = text.find(name[0])?;
    Some(text[start..].trim_end())
}

#[cfg(test)]
mod tests {
    use crate::clean::tests::kept;

    /// `is_reading_time` on a few inputs.
    #[test]
    fn example_is_reading_time() {
        use crate::clean::furniture::is_reading_time;
        use crate::clean::lexicon::normalize;
        let rt = |t: &str| is_reading_time(t, &normalize(t).unwrap());
        assert!(rt("7 min read") && rt("Lesezeit: 3 Minuten"));
        assert!(!rt("7 ministers resigned") && !rt("The vote took 3 minutes, then it was over"));
    }

    #[test]
    fn a_closing_run_of_calls_labels_and_targets_goes() {
        let text = "Body one.\nBody two.\nSign up for the Brief\nEmail address\nSign me up\nSend to a friend\nBluesky\nMastodon";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
        let text = "Body one.\nBody two.\nAbout Nadia Ferreira\nNadia Ferreira covers transport.";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
        let text = "Body one.\nBody two.\nComments are switched off for this story";
        assert_eq!(kept(text), ["Body one.", "Body two."]);
    }

    #[test]
    fn the_articles_own_last_lines_stay() {
        // A last sentence that mentions the words, a list of short items, a
        // closing heading over prose, a signature.
        for text in [
            "Body one.\nSubscribers will get the report first.",
            "Body one.\nYou will need:\n2 eggs\nSalt\nPepper",
            "Body one.\nSteps\nMix the flour and the sugar\nBake it for an hour",
            "Body one.\nGruß Heiko",
            "Body one.\nHow comment sections changed the web\nThey grew, then they closed.",
            "Body one.\nShare prices fell 3%",
        ] {
            assert_eq!(kept(text).join("\n"), text, "{text}");
        }
    }
}
