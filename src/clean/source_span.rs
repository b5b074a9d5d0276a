//! Rule T5 without a lexicon frame: the candidate sources of a line's
//! leading span, whatever words frame them.
//!
//! In: one line. Out: every way its start can be read as "frame words, a
//! source, frame words, a terminator" ("Courtesy of Gazeta Wyborcza: ",
//! "[via Euronews] ", "Story by Kyodo | ", "APA — ", "【新华社】"). The
//! attribution pass counts these candidates over the whole document and
//! strips the span only when the same source heads enough lines: the
//! repetition, not the frame, is the evidence. Frame words are words without
//! a capital or a digit (the first word of the line may have one: "Via",
//! "Courtesy"); a source is a domain, a capitalised name, an all-caps wire
//! code or a CJK/Hangul name.

use super::attribution::{is_cjk_name, is_domain, source_key};
use super::lexicon::{self, is_alphabetic, is_alphanumeric};
use super::shapes::{is_breadcrumb, is_link_bait, words_up_to};
use std::borrow::Cow;

/// How far into a line a span may reach, in bytes.
const MAX_SPAN_BYTES: usize = 120;
/// Most frame words before the source, and after it.
const MAX_BEFORE: usize = 4;
const MAX_AFTER: usize = 3;
/// Fewest words after a prefix (CJK text counts one word per run).
const MIN_CONTENT_WORDS: usize = 2;
/// Fewest words of a paragraph after a prefix whose frame alone is no proof.
const MIN_PROSE_WORDS: usize = 6;
/// Most candidate ends tried per line.
const MAX_ENDS: usize = 4;

/// How strongly a candidate's frame says "attribution" on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// One frame word before a name and a comma or colon ("Per Reuters:",
    /// but also "In Berlin,"): the source must head three lines.
    Weak,
    /// Brackets, a domain, a dash, pipe or guillemet after a bare name, two
    /// frame words or a word after the source: two lines are enough.
    Strong,
}

/// One reading of a line's start as a source prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Byte length of the prefix, trailing whitespace included.
    pub len: usize,
    /// The source, normalised for comparison as in the lexicon frames.
    pub source: String,
    /// How much the frame alone says.
    pub strength: Strength,
}

/// Every candidate prefix of `line`, shortest span first.
pub fn candidates(line: &str) -> Vec<Candidate> {
    let mut out = readings(line);
    // "Home > News > World" twice is a breadcrumb trail, and "Read more:
    // <headline>" link bait, not a source. Asked last: most lines have no
    // reading to take back, and the shapes cost more than the reading.
    if !out.is_empty() && (is_breadcrumb(line) || is_link_bait(line)) {
        out.clear();
    }
    out
}

/// Every reading of `line`'s start as a prefix, whatever the shape of the
/// whole line, shortest span first.
fn readings(line: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    if !line.starts_with(|c: char| is_alphabetic(c) || OPENERS.contains(&c)) {
        return out;
    }
    for end in ends(line).take(MAX_ENDS) {
        let span = line[..end.span_end].trim_end();
        // What follows a prefix is a paragraph, not a label.
        let content = &line[end.content_start..];
        if span.is_empty()
            || (words_up_to(content, MIN_CONTENT_WORDS) < MIN_CONTENT_WORDS
                && content.chars().count() < 10)
        {
            continue;
        }
        read_span(span, end, &mut out);
    }
    out
}

/// Opening brackets and their closers.
const OPENERS: [char; 7] = ['(', '[', '【', '［', '〔', '「', '『'];
const CLOSERS: [char; 7] = [')', ']', '】', '］', '〕', '」', '』'];

/// A candidate end of the span.
#[derive(Debug, Clone, Copy)]
struct End {
    /// The span (frame and source) ends here, before the terminator.
    span_end: usize,
    /// The content starts here.
    content_start: usize,
    /// The terminator is `,` `:` or a CJK comma: a bare name before it is
    /// a speaker label, a vocative or a field name, not a source.
    soft: bool,
    /// The terminator is a comma (Latin or CJK).
    comma: bool,
    /// The content after the prefix is a paragraph: six words or more.
    prose: bool,
    /// The span is a bracket pair: `(Reuters)`, `【新华社】`.
    bracketed: bool,
}

