//! What of a page extraction never reads, and the pre-pass that blanks it:
//! an HTML string in, the same page with those bodies blanked out.
//!
//! About half the bytes of a news page sit in `<script>` and `<style>`
//! bodies, inline `<svg>` drawings and HTML comments. html5ever would
//! tokenize them and build nodes nobody looks at. One linear scan (memchr
//! over `<`) finds them as the HTML tokenizer does and records edits:
//!
//! - a `<script>` body becomes one space (so the element keeps its one text
//!   child), unless the script is JSON-LD (`type="application/ld+json"`),
//!   which metadata and page-type detection read; its end is found with the
//!   tokenizer's script data states (`<!--` and `<script>` inside a script
//!   put off its end);
//! - a `<style>` body becomes one space;
//! - an `<svg>` element loses its content (its start and end tags stay),
//!   when that content stays foreign content throughout: no tag that breaks
//!   out of it into HTML, no HTML inside `<foreignObject>`, `<title>` or
//!   `<desc>`, every end tag matching an element opened inside it;
//! - a comment loses its text (`<!--x-->` becomes `<!---->`);
//! - a start tag loses the attributes nothing reads ([`READ_ATTRIBUTES`]
//!   lists those kept: what extraction and metadata read, and what the
//!   tree builder looks at), unless it is a formatting element (the parser
//!   tells those apart by all their attributes), a `<template>`, `<svg>` or
//!   `<math>`, or has more attributes than [`Budgets::max_attributes`]
//!   (the guard cuts those by position).
//!
//! `<noscript>`, `<template>`, `<textarea>`, `<title>` and the other raw
//! text elements are skipped unchanged (extraction reads `<noscript>`
//! markup on pages that put their content there).
//!
//! Where the scan cannot be sure of the tokenizer's state (markup it does
//! not model: `<plaintext>`, `<frameset>`, an `<svg>` or `<math>` element
//! that does not stay foreign, a tag cut off by the end of the page) it
//! stops, and the rest of the page is passed on unchanged: stopping is
//! always safe. A page with nothing to blank is returned borrowed.
//!
//! Most pages are not copied at all: the tokenizer reads the page as this
//! scan would leave it ([`Reading::Blanked`](super::tokenize::Reading)),
//! asking `after_start_tag` what follows each start tag, and skips what
//! it would blank. [`strip`] makes the copy for the pages the guard must
//! scan first (long, deep or odd ones).
//!
//! `scripts/prepass_equality.py` checks on every development page that the
//! full output (`--to json --explain`) is the same with and without it.

use crate::config::Budgets;
use std::borrow::Cow;

/// The page with the bodies of scripts, styles, inline SVG and comments,
/// and the attributes nothing reads, blanked (see the module docs).
///
/// ```
/// use thresh::internals::prepass::strip;
/// let page = "<style>p{color:red}</style><p data-x=1 class=a>Kept</p><!-- note --><script>if (a < b) run()</script>";
/// assert_eq!(
///     strip(page, &thresh::Budgets::default()),
///     "<style> </style><p class=a>Kept</p><!----><script> </script>"
/// );
/// ```
pub fn strip<'a>(html: &'a str, budgets: &Budgets) -> Cow<'a, str> {
    let edits = Scan::new(html.as_bytes(), budgets.max_attributes).run();
    if edits.is_empty() {
        return Cow::Borrowed(html);
    }
    let removed: usize = edits.iter().map(|e| e.end - e.start).sum();
    let mut out = String::with_capacity(html.len() - removed + edits.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&html[at..e.start]);
        out.push_str(e.with);
        at = e.end;
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

/// A byte range to replace; edits come in page order and never overlap.
/// Both ends sit next to ASCII bytes (`<`, `>`), so they are char
/// boundaries.
#[derive(Debug, PartialEq, Eq)]
struct Edit {
    start: usize,
    end: usize,
    with: &'static str,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Longest element name the scan reads (SVG has names such as
/// `feComponentTransfer`); a longer one inside `<svg>` stops the scan.
const NAME_LEN: usize = 24;

/// A tag as the tokenizer reads it.
struct Tag {
    /// The ASCII-lowercased name, when at most [`NAME_LEN`] bytes; empty
    /// otherwise (no name the scan acts on is longer).
    name: [u8; NAME_LEN],
    name_len: usize,
    /// Ends in `/>`.
    self_closing: bool,
    /// Position after the closing `>`.
    end: usize,
    /// The value of the first `type` attribute, raw.
    type_value: Option<(usize, usize)>,
}

impl Tag {
    fn name(&self) -> &[u8] {
        &self.name[..self.name_len]
    }
}

/// Reads the tag whose name starts at `at` (just after `<` or `</`), as the
/// tokenizer does: names end at whitespace, `/` or `>`; attribute values
/// are quoted or end at whitespace or `>`. `None` when the page ends first.
fn read_tag(b: &[u8], at: usize) -> Option<Tag> {
    let mut i = at;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let mut name = [0u8; NAME_LEN];
    let name_len = if i - at <= NAME_LEN { i - at } else { 0 };
    for (slot, &c) in name.iter_mut().zip(&b[at..at + name_len]) {
        *slot = c.to_ascii_lowercase();
    }
    let mut type_value = None;
    let mut seen_type = false;
    loop {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        match b.get(i)? {
            b'>' => {
                return Some(Tag {
                    name,
                    name_len,
                    self_closing: false,
                    end: i + 1,
                    type_value,
                })
            }
            b'/' => {
                i += 1;
                if b.get(i) == Some(&b'>') {
                    return Some(Tag {
                        name,
                        name_len,
                        self_closing: true,
                        end: i + 1,
                        type_value,
                    });
                }
                continue;
            }
            _ => {}
        }
        // An attribute name; its first character may be `=`.
        let name_start = i;
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let is_type = b[name_start..i].eq_ignore_ascii_case(b"type");
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            if is_type && !seen_type {
                seen_type = true;
                type_value = Some((i, i));
            }
            continue;
        }
        i += 1;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let value = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let j = memchr::memchr(q, &b[i + 1..])?;
                let value = (i + 1, i + 1 + j);
                i += j + 2;
                value
            }
            _ => {
                let from = i;
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                (from, i)
            }
        };
        // The first of duplicate attributes wins.
        if is_type && !seen_type {
            seen_type = true;
            type_value = Some(value);
        }
    }
}

