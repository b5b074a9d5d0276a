//! Budget guard run before parsing: an HTML string in, the string the parser
//! may safely be given (or plain visible text) out.
//!
//! html5ever's tree building is quadratic in nesting depth: a page of 100,000
//! nested `<div>`s takes minutes. [`guard`] tokenizes the page once, linearly,
//! and keeps a model of the parser's stack of open elements (with the implied
//! end tags that matter for depth: `<p>` closed by blocks, `<li>`, `<dd>`,
//! `<dt>`, table rows and cells, headings, `<a>`). A start tag that would open
//! an element deeper than [`Budgets::max_depth`] is dropped together with its
//! end tag; the text inside is kept, and a dropped block-level tag becomes a
//! `<br>` so that its text still starts on a line of its own.
//!
//! The model is approximate (it ignores the elements html5ever adds on its
//! own, such as `<tbody>`, and some misnesting repairs), so the parsed tree
//! may be a few levels deeper than the budget; it never undercounts the
//! nesting of ordinary markup by more than that.
//!
//! A page with more nodes than [`Budgets::max_nodes`] is not parsed at all:
//! [`Guarded::Text`] gives its visible text, one line per block-level element,
//! for text-mode block building. Comments, raw text (`<script>`, `<style>`,
//! `<textarea>`...), quoted attributes holding `>`, void elements and
//! self-closing syntax are tokenized as the HTML standard says.
//!
//! A page that stays within the budgets is returned unchanged (borrowed).
//!
//! [`parse`] does not run this scan on most pages: [`parse_within`] parses
//! the page (read as the pre-pass would leave it, without its copy) while
//! checking the budgets on the real tree as it is built, and only
//! a page it stops (deep, wide or odd; 7 of 2,753 dev pages) is scanned and
//! parsed again. Since the model may count deeper than the parser nests,
//! a page it would flatten can still be parsed whole this way, within the
//! budgets.

use super::prepass;
use super::tokenize::{self, Budget, Fallback, Reading};
use super::tree::{Document, Sink};
use crate::block::Block;
use crate::config::Budgets;
use html5ever::tokenizer::{Tag, TagKind};
use html5ever::tree_builder::{TreeBuilder, TreeSink};
use html5ever::{local_name, LocalName};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// What the parser is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guarded<'a> {
    /// HTML whose nesting is within the depth budget.
    Html(Cow<'a, str>),
    /// The page has more nodes than the budget allows: its visible text, one
    /// line per block-level element.
    Text(String),
}

/// Applies the depth and node budgets to `html` (see the module docs).
///
/// ```
/// use thresh::internals::guard::{guard, Guarded};
/// let deep = "<div>".repeat(10_000) + "deep text";
/// match guard(&deep, &thresh::Budgets::default()) {
///     Guarded::Html(html) => assert!(html.len() < 300 * 5 + 20 && html.ends_with("deep text")),
///     Guarded::Text(_) => unreachable!(),
/// }
/// ```
pub fn guard<'a>(html: &'a str, budgets: &Budgets) -> Guarded<'a> {
    let mut flattener = Flattener::new(html, budgets);
    let nodes = flattener.run();
    if nodes > budgets.max_nodes {
        return Guarded::Text(visible_text(html));
    }
    Guarded::Html(flattener.finish())
}

/// Parses `html` within the budgets: the document, or, when the page has
/// more nodes than [`Budgets::max_nodes`], its visible text as text-mode
/// blocks (one per line). Tried first with [`parse_within`]; a page it
/// stops goes through [`guard`]. With [`Reading::Blanked`], the page is
/// parsed as [`prepass::strip`] leaves it.
pub fn parse(html: &str, budgets: &Budgets, reading: Reading) -> Result<Document, Vec<Block>> {
    if few_tags(html, budgets) {
        if let Ok(doc) = parse_within(html, budgets, reading) {
            return Ok(doc);
        }
    } else if reading != Reading::Whole {
        // A page of many tags may have few once blanked.
        return parse(&prepass::strip(html, budgets), budgets, Reading::Whole);
    }
    let html = match reading {
        Reading::Whole => Cow::Borrowed(html),
        Reading::Blanked { .. } => prepass::strip(html, budgets),
    };
    match guard(&html, budgets) {
        Guarded::Html(html) => Ok(Document::parse(&html)),
        Guarded::Text(text) => Err(crate::input::text::blocks(&text)),
    }
}

/// Whether `html` has fewer nodes than [`Budgets::max_nodes`] for sure: at
/// most two per `<` (the tag and the text before it). Parsed within the
/// other budgets as it goes, such a page needs no scan of its own. Pages
/// shorter than that many `<` are not counted.
fn few_tags(html: &str, budgets: &Budgets) -> bool {
    let most = budgets.max_nodes / 2;
    html.len() < most || memchr::memchr_iter(b'<', html.as_bytes()).count() < most
}

/// Parses `html` with thresh's tokenizer ([`Document::parse_tokenized`]),
/// stopped with [`Fallback::OverBudget`] as soon as the page may be past
/// `budgets`: a start tag with more than half of
/// [`Budgets::max_attributes`], more formatting elements open than
/// [`Budgets::max_formatting`] (bounded from above by `FormattingBound`),
/// or a tree grown past the budgets as it is built (nesting, node count,
/// the tree builder's work: see `Sink::grown_past`). A page it parses whole
/// is within the budgets the guard enforces, so the guard's own scan of
/// the page is skipped. The guard's model can count deeper than the parser
/// nests (a `<select>` that closes an open one, tags that break out of
/// `<svg>`), so a page the guard would have flattened may be parsed whole
/// here: it keeps its own tree, which is within the budgets.
pub fn parse_within(html: &str, budgets: &Budgets, reading: Reading) -> Result<Document, Fallback> {
    let builder = TreeBuilder::new(Sink::for_page(html.len()), Default::default());
    let formatting = RefCell::new(FormattingBound::default());
    let over = |tag: &Tag, pos: usize| {
        formatting
            .borrow_mut()
            .over(tag, budgets.max_formatting.max(1))
            || builder.sink.grown_past(pos, budgets)
    };
    let budget = Budget {
        max_attributes: budgets.max_attributes / 2,
        over: &over,
    };
    tokenize::feed(html, &builder, &budget, reading)?;
    Ok(builder.sink.finish())
}

