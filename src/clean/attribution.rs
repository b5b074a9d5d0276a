//! Rules T5 and T6: attribution prefixes repeated by an aggregator.
//!
//! A prefix is a source (outlet name or domain) in an attribution frame from
//! the lexicon ("according to {source}", "{source} reported", "laut
//! {source}", "{source}によると", "({source})"), at the very start of a line,
//! followed by `,` `:` `-` `–` `—` and whitespace (or a CJK comma). It is
//! removed from every line it heads when the same source (case-insensitive,
//! `www.` ignored) heads at least two lines; one occurrence is content. After
//! removal a lower-case first letter is upper-cased unless its word holds a
//! capital already ("iPhone").
//!
//! Frames the lexicon does not know are found by repetition: every reading
//! of a line's start as frame words, a source and a terminator
//! ([`source_span`]) is counted by source over the document, and a source
//! that heads enough lines loses its prefix wherever it heads one.

use super::lexicon::{
    self, first_word, is_alphabetic, is_alphanumeric, last_word, lower, split_at_byte,
    split_once_at, Frame, PhraseMap, PhraseSet,
};
use super::source_span::{self, Candidate, Strength};
use super::{Draft, Origin, Rule};
use crate::block::BlockKind;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;

/// How far into a line an attribution prefix may reach, in bytes.
const MAX_PREFIX_BYTES: usize = 160;
/// Longest source name, in words.
const MAX_SOURCE_WORDS: usize = 7;

/// A prefix found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefix {
    /// Byte length of the prefix, trailing whitespace included.
    pub len: usize,
    /// The source, normalised for comparison.
    pub source: String,
    /// Whether the prefix could be a speaker label: a name and a dialogue
    /// verb before a colon ("Smith said:").
    pub speaker: bool,
}

/// Candidate prefix ends tried per line: a frame ends at the first or second
/// comma or colon, and a line of commas must not cost more.
const MAX_TERMINATORS: usize = 6;

/// Strips the attribution prefixes whose source heads at least two lines,
/// again on what is left until nothing changes, so that cleaning clean
/// output changes nothing.
pub fn strip(draft: &mut Draft, origin: Origin) {
    let mut memo = Memo::new(draft.len());
    // The lines with a prefix, whose prefix is in `memo`.
    let mut found: Vec<usize> = draft
        .kept()
        .filter(|&i| draft.block(i).kind != BlockKind::Code && memo.find(draft, i).is_some())
        .collect();
    if speakers_alternate(found.iter().map(|&i| memo.found(i))) {
        found.retain(|&i| !memo.found(i).speaker);
    }
    // Each round strips at least one prefix and looks again only at the
    // lines it changed, so the rounds cost no more than the prefixes do.
    while strip_once(draft, &mut found, origin, &mut memo) {}
    // Then frames the lexicon does not know: a source is found by heading
    // several lines, whatever words frame it.
    for _ in 0..MAX_GENERIC_ROUNDS {
        if !strip_repeated_spans(draft, origin, &mut memo) {
            break;
        }
    }
}

/// What [`find`] and [`source_span::candidates`] make of each block, kept
/// until the block's text changes: the rounds of [`strip`] look at the same
/// lines again and again. Most lines have neither a prefix nor a candidate:
/// they cost one byte here, which says what has been looked at.
struct Memo {
    /// Per block, [`Memo::FOUND`] once [`find`] ran on it and
    /// [`Memo::READ`] once [`source_span::candidates`] did.
    looked: Vec<u8>,
    /// The prefixes found, by block.
    prefixes: FxHashMap<usize, Prefix>,
    /// The candidates read, by block; none for a block with none.
    candidates: FxHashMap<usize, Vec<Candidate>>,
}

impl Memo {
    /// [`find`] has run on the block.
    const FOUND: u8 = 1;
    /// [`source_span::candidates`] has run on the block.
    const READ: u8 = 2;

    fn new(blocks: usize) -> Memo {
        Memo {
            looked: vec![0; blocks],
            prefixes: FxHashMap::default(),
            candidates: FxHashMap::default(),
        }
    }

    /// [`find`] on the text of block `i`.
    fn find(&mut self, draft: &Draft, i: usize) -> Option<&Prefix> {
        if self.looked[i] & Memo::FOUND == 0 {
            self.looked[i] |= Memo::FOUND;
            if let Some(prefix) = find(&draft.block(i).text) {
                self.prefixes.insert(i, prefix);
            }
        }
        self.prefix(i)
    }

    /// The prefix [`Memo::find`] found in block `i`, if it has looked.
    fn prefix(&self, i: usize) -> Option<&Prefix> {
        self.prefixes.get(&i)
    }

    /// The prefix of block `i`, which [`Memo::find`] found.
    fn found(&self, i: usize) -> &Prefix {
        self.prefix(i).expect("a line found with a prefix has one")
    }

    /// Reads the [`source_span::candidates`] of block `i`, without repeats
    /// in a row.
    fn read(&mut self, draft: &Draft, i: usize) {
        if self.looked[i] & Memo::READ == 0 {
            self.looked[i] |= Memo::READ;
            let mut cands = source_span::candidates(&draft.block(i).text);
            cands.dedup();
            if !cands.is_empty() {
                self.candidates.insert(i, cands);
            }
        }
    }

    /// The candidates [`Memo::read`] read in block `i`.
    fn candidates(&self, i: usize) -> &[Candidate] {
        self.candidates.get(&i).map_or(&[], Vec::as_slice)
    }

    /// Forgets block `i`, whose text changed.
    fn forget(&mut self, i: usize) {
        self.looked[i] = 0;
        self.prefixes.remove(&i);
        self.candidates.remove(&i);
    }
}

/// Rounds of [`strip_repeated_spans`]: a line stripped once may hold a
/// second prefix ("[Kyodo] Kyodo reporting: ...").
const MAX_GENERIC_ROUNDS: usize = 3;

