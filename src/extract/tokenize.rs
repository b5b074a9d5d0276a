//! A byte-level HTML tokenizer for the common subset of real pages: a page
//! in, html5ever tokens out, fed to html5ever's own tree builder (so tree
//! construction stays the standard's, exactly).
//!
//! html5ever's tokenizer walks the page a character at a time through a
//! `BufferQueue` of tendrils and is most of the parse. This one works on
//! the page's bytes: memchr finds the next `<` or `&`, text comes out in
//! whole runs (slices of one shared tendril of the page), and a tag is read
//! in one pass. It sends the tokens html5ever's tokenizer sends, up to how
//! text is split into character tokens (the tree builder does not care) and
//! the parse errors (which only the sink's error log sees, except one case
//! handled below), and honours what the tree builder answers (raw text
//! states after `<title>`, `<textarea>`, `<style>`, `<script>`...).
//!
//! It covers only markup whose tokenization it reproduces exactly; any other
//! construct makes [`feed`] return a [`Fallback`] before the tree builder is
//! finished, and the caller parses the page again with html5ever's own
//! tokenizer. The cheap check (NUL bytes) comes before any token is sent.
//! What falls back: NUL bytes, `<plaintext>`, `<!--`
//! inside a script (the script data escape states), comments starting with
//! `>` or `->` or holding `--!`, doctypes other than a name with optional
//! `PUBLIC`/`SYSTEM` identifiers, and the end of the page inside a tag,
//! comment, doctype, character reference lookahead or end tag name.

use super::prepass::{self, After};
use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use std::borrow::Cow;

/// U+FEFF, which html5ever drops at the start of the page and right after
/// a tag the tree builder answers with `Script` or `EncodingIndicator`.
const BOM: &str = "\u{feff}";

/// Why a page is left to html5ever's tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fallback {
    /// A NUL byte.
    Nul,
    /// The tree builder switched to the PLAINTEXT state.
    Plaintext,
    /// `<!--` inside a script.
    ScriptEscape,
    /// A comment starting with `>` or `->`, or holding `--!`.
    OddComment,
    /// A doctype of another shape than the common ones.
    OddDoctype,
    /// The page ends inside a tag, comment, doctype or lookahead.
    Eof,
    /// The page may be past the parse's [`Budget`].
    OverBudget,
}

/// Where a parse stops with [`Fallback::OverBudget`].
pub struct Budget<'a> {
    /// Most attributes a start tag may have, duplicates included.
    pub max_attributes: usize,
    /// Asked before each tag is sent, with the tag and its position in the
    /// page (after newline normalisation): whether the page may be past
    /// the budget.
    pub over: &'a dyn Fn(&Tag, usize) -> bool,
}

impl Budget<'_> {
    /// No budget: the parse always runs to the end.
    pub const NONE: Budget<'static> = Budget {
        max_attributes: usize::MAX,
        over: &|_, _| false,
    };
}

/// How much of the page the tokenizer sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Every byte, as html5ever's tokenizer sends it.
    Whole,
    /// The tokens of the page as [`prepass::strip`] would leave it, without
    /// making that copy: the bodies of scripts and styles become a space,
    /// inline SVG loses its content, comments their text and start tags
    /// the attributes nothing reads, wherever the pre-pass would blank
    /// them (both ask [`prepass`] what follows a start tag).
    /// `max_attributes` is the pre-pass's
    /// [`Budgets::max_attributes`](crate::Budgets::max_attributes): where
    /// something could be blanked, a start tag with more attributes stops
    /// the parse ([`Fallback::OverBudget`]).
    Blanked {
        /// The pre-pass's limit on attributes.
        max_attributes: usize,
    },
}

impl Fallback {
    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Fallback::Nul => "nul",
            Fallback::Plaintext => "plaintext",
            Fallback::ScriptEscape => "script-escape",
            Fallback::OddComment => "odd-comment",
            Fallback::OddDoctype => "odd-doctype",
            Fallback::Eof => "eof",
            Fallback::OverBudget => "over-budget",
        }
    }
}

/// Tokenizes `html` into `sink` (html5ever's tree builder), then sends the
/// end-of-file token and calls [`TokenSink::end`], unless the `budget`
/// stops it first; `reading` says whether what the pre-pass blanks is sent.
/// On `Err`, the sink has been given part of the page (nothing, for the
/// checks made first) and must be thrown away.
pub fn feed<S: TokenSink>(
    html: &str,
    sink: &S,
    budget: &Budget,
    reading: Reading,
) -> Result<(), Fallback> {
    let html = html.strip_prefix(BOM).unwrap_or(html);
    let bytes = html.as_bytes();
    if memchr::memchr(0, bytes).is_some() {
        return Err(Fallback::Nul);
    }
    // The input stream's newlines: CR LF and CR alone become LF.
    let html = normalize_newlines(html);
    let mut tokenizer = Tokenizer {
        src: &html,
        b: html.as_bytes(),
        input: StrTendril::from_slice(&html),
        sink,
        budget,
        blanking: match reading {
            Reading::Whole => None,
            Reading::Blanked { max_attributes } => Some(Blanking {
                max_attributes,
                kept_until: 0,
            }),
        },
        pos: 0,
        text: Text::default(),
    };
    tokenizer.run()?;
    tokenizer.flush();
    let _ = sink.process_token(Token::EOFToken, 1);
    sink.end();
    Ok(())
}

/// `html` with the input stream's newlines normalised as HTML does: CR LF
/// and CR alone become LF. One pass from CR to CR; borrowed when there is
/// none.
fn normalize_newlines(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let Some(first) = memchr::memchr(b'\r', bytes) else {
        return Cow::Borrowed(html);
    };
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    let mut cr = Some(first);
    while let Some(at) = cr {
        out.push_str(&html[from..at]);
        out.push('\n');
        from = at + 1 + usize::from(bytes.get(at + 1) == Some(&b'\n'));
        cr = memchr::memchr(b'\r', &bytes[from..]).map(|n| from + n);
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// Text read but not yet sent: a span of the page, or, once a character
/// reference has been decoded into it, a tendril of its own.
#[derive(Default)]
struct Text {
    span: Option<(usize, usize)>,
    owned: Option<StrTendril>,
    /// It starts with a character reference html5ever reports a parse
    /// error for (see [`Tokenizer::flush`]).
    error_first: bool,
}

struct Tokenizer<'a, S> {
    src: &'a str,
    b: &'a [u8],
    /// The whole page, which text runs and attribute values are slices of.
    input: StrTendril,
    sink: &'a S,
    budget: &'a Budget<'a>,
    /// Where the page is read as [`Reading::Blanked`]; `None` when it is
    /// read whole, or once the pre-pass would have stopped.
    blanking: Option<Blanking>,
    pos: usize,
    text: Text,
}

/// The state of a [`Reading::Blanked`].
struct Blanking {
    /// The pre-pass's limit on attributes.
    max_attributes: usize,
    /// Nothing before this position is blanked: the content of an element
    /// the pre-pass keeps as it is ([`After::Kept`]).
    kept_until: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b' ')
}