/// Whether an end tag named `name` (lowercase) starts at `lt`: `</name`
/// followed by whitespace, `/` or `>`, as the tokenizer ends raw text.
fn is_end_tag(b: &[u8], lt: usize, name: &[u8]) -> bool {
    let after = lt + 2 + name.len();
    after < b.len()
        && b[lt + 1] == b'/'
        && b[lt + 2..after].eq_ignore_ascii_case(name)
        && (is_space(b[after]) || b[after] == b'/' || b[after] == b'>')
}

/// Where the raw text (RAWTEXT or RCDATA) of element `name` starting at
/// `from` ends: the `<` of its end tag, or the end of the page.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(j) = memchr::memchr(b'<', &b[at..]) {
        let lt = at + j;
        if is_end_tag(b, lt, name) {
            return lt;
        }
        at = lt + 1;
    }
    b.len()
}

/// The tokenizer's script data states.
#[derive(Clone, Copy)]
enum Script {
    Data,
    Escaped,
    EscapedDash,
    EscapedDashDash,
    DoubleEscaped,
    DoubleEscapedDash,
    DoubleEscapedDashDash,
}

/// Where the script data starting at `from` ends: the `<` of its
/// `</script` end tag, or the end of the page. `<!--` switches to the
/// escaped states, where `<script` (double escaped) makes `</script` part of
/// the script until the next `-->`.
fn script_end(b: &[u8], from: usize) -> usize {
    let mut state = Script::Data;
    let mut i = from;
    while i < b.len() {
        match state {
            Script::Data => {
                let Some(j) = memchr::memchr(b'<', &b[i..]) else {
                    return b.len();
                };
                let lt = i + j;
                if is_end_tag(b, lt, b"script") {
                    return lt;
                }
                if b[lt + 1..].starts_with(b"!--") {
                    state = Script::EscapedDashDash;
                    i = lt + 4;
                } else {
                    i = lt + 1;
                }
            }
            Script::Escaped | Script::DoubleEscaped => {
                let Some(j) = memchr::memchr2(b'-', b'<', &b[i..]) else {
                    return b.len();
                };
                let at = i + j;
                let double = matches!(state, Script::DoubleEscaped);
                if b[at] == b'-' {
                    state = if double {
                        Script::DoubleEscapedDash
                    } else {
                        Script::EscapedDash
                    };
                    i = at + 1;
                } else {
                    match escaped_less_than(b, at, double) {
                        Ok(end) => return end,
                        Err((next, to)) => (state, i) = (next, to),
                    }
                }
            }
            Script::EscapedDash | Script::DoubleEscapedDash => {
                let double = matches!(state, Script::DoubleEscapedDash);
                match b[i] {
                    b'-' => {
                        state = if double {
                            Script::DoubleEscapedDashDash
                        } else {
                            Script::EscapedDashDash
                        };
                        i += 1;
                    }
                    b'<' => match escaped_less_than(b, i, double) {
                        Ok(end) => return end,
                        Err((next, to)) => (state, i) = (next, to),
                    },
                    _ => {
                        state = if double {
                            Script::DoubleEscaped
                        } else {
                            Script::Escaped
                        };
                        i += 1;
                    }
                }
            }
            Script::EscapedDashDash | Script::DoubleEscapedDashDash => {
                let double = matches!(state, Script::DoubleEscapedDashDash);
                match b[i] {
                    b'-' => i += 1,
                    b'<' => match escaped_less_than(b, i, double) {
                        Ok(end) => return end,
                        Err((next, to)) => (state, i) = (next, to),
                    },
                    b'>' => {
                        state = Script::Data;
                        i += 1;
                    }
                    _ => {
                        state = if double {
                            Script::DoubleEscaped
                        } else {
                            Script::Escaped
                        };
                        i += 1;
                    }
                }
            }
        }
    }
    b.len()
}