/// One round of stripping prefixes found by repetition alone: every reading
/// of each line's start as "frame, source, frame, terminator"
/// ([`source_span::candidates`]) is counted by source over the document,
/// lexicon prefixes left single by the first rounds included; a line loses
/// the reading whose source heads the most lines, if that is enough lines
/// for its [`Strength`]. Whether anything was stripped.
fn strip_repeated_spans(draft: &mut Draft, origin: Origin, memo: &mut Memo) -> bool {
    let lines = || {
        draft
            .kept()
            .filter(|&i| draft.block(i).kind != BlockKind::Code)
    };
    for i in lines() {
        if memo.find(draft, i).is_none() {
            memo.read(draft, i);
        }
    }
    // Speaker labels in a dialogue stay whatever else they read as.
    let dialogue = speakers_alternate(lines().filter_map(|i| memo.prefix(i)));
    let mut readings: Vec<(usize, Cow<[Candidate]>)> = Vec::new();
    for i in lines() {
        let cands: Cow<[Candidate]> = match memo.prefix(i) {
            Some(p) if dialogue && p.speaker => continue,
            Some(p) => Cow::Owned(vec![Candidate {
                len: p.len,
                source: p.source.clone(),
                strength: Strength::Strong,
            }]),
            None => Cow::Borrowed(memo.candidates(i)),
        };
        if !cands.is_empty() {
            readings.push((i, cands));
        }
    }
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for (_, cands) in &readings {
        // A line counts once for each source: a line has a few candidates.
        for (k, c) in cands.iter().enumerate() {
            if !cands[..k].iter().any(|d| d.source == c.source) {
                *counts.entry(c.source.as_str()).or_default() += 1;
            }
        }
    }
    // A weak frame repeated word for word is a field label ("Item Number:",
    // "Price | ", "What we like:"): it counts only when the source also
    // stands in another frame, or in a strong one.
    // Only a source that heads more lines than a strong frame needs can
    // pass with weak frames (see `needed`): the others' are never asked for.
    let may_pass_weak =
        |c: &Candidate| counts[c.source.as_str()] > repeats_needed(&c.source, origin);
    let mut frames: FxHashMap<&str, FxHashSet<String>> = FxHashMap::default();
    for (i, cands) in &readings {
        let text = &draft.block(*i).text;
        for c in cands.iter().filter(|c| may_pass_weak(c)) {
            let frame = match c.strength {
                Strength::Strong => String::from("strong"),
                Strength::Weak => lower(text[..c.len].trim_end()),
            };
            frames.entry(c.source.as_str()).or_default().insert(frame);
        }
    }
    let needed = |c: &Candidate| match c.strength {
        Strength::Strong => repeats_needed(&c.source, origin),
        Strength::Weak if frames.get(c.source.as_str()).map_or(0, FxHashSet::len) >= 2 => {
            repeats_needed(&c.source, origin) + 1
        }
        Strength::Weak => usize::MAX,
    };
    let chosen: Vec<(usize, &Candidate)> = readings
        .iter()
        .filter_map(|(i, cands)| {
            cands
                .iter()
                .filter(|c| counts[c.source.as_str()] >= needed(c))
                .max_by_key(|c| (counts[c.source.as_str()], c.len))
                .map(|c| (*i, c))
        })
        .collect();
    // Labels that take turns ("Best For | ...", "Price | ...", "Best For |
    // ...") are the fields of a table or a dialogue, not a source.
    if sources_alternate(chosen.iter().map(|(_, c)| c.source.as_str())) {
        return false;
    }
    let cuts: Vec<(usize, usize)> = chosen.iter().map(|(i, c)| (*i, c.len)).collect();
    for &(i, len) in &cuts {
        let rest = capitalize_first(&draft.block(i).text[len..]);
        draft.replace_prefix(i, len, rest, Rule::AttributionPrefix);
        memo.forget(i);
    }
    !cuts.is_empty()
}

/// How many lines a source must head before its prefix goes. Two in text
/// (rule T5). In an HTML article two paragraphs that open "According to
/// Strava," are the writer's own words, so a named source must head three;
/// a domain ("www.bbc.com reported,") is an aggregator's mark at two.
fn repeats_needed(source: &str, origin: Origin) -> usize {
    match origin {
        Origin::Text => 2,
        Origin::Html if is_domain(source) => 2,
        Origin::Html => 3,
    }
}

/// Whether speaker labels take turns ("Smith said:", "Jones said:",
/// "Smith said:"): a dialogue, not an aggregator's source.
fn speakers_alternate<'p>(prefixes: impl Iterator<Item = &'p Prefix>) -> bool {
    let mut order: Vec<&str> = Vec::new();
    for p in prefixes.filter(|p| p.speaker) {
        if order.last() != Some(&p.source.as_str()) {
            if order.contains(&p.source.as_str()) {
                return true;
            }
            order.push(&p.source);
        }
    }
    false
}

/// Whether the sources, in line order, take turns: one comes back after
/// another ("A, B, A").
fn sources_alternate<'s>(sources: impl Iterator<Item = &'s str>) -> bool {
    let mut order: Vec<&str> = Vec::new();
    for s in sources {
        if order.last() != Some(&s) {
            if order.contains(&s) {
                return true;
            }
            order.push(s);
        }
    }
    false
}

/// One round of [`strip`]; whether anything was stripped.
///
/// `found` holds every line that has a prefix (in `memo`); lines stripped
/// in this round are looked at again for the next.
fn strip_once(draft: &mut Draft, found: &mut Vec<usize>, origin: Origin, memo: &mut Memo) -> bool {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for &i in found.iter() {
        *counts.entry(memo.found(i).source.as_str()).or_default() += 1;
    }
    let is_repeated: Vec<bool> = found
        .iter()
        .map(|&i| {
            let p = memo.found(i);
            counts[p.source.as_str()] >= repeats_needed(&p.source, origin)
        })
        .collect();
    let repeated: Vec<(usize, usize)> = found
        .iter()
        .zip(&is_repeated)
        .filter(|(_, &r)| r)
        .map(|(&i, _)| (i, memo.found(i).len))
        .collect();
    if repeated.is_empty() {
        return false;
    }
    let mut flags = is_repeated.into_iter();
    found.retain(|_| !flags.next().unwrap_or(false));
    for (i, len) in repeated {
        let rest = capitalize_first(&draft.block(i).text[len..]);
        draft.replace_prefix(i, len, rest, Rule::AttributionPrefix);
        memo.forget(i);
        if memo.find(draft, i).is_some() {
            found.push(i);
        }
    }
    true
}

/// The attribution prefix heading `line`, if any.
pub fn find(line: &str) -> Option<Prefix> {
    let mut head: Option<Head> = None;
    // Read at the first terminator: most lines have none.
    let mut case: Option<HeadCase> = None;
    for term in terminators(line).take(MAX_TERMINATORS) {
        let case = *case.get_or_insert_with(|| HeadCase::of(line));
        let frames = Lookup::at(line, term.source_end, case);
        let framed = (!frames.is_empty())
            .then(|| {
                let head = head_to(&mut head, line, term.source_end, case);
                match_frames(head, term.source_end, &frames)
            })
            .flatten();
        if let Some((source, dialogue_verb)) = framed {
            // A domain is never a person.
            let person = dialogue_verb && !is_domain(&source);
            let speaker = person && line[term.source_end..].starts_with(':');
            // "Smith said: “We will win.”" and "Alley added, “And if ...”"
            // introduce a quotation.
            let quoted = line[term.content_start..].starts_with(QUOTES);
            if person && quoted && !term.dash {
                return None;
            }
            return Some(Prefix {
                len: term.content_start,
                source,
                speaker,
            });
        }
        if term.dash {
            if let Some(source) = dateline_source(&line[..term.source_end]) {
                return Some(Prefix {
                    len: term.content_start,
                    source,
                    speaker: false,
                });
            }
        }
    }
    None
}