/// Candidate ends of a prefix in `line`, in order.
fn ends(line: &str) -> impl Iterator<Item = End> + '_ {
    let limit = line.len().min(MAX_SPAN_BYTES);
    let opener = line
        .chars()
        .next()
        .and_then(|c| OPENERS.iter().position(|&o| o == c));
    let mut from = 0;
    std::iter::from_fn(move || {
        // Only these bytes start an end: ASCII punctuation, and the lead
        // bytes of `»` (C2), the dashes and `›` (E2), and the CJK commas,
        // colons and closing brackets (E3, EF).
        while let Some(at) = line.as_bytes()[from.min(limit)..limit]
            .iter()
            .position(|b| {
                matches!(
                    b,
                    b',' | b':'
                        | b';'
                        | b'/'
                        | b'-'
                        | b'|'
                        | b'>'
                        | b')'
                        | b']'
                        | 0xc2
                        | 0xe2
                        | 0xe3
                        | 0xef
                )
            })
        {
            let i = from + at;
            let c = line[i..].chars().next().unwrap_or_default();
            from = i + c.len_utf8();
            let before = line[..i].chars().next_back();
            let next = line[from..].chars().next();
            let ws_after = next.is_some_and(char::is_whitespace);
            let ws_before = before.is_some_and(char::is_whitespace);
            let after = i + c.len_utf8();
            let (span_end, soft, bracketed, term_end) = match c {
                ',' | ':' | ';' if ws_after => (i, true, false, after),
                '，' | '、' | '：' => (i, true, false, after),
                // "EFE/ text": a slash may follow the wire code directly.
                '/' if ws_after => (i, false, false, after),
                '-' | '–' | '—' | '―' | '|' | '»' | '›' | '>' if ws_after && ws_before => {
                    (i, false, false, after)
                }
                '>' if ws_before && next == Some('>') => {
                    from += 1;
                    (i, false, false, after + 1)
                }
                c if opener.is_some_and(|k| CLOSERS[k] == c) => {
                    // "(Reuters) - text": the dash ends the prefix, not ")".
                    let rest = line[after..].trim_start();
                    if rest.starts_with(|r: char| "-–—―|:,/»>".contains(r)) {
                        continue;
                    }
                    (after, false, true, after)
                }
                _ => continue,
            };
            let content = line[term_end..].trim_start();
            if content.is_empty() {
                return None;
            }
            return Some(End {
                prose: words_up_to(content, MIN_PROSE_WORDS) >= MIN_PROSE_WORDS,
                comma: matches!(c, ',' | '，' | '、'),
                span_end,
                content_start: line.len() - content.len(),
                soft,
                bracketed,
            });
        }
        None
    })
}

/// Whether `w` can be a frame word: letters and apostrophes, no capital
/// (any script without case qualifies), no digit.
fn is_frame_word(w: &str) -> bool {
    !w.is_empty()
        && w.chars().all(|c| is_alphabetic(c) || c == '\'' || c == '’')
        && !w.chars().any(char::is_uppercase)
}

/// Whether `w` can open a frame at the start of a line: a frame word, or
/// a capitalised word of lower-case letters ("Via", "Courtesy").
fn is_opening_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(is_alphabetic)
        && chars.clone().count() >= 1
        && chars.all(|c| c.is_lowercase() || c == '\'' || c == '’')
}

/// What [`read_span`] asks of the words of a span, read once per word
/// rather than once per reading of the span that holds it; held in place,
/// with no allocation: a span has few words.
struct SpanWords {
    /// How many words the span has.
    words: usize,
    /// Per word of the first [`MAX_BEFORE`]: whether the words up to and
    /// including it may stand before a source (frame words, the first an
    /// opening word outside brackets).
    opens: [bool; MAX_BEFORE],
    /// Per word of the last [`MAX_AFTER`], from the end: whether the words
    /// from it to the end may stand after a source (frame words, no
    /// dialogue verb among them).
    closes: [bool; MAX_AFTER],
    /// Bit `k`: word `k` holds no letter and no digit.
    punctuation: u128,
}

/// A span of [`MAX_SPAN_BYTES`] (and a closing bracket) has a word in two
/// bytes at most: one bit for each fits in [`SpanWords::punctuation`].
const _: () = assert!(MAX_SPAN_BYTES + 4 <= 2 * 128);

