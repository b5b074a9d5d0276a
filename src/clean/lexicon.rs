//! The phrase lexicons under `data/lexicon/`, parsed once into lookup tables.
//!
//! Two families of files, one file per language:
//! - `widgets/LANG.txt`: whole-line phrases of boilerplate (navigation, markers,
//!   comment, share, related, newsletter and author widgets...), grouped in
//!   `[section]`s. A phrase ending in ` *` matches any line that starts with it.
//!   Some sections hold words, not phrases: word beginnings of widget kinds
//!   (`calls`, `nav-stems`, `stems`) and whole words (`reading-time`,
//!   `read-stems`), found inside a line (see [`Widgets::has_word_start`]).
//! - `attribution/LANG.txt`: attribution frames such as `according to {source}`
//!   or `{source}によると`, words that are never a source, words that never
//!   start one ("ein", "this"), articles ignored when comparing sources, and
//!   nouns that may stand before a source ("the agency").
//!
//! Lines starting with `#` are comments. Phrases are stored in the normal form
//! of [`normalize`], so matching a line costs one normalisation and a few hash
//! lookups, whatever the size of the lexicons.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The hasher of the lexicon's tables (FxHash): their keys are the fixed
/// phrases of the lexicon and a document's lines are only looked up in
/// them, never inserted, so SipHash's guard against flooding buys nothing
/// there and costs a good part of a lookup.
#[derive(Debug, Default, Clone, Copy)]
pub struct PhraseHasher(u64);

impl PhraseHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for PhraseHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ (rest.len() as u64) << 59);
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map of the lexicon, hashed with [`PhraseHasher`].
pub type PhraseMap<K, V> = HashMap<K, V, BuildHasherDefault<PhraseHasher>>;
/// A set of the lexicon, hashed with [`PhraseHasher`].
pub type PhraseSet<K> = HashSet<K, BuildHasherDefault<PhraseHasher>>;

/// The widget files, one per language.
const WIDGET_FILES: &[(&str, &str)] = &[
    ("en", include_str!("../../data/lexicon/widgets/en.txt")),
    ("de", include_str!("../../data/lexicon/widgets/de.txt")),
    ("fr", include_str!("../../data/lexicon/widgets/fr.txt")),
    ("es", include_str!("../../data/lexicon/widgets/es.txt")),
    ("pt", include_str!("../../data/lexicon/widgets/pt.txt")),
    ("it", include_str!("../../data/lexicon/widgets/it.txt")),
    ("nl", include_str!("../../data/lexicon/widgets/nl.txt")),
    ("pl", include_str!("../../data/lexicon/widgets/pl.txt")),
    ("ru", include_str!("../../data/lexicon/widgets/ru.txt")),
    ("cs", include_str!("../../data/lexicon/widgets/cs.txt")),
    ("misc", include_str!("../../data/lexicon/widgets/misc.txt")),
];

/// The attribution files, one per language.
const ATTRIBUTION_FILES: &[(&str, &str)] = &[
    ("en", include_str!("../../data/lexicon/attribution/en.txt")),
    ("de", include_str!("../../data/lexicon/attribution/de.txt")),
    ("fr", include_str!("../../data/lexicon/attribution/fr.txt")),
    ("es", include_str!("../../data/lexicon/attribution/es.txt")),
    ("pt", include_str!("../../data/lexicon/attribution/pt.txt")),
    ("it", include_str!("../../data/lexicon/attribution/it.txt")),
    ("nl", include_str!("../../data/lexicon/attribution/nl.txt")),
    ("pl", include_str!("../../data/lexicon/attribution/pl.txt")),
    ("ru", include_str!("../../data/lexicon/attribution/ru.txt")),
    ("cs", include_str!("../../data/lexicon/attribution/cs.txt")),
    (
        "misc",
        include_str!("../../data/lexicon/attribution/misc.txt"),
    ),
];

/// The kinds of boilerplate a widget phrase can belong to: the `[section]`
/// names of the widget files. A phrase may sit in several sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Widget {
    /// Skip links, menus, sign-in and search buttons before the article.
    Leading,
    /// "Advertisement" and similar markers, anywhere.
    Inline,
    /// Labels of one-line link bait ("Read more", "See also").
    LinkBait,
    /// Headers and calls to action of a comment section.
    Comments,
    /// Lines inside a comment section: reply buttons, form fields.
    CommentPart,
    /// Headers over a list of headlines ("Related articles").
    Related,
    /// Share bars and print/email links.
    Share,
    /// One-word buttons and network names ("Facebook", "Yes", "Accept").
    Button,
    /// Newsletter boxes.
    Newsletter,
    /// Author boxes ("About the author", "Written by ...").
    Author,
    /// Standalone footer lines ("Follow us on ...", "Was this helpful?").
    Footer,
    /// Cookie banners.
    Cookie,
    /// Labels of tag lists ("Tags", "Schlagwörter").
    Tags,
    /// Words that make a line a copyright notice.
    Copyright,
    /// Words of relative times in comment lists ("ago", "vor").
    RelativeTime,
    /// Verbs of a comment's byline ("Helen says:").
    CommentByline,
    /// Word beginnings of widget words ("kommentar", "partag"): a short
    /// closing line holding one is a widget line on its own.
    Stems,
    /// Counts over a forum thread ("60 replies"): a comment header in text,
    /// the thread's own line on a discussion page.
    ThreadCount,
    /// Phrases of a closing pitch ("subscribe now", "canal de YouTube"),
    /// found anywhere in a line.
    Pitch,
    /// Labels that head a byline or date line above an article ("By",
    /// "Updated:", "Publikacja:").
    Masthead,
    /// Headers of a closing contact block ("Kontakt", "Press contact").
    Contact,
    /// Word beginnings of calls to act, widget states and recommendation
    /// headers ("comment", "subscri", "donat"): a short line holding one is
    /// furniture where a closing run stands.
    Calls,
    /// Word beginnings of navigation, search, account and cookie labels
    /// ("navigation", "skip to"), for the lines before the first paragraph.
    NavStems,
    /// Time units and reading words of a reading-time label ("min", "read").
    ReadingTime,
    /// Words heading an author blurb before a name ("about", "über").
    AuthorIntro,
    /// Whole words of reading ("read", "lesen", "lire"): a label of two to
    /// four words holding one, before a headline, is link bait.
    ReadStems,
}

impl Widget {
    const ALL: [Widget; 26] = [
        Widget::Leading,
        Widget::Inline,
        Widget::LinkBait,
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
        Widget::Copyright,
        Widget::RelativeTime,
        Widget::CommentByline,
        Widget::Stems,
        Widget::ThreadCount,
        Widget::Pitch,
        Widget::Masthead,
        Widget::Contact,
        Widget::Calls,
        Widget::NavStems,
        Widget::ReadingTime,
        Widget::AuthorIntro,
        Widget::ReadStems,
    ];

    fn section(self) -> &'static str {
        match self {
            Widget::Leading => "leading",
            Widget::Inline => "inline",
            Widget::LinkBait => "link-bait",
            Widget::Comments => "comments",
            Widget::CommentPart => "comment-parts",
            Widget::Related => "related",
            Widget::Share => "share",
            Widget::Button => "buttons",
            Widget::Newsletter => "newsletter",
            Widget::Author => "author",
            Widget::Footer => "footer",
            Widget::Cookie => "cookie",
            Widget::Tags => "tags",
            Widget::Copyright => "copyright",
            Widget::RelativeTime => "relative-time",
            Widget::CommentByline => "comment-byline",
            Widget::Stems => "stems",
            Widget::ThreadCount => "thread-counts",
            Widget::Pitch => "pitch",
            Widget::Masthead => "masthead",
            Widget::Contact => "contact",
            Widget::Calls => "calls",
            Widget::NavStems => "nav-stems",
            Widget::ReadingTime => "reading-time",
            Widget::AuthorIntro => "author-intro",
            Widget::ReadStems => "read-stems",
        }
    }

    fn from_section(name: &str) -> Option<Widget> {
        Widget::ALL.into_iter().find(|w| w.section() == name)
    }
}