/// The `<` at `lt` in an (optionally double) escaped script: `Ok` with the
/// script's end when it starts `</script`, else the state and position to
/// go on from.
fn escaped_less_than(b: &[u8], lt: usize, double: bool) -> Result<usize, (Script, usize)> {
    let back = if double {
        Script::DoubleEscaped
    } else {
        Script::Escaped
    };
    let closing = b.get(lt + 1) == Some(&b'/');
    if !double && closing {
        if is_end_tag(b, lt, b"script") {
            return Ok(lt);
        }
        return Err((back, lt + 2));
    }
    // Double escape start (`<name`, escaped) or end (`</name`, double escaped).
    let from = lt + 1 + usize::from(closing);
    if double && !closing {
        return Err((back, lt + 1));
    }
    let mut k = from;
    while k < b.len() && b[k].is_ascii_alphabetic() {
        k += 1;
    }
    if k == from || k >= b.len() || !(is_space(b[k]) || b[k] == b'/' || b[k] == b'>') {
        return Err((back, k.max(lt + 1)));
    }
    let script = b[from..k].eq_ignore_ascii_case(b"script");
    let next = match (script, double) {
        (true, false) => Script::DoubleEscaped,
        (true, true) => Script::Escaped,
        (false, _) => back,
    };
    Err((next, k + 1))
}

/// Start tags that leave foreign content for HTML (`<font>` only with some
/// attributes; the scan treats every `<font>` so).
const BREAKOUT: &[&[u8]] = &[
    b"b",
    b"big",
    b"blockquote",
    b"body",
    b"br",
    b"center",
    b"code",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"em",
    b"embed",
    b"font",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"hr",
    b"i",
    b"img",
    b"li",
    b"listing",
    b"menu",
    b"meta",
    b"nobr",
    b"ol",
    b"p",
    b"pre",
    b"ruby",
    b"s",
    b"small",
    b"span",
    b"strong",
    b"strike",
    b"sub",
    b"sup",
    b"table",
    b"tt",
    b"u",
    b"ul",
    b"var",
];

/// Foreign elements whose content the parser reads as HTML.
const INTEGRATION_POINTS: &[&[u8]] = &[
    b"foreignobject",
    b"desc",
    b"title",
    b"mi",
    b"mo",
    b"mn",
    b"ms",
    b"mtext",
    b"annotation-xml",
];

/// Deepest nesting inside one `<svg>` or `<math>` the scan follows.
const MAX_FOREIGN_DEPTH: usize = 64;

/// Where the content of the `<svg>` or `<math>` element whose start tag ends
/// at `from` ends (the `<` of its end tag), if it stays foreign content up
/// to there; `None` if it might not, or the page ends first.
fn foreign_end(b: &[u8], from: usize, root: &[u8]) -> Option<usize> {
    let mut open: Vec<([u8; NAME_LEN], usize)> = Vec::with_capacity(8);
    let mut root_name = [0u8; NAME_LEN];
    root_name[..root.len()].copy_from_slice(root);
    open.push((root_name, root.len()));
    let mut i = from;
    loop {
        let lt = i + memchr::memchr(b'<', &b[i..])?;
        match b.get(lt + 1) {
            Some(c) if c.is_ascii_alphabetic() => {
                let tag = read_tag(b, lt + 1)?;
                let name = tag.name();
                let other_root = matches!(name, b"svg" | b"math") && name != root;
                if name.is_empty() || BREAKOUT.contains(&name) || other_root {
                    return None;
                }
                i = tag.end;
                if tag.self_closing {
                    continue;
                }
                if INTEGRATION_POINTS.contains(&name) {
                    // Text only, up to its own end tag.
                    let close = i + memchr::memchr(b'<', &b[i..])?;
                    if !is_end_tag(b, close, name) {
                        return None;
                    }
                    i = read_tag(b, close + 2)?.end;
                    continue;
                }
                if open.len() >= MAX_FOREIGN_DEPTH {
                    return None;
                }
                open.push((tag.name, tag.name_len));
            }
            Some(b'/') if b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => {
                let tag = read_tag(b, lt + 2)?;
                let name = tag.name();
                let at = open.iter().rposition(|(n, len)| &n[..*len] == name)?;
                if at == 0 {
                    return Some(lt);
                }
                open.truncate(at);
                i = tag.end;
            }
            Some(b'!') if b[lt..].starts_with(b"<![CDATA[") => {
                i = lt + 9 + memchr::memmem::find(&b[lt + 9..], b"]]>")? + 3;
            }
            Some(b'!') => i = markup_declaration_end(b, lt).1,
            Some(b'/' | b'?') => i = lt + 2 + memchr::memchr(b'>', &b[lt + 2..])? + 1,
            _ => i = lt + 1,
        }
    }
}