impl SpanWords {
    fn new(words: &[&str], bracketed: bool) -> SpanWords {
        let dialogue_verbs = &lexicon::attribution().dialogue_verbs;
        let mut opens = [false; MAX_BEFORE];
        let mut ok = true;
        for (k, w) in words.iter().take(MAX_BEFORE).enumerate() {
            ok = ok && (is_frame_word(w) || (k == 0 && !bracketed && is_opening_word(w)));
            opens[k] = ok;
        }
        let mut closes = [false; MAX_AFTER];
        let mut ok = true;
        for (k, w) in words.iter().rev().take(MAX_AFTER).enumerate() {
            ok = ok && is_frame_word(w) && !dialogue_verbs.contains(*w);
            closes[k] = ok;
        }
        let mut punctuation = 0;
        for (k, w) in words.iter().enumerate() {
            if !w.chars().any(is_alphanumeric) {
                punctuation |= 1 << k;
            }
        }
        SpanWords {
            words: words.len(),
            opens,
            closes,
            punctuation,
        }
    }

    /// Whether the first `a` words may stand before a source.
    fn may_open(&self, a: usize) -> bool {
        a == 0 || self.opens.get(a - 1).copied().unwrap_or(false)
    }

    /// Whether the words from `b` to the end may stand after a source.
    fn may_close(&self, b: usize) -> bool {
        let after = self.words - b;
        after == 0 || self.closes.get(after - 1).copied().unwrap_or(false)
    }

    /// Whether a word of `a..b` holds no letter and no digit.
    fn has_punctuation_word(&self, a: usize, b: usize) -> bool {
        // The bits below `b`, less those below `a`.
        let below = |k: usize| 1u128.checked_shl(k as u32).map_or(u128::MAX, |bit| bit - 1);
        self.punctuation & (below(b) & !below(a)) != 0
    }
}

/// Pushes the candidates of `span` (the line up to `end`) onto `out`.
fn read_span(span: &str, end: End, out: &mut Vec<Candidate>) {
    let inner = if end.bracketed {
        &span[span.chars().next().map_or(0, char::len_utf8)
            ..span.len() - span.chars().next_back().map_or(0, char::len_utf8)]
    } else {
        span
    };
    let inner = inner.trim();
    if inner.is_empty() {
        return;
    }
    // CJK: the span is the source itself inside brackets ("【新华社】").
    if is_cjk_name(inner) {
        if end.bracketed {
            push(out, inner, end, Strength::Strong);
        }
        return;
    }
    let words: Vec<&str> = inner.split_whitespace().collect();
    let n = words.len();
    let facts = SpanWords::new(&words, end.bracketed);
    for a in 0..=MAX_BEFORE.min(n - 1) {
        if !facts.may_open(a) {
            break;
        }
        for b in (a + 1..=n).rev() {
            if n - b > MAX_AFTER {
                break;
            }
            // "Smith said:", "Alley added, “...”": the lexicon's frames
            // decide whether a name before a dialogue verb is a speaker.
            if !facts.may_close(b) {
                continue;
            }
            // "Mail »": a source is words, not punctuation.
            if facts.has_punctuation_word(a, b) {
                continue;
            }
            let framed = a + (n - b);
            let after = n - b;
            // The readings below that need no source, before building it.
            if (a == 0 && after > 0 && (end.comma || after > 2)) || (a > 0 && after > 0) {
                continue;
            }
            let source = joined(inner, &words[a..b]);
            let domain = is_domain_source(&source);
            // Words after a name that opens the line read as a sentence
            // ("Uber had an interesting, ...", "Sharing with developers:")
            // unless the name is one beyond doubt and a colon or dash
            // closes a short frame ("Radio Free Asia relays: ").
            let sure_name = b >= 2 || domain || is_cjk_name(&source);
            // "Interfax reporting:", "Dawn tells readers:" are weak: a
            // capitalised word opens sentences too.
            let one_word_verb = (1..=2).contains(&after) && b == 1 && !end.comma;
            if a == 0 && after > 0 && (end.comma || after > 2 || !(sure_name || one_word_verb)) {
                continue;
            }
            // Words on both sides read as a clause ("At the Select rail
            // prompt,", "As Clarín tells it,"): no frame.
            if a > 0 && after > 0 {
                continue;
            }
            // A bare name before a comma or colon is a speaker or a field.
            if framed == 0 && end.soft && !end.bracketed && !domain {
                continue;
            }
            // Brackets, a domain or a wire code in capitals ("APA — ") say
            // "source" on their own. Other frames are also how a page
            // labels its fields ("Price | ...", "Best of the Best: ...",
            // "On the Surface menu, ..."): weak.
            // Over a paragraph (not a short field value), two frame words
            // before the source and a colon or dash ("Courtesy of X:"; not
            // "Hold down Ctrl and Shift, ..."), three before a comma ("As
            // first seen on X,"), a name before a dash,
            // pipe or slash ("France 24 / "), or a name of two words or
            // more before its verb ("Radio Free Asia tells readers:") say
            // it too.
            let wire_code = framed == 0 && !end.soft && is_wire_code(&source);
            let framed_prose = end.prose
                && ((after == 0 && (a >= 3 || (a == 2 && !end.comma)))
                    || (framed == 0 && !end.soft)
                    || (a == 0 && sure_name && !end.comma));
            let strength = if end.bracketed || domain || wire_code || framed_prose {
                Strength::Strong
            } else {
                Strength::Weak
            };
            push(out, &source, end, strength);
        }
    }
}