/// An upper bound on the number of active formatting elements the guard's
/// model counts ([`Flattener::admit_formatting`]), kept from the tags
/// alone: a formatting start tag adds one; its end tag (or, for `<a>`, the
/// next `<a>`) takes one off only when the guard's model surely does: the
/// matching start tag came after every marker start tag (`<td>`,
/// `<caption>`...) and no `<svg>` or `<math>` is open.
#[derive(Default)]
struct FormattingBound {
    /// Per formatting element name, the numbers of its start tags not yet
    /// matched.
    unmatched: Vec<(LocalName, Vec<u32>)>,
    /// The start tags in `unmatched`, of all names: the bound.
    count: usize,
    /// Number of the tag seen last.
    seq: u32,
    /// Number of the last marker start tag.
    last_marker: u32,
    /// `<svg>` and `<math>` start tags not yet matched by an end tag.
    foreign: usize,
}

impl FormattingBound {
    /// Takes in `tag`; returns whether it is a formatting start tag the
    /// guard might drop, with `max` or more open already.
    fn over(&mut self, tag: &Tag, max: usize) -> bool {
        let cats = categories(tag.name.as_bytes());
        let start = tag.kind == TagKind::StartTag;
        self.seq += 1;
        if cats & cat::FOREIGN != 0 {
            self.foreign = if start {
                self.foreign + 1
            } else {
                self.foreign.saturating_sub(1)
            };
        }
        if start && cats & cat::MARKER != 0 {
            self.last_marker = self.seq;
        }
        if cats & cat::FORMATTING == 0 {
            return false;
        }
        let at = match self.unmatched.iter().position(|(n, _)| *n == tag.name) {
            Some(at) => at,
            None => {
                self.unmatched.push((tag.name.clone(), Vec::new()));
                self.unmatched.len() - 1
            }
        };
        let unmatched = &mut self.unmatched[at].1;
        let closes = !start || tag.name == local_name!("a");
        if closes && self.foreign == 0 && unmatched.last().is_some_and(|&s| s > self.last_marker) {
            unmatched.pop();
            self.count -= 1;
        }
        if !start {
            return false;
        }
        unmatched.push(self.seq);
        self.count += 1;
        self.count > max
    }
}

// ---------------------------------------------------------------------------
// Tokenizer

/// An element name: a hash of its ASCII-lowercased form, and the lowercased
/// bytes when short enough to be one of the names the model knows.
#[derive(Clone, Copy)]
struct Name {
    hash: u64,
    lower: [u8; 16],
    len: usize,
}

/// FNV-1a of the ASCII-lowercased `name`.
const fn hash(name: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < name.len() {
        hash = (hash ^ name[i].to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

const P: u64 = hash(b"p");
const LI: u64 = hash(b"li");
const DD: u64 = hash(b"dd");
const DT: u64 = hash(b"dt");
const TD: u64 = hash(b"td");
const TH: u64 = hash(b"th");
const TR: u64 = hash(b"tr");
const TABLE: u64 = hash(b"table");
const OPTION: u64 = hash(b"option");

impl Name {
    fn new(raw: &[u8]) -> Name {
        let mut lower = [0u8; 16];
        for (slot, &b) in lower.iter_mut().zip(raw) {
            *slot = b.to_ascii_lowercase();
        }
        let hash = hash(raw);
        Name {
            hash,
            lower,
            len: raw.len(),
        }
    }

    /// The lowercased name, or `""` for names longer than any known one.
    fn known(&self) -> &[u8] {
        if self.len <= 16 {
            &self.lower[..self.len]
        } else {
            b""
        }
    }
}

#[derive(Clone, Copy)]
enum Token {
    /// Text, or markup the parser treats as text.
    Text,
    /// A start tag; `self_closing` when it ends in `/>`; `cut` is where its
    /// attributes past the budget start, when it has too many.
    Start {
        name: Name,
        self_closing: bool,
        cut: Option<usize>,
    },
    /// An end tag.
    End { name: Name },
    /// A comment, doctype, processing instruction or unfinished tag.
    Other,
}

/// Splits HTML into tokens, tracking raw-text elements.
struct Tokenizer<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Inside a raw-text element (`<script>`...): its name; `None` for
    /// `<plaintext>`, which runs to the end.
    raw: Option<Option<&'static [u8]>>,
    /// Most attributes a start tag keeps (see [`Budgets::max_attributes`]).
    max_attributes: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl<'a> Tokenizer<'a> {
    fn new(html: &'a str, max_attributes: usize) -> Tokenizer<'a> {
        Tokenizer {
            bytes: html.as_bytes(),
            pos: 0,
            raw: None,
            max_attributes,
        }
    }

    /// The next token and its byte range.
    fn next(&mut self, foreign: bool) -> Option<(Token, usize, usize)> {
        let start = self.pos;
        let bytes = self.bytes;
        if start >= bytes.len() {
            return None;
        }
        if let Some(raw) = self.raw.take() {
            let end = match raw {
                Some(name) => find_raw_end(bytes, start, name),
                None => bytes.len(),
            };
            if end > start {
                self.pos = end;
                return Some((Token::Text, start, end));
            }
        }
        if bytes[start] != b'<' {
            let end =
                memchr::memchr(b'<', &bytes[start + 1..]).map_or(bytes.len(), |i| start + 1 + i);
            self.pos = end;
            return Some((Token::Text, start, end));
        }
        let next = bytes.get(start + 1).copied();
        let (token, end) = match next {
            Some(b) if b.is_ascii_alphabetic() => self.tag(start + 1, false),
            Some(b'/') => match bytes.get(start + 2) {
                Some(b) if b.is_ascii_alphabetic() => self.tag(start + 2, true),
                Some(b'>') => (Token::Other, start + 3),
                Some(_) => (Token::Other, until_gt(bytes, start + 2)),
                None => (Token::Text, start + 2),
            },
            Some(b'!') => (Token::Other, self.markup_declaration(start, foreign)),
            Some(b'?') => (Token::Other, until_gt(bytes, start + 2)),
            _ => (Token::Text, start + 1),
        };
        self.pos = end;
        Some((token, start, end))
    }

    /// A start or end tag whose name starts at `at`; returns the position
    /// after its `>`, or an `Other` token up to the end when it never closes.
    fn tag(&self, at: usize, end_tag: bool) -> (Token, usize) {
        let bytes = self.bytes;
        let mut i = at;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let name = Name::new(&bytes[at..i]);
        let mut self_closing = false;
        let mut attributes = 0usize;
        let mut cut = None;
        loop {
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                None => return (Token::Other, bytes.len()),
                Some(b'>') => break,
                Some(b'/') => {
                    i += 1;
                    if bytes.get(i) == Some(&b'>') {
                        self_closing = true;
                        break;
                    }
                    continue;
                }
                Some(_) => {}
            }
            // An attribute name (its first character may be `=`).
            attributes += 1;
            if attributes > self.max_attributes && cut.is_none() {
                cut = Some(i);
            }
            i += 1;
            while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=')
            {
                i += 1;
            }
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            if bytes.get(i) != Some(&b'=') {
                continue;
            }
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &bytes[i + 1..]) {
                    Some(j) => i += j + 2,
                    None => return (Token::Other, bytes.len()),
                },
                _ => {
                    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
        let token = if end_tag {
            Token::End { name }
        } else {
            Token::Start {
                name,
                self_closing,
                cut,
            }
        };
        (token, i + 1)
    }

    /// `<!...`: a comment, a doctype, CDATA (in foreign content) or a bogus
    /// comment; returns the position after it.
    fn markup_declaration(&self, start: usize, foreign: bool) -> usize {
        let bytes = self.bytes;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            let body = start + 4;
            if bytes.get(body) == Some(&b'>') {
                return body + 1;
            }
            if bytes[body..].starts_with(b"->") {
                return body + 2;
            }
            let mut from = body;
            while let Some(j) = memchr::memchr(b'>', &bytes[from..]) {
                let p = from + j;
                if (p >= body + 2 && &bytes[p - 2..p] == b"--")
                    || (p >= body + 3 && &bytes[p - 3..p] == b"--!")
                {
                    return p + 1;
                }
                from = p + 1;
            }
            return bytes.len();
        }
        if foreign && rest.starts_with(b"<![CDATA[") {
            return memchr::memmem::find(&bytes[start + 9..], b"]]>")
                .map_or(bytes.len(), |j| start + 9 + j + 3);
        }
        until_gt(bytes, start + 2)
    }
}

/// The position after the next `>` at or after `from`, or the end.
fn until_gt(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'>', &bytes[from.min(bytes.len())..]).map_or(bytes.len(), |j| from + j + 1)
}

/// Where the raw text of element `name` that starts at `from` ends: at the
/// next `</name` followed by a space, `/` or `>`, or at the end.
fn find_raw_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(j) = memchr::memmem::find(&bytes[at..], b"</") {
        let p = at + j;
        let after = p + 2 + name.len();
        if after <= bytes.len()
            && bytes[p + 2..after].eq_ignore_ascii_case(name)
            && bytes
                .get(after)
                .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            return p;
        }
        at = p + 2;
    }
    bytes.len()
}

