//! A flat, pre-order view of a parsed page: one [`Node`] per DOM node with its
//! parent, the end of its subtree and its [`Tag`], so that every later step
//! walks arrays instead of recursing over the tree.
//!
//! In pre-order a node's descendants are exactly the indices in
//! `index + 1 .. end`, and every child comes after its parent: bottom-up sums
//! are one reverse loop, "is inside" is an interval test.

use super::tree::{Data, Document, Edge, Element, NamesId, NodeId, NO_NAMES};
use std::ops::Range;

/// Index of a node in [`Dom::nodes`].
pub(crate) type Ix = u32;

/// Marks "no parent" (the document root).
pub(crate) const NO_PARENT: Ix = Ix::MAX;

/// What kind of node this is, as far as extraction cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    /// A text node.
    Text,
    /// The document, comments, doctypes, processing instructions.
    Other,
    Html,
    Body,
    Head,
    P,
    Div,
    Section,
    Article,
    Main,
    Header,
    Footer,
    Nav,
    Aside,
    /// `h1` to `h6`.
    Heading(u8),
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Tr,
    Td,
    Th,
    /// `thead`, `tbody`, `tfoot`, `colgroup`.
    TableSection,
    Caption,
    Pre,
    Blockquote,
    Figure,
    Figcaption,
    Br,
    Hr,
    A,
    Img,
    Form,
    /// Elements never shown as text: scripts, styles, templates, embedded
    /// objects, form controls; ruby annotations, which are not prose.
    Invisible,
    /// `button`, `input`, `select`, `textarea`, `label`, `legend`.
    Control,
    /// Other elements that start a new line (`address`, `details`, ...).
    OtherBlock,
    /// Other elements that flow inline (`span`, `em`, `code`, ...).
    OtherInline,
}

impl Tag {
    /// Classifies an element by its local name (lowercase, as html5ever gives it).
    pub(crate) fn of(name: &str) -> Tag {
        // Byte patterns compile to a decision tree on length and bytes;
        // string patterns to one comparison per arm.
        match name.as_bytes() {
            b"html" => Tag::Html,
            b"body" => Tag::Body,
            b"head" => Tag::Head,
            b"p" => Tag::P,
            b"div" => Tag::Div,
            b"section" => Tag::Section,
            b"article" => Tag::Article,
            b"main" => Tag::Main,
            b"header" => Tag::Header,
            b"footer" => Tag::Footer,
            b"nav" => Tag::Nav,
            b"aside" => Tag::Aside,
            b"h1" => Tag::Heading(1),
            b"h2" => Tag::Heading(2),
            b"h3" => Tag::Heading(3),
            b"h4" => Tag::Heading(4),
            b"h5" => Tag::Heading(5),
            b"h6" => Tag::Heading(6),
            b"ul" | b"menu" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"table" => Tag::Table,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"thead" | b"tbody" | b"tfoot" | b"colgroup" => Tag::TableSection,
            b"caption" => Tag::Caption,
            b"pre" | b"listing" | b"plaintext" | b"xmp" => Tag::Pre,
            b"blockquote" => Tag::Blockquote,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::Figcaption,
            b"br" => Tag::Br,
            b"hr" => Tag::Hr,
            b"a" => Tag::A,
            b"img" => Tag::Img,
            b"form" => Tag::Form,
            b"script" | b"style" | b"noscript" | b"template" | b"svg" | b"math" | b"canvas"
            | b"iframe" | b"object" | b"embed" | b"video" | b"audio" | b"source" | b"track"
            | b"picture" | b"map" | b"title" | b"meta" | b"link" | b"base" | b"datalist"
            | b"dialog" | b"frame" | b"frameset" | b"noframes" | b"param" | b"area" => {
                Tag::Invisible
            }
            // Ruby annotations (furigana, pinyin) are reading aids printed
            // above the base text; `rp` holds their fallback parentheses.
            // The prose is the base text alone.
            b"rt" | b"rp" => Tag::Invisible,
            b"button" | b"input" | b"select" | b"textarea" | b"option" | b"optgroup" | b"label"
            | b"legend" | b"output" | b"progress" | b"meter" => Tag::Control,
            // A fieldset groups whatever it holds: the controls inside it go
            // on their own, the text stays (pages laid out in fieldsets).
            b"address" | b"details" | b"summary" | b"center" | b"hgroup" | b"search" | b"dir"
            | b"noindex" | b"fieldset" => Tag::OtherBlock,
            _ => Tag::OtherInline,
        }
    }