/// How a line's [`Head`] is lower-cased: byte by byte when the head up to
/// [`head_end`] is ASCII, else char by char ([`lexicon::push_lower`]); the
/// two differ on a backtick. Read once per line, not once per terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadCase {
    /// The head is ASCII: lower-cased byte by byte.
    Ascii,
    /// The head holds other chars: lower-cased char by char.
    Chars,
}

impl HeadCase {
    /// How the head of `line` is lower-cased.
    fn of(line: &str) -> HeadCase {
        if line[..head_end(line)].is_ascii() {
            HeadCase::Ascii
        } else {
            HeadCase::Chars
        }
    }

    /// `c` lower-cased as a head of this case does it: its first char, or
    /// with `last` its last.
    fn lower_char(self, c: char, last: bool) -> Option<char> {
        match self {
            HeadCase::Ascii => Some(c.to_ascii_lowercase()),
            HeadCase::Chars if last => lexicon::lower_char(c).next_back(),
            HeadCase::Chars => lexicon::lower_char(c).next(),
        }
    }
}

/// The lexicon frames filed under the first and last word, and the first
/// and last char, of a line's head up to a terminator, lower-cased as
/// [`Head`] does it: the only frames [`match_frames`] tries. Looked up once,
/// from the line itself, so that a head without frames (most lines) need
/// not be lower-cased at all, and one with frames is not looked up again.
struct Lookup {
    /// Under the first word, the first char, the last word and the last
    /// char, in the order they are tried.
    lists: [&'static [Frame]; 4],
}

impl Lookup {
    /// The frames of `line[..end]`, whose head is lower-cased as `case`.
    fn at(line: &str, end: usize, case: HeadCase) -> Lookup {
        let lex = lexicon::attribution();
        let span = &line[..end];
        let by_char = |map: &'static PhraseMap<char, Vec<Frame>>, c: Option<char>, last: bool| {
            c.and_then(|c| case.lower_char(c, last))
                .and_then(|c| map.get(&c))
                .map_or(&[][..], Vec::as_slice)
        };
        Lookup {
            lists: [
                by_word(&lex.by_first_word, first_word(span), case),
                by_char(&lex.glued_before, span.chars().next(), false),
                by_word(&lex.by_last_word, last_word(span), case),
                by_char(&lex.glued_after, span.chars().next_back(), true),
            ],
        }
    }

    /// Whether no frame is filed under the head's words and chars.
    fn is_empty(&self) -> bool {
        self.lists.iter().all(|l| l.is_empty())
    }

    /// The frames, in the order [`match_frames`] tries them.
    fn frames(&self) -> impl Iterator<Item = &'static Frame> + '_ {
        self.lists.iter().flat_map(|l| l.iter())
    }
}

/// The frames filed in `map` under `word` lower-cased as `case`; an ASCII
/// word is lower-cased on the stack.
fn by_word(
    map: &'static PhraseMap<String, Vec<Frame>>,
    word: &str,
    case: HeadCase,
) -> &'static [Frame] {
    let mut buf = [0u8; 64];
    let frames = match buf
        .get_mut(..word.len())
        .filter(|_| case == HeadCase::Ascii)
    {
        Some(low) => {
            low.copy_from_slice(word.as_bytes());
            low.make_ascii_lowercase();
            std::str::from_utf8(low).ok().and_then(|w| map.get(w))
        }
        None if case == HeadCase::Ascii => map.get(word.to_ascii_lowercase().as_str()),
        None => map.get(lower(word).as_str()),
    };
    frames.map_or(&[], Vec::as_slice)
}

/// Where the [`Head`] of `line` ends.
fn head_end(line: &str) -> usize {
    let mut end = line.len().min(MAX_PREFIX_BYTES + 8);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// `head` if it reaches `end` in `line`, else a new [`Head`] of `line` up
/// to `end`, kept in `head`: the terminators come in order, and most lines
/// are read up to their first only.
fn head_to<'h, 'a>(
    head: &'h mut Option<Head<'a>>,
    line: &'a str,
    end: usize,
    case: HeadCase,
) -> &'h Head<'a> {
    let kept = head.take().filter(|h| h.orig.len() >= end);
    head.insert(kept.unwrap_or_else(|| Head::new(line, end, case)))
}

/// The start of a line, lower-cased, with a map back to the original offsets.
struct Head<'a> {
    orig: &'a str,
    low: String,
    /// `(low offset, original offset)` at each char start, plus the ends;
    /// empty when the head is ASCII and offsets are the same in both.
    offsets: Vec<(usize, usize)>,
}