/// A decoded character reference: up to two characters, where it ends, and
/// whether html5ever reports a parse error for it.
struct CharRef {
    chars: [char; 2],
    len: usize,
    end: usize,
    error: bool,
}

/// Decodes the character reference whose `&` is at `at` in `b`, as
/// html5ever's `char_ref` module does; bytes past the end of `b` count as a
/// character that continues nothing (the closing quote of an attribute
/// value, or the end of the page). `None` when the `&` is a plain `&`.
fn char_ref(src: &str, b: &[u8], at: usize, in_attribute: bool) -> Option<CharRef> {
    let start = at + 1;
    match b.get(start) {
        Some(c) if c.is_ascii_alphanumeric() => named(src, b, start, in_attribute),
        Some(b'#') => numeric(b, start + 1),
        _ => None,
    }
}

fn named(src: &str, b: &[u8], start: usize, in_attribute: bool) -> Option<CharRef> {
    // Longest full match among the prefixes the table knows, extended while
    // the name read so far is a prefix of some entity.
    let mut matched: Option<(usize, u32, u32)> = None;
    let mut k = start;
    while k < b.len() && b[k].is_ascii() {
        k += 1;
        match NAMED_ENTITIES.get(&src[start..k]) {
            Some(&(c1, c2)) => {
                if c1 != 0 {
                    matched = Some((k, c1, c2));
                }
            }
            None => break,
        }
    }
    let (end, c1, c2) = matched?;
    let semicolon = b[end - 1] == b';';
    if !semicolon && in_attribute {
        if let Some(&next) = b.get(end) {
            if next == b'=' || next.is_ascii_alphanumeric() {
                return None;
            }
        }
    }
    let c1 = char::from_u32(c1)?;
    let (c2, len) = match c2 {
        0 => ('\0', 1),
        c => (char::from_u32(c)?, 2),
    };
    Some(CharRef {
        chars: [c1, c2],
        len,
        end,
        error: !semicolon,
    })
}

fn numeric(b: &[u8], mut i: usize) -> Option<CharRef> {
    let base = match b.get(i) {
        Some(b'x' | b'X') => {
            i += 1;
            16
        }
        _ => 10,
    };
    let digits = i;
    let mut num: u32 = 0;
    let mut too_big = false;
    while let Some(d) = b.get(i).and_then(|&c| (c as char).to_digit(base)) {
        num = num.wrapping_mul(base);
        if num > 0x10FFFF {
            too_big = true;
        }
        num = num.wrapping_add(d);
        i += 1;
    }
    if i == digits {
        return None;
    }
    let semicolon = b.get(i) == Some(&b';');
    if semicolon {
        i += 1;
    }
    let (c, error) = match num {
        n if n > 0x10FFFF || too_big => ('\u{fffd}', true),
        0x00 | 0xD800..=0xDFFF => ('\u{fffd}', true),
        0x80..=0x9F => match C1_REPLACEMENTS[(num - 0x80) as usize] {
            Some(c) => (c, true),
            None => (char::from_u32(num)?, true),
        },
        0x01..=0x08 | 0x0B | 0x0D..=0x1F | 0x7F | 0xFDD0..=0xFDEF => (char::from_u32(num)?, true),
        n if (n & 0xFFFE) == 0xFFFE => (char::from_u32(n)?, true),
        n => (char::from_u32(n)?, false),
    };
    Some(CharRef {
        chars: [c, '\0'],
        len: 1,
        end: i,
        error: error || !semicolon,
    })
}

/// `name` ASCII-lowercased, as an atom.
fn atom(name: &str) -> LocalName {
    if let Some(atom) = common_atom(name.as_bytes()) {
        debug_assert_eq!(atom, LocalName::from(name));
        return atom;
    }
    if name.bytes().any(|c| c.is_ascii_uppercase()) {
        LocalName::from(name.to_ascii_lowercase())
    } else {
        LocalName::from(name)
    }
}