/// The raw-text element `name` starts, if any (its content is not markup).
fn raw_text_kind(name: &[u8]) -> Option<Option<&'static [u8]>> {
    const RAW: &[&[u8]] = &[
        b"script",
        b"style",
        b"textarea",
        b"title",
        b"xmp",
        b"iframe",
        b"noembed",
        b"noframes",
        b"noscript",
    ];
    if name == b"plaintext" {
        return Some(None);
    }
    RAW.iter().find(|r| **r == name).map(|r| Some(*r))
}

// ---------------------------------------------------------------------------
// Element categories

/// Category bits of an element name.
mod cat {
    /// html5ever's "special" elements: an end tag of another element stops
    /// looking for its match at one of these.
    pub const SPECIAL: u16 = 1;
    /// Boundaries of the default "has an element in scope" test.
    pub const SCOPE: u16 = 1 << 1;
    /// Boundaries of "in button scope" (`<p>`).
    pub const BUTTON_SCOPE: u16 = 1 << 2;
    /// Boundaries of "in list item scope" (`<li>`).
    pub const LIST_SCOPE: u16 = 1 << 3;
    /// Boundaries of "in table scope".
    pub const TABLE_SCOPE: u16 = 1 << 4;
    /// Special elements other than `address`, `div` and `p`: where the
    /// search for an open `<li>`, `<dd>` or `<dt>` stops.
    pub const SPECIAL_NOT_ADP: u16 = 1 << 5;
    /// `h1`..`h6`.
    pub const HEADING: u16 = 1 << 6;
    /// Start tags that close an open `<p>`.
    pub const CLOSES_P: u16 = 1 << 7;
    /// Block-level: a dropped one becomes a `<br>`.
    pub const BLOCK: u16 = 1 << 8;
    /// `td`, `th`, `tr`, `table`: where the search for an open cell stops.
    pub const CELL_BOUND: u16 = 1 << 9;
    /// `tr`, `table`: where the search for an open row stops.
    pub const ROW_BOUND: u16 = 1 << 10;
    /// `<svg>` and `<math>`: foreign content, where `/>` closes elements.
    pub const FOREIGN: u16 = 1 << 11;
    /// Elements that never have content.
    pub const VOID: u16 = 1 << 12;
    /// Formatting elements, whose misnested end tags html5ever repairs.
    pub const FORMATTING: u16 = 1 << 13;
    /// Elements that put a marker on the list of active formatting
    /// elements: formatting opened inside them ends with them.
    pub const MARKER: u16 = 1 << 14;
    /// Number of categories tracked on the stack (the bits below this).
    pub const TRACKED: usize = 11;
}