/// A set of [`Widget`] kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kinds(u32);

impl Kinds {
    /// No kind at all.
    pub const NONE: Kinds = Kinds(0);

    /// Whether `w` is in the set.
    pub fn has(self, w: Widget) -> bool {
        self.0 & (1 << w as u8) != 0
    }

    /// Whether any kind of `ws` is in the set.
    pub fn any(self, ws: &[Widget]) -> bool {
        ws.iter().any(|&w| self.has(w))
    }

    fn insert(&mut self, w: Widget) {
        self.0 |= 1 << w as u8;
    }

    fn union(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }
}

/// Whole-line widget phrases, exact or by prefix, in normal form.
#[derive(Debug, Default)]
pub struct Widgets {
    exact: PhraseMap<String, Kinds>,
    /// Prefix phrases (written `phrase *`), keyed by their text without ` *`.
    prefixes: PhraseMap<String, Kinds>,
    /// Most words in a prefix phrase: bounds the lookups per line.
    longest_prefix: usize,
    /// The words that start a prefix phrase and are followed by more of
    /// it, up to each space in it ("more", "more from" of "more from the"):
    /// a line that does not start so matches no longer prefix phrase.
    prefix_starts: PhraseSet<String>,
    /// Every exact phrase of each section, in section order.
    sections: Vec<Vec<String>>,
    /// The rights-reserved phrases of the copyright section, found anywhere
    /// in a normalised line ([`presence_searcher`]).
    rights: Option<AhoCorasick>,
    /// One-word relative-time phrases ("ago", "vor").
    relative_words: PhraseSet<String>,
    /// Longer relative-time phrases ("il y a") and single CJK signs ("前"),
    /// found anywhere in a normalised line ([`presence_searcher`]).
    relative_inside: Option<AhoCorasick>,
    /// The stems, found anywhere in a normalised line.
    stems: Option<AhoCorasick>,
    /// The pitch phrases, found as whole words anywhere in a normalised line.
    pitches: Option<AhoCorasick>,
    /// The first bytes of the pitch phrases, which rule out most lines
    /// before [`Widgets::pitches`] reads them.
    pitch_heads: PhraseHeads,
    /// The word beginnings of the calls, nav-stems and reading-time sections.
    calls: Option<AhoCorasick>,
    nav_stems: Option<AhoCorasick>,
    reading: Option<AhoCorasick>,
    read_stems: Option<AhoCorasick>,
    /// One-word inline markers ("advertisement", "anzeige").
    marker_heads: PhraseSet<String>,
    /// Every word of the inline phrases that hold a one-word marker ("story",
    /// "continues", "below" from "story continues below advertisement").
    marker_words: PhraseSet<String>,
}

/// Punctuation that may end the words of a line before a prefix phrase
/// ends ("publiée." in "…ne sera pas publiée. Les champs…").
const PREFIX_HEAD_END: [char; 6] = ['.', ',', ';', ':', '!', '?'];

/// Lines longer than this (in bytes) are never looked up as widget phrases.
pub const MAX_PHRASE_BYTES: usize = 400;