/// `<!...` at `lt` outside foreign content: a comment, doctype or bogus
/// comment. Returns the comment's text range (empty for the others) and
/// the position after it.
fn markup_declaration_end(b: &[u8], lt: usize) -> ((usize, usize), usize) {
    if !b[lt..].starts_with(b"<!--") {
        let end = memchr::memchr(b'>', &b[lt..]).map_or(b.len(), |j| lt + j + 1);
        return ((end, end), end);
    }
    let body = lt + 4;
    // `<!-->` and `<!--->` end at once.
    if b.get(body) == Some(&b'>') {
        return ((body, body), body + 1);
    }
    if b[body..].starts_with(b"->") {
        return ((body, body), body + 2);
    }
    let mut from = body;
    while let Some(j) = memchr::memchr(b'>', &b[from..]) {
        let gt = from + j;
        if gt >= body + 2 && &b[gt - 2..gt] == b"--" {
            return ((body, gt - 2), gt + 1);
        }
        if gt >= body + 3 && &b[gt - 3..gt] == b"--!" {
            return ((body, gt - 3), gt + 1);
        }
        from = gt + 1;
    }
    ((body, b.len()), b.len())
}

/// Raw text elements whose content is skipped unchanged.
const KEPT_RAW_TEXT: &[&[u8]] = &[
    b"noscript",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// Attributes kept on start tags: those extraction and metadata read
/// (`src/extract`), and those html5ever's tree builder looks at (`type` of
/// `<input>`, `color`, `face` and `size` of `<font>` in foreign content,
/// `encoding` of `<annotation-xml>`, `charset`, `http-equiv` and `content`
/// of `<meta>`, `shadowrootmode` of `<template>`). ASCII lowercase, sorted.
pub const READ_ATTRIBUTES: &[&[u8]] = &[
    b"aria-hidden",
    b"aria-modal",
    b"charset",
    b"class",
    b"color",
    b"content",
    b"datetime",
    b"encoding",
    b"face",
    b"hidden",
    b"href",
    b"http-equiv",
    b"id",
    b"itemprop",
    b"itemtype",
    b"lang",
    b"name",
    b"property",
    b"pubdate",
    b"rel",
    b"role",
    b"shadowrootmode",
    b"size",
    b"style",
    b"type",
    b"xml:lang",
];

/// Elements whose start tags keep all their attributes: the formatting
/// elements (the parser's "Noah's Ark" rule compares all their attributes,
/// and so does the guard), and those whose content the scan does not read
/// as HTML.
const ALL_ATTRIBUTES_KEPT: &[&[u8]] = &[
    b"a",
    b"b",
    b"big",
    b"code",
    b"em",
    b"font",
    b"i",
    b"nobr",
    b"s",
    b"small",
    b"strike",
    b"strong",
    b"tt",
    b"u",
    b"template",
    b"svg",
    b"math",
];

/// The attributes of the start tag whose attributes start at `from` (just
/// after its name) that are not in [`READ_ATTRIBUTES`], each as the range
/// from its name to the end of its value and the whitespace after it, into
/// `out`; returns how many attributes the tag has. Attributes are read as
/// in [`read_tag`]; `end` is the tag's end.
fn unread_attributes(b: &[u8], from: usize, end: usize, out: &mut Vec<(usize, usize)>) -> usize {
    out.clear();
    let mut count = 0;
    let mut i = from;
    while i < end {
        while i < end && is_space(b[i]) {
            i += 1;
        }
        match b.get(i) {
            None | Some(b'>') => break,
            Some(b'/') => {
                i += 1;
                continue;
            }
            _ => {}
        }
        count += 1;
        let name_start = i;
        i += 1;
        while i < end && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = &b[name_start..i];
        let mut j = i;
        while j < end && is_space(b[j]) {
            j += 1;
        }
        if b.get(j) == Some(&b'=') {
            j += 1;
            while j < end && is_space(b[j]) {
                j += 1;
            }
            match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    j = memchr::memchr(q, &b[j + 1..end]).map_or(end, |k| j + k + 2);
                }
                _ => {
                    while j < end && !is_space(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        let read = is_read_attribute(name);
        // The whitespace after it goes too: what came before it (a space,
        // `/`, a quote or the tag name's end) still separates what follows.
        let mut after = i;
        while after < end && is_space(b[after]) {
            after += 1;
        }
        if !read {
            out.push((name_start, after));
        }
        i = after;
    }
    count
}

/// What the scan makes of the content after a start tag: shared by
/// [`strip`] and the tokenizer's blanked reading
/// ([`Reading::Blanked`](super::tokenize::Reading)), so that both blank
/// the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum After {
    /// Markup, read on as usual.
    Markup,
    /// The content, up to `end` (the `<` of its end tag, or the end of the
    /// page), is replaced with `with` when that makes it shorter.
    Blank { end: usize, with: &'static str },
    /// The content, up to `end`, is kept as it is: nothing in it is blanked.
    Kept { end: usize },
    /// Markup the scan does not model: nothing after it is blanked.
    Stop,
}

/// What becomes of the content after the start tag named `name` (ASCII
/// lowercase) that ends at `from` in `b`, as the module docs say;
/// `json_ld` says whether the tag's first `type` is JSON-LD's
/// ([`is_json_ld_type`]), and is asked only of a `<script>`.
pub(super) fn after_start_tag(
    b: &[u8],
    from: usize,
    name: &[u8],
    self_closing: bool,
    json_ld: impl FnOnce() -> bool,
) -> After {
    match name {
        b"script" => {
            let end = script_end(b, from);
            if json_ld() {
                After::Kept { end }
            } else {
                After::Blank { end, with: " " }
            }
        }
        b"style" => After::Blank {
            end: raw_text_end(b, from, b"style"),
            with: " ",
        },
        name if KEPT_RAW_TEXT.contains(&name) => After::Kept {
            end: raw_text_end(b, from, name),
        },
        b"svg" | b"math" if !self_closing => match foreign_end(b, from, name) {
            None => After::Stop,
            Some(end) if name == b"svg" => After::Blank { end, with: "" },
            Some(end) => After::Kept { end },
        },
        b"plaintext" | b"frameset" => After::Stop,
        _ => After::Markup,
    }
}

/// Whether the raw value of a `<script>`'s first `type` attribute says it
/// holds JSON-LD (what the metadata reads). A value with character
/// references is taken to.
pub(super) fn is_json_ld_type(value: &[u8]) -> bool {
    value.contains(&b'&')
        || value
            .trim_ascii()
            .eq_ignore_ascii_case(b"application/ld+json")
}

/// Whether the start tag named `name` (ASCII lowercase) keeps all its
/// attributes (see [`ALL_ATTRIBUTES_KEPT`]); so does one whose name is
/// longer than any the scan reads.
pub(super) fn keeps_all_attributes(name: &[u8]) -> bool {
    name.len() > NAME_LEN || ALL_ATTRIBUTES_KEPT.contains(&name)
}

/// Whether an attribute named `name` (any case) is read: see
/// [`READ_ATTRIBUTES`].
pub(super) fn is_read_attribute(name: &[u8]) -> bool {
    READ_ATTRIBUTES.iter().any(|r| name.eq_ignore_ascii_case(r))
}

/// The scan over the page.
struct Scan<'a> {
    b: &'a [u8],
    edits: Vec<Edit>,
    /// Most attributes a start tag may have to lose some.
    max_attributes: usize,
    /// Scratch for [`unread_attributes`].
    unread: Vec<(usize, usize)>,
}

impl<'a> Scan<'a> {
    fn new(b: &'a [u8], max_attributes: usize) -> Scan<'a> {
        Scan {
            b,
            edits: Vec::new(),
            max_attributes,
            unread: Vec::new(),
        }
    }

    /// Drops the unread attributes of the start tag `tag`, whose name
    /// starts at `at`.
    fn drop_unread_attributes(&mut self, at: usize, tag: &Tag) {
        let name = tag.name();
        if name.is_empty() || keeps_all_attributes(name) {
            return;
        }
        let mut unread = std::mem::take(&mut self.unread);
        let count = unread_attributes(self.b, at + name.len(), tag.end, &mut unread);
        if count <= self.max_attributes {
            for &(start, end) in &unread {
                self.blank(start, end, "");
            }
        }
        self.unread = unread;
    }

    /// Replaces `start..end` with `with` when that makes the page shorter.
    fn blank(&mut self, start: usize, end: usize, with: &'static str) {
        if end > start + with.len() {
            self.edits.push(Edit { start, end, with });
        }
    }

    /// Scans the page in the tokenizer's data state; returns the edits.
    fn run(mut self) -> Vec<Edit> {
        let b = self.b;
        let mut i = 0;
        while let Some(j) = memchr::memchr(b'<', &b[i..]) {
            let lt = i + j;
            match b.get(lt + 1) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let Some(tag) = read_tag(b, lt + 1) else {
                        break;
                    };
                    self.drop_unread_attributes(lt + 1, &tag);
                    i = tag.end;
                    let json_ld = || self.is_json_ld(&tag);
                    match after_start_tag(b, i, tag.name(), tag.self_closing, json_ld) {
                        After::Markup => {}
                        After::Blank { end, with } => {
                            self.blank(i, end, with);
                            i = end;
                        }
                        After::Kept { end } => i = end,
                        After::Stop => break,
                    }
                }
                Some(b'/') => match b.get(lt + 2) {
                    Some(c) if c.is_ascii_alphabetic() => {
                        let Some(tag) = read_tag(b, lt + 2) else {
                            break;
                        };
                        i = tag.end;
                    }
                    Some(b'>') => i = lt + 3,
                    Some(_) => match memchr::memchr(b'>', &b[lt + 2..]) {
                        Some(k) => i = lt + 2 + k + 1,
                        None => break,
                    },
                    None => break,
                },
                Some(b'!') => {
                    let ((start, end), after) = markup_declaration_end(b, lt);
                    self.blank(start, end, "");
                    i = after;
                }
                Some(b'?') => match memchr::memchr(b'>', &b[lt + 2..]) {
                    Some(k) => i = lt + 2 + k + 1,
                    None => break,
                },
                _ => i = lt + 1,
            }
            if i >= b.len() {
                break;
            }
        }
        self.edits
    }

    /// Whether a script's start tag says it holds JSON-LD.
    fn is_json_ld(&self, tag: &Tag) -> bool {
        tag.type_value
            .is_some_and(|(s, e)| is_json_ld_type(&self.b[s..e]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(html: &str) -> String {
        strip(html, &Budgets::default()).into_owned()
    }

    #[test]
    fn script_and_style_bodies_become_a_space() {
        assert_eq!(
            stripped("<head><STYLE type=text/css>a{}</STYLE><Script>var a = 1;</sCRIPT ></head>"),
            "<head><STYLE type=text/css> </STYLE><Script> </sCRIPT ></head>"
        );
        // Empty bodies and one-byte bodies stay as they are.
        assert_eq!(
            stripped("<script></script><style>x</style>"),
            "<script></script><style>x</style>"
        );
    }

    #[test]
    fn json_ld_is_kept() {
        for page in [
            r#"<script type="application/ld+json">{"@type":"NewsArticle"}</script>"#,
            r#"<script type=application/ld+json>{"@type":"NewsArticle"}</script>"#,
            r#"<script TYPE=' Application/LD+JSON '>{"@type":"NewsArticle"}</script>"#,
            r#"<script type="application/ld&#43;json">{"@type":"NewsArticle"}</script>"#,
        ] {
            assert_eq!(stripped(page), page);
        }
        // The first `type` counts, as for the parser; other JSON goes.
        assert_eq!(
            stripped(r#"<script type=text/javascript type="application/ld+json">{}</script>"#),
            r#"<script type=text/javascript type="application/ld+json"> </script>"#
        );
        assert_eq!(
            stripped(r#"<script id=__NEXT_DATA__ type="application/json">{"a":1}</script>"#),
            r#"<script id=__NEXT_DATA__ type="application/json"> </script>"#
        );
    }

    #[test]
    fn an_end_tag_inside_a_js_string_ends_the_script() {
        // As in the browser: the string does not protect it.
        assert_eq!(
            stripped("<script>var s = '</script>';</script><p>x</p>"),
            "<script> </script>';</script><p>x</p>"
        );
        // `</scripts` and `</script-x` are not end tags.
        assert_eq!(
            stripped("<script>a('</scripts>', '</script-x>')</script><p>x</p>"),
            "<script> </script><p>x</p>"
        );
    }

    #[test]
    fn a_script_opened_inside_an_escaped_script_holds_its_end_tag() {
        // `<!--` then `<script>`: the first `</script>` belongs to the script
        // text; `-->` goes back to plain script data, and the next ends it.
        let page = "<script><!-- document.write('<script>x()</script>'); --></script><p>after</p>";
        assert_eq!(stripped(page), "<script> </script><p>after</p>");
        // Escaped without `<script>`: the first `</script>` ends it.
        let page = "<script><!-- a = '</script>'; --></script><p>after</p>";
        assert_eq!(
            stripped(page),
            "<script> </script>'; --></script><p>after</p>"
        );
        // Double escaped and never closed with `-->`: it runs to the end.
        let page = "<script><!--<script></script><p>gone</p>";
        assert_eq!(stripped(page), "<script> ");
        // `<!-->` leaves the escaped state at once.
        let page = "<script><!--><script></script><p>after</p>";
        assert_eq!(stripped(page), "<script> </script><p>after</p>");
        // `</script>` ends a double escape, the next one ends the script.
        let page = "<script><!--<script></script></script>--></script><p>x</p>";
        assert_eq!(stripped(page), "<script> </script>--></script><p>x</p>");
    }

    #[test]
    fn unterminated_script_and_comment_run_to_the_end() {
        assert_eq!(
            stripped("<p>a</p><script>var x = 1; <p>b"),
            "<p>a</p><script> "
        );
        assert_eq!(stripped("<p>a</p><!-- <p>b</p>"), "<p>a</p><!--");
        // A tag cut off by the end of the page stops the scan.
        assert_eq!(stripped("<p>a</p><div class='x"), "<p>a</p><div class='x");
    }

    #[test]
    fn comments_lose_their_text_as_the_tokenizer_ends_them() {
        assert_eq!(stripped("a<!-- x -->b"), "a<!---->b");
        assert_eq!(stripped("a<!-- x --!>b"), "a<!----!>b");
        assert_eq!(stripped("a<!-->b<!--->c"), "a<!-->b<!--->c");
        // `->` and `-!>` do not end a comment; `<!--` inside one is text.
        assert_eq!(
            stripped("a<!-- x -> <!-- y -!> --><p>b</p>"),
            "a<!----><p>b</p>"
        );
        // Comment syntax inside raw text is text.
        assert_eq!(
            stripped("<textarea><!-- x --></textarea><title>a<!--b--></title>"),
            "<textarea><!-- x --></textarea><title>a<!--b--></title>"
        );
    }

    #[test]
    fn noscript_and_template_are_kept() {
        let page = "<noscript><p>Content <script>x</script></p></noscript>";
        assert_eq!(stripped(page), page);
        let page = "<template><p>Card</p></template>";
        assert_eq!(stripped(page), page);
        // A script inside a template is still a script.
        assert_eq!(
            stripped("<template><script>x()</script></template>"),
            "<template><script> </script></template>"
        );
    }

    #[test]
    fn attributes_holding_markup_are_not_tags() {
        assert_eq!(
            stripped("<div class='<script>' id=\"a>b\"><script>var a;</script></div>"),
            "<div class='<script>' id=\"a>b\"><script> </script></div>"
        );
        // `<style>` in an attribute value does not start raw text.
        assert_eq!(
            stripped("<a title=\"<style>\">x</a><style>p{}</style>"),
            "<a title=\"<style>\">x</a><style> </style>"
        );
    }

    #[test]
    fn svg_content_goes_when_it_stays_foreign() {
        assert_eq!(
            stripped("<SVG viewBox='0 0 1 1'><g><path d='M0 0'/><svg><circle r=1></svg></g></SVG><p>x</p>"),
            "<SVG viewBox='0 0 1 1'></SVG><p>x</p>"
        );
        // Nested svg elements: the inner end tag does not end the outer one.
        assert_eq!(
            stripped("<svg><svg><g></g></svg><text>t</text></svg>after"),
            "<svg></svg>after"
        );
        // A title of text only is fine; CDATA and comments are skipped.
        assert_eq!(
            stripped("<svg><title>Share</title><![CDATA[</svg>]]><!--</svg>--></svg>after"),
            "<svg></svg>after"
        );
        // A self-closing svg has no content.
        assert_eq!(stripped("<svg/><p>x</p>"), "<svg/><p>x</p>");
    }

    #[test]
    fn the_scan_stops_where_svg_might_not_stay_foreign() {
        for page in [
            // `<p>` breaks out of foreign content.
            "<svg><p>text</p></svg><script>x()</script>",
            // HTML inside foreignObject.
            "<svg><foreignObject><div>x</div></foreignObject></svg><script>x()</script>",
            // An end tag with no match inside goes to the HTML parser.
            "<div><svg><g></div></svg><script>x()</script>",
            // Never closed.
            "<svg><g><path/><script>x()</script>",
        ] {
            assert_eq!(stripped(page), page);
        }
        // What came before the svg is still blanked.
        assert_eq!(
            stripped("<style>a{}</style><svg><p>x</p></svg><style>b{}</style>"),
            "<style> </style><svg><p>x</p></svg><style>b{}</style>"
        );
    }

    #[test]
    fn script_inside_svg_is_foreign_and_goes_with_it() {
        assert_eq!(
            stripped("<svg><script>if (a<b) x()</script></svg><script>y()</script>"),
            "<svg></svg><script> </script>"
        );
    }

    #[test]
    fn math_is_skipped_unchanged() {
        let page = "<math><mi>x</mi><mo>=</mo></math><style>p{}</style>";
        assert_eq!(
            stripped(page),
            "<math><mi>x</mi><mo>=</mo></math><style> </style>"
        );
    }

    #[test]
    fn plaintext_and_frameset_stop_the_scan() {
        let page = "<plaintext><script>x()</script>";
        assert_eq!(stripped(page), page);
        let page = "<frameset><style>p{}</style>";
        assert_eq!(stripped(page), page);
    }

    #[test]
    fn multibyte_text_around_edits_stays_whole() {
        assert_eq!(
            stripped("é<script>ü = 'ß'</script>日本<!--語-->"),
            "é<script> </script>日本<!---->"
        );
    }

    /// The parsed page as a string, with what the pre-pass blanks left out:
    /// script and style text (only whether there is some), comment text,
    /// the content of `<svg>` elements.
    fn tree(html: &str) -> String {
        use ego_tree::iter::Edge;
        use scraper::Node;
        let doc = scraper::Html::parse_document(html);
        let mut out = String::new();
        let mut in_svg = 0usize;
        let mut raw = false;
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if in_svg > 0 {
                        in_svg += 1;
                        continue;
                    }
                    match node.value() {
                        Node::Element(e) => {
                            out.push_str(&format!("<{:?}", e.name));
                            let all = ALL_ATTRIBUTES_KEPT.contains(&e.name().as_bytes());
                            for (name, value) in e.attrs() {
                                if all || READ_ATTRIBUTES.contains(&name.as_bytes()) {
                                    out.push_str(&format!(" {name}={value:?}"));
                                }
                            }
                            out.push('>');
                            raw = matches!(e.name(), "script" | "style")
                                && e.attr("type") != Some("application/ld+json");
                            if e.name() == "svg" && e.name.ns == html5ever::ns!(svg) {
                                in_svg = 1;
                            }
                        }
                        Node::Text(t) if raw => out.push_str(if t.is_empty() { "" } else { "T" }),
                        Node::Text(t) => out.push_str(&format!("{:?}", &**t)),
                        Node::Comment(_) => out.push_str("<!>"),
                        other => out.push_str(&format!("{other:?}")),
                    }
                }
                Edge::Close(node) => {
                    if in_svg > 1 {
                        in_svg -= 1;
                        continue;
                    }
                    in_svg = 0;
                    raw = false;
                    if let Node::Element(e) = node.value() {
                        out.push_str(&format!("</{}>", e.name()));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn unread_attributes_go() {
        assert_eq!(
            stripped("<div data-a=\"x>y\" class=c  data-b=1 id=i/><p data-c='1'>t</p>"),
            "<div class=c  id=i/><p >t</p>"
        );
        // Formatting elements, and tags over the budget, keep them all.
        assert_eq!(stripped("<b data-a=1>x</b>"), "<b data-a=1>x</b>");
        let crowded = format!("<div{}>", " data-a=1".repeat(600));
        assert_eq!(stripped(&crowded), crowded);
        // `=` may start a name; `/` between attributes is skipped.
        assert_eq!(stripped("<p =x data-y/z lang=en>"), "<p /lang=en>");
    }

    #[test]
    fn every_attribute_extraction_reads_is_kept() {
        let sources = [
            include_str!("blocks.rs"),
            include_str!("cards.rs"),
            include_str!("comments.rs"),
            include_str!("dom.rs"),
            include_str!("metadata.rs"),
            include_str!("mod.rs"),
            include_str!("product.rs"),
            include_str!("prune.rs"),
            include_str!("score.rs"),
        ];
        let mut names = vec!["name", "http-equiv", "xml:lang"];
        for source in sources {
            for (at, _) in source.match_indices("attr(") {
                let call = &source[at..];
                let Some(quote) = call.find('"').filter(|&q| !call[..q].contains(')')) else {
                    continue;
                };
                let name = &call[quote + 1..];
                names.push(&name[..name.find('"').unwrap()]);
            }
        }
        assert!(names.len() > 20, "{names:?}");
        for name in names {
            assert!(READ_ATTRIBUTES.contains(&name.as_bytes()), "{name}");
        }
    }

    #[test]
    fn the_parsed_tree_is_unchanged_on_the_hand_written_cases() {
        for page in [
            "<script>var s = '</script>';</script><p>x</p>",
            "<script><!-- document.write('<script>x()</script>'); --></script><p>after</p>",
            "<script><!-- a = '</script>'; --></script><p>after</p>",
            "<script><!--<script></script><p>gone</p>",
            "<script><!--><script></script><p>after</p>",
            "<script><!--<script></script></script>--></script><p>x</p>",
            "<p>a</p><!-- <p>b</p>",
            "a<!-- x -> <!-- y -!> --><p>b</p>",
            "<svg><svg><g></g></svg><text>t</text></svg>after",
            "<svg><title>Share</title><![CDATA[</svg>]]><!--</svg>--></svg>after",
            "<div><svg><g></div></svg><script>x()</script>",
            "<p><b>bold</p><svg><title>Icon</title></svg>text",
            "<table><svg><title>X</title></svg><tr><td>c</td></tr></table>",
        ] {
            assert_eq!(tree(&stripped(page)), tree(page), "{page}");
        }
    }

    proptest::proptest! {
        /// Random soups of the markup the scan must read as the parser does
        /// parse to the same tree with and without it.
        #[test]
        fn the_parsed_tree_is_unchanged(parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("<script>"), proptest::strategy::Just("</script>"),
                proptest::strategy::Just("<SCRIPT type=application/ld+json>"),
                proptest::strategy::Just("<style>"), proptest::strategy::Just("</style >"),
                proptest::strategy::Just("<!--"), proptest::strategy::Just("-->"),
                proptest::strategy::Just("--!>"), proptest::strategy::Just("<!-->"),
                proptest::strategy::Just("<svg>"), proptest::strategy::Just("</svg>"),
                proptest::strategy::Just("<g>"), proptest::strategy::Just("</g>"),
                proptest::strategy::Just("<path d='M0'/>"), proptest::strategy::Just("<title>"),
                proptest::strategy::Just("</title>"), proptest::strategy::Just("<p>"),
                proptest::strategy::Just("</p>"), proptest::strategy::Just("<div>"),
                proptest::strategy::Just("</div>"), proptest::strategy::Just("<b>"),
                proptest::strategy::Just("<noscript>"), proptest::strategy::Just("</noscript>"),
                proptest::strategy::Just("<textarea>"), proptest::strategy::Just("</textarea>"),
                proptest::strategy::Just("<template>"), proptest::strategy::Just("</template>"),
                proptest::strategy::Just("<table>"), proptest::strategy::Just("<td>"),
                proptest::strategy::Just("<math>"), proptest::strategy::Just("<mi>"),
                proptest::strategy::Just("<![CDATA["), proptest::strategy::Just("]]>"),
                proptest::strategy::Just("<a title='<script>'>"), proptest::strategy::Just("'"),
                proptest::strategy::Just("<div data-x='1>2' CLASS=c/>"),
                proptest::strategy::Just("<p id=a data-y title = \"t\"ID=b>"),
                proptest::strategy::Just("<span x=1/ y>"), proptest::strategy::Just("<b data-z=1>"),
                proptest::strategy::Just("<input type=hidden data-q>"),
                proptest::strategy::Just("<font color=red data-c>"),
                proptest::strategy::Just("text "), proptest::strategy::Just("<"),
                proptest::strategy::Just(">"), proptest::strategy::Just("-"),
            ],
            0..40,
        )) {
            let page: String = parts.concat();
            proptest::prop_assert_eq!(tree(&stripped(&page)), tree(&page), "{}", page);
        }
    }
}