impl<'a> Head<'a> {
    /// The head of `line` up to `end`, a char boundary within its
    /// [`head_end`]: what [`match_frames`] reads of a head reaching `end`
    /// is the same whatever follows. It is lower-cased byte by byte when
    /// the head up to [`head_end`] is ASCII, else char by char, as the
    /// whole head would be: the two differ on a backtick. `case` says
    /// which ([`HeadCase::of`] the line).
    fn new(line: &'a str, end: usize, case: HeadCase) -> Head<'a> {
        let orig = &line[..end];
        if case == HeadCase::Ascii {
            return Head {
                orig,
                low: orig.to_ascii_lowercase(),
                offsets: Vec::new(),
            };
        }
        let mut low = String::with_capacity(orig.len());
        let mut offsets = Vec::with_capacity(orig.len());
        for (i, c) in orig.char_indices() {
            offsets.push((low.len(), i));
            lexicon::push_lower(&mut low, c);
        }
        offsets.push((low.len(), orig.len()));
        Head { orig, low, offsets }
    }

    /// The lower-case offset of original offset `orig`.
    fn low_at(&self, orig: usize) -> usize {
        if self.offsets.is_empty() {
            return orig.min(self.low.len());
        }
        match self.offsets.binary_search_by_key(&orig, |&(_, o)| o) {
            Ok(k) => self.offsets[k].0,
            Err(k) => self.offsets[k.saturating_sub(1)].0,
        }
    }

    /// The original offset of lower-case offset `low`, if it is a char start.
    fn orig_at(&self, low: usize) -> Option<usize> {
        if self.offsets.is_empty() {
            return (low <= self.orig.len()).then_some(low);
        }
        self.offsets
            .binary_search_by_key(&low, |&(l, _)| l)
            .ok()
            .map(|k| self.offsets[k].1)
    }
}

/// Where a candidate prefix ends: the source (and frame) end at
/// `source_end`, the content starts at `content_start`.
#[derive(Debug, Clone, Copy)]
struct Terminator {
    source_end: usize,
    content_start: usize,
    dash: bool,
}

/// Candidate prefix ends in `line`, in order: `,` or `:` followed by
/// whitespace, a dash between whitespace, or a CJK comma or colon.
fn terminators(line: &str) -> impl Iterator<Item = Terminator> + '_ {
    let limit = line.len().min(MAX_PREFIX_BYTES);
    let mut from = 0;
    std::iter::from_fn(move || {
        // Only these bytes start a terminator: `,` `:` `-`, and the lead
        // bytes of the dashes (E2) and the CJK comma and colons (E3, EF).
        while let Some(at) = line.as_bytes()[from.min(limit)..limit]
            .iter()
            .position(|b| matches!(b, b',' | b':' | b'-' | 0xe2 | 0xe3 | 0xef))
        {
            let i = from + at;
            let c = line[i..].chars().next().unwrap_or_default();
            from = i + c.len_utf8();
            let before = line[..i].chars().next_back();
            let next = line[from..].chars().next();
            let after_ws = next.is_some_and(char::is_whitespace);
            let (source_end, dash) = match c {
                ',' | ':' if after_ws => (i, false),
                '-' | '–' | '—' | '―' if after_ws && before.is_some_and(char::is_whitespace) => {
                    (line[..i].trim_end().len(), true)
                }
                '，' | '、' | '：' => (i, false),
                _ => continue,
            };
            let rest = &line[i + c.len_utf8()..];
            let content = rest.trim_start();
            if content.is_empty() {
                return None;
            }
            return Some(Terminator {
                source_end: line[..source_end].trim_end().len(),
                content_start: line.len() - content.len(),
                dash,
            });
        }
        None
    })
}

/// Quotation marks that open a quotation after a speaker label.
const QUOTES: [char; 8] = ['"', '“', '”', '„', '«', '»', '‘', '\''];

/// The normalised source of the first of `frames` (the [`Lookup`] of the
/// line up to `end`, an original offset) matching `head` up to `end`, if
/// any, and whether the frame is a name before a dialogue verb ("{source}
/// said").
fn match_frames(head: &Head, end: usize, frames: &Lookup) -> Option<(String, bool)> {
    let low = &head.low[..head.low_at(end)];
    for frame in frames.frames() {
        let has_before = !frame.before.is_empty();
        if let Some(src) = frame_source(head, low, frame) {
            let lenient = (has_before || frame.after.is_empty()) && !frame.strict;
            if let Some(key) = source_key(src, lenient) {
                let dialogue = !has_before && is_dialogue_verb(&frame.after);
                return Some((key, dialogue));
            }
        }
    }
    None
}

/// The source text between `frame`'s parts, if `low` (the lower-cased head
/// up to the terminator) fits the frame.
fn frame_source<'h>(head: &Head<'h>, low: &str, frame: &Frame) -> Option<&'h str> {
    if low.len() <= frame.before.len() + frame.after.len()
        || !low.starts_with(&frame.before)
        || !low.ends_with(&frame.after)
    {
        return None;
    }
    let start = head.orig_at(frame.before.len())?;
    let end = head.orig_at(low.len() - frame.after.len())?;
    let src = head.orig.get(start..end)?;
    // A frame's space must be a real boundary: "as {source} reported" must
    // not take "Reportedly" apart.
    if frame.after.starts_with(' ') && src.ends_with(char::is_whitespace) {
        return None;
    }
    Some(src.trim())
}

/// Whether `after` (" said") is a dialogue verb from the lexicon.
fn is_dialogue_verb(after: &str) -> bool {
    let verb = after.trim();
    !verb.is_empty() && lexicon::attribution().dialogue_verbs.contains(verb)
}

/// "WASHINGTON (AP)" and "BERLIN, 3. Mai (dpa)": a dateline and an agency in
/// parentheses before a dash.
fn dateline_source(head: &str) -> Option<String> {
    let inner = head.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let place = inner[..open].trim_end();
    let source = &inner[open + 1..];
    if place.is_empty() || place.len() > 60 || !place.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let upper_place = place
        .split_whitespace()
        .next()
        .is_some_and(|w| !w.chars().any(char::is_lowercase));
    // "Berlin (dpa)", "Kyiv (AP)": a place in title case takes an agency
    // code only, so that "Smith (R)" or "The plan (draft)" stay.
    let agency_after_place = is_title_place(place) && is_agency_code(source);
    if !(upper_place || agency_after_place) {
        return None;
    }
    source_key(source, true)
}

/// One to three capitalised words of letters (or short connectors), before
/// an optional date after a comma: "Berlin", "Rio de Janeiro, 3. Mai" (not
/// "Sen. Smith", "The plan").
fn is_title_place(place: &str) -> bool {
    let name = place.split(',').next().unwrap_or_default();
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words[0].starts_with(char::is_uppercase)
        && words.iter().all(|w| {
            w.chars().all(|c| is_alphabetic(c) || c == '-')
                && (w.starts_with(char::is_uppercase) || w.chars().count() <= 3)
        })
}

/// "dpa", "AFP", "AP": two to five letters, all lower or all upper case.
fn is_agency_code(src: &str) -> bool {
    (2..=5).contains(&src.chars().count())
        && src.chars().all(is_alphabetic)
        && (src.chars().all(char::is_lowercase) || src.chars().all(char::is_uppercase))
}

/// The comparison key of `src` if it looks like a source: a domain, a
/// capitalised name of a few words, a short agency code when the frame
/// already says "attribution" (`lenient`), or a CJK name.
pub(super) fn source_key(src: &str, lenient: bool) -> Option<String> {
    // Most spans a frame leaves are lower-case words ("the morning"): a
    // strict reading needs a capital, a digit, a dot or a CJK sign.
    if !lenient && !may_hold_strict_source(src) {
        return None;
    }
    source_key_of(src, lenient)
}