impl Widgets {
    fn parse(files: &[(&str, &str)]) -> Widgets {
        let mut w = Widgets {
            sections: vec![Vec::new(); Widget::ALL.len()],
            ..Widgets::default()
        };
        for (lang, text) in files {
            let mut section = None;
            for (n, raw) in text.lines().enumerate() {
                let line = raw.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    section = Widget::from_section(name);
                    assert!(
                        section.is_some(),
                        "widgets/{lang}.txt:{}: unknown section [{name}]",
                        n + 1
                    );
                    continue;
                }
                let kind = section.unwrap_or_else(|| {
                    panic!("widgets/{lang}.txt:{}: phrase before any section", n + 1)
                });
                let (phrase, prefix) = match line.strip_suffix(" *") {
                    Some(p) => (p, true),
                    None => (line, false),
                };
                // `{n}` stands for a number: digit runs normalise to `#`.
                let Some(key) = normalize(phrase).map(numbered) else {
                    continue;
                };
                if prefix {
                    w.longest_prefix = w.longest_prefix.max(key.split(' ').count());
                    for (space, _) in key.match_indices(' ') {
                        w.prefix_starts.insert(key[..space].to_string());
                    }
                    w.prefixes.entry(key).or_default().insert(kind);
                } else {
                    w.sections[kind as usize].push(key.clone());
                    w.exact.entry(key).or_default().insert(kind);
                }
            }
        }
        let rights: Vec<&String> = w.sections[Widget::Copyright as usize]
            .iter()
            .filter(|p| p.contains(' '))
            .collect();
        w.rights = presence_searcher(rights);
        let (words, inside): (Vec<&String>, Vec<&String>) = w.sections
            [Widget::RelativeTime as usize]
            .iter()
            .partition(|p| !p.contains(' ') && (p.is_ascii() || p.chars().count() > 1));
        w.relative_words = words.into_iter().cloned().collect();
        w.relative_inside = presence_searcher(inside);
        w.stems = searcher(&w.sections[Widget::Stems as usize]);
        w.pitches = searcher(&w.sections[Widget::Pitch as usize]);
        w.pitch_heads = PhraseHeads::new(&w.sections[Widget::Pitch as usize]);
        w.calls = searcher(&w.sections[Widget::Calls as usize]);
        w.nav_stems = searcher(&w.sections[Widget::NavStems as usize]);
        w.reading = searcher(&w.sections[Widget::ReadingTime as usize]);
        w.read_stems = searcher(&w.sections[Widget::ReadStems as usize]);
        let inline = &w.sections[Widget::Inline as usize];
        w.marker_heads = inline
            .iter()
            .filter(|p| !p.contains(' '))
            .cloned()
            .collect();
        for phrase in inline {
            let words: Vec<&str> = phrase.split(' ').collect();
            if words.iter().any(|x| w.marker_heads.contains(*x)) {
                w.marker_words.extend(words.iter().map(|x| x.to_string()));
            }
        }
        w
    }

    /// Whether the normalised line is made of the words of inline marker
    /// phrases only, one marker among them: "Story continues after the
    /// ad", "Advertisement · Scroll to continue", worded in any order.
    pub fn is_marker_words(&self, norm: &str) -> bool {
        let mut words = 0;
        let mut head = false;
        for w in norm
            .split(|c: char| !is_alphanumeric(c) && c != '\'')
            .filter(|w| !w.is_empty())
        {
            words += 1;
            if words > 8 || !self.marker_words.contains(w) {
                return false;
            }
            head = head || self.marker_heads.contains(w);
        }
        words >= 1 && head
    }

    /// Whether a word of the normalised line starts with a word beginning
    /// of section `w` (one of `Calls`, `NavStems`, `ReadingTime`; `Stems`
    /// too); with `whole`, the match must also end a word.
    pub fn has_word_start(&self, w: Widget, norm: &str, whole: bool) -> bool {
        self.word_starts(w, norm, whole) > 0
    }

    /// How many matches [`Widgets::has_word_start`] finds in `norm`.
    pub fn word_starts(&self, w: Widget, norm: &str, whole: bool) -> usize {
        let ac = match w {
            Widget::Calls => &self.calls,
            Widget::NavStems => &self.nav_stems,
            Widget::ReadingTime => &self.reading,
            Widget::ReadStems => &self.read_stems,
            Widget::Stems => &self.stems,
            _ => return 0,
        };
        let bytes = norm.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        // Distinct word starts: a phrase listed in two languages counts once.
        let Some(ac) = ac.as_ref().filter(|ac| ac.is_match(norm)) else {
            return 0;
        };
        let mut starts: Vec<usize> = {
            ac.find_overlapping_iter(norm)
                .filter(|m| {
                    (m.start() == 0 || norm[..m.start()].ends_with([' ', '-', '\'', '#']))
                        && (!whole || m.end() == bytes.len() || !word(bytes[m.end()]))
                })
                .map(|m| m.start())
                .collect()
        };
        starts.sort_unstable();
        starts.dedup();
        starts.len()
    }

    /// Whether the normalised line holds a pitch phrase as whole words.
    pub fn has_pitch(&self, norm: &str) -> bool {
        // A phrase found as whole words starts where a word does: most
        // lines have no word that starts like one.
        self.pitch_heads.may_start_a_word(norm.as_bytes()) && self.has_pitch_searched(norm)
    }

    /// [`Widgets::has_pitch`] without its look at the phrases' first bytes.
    fn has_pitch_searched(&self, norm: &str) -> bool {
        let bytes = norm.as_bytes();
        let word = |b: u8| is_word_byte(b);
        // Most lines hold no phrase at all: one quick look rules them out.
        self.pitches.as_ref().is_some_and(|ac| {
            ac.is_match(norm)
                && ac.find_overlapping_iter(norm).any(|m| {
                    (m.start() == 0 || !word(bytes[m.start() - 1]))
                        && (m.end() == bytes.len() || !word(bytes[m.end()]))
                })
        })
    }

    /// Whether a word of the normalised line starts with a widget stem.
    pub fn has_stem(&self, norm: &str) -> bool {
        self.stems.as_ref().is_some_and(|ac| {
            ac.is_match(norm)
                && ac
                    .find_overlapping_iter(norm)
                    .any(|m| m.start() == 0 || norm[..m.start()].ends_with([' ', '-', '\'']))
        })
    }

    /// Whether the normalised line holds a rights-reserved phrase.
    pub fn has_rights_phrase(&self, norm: &str) -> bool {
        self.rights.as_ref().is_some_and(|ac| ac.is_match(norm))
    }

    /// Whether the normalised line holds a relative-time word or phrase.
    pub fn has_relative_time(&self, norm: &str) -> bool {
        split_at_byte(norm, b' ').any(|w| self.relative_words.contains(w))
            || self
                .relative_inside
                .as_ref()
                .is_some_and(|ac| ac.is_match(norm))
    }

    /// The kinds of the phrase `norm` (a line in [`normalize`]d form): its
    /// exact entries plus those of every prefix entry it starts with.
    pub fn kinds(&self, norm: &str) -> Kinds {
        self.kinds_beyond(self.exact(norm), norm)
    }

    /// [`Widgets::kinds`] of `norm` when its exact kinds, `exact`, are
    /// known already: one lookup fewer.
    pub fn kinds_beyond(&self, exact: Kinds, norm: &str) -> Kinds {
        let mut kinds = exact;
        if self.prefixes.is_empty() {
            return kinds;
        }
        // Prefix phrases end at a word boundary and must be followed by more.
        for (words, i) in byte_offsets(norm, b' ').enumerate() {
            if words >= self.longest_prefix {
                break;
            }
            // "publiée." in "…ne sera pas publiée. Les champs…" ends a phrase too.
            let head = norm[..i].trim_end_matches(PREFIX_HEAD_END);
            if let Some(k) = self.prefixes.get(head) {
                kinds = kinds.union(*k);
            }
            // A longer phrase holds the words up to this space as they are
            // (trimming stops at a space): none does when no phrase starts so.
            if !self.prefix_starts.contains(&norm[..i]) {
                break;
            }
        }
        kinds
    }

    /// The exact phrases of section `w`, in normal form.
    pub fn phrases(&self, w: Widget) -> &[String] {
        &self.sections[w as usize]
    }

    /// The kinds of the exact phrase `norm` only.
    pub fn exact(&self, norm: &str) -> Kinds {
        self.exact.get(norm).copied().unwrap_or_default()
    }
}

/// The phrase `key` with each `{n}` (a number in the lexicon's files)
/// written `#`, as digit runs normalise: most phrases have none, and are
/// kept as they are rather than copied.
fn numbered(key: String) -> String {
    if key.contains('{') {
        key.replace("{n}", "#")
    } else {
        key
    }
}

/// A searcher for `phrases`, with the standard match kind (every match,
/// overlapping ones too), as a contiguous NFA: the searchers are built once
/// per process, and a DFA (what the builder picks for a few dozen phrases)
/// costs more to build than the lines of a text cost to search, which its
/// prefilter does mostly either way. Every kind finds the same matches.
fn searcher(phrases: &[String]) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(phrases)
        .ok()
}

/// A searcher for `phrases` that is only asked whether a line holds one
/// (`is_match`), never where: whether a line holds a phrase is the same
/// under any match kind, and leftmost-first lets the searcher skip ahead
/// with its vector prefilter, which the standard (overlapping) kind does
/// not. A contiguous NFA, as [`searcher`] has it.
fn presence_searcher<P: AsRef<[u8]>>(phrases: impl IntoIterator<Item = P>) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(phrases)
        .ok()
}

/// Whether `b` is part of a word in a normalised line (or a normalised
/// class name), as the searchers of whole words have it: an ASCII letter
/// or digit, or any byte of a char beyond ASCII.
pub(crate) fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`is_word_byte`] of each byte, looked up rather than worked out: the
/// pitch search asks it of every byte of a line.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < table.len() {
        table[b] = (b as u8).is_ascii_alphanumeric() || b >= 0x80;
        b += 1;
    }
    table
};

/// The first bytes of a set of phrases: a phrase can start at a byte of a
/// line only where the line's next bytes are one of these. Cheaper to ask
/// at each word start of a line than running a searcher over it.
#[derive(Debug, Default)]
struct PhraseHeads {
    /// How many first bytes are kept: eight, or the length of the shortest
    /// phrase. Below two (no phrase, or a phrase of one byte) every line
    /// gets through.
    len: usize,
    /// Whether a phrase starts with each pair of bytes, a bit per pair.
    pairs: Vec<u64>,
    /// The first `len` bytes of each phrase, as a number.
    heads: PhraseSet<u64>,
}

impl PhraseHeads {
    fn new(phrases: &[String]) -> PhraseHeads {
        let len = phrases.iter().map(String::len).min().unwrap_or(0).min(8);
        let mut heads = PhraseHeads {
            len,
            pairs: vec![0; 1 << 10],
            heads: PhraseSet::default(),
        };
        for p in phrases.iter().filter(|_| len >= 2) {
            let pair = PhraseHeads::pair(p.as_bytes()[0], p.as_bytes()[1]);
            heads.pairs[pair >> 6] |= 1 << (pair & 63);
            heads.heads.insert(PhraseHeads::key(&p.as_bytes()[..len]));
        }
        heads
    }

    /// The index of the pair of bytes `a`, `b`.
    fn pair(a: u8, b: u8) -> usize {
        usize::from(a) << 8 | usize::from(b)
    }