/// The atom of a lowercase name most pages are made of (elements and
/// attributes), matched by its bytes: the static set's lookup hashes the
/// name first, and this is called for every tag and attribute.
fn common_atom(name: &[u8]) -> Option<LocalName> {
    Some(match name {
        b"a" => local_name!("a"),
        b"b" => local_name!("b"),
        b"d" => local_name!("d"),
        b"g" => local_name!("g"),
        b"i" => local_name!("i"),
        b"p" => local_name!("p"),
        b"u" => local_name!("u"),
        b"x" => local_name!("x"),
        b"y" => local_name!("y"),
        b"br" => local_name!("br"),
        b"em" => local_name!("em"),
        b"h1" => local_name!("h1"),
        b"h2" => local_name!("h2"),
        b"h3" => local_name!("h3"),
        b"h4" => local_name!("h4"),
        b"hr" => local_name!("hr"),
        b"id" => local_name!("id"),
        b"li" => local_name!("li"),
        b"ol" => local_name!("ol"),
        b"td" => local_name!("td"),
        b"tr" => local_name!("tr"),
        b"ul" => local_name!("ul"),
        b"alt" => local_name!("alt"),
        b"div" => local_name!("div"),
        b"img" => local_name!("img"),
        b"nav" => local_name!("nav"),
        b"rel" => local_name!("rel"),
        b"src" => local_name!("src"),
        b"svg" => local_name!("svg"),
        b"use" => local_name!("use"),
        b"abbr" => local_name!("abbr"),
        b"body" => local_name!("body"),
        b"defs" => local_name!("defs"),
        b"fill" => local_name!("fill"),
        b"form" => local_name!("form"),
        b"head" => local_name!("head"),
        b"href" => local_name!("href"),
        b"html" => local_name!("html"),
        b"lang" => local_name!("lang"),
        b"link" => local_name!("link"),
        b"main" => local_name!("main"),
        b"meta" => local_name!("meta"),
        b"name" => local_name!("name"),
        b"path" => local_name!("path"),
        b"rect" => local_name!("rect"),
        b"role" => local_name!("role"),
        b"span" => local_name!("span"),
        b"time" => local_name!("time"),
        b"type" => local_name!("type"),
        b"aside" => local_name!("aside"),
        b"async" => local_name!("async"),
        b"class" => local_name!("class"),
        b"defer" => local_name!("defer"),
        b"input" => local_name!("input"),
        b"label" => local_name!("label"),
        b"sizes" => local_name!("sizes"),
        b"small" => local_name!("small"),
        b"style" => local_name!("style"),
        b"table" => local_name!("table"),
        b"title" => local_name!("title"),
        b"value" => local_name!("value"),
        b"width" => local_name!("width"),
        b"xmlns" => local_name!("xmlns"),
        b"button" => local_name!("button"),
        b"circle" => local_name!("circle"),
        b"figure" => local_name!("figure"),
        b"footer" => local_name!("footer"),
        b"header" => local_name!("header"),
        b"height" => local_name!("height"),
        b"iframe" => local_name!("iframe"),
        b"option" => local_name!("option"),
        b"script" => local_name!("script"),
        b"select" => local_name!("select"),
        b"source" => local_name!("source"),
        b"srcset" => local_name!("srcset"),
        b"stroke" => local_name!("stroke"),
        b"strong" => local_name!("strong"),
        b"target" => local_name!("target"),
        b"article" => local_name!("article"),
        b"charset" => local_name!("charset"),
        b"content" => local_name!("content"),
        b"loading" => local_name!("loading"),
        b"onclick" => local_name!("onclick"),
        b"picture" => local_name!("picture"),
        b"polygon" => local_name!("polygon"),
        b"section" => local_name!("section"),
        b"viewbox" => local_name!("viewbox"),
        b"datetime" => local_name!("datetime"),
        b"decoding" => local_name!("decoding"),
        b"itemprop" => local_name!("itemprop"),
        b"itemtype" => local_name!("itemtype"),
        b"noscript" => local_name!("noscript"),
        b"property" => local_name!("property"),
        b"tabindex" => local_name!("tabindex"),
        b"template" => local_name!("template"),
        b"textarea" => local_name!("textarea"),
        b"itemscope" => local_name!("itemscope"),
        b"aria-label" => local_name!("aria-label"),
        b"figcaption" => local_name!("figcaption"),
        b"http-equiv" => local_name!("http-equiv"),
        b"aria-hidden" => local_name!("aria-hidden"),
        b"crossorigin" => local_name!("crossorigin"),
        _ => return None,
    })
}

