//! Shapes of single lines that the widget passes share: breadcrumbs, dates,
//! copyright notices, tag lists, headlines and one-line link bait.
//!
//! Each function looks at one line's text only; the passes decide what a
//! shape means where it stands.

use super::lexicon::{is_ascii_space, normalize, split_once_at, widgets, Widget};

/// Number of whitespace-separated words, counted up to 1000.
pub fn word_count(text: &str) -> usize {
    words_up_to(text, 1000)
}

/// Number of whitespace-separated words, counted up to `max`: enough to
/// compare with a bound below it without reading a long paragraph whole.
pub fn words_up_to(text: &str, max: usize) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    // Most callers want a few words only: stop once there are `max`.
    while i < bytes.len() && words < max {
        // Sixteen bytes at once where none of them leads a char.
        if let Some(block) = bytes.get(i..i + 16) {
            let block: &[u8; 16] = block.try_into().expect("sixteen bytes");
            // Read whole, with no early exit, so that it runs on all
            // sixteen bytes at once.
            let leads = block
                .iter()
                .fold(false, |seen, b| seen | leads_unicode_space(b));
            if !leads {
                words += word_starts(block, in_word);
                in_word = !is_ascii_space(&block[15]);
                i += 16;
                continue;
            }
        }
        // A char's lead byte starts a word and its other bytes are inside
        // one, so bytes can be read alone unless they lead one of Unicode's
        // spaces: then the char is decoded. Up to the end of the block that
        // was not read whole, whose lead byte would stop it again.
        let block_end = (i + 16).min(bytes.len());
        while i < block_end && words < max {
            let (space, len) = if leads_unicode_space(&bytes[i]) {
                let c = text[i..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8())
            } else {
                (is_ascii_space(&bytes[i]), 1)
            };
            words += usize::from(!space && !in_word);
            in_word = !space;
            i += len;
        }
    }
    words.min(max)
}

/// Whether `b` is the lead byte of one of Unicode's spaces beyond ASCII
/// (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000), or of another char
/// sharing it.
fn leads_unicode_space(b: &u8) -> bool {
    matches!(b, 0xc2 | 0xe1..=0xe3)
}

/// How many words start in `block`, which holds no lead byte of a Unicode
/// space, after a word (`in_word`) or not: the bytes that are no space
/// after one that is, each pair of bytes read alike so that they are read
/// all at once.
fn word_starts(block: &[u8; 16], in_word: bool) -> usize {
    let first = !in_word && !is_ascii_space(&block[0]);
    let after_space: u8 = block[..15]
        .iter()
        .zip(&block[1..])
        .map(|(before, b)| u8::from(is_ascii_space(before) & !is_ascii_space(b)))
        .sum();
    usize::from(first) + usize::from(after_space)
}

/// `text` without trailing whitespace, closing quotes and brackets.
fn trim_closers(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '»' | '\'' | ')')
    })
}

/// Whether `text` ends a sentence with a full stop (not an ellipsis).
pub fn ends_with_period(text: &str) -> bool {
    let t = trim_closers(text);
    (t.ends_with('.') && !t.ends_with("...")) || t.ends_with('。')
}

/// Whether `text` ends with a sentence's closing punctuation: a full stop,
/// a question or exclamation mark, or an ellipsis.
pub fn ends_sentence(text: &str) -> bool {
    trim_closers(text).ends_with(['.', '!', '?', '。', '！', '？', '…'])
}

/// "Home > News > World", "Startseite › Wissen", "Home / Sport": two to
/// eight short segments joined by `>` `›` `»` `/` `→` between spaces.
pub fn is_breadcrumb(text: &str) -> bool {
    // Two segments need a separator between them.
    if text.len() > 200 || !text.contains(['>', '›', '»', '/', '→']) {
        return false;
    }
    let mut segments = 0;
    for seg in text.split([' ', '\u{a0}']).collect::<Vec<_>>().split(|w| {
        // Not "|": "Opinion | Why the pact matters" is a title.
        matches!(*w, ">" | "›" | "»" | "/" | "→" | ">>" | "»»")
    }) {
        let words: Vec<&str> = seg.iter().copied().filter(|w| !w.is_empty()).collect();
        if words.is_empty() || words.len() > 4 {
            return false;
        }
        let first = words[0].chars().next().unwrap_or(' ');
        if !(first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase())) {
            return false;
        }
        if words.iter().any(|w| w.ends_with(['.', ',', ';', '!', '?'])) {
            return false;
        }
        segments += 1;
    }
    (2..=8).contains(&segments)
}