    /// `bytes` (at most eight) as a number.
    fn key(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0, |k, &b| k << 8 | u64::from(b))
    }

    /// Whether one of the phrases may start at a byte of `bytes` that
    /// starts the line or follows a byte outside words ([`is_word_byte`]).
    fn may_start_a_word(&self, bytes: &[u8]) -> bool {
        if self.len < 2 {
            return true;
        }
        let mut after_word = false;
        for (at, pair) in bytes.windows(2).enumerate() {
            let pair = PhraseHeads::pair(pair[0], pair[1]);
            if !after_word
                && self.pairs[pair >> 6] & 1 << (pair & 63) != 0
                && self.starts_at(bytes, at)
            {
                return true;
            }
            after_word = is_word_byte(bytes[at]);
        }
        false
    }

    /// Whether the first bytes of a phrase are those at `at` in `bytes`.
    fn starts_at(&self, bytes: &[u8], at: usize) -> bool {
        bytes
            .get(at..at + self.len)
            .is_some_and(|head| self.heads.contains(&PhraseHeads::key(head)))
    }
}

/// One attribution frame: the text before and after the source, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Frame {
    /// Text before the source, including its trailing space if any
    /// (`"according to "`, `"据"`); may be empty.
    pub before: String,
    /// Text after the source, including its leading space if any
    /// (`" reported"`, `"によると"`); may be empty.
    pub after: String,
    /// A verb-first frame ("reports {source}"): its source must be a name or
    /// a domain, never a short lower-case code ("Reports show: ...").
    pub strict: bool,
}

/// Attribution frames and the words around sources, all languages together.
///
/// Frames are indexed so that a line is compared with a handful of them
/// only: by the first word of the text before the source, or, for frames
/// with nothing before the source, by the last word after it.
#[derive(Debug, Default)]
pub struct Attribution {
    /// Frames with words before the source ("according to {source}"), by
    /// their first word.
    pub by_first_word: PhraseMap<String, Vec<Frame>>,
    /// Frames with only words after the source ("{source} reported"), by
    /// their last word.
    pub by_last_word: PhraseMap<String, Vec<Frame>>,
    /// Frames glued to the front of the source ("({source})", "据{source}报道"),
    /// by their first char.
    pub glued_before: PhraseMap<char, Vec<Frame>>,
    /// Frames glued to the end of the source ("{source}によると",
    /// "{source}'e göre"), by their last char.
    pub glued_after: PhraseMap<char, Vec<Frame>>,
    /// Lower-cased words and phrases that are never a source ("he", "officials").
    pub not_sources: PhraseSet<String>,
    /// Lower-cased nouns that may introduce a source ("the agency", "издание").
    pub source_nouns: Vec<String>,
    /// [`Attribution::source_nouns`] by their first byte, in the same
    /// order: a source is compared with the few that can start it.
    nouns_by_first_byte: PhraseMap<u8, Vec<String>>,
    /// Lower-cased articles dropped from the start of a source when comparing.
    pub articles: PhraseSet<String>,
    /// Lower-cased words that never start a source ("ein", "une", "this").
    pub determiners: PhraseSet<String>,
    /// Lower-cased verbs that also label a speaker in a dialogue ("said" in
    /// "Smith said: ...").
    pub dialogue_verbs: PhraseSet<String>,
}

impl Attribution {
    fn parse(files: &[(&str, &str)]) -> Attribution {
        let mut a = Attribution::default();
        let mut seen = PhraseSet::default();
        for (lang, text) in files {
            let mut section = "";
            for (n, raw) in text.lines().enumerate() {
                let line = raw.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    section = match name {
                        "frames" | "verb-first" | "dialogue-verbs" | "not-sources"
                        | "source-nouns" | "articles" | "determiners" => name,
                        _ => panic!("attribution/{lang}.txt:{}: unknown section [{name}]", n + 1),
                    };
                    continue;
                }
                let entry = lower(line);
                match section {
                    "frames" | "verb-first" => {
                        let (before, after) = entry.split_once("{source}").unwrap_or_else(|| {
                            panic!("attribution/{lang}.txt:{}: frame without {{source}}", n + 1)
                        });
                        let frame = Frame {
                            before: before.to_string(),
                            after: after.to_string(),
                            strict: section == "verb-first",
                        };
                        if !seen.insert(frame.clone()) {
                            continue;
                        }
                        if let Some((first, _)) = before.split_once(' ') {
                            a.by_first_word
                                .entry(first.to_string())
                                .or_default()
                                .push(frame);
                        } else if before.is_empty() && after.starts_with(' ') {
                            let last = after.rsplit(' ').next().unwrap_or_default();
                            a.by_last_word
                                .entry(last.to_string())
                                .or_default()
                                .push(frame);
                        } else if let Some(c) = before.chars().next() {
                            a.glued_before.entry(c).or_default().push(frame);
                        } else if let Some(c) = after.chars().last() {
                            a.glued_after.entry(c).or_default().push(frame);
                        }
                    }
                    "not-sources" => {
                        a.not_sources.insert(entry);
                    }
                    "source-nouns" => a.source_nouns.push(format!("{entry} ")),
                    "articles" => {
                        a.articles.insert(entry);
                    }
                    "determiners" => {
                        a.determiners.insert(entry);
                    }
                    "dialogue-verbs" => {
                        a.dialogue_verbs.insert(entry);
                    }
                    _ => panic!("attribution/{lang}.txt:{}: entry before any section", n + 1),
                }
            }
        }
        // Longer frames first, so "as reported by" wins over "as {source} reported".
        let longest_first = |f: &Frame| std::cmp::Reverse(f.before.len() + f.after.len());
        for frames in a
            .by_first_word
            .values_mut()
            .chain(a.by_last_word.values_mut())
            .chain(a.glued_before.values_mut())
            .chain(a.glued_after.values_mut())
        {
            frames.sort_by_key(longest_first);
        }
        a.source_nouns.sort_by_key(|n| std::cmp::Reverse(n.len()));
        for noun in &a.source_nouns {
            a.nouns_by_first_byte
                .entry(noun.as_bytes()[0])
                .or_default()
                .push(noun.clone());
        }
        a
    }

    /// The first of the [`Attribution::source_nouns`] (longest first) that
    /// the lower-cased source `low` starts with and goes on after.
    pub fn source_noun(&self, low: &str) -> Option<&str> {
        let nouns = self.nouns_by_first_byte.get(low.as_bytes().first()?)?;
        nouns
            .iter()
            .find(|noun| low.starts_with(noun.as_str()) && low.len() > noun.len())
            .map(String::as_str)
    }
}

/// The widget lexicon, parsed on first use.
pub fn widgets() -> &'static Widgets {
    static WIDGETS: OnceLock<Widgets> = OnceLock::new();
    WIDGETS.get_or_init(|| Widgets::parse(WIDGET_FILES))
}

/// The attribution lexicon, parsed on first use.
pub fn attribution() -> &'static Attribution {
    static ATTRIBUTION: OnceLock<Attribution> = OnceLock::new();
    ATTRIBUTION.get_or_init(|| Attribution::parse(ATTRIBUTION_FILES))
}

/// Lower-cases `s`, with typographic apostrophes made plain.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        let out = s.to_ascii_lowercase();
        return if out.contains('`') {
            out.replace('`', "'")
        } else {
            out
        };
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_lower(&mut out, c);
    }
    out
}