    /// Whether the element starts and ends a line when rendered.
    pub(crate) fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Text
                | Tag::Other
                | Tag::A
                | Tag::Img
                | Tag::Br
                | Tag::OtherInline
                | Tag::Control
                | Tag::Invisible
        )
    }

    /// Whether the element is a heading.
    pub(crate) fn is_heading(self) -> bool {
        matches!(self, Tag::Heading(_))
    }
}

/// One DOM node in pre-order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    /// The node in the parsed [`Document`].
    pub id: NodeId,
    /// Index of the parent, [`NO_PARENT`] for the document root.
    pub parent: Ix,
    /// One past the index of the last descendant.
    pub end: Ix,
    /// The node's kind.
    pub tag: Tag,
    /// Whether the node is an `<a>` or inside one.
    pub in_link: bool,
    /// An element's (class, id) pair ([`NO_NAMES`] for other nodes).
    pub names: NamesId,
}

/// The flattened page.
pub(crate) struct Dom<'a> {
    /// The parsed page the nodes point into.
    pub doc: &'a Document,
    /// All nodes in pre-order; index 0 is the document.
    pub nodes: Vec<Node>,
    /// For each text node, its [`TextCounts::visible`] (0 for other nodes),
    /// counted once for the many statistics passes.
    pub chars: Vec<u32>,
    /// For each text node, its [`TextCounts::commas`] (0 for other nodes).
    pub commas: Vec<u32>,
    /// For each node, the index of the nearest block element at or above it
    /// (0 when there is none): what a text node's characters are the own
    /// text of.
    pub owner: Vec<Ix>,
}

impl<'a> Dom<'a> {
    /// Flattens `doc` without recursion.
    pub(crate) fn new(doc: &'a Document) -> Dom<'a> {
        let capacity = doc.len();
        let mut nodes: Vec<Node> = Vec::with_capacity(capacity);
        let mut chars: Vec<u32> = Vec::with_capacity(capacity);
        let mut commas: Vec<u32> = Vec::with_capacity(capacity);
        let mut owner: Vec<Ix> = Vec::with_capacity(capacity);
        let mut stack: Vec<Ix> = Vec::with_capacity(64);
        for edge in doc.traverse(doc.root()) {
            match edge {
                Edge::Open(id) => {
                    let (tag, text, names) = match doc.data(id) {
                        Data::Element(e) => (Tag::of(e.name()), "", e.names()),
                        Data::Text(t) => (Tag::Text, &**t, NO_NAMES),
                        _ => (Tag::Other, "", NO_NAMES),
                    };
                    let counts = TextCounts::of(text);
                    chars.push(counts.visible);
                    commas.push(counts.commas);
                    let index = nodes.len() as Ix;
                    let parent = stack.last().copied();
                    let above = parent.map(|p| (nodes[p as usize].in_link, owner[p as usize]));
                    let (in_link, owner_above) = above.unwrap_or((false, 0));
                    owner.push(match parent {
                        Some(_) if tag.is_block() => index,
                        _ => owner_above,
                    });
                    nodes.push(Node {
                        id,
                        parent: parent.unwrap_or(NO_PARENT),
                        end: index + 1,
                        tag,
                        in_link: in_link || tag == Tag::A,
                        names,
                    });
                    stack.push(index);
                }
                Edge::Close(_) => {
                    if let Some(index) = stack.pop() {
                        nodes[index as usize].end = nodes.len() as Ix;
                    }
                }
            }
        }
        Dom {
            doc,
            nodes,
            chars,
            commas,
            owner,
        }
    }

    /// Number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The node at `i`.
    pub(crate) fn node(&self, i: Ix) -> &Node {
        &self.nodes[i as usize]
    }

    /// The element at `i`, if it is one.
    pub(crate) fn element(&self, i: Ix) -> Option<&'a Element> {
        self.doc.element(self.nodes[i as usize].id)
    }