fn categories(name: &[u8]) -> u16 {
    use cat::*;
    let scope = SPECIAL | SCOPE | BUTTON_SCOPE | LIST_SCOPE | SPECIAL_NOT_ADP;
    let block = SPECIAL | SPECIAL_NOT_ADP | CLOSES_P | BLOCK;
    match name {
        b"html" => scope | TABLE_SCOPE,
        b"table" => scope | TABLE_SCOPE | BLOCK | CELL_BOUND | ROW_BOUND,
        b"template" => scope | TABLE_SCOPE | MARKER,
        b"td" | b"th" => scope | BLOCK | CELL_BOUND | MARKER,
        b"caption" => scope | BLOCK | MARKER,
        b"applet" | b"marquee" | b"object" => scope | MARKER,
        b"tr" => SPECIAL | SPECIAL_NOT_ADP | BLOCK | CELL_BOUND | ROW_BOUND,
        b"button" => SPECIAL | SPECIAL_NOT_ADP | BUTTON_SCOPE,
        b"ol" | b"ul" => block | LIST_SCOPE,
        b"address" | b"div" | b"p" => SPECIAL | CLOSES_P | BLOCK,
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => block | HEADING,
        b"li" | b"dd" | b"dt" | b"article" | b"aside" | b"blockquote" | b"center" | b"details"
        | b"dialog" | b"dir" | b"dl" | b"fieldset" | b"figcaption" | b"figure" | b"footer"
        | b"header" | b"hgroup" | b"main" | b"menu" | b"nav" | b"search" | b"section"
        | b"summary" | b"pre" | b"listing" | b"form" | b"xmp" | b"plaintext" => block,
        b"tbody" | b"thead" | b"tfoot" | b"body" | b"head" | b"colgroup" | b"frameset"
        | b"iframe" | b"noembed" | b"noframes" | b"noscript" | b"script" | b"select" | b"style"
        | b"textarea" | b"title" => SPECIAL | SPECIAL_NOT_ADP,
        b"area" | b"base" | b"basefont" | b"bgsound" | b"br" | b"col" | b"embed" | b"frame"
        | b"img" | b"input" | b"keygen" | b"link" | b"meta" | b"param" | b"source" | b"track"
        | b"wbr" => SPECIAL | SPECIAL_NOT_ADP | VOID,
        b"hr" => SPECIAL | SPECIAL_NOT_ADP | CLOSES_P | VOID,
        b"image" => VOID,
        b"svg" | b"math" => FOREIGN,
        b"a" | b"b" | b"big" | b"code" | b"em" | b"font" | b"i" | b"nobr" | b"s" | b"small"
        | b"strike" | b"strong" | b"tt" | b"u" => FORMATTING,
        _ => 0,
    }
}

// ---------------------------------------------------------------------------
// The stack model

const NONE: u32 = u32::MAX;

/// Hashes the name hashes the stack map is keyed by: they are hashes already.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// One open element of the model.
struct Open {
    name: u64,
    cats: u16,
    /// Whether the element was given to the parser (not dropped).
    kept: bool,
    /// Index of the previous open element with the same name.
    prev_same: u32,
    /// For each tracked category, the index of the nearest element at or
    /// below this one that has it.
    nearest: [u32; cat::TRACKED],
}

/// The model of the parser's stack of open elements, and the edits made.
struct Flattener<'a> {
    html: &'a str,
    max_depth: usize,
    stack: Vec<Open>,
    /// Index of the topmost open element of each name.
    top_of: HashMap<u64, u32, BuildHasherDefault<PassThrough>>,
    /// Number of open `<svg>`/`<math>` elements.
    foreign: usize,
    /// Byte ranges to replace, with their replacement, in input order.
    edits: Vec<(usize, usize, &'static str)>,
    /// Whether the last edit inserted a `<br>` with no text after it yet.
    pending_br: bool,
    /// The parser's list of active formatting elements, modelled: element
    /// name and a key for the whole tag (`MARKER` for a marker).
    active: Vec<(u64, u64)>,
    /// Most active formatting elements after the last marker.
    max_formatting: usize,
    /// Most attributes a start tag keeps.
    max_attributes: usize,
}

/// A start tag, as the stack model sees it.
struct StartTag<'n> {
    /// Hash of the element's name.
    name: u64,
    /// Hash of the whole tag, attributes included, for formatting
    /// elements; 1 for the others (never [`MARKER_KEY`]).
    key: u64,
    /// The lowercased name, if it is short enough to be a known one.
    lower: &'n [u8],
    cats: u16,
    self_closing: bool,
}

/// The key of a marker on the list of active formatting elements.
const MARKER_KEY: u64 = 0;