/// A date or time line of a comment list: "March 26, 2024 at 11:48 pm",
/// "12.03.2024", "2 hours ago", "vor 3 Tagen".
#[cfg(test)]
pub fn is_date(text: &str) -> bool {
    is_date_norm(text, normalize(text).as_deref())
}

/// [`is_date`] with the line's [`normalize`]d form at hand.
pub fn is_date_norm(text: &str, norm: Option<&str>) -> bool {
    // Cheapest first: most lines hold no digit.
    if text.len() > 120 || !text.bytes().any(|b| b.is_ascii_digit()) || words_up_to(text, 11) > 10 {
        return false;
    }
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    for i in 0..b.len() {
        // h:mm, d.m.y, d/m/y, y-m-d
        if digit(i) && matches!(b.get(i + 1), Some(b':' | b'.' | b'/' | b'-')) && digit(i + 2) {
            return true;
        }
        // a year 19xx or 20xx standing alone
        if (b[i..].starts_with(b"19") || b[i..].starts_with(b"20"))
            && digit(i + 2)
            && digit(i + 3)
            && !digit(i + 4)
            && (i == 0 || !digit(i - 1))
        {
            return true;
        }
    }
    norm.is_some_and(|n| widgets().has_relative_time(n))
}

/// "© 2025 Example Media.", "Copyright 2018 X. All Rights Reserved.",
/// "Alle Rechte vorbehalten.": a copyright notice of at most 40 words.
/// "Copyright law changed in 1998" is not one: "copyright" needs a © sign,
/// a year right after it, or a rights-reserved phrase.
#[cfg(test)]
pub fn is_copyright(text: &str) -> bool {
    is_copyright_norm(text, normalize(text).as_deref())
}

/// [`is_copyright`] with the line's [`normalize`]d form at hand.
pub fn is_copyright_norm(text: &str, norm: Option<&str>) -> bool {
    if text.len() > 400 {
        return false;
    }
    let t = text.trim_start();
    let marked = t.starts_with('©')
        || t.starts_with("(c) ")
        || t.starts_with("(C) ")
        || norm.is_some_and(|norm| {
            widgets().has_rights_phrase(norm)
                || norm.strip_prefix("copyright ").is_some_and(|r| {
                    r.starts_with('#') || r.starts_with('©') || r.starts_with("(c)")
                })
        });
    // The words last: most lines have no mark, and counting costs more.
    marked && words_up_to(text, 41) <= 40
}