    /// The text of the text node at `i` (empty for other nodes).
    pub(crate) fn text(&self, i: Ix) -> &'a str {
        self.doc.text(self.nodes[i as usize].id).unwrap_or("")
    }

    /// An attribute of the element at `i`.
    pub(crate) fn attr(&self, i: Ix, name: &str) -> Option<&'a str> {
        self.element(i).and_then(|e| e.get_attr(name))
    }

    /// A CSS-like name for the element at `i`: its tag, `#id` and `.class`es
    /// (`div#main.entry-content`), for explanations.
    pub(crate) fn describe(&self, i: Ix) -> String {
        let Some(e) = self.element(i) else {
            return "#text".into();
        };
        let mut out = e.name().to_string();
        if let Some(id) = e.get_attr("id").filter(|id| !id.is_empty()) {
            out.push('#');
            out.push_str(id);
        }
        for class in e.get_attr("class").unwrap_or("").split_whitespace() {
            out.push('.');
            out.push_str(class);
        }
        out
    }

    /// Whether `inner` is `outer` or one of its descendants.
    pub(crate) fn contains(&self, outer: Ix, inner: Ix) -> bool {
        outer <= inner && inner < self.nodes[outer as usize].end
    }

    /// Element children of `i`, in order.
    pub(crate) fn children(&self, i: Ix) -> Children<'_, 'a> {
        Children {
            dom: self,
            next: i + 1,
            end: self.nodes[i as usize].end,
        }
    }

    /// Index of the `body` element, or the document root when there is none.
    pub(crate) fn body(&self) -> Ix {
        self.nodes
            .iter()
            .position(|n| n.tag == Tag::Body)
            .map_or(0, |p| p as Ix)
    }

    /// The outermost nodes, outside `removed` subtrees, for which `pick`
    /// holds, in document order (one pre-order walk; a picked node's subtree
    /// is skipped).
    pub(crate) fn outermost(&self, removed: &[bool], pick: impl FnMut(Ix) -> bool) -> Vec<Ix> {
        self.outermost_in(0..self.len() as Ix, removed, pick)
    }

    /// [`outermost`](Dom::outermost) over the nodes at the indices of `range`
    /// (the walk starts at `range.start` and stops at `range.end`; a picked
    /// node's subtree may reach past the end).
    pub(crate) fn outermost_in(
        &self,
        range: Range<Ix>,
        removed: &[bool],
        mut pick: impl FnMut(Ix) -> bool,
    ) -> Vec<Ix> {
        let mut out = Vec::new();
        let mut i = range.start;
        while i < range.end {
            if removed[i as usize] {
                i = self.nodes[i as usize].end;
            } else if pick(i) {
                out.push(i);
                i = self.nodes[i as usize].end;
            } else {
                i += 1;
            }
        }
        out
    }

    /// For every node, the element sibling just before it ([`NO_PARENT`] if none).
    pub(crate) fn previous_elements(&self) -> Vec<Ix> {
        let mut prev = vec![NO_PARENT; self.nodes.len()];
        let mut last_child: Vec<Ix> = vec![NO_PARENT; self.nodes.len()];
        for (i, node) in self.nodes.iter().enumerate().skip(1) {
            if node.parent == NO_PARENT {
                continue;
            }
            prev[i] = last_child[node.parent as usize];
            if !matches!(node.tag, Tag::Text | Tag::Other) {
                last_child[node.parent as usize] = i as Ix;
            }
        }
        prev
    }

    /// Ancestors of `i`, nearest first (not including `i`).
    pub(crate) fn ancestors(&self, i: Ix) -> Ancestors<'_, 'a> {
        Ancestors {
            dom: self,
            next: self.nodes[i as usize].parent,
        }
    }
}

/// Iterator over the children of a node (all node kinds).
pub(crate) struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: Ix,
    end: Ix,
}

impl Iterator for Children<'_, '_> {
    type Item = Ix;
    fn next(&mut self) -> Option<Ix> {
        if self.next >= self.end {
            return None;
        }
        let i = self.next;
        self.next = self.dom.nodes[i as usize].end;
        Some(i)
    }
}

/// Iterator over the ancestors of a node.
pub(crate) struct Ancestors<'d, 'a> {
    dom: &'d Dom<'a>,
    next: Ix,
}