impl<'a> Flattener<'a> {
    fn new(html: &'a str, budgets: &Budgets) -> Flattener<'a> {
        Flattener {
            html,
            max_depth: budgets.max_depth.max(1),
            stack: Vec::new(),
            top_of: HashMap::default(),
            foreign: 0,
            edits: Vec::new(),
            pending_br: false,
            active: Vec::new(),
            max_formatting: budgets.max_formatting.max(1),
            max_attributes: budgets.max_attributes.max(1),
        }
    }

    /// Scans the page, recording edits; returns the number of nodes (start
    /// tags, comments and text runs) the page has.
    fn run(&mut self) -> usize {
        let mut tokens = Tokenizer::new(self.html, self.max_attributes);
        let mut nodes = 0usize;
        while let Some((token, start, end)) = tokens.next(self.foreign > 0) {
            match token {
                Token::Text => {
                    nodes += 1;
                    if self.pending_br
                        && !self.html.as_bytes()[start..end]
                            .iter()
                            .all(|&b| is_space(b))
                    {
                        self.pending_br = false;
                    }
                }
                Token::Other => nodes += 1,
                Token::Start {
                    name,
                    self_closing,
                    cut,
                } => {
                    nodes += 1;
                    let lower = name.known();
                    let cats = categories(lower);
                    if let Some(kind) = raw_text_kind(lower) {
                        if self.foreign == 0 && !self_closing {
                            tokens.raw = Some(kind);
                        }
                    }
                    // Only formatting elements are told apart by their
                    // whole tag; hashing every tag's attributes costs.
                    let key = if cats & cat::FORMATTING != 0 {
                        hash(&self.html.as_bytes()[start..end]) | 1
                    } else {
                        1
                    };
                    let tag = StartTag {
                        name: name.hash,
                        key,
                        lower,
                        cats,
                        self_closing,
                    };
                    let keep = self.start_tag(&tag);
                    if !keep {
                        self.drop_tag(start, end, cats);
                    } else if let Some(cut) = cut {
                        // Keep `/>` or `>`; drop the attributes past the budget.
                        let close = end - 1 - usize::from(self_closing);
                        self.edits.push((cut, close.max(cut), ""));
                    }
                }
                Token::End { name } => {
                    let cats = categories(name.known());
                    if !self.end_tag(name.hash, name.known(), cats) {
                        self.drop_tag(start, end, cats);
                    }
                }
            }
        }
        nodes
    }

    /// Records that the tag at `start..end` is not given to the parser.
    fn drop_tag(&mut self, start: usize, end: usize, cats: u16) {
        let replacement = if cats & cat::BLOCK != 0 && !self.pending_br {
            self.pending_br = true;
            "<br>"
        } else {
            ""
        };
        self.edits.push((start, end, replacement));
    }

    fn top(&self) -> Option<&Open> {
        self.stack.last()
    }

    /// The index of the nearest open element in category `c`.
    fn nearest(&self, c: u16) -> Option<usize> {
        let bit = c.trailing_zeros() as usize;
        self.top()
            .map(|o| o.nearest[bit])
            .filter(|&i| i != NONE)
            .map(|i| i as usize)
    }

    /// The index of the topmost open element named `name`.
    fn topmost(&self, name: u64) -> Option<usize> {
        self.top_of.get(&name).map(|&i| i as usize)
    }

    /// Whether the topmost `name` is above the nearest element of category
    /// `boundary`; returns its index.
    fn in_scope(&self, name: u64, boundary: u16) -> Option<usize> {
        let at = self.topmost(name)?;
        match self.nearest(boundary) {
            Some(b) if b > at => None,
            _ => Some(at),
        }
    }

    fn name_at(&self, at: usize) -> u64 {
        self.stack[at].name
    }

    /// Pops every element from index `at` up; returns whether the element
    /// at `at` had been kept.
    fn pop_to(&mut self, at: usize) -> bool {
        let kept = self.stack[at].kept;
        while self.stack.len() > at {
            let open = self.stack.pop().expect("len > at");
            if open.prev_same == NONE {
                self.top_of.remove(&open.name);
            } else {
                self.top_of.insert(open.name, open.prev_same);
            }
            if open.cats & cat::FOREIGN != 0 {
                self.foreign -= 1;
            }
            if open.kept && open.cats & cat::MARKER != 0 {
                self.clear_to_marker();
            }
        }
        kept
    }

    fn push(&mut self, name: u64, cats: u16) -> bool {
        let index = self.stack.len() as u32;
        let kept = self.top().is_none_or(|t| t.kept) && self.stack.len() < self.max_depth;
        let mut nearest = self.top().map_or([NONE; cat::TRACKED], |t| t.nearest);
        for (bit, slot) in nearest.iter_mut().enumerate() {
            if cats & (1 << bit) != 0 {
                *slot = index;
            }
        }
        let prev_same = self.top_of.insert(name, index).unwrap_or(NONE);
        if cats & cat::FOREIGN != 0 {
            self.foreign += 1;
        }
        self.stack.push(Open {
            name,
            cats,
            kept,
            prev_same,
            nearest,
        });
        kept
    }

    /// Whether the parser gets nothing the model does not see: no element
    /// has been dropped, so every tag can be passed through.
    fn nothing_dropped(&self) -> bool {
        self.top().is_none_or(|t| t.kept)
    }

    /// Applies a start tag to the model; returns whether it is kept.
    fn start_tag(&mut self, tag: &StartTag<'_>) -> bool {
        let StartTag {
            name,
            lower,
            cats,
            self_closing,
            ..
        } = *tag;
        let never_pushed = matches!(lower, b"html" | b"head" | b"body");
        let outside_table = matches!(
            lower,
            b"tr" | b"td" | b"th" | b"tbody" | b"thead" | b"tfoot" | b"caption" | b"colgroup"
        ) && self.topmost(TABLE).is_none();
        if cats & cat::VOID != 0
            || (self_closing && self.foreign > 0)
            || never_pushed
            || outside_table
        {
            return self.nothing_dropped();
        }
        if cats & cat::CLOSES_P != 0 {
            if let Some(p) = self.in_scope(P, cat::BUTTON_SCOPE) {
                self.pop_to(p);
            }
        }
        let closes = match lower {
            _ if cats & cat::HEADING != 0 => self
                .top()
                .filter(|t| t.cats & cat::HEADING != 0)
                .map(|_| self.stack.len() - 1),
            b"li" => self
                .nearest(cat::SPECIAL_NOT_ADP)
                .filter(|&at| self.name_at(at) == LI),
            b"dd" | b"dt" => self
                .nearest(cat::SPECIAL_NOT_ADP)
                .filter(|&at| matches!(self.name_at(at), DD | DT)),
            b"td" | b"th" => self
                .nearest(cat::CELL_BOUND)
                .filter(|&at| matches!(self.name_at(at), TD | TH)),
            b"tr" => self
                .nearest(cat::ROW_BOUND)
                .filter(|&at| self.name_at(at) == TR),
            b"table" => self
                .nearest(cat::CELL_BOUND)
                .filter(|&at| self.name_at(at) == TABLE),
            b"a" | b"nobr" => self.in_scope(name, cat::SPECIAL),
            b"button" => self.in_scope(name, cat::SCOPE),
            b"option" | b"optgroup" => self
                .top()
                .filter(|t| t.name == OPTION)
                .map(|_| self.stack.len() - 1),
            _ => None,
        };
        if let Some(at) = closes {
            self.pop_to(at);
        }
        if cats & cat::FORMATTING != 0 && self.foreign == 0 {
            if lower == b"a" {
                self.forget_active(name);
            }
            if !self.admit_formatting(tag) {
                return false;
            }
        }
        let kept = self.push(name, cats);
        if kept && cats & cat::MARKER != 0 {
            self.active.push((name, MARKER_KEY));
        }
        kept
    }

    /// The active formatting elements after the last marker.
    fn after_marker(&self) -> &[(u64, u64)] {
        let from = self
            .active
            .iter()
            .rposition(|&(_, key)| key == MARKER_KEY)
            .map_or(0, |m| m + 1);
        &self.active[from..]
    }

    /// Adds a formatting element to the active list, as the parser does
    /// (at most three identical ones after the last marker: the "Noah's Ark"
    /// clause); `false` when the list is full and the tag is to be dropped.
    fn admit_formatting(&mut self, tag: &StartTag<'_>) -> bool {
        let open = self.after_marker();
        let from = self.active.len() - open.len();
        let same: Vec<usize> = open
            .iter()
            .enumerate()
            .filter(|(_, &(_, key))| key == tag.key)
            .map(|(i, _)| from + i)
            .collect();
        if same.len() >= 3 {
            self.active.remove(same[0]);
        } else if open.len() >= self.max_formatting {
            return false;
        }
        self.active.push((tag.name, tag.key));
        true
    }

    /// Takes the last active formatting element named `name` (after the
    /// last marker) off the list, as its end tag does.
    fn forget_active(&mut self, name: u64) {
        let open = self.after_marker().len();
        let from = self.active.len() - open;
        if let Some(at) = self.active[from..].iter().rposition(|&(n, _)| n == name) {
            self.active.remove(from + at);
        }
    }

    /// Clears the active list up to and including the last marker.
    fn clear_to_marker(&mut self) {
        let keep = self
            .active
            .iter()
            .rposition(|&(_, key)| key == MARKER_KEY)
            .unwrap_or(0);
        self.active.truncate(keep);
    }

    /// Applies an end tag to the model; returns whether it is passed on.
    fn end_tag(&mut self, name: u64, lower: &[u8], cats: u16) -> bool {
        let target = match lower {
            b"p" => self.in_scope(name, cat::BUTTON_SCOPE),
            b"li" => self.in_scope(name, cat::LIST_SCOPE),
            b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => {
                let at = self.nearest(cat::HEADING);
                at.filter(|&h| self.nearest(cat::SCOPE).is_none_or(|s| s < h))
            }
            b"table" | b"tbody" | b"thead" | b"tfoot" | b"tr" | b"td" | b"th" | b"caption" => {
                self.in_scope(name, cat::TABLE_SCOPE)
            }
            b"body" | b"html" | b"br" => None,
            _ if cats & cat::FORMATTING != 0 => {
                self.forget_active(name);
                self.in_scope(name, cat::SPECIAL)
            }
            _ if cats & cat::SPECIAL != 0 => self.in_scope(name, cat::SCOPE),
            _ => self.in_scope(name, cat::SPECIAL),
        };
        match target {
            Some(at) => {
                let nothing_dropped = self.nothing_dropped();
                self.pop_to(at) || nothing_dropped
            }
            None => self.nothing_dropped(),
        }
    }

    /// The page with the recorded edits applied.
    fn finish(self) -> Cow<'a, str> {
        if self.edits.is_empty() {
            return Cow::Borrowed(self.html);
        }
        let mut out = String::with_capacity(self.html.len());
        let mut at = 0;
        for (start, end, replacement) in self.edits {
            out.push_str(&self.html[at..start]);
            out.push_str(replacement);
            at = end;
        }
        out.push_str(&self.html[at..]);
        Cow::Owned(out)
    }
}