/// Pushes `c` lower-cased onto `out`, a typographic apostrophe as `'`.
#[inline]
pub fn push_lower(out: &mut String, c: char) {
    match c {
        c if c.is_ascii() && c != '`' => out.push(c.to_ascii_lowercase()),
        c => out.extend(lower_char(c)),
    }
}

/// The chars [`push_lower`] pushes for `c`, without a string to push them
/// onto.
pub fn lower_char(c: char) -> std::char::ToLowercase {
    match c {
        '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => '\''.to_lowercase(),
        c => c.to_lowercase(),
    }
}

/// Whether `c` is a letter or a digit, as [`char::is_alphanumeric`] has it:
/// read from the ranges of [`CharClass::of`] for ASCII and the scripts and
/// punctuation most lines are written in, from the Unicode tables (a
/// binary search) for any other char.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match CharClass::of(c) {
        Some(class) => class != CharClass::Neither,
        None => c.is_alphanumeric(),
    }
}

/// Whether `c` is a letter, as [`char::is_alphabetic`] has it; read as
/// [`is_alphanumeric`] reads it.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match CharClass::of(c) {
        Some(class) => class == CharClass::Letter,
        None => c.is_alphabetic(),
    }
}

/// What a char of a range where all chars are alike is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    /// Alphabetic.
    Letter,
    /// Numeric, not alphabetic.
    Digit,
    /// Neither alphabetic nor numeric.
    Neither,
}

impl CharClass {
    /// The class of `c` if it is ASCII or in one of the ranges below: the
    /// Latin, Cyrillic, kana, CJK and Hangul letters, fullwidth forms, and
    /// the punctuation, arrows and symbols around them. `None` for others.
    #[inline]
    fn of(c: char) -> Option<CharClass> {
        use CharClass::{Digit, Letter, Neither};
        Some(match c {
            'a'..='z' | 'A'..='Z' => Letter,
            '0'..='9' => Digit,
            '\0'..='\u{7f}' => Neither,
            '\u{c0}'..='\u{d6}'
            | '\u{d8}'..='\u{f6}'
            | '\u{f8}'..='\u{2c1}'
            | '\u{400}'..='\u{481}'
            | '\u{48a}'..='\u{52f}'
            | '\u{3041}'..='\u{3096}'
            | '\u{30a1}'..='\u{30fa}'
            | '\u{3400}'..='\u{4dbf}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{ac00}'..='\u{d7a3}'
            | '\u{f900}'..='\u{fa6d}'
            | '\u{ff21}'..='\u{ff3a}'
            | '\u{ff41}'..='\u{ff5a}' => Letter,
            '\u{ff10}'..='\u{ff19}' => Digit,
            '\u{80}'..='\u{a9}'
            | '\u{ab}'..='\u{b1}'
            | '\u{b4}'
            | '\u{b6}'..='\u{b8}'
            | '\u{bb}'
            | '\u{bf}'
            | '\u{d7}'
            | '\u{f7}'
            | '\u{2000}'..='\u{206f}'
            | '\u{2190}'..='\u{23ff}'
            | '\u{3000}'..='\u{3004}'
            | '\u{3008}'..='\u{3020}'
            | '\u{ff01}'..='\u{ff0f}'
            | '\u{ff1a}'..='\u{ff20}' => Neither,
            _ => return None,
        })
    }
}

/// Characters stripped from both ends of a line before lookup: bullets,
/// arrows, dashes, colons, ellipses, stars (as in "Name *").
fn is_edge_junk(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '–'
                | '—'
                | '•'
                | '·'
                | '*'
                | '»'
                | '«'
                | '›'
                | '‹'
                | '→'
                | '←'
                | '▶'
                | '►'
                | '▸'
                | '|'
                | ':'
                | '.'
                | '!'
                | '?'
                | '¿'
                | '¡'
                | '…'
                | '>'
                | '#'
                | '+'
                | '='
                | '_'
                | '"'
                | '['
                | ']'
        )
}

/// The normal form a line is looked up in: edge punctuation stripped,
/// lower-cased, digit runs replaced by `#`, whitespace runs made one space.
/// `None` for lines too long to be a widget phrase or with nothing left.
pub fn normalize(line: &str) -> Option<String> {
    let core = normal_core(line)?;
    // Allocated at its size at once: a reserve on an empty string takes
    // the slower path of growing one.
    let mut out = String::with_capacity(core.len());
    push_normal_core(core, &mut out);
    Some(out)
}

/// The part of `line` its normal form is made of, without the edge
/// punctuation; `None` when the line is too long or nothing is left.
fn normal_core(line: &str) -> Option<&str> {
    if line.len() > MAX_PHRASE_BYTES {
        return None;
    }
    Some(line.trim_matches(is_edge_junk)).filter(|core| !core.is_empty())
}

/// Appends the normal form of `core` ([`normal_core`]) to `out`.
fn push_normal_core(core: &str, out: &mut String) {
    if core.is_ascii() {
        normalize_ascii(core, out);
    } else {
        normalize_mixed(core, out);
    }
}

/// [`push_normal_core`] of `core`, which holds non-ASCII text, a char at a
/// time: the chars most lines hold (ASCII, basic Cyrillic, kana, CJK,
/// Hangul) are lower-cased by [`simple_lower`] without the Unicode tables.
fn normalize_mixed(core: &str, out: &mut String) {
    let mut runs = Runs::default();
    // Where the run of chars that are their own normal form, not yet
    // copied to `out`, starts: such runs are copied whole.
    let mut copy_from = 0;
    for (i, c) in core.char_indices() {
        let (digit, space) = (c.is_ascii_digit(), c.is_whitespace());
        let low = simple_lower(c);
        if !digit && !space && low == Some(c) {
            // The run is closed by the char that breaks it, below.
            runs = Runs::default();
            continue;
        }
        out.push_str(&core[copy_from..i]);
        copy_from = i + c.len_utf8();
        if runs.collapse(out, digit, space) {
            continue;
        }
        match low {
            Some(low) => out.push(low),
            None => push_lower(out, c),
        }
    }
    out.push_str(&core[copy_from..]);
}

/// `c` as [`push_lower`] lower-cases it, when that is one char known
/// without the Unicode case tables: ASCII but for the backtick, the basic
/// Cyrillic letters, and kana, CJK, Hangul and U+FFFD, which have no case.
/// `None` for any other char.
#[inline]
fn simple_lower(c: char) -> Option<char> {
    match c {
        '`' => None,
        'A'..='Z' | '\u{410}'..='\u{42F}' => char::from_u32(c as u32 + 0x20),
        '\u{400}'..='\u{40F}' => char::from_u32(c as u32 + 0x50),
        '\0'..='\u{7F}'
        | '\u{430}'..='\u{45F}'
        | '\u{3040}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{FFFD}' => Some(c),
        _ => None,
    }
}

/// [`push_normal_core`] of the ASCII text `core`, a run of bytes at a time
/// rather than a byte: a digit run becomes `#`, a whitespace run one space,
/// a backtick (the one typographic apostrophe in ASCII) `'`, and any other
/// run (words and the single spaces between them, see [`plain_end`]) is
/// copied, then lower-cased in place.
fn normalize_ascii(core: &str, out: &mut String) {
    let bytes = core.as_bytes();
    let start = out.len();
    let mut i = 0;
    while i < bytes.len() {
        // Where the run of bytes of `class` from `i` ends.
        let run_end = |class: fn(&u8) -> bool| {
            bytes[i..]
                .iter()
                .position(|b| !class(b))
                .map_or(bytes.len(), |n| i + n)
        };
        i = match bytes[i] {
            b'0'..=b'9' => {
                out.push('#');
                run_end(u8::is_ascii_digit)
            }
            b' ' | b'\t'..=b'\r' => {
                out.push(' ');
                run_end(is_ascii_space)
            }
            b'`' => {
                out.push('\'');
                i + 1
            }
            _ => {
                let end = plain_end(bytes, i);
                out.push_str(&core[i..end]);
                end
            }
        };
    }
    out[start..].make_ascii_lowercase();
}