impl Iterator for Ancestors<'_, '_> {
    type Item = Ix;
    fn next(&mut self) -> Option<Ix> {
        if self.next == NO_PARENT {
            return None;
        }
        let i = self.next;
        self.next = self.dom.nodes[i as usize].parent;
        Some(i)
    }
}

/// What [`Dom`] counts in a text node, in one pass over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextCounts {
    /// Characters that are not whitespace.
    pub visible: u32,
    /// Commas in Latin, CJK and Arabic scripts.
    pub commas: u32,
}

impl TextCounts {
    /// The counts of `text`, from counts of bytes (which the compiler reads
    /// many at a time; ASCII text, the most common, with fewer counts): a
    /// character is a byte that does not continue one,
    /// and the few non-ASCII spaces and commas are found by their first
    /// bytes. Whitespace is [`char::is_whitespace`], except that a vertical
    /// tab is visible in text that is all ASCII (as
    /// [`u8::is_ascii_whitespace`] has it).
    pub(crate) fn of(text: &str) -> TextCounts {
        let b = text.as_bytes();
        if b.is_ascii() {
            let mut counts = TextCounts {
                visible: 0,
                commas: 0,
            };
            for &c in b {
                counts.visible += u32::from(!c.is_ascii_whitespace());
                counts.commas += u32::from(c == b',');
            }
            return counts;
        }
        let (mut chars, mut spaces, mut commas, mut tabs) = (0u32, 0u32, 0u32, 0u32);
        for &c in b {
            chars += u32::from((c as i8) >= -0x40);
            spaces += u32::from(matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'));
            commas += u32::from(c == b',');
            tabs += u32::from(c == b'\x0b');
        }
        if chars as usize != b.len() {
            spaces += tabs;
            let leads = memchr::memchr3_iter(0xc2, 0xe2, 0xe3, b)
                .chain(memchr::memchr3_iter(0xd8, 0xe1, 0xef, b));
            for i in leads {
                let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
                match (b[i], next(1), next(2)) {
                    // U+0085, U+00A0
                    (0xc2, 0x85 | 0xa0, _) => spaces += 1,
                    // U+060C ARABIC COMMA
                    (0xd8, 0x8c, _) => commas += 1,
                    // U+1680
                    (0xe1, 0x9a, 0x80) => spaces += 1,
                    // U+2000..=U+200A, U+2028, U+2029, U+202F
                    (0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) => spaces += 1,
                    // U+205F
                    (0xe2, 0x81, 0x9f) => spaces += 1,
                    // U+3000 IDEOGRAPHIC SPACE, U+3001 IDEOGRAPHIC COMMA
                    (0xe3, 0x80, 0x80) => spaces += 1,
                    (0xe3, 0x80, 0x81) => commas += 1,
                    // U+FF0C FULLWIDTH COMMA
                    (0xef, 0xbc, 0x8c) => commas += 1,
                    _ => {}
                }
            }
        }
        TextCounts {
            visible: chars - spaces,
            commas,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_counts_read_whitespace_and_commas_of_every_script() {
        let ascii = TextCounts::of(" a, b,\tc\n");
        assert_eq!((ascii.visible, ascii.commas), (5, 2));
        // U+3000 is whitespace; the ideographic and Arabic commas count.
        let wide = TextCounts::of("東京、大阪，\u{3000}نعم، ");
        assert_eq!((wide.visible, wide.commas), (10, 3));
        assert_eq!(
            TextCounts::of(" \n\t"),
            TextCounts {
                visible: 0,
                commas: 0
            }
        );
    }

    /// The computation [`TextCounts::of`] replaced.
    fn counts_by_chars(text: &str) -> TextCounts {
        let mut counts = TextCounts {
            visible: 0,
            commas: 0,
        };
        if text.is_ascii() {
            for b in text.bytes() {
                counts.visible += u32::from(!b.is_ascii_whitespace());
                counts.commas += u32::from(b == b',');
            }
        } else {
            for c in text.chars() {
                counts.visible += u32::from(!c.is_whitespace());
                counts.commas += u32::from(matches!(c, ',' | '，' | '、' | '،'));
            }
        }
        counts
    }

    #[test]
    fn text_counts_agree_with_counting_chars_on_every_space_and_comma() {
        let specials: Vec<char> = (0..=0x10ffffu32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace() || matches!(c, ',' | '，' | '、' | '،'))
            .collect();
        for &c in &specials {
            for text in [format!("{c}"), format!("a{c}b"), format!("\u{b}ą{c}")] {
                assert_eq!(TextCounts::of(&text), counts_by_chars(&text), "{c:?}");
            }
        }
        // Neighbours of the special byte sequences are not special.
        for c in [
            '\u{84}', '\u{a1}', '\u{1681}', '\u{200b}', '\u{2030}', '\u{3002}', '\u{ff0d}',
        ] {
            let text = format!("x{c}y");
            assert_eq!(TextCounts::of(&text), counts_by_chars(&text), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn text_counts_agree_with_counting_chars(text in "(\\PC|\\s|[,，、،\u{b}\u{a0}\u{3000}\u{2000}-\u{200b}]){0,40}") {
            proptest::prop_assert_eq!(TextCounts::of(&text), counts_by_chars(&text));
        }
    }

    #[test]
    fn preorder_intervals_and_parents() {
        let doc = Document::parse("<body><div><p>a<b>b</b></p></div><p>c</p></body>");
        let dom = Dom::new(&doc);
        let body = dom.body();
        let div = body + 1;
        assert_eq!(dom.node(div).tag, Tag::Div);
        let p = div + 1;
        assert_eq!(dom.node(p).tag, Tag::P);
        assert!(dom.contains(div, p));
        assert!(dom.contains(body, p));
        let second_p = dom.node(div).end;
        assert_eq!(dom.node(second_p).tag, Tag::P);
        assert!(!dom.contains(div, second_p));
        assert_eq!(dom.node(second_p).parent, body);
        let kids: Vec<Tag> = dom.children(body).map(|i| dom.node(i).tag).collect();
        assert_eq!(kids, [Tag::Div, Tag::P]);
        assert_eq!(dom.ancestors(p).next(), Some(div));
    }

    #[test]
    fn outermost_in_a_range_skips_picked_and_removed_subtrees() {
        let doc = Document::parse(
            "<body><div><p>a</p></div><p>b</p><section><p>c</p></section><p>d</p><p>e</p></body>",
        );
        let dom = Dom::new(&doc);
        let body = dom.body();
        let tag = |i: Ix| dom.node(i).tag;
        let kids: Vec<Ix> = dom.children(body).collect();
        let [div, b, section, d, e] = kids[..] else {
            panic!("{kids:?}");
        };
        let mut removed = vec![false; dom.len()];
        for r in section..dom.node(section).end {
            removed[r as usize] = true;
        }
        let block = |i: Ix| matches!(tag(i), Tag::Div | Tag::P | Tag::Section);
        // The div is picked and its paragraph skipped; the section's subtree
        // is removed; `e` lies outside the range.
        assert_eq!(dom.outermost_in(body + 1..e, &removed, block), [div, b, d]);
        // A range starting inside the div sees its paragraph.
        let pick_p = |i: Ix| tag(i) == Tag::P;
        assert_eq!(dom.outermost_in(div + 1..b, &removed, pick_p), [div + 1]);
        assert_eq!(
            dom.outermost(&removed, pick_p),
            [div + 1, b, d, e],
            "the whole array"
        );
        assert!(dom.outermost_in(d..d, &removed, pick_p).is_empty());
    }

    #[test]
    fn ruby_annotations_are_not_text() {
        let doc = Document::parse("<p><ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>を</p>");
        let dom = Dom::new(&doc);
        let tags: Vec<Tag> = (0..dom.len() as Ix)
            .filter(|&i| {
                dom.element(i)
                    .is_some_and(|e| matches!(e.name(), "rt" | "rp"))
            })
            .map(|i| dom.node(i).tag)
            .collect();
        assert_eq!(tags, [Tag::Invisible; 3]);
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let depth = 2_000;
        let page = "<div>".repeat(depth) + "x";
        let doc = Document::parse(&page);
        let dom = Dom::new(&doc);
        assert!(dom.len() > depth);
    }
}