// ---------------------------------------------------------------------------
// Plain-text fallback

/// The visible text of a page: raw-text elements and comments dropped, a
/// line break at every block-level tag and `<br>`, whitespace collapsed,
/// the common character references decoded.
fn visible_text(html: &str) -> String {
    let mut tokens = Tokenizer::new(html, usize::MAX);
    let mut out = String::new();
    let mut line = String::new();
    let mut hidden = false;
    let mut foreign = 0usize;
    while let Some((token, start, end)) = tokens.next(foreign > 0) {
        match token {
            Token::Text if !hidden => line.push_str(&html[start..end]),
            Token::Text | Token::Other => {}
            Token::Start {
                name, self_closing, ..
            } => {
                let lower = name.known();
                let cats = categories(lower);
                if cats & cat::FOREIGN != 0 && !self_closing {
                    foreign += 1;
                }
                if let Some(kind) = raw_text_kind(lower) {
                    if foreign == 0 && !self_closing {
                        tokens.raw = Some(kind);
                        hidden = lower != b"xmp" && lower != b"plaintext";
                    }
                }
                if cats & cat::BLOCK != 0 || lower == b"br" {
                    push_line(&mut out, &mut line);
                }
            }
            Token::End { name } => {
                hidden = false;
                let lower = name.known();
                let cats = categories(lower);
                if cats & cat::FOREIGN != 0 {
                    foreign = foreign.saturating_sub(1);
                }
                if cats & cat::BLOCK != 0 {
                    push_line(&mut out, &mut line);
                }
            }
        }
    }
    push_line(&mut out, &mut line);
    out
}

/// Appends `line`, decoded and with its whitespace collapsed, to `out`.
fn push_line(out: &mut String, line: &mut String) {
    let decoded = decode_references(line);
    let mut words = decoded.split_whitespace().peekable();
    if words.peek().is_some() {
        for (i, word) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        out.push('\n');
    }
    line.clear();
}