/// Whether `src` holds a char that every source [`source_key`] accepts
/// without `lenient` holds: an upper-case letter or a digit (a name's first
/// word), a dot (a domain) or a CJK or Hangul sign (a CJK name). Names,
/// domains and CJK names are read from parts of `src`, so without one of
/// these chars there is no source.
fn may_hold_strict_source(src: &str) -> bool {
    // The ASCII chars byte by byte, without decoding: most spans are
    // ASCII, and an ASCII capital, digit or dot is enough.
    src.bytes()
        .any(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.')
        || (!src.is_ascii()
            && src
                .chars()
                .any(|c| !c.is_ascii() && (c.is_uppercase() || is_cjk(c))))
}

/// [`source_key`] without its early out.
fn source_key_of(src: &str, lenient: bool) -> Option<String> {
    let lex = lexicon::attribution();
    let src = src
        .trim()
        .trim_matches(|c| matches!(c, '«' | '»' | '"' | '“' | '”' | '„' | '‘' | '’' | '\''))
        .trim();
    if src.is_empty() || src.len() > 80 {
        return None;
    }
    let mut low = lower(src);
    let mut src = src;
    if let Some(noun) = lex.source_noun(&low) {
        let cut = src
            .char_indices()
            .nth(noun.chars().count())
            .map(|(i, _)| i)?;
        src = src[cut..]
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '«' | '"' | '“' | '„'));
        src = src.trim_end_matches(['»', '"', '”', '“']);
        low = lower(src);
    }
    if src.is_empty() || lex.not_sources.contains(&low) {
        return None;
    }
    // "Ein Sprecher", "Der Minister": capitalised nouns are not names.
    if low
        .split_whitespace()
        .next()
        .is_some_and(|w| lex.determiners.contains(w))
    {
        return None;
    }
    // "de NOS", "l'ANSA", "die Tagesschau" after a verb: a lower-case
    // article before a capitalised name.
    let (name, lenient) = match strip_article(src, &lex.articles) {
        Some(rest) => (rest, false),
        None => (src, lenient),
    };
    let ok = is_domain(&low) || is_cjk_name(src) || is_name(name, lenient);
    if !ok {
        return None;
    }
    let key = low.strip_prefix("www.").unwrap_or(&low);
    let key = match split_once_at(key, b' ') {
        Some((article, rest)) if lex.articles.contains(article) => rest,
        _ => match split_once_at(key, b'\'') {
            Some((article, rest)) if lex.articles.contains(&format!("{article}'")) => rest,
            _ => key,
        },
    };
    if lex.not_sources.contains(key) {
        return None;
    }
    // The key is the end of `low`: cut its start off rather than copy it.
    let cut = low.len() - key.len();
    low.replace_range(..cut, "");
    Some(low)
}

/// `src` without a lower-case article before it ("de NOS" -> "NOS",
/// "l'ANSA" -> "ANSA"), if it has one.
fn strip_article<'s>(src: &'s str, articles: &PhraseSet<String>) -> Option<&'s str> {
    if !src.starts_with(char::is_lowercase) {
        return None;
    }
    let (article, rest) = match split_once_at(src, b' ') {
        Some((a, rest)) if articles.contains(a) => (a, rest),
        _ => {
            let cut = src.find(['\'', '’'])?;
            let apos = src[cut..].chars().next()?.len_utf8();
            (&src[..cut + apos], &src[cut + apos..])
        }
    };
    let apostrophe = article.replace('’', "'");
    (articles.contains(&apostrophe) || articles.contains(article))
        .then(|| rest.trim_start())
        .filter(|r| !r.is_empty())
}

/// `example.com`, `www.bbc.co.uk`, `spiegel.de` (already lower-cased).
pub(super) fn is_domain(low: &str) -> bool {
    // Two labels or more: most words have no dot and are not read through.
    if memchr::memchr(b'.', low.as_bytes()).is_none() {
        return false;
    }
    let mut labels = 0;
    let mut tld = "";
    for l in split_at_byte(low, b'.') {
        if l.is_empty() || l.len() > 63 || !l.chars().all(|c| is_alphanumeric(c) || c == '-') {
            return false;
        }
        labels += 1;
        tld = l;
    }
    labels >= 2 && tld.len() >= 2 && tld.chars().all(is_alphabetic)
}