/// `words` (of `inner`, in order) joined by single spaces: borrowed from
/// `inner` where single spaces are what stands between them there, as in
/// most spans.
fn joined<'s>(inner: &'s str, words: &[&'s str]) -> Cow<'s, str> {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Cow::Borrowed("");
    };
    // Where a word of `inner` starts in it.
    let start_of = |w: &str| w.as_ptr() as usize - inner.as_ptr() as usize;
    let whole = &inner[start_of(first)..start_of(last) + last.len()];
    let letters: usize = words.iter().map(|w| w.len()).sum();
    // Whitespace alone stands between the words: one byte between each
    // two, and a space, is the join.
    let spaced = whole.len() == letters + words.len() - 1
        && words[..words.len() - 1]
            .iter()
            .all(|w| inner.as_bytes()[start_of(w) + w.len()] == b' ');
    if spaced {
        Cow::Borrowed(whole)
    } else {
        Cow::Owned(words.join(" "))
    }
}

/// Whether `source` is a domain once lower-cased, `www.` left out. A
/// domain has a dot, and lower-casing makes none: most sources are not
/// lower-cased at all.
fn is_domain_source(source: &str) -> bool {
    source.contains('.') && is_domain(source.to_lowercase().trim_start_matches("www."))
}

/// "AFP", "KYODO", "EFE": one word of two or more capitals.
fn is_wire_code(source: &str) -> bool {
    source.chars().count() >= 2 && source.chars().all(|c| c.is_uppercase())
}