impl<S: TokenSink> Tokenizer<'_, S> {
    fn run(&mut self) -> Result<(), Fallback> {
        let len = self.b.len();
        while self.pos < len {
            let Some(i) = memchr::memchr2(b'<', b'&', &self.b[self.pos..]) else {
                self.push_raw(self.pos, len);
                self.pos = len;
                break;
            };
            let at = self.pos + i;
            self.push_raw(self.pos, at);
            self.pos = at;
            if self.b[at] == b'&' {
                self.text_char_ref(at);
            } else {
                self.markup(at)?;
            }
        }
        Ok(())
    }

    /// Text from `at` (a `&`): the reference decoded, or a plain `&`.
    fn text_char_ref(&mut self, at: usize) {
        match char_ref(self.src, self.b, at, false) {
            Some(r) => {
                if r.error && self.text.span.is_none() && self.text.owned.is_none() {
                    self.text.error_first = true;
                }
                for &c in &r.chars[..r.len] {
                    self.push_char(c);
                }
                self.pos = r.end;
            }
            None => {
                self.push_raw(at, at + 1);
                self.pos = at + 1;
            }
        }
    }

    fn push_raw(&mut self, start: usize, end: usize) {
        if start == end {
            return;
        }
        let text = &mut self.text;
        if let Some(owned) = &mut text.owned {
            owned.push_slice(&self.src[start..end]);
            return;
        }
        match &mut text.span {
            Some((_, e)) if *e == start => *e = end,
            Some(_) => {
                self.own_text();
                self.push_raw(start, end);
            }
            None => text.span = Some((start, end)),
        }
    }

    fn push_char(&mut self, c: char) {
        self.own_text();
        if let Some(owned) = &mut self.text.owned {
            owned.push_char(c);
        }
    }

    fn own_text(&mut self) {
        if self.text.owned.is_none() {
            let mut owned = StrTendril::new();
            if let Some((s, e)) = self.text.span.take() {
                owned.push_slice(&self.src[s..e]);
            }
            self.text.owned = Some(owned);
        }
    }

    /// Sends the pending text as one character token.
    ///
    /// html5ever reports a parse error before a character reference such as
    /// `&#10` (no semicolon), and the error token alone clears the tree
    /// builder's "ignore a LF after `<pre>`" flag: one is sent when the text
    /// starts with such a reference.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let tendril = match (text.owned, text.span) {
            (Some(owned), _) => owned,
            (None, Some((s, e))) => self.input.subtendril(s as u32, (e - s) as u32),
            (None, None) => return,
        };
        if tendril.is_empty() {
            return;
        }
        if text.error_first {
            let _ = self.send(Token::ParseError(Cow::Borrowed("character reference")));
        }
        let _ = self.send(Token::CharacterTokens(tendril));
    }

    fn send(&self, token: Token) -> TokenSinkResult<S::Handle> {
        self.sink.process_token(token, 1)
    }

    /// Markup at `at` (a `<`) in the data state.
    fn markup(&mut self, at: usize) -> Result<(), Fallback> {
        let b = self.b;
        match b.get(at + 1).copied() {
            None => Err(Fallback::Eof),
            Some(c) if c.is_ascii_alphabetic() => self.tag(at + 1, TagKind::StartTag),
            Some(b'/') => match b.get(at + 2).copied() {
                None => Err(Fallback::Eof),
                Some(c) if c.is_ascii_alphabetic() => self.tag(at + 2, TagKind::EndTag),
                Some(b'>') => {
                    self.pos = at + 3;
                    Ok(())
                }
                Some(_) => self.bogus_comment(at + 2),
            },
            Some(b'!') => self.declaration(at + 2),
            Some(b'?') => self.bogus_comment(at + 1),
            Some(_) => {
                self.push_raw(at, at + 1);
                self.pos = at + 1;
                Ok(())
            }
        }
    }

    /// A comment whose text runs from `start` to the next `>`.
    fn bogus_comment(&mut self, start: usize) -> Result<(), Fallback> {
        let gt = memchr::memchr(b'>', &self.b[start..]).ok_or(Fallback::Eof)? + start;
        self.send_comment(start, gt, gt + 1);
        Ok(())
    }

    /// Sends the comment whose text is `start..end`; the page goes on at
    /// `next`.
    fn send_comment(&mut self, start: usize, end: usize, next: usize) {
        self.flush();
        let text = self.input.subtendril(start as u32, (end - start) as u32);
        let _ = self.send(Token::CommentToken(text));
        self.pos = next;
    }

    /// What follows `<!` at `at`: a comment, a doctype or a bogus comment.
    fn declaration(&mut self, at: usize) -> Result<(), Fallback> {
        let rest = &self.b[at..];
        if rest.starts_with(b"--") {
            return self.comment(at + 2);
        }
        // html5ever waits for more input on a partial match.
        let partial =
            |word: &[u8]| rest.len() < word.len() && word[..rest.len()].eq_ignore_ascii_case(rest);
        if rest == b"-" || partial(b"doctype") || partial(b"[CDATA[") {
            return Err(Fallback::Eof);
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            return self.doctype(at + 7);
        }
        if rest.starts_with(b"[CDATA[") {
            self.flush();
            if self
                .sink
                .adjusted_current_node_present_but_not_in_html_namespace()
            {
                // A CDATA section in foreign content: its text, as text.
                let start = at + 7;
                let end = memchr::memmem::find(&self.b[start..], b"]]>").ok_or(Fallback::Eof)?;
                if end == 0 {
                    // html5ever sends the empty text too.
                    let _ = self.send(Token::CharacterTokens(StrTendril::new()));
                }
                self.push_raw(start, start + end);
                self.pos = start + end + 3;
                return Ok(());
            }
        }
        self.bogus_comment(at)
    }

    /// A comment whose text starts at `start` (after `<!--`).
    fn comment(&mut self, start: usize) -> Result<(), Fallback> {
        let rest = &self.b[start..];
        if rest.starts_with(b">") || rest.starts_with(b"->") {
            return Err(Fallback::OddComment);
        }
        let end = memchr::memmem::find(rest, b"-->").map(|n| start + n);
        let body = &self.b[start..end.map_or(self.b.len(), |e| e + 2)];
        if memchr::memmem::find(body, b"--!").is_some() {
            return Err(Fallback::OddComment);
        }
        let end = end.ok_or(Fallback::Eof)?;
        let text_start = if self.blanks_at(start - 4) {
            end
        } else {
            start
        };
        self.send_comment(text_start, end, end + 3);
        Ok(())
    }

    /// A doctype after `<!DOCTYPE` at `at`: `<!DOCTYPE name>`, with an
    /// optional `PUBLIC "id" ["id"]` or `SYSTEM "id"`.
    fn doctype(&mut self, at: usize) -> Result<(), Fallback> {
        let b = self.b;
        let odd = Fallback::OddDoctype;
        let mut i = at;
        if !b.get(i).copied().is_some_and(is_space) {
            return Err(odd);
        }
        i = skip_space(b, i);
        let name_start = i;
        while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
            i += 1;
        }
        if i == name_start || i == b.len() {
            return Err(odd);
        }
        let name = StrTendril::from_slice(&self.src[name_start..i].to_ascii_lowercase());
        let mut doctype = Doctype {
            name: Some(name),
            ..Doctype::default()
        };
        i = skip_space(b, i);
        if b.get(i) != Some(&b'>') {
            let keyword = b.get(i..i + 6).ok_or(odd)?;
            let public = keyword.eq_ignore_ascii_case(b"public");
            if !public && !keyword.eq_ignore_ascii_case(b"system") {
                return Err(odd);
            }
            i += 6;
            if !b.get(i).copied().is_some_and(is_space) {
                return Err(odd);
            }
            i = skip_space(b, i);
            let (id, end) = self.doctype_id(i)?;
            i = end;
            if public {
                doctype.public_id = Some(id);
                if b.get(i).copied().is_some_and(is_space) {
                    i = skip_space(b, i);
                    if matches!(b.get(i), Some(b'"' | b'\'')) {
                        let (id, end) = self.doctype_id(i)?;
                        doctype.system_id = Some(id);
                        i = skip_space(b, end);
                    }
                }
            } else {
                doctype.system_id = Some(id);
                i = skip_space(b, i);
            }
            if b.get(i) != Some(&b'>') {
                return Err(odd);
            }
        }
        self.flush();
        let _ = self.send(Token::DoctypeToken(doctype));
        self.pos = i + 1;
        Ok(())
    }

    /// A quoted doctype identifier at `at` without `>` in it, and the
    /// position after its closing quote.
    fn doctype_id(&self, at: usize) -> Result<(StrTendril, usize), Fallback> {
        let quote = match self.b.get(at) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Err(Fallback::OddDoctype),
        };
        let len = memchr::memchr(quote, &self.b[at + 1..]).ok_or(Fallback::Eof)?;
        let id = &self.b[at + 1..at + 1 + len];
        if id.contains(&b'>') {
            return Err(Fallback::OddDoctype);
        }
        Ok((
            StrTendril::from_slice(&self.src[at + 1..at + 1 + len]),
            at + 2 + len,
        ))
    }

    /// A start or end tag whose name starts at `at`; sends it and follows
    /// the tree builder into a raw text state if it asks.
    fn tag(&mut self, at: usize, kind: TagKind) -> Result<(), Fallback> {
        let b = self.b;
        let len = b.len();
        let start = kind == TagKind::StartTag;
        let mut i = at;
        while i < len && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        let name = atom(&self.src[at..i]);
        // Where the pre-pass would blank, its reading of the tag: unread
        // attributes go, and what follows the tag is asked of it below.
        let blanks = start && self.blanks_at(at - 1);
        let drop_unread = blanks && !prepass::keeps_all_attributes(name.as_bytes());
        let mut max_attributes = self.budget.max_attributes;
        if let Some(blanking) = self.blanking.as_ref().filter(|_| blanks) {
            max_attributes = max_attributes.min(blanking.max_attributes);
        }
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut self_closing = false;
        let mut count = 0usize;
        let mut duplicates = false;
        // The raw value of the first `type` attribute.
        let mut type_value = None;
        loop {
            // Before attribute name.
            i = skip_space(b, i);
            match *b.get(i).ok_or(Fallback::Eof)? {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' => {
                    i += 1;
                    if *b.get(i).ok_or(Fallback::Eof)? == b'>' {
                        self_closing = true;
                        i += 1;
                        break;
                    }
                    continue;
                }
                _ => {}
            }
            // Attribute name: its first character may be `=`.
            let name_start = i;
            i += 1;
            while i < len && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let attr_name = &self.src[name_start..i];
            i = skip_space(b, i);
            // The raw value, if any.
            let mut value = None;
            if b.get(i) == Some(&b'=') {
                i = skip_space(b, i + 1);
                match *b.get(i).ok_or(Fallback::Eof)? {
                    q @ (b'"' | b'\'') => {
                        let n = memchr::memchr(q, &b[i + 1..]).ok_or(Fallback::Eof)?;
                        value = Some((i + 1, i + 1 + n));
                        i += n + 2;
                    }
                    b'>' => {}
                    _ => {
                        let start = i;
                        while i < len && !is_space(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                        if i == len {
                            return Err(Fallback::Eof);
                        }
                        value = Some((start, i));
                    }
                }
            }
            count += 1;
            if blanks && type_value.is_none() && attr_name.eq_ignore_ascii_case("type") {
                type_value = Some(value.unwrap_or((i, i)));
            }
            if drop_unread && !prepass::is_read_attribute(attr_name.as_bytes()) {
                continue;
            }
            let attr_name = atom(attr_name);
            if attrs.iter().any(|a| a.name.local == attr_name) {
                duplicates = true;
            } else {
                attrs.push(Attribute {
                    name: QualName::new(None, ns!(), attr_name),
                    value: value.map_or_else(StrTendril::new, |(s, e)| self.attr_value(s, e)),
                });
            }
        }
        if start && count > max_attributes {
            return Err(Fallback::OverBudget);
        }
        self.flush();
        self.pos = i;
        let tag = Tag {
            kind,
            name: name.clone(),
            self_closing,
            attrs,
            had_duplicate_attributes: duplicates,
        };
        if (self.budget.over)(&tag, self.pos) {
            return Err(Fallback::OverBudget);
        }
        let answer = self.send(Token::TagToken(tag));
        if blanks {
            let json_ld = || {
                name == local_name!("script")
                    && type_value.is_some_and(|(s, e)| prepass::is_json_ld_type(&b[s..e]))
            };
            let after = prepass::after_start_tag(b, i, name.as_bytes(), self_closing, json_ld);
            self.skip(after);
        }
        match answer {
            TokenSinkResult::RawData(raw) if start => self.raw(raw, &name),
            TokenSinkResult::Plaintext => Err(Fallback::Plaintext),
            TokenSinkResult::Script(_) | TokenSinkResult::EncodingIndicator(_) => {
                // html5ever's driver feeds the tokenizer again after these,
                // and every feed drops a U+FEFF that comes first.
                if self.b[self.pos..].starts_with(BOM.as_bytes()) {
                    self.pos += BOM.len();
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Whether the pre-pass would blank markup starting at `at`.
    fn blanks_at(&self, at: usize) -> bool {
        self.blanking.as_ref().is_some_and(|b| at >= b.kept_until)
    }

    /// Skips what the pre-pass blanks after a start tag that ends at
    /// `self.pos`, sending what it leaves in its place.
    fn skip(&mut self, after: After) {
        let Some(blanking) = &mut self.blanking else {
            return;
        };
        match after {
            After::Markup => {}
            After::Blank { end, with } => {
                if end > self.pos + with.len() {
                    with.chars().for_each(|c| self.push_char(c));
                    self.pos = end;
                }
            }
            After::Kept { end } => blanking.kept_until = end,
            After::Stop => self.blanking = None,
        }
    }

    /// An attribute value from `start` to `end`, references decoded.
    fn attr_value(&self, start: usize, end: usize) -> StrTendril {
        let span = &self.b[start..end];
        let Some(first) = memchr::memchr(b'&', span) else {
            return self.input.subtendril(start as u32, (end - start) as u32);
        };
        let mut value = StrTendril::new();
        let (src, b) = (&self.src[..end], &self.b[..end]);
        let mut at = start;
        let mut amp = start + first;
        loop {
            value.push_slice(&src[at..amp]);
            match char_ref(src, b, amp, true) {
                Some(r) => {
                    for &c in &r.chars[..r.len] {
                        value.push_char(c);
                    }
                    at = r.end;
                }
                None => {
                    value.push_char('&');
                    at = amp + 1;
                }
            }
            match memchr::memchr(b'&', &b[at..]) {
                Some(n) => amp = at + n,
                None => break,
            }
        }
        value.push_slice(&src[at..end]);
        value
    }

    /// The text of a raw text element (RCDATA: `<title>`, `<textarea>`;
    /// RAWTEXT: `<style>`...; script data) up to its end tag, which is
    /// tokenized as a tag.
    fn raw(&mut self, kind: RawKind, name: &LocalName) -> Result<(), Fallback> {
        let b = self.b;
        let len = b.len();
        let rcdata = matches!(kind, RawKind::Rcdata);
        let script = matches!(kind, RawKind::ScriptData);
        if !rcdata && !script && !matches!(kind, RawKind::Rawtext) {
            return Err(Fallback::ScriptEscape);
        }
        loop {
            let found = if rcdata {
                memchr::memchr2(b'<', b'&', &b[self.pos..])
            } else {
                memchr::memchr(b'<', &b[self.pos..])
            };
            let Some(n) = found else {
                self.push_raw(self.pos, len);
                self.pos = len;
                return Ok(());
            };
            let at = self.pos + n;
            self.push_raw(self.pos, at);
            self.pos = at;
            if b[at] == b'&' {
                self.text_char_ref(at);
                continue;
            }
            if b.get(at + 1) == Some(&b'/') {
                let mut i = at + 2;
                while i < len && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if i == len {
                    return Err(Fallback::Eof);
                }
                let run = &b[at + 2..i];
                let appropriate = run.eq_ignore_ascii_case(name.as_bytes())
                    && (is_space(b[i]) || matches!(b[i], b'/' | b'>'));
                if appropriate {
                    return self.tag(at + 2, TagKind::EndTag);
                }
                self.push_raw(at, i);
                self.pos = i;
                continue;
            }
            if script && b.get(at + 1) == Some(&b'!') {
                match b.get(at + 2..at + 4) {
                    Some(b"--") => return Err(Fallback::ScriptEscape),
                    Some(_) => {}
                    None => return Err(Fallback::Eof),
                }
            }
            self.push_raw(at, at + 1);
            self.pos = at + 1;
        }
    }
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tree::{Document, Sink};
    use html5ever::tokenizer::{BufferQueue, Tokenizer as Html5everTokenizer};
    use html5ever::tree_builder::{TreeBuilder, TreeSink};
    use html5ever::TokenizerResult;
    use std::cell::RefCell;

    /// A tree builder that records the tokens it is given.
    struct Recorder {
        builder: TreeBuilder<u32, Sink>,
        tokens: RefCell<Vec<Token>>,
    }

    impl Recorder {
        fn new() -> Recorder {
            Recorder {
                builder: TreeBuilder::new(Sink::new(), Default::default()),
                tokens: RefCell::new(Vec::new()),
            }
        }

        /// The tokens without parse errors, adjacent text merged.
        fn tokens(self) -> Vec<Token> {
            let mut out: Vec<Token> = Vec::new();
            for token in self.tokens.into_inner() {
                match (token, out.last_mut()) {
                    (Token::ParseError(_), _) => {}
                    (Token::CharacterTokens(t), Some(Token::CharacterTokens(last))) => {
                        last.push_tendril(&t)
                    }
                    (token, _) => out.push(token),
                }
            }
            out
        }
    }

    fn copy(token: &Token) -> Token {
        match token {
            Token::DoctypeToken(d) => Token::DoctypeToken(d.clone()),
            Token::TagToken(t) => Token::TagToken(t.clone()),
            Token::CommentToken(t) => Token::CommentToken(t.clone()),
            Token::CharacterTokens(t) => Token::CharacterTokens(t.clone()),
            Token::NullCharacterToken => Token::NullCharacterToken,
            Token::EOFToken => Token::EOFToken,
            Token::ParseError(e) => Token::ParseError(e.clone()),
        }
    }

    impl TokenSink for Recorder {
        type Handle = u32;
        fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<u32> {
            self.tokens.borrow_mut().push(copy(&token));
            self.builder.process_token(token, line)
        }
        fn end(&self) {
            self.builder.end()
        }
        fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
            self.builder
                .adjusted_current_node_present_but_not_in_html_namespace()
        }
    }

    /// html5ever's tokens for `html`, as its driver produces them.
    fn html5ever_tokens(html: &str) -> Vec<Token> {
        let queue = BufferQueue::default();
        queue.push_back(StrTendril::from_slice(html));
        let tokenizer = Html5everTokenizer::new(Recorder::new(), Default::default());
        while !matches!(tokenizer.feed(&queue), TokenizerResult::Done) {}
        tokenizer.end();
        tokenizer.sink.tokens()
    }

    /// Our tokens for `html` read as `reading`, or why it falls back.
    fn tokens_read(html: &str, reading: Reading) -> Result<Vec<Token>, Fallback> {
        let recorder = Recorder::new();
        feed(html, &recorder, &Budget::NONE, reading)?;
        Ok(recorder.tokens())
    }

    /// Our tokens for `html`, or why it falls back.
    fn our_tokens(html: &str) -> Result<Vec<Token>, Fallback> {
        tokens_read(html, Reading::Whole)
    }

    /// Whether `page` is tokenized in a blanked reading; if it is, checks
    /// that the tokens are html5ever's for the page the pre-pass leaves,
    /// and so is the tree. Newlines are normalised first, as the tokenizer
    /// does before it reads (the pre-pass reads them raw, so a script body
    /// of `\r\n` is two bytes to it and worth blanking).
    ///
    /// Tokens are compared without their self-closing flags: dropping `x`
    /// from `<p / x>` leaves the pre-pass with `<p />`, where the tokenizer
    /// reads on from the page's bytes. The trees say the flag is ignored
    /// there (it counts only in SVG and MathML, whose tags keep their
    /// attributes).
    fn blanked_as_stripped(page: &str) -> bool {
        let page = page.replace("\r\n", "\n").replace('\r', "\n");
        let budgets = crate::Budgets::default();
        let reading = Reading::Blanked {
            max_attributes: budgets.max_attributes,
        };
        let recorder = Recorder::new();
        if feed(&page, &recorder, &Budget::NONE, reading).is_err() {
            return false;
        }
        let stripped = prepass::strip(&page, &budgets);
        let builder = TreeBuilder::new(Sink::new(), Default::default());
        feed(&page, &builder, &Budget::NONE, reading).expect("read once already");
        let tree = builder.sink.finish().dump();
        assert_eq!(tree, Document::parse(&stripped).dump(), "tree of {page:?}");
        let unflagged = |mut tokens: Vec<Token>| {
            for token in &mut tokens {
                if let Token::TagToken(tag) = token {
                    tag.self_closing = false;
                }
            }
            tokens
        };
        assert_eq!(
            unflagged(recorder.tokens()),
            unflagged(html5ever_tokens(&stripped)),
            "tokens of {page:?}"
        );
        true
    }

    /// Checks that `html` is tokenized by us (no fallback) into html5ever's
    /// tokens and parsed into the same tree.
    fn same(html: &str) {
        let ours = our_tokens(html).unwrap_or_else(|f| panic!("{html:?} fell back: {f:?}"));
        assert_eq!(ours, html5ever_tokens(html), "tokens of {html:?}");
        assert_eq!(
            Document::parse(html).dump(),
            Document::parse_html5ever(html).dump(),
            "tree of {html:?}"
        );
    }

    #[test]
    fn common_markup_is_tokenized_as_html5ever_does() {
        let pages = [
            "",
            "plain text only",
            "<!DOCTYPE html><html><head><title>T</title></head><body><p>Hi</p></body></html>",
            "<!doctype HTML>\n<P CLASS=Lead ID='x'>Upper<BR/>case</P>",
            "<p>a &amp; b &lt;c&gt; &copy &copy; &notit; &notin; &noti &#65;&#x42;&#X43; &#0; &#128; &#x9F; &#xD800; &#1114112; &#99999999999; &#; &#x; &; &unknown; & x</p>",
            "<p>&amp",
            "<p>&#65",
            "<p>trailing &",
            "<a href=\"?a=1&amp;b=2&copy=3&copy;&copyx&copy&lt=4\" title='&quot;q&quot;' data-x=&amp;y>l</a>",
            "<a href=/a/b/ class=x/>unquoted slash</a><img src=x.png alt= spaced >",
            "<div a=1 A=2 b='3' a=4 c d=\"\" =e f= >dup</div>",
            "<br/><br /><img src=a /><div/>self-closing div</div><p/ x>",
            "<p>one\r\ntwo\rthree\n\rfour</p><textarea>\r\nfirst</textarea><pre>\r\n\nline</pre>",
            "<pre>\nskipped lf</pre><pre>&#10;ref lf</pre><pre>&#10 no semicolon</pre><listing>\nx</listing>",
            "<title>a &amp; b </title > <b>x</b>",
            "<title>a <b> &lt; </titlex> </title >x",
            "<textarea>x</textarea\ty=1>after",
            "<script>if (a < b && c > d) { s = '</scr' + 'ipt>'; }</script><p>after</p>",
            "<script type=text/template><div></div></SCRIPT ><p>after</p>",
            "<script><!x </script>",
            "<style>p > a { content: '&amp;' }</style><xmp><b>&amp;</b></xmp><iframe><p>i</p></iframe>",
            "<noembed><p></noembed><noframes><p></noframes><noscript><p>ns</p></noscript>",
            "<table> <tr> <td> a </td>\n</tr>\n</table>   <p>  </p> \n\t ",
            "<table>x<tr>y</tr></table>",
            "<!-- a comment --><!----><!-- <!-- nested --><!-- a -- b --- c ---><!---x-->",
            "<p>a</>b</p><? pi ?><!bogus><!-x-><p>c</p><!x>",
            "</ x><p>y</p>",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><p>x</p><table><p>q</p></table>",
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"><p>quirks<table>t</table>",
            "<!DOCTYPE html SYSTEM 'about:legacy-compat' ><p>x</p>",
            "<!doctype html public '-//W3C//DTD HTML 4.0//EN' >x",
            "<svg viewBox='0 0 1 1'><path d='M0 0'/><title>t &amp;</title></svg><math><mi>x</mi></math>",
            "<a href=x>1<div>2<a>3</a></div></a><b><i>x</b>y</i>",
            "<p>caf\u{e9} \u{1F600} <span title='\u{fc}ber'>\u{fc}</span></p><\u{e9}>",
            "\u{feff}<p>bom at start</p>",
            "<p>a < b <3 <= c</p><a<b>",
            "<div\nclass\n=\n\"x\"\n>nl</div>",
            "<a href='x'title=\"y\">no space</a><a b=c/>",
            "<body><p>x</p></body></html>\n\n<!-- after -->\n",
            "<html><body></body></html>trailing<p>x",
            "<frameset><frame></frameset>",
            "<select><option>a<option>b</select><template><p>t</template>",
            "<p>&NewLine;&Tab;&nbsp;&AMP;&amp;amp; &acE; &ampx; &amp=</p><a title='&amp=&ampx'>",
        ];
        for page in pages {
            same(page);
        }
    }

    #[test]
    fn byte_order_marks_and_cdata() {
        same("\u{feff}\u{feff}<p>a\u{feff}b</p><b title='\u{feff}'>\u{feff}</b>");
        same("<script>x</script>\u{feff}<p>y</p><script></script>\u{feff}\u{feff}z");
        same("<head><meta charset=utf-8>\u{feff}<meta http-equiv=Content-Type content='text/html; charset=utf-8'>\u{feff}<title>t</title>");
        same("<body><meta charset=utf-8>\u{feff}x");
        same("<svg><![CDATA[x < y ]] ]]]><p>]]></p></svg><math><![CDATA[]]></math>");
        same("<p><![CDATA[x]]></p><div><svg><foreignObject><![CDATA[h]]></foreignObject></svg>");
    }

    #[test]
    fn whitespace_only_text_keeps_its_place() {
        same("<html> <head> <meta charset=utf-8> </head> <body> <p> </p> </body> </html> ");
        same("<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
    }

    #[test]
    fn odd_constructs_fall_back_and_still_parse_the_same() {
        let cases = [
            ("<p>a\0b</p>", Fallback::Nul),
            ("<plaintext><p>x", Fallback::Plaintext),
            (
                "<script><!-- x </script> y --></script>",
                Fallback::ScriptEscape,
            ),
            ("<!-->x and more", Fallback::OddComment),
            ("<!--->x and more", Fallback::OddComment),
            ("<!-- a --!>b and more", Fallback::OddComment),
            ("<!-- a --!-->b and more", Fallback::OddComment),
            ("<!DOCTYPE>x", Fallback::OddDoctype),
            ("<!DOCTYPEhtml>x", Fallback::OddDoctype),
            ("<!DOCTYPE html PUBLIC>x", Fallback::OddDoctype),
            ("<!DOCTYPE html PUBLIC \"a>b\">x", Fallback::OddDoctype),
            ("<!DOCTYPE html PUBLIC \"a\"\"b\">x", Fallback::OddDoctype),
            ("<!DOCTYPE html SYSTEM \"a\" \"b\">x", Fallback::OddDoctype),
            ("<!DOCTYPE html bogus>x", Fallback::OddDoctype),
            ("<p>x<", Fallback::Eof),
            ("<p>x</", Fallback::Eof),
            ("<p class=\"x", Fallback::Eof),
            ("<p class=x", Fallback::Eof),
            ("<p class", Fallback::Eof),
            ("<p/", Fallback::Eof),
            ("<!-- x", Fallback::Eof),
            ("<!-", Fallback::Eof),
            ("<? x", Fallback::Eof),
            ("<title>x</tit", Fallback::Eof),
            ("<script>x<!-", Fallback::Eof),
            ("<script>never closed < </ </x", Fallback::Eof),
            ("<!-->", Fallback::OddComment),
            ("<textarea>t</textarea ", Fallback::Eof),
            ("<!doc", Fallback::Eof),
            ("<![CDA", Fallback::Eof),
            ("<svg><![CDATA[x]>", Fallback::Eof),
        ];
        for (page, reason) in cases {
            assert_eq!(our_tokens(page).err(), Some(reason), "{page:?}");
            assert_eq!(
                Document::parse(page).dump(),
                Document::parse_html5ever(page).dump(),
                "tree of {page:?}"
            );
        }
    }

    #[test]
    fn a_blanked_reading_sends_the_tokens_of_the_stripped_page() {
        let pages = [
            "<head><style>p{}</style><script>var a = '</scr' + 'ipt>';</script></head><body><!-- c --><p class=a data-x=1 onclick=f() id=b>x</p></body>",
            r#"<script type="application/ld+json">{"a":1}</script><script TYPE=' Application/LD+JSON '>{}</script><script type="application/ld&#43;json">{}</script>"#,
            r#"<script type=text/javascript type="application/ld+json">{}</script><script type>x</script><script type=>x</script>"#,
            "<script><!-- document.write('<script>x()</script>'); --></script><p>after</p>",
            "<script><!-- a = '</script>'; --></script><p>after</p>",
            "<script>;</script><style>x</style><script></script><style></style>",
            "<p>a<svg viewBox='0 0 1 1' data-x=1><path d='M0'/><title>t</title><!-- s --></svg>b</p>",
            "<svg/><!-- c --><svg><![CDATA[x]]></svg><p data-a=1>x</p>",
            "<svg><p>x</p></svg><script>kept</script><!-- kept -->",
            "<math><mi>x</mi><!-- k --></math><!-- gone --><p data-a=1>x</p>",
            "<noscript><!-- k --><p data-a=1>n</p></noscript><!-- g -->",
            "<select><xmp><!-- k --><script>x</script></xmp></select><!-- g -->",
            "<select><style>a{}</style><script>b</script></select>",
            "<textarea><!-- k --></textarea><!-- g --><title><script>x</script></title>",
            "<template><!-- t --><p data-a=1>t</p><script>s</script></template>",
            "<my-very-long-custom-element-name-x data-a=1>x</my-very-long-custom-element-name-x>",
            "<b data-x=1>b</b><a data-y=2 href=/>a</a><font face=x data-z=3>f</font>",
            "<div data-a=1 class=x data-a=2 class=y id=z DATA-B=3 Class=w>d</div>",
            "<div title='a>b' data-x=\"<script>\" role=main>x</div>",
            "<frameset><frame></frameset><!-- after -->",
            "<table><tr><td data-x=1><style>td{}</style>c</td></tr></table>",
            "<p>one\r\ntwo</p><script>\r\n</script><script>\r\nx</script>",
            "<script>never closed",
            "<style>x{}",
        ];
        for page in pages {
            assert!(blanked_as_stripped(page), "{page:?} fell back");
        }
    }

    #[test]
    fn names_are_atoms_of_their_lowercase() {
        use string_cache::StaticAtomSet;
        // The static set holds the names of more than seven bytes; shorter
        // ones are atoms of their own bytes.
        let long = html5ever::LocalNameStaticSet::get().atoms;
        let short = [
            "a", "b", "p", "div", "span", "img", "li", "ul", "svg", "path", "g", "use", "meta",
            "link", "time", "class", "id", "href", "src", "type", "rel", "alt", "role", "style",
            "lang", "name", "content", "srcset", "sizes", "width", "height", "target", "my-x",
        ];
        let mut common = 0;
        for name in long.iter().chain(&short) {
            common += usize::from(common_atom(name.as_bytes()).is_some());
            let lower = LocalName::from(name.to_ascii_lowercase());
            assert_eq!(atom(name), lower, "{name}");
            assert_eq!(atom(&name.to_ascii_uppercase()), lower, "{name}");
        }
        assert!(common >= short.len() - 1, "{common} common names");
        assert_eq!(atom("My-Widget"), LocalName::from("my-widget"));
    }

    #[test]
    fn newlines_are_normalised_as_by_replacing_cr_lf_then_cr() {
        for html in [
            "",
            "\r",
            "\n",
            "\r\n",
            "\n\r",
            "\r\r\n",
            "a\rb\r\nc\n\rd\r",
            "\r\n\r\n",
            "é\r\ré",
            "no cr at all",
        ] {
            let expected = html.replace("\r\n", "\n").replace('\r', "\n");
            assert_eq!(normalize_newlines(html), expected, "{html:?}");
        }
        assert!(matches!(normalize_newlines("a\nb"), Cow::Borrowed(_)));
    }

    proptest::proptest! {
        #[test]
        fn newlines_are_normalised_as_by_replacing_any_text(html in "[\r\na é]{0,30}") {
            let expected = html.replace("\r\n", "\n").replace('\r', "\n");
            proptest::prop_assert_eq!(normalize_newlines(&html), expected);
        }
    }

    #[test]
    fn raw_text_to_the_end_of_the_page() {
        same("<title>never closed &amp; more");
        same("<script>never closed < </ </x ");
        same("<style>a{}");
        same("<textarea>t</textareax y");
    }

    /// Every page of the fuzz corpus: the same tree either way, the same
    /// tokens as html5ever's wherever ours are used, and in a blanked
    /// reading the tokens of the page the pre-pass leaves.
    #[test]
    fn fuzz_corpus_pages_parse_the_same() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/page");
        let mut tokenized = 0;
        let mut blanked = 0;
        for entry in std::fs::read_dir(dir).expect("fuzz/corpus/page") {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            let page = String::from_utf8_lossy(&bytes);
            if let Ok(ours) = our_tokens(&page) {
                assert_eq!(ours, html5ever_tokens(&page), "tokens of {page:?}");
                tokenized += 1;
            }
            if blanked_as_stripped(&page) {
                blanked += 1;
            }
            assert_eq!(
                Document::parse(&page).dump(),
                Document::parse_html5ever(&page).dump(),
                "tree of {page:?}"
            );
        }
        assert!(tokenized > 100, "only {tokenized} corpus pages tokenized");
        assert!(blanked > 100, "only {blanked} corpus pages read blanked");
    }
}