/// A run of CJK or Hangul characters (and Latin letters, as in "NHK").
pub(super) fn is_cjk_name(src: &str) -> bool {
    src.chars().count() <= 16
        && src.chars().any(is_cjk)
        && src.chars().all(|c| is_cjk(c) || is_alphanumeric(c))
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// A name of one to seven words that starts with a capital or a digit, whose
/// other words are capitalised or short connectors ("Folha de S.Paulo").
/// With `lenient`, a single short lower-case code ("dpa") passes too.
fn is_name(src: &str, lenient: bool) -> bool {
    if src.chars().any(|c| {
        matches!(
            c,
            ',' | ';' | '!' | '?' | '(' | ')' | '"' | '“' | '”' | ':' | '[' | ']'
        )
    }) || !src.chars().any(is_alphabetic)
    {
        return false;
    }
    // The words are read where they lie, not gathered: most spans read
    // here are no name.
    let mut words = src.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let count = 1 + words.clone().take(MAX_SOURCE_WORDS).count();
    if count > MAX_SOURCE_WORDS {
        return false;
    }
    let last = words.next_back().unwrap_or(first);
    let capital = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    if count == 1 && !capital(first) {
        return lenient
            && (2..=5).contains(&first.chars().count())
            && first.chars().all(is_alphabetic);
    }
    let connector = |w: &str| {
        w.chars().count() <= 5 && w.chars().all(|c| c.is_lowercase() || c == '\'' || c == '&')
    };
    capital(first)
        && capital(last)
        && src
            .split_whitespace()
            .all(|w| capital(w) || connector(w) || w == "&")
}

/// Upper-cases the first letter of `rest` if it is lower-case and the rest
/// of its word holds no capital (rule T6).
pub fn capitalize_first(rest: &str) -> String {
    let mut chars = rest.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let word_rest = &rest[first.len_utf8()..word_end];
    if first.is_lowercase() && !word_rest.chars().any(char::is_uppercase) {
        let mut out = String::with_capacity(rest.len() + 2);
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
        out
    } else {
        rest.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find` on a few inputs.
    #[test]
    fn example_find() {
        use crate::clean::attribution::find;
        let p = find("www.bbc.com reported, The pact commits both countries.").unwrap();
        assert_eq!((p.len, p.source.as_str()), (22, "bbc.com"));
        assert_eq!(
            find("Laut Spiegel.de, Das Feature").unwrap().source,
            "spiegel.de"
        );
        assert!(find("He said, the pact holds.").is_none());
        assert!(find("Q: What is the pact?").is_none());
    }

    /// `capitalize_first` on a few inputs.
    #[test]
    fn example_capitalize_first() {
        use crate::clean::attribution::capitalize_first;
        assert_eq!(capitalize_first("the pact"), "The pact");
        assert_eq!(capitalize_first("iPhone sales"), "iPhone sales");
        assert_eq!(capitalize_first("3 out of 10"), "3 out of 10");
        assert_eq!(capitalize_first("«quote»"), "«quote»");
    }

    fn src(line: &str) -> Option<String> {
        find(line).map(|p| p.source)
    }

    /// What [`match_frames`] reads at each terminator of `line` from a
    /// [`Head`] reaching the terminator and from one of the whole head.
    fn frames_on_short_and_whole_heads(line: &str) -> Vec<(String, bool)> {
        let mut differ = Vec::new();
        let case = HeadCase::of(line);
        for term in terminators(line) {
            let end = term.source_end;
            let frames = Lookup::at(line, end, case);
            let short = match_frames(&Head::new(line, end, case), end, &frames);
            let whole = match_frames(&Head::new(line, head_end(line), case), end, &frames);
            if short != whole {
                differ.push((format!("{short:?} / {whole:?}"), term.dash));
            }
        }
        differ
    }

    /// The frames filed under the first and last word and char of `head`
    /// lower-cased up to `end`, looked up in the lower-cased head: what
    /// [`Lookup::at`] reads from the line itself.
    fn frames_from_head(head: &Head, end: usize) -> Vec<*const Frame> {
        let lex = lexicon::attribution();
        let low = &head.low[..head.low_at(end)];
        let by_char = |map: &'static PhraseMap<char, Vec<Frame>>, c: Option<char>| {
            c.and_then(|c| map.get(&c)).map_or(&[][..], Vec::as_slice)
        };
        let word = |map: &'static PhraseMap<String, Vec<Frame>>, w: Option<&str>| {
            map.get(w.unwrap_or_default())
                .map_or(&[][..], Vec::as_slice)
        };
        word(&lex.by_first_word, low.split(' ').next())
            .iter()
            .chain(by_char(&lex.glued_before, low.chars().next()))
            .chain(word(&lex.by_last_word, low.rsplit(' ').next()))
            .chain(by_char(&lex.glued_after, low.chars().next_back()))
            .map(|f| f as *const Frame)
            .collect()
    }

    /// The terminators of `line` whose [`Lookup`] differs from the frames
    /// looked up in its lower-cased head, short or whole.
    fn lookups_unlike_the_head(line: &str) -> Vec<usize> {
        let case = HeadCase::of(line);
        terminators(line)
            .map(|term| term.source_end)
            .filter(|&end| {
                let read: Vec<*const Frame> = Lookup::at(line, end, case)
                    .frames()
                    .map(|f| f as *const Frame)
                    .collect();
                read != frames_from_head(&Head::new(line, end, case), end)
                    || read != frames_from_head(&Head::new(line, head_end(line), case), end)
            })
            .collect()
    }

    const LOOKUP_LINES: [&str; 14] = [
        "According to www.washingtonpost.com, The",
        "Laut Spiegel.de, die Bahn erhöht die Preise",
        "D’après Le Figaro, le texte doit encore passer devant le Sénat",
        "Secondo l`ANSA, il governo — è caduto",
        "Secondo l`ANSA, il governo è caduto",
        "Как пишет издание «Коммерсантъ», в Москве",
        "КАК ПИШЕТ «Коммерсантъ», в Москве",
        "NHKによると、国际",
        "(Reuters) - Text",
        "「共同」によると、国际",
        "İSTANBUL (AA) - Text",
        "The New York Times writes: Text, more: text",
        "Reuters REPORTED: text",
        "`Reuters` reported: it",
    ];

    #[test]
    fn lookups_read_from_the_line_find_the_frames_of_the_lower_cased_head() {
        let mut found = 0;
        for line in LOOKUP_LINES {
            assert!(lookups_unlike_the_head(line).is_empty(), "{line}");
            let case = HeadCase::of(line);
            found += terminators(line)
                .filter(|t| !Lookup::at(line, t.source_end, case).is_empty())
                .count();
        }
        // The lines are read under frames, not past them.
        assert!(found >= 10, "{found}");
    }

    #[test]
    fn chars_are_lower_cased_as_in_strings() {
        for c in [
            'A', 'a', '`', '’', '‘', '´', 'İ', 'Σ', 'Ж', '新', 'ǅ', 'ß', '\'',
        ] {
            let whole = lower(c.encode_utf8(&mut [0; 4]));
            assert_eq!(lexicon::lower_char(c).collect::<String>(), whole, "{c:?}");
        }
    }

    #[test]
    fn heads_read_up_to_the_terminator_as_the_whole_head() {
        for line in LOOKUP_LINES {
            assert!(
                frames_on_short_and_whole_heads(line).is_empty(),
                "{line}: {:?}",
                frames_on_short_and_whole_heads(line)
            );
        }
    }

    #[test]
    fn frames_in_several_languages() {
        assert_eq!(
            src("According to www.washingtonpost.com, The").as_deref(),
            Some("washingtonpost.com")
        );
        assert_eq!(src("Source: Reuters — The").as_deref(), Some("reuters"));
        assert_eq!(
            src("The New York Times writes: Text").as_deref(),
            Some("new york times")
        );
        assert_eq!(src("(dpa) - Text").as_deref(), Some("dpa"));
        assert_eq!(src("BERLIN (dpa) - Text").as_deref(), Some("dpa"));
        assert_eq!(src("Berlin (dpa) - Text").as_deref(), Some("dpa"));
        assert_eq!(
            src("Rio de Janeiro, 3. Mai (AFP) – Text").as_deref(),
            Some("afp")
        );
        assert_eq!(src("Sen. Smith (R) - Text"), None);
        assert_eq!(src("The plan (draft) - Text"), None);
        assert_eq!(src("Smith (Texas) - Text"), None);
        assert_eq!(
            src("Reuters reported on Monday, the").as_deref(),
            Some("reuters")
        );
        assert_eq!(
            src("Das berichtet die Tagesschau: Die").as_deref(),
            Some("tagesschau")
        );
        assert_eq!(src("Selon Le Monde, les députés").as_deref(), Some("monde"));
        assert_eq!(src("D’après Le Figaro, le").as_deref(), Some("figaro"));
        assert_eq!(src("Según El País, el").as_deref(), Some("país"));
        assert_eq!(
            src("Segundo Folha de S.Paulo, o").as_deref(),
            Some("folha de s.paulo")
        );
        assert_eq!(src("Как сообщает ТАСС, в").as_deref(), Some("тасс"));
        assert_eq!(
            src("Как пишет издание «Коммерсантъ», в").as_deref(),
            Some("коммерсантъ")
        );
        assert_eq!(src("Według PAP: w").as_deref(), Some("pap"));
        assert_eq!(src("Volgens de NOS, het").as_deref(), Some("nos"));
        assert_eq!(src("Secondo l'ANSA, il").as_deref(), Some("ansa"));
        assert_eq!(src("NHKによると、国际").as_deref(), Some("nhk"));
        assert_eq!(src("Podle iDNES.cz, vláda").as_deref(), Some("idnes.cz"));
    }

    #[test]
    fn verb_first_frames_give_the_same_source_as_the_others() {
        for (a, b) in [
            ("Según El País, el", "Informa El País: hay"),
            ("Laut Tagesschau, die", "Berichtet die Tagesschau: Der"),
            ("Selon Le Monde, le", "Écrit Le Monde : la"),
            ("Secondo l'ANSA, il", "Riporta l'ANSA: il"),
            ("Volgens de NOS, het", "Meldt de NOS: het"),
            (
                "According to the Guardian, the",
                "Reports The Guardian: the",
            ),
            ("PAP poinformował: rząd", "Podaje PAP: sejm"),
            ("Der Spiegel meldete: Die", "Der Spiegel berichtete, die"),
            ("El País ha informado: hay", "El País informó: la"),
        ] {
            assert!(src(a).is_some(), "{a}");
            assert_eq!(src(a), src(b), "{a} / {b}");
        }
        for line in [
            "Reports show: prices rose.",
            "Writes the author: nothing.",
            "Informa la policía: hay heridos.",
            "Berichtet wird: nichts.",
        ] {
            assert_eq!(src(line), None, "{line}");
        }
    }

    #[test]
    fn lead_ins_that_are_not_attributions() {
        for line in [
            "Q: What did the pact say?",
            "Price: $20, shipping included.",
            "JOHN: Hello, there.",
            "- item one, item two",
            "— Yes, she said.",
            "He said, the pact holds.",
            "Officials said: nothing.",
            "According to experts, the pact holds.",
            "The company said, it would.",
            "1. First, the pact.",
            "In 2019, the pact was signed.",
        ] {
            assert_eq!(src(line), None, "{line}");
        }
    }

    #[test]
    fn speaker_labels_in_a_dialogue_stay() {
        use crate::input::text::blocks;
        let kept = |text: &str| {
            let mut d = Draft::new(blocks(text));
            strip(&mut d, Origin::Text);
            d.finish()
                .blocks
                .into_iter()
                .map(|b| b.text)
                .collect::<Vec<_>>()
        };
        let quoted = "Smith said: “We will win this race.”\nSmith said: “It is not over yet.”";
        assert_eq!(kept(quoted).join("\n"), quoted);
        let turns = "Smith said: Yes, we will.\nJones said: No, you will not.\nSmith said: We will see.\nJones said: Fine.";
        assert_eq!(kept(turns).join("\n"), turns);
        // An aggregator's one source, or sources that report, are stripped.
        let added = "Alley added, “It was good.”\nAlley added, “And it still is.”";
        assert_eq!(kept(added).join("\n"), added);
        let one = "Reuters said: the pact holds.\nReuters said: talks resume.";
        assert_eq!(kept(one), ["The pact holds.", "Talks resume."]);
        let domain = "www.apnews.com said: \"Well then.\"\napnews.com says: 'Yes.'";
        assert_eq!(kept(domain), ["\"Well then.\"", "'Yes.'"]);
        let mixed = "Reuters reported: one.\nBloomberg reported: two.\nReuters reported: three.";
        assert_eq!(kept(mixed), ["One.", "Bloomberg reported: two.", "Three."]);
    }

    #[test]
    fn on_html_a_name_must_head_three_paragraphs_and_a_domain_two() {
        use crate::block::Block;
        let kept = |lines: &[&str]| {
            let mut d = Draft::new(lines.iter().map(|l| Block::paragraph(*l)).collect());
            strip(&mut d, Origin::Html);
            d.finish()
                .blocks
                .into_iter()
                .map(|b| b.text)
                .collect::<Vec<_>>()
        };
        let twice = [
            "According to Strava, runs got longer.",
            "According to Strava, rides did too.",
        ];
        assert_eq!(kept(&twice), twice);
        let thrice = [
            "Reuters reported, one.",
            "Reuters reported, two.",
            "Reuters reported, three.",
        ];
        assert_eq!(kept(&thrice), ["One.", "Two.", "Three."]);
        let domain = ["www.bbc.com reported, one.", "bbc.com noted, two."];
        assert_eq!(kept(&domain), ["One.", "Two."]);
    }

    #[test]
    fn a_source_heading_lines_in_frames_the_lexicon_lacks_is_stripped() {
        use crate::clean::tests::kept;
        let text = "Courtesy of Gazeta Wyborcza: the vote was close.\n[via Gazeta Wyborcza] Turnout rose.\nGazeta Wyborcza | Nobody resigned.";
        assert_eq!(
            kept(text),
            ["The vote was close.", "Turnout rose.", "Nobody resigned."]
        );
        // A single frame is content; so is one preposition before a place
        // twice, and a speaker's name before a dialogue verb.
        let once = "Courtesy of Gazeta Wyborcza: the vote was close.\nTurnout rose.";
        assert_eq!(kept(once).len(), 2);
        let place = "In Berlin, the council met.\nIn Berlin, the mayor spoke.";
        assert_eq!(kept(place).len(), 2);
        assert_eq!(kept(place)[0], "In Berlin, the council met.");
        // Field labels repeated word for word are the page's own.
        let fields = "Item Number: BenQ-LK936ST projector\nItem Number: Samsung-LSP9T screen\nItem Number: Hisense-C2 beamer\nItem Number: Epson-X1 lamp";
        assert_eq!(kept(fields).join("\n"), fields);
        let liked = "What we like: the cotton is organic.\nWhat we like: the threads too.\nWhat we like: the dyes.\nWhat we like: the fit.";
        assert_eq!(kept(liked).join("\n"), liked);
        let speech = "Alley added, “It was good.”\nAlley added, “And it still is.”";
        assert_eq!(kept(speech)[0], "Alley added, “It was good.”");
    }

    /// Sources whose only capital, digit, dot or CJK sign sits in a part
    /// that [`source_key`] cuts off (a source noun, an article), or in a
    /// char whose case the lexicon's lower-casing changes.
    const EDGE_SOURCES: &[&str] = &[
        "the morning",
        "de NOS",
        "l'ANSA",
        "l’ANSA",
        "de nos",
        "die Tagesschau",
        "the agency Reuters",
        "the agency reuters",
        "издание «Коммерсантъ»",
        "издание коммерсантъ",
        "iDNES.cz",
        "idnes.cz",
        "www.bbc.com",
        "3sat",
        "dpa",
        "afp",
        "İstanbul",
        "ǅemal",
        "ΕΡΤ",
        "ерт",
        "新华社",
        "연합뉴스",
        "nhk",
        "«Le Monde»",
        "\"le monde\"",
        "Folha de S.Paulo",
        "folha de s.paulo",
        "",
        " ",
    ];

    /// [`is_name`] as it read its words once, gathered in a `Vec`.
    fn is_name_by_vec(src: &str, lenient: bool) -> bool {
        if src.chars().any(|c| {
            matches!(
                c,
                ',' | ';' | '!' | '?' | '(' | ')' | '"' | '“' | '”' | ':' | '[' | ']'
            )
        }) || !src.chars().any(char::is_alphabetic)
        {
            return false;
        }
        let words: Vec<&str> = src.split_whitespace().collect();
        if words.is_empty() || words.len() > MAX_SOURCE_WORDS {
            return false;
        }
        let capital = |w: &str| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        };
        if words.len() == 1 && !capital(words[0]) {
            let w = words[0];
            return lenient
                && (2..=5).contains(&w.chars().count())
                && w.chars().all(char::is_alphabetic);
        }
        let connector = |w: &str| {
            w.chars().count() <= 5 && w.chars().all(|c| c.is_lowercase() || c == '\'' || c == '&')
        };
        capital(words[0])
            && capital(words[words.len() - 1])
            && words
                .iter()
                .all(|w| capital(w) || connector(w) || *w == "&")
    }

    #[test]
    fn names_read_in_place_as_from_a_vec() {
        for src in [
            "",
            " ",
            "Reuters",
            "dpa",
            "dpaxyz",
            "  AFP  ",
            "Folha de S.Paulo",
            "A B C D E F G",
            "A B C D E F G H",
            "A b c d e f G",
            "A b c d e f g h",
            "Rio de",
            "de Rio",
            "Smith & Wesson",
            "Smith &",
            "X",
            "x",
            "Ü ö",
            "One\tTwo\u{a0}Three",
            "NHK 2",
            "2 NHK",
        ] {
            for lenient in [false, true] {
                assert_eq!(
                    is_name(src, lenient),
                    is_name_by_vec(src, lenient),
                    "{src:?} {lenient}"
                );
            }
        }
    }

    #[test]
    fn source_keys_are_cut_from_the_lower_cased_source() {
        let key = |s: &str| source_key(s, true);
        assert_eq!(key("www.BBC.co.uk").as_deref(), Some("bbc.co.uk"));
        assert_eq!(key("Spiegel.de").as_deref(), Some("spiegel.de"));
        assert_eq!(key("The Guardian").as_deref(), Some("guardian"));
        assert_eq!(key("Folha de S.Paulo").as_deref(), Some("folha de s.paulo"));
    }

    #[test]
    fn the_strict_early_out_keeps_every_source() {
        for src in EDGE_SOURCES {
            for lenient in [false, true] {
                assert_eq!(
                    source_key(src, lenient),
                    source_key_of(src, lenient),
                    "{src:?} lenient {lenient}"
                );
            }
        }
        // It does fire: the lower-case span has no strict source.
        assert!(!may_hold_strict_source("the morning"));
        assert!(!may_hold_strict_source("de nos"));
    }

    /// [`may_hold_strict_source`] a char at a time, as it was first written.
    fn may_hold_strict_source_by_chars(src: &str) -> bool {
        src.chars()
            .any(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || is_cjk(c))
    }

    #[test]
    fn strict_sources_are_told_by_bytes_as_by_chars() {
        for src in EDGE_SOURCES.iter().copied().chain([
            "the morning",
            "de nos",
            "über das",
            "Über das",
            "издание",
            "Издание",
            "新华社",
            "한국",
            "bbc.com",
            "3sat",
            "ǅ",
            "",
        ]) {
            assert_eq!(
                may_hold_strict_source(src),
                may_hold_strict_source_by_chars(src),
                "{src:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_head_read_up_to_a_terminator_reads_as_the_whole_head(
            line in "(According to |Laut |Selon |D’après |Secondo l`|l`|Как пишет |)[A-Za-z`’İéКк.新 ]{0,12}(, |: | — |，)[A-Za-z`’İé新,: ]{0,40}"
        ) {
            proptest::prop_assert!(frames_on_short_and_whole_heads(&line).is_empty());
        }

        #[test]
        fn any_line_is_looked_up_as_its_lower_cased_head(
            line in "(According to |Laut |Selon |D’après |Secondo l`|l`|Как пишет |КАК |\\(|)[A-Za-z`’´İéКкΣ.新 ]{0,12}(\\)|)(, |: | — |，|によると、)[A-Za-z`’İé新,: ]{0,40}"
        ) {
            proptest::prop_assert!(lookups_unlike_the_head(&line).is_empty());
        }

        #[test]
        fn any_span_is_a_name_as_read_from_a_vec(
            src in "([A-Za-zÄäЖж0-9&'.,]{1,6}[ \t]{1,2}){0,9}",
            lenient in proptest::bool::ANY,
        ) {
            proptest::prop_assert_eq!(is_name(&src, lenient), is_name_by_vec(&src, lenient));
        }

        /// Sources made of words with and without capitals, digits, dots and
        /// CJK signs, articles and source nouns before them.
        #[test]
        fn any_span_holds_a_strict_source_as_read_by_chars(src in "[a-zA-Z0-9. 'İıéÉßдД新한ǅ·’-]{0,24}") {
            proptest::prop_assert_eq!(may_hold_strict_source(&src), may_hold_strict_source_by_chars(&src));
        }

        #[test]
        fn strict_sources_are_kept_on_generated_spans(words in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("de"), proptest::strategy::Just("l'"),
                proptest::strategy::Just("the"), proptest::strategy::Just("agency"),
                proptest::strategy::Just("издание"), proptest::strategy::Just("reuters"),
                proptest::strategy::Just("Reuters"), proptest::strategy::Just("NOS"),
                proptest::strategy::Just("bbc.com"), proptest::strategy::Just("3sat"),
                proptest::strategy::Just("新华社"), proptest::strategy::Just("dpa"),
                proptest::strategy::Just("İ"), proptest::strategy::Just("«"),
                proptest::strategy::Just("y"), proptest::strategy::Just("&"),
            ],
            0..5,
        )) {
            let src = words.join(" ");
            proptest::prop_assert_eq!(source_key(&src, false), source_key_of(&src, false));
        }
    }

    #[test]
    fn only_repeated_sources_are_stripped() {
        use crate::input::text::blocks;
        let text = "According to Reuters, the pact holds.\nBBC reported, one.\nwww.bbc.com reported, two.\nBBC.COM noted: three.\n";
        let mut d = Draft::new(blocks(text));
        strip(&mut d, Origin::Text);
        let c = d.finish();
        let lines: Vec<&str> = c.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            lines,
            [
                "According to Reuters, the pact holds.",
                "BBC reported, one.",
                "Two.",
                "Three."
            ]
        );
    }
}