/// Where the run of bytes from `at` that [`normalize_ascii`] copies as
/// they are ends: at the first byte that [`ends_plain`]. Single spaces
/// between words are copied with them, so that most lines are copied in a
/// few runs.
fn plain_end(bytes: &[u8], at: usize) -> usize {
    let mut end = at;
    // Sixteen bytes at once (and the one after, for a space pair) while
    // none of them ends the run.
    while let Some(block) = bytes.get(end..end + 17) {
        let block: &[u8; 17] = block.try_into().expect("seventeen bytes");
        // Read whole, with no early exit, so that it runs on all sixteen
        // bytes at once.
        let stops = block[..16]
            .iter()
            .zip(&block[1..])
            .fold(false, |stop, (b, next)| stop | ends_plain(*b, *next));
        if stops {
            break;
        }
        end += 16;
    }
    while end < bytes.len() && !ends_plain(bytes[end], bytes.get(end + 1).copied().unwrap_or(b'x'))
    {
        end += 1;
    }
    end
}

/// Whether [`normalize_ascii`] changes the byte `b` before `next` other
/// than by lower-casing it: a digit, a backtick, whitespace other than a
/// space, or a space before more whitespace.
fn ends_plain(b: u8, next: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'`' | b'\t'..=b'\r') | ((b == b' ') & is_ascii_space(&next))
}

/// Where the ASCII char `b` stands in `s`, in order: what
/// `s.match_indices(b)` gives, found by [`memchr`] rather than by the
/// standard char searcher, which costs more to set up than most lines
/// and words take to read. An ASCII byte never stands inside another char.
pub fn byte_offsets(s: &str, b: u8) -> memchr::Memchr<'_> {
    memchr::memchr_iter(b, s.as_bytes())
}

/// The pieces of `s` between the ASCII char `b`: `s.split(b)`, found as
/// [`byte_offsets`] finds them.
pub fn split_at_byte(s: &str, b: u8) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    byte_offsets(s, b).map(Some).chain([None]).map(move |at| {
        let end = at.unwrap_or(s.len());
        let piece = &s[start..end];
        start = end + 1;
        piece
    })
}

/// `s` up to the first ASCII char `b`, and after it: `s.split_once(b)`,
/// found as [`byte_offsets`] finds it.
pub fn split_once_at(s: &str, b: u8) -> Option<(&str, &str)> {
    let at = memchr::memchr(b, s.as_bytes())?;
    Some((&s[..at], &s[at + 1..]))
}

/// The first of the pieces of `s` between spaces: `s.split(' ').next()`.
pub fn first_word(s: &str) -> &str {
    memchr::memchr(b' ', s.as_bytes()).map_or(s, |at| &s[..at])
}

/// The last of the pieces of `s` between spaces: `s.rsplit(' ').next()`.
pub fn last_word(s: &str) -> &str {
    memchr::memrchr(b' ', s.as_bytes()).map_or(s, |at| &s[at + 1..])
}