fn push(out: &mut Vec<Candidate>, source: &str, end: End, strength: Strength) {
    // "1800s", "3D": a number is not a source; a domain may start with one.
    if !source.starts_with(is_alphabetic) && !is_domain(&source.to_lowercase()) {
        return;
    }
    // Wire codes ("AFP") pass as names; lower-case codes need a real frame.
    if let Some(key) = source_key(source, false) {
        out.push(Candidate {
            len: end.content_start,
            source: key,
            strength,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `candidates` on a few inputs.
    #[test]
    fn example_candidates() {
        use crate::clean::source_span::candidates;
        let c = candidates("Courtesy of Daily Maverick: The vote was close.");
        assert!(c
            .iter()
            .any(|c| c.source == "daily maverick" && c.len == 28));
        assert!(candidates("[via Euronews] The vote")
            .iter()
            .any(|c| c.source == "euronews"));
        assert!(candidates("JOHN: Hello there.").is_empty());
    }

    fn sources(line: &str) -> Vec<(String, Strength)> {
        candidates(line)
            .into_iter()
            .map(|c| (c.source, c.strength))
            .collect()
    }

    fn has(line: &str, source: &str) -> bool {
        candidates(line).iter().any(|c| c.source == source)
    }

    #[test]
    fn frames_of_any_wording_give_their_source() {
        assert!(has("Story by Kyodo | The vote", "kyodo"));
        assert!(has("APA — Die Wahl", "apa"));
        assert!(has("(via The Irish Times) The vote", "irish times"));
        assert!(has("Selon nos confrères de Le Soir, le vote", "soir"));
        assert!(has("Originally in www.dw.com — The vote", "dw.com"));
        assert!(has("Daily Maverick relays: the vote", "daily maverick"));
        assert!(has("EFE/ the vote", "efe"));
        assert!(has("【新华社】记者从会上获悉，会议决定延期", "新华社"));
        assert!(has(
            "연합뉴스 보도: 정부는 오늘 새 계획을 발표했다",
            "연합뉴스"
        ));
        assert!(has("Euronews >> The vote was close on Sunday", "euronews"));
    }

    #[test]
    fn lead_ins_that_are_no_source_have_no_candidate() {
        for line in [
            "Q: What is it?",
            "Price: $20, shipping included.",
            "JOHN: Hello there.",
            "— Yes, she said.",
            "- item one, two",
            "1. First, the pact.",
            "In 2019, the pact was signed.",
            "Officials said: nothing.",
            "However, the pact holds.",
            // A name opening a sentence is not a source with a frame after it.
            "Uber had an interesting, if predictable, response.",
            "CPU profiling, what is it?",
            "In the late 1800s, the lines were buried.",
        ] {
            assert!(sources(line).is_empty(), "{line}: {:?}", sources(line));
        }
    }

    #[test]
    fn span_words_answer_as_reading_the_words_each_time() {
        let dialogue_verbs = &lexicon::attribution().dialogue_verbs;
        for span in [
            "Courtesy of Daily Maverick",
            "Via the Irish Times tells readers",
            "Smith said",
            "Mail »",
            "— Reuters —",
            "As first seen on X",
            "Hold down Ctrl and Shift",
            "Story by Kyodo",
            "a b c d e f g",
            "Über die Tagesschau berichtet",
            "Reuters",
            "新华社 记者 报道",
            // As many words as a span can hold, punctuation among the last.
            &("a ".repeat(58) + "— b c"),
        ] {
            let words: Vec<&str> = span.split_whitespace().collect();
            let n = words.len();
            for bracketed in [false, true] {
                let facts = SpanWords::new(&words, bracketed);
                for a in 0..=MAX_BEFORE.min(n - 1) {
                    let opens = words[..a].iter().enumerate().all(|(k, w)| {
                        is_frame_word(w) || (k == 0 && !bracketed && is_opening_word(w))
                    });
                    assert_eq!(facts.may_open(a), opens, "{span} a={a}");
                }
                for b in n.saturating_sub(MAX_AFTER)..=n {
                    let closes = words[b..].iter().all(|w| is_frame_word(w))
                        && !words[b..].iter().any(|w| dialogue_verbs.contains(*w));
                    assert_eq!(facts.may_close(b), closes, "{span} b={b}");
                    for a in 0..b {
                        let punct = words[a..b]
                            .iter()
                            .any(|w| !w.chars().any(char::is_alphanumeric));
                        assert_eq!(facts.has_punctuation_word(a, b), punct, "{span}");
                    }
                }
            }
        }
    }

    #[test]
    fn words_are_joined_as_by_join() {
        for inner in [
            "Courtesy of Daily Maverick",
            "Via  the Irish\tTimes tells\u{a0}readers",
            "a b  c\nd e",
            "Über die Tagesschau berichtet",
            "x",
        ] {
            let words: Vec<&str> = inner.split_whitespace().collect();
            for a in 0..words.len() {
                for b in a + 1..=words.len() {
                    let slice = &words[a..b];
                    assert_eq!(joined(inner, slice), slice.join(" "), "{inner:?} {a}..{b}");
                }
            }
        }
    }

    #[test]
    fn domains_are_found_as_by_lower_casing_every_source() {
        for source in [
            "www.BBC.com",
            "BBC",
            "Spiegel.de",
            "S.Paulo",
            "İ.com",
            "www.",
            "WWW.dw.com",
            "iDNES.cz",
            "no dot here",
        ] {
            assert_eq!(
                is_domain_source(source),
                is_domain(source.to_lowercase().trim_start_matches("www.")),
                "{source}"
            );
        }
    }

    #[test]
    fn breadcrumbs_and_link_bait_lose_the_readings_they_have() {
        for line in [
            "Home > News > World > Europe",
            "Read more: Reuters says the talks went on late into the night",
        ] {
            assert!(is_breadcrumb(line) || is_link_bait(line), "{line}");
            assert!(!readings(line).is_empty(), "{line}");
            assert_eq!(candidates(line), Vec::new(), "{line}");
        }
        let plain = "(Reuters) the talks went on late into the night";
        assert_eq!(candidates(plain), readings(plain));
        assert!(!candidates(plain).is_empty());
    }

    #[test]
    fn one_preposition_before_a_name_is_weak() {
        // A capitalised word opening a sentence before a colon: three lines.
        assert!(sources("Clockwise from top: whale bones, squid beaks.")
            .iter()
            .all(|(_, s)| *s == Strength::Weak));
        assert!(sources("In Berlin, the council met.")
            .iter()
            .all(|(_, s)| *s == Strength::Weak));
        assert!(sources("[Reuters] The council met.")
            .iter()
            .any(|(_, s)| *s == Strength::Strong));
    }
}