/// Decodes numeric character references and `&amp; &lt; &gt; &quot; &apos;
/// &nbsp;`; other references are left as they are.
pub(crate) fn decode_references(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|j| j + 1);
        let decoded = end.filter(|&e| rest.as_bytes()[e] == b';').and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use scraper::Html;

    fn flatten(html: &str, max_depth: usize) -> String {
        let budgets = Budgets {
            max_depth,
            ..Budgets::default()
        };
        match guard(html, &budgets) {
            Guarded::Html(h) => h.into_owned(),
            Guarded::Text(t) => panic!("unexpected text fallback: {t}"),
        }
    }

    /// The deepest element nesting of the parsed page, without recursion.
    fn parsed_depth(html: &str) -> usize {
        let doc = Html::parse_document(html);
        let mut depth = 0usize;
        let mut max = 0;
        for edge in doc.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(_) => {
                    depth += 1;
                    max = max.max(depth);
                }
                ego_tree::iter::Edge::Close(_) => depth -= 1,
            }
        }
        max
    }

    fn parsed_text(html: &str) -> String {
        Html::parse_document(html)
            .root_element()
            .text()
            .collect::<String>()
    }

    #[test]
    fn shallow_page_is_borrowed_unchanged() {
        let html = "<!DOCTYPE html><html><head><title>T</title></head>\
                    <body><div><p>One <b>two</b></p><img src=x><br/></div></body></html>";
        match guard(html, &Budgets::default()) {
            Guarded::Html(Cow::Borrowed(h)) => assert_eq!(h, html),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn deep_divs_are_flattened_and_keep_their_text() {
        let n = 100_000;
        let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let out = flatten(&html, 256);
        assert!(out.len() < 256 * 11 + 100, "{}", out.len());
        assert!(out.contains("deep text"));
        let depth = parsed_depth(&out);
        assert!((256..270).contains(&depth), "depth {depth}");
        assert_eq!(parsed_text(&out), "deep text");
    }

    #[test]
    fn deep_mixed_tags_are_flattened() {
        let n = 20_000;
        let open = "<span><b><table><tr><td><ul><li>x".repeat(n);
        let html = format!("{open}end");
        let out = flatten(&html, 256);
        let depth = parsed_depth(&out);
        assert!(depth < 400, "depth {depth}");
        let text = parsed_text(&out);
        assert_eq!(text.matches('x').count(), n);
        assert!(text.ends_with("end"));
    }

    #[test]
    fn deep_unclosed_inline_tags_are_flattened() {
        let n = 50_000;
        let html = "<span>a<i>b<font>c".repeat(n);
        let out = flatten(&html, 64);
        assert!(parsed_depth(&out) < 80);
        assert_eq!(parsed_text(&out), "abc".repeat(n));
    }

    #[test]
    fn unclosed_paragraphs_and_list_items_do_not_nest() {
        let html = "<p>para<li>item<div>block<dd>def<dt>term".repeat(20_000);
        let out = flatten(&html, 256);
        // The p/li/div soup nests a little per repeat (the div holds the
        // next p), so it gets flattened, but the text survives.
        let text = parsed_text(&out);
        assert_eq!(text.matches("para").count(), 20_000);
        assert!(parsed_depth(&out) < 300);
        // Genuinely flat soup is left alone.
        let flat = "<p>one<p>two<li>a<li>b<tr><td>c<td>d<tr><td>e".repeat(2_000);
        assert_eq!(flatten(&flat, 16), flat);
    }

    #[test]
    fn dropped_blocks_become_line_breaks() {
        let html = "<div><div><div><p>one</p><p>two</p></div></div></div>";
        let out = flatten(html, 2);
        assert_eq!(out, "<div><div><br>one<br>two<br></div></div>");
    }

    #[test]
    fn markup_inside_raw_text_comments_and_attributes_is_not_counted() {
        let inner = "<div>".repeat(50);
        let html = format!(
            "<div title='a > {inner}'><!-- {inner} --><script>if (a<b) {{ x = '{inner}'; }}</script>\
             <style>p > a {{}}</style><textarea>{inner}</textarea><p>kept</p></div>"
        );
        assert_eq!(flatten(&html, 4), html);
    }

    #[test]
    fn void_and_self_closing_foreign_elements_do_not_nest() {
        let html = format!(
            "<div>{}<svg>{}</svg></div>",
            "<img src=a><br><input><hr>".repeat(100),
            "<path d='M0 0'/>".repeat(100)
        );
        assert_eq!(flatten(&html, 3), html);
        // Outside foreign content `<div/>` opens a div.
        let divs = "<div/>".repeat(10);
        assert_ne!(flatten(&divs, 3), divs);
    }

    #[test]
    fn end_tags_of_dropped_elements_are_dropped() {
        let html = "<section><div><span>deep</span></div>after</section><p>next</p>";
        assert_eq!(
            flatten(html, 1),
            "<section><br>deep<br>after</section><p>next</p>"
        );
    }

    #[test]
    fn deep_pages_go_through_the_whole_pipeline() {
        let n = 100_000;
        let divs = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let tables = format!("{}cell", "<table><tr><td>".repeat(n));
        let soup = "<p>para<div>block<span>s<b>b".repeat(n / 10);
        for page in [divs, tables, soup] {
            let article =
                crate::Cleaner::new(crate::Config::new().input_kind(crate::InputKind::Html))
                    .clean(page.as_bytes(), &crate::Hints::new())
                    .unwrap();
            let text = article.text();
            let want = page.rsplit('>').next().unwrap();
            assert!(text.contains(want), "{want:?} missing");
        }
    }

    #[test]
    fn too_many_nodes_falls_back_to_visible_text() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
                    <p>One &amp; <b>two</b></p><script>var x;</script><div>Three&#33;</div></body></html>";
        let budgets = Budgets {
            max_nodes: 5,
            ..Budgets::default()
        };
        assert_eq!(
            guard(html, &budgets),
            Guarded::Text("One & two\nThree!\n".to_string())
        );
    }

    #[test]
    fn unfinished_markup_does_not_panic() {
        for html in [
            "<",
            "</",
            "<!",
            "<!-",
            "<!--",
            "<!-->",
            "<!--->",
            "<a",
            "<a b='",
            "<a b=\"x",
            "<script>",
            "<script></scr",
            "</>",
            "<?",
            "<div/",
            "&",
            "&#",
            "&#x;",
        ] {
            let _ = guard(html, &Budgets::default());
            let _ = visible_text(html);
        }
    }

    /// The deepest nesting of `doc`, without recursion.
    fn tree_depth(doc: &Document) -> usize {
        let (mut depth, mut max) = (0usize, 0);
        for edge in doc.traverse(doc.root()) {
            match edge {
                super::super::tree::Edge::Open(_) => {
                    depth += 1;
                    max = max.max(depth);
                }
                super::super::tree::Edge::Close(_) => depth -= 1,
            }
        }
        max
    }

    #[test]
    fn an_ordinary_page_is_parsed_within_the_budgets_as_a_whole() {
        let html = "<!DOCTYPE html><title>T</title><div><p>One <b>two</b><p>three\
                    <ul><li>a<li>b</ul><table><tr><td>c</table></div>";
        let within =
            parse_within(html, &Budgets::default(), Reading::Whole).expect("within budget");
        assert_eq!(within.dump(), Document::parse(html).dump());
    }

    /// Found by property tests: the guard's model counts a `<select>` inside
    /// `<select>` and the tags after `<svg>` as nesting. Such a page is
    /// parsed whole, as the parser nests it, within the budget, where the
    /// guard would flatten it.
    #[test]
    fn a_page_the_model_counts_too_deep_keeps_its_own_tree() {
        let html = "<table><h1><li><ul><select><svg><tr><select><i><b><li><i><table><p><td>\
                    <svg><select><li><select><li><ul><select>";
        let budgets = Budgets {
            max_depth: 20,
            max_formatting: 3,
            ..Budgets::default()
        };
        assert!(matches!(
            guard(html, &budgets),
            Guarded::Html(Cow::Owned(_))
        ));
        let within = parse_within(html, &budgets, Reading::Whole).expect("within budget");
        assert_eq!(within.dump(), Document::parse(html).dump());
        assert!(tree_depth(&within) <= 20 / 2 + 3 + 3);
    }

    /// Found by property tests: when the parser mends misnested formatting
    /// tags it moves subtrees, and what is added under a moved subtree is
    /// as deep as the subtree now is. Both pages nest deeper than half the
    /// depth budget as they are parsed, so the parse stops.
    #[test]
    fn moved_subtrees_count_at_their_new_depth() {
        for (html, max_depth, max_formatting) in [
            (
                "<form><b><font><li></b><nobr><option><ul><li><i><option><nobr><option>\
                 <form><div><option>",
                14,
                4,
            ),
            (
                "<li><a href=y><ul><h1><font><li><button><li><a href=y><b><b><b><a href=y>\
                 <ul></b><h1><li><select><i><li><button>",
                20,
                5,
            ),
        ] {
            let budgets = Budgets {
                max_depth,
                max_formatting,
                ..Budgets::default()
            };
            assert!(tree_depth(&Document::parse(html)) > max_depth / 2);
            assert_eq!(
                parse_within(html, &budgets, Reading::Whole).err(),
                Some(Fallback::OverBudget)
            );
            let guarded = parse(html, &budgets, Reading::Whole).expect("parsed");
            assert!(tree_depth(&guarded) <= max_depth);
        }
    }

    #[test]
    fn pages_past_a_budget_stop_the_parse_and_go_through_the_guard() {
        let budgets = Budgets::default();
        let n = budgets.max_depth * 4;
        let deep = format!("{}deep text", "<div>".repeat(n));
        let bomb: String = (0..3_000).map(|i| format!("<b id={i}><p>x")).collect();
        let attributes: String = (0..budgets.max_attributes)
            .map(|i| format!(" a{i}=1"))
            .collect();
        let wide = format!("<p{attributes}>wide</p>");
        for page in [&deep, &bomb, &wide] {
            let stopped = parse_within(page, &budgets, Reading::Whole).err();
            assert_eq!(stopped, Some(Fallback::OverBudget), "{}", &page[..60]);
        }
        let doc = parse(&deep, &budgets, Reading::Whole).expect("parsed");
        assert!(
            tree_depth(&doc) < budgets.max_depth + 8,
            "{}",
            tree_depth(&doc)
        );
        // The guard drops the formatting tags past its budget, so the
        // bomb's paragraphs do not reopen thousands of them each.
        let doc = parse(&bomb, &budgets, Reading::Whole).expect("parsed");
        assert!(doc.dump().lines().count() < 200_000);
    }

    #[test]
    fn a_blanked_page_the_parse_stops_is_stripped_then_guarded() {
        let budgets = Budgets::default();
        let reading = Reading::Blanked {
            max_attributes: budgets.max_attributes,
        };
        let script = "<script>var hidden = 'script text';</script><!-- a comment -->";
        let deep = format!(
            "{script}{}deep text",
            "<div data-x=1>".repeat(budgets.max_depth * 4)
        );
        assert_eq!(
            parse_within(&deep, &budgets, reading).err(),
            Some(Fallback::OverBudget)
        );
        let doc = parse(&deep, &budgets, reading).expect("parsed");
        let stripped = prepass::strip(&deep, &budgets);
        let whole = parse(&stripped, &budgets, Reading::Whole).expect("parsed");
        assert_eq!(doc.dump(), whole.dump());
        assert!(!doc.dump().contains("script text") && !doc.dump().contains("a comment"));
        assert!(doc.dump().contains("deep text"));
    }

    #[test]
    fn only_pages_with_many_tags_are_counted_out() {
        let budgets = Budgets {
            max_nodes: 100,
            ..Budgets::default()
        };
        // Short: never counted.
        assert!(few_tags(&"<p>".repeat(16), &budgets));
        // Long, few tags: a node per tag and one per text at most.
        assert!(few_tags(&format!("<p>{}</p>", "x".repeat(1_000)), &budgets));
        // Long and as many tags as half the budget: the guard scans it.
        assert!(!few_tags(&"<p>x".repeat(50), &budgets));
        assert!(few_tags(&"<p>x".repeat(49), &budgets));
    }

    proptest! {
        /// On any markup, a page parsed within the budgets has the parser's
        /// own tree, within half the depth budget and what one tag adds.
        /// (Whether the guard would have left it unchanged is not asserted:
        /// the guard's model may count deeper than the parser nests, see
        /// `a_page_the_model_counts_too_deep_keeps_its_own_tree`.)
        #[test]
        fn a_page_parsed_within_the_budgets_is_the_parsers_own_tree_and_shallow(
            parts in prop::collection::vec(
                prop_oneof![
                    Just("<div>"), Just("</div>"), Just("<p>"), Just("</p>"), Just("<b>"),
                    Just("<b class=x>"), Just("</b>"), Just("<i>"), Just("<a href=y>"),
                    Just("</a>"), Just("<table>"), Just("<tr>"), Just("<td>"), Just("</table>"),
                    Just("<li>"), Just("<ul>"), Just("<form>"), Just("<span>"), Just("</span>"),
                    Just("<svg>"), Just("<math>"), Just("</svg>"), Just("<select>"),
                    Just("</select>"), Just("<option>"), Just("<button>"), Just("<h1>"),
                    Just("<h2>"), Just("<font>"), Just("<nobr>"), Just("text "),
                    Just("<!-- c -->"),
                ],
                0..120,
            ),
            max_depth in 4usize..24,
            max_formatting in 1usize..6,
        ) {
            let html: String = parts.concat();
            let budgets = Budgets { max_depth, max_formatting, ..Budgets::default() };
            if let Ok(doc) = parse_within(&html, &budgets, Reading::Whole) {
                prop_assert_eq!(doc.dump(), Document::parse(&html).dump());
                // The budget is checked before each tag: the last one may
                // add itself, the formatting elements it reopens and a text.
                let room = max_formatting + 3;
                prop_assert!(tree_depth(&doc) <= budgets.max_depth / 2 + room);
            }
        }

        #[test]
        fn never_panics(html in "(<[/!?]?[a-zA-Z]{0,3}[ =/'\">-]{0,3}|[a-z &;#<>]{0,3}|<!--|-->){0,60}", depth in 1usize..6) {
            let budgets = Budgets { max_depth: depth, max_nodes: 40, ..Budgets::default() };
            let _ = guard(&html, &budgets);
        }

        #[test]
        fn shallow_html_is_unchanged(
            parts in prop::collection::vec(
                prop_oneof![
                    Just("<div>"), Just("</div>"), Just("<p>"), Just("</p>"), Just("<b>"),
                    Just("</b>"), Just("<br>"), Just("text "), Just("<!-- c -->"),
                    Just("<img src='a>b'>"), Just("<li>"), Just("<span>"), Just("</span>"),
                ],
                0..40,
            )
        ) {
            let html: String = parts.concat();
            prop_assert_eq!(flatten(&html, 64), html);
        }
    }
}