/// Whitespace in ASCII, as `char::is_whitespace` has it: TAB to CR, and
/// the space (`u8::is_ascii_whitespace` leaves out the vertical tab).
pub(crate) fn is_ascii_space(b: &u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The runs [`push_normal_core`] collapses: digits to one `#`, whitespace to
/// one space.
#[derive(Default)]
struct Runs {
    in_digits: bool,
    in_space: bool,
}

impl Runs {
    /// Pushes what a digit or whitespace character adds to `out` and says
    /// it was one; any other character ends both runs and is the caller's
    /// to push.
    fn collapse(&mut self, out: &mut String, digit: bool, space: bool) -> bool {
        let (was_digit, was_space) = (self.in_digits, self.in_space);
        (self.in_digits, self.in_space) = (digit, space);
        if digit && !was_digit {
            out.push('#');
        } else if space && !digit && !was_space {
            out.push(' ');
        }
        digit || space
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_marker_words` on a few inputs.
    #[test]
    fn example_is_marker_words() {
        use crate::clean::lexicon::widgets;
        assert!(widgets().is_marker_words("story continues after the ad"));
        assert!(!widgets().is_marker_words("the ad business"));
    }

    /// `has_word_start` on a few inputs.
    #[test]
    fn example_has_word_start() {
        use crate::clean::lexicon::{widgets, Widget};
        assert!(widgets().has_word_start(Widget::Calls, "leave your comments below", false));
        assert!(!widgets().has_word_start(Widget::ReadingTime, "# ministers", true));
    }

    /// `normalize` on a few inputs.
    #[test]
    fn example_normalize() {
        use crate::clean::lexicon::normalize;
        assert_eq!(normalize("  27 Comments ").as_deref(), Some("# comments"));
        assert_eq!(normalize("Comments (3)").as_deref(), Some("comments (#)"));
        assert_eq!(
            normalize("- ADVERTISEMENT -").as_deref(),
            Some("advertisement")
        );
        assert_eq!(normalize("Name *").as_deref(), Some("name"));
    }

    #[test]
    fn lexicons_parse_and_hold_each_language() {
        let w = widgets();
        assert!(w.kinds("advertisement").has(Widget::Inline));
        assert!(w.kinds("anzeige").has(Widget::Inline));
        assert!(w.kinds("# comments").has(Widget::Comments));
        assert!(w.kinds("more from the daily ledger").has(Widget::Related));
        assert!(!w.kinds("more").has(Widget::Related));
        let a = attribution();
        assert!(a.by_first_word["according"]
            .iter()
            .any(|f| f.before == "according to "));
        assert!(a.by_last_word["reported"]
            .iter()
            .any(|f| f.after == " reported"));
        assert!(a.glued_after[&'と'].iter().any(|f| f.after == "によると"));
        assert_eq!(a.glued_before[&'('].len(), 1);
        assert!(a.not_sources.contains("he"));
    }

    /// The normal form of `core` a char at a time through [`push_lower`],
    /// as [`push_normal_core`] once built every one.
    fn by_chars(core: &str) -> String {
        let mut out = String::new();
        let mut runs = Runs::default();
        for c in core.chars() {
            if !runs.collapse(&mut out, c.is_ascii_digit(), c.is_whitespace()) {
                push_lower(&mut out, c);
            }
        }
        out
    }

    /// [`normalize`] as it was first written: an empty string reserved to
    /// the core's length, then filled.
    fn normalize_by_reserve(line: &str) -> Option<String> {
        if line.len() > MAX_PHRASE_BYTES {
            return None;
        }
        let core = line.trim_matches(is_edge_junk);
        if core.is_empty() {
            return None;
        }
        let mut out = String::new();
        out.reserve(core.len());
        if core.is_ascii() {
            normalize_ascii(core, &mut out);
        } else {
            normalize_mixed(core, &mut out);
        }
        Some(out)
    }

    #[test]
    fn normal_forms_are_those_of_a_reserved_string() {
        let long = |n: usize| "a".repeat(n);
        for line in [
            "",
            " - ",
            "•",
            "  27 Comments ",
            "- Комментарии 27 -",
            "新华社\u{3000}東京",
            &long(MAX_PHRASE_BYTES),
            &long(MAX_PHRASE_BYTES + 1),
            &format!("-{}", long(MAX_PHRASE_BYTES - 1)),
        ] {
            assert_eq!(normalize(line), normalize_by_reserve(line), "{line:?}");
        }
    }

    proptest::proptest! {
        /// Lines of edge junk, digits, spaces and letters, some around
        /// the length past which there is no normal form.
        #[test]
        fn any_normal_form_is_that_of_a_reserved_string(
            line in "[-–•* \t\u{a0}a-zA-Z0-9Жё新]{0,20}",
            pad in proptest::prop_oneof![0usize..4, (MAX_PHRASE_BYTES - 22)..=MAX_PHRASE_BYTES],
        ) {
            let line = format!("{}{line}", "x".repeat(pad));
            proptest::prop_assert_eq!(normalize(&line), normalize_by_reserve(&line));
        }
    }

    #[test]
    fn simple_lower_agrees_with_push_lower_on_every_char() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if let Some(low) = simple_lower(c) {
                let mut slow = String::new();
                push_lower(&mut slow, c);
                assert_eq!(slow, low.to_string(), "{c:?} U+{:04X}", c as u32);
            }
        }
        // The fast ranges are taken, not left to the tables.
        for c in ['Q', 'q', 'Ж', 'ж', 'Ё', 'ё', 'の', '中', '한', '\u{FFFD}'] {
            assert!(simple_lower(c).is_some(), "{c:?}");
        }
        assert_eq!(simple_lower('`'), None);
    }

    #[test]
    fn mixed_lines_normalise_as_a_char_at_a_time() {
        for core in [
            "Комментарии 27",
            "Ё Ѐ Џ Ѡ Ґ ΣΟΦΙΑ İstanbul ǅ",
            "新华社\u{3000} 東京 12　3 `x` Don´t",
            "a\u{a0} \u{a0}b 4\u{2009}5 \u{FFFD}",
            "Straße ＡＢＣ ⅫⅡ Ⓐ",
        ] {
            assert_normalises_as_by_chars(normalize_mixed, core);
        }
    }

    /// That `normalize` appends `core` to a line as [`by_chars`] reads it.
    fn assert_normalises_as_by_chars(normalize: fn(&str, &mut String), core: &str) {
        let mut out = String::from("kept ");
        normalize(core, &mut out);
        assert_eq!(out, format!("kept {}", by_chars(core)), "{core:?}");
    }

    proptest::proptest! {
        #[test]
        fn any_line_normalises_as_a_char_at_a_time(core in "[a-zA-Z0-9 `\u{a0}\u{3000}АЯаяЀЏѐџѠΣİ中のㄱ가\u{FFFD}ß´’-]{1,40}") {
            let mut out = String::new();
            normalize_mixed(&core, &mut out);
            proptest::prop_assert_eq!(out, by_chars(&core));
        }

        #[test]
        fn any_ascii_line_normalises_as_a_char_at_a_time(core in "[ -~\t\n\x0b\x0c\r\x1c]{1,80}") {
            let mut out = String::from("kept ");
            normalize_ascii(&core, &mut out);
            proptest::prop_assert_eq!(out, format!("kept {}", by_chars(&core)));
        }
    }

    #[test]
    fn ascii_lines_normalise_as_a_char_at_a_time() {
        for core in [
            "27 Comments",
            "It`s 10:30 on 12.03.2024",
            "a \t\n b``c  12 34x5",
            "Read MORE: Why 3D printers fail",
            "x",
            "9",
            // Runs longer than the sixteen bytes `plain_end` reads at once,
            // broken at each place a run can be.
            "The Senate Passed The Spending Bill Late On Friday Night",
            "The Senate passed the spending bill  late on Friday\tnight",
            "The Senate passed the spending bill 2 late on Friday` night",
            "The Senate passed the spending bil \r\n",
            "The Senate passed the spending bi  ",
        ] {
            assert_normalises_as_by_chars(normalize_ascii, core);
        }
    }

    #[test]
    fn word_bytes_are_looked_up_as_worked_out() {
        for b in 0..=u8::MAX {
            assert_eq!(
                is_word_byte(b),
                b.is_ascii_alphanumeric() || b >= 0x80,
                "{b:#x}"
            );
        }
    }

    /// Lines with and without each phrase, for the presence searchers.
    fn lines_around(phrases: &[String]) -> Vec<String> {
        let mut lines = vec![
            String::new(),
            "the pact holds".to_string(),
            "copyright # the daily ledger".to_string(),
        ];
        for p in phrases {
            lines.push(p.clone());
            lines.push(format!("# {p} x"));
            lines.push(format!("x{p}"));
            // Cut short, and a phrase inside another's prefix.
            lines.push(p[..p.len() - p.chars().next_back().map_or(0, char::len_utf8)].to_string());
            lines.push(format!("{} {p}", &p[..p.find(' ').unwrap_or(p.len())]));
        }
        lines
    }

    /// The matches, overlapping ones too, of `ac` in `line`.
    fn overlapping(ac: &AhoCorasick, line: &str) -> Vec<(usize, usize, usize)> {
        ac.find_overlapping_iter(line)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect()
    }

    /// Each section [`searcher`] is built for, with the searcher built.
    fn searchers() -> [(Widget, &'static AhoCorasick); 6] {
        let built = |ac: &'static Option<AhoCorasick>| ac.as_ref().expect("a searcher");
        let w = widgets();
        [
            (Widget::Stems, built(&w.stems)),
            (Widget::Pitch, built(&w.pitches)),
            (Widget::Calls, built(&w.calls)),
            (Widget::NavStems, built(&w.nav_stems)),
            (Widget::ReadingTime, built(&w.reading)),
            (Widget::ReadStems, built(&w.read_stems)),
        ]
    }

    /// That each contiguous-NFA searcher finds in `line` the matches the
    /// searcher the builder picks itself (a DFA for most sections) finds.
    fn assert_searchers_match_the_standard_ones(standard: &[AhoCorasick], line: &str) {
        for ((w, ac), standard) in searchers().into_iter().zip(standard) {
            assert_eq!(ac.kind(), AhoCorasickKind::ContiguousNFA);
            assert_eq!(
                overlapping(ac, line),
                overlapping(standard, line),
                "{w:?} {line:?}"
            );
        }
    }

    /// The searchers the builder picks for the sections of [`searchers`].
    fn standard_searchers() -> Vec<AhoCorasick> {
        let w = widgets();
        searchers()
            .iter()
            .map(|(section, _)| AhoCorasick::new(w.phrases(*section)).unwrap())
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn numbers_are_written_as_by_replacing_every_placeholder(key in "(\\{n\\}|[a-z #{}n]){0,8}") {
            proptest::prop_assert_eq!(numbered(key.clone()), key.replace("{n}", "#"));
        }
    }

    #[test]
    fn frames_listed_in_several_files_are_filed_once() {
        let a = attribution();
        let lists = a
            .by_first_word
            .values()
            .chain(a.by_last_word.values())
            .chain(a.glued_before.values())
            .chain(a.glued_after.values());
        let mut filed = 0;
        let mut distinct = HashSet::new();
        for frame in lists.flatten() {
            filed += 1;
            distinct.insert(frame);
        }
        assert_eq!(filed, distinct.len());
    }

    #[test]
    fn numbered_phrases_are_written_as_by_replacing_every_placeholder() {
        for key in [
            "# comments",
            "{n} comments",
            "vor {n} tagen",
            "{n}{n}",
            "{x} {n",
            "plain",
        ] {
            assert_eq!(numbered(key.to_string()), key.replace("{n}", "#"), "{key}");
        }
    }

    #[test]
    fn searchers_find_what_the_standard_searcher_finds() {
        let w = widgets();
        let standard = standard_searchers();
        for (section, _) in searchers() {
            for line in lines_around(w.phrases(section)) {
                assert_searchers_match_the_standard_ones(&standard, &line);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_line_of_phrase_parts_is_searched_as_by_the_standard_searcher(
            picks in proptest::collection::vec((0usize..6, 0usize..400, 0usize..12, "[ a-z#'ä中-]{0,3}"), 1..6)
        ) {
            let w = widgets();
            // Pieces of phrases of any section, cut anywhere, and glue.
            let mut line = String::new();
            for (section, phrase, cut, glue) in picks {
                let phrases = w.phrases(searchers()[section].0);
                let p = &phrases[phrase % phrases.len()];
                let cut = (0..=cut.min(p.len())).rev().find(|&c| p.is_char_boundary(c)).unwrap_or(0);
                let (head, tail) = p.split_at(cut);
                line.push_str(if phrase % 2 == 0 { p } else { head });
                line.push_str(&glue);
                line.push_str(tail);
            }
            assert_searchers_match_the_standard_ones(&standard_searchers(), &line);
        }
    }

    #[test]
    fn presence_searchers_find_what_the_standard_searcher_finds() {
        let w = widgets();
        let rights: Vec<String> = w.sections[Widget::Copyright as usize]
            .iter()
            .filter(|p| p.contains(' '))
            .cloned()
            .collect();
        let standard = AhoCorasick::new(&rights).unwrap();
        for line in lines_around(&rights) {
            assert_eq!(
                w.has_rights_phrase(&line),
                standard.is_match(&line),
                "{line:?}"
            );
        }
        let relative = &w.sections[Widget::RelativeTime as usize];
        let inside: Vec<String> = relative
            .iter()
            .filter(|p| !(!p.contains(' ') && (p.is_ascii() || p.chars().count() > 1)))
            .cloned()
            .collect();
        let standard = AhoCorasick::new(&inside).unwrap();
        let presence = w.relative_inside.as_ref().unwrap();
        for line in lines_around(relative) {
            assert_eq!(
                presence.is_match(&line),
                standard.is_match(&line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn every_char_is_a_letter_or_digit_as_the_unicode_tables_say() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    /// That the byte searches agree with the standard char searches in `s`.
    fn assert_byte_searches_find_what_char_searches_find(s: &str) {
        for b in [b' ', b':'] {
            let c = char::from(b);
            let std: Vec<usize> = s.match_indices(c).map(|(i, _)| i).collect();
            assert_eq!(byte_offsets(s, b).collect::<Vec<_>>(), std, "{s:?}");
            assert_eq!(split_once_at(s, b), s.split_once(c), "{s:?}");
        }
        for b in [b' ', b':'] {
            let c = char::from(b);
            assert_eq!(
                split_at_byte(s, b).collect::<Vec<_>>(),
                s.split(c).collect::<Vec<_>>(),
                "{s:?}"
            );
        }
        assert_eq!(Some(first_word(s)), s.split(' ').next(), "{s:?}");
        assert_eq!(Some(last_word(s)), s.rsplit(' ').next(), "{s:?}");
    }

    #[test]
    fn byte_searches_find_what_char_searches_find() {
        for s in [
            "",
            " ",
            "one",
            "one two",
            " lead",
            "trail ",
            "a  b",
            "tags: a, b",
            "新华社 记者: x",
            "é:é é",
        ] {
            assert_byte_searches_find_what_char_searches_find(s);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_line_is_searched_by_bytes_as_by_chars(s in "[ :a-zé中\u{a0}\u{3000}]{0,40}") {
            assert_byte_searches_find_what_char_searches_find(&s);
        }
    }

    #[test]
    fn lower_cases_ascii_and_other_text_alike() {
        for s in ["It`s ABC", "D’après Le Figaro", "Don´t ÜBER `x`", "plain"] {
            let mut slow = String::new();
            s.chars().for_each(|c| push_lower(&mut slow, c));
            assert_eq!(lower(s), slow, "{s}");
        }
    }

    #[test]
    fn prefix_phrases_need_more_words() {
        let w = widgets();
        assert!(w.kinds("written by sara lindqvist").has(Widget::Author));
        assert!(!w.kinds("written by").has(Widget::Author));
    }

    /// [`Widgets::kinds_beyond`] without its early stop.
    fn kinds_beyond_unfiltered(w: &Widgets, norm: &str) -> Kinds {
        let mut kinds = Kinds::NONE;
        for (words, (i, _)) in norm.match_indices(' ').enumerate() {
            if words >= w.longest_prefix {
                break;
            }
            if let Some(k) = w.prefixes.get(norm[..i].trim_end_matches(PREFIX_HEAD_END)) {
                kinds = kinds.union(*k);
            }
        }
        kinds
    }

    #[test]
    fn the_early_stop_misses_no_prefix_phrase() {
        let w = widgets();
        let mut lines = vec![String::from("tagged: x"), String::from("tagged")];
        for key in w.prefixes.keys() {
            let (first, rest) = key.split_once(' ').unwrap_or((key, ""));
            for end in ["", ".", ":", "!?"] {
                lines.push(format!("{key}{end} more words"));
                lines.push(format!("{first}{end} {rest} x"));
                lines.push(format!("{first}{end}"));
            }
            lines.push(format!("x {key} y"));
            for (space, _) in key.match_indices(' ') {
                lines.push(format!("{}. {} x", &key[..space], &key[space + 1..]));
                lines.push(format!("{} x", &key[..space]));
            }
        }
        for line in &lines {
            assert_eq!(
                w.kinds_beyond(Kinds::NONE, line),
                kinds_beyond_unfiltered(w, line),
                "{line}"
            );
        }
    }

    #[test]
    fn pitches_are_found_as_by_searching_every_line() {
        let w = widgets();
        let mut lines = vec![
            String::from("the council met on tuesday"),
            String::from("x"),
            String::from("#"),
            String::from("über"),
        ];
        for phrase in w.phrases(Widget::Pitch) {
            let cut = phrase.len() / 2;
            let cut = (cut..=phrase.len())
                .find(|&i| phrase.is_char_boundary(i))
                .unwrap_or(0);
            lines.extend([
                phrase.clone(),
                format!("please {phrase} today"),
                format!("x-{phrase}!"),
                format!("x{phrase}"),
                format!("{phrase}s"),
                format!("é{phrase}"),
                format!("now ({phrase})"),
                phrase[..cut].to_string(),
                format!("{} {}", &phrase[..cut], &phrase[cut..]),
            ]);
        }
        let mut found = 0;
        for line in &lines {
            let searched = w.has_pitch_searched(line);
            assert_eq!(w.has_pitch(line), searched, "{line}");
            found += usize::from(searched);
        }
        // The lines hold pitches and lines that only look like them.
        assert!(found > 0 && found < lines.len());
    }

    #[test]
    fn source_nouns_are_found_as_by_a_scan_of_them_all() {
        let a = attribution();
        let scan = |low: &str| {
            a.source_nouns
                .iter()
                .find(|n| low.starts_with(n.as_str()) && low.len() > n.len())
                .map(String::as_str)
        };
        for noun in &a.source_nouns {
            for low in [noun.clone(), format!("{noun}x"), format!("{noun}reuters")] {
                assert_eq!(a.source_noun(&low), scan(&low), "{low}");
            }
        }
        assert_eq!(a.source_noun(""), None);
    }
}