/// "Tags: consumer, executor, lambda": a tag label from the lexicon, a
/// colon, then a list of short items.
pub fn is_tag_list(text: &str) -> bool {
    let Some((label, list)) = split_once_at(text, b':') else {
        return false;
    };
    let Some(label) = normalize(label) else {
        return false;
    };
    if !widgets().exact(&label).has(Widget::Tags) {
        return false;
    }
    let items: Vec<&str> = list
        .split([',', '|', '·', '•', ';', '#'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    !items.is_empty()
        && items.len() <= 30
        && items
            .iter()
            .all(|i| word_count(i) <= 5 && !i.ends_with('.'))
}

/// "Helen says:", "dave_84 schreibt:": a name of one to four words and a
/// byline verb from the lexicon, ending in a colon: the head of one comment.
pub fn is_comment_byline(text: &str, norm: Option<&str>) -> bool {
    let (Some(norm), true) = (norm, text.trim_end().ends_with(':')) else {
        return false;
    };
    let words = word_count(text);
    (2..=6).contains(&words)
        && widgets().phrases(Widget::CommentByline).iter().any(|verb| {
            norm.strip_suffix(verb.as_str())
                .is_some_and(|name| name.ends_with(' ') && word_count(name) <= 4)
        })
}

/// "Facebook | Twitter | Email", "Like · Reply · Report", "Rezept drucken
/// Bei Pinterest speichern": two to twelve buttons on one line, each a
/// button, share, comment-part or marker phrase, between separators or
/// one after another.
#[cfg(test)]
pub fn is_button_row(text: &str) -> bool {
    is_button_row_norm(text, normalize(text).as_deref())
}

/// [`is_button_row`] with the line's [`normalize`]d form at hand.
pub fn is_button_row_norm(text: &str, norm: Option<&str>) -> bool {
    is_row_of_norm(
        text,
        norm,
        &[
            Widget::Button,
            Widget::Share,
            Widget::CommentPart,
            Widget::Inline,
        ],
    )
}

/// Whether `text` is two to twelve phrases of the sections `kinds` on one
/// line, between separators or one after another.
#[cfg(test)]
pub fn is_row_of(text: &str, kinds: &[Widget]) -> bool {
    is_row_of_norm(text, normalize(text).as_deref(), kinds)
}

/// [`is_row_of`] with the line's [`normalize`]d form, `norm`, at hand.
pub fn is_row_of_norm(text: &str, norm: Option<&str>, kinds: &[Widget]) -> bool {
    // Cheapest first: most lines of prose end with a full stop.
    if text.len() > 160 || ends_with_period(text) || words_up_to(text, 13) > 12 {
        return false;
    }
    let lex = widgets();
    let is_button = |phrase: &str| lex.exact(phrase).any(kinds);
    let parts: Vec<&str> = text
        .split(['|', '·', '•', '/', ',', '\u{2022}'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() >= 2 {
        return parts.len() <= 12
            && parts
                .iter()
                .all(|p| normalize(p).is_some_and(|n| is_button(&n)));
    }
    norm.and_then(|norm| button_count(norm, is_button))
        .is_some_and(|n| n >= 2)
}

/// Longest button phrase, in words.
const MAX_BUTTON_WORDS: usize = 4;

/// How many phrases the words of `norm` (split at each space) split into
/// when each is a button (the fewest), if they do: `segments[i]` is the
/// fewest for the first `i` words.
fn button_count(norm: &str, is_button: impl Fn(&str) -> bool) -> Option<usize> {
    // Word `k` starts after the `k`-th space and ends at the next one: the
    // phrase of words `start..end` is `norm` between, spaces and all.
    let spaces: Vec<usize> = norm.match_indices(' ').map(|(i, _)| i).collect();
    let words = spaces.len() + 1;
    let word_start = |k: usize| if k == 0 { 0 } else { spaces[k - 1] + 1 };
    let word_end = |k: usize| spaces.get(k).copied().unwrap_or(norm.len());
    let mut segments: Vec<Option<usize>> = vec![None; words + 1];
    segments[0] = Some(0);
    for end in 1..=words {
        for start in end.saturating_sub(MAX_BUTTON_WORDS)..end {
            if let Some(before) = segments[start] {
                if segments[end].is_none_or(|best| before + 1 < best)
                    && is_button(&norm[word_start(start)..word_end(end - 1)])
                {
                    segments[end] = Some(before + 1);
                }
            }
        }
    }
    segments[words]
}

/// Whether `text` reads like a headline: 2 to 20 words (or a short CJK
/// line), starting with a capital, a digit or a quote, no final full stop,
/// one sentence only.
pub fn is_headline(text: &str) -> bool {
    if text.len() > 220 {
        return false;
    }
    let words = word_count(text);
    let Some(first) = text.chars().next() else {
        return false;
    };
    let cjk = !first.is_alphabetic() || !(first.is_uppercase() || first.is_lowercase());
    let start_ok = first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '"' | '“' | '„' | '«' | '\'' | '‘' | '¿' | '¡')
        || (cjk && first.is_alphanumeric());
    start_ok
        && text.len() <= 220
        && ((2..=20).contains(&words) || (cjk && words == 1 && text.chars().count() <= 60))
        && !ends_with_period(text)
        && !text.trim_end().ends_with([',', ';', ':'])
        && !text.contains(". ")
}

/// What separates a link-bait label from its headline.
const SEPARATORS: [&str; 7] = [":", " - ", " – ", " — ", " | ", "»", "›"];

/// Whether a link-bait separator may start at byte `i` of `bytes`: `:`,
/// the lead bytes of `»` and `›`, or a space before a dash or a pipe (the
/// dashes `–` and `—` lead with 0xE2). Most spaces start none, and trying
/// every separator at each costs more.
fn may_start_separator(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b':' | 0xc2 | 0xe2 => true,
        b' ' => matches!(bytes.get(i + 1), Some(b'-' | b'|' | 0xe2)),
        _ => false,
    }
}

/// Whether `bytes` holds one of the bytes every separator holds: `:`, `-`,
/// `|`, and the lead bytes of `»` (C2) and of the dashes and `›` (E2).
/// Two searches by memchr rule out most lines before any byte is read
/// alone ([`may_start_separator`]).
fn may_hold_separator(bytes: &[u8]) -> bool {
    memchr::memchr3(b':', 0xc2, 0xe2, bytes).is_some()
        || memchr::memchr2(b'-', b'|', bytes).is_some()
}

/// `Read more: <headline>`, `SEE ALSO: <headline>`, `Lire aussi : <...>`:
/// a link-bait label from the lexicon, a separator, and a headline.
pub fn is_link_bait(text: &str) -> bool {
    label_window(text).is_some_and(|end| {
        may_hold_separator(&text.as_bytes()[..end]) && link_bait_within(text, end)
    })
}

/// Where a link-bait label's separator is looked for: the first 64 bytes of
/// `text` (to a char boundary), `None` when `text` is too long to be one.
fn label_window(text: &str) -> Option<usize> {
    if text.len() > 300 {
        return None;
    }
    // The label is short: look for its separator near the start only.
    let mut end = text.len().min(64);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Some(end)
}

/// [`is_link_bait`] once `text` has a separator byte before `end`.
fn link_bait_within(text: &str, end: usize) -> bool {
    // The first separator: no two of them start at the same byte.
    let bytes = &text.as_bytes()[..end];
    // Each separator starts with one of these bytes (`»` and `›` with
    // their lead bytes): the others cannot start one.
    let Some((at, sep)) = (0..bytes.len())
        .filter(|&i| may_start_separator(bytes, i))
        .find_map(|i| {
            SEPARATORS
                .iter()
                .find(|s| bytes[i..].starts_with(s.as_bytes()))
                .map(|s| (i, *s))
        })
    else {
        return false;
    };
    if at == 0 || at > 60 {
        return false;
    }
    let Some(label) = normalize(&text[..at]) else {
        return false;
    };
    let lex = widgets();
    let read_label =
        // One word ("Read:", "Lire :") heads the article's own links too.
        (2..=4).contains(&word_count(&label)) && lex.has_word_start(Widget::ReadStems, &label, true);
    if !lex.exact(&label).has(Widget::LinkBait) && !read_label {
        return false;
    }
    let headline = text[at + sep.len()..].trim();
    is_headline(headline)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_breadcrumb` on a few inputs.
    #[test]
    fn example_is_breadcrumb() {
        use crate::clean::shapes::is_breadcrumb;
        assert!(is_breadcrumb("Home > News > World") && is_breadcrumb("Inicio › Economía"));
        assert!(
            !is_breadcrumb("3 > 2 is true") && !is_breadcrumb("A / B testing works well, he said.")
        );
        assert!(!is_breadcrumb("Opinion | Why Biden won"));
    }

    /// `is_row_of` on a few inputs.
    #[test]
    fn example_is_row_of() {
        use crate::clean::{lexicon::Widget, shapes::is_row_of};
        assert!(is_row_of("Teilen Drucken", &[Widget::Button]));
        assert!(!is_row_of(
            "Best premium",
            &[Widget::Button, Widget::Inline]
        ));
    }

    /// `is_link_bait` on a few inputs.
    #[test]
    fn example_is_link_bait() {
        use crate::clean::shapes::is_link_bait;
        assert!(is_link_bait(
            "Read more: Why electric cars prices keep rising"
        ));
        assert!(is_link_bait("Lesen Sie auch: Die Bahn erhöht die Preise"));
        assert!(!is_link_bait(
            "Read more: the report argues that prices will rise."
        ));
        assert!(!is_link_bait("Read more:"));
        assert!(is_link_bait(
            "Also worth reading: How the river flooded twice"
        ));
        assert!(!is_link_bait(
            "Related: Chicago is America's most segregated city"
        ));
    }

    #[test]
    fn every_separator_holds_a_byte_the_filter_looks_for() {
        for sep in SEPARATORS {
            assert!(may_hold_separator(sep.as_bytes()), "{sep:?}");
        }
        assert!(!may_hold_separator(b"Read more about it"));
    }

    /// [`is_link_bait`] as it was before [`may_hold_separator`] ruled
    /// lines out: every byte asked.
    fn is_link_bait_byte_by_byte(text: &str) -> bool {
        label_window(text).is_some_and(|end| link_bait_within(text, end))
    }

    proptest::proptest! {
        #[test]
        fn link_bait_is_told_as_by_asking_every_byte(
            label in "(Read more|SEE ALSO|Lire aussi|Also worth reading|Related|Weiterlesen|More)",
            sep in "(: | - | – | — | \\| |»|› | |:| -|)",
            headline in "[A-Za-z “”éü.,-]{0,70}",
        ) {
            let text = format!("{label}{sep}{headline}");
            proptest::prop_assert_eq!(is_link_bait(&text), is_link_bait_byte_by_byte(&text));
            proptest::prop_assert_eq!(is_link_bait(&headline), is_link_bait_byte_by_byte(&headline));
        }
    }

    #[test]
    fn separators_start_only_where_the_filter_says() {
        for text in [
            "Read more: x",
            "Read more - x",
            "Read more – x",
            "Read more — x",
            "Read more | x",
            "Read more » x",
            "Read more › x",
            "a b c ",
            "a -b | c —",
            "“quoted” text é ü",
            " ",
            ":",
        ] {
            let bytes = text.as_bytes();
            for i in 0..bytes.len() {
                if SEPARATORS
                    .iter()
                    .any(|s| bytes[i..].starts_with(s.as_bytes()))
                {
                    assert!(may_start_separator(bytes, i), "{text:?} at {i}");
                }
            }
        }
        assert!(!may_start_separator(b"a b", 1));
    }

    proptest::proptest! {
        /// Words are counted as `split_whitespace` counts them, on lines of
        /// words, ASCII and Unicode spaces, and chars that share a lead
        /// byte with a Unicode space ("—", "“", "の"), wherever they fall
        /// around the blocks read whole.
        #[test]
        fn any_line_is_counted_as_split_whitespace_counts_it(
            text in "[ab \t\u{a0}\u{3000}\u{2009}\u{85}—“のé]{0,60}",
            max in 0usize..40,
        ) {
            let all = text.split_whitespace().count();
            proptest::prop_assert_eq!(words_up_to(&text, max), all.min(max));
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_does() {
        let short = [
            "",
            "  one  ",
            "one two\tthree\nfour\u{b}five\u{c}six\rseven",
            "a\u{a0}b\u{3000}c\u{2009}d\u{85}e\u{1680}f\u{205f}g",
            "é à ü — 新华社 记者 Ω\u{200b}x",
            "emoji 😀 end",
        ];
        // Long lines too, whose chars and spaces straddle the chunks.
        let long = [
            "plain words only ".repeat(9),
            "x".repeat(63) + "\u{a0}y\u{2009}z and more",
            "wörds’ «quoted» \u{3000}新华社\u{a0}".repeat(7),
        ];
        // Every space at every offset around the sixteen-byte blocks.
        let mut shifted = Vec::new();
        for space in [
            " ", "\t", "\u{a0}", "\u{3000}", "\u{2009}", "\u{85}", "é", "新",
        ] {
            for at in 0..40 {
                shifted.push(format!("{}{space}{}", "x".repeat(at), "y z".repeat(9)));
                shifted.push(format!("{}{space}w", "a b".repeat(at)));
            }
        }
        for text in short
            .into_iter()
            .chain(long.iter().map(String::as_str))
            .chain(shifted.iter().map(String::as_str))
        {
            let all = text.split_whitespace().count();
            assert_eq!(word_count(text), all, "{text:?}");
            for max in 0..=all + 1 {
                assert_eq!(words_up_to(text, max), all.min(max), "{text:?} {max}");
            }
        }
    }

    #[test]
    fn dates_of_comment_lists() {
        assert!(is_date("March 26, 2024 at 11:48 pm"));
        assert!(is_date("12.03.2024"));
        assert!(is_date("2 hours ago"));
        assert!(is_date("vor 3 Tagen"));
        assert!(is_date("il y a 2 jours"));
        assert!(!is_date("Thanks, very informative."));
        assert!(!is_date(
            "The pact was signed in 2024 by both leaders after months of talks."
        ));
    }

    #[test]
    fn copyright_notices() {
        assert!(is_copyright("© 2025 Example Media. All rights reserved."));
        assert!(is_copyright(
            "Copyright 2018 Metro Wire. All Rights Reserved. This material may not be published."
        ));
        assert!(is_copyright("Alle Rechte vorbehalten."));
        assert!(!is_copyright("Copyright law changed in 1998."));
        // Forty words at most, whatever marks the line.
        let words = |n: usize| vec!["word"; n].join(" ");
        assert!(is_copyright(&format!("© {}", words(39))));
        assert!(!is_copyright(&format!("© {}", words(40))));
        assert!(is_copyright(&format!("{} all rights reserved", words(37))));
        assert!(!is_copyright(&format!("{} all rights reserved", words(38))));
    }

    #[test]
    fn tag_lists() {
        assert!(is_tag_list("Tags: consumer, executor, lambda"));
        assert!(is_tag_list("Schlagwörter: Bahn, Preise"));
        assert!(!is_tag_list(
            "Tags: the treaty was signed in Pyongyang on Wednesday by both."
        ));
        assert!(!is_tag_list("Price: $20"));
    }

    #[test]
    fn button_rows() {
        assert!(is_button_row("Facebook | Twitter | Email"));
        assert!(is_button_row("Like · Reply · Report"));
        assert!(is_button_row("Facebook Twitter LinkedIn"));
        assert!(is_button_row("Rezept drucken Bei Pinterest speichern"));
        assert!(is_button_row("Bild anzeigen Bild schließen"));
        assert!(!is_button_row("Rezept drucken lassen"));
        assert!(!is_button_row("Bild anzeigen"));
        assert!(!is_button_row("Yes, no, maybe"));
        assert!(!is_button_row("Email"));
    }

    #[test]
    fn button_phrases_are_the_words_joined() {
        for norm in ["a", "a b c d e f", "share  on x", " a ", "facebook twitter"] {
            let words: Vec<&str> = norm.split(' ').collect();
            let seen = std::cell::RefCell::new(Vec::new());
            button_count(norm, |p| {
                seen.borrow_mut().push(p.to_string());
                false
            });
            let mut joined = Vec::new();
            for end in 1..=words.len() {
                for start in end.saturating_sub(MAX_BUTTON_WORDS)..end {
                    if start == 0 {
                        joined.push(words[start..end].join(" "));
                    }
                }
            }
            assert_eq!(seen.into_inner(), joined, "{norm:?}");
        }
        assert_eq!(button_count("a b c", |p| p == "a" || p == "b c"), Some(2));
        assert_eq!(button_count("a b c", |p| p == "a b"), None);
    }

    #[test]
    fn breadcrumbs_need_a_separator() {
        assert!(!is_breadcrumb("Home News World"));
        assert!(is_breadcrumb("Home → News"));
        assert!(is_breadcrumb("Home / News"));
    }

    #[test]
    fn headlines() {
        assert!(is_headline("Why housing prices keep rising"));
        assert!(is_headline("Le TGV fête ses quarante ans"));
        assert!(!is_headline("The pact was signed on Wednesday."));
        assert!(!is_headline("and then it went on,"));
    }
}
